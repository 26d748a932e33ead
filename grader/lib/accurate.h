/* accurate.h — the expected values of the checks, computed more accurately
 * than any double implementation (long double accumulators), and for every
 * entry the tolerance a backward-stable double implementation can need.
 *
 * Error analysis (ε = DBL_EPSILON = 2u, u the unit roundoff).  Any loop or
 * summation order, log-sum-exp form, reciprocal multiply, long-double or
 * pairwise accumulator stays inside these bounds; float arithmetic, a clamp or
 * a wrong formula does not.  Every bound carries a factor ≥ 2 of margin over
 * the textbook one (Higham, "Accuracy and Stability", §3: γ_m ≤ m·u/(1−m·u)).
 *
 *   softmax   p_ij = exp(z_ij − m_i) / s_i.  The argument of exp carries an
 *             absolute error ≤ ε(|z_ij| + |m_i|) (the log-sum-exp form rounds
 *             m_i + log s_i too), exp turns it into a relative error; the sum
 *             of k terms and the division add (k + 2)ε:
 *               tol_ij = 4ε·(k + 4 + |z_ij| + |m_i|)·p_ij + 4·DBL_MIN
 *             (the absolute floor lets a result below the normal range be
 *             flushed to 0 or kept subnormal).
 *   loss      L = (1/n)·Σ t_e, t_e = −y_e·log p_e (every t_e ≥ 0): each term
 *             has a relative error ≤ 3ε plus an absolute ε (log near 1, or
 *             y·log p written as log(p^y)); a sum of m terms adds γ_m:
 *               tol = ε·((m + 4)·Σ|t_e| + 4·#{y_e ≠ 0}) / n.
 *   gradient  G_fj = (1/n)·Σ_i a_if·(p_ij − y_ij) (a = X, or 1 for db): a dot
 *             product of n terms, each with ≤ 3 roundings, formed as
 *             a·(p − y) or a·p − a·y:
 *               tol_fj = (n + 4)·ε·(1/n)·Σ_i |a_if|·(|p_ij| + |y_ij|) + DBL_MIN.
 *
 * The accurate values themselves are within a few long-double ulps of the
 * exact ones, i.e. ~2^-11 of the double tolerances; test_lib checks them
 * against reference/ within those tolerances. */
#ifndef SL_ACCURATE_H
#define SL_ACCURATE_H

#include <stddef.h>

/* P (n×k) = softmax(Z) accurately; tol (n×k, may be NULL) as above. */
void sl_acc_softmax(const double *Z, double *P, double *tol, size_t n, size_t k);

/* Tolerance of a row sum of softmax row i: Σ_j tol_ij + (k + 2)ε. */
double sl_acc_rowsum_tol(const double *Z, size_t k);

/* The mean cross-entropy accurately (+inf where some Y > 0 has P == 0);
 * *tol (may be NULL) as above. */
double sl_acc_cross_entropy(const double *P, const double *Y, size_t n, size_t k,
                            double *tol);

/* G (rows×k) = (1/n)·Aᵀ(P − Y) accurately, A n×rows, or A == NULL (rows = 1):
 * the column means of P − Y (db).  tol (rows×k, may be NULL) as above. */
void sl_acc_grad(const double *A, const double *P, const double *Y, size_t n,
                 size_t rows, size_t k, double *G, double *tol);

/* σ(t) = 1/(1 + e^−t) accurately, and its tolerance as a two-class softmax
 * entry of logits (a, b), t = a − b: 4ε·(6 + |a| + |b|)·σ + 4·DBL_MIN. */
double sl_acc_sigmoid(double a, double b, double *tol);

/* Multi-label sigmoid + mean binary cross-entropy (the bonus exercise)
 * accurately: returns L, writes dW (d×k), db (k) and the tolerances
 * *tL, tW (d×k), tb (k) (any may be NULL).  The logit z_e = x_i·w_j + b_j
 * carries ζ_e = (d + 2)ε(Σ_f |x_if w_fj| + |b_j|); softplus and σ have
 * slopes ≤ 1 and ≤ 1/4, so with m = n·k, g_e = σ(z_e) − y_e:
 *   tL    = (1/m)·Σ_e [(m + 4)ε·t_e + 2ζ_e + 4ε]   (t_e the loss terms)
 *   tW_fj = (1/m)·Σ_i |x_if|·[(n + 4)ε·(σ_e + |y_e|) + ζ_e/4]
 *   tb_j  = (1/m)·Σ_i [(n + 4)ε·(σ_e + |y_e|) + ζ_e/4]. */
double sl_acc_bce(const double *X, const double *W, const double *b, const double *Y,
                  size_t n, size_t d, size_t k, double *dW, double *db,
                  double *tL, double *tW, double *tb);

/* |g − e| ≤ tol, NaN only against NaN, ±inf only against the same inf. */
int sl_within(double e, double g, double tol);

/* Largest eigenvalue of [X 1]ᵀ[X 1]/n (X n×d), by power iteration: the loss
 * is L-smooth in (W, b) with L ≤ this / 2 (the softmax Hessian diag(p) − ppᵀ
 * has norm ≤ 1/2). */
double sl_lambda_max(const double *X, size_t n, size_t d);

#endif

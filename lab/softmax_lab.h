/*
 * softmax_lab.h — the student contract of softmax-lab.
 *
 * Read this file first: it *is* the assignment.  You implement the five
 * functions marked EXERCISE, one per file in student/.  The functions marked
 * RUNTIME are already written for you (lab/runtime.c) and you may call them.
 *
 * Conventions (lecture §3–§4, with one deliberate change, see below):
 *   - every matrix is a row-major array of double owned by the caller;
 *     element (i, j) of an r×c matrix M is M[i * c + j];
 *   - n = number of samples, d = number of features, k = number of classes;
 *   - X is n×d (one sample per row), W is d×k, b has k entries,
 *     Z (logits), P (probabilities) and Y (targets) are n×k;
 *   - Y is one-hot, or more generally any row-stochastic matrix
 *     (each row non-negative and summing to 1: "soft" targets).
 *
 * Shape convention.  The lecture writes W ∈ ℝ^{K×d} and ŷ = softmax(Wx + b)
 * in §3, but ∇W ∈ ℝ^{d×K} in §4.  The two cannot both hold for one W.  The
 * kit stores W as d×k so that, for a whole batch, Z = XW + b and
 * ∇W = (1/n) Xᵀ(P − Y) have matching shapes.  Nothing is lost: for one sample
 * x (a column), W_lecture · x  =  (xᵀ · W_kit)ᵀ  with  W_kit = W_lectureᵀ.
 */
#ifndef SOFTMAX_LAB_H
#define SOFTMAX_LAB_H

#include <stddef.h>

/* ------------------------------------------------------------------ */
/* EXERCISES                                                          */
/* ------------------------------------------------------------------ */

/*
 * EXERCISE softmax (lecture §2.1)
 *   P[i][j] = exp(Z[i][j]) / Σ_m exp(Z[i][m])        for each row i.
 * Shapes: Z n×k in, P n×k out.
 * Must be numerically stable for any finite logits: subtract the row's
 * maximum before exp (adding a constant to a row changes nothing, §2.2), so
 * that logits near +1000 do not overflow and near −1000 do not give 0/0.
 * Every output row lies in [0, 1] and sums to 1.  k = 1 gives P = 1.
 * In place is allowed: softmax(Z, Z, n, k) must work (P may alias Z).
 */
void softmax(const double *Z, double *P, size_t n, size_t k);

/*
 * EXERCISE cross_entropy (lecture §3.3, §4.1)
 *   L = −(1/n) Σ_i Σ_j Y[i][j] · log P[i][j]        (natural log)
 * Shapes: P, Y n×k.  Returns the mean over rows (not the sum).
 * A term with Y[i][j] == 0 contributes exactly 0, even where P[i][j] == 0
 * (0 · log 0 is taken as 0, never NaN).  Where Y[i][j] > 0 and
 * P[i][j] == 0 the loss is +inf, as the formula says.
 */
double cross_entropy(const double *P, const double *Y, size_t n, size_t k);

/*
 * EXERCISE grad_w (lecture §4.2)
 *   dW = (1/n) · Xᵀ (P − Y)
 * Shapes: X n×d, P and Y n×k, dW d×k (same shape as W).
 * dW is output only: its previous contents are overwritten, never read.
 */
void grad_w(const double *X, const double *P, const double *Y,
            size_t n, size_t d, size_t k, double *dW);

/*
 * EXERCISE grad_b (lecture §4.3)
 *   db = (1/n) · Σ_i (P[i] − Y[i])        (column means of P − Y)
 * Shapes: P, Y n×k, db k.  db is overwritten, never read.
 */
void grad_b(const double *P, const double *Y, size_t n, size_t k, double *db);

/*
 * EXERCISE train (lecture §4.4, §5)
 * Full-batch gradient descent starting from the W (d×k) and b (k) given.
 * For each epoch e = 0 … epochs−1:
 *   Z = XW + b;  P = softmax(Z);
 *   loss_history[e] = cross_entropy(P, Y)   (loss at the *current*
 *                                            parameters, before the update;
 *                                            skipped when loss_history is NULL)
 *   W −= lr · dW;  b −= lr · db              (both gradients computed from
 *                                            the same P, before either update)
 * Returns the loss at the final parameters (after the last update); with
 * epochs == 0 that is the loss at the W, b given.
 * W and b are updated in place.  Allocates its own scratch and frees it.
 * Shapes: X n×d, Y n×k, loss_history has `epochs` entries.
 */
double train(const double *X, const double *Y, size_t n, size_t d, size_t k,
             double *W, double *b, double lr, size_t epochs,
             double *loss_history);

/* ------------------------------------------------------------------ */
/* RUNTIME (lab/runtime.c) — you may call these                        */
/* ------------------------------------------------------------------ */

/* Z = XW + b (b added to every row).  X n×d, W d×k, b k, Z n×k (overwritten). */
void logits(const double *X, const double *W, const double *b,
            size_t n, size_t d, size_t k, double *Z);

/* Y[i][labels[i]] = 1, every other entry 0.  labels n, each in [0, k); Y n×k. */
void one_hot(const int *labels, size_t n, size_t k, double *Y);

/* Index of the largest of v[0..k−1]; the first one on ties; 0 when k == 0. */
size_t argmax(const double *v, size_t k);

/* labels[i] = argmax of row i of XW + b.  X n×d, W d×k, b k, labels n. */
void predict(const double *X, const double *W, const double *b,
             size_t n, size_t d, size_t k, int *labels);

/* Fraction of i with pred[i] == truth[i]; 0 when n == 0. */
double accuracy(const int *pred, const int *truth, size_t n);

/*
 * Stubs call NOT_IMPLEMENTED() so that the checker can say "not implemented
 * yet" instead of reporting wrong numbers.  Delete the call when you start.
 */
void sl_not_implemented(const char *function);
#define NOT_IMPLEMENTED() sl_not_implemented(__func__)

/* Name of the last function that called NOT_IMPLEMENTED(), or NULL; resets it. */
const char *sl_take_not_implemented(void);

#endif /* SOFTMAX_LAB_H */

/* diagnose.h — naming the mistake behind a wrong answer, only when the
 * evidence is decisive (decide.h).
 *
 * Each function recomputes the answer the way each known mistake would (with
 * the oracle, never the student's code), and keeps the mistakes whose model
 * fits the student's output decisively: within the check's tolerance of the
 * model, ≥ 1000× that tolerance from the right answer.  It then calls the
 * student's function `fn` once more on a second, independent input of the
 * same shape and magnitudes and keeps only the mistakes that fit there too.
 * Returns the id (grader/lib/mistakes.h) or NULL: then the check reports an
 * observation (observe.h) or a plain mismatch instead.  With fn == NULL
 * nothing is named (no second input).  Inputs are the exact arguments the
 * student's function was called with. */
#ifndef SL_DIAGNOSE_H
#define SL_DIAGNOSE_H

#include <stddef.h>

typedef void sl_softmax_fn(const double *Z, double *P, size_t n, size_t k);
typedef double sl_cross_entropy_fn(const double *P, const double *Y, size_t n, size_t k);
typedef void sl_grad_w_fn(const double *X, const double *P, const double *Y,
                          size_t n, size_t d, size_t k, double *dW);
typedef void sl_grad_b_fn(const double *P, const double *Y, size_t n, size_t k, double *db);
typedef double sl_train_fn(const double *X, const double *Y, size_t n, size_t d, size_t k,
                           double *W, double *b, double lr, size_t epochs, double *hist);

/* Z n×k as given, got = the student's P.  in_place: the call was
 * softmax(Z, Z, …) (Z here is a copy of the input taken before the call).
 * When several mistakes fit, probes on small inputs tell them apart. */
const char *sl_diag_softmax(const double *Z, const double *got, size_t n, size_t k,
                            int in_place, sl_softmax_fn *fn);

/* P, Y n×k; got = the student's loss. */
const char *sl_diag_cross_entropy(const double *P, const double *Y, size_t n, size_t k,
                                  double got, sl_cross_entropy_fn *fn);

/* X n×d, P, Y n×k; before = dW's contents before the call (d×k; NULL:
 * zeros); got d×k. */
const char *sl_diag_grad_w(const double *X, const double *P, const double *Y,
                           size_t n, size_t d, size_t k,
                           const double *before, const double *got, sl_grad_w_fn *fn);

/* P, Y n×k; before = db's contents before the call (k; NULL: zeros); got k. */
const char *sl_diag_grad_b(const double *P, const double *Y, size_t n, size_t k,
                           const double *before, const double *got, sl_grad_b_fn *fn);

/* When the last sl_diag_*() call found more than one mistake that fits the
 * numbers equally well, the second one (else NULL).  Reports print it as
 * "this also fits: …". */
const char *sl_diag_also(void);
extern const char *sl_diag_also_id;    /* set by the sl_diag_*() functions */

/* ---- train ---- */
typedef struct {
    const double *X, *Y;         /* n×d, n×k */
    size_t n, d, k;
    const double *W0, *b0;       /* starting parameters (d×k, k) */
    double lr;
    size_t epochs;
} sl_train_case;

typedef struct {
    const double *W, *b;         /* final parameters */
    const double *hist;          /* epochs entries (NaN where never written), or NULL */
    double ret;                  /* returned loss */
} sl_train_out;

/* Runs train on the case the way mistake `id` would (NULL: the contract,
 * i.e. the reference), from copies of W0, b0 into W, b (d×k, k); hist
 * (epochs entries) is written where that version writes it, or NULL.
 * Returns its returned loss.  id must be a train mistake or NULL. */
double sl_train_variant(const char *id, const sl_train_case *c,
                        double *W, double *b, double *hist);

/* Relative tolerance of a trajectory after e epochs.  One epoch of any
 * backward-stable loop perturbs the parameters by ≤ 16(n + d + k)ε
 * relative; gradient descent with step lr on an L-smooth loss amplifies a
 * perturbation by ≤ g = 1 + lr·L per epoch (L = sl_lambda_max / 2), so after
 * e epochs: τ_e = 64(n + d + k)ε·(e + 1)·g^e (margin 4), capped at 1e-6. */
double sl_train_tau(const sl_train_case *c, size_t e);

/* Tolerance of a packed trajectory (W d×k, b k, history `epochs`, returned
 * loss): τ_E·(1 + |value|) for W, b; τ_e·(1 + |value|) for history entry e,
 * τ_E for the returned loss. */
void sl_train_tol(const sl_train_case *c, const double *ref, double *tol);

/* The train mistake whose whole trajectory (history when recorded, W, b,
 * returned loss) fits got decisively on the case and on a second one
 * (fn = the student's train; NULL: nothing is named); or
 * "returned_loss_wrong" when all but the returned loss is right. */
const char *sl_diag_train(const sl_train_case *c, const sl_train_out *got, sl_train_fn *fn);

/* The train mistakes sl_train_variant() knows, NULL-terminated. */
extern const char *const sl_train_mistakes[];

#endif

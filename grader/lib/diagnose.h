/* diagnose.h — naming the mistake behind a wrong answer.
 *
 * Each function recomputes the answer the way a known mistake would (with
 * the oracle, never the student's code), compares it with what the student's
 * function returned and gives the id of the first mistake that fits
 * (grader/lib/mistakes.h), or NULL when none does.  Call them only after the
 * comparison with the reference failed: a variant that happens to equal the
 * reference on the input is then never reported.  Inputs are the exact
 * arguments the student's function was called with. */
#ifndef SL_DIAGNOSE_H
#define SL_DIAGNOSE_H

#include <stddef.h>

/* Z n×k as given, got = the student's P.  in_place: the call was
 * softmax(Z, Z, …) (Z here is a copy of the input taken before the call). */
const char *sl_diag_softmax(const double *Z, const double *got, size_t n, size_t k,
                            int in_place);

/* Some inputs cannot tell softmax mistakes apart (on all-negative logits
 * "max not subtracted" and "running max from 0" agree; with k = 1 most
 * mistakes give the same NaN or 1).  Given the mistake m found by
 * sl_diag_softmax(), calls fn — the student's softmax — on small probe
 * inputs and returns the mistake they single out: when the diagnosis was
 * ambiguous (sl_diag_also()), or always when force is set (e.g. k was 1).
 * Returns m when the probes do not decide; clears sl_diag_also(). */
typedef void sl_softmax_fn(const double *Z, double *P, size_t n, size_t k);
const char *sl_diag_softmax_probe(const char *m, sl_softmax_fn *fn, int force);

/* P, Y n×k; got = the student's loss. */
const char *sl_diag_cross_entropy(const double *P, const double *Y, size_t n, size_t k,
                                  double got);

/* X n×d, P, Y n×k; before = dW's contents before the call (d×k); got d×k. */
const char *sl_diag_grad_w(const double *X, const double *P, const double *Y,
                           size_t n, size_t d, size_t k,
                           const double *before, const double *got);

/* P, Y n×k; before = db's contents before the call (k); got k. */
const char *sl_diag_grad_b(const double *P, const double *Y, size_t n, size_t k,
                           const double *before, const double *got);

/* When the last sl_diag_*() call found more than one mistake that fits the
 * numbers equally well, the second one (else NULL).  Reports print it as
 * "this also fits: …". */
const char *sl_diag_also(void);
extern const char *sl_diag_also_id;    /* set by the sl_diag_*() functions */

/* 1 when got differs from expected only at float precision: all finite,
 * within 1e-5 relative (1e-7 absolute) — beyond the checks' tolerance. */
int sl_looks_like_float(const double *expected, const double *got, size_t count);

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

/* The train mistake whose trajectory fits got: first all of it (history,
 * W, b, returned loss), then W and b alone, then history and loss alone. */
const char *sl_diag_train(const sl_train_case *c, const sl_train_out *got);

/* The train mistakes sl_train_variant() knows, NULL-terminated. */
extern const char *const sl_train_mistakes[];

#endif

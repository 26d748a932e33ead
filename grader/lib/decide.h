/* decide.h — when a wrong answer may be given a mistake's name.
 *
 * A mistake is named only when the evidence is decisive: on the check's
 * input AND on a second, independent input (one more row, rows in reverse
 * order, other numbers of the same magnitudes: sl_second_rows, then
 * sl_perturb; fed to the student's function again), the output
 *   - agrees with the mistake's model within the check's own tolerance
 *     (scaled to the model's magnitude), and
 *   - the model is at least SL_DECISIVE (1000) times that tolerance away
 *     from the right answer somewhere (or non-finite where it is finite).
 * A result within rounding of correct is therefore never a mistake. */
#ifndef SL_DECIDE_H
#define SL_DECIDE_H

#include <stddef.h>
#include <stdint.h>

#define SL_DECISIVE 1000.0

/* ref: the accurate answer, tol: its tolerance per entry (accurate.h),
 * model: the mistake's answer, got: the student's; count entries. */
int sl_decisive(const double *model, const double *ref, const double *tol,
                const double *got, size_t count);

/* a (count entries) + scale·N(0,1) noise, stream `seed`, into out: the
 * second input keeps the first one's magnitudes. */
void sl_perturb(const double *a, double *out, size_t count, double scale, uint64_t seed);

/* Rows of a probability-like matrix (n×k) perturbed: every non-zero entry
 * times exp(0.3·N(0,1)), rows renormalised to their old sums; zeros stay
 * exactly 0 and one-hot rows stay one-hot. */
void sl_perturb_probs(const double *a, double *out, size_t n, size_t k, uint64_t seed);

/* The rows of the second input: a (n rows of cols) in reverse order, then
 * a copy of row 0 (n + 1 rows into out).  Row-local answers are unchanged by
 * the order; a bug tied to a position (the last row, a stride) or to n
 * (n = 1, n = k) is not — so the second input is independent of the first
 * in shape and order while keeping its magnitudes (perturb it after). */
void sl_second_rows(const double *a, double *out, size_t n, size_t cols);

#endif

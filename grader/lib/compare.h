/* compare.h — comparing matrices and scalars with a stated tolerance, and
 * reporting the result the way every check does: what was compared, the first
 * differing entry with its indices, expected vs got, the max abs diff and the
 * tolerance.
 *
 * Tolerance: e and g agree when |g − e| ≤ atol + rtol·|e|.  NaN agrees with
 * NaN and ±inf with the same inf (so buggy variants that produce NaN can be
 * matched); NaN or inf against a finite number never agrees. */
#ifndef SL_COMPARE_H
#define SL_COMPARE_H

#include <stddef.h>

typedef struct {
    int ok;                 /* every entry agrees */
    size_t i, j;            /* first entry that does not (row, column) */
    double expected, got;   /* its values */
    double max_abs_diff;    /* over all entries (inf when a non-finite one differs) */
    size_t n_bad;           /* how many entries disagree */
    double tol;             /* sl_compare_tol: the tolerance of the first differing entry */
    double worst;           /* sl_compare_tol: max |got − expected| / tol (inf for NaN/inf) */
} sl_cmp;

/* Compares entry by entry with a tolerance per entry (accurate.h):
 * |got − expected| ≤ tol[e]; NaN agrees only with NaN, inf with the same inf. */
sl_cmp sl_compare_tol(const double *expected, const double *got, const double *tol,
                      size_t rows, size_t cols);

/* 1 when all count entries agree within their tol (sl_compare_tol(...).ok). */
int sl_agree_tol(const double *expected, const double *got, const double *tol, size_t count);

/* Detail lines of a failed sl_compare_tol: first difference with its
 * tolerance, max abs diff, how many differ, and `bound` (en/zh: the error
 * bound the tolerance comes from, e.g. "4ε(k + 4 + |z| + |max|)·p"). */
void sl_say_cmp_tol(const sl_cmp *c, size_t rows, const char *bound_en, const char *bound_zh);

/* 1 when e and g agree within atol + rtol·|e| (see above). */
int sl_close(double e, double g, double atol, double rtol);

/* Compares rows×cols row-major matrices entry by entry. */
sl_cmp sl_compare(const double *expected, const double *got,
                  size_t rows, size_t cols, double atol, double rtol);

/* 1 when all count entries agree (sl_compare(...).ok). */
int sl_agree(const double *expected, const double *got, size_t count,
             double atol, double rtol);

/* Adds the detail lines of a failed comparison: first difference (as "row i,
 * column j", or "entry j" when rows == 1), expected vs got, max abs diff,
 * how many entries differ, and the tolerance. */
void sl_say_cmp(const sl_cmp *c, size_t rows, double atol, double rtol);

/* Fails the check for a failed comparison.  Headline: the mistake when
 * mistake_id is not NULL, else "[mismatch] <what> does not match the
 * reference".  Details: "compared: <what>" then sl_say_cmp(). */
_Noreturn void sl_fail_cmp(const sl_cmp *c, size_t rows, const char *mistake_id,
                           const char *what_en, const char *what_zh,
                           double atol, double rtol);

/* Sets the headline for a diagnosed mistake (sl_head_mistake) and, when
 * another mistake fits as well (sl_diag_also), a "this also fits" line. */
void sl_head_diagnosed(const char *mistake_id);

/* After a call of the student's function fn that was given a copy `passed`
 * of the input `orig` (count entries): fails with [mistake:modified_input]
 * naming the argument `arg` and the first changed entry unless the copy is
 * unchanged (bit for bit; NaN stays NaN). */
void sl_expect_unchanged(const double *orig, const double *passed, size_t count,
                         const char *fn, const char *arg);

/* For an output array from sl_out(count) that the student's function fn
 * wrote as `arg`: fails with [property] naming the first entry written past
 * the end unless the guard after `count` entries is still NaN. */
void sl_expect_in_bounds(const double *a, size_t count, const char *fn, const char *arg);

/* Same for one number. */
_Noreturn void sl_fail_scalar(double expected, double got, const char *mistake_id,
                              const char *what_en, const char *what_zh,
                              double atol, double rtol);

#endif

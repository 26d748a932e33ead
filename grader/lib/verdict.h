/* verdict.h — how a failed comparison is reported: a mistake's name when
 * the diagnosis was decisive (diagnose.h), else an observation about the
 * numbers (observe.h), else "[mismatch]"; then what was compared, the first
 * differing entry with its tolerance and the error bound behind it, and the
 * seed when the input was random (so a student can reproduce it). */
#ifndef SL_VERDICT_H
#define SL_VERDICT_H

#include <stddef.h>
#include <stdint.h>

#include "compare.h"
#include "observe.h"

/* The headline only: mistake (with "this also fits"), else observation of
 * obs (may be NULL), else [mismatch] "<what> does not match the right answer". */
void sl_verdict_head(const char *mistake, const sl_obs_mat *obs,
                     const char *what_en, const char *what_zh);

/* Fails a matrix comparison c of obs->E, obs->T, obs->G (sl_compare_tol). */
_Noreturn void sl_fail_verdict(const sl_cmp *c, const char *mistake, const sl_obs_mat *obs,
                               const char *what_en, const char *what_zh,
                               const char *bound_en, const char *bound_zh);

/* Fails a scalar comparison (a loss): expected ± tol, got. */
_Noreturn void sl_fail_verdict_scalar(double expected, double tol, double got,
                                      const char *mistake, size_t n, size_t d, size_t k,
                                      const char *what_en, const char *what_zh,
                                      const char *bound_en, const char *bound_zh);

/* For random inputs: the next failure message also says "seed <seed>, case
 * <c>: <desc>" (call before failing; seed 0 clears it). */
void sl_verdict_seed(uint64_t seed, size_t case_no, const char *desc);

/* sl_fail() after adding the "random input: seed …" line when one is set. */
_Noreturn void sl_fail_seeded(void);

/* The seed of a check, from its id ("softmax.random_shapes"): FNV-1a. */
uint64_t sl_seed_of(const char *check_id);

/* Finite guard values after an output (compare.h sl_expect_in_bounds): a
 * write past the end, = or +=, changes them (NaN guards miss a +=). */
double sl_guard_value(size_t g);

/* An output of count doubles (NaN) followed by SL_GUARD finite guards. */
double *sl_out_fin(size_t count);

#endif

/* guard.h — runs the student's train() for the §5 page without trusting it:
 * in a child process (a crash or a hang cannot end the lesson), with a time
 * limit, its output thrown away, and its numbers compared with the
 * reference's from the same parameters.  No drawing here. */
#ifndef SL_LESSON_GUARD_H
#define SL_LESSON_GUARD_H

#include "impl.h"

#include <stddef.h>

enum { SL_GUARD_MAX_EPOCHS = 64, SL_GUARD_MAX_K = 8 };

/* What the child did.  ok: it ran every epoch; W, b (2×k, k) and loss[e]
 * (the loss before the update of epoch e) are its results.  missing: the
 * name of a stub that ran NOT_IMPLEMENTED() (then ok is 0). */
typedef struct {
    int ok;
    char missing[64];
    double W[2 * SL_GUARD_MAX_K], b[SL_GUARD_MAX_K], loss[SL_GUARD_MAX_EPOCHS];
} sl_guard_result;

/* Runs im->train() `epochs` times (one epoch each, epochs ≤ SL_GUARD_MAX_EPOCHS)
 * on X (n×2), Y (n×k, k ≤ SL_GUARD_MAX_K) from W, b, in a child process
 * killed after limit_ms.  0 with *out filled when the child answered (ok or
 * missing); −1 with a one-line reason in why (crashed with signal S, timed
 * out, could not start) otherwise. */
int sl_guard_run(const sl_impl *im, const double *X, const double *Y, size_t n, size_t k,
                 const double *W, const double *b, double lr, size_t epochs, int limit_ms,
                 sl_guard_result *out, char *why, size_t whylen);

/* Compares the student's result with the reference's (same start, same
 * epochs): losses equal within 1e-6 relative (or both not finite), W and b
 * within 1e-6 relative while the reference stays finite, every number the
 * student returned finite while the reference's is.  0 when they agree,
 * else −1 with the first difference in why. */
int sl_guard_compare(const sl_guard_result *student, const sl_guard_result *ref, size_t k,
                     size_t epochs, char *why, size_t whylen);

#endif

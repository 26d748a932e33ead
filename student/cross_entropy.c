/* student/cross_entropy.c — exercise `cross_entropy` (lecture §3.3, §4.1).
 * Check it with:  make check EX=cross_entropy      Hint:  make hint EX=cross_entropy
 *
 *   L = −(1/n) Σ_i Σ_j Y[i][j] · log P[i][j]            (讲义 §4.1, natural log)
 *
 * P and Y are n×k, row-major.  Return the mean over the n rows, not the sum.
 * A term with Y[i][j] == 0 adds exactly 0, even where P[i][j] == 0
 * (0 · log 0 must not become NaN).  Where Y[i][j] > 0 and P[i][j] == 0 the
 * loss is +inf, so do not clamp P or add an epsilon inside log(): the checks
 * compare with the exact log (any summation order is fine).
 * Full contract: lab/softmax_lab.h
 */
#include "softmax_lab.h"

#include <math.h>

double cross_entropy(const double *P, const double *Y, size_t n, size_t k)
{
    /* TODO: implement, then delete the next three lines. */
    (void)P, (void)Y, (void)n, (void)k;
    NOT_IMPLEMENTED();
    return NAN;
}

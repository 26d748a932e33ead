/* student/softmax.c — exercise `softmax` (lecture §2.1).
 * Check it with:  make check EX=softmax      Hint:  make hint EX=softmax
 *
 *   P[i][j] = exp(Z[i][j]) / Σ_m exp(Z[i][m])          for every row i
 *   Softmax(z_i) = e^{z_i} / Σ_{j=1..K} e^{z_j}         (讲义 §2.1)
 *
 * Z and P are n×k, row-major: element (i, j) is Z[i * k + j].
 * Stay finite for logits near ±1000: subtract each row's maximum first.
 * (Subtracting the first entry, the mean or the minimum is not enough: a row
 * like [0, 1000] still overflows.)  Any stable form is accepted, e.g.
 * exp(z - max) / sum or exp(z - logsumexp), in any summation order, in double.
 * P may be the same array as Z (in-place call).  Full contract: lab/softmax_lab.h
 */
#include "softmax_lab.h"

#include <math.h>

void softmax(const double *Z, double *P, size_t n, size_t k)
{
    /* TODO: implement, then delete the next two lines. */
    (void)Z, (void)P, (void)n, (void)k;
    NOT_IMPLEMENTED();
}

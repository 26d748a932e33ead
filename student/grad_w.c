/* student/grad_w.c — exercise `grad_w` (lecture §4.2).
 * Check it with:  make check EX=grad_w      Hint:  make hint EX=grad_w
 *
 *   dW = (1/n) · Xᵀ (P − Y)                             (讲义 §4.2: ∇W ∈ ℝ^{d×K})
 *   dW[f][j] = (1/n) Σ_i X[i][f] · (P[i][j] − Y[i][j])
 *
 * X is n×d, P and Y are n×k, dW is d×k (the shape of W), all row-major.
 * dW holds garbage on entry: overwrite every entry (never read it, never += into
 * it before setting it).  Any loop or summation order is accepted.
 * Full contract: lab/softmax_lab.h
 */
#include "softmax_lab.h"

void grad_w(const double *X, const double *P, const double *Y,
            size_t n, size_t d, size_t k, double *dW)
{
    /* TODO: implement, then delete the next two lines. */
    (void)X, (void)P, (void)Y, (void)n, (void)d, (void)k, (void)dW;
    NOT_IMPLEMENTED();
}

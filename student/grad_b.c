/* student/grad_b.c — exercise `grad_b` (lecture §4.3).
 * Check it with:  make check EX=grad_b      Hint:  make hint EX=grad_b
 *
 *   db = (1/n) · Σ_i (P[i] − Y[i])                      (讲义 §4.3)
 *   db[j] = (1/n) Σ_i (P[i][j] − Y[i][j])
 *
 * P and Y are n×k, row-major; db has k entries.
 * db holds garbage on entry: overwrite every entry.  Full contract: lab/softmax_lab.h
 */
#include "softmax_lab.h"

void grad_b(const double *P, const double *Y, size_t n, size_t k, double *db)
{
    /* TODO: implement, then delete the next two lines. */
    (void)P, (void)Y, (void)n, (void)k, (void)db;
    NOT_IMPLEMENTED();
}

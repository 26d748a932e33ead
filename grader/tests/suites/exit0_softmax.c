/* exit0_softmax.c — a "student" softmax that ends the process with status 0
 * in the middle of the check.  `make test-suites` links the softmax suite
 * with it and expects no check to pass: the exit-code sentinel of SL_CHECK
 * (grader/lib/check.h) must turn an early exit(0) into a failure. */
#include <stdlib.h>

#include "softmax_lab.h"

void softmax(const double *Z, double *P, size_t n, size_t k)
{
    (void)Z, (void)P, (void)n, (void)k;
    exit(0);
}

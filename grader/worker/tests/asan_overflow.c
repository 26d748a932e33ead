/* asan_overflow.c — a softmax that writes one entry past its scratch array
 * (the memory-check hook's test, test_worker.sh; not a student fixture). */
#include "softmax_lab.h"

#include <math.h>
#include <stdlib.h>

void softmax(const double *Z, double *P, size_t n, size_t k)
{
    double *tmp = malloc(k * sizeof *tmp);
    for (size_t i = 0; i < n; i++) {
        double s = 0.0;
        for (size_t j = 0; j <= k; j++)             /* one past the end */
            s += tmp[j] = exp(Z[i * k + (j < k ? j : 0)]);
        for (size_t j = 0; j < k; j++)
            P[i * k + j] = tmp[j] / s;
    }
    free(tmp);
}

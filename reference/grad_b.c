/* reference/grad_b.c — db = (1/n) Σ_i (P_i − Y_i) (contract: lab/softmax_lab.h). */
#include "softmax_lab.h"

#include <string.h>

void grad_b(const double *P, const double *Y, size_t n, size_t k, double *db)
{
    memset(db, 0, k * sizeof *db);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < k; j++)
            db[j] += P[i * k + j] - Y[i * k + j];
    for (size_t j = 0; j < k; j++)
        db[j] /= (double)n;
}

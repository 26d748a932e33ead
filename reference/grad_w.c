/* reference/grad_w.c — dW = (1/n) Xᵀ(P − Y) (contract: lab/softmax_lab.h). */
#include "softmax_lab.h"

#include <string.h>

void grad_w(const double *X, const double *P, const double *Y,
            size_t n, size_t d, size_t k, double *dW)
{
    memset(dW, 0, d * k * sizeof *dW);
    const double inv_n = 1.0 / (double)n;
    for (size_t i = 0; i < n; i++) {       /* row i adds x_i ⊗ (p_i − y_i) */
        const double *x = X + i * d, *p = P + i * k, *y = Y + i * k;
        for (size_t f = 0; f < d; f++) {
            double *row = dW + f * k;
            for (size_t j = 0; j < k; j++)
                row[j] += x[f] * (p[j] - y[j]);
        }
    }
    for (size_t e = 0; e < d * k; e++)
        dW[e] *= inv_n;
}

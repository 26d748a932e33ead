/* reference/softmax.c — row-wise stable softmax (contract: lab/softmax_lab.h). */
#include "softmax_lab.h"

#include <math.h>

void softmax(const double *Z, double *P, size_t n, size_t k)
{
    for (size_t i = 0; i < n; i++) {
        const double *z = Z + i * k;
        double *p = P + i * k;
        double max = z[0];
        for (size_t j = 1; j < k; j++)
            if (z[j] > max)
                max = z[j];
        double sum = 0.0;
        for (size_t j = 0; j < k; j++) {
            p[j] = exp(z[j] - max);        /* z may alias p: read before write */
            sum += p[j];
        }
        for (size_t j = 0; j < k; j++)
            p[j] /= sum;
    }
}

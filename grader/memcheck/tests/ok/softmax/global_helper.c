/* A correct softmax with a non-static helper: both builds of the memory
 * check must still link side by side (and pass).  (A leftover main() is
 * make test-check's case "main".) */
#include "softmax_lab.h"

#include <math.h>

double row_max(const double *z, size_t k)
{
    double m = z[0];
    for (size_t j = 1; j < k; j++)
        m = z[j] > m ? z[j] : m;
    return m;
}

void softmax(const double *Z, double *P, size_t n, size_t k)
{
    for (size_t i = 0; i < n; i++) {
        const double m = row_max(Z + i * k, k);
        double sum = 0.0;
        for (size_t j = 0; j < k; j++)
            sum += P[i * k + j] = exp(Z[i * k + j] - m);
        for (size_t j = 0; j < k; j++)
            P[i * k + j] /= sum;
    }
}

/* inputs.c — deterministic inputs for the checks (contract: inputs.h). */
#include "inputs.h"

#include <string.h>

#include "check.h"
#include "oracle.h"
#include "rng.h"

double *sl_in_normal(size_t rows, size_t cols, double mean, double scale, uint64_t seed)
{
    double *a = sl_mat(rows * cols);
    sl_rng r;
    sl_rng_seed(&r, seed);
    for (size_t e = 0; e < rows * cols; e++)
        a[e] = mean + scale * sl_rng_normal(&r);
    return a;
}

double *sl_in_one_hot(size_t n, size_t k, uint64_t seed, int *labels)
{
    double *Y = sl_mat(n * k);
    sl_rng r;
    sl_rng_seed(&r, seed);
    for (size_t i = 0; i < n; i++) {
        size_t c = i < k ? i : (size_t)sl_rng_below(&r, k);   /* every class appears */
        for (size_t j = 0; j < k; j++)
            Y[i * k + j] = j == c ? 1.0 : 0.0;
        if (labels)
            labels[i] = (int)c;
    }
    return Y;
}

double *sl_in_soft(size_t n, size_t k, uint64_t seed)
{
    double *Y = sl_mat(n * k);
    sl_rng r;
    sl_rng_seed(&r, seed);
    for (size_t i = 0; i < n; i++) {
        double sum = 0.0;
        for (size_t j = 0; j < k; j++)
            sum += Y[i * k + j] = 0.05 + sl_rng_uniform(&r);
        for (size_t j = 0; j < k; j++)
            Y[i * k + j] /= sum;
    }
    return Y;
}

double *sl_in_probs(size_t n, size_t k, uint64_t seed)
{
    double *P = sl_in_normal(n, k, 0.0, 1.5, seed);
    ref_softmax(P, P, n, k);
    return P;
}

double *sl_in_copy(const double *a, size_t count)
{
    double *c = sl_mat(count);
    memcpy(c, a, count * sizeof *c);
    return c;
}

void sl_in_garbage(double *a, size_t count, uint64_t seed)
{
    sl_rng r;
    sl_rng_seed(&r, seed);
    for (size_t e = 0; e < count; e++)
        a[e] = (sl_rng_below(&r, 2) ? 1.0 : -1.0) * (1e3 + 1e4 * sl_rng_uniform(&r));
}

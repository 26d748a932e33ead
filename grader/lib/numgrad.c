/* numgrad.c — loss and numerical gradient via the oracle (contract: numgrad.h). */
#include "numgrad.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "oracle.h"
#include "softmax_lab.h"

double sl_loss_at(const double *X, const double *Y, const double *W, const double *b,
                  size_t n, size_t d, size_t k)
{
    double *P = malloc(n * k * sizeof *P);
    if (!P)
        return NAN;
    logits(X, W, b, n, d, k, P);
    ref_softmax(P, P, n, k);
    double L = ref_cross_entropy(P, Y, n, k);
    free(P);
    return L;
}

/* Central difference of the loss along entry e of theta (theta is W or b). */
static double slope(const double *X, const double *Y, double *W, double *b,
                    size_t n, size_t d, size_t k, double *theta, size_t e, double h)
{
    double saved = theta[e];
    theta[e] = saved + h;
    double up = sl_loss_at(X, Y, W, b, n, d, k);
    theta[e] = saved - h;
    double down = sl_loss_at(X, Y, W, b, n, d, k);
    theta[e] = saved;
    return (up - down) / (2.0 * h);
}

void sl_numgrad(const double *X, const double *Y, const double *W, const double *b,
                size_t n, size_t d, size_t k, double h, double *gW, double *gb)
{
    double *w = malloc(d * k * sizeof *w), *c = malloc(k * sizeof *c);
    if (w && c) {
        memcpy(w, W, d * k * sizeof *w);
        memcpy(c, b, k * sizeof *c);
        for (size_t e = 0; gW && e < d * k; e++)
            gW[e] = slope(X, Y, w, c, n, d, k, w, e, h);
        for (size_t e = 0; gb && e < k; e++)
            gb[e] = slope(X, Y, w, c, n, d, k, c, e, h);
    }
    free(w);
    free(c);
}

double sl_norm(const double *a, size_t count)
{
    double s = 0.0;
    for (size_t e = 0; e < count; e++)
        s += a[e] * a[e];
    return sqrt(s);
}

double sl_rel_error(const double *num, const double *got, size_t count)
{
    double diff = 0.0;
    for (size_t e = 0; e < count; e++)
        diff += (got[e] - num[e]) * (got[e] - num[e]);
    double scale = fmax(sl_norm(num, count), sl_norm(got, count));
    if (isnan(diff) || isnan(scale))
        return NAN;
    return scale > 0.0 ? sqrt(diff) / scale : 0.0;
}

/* reference/sigmoid_bce.c — multi-label sigmoid + mean binary cross-entropy
 * and its gradient (contract: lab/multilabel.h). */
#include "multilabel.h"
#include "softmax_lab.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* log(1 + e^t) without overflow for large t or loss of digits for small. */
static double softplus(double t)
{
    return fmax(t, 0.0) + log1p(exp(-fabs(t)));
}

/* 1 / (1 + e^(−z)), never dividing inf by inf. */
static double sigmoid(double z)
{
    if (z >= 0)
        return 1.0 / (1.0 + exp(-z));
    const double e = exp(z);
    return e / (1.0 + e);
}

double sigmoid_bce(const double *X, const double *W, const double *b, const double *Y,
                   size_t n, size_t d, size_t k, double *dW, double *db)
{
    double *G = malloc((n > 0 && k > 0 ? n * k : 1) * sizeof *G);  /* Z, then S − Y */
    if (!G)
        return NAN;
    logits(X, W, b, n, d, k, G);
    const double scale = 1.0 / ((double)n * (double)k);
    double loss = 0.0;
    for (size_t e = 0; e < n * k; e++) {
        const double z = G[e], y = Y[e];
        /* −[y log S + (1 − y) log(1 − S)] = y·softplus(−z) + (1 − y)·softplus(z) */
        loss += y * softplus(-z) + (1.0 - y) * softplus(z);
        G[e] = sigmoid(z) - y;
    }
    memset(dW, 0, d * k * sizeof *dW);
    memset(db, 0, k * sizeof *db);
    for (size_t i = 0; i < n; i++) {               /* row i adds x_i ⊗ g_i */
        const double *x = X + i * d, *g = G + i * k;
        for (size_t f = 0; f < d; f++)
            for (size_t j = 0; j < k; j++)
                dW[f * k + j] += x[f] * g[j];
        for (size_t j = 0; j < k; j++)
            db[j] += g[j];
    }
    for (size_t e = 0; e < d * k; e++)
        dW[e] *= scale;
    for (size_t j = 0; j < k; j++)
        db[j] *= scale;
    free(G);
    return loss * scale;
}

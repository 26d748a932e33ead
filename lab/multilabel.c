/* multilabel.c — the lesson's multi-label demo: toy data, gradient descent
 * on sigmoid_bce, per-label probabilities (contracts: multilabel.h). */
#include "multilabel.h"
#include "rng.h"
#include "softmax_lab.h"

#include <math.h>
#include <stdlib.h>

void sl_multilabel_toy(size_t n, double noise, unsigned long long seed, double *X, double *Y)
{
    sl_rng r;
    sl_rng_seed(&r, seed);
    for (size_t i = 0; i < n; i++) {
        X[2 * i] = 6.0 * sl_rng_uniform(&r) - 3.0;
        X[2 * i + 1] = 6.0 * sl_rng_uniform(&r) - 3.0;
        for (size_t j = 0; j < 2; j++) {
            int label = X[2 * i + j] > 0;
            if (sl_rng_uniform(&r) < noise)
                label = !label;
            Y[2 * i + j] = label;
        }
    }
}

double sl_multilabel_train(const double *X, const double *Y, size_t n, size_t d, size_t k,
                           double *W, double *b, double lr, size_t epochs, double *loss_history)
{
    double *dW = malloc((d * k + k + 1) * sizeof *dW), *db = dW + d * k;
    if (!dW)
        return NAN;
    for (size_t e = 0; e < epochs; e++) {
        double loss = sigmoid_bce(X, W, b, Y, n, d, k, dW, db);
        if (loss_history)
            loss_history[e] = loss;
        for (size_t q = 0; q < d * k; q++)
            W[q] -= lr * dW[q];
        for (size_t j = 0; j < k; j++)
            b[j] -= lr * db[j];
    }
    double loss = sigmoid_bce(X, W, b, Y, n, d, k, dW, db);
    free(dW);
    return loss;
}

void sl_multilabel_predict(const double *X, const double *W, const double *b, size_t n,
                           size_t d, size_t k, double *S)
{
    logits(X, W, b, n, d, k, S);
    for (size_t e = 0; e < n * k; e++)
        S[e] = S[e] >= 0 ? 1.0 / (1.0 + exp(-S[e])) : exp(S[e]) / (1.0 + exp(S[e]));
}

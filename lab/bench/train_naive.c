/* lab/bench/train_naive.c — the first reference train(), kept as the baseline
 * of `make bench`: logits(), softmax(), cross_entropy(), grad_w(), grad_b()
 * called one after the other each epoch (contract: train() in softmax_lab.h). */
#include "softmax_lab.h"

#include <math.h>
#include <stdlib.h>

double naive_train(const double *X, const double *Y, size_t n, size_t d, size_t k,
             double *W, double *b, double lr, size_t epochs,
             double *loss_history)
{
    double *P = malloc(n * k * sizeof *P);   /* logits, then probabilities */
    double *dW = malloc(d * k * sizeof *dW);
    double *db = malloc(k * sizeof *db);
    double loss = NAN;
    if (!P || !dW || !db)
        goto out;
    for (size_t e = 0; e < epochs; e++) {
        logits(X, W, b, n, d, k, P);
        softmax(P, P, n, k);
        if (loss_history)
            loss_history[e] = cross_entropy(P, Y, n, k);
        grad_w(X, P, Y, n, d, k, dW);
        grad_b(P, Y, n, k, db);
        for (size_t e2 = 0; e2 < d * k; e2++)
            W[e2] -= lr * dW[e2];
        for (size_t j = 0; j < k; j++)
            b[j] -= lr * db[j];
    }
    logits(X, W, b, n, d, k, P);
    softmax(P, P, n, k);
    loss = cross_entropy(P, Y, n, k);
out:
    free(P);
    free(dW);
    free(db);
    return loss;
}

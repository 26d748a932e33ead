/* reference/train.c — full-batch gradient descent, lecture §4.4
 * (contract: lab/softmax_lab.h).  Each epoch is the lecture's five steps,
 * each one a contract function; the fast engine of `softmax-lab train`
 * (lab/engine/) is tested to give the same result. */
#include "softmax_lab.h"

#include <math.h>
#include <stdlib.h>

double train(const double *X, const double *Y, size_t n, size_t d, size_t k,
             double *W, double *b, double lr, size_t epochs,
             double *loss_history)
{
    double *P = malloc((n * k > 0 ? n * k : 1) * sizeof *P);   /* Z, then P */
    double *dW = malloc((d * k > 0 ? d * k : 1) * sizeof *dW);
    double *db = malloc((k > 0 ? k : 1) * sizeof *db);
    double loss = NAN;
    if (!P || !dW || !db)
        goto out;
    for (size_t e = 0;; e++) {
        logits(X, W, b, n, d, k, P);               /* Z = XW + b */
        softmax(P, P, n, k);                       /* P = softmax(Z), in place */
        loss = cross_entropy(P, Y, n, k);          /* at the current W, b */
        if (e == epochs)
            break;                                 /* the loss after the last update */
        if (loss_history)
            loss_history[e] = loss;
        grad_w(X, P, Y, n, d, k, dW);              /* dW = Xᵀ(P − Y) / n */
        grad_b(P, Y, n, k, db);                    /* db = mean of P − Y */
        for (size_t i = 0; i < d * k; i++)
            W[i] -= lr * dW[i];
        for (size_t j = 0; j < k; j++)
            b[j] -= lr * db[j];
    }
out:
    free(P);
    free(dW);
    free(db);
    return loss;
}

/* student/train.c — exercise `train` (lecture §4.4 and §5).
 * Check it with:  make check EX=train      Hint:  make hint EX=train
 *
 * Full-batch gradient descent from the W (d×k) and b (k) given:
 *   for e = 0 … epochs−1:
 *       Z = XW + b;   P = softmax(Z)                    logits(), softmax()
 *       loss_history[e] = cross_entropy(P, Y)           before the update; skip if NULL
 *       dW = (1/n) Xᵀ(P − Y);  db = (1/n) Σ_i (P_i − Y_i)    grad_w(), grad_b()
 *       W := W − lr·dW;   b := b − lr·db                讲义 §4.4
 * Return the loss at the final W, b (after the last update).
 * Run every epoch even when the loss goes up (a large lr can do that); keep lr
 * constant.
 * Allocate your scratch arrays (P: n×k, dW: d×k, db: k) and free them.
 * You may call softmax, cross_entropy, grad_w, grad_b and logits: when this
 * exercise is checked they are the reference versions.  Full contract: lab/softmax_lab.h
 */
#include "softmax_lab.h"

#include <math.h>
#include <stdlib.h>

double train(const double *X, const double *Y, size_t n, size_t d, size_t k,
             double *W, double *b, double lr, size_t epochs,
             double *loss_history)
{
    /* TODO: implement, then delete the next four lines. */
    (void)X, (void)Y, (void)n, (void)d, (void)k, (void)W, (void)b, (void)lr;
    (void)epochs, (void)loss_history;
    NOT_IMPLEMENTED();
    return NAN;
}

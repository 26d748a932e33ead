/* student/sigmoid_bce.c — bonus exercise `sigmoid_bce` (lecture §6.3).
 * Check it with:  make check EX=sigmoid_bce      Hint:  make hint EX=sigmoid_bce
 *
 * Multi-label classification: every one of the k outputs is its own yes/no.
 *   Z = XW + b                (you may call logits(X, W, b, n, d, k, Z))
 *   S = sigmoid(Z) = 1 / (1 + e^(−Z))                    element-wise
 *   L = −(1/(n·k)) Σ_i Σ_j [ Y_ij log S_ij + (1 − Y_ij) log(1 − S_ij) ]
 *   dW = (1/(n·k)) Xᵀ (S − Y),   db = (1/(n·k)) Σ_i (S_i − Y_i)
 *   每个输出节点用 sigmoid 代替 softmax，对每个标签单独计算 loss（讲义 §6.3）
 *
 * Return L; overwrite dW (d×k) and db (k).  A row of Y may hold several 1s.
 * Stay finite for logits near ±1000: log S = −softplus(−z) and
 * log(1 − S) = −softplus(z), softplus(t) = max(t, 0) + log1p(exp(−|t|)).
 * Full contract: lab/multilabel.h
 */
#include "multilabel.h"
#include "softmax_lab.h"

#include <math.h>
#include <stdlib.h>

double sigmoid_bce(const double *X, const double *W, const double *b, const double *Y,
                   size_t n, size_t d, size_t k, double *dW, double *db)
{
    /* TODO: implement, then delete the next three lines. */
    (void)X, (void)W, (void)b, (void)Y, (void)n, (void)d, (void)k, (void)dW, (void)db;
    NOT_IMPLEMENTED();
    return 0.0;
}

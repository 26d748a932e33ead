/*
 * multilabel.h — the bonus exercise `sigmoid_bce` (lecture §6.3): multi-label
 * classification, where one sample may carry several labels at once ("dog"
 * and "person" and "car" in one picture).  Softmax makes the k classes
 * compete (its outputs sum to 1); here every output is its own yes/no
 * question, answered by a sigmoid, and scored by binary cross-entropy.
 *
 * Shapes and storage are those of softmax_lab.h: row-major doubles owned by
 * the caller, X n×d, W d×k, b k, Y n×k.
 */
#ifndef SL_MULTILABEL_H
#define SL_MULTILABEL_H

#include <stddef.h>

/*
 * EXERCISE sigmoid_bce (bonus, lecture §6.3)
 *   Z = XW + b                                   (n×k logits, as logits() does)
 *   S = sigmoid(Z) element-wise,  sigmoid(z) = 1 / (1 + e^(−z))
 *   L = −(1/(n·k)) Σ_i Σ_j [ Y_ij log S_ij + (1 − Y_ij) log(1 − S_ij) ]
 *   dW = (1/(n·k)) Xᵀ (S − Y)                    (d×k, the shape of W)
 *   db = (1/(n·k)) Σ_i (S_i − Y_i)               (k)
 * Returns L, the mean over all n·k labels (not over the n rows only).
 * Y: each entry in [0, 1]; a row may hold any number of 1s (none, one,
 * several): the labels are NOT mutually exclusive.
 * dW and db are outputs only: overwritten, never read.
 * Stable for any finite logits: at z = ±1000 the loss and the gradients
 * stay finite.  Use log S = −softplus(−z) and log(1 − S) = −softplus(z),
 * where softplus(t) = log(1 + e^t) = max(t, 0) + log1p(e^(−|t|)).
 * Link with softmax: for two classes with logits [z, 0],
 * softmax([z, 0])₀ = sigmoid(z), so with k = 1 this is cross_entropy of
 * softmax on [z, 0] with targets [y, 1 − y].
 * May allocate scratch (O(n·k)) and must free it.
 */
double sigmoid_bce(const double *X, const double *W, const double *b, const double *Y,
                   size_t n, size_t d, size_t k, double *dW, double *db);

/* The reference sigmoid_bce under the oracle's name (linked into the check
 * suites and the lesson, never taken from the student's file). */
double ref_sigmoid_bce(const double *X, const double *W, const double *b, const double *Y,
                       size_t n, size_t d, size_t k, double *dW, double *db);

/* ---- the lesson's multi-label demo (lab/multilabel.c) ---------------- */

/* Toy multi-label data for the lesson: n points of the plane, uniform in
 * [−3, 3]², with k = 2 independent labels, "x > 0" (label 0) and "y > 0"
 * (label 1), each flipped with probability `noise`.  A point in the first
 * quadrant has both labels, one in the third has none.  X n×2, Y n×2
 * (0/1), deterministic for a seed (sl_rng). */
void sl_multilabel_toy(size_t n, double noise, unsigned long long seed, double *X, double *Y);

/* Full-batch gradient descent on sigmoid_bce from the W (d×k), b (k) given:
 * each epoch W −= lr·dW, b −= lr·db.  loss_history (epochs entries, may be
 * NULL) gets the loss before each update.  Returns the loss at the final
 * parameters, or NaN when out of memory.  Calls sigmoid_bce (the reference
 * in the program). */
double sl_multilabel_train(const double *X, const double *Y, size_t n, size_t d, size_t k,
                           double *W, double *b, double lr, size_t epochs, double *loss_history);

/* S = sigmoid(XW + b) element-wise (n×k): each entry is the model's
 * probability that that label applies, on its own. */
void sl_multilabel_predict(const double *X, const double *W, const double *b, size_t n,
                           size_t d, size_t k, double *S);

#endif /* SL_MULTILABEL_H */

/* numgrad.h — the loss as a function of W and b, and its central-difference
 * gradient, computed with the oracle only.  Used by the gradient checks to
 * compare the student's analytic gradient with the slope of the loss. */
#ifndef SL_NUMGRAD_H
#define SL_NUMGRAD_H

#include <stddef.h>

/* L(W, b) = cross_entropy(softmax(XW + b), Y).  X n×d, Y n×k, W d×k, b k. */
double sl_loss_at(const double *X, const double *Y, const double *W, const double *b,
                  size_t n, size_t d, size_t k);

/* Central differences with step h: G[e] = (L(θ + h·e) − L(θ − h·e)) / 2h for
 * every entry e of W (gW, d×k) and of b (gb, k).  Either output may be NULL. */
void sl_numgrad(const double *X, const double *Y, const double *W, const double *b,
                size_t n, size_t d, size_t k, double h, double *gW, double *gb);

/* ‖got − num‖ / max(‖got‖, ‖num‖) (Euclidean norms); 1 when got is all zero
 * and num is not, so an all-zero gradient never passes; 0 when both are 0. */
double sl_rel_error(const double *num, const double *got, size_t count);

/* Euclidean norm of count entries. */
double sl_norm(const double *a, size_t count);

#endif

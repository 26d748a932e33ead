/* oracle.h — the reference implementation under other names, linked into
 * every check suite so that expectations never come from the student's code
 * (every reference/<exercise>.c compiled with -D<name>=ref_<name>). */
#ifndef SL_ORACLE_H
#define SL_ORACLE_H

#include <stddef.h>

void ref_softmax(const double *Z, double *P, size_t n, size_t k);
double ref_cross_entropy(const double *P, const double *Y, size_t n, size_t k);
void ref_grad_w(const double *X, const double *P, const double *Y,
                size_t n, size_t d, size_t k, double *dW);
void ref_grad_b(const double *P, const double *Y, size_t n, size_t k, double *db);
double ref_train(const double *X, const double *Y, size_t n, size_t d, size_t k,
                 double *W, double *b, double lr, size_t epochs, double *loss_history);

#endif

/* bench.h — what the benchmark programs of lab/bench share. */
#ifndef SL_BENCH_H
#define SL_BENCH_H

#include <stddef.h>

/* The signature of train() (contract: lab/softmax_lab.h). */
typedef double (*train_fn)(const double *X, const double *Y, size_t n, size_t d, size_t k,
                           double *W, double *b, double lr, size_t epochs,
                           double *loss_history);

/* The first, plain reference train(): the contract functions called one
 * after the other each epoch (lab/bench/train_naive.c).  Same contract. */
double naive_train(const double *X, const double *Y, size_t n, size_t d, size_t k,
                   double *W, double *b, double lr, size_t epochs, double *loss_history);

#endif

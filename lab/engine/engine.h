/* engine.h — the fast trainer of the runtime: full-batch gradient descent
 * with the contract of train() (lab/softmax_lab.h), tested to give what the
 * model solution reference/train.c gives (lab/engine/README.md states the
 * bound).  Used by `softmax-lab train --impl reference`, `make bench`, and
 * by anything else that wants speed rather than a readable loop. */
#ifndef SL_ENGINE_H
#define SL_ENGINE_H

#include <stddef.h>

/* train() of the contract, computed by the engine with `threads` threads
 * (0: SOFTMAX_LAB_THREADS if set, else the usable cores, fewer for small
 * problems).  X n×d, Y n×k (row-stochastic), W d×k and b k updated in place,
 * loss_history `epochs` entries or NULL.  Returns the loss at the final
 * parameters; NaN when out of memory (W and b then unchanged).
 * The result is bit-for-bit the same for every thread count on one machine
 * (and one instruction set, see sl_engine_isa). */
double sl_engine_train(const double *X, const double *Y, size_t n, size_t d, size_t k,
                       double *W, double *b, double lr, size_t epochs,
                       double *loss_history, size_t threads);

/* sl_engine_train with threads = 0: the exact signature of train(), so that
 * it can stand in for it (impl.c, the lesson's trainer). */
double sl_engine_train_auto(const double *X, const double *Y, size_t n, size_t d, size_t k,
                            double *W, double *b, double lr, size_t epochs,
                            double *loss_history);

/* The kernel's instruction set: "avx512", "avx2" or "base" (the best this
 * CPU runs, or SOFTMAX_LAB_ENGINE_ISA=base|avx2|avx512 when this CPU has it). */
const char *sl_engine_isa(void);

/* The threads sl_engine_train uses for an n×d×k problem when threads = 0. */
size_t sl_engine_threads(size_t n, size_t d, size_t k);

#endif

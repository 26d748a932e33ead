/* kernel.h — one slice of an epoch, the engine's inner work (kernel.c,
 * compiled once per instruction set; engine.c picks one at run time). */
#ifndef SL_ENGINE_KERNEL_H
#define SL_ENGINE_KERNEL_H

#include <stddef.h>

/* Rows per block are a multiple of this (every kernel's register block). */
#define SL_ENGINE_ROW_ALIGN 16

/* The problem as a slice sees it: X n×d, Y n×k, W d×k, b k (read only
 * during a slice), rows taken `rows` (a multiple of SL_ENGINE_ROW_ALIGN)
 * at a time. */
typedef struct {
    const double *X, *Y, *W, *b;
    size_t n, d, k, rows;
} sl_engine_problem;

/* What a slice adds up, for its rows in order:
 *   gWT k×d  Σ_i (p_ij − y_ij) x_if   at gWT[j·d + f]   (when want_grad)
 *   gb  k    Σ_i (p_ij − y_ij)                           (when want_grad)
 *   *loss    Σ_i Σ_j −y_ij log p_ij  (terms with y_ij = 0 skipped)
 * with P = softmax(XW + b) of rows [i0, i1).  The sums are overwritten,
 * never read.  XT (d × rows) and ZT (k × rows) are scratch, 64-byte aligned. */
typedef void (*sl_engine_slice_fn)(const sl_engine_problem *p, size_t i0, size_t i1,
                                   double *XT, double *ZT, int want_grad,
                                   double *gWT, double *gb, double *loss);

void sl_engine_slice_base(const sl_engine_problem *p, size_t i0, size_t i1, double *XT,
                          double *ZT, int want_grad, double *gWT, double *gb, double *loss);
void sl_engine_slice_avx2(const sl_engine_problem *p, size_t i0, size_t i1, double *XT,
                          double *ZT, int want_grad, double *gWT, double *gb, double *loss);
void sl_engine_slice_avx512(const sl_engine_problem *p, size_t i0, size_t i1, double *XT,
                            double *ZT, int want_grad, double *gWT, double *gb, double *loss);

#endif

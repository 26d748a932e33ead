/* kernel.c — one slice of an epoch (contract: kernel.h), compiled once per
 * instruction set by engine.mk with
 *   SL_KERNEL  the function's name (sl_engine_slice_base, _avx2, _avx512),
 *   SL_VW      doubles per vector (2, 4, 8),
 *   SL_RV      vectors per register block (1 or 2: 10 classes × SL_RV
 *              vectors of accumulators must fit in the registers).
 *
 * A slice is taken `rows` rows of X at a time (a block, in cache):
 *   1. XT = the block transposed (d × rows), so that a vector holds one
 *      feature of SL_VW consecutive rows;
 *   2. ZT = (XW + b)ᵀ (k × rows): vectors run over rows, 10 classes ×
 *      SL_RV vectors of rows held in registers while f runs over d;
 *   3. softmax down each column of ZT (vectors over rows, vexp), then the
 *      loss and G = P − Y row by row;
 *   4. gWT += Gᵀ X_block: vectors run over features of X's own rows
 *      (10 classes × SL_RV vectors of features in registers while i runs
 *      over the block), so every sum runs over i in order, as grad_w's does.
 * Built with -ffp-contract=fast: `a += x * w` is one fused multiply-add.
 */
#include "kernel.h"

#include <math.h>
#include <string.h>

#ifndef SL_VW
#define SL_VW 2
#endif
#ifndef SL_RV
#define SL_RV 1
#endif
#ifndef SL_KERNEL
#define SL_KERNEL sl_engine_slice_base
#endif
#include "vmath.h"

#define KC 10                /* classes per register block */
#define INLINE static inline __attribute__((always_inline))

/* Shuffle masks of the in-register transpose: at level h, rows a and b
 * (b = a + h) swap their off-diagonal h×h blocks. */
#define TLO(h, q) (((q) & (h)) ? SL_VW + (q) - (h) : (q))
#define THI(h, q) (((q) & (h)) ? SL_VW + (q) : (q) + (h))
#if SL_VW == 8
#define TMASK(F, h) ((vint){F(h, 0), F(h, 1), F(h, 2), F(h, 3), F(h, 4), F(h, 5), F(h, 6), F(h, 7)})
#elif SL_VW == 4
#define TMASK(F, h) ((vint){F(h, 0), F(h, 1), F(h, 2), F(h, 3)})
#else
#define TMASK(F, h) ((vint){F(h, 0), F(h, 1)})
#endif

/* t[0 … SL_VW−1], SL_VW rows of SL_VW doubles, transposed in place. */
INLINE void transpose_tile(vec *t)
{
#pragma GCC unroll 4
    for (int h = SL_VW / 2; h >= 1; h /= 2)
#pragma GCC unroll 8
        for (int a = 0; a < SL_VW; a++)
            if (!(a & h)) {
                const vec lo = t[a], hi = t[a + h];
                if (h == 4) {
                    t[a] = __builtin_shuffle(lo, hi, TMASK(TLO, 4));
                    t[a + h] = __builtin_shuffle(lo, hi, TMASK(THI, 4));
                } else if (h == 2) {
                    t[a] = __builtin_shuffle(lo, hi, TMASK(TLO, 2));
                    t[a + h] = __builtin_shuffle(lo, hi, TMASK(THI, 2));
                } else {
                    t[a] = __builtin_shuffle(lo, hi, TMASK(TLO, 1));
                    t[a + h] = __builtin_shuffle(lo, hi, TMASK(THI, 1));
                }
            }
}

/* XT[f][r] = X[i0 + r][f] for r < nr, 0 for nr ≤ r < rows: SL_VW × SL_VW
 * tiles transposed in registers (a full line of XT per store), the edges
 * one by one. */
static void transpose_block(const sl_engine_problem *p, size_t i0, size_t nr, double *XT)
{
    const size_t d = p->d, R = p->rows, fv = d / SL_VW * SL_VW, rv = nr / SL_VW * SL_VW;
    const double *X = p->X + i0 * p->d;
    for (size_t r = 0; r < rv; r += SL_VW) {
        for (size_t f = 0; f < fv; f += SL_VW) {
            vec t[SL_VW];
#pragma GCC unroll 8
            for (int q = 0; q < SL_VW; q++)
                t[q] = VEC(X + (r + (size_t)q) * d + f);
            transpose_tile(t);
#pragma GCC unroll 8
            for (int q = 0; q < SL_VW; q++)
                VEC(XT + (f + (size_t)q) * R + r) = t[q];
        }
        for (size_t f = fv; f < d; f++)
            for (size_t q = 0; q < SL_VW; q++)
                XT[f * R + r + q] = X[(r + q) * d + f];
    }
    for (size_t f = 0; f < d; f++) {
        for (size_t r = rv; r < nr; r++)
            XT[f * R + r] = X[r * d + f];
        memset(XT + f * R + nr, 0, (R - nr) * sizeof *XT);
    }
}

/* ZT rows [j0, j0 + NC) = b_j + Σ_f XT[f] W[f][j], f = 0 … d−1 in order. */
INLINE void logits_cols(const sl_engine_problem *p, const double *XT, double *ZT, size_t j0,
                        const int NC)
{
    const size_t d = p->d, k = p->k, R = p->rows;
    for (size_t r = 0; r < R; r += SL_RV * SL_VW) {
        vec acc[KC][SL_RV];
#pragma GCC unroll 16
        for (int c = 0; c < NC; c++)
#pragma GCC unroll 4
            for (int v = 0; v < SL_RV; v++)
                acc[c][v] = (vec){0} + p->b[j0 + (size_t)c];
        const double *w = p->W + j0, *x = XT + r;
        for (size_t f = 0; f < d; f++, w += k, x += R) {
            vec xv[SL_RV];
#pragma GCC unroll 4
            for (int v = 0; v < SL_RV; v++)
                xv[v] = VEC(x + v * SL_VW);
#pragma GCC unroll 16
            for (int c = 0; c < NC; c++)
#pragma GCC unroll 4
                for (int v = 0; v < SL_RV; v++)
                    acc[c][v] += xv[v] * w[c];
        }
#pragma GCC unroll 16
        for (int c = 0; c < NC; c++)
#pragma GCC unroll 4
            for (int v = 0; v < SL_RV; v++)
                VEC(ZT + (j0 + (size_t)c) * R + r + v * SL_VW) = acc[c][v];
    }
}

/* FV vectors of features [f, f + FV·W) of gWT rows [j0, j0 + NC) (W doubles
 * per vector, type V) += Σ_r G[r][j] X[i0 + r][f…], r = 0 … nr−1 in order. */
#define GRAD_STEP(V, W, FV)                                                              \
    do {                                                                                 \
        V acc[KC][FV];                                                                   \
        _Pragma("GCC unroll 16") for (int c = 0; c < NC; c++)                            \
            _Pragma("GCC unroll 4") for (int v = 0; v < FV; v++)                         \
                acc[c][v] = *(V *)(gWT + (j0 + (size_t)c) * d + f + (size_t)v * W);       \
        for (size_t r = 0; r < nr; r++) {                                                \
            V xv[FV];                                                                    \
            _Pragma("GCC unroll 4") for (int v = 0; v < FV; v++)                         \
                xv[v] = *(const V *)(X + r * d + f + (size_t)v * W);                     \
            _Pragma("GCC unroll 16") for (int c = 0; c < NC; c++)                        \
                _Pragma("GCC unroll 4") for (int v = 0; v < FV; v++)                     \
                    acc[c][v] += GT[(j0 + (size_t)c) * R + r] * xv[v];                   \
        }                                                                                \
        _Pragma("GCC unroll 16") for (int c = 0; c < NC; c++)                            \
            _Pragma("GCC unroll 4") for (int v = 0; v < FV; v++)                         \
                *(V *)(gWT + (j0 + (size_t)c) * d + f + (size_t)v * W) = acc[c][v];       \
    } while (0)

#if SL_VW >= 4
typedef double hvec __attribute__((vector_size(SL_VW / 2 * sizeof(double)),
                                   aligned(sizeof(double)), may_alias));
#endif
typedef double one __attribute__((aligned(sizeof(double)), may_alias));

/* gWT rows [j0, j0 + NC) += Gᵀ X for the nr rows of X from i0. */
INLINE void grad_cols(const sl_engine_problem *p, size_t i0, size_t nr, const double *GT,
                      double *gWT, size_t j0, const int NC)
{
    const size_t d = p->d, R = p->rows;
    const double *X = p->X + i0 * d;
    size_t f = 0;
    for (; f + SL_RV * SL_VW <= d; f += SL_RV * SL_VW)
        GRAD_STEP(vec, SL_VW, SL_RV);
    for (; f + SL_VW <= d; f += SL_VW)
        GRAD_STEP(vec, SL_VW, 1);
#if SL_VW >= 4
    for (; f + SL_VW / 2 <= d; f += SL_VW / 2)
        GRAD_STEP(hvec, SL_VW / 2, 1);
#endif
    for (; f < d; f++)
        GRAD_STEP(one, 1, 1);
}

/* Each of logits_cols and grad_cols with the class count known when
 * compiling (1 … KC), so that its accumulators live in registers. */
#define BY_CLASSES(call, nc)                                                             \
    switch (nc) {                                                                        \
    case 1: call(1); break;                                                              \
    case 2: call(2); break;                                                              \
    case 3: call(3); break;                                                              \
    case 4: call(4); break;                                                              \
    case 5: call(5); break;                                                              \
    case 6: call(6); break;                                                              \
    case 7: call(7); break;                                                              \
    case 8: call(8); break;                                                              \
    case 9: call(9); break;                                                              \
    default: call(10); break;                                                            \
    }

static void logits_block(const sl_engine_problem *p, const double *XT, double *ZT)
{
    for (size_t j0 = 0; j0 < p->k; j0 += KC) {
        const size_t nc = p->k - j0 < KC ? p->k - j0 : KC;
#define LOGITS(NC) logits_cols(p, XT, ZT, j0, NC)
        BY_CLASSES(LOGITS, nc)
#undef LOGITS
    }
}

static void grad_block(const sl_engine_problem *p, size_t i0, size_t nr, const double *GT,
                       double *gWT)
{
    for (size_t j0 = 0; j0 < p->k; j0 += KC) {
        const size_t nc = p->k - j0 < KC ? p->k - j0 : KC;
#define GRAD(NC) grad_cols(p, i0, nr, GT, gWT, j0, NC)
        BY_CLASSES(GRAD, nc)
#undef GRAD
    }
}

/* Each column of ZT (one row of Z): stable softmax, as softmax() does it —
 * the row's maximum, e^(z − max), their sum in the order j = 0 … k−1, and
 * each e divided by the sum. */
static void softmax_block(const sl_engine_problem *p, double *ZT)
{
    const size_t k = p->k, R = p->rows;
    for (size_t r = 0; r < R; r += SL_VW) {
        vec max = VEC(ZT + r);
        for (size_t j = 1; j < k; j++) {
            const vec z = VEC(ZT + j * R + r);
            max = vselect(z > max, z, max);
        }
        vec sum = (vec){0};
        for (size_t j = 0; j < k; j++) {
            const vec e = vexp(VEC(ZT + j * R + r) - max);
            VEC(ZT + j * R + r) = e;
            sum += e;
        }
        for (size_t j = 0; j < k; j++)
            VEC(ZT + j * R + r) = VEC(ZT + j * R + r) / sum;
    }
}

/* Loss of the nr rows from i0 (P in ZT) added to *loss; with want_grad, ZT
 * becomes G = P − Y (0 in the padding columns) and gb gets its row sums. */
static void loss_and_g(const sl_engine_problem *p, size_t i0, size_t nr, double *ZT,
                       int want_grad, double *gb, double *loss)
{
    const size_t k = p->k, R = p->rows;
    double total = *loss;
    for (size_t r = 0; r < nr; r++) {
        const double *y = p->Y + (i0 + r) * k;
        for (size_t j = 0; j < k; j++) {
            const double pj = ZT[j * R + r];
            if (y[j] != 0.0)                     /* 0 · log 0 counts as 0 */
                total -= y[j] * log(pj);
            if (want_grad) {
                ZT[j * R + r] = pj - y[j];
                gb[j] += pj - y[j];
            }
        }
    }
    *loss = total;
    if (want_grad && nr < R)
        for (size_t j = 0; j < k; j++)
            memset(ZT + j * R + nr, 0, (R - nr) * sizeof *ZT);
}

void SL_KERNEL(const sl_engine_problem *p, size_t i0, size_t i1, double *XT, double *ZT,
               int want_grad, double *gWT, double *gb, double *loss)
{
    *loss = 0.0;
    if (want_grad) {
        memset(gWT, 0, p->k * p->d * sizeof *gWT);
        memset(gb, 0, p->k * sizeof *gb);
    }
    if (p->k == 0)
        return;
    for (size_t b0 = i0; b0 < i1; b0 += p->rows) {
        const size_t nr = i1 - b0 < p->rows ? i1 - b0 : p->rows;
        transpose_block(p, b0, nr, XT);
        logits_block(p, XT, ZT);
        softmax_block(p, ZT);
        loss_and_g(p, b0, nr, ZT, want_grad, gb, loss);
        if (want_grad)
            grad_block(p, b0, nr, ZT, gWT);
    }
}

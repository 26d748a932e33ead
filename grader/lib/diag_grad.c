/* diag_grad.c — dW and db computed the way known mistakes compute them, to
 * name the mistake behind a wrong gradient when the evidence is decisive
 * (decide.h; contract: diagnose.h). */
#include "diagnose.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "accurate.h"
#include "decide.h"

/* G (rows×k) = scale · Σ_{i ≥ first} a_i ⊗ (p_i − y_i·use_y), where a_i is
 * row i of A (rows columns wide), or 1 when A is NULL (then rows = 1). */
static void grad_sum(const double *A, const double *P, const double *Y, size_t n,
                     size_t rows, size_t k, size_t first, double use_y, double scale,
                     double *G)
{
    memset(G, 0, rows * k * sizeof *G);
    for (size_t i = first; i < n; i++)
        for (size_t f = 0; f < rows; f++) {
            double a = A ? A[i * rows + f] : 1.0;
            for (size_t j = 0; j < k; j++)
                G[f * k + j] += a * (P[i * k + j] - use_y * Y[i * k + j]);
        }
    for (size_t e = 0; e < rows * k; e++)
        G[e] *= scale;
}

enum {
    G_NO_1N, G_WRONG_COUNT, G_SIGN, G_TRANSPOSED, G_X_DN, G_ACCUM, G_INT_DIV, G_SKIP_FIRST,
    G_NO_Y, G_FLOAT, G_COUNT
};
static const char *const ids[G_COUNT] = {
    "forgot_1_over_n", "divided_by_wrong_count", "sign_reversed", "dw_stored_k_by_d",
    "x_read_as_d_by_n", "accumulator_not_zeroed", "integer_division", "skipped_first_sample",
    "forgot_minus_y", "float_precision",
};

typedef struct {
    const double *A, *P, *Y, *before;
    size_t n, rows, k;
    int is_w;
} gcase;

/* Writes model m into v; 0 when it does not apply (or alt-th form absent). */
static int model(int m, int alt, const gcase *c, const double *ref, const double *got, double *v)
{
    const size_t n = c->n, rows = c->rows, k = c->k, count = rows * k;
    const double N = (double)n;
    switch (m) {
    case G_NO_1N:
        if (alt || n < 2) return 0;
        for (size_t e = 0; e < count; e++) v[e] = ref[e] * N;
        return 1;
    case G_WRONG_COUNT: {
        const double wrong[] = {(double)k, (double)rows, N * (double)k};
        if (alt >= 3 || wrong[alt] == N || (alt == 1 && !c->is_w)) return 0;
        for (size_t e = 0; e < count; e++) v[e] = ref[e] * N / wrong[alt];
        return 1;
    }
    case G_SIGN:
        if (alt) return 0;
        for (size_t e = 0; e < count; e++) v[e] = -ref[e];
        return 1;
    case G_TRANSPOSED:
        if (alt || !c->is_w || rows < 2 || k < 2) return 0;
        for (size_t f = 0; f < rows; f++)
            for (size_t j = 0; j < k; j++)
                v[j * rows + f] = ref[f * k + j];
        return 1;
    case G_X_DN:
        if (alt || !c->is_w || n < 2 || rows < 2) return 0;
        memset(v, 0, count * sizeof *v);
        for (size_t i = 0; i < n; i++)
            for (size_t f = 0; f < rows; f++)
                for (size_t j = 0; j < k; j++)
                    v[f * k + j] += c->A[f * n + i] * (c->P[i * k + j] - c->Y[i * k + j]) / N;
        return 1;
    case G_ACCUM:
        if (alt >= 2 || !c->before) return 0;
        for (size_t e = 0; e < count; e++)
            v[e] = (alt ? c->before[e] / N : c->before[e]) + ref[e];
        return 1;
    case G_INT_DIV:                        /* exactly zero, every entry */
        if (alt || n < 2) return 0;
        for (size_t e = 0; e < count; e++)
            if (got[e] != 0.0) return 0;
        memset(v, 0, count * sizeof *v);
        return 1;
    case G_SKIP_FIRST:
        if (alt >= 2 || (alt && n < 2)) return 0;
        grad_sum(c->A, c->P, c->Y, n, rows, k, 1, 1.0, alt ? 1.0 / (N - 1) : 1.0 / N, v);
        return 1;
    case G_NO_Y:
        if (alt) return 0;
        grad_sum(c->A, c->P, c->Y, n, rows, k, 0, 0.0, 1.0 / N, v);
        return 1;
    default:
        return 0;
    }
}

/* Bit m set for every mistake whose model fits got decisively. */
static unsigned fitting(const gcase *c, const double *got)
{
    const size_t count = c->rows * c->k > 0 ? c->rows * c->k : 1;
    double *ref = malloc(count * sizeof *ref), *tol = malloc(count * sizeof *tol);
    double *v = malloc(count * sizeof *v);
    unsigned set = 0;
    if (!ref || !tol || !v)
        goto out;
    sl_acc_grad(c->A, c->P, c->Y, c->n, c->rows, c->k, ref, tol);
    for (int m = 0; m < G_FLOAT; m++)
        for (int alt = 0; alt < 3 && !(set & 1u << m); alt++)
            if (model(m, alt, c, ref, got, v) && sl_decisive(v, ref, tol, got, c->rows * c->k))
                set |= 1u << m;
    int flt = 0;                           /* float: within float's rounding, far outside double's */
    for (size_t e = 0; e < c->rows * c->k; e++) {
        const double diff = fabs(got[e] - ref[e]);
        if (!(diff <= tol[e] * 8.0 * (double)FLT_EPSILON / DBL_EPSILON + 1e-30)) {
            flt = 0;
            break;
        }
        flt |= diff >= SL_DECISIVE * tol[e];
    }
    if (flt && !set)                       /* float: only when nothing else fits */
        set |= 1u << G_FLOAT;
out:
    free(ref);
    free(tol);
    free(v);
    return set;
}

/* The second, independent input: the student's function fn on other numbers
 * of the same shape; returns the mistakes that fit there too. */
static unsigned confirm(const gcase *c, unsigned set, sl_grad_w_fn *fw, sl_grad_b_fn *fb)
{
    const size_t n = c->n + 1, rows = c->rows, k = c->k;
    double *buf = malloc((2 * n * rows + 3 * n * k + 2 * rows * k + 1) * sizeof *buf);
    if (!buf)
        return 0;
    double *A = buf, *P = A + n * rows, *Y = P + n * k, *before = Y + n * k, *out = before + rows * k;
    double *tmp = out + rows * k;                 /* n·max(rows, k) */
    if (c->A) {
        sl_second_rows(c->A, tmp, c->n, rows);
        sl_perturb(tmp, A, n * rows, 0.5, 0x5eed9a01ULL);
    }
    sl_second_rows(c->P, tmp, c->n, k);
    sl_perturb_probs(tmp, P, n, k, 0x5eed9a02ULL);
    sl_second_rows(c->Y, tmp, c->n, k);
    sl_perturb_probs(tmp, Y, n, k, 0x5eed9a03ULL);
    if (c->before)
        sl_perturb(c->before, before, rows * k, 100.0, 0x5eed9a04ULL);
    else
        memset(before, 0, rows * k * sizeof *before);
    memcpy(out, before, rows * k * sizeof *out);
    if (fw)
        fw(A, P, Y, n, rows, k, out);
    else
        fb(P, Y, n, k, out);
    gcase c2 = {c->A ? A : NULL, P, Y, c->before ? before : NULL, n, rows, k, c->is_w};
    set &= fitting(&c2, out);
    free(buf);
    return set;
}

static const char *diag(const gcase *c, const double *got, sl_grad_w_fn *fw, sl_grad_b_fn *fb)
{
    sl_diag_also_id = NULL;
    unsigned set = fitting(c, got);
    if (!set || (!fw && !fb))
        return NULL;
    set = confirm(c, set, fw, fb);
    const char *found = NULL;
    for (int m = 0; m < G_COUNT; m++)
        if (set & 1u << m) {
            if (!found)
                found = ids[m];
            else if (!sl_diag_also_id)
                sl_diag_also_id = ids[m];
        }
    return found;
}

const char *sl_diag_grad_w(const double *X, const double *P, const double *Y,
                           size_t n, size_t d, size_t k,
                           const double *before, const double *got, sl_grad_w_fn *fn)
{
    gcase c = {X, P, Y, before, n, d, k, 1};
    return diag(&c, got, fn, NULL);
}

const char *sl_diag_grad_b(const double *P, const double *Y, size_t n, size_t k,
                           const double *before, const double *got, sl_grad_b_fn *fn)
{
    gcase c = {NULL, P, Y, before, n, 1, k, 0};
    return diag(&c, got, NULL, fn);
}

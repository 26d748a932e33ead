/* diag_grad.c — dW and db computed the way known mistakes compute them, to
 * name the mistake behind a wrong gradient (contract: diagnose.h). */
#include "diagnose.h"

#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "oracle.h"

#define ATOL 1e-12
#define RTOL 1e-9

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

/* Shared by dW (A = X, rows = d) and db (A = NULL, rows = 1). */
static const char *diag_grad(const double *A, const double *P, const double *Y,
                             size_t n, size_t rows, size_t k,
                             const double *before, const double *got, int transposable)
{
    size_t count = rows * k;
    double *ref = malloc((count ? count : 1) * sizeof *ref);
    double *v = malloc((count ? count : 1) * sizeof *v);
    const char *found = NULL;
    sl_diag_also_id = NULL;
    if (!ref || !v)
        goto out;
    const double inv_n = 1.0 / (double)n;
    grad_sum(A, P, Y, n, rows, k, 0, 1.0, inv_n, ref);

#define TRY(id)                                                               \
    do {                                                                     \
        if (!found && sl_agree(v, got, count, ATOL, RTOL))                   \
            found = id;                                                      \
    } while (0)

    for (size_t e = 0; e < count; e++)
        v[e] = ref[e] * (double)n;
    TRY("forgot_1_over_n");
    /* the mean taken over the wrong count: k classes, d features, or n*k */
    const double wrong[] = {(double)k, (double)rows, (double)n * (double)k};
    for (size_t w = 0; w < sizeof wrong / sizeof wrong[0]; w++) {
        if (wrong[w] == (double)n || (w == 1 && !A))
            continue;                              /* same numbers, or db has no d */
        for (size_t e = 0; e < count; e++)
            v[e] = ref[e] * (double)n / wrong[w];
        TRY("divided_by_wrong_count");
    }
    for (size_t e = 0; e < count; e++)
        v[e] = -ref[e];
    TRY("sign_reversed");
    if (transposable) {
        for (size_t f = 0; f < rows; f++)
            for (size_t j = 0; j < k; j++)
                v[j * rows + f] = ref[f * k + j];
        TRY("dw_stored_k_by_d");
        memset(v, 0, count * sizeof *v);          /* X read as if it were d×n */
        for (size_t i = 0; i < n; i++)
            for (size_t f = 0; f < rows; f++)
                for (size_t j = 0; j < k; j++)
                    v[f * k + j] += A[f * n + i] * (P[i * k + j] - Y[i * k + j]) * inv_n;
        if (n != 1 && rows != 1)                  /* otherwise the same layout */
            TRY("x_read_as_d_by_n");
    }
    int before_nonzero = 0;
    for (size_t e = 0; before && e < count; e++)
        before_nonzero |= before[e] != 0.0;
    if (before_nonzero) {
        for (size_t e = 0; e < count; e++)
            v[e] = before[e] + ref[e];
        TRY("accumulator_not_zeroed");
        for (size_t e = 0; e < count; e++)
            v[e] = before[e] * inv_n + ref[e];     /* summed into garbage, then ÷ n */
        TRY("accumulator_not_zeroed");
    }
    memset(v, 0, count * sizeof *v);
    if (n > 1)                                    /* with n = 1, 1/n is 1 even in integers */
        TRY("integer_division");
    grad_sum(A, P, Y, n, rows, k, 1, 1.0, inv_n, v);
    TRY("skipped_first_sample");
    if (n > 1) {
        grad_sum(A, P, Y, n, rows, k, 1, 1.0, 1.0 / (double)(n - 1), v);
        TRY("skipped_first_sample");
    }
    grad_sum(A, P, Y, n, rows, k, 0, 0.0, inv_n, v);
    TRY("forgot_minus_y");
#undef TRY
    if (!found && sl_looks_like_float(ref, got, count))
        found = "float_precision";
out:
    free(ref);
    free(v);
    return found;
}

const char *sl_diag_grad_w(const double *X, const double *P, const double *Y,
                           size_t n, size_t d, size_t k,
                           const double *before, const double *got)
{
    return diag_grad(X, P, Y, n, d, k, before, got, 1);
}

const char *sl_diag_grad_b(const double *P, const double *Y, size_t n, size_t k,
                           const double *before, const double *got)
{
    return diag_grad(NULL, P, Y, n, 1, k, before, got, 0);
}

/* train_equiv.c — the fast reference train() gives exactly what the plain
 * composition of the contract functions gives (naive_train, train_naive.c),
 * on awkward shapes and with 1, 2, 3 and 5 threads.
 *
 * W and b must be bit-for-bit equal (same arithmetic in the same order); the
 * loss history within 1e-12 relative (it may be summed per row first).
 * Prints every comparison; exits 1 on the first shape that differs.
 */
#include "bench.h"
#include "rng.h"
#include "softmax_lab.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Largest |a − b| over count entries; *where gets its index. */
static double max_diff(const double *a, const double *b, size_t count, size_t *where)
{
    double m = 0.0;
    *where = 0;
    for (size_t e = 0; e < count; e++)
        if (!(fabs(a[e] - b[e]) <= m)) {        /* NaN counts as a difference */
            m = isnan(a[e] - b[e]) ? INFINITY : fabs(a[e] - b[e]);
            *where = e;
        }
    return m;
}

static int check(size_t n, size_t d, size_t k, size_t epochs, const char *threads)
{
    sl_rng r;
    sl_rng_seed(&r, n * 1000003 + d * 1009 + k);
    double *X = malloc((n * d + 1) * sizeof *X), *Y = calloc(n * k + 1, sizeof *Y);
    double *W1 = malloc((d * k + 1) * sizeof *W1), *W2 = malloc((d * k + 1) * sizeof *W2);
    double *b1 = malloc((k + 1) * sizeof *b1), *b2 = malloc((k + 1) * sizeof *b2);
    double *l1 = malloc((epochs + 1) * sizeof *l1), *l2 = malloc((epochs + 1) * sizeof *l2);
    if (!X || !Y || !W1 || !W2 || !b1 || !b2 || !l1 || !l2)
        abort();
    for (size_t e = 0; e < n * d; e++)
        X[e] = 2.0 * sl_rng_normal(&r);
    for (size_t i = 0; i < n; i++)                 /* soft targets on odd rows */
        if (i % 2 == 0)
            Y[i * k + sl_rng_below(&r, k)] = 1.0;
        else
            for (size_t j = 0; j < k; j++)
                Y[i * k + j] = 1.0 / (double)k;
    for (size_t e = 0; e < d * k; e++)
        W1[e] = W2[e] = 0.1 * sl_rng_normal(&r);
    for (size_t j = 0; j < k; j++)
        b1[j] = b2[j] = 0.1 * sl_rng_normal(&r);

    setenv("SOFTMAX_LAB_THREADS", threads, 1);
    l1[epochs] = train(X, Y, n, d, k, W1, b1, 0.3, epochs, l1);
    l2[epochs] = naive_train(X, Y, n, d, k, W2, b2, 0.3, epochs, l2);
    size_t wi, bi, li;
    double dw = max_diff(W1, W2, d * k, &wi), db = max_diff(b1, b2, k, &bi);
    double dl = max_diff(l1, l2, epochs + 1, &li);
    int ok = dw == 0.0 && db == 0.0 && dl <= 1e-12 * fmax(1.0, fabs(l2[li]));
    printf("%s n=%-4zu d=%-3zu k=%-2zu epochs=%-3zu threads=%s: max|ΔW| %.3g at (%zu,%zu), "
           "max|Δb| %.3g, max|Δloss| %.3g (loss %.17g vs %.17g)\n",
           ok ? "ok  " : "FAIL", n, d, k, epochs, threads, dw, k ? wi / k : 0, k ? wi % k : 0,
           db, dl, l1[li], l2[li]);
    free(X), free(Y), free(W1), free(W2), free(b1), free(b2), free(l1), free(l2);
    return ok ? 0 : 1;
}

int main(void)
{
    static const size_t shapes[][4] = {   /* n, d, k, epochs */
        {1, 1, 1, 3},   {1, 3, 2, 5},    {7, 5, 3, 10},    {9, 4, 4, 0},
        {33, 7, 5, 20}, {300, 13, 3, 15}, {1797, 64, 10, 5}, {2000, 17, 11, 4},
        {5000, 100, 10, 2},
    };
    static const char *const threads[] = {"1", "2", "3", "5"};
    int failed = 0;
    for (size_t s = 0; s < sizeof shapes / sizeof *shapes; s++)
        for (size_t t = 0; t < sizeof threads / sizeof *threads; t++)
            failed |= check(shapes[s][0], shapes[s][1], shapes[s][2], shapes[s][3], threads[t]);
    printf("train_equiv: %s\n", failed ? "FAILED" : "all shapes and thread counts agree");
    return failed;
}

/* train_equiv.c — the engine (lab/engine/) trains as the model solution
 * does: sl_engine_train gives the W, b and loss history of reference/train.c
 * within BOUND, on iris, digits, a random 20000×100×10 set and awkward
 * shapes (k = 1, 11, 13; d not a multiple of the vector width; n smaller
 * than a block; soft targets), with every kernel this CPU runs, and
 * bit-for-bit the same result with 1, 2 and 3 threads.
 *
 * The bound is normwise: max|ΔW| / max|W|, max|Δb| / max|b|, and for each
 * epoch |Δloss| / |loss|.  The engine sums in another order (blocks, slices)
 * and its exp() may differ from libm's by an ulp, so equality is not to be
 * had; 1e-12 leaves a margin of about 100 over what is measured (printed).
 * Exits 1 on the first disagreement.
 */
#include "dataset.h"
#include "engine/engine.h"
#include "rng.h"
#include "softmax_lab.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BOUND 1e-12

typedef struct {
    const char *name;
    size_t n, d, k, epochs;
    double lr, *X, *Y, *W0, *b0;
} problem;

static double worst;    /* the largest relative difference seen */

/* max|a − b| / max|b| over count entries (NaN counts as infinitely far). */
static double rel_diff(const double *a, const double *b, size_t count)
{
    double diff = 0.0, scale = 0.0;
    for (size_t e = 0; e < count; e++) {
        const double delta = fabs(a[e] - b[e]);
        diff = delta > diff || isnan(delta) ? (isnan(delta) ? INFINITY : delta) : diff;
        scale = fmax(scale, fabs(b[e]));
    }
    return diff == 0.0 ? 0.0 : diff / scale;
}

static double *alloc_doubles(size_t count)
{
    double *v = calloc(count ? count : 1, sizeof *v);
    if (!v)
        abort();
    return v;
}

/* Trains pr with fn from W0, b0: W, b and loss (epochs + 1: history, final). */
static void run(const problem *pr, size_t threads, double *W, double *b, double *loss)
{
    memcpy(W, pr->W0, pr->d * pr->k * sizeof *W);
    memcpy(b, pr->b0, pr->k * sizeof *b);
    if (threads == 0)
        loss[pr->epochs] = train(pr->X, pr->Y, pr->n, pr->d, pr->k, W, b, pr->lr, pr->epochs, loss);
    else
        loss[pr->epochs] = sl_engine_train(pr->X, pr->Y, pr->n, pr->d, pr->k, W, b, pr->lr,
                                           pr->epochs, loss, threads);
}

/* Engine vs reference on one problem, every thread count; 0 when all agree. */
static int check(const problem *pr, const char *isa)
{
    const size_t dk = pr->d * pr->k, ne = pr->epochs + 1;
    double *Wr = alloc_doubles(dk), *br = alloc_doubles(pr->k), *lr = alloc_doubles(ne);
    double *W = alloc_doubles(dk), *b = alloc_doubles(pr->k), *l = alloc_doubles(ne);
    double *W1 = alloc_doubles(dk), *b1 = alloc_doubles(pr->k), *l1 = alloc_doubles(ne);
    run(pr, 0, Wr, br, lr);
    int failed = 0;
    for (size_t threads = 1; threads <= 3; threads++) {
        run(pr, threads, W, b, l);
        double dl = 0.0;
        for (size_t e = 0; e < ne; e++)
            dl = fmax(dl, rel_diff(l + e, lr + e, 1));
        const double dw = rel_diff(W, Wr, dk), db = rel_diff(b, br, pr->k);
        int ok = dw <= BOUND && db <= BOUND && dl <= BOUND;
        const char *same = "";
        if (threads == 1) {
            memcpy(W1, W, dk * sizeof *W), memcpy(b1, b, pr->k * sizeof *b);
            memcpy(l1, l, ne * sizeof *l);
        } else {
            const int equal = !memcmp(W1, W, dk * sizeof *W) && !memcmp(b1, b, pr->k * sizeof *b) &&
                              !memcmp(l1, l, ne * sizeof *l);
            same = equal ? ", bit-identical to 1 thread" : ", DIFFERS from 1 thread";
            ok &= equal;
        }
        worst = fmax(worst, fmax(dw, fmax(db, dl)));
        printf("%s %-7s %-10s n=%-5zu d=%-3zu k=%-2zu epochs=%-3zu threads=%zu: rel ΔW %.2g, "
               "Δb %.2g, Δloss %.2g (final loss %.17g vs %.17g)%s\n", ok ? "ok  " : "FAIL", isa,
               pr->name, pr->n, pr->d, pr->k, pr->epochs, threads, dw, db, dl, l[pr->epochs],
               lr[pr->epochs], same);
        failed |= !ok;
    }
    free(Wr), free(br), free(lr), free(W), free(b), free(l), free(W1), free(b1), free(l1);
    return failed;
}

/* A built-in dataset, standardised, one-hot, from W = 0, b = 0. */
static problem builtin(const char *name, size_t epochs, sl_dataset *ds)
{
    char err[256];
    if (sl_dataset_open(name, ds, err, sizeof err)) {
        fprintf(stderr, "train_equiv: %s\n", err);
        exit(1);
    }
    double *mean = alloc_doubles(ds->d), *sd = alloc_doubles(ds->d);
    sl_standardize_fit(ds->X, ds->n, ds->d, mean, sd);
    sl_standardize_apply(ds->X, ds->n, ds->d, mean, sd);
    free(mean), free(sd);
    problem pr = {.name = name, .n = ds->n, .d = ds->d, .k = ds->k, .epochs = epochs, .lr = 0.5,
                  .X = ds->X, .Y = alloc_doubles(ds->n * ds->k),
                  .W0 = alloc_doubles(ds->d * ds->k), .b0 = alloc_doubles(ds->k)};
    one_hot(ds->y, ds->n, ds->k, pr.Y);
    return pr;
}

/* Random X (N(0, 2²)), targets one-hot on even rows and soft (uniform) on odd
 * ones, W0 and b0 N(0, 0.1²). */
static problem random_problem(const char *name, size_t n, size_t d, size_t k, size_t epochs)
{
    sl_rng r;
    sl_rng_seed(&r, n * 1000003 + d * 1009 + k);
    problem pr = {.name = name, .n = n, .d = d, .k = k, .epochs = epochs, .lr = 0.3,
                  .X = alloc_doubles(n * d), .Y = alloc_doubles(n * k),
                  .W0 = alloc_doubles(d * k), .b0 = alloc_doubles(k)};
    for (size_t e = 0; e < n * d; e++)
        pr.X[e] = 2.0 * sl_rng_normal(&r);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < k; j++)
            pr.Y[i * k + j] = i % 2 ? 1.0 / (double)k : 0.0;
    for (size_t i = 0; i < n; i += 2)
        pr.Y[i * k + sl_rng_below(&r, k)] = 1.0;
    for (size_t e = 0; e < d * k; e++)
        pr.W0[e] = 0.1 * sl_rng_normal(&r);
    for (size_t j = 0; j < k; j++)
        pr.b0[j] = 0.1 * sl_rng_normal(&r);
    return pr;
}

static void free_problem(problem *pr, int owns_x)
{
    if (owns_x)
        free(pr->X);
    free(pr->Y), free(pr->W0), free(pr->b0);
}

int main(void)
{
    static const char *const isas[] = {"base", "avx2", "avx512"};
    static const size_t shapes[][4] = {     /* n, d, k, epochs */
        {1, 1, 1, 3},   {1, 3, 2, 5},   {7, 5, 3, 10},  {9, 4, 4, 0},   {33, 7, 5, 20},
        {300, 13, 3, 15}, {2000, 17, 11, 4}, {517, 23, 13, 6}, {1000, 100, 10, 3},
    };
    sl_dataset iris = {0}, digits = {0};
    problem fixed[] = {builtin("iris", 200, &iris), builtin("digits", 30, &digits),
                       random_problem("random", 20000, 100, 10, 4)};
    int failed = 0;
    for (size_t a = 0; a < sizeof isas / sizeof *isas; a++) {
        setenv("SOFTMAX_LAB_ENGINE_ISA", isas[a], 1);
        if (strcmp(sl_engine_isa(), isas[a])) {
            printf("skip %s: this CPU does not run it\n", isas[a]);
            continue;
        }
        for (size_t p = 0; p < sizeof fixed / sizeof *fixed; p++)
            failed |= check(&fixed[p], isas[a]);
        for (size_t s = 0; s < sizeof shapes / sizeof *shapes; s++) {
            problem pr = random_problem("shape", shapes[s][0], shapes[s][1], shapes[s][2],
                                        shapes[s][3]);
            failed |= check(&pr, isas[a]);
            free_problem(&pr, 1);
        }
    }
    for (size_t p = 0; p < sizeof fixed / sizeof *fixed; p++)
        free_problem(&fixed[p], p == 2);
    sl_dataset_free(&iris);
    sl_dataset_free(&digits);
    printf("train_equiv: %s; largest relative difference %.2g (bound %.0e)\n",
           failed ? "FAILED" : "the engine agrees with reference/train.c", worst, BOUND);
    return failed;
}

/* bench_train.c — times the engine (lab/engine/) and the model solution
 * (reference/train.c) per epoch, and writes the data and the engine's result
 * for lab/bench/numpy_train.py to repeat and compare.
 *
 *   bench-train SCALE EPOCHS REPEATS DIR
 *
 * SCALE is `digits` (the 1797×64 UCI digits, standardised, k = 10) or
 * `large` (20000×100 Gaussian blobs, k = 10, seed 7).  Writes to DIR:
 * X.f64 (n×d), Y.f64 (n×k one-hot), W.f64, b.f64, loss.f64 (epochs + 1:
 * the history, then the final loss) as raw little-endian doubles, and
 * meta.txt ("n d k lr epochs").  Prints, one `key: value` per line, the
 * median milliseconds per epoch over REPEATS runs of the engine from W = 0,
 * b = 0 (and its fastest run), its GFLOP/s (4·n·d·k flops per epoch), the
 * same for reference/train.c (at most 3 runs), the largest relative
 * difference between the two results, the engine's instruction set and
 * threads, and the peak memory.  Exit status 0 unless the arguments or the
 * files are bad: it reports speed, never judges it.
 */
#include "dataset.h"
#include "engine/engine.h"
#include "rng.h"
#include "softmax_lab.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

typedef double (*train_fn)(const double *X, const double *Y, size_t n, size_t d, size_t k,
                           double *W, double *b, double lr, size_t epochs, double *loss_history);
static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int write_doubles(const char *dir, const char *name, const double *v, size_t count)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(v, sizeof *v, count, f) != count || fclose(f)) {
        fprintf(stderr, "bench-train: cannot write %s\n", path);
        return -1;
    }
    return 0;
}

/* 20000×100 blobs: class c's centre has N(0, 1) coordinates, points add N(0, 2²). */
static void make_large(sl_dataset *ds)
{
    const size_t n = 20000, d = 100, k = 10;
    sl_rng r;
    sl_rng_seed(&r, 7);
    double *centre = malloc(k * d * sizeof *centre);
    ds->X = malloc(n * d * sizeof *ds->X);
    ds->y = malloc(n * sizeof *ds->y);
    if (!centre || !ds->X || !ds->y)
        abort();
    for (size_t e = 0; e < k * d; e++)
        centre[e] = sl_rng_normal(&r);
    for (size_t i = 0; i < n; i++) {
        ds->y[i] = (int)(i % k);
        for (size_t f = 0; f < d; f++)
            ds->X[i * d + f] = centre[(i % k) * d + f] + 2.0 * sl_rng_normal(&r);
    }
    ds->n = n, ds->d = d, ds->k = k;
    free(centre);
}

/* Median seconds per epoch of fn over `repeats` runs (*fastest: the
 * fastest run, least disturbed by other work); leaves the last W, b, loss. */
static double time_train(train_fn fn, const double *X, const double *Y, size_t n, size_t d,
                         size_t k, double lr, size_t epochs, int repeats,
                         double *W, double *b, double *loss, double *fastest)
{
    double t[64];
    if (repeats > 64)
        repeats = 64;
    for (int r = 0; r < repeats; r++) {
        memset(W, 0, d * k * sizeof *W);
        memset(b, 0, k * sizeof *b);
        double t0 = now();
        loss[epochs] = fn(X, Y, n, d, k, W, b, lr, epochs, loss);
        t[r] = (now() - t0) / (double)epochs;
    }
    qsort(t, (size_t)repeats, sizeof *t, cmp_double);
    *fastest = t[0];
    return t[repeats / 2];
}

/* max|a − b| / max|b| (normwise relative difference). */
static double rel_diff(const double *a, const double *b, size_t count)
{
    double m = 0.0, scale = 0.0;
    for (size_t e = 0; e < count; e++) {
        m = fmax(m, fabs(a[e] - b[e]));
        scale = fmax(scale, fabs(b[e]));
    }
    return m > 0.0 ? m / scale : 0.0;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: bench-train digits|large EPOCHS REPEATS DIR\n");
        return 2;
    }
    const size_t epochs = (size_t)strtoul(argv[2], NULL, 10);
    const int repeats = atoi(argv[3]);
    const char *dir = argv[4];
    if (epochs == 0 || repeats < 1) {
        fprintf(stderr, "bench-train: EPOCHS and REPEATS must be at least 1\n");
        return 2;
    }
    sl_dataset ds = {0};
    char err[256];
    if (!strcmp(argv[1], "digits")) {
        if (sl_dataset_open("digits", &ds, err, sizeof err)) {
            fprintf(stderr, "bench-train: %s\n", err);
            return 2;
        }
        double *mean = malloc(ds.d * sizeof *mean), *sd = malloc(ds.d * sizeof *sd);
        if (!mean || !sd)
            abort();
        sl_standardize_fit(ds.X, ds.n, ds.d, mean, sd);
        sl_standardize_apply(ds.X, ds.n, ds.d, mean, sd);
        free(mean);
        free(sd);
    } else if (!strcmp(argv[1], "large")) {
        make_large(&ds);
    } else {
        fprintf(stderr, "bench-train: unknown scale '%s' (digits or large)\n", argv[1]);
        return 2;
    }
    const size_t n = ds.n, d = ds.d, k = ds.k;
    const double lr = 0.1;
    double *Y = malloc(n * k * sizeof *Y);
    double *W = malloc(d * k * sizeof *W), *b = malloc(k * sizeof *b);
    double *W0 = malloc(d * k * sizeof *W0), *b0 = malloc(k * sizeof *b0);
    double *loss = malloc((epochs + 1) * sizeof *loss), *loss0 = malloc((epochs + 1) * sizeof *loss0);
    if (!Y || !W || !b || !W0 || !b0 || !loss || !loss0)
        abort();
    one_hot(ds.y, n, k, Y);

    double ref_min, eng_min;
    double ref = time_train(train, ds.X, Y, n, d, k, lr, epochs, repeats < 3 ? repeats : 3,
                            W0, b0, loss0, &ref_min);
    double eng = time_train(sl_engine_train_auto, ds.X, Y, n, d, k, lr, epochs, repeats, W, b,
                            loss, &eng_min);
    double flops = 4.0 * (double)n * (double)d * (double)k;     /* XW and Xᵀ G, 2 flops each */
    printf("scale: %s n=%zu d=%zu k=%zu epochs=%zu repeats=%d\n", argv[1], n, d, k, epochs, repeats);
    printf("engine_ms_per_epoch: %.4f\n", 1e3 * eng);
    printf("engine_ms_fastest: %.4f\n", 1e3 * eng_min);
    printf("engine_gflops: %.2f\n", flops / eng * 1e-9);
    printf("engine_gflops_fastest: %.2f\n", flops / eng_min * 1e-9);
    printf("engine_isa: %s\n", sl_engine_isa());
    printf("engine_threads: %zu\n", sl_engine_threads(n, d, k));
    printf("reference_ms_per_epoch: %.4f\n", 1e3 * ref);
    printf("diff_vs_reference: W %.2g  b %.2g  loss %.2g (relative)\n", rel_diff(W, W0, d * k),
           rel_diff(b, b0, k), rel_diff(loss, loss0, epochs + 1));
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("memory: peak RSS %.1f MB; X and Y take %.1f MB\n", (double)ru.ru_maxrss / 1024.0,
           (double)(n * d + n * k) * sizeof(double) / 1048576.0);

    FILE *meta;
    char path[1024];
    snprintf(path, sizeof path, "%s/meta.txt", dir);
    int rc = write_doubles(dir, "X.f64", ds.X, n * d) || write_doubles(dir, "Y.f64", Y, n * k) ||
             write_doubles(dir, "W.f64", W, d * k) || write_doubles(dir, "b.f64", b, k) ||
             write_doubles(dir, "loss.f64", loss, epochs + 1);
    if (!rc && (!(meta = fopen(path, "w")) ||
                fprintf(meta, "%zu %zu %zu %.17g %zu\n", n, d, k, lr, epochs) < 0 || fclose(meta))) {
        fprintf(stderr, "bench-train: cannot write %s\n", path);
        rc = 1;
    }
    free(Y), free(W), free(b), free(W0), free(b0), free(loss), free(loss0);
    sl_dataset_free(&ds);
    return rc ? 2 : 0;
}

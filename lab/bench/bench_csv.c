/* bench_csv.c — the CSV loader at MNIST scale, for `make bench`.
 *
 *   bench-csv gen FILE      writes a 60000×784 MNIST-shaped CSV (pixels
 *                           0–255, a third of them 0, label 0–9 last;
 *                           about 165 MB), deterministic
 *   bench-csv fread FILE    reads it with one plain fread (the yardstick)
 *   bench-csv load FILE     loads it with sl_dataset_load_csv
 *
 * fread and load print `key: value` lines: the seconds, MB/s (10^6 bytes),
 * the CPU seconds (user, kernel: a loaded machine stretches the wall clock,
 * not these) and the peak resident memory against X in doubles (n·d·8).
 * Run each in its own process so that the peaks do not mix.
 */
#include "dataset.h"
#include "rng.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static double peak_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0;           /* ru_maxrss: KiB on Linux */
}

/* CPU seconds of this process so far: user (*sys: kernel). */
static double cpu_seconds(double *sys)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    *sys = (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec;
    return (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec;
}

static int gen(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return 2;
    sl_rng r;
    sl_rng_seed(&r, 60000);
    for (int j = 0; j < 784; j++)
        fprintf(f, "p%d,", j);
    fputs("label\n", f);
    char line[8192];
    for (int i = 0; i < 60000; i++) {
        char *p = line;
        for (int j = 0; j < 784; j++) {
            unsigned v = sl_rng_below(&r, 3) ? 1 + (unsigned)sl_rng_below(&r, 255) : 0;
            p += sprintf(p, "%u,", v);
        }
        p += sprintf(p, "%d\n", (int)sl_rng_below(&r, 10));
        fwrite(line, 1, (size_t)(p - line), f);
    }
    return fclose(f) ? 2 : 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: bench-csv gen|fread|load FILE\n");
        return 2;
    }
    const char *path = argv[2];
    if (!strcmp(argv[1], "gen"))
        return gen(path);
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "bench-csv: cannot stat %s\n", path);
        return 2;
    }
    const double mb = (double)st.st_size / 1e6;
    double sys0, user0 = cpu_seconds(&sys0), sys1, user1;
    double t0 = now(), secs;
    if (!strcmp(argv[1], "fread")) {
        FILE *f = fopen(path, "rb");
        char *buf = malloc((size_t)st.st_size + 1);
        if (!f || !buf || fread(buf, 1, (size_t)st.st_size, f) != (size_t)st.st_size)
            return 2;
        secs = now() - t0;
        user1 = cpu_seconds(&sys1);
        fclose(f);
        free(buf);
        printf("fread_seconds: %.3f\nfread_mb_per_s: %.0f\nfread_peak_mb: %.0f\n", secs, mb / secs,
               peak_mb());
        printf("fread_cpu: %.2f s user + %.2f s kernel: %.0f MB per CPU second\n", user1 - user0,
               sys1 - sys0, mb / (user1 - user0 + sys1 - sys0));
        return 0;
    }
    sl_dataset ds = {0};
    char err[512];
    if (sl_dataset_load_csv(path, &ds, err, sizeof err)) {
        fprintf(stderr, "bench-csv: %s\n", err);
        return 2;
    }
    secs = now() - t0;
    user1 = cpu_seconds(&sys1);
    const double x_mb = (double)(ds.n * ds.d * sizeof(double)) / 1048576.0;
    printf("load_shape: %zu rows, %zu features, %zu classes, %.0f MB of text\n", ds.n, ds.d, ds.k, mb);
    printf("load_seconds: %.3f\nload_mb_per_s: %.0f\n", secs, mb / secs);
    printf("load_cpu: %.2f s user (parsing: %.0f MB/s) + %.2f s kernel (read, first touch of X): "
           "%.0f MB per CPU second\n", user1 - user0, mb / (user1 - user0), sys1 - sys0,
           mb / (user1 - user0 + sys1 - sys0));
    printf("load_peak_mb: %.0f MB (X in doubles: %.0f MB, ratio %.2f)\n", peak_mb(), x_mb,
           peak_mb() / x_mb);
    sl_dataset_free(&ds);
    return 0;
}

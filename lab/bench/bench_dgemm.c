/* bench_dgemm.c — the yardstick of `make bench`: OpenBLAS dgemm on square
 * N×N doubles (C = A·B), with a given number of threads.
 *
 *   bench-dgemm THREADS [N]        (N = 2000)
 *
 * Prints `dgemm_gflops: G` (median of 5 timed calls after one warm-up,
 * 2·N³ flops each) and `dgemm_gflops_fastest: G`.  Built only where
 * OpenBLAS is installed; a benchmark, never a dependency of the kit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* OpenBLAS's Fortran dgemm and its thread setting (no header needed). */
void dgemm_(const char *ta, const char *tb, const int *m, const int *n, const int *k,
            const double *alpha, const double *a, const int *lda, const double *b,
            const int *ldb, const double *beta, double *c, const int *ldc);
void openblas_set_num_threads(int threads);

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

int main(int argc, char **argv)
{
    if (argc < 2 || atoi(argv[1]) < 1) {
        fprintf(stderr, "usage: bench-dgemm THREADS [N]\n");
        return 2;
    }
    const int n = argc > 2 ? atoi(argv[2]) : 2000;
    openblas_set_num_threads(atoi(argv[1]));
    double *A = malloc((size_t)n * n * sizeof *A), *B = malloc((size_t)n * n * sizeof *B);
    double *C = malloc((size_t)n * n * sizeof *C);
    if (!A || !B || !C || n < 1)
        return 2;
    for (size_t e = 0; e < (size_t)n * n; e++) {
        A[e] = (double)(e % 17) / 17.0 - 0.5;
        B[e] = (double)(e % 13) / 13.0 - 0.5;
    }
    const double one = 1.0, zero = 0.0;
    double t[6];
    for (int r = 0; r < 6; r++) {
        double t0 = now();
        dgemm_("N", "N", &n, &n, &n, &one, A, &n, B, &n, &zero, C, &n);
        t[r] = now() - t0;
    }
    qsort(t + 1, 5, sizeof *t, cmp_double);      /* t[0]: the warm-up */
    const double flops = 2.0 * (double)n * (double)n * (double)n;
    printf("dgemm_gflops: %.2f\n", flops / t[3] * 1e-9);
    printf("dgemm_gflops_fastest: %.2f\n", flops / t[1] * 1e-9);
    printf("dgemm_check: %.6g\n", C[(size_t)n * n / 2]);
    free(A), free(B), free(C);
    return 0;
}

/* softmax.c — the checks of exercise `softmax` (lecture §2), one Criterion
 * test per check id of exercises.yaml.  The student's softmax() is called;
 * every expectation comes from the accurate evaluator (accurate.h: long
 * double, tested against reference/) or from properties.
 *
 * Tolerance of every comparison (accurate.h): entry (i, j) may differ from
 * the exact value by 4ε(k + 4 + |z_ij| + |max_i|)·p_ij + 4·DBL_MIN — the
 * error of any backward-stable way to compute softmax (max-shift or
 * log-sum-exp, any summation order, division or reciprocal multiply). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "accurate.h"
#include "check.h"
#include "compare.h"
#include "diagnose.h"
#include "inputs.h"
#include "rng.h"
#include "softmax_lab.h"
#include "verdict.h"

#define BOUND_EN "4ε(k + 4 + |z_ij| + |max_i|)·p_ij + 4·DBL_MIN"
#define BOUND_ZH "4ε(k + 4 + |z_ij| + |max_i|)·p_ij + 4·DBL_MIN"

/* What P holds before the call: finite (so an entry never written is told
 * apart from a NaN the code computed), outside [0, 1]. */
#define UNWRITTEN 7.25

/* Calls the student's softmax on a copy of Z, checks for the stub, that the
 * copy was not written to and nothing past P.  Returns the student's P (n×k). */
static double *run_softmax(const double *Z, size_t n, size_t k)
{
    /* the input first, the output after it: a write past the end of P
     * lands in P's guard (or beyond), not in the copy of Z */
    double *Zc = sl_in_copy(Z, n * k), *P = sl_out_fin(n * k);
    for (size_t e = 0; e < n * k; e++)
        P[e] = UNWRITTEN;
    softmax(Zc, P, n, k);
    sl_after_call("softmax");
    sl_expect_in_bounds(P, n * k, "softmax", "P");
    sl_expect_unchanged(Z, Zc, n * k, "softmax", "Z");
    return P;
}

static sl_obs_mat observation(const double *E, const double *T, const double *P,
                              size_t n, size_t k, int prefilled)
{
    double *before = NULL;
    if (prefilled) {
        before = sl_mat(n * k);
        for (size_t e = 0; e < n * k; e++)
            before[e] = UNWRITTEN;
    }
    sl_obs_mat o = {E, T, P, n, k, before, n, 0, k, "P", "row (sample)", "行（样本）",
                    "class", "类别"};
    return o;
}

/* Fails, naming a mistake only on decisive evidence, else saying what is
 * seen, unless P is within tolerance of softmax(Z). */
static void expect_softmax(const double *Z, const double *P, size_t n, size_t k,
                           int in_place, const char *what_en, const char *what_zh)
{
    double *E = sl_mat(n * k), *T = sl_mat(n * k);
    sl_acc_softmax(Z, E, T, n, k);
    sl_cmp c = sl_compare_tol(E, P, T, n, k);
    if (c.ok)
        return;
    sl_obs_mat o = observation(E, T, P, n, k, !in_place);
    if (in_place)
        o.before = Z;                            /* in place: P held Z */
    sl_fail_verdict(&c, sl_diag_softmax(Z, P, n, k, in_place, softmax), &o, what_en, what_zh,
                    BOUND_EN, BOUND_ZH);
}

/* The headline for a property that failed: a decisive mistake, else an
 * observation against the accurate softmax, else the property itself. */
static int explain(const double *Z, const double *P, size_t n, size_t k)
{
    double *E = sl_mat(n * k), *T = sl_mat(n * k);
    sl_acc_softmax(Z, E, T, n, k);
    const char *m = sl_diag_softmax(Z, P, n, k, 0, softmax);
    sl_obs_mat o = observation(E, T, P, n, k, 1);
    if (m)
        sl_head_diagnosed(m);
    return m || sl_observe_mat(&o);
}

SL_CHECK(softmax, rows_sum_to_one, 5)
{
    const size_t n = 6, k = 4;
    const double *Z = sl_in_normal(n, k, 0.5, 3.0, 101);
    const double *P = run_softmax(Z, n, k);
    for (size_t i = 0; i < n; i++) {
        double sum = 0.0;
        for (size_t j = 0; j < k; j++) {
            double p = P[i * k + j];
            if (!(p >= 0.0 && p <= 1.0)) {
                if (!explain(Z, P, n, k))
                    sl_head("property", "P[%zu][%zu] = %.17g is not a probability (outside [0, 1])",
                            "P[%zu][%zu] = %.17g 不是概率（不在 [0, 1] 内）", i, j, p);
                sl_say("compared: every entry of P = softmax(Z), Z 6x4, against [0, 1]",
                       "比较的是：P = softmax(Z)（Z 为 6x4）的每一项是否在 [0, 1] 内");
                sl_say("row %zu, column %zu: got %.17g", "第 %zu 行、第 %zu 列：实际为 %.17g", i, j, p);
                sl_fail();
            }
            sum += p;
        }
        /* Σ_j p_ij − 1: the entries' bounds plus (k + 2)ε for adding them up */
        const double tol = sl_acc_rowsum_tol(Z + i * k, k);
        if (!(fabs(sum - 1.0) <= tol)) {
            if (!explain(Z, P, n, k))
                sl_head("property", "row %zu of P sums to %.17g, not 1",
                        "P 的第 %zu 行之和为 %.17g，不是 1", i, sum);
            sl_say("compared: the sum of each row of P = softmax(Z), Z 6x4, with 1",
                   "比较的是：P = softmax(Z)（Z 为 6x4）每一行之和与 1");
            sl_say("row %zu: expected 1, got %.17g (abs diff %.3g, tolerance %.3g ="
                   " sum of the entries' bounds " BOUND_EN " + (k + 2)ε)",
                   "第 %zu 行：应为 1，实际为 %.17g（绝对误差 %.3g，容差 %.3g ="
                   " 各项上界 " BOUND_ZH " 之和 + (k + 2)ε）", i, sum, fabs(sum - 1.0), tol);
            sl_fail();
        }
    }
}

SL_CHECK(softmax, matches_reference, 5)
{
    const size_t n = 8, k = 5;
    const double *Z = sl_in_normal(n, k, 0.0, 2.0, 102);
    expect_softmax(Z, run_softmax(Z, n, k), n, k, 0,
                   "P = softmax(Z) for Z 8x5, logits ~ N(0, 2^2)",
                   "P = softmax(Z)，Z 为 8x5，logits ~ N(0, 2^2)");
}

SL_CHECK(softmax, shift_invariant, 5)
{
    const size_t n = 5, k = 4;
    double *Z = sl_in_normal(n, k, 0.0, 1.5, 103);
    const double *P = run_softmax(Z, n, k);
    double *S = sl_in_copy(Z, n * k);
    static const double shift[] = {3.0, -7.5, 250.0, -400.0, 12.25};
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < k; j++)
            S[i * k + j] += shift[i];
    const double *Q = run_softmax(S, n, k);
    /* both are within their bound of the exact softmax, and Z + c rounds by
     * ε|z + c| (inside the bound of S): |P − Q| ≤ tol(Z) + tol(S) */
    double *E = sl_mat(n * k), *T = sl_mat(n * k), *TS = sl_mat(n * k);
    sl_acc_softmax(Z, E, T, n, k);
    sl_acc_softmax(S, E, TS, n, k);
    for (size_t e = 0; e < n * k; e++)
        T[e] += TS[e];
    sl_cmp c = sl_compare_tol(P, Q, T, n, k);
    if (!c.ok) {
        if (!explain(S, Q, n, k))
            sl_head("property", "adding a constant to a row changed its softmax (lecture 2.2)",
                    "给一行加上常数后 softmax 变了（讲义 2.2）");
        sl_say("compared: softmax(Z) with softmax(Z + c_i), c = {3, -7.5, 250, -400, 12.25} per row",
               "比较的是：softmax(Z) 与 softmax(Z + c_i)，每行的 c = {3, -7.5, 250, -400, 12.25}");
        sl_say_cmp_tol(&c, n, "tol(Z) + tol(Z + c), each " BOUND_EN, "tol(Z) + tol(Z + c)，各为 " BOUND_ZH);
        sl_fail();
    }
}

/* Z 4×3 with every logit near `center` (spread ±3). */
static double *extreme(double center, uint64_t seed)
{
    return sl_in_normal(4, 3, center, 1.5, seed);
}

SL_CHECK(softmax, large_positive, 5)
{
    const double *Z = extreme(1000.0, 104);
    expect_softmax(Z, run_softmax(Z, 4, 3), 4, 3, 0,
                   "P = softmax(Z) for logits near +1000 (exp(1000) overflows to inf)",
                   "P = softmax(Z)，logits 约为 +1000（exp(1000) 会溢出成 inf）");
}

SL_CHECK(softmax, large_negative, 5)
{
    const double *Z = extreme(-1000.0, 105);
    expect_softmax(Z, run_softmax(Z, 4, 3), 4, 3, 0,
                   "P = softmax(Z) for logits near -1000 (exp(-1000) underflows to 0)",
                   "P = softmax(Z)，logits 约为 -1000（exp(-1000) 会下溢成 0）");
}

SL_CHECK(softmax, mixed_magnitudes, 5)
{
    const size_t n = 4, k = 3;
    double *Z = sl_in_normal(n, k, 0.0, 1.0, 106);
    static const double center[] = {1000.0, -1000.0, 0.5, 300.0};
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < k; j++)
            Z[i * k + j] += center[i];
    expect_softmax(Z, run_softmax(Z, n, k), n, k, 0,
                   "P = softmax(Z), rows near +1000, -1000, 0 and +300",
                   "P = softmax(Z)，各行分别约为 +1000、-1000、0、+300");
}

SL_CHECK(softmax, far_apart_logits, 5)
{
    /* Logits 1000 apart inside one row: subtracting anything but the row
     * maximum (the first entry, the minimum, the mean, 0) overflows exp. */
    const size_t n = 4, k = 4;
    static const double Z[] = {0, 1000, 1, -2,
                               1000, 0, -1000, 5,
                               -750, 750, 0, 1,
                               -1000, -1000, 1000, -999};
    expect_softmax(Z, run_softmax(Z, n, k), n, k, 0,
                   "P = softmax(Z) for rows whose logits lie far apart: [0, 1000, 1, -2],"
                   " [1000, 0, -1000, 5], [-750, 750, 0, 1], [-1000, -1000, 1000, -999]",
                   "P = softmax(Z)，每行内 logits 相差很远：[0, 1000, 1, -2]、"
                   "[1000, 0, -1000, 5]、[-750, 750, 0, 1]、[-1000, -1000, 1000, -999]");
}

SL_CHECK(softmax, in_place, 5)
{
    const size_t n = 5, k = 4;
    const double *Z = sl_in_normal(n, k, 1.0, 2.0, 107);
    double *A = sl_in_copy(Z, n * k);
    softmax(A, A, n, k);
    sl_after_call("softmax");
    expect_softmax(Z, A, n, k, 1,
                   "softmax(Z, Z, 5, 4) (P is the same array as Z) against softmax of the original Z",
                   "softmax(Z, Z, 5, 4)（P 与 Z 是同一个数组）与原 Z 的 softmax");
}

SL_CHECK(softmax, single_class, 5)
{
    const size_t n = 4, k = 1;
    double Z[] = {-3.0, 0.0, 42.0, -7.5};
    expect_softmax(Z, run_softmax(Z, n, k), n, k, 0,
                   "softmax of the 4x1 matrix {-3, 0, 42, -7.5}: with k = 1 every probability is 1",
                   "4x1 矩阵 {-3, 0, 42, -7.5} 的 softmax：k = 1 时每个概率都是 1");
}

SL_CHECK(softmax, two_classes_sigmoid, 5)
{
    const size_t n = 2000, k = 2;
    const double *Z = sl_in_normal(n, k, 0.0, 8.0, 108);
    const double *P = run_softmax(Z, n, k);
    /* the identity softmax(z0, z1)_0 = σ(z0 − z1), σ in long double; the
     * bound is that of a softmax entry: 4ε(6 + |z0| + |z1|)·σ + 4·DBL_MIN */
    double *S = sl_mat(n * k), *T = sl_mat(n * k);
    for (size_t i = 0; i < n; i++) {
        S[i * k] = sl_acc_sigmoid(Z[i * k], Z[i * k + 1], &T[i * k]);
        S[i * k + 1] = sl_acc_sigmoid(Z[i * k + 1], Z[i * k], &T[i * k + 1]);
    }
    sl_cmp c = sl_compare_tol(S, P, T, n, k);
    if (!c.ok) {
        if (!explain(Z, P, n, k))
            sl_head("property", "with k = 2, P[i][0] must equal sigmoid(z0 - z1)",
                    "k = 2 时 P[i][0] 必须等于 sigmoid(z0 - z1)");
        sl_say("compared: softmax of 2000 random rows (z0, z1) with (sigmoid(z0 - z1), sigmoid(z1 - z0))",
               "比较的是：2000 行随机 (z0, z1) 的 softmax 与 (sigmoid(z0 - z1), sigmoid(z1 - z0))");
        sl_say_cmp_tol(&c, n, "4ε(6 + |z0| + |z1|)·σ + 4·DBL_MIN", "4ε(6 + |z0| + |z1|)·σ + 4·DBL_MIN");
        sl_fail();
    }
}

SL_CHECK(softmax, non_square, 5)
{
    const size_t n = 3, k = 7;
    const double *Z = sl_in_normal(n, k, 0.0, 2.0, 109);
    expect_softmax(Z, run_softmax(Z, n, k), n, k, 0,
                   "P = softmax(Z) for a 3x7 Z (n = 3 samples, k = 7 classes)",
                   "P = softmax(Z)，Z 为 3x7（n = 3 个样本，k = 7 个类别）");
}

SL_CHECK(softmax, random_shapes, 5)
{
    /* Differential check on many shapes (n = 1, k = 1, n = k, tall, wide)
     * and magnitudes (logits ~ N(c, s²), s up to 300, rows centred up to
     * ±700), every case from the check's own seed. */
    static const size_t shapes[][2] = {{1, 1}, {1, 2}, {1, 6}, {5, 1}, {2, 2}, {3, 3}, {6, 6},
                                       {2, 9}, {9, 2}, {4, 5}, {17, 3}, {3, 17}};
    static const double scales[] = {1.0, 30.0, 300.0};
    const uint64_t seed = sl_seed_of("softmax.random_shapes");
    sl_rng r;
    sl_rng_seed(&r, seed);
    size_t case_no = 0;
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++)
        for (size_t m = 0; m < sizeof scales / sizeof scales[0]; m++, case_no++) {
            const size_t n = shapes[s][0], k = shapes[s][1];
            double *Z = sl_mat(n * k);
            for (size_t i = 0; i < n; i++) {
                const double centre = 1400.0 * sl_rng_uniform(&r) - 700.0;
                for (size_t j = 0; j < k; j++)
                    Z[i * k + j] = (m ? centre : 0.0) + scales[m] * sl_rng_normal(&r);
            }
            char desc[96];
            snprintf(desc, sizeof desc, "n = %zu, k = %zu, logits ~ N(c_i, %g^2)", n, k, scales[m]);
            sl_verdict_seed(seed, case_no, desc);
            expect_softmax(Z, run_softmax(Z, n, k), n, k, 0,
                           "P = softmax(Z) on random shapes and magnitudes",
                           "随机形状与数量级下的 P = softmax(Z)");
        }
    sl_verdict_seed(0, 0, NULL);
}

/* softmax.c — the checks of exercise `softmax` (lecture §2), one Criterion
 * test per check id of exercises.yaml.  The student's softmax() is called;
 * every expectation comes from the oracle (ref_softmax) or from properties. */
#include <math.h>
#include <string.h>

#include "check.h"
#include "compare.h"
#include "diagnose.h"
#include "inputs.h"
#include "oracle.h"
#include "softmax_lab.h"

#define ATOL 1e-12
#define RTOL 1e-10

/* Calls the student's softmax on a copy of Z, checks for the stub, that the
 * copy was not written to and nothing past P.  Returns the student's P (n×k). */
static double *run_softmax(const double *Z, size_t n, size_t k)
{
    double *P = sl_out(n * k), *Zc = sl_in_copy(Z, n * k);
    softmax(Zc, P, n, k);
    sl_after_call("softmax");
    sl_expect_unchanged(Z, Zc, n * k, "softmax", "Z");
    sl_expect_in_bounds(P, n * k, "softmax", "P");
    return P;
}

/* Settles ambiguous diagnoses by probing the student's softmax. */
static const char *resolve(const char *m)
{
    return sl_diag_softmax_probe(m, softmax, 0);
}

/* Fails, naming a mistake when the numbers fit one, unless P matches the
 * reference softmax of Z. */
static void expect_reference(const double *Z, const double *P, size_t n, size_t k,
                             int in_place, const char *what_en, const char *what_zh)
{
    double *E = sl_mat(n * k);
    ref_softmax(Z, E, n, k);
    sl_cmp c = sl_compare(E, P, n, k, ATOL, RTOL);
    if (!c.ok)
        sl_fail_cmp(&c, n, resolve(sl_diag_softmax(Z, P, n, k, in_place)), what_en, what_zh,
                    ATOL, RTOL);
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
                const char *m = resolve(sl_diag_softmax(Z, P, n, k, 0));
                if (m)
                    sl_head_diagnosed(m);
                else
                    sl_head("property", "P[%zu][%zu] = %.17g is not a probability (outside [0, 1])",
                            "P[%zu][%zu] = %.17g 不是概率（不在 [0, 1] 内）", i, j, p);
                sl_say("compared: every entry of P = softmax(Z), Z 6x4, against [0, 1]",
                       "比较的是：P = softmax(Z)（Z 为 6x4）的每一项是否在 [0, 1] 内");
                sl_say("row %zu, column %zu: got %.17g", "第 %zu 行、第 %zu 列：实际为 %.17g", i, j, p);
                sl_fail();
            }
            sum += p;
        }
        if (!(fabs(sum - 1.0) <= 1e-12)) {
            const char *m = resolve(sl_diag_softmax(Z, P, n, k, 0));
            if (m)
                sl_head_diagnosed(m);
            else
                sl_head("property", "row %zu of P sums to %.17g, not 1",
                        "P 的第 %zu 行之和为 %.17g，不是 1", i, sum);
            sl_say("compared: the sum of each row of P = softmax(Z), Z 6x4, with 1",
                   "比较的是：P = softmax(Z)（Z 为 6x4）每一行之和与 1");
            sl_say("row %zu: expected 1, got %.17g (abs diff %.3g, tolerance 1e-12)",
                   "第 %zu 行：应为 1，实际为 %.17g（绝对误差 %.3g，容差 1e-12）",
                   i, sum, fabs(sum - 1.0));
            sl_fail();
        }
    }
}

SL_CHECK(softmax, matches_reference, 5)
{
    const size_t n = 8, k = 5;
    const double *Z = sl_in_normal(n, k, 0.0, 2.0, 102);
    expect_reference(Z, run_softmax(Z, n, k), n, k, 0,
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
    sl_cmp c = sl_compare(P, Q, n, k, 1e-12, 1e-9);
    if (!c.ok) {
        const char *m = resolve(sl_diag_softmax(S, Q, n, k, 0));
        if (m)
            sl_head_diagnosed(m);
        else
            sl_head("property", "adding a constant to a row changed its softmax (lecture 2.2)",
                    "给一行加上常数后 softmax 变了（讲义 2.2）");
        sl_say("compared: softmax(Z) with softmax(Z + c_i), c = {3, -7.5, 250, -400, 12.25} per row",
               "比较的是：softmax(Z) 与 softmax(Z + c_i)，每行的 c = {3, -7.5, 250, -400, 12.25}");
        sl_say_cmp(&c, n, 1e-12, 1e-9);
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
    expect_reference(Z, run_softmax(Z, 4, 3), 4, 3, 0,
                     "P = softmax(Z) for logits near +1000 (exp(1000) overflows to inf)",
                     "P = softmax(Z)，logits 约为 +1000（exp(1000) 会溢出成 inf）");
}

SL_CHECK(softmax, large_negative, 5)
{
    const double *Z = extreme(-1000.0, 105);
    expect_reference(Z, run_softmax(Z, 4, 3), 4, 3, 0,
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
    expect_reference(Z, run_softmax(Z, n, k), n, k, 0,
                     "P = softmax(Z), rows near +1000, -1000, 0 and +300",
                     "P = softmax(Z)，各行分别约为 +1000、-1000、0、+300");
}

SL_CHECK(softmax, in_place, 5)
{
    const size_t n = 5, k = 4;
    const double *Z = sl_in_normal(n, k, 1.0, 2.0, 107);
    double *A = sl_in_copy(Z, n * k);
    softmax(A, A, n, k);
    sl_after_call("softmax");
    expect_reference(Z, A, n, k, 1,
                     "softmax(Z, Z, 5, 4) (P is the same array as Z) against softmax of the original Z",
                     "softmax(Z, Z, 5, 4)（P 与 Z 是同一个数组）与原 Z 的 softmax");
}

SL_CHECK(softmax, single_class, 5)
{
    const size_t n = 4, k = 1;
    double Z[] = {-3.0, 0.0, 42.0, -7.5};
    const double *P = run_softmax(Z, n, k);
    for (size_t i = 0; i < n; i++)
        if (P[i] != 1.0) {
            /* with k = 1 most mistakes look alike: diagnose on a probe */
            const char *m = sl_diag_softmax_probe(sl_diag_softmax(Z, P, n, k, 0), softmax, 1);
            if (m)
                sl_head_diagnosed(m);
            else
                sl_head("property", "with k = 1 every probability must be exactly 1",
                        "k = 1 时每个概率都必须恰好为 1");
            sl_say("compared: softmax of the 4x1 matrix {-3, 0, 42, -7.5} with 1",
                   "比较的是：4x1 矩阵 {-3, 0, 42, -7.5} 的 softmax 与 1");
            sl_say("row %zu, column 0: expected 1, got %.17g", "第 %zu 行、第 0 列：应为 1，实际为 %.17g",
                   i, P[i]);
            sl_fail();
        }
}

/* σ(t) = 1 / (1 + e^{−t}), computed without overflow. */
static double sigmoid(double t)
{
    return t >= 0 ? 1.0 / (1.0 + exp(-t)) : exp(t) / (1.0 + exp(t));
}

SL_CHECK(softmax, two_classes_sigmoid, 5)
{
    const size_t n = 2000, k = 2;
    const double *Z = sl_in_normal(n, k, 0.0, 8.0, 108);
    const double *P = run_softmax(Z, n, k);
    double *S = sl_mat(n * k);
    for (size_t i = 0; i < n; i++) {
        S[i * k] = sigmoid(Z[i * k] - Z[i * k + 1]);
        S[i * k + 1] = sigmoid(Z[i * k + 1] - Z[i * k]);
    }
    sl_cmp c = sl_compare(S, P, n, k, 1e-15, 0.0);
    if (!c.ok) {
        const char *m = resolve(sl_diag_softmax(Z, P, n, k, 0));
        if (m)
            sl_head_diagnosed(m);
        else
            sl_head("property", "with k = 2, P[i][0] must equal sigmoid(z0 - z1)",
                    "k = 2 时 P[i][0] 必须等于 sigmoid(z0 - z1)");
        sl_say("compared: softmax of 2000 random rows (z0, z1) with (sigmoid(z0 - z1), sigmoid(z1 - z0))",
               "比较的是：2000 行随机 (z0, z1) 的 softmax 与 (sigmoid(z0 - z1), sigmoid(z1 - z0))");
        sl_say_cmp(&c, n, 1e-15, 0.0);
        sl_fail();
    }
}

SL_CHECK(softmax, non_square, 5)
{
    const size_t n = 3, k = 7;
    const double *Z = sl_in_normal(n, k, 0.0, 2.0, 109);
    expect_reference(Z, run_softmax(Z, n, k), n, k, 0,
                     "P = softmax(Z) for a 3x7 Z (n = 3 samples, k = 7 classes)",
                     "P = softmax(Z)，Z 为 3x7（n = 3 个样本，k = 7 个类别）");
}

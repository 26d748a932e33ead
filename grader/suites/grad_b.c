/* grad_b.c — the checks of exercise `grad_b` (lecture §4.3), one Criterion
 * test per check id of exercises.yaml.  Expectations come from the accurate
 * evaluator (accurate.h), from the numerical slope of the loss, or from
 * properties.
 *
 * Tolerance of every entry (accurate.h): db_j is a sum of n terms
 * p_ij − y_ij, so any summation order is within
 * (n + 4)ε·(1/n)·Σ_i (|p_ij| + |y_ij|) + DBL_MIN of the exact value. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "accurate.h"
#include "check.h"
#include "compare.h"
#include "diagnose.h"
#include "inputs.h"
#include "numgrad.h"
#include "oracle.h"
#include "softmax_lab.h"
#include "verdict.h"

#define BOUND_EN "(n + 4)ε·(1/n)·Σ_i (|p_ij| + |y_ij|)"
#define BOUND_ZH "(n + 4)ε·(1/n)·Σ_i (|p_ij| + |y_ij|)"

/* The student's db for copies of P0, Y0 (n×k; checked unchanged), into a
 * guarded k-array that held `before` (NULL: zeros). */
static double *run_grad_b(const double *P0, const double *Y0, size_t n, size_t k,
                          const double *before)
{
    double *P = sl_in_copy(P0, n * k), *Y = sl_in_copy(Y0, n * k);
    double *db = sl_out_fin(k);                    /* after the inputs (see softmax.c) */
    if (before)
        memcpy(db, before, k * sizeof *db);
    else
        memset(db, 0, k * sizeof *db);
    grad_b(P, Y, n, k, db);
    sl_after_call("grad_b");
    sl_expect_in_bounds(db, k, "grad_b", "db");
    sl_expect_unchanged(P0, P, n * k, "grad_b", "P");
    sl_expect_unchanged(Y0, Y, n * k, "grad_b", "Y");
    return db;
}

/* The headline for a wrong db: a decisive mistake, else what the numbers
 * show, else [mismatch]. */
static void explain(const double *P, const double *Y, size_t n, size_t k, const double *before,
                    const double *db, const double *E, const double *T,
                    const char *what_en, const char *what_zh)
{
    const char *mistake = sl_diag_grad_b(P, Y, n, k, before, db, grad_b);
    double *zeros = sl_mat(k);
    memset(zeros, 0, k * sizeof *zeros);
    sl_obs_mat o = {E, T, db, 1, k, before ? before : zeros, n, 0, k, "db", "row", "行",
                    "class", "类别"};
    if (mistake || sl_observe_untouched(&o)) {
        sl_verdict_head(mistake, &o, what_en, what_zh);
        return;
    }
    double *other = sl_mat(k);
    sl_in_garbage(other, k, 778);
    if (sl_observe_dependence(db, run_grad_b(P, Y, n, k, before ? NULL : other), k, 0,
                              "grad_b", "db", "db"))
        return;
    double *Y2 = sl_mat(n * k), *P2 = sl_mat(n * k);
    for (size_t i = 0; i < n; i++)                     /* every row moved one class on */
        for (size_t j = 0; j < k; j++) {
            Y2[i * k + j] = Y[i * k + (j + 1) % k];
            P2[i * k + j] = P[i * k + (j + 1) % k];
        }
    if (k > 1 && sl_observe_dependence(db, run_grad_b(P, Y2, n, k, before), k, 1, "grad_b", "Y", "db"))
        return;
    if (k > 1 && sl_observe_dependence(db, run_grad_b(P2, Y, n, k, before), k, 1, "grad_b", "P", "db"))
        return;
    sl_verdict_head(NULL, &o, what_en, what_zh);
}

static void expect_reference(const double *P, const double *Y, size_t n, size_t k,
                             const double *before, const double *db,
                             const char *what_en, const char *what_zh)
{
    double *E = sl_mat(k), *T = sl_mat(k);
    sl_acc_grad(NULL, P, Y, n, 1, k, E, T);
    sl_cmp c = sl_compare_tol(E, db, T, 1, k);
    if (c.ok)
        return;
    explain(P, Y, n, k, before, db, E, T, what_en, what_zh);
    sl_say("compared: %s", "比较的是：%s", sl_zh() ? what_zh : what_en);
    sl_say_cmp_tol(&c, 1, BOUND_EN, BOUND_ZH);
    sl_fail_seeded();
}

SL_CHECK(grad_b, matches_reference, 5)
{
    const size_t n = 10, k = 4;
    const double *P = sl_in_probs(n, k, 401);
    const double *Y = sl_in_one_hot(n, k, 402, NULL);
    expect_reference(P, Y, n, k, NULL, run_grad_b(P, Y, n, k, NULL),
                     "db = (1/n) sum_i (P_i - Y_i) with n = 10, k = 4, one-hot Y",
                     "db = (1/n) sum_i (P_i - Y_i)，n = 10，k = 4，one-hot Y");
}

SL_CHECK(grad_b, numerical_gradient, 10)
{
    const size_t n = 12, d = 3, k = 4;
    const double *X = sl_in_normal(n, d, 0.0, 1.0, 411);
    const double *W = sl_in_normal(d, k, 0.0, 0.7, 412);
    const double *b = sl_in_normal(1, k, 0.0, 0.5, 413);
    const double *Y = sl_in_soft(n, k, 414);
    double *P = sl_mat(n * k);
    logits(X, W, b, n, d, k, P);
    ref_softmax(P, P, n, k);
    const double *db = run_grad_b(P, Y, n, k, NULL);
    double *num = sl_mat(k);
    sl_numgrad(X, Y, W, b, n, d, k, 1e-5, NULL, num);
    SL_REQUIRE(sl_norm(num, k) > 1e-3,
               "internal: the numerical gradient is too small to test with (norm %.3g)",
               "内部错误：数值梯度太小，无法用来检查（范数 %.3g）", sl_norm(num, k));
    /* central differences: relative error <= 1e-8 for a right db (truncation
     * h^2, rounding eps/h); passes below 1e-6 */
    double rel = sl_rel_error(num, db, k);
    if (!(rel < 1e-6)) {
        double *E = sl_mat(k), *T = sl_mat(k);
        sl_acc_grad(NULL, P, Y, n, 1, k, E, T);
        explain(P, Y, n, k, NULL, db, E, T, "db (not the slope of the loss)", "db（不是损失函数的斜率）");
        sl_say("compared: db with the central difference (L(b + h) - L(b - h)) / 2h, h = 1e-5,"
               " n = 12, k = 4, soft Y",
               "比较的是：db 与中心差分 (L(b + h) - L(b - h)) / 2h，h = 1e-5，n = 12，k = 4，软标签 Y");
        sl_cmp c = sl_compare(num, db, 1, k, 1e-7, 1e-5);
        if (!c.ok)
            sl_say("first difference at entry %zu: numerical %.10g, yours %.17g",
                   "第一处不同在第 %zu 项：数值梯度 %.10g，你的 %.17g", c.j, c.expected, c.got);
        sl_say("relative error |db - num| / max(|db|, |num|) = %.3g; passes below 1e-6",
               "相对误差 |db - num| / max(|db|, |num|) = %.3g；低于 1e-6 才通过", rel);
        sl_fail();
    }
}

SL_CHECK(grad_b, overwrites_output, 5)
{
    const size_t n = 7, k = 3;
    const double *P = sl_in_probs(n, k, 421);
    const double *Y = sl_in_one_hot(n, k, 422, NULL);
    double *before = sl_mat(k);
    sl_in_garbage(before, k, 423);
    expect_reference(P, Y, n, k, before, run_grad_b(P, Y, n, k, before),
                     "db when the array passed in held garbage (+-1e3..1e4) before the call",
                     "传入的数组在调用前装着垃圾值（+-1e3..1e4）时的 db");
    double *nan_before = sl_mat(k);
    expect_reference(P, Y, n, k, nan_before, run_grad_b(P, Y, n, k, nan_before),
                     "db when the array passed in held NaN before the call",
                     "传入的数组在调用前装着 NaN 时的 db");
}

SL_CHECK(grad_b, sums_to_zero, 5)
{
    const size_t n = 9, k = 5;
    const double *P = sl_in_probs(n, k, 431);
    const double *Y = sl_in_soft(n, k, 432);
    const double *db = run_grad_b(P, Y, n, k, NULL);
    double *E = sl_mat(k), *T = sl_mat(k);
    sl_acc_grad(NULL, P, Y, n, 1, k, E, T);
    /* Σ_j db_j is 0 up to the rounding of the rows of P and Y (that exact
     * value is Σ_j E_j); bound: the entries' tolerances + kε·Σ_j |db_j| */
    double sum = 0.0, tol = 0.0, exact = 0.0;
    for (size_t j = 0; j < k; j++) {
        sum += db[j];
        tol += T[j] + (double)k * 2.3e-16 * fabs(db[j]);
        exact += E[j];
    }
    if (!(fabs(sum - exact) <= tol)) {
        explain(P, Y, n, k, NULL, db, E, T, "db (its entries do not sum to 0)", "db（各项之和不为 0）");
        sl_say("compared: sum over j of db[j] with 0 (rows of P and Y both sum to 1), n = 9, k = 5",
               "比较的是：db[j] 对 j 求和与 0（P 与 Y 的每行之和都为 1），n = 9，k = 5");
        sl_say("expected %.3g (0 up to rounding), got %.17g (tolerance %.3g: the entries' bounds"
               " " BOUND_EN " + k·ε·Σ|db[j]|)",
               "应为 %.3g（除舍入外为 0），实际为 %.17g（容差 %.3g：各项上界 " BOUND_ZH " + k·ε·Σ|db[j]|）",
               exact, sum, tol);
        sl_fail();
    }
}

SL_CHECK(grad_b, random_shapes, 5)
{
    /* Differential check on many shapes (n = 1, k = 1, n = k, tall, wide),
     * one-hot and soft targets, probabilities from logits of spread 0.5 .. 30,
     * every case from the check's own seed. */
    static const size_t shapes[][2] = {{1, 1}, {1, 4}, {6, 1}, {3, 3}, {5, 5}, {2, 8}, {11, 2}, {17, 4}};
    static const double spread[] = {0.5, 3.0, 30.0};
    const uint64_t seed = sl_seed_of("grad_b.random_shapes");
    size_t case_no = 0;
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++)
        for (size_t m = 0; m < 3; m++, case_no++) {
            const size_t n = shapes[s][0], k = shapes[s][1];
            double *P = sl_in_normal(n, k, 0.0, spread[m], seed + 2 * case_no);
            sl_acc_softmax(P, P, NULL, n, k);
            const double *Y = case_no % 2 ? sl_in_soft(n, k, seed + 2 * case_no + 1)
                                          : sl_in_one_hot(n, k, seed + 2 * case_no + 1, NULL);
            char desc[96];
            snprintf(desc, sizeof desc, "n = %zu, k = %zu, P = softmax(N(0, %g^2)), %s Y", n, k,
                     spread[m], case_no % 2 ? "soft" : "one-hot");
            sl_verdict_seed(seed, case_no, desc);
            expect_reference(P, Y, n, k, NULL, run_grad_b(P, Y, n, k, NULL),
                             "db on random shapes and magnitudes", "随机形状与数量级下的 db");
        }
    sl_verdict_seed(0, 0, NULL);
}

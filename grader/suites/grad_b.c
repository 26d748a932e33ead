/* grad_b.c — the checks of exercise `grad_b` (lecture §4.3), one Criterion
 * test per check id of exercises.yaml.  Expectations come from the oracle
 * (ref_grad_b), from the numerical slope of the loss, or from properties. */
#include <math.h>
#include <string.h>

#include "check.h"
#include "compare.h"
#include "diagnose.h"
#include "inputs.h"
#include "numgrad.h"
#include "oracle.h"
#include "softmax_lab.h"

#define ATOL 1e-12
#define RTOL 1e-10

/* The student's db for copies of P, Y (n×k; checked unchanged), into a
 * k-array that held `before` (NULL: zeros). */
static double *run_grad_b(const double *P, const double *Y, size_t n, size_t k,
                          const double *before)
{
    double *db = sl_out(k);
    if (before)
        memcpy(db, before, k * sizeof *db);
    else
        memset(db, 0, k * sizeof *db);
    double *Pc = sl_in_copy(P, n * k), *Yc = sl_in_copy(Y, n * k);
    grad_b(Pc, Yc, n, k, db);
    sl_after_call("grad_b");
    sl_expect_unchanged(P, Pc, n * k, "grad_b", "P");
    sl_expect_unchanged(Y, Yc, n * k, "grad_b", "Y");
    sl_expect_in_bounds(db, k, "grad_b", "db");
    return db;
}

static void expect_reference(const double *P, const double *Y, size_t n, size_t k,
                             const double *before, const double *db,
                             const char *what_en, const char *what_zh)
{
    double *E = sl_mat(k);
    ref_grad_b(P, Y, n, k, E);
    sl_cmp c = sl_compare(E, db, 1, k, ATOL, RTOL);
    if (!c.ok)
        sl_fail_cmp(&c, 1, sl_diag_grad_b(P, Y, n, k, before, db), what_en, what_zh, ATOL, RTOL);
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
    double rel = sl_rel_error(num, db, k);
    if (!(rel < 1e-6)) {
        const char *m = sl_diag_grad_b(P, Y, n, k, NULL, db);
        if (m)
            sl_head_diagnosed(m);
        else
            sl_head("mismatch", "db is not the slope of the loss (relative error %.3g)",
                    "db 不是损失函数的斜率（相对误差 %.3g）", rel);
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
    double sum = 0.0, scale = 0.0;
    for (size_t j = 0; j < k; j++) {
        sum += db[j];
        scale += fabs(db[j]);
    }
    if (!(fabs(sum) <= 1e-12 + 1e-12 * scale)) {
        const char *m = sl_diag_grad_b(P, Y, n, k, NULL, db);
        if (m)
            sl_head_diagnosed(m);
        else
            sl_head("property", "the entries of db sum to %.3g, not 0",
                    "db 各项之和为 %.3g，不是 0", sum);
        sl_say("compared: sum over j of db[j] with 0 (rows of P and Y both sum to 1), n = 9, k = 5",
               "比较的是：db[j] 对 j 求和与 0（P 与 Y 的每行之和都为 1），n = 9，k = 5");
        sl_say("expected 0, got %.17g (tolerance 1e-12 + 1e-12*sum|db[j]|)",
               "应为 0，实际为 %.17g（容差 1e-12 + 1e-12*sum|db[j]|）", sum);
        sl_fail();
    }
}

/* grad_w.c — the checks of exercise `grad_w` (lecture §4.2), one Criterion
 * test per check id of exercises.yaml.  Expectations come from the oracle
 * (ref_grad_w), from the numerical slope of the loss, or from properties. */
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

/* One gradient problem: X n×d, W d×k, b k, Y n×k, P = softmax(XW + b). */
typedef struct {
    size_t n, d, k;
    double *X, *W, *b, *Y, *P;
} problem;

static problem make_problem(size_t n, size_t d, size_t k, int soft, uint64_t seed)
{
    problem p = {n, d, k, NULL, NULL, NULL, NULL, NULL};
    p.X = sl_in_normal(n, d, 0.0, 1.0, seed);
    p.W = sl_in_normal(d, k, 0.0, 0.7, seed + 1);
    p.b = sl_in_normal(1, k, 0.0, 0.5, seed + 2);
    p.Y = soft ? sl_in_soft(n, k, seed + 3) : sl_in_one_hot(n, k, seed + 3, NULL);
    p.P = sl_mat(n * k);
    logits(p.X, p.W, p.b, n, d, k, p.P);
    ref_softmax(p.P, p.P, n, k);
    return p;
}

/* Calls the student's grad_w on copies of X, P, Y (checked unchanged). */
static void call_grad_w(const problem *p, double *dW)
{
    const size_t n = p->n, d = p->d, k = p->k;
    double *X = sl_in_copy(p->X, n * d), *P = sl_in_copy(p->P, n * k), *Y = sl_in_copy(p->Y, n * k);
    grad_w(X, P, Y, n, d, k, dW);
    sl_after_call("grad_w");
    sl_expect_unchanged(p->X, X, n * d, "grad_w", "X");
    sl_expect_unchanged(p->P, P, n * k, "grad_w", "P");
    sl_expect_unchanged(p->Y, Y, n * k, "grad_w", "Y");
}

/* The student's dW for p, into a d×k array that held `before` (NULL: zeros). */
static double *run_grad_w(const problem *p, const double *before)
{
    double *dW = sl_out(p->d * p->k);
    if (before)
        memcpy(dW, before, p->d * p->k * sizeof *dW);
    else
        memset(dW, 0, p->d * p->k * sizeof *dW);
    call_grad_w(p, dW);
    sl_expect_in_bounds(dW, p->d * p->k, "grad_w", "dW");
    return dW;
}

static void expect_reference(const problem *p, const double *before, const double *dW,
                             const char *what_en, const char *what_zh)
{
    double *E = sl_mat(p->d * p->k);
    ref_grad_w(p->X, p->P, p->Y, p->n, p->d, p->k, E);
    sl_cmp c = sl_compare(E, dW, p->d, p->k, ATOL, RTOL);
    if (!c.ok)
        sl_fail_cmp(&c, p->d, sl_diag_grad_w(p->X, p->P, p->Y, p->n, p->d, p->k, before, dW),
                    what_en, what_zh, ATOL, RTOL);
}

SL_CHECK(grad_w, matches_reference, 5)
{
    problem p = make_problem(10, 4, 3, 0, 301);
    expect_reference(&p, NULL, run_grad_w(&p, NULL),
                     "dW = (1/n) X^T (P - Y) with n = 10, d = 4, k = 3, one-hot Y (dW is 4x3)",
                     "dW = (1/n) X^T (P - Y)，n = 10，d = 4，k = 3，one-hot Y（dW 为 4x3）");
}

SL_CHECK(grad_w, numerical_gradient, 10)
{
    problem p = make_problem(12, 3, 4, 1, 311);
    const double *dW = run_grad_w(&p, NULL);
    double *num = sl_mat(p.d * p.k);
    sl_numgrad(p.X, p.Y, p.W, p.b, p.n, p.d, p.k, 1e-5, num, NULL);
    SL_REQUIRE(sl_norm(num, p.d * p.k) > 1e-3,
               "internal: the numerical gradient is too small to test with (norm %.3g)",
               "内部错误：数值梯度太小，无法用来检查（范数 %.3g）", sl_norm(num, p.d * p.k));
    double rel = sl_rel_error(num, dW, p.d * p.k);
    if (!(rel < 1e-6)) {
        const char *m = sl_diag_grad_w(p.X, p.P, p.Y, p.n, p.d, p.k, NULL, dW);
        if (m)
            sl_head_diagnosed(m);
        else
            sl_head("mismatch", "dW is not the slope of the loss (relative error %.3g)",
                    "dW 不是损失函数的斜率（相对误差 %.3g）", rel);
        sl_say("compared: dW with the central difference (L(W + h) - L(W - h)) / 2h, h = 1e-5,"
               " n = 12, d = 3, k = 4, soft Y",
               "比较的是：dW 与中心差分 (L(W + h) - L(W - h)) / 2h，h = 1e-5，"
               "n = 12，d = 3，k = 4，软标签 Y");
        sl_cmp c = sl_compare(num, dW, p.d, p.k, 1e-7, 1e-5);
        if (!c.ok)
            sl_say("first difference at row %zu, column %zu: numerical %.10g, yours %.17g",
                   "第一处不同在第 %zu 行、第 %zu 列：数值梯度 %.10g，你的 %.17g",
                   c.i, c.j, c.expected, c.got);
        sl_say("relative error |dW - num| / max(|dW|, |num|) = %.3g; passes below 1e-6",
               "相对误差 |dW - num| / max(|dW|, |num|) = %.3g；低于 1e-6 才通过", rel);
        sl_fail();
    }
}

SL_CHECK(grad_w, overwrites_output, 5)
{
    problem p = make_problem(8, 3, 4, 0, 321);
    double *before = sl_mat(p.d * p.k);
    sl_in_garbage(before, p.d * p.k, 322);
    expect_reference(&p, before, run_grad_w(&p, before),
                     "dW when the array passed in held garbage (+-1e3..1e4) before the call",
                     "传入的数组在调用前装着垃圾值（+-1e3..1e4）时的 dW");
    double *nan_before = sl_mat(p.d * p.k);            /* NaN everywhere */
    expect_reference(&p, nan_before, run_grad_w(&p, nan_before),
                     "dW when the array passed in held NaN before the call",
                     "传入的数组在调用前装着 NaN 时的 dW");
}

SL_CHECK(grad_w, rows_sum_to_zero, 5)
{
    problem p = make_problem(8, 5, 3, 1, 331);
    const double *dW = run_grad_w(&p, NULL);
    for (size_t f = 0; f < p.d; f++) {
        double sum = 0.0, scale = 0.0;
        for (size_t j = 0; j < p.k; j++) {
            sum += dW[f * p.k + j];
            scale += fabs(dW[f * p.k + j]);
        }
        if (!(fabs(sum) <= 1e-12 + 1e-12 * scale)) {
            const char *m = sl_diag_grad_w(p.X, p.P, p.Y, p.n, p.d, p.k, NULL, dW);
            if (m)
                sl_head_diagnosed(m);
            else
                sl_head("property", "row %zu of dW sums to %.3g across the classes, not 0",
                        "dW 的第 %zu 行在各类别上之和为 %.3g，不是 0", f, sum);
            sl_say("compared: the sum over j of dW[f][j] with 0 for each feature f"
                   " (rows of P and Y both sum to 1), n = 8, d = 5, k = 3",
                   "比较的是：每个特征 f 的 dW[f][j] 对 j 求和与 0"
                   "（P 与 Y 的每行之和都为 1），n = 8，d = 5，k = 3");
            sl_say("row %zu: expected 0, got %.17g (tolerance 1e-12 + 1e-12*sum|dW[f][j]|)",
                   "第 %zu 行：应为 0，实际为 %.17g（容差 1e-12 + 1e-12*sum|dW[f][j]|）", f, sum);
            sl_fail();
        }
    }
}

SL_CHECK(grad_w, shape_d_by_k, 5)
{
    problem p = make_problem(9, 4, 3, 0, 341);
    expect_reference(&p, NULL, run_grad_w(&p, NULL),
                     "dW as a d x k = 4 x 3 matrix (row f = feature, column j = class), n = 9",
                     "dW 作为 d x k = 4 x 3 矩阵（第 f 行 = 特征，第 j 列 = 类别），n = 9");
}

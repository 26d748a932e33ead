/* grad_w.c — the checks of exercise `grad_w` (lecture §4.2), one Criterion
 * test per check id of exercises.yaml.  Expectations come from the accurate
 * evaluator (accurate.h), from the numerical slope of the loss, or from
 * properties.
 *
 * Tolerance of every entry (accurate.h): dW_fj is a dot product of n terms
 * x_if·(p_ij − y_ij), each with ≤ 3 roundings, so any summation order,
 * P − Y formed first or x·p − x·y, 1/n as a reciprocal or a division, is
 * within (n + 4)ε·(1/n)·Σ_i |x_if|(|p_ij| + |y_ij|) + DBL_MIN of the exact value. */
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
#include "rng.h"
#include "softmax_lab.h"
#include "verdict.h"

#define BOUND_EN "(n + 4)ε·(1/n)·Σ_i |x_if|(|p_ij| + |y_ij|)"
#define BOUND_ZH "(n + 4)ε·(1/n)·Σ_i |x_if|(|p_ij| + |y_ij|)"

/* One gradient problem: X n×d, W d×k, b k, Y n×k, P = softmax(XW + b). */
typedef struct {
    size_t n, d, k;
    double *X, *W, *b, *Y, *P;
} problem;

static problem make_problem_scaled(size_t n, size_t d, size_t k, int soft, double xs,
                                   uint64_t seed)
{
    problem p = {n, d, k, NULL, NULL, NULL, NULL, NULL};
    p.X = sl_in_normal(n, d, 0.0, xs, seed);
    p.W = sl_in_normal(d, k, 0.0, 0.7, seed + 1);
    p.b = sl_in_normal(1, k, 0.0, 0.5, seed + 2);
    p.Y = soft ? sl_in_soft(n, k, seed + 3) : sl_in_one_hot(n, k, seed + 3, NULL);
    p.P = sl_mat(n * k);
    logits(p.X, p.W, p.b, n, d, k, p.P);
    ref_softmax(p.P, p.P, n, k);
    return p;
}

static problem make_problem(size_t n, size_t d, size_t k, int soft, uint64_t seed)
{
    return make_problem_scaled(n, d, k, soft, 1.0, seed);
}

/* The student's dW for X, P, Y (copies, checked unchanged) into a guarded
 * d×k array that held `before` (NULL: zeros). */
static double *call_grad_w(const problem *p, const double *X0, const double *P0,
                           const double *Y0, const double *before)
{
    const size_t n = p->n, d = p->d, k = p->k;
    double *X = sl_in_copy(X0, n * d), *P = sl_in_copy(P0, n * k), *Y = sl_in_copy(Y0, n * k);
    double *dW = sl_out_fin(d * k);                /* after the inputs (see softmax.c) */
    if (before)
        memcpy(dW, before, d * k * sizeof *dW);
    else
        memset(dW, 0, d * k * sizeof *dW);
    grad_w(X, P, Y, n, d, k, dW);
    sl_after_call("grad_w");
    sl_expect_in_bounds(dW, d * k, "grad_w", "dW");
    sl_expect_unchanged(X0, X, n * d, "grad_w", "X");
    sl_expect_unchanged(P0, P, n * k, "grad_w", "P");
    sl_expect_unchanged(Y0, Y, n * k, "grad_w", "Y");
    return dW;
}

static double *run_grad_w(const problem *p, const double *before)
{
    return call_grad_w(p, p->X, p->P, p->Y, before);
}

/* Sets the headline for a wrong dW: a decisive mistake, else what the
 * numbers show (entries left unwritten, the old contents read, an input
 * ignored, a factor, a transpose, a pattern), else [mismatch]. */
static void explain(const problem *p, const double *before, const double *dW,
                    const double *E, const double *T, const char *what_en, const char *what_zh)
{
    const size_t n = p->n, d = p->d, k = p->k, m = d * k;
    const char *mistake = sl_diag_grad_w(p->X, p->P, p->Y, n, d, k, before, dW, grad_w);
    double *zeros = sl_mat(m);
    memset(zeros, 0, m * sizeof *zeros);
    sl_obs_mat o = {E, T, dW, d, k, before ? before : zeros, n, d, k, "dW", "row (feature)", "行（特征）",
                    "class", "类别"};
    if (mistake || sl_observe_untouched(&o)) {
        sl_verdict_head(mistake, &o, what_en, what_zh);
        return;
    }
    double *other = sl_mat(m);
    sl_in_garbage(other, m, 777);
    if (sl_observe_dependence(dW, call_grad_w(p, p->X, p->P, p->Y, before ? NULL : other), m, 0,
                              "grad_w", "dW", "dW"))
        return;
    double *Y2 = sl_mat(n * k), *P2 = sl_mat(n * k), *X2 = sl_mat(n * d);
    for (size_t i = 0; i < n; i++)                     /* every target moved to another row's */
        memcpy(Y2 + i * k, p->Y + ((i + 1) % n) * k, k * sizeof *Y2);
    for (size_t i = 0; i < n; i++)
        memcpy(P2 + i * k, p->P + ((i + 1) % n) * k, k * sizeof *P2);
    for (size_t e = 0; e < n * d; e++)
        X2[e] = 2.0 * p->X[e] + 0.5;
    if (n > 1 && sl_observe_dependence(dW, call_grad_w(p, p->X, p->P, Y2, before), m, 1,
                                       "grad_w", "Y", "dW"))
        return;
    if (n > 1 && sl_observe_dependence(dW, call_grad_w(p, p->X, P2, p->Y, before), m, 1,
                                       "grad_w", "P", "dW"))
        return;
    if (sl_observe_dependence(dW, call_grad_w(p, X2, p->P, p->Y, before), m, 1, "grad_w", "X", "dW"))
        return;
    sl_verdict_head(NULL, &o, what_en, what_zh);
}

static void expect_reference(const problem *p, const double *before, const double *dW,
                             const char *what_en, const char *what_zh)
{
    double *E = sl_mat(p->d * p->k), *T = sl_mat(p->d * p->k);
    sl_acc_grad(p->X, p->P, p->Y, p->n, p->d, p->k, E, T);
    sl_cmp c = sl_compare_tol(E, dW, T, p->d, p->k);
    if (c.ok)
        return;
    explain(p, before, dW, E, T, what_en, what_zh);
    sl_say("compared: %s", "比较的是：%s", sl_zh() ? what_zh : what_en);
    sl_say_cmp_tol(&c, p->d, BOUND_EN, BOUND_ZH);
    sl_fail_seeded();
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
    /* central differences: truncation h^2·|L'''|/6 ~ 1e-10 plus rounding
     * ε·|L|/h ~ 2e-11, against a gradient of norm ~ 0.1: relative error
     * <= 1e-8 for any backward-stable dW; passes below 1e-6 */
    double rel = sl_rel_error(num, dW, p.d * p.k);
    if (!(rel < 1e-6)) {
        double *E = sl_mat(p.d * p.k), *T = sl_mat(p.d * p.k);
        sl_acc_grad(p.X, p.P, p.Y, p.n, p.d, p.k, E, T);
        explain(&p, NULL, dW, E, T, "dW (not the slope of the loss)", "dW（不是损失函数的斜率）");
        sl_say("compared: dW with the central difference (L(W + h) - L(W - h)) / 2h, h = 1e-5,"
               " n = 12, d = 3, k = 4, soft Y",
               "比较的是：dW 与中心差分 (L(W + h) - L(W - h)) / 2h，h = 1e-5，"
               "n = 12，d = 3，k = 4，软标签 Y");
        sl_cmp c = sl_compare(num, dW, p.d, p.k, 1e-7, 1e-5);
        if (!c.ok)
            sl_say("first difference at row %zu, column %zu: numerical %.10g, yours %.17g",
                   "第一处不同在第 %zu 行、第 %zu 列：数值梯度 %.10g，你的 %.17g",
                   c.i, c.j, c.expected, c.got);
        sl_say("relative error |dW - num| / max(|dW|, |num|) = %.3g; passes below 1e-6"
               " (a right dW reaches 1e-8: truncation h^2 and rounding eps/h)",
               "相对误差 |dW - num| / max(|dW|, |num|) = %.3g；低于 1e-6 才通过"
               "（正确的 dW 可达 1e-8：截断误差 h^2、舍入误差 eps/h）", rel);
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
    double *E = sl_mat(p.d * p.k), *T = sl_mat(p.d * p.k);
    sl_acc_grad(p.X, p.P, p.Y, p.n, p.d, p.k, E, T);
    for (size_t f = 0; f < p.d; f++) {
        /* Σ_j dW_fj = (1/n) Σ_i x_if (Σ_j p_ij − Σ_j y_ij): 0 only up to the
         * rounding of P's row sums (that exact value is Σ_j E_fj); bound: the
         * entries' tolerances + kε·Σ_j |dW_fj| for adding them up */
        double sum = 0.0, tol = 0.0, exact = 0.0;
        for (size_t j = 0; j < p.k; j++) {
            sum += dW[f * p.k + j];
            tol += T[f * p.k + j] + (double)p.k * 2.3e-16 * fabs(dW[f * p.k + j]);
            exact += E[f * p.k + j];
        }
        if (!(fabs(sum - exact) <= tol)) {
            explain(&p, NULL, dW, E, T, "dW (its rows do not sum to 0)", "dW（各行之和不为 0）");
            sl_say("compared: the sum over j of dW[f][j] with 0 for each feature f"
                   " (rows of P and Y both sum to 1), n = 8, d = 5, k = 3",
                   "比较的是：每个特征 f 的 dW[f][j] 对 j 求和与 0"
                   "（P 与 Y 的每行之和都为 1），n = 8，d = 5，k = 3");
            sl_say("row %zu: expected %.3g (0 up to the rounding of P), got %.17g (tolerance %.3g:"
                   " the entries' bounds " BOUND_EN " + k·ε·Σ_j|dW[f][j]|)",
                   "第 %zu 行：应为 %.3g（除 P 的舍入外为 0），实际为 %.17g（容差 %.3g："
                   "各项上界 " BOUND_ZH " + k·ε·Σ_j|dW[f][j]|）", f, exact, sum, tol);
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

SL_CHECK(grad_w, square_d_equals_k, 5)
{
    /* d == k: a transposed dW has the right shape and is caught only here;
     * n differs from d so that X read as d x n still shows */
    problem p = make_problem(7, 4, 4, 1, 351);
    expect_reference(&p, NULL, run_grad_w(&p, NULL),
                     "dW for d = k = 4 (square: row f = feature, column j = class), n = 7, soft Y",
                     "d = k = 4（方阵：第 f 行 = 特征，第 j 列 = 类别）时的 dW，n = 7，软标签 Y");
}

SL_CHECK(grad_w, random_shapes, 5)
{
    /* Differential check on many shapes (n = 1, d = 1, k = 1, d = k, n = k,
     * n = d) and magnitudes of X (0.01 .. 100), one-hot and soft targets,
     * every case from the check's own seed. */
    static const size_t shapes[][3] = {{1, 1, 1}, {1, 3, 2}, {5, 1, 3}, {6, 2, 1}, {4, 3, 3},
                                       {3, 3, 3}, {3, 5, 3}, {5, 5, 2}, {2, 6, 4}, {13, 2, 5}};
    static const double xs[] = {0.01, 1.0, 100.0};
    const uint64_t seed = sl_seed_of("grad_w.random_shapes");
    size_t case_no = 0;
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++)
        for (size_t m = 0; m < 3; m++, case_no++) {
            const size_t n = shapes[s][0], d = shapes[s][1], k = shapes[s][2];
            problem p = make_problem_scaled(n, d, k, (int)(case_no % 2), xs[m], seed + 4 * case_no);
            char desc[96];
            snprintf(desc, sizeof desc, "n = %zu, d = %zu, k = %zu, X ~ N(0, %g^2), %s Y", n, d, k,
                     xs[m], case_no % 2 ? "soft" : "one-hot");
            sl_verdict_seed(seed, case_no, desc);
            expect_reference(&p, NULL, run_grad_w(&p, NULL), "dW on random shapes and magnitudes",
                             "随机形状与数量级下的 dW");
        }
    sl_verdict_seed(0, 0, NULL);
}

/* cross_entropy.c — the checks of exercise `cross_entropy` (lecture §3.3,
 * §4.1), one Criterion test per check id of exercises.yaml.  Expectations
 * come from the accurate evaluator (accurate.h) or from closed forms.
 *
 * Tolerance of every loss (accurate.h): with m = n·k terms
 * t_e = −y_e log p_e ≥ 0, a backward-stable sum in any order is within
 * ε((m + 4)·Σ t_e + 4·#{y ≠ 0}) / n of the exact mean. */
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

#define BOUND_EN "ε((n·k + 4)·Σ|y log p| + 4·#{y ≠ 0}) / n"
#define BOUND_ZH "ε((n·k + 4)·Σ|y log p| + 4·#{y ≠ 0}) / n"

/* The student's loss, computed on copies of P and Y (checked unchanged). */
static double run_ce(const double *P, const double *Y, size_t n, size_t k)
{
    double *Pc = sl_in_copy(P, n * k), *Yc = sl_in_copy(Y, n * k);
    double L = cross_entropy(Pc, Yc, n, k);
    sl_after_call("cross_entropy");
    sl_expect_unchanged(P, Pc, n * k, "cross_entropy", "P");
    sl_expect_unchanged(Y, Yc, n * k, "cross_entropy", "Y");
    return L;
}

/* Fails unless got is within tolerance of the loss of (P, Y); `expected`
 * when not NaN is a closed form that replaces the evaluator's value. */
static void expect_loss(const double *P, const double *Y, size_t n, size_t k,
                        double got, const char *what_en, const char *what_zh)
{
    double tol, expected = sl_acc_cross_entropy(P, Y, n, k, &tol);
    if (sl_within(expected, got, tol))
        return;
    sl_fail_verdict_scalar(expected, tol, got, sl_diag_cross_entropy(P, Y, n, k, got, cross_entropy),
                           n, 0, k, what_en, what_zh, BOUND_EN, BOUND_ZH);
}

SL_CHECK(cross_entropy, matches_reference, 5)
{
    const size_t n = 9, k = 4;
    const double *P = sl_in_probs(n, k, 201);
    const double *Y = sl_in_one_hot(n, k, 202, NULL);
    expect_loss(P, Y, n, k, run_ce(P, Y, n, k),
                "the loss for random P (9x4, rows sum to 1) and one-hot Y",
                "随机 P（9x4，每行和为 1）与 one-hot Y 的损失");
}

SL_CHECK(cross_entropy, uniform_is_log_k, 5)
{
    const size_t n = 6, k = 5;
    double *P = sl_mat(n * k);
    for (size_t e = 0; e < n * k; e++)
        P[e] = 1.0 / (double)k;
    const double *Y = sl_in_one_hot(n, k, 203, NULL);
    /* the evaluator gives −log(fl(1/5)) = ln 5 within 1 ulp of fl(1/5) */
    expect_loss(P, Y, n, k, run_ce(P, Y, n, k),
                "the loss at uniform P = 1/5 with one-hot Y (must be ln 5 = 1.6094...)",
                "均匀分布 P = 1/5、one-hot Y 时的损失（应为 ln 5 = 1.6094...）");
}

SL_CHECK(cross_entropy, zero_target_zero_prob, 5)
{
    const size_t n = 3, k = 3;
    double P[] = {0.7, 0.3, 0.0,
                  0.0, 1.0, 0.0,
                  0.25, 0.0, 0.75};
    double Y[] = {1, 0, 0,
                  0, 1, 0,
                  0, 0, 1};
    expect_loss(P, Y, n, k, run_ce(P, Y, n, k),
                "the loss where P = 0 exactly at classes with Y = 0 (0*log 0 counts as 0)",
                "在 Y = 0 的类别上 P 恰好为 0 时的损失（0*log 0 算作 0）");
}

SL_CHECK(cross_entropy, infinite_where_true_class_has_p0, 5)
{
    /* Y > 0 where P == 0: the formula gives +inf (the contract).  A loop
     * that skips terms where P == 0 (instead of Y == 0) returns a finite
     * number; a clamp log(max(P, eps)) does too. */
    const size_t n = 2, k = 3;
    double P[] = {0.6, 0.4, 0.0,
                  0.2, 0.3, 0.5};
    double Y[] = {0, 0, 1,
                  0, 1, 0};
    double got = run_ce(P, Y, n, k);
    if (got == INFINITY)
        return;
    const char *m = sl_diag_cross_entropy(P, Y, n, k, got, cross_entropy);
    if (m)
        sl_head_diagnosed(m);
    else
        sl_head("observation:finite_where_inf",
                "the loss is finite where the true class has P = 0: it must be +inf",
                "真实类别的 P = 0 时损失是有限的：它应当是 +inf");
    sl_say("compared: the loss for P row 0 = [0.6, 0.4, 0] with Y row 0 = [0, 0, 1] (and a normal row 1)",
           "比较的是：P 第 0 行 = [0.6, 0.4, 0]、Y 第 0 行 = [0, 0, 1]（第 1 行正常）时的损失");
    sl_say("expected +inf (-1 * log 0), got %.17g: skip a term only where Y == 0, never where P == 0,"
           " and do not clamp P", "应为 +inf（-1 * log 0），实际为 %.17g：只有 Y == 0 时才跳过该项，"
           "P == 0 时不能跳过，也不要截断 P", got);
    sl_fail();
}

SL_CHECK(cross_entropy, mean_not_sum, 5)
{
    const size_t n = 12, k = 3;
    const double *P = sl_in_probs(n, k, 204);
    const double *Y = sl_in_one_hot(n, k, 205, NULL);
    double got1 = run_ce(P, Y, n, k);
    /* the same rows twice: a mean stays the same, a sum doubles */
    double *P2 = sl_mat(2 * n * k), *Y2 = sl_mat(2 * n * k);
    for (size_t e = 0; e < 2 * n * k; e++) {
        P2[e] = P[e % (n * k)];
        Y2[e] = Y[e % (n * k)];
    }
    double got2 = run_ce(P2, Y2, 2 * n, k);
    double tol1, tol2;
    sl_acc_cross_entropy(P, Y, n, k, &tol1);
    sl_acc_cross_entropy(P2, Y2, 2 * n, k, &tol2);
    /* both within their bound of the same exact mean */
    if (!sl_within(got1, got2, tol1 + tol2)) {
        const char *m = sl_diag_cross_entropy(P2, Y2, 2 * n, k, got2, cross_entropy);
        if (m)
            sl_head_diagnosed(m);
        else if (fabs(got2 / got1 - 2.0) < 1e-9)
            sl_head("observation:factor_n", "the loss doubled when every row was repeated: it grows with n",
                    "把每一行重复一遍后损失翻倍了：它随 n 增长");
        else
            sl_head("property", "repeating every row changed the loss: it must be a mean over rows",
                    "把每一行重复一遍后损失变了：它应当是对行取平均");
        sl_say("compared: the loss of 12 rows with the loss of the same 12 rows repeated (24 rows)",
               "比较的是：12 行的损失，与这 12 行重复一遍（24 行）的损失");
        sl_say("12 rows: %.17g; 24 rows: %.17g (ratio %.6g, expected 1; tolerance %.3g)",
               "12 行：%.17g；24 行：%.17g（比值 %.6g，应为 1；容差 %.3g）", got1, got2, got2 / got1,
               tol1 + tol2);
        sl_fail();
    }
    expect_loss(P, Y, n, k, got1, "the loss of 12 rows (a mean over rows)", "12 行的损失（对行取平均）");
}

SL_CHECK(cross_entropy, soft_targets, 5)
{
    const size_t n = 7, k = 4;
    const double *P = sl_in_probs(n, k, 206);
    const double *Y = sl_in_soft(n, k, 207);
    expect_loss(P, Y, n, k, run_ce(P, Y, n, k),
                "the loss for soft targets Y (every entry > 0, rows sum to 1)",
                "软标签 Y（每项 > 0，每行和为 1）的损失");
}

SL_CHECK(cross_entropy, tiny_probabilities, 5)
{
    /* Clamping log at an epsilon changes these terms; the contract's +inf
     * where Y > 0 and P == 0 rules any clamp out. */
    const size_t n = 3, k = 3;
    double P[] = {1e-30, 0.5, 0.5 - 1e-30,
                  0.2, 1e-200, 0.8 - 1e-200,
                  0.999999, 1e-6, 0.0};
    double Y[] = {1, 0, 0,
                  0, 1, 0,
                  0, 1, 0};
    expect_loss(P, Y, n, k, run_ce(P, Y, n, k),
                "the loss where the true classes have P = 1e-30, 1e-200, 1e-6 (exact log, no clamping)",
                "真实类别的 P 为 1e-30、1e-200、1e-6 时的损失（取精确的 log，不截断）");
}

SL_CHECK(cross_entropy, random_shapes, 5)
{
    /* Differential check on many shapes (n = 1, k = 1, n = k, tall, wide),
     * one-hot and soft targets, probabilities from logits of spread up to
     * 30 (so some are below 1e-10), every case from the check's own seed. */
    static const size_t shapes[][2] = {{1, 1}, {1, 4}, {6, 1}, {3, 3}, {5, 5}, {2, 8}, {11, 2}, {9, 4}};
    static const double spread[] = {0.5, 3.0, 30.0};
    const uint64_t seed = sl_seed_of("cross_entropy.random_shapes");
    size_t case_no = 0;
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++)
        for (size_t m = 0; m < 3; m++)
            for (int soft = 0; soft < 2; soft++, case_no++) {
                const size_t n = shapes[s][0], k = shapes[s][1];
                double *P = sl_in_normal(n, k, 0.0, spread[m], seed + 2 * case_no);
                sl_acc_softmax(P, P, NULL, n, k);
                const double *Y = soft ? sl_in_soft(n, k, seed + 2 * case_no + 1)
                                       : sl_in_one_hot(n, k, seed + 2 * case_no + 1, NULL);
                char desc[96];
                snprintf(desc, sizeof desc, "n = %zu, k = %zu, P = softmax(N(0, %g^2)), %s Y", n, k,
                         spread[m], soft ? "soft" : "one-hot");
                sl_verdict_seed(seed, case_no, desc);
                expect_loss(P, Y, n, k, run_ce(P, Y, n, k), "the loss on random shapes and magnitudes",
                            "随机形状与数量级下的损失");
            }
    sl_verdict_seed(0, 0, NULL);
}

/* cross_entropy.c — the checks of exercise `cross_entropy` (lecture §3.3,
 * §4.1), one Criterion test per check id of exercises.yaml.  Expectations
 * come from the oracle (ref_cross_entropy) or from closed forms. */
#include <math.h>

#include "check.h"
#include "compare.h"
#include "diagnose.h"
#include "inputs.h"
#include "oracle.h"
#include "softmax_lab.h"

#define ATOL 1e-12
#define RTOL 1e-10

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

/* Fails unless got agrees with `expected`, naming a mistake when one fits. */
static void expect_loss(const double *P, const double *Y, size_t n, size_t k,
                        double expected, double got, const char *what_en, const char *what_zh)
{
    if (!sl_close(expected, got, ATOL, RTOL))
        sl_fail_scalar(expected, got, sl_diag_cross_entropy(P, Y, n, k, got),
                       what_en, what_zh, ATOL, RTOL);
}

SL_CHECK(cross_entropy, matches_reference, 5)
{
    const size_t n = 9, k = 4;
    const double *P = sl_in_probs(n, k, 201);
    const double *Y = sl_in_one_hot(n, k, 202, NULL);
    expect_loss(P, Y, n, k, ref_cross_entropy(P, Y, n, k), run_ce(P, Y, n, k),
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
    expect_loss(P, Y, n, k, log((double)k), run_ce(P, Y, n, k),
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
    double got = run_ce(P, Y, n, k);
    double expected = -(log(0.7) + log(1.0) + log(0.75)) / 3.0;
    if (isnan(got) || !sl_close(expected, got, ATOL, RTOL))
        sl_fail_scalar(expected, got, sl_diag_cross_entropy(P, Y, n, k, got),
                       "the loss where P = 0 exactly at classes with Y = 0 (0*log 0 counts as 0)",
                       "在 Y = 0 的类别上 P 恰好为 0 时的损失（0*log 0 算作 0）", ATOL, RTOL);
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
    if (!sl_close(got1, got2, 1e-12, 1e-10)) {
        const char *m = sl_diag_cross_entropy(P2, Y2, 2 * n, k, got2);
        if (m)
            sl_head_diagnosed(m);
        else
            sl_head("property", "repeating every row changed the loss: it must be a mean over rows",
                    "把每一行重复一遍后损失变了：它应当是对行取平均");
        sl_say("compared: the loss of 12 rows with the loss of the same 12 rows repeated (24 rows)",
               "比较的是：12 行的损失，与这 12 行重复一遍（24 行）的损失");
        sl_say("12 rows: %.17g; 24 rows: %.17g (ratio %.6g, expected 1)",
               "12 行：%.17g；24 行：%.17g（比值 %.6g，应为 1）", got1, got2, got2 / got1);
        sl_fail();
    }
    expect_loss(P, Y, n, k, ref_cross_entropy(P, Y, n, k), got1,
                "the loss of 12 rows (a mean over rows)", "12 行的损失（对行取平均）");
}

SL_CHECK(cross_entropy, soft_targets, 5)
{
    const size_t n = 7, k = 4;
    const double *P = sl_in_probs(n, k, 206);
    const double *Y = sl_in_soft(n, k, 207);
    expect_loss(P, Y, n, k, ref_cross_entropy(P, Y, n, k), run_ce(P, Y, n, k),
                "the loss for soft targets Y (every entry > 0, rows sum to 1)",
                "软标签 Y（每项 > 0，每行和为 1）的损失");
}

SL_CHECK(cross_entropy, tiny_probabilities, 5)
{
    const size_t n = 3, k = 3;
    double P[] = {1e-30, 0.5, 0.5 - 1e-30,
                  0.2, 1e-200, 0.8 - 1e-200,
                  0.999999, 1e-6, 0.0};
    double Y[] = {1, 0, 0,
                  0, 1, 0,
                  0, 1, 0};
    double expected = -(log(1e-30) + log(1e-200) + log(1e-6)) / 3.0;
    expect_loss(P, Y, n, k, expected, run_ce(P, Y, n, k),
                "the loss where the true classes have P = 1e-30, 1e-200, 1e-6 (exact log, no clamping)",
                "真实类别的 P 为 1e-30、1e-200、1e-6 时的损失（取精确的 log，不截断）");
}

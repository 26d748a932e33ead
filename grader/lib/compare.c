/* compare.c — tolerant comparison and its report (contract: compare.h). */
#include "compare.h"

#include <math.h>
#include <string.h>

#include "accurate.h"
#include "check.h"
#include "diagnose.h"
#include "mistakes.h"
#include "verdict.h"

int sl_close(double e, double g, double atol, double rtol)
{
    if (isnan(e) || isnan(g))
        return isnan(e) && isnan(g);
    if (isinf(e) || isinf(g))
        return e == g;
    return fabs(g - e) <= atol + rtol * fabs(e);
}

sl_cmp sl_compare(const double *expected, const double *got,
                  size_t rows, size_t cols, double atol, double rtol)
{
    sl_cmp c = {.ok = 1};
    for (size_t i = 0; i < rows; i++)
        for (size_t j = 0; j < cols; j++) {
            double e = expected[i * cols + j], g = got[i * cols + j];
            int agree = sl_close(e, g, atol, rtol);
            double diff = agree && !isfinite(e) ? 0.0 : fabs(g - e);
            if (isnan(diff))
                diff = INFINITY;
            if (diff > c.max_abs_diff)
                c.max_abs_diff = diff;
            if (!agree) {
                if (c.ok) {
                    c.ok = 0;
                    c.i = i, c.j = j, c.expected = e, c.got = g;
                }
                c.n_bad++;
            }
        }
    return c;
}

int sl_agree(const double *expected, const double *got, size_t count,
             double atol, double rtol)
{
    for (size_t i = 0; i < count; i++)
        if (!sl_close(expected[i], got[i], atol, rtol))
            return 0;
    return 1;
}

void sl_say_cmp(const sl_cmp *c, size_t rows, double atol, double rtol)
{
    if (rows == 1)
        sl_say("first difference at entry %zu: expected %.17g, got %.17g",
               "第一处不同在第 %zu 项：应为 %.17g，实际为 %.17g",
               c->j, c->expected, c->got);
    else
        sl_say("first difference at row %zu, column %zu: expected %.17g, got %.17g",
               "第一处不同在第 %zu 行、第 %zu 列：应为 %.17g，实际为 %.17g",
               c->i, c->j, c->expected, c->got);
    sl_say("max abs diff %.3g; %zu entries differ; tolerance %.0e + %.0e*|expected|",
           "最大绝对误差 %.3g；共 %zu 项不同；容差 %.0e + %.0e*|应为值|",
           c->max_abs_diff, c->n_bad, atol, rtol);
}

void sl_head_diagnosed(const char *mistake_id)
{
    sl_head_mistake(mistake_id);
    const char *also = sl_diag_also();
    if (also && strcmp(also, mistake_id) != 0 && sl_mistake_title(also, 0))
        sl_say("this also fits: %s (fix: %s)", "也可能是：%s（改法：%s）",
               sl_mistake_title(also, sl_zh()), sl_mistake_fix(also, sl_zh()));
}

static void headline(const char *mistake_id, const char *what_en, const char *what_zh)
{
    if (mistake_id)
        sl_head_diagnosed(mistake_id);
    else
        sl_head("mismatch", "%s does not match the reference", "%s 与参考实现不一致",
                sl_zh() ? what_zh : what_en);
}

_Noreturn void sl_fail_cmp(const sl_cmp *c, size_t rows, const char *mistake_id,
                           const char *what_en, const char *what_zh,
                           double atol, double rtol)
{
    headline(mistake_id, what_en, what_zh);
    sl_say("compared: %s", "比较的是：%s", sl_zh() ? what_zh : what_en);
    sl_say_cmp(c, rows, atol, rtol);
    sl_fail();
}

void sl_expect_unchanged(const double *orig, const double *passed, size_t count,
                         const char *fn, const char *arg)
{
    for (size_t e = 0; e < count; e++) {
        if (orig[e] == passed[e] || (isnan(orig[e]) && isnan(passed[e])))
            continue;
        sl_head_mistake("modified_input");
        sl_say("compared: the input %s after the call of %s() with the values passed in",
               "比较的是：调用 %2$s() 之后的输入 %1$s 与传入时的值", arg, fn);
        sl_say("entry %zu of %s: passed in %.17g, found %.17g after the call",
               "%2$s 的第 %1$zu 项：传入时为 %3$.17g，调用后变成了 %4$.17g", e, arg, orig[e], passed[e]);
        sl_fail();
    }
}

void sl_expect_in_bounds(const double *a, size_t count, const char *fn, const char *arg)
{
    for (size_t g = 0; g < SL_GUARD; g++) {
        const double v = a[count + g], want = sl_guard_value(g);
        if (v == want)                      /* sl_out_fin(): finite guards */
            continue;
        sl_head("observation:past_end", "%s() wrote past the end of %s: entry %zu was changed, %s has %zu entries",
                "%s() 写到了 %s 的末尾之外：第 %zu 项被改动了，而 %s 只有 %zu 项",
                fn, arg, count + g, arg, count);
        sl_say("the guard value %.17g after the end became %.17g (a difference of %.6g: %s)",
               "末尾之后的哨兵值 %.17g 变成了 %.17g（相差 %.6g：%s）", want, v, v - want,
               sl_zh() ? "可能是越界的 += 或赋值" : "an out-of-bounds += or assignment");
        sl_say("check the loop bounds: indices of %s go from 0 to %zu",
               "检查循环边界：%s 的下标从 0 到 %zu", arg, count ? count - 1 : 0);
        sl_fail();
    }
}

_Noreturn void sl_fail_scalar(double expected, double got, const char *mistake_id,
                              const char *what_en, const char *what_zh,
                              double atol, double rtol)
{
    headline(mistake_id, what_en, what_zh);
    sl_say("compared: %s", "比较的是：%s", sl_zh() ? what_zh : what_en);
    sl_say("expected %.17g, got %.17g (ratio got/expected = %.6g)",
           "应为 %.17g，实际为 %.17g（实际/应为 = %.6g）", expected, got, got / expected);
    sl_say("abs diff %.3g; tolerance %.0e + %.0e*|expected|",
           "绝对误差 %.3g；容差 %.0e + %.0e*|应为值|", fabs(got - expected), atol, rtol);
    sl_fail();
}

sl_cmp sl_compare_tol(const double *expected, const double *got, const double *tol,
                      size_t rows, size_t cols)
{
    sl_cmp c = {.ok = 1};
    for (size_t e = 0; e < rows * cols; e++) {
        const int agree = sl_within(expected[e], got[e], tol[e]);
        double diff = agree && !isfinite(expected[e]) ? 0.0 : fabs(got[e] - expected[e]);
        if (isnan(diff))
            diff = INFINITY;
        if (diff > c.max_abs_diff)
            c.max_abs_diff = diff;
        const double ratio = tol[e] > 0 ? diff / tol[e] : (diff > 0 ? INFINITY : 0.0);
        if (ratio > c.worst)
            c.worst = ratio;
        if (!agree) {
            if (c.ok) {
                c.ok = 0;
                c.i = cols ? e / cols : 0, c.j = cols ? e % cols : 0;
                c.expected = expected[e], c.got = got[e], c.tol = tol[e];
            }
            c.n_bad++;
        }
    }
    return c;
}

int sl_agree_tol(const double *expected, const double *got, const double *tol, size_t count)
{
    for (size_t e = 0; e < count; e++)
        if (!sl_within(expected[e], got[e], tol[e]))
            return 0;
    return 1;
}

void sl_say_cmp_tol(const sl_cmp *c, size_t rows, const char *bound_en, const char *bound_zh)
{
    if (rows == 1)
        sl_say("first difference at entry %zu: expected %.17g, got %.17g (tolerance %.3g)",
               "第一处不同在第 %zu 项：应为 %.17g，实际为 %.17g（容差 %.3g）",
               c->j, c->expected, c->got, c->tol);
    else
        sl_say("first difference at row %zu, column %zu: expected %.17g, got %.17g (tolerance %.3g)",
               "第一处不同在第 %zu 行、第 %zu 列：应为 %.17g，实际为 %.17g（容差 %.3g）",
               c->i, c->j, c->expected, c->got, c->tol);
    sl_say("max abs diff %.3g; %zu entries differ; tolerance per entry %s (error bound of any"
           " backward-stable double implementation, ε = 2.2e-16)",
           "最大绝对误差 %.3g；共 %zu 项不同；每项容差 %s（任何后向稳定的 double 实现的误差上界，"
           "ε = 2.2e-16）", c->max_abs_diff, c->n_bad, sl_zh() ? bound_zh : bound_en);
}

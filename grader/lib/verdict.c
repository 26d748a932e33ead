/* verdict.c — reporting a failed comparison (contract: verdict.h). */
#include "verdict.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "diagnose.h"
#include "mistakes.h"

static uint64_t seed_now;
static size_t case_now;
static char desc_now[160];

void sl_verdict_seed(uint64_t seed, size_t case_no, const char *desc)
{
    seed_now = seed, case_now = case_no;
    snprintf(desc_now, sizeof desc_now, "%s", desc ? desc : "");
}

uint64_t sl_seed_of(const char *check_id)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const unsigned char *p = (const unsigned char *)check_id; *p; p++)
        h = (h ^ *p) * 0x100000001b3ULL;
    return h;
}

static void say_seed(void)
{
    if (seed_now)
        sl_say("random input: seed %#llx, case %zu: %s (the same seed gives the same input on every run)",
               "随机输入：种子 %#llx，第 %zu 组：%s（同一种子每次运行得到相同的输入）",
               (unsigned long long)seed_now, case_now, desc_now);
}

_Noreturn void sl_fail_seeded(void)
{
    say_seed();
    sl_fail();
}

void sl_verdict_head(const char *mistake, const sl_obs_mat *obs,
                     const char *what_en, const char *what_zh)
{
    if (mistake)
        sl_head_diagnosed(mistake);
    else if (!obs || !sl_observe_mat(obs))
        sl_head("mismatch", "%s does not match the right answer", "%s 与正确答案不一致",
                sl_zh() ? what_zh : what_en);
}

_Noreturn void sl_fail_verdict(const sl_cmp *c, const char *mistake, const sl_obs_mat *obs,
                               const char *what_en, const char *what_zh,
                               const char *bound_en, const char *bound_zh)
{
    sl_verdict_head(mistake, obs, what_en, what_zh);
    sl_say("compared: %s", "比较的是：%s", sl_zh() ? what_zh : what_en);
    sl_say_cmp_tol(c, obs ? obs->rows : 1, bound_en, bound_zh);
    say_seed();
    sl_fail();
}

_Noreturn void sl_fail_verdict_scalar(double expected, double tol, double got,
                                      const char *mistake, size_t n, size_t d, size_t k,
                                      const char *what_en, const char *what_zh,
                                      const char *bound_en, const char *bound_zh)
{
    if (mistake)
        sl_head_diagnosed(mistake);
    else if (!sl_observe_scalar(expected, tol, got, n, d, k, sl_zh() ? what_zh : what_en))
        sl_head("mismatch", "%s does not match the right answer", "%s 与正确答案不一致",
                sl_zh() ? what_zh : what_en);
    sl_say("compared: %s", "比较的是：%s", sl_zh() ? what_zh : what_en);
    sl_say("expected %.17g, got %.17g (ratio got/expected = %.6g)",
           "应为 %.17g，实际为 %.17g（实际/应为 = %.6g）", expected, got, got / expected);
    sl_say("abs diff %.3g; tolerance %.3g = %s (error bound of any backward-stable double"
           " implementation, ε = 2.2e-16)",
           "绝对误差 %.3g；容差 %.3g = %s（任何后向稳定的 double 实现的误差上界，ε = 2.2e-16）",
           fabs(got - expected), tol, sl_zh() ? bound_zh : bound_en);
    say_seed();
    sl_fail();
}

double sl_guard_value(size_t g)
{
    return 1234.5 + (double)g / 8.0;        /* exact in binary; ulp 2.3e-13 */
}

double *sl_out_fin(size_t count)
{
    double *a = sl_out(count);
    for (size_t g = 0; g < SL_GUARD; g++)
        a[count + g] = sl_guard_value(g);
    return a;
}

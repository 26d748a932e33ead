/* test_report.c — the checker's verdict and drawing (grader/check/report.c,
 * hint.c) on hand-made results: points and states, hidden checks, crash and
 * timeout wording, a repeated mistake condensed, progressive hints. */
#include "checker.h"

#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static sl_check checks[4] = {
    {"a", {"check a", "检查 a"}, 2, 0},
    {"b", {"check b", NULL}, 3, 0},
    {"c", {"check c", NULL}, 1, 0},
    {"secret", {"secret", NULL}, 5, 1},
};
static sl_text hints[2] = {{"first hint", "第一条"}, {"second hint", NULL}};
static sl_exercise ex = {"softmax", {"Softmax", NULL}, {"d", NULL}, 2, "softmax.c", "softmax", 0,
                         checks, 4, hints, 2};

/* A run whose results are given as (outcome, tag, message) per check a, b, c. */
static sl_run make_run(const sl_check_outcome oc[3], const char *const tags[3], const char *const msgs[3])
{
    sl_run r = {.state = SL_EX_FAIL, .log = strdup("")};
    r.results.results = calloc(3, sizeof *r.results.results);
    r.results.n = 3;
    for (size_t i = 0; i < 3; i++)
        r.results.results[i] = (sl_check_result){strdup(checks[i].id), oc[i], tags[i] ? strdup(tags[i]) : NULL,
                                                 msgs[i] ? strdup(msgs[i]) : NULL, NULL, 0, 0};
    return r;
}

/* Renders the report into a string (caller frees). */
static char *render(const sl_run *run, int zh)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    sl_out o = {f, zh, 0};
    sl_verdict v = sl_verdict_of(&ex, run);
    sl_report_exercise(&o, &ex, "student/softmax.c", run, &v, "");
    fclose(f);
    return text;
}

Test(report, points_and_state_leave_hidden_checks_out)
{
    sl_run r = make_run((sl_check_outcome[]){SL_CHECK_PASS, SL_CHECK_FAIL, SL_CHECK_PASS},
                        (const char *[]){NULL, "mismatch", NULL}, (const char *[]){NULL, "wrong", NULL});
    sl_verdict v = sl_verdict_of(&ex, &r);
    cr_assert(v.state == SL_STATUS_FAIL && v.points == 3 && v.max == 6 && v.n_hidden == 1,
              "expected fail 3/6 with 1 hidden, got state %d %d/%d hidden %zu", v.state, v.points, v.max, v.n_hidden);
    r.results.results[1].outcome = SL_CHECK_PASS;
    v = sl_verdict_of(&ex, &r);
    cr_assert(v.state == SL_STATUS_PASS && v.points == 6, "all visible pass: expected pass 6/6, got %d %d", v.state,
              v.points);
    sl_run_free(&r);
}

Test(report, not_implemented_only_when_nothing_passes)
{
    const char *ni[3] = {"not-implemented", "not-implemented", "not-implemented"};
    const char *msg[3] = {"softmax() is not implemented", "softmax() is not implemented", "softmax() is not implemented"};
    sl_run r = make_run((sl_check_outcome[]){SL_CHECK_FAIL, SL_CHECK_FAIL, SL_CHECK_FAIL}, ni, msg);
    char *out = render(&r, 0);
    cr_assert_str_eq(out, "softmax: not implemented yet — open student/softmax.c, replace the TODO, then run make check "
                          "EX=softmax\n", "got:\n%s", out);
    free(out);
    r.results.results[2].outcome = SL_CHECK_PASS;
    cr_assert_eq(sl_verdict_of(&ex, &r).state, SL_STATUS_FAIL, "a passing check means it is implemented");
    sl_run_free(&r);
}

Test(report, crash_timeout_and_missing_are_worded)
{
    sl_run r = make_run((sl_check_outcome[]){SL_CHECK_CRASH, SL_CHECK_TIMEOUT, SL_CHECK_MISSING},
                        (const char *[]){NULL, NULL, NULL}, (const char *[]){NULL, NULL, NULL});
    r.results.results[0].signal = SIGSEGV;
    r.results.results[1].seconds = 5.01;
    char *out = render(&r, 0);
    const char *want[] = {"  :( check a\n       crashed with SIGSEGV (segmentation fault) — reading or writing outside an array?\n",
                          "  :( check b\n       did not finish within 5s — an endless loop?\n",
                          "  :( check c\n       this check did not run",
                          "  :| 1 more check is graded by your instructor\n",
                          "  0/6 points · stuck? make hint EX=softmax\n"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        cr_assert(strstr(out, want[i]), "expected:\n%s\nin:\n%s", want[i], out);
    free(out);
    r.results.results[0].signal = SIGFPE;
    out = render(&r, 1);
    cr_assert(strstr(out, "崩溃：SIGFPE（算术错误）— 是否有整数除以零？"), "zh crash line missing in:\n%s", out);
    cr_assert(strstr(out, "  :( 检查 a\n"), "zh title missing in:\n%s", out);
    free(out);
    sl_run_free(&r);
}

Test(report, repeated_mistake_is_explained_once)
{
    const char *tags[3] = {"mistake:forgot_1_over_n", "mistake:forgot_1_over_n", "mismatch"};
    const char *msgs[3] = {"dW is n times too large\n  fix: divide by n", "dW is n times too large\n  fix: divide by n",
                           "other problem\n  detail"};
    sl_run r = make_run((sl_check_outcome[]){SL_CHECK_FAIL, SL_CHECK_FAIL, SL_CHECK_FAIL}, tags, msgs);
    char *out = render(&r, 0);
    const char *want = "  :( check a\n       dW is n times too large\n         fix: divide by n\n"
                       "  :( check b\n       dW is n times too large (same mistake as above)\n"
                       "  :( check c\n       other problem\n         detail\n";
    cr_assert(strstr(out, want), "expected:\n%s\nin:\n%s", want, out);
    free(out);
    sl_run_free(&r);
}

Test(report, compile_error_shows_errors_not_warnings)
{
    sl_run r = {.state = SL_EX_COMPILE_ERROR,
                .log = strdup("s.c: In function 'softmax':\ns.c:3:5: warning: unused variable 'x'\n    3 | int x;\n"
                              "s.c:4:5: error: 'y' undeclared\n    4 |  y = 1;\n")};
    char *out = render(&r, 0);
    cr_assert(strstr(out, "  :( student/softmax.c does not compile:\n       s.c:4:5: error: 'y' undeclared\n"
                          "           4 |  y = 1;\n"), "got:\n%s", out);
    cr_assert_null(strstr(out, "warning"), "warnings must be left out of a compile error:\n%s", out);
    free(out);
    sl_run_free(&r);
}

Test(hint, one_more_each_call_then_no_more)
{
    char dir[] = "/tmp/sl-hints-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    const char *want[] = {"(1 of 2)", "(2 of 2)", "No more hints: these are all 2."};
    for (int call = 0; call < 3; call++) {
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        sl_out o = {f, 0, 0};
        cr_assert_eq(sl_hint_show(&o, &ex, dir), 0);
        fclose(f);
        cr_assert(strstr(text, want[call]), "call %d: expected '%s' in:\n%s", call + 1, want[call], text);
        cr_assert(strstr(text, "  1. first hint\n"), "call %d: the first hint must always be shown:\n%s", call + 1, text);
        cr_assert_eq(strstr(text, "second hint") != NULL, call > 0, "call %d: second hint shown too early/late:\n%s",
                     call + 1, text);
        free(text);
    }
    char path[64];
    snprintf(path, sizeof path, "%s/softmax", dir);
    unlink(path);
    rmdir(dir);
}

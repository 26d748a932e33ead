/* test_tap.c — grader/run/tap.c on a real Criterion 2.4.1 TAP report (made
 * by lab/tests/fixtures/tap_suite.c; tests.mk runs it first and passes the
 * file names in SL_TAP_FIXTURE and SL_CRASH_FIXTURE), and on hand-written
 * edge cases. */
#include "results.h"

#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *env)
{
    const char *path = getenv(env);
    cr_assert(path && *path, "$%s is not set: run these tests with make test-unit", env);
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s (from $%s)", path, env);
    static char buf[2][65536];
    char *b = buf[strcmp(env, "SL_TAP_FIXTURE") == 0];
    size_t n = fread(b, 1, sizeof buf[0] - 1, f);
    fclose(f);
    b[n] = '\0';
    return b;
}

static sl_suite_results parse_fixture(void)
{
    const char *tap = slurp("SL_TAP_FIXTURE");
    sl_suite_results r;
    char err[128];
    cr_assert_eq(sl_tap_parse(tap, strlen(tap), "demo", &r, err, sizeof err), 0, "%s", err);
    return r;
}

static const sl_check_result *get(const sl_suite_results *r, const char *id)
{
    const sl_check_result *c = sl_suite_results_find(r, id);
    cr_assert_not_null(c, "check %s is missing from the parsed report", id);
    return c;
}

Test(tap, real_report_keeps_only_the_suite)
{
    sl_suite_results r = parse_fixture();
    cr_assert_eq(r.n, 6, "demo has 6 tests (other::passes excluded), parsed %zu", r.n);
    cr_assert_eq(get(&r, "passes")->outcome, SL_CHECK_PASS);
    cr_assert_null(get(&r, "passes")->message);
    cr_assert_null(sl_suite_results_find(&r, "nope"));
    sl_suite_results_free(&r);
}

Test(tap, failure_tag_and_multiline_message)
{
    sl_suite_results r = parse_fixture();
    const sl_check_result *c = get(&r, "fails_tagged");
    cr_assert_eq(c->outcome, SL_CHECK_FAIL, "outcome: expected FAIL, got %d", c->outcome);
    cr_assert_str_eq(c->tag, "mistake:forgot_1_over_n", "tag: got %s", c->tag ? c->tag : "NULL");
    const char *want = "dW is n times too large\n  expected dW[0][1] = 0.5, got 2\n  ratio 4 = n";
    cr_assert_str_eq(c->message, want, "\nexpected message:\n%s\ngot:\n%s", want, c->message);
    cr_assert(c->where && strstr(c->where, "tap_suite.c:"), "where: got %s", c->where ? c->where : "NULL");
    sl_suite_results_free(&r);
}

Test(tap, two_failures_in_the_order_they_happened)
{
    sl_suite_results r = parse_fixture();
    const sl_check_result *c = get(&r, "fails_twice");
    cr_assert_eq(c->outcome, SL_CHECK_FAIL);
    cr_assert_str_eq(c->tag, "mismatch", "the tag comes from the first failure, got %s", c->tag ? c->tag : "NULL");
    cr_assert_str_eq(c->message, "first problem\nsecond problem", "got:\n%s", c->message);
    sl_suite_results_free(&r);
}

Test(tap, crash_timeout_and_early_exit)
{
    sl_suite_results r = parse_fixture();
    const sl_check_result *crash = get(&r, "crashes"), *hang = get(&r, "hangs"), *ex = get(&r, "exits_early");
    cr_assert_eq(crash->outcome, SL_CHECK_CRASH, "crashes: expected CRASH, got %d", crash->outcome);
    cr_assert(crash->where && strstr(crash->where, "tap_suite.c:"), "crash where: %s", crash->where ? crash->where : "NULL");
    cr_assert_eq(hang->outcome, SL_CHECK_TIMEOUT, "hangs: expected TIMEOUT, got %d", hang->outcome);
    cr_assert(hang->seconds >= 1.0 && hang->seconds < 2.0, "hangs: timeout seconds %g", hang->seconds);
    cr_assert_eq(ex->outcome, SL_CHECK_FAIL, "exit(0) with an exit-code sentinel must fail, got %d", ex->outcome);
    cr_assert_null(ex->message, "no assertion failed, so no message");
    sl_suite_results_free(&r);
}

Test(tap, not_a_report)
{
    sl_suite_results r = {0};
    char err[128];
    cr_assert_eq(sl_tap_parse("hello\n", 6, "demo", &r, err, sizeof err), -1);
    cr_assert_str_eq(err, "not a TAP report (no 'TAP version' line)");
}

Test(tap, handwritten_edge_cases)
{
    const char *tap = "TAP version 13\r\n1..4\r\n"
                      "ok - demo::a  (0.00s)\r\n"
                      "not ok - demo::b  (0.01s)\r\n  ---\r\n  assertions: 1\r\n  failures:\r\n"
                      "  - x.c:3: |+\r\n      Assertion failed: no tag here\r\n  ...\r\n"
                      "ok - demo::s  # SKIP not today\r\n"
                      "not ok - demo::c timed out (2.00s)";
    sl_suite_results r;
    char err[128];
    cr_assert_eq(sl_tap_parse(tap, strlen(tap), "demo", &r, err, sizeof err), 0, "%s", err);
    cr_assert_eq(r.n, 4, "parsed %zu tests", r.n);
    cr_assert_eq(get(&r, "s")->outcome, SL_CHECK_MISSING, "a skipped test did not run: expected MISSING, got %d",
                 get(&r, "s")->outcome);
    const sl_check_result *b = get(&r, "b");
    cr_assert_null(b->tag, "no [tag]: tag must be NULL, got %s", b->tag ? b->tag : "");
    cr_assert_str_eq(b->message, "no tag here", "CRLF must be stripped, got '%s'", b->message);
    cr_assert_str_eq(b->where, "x.c:3");
    cr_assert_eq(get(&r, "c")->seconds, 2.0, "last line without newline: seconds %g", get(&r, "c")->seconds);
    sl_suite_results_free(&r);
}

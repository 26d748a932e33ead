/* test_results.c — grader/run/results.c on the records of a real judge run
 * (lab/tests/fixtures/results_suite.c, written to $SL_RESULTS_FIXTURE by
 * tests.mk), and on hand-written edge cases. */
#include "results.h"

#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sl_suite_results parse_fixture(void)
{
    const char *path = getenv("SL_RESULTS_FIXTURE");
    cr_assert(path && *path, "$SL_RESULTS_FIXTURE is not set: run these tests with make test-unit");
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    sl_suite_results r;
    char err[128];
    cr_assert_eq(sl_results_parse(buf, n, "demo", &r, err, sizeof err), 0, "%s", err);
    return r;
}

static const sl_check_result *get(const sl_suite_results *r, const char *id)
{
    const sl_check_result *c = sl_suite_results_find(r, id);
    cr_assert_not_null(c, "check %s is missing from the records", id);
    return c;
}

Test(results, keeps_only_the_suite)
{
    sl_suite_results r = parse_fixture();
    cr_assert_eq(r.n, 7, "demo has 7 checks (other::passes excluded), read %zu", r.n);
    cr_assert_eq(get(&r, "passes")->outcome, SL_CHECK_PASS);
    cr_assert_null(get(&r, "passes")->message);
    cr_assert_null(sl_suite_results_find(&r, "nope"));
    sl_suite_results_free(&r);
}

Test(results, a_named_mistake_is_data)
{
    sl_suite_results r = parse_fixture();
    const sl_check_result *c = get(&r, "fails_named");
    cr_assert_eq(c->outcome, SL_CHECK_FAIL, "outcome: expected FAIL, got %d", c->outcome);
    cr_assert_str_eq(c->tag, "mistake:forgot_1_over_n", "tag: got %s", c->tag ? c->tag : "NULL");
    cr_assert(c->message && strstr(c->message, "\n  expected dW[0][1] = 0.5, got 2"), "message: %s",
              c->message ? c->message : "NULL");
    cr_assert(c->message[0] != '[', "the message has no [tag] in front: %s", c->message);
    cr_assert(c->where && strstr(c->where, "check.c:"), "where: %s", c->where ? c->where : "NULL");
    c = get(&r, "fails_property");
    cr_assert_str_eq(c->tag, "property");
    cr_assert_str_eq(c->message, "row 3 does not sum to 1");
    sl_suite_results_free(&r);
}

Test(results, a_plain_assertion_keeps_its_text)
{
    sl_suite_results r = parse_fixture();
    const sl_check_result *c = get(&r, "fails_plain");
    cr_assert_eq(c->outcome, SL_CHECK_FAIL);
    cr_assert_null(c->tag);
    cr_assert_str_eq(c->message, "a Criterion assertion, not the frame's");
    sl_suite_results_free(&r);
}

Test(results, crash_timeout_and_early_exit)
{
    sl_suite_results r = parse_fixture();
    const sl_check_result *crash = get(&r, "crashes"), *hang = get(&r, "hangs"), *ex = get(&r, "exits_early");
#ifdef __SANITIZE_ADDRESS__
    /* under AddressSanitizer (make test-asan) the fixture's SIGSEGV is caught
     * by ASan, which reports and exits: not a pass is all that can be said */
    cr_assert_neq(crash->outcome, SL_CHECK_PASS, "crashes: a crash is no pass");
#else
    cr_assert_eq(crash->outcome, SL_CHECK_CRASH, "crashes: expected CRASH, got %d", crash->outcome);
    cr_assert_eq(crash->signal, SIGSEGV, "signal: expected %d, got %d", SIGSEGV, crash->signal);
#endif
    cr_assert_eq(hang->outcome, SL_CHECK_TIMEOUT, "hangs: expected TIMEOUT, got %d", hang->outcome);
    cr_assert(hang->seconds >= 1.0 && hang->seconds < 2.0, "hangs: timeout seconds %g", hang->seconds);
    cr_assert_neq(ex->outcome, SL_CHECK_PASS, "an exit in the check process is no pass");
    sl_suite_results_free(&r);
}

Test(results, only_the_judge_decides)
{
    /* A record from the check side alone (no verdict of Criterion's); a
     * judge "pass" with details and the body's end: a pass, no text; a judge
     * "pass" without the body's end: not a pass. */
    const char *text = "{\"source\":\"check\",\"exercise\":\"x\",\"check\":\"a\",\"kind\":\"mismatch\",\"message\":\"m\"}\n"
                       "not json at all\n"
                       "{\"source\":\"judge\",\"exercise\":\"x\",\"check\":\"b\",\"status\":\"pass\"}\n"
                       "{\"source\":\"check\",\"exercise\":\"x\",\"check\":\"b\",\"kind\":\"property\",\"message\":\"z\"}\n"
                       "{\"source\":\"check\",\"exercise\":\"x\",\"check\":\"b\",\"done\":true}\n"
                       "{\"source\":\"judge\",\"exercise\":\"x\",\"check\":\"d\",\"status\":\"pass\"}\n"
                       "{\"source\":\"judge\",\"exercise\":\"x\",\"check\":\"c\",\"status\":\"fa";
    sl_suite_results r;
    char err[64];
    cr_assert_eq(sl_results_parse(text, strlen(text), "x", &r, err, sizeof err), 0);
    cr_assert_eq(r.n, 3, "a, b and d (the cut line is skipped), got %zu", r.n);
    cr_assert_eq(get(&r, "a")->outcome, SL_CHECK_MISSING);
    cr_assert_eq(get(&r, "b")->outcome, SL_CHECK_PASS);
    cr_assert_null(get(&r, "b")->message);
    cr_assert_eq(get(&r, "d")->outcome, SL_CHECK_FAIL, "a pass without the body's end is no pass");
    sl_suite_results_free(&r);
}

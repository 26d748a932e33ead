/* test_run.c — grader/run helpers: running a command (exit status, output
 * cap, time limit, signals), the compile/link argv, link-error sentences. */
#include "build.h"
#include "exec.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static int run(const char *script, double timeout, size_t cap, char **out, int *trunc)
{
    char *argv[] = {"sh", "-c", (char *)script, NULL};
    char *env[] = {"SL_TEST_VAR=seen", NULL};
    return sl_exec(argv, env, timeout, cap, out, trunc);
}

Test(exec, exit_status_output_and_env)
{
    char *out;
    int rc = run("echo out; echo err >&2; echo $SL_TEST_VAR; exit 3", 10, 1000, &out, NULL);
    cr_assert_eq(rc, 3, "exit status: expected 3, got %d", rc);
    cr_assert_str_eq(out, "out\nerr\nseen\n", "captured: '%s'", out);
    free(out);
}

Test(exec, output_is_capped)
{
    char *out;
    int trunc;
    int rc = run("yes | head -c 100000", 10, 1000, &out, &trunc);
    cr_assert_eq(rc, 0);
    cr_assert_eq(strlen(out), 1000, "kept %zu bytes, cap 1000", strlen(out));
    cr_assert(trunc, "truncation must be reported");
    free(out);
}

Test(exec, timeout_kills_the_group_and_signals_are_reported, .timeout = 10)
{
    char *out;
    int rc = run("sleep 30 & sleep 30", 0.3, 100, &out, NULL);
    cr_assert_eq(rc, SL_EXEC_TIMED_OUT, "expected SL_EXEC_TIMED_OUT, got %d", rc);
    free(out);
    rc = run("kill -SEGV $$", 10, 100, &out, NULL);
    cr_assert_eq(rc, 128 + 11, "killed by SIGSEGV: expected 139, got %d", rc);
    free(out);
    char *argv[] = {"/nonexistent/program", NULL};
    rc = sl_exec(argv, NULL, 5, 100, &out, NULL);
    cr_assert_eq(rc, 127, "a program that does not exist: expected 127, got %d", rc);
    free(out);
}

Test(build, argv_renames_main_and_links_a_worker)
{
    sl_toolchain tc = {"cc", "-std=c11 -O1", "", "-lseccomp -lm", "/b", "-lcriterion -lm", "-fsanitize=address"};
    char **c = sl_compile_argv(&tc, "student/softmax.c", "w/softmax.o");
    const char *want_c[] = {"cc", "-std=c11", "-O1", "-Dmain=sl_student_main_unused", "-c", "student/softmax.c", "-o",
                            "w/softmax.o", NULL};
    for (size_t i = 0; want_c[i] || c[i]; i++)
        cr_assert(want_c[i] && c[i] && !strcmp(c[i], want_c[i]), "compile argv[%zu]: expected %s, got %s", i,
                  want_c[i] ? want_c[i] : "end", c[i] ? c[i] : "end");
    sl_argv_free(c);
    char **l = sl_link_argv(&tc, "softmax", "w/softmax.o", "w/worker");
    const char *want_l[] = {"cc", "/b/obj/grader/worker/worker.o", "/b/obj/grader/worker/filter.o", "w/softmax.o",
                            "/b/harness/softmax.a", "-lseccomp", "-lm", "-o", "w/worker", NULL};
    for (size_t i = 0; want_l[i] || l[i]; i++)
        cr_assert(want_l[i] && l[i] && !strcmp(l[i], want_l[i]), "link argv[%zu]: expected %s, got %s", i,
                  want_l[i] ? want_l[i] : "end", l[i] ? l[i] : "end");
    sl_argv_free(l);
    char **j = sl_judge_argv(&tc, "softmax", NULL, "w/judge");
    const char *want_j[] = {"cc", "/b/obj/grader/suites/softmax.o", "/b/obj/grader/worker/proxy-softmax.o",
                            "/b/obj/grader/memcheck/check-softmax.o", "/b/libslmem.a", "/b/harness/softmax.a", "-lcriterion", "-lm", "-o", "w/judge", NULL};
    for (size_t i = 0; want_j[i] || j[i]; i++)
        cr_assert(want_j[i] && j[i] && !strcmp(j[i], want_j[i]), "judge argv[%zu]: expected %s, got %s", i,
                  want_j[i] ? want_j[i] : "end", j[i] ? j[i] : "end");
    sl_argv_free(j);
}

Test(build, link_errors_become_sentences)
{
    char msg[512];
    const char *undef = "/usr/bin/ld: softmax.o: in function `main':\nsuite.c:(.text+0x1a): undefined reference to `softmax'\n"
                        "collect2: error: ld returned 1 exit status\n";
    cr_assert(sl_explain_link_error(undef, "student/softmax.c", "softmax", 0, msg, sizeof msg));
    cr_assert_str_eq(msg, "student/softmax.c does not define softmax() (is the name spelled right, and not static?)");
    const char *dup = "/usr/bin/ld: w/softmax.o: in function `logits':\nsoftmax.c:3: multiple definition of `logits'; "
                      "runtime.o:runtime.c:9: first defined here\n";
    cr_assert(sl_explain_link_error(dup, "student/softmax.c", "softmax", 0, msg, sizeof msg));
    cr_assert_str_eq(msg, "student/softmax.c defines logits(), which the kit already provides: rename your helper or make it static");
    cr_assert(sl_explain_link_error(undef, "student/softmax.c", "softmax", 1, msg, sizeof msg));
    cr_assert(strstr(msg, "没有定义 softmax()"), "zh: got %s", msg);
    cr_assert_eq(sl_explain_link_error("something else\n", "f.c", "softmax", 0, msg, sizeof msg), 0);
}

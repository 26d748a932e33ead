/* check.c — the check `memory` of one exercise (compiled once per exercise
 * with -DMC_EXERCISE=<id>, linked into that exercise's suite beside
 * grader/suites/<id>.c).
 *
 * It runs the exercise's memory-check program (mc_build.h: the student's
 * file under AddressSanitizer + UBSan, called on every shape of the other
 * checks with exact-size buffers) as a child process and reads its report
 * here, in the check: the student's file and line come from addr2line on
 * the program, never from anything the program says about itself.  The
 * program is $SL_MEMCHECK_BIN, else DIR/memcheck-NAME beside this suite DIR/NAME.
 * With SL_MEMCHECK_VERBOSE=1 (make check … VERBOSE=1) the sanitizer's own
 * report follows the explanation. */
#include "check.h"
#include "inputs.h"
#include "mc_cases.h"
#include "multilabel.h"
#include "oracle.h"
#include "mc_run.h"
#include "softmax_lab.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef MC_EXERCISE
#error "compile with -DMC_EXERCISE=<exercise id>"
#endif
#define MC_STR2(x) #x
#define MC_STR(x) MC_STR2(x)
#define MC_CHECK(ex) SL_CHECK(ex, memory, 60)

enum { RAW_LINES_MAX = 80 };

/* The program's path into bin; 0, or −1 when it cannot be named. */
static int program_path(char *bin, size_t len)
{
    const char *env = getenv("SL_MEMCHECK_BIN");
    if (env && *env) {
        snprintf(bin, len, "%s", env);
        return 0;
    }
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return -1;
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (!slash)
        return -1;
    *slash = '\0';
    snprintf(bin, len, "%.2000s/memcheck-%.1000s", self, slash + 1);
    return 0;
}

/* Each line of text as one detail line (at most max lines). */
static void say_lines(const char *text, size_t max)
{
    size_t shown = 0;
    for (const char *l = text; l && *l && shown < max; shown++) {
        size_t n = strcspn(l, "\n");
        sl_say("%.*s", "%.*s", (int)n, l);
        l += n + (l[n] == '\n');
    }
}

/* 1 when got[0..count) agrees with want to 1e-6 relative (NaN never does). */
static int close_enough(const double *want, const double *got, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (!(fabs(got[i] - want[i]) <= 1e-6 * (1.0 + fabs(want[i]))))
            return 0;
    return 1;
}

/* The memory check counts only for code that computes its function: when
 * the program found no memory error, one small call through the worker
 * (never the memory-check program, whose word is not trusted) must agree
 * with the oracle to 1e-6 relative.  A
 * file that does nothing has no memory errors, and must not earn points
 * for that.  Returns 1 when the call agrees. */
static int computes(const char *ex)
{
    const size_t n = 6, d = 3, k = 4;
    const double *X = sl_in_normal(n, d, 0.0, 1.0, 9001), *W = sl_in_normal(d, k, 0.0, 0.5, 9002);
    const double *b = sl_in_normal(1, k, 0.0, 0.5, 9003), *Y = sl_in_one_hot(n, k, 9004, NULL);
    const double *P = sl_in_probs(n, k, 9005);
    double *got = sl_mat(n * k + d * k + k), *want = sl_mat(n * k + d * k + k);
    double g = 0.0, w = 0.0;
    size_t count = 0;
    if (strcmp(ex, "softmax") == 0) {
        const double *Z = sl_in_normal(n, k, 0.0, 2.0, 9006);
        softmax(Z, got, n, k), ref_softmax(Z, want, n, k), count = n * k;
    } else if (strcmp(ex, "cross_entropy") == 0) {
        g = cross_entropy(P, Y, n, k), w = ref_cross_entropy(P, Y, n, k);
    } else if (strcmp(ex, "grad_w") == 0) {
        grad_w(X, P, Y, n, d, k, got), ref_grad_w(X, P, Y, n, d, k, want), count = d * k;
    } else if (strcmp(ex, "grad_b") == 0) {
        grad_b(P, Y, n, k, got), ref_grad_b(P, Y, n, k, want), count = k;
    } else if (strcmp(ex, "train") == 0) {
        double *W1 = sl_in_copy(W, d * k), *b1 = sl_in_copy(b, k);
        memcpy(want, W, d * k * sizeof *want), memcpy(want + d * k, b, k * sizeof *want);
        g = train(X, Y, n, d, k, W1, b1, 0.5, 3, NULL);
        w = ref_train(X, Y, n, d, k, want, want + d * k, 0.5, 3, NULL);
        memcpy(got, W1, d * k * sizeof *got), memcpy(got + d * k, b1, k * sizeof *got);
        count = d * k + k;
    } else if (strcmp(ex, "sigmoid_bce") == 0) {
        double *db = sl_mat(k), *rdb = sl_mat(k);
        g = sigmoid_bce(X, W, b, Y, n, d, k, got, db);
        w = ref_sigmoid_bce(X, W, b, Y, n, d, k, want, rdb);
        memcpy(got + d * k, db, k * sizeof *got), memcpy(want + d * k, rdb, k * sizeof *want);
        count = d * k + k;
    }
    sl_after_call(mc_function(ex));
    return close_enough(&w, &g, 1) && close_enough(want, got, count);
}

static void memory_check(const char *exercise)
{
    char bin[4200];
    const char *fn = mc_function(exercise);
    if (program_path(bin, sizeof bin) != 0 || access(bin, X_OK) != 0) {
        sl_head("internal", "the memory check of %s is not built (%s is missing)",
                "%s 的内存检查程序未构建（缺少 %s）", exercise, bin);
        sl_fail();
    }
    mc_result res;
    if (mc_run(bin, exercise, 50, sl_zh(), &res) != 0) {
        sl_head("internal", "out of memory", "内存不足");
        sl_fail();
    }
    const char *verbose = getenv("SL_MEMCHECK_VERBOSE");
    switch (res.status) {
    case MC_PASS:
        mc_result_free(&res);
        if (!computes(exercise)) {
            sl_head("property", "no memory errors seen, but %s() does not compute the right values yet"
                    " (the other checks say how); this check counts once it does",
                    "没有发现内存错误，但 %s() 算出的值还不对（其他检查会说明原因）；算对之后这项检查才计分", fn);
            sl_fail();
        }
        return;
    case MC_STUB:
        /* the stub ran: the frame's own "not implemented" message */
        mc_result_free(&res);
        sl_not_implemented(fn);
        sl_after_call(fn);
        sl_head("internal", "%s() said NOT_IMPLEMENTED", "%s() 报告 NOT_IMPLEMENTED", fn);
        sl_fail();
    case MC_FAIL:
        sl_head("memory", "%s", "%s", res.head);
        say_lines(res.detail, 8);
        if (verbose && strcmp(verbose, "1") == 0) {
            sl_say("the sanitizer's report:", "sanitizer 的原始报告：");
            say_lines(res.raw, RAW_LINES_MAX);
        }
        break;
    case MC_INTERNAL:
        sl_head("internal", "%s", "%s", res.head);
        break;
    }
    mc_result_free(&res);
    sl_fail();
}

MC_CHECK(MC_EXERCISE)
{
    memory_check(MC_STR(MC_EXERCISE));
}

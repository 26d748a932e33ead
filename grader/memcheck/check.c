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
#include "mc_cases.h"
#include "mc_run.h"
#include "softmax_lab.h"

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

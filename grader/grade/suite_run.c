/* suite_run.c — see suite_run.h. */
#include "suite_run.h"

#include "lang.h"
#include "sandbox.h"
#include "util.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
    REPORT_MAX = 4 << 20,
    OUT_CAP = 1 << 20           /* output of a suite run */
};

/* Runs the linked suite of exercise e; fills ex->checks. */
int suite_run(const grade_cfg *cfg, const sl_exercise *e, int slot, const char *bindir,
                     const char *run, g_exercise *ex, char **why)
{
    rm_tree(run);
    if (sbx_prepare_scratch(run, slot) != 0) {
        *why = xasprintf("cannot prepare the folder %s", run);
        return -1;
    }
    char *bin = xasprintf("/checks/%s-suite", e->id);
    char timeout[32];
    snprintf(timeout, sizeof timeout, "%g", cfg->test_timeout_s);
    char *argv[] = {bin, "--color=never", "--ascii", "-j1", "--timeout", timeout, NULL};
    /* the checks explain failures in the feedback's language (lab/lang.h);
     * the judge starts the worker beside it, with the memory limit (the
     * judge itself runs no student code: no address-space limit, so that a
     * sanitizer worker can start) */
    char *worker = xasprintf("SL_WORKER=/checks/%s-worker", e->id);
    char *memcheck = xasprintf("SL_MEMCHECK_BIN=/checks/%s-memcheck", e->id);     /* check `memory` */
    char *mem = xasprintf("SL_WORKER_MEM_MB=%ld", cfg->mem_mb);
    char *env[] = {worker, mem, memcheck, "SL_RESULTS=/scratch/results.jsonl",
                   cfg->zh ? "SOFTMAX_LAB_LANG=zh" : "SOFTMAX_LAB_LANG=en", NULL};
    sbx_bind binds[] = {{bindir, "/checks"}};
    sbx_spec s = {.argv = argv, .env = env, .scratch = run, .keep = cfg->work_root,
                  .binds = binds, .n_binds = 1,
                  .slot = slot, .cpu_s = cfg->suite_cpu_s, .wall_s = cfg->suite_wall_s,
                  .mem_mb = 0, .fsize_mb = 16, .nofile = 64, .nproc = 128,
                  .out_cap = OUT_CAP};
    sbx_result r;
    int started = sbx_run(&s, &r) == 0;
    /* Weak mode shares /tmp, where Criterion's runner makes its socket
     * /tmp/criterion_<pid>.sock: a stale one left by someone else under a
     * reused pid makes the runner abort before any check ran.  That is the
     * machine's fault, not the student's (no student code runs in the runner:
     * objcheck.h): try again, in a fresh folder. */
    for (int again = 0; started && again < 2 && sbx_detect() == SBX_WEAK && r.signaled
                        && r.sig == SIGABRT && access(run, F_OK) == 0;
         again++) {
        char *rec = xasprintf("%s/results.jsonl", run);
        int had_report = access(rec, F_OK) == 0;
        free(rec);
        if (had_report)
            break;
        sbx_result_free(&r);
        rm_tree(run);
        sbx_prepare_scratch(run, slot);
        started = sbx_run(&s, &r) == 0;
    }
    free(bin), free(worker), free(mem), free(memcheck);
    if (!started) {
        *why = xasprintf("the run sandbox did not start: %s", r.out);
        sbx_result_free(&r);
        return -1;
    }
    char *rec_path = xasprintf("%s/results.jsonl", run);
    size_t len = 0;
    char *rec = NULL, err[256] = "";
    sl_suite_results res = {0};
    int trusted = r.exited && (r.code == 0 || r.code == 1) && !r.timed_out && !r.out_capped;
    if (trusted && (rec = read_file(rec_path, REPORT_MAX, 1, &len)) != NULL
        && sl_results_parse(rec, len, e->id, &res, err, sizeof err) == 0) {
        /* trusted: the judge's own report */
    } else {
        trusted = 0;
    }
    if (!trusted) {
        ex->state = EX_RUN_FAILED;
        if (r.out_capped)
            ex->detail = XASPRINTF_TR(cfg->zh, "the check program printed more than %d KiB and was "
                                           "stopped (an output flood: a print in a loop?)",
                                      "检查程序输出超过 %d KiB，已被终止（输出泛滥：循环里有打印？）",
                                   OUT_CAP / 1024);
        else if (r.timed_out)
            ex->detail = XASPRINTF_TR(cfg->zh, "the check program ran out of time (%g s wall clock, "
                                           "%g s CPU) and was stopped: an endless loop?",
                                      "检查程序超时（墙钟 %g 秒，CPU %g 秒）被终止：是否有死循环？",
                                   cfg->suite_wall_s, cfg->suite_cpu_s);
        else if (r.signaled)
            ex->detail = XASPRINTF_TR(cfg->zh, "the check program was killed by %s before it could "
                                           "report (did the code kill or corrupt its own process?)",
                                      "检查程序在报告结果前被信号 %s 终止（代码是否杀死或破坏了自身进程？）",
                                   sbx_signal_name(r.sig));
        else if (r.exited && r.code != 0 && r.code != 1)
            ex->detail = XASPRINTF_TR(cfg->zh, "the check program exited early with status %d "
                                           "without a valid report (exit() called in the code?)",
                                      "检查程序以状态 %d 提前退出，没有有效的报告（代码里调用了 exit()？）",
                                   r.code);
        else
            ex->detail = xstrdup(sl_tr(cfg->zh, "the check program left no valid report (it ended "
                                         "without finishing the checks)",
                                    "检查程序没有留下有效的报告（没有完成检查就结束了）"));
    }
    unsigned passed = 0, not_impl = 0;
    for (size_t j = 0; j < e->n_checks; j++) {
        const sl_check *c = &e->checks[j];
        if (c->hidden && !cfg->hidden)
            continue;
        const sl_check_result *cr = trusted ? sl_suite_results_find(&res, c->id) : NULL;
        g_check *g = &ex->checks[ex->n_checks++];
        *g = (g_check){.id = xstrdup(c->id), .outcome = cr ? cr->outcome : SL_CHECK_MISSING,
                       .max = c->points, .hidden = c->hidden};
        if (cr) {
            g->tag = xstrdup(cr->tag);
            g->message = cr->message ? str_cut(xstrdup(cr->message), 4000, cfg->zh) : NULL;
            if (cr->outcome == SL_CHECK_CRASH && !g->message)
                g->message = cr->signal > 0
                    ? XASPRINTF_TR(cfg->zh, "the code crashed: killed by %s", "代码崩溃：被信号 %s 终止",
                          sbx_signal_name(cr->signal))
                    : xstrdup(sl_tr(cfg->zh, "the code crashed (killed by a signal)",
                                 "代码崩溃（被信号终止）"));
            if (cr->outcome == SL_CHECK_TIMEOUT && !g->message)
                g->message = XASPRINTF_TR(cfg->zh, "ran out of time (limit %g s per check): an endless loop?",
                                 "超时（每项检查限时 %g 秒）：是否有死循环？",
                                 cr->seconds > 0 ? cr->seconds : cfg->test_timeout_s);
        }
        if (g->outcome == SL_CHECK_PASS)
            g->points = c->points, ex->points += c->points;
        passed += g->outcome == SL_CHECK_PASS;
        not_impl += g->tag && strcmp(g->tag, "not-implemented") == 0;
    }
    if (trusted)
        ex->state = sl_ex_decide(passed, (unsigned)ex->n_checks, not_impl);
    free(rec), free(rec_path);
    sl_suite_results_free(&res);
    sbx_result_free(&r);
    rm_tree(run);
    return 0;
}


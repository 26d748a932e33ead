/* pipeline.c — see pipeline.h.  Per slot, under work_root/slot<N>/:
 *   cc/      (slot uid) sources, objects and compiler logs of one student
 *   bin/     (grader)  the linked check programs, bound read-only at /checks
 *   run/     (slot uid) fresh scratch of one suite run (/scratch inside)
 * Each is emptied before use. */
#include "pipeline.h"

#include "exec.h"
#include "lang.h"
#include "objcheck.h"
#include "sandbox.h"
#include "util.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

enum {
    SRC_MAX = 1 << 20,          /* a student file larger than 1 MiB is refused */
    OBJ_MAX = 16 << 20,
    LOG_MAX = 16 * 1024,        /* compiler messages kept in the feedback */
    REPORT_MAX = 4 << 20,
    OUT_CAP = 1 << 20           /* output of a suite run */
};

void submission_free(submission *s)
{
    free(s->student);
    free(s->note);
    for (size_t i = 0; s->files && i < s->n_files; i++)
        free(s->files[i]);
    free(s->files);
    memset(s, 0, sizeof *s);
}

/* xasprintf with an English or a Chinese literal format (both checked). */
#define TRF(cfg, en, zh_fmt, ...) \
    ((cfg)->zh ? xasprintf(zh_fmt, __VA_ARGS__) : xasprintf(en, __VA_ARGS__))

static const char *tr(const grade_cfg *c, const char *en, const char *zh)
{
    return sl_tr(c->zh, en, zh);
}

/* Replaces every occurrence of `from` in s (in place, shorter or equal). */
static void strip_all(char *s, const char *from)
{
    size_t n = strlen(from);
    for (char *p; (p = strstr(s, from));)
        memmove(p, p + n, strlen(p + n) + 1);
}

static char *cut(char *s, size_t max, int zh)
{
    if (strlen(s) <= max)
        return s;
    s[max] = '\0';
    char *t = xasprintf("%s\n%s", s, zh ? "……（信息过长，已截断）" : "… (truncated)");
    free(s);
    return t;
}

/* Compile every present file in one sandbox run: the sandbox sees the files,
 * the contract header and the system, nothing else. */
static int compile_all(const grade_cfg *cfg, const submission *sub, int slot, const char *cc,
                       int *present, char **why)
{
    const sl_manifest *m = cfg->m;
    char *dir = xasprintf("%s/src", cc), *inc = xasprintf("%s/include", cc);
    char *objd = xasprintf("%s/obj", cc);
    int ok = mkdir_p(dir) == 0 && mkdir_p(inc) == 0 && mkdir_p(objd) == 0;
    for (size_t h = 0; ok && cfg->headers[h]; h++) {
        const char *name = strrchr(cfg->headers[h], '/') ? strrchr(cfg->headers[h], '/') + 1
                                                         : cfg->headers[h];
        char *dst = xasprintf("%s/%s", inc, name);
        ok = copy_file(cfg->headers[h], dst, SRC_MAX) == 0;
        free(dst);
    }
    int uid = sbx_slot_uid(slot);
    if (ok && uid >= 0)
        ok = chown(objd, (uid_t)uid, (gid_t)uid) == 0;
    sb_t script = {0};
    sb_add(&script, "cd /scratch/src || exit 1\n");
    int any = 0;
    for (size_t i = 0; ok && i < m->n_exercises; i++) {
        const sl_exercise *e = &m->exercises[i];
        if (!present[i])
            continue;
        char *dst = xasprintf("%s/%s", dir, e->file);
        if (copy_file(sub->files[i], dst, SRC_MAX) != 0)
            present[i] = -1;        /* unreadable or too large */
        free(dst);
        if (present[i] != 1)
            continue;
        char *src = xasprintf("/scratch/src/%s", e->file);
        char *obj = xasprintf("/scratch/obj/%s.o", e->id);
        char **av = sl_compile_argv(&cfg->tc, src, obj);
        for (size_t a = 0; av && av[a]; a++) {
            if (strncmp(av[a], "-I", 2) == 0)
                sb_add(&script, "-I/scratch/include ");
            else if (strncmp(av[a], "-fsanitize", 10) == 0 || strncmp(av[a], "-fno-sanitize", 13) == 0)
                ;   /* a SANITIZE=1 kit: student objects stay plain (sanitizers add constructors) */
            else
                sb_printf(&script, "'%s' ", av[a]);    /* our own flags: no quotes inside */
        }
        sb_printf(&script, "-MD -MF /scratch/obj/%s.dep >/scratch/obj/%s.log 2>&1; "
                  "echo $? >/scratch/obj/%s.rc\n", e->id, e->id, e->id);
        sl_argv_free(av);
        free(src), free(obj);
        any = 1;
    }
    int rc = 0;
    if (ok && any) {
        char *argv[] = {"/bin/sh", "-c", (char *)sb_cstr(&script), NULL};
        sbx_spec s = {.argv = argv, .scratch = cc, .keep = cfg->work_root, .slot = slot, .cpu_s = 60, .wall_s = 60,
                      .mem_mb = 2048, .fsize_mb = 64, .nofile = 256, .nproc = 64,
                      .out_cap = 64 * 1024};
        sbx_result r;
        if (sbx_run(&s, &r) != 0) {
            *why = xasprintf("the compile sandbox did not start: %s", r.out);
            rc = -1;
        }
        sbx_result_free(&r);
    } else if (!ok) {
        *why = xasprintf("cannot prepare the folder %s", cc);
        rc = -1;
    }
    sb_free(&script);
    free(dir), free(inc), free(objd);
    return rc;
}

/* The files the compiler read (its -MD list) must be the student's file, the
 * contract header or system headers: an #include of anything else (the
 * reference, the hidden checks, /etc/…) is refused by name — this holds in
 * both sandbox modes.  0 when fine; else −1 and *why. */
static int check_deps(const grade_cfg *cfg, const char *cc, const char *dep_path, char **why)
{
    char *dep = read_file(dep_path, 1 << 20, 1, NULL);
    if (!dep) {
        *why = xstrdup(tr(cfg, "- the compiler did not list the files it read",
                          "- 编译器没有列出它读取的文件"));
        return -1;
    }
    sb_t bad = {0};
    char *colon = strchr(dep, ':');
    for (char *tok = strtok(colon ? colon + 1 : dep, " \\\n\t"); tok; tok = strtok(NULL, " \\\n\t")) {
        size_t n = strlen(tok);
        if (n && tok[n - 1] == ':')
            continue;       /* phony targets of -MP */
        size_t ncc = strlen(cc);
        if (strncmp(tok, "/usr/", 5) == 0 || strncmp(tok, "/scratch/", 9) == 0
            || (strncmp(tok, cc, ncc) == 0 && tok[ncc] == '/' && !strstr(tok, "/../"))
            || strchr(tok, '/') == NULL)
            continue;
        char *msg = str_subst(tr(cfg, "- includes `%s`, which is outside your file and the "
                                      "system headers (only softmax_lab.h and <…> headers may be "
                                      "included)\n",
                                 "- 包含了 `%s`，它既不是你的文件也不是系统头文件（只能包含 "
                                 "softmax_lab.h 和 <…> 头文件）\n"),
                              tok);
        if (bad.len < 2000)
            sb_add(&bad, msg);
        free(msg);
    }
    free(dep);
    if (!bad.len)
        return 0;
    *why = xstrdup(sb_cstr(&bad));
    sb_free(&bad);
    return -1;
}

/* Runs the linked suite of exercise e; fills ex->checks. */
static int run_suite(const grade_cfg *cfg, const sl_exercise *e, int slot, const char *bindir,
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
    char *argv[] = {bin, "--tap=/scratch/report.tap", "--color=never", "--ascii", "-j1",
                    "--timeout", timeout, NULL};
    char *env[] = {"SL_CRASH_NOTES=/scratch/crash-notes", NULL};
    sbx_bind binds[] = {{bindir, "/checks"}};
    sbx_spec s = {.argv = argv, .env = env, .scratch = run, .keep = cfg->work_root,
                  .binds = binds, .n_binds = 1,
                  .slot = slot, .cpu_s = cfg->suite_cpu_s, .wall_s = cfg->suite_wall_s,
                  .mem_mb = cfg->mem_mb, .fsize_mb = 16, .nofile = 64, .nproc = 128,
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
        char *tap = xasprintf("%s/report.tap", run);
        int had_report = access(tap, F_OK) == 0;
        free(tap);
        if (had_report)
            break;
        sbx_result_free(&r);
        rm_tree(run);
        sbx_prepare_scratch(run, slot);
        started = sbx_run(&s, &r) == 0;
    }
    free(bin);
    if (!started) {
        *why = xasprintf("the run sandbox did not start: %s", r.out);
        sbx_result_free(&r);
        return -1;
    }
    char *tap_path = xasprintf("%s/report.tap", run), *notes_path = xasprintf("%s/crash-notes", run);
    size_t len = 0;
    char *tap = NULL, err[256] = "";
    sl_suite_results res = {0};
    int trusted = r.exited && (r.code == 0 || r.code == 1) && !r.timed_out && !r.out_capped;
    if (trusted && (tap = read_file(tap_path, REPORT_MAX, 1, &len)) != NULL
        && sl_tap_parse(tap, len, e->id, &res, err, sizeof err) == 0) {
        size_t nlen;
        char *notes = read_file(notes_path, 64 * 1024, 1, &nlen);
        if (notes)
            sl_crash_notes_apply(&res, e->id, notes, nlen);
        free(notes);
    } else {
        trusted = 0;
    }
    if (!trusted) {
        ex->state = EX_RUN_FAILED;
        if (r.out_capped)
            ex->detail = TRF(cfg, "the check program printed more than %d KiB and was "
                                           "stopped (an output flood: a print in a loop?)",
                                      "检查程序输出超过 %d KiB，已被终止（输出泛滥：循环里有打印？）",
                                   OUT_CAP / 1024);
        else if (r.timed_out)
            ex->detail = TRF(cfg, "the check program ran out of time (%g s wall clock, "
                                           "%g s CPU) and was stopped: an endless loop?",
                                      "检查程序超时（墙钟 %g 秒，CPU %g 秒）被终止：是否有死循环？",
                                   cfg->suite_wall_s, cfg->suite_cpu_s);
        else if (r.signaled)
            ex->detail = TRF(cfg, "the check program was killed by %s before it could "
                                           "report (did the code kill or corrupt its own process?)",
                                      "检查程序在报告结果前被信号 %s 终止（代码是否杀死或破坏了自身进程？）",
                                   sbx_signal_name(r.sig));
        else if (r.exited && r.code != 0 && r.code != 1)
            ex->detail = TRF(cfg, "the check program exited early with status %d "
                                           "without a valid report (exit() called in the code?)",
                                      "检查程序以状态 %d 提前退出，没有有效的报告（代码里调用了 exit()？）",
                                   r.code);
        else
            ex->detail = xstrdup(tr(cfg, "the check program left no valid report (it ended "
                                         "without finishing the checks)",
                                    "检查程序没有留下有效的报告（没有完成检查就结束了）"));
    }
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
            g->message = cr->message ? cut(xstrdup(cr->message), 4000, cfg->zh) : NULL;
            if (cr->outcome == SL_CHECK_CRASH && !g->message)
                g->message = cr->signal > 0
                    ? TRF(cfg, "the code crashed: killed by %s", "代码崩溃：被信号 %s 终止",
                          sbx_signal_name(cr->signal))
                    : xstrdup(tr(cfg, "the code crashed (killed by a signal)",
                                 "代码崩溃（被信号终止）"));
            if (cr->outcome == SL_CHECK_TIMEOUT && !g->message)
                g->message = TRF(cfg, "ran out of time (limit %g s per check): an endless loop?",
                                 "超时（每项检查限时 %g 秒）：是否有死循环？",
                                 cr->seconds > 0 ? cr->seconds : cfg->test_timeout_s);
        }
        if (g->outcome == SL_CHECK_PASS)
            g->points = c->points, ex->points += c->points;
    }
    free(tap), free(tap_path), free(notes_path);
    sl_suite_results_free(&res);
    sbx_result_free(&r);
    rm_tree(run);
    return 0;
}

/* Link command: the builder's, with the hidden checks before the harness. */
char **grade_link_argv(const grade_cfg *cfg, size_t i, const char *obj, const char *bin)
{
    const sl_exercise *e = &cfg->m->exercises[i];
    char **av = sl_link_argv(&cfg->tc, e->id, obj, bin);
    const char *hid = cfg->hidden_obj ? cfg->hidden_obj[i] : NULL;
    if (!av)
        return av;
    size_t n = 0;
    while (av[n])
        n++;
    /* gold links these programs in a third of bfd's CPU time: the same
     * objects and libraries, a faster linker, where installed. */
    if (access("/usr/bin/ld.gold", X_OK) == 0 && n > 1) {
        av = xrealloc(av, (n + 2) * sizeof *av);
        memmove(av + 2, av + 1, n * sizeof *av);
        av[1] = xstrdup("-fuse-ld=gold");
        n++;
    }
    if (!hid)
        return av;
    av = xrealloc(av, (n + 2) * sizeof *av);
    size_t at = n;
    for (size_t a = 0; a < n; a++)
        if (strstr(av[a], "/harness/")) {
            at = a;
            break;
        }
    memmove(av + at + 1, av + at, (n - at + 1) * sizeof *av);
    av[at] = xstrdup(hid);
    return av;
}

static void grade_exercise(const grade_cfg *cfg, size_t i, int present, int slot,
                           const char *cc, const char *bindir, const char *run, g_exercise *ex,
                           int *fail, char **why)
{
    const sl_exercise *e = &cfg->m->exercises[i];
    ex->id = xstrdup(e->id);
    ex->bonus = e->optional;
    ex->checks = xcalloc(e->n_checks, sizeof *ex->checks);
    ex->max = 0;
    for (size_t j = 0; j < e->n_checks; j++)
        if (!e->checks[j].hidden || cfg->hidden)
            ex->max += e->checks[j].points;
    if (present == 0 || present == -1) {
        ex->state = EX_MISSING;
        ex->detail = present ? xstrdup(tr(cfg, "the file could not be read or is larger than 1 MiB",
                                          "文件无法读取或大于 1 MiB"))
                             : NULL;
        return;
    }
    char *rcf = xasprintf("%s/obj/%s.rc", cc, e->id), *logf = xasprintf("%s/obj/%s.log", cc, e->id);
    char *depf = xasprintf("%s/obj/%s.dep", cc, e->id);
    char *objf = xasprintf("%s/obj/%s.o", cc, e->id);
    char *rc = read_file(rcf, 64, 1, NULL), *log = read_file(logf, 1 << 20, 1, NULL);
    if (!log)
        log = xstrdup("");
    strip_all(log, "/scratch/src/");
    size_t olen = 0;
    unsigned char *obj = NULL;
    if (!rc || atoi(rc) != 0) {
        ex->state = EX_COMPILE_ERROR;
        ex->detail = cut(log, LOG_MAX, cfg->zh), log = NULL;
    } else if (check_deps(cfg, cc, depf, &ex->detail) != 0) {
        ex->state = EX_REJECTED;
    } else if (!(obj = (unsigned char *)read_file(objf, OBJ_MAX, 1, &olen))) {
        ex->state = EX_REJECTED;
        ex->detail = xstrdup(tr(cfg, "- the compiler left no usable object file",
                                "- 编译器没有生成可用的目标文件"));
    } else if (objcheck(obj, olen, e->function, cfg->zh, &ex->detail) != 0) {
        ex->state = EX_REJECTED;
    } else {
        /* Copy the checked bytes to a folder the sandbox cannot write, then link them. */
        char *safe = xasprintf("%s/%s.o", bindir, e->id), *bin = xasprintf("%s/%s-suite", bindir, e->id);
        char *out = NULL;
        int lrc = -1;
        if (write_file_atomic(safe, (const char *)obj, olen) == 0) {
            char **av = grade_link_argv(cfg, i, safe, bin);
            lrc = av ? sl_exec(av, NULL, 60, 256 * 1024, &out, NULL) : -1;
            sl_argv_free(av);
        }
        if (lrc != 0) {
            char msg[512] = "";
            ex->state = EX_LINK_ERROR;
            if (out && sl_explain_link_error(out, e->file, e->function, cfg->zh, msg, sizeof msg))
                ex->detail = xstrdup(msg);
            else
                ex->detail = cut(xstrdup(out ? out : "link failed"), LOG_MAX, cfg->zh);
        } else {
            chmod(bin, 0755);
            ex->state = EX_GRADED;
            if (run_suite(cfg, e, slot, bindir, run, ex, why) != 0)
                *fail = 1;
        }
        free(out), free(safe), free(bin);
    }
    free(rc), free(log), free(obj), free(rcf), free(logf), free(objf), free(depf);
}

/* Sandbox slots of a job: one per exercise (so that a fork bomb in one
 * exercise cannot starve another's process limit) and one for compiling. */
size_t grade_sandbox_slots(const sl_manifest *m)
{
    return m->n_exercises + 1;
}

/* One exercise in a child process (the exercises of a student run at the same
 * time: a suite run mostly waits on Criterion's process round trips).  The
 * result comes back as a one-exercise record in dir/result.tsv, or the
 * grader's own failure in dir/error. */
static pid_t spawn_exercise(const grade_cfg *cfg, size_t i, int present, int sslot,
                            const char *cc, const char *dir)
{
    pid_t parent = getpid(), pid = fork();
    if (pid != 0)
        return pid;
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    if (getppid() != parent)
        _exit(1);
    sbx_become_reaper();
    char *bindir = xasprintf("%s/bin", dir), *run = xasprintf("%s/run", dir);
    int fail = mkdir_p(bindir) != 0 || chmod(bindir, 0755) != 0;
    char *why = NULL;
    g_exercise ex = {0};
    if (!fail)
        grade_exercise(cfg, i, present, sslot, cc, bindir, run, &ex, &fail, &why);
    g_student one = {.student = "-", .ex = &ex, .n_ex = 1};
    char *text = fail ? xstrdup(why ? why : "failed") : record_format(&one);
    char *path = xasprintf("%s/%s", dir, fail ? "error" : "result.tsv");
    int ok = write_file_atomic(path, text, strlen(text)) == 0;
    _exit(ok && !fail ? 0 : 1);
}

int grade_submission(const grade_cfg *cfg, const submission *sub, int slot, g_student *out,
                     char **why)
{
    const sl_manifest *m = cfg->m;
    const int first = slot * (int)grade_sandbox_slots(m), cc_slot = first + (int)m->n_exercises;
    char *base = xasprintf("%s/slot%d", cfg->work_root, slot);
    char *cc = xasprintf("%s/cc", base);
    rm_tree(base);
    int fail = 0;
    *why = NULL;
    memset(out, 0, sizeof *out);
    out->student = xstrdup(sub->student);
    out->ex = xcalloc(m->n_exercises, sizeof *out->ex);
    out->n_ex = m->n_exercises;
    int *present = xcalloc(m->n_exercises, sizeof *present);
    pid_t *pids = xcalloc(m->n_exercises, sizeof *pids);
    for (size_t i = 0; i < m->n_exercises; i++) {
        struct stat st;
        present[i] = sub->files[i] && stat(sub->files[i], &st) == 0 && st.st_size > 0;
    }
    if (mkdir_p(base) != 0 || chmod(base, 0711) != 0 || sbx_prepare_scratch(cc, cc_slot) != 0
        || compile_all(cfg, sub, cc_slot, cc, present, why) != 0)
        fail = 1;
    for (size_t i = 0; !fail && i < m->n_exercises; i++) {
        char *dir = xasprintf("%s/ex%zu", base, i);
        mkdir_p(dir);
        chmod(dir, 0711);
        pids[i] = spawn_exercise(cfg, i, present[i], first + (int)i, cc, dir);
        fail |= pids[i] < 0;
        free(dir);
    }
    for (size_t i = 0; i < m->n_exercises; i++) {
        if (pids[i] <= 0)
            continue;
        int st;
        while (waitpid(pids[i], &st, 0) < 0 && errno == EINTR)
            ;
        char *res = xasprintf("%s/ex%zu/result.tsv", base, i), *err = xasprintf("%s/ex%zu/error", base, i);
        char *text = read_file(res, 64 << 20, 1, NULL);
        g_student one;
        if (!fail && text && WIFEXITED(st) && WEXITSTATUS(st) == 0 && record_parse(text, &one) == 0
            && one.n_ex == 1) {
            out->ex[i] = one.ex[0];
            one.n_ex = 0;
            record_free(&one);
        } else if (!fail) {
            fail = 1;
            char *e = read_file(err, 4096, 1, NULL);
            *why = e ? e : xasprintf("grading exercise %s stopped unexpectedly",
                                     m->exercises[i].id);
        }
        free(text), free(res), free(err);
    }
    while (waitpid(-1, NULL, WNOHANG) > 0)
        ;
    if (fail && !*why)
        *why = xasprintf("cannot prepare the folder %s", base);
    free(present), free(pids);
    if (!getenv("SL_GRADE_KEEP_WORK"))      /* for debugging the grader itself */
        rm_tree(base);
    free(base), free(cc);
    if (fail) {
        record_free(out);
        return -1;
    }
    return 0;
}

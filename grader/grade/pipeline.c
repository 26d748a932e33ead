/* pipeline.c — see pipeline.h.  Per job slot N, under work_root/slotN/
 * (emptied for each student):
 *   cc/            sources, objects, compiler logs (compile.h; compile uid)
 *   ex<i>/bin/     exercise i's checked object and linked check program
 *                  (grader-owned, bound read-only at /checks)
 *   ex<i>/run/     fresh scratch of its suite run (suite_run.h; exercise uid)
 *   ex<i>/result.tsv or error   what the exercise's child process reports
 * Results by object are shared through work_root/cache (cache.h). */
#include "pipeline.h"

#include "cache.h"
#include "compile.h"
#include "exec.h"
#include "lang.h"
#include "mc_build.h"
#include "objcheck.h"
#include "sandbox.h"
#include "suite_run.h"
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
    OBJ_MAX = 16 << 20,
    LOG_MAX = 16 * 1024         /* compiler messages kept in the feedback */
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

/* Faster links of the same objects: gold where installed (a third of bfd's
 * CPU time), no LTO plugin and no debug information copied (-S) unless the
 * kit was built with -flto; DT_RPATH $ORIGIN when libraries are put beside
 * the program (with_rpath). */
static char **speed_flags(const grade_cfg *cfg, char **av, int with_rpath)
{
    size_t n = 0;
    while (av && av[n])
        n++;
    const char *add[4];
    size_t k = 0;
    if (access("/usr/bin/ld.gold", X_OK) == 0)
        add[k++] = "-fuse-ld=gold";
    if (!strstr(cfg->tc.ldflags, "-flto"))
        add[k++] = "-fno-use-linker-plugin", add[k++] = "-Wl,-S";
    if (with_rpath && cfg->check_libs)
        add[k++] = "-Wl,--disable-new-dtags,-rpath,$ORIGIN";
    if (n < 2 || !k)
        return av;
    av = xrealloc(av, (n + k + 1) * sizeof *av);
    memmove(av + 1 + k, av + 1, n * sizeof *av);
    for (size_t j = 0; j < k; j++)
        av[1 + j] = xstrdup(add[j]);
    return av;
}

char **grade_link_argv(const grade_cfg *cfg, size_t i, const char *obj, const char *bin)
{
    return speed_flags(cfg, sl_link_argv(&cfg->tc, cfg->m->exercises[i].id, obj, bin), 0);
}

char **grade_judge_argv(const grade_cfg *cfg, size_t i, const char *bin)
{
    const char *hid = cfg->hidden_obj ? cfg->hidden_obj[i] : NULL;
    return speed_flags(cfg, sl_judge_argv(&cfg->tc, cfg->m->exercises[i].id, hid, bin), 1);
}

int grade_judge(const grade_cfg *cfg, size_t i, const char *dst, char **log)
{
    const char *id = cfg->m->exercises[i].id;
    char *dir = xasprintf("%s/judges", cfg->work_root), *judge = xasprintf("%s/%s-suite", dir, id);
    int rc = 0;
    if (access(judge, X_OK) != 0) {             /* first use in this run: link it */
        char *tmp = xasprintf("%s.%ld", judge, (long)getpid()), *out = NULL;
        char **av = grade_judge_argv(cfg, i, tmp);
        rc = mkdir_p(dir) != 0 || grade_put_check_libs(cfg, dir) != 0 || !av
                 ? -1 : sl_exec(av, NULL, 120, 64 * 1024, &out, NULL);
        sl_argv_free(av);
        if (rc == 0)
            rc = rename(tmp, judge);
        else if (log && !*log)
            *log = xasprintf("the checks of %s do not link: %.2000s", id, out ? out : "");
        unlink(tmp);
        free(tmp), free(out);
    }
    if (rc == 0) {
        unlink(dst);
        rc = link(judge, dst) == 0 || copy_file(judge, dst, 64 << 20) == 0 ? 0 : -1;
    }
    free(dir), free(judge);
    return rc;
}

int grade_put_check_libs(const grade_cfg *cfg, const char *dir)
{
    for (size_t k = 0; cfg->check_libs && cfg->check_libs[k]; k++) {
        const char *name = strrchr(cfg->check_libs[k], '/');
        char *dst = xasprintf("%s/%s", dir, name ? name + 1 : cfg->check_libs[k]);
        int rc = copy_file(cfg->check_libs[k], dst, OBJ_MAX);
        free(dst);
        if (rc != 0)
            return -1;
    }
    return 0;
}

/* The memory check's program <bindir>/<id>-memcheck, from the two sanitizer
 * builds of the compile sandbox (grader/memcheck/mc_build.h).  When it cannot
 * be made, the check `memory` fails with "not built". */
static void link_memcheck(const char *cc, const sl_exercise *e, const char *bindir)
{
    char *prefix = xasprintf("%s/obj/%s-mc", cc, e->id), *mbin = xasprintf("%s/%s-memcheck", bindir, e->id);
    char *log = NULL;
    if (mc_link_compiled(e->function, prefix, mbin, &log) == 0)
        chmod(mbin, 0755);
    else
        unlink(mbin);
    free(log), free(prefix), free(mbin);
}

/* Copies the checked bytes of exercise i to a folder the sandbox cannot
 * write, links them into the worker beside the exercise's judge and runs the
 * judge (suite_run.h); fills ex, or sets *fail (the grader's own failure). */
static void link_and_run(const grade_cfg *cfg, size_t i, int slot, const unsigned char *obj,
                         size_t olen, const char *bindir, const char *run, g_exercise *ex,
                         int *fail, char **why)
{
    const sl_exercise *e = &cfg->m->exercises[i];
    char *safe = xasprintf("%s/%s.o", bindir, e->id), *bin = xasprintf("%s/%s-worker", bindir, e->id);
    char *judge = xasprintf("%s/%s-suite", bindir, e->id);
    char *out = NULL;
    int lrc = -1;
    if (grade_judge(cfg, i, judge, why) != 0 || grade_put_check_libs(cfg, bindir) != 0) {
        *fail = 1;
    } else if (write_file_atomic(safe, (const char *)obj, olen) == 0) {
        char **av = grade_link_argv(cfg, i, safe, bin);
        lrc = av ? sl_exec(av, NULL, 60, 256 * 1024, &out, NULL) : -1;
        sl_argv_free(av);
    }
    free(judge);
    if (out) {
        char *prefix = xasprintf("%s/", bindir);
        str_strip_all(out, prefix);         /* no grader paths in the feedback */
        free(prefix);
    }
    if (*fail) {
        /* the grader's own failure: reported by the caller */
    } else if (lrc != 0) {
        char msg[512] = "";
        ex->state = EX_LINK_ERROR;
        if (out && sl_explain_link_error(out, e->file, e->function, cfg->zh, msg, sizeof msg))
            ex->detail = xstrdup(msg);
        else
            ex->detail = str_cut(xstrdup(out ? out : "link failed"), LOG_MAX, cfg->zh);
    } else {
        chmod(bin, 0755);
        ex->state = SL_EX_FAIL;        /* until the checks decide (suite_run) */
        if (suite_run(cfg, e, slot, bindir, run, ex, why) != 0)
            *fail = 1;
    }
    free(out), free(safe), free(bin);
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
        ex->detail = present ? xstrdup(sl_tr(cfg->zh, "the file could not be read or is larger than 1 MiB",
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
    str_strip_all(log, "/scratch/src/");
    size_t olen = 0;
    unsigned char *obj = NULL;
    if (!rc || atoi(rc) != 0) {
        ex->state = EX_COMPILE_ERROR;
        ex->detail = str_cut(log, LOG_MAX, cfg->zh), log = NULL;
    } else if (compile_check_deps(cfg, cc, depf, &ex->detail) != 0) {
        ex->state = EX_REJECTED;
    } else if (!(obj = (unsigned char *)read_file(objf, OBJ_MAX, 1, &olen))) {
        ex->state = EX_REJECTED;
        ex->detail = xstrdup(sl_tr(cfg->zh, "- the compiler left no usable object file",
                                "- 编译器没有生成可用的目标文件"));
    } else if (objcheck(obj, olen, e->function, cfg->zh, &ex->detail) != 0) {
        ex->state = EX_REJECTED;
    } else if (cache_load(cfg, e->id, obj, olen, ex) == 0) {
        /* the same object was graded before in this run: the same result */
    } else {
        link_memcheck(cc, e, bindir);
        link_and_run(cfg, i, slot, obj, olen, bindir, run, ex, fail, why);
        if (!*fail)
            cache_store(cfg, e->id, obj, olen, ex);
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
        || compile_submission(cfg, sub, cc_slot, cc, present, why) != 0)
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

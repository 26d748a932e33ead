/* runner.c — compile, link, run and parse one exercise (contract: runner.h). */
#include "runner.h"

#include "exec.h"
#include "mc_build.h"
#include "status.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { SUITE_OUTPUT_MAX = 64 * 1024 };

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Modification time in seconds (with nanoseconds), or −1 when missing. */
static double mtime(const char *path)
{
    struct stat st;
    if (!path || stat(path, &st) != 0)
        return -1;
    return (double)st.st_mtim.tv_sec + st.st_mtim.tv_nsec * 1e-9;
}

/* 1 when target is missing or older than any of the existing deps. */
static int stale(const char *target, const char *const deps[], size_t n)
{
    double t = mtime(target);
    if (t < 0)
        return 1;
    for (size_t i = 0; i < n; i++)
        if (mtime(deps[i]) >= t)
            return 1;
    return 0;
}

/* "path mtime size" of a source file: the identity of what was compiled,
 * so that a file swapped for an older one (cp -p, a backup) is recompiled
 * even though it is not newer than the object. */
static void source_stamp(const char *path, char *out, size_t len)
{
    struct stat st;
    if (stat(path, &st) != 0)
        snprintf(out, len, "%s missing", path);
    else
        snprintf(out, len, "%s %lld.%09ld %lld", path, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
                 (long long)st.st_size);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n + 1 >= cap) {
            char *nb = realloc(buf, cap = cap ? 2 * cap : 16384);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        if (!got)
            break;
        n += got;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

__attribute__((format(printf, 2, 3))) static int set_log(sl_run *r, const char *fmt, ...)
{
    char msg[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    free(r->log);
    return (r->log = strdup(msg)) ? 0 : -1;
}

/* Keeps the first line of a sanitizer report found in the suite's output
 * (only sanitizer builds produce one). */
static void note_sanitizer(sl_run *r, const char *output)
{
    static const char *const marks[] = {"runtime error: ", "ERROR: AddressSanitizer: ", "ERROR: LeakSanitizer: "};
    const char *best = NULL;
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        const char *hit = strstr(output, marks[i]);
        if (hit && (!best || hit < best))
            best = hit;
    }
    if (!best)
        return;
    while (best > output && best[-1] != '\n')
        best--;
    snprintf(r->sanitizer, sizeof r->sanitizer, "%.*s", (int)strcspn(best, "\n"), best);
}

/* The check `memory` runs the memory-check program <work>/<id>-memcheck
 * (grader/memcheck/mc_build.h): built here, only when the source changed.
 * If it cannot be built, it is removed, and that check says so. */
static void build_memcheck(const char *function, const char *src, const char *mbin)
{
    char *log = NULL;
    if (mc_build(function, src, mbin, &log) != 0)
        unlink(mbin);
    free(log);
}

/* Runs the judge with the worker (and the memory-check program) and reads
 * its records into r. */
static int run_suite(const sl_run_opts *o, const char *id, const char *judge, const char *worker,
                     const char *memcheck, sl_run *r)
{
    char results[4096], results_env[4200], worker_env[4200], memcheck_env[4300];
    snprintf(results, sizeof results, "%s/%s.results", o->work_dir, id);
    snprintf(results_env, sizeof results_env, "SL_RESULTS=%s", results);
    snprintf(worker_env, sizeof worker_env, "SL_WORKER=%s", worker);
    snprintf(memcheck_env, sizeof memcheck_env, "SL_MEMCHECK_BIN=%s", memcheck);
    unlink(results);
    char *argv[] = {(char *)judge, "--color=never", NULL};
    char *env[] = {worker_env, results_env, memcheck_env, NULL};
    char *output = NULL;
    int rc = sl_exec(argv, env, o->timeout_s > 0 ? o->timeout_s : 120, SUITE_OUTPUT_MAX, &output, NULL);
    if (!output)
        return -1;
    size_t len = 0;
    /* The records count only when the judge ended by itself (Criterion: 0 all
     * passed, 1 some failed): a judge stopped by the time limit leaves some. */
    char *text = rc == 0 || rc == 1 ? read_file(results, &len) : NULL;
    char err[256];
    if (!text || sl_results_parse(text, len, id, &r->results, err, sizeof err) != 0 || r->results.n == 0) {
        sl_suite_results_free(&r->results);
        free(text);
        r->state = SL_EX_RUN_FAILED;
        free(r->log);
        r->log = output;
        if (rc == SL_EXEC_TIMED_OUT)
            r->stopped_after = o->timeout_s > 0 ? o->timeout_s : 120;
        return 0;
    }
    note_sanitizer(r, output);
    free(output);
    free(text);
    r->state = SL_EX_FAIL;
    return 0;
}

/* Compiles src into obj unless obj is up to date (the same source, newer
 * than it, the header and this program); r->log gets the compiler's messages
 * (saved in logf for the next run).  1 compiled or up to date, 0 the compiler
 * refused (r->state says so), −1 out of memory. */
static int compile_if_stale(const sl_run_opts *o, const sl_toolchain *tc, const char *src,
                            const char *obj, const char *logf, const char *stampf,
                            const char *stamp, const char *self, sl_run *r)
{
    const char *obj_deps[] = {src, o->header, self[0] ? self : NULL};
    size_t slen = 0;
    char *old_stamp = read_file(stampf, &slen);
    int same_source = old_stamp && strcmp(old_stamp, stamp) == 0;
    free(old_stamp);
    if (same_source && !stale(obj, obj_deps, 3)) {
        char *saved = read_file(logf, &slen);
        if (saved) {
            free(r->log);
            r->log = saved;
        }
        return 1;
    }
    free(r->log);
    int rc = sl_compile_student(tc, src, obj, 0, &r->log);
    if (!r->log)
        return -1;
    r->compiled = 1;
    write_file(logf, r->log);
    write_file(stampf, rc == 0 ? stamp : "");
    if (rc == 0)
        return 1;
    r->state = rc > 0 ? SL_EX_COMPILE_ERROR : SL_EX_INTERNAL;
    return 0;
}

int sl_run_exercise(const sl_run_opts *o, const char *id, const char *src, const char *function,
                    sl_run *out)
{
    double t0 = now();
    sl_toolchain def = sl_toolchain_default();
    const sl_toolchain *tc = o->tc ? o->tc : &def;
    sl_run r = {.state = SL_EX_INTERNAL};
    if (!(r.log = strdup("")))
        return -1;
    char obj[4096], logf[4096], bin[4096], judge[4096], harness[4096], worker_obj[4096], self[4096];
    char stampf[4096], stamp[4200];
    snprintf(obj, sizeof obj, "%s/%s.o", o->work_dir, id);
    snprintf(logf, sizeof logf, "%s/%s.log", o->work_dir, id);
    snprintf(bin, sizeof bin, "%s/%s-worker", o->work_dir, id);
    snprintf(stampf, sizeof stampf, "%s/%s.stamp", o->work_dir, id);
    source_stamp(src, stamp, sizeof stamp);
    snprintf(judge, sizeof judge, "%s/judge/%s", tc->build_dir, id);
    snprintf(harness, sizeof harness, "%s/harness/%s.a", tc->build_dir, id);
    snprintf(worker_obj, sizeof worker_obj, "%s/obj/grader/worker/worker.o", tc->build_dir);
    ssize_t sl = readlink("/proc/self/exe", self, sizeof self - 1);
    self[sl > 0 ? sl : 0] = '\0';

    if (access(src, R_OK) != 0) {
        r.state = SL_EX_MISSING;
    } else if (sl_make_dirs(o->work_dir) != 0) {
        if (set_log(&r, "cannot create the folder %s", o->work_dir) != 0)
            goto oom;
    } else if (access(judge, X_OK) != 0 || access(harness, R_OK) != 0 || access(worker_obj, R_OK) != 0) {
        if (set_log(&r, "the checks for this exercise are not built (%s is missing): run make first",
                    access(judge, X_OK) != 0 ? judge : access(harness, R_OK) != 0 ? harness : worker_obj) != 0)
            goto oom;
    } else {
        int ok = compile_if_stale(o, tc, src, obj, logf, stampf, stamp, self, &r);
        if (ok < 0)
            goto oom;
        char filter_obj[4096];
        snprintf(filter_obj, sizeof filter_obj, "%s/obj/grader/worker/filter.o", tc->build_dir);
        const char *bin_deps[] = {obj, harness, worker_obj, filter_obj};
        if (ok && stale(bin, bin_deps, 4)) {
            char *link_log = NULL;
            int rc = sl_link_worker(tc, id, obj, bin, 0, &link_log);
            if (!link_log)
                goto oom;
            if (rc != 0) {
                free(r.log);
                r.log = link_log;
                r.state = rc > 0 ? SL_EX_LINK_ERROR : SL_EX_INTERNAL;
                if (rc > 0)
                    sl_explain_link_error(link_log, src, function, o->zh, r.explained, sizeof r.explained);
                ok = 0;
            } else {
                free(link_log);
            }
        }
        char mbin[4200];
        snprintf(mbin, sizeof mbin, "%s/%s-memcheck", o->work_dir, id);
        if (ok)
            build_memcheck(function, src, mbin);
        if (ok && run_suite(o, id, judge, bin, mbin, &r) != 0)
            goto oom;
    }
    r.seconds = now() - t0;
    *out = r;
    return 0;
oom:
    sl_run_free(&r);
    return -1;
}

void sl_run_free(sl_run *r)
{
    free(r->log);
    r->log = NULL;
    sl_suite_results_free(&r->results);
}

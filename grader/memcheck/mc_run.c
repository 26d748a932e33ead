/* mc_run.c — run the memory-check program, read what it found (contract:
 * mc_run.h). */
#include "mc_run.h"

#include "exec.h"
#include "mc_explain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { OUTPUT_MAX = 256 * 1024, RECORDS_MAX = 256 * 1024 };

char *const *mc_run_env(void)
{
    static char *const env[] = {
        "ASAN_OPTIONS=symbolize=0:detect_leaks=0:halt_on_error=1:abort_on_error=0:exitcode=86:"
        "print_legend=0:color=never:allocator_may_return_null=1:max_allocation_size_mb=1024:"
        "detect_stack_use_after_return=1:detect_odr_violation=0:verify_asan_link_order=0:"
        "handle_segv=1:handle_abort=1:allow_user_segv_handler=0",
        "UBSAN_OPTIONS=symbolize=0:print_stacktrace=1:halt_on_error=1:color=never", NULL};
    return env;
}

static char *slurp(const char *path, size_t max)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(max + 1);
    size_t n = buf ? fread(buf, 1, max, f) : 0;
    fclose(f);
    if (buf)
        buf[n] = '\0';
    return buf;
}

/* "path:line:col: rest" → path (cut in place), line, rest; 0 when not. */
static int split_diag(char *l, int *line, const char **rest)
{
    char *m = strstr(l, ": warning: ");
    if (!m)
        m = strstr(l, ": note: ");
    if (!m)
        return 0;
    *m = '\0';
    *rest = m + 2;
    char *c2 = strrchr(l, ':');
    if (!c2)
        return 0;
    *c2 = '\0';
    char *c1 = strrchr(l, ':');
    if (!c1)
        return 0;
    *c1 = '\0';
    *line = atoi(c1 + 1);
    return 1;
}

/* The compiler's warning that a variable of the student's file src may be
 * used uninitialised, from the build log <bin>.log: the variable and the
 * line that declares it (else the warning's line) go into r. */
static void uninit_warning(const char *bin, const char *src, mc_report *r)
{
    char path[4200];
    snprintf(path, sizeof path, "%s.log", bin);
    char *log = slurp(path, 64 * 1024);
    for (char *l = log, *nl; l && *l; l = nl ? nl + 1 : l + strlen(l)) {
        if ((nl = strchr(l, '\n')))
            *nl = '\0';
        int line;
        const char *rest;
        if (!split_diag(l, &line, &rest) || !mc_same_file(l, src))
            continue;
        size_t vl = strlen(r->uninit_var);
        if (!r->uninit_line && strncmp(rest, "warning: '", 10) == 0 && strstr(rest, " used uninitialized")) {
            snprintf(r->uninit_var, sizeof r->uninit_var, "%.*s", (int)strcspn(rest + 10, "'"), rest + 10);
            r->uninit_line = line;
        } else if (r->uninit_line && strncmp(rest, "note: '", 7) == 0 && strncmp(rest + 7, r->uninit_var, vl) == 0
                   && strncmp(rest + 7 + vl, "' was declared here", 19) == 0) {
            r->uninit_line = line;
            break;
        }
    }
    free(log);
}

static const char *fn_name(const char *exercise)
{
    const char *f = mc_function(exercise);
    return f ? f : exercise;
}

/* Reads what the run found into res: pass, stub, or the failure's words. */
static void interpret(const char *bin, const char *exercise, const char *records, int rc, int zh, mc_result *res)
{
    mc_report *r = &res->report;
    mc_report_parse(records, res->raw, rc == 0, r);
    if (r->kind == MC_CLEAN) {
        res->status = MC_PASS;
        return;
    }
    if (r->kind == MC_NOT_IMPLEMENTED) {
        res->status = MC_STUB;
        snprintf(res->head, sizeof res->head, "%s", r->not_implemented);
        return;
    }
    res->status = MC_FAIL;
    /* the student's file is the one that holds their function */
    mc_place fn = {0};
    if (r->fn_pc)
        mc_symbolize(bin, &r->fn_pc, 1, NULL, &fn);
    if (r->kind == MC_UNINIT && !r->uninit_heap && fn.file[0])
        uninit_warning(bin, fn.file, r);
    mc_where w;
    mc_locate(r, bin, fn.file[0] ? fn.file : "", &w);
    const char *file = fn.file[0] ? fn.file : exercise;
    mc_words(r, &w, file, fn_name(exercise), zh, res->head, sizeof res->head, res->detail, sizeof res->detail);
    if (rc == SL_EXEC_TIMED_OUT && r->kind == MC_INCOMPLETE)
        snprintf(res->head, sizeof res->head, zh ? "%s() 在内存检查中超时（死循环？）" : "%s() ran out of time in the memory check (an endless loop?)",
                 fn_name(exercise));
}

int mc_run(const char *bin, const char *exercise, double timeout_s, int zh, mc_result *res)
{
    memset(res, 0, sizeof *res);
    const char *tmp = getenv("TMPDIR");
    char rec[4096];
    snprintf(rec, sizeof rec, "%s/sl-memcheck-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(rec);
    if (fd < 0) {
        res->status = MC_INTERNAL;
        snprintf(res->head, sizeof res->head, "cannot create a temporary file in %s", tmp && *tmp ? tmp : "/tmp");
        return (res->raw = strdup("")) ? 0 : -1;
    }
    close(fd);
    char *argv[] = {(char *)bin, (char *)exercise, rec, NULL};
    int rc = sl_exec(argv, mc_run_env(), timeout_s, OUTPUT_MAX, &res->raw, NULL);
    char *records = slurp(rec, RECORDS_MAX);
    unlink(rec);
    if (!res->raw) {
        free(records);
        return -1;
    }
    if (rc == SL_EXEC_NOT_STARTED) {
        res->status = MC_INTERNAL;
        snprintf(res->head, sizeof res->head, "the memory-check program %s did not start: %.300s", bin, res->raw);
    } else {
        interpret(bin, exercise, records, rc, zh, res);
    }
    free(records);
    return 0;
}

void mc_result_free(mc_result *res)
{
    free(res->raw);
    res->raw = NULL;
}

/* selfcheck.c — see selfcheck.h.  The exercises are checked at the same time
 * (one child process each); each writes its verdict to dir/<id>.why when it
 * fails. */
#include "selfcheck.h"

#include "exec.h"
#include "results.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* One exercise: NULL when the reference passes every expected check. */
static char *check_one(const grade_cfg *cfg, size_t i, const char *dir)
{
    const sl_exercise *e = &cfg->m->exercises[i];
    char *obj = xasprintf("%s/obj/reference/%s.o", cfg->tc.build_dir, e->id);
    char *bin = xasprintf("%s/%s-suite", dir, e->id), *tap = xasprintf("%s/%s.results", dir, e->id);
    char *worker = xasprintf("%s/%s-worker", dir, e->id), *worker_env = xasprintf("SL_WORKER=%s", worker);
    /* the check `memory`: the reference's program, built by make (grader/memcheck/memcheck.mk) */
    char *memcheck_env = xasprintf("SL_MEMCHECK_BIN=%s/memcheck/ref/memcheck-%s", cfg->tc.build_dir, e->id);
    char *tap_arg = xasprintf("SL_RESULTS=%s", tap), *out = NULL, *why = NULL;
    char **link = grade_link_argv(cfg, i, obj, worker);
    int rc = link ? sl_exec(link, NULL, 120, 64 * 1024, &out, NULL) : -1;
    sl_argv_free(link);
    if (rc == 0 && grade_judge(cfg, i, bin, &why) != 0)
        goto done;
    if (rc != 0) {
        why = xasprintf("the reference of `%s` does not link with its checks (%s): %.2000s", e->id,
                        obj, out ? out : "");
        goto done;
    }
    free(out), out = NULL;
    char *run[] = {bin, "--color=never", NULL}, *env[] = {worker_env, tap_arg, memcheck_env, NULL};
    unlink(tap);
    /* the kit's own integrity, not a student's limit: a loaded machine must
     * not make the reference look broken */
    sl_exec(run, env, cfg->suite_wall_s > 60 ? cfg->suite_wall_s : 60, 64 * 1024, &out, NULL);
    size_t len = 0;
    char *text = read_file(tap, 4 << 20, 1, &len), err[256] = "";
    sl_suite_results res = {0};
    if (!text || sl_results_parse(text, len, e->id, &res, err, sizeof err) != 0) {
        why = xasprintf("the checks of `%s` left no report when run on the reference: %.2000s",
                        e->id, out ? out : "");
    } else {
        sb_t bad = {0};
        for (size_t j = 0; j < e->n_checks; j++) {
            if (e->checks[j].hidden && !cfg->hidden)
                continue;
            const sl_check_result *r = sl_suite_results_find(&res, e->checks[j].id);
            if (!r || r->outcome != SL_CHECK_PASS)
                sb_printf(&bad, " %s%s", e->checks[j].id, r ? "" : " (not in the suite)");
        }
        if (bad.len)
            why = xasprintf("the reference of `%s` fails its own checks:%s", e->id, sb_cstr(&bad));
        sb_free(&bad);
    }
    sl_suite_results_free(&res);
    free(text);
done:
    free(obj), free(bin), free(tap), free(tap_arg), free(out), free(worker), free(worker_env), free(memcheck_env);
    return why;
}

int selfcheck_reference(const grade_cfg *cfg, const char *dir, char **why)
{
    const sl_manifest *m = cfg->m;
    *why = NULL;
    if (mkdir_p(dir) != 0 || grade_put_check_libs(cfg, dir) != 0) {
        *why = xasprintf("cannot create %s", dir);
        return -1;
    }
    pid_t *pids = xcalloc(m->n_exercises, sizeof *pids);
    for (size_t i = 0; i < m->n_exercises; i++) {
        pids[i] = fork();
        if (pids[i] == 0) {
            char *w = check_one(cfg, i, dir);
            if (w) {
                char *path = xasprintf("%s/%s.why", dir, m->exercises[i].id);
                write_file_atomic(path, w, strlen(w));
            }
            _exit(w ? 1 : 0);
        }
    }
    sb_t all = {0};
    for (size_t i = 0; i < m->n_exercises; i++) {
        int st = 0;
        if (pids[i] > 0)
            while (waitpid(pids[i], &st, 0) < 0 && errno == EINTR)
                ;
        if (pids[i] > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0)
            continue;
        char *path = xasprintf("%s/%s.why", dir, m->exercises[i].id);
        char *w = read_file(path, 1 << 16, 1, NULL);
        sb_printf(&all, "%s%s", all.len ? "\n" : "",
                  w ? w : "the self-check of an exercise stopped unexpectedly");
        free(w), free(path);
    }
    free(pids);
    if (!all.len)
        return 0;
    *why = xstrdup(sb_cstr(&all));
    sb_free(&all);
    return -1;
}

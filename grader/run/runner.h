/* runner.h — check one exercise of one student (make check): compile the
 * student's file, link it into the exercise's worker, run the exercise's
 * judge (BUILD/judge/<id>) with it and read the judge's records
 * (results.h).  The grader takes the same steps in its sandbox.
 *
 * Files, all in work_dir (created if needed; make check uses build/check-work):
 *   <id>.o  <id>.log (compiler messages)  <id>.stamp  <id>-worker  <id>.results
 * The object is recompiled only when it is older than the source, the
 * contract header or the program itself, or the source is not the file it was
 * compiled from (path, mtime and size kept in <id>.stamp); the worker is
 * relinked only when older than the object, the harness or the worker's own
 * objects.  So re-checking after editing one file compiles exactly that file. */
#ifndef SL_RUNNER_H
#define SL_RUNNER_H

#include "build.h"
#include "results.h"

typedef struct {
    sl_ex_outcome state;    /* SL_EX_FAIL when the checks ran (the verdict is then
                               sl_verdict_of()'s, from results), else why not:
                               MISSING (no file), COMPILE_ERROR (log = the compiler's
                               messages), LINK_ERROR (log = the linker's; explained =
                               one sentence, or ""), RUN_FAILED (the judge left no
                               records; log = its output), INTERNAL (log says why) */
    char *log;              /* see above; for SL_RUN_OK the compiler's warnings (maybe "") */
    char explained[512];
    char sanitizer[512];    /* first sanitizer report line of the run ("…: runtime error: …",
                               "ERROR: AddressSanitizer: …"), or "" */
    sl_suite_results results;
    int compiled;           /* 1 when the file was (re)compiled in this run */
    double seconds;         /* wall time of compile + link + run */
    double stopped_after;   /* SL_RUN_NO_REPORT: > 0 when the whole run hit timeout_s */
} sl_run;

typedef struct {
    const sl_toolchain *tc;     /* NULL: sl_toolchain_default() */
    const char *work_dir;
    const char *header;         /* contract header (staleness), may be NULL */
    double timeout_s;           /* limit for the whole suite run */
    int zh;                     /* language of `explained` */
} sl_run_opts;

/* Runs exercise `id` on the source file src (whose exercise function is
 * `function`).  Returns 0 with *out filled (free with sl_run_free) — even
 * when the student's code failed — or −1 only when out of memory. */
int sl_run_exercise(const sl_run_opts *o, const char *id, const char *src, const char *function,
                    sl_run *out);

void sl_run_free(sl_run *r);

#endif

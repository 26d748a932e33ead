/* pipeline.h — grade one student: for each exercise of the manifest, in
 * isolation, compile the student's file in a sandbox that sees only that
 * file and the contract header (never the reference or the hidden checks),
 * inspect the object (objcheck.h), link it into the exercise's worker, run
 * the exercise's judge (its suite, the hidden checks if any, no student
 * code) in a sandbox with limits; the judge calls the student's function in
 * the worker (grader/worker/README.md) and decides.  Results come from the
 * judge's report, never from the worker. */
#ifndef SL_GRADE_PIPELINE_H
#define SL_GRADE_PIPELINE_H

#include "build.h"
#include "manifest.h"
#include "record.h"

typedef struct {
    const sl_manifest *m;
    sl_toolchain tc;            /* compiler and harness folder (build.h) */
    char **headers;             /* host paths of the headers a student file may include
                                   with quotes (softmax_lab.h, …), NULL-terminated */
    char **hidden_obj;          /* per manifest exercise: compiled hidden checks, or NULL */
    int hidden;                 /* grading with a hidden folder: hidden checks count */
    const char *work_root;      /* private folder for scratch space (absolute) */
    int zh;                     /* language of the messages */
    double test_timeout_s;      /* per check (Criterion --timeout) */
    double suite_wall_s;        /* per exercise run */
    double suite_cpu_s;
    long mem_mb;
    char **check_libs;          /* libraries put beside each check program, found first by
                                   the loader (kit_check_libs), or NULL */
} grade_cfg;

/* The files of one submission: per manifest exercise a host path or NULL. */
typedef struct {
    char *student;
    char **files;               /* m->n_exercises entries (owned) */
    size_t n_files;
    char *note;                 /* problem with the submission as a whole, or NULL */
} submission;

/* The command that links object `obj` into exercise i's worker `bin` (the
 * checker's worker link, with gold when installed).  Free with sl_argv_free. */
char **grade_link_argv(const grade_cfg *cfg, size_t i, const char *obj, const char *bin);

/* The command that links exercise i's judge `bin`: its suite, the hidden
 * checks when grading with them, the proxy and the harness (DT_RPATH $ORIGIN
 * when cfg->check_libs are to be put beside it). */
char **grade_judge_argv(const grade_cfg *cfg, size_t i, const char *bin);

/* Puts exercise i's judge at dst (a hard link, or a copy, of the one linked
 * at the first use in this run under work_root/judges).  0, or −1 with
 * *log (when NULL before) saying why. */
int grade_judge(const grade_cfg *cfg, size_t i, const char *dst, char **log);

/* Copies cfg->check_libs into dir, where a check program linked by
 * grade_link_argv finds them (DT_RPATH $ORIGIN).  0 or −1. */
int grade_put_check_libs(const grade_cfg *cfg, const char *dir);

/* How many sandbox slots (uids, sbx_claim_slots) one job slot uses. */
size_t grade_sandbox_slots(const sl_manifest *m);

/* Grades sub in job slot `slot` (≥ 0; slots must not run concurrently).
 * Fills *out (free with record_free).  0, or −1 when the grader itself
 * failed (sandbox would not start, disk full): then *why says so. */
int grade_submission(const grade_cfg *cfg, const submission *sub, int slot, g_student *out,
                     char **why);

void submission_free(submission *s);

#endif

/* batch.h — grade a class: a pool of `jobs` child processes, one student
 * each (job slot = sandbox slot group), progress on stderr (a bar on a
 * terminal, one plain line per student otherwise), per-student files written
 * by the child (feedback.md, results.json, autolab.json, and grade.tsv last,
 * atomically: its presence marks the student done, so a killed run resumes),
 * then the class files from every student's grade.tsv. */
#ifndef SL_GRADE_BATCH_H
#define SL_GRADE_BATCH_H

#include "collect.h"
#include "pipeline.h"

typedef struct {
    const char *out;            /* results folder (exists) */
    int jobs;                   /* ≥ 1 */
    int force;                  /* regrade students already done in out */
    int quiet;                  /* no progress output */
    int autolab;                /* print the Autolab lines */
    const char *sandbox;        /* description of the sandbox mode, for the banner */
} batch_opts;

/* Grades the students of cl not yet done in o->out (all with force).
 * *graded = how many were graded in this run (finished, not failed).  0 when every one of them was
 * graded; −1 when the grader failed for one or was interrupted (SIGINT,
 * SIGTERM: the running jobs are stopped, finished students stay done). */
int batch_grade(const grade_cfg *cfg, const batch_opts *o, const class_list *cl, size_t *graded);

/* 1 once a SIGINT or SIGTERM stopped batch_grade() (the run is resumable). */
int batch_interrupted(void);

/* Writes grades.csv, summary.md and summary.csv from the records of cl's
 * students (and prints the Autolab lines when asked).  0, or −1 when a
 * record is missing or a file cannot be written. */
int batch_write_class_files(const grade_cfg *cfg, const batch_opts *o, const class_list *cl);

#endif

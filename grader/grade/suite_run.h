/* suite_run.h — run one exercise's linked check program in the sandbox and
 * read its results.  The results come only from the TAP report the runner
 * writes (--tap=/scratch/report.tap), and only when the runner ended
 * normally (exit status 0 or 1: no signal, no time or output limit) and the
 * report is a fresh regular file of sane size; never from the exit status or
 * the output.  Crash signals per check come from the crash notes.  When the
 * run is not trusted, every check is "not run" and ex->detail says why
 * (output flood, time limit, killed by a signal, early exit, no report). */
#ifndef SL_GRADE_SUITE_RUN_H
#define SL_GRADE_SUITE_RUN_H

#include "pipeline.h"

/* Runs bindir/<e->id>-suite (bound read-only at /checks) with the fresh
 * scratch folder `run`, in sandbox slot `slot`; fills ex->checks (capacity
 * e->n_checks), ex->points and, when the run is not trusted, ex->state and
 * ex->detail.  0, or −1 with *why when the sandbox could not start. */
int suite_run(const grade_cfg *cfg, const sl_exercise *e, int slot, const char *bindir,
              const char *run, g_exercise *ex, char **why);

#endif

/* selfcheck.h — before grading anyone, the grader grades the reference: each
 * exercise's reference object is linked exactly like a student's and run;
 * every check of the manifest (hidden ones too when grading with them) must
 * pass.  A suite, harness or hidden check that is stale or broken would
 * otherwise cost every student points: this turns it into "grader failed". */
#ifndef SL_GRADE_SELFCHECK_H
#define SL_GRADE_SELFCHECK_H

#include "pipeline.h"

/* Runs the self-check in dir (scratch, created).  0 when the reference passes
 * everything; −1 with a malloc'ed explanation in *why otherwise. */
int selfcheck_reference(const grade_cfg *cfg, const char *dir, char **why);

#endif

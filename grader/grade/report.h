/* report.h — the per-student outputs, built from a grade record and the
 * manifest (titles, hints) in the chosen language:
 *   feedback.md   per exercise: points, what happened (compile error with the
 *                 compiler's message, rejected object with the reasons, crash,
 *                 timeout, output flood), each failed check with its diagnosis
 *                 and the first hint; hidden checks as "N hidden checks not
 *                 shown" only;
 *   results.json  Gradescope's autograder schema (score, tests[] with name,
 *                 score, max_score, status, output, visibility; hidden checks
 *                 with visibility "hidden" and no content);
 *   Autolab       one line {"scores": {"<exercise>": points, …}}. */
#ifndef SL_GRADE_REPORT_H
#define SL_GRADE_REPORT_H

#include "manifest.h"
#include "record.h"

/* Each returns malloc'ed text.  note: a remark about the submission as a
 * whole (symlinks, damaged archive), or NULL. */
char *report_feedback_md(const sl_manifest *m, const g_student *r, const char *note, int zh);
char *report_gradescope_json(const sl_manifest *m, const g_student *r, const char *note, int zh);
char *report_autolab_line(const g_student *r);

/* One line for an exercise's state ("compile error", "not implemented", …). */
const char *report_state_text(const g_exercise *e, int zh);

#endif

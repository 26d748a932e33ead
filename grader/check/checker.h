/* checker.h — the student checker (build/check, `make check` / `make hint`):
 * shared pieces of its three files.  check.c runs exercises and sums up,
 * report.c draws one exercise's result, hint.c shows hints. */
#ifndef SL_CHECKER_H
#define SL_CHECKER_H

#include "manifest.h"
#include "runner.h"
#include "status.h"

#include <stdio.h>

/* snprintf/fprintf with an English or a Chinese literal format. */
#define TR_FPRINTF(f, zh, en, zh_fmt, ...) \
    ((zh) ? fprintf((f), zh_fmt, __VA_ARGS__) : fprintf((f), en, __VA_ARGS__))

/* How to print: language and colour (colour only on a tty without NO_COLOR). */
typedef struct {
    FILE *out;
    int zh, color;
} sl_out;

/* Colours (empty strings when o->color is 0). */
const char *sl_c_pass(const sl_out *o);
const char *sl_c_fail(const sl_out *o);
const char *sl_c_skip(const sl_out *o);
const char *sl_c_bold(const sl_out *o);
const char *sl_c_off(const sl_out *o);

/* The verdict of one run against the manifest's checks. */
typedef struct {
    sl_ex_outcome state;    /* PASS, FAIL, NOT_IMPLEMENTED, or why the checks did not run */
    int points, max;        /* visible (non-hidden) checks only */
    size_t n_hidden;        /* checks graded by the instructor only */
} sl_verdict;

/* Pure: what `run` means for exercise ex — the counted (visible) checks
 * decide through sl_ex_decide(). */
sl_verdict sl_verdict_of(const sl_exercise *ex, const sl_run *run);

/* Prints the result of one exercise.  src is the path shown to the student
 * (e.g. "student/softmax.c"); progress is "[2/5] " or "". */
void sl_report_exercise(const sl_out *o, const sl_exercise *ex, const char *src, const sl_run *run,
                        const sl_verdict *v, const char *progress);

/* `make hint EX=id`: shows hints 1..N where N grows by one per call, kept in
 * hints_dir/<id>.  Returns 0, or 1 when the progress cannot be saved. */
int sl_hint_show(const sl_out *o, const sl_exercise *ex, const char *hints_dir);

#endif

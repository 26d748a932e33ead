/* results.h — the outcome of running one exercise's judge: per check, the
 * record its run wrote (grader/lib/check.c, "the check's record").  Shared
 * by the student checker (make check) and the instructor grader.
 *
 * The judge is run with $SL_RESULTS naming a file; it appends JSON lines:
 *   {"source":"judge","exercise":E,"check":C,"status":"pass|fail|timeout|crash",
 *    "seconds":S,"signal":N,"where":"file.c:12","said":"…"}
 *       Criterion's own verdict of check C (its runner writes it; "said" is
 *       the text of its first failed assertion)
 *   {"source":"check","exercise":E,"check":C,"kind":K,"mistake":M,"message":"…"}
 *       the check's account of its failure: K is not-implemented, mistake (M
 *       the id of grader/lib/mistakes.h), mismatch, property, worker-crash,
 *       worker-exit, worker-timeout, forbidden-syscall, output-flood,
 *       internal …; message = headline, then indented detail lines.
 *   {"source":"check","exercise":E,"check":C,"done":true}
 *       the check's body ran to its end (written by the frame after it)
 * The verdict of a check is the judge's status — a pass only when the body
 * also ran to its end; a check the file does not mention is SL_CHECK_MISSING. */
#ifndef SL_RESULTS_H
#define SL_RESULTS_H

#include <stddef.h>

#include "outcome.h"


typedef struct {
    char *check_id;             /* Criterion test name */
    sl_check_outcome outcome;
    char *tag;                  /* "not-implemented", "mistake:forgot_1_over_n",
                                   "worker-crash" … or NULL */
    char *message;              /* failure text (may be multi-line), or NULL */
    char *where;                /* "file.c:12": the failed assertion, or NULL */
    int signal;                 /* SL_CHECK_CRASH: the signal, else 0 */
    double seconds;             /* SL_CHECK_TIMEOUT: the time limit that expired */
} sl_check_result;

typedef struct {
    sl_check_result *results;
    size_t n;
} sl_suite_results;

/* Reads the records of suite `suite` from the results file's text.
 * 0 on success (lines that are not records are skipped: a judge killed
 * mid-write leaves at most one); −1 with a reason in err when out of memory. */
int sl_results_parse(const char *text, size_t len, const char *suite, sl_suite_results *out,
                     char *err, size_t errlen);

/* The result for check_id, or NULL when the report does not have it. */
const sl_check_result *sl_suite_results_find(const sl_suite_results *r, const char *check_id);

void sl_suite_results_free(sl_suite_results *r);

#endif

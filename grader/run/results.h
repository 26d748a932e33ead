/* results.h — the outcome of running one exercise's Criterion suite, parsed
 * from Criterion's TAP report (suite binary run with --tap=FILE).  Shared by
 * the student checker (make check) and the instructor grader.
 *
 * Failure-message convention (written by grader/lib, read here): the first
 * line of a failed check's message may start with a tag in brackets:
 *   [not-implemented] …        the stub's NOT_IMPLEMENTED() ran
 *   [mistake:<id>] …           the numbers fit a known mistake (grader/lib/mistakes.h)
 *   [mismatch] … / [property] …  wrong, with no known mistake
 * The tag is split off into `tag`; the rest is `message`. */
#ifndef SL_RESULTS_H
#define SL_RESULTS_H

#include <stddef.h>

typedef enum {
    SL_CHECK_PASS,
    SL_CHECK_FAIL,      /* an assertion failed (message set) */
    SL_CHECK_CRASH,     /* the test process died of a signal */
    SL_CHECK_TIMEOUT,   /* the test's .timeout expired */
    SL_CHECK_MISSING    /* the check is in the manifest but not in the report */
} sl_check_outcome;

typedef struct {
    char *check_id;             /* Criterion test name */
    sl_check_outcome outcome;
    char *tag;                  /* "not-implemented", "mistake:forgot_1_over_n", … or NULL */
    char *message;              /* failure text without the tag (may be multi-line), or NULL */
    char *where;                /* "file.c:12": the first failed assertion, or where a crash
                                   happened ("unexpected signal after …"); NULL if unknown */
    int signal;                 /* SL_CHECK_CRASH: the signal number when known, else 0 */
    double seconds;             /* SL_CHECK_TIMEOUT: the time limit that expired */
} sl_check_result;

typedef struct {
    sl_check_result *results;
    size_t n;
} sl_suite_results;

/* Parses a Criterion TAP report, keeping the tests of suite `suite`.
 * 0 on success; −1 with a reason in err when the text is not a TAP report. */
int sl_tap_parse(const char *text, size_t len, const char *suite,
                 sl_suite_results *out, char *err, size_t errlen);

/* The result for check_id, or NULL when the report does not have it. */
const sl_check_result *sl_suite_results_find(const sl_suite_results *r, const char *check_id);

void sl_suite_results_free(sl_suite_results *r);

#endif

/* outcome.h — what happened to a check and to an exercise: the one
 * vocabulary of `make check`, the grader's records (grade.tsv, feedback) and
 * the lesson's status files.  Names are the words written to files; texts are
 * the words shown to people (English or Chinese), from this one place. */
#ifndef SL_OUTCOME_H
#define SL_OUTCOME_H

/* One check, from the judge's records (grader/run/results.h). */
typedef enum {
    SL_CHECK_PASS,
    SL_CHECK_FAIL,      /* the check failed (its tag and message say why) */
    SL_CHECK_CRASH,     /* the judge's test process died of a signal */
    SL_CHECK_TIMEOUT,   /* Criterion's .timeout of the check expired */
    SL_CHECK_MISSING    /* the check is in the manifest but has no verdict */
} sl_check_outcome;
#define SL_CHECK_N 5

/* One exercise.  The first three say how the checks went (they ran: see
 * sl_ex_ran); the others why they did not run. */
typedef enum {
    SL_EX_PASS,             /* every counted check passed */
    SL_EX_FAIL,             /* some counted check failed */
    SL_EX_NOT_IMPLEMENTED,  /* the stub's NOT_IMPLEMENTED() ran and no check passed */
    SL_EX_MISSING,          /* no file, or an empty one */
    SL_EX_COMPILE_ERROR,    /* the compiler rejected the file */
    SL_EX_REJECTED,         /* the object was refused before running (grader) */
    SL_EX_LINK_ERROR,       /* the worker could not be linked */
    SL_EX_RUN_FAILED,       /* the judge did not finish (time, output) */
    SL_EX_INTERNAL,         /* the checker itself could not work */
    SL_EX_UNKNOWN           /* never checked (the lesson, before any make check) */
} sl_ex_outcome;
#define SL_EX_N 10

/* 1 when the checks ran (pass, fail or not implemented). */
int sl_ex_ran(sl_ex_outcome o);

/* The decision: how an exercise went from its counted checks — passed of
 * counted passed, and how many said NOT_IMPLEMENTED(). */
sl_ex_outcome sl_ex_decide(unsigned passed, unsigned counted, unsigned not_implemented);

/* File words: "pass", "fail", "not-implemented", "missing", "compile-error",
 * "rejected", "link-error", "run-failed", "internal", "unknown";
 * "pass", "fail", "crash", "timeout", "missing" for checks.  _parse: the
 * value of a word, or −1. */
const char *sl_ex_outcome_name(sl_ex_outcome o);
int sl_ex_outcome_parse(const char *word);
const char *sl_check_outcome_name(sl_check_outcome o);
int sl_check_outcome_parse(const char *word);

/* What people read ("does not compile" / "无法编译", "pass" / "通过" …). */
const char *sl_ex_outcome_text(sl_ex_outcome o, int zh);
const char *sl_check_outcome_text(sl_check_outcome o, int zh);

#endif

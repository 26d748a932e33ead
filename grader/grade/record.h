/* record.h — the grade of one student: per exercise its state and points,
 * per check its outcome.  Saved as OUT/<student>/grade.tsv (written last,
 * atomically: its presence means "this student is done", which is what makes
 * a killed run resumable) and read back to build the class files.
 *
 * grade.tsv, one record per line, fields separated by tabs, with \t \n \\
 * escaped as backslash sequences:
 *   student  <id>
 *   exercise <id> <state> <points> <max> <bonus 0|1> <detail>
 *   check    <exercise> <check> <outcome> <points> <max> <hidden 0|1> <tag> <message>
 */
#ifndef SL_GRADE_RECORD_H
#define SL_GRADE_RECORD_H

#include "results.h"

#include <stddef.h>

/* The exercise's outcome (outcome.h): pass, fail or not-implemented when
 * the checks ran (sl_ex_ran), else why not — missing, compile-error (detail:
 * the compiler's messages), rejected (detail: why the object was refused),
 * link-error (detail: the explanation or the linker's messages), run-failed
 * (the judge died/hung/flooded: detail says how). */
typedef sl_ex_outcome ex_state;
#define EX_MISSING SL_EX_MISSING
#define EX_COMPILE_ERROR SL_EX_COMPILE_ERROR
#define EX_REJECTED SL_EX_REJECTED
#define EX_LINK_ERROR SL_EX_LINK_ERROR
#define EX_RUN_FAILED SL_EX_RUN_FAILED

typedef struct {
    char *id;
    sl_check_outcome outcome;
    int points, max, hidden;
    char *tag, *message;        /* may be NULL */
} g_check;

typedef struct {
    char *id;
    ex_state state;
    int points, max;
    int bonus;                  /* optional exercise: its points count, its max does not */
    char *detail;               /* may be NULL */
    g_check *checks;
    size_t n_checks;
} g_exercise;

typedef struct {
    char *student;
    g_exercise *ex;
    size_t n_ex;
} g_student;

const char *ex_state_name(ex_state s);
const char *check_outcome_name(sl_check_outcome o);

/* Serialises r as grade.tsv text (malloc'ed). */
char *record_format(const g_student *r);

/* Parses grade.tsv text; 0, or −1 when malformed (r untouched). */
int record_parse(const char *text, g_student *r);

/* Sum of points over the exercises / of max over the non-bonus ones. */
int record_total(const g_student *r);
int record_max(const g_student *r);

void record_free(g_student *r);

#endif

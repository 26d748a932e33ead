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

typedef enum {
    EX_GRADED,          /* the checks ran (some may have failed) */
    EX_MISSING,         /* no file, or an empty one */
    EX_COMPILE_ERROR,   /* detail: the compiler's messages */
    EX_REJECTED,        /* detail: why the object was refused */
    EX_LINK_ERROR,      /* detail: the explanation or the linker's messages */
    EX_RUN_FAILED       /* the check program died/hung/flooded: detail says how */
} ex_state;

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

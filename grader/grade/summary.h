/* summary.h — the class files, from every student's grade record:
 *   grades.csv   student,<exercise ids in manifest order>,total
 *   summary.md   totals (mean, median), an ASCII histogram of the scores,
 *                per-exercise outcomes (compile errors, rejected, crashes…),
 *                per-check pass rate, how often each named misconception
 *                fired, and the first failing exercise of every student;
 *   summary.csv  the same numbers, one row per item: kind,exercise,check,
 *                count,total,rate (kinds: entry — a class-folder entry not graded
 *                or renamed, its text in `check` —, check, mistake, state,
 *                first_fail).
 * Text cells never start a spreadsheet formula (csv_cell); Markdown cells
 * are escaped (md_inline). */
#ifndef SL_GRADE_SUMMARY_H
#define SL_GRADE_SUMMARY_H

#include "manifest.h"
#include "record.h"

#include <stddef.h>

/* Each returns malloc'ed text.  recs: n records (any order; rows are sorted
 * by student id by the caller). */
char *summary_grades_csv(const sl_manifest *m, const g_student *recs, size_t n);
/* notes: the class notes (collect.h), n_notes of them. */
char *summary_md(const sl_manifest *m, const g_student *recs, size_t n, char *const *notes,
                 size_t n_notes, int zh);
char *summary_csv(const sl_manifest *m, const g_student *recs, size_t n, char *const *notes,
                  size_t n_notes);

#endif

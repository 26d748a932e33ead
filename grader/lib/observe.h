/* observe.h — describing ANY wrong answer in terms a student can act on,
 * computed from the outputs alone (no catalogue of mistakes needed):
 *
 *   not_written      entries still hold what the array held before the call
 *   nan_or_inf       NaN/inf where the answer is finite
 *   sign_flipped     every entry is −1 times the right one
 *   factor_<c>       every entry is c times the right one, c one of the counts
 *                    n, k, d, n−1, n·k, n·d, 1/n, 1/k, 1/d, 1/(n−1) … (factor: none fits)
 *   transposed       the output holds the transpose (read as cols×rows)
 *   rows_shifted / rows_permuted, cols_shifted / cols_permuted
 *                    each row (column) is the right answer of another one
 *   last_col_wrong, first_col_wrong, last_row_wrong, first_row_wrong,
 *   first_row_only_right, wrong_entries
 *                    where the wrong entries are (the pattern of rows/columns)
 *   ignores_<arg>    changing an input leaves the output unchanged
 *   reads_output     the output depends on what the array held before
 *
 * A check calls these only after its comparison failed; an observation is
 * a statement about the numbers, never a guess about the cause.  Each writes
 * its headline "[observation:<id>] …" (sl_head) and detail lines (sl_say) in
 * English and Chinese, and returns the id (NULL: nothing specific seen). */
#ifndef SL_OBSERVE_H
#define SL_OBSERVE_H

#include <stddef.h>

typedef struct {
    const double *E, *T, *G;    /* expected, tolerance per entry, got: rows×cols */
    size_t rows, cols;
    const double *before;       /* the output's contents before the call; NULL: NaN */
    size_t n, d, k;             /* the counts a factor may equal (0: not in this problem) */
    const char *what;           /* the output's name: "P", "dW", "db" */
    const char *row_en, *row_zh;    /* what a row is: "sample"/"样本", "feature"/"特征" */
    const char *col_en, *col_zh;    /* what a column is: "class"/"类别" */
} sl_obs_mat;

/* The first observation that fits, in the order listed above. */
const char *sl_observe_mat(const sl_obs_mat *o);

/* How many wrong entries still hold what the array held before (o->before,
 * or NaN); the observation is then not_written. */
size_t sl_observe_untouched(const sl_obs_mat *o);

/* For one number (a loss): nan_or_inf, sign_flipped or factor_<c>. */
const char *sl_observe_scalar(double expected, double tol, double got,
                              size_t n, size_t d, size_t k, const char *what);

/* The name of a factor r among the counts (e.g. "n", "1/k"), written into
 * name (size ≥ 16); 0 when none is within 1e-9 relative of r. */
int sl_factor_name(double r, size_t n, size_t d, size_t k, char *name, size_t size);

/* A second call of the student's function gave `again`; `first` is the
 * first call's output (count entries).  Names the dependence:
 *   same = 1: the inputs differed in `arg` but the outputs are equal →
 *             "[observation:ignores_<arg>]";
 *   same = 0: only the output's previous contents differed, the outputs
 *             differ → "[observation:reads_output]".
 * Returns the id when that is what happened, else NULL (nothing written). */
const char *sl_observe_dependence(const double *first, const double *again, size_t count,
                                  int same, const char *fn, const char *arg,
                                  const char *what);

#endif

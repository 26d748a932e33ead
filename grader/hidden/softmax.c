/* hidden/softmax.c — instructor-only checks of exercise `softmax` (see
 * README.md).  Linked into the softmax suite only when grading with the
 * hidden folder; listed in exercises.yaml with `hidden: true`. */
#include "accurate.h"
#include "check.h"
#include "compare.h"
#include "diagnose.h"
#include "inputs.h"
#include "softmax_lab.h"
#include "verdict.h"

SL_CHECK(softmax, hidden_equal_logits, 5)
{
    const size_t n = 3, k = 6;
    double Z[] = {0, 0, 0, 0, 0, 0,
                  7, 7, 7, 7, 7, 7,
                  -900, -900, -900, -900, -900, -900};
    double *P = sl_out_fin(n * k), *E = sl_mat(n * k), *T = sl_mat(n * k), *before = sl_mat(n * k);
    for (size_t e = 0; e < n * k; e++)
        P[e] = before[e] = 7.25;                   /* finite: unwritten is told from NaN */
    softmax(Z, P, n, k);
    sl_after_call("softmax");
    /* the uniform 1/6, within 4ε(k + 4 + |z| + |max|)·p (accurate.h) */
    sl_acc_softmax(Z, E, T, n, k);
    sl_cmp c = sl_compare_tol(E, P, T, n, k);
    if (!c.ok) {
        sl_obs_mat o = {E, T, P, n, k, before, n, 0, k, "P", "row (sample)", "行（样本）", "class", "类别"};
        sl_fail_verdict(&c, sl_diag_softmax(Z, P, n, k, 0, softmax), &o,
                        "softmax of rows whose logits are all equal (0, 7, -900) with the uniform 1/6",
                        "各行 logits 全部相等（0、7、-900）时的 softmax 与均匀分布 1/6",
                        "4ε(k + 4 + |z_ij| + |max_i|)·p_ij + 4·DBL_MIN",
                        "4ε(k + 4 + |z_ij| + |max_i|)·p_ij + 4·DBL_MIN");
    }
}

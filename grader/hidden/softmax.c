/* hidden/softmax.c — instructor-only checks of exercise `softmax` (see
 * README.md).  Linked into the softmax suite only when grading with the
 * hidden folder; listed in exercises.yaml with `hidden: true`. */
#include "check.h"
#include "compare.h"
#include "diagnose.h"
#include "inputs.h"
#include "oracle.h"
#include "softmax_lab.h"

SL_CHECK(softmax, hidden_equal_logits, 5)
{
    const size_t n = 3, k = 6;
    double Z[] = {0, 0, 0, 0, 0, 0,
                  7, 7, 7, 7, 7, 7,
                  -900, -900, -900, -900, -900, -900};
    double *P = sl_mat(n * k), *E = sl_mat(n * k);
    softmax(Z, P, n, k);
    sl_after_call("softmax");
    for (size_t e = 0; e < n * k; e++)
        E[e] = 1.0 / 6.0;
    sl_cmp c = sl_compare(E, P, n, k, 1e-15, 0.0);
    if (!c.ok)
        sl_fail_cmp(&c, n, sl_diag_softmax_probe(sl_diag_softmax(Z, P, n, k, 0), softmax, 0),
                    "softmax of rows whose logits are all equal (0, 7, -900) with the uniform 1/6",
                    "各行 logits 全部相等（0、7、-900）时的 softmax 与均匀分布 1/6", 1e-15, 0.0);
}

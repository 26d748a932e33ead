/* hidden/grad_w.c — instructor-only checks of exercise `grad_w` (see
 * README.md).  Linked into the grad_w suite only when grading with the
 * hidden folder; listed in exercises.yaml with `hidden: true`. */
#include <string.h>

#include "check.h"
#include "compare.h"
#include "diagnose.h"
#include "inputs.h"
#include "oracle.h"
#include "softmax_lab.h"

SL_CHECK(grad_w, hidden_single_sample, 5)
{
    const size_t n = 1, d = 5, k = 2;
    const double *X = sl_in_normal(n, d, 0.0, 1.0, 901);
    const double *P = sl_in_probs(n, k, 902);
    const double *Y = sl_in_one_hot(n, k, 903, NULL);
    double *dW = sl_mat(d * k), *E = sl_mat(d * k);
    memset(dW, 0, d * k * sizeof *dW);
    grad_w(X, P, Y, n, d, k, dW);
    sl_after_call("grad_w");
    ref_grad_w(X, P, Y, n, d, k, E);
    sl_cmp c = sl_compare(E, dW, d, k, 1e-12, 1e-10);
    if (!c.ok)
        sl_fail_cmp(&c, d, sl_diag_grad_w(X, P, Y, n, d, k, NULL, dW),
                    "dW for a single sample (n = 1, d = 5, k = 2): the outer product x (p - y)",
                    "只有一个样本时的 dW（n = 1，d = 5，k = 2）：外积 x (p - y)", 1e-12, 1e-10);
}

/* hidden/grad_w.c — instructor-only checks of exercise `grad_w` (see
 * README.md).  Linked into the grad_w suite only when grading with the
 * hidden folder; listed in exercises.yaml with `hidden: true`. */
#include <string.h>

#include "accurate.h"
#include "check.h"
#include "compare.h"
#include "diagnose.h"
#include "inputs.h"
#include "softmax_lab.h"
#include "verdict.h"

SL_CHECK(grad_w, hidden_single_sample, 5)
{
    const size_t n = 1, d = 5, k = 2;
    const double *X = sl_in_normal(n, d, 0.0, 1.0, 901);
    const double *P = sl_in_probs(n, k, 902);
    const double *Y = sl_in_one_hot(n, k, 903, NULL);
    double *dW = sl_out_fin(d * k), *E = sl_mat(d * k), *T = sl_mat(d * k);
    memset(dW, 0, d * k * sizeof *dW);
    grad_w(X, P, Y, n, d, k, dW);
    sl_after_call("grad_w");
    sl_expect_in_bounds(dW, d * k, "grad_w", "dW");
    /* (n + 4)ε·(1/n)·Σ_i |x_if|(|p_ij| + |y_ij|) per entry (accurate.h) */
    sl_acc_grad(X, P, Y, n, d, k, E, T);
    sl_cmp c = sl_compare_tol(E, dW, T, d, k);
    if (!c.ok) {
        double *zeros = sl_mat(d * k);
        memset(zeros, 0, d * k * sizeof *zeros);
        sl_obs_mat o = {E, T, dW, d, k, zeros, n, d, k, "dW", "row (feature)", "行（特征）",
                        "class", "类别"};
        sl_fail_verdict(&c, sl_diag_grad_w(X, P, Y, n, d, k, NULL, dW, grad_w), &o,
                        "dW for a single sample (n = 1, d = 5, k = 2): the outer product x (p - y)",
                        "只有一个样本时的 dW（n = 1，d = 5，k = 2）：外积 x (p - y)",
                        "(n + 4)ε·(1/n)·Σ_i |x_if|(|p_ij| + |y_ij|)",
                        "(n + 4)ε·(1/n)·Σ_i |x_if|(|p_ij| + |y_ij|)");
    }
}

/* hidden/train.c — instructor-only checks of exercise `train` (see
 * README.md).  Linked into the train suite only when grading with the
 * hidden folder; listed in exercises.yaml with `hidden: true`. */
#include <math.h>
#include <string.h>

#include "accurate.h"
#include "check.h"
#include "compare.h"
#include "diagnose.h"
#include "inputs.h"
#include "observe_train.h"
#include "softmax_lab.h"
#include "verdict.h"

SL_CHECK(train, hidden_soft_targets, 10)
{
    sl_train_case c = {0};
    c.n = 16, c.d = 3, c.k = 4;
    c.X = sl_in_normal(c.n, c.d, 0.0, 1.0, 911);
    c.Y = sl_in_soft(c.n, c.k, 912);
    c.W0 = sl_in_normal(c.d, c.k, 0.0, 0.2, 913);
    c.b0 = sl_in_normal(1, c.k, 0.0, 0.2, 914);
    c.lr = 0.7, c.epochs = 8;
    double *W = sl_in_copy(c.W0, c.d * c.k), *b = sl_in_copy(c.b0, c.k), *hist = sl_mat(c.epochs);
    double ret = train(c.X, c.Y, c.n, c.d, c.k, W, b, c.lr, c.epochs, hist);
    sl_after_call("train");
    /* the trajectory tolerance τ_e (diagnose.h sl_train_tau) */
    const size_t dk = c.d * c.k, p = dk + c.k, len = p + c.epochs + 1;
    double *E = sl_mat(len), *T = sl_mat(len), *G = sl_mat(len);
    E[len - 1] = sl_train_variant(NULL, &c, E, E + dk, E + p);
    sl_train_tol(&c, E, T);
    memcpy(G, W, dk * sizeof *G);
    memcpy(G + dk, b, c.k * sizeof *G);
    memcpy(G + p, hist, c.epochs * sizeof *G);
    G[len - 1] = ret;
    sl_cmp cmp = sl_compare_tol(E, G, T, 1, len);
    if (!cmp.ok) {
        sl_train_out got = {W, b, hist, ret};
        const char *m = sl_diag_train(&c, &got, train);
        if (m)
            sl_head_diagnosed(m);
        else if (!sl_observe_train(&c, &got, train))
            sl_head("mismatch", "training on soft targets does not match the reference",
                    "用软标签训练的结果与参考实现不一致");
        sl_say("compared: 8 epochs on soft targets (n = 16, d = 3, k = 4): W, b, history, returned loss"
               " packed in that order (entry %zu differs)",
               "比较的是：用软标签训练 8 个 epoch（n = 16，d = 3，k = 4）：依次为 W、b、损失历史、返回的损失"
               "（第 %zu 项不同）", cmp.j);
        sl_say_cmp_tol(&cmp, 1, "τ_e·(1 + |value|) (diagnose.h)", "τ_e·(1 + |值|)（diagnose.h）");
        sl_fail();
    }
}

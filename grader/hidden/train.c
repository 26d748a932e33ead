/* hidden/train.c — instructor-only checks of exercise `train` (see
 * README.md).  Linked into the train suite only when grading with the
 * hidden folder; listed in exercises.yaml with `hidden: true`. */
#include <string.h>

#include "check.h"
#include "compare.h"
#include "diagnose.h"
#include "inputs.h"
#include "softmax_lab.h"

SL_CHECK(train, hidden_soft_targets, 10)
{
    sl_train_case c = {0};
    c.n = 16, c.d = 3, c.k = 4;
    c.X = sl_in_normal(c.n, c.d, 0.0, 1.0, 911);
    c.Y = sl_in_soft(c.n, c.k, 912);
    c.W0 = sl_in_normal(c.d, c.k, 0.0, 0.2, 913);
    c.b0 = sl_in_normal(1, c.k, 0.0, 0.2, 914);
    c.lr = 0.7, c.epochs = 8;
    double *W = sl_in_copy(c.W0, c.d * c.k), *b = sl_in_copy(c.b0, c.k), *hist = sl_out(c.epochs);
    double ret = train(c.X, c.Y, c.n, c.d, c.k, W, b, c.lr, c.epochs, hist);
    sl_after_call("train");
    double *EW = sl_mat(c.d * c.k), *Eb = sl_mat(c.k), *Eh = sl_mat(c.epochs);
    double eret = sl_train_variant(NULL, &c, EW, Eb, Eh);
    sl_cmp cw = sl_compare(EW, W, c.d, c.k, 1e-12, 1e-9);
    if (!cw.ok || !sl_agree(Eb, b, c.k, 1e-12, 1e-9) || !sl_agree(Eh, hist, c.epochs, 1e-12, 1e-9)
        || !sl_close(eret, ret, 1e-12, 1e-9)) {
        sl_train_out got = {W, b, hist, ret};
        const char *m = sl_diag_train(&c, &got);
        if (m)
            sl_head_diagnosed(m);
        else
            sl_head("mismatch", "training on soft targets does not match the reference",
                    "用软标签训练的结果与参考实现不一致");
        sl_say("compared: 8 epochs on soft targets (n = 16, d = 3, k = 4): history, W, b, returned loss",
               "比较的是：用软标签训练 8 个 epoch（n = 16，d = 3，k = 4）：损失历史、W、b、返回的损失");
        if (!cw.ok)
            sl_say_cmp(&cw, c.d, 1e-12, 1e-9);
        sl_fail();
    }
}

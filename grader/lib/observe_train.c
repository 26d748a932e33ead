/* observe_train.c — a wrong training run, step by step (contract:
 * observe_train.h). */
#include "observe_train.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accurate.h"
#include "check.h"
#include "numgrad.h"
#include "observe.h"
#include "oracle.h"
#include "softmax_lab.h"

#define MAX_STEPS 6

static char id_buf[48];

__attribute__((format(printf, 2, 4), format(printf, 3, 4)))
static const char *head(const char *id, const char *en, const char *zh, ...)
{
    char tag[64], text[512];
    snprintf(tag, sizeof tag, "observation:%s", id);
    va_list ap;
    va_start(ap, zh);
    vsnprintf(text, sizeof text, sl_zh() ? zh : en, ap);
    va_end(ap);
    sl_head(tag, "%s", "%s", text);
    snprintf(id_buf, sizeof id_buf, "%s", id);
    return id_buf;
}

typedef struct {
    double rho_w, rho_b;     /* step ratio ⟨s, r⟩/⟨r, r⟩ for W and for b */
    double res_w, res_b;     /* |s − ρ r| / |r|: how far from proportional */
    double norm_sw, norm_sb; /* |s| */
    double norm_rw, norm_rb; /* |r| */
} step_info;

/* ⟨s, r⟩/⟨r, r⟩ and the residual of s against r (count entries). */
static void ratio(const double *s, const double *r, size_t count, double *rho, double *res,
                  double *ns, double *nr)
{
    double sr = 0.0, rr = 0.0, ss = 0.0;
    for (size_t e = 0; e < count; e++)
        sr += s[e] * r[e], rr += r[e] * r[e], ss += s[e] * s[e];
    *ns = sqrt(ss), *nr = sqrt(rr);
    *rho = rr > 0 ? sr / rr : NAN;
    double q = 0.0;
    for (size_t e = 0; e < count; e++)
        q += (s[e] - *rho * r[e]) * (s[e] - *rho * r[e]);
    *res = rr > 0 ? sqrt(q) / sqrt(rr) : NAN;
}

/* The student's parameters after t epochs, into W, b (from W0, b0). */
static int run_epochs(const sl_train_case *c, sl_train_fn *fn, size_t t, double *W, double *b)
{
    double *h = malloc((t + 1) * sizeof *h);
    if (!h)
        return -1;
    memcpy(W, c->W0, c->d * c->k * sizeof *W);
    memcpy(b, c->b0, c->k * sizeof *b);
    fn(c->X, c->Y, c->n, c->d, c->k, W, b, c->lr, t, h);
    free(h);
    return 0;
}

/* −lr·∇L at (W, b) into rW, rb. */
static void contract_step(const sl_train_case *c, const double *W, const double *b,
                          double *rW, double *rb, double *P)
{
    logits(c->X, W, b, c->n, c->d, c->k, P);
    ref_softmax(P, P, c->n, c->k);
    ref_grad_w(c->X, P, c->Y, c->n, c->d, c->k, rW);
    ref_grad_b(P, c->Y, c->n, c->k, rb);
    for (size_t e = 0; e < c->d * c->k; e++)
        rW[e] *= -c->lr;
    for (size_t j = 0; j < c->k; j++)
        rb[j] *= -c->lr;
}

static int close_to(double a, double b)
{
    return fabs(a - b) <= 1e-6 * fmax(1.0, fabs(b));
}

/* Names what the steps show; NULL when they look right. */
static const char *steps(const sl_train_case *c, const step_info *s, size_t T)
{
    const double small = 1e-9;
    size_t stop = T;
    for (size_t t = 0; t < T; t++)
        if (s[t].norm_sw <= small * s[t].norm_rw && s[t].norm_sb <= small * s[t].norm_rb
            && s[t].norm_rw + s[t].norm_rb > 0) {
            stop = t;
            break;
        }
    int w_frozen = 1, b_frozen = 1, all_ok = 1, same = 1, decay = T >= 3;
    for (size_t t = 0; t < T; t++) {
        w_frozen &= s[t].norm_sw <= small * s[t].norm_rw && s[t].norm_rw > 0;
        b_frozen &= s[t].norm_sb <= small * s[t].norm_rb && s[t].norm_rb > 0;
        all_ok &= close_to(s[t].rho_w, 1.0) && close_to(s[t].rho_b, 1.0)
                  && s[t].res_w < 1e-6 && s[t].res_b < 1e-6;
        same &= close_to(s[t].rho_w, s[0].rho_w) && close_to(s[t].rho_b, s[0].rho_w)
                && s[t].res_w < 1e-6 && s[t].res_b < 1e-6;
        if (t)
            decay &= s[t].rho_w < s[t - 1].rho_w - 1e-6 && s[t].res_w < 1e-6;
    }
    if (all_ok)
        return NULL;
    if (stop < T) {
        head("train_stopped_early", "training stopped at epoch %zu: from there on W and b never change",
             "训练在第 %zu 个 epoch 就停了：此后 W 和 b 再也没有变化", stop);
        sl_say("only the first %zu updates were made (all %zu epochs must run, even when the loss goes up)",
               "只执行了前 %zu 次更新（即使损失上升，%zu 个 epoch 也都要执行）", stop, c->epochs);
        return id_buf;
    }
    if (w_frozen && !b_frozen)
        return head("train_only_b_moved", "W never changes during training: only b is updated",
                    "训练中 W 从未改变：只更新了 b"), id_buf;
    if (b_frozen && !w_frozen)
        return head("train_only_w_moved", "b never changes during training: only W is updated",
                    "训练中 b 从未改变：只更新了 W"), id_buf;
    if (same && isfinite(s[0].rho_w)) {
        char name[24];
        if (close_to(s[0].rho_w, -1.0)) {
            head("train_wrong_sign", "every step goes uphill: the update has the wrong sign",
                 "每一步都在往上坡走：更新的符号反了");
            sl_say("each step is -1 times -lr*gradient: use W -= lr*dW", "每一步都是 -lr*梯度 的 -1 倍：应为 W -= lr*dW");
            return id_buf;
        }
        head("train_lr_scaled", "every step has the right direction but the wrong length",
             "每一步方向正确，但步长不对");
        sl_say("each step is %.6g times -lr*gradient%s%s (lr = %g, n = %zu, d = %zu, k = %zu)",
               "每一步都是 -lr*梯度 的 %.6g 倍%s%s（lr = %g，n = %zu，d = %zu，k = %zu）", s[0].rho_w,
               sl_factor_name(s[0].rho_w, c->n, c->d, c->k, name, sizeof name) ? " = " : "",
               sl_factor_name(s[0].rho_w, c->n, c->d, c->k, name, sizeof name) ? name : "",
               c->lr, c->n, c->d, c->k);
        return id_buf;
    }
    if (decay) {
        head("train_lr_decaying", "the steps shrink from epoch to epoch: the step size is not constant",
             "步长逐个 epoch 变小：学习率不是常数");
        sl_say("step / (-lr*gradient) = %.4g, %.4g, %.4g ... in epochs 0, 1, 2 (must be 1 every time)",
               "第 0、1、2 个 epoch 的 步长/(-lr*梯度) = %.4g、%.4g、%.4g ...（每次都应为 1）",
               s[0].rho_w, s[1].rho_w, s[2].rho_w);
        return id_buf;
    }
    head("train_first_step_wrong", "the first update is not W -= lr*dW, b -= lr*db",
         "第一次更新不是 W -= lr*dW、b -= lr*db");
    sl_say("epoch 0: the step of W is %.4g times -lr*dW with %.3g of it in other directions;"
           " the step of b is %.4g times -lr*db",
           "第 0 个 epoch：W 的步长是 -lr*dW 的 %.4g 倍，另有 %.3g 偏离该方向；b 的步长是 -lr*db 的 %.4g 倍",
           s[0].rho_w, s[0].res_w, s[0].rho_b);
    return id_buf;
}

/* History checks when the steps are right. */
static const char *history(const sl_train_case *c, const sl_train_out *got)
{
    const size_t dk = c->d * c->k;
    double *W = malloc((dk + c->k + c->n * c->k) * sizeof *W);
    if (!W)
        return NULL;
    double *b = W + dk, *P = b + c->k;
    double *Eh = malloc((c->epochs + 1) * sizeof *Eh);
    if (!Eh) {
        free(W);
        return NULL;
    }
    sl_train_variant(NULL, c, W, b, Eh);
    const char *id = NULL;
    size_t first = c->epochs;
    for (size_t e = 0; got->hist && e < c->epochs && first == c->epochs; e++)
        if (!sl_within(Eh[e], got->hist[e], sl_train_tau(c, e) * (1.0 + fabs(Eh[e]))))
            first = e;
    if (first < c->epochs) {
        int after = 1;                     /* hist[e] = loss after step e = Eh[e + 1] */
        double ret = sl_train_variant(NULL, c, W, b, NULL);
        for (size_t e = 0; e < c->epochs; e++) {
            double next = e + 1 < c->epochs ? Eh[e + 1] : ret;
            after &= sl_within(next, got->hist[e], 1e-9 * (1.0 + fabs(next)));
        }
        if (after)
            id = head("train_history_after_update",
                      "W and b are right, but loss_history[e] is the loss after the update of epoch e",
                      "W 和 b 是对的，但 loss_history[e] 是第 e 个 epoch 更新之后的损失");
        else
            id = head("train_history_departs", "W and b are right, but loss_history departs at epoch %zu",
                      "W 和 b 是对的，但 loss_history 从第 %zu 个 epoch 起不一致", first);
        sl_say("epoch %zu: recorded %.17g, the loss at the parameters of that epoch (before its update)"
               " is %.17g", "第 %zu 个 epoch：记录的是 %.17g，该 epoch 参数处（更新之前）的损失是 %.17g",
               first, got->hist[first], Eh[first]);
    } else {
        double tol = sl_train_tau(c, c->epochs);
        double ret = sl_train_variant(NULL, c, W, b, NULL);
        (void)P;
        if (!sl_within(ret, got->ret, tol * (1.0 + fabs(ret)))) {
            id = head("train_return_wrong", "W, b and the history are right, but the value returned is not"
                      " the loss at the final W, b", "W、b 和损失历史都正确，但返回值不是最终 W、b 处的损失");
            sl_say("returned %.17g; the loss at the final parameters is %.17g%s",
                   "返回 %.17g；最终参数处的损失是 %.17g%s", got->ret, ret,
                   got->hist && c->epochs && sl_within(got->hist[c->epochs - 1], got->ret, 0.0)
                       ? (sl_zh() ? "（返回的是最后记录的损失）" : " (the value returned is the last one recorded)")
                       : "");
        }
    }
    free(W);
    free(Eh);
    return id;
}

const char *sl_observe_train(const sl_train_case *c, const sl_train_out *got, sl_train_fn *fn)
{
    const size_t dk = c->d * c->k, k = c->k;
    const size_t T = c->epochs < MAX_STEPS ? c->epochs : MAX_STEPS;
    if (!fn || T == 0)
        return NULL;
    double *buf = malloc((4 * dk + 4 * k + c->n * k) * sizeof *buf);
    step_info *s = malloc(T * sizeof *s);
    if (!buf || !s) {
        free(buf);
        free(s);
        return NULL;
    }
    double *W0 = buf, *b0 = W0 + dk, *W1 = b0 + k, *b1 = W1 + dk, *rW = b1 + k, *rb = rW + dk;
    double *sW = rb + k, *sb = sW + dk, *P = sb + k;
    memcpy(W0, c->W0, dk * sizeof *W0);
    memcpy(b0, c->b0, k * sizeof *b0);
    for (size_t t = 0; t < T; t++) {
        run_epochs(c, fn, t + 1, W1, b1);
        contract_step(c, W0, b0, rW, rb, P);
        for (size_t e = 0; e < dk; e++)
            sW[e] = W1[e] - W0[e];
        for (size_t j = 0; j < k; j++)
            sb[j] = b1[j] - b0[j];
        ratio(sW, rW, dk, &s[t].rho_w, &s[t].res_w, &s[t].norm_sw, &s[t].norm_rw);
        ratio(sb, rb, k, &s[t].rho_b, &s[t].res_b, &s[t].norm_sb, &s[t].norm_rb);
        memcpy(W0, W1, dk * sizeof *W0);
        memcpy(b0, b1, k * sizeof *b0);
    }
    const char *id = steps(c, s, T);
    if (!id)
        id = history(c, got);
    free(buf);
    free(s);
    return id;
}

/* train_report.c — the evaluation part of `softmax-lab train`'s report
 * (contract: train_report.h). */
#include "train_report.h"
#include "eval.h"
#include "lang.h"
#include "softmax_lab.h"

#include <stdio.h>
#include <stdlib.h>

/* An 8×8 image with pixel values 0…16, as the UCI digits are. */
static int is_digit_image(const double *x, size_t d)
{
    if (d != 64)
        return 0;
    for (size_t f = 0; f < d; f++)
        if (!(x[f] >= 0 && x[f] <= 16))
            return 0;
    return 1;
}

/* One sample: its verdict, then the top-3 probabilities, beside its 8×8 art
 * when it is a digit image.  p: its k probabilities; raw: its raw features. */
static void print_sample(const sl_dataset *ev, size_t i, const double *p, const double *raw,
                         int ascii, int zh)
{
    const size_t k = ev->k, top = argmax(p, k);
    size_t idx[3];
    double prob[3];
    size_t m = k < 3 ? k : 3;
    sl_top_k(p, k, m, idx, prob);
    const int right = (int)top == ev->y[i];
    printf(zh ? "样本 %zu：真实 %s，预测 %s（%s）\n" : "sample %zu: true %s, predicted %s (%s)\n", i,
           ev->classes[ev->y[i]], ev->classes[top],
           right ? sl_tr(zh, "right", "正确") : sl_tr(zh, "wrong", "错误"));
    if (!is_digit_image(raw, ev->d)) {
        printf("  top-%zu:", m);
        for (size_t r = 0; r < m; r++)
            printf("%s %s %.1f%%", r ? "," : "", ev->classes[idx[r]], 100 * prob[r]);
        printf("\n");
        return;
    }
    char art[8][SL_DIGIT_LINE];
    sl_digit_art(raw, 16, ascii, art);
    for (size_t r = 0; r < 8; r++) {
        printf("  %s%s", ascii ? "|" : "\u2502", art[r]);
        printf("%s", ascii ? "|" : "\u2502");
        if (r == 0)
            printf("  top-%zu:", m);
        else if (r <= m)
            printf("  %5s %5.1f%%", ev->classes[idx[r - 1]], 100 * prob[r - 1]);
        printf("\n");
    }
}

void sl_train_report(const sl_dataset *ev, const sl_dataset *raw, const double *W,
                     const double *b, const sl_report_options *o)
{
    const int zh = sl_lang_zh();
    const size_t n = ev->n, k = ev->k;
    const char *set = o->test_set ? sl_tr(zh, "test set", "测试集")
                                  : sl_tr(zh, "training set", "训练集");
    double *P = malloc((n > 0 && k > 0 ? n * k : 1) * sizeof *P);
    int *pred = malloc((n ? n : 1) * sizeof *pred);
    size_t *idx = malloc((n ? n : 1) * sizeof *idx);
    if (!P || !pred || !idx)
        abort();
    logits(ev->X, W, b, n, ev->d, k, P);
    softmax(P, P, n, k);
    for (size_t i = 0; i < n; i++)
        pred[i] = (int)argmax(P + i * k, k);
    if (o->confusion && k <= 10) {
        size_t counts[100];
        sl_confusion(ev->y, pred, n, k, counts);
        printf(zh ? "\n混淆矩阵（%s；行：真实类别，列：预测类别）：\n"
                  : "\nconfusion matrix (%s; rows: true class, columns: predicted):\n", set);
        sl_confusion_print(stdout, counts, k, (const char *const *)ev->classes, zh);
    }
    if (o->calibration && n) {
        enum { BINS = 10 };
        size_t count[BINS];
        double conf[BINS], acc[BINS];
        double ece = sl_calibration(P, ev->y, n, k, BINS, count, conf, acc);
        printf(zh ? "\n可靠性图（%s，%zu 个样本；最大 softmax 概率当作置信度）：\n"
                  : "\nreliability diagram (%s, %zu samples; confidence = the largest softmax "
                    "probability):\n", set, n);
        sl_reliability_print(stdout, count, conf, acc, BINS, ece, 40, o->ascii, zh);
    }
    size_t shown = o->show < n ? o->show : n;
    if (shown && zh)
        printf("\n%s的前 %zu 个样本：\n", set, shown);
    else if (shown)
        printf("\nthe first %zu samples of the %s:\n", shown, set);
    for (size_t i = 0; i < shown; i++)
        print_sample(ev, i, P + i * k, raw->X + i * ev->d, o->ascii, zh);
    if (o->mistakes) {
        size_t m = sl_confident_mistakes(P, ev->y, n, k, o->mistakes, idx);
        if (zh)
            printf("\n%s上最自信的 %zu 个错误：\n", set, m);
        else
            printf("\nthe %zu most confident mistakes on the %s:\n", m, set);
        for (size_t r = 0; r < m; r++)
            print_sample(ev, idx[r], P + idx[r] * k, raw->X + idx[r] * ev->d, o->ascii, zh);
    }
    free(P);
    free(pred);
    free(idx);
}

/* eval.c — confusion matrix, top-k, calibration, digit art and confident
 * mistakes of a trained model (contracts: eval.h). */
#include "eval.h"
#include "lang.h"
#include "softmax_lab.h"

#include <math.h>
#include <string.h>

void sl_confusion(const int *truth, const int *pred, size_t n, size_t k, size_t *counts)
{
    memset(counts, 0, k * k * sizeof *counts);
    for (size_t i = 0; i < n; i++)
        if (truth[i] >= 0 && pred[i] >= 0 && (size_t)truth[i] < k && (size_t)pred[i] < k)
            counts[(size_t)truth[i] * k + (size_t)pred[i]]++;
}

void sl_confusion_print(FILE *out, const size_t *counts, size_t k, const char *const *names,
                        int zh)
{
    const char *truth_word = sl_tr(zh, "true", "真实");
    size_t largest = 0, name_w = 4;            /* "true" (真实 is 4 columns too) */
    for (size_t e = 0; e < k * k; e++)
        largest = counts[e] > largest ? counts[e] : largest;
    int w = snprintf(NULL, 0, "%zu", largest);
    for (size_t j = 0; j < k; j++) {
        int len = names ? (int)strlen(names[j]) : snprintf(NULL, 0, "%zu", j);
        w = len > w ? len : w;
        name_w = (size_t)len > name_w ? (size_t)len : name_w;
    }
    fprintf(out, "%s%*s \\ %s\n", truth_word, (int)name_w - 4, "", sl_tr(zh, "predicted", "预测"));
    fprintf(out, "%*s ", (int)name_w, "");
    for (size_t j = 0; j < k; j++) {
        if (names)
            fprintf(out, " %*s", w, names[j]);
        else
            fprintf(out, " %*zu", w, j);
    }
    fprintf(out, "   %s\n", sl_tr(zh, "recall", "召回率"));
    for (size_t t = 0; t < k; t++) {
        size_t row = 0;
        if (names)
            fprintf(out, "%*s ", (int)name_w, names[t]);
        else
            fprintf(out, "%*zu ", (int)name_w, t);
        for (size_t p = 0; p < k; p++) {
            fprintf(out, " %*zu", w, counts[t * k + p]);
            row += counts[t * k + p];
        }
        if (row)
            fprintf(out, "   %5.1f%%\n", 100.0 * (double)counts[t * k + t] / (double)row);
        else
            fprintf(out, "       -\n");
    }
}

void sl_top_k(const double *p, size_t k, size_t m, size_t *idx, double *prob)
{
    if (m > k)
        m = k;
    for (size_t r = 0; r < m; r++) {           /* selection: m is small */
        size_t best = k;
        for (size_t j = 0; j < k; j++) {
            int taken = 0;
            for (size_t q = 0; q < r; q++)
                taken |= idx[q] == j;
            if (!taken && (best == k || p[j] > p[best]))
                best = j;
        }
        idx[r] = best;
        prob[r] = p[best];
    }
}

double sl_calibration(const double *P, const int *truth, size_t n, size_t k, size_t bins,
                      size_t *count, double *conf, double *acc)
{
    memset(count, 0, bins * sizeof *count);
    memset(conf, 0, bins * sizeof *conf);
    memset(acc, 0, bins * sizeof *acc);
    for (size_t i = 0; i < n; i++) {
        const size_t top = argmax(P + i * k, k);
        double c = P[i * k + top];
        c = c >= 0.0 ? (c <= 1.0 ? c : 1.0) : 0.0;   /* a diverged model's NaN counts as 0 */
        size_t b = (size_t)(c * (double)bins);
        if (b >= bins)
            b = bins - 1;
        count[b]++;
        conf[b] += c;
        acc[b] += (int)top == truth[i];
    }
    double ece = 0.0;
    for (size_t b = 0; b < bins; b++) {
        if (!count[b])
            continue;
        conf[b] /= (double)count[b];
        acc[b] /= (double)count[b];
        ece += (double)count[b] / (double)n * fabs(acc[b] - conf[b]);
    }
    return ece;
}

void sl_reliability_print(FILE *out, const size_t *count, const double *conf,
                          const double *acc, size_t bins, double ece, size_t width,
                          int ascii, int zh)
{
    if (width < 10)
        width = 10;
    const char *bar = ascii ? "#" : "\u2588";
    if (zh)
        fprintf(out, "置信度区间   准确率 (%s) 与平均置信度 (|)              样本数\n", bar);
    else
        fprintf(out, "confidence   accuracy (%s) vs mean confidence (|)      n\n", bar);
    for (size_t b = 0; b < bins; b++) {
        fprintf(out, "%.2f-%.2f  ", (double)b / (double)bins, (double)(b + 1) / (double)bins);
        if (!count[b]) {
            fprintf(out, "%-*s  %6zu\n", (int)width + (zh ? 1 : 0),  /* 空: 3 bytes, 2 columns */
                    sl_tr(zh, "(empty)", "(空)"), count[b]);
            continue;
        }
        size_t filled = (size_t)lround(acc[b] * (double)width);
        size_t mark = (size_t)lround(conf[b] * (double)width);
        mark = mark >= width ? width - 1 : mark;
        for (size_t c = 0; c < width; c++) {
            if (c == mark)
                fputc('|', out);
            else if (c < filled)
                fputs(ascii ? "#" : "\u2588", out);
            else
                fputc(ascii ? '.' : ' ', out);
        }
        fprintf(out, "  %6zu  %s %5.1f%% %s %5.1f%%\n", count[b], sl_tr(zh, "acc", "准确率"),
                100 * acc[b], sl_tr(zh, "conf", "置信度"), 100 * conf[b]);
    }
    fprintf(out, "%s: %.4f\n", sl_tr(zh, "expected calibration error (ECE)", "期望校准误差 (ECE)"), ece);
}

void sl_digit_art(const double *pixels, double max, int ascii, char lines[8][SL_DIGIT_LINE])
{
    static const char *const ascii_ramp[] = {" ", ".", ":", "o", "O", "@"};
    static const char *const unicode_ramp[] = {" ", "\u2591", "\u2592", "\u2593", "\u2588"};
    const char *const *ramp = ascii ? ascii_ramp : unicode_ramp;
    const size_t levels = ascii ? 6 : 5;
    for (size_t r = 0; r < 8; r++) {
        char *s = lines[r];
        size_t len = 0;
        for (size_t c = 0; c < 8; c++) {
            double v = max > 0 ? pixels[r * 8 + c] / max : 0.0;
            v = v >= 0 ? (v <= 1 ? v : 1) : 0;     /* NaN: blank */
            size_t level = (size_t)lround(v * (double)(levels - 1));
            for (int twice = 0; twice < 2; twice++) {
                size_t g = strlen(ramp[level]);
                memcpy(s + len, ramp[level], g);
                len += g;
            }
        }
        s[len] = '\0';
    }
}

size_t sl_confident_mistakes(const double *P, const int *truth, size_t n, size_t k,
                             size_t m, size_t *idx)
{
    size_t found = 0;                        /* idx[0..found) sorted, most confident first */
    for (size_t i = 0; i < n; i++) {
        const size_t top = argmax(P + i * k, k);
        if ((int)top == truth[i])
            continue;
        const double c = P[i * k + top];
        size_t at = found;                   /* insertion point: after equal ones */
        while (at > 0 && P[idx[at - 1] * k + argmax(P + idx[at - 1] * k, k)] < c)
            at--;
        if (at >= m)
            continue;
        size_t last = found < m ? found : m - 1;
        memmove(idx + at + 1, idx + at, (last - at) * sizeof *idx);
        idx[at] = i;
        if (found < m)
            found++;
    }
    return found;
}

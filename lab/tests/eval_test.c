/* eval_test.c — lab/eval.c on hand-computed cases, and on the real digits
 * (the OCR demo of issue 5: ≥ 93 % held-out accuracy, consistent confusion
 * matrix, an ECE that matches its definition). */
#include "dataset.h"
#include "eval.h"
#include "ocr.h"
#include "softmax_lab.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Text that fn printed to a FILE*, NUL-terminated; caller frees. */
#define CAPTURE(buf, call)                                       \
    do {                                                         \
        size_t len_;                                             \
        FILE *out = open_memstream(&(buf), &len_);               \
        cr_assert(out != NULL);                                  \
        call;                                                    \
        fclose(out);                                             \
    } while (0)

Test(eval, confusion_counts_truth_rows_prediction_columns)
{
    const int truth[] = {0, 0, 1, 2, 2, 2, 1, 7};
    const int pred[] = {0, 1, 1, 2, 0, 2, 1, 0};    /* the 7 is out of range: skipped */
    const size_t want[9] = {1, 1, 0, 0, 2, 0, 1, 0, 2};
    size_t got[9];
    sl_confusion(truth, pred, 8, 3, got);
    for (size_t e = 0; e < 9; e++)
        cr_assert_eq(got[e], want[e], "counts[true %zu][pred %zu]: expected %zu, got %zu",
                     e / 3, e % 3, want[e], got[e]);
}

Test(eval, confusion_print_shows_counts_and_recall)
{
    const size_t counts[4] = {3, 1, 0, 12};
    const char *const names[2] = {"cat", "dog"};
    char *text = NULL;
    CAPTURE(text, sl_confusion_print(out, counts, 2, names, 0));
    cr_assert(strstr(text, " cat    3   1    75.0%") != NULL, "row of cat not found in:\n%s", text);
    cr_assert(strstr(text, " dog    0  12   100.0%") != NULL, "row of dog not found in:\n%s", text);
    cr_assert(strstr(text, "predicted") != NULL, "no header in:\n%s", text);
    free(text);
}

Test(eval, top_k_largest_first_ties_to_lower_index)
{
    const double p[5] = {0.1, 0.3, 0.05, 0.3, 0.25};
    size_t idx[5];
    double prob[5];
    sl_top_k(p, 5, 3, idx, prob);
    const size_t want[3] = {1, 3, 4};
    for (size_t r = 0; r < 3; r++)
        cr_assert(idx[r] == want[r] && prob[r] == p[want[r]],
                  "rank %zu: expected class %zu (%.2f), got class %zu (%.2f)", r, want[r],
                  p[want[r]], idx[r], prob[r]);
    sl_top_k(p, 2, 9, idx, prob);                   /* m is clamped to k */
    cr_assert(idx[0] == 1 && idx[1] == 0, "top of {0.1, 0.3}: expected 1, 0; got %zu, %zu",
              idx[0], idx[1]);
}

Test(eval, calibration_bins_and_ece_by_hand)
{
    /* 4 samples, 2 classes, 2 bins ([0, .5), [.5, 1]).  Top confidences:
     * .6 (right), .8 (wrong), .9 (right), 1.0 (right) → all in bin 1:
     * conf = .825, acc = .75, ECE = |.75 − .825| = .075. */
    const double P[8] = {0.6, 0.4, 0.2, 0.8, 0.9, 0.1, 0.0, 1.0};
    const int truth[4] = {0, 0, 0, 1};
    size_t count[2];
    double conf[2], acc[2];
    double ece = sl_calibration(P, truth, 4, 2, 2, count, conf, acc);
    cr_assert(count[0] == 0 && count[1] == 4, "counts: expected 0, 4; got %zu, %zu", count[0], count[1]);
    cr_assert(fabs(conf[1] - 0.825) < 1e-12, "bin 1 confidence: expected 0.825, got %.17g", conf[1]);
    cr_assert(fabs(acc[1] - 0.75) < 1e-12, "bin 1 accuracy: expected 0.75, got %.17g", acc[1]);
    cr_assert(fabs(ece - 0.075) < 1e-12, "ECE: expected 0.075, got %.17g", ece);

    /* 10 bins: .6 → bin 6, .8 → bin 8, .9 → bin 9, 1.0 → bin 9 (the last
     * bin is closed).  ECE = (1·|1−.6| + 1·|0−.8| + 2·|1−.95|)/4 = .325 */
    size_t c10[10];
    double f10[10], a10[10];
    ece = sl_calibration(P, truth, 4, 2, 10, c10, f10, a10);
    cr_assert(c10[6] == 1 && c10[8] == 1 && c10[9] == 2,
              "10 bins: expected 1 in bin 6, 1 in bin 8, 2 in bin 9; got %zu, %zu, %zu",
              c10[6], c10[8], c10[9]);
    cr_assert(fabs(ece - 0.325) < 1e-12, "ECE with 10 bins: expected 0.325, got %.17g", ece);
}

Test(eval, reliability_diagram_marks_confidence_and_ece)
{
    const size_t count[2] = {0, 4};
    const double conf[2] = {0, 0.5}, acc[2] = {0, 0.3};
    char *text = NULL;
    CAPTURE(text, sl_reliability_print(out, count, conf, acc, 2, 0.2, 10, 1, 0));
    cr_assert(strstr(text, "0.50-1.00  ###..|....       4") != NULL,
              "bin 0.50-1.00 should show 3 of 10 '#' and '|' at 5:\n%s", text);
    cr_assert(strstr(text, "(empty)") != NULL, "the empty bin is not marked:\n%s", text);
    cr_assert(strstr(text, "(ECE): 0.2000") != NULL, "no ECE line:\n%s", text);
    free(text);
}

Test(eval, digit_art_ascii_and_unicode)
{
    double px[64] = {0};
    px[0] = 16;                 /* top-left full ink */
    px[9] = 8;                  /* (1,1) half ink */
    char lines[8][SL_DIGIT_LINE];
    sl_digit_art(px, 16, 1, lines);
    cr_assert_str_eq(lines[0], "@@              ", "row 0 (ASCII): got '%s'", lines[0]);
    cr_assert_str_eq(lines[1], "  oo            ", "row 1 (ASCII): got '%s'", lines[1]);
    cr_assert_str_eq(lines[7], "                ", "row 7 (ASCII): got '%s'", lines[7]);
    sl_digit_art(px, 16, 0, lines);
    cr_assert_str_eq(lines[0], "\u2588\u2588              ", "row 0 (Unicode): got '%s'", lines[0]);
    cr_assert_str_eq(lines[1], "  \u2592\u2592            ", "row 1 (Unicode): got '%s'", lines[1]);
}

Test(eval, confident_mistakes_sorted_and_limited)
{
    const double P[12] = {0.9, 0.1,  0.3, 0.7,  0.05, 0.95,
                          0.6, 0.4,  0.2, 0.8,  0.2, 0.8};
    const int truth[6] = {0, 0, 0, 1, 0, 0};     /* wrong: all but sample 0 */
    size_t idx[6];
    size_t got = sl_confident_mistakes(P, truth, 6, 2, 6, idx);
    const size_t want[5] = {2, 4, 5, 1, 3};       /* .95, .8, .8 (tie: lower first), .7, .6 */
    cr_assert_eq(got, 5, "expected 5 mistakes, got %zu", got);
    for (size_t r = 0; r < 5; r++)
        cr_assert_eq(idx[r], want[r], "mistake %zu: expected sample %zu, got %zu", r, want[r], idx[r]);
    got = sl_confident_mistakes(P, truth, 6, 2, 2, idx);
    cr_assert(got == 2 && idx[0] == 2 && idx[1] == 4,
              "the 2 most confident: expected samples 2, 4; got %zu of them: %zu, %zu", got,
              idx[0], idx[1]);
    cr_assert_eq(sl_confident_mistakes(P, truth, 6, 2, 0, idx), 0, "m = 0 must give none");
}

Test(eval, digits_ocr_accuracy_confusion_and_calibration, .timeout = 60)
{
    sl_ocr o;
    char err[256];
    cr_assert(sl_ocr_run("digits", 0.3, 0.1, 200, 1, &o, err, sizeof err) == 0, "%s", err);
    const size_t n = o.test.n, k = o.test.k;
    cr_assert(n == 539 && k == 10 && o.test.d == 64, "digits test split: expected 539×64, k = 10; got %zu×%zu, k = %zu",
              n, o.test.d, k);
    cr_assert(o.accuracy >= 0.93, "held-out accuracy on digits: expected ≥ 93%%, got %.2f%%",
              100 * o.accuracy);
    double lo = 1e9, hi = -1e9;                   /* raw pixels: 0 … 16 */
    for (size_t e = 0; e < n * 64; e++)
        lo = fmin(lo, o.raw_test[e]), hi = fmax(hi, o.raw_test[e]);
    cr_assert(lo == 0 && hi == 16, "raw test pixels: expected the range 0..16, got %g..%g", lo, hi);

    size_t counts[100], total = 0, diagonal = 0;
    sl_confusion(o.test.y, o.pred, n, k, counts);
    for (size_t t = 0; t < k; t++)
        for (size_t p = 0; p < k; p++)
            total += counts[t * k + p], diagonal += t == p ? counts[t * k + p] : 0;
    cr_assert(total == n && diagonal == (size_t)lround(o.accuracy * (double)n),
              "confusion matrix: expected %zu samples, %ld on the diagonal; got %zu, %zu",
              n, lround(o.accuracy * (double)n), total, diagonal);

    size_t count[10];
    double conf[10], bacc[10], direct = 0.0;
    double ece = sl_calibration(o.P, o.test.y, n, k, 10, count, conf, bacc);
    for (size_t i = 0; i < 10; i++)          /* ECE recomputed from the bins */
        direct += (double)count[i] / (double)n * fabs(bacc[i] - conf[i]);
    cr_assert(ece > 0 && ece < 0.2 && fabs(ece - direct) < 1e-12,
              "ECE on held-out digits: got %.4f (from the bins: %.4f); expected in (0, 0.2)", ece,
              direct);
    sl_ocr_free(&o);
    cr_assert(sl_ocr_run("no-such-data.csv", 0.3, 0.1, 1, 1, &o, err, sizeof err) == -1 &&
                  strstr(err, "no-such-data.csv"),
              "a missing dataset must fail naming it; got: %s", err);
    cr_assert(sl_ocr_run("iris", 0.0, 0.1, 1, 1, &o, err, sizeof err) == -1 &&
                  strstr(err, "test rows"),
              "no test rows must fail and say so; got: %s", err);
}

Test(eval, printers_speak_chinese_when_asked)
{
    const size_t counts[4] = {3, 1, 0, 12}, count[2] = {0, 4};
    const double conf[2] = {0, 0.5}, acc[2] = {0, 0.3};
    char *text = NULL;
    CAPTURE(text, sl_confusion_print(out, counts, 2, NULL, 1));
    cr_assert(strstr(text, "真实") && strstr(text, "预测") && strstr(text, "召回率"),
              "confusion matrix in Chinese: expected 真实, 预测, 召回率 in:\n%s", text);
    free(text);
    CAPTURE(text, sl_reliability_print(out, count, conf, acc, 2, 0.2, 10, 0, 1));
    cr_assert(strstr(text, "期望校准误差 (ECE): 0.2000") && strstr(text, "(空)") &&
                  strstr(text, "\u2588\u2588\u2588"),
              "reliability diagram in Chinese with Unicode bars: not found in:\n%s", text);
    free(text);
}

Test(eval, diverged_model_nan_rows_count_as_zero_confidence)
{
    const double P[4] = {NAN, NAN, 0.9, 0.1};
    const int truth[2] = {0, 0};
    size_t count[4];
    double conf[4], acc[4];
    double ece = sl_calibration(P, truth, 2, 2, 4, count, conf, acc);
    cr_assert(count[0] == 1 && count[3] == 1 && isfinite(ece),
              "a NaN row must land in bin 0 (got counts %zu %zu %zu %zu, ECE %g)", count[0],
              count[1], count[2], count[3], ece);
    double px[64];
    for (size_t e = 0; e < 64; e++)
        px[e] = NAN;
    char lines[8][SL_DIGIT_LINE];
    sl_digit_art(px, 16, 1, lines);
    cr_assert_str_eq(lines[3], "                ", "NaN pixels must be blank, got '%s'", lines[3]);
}

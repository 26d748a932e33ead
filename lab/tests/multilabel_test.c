/* multilabel_test.c — the lesson's multi-label demo (lab/multilabel.c) on
 * its toy data: the loss falls, each label is learnt, and some point gets
 * both labels above 0.5 at once (which softmax could never give). */
#include "multilabel.h"
#include "softmax_lab.h"

#include <criterion/criterion.h>
#include <math.h>

#define N 200

Test(multilabel, toy_data_has_every_label_combination)
{
    double X[2 * N], Y[2 * N];
    size_t combos[4] = {0};
    sl_multilabel_toy(N, 0.0, 3, X, Y);
    for (size_t i = 0; i < N; i++) {
        cr_assert(Y[2 * i] == (X[2 * i] > 0) && Y[2 * i + 1] == (X[2 * i + 1] > 0),
                  "point %zu (%.3f, %.3f): labels (%g, %g) do not say x > 0, y > 0", i, X[2 * i],
                  X[2 * i + 1], Y[2 * i], Y[2 * i + 1]);
        combos[(size_t)(2 * Y[2 * i] + Y[2 * i + 1])]++;
    }
    for (size_t c = 0; c < 4; c++)
        cr_assert(combos[c] > 20, "label pair (%zu, %zu) appears only %zu times in %d points",
                  c / 2, c % 2, combos[c], N);
}

Test(multilabel, training_learns_both_labels_and_two_at_once)
{
    double X[2 * N], Y[2 * N], S[2 * N], W[4] = {0}, b[2] = {0}, hist[300];
    sl_multilabel_toy(N, 0.05, 3, X, Y);
    double final = sl_multilabel_train(X, Y, N, 2, 2, W, b, 0.5, 300, hist);
    cr_assert(hist[0] > 0.69 && hist[0] < 0.70, "loss at W = 0: expected ln 2 = 0.693, got %.6f", hist[0]);
    cr_assert(final < 0.35, "loss after 300 epochs: expected < 0.35, got %.6f (from %.6f)", final, hist[0]);
    for (size_t e = 1; e < 300; e++)
        cr_assert(hist[e] <= hist[e - 1] + 1e-12, "loss rose at epoch %zu: %.9f -> %.9f", e,
                  hist[e - 1], hist[e]);
    sl_multilabel_predict(X, W, b, N, 2, 2, S);
    size_t right[2] = {0}, both = 0;
    for (size_t i = 0; i < N; i++) {
        for (size_t j = 0; j < 2; j++)
            right[j] += (S[2 * i + j] > 0.5) == (X[2 * i + j] > 0);
        both += S[2 * i] > 0.5 && S[2 * i + 1] > 0.5;
    }
    cr_assert(right[0] >= 0.9 * N && right[1] >= 0.9 * N,
              "per-label accuracy: expected ≥ 90%% each, got %.1f%% (x > 0) and %.1f%% (y > 0)",
              100.0 * (double)right[0] / N, 100.0 * (double)right[1] / N);
    cr_assert(both > 20, "points with both labels above 0.5: expected > 20, got %zu", both);
    double q[2] = {2.0, 2.0}, s[2];                /* a first-quadrant point */
    sl_multilabel_predict(q, W, b, 1, 2, 2, s);
    cr_assert(s[0] > 0.5 && s[1] > 0.5 && s[0] + s[1] > 1.0,
              "at (2, 2): expected both labels > 0.5 (sum > 1, unlike softmax); got %.4f, %.4f",
              s[0], s[1]);
}

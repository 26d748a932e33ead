/* test_runtime.c — the runtime helpers of softmax_lab.h and language choice. */
#include "lang.h"
#include "softmax_lab.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

Test(runtime, logits_adds_bias_to_every_row)
{
    /* X 2×3, W 3×2, b 2: non-square so that a transpose cannot hide */
    const double X[6] = {1, 2, 3, 4, 5, 6}, W[6] = {1, -1, 0, 2, 0.5, 0}, b[2] = {10, 20};
    double Z[4];
    logits(X, W, b, 2, 3, 2, Z);
    const double want[4] = {1 + 0 + 1.5 + 10, -1 + 4 + 0 + 20, 4 + 0 + 3 + 10, -4 + 10 + 0 + 20};
    for (size_t i = 0; i < 4; i++)
        cr_assert_eq(Z[i], want[i], "Z[%zu][%zu]: expected %g, got %g", i / 2, i % 2, want[i], Z[i]);
}

Test(runtime, one_hot_sets_one_entry_per_row)
{
    const int labels[3] = {2, 0, 1};
    double Y[9];
    for (size_t i = 0; i < 9; i++)
        Y[i] = 42; /* must be overwritten */
    one_hot(labels, 3, 3, Y);
    for (size_t i = 0; i < 3; i++)
        for (size_t j = 0; j < 3; j++)
            cr_assert_eq(Y[i * 3 + j], (int)j == labels[i] ? 1.0 : 0.0, "Y[%zu][%zu] = %g", i, j, Y[i * 3 + j]);
}

Test(runtime, argmax_first_on_ties_and_empty)
{
    const double v[5] = {1, 3, -2, 3, 0};
    cr_assert_eq(argmax(v, 5), 1, "argmax of {1,3,-2,3,0}: expected 1 (first of ties), got %zu", argmax(v, 5));
    cr_assert_eq(argmax(v, 0), 0, "argmax of nothing: expected 0");
    const double neg[3] = {-5, -1, -3};
    cr_assert_eq(argmax(neg, 3), 1, "argmax of negatives: expected 1, got %zu", argmax(neg, 3));
}

Test(runtime, predict_and_accuracy)
{
    const double X[6] = {1, 0, 0, 1, 1, 1}, W[4] = {2, 0, 0, 3}, b[2] = {0, -0.5};
    int pred[3];
    predict(X, W, b, 3, 2, 2, pred);
    const int want[3] = {0, 1, 1}; /* rows: (2,-0.5) (0,2.5) (2,2.5) */
    for (size_t i = 0; i < 3; i++)
        cr_assert_eq(pred[i], want[i], "pred[%zu]: expected %d, got %d", i, want[i], pred[i]);
    const int truth[3] = {0, 0, 1};
    cr_assert_float_eq(accuracy(pred, truth, 3), 2.0 / 3.0, 1e-15, "accuracy: expected 2/3, got %g",
                       accuracy(pred, truth, 3));
    cr_assert_eq(accuracy(pred, truth, 0), 0.0, "accuracy of nothing: expected 0");
}

Test(runtime, not_implemented_is_taken_once)
{
    sl_not_implemented("softmax");
    const char *f = sl_take_not_implemented();
    cr_assert(f && !strcmp(f, "softmax"), "expected 'softmax', got %s", f ? f : "NULL");
    cr_assert_null(sl_take_not_implemented(), "the flag must reset after it is taken");
}

Test(lang, env_picks_chinese)
{
    static const struct {
        const char *forced, *lc_all, *lang;
        int want;
    } cases[] = {
        {NULL, NULL, "zh_CN.UTF-8", 1}, {NULL, NULL, "en_US.UTF-8", 0}, {NULL, NULL, NULL, 0},
        {"zh", NULL, "en_US.UTF-8", 1}, {"en", NULL, "zh_CN.UTF-8", 0}, {NULL, "C", "zh_CN.UTF-8", 0},
        {NULL, "zh_TW.UTF-8", "en_US", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsetenv("LC_MESSAGES");
        cases[i].forced ? setenv("SOFTMAX_LAB_LANG", cases[i].forced, 1) : unsetenv("SOFTMAX_LAB_LANG");
        cases[i].lc_all ? setenv("LC_ALL", cases[i].lc_all, 1) : unsetenv("LC_ALL");
        cases[i].lang ? setenv("LANG", cases[i].lang, 1) : unsetenv("LANG");
        cr_assert_eq(sl_lang_zh(), cases[i].want, "case %zu (SOFTMAX_LAB_LANG=%s LC_ALL=%s LANG=%s): expected %d", i,
                     cases[i].forced ? cases[i].forced : "-", cases[i].lc_all ? cases[i].lc_all : "-",
                     cases[i].lang ? cases[i].lang : "-", cases[i].want);
    }
    sl_text t = {"hello", NULL};
    cr_assert_str_eq(sl_text_get(&t, 1), "hello", "zh missing: falls back to en");
}

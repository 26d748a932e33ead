/* test_lib.c — unit tests of the check library itself (grader/lib):
 * tolerant comparison, the numerical gradient, and the train diagnosis
 * (every train mistake, simulated, is named as itself).  Run by
 * `make test-suites` as $(BUILD)/suites/lib-test. */
#include <math.h>
#include <string.h>

#include <criterion/criterion.h>

#include "compare.h"
#include "diagnose.h"
#include "mistakes.h"
#include "numgrad.h"
#include "oracle.h"
#include "rng.h"
#include "softmax_lab.h"

static void fill_normal(double *a, size_t count, double scale, uint64_t seed)
{
    sl_rng r;
    sl_rng_seed(&r, seed);
    for (size_t e = 0; e < count; e++)
        a[e] = scale * sl_rng_normal(&r);
}

Test(lib, close_handles_nan_and_inf, .timeout = 5)
{
    cr_assert(sl_close(NAN, NAN, 0, 0), "NaN must agree with NaN (variants may produce NaN)");
    cr_assert(!sl_close(1.0, NAN, 1, 1), "NaN must never agree with a number");
    cr_assert(!sl_close(NAN, 1.0, 1, 1), "a number must never agree with NaN");
    cr_assert(sl_close(INFINITY, INFINITY, 0, 0), "inf agrees with inf");
    cr_assert(!sl_close(INFINITY, -INFINITY, 1, 1), "inf does not agree with -inf");
    cr_assert(!sl_close(1e308, INFINITY, 1, 1), "inf never agrees with a finite number");
    cr_assert(sl_close(1.0, 1.0 + 1e-11, 1e-12, 1e-10), "within atol + rtol*|e|");
    cr_assert(!sl_close(1.0, 1.0 + 1e-9, 1e-12, 1e-10), "outside atol + rtol*|e|");
}

Test(lib, compare_reports_first_difference, .timeout = 5)
{
    double e[12] = {0}, g[12] = {0};
    g[1 * 4 + 2] = 0.5;            /* row 1, column 2 */
    g[2 * 4 + 0] = -2.0;           /* row 2, column 0 */
    sl_cmp c = sl_compare(e, g, 3, 4, 1e-12, 0);
    cr_assert(!c.ok);
    cr_assert_eq(c.i, 1, "first differing row: expected 1, got %zu", c.i);
    cr_assert_eq(c.j, 2, "first differing column: expected 2, got %zu", c.j);
    cr_assert_eq(c.n_bad, 2, "differing entries: expected 2, got %zu", c.n_bad);
    cr_assert_eq(c.max_abs_diff, 2.0, "max abs diff: expected 2, got %g", c.max_abs_diff);
    g[5] = NAN;
    c = sl_compare(e, g, 3, 4, 1e-12, 0);
    cr_assert(isinf(c.max_abs_diff), "a NaN entry makes the max abs diff inf, got %g", c.max_abs_diff);
    cr_assert(sl_compare(e, e, 3, 4, 0, 0).ok, "a matrix agrees with itself");
}

Test(lib, rel_error_rejects_zero_gradient, .timeout = 5)
{
    double num[3] = {0.1, -0.2, 0.1}, zero[3] = {0, 0, 0}, twice[3] = {0.2, -0.4, 0.2};
    cr_assert_eq(sl_rel_error(num, zero, 3), 1.0, "an all-zero gradient has relative error 1");
    cr_assert(fabs(sl_rel_error(num, twice, 3) - 0.5) < 1e-15, "2x the gradient: relative error 0.5");
    cr_assert_eq(sl_rel_error(num, num, 3), 0.0);
}

Test(lib, numerical_gradient_matches_reference, .timeout = 10)
{
    enum { n = 9, d = 3, k = 4 };
    double X[n * d], W[d * k], b[k], Y[n * k], P[n * k], dW[d * k], db[k], gW[d * k], gb[k];
    fill_normal(X, n * d, 1.0, 1);
    fill_normal(W, d * k, 0.5, 2);
    fill_normal(b, k, 0.5, 3);
    fill_normal(Y, n * k, 1.0, 4);
    ref_softmax(Y, Y, n, k);                         /* soft targets */
    logits(X, W, b, n, d, k, P);
    ref_softmax(P, P, n, k);
    ref_grad_w(X, P, Y, n, d, k, dW);
    ref_grad_b(P, Y, n, k, db);
    sl_numgrad(X, Y, W, b, n, d, k, 1e-5, gW, gb);
    double ew = sl_rel_error(gW, dW, d * k), eb = sl_rel_error(gb, db, k);
    cr_assert(ew < 1e-8, "dW vs central differences: relative error %.3g", ew);
    cr_assert(eb < 1e-8, "db vs central differences: relative error %.3g", eb);
}

/* Simulates every train mistake on one problem and checks that the
 * diagnosis names exactly that mistake: the variants are told apart. */
Test(lib, every_train_mistake_is_named_as_itself, .timeout = 20)
{
    enum { n = 30, d = 4, k = 3, epochs = 12 };
    double X[n * d], Y[n * k], W0[d * k], b0[k];
    fill_normal(X, n * d, 1.0, 11);
    memset(Y, 0, sizeof Y);
    for (size_t i = 0; i < n; i++)
        Y[i * k + i % k] = 1.0;
    fill_normal(W0, d * k, 0.3, 12);
    fill_normal(b0, k, 0.3, 13);
    sl_train_case c = {X, Y, n, d, k, W0, b0, 0.4, epochs};
    double W[d * k], b[k], hist[epochs];
    for (const char *const *id = sl_train_mistakes; *id; id++) {
        for (size_t e = 0; e < epochs; e++)
            hist[e] = NAN;
        double ret = sl_train_variant(*id, &c, W, b, hist);
        sl_train_out got = {W, b, hist, ret};
        const char *named = sl_diag_train(&c, &got);
        cr_expect(named && strcmp(named, *id) == 0, "simulated %s, diagnosed %s", *id,
                  named ? named : "(nothing)");
        cr_expect(sl_mistake_title(*id, 0) != NULL, "%s is not in the mistake catalogue", *id);
        got.hist = NULL;                             /* without a history (null_history) */
        named = sl_diag_train(&c, &got);
        cr_expect(named != NULL, "simulated %s without history: nothing diagnosed", *id);
    }
    double ret = sl_train_variant(NULL, &c, W, b, hist);
    double W2[d * k], b2[k], hist2[epochs];
    memcpy(W2, W0, sizeof W2);
    memcpy(b2, b0, sizeof b2);
    double ret2 = ref_train(X, Y, n, d, k, W2, b2, 0.4, epochs, hist2);
    cr_assert(sl_agree(W2, W, d * k, 1e-12, 1e-12) && sl_agree(b2, b, k, 1e-12, 1e-12)
              && sl_agree(hist2, hist, epochs, 1e-12, 1e-12) && sl_close(ret2, ret, 1e-12, 1e-12),
              "sl_train_variant(NULL) must be the reference trajectory");
}

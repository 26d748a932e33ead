/* test_lib.c — unit tests of the check library itself (grader/lib):
 * tolerant comparison, the numerical gradient, and the train diagnosis
 * (every train mistake, simulated, is named as itself).  Run by
 * `make test-suites` as $(BUILD)/suites/lib-test. */
#include <math.h>
#include <string.h>

#include <criterion/criterion.h>

#include "accurate.h"
#include "compare.h"
#include "observe.h"
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

/* A "student" train() that makes mistake sim_id (NULL: none): the second,
 * independent input of the diagnosis is run through it. */
static const char *sim_id;

static double sim_train(const double *X, const double *Y, size_t n, size_t d, size_t k,
                        double *W, double *b, double lr, size_t epochs, double *hist)
{
    double W0[64], b0[16];
    memcpy(W0, W, d * k * sizeof *W);
    memcpy(b0, b, k * sizeof *b);
    sl_train_case c = {X, Y, n, d, k, W0, b0, lr, epochs};
    return sl_train_variant(sim_id, &c, W, b, hist);
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
        sim_id = *id;
        const char *named = sl_diag_train(&c, &got, sim_train);
        cr_expect(named && strcmp(named, *id) == 0, "simulated %s, diagnosed %s", *id,
                  named ? named : "(nothing)");
        cr_expect(sl_mistake_title(*id, 0) != NULL, "%s is not in the mistake catalogue", *id);
        got.hist = NULL;                             /* without a history (null_history) */
        named = sl_diag_train(&c, &got, sim_train);
        /* without a history a mistake in the history alone is invisible:
         * nothing or the mistake itself, never another one */
        cr_expect(!named || strcmp(named, *id) == 0,
                  "simulated %s without history: diagnosed %s", *id, named);
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

/* The accurate evaluator agrees with reference/ within the stated bounds,
 * on ordinary and on extreme inputs. */
Test(lib, accurate_values_match_reference, .timeout = 10)
{
    enum { n = 7, d = 3, k = 5 };
    double Z[n * k], P[n * k], E[n * k], T[n * k], X[n * d], Y[n * k];
    fill_normal(Z, n * k, 3.0, 21);
    for (size_t j = 0; j < k; j++)
        Z[j] += 1000.0, Z[k + j] -= 1000.0, Z[2 * k + j] = j % 2 ? 1000.0 : -1000.0;
    ref_softmax(Z, P, n, k);
    sl_acc_softmax(Z, E, T, n, k);
    cr_assert(sl_agree_tol(E, P, T, n * k), "reference softmax outside the bound of the evaluator");
    fill_normal(Y, n * k, 1.0, 22);
    ref_softmax(Y, Y, n, k);
    double tol, L = sl_acc_cross_entropy(P, Y, n, k, &tol);
    cr_assert(sl_within(L, ref_cross_entropy(P, Y, n, k), tol), "cross-entropy outside its bound");
    fill_normal(X, n * d, 10.0, 23);
    double G[d * k], GT[d * k], R[d * k];
    sl_acc_grad(X, P, Y, n, d, k, G, GT);
    ref_grad_w(X, P, Y, n, d, k, R);
    cr_assert(sl_agree_tol(G, R, GT, d * k), "grad_w outside its bound");
    sl_acc_grad(NULL, P, Y, n, 1, k, G, GT);
    ref_grad_b(P, Y, n, k, R);
    cr_assert(sl_agree_tol(G, R, GT, k), "grad_b outside its bound");
}

/* A log-sum-exp softmax (another backward-stable style) is inside the
 * bound; a float one is outside. */
Test(lib, bounds_accept_other_styles_reject_float, .timeout = 10)
{
    enum { n = 50, k = 4 };
    double Z[n * k], E[n * k], T[n * k], A[n * k], F[n * k];
    fill_normal(Z, n * k, 20.0, 31);
    sl_acc_softmax(Z, E, T, n, k);
    for (size_t i = 0; i < n; i++) {
        double m = Z[i * k], s = 0.0;
        for (size_t j = 1; j < k; j++)
            m = fmax(m, Z[i * k + j]);
        for (size_t j = 0; j < k; j++)
            s += exp(Z[i * k + j] - m);
        const double lse = m + log(s);
        float fs = 0.0f;
        for (size_t j = 0; j < k; j++)
            fs += expf((float)(Z[i * k + j] - m));
        for (size_t j = 0; j < k; j++) {
            A[i * k + j] = exp(Z[i * k + j] - lse);
            F[i * k + j] = expf((float)(Z[i * k + j] - m)) / fs;
        }
    }
    cr_assert(sl_agree_tol(E, A, T, n * k), "log-sum-exp softmax rejected");
    cr_assert(!sl_agree_tol(E, F, T, n * k), "float softmax accepted");
}

/* A result within rounding of correct is never given a mistake's name. */
static void nudged_grad_w(const double *X, const double *P, const double *Y, size_t n, size_t d,
                          size_t k, double *dW)
{
    ref_grad_w(X, P, Y, n, d, k, dW);
    for (size_t e = 0; e < d * k; e++)
        dW[e] = nextafter(dW[e], 1.0);
}

static void reversed_grad_w(const double *X, const double *P, const double *Y, size_t n, size_t d,
                            size_t k, double *dW)
{
    ref_grad_w(X, P, Y, n, d, k, dW);
    for (size_t e = 0; e < d * k; e++)
        dW[e] = -dW[e];
}

Test(lib, decisive_names_only, .timeout = 10)
{
    enum { n = 9, d = 3, k = 4 };
    double X[n * d], P[n * k], Y[n * k], G[d * k];
    fill_normal(X, n * d, 1.0, 41);
    fill_normal(P, n * k, 1.0, 42);
    ref_softmax(P, P, n, k);
    memset(Y, 0, sizeof Y);
    for (size_t i = 0; i < n; i++)
        Y[i * k + i % k] = 1.0;
    nudged_grad_w(X, P, Y, n, d, k, G);
    cr_assert_null(sl_diag_grad_w(X, P, Y, n, d, k, NULL, G, nudged_grad_w),
                   "a dW one ulp from the right one was given a mistake's name");
    reversed_grad_w(X, P, Y, n, d, k, G);
    const char *m = sl_diag_grad_w(X, P, Y, n, d, k, NULL, G, reversed_grad_w);
    cr_assert(m && !strcmp(m, "sign_reversed"), "-dW on two inputs: expected sign_reversed, got %s", m);
    cr_assert_null(sl_diag_grad_w(X, P, Y, n, d, k, NULL, G, nudged_grad_w),
                   "named although the second input is right");
}

/* Observations from the numbers alone: factor n, transpose, last column,
 * shifted rows. */
Test(lib, observations_describe_any_wrong_answer, .timeout = 10)
{
    enum { r = 4, c = 3 };
    double E[r * c], T[r * c], G[r * c];
    fill_normal(E, r * c, 1.0, 51);
    for (size_t e = 0; e < r * c; e++)
        T[e] = 1e-15;
    sl_obs_mat o = {E, T, G, r, c, NULL, 10, r, c, "dW", "row", "行", "column", "列"};
    for (size_t e = 0; e < r * c; e++)
        G[e] = 10.0 * E[e];
    cr_assert_str_eq(sl_observe_mat(&o), "factor_n");
    for (size_t e = 0; e < r * c; e++)
        G[e] = -E[e];
    cr_assert_str_eq(sl_observe_mat(&o), "sign_flipped");
    for (size_t i = 0; i < r; i++)
        for (size_t j = 0; j < c; j++)
            G[j * r + i] = E[i * c + j];
    cr_assert_str_eq(sl_observe_mat(&o), "transposed");
    memcpy(G, E, sizeof G);
    for (size_t i = 0; i < r; i++)
        G[i * c + c - 1] += 0.5;
    cr_assert_str_eq(sl_observe_mat(&o), "last_col_wrong");
    for (size_t i = 0; i < r; i++)
        memcpy(G + i * c, E + ((i + 1) % r) * c, c * sizeof *G);
    const char *id = sl_observe_mat(&o);
    cr_assert(id && (!strcmp(id, "rows_shifted") || !strcmp(id, "rows_permuted")), "got %s", id);
    memcpy(G, E, sizeof G);
    cr_assert_null(sl_observe_mat(&o), "a right answer has no observation");
}

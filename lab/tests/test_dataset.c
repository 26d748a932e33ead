/* test_dataset.c — standardisation, feature selection, train/test split. */
#include "dataset.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

Test(standardize, mean_0_population_sd_1_constant_column_only_centred)
{
    /* columns: 1,2,3,4 (mean 2.5, population sd sqrt(1.25)); constant 7; -1,1,-1,1 */
    double X[12] = {1, 7, -1, 2, 7, 1, 3, 7, -1, 4, 7, 1};
    double mean[3], sd[3];
    sl_standardize_fit(X, 4, 3, mean, sd);
    const double want_mean[3] = {2.5, 7, 0}, want_sd[3] = {sqrt(1.25), 0, 1};
    for (size_t j = 0; j < 3; j++) {
        cr_assert_float_eq(mean[j], want_mean[j], 1e-15, "mean[%zu]: expected %.17g, got %.17g", j, want_mean[j], mean[j]);
        cr_assert_float_eq(sd[j], want_sd[j], 1e-15,
                           "sd[%zu]: expected %.17g (population: divide by n, not n-1), got %.17g", j, want_sd[j], sd[j]);
    }
    sl_standardize_apply(X, 4, 3, mean, sd);
    for (size_t j = 0; j < 3; j++) {
        double s = 0, ss = 0;
        for (size_t i = 0; i < 4; i++)
            s += X[i * 3 + j], ss += X[i * 3 + j] * X[i * 3 + j];
        cr_assert_float_eq(s / 4, 0.0, 1e-15, "column %zu: mean after standardising is %g", j, s / 4);
        double want_var = j == 1 ? 0.0 : 1.0;
        cr_assert_float_eq(ss / 4, want_var, 1e-14, "column %zu: variance after standardising: expected %g, got %.17g", j,
                           want_var, ss / 4);
    }
    for (size_t i = 0; i < 4; i++)
        cr_assert_eq(X[i * 3 + 1], 0.0, "constant column row %zu: expected 0 (centred, not divided by 0), got %g", i,
                     X[i * 3 + 1]);
}

Test(standardize, empty_input_gives_zeros)
{
    double mean[2] = {9, 9}, sd[2] = {9, 9};
    sl_standardize_fit(NULL, 0, 2, mean, sd);
    cr_assert(mean[0] == 0 && mean[1] == 0 && sd[0] == 0 && sd[1] == 0, "n = 0: expected mean 0, sd 0, got %g %g %g %g",
              mean[0], mean[1], sd[0], sd[1]);
}

static sl_dataset small(void)
{
    const char *csv = "a,b,c,label\n1,2,3,x\n4,5,6,y\n7,8,9,x\n10,11,12,z\n";
    sl_dataset ds = {0};
    char err[128];
    cr_assert_eq(sl_dataset_parse_csv(csv, strlen(csv), "s.csv", &ds, err, sizeof err), 0, "%s", err);
    return ds;
}

Test(dataset, select_picks_columns_in_order)
{
    sl_dataset ds = small(), sel = {0};
    char err[128];
    size_t cols[2] = {2, 0};
    cr_assert_eq(sl_dataset_select(&ds, cols, 2, &sel, err, sizeof err), 0, "%s", err);
    cr_assert(sel.n == 4 && sel.d == 2 && sel.k == 3, "shape: expected 4×2, k 3, got %zu×%zu, k %zu", sel.n, sel.d, sel.k);
    for (size_t i = 0; i < 4; i++) {
        cr_assert_eq(sel.X[i * 2], ds.X[i * 3 + 2], "row %zu col 0: expected column c", i);
        cr_assert_eq(sel.X[i * 2 + 1], ds.X[i * 3], "row %zu col 1: expected column a", i);
        cr_assert_eq(sel.y[i], ds.y[i], "row %zu: label changed", i);
    }
    cr_assert_str_eq(sel.features[0], "c");
    cr_assert_str_eq(sel.features[1], "a");
    size_t bad[1] = {3};
    cr_assert_eq(sl_dataset_select(&ds, bad, 1, &sel, err, sizeof err), -1, "column 3 of 3 must be rejected");
    cr_assert_str_eq(err, "feature 3 does not exist: s.csv has features 0 to 2", "got: %s", err);
    sl_dataset_free(&sel);
    sl_dataset_free(&ds);
}

Test(dataset, split_is_a_deterministic_partition)
{
    sl_dataset ds = {0}, tr = {0}, te = {0}, tr2 = {0}, te2 = {0};
    sl_dataset_blobs(20, 3, &ds);
    char err[128];
    cr_assert_eq(sl_dataset_split(&ds, 0.25, 11, &tr, &te, err, sizeof err), 0, "%s", err);
    cr_assert(tr.n == 45 && te.n == 15, "60 rows at 0.25: expected 45 + 15, got %zu + %zu", tr.n, te.n);
    cr_assert(tr.k == 3 && te.k == 3, "k must be kept in both parts");
    /* every row of ds appears exactly once in train ∪ test */
    int *used = calloc(ds.n, sizeof *used);
    for (size_t part = 0; part < 2; part++) {
        const sl_dataset *p = part ? &te : &tr;
        for (size_t i = 0; i < p->n; i++) {
            size_t hit = ds.n;
            for (size_t r = 0; r < ds.n; r++)
                if (!used[r] && ds.X[2 * r] == p->X[2 * i] && ds.X[2 * r + 1] == p->X[2 * i + 1] && ds.y[r] == p->y[i]) {
                    hit = r;
                    break;
                }
            cr_assert_lt(hit, ds.n, "%s row %zu is not an unused row of the input", part ? "test" : "train", i);
            used[hit] = 1;
        }
    }
    free(used);
    cr_assert_eq(sl_dataset_split(&ds, 0.25, 11, &tr2, &te2, err, sizeof err), 0);
    cr_assert_eq(memcmp(te.X, te2.X, te.n * 2 * sizeof *te.X), 0, "the same seed must give the same split");
    cr_assert_eq(sl_dataset_split(&ds, 1.0, 11, &tr2, &te2, err, sizeof err), -1, "fraction 1 must be rejected");
    cr_assert_str_eq(err, "test fraction 1 is not in [0, 1)", "got: %s", err);
    sl_dataset_free(&ds);
    sl_dataset_free(&tr);
    sl_dataset_free(&te);
    sl_dataset_free(&tr2);
    sl_dataset_free(&te2);
}

Test(dataset, blobs_deterministic_three_classes)
{
    sl_dataset a = {0}, b = {0};
    sl_dataset_blobs(10, 5, &a);
    sl_dataset_blobs(10, 5, &b);
    cr_assert(a.n == 30 && a.d == 2 && a.k == 3, "blobs(10): expected 30×2, k 3, got %zu×%zu, k %zu", a.n, a.d, a.k);
    cr_assert_eq(memcmp(a.X, b.X, 60 * sizeof *a.X), 0, "the same seed must give the same points");
    for (size_t i = 0; i < 30; i++)
        cr_assert_eq(a.y[i], (int)(i / 10), "y[%zu]: expected %zu, got %d", i, i / 10, a.y[i]);
    sl_dataset_free(&a);
    sl_dataset_free(&b);
}

/* split_move gives exactly what split gives, for fractions 0, 0.3 and 0.5,
 * and leaves the input empty. */
Test(dataset, split_move_equals_split)
{
    char err[256] = "";
    const double fractions[3] = {0.0, 0.3, 0.5};
    for (int f = 0; f < 3; f++) {
        sl_dataset all = {0}, tr = {0}, te = {0}, tr2 = {0}, te2 = {0};
        cr_assert_eq(sl_dataset_open("wine", &all, err, sizeof err), 0, "%s", err);
        cr_assert_eq(sl_dataset_split(&all, fractions[f], 7, &tr, &te, err, sizeof err), 0, "%s", err);
        cr_assert_eq(sl_dataset_split_move(&all, fractions[f], 7, &tr2, &te2, err, sizeof err), 0, "%s", err);
        cr_assert(all.X == NULL && all.n == 0, "the input must be left empty");
        cr_assert(tr.n == tr2.n && te.n == te2.n && tr2.d == tr.d && tr2.k == tr.k && te2.k == te.k,
                  "fraction %g: shapes %zu+%zu vs %zu+%zu", fractions[f], tr2.n, te2.n, tr.n, te.n);
        cr_assert(!memcmp(tr.X, tr2.X, tr.n * tr.d * sizeof *tr.X) && !memcmp(tr.y, tr2.y, tr.n * sizeof *tr.y),
                  "fraction %g: training rows differ", fractions[f]);
        cr_assert(!memcmp(te.X, te2.X, te.n * te.d * sizeof *te.X) && !memcmp(te.y, te2.y, te.n * sizeof *te.y),
                  "fraction %g: test rows differ", fractions[f]);
        cr_assert_str_eq(te2.classes[0], tr.classes[0]);
        sl_dataset_free(&tr), sl_dataset_free(&te), sl_dataset_free(&tr2), sl_dataset_free(&te2);
    }
}

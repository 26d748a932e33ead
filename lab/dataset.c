/* dataset.c — built-in datasets, selection, standardisation, split and
 * copy (contracts in dataset.h; the CSV parser is csv.c). */
#include "dataset.h"
#include "errbuf.h"
#include "rng.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The UCI CSVs compiled into the program (data_embed.c). */
extern const char sl_iris_csv[], sl_wine_csv[], sl_digits_csv[];

const char *const sl_builtin_datasets[] = {"blobs", "iris", "wine", "digits", NULL};

static void free_names(char **names, size_t count)
{
    if (names)
        for (size_t i = 0; i < count; i++)
            free(names[i]);
    free(names);
}

void sl_dataset_free(sl_dataset *ds)
{
    free(ds->X);
    free(ds->y);
    free_names(ds->features, ds->d);
    free_names(ds->classes, ds->k);
    memset(ds, 0, sizeof *ds);
}

static char **copy_names(char *const *names, const size_t *pick, size_t count)
{
    char **c = calloc(count ? count : 1, sizeof *c);
    for (size_t i = 0; c && i < count; i++)
        if (!(c[i] = strdup(names[pick ? pick[i] : i]))) {
            free_names(c, i);
            return NULL;
        }
    return c;
}

/* Allocates X, y and the name arrays of a dataset shaped like `like` but with
 * n rows and d features (names copied from like, columns from pick). */
static int alloc_like(const sl_dataset *like, size_t n, size_t d, const size_t *pick,
                      sl_dataset *out)
{
    memset(out, 0, sizeof *out);
    out->n = n;
    out->d = d;
    out->k = like->k;
    memcpy(out->name, like->name, sizeof out->name);
    out->X = malloc((n * d > 0 ? n * d : 1) * sizeof *out->X);
    out->y = malloc((n ? n : 1) * sizeof *out->y);
    out->features = copy_names(like->features, pick, d);
    out->classes = copy_names(like->classes, NULL, like->k);
    if (out->X && out->y && out->features && out->classes)
        return 0;
    if (!out->features)
        out->d = 0;
    if (!out->classes)
        out->k = 0;
    sl_dataset_free(out);
    return -1;
}

int sl_dataset_copy(const sl_dataset *in, sl_dataset *out)
{
    if (alloc_like(in, in->n, in->d, NULL, out) != 0)
        return -1;
    memcpy(out->X, in->X, in->n * in->d * sizeof *in->X);
    memcpy(out->y, in->y, in->n * sizeof *in->y);
    return 0;
}

void sl_dataset_blobs(size_t per_class, uint64_t seed, sl_dataset *out)
{
    static const double centre[3][2] = {{0.0, 2.2}, {-2.0, -1.3}, {2.0, -1.3}};
    static char *const classes[3] = {"0", "1", "2"}, *const features[2] = {"x1", "x2"};
    const sl_dataset like = {.k = 3, .classes = (char **)classes, .features = (char **)features,
                             .name = "blobs"};
    if (alloc_like(&like, 3 * per_class, 2, NULL, out) != 0)
        abort();
    sl_rng r;
    sl_rng_seed(&r, seed);
    for (size_t i = 0; i < out->n; i++) {
        int c = (int)(i / per_class);
        out->y[i] = c;
        out->X[2 * i] = centre[c][0] + 0.8 * sl_rng_normal(&r);
        out->X[2 * i + 1] = centre[c][1] + 0.8 * sl_rng_normal(&r);
    }
}

int sl_dataset_open(const char *name, sl_dataset *out, char *err, size_t errlen)
{
    static const struct {
        const char *name, *text;
    } builtin[] = {{"iris", sl_iris_csv}, {"wine", sl_wine_csv}, {"digits", sl_digits_csv}};
    if (strcmp(name, "blobs") == 0) {
        sl_dataset_blobs(100, 5, out);
        return 0;
    }
    for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++)
        if (strcmp(name, builtin[i].name) == 0) {
            char file[64];
            snprintf(file, sizeof file, "%s.csv", name);
            if (sl_dataset_parse_csv(builtin[i].text, strlen(builtin[i].text), file, out, err, errlen))
                return -1;
            snprintf(out->name, sizeof out->name, "%s", name);
            return 0;
        }
    if (!strchr(name, '.') && !strchr(name, '/'))
        return sl_errorf(err, errlen, "unknown dataset '%s': use blobs, iris, wine, digits or a path to a .csv file", name);
    return sl_dataset_load_csv(name, out, err, errlen);
}

int sl_dataset_select(const sl_dataset *in, const size_t *cols, size_t m,
                      sl_dataset *out, char *err, size_t errlen)
{
    if (m == 0)
        return sl_errorf(err, errlen, "no features selected");
    for (size_t j = 0; j < m; j++)
        if (cols[j] >= in->d)
            return sl_errorf(err, errlen, "feature %zu does not exist: %s has features 0 to %zu",
                        cols[j], in->name, in->d - 1);
    if (alloc_like(in, in->n, m, cols, out) != 0)
        return sl_errorf(err, errlen, "out of memory");
    for (size_t i = 0; i < in->n; i++)
        for (size_t j = 0; j < m; j++)
            out->X[i * m + j] = in->X[i * in->d + cols[j]];
    memcpy(out->y, in->y, in->n * sizeof *in->y);
    return 0;
}

void sl_standardize_fit(const double *X, size_t n, size_t d, double *mean, double *sd)
{
    for (size_t j = 0; j < d; j++) {
        double sum = 0.0;
        for (size_t i = 0; i < n; i++)
            sum += X[i * d + j];
        mean[j] = n ? sum / (double)n : 0.0;
        double ss = 0.0;
        for (size_t i = 0; i < n; i++) {
            double dev = X[i * d + j] - mean[j];
            ss += dev * dev;
        }
        sd[j] = n ? sqrt(ss / (double)n) : 0.0;
    }
}

void sl_standardize_apply(double *X, size_t n, size_t d, const double *mean, const double *sd)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < d; j++) {
            double v = X[i * d + j] - mean[j];
            X[i * d + j] = sd[j] > 0.0 ? v / sd[j] : v;
        }
}

static void take_rows(const sl_dataset *in, const size_t *rows, sl_dataset *out)
{
    for (size_t i = 0; i < out->n; i++) {
        memcpy(out->X + i * in->d, in->X + rows[i] * in->d, in->d * sizeof *in->X);
        out->y[i] = in->y[rows[i]];
    }
}

int sl_dataset_split(const sl_dataset *in, double test_fraction, uint64_t seed,
                     sl_dataset *train, sl_dataset *test, char *err, size_t errlen)
{
    if (!(test_fraction >= 0.0 && test_fraction < 1.0))
        return sl_errorf(err, errlen, "test fraction %g is not in [0, 1)", test_fraction);
    size_t n_test = (size_t)llround(test_fraction * (double)in->n);
    size_t *idx = malloc((in->n ? in->n : 1) * sizeof *idx);
    if (!idx)
        return sl_errorf(err, errlen, "out of memory");
    for (size_t i = 0; i < in->n; i++)
        idx[i] = i;
    sl_rng r;
    sl_rng_seed(&r, seed);
    sl_rng_shuffle(&r, idx, in->n);
    if (alloc_like(in, in->n - n_test, in->d, NULL, train) != 0) {
        free(idx);
        return sl_errorf(err, errlen, "out of memory");
    }
    if (alloc_like(in, n_test, in->d, NULL, test) != 0) {
        sl_dataset_free(train);
        free(idx);
        return sl_errorf(err, errlen, "out of memory");
    }
    take_rows(in, idx + n_test, train);
    take_rows(in, idx, test);
    free(idx);
    return 0;
}

/* Rows of ds reordered in place so that row i becomes the old row idx[i]
 * (a permutation of 0 … n−1), one cycle at a time through one spare row;
 * idx is used up.  tmp: d doubles. */
static void permute_rows(sl_dataset *ds, size_t *idx, double *tmp)
{
    const size_t d = ds->d, done = (size_t)-1, row = d * sizeof *ds->X;
    for (size_t i = 0; i < ds->n; i++) {
        if (idx[i] == done)
            continue;
        memcpy(tmp, ds->X + i * d, row);
        const int label = ds->y[i];
        for (size_t j = i;;) {
            const size_t src = idx[j];
            idx[j] = done;
            if (src == i) {
                memcpy(ds->X + j * d, tmp, row);
                ds->y[j] = label;
                break;
            }
            memcpy(ds->X + j * d, ds->X + src * d, row);
            ds->y[j] = ds->y[src];
            j = src;
        }
    }
}

int sl_dataset_split_move(sl_dataset *all, double test_fraction, uint64_t seed,
                          sl_dataset *train, sl_dataset *test, char *err, size_t errlen)
{
    if (!(test_fraction >= 0.0 && test_fraction < 1.0))
        return sl_errorf(err, errlen, "test fraction %g is not in [0, 1)", test_fraction);
    const size_t n = all->n, d = all->d, n_test = (size_t)llround(test_fraction * (double)n);
    size_t *idx = malloc((n ? n : 1) * sizeof *idx);
    double *tmp = malloc((d ? d : 1) * sizeof *tmp);
    if (!idx || !tmp || alloc_like(all, n_test, d, NULL, test) != 0) {
        free(idx), free(tmp);
        return sl_errorf(err, errlen, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    sl_rng r;
    sl_rng_seed(&r, seed);
    sl_rng_shuffle(&r, idx, n);
    permute_rows(all, idx, tmp);                  /* as sl_dataset_split's order */
    free(idx), free(tmp);
    memcpy(test->X, all->X, n_test * d * sizeof *all->X);
    memcpy(test->y, all->y, n_test * sizeof *all->y);
    *train = *all;
    memset(all, 0, sizeof *all);
    train->n = n - n_test;
    if (n_test) {
        memmove(train->X, train->X + n_test * d, train->n * d * sizeof *train->X);
        memmove(train->y, train->y + n_test, train->n * sizeof *train->y);
    }
    return 0;
}

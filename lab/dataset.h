/* dataset.h — labelled datasets: the built-in ones (blobs of lecture §5,
 * iris, wine, digits), a CSV loader, feature selection, standardisation and a
 * train/test split.  A dataset owns all its memory; free it with
 * sl_dataset_free().  Functions returning int give 0 on success and −1 on
 * error, with a one-line message naming the place ("iris.csv:37: …") in err. */
#ifndef SL_DATASET_H
#define SL_DATASET_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    size_t n, d, k;    /* samples, features, classes */
    double *X;         /* n×d row-major features */
    int *y;            /* n class indices in [0, k) */
    char **features;   /* d feature names */
    char **classes;    /* k class names, numbered in order of first appearance */
    char name[64];     /* short name for titles: "iris", "blobs", a file name */
} sl_dataset;

/* Releases everything ds owns and zeroes it; safe on a zeroed dataset. */
void sl_dataset_free(sl_dataset *ds);

/* Parses CSV text (len bytes, need not be NUL-terminated): a header row, then
 * rows of numeric features with the class name as the last field.  Blank lines
 * are skipped; CRLF is accepted.  `filename` is used in messages only. */
int sl_dataset_parse_csv(const char *text, size_t len, const char *filename,
                         sl_dataset *out, char *err, size_t errlen);

/* Reads and parses the CSV file at path (messages name the path). */
int sl_dataset_load_csv(const char *path, sl_dataset *out, char *err, size_t errlen);

/* The lecture's synthetic data: 3 Gaussian blobs in 2-D, per_class points
 * each, deterministic for a seed (sl_rng). */
void sl_dataset_blobs(size_t per_class, uint64_t seed, sl_dataset *out);

/* Loads "blobs" (100 per class, seed 5), "iris", "wine" or "digits" (the
 * UCI copies compiled into the program), or else a CSV file path. */
int sl_dataset_open(const char *name_or_path, sl_dataset *out, char *err, size_t errlen);

/* Names of the built-in datasets, NULL-terminated. */
extern const char *const sl_builtin_datasets[];

/* out = the columns cols[0..m−1] of in (in that order); checks the indices. */
int sl_dataset_select(const sl_dataset *in, const size_t *cols, size_t m,
                      sl_dataset *out, char *err, size_t errlen);

/* Column means and population standard deviations of X (n×d) into mean[d],
 * sd[d].  n == 0 gives mean 0, sd 0. */
void sl_standardize_fit(const double *X, size_t n, size_t d, double *mean, double *sd);

/* X[i][j] = (X[i][j] − mean[j]) / sd[j]; a column with sd 0 is only centred. */
void sl_standardize_apply(double *X, size_t n, size_t d, const double *mean, const double *sd);

/* Shuffles the rows with seed and puts round(n·test_fraction) of them in
 * test, the rest in train (class names and k are kept in both).
 * test_fraction in [0, 1). */
int sl_dataset_split(const sl_dataset *in, double test_fraction, uint64_t seed,
                     sl_dataset *train, sl_dataset *test, char *err, size_t errlen);

/* sl_dataset_split without a second copy of the data: the rows of *all
 * are shuffled in place and become train (its memory moves, *all is left
 * empty); only the test rows are copied.  Same rows in the same order as
 * sl_dataset_split.  On error *all is unchanged. */
int sl_dataset_split_move(sl_dataset *all, double test_fraction, uint64_t seed,
                          sl_dataset *train, sl_dataset *test, char *err, size_t errlen);

/* Deep copy of in. */
int sl_dataset_copy(const sl_dataset *in, sl_dataset *out);

#endif

/* inputs.h — deterministic test inputs for the checks (sl_rng streams, so
 * every run and every machine sees the same numbers).  All matrices are
 * row-major; memory comes from sl_mat() (freed when the check passes). */
#ifndef SL_INPUTS_H
#define SL_INPUTS_H

#include <stddef.h>
#include <stdint.h>

/* rows×cols entries, each mean + scale·N(0,1), from the stream `seed`. */
double *sl_in_normal(size_t rows, size_t cols, double mean, double scale, uint64_t seed);

/* n×k one-hot targets with random classes (every class used when n ≥ k);
 * labels (n entries) is filled too when not NULL. */
double *sl_in_one_hot(size_t n, size_t k, uint64_t seed, int *labels);

/* n×k soft targets: each row positive, summing to 1, no row one-hot. */
double *sl_in_soft(size_t n, size_t k, uint64_t seed);

/* n×k probabilities: the reference softmax of N(0, 1.5²) logits. */
double *sl_in_probs(size_t n, size_t k, uint64_t seed);

/* A copy of count doubles (NaN-filled scratch, then copied). */
double *sl_in_copy(const double *a, size_t count);

/* count entries of "garbage": large values of both signs, no zero rows.
 * Used to pre-fill outputs that must be overwritten, never read. */
void sl_in_garbage(double *a, size_t count, uint64_t seed);

#endif

/* rng.h — a small deterministic PRNG (xoshiro256**, seeded by splitmix64).
 * The integer stream is identical on every platform; never use rand().
 * Uniform doubles use exact arithmetic, so they are identical too; normal
 * deviates use log/sqrt (Marsaglia's polar method), identical wherever libm's
 * log is correctly rounded (glibc, musl, macOS). */
#ifndef SL_RNG_H
#define SL_RNG_H

#include <stdint.h>
#include <stddef.h>

typedef struct {
    uint64_t s[4];
} sl_rng;

/* Seeds the generator; every seed (0 included) gives a valid state. */
void sl_rng_seed(sl_rng *r, uint64_t seed);

/* Next 64 random bits. */
uint64_t sl_rng_next(sl_rng *r);

/* Uniform double in [0, 1) with 53 random bits. */
double sl_rng_uniform(sl_rng *r);

/* Uniform integer in [0, bound) without modulo bias; bound > 0. */
uint64_t sl_rng_below(sl_rng *r, uint64_t bound);

/* Standard normal deviate (mean 0, variance 1). */
double sl_rng_normal(sl_rng *r);

/* Shuffles idx[0..n−1] in place (Fisher–Yates). */
void sl_rng_shuffle(sl_rng *r, size_t *idx, size_t n);

#endif

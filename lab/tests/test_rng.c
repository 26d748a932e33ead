/* test_rng.c — the PRNG is deterministic and correct.  The expected values
 * were computed independently (a Python transcription of splitmix64 +
 * xoshiro256**, see lab/tests/README.md); seed 0 also matches the published
 * reference output 0x99ec5f36cb75f2b4. */
#include "rng.h"

#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdlib.h>

Test(rng, known_values_for_seeds_0_and_42)
{
    static const uint64_t want[2][4] = {
        {0x99ec5f36cb75f2b4u, 0xbf6e1f784956452au, 0x1a5f849d4933e6e0u, 0x6aa594f1262d2d2cu},
        {0x15780b2e0c2ec716u, 0x6104d9866d113a7eu, 0xae17533239e499a1u, 0xecb8ad4703b360a1u}};
    static const uint64_t seeds[2] = {0, 42};
    for (size_t s = 0; s < 2; s++) {
        sl_rng r;
        sl_rng_seed(&r, seeds[s]);
        for (size_t i = 0; i < 4; i++) {
            uint64_t got = sl_rng_next(&r);
            cr_assert_eq(got, want[s][i], "seed %" PRIu64 ", output %zu: expected 0x%016" PRIx64 ", got 0x%016" PRIx64,
                         seeds[s], i, want[s][i], got);
        }
    }
}

Test(rng, uniform_known_values_and_range)
{
    sl_rng r;
    sl_rng_seed(&r, 42);
    const double want[3] = {0.08386297105988216, 0.3789802506626686, 0.6800434110281394};
    for (size_t i = 0; i < 3; i++) {
        double got = sl_rng_uniform(&r);
        cr_assert_eq(got, want[i], "uniform %zu (seed 42): expected %.17g, got %.17g", i, want[i], got);
    }
    double lo = 1, hi = 0, sum = 0;
    for (int i = 0; i < 100000; i++) {
        double u = sl_rng_uniform(&r);
        cr_assert(u >= 0.0 && u < 1.0, "draw %d: %.17g is outside [0, 1)", i, u);
        lo = u < lo ? u : lo;
        hi = u > hi ? u : hi;
        sum += u;
    }
    cr_assert(lo < 1e-3 && hi > 1 - 1e-3, "100000 draws span only [%g, %g]", lo, hi);
    cr_assert(sum / 100000 > 0.49 && sum / 100000 < 0.51, "mean of 100000 draws: expected ≈ 0.5, got %g", sum / 100000);
}

Test(rng, below_stays_in_bounds_and_hits_every_value)
{
    sl_rng r;
    sl_rng_seed(&r, 7);
    const uint64_t bounds[] = {1, 2, 3, 7, 10};
    for (size_t b = 0; b < sizeof bounds / sizeof bounds[0]; b++) {
        int seen[10] = {0};
        for (int i = 0; i < 2000; i++) {
            uint64_t v = sl_rng_below(&r, bounds[b]);
            cr_assert_lt(v, bounds[b], "below(%" PRIu64 ") returned %" PRIu64, bounds[b], v);
            seen[v] = 1;
        }
        for (uint64_t v = 0; v < bounds[b]; v++)
            cr_assert(seen[v], "below(%" PRIu64 ") never returned %" PRIu64 " in 2000 draws", bounds[b], v);
    }
}

Test(rng, same_seed_same_stream_different_seed_differs)
{
    sl_rng a, b, c;
    sl_rng_seed(&a, 123);
    sl_rng_seed(&b, 123);
    sl_rng_seed(&c, 124);
    int differs = 0;
    for (int i = 0; i < 100; i++) {
        uint64_t x = sl_rng_next(&a), y = sl_rng_next(&b);
        cr_assert_eq(x, y, "draw %d differs for the same seed", i);
        differs |= x != sl_rng_next(&c);
    }
    cr_assert(differs, "seeds 123 and 124 gave the same 100 numbers");
}

Test(rng, shuffle_is_a_permutation)
{
    enum { N = 50 };
    size_t idx[N];
    int count[N] = {0};
    for (size_t i = 0; i < N; i++)
        idx[i] = i;
    sl_rng r;
    sl_rng_seed(&r, 9);
    sl_rng_shuffle(&r, idx, N);
    size_t moved = 0;
    for (size_t i = 0; i < N; i++) {
        cr_assert_lt(idx[i], N, "idx[%zu] = %zu is out of range", i, idx[i]);
        count[idx[i]]++;
        moved += idx[i] != i;
    }
    for (size_t v = 0; v < N; v++)
        cr_assert_eq(count[v], 1, "value %zu appears %d times after the shuffle", v, count[v]);
    cr_assert_gt(moved, N / 2, "only %zu of %d positions moved", moved, N);
}

Test(rng, normal_has_mean_0_and_variance_1)
{
    sl_rng r;
    sl_rng_seed(&r, 5);
    double s = 0, ss = 0;
    for (int i = 0; i < 200000; i++) {
        double z = sl_rng_normal(&r);
        s += z;
        ss += z * z;
    }
    double mean = s / 200000, var = ss / 200000 - mean * mean;
    cr_assert(mean > -0.01 && mean < 0.01, "mean: expected ≈ 0, got %g", mean);
    cr_assert(var > 0.98 && var < 1.02, "variance: expected ≈ 1, got %g", var);
}

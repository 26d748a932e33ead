/* decide.c — decisive evidence for a mistake's name (contract: decide.h). */
#include "decide.h"

#include <float.h>
#include <math.h>

#include "accurate.h"
#include "rng.h"

int sl_decisive(const double *model, const double *ref, const double *tol,
                const double *got, size_t count)
{
    int far = 0;
    for (size_t e = 0; e < count; e++) {
        const double m = model[e], r = ref[e];
        /* where the answer is ±inf its tolerance is too: fit the model at its own scale */
        const double t = isfinite(r) && isfinite(tol[e]) ? tol[e] : 1024.0 * DBL_EPSILON * (1.0 + fabs(m));
        /* the model's own rounding: the tolerance at the model's magnitude,
         * at least 1000ε relative (never a fraction of a tiny |r|) */
        const double fit = fmax(fmax(t, 1e3 * DBL_EPSILON * fabs(m)), t * fabs(m) / fmax(fabs(r), 1.0));
        if (!sl_within(m, got[e], fit))
            return 0;
        if (isfinite(m) != isfinite(r) || (isfinite(m) && fabs(m - r) >= SL_DECISIVE * t)
            || (!isfinite(m) && !isfinite(r) && m != r && !(isnan(m) && isnan(r))))
            far = 1;
    }
    return far;
}

void sl_perturb(const double *a, double *out, size_t count, double scale, uint64_t seed)
{
    sl_rng r;
    sl_rng_seed(&r, seed);
    for (size_t e = 0; e < count; e++)
        out[e] = a[e] + scale * sl_rng_normal(&r);
}

void sl_perturb_probs(const double *a, double *out, size_t n, size_t k, uint64_t seed)
{
    sl_rng r;
    sl_rng_seed(&r, seed);
    for (size_t i = 0; i < n; i++) {
        double old = 0.0, now = 0.0;
        size_t nz = 0;
        for (size_t j = 0; j < k; j++) {
            const double v = a[i * k + j];
            old += v;
            nz += v != 0.0;
            out[i * k + j] = v * exp(0.3 * sl_rng_normal(&r));
            now += out[i * k + j];
        }
        for (size_t j = 0; j < k; j++)
            out[i * k + j] = nz == 1 && a[i * k + j] != 0.0 ? a[i * k + j]
                             : now > 0 ? out[i * k + j] * (old / now) : out[i * k + j];
    }
}

void sl_second_rows(const double *a, double *out, size_t n, size_t cols)
{
    for (size_t r = 0; r < n; r++)
        for (size_t c = 0; c < cols; c++)
            out[r * cols + c] = a[(n - 1 - r) * cols + c];
    for (size_t c = 0; c < cols; c++)
        out[n * cols + c] = a[c];
}

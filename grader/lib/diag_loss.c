/* diag_loss.c — cross-entropy computed the way known mistakes compute it, to
 * name the mistake behind a wrong loss (contract: diagnose.h). */
#include "diagnose.h"

#include <float.h>
#include <math.h>

#include "compare.h"
#include "oracle.h"

#define ATOL 1e-12
#define RTOL 1e-9

enum ce_variant { CE_NO_SKIP, CE_LOG10, CE_LOG2, CE_ADD_EPS, CE_CLAMP_EPS, CE_ONE_HOT };

static double ce_variant(enum ce_variant v, const double *P, const double *Y,
                         size_t n, size_t k, double eps)
{
    double total = 0.0;
    for (size_t i = 0; i < n; i++) {
        const double *p = P + i * k, *y = Y + i * k;
        if (v == CE_ONE_HOT) {
            size_t best = 0;
            for (size_t j = 1; j < k; j++)
                if (y[j] > y[best])
                    best = j;
            total -= log(p[best]);
            continue;
        }
        for (size_t j = 0; j < k; j++) {
            if (v != CE_NO_SKIP && y[j] == 0.0)
                continue;
            double q = p[j];
            switch (v) {
            case CE_LOG10: total -= y[j] * log10(q); break;
            case CE_LOG2: total -= y[j] * log2(q); break;
            case CE_ADD_EPS: total -= y[j] * log(q + eps); break;
            case CE_CLAMP_EPS: total -= y[j] * log(q < eps ? eps : q); break;
            default: total -= y[j] * log(q); break;
            }
        }
    }
    return total / (double)n;
}

const char *sl_diag_cross_entropy(const double *P, const double *Y, size_t n, size_t k,
                                  double got)
{
    double ref = ref_cross_entropy(P, Y, n, k);
    sl_diag_also_id = NULL;
    if (isnan(got) && isnan(ce_variant(CE_NO_SKIP, P, Y, n, k, 0)))
        return "zero_log_zero_nan";
    if (sl_close(ref * (double)n, got, ATOL, RTOL) && n > 1)
        return "sum_instead_of_mean";
    if (sl_close(ce_variant(CE_LOG10, P, Y, n, k, 0), got, ATOL, RTOL)
        || sl_close(ce_variant(CE_LOG2, P, Y, n, k, 0), got, ATOL, RTOL))
        return "log10_instead_of_ln";
    if (sl_close(ce_variant(CE_ONE_HOT, P, Y, n, k, 0), got, ATOL, RTOL))
        return "only_one_hot_targets";
    static const double extra_eps[] = {DBL_EPSILON, FLT_EPSILON, 1e-300, DBL_MIN};
    for (int e = 1; e <= 16 + 4; e++) {
        double eps = e <= 16 ? pow(10.0, -e) : extra_eps[e - 17];
        if (sl_close(ce_variant(CE_ADD_EPS, P, Y, n, k, eps), got, ATOL, RTOL)
            || sl_close(ce_variant(CE_CLAMP_EPS, P, Y, n, k, eps), got, ATOL, RTOL))
            return "epsilon_too_large";
    }
    if (sl_looks_like_float(&ref, &got, 1))
        return "float_precision";
    return NULL;
}

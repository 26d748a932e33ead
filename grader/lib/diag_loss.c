/* diag_loss.c — cross-entropy computed the way known mistakes compute it, to
 * name the mistake behind a wrong loss when the evidence is decisive
 * (decide.h; contract: diagnose.h). */
#include "diagnose.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "accurate.h"
#include "decide.h"

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

enum { M_NAN, M_SUM, M_LOG, M_ONE_HOT, M_EPS, M_FLOAT, M_COUNT };
static const char *const ids[M_COUNT] = {
    "zero_log_zero_nan", "sum_instead_of_mean", "log10_instead_of_ln",
    "only_one_hot_targets", "epsilon_too_large", "float_precision",
};

static int fits(double model, double ref, double tol, double got)
{
    return sl_decisive(&model, &ref, &tol, &got, 1);
}

/* Bit m set for every mistake whose model fits got decisively. */
static unsigned fitting(const double *P, const double *Y, size_t n, size_t k, double got)
{
    double tol, ref = sl_acc_cross_entropy(P, Y, n, k, &tol);
    unsigned set = 0;
    if (fits(ce_variant(CE_NO_SKIP, P, Y, n, k, 0), ref, tol, got))
        set |= 1u << M_NAN;
    if (n > 1 && fits(ref * (double)n, ref, tol * (double)n, got))
        set |= 1u << M_SUM;
    if (fits(ce_variant(CE_LOG10, P, Y, n, k, 0), ref, tol, got)
        || fits(ce_variant(CE_LOG2, P, Y, n, k, 0), ref, tol, got))
        set |= 1u << M_LOG;
    if (fits(ce_variant(CE_ONE_HOT, P, Y, n, k, 0), ref, tol, got))
        set |= 1u << M_ONE_HOT;
    static const double extra_eps[] = {DBL_EPSILON, FLT_EPSILON, 1e-300, DBL_MIN};
    for (int e = 1; e <= 16 + 4 && !(set & 1u << M_EPS); e++) {
        double eps = e <= 16 ? pow(10.0, -e) : extra_eps[e - 17];
        if (fits(ce_variant(CE_ADD_EPS, P, Y, n, k, eps), ref, tol, got)
            || fits(ce_variant(CE_CLAMP_EPS, P, Y, n, k, eps), ref, tol, got))
            set |= 1u << M_EPS;
    }
    /* float: within float's rounding of the answer, far outside double's */
    const double ftol = tol * (double)FLT_EPSILON / DBL_EPSILON * 8.0;
    if (!set && isfinite(ref) && fabs(got - ref) <= ftol && fabs(got - ref) >= SL_DECISIVE * tol)
        set |= 1u << M_FLOAT;
    return set;
}

const char *sl_diag_cross_entropy(const double *P, const double *Y, size_t n, size_t k,
                                  double got, sl_cross_entropy_fn *fn)
{
    sl_diag_also_id = NULL;
    unsigned set = fitting(P, Y, n, k, got);
    if (!set || !fn)
        return NULL;
    const size_t n2 = n + 1;
    double *P2 = malloc(4 * n2 * k * sizeof *P2);
    if (!P2)
        return NULL;
    double *Y2 = P2 + n2 * k, *tmp = Y2 + n2 * k;
    sl_second_rows(P, tmp, n, k);
    sl_perturb_probs(tmp, P2, n2, k, 0x5eedce01ULL);
    sl_second_rows(Y, tmp, n, k);
    sl_perturb_probs(tmp, Y2, n2, k, 0x5eedce02ULL);
    set &= fitting(P2, Y2, n2, k, fn(P2, Y2, n2, k));
    free(P2);
    const char *found = NULL;
    for (int m = 0; m < M_COUNT; m++)
        if (set & 1u << m) {
            if (!found)
                found = ids[m];
            else if (!sl_diag_also_id)
                sl_diag_also_id = ids[m];
        }
    return found;
}

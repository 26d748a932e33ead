/* diag_softmax.c — softmax computed the way known mistakes compute it, to
 * name the mistake behind a wrong answer; also the shared helpers
 * sl_diag_also() and sl_looks_like_float() (contract: diagnose.h). */
#include "diagnose.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "oracle.h"

#define ATOL 1e-12
#define RTOL 1e-9

const char *sl_diag_also_id;
#define also sl_diag_also_id

const char *sl_diag_also(void)
{
    return also;
}

int sl_looks_like_float(const double *expected, const double *got, size_t count)
{
    for (size_t e = 0; e < count; e++)
        if (!isfinite(expected[e]) || !isfinite(got[e]))
            return 0;
    return sl_agree(expected, got, count, 1e-7, 1e-5);
}

enum sm_variant {
    SM_COLUMNS, SM_WHOLE, SM_NO_MAX, SM_GLOBAL_MAX, SM_MAX_FROM_ZERO,
    SM_FORGOT_EXP_SHIFTED, SM_FORGOT_EXP_RAW, SM_READS_Z_AFTER_P, SM_SUM_UNSHIFTED
};

/* One row of softmax the way a variant computes it (z and p may alias). */
static void sm_row(enum sm_variant v, const double *z, double *p, size_t k, double gmax)
{
    double max = v == SM_MAX_FROM_ZERO ? 0.0 : z[0];
    for (size_t j = 0; j < k; j++)
        if (z[j] > max)
            max = z[j];
    if (v == SM_NO_MAX || v == SM_FORGOT_EXP_RAW)
        max = 0.0;
    if (v == SM_GLOBAL_MAX)
        max = gmax;
    double sum = 0.0;
    if (v == SM_FORGOT_EXP_SHIFTED || v == SM_FORGOT_EXP_RAW) {
        for (size_t j = 0; j < k; j++)
            sum += p[j] = z[j] - max;
    } else if (v == SM_READS_Z_AFTER_P) {
        for (size_t j = 0; j < k; j++)
            p[j] = exp(z[j] - max);
        for (size_t j = 0; j < k; j++)
            sum += exp(z[j] - max);     /* z is p: reads the exps just written */
    } else if (v == SM_SUM_UNSHIFTED) {
        for (size_t j = 0; j < k; j++)
            sum += exp(z[j]);           /* before p is written: z may be p */
        for (size_t j = 0; j < k; j++)
            p[j] = exp(z[j] - max);
    } else {
        for (size_t j = 0; j < k; j++)
            sum += p[j] = exp(z[j] - max);
    }
    for (size_t j = 0; j < k; j++)
        p[j] /= sum;
}

/* P = the variant's softmax of Z (n×k); P may be Z. */
static void sm_variant(enum sm_variant v, const double *Z, double *P, size_t n, size_t k)
{
    if (v == SM_COLUMNS || v == SM_WHOLE) {
        size_t groups = v == SM_COLUMNS ? k : 1;
        for (size_t g = 0; g < groups; g++) {
            double max = -INFINITY, sum = 0.0;
            for (size_t e = 0; e < n * k; e++)
                if ((groups == 1 || e % k == g) && Z[e] > max)
                    max = Z[e];
            for (size_t e = 0; e < n * k; e++)
                if (groups == 1 || e % k == g)
                    sum += P[e] = exp(Z[e] - max);
            for (size_t e = 0; e < n * k; e++)
                if (groups == 1 || e % k == g)
                    P[e] /= sum;
        }
        return;
    }
    double gmax = -INFINITY;
    for (size_t e = 0; e < n * k; e++)
        if (Z[e] > gmax)
            gmax = Z[e];
    for (size_t i = 0; i < n; i++)
        sm_row(v, Z + i * k, P + i * k, k, gmax);
}

static const struct {
    enum sm_variant v;
    const char *id;
} sm_variants[] = {
    {SM_COLUMNS, "softmax_over_columns"},
    {SM_WHOLE, "softmax_over_whole_matrix"},
    {SM_GLOBAL_MAX, "max_subtracted_globally"},
    {SM_MAX_FROM_ZERO, "running_max_from_zero"},
    {SM_NO_MAX, "max_not_subtracted"},
    {SM_SUM_UNSHIFTED, "max_not_subtracted_in_sum"},
    {SM_FORGOT_EXP_SHIFTED, "forgot_exp"},
    {SM_FORGOT_EXP_RAW, "forgot_exp"},
};

/* The first k−1 columns of got agree with the softmax of Z's first k−1. */
static int fits_skipped_last(const double *Z, const double *got, size_t n, size_t k)
{
    if (k < 2)
        return 0;
    double *a = malloc((k - 1) * sizeof *a);
    int fits = a != NULL;
    for (size_t i = 0; fits && i < n; i++) {
        ref_softmax(Z + i * k, a, 1, k - 1);
        fits = sl_agree(a, got + i * k, k - 1, ATOL, RTOL);
    }
    free(a);
    return fits;
}

const char *sl_diag_softmax(const double *Z, const double *got, size_t n, size_t k,
                            int in_place)
{
    size_t count = n * k;
    double *P = malloc((count ? count : 1) * sizeof *P);
    if (!P)
        return NULL;
    const char *found = NULL;
    also = NULL;
    if (in_place) {
        memcpy(P, Z, count * sizeof *P);
        sm_variant(SM_READS_Z_AFTER_P, P, P, n, k);
        if (sl_agree(P, got, count, ATOL, RTOL))
            found = "reads_z_after_writing_p";
    }
    for (size_t v = 0; !also && v < sizeof sm_variants / sizeof sm_variants[0]; v++) {
        sm_variant(sm_variants[v].v, Z, P, n, k);
        if (sl_agree(P, got, count, ATOL, RTOL)) {
            if (!found)
                found = sm_variants[v].id;
            else if (strcmp(found, sm_variants[v].id) != 0)
                also = sm_variants[v].id;
        }
    }
    if (!found && fits_skipped_last(Z, got, n, k))
        found = "skipped_last_class";
    if (!found) {
        ref_softmax(Z, P, n, k);
        if (sl_looks_like_float(P, got, count))
            found = "float_precision";
    }
    free(P);
    return found;
}

static int in_max_family(const char *id)
{
    return id && (!strcmp(id, "max_not_subtracted") || !strcmp(id, "max_subtracted_globally")
                  || !strcmp(id, "running_max_from_zero"));
}

/* 1 when fn keeps one row of three logits near `center` finite. */
static int finite_near(sl_softmax_fn *fn, double center)
{
    double Z[3] = {center, center - 1.0, center - 2.0}, P[3];
    fn(Z, P, 1, 3);
    return isfinite(P[0]) && isfinite(P[1]) && isfinite(P[2]);
}

const char *sl_diag_softmax_probe(const char *m, sl_softmax_fn *fn, int force)
{
    const char *other = also;
    also = NULL;
    if (in_max_family(m) && in_max_family(other)) {
        if (!finite_near(fn, 1000.0))
            return "max_not_subtracted";
        if (!finite_near(fn, -1000.0))
            return "running_max_from_zero";
        return "max_subtracted_globally";
    }
    if (!other && !force)
        return m;
    /* an ordinary 2x3 input separates rows from columns from the whole
     * matrix, exp from no exp, and shows a skipped last class */
    double Z[6] = {0.5, -1.0, 2.0, 1.5, 0.25, -0.75}, P[6];
    for (size_t e = 0; e < 6; e++)
        P[e] = NAN;
    fn(Z, P, 2, 3);
    const char *found = sl_diag_softmax(Z, P, 2, 3, 0);
    also = NULL;
    return found ? found : m;
}

/* diag_softmax.c — softmax computed the way known mistakes compute it, to
 * name the mistake behind a wrong answer when the evidence is decisive
 * (decide.h); also sl_diag_also() (contract: diagnose.h). */
#include "diagnose.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "accurate.h"
#include "decide.h"

const char *sl_diag_also_id;
#define also sl_diag_also_id

const char *sl_diag_also(void)
{
    return also;
}

enum sm_variant {
    SM_COLUMNS, SM_WHOLE, SM_NO_MAX, SM_GLOBAL_MAX, SM_MAX_FROM_ZERO,
    SM_FORGOT_EXP_SHIFTED, SM_FORGOT_EXP_RAW, SM_SUM_UNSHIFTED, SM_READS_Z_AFTER_P,
    SM_REREADS_Z_TO_DIVIDE, SM_SKIPPED_LAST, SM_FLOAT, SM_COUNT
};

static const char *const sm_ids[SM_COUNT] = {
    "softmax_over_columns", "softmax_over_whole_matrix", "max_not_subtracted",
    "max_subtracted_globally", "running_max_from_zero", "forgot_exp", "forgot_exp",
    "max_not_subtracted_in_sum", "reads_z_after_writing_p", "reads_z_after_writing_p",
    "skipped_last_class",
    "float_precision",
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
    } else if (v == SM_REREADS_Z_TO_DIVIDE) {
        for (size_t j = 0; j < k; j++)
            sum += p[j] = exp(z[j] - max);
        for (size_t j = 0; j < k; j++)
            p[j] = exp(z[j] - max) / sum;   /* z is p: recomputes from the exps */
        return;
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

/* P = the variant's softmax of Z (n×k); P may be Z.  Returns 0 when the
 * variant does not apply to this input. */
static int sm_variant(enum sm_variant v, const double *Z, double *P, size_t n, size_t k,
                      const double *got)
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
        return 1;
    }
    if (v == SM_SKIPPED_LAST) {             /* the last column: whatever came back */
        if (k < 3)                          /* k = 2: "column 0 is 1", no evidence */
            return 0;
        for (size_t i = 0; i < n; i++) {
            sl_acc_softmax(Z + i * k, P + i * k, NULL, 1, k - 1);
            P[i * k + k - 1] = got[i * k + k - 1];
        }
        return 1;
    }
    if (v == SM_FLOAT) {                    /* as accurate as float: modelled by got itself */
        sl_acc_softmax(Z, P, NULL, n, k);
        for (size_t e = 0; e < n * k; e++) {
            const double z = Z[e];
            const double t = 8.0 * FLT_EPSILON * ((double)k + 4.0 + 2.0 * fabs(z)) * P[e] + 1e-37;
            if (!(fabs(got[e] - P[e]) <= t))
                return 0;
            P[e] = got[e];
        }
        return 1;
    }
    double gmax = -INFINITY;
    for (size_t e = 0; e < n * k; e++)
        if (Z[e] > gmax)
            gmax = Z[e];
    for (size_t i = 0; i < n; i++)
        sm_row(v, Z + i * k, P + i * k, k, gmax);
    return 1;
}

/* Bit v set for every variant that fits got decisively on input Z. */
static unsigned fitting(const double *Z, const double *got, size_t n, size_t k, int in_place)
{
    size_t count = n * k > 0 ? n * k : 1;
    double *ref = malloc(count * sizeof *ref), *tol = malloc(count * sizeof *tol);
    double *V = malloc(count * sizeof *V);
    unsigned set = 0;
    if (ref && tol && V) {
        sl_acc_softmax(Z, ref, tol, n, k);
        for (int v = 0; v < SM_COUNT; v++) {
            const int aliasing = v == SM_READS_Z_AFTER_P || v == SM_REREADS_Z_TO_DIVIDE;
            if (aliasing && !in_place)
                continue;
            memcpy(V, Z, n * k * sizeof *V);
            if (sm_variant((enum sm_variant)v, aliasing ? V : Z, V, n, k, got)
                && sl_decisive(V, ref, tol, got, n * k))
                set |= 1u << v;
        }
    }
    free(ref);
    free(tol);
    free(V);
    return set;
}

/* The student's softmax on Z (copied; in place when asked) into P. */
static void call(sl_softmax_fn *fn, const double *Z, double *P, size_t n, size_t k, int in_place)
{
    if (in_place) {
        memcpy(P, Z, n * k * sizeof *P);
        fn(P, P, n, k);
    } else {
        for (size_t e = 0; e < n * k; e++)
            P[e] = 7.25;                        /* finite: an entry never written shows */
        fn(Z, P, n, k);
    }
}

/* Calls fn on rows (n×3, then a very negative value in memory after the
 * last row, so that reading past a row changes no maximum) and reports per
 * row whether it came out finite: bit i set when row i is finite. */
static unsigned finite_rows(sl_softmax_fn *fn, const double *rows, size_t n)
{
    double Z[3 * 3 + 1], P[3 * 3];
    memcpy(Z, rows, 3 * n * sizeof *Z);
    Z[3 * n] = -1e300;
    fn(Z, P, n, 3);
    unsigned bits = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(P[3 * i]) && isfinite(P[3 * i + 1]) && isfinite(P[3 * i + 2]))
            bits |= 1u << i;
    return bits;
}

/* The signature of each mistake of the max family, on probes where only
 * that mistake breaks exactly those rows: drops the ones that do not show. */
static unsigned max_signatures(unsigned set, sl_softmax_fn *fn)
{
    static const double spread[] = {-1000, 1000, 0};
    static const double low[] = {-1000, -1001, -1002};
    static const double mixed[] = {1000, 999, 998, -1000, -1001, -1002};
    if ((set & 1u << SM_NO_MAX) && finite_rows(fn, spread, 1) != 0)
        set &= ~(1u << SM_NO_MAX);                 /* anything but the max overflows here */
    const unsigned low_ok = finite_rows(fn, low, 1);
    if ((set & 1u << SM_MAX_FROM_ZERO) && low_ok != 0)
        set &= ~(1u << SM_MAX_FROM_ZERO);          /* one all-negative row breaks */
    if ((set & 1u << SM_GLOBAL_MAX) && (low_ok != 1u || finite_rows(fn, mixed, 2) != 1u))
        set &= ~(1u << SM_GLOBAL_MAX);             /* only a row far below another breaks */
    return set;
}

/* Several ids fit: probes that tell them apart, else the first (with also). */
static const char *settle(unsigned set, sl_softmax_fn *fn)
{
    const unsigned maxes = 1u << SM_NO_MAX | 1u << SM_GLOBAL_MAX | 1u << SM_MAX_FROM_ZERO;
    if ((set & maxes) && (set & ~maxes & ~(1u << SM_FLOAT)) == 0) {
        set &= maxes;
        if (set & 1u << SM_NO_MAX)
            return sm_ids[SM_NO_MAX];
        return sm_ids[set & 1u << SM_MAX_FROM_ZERO ? SM_MAX_FROM_ZERO : SM_GLOBAL_MAX];
    }
    /* an ordinary 2x3 input separates rows from columns from the whole matrix */
    double Z[6] = {0.5, -1.0, 2.0, 1.5, 0.25, -0.75}, P[6];
    call(fn, Z, P, 2, 3, 0);
    unsigned probe = fitting(Z, P, 2, 3, 0) & set;
    if (probe)
        set = probe;
    const char *first = NULL;
    for (int v = 0; v < SM_COUNT; v++)
        if (set & 1u << v) {
            if (!first)
                first = sm_ids[v];
            else if (strcmp(first, sm_ids[v]) != 0 && !also)
                also = sm_ids[v];
        }
    return first;
}

const char *sl_diag_softmax(const double *Z, const double *got, size_t n, size_t k,
                            int in_place, sl_softmax_fn *fn)
{
    also = NULL;
    unsigned set = fitting(Z, got, n, k, in_place);
    if (!set || !fn)
        return NULL;
    const size_t n2 = n + 1;
    double *Z2 = malloc(n2 * k * sizeof *Z2), *P2 = malloc(n2 * k * sizeof *P2);
    if (!Z2 || !P2) {
        free(Z2);
        free(P2);
        return NULL;
    }
    sl_second_rows(Z, P2, n, k);
    sl_perturb(P2, Z2, n2 * k, 0.5, 0x5eed50f7ULL);
    call(fn, Z2, P2, n2, k, in_place);
    set &= fitting(Z2, P2, n2, k, in_place);
    free(Z2);
    free(P2);
    if (set & ~(1u << SM_FLOAT))                    /* float: only when nothing else fits */
        set &= ~(1u << SM_FLOAT);
    set = max_signatures(set, fn);
    if (!set)
        return NULL;
    if (set & 1u << SM_FORGOT_EXP_RAW)              /* one mistake, two forms */
        set = (set & ~(1u << SM_FORGOT_EXP_RAW)) | 1u << SM_FORGOT_EXP_SHIFTED;
    if (!(set & (set - 1)))
        for (int v = 0; v < SM_COUNT; v++)
            if (set == 1u << v)
                return sm_ids[v];
    return settle(set, fn);
}

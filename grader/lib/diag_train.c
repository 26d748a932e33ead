/* diag_train.c — gradient descent run the way known mistakes run it, to name
 * the mistake behind a wrong trajectory (contract: diagnose.h). */
#include "diagnose.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <float.h>

#include "accurate.h"
#include "compare.h"
#include "decide.h"
#include "oracle.h"
#include "softmax_lab.h"


enum {
    B_ZERO_INIT = 1 << 0, B_ASCENT = 1 << 1, B_P_ONCE = 1 << 2, B_LOSS_AFTER = 1 << 3,
    B_ONE_FEWER = 1 << 4, B_BIAS_FROZEN = 1 << 5, B_NO_BIAS = 1 << 6,
    B_STEP_OVER_N = 1 << 7, B_DB_AFTER_W = 1 << 8, B_RETURN_LAST = 1 << 9,
    B_ONE_MORE = 1 << 10
};

static const struct {
    const char *id;
    unsigned bug;
} variants[] = {
    {"given_w_thrown_away", B_ZERO_INIT},
    {"gradient_ascent", B_ASCENT},
    {"p_not_recomputed", B_P_ONCE},
    {"loss_recorded_after_update", B_LOSS_AFTER},
    {"one_update_too_few", B_ONE_FEWER},
    {"one_update_too_many", B_ONE_MORE},
    {"bias_not_updated", B_BIAS_FROZEN},
    {"bias_not_in_logits", B_NO_BIAS},
    {"step_divided_by_n_again", B_STEP_OVER_N},
    {"w_updated_before_db", B_DB_AFTER_W},
    {"returned_loss_before_update", B_RETURN_LAST},
};
#define N_VARIANTS (sizeof variants / sizeof variants[0])

const char *const sl_train_mistakes[] = {
    "given_w_thrown_away", "gradient_ascent", "p_not_recomputed",
    "loss_recorded_after_update", "one_update_too_few", "one_update_too_many", "bias_not_updated",
    "bias_not_in_logits", "step_divided_by_n_again", "w_updated_before_db",
    "returned_loss_before_update", NULL
};

/* P = softmax(XW + b), or softmax(XW) when the bias is left out. */
static void forward(unsigned bug, const sl_train_case *c, const double *W, const double *b,
                    const double *zero_b, double *P)
{
    logits(c->X, W, bug & B_NO_BIAS ? zero_b : b, c->n, c->d, c->k, P);
    ref_softmax(P, P, c->n, c->k);
}

static void step(unsigned bug, double *theta, const double *g, size_t count, double lr, size_t n)
{
    double s = bug & B_ASCENT ? -lr : lr;
    if (bug & B_STEP_OVER_N)
        s /= (double)n;
    for (size_t e = 0; e < count; e++)
        theta[e] -= s * g[e];
}

static double run(unsigned bug, const sl_train_case *c, double *W, double *b, double *hist)
{
    const size_t n = c->n, d = c->d, k = c->k;
    memcpy(W, c->W0, d * k * sizeof *W);
    memcpy(b, c->b0, k * sizeof *b);
    if (bug & B_ZERO_INIT) {
        memset(W, 0, d * k * sizeof *W);
        memset(b, 0, k * sizeof *b);
    }
    double *P = malloc(n * k * sizeof *P), *P2 = malloc(n * k * sizeof *P2);
    double *dW = malloc(d * k * sizeof *dW), *db = malloc(k * sizeof *db);
    double *zero_b = calloc(k, sizeof *zero_b);
    double loss = NAN, last = 0.0;
    if (!P || !P2 || !dW || !db || !zero_b)
        goto out;
    size_t updates = bug & B_ONE_FEWER ? (c->epochs ? c->epochs - 1 : 0)
                     : bug & B_ONE_MORE ? c->epochs + 1 : c->epochs;
    if (bug & B_P_ONCE)
        forward(bug, c, W, b, zero_b, P);
    for (size_t e = 0; e < updates; e++) {
        if (!(bug & B_P_ONCE))
            forward(bug, c, W, b, zero_b, P);
        last = ref_cross_entropy(P, c->Y, n, k);
        if (hist && !(bug & B_LOSS_AFTER) && e < c->epochs)
            hist[e] = last;
        ref_grad_w(c->X, P, c->Y, n, d, k, dW);
        if (bug & B_DB_AFTER_W) {
            step(bug, W, dW, d * k, c->lr, n);
            forward(bug, c, W, b, zero_b, P2);
            ref_grad_b(P2, c->Y, n, k, db);
        } else {
            ref_grad_b(P, c->Y, n, k, db);
            step(bug, W, dW, d * k, c->lr, n);
        }
        if (!(bug & B_BIAS_FROZEN))
            step(bug, b, db, k, c->lr, n);
        if (hist && (bug & B_LOSS_AFTER) && e < c->epochs) {
            forward(bug, c, W, b, zero_b, P2);
            hist[e] = ref_cross_entropy(P2, c->Y, n, k);
        }
    }
    if (bug & B_RETURN_LAST) {
        loss = last;
    } else {
        forward(bug, c, W, b, zero_b, P);
        loss = ref_cross_entropy(P, c->Y, n, k);
    }
out:
    free(P);
    free(P2);
    free(dW);
    free(db);
    free(zero_b);
    return loss;
}

double sl_train_variant(const char *id, const sl_train_case *c,
                        double *W, double *b, double *hist)
{
    unsigned bug = 0;
    for (size_t v = 0; id && v < N_VARIANTS; v++)
        if (strcmp(variants[v].id, id) == 0)
            bug = variants[v].bug;
    return run(bug, c, W, b, hist);
}

double sl_train_tau(const sl_train_case *c, size_t e)
{
    const double L = sl_lambda_max(c->X, c->n, c->d) / 2.0;
    const double g = 1.0 + fabs(c->lr) * (isfinite(L) ? L : 1.0);
    const double tau = 64.0 * (double)(c->n + c->d + c->k) * DBL_EPSILON * (double)(e + 1)
                       * pow(g, (double)e);
    return fmin(tau, 1e-6);
}

/* A trajectory: W, b, history and returned loss in one array (d·k + k +
 * epochs + 1 entries), with the tolerance of each entry. */
typedef struct {
    double *v;
    size_t count;
} traj;

static size_t traj_len(const sl_train_case *c)
{
    return c->d * c->k + c->k + c->epochs + 1;
}

/* Runs variant `bug` into t (allocated); hist entries NaN where not written. */
static int traj_run(unsigned bug, const sl_train_case *c, traj *t)
{
    t->count = traj_len(c);
    t->v = malloc(t->count * sizeof *t->v);
    if (!t->v)
        return -1;
    double *W = t->v, *b = W + c->d * c->k, *h = b + c->k;
    for (size_t e = 0; e < c->epochs; e++)
        h[e] = NAN;
    h[c->epochs] = run(bug, c, W, b, h);
    return 0;
}

/* got packed like a trajectory (history NaN when not recorded). */
static int traj_pack(const sl_train_case *c, const sl_train_out *got, traj *t)
{
    t->count = traj_len(c);
    t->v = malloc(t->count * sizeof *t->v);
    if (!t->v)
        return -1;
    memcpy(t->v, got->W, c->d * c->k * sizeof *t->v);
    memcpy(t->v + c->d * c->k, got->b, c->k * sizeof *t->v);
    for (size_t e = 0; e < c->epochs; e++)
        t->v[c->d * c->k + c->k + e] = got->hist ? got->hist[e] : NAN;
    t->v[t->count - 1] = got->ret;
    return 0;
}

void sl_train_tol(const sl_train_case *c, const double *ref, double *tol)
{
    const size_t p = c->d * c->k + c->k;
    const double tau = sl_train_tau(c, c->epochs);
    for (size_t e = 0; e < p; e++)
        tol[e] = tau * (1.0 + fabs(ref[e]));
    for (size_t e = 0; e <= c->epochs; e++)
        tol[p + e] = sl_train_tau(c, e) * (1.0 + fabs(ref[p + e]));
}

/* The variants whose trajectory fits got decisively (history compared only
 * when the student's run recorded one). */
static unsigned fitting(const sl_train_case *c, const sl_train_out *got)
{
    traj ref = {0}, g = {0}, v = {0};
    unsigned set = 0;
    double *tol = NULL;
    if (traj_run(0, c, &ref) < 0 || traj_pack(c, got, &g) < 0
        || !(tol = malloc(ref.count * sizeof *tol)))
        goto out;
    sl_train_tol(c, ref.v, tol);
    const size_t p = c->d * c->k + c->k;
    if (!got->hist)
        for (size_t e = 0; e < c->epochs; e++)
            ref.v[p + e] = NAN;
    for (size_t i = 0; i < N_VARIANTS; i++) {
        if (traj_run(variants[i].bug, c, &v) < 0)
            break;
        if (!got->hist)
            for (size_t e = 0; e < c->epochs; e++)
                v.v[p + e] = NAN;
        if (sl_decisive(v.v, ref.v, tol, g.v, v.count))
            set |= 1u << i;
        free(v.v);
        v.v = NULL;
    }
    /* everything right but the value returned */
    if (sl_agree_tol(ref.v, g.v, tol, ref.count - 1)
        && isfinite(ref.v[ref.count - 1])
        && !(fabs(g.v[ref.count - 1] - ref.v[ref.count - 1]) < SL_DECISIVE * tol[ref.count - 1]))
        set |= 1u << N_VARIANTS;
out:
    free(ref.v);
    free(g.v);
    free(tol);
    return set;
}

const char *sl_diag_train(const sl_train_case *c, const sl_train_out *got, sl_train_fn *fn)
{
    sl_diag_also_id = NULL;
    unsigned set = fitting(c, got);
    if (!set || !fn)
        return NULL;
    /* the second input: one more sample, samples in reverse order, other
     * features and start (decide.h) */
    const size_t n = c->n + 1, d = c->d, k = c->k;
    double *buf = malloc((2 * n * d + n * k + 2 * d * k + 2 * k + c->epochs + 1) * sizeof *buf);
    if (!buf)
        return NULL;
    double *X = buf, *Y = X + n * d, *W0 = Y + n * k, *b0 = W0 + d * k, *W = b0 + k, *b = W + d * k;
    double *h = b + k, *tmp = h + c->epochs + 1;
    sl_second_rows(c->X, tmp, c->n, d);
    sl_perturb(tmp, X, n * d, 0.3, 0x5eed7a01ULL);
    sl_second_rows(c->Y, Y, c->n, k);
    sl_perturb(c->W0, W0, d * k, 0.1, 0x5eed7a02ULL);
    sl_perturb(c->b0, b0, k, 0.1, 0x5eed7a03ULL);
    memcpy(W, W0, d * k * sizeof *W);
    memcpy(b, b0, k * sizeof *b);
    for (size_t e = 0; e <= c->epochs; e++)
        h[e] = NAN;
    sl_train_case c2 = *c;
    c2.X = X, c2.Y = Y, c2.n = n, c2.W0 = W0, c2.b0 = b0;
    double ret = fn(X, Y, n, d, k, W, b, c->lr, c->epochs, got->hist ? h : NULL);
    sl_train_out o2 = {W, b, got->hist ? h : NULL, ret};
    set &= fitting(&c2, &o2);
    free(buf);
    const char *found = NULL;
    for (size_t i = 0; i <= N_VARIANTS; i++)
        if (set & 1u << i) {
            const char *id = i < N_VARIANTS ? variants[i].id : "returned_loss_wrong";
            if (!found)
                found = id;
            else if (!sl_diag_also_id)
                sl_diag_also_id = id;
        }
    return found;
}

/* diag_train.c — gradient descent run the way known mistakes run it, to name
 * the mistake behind a wrong trajectory (contract: diagnose.h). */
#include "diagnose.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "oracle.h"
#include "softmax_lab.h"

#define ATOL 1e-12
#define RTOL 1e-9

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

typedef struct {
    double *W, *b, *hist, ret;
} traj;

static int traj_new(traj *t, const sl_train_case *c)
{
    t->W = malloc(c->d * c->k * sizeof *t->W);
    t->b = malloc(c->k * sizeof *t->b);
    t->hist = malloc((c->epochs ? c->epochs : 1) * sizeof *t->hist);
    if (!t->W || !t->b || !t->hist)
        return -1;
    for (size_t e = 0; e < c->epochs; e++)
        t->hist[e] = NAN;
    return 0;
}

static void traj_free(traj *t)
{
    free(t->W);
    free(t->b);
    free(t->hist);
}

static int params_agree(const sl_train_case *c, const double *W, const double *b,
                        const double *W2, const double *b2)
{
    return sl_agree(W, W2, c->d * c->k, ATOL, RTOL) && sl_agree(b, b2, c->k, ATOL, RTOL);
}

static int losses_agree(const sl_train_case *c, const double *hist, double ret,
                        const double *hist2, double ret2)
{
    return (!hist || !hist2 || sl_agree(hist, hist2, c->epochs, ATOL, RTOL))
           && sl_close(ret, ret2, ATOL, RTOL);
}

const char *sl_diag_train(const sl_train_case *c, const sl_train_out *got)
{
    traj ref = {0}, v[N_VARIANTS];
    memset(v, 0, sizeof v);
    const char *found = NULL;
    sl_diag_also_id = NULL;
    if (traj_new(&ref, c) < 0)
        goto out;
    ref.ret = run(0, c, ref.W, ref.b, ref.hist);
    for (size_t i = 0; i < N_VARIANTS; i++) {
        if (traj_new(&v[i], c) < 0)
            goto out;
        v[i].ret = run(variants[i].bug, c, v[i].W, v[i].b, v[i].hist);
    }
    const double *gh = got->hist;
    for (size_t i = 0; !found && i < N_VARIANTS; i++)        /* the whole trajectory */
        if (params_agree(c, got->W, got->b, v[i].W, v[i].b)
            && losses_agree(c, gh, got->ret, v[i].hist, v[i].ret))
            found = variants[i].id;
    for (size_t i = 0; !found && i < N_VARIANTS; i++)        /* the parameters alone */
        if (params_agree(c, got->W, got->b, v[i].W, v[i].b)
            && !params_agree(c, ref.W, ref.b, v[i].W, v[i].b))
            found = variants[i].id;
    for (size_t i = 0; !found && i < N_VARIANTS; i++)        /* the losses alone */
        if (losses_agree(c, gh, got->ret, v[i].hist, v[i].ret)
            && !losses_agree(c, gh ? ref.hist : NULL, ref.ret, gh ? v[i].hist : NULL, v[i].ret))
            found = variants[i].id;
    if (!found && params_agree(c, got->W, got->b, ref.W, ref.b)      /* only the return */
        && (!gh || sl_agree(gh, ref.hist, c->epochs, ATOL, RTOL))
        && !sl_close(got->ret, ref.ret, ATOL, RTOL))
        found = "returned_loss_wrong";
out:
    traj_free(&ref);
    for (size_t i = 0; i < N_VARIANTS; i++)
        traj_free(&v[i]);
    return found;
}

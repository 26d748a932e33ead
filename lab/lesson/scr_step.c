/* scr_step.c — one gradient-descent step on a tiny example (§4), with every
 * number shown: X, Y, W, b, Z = XW + b, P, P − Y, ∇W, ∇b and the updated W,
 * b, computed with the kit's own functions.  Space or s applies the step. */
#include "screens.h"
#include "render/text.h"
#include "softmax_lab.h"
#include "tpl.h"

#include <stdio.h>
#include <string.h>

enum { N = 3, D = 2, K = 3 };
static const double X[N * D] = {1, 0, 0, 1, 1, 1};
static const int labels[N] = {0, 1, 2};
static const double LR = 0.5;

void sl_step_init(sl_app *a)
{
    memset(&a->step, 0, sizeof a->step);
}

int sl_step_key(sl_app *a, int key)
{
    if (key == ' ' || key == 's') {
        double Y[N * K], Z[N * K], P[N * K], dW[D * K], db[K];
        one_hot(labels, N, K, Y);
        logits(X, a->step.W, a->step.b, N, D, K, Z);
        softmax(Z, P, N, K);
        grad_w(X, P, Y, N, D, K, dW);
        grad_b(P, Y, N, K, db);
        for (int i = 0; i < D * K; i++)
            a->step.W[i] -= LR * dW[i];
        for (int j = 0; j < K; j++)
            a->step.b[j] -= LR * db[j];
        a->step.steps++;
        return 1;
    }
    if (key == 'r') {
        sl_step_init(a);
        return 1;
    }
    return 0;
}

/* A vector as one bracketed row after a label, on row y; returns its width. */
static int draw_vec(sl_grid *g, sl_rect clip, int x, int y, const char *label, const double *v)
{
    int used = sl_put_text(g, clip, x, y, label, sl_st(SL_BOLD, 0, 0));
    char buf[128];
    snprintf(buf, sizeof buf, " [%6.3f %6.3f %6.3f]", v[0] + 0.0, v[1] + 0.0, v[2] + 0.0);
    return used + sl_put_text(g, clip, x + used, y, buf, sl_st(0, 0, 0));
}

/* Rounding noise such as −1e−17 would print as "-0.000". */
static void tidy(double *v, int n)
{
    for (int i = 0; i < n; i++)
        if (v[i] > -5e-4 && v[i] < 5e-4)
            v[i] = 0;
}

void sl_step_draw(sl_app *a, sl_grid *g, sl_rect r)
{
    double Y[N * K], Z[N * K], P[N * K], PY[N * K], dW[D * K], db[K], W2[D * K], b2[K];
    one_hot(labels, N, K, Y);
    logits(X, a->step.W, a->step.b, N, D, K, Z);
    softmax(Z, P, N, K);
    for (int i = 0; i < N * K; i++)
        PY[i] = P[i] - Y[i];
    grad_w(X, P, Y, N, D, K, dW);
    grad_b(P, Y, N, K, db);
    for (int i = 0; i < D * K; i++)
        W2[i] = a->step.W[i] - LR * dW[i];
    for (int j = 0; j < K; j++)
        b2[j] = a->step.b[j] - LR * db[j];
    double before = cross_entropy(P, Y, N, K), Z2[N * K], P2[N * K];
    logits(X, W2, b2, N, D, K, Z2);
    softmax(Z2, P2, N, K);
    double after = cross_entropy(P2, Y, N, K);

    int x = r.x, y = r.y, gap = 2;
    x += sl_draw_matrix(g, r, x, y, sl_app_str(a, "st_x"), X, N, D, 1) + gap;
    x += sl_draw_matrix(g, r, x, y, sl_app_str(a, "st_y"), Y, N, K, 0) + gap;
    sl_draw_matrix(g, r, x, y, sl_app_str(a, "st_w"), a->step.W, D, K, 3);
    draw_vec(g, r, x, y + 3, "b", a->step.b);
    y += 5, x = r.x;
    x += sl_draw_matrix(g, r, x, y, sl_app_str(a, "st_z"), Z, N, K, 3) + gap;
    x += sl_draw_matrix(g, r, x, y, sl_app_str(a, "st_p"), P, N, K, 3) + gap;
    sl_draw_matrix(g, r, x, y, sl_app_str(a, "st_py"), PY, N, K, 3);
    y += 5, x = r.x;
    tidy(dW, D * K), tidy(db, K), tidy(W2, D * K), tidy(b2, K), tidy(PY, N * K), tidy(Z, N * K);
    int w1 = sl_draw_matrix(g, r, x, y, sl_app_str(a, "st_dw"), dW, D, K, 3);
    int w2 = draw_vec(g, r, r.x, y + 3, sl_app_str(a, "st_db"), db);
    x += (w1 > w2 ? w1 : w2) + gap;
    sl_draw_matrix(g, r, x, y, sl_app_str(a, "st_wnew"), W2, D, K, 3);
    draw_vec(g, r, x, y + 3, sl_app_str(a, "st_bnew"), b2);
    y += 5;
    char l1[32], l2[32], n[32], line[512];
    snprintf(l1, sizeof l1, "%.4f", before);
    snprintf(l2, sizeof l2, "%.4f", after);
    snprintf(n, sizeof n, "%d", a->step.steps);
    sl_tpl3(line, sizeof line, sl_app_str(a, "st_loss"), l1, l2, n);
    sl_put_text(g, r, r.x, y, line, sl_st(SL_BOLD, SL_GREEN, 0));
}

/* scr_ce.c — cross-entropy (§3): the lecture's two examples computed live
 * with the kit's cross_entropy(), a probability of the true class moved with
 * the keys, and the −log p curve with that point marked. */
#include "screens.h"
#include "render/text.h"
#include "softmax_lab.h"
#include "tpl.h"

#include <math.h>
#include <stdio.h>

enum { CURVE_N = 100 };

void sl_ce_init(sl_app *a)
{
    a->ce_p = 0.7;
}

int sl_ce_key(sl_app *a, int key)
{
    double p = a->ce_p;
    if (key == '+' || key == '=' || key == SL_K_UP || key == 'k')
        p += p < 0.1 - 1e-9 ? 0.01 : 0.05;
    else if (key == '-' || key == '_' || key == SL_K_DOWN || key == 'j')
        p -= p <= 0.1 + 1e-9 ? 0.01 : 0.05;
    else if (key == 'r')
        p = 0.7;
    else
        return 0;
    a->ce_p = p < 0.01 ? 0.01 : p > 1 ? 1 : round(p * 100) / 100;
    return 1;
}

/* Two lines: the prediction ŷ, then "L = −log 0.7 = 0.357" with L from
 * the kit's cross_entropy().  Returns the rows used. */
static int example(sl_app *a, sl_grid *g, sl_rect r, int y, const double *yhat)
{
    const double onehot[4] = {0, 1, 0, 0};
    double L = cross_entropy(yhat, onehot, 1, 4);
    char v[64], p[32], l[32], line[256];
    snprintf(v, sizeof v, "[%.1f, %.1f, %.1f, %.1f]", yhat[0], yhat[1], yhat[2], yhat[3]);
    snprintf(p, sizeof p, "%.1f", yhat[1]);
    snprintf(l, sizeof l, "%.3f", L);
    sl_tpl3(line, sizeof line, sl_app_str(a, "ce_example"), v, p, l);
    return sl_draw_wrapped(g, sl_rc(r.x, y, r.w, r.y + r.h - y), line, 2, 0, sl_st(0, 0, 0));
}

void sl_ce_draw(sl_app *a, sl_grid *g, sl_rect r)
{
    int lw = r.w >= 72 ? r.w - 34 : r.w;
    sl_rect left = sl_rc(r.x, r.y, lw - 1, r.h);
    int y = r.y;
    y += sl_draw_wrapped(g, left, sl_app_str(a, "ce_examples"), 0, 0, sl_st(SL_BOLD, 0, 0));
    static const double good[4] = {0.1, 0.7, 0.1, 0.1}, bad[4] = {0.4, 0.2, 0.2, 0.2};
    y += example(a, g, left, y, good);
    y += example(a, g, left, y, bad);
    char p[32], l[32], line[256];
    snprintf(p, sizeof p, "%.2f", a->ce_p);
    snprintf(l, sizeof l, "%.3f", fabs(log(a->ce_p)));     /* −log 1 is −0: print 0.000 */
    sl_tpl(line, sizeof line, sl_app_str(a, "ce_live"), p, l);
    y++;
    y += sl_draw_wrapped(g, sl_rc(r.x, y, left.w, r.y + r.h - y), line, 0, 0, sl_st(SL_BOLD, SL_RED, 0));
    y++;
    if (y < r.y + r.h)
        sl_draw_wrapped(g, sl_rc(r.x, y, left.w, r.y + r.h - y), sl_app_str(a, "ce_note"), 0, 0,
                        sl_st(0, 0, 0));
    double ys[CURVE_N];
    for (int i = 0; i < CURVE_N; i++)
        ys[i] = -log((i + 1.0) / CURVE_N);
    sl_curve c = {.y = ys, .count = CURVE_N, .x_first = 1.0 / CURVE_N, .x_last = 1, .x_end = 1,
                  .y_top = 4, .x_decimals = 2, .xlabel = "p", .ylabel = "-log p",
                  .mark_x = a->ce_p};
    sl_rect cr = lw < r.w ? sl_rc(r.x + lw + 1, r.y, r.w - lw - 1, r.h < 16 ? r.h : 16)
                          : sl_rc(r.x, y + 3, r.w, r.y + r.h - y - 3);
    sl_render_curve(g, cr, &c, a->gl);
}

/* screens.c — the table of widgets and the helpers they share (screens.h).
 * To add a widget: write its draw/key functions in a new scr_*.c, declare
 * them in screens.h, add a line here, and name it in a page's `widget:`. */
#include "screens.h"
#include "render/utf8.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const sl_screen sl_screens[] = {
    /* name        min_h side_w init             enter                draw                key               tick           keys */
    {"ovr",        9,    70,   sl_sigmoid_init, sl_ovr_enter,        sl_ovr_draw,        sl_sigmoid_key,   NULL,          "keys_sigmoid"},
    {"softmax",    12,   80,   sl_softmax_init, NULL,                sl_softmax_draw,    sl_softmax_key,   NULL,          "keys_softmax"},
    {"ce",         12,   70,   sl_ce_init,      NULL,                sl_ce_draw,         sl_ce_key,        NULL,          "keys_ce"},
    {"step",       15,   90,   sl_step_init,    NULL,                sl_step_draw,       sl_step_key,      NULL,          "keys_step"},
    {"train",      16,   130,  NULL,            NULL,                sl_train_draw,      sl_train_key,     sl_train_tick, "keys_train"},
    {"quiz",       10,   70,   NULL,            NULL,                sl_quiz_draw,       sl_quiz_key,      NULL,          "keys_quiz"},
    {"multilabel", 10,   70,   NULL,            sl_multilabel_enter, sl_multilabel_draw, sl_sigmoid_key,   NULL,          "keys_sigmoid"},
    {"calib",      15,   80,   NULL,            sl_real_enter,       sl_calib_draw,      sl_calib_key,     sl_real_tick,  "keys_calib"},
    {"mldemo",     13,   75,   NULL,            sl_mldemo_enter,     sl_mldemo_draw,     sl_mldemo_key,    NULL,          "keys_mldemo"},
    {"ocr",        15,   72,   NULL,            sl_real_enter,       sl_ocr_draw,        sl_ocr_key,       sl_real_tick,  "keys_ocr"},
    {"exercises",  12,   90,   NULL,            NULL,                sl_exercises_draw,  sl_exercises_key, NULL,          "keys_exercises"},
    {NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL},
};

const sl_screen *sl_screen_find(const char *widget)
{
    if (!widget || !*widget)
        return NULL;
    for (const sl_screen *s = sl_screens; s->name; s++)
        if (strcmp(s->name, widget) == 0)
            return s;
    return NULL;
}

void sl_fmt_prob(char *buf, size_t size, double p)
{
    if (!isfinite(p))
        snprintf(buf, size, "%s", isnan(p) ? "NaN" : p > 0 ? "inf" : "-inf");
    else if (p == 0 || p >= 0.01)
        snprintf(buf, size, "%.5f", p);
    else if (p >= 1e-7)
        snprintf(buf, size, "%.*f", 2 - (int)floor(log10(p)), p);
    else
        snprintf(buf, size, "%.2e", p);
}

void sl_fmt_num(char *buf, size_t size, double v, int width, int prec)
{
    if (!isfinite(v))
        snprintf(buf, size, "%*s", width, isnan(v) ? "NaN" : v > 0 ? "inf" : "-inf");
    else if (fabs(v) >= 1e7)
        snprintf(buf, size, "%*.*e", width, prec > 3 ? 3 : prec, v);
    else
        snprintf(buf, size, "%*.*f", width, prec, v == 0 ? 0.0 : v);
}

int sl_put_text(sl_grid *g, sl_rect r, int x, int y, const char *s, sl_style st)
{
    if (y < r.y || y >= r.y + r.h || x >= r.x + r.w)
        return 0;
    return sl_grid_text(g, x, y, r.x + r.w - x, s, st);
}

int sl_draw_matrix(sl_grid *g, sl_rect clip, int x, int y, const char *label, const double *M,
                   int rows, int cols, int prec)
{
    int cw = prec + 4;
    int width = cols * cw + 2;
    int lw = sl_str_width(label);
    sl_put_text(g, clip, x, y, label, sl_st(SL_BOLD, 0, 0));
    for (int i = 0; i < rows; i++) {
        sl_put_text(g, clip, x, y + 1 + i, "[", sl_st(0, 0, 0));
        for (int j = 0; j < cols; j++) {
            char buf[48];
            sl_fmt_num(buf, sizeof buf, M[i * cols + j], cw, prec);
            sl_put_text(g, clip, x + 1 + j * cw, y + 1 + i, buf, sl_st(0, 0, 0));
        }
        sl_put_text(g, clip, x + 1 + cols * cw, y + 1 + i, "]", sl_st(0, 0, 0));
    }
    return lw > width ? lw : width;
}

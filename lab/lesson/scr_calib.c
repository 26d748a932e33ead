/* scr_calib.c — "is the softmax output a probability?" measured (§6.2): the
 * reliability diagram of the digits model (realdata.h) on its held-out
 * rows — per confidence bin, how often the model was right, against the
 * diagonal of perfect calibration — and the expected calibration error,
 * with a sentence that reads the result.  The model is trained by the
 * same steps as on the OCR page (sl_real_tick); `t` trains longer. */
#include "screens.h"
#include "render/text.h"
#include "tpl.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

enum { YLAB = 5, TEXT_W = 28, MORE_EPOCHS = 300 };

int sl_calib_key(sl_app *a, int key)
{
    char err[512];
    switch (key) {
    case 't':
        if (a->real.loaded)
            sl_realdata_extend(&a->real, MORE_EPOCHS);
        return 1;
    case 'r':
        if (a->real.loaded)
            sl_realdata_start(&a->real, err, sizeof err);   /* cannot fail once loaded */
        else
            sl_real_enter(a);                               /* try loading again */
        return 1;
    case ' ':
        if (a->real.loaded && a->real.epochs < a->real.target)
            a->real.running = !a->real.running;
        return 1;
    default:
        return 0;
    }
}

/* Height in rows (0…h) of a value v in [0, 1] on a plot h rows tall. */
static int rows_of(double v, int h)
{
    int n = (int)lround(v * h);
    return n < 0 ? 0 : n > h ? h : n;
}

/* The diagram in r (r.h ≥ 6): accuracy up, confidence across, one bar per
 * bin, the diagonal as '/', bin counts on the last row.  Returns its width. */
static int draw_diagram(sl_app *a, sl_grid *g, sl_rect r)
{
    const sl_realdata *m = &a->real;
    const int bins = SL_RD_BINS;
    int bw = (r.w - YLAB) / bins;
    bw = bw < 4 ? 4 : bw > 8 ? 8 : bw;
    const int pw = bins * bw, ph = r.h - 4 > 16 ? 16 : r.h - 4;
    const int x0 = r.x + YLAB, top = r.y + 1, base = top + ph;   /* base: the x axis row */
    sl_put_text(g, r, r.x, r.y, sl_app_str(a, "cal_yaxis"), sl_st(SL_BOLD, 0, 0));
    const sl_glyphs *gl = a->gl;
    sl_style axis = sl_st(SL_DIM, 0, 0);
    for (int row = 0; row < ph; row++)
        sl_grid_put(g, x0 - 1, top + row, gl->vline, axis);
    sl_grid_put(g, x0 - 1, base, gl->corner, axis);
    for (int c = 0; c < pw; c++)
        sl_grid_put(g, x0 + c, base, gl->hline, axis);
    sl_put_text(g, r, r.x, top, "1.0", axis);
    sl_put_text(g, r, r.x, top + ph / 2, "0.5", axis);
    sl_put_text(g, r, r.x, base, "0", axis);
    for (int b = 0; b < bins; b++) {
        int hb = m->bin_count[b] ? rows_of(m->bin_acc[b], ph) : 0;
        for (int c = b * bw; c < b * bw + bw - 1; c++) {
            int hd = rows_of((c + 0.5) / pw, ph);        /* the diagonal's height here */
            hd = hd < 1 ? 1 : hd;
            for (int j = 0; j < hb; j++)
                sl_grid_put(g, x0 + c, base - 1 - j, a->ascii ? '#' : 0x2588,
                            sl_st(0, SL_BLUE, 0));
            sl_grid_put(g, x0 + c, base - hd, '/', hd <= hb ? sl_st(SL_BOLD | SL_REVERSE, 0, 0)
                                                          : sl_st(SL_BOLD, SL_YELLOW, 0));
        }
        char n[16];
        snprintf(n, sizeof n, "%zu", m->bin_count[b]);
        sl_put_text(g, r, x0 + b * bw + bw - 1 - (int)strlen(n), base + 2, n, axis);
    }
    sl_put_text(g, r, x0, base + 1, "0", axis);
    sl_put_text(g, r, x0 + 3, base + 1, sl_app_str(a, "cal_xaxis"), sl_st(SL_BOLD, 0, 0));
    sl_put_text(g, r, x0 + pw / 2 - 1, base + 1, "0.5", axis);
    sl_put_text(g, r, x0 + pw - 1, base + 1, "1", axis);
    sl_put_text(g, r, r.x, base + 2, "n", axis);
    return YLAB + pw;
}

void sl_calib_draw(sl_app *a, sl_grid *g, sl_rect r)
{
    const sl_realdata *m = &a->real;
    if (!m->loaded) {
        sl_draw_wrapped(g, r, sl_app_str(a, "ocr_unavailable"), 0, 0, sl_st(SL_BOLD, 0, 0));
        return;
    }
    int dw = r.w - TEXT_W - 3;                      /* at least 10 bins of 4 columns */
    dw = draw_diagram(a, g, sl_rc(r.x, r.y, dw < YLAB + 40 ? YLAB + 40 : dw, r.h));
    int tx = r.x + dw + 3;
    sl_rect t = sl_rc(tx, r.y, r.x + r.w - tx, r.h);
    char ece[32], conf[32], acc[32], ep[32], line[1024];
    snprintf(ece, sizeof ece, "%.3f", m->ece);
    snprintf(conf, sizeof conf, "%.1f%%", 100 * m->mean_conf);
    snprintf(acc, sizeof acc, "%.1f%%", 100 * m->accuracy);
    snprintf(ep, sizeof ep, "%zu", m->epochs);
    int y = t.y;
    sl_tpl(line, sizeof line, sl_app_str(a, "cal_ece"), ece, NULL);
    y += sl_draw_wrapped(g, sl_rc(t.x, y, t.w, t.y + t.h - y), line, 0, 0,
                         sl_st(SL_BOLD | SL_REVERSE, 0, 0));
    sl_tpl3(line, sizeof line, sl_app_str(a, "cal_means"), conf, acc, ep);
    y += sl_draw_wrapped(g, sl_rc(t.x, y, t.w, t.y + t.h - y), line, 0, 0, sl_st(0, 0, 0));
    sl_tpl(line, sizeof line, sl_app_str(a, "cal_legend"), a->ascii ? "#" : "\u2588", "/");
    y += sl_draw_wrapped(g, sl_rc(t.x, y, t.w, t.y + t.h - y), line, 0, 0, sl_st(SL_DIM, 0, 0)) + 1;
    const char *verdict;
    if (m->running)
        verdict = "cal_training";
    else if (m->mean_conf > m->accuracy + 0.01)
        verdict = "cal_over";
    else if (m->mean_conf < m->accuracy - 0.01)
        verdict = "cal_under";
    else
        verdict = "cal_close";
    sl_tpl3(line, sizeof line, sl_app_str(a, verdict), conf, acc, ece);
    sl_draw_wrapped(g, sl_rc(t.x, y, t.w, t.y + t.h - y), line, 0, 0, sl_st(0, SL_YELLOW, 0));
}

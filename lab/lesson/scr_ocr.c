/* scr_ocr.c — handwritten digits (§6.4, OCR): the digits model of
 * realdata.h trained a few epochs per frame, its held-out accuracy, the
 * 10×10 confusion matrix, and test digits drawn as 8×8 art with their top-3
 * softmax probabilities — the test digits in order, or the most confident
 * mistakes (m switches).  Wine's held-out accuracy sits on the second line.
 * State: a->real (the model) and a->ocr (which digit is shown). */
#include "screens.h"
#include "eval.h"
#include "render/text.h"
#include "render/utf8.h"
#include "tpl.h"

#include <stdio.h>
#include <string.h>

enum { CM_CELL = 3, CM_W = 4 + 10 * CM_CELL, PANEL_W = 33, PANEL_H = 11 };

/* Starts the models the first time a §6 data page opens (shared with
 * scr_calib.c); a failure becomes the notice. */
void sl_real_enter(sl_app *a)
{
    char err[512];
    if (!a->real.loaded && sl_realdata_start(&a->real, err, sizeof err))
        sl_app_notice(a, "%s", err);
}

int sl_real_tick(sl_app *a)
{
    if (!a->real.running)
        return 0;
    sl_realdata_step(&a->real, SL_RD_STEP);
    return 1;
}

/* Number of entries in the list browsed (test digits or mistakes). */
static size_t list_len(const sl_app *a)
{
    return a->ocr.list ? a->real.n_mistakes : a->real.d.test.n;
}

/* Test-set row of entry i of the list. */
static size_t list_row(const sl_app *a, size_t i)
{
    return a->ocr.list ? a->real.mistakes[i] : i;
}

int sl_ocr_key(sl_app *a, int key)
{
    sl_ocr_state *o = &a->ocr;
    size_t n = list_len(a);
    switch (key) {
    case SL_K_DOWN: case 'j':
        if (n)
            o->sel = (int)(((size_t)o->sel + 1) % n);
        return 1;
    case SL_K_UP: case 'k':
        if (n)
            o->sel = (int)(((size_t)o->sel + n - 1) % n);
        return 1;
    case 'm':
        o->list = !o->list;
        o->sel = 0;
        return 1;
    case ' ':
        if (a->real.loaded && a->real.epochs < a->real.target)
            a->real.running = !a->real.running;
        return 1;
    case 'r':
        if (a->real.loaded) {
            char err[512];
            sl_realdata_start(&a->real, err, sizeof err);   /* cannot fail once loaded */
        } else {
            sl_real_enter(a);                               /* try loading again */
        }
        o->sel = 0;
        return 1;
    default:
        return 0;
    }
}

/* "95.2% (513/539)" */
static void fmt_acc(char *buf, size_t size, double acc, size_t hits, size_t n)
{
    snprintf(buf, size, "%.1f%% (%zu/%zu)", 100 * acc, hits, n);
}

/* Status lines: digits progress and accuracy, then wine.  Returns rows used. */
static int draw_status(sl_app *a, sl_grid *g, sl_rect r)
{
    const sl_realdata *m = &a->real;
    char ep[32], tot[32], loss[32], acc[64], line[512];
    snprintf(ep, sizeof ep, "%zu", m->epochs);
    snprintf(tot, sizeof tot, "%zu", m->target);
    sl_tpl(line, sizeof line, sl_app_str(a, "ocr_epochs"), ep, tot);
    int x = r.x + sl_put_text(g, r, r.x, r.y, line, sl_st(0, 0, 0));
    if (m->epochs)
        snprintf(loss, sizeof loss, "%.4f", m->loss);
    else
        snprintf(loss, sizeof loss, "-");
    fmt_acc(acc, sizeof acc, m->accuracy, m->hits, m->d.test.n);
    sl_tpl(line, sizeof line, sl_app_str(a, "ocr_status"), loss, acc);
    x += sl_put_text(g, r, x, r.y, line, sl_st(SL_BOLD, 0, 0));
    const char *state = sl_app_str(a, m->running ? "tr_running" : m->epochs < m->target
                                                                      ? "tr_paused" : "ocr_done");
    sl_put_text(g, r, x + 1, r.y, state, m->running ? sl_st(SL_BOLD | SL_REVERSE, SL_GREEN, 0)
                                                    : sl_st(SL_REVERSE, 0, 0));
    fmt_acc(acc, sizeof acc, m->wine_accuracy, m->wine_hits, m->wine_test_n);
    sl_tpl(line, sizeof line, sl_app_str(a, "ocr_wine"), acc, NULL);
    sl_put_text(g, r, r.x, r.y + 1, line, sl_st(0, 0, 0));
    return 3;
}

/* The confusion matrix at (x, y): truth down, prediction across. */
static void draw_confusion(sl_app *a, sl_grid *g, sl_rect r, int x, int y)
{
    const sl_realdata *m = &a->real;
    sl_put_text(g, r, x, y, sl_app_str(a, "ocr_confusion"), sl_st(SL_BOLD, 0, 0));
    for (int p = 0; p < SL_RD_K; p++) {
        char c[8];
        snprintf(c, sizeof c, "%*d", CM_CELL, p);
        sl_put_text(g, r, x + 4 + p * CM_CELL, y + 1, c, sl_st(SL_UNDERLINE, 0, 0));
    }
    for (int t = 0; t < SL_RD_K; t++) {
        char c[16];
        snprintf(c, sizeof c, "%2d |", t);
        if (!a->ascii)
            snprintf(c, sizeof c, "%2d \u2502", t);
        sl_put_text(g, r, x, y + 2 + t, c, sl_st(0, 0, 0));
        for (int p = 0; p < SL_RD_K; p++) {
            size_t v = m->confusion[t * SL_RD_K + p];
            sl_style st = sl_st(SL_DIM, 0, 0);
            if (v && p == t)
                st = sl_st(SL_BOLD, SL_GREEN, 0);
            else if (v)
                st = sl_st(SL_BOLD | SL_REVERSE, SL_RED, 0);
            if (v)
                snprintf(c, sizeof c, "%*zu", CM_CELL, v);
            else
                snprintf(c, sizeof c, "%*s", CM_CELL, ".");
            /* the reverse video of a mistake covers only the number */
            int lead = CM_CELL - (int)strlen(c + strspn(c, " "));
            sl_put_text(g, r, x + 4 + p * CM_CELL + lead, y + 2 + t, c + lead, st);
        }
    }
}

/* Entry i of the list as a panel at (x, y): heading, the 8×8 art in a
 * frame, the top-3 probabilities beside it. */
static void draw_panel(sl_app *a, sl_grid *g, sl_rect r, int x, int y, size_t i)
{
    const sl_realdata *m = &a->real;
    const size_t row = list_row(a, i), k = SL_RD_K;
    const double *p = m->d.P + row * k;
    const int truth = m->d.test.y[row], pred = m->d.pred[row];
    char num[32], tot[32], wrong[32], line[256], t[8], q[8];
    snprintf(num, sizeof num, "%zu", i + 1);
    snprintf(tot, sizeof tot, "%zu", list_len(a));
    snprintf(wrong, sizeof wrong, "%zu", m->d.test.n - m->hits);   /* all of them, as in the matrix */
    sl_tpl3(line, sizeof line, sl_app_str(a, a->ocr.list ? "ocr_mistake_n" : "ocr_digit_n"), num,
            tot, wrong);
    int sel = i == (size_t)a->ocr.sel;
    sl_put_text(g, r, x, y, line, sl_st(sel ? SL_BOLD | SL_UNDERLINE : SL_BOLD, 0, 0));
    snprintf(t, sizeof t, "%d", truth);
    snprintf(q, sizeof q, "%d", pred);
    sl_tpl(line, sizeof line, sl_app_str(a, truth == pred ? "ocr_right" : "ocr_wrong"), t, q);
    sl_put_text(g, r, x, y + 1, line, truth == pred ? sl_st(0, SL_GREEN, 0)
                                                    : sl_st(SL_BOLD | SL_REVERSE, SL_RED, 0));
    char art[8][SL_DIGIT_LINE];
    sl_digit_art(m->d.raw_test + row * SL_RD_D, 16, a->ascii, art);
    uint32_t v = a->ascii ? '|' : 0x2502;
    for (int rr = 0; rr < 8; rr++) {
        if (y + 2 + rr >= r.y + r.h)
            break;
        sl_grid_put(g, x, y + 2 + rr, v, sl_st(SL_DIM, 0, 0));
        sl_put_text(g, r, x + 1, y + 2 + rr, art[rr], sl_st(0, 0, 0));
        sl_grid_put(g, x + 17, y + 2 + rr, v, sl_st(SL_DIM, 0, 0));
    }
    size_t idx[3];
    double prob[3];
    sl_top_k(p, k, 3, idx, prob);
    sl_put_text(g, r, x + 19, y + 2, sl_app_str(a, "ocr_top3"), sl_st(SL_UNDERLINE, 0, 0));
    for (int j = 0; j < 3; j++) {
        snprintf(line, sizeof line, "%zu %6.2f%%", idx[j], 100 * prob[j]);
        sl_put_text(g, r, x + 19, y + 3 + j, line,
                    (int)idx[j] == truth ? sl_st(SL_BOLD, 0, 0) : sl_st(0, 0, 0));
    }
    sl_render_bar(g, x + 19, y + 7, 12, prob[0], a->gl, sl_st(0, SL_BLUE, 0));
}

void sl_ocr_draw(sl_app *a, sl_grid *g, sl_rect r)
{
    const sl_realdata *m = &a->real;
    if (!m->loaded) {
        sl_draw_wrapped(g, r, sl_app_str(a, "ocr_unavailable"), 0, 0, sl_st(SL_BOLD, 0, 0));
        return;
    }
    int y = r.y + draw_status(a, g, r);
    draw_confusion(a, g, r, r.x, y);
    /* as many digit panels as fit right of the matrix, from the selected one */
    int px = r.x + CM_W + 3;
    int cols = (r.x + r.w - px + 1) / PANEL_W, rows = (r.y + r.h - y) / PANEL_H;
    cols = cols < 1 ? 1 : cols;
    rows = rows < 1 ? 1 : rows;
    size_t n = list_len(a);
    if (!n) {
        sl_draw_wrapped(g, sl_rc(px, y, r.x + r.w - px, 3), sl_app_str(a, "ocr_no_mistakes"), 0,
                        0, sl_st(SL_BOLD, 0, 0));
        return;
    }
    if ((size_t)a->ocr.sel >= n)
        a->ocr.sel = 0;
    for (int c = 0; c < cols * rows && (size_t)c < n; c++) {
        size_t i = ((size_t)a->ocr.sel + (size_t)c) % n;
        draw_panel(a, g, r, px + (c % cols) * PANEL_W, y + (c / cols) * PANEL_H, i);
    }
}

/* plot.c — decision boundary, loss curve, bars (contract: plot.h). */
#include "plot.h"
#include "utf8.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const sl_glyphs ascii_glyphs = {
    .utf8 = 0,
    .region = {'.', '-', ':', '\'', '~', '`', ',', '"'},
    .point = {'o', 'x', '+', '*', '@', '%', '&', '$'},
    .boundary = '#',
    .hline = '-', .vline = '|', .corner = '+', .xtick = '+', .ytick = '+',
    .curve = '*', .bar_full = '#', .bar_part = {0},
};

static const sl_glyphs utf8_glyphs = {
    .utf8 = 1,
    .region = {0x00B7, '-', ':', '\'', '~', '`', ',', '"'},
    .point = {0x25CF, 0x2715, 0x25B2, 0x25A0, 0x25C6, 0x2605, 0x2665, 0x2663},
    .boundary = 0x2591,
    .hline = 0x2500, .vline = 0x2502, .corner = 0x2514, .xtick = 0x252C, .ytick = 0x2524,
    .curve = 0x2022, .bar_full = 0x2588,
    .bar_part = {0, 0x258F, 0x258E, 0x258D, 0x258C, 0x258B, 0x258A, 0x2589},
};

const sl_glyphs *sl_glyphs_get(int utf8)
{
    return utf8 ? &utf8_glyphs : &ascii_glyphs;
}

uint8_t sl_class_color(size_t c)
{
    static const uint8_t col[] = {SL_RED, SL_BLUE, SL_YELLOW, SL_GREEN, SL_MAGENTA, SL_CYAN,
                                  SL_WHITE, SL_BLACK};
    return col[c % 8];
}

uint8_t sl_class_ink(size_t c)
{
    uint8_t col = sl_class_color(c);
    return col == SL_RED || col == SL_BLUE || col == SL_MAGENTA || col == SL_BLACK ? SL_WHITE
                                                                                    : SL_BLACK;
}

double sl_nice_ceil(double v)
{
    if (!(v > 0) || !isfinite(v))
        return 1;
    double p = pow(10, floor(log10(v)));
    static const double steps[] = {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10};
    for (int i = 0; i < 11; i++)
        if (steps[i] * p >= v * (1 - 1e-12))
            return steps[i] * p;
    return 10 * p;
}

void sl_boundary_fit_view(sl_boundary *m)
{
    double lo[2] = {INFINITY, INFINITY}, hi[2] = {-INFINITY, -INFINITY};
    for (size_t i = 0; i < m->n; i++)
        for (int a = 0; a < 2; a++) {
            double v = m->X[2 * i + (size_t)a];
            if (isfinite(v)) {
                lo[a] = v < lo[a] ? v : lo[a];
                hi[a] = v > hi[a] ? v : hi[a];
            }
        }
    for (int a = 0; a < 2; a++) {
        if (!(hi[a] > lo[a])) {
            double c = isfinite(lo[a]) ? lo[a] : 0;
            lo[a] = c - 1, hi[a] = c + 1;
        } else {
            double pad = 0.05 * (hi[a] - lo[a]);
            lo[a] -= pad, hi[a] += pad;
        }
    }
    m->x0 = lo[0], m->x1 = hi[0], m->y0 = lo[1], m->y1 = hi[1];
}

static size_t predict_at(const sl_boundary *m, double u, double v)
{
    size_t best = 0;
    double bz = -INFINITY;
    for (size_t j = 0; j < m->k; j++) {
        double z = u * m->W[j] + v * m->W[m->k + j] + m->b[j];
        if (z > bz) {
            bz = z;
            best = j;
        }
    }
    return best;
}

/* A tick label: at most 6 columns. */
static void fmt_tick(char *buf, size_t size, double v)
{
    if (fabs(v) < 5e-3)
        v = 0;
    snprintf(buf, size, fabs(v) >= 1000 ? "%.0f" : fabs(v) >= 100 ? "%.0f" : "%.1f", v);
}

enum { MARGIN = 7 };

void sl_render_boundary(sl_grid *g, sl_rect r, const sl_boundary *m, const sl_glyphs *gl)
{
    if (r.w < 16 || r.h < 5 || m->k == 0)
        return;
    int mw = r.w - MARGIN, mh = r.h - 2, mx = r.x + MARGIN;
    sl_style axis = sl_st(0, 0, 0);
    /* classes at cell centres, row by row, with one extra row/column so the
     * boundary test can look right and down */
    for (int row = 0; row < mh; row++) {
        double v = m->y1 - (row + 0.5) / mh * (m->y1 - m->y0);
        double vd = m->y1 - (row + 1.5) / mh * (m->y1 - m->y0);
        for (int col = 0; col < mw; col++) {
            double u = m->x0 + (col + 0.5) / mw * (m->x1 - m->x0);
            double ur = m->x0 + (col + 1.5) / mw * (m->x1 - m->x0);
            size_t c = predict_at(m, u, v);
            int edge = (col + 1 < mw && predict_at(m, ur, v) != c)
                    || (row + 1 < mh && predict_at(m, u, vd) != c);
            if (edge)
                sl_grid_put(g, mx + col, r.y + row, gl->boundary, sl_st(0, 0, 0));
            else
                sl_grid_put(g, mx + col, r.y + row, gl->region[c % SL_MAX_GLYPH_CLASSES],
                            sl_st(SL_DIM, sl_class_ink(c), sl_class_color(c)));
        }
    }
    for (size_t i = 0; i < m->n; i++) {
        double u = m->X[2 * i], v = m->X[2 * i + 1];
        if (!(u >= m->x0 && u <= m->x1 && v >= m->y0 && v <= m->y1))
            continue;
        int col = (int)floor((u - m->x0) / (m->x1 - m->x0) * mw);
        int row = (int)floor((m->y1 - v) / (m->y1 - m->y0) * mh);
        col = col >= mw ? mw - 1 : col;
        row = row >= mh ? mh - 1 : row;
        size_t c = (size_t)m->y[i];
        sl_grid_put(g, mx + col, r.y + row, gl->point[c % SL_MAX_GLYPH_CLASSES],
                    sl_st(SL_BOLD, sl_class_ink(c), sl_class_color(c)));
    }
    /* y axis: tick labels at the top, middle and bottom rows (quarters when tall) */
    int nq = mh >= 15 ? 4 : 2;
    for (int row = 0; row < mh; row++)
        sl_grid_put(g, mx - 1, r.y + row, gl->vline, axis);
    for (int q = 0; q <= nq; q++) {
        int row = (int)lround((double)q / nq * (mh - 1));
        sl_grid_put(g, mx - 1, r.y + row, gl->ytick, axis);
        char buf[32];
        fmt_tick(buf, sizeof buf, m->y1 - (row + 0.5) / mh * (m->y1 - m->y0));
        int w = (int)strlen(buf);
        sl_grid_text(g, mx - 2 - w < r.x ? r.x : mx - 2 - w, r.y + row, MARGIN - 2, buf, axis);
    }
    /* x axis */
    int ay = r.y + mh;
    sl_grid_put(g, mx - 1, ay, gl->corner, axis);
    int ticks[3] = {0, mw / 2, mw - 1};
    for (int col = 0; col < mw; col++)
        sl_grid_put(g, mx + col, ay, gl->hline, axis);
    int next_free = r.x;
    for (int t = 0; t < 3; t++) {
        int col = ticks[t];
        sl_grid_put(g, mx + col, ay, gl->xtick, axis);
        char buf[32];
        fmt_tick(buf, sizeof buf, m->x0 + (col + 0.5) / mw * (m->x1 - m->x0));
        int w = (int)strlen(buf);
        int lx = t == 0 ? mx + col : t == 2 ? mx + col - w + 1 : mx + col - w / 2;
        if (lx < next_free)
            continue;
        sl_grid_text(g, lx, ay + 1, w, buf, axis);
        next_free = lx + w + 1;
    }
}

int sl_render_legend(sl_grid *g, int x, int y, int w, const sl_glyphs *gl, char *const *names,
                     size_t k, const char *boundary_word)
{
    int used = 0;
    for (size_t c = 0; c <= k; c++) {
        const char *name = c < k ? names[c] : boundary_word;
        if (!name)
            continue;
        int need = 2 + sl_str_width(name) + 2;
        if (used + need - 2 > w)
            break;
        if (c < k)
            sl_grid_put(g, x + used, y, gl->point[c % SL_MAX_GLYPH_CLASSES],
                        sl_st(SL_BOLD, sl_class_ink(c), sl_class_color(c)));
        else
            sl_grid_put(g, x + used, y, gl->boundary, sl_st(0, 0, 0));
        used += 2;
        used += sl_grid_text(g, x + used, y, w - used, name, sl_st(0, 0, 0)) + 2;
    }
    return used > 2 ? used - 2 : used;
}

static void fmt_y_tick(char *buf, size_t size, double v, double top)
{
    snprintf(buf, size, top < 10 ? "%.2f" : top < 100 ? "%.1f" : "%.0f", v);
}

/* y of the curve at x (linear between samples), NAN outside the samples. */
static double curve_at(const sl_curve *c, double x)
{
    if (c->count == 0)
        return NAN;
    if (c->count == 1)
        return fabs(x - c->x_first) < 1e-12 ? c->y[0] : NAN;
    double t = (x - c->x_first) / (c->x_last - c->x_first) * (double)(c->count - 1);
    if (t < -1e-9 || t > (double)(c->count - 1) + 1e-9)
        return NAN;
    if (t < 0)
        t = 0;
    size_t e = (size_t)t;
    if (e >= c->count - 1)
        return c->y[c->count - 1];
    double f = t - (double)e;
    return f > 0 ? (1 - f) * c->y[e] + f * c->y[e + 1] : c->y[e];
}

/* Plot row of value v on an axis from 0 (row ph − 1) to top (row 0). */
static int row_of(double v, double top, int ph)
{
    int row = (int)lround((1 - v / top) * (ph - 1));
    return row < 0 ? 0 : row >= ph ? ph - 1 : row;
}

/* The lowest and highest finite samples whose x falls in column col of pw
 * (the column nearest to it), or the curve's value at the column's x when
 * none does; NAN when there is nothing finite.  Returns 1 when a sample in
 * the column is not finite. */
static int column_range(const sl_curve *c, int col, int pw, double xend, double *lo, double *hi)
{
    *lo = *hi = NAN;
    int inf = 0, any = 0;
    if (c->count > 1 && pw > 1) {
        double step = (c->x_last - c->x_first) / (double)(c->count - 1);
        double per = xend / (pw - 1);             /* x per column */
        double x0 = (col - 0.5) * per, x1 = (col + 0.5) * per;
        double e0 = ceil((x0 - c->x_first) / step - 1e-9), e1 = (x1 - c->x_first) / step;
        for (double e = e0 < 0 ? 0 : e0; e < e1 - 1e-9 && e < (double)c->count; e++) {
            double v = c->y[(size_t)e];
            any = 1;
            if (!isfinite(v)) {
                inf = 1;
                continue;
            }
            *lo = isnan(*lo) || v < *lo ? v : *lo;
            *hi = isnan(*hi) || v > *hi ? v : *hi;
        }
    }
    if (!any) {
        double v = curve_at(c, pw > 1 ? xend * col / (pw - 1) : 0);
        if (isfinite(v))
            *lo = *hi = v;
    }
    return inf;
}

/* Draws the curve of c into the plot area p (x from 0 to xend, y from 0 to
 * top): each column spans the lowest to the highest sample that falls in
 * it (no spike is hidden between columns), joined to the previous column;
 * a column without a sample takes the curve's value there; a non-finite
 * sample marks the top row. */
static void draw_columns(sl_grid *g, const sl_curve *c, sl_rect p, double top, double xend,
                         const sl_glyphs *gl)
{
    const int px = p.x, py = p.y, pw = p.w, ph = p.h;
    sl_style curve = sl_st(SL_BOLD, SL_CYAN, 0);
    int prev_lo = -1, prev_hi = -1;
    for (int col = 0; col < pw; col++) {
        double lo, hi;
        int inf = column_range(c, col, pw, xend, &lo, &hi);
        if (inf)
            sl_grid_put(g, px + col, py, gl->utf8 ? 0x2191 : '^', sl_st(SL_BOLD, SL_RED, 0));
        if (!isfinite(lo)) {
            prev_lo = prev_hi = -1;
            continue;
        }
        int rlo = row_of(hi, top, ph), rhi = row_of(lo, top, ph);   /* rows grow downwards */
        int from = rlo, to = rhi;
        if (prev_lo >= 0 && prev_hi < from)
            from = prev_hi + 1 < from ? prev_hi + 1 : from;
        if (prev_lo >= 0 && prev_lo > to)
            to = prev_lo - 1 > to ? prev_lo - 1 : to;
        for (int y = from; y <= to; y++)
            sl_grid_put(g, px + col, py + y, gl->curve, curve);
        prev_lo = rlo, prev_hi = rhi;
    }
}

void sl_render_curve(sl_grid *g, sl_rect r, const sl_curve *c, const sl_glyphs *gl)
{
    if (r.w < 20 || r.h < 6)
        return;
    double top = c->y_top;
    if (!(top > 0)) {
        top = 0;
        for (size_t e = 0; e < c->count; e++)
            if (isfinite(c->y[e]) && c->y[e] > top)
                top = c->y[e];
        top = sl_nice_ceil(top);
    }
    char buf[32];
    fmt_y_tick(buf, sizeof buf, top, top);
    int lw = (int)strlen(buf);
    int ax = r.x + lw + 1;                 /* the y axis column */
    int xlw = sl_str_width(c->xlabel);
    int px = ax + 1, pw = r.x + r.w - px - (xlw ? xlw + 1 : 0);  /* plot columns */
    int py = r.y + 1, ph = r.h - 3;        /* plot rows */
    sl_style axis = sl_st(0, 0, 0);
    sl_grid_text(g, r.x, r.y, r.w, c->ylabel, sl_st(SL_BOLD, 0, 0));
    int nt = ph >= 12 ? 4 : ph >= 6 ? 2 : 1;
    for (int row = 0; row < ph; row++)
        sl_grid_put(g, ax, py + row, gl->vline, axis);
    for (int t = 0; t <= nt; t++) {
        double v = top * t / nt;
        int row = (int)lround((1 - v / top) * (ph - 1));
        sl_grid_put(g, ax, py + row, gl->ytick, axis);
        fmt_y_tick(buf, sizeof buf, v, top);
        sl_grid_text(g, ax - (int)strlen(buf), py + row, lw, buf, axis);
    }
    double xend = c->x_end > c->x_last ? c->x_end : c->x_last;
    if (!(xend > 0))
        xend = 1;
    int ay = py + ph;
    sl_grid_put(g, ax, ay, gl->corner, axis);
    for (int col = 0; col < pw; col++)
        sl_grid_put(g, px + col, ay, gl->hline, axis);
    int nx = pw >= 48 ? 4 : 2, next_free = r.x;
    for (int t = 0; t <= nx; t++) {
        int col = (int)lround((double)t / nx * (pw - 1));
        sl_grid_put(g, px + col, ay, gl->xtick, axis);
        snprintf(buf, sizeof buf, "%.*f", c->x_decimals, xend * t / nx);
        int w = (int)strlen(buf);
        int lx = t == 0 ? px + col : t == nx ? px + col - w + 1 : px + col - w / 2;
        if (lx < next_free)
            continue;
        sl_grid_text(g, lx, ay + 1, w, buf, axis);
        next_free = lx + w + 1;
    }
    if (xlw)
        sl_grid_text(g, px + pw + 1, ay, xlw, c->xlabel, sl_st(SL_BOLD, 0, 0));
    draw_columns(g, c, sl_rc(px, py, pw, ph), top, xend, gl);
    if (isfinite(c->mark_x)) {
        double v = curve_at(c, c->mark_x);
        int col = (int)lround(c->mark_x / xend * (pw - 1));
        if (isfinite(v) && col >= 0 && col < pw) {
            int row = (int)lround((1 - v / top) * (ph - 1));
            row = row < 0 ? 0 : row >= ph ? ph - 1 : row;
            sl_grid_put(g, px + col, py + row, gl->utf8 ? 0x25C9 : '@', sl_st(SL_BOLD | SL_REVERSE, SL_RED, 0));
        }
    }
}

void sl_render_loss(sl_grid *g, sl_rect r, const double *loss, size_t count, size_t x_max,
                    const char *xlabel, const char *ylabel, const sl_glyphs *gl)
{
    size_t xm = count > 1 ? count - 1 : 1;
    if (x_max > xm)
        xm = x_max;
    sl_curve c = {.y = loss, .count = count, .x_first = 0,
                  .x_last = count > 1 ? (double)(count - 1) : 0,
                  .x_end = sl_nice_ceil(xm < 10 ? 10 : (double)xm), .y_top = 0, .x_decimals = 0,
                  .xlabel = xlabel, .ylabel = ylabel, .mark_x = NAN};
    sl_render_curve(g, r, &c, gl);
}

int sl_render_bar(sl_grid *g, int x, int y, int w, double v, const sl_glyphs *gl, sl_style st)
{
    if (!(v > 0))
        return 0;
    if (v > 1)
        v = 1;
    double cells = v * w;
    int full = (int)floor(cells), drawn = 0;
    for (; drawn < full; drawn++)
        sl_grid_put(g, x + drawn, y, gl->bar_full, st);
    int eighths = (int)floor((cells - full) * 8);
    if (drawn < w && gl->utf8 && eighths > 0)
        sl_grid_put(g, x + drawn++, y, gl->bar_part[eighths], st);
    return drawn;
}

/* plot.h — the pictures of softmax-lab, drawn into a grid (grid.h):
 * the decision boundary of a 2-feature softmax model with its training
 * points, the loss curve with labelled axes, and horizontal bars.
 * Used by the lesson and by `softmax-lab train --plot`. */
#ifndef SL_PLOT_H
#define SL_PLOT_H

#include "grid.h"

#include <stddef.h>

#define SL_MAX_GLYPH_CLASSES 8

/* The glyph set: 7-bit ASCII or UTF-8.  A class c uses entry c % 8.
 * Regions are faint glyphs, points bold distinct shapes, so classes stay
 * distinguishable without colour. */
typedef struct {
    int utf8;
    uint32_t region[SL_MAX_GLYPH_CLASSES], point[SL_MAX_GLYPH_CLASSES], boundary;
    uint32_t hline, vline, corner, xtick, ytick, curve, bar_full, bar_part[8];
} sl_glyphs;

/* The ASCII set (utf8 == 0) or the UTF-8 set. */
const sl_glyphs *sl_glyphs_get(int utf8);

/* Colour of class c (palette index of grid.h) and the foreground that reads
 * well on it. */
uint8_t sl_class_color(size_t c);
uint8_t sl_class_ink(size_t c);

/* A linear 2-feature model and the points to show.  W is 2×k (d = 2, the
 * kit's d×k layout), b has k entries.  X is n×2, y n labels (n may be 0). */
typedef struct {
    const double *W, *b;
    size_t k;
    const double *X;
    const int *y;
    size_t n;
    double x0, x1, y0, y1;     /* the view: feature 0 in [x0, x1], feature 1 in [y0, y1] */
} sl_boundary;

/* Sets the view of m to the range of its points plus a 5 % margin
 * (or [−1, 1] on an empty or flat axis). */
void sl_boundary_fit_view(sl_boundary *m);

/* Draws the decision boundary into r: a left margin with the feature-1 tick
 * labels, the map (each cell the class predicted at its centre: a faint
 * region glyph on the class background; cells where the predicted class
 * changes to the right or below: the boundary glyph; points: bold class
 * glyphs), and below it an axis with the feature-0 tick labels.
 * Needs r.w ≥ 16 and r.h ≥ 5; draws nothing otherwise. */
void sl_render_boundary(sl_grid *g, sl_rect r, const sl_boundary *m, const sl_glyphs *gl);

/* Draws one legend line at (x, y) within w columns: for each class its point
 * glyph and name, then the boundary glyph.  Returns the columns used. */
int sl_render_legend(sl_grid *g, int x, int y, int w, const sl_glyphs *gl, char *const *names,
                     size_t k, const char *boundary_word);

/* Draws the loss curve loss[0..count−1] (loss[e] at epoch e) into r with a
 * y axis from 0 to a round number above the largest finite loss (tick labels
 * on the left, `ylabel` above) and an x axis of epochs from 0 to a round
 * number ≥ max(count−1, x_max, 10) (tick labels below, `xlabel` at the right
 * end of the axis).  Non-finite losses leave a gap.  (sl_render_curve.)
 * Needs r.w ≥ 20 and r.h ≥ 6; draws nothing otherwise. */
void sl_render_loss(sl_grid *g, sl_rect r, const double *loss, size_t count, size_t x_max,
                    const char *xlabel, const char *ylabel, const sl_glyphs *gl);

/* A curve y[0..count−1] sampled evenly from x_first to x_last, on axes from
 * x = 0 to x_end (≥ x_last; tick labels with x_decimals decimals, xlabel at
 * the right end of the axis) and y = 0 to y_top (0: a round number above
 * the largest finite sample; larger values are drawn on the top row).
 * Non-finite samples leave a gap.  mark_x (unless NAN) is highlighted.
 * Needs r.w ≥ 20 and r.h ≥ 6; draws nothing otherwise. */
typedef struct {
    const double *y;
    size_t count;
    double x_first, x_last, x_end, y_top;
    int x_decimals;
    const char *xlabel, *ylabel;
    double mark_x;
} sl_curve;
void sl_render_curve(sl_grid *g, sl_rect r, const sl_curve *c, const sl_glyphs *gl);

/* A horizontal bar of value v in [0, 1] over w columns at (x, y): full
 * cells, then (UTF-8 only) one partial block of eighths.  Returns the columns drawn. */
int sl_render_bar(sl_grid *g, int x, int y, int w, double v, const sl_glyphs *gl, sl_style st);

/* Rounds v > 0 up to 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten. */
double sl_nice_ceil(double v);

#endif

/* test_render.c — the renderers of lab/render/ on fixed inputs: golden files
 * for the decision boundary (60×20 and 80×24, ASCII and UTF-8), the loss
 * curve, bars and CJK text, and property checks of the grid and the
 * wrapper (wide characters never split, widths by wcwidth). */
#include "golden.h"
#include "render/grid.h"
#include "render/plot.h"
#include "render/text.h"
#include "render/utf8.h"
#include "train_plot.h"

#include <criterion/criterion.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void utf8_locale(void)
{
    cr_assert(setlocale(LC_CTYPE, "C.UTF-8") || setlocale(LC_CTYPE, "C.utf8"),
              "the C.UTF-8 locale is needed by these tests");
}

TestSuite(render, .init = utf8_locale);

/* A fixed 3-class model on [−2, 2]²: class 0 to the right, 1 up-left,
 * 2 down-left; six points, one of them (the last) on the wrong side. */
static const double W[6] = {2, -1, -1, 0, 1.5, -1.5};
static const double B[3] = {0, 0, 0};
static const double PX[14] = {1.5, 0.2, 1.2, -1.0, -1.0, 1.5, -1.5, 0.8, -1.0, -1.5, -0.5, -1.2,
                              1.0, 1.8};
static const int PY[7] = {0, 0, 1, 1, 2, 2, 2};

static sl_boundary fixed_model(void)
{
    return (sl_boundary){.W = W, .b = B, .k = 3, .X = PX, .y = PY, .n = 7,
                         .x0 = -2, .x1 = 2, .y0 = -2, .y1 = 2};
}

static void boundary_case(int w, int h, int utf8, const char *name)
{
    sl_grid g;
    cr_assert_eq(sl_grid_init(&g, w, h), 0);
    sl_boundary m = fixed_model();
    sl_render_boundary(&g, sl_rc(0, 0, w, h), &m, sl_glyphs_get(utf8));
    cr_expect(sl_golden_check(&g, name), "boundary %dx%d %s differs from golden/%s.txt", w, h,
              utf8 ? "UTF-8" : "ASCII", name);
    if (!utf8)
        cr_expect(!sl_grid_has_non_ascii(&g), "ASCII mode drew a character >= 128");
    sl_grid_free(&g);
}

Test(render, boundary_60x20_ascii) { boundary_case(60, 20, 0, "boundary_60x20_ascii"); }
Test(render, boundary_60x20_utf8) { boundary_case(60, 20, 1, "boundary_60x20_utf8"); }
Test(render, boundary_80x24_utf8) { boundary_case(80, 24, 1, "boundary_80x24_utf8"); }
Test(render, boundary_80x24_ascii) { boundary_case(80, 24, 0, "boundary_80x24_ascii"); }

/* The class shown in each map cell must be the model's prediction there,
 * computed independently of the renderer (argmax of the logits). */
Test(render, boundary_cells_are_predictions)
{
    sl_grid g;
    sl_grid_init(&g, 60, 20);
    sl_boundary m = fixed_model();
    const sl_glyphs *gl = sl_glyphs_get(0);
    sl_render_boundary(&g, sl_rc(0, 0, 60, 20), &m, gl);
    int mw = 60 - 7, mh = 20 - 2, checked = 0;
    for (int row = 0; row < mh; row++)
        for (int col = 0; col < mw; col++) {
            uint32_t ch = sl_grid_at(&g, 7 + col, row)->ch;
            int cls = -1;
            for (int c = 0; c < 3; c++)
                if (ch == gl->region[c])
                    cls = c;
            if (cls < 0)
                continue;          /* a point or the boundary */
            double u = -2 + (col + 0.5) / mw * 4, v = 2 - (row + 0.5) / mh * 4;
            double z[3];
            int best = 0;
            for (int j = 0; j < 3; j++) {
                z[j] = u * W[j] + v * W[3 + j] + B[j];
                if (z[j] > z[best])
                    best = j;
            }
            cr_expect_eq(cls, best, "cell (%d,%d) at (%.2f,%.2f) shows class %d, model says %d",
                         col, row, u, v, cls, best);
            checked++;
        }
    cr_expect_gt(checked, mw * mh / 2, "only %d region cells found", checked);
    sl_grid_free(&g);
}

/* Points are bold, regions faint: classes stay distinguishable without colour. */
Test(render, points_bold_regions_dim)
{
    sl_grid g;
    sl_grid_init(&g, 60, 20);
    sl_boundary m = fixed_model();
    const sl_glyphs *gl = sl_glyphs_get(1);
    sl_render_boundary(&g, sl_rc(0, 0, 60, 20), &m, gl);
    int points = 0, regions = 0;
    for (int i = 0; i < g.w * g.h; i++) {
        const sl_cell *c = &g.cells[i];
        for (int k = 0; k < 3; k++) {
            if (c->ch == gl->point[k]) {
                points++;
                cr_expect(c->st.attr & SL_BOLD, "point glyph at cell %d is not bold", i);
            }
            if (c->ch == gl->region[k]) {
                regions++;
                cr_expect(!(c->st.attr & SL_BOLD), "region glyph at cell %d is bold", i);
            }
        }
    }
    cr_expect_eq(points, 7, "expected the 7 points, found %d point glyphs", points);
    cr_expect_gt(regions, 100);
    for (int a = 0; a < 3; a++)
        for (int b = a + 1; b < 3; b++) {
            cr_expect_neq(gl->point[a], gl->point[b], "classes %d and %d share a point glyph", a, b);
            cr_expect_neq(gl->region[a], gl->region[b], "classes %d and %d share a region glyph", a, b);
        }
    sl_grid_free(&g);
}

static const double LOSS[12] = {1.0986, 0.80, 0.62, 0.51, 0.44, 0.39, 0.36, 0.34, 0.325, 0.315,
                                0.31, 0.305};

static void loss_case(int utf8, const char *name)
{
    sl_grid g;
    sl_grid_init(&g, 60, 14);
    sl_render_loss(&g, sl_rc(0, 0, 60, 14), LOSS, 12, 0, "epoch", "loss", sl_glyphs_get(utf8));
    cr_expect(sl_golden_check(&g, name), "loss curve differs from golden/%s.txt", name);
    sl_grid_free(&g);
}

Test(render, loss_curve_ascii) { loss_case(0, "loss_60x14_ascii"); }
Test(render, loss_curve_utf8) { loss_case(1, "loss_60x14_utf8"); }

/* The curve's first point sits on the row of its value: 1.0986 on an axis
 * 0 … 1.2 over 11 rows is row round((1 − 1.0986/1.2)·10) = 1. */
Test(render, loss_curve_first_point_row)
{
    sl_grid g;
    sl_grid_init(&g, 60, 14);
    const sl_glyphs *gl = sl_glyphs_get(0);
    sl_render_loss(&g, sl_rc(0, 0, 60, 14), LOSS, 12, 0, "epoch", "loss", gl);
    int px = -1;
    for (int x = 0; x < 60 && px < 0; x++)
        if (sl_grid_at(&g, x, 1)->ch == gl->ytick)
            px = x + 1;
    cr_assert_geq(px, 0, "no y axis tick on the top plot row");
    int row = -1;
    for (int y = 1; y < 12; y++)
        if (sl_grid_at(&g, px, y)->ch == gl->curve)
            row = y - 1;
    cr_expect_eq(row, 1, "first loss point on plot row %d, expected 1", row);
    sl_grid_free(&g);
}

Test(render, nice_ceil)
{
    const double in[] = {1.0986, 0.3, 299, 7, 1e-3};
    const double out[] = {1.2, 0.3, 300, 8, 1e-3};
    for (int i = 0; i < 5; i++)
        cr_expect(fabs(sl_nice_ceil(in[i]) - out[i]) < 1e-12, "nice_ceil(%g): expected %g, got %g",
                  in[i], out[i], sl_nice_ceil(in[i]));
}

Test(render, bars_eighths)
{
    sl_grid g;
    sl_grid_init(&g, 12, 3);
    const sl_glyphs *u = sl_glyphs_get(1), *a = sl_glyphs_get(0);
    int n = sl_render_bar(&g, 0, 0, 10, 0.55, u, sl_st(0, 0, 0));   /* 5.5 cells */
    cr_expect_eq(n, 6, "0.55 of 10 cells: 5 full + 1 partial, got %d cells", n);
    cr_expect_eq(sl_grid_at(&g, 5, 0)->ch, 0x258C, "half block expected at cell 5, got U+%04X",
                 sl_grid_at(&g, 5, 0)->ch);
    n = sl_render_bar(&g, 0, 1, 10, 0.55, a, sl_st(0, 0, 0));
    cr_expect_eq(n, 5, "ASCII: 5 full cells, got %d", n);
    n = sl_render_bar(&g, 0, 2, 10, 2.0, a, sl_st(0, 0, 0));
    cr_expect_eq(n, 10, "values above 1 fill the bar, got %d", n);
    sl_grid_free(&g);
}

/* ---- text: widths and wrapping ---------------------------------------- */

Test(render, cjk_width)
{
    cr_expect_eq(sl_str_width("softmax"), 7);
    cr_expect_eq(sl_str_width("交叉熵"), 6, "three Chinese characters are 6 columns, got %d",
                 sl_str_width("交叉熵"));
    cr_expect_eq(sl_str_width("ŷ·∇W"), 4, "got %d", sl_str_width("ŷ·∇W"));
    cr_expect_eq(sl_str_width("（见第 4 节）"), 13, "got %d", sl_str_width("（见第 4 节）"));
}

/* A wide character never straddles the right edge or the clip box. */
Test(render, wide_char_never_split)
{
    sl_grid g;
    sl_grid_init(&g, 5, 1);
    int used = sl_grid_text(&g, 0, 0, 5, "梯度下降", sl_st(0, 0, 0));
    cr_expect_eq(used, 4, "two 2-column characters fit in 5 columns, used %d", used);
    cr_expect_eq(sl_grid_at(&g, 4, 0)->ch, ' ', "column 4 should stay blank, got U+%04X",
                 sl_grid_at(&g, 4, 0)->ch);
    cr_expect_eq(sl_grid_put(&g, 4, 0, 0x68AF, sl_st(0, 0, 0)), 0,
                 "a wide character at the last column must be refused");
    /* overwriting the right half of a wide character blanks its left half */
    sl_grid_put(&g, 1, 0, 'x', sl_st(0, 0, 0));
    cr_expect_eq(sl_grid_at(&g, 0, 0)->ch, ' ', "left half left behind: U+%04X",
                 sl_grid_at(&g, 0, 0)->ch);
    sl_grid_free(&g);
}

Test(render, wrap_cjk_by_width)
{
    const char *text = "交叉熵衡量两个分布之间的差距，预测越偏离真实标签，损失越大。Softmax 输出的是概率。";
    sl_line lines[32];
    size_t n = sl_wrap(text, 20, lines, 32);
    cr_assert(n > 1 && n < 32);
    for (size_t i = 0; i < n; i++) {
        cr_expect_leq(lines[i].width, 20, "line %zu is %d columns wide (max 20)", i, lines[i].width);
        cr_expect_eq(lines[i].width, sl_strn_width(text + lines[i].off, lines[i].len),
                     "line %zu: stored width differs from its real width", i);
        const char *p = text + lines[i].off;
        uint32_t first = sl_utf8_next(&p);
        cr_expect(first != 0xFF0C && first != 0x3002,
                  "line %zu starts with closing punctuation U+%04X", i, first);
        unsigned char b = (unsigned char)text[lines[i].off];
        cr_expect((b & 0xC0) != 0x80, "line %zu starts in the middle of a character", i);
    }
    sl_grid g;
    sl_grid_init(&g, 24, 8);
    sl_draw_wrapped(&g, sl_rc(2, 1, 20, 7), text, 0, 0, sl_st(0, 0, 0));
    cr_expect(sl_golden_check(&g, "wrap_cjk_20"), "CJK wrapping differs from golden/wrap_cjk_20.txt");
    sl_grid_free(&g);
}

Test(render, wrap_latin_at_spaces)
{
    static const char text[] = "the loss falls as the model learns";
    sl_line lines[8];
    size_t n = sl_wrap(text, 12, lines, 8);
    const char *want[] = {"the loss", "falls as the", "model learns"};
    cr_assert_eq(n, 3, "expected 3 lines, got %zu", n);
    for (size_t i = 0; i < 3; i++)
        cr_expect(lines[i].len == strlen(want[i]) && !memcmp(&text[lines[i].off], want[i], lines[i].len),
                  "line %zu: expected '%s', got '%.*s'", i, want[i], (int)lines[i].len,
                  &text[lines[i].off]);
}

/* A table with Chinese cells: columns aligned by display width. */
Test(render, doc_table_cjk_aligned)
{
    sl_grid g;
    sl_grid_init(&g, 40, 6);
    sl_draw_doc(&g, sl_rc(0, 0, 40, 6), "| 项目 | 内容 |\n|---|---|\n| 损失函数 | 交叉熵 |\n| label | one-hot |\n", 0, 0);
    cr_expect(sl_golden_check(&g, "doc_table_cjk"), "table differs from golden/doc_table_cjk.txt");
    /* the column bar is at the same column on every row */
    int bar = -1;
    for (int y = 0; y < 4; y++) {
        if (y == 1)
            continue;
        for (int x = 0; x < 40; x++)
            if (sl_grid_at(&g, x, y)->ch == 0x2502) {
                if (bar < 0)
                    bar = x;
                cr_expect_eq(x, bar, "row %d: bar at column %d, row 0 has it at %d", y, x, bar);
                break;
            }
    }
    cr_expect_gt(bar, 0);
    sl_grid_free(&g);
}

/* `softmax-lab train --plot --ascii` on a fixed tiny dataset. */
Test(render, train_plot_ascii)
{
    setenv("SOFTMAX_LAB_LANG", "en", 1);     /* the English titles, whatever LANG says */
    char *feat[2] = {"x1", "x2"}, *cls[3] = {"a", "b", "c"};
    double X[14];
    int y[7];
    memcpy(X, PX, sizeof X);
    memcpy(y, PY, sizeof y);
    sl_dataset ds = {.n = 7, .d = 2, .k = 3, .X = X, .y = y, .features = feat, .classes = cls};
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    sl_train_plot(f, &ds, W, B, LOSS, 12, 1);
    fclose(f);
    for (size_t i = 0; i < len; i++)
        cr_assert((unsigned char)out[i] < 128, "--ascii printed byte 0x%02x at offset %zu",
                  (unsigned char)out[i], i);
    cr_expect(strstr(out, "decision boundary: x1 across, x2 up"), "title missing:\n%s", out);
    cr_expect(strstr(out, "o a  x b  + c  # boundary"), "legend missing:\n%s", out);
    cr_expect(strstr(out, "epoch"), "loss axis label missing:\n%s", out);
    cr_expect(strstr(out, "1.20+"), "loss axis top tick 1.20 missing:\n%s", out);
    free(out);
}

/* Many epochs per column: a spike between two column samples is still drawn
 * (each column spans its lowest to highest loss), and a loss that is no
 * longer finite is marked on the top row. */
Test(render, loss_curve_shows_every_spike)
{
    double loss[300];
    for (int e = 0; e < 300; e++)
        loss[e] = 1.0 / (1 + e);
    loss[2] = 10.2;                       /* as iris at lr 64: 3.6, 7.3, 10.2 */
    loss[150] = INFINITY;
    sl_grid g;
    sl_grid_init(&g, 40, 14);
    const sl_glyphs *gl = sl_glyphs_get(0);
    sl_render_loss(&g, sl_rc(0, 0, 40, 14), loss, 300, 0, "epoch", "loss", gl);
    int top_curve = 0, inf_mark = 0;
    for (int x = 0; x < 40; x++) {
        /* 10.2 on an axis 0 … 12 over 11 rows: plot row lround(0.15·10) = 2, grid row 3 */
        top_curve |= sl_grid_at(&g, x, 3)->ch == gl->curve;
        inf_mark |= sl_grid_at(&g, x, 1)->ch == '^';
    }
    cr_expect(top_curve, "the spike to 10.2 (axis top 12) is not drawn on its row");
    cr_expect(inf_mark, "the infinite loss at epoch 150 is not marked");
    sl_grid_free(&g);
}

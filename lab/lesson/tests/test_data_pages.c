/* test_data_pages.c — the §6 pages on real data and the trained multi-label
 * demo: OCR on the digits (accuracy ≥ 93 % on the held-out rows, the
 * confusion matrix, top-3 probabilities, the most confident mistakes, wine),
 * calibration (ECE printed, in [0, 1], equal to an independent
 * computation; bin counts cover the test set) and multi-label (a point with
 * two labels above 0.5 at once).  Every page in both languages at 80×24 and
 * 200×60 after training, and in --ascii.  Numbers are read off the screen
 * and checked against values computed here, independently of the lesson. */
#include "app_fixture.h"
#include "realdata.h"
#include "render/utf8.h"
#include "softmax_lab.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Opens page `id` and ticks as the main loop does until training is done;
 * returns the number of ticks. */
static int open_trained(const char *id)
{
    sl_app_goto(&app, (size_t)page_of(id));
    int ticks = 0;
    while (sl_app_animating(&app) && ticks < 10000) {
        sl_app_tick(&app);
        ticks++;
    }
    cr_assert(!sl_app_animating(&app), "page %s still animating after %d ticks", id, ticks);
    return ticks;
}

/* The first "P% (H/N)" on the screen at or after s: accuracy in percent,
 * hits and count.  Returns the position after it, or NULL. */
static const char *shown_accuracy(const char *s, double *pct, size_t *hits, size_t *n)
{
    for (const char *p = s; *p; p++) {
        if (p[0] < '0' || p[0] > '9' || (p > s && p[-1] != ' '))
            continue;
        int used = 0;
        if (sscanf(p, "%lf%% (%zu/%zu)%n", pct, hits, n, &used) == 3 && used > 0)
            return p + used;
    }
    return NULL;
}

/* Reads the confusion matrix drawn on screen: rows " t │" (or " t |")
 * followed by 10 cells of 3 columns, '.' for 0.  Returns the rows found. */
static int shown_confusion(const char *s, size_t cm[100])
{
    int found = 0;
    memset(cm, 0, 100 * sizeof *cm);
    for (int t = 0; t < 10; t++) {
        char pat[2][16];
        snprintf(pat[0], sizeof pat[0], " %d \u2502", t);
        snprintf(pat[1], sizeof pat[1], " %d |", t);
        for (int v = 0; v < 2; v++) {
            const char *p = strstr(s, pat[v]);
            if (!p)
                continue;
            p += strlen(pat[v]);
            for (int c = 0; c < 10; c++) {
                char cell[4] = {p[3 * c], p[3 * c + 1], p[3 * c + 2], 0};
                cm[t * 10 + c] = strchr(cell, '.') ? 0 : (size_t)atol(cell);
            }
            found++;
            break;
        }
    }
    return found;
}

/* The three top-3 percentages printed after the panel's right frame on the
 * three lines below `label` (80×24: one panel per row).  Returns how many. */
static int shown_top3(const char *s, const char *label, int digit[3], double pct[3])
{
    const char *p = strstr(s, label);
    if (!p)
        return 0;
    int got = 0;
    for (int j = 0; j < 3; j++) {
        p = strchr(p, '\n');
        if (!p)
            break;
        p++;
        const char *end = strchr(p, '\n'), *bar = NULL;
        for (const char *q = p; q < end; q++)
            if (!strncmp(q, "\u2502", 3) || *q == '|')
                bar = q;
        if (bar && sscanf(bar + (*bar == '|' ? 1 : 3), " %d %lf%%", &digit[j], &pct[j]) == 2)
            got++;
    }
    return got;
}

/* The bin counts under the reliability diagram: the first " n " followed by
 * ten whole numbers.  Returns their sum, or −1 when not found. */
static long shown_bin_counts(const char *s)
{
    for (const char *p = strstr(s, " n "); p; p = strstr(p + 1, " n ")) {
        char *q = (char *)p + 2;
        long sum = 0;
        int got = 0;
        for (; got < 10; got++) {
            char *e;
            long v = strtol(q, &e, 10);
            if (e == q || (*e != ' ' && *e != '\n'))
                break;
            sum += v;
            q = e;
        }
        if (got == 10)
            return sum;
    }
    return -1;
}

/* ECE of the digits model computed here from its probabilities: 10 equal
 * bins of the top probability, Σ (n_b / n) |accuracy_b − confidence_b|. */
static double ece_here(const sl_realdata *m)
{
    double conf[10] = {0}, hit[10] = {0}, cnt[10] = {0};
    for (size_t i = 0; i < m->d.test.n; i++) {
        const double *p = m->d.P + i * 10;
        size_t best = 0;
        for (size_t j = 1; j < 10; j++)
            if (p[j] > p[best])
                best = j;
        int b = (int)(p[best] * 10);
        b = b > 9 ? 9 : b;
        conf[b] += p[best];
        hit[b] += (int)best == m->d.test.y[i];
        cnt[b]++;
    }
    double ece = 0;
    for (int b = 0; b < 10; b++)
        if (cnt[b] > 0)
            ece += fabs(hit[b] - conf[b]) / (double)m->d.test.n;
    return ece;
}

Test(ocr, trains_in_steps_and_keys_work_meanwhile, .init = en, .fini = teardown_app)
{
    sl_app_goto(&app, (size_t)page_of("s6-ocr"));
    cr_assert(app.real.loaded, "entering the OCR page loads the digits");
    cr_expect_eq(app.real.epochs, 0);
    cr_assert(sl_app_animating(&app), "the OCR page trains by ticks");
    sl_app_tick(&app);
    cr_expect_eq(app.real.epochs, SL_RD_STEP, "one tick trains %d epochs, not %zu", SL_RD_STEP,
                 app.real.epochs);
    expect_screen("epoch 20/300");
    expect_screen("RUNNING");                   /* the whole status line fits 80 columns */
    keys("m");                                  /* keys still work while it trains */
    cr_expect_eq(app.ocr.list, 1, "m switches to the mistakes while training");
    cr_expect(sl_app_animating(&app), "a browsing key does not stop training");
    keys(" ");
    cr_expect(!sl_app_animating(&app), "space pauses");
    sl_app_tick(&app);
    cr_expect_eq(app.real.epochs, SL_RD_STEP, "paused: no epochs");
    keys(" ");
    cr_expect(sl_app_animating(&app), "space resumes");
    sl_app_goto(&app, (size_t)page_of("s5-train"));
    cr_expect(!sl_app_animating(&app), "the paused §5 page does not animate for the digits");
    sl_app_goto(&app, (size_t)page_of("s6-ocr"));
    cr_expect(sl_app_animating(&app) && app.real.epochs == SL_RD_STEP,
              "back on the page, training resumes at epoch %d (at %zu)", SL_RD_STEP,
              app.real.epochs);
    int ticks = open_trained("s6-ocr");
    cr_expect_geq(ticks, 10, "training is spread over many frames (%d ticks)", ticks);
    expect_screen("epoch 300/300");
    expect_screen("DONE");
    sl_app_goto(&app, (size_t)page_of("s6-calib"));
    keys("t");
    sl_app_tick(&app);
    expect_screen("mean confidence");
    cr_expect_eq(app.real.epochs, 320, "the calibration page trains the same model");
}

Test(ocr, accuracy_confusion_top3_mistakes_wine, .init = en, .fini = teardown_app)
{
    open_trained("s6-ocr");
    const char *s = draw();
    double pct, wpct;
    size_t hits, n, whits, wn;
    const char *after = shown_accuracy(s, &pct, &hits, &n);
    cr_assert(after, "no accuracy on screen:\n%s", s);
    cr_expect_eq(n, 539, "held-out digits: 30%% of 1797 = 539 rows, got %zu", n);
    cr_expect_geq(pct, 93.0, "held-out accuracy %.1f%% < 93%%", pct);
    cr_expect(fabs(pct - 100.0 * (double)hits / (double)n) < 0.051, "%.1f%% is not %zu/%zu", pct,
              hits, n);
    /* hits counted here from the model's probabilities */
    size_t mine = 0;
    for (size_t i = 0; i < app.real.d.test.n; i++)
        mine += (int)argmax(app.real.d.P + i * 10, 10) == app.real.d.test.y[i];
    cr_expect_eq(hits, mine, "shown %zu right, counted %zu", hits, mine);
    cr_assert(shown_accuracy(after, &wpct, &whits, &wn), "no wine accuracy:\n%s", s);
    cr_expect(strstr(s, "wine"), "wine is named");
    cr_expect_eq(wn, 53, "wine: 30%% of 178 = 53 rows, got %zu", wn);
    cr_expect_geq(wpct, 90.0, "wine held-out accuracy %.1f%%", wpct);
    /* the confusion matrix: all ten rows visible, summing to the test set,
     * its diagonal the right answers */
    size_t cm[100], total = 0, diag = 0;
    cr_assert_eq(shown_confusion(s, cm), 10, "confusion rows missing:\n%s", s);
    for (int t = 0; t < 10; t++)
        for (int p = 0; p < 10; p++) {
            total += cm[t * 10 + p];
            diag += t == p ? cm[t * 10 + p] : 0;
        }
    cr_expect_eq(total, n, "confusion matrix sums to %zu, not %zu", total, n);
    cr_expect_eq(diag, hits, "diagonal %zu, right answers %zu", diag, hits);
    /* top-3 of test digit 1 (row 0) against its probabilities */
    int dg[3];
    double tp[3];
    cr_assert_eq(shown_top3(s, "top 3", dg, tp), 3, "top 3 not readable:\n%s", s);
    const double *p0 = app.real.d.P;
    size_t best = argmax(p0, 10);
    cr_expect_eq((size_t)dg[0], best, "top-1 shown %d, argmax %zu", dg[0], best);
    cr_expect(fabs(tp[0] - 100 * p0[best]) < 0.006, "top-1 %.2f%%, P = %.4f", tp[0], p0[best]);
    cr_expect(tp[0] >= tp[1] && tp[1] >= tp[2], "top 3 not sorted: %g %g %g", tp[0], tp[1], tp[2]);
    cr_expect(strstr(s, "\u2588") || strstr(s, "\u2593"), "8x8 art in Unicode shades:\n%s", s);
    /* the most confident mistakes, most confident first */
    keys("m");
    s = draw();
    char head[64];
    /* numbered among all the mistakes, as many as the confusion matrix shows */
    snprintf(head, sizeof head, "mistake 1 of %zu (top %zu)", app.real.d.test.n - app.real.hits,
             app.real.n_mistakes);
    cr_expect(app.real.n_mistakes > 0 && strstr(s, head), "expected \"%s\":\n%s", head, s);
    cr_expect(strstr(s, "WRONG"), "a mistake is marked:\n%s", s);
    int t1, p1;
    const char *v = strstr(s, "true ");
    cr_assert(v && sscanf(v, "true %d, predicted %d", &t1, &p1) == 2, "%s", s);
    cr_expect_neq(t1, p1, "a mistake has truth != prediction");
    cr_assert_eq(shown_top3(s, "top 3", dg, tp), 3, "%s", s);
    double first = tp[0];
    cr_expect_eq(dg[0], p1, "top-1 of a mistake is its prediction");
    keys("j");
    s = draw();
    cr_expect(strstr(s, "mistake 2 of"), "j shows the next mistake:\n%s", s);
    cr_assert_eq(shown_top3(s, "top 3", dg, tp), 3, "%s", s);
    cr_expect_leq(tp[0], first, "mistake 2 (%.2f%%) is less confident than 1 (%.2f%%)", tp[0],
                  first);
    keys("k");
    cr_expect(strstr(draw(), "mistake 1 of"), "k goes back");
}

Test(calib, ece_shown_in_range_and_right, .init = en, .fini = teardown_app)
{
    open_trained("s6-calib");
    const char *s = draw();
    const char *e = strstr(s, "ECE = ");
    cr_assert(e, "no ECE on screen:\n%s", s);
    double shown = strtod(e + 6, NULL);
    cr_expect(shown >= 0 && shown <= 1, "ECE %g outside [0, 1]", shown);
    double mine = ece_here(&app.real);
    cr_expect(fabs(shown - mine) <= 0.0005 + 1e-9, "ECE shown %.3f, computed here %.4f", shown,
              mine);
    /* the counts under the bins cover the test set */
    long sum = shown_bin_counts(s);
    cr_expect_eq(sum, (long)app.real.d.test.n, "bins hold %ld of %zu test rows:\n%s", sum,
                 app.real.d.test.n, s);
    cr_expect(strstr(s, "/"), "the diagonal is drawn");
    cr_expect(strstr(s, "over-confident") || strstr(s, "under-confident")
              || strstr(s, "close to calibrated"), "a sentence reads the result:\n%s", s);
    /* t trains longer and the diagram follows the new model */
    double before = app.real.ece;
    keys("t");
    cr_expect(sl_app_animating(&app), "t trains more");
    open_trained("s6-calib");
    cr_expect_eq(app.real.epochs, 600);
    cr_expect(app.real.ece != before, "ECE unchanged after 300 more epochs");
    e = strstr(draw(), "ECE = ");
    cr_expect(e && fabs(strtod(e + 6, NULL) - ece_here(&app.real)) <= 0.0005 + 1e-9);
}

/* The row of an example point "x, y" in the multi-label table: both label
 * probabilities shown after it. */
static int shown_labels(const char *s, const char *point, double *pa, double *pb)
{
    const char *p = strstr(s, point);
    if (!p)
        return 0;
    char *q;
    *pa = strtod(p + strlen(point), &q);
    while (*q == '*' || *q == ' ')
        q++;
    *pb = strtod(q, NULL);
    return 1;
}

Test(mldemo, two_labels_above_half, .init = en, .fini = teardown_app)
{
    sl_app_goto(&app, (size_t)page_of("s6-mltrain"));
    const char *s = draw();
    double a, b;
    cr_assert(shown_labels(s, " 2.0, 1.5", &a, &b), "example (2, 1.5) missing:\n%s", s);
    cr_expect(a > 0.5 && b > 0.5, "both labels above 0.5 at (2, 1.5): %g and %g", a, b);
    /* the same probabilities computed here from the trained W, b */
    const double *W = app.mldemo.W, *bb = app.mldemo.b;
    for (int j = 0; j < 2; j++) {
        double z = 2.0 * W[j] + 1.5 * W[2 + j] + bb[j];
        double sig = 1 / (1 + exp(-z));
        cr_expect(fabs((j ? b : a) - sig) < 0.0006, "label %d: shown %.3f, sigmoid %.4f", j,
                  j ? b : a, sig);
    }
    cr_expect(strstr(s, "Both labels are above 0.5"), "%s", s);
    /* trained: the loss fell */
    const char *l = strstr(s, "loss ");
    cr_assert(l, "%s", s);
    char *q;
    double l0 = strtod(l + 5, &q);
    const char *arrow = strstr(q, "\u2192");
    cr_assert(arrow, "%s", s);
    double l1 = strtod(arrow + 3, NULL);
    cr_expect(l0 > 0.69 && l1 < l0 / 2, "loss %g -> %g", l0, l1);
    /* the opposite corner has neither; the map shows all four cases */
    cr_assert(shown_labels(s, "-2.0,-1.5", &a, &b), "%s", s);
    cr_expect(a < 0.5 && b < 0.5, "(-2, -1.5): %g and %g", a, b);
    const char *glyphs[4] = {"\u00b7", "\u2500", "\u2502", "\u253c"};
    for (int c = 0; c < 4; c++)
        cr_expect(strstr(s, glyphs[c]), "map glyph %s missing:\n%s", glyphs[c], s);
    keys("j");
    cr_expect(strstr(draw(), "not both"), "the second example has one label");
}

/* ---- every §6 data page, both languages, both sizes, --ascii ------------ */

static void whole_wide_chars(void)
{
    for (int y = 0; y < grid.h; y++)
        for (int x = 0; x < grid.w; x++) {
            const sl_cell *c = &grid.cells[y * grid.w + x];
            if (c->ch && sl_cp_width(c->ch) == 2)
                cr_assert(x + 1 < grid.w && c[1].ch == 0, "wide U+%04X cut at (%d,%d)", c->ch,
                          x, y);
        }
}

/* The end of a sentence, to see that it was not cut off: its last word, or
 * for Chinese its last two characters (a closing mark never starts a line,
 * so these two are always drawn together). */
static const char *tail(const char *key)
{
    const char *v = sl_app_str(&app, key), *sp = strrchr(v, ' ');
    const char *t = sp ? sp + 1 : v;
    for (const char *p = t; *p; p++)
        if ((unsigned char)*p >= 0x80) {
            const char *end = v + strlen(v);
            int cps = 0;
            for (t = end; t > v && cps < 2; )
                if (((unsigned char)*--t & 0xC0) != 0x80)
                    cps++;
            break;
        }
    return t;
}

static void data_pages(int w, int h)
{
    sl_grid_resize(&grid, w, h);
    const char *lang = app.zh ? "zh" : "en";
    /* OCR: accuracy ≥ 93 %, the whole confusion matrix, the keys */
    open_trained("s6-ocr");
    const char *s = draw();
    double pct;
    size_t hits, n, cm[100];
    cr_expect_eq(app.scroll_max, 0, "%s %dx%d: OCR text cut off", lang, w, h);
    cr_expect(shown_accuracy(s, &pct, &hits, &n) && pct >= 93.0 && n == 539,
              "%s %dx%d: accuracy %.1f%% of %zu:\n%s", lang, w, h, pct, n, s);
    cr_expect_eq(shown_confusion(s, cm), 10, "%s %dx%d: confusion cut off:\n%s", lang, w, h, s);
    cr_expect(strstr(s, sl_app_str(&app, "keys_ocr")), "%s %dx%d: keys line", lang, w, h);
    whole_wide_chars();
    keys("m");
    draw();
    whole_wide_chars();
    /* calibration: ECE in [0, 1] and the verdict's end visible */
    open_trained("s6-calib");
    s = draw();
    cr_expect_eq(app.scroll_max, 0, "%s %dx%d: calibration text cut off", lang, w, h);
    const char *e = strstr(s, "ECE = ");
    double ece = e ? strtod(e + 6, NULL) : -1;
    cr_expect(ece >= 0 && ece <= 1, "%s %dx%d: ECE %g:\n%s", lang, w, h, ece, s);
    cr_expect_eq(shown_bin_counts(s), 539, "%s %dx%d: bin counts cut off:\n%s", lang, w, h, s);
    const char *verdict = app.real.mean_conf > app.real.accuracy + 0.01   ? "cal_over"
                          : app.real.mean_conf < app.real.accuracy - 0.01 ? "cal_under"
                                                                          : "cal_close";
    cr_expect(strstr(s, tail(verdict)), "%s %dx%d: the verdict's end \"%s\" is cut off:\n%s",
              lang, w, h, tail(verdict), s);
    whole_wide_chars();
    /* multi-label: two labels above 0.5, the sentence's end visible */
    sl_app_goto(&app, (size_t)page_of("s6-mltrain"));
    s = draw();
    double a, b;
    cr_expect_eq(app.scroll_max, 0, "%s %dx%d: multi-label text cut off", lang, w, h);
    cr_expect(shown_labels(s, " 2.0, 1.5", &a, &b) && a > 0.5 && b > 0.5,
              "%s %dx%d: two labels > 0.5:\n%s", lang, w, h, s);
    cr_expect(strstr(s, tail("mld_both")), "%s %dx%d: \"%s\" cut off:\n%s", lang, w, h,
              tail("mld_both"), s);
    whole_wide_chars();
}

Test(data_pages, english_80x24, .init = en, .fini = teardown_app) { data_pages(80, 24); }
Test(data_pages, chinese_80x24, .init = zh, .fini = teardown_app) { data_pages(80, 24); }
Test(data_pages, english_200x60, .init = en, .fini = teardown_app) { data_pages(200, 60); }
Test(data_pages, chinese_200x60, .init = zh, .fini = teardown_app) { data_pages(200, 60); }
/* 120 columns: the narrowest screen with the widget beside the text */
Test(data_pages, english_120x30, .init = en, .fini = teardown_app) { data_pages(120, 30); }
Test(data_pages, chinese_120x30, .init = zh, .fini = teardown_app) { data_pages(120, 30); }

Test(data_pages, ascii_after_training)
{
    setup_app(0, 1);
    static const char *const ids[] = {"s6-calib", "s6-mltrain", "s6-ocr"};
    static const int sizes[][2] = {{80, 24}, {200, 60}};
    for (size_t p = 0; p < 3; p++)
        for (size_t z = 0; z < 2; z++) {
            sl_grid_resize(&grid, sizes[z][0], sizes[z][1]);
            open_trained(ids[p]);
            for (int m = 0; m < 2; m++) {
                sl_app_draw(&app, &grid);
                for (int i = 0; i < grid.w * grid.h; i++)
                    cr_assert_lt(grid.cells[i].ch, 128, "%s %dx%d: U+%04X at (%d,%d) with --ascii",
                                 ids[p], grid.w, grid.h, grid.cells[i].ch, i % grid.w, i / grid.w);
                keys("m");
            }
        }
    open_trained("s6-ocr");
    const char *s = draw();
    cr_expect(strstr(s, "@") || strstr(s, "O"), "ASCII digit art:\n%s", s);
    teardown_app();
}

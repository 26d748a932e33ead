/* test_layout.c — no text is cut or broken at the sizes the lesson supports:
 * every page (and the help, and widget states reached with keys) at 80×24
 * and 100×32, UTF-8 and --ascii, English and Chinese, drawn without a single
 * cut (the grid counts text that did not fit: sl_grid_text, hard breaks)
 * and without a formula or a number broken across two rows. */
#include "app_fixture.h"
#include "render/text.h"
#include "render/utf8.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Row y of g as UTF-8 without trailing blanks (static buffer). */
static const char *row_text(const sl_grid *g, int y)
{
    static char buf[2048];
    size_t n = 0;
    for (int x = 0; x < g->w && n + 5 < sizeof buf; x++) {
        uint32_t c = g->cells[y * g->w + x].ch;
        if (c)
            n += (size_t)sl_utf8_put(c, buf + n);
    }
    while (n > 0 && buf[n - 1] == ' ')
        n--;
    buf[n] = '\0';
    return buf;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Why row looks like a formula or a number cut in two, or NULL: it ends on
 * an operator standing alone or an opening bracket, it starts with an
 * operator or a unit sign standing alone, or a bracket opened right after a
 * word (σ(, [0.1) is still open at its end. */
static const char *broken_formula(const char *row)
{
    static const char *const ops[] = {" =", " −", " +", " ×", " ·", " /", " ≈", " →", " -",
                                      " ~="};
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
        size_t at = strlen(row) - (ends_with(row, ops[i]) ? strlen(ops[i]) : 0);
        /* after a word (not a plot's diagonal or bar) */
        if (ends_with(row, ops[i]) && at > 0 && !strchr(" /|", row[at - 1])
            && !ends_with(row, "\u2502 /") && strncmp(row + at - 1, "\u2502", 1))
            return "ends on an operator";
    }
    const char *p = row;
    while (*p == ' ')
        p++;
    static const char *const heads[] = {"% ", "− ", "+ ", "/ ", "× "};
    for (size_t i = 0; i < sizeof heads / sizeof *heads; i++)
        if (!strncmp(p, heads[i], strlen(heads[i])))
            return "starts with an operator or a unit";
    int depth = 0;
    uint32_t prev = ' ';
    for (const char *q = row; *q;) {
        uint32_t c = sl_utf8_next(&q);
        if ((c == '(' && prev != ' ' && prev != 0x2502 && prev != '|') || c == '[')
            depth++;
        else if ((c == ')' || c == ']') && depth > 0)
            depth--;
        else if (c == 0x2502 || c == 0x2524 || c == 0x2510 || c == '|' || c == '+')
            /* a new column of a table or a plot */
            depth = 0;
        prev = c;
    }
    return depth > 0 ? "leaves a bracket open" : NULL;
}

/* Fails when the current frame has a cut or a broken formula. */
static void check_frame(const char *what)
{
    sl_app_draw(&app, &grid);
    cr_expect_eq(grid.cuts, 0, "%s: page %zu at %dx%d%s%s: %d text(s) cut:\n%s", what,
                 app.page + 1, grid.w, grid.h, app.ascii ? " ascii" : "", app.zh ? " zh" : "",
                 grid.cuts, screen());
    for (int y = 0; y < grid.h && !app.help; y++) {      /* the help box covers the page */
        const char *why = broken_formula(row_text(&grid, y));
        cr_expect(!why, "%s: page %zu at %dx%d%s%s, row %d %s: \"%s\"", what, app.page + 1,
                  grid.w, grid.h, app.ascii ? " ascii" : "", app.zh ? " zh" : "", y, why,
                  row_text(&grid, y));
    }
}

/* Key scripts that bring widgets to the states a learner sees most. */
static const char *const scripts[] = {"", "?", "hhh", "jjjjjhhh", "+++++++++", "<T>", "eeee",
                                      "tttttttt", "-------", "m", NULL};

static void press(const char *k)
{
    for (; *k; k++) {
        if (!strncmp(k, "<T>", 3)) {
            for (int i = 0; i < 40; i++)
                sl_app_tick(&app);
            k += 2;
            continue;
        }
        sl_app_key(&app, (unsigned char)*k);
        sl_app_draw(&app, &grid);           /* as the terminal does after every key */
    }
}

static void every_page(int zh_, int ascii, int w, int h)
{
    setup_app(zh_, ascii);
    sl_grid_resize(&grid, w, h);
    for (size_t p = 0; p < app.content[0].n_pages; p++)
        for (int s = 0; scripts[s]; s++) {
            sl_app_goto(&app, p);
            app.help = 0;
            press(scripts[s]);
            char what[64];
            snprintf(what, sizeof what, "keys \"%s\"", scripts[s]);
            check_frame(what);
            if (app.help)
                sl_app_key(&app, '?');
        }
    teardown_app();
}

Test(layout, english_80x24) { every_page(0, 0, 80, 24); }
Test(layout, chinese_80x24) { every_page(1, 0, 80, 24); }
Test(layout, ascii_80x24) { every_page(0, 1, 80, 24); }
Test(layout, english_100x32) { every_page(0, 0, 100, 32); }
Test(layout, chinese_100x32) { every_page(1, 0, 100, 32); }
Test(layout, ascii_100x32) { every_page(0, 1, 100, 32); }

/* The wrapper keeps formulas and numbers whole wherever a line allows it. */
static void expect_no_split(const char *text, int width, const char *whole)
{
    sl_line lines[32];
    size_t n = sl_wrap(text, width, lines, 32);
    int found = 0;
    for (size_t i = 0; i < n && i < 32; i++) {
        char buf[256];
        snprintf(buf, sizeof buf, "%.*s", (int)lines[i].len, text + lines[i].off);
        found |= strstr(buf, whole) != NULL;
    }
    cr_expect(found, "\"%s\" was split when wrapping \"%s\" at %d", whole, text, width);
}

Test(layout, wrap_keeps_formulas_whole)
{
    const char *t = "For z = [z1, z2]: y = e^z1 / (e^z1 + e^z2) = 1 / (1 + e^-(z1 - z2)) = σ(z₁ − z₂).";
    for (int w = 20; w <= 80; w++)
        expect_no_split(t, w, "σ(z₁ − z₂)");
    expect_no_split("Label A means x > 0, label B means y > 0 (5 % of labels flipped).", 40, "5 %");
    expect_no_split("the derivative is z₁ − z₂ and more words follow here", 18, "z₁ − z₂");
}

Test(layout, a_word_too_long_is_marked)
{
    setup_app(0, 0);
    sl_grid_clear(&grid);
    sl_grid_text(&grid, 0, 0, 5, "abcdefgh", sl_st(0, 0, 0));
    cr_expect_eq(grid.cuts, 1);
    cr_expect_eq(grid.cells[4].ch, 0x00BB, "the cut is marked with »");
    sl_grid_clear(&grid);
    sl_grid_text(&grid, 0, 0, 5, "abc      ", sl_st(0, 0, 0));
    cr_expect_eq(grid.cuts, 0, "trailing blanks are not text");
    teardown_app();
}

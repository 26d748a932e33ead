/* test_app.c — the lesson's frame without a terminal: every page in both
 * languages at 80×24 and 200×60, the --ascii promise, the too-small screen,
 * navigation and language keys, scrolling, and the lesson text files
 * themselves (same pages and strings in en and zh, errors with FILE:LINE:COL,
 * 7-bit spelling).  The widgets' own behaviour: test_widgets.c. */
#include "app_fixture.h"
#include "content.h"
#include "render/utf8.h"
#include "screens.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every wide character is followed by its continuation cell and every
 * continuation follows a wide character: nothing was cut in half. */
static void check_wide_pairs(const sl_grid *g, size_t page)
{
    for (int y = 0; y < g->h; y++)
        for (int x = 0; x < g->w; x++) {
            const sl_cell *c = &g->cells[y * g->w + x];
            if (c->ch && sl_cp_width(c->ch) == 2)
                cr_expect(x + 1 < g->w && c[1].ch == 0,
                          "page %zu: wide U+%04X at (%d,%d) has no right half", page + 1, c->ch, x, y);
            if (c->ch == 0)
                cr_expect(x > 0 && sl_cp_width(c[-1].ch) == 2,
                          "page %zu: orphan right half at (%d,%d)", page + 1, x, y);
        }
}

/* All pages, one language, one size: widget pages never hide text (their
 * keys would scroll nothing), and no wide character is split. */
static void all_pages(int w, int h, int text_may_scroll)
{
    sl_grid_resize(&grid, w, h);
    for (size_t p = 0; p < app.content[0].n_pages; p++) {
        sl_app_goto(&app, p);
        sl_app_draw(&app, &grid);
        check_wide_pairs(&grid, p);
        const sl_page *pg = sl_app_page(&app);
        if (*pg->widget || !text_may_scroll)
            cr_expect_eq(app.scroll_max, 0, "page %zu (%s) at %dx%d: %d lines of text are cut off",
                         p + 1, pg->id, w, h, app.scroll_max);
        cr_expect(strstr(screen(), pg->title) || app.ascii, "page %zu: title missing", p + 1);
    }
}

Test(pages, english_80x24, .init = en, .fini = teardown_app) { all_pages(80, 24, 1); }
Test(pages, chinese_80x24, .init = zh, .fini = teardown_app) { all_pages(80, 24, 1); }
Test(pages, english_200x60, .init = en, .fini = teardown_app) { all_pages(200, 60, 0); }
Test(pages, chinese_200x60, .init = zh, .fini = teardown_app) { all_pages(200, 60, 0); }

/* --ascii: every byte of every page (and the help) is 7-bit, in English. */
Test(pages, ascii_everywhere)
{
    setup_app(1, 1);
    cr_expect_eq(app.zh, 0, "--ascii must show English");
    for (size_t p = 0; p < app.content[0].n_pages; p++) {
        sl_app_goto(&app, p);
        for (int help = 0; help < 2; help++) {
            app.help = help;
            sl_app_draw(&app, &grid);
            for (int i = 0; i < grid.w * grid.h; i++)
                cr_assert_lt(grid.cells[i].ch, 128, "page %zu%s: U+%04X at (%d,%d) in --ascii mode",
                             p + 1, help ? " (help)" : "", grid.cells[i].ch, i % grid.w, i / grid.w);
        }
    }
    app.help = 0;
    keys("L");
    cr_expect_eq(app.zh, 0, "L must not switch to Chinese in --ascii mode");
    cr_expect(strstr(draw(), "UTF-8"), "L in --ascii mode should explain why:\n%s", screen());
    teardown_app();
}

Test(pages, too_small, .init = en, .fini = teardown_app)
{
    sl_grid_resize(&grid, 79, 24);
    expect_screen("too small");
    expect_screen("79");
    sl_grid_resize(&grid, 80, 23);
    expect_screen("80×24");
    sl_grid_resize(&grid, 80, 24);
    const char *s = draw();
    cr_expect(!strstr(s, "too small"), "80x24 is enough:\n%s", s);
}

Test(keys, navigation, .init = en, .fini = teardown_app)
{
    keys("5");
    cr_expect_eq(sl_app_page(&app)->section, 5, "5 should open section 5");
    size_t p = app.page;
    sl_app_key(&app, SL_K_RIGHT);
    cr_expect_eq(app.page, p + 1, "right arrow: next page");
    keys("p");
    cr_expect_eq(app.page, p, "p: previous page");
    sl_app_key(&app, SL_K_PGDN);
    cr_expect_eq(app.page, p + 1, "PgDn: next page");
    keys("1");
    cr_expect_eq(app.page, 0);
    sl_app_key(&app, SL_K_LEFT);
    cr_expect_eq(app.page, 0, "no page before the first");
    keys("?");
    cr_expect(app.help);
    expect_screen("previous / next page");
    keys("3");
    cr_expect_eq(app.page, 0, "keys other than ?/Esc/q do nothing while help is open");
    sl_app_key(&app, SL_K_ESC);
    cr_expect(!app.help, "Esc closes the help");
    keys("??");
    cr_expect(!app.help, "? toggles the help");
    keys("q");
    cr_expect(app.quit);
}

Test(keys, language_switch, .init = en, .fini = teardown_app)
{
    keys("2");
    expect_screen("The softmax function");
    keys("L");
    expect_screen("Softmax 函数");
    expect_screen("第 3/");
    keys("L");
    expect_screen("The softmax function");
}

Test(keys, scroll_long_text, .init = en, .fini = teardown_app)
{
    /* a page whose text is longer than the screen: 40 numbered lines */
    sl_page *pg = &app.content[0].pages[page_of("s3-why")];
    char *body = malloc(40 * 32);
    body[0] = '\0';
    for (int i = 1; i <= 40; i++)
        sprintf(body + strlen(body), "line %d of the text\n", i);
    strcat(body, "averaged over the samples");
    free(pg->body);
    pg->body = body;
    sl_app_goto(&app, (size_t)page_of("s3-why"));
    draw();
    cr_assert_gt(app.scroll_max, 0, "a 41-line text should need scrolling at 80x24");
    expect_screen("more (j)");
    for (int i = 0; i < 50; i++)
        keys("j");
    draw();
    cr_expect_eq(app.scroll, app.scroll_max, "j scrolls to the end and stops");
    const char *s = draw();
    cr_expect(strstr(s, "averaged over the samples"), "the last line is visible:\n%s", s);
}

/* A monkey: 4000 random keys (every key the lesson knows, plus some it does
 * not) with random terminal sizes, in both languages; after each key the
 * frame is drawn and must keep every wide character whole.  Under
 * SANITIZE=1 this also sweeps the screens for memory errors. */
static void monkey(unsigned seed)
{
    static const int pool[] = {SL_K_LEFT, SL_K_RIGHT, SL_K_UP, SL_K_DOWN, SL_K_PGUP, SL_K_PGDN,
                               SL_K_HOME, SL_K_END, SL_K_ESC, SL_K_ENTER, SL_K_RESIZE, ' ', '?',
                               '1', '2', '3', '4', '5', '6', 'n', 'p', 'j', 'k', '+', '-', 'a',
                               'b', 'c', 'd', 'e', 'h', 'r', 's', 't', 'T', '<', '>', 'L', 'x',
                               '~', '0'};
    const int npool = (int)(sizeof pool / sizeof *pool);
    srand(seed);
    for (int i = 0; i < 4000; i++) {
        if (i % 97 == 0) {
            int w = 60 + rand() % 150, h = 18 + rand() % 45;
            sl_grid_resize(&grid, w, h);
        }
        sl_app_key(&app, pool[rand() % npool]);
        if (app.quit)
            break;
        if (sl_app_animating(&app))
            sl_app_tick(&app);
        sl_app_draw(&app, &grid);
        check_wide_pairs(&grid, app.page);
        cr_assert(app.page < app.content[0].n_pages);
    }
}

Test(keys, monkey_english, .init = en, .fini = teardown_app) { monkey(1); }
Test(keys, monkey_chinese, .init = zh, .fini = teardown_app) { monkey(2); }

/* ---- the lesson text files ---------------------------------------------- */

static int has_string(const sl_content *c, const char *key)
{
    return sl_content_str(c, key) != NULL;
}

Test(text, languages_match, .init = en, .fini = teardown_app)
{
    const sl_content *e = &app.content[0], *z = &app.content[1];
    cr_assert_eq(e->n_pages, z->n_pages, "en has %zu pages, zh %zu", e->n_pages, z->n_pages);
    for (size_t i = 0; i < e->n_pages; i++) {
        cr_expect_str_eq(e->pages[i].id, z->pages[i].id, "page %zu", i + 1);
        cr_expect_eq(e->pages[i].section, z->pages[i].section, "page %s", e->pages[i].id);
        cr_expect_str_eq(e->pages[i].widget, z->pages[i].widget, "page %s", e->pages[i].id);
        cr_expect(!*e->pages[i].widget || sl_screen_find(e->pages[i].widget),
                  "page %s: unknown widget '%s'", e->pages[i].id, e->pages[i].widget);
        cr_expect_eq(e->pages[i].n_quiz, z->pages[i].n_quiz, "page %s", e->pages[i].id);
        for (size_t q = 0; q < e->pages[i].n_quiz; q++)
            cr_expect_eq(e->pages[i].quiz[q].answer, z->pages[i].quiz[q].answer,
                         "page %s question %zu: answers differ", e->pages[i].id, q + 1);
    }
    for (size_t i = 0; i < e->n_strings; i++)
        cr_expect(has_string(z, e->keys[i]), "zh.yaml lacks the string %s", e->keys[i]);
    for (size_t i = 0; i < z->n_strings; i++)
        cr_expect(has_string(e, z->keys[i]), "en.yaml lacks the string %s", z->keys[i]);
    for (const sl_screen *s = sl_screens; s->name; s++)
        cr_expect(has_string(e, s->keys), "the keys string %s of widget %s is missing", s->keys,
                  s->name);
    for (int sec = 1; sec <= 6; sec++) {
        char key[16];
        snprintf(key, sizeof key, "section_%d", sec);
        cr_expect(has_string(e, key), "missing %s", key);
        int found = 0;
        for (size_t i = 0; i < e->n_pages; i++)
            found |= e->pages[i].section == sec;
        cr_expect(found, "no page for section %d", sec);
    }
}

Test(text, quizzes_in_sections_2_to_4, .init = en, .fini = teardown_app)
{
    for (int sec = 2; sec <= 4; sec++) {
        size_t n = 0;
        for (size_t i = 0; i < app.content[0].n_pages; i++)
            if (app.content[0].pages[i].section == sec)
                n += app.content[0].pages[i].n_quiz;
        cr_expect(n >= 2 && n <= 3, "section %d has %zu quiz questions (want 2-3)", sec, n);
    }
}

Test(text, errors_name_the_place)
{
    const char *bad[][2] = {
        {"strings: {a: b}\npages:\n  - id: x\n    section: 9\n    title: t\n", "t.yaml:4:14: section"},
        {"strings: {a: b}\npages:\n  - id: x\n    section: 1\n    title: t\n    colour: red\n", "t.yaml:6:5: unknown key 'colour'"},
        {"strings: {a: b}\npages:\n  - id: x\n    section: 1\n    title: t\n  - id: x\n    section: 2\n    title: u\n", "t.yaml:6:5: page id 'x' is used twice"},
        {"strings: {a: b}\npages: [\n", "t.yaml:3:1"},
        {"strings: {a: b}\npages:\n  - id: q\n    section: 2\n    title: t\n    widget: quiz\n    quiz:\n      - {question: q, choices: [a, b], answer: 2, explain: e}\n", "t.yaml:8:48: answer"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        sl_content c;
        char err[512] = "";
        int rc = sl_content_parse(bad[i][0], strlen(bad[i][0]), "t.yaml", &c, err, sizeof err);
        cr_expect_eq(rc, -1, "case %zu was accepted", i);
        cr_expect(strncmp(err, bad[i][1], strlen(bad[i][1])) == 0,
                  "case %zu: expected a message starting \"%s\", got \"%s\"", i, bad[i][1], err);
    }
}

/* --ascii spells every character of the English text: a "?" appears only
 * where the text has one (the help line "English / 中文" is spelled out too). */
static void no_unknown(const char *where, const char *utf8)
{
    char *a = sl_asciify(utf8);
    int q_in = 0, q_out = 0;
    for (const char *p = utf8; *p; p++)
        q_in += *p == '?';
    for (const char *p = a; *p; p++)
        q_out += *p == '?';
    cr_expect_eq(q_out, q_in, "%s: characters without an ASCII spelling in \"%s\" -> \"%s\"",
                 where, utf8, a);
    free(a);
}

Test(text, ascii_spells_all_english)
{
    sl_content c;
    char err[512];
    const char *t = sl_lesson_text("en");
    cr_assert_eq(sl_content_parse(t, strlen(t), "en.yaml", &c, err, sizeof err), 0, "%s", err);
    for (size_t i = 0; i < c.n_strings; i++)
        no_unknown(c.keys[i], c.values[i]);
    for (size_t i = 0; i < c.n_pages; i++) {
        const sl_page *p = &c.pages[i];
        no_unknown(p->id, p->title);
        no_unknown(p->id, p->body);
        for (size_t q = 0; q < p->n_quiz; q++) {
            no_unknown(p->id, p->quiz[q].question);
            no_unknown(p->id, p->quiz[q].explain);
            for (size_t k = 0; k < p->quiz[q].n_choices; k++)
                no_unknown(p->id, p->quiz[q].choices[k]);
        }
    }
    sl_content_free(&c);
}

Test(text, asciify)
{
    char *s = sl_asciify("ŷ = softmax(Wx + b), ∇W ≈ Xᵀ(P − Y)/n, 中");
    cr_expect_str_eq(s, "y^ = softmax(Wx + b), grad W ~= X^T(P - Y)/n, ?");
    free(s);
    s = sl_asciify("W − α∇W, L (English / 中文)");
    cr_expect_str_eq(s, "W - alpha*grad W, L (English / Chinese)");
    free(s);
}

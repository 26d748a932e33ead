/* app.c — the lesson's state, navigation and frame (contract: app.h).
 * Layout of a frame (at least 80×24):
 *   row 0        header: section and page number (reverse video)
 *   row 1        the page title
 *   rows 3…H−3   the page text, then the widget (beside the text when wide)
 *   row H−2      the widget's keys, or a notice
 *   row H−1      the global keys */
#include "app.h"
#include "progress.h"
#include "screens.h"
#include "render/text.h"
#include "render/utf8.h"
#include "tpl.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void find_exe_dir(char *out, size_t size)
{
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len <= 0) {
        snprintf(out, size, ".");
        return;
    }
    exe[len] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash)
        *slash = '\0';
    snprintf(out, size, "%s", exe);
}

int sl_app_init(sl_app *a, const sl_app_options *o, char *err, size_t errlen)
{
    memset(a, 0, sizeof *a);
    a->ascii = o->ascii;
    a->zh = o->zh && !o->ascii;
    a->color = o->color;
    a->gl = sl_glyphs_get(!o->ascii);
    static const char *const langs[2] = {"en", "zh"};
    for (int l = 0; l < 2; l++) {
        char name[64];
        snprintf(name, sizeof name, "lab/lesson/text/%s.yaml", langs[l]);
        const char *t = sl_lesson_text(langs[l]);
        if (sl_content_parse(t, strlen(t), name, &a->content[l], err, errlen)) {
            sl_app_free(a);
            return -1;
        }
        if (o->ascii)
            sl_content_asciify(&a->content[l]);
    }
    if (a->content[0].n_pages > SL_MAX_PAGES || a->content[1].n_pages != a->content[0].n_pages) {
        snprintf(err, errlen, "lesson text: en has %zu pages, zh %zu (at most %d, same ids)",
                 a->content[0].n_pages, a->content[1].n_pages, SL_MAX_PAGES);
        sl_app_free(a);
        return -1;
    }
    find_exe_dir(a->exe_dir, sizeof a->exe_dir);
    if (sl_trainer_init(&a->train, 0, err, errlen)) {
        sl_app_free(a);
        return -1;
    }
    for (const sl_screen *s = sl_screens; s->name; s++)
        if (s->init)
            s->init(a);
    size_t first = 0;
    if (o->section > 0)
        while (first + 1 < a->content[0].n_pages && a->content[0].pages[first].section < o->section)
            first++;
    sl_app_goto(a, first);
    if (o->student)
        sl_train_try_student(a);
    return 0;
}

void sl_app_free(sl_app *a)
{
    sl_content_free(&a->content[0]);
    sl_content_free(&a->content[1]);
    sl_trainer_free(&a->train);
    sl_realdata_free(&a->real);
}

const sl_content *sl_app_text(const sl_app *a)
{
    return &a->content[a->zh ? 1 : 0];
}

const sl_page *sl_app_page(const sl_app *a)
{
    return &sl_app_text(a)->pages[a->page];
}

const char *sl_app_str(const sl_app *a, const char *key)
{
    const char *s = sl_content_str(sl_app_text(a), key);
    return s ? s : key;
}

void sl_app_notice(sl_app *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->msg, sizeof a->msg, fmt, ap);
    va_end(ap);
    if (a->ascii) {
        char *s = sl_asciify(a->msg);
        snprintf(a->msg, sizeof a->msg, "%s", s);
        free(s);
    }
}

static const sl_screen *current_screen(const sl_app *a)
{
    return sl_screen_find(sl_app_page(a)->widget);
}

void sl_app_goto(sl_app *a, size_t i)
{
    size_t n = a->content[0].n_pages;
    a->page = i < n ? i : n - 1;
    a->scroll = 0;
    const sl_screen *s = current_screen(a);
    if (s && s->enter)
        s->enter(a);
}

static void switch_language(sl_app *a)
{
    if (a->ascii) {
        sl_app_notice(a, "%s", sl_app_str(a, "no_chinese_in_ascii"));
        return;
    }
    a->zh = !a->zh;
    a->scroll = 0;
}

void sl_app_key(sl_app *a, int key)
{
    a->msg[0] = '\0';
    if (key == 'q' || key == 'Q') {
        a->quit = 1;
        return;
    }
    if (a->help) {
        if (key == '?' || key == SL_K_ESC)
            a->help = 0;
        return;
    }
    size_t n = a->content[0].n_pages;
    switch (key) {
    case '?':
        a->help = 1;
        return;
    case 'L':
        switch_language(a);
        return;
    case SL_K_LEFT: case 'p': case SL_K_PGUP:
        if (a->page > 0)
            sl_app_goto(a, a->page - 1);
        return;
    case SL_K_RIGHT: case 'n': case SL_K_PGDN:
        if (a->page + 1 < n)
            sl_app_goto(a, a->page + 1);
        return;
    case SL_K_HOME:
        sl_app_goto(a, 0);
        return;
    case SL_K_END:
        sl_app_goto(a, n - 1);
        return;
    case SL_K_RESIZE:
        return;
    default:
        break;
    }
    if (key >= '1' && key <= '6') {
        for (size_t i = 0; i < n; i++)
            if (a->content[0].pages[i].section == key - '0') {
                sl_app_goto(a, i);
                break;
            }
        return;
    }
    const sl_screen *s = current_screen(a);
    if (s && s->key && s->key(a, key))
        return;
    if ((key == SL_K_DOWN || key == 'j') && a->scroll < a->scroll_max)
        a->scroll++;
    else if ((key == SL_K_UP || key == 'k') && a->scroll > 0)
        a->scroll--;
}

int sl_app_animating(const sl_app *a)
{
    const sl_screen *s = current_screen(a);
    if (!s || !s->tick || a->help)
        return 0;
    /* each ticking widget animates while its own model trains */
    return s->tick == sl_real_tick ? a->real.running : a->train.running;
}

int sl_app_tick(sl_app *a)
{
    const sl_screen *s = current_screen(a);
    return s && s->tick ? s->tick(a) : 0;
}

/* 1 when every core exercise passes now (progress.h). */
static int all_passing(const sl_app *a)
{
    sl_progress pr;
    sl_progress_load(&pr, a->exe_dir);
    int ok = sl_progress_first_failing(&pr) == -1;
    sl_progress_free(&pr);
    return ok;
}

int sl_app_poll(sl_app *a, double now_ms)
{
    if (a->watch_fp && now_ms - a->watch_ms < 1000)
        return 0;
    a->watch_ms = now_ms;
    unsigned long long fp = sl_progress_fingerprint(a->exe_dir);
    if (fp == a->watch_fp)
        return 0;
    int first = a->watch_fp == 0, was = a->all_pass;
    a->watch_fp = fp;
    a->all_pass = all_passing(a);
    if (first)
        return 0;
    if (a->train.student_loaded)     /* new code: load it again when i is pressed */
        sl_trainer_drop_student(&a->train);
    int on_train = current_screen(a) && !strcmp(current_screen(a)->name, "train");
    if (on_train && a->all_pass && !was)
        sl_app_notice(a, "%s", sl_app_str(a, "tr_i_available"));
    else if (on_train && !a->all_pass && was)
        sl_app_notice(a, "%s", sl_app_str(a, "tr_i_unavailable"));
    return 1;
}

static void draw_too_small(sl_app *a, sl_grid *g)
{
    char w[16], h[16], line[512];
    snprintf(w, sizeof w, "%d", g->w);
    snprintf(h, sizeof h, "%d", g->h);
    sl_tpl(line, sizeof line, sl_app_str(a, "too_small"), w, h);
    sl_rect r = sl_rc(1, g->h / 2 - 1, g->w - 2, 3);
    sl_draw_wrapped(g, r, line, 0, 0, sl_st(SL_BOLD, 0, 0));
}

static void draw_header(sl_app *a, sl_grid *g)
{
    const sl_page *p = sl_app_page(a);
    sl_style bar = sl_st(SL_REVERSE, 0, 0);
    sl_grid_fill(g, sl_rc(0, 0, g->w, 1), ' ', bar);
    char key[32], num[32], total[32], left[256], right[256];
    snprintf(key, sizeof key, "section_%d", p->section);
    snprintf(num, sizeof num, "%zu", a->page + 1);
    snprintf(total, sizeof total, "%zu", a->content[0].n_pages);
    sl_tpl(right, sizeof right, sl_app_str(a, "page_of"), num, total);
    int rw = sl_str_width(right);
    snprintf(left, sizeof left, " §%d %s", p->section, sl_app_str(a, key));
    if (a->ascii) {
        snprintf(left, sizeof left, " S%d %s", p->section, sl_app_str(a, key));
    }
    sl_grid_text(g, 0, 0, g->w - rw - 2, left, sl_st(SL_REVERSE | SL_BOLD, 0, 0));
    sl_grid_text(g, g->w - rw - 1, 0, rw, right, bar);
    sl_grid_text(g, 2, 1, g->w - 4, p->title, sl_st(SL_BOLD, SL_CYAN, 0));
}

/* Rows the notice takes above the footer (1 to 4; 1 without a notice: the keys). */
static int notice_rows(const sl_app *a, const sl_grid *g)
{
    if (!a->msg[0])
        return 1;
    int n = (int)sl_wrap(a->msg, g->w - 2, NULL, 0);
    return n < 1 ? 1 : n > 4 ? 4 : n;
}

static void draw_footer(sl_app *a, sl_grid *g, const sl_screen *s)
{
    sl_grid_text(g, 1, g->h - 1, g->w - 2, sl_app_str(a, a->ascii ? "footer_ascii" : "footer"),
                 sl_st(SL_DIM, 0, 0));
    if (a->msg[0]) {                  /* a long notice grows upwards (the page makes room) */
        int n = notice_rows(a, g);
        sl_rect r = sl_rc(1, g->h - 1 - n, g->w - 2, n);
        sl_grid_fill(g, sl_rc(0, r.y, g->w, n), ' ', sl_st(0, 0, 0));
        sl_draw_wrapped(g, r, a->msg, 0, 0, sl_st(SL_BOLD, SL_YELLOW, 0));
    }
    else if (s)
        sl_grid_text(g, 1, g->h - 2, g->w - 2, sl_app_str(a, s->keys), sl_st(SL_BOLD, 0, 0));
}

/* A box with a border and the help text (global keys, then the page's). */
static void draw_help(sl_app *a, sl_grid *g, const sl_screen *s)
{
    const char *global = sl_app_str(a, "help_keys");
    char text[2048];
    if (s)
        snprintf(text, sizeof text, "%s\n%s\n%s", global, sl_app_str(a, "help_page_keys"),
                 sl_app_str(a, s->keys));
    else
        snprintf(text, sizeof text, "%s", global);
    int w = g->w - 8 < 72 ? g->w - 8 : 72;
    int lines = sl_draw_doc(g, sl_rc(0, 0, w - 4, 0), text, 0, a->ascii);
    int h = lines + 4 < g->h - 2 ? lines + 4 : g->h - 2;
    sl_rect box = sl_rc((g->w - w) / 2, (g->h - h) / 2, w, h);
    sl_grid_fill(g, sl_rc(box.x - 1, box.y, box.w + 2, box.h), ' ', sl_st(0, 0, 0));
    uint32_t hz = a->ascii ? '-' : 0x2500, vt = a->ascii ? '|' : 0x2502;
    uint32_t c[4] = {'+', '+', '+', '+'};
    if (!a->ascii)
        c[0] = 0x250C, c[1] = 0x2510, c[2] = 0x2514, c[3] = 0x2518;
    sl_style b = sl_st(SL_BOLD, 0, 0);
    for (int x = box.x; x < box.x + w; x++) {
        sl_grid_put(g, x, box.y, hz, b);
        sl_grid_put(g, x, box.y + h - 1, hz, b);
    }
    for (int y = box.y; y < box.y + h; y++) {
        sl_grid_put(g, box.x, y, vt, b);
        sl_grid_put(g, box.x + w - 1, y, vt, b);
    }
    sl_grid_put(g, box.x, box.y, c[0], b);
    sl_grid_put(g, box.x + w - 1, box.y, c[1], b);
    sl_grid_put(g, box.x, box.y + h - 1, c[2], b);
    sl_grid_put(g, box.x + w - 1, box.y + h - 1, c[3], b);
    const char *title = sl_app_str(a, "help_title");
    sl_grid_text(g, box.x + 2, box.y, w - 4, title, sl_st(SL_BOLD | SL_REVERSE, 0, 0));
    sl_draw_doc(g, sl_rc(box.x + 2, box.y + 2, w - 4, h - 3), text, 0, a->ascii);
}

void sl_app_draw(sl_app *a, sl_grid *g)
{
    g->ascii = a->ascii;
    sl_grid_clear(g);
    if (g->w < SL_MIN_W || g->h < SL_MIN_H) {
        draw_too_small(a, g);
        return;
    }
    const sl_page *p = sl_app_page(a);
    const sl_screen *s = current_screen(a);
    draw_header(a, g);
    /* rows 3 … H−3, less the rows a long notice takes: it never covers the page */
    sl_rect area = sl_rc(2, 3, g->w - 4, g->h - 5 - (notice_rows(a, g) - 1));
    sl_rect text = area, wid = {0, 0, 0, 0};
    if (s) {
        int lines = sl_draw_doc(g, sl_rc(0, 0, area.w, 0), p->body, 0, a->ascii);
        if (s->side_w && g->w >= 120) {
            int tw = area.w - s->side_w - 2;
            tw = tw < 40 ? 40 : tw > 60 ? 60 : tw;
            text = sl_rc(area.x, area.y, tw, area.h);
            wid = sl_rc(area.x + tw + 2, area.y, area.w - tw - 2, area.h);
        } else {
            int th = *p->body ? lines + 1 : 0;
            if (th > area.h - s->min_h)
                th = area.h - s->min_h;
            text = sl_rc(area.x, area.y, area.w, th > 0 ? th - (*p->body != 0) : 0);
            wid = sl_rc(area.x, area.y + th, area.w, area.h - th);
        }
    }
    int total = *p->body ? sl_draw_doc(g, text, p->body, a->scroll, a->ascii) : 0;
    a->scroll_max = total > text.h ? total - text.h : 0;
    if (a->scroll > a->scroll_max)
        a->scroll = a->scroll_max;
    if (a->scroll < a->scroll_max && text.h > 0) {
        const char *more = sl_app_str(a, "more_below");
        int mw = sl_str_width(more);
        sl_grid_text(g, text.x + text.w - mw, text.y + text.h - 1 + (s ? 0 : 1), mw, more,
                     sl_st(SL_REVERSE, 0, 0));
    }
    if (s)
        s->draw(a, g, wid);
    draw_footer(a, g, s);
    if (a->help)
        draw_help(a, g, s);
}

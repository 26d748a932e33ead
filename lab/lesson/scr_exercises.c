/* scr_exercises.c — the exercises of exercises.yaml with the status of each
 * (from the files `make check` writes, re-read whenever they or a student
 * file change: sl_app_poll), the selected one's description and its hints,
 * one more at each press of h, in a region that scrolls with space/b and
 * says when there is more above or below. */
#include "screens.h"
#include "lang.h"
#include "progress.h"
#include "render/text.h"
#include "render/utf8.h"
#include "tpl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sl_exercises_key(sl_app *a, int key)
{
    switch (key) {
    case SL_K_UP: case 'k':
        if (a->ex_sel > 0)
            a->ex_sel--, a->ex_hints = 0, a->ex_scroll = 0;
        return 1;
    case SL_K_DOWN: case 'j':
        a->ex_sel++, a->ex_hints = 0, a->ex_scroll = 0;      /* clamped when drawn */
        return 1;
    case 'h':
        a->ex_hints++;
        return 1;
    case ' ':                         /* more text: down a screenful, then from the top */
        a->ex_scroll = a->ex_scroll < a->ex_scroll_max ? a->ex_scroll + 3 : 0;
        return 1;
    case 'b':
        a->ex_scroll = a->ex_scroll > 3 ? a->ex_scroll - 3 : 0;
        return 1;
    default:
        return 0;
    }
}

static sl_style state_style(sl_status_state s, int stale)
{
    return stale ? sl_st(SL_BOLD, SL_YELLOW, 0)
         : s == SL_STATUS_PASS ? sl_st(SL_BOLD, SL_GREEN, 0)
         : s == SL_STATUS_UNKNOWN ? sl_st(SL_DIM, 0, 0)
                                  : sl_st(SL_BOLD, SL_RED, 0);
}

/* s, asciified in --ascii mode (the manifest is not), typeset in Chinese;
 * free it. */
static char *own(const sl_app *a, const char *s)
{
    if (a->ascii)
        return sl_asciify(s);
    if (a->zh)
        return sl_zh_tidy(s);
    char *t = strdup(s);
    if (!t)
        abort();
    return t;
}

/* One row of the list: marker, number and id, section, status, points, title. */
static void draw_row(sl_app *a, sl_grid *g, sl_rect r, int y, const sl_progress *pr, int i,
                     int idw, int stw, int titles)
{
    const sl_exercise *ex = &pr->m.exercises[i];
    const sl_status st = pr->st[i];
    char line[512], key[48], sec[8];
    sl_style sel = i == a->ex_sel ? sl_st(SL_REVERSE, 0, 0) : sl_st(0, 0, 0);
    int x = r.x;
    sl_put_text(g, r, x, y, i == a->ex_sel ? ">" : " ", sl_st(SL_BOLD, 0, 0));
    snprintf(line, sizeof line, "%d. %-*s", i + 1, idw, ex->id);
    x += 2 + sl_put_text(g, r, x + 2, y, line, sel) + 1;
    snprintf(sec, sizeof sec, "%d", ex->section);
    sl_tpl(line, sizeof line, sl_app_str(a, "ex_section"), sec, NULL);
    sl_put_text(g, r, x, y, line, sl_st(SL_DIM, 0, 0));
    x += 4;
    snprintf(key, sizeof key, "status_%s", sl_status_name(st.state));
    snprintf(line, sizeof line, "%s%s", sl_app_str(a, key), pr->stale[i] ? "*" : "");
    sl_put_text(g, r, x, y, line, state_style(st.state, pr->stale[i]));
    x += stw + 2;
    if (st.state != SL_STATUS_UNKNOWN) {
        snprintf(line, sizeof line, "%d/%d", st.points, st.max);
        sl_put_text(g, r, x, y, line, sl_st(0, 0, 0));
    }
    x += 7;
    if (titles) {
        char *title = own(a, sl_text_get(&ex->title, a->zh));
        sl_put_text(g, r, x, y, title, sl_st(0, 0, 0));
        free(title);
    }
}

/* Where the title column starts; 1 in *fit when every title fits after it
 * (else the list leaves titles out: the selected one is shown below). */
static int titles_fit(const sl_app *a, const sl_progress *pr, int n, int idw, int stw, int w)
{
    int x = 2 + 3 + idw + 1 + 4 + stw + 2 + 7;
    for (int i = 0; i < n; i++) {
        char *title = own(a, sl_text_get(&pr->m.exercises[i].title, a->zh));
        int tw = sl_str_width(title);
        free(title);
        if (x + tw > w)
            return 0;
    }
    return 1;
}

/* The selected exercise's hints shown so far, then its description, as one
 * document (hints first: they are what the student asked for last). */
static char *details(const sl_app *a, const sl_exercise *ex, int shown)
{
    size_t cap = 8192, len = 0;
    char *doc = malloc(cap);
    if (!doc)
        abort();
    doc[0] = '\0';
    for (int h = 0; h < shown; h++) {
        char num[16];
        snprintf(num, sizeof num, "%d", h + 1);
        char head[128];
        sl_tpl(head, sizeof head, sl_app_str(a, "ex_hint"), num, NULL);
        len += (size_t)snprintf(doc + len, cap - len, "%s%s\n", head,
                                sl_text_get(&ex->hints[h], a->zh));
        if (len >= cap - 1024)
            break;
    }
    snprintf(doc + len, cap - len, "%s", sl_text_get(&ex->description, a->zh));
    char *out = own(a, doc);
    free(doc);
    return out;
}

/* Draws a "more" marker on row y, right-aligned in r. */
static void marker(sl_app *a, sl_grid *g, sl_rect r, int y, const char *key)
{
    const char *s = sl_app_str(a, key);
    int w = sl_str_width(s);
    sl_grid_text(g, r.x + r.w - w, y, w, s, sl_st(SL_REVERSE, 0, 0));
}

/* Draws the scrolling region: when the text is longer than r, its first
 * row (once scrolled) and last row (while more is below) hold markers. */
static void draw_details(sl_app *a, sl_grid *g, sl_rect r, const char *doc)
{
    int total = sl_draw_doc(g, sl_rc(0, 0, r.w, 0), doc, 0, a->ascii);
    if (total <= r.h || r.h < 3) {
        a->ex_scroll = a->ex_scroll_max = 0;
        sl_draw_doc(g, r, doc, 0, a->ascii);
        return;
    }
    /* lines shown: r.h minus one row per marker shown */
    a->ex_scroll_max = total - (r.h - 1);
    if (a->ex_scroll > a->ex_scroll_max)
        a->ex_scroll = a->ex_scroll_max;
    int top = a->ex_scroll > 0, h = r.h - top;
    int bottom = a->ex_scroll + h < total;
    h -= bottom;
    if (top)
        marker(a, g, r, r.y, "ex_more_above");
    sl_draw_doc(g, sl_rc(r.x, r.y + top, r.w, h), doc, a->ex_scroll, a->ascii);
    if (bottom)
        marker(a, g, r, r.y + r.h - 1, "ex_more_below");
}

/* Column widths of the list: the longest id and status word. */
static void list_widths(const sl_app *a, const sl_progress *pr, int n, int *idw, int *stw)
{
    *idw = 8, *stw = 4;
    for (int i = 0; i < n; i++) {
        char key[48];
        int w = (int)strlen(pr->m.exercises[i].id);
        *idw = w > *idw ? w : *idw;
        snprintf(key, sizeof key, "status_%s", sl_status_name(pr->st[i].state));
        w = sl_str_width(sl_app_str(a, key)) + pr->stale[i];
        *stw = w > *stw ? w : *stw;
    }
}

void sl_exercises_draw(sl_app *a, sl_grid *g, sl_rect r)
{
    sl_progress pr;
    sl_progress_load(&pr, a->exe_dir);
    if (!pr.loaded) {
        char *e = own(a, pr.err);
        sl_draw_wrapped(g, r, e, 0, 0, sl_st(SL_BOLD, SL_RED, 0));
        free(e);
        sl_progress_free(&pr);
        return;
    }
    int n = (int)pr.m.n_exercises < SL_PROGRESS_MAX ? (int)pr.m.n_exercises : SL_PROGRESS_MAX;
    if (a->ex_sel >= n)
        a->ex_sel = n - 1;
    int idw, stw, stale = 0, y = r.y;
    list_widths(a, &pr, n, &idw, &stw);
    int titles = titles_fit(a, &pr, n, idw, stw, r.w);
    for (int i = 0; i < n && y < r.y + r.h; i++, y++) {
        draw_row(a, g, r, y, &pr, i, idw, stw, titles);
        stale |= pr.stale[i];
    }
    if (stale && y < r.y + r.h)
        sl_put_text(g, r, r.x + 2, y++, sl_app_str(a, "ex_stale"), sl_st(0, SL_YELLOW, 0));
    y++;
    if (a->ex_sel >= 0 && a->ex_sel < n && y < r.y + r.h) {
        const sl_exercise *ex = &pr.m.exercises[a->ex_sel];
        char line[1024], k1[16], k2[16];
        sl_tpl3(line, sizeof line, sl_app_str(a, "ex_where"), ex->file, ex->function, ex->id);
        if (!titles) {
            char both[1024];
            snprintf(both, sizeof both, "%.300s\n%.700s", sl_text_get(&ex->title, a->zh), line);
            snprintf(line, sizeof line, "%s", both);
        }
        char *where = own(a, line);
        y += sl_draw_wrapped(g, sl_rc(r.x, y, r.w, r.y + r.h - y), where, 0, 0,
                             sl_st(SL_BOLD, 0, 0));
        free(where);
        int shown = a->ex_hints < (int)ex->n_hints ? a->ex_hints : (int)ex->n_hints;
        snprintf(k1, sizeof k1, "%d", shown);
        snprintf(k2, sizeof k2, "%zu", ex->n_hints);
        sl_tpl(line, sizeof line, sl_app_str(a, shown < (int)ex->n_hints ? "ex_hints_left"
                                                                          : "ex_hints_all"),
               k1, k2);
        if (y < r.y + r.h)
            sl_put_text(g, r, r.x, y++, line, sl_st(SL_DIM, 0, 0));
        if (y < r.y + r.h) {
            char *doc = details(a, ex, shown);
            draw_details(a, g, sl_rc(r.x, y, r.w, r.y + r.h - y), doc);
            free(doc);
        }
    }
    sl_progress_free(&pr);
}

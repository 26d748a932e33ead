/* scr_exercises.c — the five exercises of exercises.yaml with the status of
 * each (from the files `make check` writes), the selected one's description
 * and its hints, shown one more at each press of h. */
#include "screens.h"
#include "lang.h"
#include "progress.h"
#include "render/text.h"
#include "tpl.h"

#include <stdio.h>
#include <stdlib.h>

int sl_exercises_key(sl_app *a, int key)
{
    switch (key) {
    case SL_K_UP: case 'k':
        if (a->ex_sel > 0)
            a->ex_sel--, a->ex_hints = 0;
        return 1;
    case SL_K_DOWN: case 'j':
        a->ex_sel++, a->ex_hints = 0;      /* clamped when drawn */
        return 1;
    case 'h':
        a->ex_hints++;
        return 1;
    default:
        return 0;
    }
}

static sl_style state_style(sl_status_state s)
{
    return s == SL_STATUS_PASS ? sl_st(SL_BOLD, SL_GREEN, 0)
         : s == SL_STATUS_UNKNOWN ? sl_st(SL_DIM, 0, 0)
                                  : sl_st(SL_BOLD, SL_RED, 0);
}

/* Draws text, asciified in --ascii mode (the manifest is not). */
static int text(sl_app *a, sl_grid *g, sl_rect r, const char *s, int hang, sl_style st)
{
    if (!a->ascii)
        return sl_draw_wrapped(g, r, s, hang, 0, st);
    char *t = sl_asciify(s);
    int n = sl_draw_wrapped(g, r, t, hang, 0, st);
    free(t);
    return n;
}

void sl_exercises_draw(sl_app *a, sl_grid *g, sl_rect r)
{
    sl_progress pr;
    sl_progress_load(&pr, a->exe_dir);
    if (!pr.loaded) {
        text(a, g, r, pr.err, 0, sl_st(SL_BOLD, SL_RED, 0));
        sl_progress_free(&pr);
        return;
    }
    int n = (int)pr.m.n_exercises;
    if (a->ex_sel >= n)
        a->ex_sel = n - 1;
    int y = r.y;
    for (int i = 0; i < n && i < SL_PROGRESS_MAX && y < r.y + r.h; i++, y++) {
        const sl_exercise *ex = &pr.m.exercises[i];
        char pts[32], line[512];
        sl_style st = i == a->ex_sel ? sl_st(SL_REVERSE, 0, 0) : sl_st(0, 0, 0);
        sl_put_text(g, r, r.x, y, i == a->ex_sel ? ">" : " ", sl_st(SL_BOLD, 0, 0));
        snprintf(line, sizeof line, "%d. %-14s", i + 1, ex->id);
        sl_put_text(g, r, r.x + 2, y, line, st);
        char sec[8];
        snprintf(sec, sizeof sec, "%d", ex->section);
        sl_tpl(line, sizeof line, sl_app_str(a, "ex_section"), sec, NULL);
        sl_put_text(g, r, r.x + 21, y, line, sl_st(SL_DIM, 0, 0));
        const sl_status st_ = pr.st[i];
        char key[48];
        snprintf(key, sizeof key, "status_%s", sl_status_name(st_.state));
        if (st_.state == SL_STATUS_UNKNOWN)
            snprintf(pts, sizeof pts, " ");
        else
            snprintf(pts, sizeof pts, "%d/%d", st_.points, st_.max);
        sl_put_text(g, r, r.x + 28, y, sl_app_str(a, key), state_style(st_.state));
        sl_put_text(g, r, r.x + 46, y, pts, sl_st(0, 0, 0));
        text(a, g, sl_rc(r.x + 53, y, r.w - 53, 1), sl_text_get(&ex->title, a->zh), 0,
             sl_st(0, 0, 0));
    }
    y++;
    if (a->ex_sel >= 0 && a->ex_sel < n && y < r.y + r.h) {
        const sl_exercise *ex = &pr.m.exercises[a->ex_sel];
        char line[1024];
        sl_tpl3(line, sizeof line, sl_app_str(a, "ex_where"), ex->file, ex->function, ex->id);
        y += text(a, g, sl_rc(r.x, y, r.w, r.y + r.h - y), line, 0, sl_st(SL_BOLD, 0, 0));
        int shown = a->ex_hints < (int)ex->n_hints ? a->ex_hints : (int)ex->n_hints;
        for (int h = 0; h < shown && y < r.y + r.h; h++) {
            char hint[1024];
            snprintf(hint, sizeof hint, "%s %d: %s", sl_app_str(a, "ex_hint"), h + 1,
                     sl_text_get(&ex->hints[h], a->zh));
            y += text(a, g, sl_rc(r.x, y, r.w, r.y + r.h - y), hint, 2, sl_st(0, SL_YELLOW, 0));
        }
        if (y < r.y + r.h) {
            char k1[16], k2[16];
            snprintf(k1, sizeof k1, "%d", shown);
            snprintf(k2, sizeof k2, "%zu", ex->n_hints);
            sl_tpl(line, sizeof line, sl_app_str(a, "ex_hints_left"), k1, k2);
            sl_put_text(g, r, r.x, y++, line, sl_st(SL_DIM, 0, 0));
        }
        if (y < r.y + r.h)
            text(a, g, sl_rc(r.x, y, r.w, r.y + r.h - y), sl_text_get(&ex->description, a->zh), 0,
                 sl_st(0, 0, 0));
    }
    sl_progress_free(&pr);
}

/* grid.c — the character-cell grid (contract: grid.h). */
#include "grid.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const sl_cell blank = {' ', {0, 0, 0}};

int sl_grid_init(sl_grid *g, int w, int h)
{
    *g = (sl_grid){0};
    if (w < 1 || h < 1)
        return -1;
    g->cells = malloc((size_t)w * (size_t)h * sizeof *g->cells);
    if (!g->cells)
        return -1;
    g->w = w;
    g->h = h;
    sl_grid_clear(g);
    return 0;
}

void sl_grid_free(sl_grid *g)
{
    free(g->cells);
    *g = (sl_grid){0};
}

int sl_grid_resize(sl_grid *g, int w, int h)
{
    if (g->cells && g->w == w && g->h == h) {
        sl_grid_clear(g);
        return 0;
    }
    sl_grid_free(g);
    return sl_grid_init(g, w, h);
}

void sl_grid_clear(sl_grid *g)
{
    for (int i = 0; i < g->w * g->h; i++)
        g->cells[i] = blank;
    g->cuts = 0;
    sl_grid_unclip(g);
}

void sl_grid_unclip(sl_grid *g)
{
    g->clip = (sl_rect){0, 0, g->w, g->h};
}

void sl_grid_clip(sl_grid *g, sl_rect r)
{
    int x0 = r.x > 0 ? r.x : 0, y0 = r.y > 0 ? r.y : 0;
    int x1 = r.x + r.w < g->w ? r.x + r.w : g->w, y1 = r.y + r.h < g->h ? r.y + r.h : g->h;
    g->clip = (sl_rect){x0, y0, x1 > x0 ? x1 - x0 : 0, y1 > y0 ? y1 - y0 : 0};
}

sl_cell *sl_grid_at(sl_grid *g, int x, int y)
{
    if (x < 0 || y < 0 || x >= g->w || y >= g->h)
        return NULL;
    return &g->cells[y * g->w + x];
}

static int in_clip(const sl_grid *g, int x, int y)
{
    return x >= g->clip.x && y >= g->clip.y && x < g->clip.x + g->clip.w
        && y < g->clip.y + g->clip.h;
}

/* Blanks whatever wide character overlaps cell (x, y) (keeping its style). */
static void break_wide(sl_grid *g, int x, int y)
{
    sl_cell *c = sl_grid_at(g, x, y);
    if (c->ch == 0 && x > 0)
        c[-1].ch = ' ';
    else if (x + 1 < g->w && c[1].ch == 0)
        c[1].ch = ' ';
}

int sl_grid_put(sl_grid *g, int x, int y, uint32_t cp, sl_style st)
{
    int w = sl_cp_width(cp);
    if (w == 0 || !in_clip(g, x, y) || (w == 2 && !in_clip(g, x + 1, y)))
        return 0;
    break_wide(g, x, y);
    if (w == 2)
        break_wide(g, x + 1, y);
    sl_cell *c = sl_grid_at(g, x, y);
    *c = (sl_cell){cp, st};
    if (w == 2)
        c[1] = (sl_cell){0, st};
    return w;
}

void sl_grid_mark_cut(sl_grid *g, int x, int y, sl_style st)
{
    g->cuts++;
    sl_cell *c = sl_grid_at(g, x - 1, y);
    if (c && c->ch == 0)               /* the right half of a wide character */
        x--;
    if (x > 0)
        sl_grid_put(g, x - 1, y, g->ascii ? '>' : 0x00BB, st);
}

/* 1 when s holds nothing but blanks before its end or newline. */
static int only_blanks(const char *s)
{
    while (*s == ' ')
        s++;
    return *s == '\0' || *s == '\n';
}

int sl_grid_text(sl_grid *g, int x, int y, int maxw, const char *s, sl_style st)
{
    int used = 0;
    for (;;) {
        const char *next = s;
        uint32_t cp = sl_utf8_next(&next);
        if (cp == 0 || cp == '\n')
            break;
        int w = sl_cp_width(cp);
        if (used + w > maxw || (w > 0 && sl_grid_put(g, x + used, y, cp, st) != w)) {
            if (!only_blanks(s) && used > 0)
                sl_grid_mark_cut(g, x + used, y, st);
            break;
        }
        used += w;
        s = next;
    }
    return used;
}

int sl_grid_printf(sl_grid *g, int x, int y, int maxw, sl_style st, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return sl_grid_text(g, x, y, maxw, buf, st);
}

void sl_grid_style_rect(sl_grid *g, sl_rect r, sl_style st)
{
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++)
            if (in_clip(g, x, y))
                sl_grid_at(g, x, y)->st = st;
}

void sl_grid_fill(sl_grid *g, sl_rect r, uint32_t cp, sl_style st)
{
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++)
            sl_grid_put(g, x, y, cp, st);
}

/* Writes one line per row; `cell_text` gives each cell's bytes; `pad` is the
 * filler whose trailing run is trimmed. */
static void dump_layer(const sl_grid *g, FILE *out, int layer)
{
    char line[4096 * 4 + 2];
    for (int y = 0; y < g->h; y++) {
        size_t len = 0, keep = 0;
        for (int x = 0; x < g->w && len + 8 < sizeof line; x++) {
            const sl_cell *c = &g->cells[y * g->w + x];
            char ch;
            if (layer == 0) {
                if (c->ch == 0)
                    continue;
                len += (size_t)sl_utf8_put(c->ch, line + len);
                if (c->ch != ' ')
                    keep = len;
                continue;
            }
            if (layer == 1) {
                uint8_t a = c->st.attr;
                ch = a & SL_BOLD ? 'B' : a & SL_DIM ? 'd' : a & SL_REVERSE ? 'R'
                   : a & SL_UNDERLINE ? 'U' : '.';
            } else {
                ch = c->st.bg ? (char)('a' + c->st.bg - 1) : c->st.fg ? (char)('0' + c->st.fg) : '.';
            }
            line[len++] = ch;
            if (ch != '.')
                keep = len;
        }
        fwrite(line, 1, keep, out);
        fputc('\n', out);
    }
}

void sl_grid_dump(const sl_grid *g, FILE *out)
{
    dump_layer(g, out, 0);
}

void sl_grid_dump_attrs(const sl_grid *g, FILE *out)
{
    dump_layer(g, out, 1);
}

void sl_grid_dump_colors(const sl_grid *g, FILE *out)
{
    dump_layer(g, out, 2);
}

int sl_grid_has_non_ascii(const sl_grid *g)
{
    for (int i = 0; i < g->w * g->h; i++)
        if (g->cells[i].ch >= 0x80)
            return 1;
    return 0;
}

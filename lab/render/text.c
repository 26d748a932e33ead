/* text.c — wrapping by display width and the lesson markup (contract: text.h). */
#include "text.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

static int is_closing(uint32_t c)
{
    static const uint32_t set[] = {0xFF0C, 0x3002, 0x3001, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F,
                                   0xFF09, 0x300D, 0x300F, 0x201D, 0x2019, ',', '.', ':',
                                   ';', '!', '?', ')', ']', '}', 0x2026};
    for (size_t i = 0; i < sizeof set / sizeof *set; i++)
        if (c == set[i])
            return 1;
    return 0;
}

static int is_opening(uint32_t c)
{
    return c == 0xFF08 || c == 0x300C || c == 0x300E || c == 0x201C || c == 0x2018 || c == '('
        || c == '[';
}

/* An operator that binds the words on both sides of it: a line never ends
 * on one, and one followed by a blank never starts a line. */
static int is_operator(uint32_t c)
{
    static const uint32_t set[] = {'=', '+', '/', '<', '>', 0x2212, 0x00D7, 0x00B7, 0x2248,
                                   0x2192, 0x2264, 0x2265, 0x2208, 0x21D2, 0x2260, 0x221D};
    for (size_t i = 0; i < sizeof set / sizeof *set; i++)
        if (c == set[i])
            return 1;
    return 0;
}

/* The scanner's view of break opportunities (see sl_wrap). */
typedef struct {
    const char *end, *next;    /* the line would end at end and go on at next */
    int w;                     /* display width up to end */
    unsigned tight, depth;     /* open brackets at that point */
} brk;

/* 1 when a blank at o (between prev and the text at p) may end a line:
 * not inside a tight bracket (one opened right after a word: σ(…), […]),
 * not after an operator, not before an operator that stands alone or a
 * unit sign (%), so formulas and "5 %" stay whole. */
static int blank_breaks(uint32_t prev, uint32_t prev2, const char *p, int tight)
{
    if (tight)
        return 0;
    if (is_operator(prev) || (prev == '-' && prev2 == ' '))
        return 0;
    const char *q = p;
    uint32_t next = sl_utf8_next(&q);
    uint32_t after = sl_utf8_next(&q);
    if (next == '%' || next == 0x2030)
        return 0;
    if ((is_operator(next) || next == '-') && (after == ' ' || after == 0))
        return next == '=' ? 2 : 0;      /* before " = ": only inside a long formula */
    return 1;
}

/* Follows the open brackets: bit i of *tight says whether bracket i (of
 * *depth open ones) was opened right after a word, or is a '['. */
static void track_bracket(uint32_t c, uint32_t prev, unsigned *tight, unsigned *depth)
{
    if (c == '(' || c == '[') {
        int is_tight = c == '[' || (prev != 0 && prev != ' ');
        if (*depth < 16) {
            *tight = is_tight ? *tight | (1u << *depth) : *tight & ~(1u << *depth);
            (*depth)++;
        }
    } else if ((c == ')' || c == ']') && *depth > 0) {
        (*depth)--;
    }
}

size_t sl_wrap(const char *text, int width, sl_line *lines, size_t max_lines)
{
    size_t count = 0;
    const char *start = text, *p = text;
    brk strong = {0}, medium = {0}, weak = {0};
    int w = 0;
    uint32_t prev = 0, prev2 = 0;
    unsigned tight = 0, depth = 0;          /* bit i: bracket i is tight */
    if (width < 2)
        width = 2;
#define EMIT(e, wd, h)                                                              \
    do {                                                                            \
        if (lines && count < max_lines)                                             \
            lines[count] = (sl_line){(size_t)(start - text), (size_t)((e) - start), (wd), (h)}; \
        count++;                                                                    \
    } while (0)
    for (;;) {
        const char *o = p;
        uint32_t c = sl_utf8_next(&p);
        if (c == 0 || c == '\n') {
            if (c == '\n' || o > start)
                EMIT(o, w, 0);
            if (c == 0)
                break;
            start = p, w = 0, prev = prev2 = 0, tight = depth = 0;
            strong.end = medium.end = weak.end = NULL;
            continue;
        }
        if (c == ' ') {
            if (prev != ' ') {
                weak = (brk){o, p, w, tight, depth};
                int kind = blank_breaks(prev, prev2, p, (tight & ((1u << depth) - 1)) != 0);
                if (kind == 1)
                    strong = weak;
                if (kind)
                    medium = weak;
            }
            weak.next = p;
            if (strong.end == weak.end)
                strong.next = p;
            if (medium.end == weak.end)
                medium.next = p;
            w += 1;
            prev2 = prev, prev = c;
            continue;
        }
        int cw = sl_cp_width(c);
        if (w > 0 && prev != ' ' && (sl_cp_is_wide(prev) || sl_cp_is_wide(c)) && !is_closing(c)
            && !is_opening(prev) && !depth)
            strong = medium = weak = (brk){o, o, w, tight, depth};
        if (w + cw > width && w > 0) {
            brk b = strong.end && strong.end > start ? strong
                  : medium.end && medium.end > start ? medium : weak;
            int hard = !(b.end && b.end > start);
            if (hard) {
                EMIT(o, w, 1);
                start = o;
            } else {
                EMIT(b.end, b.w, 0);
                start = b.next;
                tight = b.tight, depth = b.depth;
            }
            while (*start == ' ')
                start++;
            strong.end = medium.end = weak.end = NULL;
            /* rescan the rest of the line from its new start */
            p = start, w = 0, prev = prev2 = 0;
            continue;
        }
        track_bracket(c, prev, &tight, &depth);
        w += cw;
        prev2 = prev, prev = c;
    }
#undef EMIT
    return count;
}

/* Strips "**" markers from src[0..len) into out (NUL-terminated) and sets
 * bold[i] for the bytes of out that were between markers. */
static void strip_bold(const char *src, size_t len, char *out, unsigned char *bold)
{
    int on = 0;
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (src[i] == '*' && i + 1 < len && src[i + 1] == '*') {
            on = !on;
            i++;
            continue;
        }
        bold[o] = (unsigned char)on;
        out[o++] = src[i];
    }
    out[o] = '\0';
}

/* Draws bytes [off, off+len) of text at (x, y), bold where mask says. */
static void draw_span(sl_grid *g, int x, int y, int maxw, const char *text,
                      const unsigned char *mask, size_t off, size_t len, sl_style st)
{
    const char *p = text + off, *end = text + off + len;
    int used = 0;
    while (p < end) {
        size_t at = (size_t)(p - text);
        uint32_t c = sl_utf8_next(&p);
        int cw = sl_cp_width(c);
        if (used + cw > maxw) {
            const char *rest = p - (c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4);
            while (rest < end && *rest == ' ')
                rest++;
            if (rest < end)
                sl_grid_mark_cut(g, x + used, y, st);
            break;
        }
        sl_style s = st;
        if (mask && mask[at])
            s.attr |= SL_BOLD;
        if (cw)
            sl_grid_put(g, x + used, y, c, s);
        used += cw;
    }
}

/* Wraps and draws one marked-up paragraph at rows row.. (virtual, minus skip). */
static int draw_para(sl_grid *g, sl_rect r, const char *src, size_t len, int indent, int hang,
                     int row, int skip, sl_style st)
{
    char *text = malloc(len + 1);
    unsigned char *mask = malloc(len + 1);
    if (!text || !mask)
        abort();
    strip_bold(src, len, text, mask);
    int w = r.w - indent;
    size_t n = sl_wrap(text, w - hang > 2 ? w - hang : 2, NULL, 0);
    sl_line *lines = malloc((n ? n : 1) * sizeof *lines);
    if (!lines)
        abort();
    /* first line may use the hang columns too: wrap again with the hang
     * only when it matters (bullets hang by the bullet's width) */
    sl_wrap(text, w - hang > 2 ? w - hang : 2, lines, n);
    for (size_t i = 0; i < n; i++) {
        int y = r.y + row + (int)i - skip;
        if (y >= r.y && y < r.y + r.h) {
            draw_span(g, r.x + indent + (i ? hang : 0), y, w - (i ? hang : 0), text, mask,
                      lines[i].off, lines[i].len, st);
            g->cuts += lines[i].hard;
        }
    }
    free(lines);
    free(text);
    free(mask);
    return (int)n;
}

/* Where a formula line t (bytes [0, len)) that is too wide for w columns
 * may be split: at a gap of three or more blanks (the comment after a
 * formula), else before the last " = " (or " := ", " ⇒ ") whose left part
 * fits.  Returns the byte offset of the split (the blank before the gap or
 * the operator) or 0 when there is none. */
static size_t formula_split(const char *t, size_t len, int w)
{
    for (size_t i = 1; i + 3 <= len; i++)
        if (t[i] == ' ' && t[i + 1] == ' ' && t[i + 2] == ' ' && t[i - 1] != ' '
            && sl_strn_width(t, i) <= w)
            return i;
    size_t best = 0;
    for (size_t i = 1; i + 2 < len; i++) {
        if (t[i] != ' ')
            continue;
        if ((t[i + 1] == '=' || !strncmp(t + i + 1, ":=", 2) || !strncmp(t + i + 1, "\u21D2", 3))
            && t[i - 1] != ' ' && sl_strn_width(t, i) <= w)
            best = i;
    }
    return best;
}

/* Draws a formula line (blanks first, never wrapped like prose): when it is
 * wider than r.w it is split where formula_split() says, the rest indented
 * under the formula; a piece that still does not fit is cut with a marker.
 * Returns the number of lines. */
static int draw_formula(sl_grid *g, sl_rect r, const char *t, int row, int skip)
{
    sl_style bold = sl_st(SL_BOLD, 0, 0);
    size_t lead = 0;
    while (t[lead] == ' ')
        lead++;
    int n = 0, indent = 0;
    const char *s = t;
    for (;;) {
        size_t len = strlen(s);
        size_t cut = sl_str_width(s) + indent > r.w ? formula_split(s, len, r.w - indent) : 0;
        size_t take = cut ? cut : len;
        int y = r.y + row + n - skip;
        if (y >= r.y && y < r.y + r.h) {
            for (int i = 0; i < indent; i++)
                sl_grid_put(g, r.x + i, y, ' ', bold);
            draw_span(g, r.x + indent, y, r.w - indent, s, NULL, 0, take, bold);
        }
        n++;
        if (!cut)
            return n;
        s += cut;
        while (*s == ' ')
            s++;
        indent = (int)lead + 4;
    }
}

int sl_draw_wrapped(sl_grid *g, sl_rect r, const char *text, int hang, int skip, sl_style st)
{
    return draw_para(g, r, text, strlen(text), 0, hang, 0, skip, st);
}

int sl_draw_centered(sl_grid *g, int x, int y, int w, const char *text, sl_style st)
{
    int tw = sl_str_width(text);
    int pad = tw < w ? (w - tw) / 2 : 0;
    return sl_grid_text(g, x + pad, y, w - pad, text, st);
}

#define MAX_COLS 12

/* Splits a table row "| a | b |" into trimmed cells; returns the count. */
static int split_row(const char *line, size_t len, const char *cell[], size_t cell_len[])
{
    int n = 0;
    size_t i = 1;                     /* after the leading '|' */
    while (i < len && n < MAX_COLS) {
        size_t j = i;
        while (j < len && line[j] != '|')
            j++;
        if (j >= len && n > 0 && i >= len)
            break;
        size_t a = i, b = j;
        while (a < b && line[a] == ' ')
            a++;
        while (b > a && line[b - 1] == ' ')
            b--;
        if (j < len || b > a) {
            cell[n] = line + a;
            cell_len[n++] = b - a;
        }
        i = j + 1;
    }
    return n;
}

static int is_rule(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (line[i] != '|' && line[i] != '-' && line[i] != ' ' && line[i] != ':')
            return 0;
    return 1;
}

/* Draws one cell's text wrapped to w columns from row y0 (virtual rows,
 * minus skip, clipped to r); returns the number of lines. */
static int draw_cell(sl_grid *g, sl_rect r, int x, int y0, int w, const char *cell, size_t len,
                     int skip, sl_style st)
{
    char buf[512];
    unsigned char m[512];
    size_t l = len < sizeof buf - 1 ? len : sizeof buf - 1;
    strip_bold(cell, l, buf, m);
    sl_line lines[16];
    size_t n = sl_wrap(buf, w, lines, 16);
    if (n > 16)
        n = 16;
    for (size_t i = 0; i < n; i++) {
        int y = r.y + y0 + (int)i - skip;
        if (y >= r.y && y < r.y + r.h)
            draw_span(g, x, y, w, buf, m, lines[i].off, lines[i].len, st);
    }
    return n ? (int)n : 1;
}

/* Draws the table made of the rows [rows, rows+nrows) (byte ranges): columns
 * as wide as their widest cell, the widest ones narrowed (and their cells
 * wrapped) until the table fits r.w.  Returns the number of lines. */
static int draw_table(sl_grid *g, sl_rect r, const char *const *rows, const size_t *rlen,
                      int nrows, int row, int skip, int ascii)
{
    int colw[MAX_COLS] = {0}, ncols = 0;
    const char *cell[MAX_COLS];
    size_t clen[MAX_COLS];
    for (int i = 0; i < nrows; i++) {
        if (is_rule(rows[i], rlen[i]))
            continue;
        int n = split_row(rows[i], rlen[i], cell, clen);
        for (int c = 0; c < n; c++) {
            char buf[512];
            unsigned char m[512];
            size_t l = clen[c] < sizeof buf - 1 ? clen[c] : sizeof buf - 1;
            strip_bold(cell[c], l, buf, m);
            int w = sl_str_width(buf);
            if (w > colw[c])
                colw[c] = w;
        }
        if (n > ncols)
            ncols = n;
    }
    for (;;) {                       /* narrow the widest column until it fits */
        int total = 0, widest = 0;
        for (int c = 0; c < ncols; c++) {
            total += colw[c] + 2 + (c + 1 < ncols);
            if (colw[c] > colw[widest])
                widest = c;
        }
        if (total <= r.w || colw[widest] <= 8)
            break;
        colw[widest]--;
    }
    sl_style plain = sl_st(0, 0, 0), head = sl_st(SL_BOLD, 0, 0);
    uint32_t vbar = ascii ? '|' : 0x2502, hbar = ascii ? '-' : 0x2500, cross = ascii ? '+' : 0x253C;
    int drawn = 0, header = 1;
    for (int i = 0; i < nrows; i++) {
        int y = r.y + row + drawn - skip;
        int x = r.x;
        if (is_rule(rows[i], rlen[i])) {
            header = 0;
            for (int c = 0; c < ncols && y >= r.y && y < r.y + r.h; c++) {
                for (int k = 0; k < colw[c] + 2; k++)
                    sl_grid_put(g, x++, y, hbar, plain);
                if (c + 1 < ncols)
                    sl_grid_put(g, x++, y, cross, plain);
            }
            drawn++;
            continue;
        }
        int n = split_row(rows[i], rlen[i], cell, clen), height = 1;
        for (int c = 0; c < ncols; c++) {
            if (c < n) {
                int h = draw_cell(g, r, x + 1, row + drawn, colw[c], cell[c], clen[c], skip,
                                  header && i == 0 ? head : plain);
                height = h > height ? h : height;
            }
            x += colw[c] + 2 + 1;
        }
        for (int k = 0; k < height; k++) {      /* the column bars, on every line of the row */
            int yy = r.y + row + drawn + k - skip;
            if (yy < r.y || yy >= r.y + r.h)
                continue;
            int bx = r.x;
            for (int c = 0; c + 1 < ncols; c++) {
                bx += colw[c] + 2;
                sl_grid_put(g, bx++, yy, vbar, plain);
            }
        }
        drawn += height;
    }
    return drawn;
}

int sl_draw_doc(sl_grid *g, sl_rect r, const char *doc, int skip, int ascii)
{
    int row = 0;
    const char *p = doc;
    sl_style plain = sl_st(0, 0, 0);
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == 0) {
            row++;
        } else if (p[0] == '|') {
            const char *rows[64];
            size_t rlen[64];
            int n = 0;
            const char *q = p;
            while (*q == '|' && n < 64) {
                const char *qe = strchr(q, '\n');
                rows[n] = q;
                rlen[n++] = qe ? (size_t)(qe - q) : strlen(q);
                q = qe ? qe + 1 : q + strlen(q);
            }
            row += draw_table(g, r, rows, rlen, n, row, skip, ascii);
            p = q;
            continue;
        } else if (p[0] == '#' && len > 1 && p[1] == ' ') {
            if (p > doc && !(p >= doc + 2 && p[-2] == '\n'))
                row++;                          /* a blank line above a heading */
            row += draw_para(g, r, p + 2, len - 2, 0, 0, row, skip, sl_st(SL_BOLD, SL_CYAN, 0));
        } else if (p[0] == '-' && len > 1 && p[1] == ' ') {
            int y = r.y + row - skip;
            if (y >= r.y && y < r.y + r.h)
                sl_grid_put(g, r.x + 1, y, ascii ? '-' : 0x2022, plain);
            row += draw_para(g, r, p + 2, len - 2, 3, 0, row, skip, plain);
        } else if (len > 2 && p[0] == ' ' && p[1] == ' ') {
            char *t = malloc(len + 1);
            unsigned char *m = malloc(len + 1);
            if (!t || !m)
                abort();
            strip_bold(p, len, t, m);
            row += draw_formula(g, r, t, row, skip);
            free(t);
            free(m);
        } else {
            row += draw_para(g, r, p, len, 0, 0, row, skip, plain);
        }
        p = e ? e + 1 : p + len;
    }
    return row;
}

/* grid.h — a plain character-cell grid with attributes: what every renderer
 * of softmax-lab draws into (decision boundary, loss curve, bars, matrices,
 * wrapped text).  It knows nothing of ncurses: the lesson copies a grid to
 * the terminal, `softmax-lab train --plot` and the golden tests print it.
 *
 * A cell holds one Unicode code point and a style.  A character that is two
 * columns wide (Chinese) occupies its cell and the next one; the next cell is
 * a continuation (ch == 0).  Writing never leaves half of a wide character:
 * overwriting either half blanks the other, and a wide character that does
 * not fit before the right edge (or the clip box) is not drawn. */
#ifndef SL_GRID_H
#define SL_GRID_H

#include <stdint.h>
#include <stdio.h>

/* Attribute bits (monochrome meaning; every colour use has one too). */
enum { SL_BOLD = 1, SL_DIM = 2, SL_REVERSE = 4, SL_UNDERLINE = 8 };

/* Palette indices for fg/bg; 0 = the terminal's default. */
enum { SL_DEFAULT = 0, SL_RED, SL_GREEN, SL_YELLOW, SL_BLUE, SL_MAGENTA, SL_CYAN, SL_WHITE,
       SL_BLACK, SL_NCOLORS };

typedef struct {
    uint8_t attr, fg, bg;
} sl_style;

typedef struct {
    uint32_t ch;               /* code point; 0 = right half of a wide character */
    sl_style st;
} sl_cell;

typedef struct {
    int x, y, w, h;
} sl_rect;

typedef struct {
    int w, h;
    sl_cell *cells;            /* h rows of w cells, row-major */
    sl_rect clip;              /* drawing outside it is ignored; whole grid by default */
    int cuts;                  /* text that did not fit since the last clear (see sl_grid_text) */
    int ascii;                 /* 7-bit glyphs only: the cut marker is '>' instead of '»' */
} sl_grid;

/* Allocates a w×h grid of blanks (w, h ≥ 1).  0, or −1 when out of memory. */
int sl_grid_init(sl_grid *g, int w, int h);

/* Frees the cells and zeroes g; safe on a zeroed grid. */
void sl_grid_free(sl_grid *g);

/* Reallocates to w×h (blank) when the size differs; else just clears. */
int sl_grid_resize(sl_grid *g, int w, int h);

/* Every cell becomes a blank with the default style; the clip box and the
 * cut count reset (the ascii flag stays). */
void sl_grid_clear(sl_grid *g);

/* Restricts drawing to r ∩ the grid (sl_grid_unclip restores the whole grid). */
void sl_grid_clip(sl_grid *g, sl_rect r);
void sl_grid_unclip(sl_grid *g);

/* The cell at (x, y) or NULL outside the grid. */
sl_cell *sl_grid_at(sl_grid *g, int x, int y);

/* Draws code point cp at (x, y); returns its width in columns (0 when not
 * drawn: outside the clip box or a wide character that does not fit). */
int sl_grid_put(sl_grid *g, int x, int y, uint32_t cp, sl_style st);

/* Draws UTF-8 text from (x, y) within at most maxw columns (and the clip
 * box), stopping before the first character that does not fit whole or at
 * '\n'.  Text that does not fit is never dropped silently: the last column
 * drawn becomes the cut marker ('»', or '>' when g->ascii; never used in
 * the lesson's text, so a screen can be searched for it) and g->cuts
 * counts it (trailing blanks are not text).  Returns the columns used. */
int sl_grid_text(sl_grid *g, int x, int y, int maxw, const char *utf8, sl_style st);

/* Marks the text ending just before column x of row y as cut (the marker
 * replaces the character in column x − 1) and counts it in g->cuts. */
void sl_grid_mark_cut(sl_grid *g, int x, int y, sl_style st);

/* printf into the grid (formatted text up to 511 bytes). */
int sl_grid_printf(sl_grid *g, int x, int y, int maxw, sl_style st, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Sets the style of the cells of r (keeps the characters). */
void sl_grid_style_rect(sl_grid *g, sl_rect r, sl_style st);

/* Fills r with code point cp in style st. */
void sl_grid_fill(sl_grid *g, sl_rect r, uint32_t cp, sl_style st);

/* Writes the characters as UTF-8, one line per row, trailing blanks removed. */
void sl_grid_dump(const sl_grid *g, FILE *out);

/* Writes one character per cell describing the style, one line per row:
 * attribute layer  '.' plain, 'B' bold, 'd' dim, 'R' reverse, 'U' underline
 * (the first that applies in that order);
 * colour layer     '.' none, 'a'+bg−1 when a background is set (lowercase),
 * else '0'+fg when only a foreground is set.  Trailing '.' removed. */
void sl_grid_dump_attrs(const sl_grid *g, FILE *out);
void sl_grid_dump_colors(const sl_grid *g, FILE *out);

/* 1 when the grid holds a byte ≥ 128 once dumped (a non-ASCII character). */
int sl_grid_has_non_ascii(const sl_grid *g);

static inline sl_style sl_st(uint8_t attr, uint8_t fg, uint8_t bg)
{
    return (sl_style){attr, fg, bg};
}
static inline sl_rect sl_rc(int x, int y, int w, int h)
{
    return (sl_rect){x, y, w, h};
}

#endif

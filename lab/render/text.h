/* text.h — wrapped text and the lesson's small text markup, drawn into a
 * grid.  Widths are display widths (utf8.h): a Chinese character counts two
 * columns and is never split; lines break at spaces in Latin text and
 * between any two Chinese characters, but never before Chinese closing
 * punctuation (，。、：；！？）」) or after an opening one (（「). */
#ifndef SL_TEXT_H
#define SL_TEXT_H

#include "grid.h"

#include <stddef.h>

typedef struct {
    size_t off, len;           /* bytes of the source text */
    int width;                 /* display width */
    int hard;                  /* 1: broken inside a word (nothing else fitted) */
} sl_line;

/* Breaks text into lines of at most `width` columns (width ≥ 2); '\n'
 * forces a break; blanks at a soft break are dropped.  Formulas stay whole
 * where they can: no break inside a bracket opened right after a word
 * (σ(z₁ − z₂), [0.1, 0.7]), after an operator (= − + × · / ≈ → …), or
 * before an operator standing alone or a unit sign (5 %).  When no such
 * break fits, any blank is used; when none fits, the word is split and the
 * line is marked hard.  Stores up to
 * max_lines lines in lines (may be NULL) and returns how many there are. */
size_t sl_wrap(const char *text, int width, sl_line *lines, size_t max_lines);

/* Draws text wrapped to r.w starting `skip` wrapped lines down, with lines
 * after the first indented by `hang` columns; stops at the bottom of r.
 * Returns the total number of wrapped lines (drawn or not). */
int sl_draw_wrapped(sl_grid *g, sl_rect r, const char *text, int hang, int skip, sl_style st);

/*
 * The lesson markup, one block per source line:
 *   "# Title"      a bold heading (after a blank line unless first or already after one)
 *   "- item"       a bullet, wrapped with a hanging indent
 *   "| a | b |"    a table row; consecutive rows form a table whose columns
 *                  are aligned by display width (a row "|---|" draws a rule)
 *   "  formula"    (two leading spaces) kept as is, never wrapped, bold
 *   ""             an empty line
 *   anything else  a paragraph, wrapped
 * In every block, **text** is drawn bold (emphasis).
 * Draws the document into r scrolled down by `skip` lines and returns the
 * total number of lines it takes at width r.w (so callers know if it scrolls).
 * ascii != 0 draws the rules and bullets of tables with 7-bit characters.
 */
int sl_draw_doc(sl_grid *g, sl_rect r, const char *doc, int skip, int ascii);

/* Centres text (one line) within [x, x+w) on row y; returns the columns used. */
int sl_draw_centered(sl_grid *g, int x, int y, int w, const char *text, sl_style st);

#endif

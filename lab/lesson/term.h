/* term.h — the thin ncurses layer of the lesson: opens and restores the
 * terminal (also on Ctrl-C and crash signals), copies a grid to the screen
 * and reads keys as the SL_K_* codes of app.h.  Nothing else touches curses. */
#ifndef SL_LESSON_TERM_H
#define SL_LESSON_TERM_H

#include "render/grid.h"

#include <stddef.h>
#include <stdio.h>

/* Opens the terminal on stdin/stdout (the caller checked it is a tty and
 * TERM is set).  want_color: use colours when the terminal has them.
 * 0, or −1 with a message in err. */
int sl_term_open(int want_color, char *err, size_t errlen);

/* The same on any terminal streams (the frame benchmark uses a pty):
 * term_type NULL means $TERM. */
int sl_term_open_on(FILE *out, FILE *in, const char *term_type, int want_color, char *err,
                    size_t errlen);

/* Restores the terminal; safe to call twice. */
void sl_term_close(void);

/* 1 when colours are in use. */
int sl_term_has_color(void);

/* The terminal's size in cells. */
void sl_term_size(int *w, int *h);

/* Copies g to the screen and refreshes; ascii != 0 replaces any character
 * ≥ 128 by '?' (the --ascii promise holds even for a stray glyph). */
void sl_term_blit(const sl_grid *g, int ascii);

/* Waits up to timeout_ms for a key; returns it (printable ASCII or SL_K_*),
 * or −1 on timeout.  Returns −2 once SIGINT/SIGTERM/SIGHUP arrived. */
int sl_term_key(int timeout_ms);

/* The signal that stopped the lesson (0 if none). */
int sl_term_signal(void);

#endif

/* term.c — ncurses layer (contract: term.h). */
#include "term.h"
#include "app.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static SCREEN *screen;
static int colors;
static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
    stop_signal = sig;
}

static void on_crash(int sig)
{
    if (screen)
        endwin();
    screen = NULL;
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_handler = on_crash;
    sa.sa_flags = SA_RESETHAND;
    static const int crash[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
    for (size_t i = 0; i < sizeof crash / sizeof *crash; i++)
        sigaction(crash[i], &sa, NULL);
}

static short palette(uint8_t c)
{
    static const short map[SL_NCOLORS] = {-1, COLOR_RED, COLOR_GREEN, COLOR_YELLOW, COLOR_BLUE,
                                          COLOR_MAGENTA, COLOR_CYAN, COLOR_WHITE, COLOR_BLACK};
    return c < SL_NCOLORS ? map[c] : -1;
}

int sl_term_open(int want_color, char *err, size_t errlen)
{
    return sl_term_open_on(stdout, stdin, NULL, want_color, err, errlen);
}

int sl_term_open_on(FILE *out, FILE *in, const char *term_type, int want_color, char *err,
                    size_t errlen)
{
    if (!getenv("ESCDELAY"))
        set_escdelay(25);
    screen = newterm(term_type, out, in);
    if (!screen) {
        snprintf(err, errlen, "cannot use the terminal '%s' (unknown to ncurses?)",
                 term_type ? term_type : getenv("TERM"));
        return -1;
    }
    install_signals();
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    curs_set(0);
    colors = 0;
    if (want_color && has_colors() && start_color() == OK && COLORS >= 8
        && COLOR_PAIRS > SL_NCOLORS * SL_NCOLORS) {
        use_default_colors();
        for (int fg = 0; fg < SL_NCOLORS; fg++)
            for (int bg = 0; bg < SL_NCOLORS; bg++)
                init_pair((short)(1 + fg * SL_NCOLORS + bg), palette((uint8_t)fg),
                          palette((uint8_t)bg));
        colors = 1;
    }
    return 0;
}

void sl_term_close(void)
{
    if (!screen)
        return;
    endwin();
    delscreen(screen);
    screen = NULL;
}

int sl_term_has_color(void)
{
    return colors;
}

void sl_term_size(int *w, int *h)
{
    getmaxyx(stdscr, *h, *w);
}

void sl_term_blit(const sl_grid *g, int ascii)
{
    int tw, th;
    getmaxyx(stdscr, th, tw);
    for (int y = 0; y < g->h && y < th; y++) {
        for (int x = 0; x < g->w && x < tw; x++) {
            const sl_cell *c = &g->cells[y * g->w + x];
            if (c->ch == 0)
                continue;                  /* right half of a wide character */
            attr_t at = A_NORMAL;
            if (c->st.attr & SL_BOLD)
                at |= A_BOLD;
            if (c->st.attr & SL_DIM)
                at |= A_DIM;
            if (c->st.attr & SL_REVERSE)
                at |= A_REVERSE;
            if (c->st.attr & SL_UNDERLINE)
                at |= A_UNDERLINE;
            short pair = 0;
            if (colors && (c->st.fg || c->st.bg))
                pair = (short)(1 + c->st.fg * SL_NCOLORS + c->st.bg);
            wchar_t wc[2] = {(wchar_t)(ascii && c->ch >= 128 ? '?' : c->ch), 0};
            cchar_t cc;
            setcchar(&cc, wc, at, pair, NULL);
            if (y == th - 1 && x == tw - 1)
                mvins_wch(y, x, &cc);      /* the last cell would scroll */
            else
                mvadd_wch(y, x, &cc);
        }
    }
    refresh();
}

int sl_term_key(int timeout_ms)
{
    if (stop_signal)
        return -2;
    timeout(timeout_ms);
    int k = getch();
    if (stop_signal)
        return -2;
    switch (k) {
    case ERR: return -1;
    case KEY_LEFT: return SL_K_LEFT;
    case KEY_RIGHT: return SL_K_RIGHT;
    case KEY_UP: return SL_K_UP;
    case KEY_DOWN: return SL_K_DOWN;
    case KEY_PPAGE: return SL_K_PGUP;
    case KEY_NPAGE: return SL_K_PGDN;
    case KEY_HOME: return SL_K_HOME;
    case KEY_END: return SL_K_END;
    case KEY_ENTER: case '\n': case '\r': return SL_K_ENTER;
    case 27: return SL_K_ESC;
    case KEY_RESIZE: return SL_K_RESIZE;
    default: return k >= 32 && k < 127 ? k : -1;
    }
}

int sl_term_signal(void)
{
    return stop_signal;
}

/* watch.h — build/watch, `make watch`: the student's edit–check loop
 * (rustlings-style).  It re-runs the checker program (build/check) on the
 * current exercise whenever a student file is saved and shows the verdict in
 * place.  The checker is only ever run as a subprocess: its output is shown
 * as it is, its exit status and the status files (lab/status.h) say pass or
 * not.  Shared pieces of the watch's files:
 *   term.c    the terminal (cbreak mode, restore on exit and on signals)
 *   changes.c which student files changed (inotify on Linux, else a poll)
 *   child.c   a checker run under a pseudo-terminal, read without blocking
 *   screen.c  drawing one screen
 *   watch.c   options and the event loop */
#ifndef SL_WATCH_H
#define SL_WATCH_H

#include "manifest.h"
#include "status.h"

#include <stddef.h>
#include <sys/types.h>

/* ---- term.c ---------------------------------------------------------------- */

/* When stdin and stdout are terminals: keys arrive one by one without echo
 * (ICANON and ECHO off, signals kept), and the terminal is restored at exit,
 * on SIGINT, SIGTERM and SIGHUP.  Also installs those signal handlers in any
 * case: they write the signal number to the pipe wt_signal_fd() (self-pipe).
 * Returns 1 when the terminal was switched, 0 when not a terminal, −1 on error. */
int wt_term_enter(void);

/* Restores the terminal (idempotent; safe when wt_term_enter switched nothing). */
void wt_term_leave(void);

/* Read end of the self-pipe: each byte is a signal number received
 * (SIGINT, SIGTERM, SIGHUP or SIGWINCH). */
int wt_signal_fd(void);

/* The terminal's size, or 80×24 when unknown. */
void wt_term_size(int *cols, int *rows);

/* ---- changes.c ------------------------------------------------------------- */

typedef struct wt_changes wt_changes;

/* Watches the files names[0..n) in dir (they need not exist).  poll_only: use
 * the stat() poll even where inotify exists.  NULL when out of memory. */
wt_changes *wt_changes_open(const char *dir, char *const *names, size_t n, int poll_only);

/* A descriptor that becomes readable on a change (inotify), or −1: then the
 * caller wakes up every wt_changes_poll_ms() and calls wt_changes_take. */
int wt_changes_fd(const wt_changes *c);
int wt_changes_poll_ms(const wt_changes *c);

/* Drains pending notifications and compares every file with what it was
 * (modification time, size, inode): changed[i] = 1 for each file that differs
 * since the last call.  Returns the number of changed files. */
size_t wt_changes_take(wt_changes *c, int *changed);

void wt_changes_close(wt_changes *c);

/* ---- child.c --------------------------------------------------------------- */

typedef struct {
    pid_t pid;          /* 0 when nothing runs */
    int fd;             /* pseudo-terminal master, −1 when closed */
    char *out;          /* what it printed so far (CR removed), NUL-terminated */
    size_t len, cap;
    int status;         /* wait status once finished */
} wt_child;

/* Starts argv[0] (a path) with stdout and stderr on a new pseudo-terminal of
 * cols×rows, so it prints as it would to the student's terminal (colours
 * follow NO_COLOR and TERM as usual), stdin from /dev/null.  c must not be
 * running.  0, or −1 (c->out then says why). */
int wt_child_start(wt_child *c, char *const argv[], int cols, int rows);

/* Reads what is available without blocking.  Returns 1 when the program has
 * finished (its output is complete, c->status set, c->pid 0), else 0. */
int wt_child_pump(wt_child *c);

/* Kills a running program (its process group) and reaps it. */
void wt_child_kill(wt_child *c);

void wt_child_free(wt_child *c);

/* ---- screen.c -------------------------------------------------------------- */

typedef struct {
    const sl_manifest *m;
    const size_t *core;         /* indices of the core exercises in m, in order */
    size_t n_core;
    const sl_status *st;        /* per core exercise */
    size_t current;             /* index into core; n_core when all pass */
    const char *verdict;        /* the checker's output for the current one, or NULL */
    const char *hint;           /* the last hint shown, or NULL */
    const char *banner;         /* e.g. "softmax passes — next: cross_entropy", or NULL */
    const char *checking;       /* id being checked, or NULL */
    const char *student_dir;    /* e.g. "student" */
    unsigned long n_checks;     /* completed checks */
    double last_ms;             /* save → verdict of the last check; < 0: not after a save */
    int zh, tty, color;
} wt_view;

/* Draws the whole screen to stdout: progress, the current exercise's verdict,
 * the hint, the keys.  On a terminal the screen is cleared first and the
 * verdict is cut to fit; otherwise screens follow each other. */
void wt_screen_draw(const wt_view *v);

#endif

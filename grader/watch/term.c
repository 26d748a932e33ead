/* term.c — the watch's terminal: cbreak mode and its restoration, signals
 * through a self-pipe (contract: watch.h). */
#include "watch.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved;
static volatile sig_atomic_t switched;
static int sig_pipe[2] = {-1, -1};

/* Async-signal-safe: only tcsetattr and write. */
static void restore_now(void)
{
    if (switched) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        static const char show_cursor[] = "\033[?25h";
        ssize_t w = write(STDOUT_FILENO, show_cursor, sizeof show_cursor - 1);
        (void)w;
        switched = 0;
    }
}

static void on_signal(int sig)
{
    int saved_errno = errno;
    unsigned char b = (unsigned char)sig;
    if (sig_pipe[1] >= 0) {
        ssize_t w = write(sig_pipe[1], &b, 1);
        (void)w;
    }
    errno = saved_errno;
}

static int install_handlers(void)
{
    if (pipe(sig_pipe) != 0)
        return -1;
    for (int i = 0; i < 2; i++) {
        fcntl(sig_pipe[i], F_SETFD, FD_CLOEXEC);
        fcntl(sig_pipe[i], F_SETFL, fcntl(sig_pipe[i], F_GETFL) | O_NONBLOCK);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGWINCH};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        if (sigaction(sigs[i], &sa, NULL) != 0)
            return -1;
    return 0;
}

int wt_term_enter(void)
{
    if (install_handlers() != 0)
        return -1;
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
        return 0;
    if (tcgetattr(STDIN_FILENO, &saved) != 0)
        return -1;
    struct termios t = saved;
    t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &t) != 0)
        return -1;
    switched = 1;
    atexit(restore_now);
    static const char hide_cursor[] = "\033[?25l";
    ssize_t w = write(STDOUT_FILENO, hide_cursor, sizeof hide_cursor - 1);
    (void)w;
    return 1;
}

void wt_term_leave(void)
{
    restore_now();
}

int wt_signal_fd(void)
{
    return sig_pipe[0];
}

void wt_term_size(int *cols, int *rows)
{
    struct winsize ws;
    *cols = 80, *rows = 24;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 && ws.ws_row > 0)
        *cols = ws.ws_col, *rows = ws.ws_row;
}

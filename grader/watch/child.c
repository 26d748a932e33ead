/* child.c — run a program on a pseudo-terminal and collect what it prints
 * without blocking (contract: watch.h). */
#include "watch.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

enum { OUT_MAX = 512 * 1024 };

static void append(wt_child *c, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\r' || c->len >= OUT_MAX)
            continue;
        if (c->len + 2 > c->cap) {
            size_t cap = c->cap ? 2 * c->cap : 4096;
            char *p = realloc(c->out, cap);
            if (!p)
                return;
            c->out = p, c->cap = cap;
        }
        c->out[c->len++] = s[i];
        c->out[c->len] = '\0';
    }
}

static void say(wt_child *c, const char *what)
{
    append(c, what, strlen(what));
    append(c, ": ", 2);
    const char *e = strerror(errno);
    append(c, e, strlen(e));
    append(c, "\n", 1);
}

/* In the child: a new session whose controlling terminal is the pty's slave
 * side s (opened by the parent before the fork, so the master never sees a
 * hang-up before the program started). */
static void child_exec(int s, char *const argv[])
{
    setsid();
    int null = open("/dev/null", O_RDONLY);
    if (null < 0)
        _exit(127);
#ifdef TIOCSCTTY
    ioctl(s, TIOCSCTTY, 0);
#endif
    dup2(null, STDIN_FILENO);
    dup2(s, STDOUT_FILENO);
    dup2(s, STDERR_FILENO);
    if (s > STDERR_FILENO)
        close(s);
    if (null > STDERR_FILENO)
        close(null);
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGCHLD, SIGPIPE};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], SIG_DFL);
    execv(argv[0], argv);
    fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

int wt_child_start(wt_child *c, char *const argv[], int cols, int rows)
{
    c->len = 0;
    append(c, "", 0);
    c->fd = posix_openpt(O_RDWR | O_NOCTTY);
    const char *slave = NULL;
    if (c->fd < 0 || grantpt(c->fd) != 0 || unlockpt(c->fd) != 0 || !(slave = ptsname(c->fd))) {
        say(c, "cannot open a pseudo-terminal");
        if (c->fd >= 0)
            close(c->fd);
        c->fd = -1;
        return -1;
    }
    struct winsize ws = {(unsigned short)rows, (unsigned short)cols, 0, 0};
    ioctl(c->fd, TIOCSWINSZ, &ws);
    fcntl(c->fd, F_SETFD, FD_CLOEXEC);
    int s = open(slave, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (s < 0) {
        say(c, "cannot open a pseudo-terminal");
        close(c->fd);
        c->fd = -1;
        return -1;
    }
    fflush(NULL);
    c->pid = fork();
    if (c->pid == 0) {
        fcntl(s, F_SETFD, 0);
        child_exec(s, argv);
    }
    close(s);
    if (c->pid < 0) {
        say(c, "cannot start the checker");
        close(c->fd);
        c->fd = -1;
        c->pid = 0;
        return -1;
    }
    fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK);
    return 0;
}

int wt_child_pump(wt_child *c)
{
    if (c->pid == 0)
        return 1;
    char buf[4096];
    for (;;) {
        ssize_t n = read(c->fd, buf, sizeof buf);
        if (n > 0) {
            append(c, buf, (size_t)n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            return 0;
        break;  /* EOF, or EIO: every writer closed the slave side */
    }
    close(c->fd);
    c->fd = -1;
    while (waitpid(c->pid, &c->status, 0) < 0 && errno == EINTR)
        ;
    c->pid = 0;
    return 1;
}

void wt_child_kill(wt_child *c)
{
    if (c->pid == 0)
        return;
    kill(-c->pid, SIGKILL);
    kill(c->pid, SIGKILL);
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
    while (waitpid(c->pid, &c->status, 0) < 0 && errno == EINTR)
        ;
    c->pid = 0;
}

void wt_child_free(wt_child *c)
{
    wt_child_kill(c);
    free(c->out);
    c->out = NULL;
    c->len = c->cap = 0;
}

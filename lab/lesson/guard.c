/* guard.c — the student's train() in a child process (contract: guard.h). */
#include "guard.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The child: runs the epochs, writes the result to fd, exits. */
static void child(int fd, const sl_impl *im, const double *X, const double *Y, size_t n, size_t k,
                  const double *W, const double *b, double lr, size_t epochs)
{
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0) {                     /* the student's prints must not reach the screen */
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
    }
    static sl_guard_result r;
    memset(&r, 0, sizeof r);
    memcpy(r.W, W, 2 * k * sizeof *W);
    memcpy(r.b, b, k * sizeof *b);
    r.ok = 1;
    for (size_t e = 0; e < epochs; e++) {
        im->take_not_implemented();
        r.loss[e] = NAN;
        im->train(X, Y, n, 2, k, r.W, r.b, lr, 1, &r.loss[e]);
        const char *m = im->take_not_implemented();
        if (m) {
            r.ok = 0;
            snprintf(r.missing, sizeof r.missing, "%s", m);
            break;
        }
    }
    const char *p = (const char *)&r;
    size_t left = sizeof r;
    while (left > 0) {
        ssize_t w = write(fd, p, left);
        if (w <= 0)
            _exit(3);
        p += w, left -= (size_t)w;
    }
    _exit(0);
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return 1e3 * (double)t.tv_sec + 1e-6 * (double)t.tv_nsec;
}

/* Reads sizeof *out bytes from fd before the deadline; bytes read. */
static size_t read_until(int fd, sl_guard_result *out, double deadline)
{
    char *p = (char *)out;
    size_t got = 0;
    while (got < sizeof *out) {
        int left = (int)(deadline - now_ms());
        if (left <= 0)
            break;
        struct pollfd pf = {fd, POLLIN, 0};
        int rc = poll(&pf, 1, left);
        if (rc < 0 && errno == EINTR)
            continue;
        if (rc <= 0)
            break;
        ssize_t r = read(fd, p + got, sizeof *out - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    return got;
}

/* Reaps pid, killing it once the deadline has passed; 1 when it was killed. */
static int wait_until(pid_t pid, int *status, double deadline)
{
    for (;;) {
        pid_t r = waitpid(pid, status, WNOHANG);
        if (r == pid || (r < 0 && errno != EINTR))
            return 0;
        if (now_ms() >= deadline) {
            kill(pid, SIGKILL);
            waitpid(pid, status, 0);
            return 1;
        }
        struct timespec nap = {0, 1000000};      /* 1 ms */
        nanosleep(&nap, NULL);
    }
}

int sl_guard_run(const sl_impl *im, const double *X, const double *Y, size_t n, size_t k,
                 const double *W, const double *b, double lr, size_t epochs, int limit_ms,
                 sl_guard_result *out, char *why, size_t whylen)
{
    if (epochs > SL_GUARD_MAX_EPOCHS || k > SL_GUARD_MAX_K) {
        snprintf(why, whylen, "too many epochs or classes for one run");
        return -1;
    }
    int fds[2];
    if (pipe(fds) != 0) {
        snprintf(why, whylen, "cannot start a process for your code: %s", strerror(errno));
        return -1;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]), close(fds[1]);
        snprintf(why, whylen, "cannot start a process for your code: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        child(fds[1], im, X, Y, n, k, W, b, lr, epochs);
    }
    close(fds[1]);
    double deadline = now_ms() + limit_ms;
    size_t got = read_until(fds[0], out, deadline);
    close(fds[0]);
    int status = 0;
    if (wait_until(pid, &status, deadline)) {
        snprintf(why, whylen, "your train() did not finish %zu epoch(s) within %.1f s", epochs,
                 limit_ms / 1000.0);
        return -1;
    }
    if (got < sizeof *out || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        if (WIFSIGNALED(status))
            snprintf(why, whylen, "your train() crashed (%s)", strsignal(WTERMSIG(status)));
        else
            snprintf(why, whylen, "your train() ended the process (exit status %d)",
                     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        return -1;
    }
    return 0;
}

/* 1 when a (student) and r (reference) agree within 1e-6 relative. */
static int close_to(double a, double r)
{
    if (!isfinite(r))
        return !isfinite(a);
    return isfinite(a) && fabs(a - r) <= 1e-6 * (fabs(r) > 1 ? fabs(r) : 1);
}

int sl_guard_compare(const sl_guard_result *s, const sl_guard_result *r, size_t k, size_t epochs,
                     char *why, size_t whylen)
{
    for (size_t e = 0; e < epochs; e++)
        if (!close_to(s->loss[e], r->loss[e])) {
            snprintf(why, whylen, "your train() recorded loss %.6g where the reference has %.6g",
                     s->loss[e], r->loss[e]);
            return -1;
        }
    int ref_finite = 1;
    for (size_t i = 0; i < 2 * k; i++)
        ref_finite &= isfinite(r->W[i]) != 0;
    for (size_t i = 0; i < k; i++)
        ref_finite &= isfinite(r->b[i]) != 0;
    if (!ref_finite)
        return 0;
    for (size_t i = 0; i < 3 * k; i++) {
        double a = i < 2 * k ? s->W[i] : s->b[i - 2 * k], x = i < 2 * k ? r->W[i] : r->b[i - 2 * k];
        if (!close_to(a, x)) {
            snprintf(why, whylen, "your train() left %s[%zu] = %.6g where the reference has %.6g",
                     i < 2 * k ? "W" : "b", i < 2 * k ? i : i - 2 * k, a, x);
            return -1;
        }
    }
    return 0;
}

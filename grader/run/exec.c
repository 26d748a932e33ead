/* exec.c — run a command with captured output and a time limit (contract: exec.h). */
#include "exec.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* In the child: never returns. */
static void child(char *const argv[], char *const env_extra[], int out_fd)
{
    setpgid(0, 0);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0)
        dup2(devnull, 0);
    dup2(out_fd, 1);
    dup2(out_fd, 2);
    for (size_t i = 0; env_extra && env_extra[i]; i++)
        putenv(env_extra[i]);
    execvp(argv[0], argv);
    dprintf(2, "cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

int sl_exec(char *const argv[], char *const env_extra[], double timeout_s, size_t max_out,
            char **out, int *truncated)
{
    size_t len = 0, cap = max_out + 1 < 4096 ? max_out + 1 : 4096;
    char *buf = malloc(cap);
    *out = buf;
    if (truncated)
        *truncated = 0;
    if (!buf)
        return SL_EXEC_NOT_STARTED;
    buf[0] = '\0';
    int fds[2];
    if (pipe(fds) != 0) {
        snprintf(buf, cap, "pipe: %s", strerror(errno));
        return SL_EXEC_NOT_STARTED;
    }
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        snprintf(buf, cap, "fork: %s", strerror(errno));
        return SL_EXEC_NOT_STARTED;
    }
    if (pid == 0) {
        close(fds[0]);
        child(argv, env_extra, fds[1]);
    }
    setpgid(pid, pid); /* also here: no race with the kill below */
    close(fds[1]);
    double deadline = timeout_s > 0 ? now() + timeout_s : 0;
    int timed_out = 0;
    for (;;) {
        int wait_ms = -1;
        if (deadline) {
            double left = deadline - now();
            if (left <= 0) {
                timed_out = 1;
                kill(-pid, SIGKILL);
                break;
            }
            wait_ms = (int)(left * 1000) + 1;
        }
        struct pollfd pfd = {fds[0], POLLIN, 0};
        int pr = poll(&pfd, 1, wait_ms);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr == 0)
            continue;
        char chunk[8192];
        ssize_t got = read(fds[0], chunk, sizeof chunk);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        size_t keep = (size_t)got;
        if (len + keep > max_out) {
            keep = max_out - len;
            if (truncated)
                *truncated = 1;
        }
        if (len + keep + 1 > cap) {
            size_t ncap = cap;
            while (ncap < len + keep + 1)
                ncap *= 2;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                kill(-pid, SIGKILL);
                break;
            }
            *out = buf = nb;
            cap = ncap;
        }
        memcpy(buf + len, chunk, keep);
        len += keep;
        buf[len] = '\0';
    }
    close(fds[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    kill(-pid, SIGKILL); /* leftovers of the group (e.g. a forked test that hangs) */
    if (timed_out)
        return SL_EXEC_TIMED_OUT;
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}

/* exec.h — run a command with its output captured, a time limit and an
 * output cap.  Used to compile and link student code and to run a suite. */
#ifndef SL_EXEC_H
#define SL_EXEC_H

#include <stddef.h>

enum {
    SL_EXEC_NOT_STARTED = -1,   /* fork/exec failed (message in *out) */
    SL_EXEC_TIMED_OUT = -2      /* killed after timeout_s */
};

/* Runs argv (argv[0] looked up in PATH) in its own process group, stdin from
 * /dev/null, stdout and stderr together into *out (malloc'd, NUL-terminated;
 * at most max_out bytes are kept, the rest is read and dropped, and
 * *truncated, when not NULL, says so).  env_extra: NULL or a NULL-terminated
 * list of "NAME=value" added to the environment.  timeout_s > 0: the whole
 * process group is killed after that many seconds.
 * Returns the exit status (0–255), 128 + N when killed by signal N,
 * SL_EXEC_TIMED_OUT or SL_EXEC_NOT_STARTED.  *out is always set (maybe ""),
 * or NULL only when out of memory; the caller frees it. */
int sl_exec(char *const argv[], char *const env_extra[], double timeout_s, size_t max_out,
            char **out, int *truncated);

#endif

/* asan_hook.c — the memory-check hook end to end (test_worker.sh): a check
 * that runs softmax in the sanitizer worker and prints how the worker ended
 * and the start of its report; the script reads those lines. */
#include "check.h"
#include "softmax_lab.h"

#include <stdio.h>
#include <sys/wait.h>

SL_CHECK(hook, memory, 10)
{
    sl_worker_flavour(1);
    double *Z = sl_mat(12), *P = sl_mat(12);
    for (int i = 0; i < 12; i++)
        Z[i] = 0.1 * i;
    softmax(Z, P, 4, 3);
    softmax(Z, P, 4, 3);                            /* after the report: does nothing */
    sl_worker_end end;
    int rc = sl_worker_finish(&end);
    fprintf(stderr, "HOOK rc=%d exited=%d status=%d\n%.300s\n", rc, end.status >= 0 && WIFEXITED(end.status),
            end.status >= 0 && WIFEXITED(end.status) ? WEXITSTATUS(end.status) : -1, end.output);
}

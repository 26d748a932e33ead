/* worker.c — the worker's main: the student's object, the reference of every
 * other function and the runtime are linked with this file (worker.mk).  It
 * confines itself (filter.h), then answers requests (wire.h) until the judge
 * closes the request pipe.  It decides nothing: it calls and sends back. */
#include "filter.h"
#include "multilabel.h"
#include "softmax_lab.h"
#include "wire.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
#include <malloc.h>
#include <math.h>
#define SL_HAVE_MALLINFO2 1
#endif

/* Present only in a sanitizer build: its allocator's own count. */
extern size_t __sanitizer_get_current_allocated_bytes(void) __attribute__((weak));

static int64_t heap_in_use(void)
{
    if (__sanitizer_get_current_allocated_bytes)
        return (int64_t)__sanitizer_get_current_allocated_bytes();
#ifdef SL_HAVE_MALLINFO2
    return (int64_t)mallinfo2().uordblks;
#else
    return -1;
#endif
}

/* Reads exactly len bytes; 0, or −1 at end of file or on an error. */
static int read_all(int fd, void *buf, size_t len)
{
    char *p = buf;
    while (len) {
        ssize_t got = read(fd, p, len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return -1;
        p += got, len -= (size_t)got;
    }
    return 0;
}

static int write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len) {
        ssize_t put = write(fd, p, len);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            return -1;
        p += put, len -= (size_t)put;
    }
    return 0;
}

/* The pointer of argument i, or NULL. */
static double *arg(const sl_wire_req *q, double *const *blocks, int i)
{
    int b = q->arg_block[i];
    return b < 0 ? NULL : blocks[b] + q->arg_off[i];
}

/* Calls the requested function; its return value in *ret.  −1: unknown. */
static int call(const sl_wire_req *q, double *const *B, double *ret)
{
    size_t n = q->n, d = q->d, k = q->k;
    *ret = 0.0;
    switch (q->fn) {
    case SL_FN_SOFTMAX:
        softmax(arg(q, B, 0), arg(q, B, 1), n, k);
        return 0;
    case SL_FN_CROSS_ENTROPY:
        *ret = cross_entropy(arg(q, B, 0), arg(q, B, 1), n, k);
        return 0;
    case SL_FN_GRAD_W:
        grad_w(arg(q, B, 0), arg(q, B, 1), arg(q, B, 2), n, d, k, arg(q, B, 3));
        return 0;
    case SL_FN_GRAD_B:
        grad_b(arg(q, B, 0), arg(q, B, 1), n, k, arg(q, B, 2));
        return 0;
    case SL_FN_TRAIN:
        *ret = train(arg(q, B, 0), arg(q, B, 1), n, d, k, arg(q, B, 2), arg(q, B, 3), q->lr,
                     q->epochs, arg(q, B, 4));
        return 0;
    case SL_FN_SIGMOID_BCE:
        *ret = sigmoid_bce(arg(q, B, 0), arg(q, B, 1), arg(q, B, 2), arg(q, B, 3), n, d, k,
                           arg(q, B, 4), arg(q, B, 5));
        return 0;
    default:
        return -1;
    }
}

/* 1 when the request is well formed (the judge is trusted; this guards
 * against a judge bug, not an attack). */
static int valid(const sl_wire_req *q)
{
    uint64_t total = 0;
    if (q->magic != SL_WIRE_REQ_MAGIC || q->n_args > SL_WIRE_MAX_ARGS || q->n_blocks > SL_WIRE_MAX_BLOCKS)
        return 0;
    for (uint32_t b = 0; b < q->n_blocks; b++)
        if ((total += q->block_len[b]) > SL_WIRE_MAX_DOUBLES)
            return 0;
    for (uint32_t i = 0; i < q->n_args; i++)
        if (q->arg_block[i] >= (int32_t)q->n_blocks
            || (q->arg_block[i] >= 0 && q->arg_off[i] > q->block_len[q->arg_block[i]]))
            return 0;
    return 1;
}

/* Past the end of every block the worker receives stand PAST_END NaNs, so
 * that a read past an array (a row's end, the last row) shows as NaN in the
 * answer instead of heap bytes that may pass for a plausible 0.  Not in a
 * sanitizer build, where the block must end exactly for ASan to see it. */
enum { PAST_END = 8 };

static size_t past_end_count(void)
{
    return __sanitizer_get_current_allocated_bytes ? 0 : PAST_END;
}

static void past_end(double *tail)
{
    for (size_t i = 0; i < past_end_count(); i++)
        tail[i] = NAN;
}

/* Serves one request.  0, 1 at the end of the requests, −1 on an error. */
static int serve(void)
{
    sl_wire_req q;
    if (read_all(SL_WIRE_FD_REQ, &q, sizeof q) != 0)
        return 1;
    if (!valid(&q))
        return -1;
    double *blocks[SL_WIRE_MAX_BLOCKS] = {0};
    int rc = 0;
    for (uint32_t b = 0; b < q.n_blocks && rc == 0; b++) {
        size_t bytes = q.block_len[b] * sizeof(double);
        blocks[b] = malloc(bytes + past_end_count() * sizeof(double) + 1);
        rc = blocks[b] && read_all(SL_WIRE_FD_REQ, blocks[b], bytes) == 0 ? 0 : -1;
        if (rc == 0)
            past_end(blocks[b] + q.block_len[b]);
    }
    sl_wire_rep r = {.magic = SL_WIRE_REP_MAGIC};
    if (rc == 0) {
        sl_take_not_implemented();
        r.heap_before = heap_in_use();
        rc = call(&q, blocks, &r.ret);
        r.heap_after = heap_in_use();
        const char *ni = sl_take_not_implemented();
        if (ni) {
            r.not_implemented = 1;
            snprintf(r.ni_function, sizeof r.ni_function, "%s", ni);
        }
        fflush(stdout);
    }
    if (rc == 0)
        rc = write_all(SL_WIRE_FD_REP, &r, sizeof r);
    for (uint32_t b = 0; b < q.n_blocks && rc == 0; b++)
        rc = write_all(SL_WIRE_FD_REP, blocks[b], q.block_len[b] * sizeof(double));
    for (uint32_t b = 0; b < q.n_blocks; b++)
        free(blocks[b]);
    return rc;
}

int main(int argc, char **argv)
{
    static char outbuf[8192];
    /* lenient when asked, and always in a sanitizer build (SANITIZE=1): ASan
     * itself needs calls the strict filter would kill it for */
    int lenient = (argc > 1 && strcmp(argv[1], "--lenient") == 0) || __sanitizer_get_current_allocated_bytes;
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    setvbuf(stderr, NULL, _IONBF, 0);
    free(malloc(1 << 20));                  /* the allocator's first system calls */
    free(malloc(64));
    if (sl_filter_install(lenient) < 0) {
        fputs("worker: the system-call filter could not be installed\n", stderr);
        return 125;
    }
    for (;;) {
        int rc = serve();
        if (rc != 0) {
            fflush(stdout);
            /* _exit: no exit-time work (LeakSanitizer's end-of-process scan
             * needs ptrace, which the filter refuses; leaks are the memory
             * check's job) */
            _exit(rc > 0 ? 0 : 124);
        }
    }
}

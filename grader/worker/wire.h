/* wire.h — the protocol between a check (the judge, a Criterion test
 * process) and the worker that runs the student's function.
 *
 * Pipes (worker side): fd 3 requests in, fd 4 replies out, fd 1 and fd 2 the
 * student's stdout and stderr (capped by the judge, never parsed as a
 * result), fd 0 /dev/null.  One call = one request, one reply:
 *
 *   request  sl_wire_req, then for each block b: block_len[b] doubles
 *   reply    sl_wire_rep, then the same blocks, as the function left them
 *
 * A block is one contiguous array of the judge's memory: the whole
 * allocation (guard entries included) of every pointer argument the check
 * frame allocated (sl_alloc_find), else exactly what the contract says the
 * function may touch.  Arguments that point into the same block are sent as
 * one block and offsets (softmax(Z, Z, …) stays in place).  Nothing in a
 * reply is a verdict: the judge copies the blocks back and decides. */
#ifndef SL_WIRE_H
#define SL_WIRE_H

#include <stdint.h>

#define SL_WIRE_REQ_MAGIC 0x514c5253u   /* "SRLQ" */
#define SL_WIRE_REP_MAGIC 0x504c5253u   /* "SRLP" */
#define SL_WIRE_FD_REQ 3
#define SL_WIRE_FD_REP 4

enum { SL_WIRE_MAX_ARGS = 6, SL_WIRE_MAX_BLOCKS = 6 };
/* The most doubles one request may carry (256 MiB): a judge bug, not a check. */
#define SL_WIRE_MAX_DOUBLES ((uint64_t)32 << 20)

/* The functions a worker can call (the contract of lab/softmax_lab.h and
 * lab/multilabel.h).  Pointer arguments in contract order:
 *   SOFTMAX        Z, P                 sizes n, k
 *   CROSS_ENTROPY  P, Y                 n, k             returns a double
 *   GRAD_W         X, P, Y, dW          n, d, k
 *   GRAD_B         P, Y, db             n, k
 *   TRAIN          X, Y, W, b, history  n, d, k, epochs; scalar lr; returns
 *   SIGMOID_BCE    X, W, b, Y, dW, db   n, d, k          returns */
typedef enum {
    SL_FN_SOFTMAX = 1,
    SL_FN_CROSS_ENTROPY,
    SL_FN_GRAD_W,
    SL_FN_GRAD_B,
    SL_FN_TRAIN,
    SL_FN_SIGMOID_BCE
} sl_wire_fn;

typedef struct {
    uint32_t magic, fn;
    uint32_t n_args, n_blocks;
    uint64_t n, d, k, epochs;
    double lr;
    int32_t arg_block[SL_WIRE_MAX_ARGS];    /* −1: the argument is NULL */
    uint64_t arg_off[SL_WIRE_MAX_ARGS];     /* in doubles, into its block */
    uint64_t block_len[SL_WIRE_MAX_BLOCKS]; /* in doubles */
} sl_wire_req;

typedef struct {
    uint32_t magic;
    uint32_t not_implemented;       /* 1: the stub's NOT_IMPLEMENTED() ran */
    char ni_function[32];           /* which function said so */
    double ret;                     /* the return value (0 for void functions) */
    int64_t heap_before, heap_after;/* worker heap bytes in use around the call, −1 unknown */
} sl_wire_rep;

#endif

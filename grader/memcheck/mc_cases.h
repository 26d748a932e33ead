/* mc_cases.h — the calls the memory check makes: for each exercise, the
 * shapes of its other checks (n = 1, k = 1, k > d, d > k, in place, no loss
 * history, zero epochs …), each with caller-owned buffers of exactly the
 * contract's size (no slack, no guard entries). */
#ifndef MC_CASES_H
#define MC_CASES_H

#include <stddef.h>

/* One call's shape.  Fields an exercise does not use are 0. */
typedef struct {
    size_t n, d, k, epochs;
    int in_place;       /* softmax: P == Z */
    int no_history;     /* train: loss_history == NULL */
    int soft;           /* soft (row-stochastic, not one-hot) targets */
} mc_shape;

#define MC_MAX_BUFS 6

/* A caller-owned buffer of a call: name as in the contract ("dW"), size in
 * doubles, whether the function writes it, and how its size follows from the
 * shape ("d·k"). */
typedef struct {
    const char *name;
    const char *size_expr;
    double *p;
    size_t count;
    int is_output;
} mc_buf;

/* One call: the buffers (allocated exact-size by mc_case_prepare) and the
 * function's return value (when it returns a double). */
typedef struct {
    mc_buf bufs[MC_MAX_BUFS];
    size_t n_bufs;
    double ret;
} mc_call;

/* The exercise's cases, or NULL with *count = 0 for an unknown id. */
const mc_shape *mc_cases(const char *exercise, size_t *count);

/* The contract function's name of an exercise ("softmax"), or NULL. */
const char *mc_function(const char *exercise);

/* Allocates the call's buffers (malloc, exactly count doubles each) and fills
 * the inputs deterministically from (shape, seed); outputs are pre-filled
 * with the same values on every call with the same seed.  0, or −1 when out
 * of memory. */
int mc_case_prepare(const char *exercise, const mc_shape *s, unsigned seed, mc_call *c);

/* Calls fn — the exercise's function under another name, cast to
 * void (*)(void) — on the prepared buffers. */
void mc_case_call(const char *exercise, const mc_shape *s, void (*fn)(void), mc_call *c);

/* Frees the buffers. */
void mc_case_free(mc_call *c);

#endif

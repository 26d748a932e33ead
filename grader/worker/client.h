/* client.h — the call the proxies make (proxy.c); the rest of the worker's
 * judge side is declared in check.h ("the worker"). */
#ifndef SL_WORKER_CLIENT_H
#define SL_WORKER_CLIENT_H

#include <stddef.h>

#include "wire.h"

/* Calls q->fn in the worker (started on first use) with q->n_args pointer
 * arguments ptrs (NULL allowed); counts[i] is how many doubles the contract
 * lets the function touch at ptrs[i].  Copies every block back and returns
 * the function's return value.  When the worker crashes, exits, hangs past
 * the check's time, floods its output or breaks the protocol, the check
 * fails here with the reason (fn names the function in the message). */
double sl_worker_call(sl_wire_req *q, const char *fn, const void *const ptrs[], const size_t counts[]);

#endif

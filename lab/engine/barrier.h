/* barrier.h — a reusable barrier for the engine's threads: a thread that
 * arrives early spins briefly (the others are usually just behind), then
 * sleeps, so that a busy machine gets the core back. */
#ifndef SL_ENGINE_BARRIER_H
#define SL_ENGINE_BARRIER_H

#include <pthread.h>
#include <stdatomic.h>

typedef struct {
    atomic_uint arrived, phase;
    unsigned count;
    pthread_mutex_t lock;
    pthread_cond_t wake;
} sl_barrier;

/* Prepares a barrier for `count` threads (at least 1).  0 on success. */
int sl_barrier_init(sl_barrier *bar, unsigned count);

/* Returns once all `count` threads have called it (for this phase). */
void sl_barrier_wait(sl_barrier *bar);

/* The same; the last thread to arrive runs last(arg) before any leaves. */
void sl_barrier_wait_then(sl_barrier *bar, void (*last)(void *), void *arg);

void sl_barrier_destroy(sl_barrier *bar);

#endif

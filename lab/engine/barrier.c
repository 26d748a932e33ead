/* barrier.c — spin-then-sleep barrier (contract: barrier.h). */
#include "barrier.h"

#include <sched.h>

#define SPINS 20000     /* about 10–50 µs before sleeping */

int sl_barrier_init(sl_barrier *bar, unsigned count)
{
    atomic_init(&bar->arrived, 0);
    atomic_init(&bar->phase, 0);
    bar->count = count ? count : 1;
    if (pthread_mutex_init(&bar->lock, NULL))
        return -1;
    if (pthread_cond_init(&bar->wake, NULL)) {
        pthread_mutex_destroy(&bar->lock);
        return -1;
    }
    return 0;
}

void sl_barrier_wait(sl_barrier *bar)
{
    sl_barrier_wait_then(bar, NULL, NULL);
}

void sl_barrier_wait_then(sl_barrier *bar, void (*last)(void *), void *arg)
{
    const unsigned phase = atomic_load(&bar->phase);
    if (atomic_fetch_add(&bar->arrived, 1) + 1 == bar->count) {
        if (last)
            last(arg);
        atomic_store(&bar->arrived, 0);      /* the last one opens the next phase */
        pthread_mutex_lock(&bar->lock);
        atomic_store(&bar->phase, phase + 1);
        pthread_cond_broadcast(&bar->wake);
        pthread_mutex_unlock(&bar->lock);
        return;
    }
    for (unsigned spins = 0; spins < SPINS; spins++) {
        if (atomic_load(&bar->phase) != phase)
            return;
        if (spins % 1024 == 1023)
            sched_yield();
    }
    pthread_mutex_lock(&bar->lock);
    while (atomic_load(&bar->phase) == phase)
        pthread_cond_wait(&bar->wake, &bar->lock);
    pthread_mutex_unlock(&bar->lock);
}

void sl_barrier_destroy(sl_barrier *bar)
{
    pthread_mutex_destroy(&bar->lock);
    pthread_cond_destroy(&bar->wake);
}

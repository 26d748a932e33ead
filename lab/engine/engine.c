/* engine.c — the epoch loop of the fast trainer (contract: engine.h).
 *
 * One pass over X per epoch.  The rows are cut into S slices (S depends on
 * n and d only, never on the thread count); a slice is handled block by
 * block by a kernel (kernel.c) that leaves the slice's sums of Gᵀ X, of G
 * and of the loss in its own partial.  Threads take whole slices, in any
 * order.  After one barrier every thread adds the partials in slice order
 * and updates its own copy of W and b (thread 0's is the caller's): the
 * copies are equal, bit for bit, and no second barrier is needed.  The
 * partials alternate between two buffers by epoch, so a thread that starts
 * the next epoch early never overwrites what a slower one is still adding.
 * Every sum has one order whatever the number of threads: the result is
 * bit-for-bit the same for 1, 2, 3 … threads.
 */
#ifdef __linux__
#define _GNU_SOURCE             /* sched_getaffinity, CPU_COUNT */
#endif
#include "engine.h"
#include "barrier.h"
#include "kernel.h"

#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_THREADS 16
#define MAX_SLICES 32
/* Below this many multiply-adds (n·d·k) per thread, fewer threads are faster. */
#define MIN_WORK_PER_THREAD 100000.0
/* Rows per block: X's block and its transpose together about this size. */
#define BLOCK_BYTES 131072

typedef struct {
    sl_engine_problem p;
    sl_engine_slice_fn slice;
    double *W, *b, lr, *loss_history, final_loss;
    size_t epochs, slices, threads, stride;
    double *part[2];                /* epoch e uses part[e % 2]; slice s: gWT (k×d), gb (k),
                                       loss at s·stride */
    double *scratch;                /* thread t: XT (d×rows), ZT (k×rows), then its sums
                                       (k×d + k) and its copy of W, b (t > 0) */
    size_t scratch_stride;
    atomic_size_t next[2];          /* the next slice to hand out, epoch e: next[e % 2] */
    atomic_int go;
    sl_barrier bar;
} job;

typedef struct {
    job *jb;
    size_t t;
} worker;

static sl_engine_slice_fn pick_kernel(const char **name)
{
    const char *want = getenv("SOFTMAX_LAB_ENGINE_ISA");
    want = want ? want : "";
#if defined(__x86_64__) && defined(SL_ENGINE_X86)
    __builtin_cpu_init();
    const int avx512 = __builtin_cpu_supports("avx512f");
    const int avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    if (avx512 && (!*want || !strcmp(want, "avx512")))
        return *name = "avx512", sl_engine_slice_avx512;
    if (avx2 && strcmp(want, "base"))
        return *name = "avx2", sl_engine_slice_avx2;
#endif
    return *name = "base", sl_engine_slice_base;
}

const char *sl_engine_isa(void)
{
    const char *name;
    pick_kernel(&name);
    return name;
}

/* The cores this process may run on (taskset, cgroup cpusets), else all. */
static long usable_cores(void)
{
#ifdef __linux__
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0)
        return CPU_COUNT(&set);
#endif
    return sysconf(_SC_NPROCESSORS_ONLN);
}

size_t sl_engine_threads(size_t n, size_t d, size_t k)
{
    const char *env = getenv("SOFTMAX_LAB_THREADS");
    long want = env && atoi(env) > 0 ? atoi(env) : usable_cores();
    if (!(env && atoi(env) > 0)) {
        const double work = (double)n * (double)(d ? d : 1) * (double)(k ? k : 1);
        const long fit = (long)(work / MIN_WORK_PER_THREAD);
        want = fit < want ? fit : want;
    }
    return want < 1 ? 1 : want > MAX_THREADS ? MAX_THREADS : (size_t)want;
}

/* Slice s's rows: blocks [s·B/S, (s+1)·B/S) of `rows` rows, B = ⌈n/rows⌉. */
static void slice_rows(const job *jb, size_t s, size_t *i0, size_t *i1)
{
    const size_t rows = jb->p.rows, blocks = (jb->p.n + rows - 1) / rows;
    *i0 = s * blocks / jb->slices * rows;
    *i1 = (s + 1) * blocks / jb->slices * rows;
    if (*i1 > jb->p.n)
        *i1 = jb->p.n;
}

/* The partials added in slice order (into sum: k×d + k), then the step
 * W −= lr · (sum · (1/n)), b −= lr · (sum / n), rounded as grad_w(),
 * grad_b() and train() round them. */
static void update_model(const job *jb, const double *part, double *W, double *b, double *sum)
{
    const size_t d = jb->p.d, k = jb->p.k, m = k * d + k;
    const double inv_n = 1.0 / (double)jb->p.n;
    if (jb->slices)
        memcpy(sum, part, m * sizeof *sum);
    else
        memset(sum, 0, m * sizeof *sum);
    for (size_t s = 1; s < jb->slices; s++) {
        const double *add = part + s * jb->stride;
        for (size_t e = 0; e < m; e++)
            sum[e] += add[e];
    }
    for (size_t j = 0; j < k; j++) {
        for (size_t f = 0; f < d; f++) {
            const double dw = sum[j * d + f] * inv_n;
            W[f * k + j] -= jb->lr * dw;
        }
        const double db = sum[k * d + j] / (double)jb->p.n;
        b[j] -= jb->lr * db;
    }
}

static double mean_loss(const job *jb, const double *part)
{
    const size_t at = jb->p.k * jb->p.d + jb->p.k;
    double total = 0.0;
    for (size_t s = 0; s < jb->slices; s++)
        total += part[s * jb->stride + at];
    return total / (double)jb->p.n;
}

/* Run by the last thread at the barrier: the counter of the next epoch,
 * last used two epochs ago, starts again from 0. */
static void reset_counter(void *counter)
{
    atomic_store((atomic_size_t *)counter, 0);
}

static void *run_worker(void *arg)
{
    const worker *me = arg;
    job *jb = me->jb;
    while (!atomic_load(&jb->go))
        sched_yield();
    const size_t t = me->t, d = jb->p.d, k = jb->p.k;
    double *XT = jb->scratch + t * jb->scratch_stride, *ZT = XT + d * jb->p.rows;
    double *sum = ZT + k * jb->p.rows, *W = jb->W, *b = jb->b;
    if (t > 0) {                                 /* this thread's copy of the model */
        W = sum + k * d + k;
        b = W + d * k;
        memcpy(W, jb->W, d * k * sizeof *W);
        memcpy(b, jb->b, k * sizeof *b);
    }
    sl_engine_problem p = jb->p;
    p.W = W;
    p.b = b;
    for (size_t e = 0; e <= jb->epochs; e++) {
        const int want_grad = e < jb->epochs;    /* the last pass: the final loss only */
        double *part = jb->part[e % 2];
        for (size_t s; (s = atomic_fetch_add(&jb->next[e % 2], 1)) < jb->slices;) {
            size_t i0, i1;
            slice_rows(jb, s, &i0, &i1);
            double *mine = part + s * jb->stride;
            jb->slice(&p, i0, i1, XT, ZT, want_grad, mine, mine + k * d, mine + k * d + k);
        }
        sl_barrier_wait_then(&jb->bar, reset_counter, &jb->next[(e + 1) % 2]);
        if (!want_grad) {
            if (t == 0)
                jb->final_loss = mean_loss(jb, part);
            break;
        }
        if (t == 0 && jb->loss_history)
            jb->loss_history[e] = mean_loss(jb, part);
        update_model(jb, part, W, b, sum);
    }
    return NULL;
}

/* Starts threads 1 … T−1 (fewer if the system refuses), runs thread 0 here. */
static void run_threads(job *jb)
{
    pthread_t tid[MAX_THREADS];
    worker workers[MAX_THREADS];
    size_t started = 1;
    for (size_t t = 0; t < jb->threads; t++)
        workers[t] = (worker){.jb = jb, .t = t};
    for (; started < jb->threads; started++)
        if (pthread_create(&tid[started], NULL, run_worker, &workers[started]))
            break;
    jb->threads = started;
    jb->bar.count = (unsigned)started;
    atomic_store(&jb->go, 1);
    run_worker(&workers[0]);
    for (size_t t = 1; t < started; t++)
        pthread_join(tid[t], NULL);
}

double sl_engine_train(const double *X, const double *Y, size_t n, size_t d, size_t k,
                       double *W, double *b, double lr, size_t epochs,
                       double *loss_history, size_t threads)
{
    const char *isa;
    size_t rows = BLOCK_BYTES / (2 * sizeof(double) * (d ? d : 1));
    rows = rows / SL_ENGINE_ROW_ALIGN * SL_ENGINE_ROW_ALIGN;
    rows = rows < SL_ENGINE_ROW_ALIGN ? SL_ENGINE_ROW_ALIGN : rows > 128 ? 128 : rows;
    job jb = {.p = {.X = X, .Y = Y, .W = W, .b = b, .n = n, .d = d, .k = k, .rows = rows},
              .slice = pick_kernel(&isa), .W = W, .b = b, .lr = lr,
              .loss_history = loss_history, .final_loss = NAN, .epochs = epochs};
    const size_t blocks = (n + rows - 1) / rows;
    jb.slices = blocks < MAX_SLICES ? blocks : MAX_SLICES;
    jb.threads = threads ? threads : sl_engine_threads(n, d, k);
    jb.threads = jb.threads > MAX_THREADS ? MAX_THREADS : jb.threads;
    jb.threads = jb.threads > jb.slices ? (jb.slices ? jb.slices : 1) : jb.threads;
    jb.stride = (k * d + k + 1 + 7) / 8 * 8;
    /* XT, ZT, the sums and a copy of W and b, in 64-byte multiples. */
    jb.scratch_stride = (d * rows + k * rows + 2 * (k * d + k) + 8) / 8 * 8;
    const size_t parts = (jb.slices ? jb.slices : 1) * jb.stride;
    jb.part[0] = malloc(2 * parts * sizeof *jb.part[0]);
    jb.part[1] = jb.part[0] ? jb.part[0] + parts : NULL;
    jb.scratch = aligned_alloc(64, jb.threads * jb.scratch_stride * sizeof *jb.scratch);
    if (!jb.part[0] || !jb.scratch || sl_barrier_init(&jb.bar, (unsigned)jb.threads)) {
        free(jb.part[0]);
        free(jb.scratch);
        return NAN;
    }
    atomic_init(&jb.next[0], 0);
    atomic_init(&jb.next[1], 0);
    atomic_init(&jb.go, 0);
    run_threads(&jb);
    sl_barrier_destroy(&jb.bar);
    free(jb.part[0]);
    free(jb.scratch);
    return jb.final_loss;
}

double sl_engine_train_auto(const double *X, const double *Y, size_t n, size_t d, size_t k,
                            double *W, double *b, double lr, size_t epochs,
                            double *loss_history)
{
    return sl_engine_train(X, Y, n, d, k, W, b, lr, epochs, loss_history, 0);
}

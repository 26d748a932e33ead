/* reference/train.c — full-batch gradient descent (contract: lab/softmax_lab.h).
 *
 * One epoch is two passes over the data, fused so that the n×k buffer is the
 * only large scratch and nothing is allocated per epoch:
 *
 *   pass 1, by rows i:      z_i = x_i W + b;  p_i = softmax(z_i);
 *                           loss_i = −Σ_j y_ij log p_ij;  g_i = p_i − y_i
 *   pass 2, by rows f of W: dW_f = (1/n) Σ_i x_if g_i;  W_f −= lr · dW_f
 *   then:                   db = (1/n) Σ_i g_i;  b −= lr · db;
 *                           loss_history[e] = (1/n) Σ_i loss_i
 *
 * Both passes hand out their outer loop in chunks (32 rows of X; the rows
 * of W in two chunks per thread) to threads (pthreads, both cores when the
 * problem is big enough to pay for it; SOFTMAX_LAB_THREADS=N sets the
 * count; if threads cannot be created it runs on fewer, down to one).  Whichever thread takes a chunk,
 * its entries are summed in the same order (i = 0, 1, … n−1), so the result
 * is bit-for-bit the same whatever the number of threads, and a thread that
 * other work on the machine slows down simply takes fewer chunks.
 * The inner loops work on blocks of 4 rows × 4 columns held in vector
 * registers (GCC/Clang vector extension; W is kept padded to a multiple of
 * 4 columns), compiled for AVX2 and for plain x86-64, picked at load time.
 * The arithmetic is that of logits(), softmax(), grad_w() and grad_b() in
 * the same order, so W and b are bit-for-bit those of calling the contract
 * functions one after the other (lab/bench/tests/train_equiv.c checks it);
 * the loss is summed row by row, so it may differ from cross_entropy() in
 * the last bits.
 */
#ifdef __linux__
#define _GNU_SOURCE             /* sched_getaffinity, CPU_COUNT */
#endif
#include "softmax_lab.h"

#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_THREADS 8
/* Below this many multiply-adds per pass (n·d·k), one thread is faster. */
#define MIN_WORK_PER_THREAD 100000.0

/* A reusable barrier: a thread that arrives early spins briefly (the other
 * is usually just behind), then sleeps so that a busy machine gets the core
 * back.  The last to arrive opens the next phase and wakes the sleepers. */
typedef struct {
    atomic_uint arrived, phase;
    unsigned count;
    pthread_mutex_t lock;
    pthread_cond_t wake;
} barrier;

#define BARRIER_SPINS 20000

static void barrier_wait(barrier *bar)
{
    const unsigned phase = atomic_load(&bar->phase);
    if (atomic_fetch_add(&bar->arrived, 1) + 1 == bar->count) {
        atomic_store(&bar->arrived, 0);
        pthread_mutex_lock(&bar->lock);
        atomic_store(&bar->phase, phase + 1);
        pthread_cond_broadcast(&bar->wake);
        pthread_mutex_unlock(&bar->lock);
        return;
    }
    for (unsigned spins = 0; spins < BARRIER_SPINS; spins++)
        if (atomic_load(&bar->phase) != phase)
            return;
    pthread_mutex_lock(&bar->lock);
    while (atomic_load(&bar->phase) == phase)
        pthread_cond_wait(&bar->wake, &bar->lock);
    pthread_mutex_unlock(&bar->lock);
}

/* The model is kept in padded copies during training: rows of kp = k rounded
 * up to CB doubles, the extra columns 0, so that the inner loops work on
 * RB×CB blocks held in registers, of a length known when compiling. */
#define CB 4            /* columns of a block: one AVX2 register, two SSE2 */
#define RB 4            /* rows of a block */
#define IB 256          /* pass 2 takes the samples IB at a time (cache) */
#define ROW_CHUNK 32    /* pass 1 hands out rows of X 32 at a time */
/* Pass 2 hands out rows of W two chunks per thread (jb->w_chunk rows each):
 * every chunk reads all of G, so they are fewer and larger than in pass 1. */

/* Everything the threads share.  Each pass hands out chunks of rows (of X,
 * then of W) to whichever thread asks first, so a thread slowed by other
 * work on the machine simply takes fewer; a chunk's result does not depend
 * on the thread that computes it. */
typedef struct {
    const double *X, *Y;
    size_t n, d, k, kp, epochs, threads, w_chunk;
    double lr, *loss_history;
    double *W, *b;      /* d×kp and kp: the padded model */
    double *G;          /* n×kp: logits, then probabilities, then P − Y */
    double *row_loss;   /* n: −Σ_j y_ij log p_ij */
    double *dW;         /* d×kp, then kp for db */
    double final_loss;
    atomic_size_t next_rows, next_w;   /* chunks handed out in pass 1, pass 2 */
    atomic_int go;      /* workers start once it is set (all threads created) */
    barrier bar;
} job;

typedef struct {
    job *job;
    size_t t;
} worker;

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
/* One copy of the function per instruction set; the loader picks the best. */
#define VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define VECTOR_CLONES
#endif

/* CB doubles as one value (GCC/Clang vector extension): `a += x * w` below
 * multiplies-adds CB columns at once, in a register.  VEC(p) is the CB
 * doubles at p (any address aligned for double). */
typedef double vec __attribute__((vector_size(CB * sizeof(double)), aligned(sizeof(double)),
                                  may_alias));
#define VEC(p) (*(vec *)(p))

/* Z rows [i, i+RB) = X rows · W + b, CB columns at a time; z_ij is
 * b_j + Σ_f x_if w_fj summed in the order f = 0 … d−1 (as logits() does). */
static inline void logits_block(const job *jb, size_t i)
{
    const size_t d = jb->d, kp = jb->kp;
    const double *x0 = jb->X + i * d, *x1 = x0 + d, *x2 = x1 + d, *x3 = x2 + d;
    for (size_t c = 0; c < kp; c += CB) {
        vec a0 = VEC(jb->b + c), a1 = a0, a2 = a0, a3 = a0;
        for (size_t f = 0; f < d; f++) {
            const vec w = VEC(jb->W + f * kp + c);
            a0 += x0[f] * w;
            a1 += x1[f] * w;
            a2 += x2[f] * w;
            a3 += x3[f] * w;
        }
        VEC(jb->G + i * kp + c) = a0;
        VEC(jb->G + (i + 1) * kp + c) = a1;
        VEC(jb->G + (i + 2) * kp + c) = a2;
        VEC(jb->G + (i + 3) * kp + c) = a3;
    }
}

/* The same for the single row i (the last n mod RB rows). */
static inline void logits_row(const job *jb, size_t i)
{
    const size_t d = jb->d, kp = jb->kp;
    const double *x = jb->X + i * d;
    for (size_t c = 0; c < kp; c += CB) {
        vec a = VEC(jb->b + c);
        for (size_t f = 0; f < d; f++)
            a += x[f] * VEC(jb->W + f * kp + c);
        VEC(jb->G + i * kp + c) = a;
    }
}

/* Row i of G: logits → stable softmax → loss_i, and p − y when want_grad. */
static void softmax_row(const job *jb, size_t i, int want_grad)
{
    const size_t k = jb->k;
    const double *y = jb->Y + i * k;
    double *z = jb->G + i * jb->kp;
    double max = z[0];
    for (size_t j = 1; j < k; j++)
        if (z[j] > max)
            max = z[j];
    double sum = 0.0;
    for (size_t j = 0; j < k; j++) {
        z[j] = exp(z[j] - max);
        sum += z[j];
    }
    double loss = 0.0;
    for (size_t j = 0; j < k; j++) {
        z[j] /= sum;
        if (y[j] != 0.0)                         /* 0 · log 0 counts as 0 */
            loss -= y[j] * log(z[j]);
        if (want_grad)
            z[j] -= y[j];
    }
    jb->row_loss[i] = loss;
}

/* Pass 1 on rows [i0, i1): logits, softmax, per-row loss, g = p − y. */
VECTOR_CLONES
static void forward_rows(const job *jb, size_t i0, size_t i1, int want_grad)
{
    size_t i = i0;
    for (; i + RB <= i1; i += RB)
        logits_block(jb, i);
    for (; i < i1; i++)
        logits_row(jb, i);
    for (i = i0; i < i1 && jb->k > 0; i++)
        softmax_row(jb, i, want_grad);
}

/* dW rows [f, f+RB) += Σ_{i in [i0, i1)} x_if g_i, CB columns at a time,
 * summed in the order of i (as grad_w() does). */
static inline void grad_block(const job *jb, size_t f, size_t i0, size_t i1)
{
    const size_t d = jb->d, kp = jb->kp;
    double *dw = jb->dW + f * kp;
    for (size_t c = 0; c < kp; c += CB) {
        vec a0 = VEC(dw + c), a1 = VEC(dw + kp + c);
        vec a2 = VEC(dw + 2 * kp + c), a3 = VEC(dw + 3 * kp + c);
        for (size_t i = i0; i < i1; i++) {
            const vec g = VEC(jb->G + i * kp + c);
            const double *x = jb->X + i * d + f;
            a0 += x[0] * g;
            a1 += x[1] * g;
            a2 += x[2] * g;
            a3 += x[3] * g;
        }
        VEC(dw + c) = a0;
        VEC(dw + kp + c) = a1;
        VEC(dw + 2 * kp + c) = a2;
        VEC(dw + 3 * kp + c) = a3;
    }
}

/* The same for the single row f of dW (the last rows of a thread's share). */
static inline void grad_row(const job *jb, size_t f, size_t i0, size_t i1)
{
    const size_t d = jb->d, kp = jb->kp;
    for (size_t c = 0; c < kp; c += CB) {
        vec a = VEC(jb->dW + f * kp + c);
        for (size_t i = i0; i < i1; i++)
            a += jb->X[i * d + f] * VEC(jb->G + i * kp + c);
        VEC(jb->dW + f * kp + c) = a;
    }
}

/* Pass 2 on rows [f0, f1) of W: dW_f = (1/n) Σ_i x_if g_i, then W_f −= lr dW_f. */
VECTOR_CLONES
static void update_w_rows(const job *jb, size_t f0, size_t f1)
{
    const size_t n = jb->n, kp = jb->kp;
    memset(jb->dW + f0 * kp, 0, (f1 - f0) * kp * sizeof *jb->dW);
    for (size_t i0 = 0; i0 < n; i0 += IB) {
        const size_t i1 = i0 + IB < n ? i0 + IB : n;
        size_t f = f0;
        for (; f + RB <= f1; f += RB)
            grad_block(jb, f, i0, i1);
        for (; f < f1; f++)
            grad_row(jb, f, i0, i1);
    }
    const double inv_n = 1.0 / (double)n;
    for (size_t e = f0 * kp; e < f1 * kp; e++)
        jb->W[e] -= jb->lr * (jb->dW[e] * inv_n);
}

/* db = (1/n) Σ_i g_i; b −= lr · db.  db: k doubles of scratch. */
static void update_b(const job *jb, double *db)
{
    memset(db, 0, jb->k * sizeof *db);
    for (size_t i = 0; i < jb->n; i++)
        for (size_t j = 0; j < jb->k; j++)
            db[j] += jb->G[i * jb->kp + j];
    for (size_t j = 0; j < jb->k; j++)
        jb->b[j] -= jb->lr * (db[j] / (double)jb->n);
}

static double mean_loss(const job *jb)
{
    double total = 0.0;
    for (size_t i = 0; i < jb->n; i++)
        total += jb->row_loss[i];
    return total / (double)jb->n;
}

static void *run_worker(void *arg)
{
    const worker *me = arg;
    job *jb = me->job;
    while (!atomic_load(&jb->go))
        sched_yield();
    const size_t t = me->t, n = jb->n, d = jb->d;
    for (size_t e = 0; e <= jb->epochs; e++) {
        const int last = e == jb->epochs;        /* the final loss only */
        if (t == 0)                              /* nobody uses it before the barrier */
            atomic_store(&jb->next_w, 0);
        for (size_t i0; (i0 = atomic_fetch_add(&jb->next_rows, 1) * ROW_CHUNK) < n;)
            forward_rows(jb, i0, i0 + ROW_CHUNK < n ? i0 + ROW_CHUNK : n, !last);
        barrier_wait(&jb->bar);
        if (last)
            break;
        if (t == 0) {
            atomic_store(&jb->next_rows, 0);
            if (jb->loss_history)
                jb->loss_history[e] = mean_loss(jb);
            update_b(jb, jb->dW + jb->d * jb->kp);
        }
        for (size_t f0; (f0 = atomic_fetch_add(&jb->next_w, 1) * jb->w_chunk) < d;)
            update_w_rows(jb, f0, f0 + jb->w_chunk < d ? f0 + jb->w_chunk : d);
        barrier_wait(&jb->bar);
    }
    if (t == 0)
        jb->final_loss = mean_loss(jb);
    return NULL;
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

/* Threads worth using: SOFTMAX_LAB_THREADS if set, else the usable cores,
 * fewer when each would get less than MIN_WORK_PER_THREAD. */
static size_t thread_count(size_t n, size_t d, size_t k)
{
    long want = usable_cores();
    const char *env = getenv("SOFTMAX_LAB_THREADS");
    if (env && atoi(env) > 0)
        want = atoi(env);
    else if (want > 1) {
        double work = (double)n * (double)(d ? d : 1) * (double)k;
        long fit = (long)(work / MIN_WORK_PER_THREAD);
        want = fit < want ? fit : want;
    }
    if (want < 1)
        want = 1;
    if (want > MAX_THREADS)
        want = MAX_THREADS;
    return (size_t)want;
}

/* malloc of count doubles (at least one, so that NULL means out of memory). */
static double *new_doubles(size_t count)
{
    return malloc((count > 0 ? count : 1) * sizeof(double));
}

double train(const double *X, const double *Y, size_t n, size_t d, size_t k,
             double *W, double *b, double lr, size_t epochs,
             double *loss_history)
{
    const size_t kp = (k + CB - 1) / CB * CB;
    job jb = {.X = X, .Y = Y, .n = n, .d = d, .k = k, .kp = kp, .epochs = epochs,
              .lr = lr, .loss_history = loss_history, .final_loss = NAN};
    jb.threads = thread_count(n, d, k);
    jb.W = new_doubles(d * kp + kp);              /* W, then b, padded with 0 */
    jb.G = new_doubles(n * kp);
    jb.row_loss = new_doubles(n);
    jb.dW = new_doubles(d * kp + kp);             /* dW, then db */
    if (!jb.W || !jb.G || !jb.row_loss || !jb.dW)
        goto out;
    jb.b = jb.W + d * kp;
    memset(jb.W, 0, (d * kp + kp) * sizeof *jb.W);
    for (size_t f = 0; f < d; f++)
        memcpy(jb.W + f * kp, W + f * k, k * sizeof *W);
    memcpy(jb.b, b, k * sizeof *b);
    memset(jb.row_loss, 0, (n ? n : 1) * sizeof *jb.row_loss);

    pthread_t tid[MAX_THREADS];
    worker workers[MAX_THREADS];
    size_t started = 1;                           /* worker 0 is this thread */
    for (size_t t = 0; t < jb.threads; t++)
        workers[t] = (worker){.job = &jb, .t = t};
    for (; started < jb.threads; started++)       /* fewer if the system says no */
        if (pthread_create(&tid[started], NULL, run_worker, &workers[started]))
            break;
    jb.threads = started;
    jb.w_chunk = (d + 2 * started - 1) / (2 * started);   /* rows of W, rounded up to RB */
    jb.w_chunk = (jb.w_chunk + RB - 1) / RB * RB;
    jb.bar.count = (unsigned)started;
    pthread_mutex_init(&jb.bar.lock, NULL);
    pthread_cond_init(&jb.bar.wake, NULL);
    atomic_store(&jb.go, 1);
    run_worker(&workers[0]);
    for (size_t t = 1; t < started; t++)
        pthread_join(tid[t], NULL);
    pthread_mutex_destroy(&jb.bar.lock);
    pthread_cond_destroy(&jb.bar.wake);

    for (size_t f = 0; f < d; f++)                /* the result back, unpadded */
        memcpy(W + f * k, jb.W + f * kp, k * sizeof *W);
    memcpy(b, jb.b, k * sizeof *b);
out:
    free(jb.W);
    free(jb.G);
    free(jb.row_loss);
    free(jb.dW);
    return jb.final_loss;
}

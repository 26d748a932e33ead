/* mc_cases.c — shapes, buffers and calls of the memory check (contract:
 * mc_cases.h). */
#include "mc_cases.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The shapes of the suites' checks: single row, single class (k = 1),
 * two classes, k > d, d > k, tall and wide. */
static const mc_shape rows_k[] = {
    {.n = 1, .k = 1}, {.n = 1, .k = 3}, {.n = 3, .k = 1}, {.n = 4, .k = 3},
    {.n = 2, .k = 7}, {.n = 5, .k = 2}, {.n = 6, .k = 4},
};
static const mc_shape softmax_cases[] = {
    {.n = 1, .k = 1}, {.n = 1, .k = 3}, {.n = 3, .k = 1}, {.n = 4, .k = 3},
    {.n = 2, .k = 7}, {.n = 5, .k = 2}, {.n = 6, .k = 4},
    {.n = 3, .k = 4, .in_place = 1}, {.n = 2, .k = 1, .in_place = 1},
};
static const mc_shape ce_cases[] = {
    {.n = 1, .k = 1}, {.n = 1, .k = 3}, {.n = 3, .k = 1}, {.n = 4, .k = 3},
    {.n = 2, .k = 7}, {.n = 5, .k = 2}, {.n = 4, .k = 3, .soft = 1},
};
static const mc_shape grad_cases[] = {
    {.n = 1, .d = 1, .k = 1}, {.n = 1, .d = 2, .k = 3}, {.n = 3, .d = 1, .k = 1},
    {.n = 5, .d = 2, .k = 3}, {.n = 4, .d = 3, .k = 2}, {.n = 2, .d = 2, .k = 5},
    {.n = 6, .d = 4, .k = 1}, {.n = 3, .d = 5, .k = 2}, {.n = 4, .d = 2, .k = 3, .soft = 1},
};
static const mc_shape train_cases[] = {
    {.n = 5, .d = 2, .k = 3, .epochs = 4}, {.n = 1, .d = 1, .k = 1, .epochs = 2},
    {.n = 4, .d = 3, .k = 1, .epochs = 2}, {.n = 3, .d = 2, .k = 5, .epochs = 2},
    {.n = 6, .d = 4, .k = 2, .epochs = 0}, {.n = 5, .d = 2, .k = 3, .epochs = 2, .no_history = 1},
    {.n = 2, .d = 3, .k = 2, .epochs = 1}, {.n = 4, .d = 2, .k = 3, .epochs = 2, .soft = 1},
};

#define CASES(a) a, sizeof a / sizeof a[0]
static const struct {
    const char *id, *function;
    const mc_shape *cases;
    size_t n;
} exercises[] = {
    {"softmax", "softmax", CASES(softmax_cases)},
    {"cross_entropy", "cross_entropy", CASES(ce_cases)},
    {"grad_w", "grad_w", CASES(grad_cases)},
    {"grad_b", "grad_b", CASES(rows_k)},
    {"train", "train", CASES(train_cases)},
    {"sigmoid_bce", "sigmoid_bce", CASES(grad_cases)},
};
#define N_EXERCISES (sizeof exercises / sizeof exercises[0])

static int find(const char *exercise)
{
    for (size_t i = 0; exercise && i < N_EXERCISES; i++)
        if (strcmp(exercises[i].id, exercise) == 0)
            return (int)i;
    return -1;
}

const mc_shape *mc_cases(const char *exercise, size_t *count)
{
    int i = find(exercise);
    *count = i < 0 ? 0 : exercises[i].n;
    return i < 0 ? NULL : exercises[i].cases;
}

const char *mc_function(const char *exercise)
{
    int i = find(exercise);
    return i < 0 ? NULL : exercises[i].function;
}

/* xorshift64*: uniform in [lo, hi). */
static double uniform(uint64_t *s, double lo, double hi)
{
    *s ^= *s >> 12, *s ^= *s << 25, *s ^= *s >> 27;
    return lo + (hi - lo) * (double)((*s * 2685821657736338717ULL) >> 11) / 9007199254740992.0;
}

/* Adds a buffer of count doubles named name (size size_expr). */
static double *add(mc_call *c, const char *name, const char *size_expr, size_t count, int is_output)
{
    /* malloc(0) is a valid, empty block: any access to it is past its end */
    double *p = malloc(count * sizeof *p);
    c->bufs[c->n_bufs++] = (mc_buf){name, size_expr, p, count, is_output};
    return p;
}

static void fill_uniform(double *a, size_t count, double lo, double hi, uint64_t *s)
{
    for (size_t i = 0; i < count; i++)
        a[i] = uniform(s, lo, hi);
}

/* Rows of probabilities (positive, each row sums to 1). */
static void fill_rows(double *a, size_t n, size_t k, uint64_t *s)
{
    for (size_t i = 0; i < n; i++) {
        double sum = 0;
        for (size_t j = 0; j < k; j++)
            sum += a[i * k + j] = uniform(s, 0.05, 1.0);
        for (size_t j = 0; j < k; j++)
            a[i * k + j] /= sum;
    }
}

/* One-hot rows (soft: probabilities), or multi-label 0/1 (multi). */
static void fill_targets(double *a, const mc_shape *sh, int multi, uint64_t *s)
{
    if (sh->soft && !multi) {
        fill_rows(a, sh->n, sh->k, s);
        return;
    }
    for (size_t i = 0; i < sh->n; i++) {
        size_t hot = (size_t)uniform(s, 0, (double)sh->k);
        for (size_t j = 0; j < sh->k; j++)
            a[i * sh->k + j] = multi ? (uniform(s, 0, 1) < 0.5) : (j == hot % sh->k);
    }
}

int mc_case_prepare(const char *ex, const mc_shape *sh, unsigned seed, mc_call *c)
{
    uint64_t s = 0x9E3779B97F4A7C15ULL ^ ((uint64_t)seed * 1000003u + 1);
    size_t n = sh->n, d = sh->d, k = sh->k;
    memset(c, 0, sizeof *c);
    if (strcmp(ex, "softmax") == 0) {
        fill_uniform(add(c, sh->in_place ? "Z (= P)" : "Z", "n·k", n * k, sh->in_place), n * k, -4, 4, &s);
        if (!sh->in_place)
            fill_uniform(add(c, "P", "n·k", n * k, 1), n * k, -1e3, 1e3, &s);
    } else if (strcmp(ex, "cross_entropy") == 0) {
        fill_rows(add(c, "P", "n·k", n * k, 0), n, k, &s);
        fill_targets(add(c, "Y", "n·k", n * k, 0), sh, 0, &s);
    } else if (strcmp(ex, "grad_w") == 0 || strcmp(ex, "grad_b") == 0) {
        if (strcmp(ex, "grad_w") == 0)
            fill_uniform(add(c, "X", "n·d", n * d, 0), n * d, -2, 2, &s);
        fill_rows(add(c, "P", "n·k", n * k, 0), n, k, &s);
        fill_targets(add(c, "Y", "n·k", n * k, 0), sh, 0, &s);
        if (strcmp(ex, "grad_w") == 0)
            fill_uniform(add(c, "dW", "d·k", d * k, 1), d * k, -1e3, 1e3, &s);
        else
            fill_uniform(add(c, "db", "k", k, 1), k, -1e3, 1e3, &s);
    } else if (strcmp(ex, "train") == 0) {
        fill_uniform(add(c, "X", "n·d", n * d, 0), n * d, -2, 2, &s);
        fill_targets(add(c, "Y", "n·k", n * k, 0), sh, 0, &s);
        fill_uniform(add(c, "W", "d·k", d * k, 1), d * k, -0.5, 0.5, &s);
        fill_uniform(add(c, "b", "k", k, 1), k, -0.5, 0.5, &s);
        if (!sh->no_history)
            fill_uniform(add(c, "loss_history", "epochs", sh->epochs, 1), sh->epochs, -1e3, 1e3, &s);
    } else if (strcmp(ex, "sigmoid_bce") == 0) {
        fill_uniform(add(c, "X", "n·d", n * d, 0), n * d, -2, 2, &s);
        fill_uniform(add(c, "W", "d·k", d * k, 0), d * k, -0.5, 0.5, &s);
        fill_uniform(add(c, "b", "k", k, 0), k, -0.5, 0.5, &s);
        fill_targets(add(c, "Y", "n·k", n * k, 0), sh, 1, &s);
        fill_uniform(add(c, "dW", "d·k", d * k, 1), d * k, -1e3, 1e3, &s);
        fill_uniform(add(c, "db", "k", k, 1), k, -1e3, 1e3, &s);
    } else {
        return -1;
    }
    for (size_t i = 0; i < c->n_bufs; i++)
        if (!c->bufs[i].p && c->bufs[i].count) {
            mc_case_free(c);
            return -1;
        }
    return 0;
}

typedef void (*softmax_fn)(const double *, double *, size_t, size_t);
typedef double (*ce_fn)(const double *, const double *, size_t, size_t);
typedef void (*grad_w_fn)(const double *, const double *, const double *, size_t, size_t, size_t, double *);
typedef void (*grad_b_fn)(const double *, const double *, size_t, size_t, double *);
typedef double (*train_fn)(const double *, const double *, size_t, size_t, size_t, double *, double *,
                           double, size_t, double *);
typedef double (*bce_fn)(const double *, const double *, const double *, const double *, size_t, size_t,
                         size_t, double *, double *);

void mc_case_call(const char *ex, const mc_shape *sh, void (*fn)(void), mc_call *c)
{
    size_t n = sh->n, d = sh->d, k = sh->k;
    double *b0 = c->bufs[0].p, *b1 = c->n_bufs > 1 ? c->bufs[1].p : NULL;
    double *b2 = c->n_bufs > 2 ? c->bufs[2].p : NULL, *b3 = c->n_bufs > 3 ? c->bufs[3].p : NULL;
    double *b4 = c->n_bufs > 4 ? c->bufs[4].p : NULL, *b5 = c->n_bufs > 5 ? c->bufs[5].p : NULL;
    if (strcmp(ex, "softmax") == 0)
        ((softmax_fn)fn)(b0, sh->in_place ? b0 : b1, n, k);
    else if (strcmp(ex, "cross_entropy") == 0)
        c->ret = ((ce_fn)fn)(b0, b1, n, k);
    else if (strcmp(ex, "grad_w") == 0)
        ((grad_w_fn)fn)(b0, b1, b2, n, d, k, b3);
    else if (strcmp(ex, "grad_b") == 0)
        ((grad_b_fn)fn)(b0, b1, n, k, b2);
    else if (strcmp(ex, "train") == 0)
        c->ret = ((train_fn)fn)(b0, b1, n, d, k, b2, b3, 0.1, sh->epochs, sh->no_history ? NULL : b4);
    else if (strcmp(ex, "sigmoid_bce") == 0)
        c->ret = ((bce_fn)fn)(b0, b1, b2, b3, n, d, k, b4, b5);
}

void mc_case_free(mc_call *c)
{
    for (size_t i = 0; i < c->n_bufs; i++)
        free(c->bufs[i].p);
    c->n_bufs = 0;
}

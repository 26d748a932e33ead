/* trainer.c — the live model of §5 (contract: trainer.h). */
#include "trainer.h"
#include "guard.h"
#include "softmax_lab.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int load(sl_trainer *t, char *err, size_t errlen)
{
    sl_dataset all = {0};
    if (t->which == 0) {
        if (sl_dataset_open("blobs", &t->ds, err, errlen))
            return -1;
        for (size_t i = 0; i < t->ds.n; i++)
            t->ds.X[2 * i] += SL_TRAIN_SHIFT_X, t->ds.X[2 * i + 1] += SL_TRAIN_SHIFT_Y;
    } else {
        static const size_t petals[2] = {2, 3};
        if (sl_dataset_open("iris", &all, err, errlen))
            return -1;
        int rc = sl_dataset_select(&all, petals, 2, &t->ds, err, errlen);
        sl_dataset_free(&all);
        if (rc)
            return -1;
        double mean[2], sd[2];
        sl_standardize_fit(t->ds.X, t->ds.n, 2, mean, sd);
        sl_standardize_apply(t->ds.X, t->ds.n, 2, mean, sd);
    }
    if (t->ds.d != 2 || t->ds.k > SL_TRAIN_MAX_K) {
        snprintf(err, errlen, "dataset %s: want 2 features and at most %d classes", t->ds.name,
                 SL_TRAIN_MAX_K);
        sl_dataset_free(&t->ds);
        return -1;
    }
    t->Y = malloc(t->ds.n * t->ds.k * sizeof *t->Y);
    if (!t->Y)
        abort();
    one_hot(t->ds.y, t->ds.n, t->ds.k, t->Y);
    sl_trainer_reset(t);
    return 0;
}

int sl_trainer_init(sl_trainer *t, int which, char *err, size_t errlen)
{
    *t = (sl_trainer){.which = which, .lr = 0.1};
    sl_impl_engine(&t->impl[0]);      /* the fast engine, equal to reference/ (lab/engine) */
    return load(t, err, errlen);
}

void sl_trainer_free(sl_trainer *t)
{
    sl_dataset_free(&t->ds);
    free(t->Y);
    free(t->loss);
    if (t->student_loaded)
        sl_impl_close(&t->impl[1]);
    *t = (sl_trainer){0};
}

static void reserve(sl_trainer *t, size_t more);

/* Accuracy and loss at the current W, b (the reference's functions); the
 * loss is also kept after the history, at loss[epochs] (not counted). */
static void update_accuracy(sl_trainer *t)
{
    const size_t n = t->ds.n, k = t->ds.k;
    double *Z = malloc(n * k * sizeof *Z);
    if (!Z)
        abort();
    logits(t->ds.X, t->W, t->b, n, 2, k, Z);
    softmax(Z, Z, n, k);
    t->cur_loss = cross_entropy(Z, t->Y, n, k);
    free(Z);
    reserve(t, 1);
    t->loss[t->epochs] = t->cur_loss;
    size_t hits = 0;
    for (size_t i = 0; i < t->ds.n; i++) {
        const double *x = t->ds.X + 2 * i;
        size_t best = 0;
        double bz = -INFINITY;
        for (size_t j = 0; j < t->ds.k; j++) {
            double z = x[0] * t->W[j] + x[1] * t->W[t->ds.k + j] + t->b[j];
            if (z > bz)
                bz = z, best = j;
        }
        hits += (int)best == t->ds.y[i];
    }
    t->accuracy = t->ds.n ? (double)hits / (double)t->ds.n : 0;
}

void sl_trainer_reset(sl_trainer *t)
{
    memset(t->W, 0, sizeof t->W);
    memset(t->b, 0, sizeof t->b);
    t->epochs = 0;
    t->running = 0;
    update_accuracy(t);
}

int sl_trainer_next_dataset(sl_trainer *t, char *err, size_t errlen)
{
    int old = t->which;
    sl_dataset_free(&t->ds);
    free(t->Y);
    t->Y = NULL;
    t->which = (t->which + 1) % SL_TRAIN_DATASETS;
    if (load(t, err, errlen) == 0)
        return 0;
    t->which = old;
    char ignored[256];
    load(t, ignored, sizeof ignored);
    return -1;
}

const sl_impl *sl_trainer_impl(const sl_trainer *t)
{
    return &t->impl[t->use_student ? 1 : 0];
}

static void reserve(sl_trainer *t, size_t more)
{
    while (t->epochs + more > t->cap) {
        t->cap = t->cap ? 2 * t->cap : 256;
        t->loss = realloc(t->loss, t->cap * sizeof *t->loss);
        if (!t->loss)
            abort();
    }
}

/* The reference's result of `epochs` epochs from the current W, b. */
static void reference_run(const sl_trainer *t, size_t epochs, sl_guard_result *r)
{
    const size_t k = t->ds.k;
    memset(r, 0, sizeof *r);
    memcpy(r->W, t->W, 2 * k * sizeof *r->W);
    memcpy(r->b, t->b, k * sizeof *r->b);
    r->ok = 1;
    for (size_t e = 0; e < epochs; e++)
        train(t->ds.X, t->Y, t->ds.n, 2, k, r->W, r->b, t->lr, 1, &r->loss[e]);
}

/* Up to SL_GUARD_MAX_EPOCHS epochs of the student's code, guarded. */
static int student_chunk(sl_trainer *t, size_t epochs)
{
    const size_t k = t->ds.k;
    static sl_guard_result mine, ref;
    int rc = SL_TRAIN_OK;
    reference_run(t, epochs, &ref);
    if (sl_guard_run(&t->impl[1], t->ds.X, t->Y, t->ds.n, k, t->W, t->b, t->lr, epochs, 2000,
                     &mine, t->problem, sizeof t->problem) != 0) {
        rc = SL_TRAIN_STUDENT_FAILED;
    } else if (!mine.ok) {
        snprintf(t->missing_buf, sizeof t->missing_buf, "%s", mine.missing);
        t->missing = t->missing_buf;
        t->running = 0;
        return SL_TRAIN_NOT_IMPLEMENTED;
    } else if (sl_guard_compare(&mine, &ref, k, epochs, t->problem, sizeof t->problem) != 0) {
        rc = SL_TRAIN_STUDENT_FAILED;
    }
    if (rc == SL_TRAIN_STUDENT_FAILED)
        t->use_student = 0;           /* the reference's step is the one kept */
    memcpy(t->W, ref.W, 2 * k * sizeof *t->W);
    memcpy(t->b, ref.b, k * sizeof *t->b);
    for (size_t e = 0; e < epochs; e++) {
        t->loss[t->epochs++] = ref.loss[e];
        if (!isfinite(ref.loss[e])) {
            t->running = 0;
            return rc == SL_TRAIN_OK ? SL_TRAIN_DIVERGED : rc;
        }
    }
    if (rc != SL_TRAIN_OK)
        t->running = 0;
    return rc;
}

int sl_trainer_step(sl_trainer *t, size_t epochs)
{
    const sl_impl *im = sl_trainer_impl(t);
    const size_t n = t->ds.n, k = t->ds.k;
    int rc = SL_TRAIN_OK;
    while (t->use_student && epochs > 0 && rc == SL_TRAIN_OK) {
        size_t chunk = epochs < SL_GUARD_MAX_EPOCHS ? epochs : SL_GUARD_MAX_EPOCHS;
        reserve(t, chunk);
        rc = student_chunk(t, chunk);
        epochs -= chunk;
    }
    if (rc != SL_TRAIN_OK || epochs == 0) {
        update_accuracy(t);
        return rc;
    }
    for (size_t e = 0; e < epochs; e++) {
        reserve(t, 1);
        double before = NAN;
        im->take_not_implemented();
        im->train(t->ds.X, t->Y, n, 2, k, t->W, t->b, t->lr, 1, &before);
        const char *missing = im->take_not_implemented();
        if (missing) {
            t->missing = missing;
            t->running = 0;
            return SL_TRAIN_NOT_IMPLEMENTED;
        }
        t->loss[t->epochs++] = before;
        if (!isfinite(before)) {
            t->running = 0;
            update_accuracy(t);
            return SL_TRAIN_DIVERGED;
        }
    }
    update_accuracy(t);
    return SL_TRAIN_OK;
}

int sl_trainer_use_student(sl_trainer *t, int on, char *err, size_t errlen)
{
    if (on && !t->student_loaded) {
        if (sl_impl_student(&t->impl[1], err, errlen))
            return -1;
        t->student_loaded = 1;
    }
    t->use_student = on;
    sl_trainer_reset(t);
    return 0;
}

void sl_trainer_drop_student(sl_trainer *t)
{
    if (t->student_loaded)
        sl_impl_close(&t->impl[1]);
    t->student_loaded = 0;
    if (t->use_student) {
        t->use_student = 0;
        sl_trainer_reset(t);
    }
}

/* realdata.c — the digits and wine models of §6 (contract: realdata.h).
 * lab/ocr.h loads, splits and standardises; the digits model is then
 * trained here a few epochs at a time. */
#include "realdata.h"
#include "eval.h"
#include "softmax_lab.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Test-set numbers of the current digits model. */
static void evaluate(sl_realdata *m)
{
    sl_ocr *o = &m->d;
    const size_t n = o->test.n, k = SL_RD_K;
    logits(o->test.X, o->W, o->b, n, SL_RD_D, k, o->P);
    softmax(o->P, o->P, n, k);
    m->hits = 0;
    m->mean_conf = 0;
    for (size_t i = 0; i < n; i++) {
        o->pred[i] = (int)argmax(o->P + i * k, k);
        m->hits += o->pred[i] == o->test.y[i];
        m->mean_conf += o->P[i * k + (size_t)o->pred[i]];
    }
    m->accuracy = n ? (double)m->hits / (double)n : 0;
    m->mean_conf = n ? m->mean_conf / (double)n : 0;
    sl_confusion(o->test.y, o->pred, n, k, m->confusion);
    m->ece = sl_calibration(o->P, o->test.y, n, k, SL_RD_BINS, m->bin_count, m->bin_conf,
                            m->bin_acc);
    m->n_mistakes = sl_confident_mistakes(o->P, o->test.y, n, k, SL_RD_MISTAKES, m->mistakes);
}

/* Loads digits untrained (0 epochs) and runs wine to the end. */
static int load(sl_realdata *m, char *err, size_t errlen)
{
    sl_ocr wine;
    if (sl_ocr_run("digits", SL_RD_TEST, SL_RD_LR, 0, SL_RD_SEED, &m->d, err, errlen))
        return -1;
    if (m->d.train.d != SL_RD_D || m->d.train.k != SL_RD_K) {
        snprintf(err, errlen, "digits: want %d features and %d classes", SL_RD_D, SL_RD_K);
        sl_ocr_free(&m->d);
        return -1;
    }
    if (sl_ocr_run("wine", SL_RD_TEST, SL_RD_LR, SL_RD_EPOCHS, SL_RD_SEED, &wine, err, errlen)) {
        sl_ocr_free(&m->d);
        return -1;
    }
    m->wine_train_n = wine.train.n;
    m->wine_test_n = wine.test.n;
    m->wine_accuracy = wine.accuracy;
    m->wine_hits = (size_t)lround(wine.accuracy * (double)wine.test.n);
    sl_ocr_free(&wine);
    m->Y = malloc(m->d.train.n * SL_RD_K * sizeof *m->Y);
    if (!m->Y)
        abort();
    one_hot(m->d.train.y, m->d.train.n, SL_RD_K, m->Y);
    m->loaded = 1;
    return 0;
}

int sl_realdata_start(sl_realdata *m, char *err, size_t errlen)
{
    if (!m->loaded && load(m, err, errlen))
        return -1;
    memset(m->d.W, 0, SL_RD_D * SL_RD_K * sizeof *m->d.W);
    memset(m->d.b, 0, SL_RD_K * sizeof *m->d.b);
    m->epochs = 0;
    m->target = SL_RD_EPOCHS;
    m->loss = NAN;
    m->running = 1;
    evaluate(m);
    return 0;
}

void sl_realdata_step(sl_realdata *m, size_t epochs)
{
    if (!m->loaded)
        return;
    if (epochs > m->target - m->epochs)
        epochs = m->target - m->epochs;
    if (epochs) {
        m->loss = train(m->d.train.X, m->Y, m->d.train.n, SL_RD_D, SL_RD_K, m->d.W, m->d.b,
                        SL_RD_LR, epochs, NULL);
        m->epochs += epochs;
        evaluate(m);
    }
    m->running = m->epochs < m->target;
}

void sl_realdata_extend(sl_realdata *m, size_t more)
{
    if (!m->loaded)
        return;
    m->target = m->epochs + more;
    m->running = 1;
}

void sl_realdata_free(sl_realdata *m)
{
    sl_ocr_free(&m->d);
    free(m->Y);
    memset(m, 0, sizeof *m);
}

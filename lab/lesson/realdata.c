/* realdata.c — the digits and wine models of §6 (contract: realdata.h). */
#include "realdata.h"
#include "eval.h"
#include "softmax_lab.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Opens a built-in set, splits it 70/30 and standardises both halves with
 * the training half's statistics.  raw (may be NULL) gets the test half
 * before standardisation. */
static int open_split(const char *name, sl_dataset *tr, sl_dataset *te, sl_dataset *raw,
                      char *err, size_t errlen)
{
    sl_dataset all = {0};
    if (sl_dataset_open(name, &all, err, errlen))
        return -1;
    int rc = sl_dataset_split(&all, SL_RD_TEST, SL_RD_SEED, tr, te, err, errlen);
    sl_dataset_free(&all);
    if (rc)
        return -1;
    if (raw && sl_dataset_copy(te, raw)) {
        snprintf(err, errlen, "%s: out of memory", name);
        goto fail;
    }
    double *mean = malloc(2 * tr->d * sizeof *mean);
    if (!mean) {
        snprintf(err, errlen, "%s: out of memory", name);
        goto fail;
    }
    sl_standardize_fit(tr->X, tr->n, tr->d, mean, mean + tr->d);
    sl_standardize_apply(tr->X, tr->n, tr->d, mean, mean + tr->d);
    sl_standardize_apply(te->X, te->n, te->d, mean, mean + tr->d);
    free(mean);
    return 0;
fail:
    sl_dataset_free(tr);
    sl_dataset_free(te);
    if (raw)
        sl_dataset_free(raw);
    return -1;
}

/* Trains wine from zero with the digits settings and scores its test half. */
static int train_wine(sl_realdata *m, char *err, size_t errlen)
{
    sl_dataset tr = {0}, te = {0};
    if (open_split("wine", &tr, &te, NULL, err, errlen))
        return -1;
    const size_t d = tr.d, k = tr.k;
    double *Y = malloc(tr.n * k * sizeof *Y), *W = calloc(d * k + k, sizeof *W);
    double *Z = malloc((te.n ? te.n : 1) * k * sizeof *Z);
    if (!Y || !W || !Z)
        abort();
    one_hot(tr.y, tr.n, k, Y);
    train(tr.X, Y, tr.n, d, k, W, W + d * k, SL_RD_LR, SL_RD_EPOCHS, NULL);
    logits(te.X, W, W + d * k, te.n, d, k, Z);
    m->wine_hits = 0;
    for (size_t i = 0; i < te.n; i++)
        m->wine_hits += (int)argmax(Z + i * k, k) == te.y[i];
    m->wine_train_n = tr.n;
    m->wine_test_n = te.n;
    m->wine_accuracy = te.n ? (double)m->wine_hits / (double)te.n : 0;
    free(Y);
    free(W);
    free(Z);
    sl_dataset_free(&tr);
    sl_dataset_free(&te);
    return 0;
}

static void evaluate(sl_realdata *m)
{
    const size_t n = m->test.n, k = SL_RD_K;
    int *pred = m->pred;
    logits(m->test.X, m->W, m->b, n, SL_RD_D, k, m->P);
    softmax(m->P, m->P, n, k);
    m->hits = 0;
    m->mean_conf = 0;
    for (size_t i = 0; i < n; i++) {
        pred[i] = (int)argmax(m->P + i * k, k);
        m->hits += pred[i] == m->test.y[i];
        m->mean_conf += m->P[i * k + (size_t)pred[i]];
    }
    m->accuracy = n ? (double)m->hits / (double)n : 0;
    m->mean_conf = n ? m->mean_conf / (double)n : 0;
    sl_confusion(m->test.y, pred, n, k, m->confusion);
    m->ece = sl_calibration(m->P, m->test.y, n, k, SL_RD_BINS, m->bin_count, m->bin_conf,
                            m->bin_acc);
    m->n_mistakes = sl_confident_mistakes(m->P, m->test.y, n, k, SL_RD_MISTAKES, m->mistakes);
}

int sl_realdata_start(sl_realdata *m, char *err, size_t errlen)
{
    if (!m->loaded) {
        if (open_split("digits", &m->train, &m->test, &m->raw, err, errlen))
            return -1;
        if (m->train.d != SL_RD_D || m->train.k != SL_RD_K) {
            snprintf(err, errlen, "digits: want %d features and %d classes", SL_RD_D, SL_RD_K);
            sl_realdata_free(m);
            return -1;
        }
        m->Y = malloc(m->train.n * SL_RD_K * sizeof *m->Y);
        m->P = malloc((m->test.n ? m->test.n : 1) * SL_RD_K * sizeof *m->P);
        m->pred = malloc((m->test.n ? m->test.n : 1) * sizeof *m->pred);
        if (!m->Y || !m->P || !m->pred)
            abort();
        one_hot(m->train.y, m->train.n, SL_RD_K, m->Y);
        if (train_wine(m, err, errlen)) {
            sl_realdata_free(m);
            return -1;
        }
        m->loaded = 1;
    }
    memset(m->W, 0, sizeof m->W);
    memset(m->b, 0, sizeof m->b);
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
        m->loss = train(m->train.X, m->Y, m->train.n, SL_RD_D, SL_RD_K, m->W, m->b, SL_RD_LR,
                        epochs, NULL);
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
    sl_dataset_free(&m->train);
    sl_dataset_free(&m->test);
    sl_dataset_free(&m->raw);
    free(m->Y);
    free(m->P);
    free(m->pred);
    memset(m, 0, sizeof *m);
}

/* ocr.c — the OCR demo pipeline: load, split, standardise, train, predict
 * (contract: ocr.h). */
#include "ocr.h"
#include "softmax_lab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sl_ocr_free(sl_ocr *o)
{
    sl_dataset_free(&o->train);
    sl_dataset_free(&o->test);
    free(o->raw_test);
    free(o->W);
    free(o->b);
    free(o->P);
    free(o->pred);
    memset(o, 0, sizeof *o);
}

/* Zeroed memory for count elements of `size` bytes (at least one element). */
static void *alloc(size_t count, size_t size)
{
    return calloc(count ? count : 1, size);
}

int sl_ocr_run(const char *name, double test_fraction, double lr, size_t epochs,
               uint64_t seed, sl_ocr *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    sl_dataset all = {0};
    if (sl_dataset_open(name, &all, err, errlen))
        return -1;
    int rc = sl_dataset_split(&all, test_fraction, seed, &out->train, &out->test, err, errlen);
    sl_dataset_free(&all);
    if (rc)
        return -1;
    sl_dataset *tr = &out->train, *te = &out->test;
    if (tr->n == 0 || te->n == 0) {
        snprintf(err, errlen, "%s: %zu training and %zu test rows: need some of each",
                 name, tr->n, te->n);
        sl_ocr_free(out);
        return -1;
    }
    const size_t d = tr->d, k = tr->k;
    double *mean = alloc(d, sizeof *mean), *sd = alloc(d, sizeof *sd), *Y = alloc(tr->n * k, sizeof *Y);
    out->raw_test = alloc(te->n * d, sizeof *out->raw_test);
    out->W = alloc(d * k, sizeof *out->W);
    out->b = alloc(k, sizeof *out->b);
    out->P = alloc(te->n * k, sizeof *out->P);
    out->pred = alloc(te->n, sizeof *out->pred);
    if (!mean || !sd || !Y || !out->raw_test || !out->W || !out->b || !out->P || !out->pred) {
        snprintf(err, errlen, "%s: out of memory", name);
        free(mean), free(sd), free(Y);
        sl_ocr_free(out);
        return -1;
    }
    memcpy(out->raw_test, te->X, te->n * d * sizeof *te->X);
    sl_standardize_fit(tr->X, tr->n, d, mean, sd);
    sl_standardize_apply(tr->X, tr->n, d, mean, sd);
    sl_standardize_apply(te->X, te->n, d, mean, sd);
    one_hot(tr->y, tr->n, k, Y);
    out->train_loss = train(tr->X, Y, tr->n, d, k, out->W, out->b, lr, epochs, NULL);
    logits(te->X, out->W, out->b, te->n, d, k, out->P);
    softmax(out->P, out->P, te->n, k);
    for (size_t i = 0; i < te->n; i++)
        out->pred[i] = (int)argmax(out->P + i * k, k);
    out->accuracy = accuracy(out->pred, te->y, te->n);
    free(mean), free(sd), free(Y);
    return 0;
}

/* ocr.h — the OCR demo of lecture §6.4 as one call, for the lesson's pages
 * (OCR, calibration): load a built-in dataset, split it, standardise with
 * the training rows' statistics, train softmax regression by full-batch
 * gradient descent from W = 0, b = 0 (the reference train()), and keep
 * what the pages draw: test probabilities, predictions, raw test rows (the
 * 8×8 images of digits) and the accuracy.  lab/eval.h computes the rest
 * (confusion matrix, top-3, ECE, mistakes, digit art). */
#ifndef SL_OCR_H
#define SL_OCR_H

#include "dataset.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
    sl_dataset train, test;   /* standardised features; test.y is the truth */
    double *raw_test;         /* test.n × d: test rows before standardisation */
    double *W, *b;            /* the trained model, d×k and k */
    double *P;                /* test.n × k softmax probabilities */
    int *pred;                /* test.n predicted classes (argmax of P's rows) */
    double train_loss;        /* loss at the final parameters */
    double accuracy;          /* fraction of test rows predicted right */
} sl_ocr;

/* Runs the demo on `name` ("digits", "wine", "iris", "blobs" or a CSV path)
 * with test_fraction in (0, 1), lr > 0, `epochs` epochs and the split seed.
 * Returns 0 and fills *out (free it with sl_ocr_free), or −1 with a
 * one-line reason in err (bad dataset, no test rows, out of memory).
 * Digits with 0.3, 0.1, 200, 1 give 95 % held-out accuracy. */
int sl_ocr_run(const char *name, double test_fraction, double lr, size_t epochs,
               uint64_t seed, sl_ocr *out, char *err, size_t errlen);

/* Releases everything o owns and zeroes it; safe on a zeroed sl_ocr. */
void sl_ocr_free(sl_ocr *o);

#endif

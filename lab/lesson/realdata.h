/* realdata.h — the real-data models of §6, prepared by lab/ocr.h, trained
 * by the reference and evaluated on held-out rows (lab/eval.h does the
 * evaluating).  No drawing:
 * the OCR page (scr_ocr.c) and the calibration page (scr_calib.c) show it.
 *
 * digits: the UCI handwritten digits (1797 images of 8×8 pixels, 10
 * classes), split 70/30 with seed 1 and standardised with the training
 * rows' means and deviations — the same data as
 *   softmax-lab train --data digits --standardize --test-fraction 0.3
 * trained from W = 0, b = 0 by full-batch gradient descent, a few epochs per
 * call so the lesson stays responsive.  After every call the test-set
 * numbers (accuracy, confusion matrix, calibration, most confident
 * mistakes) describe the current W, b.
 * wine: the UCI wine set (13 features, 3 classes), same split and
 * standardisation, trained at once on load (it is small). */
#ifndef SL_LESSON_REALDATA_H
#define SL_LESSON_REALDATA_H

#include "ocr.h"

#include <stddef.h>

enum {
    SL_RD_K = 10,               /* digits classes */
    SL_RD_D = 64,               /* digits features (8×8 pixels) */
    SL_RD_BINS = 10,            /* reliability bins */
    SL_RD_MISTAKES = 8,         /* most confident mistakes kept */
    SL_RD_EPOCHS = 300,         /* a full training run */
    SL_RD_STEP = 20             /* epochs per sl_realdata_step() */
};
#define SL_RD_LR 0.5            /* learning rate of both models */
#define SL_RD_TEST 0.3          /* test fraction */
#define SL_RD_SEED 1ULL         /* split seed (softmax-lab train's default) */

typedef struct {
    int loaded;                 /* the data sets are in memory */
    int running;                /* training is under way (the page animates) */
    /* digits: train/test (standardised), raw_test (pixels 0…16), the model
     * W (64×10), b, and at the current W, b the test probabilities P and
     * predictions pred (lab/ocr.h) */
    sl_ocr d;
    double *Y;                  /* d.train.n × 10 one-hot targets */
    size_t epochs, target;      /* epochs done, epochs wanted */
    double loss;                /* training loss at the current W, b (NaN before any epoch) */
    /* test-set results at the current W, b */
    size_t hits;                /* correct test predictions */
    double accuracy;            /* hits / d.test.n */
    size_t confusion[SL_RD_K * SL_RD_K];   /* rows: truth, columns: prediction */
    size_t bin_count[SL_RD_BINS];
    double bin_conf[SL_RD_BINS], bin_acc[SL_RD_BINS];
    double ece;                 /* expected calibration error, in [0, 1] */
    double mean_conf;           /* mean top-class confidence */
    size_t mistakes[SL_RD_MISTAKES], n_mistakes;   /* most confident first */
    /* wine */
    size_t wine_train_n, wine_test_n, wine_hits;
    double wine_accuracy;
} sl_realdata;

/* Loads both data sets (if not yet loaded), trains wine, and sets the
 * digits model to W = b = 0 with SL_RD_EPOCHS epochs to go (running).
 * 0, or −1 with a message in err (the model stays unloaded). */
int sl_realdata_start(sl_realdata *m, char *err, size_t errlen);

/* Trains up to `epochs` more epochs of digits (never past m->target), then
 * re-evaluates the test set; running becomes 0 at the target.  Does
 * nothing unless loaded. */
void sl_realdata_step(sl_realdata *m, size_t epochs);

/* Asks for `more` epochs beyond the current ones (running again). */
void sl_realdata_extend(sl_realdata *m, size_t more);

/* Releases everything and zeroes m; safe on a zeroed model. */
void sl_realdata_free(sl_realdata *m);

#endif

/* train_report.h — what `softmax-lab train` prints after training about the
 * model on held-out data (lab/eval.h does the computing): confusion matrix,
 * reliability diagram with the ECE, samples with their top-3 probabilities
 * (8×8 digit images drawn as text) and the most confident mistakes. */
#ifndef SL_TRAIN_REPORT_H
#define SL_TRAIN_REPORT_H

#include "dataset.h"

#include <stddef.h>

typedef struct {
    int confusion;      /* print the confusion matrix (only when k ≤ 10) */
    int calibration;    /* print the reliability diagram and the ECE */
    size_t show;        /* print the first `show` samples */
    size_t mistakes;    /* print the `mistakes` most confident wrong predictions */
    int ascii;          /* digit art and bars in ASCII instead of Unicode */
    int test_set;       /* ev is the test set (else the training set): for titles */
} sl_report_options;

/* Prints the report of o to stdout, in English or Chinese (sl_lang_zh()),
 * for the model W (d×k), b (k) on the evaluated set ev (features as the
 * model sees them, e.g. standardised).  raw: the same rows before
 * standardisation, used to draw images.  Nothing is printed when o asks
 * for nothing. */
void sl_train_report(const sl_dataset *ev, const sl_dataset *raw, const double *W,
                     const double *b, const sl_report_options *o);

#endif

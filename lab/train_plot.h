/* train_plot.h — the text pictures printed by `softmax-lab train --plot`:
 * for a 2-feature dataset the ASCII decision boundary of (W, b) with the
 * training points, and for any dataset the loss curve.  Drawn with the same
 * renderers as the lesson. */
#ifndef SL_TRAIN_PLOT_H
#define SL_TRAIN_PLOT_H

#include "dataset.h"

#include <stdio.h>

/* Prints the pictures to out.  ds holds the (possibly standardised) training
 * data, W d×k and b k the trained model, loss[0..count−1] the loss curve.
 * ascii != 0 restricts the output to 7-bit ASCII (else UTF-8 glyphs). */
void sl_train_plot(FILE *out, const sl_dataset *ds, const double *W, const double *b,
                   const double *loss, size_t count, int ascii);

#endif

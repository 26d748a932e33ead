/* train_plot.c — PLACEHOLDER until the lesson's renderers land (issue 3):
 * prints the loss at a few epochs.  Contract: train_plot.h. */
#include "train_plot.h"

void sl_train_plot(FILE *out, const sl_dataset *ds, const double *W, const double *b,
                   const double *loss, size_t count, int ascii)
{
    (void)ds, (void)W, (void)b, (void)ascii;
    for (size_t e = 0; e < count; e += count / 10 ? count / 10 : 1)
        fprintf(out, "epoch %zu: loss %.6f\n", e, loss[e]);
}

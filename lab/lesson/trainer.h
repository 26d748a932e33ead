/* trainer.h — the model trained live on the §5 page: a 2-feature dataset,
 * W (2×k) and b, the loss history, the learning rate, and the function set
 * (reference or the student's own) that does the work.  No drawing here. */
#ifndef SL_LESSON_TRAINER_H
#define SL_LESSON_TRAINER_H

#include "dataset.h"
#include "impl.h"

#include <stddef.h>

enum { SL_TRAIN_MAX_K = 8, SL_TRAIN_DATASETS = 2 };
#define SL_TRAIN_SHIFT_X 4.0
#define SL_TRAIN_SHIFT_Y 3.0

typedef struct {
    int which;                   /* 0 blobs away from the origin, 1 iris petals (standardised) */
    sl_dataset ds;
    double *Y;                   /* n×k one-hot targets */
    double W[2 * SL_TRAIN_MAX_K], b[SL_TRAIN_MAX_K];
    double lr;
    double *loss;                /* loss[e] = loss before the update of epoch e */
    size_t epochs, cap;
    double accuracy;             /* on the training data, at the current W, b */
    double cur_loss;             /* the loss at the current W, b (the next point of loss[]) */
    int running;
    sl_impl impl[2];             /* [0] reference, [1] student (when loaded) */
    int student_loaded, use_student;
    const char *missing;         /* after SL_TRAIN_NOT_IMPLEMENTED */
    char missing_buf[64];
    char problem[256];           /* after SL_TRAIN_STUDENT_FAILED: what the student's code did */
} sl_trainer;

/* Loads dataset `which` (0 or 1), W = b = 0, lr 0.1.  0, or −1 with err.
 * Dataset 0 is the kit's three blobs moved away from the origin by
 * SL_TRAIN_SHIFT (as raw features usually are): the boundary then takes a
 * few hundred epochs to form at lr 0.1, and a large lr (about 1 and up)
 * overshoots visibly; from about 32 the loss is no longer finite. */
int sl_trainer_init(sl_trainer *t, int which, char *err, size_t errlen);
void sl_trainer_free(sl_trainer *t);

/* W = b = 0, history cleared, paused; the dataset and lr stay. */
void sl_trainer_reset(sl_trainer *t);

/* Switches to the next dataset (and resets).  0, or −1 with err. */
int sl_trainer_next_dataset(sl_trainer *t, char *err, size_t errlen);

/* Runs `epochs` full-batch epochs with the current function set.  Returns
 * SL_TRAIN_OK, or pauses and returns SL_TRAIN_NOT_IMPLEMENTED (t->missing
 * names the stub that ran) or SL_TRAIN_DIVERGED (the loss is not finite).
 * The student's code runs in a child process (guard.h) with a time limit
 * and its numbers are checked against the reference: when it crashes,
 * hangs or differs, §5 goes back to the reference (whose step is kept, so
 * nothing wrong is drawn) and SL_TRAIN_STUDENT_FAILED says why in t->problem. */
enum { SL_TRAIN_OK, SL_TRAIN_NOT_IMPLEMENTED, SL_TRAIN_DIVERGED, SL_TRAIN_STUDENT_FAILED };
int sl_trainer_step(sl_trainer *t, size_t epochs);

/* The function set in use. */
const sl_impl *sl_trainer_impl(const sl_trainer *t);

/* Loads the student's library if needed and uses it (on != 0) or goes back
 * to the reference; resets the model.  0, or −1 with err (stays as it was). */
int sl_trainer_use_student(sl_trainer *t, int on, char *err, size_t errlen);

/* Forgets the student's library (unloads it, back to the reference, model
 * reset) so that the next sl_trainer_use_student() loads it afresh. */
void sl_trainer_drop_student(sl_trainer *t);

#endif

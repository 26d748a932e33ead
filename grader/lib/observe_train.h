/* observe_train.h — what a wrong training run looks like, epoch by epoch,
 * without a catalogue: the student's train() is run again for 1, 2, …
 * epochs to see each step, and each step s_t = θ_t − θ_{t−1} is compared
 * with the step of the contract from the same point, r_t = −lr·∇L(θ_{t−1}):
 *
 *   train_first_step_wrong   the very first update is not a multiple of r_1
 *   train_lr_scaled          every step is c·r_t with one c (c named when it
 *                            is a count: 1/n, n, …; c = −1: train_wrong_sign)
 *   train_wrong_sign         every step goes uphill: c = −1
 *   train_lr_decaying        the ratio shrinks from epoch to epoch
 *   train_only_w_moved / train_only_b_moved
 *                            one of W, b never changes
 *   train_stopped_early      the steps stop after some epoch
 *   train_history_after_update
 *                            loss_history[e] is the loss after step e
 *   train_history_departs    the parameters are right but loss_history
 *                            departs at some epoch
 *   train_return_wrong       everything right but the value returned
 *
 * Headline "[observation:<id>] …" and detail lines with the numbers. */
#ifndef SL_OBSERVE_TRAIN_H
#define SL_OBSERVE_TRAIN_H

#include "diagnose.h"

/* The first observation that fits (NULL: nothing specific; no headline). */
const char *sl_observe_train(const sl_train_case *c, const sl_train_out *got, sl_train_fn *fn);

#endif

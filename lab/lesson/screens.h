/* screens.h — the widgets of the lesson pages (one file each) and small
 * drawing helpers they share.  Each widget has draw/key functions over its
 * state in sl_app (app.h); screens.c puts them in the table sl_screens[]. */
#ifndef SL_LESSON_SCREENS_H
#define SL_LESSON_SCREENS_H

#include "app.h"

/* Softmax playground (§2): scr_softmax.c */
void sl_softmax_init(sl_app *a);
void sl_softmax_draw(sl_app *a, sl_grid *g, sl_rect r);
int sl_softmax_key(sl_app *a, int key);
/* The keys every logit editor shares (§2 playground, §1/§6 sigmoids):
 * ↑/k ↓/j select an entry (wrapping), +/= and -/_ add or subtract step.
 * Returns 1 if key was one of them (s changed), 0 otherwise. */
int sl_logits_edit_key(sl_logits_state *s, int key, double step);

/* Independent sigmoids vs softmax (§1 one-vs-rest, §6 multi-label): scr_sigmoid.c */
void sl_sigmoid_init(sl_app *a);
void sl_ovr_draw(sl_app *a, sl_grid *g, sl_rect r);
void sl_multilabel_draw(sl_app *a, sl_grid *g, sl_rect r);
void sl_ovr_enter(sl_app *a);
void sl_multilabel_enter(sl_app *a);
int sl_sigmoid_key(sl_app *a, int key);

/* Cross-entropy and the −log p curve (§3): scr_ce.c */
void sl_ce_init(sl_app *a);
void sl_ce_draw(sl_app *a, sl_grid *g, sl_rect r);
int sl_ce_key(sl_app *a, int key);

/* One gradient-descent step with every number (§4): scr_step.c */
void sl_step_init(sl_app *a);
void sl_step_draw(sl_app *a, sl_grid *g, sl_rect r);
int sl_step_key(sl_app *a, int key);

/* Live training (§5): scr_train.c */
void sl_train_draw(sl_app *a, sl_grid *g, sl_rect r);
int sl_train_key(sl_app *a, int key);
int sl_train_tick(sl_app *a);
/* Switches §5 to the student's code if every core exercise passes, else
 * leaves the reference and says which exercise does not (a notice). */
void sl_train_try_student(sl_app *a);

/* Quizzes (end of §2–§4): scr_quiz.c.  The choices of question qi are
 * shown rotated so that the answer sits in slot sl_quiz_answer_slot() (0 =
 * (a)), fixed per page id and question, different for consecutive questions:
 * the position of the right answer gives nothing away. */
int sl_quiz_answer_slot(const sl_page *p, int qi);
void sl_quiz_draw(sl_app *a, sl_grid *g, sl_rect r);
int sl_quiz_key(sl_app *a, int key);

/* The exercises and their status: scr_exercises.c */
void sl_exercises_draw(sl_app *a, sl_grid *g, sl_rect r);
int sl_exercises_key(sl_app *a, int key);

/* §6 real data (realdata.h): the first visit loads and starts training;
 * the tick trains a few epochs per frame (scr_ocr.c). */
void sl_real_enter(sl_app *a);
int sl_real_tick(sl_app *a);

/* Handwritten digits, wine (§6.4): scr_ocr.c */
void sl_ocr_draw(sl_app *a, sl_grid *g, sl_rect r);
int sl_ocr_key(sl_app *a, int key);

/* Reliability diagram and ECE of the digits model (§6.2): scr_calib.c */
void sl_calib_draw(sl_app *a, sl_grid *g, sl_rect r);
int sl_calib_key(sl_app *a, int key);

/* Multi-label, trained with lab/multilabel.h (§6.3): scr_mldemo.c */
void sl_mldemo_enter(sl_app *a);
void sl_mldemo_draw(sl_app *a, sl_grid *g, sl_rect r);
int sl_mldemo_key(sl_app *a, int key);

/* Helpers (screens.c). */
/* A probability with enough digits to see small ones: 0.99991, 0.0000454, 2.1e-09. */
void sl_fmt_prob(char *buf, size_t size, double p);
/* A number in a fixed width: "%*.*f", or inf/nan spelled out. */
void sl_fmt_num(char *buf, size_t size, double v, int width, int prec);
/* Draws text at (x, y) clipped to the rect r; returns the columns used. */
int sl_put_text(sl_grid *g, sl_rect r, int x, int y, const char *s, sl_style st);
/* Draws a labelled matrix (rows×cols, %.*f) at (x, y); returns its width.
 * The label is on the first line, the rows below it. */
int sl_draw_matrix(sl_grid *g, sl_rect clip, int x, int y, const char *label, const double *M,
                   int rows, int cols, int prec);

#endif

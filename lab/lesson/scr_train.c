/* scr_train.c — live training (§5, the lecture's NumPy demo in C): the
 * decision boundary of the current model over its training points and the
 * loss curve, redrawn while full-batch gradient descent runs.  The model is
 * a->train (trainer.h); this file only draws it and maps keys to it. */
#include "screens.h"
#include "render/text.h"
#include "progress.h"
#include "tpl.h"
#include "render/utf8.h"

#include <stdio.h>
#include <string.h>

enum { EPOCHS_PER_TICK = 2 };

static void report(sl_app *a, int rc)
{
    if (rc == SL_TRAIN_NOT_IMPLEMENTED) {
        char line[512];
        sl_tpl(line, sizeof line, sl_app_str(a, "tr_not_implemented"), a->train.missing,
               a->train.missing);
        sl_app_notice(a, "%s", line);
    } else if (rc == SL_TRAIN_DIVERGED) {
        char lr[32], line[512];
        snprintf(lr, sizeof lr, "%g", a->train.lr);
        sl_tpl(line, sizeof line, sl_app_str(a, "tr_diverged"), lr, NULL);
        sl_app_notice(a, "%s", line);
    } else if (rc == SL_TRAIN_STUDENT_FAILED) {
        char line[512];
        sl_tpl(line, sizeof line, sl_app_str(a, "tr_student_failed"), a->train.problem, NULL);
        sl_app_notice(a, "%s", line);
    }
}

/* 'i': the student's own code, only once every core exercise passes. */
static void toggle_impl(sl_app *a)
{
    char err[512];
    if (a->train.use_student) {
        sl_trainer_use_student(&a->train, 0, err, sizeof err);
        sl_app_notice(a, "%s", sl_app_str(a, "tr_now_reference"));
        return;
    }
    sl_train_try_student(a);
}

void sl_train_try_student(sl_app *a)
{
    char err[512], line[1024];
    sl_progress pr;
    sl_progress_load(&pr, a->exe_dir);
    int f = sl_progress_first_failing(&pr);
    if (f == -2) {
        sl_tpl(line, sizeof line, sl_app_str(a, "tr_no_progress"), pr.err, NULL);
        sl_app_notice(a, "%s", line);
    } else if (f >= 0) {
        const sl_exercise *ex = &pr.m.exercises[f];
        char key[48];                        /* the status in words, as on the exercises page */
        snprintf(key, sizeof key, "status_%s", sl_status_name(pr.st[f].state));
        if (pr.stale[f])
            snprintf(key, sizeof key, "status_stale");
        else if (pr.st[f].state == SL_STATUS_PASS)   /* all passed, but not all of today's checks */
            snprintf(key, sizeof key, "status_outdated");
        sl_tpl3(line, sizeof line, sl_app_str(a, "tr_not_passing"), ex->id,
                sl_app_str(a, key), ex->id);
        sl_app_notice(a, "%s", line);
    } else if (sl_trainer_use_student(&a->train, 1, err, sizeof err)) {
        sl_tpl(line, sizeof line, sl_app_str(a, "student_unavailable"), err, NULL);
        sl_app_notice(a, "%s", line);
    } else {
        sl_app_notice(a, "%s", sl_app_str(a, "tr_now_student"));
    }
    sl_progress_free(&pr);
}

int sl_train_key(sl_app *a, int key)
{
    sl_trainer *t = &a->train;
    char err[512];
    switch (key) {
    case ' ':
        t->running = !t->running;
        return 1;
    case 's':
        t->running = 0;
        report(a, sl_trainer_step(t, 1));
        return 1;
    case '+': case '=':
        t->lr = t->lr * 2 > 64 ? 64 : t->lr * 2;
        return 1;
    case '-': case '_':
        t->lr = t->lr / 2 < 1.0 / 1024 ? 1.0 / 1024 : t->lr / 2;
        return 1;
    case 'r':
        sl_trainer_reset(t);
        return 1;
    case 'd':
        if (sl_trainer_next_dataset(t, err, sizeof err))
            sl_app_notice(a, "%s", err);
        return 1;
    case 'i':
        toggle_impl(a);
        return 1;
    default:
        return 0;
    }
}

int sl_train_tick(sl_app *a)
{
    if (!a->train.running)
        return 0;
    report(a, sl_trainer_step(&a->train, EPOCHS_PER_TICK));
    return 1;
}

/* The two status rows: numbers at the current W, b; then lr, whose code,
 * running or paused, and the dataset's legend. */
static void draw_status(sl_app *a, sl_grid *g, sl_rect r)
{
    const sl_trainer *t = &a->train;
    char ep[32], loss[32], acc[32], lr[32], line[512];
    snprintf(ep, sizeof ep, "%zu", t->epochs);
    sl_fmt_num(loss, sizeof loss, t->cur_loss, 1, 4);
    snprintf(acc, sizeof acc, "%.1f%%", 100 * t->accuracy);
    snprintf(lr, sizeof lr, "%g", t->lr);
    sl_tpl3(line, sizeof line, sl_app_str(a, "tr_status"), ep, loss, acc);
    sl_put_text(g, r, r.x, r.y, line, sl_st(SL_BOLD, 0, 0));
    sl_tpl(line, sizeof line, sl_app_str(a, "tr_status2"), lr,
           sl_app_str(a, t->use_student ? "tr_student" : "tr_reference"));
    int x = r.x + sl_put_text(g, r, r.x, r.y + 1, line, sl_st(0, 0, 0));
    const char *state = sl_app_str(a, t->running ? "tr_running" : "tr_paused");
    x += 1 + sl_put_text(g, r, x + 1, r.y + 1, state,
                         t->running ? sl_st(SL_BOLD | SL_REVERSE, SL_GREEN, 0)
                                    : sl_st(SL_REVERSE, 0, 0));
    const char *name = t->which == 0 ? sl_app_str(a, "tr_blobs") : sl_app_str(a, "tr_iris");
    x += 3;
    int nw = sl_put_text(g, r, x, r.y + 1, name, sl_st(SL_UNDERLINE, 0, 0));
    sl_render_legend(g, x + nw + 2, r.y + 1, r.x + r.w - x - nw - 2, a->gl, t->ds.classes,
                     t->ds.k, sl_app_str(a, "tr_boundary"));
}

void sl_train_draw(sl_app *a, sl_grid *g, sl_rect r)
{
    const sl_trainer *t = &a->train;
    char line[512];
    draw_status(a, g, r);
    /* boundary on the left (about 58 %), loss curve on the right; the
     * curve ends at the loss of the current W, b (loss[epochs]) */
    int bw = r.w * 58 / 100, lw = r.w - bw - 2;
    sl_boundary m = {.W = t->W, .b = t->b, .k = t->ds.k, .X = t->ds.X, .y = t->ds.y, .n = t->ds.n};
    sl_boundary_fit_view(&m);
    /* a terminal cell is about twice as tall as wide: keep the map near square */
    int bh = r.h - 2 < (bw - 7) / 2 + 2 ? r.h - 2 : (bw - 7) / 2 + 2;
    sl_render_boundary(g, sl_rc(r.x, r.y + 2, bw, bh), &m, a->gl);
    int lh = r.h - 2 > 24 ? 24 : r.h - 2;
    sl_render_loss(g, sl_rc(r.x + bw + 2, r.y + 2, lw, lh), t->loss, t->epochs + 1, 100,
                   sl_app_str(a, "tr_epoch"), sl_app_str(a, "tr_loss"), a->gl);
    if (r.h - 2 - lh >= 4) {
        sl_tpl(line, sizeof line, sl_app_str(a, "tr_axes"), t->ds.features[0], t->ds.features[1]);
        sl_draw_wrapped(g, sl_rc(r.x + bw + 2, r.y + 3 + lh, lw, r.h - 3 - lh), line, 0, 0,
                        sl_st(SL_DIM, 0, 0));
    }
}

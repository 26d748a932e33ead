/* test_widgets.c — the interactive parts of the lesson driven with keys:
 * the softmax playground, cross-entropy, the gradient step, one-vs-rest and
 * multi-label, live training (also with a student library and the `i` gate)
 * and the quiz.  Each test reads the numbers the page shows. */
#include "app_fixture.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <math.h>
#include <sys/stat.h>
#include <time.h>
#include "manifest.h"
#include "screens.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

Test(numbers, softmax_playground, .init = en, .fini = teardown_app)
{
    sl_app_goto(&app, (size_t)page_of("s2-playground"));
    expect_screen("0.99991");
    expect_screen("0.0000454");
    expect_screen("[0.999, 0.0004, 0.0004]. That is wrong");
    keys("a");                          /* shift invariance: the same probabilities */
    expect_screen("0.0000454");
    keys("eee");                        /* (1000, 999, 998) */
    expect_screen("inf");
    expect_screen("0.66524");
    expect_screen("overflows");
}

Test(numbers, cross_entropy_examples, .init = zh, .fini = teardown_app)
{
    sl_app_goto(&app, (size_t)page_of("s3-ce"));
    expect_screen("−log 0.7 = 0.357");
    expect_screen("−log 0.2 = 1.609");
    keys("-");
    expect_screen("0.65");
    expect_screen("0.431");
}

Test(numbers, gradient_step, .init = en, .fini = teardown_app)
{
    sl_app_goto(&app, (size_t)page_of("s4-step"));
    expect_screen("loss 1.0986 now");
    expect_screen("-0.111  0.222 -0.111");        /* ∇W row 1 = Xᵀ(P − Y)/3 */
    keys(" ");
    cr_expect_eq(app.step.steps, 1);
    cr_expect(app.step.W[0] > 0.05 && app.step.W[0] < 0.06, "W[0] after one step: %g", app.step.W[0]);
    const char *s = draw();
    double before, after;
    const char *at = strstr(s, "  loss ");
    cr_assert(at, "no loss line:\n%s", s);
    before = strtod(at + 7, NULL);
    const char *arrow = strstr(at, "→");
    cr_assert(arrow, "loss line without an arrow:\n%s", s);
    after = strtod(arrow + strlen("→"), NULL);
    cr_expect_lt(before, 1.0986, "the loss fell after the first step: %g", before);
    cr_expect_lt(after, before, "the next step lowers it again: %g -> %g", before, after);
}

Test(numbers, multilabel, .init = en, .fini = teardown_app)
{
    sl_app_goto(&app, (size_t)page_of("s6-multilabel"));
    expect_screen("0.881");
    expect_screen("0.818");
    expect_screen("1.967");
    sl_app_goto(&app, (size_t)page_of("s1-ovr"));
    expect_screen("1.926");
}

/* The logit editors share their keys (sl_logits_edit_key) but not their
 * step: 1 on the §2 playground, 0.5 on the sigmoid pages. */
Test(numbers, logit_editor_keys, .init = en, .fini = teardown_app)
{
    sl_app_goto(&app, (size_t)page_of("s2-playground"));   /* z = (10, 0, 0), entry 0 */
    keys("k+");
    cr_expect_eq(app.softmax.sel, 2, "k from the first entry wraps to the last: sel %d", app.softmax.sel);
    cr_expect_eq(app.softmax.z[2], 1.0, "+ on the playground adds 1: z[2] = %g, expected 1",
                 app.softmax.z[2]);
    sl_app_goto(&app, (size_t)page_of("s1-ovr"));          /* z = (1.5, 1, -0.5), entry 0 */
    keys("j-");
    cr_expect_eq(app.sigmoid.sel, 1, "j selects the next entry: sel %d, expected 1", app.sigmoid.sel);
    cr_expect_eq(app.sigmoid.z[1], 0.5, "- on one-vs-rest subtracts 0.5: z[1] = %g, expected 0.5",
                 app.sigmoid.z[1]);
}

Test(training, runs_and_redraws, .init = en, .fini = teardown_app)
{
    sl_app_goto(&app, (size_t)page_of("s5-train"));
    char before[8192];
    snprintf(before, sizeof before, "%s", draw());
    cr_expect(strstr(before, "after 0 epochs: loss 1.0986"), "%s", before);
    keys(" ");
    cr_assert(sl_app_animating(&app), "space should start training");
    for (int i = 0; i < 50; i++)
        sl_app_tick(&app);
    const char *after = draw();
    cr_expect(strcmp(before, after) != 0, "the screen did not change while training");
    cr_expect(strstr(after, "after 100 epochs"), "50 ticks of 2 epochs:\n%s", after);
    cr_expect_lt(app.train.loss[99], app.train.loss[0] / 2, "loss %g -> %g", app.train.loss[0],
                 app.train.loss[99]);
    keys(" ");
    cr_expect(!sl_app_animating(&app), "space pauses");
    keys("s");
    cr_expect_eq(app.train.epochs, 101, "s takes one step");
    cr_expect(strstr(draw(), "after 101 epochs"));
    keys("+");
    cr_expect_eq(app.train.lr, 0.2);
    keys("--");
    cr_expect_eq(app.train.lr, 0.05);
    keys("r");
    cr_expect_eq(app.train.epochs, 0, "r resets");
    keys("d");
    expect_screen("iris");
    expect_screen("setosa");
}

/* The largest lr (press + ten times) makes the loss stop being finite
 * within a few ticks, and the page says why. */
Test(training, diverges_with_huge_lr, .init = en, .fini = teardown_app)
{
    sl_app_goto(&app, (size_t)page_of("s5-train"));
    for (int i = 0; i < 10; i++)
        keys("+");
    keys(" ");
    int ticks = 0;
    for (; ticks < 250 && app.train.running; ticks++)     /* 250 ticks: 10 s at 25 frames/s */
        sl_app_tick(&app);
    cr_expect(!app.train.running, "lr %g did not diverge within 10 s of training", app.train.lr);
    expect_screen("no longer finite");
    expect_screen("−log 0 = ∞");
    expect_screen("loss inf");
}

/* A large lr (press + four times: 1.6) visibly misbehaves on the default
 * data within a second: the loss climbs above its start, then falls again. */
Test(training, large_lr_oscillates, .init = en, .fini = teardown_app)
{
    sl_app_goto(&app, (size_t)page_of("s5-train"));
    keys("++++ ");
    cr_assert_eq(app.train.lr, 1.6);
    for (int i = 0; i < 25; i++)                           /* one second */
        sl_app_tick(&app);
    double top = 0;
    int ups = 0;
    for (size_t e = 1; e < app.train.epochs; e++) {
        top = app.train.loss[e] > top ? app.train.loss[e] : top;
        ups += app.train.loss[e] > app.train.loss[e - 1];
    }
    cr_expect_gt(top, 3 * app.train.loss[0], "the loss never rose well above its start (max %g)", top);
    cr_expect_geq(ups, 2, "the loss rose only %d times: no oscillation to see", ups);
    cr_expect_lt(app.train.loss[app.train.epochs - 1], app.train.loss[0], "and it settles");
}

/* The default lr forms the boundary over a few seconds, not in one epoch:
 * after one tick most points are still on the wrong side, after 300
 * epochs (6 s) nearly all are right. */
Test(training, boundary_forms_over_seconds, .init = en, .fini = teardown_app)
{
    sl_app_goto(&app, (size_t)page_of("s5-train"));
    keys(" ");
    sl_app_tick(&app);
    cr_expect_lt(app.train.accuracy, 0.8, "after 2 epochs the model is already %g right",
                 app.train.accuracy);
    for (int i = 1; i < 150; i++)
        sl_app_tick(&app);
    cr_expect_gt(app.train.accuracy, 0.9, "after 300 epochs only %g right", app.train.accuracy);
}

/* The status line shows loss and accuracy at the same W, b (computed here
 * independently), and the curve ends at that loss. */
Test(training, loss_and_accuracy_at_same_parameters, .init = en, .fini = teardown_app)
{
    sl_app_goto(&app, (size_t)page_of("s5-train"));
    keys("s");
    const sl_trainer *t = &app.train;
    size_t n = t->ds.n, k = t->ds.k, hits = 0;
    double loss = 0;
    for (size_t i = 0; i < n; i++) {
        double z[8], m = -INFINITY, sum = 0;
        size_t best = 0;
        for (size_t j = 0; j < k; j++) {
            z[j] = t->ds.X[2 * i] * t->W[j] + t->ds.X[2 * i + 1] * t->W[k + j] + t->b[j];
            if (z[j] > m)
                m = z[j], best = j;
        }
        for (size_t j = 0; j < k; j++)
            sum += exp(z[j] - m);
        loss += -(z[t->ds.y[i]] - m - log(sum)) / (double)n;
        hits += (int)best == t->ds.y[i];
    }
    char want[128];
    snprintf(want, sizeof want, "after 1 epochs: loss %.4f, accuracy %.1f%% (both at the current W, b)",
             loss, 100.0 * (double)hits / (double)n);
    expect_screen(want);
    cr_expect_float_eq(t->loss[t->epochs], loss, 1e-9, "the curve ends at the loss shown");
    cr_expect_float_eq(t->loss[0], log(3.0), 1e-9, "the first point is the loss before the step");
}

/* Writes dir/<id> as `make check` would: "<state> <points> <max>". */
static void write_status(const char *dir, const char *id, const char *state, int points, int max)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, id);
    FILE *f = fopen(path, "w");
    cr_assert(f);
    fprintf(f, "%s %d %d\n", state, points, max);
    fclose(f);
}

/* A status folder (mkdtemp template dir) in which every core exercise of
 * exercises.yaml passes all its checks (points = max = the manifest's
 * total) except the one named failing (1 point; NULL: none), set as
 * SOFTMAX_LAB_STATUS_DIR; the student folder is an empty one inside it
 * (nothing edited since).  remove_dir() removes it. */
static void status_dir(char *dir, const char *failing)
{
    cr_assert(mkdtemp(dir));
    sl_manifest m;
    char err[256], sub[300];
    cr_assert_eq(sl_manifest_load("exercises.yaml", &m, err, sizeof err), 0, "%s", err);
    for (size_t i = 0; i < m.n_exercises; i++) {
        const sl_exercise *ex = &m.exercises[i];
        int total = sl_exercise_points(ex, 0);
        if (failing && !strcmp(ex->id, failing))
            write_status(dir, ex->id, "fail", 1, total);
        else if (!ex->optional)
            write_status(dir, ex->id, "pass", total, total);
    }
    sl_manifest_free(&m);
    snprintf(sub, sizeof sub, "%s/student", dir);
    cr_assert_eq(mkdir(sub, 0700), 0);
    setenv("SOFTMAX_LAB_STATUS_DIR", dir, 1);
    setenv("SOFTMAX_LAB_STUDENT_DIR", sub, 1);
    setenv("SOFTMAX_LAB_MANIFEST", "exercises.yaml", 1);
}

static void remove_dir(const char *dir)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_expect_eq(system(cmd), 0);
    unsetenv("SOFTMAX_LAB_STATUS_DIR");
    unsetenv("SOFTMAX_LAB_STUDENT_DIR");
    unsetenv("SOFTMAX_LAB_MANIFEST");
    unsetenv("SOFTMAX_LAB_STUDENT_SO");
}

/* `i` is refused while an exercise does not pass, naming the exercise. */
Test(training, student_gate, .init = en, .fini = teardown_app)
{
    char dir[] = "/tmp/sl-lesson-status-XXXXXX";
    status_dir(dir, "grad_w");
    sl_app_goto(&app, (size_t)page_of("s5-train"));
    keys("i");
    cr_expect_eq(app.train.use_student, 0);
    expect_screen("grad_w is \"fail\"");
    expect_screen("check EX=grad_w");
    sl_app_goto(&app, (size_t)page_of("s6-exercises"));
    expect_screen("fail");
    expect_screen("pass");
    keys("jjh");
    expect_screen("Hint 1");
    remove_dir(dir);
}

/* Every exercise passes: i trains with the student's library, and i again
 * goes back to the reference. */
Test(training, student_code_used, .init = en, .fini = teardown_app)
{
    char dir[] = "/tmp/sl-lesson-pass-XXXXXX";
    status_dir(dir, NULL);
    setenv("SOFTMAX_LAB_STUDENT_SO", LESSON_TEST_LIBDIR "/lesson-ref-student.so", 1);
    sl_app_goto(&app, (size_t)page_of("s5-train"));
    keys("i");
    cr_expect_eq(app.train.use_student, 1, "i should switch to the student's code: %s", app.msg);
    expect_screen("your code");
    keys("sss");
    cr_expect_eq(app.train.epochs, 3, "the student's train() ran 3 epochs");
    cr_expect_lt(app.train.loss[2], app.train.loss[0]);
    keys("i");
    cr_expect_eq(app.train.use_student, 0);
    expect_screen("reference");
    remove_dir(dir);
}

/* The checks pass (status files) but the library still has stubs: training
 * pauses and names the function. */
Test(training, student_not_implemented, .init = zh, .fini = teardown_app)
{
    char dir[] = "/tmp/sl-lesson-stub-XXXXXX";
    status_dir(dir, NULL);
    setenv("SOFTMAX_LAB_STUDENT_SO", LESSON_TEST_LIBDIR "/lesson-stub-student.so", 1);
    sl_app_goto(&app, (size_t)page_of("s5-train"));
    keys("i");
    cr_assert_eq(app.train.use_student, 1, "%s", app.msg);
    keys(" ");
    sl_app_tick(&app);
    cr_expect(!app.train.running, "training must pause");
    expect_screen("你的 train() 还没有实现");
    remove_dir(dir);
}

/* The student's train() runs in a child: a crash, a hang or garbage does
 * not end the lesson nor reach the screen; the page says what happened and
 * training goes on with the reference. */
static void guarded(const char *lib, const char *says)
{
    char dir[] = "/tmp/sl-lesson-guard-XXXXXX";
    status_dir(dir, NULL);
    setenv("SOFTMAX_LAB_STUDENT_SO", lib, 1);
    sl_app_goto(&app, (size_t)page_of("s5-train"));
    keys("i");
    cr_assert_eq(app.train.use_student, 1, "%s", app.msg);
    keys(" ");
    sl_app_tick(&app);
    cr_expect_eq(app.train.use_student, 0, "back on the reference after %s", says);
    cr_expect(!app.train.running, "paused so the notice can be read");
    expect_screen(says);
    cr_expect(strstr(app.msg, "training goes on with the reference"), "notice: %s", app.msg);
    cr_expect(isfinite(app.train.W[0]) && isfinite(app.train.cur_loss), "nothing non-finite kept");
    cr_expect_eq(app.train.epochs, 2, "the reference's two epochs are kept");
    keys(" ");
    sl_app_tick(&app);
    cr_expect_eq(app.train.epochs, 4, "and training goes on");
    remove_dir(dir);
}

Test(guard, crash, .init = en, .fini = teardown_app)
{
    guarded(LESSON_TEST_LIBDIR "/lesson-bad-crash-student.so", "crashed");
}
Test(guard, hang, .init = en, .fini = teardown_app)
{
    guarded(LESSON_TEST_LIBDIR "/lesson-bad-hang-student.so", "did not finish");
}
Test(guard, garbage, .init = en, .fini = teardown_app)
{
    guarded(LESSON_TEST_LIBDIR "/lesson-bad-nan-student.so", "reference has");
}

/* The gate asks for every check the manifest lists now: a status written
 * before a check was added (max below the manifest's total) does not open
 * it, and neither does a student file edited after its last check. */
Test(training, gate_counts_every_check, .init = en, .fini = teardown_app)
{
    char dir[] = "/tmp/sl-lesson-gate-XXXXXX";
    status_dir(dir, NULL);
    setenv("SOFTMAX_LAB_STUDENT_SO", LESSON_TEST_LIBDIR "/lesson-ref-student.so", 1);
    sl_manifest m;
    char err[256];
    cr_assert_eq(sl_manifest_load("exercises.yaml", &m, err, sizeof err), 0);
    const sl_exercise *tr = sl_manifest_find(&m, "train");
    int total = sl_exercise_points(tr, 0);
    write_status(dir, "train", "pass", total - 1, total - 1);   /* one check fewer */
    sl_manifest_free(&m);
    sl_app_goto(&app, (size_t)page_of("s5-train"));
    keys("i");
    cr_expect_eq(app.train.use_student, 0, "a status missing a check must not open the gate");
    expect_screen("train is \"checked before");
    write_status(dir, "train", "pass", total, total);
    char path[400];
    snprintf(path, sizeof path, "%s/student/grad_b.c", dir);
    FILE *f = fopen(path, "w");
    fputs("/* edited */\n", f);
    fclose(f);
    struct timespec later[2] = {{.tv_sec = time(NULL) + 60}, {.tv_sec = time(NULL) + 60}};
    utimensat(AT_FDCWD, path, later, 0);
    keys("i");
    cr_expect_eq(app.train.use_student, 0, "an edited file must be checked again");
    expect_screen("grad_b is \"edited after");
    sl_app_goto(&app, (size_t)page_of("s6-exercises"));
    expect_screen("pass*");
    expect_screen("* edited after its last check");
    remove(path);
    sl_app_goto(&app, (size_t)page_of("s5-train"));
    keys("i");
    cr_expect_eq(app.train.use_student, 1, "all checks pass: %s", app.msg);
    remove_dir(dir);
}

/* The exercises page follows the files: a status written while the lesson
 * is open shows at the next poll (at most a second later), without a key;
 * on §5 the moment everything passes says that i is available. */
Test(training, page_follows_files, .init = en, .fini = teardown_app)
{
    char dir[] = "/tmp/sl-lesson-follow-XXXXXX";
    status_dir(dir, "grad_b");
    sl_app_goto(&app, (size_t)page_of("s6-exercises"));
    cr_expect_eq(sl_app_poll(&app, 1000), 0, "the first poll only takes the fingerprint");
    expect_screen("fail");
    cr_expect_eq(sl_app_poll(&app, 1500), 0, "nothing changed");
    sl_manifest m;
    char err[256];
    cr_assert_eq(sl_manifest_load("exercises.yaml", &m, err, sizeof err), 0);
    int total = sl_exercise_points(sl_manifest_find(&m, "grad_b"), 0);
    sl_manifest_free(&m);
    write_status(dir, "grad_b", "pass", total, total);
    cr_expect_eq(sl_app_poll(&app, 1700), 0, "polls at most once a second");
    sl_app_goto(&app, (size_t)page_of("s5-train"));
    cr_expect_eq(sl_app_poll(&app, 2100), 1, "the new status is seen");
    expect_screen("Every exercise passes: press i");
    sl_app_goto(&app, (size_t)page_of("s6-exercises"));
    const char *s = draw();
    cr_expect(!strstr(s, "fail"), "grad_b now passes:\n%s", s);
    write_status(dir, "grad_b", "fail", 1, total);
    cr_expect_eq(sl_app_poll(&app, 3200), 1);
    expect_screen("fail");
    remove_dir(dir);
}

/* The letter of the right answer of question qi on the current page. */
static char right_letter(int qi)
{
    return (char)('a' + sl_quiz_answer_slot(sl_app_page(&app), qi));
}

Test(quiz, feedback, .init = en, .fini = teardown_app)
{
    sl_app_goto(&app, (size_t)page_of("s2-quiz"));
    char k[2] = {right_letter(0), 0};
    keys(k);                                  /* right: [0.99991, …] */
    expect_screen("Right.");
    expect_screen("0.0000454, 0.0000454]");
    sl_app_key(&app, SL_K_ENTER);
    expect_screen("Question 2 of 3");
    k[0] = (char)('a' + (sl_quiz_answer_slot(sl_app_page(&app), 1) + 1) % 4);
    keys(k);                                  /* wrong */
    expect_screen("Not quite.");
    sl_app_key(&app, SL_K_ENTER);
    k[0] = right_letter(2);
    keys(k);                                  /* σ(z₁ − z₂): right */
    sl_app_key(&app, SL_K_ENTER);
    expect_screen("2 of 3 right");
}

/* Position gives nothing away: within each quiz the right answer moves
 * from question to question, and over all quizzes it is not always in the
 * same slot; the shown choice in that slot is the text's answer. */
Test(quiz, answers_shuffled, .init = en, .fini = teardown_app)
{
    int used[8] = {0};
    for (size_t p = 0; p < app.content[0].n_pages; p++) {
        const sl_page *pg = &app.content[0].pages[p];
        for (size_t q = 1; q < pg->n_quiz; q++)
            cr_expect_neq(sl_quiz_answer_slot(pg, (int)q), sl_quiz_answer_slot(pg, (int)q - 1),
                          "%s: questions %zu and %zu have the answer in the same slot", pg->id, q,
                          q + 1);
        for (size_t q = 0; q < pg->n_quiz; q++)
            used[sl_quiz_answer_slot(pg, (int)q)] = 1;
        if (pg->n_quiz) {
            sl_app_goto(&app, p);
            char k[2] = {right_letter(0), 0};
            keys(k);
            char want[512];
            snprintf(want, sizeof want, "(%c) %.60s", k[0], pg->quiz[0].choices[pg->quiz[0].answer]);
            expect_screen(want);
            expect_screen("Right.");
        }
    }
    cr_expect_geq(used[0] + used[1] + used[2] + used[3], 3, "answers sit in fewer than 3 slots");
}


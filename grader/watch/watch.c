/* watch.c — build/watch, `make watch` (watch.h).
 *
 *   watch [--build DIR] [--check PROGRAM] [--manifest FILE] [--student-dir DIR]
 *         [--state DIR] [--poll]
 *
 * Checks every core exercise once, then shows the first one not passing (in
 * manifest order) and re-checks an exercise whenever its student file is
 * saved; when the current one passes, the next one not passing is shown.
 * Keys: h the next hint (the checker's --hint), r check again, q quit.
 * The checker (default BUILD/check) runs as a subprocess:
 *   PROGRAM --build DIR --manifest FILE --student-dir DIR ID
 * its exit status 0 means "passes", and the status file BUILD/status/ID
 * (lab/status.h) says how it failed.  A broken build, a crash or a hang of
 * the student's code is the checker's verdict, shown like any other.
 * --state DIR keeps the checker's status, hints and work files in DIR instead
 * of BUILD (used by the tests); --poll uses the stat() poll, not inotify.
 * Exit status: 0 after q, 128+N after signal N, 2 bad usage or manifest. */
#include "watch.h"

#include "lang.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    const char *build, *check, *manifest, *student, *state;
    int poll_only;
} options;

typedef struct {
    options o;
    sl_manifest m;
    size_t *core, n_core;
    sl_status *st;
    char **verdict;         /* per core exercise: the checker's last output */
    int *pending;           /* per core exercise: to be checked */
    double *since;          /* when it became pending (ms, monotonic) */
    size_t checking;        /* core index being checked, n_core when none */
    size_t current;
    wt_child run, hint;
    char *hint_text;
    char banner[256];
    unsigned long n_checks;
    double last_ms;
    int zh, tty, color, stdin_open, quit;
    wt_changes *changes;
} watch;

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int parse_args(int argc, char **argv, options *o)
{
    static char check[4096];
    *o = (options){"build", NULL, "exercises.yaml", "student", NULL, 0};
    for (int i = 1; i < argc; i++) {
        const char **dst = !strcmp(argv[i], "--build")         ? &o->build
                           : !strcmp(argv[i], "--check")       ? &o->check
                           : !strcmp(argv[i], "--manifest")    ? &o->manifest
                           : !strcmp(argv[i], "--student-dir") ? &o->student
                           : !strcmp(argv[i], "--state")       ? &o->state
                                                               : NULL;
        if (dst && i + 1 < argc) {
            *dst = argv[++i];
        } else if (!strcmp(argv[i], "--poll")) {
            o->poll_only = 1;
        } else {
            fprintf(stderr, "usage: watch [--build DIR] [--check PROGRAM] [--manifest FILE] "
                            "[--student-dir DIR] [--state DIR] [--poll]\n");
            return 2;
        }
    }
    if (!o->check) {
        snprintf(check, sizeof check, "%s/check", o->build);
        o->check = check;
    }
    return 0;
}

/* The first core exercise not passing, or n_core. */
static size_t first_not_passing(const watch *w)
{
    for (size_t i = 0; i < w->n_core; i++)
        if (w->st[i].state != SL_STATUS_PASS)
            return i;
    return w->n_core;
}

static const sl_exercise *ex_of(const watch *w, size_t i)
{
    return &w->m.exercises[w->core[i]];
}

static void draw(const watch *w)
{
    wt_view v = {&w->m, w->core, w->n_core, w->st, w->current,
                 w->current < w->n_core ? w->verdict[w->current] : NULL, w->hint_text,
                 w->banner[0] ? w->banner : NULL,
                 w->checking < w->n_core ? ex_of(w, w->checking)->id : NULL,
                 w->o.student, w->n_checks, w->last_ms, w->zh, w->tty, w->color};
    wt_screen_draw(&v);
}

/* Runs the checker on exercise id (hint: its --hint) in child c. */
static void start_checker(watch *w, wt_child *c, const char *id, int hint)
{
    char work[4096], status[4096], hints[4096];
    char *argv[16];
    int n = 0;
    argv[n++] = (char *)w->o.check;
    argv[n++] = "--build", argv[n++] = (char *)w->o.build;
    argv[n++] = "--manifest", argv[n++] = (char *)w->o.manifest;
    argv[n++] = "--student-dir", argv[n++] = (char *)w->o.student;
    if (w->o.state) {
        snprintf(work, sizeof work, "%s/work", w->o.state);
        snprintf(status, sizeof status, "%s/status", w->o.state);
        snprintf(hints, sizeof hints, "%s/hints", w->o.state);
        argv[n++] = "--work", argv[n++] = work;
        argv[n++] = "--status-dir", argv[n++] = status;
        argv[n++] = "--hints-dir", argv[n++] = hints;
    }
    if (hint)
        argv[n++] = "--hint";
    argv[n++] = (char *)id;
    argv[n] = NULL;
    int cols, rows;
    wt_term_size(&cols, &rows);
    wt_child_start(c, argv, cols, rows);
}

/* Starts the next pending check (the current exercise first). */
static void start_next(watch *w)
{
    if (w->run.pid)
        return;
    size_t i = w->current < w->n_core && w->pending[w->current] ? w->current : 0;
    while (i < w->n_core && !w->pending[i])
        i++;
    if (i == w->n_core)
        return;
    w->pending[i] = 0;
    w->checking = i;
    start_checker(w, &w->run, ex_of(w, i)->id, 0);
    draw(w);
}

/* The verdict of exercise i from the checker's exit status and status file. */
static sl_status verdict_of(const watch *w, size_t i, int wait_status)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/status", w->o.state ? w->o.state : w->o.build);
    sl_status s = sl_status_read(dir, ex_of(w, i)->id);
    int passed = WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0;
    if (passed)
        s.state = SL_STATUS_PASS;
    else if (s.state == SL_STATUS_PASS || s.state == SL_STATUS_UNKNOWN)
        s.state = SL_STATUS_FAIL;
    return s;
}

static void note_checker_failure(watch *w, size_t i, int wait_status)
{
    if (WIFEXITED(wait_status) && WEXITSTATUS(wait_status) <= 1)
        return;
    char line[256];
    if (WIFSIGNALED(wait_status))
        snprintf(line, sizeof line, w->zh ? "（检查程序被信号 %d 终止）\n" : "(the checker was stopped by signal %d)\n",
                 WTERMSIG(wait_status));
    else
        snprintf(line, sizeof line, w->zh ? "（检查程序以状态 %d 退出）\n" : "(the checker exited with status %d)\n",
                 WEXITSTATUS(wait_status));
    size_t len = strlen(w->verdict[i]) + strlen(line) + 1;
    char *t = malloc(len);
    if (t) {
        snprintf(t, len, "%s%s", w->verdict[i], line);
        free(w->verdict[i]);
        w->verdict[i] = t;
    }
}

static void check_done(watch *w)
{
    size_t i = w->checking;
    w->checking = w->n_core;
    free(w->verdict[i]);
    w->verdict[i] = strdup(w->run.out ? w->run.out : "");
    if (!w->verdict[i])
        return;
    note_checker_failure(w, i, w->run.status);
    w->st[i] = verdict_of(w, i, w->run.status);
    w->n_checks++;
    w->last_ms = w->since[i] > 0 ? now_ms() - w->since[i] : -1;
    size_t before = w->current;
    if (i == before)
        w->banner[0] = '\0';
    w->current = first_not_passing(w);
    if (w->current != before) {
        free(w->hint_text);
        w->hint_text = NULL;
        w->banner[0] = '\0';
        if (before == i && w->st[i].state == SL_STATUS_PASS && w->current < w->n_core)
            snprintf(w->banner, sizeof w->banner, w->zh ? "%s 通过了 —— 下一个：%s" : "%s passes — next: %s",
                     ex_of(w, i)->id, ex_of(w, w->current)->id);
    }
    draw(w);
}

/* Queues exercise i; saved: after a save (its latency is shown). */
static void mark(watch *w, size_t i, int saved)
{
    w->pending[i] = 1;
    w->since[i] = saved ? now_ms() : -1;
    if (w->checking == i) {     /* what runs is already stale */
        wt_child_kill(&w->run);
        w->checking = w->n_core;
    }
}

static void on_files(watch *w)
{
    int changed[64] = {0};
    if (wt_changes_take(w->changes, changed) == 0)
        return;
    for (size_t i = 0; i < w->n_core; i++)
        if (changed[i])
            mark(w, i, 1);
}

static void on_key(watch *w, char k)
{
    if (k == 'q' || k == 'Q') {
        w->quit = -1;
    } else if ((k == 'h' || k == 'H') && w->current < w->n_core && !w->hint.pid) {
        start_checker(w, &w->hint, ex_of(w, w->current)->id, 1);
    } else if ((k == 'r' || k == 'R') && w->current < w->n_core) {
        mark(w, w->current, 0);
    }
}

static void on_input(watch *w)
{
    char keys[64];
    ssize_t n = read(STDIN_FILENO, keys, sizeof keys);
    if (n <= 0) {
        if (n == 0 || (errno != EINTR && errno != EAGAIN))
            w->stdin_open = 0;
        return;
    }
    for (ssize_t k = 0; k < n && !w->quit; k++)
        on_key(w, keys[k]);
}

static void on_signal(watch *w)
{
    unsigned char sigs[16];
    ssize_t n = read(wt_signal_fd(), sigs, sizeof sigs);
    for (ssize_t k = 0; k < n; k++) {
        if (sigs[k] == SIGWINCH)
            draw(w);
        else
            w->quit = sigs[k];
    }
}

static void pump_children(watch *w)
{
    if (w->run.pid && wt_child_pump(&w->run))
        check_done(w);
    if (w->hint.pid && wt_child_pump(&w->hint)) {
        free(w->hint_text);
        w->hint_text = strdup(w->hint.out ? w->hint.out : "");
        draw(w);
    }
}

/* The event loop: returns the exit status. */
static int loop(watch *w)
{
    while (!w->quit) {
        start_next(w);
        struct pollfd p[5];
        nfds_t n = 0;
        p[n++] = (struct pollfd){wt_signal_fd(), POLLIN, 0};
        p[n++] = (struct pollfd){w->stdin_open ? STDIN_FILENO : -1, POLLIN, 0};
        p[n++] = (struct pollfd){wt_changes_fd(w->changes), POLLIN, 0};
        p[n++] = (struct pollfd){w->run.pid ? w->run.fd : -1, POLLIN, 0};
        p[n++] = (struct pollfd){w->hint.pid ? w->hint.fd : -1, POLLIN, 0};
        if (poll(p, n, wt_changes_poll_ms(w->changes)) < 0 && errno != EINTR)
            return 1;
        if (p[0].revents)
            on_signal(w);
        if (p[1].revents && !w->quit)
            on_input(w);
        if (!w->quit)
            on_files(w);
        if (!w->quit)
            pump_children(w);
    }
    return w->quit < 0 ? 0 : 128 + w->quit;
}

/* Loads the manifest and the core exercises; 0 or 2 (message printed). */
static int setup(watch *w)
{
    char err[1024];
    if (sl_manifest_load(w->o.manifest, &w->m, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    size_t n = w->m.n_exercises ? w->m.n_exercises : 1;
    w->core = calloc(n, sizeof *w->core);
    w->st = calloc(n, sizeof *w->st);
    w->verdict = calloc(n, sizeof *w->verdict);
    w->pending = calloc(n, sizeof *w->pending);
    w->since = calloc(n, sizeof *w->since);
    char **files = calloc(n, sizeof *files);
    if (!w->core || !w->st || !w->verdict || !w->pending || !w->since || !files) {
        free(files);
        return 2;
    }
    for (size_t i = 0; i < w->m.n_exercises && w->n_core < 64; i++)
        if (!w->m.exercises[i].optional) {
            files[w->n_core] = w->m.exercises[i].file;
            w->core[w->n_core++] = i;
        }
    w->changes = wt_changes_open(w->o.student, files, w->n_core, w->o.poll_only);
    free(files);
    if (!w->changes)
        return 2;
    for (size_t i = 0; i < w->n_core; i++)
        mark(w, i, 0);
    w->checking = w->n_core;
    w->current = 0;
    return 0;
}

static void teardown(watch *w)
{
    wt_child_free(&w->run);
    wt_child_free(&w->hint);
    wt_changes_close(w->changes);
    for (size_t i = 0; w->verdict && i < w->n_core; i++)
        free(w->verdict[i]);
    free(w->verdict);
    free(w->core);
    free(w->st);
    free(w->pending);
    free(w->since);
    free(w->hint_text);
    sl_manifest_free(&w->m);
}

int main(int argc, char **argv)
{
    static watch w;
    w.run.fd = w.hint.fd = -1;
    int rc = parse_args(argc, argv, &w.o);
    if (rc == 0)
        rc = setup(&w);
    if (rc == 0) {
        const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
        w.zh = sl_lang_zh();
        int t = wt_term_enter();
        w.tty = t == 1;
        w.color = w.tty && !no_color && !(term && !strcmp(term, "dumb"));
        w.stdin_open = 1;
        signal(SIGPIPE, SIG_IGN);
        rc = t < 0 ? 1 : loop(&w);
        wt_term_leave();
        if (w.tty)
            putchar('\n');
    }
    teardown(&w);
    return rc;
}

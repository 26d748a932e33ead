/* bench_frame.c — `make bench-frame`: the time of one frame of the §5 page
 * at 200×60: one training epoch plus a full redraw into the grid, and the
 * same plus the ncurses output to a pseudo-terminal (a child process drains
 * it, as a terminal emulator would); and a frame of the §6 OCR page while
 * its digits model trains (one tick: 20 epochs on 1258 images, the 539 test
 * images evaluated, full redraw).  Reports medians; never fails on speed. */
#include "app.h"
#include "term.h"

#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { FRAMES = 400, W = 200, H = 60 };

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return 1e3 * (double)t.tv_sec + 1e-6 * (double)t.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void report(const char *what, double *ms, int n)
{
    qsort(ms, (size_t)n, sizeof *ms, cmp);
    printf("bench-frame: %-52s median %.3f ms  (p10 %.3f, p90 %.3f, %d frames)\n", what,
           ms[n / 2], ms[n / 10], ms[n * 9 / 10], n);
}

/* One frame: an epoch of training, then the whole screen drawn. */
static void frame(sl_app *a, sl_grid *g)
{
    if (a->train.epochs >= 2000)
        sl_trainer_reset(&a->train);
    sl_trainer_step(&a->train, 1);
    sl_app_draw(a, g);
}

/* Frames of the §6 OCR page while its model trains (restarted when done). */
static void ocr_frames(sl_app *a, sl_grid *g)
{
    enum { N = 60 };
    double ms[N];
    char err[512];
    sl_app_goto(a, (size_t)sl_content_find(&a->content[0], "s6-ocr"));
    for (int i = 0; i < N; i++) {
        if (!a->real.running && sl_realdata_start(&a->real, err, sizeof err)) {
            printf("bench-frame: %s: OCR figure skipped\n", err);
            break;
        }
        double t0 = now_ms();
        sl_app_tick(a);
        sl_app_draw(a, g);
        ms[i] = now_ms() - t0;
        if (i == N - 1)
            report("OCR page (20 digits epochs + test set + redraw)", ms, N);
    }
    sl_app_goto(a, (size_t)sl_content_find(&a->content[0], "s5-train"));
}

static int open_pty(int *master, FILE **slave_out, FILE **slave_in)
{
    *master = posix_openpt(O_RDWR | O_NOCTTY);
    if (*master < 0 || grantpt(*master) || unlockpt(*master))
        return -1;
    int s = open(ptsname(*master), O_RDWR | O_NOCTTY);
    if (s < 0)
        return -1;
    struct winsize ws = {.ws_row = H, .ws_col = W};
    ioctl(s, TIOCSWINSZ, &ws);
    *slave_out = fdopen(s, "w");
    *slave_in = fdopen(dup(s), "r");
    return *slave_out && *slave_in ? 0 : -1;
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    static sl_app a;
    sl_app_options o = {.color = 1};
    char err[512];
    if (sl_app_init(&a, &o, err, sizeof err)) {
        fprintf(stderr, "bench-frame: %s\n", err);
        return 1;
    }
    sl_app_goto(&a, (size_t)sl_content_find(&a.content[0], "s5-train"));
    sl_grid g;
    sl_grid_init(&g, W, H);
    ocr_frames(&a, &g);
    static double ms[FRAMES];
    for (int i = 0; i < 20; i++)
        frame(&a, &g);                          /* warm up */
    for (int i = 0; i < FRAMES; i++) {
        double t0 = now_ms();
        frame(&a, &g);
        ms[i] = now_ms() - t0;
    }
    report("1 training epoch + full redraw into the grid", ms, FRAMES);


    int master;
    FILE *out, *in;
    if (open_pty(&master, &out, &in)) {
        printf("bench-frame: no pseudo-terminal available: ncurses figure skipped\n");
        return 0;
    }
    pid_t drain = fork();
    if (drain == 0) {                           /* the "terminal": reads and discards */
        char buf[65536];
        while (read(master, buf, sizeof buf) > 0)
            ;
        _exit(0);
    }
    if (sl_term_open_on(out, in, "xterm-256color", 1, err, sizeof err)) {
        printf("bench-frame: %s: ncurses figure skipped\n", err);
    } else {
        sl_trainer_reset(&a.train);
        for (int i = 0; i < FRAMES; i++) {
            double t0 = now_ms();
            frame(&a, &g);
            sl_term_blit(&g, 0);
            ms[i] = now_ms() - t0;
        }
        sl_term_close();
        report("... + ncurses output to a pty (xterm-256color)", ms, FRAMES);
    }
    fclose(out);
    fclose(in);
    kill(drain, SIGTERM);
    waitpid(drain, NULL, 0);
    close(master);
    sl_grid_free(&g);
    sl_app_free(&a);
    return 0;
}

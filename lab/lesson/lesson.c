/* lesson.c — `softmax-lab` without `train`: parses the options, checks the
 * terminal, and runs the loop that feeds keys to the app (app.h) and copies
 * its frames to the screen (term.h).  Contract: lesson.h. */
#include "lesson.h"
#include "app.h"
#include "lang.h"
#include "term.h"

#include <ctype.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
    "usage: softmax-lab [--lang zh|en] [--section N] [--ascii] [--no-color]\n"
    "                   [--impl reference|student]\n"
    "       softmax-lab train --help      (training without the interactive lesson)\n"
    "The interactive lesson \"Softmax regression and multi-class classification\".\n"
    "  --lang zh|en   language (default: from LANG; the L key switches at any time)\n"
    "  --section N    open section N (1-6) of the lecture\n"
    "  --ascii        7-bit characters only (English)\n"
    "  --no-color     no colours (also when NO_COLOR is set)\n"
    "  --impl student train section 5 with your own code from student/\n"
    "Keys: arrows or p/n pages, 1-6 sections, ? help, q quit.\n";

static int bad(const char *what, const char *arg)
{
    fprintf(stderr, "softmax-lab: %s '%s' (see softmax-lab --help)\n", what, arg);
    return 2;
}

/* Fills o from argv; returns −1 to go on, else the exit status. */
static int parse(int argc, char **argv, sl_app_options *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            return 0;
        } else if (!strcmp(a, "--ascii")) {
            o->ascii = 1;
        } else if (!strcmp(a, "--no-color") || !strcmp(a, "--no-colour")) {
            o->color = 0;
        } else if (!strcmp(a, "--lang") || !strcmp(a, "--section") || !strcmp(a, "--impl")) {
            if (i + 1 >= argc)
                return bad("this option needs a value:", a);
            const char *v = argv[++i];
            if (!strcmp(a, "--lang")) {
                if (strcmp(v, "zh") && strcmp(v, "en"))
                    return bad("--lang must be zh or en, not", v);
                o->zh = !strcmp(v, "zh");
            } else if (!strcmp(a, "--section")) {
                if (strlen(v) != 1 || v[0] < '1' || v[0] > '6')
                    return bad("--section must be 1 to 6, not", v);
                o->section = v[0] - '0';
            } else {
                if (strcmp(v, "reference") && strcmp(v, "student"))
                    return bad("--impl must be reference or student, not", v);
                o->student = !strcmp(v, "student");
            }
        } else {
            return bad("unknown option", a);
        }
    }
    return -1;
}

/* 1 when the locale variables name a UTF-8 encoding (LC_ALL, else LC_CTYPE,
 * else LANG), whether or not that locale is installed. */
static int env_says_utf8(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_CTYPE", "LANG"};
    for (size_t i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) {
            char low[128];
            size_t n = 0;
            for (; v[n] && n + 1 < sizeof low; n++)
                low[n] = (char)tolower((unsigned char)v[n]);
            low[n] = '\0';
            return strstr(low, "utf-8") || strstr(low, "utf8");
        }
    }
    return 0;
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return 1e3 * (double)t.tv_sec + 1e-6 * (double)t.tv_nsec;
}

enum { FRAME_MS = 40 };

static void run(sl_app *a)
{
    sl_grid g = {0};
    int redraw = 1;
    double last_tick = now_ms();
    while (!a->quit) {
        if (redraw) {
            int w, h;
            sl_term_size(&w, &h);
            if (sl_grid_resize(&g, w > 0 ? w : 1, h > 0 ? h : 1))
                break;
            sl_app_draw(a, &g);
            sl_term_blit(&g, a->ascii);
            redraw = 0;
        }
        int animating = sl_app_animating(a);
        int wait = 250;
        if (animating) {
            double left = FRAME_MS - (now_ms() - last_tick);
            wait = left > 0 ? (int)left : 0;
        }
        int key = sl_term_key(wait);
        if (key == -2)
            break;
        if (key >= 0) {
            sl_app_key(a, key);
            redraw = 1;
        }
        redraw |= sl_app_poll(a, now_ms());
        if (sl_app_animating(a) && now_ms() - last_tick >= FRAME_MS) {
            last_tick = now_ms();
            redraw |= sl_app_tick(a);
        }
    }
    sl_grid_free(&g);
}

int lesson_main(int argc, char **argv)
{
    sl_app_options o = {.zh = sl_lang_zh(), .color = 1};
    int rc = parse(argc, argv, &o);
    if (rc >= 0)
        return rc;
    const char *nc = getenv("NO_COLOR");
    if (nc && *nc)
        o.color = 0;
    const char *term = getenv("TERM");
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO) || !term || !*term
        || !strcmp(term, "dumb")) {
        fprintf(stderr, "softmax-lab: the lesson needs an interactive terminal (%s);\n"
                        "run it in a terminal window, or use: softmax-lab train --help\n",
                !term || !*term ? "TERM is not set" : !strcmp(term, "dumb") ? "TERM is dumb"
                                                                           : "this is not a tty");
        return 1;
    }
    if (!setlocale(LC_ALL, "") && env_says_utf8())
        setlocale(LC_CTYPE, "C.UTF-8");     /* e.g. LANG=zh_CN.UTF-8 not generated here */
    int utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
    int wanted_zh = o.zh;
    if (!utf8)
        o.ascii = 1;
    sl_app *a = malloc(sizeof *a);
    char err[512];
    if (!a || sl_app_init(a, &o, err, sizeof err)) {
        fprintf(stderr, "softmax-lab: %s\n", a ? err : "out of memory");
        free(a);
        return 1;
    }
    if (wanted_zh && o.ascii)
        sl_app_notice(a, "%s", utf8 ? sl_app_str(a, "no_chinese_in_ascii")
                                    : sl_app_str(a, "no_utf8_locale"));
    if (sl_term_open(o.color, err, sizeof err)) {
        fprintf(stderr, "softmax-lab: %s\n", err);
        sl_app_free(a);
        free(a);
        return 1;
    }
    a->color = sl_term_has_color();
    run(a);
    sl_term_close();
    int sig = sl_term_signal();
    sl_app_free(a);
    free(a);
    return sig ? 128 + sig : 0;
}

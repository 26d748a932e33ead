/* app.h — the lesson's state and its screens, independent of ncurses: the
 * terminal layer (term.h) turns key presses into sl_app_key() calls and
 * copies the grid that sl_app_draw() fills to the screen.  Tests drive the
 * same functions with synthetic keys and read the grid.
 *
 * A page (content.h) is text in the lesson markup plus, optionally, an
 * interactive widget named by its `widget:` key.  A widget is one entry of
 * the screen table sl_screens[] (screens.c): a draw and a key function over
 * its own state in sl_app.  Adding a page: see lab/lesson/README.md. */
#ifndef SL_LESSON_APP_H
#define SL_LESSON_APP_H

#include "content.h"
#include "impl.h"
#include "realdata.h"
#include "render/grid.h"
#include "render/plot.h"
#include "trainer.h"

#include <stddef.h>

/* Keys: printable ASCII as itself, the rest from here (term.c maps them). */
enum {
    SL_K_LEFT = 0x110000, SL_K_RIGHT, SL_K_UP, SL_K_DOWN, SL_K_PGUP, SL_K_PGDN,
    SL_K_HOME, SL_K_END, SL_K_ESC, SL_K_ENTER, SL_K_RESIZE
};

enum { SL_MIN_W = 80, SL_MIN_H = 24, SL_MAX_PAGES = 64, PATH_MAX_LEN = 4096 };

typedef struct sl_app sl_app;

typedef struct {
    const char *name;            /* the page's `widget:` value */
    int min_h;                   /* rows it needs below the page text */
    int side_w;                  /* width it wants beside the text on wide screens (0: below) */
    void (*init)(sl_app *a);     /* sets its state once at start; may be NULL */
    void (*enter)(sl_app *a);    /* the page became current; may be NULL */
    void (*draw)(sl_app *a, sl_grid *g, sl_rect r);
    int (*key)(sl_app *a, int key);   /* 1 when the key was used; may be NULL */
    int (*tick)(sl_app *a);      /* called while animating; 1 when the frame changed; may be NULL */
    const char *keys;            /* the string id naming its keys (footer and help) */
} sl_screen;

/* The screen table (screens.c, ended by an entry with name NULL) and lookup
 * by widget name (NULL for "" or an unknown name). */
extern const sl_screen sl_screens[];
const sl_screen *sl_screen_find(const char *widget);

/* State of the softmax playground (§2) and of the sigmoid comparisons (§1, §6). */
typedef struct {
    double z[5];
    int n, sel;                  /* entries in use, selected entry */
    double temp;                 /* temperature T: softmax(z / T) */
    int example;                 /* index of the last lecture example loaded */
} sl_logits_state;

/* One gradient-descent step by hand (§4). */
typedef struct {
    double W[6], b[3];           /* d = 2, k = 3 */
    int steps;
} sl_step_state;

/* A quiz page: current question, cursor, whether it was answered and the score. */
typedef struct {
    int q, cursor, answered, chosen, right;
} sl_quiz_state;

/* §6 OCR page: which list is browsed (0 test digits, 1 most confident
 * mistakes) and the selected entry in it. */
typedef struct {
    int list, sel;
} sl_ocr_state;

/* §6 multi-label demo (lab/multilabel.h): two labels on toy points of the
 * plane, W 2×2, b 2, trained once; sel is the chosen example point. */
typedef struct {
    double W[4], b[2], loss0, loss;  /* loss before and after training */
    int trained, sel;
} sl_mldemo_state;

struct sl_app {
    sl_content content[2];       /* [0] English, [1] Chinese (ASCII mode: English only) */
    int zh, ascii, color;        /* interface language, 7-bit mode, colours wanted */
    const sl_glyphs *gl;
    size_t page;
    int scroll, scroll_max;      /* text scroll of the current page */
    int help;                    /* the help overlay is open */
    int quit;
    char msg[256];               /* one-line notice, cleared by the next key */
    sl_logits_state softmax, sigmoid;
    double ce_p;                 /* §3: probability of the true class */
    sl_step_state step;
    sl_quiz_state quiz[SL_MAX_PAGES];
    int ex_sel, ex_hints;        /* exercises page: selection, hints shown */
    int ex_scroll, ex_scroll_max;    /* its description and hints, scrolled by space/b */
    unsigned long long watch_fp; /* sl_progress_fingerprint() at the last poll */
    double watch_ms;             /* time of the last poll (sl_app_poll) */
    int all_pass;                /* every core exercise passed at the last poll */
    sl_trainer train;            /* §5 */
    sl_realdata real;            /* §6 digits and wine (OCR and calibration pages) */
    sl_ocr_state ocr;
    sl_mldemo_state mldemo;
    char exe_dir[PATH_MAX_LEN];    /* folder of the program (status files, libstudent.so) */
};

typedef struct {
    int zh, ascii, color;
    int section;                 /* 1–6, or 0 for the first page */
    int student;                 /* start §5 with the student's implementation */
} sl_app_options;

/* Loads the compiled-in text and sets up every state.  0, or −1 with a
 * message in err (a broken text file names FILE:LINE:COL). */
int sl_app_init(sl_app *a, const sl_app_options *o, char *err, size_t errlen);
void sl_app_free(sl_app *a);

/* Handles one key (global keys, then the help overlay, then the widget). */
void sl_app_key(sl_app *a, int key);

/* Draws the whole frame into g (its size is the terminal's). */
void sl_app_draw(sl_app *a, sl_grid *g);

/* 1 while the current widget animates (the loop should call sl_app_tick). */
int sl_app_animating(const sl_app *a);
/* Advances the animation one frame; 1 when the frame changed. */
int sl_app_tick(sl_app *a);

/* Looks at the exercise files (status files, student files, manifest) at
 * most once a second (now_ms: a monotonic clock in ms) and returns 1 when
 * one changed, so the frame should be redrawn: the exercises page then
 * shows the new status.  When every core exercise starts passing the §5
 * page says that i is available; when the student's code changes while §5
 * uses it, §5 goes back to the reference until it passes again. */
int sl_app_poll(sl_app *a, double now_ms);

/* Jumps to page i (clamped), resetting the scroll and calling enter(). */
void sl_app_goto(sl_app *a, size_t i);

/* The current language's content, page, and interface string (the key
 * itself when missing, so a gap shows up in tests and on screen). */
const sl_content *sl_app_text(const sl_app *a);
const sl_page *sl_app_page(const sl_app *a);
const char *sl_app_str(const sl_app *a, const char *key);

/* Sets the one-line notice (printf format). */
void sl_app_notice(sl_app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif

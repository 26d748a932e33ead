/* scr_mldemo.c — multi-label, trained (§6.3): the sigmoid + binary
 * cross-entropy model of lab/multilabel.h learns two labels that are not
 * mutually exclusive (label A "x > 0", label B "y > 0") from noisy toy
 * points.  A map of the plane shows which labels the model switches on in
 * each cell; a table gives both probabilities of four example points — the
 * one up and right has both above 0.5 at once — next to what softmax over
 * the same two scores would say.  State: a->mldemo. */
#include "screens.h"
#include "multilabel.h"
#include "render/text.h"
#include "softmax_lab.h"
#include "tpl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { N = 200, EPOCHS = 300, MAP_W = 25, MAP_H = 11, N_EX = 4 };
#define LR 1.0
#define NOISE 0.05
#define SEED 6ULL
#define RANGE 3.0

static const double examples[N_EX][2] = {{2, 1.5}, {-2, 1.5}, {-2, -1.5}, {2, -1.5}};

/* Trains the model once, from zero (lab/multilabel.h with the reference
 * sigmoid_bce). */
void sl_mldemo_enter(sl_app *a)
{
    sl_mldemo_state *s = &a->mldemo;
    if (s->trained)
        return;
    double *X = malloc(N * 2 * sizeof *X), *Y = malloc(N * 2 * sizeof *Y);
    if (!X || !Y)
        abort();
    sl_multilabel_toy(N, NOISE, SEED, X, Y);
    memset(s->W, 0, sizeof s->W);
    memset(s->b, 0, sizeof s->b);
    double first;
    sl_multilabel_train(X, Y, N, 2, 2, s->W, s->b, LR, 1, &first);
    s->loss0 = first;
    s->loss = sl_multilabel_train(X, Y, N, 2, 2, s->W, s->b, LR, EPOCHS - 1, NULL);
    s->trained = 1;
    free(X);
    free(Y);
}

int sl_mldemo_key(sl_app *a, int key)
{
    sl_mldemo_state *s = &a->mldemo;
    switch (key) {
    case SL_K_DOWN: case 'j':
        s->sel = (s->sel + 1) % N_EX;
        return 1;
    case SL_K_UP: case 'k':
        s->sel = (s->sel + N_EX - 1) % N_EX;
        return 1;
    default:
        return 0;
    }
}

/* The glyph of a cell by the labels switched on: none, A, B, both. */
static uint32_t combo_glyph(const sl_app *a, int on_a, int on_b)
{
    static const uint32_t ascii[4] = {'.', '-', '|', '+'};
    static const uint32_t utf8[4] = {0x00B7, 0x2500, 0x2502, 0x253C};
    int c = on_a + 2 * on_b;
    return a->ascii ? ascii[c] : utf8[c];
}

/* The map of the plane [−3, 3]² at (x, y), MAP_W × MAP_H cells, with the
 * selected example marked. */
static void draw_map(sl_app *a, sl_grid *g, sl_rect r, int x, int y)
{
    const sl_mldemo_state *s = &a->mldemo;
    static const uint8_t color[4] = {0, SL_CYAN, SL_MAGENTA, SL_GREEN};
    for (int row = 0; row < MAP_H; row++)
        for (int col = 0; col < MAP_W; col++) {
            double p[2] = {-RANGE + 2 * RANGE * (col + 0.5) / MAP_W,
                           RANGE - 2 * RANGE * (row + 0.5) / MAP_H}, S[2];
            sl_multilabel_predict(p, s->W, s->b, 1, 2, 2, S);
            int on_a = S[0] > 0.5, on_b = S[1] > 0.5;
            if (y + row < r.y + r.h && x + col < r.x + r.w)
                sl_grid_put(g, x + col, y + row, combo_glyph(a, on_a, on_b),
                            sl_st(on_a && on_b ? SL_BOLD : on_a || on_b ? 0 : SL_DIM,
                                  color[on_a + 2 * on_b], 0));
        }
    const double *e = examples[s->sel];
    int col = (int)((e[0] + RANGE) / (2 * RANGE) * MAP_W);
    int row = (int)((RANGE - e[1]) / (2 * RANGE) * MAP_H);
    sl_grid_put(g, x + col, y + row, '@', sl_st(SL_BOLD | SL_REVERSE, 0, 0));
}

void sl_mldemo_draw(sl_app *a, sl_grid *g, sl_rect r)
{
    const sl_mldemo_state *s = &a->mldemo;
    if (!s->trained)
        return;
    char l0[32], l1[32], ep[32], line[1024];
    snprintf(l0, sizeof l0, "%.3f", s->loss0);
    snprintf(l1, sizeof l1, "%.3f", s->loss);
    snprintf(ep, sizeof ep, "%d", EPOCHS);
    sl_tpl3(line, sizeof line, sl_app_str(a, "mld_trained"), ep, l0, l1);
    int y = r.y + sl_draw_wrapped(g, sl_rc(r.x, r.y, r.w, 2), line, 0, 0, sl_st(SL_BOLD, 0, 0));
    draw_map(a, g, r, r.x, y);
    /* the legend under the map: "· none  ─ A  │ B  ┼ both" */
    const char *names = sl_app_str(a, "mld_combos");
    int lx = r.x;
    for (int c = 0; c < 4 && names; c++) {
        const char *end = strchr(names, '|');
        char name[64];
        snprintf(name, sizeof name, "%.*s", end ? (int)(end - names) : (int)strlen(names), names);
        sl_grid_put(g, lx, y + MAP_H, combo_glyph(a, c & 1, c >> 1), sl_st(SL_BOLD, 0, 0));
        lx += 2 + sl_put_text(g, r, lx + 2, y + MAP_H, name, sl_st(SL_DIM, 0, 0)) + 2;
        names = end ? end + 1 : NULL;
    }
    /* the table of examples, right of the map */
    int tx = r.x + MAP_W + 3;
    sl_rect t = sl_rc(tx, y, r.x + r.w - tx, r.y + r.h - y);
    sl_style head = sl_st(SL_UNDERLINE | SL_BOLD, 0, 0);
    sl_put_text(g, t, tx + 2, y, "x, y", head);
    sl_put_text(g, t, tx + 14, y, sl_app_str(a, "mld_col_a"), head);
    sl_put_text(g, t, tx + 24, y, sl_app_str(a, "mld_col_b"), head);
    sl_put_text(g, t, tx + 34, y, sl_app_str(a, "mld_col_sm"), head);
    double S[N_EX][2];
    for (int i = 0; i < N_EX; i++) {
        const double *e = examples[i];
        sl_multilabel_predict(e, s->W, s->b, 1, 2, 2, S[i]);
        double z[2], p[2];
        logits(e, s->W, s->b, 1, 2, 2, z);
        softmax(z, p, 1, 2);
        int yy = y + 1 + i;
        sl_put_text(g, t, tx, yy, i == s->sel ? ">" : " ", sl_st(SL_BOLD, 0, 0));
        snprintf(line, sizeof line, "%4.1f,%4.1f", e[0], e[1]);
        sl_put_text(g, t, tx + 2, yy, line, i == s->sel ? sl_st(SL_REVERSE, 0, 0) : sl_st(0, 0, 0));
        for (int j = 0; j < 2; j++) {
            snprintf(line, sizeof line, "%.3f", S[i][j]);
            sl_put_text(g, t, tx + 14 + 10 * j, yy, line,
                        S[i][j] > 0.5 ? sl_st(SL_BOLD, SL_GREEN, 0) : sl_st(SL_DIM, 0, 0));
            if (S[i][j] > 0.5)
                sl_put_text(g, t, tx + 19 + 10 * j, yy, "*", sl_st(SL_BOLD, 0, 0));
        }
        snprintf(line, sizeof line, "%.2f/%.2f", p[0], p[1]);
        sl_put_text(g, t, tx + 34, yy, line, sl_st(0, 0, 0));
    }
    char sa[32], sb[32];
    const double *e = S[s->sel];
    snprintf(sa, sizeof sa, "%.3f", e[0]);
    snprintf(sb, sizeof sb, "%.3f", e[1]);
    const char *note = e[0] > 0.5 && e[1] > 0.5 ? "mld_both" : "mld_not_both";
    sl_tpl(line, sizeof line, sl_app_str(a, note), sa, sb);
    sl_draw_wrapped(g, sl_rc(tx, y + 2 + N_EX, t.w, t.h - 2 - N_EX), line, 0, 0,
                    sl_st(0, SL_YELLOW, 0));
}

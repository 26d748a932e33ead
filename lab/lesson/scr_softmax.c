/* scr_softmax.c — the softmax playground (§2): a logit vector edited with
 * the keys, its probabilities as numbers and bars, a temperature, the
 * lecture's examples, and what the naive formula does with large logits. */
#include "screens.h"
#include "render/text.h"
#include "softmax_lab.h"
#include "tpl.h"
#include "render/utf8.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const double examples[][3] = {
    {10, 0, 0},        /* the slide's "≈ [0.999, 0.0004, 0.0004]" (wrong) */
    {1, 1, 1},         /* uniform */
    {2, 1, 0.1},       /* the classic textbook vector */
    {1000, 999, 998},  /* exp overflows in double without the max trick */
};
enum { N_EXAMPLES = sizeof examples / sizeof *examples };

static void load_example(sl_logits_state *s, int i)
{
    s->example = i % N_EXAMPLES;
    s->n = 3;
    memcpy(s->z, examples[s->example], sizeof examples[0]);
    s->temp = 1;
}

void sl_softmax_init(sl_app *a)
{
    load_example(&a->softmax, 0);
    a->softmax.sel = 0;
}

int sl_logits_edit_key(sl_logits_state *s, int key, double step)
{
    switch (key) {
    case SL_K_UP: case 'k':
        s->sel = (s->sel + s->n - 1) % s->n;
        return 1;
    case SL_K_DOWN: case 'j':
        s->sel = (s->sel + 1) % s->n;
        return 1;
    case '+': case '=':
        s->z[s->sel] += step;
        return 1;
    case '-': case '_':
        s->z[s->sel] -= step;
        return 1;
    default:
        return 0;
    }
}

int sl_softmax_key(sl_app *a, int key)
{
    sl_logits_state *s = &a->softmax;
    if (sl_logits_edit_key(s, key, 1))
        return 1;
    switch (key) {
    case 'a':
        for (int i = 0; i < s->n; i++)
            s->z[i] += 1;
        return 1;
    case 't':
        s->temp = s->temp * 2 > 64 ? 64 : s->temp * 2;
        return 1;
    case 'T':
        s->temp = s->temp / 2 < 1.0 / 64 ? 1.0 / 64 : s->temp / 2;
        return 1;
    case 'e':
        load_example(s, s->example + 1);
        return 1;
    case '>':
        if (s->n < 5)
            s->z[s->n++] = 0;
        return 1;
    case '<':
        if (s->n > 2)
            s->sel = s->sel >= --s->n ? s->n - 1 : s->sel;
        return 1;
    default:
        return 0;
    }
}

void sl_softmax_draw(sl_app *a, sl_grid *g, sl_rect r)
{
    const sl_logits_state *s = &a->softmax;
    double zt[5], p[5], naive[5], nsum = 0, zmax = -INFINITY;
    for (int i = 0; i < s->n; i++) {
        zt[i] = s->z[i] / s->temp;
        naive[i] = exp(zt[i]);
        nsum += naive[i];
        zmax = zt[i] > zmax ? zt[i] : zmax;
    }
    softmax(zt, p, 1, (size_t)s->n);
    sl_style plain = sl_st(0, 0, 0), head = sl_st(SL_UNDERLINE | SL_BOLD, 0, 0);
    int y = r.y, x = r.x;
    /* columns: marker, z, z/T, e^(z/T) computed naively, softmax, bar */
    enum { CZ = 2, CZT = 12, CE = 23, CP = 38, CB = 50 };
    sl_put_text(g, r, x + CZ + 7, y, "z", head);
    sl_put_text(g, r, x + CZT + 6, y, "z/T", head);
    const char *eh = sl_app_str(a, "sm_col_exp");
    sl_put_text(g, r, x + CE + 13 - sl_str_width(eh), y, eh, head);
    sl_put_text(g, r, x + CP, y, sl_app_str(a, "sm_col_p"), head);
    size_t best = argmax(p, (size_t)s->n);
    for (int i = 0; i < s->n; i++) {
        char buf[64];
        int row = y + 1 + i;
        sl_style st = i == s->sel ? sl_st(SL_REVERSE, 0, 0) : plain;
        sl_put_text(g, r, x, row, i == s->sel ? ">" : " ", sl_st(SL_BOLD, 0, 0));
        sl_fmt_num(buf, sizeof buf, s->z[i], 8, 2);
        sl_put_text(g, r, x + CZ, row, buf, st);
        sl_fmt_num(buf, sizeof buf, zt[i], 9, 3);
        sl_put_text(g, r, x + CZT, row, buf, plain);
        sl_fmt_num(buf, sizeof buf, naive[i], 13, 4);
        sl_put_text(g, r, x + CE, row, buf, isfinite(naive[i]) ? plain : sl_st(SL_BOLD, SL_RED, 0));
        sl_fmt_prob(buf, sizeof buf, p[i]);
        sl_put_text(g, r, x + CP, row, buf, (size_t)i == best ? sl_st(SL_BOLD, 0, 0) : plain);
        int bw = r.w - CB - 1 > 40 ? 40 : r.w - CB - 1;
        if (bw > 2)
            sl_render_bar(g, x + CB, row, bw, p[i], a->gl, sl_st(0, sl_class_color((size_t)i), 0));
    }
    y += s->n + 2;
    double psum = 0;
    for (int i = 0; i < s->n; i++)
        psum += p[i];
    char sum[32], t[32], cls[96], line[512];
    snprintf(sum, sizeof sum, "%.5f", psum);
    snprintf(t, sizeof t, "%g", s->temp);
    snprintf(cls, sizeof cls, "%zu", best + 1);
    char ties[64] = "", one[16];
    int n_ties = 0;
    for (int i = 0; i < s->n; i++)
        if (zt[i] == zt[best]) {
            snprintf(one, sizeof one, "%s%d", n_ties++ ? ", " : "", i + 1);
            strncat(ties, one, sizeof ties - strlen(ties) - 1);
        }
    if (n_ties > 1)                    /* argmax would name the first: say it is a tie */
        sl_tpl(cls, sizeof cls, sl_app_str(a, "sm_tie"), ties, NULL);
    sl_tpl3(line, sizeof line, sl_app_str(a, "sm_sum"), sum, t, cls);
    sl_put_text(g, r, x, y++, line, plain);
    sl_rect rest = sl_rc(r.x, y, r.w, r.y + r.h - y);
    char zm[32];
    snprintf(zm, sizeof zm, "%g", zmax);
    const char *what = s->temp == 1 ? "z" : "z/T";      /* the scores softmax sees */
    if (!isfinite(nsum))
        sl_tpl(line, sizeof line, sl_app_str(a, "sm_overflow"), zm, what);
    else if (s->n == 3 && s->temp == 1 && s->z[0] - s->z[1] == 10 && s->z[1] == s->z[2])
        sl_tpl(line, sizeof line, sl_app_str(a, "sm_slide_wrong"), NULL, NULL);
    else
        sl_tpl(line, sizeof line, sl_app_str(a, "sm_shift"), zm, what);
    if (rest.h > 0)
        sl_draw_wrapped(g, rest, line, 0, 0, sl_st(0, SL_YELLOW, 0));
}

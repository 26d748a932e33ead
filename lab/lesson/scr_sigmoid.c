/* scr_sigmoid.c — independent sigmoids next to softmax on the same scores:
 * §1 one-vs-rest (three yes/no classifiers whose outputs need not sum to 1)
 * and §6 multi-label (a sigmoid and a binary cross-entropy per label, so two
 * labels can both be likely).  Both pages share the state a->sigmoid. */
#include "screens.h"
#include "multilabel.h"
#include "render/text.h"
#include "softmax_lab.h"
#include "tpl.h"

#include <stdio.h>
#include <string.h>

static const double ovr_z[3] = {1.5, 1.0, -0.5};      /* looks like a cat and like a dog */
static const double ml_z[3] = {2.0, 1.5, -1.0};       /* a dog and a person, no car */
static const double ml_target[3] = {1, 1, 0};

static void load(sl_logits_state *s, const double *z)
{
    memcpy(s->z, z, 3 * sizeof *z);
    s->n = 3;
    s->temp = 1;
}

void sl_sigmoid_init(sl_app *a)
{
    load(&a->sigmoid, ovr_z);
}

void sl_ovr_enter(sl_app *a)
{
    load(&a->sigmoid, ovr_z);
    a->sigmoid.example = 0;
}

void sl_multilabel_enter(sl_app *a)
{
    load(&a->sigmoid, ml_z);
    a->sigmoid.example = 1;
}

int sl_sigmoid_key(sl_app *a, int key)
{
    sl_logits_state *s = &a->sigmoid;
    if (sl_logits_edit_key(s, key, 0.5))
        return 1;
    if (key == 'r') {
        load(s, s->example ? ml_z : ovr_z);
        return 1;
    }
    return 0;
}

/* The i-th of the names "a|b|c" into buf. */
static void nth_name(const char *names, int i, char *buf, size_t size)
{
    const char *p = names;
    for (int k = 0; k < i && p; k++) {
        p = strchr(p, '|');
        p = p ? p + 1 : NULL;
    }
    if (!p) {
        snprintf(buf, size, "%d", i + 1);
        return;
    }
    const char *e = strchr(p, '|');
    snprintf(buf, size, "%.*s", e ? (int)(e - p) : (int)strlen(p), p);
}

/* The three scores as one sample of the multi-label model of
 * lab/multilabel.h: x = [1], W = z (1×3), b = 0, so XW + b = z. */
static const double one = 1, no_bias[3] = {0, 0, 0};

/* Draws the table of both pages; returns the next free row. */
static int draw_table(sl_app *a, sl_grid *g, sl_rect r, int multilabel, double *sig, double *p)
{
    const sl_logits_state *s = &a->sigmoid;
    softmax(s->z, p, 1, 3);
    sl_multilabel_predict(&one, s->z, no_bias, 1, 1, 3, sig);
    sl_style plain = sl_st(0, 0, 0), head = sl_st(SL_UNDERLINE | SL_BOLD, 0, 0);
    int bw = (r.w - 44) / 2;
    bw = bw < 4 ? 4 : bw > 20 ? 20 : bw;
    int cs = 22, cp = cs + 8 + bw + 2;
    sl_put_text(g, r, r.x + 2, r.y, sl_app_str(a, multilabel ? "ml_col_label" : "ovr_col_class"), head);
    sl_put_text(g, r, r.x + 13, r.y, "z", head);
    sl_put_text(g, r, r.x + cs, r.y, sl_app_str(a, "col_sigmoid"), head);
    sl_put_text(g, r, r.x + cp, r.y, sl_app_str(a, "col_softmax"), head);
    const char *names = sl_app_str(a, multilabel ? "ml_labels" : "ovr_classes");
    for (int i = 0; i < 3; i++) {
        char name[64], buf[64];
        int y = r.y + 1 + i;
        nth_name(names, i, name, sizeof name);
        sl_put_text(g, r, r.x, y, i == s->sel ? ">" : " ", sl_st(SL_BOLD, 0, 0));
        sl_put_text(g, r, r.x + 2, y, name, plain);
        sl_fmt_num(buf, sizeof buf, s->z[i], 6, 2);
        sl_put_text(g, r, r.x + 10, y, buf, i == s->sel ? sl_st(SL_REVERSE, 0, 0) : plain);
        snprintf(buf, sizeof buf, "%.3f", sig[i]);
        sl_put_text(g, r, r.x + cs, y, buf, plain);
        sl_render_bar(g, r.x + cs + 6, y, bw, sig[i], a->gl, sl_st(0, SL_GREEN, 0));
        snprintf(buf, sizeof buf, "%.3f", p[i]);
        sl_put_text(g, r, r.x + cp, y, buf, plain);
        sl_render_bar(g, r.x + cp + 6, y, bw, p[i], a->gl, sl_st(0, SL_BLUE, 0));
    }
    char buf[64];
    snprintf(buf, sizeof buf, "%.3f", sig[0] + sig[1] + sig[2]);
    int y = r.y + 4;
    sl_put_text(g, r, r.x + 2, y, sl_app_str(a, "col_sum"), sl_st(SL_BOLD, 0, 0));
    sl_put_text(g, r, r.x + cs, y, buf, sl_st(SL_BOLD, SL_RED, 0));
    sl_put_text(g, r, r.x + cp, y, "1.000", sl_st(SL_BOLD, SL_GREEN, 0));
    return y + 2;
}

/* The names of the classes whose sigmoid says yes (> 0.5), joined as
 * "a", "a and b", "a, b and c"; returns how many. */
static int yes_names(const sl_app *a, const double *sig, char *out, size_t size)
{
    const char *names = sl_app_str(a, "ovr_classes");
    int idx[3], n = 0;
    for (int i = 0; i < 3; i++)
        if (sig[i] > 0.5)
            idx[n++] = i;
    out[0] = '\0';
    for (int j = 0; j < n; j++) {
        char name[64];
        nth_name(names, idx[j], name, sizeof name);
        const char *sep = j == 0 ? "" : j == n - 1 ? sl_app_str(a, "list_and")
                                                   : sl_app_str(a, "list_sep");
        size_t len = strlen(out);
        snprintf(out + len, size - len, "%s%s", sep, name);
    }
    return n;
}

void sl_ovr_draw(sl_app *a, sl_grid *g, sl_rect r)
{
    double sig[3], p[3];
    int y = draw_table(a, g, r, 0, sig, p);
    char sum[32], who[256], line[1024];
    snprintf(sum, sizeof sum, "%.3f", sig[0] + sig[1] + sig[2]);
    int yes = yes_names(a, sig, who, sizeof who);
    /* the sentence follows the count: none, one (no problem) or several */
    sl_tpl(line, sizeof line, sl_app_str(a, yes == 0 ? "ovr_none" : yes == 1 ? "ovr_one" : "ovr_many"),
           sum, who);
    sl_draw_wrapped(g, sl_rc(r.x, y, r.w, r.y + r.h - y), line, 0, 0, sl_st(0, SL_YELLOW, 0));
}

void sl_multilabel_draw(sl_app *a, sl_grid *g, sl_rect r)
{
    double sig[3], p[3];
    int y = draw_table(a, g, r, 1, sig, p);
    /* sigmoid_bce is the mean over the 3 labels; the page shows their sum.
     * The two losses are not compared: each is shown with its own floor
     * (0 for the sigmoids, ln 2 for softmax toward ½, ½, 0). */
    double dW[3], db[3], ce;
    double bce = 3 * sigmoid_bce(&one, a->sigmoid.z, no_bias, ml_target, 1, 1, 3, dW, db);
    /* softmax can only be trained toward a distribution: the target (1,1,0)
     * becomes (½,½,0), and its cross-entropy is that of the kit */
    const double soft_target[3] = {0.5, 0.5, 0};
    ce = cross_entropy(p, soft_target, 1, 3);
    char b1[32], b2[32], line[512];
    snprintf(b1, sizeof b1, "%.3f", bce);
    snprintf(b2, sizeof b2, "%.3f", ce);
    sl_tpl(line, sizeof line, sl_app_str(a, "ml_losses"), b1, b2);
    y += sl_draw_wrapped(g, sl_rc(r.x, y - 1, r.w, r.y + r.h - y + 1), line, 0, 0, sl_st(SL_BOLD, 0, 0)) - 1;
    char s0[32], s1[32], shared[64];
    snprintf(s0, sizeof s0, "%.2f", sig[0]);
    snprintf(s1, sizeof s1, "%.2f", sig[1]);
    snprintf(shared, sizeof shared, "%.2f + %.2f", p[0], p[1]);
    int likely = (sig[0] > 0.5) + (sig[1] > 0.5);
    sl_tpl3(line, sizeof line, sl_app_str(a, likely == 2 ? "ml_both" : likely ? "ml_one" : "ml_neither"),
            s0, s1, shared);
    sl_draw_wrapped(g, sl_rc(r.x, y + 1, r.w, r.y + r.h - y - 1), line, 0, 0, sl_st(0, SL_YELLOW, 0));
}

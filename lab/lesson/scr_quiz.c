/* scr_quiz.c — a short quiz at the end of §2–§4: one question at a time,
 * immediate feedback with an explanation, and the score.  Questions come
 * from the page's `quiz:` list; the state is a->quiz[page]. */
#include "screens.h"
#include "render/text.h"
#include "tpl.h"

#include <stdio.h>

int sl_quiz_answer_slot(const sl_page *p, int qi)
{
    unsigned h = 2166136261u;                    /* FNV-1a of the page id */
    for (const char *c = p->id; *c; c++)
        h = (h ^ (unsigned char)*c) * 16777619u;
    int n = (int)p->quiz[qi].n_choices;
    return n > 0 ? (int)((h + (unsigned)qi) % (unsigned)n) : 0;
}

/* The choice (index in the text) shown in slot c: the choices rotated so
 * that the answer lands in its slot (their order otherwise kept). */
static int choice_in_slot(const sl_page *p, int qi, int c)
{
    const sl_quiz_q *q = &p->quiz[qi];
    int n = (int)q->n_choices, r = (q->answer - sl_quiz_answer_slot(p, qi) + n) % n;
    return (c + r) % n;
}

int sl_quiz_key(sl_app *a, int key)
{
    const sl_page *p = sl_app_page(a);
    sl_quiz_state *s = &a->quiz[a->page];
    if (p->n_quiz == 0)
        return 0;
    if (s->q >= (int)p->n_quiz) {          /* finished: r starts again */
        if (key == 'r') {
            *s = (sl_quiz_state){0};
            return 1;
        }
        return 0;
    }
    const sl_quiz_q *q = &p->quiz[s->q];
    int nc = (int)q->n_choices;
    if (s->answered) {
        if (key == SL_K_ENTER || key == ' ') {
            s->q++;
            s->answered = 0;
            s->cursor = 0;
            return 1;
        }
        return 0;
    }
    if (key == SL_K_UP || key == 'k') {
        s->cursor = (s->cursor + nc - 1) % nc;
        return 1;
    }
    if (key == SL_K_DOWN || key == 'j') {
        s->cursor = (s->cursor + 1) % nc;
        return 1;
    }
    if (key >= 'a' && key < 'a' + nc)
        s->cursor = key - 'a';
    else if (key != SL_K_ENTER && key != ' ')
        return 0;
    s->answered = 1;
    s->chosen = s->cursor;
    s->right += s->chosen == sl_quiz_answer_slot(p, s->q);
    return 1;
}

void sl_quiz_draw(sl_app *a, sl_grid *g, sl_rect r)
{
    const sl_page *p = sl_app_page(a);
    const sl_quiz_state *s = &a->quiz[a->page];
    char n1[16], n2[16], line[512];
    snprintf(n2, sizeof n2, "%zu", p->n_quiz);
    if (s->q >= (int)p->n_quiz) {
        snprintf(n1, sizeof n1, "%d", s->right);
        sl_tpl(line, sizeof line, sl_app_str(a, "quiz_done"), n1, n2);
        sl_draw_wrapped(g, r, line, 0, 0, sl_st(SL_BOLD, 0, 0));
        return;
    }
    const sl_quiz_q *q = &p->quiz[s->q];
    snprintf(n1, sizeof n1, "%d", s->q + 1);
    sl_tpl(line, sizeof line, sl_app_str(a, "quiz_question"), n1, n2);
    sl_put_text(g, r, r.x, r.y, line, sl_st(SL_BOLD | SL_UNDERLINE, 0, 0));
    int y = r.y + 1;
    y += sl_draw_wrapped(g, sl_rc(r.x, y, r.w, r.y + r.h - y), q->question, 0, 0, sl_st(SL_BOLD, 0, 0));
    y++;
    const int right = sl_quiz_answer_slot(p, s->q);
    for (int c = 0; c < (int)q->n_choices; c++) {
        char label[640];
        snprintf(label, sizeof label, "(%c) %s", 'a' + c, q->choices[choice_in_slot(p, s->q, c)]);
        sl_style st = sl_st(0, 0, 0);
        const char *mark = c == s->cursor && !s->answered ? ">" : " ";
        if (s->answered && c == right) {
            st = sl_st(SL_BOLD, SL_GREEN, 0);
            mark = a->ascii ? "+" : "\xe2\x9c\x93";            /* ✓ */
        } else if (s->answered && c == s->chosen) {
            st = sl_st(SL_UNDERLINE, SL_RED, 0);
            mark = a->ascii ? "x" : "\xe2\x9c\x97";            /* ✗ */
        } else if (c == s->cursor && !s->answered) {
            st = sl_st(SL_REVERSE, 0, 0);
        }
        sl_put_text(g, r, r.x, y, mark, sl_st(SL_BOLD, 0, 0));
        y += sl_draw_wrapped(g, sl_rc(r.x + 2, y, r.w - 2, r.y + r.h - y), label, 4, 0, st);
    }
    if (!s->answered)
        return;
    y++;
    const char *verdict = sl_app_str(a, s->chosen == right ? "quiz_right" : "quiz_wrong");
    snprintf(line, sizeof line, a->zh ? "%s%s" : "%s %s", verdict, q->explain);
    sl_draw_wrapped(g, sl_rc(r.x, y, r.w, r.y + r.h - y), line, 0, 0,
                    sl_st(SL_BOLD, s->chosen == right ? SL_GREEN : SL_RED, 0));
}

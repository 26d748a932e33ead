/* test_live_text.c — every sentence next to a live number follows it: each
 * widget is driven to its extremes and the text is read back.  One-vs-rest
 * (0, 1, 2 or 3 sigmoids saying yes), multi-label (both, one, neither label
 * likely; softmax's loss never below ln 2), cross-entropy at p = 1 and at
 * its smallest p, the playground (ties, temperature), the worked examples
 * of the text, and the order of the §6 pages that measure a model. */
#include "app_fixture.h"
#include "render/utf8.h"
#include "content.h"
#include "screens.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The screen with every line joined by a space (wrapped sentences whole). */
static const char *flat(void)
{
    static char buf[16384];
    const char *s = draw();
    size_t n = 0;
    for (const char *p = s; *p && n + 1 < sizeof buf; p++) {
        if (*p == '\n') {
            while (n > 0 && buf[n - 1] == ' ')
                n--;
            buf[n++] = ' ';
            while (p[1] == ' ')
                p++;
        } else {
            buf[n++] = *p;
        }
    }
    buf[n] = '\0';
    return buf;
}

#define expect_flat(needle)                                                             \
    cr_expect(strstr(flat(), needle), "expected \"%s\" on page %zu:\n%s", needle,         \
              app.page + 1, screen())
#define expect_not_flat(needle)                                                         \
    cr_expect(!strstr(flat(), needle), "did not expect \"%s\" on page %zu:\n%s", needle,  \
              app.page + 1, screen())

/* Sets the one-vs-rest / multi-label scores directly (the keys are tested
 * elsewhere; here the text is). */
static void scores(double a, double b, double c)
{
    app.sigmoid.z[0] = a, app.sigmoid.z[1] = b, app.sigmoid.z[2] = c;
}

Test(live_text, one_vs_rest_follows_the_count, .init = en, .fini = teardown_app)
{
    sl_app_goto(&app, (size_t)page_of("s1-ovr"));
    scores(-1, -2, -3);
    expect_flat("None of the three sigmoids says \"yes\"");
    scores(2, -2, -3);
    expect_flat("Only cat says \"yes\"");
    expect_flat("picks a class without trouble");
    expect_not_flat("which class is it?");
    scores(2, 1, -3);
    expect_flat("cat and dog say \"yes\": which class is it?");
    scores(2, 1, 3);
    expect_flat("cat, dog and bird say \"yes\"");
    expect_not_flat("no rule to pick");
    expect_flat("not comparable");
}

Test(live_text, one_vs_rest_chinese, .init = zh, .fini = teardown_app)
{
    sl_app_goto(&app, (size_t)page_of("s1-ovr"));
    scores(2, 1, 3);
    expect_flat("猫、狗和鸟都说“是”");
    scores(-1, 2, -3);
    expect_flat("只有狗说“是”");
}

/* Drives the person score from +5 to −5: the sentence never calls both
 * likely unless both sigmoids are above 0.5, and softmax's loss toward
 * (½, ½, 0) shown on the page is never below ln 2. */
Test(live_text, multi_label_follows_the_scores, .init = en, .fini = teardown_app)
{
    sl_app_goto(&app, (size_t)page_of("s6-multilabel"));
    for (double person = 5; person >= -5; person -= 0.5) {
        scores(2, person, -1);
        const char *s = flat();
        int both = 1 / (1 + exp(-person)) > 0.5;
        cr_expect(!strstr(s, "both likely") == !both, "person z = %g: %s", person, s);
        const char *l = strstr(s, "toward ½, ½, 0: ");
        double ce = NAN;
        cr_assert(l && sscanf(l + strlen("toward ½, ½, 0: "), "%lf", &ce) == 1, "%s", s);
        cr_expect_geq(ce, 0.693, "softmax's loss %g below ln 2 at person z = %g", ce, person);
    }
    scores(-3, -3, -1);
    expect_flat("neither is likely");
    expect_flat("never below ln 2");
}

Test(live_text, cross_entropy_extremes, .init = en, .fini = teardown_app)
{
    sl_app_goto(&app, (size_t)page_of("s3-ce"));
    for (int i = 0; i < 200; i++)
        keys("+");
    expect_flat("p(true class) = 1.00");
    expect_flat("loss −log p = 0.000");
    expect_not_flat("-0.000");
    for (int i = 0; i < 200; i++)
        keys("-");
    expect_flat("p(true class) = 0.01");
    expect_flat("loss −log p = 4.605");
}

Test(live_text, playground_ties_and_temperature, .init = en, .fini = teardown_app)
{
    sl_app_goto(&app, (size_t)page_of("s2-playground"));
    app.softmax.n = 3;
    app.softmax.z[0] = app.softmax.z[1] = app.softmax.z[2] = 0;
    expect_flat("predicted class: a tie of 1, 2, 3");
    app.softmax.z[2] = 1;
    expect_flat("predicted class: 3");
    keys("t");                                   /* T = 2 */
    expect_flat("z/T − max(z/T)");
    keys("T");
    expect_flat("z − max(z)");
    expect_not_flat("lecture's examples");
}

/* A worked "Softmax(a, b, c) = Softmax(d, e, f)" in the text subtracts the
 * maximum, as the text says it does. */
Test(live_text, worked_examples_subtract_the_maximum, .init = en, .fini = teardown_app)
{
    int found = 0;
    for (int l = 0; l < 2; l++)
        for (size_t p = 0; p < app.content[l].n_pages; p++) {
            char body[8192];
            snprintf(body, sizeof body, "%s", app.content[l].pages[p].body);
            for (char *m; (m = strstr(body, "\u2212"));)        /* − as - */
                memmove(m + 1, m + 3, strlen(m + 3) + 1), *m = '-';
            for (const char *s = body; (s = strstr(s, "Softmax(")); s++) {
                double a, b, c, d, e, f;
                if (sscanf(s, "Softmax(%lf, %lf, %lf) = Softmax(%lf, %lf, %lf)", &a, &b, &c, &d, &e,
                           &f) != 6)
                    continue;
                double m = fmax(a, fmax(b, c));
                found++;
                cr_expect(d == a - m && e == b - m && f == c - m,
                          "page %s: Softmax(%g, %g, %g) = Softmax(%g, %g, %g) does not subtract max %g",
                          app.content[l].pages[p].id, a, b, c, d, e, f, m);
            }
        }
    cr_expect_geq(found, 2, "the worked example is missing");
}

/* The calibration page measures the digits model, so it comes after the
 * page that trains it, and the page before it does not promise one answer. */
Test(live_text, calibration_after_the_model_it_measures, .init = en, .fini = teardown_app)
{
    cr_expect_gt(page_of("s6-calib"), page_of("s6-ocr"));
    cr_expect_lt(page_of("s6-prob"), page_of("s6-calib"));
    const char *prob = app.content[0].pages[page_of("s6-prob")].body;
    cr_expect(strstr(prob, "over-confident") && strstr(prob, "under-confident"), "%s", prob);
}

/* Chinese typography, checked on every piece of Chinese prose (page bodies
 * with table cells and ** taken apart, quizzes, interface strings; runs of
 * two blanks are layout, not prose): no blank next to full-width
 * punctuation, no ASCII , : ; ! ? against a Chinese character (nor after
 * "提示 1"), and the slides' term 独热（one-hot）编码 at its first use. */
static const char *zh_fault(const char *piece)
{
    static const char *const fw[] = {"，", "。", "、", "：", "；", "！", "？", "（", "）", "“", "”"};
    for (size_t i = 0; i < sizeof fw / sizeof *fw; i++) {
        char a[16], b[16];
        snprintf(a, sizeof a, " %s", fw[i]);
        snprintf(b, sizeof b, "%s ", fw[i]);
        if (strstr(piece, a) || strstr(piece, b))
            return "a blank next to full-width punctuation";
    }
    uint32_t prev = 0;
    for (const char *p = piece; *p;) {
        uint32_t c = sl_utf8_next(&p);
        int cjk_prev = prev >= 0x4E00 && prev <= 0x9FFF, cjk_next = 0;
        const char *q = p;
        uint32_t next = sl_utf8_next(&q);
        cjk_next = next >= 0x4E00 && next <= 0x9FFF;
        if (c < 128 && c && strchr(",:;!?", (int)c) && (cjk_prev || cjk_next))
            return "ASCII punctuation against a Chinese character";
        prev = c;
    }
    return NULL;
}

static void check_zh(const char *where, const char *text)
{
    char buf[8192];
    snprintf(buf, sizeof buf, "%s", text);
    for (char *m; (m = strstr(buf, "**"));)
        memmove(m, m + 2, strlen(m + 2) + 1);
    char *save = NULL;
    for (char *line = strtok_r(buf, "\n|", &save); line; line = strtok_r(NULL, "\n|", &save)) {
        char *s = line, *gap;
        while (*s == ' ')
            s++;
        for (;;) {                         /* pieces between layout gaps */
            gap = strstr(s, "  ");
            if (gap)
                *gap = '\0';
            for (size_t n = strlen(s); n > 0 && s[n - 1] == ' ';)
                s[--n] = '\0';
            const char *why = zh_fault(s);
            cr_expect(!why, "%s: %s in \"%s\"", where, why, s);
            if (!gap)
                break;
            s = gap + 2;
            while (*s == ' ')
                s++;
        }
    }
}

Test(live_text, chinese_typography, .init = zh, .fini = teardown_app)
{
    const sl_content *c = &app.content[1];
    int first_term = -1, first_onehot = -1;
    for (size_t p = 0; p < c->n_pages; p++) {
        const sl_page *pg = &c->pages[p];
        check_zh(pg->id, pg->body);
        for (size_t q = 0; q < pg->n_quiz; q++) {
            check_zh(pg->id, pg->quiz[q].question);
            check_zh(pg->id, pg->quiz[q].explain);
            for (size_t k = 0; k < pg->quiz[q].n_choices; k++)
                check_zh(pg->id, pg->quiz[q].choices[k]);
        }
        if (first_onehot < 0 && (strstr(pg->body, "one-hot") || strstr(pg->body, "独热")))
            first_onehot = (int)p, first_term = strstr(pg->body, "独热（one-hot）编码") != NULL;
    }
    for (size_t i = 0; i < c->n_strings; i++)
        check_zh(c->keys[i], c->values[i]);
    cr_expect_eq(first_term, 1, "the first use (page %d) is not 独热（one-hot）编码", first_onehot + 1);
    /* text joined at run time: the quiz verdict and its explanation */
    sl_app_goto(&app, (size_t)page_of("s2-quiz"));
    char k[2] = {(char)('a' + (sl_quiz_answer_slot(sl_app_page(&app), 0) + 1) % 4), 0};
    keys(k);
    const char *s = draw();
    cr_expect(strstr(s, "不太对。") && !strstr(s, "不太对。 "), "%s", s);
}

/* Text from exercises.yaml shown on the exercises page is typeset too. */
Test(live_text, chinese_manifest_text_tidied)
{
    char *t = sl_zh_tidy("S = sigmoid(Z)（逐元素）， 损失是 L。 下一句");
    cr_expect_str_eq(t, "S = sigmoid(Z)（逐元素），损失是 L。下一句");
    free(t);
}

/* A lesson page (not only the exercise text) says log is the natural log,
 * and explains why ∇b is exactly 0 on the first step of §4's example —
 * which the step widget shows. */
Test(live_text, natural_log_and_first_grad_b, .init = en, .fini = teardown_app)
{
    for (int l = 0; l < 2; l++) {
        const sl_content *c = &app.content[l];
        const char *ce = c->pages[sl_content_find(c, "s3-ce")].body;
        const char *gr = c->pages[sl_content_find(c, "s4-grad")].body;
        cr_expect(strstr(ce, l ? "自然对数 ln" : "natural logarithm ln"), "%s", ce);
        cr_expect(strstr(gr, l ? "∇b 恰好为 0" : "∇b is exactly 0"), "%s", gr);
        cr_expect(strstr(gr, "⅓ + ⅓ − ⅔ = 0"), "the reason is given: %s", gr);
    }
    sl_app_goto(&app, (size_t)page_of("s4-step"));
    expect_flat("∇b [ 0.000  0.000  0.000]");
}

/* test_live_text.c — every sentence next to a live number follows it: each
 * widget is driven to its extremes and the text is read back.  One-vs-rest
 * (0, 1, 2 or 3 sigmoids saying yes), multi-label (both, one, neither label
 * likely; softmax's loss never below ln 2), cross-entropy at p = 1 and at
 * its smallest p, the playground (ties, temperature), the worked examples
 * of the text, and the order of the §6 pages that measure a model. */
#include "app_fixture.h"
#include "render/utf8.h"

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

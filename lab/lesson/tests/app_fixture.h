/* app_fixture.h — what the lesson's screen tests share: one app and one
 * 80×24 grid per test, drawn and read back as text, keys fed as typed. */
#ifndef SL_TEST_APP_FIXTURE_H
#define SL_TEST_APP_FIXTURE_H

#include "app.h"

#include <criterion/criterion.h>
#include <string.h>

extern sl_app app;
extern sl_grid grid;

/* Criterion init/fini: the app in English or Chinese (80×24 grid). */
void setup_app(int zh, int ascii);
void teardown_app(void);
void en(void);
void zh(void);

/* The grid as UTF-8 text (valid until the next call); draw() draws first. */
const char *screen(void);
const char *draw(void);

/* Feeds each character of k as a key press. */
void keys(const char *k);

/* Index of the page with this id (fails the test when missing). */
int page_of(const char *id);

#define expect_screen(needle)                                                          \
    do {                                                                               \
        const char *s_ = draw();                                                       \
        cr_expect(strstr(s_, needle), "expected \"%s\" on page %zu:\n%s", needle,      \
                  app.page + 1, s_);                                                   \
    } while (0)

#endif

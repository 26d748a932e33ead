/* app_fixture.c — the shared setup of the screen tests (app_fixture.h). */
#include "app_fixture.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

sl_app app;
sl_grid grid;

void setup_app(int zh, int ascii)
{
    cr_assert(setlocale(LC_CTYPE, "C.UTF-8") || setlocale(LC_CTYPE, "C.utf8"));
    sl_app_options o = {.zh = zh, .ascii = ascii, .color = 1};
    char err[512];
    cr_assert_eq(sl_app_init(&app, &o, err, sizeof err), 0, "sl_app_init: %s", err);
    cr_assert_eq(sl_grid_init(&grid, 80, 24), 0);
}

void teardown_app(void)
{
    sl_grid_free(&grid);
    sl_app_free(&app);
}

void en(void) { setup_app(0, 0); }
void zh(void) { setup_app(1, 0); }

/* The grid as UTF-8 text (static buffer). */
const char *screen(void)
{
    static char *buf;
    size_t len;
    free(buf);
    FILE *f = open_memstream(&buf, &len);
    sl_grid_dump(&grid, f);
    fclose(f);
    return buf;
}

const char *draw(void)
{
    sl_app_draw(&app, &grid);
    return screen();
}

void keys(const char *k)
{
    for (; *k; k++)
        sl_app_key(&app, (unsigned char)*k);
}

int page_of(const char *id)
{
    int i = sl_content_find(&app.content[0], id);
    cr_assert_geq(i, 0, "page %s is missing", id);
    return i;
}



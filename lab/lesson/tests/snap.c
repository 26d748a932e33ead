/* snap.c — prints lesson frames without a terminal: builds the app, feeds it
 * a key script and dumps the grid.  For reading every page in both
 * languages (make lesson-snap) and for debugging the screens.
 *   snap [-s WxH] [-l en|zh] [-a] [-c] [-p PAGE|all] [KEYS]
 * KEYS: characters as typed, plus <R> <L> <U> <D> <E> (Enter) <X> (Esc)
 * <T> (one animation tick).  -c also prints the attribute layer. */
#include "app.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void feed(sl_app *a, const char *keys)
{
    for (const char *k = keys; *k; k++) {
        if (k[0] == '<' && k[1] && k[2] == '>') {
            int code = k[1] == 'R' ? SL_K_RIGHT : k[1] == 'L' ? SL_K_LEFT : k[1] == 'U' ? SL_K_UP
                     : k[1] == 'D' ? SL_K_DOWN : k[1] == 'E' ? SL_K_ENTER : k[1] == 'X' ? SL_K_ESC
                     : 0;
            if (k[1] == 'T')
                sl_app_tick(a);
            else if (code)
                sl_app_key(a, code);
            k += 2;
            continue;
        }
        sl_app_key(a, (unsigned char)*k);
    }
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "C.UTF-8");
    int w = 80, h = 24, attrs = 0;
    const char *page = NULL, *keys = "";
    sl_app_options o = {.color = 1};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-s") && i + 1 < argc)
            sscanf(argv[++i], "%dx%d", &w, &h);
        else if (!strcmp(argv[i], "-l") && i + 1 < argc)
            o.zh = !strcmp(argv[++i], "zh");
        else if (!strcmp(argv[i], "-a"))
            o.ascii = 1;
        else if (!strcmp(argv[i], "-c"))
            attrs = 1;
        else if (!strcmp(argv[i], "-p") && i + 1 < argc)
            page = argv[++i];
        else
            keys = argv[i];
    }
    static sl_app a;
    char err[512];
    if (sl_app_init(&a, &o, err, sizeof err)) {
        fprintf(stderr, "snap: %s\n", err);
        return 1;
    }
    sl_grid g;
    if (sl_grid_init(&g, w, h))
        return 1;
    size_t from = 0, to = 1;
    if (page && !strcmp(page, "all"))
        to = a.content[0].n_pages;
    else if (page)
        from = (size_t)atoi(page) - 1, to = from + 1;
    for (size_t p = from; p < to; p++) {
        if (page)
            sl_app_goto(&a, p);
        feed(&a, keys);
        sl_app_draw(&a, &g);
        printf("==== page %zu (%dx%d)%s ====\n", a.page + 1, w, h, g.cuts ? " CUT" : "");
        sl_grid_dump(&g, stdout);
        if (attrs)
            sl_grid_dump_attrs(&g, stdout);
    }
    sl_grid_free(&g);
    sl_app_free(&a);
    return 0;
}

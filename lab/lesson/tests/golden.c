/* golden.c — golden-file comparison for the renderer tests (golden.h). */
#include "golden.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef GOLDEN_DIR
#define GOLDEN_DIR "lab/lesson/tests/golden"
#endif

char *sl_golden_render(const sl_grid *g)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        abort();
    sl_grid_dump(g, f);
    fputs("-- attributes --\n", f);
    sl_grid_dump_attrs(g, f);
    fclose(f);
    return buf;
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (!s || fread(s, 1, (size_t)n, f) != (size_t)n)
        abort();
    s[n] = '\0';
    fclose(f);
    return s;
}

int sl_golden_check(const sl_grid *g, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s.txt", GOLDEN_DIR, name);
    char *got = sl_golden_render(g);
    const char *update = getenv("SL_UPDATE_GOLDEN");
    if (update && *update == '1') {
        FILE *f = fopen(path, "wb");
        if (f) {
            fputs(got, f);
            fclose(f);
        }
        fprintf(stderr, "golden: wrote %s\n", path);
        free(got);
        return 1;
    }
    char *want = read_all(path);
    if (!want) {
        fprintf(stderr, "golden: %s is missing (run with SL_UPDATE_GOLDEN=1 to create it)\n", path);
        free(got);
        return 0;
    }
    int ok = strcmp(want, got) == 0;
    if (!ok) {
        const char *a = want, *b = got;
        for (int line = 1;; line++) {
            const char *ea = strchr(a, '\n'), *eb = strchr(b, '\n');
            size_t la = ea ? (size_t)(ea - a) : strlen(a), lb = eb ? (size_t)(eb - b) : strlen(b);
            if (la != lb || memcmp(a, b, la) != 0) {
                fprintf(stderr, "golden %s: first difference at line %d\n  expected: |%.*s|\n"
                                "  got:      |%.*s|\n", path, line, (int)la, a, (int)lb, b);
                break;
            }
            if (!ea || !eb)
                break;
            a = ea + 1, b = eb + 1;
        }
        fprintf(stderr, "--- got (whole) ---\n%s", got);
    }
    free(want);
    free(got);
    return ok;
}

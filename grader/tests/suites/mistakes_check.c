/* mistakes_check.c — the mistake catalogue and the buggy fixtures agree.
 *
 *   mistakes-check FIXTURES_DIR
 *
 * Every catalogue entry (grader/lib/mistakes.h) has a unique id of
 * [a-z0-9_]+, four non-empty texts, Chinese texts that are not the English
 * ones, and at least one fixture FIXTURES_DIR/<exercise>/<id>.c; every
 * fixture file is named after a catalogue id.  Prints "ok …" / "miss …"
 * lines (read by run.sh); exits 1 on any miss. */
#include <glob.h>
#include <stdio.h>
#include <string.h>

#include "mistakes.h"

static int well_formed_id(const char *id)
{
    if (!*id)
        return 0;
    for (const char *c = id; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_'))
            return 0;
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FIXTURES_DIR\n", argv[0]);
        return 2;
    }
    int misses = 0;
    size_t no_fixture = 0;
    for (size_t i = 0; i < sl_n_mistakes; i++) {
        const sl_mistake *m = &sl_mistakes[i];
        if (!well_formed_id(m->id)) {
            printf("miss mistake id '%s' is not [a-z0-9_]+\n", m->id);
            misses++;
        }
        for (size_t j = 0; j < i; j++)
            if (strcmp(sl_mistakes[j].id, m->id) == 0) {
                printf("miss mistake id '%s' appears twice in the catalogue\n", m->id);
                misses++;
            }
        if (!*m->title_en || !*m->title_zh || !*m->fix_en || !*m->fix_zh
            || !strcmp(m->title_en, m->title_zh) || !strcmp(m->fix_en, m->fix_zh)) {
            printf("miss mistake '%s' lacks an English or Chinese title or fix\n", m->id);
            misses++;
        }
        if (sl_mistake_title(m->id, 0) != m->title_en || sl_mistake_title(m->id, 1) != m->title_zh) {
            printf("miss sl_mistake_title('%s') does not return its entry\n", m->id);
            misses++;
        }
        char pattern[512];
        snprintf(pattern, sizeof pattern, "%s/*/%s.c", argv[1], m->id);
        glob_t g;
        if (glob(pattern, 0, NULL, &g) != 0) {
            printf("miss mistake '%s' has no fixture %s\n", m->id, pattern);
            no_fixture++;
            misses++;
        }
        globfree(&g);
    }
    if (sl_mistake_title("no_such_mistake", 0) != NULL) {
        printf("miss sl_mistake_title() of an unknown id is not NULL\n");
        misses++;
    }
    char pattern[512];
    snprintf(pattern, sizeof pattern, "%s/*/*.c", argv[1]);
    glob_t g;
    size_t fixtures = 0;
    if (glob(pattern, 0, NULL, &g) == 0) {
        for (size_t f = 0; f < g.gl_pathc; f++) {
            const char *base = strrchr(g.gl_pathv[f], '/');
            char id[256];
            snprintf(id, sizeof id, "%s", base ? base + 1 : g.gl_pathv[f]);
            id[strcspn(id, ".")] = '\0';
            fixtures++;
            if (!sl_mistake_find(id)) {
                printf("miss fixture %s is not named after a catalogue id\n", g.gl_pathv[f]);
                misses++;
            }
        }
    }
    globfree(&g);
    if (!misses)
        printf("ok mistake catalogue: %zu ids, en + zh titles and fixes, each with a fixture (%zu fixture files)\n",
               sl_n_mistakes, fixtures);
    return misses ? 1 : 0;
}

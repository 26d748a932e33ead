/* list_check.c — the checks of each suite are exactly those of exercises.yaml.
 *
 *   list-check MANIFEST SUITES_DIR EXERCISE...
 *
 * For each exercise, runs SUITES_DIR/<ex>/reference --list (the public suite)
 * and compares its test names with the manifest's non-hidden checks; when
 * SUITES_DIR/<ex>/hidden exists (suite + grader/hidden/<ex>.c) compares its
 * names with all checks.  Prints one line per comparison, "ok …" or
 * "miss …" naming the extra and missing ids; exits 1 on any miss. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest.h"

#define MAX_TESTS 128

/* Reads the test names of `bin --list`: "├── name" / "└── name" lines in a
 * UTF-8 locale, "|-- name" / "`-- name" otherwise (Criterion picks by locale). */
static int list_tests(const char *bin, char names[][64], size_t *count)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "'%s' --list 2>/dev/null", bin);
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    char line[512];
    *count = 0;
    while (fgets(line, sizeof line, p)) {
        char *s = strstr(line, "── ");
        if (s)
            s += strlen("── ");
        else if ((line[0] == '|' || line[0] == '`') && strncmp(line + 1, "-- ", 3) == 0)
            s = line + 4;
        if (!s || *count == MAX_TESTS)
            continue;
        s[strcspn(s, "\r\n")] = '\0';
        snprintf(names[(*count)++], 64, "%.63s", s);
    }
    return pclose(p) == 0 ? 0 : -1;
}

/* Appends " id" (and suffix) to buf, truncating quietly when full. */
static void append(char *buf, size_t cap, const char *id, const char *suffix)
{
    size_t len = strlen(buf);
    if (len + 1 < cap)
        snprintf(buf + len, cap - len, " %.63s%s", id, suffix);
}

static int has(char names[][64], size_t count, const char *id)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(names[i], id) == 0)
            return 1;
    return 0;
}

/* Compares the suite binary's tests with the checks (hidden ones only when
 * with_hidden); prints the verdict line. */
static int compare(const sl_exercise *ex, const char *bin, int with_hidden)
{
    static char names[MAX_TESTS][64];
    size_t count;
    const char *which = with_hidden ? "with grader/hidden" : "public";
    if (list_tests(bin, names, &count) < 0) {
        printf("miss %s (%s): cannot run %s --list\n", ex->id, which, bin);
        return 1;
    }
    char missing[1024] = "", extra[1024] = "";
    size_t expected = 0;
    for (size_t c = 0; c < ex->n_checks; c++) {
        const sl_check *ck = &ex->checks[c];
        if (ck->hidden && !with_hidden) {
            if (has(names, count, ck->id))   /* hidden code must not be public */
                append(extra, sizeof extra, ck->id, "(hidden)");
            continue;
        }
        expected++;
        if (!has(names, count, ck->id))
            append(missing, sizeof missing, ck->id, "");
    }
    for (size_t i = 0; i < count; i++) {
        int known = 0;
        for (size_t c = 0; c < ex->n_checks; c++)
            known |= strcmp(ex->checks[c].id, names[i]) == 0;
        if (!known)
            append(extra, sizeof extra, names[i], "");
    }
    if (!missing[0] && !extra[0]) {
        printf("ok %s (%s): the suite's %zu tests are exactly the %zu checks of exercises.yaml\n",
               ex->id, which, count, expected);
        return 0;
    }
    printf("miss %s (%s): in exercises.yaml but not in the suite:%s; in the suite but not in exercises.yaml:%s\n",
           ex->id, which, missing[0] ? missing : " -", extra[0] ? extra : " -");
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s MANIFEST SUITES_DIR EXERCISE...\n", argv[0]);
        return 2;
    }
    sl_manifest m = {0};
    char err[512];
    if (sl_manifest_load(argv[1], &m, err, sizeof err) < 0) {
        printf("miss %s\n", err);
        return 1;
    }
    int misses = 0;
    for (int a = 3; a < argc; a++) {
        const sl_exercise *ex = sl_manifest_find(&m, argv[a]);
        if (!ex) {
            printf("miss %s: exercise not in %s\n", argv[a], argv[1]);
            misses++;
            continue;
        }
        char bin[1024];
        snprintf(bin, sizeof bin, "%s/%s/reference", argv[2], argv[a]);
        misses += compare(ex, bin, 0);
        snprintf(bin, sizeof bin, "%s/%s/hidden", argv[2], argv[a]);
        FILE *f = fopen(bin, "r");
        if (f) {
            fclose(f);
            misses += compare(ex, bin, 1);
        }
    }
    sl_manifest_free(&m);
    return misses ? 1 : 0;
}

/* mc_symbolize.c — addr2line in the trusted process (contract:
 * mc_symbolize.h). */
#include "mc_symbolize.h"

#include "exec.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int mc_same_file(const char *path, const char *file)
{
    if (!path || !file || !*path || !*file)
        return 0;
    size_t a = strlen(path), b = strlen(file);
    if (a == b)
        return strcmp(path, file) == 0;
    const char *longer = a > b ? path : file, *shorter = a > b ? file : path;
    size_t ls = a > b ? a : b, ss = a > b ? b : a;
    return longer[ls - ss - 1] == '/' && strcmp(longer + ls - ss, shorter) == 0;
}

/* "path:line" or "path:line (discriminator 2)" → place; "??:0" → unknown. */
static void parse_where(const char *l, size_t len, mc_place *p)
{
    char buf[600];
    snprintf(buf, sizeof buf, "%.*s", (int)(len < sizeof buf ? len : sizeof buf - 1), l);
    char *disc = strstr(buf, " (discriminator");
    if (disc)
        *disc = '\0';
    char *colon = strrchr(buf, ':');
    if (!colon || strncmp(buf, "??", 2) == 0) {
        p->file[0] = '\0', p->line = 0;
        return;
    }
    *colon = '\0';
    snprintf(p->file, sizeof p->file, "%.*s", (int)sizeof p->file - 1, buf);
    p->line = atoi(colon + 1);
}

int mc_symbolize(const char *bin, const uintptr_t *pcs, size_t n, const char *prefer_file, mc_place *places)
{
    memset(places, 0, n * sizeof *places);
    if (n == 0)
        return 0;
    char **argv = calloc(n + 7, sizeof *argv);
    char(*addrs)[24] = calloc(n, sizeof *addrs);
    if (!argv || !addrs) {
        free(argv), free(addrs);
        return -1;
    }
    size_t a = 0;
    argv[a++] = "addr2line", argv[a++] = "-e", argv[a++] = (char *)bin;
    argv[a++] = "-f", argv[a++] = "-i", argv[a++] = "-a";
    for (size_t i = 0; i < n; i++) {
        snprintf(addrs[i], sizeof addrs[i], "%#" PRIxPTR, pcs[i]);
        argv[a++] = addrs[i];
    }
    char *out = NULL;
    int rc = sl_exec(argv, NULL, 20, 1 << 20, &out, NULL);
    free(argv), free(addrs);
    if (rc != 0 || !out) {
        free(out);
        return -1;
    }
    /* blocks: "0x…" then pairs (function, file:line), innermost first */
    long cur = -1;
    int chosen = 0;
    char fn[96] = "";
    int expect_fn = 1;
    for (char *l = out; *l;) {
        size_t len = strcspn(l, "\n");
        if (strncmp(l, "0x", 2) == 0 && expect_fn) {
            cur++;
            chosen = 0;
        } else if (cur >= 0 && (size_t)cur < n && expect_fn) {
            snprintf(fn, sizeof fn, "%.*s", (int)(len < sizeof fn ? len : sizeof fn - 1), l);
            expect_fn = 0;
        } else if (cur >= 0 && (size_t)cur < n) {
            mc_place p = {0};
            snprintf(p.function, sizeof p.function, "%s", fn);
            parse_where(l, len, &p);
            mc_place *dst = &places[cur];
            int preferred = prefer_file && mc_same_file(p.file, prefer_file);
            if (!chosen && (dst->file[0] == '\0' || preferred)) {
                *dst = p;
                chosen = preferred || !prefer_file;
            }
            expect_fn = 1;
        }
        l += len + (l[len] == '\n');
    }
    free(out);
    return 0;
}

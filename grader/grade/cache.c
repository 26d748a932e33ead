/* cache.c — see cache.h. */
#include "cache.h"

#include "sha256.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static char *cache_path(const grade_cfg *cfg, const char *id, const unsigned char *obj,
                        size_t len)
{
    char h[65];
    sl_sha256_hex(obj, len, h);
    return xasprintf("%s/cache/%s-%s-%zu.tsv", cfg->work_root, id, h, len);
}

int cache_load(const grade_cfg *cfg, const char *id, const unsigned char *obj, size_t len,
               g_exercise *ex)
{
    char *path = cache_path(cfg, id, obj, len);
    char *text = read_file(path, 16 << 20, 1, NULL);
    g_student one;
    int rc = -1;
    if (text && record_parse(text, &one) == 0 && one.n_ex == 1 && strcmp(one.ex[0].id, id) == 0) {
        for (size_t j = 0; j < ex->n_checks; j++)
            free(ex->checks[j].id), free(ex->checks[j].tag), free(ex->checks[j].message);
        free(ex->checks), free(ex->id), free(ex->detail);
        *ex = one.ex[0];
        one.n_ex = 0;
        record_free(&one);
        rc = 0;
    }
    free(text), free(path);
    return rc;
}

void cache_store(const grade_cfg *cfg, const char *id, const unsigned char *obj, size_t len,
                 const g_exercise *ex)
{
    char *dir = xasprintf("%s/cache", cfg->work_root), *path = cache_path(cfg, id, obj, len);
    g_student one = {.student = "-", .ex = (g_exercise *)ex, .n_ex = 1};
    char *text = record_format(&one);
    if (mkdir_p(dir) == 0)
        write_file_atomic(path, text, strlen(text));
    free(text), free(dir), free(path);
}


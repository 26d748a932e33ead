/* errbuf.c — error messages and whole-file reads (contract: errbuf.h). */
#include "errbuf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

int sl_errorf(char *err, size_t errlen, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

int sl_read_file(const char *path, char **buf, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char *data = NULL;
    size_t used = 0, cap = 0;
    for (;;) {
        if (cap - used < 2) {
            char *grown = realloc(data, cap = cap ? 2 * cap : 65536);
            if (!grown) {
                free(data);
                fclose(f);
                errno = ENOMEM;
                return -1;
            }
            data = grown;
        }
        size_t got = fread(data + used, 1, cap - used - 1, f);
        used += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(data);
        errno = EIO;
        return -1;
    }
    data[used] = '\0';
    *buf = data;
    *len = used;
    return 0;
}

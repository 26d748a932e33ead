/* tpl.c — message templates (contract: tpl.h). */
#include "tpl.h"

#include <string.h>

char *sl_tpl3(char *out, size_t size, const char *tpl, const char *a1, const char *a2,
              const char *a3)
{
    const char *args[3] = {a1, a2, a3};
    size_t len = 0;
    if (size == 0)
        return out;
    for (const char *p = tpl; *p && len + 1 < size; p++) {
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '3' && p[2] == '}') {
            const char *a = args[p[1] - '1'];
            for (; a && *a && len + 1 < size; a++)
                out[len++] = *a;
            p += 2;
            continue;
        }
        out[len++] = *p;
    }
    /* never end inside a UTF-8 sequence */
    while (len > 0 && len + 1 >= size && ((unsigned char)out[len - 1] & 0xC0) == 0x80)
        len--;
    if (len > 0 && len + 1 >= size && ((unsigned char)out[len - 1] & 0xC0) == 0xC0)
        len--;
    out[len] = '\0';
    return out;
}

char *sl_tpl(char *out, size_t size, const char *tpl, const char *a1, const char *a2)
{
    return sl_tpl3(out, size, tpl, a1, a2, NULL);
}

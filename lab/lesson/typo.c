/* typo.c — Chinese typography of text that comes from outside the lesson's
 * own YAML (exercises.yaml descriptions and hints, whose folded lines leave
 * a blank where a line was broken): contract sl_zh_tidy in content.h. */
#include "content.h"
#include "render/utf8.h"

#include <stdlib.h>
#include <string.h>

/* Full-width punctuation: no blank belongs on either side of it. */
static int full_width_punct(uint32_t c)
{
    static const uint32_t set[] = {0xFF0C, 0x3002, 0x3001, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F,
                                   0xFF08, 0xFF09, 0x201C, 0x201D, 0x300C, 0x300D};
    for (size_t i = 0; i < sizeof set / sizeof *set; i++)
        if (c == set[i])
            return 1;
    return 0;
}

char *sl_zh_tidy(const char *s)
{
    char *out = malloc(strlen(s) + 1);
    if (!out)
        abort();
    size_t n = 0;
    uint32_t prev = 0;
    for (const char *p = s; *p;) {
        const char *at = p;
        uint32_t c = sl_utf8_next(&p);
        if (c == ' ') {
            const char *q = p;
            uint32_t next = sl_utf8_next(&q);
            if (full_width_punct(prev) || full_width_punct(next))
                continue;                  /* drop it, keep prev as it was */
        }
        memcpy(out + n, at, (size_t)(p - at));
        n += (size_t)(p - at);
        prev = c;
    }
    out[n] = '\0';
    return out;
}

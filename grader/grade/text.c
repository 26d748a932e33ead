/* text.c — see text.h. */
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REPLACEMENT "\xef\xbf\xbd"      /* U+FFFD */

/* Length (1–4) of the valid UTF-8 sequence at p, its code point in *cp;
 * 0 when invalid (overlong, surrogate, beyond U+10FFFF, truncated). */
static size_t utf8_next(const unsigned char *p, unsigned *cp)
{
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    size_t n = p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc2 ? 2 : 0;
    if (n == 0 || (n == 3 && p[0] > 0xef))
        return 0;
    unsigned c = p[0] & (0x7f >> n);
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        c = c << 6 | (p[i] & 0x3f);
    }
    if ((n == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) || (n == 4 && (c < 0x10000 || c > 0x10ffff)))
        return 0;
    *cp = c;
    return n;
}

static int is_control(unsigned cp)
{
    return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == 0x2028 || cp == 0x2029;
}

void sb_add_clean(sb_t *b, const char *s, int keep_lines)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    sb_cstr(b);
    while (*p) {
        unsigned cp = 0;
        size_t n = utf8_next(p, &cp);
        if (n == 0) {
            sb_add(b, REPLACEMENT);
            p++;
        } else if (keep_lines && (cp == '\n' || cp == '\t')) {
            sb_addn(b, (const char *)p, 1);
            p++;
        } else if (cp == '\r' && keep_lines) {
            p++;
        } else if (is_control(cp)) {
            sb_add(b, REPLACEMENT);
            p += n;
        } else {
            sb_addn(b, (const char *)p, n);
            p += n;
        }
    }
}

char *text_clean(const char *s, int keep_lines)
{
    sb_t b = {0};
    sb_add_clean(&b, s, keep_lines);
    char *r = xstrdup(sb_cstr(&b));
    sb_free(&b);
    return r;
}

size_t text_backtick_run(const char *s)
{
    size_t best = 0, run = 0;
    for (; s && *s; s++) {
        run = *s == '`' ? run + 1 : 0;
        if (run > best)
            best = run;
    }
    return best;
}

void md_fenced(sb_t *b, const char *s)
{
    char *t = text_clean(s, 1);
    size_t n = text_backtick_run(t) + 1;
    if (n < 3)
        n = 3;
    sb_add(b, "\n");
    for (size_t i = 0; i < n; i++)
        sb_add(b, "`");
    sb_add(b, "text\n");
    for (const char *p = t; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        sb_add(b, "> ");
        sb_addn(b, p, len);
        sb_add(b, "\n");
        p += len + (nl != NULL);
    }
    for (size_t i = 0; i < n; i++)
        sb_add(b, "`");
    sb_add(b, "\n");
    free(t);
}

/* Markdown's ASCII punctuation that can start or shape a construct. */
static int md_active(char c)
{
    return c && strchr("\\`*_{}[]<>()#+-.!|~=:&", c) != NULL;
}

static void md_escape_line(sb_t *b, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (md_active(s[i]))
            sb_add(b, "\\");
        sb_addn(b, s + i, 1);
    }
}

void md_quoted(sb_t *b, const char *s)
{
    char *t = text_clean(s, 1);
    for (const char *p = t; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        sb_add(b, "> ");
        md_escape_line(b, p, len);
        sb_add(b, "\n");
        p += len + (nl != NULL);
    }
    free(t);
}

void md_inline(sb_t *b, const char *s)
{
    char *t = text_clean(s, 0);
    md_escape_line(b, t, strlen(t));
    free(t);
}

int text_is_number(const char *s)
{
    if (!s || !*s)
        return 0;
    char *end = NULL;
    strtod(s, &end);
    /* strtod also takes "inf", "nan" and hex: only plain decimal numbers count */
    return end && *end == '\0' && strspn(s, "+-0123456789.eE") == strlen(s);
}

void csv_cell(sb_t *b, const char *s)
{
    s = s ? s : "";
    int formula = strchr("=+-@\t\r", s[0]) && s[0] && !text_is_number(s);
    if (!formula && !strpbrk(s, ",\"\r\n")) {
        sb_add(b, s);
        return;
    }
    sb_add(b, "\"");
    if (formula)
        sb_add(b, "'");
    for (; *s; s++)
        sb_addn(b, *s == '"' ? "\"\"" : s, *s == '"' ? 2 : 1);
    sb_add(b, "\"");
}

static int id_plain(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
           || strchr("._+-", c);
}

char *text_safe_id(const char *name, size_t max_bytes)
{
    sb_t b = {0};
    sb_cstr(&b);
    for (const unsigned char *p = (const unsigned char *)name; *p;) {
        unsigned cp = 0;
        size_t n = utf8_next(p, &cp);
        char piece[16];
        if (n > 1 && !is_control(cp) && cp != 0xfeff) {
            memcpy(piece, p, n);
            piece[n] = '\0';
        } else {
            n = 1;
            if (id_plain((char)*p) && !(p == (const unsigned char *)name && *p == '.'))
                piece[0] = (char)*p, piece[1] = '\0';
            else
                snprintf(piece, sizeof piece, "%%%02X", *p);
        }
        if (b.len + strlen(piece) > max_bytes)
            break;
        sb_add(&b, piece);
        p += n;
    }
    char *r = xstrdup(b.len ? sb_cstr(&b) : "%00");
    sb_free(&b);
    return r;
}

/* asmcheck.c — see asmcheck.h. */
#include "asmcheck.h"

#include "text.h"
#include "util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const ALLOWED[] = {
    ".file", ".text", ".data", ".bss", ".section", ".previous", ".pushsection", ".popsection",
    ".subsection", ".globl", ".global", ".local", ".weak", ".hidden", ".internal", ".protected",
    ".type", ".size", ".align", ".p2align", ".balign", ".byte", ".short", ".value", ".word",
    ".long", ".int", ".quad", ".octa", ".zero", ".skip", ".string", ".ascii", ".asciz",
    ".float", ".double", ".comm", ".lcomm", ".ident", ".set", ".equ", ".uleb128", ".sleb128",
    ".loc", ".loc_mark_labels", NULL};

static int allowed(const char *d, size_t n)
{
    char low[48];
    if (n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)d[i]);
    low[n] = '\0';
    if (strncmp(low, ".cfi_", 5) == 0)
        return 1;
    for (size_t i = 0; ALLOWED[i]; i++)
        if (strcmp(low, ALLOWED[i]) == 0)
            return 1;
    return 0;
}

static int sym_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '.' || c == '$' || (unsigned char)c >= 0x80;
}

/* The directive of statement [p, end), or NULL when it is not one (an
 * instruction, an assignment, an empty statement); *n its length. */
static const char *directive_of(const char *p, const char *end, size_t *n)
{
    for (;;) {
        while (p < end && isspace((unsigned char)*p))
            p++;
        const char *q = p;
        if (q < end && *q == '"') {                       /* a quoted label "name": */
            for (q++; q < end && *q != '"'; q++)
                q += *q == '\\';
            q++;
        } else {
            while (q < end && sym_char(*q))
                q++;
        }
        if (q > p && q < end && *q == ':') {
            p = q + 1;
            continue;
        }
        if (p < end && *p == '.') {
            *n = (size_t)(q - p);
            return p;
        }
        return NULL;
    }
}

char *asmcheck_forbidden(const char *s, size_t len)
{
    const char *end = s + len, *stmt = s;
    for (const char *p = s; p <= end; p++) {
        int at_end = p == end;
        if (!at_end && *p == '"') {                 /* string: up to the closing quote */
            for (p++; p < end && *p != '"' && *p != '\n'; p++)
                p += *p == '\\' && p + 1 < end;
            if (p == end)
                p--;
            continue;
        }
        if (!at_end && *p == '\'' && p + 1 < end) { /* character constant 'c (or '\c) */
            p += p[1] == '\\' && p + 2 < end ? 2 : 1;
            continue;
        }
        int comment = !at_end && *p == '#';
        if (!(at_end || comment || *p == '\n' || *p == ';' || *p == '\0'))
            continue;
        size_t n = 0;
        const char *d = directive_of(stmt, p, &n);
        if (d && !allowed(d, n)) {
            char *raw = xasprintf("%.*s", (int)(n < 40 ? n : 40), d);
            char *clean = text_clean(raw, 0);
            free(raw);
            return clean;
        }
        if (comment)
            while (p < end && *p != '\n')
                p++;
        stmt = p + 1;
    }
    return NULL;
}

/* ascii.c — 7-bit spelling of the lesson text for --ascii (contract:
 * sl_asciify and sl_content_asciify in content.h). */
#include "content.h"
#include "render/utf8.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    uint32_t cp;
    const char *ascii;
} table[] = {
    {0x0177, "y^"},  {0x0176, "Y^"},  {0x2207, "grad "}, {0x2248, "~="},  {0x00D7, "x"},
    {0x2212, "-"},   {0x2211, "sum "}, {0x03A3, "sum "}, {0x1D40, "^T"},  {0x2192, "->"},
    {0x2190, "<-"},  {0x2191, "Up"},   {0x2193, "Down"},    {0x2264, "<="},  {0x2265, ">="},
    {0x2260, "!="},  {0x00B7, "*"},    {0x22C5, "*"},    {0x03B1, "alpha"}, {0x03C3, "sigma"},
    {0x03C4, "tau"}, {0x2208, " in "}, {0x211D, "R"},    {0x2013, "-"},   {0x2014, "--"},
    {0x2026, "..."}, {0x2018, "'"},    {0x2019, "'"},    {0x201C, "\""},  {0x201D, "\""},
    {0x00B2, "^2"},  {0x1D62, "_i"},   {0x2C7C, "_j"},   {0x2096, "_k"},  {0x2099, "_n"},
    {0x2080, "0"},   {0x2081, "1"},    {0x2082, "2"},    {0x2083, "3"},   {0x2097, "_l"},
    {0x00B1, "+/-"}, {0x221E, "inf"},  {0x2022, "*"},    {0x2713, "v"},   {0x2717, "x"},
    {0x2502, "|"},   {0x2500, "-"},    {0x00A0, " "},    {0x2009, " "},   {0x03B8, "theta"},
    {0x2202, "d"},   {0x21D2, "=>"},   {0x2261, "=="},   {0x00E9, "e"},   {0x2032, "'"},
    {0x00A7, "S"},   {0x00BD, "1/2"},  {0x2153, "1/3"},  {0x2154, "2/3"},  {0x1D3A, "^N"},  {0x207B, "^-"},   {0x00B9, "^1"},   {0x2074, "^4"},  {0x2075, "^5"},
};

/* Phrases spelled as a whole before the character table applies. */
static const struct {
    const char *utf8, *ascii;
} phrases[] = {
    {"中文", "Chinese"},
    {"α·∇", "alpha*grad "},
    {"α∇", "alpha*grad "},
    {"Σᵢ", "sum_i"},
    {"Σⱼ", "sum_j"},
    {"ᵢⱼ", "_ij"},
};

char *sl_asciify(const char *s)
{
    size_t cap = strlen(s) * 3 + 16, len = 0;
    char *out = malloc(cap);
    if (!out)
        abort();
    while (*s) {
        size_t ph = 0;
        while (ph < sizeof phrases / sizeof *phrases
               && strncmp(s, phrases[ph].utf8, strlen(phrases[ph].utf8)) != 0)
            ph++;
        if (ph < sizeof phrases / sizeof *phrases) {
            size_t rl = strlen(phrases[ph].ascii);
            if (len + rl + 1 > cap) {
                cap = 2 * cap + rl;
                out = realloc(out, cap);
                if (!out)
                    abort();
            }
            memcpy(out + len, phrases[ph].ascii, rl);
            len += rl;
            s += strlen(phrases[ph].utf8);
            continue;
        }
        uint32_t cp = sl_utf8_next(&s);
        const char *rep = "?";
        char one[2] = {(char)cp, 0};
        if (cp < 0x80) {
            rep = one;
        } else {
            for (size_t i = 0; i < sizeof table / sizeof *table; i++)
                if (table[i].cp == cp)
                    rep = table[i].ascii;
        }
        size_t rl = strlen(rep);
        if (len + rl + 1 > cap) {
            cap = 2 * cap + rl;
            out = realloc(out, cap);
            if (!out)
                abort();
        }
        memcpy(out + len, rep, rl);
        len += rl;
    }
    out[len] = '\0';
    return out;
}

static void fix(char **s)
{
    char *a = sl_asciify(*s);
    free(*s);
    *s = a;
}

void sl_content_asciify(sl_content *c)
{
    for (size_t i = 0; i < c->n_pages; i++) {
        sl_page *p = &c->pages[i];
        fix(&p->title), fix(&p->body);
        for (size_t q = 0; q < p->n_quiz; q++) {
            fix(&p->quiz[q].question), fix(&p->quiz[q].explain);
            for (size_t k = 0; k < p->quiz[q].n_choices; k++)
                fix(&p->quiz[q].choices[k]);
        }
    }
    for (size_t i = 0; i < c->n_strings; i++)
        fix(&c->values[i]);
}

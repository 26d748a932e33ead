/* content.h — the lesson's text: pages, quizzes and interface strings of one
 * language, read with libyaml from lab/lesson/text/<lang>.yaml (compiled
 * into the program by text_embed.c, so an installed binary needs no data
 * folder).  Schema: see the comment at the top of text/en.yaml.
 * All strings are owned by the content. */
#ifndef SL_LESSON_CONTENT_H
#define SL_LESSON_CONTENT_H

#include <stddef.h>

typedef struct {
    char *question, *explain;
    char **choices;
    size_t n_choices;
    int answer;                 /* index into choices */
} sl_quiz_q;

typedef struct {
    char *id;                   /* stable across languages */
    int section;                /* lecture section 1–6 */
    char *title, *body;         /* body in the markup of render/text.h; may be "" */
    char *widget;               /* interactive part, "" for a text page */
    sl_quiz_q *quiz;            /* the questions of a quiz page */
    size_t n_quiz;
} sl_page;

typedef struct {
    sl_page *pages;
    size_t n_pages;
    char **keys, **values;      /* interface strings */
    size_t n_strings;
} sl_content;

/* Parses YAML text (len bytes).  Errors ("FILE:LINE:COL: message") for
 * syntax, unknown or missing keys, wrong types, duplicate page ids, a
 * section outside 1–6, a quiz answer out of range.  0, or −1 (out zeroed). */
int sl_content_parse(const char *text, size_t len, const char *filename, sl_content *out,
                     char *err, size_t errlen);

/* Frees everything; safe on a zeroed content. */
void sl_content_free(sl_content *c);

/* The interface string for key, or NULL. */
const char *sl_content_str(const sl_content *c, const char *key);

/* Index of the page with this id, or −1. */
int sl_content_find(const sl_content *c, const char *id);

/* Rewrites every string in 7-bit ASCII (math symbols spelled out: "ŷ" → "y^",
 * "∇" → "grad ", "≈" → "~=", …; anything unknown → "?"). */
void sl_content_asciify(sl_content *c);

/* The same transliteration for one string: returns a new string (malloc). */
char *sl_asciify(const char *s);

/* The compiled-in text: lang "en" or "zh" (NUL-terminated YAML). */
const char *sl_lesson_text(const char *lang);

/* A copy of s (free it) without the blanks next to full-width punctuation
 * (，。、：；！？（）“”「」): Chinese text from other files, e.g. the folded
 * lines of exercises.yaml, reads as typeset Chinese. */
char *sl_zh_tidy(const char *s);

#endif

/* mistakes.h — the catalogue of known mistakes that checks can name.
 *
 * A failing check whose numbers fit one of these prints
 * "[mistake:<id>] <title>" and "fix: <fix>" (grader/lib/check.h).  The
 * instructor's class summary uses sl_mistake_title() to say how often each
 * misconception fired.  Ids are [a-z0-9_]+, stable (gradebooks store them),
 * and equal the file names of the fixtures in grader/fixtures/buggy/<ex>/.
 * This file and mistakes.c depend on nothing but the C library. */
#ifndef SL_MISTAKES_H
#define SL_MISTAKES_H

#include <stddef.h>

typedef struct {
    const char *id;
    const char *exercise;           /* the exercise it usually shows up in */
    const char *title_en, *title_zh; /* one line: the symptom, as a question where it helps */
    const char *fix_en, *fix_zh;     /* one line: what to change */
} sl_mistake;

/* All known mistakes, in exercise order. */
extern const sl_mistake sl_mistakes[];
extern const size_t sl_n_mistakes;

/* The entry with this id, or NULL. */
const sl_mistake *sl_mistake_find(const char *id);

/* One-line title (zh != 0: Chinese), or NULL for an unknown id. */
const char *sl_mistake_title(const char *id, int zh);

/* One-line fix (zh != 0: Chinese), or NULL for an unknown id. */
const char *sl_mistake_fix(const char *id, int zh);

#endif

/* manifest.h — exercises.yaml, the single source of truth for the exercises:
 * ids and order, titles and descriptions (en + zh), lecture section, file,
 * function, checks with points and hidden flag, progressive hints (en + zh).
 * Read with libyaml's document API.  Schema: see the comment at the top of
 * exercises.yaml.  All strings are owned by the manifest. */
#ifndef SL_MANIFEST_H
#define SL_MANIFEST_H

#include <stddef.h>

typedef struct {
    char *en, *zh;              /* zh may be NULL: then en is used */
} sl_text;

typedef struct {
    char *id;                   /* = the Criterion test name in the suite */
    sl_text title;
    int points;                 /* ≥ 0 */
    int hidden;                 /* instructor-only check */
} sl_check;

typedef struct {
    char *id;                   /* = the Criterion suite name, e.g. "softmax" */
    sl_text title, description;
    int section;                /* lecture section 1–6 */
    char *file;                 /* e.g. "softmax.c" (in student/ and reference/) */
    char *function;             /* e.g. "softmax" */
    int optional;               /* bonus exercise (not in the core total) */
    sl_check *checks;
    size_t n_checks;
    sl_text *hints;             /* progressive: hints[0] first */
    size_t n_hints;
} sl_exercise;

typedef struct {
    sl_exercise *exercises;     /* in manifest order */
    size_t n_exercises;
} sl_manifest;

/* Parses YAML text (len bytes).  Rejects syntax errors, duplicate keys,
 * aliases/anchors, wrong types, unknown keys, missing required keys and
 * duplicate ids, with "FILENAME:LINE:COL: message" (1-based) in err.
 * Returns 0 on success, −1 on error (out untouched). */
int sl_manifest_parse(const char *text, size_t len, const char *filename,
                      sl_manifest *out, char *err, size_t errlen);

/* Reads the file at path and parses it (messages name the path). */
int sl_manifest_load(const char *path, sl_manifest *out, char *err, size_t errlen);

/* Frees everything; safe on a zeroed manifest. */
void sl_manifest_free(sl_manifest *m);

/* The exercise with this id, or NULL. */
const sl_exercise *sl_manifest_find(const sl_manifest *m, const char *id);

/* Sum of the points of an exercise's checks (hidden included or not). */
int sl_exercise_points(const sl_exercise *ex, int include_hidden);

#endif

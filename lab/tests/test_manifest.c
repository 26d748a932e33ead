/* test_manifest.c — the exercises.yaml loader: a good manifest, the real
 * exercises.yaml, and a dozen bad ones, each rejected with the exact
 * "file:line:col: message" a person needs to fix it. */
#include "manifest.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A valid two-exercise manifest; line numbers below refer to it. */
#define GOOD                                                  \
    "version: 1\n"                                  /* 1 */   \
    "exercises:\n"                                  /* 2 */   \
    "  - id: softmax\n"                             /* 3 */   \
    "    title: {en: Softmax, zh: 软最大}\n"         /* 4 */   \
    "    description: {en: rows to probabilities}\n" /* 5 */  \
    "    section: 2\n"                              /* 6 */   \
    "    file: softmax.c\n"                         /* 7 */   \
    "    function: softmax\n"                       /* 8 */   \
    "    checks:\n"                                 /* 9 */   \
    "      - id: rows_sum_to_one\n"                 /* 10 */  \
    "        title: {en: rows sum to 1}\n"          /* 11 */  \
    "        points: 3\n"                           /* 12 */  \
    "      - id: secret\n"                          /* 13 */  \
    "        title: {en: hidden one}\n"             /* 14 */  \
    "        points: 5\n"                           /* 15 */  \
    "        hidden: true\n"                        /* 16 */  \
    "    hints:\n"                                  /* 17 */  \
    "      - {en: first, zh: 第一}\n"               /* 18 */  \
    "      - {en: second}\n"                        /* 19 */  \
    "  - id: bonus\n"                               /* 20 */  \
    "    title: {en: Bonus}\n"                      /* 21 */  \
    "    description: {en: extra}\n"                /* 22 */  \
    "    section: 6\n"                              /* 23 */  \
    "    file: bonus.c\n"                           /* 24 */  \
    "    function: bonus\n"                         /* 25 */  \
    "    optional: true\n"                          /* 26 */  \
    "    checks:\n"                                 /* 27 */  \
    "      - {id: works, title: {en: works}, points: 0}\n" /* 28 */

/* GOOD with the first occurrence of `from` replaced by `to`. */
static char *edit(const char *from, const char *to)
{
    static char buf[4096];
    const char *at = strstr(GOOD, from);
    cr_assert_not_null(at, "test bug: '%s' not in GOOD", from);
    snprintf(buf, sizeof buf, "%.*s%s%s", (int)(at - GOOD), GOOD, to, at + strlen(from));
    return buf;
}

/* Messages are compared in English (and once in Chinese, below). */
static void english(void)
{
    setenv("SOFTMAX_LAB_LANG", "en", 1);
}

TestSuite(manifest, .init = english);

static void expect_error(const char *text, const char *want)
{
    sl_manifest m = {0};
    char err[512] = "";
    int rc = sl_manifest_parse(text, strlen(text), "exercises.yaml", &m, err, sizeof err);
    cr_assert_eq(rc, -1, "expected \"%s\", but the manifest was accepted", want);
    cr_assert_str_eq(err, want, "\n expected: %s\n      got: %s", want, err);
    cr_assert_null(m.exercises, "a rejected manifest must leave the output untouched");
}

Test(manifest, good_manifest_fields)
{
    sl_manifest m = {0};
    char err[512] = "";
    cr_assert_eq(sl_manifest_parse(GOOD, strlen(GOOD), "exercises.yaml", &m, err, sizeof err), 0, "%s", err);
    cr_assert_eq(m.n_exercises, 2, "exercises: expected 2, got %zu", m.n_exercises);
    const sl_exercise *ex = sl_manifest_find(&m, "softmax");
    cr_assert_not_null(ex);
    cr_assert_str_eq(ex->title.zh, "软最大");
    cr_assert_null(ex->description.zh, "zh is optional: NULL when absent");
    cr_assert(ex->section == 2 && !strcmp(ex->file, "softmax.c") && !strcmp(ex->function, "softmax") && !ex->optional);
    cr_assert_eq(ex->n_checks, 2);
    cr_assert(ex->checks[0].points == 3 && !ex->checks[0].hidden, "check 0: points 3, visible");
    cr_assert(ex->checks[1].points == 5 && ex->checks[1].hidden, "check 1: points 5, hidden");
    cr_assert_eq(sl_exercise_points(ex, 0), 3, "visible points: expected 3, got %d", sl_exercise_points(ex, 0));
    cr_assert_eq(sl_exercise_points(ex, 1), 8, "all points: expected 8, got %d", sl_exercise_points(ex, 1));
    cr_assert(ex->n_hints == 2 && !strcmp(ex->hints[1].en, "second"), "hints in order");
    const sl_exercise *bonus = sl_manifest_find(&m, "bonus");
    cr_assert(bonus && bonus->optional && bonus->n_hints == 0, "bonus: optional, no hints");
    cr_assert_null(sl_manifest_find(&m, "nope"));
    sl_manifest_free(&m);
    sl_manifest_free(&m); /* safe twice: zeroed */
}

Test(manifest, real_exercises_yaml_loads)
{
    sl_manifest m = {0};
    char err[512] = "";
    cr_assert_eq(sl_manifest_load("exercises.yaml", &m, err, sizeof err), 0, "exercises.yaml: %s", err);
    static const char *core[] = {"softmax", "cross_entropy", "grad_w", "grad_b", "train"};
    cr_assert_geq(m.n_exercises, 5, "expected at least the 5 core exercises, got %zu", m.n_exercises);
    for (size_t i = 0; i < 5; i++) {
        cr_assert_str_eq(m.exercises[i].id, core[i], "exercise %zu: expected %s, got %s", i, core[i], m.exercises[i].id);
        cr_assert_gt(m.exercises[i].n_checks, 0, "%s has no checks", core[i]);
        cr_assert_gt(m.exercises[i].n_hints, 0, "%s has no hints", core[i]);
    }
    sl_manifest_free(&m);
}

Test(manifest, syntax_error_position)
{
    expect_error(edit("    section: 2\n", "    section: [2\n"),
                 "exercises.yaml:7:9: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 6)");
    expect_error("version: 1\n\texercises:\n", "exercises.yaml:2:1: YAML syntax error: found a tab character that violates indentation (while scanning a plain scalar at line 1)");
}

Test(manifest, duplicate_key)
{
    expect_error(edit("    section: 2\n", "    section: 2\n    section: 3\n"),
                 "exercises.yaml:7:5: duplicate key 'section' in an exercise");
}

Test(manifest, anchors_and_aliases)
{
    expect_error(edit("title: {en: Softmax, zh: 软最大}", "title: &t {en: Softmax, zh: 软最大}"),
                 "exercises.yaml:4:12: anchors (&t) are not allowed: write the value out");
    expect_error(edit("    title: {en: Bonus}", "    title: *t"), "exercises.yaml:21:12: aliases (*t) are not allowed: write the value out");
}

Test(manifest, wrong_types)
{
    expect_error(edit("points: 3", "points: \"two\""), "exercises.yaml:12:17: 'points' must be a whole number, got 'two'");
    expect_error(edit("points: 3", "points: \"3\""), "exercises.yaml:12:17: 'points' must be a whole number, got '3'");
    expect_error(edit("points: 3", "points: 2.5"), "exercises.yaml:12:17: 'points' must be a whole number, got '2.5'");
    expect_error(edit("hidden: true", "hidden: maybe"), "exercises.yaml:16:17: 'hidden' must be true or false, got 'maybe'");
    expect_error(edit("optional: true", "optional: [true]"), "exercises.yaml:26:15: 'optional' must be true or false, got a list");
    expect_error(edit("title: {en: Bonus}", "title: Bonus"),
                 "exercises.yaml:21:12: 'title' must be a mapping (key: value lines), not a single value");
    expect_error(edit("    checks:\n      - {id: works", "    checks: none\n    hints:\n      - {id: works"),
                 "exercises.yaml:27:13: 'checks' must be a list (lines starting with '- '), not a single value");
}

Test(manifest, out_of_range)
{
    expect_error(edit("points: 3", "points: -1"), "exercises.yaml:12:17: 'points' must be between 0 and 1000000, got -1");
    expect_error(edit("section: 2", "section: 9"), "exercises.yaml:6:14: 'section' must be between 1 and 6, got 9");
    expect_error(edit("version: 1", "version: 2"), "exercises.yaml:1:10: 'version' must be between 1 and 1, got 2");
}

Test(manifest, unknown_key)
{
    expect_error(edit("    section: 2\n", "    section: 2\n    titel: x\n"),
                 "exercises.yaml:7:5: unknown key 'titel' in an exercise (allowed: id, title, description, section, "
                 "file, function, optional, checks, hints)");
    expect_error(edit("{en: first, zh: 第一}", "{en: first, fr: premier}"),
                 "exercises.yaml:18:21: unknown key 'fr' in 'hint' (allowed: en, zh)");
}

Test(manifest, missing_required_key)
{
    expect_error(edit("        points: 3\n", ""), "exercises.yaml:10:9: a check is missing the required key 'points'");
    expect_error(edit("title: {en: rows sum to 1}", "title: {zh: 行和为一}"),
                 "exercises.yaml:11:16: 'title' is missing the required key 'en'");
    expect_error("version: 1\n", "exercises.yaml:1:1: the manifest is missing the required key 'exercises'");
}

Test(manifest, duplicate_ids)
{
    expect_error(edit("  - id: bonus", "  - id: softmax"), "exercises.yaml:20:9: duplicate exercise id 'softmax'");
    expect_error(edit("      - id: secret", "      - id: rows_sum_to_one"),
                 "exercises.yaml:13:13: duplicate check id 'rows_sum_to_one' in exercise 'softmax'");
}

Test(manifest, bad_ids_and_files)
{
    expect_error(edit("id: rows_sum_to_one", "id: Rows-Sum"),
                 "exercises.yaml:10:13: 'id' must be lower-case letters, digits and _ starting with a letter, got 'Rows-Sum'");
    expect_error(edit("file: softmax.c", "file: ../softmax.c"),
                 "exercises.yaml:7:11: 'file' must be a plain C file name like softmax.c, got '../softmax.c'");
    expect_error(edit("function: softmax", "function: \"\""), "exercises.yaml:8:15: 'function' must not be empty");
}

Test(manifest, empty_and_multi_document)
{
    expect_error("", "exercises.yaml:1:1: empty manifest: expected 'version: 1' and 'exercises:'");
    expect_error("# only a comment\n", "exercises.yaml:1:1: empty manifest: expected 'version: 1' and 'exercises:'");
    char two[4200];
    snprintf(two, sizeof two, "%s---\nversion: 1\n", GOOD);
    expect_error(two, "exercises.yaml:30:1: only one YAML document is allowed (remove the '---')");
    expect_error("- 1\n- 2\n", "exercises.yaml:1:1: the manifest must be a mapping (key: value lines), not a list");
    expect_error("version: 1\nexercises: []\n", "exercises.yaml:2:12: 'exercises' must not be empty");
}

Test(manifest, load_missing_file)
{
    sl_manifest m = {0};
    char err[256];
    cr_assert_eq(sl_manifest_load("/nonexistent/exercises.yaml", &m, err, sizeof err), -1);
    cr_assert_str_eq(err, "/nonexistent/exercises.yaml: cannot open: No such file or directory", "got: %s", err);
}

Test(manifest, messages_in_chinese)
{
    setenv("SOFTMAX_LAB_LANG", "zh", 1);
    expect_error(edit("    section: 2\n", "    section: 2\n    titel: x\n"),
                 "exercises.yaml:7:5: 未知的键 'titel'，位于练习中（允许的键：id, title, description, section, file, "
                 "function, optional, checks, hints）");
    expect_error(edit("points: 3", "points: \"two\""), "exercises.yaml:12:17: 'points' 必须是整数，实际为 'two'");
}

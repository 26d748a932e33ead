/* pl_results.c — build/pl-results: the grade of one submission (the
 * grade.tsv that build/grade writes, grader/grade/record.h) as PrairieLearn's
 * /grade/results/results.json.
 *
 *   pl-results [--manifest FILE] [--feedback FILE] GRADE_TSV RESULTS_JSON
 *
 * results.json (PrairieLearn's external-grader format):
 *   gradable   false only when no exercise file was submitted at all (the
 *              student keeps the attempt; format_errors says why), else true
 *   score      sum(points) / sum(max_points) over "tests", in [0, 1]
 *   message    "Total P / M"
 *   output     the grader's feedback.md (--feedback), cut at 256 kB
 *   tests      one per check of a core exercise (name "softmax: <check
 *              title>", points, max_points, message "passed"/"failed",
 *              output: why it failed); an exercise that did not run (missing,
 *              does not compile, refused, …) is one test with its whole max
 *              and the grader's explanation.
 * The bonus exercise is left out: the question asks for the five core files,
 * and PrairieLearn's score cannot exceed 1.  Messages follow the language
 * rules of the kit (SOFTMAX_LAB_LANG=zh, LANG=zh_*).
 * Exit status: 0 written, 1 bad input or cannot write, 2 usage. */
#include "lang.h"
#include "manifest.h"
#include "record.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TEXT_MAX = 256 * 1024 };

/* A whole text file (at most TEXT_MAX bytes), or NULL. */
static char *slurp(const char *path)
{
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (!f)
        return NULL;
    char *buf = malloc(TEXT_MAX + 1);
    size_t n = buf ? fread(buf, 1, TEXT_MAX, f) : 0;
    fclose(f);
    if (buf)
        buf[n] = '\0';
    return buf;
}

/* Replaces every byte that is not part of valid UTF-8 with '?' (JSON
 * strings must be UTF-8; compiler output may quote any byte). */
static void clean_utf8(char *s)
{
    unsigned char *p = (unsigned char *)s;
    while (p && *p) {
        int n = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 : (*p >> 3) == 30 ? 4 : 0;
        int ok = n > 0;
        for (int i = 1; ok && i < n; i++)
            ok = (p[i] & 0xC0) == 0x80;
        if (!ok) {
            *p++ = '?';
            continue;
        }
        p += n;
    }
}

static void clean_record(g_student *r)
{
    for (size_t i = 0; i < r->n_ex; i++) {
        clean_utf8(r->ex[i].detail);
        for (size_t j = 0; j < r->ex[i].n_checks; j++)
            clean_utf8(r->ex[i].checks[j].message);
    }
}

static const char *check_title(const sl_exercise *ex, const char *check_id, int zh)
{
    for (size_t i = 0; ex && i < ex->n_checks; i++)
        if (strcmp(ex->checks[i].id, check_id) == 0)
            return sl_text_get(&ex->checks[i].title, zh);
    return check_id;
}

static json_t *test_of(const char *name, int points, int max, const char *message, const char *output)
{
    return json_pack("{s:s, s:i, s:i, s:s, s:s}", "name", name, "points", points, "max_points", max, "message",
                     message, "output", output ? output : "");
}

/* The tests of one exercise appended to tests; adds to *points and *max. */
static void exercise_tests(const g_exercise *e, const sl_exercise *ex, int zh, json_t *tests, int *points, int *max)
{
    char name[512];
    if (!sl_ex_ran(e->state) || e->n_checks == 0) {
        const char *why = e->state == EX_MISSING         ? sl_tr(zh, "not submitted (no file, or an empty one)",
                                                                 "未提交（没有文件或文件为空）")
                          : e->state == EX_COMPILE_ERROR ? sl_tr(zh, "does not compile", "无法编译")
                          : e->state == EX_REJECTED      ? sl_tr(zh, "refused before running", "运行前被拒绝")
                          : e->state == EX_LINK_ERROR    ? sl_tr(zh, "does not link", "无法链接")
                                                         : sl_tr(zh, "the checks could not run", "检查无法运行");
        snprintf(name, sizeof name, "%s: %s", e->id, why);
        json_array_append_new(tests, test_of(name, 0, e->max, why, e->detail));
        *max += e->max;
        return;
    }
    for (size_t j = 0; j < e->n_checks; j++) {
        const g_check *c = &e->checks[j];
        int pass = c->outcome == SL_CHECK_PASS;
        snprintf(name, sizeof name, "%s: %s", e->id, check_title(ex, c->id, zh));
        json_array_append_new(tests, test_of(name, pass ? c->points : 0, c->max,
                                             pass ? sl_tr(zh, "passed", "通过") : sl_tr(zh, "failed", "未通过"),
                                             c->message));
        *points += pass ? c->points : 0;
        *max += c->max;
    }
}

/* Builds the whole results object. */
static json_t *results_of(const g_student *r, const sl_manifest *m, const char *feedback, int zh)
{
    json_t *tests = json_array();
    int points = 0, max = 0, submitted = 0;
    for (size_t i = 0; i < r->n_ex; i++) {
        const g_exercise *e = &r->ex[i];
        const sl_exercise *ex = m ? sl_manifest_find(m, e->id) : NULL;
        if (e->bonus || (ex && ex->optional))
            continue;
        submitted += e->state != EX_MISSING;
        exercise_tests(e, ex, zh, tests, &points, &max);
    }
    char message[128];
    snprintf(message, sizeof message, zh ? "总分 %d / %d" : "Total %d / %d", points, max);
    json_t *o = json_pack("{s:b, s:f, s:s, s:s, s:o}", "gradable", submitted > 0, "score",
                          max > 0 ? (double)points / max : 0.0, "message", message, "output",
                          feedback ? feedback : "", "tests", tests);
    if (o && !submitted)
        json_object_set_new(o, "format_errors",
                            json_string(sl_tr(zh, "No exercise file was submitted: fill in at least one file.",
                                              "没有提交任何练习文件：请至少完成一个文件。")));
    return o;
}

int main(int argc, char **argv)
{
    const char *manifest = NULL, *feedback_path = NULL, *in = NULL, *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--manifest") && i + 1 < argc)
            manifest = argv[++i];
        else if (!strcmp(argv[i], "--feedback") && i + 1 < argc)
            feedback_path = argv[++i];
        else if (!in)
            in = argv[i];
        else if (!out)
            out = argv[i];
        else
            in = NULL, i = argc;
    }
    if (!in || !out) {
        fprintf(stderr, "usage: pl-results [--manifest FILE] [--feedback FILE] GRADE_TSV RESULTS_JSON\n");
        return 2;
    }
    int zh = sl_lang_zh();
    char *text = slurp(in), err[1024];
    g_student r;
    if (!text || record_parse(text, &r) != 0) {
        fprintf(stderr, "pl-results: %s: %s\n", in, text ? "not a grade.tsv" : "cannot read");
        free(text);
        return 1;
    }
    sl_manifest m = {0};
    int have_m = manifest && sl_manifest_load(manifest, &m, err, sizeof err) == 0;
    if (manifest && !have_m)
        fprintf(stderr, "pl-results: %s (check ids are shown instead of titles)\n", err);
    char *feedback = slurp(feedback_path);
    clean_utf8(feedback);
    clean_record(&r);
    json_t *o = results_of(&r, have_m ? &m : NULL, feedback, zh);
    int rc = o && json_dump_file(o, out, JSON_INDENT(2) | JSON_ENSURE_ASCII) == 0 ? 0 : 1;
    if (rc)
        fprintf(stderr, "pl-results: cannot write %s\n", out);
    json_decref(o);
    free(feedback);
    free(text);
    record_free(&r);
    sl_manifest_free(&m);
    return rc;
}

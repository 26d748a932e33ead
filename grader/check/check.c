/* check.c — build/check: the student checker behind `make check` and
 * `make hint`.
 *
 *   check [options] [ID…]     check these exercises (default: every core
 *                             exercise in manifest order; optional ones only
 *                             when named)
 *   check --hint ID           show the next hint
 * Options: --manifest FILE (exercises.yaml)  --student-dir DIR (student)
 *          --build DIR (where `make` put harnesses; default: this build)
 *          --work DIR (BUILD/check-work)  --status-dir DIR (BUILD/status)
 *          --hints-dir DIR (BUILD/hints)  --timeout S (per exercise, 120)
 * Exit status: 0 when every checked exercise passes, 1 otherwise, 2 for bad
 * usage, an unknown id or a broken manifest.  Writes status/<id> for the
 * lesson (lab/status.h).  Titles, points and hints come from the manifest at
 * run time. */
#include "checker.h"

#include "lang.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    const char *manifest, *student_dir, *build_dir, *work_dir, *status_dir, *hints_dir;
    double timeout_s;
    int hint;
    char **ids;
    size_t n_ids;
} options;

static void usage(FILE *f)
{
    fprintf(f, "usage: check [--manifest FILE] [--student-dir DIR] [--build DIR] [--work DIR]\n"
               "             [--status-dir DIR] [--hints-dir DIR] [--timeout S] [ID…]\n"
               "       check --hint ID\n");
}

/* Parses argv into o; 0, or 2 after printing why. */
static int parse_args(int argc, char **argv, options *o)
{
    static char work[4096], status[4096], hints[4096];
    sl_toolchain tc = sl_toolchain_default();
    *o = (options){"exercises.yaml", "student", tc.build_dir, NULL, NULL, NULL, 120, 0, NULL, 0};
    if (!(o->ids = calloc((size_t)argc, sizeof *o->ids)))
        return 2;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **dst = !strcmp(a, "--manifest")      ? &o->manifest
                           : !strcmp(a, "--student-dir") ? &o->student_dir
                           : !strcmp(a, "--build")       ? &o->build_dir
                           : !strcmp(a, "--work")        ? &o->work_dir
                           : !strcmp(a, "--status-dir")  ? &o->status_dir
                           : !strcmp(a, "--hints-dir")   ? &o->hints_dir
                                                         : NULL;
        if (dst || !strcmp(a, "--timeout")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "check: %s needs a value\n", a);
                return 2;
            }
            const char *v = argv[++i];
            if (dst) {
                *dst = v;
            } else {
                char *end;
                o->timeout_s = strtod(v, &end);
                if (*end || o->timeout_s <= 0) {
                    fprintf(stderr, "check: --timeout needs a positive number of seconds, got '%s'\n", v);
                    return 2;
                }
            }
        } else if (!strcmp(a, "--hint")) {
            o->hint = 1;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            exit(0);
        } else if (a[0] == '-') {
            fprintf(stderr, "check: unknown option '%s'\n", a);
            usage(stderr);
            return 2;
        } else {
            o->ids[o->n_ids++] = argv[i];
        }
    }
    snprintf(work, sizeof work, "%s/check-work", o->build_dir);
    snprintf(status, sizeof status, "%s/status", o->build_dir);
    snprintf(hints, sizeof hints, "%s/hints", o->build_dir);
    o->work_dir = o->work_dir ? o->work_dir : work;
    o->status_dir = o->status_dir ? o->status_dir : status;
    o->hints_dir = o->hints_dir ? o->hints_dir : hints;
    return 0;
}

static void list_ids(const sl_out *out, const sl_manifest *m)
{
    fputs(sl_tr(out->zh, "Valid ids:", "可用的练习 id："), stderr);
    for (size_t i = 0; i < m->n_exercises; i++)
        fprintf(stderr, " %s%s", m->exercises[i].id,
                m->exercises[i].optional ? sl_tr(out->zh, " (optional)", "（选做）") : "");
    fputc('\n', stderr);
}

/* The exercises to check, in manifest order: the named ones (2 on an unknown
 * id), or every core exercise.  sel[i] is 1 for exercise i. */
static int select_exercises(const sl_out *out, const sl_manifest *m, const options *o, int *sel)
{
    for (size_t j = 0; j < o->n_ids; j++)
        if (!sl_manifest_find(m, o->ids[j])) {
            TR_FPRINTF(stderr, out->zh, "check: unknown exercise '%s'. ", "check：没有名为 '%s' 的练习。", o->ids[j]);
            list_ids(out, m);
            return 2;
        }
    for (size_t i = 0; i < m->n_exercises; i++) {
        sel[i] = o->n_ids == 0 && !m->exercises[i].optional;
        for (size_t j = 0; j < o->n_ids; j++)
            sel[i] |= strcmp(o->ids[j], m->exercises[i].id) == 0;
    }
    return 0;
}

static int check_all(const sl_out *out, const sl_manifest *m, const options *o, const int *sel)
{
    size_t total = 0, done = 0, passing = 0;
    int points = 0, max = 0;
    for (size_t i = 0; i < m->n_exercises; i++)
        total += sel[i] != 0;
    sl_toolchain tc = sl_toolchain_default();
    tc.build_dir = o->build_dir;
    sl_run_opts ro = {&tc, o->work_dir, "lab/softmax_lab.h", o->timeout_s, out->zh};
    for (size_t i = 0; i < m->n_exercises; i++) {
        const sl_exercise *ex = &m->exercises[i];
        if (!sel[i]) {
            if (ex->optional && o->n_ids == 0)
                TR_FPRINTF(out->out, out->zh, "%s:|%s %s — %s: optional bonus, check it with make check EX=%s\n",
                           "%s:|%s %s — %s：选做加分题，用 make check EX=%s 检查\n", sl_c_skip(out), sl_c_off(out),
                           ex->id, sl_text_get(&ex->title, out->zh), ex->id);
            continue;
        }
        char src[4096], progress[32] = "";
        snprintf(src, sizeof src, "%s/%s", o->student_dir, ex->file);
        if (total > 1)
            snprintf(progress, sizeof progress, "[%zu/%zu] ", done + 1, total);
        sl_run run;
        if (sl_run_exercise(&ro, ex->id, src, ex->function, &run) != 0) {
            fprintf(stderr, "check: out of memory\n");
            return 2;
        }
        sl_verdict v = sl_verdict_of(ex, &run);
        sl_report_exercise(out, ex, src, &run, &v, progress);
        if (sl_status_write(o->status_dir, ex->id, (sl_status){v.state, v.points, v.max}) != 0)
            TR_FPRINTF(stderr, out->zh, "check: cannot write %s/%s\n", "check：无法写入 %s/%s\n", o->status_dir, ex->id);
        sl_run_free(&run);
        done++;
        passing += v.state == SL_STATUS_PASS;
        points += v.points;
        max += v.max;
        if (total > 1 && v.state != SL_STATUS_NOT_IMPLEMENTED)
            fputc('\n', out->out);
    }
    if (total > 1)
        TR_FPRINTF(out->out, out->zh, "%s%zu/%zu exercises passing · %d/%d points%s\n",
                   "%s%zu/%zu 个练习通过 · %d/%d 分%s\n", sl_c_bold(out), passing, total, points, max, sl_c_off(out));
    return passing == total ? 0 : 1;
}

int main(int argc, char **argv)
{
    const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
    sl_out out = {stdout, sl_lang_zh(), isatty(1) && !no_color && !(term && !strcmp(term, "dumb"))};
    options o;
    int rc = parse_args(argc, argv, &o);
    if (rc != 0) {
        free(o.ids);
        return rc;
    }
    sl_manifest m = {0};
    char err[1024];
    if (sl_manifest_load(o.manifest, &m, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        free(o.ids);
        return 2;
    }
    int *sel = calloc(m.n_exercises, sizeof *sel);
    if (!sel) {
        rc = 2;
    } else if (o.hint) {
        if (o.n_ids != 1) {
            fputs(sl_tr(out.zh, "check: which exercise? Run make hint EX=<id>. ", "check：哪个练习？请运行 make hint EX=<id>。"),
                  stderr);
            list_ids(&out, &m);
            rc = 2;
        } else if (!sl_manifest_find(&m, o.ids[0])) {
            rc = select_exercises(&out, &m, &o, sel);
        } else {
            rc = sl_hint_show(&out, sl_manifest_find(&m, o.ids[0]), o.hints_dir);
        }
    } else {
        rc = select_exercises(&out, &m, &o, sel);
        if (rc == 0)
            rc = check_all(&out, &m, &o, sel);
    }
    free(sel);
    free(o.ids);
    sl_manifest_free(&m);
    return rc;
}

/* main.c — build/grade, the instructor's batch grader (issue 4).
 *
 *   grade [options] SUBMISSIONS
 *
 * Grades one submission folder, a class folder (one folder/.zip/.tar.gz per
 * student) or one archive; writes OUT/grades.csv, OUT/summary.{md,csv} and
 * per student OUT/students/<id>/{feedback.md,results.json,autolab.json,grade.tsv}.
 * Exit status: 0 graded (whatever the scores), 1 the grader failed (some
 * student could not be graded, outputs could not be written, the kit is not
 * built or its reference fails its own checks), 2 usage error.
 * The steps: kit.h (headers, preflight, hidden checks, work folder),
 * selfcheck.h, collect.h, batch.h (jobs, resume, outputs). */
#include "batch.h"
#include "collect.h"
#include "kit.h"
#include "lang.h"
#include "objcheck.h"
#include "pipeline.h"
#include "protect.h"
#include "sandbox.h"
#include "selfcheck.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef SL_KIT_ROOT
#define SL_KIT_ROOT "."
#endif

enum { EXIT_GRADED = 0, EXIT_GRADER_FAILED = 1, EXIT_USAGE = 2 };

typedef struct {
    const char *subs, *out, *hidden, *kit, *build;
    int jobs, force, autolab, quiet, zh, single;
    double test_timeout, suite_timeout;
} options;

static void usage(FILE *f)
{
    fputs("usage: grade [options] SUBMISSIONS\n"
          "  SUBMISSIONS       a class folder (one folder, .zip or .tar.gz per student),\n"
          "                    one submission folder, or one archive\n"
          "  -o, --out DIR     where to write the results (default: grade-out)\n"
          "  -j, --jobs N      students graded in parallel (default: $JOBS or 1)\n"
          "  --hidden DIR      instructor-only checks: DIR/<exercise>.c\n"
          "  --force           regrade students already graded in OUT\n"
          "  --lang en|zh      language of feedback and summary (default: from LANG)\n"
          "  --autolab         print each student's Autolab line {\"scores\": …}\n"
          "  --single          SUBMISSIONS is one submission, however its files are nested\n"
          "  --test-timeout S  per check (default 5), --suite-timeout S per exercise (default 60)\n"
          "  --kit DIR, --build DIR   kit sources and build folder (defaults baked in)\n"
          "  -q, --quiet       no progress output\n"
          "  --check-object FILE FUNCTION   only inspect one object file (exit 0 ok, 1 refused)\n"
          "exit status: 0 graded, 1 the grader failed, 2 usage error\n",
          f);
}

static int parse_args(int argc, char **argv, options *o)
{
    const char *jobs = getenv("JOBS");
    *o = (options){.out = "grade-out", .kit = SL_KIT_ROOT, .jobs = jobs ? atoi(jobs) : 1,
                   .zh = sl_lang_zh(), .test_timeout = 5, .suite_timeout = 60};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define TAKES(name) (strcmp(a, name) == 0 && v && ++i)
        if (strncmp(a, "-j", 2) == 0 && a[2])
            o->jobs = atoi(a + 2);
        else if (TAKES("-o") || TAKES("--out"))
            o->out = v;
        else if (TAKES("-j") || TAKES("--jobs"))
            o->jobs = atoi(v);
        else if (TAKES("--hidden"))
            o->hidden = v;
        else if (TAKES("--kit"))
            o->kit = v;
        else if (TAKES("--build"))
            o->build = v;
        else if (TAKES("--lang"))
            o->zh = strncmp(v, "zh", 2) == 0;
        else if (TAKES("--test-timeout"))
            o->test_timeout = atof(v);
        else if (TAKES("--suite-timeout"))
            o->suite_timeout = atof(v);
        else if (strcmp(a, "--force") == 0)
            o->force = 1;
        else if (strcmp(a, "--autolab") == 0)
            o->autolab = 1;
        else if (strcmp(a, "--single") == 0)
            o->single = 1;
        else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)
            o->quiet = 1;
        else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            exit(0);
        } else if (a[0] == '-' || o->subs) {
            fprintf(stderr, "grade: unexpected argument '%s'\n", a);
            return -1;
        } else
            o->subs = a;
#undef TAKES
    }
    if (!o->subs) {
        fputs("grade: which submissions? (a folder or an archive)\n", stderr);
        return -1;
    }
    if (o->jobs < 1)
        o->jobs = 1;
    if (o->jobs > 64)
        o->jobs = 64;
    if (o->test_timeout <= 0 || o->suite_timeout <= 0) {
        fputs("grade: timeouts must be positive\n", stderr);
        return -1;
    }
    return 0;
}

static char *abs_path(const char *p)
{
    char *r = realpath(p, NULL);
    return r ? r : xstrdup(p);
}

/* Weak mode: what student code must not read is made unreadable to the
 * sandbox uids (protect.h) — the reference, the instructor's side of the
 * kit (hidden checks, fixtures, suites), the build, the class, the results. */
static int protect_weak(const options *o, const char *kit, const grade_cfg *cfg)
{
    if (sbx_detect() != SBX_WEAK)
        return 0;
    char *ref = xasprintf("%s/reference", kit), *grader = xasprintf("%s/grader", kit);
    const char *paths[] = {ref, grader, cfg->tc.build_dir, o->hidden, o->subs, o->out};
    int rc = protect_paths(paths, 6, cfg->zh, o->quiet);
    free(ref), free(grader);
    return rc;
}

/* grade --check-object FILE FUNCTION: the object inspection alone. */
static int check_object(const char *path, const char *function)
{
    size_t len = 0;
    char *data = read_file(path, 64 << 20, 0, &len);
    if (!data) {
        fprintf(stderr, "grade: cannot read %s: %s\n", path, strerror(errno));
        return EXIT_USAGE;
    }
    char *why = NULL;
    int rc = objcheck((const unsigned char *)data, len, function, sl_lang_zh(), &why);
    printf("%s: %s\n%s", path, rc == 0 ? "accepted" : "refused", why ? why : "");
    free(why), free(data);
    return rc == 0 ? 0 : 1;
}

/* Everything after the kit is known to be usable: hidden checks, the
 * self-check, the submissions, the stale-results decision, the class. */
static int grade_class(const options *o, grade_cfg *cfg, const char *manifest_path,
                       size_t *graded, size_t *students)
{
    const sl_manifest *m = cfg->m;
    int zh = cfg->zh;
    if (o->hidden) {
        cfg->hidden = 1;
        if (kit_compile_hidden(o->hidden, m, cfg->work_root, cfg->hidden_obj, zh) != 0)
            return -1;
    }
    char *dir = xasprintf("%s/selfcheck", cfg->work_root), *why = NULL;
    int rc = selfcheck_reference(cfg, dir, &why);
    if (rc != 0)
        fprintf(stderr, "grade: %s\n%s\n",
                sl_tr(zh, "the reference does not pass its own checks, so no student can be "
                          "graded fairly (rebuild: make grade-tools):",
                      "参考实现没有通过它自己的检查，无法公平评分（请重新构建：make grade-tools）："),
                why);
    free(dir), free(why);
    if (rc != 0)
        return -1;
    class_list cl = {0};
    char err[512], *unpack = xasprintf("%s/unpack", cfg->work_root);
    if (mkdir_p(unpack) != 0 || chmod(unpack, 0700) != 0) {     /* no sandbox uid reads it */
        fprintf(stderr, "grade: cannot create %s\n", unpack);
        free(unpack);
        return -1;
    }
    rc = collect_submissions(o->subs, m, unpack, o->single, zh, &cl, err, sizeof err);
    free(unpack);
    if (rc != 0) {
        fprintf(stderr, "grade: %s\n", err);
        return -1;
    }
    for (size_t i = 0; i < cl.n_notes && !o->quiet; i++)
        fprintf(stderr, "grade: %s\n", cl.notes[i]);
    if (cl.n == 0)
        fprintf(stderr, zh ? "grade: 警告：%s 中没有提交（每名学生应有一个文件夹、.zip 或 .tar.gz）\n"
                           : "grade: warning: no submissions in %s (expected one folder, .zip or "
                             ".tar.gz per student)\n", o->subs);
    /* A changed manifest, hidden folder or language makes old results stale. */
    char *line = kit_fingerprint(manifest_path, o->hidden, m, zh);
    char *path = xasprintf("%s/.grade-config", o->out);
    char *old = read_file(path, 4096, 1, NULL);
    batch_opts bo = {.out = o->out, .jobs = o->jobs, .quiet = o->quiet, .autolab = o->autolab,
                     .force = o->force || !old || strcmp(old, line) != 0,
                     .sandbox = sbx_mode_name(sbx_detect())};
    rc = write_file_atomic(path, line, strlen(line));
    free(old), free(line), free(path);
    if (rc == 0)
        rc = batch_grade(cfg, &bo, &cl, graded);
    if (rc == 0)
        rc = batch_write_class_files(cfg, &bo, &cl);
    *students = cl.n;
    class_list_free(&cl);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--check-object") == 0)
        return check_object(argv[2], argv[3]);
    options o;
    if (parse_args(argc, argv, &o) != 0) {
        usage(stderr);
        return EXIT_USAGE;
    }
    int zh = o.zh;
    if (access(o.subs, F_OK) != 0) {         /* a typo in SUBMISSIONS: nothing to start */
        fprintf(stderr, zh ? "grade: 找不到要评分的提交 %s：%s\n" : "grade: no submissions at %s: %s\n",
                o.subs, strerror(errno));
        return EXIT_USAGE;
    }
    double t0 = now_s();
    char *kit = abs_path(o.kit), *build = o.build ? abs_path(o.build) : NULL;
    char *manifest_path = xasprintf("%s/exercises.yaml", kit);
    sl_manifest m = {0};
    grade_cfg cfg = {.m = &m, .tc = sl_toolchain_default(), .zh = zh,
                     .test_timeout_s = o.test_timeout, .suite_wall_s = o.suite_timeout,
                     .suite_cpu_s = o.suite_timeout, .mem_mb = 1024};
    if (build)
        cfg.tc.build_dir = build;
    cfg.check_libs = kit_check_libs(cfg.tc.build_dir);
    /* Sanitized check programs reserve terabytes of address space: no
     * address-space limit for them (the time and process limits still hold). */
    if (strstr(cfg.tc.ldflags, "-fsanitize=address"))
        cfg.mem_mb = 0;
    char err[512];
    int status = EXIT_GRADER_FAILED;
    size_t graded = 0, students = 0;
    if (sl_manifest_load(manifest_path, &m, err, sizeof err) != 0) {
        fprintf(stderr, "grade: %s\n", err);
    } else if (sbx_claim_slots(o.jobs * (int)grade_sandbox_slots(&m)) != 0) {
        fprintf(stderr, "grade: cannot reserve sandbox uids in /tmp/.sl-grade-uids\n");
    } else if (mkdir_p(o.out) != 0) {
        fprintf(stderr, "grade: cannot create %s: %s\n", o.out, strerror(errno));
    } else if (kit_preflight(cfg.tc.build_dir, &m, zh) == 0 && protect_weak(&o, kit, &cfg) == 0
               && (cfg.work_root = kit_work_folder(zh)) != NULL) {
        if (sbx_detect() == SBX_WEAK)
            fprintf(stderr, "%s\n",
                    sl_tr(zh, "grade: warning: bubblewrap is not usable here; student code runs "
                              "with rlimits and a private folder only (weaker isolation)",
                          "grade: 警告：此处无法使用 bubblewrap；学生代码仅在资源限制和私有文件夹中运行（隔离较弱）"));
        cfg.headers = kit_headers(kit, &m);
        cfg.hidden_obj = xcalloc(m.n_exercises + 1, sizeof *cfg.hidden_obj);
        if (grade_class(&o, &cfg, manifest_path, &graded, &students) == 0)
            status = EXIT_GRADED;
        if (!getenv("SL_GRADE_KEEP_WORK"))      /* for debugging the grader itself */
            rm_tree(cfg.work_root);
        kit_strv_free(cfg.headers);
        for (size_t i = 0; i < m.n_exercises; i++)
            free(cfg.hidden_obj[i]);
        free(cfg.hidden_obj);
        free((char *)cfg.work_root);
    }
    double secs = now_s() - t0;
    if (!o.quiet || status != EXIT_GRADED)
        fprintf(stderr, zh ? "grade: %s，%zu 名学生，用时 %.1f 秒（%.2f 份/秒）；结果在 %s\n"
                           : "grade: %s, %zu students in %.1f s (%.2f submissions/s); results in %s\n",
                status == EXIT_GRADED ? (zh ? "评分完成" : "graded")
                : batch_interrupted() ? (zh ? "已中断" : "interrupted")
                                      : (zh ? "评分器出错" : "GRADER FAILED"),
                students, secs, secs > 0 ? (double)graded / secs : 0.0, o.out);
    kit_strv_free(cfg.check_libs);
    free(kit), free(build), free(manifest_path);
    sl_manifest_free(&m);
    return status;
}

/* main.c — build/grade, the instructor's batch grader (issue 4).
 *
 *   grade [options] SUBMISSIONS
 *
 * Grades one submission folder, a class folder (one folder/.zip/.tar.gz per
 * student) or one archive; writes OUT/grades.csv, OUT/summary.{md,csv} and
 * per student OUT/<id>/{feedback.md,results.json,grade.tsv}.  Exit status:
 * 0 graded (whatever the scores), 1 the grader failed (some student could
 * not be graded or outputs could not be written), 2 usage error. */
#include "collect.h"
#include "exec.h"
#include "lang.h"
#include "objcheck.h"
#include "pipeline.h"
#include "report.h"
#include "sandbox.h"
#include "selfcheck.h"
#include "summary.h"
#include "util.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SL_KIT_ROOT
#define SL_KIT_ROOT "."
#endif
#ifndef SL_HIDDEN_CC
#define SL_HIDDEN_CC "cc -std=c11 -Ilab -Igrader/lib"
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

/* 64-bit FNV-1a of a file's bytes folded into h (missing file: its name). */
static unsigned long long fnv_file(unsigned long long h, const char *path)
{
    size_t len = 0;
    char *t = read_file(path, 64 << 20, 0, &len);
    const char *s = t ? t : path;
    len = t ? len : strlen(path);
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    free(t);
    return h;
}

/* Compiles DIR/<id>.c for each exercise into work/hidden/<id>.o. */
static int compile_hidden(const options *o, const sl_manifest *m, const char *work,
                          char **objs, int zh)
{
    char *dir = xasprintf("%s/hidden", work);
    mkdir_p(dir);
    int found = 0;
    for (size_t i = 0; i < m->n_exercises; i++) {
        const sl_exercise *e = &m->exercises[i];
        char *src = xasprintf("%s/%s.c", o->hidden, e->id);
        struct stat st;
        int has_hidden = 0;
        for (size_t j = 0; j < e->n_checks; j++)
            has_hidden |= e->checks[j].hidden;
        if (stat(src, &st) != 0) {
            if (has_hidden)
                fprintf(stderr, "%s %s\n", zh ? "grade: 警告：缺少隐藏检查文件" :
                                                "grade: warning: no hidden checks file", src);
            free(src);
            continue;
        }
        objs[i] = xasprintf("%s/%s.o", dir, e->id);
        char *cmd = xasprintf("%s -c %s -o %s", SL_HIDDEN_CC, src, objs[i]);
        char *av[256];
        size_t n = 0;
        for (char *tok = strtok(cmd, " "); tok && n < 255; tok = strtok(NULL, " "))
            av[n++] = tok;
        av[n] = NULL;
        char *out = NULL;
        int rc = sl_exec(av, NULL, 120, 64 * 1024, &out, NULL);
        if (rc != 0) {
            fprintf(stderr, "grade: %s %s:\n%s\n", zh ? "无法编译隐藏检查" :
                                                     "cannot compile the hidden checks", src,
                    out ? out : "");
            free(out), free(cmd), free(src), free(dir);
            return -1;
        }
        found++;
        free(out), free(cmd), free(src);
    }
    free(dir);
    if (!found)
        fprintf(stderr, "grade: %s %s\n", zh ? "警告：隐藏检查文件夹中没有 <练习>.c：" :
                                               "warning: no <exercise>.c in the hidden folder",
                o->hidden);
    return 0;
}

static volatile sig_atomic_t g_stop;

static void on_stop(int sig)
{
    (void)sig;
    g_stop = 1;
}

typedef struct {
    pid_t pid;
    size_t sub;
    double t0;
} job;

/* Grades one student in a child process: writes the per-student files, and
 * grade.tsv last (atomically), which marks the student as done. */
static int grade_child(const grade_cfg *cfg, const options *o, const submission *s, int slot)
{
    g_student r;
    char *why = NULL;
    if (grade_submission(cfg, s, slot, &r, &why) != 0) {
        fprintf(stderr, "grade: %s: %s\n", s->student, why ? why : "failed");
        return EXIT_GRADER_FAILED;
    }
    char *dir = xasprintf("%s/%s", o->out, s->student);
    char *fb = report_feedback_md(cfg->m, &r, s->note, cfg->zh);
    char *js = report_gradescope_json(cfg->m, &r, s->note, cfg->zh);
    char *al = report_autolab_line(&r);
    char *rec = record_format(&r);
    char *p1 = xasprintf("%s/feedback.md", dir), *p2 = xasprintf("%s/results.json", dir);
    char *p3 = xasprintf("%s/autolab.json", dir), *p4 = xasprintf("%s/grade.tsv", dir);
    int ok = mkdir_p(dir) == 0 && write_file_atomic(p1, fb, strlen(fb)) == 0
             && write_file_atomic(p2, js, strlen(js)) == 0
             && write_file_atomic(p3, al, strlen(al)) == 0
             && write_file_atomic(p4, rec, strlen(rec)) == 0;
    if (!ok)
        fprintf(stderr, "grade: cannot write %s: %s\n", dir, strerror(errno));
    free(fb), free(js), free(al), free(rec), free(p1), free(p2), free(p3), free(p4), free(dir);
    free(why);
    record_free(&r);
    return ok ? EXIT_GRADED : EXIT_GRADER_FAILED;
}

static void progress(const options *o, int tty, size_t done, size_t total, const char *who,
                     const char *what, double secs)
{
    if (o->quiet)
        return;
    if (tty) {
        enum { W = 30 };
        size_t fill = total ? done * W / total : W;
        fprintf(stderr, "\r[");
        for (size_t i = 0; i < W; i++)
            fputc(i < fill ? '#' : '.', stderr);
        fprintf(stderr, "] %zu/%zu %-24.24s", done, total, who);
        if (done == total)
            fputc('\n', stderr);
    } else {
        fprintf(stderr, "[%zu/%zu] %s: %s (%.1f s)\n", done, total, who, what, secs);
    }
    fflush(stderr);
}

/* Reads OUT/<id>/grade.tsv; 0 on success. */
static int load_record(const char *out, const char *id, g_student *r)
{
    char *p = xasprintf("%s/%s/grade.tsv", out, id);
    char *t = read_file(p, 16 << 20, 1, NULL);
    int rc = t && record_parse(t, r) == 0 ? 0 : -1;
    free(t), free(p);
    return rc;
}

static int write_class_files(const options *o, const sl_manifest *m, const class_list *cl)
{
    g_student *recs = xcalloc(cl->n, sizeof *recs);
    size_t n = 0;
    for (size_t i = 0; i < cl->n; i++)
        if (load_record(o->out, cl->subs[i].student, &recs[n]) == 0)
            n++;
    char *g = summary_grades_csv(m, recs, n), *s = summary_md(m, recs, n, o->zh);
    char *c = summary_csv(m, recs, n);
    char *pg = xasprintf("%s/grades.csv", o->out), *ps = xasprintf("%s/summary.md", o->out);
    char *pc = xasprintf("%s/summary.csv", o->out);
    int ok = write_file_atomic(pg, g, strlen(g)) == 0 && write_file_atomic(ps, s, strlen(s)) == 0
             && write_file_atomic(pc, c, strlen(c)) == 0;
    if (o->autolab)
        for (size_t i = 0; i < n; i++) {
            char *line = report_autolab_line(&recs[i]);
            if (cl->n > 1)
                printf("%s ", recs[i].student);
            fputs(line, stdout);
            free(line);
        }
    for (size_t i = 0; i < n; i++)
        record_free(&recs[i]);
    free(recs), free(g), free(s), free(c), free(pg), free(ps), free(pc);
    return ok && n == cl->n ? 0 : -1;
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

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--check-object") == 0)
        return check_object(argv[2], argv[3]);
    options o;
    if (parse_args(argc, argv, &o) != 0) {
        usage(stderr);
        return EXIT_USAGE;
    }
    double t0 = now_s();
    int zh = o.zh;
    char *kit = abs_path(o.kit);
    char *manifest_path = xasprintf("%s/exercises.yaml", kit);
    sl_manifest m = {0};
    char err[512];
    if (sl_manifest_load(manifest_path, &m, err, sizeof err) != 0) {
        fprintf(stderr, "grade: %s\n", err);
        return EXIT_GRADER_FAILED;
    }
    sbx_mode mode = sbx_detect();
    if (sbx_claim_slots(o.jobs * (int)grade_sandbox_slots(&m)) != 0) {
        fprintf(stderr, "grade: cannot reserve sandbox uids in /tmp/.sl-grade-uids\n");
        return EXIT_GRADER_FAILED;
    }
    if (mode == SBX_WEAK)
        fprintf(stderr, "%s\n",
                sl_tr(zh, "grade: warning: bubblewrap is not usable here; student code runs with "
                          "rlimits and a private folder only (weaker isolation)",
                      "grade: 警告：此处无法使用 bubblewrap；学生代码仅在资源限制和私有文件夹中运行（隔离较弱）"));
    if (mkdir_p(o.out) != 0) {
        fprintf(stderr, "grade: cannot create %s: %s\n", o.out, strerror(errno));
        return EXIT_GRADER_FAILED;
    }
    grade_cfg cfg = {.m = &m, .tc = sl_toolchain_default(), .zh = zh,
                     .test_timeout_s = o.test_timeout, .suite_wall_s = o.suite_timeout,
                     .suite_cpu_s = o.suite_timeout, .mem_mb = 1024};
    char *build_abs = o.build ? abs_path(o.build) : NULL;
    if (build_abs)
        cfg.tc.build_dir = build_abs;
    /* Sanitized check programs reserve terabytes of address space: no
     * address-space limit for them (the time and process limits still hold). */
    if (strstr(cfg.tc.ldflags, "-fsanitize=address"))
        cfg.mem_mb = 0;
    /* The headers a student file may include: the contract, and whatever
     * the kit's own stubs include with quotes (multilabel.h, …). */
    char **headers = xcalloc(2 * m.n_exercises + 2, sizeof *headers);
    size_t nh = 0;
    headers[nh++] = xasprintf("%s/lab/softmax_lab.h", kit);
    for (size_t i = 0; i < m.n_exercises; i++) {
        char *stub_path = xasprintf("%s/student/%s", kit, m.exercises[i].file);
        char *stub = read_file(stub_path, 1 << 20, 0, NULL);
        for (char *p = stub; p && (p = strstr(p, "#include \"")) != NULL;) {
            p += 10;
            char *q = strchr(p, '"');
            if (!q || q - p > 100 || memchr(p, '/', (size_t)(q - p)))
                continue;
            char *h = xasprintf("%s/lab/%.*s", kit, (int)(q - p), p);
            int dup = 0;
            for (size_t k = 0; k < nh; k++)
                dup |= strcmp(headers[k], h) == 0;
            struct stat hs;
            if (!dup && nh < 2 * m.n_exercises + 1 && stat(h, &hs) == 0)
                headers[nh++] = h;
            else
                free(h);
        }
        free(stub), free(stub_path);
    }
    /* Preflight: every exercise's suite and harness must be built, or each
     * student would be blamed for the grader's missing parts. */
    for (size_t i = 0; i < m.n_exercises; i++) {
        const char *id = m.exercises[i].id;
        char *need[] = {xasprintf("%s/obj/grader/suites/%s.o", cfg.tc.build_dir, id),
                        xasprintf("%s/harness/%s.a", cfg.tc.build_dir, id),
                        xasprintf("%s/obj/grader/run/crash_note.o", cfg.tc.build_dir)};
        for (size_t k = 0; k < 3; k++) {
            struct stat st;
            if (stat(need[k], &st) != 0) {
                fprintf(stderr, "grade: %s %s (%s)\n",
                        sl_tr(zh, "the grader is not fully built: missing",
                              "评分器没有完整构建：缺少"), need[k],
                        sl_tr(zh, "run: make grade-tools", "请运行：make grade-tools"));
                return EXIT_GRADER_FAILED;
            }
            free(need[k]);
        }
    }
    cfg.headers = headers;
    const char *tmp = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char *work = xasprintf("%s/sl-grade-XXXXXX", tmp);
    if (!mkdtemp(work) || chmod(work, 0711) != 0) {
        fprintf(stderr, "grade: cannot create a work folder in %s\n", tmp);
        return EXIT_GRADER_FAILED;
    }
    /* The sandbox users must reach their scratch folders under it. */
    for (char *up = xstrdup(work), *slash; geteuid() == 0 && (slash = strrchr(up, '/'));) {
        struct stat st;
        if (stat(up, &st) == 0 && !(st.st_mode & S_IXOTH)) {
            fprintf(stderr, "grade: %s %s\n", up,
                    sl_tr(zh, "is not reachable by other users (chmod o+x it, or set TMPDIR "
                              "to a folder that is): the sandbox users work below it",
                          "其他用户无法进入（请 chmod o+x，或把 TMPDIR 设为可进入的文件夹）：沙箱用户在其下工作"));
            free(up);
            rm_tree(work);
            return EXIT_GRADER_FAILED;
        }
        *slash = '\0';
        if (!*up) {
            free(up);
            break;
        }
    }
    cfg.work_root = work;
    cfg.hidden_obj = xcalloc(m.n_exercises, sizeof *cfg.hidden_obj);
    int status = EXIT_GRADED;
    if (o.hidden) {
        cfg.hidden = 1;
        if (compile_hidden(&o, &m, work, cfg.hidden_obj, zh) != 0)
            status = EXIT_GRADER_FAILED;
    }
    if (status == EXIT_GRADED) {
        char *dir = xasprintf("%s/selfcheck", work), *why = NULL;
        if (selfcheck_reference(&cfg, dir, &why) != 0) {
            fprintf(stderr, "grade: %s\n%s\n",
                    sl_tr(zh, "the reference does not pass its own checks, so no student can be "
                              "graded fairly (rebuild: make grade-tools):",
                          "参考实现没有通过它自己的检查，无法公平评分（请重新构建：make grade-tools）："),
                    why);
            status = EXIT_GRADER_FAILED;
        }
        free(dir), free(why);
    }
    class_list cl = {0};
    char *unpack = xasprintf("%s/unpack", work);
    if (status == EXIT_GRADED
        && collect_submissions(o.subs, &m, unpack, o.single, zh, &cl, err, sizeof err) != 0) {
        fprintf(stderr, "grade: %s\n", err);
        status = EXIT_GRADER_FAILED;
    }

    /* A changed manifest, hidden folder or language makes old results stale. */
    unsigned long long h = 1469598103934665603ULL;
    h = fnv_file(h, manifest_path);
    for (size_t i = 0; i < m.n_exercises; i++)
        h = cfg.hidden_obj[i] ? fnv_file(h, cfg.hidden_obj[i]) : h;
    char *cfgline = xasprintf("grade-config %016llx hidden=%d lang=%s\n", h, cfg.hidden,
                              zh ? "zh" : "en");
    char *cfgpath = xasprintf("%s/.grade-config", o.out);
    char *old = read_file(cfgpath, 4096, 1, NULL);
    int force = o.force || !old || strcmp(old, cfgline) != 0;
    free(old);
    if (status == EXIT_GRADED && write_file_atomic(cfgpath, cfgline, strlen(cfgline)) != 0)
        status = EXIT_GRADER_FAILED;

    size_t *todo = xcalloc(cl.n + 1, sizeof *todo), ntodo = 0, kept = 0;
    for (size_t i = 0; i < cl.n; i++) {
        g_student r;
        if (!force && load_record(o.out, cl.subs[i].student, &r) == 0) {
            record_free(&r);
            kept++;
        } else {
            char *p = xasprintf("%s/%s/grade.tsv", o.out, cl.subs[i].student);
            unlink(p);
            free(p);
            todo[ntodo++] = i;
        }
    }
    if (!o.quiet && status == EXIT_GRADED)
        fprintf(stderr, zh ? "grade: %zu 名学生（%zu 名已评分，保留），%d 个并行任务，沙箱：%s\n"
                           : "grade: %zu students (%zu already graded, kept), %d jobs, sandbox: %s\n",
                cl.n, kept, o.jobs, sbx_mode_name(mode));

    sbx_become_reaper();        /* a dying job's orphans come to us, not to init */
    struct sigaction sa = {.sa_handler = on_stop};
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    job *jobs = xcalloc((size_t)o.jobs, sizeof *jobs);
    size_t next = 0, done = 0, failed = 0;
    int tty = isatty(2);
    while (status == EXIT_GRADED && (next < ntodo || done < next) && !g_stop) {
        for (int s = 0; s < o.jobs && next < ntodo && !g_stop; s++) {
            if (jobs[s].pid)
                continue;
            size_t idx = todo[next++];
            fflush(NULL);
            pid_t grader = getpid(), pid = fork();
            if (pid == 0) {
                /* dies with the grader: a killed run leaves no grading behind */
                prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
                if (getppid() != grader)
                    _exit(EXIT_GRADER_FAILED);
                signal(SIGINT, SIG_DFL), signal(SIGTERM, SIG_DFL);
                sbx_become_reaper();
                _exit(grade_child(&cfg, &o, &cl.subs[idx], s));
            }
            if (pid < 0) {
                status = EXIT_GRADER_FAILED;
                break;
            }
            jobs[s] = (job){pid, idx, now_s()};
        }
        int st;
        pid_t w = wait(&st);
        if (w < 0) {
            if (errno == ECHILD)
                break;
            continue;
        }
        for (int s = 0; s < o.jobs; s++) {
            if (jobs[s].pid != w)
                continue;
            int ok = WIFEXITED(st) && WEXITSTATUS(st) == EXIT_GRADED;
            failed += !ok;
            done++;
            const char *who = cl.subs[jobs[s].sub].student;
            char what[128] = "grader failed";
            g_student r;
            if (ok && load_record(o.out, who, &r) == 0) {
                snprintf(what, sizeof what, "%d / %d", record_total(&r), record_max(&r));
                record_free(&r);
            }
            progress(&o, tty, done, ntodo, who, what, now_s() - jobs[s].t0);
            jobs[s].pid = 0;
        }
    }
    if (g_stop) {
        for (int s = 0; s < o.jobs; s++)
            if (jobs[s].pid)
                kill(jobs[s].pid, SIGKILL), waitpid(jobs[s].pid, NULL, 0);
        fprintf(stderr, "%s\n", sl_tr(zh, "grade: interrupted; run again with the same OUT to "
                                          "grade the rest", "grade: 已中断；用相同的 OUT 再次运行即可继续评分"));
        status = EXIT_GRADER_FAILED;
    } else if (failed) {
        status = EXIT_GRADER_FAILED;
    }
    if (status == EXIT_GRADED && write_class_files(&o, &m, &cl) != 0)
        status = EXIT_GRADER_FAILED;
    if (!getenv("SL_GRADE_KEEP_WORK"))
        rm_tree(work);
    double secs = now_s() - t0;
    if (!o.quiet || status != EXIT_GRADED)
        fprintf(stderr, zh ? "grade: %s，%zu 名学生，用时 %.1f 秒（%.2f 份/秒）；结果在 %s\n"
                           : "grade: %s, %zu students in %.1f s (%.2f submissions/s); results in %s\n",
                status == EXIT_GRADED ? (zh ? "评分完成" : "graded")
                                      : (zh ? "评分器出错" : "GRADER FAILED"),
                cl.n, secs, secs > 0 ? (double)ntodo / secs : 0.0, o.out);
    for (size_t i = 0; i < m.n_exercises; i++)
        free(cfg.hidden_obj[i]);
    free(cfg.hidden_obj), free(jobs), free(todo), free(cfgline), free(cfgpath), free(unpack);
    for (size_t i = 0; i < nh; i++)
        free(headers[i]);
    free(build_abs);
    free(headers), free(work), free(kit), free(manifest_path);
    class_list_free(&cl);
    sl_manifest_free(&m);
    return status;
}

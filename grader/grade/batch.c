/* batch.c — see batch.h. */
#include "batch.h"

#include "lang.h"
#include "report.h"
#include "sandbox.h"
#include "summary.h"
#include "util.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t g_stop, g_signalled;

static void on_stop(int sig)
{
    (void)sig;
    g_stop = 1;
    g_signalled = 1;
}

int batch_interrupted(void)
{
    return g_signalled;
}

typedef struct {
    pid_t pid;
    size_t sub;
    double t0;
} job;

/* In the job's child: grade one student, write its files (grade.tsv last).
 * Exit status 0, or 1 when the grader failed. */
static int grade_child(const grade_cfg *cfg, const batch_opts *o, const submission *s, int slot)
{
    g_student r;
    char *why = NULL;
    if (grade_submission(cfg, s, slot, &r, &why) != 0) {
        fprintf(stderr, "grade: %s: %s\n", s->student, why ? why : "failed");
        free(why);
        return 1;
    }
    char *dir = xasprintf("%s/students/%s", o->out, s->student);
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
    return ok ? 0 : 1;
}

static void progress(const batch_opts *o, int tty, size_t done, size_t total, const char *who,
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

/* Reads OUT/students/<id>/grade.tsv; 0 on success. */
static int load_record(const char *out, const char *id, g_student *r)
{
    char *p = xasprintf("%s/students/%s/grade.tsv", out, id);
    char *t = read_file(p, 16 << 20, 1, NULL);
    int rc = t && record_parse(t, r) == 0 ? 0 : -1;
    free(t), free(p);
    return rc;
}

/* A job ended: its progress line (the student's points, read back). */
static void job_done(const batch_opts *o, int tty, size_t done, size_t total, const char *who,
                     int ok, double t0)
{
    char what[128] = "grader failed";
    g_student r;
    if (ok && load_record(o->out, who, &r) == 0) {
        snprintf(what, sizeof what, "%d / %d", record_total(&r), record_max(&r));
        record_free(&r);
    }
    progress(o, tty, done, total, who, what, now_s() - t0);
}

/* Starts the job for student idx in slot s; its pid, or −1. */
static pid_t start_job(const grade_cfg *cfg, const batch_opts *o, const submission *sub, int s)
{
    fflush(NULL);
    pid_t grader = getpid(), pid = fork();
    if (pid == 0) {
        /* dies with the grader: a killed run leaves no grading behind */
        prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
        if (getppid() != grader)
            _exit(1);
        signal(SIGINT, SIG_DFL), signal(SIGTERM, SIG_DFL);
        sbx_become_reaper();
        _exit(grade_child(cfg, o, sub, s));
    }
    return pid;
}

int batch_grade(const grade_cfg *cfg, const batch_opts *o, const class_list *cl, size_t *graded)
{
    int zh = cfg->zh;
    size_t *todo = xcalloc(cl->n + 1, sizeof *todo), ntodo = 0, kept = 0;
    for (size_t i = 0; i < cl->n; i++) {
        g_student r;
        if (!o->force && load_record(o->out, cl->subs[i].student, &r) == 0) {
            record_free(&r);
            kept++;
        } else {
            char *p = xasprintf("%s/students/%s/grade.tsv", o->out, cl->subs[i].student);
            unlink(p);
            free(p);
            todo[ntodo++] = i;
        }
    }
    if (!o->quiet)
        fprintf(stderr, zh ? "grade: %zu 名学生（%zu 名已评分，保留），%d 个并行任务，沙箱：%s\n"
                           : "grade: %zu students (%zu already graded, kept), %d jobs, sandbox: %s\n",
                cl->n, kept, o->jobs, o->sandbox);
    sbx_become_reaper();        /* a dying job's orphans come to us, not to init */
    struct sigaction sa = {.sa_handler = on_stop}, old_int, old_term;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    job *jobs = xcalloc((size_t)o->jobs, sizeof *jobs);
    size_t next = 0, done = 0, failed = 0, graded_ok = 0;
    int tty = isatty(2), rc = 0;
    while ((next < ntodo || done < next) && !g_stop) {
        for (int s = 0; s < o->jobs && next < ntodo && !g_stop; s++) {
            if (jobs[s].pid)
                continue;
            size_t idx = todo[next];
            pid_t pid = start_job(cfg, o, &cl->subs[idx], s);
            if (pid < 0) {
                g_stop = 1;
                failed++;
                break;
            }
            next++;
            jobs[s] = (job){pid, idx, now_s()};
        }
        int st;
        pid_t w = wait(&st);
        if (w < 0) {
            if (errno == ECHILD)
                break;
            continue;
        }
        for (int s = 0; s < o->jobs; s++)
            if (jobs[s].pid == w) {
                int ok = WIFEXITED(st) && WEXITSTATUS(st) == 0;
                failed += !ok;
                graded_ok += ok;
                job_done(o, tty, ++done, ntodo, cl->subs[jobs[s].sub].student, ok, jobs[s].t0);
                jobs[s].pid = 0;
            }
    }
    if (g_stop) {
        for (int s = 0; s < o->jobs; s++)
            if (jobs[s].pid)
                kill(jobs[s].pid, SIGKILL), waitpid(jobs[s].pid, NULL, 0);
        fprintf(stderr, "%s\n", sl_tr(zh, "grade: interrupted; run again with the same OUT to "
                                          "grade the rest",
                                      "grade: 已中断；用相同的 OUT 再次运行即可继续评分"));
        rc = -1;
    }
    if (failed)
        rc = -1;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    *graded = graded_ok;
    free(jobs), free(todo);
    return rc;
}

int batch_write_class_files(const grade_cfg *cfg, const batch_opts *o, const class_list *cl)
{
    const sl_manifest *m = cfg->m;
    g_student *recs = xcalloc(cl->n, sizeof *recs);
    size_t n = 0;
    for (size_t i = 0; i < cl->n; i++)
        if (load_record(o->out, cl->subs[i].student, &recs[n]) == 0)
            n++;
    char *g = summary_grades_csv(m, recs, n);
    char *s = summary_md(m, recs, n, cl->notes, cl->n_notes, cfg->zh);
    char *c = summary_csv(m, recs, n, cl->notes, cl->n_notes);
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

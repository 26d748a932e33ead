/* submit.c — build/submit, `make submit` (submit.h).
 *
 *   submit [--build DIR] [--check PROGRAM] [--manifest FILE] [--student-dir DIR]
 *          [--state DIR] [--out FILE]
 *
 * Runs the public checks (the checker, default BUILD/check, as a subprocess,
 * its output shown as make check shows it), warns about every core exercise
 * that does not pass, is not implemented, does not compile or is missing,
 * and still writes FILE (default submission.zip): the core exercise files
 * (softmax.c, …) at the top of the zip — where the grader and Gradescope
 * look — plus an optional exercise's file (the bonus) when the checker finds
 * it implemented (any verdict but "not implemented"), nothing else.
 * --state DIR keeps the checker's status and work files in DIR (tests).
 * Exit status: 0 the zip is written (whatever the checks say), 1 it could
 * not be, 2 bad usage or manifest. */
#include "submit.h"

#include "lang.h"
#include "manifest.h"
#include "status.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define TR_PRINTF(zh, en, zh_fmt, ...) ((zh) ? printf(zh_fmt, __VA_ARGS__) : printf(en, __VA_ARGS__))

typedef struct {
    const char *build, *check, *manifest, *student, *state, *out;
} options;

static int parse_args(int argc, char **argv, options *o)
{
    static char check[4096];
    *o = (options){"build", NULL, "exercises.yaml", "student", NULL, "submission.zip"};
    for (int i = 1; i < argc; i++) {
        const char **dst = !strcmp(argv[i], "--build")         ? &o->build
                           : !strcmp(argv[i], "--check")       ? &o->check
                           : !strcmp(argv[i], "--manifest")    ? &o->manifest
                           : !strcmp(argv[i], "--student-dir") ? &o->student
                           : !strcmp(argv[i], "--state")       ? &o->state
                           : !strcmp(argv[i], "--out")         ? &o->out
                                                               : NULL;
        if (!dst || i + 1 >= argc) {
            fprintf(stderr, "usage: submit [--build DIR] [--check PROGRAM] [--manifest FILE] [--student-dir DIR]\n"
                            "              [--state DIR] [--out FILE]\n");
            return 2;
        }
        *dst = argv[++i];
    }
    if (!o->check) {
        snprintf(check, sizeof check, "%s/check", o->build);
        o->check = check;
    }
    return 0;
}

/* Runs the checker on ids (NULL-terminated; none: every core exercise);
 * quiet: its output goes to /dev/null.  Returns its wait status, −1 if it
 * could not be started. */
static int run_checker(const options *o, char *const *ids, int quiet)
{
    char work[4096], status[4096];
    char *argv[32];
    int n = 0;
    argv[n++] = (char *)o->check;
    argv[n++] = "--build", argv[n++] = (char *)o->build;
    argv[n++] = "--manifest", argv[n++] = (char *)o->manifest;
    argv[n++] = "--student-dir", argv[n++] = (char *)o->student;
    if (o->state) {
        snprintf(work, sizeof work, "%s/work", o->state);
        snprintf(status, sizeof status, "%s/status", o->state);
        argv[n++] = "--work", argv[n++] = work;
        argv[n++] = "--status-dir", argv[n++] = status;
    }
    for (size_t i = 0; ids && ids[i] && n < 31; i++)
        argv[n++] = ids[i];
    argv[n] = NULL;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        int null = quiet ? open("/dev/null", O_WRONLY) : -1;
        if (null >= 0) {
            dup2(null, STDOUT_FILENO);
            dup2(null, STDERR_FILENO);
        }
        execv(argv[0], argv);
        fprintf(stderr, "submit: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    int ws = -1;
    if (pid < 0 || waitpid(pid, &ws, 0) < 0)
        return -1;
    return ws;
}

/* Prints the warning for a core exercise that does not pass; 1 if it warned. */
static int warn(int zh, const sl_exercise *ex, const char *path, int exists, sl_status st)
{
    if (exists && st.state == SL_STATUS_PASS)
        return 0;
    fputs(sl_tr(zh, "warning: ", "警告："), stdout);
    if (!exists)
        TR_PRINTF(zh, "%s is missing: nothing is submitted for %s, it will score 0\n",
                  "找不到 %s：%s 没有可提交的内容，将得 0 分\n", path, ex->id);
    else if (st.state == SL_STATUS_NOT_IMPLEMENTED)
        TR_PRINTF(zh, "%s is not implemented yet: it will score 0\n", "%s 还没有实现：将得 0 分\n", ex->id);
    else if (st.state == SL_STATUS_COMPILE_ERROR)
        TR_PRINTF(zh, "%s does not compile: it will score 0\n", "%s 无法编译：将得 0 分\n", ex->id);
    else if (st.state == SL_STATUS_FAIL)
        TR_PRINTF(zh, "%s does not pass every check yet (%d/%d points on the public checks)\n",
                  "%s 还没有通过全部检查（公开检查得分 %d/%d）\n", ex->id, st.points, st.max);
    else
        TR_PRINTF(zh, "%s could not be checked\n", "%s 无法检查\n", ex->id);
    return 1;
}

typedef struct {
    char *files[64], *names[64];
    size_t n;
    int warnings;
} packing;

/* Decides which files go in: every core file that exists, and an optional
 * one the checker found implemented. */
static void choose(const options *o, const sl_manifest *m, const char *status_dir, int zh, packing *p)
{
    for (size_t i = 0; i < m->n_exercises && p->n < 64; i++) {
        const sl_exercise *ex = &m->exercises[i];
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", o->student, ex->file);
        struct stat st;
        int exists = stat(path, &st) == 0 && S_ISREG(st.st_mode);
        if (ex->optional) {
            char *ids[] = {ex->id, NULL};
            if (!exists || run_checker(o, ids, 1) < 0)
                continue;
            sl_status s = sl_status_read(status_dir, ex->id);
            if (s.state == SL_STATUS_NOT_IMPLEMENTED || s.state == SL_STATUS_UNKNOWN) {
                TR_PRINTF(zh, "note: %s (bonus) is still the stub: not included\n",
                          "说明：%s（加分题）仍是原始模板：不打包\n", ex->file);
                continue;
            }
        } else {
            p->warnings += warn(zh, ex, path, exists, sl_status_read(status_dir, ex->id));
            if (!exists)
                continue;
        }
        p->files[p->n] = strdup(path);
        p->names[p->n] = strdup(ex->file);
        p->n++;
    }
}

static void summary(int zh, const options *o, const packing *p)
{
    struct stat st;
    long size = stat(o->out, &st) == 0 ? (long)st.st_size : 0;
    TR_PRINTF(zh, "wrote %s (%zu files, %ld bytes):", "已写入 %s（%zu 个文件，%ld 字节）：", o->out, p->n, size);
    for (size_t i = 0; i < p->n; i++)
        printf(" %s", p->names[i]);
    putchar('\n');
    if (p->warnings)
        TR_PRINTF(zh, "%d exercise(s) above do not pass yet: you can still hand this zip in, or fix them and run "
                      "make submit again.\n",
                  "上面有 %d 个练习还没有通过：你仍然可以提交这个 zip，也可以先修好再运行 make submit。\n", p->warnings);
    fputs(sl_tr(zh, "Hand in this zip as it is (Gradescope: upload submission.zip; do not unpack it).\n",
                "请原样提交这个 zip（Gradescope：直接上传 submission.zip，不要解压）。\n"),
          stdout);
}

int main(int argc, char **argv)
{
    options o;
    int rc = parse_args(argc, argv, &o);
    if (rc)
        return rc;
    int zh = sl_lang_zh();
    sl_manifest m = {0};
    char err[1024], status_dir[4096];
    if (sl_manifest_load(o.manifest, &m, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    snprintf(status_dir, sizeof status_dir, "%s/status", o.state ? o.state : o.build);
    fputs(sl_tr(zh, "make submit: your exercises are checked first (the public checks; your instructor may run more).\n\n",
                "make submit：先检查你的练习（公开检查；老师可能还有更多检查）。\n\n"),
          stdout);
    if (run_checker(&o, NULL, 0) < 0)
        TR_PRINTF(zh, "warning: the checker %s could not run\n", "警告：无法运行检查程序 %s\n", o.check);
    putchar('\n');
    packing p = {{0}, {0}, 0, 0};
    choose(&o, &m, status_dir, zh, &p);
    rc = sb_zip_write(o.out, p.files, p.names, p.n, err, sizeof err);
    if (rc != 0)
        TR_PRINTF(zh, "submit: cannot write the zip: %s\n", "submit：无法写入 zip：%s\n", err);
    else
        summary(zh, &o, &p);
    for (size_t i = 0; i < p.n; i++)
        free(p.files[i]), free(p.names[i]);
    sl_manifest_free(&m);
    return rc ? 1 : 0;
}

/* build.c — compile a student file, link a suite (contract: build.h). */
#include "build.h"

#include "exec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef SL_CC
#error "build.c needs -DSL_CC=… -DSL_STUDENT_CFLAGS=… -DSL_LDFLAGS=… -DSL_WORKER_LIBS=… -DSL_JUDGE_LIBS=… -DSL_ASAN_FLAGS=… -DSL_BUILD_DIR=… (grader/run/run.mk)"
#endif

/* snprintf with an English or a Chinese literal format (both checked). */
#define TR_PRINTF(buf, len, zh, en, zh_fmt, ...) \
    ((zh) ? snprintf((buf), (len), zh_fmt, __VA_ARGS__) : snprintf((buf), (len), en, __VA_ARGS__))

enum { LOG_MAX = 256 * 1024, TOOL_TIMEOUT_S = 60 };

sl_toolchain sl_toolchain_default(void)
{
    return (sl_toolchain){SL_CC, SL_STUDENT_CFLAGS, SL_LDFLAGS, SL_WORKER_LIBS, SL_BUILD_DIR,
                          SL_JUDGE_LIBS, SL_ASAN_FLAGS};
}

/* argv under construction */
typedef struct {
    char **v;
    size_t n, cap;
    int oom;
} argv_t;

static void push(argv_t *a, const char *s)
{
    if (a->oom)
        return;
    if (a->n + 2 > a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 32;
        char **nv = realloc(a->v, cap * sizeof *nv);
        if (!nv) {
            a->oom = 1;
            return;
        }
        a->v = nv, a->cap = cap;
    }
    if (!(a->v[a->n] = strdup(s))) {
        a->oom = 1;
        return;
    }
    a->v[++a->n] = NULL;
}

static void push_words(argv_t *a, const char *words)
{
    const char *p = words ? words : "";
    while (*p) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " ");
        if (!len)
            break;
        char w[1024];
        snprintf(w, sizeof w, "%.*s", (int)len, p);
        push(a, w);
        p += len;
    }
}

static void push_path(argv_t *a, const char *dir, const char *rel, const char *id, const char *ext)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s%s%s", dir, rel, id, ext);
    push(a, path);
}

static char **finish(argv_t *a)
{
    if (a->oom || !a->v) {
        sl_argv_free(a->v);
        return NULL;
    }
    return a->v;
}

void sl_argv_free(char **argv)
{
    for (size_t i = 0; argv && argv[i]; i++)
        free(argv[i]);
    free(argv);
}

char **sl_compile_argv_flavour(const sl_toolchain *tc, const char *src, const char *obj, int asan)
{
    sl_toolchain def = sl_toolchain_default();
    tc = tc ? tc : &def;
    argv_t a = {0};
    push_words(&a, tc->cc);
    push_words(&a, tc->cflags);
    if (asan)
        push_words(&a, tc->asan_flags);
    push(&a, "-Dmain=sl_student_main_unused");
    push(&a, "-c");
    push(&a, src);
    push(&a, "-o");
    push(&a, obj);
    return finish(&a);
}

char **sl_compile_argv(const sl_toolchain *tc, const char *src, const char *obj)
{
    return sl_compile_argv_flavour(tc, src, obj, 0);
}

char **sl_worker_argv(const sl_toolchain *tc, const char *exercise, const char *obj, const char *bin,
                      int asan)
{
    sl_toolchain def = sl_toolchain_default();
    tc = tc ? tc : &def;
    argv_t a = {0};
    push_words(&a, tc->cc);
    push_words(&a, tc->ldflags);
    if (asan)
        push_words(&a, tc->asan_flags);
    push_path(&a, tc->build_dir, "obj/grader/worker/worker", "", ".o");
    push_path(&a, tc->build_dir, "obj/grader/worker/filter", "", ".o");
    push(&a, obj);
    push_path(&a, tc->build_dir, "harness/", exercise, ".a");
    push_words(&a, tc->libs);
    push(&a, "-o");
    push(&a, bin);
    return finish(&a);
}

char **sl_link_argv(const sl_toolchain *tc, const char *exercise, const char *obj, const char *bin)
{
    return sl_worker_argv(tc, exercise, obj, bin, 0);
}

char **sl_judge_argv(const sl_toolchain *tc, const char *exercise, const char *hidden_obj,
                     const char *bin)
{
    sl_toolchain def = sl_toolchain_default();
    tc = tc ? tc : &def;
    argv_t a = {0};
    push_words(&a, tc->cc);
    push_words(&a, tc->ldflags);
    push_path(&a, tc->build_dir, "obj/grader/suites/", exercise, ".o");
    if (hidden_obj)
        push(&a, hidden_obj);
    push_path(&a, tc->build_dir, "obj/grader/worker/proxy-", exercise, ".o");
    push_path(&a, tc->build_dir, "obj/grader/memcheck/check-", exercise, ".o");     /* check `memory` */
    push_path(&a, tc->build_dir, "libslmem", "", ".a");
    push_path(&a, tc->build_dir, "harness/", exercise, ".a");
    push_words(&a, tc->judge_libs);
    push(&a, "-o");
    push(&a, bin);
    return finish(&a);
}

static int run_tool(char **argv, char **log)
{
    if (!argv) {
        *log = strdup("out of memory");
        return -1;
    }
    int rc = sl_exec(argv, NULL, TOOL_TIMEOUT_S, LOG_MAX, log, NULL);
    sl_argv_free(argv);
    if (!*log)
        return -1;
    if (rc == SL_EXEC_NOT_STARTED || rc == 127)
        return -1;
    return rc == 0 ? 0 : 1;
}

int sl_compile_student(const sl_toolchain *tc, const char *src, const char *obj, int asan, char **log)
{
    int rc = run_tool(sl_compile_argv_flavour(tc, src, obj, asan), log);
    if (rc != 0)
        unlink(obj);
    return rc;
}

int sl_link_worker(const sl_toolchain *tc, const char *exercise, const char *obj, const char *bin,
                   int asan, char **log)
{
    int rc = run_tool(sl_worker_argv(tc, exercise, obj, bin, asan), log);
    if (rc != 0)
        unlink(bin);
    return rc;
}

/* The name inside the first quotes after `after` in log (GNU ld and lld
 * quote as `name' or 'name'), or 0. */
static int quoted_after(const char *log, const char *after, char *name, size_t len)
{
    const char *p = strstr(log, after);
    if (!p)
        return 0;
    p += strlen(after);
    while (*p == ' ' || *p == ':')
        p++;
    if (*p == '`' || *p == '\'' || *p == '"')
        p++;
    size_t n = strcspn(p, "'\"` \n(");
    if (!n || n >= len)
        return 0;
    memcpy(name, p, n);
    name[n] = '\0';
    return 1;
}

int sl_explain_link_error(const char *log, const char *file, const char *function, int zh,
                          char *msg, size_t msglen)
{
    char name[256];
    if (quoted_after(log, "undefined reference to", name, sizeof name) ||
        quoted_after(log, "undefined symbol:", name, sizeof name)) {
        if (strcmp(name, function) == 0)
            TR_PRINTF(msg, msglen, zh, "%s does not define %s() (is the name spelled right, and not static?)",
                           "%s 没有定义 %s()（名字拼写对吗？是否误加了 static？）",
                     file, function);
        else
            TR_PRINTF(msg, msglen, zh, "%s calls %s(), which does not exist in the kit (a typo, or a helper you forgot to write?)",
                           "%s 调用了 %s()，但套件里没有这个函数（拼写错误，或者忘了写这个辅助函数？）",
                     file, name);
        return 1;
    }
    if (quoted_after(log, "multiple definition of", name, sizeof name) ||
        quoted_after(log, "duplicate symbol:", name, sizeof name)) {
        TR_PRINTF(msg, msglen, zh, "%s defines %s(), which the kit already provides: rename your helper or make it static",
                       "%s 定义了 %s()，但套件已经提供了同名函数：请给你的辅助函数改名或加上 static",
                 file, name);
        return 1;
    }
    return 0;
}

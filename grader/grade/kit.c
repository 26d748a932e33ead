/* kit.c — see kit.h. */
#include "kit.h"

#include "exec.h"
#include "lang.h"
#include "util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef SL_HIDDEN_CC
#define SL_HIDDEN_CC "cc -std=c11 -Ilab -Igrader/lib"
#endif

char **kit_headers(const char *kit, const sl_manifest *m)
{
    size_t cap = 2 * m->n_exercises + 2, n = 0;
    char **v = xcalloc(cap, sizeof *v);
    v[n++] = xasprintf("%s/lab/softmax_lab.h", kit);
    for (size_t i = 0; i < m->n_exercises; i++) {
        char *stub_path = xasprintf("%s/student/%s", kit, m->exercises[i].file);
        char *stub = read_file(stub_path, 1 << 20, 0, NULL);
        for (char *p = stub; p && (p = strstr(p, "#include \"")) != NULL;) {
            p += 10;
            char *q = strchr(p, '"');
            if (!q || q - p > 100 || memchr(p, '/', (size_t)(q - p)))
                continue;
            char *h = xasprintf("%s/lab/%.*s", kit, (int)(q - p), p);
            int dup = 0;
            for (size_t k = 0; k < n; k++)
                dup |= strcmp(v[k], h) == 0;
            struct stat st;
            if (!dup && n + 1 < cap && stat(h, &st) == 0)
                v[n++] = h;
            else
                free(h);
        }
        free(stub), free(stub_path);
    }
    return v;
}

int kit_preflight(const char *build_dir, const sl_manifest *m, int zh)
{
    for (size_t i = 0; i < m->n_exercises; i++) {
        const char *id = m->exercises[i].id;
        char *need[] = {xasprintf("%s/obj/grader/suites/%s.o", build_dir, id),
                        xasprintf("%s/harness/%s.a", build_dir, id),
                        xasprintf("%s/obj/reference/%s.o", build_dir, id),
                        xasprintf("%s/obj/grader/worker/worker.o", build_dir)};
        int missing = -1;
        for (int k = 0; k < 4; k++) {
            struct stat st;
            if (missing < 0 && stat(need[k], &st) != 0)
                missing = k;
        }
        if (missing >= 0)
            fprintf(stderr, "grade: %s %s (%s)\n",
                    sl_tr(zh, "the grader is not fully built: missing", "评分器没有完整构建：缺少"),
                    need[missing], sl_tr(zh, "run: make grade-tools", "请运行：make grade-tools"));
        for (int k = 0; k < 4; k++)
            free(need[k]);
        if (missing >= 0)
            return -1;
    }
    return 0;
}

char *kit_work_folder(int zh)
{
    const char *tmp = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char *work = xasprintf("%s/sl-grade-XXXXXX", tmp);
    if (!mkdtemp(work) || chmod(work, 0711) != 0) {
        fprintf(stderr, "grade: cannot create a work folder in %s\n", tmp);
        free(work);
        return NULL;
    }
    /* The sandbox users must reach their scratch folders under it. */
    char *up = xstrdup(work);
    for (char *slash; geteuid() == 0 && (slash = strrchr(up, '/')) != NULL;) {
        struct stat st;
        if (stat(up, &st) == 0 && !(st.st_mode & S_IXOTH)) {
            fprintf(stderr, "grade: %s %s\n", up,
                    sl_tr(zh, "is not reachable by other users (chmod o+x it, or set TMPDIR "
                              "to a folder that is): the sandbox users work below it",
                          "其他用户无法进入（请 chmod o+x，或把 TMPDIR 设为可进入的文件夹）：沙箱用户在其下工作"));
            free(up);
            rm_tree(work);
            free(work);
            return NULL;
        }
        *slash = '\0';
    }
    free(up);
    return work;
}

int kit_compile_hidden(const char *hidden_dir, const sl_manifest *m, const char *work,
                       char **objs, int zh)
{
    char *dir = xasprintf("%s/hidden", work);
    mkdir_p(dir);
    chmod(dir, 0700);       /* the compiled hidden checks: no sandbox uid reads them */
    int found = 0, rc = 0;
    for (size_t i = 0; rc == 0 && i < m->n_exercises; i++) {
        const sl_exercise *e = &m->exercises[i];
        char *src = xasprintf("%s/%s.c", hidden_dir, e->id);
        struct stat st;
        int has_hidden = 0;
        for (size_t j = 0; j < e->n_checks; j++)
            has_hidden |= e->checks[j].hidden;
        if (stat(src, &st) != 0) {
            if (has_hidden)
                fprintf(stderr, "grade: %s %s\n",
                        sl_tr(zh, "warning: no hidden checks file", "警告：缺少隐藏检查文件"), src);
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
        if (sl_exec(av, NULL, 120, 64 * 1024, &out, NULL) != 0) {
            fprintf(stderr, "grade: %s %s:\n%s\n",
                    sl_tr(zh, "cannot compile the hidden checks", "无法编译隐藏检查"), src,
                    out ? out : "");
            rc = -1;
        }
        found++;
        free(out), free(cmd), free(src);
    }
    free(dir);
    if (rc == 0 && !found)
        fprintf(stderr, "grade: %s %s\n",
                sl_tr(zh, "warning: no <exercise>.c in the hidden folder",
                      "警告：隐藏检查文件夹中没有 <练习>.c："),
                hidden_dir);
    return rc;
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

char *kit_fingerprint(const char *manifest_path, const char *hidden_dir, const sl_manifest *m,
                      int zh)
{
    unsigned long long h = fnv_file(1469598103934665603ULL, manifest_path);
    for (size_t i = 0; hidden_dir && i < m->n_exercises; i++) {
        char *src = xasprintf("%s/%s.c", hidden_dir, m->exercises[i].id);
        h = fnv_file(h, src);
        free(src);
    }
    return xasprintf("grade-config %016llx hidden=%d lang=%s\n", h, hidden_dir != NULL,
                     zh ? "zh" : "en");
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **kit_check_libs(const char *build_dir)
{
    char *dir = xasprintf("%s/grade-lib", build_dir);
    DIR *d = opendir(dir);
    char **v = NULL;
    size_t n = 0;
    for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
        char *path = xasprintf("%s/%s", dir, e->d_name);
        struct stat st;
        if (e->d_name[0] != '.' && lstat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            v = xrealloc(v, (n + 2) * sizeof *v);
            v[n++] = path, v[n] = NULL;
        } else {
            free(path);
        }
    }
    if (d)
        closedir(d);
    free(dir);
    if (v)
        qsort(v, n, sizeof *v, cmp_str);
    return v;
}

void kit_strv_free(char **v)
{
    for (size_t i = 0; v && v[i]; i++)
        free(v[i]);
    free(v);
}

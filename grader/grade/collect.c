/* collect.c — see collect.h. */
#include "collect.h"

#include "lang.h"
#include "util.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { MAX_DEPTH = 8, MAX_ENTRIES = 20000, FILE_MAX = 1 << 20 };
#define ARCHIVE_READ_MAX (256LL << 20)

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n > k && strcmp(s + n - k, suf) == 0;
}

static char *student_id(const char *name)
{
    char *id = xstrdup(name);
    const char *sufs[] = {".tar.gz", ".tgz", ".zip", NULL};
    for (size_t i = 0; sufs[i]; i++)
        if (has_suffix(id, sufs[i])) {
            id[strlen(id) - strlen(sufs[i])] = '\0';
            break;
        }
    for (char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
              || strchr("._@+-", *p)))
            *p = '_';
    if (id[0] == '.' || id[0] == '\0') {
        char *t = xasprintf("_%s", id);
        free(id);
        id = t;
    }
    return id;
}

static void note(submission *s, const char *msg)
{
    char *n = s->note ? xasprintf("%s\n%s", s->note, msg) : xstrdup(msg);
    free(s->note);
    s->note = n;
}

/* A second copy of an exercise file: say which one is graded (paths as the
 * student wrote them), so that a stale copy never costs points silently. */
static void note_duplicate(submission *s, const char *file, const char *graded,
                           const char *ignored, int zh)
{
    if (s->note && strlen(s->note) > 2000)      /* thousands of copies: the first say enough */
        return;
    char *msg = XASPRINTF_TR(zh, "%s was found more than once: graded %s, ignored %s "
                                 "(the copy nearest the top, or the first found; submit one copy)",
                             "%s 出现了不止一次：评分的是 %s，忽略了 %s（取最靠近顶层或最先找到的那份；请只提交一份）",
                             file, graded, ignored);
    note(s, msg);
    free(msg);
}

typedef struct {
    const sl_manifest *m;
    submission *sub;
    int *depth_of;              /* depth of the file chosen per exercise */
    size_t root_len;            /* strlen of the submission folder: paths shown after it */
    size_t entries;
    int zh;
} walk_ctx;

static void walk(walk_ctx *w, const char *dir, int depth)
{
    if (depth > MAX_DEPTH)
        return;
    struct dirent **list = NULL;
    int n = scandir(dir, &list, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        if (name[0] == '.' || strcmp(name, "__MACOSX") == 0 || ++w->entries > MAX_ENTRIES) {
            free(list[i]);
            continue;
        }
        char *path = xasprintf("%s/%s", dir, name);
        struct stat st;
        if (lstat(path, &st) == 0) {
            for (size_t e = 0; e < w->m->n_exercises; e++) {
                if (strcmp(name, w->m->exercises[e].file) != 0)
                    continue;
                if (S_ISREG(st.st_mode) && w->sub->files[e]) {
                    const char *old = w->sub->files[e] + w->root_len + 1, *now = path + w->root_len + 1;
                    int keep_old = w->depth_of[e] <= depth;
                    note_duplicate(w->sub, name, keep_old ? old : now, keep_old ? now : old, w->zh);
                }
                if (w->depth_of[e] <= depth)
                    continue;
                if (S_ISLNK(st.st_mode)) {
                    char *msg = str_subst(sl_tr(w->zh, "%s is a symbolic link: not followed "
                                                       "(submit the file itself)",
                                                "%s 是符号链接：不会跟随（请提交文件本身）"),
                                          name);
                    note(w->sub, msg);
                    free(msg);
                } else if (S_ISREG(st.st_mode)) {
                    free(w->sub->files[e]);
                    w->sub->files[e] = xstrdup(path);
                    w->depth_of[e] = depth;
                }
            }
            if (S_ISDIR(st.st_mode))
                walk(w, path, depth + 1);
        }
        free(path);
        free(list[i]);
    }
    free(list);
}

static void find_files(const sl_manifest *m, const char *dir, submission *s, int zh)
{
    int *depth = xcalloc(m->n_exercises, sizeof *depth);
    for (size_t e = 0; e < m->n_exercises; e++)
        depth[e] = MAX_DEPTH + 1;
    walk_ctx w = {m, s, depth, strlen(dir), 0, zh};
    walk(&w, dir, 0);
    free(depth);
}

/* Extracts the exercise files of an archive into dir/<file>. */
static void unpack(const sl_manifest *m, const char *archive_path, const char *dir, submission *s,
                   int zh)
{
    struct archive *a = archive_read_new();
    archive_read_support_filter_gzip(a);
    archive_read_support_format_zip(a);
    archive_read_support_format_tar(a);
    int *depth = xcalloc(m->n_exercises, sizeof *depth);
    char **chosen = xcalloc(m->n_exercises, sizeof *chosen);   /* archive path graded */
    for (size_t e = 0; e < m->n_exercises; e++)
        depth[e] = 1 << 30;
    if (archive_read_open_filename(a, archive_path, 65536) != ARCHIVE_OK) {
        char *msg = str_subst(sl_tr(zh, "cannot open the archive: %s", "无法打开压缩包：%s"),
                              archive_error_string(a));
        note(s, msg);
        free(msg);
        goto out;
    }
    mkdir_p(dir);
    struct archive_entry *ent;
    long long total = 0;
    size_t count = 0;
    int r;
    while ((r = archive_read_next_header(a, &ent)) == ARCHIVE_OK && ++count < MAX_ENTRIES) {
        const char *path = archive_entry_pathname(ent);
        if (!path || archive_entry_filetype(ent) != AE_IFREG || archive_entry_hardlink(ent)
            || archive_entry_symlink(ent))
            continue;
        const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        int d = 0;
        for (const char *p = path; *p; p++)
            d += *p == '/';
        if (strstr(path, "__MACOSX"))
            continue;
        if (path[0] == '/' || strcmp(path, "..") == 0 || strncmp(path, "../", 3) == 0
            || strstr(path, "/../") || (strlen(path) >= 3 && strcmp(path + strlen(path) - 3, "/..") == 0)) {
            char *msg = str_subst(sl_tr(zh, "unsafe path in the archive, ignored: %s",
                                        "压缩包中有不安全的路径，已忽略：%s"), base);
            note(s, msg);
            free(msg);
            continue;
        }
        for (size_t e = 0; e < m->n_exercises; e++) {
            if (strcmp(base, m->exercises[e].file) != 0)
                continue;
            if (chosen[e])
                note_duplicate(s, base, depth[e] <= d ? chosen[e] : path,
                               depth[e] <= d ? path : chosen[e], zh);
            if (depth[e] <= d)
                continue;
            sb_t data = {0};
            char buf[16384];
            la_ssize_t got;
            int too_big = 0;
            while ((got = archive_read_data(a, buf, sizeof buf)) > 0) {
                total += got;
                if (data.len + (size_t)got > FILE_MAX || total > ARCHIVE_READ_MAX) {
                    too_big = 1;
                    break;
                }
                sb_addn(&data, buf, (size_t)got);
            }
            if (too_big) {
                char *msg = str_subst(sl_tr(zh, "%s in the archive is larger than 1 MiB: ignored",
                                            "压缩包中的 %s 大于 1 MiB：已忽略"),
                                      base);
                note(s, msg);
                free(msg);
            } else if (got == 0) {
                char *out = xasprintf("%s/%s", dir, m->exercises[e].file);
                if (write_file_atomic(out, sb_cstr(&data), data.len) == 0) {
                    free(s->files[e]);
                    s->files[e] = out;
                    depth[e] = d;
                    free(chosen[e]);
                    chosen[e] = xstrdup(path);
                } else {
                    free(out);
                }
            }
            sb_free(&data);
            break;
        }
        if (total > ARCHIVE_READ_MAX)
            break;
    }
    if (r != ARCHIVE_OK && r != ARCHIVE_EOF) {
        char *msg = str_subst(sl_tr(zh, "the archive is damaged: %s", "压缩包已损坏：%s"),
                              archive_error_string(a));
        note(s, msg);
        free(msg);
    }
out:
    for (size_t e = 0; e < m->n_exercises; e++)
        free(chosen[e]);
    free(chosen);
    free(depth);
    archive_read_free(a);
}

static int is_archive(const char *name)
{
    return has_suffix(name, ".zip") || has_suffix(name, ".tar.gz") || has_suffix(name, ".tgz");
}

static int cmp_sub(const void *a, const void *b)
{
    return strcmp(((const submission *)a)->student, ((const submission *)b)->student);
}

/* 1 when dir holds an exercise file directly or in student/. */
static int looks_like_submission(const sl_manifest *m, const char *dir)
{
    for (size_t e = 0; e < m->n_exercises; e++) {
        char *a = xasprintf("%s/%s", dir, m->exercises[e].file);
        char *b = xasprintf("%s/student/%s", dir, m->exercises[e].file);
        struct stat st;
        int hit = lstat(a, &st) == 0 || lstat(b, &st) == 0;
        free(a), free(b);
        if (hit)
            return 1;
    }
    return 0;
}

static submission *add(class_list *c, const sl_manifest *m, const char *name)
{
    c->subs = xrealloc(c->subs, (c->n + 1) * sizeof *c->subs);
    submission *s = &c->subs[c->n++];
    *s = (submission){.student = student_id(name),
                      .files = xcalloc(m->n_exercises, sizeof(char *)), .n_files = m->n_exercises};
    return s;
}

int collect_submissions(const char *path, const sl_manifest *m, const char *unpack_dir,
                        int single, int zh, class_list *out, char *err, size_t errlen)
{
    class_list c = {0};
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char *copy = xstrdup(path);
    while (strlen(copy) > 1 && copy[strlen(copy) - 1] == '/')
        copy[strlen(copy) - 1] = '\0';
    const char *base = strrchr(copy, '/') ? strrchr(copy, '/') + 1 : copy;
    if (S_ISREG(st.st_mode) && is_archive(base)) {
        submission *s = add(&c, m, base);
        char *dir = xasprintf("%s/%s", unpack_dir, s->student);
        unpack(m, path, dir, s, zh);
        free(dir);
    } else if (!S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s: not a folder or a .zip/.tar.gz archive", path);
        free(copy);
        return -1;
    } else if (single || looks_like_submission(m, path)) {
        find_files(m, path, add(&c, m, base), zh);
    } else {
        struct dirent **list = NULL;
        int n = scandir(path, &list, NULL, alphasort);
        if (n < 0) {
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
            free(copy);
            return -1;
        }
        for (int i = 0; i < n; i++) {
            const char *name = list[i]->d_name;
            char *p = xasprintf("%s/%s", path, name);
            struct stat ls;
            if (name[0] != '.' && lstat(p, &ls) == 0) {
                if (S_ISDIR(ls.st_mode)) {
                    find_files(m, p, add(&c, m, name), zh);
                } else if (S_ISREG(ls.st_mode) && is_archive(name)) {
                    submission *s = add(&c, m, name);
                    char *dir = xasprintf("%s/%s", unpack_dir, s->student);
                    unpack(m, p, dir, s, zh);
                    free(dir);
                } else if (S_ISLNK(ls.st_mode)) {
                    submission *s = add(&c, m, name);
                    note(s, sl_tr(zh, "the submission is a symbolic link: not followed",
                                  "该提交是一个符号链接：不会跟随"));
                }
            }
            free(p);
            free(list[i]);
        }
        free(list);
    }
    free(copy);
    qsort(c.subs, c.n, sizeof *c.subs, cmp_sub);
    /* Two entries with the same id (e.g. alice/ and alice.zip): keep the first. */
    size_t w = 0;
    for (size_t i = 0; i < c.n; i++) {
        if (w && strcmp(c.subs[w - 1].student, c.subs[i].student) == 0) {
            submission_free(&c.subs[i]);
            continue;
        }
        c.subs[w++] = c.subs[i];
    }
    c.n = w;
    *out = c;
    return 0;
}

void class_list_free(class_list *c)
{
    for (size_t i = 0; i < c->n; i++)
        submission_free(&c->subs[i]);
    free(c->subs);
    memset(c, 0, sizeof *c);
}

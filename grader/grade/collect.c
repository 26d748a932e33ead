/* collect.c — see collect.h. */
#include "collect.h"

#include "lang.h"
#include "text.h"
#include "unpack.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { MAX_DEPTH = 8, MAX_ENTRIES = 20000, ID_MAX = 120 };

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n > k && strcmp(s + n - k, suf) == 0;
}

/* The entry name without its archive suffix (malloc'ed). */
static char *base_name(const char *name, int archive)
{
    char *id = xstrdup(name);
    const char *sufs[] = {".tar.gz", ".tgz", ".zip", NULL};
    for (size_t i = 0; archive && sufs[i]; i++)
        if (has_suffix(id, sufs[i])) {
            id[strlen(id) - strlen(sufs[i])] = '\0';
            break;
        }
    return id;
}

static void note(submission *s, const char *msg)
{
    char *n = s->note ? xasprintf("%s\n%s", s->note, msg) : xstrdup(msg);
    free(s->note);
    s->note = n;
}

static void class_note(class_list *c, char *line)
{
    c->notes = xrealloc(c->notes, (c->n_notes + 1) * sizeof *c->notes);
    c->notes[c->n_notes++] = line;
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

static int cmp_sub(const void *a, const void *b)
{
    return strcmp(((const submission *)a)->student, ((const submission *)b)->student);
}


static int id_taken(const class_list *c, const char *id)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->subs[i].student, id) == 0)
            return 1;
    return 0;
}

/* A new student for class entry `name`: its id is the name made safe
 * (text.h), unique among the ids so far; any change is reported. */
static submission *add(class_list *c, const sl_manifest *m, const char *name, int archive, int zh)
{
    char *want = base_name(name, archive), *id = text_safe_id(want, ID_MAX);
    int changed = strcmp(id, want) != 0, clash = 0;
    char *stem = xstrdup(id);
    for (int k = 2; id_taken(c, id); k++) {
        free(id);
        id = xasprintf("%s-%d", stem, k);
        clash = 1;
    }
    c->subs = xrealloc(c->subs, (c->n + 1) * sizeof *c->subs);
    submission *s = &c->subs[c->n++];
    *s = (submission){.student = id, .files = xcalloc(m->n_exercises, sizeof(char *)),
                      .n_files = m->n_exercises};
    if (changed || clash) {
        char *shown = text_clean(name, 0);
        const char *why = clash ? sl_tr(zh, "another entry has the same name",
                                        "另一个条目的名字相同")
                                : sl_tr(zh, "characters that are unsafe in a file name are "
                                            "written as %XX, long names are cut",
                                        "文件名中不安全的字符写成 %XX，过长的名字被截短");
        char *msg = XASPRINTF_TR(zh, "the entry \"%s\" is graded as student \"%s\" (%s)",
                                 "条目“%s”按学生“%s”评分（%s）", shown, id, why);
        note(s, msg);
        class_note(c, msg);
        free(shown);
    }
    free(want), free(stem);
    return s;
}

static void not_submission(class_list *c, const char *name, int zh)
{
    char *shown = text_clean(name, 0);
    class_note(c, XASPRINTF_TR(zh, "\"%s\" is not a submission (only folders and .zip/.tar.gz "
                                   "archives are): not graded",
                               "“%s”不是提交（只有文件夹和 .zip/.tar.gz 压缩包才是）：未评分",
                               shown));
    free(shown);
}

/* One entry of a class folder: a student, or a line in the class notes. */
static void class_entry(class_list *c, const sl_manifest *m, const char *dir, const char *name,
                        const char *unpack_dir, int zh)
{
    char *p = xasprintf("%s/%s", dir, name);
    struct stat ls;
    if (name[0] == '.' || strcmp(name, "__MACOSX") == 0 || lstat(p, &ls) != 0) {
        not_submission(c, name, zh);
    } else if (S_ISDIR(ls.st_mode)) {
        find_files(m, p, add(c, m, name, 0, zh), zh);
    } else if (S_ISREG(ls.st_mode) && unpack_is_archive(name)) {
        submission *s = add(c, m, name, 1, zh);
        char *to = xasprintf("%s/%s", unpack_dir, s->student);
        unpack_archive(m, p, to, s, zh, note);
        free(to);
    } else if (S_ISLNK(ls.st_mode)) {
        note(add(c, m, name, unpack_is_archive(name), zh),
             sl_tr(zh, "the submission is a symbolic link: not followed",
                   "该提交是一个符号链接：不会跟随"));
    } else {
        not_submission(c, name, zh);
    }
    free(p);
}

/* 1 when dir holds an exercise file and no folder or archive (then it is one
 * submission, not a class). */
static int lone_submission(const sl_manifest *m, const char *dir, struct dirent **list, int n)
{
    int files = 0;
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        char *p = xasprintf("%s/%s", dir, name);
        struct stat st;
        int ok = lstat(p, &st) == 0;
        free(p);
        if (name[0] == '.')
            continue;
        int exercise = 0;
        for (size_t e = 0; e < m->n_exercises; e++)
            exercise |= strcmp(name, m->exercises[e].file) == 0;
        files += exercise;
        /* a folder, an archive or a link (unless it is an exercise file's
         * name: a linked file) would be a student */
        if (ok && (S_ISDIR(st.st_mode) || unpack_is_archive(name)
                   || (S_ISLNK(st.st_mode) && !exercise)))
            return 0;
    }
    return files > 0;
}

static int collect_class(const char *path, const sl_manifest *m, const char *unpack_dir, int zh,
                         class_list *c, const char *base, char *err, size_t errlen)
{
    struct dirent **list = NULL;
    int n = scandir(path, &list, NULL, alphasort);
    if (n < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (lone_submission(m, path, list, n)) {
        find_files(m, path, add(c, m, base, 0, zh), zh);
        class_note(c, str_subst(sl_tr(zh, "the folder holds exercise files and no folder or "
                                          "archive: graded as one submission (%s)",
                                      "该文件夹只有练习文件、没有文件夹或压缩包：按一份提交评分（%s）"),
                                c->subs[0].student));
    } else {
        for (int i = 0; i < n; i++)
            if (strcmp(list[i]->d_name, ".") != 0 && strcmp(list[i]->d_name, "..") != 0)
                class_entry(c, m, path, list[i]->d_name, unpack_dir, zh);
    }
    for (int i = 0; i < n; i++)
        free(list[i]);
    free(list);
    return 0;
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
    int rc = 0;
    if (S_ISREG(st.st_mode) && unpack_is_archive(base)) {
        submission *s = add(&c, m, base, 1, zh);
        char *dir = xasprintf("%s/%s", unpack_dir, s->student);
        unpack_archive(m, path, dir, s, zh, note);
        free(dir);
    } else if (!S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s: not a folder or a .zip/.tar.gz archive", path);
        rc = -1;
    } else if (single) {
        find_files(m, path, add(&c, m, base, 0, zh), zh);
    } else {
        rc = collect_class(path, m, unpack_dir, zh, &c, base, err, errlen);
    }
    free(copy);
    if (rc != 0) {
        class_list_free(&c);
        return -1;
    }
    qsort(c.subs, c.n, sizeof *c.subs, cmp_sub);
    *out = c;
    return 0;
}

void class_list_free(class_list *c)
{
    for (size_t i = 0; i < c->n; i++)
        submission_free(&c->subs[i]);
    for (size_t i = 0; i < c->n_notes; i++)
        free(c->notes[i]);
    free(c->notes);
    free(c->subs);
    memset(c, 0, sizeof *c);
}

/* unpack.c — see unpack.h. */
#define _GNU_SOURCE
#include "unpack.h"

#include "lang.h"
#include "sandbox.h"
#include "text.h"
#include "util.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

enum { FILE_MAX = 1 << 20, MSG_MAX = 64 * 1024 };

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n > k && strcmp(s + n - k, suf) == 0;
}

int unpack_is_archive(const char *name)
{
    return has_suffix(name, ".zip") || has_suffix(name, ".tar.gz") || has_suffix(name, ".tgz");
}

/* The child's state while it walks an archive (and the archives inside). */
typedef struct {
    const sl_manifest *m;
    int dirfd;                  /* the output folder */
    int zh, fd;                 /* fd: messages to the parent */
    long long total;            /* uncompressed bytes read so far, every entry */
    size_t entries;
    int over;                   /* a limit was reached: stop */
    int *depth;                 /* depth of the file chosen per exercise */
    char **chosen;              /* its path in the archive */
} unpack_ctx;

/* One message line to the parent: 'N' a note, 'T' over a limit (why). */
static void say(unpack_ctx *c, char kind, const char *msg)
{
    char *t = text_clean(msg, 0);
    char *line = xasprintf("%c%s\n", kind, t);
    size_t n = strlen(line);
    for (size_t off = 0; off < n;) {
        ssize_t w = write(c->fd, line + off, n - off);
        if (w <= 0 && errno != EINTR)
            break;
        off += w > 0 ? (size_t)w : 0;
    }
    free(t), free(line);
}

static void say1(unpack_ctx *c, const char *en, const char *zh, const char *arg)
{
    char *msg = str_subst(sl_tr(c->zh, en, zh), arg);
    say(c, 'N', msg);
    free(msg);
}

static void over(unpack_ctx *c, const char *en, const char *zh)
{
    if (!c->over)
        say(c, 'T', sl_tr(c->zh, en, zh));
    c->over = 1;
}

/* Reads the current entry's data to its end, counting every byte against the
 * total; keeps up to keep bytes in *data (when data).  1 when the entry was
 * longer than keep, −1 on a limit or a damaged entry, else 0. */
static int read_entry(struct archive *a, unpack_ctx *c, sb_t *data, size_t keep)
{
    char buf[65536];
    la_ssize_t got;
    int longer = 0;
    while ((got = archive_read_data(a, buf, sizeof buf)) > 0) {
        c->total += got;
        if (c->total > UNPACK_TOTAL_MAX) {
            over(c, "more than 256 MiB uncompressed", "解压后超过 256 MiB");
            return -1;
        }
        if (data && !longer && data->len + (size_t)got <= keep)
            sb_addn(data, buf, (size_t)got);
        else if (data)
            longer = 1;
    }
    return got < 0 ? -1 : longer;
}

static int unsafe_path(const char *path)
{
    size_t n = strlen(path);
    return path[0] == '/' || strcmp(path, "..") == 0 || strncmp(path, "../", 3) == 0
           || strstr(path, "/../") || (n >= 3 && strcmp(path + n - 3, "/..") == 0);
}

static void note_duplicate(unpack_ctx *c, const char *file, const char *graded, const char *ignored)
{
    char *msg = XASPRINTF_TR(c->zh, "%s was found more than once: graded %s, ignored %s "
                                    "(the copy nearest the top, or the first found; submit one copy)",
                             "%s 出现了不止一次：评分的是 %s，忽略了 %s（取最靠近顶层或最先找到的那份；请只提交一份）",
                             file, graded, ignored);
    say(c, 'N', msg);
    free(msg);
}

/* An exercise file at archive path `path`, depth d: kept when it is the
 * shallowest copy so far. */
static void take_file(struct archive *a, unpack_ctx *c, size_t e, const char *path, int d)
{
    const char *file = c->m->exercises[e].file;
    if (c->chosen[e])
        note_duplicate(c, file, c->depth[e] <= d ? c->chosen[e] : path,
                       c->depth[e] <= d ? path : c->chosen[e]);
    sb_t data = {0};
    int rc = read_entry(a, c, c->depth[e] <= d ? NULL : &data, FILE_MAX);
    if (rc == 1)
        say1(c, "%s in the archive is larger than 1 MiB: ignored", "压缩包中的 %s 大于 1 MiB：已忽略",
             file);
    if (rc == 0 && c->depth[e] > d) {
        int out = openat(c->dirfd, file, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
        ssize_t w = out >= 0 ? write(out, sb_cstr(&data), data.len) : -1;
        if (out >= 0 && close(out) == 0 && w == (ssize_t)data.len) {
            c->depth[e] = d;
            free(c->chosen[e]);
            c->chosen[e] = xstrdup(path);
        }
    }
    sb_free(&data);
}

static void walk_archive(struct archive *a, unpack_ctx *c, int nest, const char *prefix, int base);

/* An archive inside the archive: opened from memory, one level deeper. */
static void take_inner(struct archive *a, unpack_ctx *c, const char *path, int nest, int d)
{
    sb_t data = {0};
    if (read_entry(a, c, &data, (size_t)UNPACK_TOTAL_MAX) == 0) {
        struct archive *in = archive_read_new();
        archive_read_support_filter_gzip(in);
        archive_read_support_format_zip(in);
        archive_read_support_format_tar(in);
        if (archive_read_open_memory(in, sb_cstr(&data), data.len) == ARCHIVE_OK)
            walk_archive(in, c, nest + 1, path, d + 1);
        else
            say1(c, "cannot open the archive %s", "无法打开压缩包 %s", path);
        archive_read_free(in);
    }
    sb_free(&data);
}

static void walk_entry(struct archive *a, struct archive_entry *ent, unpack_ctx *c, int nest,
                       const char *prefix, int base)
{
    const char *name = archive_entry_pathname_utf8(ent);
    if (!name)
        name = archive_entry_pathname(ent);
    if (!name || archive_entry_filetype(ent) != AE_IFREG || archive_entry_hardlink(ent)
        || archive_entry_symlink(ent) || strstr(name, "__MACOSX")) {
        read_entry(a, c, NULL, 0);
        return;
    }
    char *path = prefix ? xasprintf("%s/%s", prefix, name) : xstrdup(name);
    const char *leaf = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
    int d = base;
    for (const char *p = name; *p; p++)
        d += *p == '/';
    size_t e = 0;
    while (e < c->m->n_exercises && strcmp(leaf, c->m->exercises[e].file) != 0)
        e++;
    if (unsafe_path(name)) {
        say1(c, "unsafe path in the archive, ignored: %s", "压缩包中有不安全的路径，已忽略：%s", path);
        read_entry(a, c, NULL, 0);
    } else if (d - base > UNPACK_DEPTH_MAX) {
        say1(c, "%s is nested too deep in folders: ignored", "%s 的文件夹层级太深：已忽略", path);
        read_entry(a, c, NULL, 0);
    } else if (e < c->m->n_exercises) {
        take_file(a, c, e, path, d);
    } else if (unpack_is_archive(leaf) && nest < UNPACK_NEST_MAX) {
        take_inner(a, c, path, nest, d);
    } else {
        if (unpack_is_archive(leaf))
            say1(c, "%s: an archive inside an archive inside an archive is not opened",
                 "%s：压缩包里的压缩包里的压缩包不会被打开", path);
        read_entry(a, c, NULL, 0);
    }
    free(path);
}

static void walk_archive(struct archive *a, unpack_ctx *c, int nest, const char *prefix, int base)
{
    struct archive_entry *ent;
    int r;
    while (!c->over && ((r = archive_read_next_header(a, &ent)) == ARCHIVE_OK || r == ARCHIVE_WARN)) {
        if (archive_filter_count(a) > 2) {
            over(c, "compressed more than once", "被压缩了不止一次");
            return;
        }
        if (++c->entries > UNPACK_ENTRIES_MAX) {
            over(c, "more than 20000 entries", "超过 20000 个条目");
            return;
        }
        walk_entry(a, ent, c, nest, prefix, base);
    }
    if (!c->over && r != ARCHIVE_EOF) {
        char *msg = xasprintf("%s%s%s", prefix ? prefix : "", prefix ? ": " : "",
                              archive_error_string(a) ? archive_error_string(a) : "?");
        say1(c, "the archive is damaged: %s", "压缩包已损坏：%s", msg);
        free(msg);
    }
}

static void set_limit(int res, rlim_t v)
{
    struct rlimit rl = {v, v};
    setrlimit(res, &rl);
}

/* The child: an unprivileged uid (as root: sandbox slot 0's) with
 * no_new_privs and limits, the archive and the output folder as open
 * descriptors; then the walk; exit 0 (whatever it found). */
static void child(const sl_manifest *m, int in, int dirfd, int zh, int fd)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    int uid = sbx_slot_uid(0);
    if (uid >= 0 && (setgroups(0, NULL) != 0 || setresgid((gid_t)uid, (gid_t)uid, (gid_t)uid) != 0
                     || setresuid((uid_t)uid, (uid_t)uid, (uid_t)uid) != 0))
        _exit(3);
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    setlocale(LC_CTYPE, "C.UTF-8");     /* entry names in UTF-8 (李雷/softmax.c) */
    set_limit(RLIMIT_CPU, UNPACK_CPU_S);
    set_limit(RLIMIT_AS, (rlim_t)1 << 30);
    set_limit(RLIMIT_FSIZE, (rlim_t)2 << 20);
    set_limit(RLIMIT_CORE, 0);
    unpack_ctx c = {.m = m, .dirfd = dirfd, .zh = zh, .fd = fd,
                    .depth = xcalloc(m->n_exercises, sizeof(int)),
                    .chosen = xcalloc(m->n_exercises, sizeof(char *))};
    for (size_t e = 0; e < m->n_exercises; e++)
        c.depth[e] = 1 << 30;
    struct archive *a = archive_read_new();
    archive_read_support_filter_gzip(a);
    archive_read_support_format_zip(a);
    archive_read_support_format_tar(a);
    if (archive_read_open_fd(a, in, 65536) != ARCHIVE_OK)
        say1(&c, "cannot open the archive: %s", "无法打开压缩包：%s",
             archive_error_string(a) ? archive_error_string(a) : "?");
    else
        walk_archive(a, &c, 1, NULL, 0);
    archive_read_free(a);
    _exit(0);
}

/* Reads the child's messages until it ends or the wall-clock limit; 0 when
 * it ended by itself with status 0. */
static int collect_child(pid_t pid, int fd, sb_t *msgs)
{
    double deadline = now_s() + UNPACK_WALL_S;
    int eof = 0, status = 0;
    while (!eof && now_s() < deadline) {
        struct pollfd pf = {fd, POLLIN, 0};
        if (poll(&pf, 1, 100) <= 0)
            continue;
        char buf[4096];
        ssize_t r = read(fd, buf, sizeof buf);
        if (r > 0 && msgs->len < MSG_MAX)
            sb_addn(msgs, buf, (size_t)r);
        eof = r == 0 || (r < 0 && errno != EINTR && errno != EAGAIN);
    }
    if (!eof)
        kill(pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return eof && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* The folder and the exercise files the child wrote go back to the grader
 * (no sandbox uid may change them before they are graded). */
static void own_again(const sl_manifest *m, const char *dir)
{
    if (geteuid() != 0)
        return;
    for (size_t e = 0; e < m->n_exercises; e++) {
        char *path = xasprintf("%s/%s", dir, m->exercises[e].file);
        if (lchown(path, 0, 0) != 0 && errno != ENOENT)
            unlink(path);
        free(path);
    }
    if (chown(dir, 0, 0) != 0 || chmod(dir, 0755) != 0)
        rm_tree(dir);
}

void unpack_archive(const sl_manifest *m, const char *archive_path, const char *dir,
                    submission *s, int zh, void (*add_note)(submission *, const char *))
{
    int p[2] = {-1, -1}, uid = sbx_slot_uid(0);
    int in = open(archive_path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    int dirfd = mkdir_p(dir) == 0 && (uid < 0 || chown(dir, (uid_t)uid, (gid_t)uid) == 0)
                    ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    if (in < 0 || dirfd < 0 || pipe2(p, O_CLOEXEC) != 0) {
        add_note(s, sl_tr(zh, "the archive could not be unpacked", "无法解压该压缩包"));
        close(in), close(dirfd);
        return;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        child(m, in, dirfd, zh, p[1]);
    }
    close(p[1]), close(in), close(dirfd);
    sb_t msgs = {0};
    int ok = pid > 0 && collect_child(pid, p[0], &msgs) == 0;
    close(p[0]);
    own_again(m, dir);
    char *too_large = NULL;
    for (char *line = (char *)sb_cstr(&msgs), *nl; *line; line = nl + 1) {
        if (!(nl = strchr(line, '\n')))
            break;
        *nl = '\0';
        if (line[0] == 'T' && !too_large)
            too_large = xstrdup(line + 1);
        else if (line[0] == 'N')
            add_note(s, line + 1);
    }
    if (!ok && !too_large)
        too_large = xstrdup(sl_tr(zh, "took more than 10 s or 1 GiB to unpack",
                                  "解压用时超过 10 秒或内存超过 1 GiB"));
    if (too_large) {
        char *msg = str_subst(sl_tr(zh, "archive too large (%s): nothing in it was graded",
                                    "压缩包过大（%s）：其中的内容都没有评分"),
                              too_large);
        add_note(s, msg);
        free(msg);
        rm_tree(dir);
    }
    for (size_t e = 0; !too_large && e < m->n_exercises; e++) {
        char *path = xasprintf("%s/%s", dir, m->exercises[e].file);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            free(s->files[e]);
            s->files[e] = path;
        } else {
            free(path);
        }
    }
    free(too_large);
    sb_free(&msgs);
}

/* util.h — small helpers of the grader: a growable string buffer, whole-file
 * reads and atomic writes, folder creation and safe removal (text.h: escaping
 * for Markdown and CSV).  Out-of-memory aborts (the grader cannot go on). */
#ifndef SL_GRADE_UTIL_H
#define SL_GRADE_UTIL_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
    char *s;        /* always NUL-terminated once anything was added ("" never NULL after sb_cstr) */
    size_t len, cap;
} sb_t;

void sb_add(sb_t *b, const char *s);
void sb_addn(sb_t *b, const char *s, size_t n);
void sb_printf(sb_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The contents (never NULL); the buffer keeps ownership. */
const char *sb_cstr(sb_t *b);
void sb_free(sb_t *b);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);           /* NULL stays NULL */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Reads a whole regular file (not through a symlink when nofollow) of at most
 * max bytes; NUL-terminates.  NULL with errno set on failure (EFBIG: too big,
 * ELOOP: a symlink with nofollow, EINVAL: not a regular file). */
char *read_file(const char *path, size_t max, int nofollow, size_t *len);

/* Writes path atomically: path.tmp.<pid>, fsync-free, then rename.  0 or −1. */
int write_file_atomic(const char *path, const char *data, size_t len);

/* mkdir -p (mode 0755).  0 or −1. */
int mkdir_p(const char *path);

/* Removes a tree without following symlinks.  0 or −1 (missing is fine). */
int rm_tree(const char *path);

/* Copies a regular file (at most max bytes) to dst with mode 0644. 0 or −1. */
int copy_file(const char *src, const char *dst, size_t max);

/* tmpl with its first "%s" replaced by arg (for translated one-argument
 * messages without a non-literal printf format).  malloc'ed. */
char *str_subst(const char *tmpl, const char *arg);

/* Removes every occurrence of `from` from s, in place. */
void str_strip_all(char *s, const char *from);

/* s (malloc'ed, consumed) cut to max bytes with a "(truncated)" line (en/zh). */
char *str_cut(char *s, size_t max, int zh);

/* xasprintf with an English or a Chinese literal format (both checked). */
#define XASPRINTF_TR(zh, en, zh_fmt, ...) \
    ((zh) ? xasprintf(zh_fmt, __VA_ARGS__) : xasprintf(en, __VA_ARGS__))

/* Monotonic seconds. */
double now_s(void);

#endif

/* check.c — the check frame: messages, the check's record, not-implemented
 * guard, scratch memory (contract: check.h). */
#include "check.h"

#include <criterion/hooks.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lang.h"
#include "mistakes.h"
#include "softmax_lab.h"

static char head[1024];
static char tag[96];                    /* the headline's tag: its kind[:mistake] */
static char body[6144];
static size_t body_len;

int sl_zh(void)
{
    static int cached = -1;
    if (cached < 0)
        cached = sl_lang_zh();
    return cached;
}

void sl_head(const char *kind, const char *en_fmt, const char *zh_fmt, ...)
{
    int off = snprintf(head, sizeof head, "[%s] ", kind);
    snprintf(tag, sizeof tag, "%s", kind);
    va_list ap;
    va_start(ap, zh_fmt);
    vsnprintf(head + off, sizeof head - (size_t)off, sl_zh() ? zh_fmt : en_fmt, ap);
    va_end(ap);
}

void sl_head_mistake(const char *id)
{
    int zh = sl_zh();
    const char *title = sl_mistake_title(id, zh), *fix = sl_mistake_fix(id, zh);
    snprintf(tag, sizeof tag, "mistake:%s", id);
    if (!title) {                       /* a typo in a suite: still say something */
        snprintf(head, sizeof head, "[mistake:%s] %s", id, id);
        return;
    }
    snprintf(head, sizeof head, "[mistake:%s] %s\n  %s%s", id, title,
             zh ? "改法：" : "fix: ", fix);
}

void sl_say(const char *en_fmt, const char *zh_fmt, ...)
{
    if (body_len + 4 >= sizeof body)
        return;
    memcpy(body + body_len, "\n  ", 3);
    body_len += 3;
    va_list ap;
    va_start(ap, zh_fmt);
    int w = vsnprintf(body + body_len, sizeof body - body_len, sl_zh() ? zh_fmt : en_fmt, ap);
    va_end(ap);
    if (w > 0)
        body_len += (size_t)w < sizeof body - body_len ? (size_t)w : sizeof body - body_len - 1;
}

/* ---- the check's record (the results channel $SL_RESULTS, JSON lines) ---- */

/* Appends one record as one line to $SL_RESULTS (nothing when unset). */
static void emit(json_t *rec)
{
    const char *path = getenv("SL_RESULTS");
    char *line = path && *path ? json_dumps(rec, JSON_COMPACT) : NULL;
    json_decref(rec);
    if (!line)
        return;
    size_t len = strlen(line);
    line[len] = '\n';                   /* one write: records never interleave */
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ssize_t w = write(fd, line, len + 1);
        (void)w;
        close(fd);
    }
    free(line);
}

/* The check's own account of a failure: what kind, which mistake, the text. */
static void emit_failure(void)
{
    const struct criterion_test *t = criterion_current_test;
    const struct criterion_suite *su = criterion_current_suite;
    if (!t || !su)
        return;
    const char *colon = strchr(tag, ':');
    char kind[96];
    snprintf(kind, sizeof kind, "%.*s", colon ? (int)(colon - tag) : (int)strlen(tag), tag);
    size_t skip = strlen(tag) + 3 <= strlen(head) ? strlen(tag) + 3 : 0;     /* "[tag] " */
    char *text = malloc(strlen(head) + body_len + 1);
    if (text)
        sprintf(text, "%s%s", head + skip, body);
    emit(json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?}", "source", "check", "exercise", su->name,
                   "check", t->name, "kind", kind, "mistake", colon ? colon + 1 : NULL,
                   "message", text));
    free(text);
}

/* Criterion's verdict of each check, written by its runner (the judge's
 * main process): pass, fail or timeout … */
ReportHook(POST_TEST)(struct criterion_test_stats *st)
{
    const char *status = st->timed_out ? "timeout" : st->test_status == CR_STATUS_PASSED ? "pass" : "fail";
    char where[512] = "";
    if (st->asserts && !st->asserts->passed && st->asserts->file)
        snprintf(where, sizeof where, "%s:%d", st->asserts->file, st->asserts->line);
    const char *said = st->asserts && !st->asserts->passed ? st->asserts->message : NULL;
    emit(json_pack("{s:s, s:s, s:s, s:s, s:f, s:s?, s:s?}", "source", "judge", "exercise",
                   st->test->category, "check", st->test->name, "status", status, "seconds",
                   st->test->data ? st->test->data->timeout : 0.0, "where", where[0] ? where : NULL,
                   "said", said));
}

/* … or crash (the judge itself died: never student code, which runs in the
 * worker). */
ReportHook(TEST_CRASH)(struct criterion_test_stats *st)
{
    emit(json_pack("{s:s, s:s, s:s, s:s, s:i}", "source", "judge", "exercise", st->test->category,
                   "check", st->test->name, "status", "crash", "signal", st->signal));
}

_Noreturn void sl_fail(void)
{
    if (!head[0]) {
        snprintf(head, sizeof head, "[property] %s",
                 sl_zh() ? "检查未通过" : "the check failed");
        snprintf(tag, sizeof tag, "property");
    }
    emit_failure();
    cr_assert_fail("%s%s", head, body);
    abort();                            /* not reached: the assertion aborts the test */
}

/* ---- scratch memory ---- */
static void **blocks;
static size_t *sizes;
static size_t n_blocks, cap_blocks;

void *sl_alloc(size_t bytes)
{
    if (n_blocks == cap_blocks) {
        size_t cap = cap_blocks ? 2 * cap_blocks : 32;
        void **nb = realloc(blocks, cap * sizeof *nb);
        if (nb)
            blocks = nb;
        size_t *ns = nb ? realloc(sizes, cap * sizeof *ns) : NULL;
        if (!ns)
            cr_assert_fail("[property] out of memory in the check itself");
        sizes = ns;
        cap_blocks = cap;
    }
    void *m = calloc(bytes ? bytes : 1, 1);
    if (!m)
        cr_assert_fail("[property] out of memory in the check itself");
    sizes[n_blocks] = bytes ? bytes : 1;
    blocks[n_blocks++] = m;
    return m;
}

int sl_alloc_find(const void *p, void **base, size_t *bytes)
{
    const char *c = p;
    for (size_t i = n_blocks; i-- > 0;)
        if (c >= (const char *)blocks[i] && c < (const char *)blocks[i] + sizes[i]) {
            *base = blocks[i];
            *bytes = sizes[i];
            return 1;
        }
    return 0;
}

double *sl_mat(size_t count)
{
    double *m = sl_alloc(count * sizeof *m);
    for (size_t i = 0; i < count; i++)
        m[i] = NAN;
    return m;
}

double *sl_out(size_t count)
{
    return sl_mat(count + SL_GUARD);
}

void sl_pass(void)
{
    const struct criterion_test *t = criterion_current_test;
    if (t)                              /* the body ran to its end */
        emit(json_pack("{s:s, s:s, s:s, s:b}", "source", "check", "exercise", t->category, "check",
                       t->name, "done", 1));
    for (size_t i = 0; i < n_blocks; i++)
        free(blocks[i]);
    free(blocks);
    free(sizes);
    blocks = NULL;
    sizes = NULL;
    n_blocks = cap_blocks = 0;
}

void sl_after_call(const char *fn)
{
    const char *who = sl_take_not_implemented();
    if (!who)
        return;
    sl_head("not-implemented",
            "%s() is not implemented yet: open student/%s.c and replace the TODO",
            "%s() 还没有实现：打开 student/%s.c，把 TODO 换成你的代码", fn, fn);
    if (strcmp(who, fn) != 0)
        sl_say("(the stub that said so: %s())", "（报告未实现的是 %s()）", who);
    sl_fail();
}

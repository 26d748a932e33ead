/* check.c — the check frame: messages, the check's record, not-implemented
 * guard, scratch memory (contract: check.h). */
#include "check.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

_Noreturn void sl_fail(void)
{
    if (!head[0]) {
        snprintf(head, sizeof head, "[property] %s",
                 sl_zh() ? "检查未通过" : "the check failed");
        snprintf(tag, sizeof tag, "property");
    }
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

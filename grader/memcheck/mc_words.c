/* mc_words.c — a located memory-check report as one sentence in the
 * student's terms, English or Chinese (contract: mc_explain.h, mc_words). */
#include "mc_explain.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *s;
    size_t len, used;
} out;

__attribute__((format(printf, 2, 3))) static void put(out *o, const char *fmt, ...)
{
    if (o->used >= o->len)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(o->s + o->used, o->len - o->used, fmt, ap);
    va_end(ap);
    if (n > 0)
        o->used += (size_t)n < o->len - o->used ? (size_t)n : o->len - o->used - 1;
}

/* Picks the English or the Chinese format (same arguments). */
#define TR(zh, en, cn) ((zh) ? (cn) : (en))

static const char *base(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* "train.c:14" for a place in the student's file. */
static void put_place(out *o, const mc_place *p, const char *file)
{
    put(o, "%s:%d", file, p->line);
}

/* " — called with n = 5, d = 2, k = 3" and the call's particulars. */
static void put_call(out *o, const mc_report *r, int zh)
{
    if (!r->have_call)
        return;
    const mc_shape *s = &r->shape;
    put(o, "%s", TR(zh, " — called with ", "——调用参数 "));
    put(o, "n = %zu", s->n);
    if (s->d)
        put(o, ", d = %zu", s->d);
    put(o, ", k = %zu", s->k);
    int has_history = 0;
    for (size_t b = 0; b < r->n_bufs; b++)
        has_history |= strcmp(r->bufs[b].name, "loss_history") == 0;
    if (has_history || s->no_history)
        put(o, ", epochs = %zu", s->epochs);
    if (s->in_place)
        put(o, "%s", TR(zh, ", in place (P == Z)", "，原地计算（P == Z）"));
    if (s->no_history)
        put(o, "%s", ", loss_history = NULL");
    if (s->soft)
        put(o, "%s", TR(zh, ", soft targets", "，软标签"));
}

/* The shape expression whose value is `need`, when exactly one has it
 * (k = d = 3: no guess). */
static const char *needs(const mc_report *r, size_t need, size_t *value)
{
    const mc_shape *s = &r->shape;
    const struct {
        const char *name;
        size_t v;
        int used;
    } c[] = {{"k", s->k, 1}, {"d", s->d, s->d > 0}, {"n", s->n, 1}, {"d·k", s->d * s->k, s->d > 0},
             {"n·k", s->n * s->k, 1}, {"n·d", s->n * s->d, s->d > 0}, {"epochs", s->epochs, s->epochs > 0}};
    const char *hit = NULL;
    size_t hits = 0;
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
        if (c[i].used && c[i].v == need)
            hit = c[i].name, hits++;
    if (hits != 1 || !r->have_call)
        return NULL;
    *value = need;
    return hit;
}

/* "a 16-byte block allocated at train.c:9 (2 doubles; k = 3 needs 3)" or
 * "the array db you were given (k = 3 doubles)". */
static void put_block(out *o, const mc_report *r, const mc_where *w, const char *file, int zh, size_t need)
{
    if (w->buf >= 0) {
        const char *nm = r->bufs[w->buf].name, *ex = r->bufs[w->buf].size_expr;
        size_t cnt = r->bufs[w->buf].count;
        put(o, TR(zh, "the array %s you were given (%s = %zu double%s)", "传入的数组 %s（%s = %zu 个 double%s）"), nm, ex,
            cnt, zh || cnt == 1 ? "" : "s");
        return;
    }
    put(o, TR(zh, "a %zu-byte block", "一个 %zu 字节的内存块"), r->block_size);
    if (w->alloc_found) {
        put(o, "%s", TR(zh, " allocated at ", "（分配于 "));
        put_place(o, &w->alloc, file);
        if (zh)
            put(o, "%s", "）");
    }
    size_t v = 0;
    const char *nm = need ? needs(r, need, &v) : NULL;
    if (r->block_size % sizeof(double) == 0) {
        size_t have = r->block_size / sizeof(double);
        put(o, TR(zh, " (%zu double%s", "（%zu 个 double%s"), have, zh || have == 1 ? "" : "s");
        if (nm && v > have)
            put(o, TR(zh, "; %s = %zu needs %zu", "；%s = %zu 需要 %zu 个"), nm, v, v);
        put(o, "%s", TR(zh, ")", "）"));
    }
}

/* "train.c:14" or "train.c:21 (inside grad_b)" — where the student's code did it. */
static void put_where(out *o, const mc_where *w, const char *file, const char *function, int zh)
{
    if (w->access_found) {
        put_place(o, &w->access, file);
        if (w->access_in[0])
            put(o, TR(zh, " (inside %s)", "（在 %s 内部）"), w->access_in);
    } else {
        put(o, TR(zh, "%s() (in %s, line unknown)", "%s()（在 %s 中，行号未知）"), function, file);
    }
}

static void put_access(out *o, const mc_report *r, const mc_where *w, const char *file, int zh)
{
    const char *verb = r->is_write == 1 ? TR(zh, "wrote", "写入了") : r->is_write == 0 ? TR(zh, "read", "读取了")
                                                                                       : TR(zh, "accessed", "访问了");
    size_t need = 0;
    /* a library routine (memset, memcpy …) reports its whole range and the
     * first bad byte: the range, read as starting at the block, is the size */
    int ranged = r->access.n && !r->access.in_main[0];
    if (ranged && strcmp(r->relation, "left") != 0) {
        if (r->access_size > r->block_size)
            need = (r->access_size + sizeof(double) - 1) / sizeof(double);
        put(o, TR(zh, " %s %zu bytes into ", " 向其中%s %zu 字节，超出了 "), verb, r->access_size);
    } else if (strcmp(r->relation, "right") == 0) {
        size_t past = r->offset + r->access_size;
        need = (r->block_size + past + sizeof(double) - 1) / sizeof(double);
        if (r->offset == 0)
            put(o, TR(zh, " %s %zu bytes past the end of ", " 越界%s %zu 字节，超出 "), verb, r->access_size);
        else
            put(o, TR(zh, " %s %zu bytes, %zu bytes past the end of ", " %s %zu 字节，位于末尾之后 %zu 字节处，越出 "),
                verb, r->access_size, r->offset);
    } else if (strcmp(r->relation, "left") == 0) {
        put(o, TR(zh, " %s %zu bytes, %zu bytes before the start of ", " %s %zu 字节，位于开头之前 %zu 字节处，越出 "), verb,
            r->access_size, r->offset);
    } else {
        put(o, TR(zh, " %s %zu bytes running past the end of ", " %s %zu 字节，超出了 "), verb, r->access_size);
    }
    put_block(o, r, w, file, zh, need);
}

/* A value from the records (C99 hex float) as a short decimal. */
static void put_value(out *o, const char *hex)
{
    double v = strtod(hex, NULL);
    if (isnan(v))
        put(o, "%s", "NaN");
    else
        put(o, "%.6g", v);
}

static void put_uninit(out *o, const mc_report *r, const mc_where *w, const char *file, const char *fn, int zh)
{
    if (r->uninit_heap && w->alloc_found) {
        put(o, "%s", TR(zh, "", "读取了 "));
        put_place(o, &w->alloc, file);
        put(o, "%s", TR(zh, " allocates a block that is read before it is written",
                        " 分配的内存块中尚未写入的内容（未初始化）"));
    } else if (r->uninit_line > 0) {
        put(o, "%s:%d", file, r->uninit_line);
        put(o, TR(zh, " declares '%s', which is read before it is given a value", " 声明的 '%s' 在赋值之前就被读取"),
            r->uninit_var);
    } else {
        put(o, TR(zh, "%s() reads memory it never wrote (an uninitialised variable or block)",
                  "%s() 读取了从未写入的内存（未初始化的变量或内存块）"), fn);
    }
    int ret = strcmp(r->out_name, "return") == 0;
    put(o, "%s", TR(zh, ": ", "："));
    if (ret)
        put(o, "%s", TR(zh, "the return value", "返回值"));
    else
        put(o, "%s[%zu]", r->out_name, r->out_index);
    put(o, "%s", TR(zh, " is ", " 在新内存填充方式不同时分别为 "));
    put_value(o, r->out_values[0]);
    put(o, "%s", TR(zh, " or ", " 和 "));
    put_value(o, r->out_values[1]);
    put(o, "%s", TR(zh, " depending on what fresh memory held", ""));
}

static void put_headline(out *o, const mc_report *r, const mc_where *w, const char *file, const char *fn, int zh)
{
    switch (r->kind) {
    case MC_HEAP_OVERFLOW:
    case MC_GLOBAL_OVERFLOW:
        put_where(o, w, file, fn, zh);
        put_access(o, r, w, file, zh);
        break;
    case MC_STACK_OVERFLOW:
        put_where(o, w, file, fn, zh);
        if (r->ub_text[0])
            put(o, TR(zh, " indexed past the end of a local array (%s)", " 数组下标越界：局部数组（%s）"), r->ub_text);
        else if (r->var_name[0]) {
            put(o, TR(zh, " %s %zu bytes past the end of the local array '%s' (", " 越界%s %zu 字节，超出局部数组 '%s'（"),
                r->is_write == 1 ? TR(zh, "wrote", "写入") : TR(zh, "read", "读取"), r->access_size, r->var_name);
            if (r->block_size % sizeof(double) == 0)
                put(o, TR(zh, "%zu doubles", "%zu 个 double"), r->block_size / sizeof(double));
            else
                put(o, TR(zh, "%zu bytes", "%zu 字节"), r->block_size);
            put(o, TR(zh, ") declared at %s:%d", "，声明于 %s:%d）"), file, r->var_line);
        }
        else
            put(o, "%s", TR(zh, " accessed a local array out of bounds", " 越界访问了局部数组"));
        break;
    case MC_USE_AFTER_FREE:
        put_where(o, w, file, fn, zh);
        if (zh)
            put(o, " 在一个 %zu 字节的内存块释放之后又%s了其中 %zu 字节", r->block_size,
                r->is_write == 1 ? "写入" : "读取", r->access_size);
        else
            put(o, " %s %zu bytes of a %zu-byte block after it was freed", r->is_write == 1 ? "wrote" : "read",
                r->access_size, r->block_size);
        if (w->freed_found) {
            put(o, "%s", TR(zh, " (freed at ", "（释放于 "));
            put_place(o, &w->freed, file);
            if (w->alloc_found) {
                put(o, "%s", TR(zh, ", allocated at ", "，分配于 "));
                put_place(o, &w->alloc, file);
            }
            put(o, "%s", TR(zh, ")", "）"));
        }
        break;
    case MC_DOUBLE_FREE:
        put_where(o, w, file, fn, zh);
        put(o, "%s", TR(zh, " freed a block a second time", " 第二次释放了同一个内存块"));
        if (w->freed_found || w->alloc_found) {
            put(o, "%s", TR(zh, " (", "（"));
            if (w->alloc_found) {
                put(o, "%s", TR(zh, "allocated at ", "分配于 "));
                put_place(o, &w->alloc, file);
            }
            if (w->freed_found) {
                put(o, "%s", w->alloc_found ? TR(zh, ", first freed at ", "，第一次释放于 ") : TR(zh, "first freed at ", "第一次释放于 "));
                put_place(o, &w->freed, file);
            }
            put(o, "%s", TR(zh, ")", "）"));
        }
        break;
    case MC_BAD_FREE:
        put_where(o, w, file, fn, zh);
        put(o, "%s", TR(zh, " freed memory that malloc did not give it (an array it was given, or a pointer into "
                            "the middle of a block)",
                        " 释放了不是由 malloc 分配的内存（传入的数组，或指向内存块中间的指针）"));
        break;
    case MC_USE_AFTER_RETURN:
        put_where(o, w, file, fn, zh);
        put(o, "%s", TR(zh, " used a local variable after its function returned or its block ended",
                        " 在函数返回或代码块结束之后仍使用了其中的局部变量"));
        break;
    case MC_WILD_ACCESS:
        put_where(o, w, file, fn, zh);
        put(o, "%s", r->is_write == 1 ? TR(zh, " wrote through an invalid pointer", " 通过无效指针写入")
                                      : TR(zh, " read through an invalid pointer", " 通过无效指针读取"));
        put(o, "%s", TR(zh, " (uninitialised, NULL, or far out of bounds)", "（未初始化、NULL 或严重越界）"));
        break;
    case MC_STACK_EXHAUSTED:
        put_where(o, w, file, fn, zh);
        put(o, "%s", TR(zh, " ran out of stack (endless recursion, or a very large local array)",
                        " 栈空间耗尽（无限递归，或局部数组过大）"));
        break;
    case MC_LEAK:
        put(o, TR(zh, "%s() returned without freeing %zu bytes in %zu block%s", "%s() 返回前没有释放 %zu 字节（%zu 个内存块%s）"), fn,
            r->leak_bytes, r->leak_blocks, zh || r->leak_blocks == 1 ? "" : "s");
        if (w->alloc_found) {
            put(o, "%s", TR(zh, " allocated at ", "，分配于 "));
            put_place(o, &w->alloc, file);
        }
        break;
    case MC_UNINIT:
        put_uninit(o, r, w, file, fn, zh);
        break;
    case MC_UB:
        put_where(o, w, file, fn, zh);
        if (strstr(r->ub_text, "signed integer overflow"))
            put(o, "%s", TR(zh, ": a signed integer overflowed (undefined behaviour: ", "：有符号整数溢出（未定义行为："));
        else if (strstr(r->ub_text, "shift"))
            put(o, "%s", TR(zh, ": an invalid shift (undefined behaviour: ", "：非法的移位（未定义行为："));
        else if (strstr(r->ub_text, "null pointer"))
            put(o, "%s", TR(zh, ": used a NULL pointer (", "：使用了 NULL 指针（"));
        else if (strstr(r->ub_text, "division by zero"))
            put(o, "%s", TR(zh, ": an integer division by zero (", "：整数除以零（"));
        else
            put(o, "%s", TR(zh, ": undefined behaviour (", "：未定义行为（"));
        put(o, "%s%s", r->ub_text, TR(zh, ")", "）"));
        break;
    case MC_OTHER_SANITIZER:
        put_where(o, w, file, fn, zh);
        put(o, TR(zh, ": AddressSanitizer reports %s", "：AddressSanitizer 报告 %s"), r->kind_text);
        break;
    case MC_INCOMPLETE:
        put(o, TR(zh, "%s() ended the program during the call (exit, abort or a crash)",
                  "%s() 在调用过程中结束了程序（exit、abort 或崩溃）"),
            fn);
        break;
    case MC_CLEAN:
    case MC_NOT_IMPLEMENTED:
        put(o, "%s", TR(zh, "no memory error", "没有内存错误"));
        return;
    }
    put_call(o, r, zh);
}

static const char *fix_for(const mc_report *r, int zh)
{
    if (r->kind == MC_UB && strstr(r->ub_text, "shift"))
        return TR(zh, "fix: shift only non-negative values, by less than their width (or multiply instead)",
                  "修正：只对非负数移位，且位移量小于类型宽度（或者改用乘法）");
    if (r->kind == MC_UB && strstr(r->ub_text, "null pointer"))
        return TR(zh, "fix: test a pointer that may be NULL (loss_history) before using it",
                  "修正：可能为 NULL 的指针（loss_history）在使用前先判断");
    switch (r->kind) {
    case MC_HEAP_OVERFLOW:
    case MC_STACK_OVERFLOW:
    case MC_GLOBAL_OVERFLOW:
        return TR(zh, "fix: check loop bounds and allocation sizes: an n×k array has n·k entries, indices 0 … n·k − 1 "
                      "(and k may be 1)",
                  "修正：检查循环边界和分配大小：n×k 数组有 n·k 个元素，下标 0 … n·k − 1（k 也可能等于 1）");
    case MC_USE_AFTER_FREE:
        return TR(zh, "fix: free a block only after its last use", "修正：在最后一次使用之后再释放内存块");
    case MC_DOUBLE_FREE:
    case MC_BAD_FREE:
        return TR(zh, "fix: free exactly once each block you allocated yourself, never the arrays you were given",
                  "修正：自己分配的每个内存块只释放一次，不要释放传入的数组");
    case MC_LEAK:
        return TR(zh, "fix: free every block you allocate before returning, on every path (early returns too)",
                  "修正：在每条返回路径上（包括提前返回）释放所有自己分配的内存块");
    case MC_UNINIT:
        return TR(zh, "fix: give every variable and every malloc'd entry a value before reading it (= 0.0, or calloc)",
                  "修正：读取之前先给每个变量和 malloc 得到的每个元素赋值（= 0.0，或用 calloc）");
    case MC_UB:
        return TR(zh, "fix: use size_t for sizes and indices, and never let an int computation overflow",
                  "修正：大小和下标用 size_t，不要让 int 运算溢出");
    default:
        return "";
    }
}

void mc_words(const mc_report *r, const mc_where *w, const char *file, const char *function, int zh, char *head,
              size_t head_len, char *detail, size_t detail_len)
{
    out h = {head, head_len, 0}, d = {detail, detail_len, 0};
    head[0] = detail[0] = '\0';
    put_headline(&h, r, w, base(file), function, zh);
    put(&d, "%s", fix_for(r, zh));
}

/* mc_report.c — records + sanitizer report → mc_report (contract:
 * mc_report.h).  The formats are those of mc_main.c and of GCC 12's
 * AddressSanitizer / UBSan with symbolize=0, e.g.
 *   ==7==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x6020… at pc …
 *   WRITE of size 8 at 0x602000000020 thread T0
 *       #0 0x406b10  (/path/prog+0x406b10)
 *   0x602000000020 is located 0 bytes to the right of 16-byte region [0x…,0x…)
 *   allocated by thread T0 here:            (freed by thread T0 here:)
 *   Address 0x7ff… is located in stack of thread T0 at offset 64 in frame
 *       [32, 64) 'terms' (line 12) <== Memory access at offset 64 overflows this variable
 *   file.c:15:21: runtime error: signed integer overflow: 2 * 1073741824 cannot be …
 * Anything else in the output (the student's own printing) is ignored. */
#include "mc_report.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *word;
    mc_kind kind;
} asan_kinds[] = {
    {"heap-buffer-overflow", MC_HEAP_OVERFLOW},
    {"stack-buffer-overflow", MC_STACK_OVERFLOW},
    {"stack-buffer-underflow", MC_STACK_OVERFLOW},
    {"dynamic-stack-buffer-overflow", MC_STACK_OVERFLOW},
    {"global-buffer-overflow", MC_GLOBAL_OVERFLOW},
    {"heap-use-after-free", MC_USE_AFTER_FREE},
    {"attempting double-free", MC_DOUBLE_FREE},
    {"attempting free on address which was not malloc()-ed", MC_BAD_FREE},
    {"alloc-dealloc-mismatch", MC_BAD_FREE},
    {"stack-use-after-return", MC_USE_AFTER_RETURN},
    {"stack-use-after-scope", MC_USE_AFTER_RETURN},
    {"SEGV on unknown address", MC_WILD_ACCESS},
    {"BUS on unknown address", MC_WILD_ACCESS},
    {"stack-overflow on address", MC_STACK_EXHAUSTED},
};

const char *mc_kind_name(mc_kind k)
{
    static const char *const names[] = {
        "clean", "not_implemented", "heap_overflow", "stack_overflow", "global_overflow",
        "use_after_free", "double_free", "bad_free", "use_after_return", "wild_access",
        "stack_exhausted", "leak", "uninitialised", "undefined_behaviour", "other_sanitizer",
        "incomplete"};
    return (size_t)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

/* Copies the line at s (without its newline) into out. */
static void copy_line(char *out, size_t len, const char *s)
{
    size_t n = strcspn(s, "\n");
    snprintf(out, len, "%.*s", (int)(n < len ? n : len - 1), s);
}

static const char *next_line(const char *s)
{
    const char *nl = strchr(s, '\n');
    return nl ? nl + 1 : NULL;
}

/* 1 when a frame is in the program itself rather than a shared library:
 * the module in parentheses is not a ".so"; without a module (no /proc to
 * read), an address in the low text range of a non-PIE program. */
static int frame_in_main(const char *frame, uintptr_t pc)
{
    const char *open = strchr(frame, '(');
    const char *end = open ? strpbrk(open, "+)\n") : NULL;
    if (!open || !end)
        return pc < 0x10000000;
    for (const char *q = open; q + 3 <= end; q++)
        if (strncmp(q, ".so", 3) == 0)
            return 0;
    return 1;
}

/* Reads the frames "    #i 0xADDR  (MODULE+0xOFF)" starting at line l;
 * returns the first line after them (or NULL at the end of the text). */
static const char *read_stack(const char *l, mc_stack *st)
{
    st->n = 0;
    for (; l; l = next_line(l)) {
        const char *p = l + strspn(l, " \t");
        unsigned idx;
        uintptr_t pc;
        if (sscanf(p, "#%u 0x%" SCNxPTR, &idx, &pc) != 2)
            return l;
        if (st->n < MC_MAX_FRAMES) {
            st->pc[st->n] = pc;
            st->in_main[st->n++] = (unsigned char)frame_in_main(p, pc);
        }
    }
    return NULL;
}

static void parse_location(const char *l, mc_report *r)
{
    unsigned long long off = 0, size = 0, start = 0;
    char rel[16] = "";
    if (sscanf(l, "%*s is located %llu bytes to the %7s of %llu-byte region [0x%llx", &off, rel, &size, &start) == 4) {
        snprintf(r->relation, sizeof r->relation, "%s", rel);
    } else if (sscanf(l, "%*s is located %llu bytes inside of %llu-byte region [0x%llx", &off, &size, &start) == 3) {
        snprintf(r->relation, sizeof r->relation, "inside");
    } else {
        return;
    }
    r->offset = (size_t)off, r->block_size = (size_t)size, r->block_start = (uintptr_t)start;
}

/* "[32, 64) 'terms' (line 12) <== Memory access at offset 64 overflows this variable" */
static void parse_stack_object(const char *l, mc_report *r)
{
    const char *q = strchr(l, '\''), *e = q ? strchr(q + 1, '\'') : NULL;
    if (!q || !e || !strstr(l, "<== Memory access"))
        return;
    snprintf(r->var_name, sizeof r->var_name, "%.*s", (int)(e - q - 1), q + 1);
    const char *ln = strstr(e, "(line ");
    r->var_line = ln ? atoi(ln + 6) : 0;
    unsigned long long lo, hi;
    if (sscanf(l + strspn(l, " \t"), "[%llu, %llu)", &lo, &hi) == 2)
        r->block_size = (size_t)(hi - lo);
}

static void parse_asan(const char *out, const char *hit, mc_report *r)
{
    const char *what = hit + strlen("ERROR: AddressSanitizer: ");
    const char *ls = hit;
    while (ls > out && ls[-1] != '\n')
        ls--;
    copy_line(r->headline, sizeof r->headline, ls);
    r->kind = MC_OTHER_SANITIZER;
    copy_line(r->kind_text, sizeof r->kind_text, what);
    r->kind_text[strcspn(r->kind_text, " ")] = '\0';
    for (size_t i = 0; i < sizeof asan_kinds / sizeof asan_kinds[0]; i++)
        if (strncmp(what, asan_kinds[i].word, strlen(asan_kinds[i].word)) == 0) {
            r->kind = asan_kinds[i].kind;
            copy_line(r->kind_text, sizeof r->kind_text, asan_kinds[i].word);
            break;
        }
    int first_stack = 1;
    for (const char *l = next_line(hit); l; l = next_line(l)) {
        const char *p = l + strspn(l, " \t");
        unsigned long long size;
        if (sscanf(p, "READ of size %llu", &size) == 1 || sscanf(p, "WRITE of size %llu", &size) == 1) {
            r->is_write = p[0] == 'W';
            r->access_size = (size_t)size;
        } else if (strstr(p, "The signal is caused by a READ")) {
            r->is_write = 0;
        } else if (strstr(p, "The signal is caused by a WRITE")) {
            r->is_write = 1;
        } else if (strncmp(p, "#0 ", 3) == 0 && first_stack) {
            first_stack = 0;
            if (!(l = read_stack(l, &r->access)))
                break;
            p = l + strspn(l, " \t");
        }
        if (strstr(p, " is located ") && strstr(p, "-byte region"))
            parse_location(p, r);
        else if (strncmp(p, "freed by thread", 15) == 0)
            read_stack(next_line(l), &r->freed);
        else if (strncmp(p, "previously allocated by thread", 30) == 0 || strncmp(p, "allocated by thread", 19) == 0)
            read_stack(next_line(l), &r->alloc);
        else if (p[0] == '[' && strstr(p, "<== Memory access"))
            parse_stack_object(p, r);
        else if (strncmp(p, "SUMMARY:", 8) == 0)
            break;
    }
}

/* "file.c:15:21: runtime error: text" */
static void parse_ubsan(const char *out, const char *hit, mc_report *r)
{
    const char *ls = hit;
    while (ls > out && ls[-1] != '\n')
        ls--;
    copy_line(r->headline, sizeof r->headline, ls);
    r->kind = MC_UB;
    snprintf(r->kind_text, sizeof r->kind_text, "runtime error");
    copy_line(r->ub_text, sizeof r->ub_text, hit + strlen("runtime error: "));
    /* the location is "path:line:col: " before the marker; the path may hold ':' */
    const char *end = hit;
    while (end > ls && end[-1] == ' ')
        end--;
    if (end > ls && end[-1] == ':')
        end--;
    const char *c2 = end;
    while (c2 > ls && c2[-1] != ':')
        c2--;                       /* c2: the column */
    const char *c1 = c2 > ls ? c2 - 1 : ls;
    while (c1 > ls && c1[-1] != ':')
        c1--;                       /* c1: the line */
    if (c1 > ls) {
        snprintf(r->ub_file, sizeof r->ub_file, "%.*s", (int)(c1 - 1 - ls), ls);
        r->ub_line = atoi(c1);
    }
    if (strncmp(r->ub_text, "index ", 6) == 0 && strstr(r->ub_text, "out of bounds"))
        r->kind = MC_STACK_OVERFLOW;    /* a local (or global) array indexed past its size */
    read_stack(next_line(ls), &r->access);
}

static void parse_records(const char *rec, mc_report *r)
{
    for (const char *l = rec; l && *l; l = next_line(l)) {
        char a[64] = "", b[64] = "";
        unsigned long long x = 0, y = 0, z = 0;
        if (strncmp(l, "call ", 5) == 0) {
            mc_shape s = {0};
            int ip = 0, nh = 0, so = 0;
            char v[16] = "";
            if (sscanf(l, "call %*u %15s n=%zu d=%zu k=%zu epochs=%zu in_place=%d no_history=%d soft=%d", v, &s.n,
                       &s.d, &s.k, &s.epochs, &ip, &nh, &so) == 8) {
                s.in_place = ip, s.no_history = nh, s.soft = so;
                r->shape = s, r->have_call = 1, r->n_bufs = 0;
                snprintf(r->variant, sizeof r->variant, "%s", v);
            }
        } else if (sscanf(l, "buf %23s %15s 0x%llx %llu", a, b, &x, &y) == 4 && r->n_bufs < MC_MAX_BUFS) {
            snprintf(r->bufs[r->n_bufs].name, sizeof r->bufs[0].name, "%s", a);
            snprintf(r->bufs[r->n_bufs].size_expr, sizeof r->bufs[0].size_expr, "%s", b);
            r->bufs[r->n_bufs].addr = (uintptr_t)x, r->bufs[r->n_bufs++].count = (size_t)y;
        } else if (sscanf(l, "notimpl %31s", a) == 1) {
            snprintf(r->not_implemented, sizeof r->not_implemented, "%s", a);
            r->kind = MC_NOT_IMPLEMENTED;
        } else if (sscanf(l, "leak %llu 0x%llx %llu", &x, &y, &z) == 3) {
            r->kind = MC_LEAK;
            r->leak_bytes = (size_t)x, r->leak_blocks = (size_t)z;
            /* a return address: the call instruction ends just before it */
            r->alloc.pc[0] = (uintptr_t)y - 1, r->alloc.in_main[0] = 1, r->alloc.n = 1;
        } else if (sscanf(l, "uninit %31s %llu %47s %47s", a, &x, b, r->out_values[1]) == 4) {
            r->kind = MC_UNINIT;
            snprintf(r->out_name, sizeof r->out_name, "%s", a);
            snprintf(r->out_values[0], sizeof r->out_values[0], "%s", b);
            r->out_index = (size_t)x;
        } else if (sscanf(l, "uninit_site 0x%llx", &x) == 1) {
            r->uninit_heap = 1;
            r->alloc.pc[0] = (uintptr_t)x - 1, r->alloc.in_main[0] = 1, r->alloc.n = 1;
        } else if (sscanf(l, "fn 0x%llx", &x) == 1) {
            r->fn_pc = (uintptr_t)x;
        } else if (sscanf(l, "done %llu", &x) == 1) {
            r->calls_done = (size_t)x;
        }
    }
}

void mc_report_parse(const char *records, const char *output, int exited_ok, mc_report *r)
{
    memset(r, 0, sizeof *r);
    r->is_write = -1;
    r->kind = MC_INCOMPLETE;
    parse_records(records, r);
    const char *asan = output ? strstr(output, "ERROR: AddressSanitizer: ") : NULL;
    const char *ub = output ? strstr(output, ": runtime error: ") : NULL;
    if (ub && (!asan || ub < asan))
        parse_ubsan(output, ub + 2, r);
    else if (asan)
        parse_asan(output, asan, r);
    else if (r->kind == MC_INCOMPLETE && exited_ok && r->calls_done > 0)
        r->kind = MC_CLEAN;
}

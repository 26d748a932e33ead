/* mc_main.c — the memory-check program: `memcheck EXERCISE RECORDS`.
 *
 * Linked from the student's file compiled twice under AddressSanitizer +
 * UBSan — once with -ftrivial-auto-var-init=pattern and the exercise's
 * function renamed mc_variant_pattern, once with =zero as mc_variant_zero —
 * the AddressSanitizer build of the reference and runtime, and mc_alloc.o
 * (allocation calls wrapped).  For every case of mc_cases.h it calls both
 * variants on fresh exact-size buffers: the pattern one with new heap blocks
 * filled with 0xff (NaN as a double), the zero one with 0x00.  It writes one
 * line per event to RECORDS (flushed at once, so a sanitizer abort leaves
 * the lines before it):
 *   fn 0xADDRESS                               (mc_variant_pattern: names the student's file)
 *   call I VARIANT n=N d=D k=K epochs=E in_place=0|1 no_history=0|1 soft=0|1
 *   buf NAME SIZE_EXPR 0xADDRESS COUNT         (each caller-owned buffer)
 *   notimpl FUNCTION                           (the stub's NOT_IMPLEMENTED() ran)
 *   leak BYTES 0xPC BLOCKS                     (live after return; PC: the first block's allocation call)
 *   uninit NAME INDEX HEX_PATTERN HEX_ZERO     (the two variants' outputs differ)
 *   uninit_site 0xPC                           (… because of blocks allocated there)
 *   done CALLS
 * and exits 0 after `done`, 1 on a finding or a usage error.  Sanitizer
 * reports go to stderr, unsymbolised (the program opens no file to turn
 * addresses into lines: the caller does that with addr2line). */
#include "filter.h"
#include "mc_alloc.h"
#include "mc_cases.h"
#include "softmax_lab.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void mc_variant_pattern(void);
void mc_variant_zero(void);

static FILE *rec;

/* Keeps the output buffers and the return value of a call. */
typedef struct {
    double *copy[MC_MAX_BUFS];
    double ret;
} kept;

static void record_call(size_t i, const char *variant, const mc_shape *s, const mc_call *c)
{
    fprintf(rec, "call %zu %s n=%zu d=%zu k=%zu epochs=%zu in_place=%d no_history=%d soft=%d\n", i, variant,
            s->n, s->d, s->k, s->epochs, s->in_place, s->no_history, s->soft);
    for (size_t b = 0; b < c->n_bufs; b++)
        fprintf(rec, "buf %s %s %#" PRIxPTR " %zu\n", c->bufs[b].name, c->bufs[b].size_expr,
                (uintptr_t)c->bufs[b].p, c->bufs[b].count);
    fflush(rec);
}

/* Findings right after a call: the stub ran, or blocks were left live. */
static int after_call(const char *function)
{
    const char *ni = sl_take_not_implemented();
    if (ni) {
        fprintf(rec, "notimpl %s\n", function);
        return 1;
    }
    const mc_block *live;
    size_t n = mc_alloc_live(&live), bytes = 0;
    for (size_t i = 0; i < n; i++)
        bytes += live[i].size;
    if (n) {
        fprintf(rec, "leak %zu %#" PRIxPTR " %zu\n", bytes, live[0].pc, n);
        return 1;
    }
    return 0;
}

/* Runs case i with one variant, new blocks filled with `fill`; its outputs
 * are copied into *k. */
static int run_one(const char *ex, size_t i, const mc_shape *s, const char *variant, void (*fn)(void),
                   int fill, kept *k)
{
    mc_call c;
    if (fill >= 0)      /* −1: keep the fill set by the caller */
        mc_alloc_set_fill((unsigned char)fill);
    if (mc_case_prepare(ex, s, (unsigned)i, &c) != 0) {
        fprintf(rec, "error out of memory\n");
        return 1;
    }
    record_call(i, variant, s, &c);
    mc_alloc_track(1);
    mc_case_call(ex, s, fn, &c);
    mc_alloc_track(0);
    int found = after_call(mc_function(ex));
    k->ret = c.ret;
    for (size_t b = 0; !found && b < c.n_bufs; b++)
        if (c.bufs[b].is_output && (k->copy[b] = malloc(c.bufs[b].count * sizeof(double) + 1)))
            memcpy(k->copy[b], c.bufs[b].p, c.bufs[b].count * sizeof(double));
    mc_case_free(&c);
    return found;
}

static uint64_t bits(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

/* The two variants' outputs must be bit-for-bit equal; `say` writes the
 * first difference as an `uninit` line. */
static int compare(const char *ex, size_t i, const mc_shape *s, const kept *a, const kept *b, int say)
{
    mc_call shape;
    if (mc_case_prepare(ex, s, (unsigned)i, &shape) != 0)
        return 0;
    int found = 0;
    for (size_t o = 0; !found && o < shape.n_bufs; o++)
        for (size_t e = 0; a->copy[o] && b->copy[o] && e < shape.bufs[o].count; e++)
            if (bits(a->copy[o][e]) != bits(b->copy[o][e])) {
                if (say)
                    fprintf(rec, "uninit %s %zu %a %a\n", shape.bufs[o].name, e, a->copy[o][e], b->copy[o][e]);
                found = 1;
                break;
            }
    if (!found && bits(a->ret) != bits(b->ret)) {
        if (say)
            fprintf(rec, "uninit return 0 %a %a\n", a->ret, b->ret);
        found = 1;
    }
    mc_case_free(&shape);
    return found;
}

static void free_kept(kept *k)
{
    for (size_t o = 0; o < MC_MAX_BUFS; o++)
        free(k->copy[o]), k->copy[o] = NULL;
}

/* After an `uninit` finding on case i: which allocation place's blocks are
 * read before written?  Reruns the zero variant with only that place's new
 * blocks filled with 0xff; the first place that changes the outputs is
 * written as `uninit_site 0xPC` (none: a local variable, or memory not from
 * an allocation the student made). */
static void find_uninit_site(const char *ex, size_t i, const mc_shape *s, const kept *zero)
{
    uintptr_t sites[MC_MAX_SITES];
    const uintptr_t *seen;
    size_t n = mc_alloc_sites(&seen);
    memcpy(sites, seen, n * sizeof *sites);
    for (size_t j = 0; j < n; j++) {
        kept k = {0};
        mc_alloc_set_site_fill(sites[j], 0xff, 0x00);
        int bad = run_one(ex, i, s, "zero", mc_variant_zero, -1, &k) == 0 && compare(ex, i, s, &k, zero, 0);
        free_kept(&k);
        if (bad) {
            fprintf(rec, "uninit_site %#" PRIxPTR "\n", sites[j]);
            return;
        }
    }
}

int main(int argc, char **argv)
{
    static char outbuf[8192];   /* student printf: no buffer allocated during a call */
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    size_t n_cases = 0;
    const mc_shape *cases = argc == 3 ? mc_cases(argv[1], &n_cases) : NULL;
    if (!cases || !(rec = fopen(argv[2], "w"))) {
        fprintf(stderr, "usage: memcheck EXERCISE RECORDS (EXERCISE: softmax, …, train, sigmoid_bce)\n");
        return 1;
    }
    /* The records go out on fd 4 and the worker's filter (lenient: a call
     * outside its list fails with EPERM, so that the sanitizer can still
     * report) confines the student's code: no ptrace, no new process, no
     * signal to another process, no file opened. */
    if (dup2(fileno(rec), 4) != 4 || fclose(rec) != 0 || !(rec = fdopen(4, "w"))
        || sl_filter_install(1) < 0) {
        fprintf(stderr, "memcheck: cannot confine the program (records fd or seccomp filter)\n");
        return 1;
    }
    fprintf(rec, "fn %#" PRIxPTR "\n", (uintptr_t)&mc_variant_pattern);
    size_t calls = 0;
    for (size_t i = 0; i < n_cases; i++) {
        kept a = {0}, b = {0};
        int found = run_one(argv[1], i, &cases[i], "pattern", mc_variant_pattern, 0xff, &a)
                    || run_one(argv[1], i, &cases[i], "zero", mc_variant_zero, 0x00, &b);
        if (!found && compare(argv[1], i, &cases[i], &a, &b, 1)) {
            find_uninit_site(argv[1], i, &cases[i], &b);
            found = 1;
        }
        free_kept(&a), free_kept(&b);
        fflush(stdout);
        if (found) {
            fclose(rec);
            return 1;
        }
        calls += 2;
    }
    fprintf(rec, "done %zu\n", calls);
    fclose(rec);
    return 0;
}

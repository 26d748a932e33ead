/* test_report.c — unit tests of the memory check's trusted side: the parser
 * (mc_report.h) on real reports of the memory fixtures (saved in
 * grader/memcheck/tests/reports/, made by `mc` on GCC 12's sanitizers), and
 * the wording (mc_explain.h) on records built by hand. */
#include "mc_explain.h"
#include "mc_report.h"
#include "mc_symbolize.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REPORTS "grader/memcheck/tests/reports/"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    cr_assert(f, "cannot open %s (run from the top folder)", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    cr_assert(s);
    size_t got = fread(s, 1, (size_t)n, f);
    s[got] = '\0';
    fclose(f);
    return s;
}

/* Parses reports/<name>.rec and .out (the run ended with status `ok`). */
static mc_report parse(const char *name, int ok)
{
    char rec[256], out[256];
    snprintf(rec, sizeof rec, REPORTS "%s.rec", name);
    snprintf(out, sizeof out, REPORTS "%s.out", name);
    char *r = slurp(rec), *o = slurp(out);
    mc_report rep;
    mc_report_parse(r, o, ok, &rep);
    free(r), free(o);
    return rep;
}

Test(report, heap_overflow_inside_a_library_call)
{
    mc_report r = parse("train-heap_overflow_write", 0);
    cr_assert_eq(r.kind, MC_HEAP_OVERFLOW, "kind %s", mc_kind_name(r.kind));
    cr_assert_eq(r.is_write, 1);
    cr_assert_eq(r.access_size, 24);        /* grad_b's memset of k = 3 doubles */
    cr_assert_str_eq(r.relation, "right");
    cr_assert_eq(r.offset, 0);
    cr_assert_eq(r.block_size, 16);
    cr_assert_geq(r.access.n, 3);
    cr_assert_eq(r.access.in_main[0], 0, "frame #0 is the sanitizer's memset");
    cr_assert_eq(r.access.in_main[1], 1);
    cr_assert_geq(r.alloc.n, 2);
    cr_assert(r.have_call);
    cr_assert_eq(r.shape.n, 5);
    cr_assert_eq(r.shape.d, 2);
    cr_assert_eq(r.shape.k, 3);
    cr_assert_eq(r.shape.epochs, 4);
    cr_assert_eq(r.n_bufs, 5);
    cr_assert_str_eq(r.bufs[4].name, "loss_history");
    cr_assert_neq(r.fn_pc, 0);
}

Test(report, read_past_the_callers_array)
{
    mc_report r = parse("softmax-k1_reads_past_row", 0);
    cr_assert_eq(r.kind, MC_HEAP_OVERFLOW);
    cr_assert_eq(r.is_write, 0);
    cr_assert_eq(r.access_size, 8);
    cr_assert_eq(r.block_size, 8);
    cr_assert_eq(r.shape.k, 1);
    cr_assert_eq(r.block_start, r.bufs[0].addr, "the block is the caller's Z");
    cr_assert_str_eq(r.bufs[0].name, "Z");
}

Test(report, double_free_has_three_stacks)
{
    mc_report r = parse("grad_b-double_free", 0);
    cr_assert_eq(r.kind, MC_DOUBLE_FREE);
    cr_assert_geq(r.access.n, 2);
    cr_assert_geq(r.freed.n, 2);
    cr_assert_geq(r.alloc.n, 2);
    cr_assert_neq(r.freed.pc[2], r.access.pc[2], "two different free calls in the student's code");
}

Test(report, use_after_free)
{
    mc_report r = parse("train-use_after_free", 0);
    cr_assert_eq(r.kind, MC_USE_AFTER_FREE);
    cr_assert_eq(r.is_write, 1);
    cr_assert_str_eq(r.relation, "inside");
    cr_assert_eq(r.block_size, 120);        /* P, n·k = 15 doubles */
    cr_assert_geq(r.freed.n, 2);
}

Test(report, stack_overflow_names_the_variable)
{
    mc_report r = parse("grad_b-stack_overflow", 0);
    cr_assert_eq(r.kind, MC_STACK_OVERFLOW);
    cr_assert_str_eq(r.var_name, "sums");
    cr_assert_eq(r.var_line, 8);
    cr_assert_eq(r.block_size, 32);
    cr_assert_eq(r.is_write, 1);
}

Test(report, ubsan_signed_overflow)
{
    mc_report r = parse("grad_w-signed_overflow", 0);
    cr_assert_eq(r.kind, MC_UB);
    cr_assert_eq(r.ub_line, 15);
    cr_assert(mc_same_file(r.ub_file, "signed_overflow.c"), "%s", r.ub_file);
    cr_assert(strncmp(r.ub_text, "signed integer overflow", 23) == 0, "%s", r.ub_text);
    cr_assert_geq(r.access.n, 2);
}

Test(report, wild_pointer)
{
    mc_report r = parse("softmax-wild_pointer", 0);
    cr_assert_eq(r.kind, MC_WILD_ACCESS);
    cr_assert_eq(r.is_write, 1);
}

Test(report, leak_from_the_records)
{
    mc_report r = parse("train-leak_on_zero_epochs", 0);
    cr_assert_eq(r.kind, MC_LEAK);
    cr_assert_eq(r.leak_bytes, 176);        /* P 6·2 + dW 4·2 + db 2 doubles */
    cr_assert_eq(r.leak_blocks, 3);
    cr_assert_eq(r.alloc.n, 1);
    cr_assert_eq(r.shape.epochs, 0);
}

Test(report, uninitialised_heap_and_stack)
{
    mc_report h = parse("grad_b-uninitialised_heap", 0);
    cr_assert_eq(h.kind, MC_UNINIT);
    cr_assert_eq(h.uninit_heap, 1);
    cr_assert_str_eq(h.out_name, "db");
    cr_assert_eq(h.alloc.n, 1);
    mc_report s = parse("cross_entropy-uninitialised_sum", 0);
    cr_assert_eq(s.kind, MC_UNINIT);
    cr_assert_eq(s.uninit_heap, 0);
    cr_assert_str_eq(s.out_name, "return");
}

Test(report, clean_stub_and_unfinished_runs)
{
    mc_report r;
    mc_report_parse("fn 0x401000\ncall 0 zero n=1 d=0 k=1 epochs=0 in_place=0 no_history=0 soft=0\ndone 18\n",
                    "student output\n", 1, &r);
    cr_assert_eq(r.kind, MC_CLEAN);
    mc_report_parse("fn 0x401000\ncall 0 zero n=1 d=0 k=1 epochs=0 in_place=0 no_history=0 soft=0\n", "", 1, &r);
    cr_assert_eq(r.kind, MC_INCOMPLETE, "exit(0) in the middle is no pass");
    mc_report_parse("done 18\n", "", 0, &r);
    cr_assert_eq(r.kind, MC_INCOMPLETE, "a failed exit is no pass");
    mc_report_parse("call 0 pattern n=1 d=0 k=1 epochs=0 in_place=0 no_history=0 soft=0\nnotimpl softmax\n", "", 0, &r);
    cr_assert_eq(r.kind, MC_NOT_IMPLEMENTED);
    cr_assert_str_eq(r.not_implemented, "softmax");
    mc_report_parse(NULL, NULL, 0, &r);
    cr_assert_eq(r.kind, MC_INCOMPLETE);
}

/* The sentence of the example, built from a record by hand. */
static void example(mc_report *r, mc_where *w)
{
    memset(r, 0, sizeof *r);
    memset(w, 0, sizeof *w);
    r->kind = MC_HEAP_OVERFLOW, r->is_write = 1, r->access_size = 8, r->block_size = 16;
    snprintf(r->relation, sizeof r->relation, "right");
    r->access.n = 1, r->access.in_main[0] = 1;
    r->have_call = 1, r->shape = (mc_shape){.n = 5, .d = 2, .k = 3};
    w->access_found = w->alloc_found = 1, w->buf = -1;
    w->access.line = 14, w->alloc.line = 9;
}

Test(words, heap_overflow_in_english_and_chinese)
{
    mc_report r;
    mc_where w;
    example(&r, &w);
    char head[512], detail[512];
    mc_words(&r, &w, "student/train.c", "train", 0, head, sizeof head, detail, sizeof detail);
    cr_assert_str_eq(head, "train.c:14 wrote 8 bytes past the end of a 16-byte block allocated at train.c:9 "
                           "(2 doubles; k = 3 needs 3) — called with n = 5, d = 2, k = 3");
    cr_assert(strncmp(detail, "fix: ", 5) == 0, "%s", detail);
    mc_words(&r, &w, "student/train.c", "train", 1, head, sizeof head, detail, sizeof detail);
    cr_assert(strstr(head, "train.c:14") && strstr(head, "分配于 train.c:9") && strstr(head, "k = 3 需要 3 个"), "%s", head);
    cr_assert(strncmp(detail, "修正：", strlen("修正：")) == 0, "%s", detail);
}

Test(words, no_guess_when_two_sizes_are_equal)
{
    mc_report r;
    mc_where w;
    example(&r, &w);
    r.shape.d = 3;      /* k = d = 3: which one the block was for is unknown */
    char head[512], detail[512];
    mc_words(&r, &w, "train.c", "train", 0, head, sizeof head, detail, sizeof detail);
    cr_assert(strstr(head, "(2 doubles)") && !strstr(head, "needs"), "%s", head);
}

Test(words, callers_array_and_leak)
{
    mc_report r;
    mc_where w;
    example(&r, &w);
    r.is_write = 0, r.block_size = 8, r.shape = (mc_shape){.n = 1, .k = 1}, r.n_bufs = 1, w.buf = 0;
    snprintf(r.bufs[0].name, sizeof r.bufs[0].name, "Z");
    snprintf(r.bufs[0].size_expr, sizeof r.bufs[0].size_expr, "n·k");
    r.bufs[0].count = 1;
    char head[512], detail[512];
    mc_words(&r, &w, "softmax.c", "softmax", 0, head, sizeof head, detail, sizeof detail);
    cr_assert_str_eq(head, "softmax.c:14 read 8 bytes past the end of the array Z you were given (n·k = 1 double)"
                           " — called with n = 1, k = 1");
    example(&r, &w);
    r.kind = MC_LEAK, r.leak_bytes = 24, r.leak_blocks = 1;
    mc_words(&r, &w, "grad_w.c", "grad_w", 0, head, sizeof head, detail, sizeof detail);
    cr_assert_str_eq(head, "grad_w() returned without freeing 24 bytes in 1 block allocated at grad_w.c:9"
                           " — called with n = 5, d = 2, k = 3");
}

Test(symbolize, same_file)
{
    cr_assert(mc_same_file("/a/student/train.c", "train.c"));
    cr_assert(mc_same_file("train.c", "/scratch/src/train.c"));
    cr_assert(!mc_same_file("/a/reference/mytrain.c", "train.c"));
    cr_assert(!mc_same_file("", "train.c"));
}

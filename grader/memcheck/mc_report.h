/* mc_report.h — what one run of the memory-check program found, as a
 * structured record: parsed from its records file (mc_main.c) and from the
 * AddressSanitizer / UBSan report it printed (unsymbolised: addresses only;
 * mc_symbolize.h turns them into file:line). */
#ifndef MC_REPORT_H
#define MC_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "mc_cases.h"

typedef enum {
    MC_CLEAN,               /* every call ran, nothing found */
    MC_NOT_IMPLEMENTED,     /* the stub's NOT_IMPLEMENTED() ran */
    MC_HEAP_OVERFLOW,       /* heap-buffer-overflow (read or write) */
    MC_STACK_OVERFLOW,      /* stack-buffer-overflow/underflow, or UBSan index out of bounds */
    MC_GLOBAL_OVERFLOW,     /* global-buffer-overflow */
    MC_USE_AFTER_FREE,      /* heap-use-after-free */
    MC_DOUBLE_FREE,         /* attempting double-free */
    MC_BAD_FREE,            /* free of memory that malloc did not give (or mismatched) */
    MC_USE_AFTER_RETURN,    /* stack-use-after-return / -scope */
    MC_WILD_ACCESS,         /* SEGV / BUS: a pointer that points nowhere */
    MC_STACK_EXHAUSTED,     /* the stack ran out (endless recursion, huge local array) */
    MC_LEAK,                /* blocks still allocated when the function returned */
    MC_UNINIT,              /* the output depends on memory never written */
    MC_UB,                  /* UBSan: signed overflow, shift, division by zero … */
    MC_OTHER_SANITIZER,     /* another AddressSanitizer report (kind_text says which) */
    MC_INCOMPLETE           /* the program ended without a report and without `done` */
} mc_kind;

#define MC_MAX_FRAMES 24

/* One stack: addresses of frames (#0 first); in_main[i] is 1 when the frame
 * is in the program itself (symbolisable), 0 for a library (the
 * sanitizer's memset/memcpy/free interceptors, libc). */
typedef struct {
    uintptr_t pc[MC_MAX_FRAMES];
    unsigned char in_main[MC_MAX_FRAMES];
    size_t n;
} mc_stack;

typedef struct {
    mc_kind kind;
    char kind_text[64];         /* the sanitizer's own word ("heap-buffer-overflow") */
    int is_write;               /* 1 WRITE, 0 READ, −1 unknown */
    size_t access_size;         /* bytes of the access */
    char relation[8];           /* "right", "left", "inside", or "" */
    size_t offset;              /* bytes to the right/left of, or inside, the block */
    size_t block_size;          /* bytes of the block */
    uintptr_t block_start;
    mc_stack access, alloc, freed;
    /* stack variable (stack-buffer-overflow): name and declaration line */
    char var_name[64];
    int var_line;
    /* UBSan: where (file as compiled, line) and what */
    char ub_file[512];
    int ub_line;
    char ub_text[256];
    /* leak */
    size_t leak_bytes, leak_blocks;
    /* uninitialised: which output, which entry, the two values */
    char out_name[32];
    size_t out_index;
    char out_values[2][48];
    int uninit_heap;            /* 1: blocks from the allocation in `alloc` are read unwritten */
    char uninit_var[64];        /* else: the compiler's "may be used uninitialized" variable … */
    int uninit_line;            /* … and its line in the student's file (0: none) */
    /* the call during which it happened (shape valid when have_call) */
    int have_call;
    mc_shape shape;
    struct {
        char name[24], size_expr[16];
        uintptr_t addr;
        size_t count;           /* doubles */
    } bufs[MC_MAX_BUFS];        /* the caller-owned buffers of that call */
    size_t n_bufs;
    char variant[16];
    size_t calls_done;          /* from `done` */
    uintptr_t fn_pc;            /* the student's function (its file is the student's) */
    char not_implemented[32];   /* function named by notimpl */
    char headline[256];         /* first line of the sanitizer report, as printed */
} mc_report;

/* Parses the records file text (may be NULL) and the program's combined
 * stdout+stderr (may be NULL) into *r.  `exited_ok` is 1 when the program
 * exited with status 0.  Always fills *r (kind MC_INCOMPLETE when nothing
 * explains how the run ended). */
void mc_report_parse(const char *records, const char *output, int exited_ok, mc_report *r);

/* The name of kind (for logs and tests): "heap_overflow", … */
const char *mc_kind_name(mc_kind kind);

#endif

/* mc_explain.h — a memory-check report in the student's terms: which of
 * their lines did it (mc_locate), and the sentence that says so, English
 * or Chinese (mc_words). */
#ifndef MC_EXPLAIN_H
#define MC_EXPLAIN_H

#include <stddef.h>

#include "mc_report.h"
#include "mc_symbolize.h"

/* The places of a report, resolved in the student's file. */
typedef struct {
    mc_place access;        /* the student's line of the bad access (or free / UB) */
    int access_found;
    char access_in[96];     /* when the access itself happened in a function the
                               student called (grad_b, memset …): its name, else "" */
    mc_place alloc, freed;  /* the student's allocation / free of the block */
    int alloc_found, freed_found;
    int buf;                /* the caller-owned buffer the block is, or −1 */
} mc_where;

/* Resolves r's stacks with addr2line on program bin; `student_src` is the
 * student's file as it was compiled (its path, or a suffix of it). */
void mc_locate(const mc_report *r, const char *bin, const char *student_src, mc_where *w);

/* The message: *head gets one line ("train.c:14 wrote 8 bytes past the end
 * of …, called with n = 5, d = 2, k = 3"), *detail zero or more lines
 * separated by '\n' (the fix).  `file` is the name shown for the student's
 * file ("train.c"), `function` the exercise's function.  zh: Chinese. */
void mc_words(const mc_report *r, const mc_where *w, const char *file, const char *function, int zh,
              char *head, size_t head_len, char *detail, size_t detail_len);

#endif

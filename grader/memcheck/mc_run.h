/* mc_run.h — run a memory-check program (mc_build.h) and say what it found,
 * in the student's terms.  The program runs as a child with a time limit
 * and an output cap; its report is parsed (mc_report.h), its addresses
 * turned into the student's lines (mc_explain.h) here, in the caller. */
#ifndef MC_RUN_H
#define MC_RUN_H

#include "mc_report.h"

/* The environment of the program: AddressSanitizer and UBSan options
 * (unsymbolised reports, no LeakSanitizer, first error fatal, allocations
 * bounded).  NULL-terminated, static. */
char *const *mc_run_env(void);

typedef enum {
    MC_PASS,                /* every call ran clean */
    MC_FAIL,                /* a memory error: head/detail say which */
    MC_STUB,                /* the stub's NOT_IMPLEMENTED() ran (function in head) */
    MC_INTERNAL             /* the program could not run (head says why) */
} mc_status;

typedef struct {
    mc_status status;
    mc_report report;
    char head[1024];        /* one line */
    char detail[1024];      /* lines separated by '\n' (maybe "") */
    char *raw;              /* the program's output as printed (the sanitizer's dump), malloc'd */
} mc_result;

/* Runs program bin on exercise `exercise` (records in a temporary file under
 * $TMPDIR or /tmp), at most timeout_s seconds; zh picks the language.
 * Fills *res (free with mc_result_free).  Returns 0, or −1 when out of
 * memory. */
int mc_run(const char *bin, const char *exercise, double timeout_s, int zh, mc_result *res);

void mc_result_free(mc_result *res);

#endif

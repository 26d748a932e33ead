/* mc_locate.c — a report's stacks → the student's lines (contract:
 * mc_explain.h, mc_locate). */
#include "mc_explain.h"

#include <stdio.h>
#include <string.h>

/* The first frame of st in the student's file: its place in *out, and in
 * *callee the function of the frame just above it when that is not the
 * student's (the library or kit function that did the access). */
static int first_student_frame(const char *bin, const mc_stack *st, const char *src, mc_place *out,
                               char *callee, size_t callee_len)
{
    uintptr_t pcs[MC_MAX_FRAMES];
    size_t idx[MC_MAX_FRAMES], n = 0;
    for (size_t i = 0; i < st->n; i++)
        if (st->in_main[i])
            idx[n] = i, pcs[n++] = st->pc[i];
    mc_place places[MC_MAX_FRAMES];
    if (callee)
        callee[0] = '\0';
    if (n == 0 || mc_symbolize(bin, pcs, n, src, places) != 0)
        return 0;
    for (size_t j = 0; j < n; j++) {
        if (!mc_same_file(places[j].file, src))
            continue;
        *out = places[j];
        if (callee && idx[j] > 0) {
            /* the frame above: a kit function (named), or a library one */
            if (j > 0 && idx[j - 1] == idx[j] - 1) {
                /* our allocation wrappers are the plain malloc/free to the student */
                if (strncmp(places[j - 1].function, "__wrap_", 7) != 0)
                    snprintf(callee, callee_len, "%s", places[j - 1].function);
            } else
                snprintf(callee, callee_len, "%s", "memset/memcpy");
        }
        return 1;
    }
    return 0;
}

void mc_locate(const mc_report *r, const char *bin, const char *src, mc_where *w)
{
    memset(w, 0, sizeof *w);
    w->buf = -1;
    if (r->kind == MC_UB && r->ub_line > 0) {
        snprintf(w->access.file, sizeof w->access.file, "%s", r->ub_file);
        w->access.line = r->ub_line;
        w->access_found = mc_same_file(r->ub_file, src);
    }
    if (!w->access_found)
        w->access_found = first_student_frame(bin, &r->access, src, &w->access, w->access_in,
                                              sizeof w->access_in);
    w->alloc_found = first_student_frame(bin, &r->alloc, src, &w->alloc, NULL, 0);
    w->freed_found = first_student_frame(bin, &r->freed, src, &w->freed, NULL, 0);
    for (size_t b = 0; r->block_size || r->block_start ? b < r->n_bufs : 0; b++)
        if (r->bufs[b].addr == r->block_start && r->block_start)
            w->buf = (int)b;
}

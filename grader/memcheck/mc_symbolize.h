/* mc_symbolize.h — program addresses → function, file and line, in the
 * trusted process (addr2line on the memory-check program, which is linked
 * non-PIE so that the addresses the sanitizer prints are the file's). */
#ifndef MC_SYMBOLIZE_H
#define MC_SYMBOLIZE_H

#include <stddef.h>
#include <stdint.h>

/* One source place; inline frames come first (the innermost). */
typedef struct {
    char function[96];
    char file[512];         /* as compiled ("/abs/student/train.c"), "" when unknown */
    int line;               /* 0 when unknown */
} mc_place;

/* Looks up n addresses of program `bin` with addr2line: places[i] gets the
 * innermost place of pcs[i] — or, when `prefer_file` is not NULL and one of
 * the inline frames of pcs[i] is in a file whose name ends with
 * prefer_file, that frame (the student's line even when their helper was
 * inlined into a library frame).  0, or −1 when addr2line could not run
 * (places then all unknown). */
int mc_symbolize(const char *bin, const uintptr_t *pcs, size_t n, const char *prefer_file, mc_place *places);

/* 1 when path names the same file as `file` (equal, or one ends with "/" + the other). */
int mc_same_file(const char *path, const char *file);

#endif

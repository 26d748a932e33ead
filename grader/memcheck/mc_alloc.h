/* mc_alloc.h — heap bookkeeping inside the memory-check program (the
 * student's allocations, wrapped at link time with -Wl,--wrap=…; see
 * mc_alloc.c).  Not thread-safe: the program calls the student's function
 * from one thread (the reference's threads only start on large problems). */
#ifndef MC_ALLOC_H
#define MC_ALLOC_H

#include <stddef.h>
#include <stdint.h>

#define MC_MAX_BLOCKS 4096
#define MC_MAX_SITES 64

/* A live block: its address, size in bytes and the return address of the
 * allocation call (an instruction of the caller). */
typedef struct {
    void *ptr;
    size_t size;
    uintptr_t pc;
} mc_block;

/* Every later malloc/realloc growth/aligned_alloc block is filled with byte
 * (calloc stays zero). */
void mc_alloc_set_fill(unsigned char byte);

/* Like mc_alloc_set_fill(others), except that blocks allocated by the call
 * whose return address is site get byte. */
void mc_alloc_set_site_fill(uintptr_t site, unsigned char byte, unsigned char others);

/* The distinct allocation places (return addresses) seen since tracking was
 * last turned on (*out points into a static table). */
size_t mc_alloc_sites(const uintptr_t **out);

/* on = 1: forget earlier blocks and record every block allocated from now
 * on (until freed); on = 0: stop recording (recorded blocks are kept). */
void mc_alloc_track(int on);

/* The recorded blocks still live (*blocks points into a static table). */
size_t mc_alloc_live(const mc_block **blocks);

#endif

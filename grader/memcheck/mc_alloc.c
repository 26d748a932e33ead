/* mc_alloc.c — the memory-check program's view of the student's heap
 * (contract: mc_alloc.h).
 *
 * The program is linked with -Wl,--wrap=malloc,… so every malloc, calloc,
 * realloc, free, aligned_alloc and posix_memalign call of the student's
 * object (and of the harness) lands here first, then goes on to the real
 * allocator (AddressSanitizer's, which checks every access).  Here:
 *   - a new block from malloc/realloc/aligned_alloc is filled with the
 *     current fill byte (calloc stays zero), so that a block read before it
 *     is written gives a different answer under a different fill;
 *   - while tracking is on, each live block is kept with its size and the
 *     address of the call that made it (__builtin_return_address(0): an
 *     instruction in the caller, i.e. the student's line), so that blocks
 *     still live when the student's function returns are leaks with a
 *     place.  This needs neither LeakSanitizer (ptrace) nor symbolisation
 *     in the process. */
#include "mc_alloc.h"

#include <stdint.h>
#include <string.h>

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void __real_free(void *p);
void *__real_aligned_alloc(size_t align, size_t size);
int __real_posix_memalign(void **out, size_t align, size_t size);
/* AddressSanitizer's allocator interface (not every compiler ships the header). */
size_t __sanitizer_get_allocated_size(const volatile void *p);
int __sanitizer_get_ownership(const volatile void *p);

void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
void __wrap_free(void *p);
void *__wrap_aligned_alloc(size_t align, size_t size);
int __wrap_posix_memalign(void **out, size_t align, size_t size);

static mc_block live[MC_MAX_BLOCKS];
static size_t n_live, n_untracked;
static int tracking;
static unsigned char fill_byte, site_byte;
static uintptr_t fill_site;             /* 0: every block gets fill_byte */
static uintptr_t sites[MC_MAX_SITES];   /* allocation places seen while tracking */
static size_t n_sites;

void mc_alloc_set_fill(unsigned char byte)
{
    fill_byte = byte;
    fill_site = 0;
}

void mc_alloc_set_site_fill(uintptr_t site, unsigned char byte, unsigned char others)
{
    fill_byte = others;
    fill_site = site, site_byte = byte;
}

size_t mc_alloc_sites(const uintptr_t **out)
{
    *out = sites;
    return n_sites;
}

/* The byte a new block from allocation call pc is filled with. */
static unsigned char fill_for(uintptr_t pc)
{
    return fill_site && pc == fill_site ? site_byte : fill_byte;
}

void mc_alloc_track(int on)
{
    tracking = on;
    if (on)
        n_live = 0, n_untracked = 0, n_sites = 0;
}

static void remember(void *p, size_t size, uintptr_t pc)
{
    if (!tracking || !p)
        return;
    size_t s = 0;
    while (s < n_sites && sites[s] != pc)
        s++;
    if (s == n_sites && n_sites < MC_MAX_SITES)
        sites[n_sites++] = pc;
    if (n_live == MC_MAX_BLOCKS) {
        n_untracked++;
        return;
    }
    live[n_live++] = (mc_block){p, size, pc};
}

static void forget(void *p)
{
    for (size_t i = n_live; p && i-- > 0;)
        if (live[i].ptr == p) {
            live[i] = live[--n_live];
            return;
        }
}

size_t mc_alloc_live(const mc_block **blocks)
{
    *blocks = live;
    return n_live;
}

void *__wrap_malloc(size_t size)
{
    uintptr_t pc = (uintptr_t)__builtin_return_address(0);
    void *p = __real_malloc(size);
    if (p)
        memset(p, fill_for(pc), size);
    remember(p, size, pc);
    return p;
}

void *__wrap_calloc(size_t n, size_t size)
{
    void *p = __real_calloc(n, size);
    remember(p, n * size, (uintptr_t)__builtin_return_address(0));
    return p;
}

void *__wrap_realloc(void *p, size_t size)
{
    uintptr_t pc = (uintptr_t)__builtin_return_address(0);
    size_t old = p && __sanitizer_get_ownership(p) ? __sanitizer_get_allocated_size(p) : 0;
    void *q = __real_realloc(p, size);
    if (!q)
        return q;
    if (size > old)
        memset((char *)q + old, fill_for(pc), size - old);
    forget(p);
    remember(q, size, pc);
    return q;
}

void __wrap_free(void *p)
{
    forget(p);
    __real_free(p);
}

void *__wrap_aligned_alloc(size_t align, size_t size)
{
    uintptr_t pc = (uintptr_t)__builtin_return_address(0);
    void *p = __real_aligned_alloc(align, size);
    if (p)
        memset(p, fill_for(pc), size);
    remember(p, size, pc);
    return p;
}

int __wrap_posix_memalign(void **out, size_t align, size_t size)
{
    uintptr_t pc = (uintptr_t)__builtin_return_address(0);
    int rc = __real_posix_memalign(out, align, size);
    if (rc == 0 && *out) {
        memset(*out, fill_for(pc), size);
        remember(*out, size, pc);
    }
    return rc;
}

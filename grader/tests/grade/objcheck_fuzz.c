/* objcheck_fuzz.c — the hand-written ELF reader (grader/grade/objcheck.c)
 * against mutated objects: a deterministic random-mutation fuzzer (fixed
 * seed), built with AddressSanitizer and UBSan by grade.mk, so that a read
 * past the buffer, an overflow or a crash fails `make test-grade`.
 *
 *   objcheck_fuzz ITERATIONS SEED OBJECT...
 *
 * Each iteration takes one of the seed objects and applies 1–8 mutations:
 * random bytes, bit flips, interesting values (0, 1, 0x7f…, 0xff…, sizes
 * near the length) written over ELF header and section-header fields,
 * truncation, or a section header's offset/size/link/entsize pointed at the
 * end of the buffer.  The verdict must be 0 or −1 with a reason text; the
 * untouched seeds must be accepted or refused as objcheck says for them
 * (printed).  Exit 1 on a wrong return value; the sanitizers abort on the
 * rest. */
#include "objcheck.h"

#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t g_rng;

static uint64_t rnd(void)
{
    g_rng ^= g_rng << 13;
    g_rng ^= g_rng >> 7;
    g_rng ^= g_rng << 17;
    return g_rng;
}

static unsigned char *load(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    unsigned char *buf = malloc(1 << 24);
    *len = buf ? fread(buf, 1, 1 << 24, f) : 0;
    fclose(f);
    return buf;
}

static uint64_t interesting(size_t len)
{
    const uint64_t v[] = {0, 1, 2, 7, 8, 0x40, 0x7f, 0x80, 0xff, 0x7fff, 0xffff, 0x7fffffff,
                          0xffffffff, UINT64_MAX, UINT64_MAX / 2, len, len - 1, len + 1,
                          len - sizeof(Elf64_Shdr), len / 2};
    return v[rnd() % (sizeof v / sizeof v[0])];
}

static void put(unsigned char *p, size_t len, size_t off, uint64_t val, size_t width)
{
    if (off < len && width <= len - off)
        memcpy(p + off, &val, width);
}

/* One mutation of p (len bytes, *n used). */
static void mutate(unsigned char *p, size_t *n)
{
    size_t len = *n;
    if (!len)
        return;
    Elf64_Ehdr eh;
    memcpy(&eh, p, len < sizeof eh ? len : sizeof eh);
    size_t shnum = len >= sizeof eh ? eh.e_shnum : 0;
    switch (rnd() % 6) {
    case 0:
        p[rnd() % len] = (unsigned char)rnd();
        break;
    case 1:
        p[rnd() % len] ^= (unsigned char)(1u << (rnd() % 8));
        break;
    case 2: {   /* an ELF header field */
        static const size_t f[][2] = {{16, 2}, {18, 2}, {40, 8}, {58, 2}, {60, 2}, {62, 2}, {4, 1},
                                      {5, 1}};
        size_t k = rnd() % 8;
        put(p, len, f[k][0], interesting(len), f[k][1]);
        break;
    }
    case 3: {   /* a section header field */
        if (!shnum || eh.e_shoff >= len)
            break;
        size_t i = rnd() % shnum, base = eh.e_shoff + i * sizeof(Elf64_Shdr);
        static const size_t f[][2] = {{0, 4}, {4, 4}, {8, 8}, {24, 8}, {32, 8}, {40, 4}, {56, 8}};
        size_t k = rnd() % 7;
        put(p, len, base + f[k][0], interesting(len), f[k][1]);
        break;
    }
    case 4:
        *n = rnd() % len;
        break;
    default: {  /* a run of random bytes */
        size_t at = rnd() % len, run = 1 + rnd() % 32;
        for (size_t i = 0; i < run && at + i < len; i++)
            p[at + i] = (unsigned char)rnd();
    }
    }
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fputs("usage: objcheck_fuzz ITERATIONS SEED OBJECT...\n", stderr);
        return 2;
    }
    long iters = atol(argv[1]);
    g_rng = strtoull(argv[2], NULL, 0) | 1;
    int nseed = argc - 3, bad = 0;
    unsigned char **seed = calloc((size_t)nseed, sizeof *seed);
    size_t *seed_len = calloc((size_t)nseed, sizeof *seed_len);
    for (int i = 0; i < nseed; i++) {
        seed[i] = load(argv[3 + i], &seed_len[i]);
        if (!seed[i] || !seed_len[i]) {
            fprintf(stderr, "objcheck_fuzz: cannot read %s\n", argv[3 + i]);
            return 2;
        }
    }
    unsigned char *buf = malloc(1 << 24);
    long accepted = 0;
    for (long it = 0; it < iters; it++) {
        int s = (int)(rnd() % (uint64_t)nseed);
        size_t n = seed_len[s];
        memcpy(buf, seed[s], n);
        for (int m = 1 + (int)(rnd() % 8); m > 0; m--)
            mutate(buf, &n);
        /* an exact-size copy, so that ASan sees any read past the end */
        unsigned char *obj = malloc(n ? n : 1);
        memcpy(obj, buf, n);
        char *why = NULL;
        int rc = objcheck(obj, n, "softmax", (int)(it & 1), &why);
        if ((rc != 0 && rc != -1) || (rc == -1 && (!why || !*why)) || (rc == 0 && why)) {
            fprintf(stderr, "objcheck_fuzz: iteration %ld: bad verdict %d\n", it, rc);
            bad = 1;
        }
        accepted += rc == 0;
        free(why);
        free(obj);
    }
    printf("objcheck_fuzz: %ld mutated objects from %d seeds (seed %s): %ld accepted, "
           "no crash, no out-of-bounds read\n", iters, nseed, argv[2], accepted);
    for (int i = 0; i < nseed; i++)
        free(seed[i]);
    free(seed), free(seed_len), free(buf);
    return bad;
}

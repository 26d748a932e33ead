/* vmath.h — the vector type of a kernel and its exp(), for kernel.c only
 * (which defines SL_VW, the doubles per vector, before including this).
 * GCC/Clang vector extensions: `a + b`, `a * s` work lane by lane, a scalar
 * is broadcast; VEC(p) is the SL_VW doubles at p (8-byte alignment enough). */
#ifndef SL_ENGINE_VMATH_H
#define SL_ENGINE_VMATH_H

#include <stdint.h>

typedef double vec __attribute__((vector_size(SL_VW * sizeof(double)), aligned(sizeof(double)),
                                  may_alias));
typedef int64_t vint __attribute__((vector_size(SL_VW * sizeof(double)), aligned(sizeof(double)),
                                    may_alias));
#define VEC(p) (*(vec *)(p))

/* Lane by lane: a where mask is set (all ones), else b. */
static inline vec vselect(vint mask, vec a, vec b)
{
    return (vec)(((vint)a & mask) | ((vint)b & ~mask));
}

/* e^x lane by lane, within about 1 ulp of libm's exp() for every finite x:
 * x = n·ln2 + r with |r| ≤ ln2/2, e^r by its Taylor series to degree 13
 * (truncation < 5e-18 relative), times 2^n built in the exponent bits, in
 * two halves so that results down to the subnormals come out right.
 * exp(−inf) = 0, exp(+inf) = inf, NaN stays NaN. */
static inline vec vexp(vec x)
{
    const double shift = 0x1.8p52;                 /* adding it rounds to an integer */
    const vec lo = (vec){0} - 746.0, hi = (vec){0} + 710.0;
    x = vselect(x < lo, lo, x);                    /* NaN compares false: kept */
    x = vselect(x > hi, hi, x);
    const vec t = x * 0x1.71547652b82fep0 + shift; /* log2(e) */
    const vec n = t - shift;
    vec r = x - n * 0x1.62e42fee00000p-1;          /* ln2, high part (exact product) */
    r = r - n * 0x1.a39ef35793c76p-33;             /* ln2, low part */
    vec p = (vec){0} + 1.0 / 6227020800.0;         /* 1/13! */
    p = p * r + 1.0 / 479001600.0;
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    const vint ni = (vint)t - (vint)((vec){0} + shift);   /* n as an integer */
    const vint n1 = ni >> 1, n2 = ni - n1;
    const vec s1 = (vec)((n1 + 1023) << 52), s2 = (vec)((n2 + 1023) << 52);
    return p * s1 * s2;
}

#endif

/* bad_train.c — train() as a student might get it badly wrong, for the
 * lesson's guard tests: built three times (lesson.mk) with BAD_CRASH (a
 * segmentation fault), BAD_HANG (never returns) or BAD_NAN (returns a
 * plausible loss but leaves W not finite).  The other four functions come
 * from reference/. */
#include "softmax_lab.h"

#include <math.h>
#include <signal.h>
#include <stdio.h>

double train(const double *X, const double *Y, size_t n, size_t d, size_t k, double *W, double *b,
             double lr, size_t epochs, double *loss_history)
{
    (void)X, (void)Y, (void)n, (void)d, (void)k, (void)b, (void)lr, (void)epochs;
    printf("debug output that must not reach the screen\n");
#if defined(BAD_CRASH)
    raise(SIGSEGV);
#elif defined(BAD_HANG)
    for (volatile unsigned long i = 0;; i++)
        ;
#else
    W[0] = NAN;
#endif
    if (loss_history)
        loss_history[0] = 0.5;
    return 0.5;
}

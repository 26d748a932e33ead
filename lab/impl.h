/* impl.h — one set of the five contract functions, taken either from the
 * reference linked into the program or from the student's own code
 * (build/libstudent.so, built by `make` when student/ compiles).  The lesson
 * and `softmax-lab train --impl` use this to switch between them. */
#ifndef SL_IMPL_H
#define SL_IMPL_H

#include <stddef.h>

typedef struct {
    const char *name;  /* "reference" or "student" */
    void (*softmax)(const double *Z, double *P, size_t n, size_t k);
    double (*cross_entropy)(const double *P, const double *Y, size_t n, size_t k);
    void (*grad_w)(const double *X, const double *P, const double *Y, size_t n, size_t d,
                   size_t k, double *dW);
    void (*grad_b)(const double *P, const double *Y, size_t n, size_t k, double *db);
    double (*train)(const double *X, const double *Y, size_t n, size_t d, size_t k, double *W,
                    double *b, double lr, size_t epochs, double *loss_history);
    /* Name of the last stub that ran NOT_IMPLEMENTED() in this set, or NULL. */
    const char *(*take_not_implemented)(void);
    void *handle;      /* dlopen handle, NULL for the reference */
} sl_impl;

/* The reference implementation linked into the program. */
void sl_impl_reference(sl_impl *out);

/* The same set with train() done by the fast engine (lab/engine/, tested
 * equal to the reference's within 1e-12): what `softmax-lab train --impl
 * reference` runs.  Named "reference" too, as the user asked for it. */
void sl_impl_engine(sl_impl *out);

/* Loads the student's functions from $SOFTMAX_LAB_STUDENT_SO, or else from
 * libstudent.so next to the running program.  0 on success; −1 with a
 * one-line reason in err (not built, does not compile, symbol missing). */
int sl_impl_student(sl_impl *out, char *err, size_t errlen);

/* Releases what sl_impl_student loaded; harmless on the reference. */
void sl_impl_close(sl_impl *impl);

#endif

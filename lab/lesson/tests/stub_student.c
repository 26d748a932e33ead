/* stub_student.c — a student library where nothing is implemented yet (as
 * the stubs in student/ start out), for the lesson's `i` tests. */
#include "softmax_lab.h"

void softmax(const double *Z, double *P, size_t n, size_t k)
{
    (void)Z, (void)P, (void)n, (void)k;
    NOT_IMPLEMENTED();
}

double cross_entropy(const double *P, const double *Y, size_t n, size_t k)
{
    (void)P, (void)Y, (void)n, (void)k;
    NOT_IMPLEMENTED();
    return 0;
}

void grad_w(const double *X, const double *P, const double *Y, size_t n, size_t d, size_t k,
            double *dW)
{
    (void)X, (void)P, (void)Y, (void)n, (void)d, (void)k, (void)dW;
    NOT_IMPLEMENTED();
}

void grad_b(const double *P, const double *Y, size_t n, size_t k, double *db)
{
    (void)P, (void)Y, (void)n, (void)k, (void)db;
    NOT_IMPLEMENTED();
}

double train(const double *X, const double *Y, size_t n, size_t d, size_t k, double *W, double *b,
             double lr, size_t epochs, double *loss_history)
{
    (void)X, (void)Y, (void)n, (void)d, (void)k, (void)W, (void)b, (void)lr, (void)epochs,
        (void)loss_history;
    NOT_IMPLEMENTED();
    return 0;
}

/* proxy.c — the contract functions as the judge sees them: each sends its
 * arguments to the worker (client.c) and returns what the student's
 * function did there.  Compiled once per exercise with -DSL_PROXY_<id>, so
 * that the judge of exercise E has E's proxy and the reference of every
 * other function (the harness). */
#include "client.h"
#include "multilabel.h"
#include "softmax_lab.h"

#ifdef SL_PROXY_softmax
void softmax(const double *Z, double *P, size_t n, size_t k)
{
    sl_wire_req q = {.fn = SL_FN_SOFTMAX, .n_args = 2, .n = n, .k = k};
    const void *a[] = {Z, P};
    const size_t c[] = {n * k, n * k};
    sl_worker_call(&q, "softmax", a, c);
}
#endif

#ifdef SL_PROXY_cross_entropy
double cross_entropy(const double *P, const double *Y, size_t n, size_t k)
{
    sl_wire_req q = {.fn = SL_FN_CROSS_ENTROPY, .n_args = 2, .n = n, .k = k};
    const void *a[] = {P, Y};
    const size_t c[] = {n * k, n * k};
    return sl_worker_call(&q, "cross_entropy", a, c);
}
#endif

#ifdef SL_PROXY_grad_w
void grad_w(const double *X, const double *P, const double *Y, size_t n, size_t d, size_t k, double *dW)
{
    sl_wire_req q = {.fn = SL_FN_GRAD_W, .n_args = 4, .n = n, .d = d, .k = k};
    const void *a[] = {X, P, Y, dW};
    const size_t c[] = {n * d, n * k, n * k, d * k};
    sl_worker_call(&q, "grad_w", a, c);
}
#endif

#ifdef SL_PROXY_grad_b
void grad_b(const double *P, const double *Y, size_t n, size_t k, double *db)
{
    sl_wire_req q = {.fn = SL_FN_GRAD_B, .n_args = 3, .n = n, .k = k};
    const void *a[] = {P, Y, db};
    const size_t c[] = {n * k, n * k, k};
    sl_worker_call(&q, "grad_b", a, c);
}
#endif

#ifdef SL_PROXY_train
double train(const double *X, const double *Y, size_t n, size_t d, size_t k, double *W, double *b,
             double lr, size_t epochs, double *loss_history)
{
    sl_wire_req q = {.fn = SL_FN_TRAIN, .n_args = 5, .n = n, .d = d, .k = k, .epochs = epochs, .lr = lr};
    const void *a[] = {X, Y, W, b, loss_history};
    const size_t c[] = {n * d, n * k, d * k, k, epochs};
    return sl_worker_call(&q, "train", a, c);
}
#endif

#ifdef SL_PROXY_sigmoid_bce
double sigmoid_bce(const double *X, const double *W, const double *b, const double *Y, size_t n,
                   size_t d, size_t k, double *dW, double *db)
{
    sl_wire_req q = {.fn = SL_FN_SIGMOID_BCE, .n_args = 6, .n = n, .d = d, .k = k};
    const void *a[] = {X, W, b, Y, dW, db};
    const size_t c[] = {n * d, d * k, k, n * k, d * k, k};
    return sl_worker_call(&q, "sigmoid_bce", a, c);
}
#endif

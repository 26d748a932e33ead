/* accurate.c — accurate expected values and their tolerances (contract:
 * accurate.h). */
#include "accurate.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

#define EPS DBL_EPSILON

int sl_within(double e, double g, double tol)
{
    if (isnan(e) || isnan(g))
        return isnan(e) && isnan(g);
    if (isinf(e) || isinf(g))
        return e == g;
    return fabs(g - e) <= tol;
}

/* Row maximum (the first entry when all are equal). */
static double row_max(const double *z, size_t k)
{
    double m = z[0];
    for (size_t j = 1; j < k; j++)
        if (z[j] > m)
            m = z[j];
    return m;
}

void sl_acc_softmax(const double *Z, double *P, double *tol, size_t n, size_t k)
{
    for (size_t i = 0; i < n; i++) {
        const double *z = Z + i * k;
        const double m = row_max(z, k);
        long double s = 0.0L;
        for (size_t j = 0; j < k; j++)
            s += expl((long double)z[j] - (long double)m);
        for (size_t j = 0; j < k; j++) {
            const double p = (double)(expl((long double)z[j] - (long double)m) / s);
            if (tol)
                tol[i * k + j] = 4.0 * EPS * ((double)k + 4.0 + fabs(z[j]) + fabs(m)) * p
                                 + 4.0 * DBL_MIN;
            P[i * k + j] = p;
        }
    }
}

double sl_acc_rowsum_tol(const double *Z, size_t k)
{
    const double m = row_max(Z, k);
    long double s = 0.0L;
    for (size_t j = 0; j < k; j++)
        s += expl((long double)Z[j] - (long double)m);
    double t = ((double)k + 2.0) * EPS;
    for (size_t j = 0; j < k; j++) {
        double p = (double)(expl((long double)Z[j] - (long double)m) / s);
        t += 4.0 * EPS * ((double)k + 4.0 + fabs(Z[j]) + fabs(m)) * p + 4.0 * DBL_MIN;
    }
    return t;
}

double sl_acc_cross_entropy(const double *P, const double *Y, size_t n, size_t k,
                            double *tol)
{
    long double sum = 0.0L;
    size_t terms = 0;
    for (size_t e = 0; e < n * k; e++)
        if (Y[e] != 0.0) {
            sum -= (long double)Y[e] * logl((long double)P[e]);
            terms++;
        }
    const double L = (double)(sum / (long double)n);
    if (tol)
        *tol = EPS * (((double)(n * k) + 4.0) * fabs((double)sum) + 4.0 * (double)terms)
               / (double)n;
    return L;
}

void sl_acc_grad(const double *A, const double *P, const double *Y, size_t n,
                 size_t rows, size_t k, double *G, double *tol)
{
    for (size_t f = 0; f < rows; f++)
        for (size_t j = 0; j < k; j++) {
            long double s = 0.0L, hi = 0.0L, c = 0.0L;   /* Kahan–Babuška sum */
            double mag = 0.0;
            for (size_t i = 0; i < n; i++) {
                const long double a = A ? A[i * rows + f] : 1.0L;
                const long double t = a * ((long double)P[i * k + j] - (long double)Y[i * k + j]);
                hi = s + t;
                c += fabsl(s) >= fabsl(t) ? (s - hi) + t : (t - hi) + s;
                s = hi;
                mag += fabs((double)a) * (fabs(P[i * k + j]) + fabs(Y[i * k + j]));
            }
            G[f * k + j] = (double)((s + c) / (long double)n);
            if (tol)
                tol[f * k + j] = ((double)n + 4.0) * EPS * mag / (double)n + DBL_MIN;
        }
}

double sl_acc_sigmoid(double a, double b, double *tol)
{
    const long double t = (long double)a - (long double)b;
    const double s = (double)(t >= 0 ? 1.0L / (1.0L + expl(-t)) : expl(t) / (1.0L + expl(t)));
    if (tol)
        *tol = 4.0 * EPS * (6.0 + fabs(a) + fabs(b)) * s + 4.0 * DBL_MIN;
    return s;
}

double sl_lambda_max(const double *X, size_t n, size_t d)
{
    const size_t m = d + 1;
    double *v = malloc(m * sizeof *v), *w = malloc(m * sizeof *w), lambda = 0.0;
    if (!v || !w) {
        free(v);
        free(w);
        return NAN;
    }
    for (size_t f = 0; f < m; f++)
        v[f] = 1.0;
    for (int it = 0; it < 500; it++) {
        for (size_t f = 0; f < m; f++)
            w[f] = 0.0;
        for (size_t i = 0; i < n; i++) {
            double dot = v[d];
            for (size_t f = 0; f < d; f++)
                dot += X[i * d + f] * v[f];
            for (size_t f = 0; f < d; f++)
                w[f] += X[i * d + f] * dot / (double)n;
            w[d] += dot / (double)n;
        }
        double nw = 0.0, nv = 0.0;
        for (size_t f = 0; f < m; f++)
            nw += w[f] * w[f], nv += v[f] * v[f];
        nw = sqrt(nw), nv = sqrt(nv);
        lambda = nw / nv;
        for (size_t f = 0; f < m; f++)
            v[f] = w[f] / nw;
    }
    free(v);
    free(w);
    return lambda;
}

/* log(1 + e^t) in long double, without overflow. */
static long double softplusl(long double t)
{
    return (t > 0 ? t : 0.0L) + log1pl(expl(-fabsl(t)));
}

double sl_acc_bce(const double *X, const double *W, const double *b, const double *Y,
                  size_t n, size_t d, size_t k, double *dW, double *db,
                  double *tL, double *tW, double *tb)
{
    const long double m = (long double)n * (long double)k;
    long double loss = 0.0L;
    double tl = 0.0;
    for (size_t f = 0; f < d * k; f++) {
        if (dW) dW[f] = 0.0;
        if (tW) tW[f] = 0.0;
    }
    for (size_t j = 0; j < k; j++) {
        if (db) db[j] = 0.0;
        if (tb) tb[j] = 0.0;
    }
    long double *gW = calloc(d * k + k + 1, sizeof *gW);
    if (!gW)
        return NAN;
    long double *gb = gW + d * k;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < k; j++) {
            long double z = b[j];
            double mag = fabs(b[j]);
            for (size_t f = 0; f < d; f++) {
                z += (long double)X[i * d + f] * W[f * k + j];
                mag += fabs(X[i * d + f] * W[f * k + j]);
            }
            const double zeta = ((double)d + 2.0) * EPS * mag;
            const long double y = Y[i * k + j];
            const long double t = y * softplusl(-z) + (1.0L - y) * softplusl(z);
            loss += t;
            const long double sg = z >= 0 ? 1.0L / (1.0L + expl(-z)) : expl(z) / (1.0L + expl(z));
            const long double g = sg - y;
            const double eg = ((double)n + 4.0) * EPS * ((double)sg + fabs((double)y)) + zeta / 4.0;
            tl += ((double)m + 4.0) * EPS * fabs((double)t) + 2.0 * zeta + 4.0 * EPS;
            for (size_t f = 0; f < d; f++) {
                gW[f * k + j] += (long double)X[i * d + f] * g;
                if (tW) tW[f * k + j] += fabs(X[i * d + f]) * eg / (double)m;
            }
            gb[j] += g;
            if (tb) tb[j] += eg / (double)m;
        }
    for (size_t f = 0; dW && f < d * k; f++)
        dW[f] = (double)(gW[f] / m);
    for (size_t j = 0; db && j < k; j++)
        db[j] = (double)(gb[j] / m);
    for (size_t f = 0; tW && f < d * k; f++)
        tW[f] += DBL_MIN;
    for (size_t j = 0; tb && j < k; j++)
        tb[j] += DBL_MIN;
    if (tL)
        *tL = tl / (double)m;
    free(gW);
    return (double)(loss / m);
}

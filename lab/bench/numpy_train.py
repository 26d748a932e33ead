#!/usr/bin/env python3
"""numpy_train.py — the lecture's NumPy method (§5), timed on the data that
bench-train wrote, and compared with the engine's W, b and loss.

    numpy_train.py DIR REPEATS C_MS_PER_EPOCH

Reads DIR/meta.txt, X.f64, Y.f64 (inputs) and W.f64, b.f64, loss.f64 (the C
result).  Runs full-batch gradient descent from W = 0, b = 0 exactly as the
lecture does — Z = XW + b, stable softmax, cross-entropy, dW = Xᵀ(P − Y)/n,
db = mean of P − Y, update — REPEATS times, and prints `key: value` lines:
the median ms/epoch (and the fastest run), the ratio of the medians, the largest differences
from the engine's result, and which BLAS library numpy ran.  It reports; it never
fails on speed.  Exit status 3 when numpy is not installed.
"""
import os
import statistics
import sys
import time

try:
    import numpy as np
except ImportError:
    print("numpy: not installed (python3-numpy); the NumPy comparison is skipped")
    sys.exit(3)


def train(X, Y, lr, epochs):
    """The lecture's loop; returns W, b and the loss history + final loss."""
    n, d = X.shape
    k = Y.shape[1]
    W = np.zeros((d, k))
    b = np.zeros(k)
    losses = np.empty(epochs + 1)
    for e in range(epochs + 1):
        Z = X @ W + b
        Z = Z - Z.max(axis=1, keepdims=True)
        expZ = np.exp(Z)
        P = expZ / expZ.sum(axis=1, keepdims=True)
        losses[e] = -np.sum(Y * np.log(P)) / n
        if e == epochs:
            break
        G = P - Y
        W -= lr * (X.T @ G) / n
        b -= lr * G.sum(axis=0) / n
    return W, b, losses


def blas_name():
    """Which BLAS numpy's matrix product ran, with its kernel when known."""
    try:
        from threadpoolctl import threadpool_info
        info = [i for i in threadpool_info() if i.get("user_api") == "blas"]
        if info:
            i = info[0]
            return "%s %s, kernel %s, %s threads" % (
                i.get("internal_api"), i.get("version"), i.get("architecture"),
                i.get("num_threads"))
    except ImportError:
        pass
    with open("/proc/self/maps") as maps:
        libs = {line.split()[-1] for line in maps if "blas" in line}
    return ", ".join(sorted(os.path.realpath(p) for p in libs)) or "unknown"


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: numpy_train.py DIR REPEATS C_MS_PER_EPOCH")
    folder, repeats, c_ms = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    with open(os.path.join(folder, "meta.txt")) as f:
        n, d, k, lr, epochs = f.read().split()
    n, d, k, lr, epochs = int(n), int(d), int(k), float(lr), int(epochs)

    def load(name, shape):
        return np.fromfile(os.path.join(folder, name), dtype="<f8").reshape(shape)

    X, Y = load("X.f64", (n, d)), load("Y.f64", (n, k))
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        W, b, losses = train(X, Y, lr, epochs)
        times.append((time.perf_counter() - t0) / epochs)
    ms = 1e3 * statistics.median(times)
    print("numpy_ms_per_epoch: %.4f" % ms)
    print("numpy_ms_fastest: %.4f" % (1e3 * min(times)))
    print("speedup_c_over_numpy: %.2f" % (ms / c_ms))
    print("diff_vs_c: W %.3g  b %.3g  loss %.3g" % (
        np.abs(W - load("W.f64", (d, k))).max(), np.abs(b - load("b.f64", (k,))).max(),
        np.abs(losses - load("loss.f64", (epochs + 1,))).max()))
    print("numpy_blas: %s (numpy %s)" % (blas_name(), np.__version__))


if __name__ == "__main__":
    main()

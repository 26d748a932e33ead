#!/usr/bin/env python3
"""train_check.py — an independent computation of the lecture's gradient descent
(lecture §5: W, b from zero; Z = XW + b; P = softmax(Z); loss = mean CE;
dW = Xᵀ(P − Y)/n; db = mean(P − Y); W -= lr·dW; b -= lr·db), compared with the
files written by `softmax-lab train --weights W.csv --loss-csv L.csv`.

usage: train_check.py DATA.csv FEATURES LR EPOCHS WEIGHTS.csv LOSS.csv [TOL]
Reads the CSV itself (header, features, label last; classes numbered in order
of first appearance), keeps FEATURES (e.g. 2,3), standardises with the mean
and the population standard deviation.  Uses numpy when importable, else pure
Python.  Prints the largest differences; exit 0 when all are within TOL (1e-9)."""
import csv
import math
import sys


def load(path, features):
    with open(path, newline="") as f:
        rows = [r for r in csv.reader(f) if r and any(c.strip() for c in r)]
    classes, X, y = [], [], []
    for r in rows[1:]:
        label = r[-1].strip()
        if label not in classes:
            classes.append(label)
        X.append([float(r[j]) for j in features])
        y.append(classes.index(label))
    return X, y, len(classes)


def standardize(X):
    n, d = len(X), len(X[0])
    for j in range(d):
        mean = sum(row[j] for row in X) / n
        sd = math.sqrt(sum((row[j] - mean) ** 2 for row in X) / n)
        for row in X:
            row[j] = (row[j] - mean) / sd if sd > 0 else row[j] - mean
    return X


def train_numpy(np, X, y, k, lr, epochs):
    X = np.array(X)
    n, d = X.shape
    Y = np.eye(k)[y]
    W, b = np.zeros((d, k)), np.zeros(k)

    def loss_and_P():
        Z = X @ W + b
        Z = Z - Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        return -np.mean(np.sum(Y * np.log(P), axis=1)), P

    losses = []
    for _ in range(epochs):
        L, P = loss_and_P()
        losses.append(L)
        dW = X.T @ (P - Y) / n
        db = (P - Y).mean(axis=0)
        W -= lr * dW
        b -= lr * db
    losses.append(loss_and_P()[0])
    return W.tolist(), b.tolist(), losses


def train_python(X, y, k, lr, epochs):
    n, d = len(X), len(X[0])
    W = [[0.0] * k for _ in range(d)]
    b = [0.0] * k

    def loss_and_P():
        P, L = [], 0.0
        for i in range(n):
            z = [sum(X[i][f] * W[f][j] for f in range(d)) + b[j] for j in range(k)]
            m = max(z)
            e = [math.exp(v - m) for v in z]
            s = sum(e)
            P.append([v / s for v in e])
            L -= math.log(P[i][y[i]])
        return L / n, P

    losses = []
    for _ in range(epochs):
        L, P = loss_and_P()
        losses.append(L)
        G = [[P[i][j] - (1.0 if y[i] == j else 0.0) for j in range(k)] for i in range(n)]
        dW = [[sum(X[i][f] * G[i][j] for i in range(n)) / n for j in range(k)] for f in range(d)]
        db = [sum(G[i][j] for i in range(n)) / n for j in range(k)]
        for f in range(d):
            for j in range(k):
                W[f][j] -= lr * dW[f][j]
        for j in range(k):
            b[j] -= lr * db[j]
    losses.append(loss_and_P()[0])
    return W, b, losses


def read_numbers(path, skip_header=False):
    with open(path) as f:
        lines = [ln.strip() for ln in f if ln.strip()]
    if skip_header:
        lines = lines[1:]
    return [[float(v) for v in ln.split(",")] for ln in lines]


def main():
    if len(sys.argv) not in (7, 8):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    data, feats, lr, epochs, wpath, lpath = sys.argv[1:7]
    tol = float(sys.argv[7]) if len(sys.argv) == 8 else 1e-9
    X, y, k = load(data, [int(v) for v in feats.split(",")])
    X = standardize(X)
    try:
        import numpy as np
        W, b, losses = train_numpy(np, X, y, k, float(lr), int(epochs))
        how = "numpy"
    except ImportError:
        W, b, losses = train_python(X, y, k, float(lr), int(epochs))
        how = "pure Python"
    got_wb = read_numbers(wpath)
    got_loss = read_numbers(lpath, skip_header=True)
    worst = []
    want_wb = W + [b]
    if len(got_wb) != len(want_wb) or any(len(r) != k for r in got_wb):
        print(f"weights: expected {len(want_wb)} lines of {k} values (W then b), got {[len(r) for r in got_wb]}")
        return 1
    for r, (wr, gr) in enumerate(zip(want_wb, got_wb)):
        for j, (w, g) in enumerate(zip(wr, gr)):
            name = f"b[{j}]" if r == len(W) else f"W[{r}][{j}]"
            worst.append((abs(w - g), name, w, g))
    if len(got_loss) != len(losses):
        print(f"loss csv: expected {len(losses)} rows (epochs + final), got {len(got_loss)}")
        return 1
    for e, (w, row) in enumerate(zip(losses, got_loss)):
        if int(row[0]) != e:
            print(f"loss csv row {e}: epoch column says {row[0]}")
            return 1
        worst.append((abs(w - row[1]), f"loss[{e}]", w, row[1]))
    worst.sort(reverse=True)
    diff, name, w, g = worst[0]
    print(f"train_check ({how}): {len(worst)} numbers compared, max |diff| {diff:.3g} at {name}: "
          f"expected {w:.17g}, got {g:.17g} (tolerance {tol:g})")
    return 0 if diff <= tol else 1


if __name__ == "__main__":
    sys.exit(main())

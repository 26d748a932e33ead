#!/usr/bin/env bash
# bench.sh BUILD MAKE — the report of `make bench`.  Prints, in one run:
#   1. ms per epoch of the C reference train() and of the lecture's NumPy
#      method at digits scale (1797×64, k=10) and at 20000×100, k=10
#      (medians of several runs), their ratio, the largest W/b/loss difference,
#      GFLOP/s against a rough peak of this machine;
#   2. `make check EX=softmax` latency after an edit (when the checker exists);
#   3. the other parts' benchmarks, `make bench-frame`, `make bench-grade` and
#      `make bench-memcheck` (the memory check's share of `make check EX=train`),
#      when they are defined.
# It reports; it never fails on speed (exit status 0 unless a program breaks).
set -uo pipefail
BUILD=${1:-build}
MAKE_CMD=${2:-make}
OUT=$BUILD/bench/out
mkdir -p "$OUT/digits" "$OUT/large"

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')
cores=$(nproc 2>/dev/null || echo 1)
mhz=$(grep -m1 'cpu MHz' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | tr -d ' ')
# Rough peak: cores × GHz × 16 double flops per cycle (two 4-wide FMA units, AVX2).
peak=$(awk -v c="$cores" -v m="${mhz:-0}" 'BEGIN { printf "%.0f", c * m / 1000 * 16 }')
echo "softmax-lab bench — $(date -u '+%Y-%m-%d %H:%M UTC') on ${cpu:-unknown CPU}, $cores cores, ${mhz:-?} MHz"
echo "rough peak: $peak GFLOP/s (cores × GHz × 16 double flops/cycle, AVX2+FMA)"
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) (other work on the machine slows every figure)"
echo

# A python3 that has numpy: the one on PATH, else the system's.
PY=
for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null && "$p" -c 'import numpy' 2>/dev/null; then PY=$p; break; fi
done

value() { sed -n "s/^$1: //p" "$2"; }

echo "1. full-batch gradient descent, ms per epoch (median), C reference vs NumPy (lecture §5)"
for spec in "digits 300 9 5" "large 20 5 3"; do
    read -r scale epochs repeats np_repeats <<<"$spec"
    if ! "$BUILD/bench/bench-train" "$scale" "$epochs" "$repeats" "$OUT/$scale" >"$OUT/$scale.c.txt"; then
        echo "   bench-train $scale failed"; continue
    fi
    c_ms=$(value reference_ms_per_epoch "$OUT/$scale.c.txt")
    printf '   %-7s %s\n' "$scale" "$(head -1 "$OUT/$scale.c.txt" | sed 's/^scale: [a-z]* //')"
    printf '           C reference %8.3f ms (fastest %.3f)   %6.2f GFLOP/s (%s%% of peak)   naive C %8.3f ms   %s\n' \
        "$c_ms" "$(value reference_ms_fastest "$OUT/$scale.c.txt")" "$(value reference_gflops "$OUT/$scale.c.txt")" \
        "$(awk -v g="$(value reference_gflops "$OUT/$scale.c.txt")" -v p="$peak" 'BEGIN { printf "%.0f", (p > 0 ? 100 * g / p : 0) }')" \
        "$(value naive_ms_per_epoch "$OUT/$scale.c.txt")" \
        "reference vs naive: $(value diff_vs_naive "$OUT/$scale.c.txt")"
    printf '           %s\n' "$(value memory "$OUT/$scale.c.txt")"
    if [ -z "$PY" ]; then
        echo "           NumPy: python3-numpy is not installed here, so there is no NumPy figure"
        continue
    fi
    # OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE may be set on this machine for old
    # OpenBLAS builds; they slow a current one, so NumPy runs without them here.
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PY" lab/bench/numpy_train.py \
        "$OUT/$scale" "$np_repeats" "$c_ms" >"$OUT/$scale.np.txt" 2>&1
    np_ms=$(value numpy_ms_per_epoch "$OUT/$scale.np.txt")
    if [ -z "$np_ms" ]; then
        sed 's/^/           NumPy: /' "$OUT/$scale.np.txt"; continue
    fi
    np_fast=$(value numpy_ms_fastest "$OUT/$scale.np.txt")
    printf '           NumPy       %8.3f ms (fastest %.3f)   C is %sx faster (medians; fastest runs: %sx)\n' \
        "$np_ms" "$np_fast" "$(value speedup_c_over_numpy "$OUT/$scale.np.txt")" \
        "$(awk -v a="$np_fast" -v b="$(value reference_ms_fastest "$OUT/$scale.c.txt")" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
    printf '           C vs NumPy: %s (must be within 1e-9)\n' "$(value diff_vs_c "$OUT/$scale.np.txt")"
    printf '           NumPy BLAS: %s\n' "$(value numpy_blas "$OUT/$scale.np.txt")"
done
echo

has_target() { "$MAKE_CMD" -n --no-print-directory "$1" BUILD="$BUILD" >/dev/null 2>&1; }

echo "2. make check EX=softmax after an edit (student/softmax.c touched)"
if has_target check; then
    "$MAKE_CMD" --no-print-directory -s check EX=softmax BUILD="$BUILD" >/dev/null 2>&1  # warm
    times=()
    for _ in 1 2 3; do
        touch student/softmax.c
        t0=$(date +%s.%N)
        "$MAKE_CMD" --no-print-directory -s check EX=softmax BUILD="$BUILD" >"$OUT/check.txt" 2>&1
        status=$?
        times+=("$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')")
    done
    echo "   ${times[*]} s (3 runs, exit status $status; last lines of the last run:)"
    tail -n 3 "$OUT/check.txt" | sed 's/^/     | /'

else
    echo "   no 'check' target yet"
fi
echo

section=3
for t in bench-frame bench-grade bench-memcheck; do
    echo "$section. make $t"
    section=$((section + 1))
    if has_target "$t"; then
        "$MAKE_CMD" --no-print-directory -s "$t" BUILD="$BUILD" 2>&1 | sed 's/^/   /'
    else
        echo "   no '$t' target yet"
    fi
done
exit 0

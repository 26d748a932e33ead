#!/usr/bin/env bash
# bench.sh BUILD MAKE — the report of `make bench`.  Prints, in one run:
#   1. the engine's ms per epoch and GFLOP/s at digits scale (1797×64, k=10)
#      and at 20000×100, k=10 (medians and fastest runs), beside OpenBLAS
#      dgemm's GFLOP/s (2000×2000, same threads) and the ratio, the model
#      solution's time, and the lecture's NumPy method (time, differences);
#   2. an MNIST-shaped CSV: load MB/s against a plain fread, peak memory of
#      `softmax-lab train --data FILE --standardize --epochs 20`;
#   3. `make check EX=softmax` latency after an edit (when the checker exists);
#   4. the other parts' benchmarks, `make bench-frame`, `make bench-grade` and `make bench-watch`,
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
echo "softmax-lab bench — $(date -u '+%Y-%m-%d %H:%M UTC') on ${cpu:-unknown CPU}, $cores cores, ${mhz:-?} MHz"
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) (other work on the machine slows every figure)"
echo

# A python3 that has numpy: the one on PATH, else the system's.
PY=
for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null && "$p" -c 'import numpy' 2>/dev/null; then PY=$p; break; fi
done

value() { sed -n "s/^$1: //p" "$2"; }

# The yardstick: OpenBLAS dgemm, 2000×2000, with the engine's thread count.
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE may be set on this machine for old
# OpenBLAS builds; they slow a current one, so dgemm and NumPy run without them.
DGEMM=
if "$MAKE_CMD" --no-print-directory -s "$BUILD/bench/bench-dgemm" BUILD="$BUILD" >/dev/null 2>&1; then
    DGEMM=$BUILD/bench/bench-dgemm
fi
dgemm() {  # THREADS → "median fastest" GFLOP/s, or nothing
    [ -n "$DGEMM" ] || return 0
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$DGEMM" "$1" >"$OUT/dgemm.txt" 2>&1 || return 0
    echo "$(value dgemm_gflops "$OUT/dgemm.txt") $(value dgemm_gflops_fastest "$OUT/dgemm.txt")"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "?" }'; }

echo "1. full-batch gradient descent: the engine (lab/engine/) against OpenBLAS dgemm and NumPy"
echo "   GFLOP/s count 4·n·d·k flops per epoch (X·W and Xᵀ·G); dgemm: 2000×2000, same threads, just before"
[ -n "$DGEMM" ] || echo "   OpenBLAS is not installed (pkg-config openblas / -lopenblas): no dgemm yardstick (apt-get install libopenblas-dev)"
for spec in "digits 300 9 5" "large 20 7 3"; do
    read -r scale epochs repeats np_repeats <<<"$spec"
    threads=$("$BUILD/bench/bench-train" "$scale" 1 1 "$OUT/$scale" | sed -n 's/^engine_threads: //p')
    read -r dg_med dg_fast <<<"$(dgemm "${threads:-1}")"
    if ! "$BUILD/bench/bench-train" "$scale" "$epochs" "$repeats" "$OUT/$scale" >"$OUT/$scale.c.txt"; then
        echo "   bench-train $scale failed"; continue
    fi
    f=$OUT/$scale.c.txt
    e_ms=$(value engine_ms_per_epoch "$f"); e_g=$(value engine_gflops "$f"); e_gf=$(value engine_gflops_fastest "$f")
    printf '   %-7s %s, %s threads, kernel %s\n' "$scale" "$(head -1 "$f" | sed 's/^scale: [a-z]* //')" \
        "$(value engine_threads "$f")" "$(value engine_isa "$f")"
    printf '           engine    %8.3f ms/epoch (fastest %.3f)  %6.2f GFLOP/s (fastest %.2f)\n' \
        "$e_ms" "$(value engine_ms_fastest "$f")" "$e_g" "$e_gf"
    if [ -n "${dg_med:-}" ]; then
        printf '           dgemm                                    %6.2f GFLOP/s (fastest %.2f)\n' "$dg_med" "$dg_fast"
        printf '           engine / dgemm: %s (medians), %s (fastest runs)   goal ≥ 0.5\n' \
            "$(ratio "$e_g" "$dg_med")" "$(ratio "$e_gf" "$dg_fast")"
    fi
    printf '           reference/train.c (the model solution) %8.3f ms/epoch; engine vs it: %s\n' \
        "$(value reference_ms_per_epoch "$f")" "$(value diff_vs_reference "$f")"
    printf '           %s\n' "$(value memory "$f")"
    if [ -z "$PY" ]; then
        echo "           NumPy: python3-numpy is not installed here, so there is no NumPy figure"
        continue
    fi
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PY" lab/bench/numpy_train.py \
        "$OUT/$scale" "$np_repeats" "$e_ms" >"$OUT/$scale.np.txt" 2>&1
    np_ms=$(value numpy_ms_per_epoch "$OUT/$scale.np.txt")
    if [ -z "$np_ms" ]; then
        sed 's/^/           NumPy: /' "$OUT/$scale.np.txt"; continue
    fi
    printf '           NumPy     %8.3f ms/epoch (fastest %.3f): the engine is %sx faster (medians)\n' \
        "$np_ms" "$(value numpy_ms_fastest "$OUT/$scale.np.txt")" "$(value speedup_c_over_numpy "$OUT/$scale.np.txt")"
    printf '           engine vs NumPy: %s; NumPy BLAS: %s\n' "$(value diff_vs_c "$OUT/$scale.np.txt")" \
        "$(value numpy_blas "$OUT/$scale.np.txt")"
done
echo

echo "2. MNIST-shaped CSV (60000×784 pixels + label), generated, then deleted"
CSV=$BUILD/bench/mnist-shaped.csv
if "$BUILD/bench/bench-csv" gen "$CSV"; then
    "$BUILD/bench/bench-csv" fread "$CSV" >"$OUT/fread.txt" 2>&1
    "$BUILD/bench/bench-csv" load "$CSV" >"$OUT/load.txt" 2>&1
    printf '   %s\n' "$(value load_shape "$OUT/load.txt")"
    printf '   plain fread: %s MB/s (%s s)   sl_dataset_load_csv: %s MB/s (%s s)   load / fread: %s\n' \
        "$(value fread_mb_per_s "$OUT/fread.txt")" "$(value fread_seconds "$OUT/fread.txt")" \
        "$(value load_mb_per_s "$OUT/load.txt")" "$(value load_seconds "$OUT/load.txt")" \
        "$(ratio "$(value load_mb_per_s "$OUT/load.txt")" "$(value fread_mb_per_s "$OUT/fread.txt")")"
    printf '   CPU time, fread: %s\n' "$(value fread_cpu "$OUT/fread.txt")"
    printf '   CPU time, load:  %s\n' "$(value load_cpu "$OUT/load.txt")"
    printf '   loading alone: peak RSS %s\n' "$(value load_peak_mb "$OUT/load.txt")"
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -v "$BUILD/softmax-lab" train --data "$CSV" --standardize --epochs 20 >"$OUT/mnist.txt" 2>"$OUT/mnist.time"
        rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/mnist.time")
        wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$OUT/mnist.time")
        x_kb=$((60000 * 784 * 8 / 1024))
        echo "   softmax-lab train --data FILE --standardize --epochs 20: $wall wall; $(grep -m1 'time per epoch' "$OUT/mnist.txt")"
        echo "   peak RSS $((rss / 1024)) MB = $(ratio "$rss" "$x_kb") × n·d·8 ($((x_kb / 1024)) MB)   goal ≤ 1.2"
    else
        echo "   /usr/bin/time is not installed: no peak memory of softmax-lab train"
    fi
    rm -f "$CSV"
else
    echo "   could not write $CSV"
fi
echo

has_target() { "$MAKE_CMD" -n --no-print-directory "$1" BUILD="$BUILD" >/dev/null 2>&1; }

echo "3. make check EX=softmax after an edit (student/softmax.c touched)"
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

section=4
for t in bench-frame bench-grade bench-watch; do
    echo "$section. make $t"
    section=$((section + 1))
    if has_target "$t"; then
        "$MAKE_CMD" --no-print-directory -s "$t" BUILD="$BUILD" 2>&1 | sed 's/^/   /'
    else
        echo "   no '$t' target yet"
    fi
done
exit 0

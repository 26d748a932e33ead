#!/usr/bin/env bash
# bench.sh — `make bench-grade`: grading speed on generated well-behaved
# submissions (each a correct solution whose files start with a different used
# constant, so that no two objects are alike and nothing is shared), JOBS=2.
# Prints submissions/second (BENCH_RUNS runs, default 3, and their medians);
# never fails on a slow machine (a benchmark, not a test).
set -euo pipefail
: "${GRADE_BIN:?}" "${BUILD_DIR:?}"
cd "$(dirname "$0")/../../.."
N=${BENCH_N:-24}
JOBS=${BENCH_JOBS:-2}
tmp=$(mktemp -d /tmp/sl-bench-grade-XXXXXX)
chmod 711 "$tmp"   # the sandbox users work below it
trap 'rm -rf "$tmp"' EXIT
files=$(sed -n 's/^    file: //p' exercises.yaml)
for i in $(seq -w 1 "$N"); do
  mkdir -p "$tmp/class/s$i"
  for f in $files; do
    src=grader/fixtures/class/correct/$f
    [ -f "$src" ] || src=reference/$f
    # a different object for every submission (a used constant): nothing to share
    { printf '__attribute__((used)) static const int sl_bench_variant = %d;\n' "$((10#$i))"; cat "$src"; } \
      > "$tmp/class/s$i/$f"
  done
done
export TMPDIR=$tmp
# BENCH_RUNS gradings of the same class (a fresh OUT each): each run's figures
# and their medians, so that one disturbed run does not decide the figure.
RUNS=${BENCH_RUNS:-3}
: > "$tmp/runs"
for r in $(seq 1 "$RUNS"); do
  rm -rf "$tmp/out"
  start=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$tmp/cpu" \
    "$GRADE_BIN" --build "$BUILD_DIR" -o "$tmp/out" -j "$JOBS" -q "$tmp/class" || { echo "bench-grade: the grader failed"; exit 1; }
  end=$(date +%s.%N)
  bad=$(awk -F, 'NR > 1 && $NF < 100' "$tmp/out/grades.csv" | wc -l)
  [ "$bad" -eq 0 ] || echo "bench-grade: WARNING: $bad submissions below full marks"
  awk -v s="$start" -v e="$end" '{ print e - s, $1 + $2 }' "$tmp/cpu" >> "$tmp/runs"
done
awk -v n="$N" -v j="$JOBS" -v cores="$(nproc)" '
  { wall[NR] = $1; cpu[NR] = $2
    printf "bench-grade: run %d: %.2f s wall, %.2f submissions/s, %.3f CPU-s per submission\n",
           NR, $1, n / $1, $2 / n }
  function median(a, k,   i, j, t) {
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
  }
  END {
    t = median(wall, NR); c = median(cpu, NR)
    printf "bench-grade: %d submissions, JOBS=%d, median of %d runs: %.2f s wall, %.2f submissions/s\n",
           n, j, NR, t, n / t
    printf "bench-grade: median %.3f CPU-s per submission (grader + compilers + check programs): %.1f submissions/s on %d idle cores\n",
           c / n, cores * n / c, cores
  }' "$tmp/runs"
echo "bench-grade: load average $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows the wall figure)"

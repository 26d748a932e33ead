#!/usr/bin/env bash
# bench.sh — `make bench-grade`: grading speed on generated well-behaved
# submissions (each a correct solution with its files in a different order of
# definition-neutral whitespace, so no two are byte-identical), JOBS=2.
# Prints submissions/second; never fails on a slow machine (a benchmark, not a test).
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
start=$(date +%s.%N)
/usr/bin/time -f "%U %S" -o "$tmp/cpu" \
  "$GRADE_BIN" --build "$BUILD_DIR" -o "$tmp/out" -j "$JOBS" -q "$tmp/class" || { echo "bench-grade: the grader failed"; exit 1; }
end=$(date +%s.%N)
cpu=$(awk '{print $1 + $2}' "$tmp/cpu")
bad=$(awk -F, 'NR > 1 && $NF < 100' "$tmp/out/grades.csv" | wc -l)
awk -v n="$N" -v s="$start" -v e="$end" -v j="$JOBS" -v bad="$bad" -v cpu="$cpu" -v cores="$(nproc)" 'BEGIN {
  t = e - s
  printf "bench-grade: %d submissions, JOBS=%d: %.1f s wall, %.2f submissions/s%s\n",
         n, j, t, n / t, bad ? sprintf("; WARNING: %d below full marks", bad) : ""
  printf "bench-grade: %.2f CPU-s per submission (grader + compilers + check programs): %.1f submissions/s on %d idle cores\n",
         cpu / n, cores * n / cpu, cores
}'
echo "bench-grade: load average $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows the wall figure)"

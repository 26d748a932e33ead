#!/usr/bin/env bash
# bench.sh BUILD — what the memory check costs (make bench-memcheck, part of make bench).
# A copy of reference/train.c is the student's file; after touching it:
#   - build/check … train (what `make check EX=train` runs), memory check included;
#   - the memory check's parts alone: its program's build (two sanitizer
#     compiles in parallel, objcopy, link) and its run.
# Medians of 5 runs.  It reports; it never fails on speed.
set -uo pipefail
BUILD=${1:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp reference/train.c "$tmp/train.c"
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
timed() { # command… → seconds on stdout
    local t0
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f ", b - a }'
}
check=( "$BUILD/check" --build "$BUILD" --student-dir "$tmp" --work "$tmp/work" --status-dir "$tmp/status" train )
"${check[@]}" >/dev/null 2>&1      # warm: the first build of everything
all= build= run=
for _ in 1 2 3 4 5; do
    touch "$tmp/train.c"
    all+=$(timed "${check[@]}")
done
for _ in 1 2 3 4 5; do
    touch "$tmp/train.c"
    build+=$(timed "$BUILD/memcheck/mc" build train "$tmp/train.c" "$tmp/mc")
    run+=$(timed "$BUILD/memcheck/mc" run train "$tmp/mc")
done
echo "make check EX=train after an edit, memory check included: median $(echo "$all" | median) s (runs: $all)"
echo "  of which the memory check: build $(echo "$build" | median) s, run $(echo "$run" | median) s (medians of 5)"
echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"

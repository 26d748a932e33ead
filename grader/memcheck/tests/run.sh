#!/usr/bin/env bash
# run.sh OUT EXERCISE... — end-to-end tests of the check `memory` (make test-memcheck).
# Expects the binaries of grader/memcheck/memcheck.mk in OUT/<exercise>/
# (each suite NAME with its program memcheck-NAME):
#   mem-<kind>     the suite with grader/fixtures/memory/<exercise>/<kind>.c:
#                  the memory check fails, and its message names <kind>.c:<line>;
#                  a fixture whose comment says "only the memory check fails"
#                  fails no other check
#   ok-<name>      the suite with a correct file (grader/fixtures/correct/) or
#                  the reference: the memory check passes
# and, once: the message in Chinese under LANG=zh_CN.UTF-8, the sanitizer's
# own report with SL_MEMCHECK_VERBOSE=1, a missing program is no pass.
# One line per case, then a summary; exit status 1 on any miss.
set -u
out=$1; shift
misses=0 cases=0
report() { # verdict text
    cases=$((cases + 1))
    if [ "$1" = ok ]; then printf '  ok    %s\n' "$2"; else printf '  MISS  %s\n' "$2"; misses=$((misses + 1)); fi
}
# memory_message TAP EX: the headline of the failed check EX::memory ("" when it passed)
memory_message() {
    sed -n "/^not ok - $2::memory /,/^  \.\.\./p" "$1" | sed -n 's/^ *Assertion failed: //p' | head -1
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for ex in "$@"; do
    echo "memory check $ex"
    for bin in "$out/$ex"/mem-*; do
        [ -x "$bin" ] || continue
        kind=${bin##*/mem-}
        tap=$tmp/$ex-$kind.tap
        "$bin" --tap="$tap" -j2 >/dev/null 2>&1
        msg=$(memory_message "$tap" "$ex")
        if ! grep -q "^not ok - $ex::memory " "$tap"; then
            report miss "$ex/$kind: the memory check passed"
        elif ! printf '%s' "$msg" | grep -qE "^\[memory\] (.*[ (])?$kind\.c:[0-9]+"; then
            report miss "$ex/$kind: the message does not name $kind.c:<line>: $msg"
        else
            report ok "$ex/$kind: ${msg#\[memory\] }"
        fi
        if grep -qi 'only the memory check fails' "grader/fixtures/memory/$ex/$kind.c"; then
            others=$(grep '^not ok - ' "$tap" | grep -v "::memory " | sed 's/^not ok - [a-z_]*:://; s/ .*//' | tr '\n' ' ')
            if [ -z "$others" ]; then
                report ok "$ex/$kind: every other check passes (the numbers are right)"
            else
                report miss "$ex/$kind: other checks fail too: $others"
            fi
        fi
    done
    for bin in "$out/$ex"/ok-*; do
        [ -x "$bin" ] || continue
        name=${bin##*/ok-}
        tap=$tmp/$ex-ok-$name.tap
        "$bin" --tap="$tap" --filter="$ex/memory" >/dev/null 2>&1
        if grep -q "^ok - $ex::memory " "$tap"; then
            report ok "$ex/$name: the memory check passes"
        else
            report miss "$ex/$name: the memory check fails: $(memory_message "$tap" "$ex")"
        fi
    done
done
# Chinese, verbose, and a missing program (first exercise that has a fixture)
for ex in "$@"; do
    bin=$(ls -d "$out/$ex"/mem-* 2>/dev/null | head -1)
    [ -n "$bin" ] || continue
    env LANG=zh_CN.UTF-8 LC_ALL= SOFTMAX_LAB_LANG= "$bin" --tap="$tmp/zh.tap" --filter="$ex/memory" >/dev/null 2>&1
    zh=$(memory_message "$tmp/zh.tap" "$ex")
    if printf '%s' "$zh" | grep -qE '调用参数|声明|分配|释放|越界|未定义'; then
        report ok "$ex (LANG=zh_CN.UTF-8): ${zh#\[memory\] }"
    else
        report miss "$ex (LANG=zh_CN.UTF-8): not Chinese: $zh"
    fi
    SL_MEMCHECK_VERBOSE=1 "$bin" --tap="$tmp/v.tap" --filter="$ex/memory" >/dev/null 2>&1
    if grep -qE 'ERROR: AddressSanitizer|runtime error:' "$tmp/v.tap"; then
        report ok "$ex (SL_MEMCHECK_VERBOSE=1): the sanitizer's report follows the explanation"
    else
        report miss "$ex (SL_MEMCHECK_VERBOSE=1): no sanitizer report in the message"
    fi
    SL_MEMCHECK_BIN=$tmp/nowhere "$bin" --tap="$tmp/none.tap" --filter="$ex/memory" >/dev/null 2>&1
    if grep -q "^not ok - $ex::memory " "$tmp/none.tap"; then
        report ok "$ex: without its memory-check program the check fails (no pass by default)"
    else
        report miss "$ex: the memory check passed without its program"
    fi
    break
done
# make grade (and so Gradescope's results.json): one submission whose softmax
# reads past a row when k = 1, the rest missing
if [ -n "${GRADE_BIN:-}" ] && [ -x "$GRADE_BIN" ]; then
    mkdir -p "$tmp/class/s1"
    cp grader/fixtures/memory/softmax/k1_reads_past_row.c "$tmp/class/s1/softmax.c"
    "$GRADE_BIN" --build "${BUILD_DIR:-build}" --single -o "$tmp/gout" "$tmp/class/s1" >"$tmp/grade.log" 2>&1
    fb=$(ls "$tmp"/gout/students/s1*/feedback.md "$tmp"/gout/s1/feedback.md 2>/dev/null | head -1)
    rj=$(ls "$tmp"/gout/students/s1*/results.json "$tmp"/gout/s1/results.json 2>/dev/null | head -1)
    if grep -qE 'softmax\.c:[0-9]+ read 8 bytes past the end of the array Z' "$fb" 2>/dev/null \
       && grep -q '"name": *"softmax: no memory errors' "$rj" 2>/dev/null \
       && grep -qE 'softmax\.c:[0-9]+ read 8 bytes past the end' "$rj"; then
        report ok "make grade: feedback.md and results.json name softmax.c:<line> in the memory check"
    else
        report miss "make grade: the memory check's message is not in $fb / $rj ($(tail -3 "$tmp/grade.log"))"
    fi
    pts=$(sed -n 's/^s1,\([0-9]*\),.*/\1/p' "$tmp/gout/grades.csv" 2>/dev/null)
    max=$(awk '/^  - id: softmax$/ { on = 1 } /^  - id: cross_entropy$/ { on = 0 }
               on && /points:/ && !h { s += $2 } on && /hidden: true/ { s -= last; } { if (/points:/) last = $2 }
               END { print s }' exercises.yaml)
    # the memory check's 2 points are lost; the worker's NaN past each array
    # may make a value check see the read too (k = 1)
    if [ -n "$pts" ] && [ "$pts" -le $((max - 2)) ] && [ "$pts" -gt 0 ]; then
        report ok "make grade: softmax scores $pts/$max (the memory check's 2 points lost)"
    else
        report miss "make grade: softmax scores ${pts:-?}, expected at most $((max - 2)) of $max"
    fi
fi
echo "test-memcheck: $((cases - misses))/$cases cases ok"
[ "$misses" -eq 0 ]

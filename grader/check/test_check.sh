#!/usr/bin/env bash
# test_check.sh — end-to-end test of the student checker (build/check) as a
# student meets it: untouched stubs, the reference as a student's files, a
# file that does not compile, a leftover main(), a missing function, a crash,
# an endless loop, colour / NO_COLOR, Chinese, a bogus id, hints, and the
# "only the changed file is recompiled" rule.  Every case asserts on the text.
# Run by `make test-check` (CHECK_BIN and BUILD_DIR come from the Makefile).
set -u -o pipefail
if [ ! -d reference ]; then
    # A student handout (make handout) has no reference/ to copy as a solution.
    echo "test-check: skipped, reference/ is not in this copy of the kit (a student handout)"
    exit 0
fi
CHECK=${CHECK_BIN:-build/check}
BUILD_DIR=${BUILD_DIR:-build}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
EXERCISES=(softmax cross_entropy grad_w grad_b train)
export SOFTMAX_LAB_LANG=en   # the zh cases below ask for Chinese themselves
fails=0 checks=0 failed_cases=0 current_failed=0

# Every run gets its own work, status and hints folders under $TMP.
run() { # name args… — output in $TMP/name.out, status in $TMP/name.rc
    local name=$1
    shift
    "$CHECK" --build "$BUILD_DIR" --work "$TMP/work-${WORK:-$name}" --status-dir "$TMP/status-$name" \
        --hints-dir "$TMP/hints" "$@" >"$TMP/$name.out" 2>&1
    echo $? >"$TMP/$name.rc"
}
case_() { checks=$((checks + 1)); current=$1; current_failed=0; }
fail() {
    echo "  FAIL [$current]: $*"
    echo "  --- output of $current:"
    sed 's/^/  | /' "$TMP/$current.out" | head -40
    fails=$((fails + 1))
    [ $current_failed = 1 ] || failed_cases=$((failed_cases + 1))
    current_failed=1
}
has() { grep -qF -- "$2" "$TMP/$1.out" || fail "expected the text: $2"; }
hasnt() { ! grep -qF -- "$2" "$TMP/$1.out" || fail "unexpected text: $2"; }
rc_is() { [ "$(cat "$TMP/$1.rc")" = "$2" ] || fail "exit status $(cat "$TMP/$1.rc"), expected $2"; }
rc_not0() { [ "$(cat "$TMP/$1.rc")" != 0 ] || fail "exit status 0, expected failure"; }
status_is() { # name id state
    local got
    got=$(cut -d' ' -f1 "$TMP/status-$1/$2" 2>/dev/null)
    [ "$got" = "$3" ] || fail "status file $2: '$got', expected '$3'"
}
student_dir() { # dir: the reference copied as a student's files
    mkdir -p "$1"
    cp reference/*.c "$1/"
}

# A stub of softmax made here, so that cases needing one do not depend on
# student/ (a student running make test may have edited it).
mkdir -p "$TMP/stub"
printf '#include "softmax_lab.h"\nvoid softmax(const double *Z, double *P, size_t n, size_t k)\n{\n    (void)Z, (void)P, (void)n, (void)k;\n    NOT_IMPLEMENTED();\n}\n' >"$TMP/stub/softmax.c"

# 1. Untouched stubs: one "not implemented" line each, nothing red, exit ≠ 0.
case_ stubs
edited=""
for e in "${EXERCISES[@]}"; do grep -q 'NOT_IMPLEMENTED();' "student/$e.c" || edited+="student/$e.c "; done
if [ -n "$edited" ]; then
    echo "  note: $edited already edited (not stubs any more): the all-stubs case is skipped"
else
    run stubs --student-dir student
    rc_not0 stubs
    for e in "${EXERCISES[@]}"; do
        has stubs "$e: not implemented yet — open student/$e.c, replace the TODO, then run make check EX=$e"
        status_is stubs "$e" not-implemented
    done
    hasnt stubs ":("
    has stubs "0/5 exercises passing · 0/"
    lines=$(grep -c . "$TMP/stubs.out")
    [ "$lines" -le 7 ] || fail "$lines non-empty lines for 5 stubs: expected one line each and a summary"
fi

# 2. The reference as a student's files: everything passes, exit 0.
case_ reference
student_dir "$TMP/ref"
run reference --student-dir "$TMP/ref"
rc_is reference 0
hasnt reference ":("
grep -qE '^5/5 exercises passing · ([0-9]+)/\1 points$' "$TMP/reference.out" ||
    fail "expected a last line '5/5 exercises passing · N/N points'"
for e in "${EXERCISES[@]}"; do status_is reference "$e" pass; done
[ "$(grep -c ':)' "$TMP/reference.out")" -ge 5 ] || fail "expected a ':)' line per check"

# 3. One file does not compile: its messages (file:line kept), 0 points for
#    it, and the other exercises are still checked.
case_ compile
student_dir "$TMP/broken"
printf '#include "softmax_lab.h"\nvoid softmax(const double *Z, double *P, size_t n, size_t k)\n{\n    oops here\n}\n' \
    >"$TMP/broken/softmax.c"
run compile --student-dir "$TMP/broken"
rc_is compile 1
has compile "$TMP/broken/softmax.c does not compile:"
has compile "$TMP/broken/softmax.c:4:"
has compile "error:"
has compile "4/5 exercises passing"
status_is compile softmax compile-error
status_is compile grad_w pass

# 4. A leftover main() does not break the check.
case_ main
student_dir "$TMP/withmain"
printf '\n#include <stdio.h>\nint main(void)\n{\n    puts("my own test");\n    return 1;\n}\n' >>"$TMP/withmain/softmax.c"
run main --student-dir "$TMP/withmain" softmax
rc_is main 0
has main "points · passed"

# 5. The function is missing (renamed): one clear sentence.
case_ missing
student_dir "$TMP/renamed"
sed -i 's/^void softmax(/void soft_max(/' "$TMP/renamed/softmax.c"
run missing --student-dir "$TMP/renamed" softmax
rc_is missing 1
has missing "$TMP/renamed/softmax.c does not define softmax() (is the name spelled right, and not static?)"
status_is missing softmax compile-error

# 6. A crash is named (signal and likely cause), not a wall of text.
case_ crash
student_dir "$TMP/crash"
# (raise() rather than a NULL write, which UBSan would stop first in the ASan pass)
sed -i 's/^{$/{ if (n > 0) raise(SIGSEGV);/; 1i #include <signal.h>' "$TMP/crash/grad_b.c"
run crash --student-dir "$TMP/crash" grad_b
rc_is crash 1
has crash "crashed with SIGSEGV (segmentation fault) — reading or writing outside an array?"
hasnt crash ":)"

# 7. An endless loop: the check's own time limit, said plainly.  (Only the
#    9x4 input loops — one check, matches_reference — so this costs one limit.)
case_ timeout
student_dir "$TMP/loop"
sed -i 's|^{$|{ if (n == 9 \&\& k == 4) for (;;) __asm__ volatile("");|' "$TMP/loop/cross_entropy.c"
run timeout --student-dir "$TMP/loop" cross_entropy
rc_is timeout 1
grep -qE 'did not finish within [0-9]+s — an endless loop\?' "$TMP/timeout.out" ||
    fail "expected 'did not finish within Ns — an endless loop?'"

# 7a. Code that tries to kill the checker: the worker's system-call filter
#     stops it (where there is one: Linux), said plainly; and a run that
#     exceeds the whole-run limit (--timeout) is stopped.
case_ noreport
student_dir "$TMP/killer"
sed -i 's/^{$/{ if (n > 0) kill(getppid(), SIGKILL);/; 1i #include <signal.h>\n#include <unistd.h>' "$TMP/killer/grad_b.c"
run noreport --student-dir "$TMP/killer" grad_b
rc_is noreport 1
if [ "$(uname -s)" = Linux ]; then
    has noreport "grad_b() made a system call a student function may not make"
fi
hasnt noreport ":)"
status_is noreport grad_b fail
WORK=loop run noreport --student-dir "$TMP/loop" --timeout 1 cross_entropy
rc_is noreport 1
has noreport "the checks did not finish within 1s in total — an endless loop?"

# 7b. One mistake failing many checks is explained once, then only named.
case_ repeat
fixture=grader/fixtures/buggy/softmax/float_precision.c
if [ -f "$fixture" ]; then
    student_dir "$TMP/float"
    cp "$fixture" "$TMP/float/softmax.c"
    run repeat --student-dir "$TMP/float" softmax
    rc_is repeat 1
    [ "$(grep -c '(same mistake as above)' "$TMP/repeat.out")" -ge 2 ] || fail "a repeated mistake is not condensed"
    [ "$(grep -c 'fix: ' "$TMP/repeat.out")" = 1 ] || fail "the fix of a repeated mistake is printed more than once"
else
    echo "  note: $fixture is missing, the repeated-mistake case is skipped"
fi

# 8. Colour only on a terminal, never with NO_COLOR; Chinese on request.
case_ colour
if command -v script >/dev/null; then
    cmd="$CHECK --build $BUILD_DIR --work $TMP/work-colour --status-dir $TMP/status-colour --student-dir $TMP/stub softmax"
    script -qec "$cmd" /dev/null >"$TMP/colour.out" 2>&1
    grep -q $'\033\[' "$TMP/colour.out" || fail "no colour on a terminal"
    NO_COLOR=1 script -qec "$cmd" /dev/null >"$TMP/colour.out" 2>&1
    ! grep -q $'\033\[' "$TMP/colour.out" || fail "colour despite NO_COLOR"
    has colour "softmax: not implemented yet"
else
    echo "  note: no 'script' command, the terminal colour case is skipped"
fi
run plain --student-dir "$TMP/stub" softmax
has plain "softmax: not implemented yet — open $TMP/stub/softmax.c"
! grep -q $'\033\[' "$TMP/plain.out" || fail "colour escapes when the output is not a terminal"

case_ zh
SOFTMAX_LAB_LANG=zh run zh --student-dir "$TMP/stub" softmax
has zh "softmax：尚未实现 — 打开 $TMP/stub/softmax.c，替换掉 TODO，然后运行 make check EX=softmax"
LANG=zh_CN.UTF-8 SOFTMAX_LAB_LANG= run zh --student-dir "$TMP/ref" grad_b
has zh "分 · 通过"
SOFTMAX_LAB_LANG=zh WORK=compile run zh --student-dir "$TMP/broken" softmax
has zh "无法编译"

# 8b. Titles and points come from the manifest at run time (no rebuild).
case_ points
sed '0,/^        points: [0-9]*/s//        points: 97/; 0,/title: {en: "/s//title: {en: "RENAMED /' exercises.yaml >"$TMP/edited.yaml"
run points --manifest "$TMP/edited.yaml" --student-dir "$TMP/ref" softmax
rc_is points 0
has points "softmax — RENAMED "
grep -qE '^  (9[7-9]|[1-9][0-9]{2,})/\1 points · passed$' "$TMP/points.out" || fail "the edited points (97 for one check) are not counted"

# 9. A bogus id: clear error listing the valid ids, exit 2.
case_ bogus
run bogus bogus
rc_is bogus 2
has bogus "check: unknown exercise 'bogus'. Valid ids: softmax cross_entropy grad_w grad_b train"

# 10. Hints: one more each time, all so far, then "no more".
case_ hint
n_hints=$(awk '/^  - id: softmax/{on=1; next} /^  - id:/{on=0} on && /^      - en:/{c++} END{print c+0}' exercises.yaml)
for i in $(seq 1 "$n_hints"); do
    run hint --hint softmax
    has hint "($i of $n_hints)"
    [ "$(grep -cE '^  [0-9]+\. ' "$TMP/hint.out")" = "$i" ] || fail "call $i: expected $i hints shown"
done
has hint "That was the last hint."
run hint --hint softmax
has hint "No more hints: these are all $n_hints."
run hint --hint
rc_is hint 2
has hint "which exercise? Run make hint EX=<id>."

# 11. Only the changed file is recompiled; nothing when nothing changed.
case_ incremental
run incremental --student-dir "$TMP/ref" softmax
obj="$TMP/work-incremental/softmax.o"
before=$(stat -c %.9Y "$obj")
run incremental --student-dir "$TMP/ref" softmax
[ "$(stat -c %.9Y "$obj")" = "$before" ] || fail "recompiled an unchanged file"
touch "$TMP/ref/softmax.c"
start=$(date +%s.%N)
run incremental --student-dir "$TMP/ref" softmax
end=$(date +%s.%N)
[ "$(stat -c %.9Y "$obj")" != "$before" ] || fail "the edited file was not recompiled"
rc_is incremental 0
# An older file copied over it (cp -p keeps the old time) is recompiled too.
printf '#include "softmax_lab.h"\nvoid softmax(const double *Z, double *P, size_t n, size_t k)\n{ (void)Z, (void)P, (void)n, (void)k; NOT_IMPLEMENTED(); }\n' >"$TMP/old.c"
touch -d '2001-01-01' "$TMP/old.c"
cp -p "$TMP/old.c" "$TMP/ref/softmax.c"
run incremental --student-dir "$TMP/ref" softmax
has incremental "softmax: not implemented yet"
cp reference/softmax.c "$TMP/ref/softmax.c"
awk -v s="$start" -v e="$end" 'BEGIN { printf "  measured: check softmax after editing softmax.c: %.3f s (compile + link + run)\n", e - s }'

echo "make check end to end: $((checks - failed_cases))/$checks cases passed ($fails failed assertions)"
[ $fails -eq 0 ]

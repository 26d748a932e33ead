#!/usr/bin/env bash
# run.sh BUILD EXERCISE... — the tests of the check suites (make test-suites).
# Expects the binaries of grader/suites.mk in BUILD/suites/<exercise>/.
# For each exercise:
#   reference   every check passes
#   stub        every check fails, each with [not-implemented]
#   fx-<id>     at least one check fails with [mistake:<id>], and no check
#               names another mistake (no misdiagnosis)
#   exit0       (softmax) a student exit(0) passes no check
#   hidden      (when grader/hidden/<ex>.c exists) every check passes, hidden ones included
#   coverage    every check of the suite fails for at least one fixture
# and list-check compares each suite's --list with exercises.yaml;
# mistakes-check: every catalogue id has en + zh texts and a fixture.
# One line per case, then a summary; exit status 1 on any miss.
set -u
build=$1; shift
out=$build/suites
misses=0 cases=0 tests_run=0
report() { # verdict text
    cases=$((cases + 1))
    if [ "$1" = ok ]; then printf '  ok    %s\n' "$2"; else printf '  MISS  %s\n' "$2"; misses=$((misses + 1)); fi
}
# run_suite BIN TAP: runs a suite binary, TAP report in TAP; counts the tests.
run_suite() {
    "$1" --tap="$2" -j2 >"${2%.tap}.log" 2>&1
    local n
    n=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$2" | head -1)
    tests_run=$((tests_run + ${n:-0}))
}
n_ok()     { grep -c '^ok ' "$1"; }
n_not_ok() { grep -c '^not ok ' "$1"; }
for ex in "$@"; do
    dir=$out/$ex
    mkdir -p "$dir/tap"
    echo "suite $ex"
    total=$("$dir/reference" --list 2>/dev/null | grep -cE '(├|└)── |^[|`]-- ')
    if [ "$total" -eq 0 ]; then
        report miss "$ex: $dir/reference lists no checks (not built?)"
        continue
    fi
    # reference: every check passes
    run_suite "$dir/reference" "$dir/tap/reference.tap"
    okc=$(n_ok "$dir/tap/reference.tap")
    if [ "$okc" -eq "$total" ] && [ "$(n_not_ok "$dir/tap/reference.tap")" -eq 0 ]; then
        report ok "$ex/reference: $okc/$total checks pass"
        grep -h 'Synthesis' "$dir/tap/reference.log" | sed 's/^/        /'
    else
        report miss "$ex/reference: only $okc/$total checks pass (see $dir/tap/reference.tap)"
    fi
    # stub: every check fails with [not-implemented] (unless student/ was edited)
    if ! grep -q 'NOT_IMPLEMENTED()' "student/$ex.c" 2>/dev/null; then
        printf '  skip  %s\n' "$ex/stub: student/$ex.c no longer calls NOT_IMPLEMENTED() (edited), nothing to test"
    else
        run_suite "$dir/stub" "$dir/tap/stub.tap"
        ni=$(grep -c 'Assertion failed: \[not-implemented\]' "$dir/tap/stub.tap")
        if [ "$ni" -eq "$total" ] && [ "$(n_not_ok "$dir/tap/stub.tap")" -eq "$total" ]; then
            report ok "$ex/stub: $ni/$total checks say [not-implemented]"
        else
            report miss "$ex/stub: $ni/$total checks say [not-implemented] (see $dir/tap/stub.tap)"
        fi
        # the same in Chinese when LANG is zh_*
        env LANG=zh_CN.UTF-8 LC_ALL= LC_MESSAGES= SOFTMAX_LAB_LANG= \
            "$dir/stub" --tap="$dir/tap/stub-zh.tap" -j2 >"$dir/tap/stub-zh.log" 2>&1
        tests_run=$((tests_run + total))
        nz=$(grep -c "\[not-implemented\] $ex() 还没有实现" "$dir/tap/stub-zh.tap")
        if [ "$nz" -eq "$total" ]; then
            report ok "$ex/stub (LANG=zh_CN.UTF-8): $nz/$total checks say \"$ex() 还没有实现\""
        else
            report miss "$ex/stub (LANG=zh_CN.UTF-8): only $nz/$total checks speak Chinese"
        fi
    fi
    # a student exit(0) must not count as a pass
    if [ -x "$dir/exit0" ]; then
        run_suite "$dir/exit0" "$dir/tap/exit0.tap"
        eok=$(n_ok "$dir/tap/exit0.tap")
        if [ "$eok" -eq 0 ] && [ "$(n_not_ok "$dir/tap/exit0.tap")" -eq "$total" ]; then
            report ok "$ex/exit0: a student exit(0) fails all $total checks"
        else
            report miss "$ex/exit0: a student exit(0) passes $eok checks"
        fi
    fi
    # hidden checks: pass on the reference
    if [ -x "$dir/hidden" ]; then
        run_suite "$dir/hidden" "$dir/tap/hidden.tap"
        htotal=$("$dir/hidden" --list 2>/dev/null | grep -cE '(├|└)── |^[|`]-- ')
        hok=$(n_ok "$dir/tap/hidden.tap")
        if [ "$hok" -eq "$htotal" ] && [ "$htotal" -gt "$total" ]; then
            report ok "$ex/hidden: $hok/$htotal checks pass ($((htotal - total)) hidden)"
        else
            report miss "$ex/hidden: $hok/$htotal checks pass with the hidden folder (public: $total)"
        fi
    fi
    # fixtures: each caught and named
    : > "$dir/tap/failed-checks"
    for bin in "$dir"/fx-*; do
        [ -x "$bin" ] || continue
        id=${bin##*/fx-}
        tap=$dir/tap/fx-$id.tap
        run_suite "$bin" "$tap"
        sed -n "s/^not ok - $ex::\([a-z0-9_]*\).*/\1/p" "$tap" >> "$dir/tap/failed-checks"
        failed=$(n_not_ok "$tap")
        ran=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$tap" | head -1)
        named=$(grep -c "Assertion failed: \[mistake:$id\]" "$tap")
        wrong=$(grep -o 'Assertion failed: \[mistake:[a-z0-9_]*\]' "$tap" | sed 's/.*\[mistake://; s/\]//' \
                | grep -vx "$id" | sort -u | tr '\n' ' ')
        if [ -n "$wrong" ]; then
            report miss "$ex/$id: misdiagnosed as: $wrong(see $tap)"
        elif [ "$failed" -gt 0 ] && [ "$named" -gt 0 ]; then
            report ok "$ex/$id: $failed/${ran:-?} checks fail, $named name [mistake:$id], none names another"
        else
            other=$(grep -o 'Assertion failed: \[[^]]*\]' "$tap" | sort | uniq -c | tr -s ' ' | tr '\n' ';')
            report miss "$ex/$id: $failed/${ran:-?} checks fail, none names [mistake:$id] (tags: ${other:-none})"
        fi
    done
    # coverage: every check was seen failing on some fixture
    all_checks=$dir/reference
    [ -x "$dir/hidden" ] && all_checks=$dir/hidden
    # (the check `memory` is covered by its own fixtures: make test-memcheck)
    never=$("$all_checks" --list 2>/dev/null | sed -n -e 's/.*[├└]── //p' -e 's/^[|`]-- //p' | grep -vx memory | sort \
            | comm -23 - <(sort -u "$dir/tap/failed-checks") | tr '\n' ' ')
    if [ -z "$never" ]; then
        report ok "$ex/coverage: every check fails on at least one fixture"
    else
        report miss "$ex/coverage: no fixture makes these checks fail: $never"
    fi
done
# unit tests of the check library
echo "grader/lib"
run_suite "$out/lib-test" "$out/lib-test.tap"
libtotal=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$out/lib-test.tap" | head -1)
libok=$(n_ok "$out/lib-test.tap")
if [ -n "$libtotal" ] && [ "$libok" -eq "$libtotal" ]; then
    report ok "grader/lib unit tests: $libok/$libtotal pass"
else
    report miss "grader/lib unit tests: $libok/${libtotal:-?} pass (see $out/lib-test.log)"
fi
# the checks of each suite are exactly those of exercises.yaml
echo "manifest"
while IFS= read -r line; do
    case $line in ok*) report ok "${line#ok }";; *) report miss "${line#miss }";; esac
done < <("$out/list-check" exercises.yaml "$out" "$@" 2>&1; "$out/mistakes-check" grader/fixtures/buggy 2>&1)
echo "test-suites: $((cases - misses))/$cases cases ok, $misses missed; $tests_run Criterion tests run"
[ "$misses" -eq 0 ]

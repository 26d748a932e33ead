#!/usr/bin/env bash
# heldout.sh BUILD MAP — the held-out measurement (make test-heldout).
# Runs the binary of every source file (grader/tests/heldout.mk):
#   BUILD/heldout/heldout/<ex>/<name>   one bug each: must fail some check;
#       named right  some failure names a mistake or observation that MAP
#                    lists for <ex>/<name> (written from the file's intent line)
#       named wrong  some failure names a [mistake:<id>] MAP does not list
#       unnamed      caught, nothing listed named (observations of other kinds only)
#       memory       MAP lists only `memory`: not visible in values, the memory
#                    check covers it (counted apart, not a miss)
#   BUILD/heldout/correct/<ex>/<name>  must pass every check
# Prints one line per file and the figures; exit 1 on a false fail, a missed
# bug, a wrong name, or a held-out file missing from MAP.
set -u
build=$1 map=$2
out=$build/heldout
fails=0 files=0 caught=0 right=0 wrong=0 unnamed=0 memory=0 cfiles=0 cpass=0
accepted() { sed -n "s|^$1:[[:space:]]*||p" "$map" | head -1; }
tags() { grep -o 'Assertion failed: \[[a-z_-]*:[A-Za-z0-9_]*\]' "$1" | sed 's/.*\[\(.*\)\]/\1/' | sort -u; }
for src in grader/fixtures/heldout/*/*.c; do
    [ -f "$src" ] || continue
    rel=${src#grader/fixtures/heldout/}; rel=${rel%.c}
    bin=$out/heldout/$rel
    files=$((files + 1))
    tap=$bin.tap
    "$bin" --tap="$tap" -j2 >/dev/null 2>&1
    failed=$(grep -c '^not ok ' "$tap")
    ids=$(accepted "$rel")
    if [ -z "$ids" ]; then
        printf '  MISS  %-40s not in %s (review its intent line and add the ids that count)\n' "$rel" "$map"
        fails=$((fails + 1))
        continue
    fi
    if [ "$failed" -eq 0 ]; then
        if [ "$ids" = memory ]; then
            memory=$((memory + 1))
            printf '  mem   %-40s no value check fails; covered by the memory check\n' "$rel"
        else
            printf '  MISS  %-40s no check fails (missed bug)\n' "$rel"
            fails=$((fails + 1))
        fi
        continue
    fi
    caught=$((caught + 1))
    got=$(tags "$tap" | tr '\n' ' ')
    bad="" good=""
    for t in $got; do
        kind=${t%%:*} id=${t#*:}
        if printf ' %s ' "$ids" | grep -q " $id "; then good="$good $id"
        elif [ "$kind" = mistake ]; then bad="$bad $id"; fi
    done
    if [ -n "$bad" ]; then
        wrong=$((wrong + 1)); fails=$((fails + 1))
        printf '  MISS  %-40s named wrong:%s (listed: %s)\n' "$rel" "$bad" "$ids"
    elif [ -n "$good" ]; then
        right=$((right + 1))
        printf '  ok    %-40s caught (%s checks), named right:%s\n' "$rel" "$failed" "$good"
    else
        unnamed=$((unnamed + 1))
        printf '  ok    %-40s caught (%s checks), unnamed: %s\n' "$rel" "$failed" "${got:-no tag}"
    fi
done
for src in grader/fixtures/correct/*/*.c; do
    [ -f "$src" ] || continue
    rel=${src#grader/fixtures/correct/}; rel=${rel%.c}
    bin=$out/correct/$rel
    cfiles=$((cfiles + 1))
    "$bin" --tap="$bin.tap" -j2 >/dev/null 2>&1
    n=$(grep -c '^not ok ' "$bin.tap")
    if [ "$n" -eq 0 ] && grep -q '^ok ' "$bin.tap"; then
        cpass=$((cpass + 1))
        printf '  ok    %-40s correct: every check passes\n' "correct/$rel"
    else
        fails=$((fails + 1))
        printf '  MISS  %-40s correct file fails %s checks: %s\n' "correct/$rel" "$n" \
            "$(tags "$bin.tap" | tr '\n' ' ')"
    fi
done
bugs=$((files - memory))
pct=0; [ "$bugs" -gt 0 ] && pct=$((100 * right / bugs))
echo "held-out: $files files: caught $caught/$bugs, named right $right ($pct%), named wrong $wrong," \
     "unnamed $unnamed, left to the memory check $memory; correct files passing $cpass/$cfiles"
[ "$fails" -eq 0 ]

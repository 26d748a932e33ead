#!/usr/bin/env bash
# test_worker.sh — the worker design against code that tries to forge a pass
# (make test-worker).  Each grader/fixtures/hostile/<ex>/worker_*.c replaces
# its exercise in a copy of the reference and is checked with build/check
# (the judge and worker every check uses): it must get 0 points, pass no
# check, and be named by one of its `expect-feedback:` texts.  A correct
# file checked the same way must pass (the design does not fail everyone).
set -u -o pipefail
CHECK=${CHECK_BIN:-build/check}
BUILD_DIR=${BUILD_DIR:-build}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export SOFTMAX_LAB_LANG=en
fails=0 cases=0
mkdir -p "$TMP/ref"
cp reference/*.c "$TMP/ref/"
"$CHECK" --build "$BUILD_DIR" --work "$TMP/work-ref" --status-dir "$TMP/st" --student-dir "$TMP/ref" softmax \
    >"$TMP/ref.out" 2>&1
cases=$((cases + 1))
if grep -qE '^  ([0-9]+)/\1 points · passed$' "$TMP/ref.out"; then
    echo "  ok    the reference passes through the worker"
else
    echo "  FAIL  the reference does not pass through the worker:"; sed 's/^/  | /' "$TMP/ref.out"; fails=$((fails + 1))
fi
for f in grader/fixtures/hostile/*/worker_*.c; do
    ex=$(basename "$(dirname "$f")")
    name=$(basename "$f" .c)
    dir=$TMP/$ex-$name
    mkdir -p "$dir"
    cp reference/*.c "$dir/"
    cp "$f" "$dir/$ex.c"
    "$CHECK" --build "$BUILD_DIR" --work "$TMP/work-$ex-$name" --status-dir "$TMP/st" --student-dir "$dir" "$ex" \
        >"$TMP/out" 2>&1
    cases=$((cases + 1))
    want=$(sed -n 's/^ \* expect-feedback: //p' "$f" | head -1)
    named=0
    IFS='|' read -ra alts <<<"$want"
    for a in "${alts[@]}"; do grep -qF -- "$a" "$TMP/out" && named=1; done
    if grep -q ':)' "$TMP/out" || ! grep -qE '^  0/[0-9]+ points' "$TMP/out"; then
        echo "  FAIL  $ex/$name: got points:"; sed 's/^/  | /' "$TMP/out" | head -30; fails=$((fails + 1))
    elif [ $named = 0 ]; then
        echo "  FAIL  $ex/$name: 0 points but not named ($want):"; sed 's/^/  | /' "$TMP/out" | head -30
        fails=$((fails + 1))
    else
        echo "  ok    $ex/$name: 0 points, named: $(grep -m1 -oF -e "${alts[0]}" -e "${alts[1]:-${alts[0]}}" "$TMP/out")"
    fi
done
# The memory-check hook: the sanitizer worker's report comes back as data.
if [ -n "${WORKER_HOOK:-}" ] && [ -x "$WORKER_HOOK" ]; then
    cases=$((cases + 1))
    "$WORKER_HOOK" >"$TMP/hook.out" 2>&1
    if grep -q '^HOOK rc=0 exited=1 status=86$' "$TMP/hook.out" && grep -q 'AddressSanitizer: heap-buffer-overflow' "$TMP/hook.out" \
        && grep -q 'Passing: 1' "$TMP/hook.out"; then
        echo "  ok    memory-check hook: the sanitizer worker's heap-buffer-overflow report and exit 86 reach the check"
    else
        echo "  FAIL  memory-check hook:"; sed 's/^/  | /' "$TMP/hook.out" | head -20; fails=$((fails + 1))
    fi
fi
echo "test-worker: $((cases - fails))/$cases cases ok"
[ $fails -eq 0 ]

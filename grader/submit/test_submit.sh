#!/usr/bin/env bash
# test_submit.sh — `make test-submit`: make submit end to end.  For three
# students (half done; everything done with the bonus; one file that does not
# compile and one deleted) it runs build/submit on a copy of student/, then:
#   - the zip holds exactly the exercise files present (+ the bonus when
#     implemented), at its top level, nothing else;
#   - the warnings name every exercise that does not pass, and the zip is
#     written anyway (exit 0);
#   - the batch grader (build/grade, as make grade runs it, on a class
#     folder holding the zip) gives every exercise the points the checker
#     gave it, and the same total;
#   - the Gradescope bundle (make gradescope: autograder.zip) run as
#     Gradescope runs it (/autograder emulated: the zip unpacked in
#     submission/) reports the same total.
# Public checks only (the hidden checks are the instructor's; the bundle's
# grader/hidden is removed).  Env: SUBMIT_BIN, BUILD_DIR (built: check-tools,
# grade-tools).
set -uo pipefail
cd "$(dirname "$0")/../.."
KIT=$(pwd)
SUBMIT_BIN=$(realpath "${SUBMIT_BIN:?}")
BUILD_DIR=$(realpath "${BUILD_DIR:?}")
tmp=$(mktemp -d /tmp/sl-submit-test-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fails=0
ok() { echo "  ok   $1"; }
bad() { echo "  FAIL $1"; fails=$((fails + 1)); }

# The Gradescope bundle, once.
bash grader/dist/gradescope.sh "$tmp/dist" >/dev/null || { echo "test-submit: make gradescope failed"; exit 1; }

stubs() {
  mkdir -p "$1"
  for f in student/*.c; do
    git show "HEAD:$f" >"$1/$(basename "$f")" 2>/dev/null || cp "$f" "$1/"
  done
}

# points_of STATE_DIR: "id points" per status file, sorted.
points_of() { for f in "$1"/status/*; do echo "$(basename "$f") $(cut -d' ' -f2 "$f")"; done | sort; }

# case NAME EXPECTED_FILES EXPECTED_WARNINGS: student files already in $tmp/NAME.
run_case() {
  local name=$1 want_files=$2 want_warn=$3 dir=$tmp/$1
  echo "test-submit: $name"
  (cd "$tmp" && SOFTMAX_LAB_LANG=en "$SUBMIT_BIN" --build "$BUILD_DIR" --manifest "$KIT/exercises.yaml" \
     --student-dir "$dir" --state "$dir.state" --out "$tmp/$name.zip") >"$tmp/$name.out" 2>&1
  local rc=$?
  [ $rc -eq 0 ] && ok "exit status 0" || bad "exit status $rc (want 0)"
  local files
  files=$(python3 -c 'import sys, zipfile; print(" ".join(sorted(zipfile.ZipFile(sys.argv[1]).namelist())))' "$tmp/$name.zip" 2>&1)
  [ "$files" = "$want_files" ] && ok "the zip holds exactly: $files" || bad "the zip holds '$files', want '$want_files'"
  local warned
  warned=$(sed -n 's/^warning: \([a-z_]*\) .*/\1/p; s/^warning: .*\/\([a-z_]*\)\.c is missing.*/\1/p' "$tmp/$name.out" | sort -u | tr '\n' ' ')
  [ "$warned" = "$want_warn" ] && ok "warnings for: ${warned:-none}" || bad "warnings for '$warned', want '$want_warn'"
  grep -q "^wrote $tmp/$name.zip" "$tmp/$name.out" && ok "says where the zip is" || bad "no 'wrote …' line"
  # Per exercise, what the checker gave (a missing file: 0).
  local check_total=0 id p
  declare -A want=()
  while read -r id p; do want[$id]=$p; done < <(points_of "$dir.state")
  for id in "${!want[@]}"; do
    [ -f "$dir/$id.c" ] || want[$id]=0
    case " $want_files " in *" $id.c "*) ;; *) want[$id]=0 ;; esac
    check_total=$((check_total + want[$id]))
  done
  # The batch grader on a class folder holding the zip, as make grade runs it.
  mkdir -p "$tmp/class-$name" && cp "$tmp/$name.zip" "$tmp/class-$name/"
  "$BUILD_DIR/grade" --kit "$KIT" --build "$BUILD_DIR" --out "$tmp/grade-$name" --jobs 1 -q "$tmp/class-$name" \
    >"$tmp/grade-$name.log" 2>&1 || bad "build/grade failed: $(tail -3 "$tmp/grade-$name.log")"
  python3 - "$tmp/grade-$name/grades.csv" "$check_total" "$(for id in "${!want[@]}"; do echo "$id=${want[$id]}"; done)" <<'PY' \
    && ok "make grade: every exercise and the total ($check_total) as make check" || bad "make grade disagrees with make check"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
want = dict(kv.split("=") for kv in sys.argv[3].split())
assert len(rows) == 1, rows
r = rows[0]
for ex, p in want.items():
    got = int(float(r.get(ex) or 0))
    if got != int(p):
        sys.exit(f"    {ex}: grade {got}, check {p}")
if int(float(r["total"])) != int(sys.argv[2]):
    sys.exit(f"    total: grade {r['total']}, check {sys.argv[2]}")
PY
  # The Gradescope bundle: /autograder emulated, the zip unpacked as Gradescope does.
  local root=$tmp/autograder-$name
  mkdir -p "$root/submission"
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$tmp/dist/autograder.zip" "$root"
  rm -rf "$root/source/grader/hidden"
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$tmp/$name.zip" "$root/submission"
  SL_AUTOGRADER_ROOT=$root SL_GRADE_BIN=$BUILD_DIR/grade SL_GRADE_BUILD=$BUILD_DIR bash "$root/run_autograder" \
    >"$tmp/gs-$name.log" 2>&1
  python3 - "$root/results/results.json" "$check_total" <<'PY' \
    && ok "Gradescope: score $check_total, as make check" || bad "Gradescope disagrees with make check"
import json, sys
r = json.load(open(sys.argv[1]))
if float(r["score"]) != float(sys.argv[2]):
    sys.exit(f"    Gradescope score {r['score']}, make check {sys.argv[2]}; output: {r.get('output')}")
PY
}

stubs "$tmp/half"
cp reference/softmax.c reference/grad_b.c "$tmp/half/"
run_case half "cross_entropy.c grad_b.c grad_w.c softmax.c train.c" "cross_entropy grad_w train "

# Everything done, the bonus too.  train.c is a student-style correct file:
# the reference train() uses threads, which the grader refuses in a student
# file (make check does not).
stubs "$tmp/done"
cp reference/*.c "$tmp/done/"
cp grader/fixtures/correct/train/runtime_calls.c "$tmp/done/train.c"
run_case done "cross_entropy.c grad_b.c grad_w.c sigmoid_bce.c softmax.c train.c" ""

stubs "$tmp/broken"
cp reference/softmax.c reference/cross_entropy.c reference/grad_w.c "$tmp/broken/"
printf '#include "softmax_lab.h"\nvoid grad_b(void) { return 1 +; }\n' >"$tmp/broken/grad_b.c"
rm "$tmp/broken/train.c"
run_case broken "cross_entropy.c grad_b.c grad_w.c softmax.c" "grad_b train "
grep -q "train.c is missing" "$tmp/broken.out" && ok "a missing file is named" || bad "the missing train.c is not named"

if ((fails)); then
  echo "test-submit: $fails failed"
  exit 1
fi
echo "test-submit: all passed"

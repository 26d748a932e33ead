#!/usr/bin/env bash
# test_prairielearn.sh — `make test-prairielearn`: the PrairieLearn bundle.
#  1. build.sh's question: info.json (external grading, entrypoint inside the
#     serverFilesCourse it lists), question.html (a file editor per core
#     file, each with its initial stub; the grader's results element);
#  2. the entrypoint run in an emulated /grade (serverFilesCourse, student,
#     data/data.json) for a correct, a buggy, a non-compiling and an empty
#     submission; each results.json validated strictly (types, ranges,
#     score = sum(points) / sum(max_points), gradable, format_errors) and its
#     verdict checked (1.0; below 1 with the bug's check failed; the file's
#     compiler message; not gradable).
# Env: PL_BIN, BUILD_DIR (grade-tools built).
set -uo pipefail
cd "$(dirname "$0")/../../.."
KIT=$(pwd)
BUILD_DIR=$(realpath "${BUILD_DIR:?}")
tmp=$(mktemp -d /tmp/sl-pl-test-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fails=0
ok() { echo "  ok   $1"; }
bad() { echo "  FAIL $1"; fails=$((fails + 1)); }

echo "test-prairielearn: the question"
bash grader/dist/prairielearn/build.sh "$tmp/dist" >/dev/null || { echo "  FAIL build.sh"; exit 1; }
python3 - "$tmp/dist/course" <<'PY' && ok "info.json and question.html are what PrairieLearn needs" || bad "the question"
import json, os, re, sys
course = sys.argv[1]
q = os.path.join(course, "questions", "softmax-lab")
info = json.load(open(os.path.join(q, "info.json")))
for k, t in [("uuid", str), ("title", str), ("topic", str), ("type", str), ("gradingMethod", str),
             ("externalGradingOptions", dict)]:
    assert isinstance(info.get(k), t), k
assert info["type"] == "v3" and info["gradingMethod"] == "External"
ego = info["externalGradingOptions"]
assert ego["enabled"] is True and isinstance(ego["image"], str) and ego["image"]
assert 0 < ego["timeout"] <= 600
ep = ego["entrypoint"]
assert ep.startswith("/grade/serverFilesCourse/"), ep
assert any(ep[len("/grade/serverFilesCourse/"):].startswith(d) for d in ego["serverFilesCourse"])
script = os.path.join(course, "serverFilesCourse", ep[len("/grade/serverFilesCourse/"):])
assert os.access(script, os.X_OK), script
html = open(os.path.join(q, "question.html")).read()
editors = re.findall(r'<pl-file-editor file-name="([^"]+)"[^>]*source-file-name="([^"]+)"', html)
assert sorted(f for f, _ in editors) == sorted(["softmax.c", "cross_entropy.c", "grad_w.c", "grad_b.c", "train.c"]), editors
for _, src in editors:
    assert os.path.getsize(os.path.join(q, src)) > 0, src
assert "<pl-external-grader-results>" in html and "<pl-submission-panel>" in html
PY

# run_case NAME: grades $tmp/grade-NAME/student as PrairieLearn would.
run_case() {
  local root=$tmp/grade-$1
  mkdir -p "$root/data" "$root/serverFilesCourse"
  cp -r "$tmp/dist/course/serverFilesCourse/softmax-lab" "$root/serverFilesCourse/"
  echo '{"params": {}, "correct_answers": {}, "submitted_answers": {}}' >"$root/data/data.json"
  SL_PL_ROOT=$root SL_KIT=$KIT SL_GRADE_BUILD=$BUILD_DIR bash "$root/serverFilesCourse/softmax-lab/grade.sh"
  echo "$root/results/results.json"
}

# validate RESULTS EXPECTATION: the strict format check, then the verdict.
validate() {
  python3 - "$1" "$2" <<'PY'
import json, math, os, sys
path, want = sys.argv[1], sys.argv[2]
assert os.path.getsize(path) < 1 << 20, "results.json over 1 MB"
def no_constants(c):
    raise ValueError("non-finite number " + c)
r = json.load(open(path, encoding="utf-8"), parse_constant=no_constants)
assert isinstance(r, dict)
assert isinstance(r.get("gradable"), bool), "gradable"
for k in ("message", "output"):
    assert isinstance(r.get(k), str), k
s = r.get("score")
assert isinstance(s, (int, float)) and not isinstance(s, bool) and 0 <= s <= 1, ("score", s)
tests = r.get("tests")
assert isinstance(tests, list)
names = set()
for t in tests:
    assert set(t) >= {"name", "points", "max_points", "output", "message"}, t
    assert isinstance(t["name"], str) and t["name"] and t["name"] not in names, t["name"]
    names.add(t["name"])
    for k in ("points", "max_points"):
        assert isinstance(t[k], (int, float)) and not isinstance(t[k], bool), (k, t)
    assert 0 <= t["points"] <= t["max_points"], t
    assert isinstance(t["output"], str) and isinstance(t["message"], str)
if r["gradable"]:
    total = sum(t["max_points"] for t in tests)
    assert total > 0
    assert abs(s - sum(t["points"] for t in tests) / total) < 1e-12, "score != sum(points)/sum(max_points)"
else:
    fe = r.get("format_errors")
    assert isinstance(fe, (str, list)) and fe, "format_errors"
kind, _, arg = want.partition(":")
if kind == "full":
    assert r["gradable"] and s == 1, ("want 1", s, [t["name"] for t in tests if t["points"] < t["max_points"]])
elif kind == "bug":
    failed = [t["name"] for t in tests if t["points"] < t["max_points"]]
    assert r["gradable"] and 0 < s < 1 and failed and all(n.startswith(arg + ":") for n in failed), failed
elif kind == "nocompile":
    t = [t for t in tests if t["name"].startswith(arg + ":")]
    assert r["gradable"] and len(t) == 1 and t[0]["points"] == 0 and t[0]["max_points"] > 0, t
    assert arg + ".c:" in t[0]["output"], t[0]["output"][:300]
    assert 0 < s < 1
elif kind == "empty":
    assert r["gradable"] is False and s == 0
PY
}

correct() {
  mkdir -p "$1"
  cp reference/softmax.c reference/cross_entropy.c reference/grad_w.c reference/grad_b.c "$1/"
  # the reference train() uses threads, which the grader refuses in a student file
  cp grader/fixtures/correct/train/runtime_calls.c "$1/train.c"
}

echo "test-prairielearn: results.json from the entrypoint in an emulated /grade"
correct "$tmp/grade-correct/student"
validate "$(run_case correct)" full && ok "correct: valid, score 1" || bad "correct"

correct "$tmp/grade-buggy/student"
bug=$(ls grader/fixtures/buggy/softmax/*.c | head -1)
cp "$bug" "$tmp/grade-buggy/student/softmax.c"
validate "$(run_case buggy)" bug:softmax && ok "buggy ($(basename "$bug")): valid, below 1, only softmax checks failed" || bad "buggy"

correct "$tmp/grade-nocompile/student"
printf '#include "softmax_lab.h"\nvoid softmax(const double *Z, double *P, size_t n, size_t k)\n{\n    P[0] = Z[0] +;\n}\n' \
  >"$tmp/grade-nocompile/student/softmax.c"
validate "$(run_case nocompile)" nocompile:softmax && ok "non-compiling softmax.c: valid, one 0-point test with the compiler's message" || bad "non-compiling"

mkdir -p "$tmp/grade-empty/student"
validate "$(run_case empty)" empty && ok "empty submission: valid, gradable false with format_errors" || bad "empty"

if ((fails)); then
  echo "test-prairielearn: $fails failed"
  exit 1
fi
echo "test-prairielearn: all passed"

#!/usr/bin/env bash
# grade.sh — the PrairieLearn entrypoint (info.json: externalGradingOptions.
# entrypoint = /grade/serverFilesCourse/softmax-lab/grade.sh).  Grades the
# files PrairieLearn put in /grade/student with the kit's own grader (the
# same build/grade as `make grade` and Gradescope, hidden checks included)
# and writes /grade/results/results.json with build/pl-results.
# The kit is built into the grading image at /softmax-lab (Dockerfile).
# Overrides (the kit's own test): SL_PL_ROOT (/grade), SL_KIT (/softmax-lab),
# SL_GRADE_BUILD (SL_KIT/build), SL_LANG (en|zh).
set -uo pipefail
root=${SL_PL_ROOT:-/grade}
kit=${SL_KIT:-/softmax-lab}
build=${SL_GRADE_BUILD:-$kit/build}
lang=${SL_LANG:-en}
mkdir -p "$root/results"
work=$(mktemp -d /tmp/sl-pl-XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 711 "$work"
hidden=()
[ -d "$kit/grader/hidden" ] && hidden=(--hidden "$kit/grader/hidden")
TMPDIR=$work "$build/grade" --kit "$kit" --build "$build" --out "$work/out" --jobs 1 \
  "${hidden[@]}" --lang "$lang" --single -q "$root/student" >"$work/grade.log" 2>&1
status=$?
tsv=$(ls "$work"/out/*/grade.tsv 2>/dev/null | head -1)
if [ $status -eq 0 ] && [ -n "$tsv" ] \
   && SOFTMAX_LAB_LANG=$lang "$build/pl-results" --manifest "$kit/exercises.yaml" \
        --feedback "$(dirname "$tsv")/feedback.md" "$tsv" "$root/results/results.json"; then
  exit 0
fi
# The grader itself failed: not the student's fault, so the attempt is not
# counted (gradable: false) and no score is given.
printf '{"gradable": false, "score": 0, "message": "The autograder failed (status %d); your instructor has been notified.", "format_errors": ["The autograder failed; please submit again later."], "output": "", "tests": []}\n' \
  "$status" >"$root/results/results.json"
exit 0

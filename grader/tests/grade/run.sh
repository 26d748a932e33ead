#!/usr/bin/env bash
# run.sh — `make test-grade`: the instructor grader graded end to end on
# fixture classes (test_grade.py says what is asserted), once with the
# sandbox bwrap gives (when it works here) and once in the weak fallback.
set -euo pipefail
: "${GRADE_BIN:?}" "${BUILD_DIR:?}"
cd "$(dirname "$0")/../../.."
exec python3 grader/tests/grade/test_grade.py "$GRADE_BIN" "$BUILD_DIR"

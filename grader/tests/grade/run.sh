#!/usr/bin/env bash
# run.sh — `make test-grade`: the instructor grader graded end to end on
# fixture classes (test_grade.py says what is asserted), once with the
# sandbox bwrap gives (when it works here) and once in the weak fallback.
set -euo pipefail
: "${GRADE_BIN:?}" "${BUILD_DIR:?}"
cd "$(dirname "$0")/../../.."
if [ -n "${SBX_TEST:-}" ]; then
  if bwrap --unshare-all --ro-bind / / true 2>/dev/null; then "$SBX_TEST" "$PWD/reference/softmax.c"; fi
  SL_GRADE_SANDBOX=weak "$SBX_TEST" "$PWD/reference/softmax.c"
fi
exec python3 grader/tests/grade/test_grade.py "$GRADE_BIN" "$BUILD_DIR"

#!/usr/bin/env bash
# run.sh — `make test-grade`: the sandbox alone (both modes), the object
# check's ELF reader under a deterministic fuzzer, then the instructor grader
# graded end to end on fixture classes (test_grade.py) and on a class that
# mixes every attack with honest students (test_hostile.py), once with the
# sandbox bwrap gives (when it works here) and once in the weak fallback.
set -uo pipefail
: "${GRADE_BIN:?}" "${BUILD_DIR:?}"
cd "$(dirname "$0")/../../.."
status=0
if [ -n "${SBX_TEST:-}" ]; then
  if bwrap --unshare-all --ro-bind / / true 2>/dev/null; then
    "$SBX_TEST" "$PWD/reference/softmax.c" || status=1
  fi
  SL_GRADE_SANDBOX=weak "$SBX_TEST" "$PWD/reference/softmax.c" || status=1
fi
if [ -n "${FUZZ_BIN:-}" ]; then
  "$FUZZ_BIN" "${FUZZ_ITERS:-30000}" 0x5eed "$BUILD_DIR"/obj/reference/*.o || status=1
fi
python3 grader/tests/grade/test_grade.py "$GRADE_BIN" "$BUILD_DIR" || status=1
python3 grader/tests/grade/test_hostile.py "$GRADE_BIN" "$BUILD_DIR" || status=1
exit $status

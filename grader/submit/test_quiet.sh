#!/usr/bin/env bash
# test_quiet.sh — `make test-quiet`: the first `make check` a student runs on
# a fresh copy of the kit (the tracked files, as `git clone` gives them):
#   - shows no compiler or archiver command line, only "  CC  file" lines;
#   - ends with the verdict, with no "make: *** [...] Error 1" under it,
#     while its exit status is non-zero (the stubs fail);
#   - shows a student file's warnings and errors with the file and line first;
# and, for contrast, `make V=1` shows the commands and make's own line (so
# the test can see both).  Env: BUILD_DIR (unused: the copy builds its own).
set -uo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d /tmp/sl-quiet-test-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fails=0
ok() { echo "  ok   $1"; }
bad() { echo "  FAIL $1"; fails=$((fails + 1)); }

kit=$tmp/kit
mkdir -p "$kit"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git ls-files -z | xargs -0 -I{} cp --parents {} "$kit/"
  # the committed stubs, as a fresh clone has them
  for f in student/*.c; do git show "HEAD:$f" >"$kit/$f" 2>/dev/null || true; done
else
  tar --exclude='./build*' -cf - . | tar -xf - -C "$kit"
fi

# command_lines FILE: lines that are a compiler/archiver invocation.
command_lines() { grep -E '^[[:space:]]*(\S*/)?(gcc|cc|clang|ar|c99)([-.0-9]*)?[[:space:]]+-|(^|[[:space:]])-c[[:space:]]+\S+\.c[[:space:]]|-o[[:space:]]+build/' "$1"; }

echo "test-quiet: the first make check on a fresh copy"
(cd "$kit" && SOFTMAX_LAB_LANG=en make -j2 check) >"$tmp/first.txt" 2>&1
rc=$?
[ $rc -ne 0 ] && ok "exit status non-zero ($rc): the stubs do not pass" || bad "exit status 0 with the stubs"
if command_lines "$tmp/first.txt" >"$tmp/cmds.txt"; then
  bad "compiler command lines shown:"; head -3 "$tmp/cmds.txt" | sed 's/^/       | /'
else
  ok "no compiler command line ($(grep -c '^  CC ' "$tmp/first.txt") '  CC  file' lines instead)"
fi
grep -q '^  CC  lab/csv.c$' "$tmp/first.txt" && ok "a short progress line per file" || bad "no '  CC  lab/csv.c' line"
if grep -E '^make(\[[0-9]+\])?: \*\*\*' "$tmp/first.txt"; then bad "make's error line is shown"; else ok "no 'make: ***' line"; fi
last=$(grep -v '^[[:space:]]*$' "$tmp/first.txt" | tail -1)
[[ $last == *"0/5 exercises passing"* ]] && ok "the verdict is the last line: $last" || bad "the last line is '$last'"

echo "test-quiet: a student file's warnings and errors"
sed 's/^{$/{\n    int unused_var;/' reference/softmax.c >"$kit/student/softmax.c"
(cd "$kit" && SOFTMAX_LAB_LANG=en make check EX=softmax) >"$tmp/warn.txt" 2>&1
grep -qE '^[[:space:]]*student/softmax\.c:[0-9]+:[0-9]+: warning: unused variable' "$tmp/warn.txt" \
  && ok "a warning starts with student/softmax.c:LINE:COL" || bad "the warning is not shown with the file first"
printf '#include "softmax_lab.h"\nvoid softmax(const double *Z, double *P, size_t n, size_t k)\n{\n    P[0] = Z[0] +;\n}\n' >"$kit/student/softmax.c"
(cd "$kit" && SOFTMAX_LAB_LANG=en make check EX=softmax) >"$tmp/err.txt" 2>&1
rc=$?
grep -qE '^[[:space:]]*student/softmax\.c:4:[0-9]+: error:' "$tmp/err.txt" \
  && ok "an error starts with student/softmax.c:4:COL" || bad "the error is not shown with the file first"
[ $rc -ne 0 ] && ! grep -qE '^make(\[[0-9]+\])?: \*\*\*' "$tmp/err.txt" \
  && ok "a student's compile error: non-zero status, no make error line" || bad "compile error: status $rc or make's line"

echo "test-quiet: V=1 for contrast"
touch "$kit/lab/csv.c"
(cd "$kit" && SOFTMAX_LAB_LANG=en make V=1 check EX=softmax) >"$tmp/v1.txt" 2>&1
command_lines "$tmp/v1.txt" | grep -q 'lab/csv.c' && ok "V=1 shows the compiler command" || bad "V=1 shows no command"
grep -qE '^make(\[[0-9]+\])?: \*\*\*' "$tmp/v1.txt" && ok "V=1 leaves make's error line (what the quiet mode removes)" \
  || bad "V=1 has no make error line"

if ((fails)); then
  echo "test-quiet: $fails failed"
  exit 1
fi
echo "test-quiet: all passed"

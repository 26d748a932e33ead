#!/usr/bin/env bash
# handout.sh OUTDIR — `make handout`: the student tarball
# OUTDIR/softmax-lab-handout.tar.gz (folder softmax-lab/ inside).
#
# In it: the lab (lesson, runtime, contract header), the stubs in student/,
# the visible checks (grader/suites, grader/lib) and the checker (make check,
# make hint), exercises.yaml without its hidden checks, and README.md for
# students (grader/dist/HANDOUT.md).  Not in it: reference sources (the
# reference ships as compiled, debug-stripped objects in prebuilt/, which
# grader/prebuilt.mk copies into the build), hidden checks, the instructor
# grader, its fixtures and tests, the buggy fixtures (near-solutions).
set -euo pipefail
out=${1:?usage: handout.sh OUTDIR}
BUILD=${BUILD:-build}
cd "$(dirname "$0")/../.."
. grader/dist/stage.sh            # kit_files, $stage (removed on exit), $out made absolute
kit=$stage/softmax-lab
mkdir -p "$kit"
# What students get: tracked files minus the instructor-only paths.
kit_files | grep -zv -E '^(reference/|grader/hidden/|grader/grade/|grader/grade\.mk$|grader/dist/|grader/tests/grade/|grader/fixtures/|grader/tests/suites/|grader/suites\.mk$)' \
  | xargs -0 -I{} cp --parents {} "$kit/"
cp grader/dist/HANDOUT.md "$kit/README.md"
# exercises.yaml without the hidden checks (a check item is dropped whole).
python3 - exercises.yaml "$kit/exercises.yaml" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
out, item = [], []
def flush():
    if item and not any(re.match(r"\s+hidden:\s*true\b", l) for l in item):
        out.extend(item)
    item.clear()
for l in lines:
    if re.match(r"      - id: ", l):
        flush(); item.append(l)
    elif item and (l.startswith("        ") ):
        item.append(l)
    else:
        flush(); out.append(l)
flush()
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out))
PY
# The reference, compiled: the harness needs it, students need not read it.
mkdir -p "$kit/prebuilt/reference" "$kit/prebuilt/oracle"
exercises=$(ls reference/*.c | xargs -n1 basename | sed 's/\.c$//' | tr '\n' ' ')
for e in $exercises; do
  for kind in reference oracle; do
    [ -f "$BUILD/obj/$kind/$e.o" ] || { echo "handout: build first ($BUILD/obj/$kind/$e.o missing: run make)"; exit 1; }
    objcopy --strip-debug "$BUILD/obj/$kind/$e.o" "$kit/prebuilt/$kind/$e.o"
  done
done
cat > "$kit/grader/prebuilt.mk" <<MK
# prebuilt.mk — the handout has no reference sources: the reference and the
# oracle come compiled in prebuilt/ and are copied into the build folder.
ALL_EXERCISES := $exercises
ORACLE_RENAMES :=
REF_OBJ := \$(ALL_EXERCISES:%=\$(BUILD)/obj/reference/%.o)
ORACLE_OBJ := \$(ALL_EXERCISES:%=\$(BUILD)/obj/oracle/%.o)
\$(BUILD)/obj/reference/%.o: prebuilt/reference/%.o
	@mkdir -p \$(@D)
	\$(call quiet,CP,\$@)cp \$< \$@
\$(BUILD)/obj/oracle/%.o: prebuilt/oracle/%.o
	@mkdir -p \$(@D)
	\$(call quiet,CP,\$@)cp \$< \$@
MK
# Nothing instructor-only may slip in.
leak=$(cd "$kit" && { ls reference/*.c grader/hidden 2>/dev/null; grep -l "hidden: true" exercises.yaml 2>/dev/null; } || true)
[ -z "$leak" ] || { echo "handout: instructor-only content would ship: $leak"; exit 1; }
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2026-01-01' \
  -C "$stage" -czf "$out/softmax-lab-handout.tar.gz.tmp" softmax-lab
mv "$out/softmax-lab-handout.tar.gz.tmp" "$out/softmax-lab-handout.tar.gz"
echo "handout: $out/softmax-lab-handout.tar.gz ($(du -h "$out/softmax-lab-handout.tar.gz" | cut -f1))"

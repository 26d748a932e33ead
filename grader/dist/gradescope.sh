#!/usr/bin/env bash
# gradescope.sh OUTDIR — `make gradescope`: the Gradescope autograder zip.
#
# OUTDIR/autograder.zip holds, at its top level (as Gradescope wants):
#   setup.sh        installs the libraries and builds the grader (once per image)
#   run_autograder  grades /autograder/submission, writes /autograder/results/results.json
#   source/         the kit: sources, reference, suites, hidden checks (the zip is
#                   instructor-only: students never see it)
# The zip is built from the files git tracks (plus grader/hidden), so build
# folders and local clutter never ship.
set -euo pipefail
out=${1:?usage: gradescope.sh OUTDIR}
cd "$(dirname "$0")/../.."
. grader/dist/stage.sh            # kit_files, $stage (removed on exit), $out made absolute
mkdir -p "$stage/source"
kit_files | xargs -0 -I{} cp --parents {} "$stage/source/"
[ -d grader/hidden ] && cp -r --parents grader/hidden "$stage/source/"
cp grader/dist/gradescope/setup.sh grader/dist/gradescope/run_autograder "$stage/"
chmod 755 "$stage/setup.sh" "$stage/run_autograder"
rm -f "$out/autograder.zip"
python3 - "$stage" "$out/autograder.zip" <<'PY'
import os, sys, zipfile
stage, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(dest + ".tmp", "w", zipfile.ZIP_DEFLATED) as z:
    for root, dirs, files in os.walk(stage):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(root, f)
            info = zipfile.ZipInfo(os.path.relpath(p, stage), (2026, 1, 1, 0, 0, 0))
            info.external_attr = (os.stat(p).st_mode & 0o777 | 0o100000) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, open(p, "rb").read())
os.replace(dest + ".tmp", dest)
PY
echo "gradescope: $out/autograder.zip ($(du -h "$out/autograder.zip" | cut -f1)); upload it as the autograder"

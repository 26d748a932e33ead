#!/usr/bin/env bash
# build.sh OUTDIR — `make prairielearn`: what a PrairieLearn course needs to
# grade softmax-lab externally, with the kit's own grader:
#   OUTDIR/course/questions/softmax-lab/info.json       external grading: image,
#          entrypoint, serverFilesCourse, timeout
#   OUTDIR/course/questions/softmax-lab/question.html   a file editor per core
#          exercise (starting from the stubs in initial/), the grader's results
#   OUTDIR/course/serverFilesCourse/softmax-lab/grade.sh  the entrypoint
#   OUTDIR/image/Dockerfile, OUTDIR/image/kit/           the grading image: the
#          kit (tracked files + grader/hidden) built at /softmax-lab
#   OUTDIR/README.md                                     how to install it
# PL_IMAGE names the image in info.json (default softmax-lab/grader:latest).
set -euo pipefail
out=${1:?usage: build.sh OUTDIR}
image=${PL_IMAGE:-softmax-lab/grader:latest}
here=grader/dist/prairielearn
cd "$(dirname "$0")/../../.."
. grader/dist/stage.sh            # kit_files; $out made absolute
q=$out/course/questions/softmax-lab
rm -rf "$out/course" "$out/image"
mkdir -p "$q/initial" "$out/course/serverFilesCourse/softmax-lab" "$out/image/kit"
sed "s|@IMAGE@|$image|" "$here/info.json.in" >"$q/info.json"
editors=
for ex in softmax cross_entropy grad_w grad_b train; do
  git show "HEAD:student/$ex.c" >"$q/initial/$ex.c" 2>/dev/null || cp "student/$ex.c" "$q/initial/$ex.c"
  editors+="  <pl-file-editor file-name=\"$ex.c\" ace-mode=\"ace/mode/c_cpp\" source-file-name=\"initial/$ex.c\"></pl-file-editor>"$'\n'
done
awk -v e="$editors" '{ if ($0 == "@EDITORS@") printf "%s", e; else print }' "$here/question.html.in" >"$q/question.html"
install -m 755 "$here/grade.sh" "$out/course/serverFilesCourse/softmax-lab/grade.sh"
cp "$here/Dockerfile" "$out/image/Dockerfile"
cp "$here/README.md" "$out/README.md"
kit_files | xargs -0 -I{} cp --parents {} "$out/image/kit/"
[ -d grader/hidden ] && cp -r --parents grader/hidden "$out/image/kit/"
echo "prairielearn: $out (course/ goes into your course repository; build and push image/ as $image)"

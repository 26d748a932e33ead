# stage.sh — what gradescope.sh and handout.sh share; sourced from the top of
# the kit after `out` is set to the output folder (created, made absolute):
#   kit_files   prints the kit's files, NUL-separated (see below)
#   stage       a fresh temporary folder, removed when the script exits

# The kit's files: what git tracks, or (no git, e.g. an unpacked release)
# every file but build folders and version-control data.
kit_files() {
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z
  else
    find . -type f ! -path './build*' ! -path './.git/*' -printf '%P\0'
  fi
}
mkdir -p "$out"
out=$(cd "$out" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

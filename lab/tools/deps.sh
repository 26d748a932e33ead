#!/usr/bin/env bash
# deps.sh — installs what softmax-lab needs with the system's package manager.
#   deps.sh install   install what is missing (uses sudo when not root)
#   deps.sh check     list what is missing; exit 1 if anything is
# Libraries (found with pkg-config): ncursesw, Criterion, libyaml, libarchive,
# libseccomp (the grader's worker filter), jansson (JSON outputs).
# Tools for the test suite and the grader: tmux, bubblewrap (bwrap).
set -u
need_pkgs=(ncursesw criterion yaml-0.1 libarchive jansson)
[ "$(uname -s)" = Linux ] && need_pkgs+=(libseccomp)
missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
for p in "${need_pkgs[@]}"; do
  pkg-config --exists "$p" 2>/dev/null || missing+=("$p")
done
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v bwrap >/dev/null 2>&1 || missing+=(bwrap)

if [ "${1:-check}" = check ]; then
  [ ${#missing[@]} -eq 0 ] && { echo "all dependencies present"; exit 0; }
  echo "missing: ${missing[*]}"; exit 1
fi
if [ ${#missing[@]} -eq 0 ]; then
  echo "softmax-lab: all dependencies are installed"
  exit 0
fi
echo "softmax-lab: missing ${missing[*]}; installing"
sudo=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "error: not root and no sudo: install the packages above by hand" >&2; exit 1; }
  sudo=sudo
fi
if command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  pk=(pkg-config libncurses-dev libcriterion-dev libyaml-dev libarchive-dev libseccomp-dev libjansson-dev tmux bubblewrap)
  $sudo apt-get install -y -q "${pk[@]}" || { $sudo apt-get update -q && $sudo apt-get install -y -q "${pk[@]}"; }
elif command -v dnf >/dev/null 2>&1; then
  $sudo dnf install -y pkgconf-pkg-config ncurses-devel criterion-devel libyaml-devel libarchive-devel libseccomp-devel jansson-devel tmux bubblewrap
elif command -v pacman >/dev/null 2>&1; then
  $sudo pacman -S --needed --noconfirm pkgconf ncurses criterion libyaml libarchive libseccomp jansson tmux bubblewrap
elif command -v brew >/dev/null 2>&1; then
  brew install pkg-config ncurses criterion libyaml libarchive jansson tmux
else
  echo "error: no apt-get, dnf, pacman or brew found: install ${missing[*]} by hand" >&2
  exit 1
fi

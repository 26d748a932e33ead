#!/usr/bin/env bash
# test_watch.sh — `make test-watch`: make watch end to end, in tmux, as a
# student uses it: a fresh copy of the stubs; a correct softmax.c is saved →
# it passes and the watch moves on to cross_entropy; a cross_entropy.c that
# does not compile → its verdict, watch still running; h → hints 1 then 2;
# a crashing file → a verdict; q → exit 0 and the terminal restored.  Then
# Chinese (SOFTMAX_LAB_LANG=zh) and Ctrl-C, SIGTERM (terminal restored, 143) and the
# stat() poll used where inotify is missing (--poll).
# Env: WATCH_BIN, BUILD_DIR (with build/check and the harnesses built).
set -uo pipefail
cd "$(dirname "$0")/../.."
WATCH_BIN=$(realpath "${WATCH_BIN:?}")
BUILD_DIR=$(realpath "${BUILD_DIR:?}")
command -v tmux >/dev/null || { echo "test-watch: tmux is needed (make deps)"; exit 1; }

tmp=$(mktemp -d /tmp/sl-watch-test-XXXXXX)
session="sl-watch-$$"
fails=0
cleanup() {
  tmux kill-session -t "$session" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

# The stubs as committed (a fresh clone's student/), else the folder as it is.
fresh_student() {
  local dir=$1
  mkdir -p "$dir"
  for f in student/*.c; do
    git show "HEAD:$f" >"$dir/$(basename "$f")" 2>/dev/null || cp "$f" "$dir/"
  done
}

# The visible screen only: tmux keeps cleared screens in its history.
pane() { tmux capture-pane -p -J -t "$session"; }

# wait_for TEXT [SECONDS]: the pane shows TEXT (fixed string) within SECONDS.
wait_for() {
  local text=$1 limit=${2:-${WATCH_TEST_WAIT:-90}} i
  for ((i = 0; i < limit * 10; i++)); do
    pane | grep -qF -- "$text" && return 0
    sleep 0.1
  done
  return 1
}

# wait_gone TEXT [SECONDS]: the pane stops showing TEXT within SECONDS.
wait_gone() {
  local text=$1 limit=${2:-${WATCH_TEST_WAIT:-90}} i
  for ((i = 0; i < limit * 10; i++)); do
    pane | grep -qF -- "$text" || return 0
    sleep 0.1
  done
  return 1
}

expect() {
  local name=$1 text=$2 limit=${3:-${WATCH_TEST_WAIT:-90}}
  if wait_for "$text" "$limit"; then
    echo "  ok   $name"
  else
    echo "  FAIL $name: the screen never showed '$text'; it shows:"
    pane | sed '/^$/d; s/^/       | /' | tail -30
    fails=$((fails + 1))
  fi
}

# start NAME ENV…: a new tmux session running the watch on $tmp/$NAME.
start() {
  local name=$1
  shift
  tmux kill-session -t "$session" 2>/dev/null
  fresh_student "$tmp/$name"
  tmux new-session -d -s "$session" -x 110 -y 40 \
    "env $* $WATCH_BIN --build $BUILD_DIR --student-dir $tmp/$name --state $tmp/$name-state $WATCH_EXTRA;
     echo WATCH-EXIT=\$?; stty -a | grep -o -- '-\\?icanon' | sed 's/^/TTY-/'; sleep 600"
}

echo "test-watch: a student's loop (tmux)"
WATCH_EXTRA=""
start en LANG=C.UTF-8 SOFTMAX_LAB_LANG=en
expect "every exercise checked at start, softmax first" "0/5 exercises"
expect "the first exercise is the current one" ">[ ] softmax"
expect "its verdict: not implemented" "softmax: not implemented yet"
expect "the first sweep over the five is done" "check #5"
cp reference/softmax.c "$tmp/en/softmax.c"
expect "a correct softmax.c passes and the watch moves on" "softmax passes — next: cross_entropy"
expect "progress counts it" "1/5 exercises · 20/100 points"
expect "cross_entropy is current" ">[ ] cross_entropy"
expect "the save-to-verdict time is shown" "after the save"
printf '#include "softmax_lab.h"\ndouble cross_entropy(const double *P, const double *Y, size_t n, size_t k)\n{\n    return P[0] +;\n}\n' >"$tmp/en/cross_entropy.c"
expect "a file that does not compile is a verdict" "cross_entropy.c does not compile"
expect "with the student's file and line first" "cross_entropy.c:4:"
tmux send-keys -t "$session" h
expect "h shows the first hint" "Hints for cross_entropy"
expect "h shows hint 1" "(1 of"
tmux send-keys -t "$session" h
expect "h again shows hint 2" "(2 of"
printf '#include "softmax_lab.h"\n#include <signal.h>\ndouble cross_entropy(const double *P, const double *Y, size_t n, size_t k)\n{\n    (void)P; (void)Y; (void)n; (void)k;\n    raise(SIGSEGV);\n    return 0;\n}\n' >"$tmp/en/cross_entropy.c"
if wait_gone "does not compile"; then
  expect "a crash in the student's code is a verdict too" "0/15 points"
else
  echo "  FAIL the crashing file was never checked"; fails=$((fails + 1))
fi
if pane | grep -qF "WATCH-EXIT"; then
  echo "  FAIL the watch ended after a crash"; fails=$((fails + 1))
else
  echo "  ok   the watch is still running after a crash"
fi
tmux send-keys -t "$session" q
expect "q quits with status 0" "WATCH-EXIT=0" 20
expect "the terminal is back in canonical mode" "TTY-icanon" 20

echo "test-watch: Chinese"
start zh SOFTMAX_LAB_LANG=zh
expect "progress in Chinese" "0/5 个练习通过"
expect "keys in Chinese" "h：下一条提示"
tmux send-keys -t "$session" h
expect "the hint in Chinese" "的提示"
tmux send-keys -t "$session" C-c
expect "Ctrl-C ends it with status 130" "WATCH-EXIT=130" 20
expect "and the terminal is restored" "TTY-icanon" 20

echo "test-watch: SIGTERM restores the terminal"
start term SOFTMAX_LAB_LANG=en
expect "running" "0/5 exercises"
shell_pid=$(tmux display-message -p -t "$session" '#{pane_pid}')
watch_pid=$(ps -o pid= --ppid "$shell_pid" | head -1)
[ -n "$watch_pid" ] && kill -TERM "$watch_pid"
expect "SIGTERM ends it with status 143" "WATCH-EXIT=143" 20
expect "and the terminal is restored" "TTY-icanon" 20

echo "test-watch: the stat() poll (no inotify)"
WATCH_EXTRA="--poll"
start poll SOFTMAX_LAB_LANG=en
expect "running" "0/5 exercises"
cp reference/softmax.c "$tmp/poll/softmax.c"
expect "a save is seen by the poll too" "softmax passes — next: cross_entropy"
tmux send-keys -t "$session" q
expect "q quits" "WATCH-EXIT=0" 20

if ((fails)); then
  echo "test-watch: $fails failed"
  exit 1
fi
echo "test-watch: all passed"

# tmux_e2e.sh — what e2e.sh and e2e_data.sh share: a private tmux server per
# start, polling the screen (never a blind sleep), counting failures and
# killing every server on every exit path.  Sourced, not run:
#   . "$(dirname "$0")/tmux_e2e.sh"
#   e2e_setup NAME path/to/softmax-lab     # NAME: "e2e", "e2e-data" (messages, server names)
#   start() { e2e_start COLS ROWS "ENV=… …" "$@"; }
# Sets BIN (absolute), TMP (removed on exit), T (the tmux command of the
# current server) and fails (the number of failed checks).

# e2e_setup NAME BINARY: checks for tmux and sets up the variables and the
# cleanup trap above.
e2e_setup() {
  E2E_NAME=$1
  BIN=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
  command -v tmux >/dev/null || { echo "$E2E_NAME: tmux is not installed: run 'make deps'"; exit 1; }
  TMP=$(mktemp -d "/tmp/softmax-lab-$E2E_NAME.XXXXXX")
  run=0                       # each start gets its own private server
  T="tmux -L softmax-lab-$E2E_NAME-$$-$run -f /dev/null"
  fails=0
  trap e2e_cleanup EXIT INT TERM
}
e2e_cleanup() {
  for i in $(seq 0 "$run"); do tmux -L "softmax-lab-$E2E_NAME-$$-$i" kill-server >/dev/null 2>&1; done
  rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/softmax-lab-$E2E_NAME-$$-"*
  rm -rf "$TMP"
}

# e2e_start COLS ROWS ENV ARGS…: a fresh server running the lesson (session
# "lesson") at COLS×ROWS under `env ENV`; the pane stays after the program
# exits so that its exit status ($TMP/status) and terminal modes can be read.
e2e_start() {
  local cols=$1 rows=$2 envs=$3
  shift 3
  $T kill-server >/dev/null 2>&1
  run=$((run + 1))
  T="tmux -L softmax-lab-$E2E_NAME-$$-$run -f /dev/null"
  rm -f "$TMP/status"
  $T new-session -d -s lesson -x "$cols" -y "$rows" \
    "env $envs $BIN $*; echo \$? > $TMP/status; sleep 60"
}

say() { printf '  %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*"; fails=$((fails + 1)); }
screen() { $T capture-pane -p -t lesson 2>/dev/null; }
on_screen() { screen | grep -qF -- "$1"; }
off_screen() { ! on_screen "$1"; }

# within SECONDS COMMAND…: runs COMMAND every 50 ms until it succeeds
# (returns 0) or SECONDS have passed (returns 1).
within() {
  local deadline=$(( $(date +%s) + $1 ))
  shift
  while [ "$(date +%s)" -le "$deadline" ]; do
    "$@" && return 0
    sleep 0.05
  done
  return 1
}

# wait_for TEXT [SECONDS]: polls the screen until it contains TEXT.
wait_for() {
  within "${2:-10}" on_screen "$1" && return 0
  fail "did not see \"$1\" within ${2:-10}s; the screen was:"; screen | sed 's/^/    | /'
  return 1
}
# wait_gone TEXT: polls the screen until TEXT is no longer on it.
wait_gone() {
  within "${2:-10}" off_screen "$1" && return 0
  fail "\"$1\" stayed on screen"; return 1
}
# wait_status [SECONDS]: prints the exit status of the program, or "timeout".
wait_status() {
  within "${1:-10}" test -s "$TMP/status" && { cat "$TMP/status"; return 0; }
  echo timeout
}

#!/usr/bin/env bash
# e2e_pages.sh — walks every page of the real build/softmax-lab in tmux as a
# reader would (n from the first page to the last) in English and Chinese at
# 80×24 and 100×32, and with --ascii, and reads each screen: the page number
# is right, no line was cut (the lesson marks every cut with » — > with
# --ascii — in the last column it drew, a sign its text never uses), no
# formula ends a line on an operator, and --ascii shows only 7-bit bytes.
# The six walks run side by side, one process (and tmux server) each.
#   usage: e2e_pages.sh path/to/softmax-lab [COLS ROWS LANG ASCII]   (ASCII: 1 or -)
set -u
if [ $# -eq 1 ]; then
  echo "e2e-pages: every page in tmux, six walks side by side (${1#$PWD/})"
  pids=""
  for w in "80 24 en -" "80 24 zh -" "100 32 en -" "100 32 zh -" "80 24 en 1" "100 32 en 1"; do
    # shellcheck disable=SC2086
    bash "$0" "$1" $w > "/tmp/e2e-pages.$$.${w// /_}" 2>&1 &
    pids="$pids $!"
  done
  bad=0
  for p in $pids; do wait "$p" || bad=$((bad + 1)); done
  cat /tmp/e2e-pages.$$.*
  rm -f /tmp/e2e-pages.$$.*
  [ "$bad" -eq 0 ] && echo "e2e-pages: all checks passed" || echo "e2e-pages: $bad walk(s) failed"
  exit $(( bad > 0 ))
fi
. "$(dirname "$0")/tmux_e2e.sh"
e2e_setup e2e-pages "$1"

# check_screen TEXT PAGE MARKER WHAT: the checks above on a captured screen.
check_screen() {
  local text=$1 page=$2 marker=$3 what=$4 bad
  bad=$(printf '%s\n' "$text" | sed 's/ *$//' | LC_ALL=C.UTF-8 grep -nE -- "([$marker]\$)|([[:alnum:])] (=|−|\\+|×|·|≈)\$)")
  if [ -n "$bad" ]; then fail "$what page $page:"; echo "$bad" | sed 's/^/    | /'; return 1; fi
  return 0
}

# walk COLS ROWS LANG ASCII: every page, first to last.
walk() {
  local cols=$1 rows=$2 lang=$3 ascii=$4 n marker="»" pages=0 cuts_before=$fails
  e2e_start "$cols" "$rows" "TERM=xterm-256color LANG=C.UTF-8 LC_ALL= SOFTMAX_LAB_LANG=$lang" \
    ${ascii:+--ascii}
  [ -n "$ascii" ] && marker=">"
  local what="$lang ${cols}x$rows${ascii:+ ascii}:"
  for n in $(seq 1 24); do
    local head="page $n/24"
    [ "$lang" = zh ] && [ -z "$ascii" ] && head="第 $n/24 页"
    within 10 on_screen "$head" || { fail "$what page $n never shown"; screen | sed 's/^/    | /'; break; }
    local text
    text=$(screen)
    check_screen "$text" "$n" "$marker" "$what"
    if [ -n "$ascii" ] && printf '%s' "$text" | LC_ALL=C grep -q '[^ -~]'; then
      fail "$what page $n: a byte >= 128"
    fi
    pages=$n
    $T send-keys -t lesson n
  done
  $T send-keys -t lesson q
  [ "$fails" -eq "$cuts_before" ] && say "$what $pages pages read, nothing cut"
}

walk "$2" "$3" "$4" "$([ "$5" = 1 ] && echo 1)"
exit $(( fails > 0 ))

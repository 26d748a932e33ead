#!/usr/bin/env bash
# e2e_data.sh — the §6 data pages of the real program in tmux (80×24), as a
# person would use them: the OCR page trains while it is shown (the epoch
# count moves, keys answer meanwhile), ends with a held-out accuracy ≥ 93 %,
# m and j browse the most confident mistakes, the count of right answers is
# that of `softmax-lab train` with the same settings; the calibration page shows the
# ECE; the multi-label page two labels above 0.5; L switches to Chinese;
# --ascii keeps every byte 7-bit; q quits with status 0.
#   usage: e2e_data.sh path/to/softmax-lab
# The screen is polled (never a blind sleep); the tmux server is killed on
# every exit path.
set -u
. "$(dirname "$0")/tmux_e2e.sh"
e2e_setup e2e-data "$1"

# next_until TITLE: presses n until the page titled TITLE is shown.
next_until() {
  for _ in $(seq 30); do
    screen | grep -qF -- "$1" && return 0
    $T send-keys -t lesson n; sleep 0.05
  done
  wait_for "$1" 1
}
# start ARGS…: a fresh server running the lesson at 80×24 (see e2e_start).
start() { e2e_start 80 24 "TERM=xterm-256color LANG=C.UTF-8 LC_ALL= SOFTMAX_LAB_LANG=en" "$@"; }

echo "e2e-data: the section 6 data pages in tmux (${BIN#$PWD/})"
start --section 6
wait_for "Summary and beyond" && say "opened section 6"
next_until "OCR: reading handwritten digits" && say "OCR page"
$T send-keys -t lesson r                     # train from zero, watch it move
wait_for "RUNNING" 5 && say "training runs while the page is shown"
$T send-keys -t lesson m
wait_for "mistake 1 of" 5 && say "m answers while training"
wait_for "DONE" 20 && say "training done"
acc=$(screen | sed -n 's/.*held-out accuracy \([0-9.]*\)% (\([0-9]*\)\/539).*/\1/p' | head -1)
if [ -n "$acc" ] && awk "BEGIN { exit !($acc >= 93) }"; then say "held-out accuracy $acc% >= 93%"
else fail "held-out accuracy '$acc' (want >= 93%)"; screen | sed 's/^/    | /'; fi
# the same run on the command line gives the same count
hits=$(screen | sed -n 's/.*held-out accuracy [0-9.]*% (\([0-9]*\)\/539).*/\1/p' | head -1)
cli=$("$BIN" train --data digits --standardize --test-fraction 0.3 --lr 0.5 --epochs 300 \
      | sed -n 's/^test accuracy: *[0-9.]*% (\([0-9]*\)\/539).*/\1/p')
[ -n "$hits" ] && [ "$hits" = "$cli" ] && say "softmax-lab train agrees: $cli/539 right" \
  || fail "lesson shows '$hits'/539 right, softmax-lab train '$cli'/539"
screen | grep -q "wine (13 features.*held-out accuracy [0-9.]*%" && say "wine accuracy shown" \
  || fail "no wine accuracy"
$T send-keys -t lesson j
wait_for "mistake 2 of" && say "j: the next mistake"
screen | grep -q "WRONG" && say "the mistake is marked" || fail "no WRONG on a mistake"
$T send-keys -t lesson n n
wait_for "Measured: are the probabilities honest?" && wait_for "ECE = 0." && say "calibration page (after the OCR page): ECE shown"
$T send-keys -t lesson p p p
wait_for "Both labels are above 0.5" && say "multi-label page: two labels above 0.5"
$T send-keys -t lesson n L
wait_for "留出集准确率" && say "L: the OCR page in Chinese"
$T send-keys -t lesson q
[ "$(wait_status 5)" = 0 ] && say "q quits with status 0" || fail "q did not quit with status 0"

start --ascii --section 6
wait_for "Summary and beyond"
next_until "OCR: reading handwritten digits"
wait_for "DONE" 20
$T send-keys -t lesson m
wait_for "mistake 1 of"
if screen | LC_ALL=C grep -q '[^ -~]'; then fail "--ascii: a byte >= 128 on the OCR page"; screen | sed 's/^/    | /'
else say "--ascii: the OCR page is 7-bit"; fi
$T send-keys -t lesson q

[ "$fails" -eq 0 ] && echo "e2e-data: all checks passed" || echo "e2e-data: $fails check(s) failed"
exit $(( fails > 0 ))

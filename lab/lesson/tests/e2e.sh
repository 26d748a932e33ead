#!/usr/bin/env bash
# e2e.sh — runs the real build/softmax-lab in tmux (private server, fixed
# size) as a person would: opens section 5, trains, checks that the screen
# changes and shows a boundary and a loss axis, opens and closes the help,
# jumps sections, switches language, resizes (also below the minimum),
# quits with status 0; then Ctrl-C (terminal restored), --ascii (7-bit
# only), no terminal (exit 1) and a bad flag (exit 2).
#   usage: e2e.sh path/to/softmax-lab
# The screen is polled (never a blind sleep); the tmux server is killed on
# every exit path.
set -u
. "$(dirname "$0")/tmux_e2e.sh"
e2e_setup e2e "$1"

# epoch shown in the status line of the training page
epoch() { screen | sed -n "s/.*after \([0-9][0-9]*\) epochs:.*/\1/p" | head -1; }
epoch_at_least() { local e; e=$(epoch); [ -n "$e" ] && [ "$e" -ge "$1" ]; }
wait_epoch_at_least() {
  within 15 epoch_at_least "$1" && return 0
  fail "training did not reach epoch $1 (screen shows epoch '$(epoch)')"; return 1
}

# expect_7bit FAIL OK: says OK if every byte on screen is 7-bit ASCII, else
# fails with FAIL and shows the first lines holding other bytes.
expect_7bit() {
  if screen | LC_ALL=C grep -q '[^ -~]'; then
    fail "$1"; screen | LC_ALL=C grep -n '[^ -~]' | head -3
  else
    say "$2"
  fi
}

# start ARGS…: a fresh server running the lesson at 100×32 (see e2e_start).
start() {
  e2e_start 100 32 "TERM=xterm-256color LANG=${LOCALE:-C.UTF-8} LC_ALL= LC_CTYPE= LC_MESSAGES= SOFTMAX_LAB_LANG=${LESSON_LANG-en}" "$@"
}

echo "e2e: the lesson in tmux (${BIN#$PWD/})"
start --section 5
wait_for "The lecture's demo, in C" && say "opened section 5"
$T send-keys -t lesson n
wait_for "PAUSED" && wait_for "after 0 epochs:" && say "training page, paused at epoch 0"
screen | grep -qF "boundary" || fail "no boundary legend"
screen | grep -q "┤" || fail "no y axis ticks"
screen | grep -qF "epoch" || fail "no loss axis label"
screen | grep -qF "cross-entropy loss" || fail "no loss axis title"
$T send-keys -t lesson Space
wait_for "RUNNING" && wait_epoch_at_least 20 && say "training runs (epoch $(epoch))"
a=$(screen); e1=$(epoch)
wait_epoch_at_least $((e1 + 20))
b=$(screen)
[ "$a" != "$b" ] && say "the screen changes while training" || fail "the screen did not change"
echo "$b" | grep -q "•" || fail "no loss curve drawn"
echo "$b" | grep -q "░" || fail "no decision boundary cells drawn"
$T send-keys -t lesson Space
wait_for "PAUSED" && say "space pauses"
# a large lr misbehaves visibly within 10 s: the loss axis climbs above 2
loss_top() { screen | grep -A1 "cross-entropy loss" | sed -n '2s/.* \([0-9.][0-9.]*\)┤.*/\1/p'; }
loss_top_above_2() { local t; t=$(loss_top); [ -n "$t" ] && awk "BEGIN{exit !($t > 2)}"; }
$T send-keys -t lesson + + + + r Space
within 10 loss_top_above_2 && say "lr 1.6: the loss jumps (axis up to $(loss_top)) within 10 s" \
  || fail "lr 1.6: the loss axis stayed at $(loss_top)"
$T send-keys -t lesson + + + + + r Space
within 10 on_screen "no longer finite" && say "lr 51.2: the loss stops being finite within 10 s, explained" \
  || fail "lr 51.2: no 'no longer finite' within 10 s"
$T send-keys -t lesson - - - - - - - - - r
wait_for "lr 0.1," && say "- lowers lr back to 0.1"
$T send-keys -t lesson '?'
wait_for "previous / next page" && wait_for "space run/pause" && say "help lists the global and the page's keys"
$T send-keys -t lesson Escape
wait_gone "previous / next page" && say "Esc closes the help"
$T send-keys -t lesson 2
wait_for "The softmax function" && say "2 jumps to section 2"
$T send-keys -t lesson 3
wait_for "Model and cross-entropy" && say "3 jumps to section 3"
$T send-keys -t lesson L
wait_for "模型与交叉熵" && say "L switches to Chinese"
# footer_on ROW: the footer (global keys) is drawn on that screen row
footer_row_is() { screen | sed -n "${1}p" | grep -qF "q 退出"; }
footer_on() {
  within 10 footer_row_is "$1" && return 0
  fail "the footer is not on row $1 after resizing"; screen | sed 's/^/    | /'; return 1
}
$T resize-window -t lesson -x 80 -y 24
wait_for "模型与交叉熵" && footer_on 24 && say "re-laid out at 80x24"
$T resize-window -t lesson -x 70 -y 20
wait_for "终端窗口太小" && say "below 80x24: terminal too small"
$T resize-window -t lesson -x 200 -y 60
wait_for "模型与交叉熵" && footer_on 60 && say "re-laid out at 200x60"
$T send-keys -t lesson q
st=$(wait_status)
[ "$st" = 0 ] && say "q quits with status 0" || fail "q: exit status '$st', expected 0"
[ "$($T display -p -t lesson '#{alternate_on}')" = 0 ] || fail "the terminal was left in the alternate screen after q"

start --section 5
wait_for "The lecture's demo, in C"
$T send-keys -t lesson n Space
wait_for "RUNNING"
$T send-keys -t lesson C-c
st=$(wait_status)
[ "$st" = 130 ] && say "Ctrl-C stops it (status 130)" || fail "Ctrl-C: exit status '$st', expected 130"
[ "$($T display -p -t lesson '#{alternate_on}')" = 0 ] && say "terminal restored after Ctrl-C" \
  || fail "the terminal was left in the alternate screen after Ctrl-C"
[ "$($T display -p -t lesson '#{cursor_flag}')" = 1 ] || fail "the cursor stayed hidden after Ctrl-C"

start --section 2
wait_for "The softmax function"
pid=$(ps -o pid= --ppid "$($T display -p -t lesson '#{pane_pid}')" | tr -d ' ' | head -1)
[ -n "$pid" ] && kill -SEGV "$pid"
st=$(wait_status)
[ "$st" = 139 ] && say "a crash (SIGSEGV) ends it with status 139" || fail "SIGSEGV: exit status '$st', expected 139"
[ "$($T display -p -t lesson '#{alternate_on}')" = 0 ] && [ "$($T display -p -t lesson '#{cursor_flag}')" = 1 ] \
  && say "terminal restored after the crash" || fail "the terminal was not restored after SIGSEGV"

start --ascii --section 5 --lang zh
wait_for "The lecture's demo, in C" && say "--ascii --lang zh shows English"
$T send-keys -t lesson n Space
wait_epoch_at_least 10
$T send-keys -t lesson '?'
wait_for "previous / next page"
expect_7bit "--ascii screen holds non-ASCII bytes:" "--ascii: every byte on screen is 7-bit"
$T send-keys -t lesson q
[ "$(wait_status)" = 0 ] || fail "--ascii: q did not exit 0"

start --no-color --section 5
wait_for "The lecture's demo, in C"
$T send-keys -t lesson n Space
wait_epoch_at_least 10
esc=$($T capture-pane -p -e -t lesson)
if echo "$esc" | grep -qE $'\e\\[([0-9;]*;)?(3|4)[0-7](;[0-9;]*)?m'; then
  fail "--no-color still sets colours"
elif ! echo "$esc" | grep -qE $'\e\\[([0-9;]*;)?1(;[0-9;]*)?m'; then
  fail "--no-color: no bold attribute left for the points"
else
  say "--no-color: no colour, points still bold"
fi
$T send-keys -t lesson q
[ "$(wait_status)" = 0 ] || fail "--no-color: q did not exit 0"
start --section 5
wait_for "The lecture's demo, in C"
$T send-keys -t lesson n
wait_for "PAUSED"
$T capture-pane -p -e -t lesson | grep -qE $'\e\\[([0-9;]*;)?4[0-7](;[0-9;]*)?m' \
  && say "with colours: regions have a background colour" || fail "no background colours on the map"
$T send-keys -t lesson q
wait_status >/dev/null

LESSON_LANG= LOCALE=zh_CN.UTF-8 start --section 2
wait_for "Softmax 函数" && say "LANG=zh_CN.UTF-8 (even when that locale is not installed): Chinese"
$T send-keys -t lesson q
[ "$(wait_status)" = 0 ] || fail "LANG=zh_CN.UTF-8: q did not exit 0"

LOCALE=C start --section 6 --lang zh
wait_for "Summary and beyond"
expect_7bit "a non-UTF-8 locale got non-ASCII bytes:" "locale not UTF-8: English in 7-bit ASCII"
$T send-keys -t lesson q
[ "$(wait_status)" = 0 ] || fail "LANG=C: q did not exit 0"

out=$(TERM=xterm "$BIN" </dev/null 2>&1 >/dev/null); st=$?
[ $st = 1 ] && echo "$out" | grep -qF "needs an interactive terminal" && say "not a tty: clear message, status 1" \
  || fail "not a tty: status $st, message '$out'"
out=$(env -u TERM "$BIN" 2>&1 </dev/null); st=$?
[ $st = 1 ] && echo "$out" | grep -qF "TERM is not set" && say "no TERM: clear message, status 1" \
  || fail "no TERM: status $st, message '$out'"
out=$("$BIN" --colour-me-pink 2>&1); st=$?
[ $st = 2 ] && [ "$(echo "$out" | wc -l)" = 1 ] && say "bad flag: one line, status 2" \
  || fail "bad flag: status $st, output '$out'"
out=$("$BIN" --section 9 2>&1); st=$?
[ $st = 2 ] || fail "--section 9: status $st, expected 2 ($out)"

out=$(SOFTMAX_LAB_LANG=en "$BIN" train --plot --ascii --data iris --features 2,3 --standardize --lr 0.5 --epochs 100 2>&1); st=$?
if [ $st = 0 ] && echo "$out" | grep -qF "decision boundary: petal_length_cm across" \
   && echo "$out" | grep -qF "o setosa  x versicolor  + virginica" && echo "$out" | grep -qF " epoch" \
   && ! echo "$out" | LC_ALL=C grep -q '[^ -~]'; then
  say "train --plot --ascii: boundary, legend and loss axis, 7-bit only"
else
  fail "train --plot --ascii (status $st):"; echo "$out" | sed 's/^/    | /'
fi

if [ $fails -ne 0 ]; then echo "e2e: $fails failure(s)"; exit 1; fi
echo "e2e: all checks passed"

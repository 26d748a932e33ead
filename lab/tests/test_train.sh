#!/usr/bin/env bash
# test_train.sh — end-to-end test of `softmax-lab train`: bad flags give one
# clear line and exit 2; on iris (features 2,3, standardised, lr 0.5, 300
# epochs) the weights and the loss curve equal an independent computation of
# the lecture's gradient descent (train_check.py) to 1e-9.
set -u -o pipefail
BIN=${SOFTMAX_LAB:-build/softmax-lab}
export SOFTMAX_LAB_LANG=en          # the messages below are the English ones
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0 checks=0
fail() { echo "  FAIL: $*"; fails=$((fails + 1)); }

# args… expected-stderr-substring
bad_flag() {
    local want=${*: -1} args=("${@:1:$#-1}")
    checks=$((checks + 1))
    "$BIN" train "${args[@]}" >"$TMP/out" 2>"$TMP/err"
    local rc=$? lines
    lines=$(wc -l <"$TMP/err")
    if [ $rc -ne 2 ]; then fail "train ${args[*]}: exit $rc, expected 2"; return; fi
    if [ "$lines" -ne 1 ]; then fail "train ${args[*]}: $lines lines on stderr, expected 1:"; cat "$TMP/err"; return; fi
    if ! grep -qF -- "$want" "$TMP/err"; then fail "train ${args[*]}: expected '$want' in: $(cat "$TMP/err")"; return; fi
    if [ -s "$TMP/out" ]; then fail "train ${args[*]}: printed on stdout"; fi
}

printf 'a,b,label\n1,2,x\n3,y\n' >"$TMP/bad.csv"
bad_flag --bogus "unknown option '--bogus'"
bad_flag --lr "--lr needs a value"
bad_flag --lr -1 "--lr must be a positive number, not '-1'"
bad_flag --lr abc "--lr must be a positive number, not 'abc'"
bad_flag --epochs x "--epochs must be a whole number"
bad_flag --impl foo "--impl must be reference or student, not 'foo'"
bad_flag --test-fraction 1 "--test-fraction must be a number in [0, 1)"
bad_flag --data nosuch "unknown dataset 'nosuch'"
bad_flag --data "$TMP/none.csv" "$TMP/none.csv: cannot open"
bad_flag --data "$TMP/bad.csv" "bad.csv:3: expected 3 fields, got 2"
bad_flag --data iris --features 9 "feature 9 does not exist"
SOFTMAX_LAB_LANG=zh bad_flag --lr abc "--lr 必须是正数，而不是 'abc'（参见 softmax-lab train --help）"

checks=$((checks + 1))                     # the summary in Chinese too
SOFTMAX_LAB_LANG=zh "$BIN" train --data iris --features 2,3 --epochs 5 --test-fraction 0.2 \
    --plot >"$TMP/zh" 2>&1
for want in "数据：iris，120 个训练样本 + 30 个测试样本，2 个特征：petal_length_cm、petal_width_cm，3 个类别" \
        "实现：reference，学习率 0.1，5 轮" "损失：第 0 轮 1.098612" "训练集准确率：" "测试集准确率：" "每轮用时：" \
        "决策边界：横轴 petal_length_cm，纵轴 petal_width_cm" "░ 边界" "交叉熵损失"; do
    grep -qF -- "$want" "$TMP/zh" || { fail "train in Chinese: no '$want' in:"; cat "$TMP/zh"; break; }
done

checks=$((checks + 1))
if ! command -v python3 >/dev/null; then
    echo "  SKIP: no python3, so the independent gradient-descent computation cannot run"
elif ! "$BIN" train --data iris --features 2,3 --standardize --lr 0.5 --epochs 300 \
        --weights "$TMP/w.csv" --loss-csv "$TMP/loss.csv" >"$TMP/out" 2>&1; then
    fail "train on iris failed:"; cat "$TMP/out"
elif ! python3 lab/tests/train_check.py lab/data/iris.csv 2,3 0.5 300 "$TMP/w.csv" "$TMP/loss.csv" 1e-9 \
        | sed 's/^/  /'; then
    fail "softmax-lab train differs from the independent computation by more than 1e-9"
fi

echo "softmax-lab train end to end: $((checks - fails))/$checks passed"
[ $fails -eq 0 ]

# bench.mk — `make bench` (speed report, never a pass/fail), the equivalence
# test of the engine (lab/engine/) with reference/train.c, and the tests of
# the evaluation module (lab/eval.c).
BENCH_DIR := $(BUILD)/bench
BENCH_TRAIN := $(BENCH_DIR)/bench-train
TRAIN_EQUIV := $(BENCH_DIR)/train-equiv
BENCH_LINK = $(CC) $(LDFLAGS) $^ -lm -o $@

# The engine runs its epochs on every core with POSIX threads.
LDFLAGS += -pthread

$(BENCH_TRAIN): $(BUILD)/obj/lab/bench/bench_train.o $(REF_OBJ) $(RT_LIB)
	@mkdir -p $(@D)
	$(call quiet,LD,$@)$(BENCH_LINK)

# The yardstick, OpenBLAS dgemm: built by bench.sh when OpenBLAS is there
# (pkg-config openblas, else plain -lopenblas); make bench says so when not.
BENCH_DGEMM := $(BENCH_DIR)/bench-dgemm
OPENBLAS_LIBS = $(shell pkg-config --libs openblas 2>/dev/null || echo -lopenblas)
$(BENCH_DGEMM): lab/bench/bench_dgemm.c
	@mkdir -p $(@D)
	@$(CC) $(CFLAGS_BASE) $(WARN) $< $(OPENBLAS_LIBS) -lm -o $@

$(TRAIN_EQUIV): $(BUILD)/obj/lab/bench/tests/train_equiv.o $(REF_OBJ) $(RT_LIB)
	@mkdir -p $(@D)
	$(call quiet,LD,$@)$(BENCH_LINK)

# lab/eval.c (confusion, top-k, calibration, digit art, confident mistakes),
# lab/multilabel.c, and the report of `softmax-lab train` (whose --plot needs
# the renderers).  lab/tests/eval_test.c and multilabel_test.c also run in
# the runtime unit tests (lab/tests/tests.mk); train_cmd_eval.c only here.
EVAL_TEST := $(BENCH_DIR)/eval-test
$(EVAL_TEST): $(BUILD)/obj/lab/tests/eval_test.o $(BUILD)/obj/lab/bench/tests/train_cmd_eval.o \
              $(REF_OBJ) $(RT_LIB) $(patsubst %.c,$(BUILD)/obj/%.o,$(wildcard lab/render/*.c))
	@mkdir -p $(@D)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) $^ $(CRITERION_LIBS) -lm -o $@

# lab/multilabel.c (the lesson's multi-label demo on sigmoid_bce).
MULTILABEL_TEST := $(BENCH_DIR)/multilabel-test
$(MULTILABEL_TEST): $(BUILD)/obj/lab/tests/multilabel_test.o $(REF_OBJ) $(RT_LIB)
	@mkdir -p $(@D)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) $^ $(CRITERION_LIBS) -lm -o $@

.PHONY: bench test-train-equiv test-eval
TEST_TARGETS += test-eval
test-eval: $(EVAL_TEST) $(MULTILABEL_TEST)
	@$(EVAL_TEST) --jobs 2
	@$(MULTILABEL_TEST) --jobs 2
TEST_TARGETS += test-train-equiv
test-train-equiv: $(TRAIN_EQUIV)
	@$(TRAIN_EQUIV)

# Speed of the reference against the lecture's NumPy method, and of the other
# parts' benchmarks when they exist.  Reports only: exit status 0 whatever
# the figures are.
bench: $(BENCH_TRAIN) $(BENCH_CSV) $(LAB_BIN)
	@bash lab/bench/bench.sh "$(BUILD)" "$(MAKE)"

help::
	@echo "  make bench                  speed report: engine vs dgemm and NumPy, CSV loading, check latency, grading rate"

# The CSV loader at MNIST scale (bench.sh generates the file, then deletes it).
BENCH_CSV := $(BENCH_DIR)/bench-csv
$(BENCH_CSV): $(BUILD)/obj/lab/bench/bench_csv.o $(RT_LIB)
	@mkdir -p $(@D)
	$(call quiet,LD,$@)$(BENCH_LINK)

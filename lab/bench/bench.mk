# bench.mk — `make bench` (speed report, never a pass/fail) and the tests of
# the fast reference train() and of the evaluation module (lab/eval.c).
BENCH_DIR := $(BUILD)/bench
BENCH_TRAIN := $(BENCH_DIR)/bench-train
TRAIN_EQUIV := $(BENCH_DIR)/train-equiv
BENCH_LINK = $(CC) $(LDFLAGS) $^ -lm -o $@

# The reference train() runs its epochs on both cores with POSIX threads.
LDFLAGS += -pthread
$(BUILD)/obj/lab/bench/%.o: EXTRA_CFLAGS += -Ilab/bench

$(BENCH_TRAIN): $(BUILD)/obj/lab/bench/bench_train.o $(BUILD)/obj/lab/bench/train_naive.o $(REF_OBJ) $(RT_LIB)
	@mkdir -p $(@D)
	$(call quiet,LD,$@)$(BENCH_LINK)

$(TRAIN_EQUIV): $(BUILD)/obj/lab/bench/tests/train_equiv.o $(BUILD)/obj/lab/bench/train_naive.o $(REF_OBJ) $(RT_LIB)
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
bench: $(BENCH_TRAIN)
	@bash lab/bench/bench.sh "$(BUILD)" "$(MAKE)"

help::
	@echo "  make bench                  speed report: C reference vs NumPy, check latency, grading rate"

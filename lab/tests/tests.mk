# tests.mk — runtime unit tests (Criterion) and the end-to-end test of
# `softmax-lab train`; also `make test-asan`, the whole own-code test pass
# under AddressSanitizer + UBSan.
UNIT_SRC := $(wildcard lab/tests/*.c)
UNIT_OBJ := $(UNIT_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_BIN := $(BUILD)/lab-tests
RESULTS_FIXTURE_BIN := $(BUILD)/results-fixture
UNIT_OUT := $(BUILD)/lab-tests.d
$(UNIT_OBJ): EXTRA_CFLAGS += -Igrader/run -Igrader/check
# The checker's drawing and hints (not its main) are unit-tested too.
UNIT_CHECK_OBJ := $(filter-out %/check.o,$(CHECK_OBJ))

# The reference is linked in for tests that train (eval_test.c).
$(UNIT_BIN): $(UNIT_OBJ) $(UNIT_CHECK_OBJ) $(RUN_LIB) $(BUILD)/libslmem.a $(REF_OBJ) $(RT_LIB)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) $(UNIT_OBJ) $(UNIT_CHECK_OBJ) $(RUN_LIB) $(BUILD)/libslmem.a $(REF_OBJ) $(RT_LIB) $(YAML_LIBS) $(CRITERION_LIBS) $(JANSSON_LIBS) -ldl -lm -o $@

$(RESULTS_FIXTURE_BIN): $(BUILD)/obj/lab/tests/fixtures/results_suite.o $(BUILD)/harness/softmax.a
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) $^ $(CRITERION_LIBS) $(JANSSON_LIBS) -lm -o $@

.PHONY: test-unit test-train test-asan
TEST_TARGETS += test-unit test-asan
# The fixture suite fails on purpose (one check of each outcome): only the
# records it writes matter, which test_results.c then reads.
test-unit: $(UNIT_BIN) $(RESULTS_FIXTURE_BIN) test-train
	@mkdir -p $(UNIT_OUT) && rm -f $(UNIT_OUT)/fixture.results
	@SL_RESULTS=$(UNIT_OUT)/fixture.results $(RESULTS_FIXTURE_BIN) >/dev/null 2>&1 || true
	@echo "unit tests ($(UNIT_BIN)):"
	@SL_RESULTS_FIXTURE=$(UNIT_OUT)/fixture.results $(UNIT_BIN) --color=never

test-train: $(LAB_BIN)
	@SOFTMAX_LAB=$(LAB_BIN) bash lab/tests/test_train.sh

# Our own code again under ASan + UBSan, in its own build folder: the unit
# tests.  The checker and the suites are left out for now: in a SANITIZE=1
# kit the ASan-built worker aborts under its seccomp filter (known, to fix).
ASAN_TARGETS = test-unit
test-asan:
	@echo "== ASan + UBSan pass ($(BUILD)/asan): $(ASAN_TARGETS)"
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/lab/tests/lsan.supp \
	  $(MAKE) --no-print-directory BUILD=$(BUILD)/asan SANITIZE=1 $(ASAN_TARGETS)

help::
	@echo "  make test-unit              runtime unit tests and the softmax-lab train end-to-end test"
	@echo "  make test-asan              unit tests again under ASan + UBSan"

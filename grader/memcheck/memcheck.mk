# grader/memcheck/memcheck.mk — the memory check (grader/memcheck/README.md).
#
#   $(MC_DIR)/harness.a   every reference/*.c and lab/runtime.c under AddressSanitizer + UBSan
#   $(MC_DIR)/driver/*.o  the memory-check program's main, cases and allocation wrappers
#   $(MC_LIB)             the trusted side: build, run, parse, symbolise, word (libslmem.a)
# The student's file is compiled and linked against these by mc_build()
# (grader/memcheck/mc_build.h), with the toolchain baked in below.
MC_DIR := $(BUILD)/memcheck
MC_SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize=object-size,bounds -fno-omit-frame-pointer -fno-sanitize-recover=all
MC_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 $(MC_SAN_FLAGS) $(WARN) -Ilab -Igrader/memcheck -Igrader/worker
MC_HARNESS_SRC := $(wildcard reference/*.c) lab/runtime.c
MC_HARNESS_OBJ := $(MC_HARNESS_SRC:%.c=$(MC_DIR)/obj/%.o)
MC_HARNESS := $(MC_DIR)/harness.a
MC_DRIVER_SRC := grader/memcheck/mc_main.c grader/memcheck/mc_cases.c grader/memcheck/mc_alloc.c
MC_DRIVER_OBJ := $(MC_DRIVER_SRC:grader/memcheck/%.c=$(MC_DIR)/driver/%.o)
MC_LIB_SRC := $(filter-out grader/memcheck/mc_main.c grader/memcheck/mc_alloc.c,$(wildcard grader/memcheck/mc_*.c))
MC_LIB_OBJ := $(MC_LIB_SRC:%.c=$(BUILD)/obj/%.o)
MC_LIB := $(BUILD)/libslmem.a

$(MC_DIR)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(call quiet,CC,$<)$(CC) $(MC_CFLAGS) -MMD -MP -c $< -o $@
$(MC_DIR)/driver/%.o: grader/memcheck/%.c
	@mkdir -p $(@D)
	$(call quiet,CC,$<)$(CC) $(MC_CFLAGS) -MMD -MP -c $< -o $@

$(MC_HARNESS): $(MC_HARNESS_OBJ)
	@rm -f $@
	$(call quiet,AR,$@)ar rcs $@ $^

# sl_exec (grader/run/exec.c) rides along: the suites link this archive, not libslrun.
$(MC_LIB): $(MC_LIB_OBJ) $(BUILD)/obj/grader/run/exec.o
	@rm -f $@
	$(call quiet,AR,$@)ar rcs $@ $^

# The toolchain baked into mc_build.o (absolute paths: works from any folder).
MC_STUDENT_CFLAGS_ABS = $(patsubst -Ilab,-I$(CURDIR)/lab,$(filter-out $(SANITIZER_FLAGS),$(STUDENT_CFLAGS)))
MC_BUILD_DEFS = -DMC_CC='"$(CC)"' -DMC_STUDENT_CFLAGS='"$(MC_STUDENT_CFLAGS_ABS) $(MC_SAN_FLAGS)"' \
  -DMC_SAN_LDFLAGS='"$(MC_SAN_FLAGS)"' -DMC_DIR='"$(abspath $(MC_DIR))"' \
  -DMC_FILTER_OBJ='"$(abspath $(BUILD))/obj/grader/worker/filter.o"' -DMC_LIBS='"$(strip $(SECCOMP_LIBS) -lm -lpthread)"'
$(BUILD)/obj/grader/memcheck/mc_build.o: EXTRA_CFLAGS += $(MC_BUILD_DEFS)
$(BUILD)/obj/grader/memcheck/mc_build.o: $(BUILD)/memcheck-toolchain.txt
$(BUILD)/memcheck-toolchain.txt: FORCE
	@mkdir -p $(@D)
	@echo '$(MC_BUILD_DEFS)' | cmp -s - $@ || echo '$(MC_BUILD_DEFS)' > $@
$(MC_LIB_OBJ) $(BUILD)/obj/grader/memcheck/tool.o: EXTRA_CFLAGS += -Igrader/run

.PHONY: memcheck-tools
memcheck-tools: $(MC_HARNESS) $(MC_DRIVER_OBJ) $(MC_LIB) $(BUILD)/obj/grader/worker/filter.o
all: memcheck-tools

# build/memcheck/mc: the memory check by hand (grader/memcheck/tool.c).
MC_TOOL := $(MC_DIR)/mc
$(MC_TOOL): $(BUILD)/obj/grader/memcheck/tool.o $(MC_LIB) $(RUN_LIB)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) $^ -o $@
memcheck-tools: $(MC_TOOL)

# The check `memory` of exercise E: grader/memcheck/check.c built with
# -DMC_EXERCISE=E, linked into E's suite (grader/run/build.c, grader/suites.mk)
# with $(MC_LIB).  The suite DIR/NAME runs the program DIR/memcheck-NAME.
MC_CHECK_OBJS := $(ALL_EXERCISES:%=$(BUILD)/obj/grader/memcheck/check-%.o)
$(MC_CHECK_OBJS): $(BUILD)/obj/grader/memcheck/check-%.o: grader/memcheck/check.c
	@mkdir -p $(@D)
	$(call quiet,CC,$<)$(CC) $(CFLAGS) -Igrader/memcheck -DMC_EXERCISE=$* -MMD -MP -c $< -o $@
memcheck-tools: $(MC_CHECK_OBJS) $(MC_TOOL)
check-tools: memcheck-tools
harnesses: memcheck-tools

# make check builds <work>/memcheck-<id>-suite with mc_build (grader/run/runner.c;
# grader/check/check.mk links $(MC_LIB) after libslrun.a).

# make check EX=<id> VERBOSE=1: the sanitizer's own report after the explanation.
ifeq ($(VERBOSE),1)
export SL_MEMCHECK_VERBOSE := 1
endif

# $(call mc_suite_objs,E): what a suite binary of E links for its check `memory`.
mc_suite_objs = $(BUILD)/obj/grader/memcheck/check-$(1).o $(MC_LIB)

# $(call mc_program_of,BIN): where the check `memory` of suite binary DIR/NAME
# looks for its program: DIR/memcheck-NAME (like the worker's DIR/worker-NAME).
mc_program_of = $(dir $(1))memcheck-$(notdir $(1))
# $(call mc_suite_program,E,BIN,STUDENT_SOURCE): the memory-check program of a
# suite binary of grader/suites.mk or of the tests below.
define mc_suite_program
$(call mc_program_of,$(2)): $(3) $(MC_TOOL) $(MC_HARNESS) $(MC_DRIVER_OBJ) $(BUILD)/obj/grader/worker/filter.o
	@mkdir -p $$(@D)
	$$(call quiet,MC,$$@)$(MC_TOOL) build $(1) $(abspath $(3)) $$@ >$$@.build-log 2>&1 || { cat $$@.build-log; exit 1; }
endef
$(BUILD)/obj/grader/run/runner.o: EXTRA_CFLAGS += -Igrader/memcheck

# ---- tests (make test-memcheck) ---------------------------------------------
MC_UNIT := $(MC_DIR)/test-report
$(MC_UNIT): $(BUILD)/obj/grader/memcheck/tests/test_report.o $(MC_LIB)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) $^ $(CRITERION_LIBS) -o $@
$(BUILD)/obj/grader/memcheck/tests/test_report.o: EXTRA_CFLAGS += -Igrader/memcheck

.PHONY: test-memcheck-unit
test-memcheck-unit: $(MC_UNIT)
	@$(MC_UNIT) --color=never

# End-to-end (grader/memcheck/tests/run.sh): the suite of exercise E linked with
#   each memory fixture   grader/fixtures/memory/E/<kind>.c  → $(MC_TEST_OUT)/E/mem-<kind>
#   each correct file     grader/fixtures/correct/E/<x>.c    → $(MC_TEST_OUT)/E/ok-<x>
#                         grader/memcheck/tests/ok/E/<x>.c   (a leftover main, a global helper)
#   the reference                                          → $(MC_TEST_OUT)/E/ok-reference
# each with its program memcheck-<name> beside it.
MC_TEST_OUT := $(MC_DIR)/tests
MC_TEST_EXERCISES := $(basename $(notdir $(wildcard grader/suites/*.c)))
MC_TEST_BINS :=
# $(call mc_test_suite,E,NAME,STUDENT_SOURCE): as grader/suites.mk lays out a
# suite: NAME a link to the judge, worker-NAME and memcheck-NAME beside it.
define mc_test_suite
$(MC_TEST_OUT)/$(1)/$(2): $(BUILD)/judge/$(1) $(MC_TEST_OUT)/$(1)/worker-$(2)
	@mkdir -p $$(@D)
	@ln -f $$< $$@
$(MC_TEST_OUT)/$(1)/worker-$(2): $(WORKER_MAIN_OBJ) $(BUILD)/sobj/$(3:.c=.o) $(BUILD)/harness/$(1).a
	@mkdir -p $$(@D)
	$$(call quiet,LD,$$@)$$(CC) $$(LDFLAGS) $$^ $$(WORKER_LIBS) -o $$@
MC_TEST_BINS += $(MC_TEST_OUT)/$(1)/$(2) $(call mc_program_of,$(MC_TEST_OUT)/$(1)/$(2))
$(call mc_suite_program,$(1),$(MC_TEST_OUT)/$(1)/$(2),$(3))
endef
$(foreach e,$(MC_TEST_EXERCISES),\
  $(eval $(call mc_test_suite,$(e),ok-reference,reference/$(e).c))\
  $(foreach f,$(wildcard grader/fixtures/memory/$(e)/*.c),\
    $(eval $(call mc_test_suite,$(e),mem-$(basename $(notdir $(f))),$(f))))\
  $(foreach f,$(wildcard grader/fixtures/correct/$(e)/*.c grader/memcheck/tests/ok/$(e)/*.c),\
    $(eval $(call mc_test_suite,$(e),ok-$(basename $(notdir $(f))),$(f)))))

.PHONY: test-memcheck
test-memcheck: test-memcheck-unit $(MC_TEST_BINS) grade-tools
	@GRADE_BIN=$(GRADE_BIN) BUILD_DIR=$(BUILD) bash grader/memcheck/tests/run.sh $(MC_TEST_OUT) $(MC_TEST_EXERCISES)
TEST_TARGETS += test-memcheck

help::
	@echo "  make test-memcheck          memory check: each memory fixture caught with its file:line, correct files pass"

# What the memory check costs in make check EX=train (make bench runs it too).
.PHONY: bench-memcheck
bench-memcheck: check-tools
	@bash grader/memcheck/bench.sh $(BUILD)

# Every judge (grader/worker/worker.mk links $^) holds its exercise's check `memory`.
$(foreach e,$(ALL_EXERCISES),\
  $(eval $(BUILD)/judge/$(e): $(BUILD)/obj/grader/memcheck/check-$(e).o $(MC_LIB)))
$(foreach e,$(patsubst grader/hidden/%.c,%,$(wildcard grader/hidden/*.c)),\
  $(eval $(BUILD)/judge/$(e)-hidden: $(BUILD)/obj/grader/memcheck/check-$(e).o $(MC_LIB)))

# The reference's program of each exercise, for the grader's self-check of the
# kit (grader/grade/selfcheck.c): $(MC_DIR)/ref/memcheck-E.
MC_REF_PROGRAMS := $(ALL_EXERCISES:%=$(MC_DIR)/ref/memcheck-%)
$(foreach e,$(ALL_EXERCISES),$(eval $(call mc_suite_program,$(e),$(MC_DIR)/ref/$(e),reference/$(e).c)))
grade-tools: $(MC_REF_PROGRAMS)

# The instructor grader compiles the two sanitizer builds in its compile sandbox
# (grader/grade/compile.c) and links the program beside the worker (pipeline.c).
$(BUILD)/obj/grader/grade/compile.o $(BUILD)/obj/grader/grade/pipeline.o: EXTRA_CFLAGS += -Igrader/memcheck
grade-tools: memcheck-tools

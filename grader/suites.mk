# grader/suites.mk — the check suites' own tests (`make test-suites`).
#
# For every exercise E with a suite grader/suites/E.c this builds the judge
# (Makefile: "check harnesses") with a worker beside it (worker-<name>), for:
#   $(BUILD)/suites/E/reference    reference/E.c as the student's file
#   $(BUILD)/suites/E/stub         student/E.c (the untouched stub)
#   $(BUILD)/suites/E/fx-<id>      grader/fixtures/buggy/E/<id>.c (one mistake each;
#                                  hidden checks linked in too, so they are tested)
#   $(BUILD)/suites/E/hidden       reference + grader/hidden/E.c (instructor checks)
#   $(BUILD)/suites/softmax/exit0  a softmax that calls exit(0): nothing may pass
# and grader/tests/suites/run.sh runs them: the reference passes every check,
# the stub fails every check with [not-implemented], each fixture fails at
# least one check with [mistake:<id>], every check fails for some fixture, and
# the checks of each suite are exactly those of exercises.yaml.

SUITE_EXERCISES := $(basename $(notdir $(wildcard grader/suites/*.c)))
SUITE_FIXTURES := $(wildcard $(SUITE_EXERCISES:%=grader/fixtures/buggy/%/*.c))
SUITES_OUT := $(BUILD)/suites

# A "student" file: warnings shown, never fatal (STUDENT_CFLAGS).
$(BUILD)/sobj/%.o: %.c lab/softmax_lab.h
	@mkdir -p $(@D)
	$(call quiet,CC,$<)$(CC) $(STUDENT_CFLAGS) -c $< -o $@

# $(call suite_bin,E,NAME,STUDENT_SOURCE,JUDGE): NAME is a link to the judge
# $(BUILD)/judge/JUDGE (E, or E-hidden with the instructor's checks), and
# worker-NAME the worker with STUDENT_SOURCE, where the judge finds it.
define suite_bin
$(SUITES_OUT)/$(1)/$(2): $(BUILD)/judge/$(4) $(SUITES_OUT)/$(1)/worker-$(2)
	@mkdir -p $$(@D)
	@ln -f $$< $$@
$(SUITES_OUT)/$(1)/worker-$(2): $(WORKER_MAIN_OBJ) $(BUILD)/sobj/$(3:.c=.o) $(BUILD)/harness/$(1).a
	@mkdir -p $$(@D)
	$$(call quiet,LD,$$@)$$(CC) $$(LDFLAGS) $$^ $$(WORKER_LIBS) -o $$@
SUITE_BINS += $(SUITES_OUT)/$(1)/$(2)
endef

SUITE_BINS :=
$(foreach e,$(SUITE_EXERCISES),\
  $(eval $(call suite_bin,$(e),reference,reference/$(e).c,$(e)))\
  $(eval $(call suite_bin,$(e),stub,student/$(e).c,$(e)))\
  $(if $(wildcard grader/hidden/$(e).c),\
    $(eval $(call suite_bin,$(e),hidden,reference/$(e).c,$(e)-hidden)))\
  $(foreach f,$(wildcard grader/fixtures/buggy/$(e)/*.c),\
    $(eval $(call suite_bin,$(e),fx-$(basename $(notdir $(f))),$(f),$(if $(wildcard grader/hidden/$(e).c),$(e)-hidden,$(e))))))

# A student file that calls exit(0): no check may pass.
ifneq ($(filter softmax,$(SUITE_EXERCISES)),)
$(eval $(call suite_bin,softmax,exit0,grader/tests/suites/exit0_softmax.c,softmax))
endif

SUITE_LISTCHECK := $(BUILD)/suites/list-check
$(SUITE_LISTCHECK): $(BUILD)/obj/grader/tests/suites/list_check.o $(RT_LIB)
	@mkdir -p $(@D)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) $^ $(YAML_LIBS) -lm -o $@

SUITE_MISTAKESCHECK := $(BUILD)/suites/mistakes-check
$(SUITE_MISTAKESCHECK): $(BUILD)/obj/grader/tests/suites/mistakes_check.o $(BUILD)/obj/grader/lib/mistakes.o
	@mkdir -p $(@D)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) $^ -o $@

# Unit tests of grader/lib (any exercise's harness holds the oracle, grader/lib
# and the runtime; the tests call no contract function).
SUITE_LIBTEST := $(BUILD)/suites/lib-test
$(SUITE_LIBTEST): $(BUILD)/obj/grader/tests/suites/test_lib.o $(BUILD)/harness/softmax.a
	@mkdir -p $(@D)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) $^ $(CRITERION_LIBS) $(JANSSON_LIBS) -lm -o $@

.PHONY: suites test-suites
suites: $(SUITE_BINS) $(SUITE_LISTCHECK) $(SUITE_MISTAKESCHECK) $(SUITE_LIBTEST)

test-suites: suites
	@bash grader/tests/suites/run.sh $(BUILD) $(SUITE_EXERCISES)

TEST_TARGETS += test-suites

help::
	@echo "  make test-suites            check suites: reference passes, stubs say not-implemented, each buggy fixture is named"

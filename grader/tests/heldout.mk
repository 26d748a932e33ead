# grader/tests/heldout.mk — the held-out measurement (`make test-heldout`).
#
# Every file of grader/fixtures/heldout/<ex>/*.c (one bug each, written
# without looking at the diagnoses; the first lines say the intent and the
# cause) and of grader/fixtures/correct/<ex>/*.c (alternative correct
# implementations) is linked like a buggy fixture, hidden checks included:
#   $(BUILD)/heldout/heldout/<ex>/<name>   $(BUILD)/heldout/correct/<ex>/<name>
# grader/tests/suites/heldout.sh runs them and reports caught / named right /
# named wrong / unnamed against grader/tests/suites/heldout-map.txt, and
# correct files passing; it fails on a false fail, a missed bug or a wrong name.

HELDOUT_OUT := $(BUILD)/heldout
HELDOUT_SRC := $(wildcard grader/fixtures/heldout/*/*.c grader/fixtures/correct/*/*.c)

# $(call heldout_bin,KIND,EX,SOURCE): like a fixture of grader/suites.mk — the
# exercise's judge (hidden checks included when there are any) linked as
# BIN, the worker with SOURCE beside it (worker-NAME) and the memory check's
# program (memcheck-NAME).
define heldout_bin
$(HELDOUT_OUT)/$(1)/$(2)/$(basename $(notdir $(3))): $(BUILD)/judge/$(2)$(if $(wildcard grader/hidden/$(2).c),-hidden) $(HELDOUT_OUT)/$(1)/$(2)/worker-$(basename $(notdir $(3)))
	@mkdir -p $$(@D)
	@ln -f $$< $$@
$(HELDOUT_OUT)/$(1)/$(2)/worker-$(basename $(notdir $(3))): $(WORKER_MAIN_OBJ) $(BUILD)/sobj/$(3:.c=.o) $(BUILD)/harness/$(2).a
	@mkdir -p $$(@D)
	$$(call quiet,LD,$$@)$$(CC) $$(LDFLAGS) $$^ $$(WORKER_LIBS) -o $$@
HELDOUT_BINS += $(HELDOUT_OUT)/$(1)/$(2)/$(basename $(notdir $(3))) $(call mc_program_of,$(HELDOUT_OUT)/$(1)/$(2)/$(basename $(notdir $(3))))
$(call mc_suite_program,$(2),$(HELDOUT_OUT)/$(1)/$(2)/$(basename $(notdir $(3))),$(3))
endef

HELDOUT_BINS :=
$(foreach f,$(HELDOUT_SRC),$(eval $(call heldout_bin,$(word 3,$(subst /, ,$(f))),$(word 4,$(subst /, ,$(f))),$(f))))

.PHONY: test-heldout
test-heldout: $(HELDOUT_BINS)
	@bash grader/tests/suites/heldout.sh $(BUILD) grader/tests/suites/heldout-map.txt

TEST_TARGETS += test-heldout

help::
	@echo "  make test-heldout           held-out bugs caught and named right, alternative-correct files pass"

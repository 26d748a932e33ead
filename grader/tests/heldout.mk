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

# $(call heldout_bin,KIND,EX,SOURCE)
define heldout_bin
$(HELDOUT_OUT)/$(1)/$(2)/$(basename $(notdir $(3))): $(BUILD)/obj/grader/suites/$(2).o $(BUILD)/sobj/$(3:.c=.o) $(wildcard $(BUILD)/obj/grader/hidden/$(2).o) $(if $(wildcard grader/hidden/$(2).c),$(BUILD)/obj/grader/hidden/$(2).o) $(BUILD)/harness/$(2).a
	@mkdir -p $$(@D)
	$$(call quiet,LD,$$@)$$(CC) $$(LDFLAGS) $(BUILD)/obj/grader/suites/$(2).o $(if $(wildcard grader/hidden/$(2).c),$(BUILD)/obj/grader/hidden/$(2).o) $(BUILD)/sobj/$(3:.c=.o) $(BUILD)/harness/$(2).a $$(CRITERION_LIBS) -lm -o $$@
HELDOUT_BINS += $(HELDOUT_OUT)/$(1)/$(2)/$(basename $(notdir $(3)))
endef

HELDOUT_BINS :=
$(foreach f,$(HELDOUT_SRC),$(eval $(call heldout_bin,$(word 3,$(subst /, ,$(f))),$(word 4,$(subst /, ,$(f))),$(f))))

.PHONY: test-heldout
test-heldout: $(HELDOUT_BINS)
	@bash grader/tests/suites/heldout.sh $(BUILD) grader/tests/suites/heldout-map.txt

TEST_TARGETS += test-heldout

help::
	@echo "  make test-heldout           held-out bugs caught and named right, alternative-correct files pass"

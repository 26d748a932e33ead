# submit.mk — `make submit` (grader/submit/): the public checks, then
# submission.zip with exactly the exercise files; `make test-submit` grades
# that zip with the batch grader and the Gradescope bundle; `make test-quiet`
# checks the quiet build on a fresh copy of the kit.
SUBMIT_BIN := $(BUILD)/submit
SUBMIT_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(wildcard grader/submit/*.c))

$(SUBMIT_BIN): $(SUBMIT_OBJ) $(RT_LIB)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) $(SUBMIT_OBJ) $(RT_LIB) $(YAML_LIBS) $(ARCHIVE_LIBS) -lm -o $@

all: $(SUBMIT_BIN)

.PHONY: submit test-submit test-quiet
submit: check-tools $(SUBMIT_BIN)
	@$(SUBMIT_BIN) --build $(BUILD)

TEST_TARGETS += test-submit test-quiet
test-submit: check-tools grade-tools $(SUBMIT_BIN)
	@SUBMIT_BIN=$(SUBMIT_BIN) BUILD_DIR=$(BUILD) bash grader/submit/test_submit.sh

test-quiet:
	@BUILD_DIR=$(BUILD) bash grader/submit/test_quiet.sh

help::
	@echo "  make test-submit            make submit's zip graded by make grade and the Gradescope bundle: same score as make check"
	@echo "  make test-quiet             a fresh copy's first make check: no compiler command line, no make error line"

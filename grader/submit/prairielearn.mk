# prairielearn.mk — `make prairielearn` (grader/dist/prairielearn/): what a
# PrairieLearn course needs to grade softmax-lab with the kit's own grader
# ($(BUILD)/dist/prairielearn/), the results renderer $(BUILD)/pl-results, and
# `make test-prairielearn` (the /grade layout emulated, results.json checked).
PL_BIN := $(BUILD)/pl-results
PL_OBJ := $(BUILD)/obj/grader/dist/prairielearn/pl_results.o
$(PL_OBJ): EXTRA_CFLAGS += -Igrader/grade -Igrader/run
# The grader's record (grade.tsv) reader and what it needs.
PL_RECORD_OBJ := $(BUILD)/obj/grader/grade/record.o $(BUILD)/obj/grader/grade/util.o

$(PL_BIN): $(PL_OBJ) $(PL_RECORD_OBJ) $(RT_LIB)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) $(PL_OBJ) $(PL_RECORD_OBJ) $(RT_LIB) $(JANSSON_LIBS) $(YAML_LIBS) -lm -o $@

all: $(PL_BIN)

# The course image (Dockerfile) is named PL_IMAGE in info.json.
PL_IMAGE ?= softmax-lab/grader:latest
.PHONY: prairielearn test-prairielearn
prairielearn:
	@PL_IMAGE='$(PL_IMAGE)' bash grader/dist/prairielearn/build.sh $(BUILD)/dist/prairielearn

TEST_TARGETS += test-prairielearn
test-prairielearn: grade-tools $(PL_BIN)
	@PL_BIN=$(PL_BIN) BUILD_DIR=$(BUILD) bash grader/dist/prairielearn/test_prairielearn.sh

help::
	@echo "  make prairielearn [PL_IMAGE=…]   PrairieLearn question + grading image ($(BUILD)/dist/prairielearn)"
	@echo "  make test-prairielearn      PrairieLearn results.json for correct, buggy, non-compiling and empty submissions"

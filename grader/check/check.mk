# check.mk — the student checker: build/check, `make check [EX=<id>]`, `make hint EX=<id>`,
# and its end-to-end test `make test-check`.
CHECK_BIN := $(BUILD)/check
# (grader/run/run.mk is included after this file: name its outputs literally)
CHECK_RUN_LIB := $(BUILD)/libslrun.a
CHECK_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(wildcard grader/check/*.c))
$(CHECK_OBJ): EXTRA_CFLAGS += -Igrader/run

$(CHECK_BIN): $(CHECK_OBJ) $(CHECK_RUN_LIB) $(RT_LIB)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) $(CHECK_OBJ) $(CHECK_RUN_LIB) $(RT_LIB) $(YAML_LIBS) $(JANSSON_LIBS) -lm -o $@

all: $(CHECK_BIN)

# Everything a check needs is prebuilt here; the checker itself compiles only
# the student's file (and only when it changed) and links it.
.PHONY: check hint check-tools
check-tools: $(CHECK_BIN) harnesses judges
check: check-tools
	@$(call verdict_cmd,$(CHECK_BIN) --build $(BUILD) $(EX))
hint: $(CHECK_BIN)
	@$(CHECK_BIN) --build $(BUILD) --hint $(EX)

.PHONY: test-check
TEST_TARGETS += test-check
test-check: check-tools $(LAB_BIN)
	@CHECK_BIN=$(CHECK_BIN) BUILD_DIR=$(BUILD) bash grader/check/test_check.sh

help::
	@echo "  make test-check             end-to-end test of make check / make hint"

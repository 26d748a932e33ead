# run.mk — grader/run: compile/link/run one exercise and parse its TAP report
# (shared by the checker, grader/check, and the instructor grader).
#   $(RUN_LIB)         archive of grader/run/*.c except crash_note.c
#   $(CRASH_NOTE_OBJ)  linked into every suite binary by sl_link_suite
RUN_SRC := $(filter-out grader/run/crash_note.c,$(wildcard grader/run/*.c))
RUN_OBJ := $(RUN_SRC:%.c=$(BUILD)/obj/%.o)
RUN_LIB := $(BUILD)/libslrun.a
CRASH_NOTE_OBJ := $(BUILD)/obj/grader/run/crash_note.o

# The toolchain baked into build.o (absolute paths: works from any folder).
SL_STUDENT_CFLAGS_ABS = $(patsubst -Ilab,-I$(CURDIR)/lab,$(STUDENT_CFLAGS))
SL_BUILD_DEFS = -DSL_CC='"$(CC)"' -DSL_STUDENT_CFLAGS='"$(SL_STUDENT_CFLAGS_ABS)"' \
  -DSL_LDFLAGS='"$(strip $(LDFLAGS))"' -DSL_SUITE_LIBS='"$(CRITERION_LIBS) -lm"' \
  -DSL_BUILD_DIR='"$(abspath $(BUILD))"'
$(BUILD)/obj/grader/run/build.o: EXTRA_CFLAGS += $(SL_BUILD_DEFS)
# Rebuild build.o when those values change (e.g. CC=clang).
$(BUILD)/obj/grader/run/build.o: $(BUILD)/run-toolchain.txt
$(BUILD)/run-toolchain.txt: FORCE
	@mkdir -p $(@D)
	@echo '$(SL_BUILD_DEFS)' | cmp -s - $@ || echo '$(SL_BUILD_DEFS)' > $@
.PHONY: FORCE
FORCE:

$(RUN_LIB): $(RUN_OBJ)
	@rm -f $@
	$(call quiet,AR,$@)ar rcs $@ $^

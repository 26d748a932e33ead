# run.mk — grader/run: compile a student file, link its worker, run the
# exercise's judge and read its results (shared by the checker, grader/check,
# and the instructor grader).
#   $(RUN_LIB)         archive of grader/run/*.c
RUN_SRC := $(wildcard grader/run/*.c)
RUN_OBJ := $(RUN_SRC:%.c=$(BUILD)/obj/%.o)
RUN_LIB := $(BUILD)/libslrun.a

# The toolchain baked into build.o (absolute paths: works from any folder).
SL_STUDENT_CFLAGS_ABS = $(patsubst -Ilab,-I$(CURDIR)/lab,$(STUDENT_CFLAGS))
SL_BUILD_DEFS = -DSL_CC='"$(CC)"' -DSL_STUDENT_CFLAGS='"$(SL_STUDENT_CFLAGS_ABS)"' \
  -DSL_LDFLAGS='"$(strip $(LDFLAGS))"' -DSL_WORKER_LIBS='"$(strip $(SECCOMP_LIBS) -lm)"' \
  -DSL_JUDGE_LIBS='"$(CRITERION_LIBS) $(JANSSON_LIBS) -lm"' -DSL_ASAN_FLAGS='"$(WORKER_ASAN_FLAGS)"' \
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

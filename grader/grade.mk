# grade.mk — the instructor's batch grader (issue 4): $(BUILD)/grade,
#   make grade SUBMISSIONS=<dir> [OUT=<dir>] [JOBS=<n>] [HIDDEN=<dir>]
#   make gradescope   the Gradescope autograder zip   ($(BUILD)/dist/autograder.zip)
#   make handout      the student tarball             ($(BUILD)/dist/softmax-lab-handout.tar.gz)
#   make test-grade   end-to-end tests on fixture classes (in `make test`)
#   make bench-grade  submissions/second on generated submissions (JOBS=2)
GRADE_BIN := $(BUILD)/grade
GRADE_SRC := $(wildcard grader/grade/*.c)
GRADE_OBJ := $(GRADE_SRC:%.c=$(BUILD)/obj/%.o)
# grader/run/run.mk is included after this file: name its outputs directly.
GRADE_RUN_LIB := $(BUILD)/libslrun.a
GRADE_MISTAKES_OBJ := $(BUILD)/obj/grader/lib/mistakes.o

# How the grader compiles an instructor's hidden checks (like any suite).
GRADE_HIDDEN_CC = $(CC) $(CFLAGS_BASE) -w -I$(CURDIR)/lab -I$(CURDIR)/grader/lib $(PKG_CFLAGS)
$(GRADE_OBJ): EXTRA_CFLAGS += -Igrader/run -Igrader/grade
$(BUILD)/obj/grader/grade/main.o: EXTRA_CFLAGS += -DSL_KIT_ROOT='"$(CURDIR)"'
$(BUILD)/obj/grader/grade/kit.o: EXTRA_CFLAGS += -DSL_HIDDEN_CC='"$(strip $(GRADE_HIDDEN_CC))"'

$(GRADE_BIN): $(GRADE_OBJ) $(GRADE_RUN_LIB) $(GRADE_MISTAKES_OBJ) $(RT_LIB)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) $(GRADE_OBJ) $(GRADE_RUN_LIB) $(GRADE_MISTAKES_OBJ) $(RT_LIB) \
	  $(YAML_LIBS) $(ARCHIVE_LIBS) $(JANSSON_LIBS) -lm -o $@

all: $(GRADE_BIN)

# Libraries put beside every check program the grader links, found first by
# the loader (DT_RPATH=$$ORIGIN; pipeline.h): a stand-in for libgit2, which
# Criterion's shared library loads only to draw string diffs our suites never
# ask for (grader/grade/checklib/git2_stub.c; halves a check program's CPU
# time).  Built only when libcriterion.so needs exactly the three functions
# the stand-in defines; otherwise the check programs load the real one.
GRADE_CRITERION_SO := $(shell $(CC) -print-file-name=libcriterion.so)
GRADE_GIT2_IMPORTS := $(strip $(shell nm -D --undefined-only $(GRADE_CRITERION_SO) 2>/dev/null \
  | awk '$$2 ~ /^git_/ {print $$2}' | sort))
GRADE_GIT2_SONAME := $(shell objdump -p $(GRADE_CRITERION_SO) 2>/dev/null \
  | awk '$$1 == "NEEDED" && $$2 ~ /^libgit2[.]so/ {print $$2}')
GRADE_CHECK_LIBS :=
ifeq ($(GRADE_GIT2_IMPORTS),git_diff_buffers git_libgit2_init git_libgit2_shutdown)
ifneq ($(GRADE_GIT2_SONAME),)
GRADE_CHECK_LIBS := $(BUILD)/grade-lib/$(GRADE_GIT2_SONAME)
$(GRADE_CHECK_LIBS): grader/grade/checklib/git2_stub.c
	@mkdir -p $(@D)
	$(call quiet,LD,$@)$(CC) $(filter-out $(SAN_FLAGS),$(CFLAGS_BASE)) $(WARN) -fPIC -shared -Wl,-soname,$(GRADE_GIT2_SONAME) $< -o $@
endif
endif
all: $(GRADE_CHECK_LIBS)

# Everything a grading run links against, prebuilt.
.PHONY: grade-tools grade gradescope handout test-grade bench-grade
grade-tools: $(GRADE_BIN) $(GRADE_CHECK_LIBS) harnesses judges

OUT ?= grade-out
JOBS ?= 2
grade: grade-tools
	@test -n "$(SUBMISSIONS)" || { echo "usage: make grade SUBMISSIONS=<dir> [OUT=<dir>] [JOBS=<n>] [HIDDEN=<dir>]"; exit 2; }
	$(GRADE_BIN) --build $(BUILD) --out $(OUT) --jobs $(JOBS) $(if $(HIDDEN),--hidden $(HIDDEN)) $(GRADE_FLAGS) $(SUBMISSIONS)

gradescope:
	@bash grader/dist/gradescope.sh $(BUILD)/dist

# The handout copies student/ as it is on disk: refuse when it differs from
# the committed stubs (e.g. the instructor's own solutions are in it).
handout: $(REF_OBJ) $(ORACLE_OBJ)
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1 \
	    && [ -n "$$(git status --porcelain -- student/)" ]; then \
	  echo "handout: student/ differs from the committed stubs, and the handout would ship it as it is:"; \
	  git status --short -- student/ | sed 's/^/  /'; \
	  echo "handout: students must get the stubs: move or undo those edits first (git diff -- student/ shows them)"; \
	  exit 1; fi
	@BUILD=$(BUILD) bash grader/dist/handout.sh $(BUILD)/dist

# The sandbox alone, against misbehaving commands (both modes).
GRADE_SBX_TEST := $(BUILD)/grade-sandbox-test
$(BUILD)/obj/grader/tests/grade/sandbox_test.o: EXTRA_CFLAGS += -Igrader/grade
$(GRADE_SBX_TEST): $(BUILD)/obj/grader/tests/grade/sandbox_test.o \
  $(BUILD)/obj/grader/grade/sandbox.o $(BUILD)/obj/grader/grade/util.o
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) $^ -o $@

TEST_TARGETS += test-grade
test-grade: grade-tools $(GRADE_SBX_TEST)
	@GRADE_BIN=$(GRADE_BIN) BUILD_DIR=$(BUILD) SBX_TEST=$(GRADE_SBX_TEST) bash grader/tests/grade/run.sh

bench-grade: grade-tools
	@GRADE_BIN=$(GRADE_BIN) BUILD_DIR=$(BUILD) bash grader/tests/grade/bench.sh

help::
	@echo "  make gradescope             Gradescope autograder zip (setup.sh, run_autograder)"
	@echo "  make handout                student tarball: stubs, lab, visible checks, README (no reference, no hidden)"
	@echo "  make test-grade             end-to-end tests of the grader on fixture classes"
	@echo "  make bench-grade            grading speed (submissions/s) with JOBS=2"

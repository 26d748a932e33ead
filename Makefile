# softmax-lab — the one entry point.  `make help` lists the targets.
#
# This file holds the shared variables, the runtime library, the reference,
# the program and the dependency check.  Each part of the kit adds its own
# targets in a fragment next to its code (lab/*.mk, grader/*.mk, …), included
# at the end; a fragment that has tests appends its target to TEST_TARGETS and
# may add lines to `help::` (a double-colon rule).

.DEFAULT_GOAL := all
.SECONDARY:
.DELETE_ON_ERROR:
SHELL := /bin/bash
BUILD ?= build
CC ?= cc
ifeq ($(origin CC),default)
CC := gcc
endif

# ---- dependencies ---------------------------------------------------------
PKGS := ncursesw criterion yaml-0.1 libarchive jansson $(if $(filter Linux,$(shell uname -s)),libseccomp)
NODEPS_GOALS := deps help clean
missing_pkgs = $(shell for p in $(PKGS); do pkg-config --exists $$p 2>/dev/null || echo $$p; done)
MISSING := $(missing_pkgs)
ifneq ($(MISSING),)
ifneq ($(filter-out $(NODEPS_GOALS),$(or $(MAKECMDGOALS),all)),)
ifeq ($(shell id -u),0)
$(info softmax-lab: missing libraries: $(MISSING); installing them with 'make deps' (you are root))
DEPS_LOG := $(shell bash lab/tools/deps.sh install >&2; echo $$?)
MISSING := $(missing_pkgs)
endif
ifneq ($(MISSING),)
$(error missing libraries: $(MISSING). Run this one command, then try again:  sudo make deps)
endif
endif
endif

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
CURSES_LIBS = $(shell pkg-config --libs ncursesw)
YAML_LIBS = $(shell pkg-config --libs yaml-0.1)
CRITERION_LIBS = $(shell pkg-config --libs criterion)
ARCHIVE_LIBS = $(shell pkg-config --libs libarchive)
JANSSON_LIBS = $(shell pkg-config --libs jansson)
SECCOMP_LIBS = $(shell pkg-config --libs libseccomp 2>/dev/null)

# ---- quiet build ------------------------------------------------------------
# A recipe line that starts with $(call quiet,TAG,FILE) prints "  TAG FILE"
# instead of its command (TAG: CC compile, LD link, AR archive); `make V=1`
# prints every command as it is.  Compiler messages are shown either way.
V ?= 0
ifeq ($(V),1)
quiet =
else
quiet = @printf '  %-3s %s\n' '$(1)' '$(2)';
endif
# $(call verdict_cmd,COMMAND) runs a program that prints a verdict (make check):
# when it fails, make exits non-zero WITHOUT its "make: *** [...] Error 1" line
# under the verdict, which reads as a broken build.  GNU make prints that line
# for every failing recipe, so the recipe succeeds and stops make instead: make
# is sent SIGPIPE, which it does not catch and which shells do not announce;
# the exit status is 141.  Under V=1 the failure is left to make as usual.
ifeq ($(V),1)
verdict_cmd = $(1)
else
verdict_cmd = $(1) || { trap '' PIPE; kill -PIPE $$PPID; }
endif

# ---- flags ----------------------------------------------------------------
# SANITIZE=1 builds everything with AddressSanitizer + UBSan (use another BUILD).
OPT ?= -O2
WARN := -Wall -Wextra -Werror -Wshadow -Wvla -Wformat=2
SANITIZER_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
SAN_FLAGS := $(if $(filter 1,$(SANITIZE)),$(SANITIZER_FLAGS))
CFLAGS_BASE := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g $(OPT) $(SAN_FLAGS)
CFLAGS = $(CFLAGS_BASE) $(WARN) -Ilab -Igrader/lib $(PKG_CFLAGS) $(EXTRA_CFLAGS)
LDFLAGS = $(SAN_FLAGS) $(EXTRA_LDFLAGS)
# Student code: warnings shown, never fatal; no optimiser surprises in checks.
STUDENT_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -Wall -Wextra -Ilab $(SAN_FLAGS)

# The core exercises (exercises.yaml is the source of truth for order, points
# and text); ALL_EXERCISES adds any optional one that has a reference file.
EXERCISES := softmax cross_entropy grad_w grad_b train
ALL_EXERCISES := $(sort $(basename $(notdir $(wildcard reference/*.c))))
# -D renames that turn the contract names into the oracle names ref_<name>.
ORACLE_RENAMES := $(foreach e,$(ALL_EXERCISES),-D$(e)=ref_$(e))

# ---- runtime library: every lab/*.c except the program's main -------------
RT_SRC := $(filter-out lab/main.c,$(wildcard lab/*.c))
RT_OBJ := $(RT_SRC:%.c=$(BUILD)/obj/%.o)
RT_LIB := $(BUILD)/libsoftmaxlab.a
REF_OBJ := $(ALL_EXERCISES:%=$(BUILD)/obj/reference/%.o)
ORACLE_OBJ := $(ALL_EXERCISES:%=$(BUILD)/obj/oracle/%.o)
LAB_BIN := $(BUILD)/softmax-lab
# Libraries built by fragments, named here so that any fragment can depend on them
# whatever the include order: grader/run/ (checker and grader runner code).
RUN_LIB := $(BUILD)/libslrun.a

# Extra sources of the program (the lesson adds its own in its fragment).
LAB_PROG_OBJ := $(BUILD)/obj/lab/main.o

# ---- fragments --------------------------------------------------------------
TEST_TARGETS :=
# grader/run/ and grader/worker/ build what other fragments link (their
# rules expand these names at once), so they come first.
FRAGMENTS := $(sort $(wildcard lab/*.mk lab/*/*.mk grader/*.mk grader/*/*.mk))
FIRST_FRAGMENTS := $(wildcard grader/run/*.mk grader/worker/*.mk)
# The main help lines come first: the fragments' help:: lines follow them.
help::
	@echo "softmax-lab — make targets"
	@echo "  make lesson                 build and open the interactive lesson"
	@echo "  make watch                  re-check your current exercise every time you save it"
	@echo "  make check [EX=<id>]        check your exercises (ids: $(EXERCISES))"
	@echo "  make hint EX=<id>           show the next hint for an exercise"
	@echo "  make submit                 check, then pack your files into submission.zip to hand in"
	@echo "  make test                   the project's own test suite (what CI runs)"
	@echo "  make grade SUBMISSIONS=dir [OUT=dir] [JOBS=n]   grade a class"
	@echo "  make deps                   install the libraries (apt, dnf, pacman, brew)"
	@echo "  make install PREFIX=… DESTDIR=…,  make clean,  make help"
	@echo "more targets (tests, benchmarks, packaging):"

include $(FIRST_FRAGMENTS) $(filter-out $(FIRST_FRAGMENTS),$(FRAGMENTS))

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(call quiet,CC,$<)$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/obj/lab/data_embed.o: lab/data/iris.csv lab/data/wine.csv lab/data/digits.csv

$(BUILD)/obj/oracle/%.o: reference/%.c
	@mkdir -p $(@D)
	$(call quiet,CC,$< (oracle))$(CC) $(CFLAGS) $(ORACLE_RENAMES) -MMD -MP -c $< -o $@

$(RT_LIB): $(RT_OBJ)
	@rm -f $@
	$(call quiet,AR,$@)ar rcs $@ $^

LAB_PROG_LIBS = $(CURSES_LIBS) $(YAML_LIBS) -ldl -lm

$(LAB_BIN): $(LAB_PROG_OBJ) $(REF_OBJ) $(RT_LIB)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) $(LAB_PROG_OBJ) $(REF_OBJ) $(RT_LIB) $(LAB_PROG_LIBS) -o $@

# The student's five files as one shared library, loaded by the lesson and by
# `softmax-lab train --impl student`.  Best effort: a student file that does not
# compile must never break `make` or `make lesson`.
STUDENT_SO := $(BUILD)/libstudent.so
$(STUDENT_SO): $(EXERCISES:%=student/%.c) lab/runtime.c lab/softmax_lab.h
	@mkdir -p $(@D)
	@$(CC) $(STUDENT_CFLAGS) -fPIC -shared -Wl,-Bsymbolic $(EXERCISES:%=student/%.c) lab/runtime.c -lm -o $@ 2>$(BUILD)/libstudent.log \
	  || { rm -f $@; echo "note: student/ does not compile yet (see $(BUILD)/libstudent.log); the lesson uses the reference"; }

# ---- check harnesses -------------------------------------------------------
# The checks of exercise E run in a JUDGE (no student code in it) and call
# the student's function in a WORKER process (grader/worker/README.md):
#   judge:  $(CC) $(LDFLAGS) $(BUILD)/obj/grader/suites/E.o [hidden/E.o] \
#             $(BUILD)/obj/grader/worker/proxy-E.o $(BUILD)/harness/E.a $(CRITERION_LIBS) -lm
#   worker: $(CC) $(LDFLAGS) $(WORKER_MAIN_OBJ) STUDENT_E.o $(BUILD)/harness/E.a $(WORKER_LIBS)
# where harness/E.a holds everything but the tested function: the reference
# of every *other* exercise, the oracle (every reference renamed ref_<name>,
# declared in grader/lib/oracle.h), the check library grader/lib/*.c, the
# judge's side of the worker protocol and the runtime.  So the student's file
# is tested in isolation: one bug costs once.
CHECKLIB_SRC := $(wildcard grader/lib/*.c)
CHECKLIB_OBJ := $(CHECKLIB_SRC:%.c=$(BUILD)/obj/%.o)
SUITE_SRC := $(wildcard grader/suites/*.c)
SUITE_OBJ := $(SUITE_SRC:%.c=$(BUILD)/obj/%.o)
HARNESS := $(ALL_EXERCISES:%=$(BUILD)/harness/%.a)

$(BUILD)/harness/%.a: $(REF_OBJ) $(ORACLE_OBJ) $(CHECKLIB_OBJ) $(WORKER_CLIENT_OBJ) $(RT_OBJ)
	@mkdir -p $(@D)
	@rm -f $@
	$(call quiet,AR,$@)ar rcs $@ $(filter-out $(BUILD)/obj/reference/$*.o,$^)

.PHONY: harnesses
harnesses: $(HARNESS) $(SUITE_OBJ)

.PHONY: all lesson test deps help clean install student-lib
all: $(LAB_BIN) harnesses student-lib
student-lib:
	@$(MAKE) --no-print-directory -s $(STUDENT_SO) || true

lesson: all
	@$(LAB_BIN)

deps:
	@bash lab/tools/deps.sh install

test: $(TEST_TARGETS)
	@echo "make test: every test group passed ($(TEST_TARGETS))"
	@echo "test-groups: $(words $(TEST_TARGETS)) passed, 0 failed"

PREFIX ?= /usr/local
install: $(LAB_BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/softmax-lab
	install -m 755 $(LAB_BIN) $(DESTDIR)$(PREFIX)/bin/softmax-lab
	install -m 644 exercises.yaml lab/data/README.md $(DESTDIR)$(PREFIX)/share/softmax-lab/

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

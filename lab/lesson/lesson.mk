# lesson.mk — the interactive lesson (lab/lesson/), the renderers it shares
# with `softmax-lab train --plot` (lab/render/), their tests and benchmark.
LESSON_SRC := $(wildcard lab/lesson/*.c)
LESSON_TEXT := lab/lesson/text/en.yaml lab/lesson/text/zh.yaml
RENDER_SRC := $(wildcard lab/render/*.c)
RENDER_OBJ := $(RENDER_SRC:%.c=$(BUILD)/obj/%.o)
LAB_PROG_OBJ += $(LESSON_SRC:%.c=$(BUILD)/obj/%.o) $(RENDER_OBJ)
$(BUILD)/obj/lab/lesson/text_embed.o: $(LESSON_TEXT)

# The lesson without its terminal layer and main: what the tests drive.
LESSON_CORE_OBJ := $(filter-out %/lesson.o %/term.o,$(LESSON_SRC:%.c=$(BUILD)/obj/%.o))
LESSON_TEST_LIBS := $(LESSON_CORE_OBJ) $(RENDER_OBJ) $(REF_OBJ) $(RT_LIB) $(YAML_LIBS) -ldl -lm
$(BUILD)/obj/lab/lesson/tests/%.o: EXTRA_CFLAGS += -Ilab/lesson

$(BUILD)/lesson-snap: $(BUILD)/obj/lab/lesson/tests/snap.o $(LESSON_CORE_OBJ) $(RENDER_OBJ) $(REF_OBJ) $(RT_LIB)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) $< $(LESSON_TEST_LIBS) -o $@

# ---- tests ------------------------------------------------------------------
LESSON_TEST_OBJ := $(BUILD)/obj/lab/lesson/tests/golden.o
$(BUILD)/lesson-test-render: $(BUILD)/obj/lab/lesson/tests/test_render.o $(LESSON_TEST_OBJ) $(LESSON_CORE_OBJ) $(RENDER_OBJ) $(REF_OBJ) $(RT_LIB)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) $< $(LESSON_TEST_OBJ) $(LESSON_TEST_LIBS) $(CRITERION_LIBS) -o $@
LESSON_APP_TEST_OBJ := $(patsubst %,$(BUILD)/obj/lab/lesson/tests/%.o,test_app test_widgets test_data_pages test_layout test_live_text app_fixture)
LESSON_BAD_SO := $(patsubst %,$(BUILD)/lesson-bad-%-student.so,crash hang nan)
$(BUILD)/lesson-test-app: $(LESSON_APP_TEST_OBJ) $(LESSON_CORE_OBJ) $(RENDER_OBJ) $(REF_OBJ) $(RT_LIB) $(BUILD)/lesson-ref-student.so $(BUILD)/lesson-stub-student.so $(LESSON_BAD_SO)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) $(LESSON_APP_TEST_OBJ) $(LESSON_TEST_LIBS) $(CRITERION_LIBS) -o $@
$(BUILD)/obj/lab/lesson/tests/test_widgets.o: EXTRA_CFLAGS += -DLESSON_TEST_LIBDIR='"$(BUILD)"'

# Student libraries for the `i` tests: the reference as if a student wrote it,
# and one where nothing is implemented (built like $(STUDENT_SO)).
$(BUILD)/lesson-ref-student.so: $(EXERCISES:%=reference/%.c) lab/runtime.c lab/softmax_lab.h
	@mkdir -p $(@D)
	$(call quiet,LD,$@)$(CC) $(STUDENT_CFLAGS) -fPIC -shared -Wl,-Bsymbolic $(EXERCISES:%=reference/%.c) lab/runtime.c -lm -o $@
$(BUILD)/lesson-stub-student.so: lab/lesson/tests/stub_student.c lab/runtime.c lab/softmax_lab.h
	@mkdir -p $(@D)
	$(call quiet,LD,$@)$(CC) $(STUDENT_CFLAGS) -fPIC -shared -Wl,-Bsymbolic lab/lesson/tests/stub_student.c lab/runtime.c -lm -o $@

# Student libraries whose train() crashes, hangs or returns garbage (the guard tests).
LESSON_BAD_SRC := $(filter-out reference/train.c,$(EXERCISES:%=reference/%.c)) lab/runtime.c
$(BUILD)/lesson-bad-%-student.so: lab/lesson/tests/bad_train.c $(LESSON_BAD_SRC) lab/softmax_lab.h
	@mkdir -p $(@D)
	$(call quiet,LD,$@)$(CC) $(STUDENT_CFLAGS) -DBAD_$(shell echo $* | tr a-z A-Z) -fPIC -shared -Wl,-Bsymbolic $< $(LESSON_BAD_SRC) -lm -o $@

# `make test-lesson`: renderer goldens and screen tests (Criterion), then the
# real program in tmux.  Part of `make test`.
.PHONY: test-lesson bench-frame lesson-snap
TEST_TARGETS += test-lesson
test-lesson: $(BUILD)/lesson-test-render $(BUILD)/lesson-test-app $(LAB_BIN)
	@echo "test-lesson: renderers (golden files in lab/lesson/tests/golden)"
	@$(BUILD)/lesson-test-render --jobs 2
	@echo "test-lesson: screens, keys and the lesson text"
	@$(BUILD)/lesson-test-app --jobs 2
	@bash lab/lesson/tests/e2e.sh $(LAB_BIN)
	@bash lab/lesson/tests/e2e_data.sh $(LAB_BIN)
	@bash lab/lesson/tests/e2e_pages.sh $(LAB_BIN)

# Prints every page (PAGES=all, LANG_=en|zh, SIZE=80x24) without a terminal.
lesson-snap: $(BUILD)/lesson-snap
	@$(BUILD)/lesson-snap -s $(or $(SIZE),80x24) -l $(or $(LANG_),en) -p $(or $(PAGES),all)

help::
	@echo "  make test-lesson            lesson tests: renderer goldens, screens, tmux end-to-end"
	@echo "  make bench-frame            median time of one training step + full redraw at 200x60"
	@echo "  make lesson-snap [LANG_=zh] [SIZE=80x24] [PAGES=n|all]   print lesson pages as text"
	@echo "  make lesson-mutants         show that the lesson tests catch 33 deliberate bugs"

$(BUILD)/lesson-bench-frame: $(BUILD)/obj/lab/lesson/tests/bench_frame.o $(BUILD)/obj/lab/lesson/term.o $(LESSON_CORE_OBJ) $(RENDER_OBJ) $(REF_OBJ) $(RT_LIB)
	$(call quiet,LD,$@)$(CC) $(LDFLAGS) $< $(BUILD)/obj/lab/lesson/term.o $(LESSON_TEST_LIBS) $(CURSES_LIBS) -o $@
bench-frame: $(BUILD)/lesson-bench-frame
	@$(BUILD)/lesson-bench-frame

# Shows that the lesson tests catch the bugs they target (a few minutes; not in `make test`).
.PHONY: lesson-mutants
lesson-mutants:
	@python3 lab/lesson/tests/mutants.py

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
	$(CC) $(LDFLAGS) $< $(LESSON_TEST_LIBS) -o $@

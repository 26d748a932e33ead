# lesson.mk — the interactive lesson's sources, linked into build/softmax-lab.
LESSON_SRC := $(wildcard lab/lesson/*.c)
LAB_PROG_OBJ += $(LESSON_SRC:%.c=$(BUILD)/obj/%.o)

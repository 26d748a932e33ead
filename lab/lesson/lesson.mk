# lesson.mk — the interactive lesson (lab/lesson/), the renderers it shares
# with `softmax-lab train --plot` (lab/render/), their tests and benchmark.
LESSON_SRC := $(wildcard lab/lesson/*.c)
RENDER_SRC := $(wildcard lab/render/*.c)
RENDER_OBJ := $(RENDER_SRC:%.c=$(BUILD)/obj/%.o)
LAB_PROG_OBJ += $(LESSON_SRC:%.c=$(BUILD)/obj/%.o) $(RENDER_OBJ)

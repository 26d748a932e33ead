/* text_embed.c — the lesson's text files compiled into the program (as
 * lab/data_embed.c does for the datasets), each a NUL-terminated string.
 * Compiled from the top folder of the project (the paths are relative);
 * lesson.mk makes this object depend on the YAML files. */
#include "content.h"
#include "embed.h"

#include <string.h>

SL_EMBED(sl_lesson_en_yaml, "lab/lesson/text/en.yaml");
SL_EMBED(sl_lesson_zh_yaml, "lab/lesson/text/zh.yaml");

extern const char sl_lesson_en_yaml[], sl_lesson_zh_yaml[];

const char *sl_lesson_text(const char *lang)
{
    return strcmp(lang, "zh") == 0 ? sl_lesson_zh_yaml : sl_lesson_en_yaml;
}

/* tpl.h — fills the placeholders {1}, {2}, {3} of a translated message
 * template (the lesson text never holds printf formats). */
#ifndef SL_LESSON_TPL_H
#define SL_LESSON_TPL_H

#include <stddef.h>

/* Writes tpl into out (size bytes, always NUL-terminated) with {1}…{3}
 * replaced by a1…a3 (NULL arguments print nothing).  Returns out. */
char *sl_tpl(char *out, size_t size, const char *tpl, const char *a1, const char *a2);
char *sl_tpl3(char *out, size_t size, const char *tpl, const char *a1, const char *a2,
              const char *a3);

#endif

/* asmcheck.h — the assembly a student file compiles to must use only the
 * directives GCC itself emits for C code.  Inline or top-level asm, asm
 * labels and section names go into the assembly verbatim, so a student could
 * otherwise write `.incbin "/path"` (embed any readable file), `.include`,
 * or a `.macro` that builds one; every statement of the file (split at
 * newlines and at ';', strings and character constants respected, '#'
 * comments dropped, labels skipped) is checked against an allow-list, and
 * the object is assembled only from the checked text. */
#ifndef SL_GRADE_ASMCHECK_H
#define SL_GRADE_ASMCHECK_H

#include <stddef.h>

/* NULL when every directive of the assembly text s (len bytes) is allowed;
 * else the first forbidden one (malloc'ed, at most 40 bytes, cleaned). */
char *asmcheck_forbidden(const char *s, size_t len);

#endif

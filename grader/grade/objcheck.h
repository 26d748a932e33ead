/* objcheck.h — inspect a student's compiled object before it is linked into
 * a check program.  What it must be: an x86-64 (host) ELF relocatable object
 * ("gcc -c" output, never a linker script or other text posing as one) whose
 *   - sections are all on an allow-list (code, data, read-only data, debug
 *     info, unwind tables, notes): no constructors/destructors
 *     (.init_array, .fini_array, .ctors, .dtors, .init, .fini), no
 *     Criterion sections (test or ReportHook registrations), nothing else;
 *   - defined global symbols are exactly the exercise's function (helpers
 *     must be static; no `main`, no global variables);
 *   - no symbol is an IFUNC (its resolver would run before main);
 *   - undefined symbols come from an allow-list: libm, memory functions
 *     (malloc, free, memcpy, …), the runtime helpers of softmax_lab.h, the
 *     other exercises' functions, printf-style debugging output;
 *   - executable bytes contain no system-call instruction (syscall,
 *     sysenter, int 0x80), wherever they sit.
 * The reasons are written for the student, in en or zh. */
#ifndef SL_GRADE_OBJCHECK_H
#define SL_GRADE_OBJCHECK_H

#include <stddef.h>

/* Checks the object bytes (len) for the exercise whose function is `function`.
 * 0 when acceptable; otherwise −1 and a list of reasons (one per line, at
 * most a few) in *why (malloc'ed; free it). */
int objcheck(const unsigned char *obj, size_t len, const char *function, int zh, char **why);

/* 1 when name may be imported by a student object. */
int objcheck_import_allowed(const char *name);

#endif

/* build.h — compile one student file and link it into its exercise's worker.
 *
 * The commands are the Makefile's (see "check harnesses" there):
 *   compile: CC STUDENT_CFLAGS [ASAN] -Dmain=sl_student_main_unused -c SRC -o OBJ
 *   worker:  CC LDFLAGS [ASAN] BUILD/obj/grader/worker/{worker,filter}.o OBJ
 *            BUILD/harness/E.a WORKER_LIBS -o BIN
 *   judge:   CC LDFLAGS BUILD/obj/grader/suites/E.o [HIDDEN.o]
 *            BUILD/obj/grader/worker/proxy-E.o BUILD/obj/grader/memcheck/check-E.o
 *            BUILD/libslmem.a BUILD/harness/E.a JUDGE_LIBS -o BIN
 *            (check-E.o: the check `memory`, grader/memcheck/)
 * ([ASAN]: the memory check's worker flavour, -fsanitize=address,undefined.)
 * The compiler, flags and folders are baked in by the Makefile (-D SL_CC …)
 * as absolute paths, so the commands work from any directory; the instructor
 * grader runs the same argv inside its sandbox.  -Dmain=… turns a student's
 * leftover main() into an unused function, so it cannot break the check. */
#ifndef SL_BUILD_H
#define SL_BUILD_H

#include <stddef.h>

typedef struct {
    const char *cc;         /* compiler, e.g. "gcc" */
    const char *cflags;     /* student flags, space-separated (no quoting) */
    const char *ldflags;    /* link flags, space-separated (may be "") */
    const char *libs;       /* libraries of a worker, after the harness */
    const char *build_dir;  /* holds harness/E.a, judge/E and obj/grader/{suites,worker}/… */
    const char *judge_libs; /* libraries of a judge (Criterion) */
    const char *asan_flags; /* the sanitizer flavour's compile and link flags */
} sl_toolchain;

/* The toolchain of this build (the values baked in by the Makefile). */
sl_toolchain sl_toolchain_default(void);

/* NULL-terminated argv (malloc'd; free with sl_argv_free) of the commands
 * above.  tc NULL means sl_toolchain_default(); asan 1 the sanitizer
 * flavour.  sl_compile_argv and sl_link_argv are the plain flavour's
 * compile and worker link.  NULL when out of memory. */
char **sl_compile_argv(const sl_toolchain *tc, const char *src, const char *obj);
char **sl_compile_argv_flavour(const sl_toolchain *tc, const char *src, const char *obj, int asan);
char **sl_link_argv(const sl_toolchain *tc, const char *exercise, const char *obj, const char *bin);
char **sl_worker_argv(const sl_toolchain *tc, const char *exercise, const char *obj, const char *bin,
                      int asan);
char **sl_judge_argv(const sl_toolchain *tc, const char *exercise, const char *hidden_obj,
                     const char *bin);
void sl_argv_free(char **argv);

/* Compiles src into obj.  0: compiled (warnings, if any, in *log); 1: the
 * compiler rejected the file (its messages in *log; obj removed); −1: could
 * not run the compiler (reason in *log).  *log is malloc'd (maybe ""). */
int sl_compile_student(const sl_toolchain *tc, const char *src, const char *obj, int asan, char **log);

/* Links obj into exercise's worker bin: 0, 1 (linker messages in *log), or
 * −1 as above. */
int sl_link_worker(const sl_toolchain *tc, const char *exercise, const char *obj, const char *bin,
                   int asan, char **log);

/* Turns a linker log into one plain sentence about the student's file, or
 * returns 0 when it does not recognise the problem:
 *   "student/softmax.c does not define softmax() (is it spelled right, and not static?)"
 *   "student/softmax.c defines logits(), which the kit already provides: make your helper static"
 * zh selects Chinese.  `file` is the path shown, `function` the exercise's. */
int sl_explain_link_error(const char *log, const char *file, const char *function, int zh,
                          char *msg, size_t msglen);

#endif

/* mc_build.h — build the memory-check program of one student file.
 *
 *   compile ×2 (in parallel):
 *     CC STUDENT_CFLAGS -fsanitize=address,undefined … -ftrivial-auto-var-init=pattern
 *        -U__SANITIZE_ADDRESS__ -Dmain=sl_student_main_unused -c SRC -o OBJ_PATTERN
 *     … the same with =zero → OBJ_ZERO
 *   rename: objcopy --redefine-sym <function>=mc_variant_pattern
 *           --keep-global-symbol mc_variant_pattern OBJ_PATTERN   (zero: mc_variant_zero)
 *           (any other global of the file — a leftover main, a non-static helper —
 *           becomes local, so that the two variants link side by side)
 * The source is preprocessed exactly as for the plain build (no macro tells
 * the file it is being memory-checked: -U__SANITIZE_ADDRESS__, the rename
 * happens after compiling), so an object check of the plain object speaks
 * for these two as well; what the sanitizer adds is the compiler's.
 *   link:
 *     CC -no-pie -fsanitize=address,undefined -Wl,--wrap=malloc,… MC_DIR/driver/{mc_main,mc_cases,mc_alloc}.o
 *        OBJ_PATTERN OBJ_ZERO MC_DIR/harness.a -lm -lpthread -o BIN
 * The compiler, flags and MC_DIR are baked in by grader/memcheck/memcheck.mk.
 * The program is what a check runs (mc_run.h); it is linked non-PIE so that
 * the addresses in its sanitizer reports are addresses in the file. */
#ifndef MC_BUILD_H
#define MC_BUILD_H

#include <stddef.h>

/* NULL-terminated argv (malloc'd; free with mc_argv_free) of the compile of
 * variant "pattern" or "zero", of its rename, and of the link.  NULL when out of memory. */
char **mc_compile_argv(const char *variant, const char *src, const char *obj);
char **mc_rename_argv(const char *function, const char *variant, const char *obj);
char **mc_link_argv(const char *obj_pattern, const char *obj_zero, const char *bin);
void mc_argv_free(char **argv);

/* Builds bin from src (the student's file for exercise function `function`),
 * objects in work_dir as <bin name>-pattern.o and -zero.o; does nothing when
 * bin is newer than src, the driver and the harness and was built from this
 * very file (path, mtime and size).  The compiler's messages (LC_ALL=C) are
 * kept in <bin>.log (mc_run.h reads its uninitialised-variable warnings).  0 built or up to date; 1 the compiler or
 * linker refused (messages in *log); −1 could not run them (*log says why).
 * *log is malloc'd (maybe ""), or NULL when out of memory. */
int mc_build(const char *function, const char *src, const char *bin, char **log);

/* The instructor grader compiles in a sandbox and links outside it:
 *
 * mc_compile_script() returns (malloc'd) shell lines that compile src into
 * <obj_prefix>-pattern.o and <obj_prefix>-zero.o side by side in the
 * background (each with its .log and .rc — the exit status — beside it), with
 * -I<include_dir> for the contract headers; the script must end with `wait`.
 * NULL when out of memory.  Paths must not contain a single quote.
 *
 * mc_link_compiled() then renames and links those two objects (copied next
 * to bin first) into bin.  0, 1 (the compile or the link failed: *log says
 * why), −1 (could not run the tools). */
char *mc_compile_script(const char *src, const char *obj_prefix, const char *include_dir);
int mc_link_compiled(const char *function, const char *obj_prefix, const char *bin, char **log);

#endif

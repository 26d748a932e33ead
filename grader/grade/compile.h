/* compile.h — compile a student's files in a sandbox that sees only those
 * files, the contract headers and the (read-only) system: never the
 * reference, the hidden checks or anyone's home.  Layout of the folder cc:
 *   src/<file>      the student's files (copies, at most 1 MiB each)
 *   include/        the headers a student may include (cfg->headers)
 *   obj/<id>.o .log .rc .dep   object, compiler messages, status, -MD list */
#ifndef SL_GRADE_COMPILE_H
#define SL_GRADE_COMPILE_H

#include "pipeline.h"

/* Compiles, in one sandbox run in slot `slot`, every exercise i with
 * present[i] == 1 (a file too large or unreadable is marked present[i] = −1).
 * 0, or −1 with *why when the sandbox could not be set up (the grader's fault). */
int compile_submission(const grade_cfg *cfg, const submission *sub, int slot, const char *cc,
                       int *present, char **why);

/* The files the compiler read (the -MD list at dep_path) must be the
 * student's file, the contract headers or system headers: an #include of
 * anything else is refused by name (both sandbox modes).  0 when fine, else
 * −1 with the reasons (one "- …" line each) in *why. */
int compile_check_deps(const grade_cfg *cfg, const char *cc, const char *dep_path, char **why);

#endif

/* kit.h — what the grader needs from the kit before grading anyone: the
 * headers a student file may include, the built check programs' parts
 * (preflight), the instructor's hidden checks compiled, a private work
 * folder the sandbox users can reach, and a fingerprint of everything that
 * decides a grade (so that a resumed run with other settings regrades). */
#ifndef SL_GRADE_KIT_H
#define SL_GRADE_KIT_H

#include "manifest.h"

#include <stddef.h>

/* Host paths of lab/softmax_lab.h and of every lab/ header the kit's stubs
 * (kit/student/<file>) include with quotes.  NULL-terminated; kit_strv_free. */
char **kit_headers(const char *kit, const sl_manifest *m);

/* 0 when build_dir holds every exercise's suite object and harness and the
 * crash note; else −1 after saying what is missing (and to run make grade-tools). */
int kit_preflight(const char *build_dir, const sl_manifest *m, int zh);

/* A fresh folder $TMPDIR/sl-grade-XXXXXX (mode 0711) whose every ancestor
 * other users may traverse (the sandbox uids work below it).  NULL after a
 * message when that cannot be. */
char *kit_work_folder(int zh);

/* Compiles hidden_dir/<exercise>.c with the kit's flags into
 * work/hidden/<exercise>.o; objs[i] is that path or NULL (no file).  Warns
 * when the manifest has hidden checks without a file.  0, or −1 after
 * printing the compiler's message. */
int kit_compile_hidden(const char *hidden_dir, const sl_manifest *m, const char *work,
                       char **objs, int zh);

/* One line naming the manifest, the hidden checks' sources (hidden_dir may
 * be NULL) and the language in use (a 64-bit FNV-1a of the files).  malloc'ed. */
char *kit_fingerprint(const char *manifest_path, const char *hidden_dir, const sl_manifest *m,
                      int zh);

/* Host paths of the libraries in build_dir/grade-lib (grader/grade.mk: a
 * stand-in for libgit2), sorted, NULL-terminated (kit_strv_free); NULL when
 * there are none.  The grader puts them beside each check program it links. */
char **kit_check_libs(const char *build_dir);

void kit_strv_free(char **v);

#endif

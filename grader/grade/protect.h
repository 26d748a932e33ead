/* protect.h — weak mode's guarantee, made by file permissions: the
 * unprivileged uids that compile and run student code cannot read the
 * kit's reference, the hidden checks, the instructor's fixtures and build,
 * the class folder or the results.  Without namespaces any path the grader
 * can name, the student code can name too; what stops it is that these
 * folders give no access to group and others.  The grader removes that
 * access itself (as root, saying what it changed), then proves it: a child
 * running as a sandbox uid must fail to open every one of them. */
#ifndef SL_GRADE_PROTECT_H
#define SL_GRADE_PROTECT_H

/* paths: NULL-terminated (NULL entries in between are skipped by giving
 * n); missing paths are skipped.  As root: chmod go-rwx on each (never on
 * "/"), then the probe as sandbox slot 0's uid.  Not root: nothing to do
 * (there is no uid separation; returns 0).  0 when protected; −1 with a
 * message on stderr (en/zh) naming the readable path. */
int protect_paths(const char *const *paths, int n, int zh, int quiet);

#endif

/* submit.h — build/submit, `make submit`: pack the student's exercise files
 * into submission.zip for the instructor's grader and Gradescope.
 *   submit.c  options, the checks, the warnings, which files go in
 *   zipw.c    the zip itself (libarchive) */
#ifndef SL_SUBMIT_H
#define SL_SUBMIT_H

#include <stddef.h>

/* Writes a zip at path holding files[i] (paths on disk) under names[i] (at
 * the top of the zip), through path.tmp renamed at the end, so a failed run
 * leaves no half zip.  0, or −1 with a message in err. */
int sb_zip_write(const char *path, char *const *files, char *const *names, size_t n, char *err, size_t errlen);

#endif

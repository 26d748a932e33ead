/* collect.h — find the submissions under a path.
 *
 * PATH is either one submission (it holds an exercise file directly or in a
 * student/ subfolder) or a class folder: every subfolder, .zip, .tar.gz or
 * .tgz in it is one student, named by the folder/archive name (characters
 * other than [A-Za-z0-9._@+-] become '_').  In a submission, each exercise
 * file (softmax.c, …) is looked up anywhere below (shallowest first, then by
 * name: deterministic); symbolic links are never followed (a link is
 * reported, not read).  Archives are read with libarchive: only regular
 * entries named like an exercise file are extracted, to a private folder,
 * with size caps, so no entry can land outside it (no path traversal). */
#ifndef SL_GRADE_COLLECT_H
#define SL_GRADE_COLLECT_H

#include "manifest.h"
#include "pipeline.h"

typedef struct {
    submission *subs;           /* sorted by student id */
    size_t n;
} class_list;

/* Collects the submissions under path; archives are unpacked below
 * unpack_dir.  single: path is one submission whatever its layout.
 * 0, or −1 with a message in err (path missing, unreadable). */
int collect_submissions(const char *path, const sl_manifest *m, const char *unpack_dir,
                        int single, int zh, class_list *out, char *err, size_t errlen);

void class_list_free(class_list *c);

#endif

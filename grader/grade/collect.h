/* collect.h — find the submissions under a path.
 *
 * PATH is a class folder, one archive (one submission), or — with `single`
 * — one submission folder however its files are nested.  In a class folder
 * every entry that is a folder or a .zip/.tar.gz/.tgz archive is one
 * student, whatever its name (`student`, `grades.csv`, `softmax.c` …); a
 * symbolic link is a student whose link is not followed.  Dot entries,
 * __MACOSX and loose files (a README, a stray .c) are not submissions: they
 * are listed in the class notes, never dropped silently or merged into a
 * student.  A folder that holds exercise files and no folder or archive at
 * all is taken as one submission (said in the notes).
 *
 * Student ids keep the entry's name (minus the archive suffix) as UTF-8,
 * made safe for a file name reversibly (text_safe_id: unsafe bytes as %XX;
 * not NFC-normalised, so two spellings stay two students), cut to 120
 * bytes, unique (a name already taken gets "-2", "-3" …): every change is in
 * the class notes and the student's own note.  No two entries ever share an
 * id, so N student entries always give N students.
 *
 * In a submission each exercise file (softmax.c, …) is looked up anywhere
 * below (shallowest first, then by name: deterministic); symbolic links are
 * never followed.  Archives are read by unpack.h in a limited child. */
#ifndef SL_GRADE_COLLECT_H
#define SL_GRADE_COLLECT_H

#include "manifest.h"
#include "pipeline.h"

typedef struct {
    submission *subs;           /* sorted by student id */
    size_t n;
    char **notes;               /* class-level lines (cleaned UTF-8): entries that are not
                                   submissions, changed names; n_notes of them */
    size_t n_notes;
} class_list;

/* Collects the submissions under path; archives are unpacked below
 * unpack_dir.  single: path is one submission whatever its layout.
 * 0, or −1 with a message in err (path missing, unreadable). */
int collect_submissions(const char *path, const sl_manifest *m, const char *unpack_dir,
                        int single, int zh, class_list *out, char *err, size_t errlen);

void class_list_free(class_list *c);

#endif

/* progress.h — what the student has done: the exercises of exercises.yaml
 * and the status each last `make check` left in <dir of the program>/status.
 * Read by the exercises page and before §5 switches to the student's code. */
#ifndef SL_LESSON_PROGRESS_H
#define SL_LESSON_PROGRESS_H

#include "manifest.h"
#include "status.h"

#include <stddef.h>

enum { SL_PROGRESS_MAX = 32 };

typedef struct {
    sl_manifest m;
    int loaded;                  /* 0: err says why (no manifest, or where it is broken) */
    char err[512], path[4096];   /* the manifest used */
    char status_dir[4096], student_dir[4096];
    sl_status st[SL_PROGRESS_MAX];
    int stale[SL_PROGRESS_MAX];  /* the student's file changed after its last check */
} sl_progress;

/* Finds exercises.yaml ($SOFTMAX_LAB_MANIFEST, else next to the program's
 * folder: <exe_dir>/../exercises.yaml, <exe_dir>/../share/softmax-lab/, else
 * ./exercises.yaml), loads it and reads every status from
 * $SOFTMAX_LAB_STATUS_DIR or <exe_dir>/status.  An exercise is stale when
 * its student file ($SOFTMAX_LAB_STUDENT_DIR, else student/ beside the
 * manifest) is newer than its status file.  Never fails: see loaded. */
void sl_progress_load(sl_progress *p, const char *exe_dir);
void sl_progress_free(sl_progress *p);

/* 1 when exercise i passed every check the manifest lists for it now: state
 * pass, all of its (visible) points out of the manifest's current total (a
 * check added since the last run counts as not passed) and not stale. */
int sl_progress_passes(const sl_progress *p, size_t i);

/* Index of the first core (non-optional) exercise that does not pass in the
 * sense of sl_progress_passes(), −1 when every core exercise passes, −2 when
 * the manifest did not load. */
int sl_progress_first_failing(const sl_progress *p);

/* A cheap fingerprint of what the exercises page shows: the modification
 * times and sizes of the manifest, every status file and every student
 * file (stat only, nothing is read).  Changes when any of them changes. */
unsigned long long sl_progress_fingerprint(const char *exe_dir);

#endif

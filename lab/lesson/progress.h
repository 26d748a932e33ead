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
    sl_status st[SL_PROGRESS_MAX];
} sl_progress;

/* Finds exercises.yaml ($SOFTMAX_LAB_MANIFEST, else next to the program's
 * folder: <exe_dir>/../exercises.yaml, <exe_dir>/../share/softmax-lab/, else
 * ./exercises.yaml), loads it and reads every status from
 * $SOFTMAX_LAB_STATUS_DIR or <exe_dir>/status.  Never fails: see loaded. */
void sl_progress_load(sl_progress *p, const char *exe_dir);
void sl_progress_free(sl_progress *p);

/* Index of the first core (non-optional) exercise whose status is not pass,
 * −1 when every core exercise passes, −2 when the manifest did not load. */
int sl_progress_first_failing(const sl_progress *p);

#endif

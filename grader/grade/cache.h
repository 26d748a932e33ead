/* cache.h — results by object file.  Within one grading run, an object
 * identical to one already graded (untouched stubs, copies of one solution)
 * gets the recorded result instead of a second link and run; the checks are
 * deterministic, so this changes nothing but the time.  Stored as one-exercise
 * records (record.h) in work_root/cache/<exercise>-<SHA-256>-<size>.tsv (a
 * cryptographic hash: two different objects never share a result),
 * written atomically, so parallel jobs may share it. */
#ifndef SL_GRADE_CACHE_H
#define SL_GRADE_CACHE_H

#include "pipeline.h"
#include "record.h"

#include <stddef.h>

/* Replaces *ex (whose contents it frees) by the recorded result of exercise
 * id for this object: 0, or −1 (ex untouched) when there is none. */
int cache_load(const grade_cfg *cfg, const char *id, const unsigned char *obj, size_t len,
               g_exercise *ex);

/* Records ex as the result of exercise id for this object (best effort). */
void cache_store(const grade_cfg *cfg, const char *id, const unsigned char *obj, size_t len,
                 const g_exercise *ex);

#endif

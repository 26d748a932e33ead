/* status.h — the last `make check` result of each exercise, kept in
 * build/status/<id> as one line "<state> <points> <max>", where state is
 * pass, fail, not-implemented or compile-error.  Written by the checker,
 * read by the lesson's exercises page and by `softmax-lab train --impl student`.
 * The state is an exercise outcome (outcome.h); the file keeps four words:
 * a missing, refused or unlinkable file is written compile-error, a run
 * that could not finish fail. */
#ifndef SL_STATUS_H
#define SL_STATUS_H

#include "outcome.h"

typedef sl_ex_outcome sl_status_state;
#define SL_STATUS_UNKNOWN SL_EX_UNKNOWN     /* never checked (no file) */
#define SL_STATUS_PASS SL_EX_PASS
#define SL_STATUS_FAIL SL_EX_FAIL
#define SL_STATUS_NOT_IMPLEMENTED SL_EX_NOT_IMPLEMENTED
#define SL_STATUS_COMPILE_ERROR SL_EX_COMPILE_ERROR

typedef struct {
    sl_status_state state;
    int points, max;
} sl_status;

/* mkdir -p: creates dir and its missing parents (mode 0777 & ~umask).
 * 0 when dir exists as a folder afterwards, −1 otherwise. */
int sl_make_dirs(const char *dir);

/* Writes dir/<id> atomically (temp file + rename); creates dir.  0 or −1. */
int sl_status_write(const char *dir, const char *id, sl_status st);

/* Reads dir/<id>; a missing or unreadable file gives SL_STATUS_UNKNOWN. */
sl_status sl_status_read(const char *dir, const char *id);

/* "pass", "fail", "not-implemented", "compile-error" or "unknown". */
const char *sl_status_name(sl_status_state s);

#endif

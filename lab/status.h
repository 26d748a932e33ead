/* status.h — the last `make check` result of each exercise, kept in
 * build/status/<id> as one line "<state> <points> <max>", where state is
 * pass, fail, not-implemented or compile-error.  Written by the checker,
 * read by the lesson's exercises page and by `softmax-lab train --impl student`. */
#ifndef SL_STATUS_H
#define SL_STATUS_H

typedef enum {
    SL_STATUS_UNKNOWN,          /* never checked (no file) */
    SL_STATUS_PASS,
    SL_STATUS_FAIL,
    SL_STATUS_NOT_IMPLEMENTED,
    SL_STATUS_COMPILE_ERROR
} sl_status_state;

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

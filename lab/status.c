/* status.c — build/status/<id> files (contract: status.h). */
#include "status.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The file's word for an outcome (four words and "unknown"). */
const char *sl_status_name(sl_status_state s)
{
    switch (s) {
    case SL_EX_PASS: case SL_EX_FAIL: case SL_EX_NOT_IMPLEMENTED: case SL_EX_COMPILE_ERROR:
        return sl_ex_outcome_name(s);
    case SL_EX_MISSING: case SL_EX_REJECTED: case SL_EX_LINK_ERROR:
        return sl_ex_outcome_name(SL_EX_COMPILE_ERROR);
    case SL_EX_RUN_FAILED: case SL_EX_INTERNAL:
        return sl_ex_outcome_name(SL_EX_FAIL);
    default:
        return "unknown";
    }
}

int sl_make_dirs(const char *dir)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
        return -1;
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        return -1;
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

int sl_status_write(const char *dir, const char *id, sl_status st)
{
    char path[4096], tmp[4200];
    if (sl_make_dirs(dir) != 0 || snprintf(path, sizeof path, "%s/%s", dir, id) >= (int)sizeof path)
        return -1;
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f)
        return -1;
    int ok = fprintf(f, "%s %d %d\n", sl_status_name(st.state), st.points, st.max) > 0;
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}

sl_status sl_status_read(const char *dir, const char *id)
{
    sl_status st = {SL_STATUS_UNKNOWN, 0, 0};
    char path[4096], word[32];
    if (snprintf(path, sizeof path, "%s/%s", dir, id) >= (int)sizeof path)
        return st;
    FILE *f = fopen(path, "r");
    if (!f)
        return st;
    int points, max;
    if (fscanf(f, "%31s %d %d", word, &points, &max) == 3) {
        int s = sl_ex_outcome_parse(word);
        if (s >= 0 && strcmp(sl_status_name((sl_status_state)s), word) == 0)
            st = (sl_status){(sl_status_state)s, points, max};
    }
    fclose(f);
    return st;
}

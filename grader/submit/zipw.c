/* zipw.c — write submission.zip with libarchive's zip writer (submit.h). */
#include "submit.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { FILE_MAX = 4 * 1024 * 1024 };

/* Reads a whole regular file (at most FILE_MAX bytes); NULL with err set. */
static char *slurp(const char *path, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    char *buf = malloc(FILE_MAX);
    *len = buf ? fread(buf, 1, FILE_MAX, f) : 0;
    int too_big = buf && *len == FILE_MAX && fgetc(f) != EOF;
    int bad = ferror(f);
    fclose(f);
    if (!buf || bad || too_big) {
        snprintf(err, errlen, "%s: %s", path, !buf ? "out of memory" : too_big ? "larger than 4 MB" : "read error");
        free(buf);
        return NULL;
    }
    return buf;
}

static int add_file(struct archive *a, const char *file, const char *name, char *err, size_t errlen)
{
    struct stat st;
    size_t len;
    if (stat(file, &st) != 0) {
        snprintf(err, errlen, "%s: %s", file, strerror(errno));
        return -1;
    }
    char *data = slurp(file, &len, err, errlen);
    if (!data)
        return -1;
    struct archive_entry *e = archive_entry_new();
    archive_entry_set_pathname(e, name);
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, (la_int64_t)len);
    archive_entry_set_mtime(e, st.st_mtime, 0);
    int ok = archive_write_header(a, e) == ARCHIVE_OK
             && (len == 0 || archive_write_data(a, data, len) == (la_ssize_t)len);
    if (!ok)
        snprintf(err, errlen, "%s: %s", name, archive_error_string(a) ? archive_error_string(a) : "write error");
    archive_entry_free(e);
    free(data);
    return ok ? 0 : -1;
}

int sb_zip_write(const char *path, char *const *files, char *const *names, size_t n, char *err, size_t errlen)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
        snprintf(err, errlen, "%s: path too long", path);
        return -1;
    }
    struct archive *a = archive_write_new();
    if (!a || archive_write_set_format_zip(a) != ARCHIVE_OK || archive_write_open_filename(a, tmp) != ARCHIVE_OK) {
        snprintf(err, errlen, "%s: %s", tmp, a && archive_error_string(a) ? archive_error_string(a) : "cannot write");
        if (a)
            archive_write_free(a);
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = add_file(a, files[i], names[i], err, errlen);
    if (archive_write_close(a) != ARCHIVE_OK && rc == 0) {
        snprintf(err, errlen, "%s: %s", tmp, archive_error_string(a) ? archive_error_string(a) : "write error");
        rc = -1;
    }
    archive_write_free(a);
    if (rc == 0 && rename(tmp, path) != 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        rc = -1;
    }
    if (rc != 0)
        unlink(tmp);
    return rc;
}

/* errbuf.h — one-line error messages into a caller's buffer. */
#ifndef SL_ERRBUF_H
#define SL_ERRBUF_H

#include <stddef.h>

/* Formats the message into err (errlen bytes, always NUL-terminated; nothing
 * is written when err is NULL or errlen is 0) and returns −1, so that a
 * failing function can end with `return sl_errorf(err, errlen, "…", …);`. */
int sl_errorf(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Reads the whole file at path into a fresh buffer (*buf, *len; the caller
 * frees *buf; one NUL byte follows the data).  0 on success; −1 with errno
 * set (from fopen, ENOMEM, or EIO for a read error) and nothing allocated. */
int sl_read_file(const char *path, char **buf, size_t *len);

#endif

/* sha256.h — SHA-256 (FIPS 180-4) of a byte string, for keys that must not
 * collide by accident or on purpose (the grader's result cache). */
#ifndef SL_SHA256_H
#define SL_SHA256_H

#include <stddef.h>

/* hex: 64 lowercase hex digits and a NUL, of the SHA-256 of data[0..len). */
void sl_sha256_hex(const void *data, size_t len, char hex[65]);

#endif

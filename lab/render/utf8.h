/* utf8.h — UTF-8 decoding and display width (wcwidth), for the grid and the
 * text wrapper.  Decoding never reads past the terminating NUL; a malformed
 * sequence decodes as U+FFFD and advances one byte. */
#ifndef SL_UTF8_H
#define SL_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes the character at *s, advances *s past it; returns 0 at the NUL. */
uint32_t sl_utf8_next(const char **s);

/* Encodes cp into buf (≥ 4 bytes); returns the byte count (1–4). */
int sl_utf8_put(uint32_t cp, char *buf);

/* Display width of cp in terminal columns: 0 for combining marks and
 * controls, 2 for East Asian wide/fullwidth (Chinese), else 1.  Uses
 * wcwidth() of the current locale when it knows the character, and a
 * built-in table of the wide ranges when it does not (C locale). */
int sl_cp_width(uint32_t cp);

/* Display width of a UTF-8 string (up to the NUL or n bytes). */
int sl_str_width(const char *s);
int sl_strn_width(const char *s, size_t n);

/* 1 when cp is a wide (two-column) character. */
int sl_cp_is_wide(uint32_t cp);

#endif

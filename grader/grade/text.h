/* text.h — untrusted text made safe for each output: valid UTF-8 without
 * control characters (terminal escape codes included), Markdown that cannot
 * forge lines, CSV cells a spreadsheet never runs as formulas, and student
 * ids that are safe as file names and reversible. */
#ifndef SL_GRADE_TEXT_H
#define SL_GRADE_TEXT_H

#include "util.h"

#include <stddef.h>

/* Appends s as valid UTF-8: every invalid byte becomes U+FFFD, every control
 * character (C0, DEL, C1; ESC of escape codes included) becomes U+FFFD,
 * except newline and tab when keep_lines (carriage returns are dropped). */
void sb_add_clean(sb_t *b, const char *s, int keep_lines);

/* sb_add_clean into a new string (malloc'ed). */
char *text_clean(const char *s, int keep_lines);

/* Length of the longest run of backticks in s. */
size_t text_backtick_run(const char *s);

/* Appends s (cleaned) as a fenced code block whose fence is longer than any
 * backtick run inside, so that no line of s can close it, every line
 * starting "> " so that none can pass for a line of the report. */
void md_fenced(sb_t *b, const char *s);

/* Appends s (cleaned) as a block quote: every line "> " plus the line with
 * Markdown's active characters backslash-escaped, so that no line of s can
 * become a heading, a list item, a fence, HTML or a table row. */
void md_quoted(sb_t *b, const char *s);

/* Appends one line of s (cleaned, newlines become spaces) with Markdown's
 * active characters backslash-escaped: safe inside a heading or a list item. */
void md_inline(sb_t *b, const char *s);

/* 1 when s is a number a spreadsheet reads as such ("-3", "+1.5e2"). */
int text_is_number(const char *s);

/* Appends s as one CSV cell: a leading ' when it starts with = + - @ tab or
 * CR and is not a number (spreadsheets would run it as a formula), quoted
 * when it holds , " or a line break. */
void csv_cell(sb_t *b, const char *s);

/* A student id for a class-folder entry name: the bytes of valid UTF-8
 * letters and [A-Za-z0-9._+-] kept, every other byte (space, %, control
 * characters, invalid UTF-8, a leading '.') percent-encoded as %XX, so the
 * mapping is reversible; cut to at most max_bytes at a character boundary.
 * malloc'ed. */
char *text_safe_id(const char *name, size_t max_bytes);

#endif

/* check.h — the frame every check of a suite is written in.
 *
 *   SL_CHECK(softmax, rows_sum_to_one, 5) { …; }
 *
 * declares the Criterion test softmax::rows_sum_to_one with its own timeout
 * (seconds) and an exit-code sentinel: the body runs, then the test process
 * exits with SL_EXIT_SENTINEL.  A student's exit(0) therefore ends the test
 * with the wrong code and Criterion reports a failure instead of a pass.
 *
 * Failure messages follow the convention of grader/run/results.h: the first
 * line is "[tag] summary", the next lines (indented) say what was compared,
 * expected vs got at the first differing entry with indices, max abs diff and
 * the tolerance.  Lines are added with sl_say() (English and Chinese formats,
 * the language picked once by sl_lang_zh()) and sent with sl_fail().
 *
 * Memory for inputs comes from sl_mat(): it is released by the frame when the
 * check passes, so checks stay clean under LeakSanitizer. */
#ifndef SL_CHECK_H
#define SL_CHECK_H

#include <stddef.h>

#include <criterion/criterion.h>

/* The instructor's grader may build with -DSL_EXIT_SENTINEL=<n> (1..255,
 * chosen per build) so that a student cannot fake a pass with _exit(97). */
#ifndef SL_EXIT_SENTINEL
#define SL_EXIT_SENTINEL 97
#endif

#define SL_CHECK(suite, name, timeout_s)                                      \
    static void sl_body_##suite##_##name(void);                              \
    Test(suite, name, .timeout = (timeout_s), .exit_code = SL_EXIT_SENTINEL) \
    {                                                                        \
        sl_body_##suite##_##name();                                          \
        sl_pass();                                                           \
    }                                                                        \
    static void sl_body_##suite##_##name(void)

/* 1 when messages are Chinese (cached sl_lang_zh()). */
int sl_zh(void);

/* The failure message has a headline (first line, with the tag) and detail
 * lines.  sl_head() sets the headline "[tag] …" (tag e.g. "property",
 * "mismatch"); sl_head_mistake() sets "[mistake:<id>] <title>" followed by a
 * "fix: …" line from the catalogue (grader/lib/mistakes.h).  A later call
 * replaces the headline.  sl_say() appends one indented detail line.  Both
 * take an English and a Chinese printf format with the same arguments. */
void sl_head(const char *tag, const char *en_fmt, const char *zh_fmt, ...)
    __attribute__((format(printf, 2, 4), format(printf, 3, 4)));
void sl_head_mistake(const char *mistake_id);
void sl_say(const char *en_fmt, const char *zh_fmt, ...)
    __attribute__((format(printf, 1, 3), format(printf, 2, 3)));

/* Fails the check with headline + details (Criterion assertion). */
_Noreturn void sl_fail(void);

/* The check passed: frees sl_mat() memory and exits with the sentinel. */
_Noreturn void sl_pass(void);

/* Call right after every call of the student's function `fn` ("softmax"):
 * when the stub's NOT_IMPLEMENTED() ran, fails with "[not-implemented] …"
 * naming student/<fn>.c. */
void sl_after_call(const char *fn);

/* Fails with headline "[property] <en/zh>" (plus details said so far) unless
 * cond holds.  SL_REQUIRE(cond, en_fmt, zh_fmt, args...). */
#define SL_REQUIRE(cond, en, ...)                                             \
    do {                                                                     \
        if (!(cond)) {                                                       \
            sl_head("property", en, __VA_ARGS__);                            \
            sl_fail();                                                       \
        }                                                                    \
    } while (0)

/* count doubles, each set to NaN (so an output never written is visible);
 * freed by sl_pass().  Aborts the check on allocation failure. */
double *sl_mat(size_t count);

/* An output array of count doubles followed by SL_GUARD more, all NaN; the
 * guard shows writes past the end (compare.h: sl_expect_in_bounds). */
#define SL_GUARD 16
double *sl_out(size_t count);

/* bytes of zeroed memory for anything else (labels …); freed by sl_pass(). */
void *sl_alloc(size_t bytes);

#endif

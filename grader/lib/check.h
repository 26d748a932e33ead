/* check.h — the frame every check of a suite is written in.
 *
 *   SL_CHECK(softmax, rows_sum_to_one, 5) { …; }
 *
 * declares the Criterion test softmax::rows_sum_to_one with its own timeout
 * (seconds).  The check runs in the judge, a process where no student code
 * lives: a call of the exercise's function (softmax(…)) is a proxy that runs
 * the student's function in a worker process (grader/worker/) and brings
 * back what it did to the arrays.  The check passes when its body ends —
 * Criterion's own verdict; nothing the worker does can make it pass.  A
 * worker that crashes, exits, hangs, floods its output or makes a forbidden
 * system call fails the call, and so the check, with the reason.
 *
 * Failure messages: the first line is "[tag] summary", the next lines
 * (indented) say what was compared, expected vs got at the first differing
 * entry with indices, max abs diff and the tolerance.  Lines are added with
 * sl_say() (English and Chinese formats, the language picked once by
 * sl_lang_zh()) and sent with sl_fail().
 *
 * Memory for inputs comes from sl_mat(): it is released by the frame when the
 * check passes, so checks stay clean under LeakSanitizer.  The worker gets
 * the whole allocation of every sl_mat()/sl_out() array passed to it (guard
 * entries included), so a write past the end shows in the guard. */
#ifndef SL_CHECK_H
#define SL_CHECK_H

#include <stddef.h>

#include <criterion/criterion.h>

#define SL_CHECK(suite, name, timeout_s)                                      \
    static void sl_body_##suite##_##name(void);                              \
    Test(suite, name, .timeout = (timeout_s))                                \
    {                                                                        \
        sl_frame_begin(timeout_s);                                           \
        sl_body_##suite##_##name();                                          \
        sl_pass();                                                           \
    }                                                                        \
    static void sl_body_##suite##_##name(void)

/* Starts a check's clock: calls of the worker fail with "did not finish
 * within timeout_s" shortly before Criterion's own limit would strike. */
void sl_frame_begin(double timeout_s);

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

/* The check's body ended: frees sl_mat() memory and ends the worker. */
void sl_pass(void);

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

/* 1 when p points into memory of sl_alloc()/sl_mat()/sl_out() of this check,
 * with that allocation's start and size in *base, *bytes; else 0. */
int sl_alloc_find(const void *p, void **base, size_t *bytes);

/* ---- the worker (grader/worker/README.md) ----
 * The worker flavour of the next calls: 0 the plain worker (default), 1 the
 * memory-check worker (the student's file built with AddressSanitizer and
 * UBSan, exact-size arrays: no guard entries).  Switching ends the worker
 * that runs. */
void sl_worker_flavour(int asan);

/* How the worker ended, from sl_worker_finish(). */
typedef struct {
    int status;                 /* waitpid() status; −1 when it had to be killed */
    const char *output;         /* its stdout and stderr as they came (sanitizer
                                   reports included), valid until the next call */
    size_t output_len;
} sl_worker_end;

/* Ends this check's worker (closes its requests; it exits), waits for it
 * within the check's time and fills *end (may be NULL).  0, or −1 when no
 * worker was running.  In the sanitizer flavour a worker that ends during a
 * call (a sanitizer report, a crash, the time limit: status −1) does not fail
 * the check: that call and any later ones return 0 and change nothing, and
 * this returns how it ended and what it printed. */
int sl_worker_finish(sl_worker_end *end);

/* What the running worker printed so far (capped), *len its length. */
const char *sl_worker_output(size_t *len);

/* Heap bytes in use in the worker just before and just after the last call
 * of the student's function.  0, or −1 when the platform cannot tell. */
int sl_worker_heap(long long *before, long long *after);

#endif

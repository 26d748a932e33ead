/* git2_stub.c — a stand-in for libgit2 that the grader puts beside every
 * check program it links (grader/grade.mk builds it as
 * $(BUILD)/grade-lib/<libgit2 soname>; pipeline.h links with
 * DT_RPATH=$ORIGIN so that the dynamic loader finds it first).
 *
 * Why: Criterion 2.4 needs libgit2 for one thing only — drawing a diff of
 * two strings when an assertion of its new API (cr_assert(eq(str, …)))
 * fails.  Our suites report every failure through cr_assert_fail with their
 * own message, so that code never runs.  Yet loading the real libgit2 costs
 * each check process (one per check: Criterion re-executes the program per
 * test) 15 more shared libraries and the TLS set-up of git_libgit2_init —
 * about half of the CPU time of a check program.
 *
 * Contract (the three functions Criterion imports; grader/grade.mk builds
 * this only when those are exactly the ones libcriterion.so needs):
 *   git_libgit2_init     counts as initialised once: returns 1
 *   git_libgit2_shutdown returns 0 (no initialisation left)
 *   git_diff_buffers     draws nothing, calls no callback, returns -1
 *                        (GIT_ERROR): Criterion then shows the assertion
 *                        without a diff (it checks rc < 0). */
#include <stddef.h>

int git_libgit2_init(void);
int git_libgit2_shutdown(void);
int git_diff_buffers(const void *old_buffer, size_t old_len, const char *old_as_path,
                     const void *new_buffer, size_t new_len, const char *new_as_path,
                     const void *options, void *file_cb, void *binary_cb, void *hunk_cb,
                     void *line_cb, void *payload);

int git_libgit2_init(void)
{
    return 1;
}

int git_libgit2_shutdown(void)
{
    return 0;
}

int git_diff_buffers(const void *old_buffer, size_t old_len, const char *old_as_path,
                     const void *new_buffer, size_t new_len, const char *new_as_path,
                     const void *options, void *file_cb, void *binary_cb, void *hunk_cb,
                     void *line_cb, void *payload)
{
    (void)old_buffer, (void)old_len, (void)old_as_path, (void)new_buffer, (void)new_len;
    (void)new_as_path, (void)options, (void)file_cb, (void)binary_cb, (void)hunk_cb;
    (void)line_cb, (void)payload;
    return -1;
}

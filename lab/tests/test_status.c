/* test_status.c — build/status/<id> files (lab/status.c). */
#include "status.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[64];

static void make_dir(void)
{
    snprintf(dir, sizeof dir, "/tmp/sl-status-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
}

Test(status, write_read_round_trip_creates_dirs)
{
    make_dir();
    char sub[128];
    snprintf(sub, sizeof sub, "%s/a/b", dir);
    sl_status st = {SL_STATUS_NOT_IMPLEMENTED, 0, 12};
    cr_assert_eq(sl_status_write(sub, "softmax", st), 0, "write into a new folder failed");
    sl_status got = sl_status_read(sub, "softmax");
    cr_assert(got.state == st.state && got.points == 0 && got.max == 12, "read back %s %d %d", sl_status_name(got.state),
              got.points, got.max);
    char path[256], line[64] = "";
    snprintf(path, sizeof path, "%s/softmax", sub);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f);
    cr_assert_not_null(fgets(line, sizeof line, f));
    fclose(f);
    cr_assert_str_eq(line, "not-implemented 0 12\n", "file format: got '%s'", line);
    st = (sl_status){SL_STATUS_PASS, 12, 12};
    cr_assert_eq(sl_status_write(sub, "softmax", st), 0);
    cr_assert_eq(sl_status_read(sub, "softmax").state, SL_STATUS_PASS, "overwrite must replace the state");
    unlink(path);
    rmdir(sub);
    snprintf(sub, sizeof sub, "%s/a", dir);
    rmdir(sub);
    rmdir(dir);
}

Test(status, missing_or_garbage_is_unknown)
{
    make_dir();
    cr_assert_eq(sl_status_read(dir, "nothing").state, SL_STATUS_UNKNOWN);
    char path[128];
    snprintf(path, sizeof path, "%s/bad", dir);
    FILE *f = fopen(path, "w");
    fputs("great 1 2\n", f);
    fclose(f);
    cr_assert_eq(sl_status_read(dir, "bad").state, SL_STATUS_UNKNOWN, "an unknown state word must read as unknown");
    unlink(path);
    rmdir(dir);
}

Test(status, make_dirs_refuses_a_file)
{
    make_dir();
    char file[128], below[160];
    snprintf(file, sizeof file, "%s/plain", dir);
    FILE *f = fopen(file, "w");
    cr_assert_not_null(f);
    fclose(f);
    cr_assert_eq(sl_make_dirs(file), -1, "a path that is a file is not a folder");
    snprintf(below, sizeof below, "%s/x/y/z", dir);
    cr_assert_eq(sl_make_dirs(below), 0, "nested folders must be created");
    cr_assert_eq(sl_make_dirs(below), 0, "an existing folder is fine");
    rmdir(below);
    snprintf(below, sizeof below, "%s/x/y", dir);
    rmdir(below);
    snprintf(below, sizeof below, "%s/x", dir);
    rmdir(below);
    unlink(file);
    rmdir(dir);
}

Test(status, names)
{
    static const sl_status_state st[] = {SL_STATUS_UNKNOWN, SL_STATUS_PASS, SL_STATUS_FAIL,
                                         SL_STATUS_NOT_IMPLEMENTED, SL_STATUS_COMPILE_ERROR,
                                         SL_EX_LINK_ERROR, SL_EX_RUN_FAILED};
    static const char *want[] = {"unknown", "pass", "fail", "not-implemented", "compile-error",
                                 "compile-error", "fail"};
    for (int s = 0; s < 7; s++)
        cr_assert_str_eq(sl_status_name(st[s]), want[s]);
    cr_assert_str_eq(sl_status_name((sl_status_state)99), "unknown");
}

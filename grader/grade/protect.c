/* protect.c — see protect.h. */
#define _GNU_SOURCE
#include "protect.h"

#include "lang.h"
#include "sandbox.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* 1 when the calling (unprivileged) process can open path or, for a
 * folder, reach what is inside it. */
static int reachable(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd >= 0) {
        close(fd);
        return 1;
    }
    char *inside = xasprintf("%s/.", path);
    struct stat st;
    int r = stat(inside, &st) == 0;
    free(inside);
    return r;
}

/* Index of the first path the uid can reach, −1 when none, −2 on failure. */
static int probe(const char *const *paths, int n, int uid)
{
    int p[2];
    if (pipe(p) != 0)
        return -2;
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        int first = -1;
        if (setgroups(0, NULL) != 0 || setresgid((gid_t)uid, (gid_t)uid, (gid_t)uid) != 0
            || setresuid((uid_t)uid, (uid_t)uid, (uid_t)uid) != 0)
            _exit(2);
        for (int i = 0; i < n && first < 0; i++)
            if (paths[i] && access(paths[i], F_OK) == 0 && reachable(paths[i]))
                first = i;
        ssize_t w = write(p[1], &first, sizeof first);
        _exit(w == sizeof first ? 0 : 2);
    }
    close(p[1]);
    int first = -2, st = 0;
    if (pid > 0) {
        if (read(p[0], &first, sizeof first) != sizeof first)
            first = -2;
        while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
            ;
    }
    close(p[0]);
    return pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? first : -2;
}

int protect_paths(const char *const *paths, int n, int zh, int quiet)
{
    int uid = sbx_slot_uid(0);
    if (geteuid() != 0 || uid < 0)
        return 0;
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (!paths[i] || strcmp(paths[i], "/") == 0 || lstat(paths[i], &st) != 0
            || S_ISLNK(st.st_mode) || !(st.st_mode & 077))
            continue;
        if (chmod(paths[i], st.st_mode & 07700) == 0 && !quiet)
            fprintf(stderr, zh ? "grade: 弱沙箱：已移除 %s 的组和其他用户权限（chmod go-rwx），学生代码无法读取它\n"
                               : "grade: weak sandbox: removed group and other access to %s "
                                 "(chmod go-rwx), so that student code cannot read it\n",
                    paths[i]);
    }
    int first = probe(paths, n, uid);
    if (first == -1)
        return 0;
    if (first == -2)
        fprintf(stderr, "%s\n", sl_tr(zh, "grade: weak sandbox: cannot check what student code "
                                          "can read (the uid probe failed)",
                                      "grade: 弱沙箱：无法检查学生代码能读取什么（uid 探测失败）"));
    else
        fprintf(stderr, zh ? "grade: 弱沙箱：学生代码仍能读取 %s（检查其上级文件夹的权限或 ACL）；不评分\n"
                           : "grade: weak sandbox: student code could still read %s (check the "
                             "permissions or ACLs of the folders above it); not grading\n",
                paths[first]);
    return -1;
}

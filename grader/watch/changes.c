/* changes.c — which watched files changed: a stat() signature per file,
 * compared on each take; inotify (Linux) only says when to look, so both
 * backends decide the same way (contract: watch.h). */
#include "watch.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef __linux__
#include <sys/inotify.h>
#endif
#ifdef __APPLE__
#define st_mtim st_mtimespec
#endif

enum { POLL_MS = 200 };

typedef struct {
    int exists;
    struct timespec mtime;
    off_t size;
    ino_t ino;
} signature;

struct wt_changes {
    char **paths;
    signature *sig;
    size_t n;
    int fd;     /* inotify descriptor or −1 */
};

static signature sign(const char *path)
{
    struct stat s;
    signature g = {0, {0, 0}, 0, 0};
    if (stat(path, &s) == 0) {
        g.exists = 1;
        g.mtime = s.st_mtim;
        g.size = s.st_size;
        g.ino = s.st_ino;
    }
    return g;
}

static int same(const signature *a, const signature *b)
{
    return a->exists == b->exists && a->mtime.tv_sec == b->mtime.tv_sec && a->mtime.tv_nsec == b->mtime.tv_nsec
           && a->size == b->size && a->ino == b->ino;
}

static int open_notify(const char *dir)
{
#ifdef __linux__
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0)
        return -1;
    if (inotify_add_watch(fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE) < 0) {
        close(fd);
        return -1;
    }
    return fd;
#else
    (void)dir;
    return -1;
#endif
}

wt_changes *wt_changes_open(const char *dir, char *const *names, size_t n, int poll_only)
{
    wt_changes *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->n = n;
    c->paths = calloc(n ? n : 1, sizeof *c->paths);
    c->sig = calloc(n ? n : 1, sizeof *c->sig);
    c->fd = -1;
    if (!c->paths || !c->sig) {
        wt_changes_close(c);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(dir) + strlen(names[i]) + 2;
        if (!(c->paths[i] = malloc(len))) {
            wt_changes_close(c);
            return NULL;
        }
        snprintf(c->paths[i], len, "%s/%s", dir, names[i]);
        c->sig[i] = sign(c->paths[i]);
    }
    if (!poll_only)
        c->fd = open_notify(dir);
    return c;
}

int wt_changes_fd(const wt_changes *c)
{
    return c->fd;
}

int wt_changes_poll_ms(const wt_changes *c)
{
    return c->fd >= 0 ? -1 : POLL_MS;
}

size_t wt_changes_take(wt_changes *c, int *changed)
{
    if (c->fd >= 0) {
        char buf[4096];
        while (read(c->fd, buf, sizeof buf) > 0)
            ;
    }
    size_t count = 0;
    for (size_t i = 0; i < c->n; i++) {
        signature now = sign(c->paths[i]);
        changed[i] = !same(&now, &c->sig[i]);
        c->sig[i] = now;
        count += (size_t)changed[i];
    }
    return count;
}

void wt_changes_close(wt_changes *c)
{
    if (!c)
        return;
    if (c->fd >= 0)
        close(c->fd);
    for (size_t i = 0; c->paths && i < c->n; i++)
        free(c->paths[i]);
    free(c->paths);
    free(c->sig);
    free(c);
}

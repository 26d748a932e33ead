/* impl.c — reference or student implementation sets (contract: impl.h). */
#include "impl.h"
#include "engine/engine.h"
#include "softmax_lab.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void sl_impl_reference(sl_impl *out)
{
    *out = (sl_impl){.name = "reference", .softmax = softmax, .cross_entropy = cross_entropy,
                     .grad_w = grad_w, .grad_b = grad_b, .train = train,
                     .take_not_implemented = sl_take_not_implemented};
}

void sl_impl_engine(sl_impl *out)
{
    sl_impl_reference(out);
    out->train = sl_engine_train_auto;
}

static int student_so_path(char *path, size_t size)
{
    const char *env = getenv("SOFTMAX_LAB_STUDENT_SO");
    if (env && *env)
        return snprintf(path, size, "%s", env) < (int)size ? 0 : -1;
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len <= 0)
        return -1;
    exe[len] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash)
        *slash = '\0';
    return snprintf(path, size, "%s/libstudent.so", exe) < (int)size ? 0 : -1;
}

/* Looks up one symbol; on failure writes the reason and returns NULL. */
static void *need(void *handle, const char *sym, char *err, size_t errlen)
{
    void *p = dlsym(handle, sym);
    if (!p)
        snprintf(err, errlen, "libstudent.so has no function %s", sym);
    return p;
}

int sl_impl_student(sl_impl *out, char *err, size_t errlen)
{
    char path[PATH_MAX];
    if (student_so_path(path, sizeof path) != 0) {
        snprintf(err, errlen, "cannot locate libstudent.so");
        return -1;
    }
    if (access(path, R_OK) != 0) {
        snprintf(err, errlen, "your code is not built: student/ does not compile yet (run make)");
        return -1;
    }
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(err, errlen, "cannot load %s: %s", path, dlerror());
        return -1;
    }
    /* POSIX guarantees dlsym's void * converts to a function pointer. */
    sl_impl s = {.name = "student", .handle = h};
    void *f[6];
    static const char *const names[6] = {"softmax", "cross_entropy", "grad_w", "grad_b",
                                         "train", "sl_take_not_implemented"};
    for (int i = 0; i < 6; i++)
        if (!(f[i] = need(h, names[i], err, errlen))) {
            dlclose(h);
            return -1;
        }
    memcpy(&s.softmax, &f[0], sizeof f[0]);
    memcpy(&s.cross_entropy, &f[1], sizeof f[1]);
    memcpy(&s.grad_w, &f[2], sizeof f[2]);
    memcpy(&s.grad_b, &f[3], sizeof f[3]);
    memcpy(&s.train, &f[4], sizeof f[4]);
    memcpy(&s.take_not_implemented, &f[5], sizeof f[5]);
    *out = s;
    return 0;
}

void sl_impl_close(sl_impl *impl)
{
    if (impl->handle)
        dlclose(impl->handle);
    impl->handle = NULL;
}

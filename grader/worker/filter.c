/* filter.c — the worker's seccomp filter (contract: filter.h). */
#define _GNU_SOURCE 1           /* CLONE_THREAD */
#include "filter.h"

#include "wire.h"

#ifdef SL_HAVE_SECCOMP
#include <errno.h>
#include <sched.h>
#include <seccomp.h>
#include <unistd.h>

/* One allow rule; a syscall this libseccomp does not know is skipped. */
static int allow(scmp_filter_ctx ctx, int nr, unsigned n_cmp, const struct scmp_arg_cmp *cmp)
{
    if (nr < 0)
        return 0;
    return seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, nr, n_cmp, cmp);
}

/* A syscall allowed when its first argument is `fd`. */
static int allow_fd(scmp_filter_ctx ctx, int nr, int fd)
{
    struct scmp_arg_cmp c = SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)fd);
    return allow(ctx, nr, 1, &c);
}

int sl_filter_install(int lenient)
{
    scmp_filter_ctx ctx = seccomp_init(lenient ? SCMP_ACT_ERRNO(EPERM) : SCMP_ACT_KILL_PROCESS);
    if (!ctx)
        return -1;
    static const int plain[] = {
        SCMP_SYS(brk), SCMP_SYS(mmap), SCMP_SYS(munmap), SCMP_SYS(mremap), SCMP_SYS(mprotect),
        SCMP_SYS(madvise), SCMP_SYS(exit), SCMP_SYS(exit_group), SCMP_SYS(rt_sigreturn),
        SCMP_SYS(rt_sigprocmask), SCMP_SYS(getpid), SCMP_SYS(gettid)};
    int rc = 0;
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
        rc |= allow(ctx, plain[i], 0, NULL);
    rc |= allow_fd(ctx, SCMP_SYS(read), SL_WIRE_FD_REQ);
    static const int out_fds[] = {1, 2, SL_WIRE_FD_REP};
    for (size_t i = 0; i < 3; i++) {
        rc |= allow_fd(ctx, SCMP_SYS(write), out_fds[i]);
        rc |= allow_fd(ctx, SCMP_SYS(writev), out_fds[i]);
        rc |= allow_fd(ctx, SCMP_SYS(fstat), out_fds[i]);
        rc |= allow_fd(ctx, SCMP_SYS(newfstatat), out_fds[i]);
    }
    /* Threads (the reference train() uses them; a student may too): clone
     * only with CLONE_THREAD — never a new process; clone3, whose flags a
     * filter cannot see, says ENOSYS and glibc falls back to clone. */
    static const int threads[] = {SCMP_SYS(futex), SCMP_SYS(set_robust_list), SCMP_SYS(rseq),
                                  SCMP_SYS(sched_getaffinity), SCMP_SYS(sched_yield)};
    for (size_t i = 0; i < sizeof threads / sizeof threads[0]; i++)
        rc |= allow(ctx, threads[i], 0, NULL);
    struct scmp_arg_cmp thread = SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD);
    rc |= allow(ctx, SCMP_SYS(clone), 1, &thread);
    rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
    /* abort() and a failed assert raise SIGABRT at the process itself:
     * allowed, so that heap damage found by glibc is named as such. */
    struct scmp_arg_cmp self = SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)getpid());
    rc |= allow(ctx, SCMP_SYS(tgkill), 1, &self);
    rc |= allow(ctx, SCMP_SYS(kill), 1, &self);
    if (lenient) {          /* the sanitizer runtime, while it reports */
        static const int extra[] = {SCMP_SYS(sigaltstack), SCMP_SYS(rt_sigaction), SCMP_SYS(prctl),
                                    SCMP_SYS(getrlimit), SCMP_SYS(prlimit64)};
        for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
            rc |= allow(ctx, extra[i], 0, NULL);
    }
    if (rc == 0)
        rc = seccomp_load(ctx);
    seccomp_release(ctx);
    return rc == 0 ? 0 : -1;
}
#else
int sl_filter_install(int lenient)
{
    (void)lenient;
    return 1;
}
#endif

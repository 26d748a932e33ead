/* filter.h — the system calls a worker may make (seccomp, Linux). */
#ifndef SL_WORKER_FILTER_H
#define SL_WORKER_FILTER_H

/* Confines the calling process for good: reading fd 3, writing fds 1, 2
 * and 4, memory (brk, mmap, munmap, mremap, mprotect, madvise), threads
 * (clone with CLONE_THREAD, futex; never a new process), raising a signal
 * at itself (abort), exiting.  Any other system call kills the
 * process with SIGSYS — or, when lenient (the sanitizer worker, whose
 * runtime probes more of the system while reporting), fails with EPERM.
 * Returns 0; −1 when the filter could not be installed (then the worker
 * must not run student code).  Without libseccomp (macOS: `make check`
 * only, grading always runs on Linux) it installs nothing and returns 1. */
int sl_filter_install(int lenient);

#endif

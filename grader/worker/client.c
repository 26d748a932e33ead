/* client.c — the judge's side of the worker (contract: check.h, "the
 * worker"): spawns the worker lazily in the check's process, sends a call,
 * waits for the reply within the check's time, copies the blocks back, and
 * turns any failure of the worker into the check's failure with a reason. */
#include "client.h"

#include "check.h"
#include "softmax_lab.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

enum { OUT_CAP = 64 * 1024, ERR_CAP = 512 * 1024, DEFAULT_MEM_MB = 1024 };

typedef struct {
    pid_t pid, owner;           /* the worker; the process that started it */
    int req, rep, out, err;     /* judge ends of the pipes, −1 when closed */
    int asan;                   /* which flavour runs */
    char *text;                 /* stdout + stderr of the worker, as it came */
    size_t len, out_seen;       /* bytes kept; bytes of stdout+stderr seen */
    int flooded;
    int64_t heap_before, heap_after;
} worker;

static worker w = {.pid = -1, .req = -1, .rep = -1, .out = -1, .err = -1};
static int want_asan;
/* The sanitizer worker ended during a call: its wait status (−1: killed at
 * the time limit), kept for sl_worker_finish(); later calls do nothing. */
static int asan_ended, asan_status;
static double frame_deadline, frame_timeout;
static pid_t frame_pid;                 /* the check's process (not a fork of it) */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

void sl_frame_begin(double timeout_s)
{
    frame_timeout = timeout_s > 0 ? timeout_s : 5;
    frame_deadline = now() + frame_timeout - 0.25;
    frame_pid = getpid();
}

void sl_worker_flavour(int asan)
{
    if (w.pid > 0 && w.asan != asan)
        sl_worker_finish(NULL);
    want_asan = asan;
}

/* The worker program: $SL_WORKER ($SL_WORKER_ASAN), else beside this
 * program: DIR/worker-NAME (DIR/asan-worker-NAME) for DIR/NAME. */
static int worker_path(int asan, char *path, size_t len)
{
    const char *env = getenv(asan ? "SL_WORKER_ASAN" : "SL_WORKER");
    if (env && *env) {
        snprintf(path, len, "%s", env);
        return 0;
    }
    char self[4000];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return -1;
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (!slash)
        return -1;
    *slash = '\0';
    snprintf(path, len, "%s/%sworker-%s", self, asan ? "asan-" : "", slash + 1);
    return 0;
}

/* In the child: the worker's fds, limits, filter-friendly environment; exec. */
static _Noreturn void exec_worker(const char *path, int asan, const int fds[5])
{
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
#endif
    int tmp[5];                             /* (stays in the judge's process group:
                                               whoever stops the judge stops it too) */
    for (int i = 0; i < 5; i++)             /* out of the way of 0..4 first */
        tmp[i] = fds[i] >= 0 ? fcntl(fds[i], F_DUPFD, 20) : -1;
    for (int i = 0; i < 5; i++)
        if (tmp[i] >= 0)
            dup2(tmp[i], i);
    for (int fd = 5; fd < 1024; fd++)
        close(fd);
    struct rlimit core = {0, 0};
    setrlimit(RLIMIT_CORE, &core);
    if (!asan) {
        const char *mb = getenv("SL_WORKER_MEM_MB");
        long lim = mb ? atol(mb) : DEFAULT_MEM_MB;
        struct rlimit as = {(rlim_t)lim << 20, (rlim_t)lim << 20};
        if (lim > 0)
            setrlimit(RLIMIT_AS, &as);
        /* no per-thread cache of freed blocks: it counts them as in use, and
         * the worker's own allocations between calls would make a student's
         * clean malloc/free look like a leak in sl_worker_heap() */
        setenv("GLIBC_TUNABLES", "glibc.malloc.tcache_count=0", 1);
    } else {
        const char *o = getenv("SL_WORKER_ASAN_OPTIONS"), *u = getenv("SL_WORKER_UBSAN_OPTIONS");
        setenv("ASAN_OPTIONS", o ? o : "detect_leaks=0:symbolize=0:halt_on_error=1:exitcode=86:"
               "abort_on_error=0:allocator_may_return_null=1:detect_odr_violation=0", 1);
        setenv("UBSAN_OPTIONS", u ? u : "print_stacktrace=1:symbolize=0:halt_on_error=1:exitcode=86", 1);
    }
    char *argv[] = {(char *)path, asan ? "--lenient" : NULL, NULL};
    execv(path, argv);
    dprintf(2, "cannot run the worker %s: %s\n", path, strerror(errno));
    _exit(127);
}

static void stop_worker(void)
{
    if (w.pid > 0 && w.owner == getpid()) {
        kill(w.pid, SIGKILL);
        while (waitpid(w.pid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    int *fds[] = {&w.req, &w.rep, &w.out, &w.err};
    for (size_t i = 0; i < 4; i++)
        if (*fds[i] >= 0)
            close(*fds[i]), *fds[i] = -1;
    w.pid = -1;
}

/* Starts the worker of the wanted flavour.  0, or −1 (internal failure). */
static int start_worker(void)
{
    static int registered;
    char path[4096];
    if (worker_path(want_asan, path, sizeof path) != 0 || access(path, X_OK) != 0) {
        sl_head("internal", "the worker program %s is missing: run make first",
                "缺少 worker 程序 %s：请先运行 make", path);
        return -1;
    }
    int p[4][2];
    for (int i = 0; i < 4; i++)
        if (pipe(p[i]) != 0)
            return -1;
    signal(SIGPIPE, SIG_IGN);
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDONLY);
        int fds[5] = {devnull, p[2][1], p[3][1], p[0][0], p[1][1]};
        exec_worker(path, want_asan, fds);
    }
    close(p[0][0]), close(p[1][1]), close(p[2][1]), close(p[3][1]);
    w = (worker){.pid = pid, .owner = getpid(), .req = p[0][1], .rep = p[1][0], .out = p[2][0],
                 .err = p[3][0], .asan = want_asan, .text = w.text, .heap_before = -1, .heap_after = -1};
    w.len = w.out_seen = 0;
    for (int i = 0; i < 4; i++)
        fcntl(p[i][i == 0 ? 1 : 0], F_SETFL, O_NONBLOCK);
    if (!registered)
        registered = atexit(stop_worker) == 0;
    return 0;
}

/* Keeps what the worker printed (up to a cap); 0, or −1 past the cap of a
 * plain worker (an output flood). */
static int take_output(int fd)
{
    char chunk[8192];
    ssize_t got = read(fd, chunk, sizeof chunk);
    if (got <= 0) {
        if (got == 0 || (errno != EAGAIN && errno != EINTR))
            close(fd), *(fd == w.out ? &w.out : &w.err) = -1;
        return 0;
    }
    w.out_seen += (size_t)got;
    size_t cap = w.asan ? ERR_CAP : OUT_CAP, keep = (size_t)got;
    if (w.len + keep > cap)
        keep = cap - w.len;
    char *grown = keep ? realloc(w.text, w.len + keep + 1) : w.text;
    if (grown) {
        memcpy(grown + w.len, chunk, keep);
        w.len += keep;
        grown[w.len] = '\0';
        w.text = grown;
    }
    if (!w.asan && w.out_seen > OUT_CAP)
        return w.flooded = 1, -1;
    return 0;
}

/* Waits until fd is ready for ev, keeping the worker's output meanwhile.
 * 0 ready, −1 the check's time is up, −2 an output flood. */
static int wait_io(int fd, short ev)
{
    for (;;) {
        double left = frame_deadline - now();
        if (left <= 0)
            return -1;
        struct pollfd pf[3] = {{fd, ev, 0}, {w.out, POLLIN, 0}, {w.err, POLLIN, 0}};
        int pr = poll(pf, 3, (int)(left * 1000) + 1);
        if (pr < 0 && errno != EINTR)
            return 0;
        for (int i = 1; pr > 0 && i < 3; i++)
            if (pf[i].revents && take_output(pf[i].fd) != 0)
                return -2;
        if (pr > 0 && pf[0].revents)
            return 0;
    }
}

/* Moves len bytes to (send) or from the worker.  0, −1 time up, −2 flood,
 * −3 the pipe broke (the worker is gone). */
static int transfer(int send, void *buf, size_t len)
{
    char *p = buf;
    while (len) {
        int fd = send ? w.req : w.rep, rc = wait_io(fd, send ? POLLOUT : POLLIN);
        if (rc != 0)
            return rc;
        ssize_t n = send ? write(fd, p, len) : read(fd, p, len);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
        if (n <= 0)
            return -3;
        p += n, len -= (size_t)n;
    }
    return 0;
}

/* Waits (briefly) for the worker to end; its wait status, or −1 if it
 * had to be killed. */
static int reap(double patience_s)
{
    double until = now() + patience_s;
    int st;
    for (;;) {
        while (w.out >= 0 || w.err >= 0) {     /* drain, so that it can finish writing */
            struct pollfd pf[2] = {{w.out, POLLIN, 0}, {w.err, POLLIN, 0}};
            if (poll(pf, 2, 5) <= 0)
                break;
            for (int i = 0; i < 2; i++)
                if (pf[i].revents)
                    take_output(pf[i].fd);
        }
        pid_t got = waitpid(w.pid, &st, WNOHANG);
        if (got == w.pid) {
            w.pid = -1;
            return st;
        }
        if (now() > until)
            return -1;
        struct timespec ms = {0, 2000000};
        nanosleep(&ms, NULL);
    }
}

/* What a signal means in student code (the likely cause), en and zh. */
static void say_signal(int sig)
{
    static const struct {
        int sig;
        const char *name, *en, *zh;
    } known[] = {
        {SIGSEGV, "SIGSEGV", "segmentation fault) — reading or writing outside an array?",
         "段错误）— 是否读写越过了数组边界？"},
        {SIGBUS, "SIGBUS", "bus error) — a bad pointer?", "总线错误）— 是否用了无效的指针？"},
        {SIGFPE, "SIGFPE", "arithmetic error) — an integer division by zero?", "算术错误）— 是否有整数除以零？"},
        {SIGABRT, "SIGABRT", "aborted) — memory was damaged: a write past the end of an array, "
                             "memory freed twice, or a failed assert()?",
         "程序中止）— 内存被破坏了：是写越了数组末尾、同一块内存释放了两次，还是 assert() 失败？"},
        {SIGILL, "SIGILL", "illegal instruction) — a function that ends without returning a value?",
         "非法指令）— 是否有函数没有返回值就结束了？"},
        {SIGXCPU, "SIGXCPU", "CPU time limit) — an endless loop?", "CPU 时间超限）— 是否有死循环？"},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (known[i].sig == sig) {
            sl_head("worker-crash", "crashed with %s (%s", "崩溃：%s（%s", known[i].name,
                    sl_zh() ? known[i].zh : known[i].en);
            return;
        }
    sl_head("worker-crash", "crashed with signal %d — reading or writing outside an array?",
            "崩溃：信号 %d — 是否读写越过了数组边界？", sig);
}

/* Names why the worker failed during fn(): rc from transfer().  Returns the
 * worker's wait status when it ended by itself, else 0. */
static int explain_failure(int rc, const char *fn)
{
    if (rc == -1) {
        stop_worker();
        sl_head("worker-timeout", "did not finish within %.0fs — an endless loop?",
                "没有在 %.0f 秒内结束 — 是否有死循环？", frame_timeout);
        return 0;
    }
    if (rc == -2) {
        stop_worker();
        sl_head("output-flood", "%s() printed more than %d KiB and was stopped — a print in a loop?",
                "%s() 输出超过 %d KiB，已被终止 — 循环里有打印？", fn, OUT_CAP / 1024);
        return 0;
    }
    int st = reap(0.5);
    stop_worker();
    if (st == -1)
        sl_head("worker-exit", "%s() broke off its answer (it wrote to or closed the checker's channel)",
                "%s() 的回答中断了（它写入或关闭了检查程序的通道）", fn);
    else if (WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS)
        sl_head("forbidden-syscall", "%s() made a system call a student function may not make "
                "(opening files, starting processes, sleeping, signals…) and was stopped (SIGSYS)",
                "%s() 调用了学生函数不允许的系统调用（打开文件、创建进程、休眠、发信号……），已被终止（SIGSYS）", fn);
    else if (WIFSIGNALED(st))
        say_signal(WTERMSIG(st));
    else if (WEXITSTATUS(st) == 127 || WEXITSTATUS(st) == 125)
        sl_head("internal", "the worker could not start: %s", "worker 无法启动：%s", w.text ? w.text : "?");
    else
        sl_head("worker-exit", "%s() ended the program (exit status %d) — a function must return, "
                "never call exit()", "%s() 结束了整个程序（退出状态 %d）— 函数必须返回，不能调用 exit()",
                fn, WEXITSTATUS(st));
    return st == -1 ? 0 : st;
}

/* In a process a check forked to make a risky call: end the way the worker
 * ended (the check reads that from the wait status), never report from here. */
static _Noreturn void die_like(int st)
{
    if (st && WIFSIGNALED(st)) {
        signal(WTERMSIG(st), SIG_DFL);
        raise(WTERMSIG(st));
    }
    _exit(st && WIFEXITED(st) ? WEXITSTATUS(st) : 3);
}

/* The blocks of a call: each argument's range in the judge's memory (the
 * frame's whole allocation when it has one and the worker is not the
 * sanitizer's, else exactly `count` doubles), overlapping ranges merged. */
typedef struct {
    char *lo[SL_WIRE_MAX_BLOCKS], *hi[SL_WIRE_MAX_BLOCKS];
    size_t n;
} blocks;

static void plan_blocks(sl_wire_req *q, const void *const ptrs[], const size_t counts[], blocks *b)
{
    char *lo[SL_WIRE_MAX_ARGS], *hi[SL_WIRE_MAX_ARGS];
    for (uint32_t i = 0; i < q->n_args; i++) {
        void *base;
        size_t bytes;
        lo[i] = (char *)ptrs[i], hi[i] = lo[i] + counts[i] * sizeof(double);
        if (ptrs[i] && !w.asan && sl_alloc_find(ptrs[i], &base, &bytes)
            && ((char *)ptrs[i] - (char *)base) % sizeof(double) == 0)
        {
            char *top = (char *)base + bytes / sizeof(double) * sizeof(double);
            lo[i] = base;
            hi[i] = top > hi[i] ? top : hi[i];
        }
    }
    b->n = 0;
    for (uint32_t i = 0; i < q->n_args; i++)
        if (ptrs[i])
            b->lo[b->n] = lo[i], b->hi[b->n++] = hi[i];
    for (int again = 1; again;) {                   /* merge ranges that share memory */
        again = 0;
        for (size_t x = 0; x < b->n; x++)
            for (size_t y = x + 1; y < b->n; y++)
                if ((b->lo[y] < b->hi[x] && b->lo[x] < b->hi[y]) || b->lo[x] == b->lo[y]) {
                    b->lo[x] = b->lo[y] < b->lo[x] ? b->lo[y] : b->lo[x];
                    b->hi[x] = b->hi[y] > b->hi[x] ? b->hi[y] : b->hi[x];
                    b->lo[y] = b->lo[--b->n], b->hi[y] = b->hi[b->n];
                    again = 1;
                }
    }
    q->n_blocks = (uint32_t)b->n;
    for (size_t j = 0; j < b->n; j++)
        q->block_len[j] = (uint64_t)(b->hi[j] - b->lo[j]) / sizeof(double);
    for (uint32_t i = 0; i < q->n_args; i++) {
        q->arg_block[i] = -1;
        char *p = (char *)ptrs[i];
        for (size_t j = 0; p && j < b->n && q->arg_block[i] < 0; j++)
            if (p >= b->lo[j] && p + counts[i] * sizeof(double) <= b->hi[j]) {
                q->arg_block[i] = (int32_t)j;
                q->arg_off[i] = (uint64_t)(p - b->lo[j]) / sizeof(double);
            }
    }
}

/* One round trip; 0, or the transfer() code / −4 for a reply that is not one. */
static int round_trip(sl_wire_req *q, const blocks *b, sl_wire_rep *r)
{
    int rc = transfer(1, q, sizeof *q);
    for (size_t j = 0; rc == 0 && j < b->n; j++)
        rc = transfer(1, b->lo[j], (size_t)(b->hi[j] - b->lo[j]));
    if (rc == 0)
        rc = transfer(0, r, sizeof *r);
    if (rc == 0 && r->magic != SL_WIRE_REP_MAGIC)
        return -4;
    for (size_t j = 0; rc == 0 && j < b->n; j++)
        rc = transfer(0, b->lo[j], (size_t)(b->hi[j] - b->lo[j]));
    return rc;
}

double sl_worker_call(sl_wire_req *q, const char *fn, const void *const ptrs[], const size_t counts[])
{
    static char ni[32];
    if (frame_deadline == 0)
        sl_frame_begin(0);
    if (want_asan && asan_ended)            /* the memory check reads why in sl_worker_finish() */
        return 0.0;
    if (w.pid > 0 && w.owner != getpid())   /* forked by the check: a worker of its own */
        stop_worker();
    if (w.pid > 0 && w.asan != want_asan)
        sl_worker_finish(NULL);
    if (w.pid <= 0 && start_worker() != 0)
        sl_fail();
    q->magic = SL_WIRE_REQ_MAGIC;
    blocks b;
    plan_blocks(q, ptrs, counts, &b);
    sl_wire_rep r;
    int rc = round_trip(q, &b, &r);
    if (rc == -4) {
        stop_worker();
        sl_head("worker-exit", "%s() wrote into the checker's channel instead of returning",
                "%s() 往检查程序的通道里写了数据，而不是正常返回", fn);
        if (getpid() != frame_pid)
            die_like(0);
        sl_fail();
    }
    if (rc != 0 && w.asan) {                /* a sanitizer report ends the worker: data */
        asan_status = rc == -3 ? reap(0.5) : -1;
        stop_worker();
        asan_ended = 1;
        return 0.0;
    }
    if (rc != 0) {
        int st = explain_failure(rc, fn);
        if (getpid() != frame_pid)
            die_like(st);
        sl_fail();
    }
    w.heap_before = r.heap_before, w.heap_after = r.heap_after;
    if (r.not_implemented) {
        snprintf(ni, sizeof ni, "%.*s", (int)sizeof r.ni_function, r.ni_function);
        sl_not_implemented(ni);
    }
    return r.ret;
}

int sl_worker_heap(long long *before, long long *after)
{
    *before = w.heap_before, *after = w.heap_after;
    return w.heap_before >= 0 && w.heap_after >= 0 ? 0 : -1;
}

int sl_worker_finish(sl_worker_end *end)
{
    if (end)
        *end = (sl_worker_end){.status = -1};
    if (asan_ended) {                       /* it ended during a call */
        asan_ended = 0;
        if (end)
            *end = (sl_worker_end){asan_status, w.text ? w.text : "", w.len};
        return 0;
    }
    if (w.pid <= 0)
        return -1;
    close(w.req), w.req = -1;               /* end of requests: the worker exits */
    int st = reap(frame_deadline > now() ? frame_deadline - now() : 0.5);
    if (end) {
        end->status = st;
        end->output = w.text ? w.text : "";
        end->output_len = w.len;
    }
    stop_worker();
    return 0;
}

const char *sl_worker_output(size_t *len)
{
    if (len)
        *len = w.len;
    return w.text ? w.text : "";
}

/* sandbox.c — see sandbox.h.  The uid drop is what setpriv(1) does
 * (--reuid --regid --clear-groups --no-new-privs), done here in C to save
 * one exec per run; bwrap then builds the namespaces as that user. */
#define _GNU_SOURCE
#include "sandbox.h"

#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <ftw.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define SLOT_UID_BASE 61100
#define SLOT_UID_END 65000
#define UID_LOCK_DIR "/tmp/.sl-grade-uids"
#define MAX_SLOTS 1024

static int g_slot_uid[MAX_SLOTS];

static int g_mode = -1;

static int run_quiet(char *const argv[])
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0), dup2(null, 1), dup2(null, 2);
        execvp(argv[0], argv);
        _exit(127);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

sbx_mode sbx_detect(void)
{
    if (g_mode >= 0)
        return (sbx_mode)g_mode;
    const char *force = getenv("SL_GRADE_SANDBOX");
    if (force && strcmp(force, "weak") == 0)
        return (sbx_mode)(g_mode = SBX_WEAK);
    char *probe[] = {"bwrap", "--unshare-all", "--die-with-parent", "--ro-bind", "/usr", "/usr",
                     "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib",
                     "--symlink", "usr/lib64", "/lib64", "--dev", "/dev", "/usr/bin/true", NULL};
    g_mode = run_quiet(probe) == 0 ? SBX_STRONG : SBX_WEAK;
    return (sbx_mode)g_mode;
}

const char *sbx_mode_name(sbx_mode m)
{
    return m == SBX_STRONG ? "bubblewrap (namespaces, read-only system, no network)"
                           : "rlimits + private folder (bubblewrap unavailable)";
}

void sbx_become_reaper(void)
{
    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
}

int sbx_claim_slots(int n)
{
    if (geteuid() != 0)
        return 0;
    if (n > MAX_SLOTS)
        n = MAX_SLOTS;
    mkdir(UID_LOCK_DIR, 0755);
    struct stat st;
    if (lstat(UID_LOCK_DIR, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != 0)
        return -1;
    const char *base_env = getenv("SL_GRADE_UID_BASE");
    int uid = base_env ? atoi(base_env) : SLOT_UID_BASE;
    if (uid < SLOT_UID_BASE || uid >= SLOT_UID_END)
        uid = SLOT_UID_BASE;
    for (int slot = 0; slot < n; slot++) {
        for (;; uid++) {
            if (uid >= SLOT_UID_END)
                return -1;
            char path[64];
            snprintf(path, sizeof path, UID_LOCK_DIR "/%d", uid);
            int fd = open(path, O_RDONLY | O_CREAT | O_NOFOLLOW, 0644);
            if (fd < 0)
                continue;
            if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
                g_slot_uid[slot] = uid++;   /* fd stays open: the lock lives with us */
                break;
            }
            close(fd);
        }
    }
    return 0;
}

int sbx_slot_uid(int slot)
{
    if (geteuid() != 0 || slot < 0 || slot >= MAX_SLOTS)
        return -1;
    return g_slot_uid[slot] ? g_slot_uid[slot] : SLOT_UID_BASE + slot;
}

int sbx_prepare_scratch(const char *dir, int slot)
{
    if (mkdir_p(dir) != 0)
        return -1;
    int uid = sbx_slot_uid(slot);
    if (uid >= 0 && chown(dir, (uid_t)uid, (gid_t)uid) != 0)
        return -1;
    return chmod(dir, 0700);
}

const char *sbx_signal_name(int sig)
{
    switch (sig) {
    case SIGSEGV: return "SIGSEGV (segmentation fault: a bad memory access)";
    case SIGBUS: return "SIGBUS (bus error: a bad memory access)";
    case SIGFPE: return "SIGFPE (arithmetic error, e.g. integer division by zero)";
    case SIGABRT: return "SIGABRT (abort)";
    case SIGILL: return "SIGILL (illegal instruction)";
    case SIGKILL: return "SIGKILL (killed)";
    case SIGXCPU: return "SIGXCPU (CPU time limit)";
    case SIGXFSZ: return "SIGXFSZ (file size limit)";
    case SIGTERM: return "SIGTERM (terminated)";
    case SIGPIPE: return "SIGPIPE (broken pipe)";
    case SIGSYS: return "SIGSYS (forbidden system call)";
    default: return "a signal";
    }
}

static void set_limit(int res, rlim_t soft, rlim_t hard)
{
    struct rlimit rl = {soft, hard};
    setrlimit(res, &rl);
}

/* 1 when a process of uid is alive (not a zombie), from /proc. */
static int uid_alive(int uid)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    int alive = 0;
    while (d && !alive && (e = readdir(d)) != NULL) {
        if (e->d_name[0] < '0' || e->d_name[0] > '9')
            continue;
        char path[300], line[256];
        snprintf(path, sizeof path, "/proc/%s/status", e->d_name);
        FILE *f = fopen(path, "r");
        int zombie = 0, owner = -1;
        while (f && fgets(line, sizeof line, f)) {
            if (strncmp(line, "State:", 6) == 0)
                zombie = strchr(line, 'Z') != NULL || strchr(line, 'X') != NULL;
            else if (strncmp(line, "Uid:", 4) == 0)
                owner = atoi(line + 4);
        }
        if (f)
            fclose(f);
        alive = owner == uid && !zombie;
    }
    if (d)
        closedir(d);
    return alive;
}

/* Kills every process of uid (as that uid: kill(−1) reaches exactly them),
 * again and again while a fork bomb still spawns new ones. */
static void kill_uid(int uid)
{
    if (uid < 0)
        return;
    for (int round = 0; round < 200; round++) {
        pid_t pid = fork();
        if (pid == 0) {
            if (setresgid((gid_t)uid, (gid_t)uid, (gid_t)uid) == 0
                && setresuid((uid_t)uid, (uid_t)uid, (uid_t)uid) == 0)
                kill(-1, SIGKILL);
            _exit(0);
        }
        if (pid > 0)
            while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
                ;
        while (waitpid(-1, NULL, WNOHANG) > 0)
            ;
        if (!uid_alive(uid))
            return;
        usleep(round < 20 ? 1000 : 10000);
    }
}

/* Weak mode: the command could write to the shared writable folders (a
 * killed Criterion leaves /tmp/criterion_<pid>.sock, say).  Everything the
 * slot's uid owns there is removed after the run. */
static int g_sweep_uid;
static const char *g_sweep_keep;
static sb_t g_sweep;

static int sweep_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    size_t n = g_sweep_keep ? strlen(g_sweep_keep) : 0;
    if (n && strncmp(path, g_sweep_keep, n) == 0 && (path[n] == '/' || path[n] == '\0'))
        return FTW_SKIP_SUBTREE;
    /* the uid (no groups) can only have created files below folders it owns
     * or anyone may write: the rest of the tree is not walked */
    if (flag == FTW_D && ftw->level > 0 && (int)st->st_uid != g_sweep_uid
        && !(st->st_mode & S_IWOTH))
        return FTW_SKIP_SUBTREE;
    if ((int)st->st_uid == g_sweep_uid) {
        sb_add(&g_sweep, path);
        sb_addn(&g_sweep, "", 1);
    }
    return 0;
}

static void sweep_uid_files(int uid, const char *keep)
{
    if (uid < 0)
        return;
    g_sweep_keep = keep;
    const char *tops[] = {"/tmp", "/var/tmp", "/dev/shm"};
    for (size_t t = 0; t < 3; t++) {
        g_sweep_uid = uid;
        g_sweep.len = 0;
        nftw(tops[t], sweep_one, 16, FTW_PHYS | FTW_MOUNT | FTW_ACTIONRETVAL);
        for (size_t off = 0; off < g_sweep.len; off += strlen(g_sweep.s + off) + 1)
            rm_tree(g_sweep.s + off);
    }
}

/* The disk a run uses: every file below its scratch folder, and (weak
 * mode) every file of its uid in the shared writable places; the walk
 * stops past DU_ENTRIES_MAX counted entries (then: over any limit). */
enum { DU_ENTRIES_MAX = 100000 };
static long long g_du_bytes;
static size_t g_du_n;
static int g_du_uid;

static int du_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    size_t n = g_sweep_keep ? strlen(g_sweep_keep) : 0;
    if (g_du_uid >= 0 && n && strncmp(path, g_sweep_keep, n) == 0
        && (path[n] == '/' || path[n] == '\0'))
        return FTW_SKIP_SUBTREE;
    /* the uid can only write below folders it owns or anyone may write */
    if (g_du_uid >= 0 && flag == FTW_D && ftw->level > 0 && (int)st->st_uid != g_du_uid
        && !(st->st_mode & S_IWOTH))
        return FTW_SKIP_SUBTREE;
    if (g_du_uid < 0 || (int)st->st_uid == g_du_uid) {
        g_du_bytes += (long long)st->st_blocks * 512;
        if (++g_du_n > DU_ENTRIES_MAX)
            return FTW_STOP;
    }
    return FTW_CONTINUE;
}

static long long disk_used(const sbx_spec *s, sbx_mode mode)
{
    g_du_bytes = 0, g_du_n = 0, g_du_uid = -1;
    nftw(s->scratch, du_one, 16, FTW_PHYS | FTW_MOUNT | FTW_ACTIONRETVAL);
    int uid = sbx_slot_uid(s->slot);
    const char *tops[] = {"/tmp", "/var/tmp", "/dev/shm"};
    static double next_shared;
    int shared = mode == SBX_WEAK && uid >= 0 && now_s() >= next_shared;
    if (shared)
        next_shared = now_s() + 0.5;
    else
        return g_du_bytes;
    g_sweep_keep = s->keep;
    for (size_t t = 0; t < 3 && g_du_n <= DU_ENTRIES_MAX; t++) {
        g_du_uid = uid;
        nftw(tops[t], du_one, 16, FTW_PHYS | FTW_MOUNT | FTW_ACTIONRETVAL);
    }
    return g_du_n > DU_ENTRIES_MAX ? LLONG_MAX : g_du_bytes;
}

static char *replace_all(const char *s, const char *from, const char *to)
{
    sb_t b = {0};
    size_t n = strlen(from);
    for (const char *p; (p = strstr(s, from));) {
        int edge = p[n] == '/' || p[n] == '\0' || p[n] == ' ' || p[n] == '\'' || p[n] == '\n';
        sb_addn(&b, s, (size_t)(p - s));
        sb_add(&b, edge ? to : from);
        s = p + n;
    }
    sb_add(&b, s);
    char *r = xstrdup(sb_cstr(&b));
    sb_free(&b);
    return r;
}

/* Weak mode runs on the host: the sandbox paths (/scratch, the binds) in an
 * argument or environment value become host paths, wherever they appear. */
static char *host_path(const sbx_spec *s, const char *inside)
{
    char *r = replace_all(inside, "/scratch", s->scratch);
    for (size_t i = 0; i < s->n_binds; i++) {
        char *t = replace_all(r, s->binds[i].inside, s->binds[i].host);
        free(r);
        r = t;
    }
    return r;
}

static char **build_argv(const sbx_spec *s, sbx_mode mode)
{
    size_t argc = 0;
    while (s->argv[argc])
        argc++;
    char **v = xcalloc(argc + 72 + 3 * s->n_binds, sizeof *v);
    size_t n = 0;
    if (mode == SBX_WEAK) {
        for (size_t i = 0; i < argc; i++)
            v[n++] = host_path(s, s->argv[i]);
        return v;
    }
    const char *fixed[] = {"bwrap", "--unshare-all", "--die-with-parent", "--new-session",
                           "--clearenv", "--setenv", "PATH", "/usr/bin:/bin",
                           "--setenv", "HOME", "/scratch", "--setenv", "LC_ALL", "C",
                           "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin",
                           "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
                           "--symlink", "usr/sbin", "/sbin",
                           "--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache",
                           "--dev", "/dev", "--proc", "/proc",
                           "--bind", s->scratch, "/scratch", "--chdir", "/scratch", NULL};
    for (size_t i = 0; fixed[i]; i++)
        v[n++] = xstrdup(fixed[i]);
    const char *tmps[] = {"/tmp", "/dev/shm"};
    for (size_t i = 0; i < 2; i++) {       /* RAM-backed: a size limit each */
        v[n++] = xstrdup("--size");
        v[n++] = xasprintf("%ld", (s->tmp_mb > 0 ? s->tmp_mb : (long)SBX_TMP_MB) << 20);
        v[n++] = xstrdup("--tmpfs");
        v[n++] = xstrdup(tmps[i]);
    }
    size_t nenv = 0;
    while (s->env && s->env[nenv])
        nenv++;
    v = xrealloc(v, (argc + 72 + 3 * s->n_binds + 3 * nenv) * sizeof *v);
    for (size_t i = 0; i < nenv; i++) {
        const char *eq = strchr(s->env[i], '=');
        if (!eq)
            continue;
        v[n++] = xstrdup("--setenv");
        v[n++] = xasprintf("%.*s", (int)(eq - s->env[i]), s->env[i]);
        v[n++] = xstrdup(eq + 1);
    }
    for (size_t i = 0; i < s->n_binds; i++) {
        v[n++] = xstrdup("--ro-bind");
        v[n++] = xstrdup(s->binds[i].host);
        v[n++] = xstrdup(s->binds[i].inside);
    }
    v[n++] = xstrdup("--");
    for (size_t i = 0; i < argc; i++)
        v[n++] = xstrdup(s->argv[i]);
    v[n] = NULL;
    return v;
}

static void free_argv(char **v)
{
    for (size_t i = 0; v[i]; i++)
        free(v[i]);
    free(v);
}

/* The environment of the command (weak mode: paths mapped to the host),
 * built before fork so that the child only sets limits and execs. */
static char **build_env(const sbx_spec *s, sbx_mode mode)
{
    size_t n = 0;
    char **v = xcalloc(20, sizeof *v);
    v[n++] = xstrdup("PATH=/usr/bin:/bin");
    if (mode == SBX_STRONG)
        return v;
    v[n++] = xstrdup("LC_ALL=C");
    v[n++] = xasprintf("HOME=%s", s->scratch);
    for (size_t i = 0; s->env && s->env[i] && n < 19; i++)
        v[n++] = host_path(s, s->env[i]);
    return v;
}

static void child(const sbx_spec *s, char **argv, char **envv, sbx_mode mode, int out_fd,
                  pid_t parent)
{
    setpgid(0, 0);
    int null = open("/dev/null", O_RDONLY);
    if (null < 0 || dup2(null, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(out_fd, 2) < 0)
        _exit(126);
    closefrom(3);
    if (mode == SBX_WEAK && chdir(s->scratch) != 0)
        _exit(126);
    rlim_t cpu = (rlim_t)(s->cpu_s > 1 ? s->cpu_s : 1);
    set_limit(RLIMIT_CPU, cpu, cpu + 1);
    if (s->mem_mb > 0)
        set_limit(RLIMIT_AS, (rlim_t)s->mem_mb << 20, (rlim_t)s->mem_mb << 20);
    set_limit(RLIMIT_FSIZE, (rlim_t)s->fsize_mb << 20, (rlim_t)s->fsize_mb << 20);
    set_limit(RLIMIT_NOFILE, (rlim_t)s->nofile, (rlim_t)s->nofile);
    set_limit(RLIMIT_CORE, 0, 0);
    int uid = sbx_slot_uid(s->slot);
    if (uid >= 0) {
        /* RLIMIT_NPROC counts the processes of the (slot's own) uid. */
        set_limit(RLIMIT_NPROC, (rlim_t)s->nproc, (rlim_t)s->nproc);
        if (setgroups(0, NULL) != 0 || setresgid((gid_t)uid, (gid_t)uid, (gid_t)uid) != 0
            || setresuid((uid_t)uid, (uid_t)uid, (uid_t)uid) != 0)
            _exit(126);
    }
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    if (getppid() != parent)        /* the grader died before the line above */
        _exit(126);
    execve(mode == SBX_WEAK ? argv[0] : "/usr/bin/bwrap", argv, envv);
    _exit(127);
}

/* One running command: its output so far and how it stands. */
typedef struct {
    pid_t pid;
    int fd, status, reaped, eof, killed;
    sb_t out;
} run_state;

static void stop(run_state *r, int *why)
{
    *why = 1;
    kill(-r->pid, SIGKILL);
    r->killed = 1;
}

/* Reads the output, enforces the wall-clock, output and disk limits, reaps
 * the command; returns when it ended and its output closed (or 0.5 s after
 * it ended while an escaped process still holds the pipe). */
static void watch(const sbx_spec *s, sbx_mode mode, double t0, run_state *r, sbx_result *res)
{
    double deadline = t0 + s->wall_s, drain_until = 0, next_du = t0 + 0.1;
    long long disk = (long long)(s->disk_mb ? s->disk_mb : SBX_DISK_MB) << 20;
    while (!(r->reaped && r->eof)) {
        double t = now_s();
        if (!r->killed && t >= deadline)
            stop(r, &res->timed_out);
        if (!r->killed && s->disk_mb >= 0 && t >= next_du) {
            next_du = t + 0.1;
            if (disk_used(s, mode) > disk)
                stop(r, &res->disk_capped);
        }
        if (r->reaped && !drain_until)
            drain_until = t + 0.5;
        if (drain_until && t >= drain_until)
            break;      /* an escaped process holds the pipe: killed by the caller */
        struct pollfd pf = {r->fd, POLLIN, 0};
        int wait_ms = r->reaped || r->killed ? 20 : (int)((deadline - t) * 1000) + 1;
        if (wait_ms > 50)
            wait_ms = 50;
        if (!r->eof && poll(&pf, 1, wait_ms) > 0) {
            char buf[8192];
            ssize_t n = read(r->fd, buf, sizeof buf);
            if (n == 0)
                r->eof = 1;
            else if (n > 0) {
                size_t keep = r->out.len < s->out_cap ? s->out_cap - r->out.len : 0;
                sb_addn(&r->out, buf, (size_t)n < keep ? (size_t)n : keep);
                if ((size_t)n > keep && !r->killed)
                    stop(r, &res->out_capped);
            }
        } else if (r->eof) {
            usleep(2000);
        }
        if (!r->reaped && waitpid(r->pid, &r->status, WNOHANG) == r->pid)
            r->reaped = 1;
    }
}

/* How the command ended, from its wait status (when we did not kill it). */
static void classify(const sbx_spec *s, sbx_mode mode, const run_state *r, sbx_result *res)
{
    if (!r->killed) {
        if (WIFEXITED(r->status)) {
            int code = WEXITSTATUS(r->status);
            /* bwrap reports a child killed by signal N as exit 128+N. */
            if (mode == SBX_STRONG && code > 128 && code < 128 + 65) {
                res->signaled = 1;
                res->sig = code - 128;
            } else {
                res->exited = 1;
                res->code = code;
            }
        } else if (WIFSIGNALED(r->status)) {
            res->signaled = 1;
            res->sig = WTERMSIG(r->status);
        }
        if (res->signaled && res->sig == SIGXCPU)
            res->timed_out = 1;
        if (res->signaled && res->sig == SIGKILL && res->wall_used >= s->wall_s)
            res->timed_out = 1;
    }
    if (res->disk_capped) {       /* worded as the file size limit it is */
        res->signaled = 1;
        res->sig = SIGXFSZ;
    }
    if (res->exited && (res->code == 126 || res->code == 127) && r->out.len == 0)
        res->setup_failed = 1;
}

int sbx_run(const sbx_spec *s, sbx_result *res)
{
    memset(res, 0, sizeof *res);
    sbx_mode mode = sbx_detect();
    char **argv = build_argv(s, mode), **envv = build_env(s, mode);
    int p[2];
    double t0 = now_s();
    pid_t parent = getpid(), pid = -1;
    if (pipe2(p, O_CLOEXEC) == 0 && (pid = fork()) < 0)
        close(p[0]), close(p[1]);
    if (pid == 0)
        child(s, argv, envv, mode, p[1], parent);
    free_argv(argv);
    free_argv(envv);
    if (pid < 0) {
        res->setup_failed = 1;
        res->out = xstrdup("");
        return -1;
    }
    close(p[1]);
    setpgid(pid, pid);
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    run_state r = {.pid = pid, .fd = p[0]};
    watch(s, mode, t0, &r, res);
    close(p[0]);
    /* Nothing may outlive the run: the group, the namespace (bwrap's child
     * dies with it), and every process of the slot's uid. */
    kill(-pid, SIGKILL);
    kill_uid(sbx_slot_uid(s->slot));
    if (!r.reaped)
        while (waitpid(pid, &r.status, 0) < 0 && errno == EINTR)
            ;
    if (mode == SBX_WEAK)
        sweep_uid_files(sbx_slot_uid(s->slot), s->keep);
    /* As a child subreaper (sbx_become_reaper) we inherit the run's orphans:
     * reap them so that not even a zombie is left. */
    while (waitpid(-1, NULL, WNOHANG) > 0)
        ;
    res->wall_used = now_s() - t0;
    classify(s, mode, &r, res);
    res->out = xstrdup(sb_cstr(&r.out));
    res->out_len = r.out.len;
    sb_free(&r.out);
    return res->setup_failed ? -1 : 0;
}

void sbx_result_free(sbx_result *res)
{
    free(res->out);
    res->out = NULL;
}

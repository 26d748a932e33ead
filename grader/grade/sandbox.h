/* sandbox.h — run one untrusted command with limits, capture its output.
 *
 * Strong mode (bubblewrap works): the command runs as an unprivileged uid
 * (one per job slot, so process limits of parallel jobs never interact)
 * with no_new_privs, in fresh user/pid/net/ipc/uts/mount namespaces, seeing
 * only a read-only /usr (+ /lib symlinks), a minimal /dev, an empty /tmp,
 * the read-only binds it was given and its writable scratch folder
 * (mounted at /scratch, also the working folder).  No network.
 * Weak mode (no bwrap, e.g. inside some containers): same uid drop when the
 * grader is root, rlimits, private working folder; a warning says so.
 * In both modes: rlimits (CPU, address space, file size, open files,
 * processes), stdin from /dev/null, stdout+stderr captured up to a cap (the
 * command is killed when it floods past it), a wall-clock limit, and at the
 * end every process of the run is killed (process group, pid namespace and,
 * as root, every process of the slot uid). */
#ifndef SL_GRADE_SANDBOX_H
#define SL_GRADE_SANDBOX_H

#include <stddef.h>

typedef enum { SBX_STRONG, SBX_WEAK } sbx_mode;

enum { SBX_TMP_MB = 16, SBX_DISK_MB = 16 };

typedef struct {
    const char *host, *inside;  /* read-only bind: host path → path inside */
} sbx_bind;

typedef struct {
    char *const *argv;          /* command; argv[0] is a path inside the sandbox */
    char *const *env;           /* NULL or "NAME=value" list added to a clean environment */
    const char *scratch;        /* host folder, writable, becomes /scratch (cwd) */
    const char *keep;           /* weak mode: folder spared by the after-run sweep of
                                   the slot uid's files in /tmp (the grader's work root) */
    const sbx_bind *binds;      /* extra read-only binds */
    size_t n_binds;
    int slot;                   /* job slot (0…): picks the uid */
    double cpu_s, wall_s;       /* CPU-time (whole seconds) and wall-clock limits */
    long mem_mb, fsize_mb, nofile, nproc;   /* mem_mb 0: no address-space limit */
    size_t out_cap;             /* bytes of output kept; more kills the command */
    long tmp_mb;                /* strong mode: size of the private /tmp and /dev/shm tmpfs
                                   (0: SBX_TMP_MB) */
    long disk_mb;               /* MiB the run may leave in scratch (and, weak mode, in
                                   /tmp, /var/tmp, /dev/shm as the slot uid), checked every
                                   0.1 s (0: SBX_DISK_MB, < 0: no check); more kills the
                                   command (reported as SIGXFSZ, disk_capped) */
} sbx_spec;

typedef struct {
    int exited, code;           /* exited normally with this status */
    int signaled, sig;          /* died of this signal (not our kill) */
    int timed_out;              /* wall-clock limit reached (we killed it) */
    int out_capped;             /* output cap reached (we killed it) */
    int disk_capped;            /* disk_mb reached (we killed it) */
    int setup_failed;           /* the sandbox itself could not start (grader's fault) */
    char *out;                  /* captured stdout+stderr, NUL-terminated, owned */
    size_t out_len;
    double wall_used;
} sbx_result;

/* Probes once whether bwrap works here (cached).  SL_GRADE_SANDBOX=weak
 * forces weak mode (used by the tests to cover both). */
sbx_mode sbx_detect(void);
const char *sbx_mode_name(sbx_mode m);

/* Makes the calling process adopt the orphans of its runs (so that
 * sbx_run reaps them): call once per process that calls sbx_run, when that
 * process runs no other children concurrently. */
void sbx_become_reaper(void);

/* As root: reserves one unused uid per slot (0…n−1) for this process and its
 * children, with a lock file per uid in /tmp/.sl-grade-uids, so that two
 * graders running at once never share (or kill) each other's uids.
 * $SL_GRADE_UID_BASE sets where the search starts.  0, or −1. */
int sbx_claim_slots(int n);

/* Uid a slot's commands run as (when the grader is root), or −1. */
int sbx_slot_uid(int slot);

/* Makes a scratch folder writable by the slot's uid (chown when root). 0/−1. */
int sbx_prepare_scratch(const char *dir, int slot);

/* Runs spec; always fills res (free with sbx_result_free).  Returns 0 when the
 * command ran (whatever its fate), −1 when the sandbox could not start. */
int sbx_run(const sbx_spec *spec, sbx_result *res);
void sbx_result_free(sbx_result *res);

/* Name of a signal for messages ("SIGSEGV (segmentation fault)"). */
const char *sbx_signal_name(int sig);

#endif

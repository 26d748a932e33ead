/* sandbox_test.c — the sandbox (grader/grade/sandbox.h) against commands
 * that misbehave in the ways a submission could if it got past the object
 * checks: fork bombs, processes left running, killing the parent, writing
 * outside the scratch folder, reading stdin, flooding output, endless loops,
 * huge files, the network, reading the kit.  Run as root, in the mode
 * SL_GRADE_SANDBOX selects (bwrap or the weak fallback).  Each case prints
 * what it compared; exit status 1 when any fails. */
#include "sandbox.h"
#include "util.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int failures, passes;

static void expect(int ok, const char *what, const sbx_result *r)
{
    if (ok) {
        passes++;
        return;
    }
    failures++;
    printf("FAIL %s\n     exited=%d code=%d signaled=%d sig=%d timed_out=%d capped=%d "
           "setup_failed=%d wall=%.2fs output(%zu)=%.300s\n",
           what, r->exited, r->code, r->signaled, r->sig, r->timed_out, r->out_capped,
           r->setup_failed, r->wall_used, r->out_len, r->out ? r->out : "");
}

/* Processes of the slot's uid still alive (zombies excluded). */
static int live_processes(int uid)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "ps -o stat= -u %d 2>/dev/null | grep -vc '^Z'", uid);
    FILE *p = popen(cmd, "r");
    int n = 0;
    if (p && fscanf(p, "%d", &n) != 1)
        n = 0;
    if (p)
        pclose(p);
    return n;
}

/* Bytes allocated below dir (du). */
static long long du_bytes(const char *dir)
{
    char *cmd = xasprintf("du -sb --apparent-size %s 2>/dev/null", dir);
    FILE *p = popen(cmd, "r");
    long long n = -1;
    if (p && fscanf(p, "%lld", &n) != 1)
        n = -1;
    if (p)
        pclose(p);
    free(cmd);
    return n;
}

static sbx_result run(const char *scratch, const char *script, double wall)
{
    char *argv[] = {"/bin/sh", "-c", (char *)script, NULL};
    sbx_spec s = {.argv = argv, .scratch = scratch, .keep = scratch, .slot = 0, .cpu_s = 5,
                  .wall_s = wall, .mem_mb = 512, .fsize_mb = 1, .nofile = 32, .nproc = 16,
                  .out_cap = 4096, .tmp_mb = 16, .disk_mb = 32};
    rm_tree(scratch);
    sbx_prepare_scratch(scratch, 0);
    sbx_result r;
    sbx_run(&s, &r);
    return r;
}

int main(int argc, char **argv)
{
    const char *kit_file = argc > 1 ? argv[1] : "/work/main/reference/softmax.c";
    if (geteuid() != 0) {
        puts("sandbox_test: needs root (the sandbox drops to a reserved uid); skipped");
        return 0;
    }
    sbx_mode mode = sbx_detect();
    sbx_become_reaper();        /* as the grader's jobs are: orphans are reaped here */
    sbx_claim_slots(1);
    int uid = sbx_slot_uid(0);
    char base[] = "/tmp/sl-sbx-test-XXXXXX";
    if (!mkdtemp(base) || chmod(base, 0711) != 0)
        return 2;
    char *scratch = xasprintf("%s/scratch", base);
    char *outside = xasprintf("/tmp/sl-sbx-outside-%ld", (long)getpid());
    printf("# sandbox_test: mode %s, uid %d\n", sbx_mode_name(mode), uid);

    sbx_result r = run(scratch, "echo hello; id -u", 10);
    char want[64];
    snprintf(want, sizeof want, "hello\n%d\n", uid);
    expect(r.exited && r.code == 0 && strcmp(r.out, want) == 0,
           "a plain command runs as the slot uid, output captured", &r);
    sbx_result_free(&r);

    r = run(scratch, "exit 3", 10);
    expect(r.exited && r.code == 3, "the exit status comes back", &r);
    sbx_result_free(&r);

    r = run(scratch, "kill -SEGV $$", 10);
    expect(r.signaled && r.sig == SIGSEGV, "death by a signal is reported with the signal", &r);
    sbx_result_free(&r);

    r = run(scratch, "while :; do :; done", 1.5);
    expect(r.timed_out && r.wall_used < 4, "an endless loop is stopped at the wall limit", &r);
    sbx_result_free(&r);

    r = run(scratch, "while :; do echo flood flood flood flood; done", 30);
    expect(r.out_capped && r.out_len <= 4096, "an output flood is cut at the cap and stopped", &r);
    sbx_result_free(&r);

    r = run(scratch, "cat; echo stdin-closed", 5);
    expect(r.exited && strstr(r.out, "stdin-closed") && !r.timed_out,
           "reading stdin gets end-of-file at once", &r);
    sbx_result_free(&r);

    r = run(scratch, "(sleep 30 &) ; (setsid sleep 31 &) ; echo started", 5);
    expect(r.exited && live_processes(uid) == 0,
           "background and setsid'd processes do not outlive the run", &r);
    sbx_result_free(&r);

    r = run(scratch, "b() { b & b & }; b; sleep 1; echo survived", 4);
    expect(live_processes(uid) == 0, "a fork bomb is bounded and leaves nothing behind", &r);
    sbx_result_free(&r);

    r = run(scratch, "kill -9 $PPID; kill -9 1; sleep 0.2; echo alive", 5);
    expect(live_processes(uid) == 0, "killing the parent harms no one outside the run", &r);
    sbx_result_free(&r);

    char *script = xasprintf("touch %s; echo x > /tmp/sl-sbx-tmp-%ld; echo done", outside,
                             (long)getpid());
    r = run(scratch, script, 5);
    char *tmpfile = xasprintf("/tmp/sl-sbx-tmp-%ld", (long)getpid());
    struct stat st;
    expect(stat(outside, &st) != 0 && stat(tmpfile, &st) != 0,
           "no file appears outside the scratch folder", &r);
    unlink(outside), unlink(tmpfile);
    free(script), free(tmpfile);
    sbx_result_free(&r);

    r = run(scratch, "head -c 3000000 /dev/zero > big; ls -l big | awk '{print $5}'", 10);
    expect(r.out && atol(r.out) <= (1 << 20), "files are capped at the file-size limit", &r);
    sbx_result_free(&r);

    /* Writing gigabytes (3000 files of 1 MB): stopped at the disk bound of
     * 32 MiB; the check runs every 0.1 s, so what was written in the last
     * tenth of a second may be past it (printed). */
    r = run(scratch, "i=0; while [ $i -lt 3000 ]; do head -c 1000000 /dev/zero > f$i; "
                     "i=$((i+1)); done; echo $i", 60);
    long long used = du_bytes(scratch);
    printf("# disk bound 32 MiB: the writer was stopped with %.1f MiB in scratch\n",
           (double)used / (1 << 20));
    expect(r.disk_capped && r.signaled && used > 0 && used < (96LL << 20),
           "a command writing gigabytes to scratch is stopped at the disk bound", &r);
    sbx_result_free(&r);
    if (mode == SBX_STRONG) {
        r = run(scratch, "i=0; while head -c 1000000 /dev/zero > /tmp/f$i 2>/dev/null; "
                         "do i=$((i+1)); done; j=0; while head -c 1000000 /dev/zero > "
                         "/dev/shm/f$j 2>/dev/null; do j=$((j+1)); done; echo $i $j", 60);
        int ni = -1, nj = -1;
        expect(r.out && sscanf(r.out, "%d %d", &ni, &nj) == 2 && ni >= 1 && ni <= 17
                   && nj >= 1 && nj <= 17,
               "/tmp and /dev/shm are tmpfs of 16 MiB each (the 17th MB fails)", &r);
        sbx_result_free(&r);
    } else {
        script = xasprintf("i=0; while [ $i -lt 3000 ]; do head -c 1000000 /dev/zero > "
                           "/tmp/sl-sbx-fill-%ld-$i; i=$((i+1)); done", (long)getpid());
        r = run(scratch, script, 60);
        expect(r.disk_capped, "weak mode: gigabytes written to /tmp are stopped at the bound", &r);
        free(script);
        sbx_result_free(&r);
    }

    r = run(scratch, "echo ok > here && cat here", 5);
    expect(r.exited && r.code == 0 && strcmp(r.out, "ok\n") == 0, "the scratch folder is writable",
           &r);
    sbx_result_free(&r);

    if (mode == SBX_STRONG) {
        script = xasprintf("cat %s 2>&1 | head -c 200; echo; ls /work /root /home 2>&1 | head -3",
                           kit_file);
        r = run(scratch, script, 5);
        expect(r.out && !strstr(r.out, "#include"), "the kit and other homes are not visible", &r);
        free(script);
        sbx_result_free(&r);

        r = run(scratch, "(exec 3<>/dev/tcp/127.0.0.1/22) 2>&1 || echo no-net; "
                         "cat /proc/net/dev | wc -l", 5);
        expect(r.out && !strstr(r.out, "eth"), "no network interface but loopback", &r);
        sbx_result_free(&r);

        r = run(scratch, "touch /usr/x 2>/dev/null && echo wrote || echo read-only", 5);
        expect(r.out && strstr(r.out, "read-only"), "the system is read-only", &r);
        sbx_result_free(&r);
    }
    rm_tree(base);
    free(scratch), free(outside);
    printf("sandbox_test (%s): %d passed, %d failed\n", mode == SBX_STRONG ? "bwrap" : "weak",
           passes, failures);
    return failures ? 1 : 0;
}

#!/usr/bin/env python3
"""bench_watch.py WATCH_BIN BUILD [RUNS] — `make bench-watch`: how long after
a save the verdict is on the screen of `make watch`.

The watch runs on a pseudo-terminal (as in a student's terminal) over a fresh
copy of the stubs; softmax.c is saved RUNS times, alternately the reference
and the stub, and each time the clock runs from the write to the moment the
screen shows the next "check #N" line (drawn with the verdict).  For
comparison, the checker alone (BUILD/check softmax) on the same files.
Reports medians; never fails on speed (exit 1 only if the watch breaks)."""
import os
import pty
import resource
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time


def read_until(fd, pattern, buf, timeout):
    """Reads the pty until the regex matches the text after buf's start;
    returns (match, text)."""
    end = time.monotonic() + timeout
    while True:
        m = re.search(pattern, buf[0])
        if m:
            return m
        left = end - time.monotonic()
        if left <= 0:
            return None
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                return None
            buf[0] += data.decode("utf-8", "replace")


def main():
    watch_bin, build = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    tmp = tempfile.mkdtemp(prefix="sl-bench-watch-")
    student = os.path.join(tmp, "student")
    shutil.copytree("student", student)
    stub = open("student/softmax.c").read()
    ref = open("reference/softmax.c").read()
    env = dict(os.environ, SOFTMAX_LAB_LANG="en", TERM="xterm", NO_COLOR="1")
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(watch_bin, [watch_bin, "--build", build, "--student-dir", student,
                              "--state", os.path.join(tmp, "state")], env)
    buf = [""]
    try:
        if not read_until(fd, r"check #5\b", buf, 300):
            print("   the watch never finished its first sweep:", buf[0][-500:])
            return 1
        lat, own = [], []
        for r in range(runs):
            text = ref if r % 2 == 0 else stub
            buf[0] = ""
            t0 = time.monotonic()
            with open(os.path.join(student, "softmax.c"), "w") as f:
                f.write(text + "\n/* save %d */\n" % r)
            m = read_until(fd, r"check #%d · verdict ([0-9.]+) s after the save" % (6 + r), buf, 120)
            if not m:
                print("   no verdict after save %d" % r)
                return 1
            lat.append(time.monotonic() - t0)
            own.append(float(m.group(1)))
        os.kill(pid, signal.SIGTERM)   # so that it does not check the saves below
        os.waitpid(pid, 0)
        pid = 0
        alone, cpu = [], []
        for r in range(runs):
            with open(os.path.join(student, "softmax.c"), "w") as f:
                f.write((ref if r % 2 == 0 else stub) + "\n/* again %d */\n" % r)
            t0 = time.monotonic()
            ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([os.path.join(build, "check"), "--build", build, "--student-dir", student,
                            "--work", os.path.join(tmp, "work2"), "--status-dir", os.path.join(tmp, "st2"),
                            "softmax"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            alone.append(time.monotonic() - t0)
            ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(ru1.ru_utime - ru0.ru_utime + ru1.ru_stime - ru0.ru_stime)
    finally:
        if pid:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        shutil.rmtree(tmp, ignore_errors=True)
    med, med_alone = statistics.median(lat), statistics.median(alone)
    print("   save → verdict on screen, softmax, %d saves: median %.3f s (min %.3f, max %.3f); target <= 0.5 s"
          % (runs, med, min(lat), max(lat)))
    print("   as the watch measures it (change seen → verdict drawn): median %.3f s" % statistics.median(own))
    print("   the checker alone (build/check softmax, same files): median %.3f s; the watch adds %.3f s"
          % (med_alone, med - med_alone))
    print("   CPU time of one check (user + system, all its processes): median %.3f s — about the"
          " latency on an idle machine" % statistics.median(cpu))
    print("   load average: %s (other work on the machine slows every figure)"
          % " ".join(open("/proc/loadavg").read().split()[:3]) if os.path.exists("/proc/loadavg") else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())

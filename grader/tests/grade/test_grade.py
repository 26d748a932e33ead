#!/usr/bin/env python3
"""test_grade.py — end-to-end tests of build/grade (issue 4), run by run.sh.

Builds fixture classes in a private temporary folder and grades them:
  * correct submissions (flat, in student/, as .tar.gz and .zip) get full marks;
  * the untouched stubs get 0 with "not implemented"; missing/empty files 0;
  * one buggy fixture per exercise (grader/fixtures/buggy/<ex>/) loses points in
    that exercise only, and its mistake is named;
  * every hostile fixture (grader/fixtures/hostile/<ex>/<name>.c, header lines
    expect-state / expect-feedback) gets 0 in its exercise and full marks in the
    others, with the expected state and explanation in feedback.md;
  * a symlink out of the folder, an #include of the reference by absolute path,
    an oversized file and an archive with path traversal / symlink entries;
  * results.json follows Gradescope's schema; grades.csv / summary.md /
    summary.csv are complete; the Autolab line and zh feedback on request;
  * no process of the sandbox uids survives, no file appears outside OUT, no
    work folder is left;
  * a run killed with SIGKILL and started again equals an uninterrupted run;
    --force regrades; exit status 0 graded / 1 grader failed / 2 usage;
  * the check programs load the stand-in libraries of BUILD/grade-lib from
    beside them, and a broken stand-in fails the self-check (exit 1);
  * both sandbox modes: bwrap (when usable) and the rlimits fallback.
Each assertion prints what it compared.  Exit status 1 when any fails.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile

GRADE, BUILD = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
KIT = os.path.abspath(os.environ.get("SL_TEST_KIT", "."))
FAST = ["--test-timeout", "3", "--suite-timeout", "12"]   # room for a loaded CI machine
# The fallback mode shares all the code but the sandbox: its class is the
# students whose code actually runs (or tries to read the reference).
WEAK_CLASS = {"alice", "bob", "h-linkdir", "stubby", "partial", "bug-softmax", "bug-train",
              "h-softmax-output_flood", "h-softmax-segfault", "h-softmax-infinite_loop",
              "h-softmax-printf_fake_report", "h-softmax-include_reference",
              "h-softmax-ctor_fake_summary", "h-softmax-huge_malloc", "h-include-abs",
              "h-symlink", "h-cross_entropy-abort_call", "arch-tgz", "arch-zip", "arch-evil",
              "h-softmax-asm_incbin", "h-softmax-asm_label_include", "h-softmax-section_name_macro",
              "h-softmax-include_usr_dotdot", "h-softmax-pragma_forged_report"}
failures = []
passes = 0


def check(cond, what, detail=""):
    global passes
    if cond:
        passes += 1
    else:
        failures.append(what)
        print(f"FAIL {what}" + (f"\n     {detail}" if detail else ""))


def manifest():
    """(id, file, visible points) per exercise, read from the kit's exercises.yaml."""
    text = open(os.path.join(KIT, "exercises.yaml"), encoding="utf-8").read()
    out = []
    for block in re.split(r"\n  - id: ", text)[1:]:
        ex = block.split("\n", 1)[0].strip()
        file = re.search(r"\n    file: (\S+)", block).group(1)
        pts = 0
        for chk in re.split(r"\n      - id: ", block)[1:]:
            p = re.search(r"points: (\d+)", chk)
            if p and not re.search(r"hidden: true", chk):
                pts += int(p.group(1))
        out.append((ex, file, pts))
    return out


EX = manifest()
IDS = [e[0] for e in EX]
FILE = {e[0]: e[1] for e in EX}
MAX = {e[0]: e[2] for e in EX}


def ref(ex):
    """A correct student file: grader/fixtures/class/correct/ or the reference."""
    own = os.path.join("grader/fixtures/class/correct", FILE[ex])
    return open(own if os.path.exists(own) else os.path.join("reference", FILE[ex])).read()


def student(root, name, override=None, sub="", skip=()):
    d = os.path.join(root, name, sub)
    os.makedirs(d, exist_ok=True)
    for ex in IDS:
        if ex in skip:
            continue
        text = (override or {}).get(ex)
        with open(os.path.join(d, FILE[ex]), "w") as f:
            f.write(ref(ex) if text is None else text)
    return os.path.join(root, name)


def expectations(path):
    text = open(path).read()
    st = re.search(r"expect-state: (\S+)", text).group(1).split("|")
    fb = re.search(r"expect-feedback: (.+)", text).group(1).strip()
    return st, fb


def run_grade(args, env=None, timeout=600):
    e = dict(os.environ, **(env or {}))
    e.pop("JOBS", None)
    t0 = time.time()
    p = subprocess.run([GRADE, "--kit", KIT, "--build", BUILD] + args, env=e,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=timeout)
    return p, time.time() - t0


def read_tsv(out, who):
    ex = {}
    tags = []
    for line in open(os.path.join(out, "students", who, "grade.tsv")):
        f = line.rstrip("\n").split("\t")
        if f[0] == "exercise":
            ran = f[2] in ("pass", "fail", "not-implemented")   # the checks ran
            ex[f[1]] = {"state": "graded" if ran else f[2], "points": int(f[3]), "max": int(f[4])}
        elif f[0] == "check":
            tags.append(f[7])
    return ex, tags


# The sandbox uids of this test's graders (other graders may run at the same
# time on this machine: they reserve other uids).
UID_BASE = 62000 + (os.getpid() % 40) * 64
UIDS = range(UID_BASE, UID_BASE + 64)
os.environ["SL_GRADE_UID_BASE"] = str(UID_BASE)


def sandbox_processes():
    """Live processes of the sandbox uids (zombies are dead: a killed grader's
    orphans may wait for the container's init to reap them)."""
    p = subprocess.run(["ps", "-eo", "uid=,pid=,stat=,args="], stdout=subprocess.PIPE, text=True)
    return [l for l in p.stdout.splitlines()
            if int(l.split()[0]) in UIDS and not l.split()[2].startswith("Z")]


def sandbox_processes_settled(limit=5.0):
    """sandbox_processes(), polled for up to `limit` seconds: a process that
    was just sent SIGKILL may take a moment to go on a loaded machine."""
    deadline = time.time() + limit
    while True:
        procs = sandbox_processes()
        if not procs or time.time() > deadline:
            return procs
        time.sleep(0.1)


def sandbox_files():
    """Files owned by the sandbox uids in the shared writable places."""
    found = []
    for top in ["/tmp", "/var/tmp", "/dev/shm"]:
        for dirpath, dirs, files in os.walk(top):
            for n in dirs + files:
                try:
                    st = os.lstat(os.path.join(dirpath, n))
                except OSError:
                    continue
                if st.st_uid in UIDS:
                    found.append(os.path.join(dirpath, n))
    return found


# The graders of this test keep their work folders here (TMPDIR), so that
# other graders running on the machine do not disturb the count.
WORK_TMP = tempfile.mkdtemp(prefix="sl-test-grade-tmp-", dir="/tmp")
os.chmod(WORK_TMP, 0o711)
os.environ["TMPDIR"] = WORK_TMP


def work_folders():
    return {n for n in os.listdir(WORK_TMP) if n.startswith("sl-grade-")}


# One mistake per exercise, each of a different kind (the first present is used).
PREFERRED_BUG = ["forgot_exp.c", "log10_instead_of_ln.c", "forgot_1_over_n.c",
                 "loss_recorded_after_update.c"]


def build_class(root, only=None):
    """The fixture class; returns {student: (exercise, states, feedback text)} for targeted ones.
    only: the set of students to keep (None: all)."""
    cls = os.path.join(root, "class")
    os.makedirs(cls)
    plan = {}
    student(cls, "alice")
    student(cls, "bob", sub="student")
    stub = {ex: open(os.path.join("student", FILE[ex])).read() for ex in IDS}
    student(cls, "stubby", stub, sub="student")
    p = student(cls, "partial", skip=("grad_b",))
    open(os.path.join(p, FILE["grad_w"]), "w").close()
    plan["partial"] = ("grad_w", ["missing"], "not submitted")
    for ex in IDS:
        d = os.path.join("grader/fixtures/buggy", ex)
        if os.path.isdir(d) and os.listdir(d):
            names = sorted(os.listdir(d))
            fx = next((f for f in PREFERRED_BUG if f in names), names[0])
            student(cls, f"bug-{ex}", {ex: open(os.path.join(d, fx)).read()})
            plan[f"bug-{ex}"] = (ex, ["graded"], "mistake:" + fx[:-2])
    for ex in IDS:
        d = os.path.join("grader/fixtures/hostile", ex)
        for fx in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            st, fb = expectations(os.path.join(d, fx))
            name = f"h-{ex}-{fx[:-2]}"
            student(cls, name, {ex: open(os.path.join(d, fx)).read()})
            plan[name] = (ex, st, fb)
    # generated hostile cases
    absref = os.path.abspath("reference/softmax.c")
    student(cls, "h-include-abs", {"softmax": f'#include "{absref}"\n'})
    plan["h-include-abs"] = ("softmax", ["compile-error", "rejected"], "reference/softmax.c")
    p = student(cls, "h-symlink", skip=("softmax",))
    os.symlink(absref, os.path.join(p, FILE["softmax"]))
    plan["h-symlink"] = ("softmax", ["missing"], "symbolic link")
    student(cls, "h-bigfile", {"softmax": "/*" + "x" * (2 << 20) + "*/\n" + ref("softmax")})
    plan["h-bigfile"] = ("softmax", ["missing"], "1 MiB")
    # a student entry that is itself a symlink (to a correct submission elsewhere)
    os.symlink(student(root, "elsewhere"), os.path.join(cls, "h-linkdir"))
    # archives: a correct one of each kind, and a hostile tarball
    src = student(root, "arch-src", sub="student")
    with tarfile.open(os.path.join(cls, "arch-tgz.tar.gz"), "w:gz") as t:
        t.add(src, arcname="arch-tgz")
    with zipfile.ZipFile(os.path.join(cls, "arch-zip.zip"), "w") as z:
        for ex in IDS:
            z.write(os.path.join(src, "student", FILE[ex]), f"submission/{FILE[ex]}")
    escape = os.path.join(root, "escape")
    with tarfile.open(os.path.join(cls, "arch-evil.tar.gz"), "w:gz") as t:
        for ex in IDS:
            if ex == "softmax":
                continue
            t.add(os.path.join(src, "student", FILE[ex]), arcname=FILE[ex])
        info = tarfile.TarInfo("../../../../../../" + escape.lstrip("/") + "/softmax.c")
        data = ref("softmax").encode()
        info.size = len(data)
        import io
        t.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("softmax.c")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        t.addfile(link)
    plan["arch-evil"] = ("softmax", ["missing"], "unsafe path in the archive")
    if only is not None:
        for n in os.listdir(cls):
            if re.sub(r"\.(tar\.gz|zip)$", "", n) not in only:
                p = os.path.join(cls, n)
                shutil.rmtree(p) if os.path.isdir(p) and not os.path.islink(p) else os.unlink(p)
        plan = {k: v for k, v in plan.items() if k in only}
    return cls, plan, escape


def check_class(out, cls, plan, escape, label):
    rows = open(os.path.join(out, "grades.csv")).read().splitlines()
    check(rows[0] == "student," + ",".join(IDS) + ",total", f"{label}: grades.csv header",
          f"got {rows[0]!r}")
    names = sorted(n for n in os.listdir(cls))
    names = sorted(re.sub(r"\.(tar\.gz|zip)$", "", n) for n in names)
    check([r.split(",")[0] for r in rows[1:]] == names, f"{label}: one row per student",
          f"expected {names}, got {[r.split(',')[0] for r in rows[1:]]}")
    for who in ["alice", "bob", "arch-tgz", "arch-zip"]:
        if not os.path.exists(os.path.join(out, "students", who)):
            continue
        ex, _ = read_tsv(out, who)
        got = {k: v["points"] for k, v in ex.items()}
        check(got == MAX, f"{label}: {who} (correct) gets full marks", f"expected {MAX}, got {got}"
              + "\n" + open(os.path.join(out, "students", who, "feedback.md")).read()[:3000])
    ex, _ = read_tsv(out, "stubby")
    fb = open(os.path.join(out, "students", "stubby", "feedback.md")).read()
    check(all(v["points"] == 0 for v in ex.values()) and "not implemented" in fb,
          f"{label}: the stubs get 0 and 'not implemented'", str(ex))
    for who, (target, states, text) in sorted(plan.items()):
        ex, tags = read_tsv(out, who)
        fb = open(os.path.join(out, "students", who, "feedback.md")).read()
        pts = ex[target]["points"]
        if who.startswith("bug-"):
            check(pts < ex[target]["max"], f"{label}: {who} loses points in {target}",
                  f"{pts} of {ex[target]['max']}")
            check(text in tags, f"{label}: {who} names its mistake {text}", f"tags: {set(tags)}")
        else:
            check(pts == 0, f"{label}: {who} gets 0 in {target}", f"got {pts}")
            check(ex[target]["state"] in states, f"{label}: {who} state of {target}",
                  f"expected one of {states}, got {ex[target]['state']}")
            plain = re.sub(r"\\(.)", r"\1", fb)     # Markdown escapes undone
            check(any(t in plain for t in text.split("|")), f"{label}: {who} feedback explains ({text!r})",
                  "feedback.md:\n" + fb[:1500])
        others = {k: v["points"] for k, v in ex.items() if k != target and not
                  (who == "partial" and k == "grad_b")}
        want = {k: MAX[k] for k in others}
        check(others == want, f"{label}: {who} costs only {target}", f"expected {want}, got {others}"
              + "\n" + fb[:4000])
    if os.path.lexists(os.path.join(cls, "h-linkdir")):
        ex, _ = read_tsv(out, "h-linkdir")
        fb = open(os.path.join(out, "students", "h-linkdir", "feedback.md")).read()
        check(all(v["points"] == 0 for v in ex.values()) and "symbolic link" in fb,
              f"{label}: a student folder that is a symlink is not followed",
              str({k: v["points"] for k, v in ex.items()}) + fb[:300])
    # nothing leaked: the symlinked reference is not quoted
    fb = open(os.path.join(out, "students", "h-symlink", "feedback.md")).read()
    check("read before write" not in fb, f"{label}: symlinked file not read")
    check(not os.path.exists(escape), f"{label}: archive entries cannot escape", escape)
    # Gradescope schema
    for who in ["alice", "stubby", "h-softmax-segfault"]:
        path = os.path.join(out, "students", who, "results.json")
        if not os.path.exists(path):
            continue
        try:
            js = json.load(open(path))
        except ValueError as e:
            check(False, f"{label}: {who}/results.json is JSON", str(e))
            continue
        ex, _ = read_tsv(out, who)
        ok = js["score"] == sum(v["points"] for v in ex.values()) and all(
            set(t) >= {"name", "score", "max_score", "status", "output", "visibility"}
            and t["status"] in ("passed", "failed") for t in js["tests"])
        check(ok, f"{label}: {who}/results.json follows the Gradescope schema", json.dumps(js)[:600])
    summ = open(os.path.join(out, "summary.md")).read()
    for part in ["|#", "Pass rate per check", "Misconceptions", "First failing exercise"]:
        check(part in summ, f"{label}: summary.md has {part!r}")
    mistakes = [p[2][8:] for w, p in plan.items() if w.startswith("bug-")]
    if mistakes:
        check(any(m in summ for m in mistakes), f"{label}: summary counts misconceptions", summ[-1500:])
    csv = open(os.path.join(out, "summary.csv")).read()
    check(csv.startswith("kind,exercise,check,count,total,rate\n") and "\ncheck," in csv,
          f"{label}: summary.csv")


def leftovers(label, before):
    procs = sandbox_processes_settled()
    check(not procs, f"{label}: no sandbox process left", "\n".join(procs))
    files = sandbox_files()
    check(not files, f"{label}: no file of the sandbox uids outside OUT", str(files[:20]))
    check(not os.path.exists("/tmp/softmax-lab-pwned"), f"{label}: hostile file not written")
    new = work_folders() - before
    check(not new, f"{label}: the work folder is removed", str(new))


def test_class(root, mode):
    label = f"class/{mode}"
    env = {"SL_GRADE_SANDBOX": mode}
    cls, plan, escape = build_class(os.path.join(root, mode), WEAK_CLASS if mode == "weak" else None)
    out = os.path.join(root, mode, "out")
    before = work_folders()
    p, secs = run_grade(["-o", out, "-j2"] + FAST + [cls], env)
    print(f"# {label}: graded {len(os.listdir(cls))} submissions in {secs:.1f} s")
    check(p.returncode == 0, f"{label}: exit status 0 (graded)", p.stderr[-2000:])
    if p.returncode == 0:
        check_class(out, cls, plan, escape, label)
    leftovers(label, before)
    return cls, out


def same_tree(a, b):
    diffs = []
    for dirpath, _, files in os.walk(a):
        for f in files:
            pa = os.path.join(dirpath, f)
            pb = os.path.join(b, os.path.relpath(pa, a))
            if not os.path.exists(pb) or open(pa, "rb").read() != open(pb, "rb").read():
                diffs.append(os.path.relpath(pa, a))
    return diffs


def test_resume(root):
    label = "resume"
    cls = os.path.join(root, "resume-class")
    for i, who in enumerate(["r1", "r2", "r3", "r4", "r5", "r6"]):
        over = {}
        for ex in IDS[i % len(IDS):i % len(IDS) + 1]:
            d = os.path.join("grader/fixtures/buggy", ex)
            if i % 2 and os.path.isdir(d) and os.listdir(d):
                over[ex] = open(os.path.join(d, sorted(os.listdir(d))[-1])).read()
        student(cls, who, over)
    a, b = os.path.join(root, "resume-a"), os.path.join(root, "resume-b")
    before = work_folders()
    p, _ = run_grade(["-o", a, "-j2", "-q"] + FAST + [cls])
    check(p.returncode == 0, f"{label}: uninterrupted run", p.stderr)
    e = dict(os.environ)
    e.pop("JOBS", None)
    proc = subprocess.Popen([GRADE, "--kit", KIT, "--build", BUILD, "-o", b, "-j1", "-q"] + FAST
                            + [cls], env=e, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and not any(
            os.path.exists(os.path.join(b, "students", w, "grade.tsv")) for w in os.listdir(cls)):
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    for w in work_folders() - before:      # a SIGKILLed grader cannot clean up
        shutil.rmtree(os.path.join(WORK_TMP, w), ignore_errors=True)
    done = [w for w in os.listdir(cls) if os.path.exists(os.path.join(b, "students", w, "grade.tsv"))]
    check(0 < len(done) < 6, f"{label}: killed mid-run", f"{len(done)} of 6 students done")
    procs = sandbox_processes_settled()
    check(not procs, f"{label}: nothing survives the kill", "\n".join(procs))
    p, _ = run_grade(["-o", b, "-j2"] + FAST + [cls])
    check(p.returncode == 0 and f"({len(done)} already graded, kept)" in p.stderr,
          f"{label}: second run keeps the finished students", p.stderr)
    diffs = same_tree(a, b) + same_tree(b, a)
    check(not diffs, f"{label}: resumed run equals the uninterrupted one", str(diffs))
    p, _ = run_grade(["-o", b, "-j2", "--force"] + FAST + [cls])
    check(p.returncode == 0 and "(0 already graded, kept)" in p.stderr, f"{label}: --force regrades",
          p.stderr)
    check(not same_tree(a, b), f"{label}: --force gives the same results again")
    c = os.path.join(root, "resume-c")           # Ctrl-C: "interrupted", not a grader failure
    proc = subprocess.Popen([GRADE, "--kit", KIT, "--build", BUILD, "-o", c, "-j1", "-q"] + FAST
                            + [cls], env=e, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    deadline = time.time() + 60
    while time.time() < deadline and not any(
            os.path.exists(os.path.join(c, "students", w, "grade.tsv")) for w in os.listdir(cls)):
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    err = proc.communicate()[1]
    check(proc.returncode == 1 and "grade: interrupted, 6 students" in err
          and "GRADER FAILED" not in err, f"{label}: SIGINT says interrupted, status 1", err)


def test_single_and_options(root):
    label = "options"
    alice = student(os.path.join(root, "single"), "alice")
    out = os.path.join(root, "single-out")
    p, _ = run_grade(["-o", out, "--autolab", "-q"] + FAST + [alice])
    want = "{\"scores\": {" + ", ".join(f'"{ex}": {MAX[ex]}' for ex in IDS) + "}}"
    check(p.returncode == 0 and p.stdout.strip() == want, f"{label}: single folder + Autolab line",
          f"expected {want}\ngot {p.stdout!r} {p.stderr}")
    out = os.path.join(root, "zh-out")
    stub = student(os.path.join(root, "zh"), "stubby",
                   {ex: open(os.path.join("student", FILE[ex])).read() for ex in IDS})
    p, _ = run_grade(["-o", out, "--lang", "zh", "-q"] + FAST + [stub])
    fb = open(os.path.join(out, "students", "stubby", "feedback.md")).read() if p.returncode == 0 else ""
    check("总分" in fb and "尚未实现" in fb, f"{label}: --lang zh feedback", fb[:400])
    buggy = student(os.path.join(root, "zh-buggy"), "wrongn", {"grad_w": open(
        "grader/fixtures/buggy/grad_w/forgot_1_over_n.c").read()})
    p, _ = run_grade(["-o", os.path.join(root, "zh-buggy-out"), "--lang", "zh", "-q"] + FAST + [buggy])
    fb = open(os.path.join(root, "zh-buggy-out", "students", "wrongn", "feedback.md")).read() \
        if p.returncode == 0 else p.stderr
    check("比较的是" in fb and "compared:" not in fb and "fix:" not in fb,
          f"{label}: --lang zh explains failures in Chinese only", fb[:1500])
    p, _ = run_grade(["-o", out, "--build", "/nonexistent-build"] + [alice])
    check(p.returncode == 1, f"{label}: exit 1 when the grader cannot work", p.stderr)
    # a broken kit (the softmax checks replaced by another exercise's): the
    # self-check on the reference turns it into "grader failed", not 0 points
    broken = os.path.join(root, "broken-build")
    for sub in ["harness", "obj/grader/suites", "obj/grader/worker", "obj/reference"]:
        shutil.copytree(os.path.join(BUILD, sub), os.path.join(broken, sub))
    shutil.copy(os.path.join(broken, "obj/grader/suites", "cross_entropy.o"),
                os.path.join(broken, "obj/grader/suites", "softmax.o"))
    p, _ = run_grade(["-o", os.path.join(root, "broken-out"), "--build", broken, alice])
    check(p.returncode == 1 and "does not pass its own checks" in p.stderr
          and not os.path.exists(os.path.join(root, "broken-out", "grades.csv")),
          f"{label}: a broken kit fails the self-check (exit 1, no grades)", p.stderr[-600:])
    p, _ = run_grade(["-o", out, "--no-such-option", alice])
    check(p.returncode == 2, f"{label}: exit 2 on a usage error", p.stderr)
    two = student(os.path.join(root, "dup"), "twice", sub="student")   # a stale stub beside it
    os.makedirs(os.path.join(two, "backup"), exist_ok=True)
    shutil.copy(os.path.join("student", FILE["softmax"]), os.path.join(two, "backup", FILE["softmax"]))
    p, _ = run_grade(["-o", os.path.join(root, "dup-out"), "-q", "--single"] + FAST + [two])
    fb = open(os.path.join(root, "dup-out", "students", "twice", "feedback.md")).read() if p.returncode == 0 else p.stderr
    check("softmax.c was found more than once: graded backup/softmax.c, ignored student/softmax.c"
          in re.sub(r"\\(.)", r"\1", fb),
          f"{label}: two copies of a file: the feedback says which one was graded", fb[:600])
    nowhere = os.path.join(root, "no-such-class")
    p, _ = run_grade(["-o", os.path.join(root, "nowhere-out"), nowhere])
    check(p.returncode == 2 and f"no submissions at {nowhere}" in p.stderr
          and not os.path.exists(os.path.join(root, "nowhere-out")),
          f"{label}: a SUBMISSIONS path that does not exist: exit 2, nothing written", p.stderr)
    os.makedirs(os.path.join(root, "empty-class"), exist_ok=True)
    p, _ = run_grade(["-o", os.path.join(root, "empty-out"), os.path.join(root, "empty-class")])
    check(p.returncode == 0 and "warning: no submissions in" in p.stderr,
          f"{label}: an empty class is graded with a warning", p.stderr)
    # hidden checks, when the manifest has some and grader/hidden has their code
    text = open(os.path.join(KIT, "exercises.yaml")).read()
    if "hidden: true" in text and os.path.isdir("grader/hidden"):
        out = os.path.join(root, "hidden-out")
        p, _ = run_grade(["-o", out, "--hidden", "grader/hidden", "-q"] + FAST + [alice])
        fb = open(os.path.join(out, "students", "alice", "feedback.md")).read() if p.returncode == 0 else ""
        check(re.search(r"\d+ hidden checks? not shown", fb) is not None,
              f"{label}: hidden checks are counted, not shown", p.stderr + fb[:800])
        hidden = hidden_check_ids()
        check(hidden and not any(h in fb for h in hidden), f"{label}: hidden check ids not in feedback",
              fb[:800])
    # object inspection alone
    lds = os.path.join(root, "fake.o")
    open(lds, "w").write("INPUT(libsoftmaxlab.a)\nsoftmax = ref_softmax;\n")
    p = subprocess.run([GRADE, "--check-object", lds, "softmax"], stdout=subprocess.PIPE, text=True)
    check(p.returncode == 1 and "not an ELF" in p.stdout, f"{label}: a linker script posing as an object",
          p.stdout)
    obj = os.path.join(BUILD, "obj/reference/softmax.o")
    p = subprocess.run([GRADE, "--check-object", obj, "softmax"], stdout=subprocess.PIPE, text=True)
    check(p.returncode == 0, f"{label}: the reference object is accepted", p.stdout)


def test_check_libs(root):
    """The stand-in libraries of BUILD/grade-lib (a libgit2 that Criterion loads
    only for string diffs) sit beside every check program, and the loader takes
    them; a broken one makes the self-check fail the run (exit 1), never a
    student lose points."""
    label = "check libs"
    libdir = os.path.join(BUILD, "grade-lib")
    libs = sorted(os.listdir(libdir)) if os.path.isdir(libdir) else []
    if not libs:
        print("# no stand-in libraries in this build (Criterion does not load libgit2)")
        return
    alice = student(os.path.join(root, "libs"), "alice")
    before = work_folders()
    p, _ = run_grade(["-o", os.path.join(root, "libs-out"), "-q"] + FAST + [alice],
                     env={"SL_GRADE_KEEP_WORK": "1"})
    kept = work_folders() - before
    progs = []
    for w in kept:
        for dirpath, _, files in os.walk(os.path.join(WORK_TMP, w)):
            progs += [os.path.join(dirpath, f) for f in files if f.endswith("-suite")
                      and "/slot" in dirpath]
    check(p.returncode == 0 and len(progs) == len(IDS),
          f"{label}: one kept check program per exercise", f"{p.stderr[-300:]} {progs}")
    for prog in progs:
        ldd = subprocess.run(["ldd", prog], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True).stdout
        here = os.path.dirname(prog)
        for lib in libs:
            line = next((ln for ln in ldd.splitlines() if ln.strip().startswith(lib)), "")
            check(os.path.join(here, lib) in line, f"{label}: {os.path.basename(prog)} loads {lib} "
                  f"from beside it", f"expected {os.path.join(here, lib)}\ngot {line!r}")
    for w in kept:
        shutil.rmtree(os.path.join(WORK_TMP, w), ignore_errors=True)
    # a stand-in without the functions Criterion calls: grader failed, no grades
    broken = os.path.join(root, "libs-broken-build")
    for sub in ["harness", "obj/grader/suites", "obj/grader/worker", "obj/reference"]:
        shutil.copytree(os.path.join(BUILD, sub), os.path.join(broken, sub))
    os.makedirs(os.path.join(broken, "grade-lib"))
    empty = os.path.join(root, "empty.c")
    open(empty, "w").write("int sl_nothing_here;\n")
    for lib in libs:
        subprocess.run(["cc", "-shared", "-fPIC", f"-Wl,-soname,{lib}", empty, "-o",
                        os.path.join(broken, "grade-lib", lib)], check=True)
    out = os.path.join(root, "libs-broken-out")
    p, _ = run_grade(["-o", out, "--build", broken, "-q"] + FAST + [alice])
    check(p.returncode == 1 and "does not pass its own checks" in p.stderr
          and not os.path.exists(os.path.join(out, "grades.csv")),
          f"{label}: a broken stand-in fails the self-check (exit 1, no grades)", p.stderr[-600:])


def hidden_check_ids():
    text = open(os.path.join(KIT, "exercises.yaml"), encoding="utf-8").read()
    return re.findall(r"- id: (\w+)\n(?:        .*\n)*?        hidden: true", text)


def test_handout(root):
    label = "handout"
    out = os.path.join(root, "dist")
    p = subprocess.run(["bash", "grader/dist/handout.sh", out], env=dict(os.environ, BUILD=BUILD),
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    check(p.returncode == 0, f"{label}: builds", p.stdout)
    if p.returncode:
        return
    with tarfile.open(os.path.join(out, "softmax-lab-handout.tar.gz")) as t:
        names = t.getnames()
        text = {n: t.extractfile(n).read() for n in names if t.getmember(n).isfile()}
    rel = [n.split("/", 1)[1] for n in names if "/" in n]
    for ex in IDS:
        check(f"student/{FILE[ex]}" in rel and f"grader/suites/{ex}.c" in rel,
              f"{label}: has the stub and the visible checks of {ex}")
    check("README.md" in rel and "lab/softmax_lab.h" in rel, f"{label}: README and contract header")
    bad = [n for n in rel if n.startswith(("reference/", "grader/hidden", "grader/grade",
                                           "grader/fixtures", "grader/dist")) or n == "grader/grade.mk"]
    check(not bad, f"{label}: no reference source, hidden checks, grader or fixtures", str(bad[:10]))
    hidden = hidden_check_ids()
    leaks = [(n, h) for n, b in text.items() for h in hidden if h.encode() in b]
    check(hidden and not leaks, f"{label}: no hidden check id anywhere in it ({len(hidden)} ids)",
          str(leaks[:5]))
    refsrc = open("reference/softmax.c", "rb").read()
    check(not any(refsrc[200:400] in b for b in text.values()), f"{label}: no reference text")
    objs = [n for n in text if "/prebuilt/" in n and n.endswith(".o")]
    check(objs and not any(b".debug_info" in text[n] for n in objs),
          f"{label}: the reference ships compiled, without debug info", str(objs))


def test_gradescope(root):
    label = "gradescope"
    out = os.path.join(root, "gs-dist")
    p = subprocess.run(["bash", "grader/dist/gradescope.sh", out], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    check(p.returncode == 0, f"{label}: builds the zip", p.stdout)
    if p.returncode:
        return
    ag = os.path.join(root, "autograder")
    with zipfile.ZipFile(os.path.join(out, "autograder.zip")) as z:
        names = z.namelist()
        z.extractall(ag)
    check("setup.sh" in names and "run_autograder" in names and "source/exercises.yaml" in names,
          f"{label}: setup.sh, run_autograder and the kit at the top level", str(names[:5]))
    for n in ["setup.sh", "run_autograder"]:
        os.chmod(os.path.join(ag, n), 0o755)
    sub = os.path.join(ag, "submission", "my-upload", "student")
    os.makedirs(sub)
    for ex in IDS:
        open(os.path.join(sub, FILE[ex]), "w").write(ref(ex))
    env = dict(os.environ, SL_AUTOGRADER_ROOT=ag, SL_GRADE_BIN=GRADE, SL_GRADE_BUILD=BUILD)
    p = subprocess.run([os.path.join(ag, "run_autograder")], env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, timeout=300)
    try:
        js = json.load(open(os.path.join(ag, "results", "results.json")))
    except (OSError, ValueError) as e:
        check(False, f"{label}: run_autograder writes results/results.json", f"{e}\n{p.stdout}")
        return
    full = sum(t["max_score"] for t in js["tests"] if t["visibility"] != "hidden" or True)
    hidden = [t for t in js["tests"] if t["visibility"] == "hidden"]
    check(js["score"] == sum(MAX.values()) + sum(t["max_score"] for t in hidden)
          and js["score"] == full and all(t["status"] == "passed" for t in js["tests"]),
          f"{label}: a correct nested submission gets every point, hidden checks included",
          json.dumps(js)[:800])
    check(bool(hidden) and all(t["output"] in ("hidden check", "隐藏检查") for t in hidden),
          f"{label}: hidden checks are graded and say nothing", str(hidden[:2]))


def main():
    before = work_folders()
    root = tempfile.mkdtemp(prefix="sl-test-grade-", dir="/tmp")
    os.chmod(root, 0o755)
    try:
        modes = ["strong", "weak"]
        if subprocess.run(["bwrap", "--unshare-all", "--ro-bind", "/", "/", "true"],
                          stderr=subprocess.DEVNULL).returncode != 0:
            print("# bwrap is not usable here: testing the fallback mode only")
            modes = ["weak"]
        only = os.environ.get("SL_TEST_MODES")
        for mode in (only.split(",") if only else modes):
            if mode != "none":
                test_class(root, mode)
        test_resume(root)
        test_single_and_options(root)
        test_check_libs(root)
        test_handout(root)
        test_gradescope(root)
        check(not work_folders() - before, "no grader work folder left in /tmp",
              str(work_folders() - before))
    finally:
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(WORK_TMP, ignore_errors=True)
    print(f"test-grade: {passes} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

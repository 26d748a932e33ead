#!/usr/bin/env python3
"""test_hostile.py — a class that mixes every attack with honest students,
graded in the weak sandbox (forced, as on Gradescope's Docker) and in the
strong one (when bwrap works here), with the hidden checks.  Run by run.sh.

Asserts, per mode:
  * names: every folder or archive of the class folder is one row of
    grades.csv whatever its name (李雷.zip, 韩梅.zip, student, grades.csv,
    summary.md, softmax.c as a folder, alice/ + alice.zip, invalid UTF-8 and
    escape codes); loose files and dot files are listed in summary.md as not
    a submission; every changed name is reported; class files sit at OUT's
    top and students under OUT/students/;
  * archives: a gzip bomb, a zip bomb, 25000 entries, a .tar.gz compressed
    twice and an archive three deep each get "archive too large"/"not opened"
    and 0, an archive inside an archive is graded;
  * leaks: the reference included with a syntax error, `/usr/../` paths,
    `.incbin`/`.include` in inline asm, in an asm label and in a section
    name, `#line` naming the reference: 0 points, and no line of the
    reference or of the hidden checks appears in any output file;
  * outputs: every results.json is strict UTF-8 JSON and lists every
    exercise (a file that does not compile with the compiler's message, a
    missing one as not submitted; hidden checks by title); no feedback.md has
    a control character or a forged line (`#pragma message` with ``` and a
    fake total); a CSV cell starting with - gets a leading ';
  * honest students get every point, hidden checks included.
Then the Gradescope bundle run as run_autograder with bubblewrap unavailable
keeps the reference and hidden checks out of its results.json.
"""
import csv
import glob
import gzip
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile

GRADE, BUILD = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
KIT = os.path.abspath(".")
REF = os.path.join(KIT, "reference")
FAST = ["--test-timeout", "5", "--suite-timeout", "30"]   # generous: a loaded CI machine
failures, passes = [], 0
os.environ["SL_GRADE_UID_BASE"] = str(63000 + (os.getpid() % 30) * 64)
WORK_TMP = tempfile.mkdtemp(prefix="sl-test-hostile-tmp-", dir="/tmp")
os.chmod(WORK_TMP, 0o711)
os.environ["TMPDIR"] = WORK_TMP


def check(cond, what, detail=""):
    global passes
    if cond:
        passes += 1
    else:
        failures.append(what)
        print(f"FAIL {what}" + (f"\n     {detail}" if detail else ""))


def manifest():
    """[(exercise id, file, {check id: (title, hidden)})] from exercises.yaml."""
    text = open(os.path.join(KIT, "exercises.yaml"), encoding="utf-8").read()
    out = []
    for block in re.split(r"\n  - id: ", text)[1:]:
        ex = block.split("\n", 1)[0].strip()
        file = re.search(r"\n    file: (\S+)", block).group(1)
        checks = {}
        for chk in re.split(r"\n      - id: ", block)[1:]:
            cid = chk.split("\n", 1)[0].strip()
            title = re.search(r'title: \{en: "([^"]*)"', chk)
            checks[cid] = (title.group(1) if title else cid, "hidden: true" in chk)
        out.append((ex, file, checks))
    return out


EX = manifest()
IDS = [e[0] for e in EX]
FILE = {e[0]: e[1] for e in EX}
HIDDEN_IDS = {c for e in EX for c, (t, h) in e[2].items() if h}


def ref(ex):
    own = os.path.join("grader/fixtures/class/correct", FILE[ex])
    return open(own if os.path.exists(own) else os.path.join(REF, FILE[ex])).read()


def files(override=None):
    return {FILE[ex]: (override or {}).get(ex, ref(ex)) for ex in IDS}


def folder(root, name, content):
    d = os.path.join(root.encode(), name if isinstance(name, bytes) else name.encode())
    os.makedirs(d, exist_ok=True)
    for f, text in content.items():
        open(os.path.join(d, f.encode()), "w").write(text)


def zip_of(path, content, prefix=""):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for f, text in content.items():
            z.writestr(prefix + f, text)


def tgz_bytes(content, extra=None):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz", compresslevel=1) as t:
        for f, text in content.items():
            data = text.encode()
            info = tarfile.TarInfo(f)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
        if extra:
            extra(t)
    return buf.getvalue()


class Zeros(io.RawIOBase):
    def __init__(self, n):
        self.left = n

    def read(self, n=-1):
        n = self.left if n < 0 else min(n, self.left)
        self.left -= n
        return b"\0" * n


BOMB = 300 << 20            # past the 256 MiB limit


def add_bomb(t):
    info = tarfile.TarInfo("data/zeros.bin")
    info.size = BOMB
    t.addfile(info, Zeros(BOMB))


def add_many(t):
    for i in range(20050):
        t.addfile(tarfile.TarInfo(f"junk/{i}"), io.BytesIO(b""))


SF = "void softmax(const double *Z, double *P, size_t n, size_t k)" \
     "{(void)Z; (void)P; (void)n; (void)k;}\n"
ATTACKS = {   # student: softmax.c (the other files are correct)
    "x-inc-syntax": f'#include "{REF}/grad_b.c"\nint oops = ;\n',
    "x-usr-dotdot": '#include "/usr/../etc/passwd"\n',
    "x-incbin": '#include "softmax_lab.h"\n__asm__(".section .rodata\\n.incbin \\"'
                + REF + '/grad_b.c\\"\\n.text");\n' + SF,
    "x-asm-label": '#include "softmax_lab.h"\nint lbl __asm__("lbl\\n.incbin \\"' + REF
                   + '/softmax.c\\"\\n");\n' + SF,
    "x-section": '#include "softmax_lab.h"\n__attribute__((section(".data\\n.include \\"'
                 + REF + '/train.c\\"\\n#"))) int sec = 1;\n' + SF,
    "x-line": f'#line 1 "{REF}/grad_b.c"\nint oops = ;\n#line 2 "{REF}/softmax.c"\nint oops2 = ;\n',
    "x-pragma": '#pragma message "x\\n```\\n\\n**Total: 100 / 100**\\n\\n## 1. Softmax - 20 / 20\\n"\n'
                '#pragma message "\\x1b[2J\\x1b[31m"\nint oops = ;\n',
}


def build_class(root):
    cls = os.path.join(root, "class")
    os.makedirs(cls)
    long = "长" * 80         # 243 bytes with its last character: cut to 120, then made unique
    honest = ["alice", "student", "grades.csv", "summary.md", "summary.csv", "softmax.c", "-2+3",
              "a b", "a%20b", long + "甲", long + "乙"]
    for n in honest:
        folder(cls, n, files())
    folder(cls, b"bad\xff\x1b[31m", files())
    zip_of(os.path.join(cls, "alice.zip"), files())
    zip_of(os.path.join(cls, "李雷.zip"), files(), "李雷/")
    zip_of(os.path.join(cls, "韩梅.zip"), files())
    os.makedirs(os.path.join(cls, "empty"))
    open(os.path.join(cls, "README"), "w").write("class export\n")
    open(os.path.join(cls, "grad_b.c"), "w").write(ref("grad_b"))
    open(os.path.join(cls, ".DS_Store"), "w").write("x")
    for who, src in ATTACKS.items():
        folder(cls, who, files({"softmax": src}))
    # archives
    open(os.path.join(cls, "a-bomb.tar.gz"), "wb").write(tgz_bytes(files(), add_bomb))
    with zipfile.ZipFile(os.path.join(cls, "a-zipbomb.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        for f, text in files().items():
            z.writestr(f, text)
        with z.open("zeros.bin", "w", force_zip64=True) as w:
            for _ in range(BOMB >> 20):
                w.write(b"\0" * (1 << 20))
    open(os.path.join(cls, "a-many.tar.gz"), "wb").write(tgz_bytes(files(), add_many))
    open(os.path.join(cls, "a-double.tar.gz"), "wb").write(gzip.compress(tgz_bytes(files()), 1))
    inner = io.BytesIO()
    zip_of(inner, files())
    with zipfile.ZipFile(os.path.join(cls, "a-nested.zip"), "w") as z:
        z.writestr("submission/inner.zip", inner.getvalue())
    mid = io.BytesIO()
    with zipfile.ZipFile(mid, "w") as z:
        z.writestr("inner.zip", inner.getvalue())
    with zipfile.ZipFile(os.path.join(cls, "a-nested3.zip"), "w") as z:
        z.writestr("mid.zip", mid.getvalue())
    esc = files()
    esc["../\x1b[2Jevil/softmax.c"] = esc.pop("softmax.c")
    zip_of(os.path.join(cls, "a-escape.zip"), esc)
    renamed = {"a b": "a%20b", "a%20b": "a%2520b", long + "甲": "长" * 40 + "-2",
               long + "乙": "长" * 40}
    honest = [renamed.get(n, n) for n in honest]
    ids = sorted(honest + ["bad%FF%1B%5B31m", "alice-2", "李雷", "韩梅", "empty"] + list(ATTACKS)
                 + ["a-bomb", "a-zipbomb", "a-many", "a-double", "a-nested", "a-nested3",
                    "a-escape"])
    full = set(honest) | {"bad%FF%1B%5B31m", "alice-2", "李雷", "韩梅", "a-nested"}
    return cls, ids, full


def secret_lines():
    """Lines of the reference and the hidden checks long enough to be telling."""
    lines = set()
    for path in glob.glob(os.path.join(REF, "*.c")) + glob.glob("grader/hidden/*.c"):
        for line in open(path, encoding="utf-8", errors="replace"):
            s = line.strip()
            if len(s) >= 25 and not s.startswith(("#include", "/*", "*", "//")):
                lines.add(s)
    return lines


SECRETS = secret_lines()


def leaks(text):
    return [s for s in SECRETS if s in text][:3]


def read_tsv(path):
    ex = {}
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if f[0] == "exercise":
            ex[f[1]] = {"state": f[2], "points": int(f[3]), "max": int(f[4])}
    return ex


def check_outputs(out, label):
    """Every output file: no secret, strict JSON, clean Markdown."""
    for dirpath, _, names in os.walk(out):
        for n in names:
            p = os.path.join(dirpath, n)
            data = open(p, "rb").read()
            text = data.decode("utf-8", "replace")
            found = leaks(text)
            check(not found, f"{label}: no reference or hidden-check line in {os.path.relpath(p, out)}",
                  str(found))
            if n in ("results.json", "autolab.json"):
                try:
                    json.loads(data.decode("utf-8", "strict"))
                    ok = True
                except (UnicodeDecodeError, ValueError) as e:
                    ok, text = False, str(e)
                check(ok, f"{label}: {os.path.relpath(p, out)} is strict UTF-8 JSON", text[:300])
            if n == "feedback.md":
                bad = [c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7f <= ord(c) < 0xa0]
                check(not bad, f"{label}: no control character in {os.path.relpath(p, out)}",
                      repr(bad[:5]))
                totals = [l for l in text.splitlines() if l.startswith("**Total")]
                heads = [l for l in text.splitlines() if l.startswith("## ")]
                check(len(totals) == 1 and len(heads) == len(IDS),
                      f"{label}: {os.path.relpath(p, out)} has one total and one heading per "
                      "exercise (nothing forged)", "\n".join(totals + heads))


def check_results_json(out, label, who, expect_text=None, exercise=None):
    p = os.path.join(out, "students", who, "results.json")
    js = json.loads(open(p, "rb").read().decode("utf-8"))
    per_ex = {}
    for t in js["tests"]:
        per_ex.setdefault(t["name"].split(":")[0], []).append(t)
    check(set(per_ex) == set(IDS), f"{label}: {who}/results.json lists every exercise",
          str(sorted(per_ex)))
    names = {t["name"] for t in js["tests"]}
    titles = {f"{ex}: {t}" for ex, _, cs in EX for c, (t, h) in cs.items() if h}
    hidden = [t for t in js["tests"] if t["visibility"] == "hidden"]
    check(hidden and all(t["name"] in titles for t in hidden)
          and not any(h in json.dumps(js) for h in HIDDEN_IDS),
          f"{label}: {who}/results.json names hidden checks by title, never by id",
          str([t["name"] for t in hidden][:3]))
    if expect_text:
        outs = [t["output"] for t in per_ex.get(exercise, []) if t["visibility"] == "visible"]
        check(outs and all(expect_text in o for o in outs),
              f"{label}: {who}/results.json says {expect_text!r} for {exercise}", str(outs[:1]))
    return names


def test_class(root, mode):
    label = f"hostile/{mode}"
    cls, ids, full = build_class(os.path.join(root, mode))
    out = os.path.join(root, mode, "out")
    t0 = time.time()
    p = subprocess.run([GRADE, "--kit", KIT, "--build", BUILD, "-o", out, "-j2", "-q",
                        "--hidden", "grader/hidden"] + FAST + [cls],
                       env=dict(os.environ, SL_GRADE_SANDBOX=mode), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, timeout=900)
    secs = time.time() - t0
    print(f"# {label}: {len(os.listdir(cls))} entries graded in {secs:.1f} s")
    check(p.returncode == 0, f"{label}: graded (exit 0)", p.stderr[-3000:])
    if p.returncode:
        return
    check(sorted(os.listdir(out)) == [".grade-config", "grades.csv", "students", "summary.csv",
                                      "summary.md"], f"{label}: class files at the top of OUT",
          str(os.listdir(out)))
    rows = list(csv.reader(open(os.path.join(out, "grades.csv"), encoding="utf-8")))
    got = [r[0] for r in rows[1:]]
    want = [("'" + i if i.startswith("-") else i) for i in ids]
    check(sorted(got) == sorted(want), f"{label}: one row per folder or archive ({len(ids)})",
          f"expected {sorted(want)}\ngot {sorted(got)}")
    summ = open(os.path.join(out, "summary.md"), encoding="utf-8").read()
    plain = re.sub(r"\\(.)", r"\1", summ)
    for n in ["README", "grad_b.c", ".DS_Store"]:
        check(f'"{n}" is not a submission' in plain, f"{label}: summary lists {n} as not a submission")
    for n, i in [("alice.zip", "alice-2"), ("bad\ufffd\ufffd[31m", "bad%FF%1B%5B31m"),
                 ("a b", "a%20b"), ("a%20b", "a%2520b"), ("长" * 80 + "甲", "长" * 40 + "-2")]:
        check(f'"{n}" is graded as student "{i}"' in plain, f"{label}: summary reports {n} -> {i}",
              plain[:1500])
    for who in ids:
        tsv = os.path.join(out, "students", who, "grade.tsv")
        if not os.path.exists(tsv):
            check(False, f"{label}: {who} graded")
            continue
        ex = read_tsv(tsv)
        fb = open(os.path.join(out, "students", who, "feedback.md"), encoding="utf-8").read()
        plain = re.sub(r"\\(.)", r"\1", fb)
        if who in full:
            check(all(v["points"] == v["max"] for v in ex.values()),
                  f"{label}: {who} (honest) gets every point", str(ex) + fb[:1500])
        elif who in ATTACKS or who == "a-escape":
            states = ("missing",) if who == "a-escape" else ("rejected", "compile-error")
            check(ex["softmax"]["points"] == 0 and ex["softmax"]["state"] in states,
                  f"{label}: {who} gets 0 for softmax", str(ex["softmax"]))
            check(all(v["points"] == v["max"] for k, v in ex.items() if k != "softmax"),
                  f"{label}: {who} costs only softmax", str(ex))
        elif who.startswith("a-") or who == "empty":
            check(all(v["points"] == 0 for v in ex.values()), f"{label}: {who} gets 0", str(ex))
        why = {"a-bomb": "archive too large (more than 256 MiB",
               "a-zipbomb": "archive too large (more than 256 MiB",
               "a-many": "archive too large (more than 20000 entries",
               "a-double": "archive too large (compressed more than once",
               "a-nested3": "is not opened", "a-escape": "unsafe path in the archive"}.get(who)
        if why:
            check(why in plain, f"{label}: {who} feedback says {why!r}", fb[:800])
    check_results_json(out, label, "empty", "not submitted", "softmax")
    check_results_json(out, label, "x-inc-syntax")
    check_results_json(out, label, "x-line", "does not compile", "softmax")
    check_results_json(out, label, "alice")
    fb = open(os.path.join(out, "students", "x-pragma", "feedback.md"), encoding="utf-8").read()
    check("100 / 100" in fb and "\x1b" not in fb, f"{label}: the forged text is shown, quoted", fb[:1500])
    check_outputs(out, label)


def test_gradescope_weak(root):
    label = "gradescope/weak"
    out = os.path.join(root, "gs-dist")
    p = subprocess.run(["bash", "grader/dist/gradescope.sh", out], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    check(p.returncode == 0, f"{label}: builds the zip", p.stdout)
    if p.returncode:
        return
    ag = os.path.join(root, "autograder")
    with zipfile.ZipFile(os.path.join(out, "autograder.zip")) as z:
        z.extractall(ag)
    for n in ["setup.sh", "run_autograder"]:
        os.chmod(os.path.join(ag, n), 0o755)
    sub = os.path.join(ag, "submission")
    src = os.path.join(ag, "source", "reference")
    attack = files({"softmax": ATTACKS["x-line"].replace(REF, src),
                    "grad_b": ATTACKS["x-inc-syntax"].replace(REF, src),
                    "train": ATTACKS["x-incbin"].replace(REF, src).replace(SF, "")})
    folder(ag, "submission", attack)
    env = dict(os.environ, SL_AUTOGRADER_ROOT=ag, SL_GRADE_BIN=GRADE, SL_GRADE_BUILD=BUILD,
               SL_GRADE_SANDBOX="weak")
    p = subprocess.run([os.path.join(ag, "run_autograder")], env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, timeout=300)
    try:
        data = open(os.path.join(ag, "results", "results.json"), "rb").read()
        js = json.loads(data.decode("utf-8"))
    except (OSError, ValueError) as e:
        check(False, f"{label}: results.json written and strict JSON", f"{e}\n{p.stdout}")
        return
    text = json.dumps(js, ensure_ascii=False)
    check(js["tests"] and not leaks(text) and not any(h in text for h in HIDDEN_IDS),
          f"{label}: no reference or hidden-check text in results.json", str(leaks(text)))
    scores = {}
    for t in js["tests"]:
        ex = t["name"].split(":")[0]
        scores[ex] = scores.get(ex, 0) + t["score"]
    check(scores.get("softmax") == 0 and scores.get("grad_b") == 0 and scores.get("train") == 0
          and scores.get("grad_w", 0) > 0, f"{label}: the attacks score 0, the rest is graded",
          str(scores))


def main():
    root = tempfile.mkdtemp(prefix="sl-test-hostile-", dir="/tmp")
    os.chmod(root, 0o755)
    try:
        modes = ["weak"]
        if subprocess.run(["bwrap", "--unshare-all", "--ro-bind", "/", "/", "true"],
                          stderr=subprocess.DEVNULL).returncode == 0:
            modes.append("strong")
        for mode in (os.environ.get("SL_TEST_MODES") or ",".join(modes)).split(","):
            test_class(root, mode)
        test_gradescope_weak(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(WORK_TMP, ignore_errors=True)
    print(f"test-hostile: {passes} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

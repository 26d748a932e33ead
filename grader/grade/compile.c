/* compile.c — see compile.h. */
#define _GNU_SOURCE
#include "compile.h"

#include "asmcheck.h"
#include "mc_build.h"
#include "lang.h"
#include "sandbox.h"
#include "util.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { SRC_MAX = 1 << 20, ASM_MAX = 16 << 20 };

/* Where system headers may live (after realpath). */
static const char *const SYSTEM_DIRS[] = {"/usr/include/", "/usr/lib/gcc/", "/usr/local/include/",
                                          "/usr/lib/llvm-", NULL};

/* Appends the student-side command for exercise e: how 'S' compiles to
 * assembly with the -MD list, 'M' lists the files read (-M -MG) only. */
static void compile_cmd(sb_t *script, const grade_cfg *cfg, const sl_exercise *e, char how)
{
    char *src = xasprintf("/scratch/src/%s", e->file), *out = xasprintf("/scratch/obj/%s.s", e->id);
    char **av = sl_compile_argv(&cfg->tc, src, out);
    for (size_t a = 0; av && av[a]; a++) {
        if (strncmp(av[a], "-I", 2) == 0)
            sb_add(script, "-I/scratch/include ");
        else if (strcmp(av[a], "-c") == 0)
            sb_add(script, how == 'S' ? "-S " : "-M -MG ");
        else if (how == 'M' && strcmp(av[a], "-o") == 0)
            a++;        /* the list goes to stdout */
        else if (strncmp(av[a], "-fsanitize", 10) == 0 || strncmp(av[a], "-fno-sanitize", 13) == 0)
            ;   /* a SANITIZE=1 kit: student objects stay plain (sanitizers add constructors) */
        else if (strcmp(av[a], "-g") == 0)
            ;   /* debug information nobody reads here: ~5% of the compiler's time */
        else
            sb_printf(script, "'%s' ", av[a]);    /* our own flags: no quotes inside */
    }
    if (how == 'S')
        sb_printf(script, "-MD -MF /scratch/obj/%s.dep >/scratch/obj/%s.log 2>&1; r=$?; "
                  "echo $r >/scratch/obj/%s.rc\n", e->id, e->id, e->id);
    else
        sb_printf(script, ">/scratch/obj/%s.dep 2>/dev/null\n", e->id);
    sl_argv_free(av);
    free(src), free(out);
}

static int run_script(const grade_cfg *cfg, const char *cc, int slot, const char *script,
                      char **why)
{
    char *argv[] = {"/bin/sh", "-c", (char *)script, NULL};
    sbx_spec s = {.argv = argv, .scratch = cc, .keep = cfg->work_root, .slot = slot, .cpu_s = 60,
                  .wall_s = 60, .mem_mb = 2048, .fsize_mb = 64, .nofile = 256, .nproc = 64,
                  .out_cap = 64 * 1024, .tmp_mb = 16, .disk_mb = 128};
    sbx_result r;
    int rc = 0;
    if (sbx_run(&s, &r) != 0) {
        *why = xasprintf("the compile sandbox did not start: %s", r.out);
        rc = -1;
    }
    sbx_result_free(&r);
    return rc;
}

static int prepare(const grade_cfg *cfg, const char *cc, int slot)
{
    char *dir = xasprintf("%s/src", cc), *inc = xasprintf("%s/include", cc);
    char *objd = xasprintf("%s/obj", cc), *asmd = xasprintf("%s/asm", cc);
    int ok = mkdir_p(dir) == 0 && mkdir_p(inc) == 0 && mkdir_p(objd) == 0 && mkdir_p(asmd) == 0;
    for (size_t h = 0; ok && cfg->headers[h]; h++) {
        const char *name = strrchr(cfg->headers[h], '/') ? strrchr(cfg->headers[h], '/') + 1
                                                         : cfg->headers[h];
        char *dst = xasprintf("%s/%s", inc, name);
        ok = copy_file(cfg->headers[h], dst, SRC_MAX) == 0;
        free(dst);
    }
    int uid = sbx_slot_uid(slot);
    if (ok && uid >= 0)
        ok = chown(objd, (uid_t)uid, (gid_t)uid) == 0;
    free(dir), free(inc), free(objd), free(asmd);
    return ok ? 0 : -1;
}

/* After the compile run, before anything of it is shown: an exercise whose
 * files read are not allowed loses its compiler log (it could quote them)
 * and is marked compiled, so that compile_check_deps refuses it by name; one
 * that compiled and passes the checks gets its assembly copied to asm/
 * (grader-owned) and a line in the assemble script. */
static void after_compile(const grade_cfg *cfg, const sl_exercise *e, const char *cc, sb_t *as)
{
    char *dep = xasprintf("%s/obj/%s.dep", cc, e->id), *rc = xasprintf("%s/obj/%s.rc", cc, e->id);
    char *log = xasprintf("%s/obj/%s.log", cc, e->id), *s = xasprintf("%s/obj/%s.s", cc, e->id);
    char *why = NULL, *code = read_file(rc, 64, 1, NULL), *text = read_file(log, 1 << 20, 1, NULL);
    char *host = xasprintf("%s/src/", cc), *hinc = xasprintf("%s/include/", cc);
    if (text && (strstr(text, host) || strstr(text, hinc))) {   /* weak mode: paths as in strong */
        str_strip_all(text, host);
        str_strip_all(text, hinc);
        write_file_atomic(log, text, strlen(text));
    }
    free(hinc);
    free(text), free(host);
    if (compile_check_deps(cfg, cc, dep, &why) != 0) {
        write_file_atomic(log, "", 0);
        write_file_atomic(rc, "0\n", 2);
    } else if (code && atoi(code) == 0) {
        size_t len = 0;
        char *asm_text = read_file(s, ASM_MAX, 1, &len);
        char *copy = xasprintf("%s/asm/%s.s", cc, e->id);
        if (asm_text && write_file_atomic(copy, asm_text, len) == 0)
            sb_printf(as, "%s -c /scratch/asm/%s.s -o /scratch/obj/%s.o >/scratch/obj/%s.log 2>&1;"
                      " echo $? >/scratch/obj/%s.rc\n", cfg->tc.cc, e->id, e->id, e->id, e->id);
        free(asm_text), free(copy);
    }
    free(why), free(code), free(dep), free(rc), free(log), free(s);
}

/* Compile every present file to assembly in one sandbox run; check what the
 * compiler read and the directives used; assemble the checked text in a
 * second run.  The sandbox sees the files, the contract header and the
 * system, nothing else. */
int compile_submission(const grade_cfg *cfg, const submission *sub, int slot, const char *cc,
                       int *present, char **why)
{
    const sl_manifest *m = cfg->m;
    if (prepare(cfg, cc, slot) != 0) {
        *why = xasprintf("cannot prepare the folder %s", cc);
        return -1;
    }
    sb_t script = {0}, as = {0};
    sb_add(&script, "cd /scratch/src || exit 1\n");
    int any = 0, rc = 0;
    for (size_t i = 0; i < m->n_exercises; i++) {
        const sl_exercise *e = &m->exercises[i];
        if (!present[i])
            continue;
        char *dst = xasprintf("%s/src/%s", cc, e->file);
        if (copy_file(sub->files[i], dst, SRC_MAX) != 0)
            present[i] = -1;        /* unreadable or too large */
        free(dst);
        if (present[i] != 1)
            continue;
        compile_cmd(&script, cfg, e, 'S');
        sb_add(&script, "[ $r = 0 ] || ");
        compile_cmd(&script, cfg, e, 'M');
        /* the memory check's two sanitizer builds, in the background */
        char *mc_src = xasprintf("/scratch/src/%s", e->file), *mc_prefix = xasprintf("/scratch/obj/%s-mc", e->id);
        char *mc = mc_compile_script(mc_src, mc_prefix, "/scratch/include");
        if (mc)
            sb_add(&script, mc);
        free(mc), free(mc_prefix), free(mc_src);
        any = 1;
    }
    sb_add(&script, "wait\n");
    if (any)
        rc = run_script(cfg, cc, slot, sb_cstr(&script), why);
    for (size_t i = 0; rc == 0 && any && i < m->n_exercises; i++)
        if (present[i] == 1)
            after_compile(cfg, &m->exercises[i], cc, &as);
    if (rc == 0 && as.len)
        rc = run_script(cfg, cc, slot, sb_cstr(&as), why);
    sb_free(&script), sb_free(&as);
    return rc;
}

/* Undoes make's escaping of one dependency-list token in place (\ space,
 * \#, $$). */
static void unescape_dep(char *t)
{
    char *w = t;
    for (char *r = t; *r; r++) {
        if (r[0] == '\\' && (r[1] == ' ' || r[1] == '#' || r[1] == '\t'))
            r++;
        else if (r[0] == '$' && r[1] == '$')
            r++;
        *w++ = *r;
    }
    *w = '\0';
}

/* 1 when a file the compiler read (as it named it) is allowed: after
 * realpath, the student's files, the contract headers or system headers.
 * A relative name that exists nowhere was not read (-MG: a missing header). */
static int dep_allowed(const char *tok, const char *cc)
{
    char *host = strncmp(tok, "/scratch/", 9) == 0 ? xasprintf("%s/%s", cc, tok + 9)
                 : tok[0] == '/'                 ? xstrdup(tok)
                                                 : xasprintf("%s/src/%s", cc, tok);
    char *real = realpath(host, NULL), *ccr = realpath(cc, NULL);
    int ok = 0;
    if (!real) {
        ok = tok[0] != '/' && access(host, F_OK) != 0;
    } else if (ccr) {
        char *src = xasprintf("%s/src/", ccr), *inc = xasprintf("%s/include/", ccr);
        ok = strncmp(real, src, strlen(src)) == 0 || strncmp(real, inc, strlen(inc)) == 0;
        for (size_t i = 0; !ok && SYSTEM_DIRS[i]; i++)
            ok = strncmp(real, SYSTEM_DIRS[i], strlen(SYSTEM_DIRS[i])) == 0;
        free(src), free(inc);
    }
    free(host), free(real), free(ccr);
    return ok;
}

static void add_reason(sb_t *bad, int zh, const char *en_fmt, const char *zh_fmt, const char *arg)
{
    char *msg = str_subst(sl_tr(zh, en_fmt, zh_fmt), arg);
    if (bad->len < 2000)
        sb_add(bad, msg);
    free(msg);
}

/* The assembly beside the list (X.dep → X.s), when there is one. */
static void check_asm(const char *dep_path, sb_t *bad, int zh)
{
    char *s = xstrdup(dep_path);
    size_t n = strlen(s);
    if (n > 4 && strcmp(s + n - 4, ".dep") == 0)
        strcpy(s + n - 4, ".s");
    size_t len = 0;
    char *text = read_file(s, ASM_MAX, 1, &len), *d = text ? asmcheck_forbidden(text, len) : NULL;
    if (d)
        add_reason(bad, zh, "- uses the assembler directive `%s`, which a student file may not "
                            "use (it reads files or builds code while assembling)\n",
                   "- 使用了汇编指令 `%s`，学生文件不能使用它（它会在汇编时读取文件或生成代码）\n", d);
    free(d), free(text), free(s);
}

int compile_check_deps(const grade_cfg *cfg, const char *cc, const char *dep_path, char **why)
{
    char *dep = read_file(dep_path, 1 << 20, 1, NULL);
    if (!dep) {
        *why = xstrdup(sl_tr(cfg->zh, "- the compiler did not list the files it read",
                          "- 编译器没有列出它读取的文件"));
        return -1;
    }
    sb_t bad = {0};
    char *colon = strstr(dep, ": ");
    char *p = colon ? colon + 2 : dep;
    for (char *q = p; *q; q++)             /* line continuations are blanks */
        if (q[0] == '\\' && q[1] == '\n')
            q[0] = ' ', q[1] = ' ';
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        char *start = p;
        while (*p && !((*p == ' ' || *p == '\t' || *p == '\n') && !(p > start && p[-1] == '\\')))
            p++;
        char end = *p;
        *p = '\0';
        unescape_dep(start);
        size_t n = strlen(start);
        if (n && start[n - 1] != ':' && !dep_allowed(start, cc))
            add_reason(&bad, cfg->zh,
                       "- includes `%s`, which is outside your file and the system headers (only "
                       "softmax_lab.h and <…> headers may be included)\n",
                       "- 包含了 `%s`，它既不是你的文件也不是系统头文件（只能包含 softmax_lab.h 和 "
                       "<…> 头文件）\n", start);
        if (end)
            p++;
    }
    free(dep);
    check_asm(dep_path, &bad, cfg->zh);
    if (!bad.len)
        return 0;
    *why = xstrdup(sb_cstr(&bad));
    sb_free(&bad);
    return -1;
}

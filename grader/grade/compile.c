/* compile.c — see compile.h. */
#include "compile.h"

#include "mc_build.h"

#include "lang.h"
#include "sandbox.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { SRC_MAX = 1 << 20 };

/* Compile every present file in one sandbox run: the sandbox sees the files,
 * the contract header and the system, nothing else. */
int compile_submission(const grade_cfg *cfg, const submission *sub, int slot, const char *cc,
                       int *present, char **why)
{
    const sl_manifest *m = cfg->m;
    char *dir = xasprintf("%s/src", cc), *inc = xasprintf("%s/include", cc);
    char *objd = xasprintf("%s/obj", cc);
    int ok = mkdir_p(dir) == 0 && mkdir_p(inc) == 0 && mkdir_p(objd) == 0;
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
    sb_t script = {0};
    sb_add(&script, "cd /scratch/src || exit 1\n");
    int any = 0;
    for (size_t i = 0; ok && i < m->n_exercises; i++) {
        const sl_exercise *e = &m->exercises[i];
        if (!present[i])
            continue;
        char *dst = xasprintf("%s/%s", dir, e->file);
        if (copy_file(sub->files[i], dst, SRC_MAX) != 0)
            present[i] = -1;        /* unreadable or too large */
        free(dst);
        if (present[i] != 1)
            continue;
        char *src = xasprintf("/scratch/src/%s", e->file);
        char *obj = xasprintf("/scratch/obj/%s.o", e->id);
        char **av = sl_compile_argv(&cfg->tc, src, obj);
        for (size_t a = 0; av && av[a]; a++) {
            if (strncmp(av[a], "-I", 2) == 0)
                sb_add(&script, "-I/scratch/include ");
            else if (strncmp(av[a], "-fsanitize", 10) == 0 || strncmp(av[a], "-fno-sanitize", 13) == 0)
                ;   /* a SANITIZE=1 kit: student objects stay plain (sanitizers add constructors) */
            else if (strcmp(av[a], "-g") == 0)
                ;   /* debug information nobody reads here (-g never changes the code GCC
                       generates): ~5% of the compiler's time */
            else
                sb_printf(&script, "'%s' ", av[a]);    /* our own flags: no quotes inside */
        }
        sb_printf(&script, "-MD -MF /scratch/obj/%s.dep >/scratch/obj/%s.log 2>&1; "
                  "echo $? >/scratch/obj/%s.rc\n", e->id, e->id, e->id);
        /* the memory check's two sanitizer builds, in the background */
        char *mc_prefix = xasprintf("/scratch/obj/%s-mc", e->id);
        char *mc = mc_compile_script(src, mc_prefix, "/scratch/include");
        if (mc)
            sb_add(&script, mc);
        free(mc), free(mc_prefix);
        sl_argv_free(av);
        free(src), free(obj);
        any = 1;
    }
    int rc = 0;
    sb_add(&script, "wait\n");
    if (ok && any) {
        char *argv[] = {"/bin/sh", "-c", (char *)sb_cstr(&script), NULL};
        sbx_spec s = {.argv = argv, .scratch = cc, .keep = cfg->work_root, .slot = slot, .cpu_s = 60, .wall_s = 60,
                      .mem_mb = 2048, .fsize_mb = 64, .nofile = 256, .nproc = 64,
                      .out_cap = 64 * 1024};
        sbx_result r;
        if (sbx_run(&s, &r) != 0) {
            *why = xasprintf("the compile sandbox did not start: %s", r.out);
            rc = -1;
        }
        sbx_result_free(&r);
    } else if (!ok) {
        *why = xasprintf("cannot prepare the folder %s", cc);
        rc = -1;
    }
    sb_free(&script);
    free(dir), free(inc), free(objd);
    return rc;
}

/* The files the compiler read (its -MD list) must be the student's file, the
 * contract header or system headers: an #include of anything else (the
 * reference, the hidden checks, /etc/…) is refused by name — this holds in
 * both sandbox modes.  0 when fine; else −1 and *why. */
int compile_check_deps(const grade_cfg *cfg, const char *cc, const char *dep_path, char **why)
{
    char *dep = read_file(dep_path, 1 << 20, 1, NULL);
    if (!dep) {
        *why = xstrdup(sl_tr(cfg->zh, "- the compiler did not list the files it read",
                          "- 编译器没有列出它读取的文件"));
        return -1;
    }
    sb_t bad = {0};
    char *colon = strchr(dep, ':');
    for (char *tok = strtok(colon ? colon + 1 : dep, " \\\n\t"); tok; tok = strtok(NULL, " \\\n\t")) {
        size_t n = strlen(tok);
        if (n && tok[n - 1] == ':')
            continue;       /* phony targets of -MP */
        size_t ncc = strlen(cc);
        if (strncmp(tok, "/usr/", 5) == 0 || strncmp(tok, "/scratch/", 9) == 0
            || (strncmp(tok, cc, ncc) == 0 && tok[ncc] == '/' && !strstr(tok, "/../"))
            || strchr(tok, '/') == NULL)
            continue;
        char *msg = str_subst(sl_tr(cfg->zh, "- includes `%s`, which is outside your file and the "
                                      "system headers (only softmax_lab.h and <…> headers may be "
                                      "included)\n",
                                 "- 包含了 `%s`，它既不是你的文件也不是系统头文件（只能包含 "
                                 "softmax_lab.h 和 <…> 头文件）\n"),
                              tok);
        if (bad.len < 2000)
            sb_add(&bad, msg);
        free(msg);
    }
    free(dep);
    if (!bad.len)
        return 0;
    *why = xstrdup(sb_cstr(&bad));
    sb_free(&bad);
    return -1;
}


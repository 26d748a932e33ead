/* mc_build.c — compile and link the memory-check program (contract:
 * mc_build.h). */
#include "mc_build.h"

#include "exec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef MC_CC
#define MC_CC "gcc"
#endif
#ifndef MC_STUDENT_CFLAGS
#define MC_STUDENT_CFLAGS "-std=c11 -g -O1 -fsanitize=address,undefined"
#endif
#ifndef MC_SAN_LDFLAGS
#define MC_SAN_LDFLAGS "-fsanitize=address,undefined"
#endif
#ifndef MC_DIR
#define MC_DIR "build/memcheck"
#endif
#ifndef MC_FILTER_OBJ
#define MC_FILTER_OBJ "build/obj/grader/worker/filter.o"
#endif
#ifndef MC_LIBS
#define MC_LIBS "-lm -lpthread"
#endif

#define MC_WRAP "-Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free,--wrap=aligned_alloc,--wrap=posix_memalign"

/* argv from the words of a space-separated string, then the extra words. */
static char **make_argv(const char *words, const char *const extra[])
{
    size_t n = 1;
    for (const char *p = words; *p; p++)
        n += *p == ' ';
    for (size_t i = 0; extra[i]; i++)
        n++;
    char **av = calloc(n + 2, sizeof *av);
    char *copy = strdup(words);
    if (!av || !copy) {
        free(av), free(copy);
        return NULL;
    }
    size_t a = 0;
    for (char *save = NULL, *t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save))
        if (!(av[a++] = strdup(t)))
            goto oom;
    for (size_t i = 0; extra[i]; i++)
        if (!(av[a++] = strdup(extra[i])))
            goto oom;
    free(copy);
    return av;
oom:
    free(copy);
    mc_argv_free(av);
    return NULL;
}

void mc_argv_free(char **argv)
{
    for (size_t i = 0; argv && argv[i]; i++)
        free(argv[i]);
    free(argv);
}

char **mc_compile_argv(const char *variant, const char *src, const char *obj)
{
    char init[64];
    snprintf(init, sizeof init, "-ftrivial-auto-var-init=%s", variant);
    const char *extra[] = {init, "-U__SANITIZE_ADDRESS__", "-Dmain=sl_student_main_unused", "-c", src, "-o", obj,
                           NULL};
    return make_argv(MC_CC " " MC_STUDENT_CFLAGS, extra);
}

char **mc_rename_argv(const char *function, const char *variant, const char *obj)
{
    char rename[160], keep[96];
    snprintf(rename, sizeof rename, "%s=mc_variant_%s", function, variant);
    snprintf(keep, sizeof keep, "mc_variant_%s", variant);
    /* every other global the file defines (a leftover main, a non-static
     * helper) becomes local: the two variants must not clash */
    const char *extra[] = {"--redefine-sym", rename, "--keep-global-symbol", keep, obj, NULL};
    return make_argv("objcopy", extra);
}

char **mc_link_argv(const char *obj_pattern, const char *obj_zero, const char *bin)
{
    const char *extra[] = {"-no-pie", MC_WRAP, MC_DIR "/driver/mc_main.o", MC_DIR "/driver/mc_cases.o",
                           MC_DIR "/driver/mc_alloc.o", MC_FILTER_OBJ, obj_pattern, obj_zero, MC_DIR "/harness.a",
                           "-o", bin, NULL};
    char **av = make_argv(MC_CC " " MC_SAN_LDFLAGS, extra);
    char **libs = av ? make_argv(MC_LIBS, (const char *const[]){NULL}) : NULL;
    size_t n = 0, m = 0;
    while (av && av[n])
        n++;
    while (libs && libs[m])
        m++;
    char **all = av && libs ? realloc(av, (n + m + 1) * sizeof *av) : NULL;
    if (!all) {
        mc_argv_free(av), mc_argv_free(libs);
        return NULL;
    }
    memcpy(all + n, libs, (m + 1) * sizeof *libs);
    free(libs);
    return all;
}

static double mtime(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (double)st.st_mtim.tv_sec + st.st_mtim.tv_nsec * 1e-9 : -1;
}

/* "path mtime size" of the source: the identity of what was built. */
static void stamp_of(const char *src, char *out, size_t len)
{
    struct stat st;
    if (stat(src, &st) != 0)
        snprintf(out, len, "%s missing", src);
    else
        snprintf(out, len, "%s %lld.%09ld %lld\n", src, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
                 (long long)st.st_size);
}

static int up_to_date(const char *src, const char *bin, const char *stampf, const char *stamp)
{
    double t = mtime(bin);
    const char *deps[] = {src, MC_DIR "/harness.a", MC_DIR "/driver/mc_main.o", MC_DIR "/driver/mc_cases.o",
                          MC_DIR "/driver/mc_alloc.o"};
    if (t < 0)
        return 0;
    for (size_t i = 0; i < sizeof deps / sizeof deps[0]; i++)
        if (mtime(deps[i]) >= t)
            return 0;
    char old[4200] = "";
    FILE *f = fopen(stampf, "r");
    if (f) {
        size_t got = fread(old, 1, sizeof old - 1, f);
        old[got] = '\0';
        fclose(f);
    }
    return strcmp(old, stamp) == 0;
}

/* Runs argv (messages in English: the log is read back by mc_run); appends
 * its output to *log.  Returns sl_exec's status. */
static int run(char **argv, char **log)
{
    char *out = NULL;
    char *const env[] = {"LC_ALL=C", NULL};
    int rc = argv ? sl_exec(argv, env, 120, 64 * 1024, &out, NULL) : SL_EXEC_NOT_STARTED;
    if (out && *out) {
        size_t a = *log ? strlen(*log) : 0, b = strlen(out);
        char *grown = realloc(*log, a + b + 1);
        if (grown)
            memcpy(grown + a, out, b + 1), *log = grown;
    }
    free(out);
    return rc;
}

int mc_build(const char *function, const char *src, const char *bin, char **log)
{
    char obj_a[4200], obj_b[4200], stampf[4200], stamp[4400];
    snprintf(obj_a, sizeof obj_a, "%s-pattern.o", bin);
    snprintf(obj_b, sizeof obj_b, "%s-zero.o", bin);
    snprintf(stampf, sizeof stampf, "%s.stamp", bin);
    stamp_of(src, stamp, sizeof stamp);
    if (!(*log = strdup("")))
        return -1;
    if (up_to_date(src, bin, stampf, stamp))
        return 0;
    unlink(stampf);
    /* the two variants side by side: the pattern one in a child */
    char **ca = mc_compile_argv("pattern", src, obj_a), **cb = mc_compile_argv("zero", src, obj_b);
    pid_t pid = ca ? fork() : -1;
    if (pid == 0) {
        char *ignored = NULL;
        _exit(run(ca, &ignored) == 0 ? 0 : 1);
    }
    int rb = run(cb, log), status = 0;
    int ra = pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (pid < 0)
        ra = run(ca, log);
    mc_argv_free(ca), mc_argv_free(cb);
    char logf[4200];
    snprintf(logf, sizeof logf, "%s.log", bin);
    FILE *lf = fopen(logf, "w");
    if (lf) {
        fputs(*log, lf);
        fclose(lf);
    }
    if (rb < 0 || ra < 0)
        return -1;
    if (rb != 0 || ra != 0)
        return 1;
    char **na = mc_rename_argv(function, "pattern", obj_a), **nb = mc_rename_argv(function, "zero", obj_b);
    int rn = run(na, log) == 0 && run(nb, log) == 0;
    mc_argv_free(na), mc_argv_free(nb);
    if (!rn)
        return -1;
    char **la = mc_link_argv(obj_a, obj_b, bin);
    int rl = run(la, log);
    mc_argv_free(la);
    if (rl != 0)
        return rl < 0 ? -1 : 1;
    FILE *f = fopen(stampf, "w");
    if (f) {
        fputs(stamp, f);
        fclose(f);
    }
    return 0;
}

/* Appends text to the growing string *out (used bytes, capacity *cap). */
static int append(char **out, size_t *used, size_t *cap, const char *text)
{
    size_t n = strlen(text);
    if (*used + n + 1 > *cap) {
        size_t c = 2 * *cap + n + 1;
        char *grown = realloc(*out, c);
        if (!grown)
            return -1;
        *out = grown, *cap = c;
    }
    memcpy(*out + *used, text, n + 1);
    *used += n;
    return 0;
}

char *mc_compile_script(const char *src, const char *obj_prefix, const char *include_dir)
{
    static const char *const variants[] = {"pattern", "zero"};
    size_t cap = 4096, used = 0;
    char *out = calloc(1, cap);
    int bad = !out;
    for (size_t v = 0; !bad && v < 2; v++) {
        char obj[4200], word[4300];
        snprintf(obj, sizeof obj, "%s-%s.o", obj_prefix, variants[v]);
        char **av = mc_compile_argv(variants[v], src, obj);
        bad = !av || append(&out, &used, &cap, "( ");
        for (size_t a = 0; !bad && av[a]; a++) {
            if (strncmp(av[a], "-I", 2) == 0)
                snprintf(word, sizeof word, "'-I%s' ", include_dir);
            else
                snprintf(word, sizeof word, "'%s' ", av[a]);
            bad = append(&out, &used, &cap, word);
        }
        mc_argv_free(av);
        snprintf(word, sizeof word, ">'%s-%s.log' 2>&1; echo $? >'%s-%s.rc' ) &\n", obj_prefix, variants[v],
                 obj_prefix, variants[v]);
        bad = bad || append(&out, &used, &cap, word);
    }
    if (bad) {
        free(out);
        return NULL;
    }
    return out;
}

/* 1 when file holds "0" (a compile's exit status). */
static int status_ok(const char *file)
{
    FILE *f = fopen(file, "r");
    int rc = -1;
    if (f) {
        if (fscanf(f, "%d", &rc) != 1)
            rc = -1;
        fclose(f);
    }
    return rc == 0;
}

/* Copies src to dst (an object: a few MiB at most). */
static int copy_file(const char *src, const char *dst)
{
    FILE *in = fopen(src, "rb"), *out = in ? fopen(dst, "wb") : NULL;
    char buf[65536];
    size_t n;
    int ok = in && out;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, n, out) == n;
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        ok = 0;
    return ok ? 0 : -1;
}

int mc_link_compiled(const char *function, const char *obj_prefix, const char *bin, char **log)
{
    static const char *const variants[] = {"pattern", "zero"};
    char objs[2][4200];
    if (!(*log = strdup("")))
        return -1;
    for (size_t v = 0; v < 2; v++) {
        char obj[4200], rc[4200];
        snprintf(obj, sizeof obj, "%s-%s.o", obj_prefix, variants[v]);
        snprintf(rc, sizeof rc, "%s-%s.rc", obj_prefix, variants[v]);
        snprintf(objs[v], sizeof objs[v], "%s-%s.o", bin, variants[v]);
        if (!status_ok(rc)) {
            free(*log);
            *log = strdup("the sanitizer build of the file did not compile");
            return 1;
        }
        if (copy_file(obj, objs[v]) != 0)
            return -1;
        char **na = mc_rename_argv(function, variants[v], objs[v]);
        int rn = run(na, log);
        mc_argv_free(na);
        if (rn != 0)
            return -1;
    }
    char **la = mc_link_argv(objs[0], objs[1], bin);
    int rl = run(la, log);
    mc_argv_free(la);
    return rl == 0 ? 0 : rl < 0 ? -1 : 1;
}

/* tool.c — build/memcheck/mc: the memory check by hand (and for the tests).
 *
 *   mc build FUNCTION SRC BIN        build the memory-check program of SRC
 *   mc run EXERCISE BIN [--zh] [--verbose]
 *                                    run it and print the verdict: "PASS", or
 *                                    "FAIL <headline>" and the detail lines
 *                                    (--verbose: then the sanitizer's own dump)
 * Exit status: 0 pass or built, 1 a memory error or a build refused,
 * 2 NOT_IMPLEMENTED (stub), 3 internal failure or usage. */
#include "mc_build.h"
#include "mc_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(void)
{
    fprintf(stderr, "usage: mc build FUNCTION SRC BIN | mc run EXERCISE BIN [--zh] [--verbose]\n");
    return 3;
}

int main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "build") == 0) {
        char *log = NULL;
        int rc = mc_build(argv[2], argv[3], argv[4], &log);
        if (log && *log)
            fputs(log, stderr);
        free(log);
        return rc == 0 ? 0 : rc > 0 ? 1 : 3;
    }
    if (argc < 4 || strcmp(argv[1], "run") != 0)
        return usage();
    int zh = 0, verbose = 0;
    for (int i = 4; i < argc; i++) {
        if (strcmp(argv[i], "--zh") == 0)
            zh = 1;
        else if (strcmp(argv[i], "--verbose") == 0)
            verbose = 1;
        else
            return usage();
    }
    mc_result res;
    if (mc_run(argv[3], argv[2], 60, zh, &res) != 0)
        return 3;
    static const char *const word[] = {"PASS", "FAIL", "NOT_IMPLEMENTED", "INTERNAL"};
    printf("%s%s%s\n", word[res.status], res.status == MC_PASS ? "" : " ", res.status == MC_PASS ? "" : res.head);
    if (res.status == MC_FAIL && res.detail[0])
        printf("  %s\n", res.detail);
    if (res.status == MC_FAIL)
        printf("  kind: %s\n", mc_kind_name(res.report.kind));
    if (verbose)
        fputs(res.raw, stdout);
    int rc = (int)res.status;
    mc_result_free(&res);
    return rc;
}

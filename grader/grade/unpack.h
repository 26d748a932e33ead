/* unpack.h — extract the exercise files of one student's archive, in a
 * limited child process, so that no archive can stall or flood the class.
 *
 * The child runs as an unprivileged uid (as root: sandbox slot 0's) with
 * no_new_privs, given the archive and the output folder as open descriptors
 * (the class and work folders need not be open to it); the folder and
 * files come back to root afterwards.  It reads every entry (whatever its
 * name) and stops at the first
 * limit: UNPACK_TOTAL_MAX uncompressed bytes over all entries and nested
 * archives, UNPACK_ENTRIES_MAX entries, one compression layer (a .tar.gz
 * compressed again is refused), archives nested at most UNPACK_NEST_MAX
 * deep (a .zip inside the .zip is opened, one inside that is not), entry
 * paths at most UNPACK_DEPTH_MAX folders deep, UNPACK_CPU_S seconds of CPU,
 * UNPACK_WALL_S seconds of wall-clock time, 1 GiB of address space, files of
 * at most 2 MiB.  Only regular entries named like an exercise file are
 * written (to dir/<file>, nearest the top first); paths with ".." or a
 * leading "/", links and device entries are never written.  Over a limit
 * nothing of the archive is kept and the student's note says "archive too
 * large" (en/zh). */
#ifndef SL_GRADE_UNPACK_H
#define SL_GRADE_UNPACK_H

#include "manifest.h"
#include "pipeline.h"

#define UNPACK_TOTAL_MAX (256LL << 20)
enum {
    UNPACK_ENTRIES_MAX = 20000,
    UNPACK_NEST_MAX = 2,
    UNPACK_DEPTH_MAX = 32,
    UNPACK_CPU_S = 10,
    UNPACK_WALL_S = 20
};

/* 1 when name ends in .zip, .tar.gz or .tgz. */
int unpack_is_archive(const char *name);

/* Extracts archive_path's exercise files into dir (created) and sets
 * s->files[e] for each one found; problems go to s->note (via add_note). */
void unpack_archive(const sl_manifest *m, const char *archive_path, const char *dir,
                    submission *s, int zh, void (*add_note)(submission *, const char *));

#endif

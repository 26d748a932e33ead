/* data_embed.c — the UCI datasets in lab/data/ compiled into the program, each
 * a NUL-terminated string, so that the lesson and `softmax-lab train` need no
 * data folder at run time.  (Provenance and licence: lab/data/README.md.)
 * Compiled from the top folder of the project (the paths are relative). */
#define EMBED(sym, path)                                                      \
    __asm__(".section .rodata\n"                                              \
            ".global " #sym "\n"                                              \
            ".type " #sym ", @object\n"                                       \
            ".balign 16\n" #sym ":\n"                                         \
            ".incbin \"" path "\"\n"                                          \
            ".byte 0\n"                                                       \
            ".size " #sym ", . - " #sym "\n"                                  \
            ".previous\n")

EMBED(sl_iris_csv, "lab/data/iris.csv");
EMBED(sl_wine_csv, "lab/data/wine.csv");
EMBED(sl_digits_csv, "lab/data/digits.csv");

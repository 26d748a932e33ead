/* embed.h — SL_EMBED(symbol, "path"): the file at path (relative to the
 * project's top folder, where make runs the compiler) compiled into the
 * program as a NUL-terminated read-only string `extern const char symbol[]`.
 * Rebuild rules: the object that embeds must depend on the file in make. */
#ifndef SL_EMBED_H
#define SL_EMBED_H

#define SL_EMBED(sym, path)                                                   \
    __asm__(".section .rodata\n"                                              \
            ".global " #sym "\n"                                              \
            ".type " #sym ", @object\n"                                       \
            ".balign 16\n" #sym ":\n"                                         \
            ".incbin \"" path "\"\n"                                          \
            ".byte 0\n"                                                       \
            ".size " #sym ", . - " #sym "\n"                                  \
            ".previous\n")

#endif

/* lesson.c — PLACEHOLDER screen until the lesson lands (issue 3). */
#include "lesson.h"

#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int lesson_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    const char *term = getenv("TERM");
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO) || !term || !*term) {
        fprintf(stderr, "softmax-lab: the lesson needs a terminal (TERM is not set or this is not a tty);\n"
                        "try: softmax-lab train --help\n");
        return 1;
    }
    setlocale(LC_ALL, "");
    if (!newterm(NULL, stdout, stdin)) {
        fprintf(stderr, "softmax-lab: cannot open terminal '%s'\n", term);
        return 1;
    }
    curs_set(0);
    mvaddstr(1, 2, "softmax-lab: Softmax regression and multi-class classification");
    mvaddstr(3, 2, "The interactive lesson is not built yet. Press q to quit.");
    refresh();
    while (getch() != 'q')
        ;
    endwin();
    return 0;
}

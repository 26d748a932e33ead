/* lesson.h — the interactive ncurses lesson (softmax-lab without `train`). */
#ifndef SL_LESSON_H
#define SL_LESSON_H

/* Runs the lesson with the program's arguments; returns the exit status
 * (0 on a normal quit, 1 when there is no usable terminal, 2 bad flags). */
int lesson_main(int argc, char **argv);

#endif

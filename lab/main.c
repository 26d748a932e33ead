/* main.c — build/softmax-lab: the interactive lesson, or `softmax-lab train …`. */
#include "lesson/lesson.h"
#include "train_cmd.h"

#include <string.h>

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "train") == 0)
        return sl_train_main(argc - 1, argv + 1);
    return lesson_main(argc, argv);
}

/* train_cmd.h — `softmax-lab train …`: non-interactive training. */
#ifndef SL_TRAIN_CMD_H
#define SL_TRAIN_CMD_H

/* argv[0] is "train".  Returns the process exit status: 0 done, 1 failure
 * while running, 2 bad flags or data (after one clear error line on stderr). */
int sl_train_main(int argc, char **argv);

#endif

/* data_embed.c — the UCI datasets in lab/data/ compiled into the program, each
 * a NUL-terminated string, so that the lesson and `softmax-lab train` need no
 * data folder at run time.  (Provenance and licence: lab/data/README.md.) */
#include "embed.h"

SL_EMBED(sl_iris_csv, "lab/data/iris.csv");
SL_EMBED(sl_wine_csv, "lab/data/wine.csv");
SL_EMBED(sl_digits_csv, "lab/data/digits.csv");

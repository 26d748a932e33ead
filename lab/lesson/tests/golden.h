/* golden.h — compares a rendered grid with a golden file committed under
 * lab/lesson/tests/golden/.  The file holds the characters, then a line
 * "-- attributes --" and the attribute layer (grid.h), so a test also fails
 * when the points lose their bold or the regions their faint style.
 * SL_UPDATE_GOLDEN=1 rewrites the files instead (then review the diff). */
#ifndef SL_TEST_GOLDEN_H
#define SL_TEST_GOLDEN_H

#include "render/grid.h"

/* 1 when the grid matches golden/<name>.txt; else 0, after printing the
 * first differing line (number, expected, got) to stderr. */
int sl_golden_check(const sl_grid *g, const char *name);

/* The text a grid dumps to (characters, separator, attributes), malloc'ed. */
char *sl_golden_render(const sl_grid *g);

#endif

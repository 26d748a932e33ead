/* train_cmd_eval.c — `softmax-lab train` prints the evaluation report of
 * issue 5 (OCR demo on digits): held-out accuracy ≥ 93 % with the default
 * lr and epochs, a 10×10 confusion matrix, the reliability diagram with its
 * ECE, and the most confident mistakes with their top-3 probabilities. */
#include "train_cmd.h"

#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* `softmax-lab train` on digits with a test split: the defaults reach 93 %,
 * and the confusion matrix, reliability diagram and mistakes are printed. */
Test(eval, train_command_digits_report, .init = cr_redirect_stdout, .timeout = 60)
{
    char *argv[] = {"train", "--data", "digits", "--standardize", "--test-fraction", "0.3",
                    "--calibration", "--mistakes", "2", "--ascii", NULL};
    setenv("SOFTMAX_LAB_LANG", "en", 1);
    int rc = sl_train_main(10, argv);
    fflush(stdout);
    FILE *f = cr_get_redirected_stdout();
    char line[512], text[16384] = "";
    double acc = -1;
    size_t rows = 0, in_matrix = 0;
    while (fgets(line, sizeof line, f)) {
        if (strlen(text) + strlen(line) < sizeof text)
            strcat(text, line);
        sscanf(line, "test accuracy: %lf%%", &acc);
        if (strstr(line, "recall"))
            in_matrix = 1;
        else if (in_matrix && line[0] == '\n')
            in_matrix = 0;
        else if (in_matrix)
            rows++;
    }
    cr_assert_eq(rc, 0, "exit status: expected 0, got %d; output:\n%s", rc, text);
    cr_assert(acc >= 93.0, "test accuracy: expected ≥ 93%%, got %.2f%%; output:\n%s", acc, text);
    cr_assert_eq(rows, 10, "confusion matrix: expected 10 rows of classes, got %zu:\n%s", rows, text);
    cr_assert(strstr(text, "expected calibration error (ECE): 0.") != NULL, "no ECE in:\n%s", text);
    cr_assert(strstr(text, "the 2 most confident mistakes on the test set:") != NULL &&
                  strstr(text, "(wrong)") != NULL && strstr(text, "  top-3:") != NULL,
              "no mistakes with top-3 in:\n%s", text);
}

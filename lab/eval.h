/* eval.h — evaluating a trained softmax model on held-out data: confusion
 * matrix, top-k probabilities, calibration (expected calibration error and
 * reliability bins), 8×8 digit art as text, and the most confident mistakes.
 * Computation only: the lesson and `softmax-lab train` draw the results.
 * Shapes follow softmax_lab.h: P is n×k row-major probabilities (each row
 * sums to 1), labels are class indices in [0, k). */
#ifndef SL_EVAL_H
#define SL_EVAL_H

#include <stddef.h>
#include <stdio.h>

/* counts[t*k + p] = number of samples with true class t predicted as p
 * (rows: truth, columns: prediction).  counts k×k, overwritten.
 * Entries of truth/pred outside [0, k) are skipped. */
void sl_confusion(const int *truth, const int *pred, size_t n, size_t k, size_t *counts);

/* Writes the confusion matrix as text lines to out (stdout-like FILE*):
 * a header row of predicted classes, one row per true class with the
 * per-class recall at its end.  names: k short class names, or NULL for
 * the class numbers.  Cells are right-aligned, width fits the largest count.
 * zh: headers in Chinese (sl_lang_zh()) instead of English. */
void sl_confusion_print(FILE *out, const size_t *counts, size_t k, const char *const *names,
                        int zh);

/* The m largest entries of p[0..k−1], largest first (ties: lower index
 * first).  idx[m] and prob[m] are filled; m ≤ k (m is clamped to k). */
void sl_top_k(const double *p, size_t k, size_t m, size_t *idx, double *prob);

/* Reliability of the top-class confidence, in `bins` equal bins of [0, 1]
 * (confidence c falls in bin min(floor(c·bins), bins−1); a NaN row, from a
 * diverged model, counts as confidence 0).  For each bin:
 * count[b], mean confidence conf[b] and accuracy acc[b] (0 when empty).
 * Returns the expected calibration error
 *   ECE = Σ_b (count_b / n) · |acc_b − conf_b|        (0 when n == 0).
 * count, conf, acc have `bins` entries (bins ≥ 1), overwritten. */
double sl_calibration(const double *P, const int *truth, size_t n, size_t k, size_t bins,
                      size_t *count, double *conf, double *acc);

/* Writes a text reliability diagram: one line per bin with its range, a bar
 * of the accuracy ('#' in ASCII, '█' in Unicode) against a '|' marking the
 * mean confidence, and the counts; then the ECE.  width: bar length ≥ 10.
 * zh: headers in Chinese instead of English. */
void sl_reliability_print(FILE *out, const size_t *count, const double *conf,
                          const double *acc, size_t bins, double ece, size_t width,
                          int ascii, int zh);

/* An 8×8 digit image (64 pixel values, row-major, 0 = blank … `max` = full
 * ink; the UCI digits use max 16) as 8 text lines of 16 columns (each pixel
 * two characters wide so it looks square).  ASCII uses " .:oO@" by ink
 * level; Unicode uses " ░▒▓█".  lines[r] must hold at least 16·3+1 bytes
 * (SL_DIGIT_LINE); each is NUL-terminated. */
#define SL_DIGIT_LINE 64
void sl_digit_art(const double *pixels, double max, int ascii, char lines[8][SL_DIGIT_LINE]);

/* The indices of at most m misclassified samples (argmax of P's row ≠
 * truth), most confident first (by the predicted class's probability; ties:
 * lower index first).  Returns how many were written to idx (≤ m). */
size_t sl_confident_mistakes(const double *P, const int *truth, size_t n, size_t k,
                             size_t m, size_t *idx);

#endif

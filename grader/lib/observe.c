/* observe.c — observations about a wrong answer (contract: observe.h). */
#include "observe.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stdarg.h>

#include "accurate.h"
#include "check.h"
#include "compare.h"

static char id_buf[48];

/* Headline "[observation:<id>] …" in the language of the messages. */
__attribute__((format(printf, 2, 4), format(printf, 3, 4)))
static const char *head(const char *id, const char *en, const char *zh, ...)
{
    char tag[64], text[512];
    snprintf(tag, sizeof tag, "observation:%s", id);
    va_list ap;
    va_start(ap, zh);
    vsnprintf(text, sizeof text, sl_zh() ? zh : en, ap);
    va_end(ap);
    sl_head(tag, "%s", "%s", text);
    snprintf(id_buf, sizeof id_buf, "%s", id);
    return id_buf;
}

/* The counts a factor is compared with: name shown, id suffix, value. */
typedef struct {
    const char *name, *id;
    double v;
    int ok;
} count_name;

static const count_name *find_count(double r, size_t n, size_t d, size_t k)
{
    const double N = (double)n, D = (double)d, K = (double)k;
    static count_name c[20];
    const count_name all[20] = {
        {"n", "n", N, n > 1}, {"k", "k", K, k > 1}, {"d", "d", D, d > 1},
        {"n-1", "n_minus_1", N - 1, n > 2}, {"n*k", "nk", N * K, n > 1 && k > 1},
        {"n*d", "nd", N * D, n > 1 && d > 1}, {"d*k", "dk", D * K, d > 1 && k > 1},
        {"1/n", "inv_n", 1 / N, n > 1}, {"1/k", "inv_k", 1 / K, k > 1}, {"1/d", "inv_d", 1 / D, d > 1},
        {"1/(n-1)", "inv_n_minus_1", 1 / (N - 1), n > 2},
        {"n/(n-1)", "n_over_n_minus_1", N / (N - 1), n > 2},
        {"(n-1)/n", "n_minus_1_over_n", (N - 1) / N, n > 2},
        {"n/k", "n_over_k", N / K, n > 1 && k > 1 && n != k},
        {"k/n", "k_over_n", K / N, n > 1 && k > 1 && n != k},
        {"n/d", "n_over_d", N / D, n > 1 && d > 1 && n != d},
        {"d/n", "d_over_n", D / N, n > 1 && d > 1 && n != d},
        {"1/(n*k)", "inv_nk", 1 / (N * K), n > 1 && k > 1},
        {"2", "2", 2, 1}, {"1/2", "half", 0.5, 1},
    };
    memcpy(c, all, sizeof c);
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
        if (c[i].ok && fabs(fabs(r) - c[i].v) <= 1e-9 * c[i].v)
            return &c[i];
    return NULL;
}

int sl_factor_name(double r, size_t n, size_t d, size_t k, char *name, size_t size)
{
    const count_name *c = find_count(r, n, d, k);
    if (c)
        snprintf(name, size, "%s", c->name);
    return c != NULL;
}

/* A constant factor r ≠ 1 with got ≈ r·expected everywhere: 1 and *r, else 0. */
static int common_factor(const sl_obs_mat *o, double *r)
{
    const size_t m = o->rows * o->cols;
    size_t big = m;
    for (size_t e = 0; e < m; e++) {
        if (!isfinite(o->E[e]) || !isfinite(o->G[e]))
            return 0;
        if (fabs(o->E[e]) > 1000.0 * o->T[e] && (big == m || fabs(o->E[e]) > fabs(o->E[big])))
            big = e;
    }
    if (big == m || o->E[big] == 0.0)
        return 0;
    const double f = o->G[big] / o->E[big];
    if (!(fabs(f - 1.0) > 1e-6) || f == 0.0)
        return 0;
    for (size_t e = 0; e < m; e++)
        if (!(fabs(o->G[e] - f * o->E[e]) <= 1e-9 * fabs(f * o->E[e]) + o->T[e] * (1.0 + fabs(f))))
            return 0;
    *r = f;
    return 1;
}

static const char *say_factor(double r, size_t n, size_t d, size_t k, const char *what)
{
    char name[24];
    if (fabs(r + 1.0) <= 1e-9) {
        head("sign_flipped", "%s has the wrong sign: every entry is -1 times the right value",
             "%s 的符号反了：每一项都是正确值的 -1 倍", what);
        return id_buf;
    }
    const count_name *cn = find_count(r, n, d, k);
    if (cn) {
        char id[40];
        snprintf(id, sizeof id, "factor_%s", cn->id);
        snprintf(name, sizeof name, "%s", cn->name);
        head(id, "%s is off by a constant factor: every entry is the right value times a count",
             "%s 差了一个常数倍：每一项都是正确值乘以某个计数", what);
        sl_say("factor got/expected = %.10g = %s%s (n = %zu, d = %zu, k = %zu)",
               "实际/应为 = %.10g = %s%s（n = %zu，d = %zu，k = %zu）",
               r, r < 0 ? "-" : "", name, n, d, k);
        if (!strcmp(cn->id, "n_minus_1_over_n"))
            sl_say("as if the term of one of the n samples was left out while still dividing by n",
                   "就像漏掉了 n 个样本中某一个的项，却仍然除以 n");
        if (r < 0)
            sl_say("the sign is reversed as well", "符号也反了");
        return id_buf;
    }
    head("factor", "%s is off by a constant factor", "%s 差了一个常数倍", what);
    sl_say("factor got/expected = %.10g for every entry (not one of the counts n = %zu, d = %zu, k = %zu)",
           "每一项的 实际/应为 都是 %.10g（不是 n = %zu、d = %zu、k = %zu 这些计数之一）", r, n, d, k);
    return id_buf;
}

/* 1 when row a of G equals row b of E (rows of o->cols entries). */
static int row_is(const sl_obs_mat *o, size_t a, size_t b)
{
    const size_t c = o->cols;
    return sl_agree_tol(o->E + b * c, o->G + a * c, o->T + b * c, c);
}

static int col_is(const sl_obs_mat *o, size_t a, size_t b)
{
    for (size_t i = 0; i < o->rows; i++) {
        size_t ea = i * o->cols + a, eb = i * o->cols + b;
        if (!sl_within(o->E[eb], o->G[ea], o->T[eb]))
            return 0;
    }
    return 1;
}

/* Rows (or columns) of G that are other rows of E: shifted by a constant or
 * permuted.  Returns an id or NULL. */
static const char *moved(const sl_obs_mat *o, int cols)
{
    const size_t m = cols ? o->cols : o->rows;
    if (m < 2 || (cols ? o->rows : o->cols) < 1)
        return NULL;
    int (*is)(const sl_obs_mat *, size_t, size_t) = cols ? col_is : row_is;
    long *src = malloc(m * sizeof *src);
    if (!src)
        return NULL;
    size_t mapped = 0, ident = 0;
    for (size_t a = 0; a < m; a++) {
        src[a] = -1;
        if (is(o, a, a)) {
            src[a] = (long)a;
            ident++;
        } else {
            for (size_t b = 0; b < m && src[a] < 0; b++)
                if (is(o, a, b))
                    src[a] = (long)b;
        }
        mapped += src[a] >= 0;
    }
    const char *id = NULL;
    long shift = 0;
    size_t with_shift = 0;
    for (size_t a = 0; a < m; a++)
        if (src[a] >= 0 && src[a] != (long)a) {
            long s = src[a] - (long)a;
            size_t cnt = 0;
            for (size_t b = 0; b < m; b++)
                cnt += src[b] - (long)b == s && src[b] >= 0;
            if (cnt > with_shift)
                with_shift = cnt, shift = s;
        }
    const char *what_en = cols ? o->col_en : o->row_en, *what_zh = cols ? o->col_zh : o->row_zh;
    if (with_shift >= 2 && with_shift + (size_t)labs(shift) >= m) {
        id = head(cols ? "cols_shifted" : "rows_shifted",
                  "%s holds the right numbers in the wrong places: shifted by a constant offset",
                  "%s 的数值是对的，但位置错了：整体平移了一个固定偏移", o->what);
        sl_say("%s %ld of yours holds the right answer of %s %ld (and so on for %zu of %zu); check the"
               " index arithmetic (stride and offset) of %s",
               "你的第 %2$ld 个%1$s 存的是第 %4$ld 个%3$s 的正确答案（%5$zu/%6$zu 个都如此）；"
               "检查 %7$s 的下标计算（步长与偏移）",
               sl_zh() ? what_zh : what_en, (long)0 + (shift < 0 ? -shift : 0),
               sl_zh() ? what_zh : what_en, (shift < 0 ? 0 : shift), with_shift, m, o->what);
    } else if (mapped == m && ident < m) {
        id = head(cols ? "cols_permuted" : "rows_permuted",
                  "%s holds the right numbers in the wrong places: the order is permuted",
                  "%s 的数值是对的，但顺序被打乱了", o->what);
        for (size_t a = 0; a < m; a++)
            if (src[a] != (long)a) {
                sl_say("your %s %zu holds the right answer of %s %ld",
                       "你的第 %2$zu 个%1$s 存的是第 %4$ld 个%3$s 的正确答案",
                       sl_zh() ? what_zh : what_en, a, sl_zh() ? what_zh : what_en, src[a]);
                break;
            }
    }
    free(src);
    return id;
}

static const char *transposed(const sl_obs_mat *o)
{
    const size_t r = o->rows, c = o->cols;
    if (r < 2 || c < 2)
        return NULL;
    for (size_t i = 0; i < r; i++)
        for (size_t j = 0; j < c; j++)
            if (!sl_within(o->E[i * c + j], o->G[j * r + i], o->T[i * c + j]))
                return NULL;
    head("transposed", "%s holds the transpose of the answer (stored column by column)",
         "%s 存的是答案的转置（按列存放了）", o->what);
    sl_say("read as a %zu x %zu matrix, your %s is exactly the right %zu x %zu one transposed:"
           " entry (%s f, %s j) belongs at index f*%zu + j",
           "把你的 %3$s 当作 %1$zu x %2$zu 矩阵来读，它恰好是正确的 %4$zu x %5$zu 矩阵的转置："
           "(%6$s f, %7$s j) 应放在下标 f*%8$zu + j",
           c, r, o->what, r, c, sl_zh() ? o->row_zh : o->row_en, sl_zh() ? o->col_zh : o->col_en, c);
    return id_buf;
}

/* Where the wrong entries are. */
static const char *pattern(const sl_obs_mat *o, const unsigned char *bad)
{
    const size_t r = o->rows, c = o->cols;
    size_t nbad = 0, first_row = r, last_row = 0, first_col = c, last_col = 0, rows_bad = 0;
    for (size_t i = 0; i < r; i++) {
        int rb = 0;
        for (size_t j = 0; j < c; j++)
            if (bad[i * c + j]) {
                nbad++, rb = 1;
                if (i < first_row) first_row = i;
                if (i > last_row) last_row = i;
                if (j < first_col) first_col = j;
                if (j > last_col) last_col = j;
            }
        rows_bad += rb;
    }
    if (!nbad)
        return NULL;
    const char *ren = o->row_en, *rzh = o->row_zh, *cen = o->col_en, *czh = o->col_zh;
    (void)czh;
    if (c > 1 && first_col == c - 1)
        return head("last_col_wrong", "only the last column (last %s) of %s is wrong: a loop bound is off by one?",
                    "%2$s 只有最后一列（最后一个%1$s）是错的：循环上界差了一？", sl_zh() ? czh : cen, o->what),
               sl_say("column %zu (the last, of %zu) differs in %zu entries; every other column is right",
                      "第 %zu 列（共 %zu 列，即最后一列）有 %zu 项不同；其余各列都正确", c - 1, c, nbad),
               id_buf;
    if (c > 1 && last_col == 0)
        return head("first_col_wrong", "only the first column (first %s) of %s is wrong",
                    "%2$s 只有第一列（第一个%1$s）是错的", sl_zh() ? czh : cen, o->what),
               sl_say("column 0 differs in %zu entries; every other column is right",
                      "第 0 列有 %zu 项不同；其余各列都正确", nbad), id_buf;
    if (r > 1 && first_row == r - 1)
        return head("last_row_wrong", "only the last row (last %s) of %s is wrong: a loop bound is off by one?",
                    "%2$s 只有最后一行（最后一个%1$s）是错的：循环上界差了一？", sl_zh() ? rzh : ren, o->what),
               sl_say("row %zu (the last) differs; every other row is right",
                      "第 %zu 行（最后一行）不同；其余各行都正确", r - 1), id_buf;
    if (r > 1 && last_row == 0)
        return head("first_row_wrong", "only the first row (first %s) of %s is wrong",
                    "%2$s 只有第一行（第一个%1$s）是错的", sl_zh() ? rzh : ren, o->what),
               sl_say("row 0 differs in %zu entries; every other row is right",
                      "第 0 行有 %zu 项不同；其余各行都正确", nbad), id_buf;
    if (r > 2 && first_row == 1 && rows_bad == r - 1) {
        head("first_row_only_right", "row 0 of %s is right, every later row is wrong",
             "%s 的第 0 行是对的，之后的每一行都错了", o->what);
        sl_say("this is the pattern of a wrong stride or offset: check the index of %s %zu,"
               " e.g. i*%zu + j for an n x %zu matrix",
               "这是步长或偏移写错的典型表现：检查第 %2$zu 个%1$s 的下标，比如 n x %4$zu 矩阵应为 i*%3$zu + j",
               sl_zh() ? rzh : ren, (size_t)1, c, c);
        return id_buf;
    }
    if (c > 2 && r > 0) {                       /* one column right, every other one wrong */
        size_t right_col = c, n_right = 0;
        for (size_t j = 0; j < c; j++) {
            int any = 0;
            for (size_t i = 0; i < r; i++)
                any |= bad[i * c + j];
            if (!any)
                right_col = j, n_right++;
        }
        if (n_right == 1) {
            const char *id = right_col == c - 1 ? "last_col_only_right"
                             : right_col == 0 ? "first_col_only_right" : "col_only_right";
            head(id, "only column %zu of %s is right, every other column is wrong",
                 "%2$s 只有第 %1$zu 列是对的，其余各列都错了", right_col, o->what);
            sl_say("column %zu (%s %zu of %zu) is right in every row: look at what the loop does"
                   " differently for the other columns (a running value used before it is complete?)",
                   "第 %1$zu 列（第 %3$zu 个%2$s，共 %4$zu 个）在每一行都正确：看看循环对其他列做了什么不同的事"
                   "（是否在累加完成之前就用了累加值？）", right_col, sl_zh() ? czh : cen, right_col, c);
            return id_buf;
        }
    }
    head("wrong_entries", "%s differs from the right answer in %zu of %zu entries",
         "%s 有 %zu/%zu 项与正确答案不同", o->what, nbad, r * c);
    if (r > 1)
        sl_say("wrong entries lie in %zu of %zu %ss (rows %zu..%zu) and columns %zu..%zu",
               "错误的项分布在 %zu/%zu 个%s（第 %zu..%zu 行）以及第 %zu..%zu 列",
               rows_bad, r, sl_zh() ? rzh : ren, first_row, last_row, first_col, last_col);
    else
        sl_say("wrong entries: %zu..%zu of %zu", "错误的项：第 %zu..%zu 项（共 %zu 项）",
               first_col, last_col, c);
    return id_buf;
}

static const char *untouched(const sl_obs_mat *o, const unsigned char *bad)
{
    const size_t m = o->rows * o->cols;
    size_t cnt = 0, first = m;
    for (size_t e = 0; e < m; e++) {
        const double b = o->before ? o->before[e] : NAN;
        const int same = (isnan(b) && isnan(o->G[e])) || memcmp(&b, &o->G[e], sizeof b) == 0;
        if (bad[e] && same) {
            cnt++;
            if (first == m)
                first = e;
        }
    }
    if (!cnt)
        return NULL;
    head("not_written", "%s was not fully written: some entries still hold what the array held before the call",
         "%s 没有被完整写入：有些项仍是调用前数组里的值", o->what);
    sl_say("%zu of %zu entries were left as they were (%.6g before the call); the first is row %zu,"
           " column %zu (expected %.17g)", "%zu/%zu 项保持原样（调用前为 %.6g）；第一个是第 %zu 行第 %zu 列"
           "（应为 %.17g）", cnt, m, o->before ? o->before[first] : NAN,
           first / o->cols, first % o->cols, o->E[first]);
    return id_buf;
}

static const char *nonfinite(const sl_obs_mat *o)
{
    const size_t m = o->rows * o->cols;
    size_t cnt = 0, first = m;
    for (size_t e = 0; e < m; e++)
        if (isfinite(o->E[e]) && !isfinite(o->G[e]) && cnt++ == 0)
            first = e;
    if (!cnt)
        return NULL;
    head("nan_or_inf", "%s has NaN or inf where the answer is finite",
         "%s 在答案有限的地方出现了 NaN 或 inf", o->what);
    sl_say("%zu of %zu entries; the first is row %zu, column %zu: %g (expected %.17g)",
           "共 %zu/%zu 项；第一个是第 %zu 行第 %zu 列：%g（应为 %.17g）",
           cnt, m, first / o->cols, first % o->cols, o->G[first], o->E[first]);
    return id_buf;
}

size_t sl_observe_untouched(const sl_obs_mat *o)
{
    size_t cnt = 0;
    for (size_t e = 0; e < o->rows * o->cols; e++) {
        const double b = o->before ? o->before[e] : NAN;
        if (!sl_within(o->E[e], o->G[e], o->T[e])
            && ((isnan(b) && isnan(o->G[e])) || memcmp(&b, &o->G[e], sizeof b) == 0))
            cnt++;
    }
    return cnt;
}

/* Every entry exactly 0 while the answer is not. */
static const char *all_zero(const sl_obs_mat *o)
{
    int nonzero_expected = 0;
    for (size_t e = 0; e < o->rows * o->cols; e++) {
        if (o->G[e] != 0.0)
            return NULL;
        nonzero_expected |= fabs(o->E[e]) > 1000.0 * o->T[e];
    }
    if (!nonzero_expected)
        return NULL;
    head("all_zero", "%s is exactly 0 everywhere", "%s 处处恰好为 0", o->what);
    sl_say("a factor that is 0 (1/n written with integers is 0 for n > 1), or nothing was ever added",
           "某个因子为 0（用整数写的 1/n 在 n > 1 时为 0），或者根本没有累加任何项");
    return id_buf;
}

const char *sl_observe_mat(const sl_obs_mat *o)
{
    const size_t m = o->rows * o->cols;
    unsigned char *bad = malloc(m ? m : 1);
    if (!bad)
        return NULL;
    size_t nbad = 0;
    for (size_t e = 0; e < m; e++)
        nbad += bad[e] = !sl_within(o->E[e], o->G[e], o->T[e]);
    const char *id = NULL;
    double r;
    if (nbad) {
        if (!(id = untouched(o, bad)) && !(id = nonfinite(o)) && !(id = all_zero(o))) {
            if (common_factor(o, &r))
                id = say_factor(r, o->n, o->d, o->k, o->what);
            else if (!(id = transposed(o)) && !(id = moved(o, 0)) && !(id = moved(o, 1)))
                id = pattern(o, bad);
        }
    }
    free(bad);
    return id;
}

const char *sl_observe_scalar(double expected, double tol, double got,
                              size_t n, size_t d, size_t k, const char *what)
{
    if (sl_within(expected, got, tol))
        return NULL;
    if (isfinite(expected) && !isfinite(got)) {
        head("nan_or_inf", "%s is NaN or inf where the answer is finite",
             "%s 是 NaN 或 inf，而答案是有限的", what);
        return id_buf;
    }
    if (!isfinite(expected) || !isfinite(got) || !(fabs(expected) > 1000.0 * tol))
        return NULL;
    if (got == 0.0) {
        head("all_zero", "%s is exactly 0", "%s 恰好为 0", what);
        sl_say("a factor that is 0 (1/n written with integers is 0 for n > 1), or nothing was ever added",
               "某个因子为 0（用整数写的 1/n 在 n > 1 时为 0），或者根本没有累加任何项");
        return id_buf;
    }
    double r = got / expected;
    if (fabs(r - 1.0) <= 1e-6)
        return NULL;
    char name[24];
    if (fabs(r + 1.0) > 1e-9 && !sl_factor_name(r, n, d, k, name, sizeof name))
        return NULL;                   /* a single number: any ratio fits some factor */
    return say_factor(r, n, d, k, what);
}

const char *sl_observe_dependence(const double *first, const double *again, size_t count,
                                  int same, const char *fn, const char *arg,
                                  const char *what)
{
    int equal = 1;
    for (size_t e = 0; e < count; e++)
        equal &= memcmp(&first[e], &again[e], sizeof first[e]) == 0
                 || (isnan(first[e]) && isnan(again[e]));
    if (same && equal) {
        char id[40];
        snprintf(id, sizeof id, "ignores_%s", arg);
        head(id, "%s does not depend on %s, but it should", "%s 不随 %s 变化，但它应当随之变化", what, arg);
        sl_say("calling %s() again with a different %s gave exactly the same %s",
               "换一个不同的 %2$s 再调用 %1$s()，得到的 %3$s 完全相同", fn, arg, what);
        return id_buf;
    }
    if (!same && !equal) {
        head("reads_output", "%s depends on what the array held before the call: it must be overwritten, never read",
             "%s 依赖于调用前数组里的内容：它只应被覆盖，绝不应被读取", what);
        sl_say("calling %s() twice on the same inputs, once with the output array full of zeros and once"
               " full of other values, gave different %s: set every entry before adding to it",
               "用相同的输入调用 %s() 两次，一次输出数组全为 0，一次为其他值，得到的 %s 不同："
               "累加之前先给每一项赋初值", fn, what);
        return id_buf;
    }
    return NULL;
}

/* train_cmd.c — `softmax-lab train`: full-batch gradient descent on a
 * built-in or CSV dataset, from W = 0, b = 0 (contract: train_cmd.h). */
#include "train_cmd.h"
#include "dataset.h"
#include "impl.h"
#include "lang.h"
#include "softmax_lab.h"
#include "train_plot.h"
#include "train_report.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* 1: messages in Chinese (sl_lang_zh(), read once by sl_train_main). */
static int ZH;

typedef struct {
    const char *data, *features, *impl, *loss_csv, *weights;
    int standardize, plot, ascii, calibration;
    double lr, test_fraction;
    size_t epochs, show, mistakes;
    unsigned long long seed;
} options;

static const char usage[] =
    "usage: softmax-lab train [--data blobs|iris|wine|digits|FILE.csv] [--features i,j,…]\n"
    "                         [--standardize] [--lr RATE] [--epochs N] [--impl reference|student]\n"
    "                         [--test-fraction F] [--seed S] [--loss-csv FILE] [--weights FILE]\n"
    "                         [--plot] [--ascii] [--calibration] [--show N] [--mistakes N]\n"
    "Trains softmax regression by full-batch gradient descent from W = 0, b = 0 and prints\n"
    "the final loss, the accuracy and the time per epoch.  Features are numbered from 0.\n"
    "With a test split (--test-fraction) and at most 10 classes it also prints the confusion\n"
    "matrix of the test set.  --calibration: reliability diagram and expected calibration\n"
    "error (ECE) of the test set (of the training set without a split).  --show N: the first\n"
    "N test samples with their top-3 probabilities; --mistakes N: the N most confident wrong\n"
    "predictions.  8x8 images (digits) are drawn as text art (--ascii: ASCII only).\n"
    "Defaults: --data blobs --lr 0.1 --epochs 200 --impl reference --seed 1.\n"
    "OCR demo:  softmax-lab train --data digits --standardize --test-fraction 0.3 --mistakes 3\n";

/* Prints one error line and returns 2 (the exit status for bad input).
 * Callers pick the language with ZH (set by sl_train_main). */
__attribute__((format(printf, 1, 2)))
static int bad(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int bad(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("softmax-lab train: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs(sl_lang_zh() ? "（参见 softmax-lab train --help）\n" : " (see softmax-lab train --help)\n",
          stderr);
    va_end(ap);
    return 2;
}

static int parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    return *s && !*end && !errno && isfinite(*out) ? 0 : -1;
}

static int parse_size(const char *s, unsigned long long max, unsigned long long *out)
{
    char *end;
    errno = 0;
    if (*s == '-' || *s == '+')
        return -1;
    *out = strtoull(s, &end, 10);
    return *s && !*end && !errno && *out <= max ? 0 : -1;
}

static int parse_options(int argc, char **argv, options *o)
{
    *o = (options){.data = "blobs", .impl = "reference", .lr = 0.1, .epochs = 200, .seed = 1};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            return 1;
        }
        if (!strcmp(a, "--standardize") || !strcmp(a, "--standardise")) {
            o->standardize = 1;
            continue;
        }
        if (!strcmp(a, "--plot")) {
            o->plot = 1;
            continue;
        }
        if (!strcmp(a, "--ascii")) {
            o->ascii = 1;
            continue;
        }
        if (!strcmp(a, "--calibration")) {
            o->calibration = 1;
            continue;
        }
        static const char *const valued[] = {"--data", "--features", "--impl", "--loss-csv",
                                             "--weights", "--lr", "--epochs",
                                             "--test-fraction", "--seed", "--show",
                                             "--mistakes"};
        int known = 0;
        for (size_t v = 0; v < sizeof valued / sizeof *valued; v++)
            known |= !strcmp(a, valued[v]);
        if (!known)
            return bad(ZH ? "未知选项 '%s'" : "unknown option '%s'", a);
        if (i + 1 >= argc)
            return bad(ZH ? "%s 需要一个值" : "%s needs a value", a);
        const char *val = argv[++i];
        unsigned long long u;
        if (!strcmp(a, "--data"))
            o->data = val;
        else if (!strcmp(a, "--features"))
            o->features = val;
        else if (!strcmp(a, "--impl")) {
            if (strcmp(val, "reference") && strcmp(val, "student"))
                return bad(ZH ? "--impl 只能是 reference 或 student，而不是 '%s'"
                           : "--impl must be reference or student, not '%s'", val);
            o->impl = val;
        } else if (!strcmp(a, "--loss-csv"))
            o->loss_csv = val;
        else if (!strcmp(a, "--weights"))
            o->weights = val;
        else if (!strcmp(a, "--lr")) {
            if (parse_double(val, &o->lr) || o->lr <= 0)
                return bad(ZH ? "--lr 必须是正数，而不是 '%s'" : "--lr must be a positive number, not '%s'",
                           val);
        } else if (!strcmp(a, "--epochs")) {
            if (parse_size(val, 100000000ULL, &u))
                return bad(ZH ? "--epochs 必须是 0 到 100000000 之间的整数，而不是 '%s'"
                           : "--epochs must be a whole number from 0 to 100000000, not '%s'", val);
            o->epochs = (size_t)u;
        } else if (!strcmp(a, "--test-fraction")) {
            if (parse_double(val, &o->test_fraction) || o->test_fraction < 0 || o->test_fraction >= 1)
                return bad(ZH ? "--test-fraction 必须是 [0, 1) 内的数，而不是 '%s'"
                           : "--test-fraction must be a number in [0, 1), not '%s'", val);
        } else if (!strcmp(a, "--show") || !strcmp(a, "--mistakes")) {
            if (parse_size(val, 1000, &u))
                return bad(ZH ? "%s 必须是 0 到 1000 之间的整数，而不是 '%s'"
                           : "%s must be a whole number from 0 to 1000, not '%s'", a, val);
            *(!strcmp(a, "--show") ? &o->show : &o->mistakes) = (size_t)u;
        } else if (parse_size(val, ~0ULL, &o->seed))
            return bad(ZH ? "--seed 必须是非负整数，而不是 '%s'" : "--seed must be a whole number, not '%s'",
                       val);
    }
    return 0;
}

/* Parses "i,j,…" into a freshly allocated index list. */
static int parse_features(const char *s, size_t **cols, size_t *m)
{
    size_t count = 1;
    for (const char *p = s; *p; p++)
        count += *p == ',';
    *cols = malloc(count * sizeof **cols);
    *m = 0;
    const char *p = s;
    while (*cols) {
        char *end;
        if (*p < '0' || *p > '9')
            return -1;
        errno = 0;
        unsigned long v = strtoul(p, &end, 10);
        if (errno || (*end && *end != ','))
            return -1;
        (*cols)[(*m)++] = (size_t)v;
        if (!*end)
            return 0;
        p = end + 1;
    }
    return -1;
}

/* Loads, selects, splits and standardises the data as the options say,
 * holding the features once (the split moves them; only the test rows are
 * copied).  raw: with --show or --mistakes, a copy, before standardisation,
 * of the set that is evaluated (the test set, or the training set when
 * there is none), for drawing images; else left empty. */
static int prepare(const options *o, sl_dataset *tr, sl_dataset *te, sl_dataset *raw)
{
    char err[512];
    sl_dataset all = {0}, sel = {0};
    if (sl_dataset_open(o->data, &all, err, sizeof err))
        return bad("%s", err);
    if (o->features) {
        size_t *cols, m;
        int rc = parse_features(o->features, &cols, &m);
        if (rc)
            rc = bad(ZH ? "--features 需要形如 2,3 的编号（从 0 开始），而不是 '%s'"
                        : "--features wants indices like 2,3 (from 0), not '%s'", o->features);
        else if (sl_dataset_select(&all, cols, m, &sel, err, sizeof err))
            rc = bad("%s", err);
        free(cols);
        if (rc) {
            sl_dataset_free(&all);
            return rc;
        }
        sl_dataset_free(&all);
        all = sel;
    }
    int rc = sl_dataset_split_move(&all, o->test_fraction, o->seed, tr, te, err, sizeof err);
    sl_dataset_free(&all);
    if (rc)
        return bad("%s", err);
    if (tr->n == 0) {
        sl_dataset_free(tr);
        sl_dataset_free(te);
        return bad("%s", ZH ? "划分之后没有剩下训练样本" : "no training rows left after the split");
    }
    /* The raw features are only drawn (--show, --mistakes): copy them then only. */
    if ((o->show || o->mistakes) && sl_dataset_copy(te->n ? te : tr, raw))
        abort();
    if (o->standardize) {
        double *mean = malloc(tr->d * sizeof *mean), *sd = malloc(tr->d * sizeof *sd);
        if (!mean || !sd)
            abort();
        sl_standardize_fit(tr->X, tr->n, tr->d, mean, sd);
        sl_standardize_apply(tr->X, tr->n, tr->d, mean, sd);
        sl_standardize_apply(te->X, te->n, te->d, mean, sd);
        free(mean);
        free(sd);
    }
    return 0;
}

static int write_loss_csv(const char *path, const double *loss, size_t epochs, double final)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fprintf(f, "epoch,loss\n");
    for (size_t e = 0; e < epochs; e++)
        fprintf(f, "%zu,%.17g\n", e, loss[e]);
    fprintf(f, "%zu,%.17g\n", epochs, final);
    return fclose(f);
}

static int write_weights(const char *path, const double *W, const double *b, size_t d, size_t k)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    for (size_t r = 0; r <= d; r++) {            /* d rows of W, then b */
        const double *row = r < d ? W + r * k : b;
        for (size_t j = 0; j < k; j++)
            fprintf(f, j ? ",%.17g" : "%.17g", row[j]);
        fputc('\n', f);
    }
    return fclose(f);
}

static double model_accuracy(const sl_dataset *ds, const double *W, const double *b, size_t *hits)
{
    int *pred = malloc((ds->n ? ds->n : 1) * sizeof *pred);
    if (!pred)
        abort();
    predict(ds->X, W, b, ds->n, ds->d, ds->k, pred);
    double acc = accuracy(pred, ds->y, ds->n);
    *hits = 0;
    for (size_t i = 0; i < ds->n; i++)
        *hits += pred[i] == ds->y[i];
    free(pred);
    return acc;
}

static double seconds_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void print_features(const sl_dataset *ds)
{
    if (ds->d > 6) {
        printf(ZH ? "%zu 个特征" : "%zu features", ds->d);
        return;
    }
    if (ZH)
        printf("%zu 个特征：", ds->d);
    else
        printf("%zu feature%s:", ds->d, ds->d == 1 ? "" : "s");
    for (size_t j = 0; j < ds->d; j++)
        printf("%s%s", j ? (ZH ? "、" : ", ") : (ZH ? "" : " "), ds->features[j]);
}

/* Trains and reports; returns the exit status. */
static int run(const options *o, const sl_impl *impl, const sl_dataset *tr, const sl_dataset *te,
               const sl_dataset *raw)
{
    const size_t d = tr->d, k = tr->k;
    double *W = calloc(d * k, sizeof *W), *b = calloc(k, sizeof *b);
    double *Y = malloc(tr->n * k * sizeof *Y);
    double *loss = malloc((o->epochs ? o->epochs : 1) * sizeof *loss);
    if (!W || !b || !Y || !loss)
        abort();
    one_hot(tr->y, tr->n, k, Y);
    impl->take_not_implemented();
    double t0 = seconds_now();
    double final = impl->train(tr->X, Y, tr->n, d, k, W, b, o->lr, o->epochs, loss);
    double elapsed = seconds_now() - t0;
    const char *missing = impl->take_not_implemented();
    int status = 0;
    if (missing) {
        fprintf(stderr, ZH ? "softmax-lab train：你的 %s() 还没有实现（student/%s.c）；"
                             "请改用 --impl reference，或运行 make check\n"
                           : "softmax-lab train: your %s() is not implemented yet (student/%s.c); "
                             "use --impl reference or run make check\n", missing, missing);
        status = 1;
        goto out;
    }
    printf(ZH ? "数据：%s，%zu 个训练样本" : "data: %s, %zu training rows", tr->name, tr->n);
    if (te->n)
        printf(ZH ? " + %zu 个测试样本" : " + %zu test rows", te->n);
    printf("%s", ZH ? "，" : ", ");
    print_features(tr);
    if (ZH)
        printf("，%zu 个类别%s\n", k, o->standardize ? "，已标准化" : "");
    else
        printf(", %zu class%s%s\n", k, k == 1 ? "" : "es", o->standardize ? ", standardized" : "");
    printf(ZH ? "实现：%s，学习率 %g，%zu 轮，W 和 b 从 0 开始\n"
              : "impl: %s, lr %g, %zu epochs, W and b start at 0\n", impl->name, o->lr, o->epochs);
    if (o->epochs)
        printf(ZH ? "损失：第 0 轮 %.6f -> 结束时 %.6f\n" : "loss: %.6f at epoch 0 -> %.6f at the end\n",
               loss[0], final);
    else
        printf(ZH ? "损失：%.6f\n" : "loss: %.6f\n", final);
    size_t hits;
    double acc = model_accuracy(tr, W, b, &hits);
    printf(ZH ? "训练集准确率：%.2f%% (%zu/%zu)\n" : "train accuracy: %.2f%% (%zu/%zu)\n",
           100 * acc, hits, tr->n);
    if (te->n) {
        acc = model_accuracy(te, W, b, &hits);
        printf(ZH ? "测试集准确率：%.2f%% (%zu/%zu)\n" : "test accuracy:  %.2f%% (%zu/%zu)\n",
               100 * acc, hits, te->n);
    }
    printf(ZH ? "每轮用时：%.4f ms（%zu 轮共 %.3f s）\n" : "time per epoch: %.4f ms (%zu epochs in %.3f s)\n",
           o->epochs ? 1e3 * elapsed / (double)o->epochs : 0.0, o->epochs, elapsed);
    if (!isfinite(final))
        fprintf(stderr, ZH ? "警告：损失不是有限数：学习率 %g 可能太大了\n"
                           : "warning: the loss is not finite: the learning rate %g is probably too large\n",
                o->lr);
    if (o->loss_csv && write_loss_csv(o->loss_csv, loss, o->epochs, final)) {
        fprintf(stderr, ZH ? "softmax-lab train：无法写入 %s：%s\n" : "softmax-lab train: cannot write %s: %s\n",
                o->loss_csv, strerror(errno));
        status = 1;
    }
    if (o->weights && write_weights(o->weights, W, b, d, k)) {
        fprintf(stderr, ZH ? "softmax-lab train：无法写入 %s：%s\n" : "softmax-lab train: cannot write %s: %s\n",
                o->weights, strerror(errno));
        status = 1;
    }
    if (o->plot)
        sl_train_plot(stdout, tr, W, b, loss, o->epochs, o->ascii);
    sl_train_report(te->n ? te : tr, raw->X ? raw : (te->n ? te : tr), W, b,
                    &(sl_report_options){.confusion = te->n > 0, .calibration = o->calibration,
                                         .show = o->show, .mistakes = o->mistakes,
                                         .ascii = o->ascii, .test_set = te->n > 0});
out:
    free(W);
    free(b);
    free(Y);
    free(loss);
    return status;
}

int sl_train_main(int argc, char **argv)
{
    ZH = sl_lang_zh();
    options o;
    int rc = parse_options(argc, argv, &o);
    if (rc)
        return rc == 1 ? 0 : rc;
    sl_impl impl;
    char err[512];
    if (!strcmp(o.impl, "student")) {
        if (sl_impl_student(&impl, err, sizeof err))
            return bad("--impl student: %s", err);
    } else
        sl_impl_engine(&impl);
    sl_dataset tr = {0}, te = {0}, raw = {0};
    rc = prepare(&o, &tr, &te, &raw);
    if (rc == 0)
        rc = run(&o, &impl, &tr, &te, &raw);
    sl_dataset_free(&tr);
    sl_dataset_free(&te);
    sl_dataset_free(&raw);
    sl_impl_close(&impl);
    return rc;
}

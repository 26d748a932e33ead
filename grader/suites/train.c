/* train.c — the checks of exercise `train` (lecture §4.4, §5), one Criterion
 * test per check id of exercises.yaml.  In this binary softmax,
 * cross_entropy, grad_w and grad_b are the reference (the harness), so only
 * the student's loop is tested.  Expectations come from the oracle. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "compare.h"
#include "dataset.h"
#include "diagnose.h"
#include "inputs.h"
#include "numgrad.h"
#include "oracle.h"
#include "softmax_lab.h"

#define ATOL 1e-12
#define RTOL 1e-9

/* ---- measuring the heap (for no_leaks) ----
 * The worker measures its heap just before and after the student's call
 * (its allocator's statistics: mallinfo2(), or the sanitizer's count). */
#define HEAP_HOW "the worker's allocator statistics"

/* A training problem and the student's run of it. */
typedef struct {
    sl_train_case c;
    double *W, *b, *hist, ret;      /* the student's results */
} run;

/* Random problem: X n×d ~ N(0,1), one-hot Y, W0 and b0 ~ N(0, scale²). */
static sl_train_case make_case(size_t n, size_t d, size_t k, double w_scale,
                               double lr, size_t epochs, uint64_t seed)
{
    sl_train_case c = {0};
    c.X = sl_in_normal(n, d, 0.0, 1.0, seed);
    c.Y = sl_in_one_hot(n, k, seed + 1, NULL);
    c.n = n, c.d = d, c.k = k;
    c.W0 = sl_in_normal(d, k, 0.0, w_scale, seed + 2);
    c.b0 = sl_in_normal(1, k, 0.0, w_scale, seed + 3);
    c.lr = lr, c.epochs = epochs;
    return c;
}

/* Calls the student's train on copies of X, Y (checked unchanged), W0, b0;
 * history NaN-filled; W, b and history are guarded against writes past
 * their end (a loop running one epoch too many is named). */
static run run_train(const sl_train_case *c, int with_history)
{
    run r = {*c, sl_out(c->d * c->k), sl_out(c->k), NULL, 0.0};
    memcpy(r.W, c->W0, c->d * c->k * sizeof *r.W);
    memcpy(r.b, c->b0, c->k * sizeof *r.b);
    r.hist = with_history ? sl_out(c->epochs) : NULL;
    double *X = sl_in_copy(c->X, c->n * c->d), *Y = sl_in_copy(c->Y, c->n * c->k);
    r.ret = train(X, Y, c->n, c->d, c->k, r.W, r.b, c->lr, c->epochs, r.hist);
    sl_after_call("train");
    sl_expect_unchanged(c->X, X, c->n * c->d, "train", "X");
    sl_expect_unchanged(c->Y, Y, c->n * c->k, "train", "Y");
    if (r.hist && !isnan(r.hist[c->epochs])) {
        sl_head_mistake("one_update_too_many");
        sl_say("compared: loss_history (%zu entries for %zu epochs) after the call: entry %zu was written",
               "比较的是：调用后的 loss_history（%zu 个 epoch 对应 %zu 项）：第 %zu 项被写入了",
               c->epochs, c->epochs, c->epochs);
        sl_fail();
    }
    if (r.hist)
        sl_expect_in_bounds(r.hist, c->epochs, "train", "loss_history");
    sl_expect_in_bounds(r.W, c->d * c->k, "train", "W");
    sl_expect_in_bounds(r.b, c->k, "train", "b");
    return r;
}

static const char *diagnose(const run *r)
{
    sl_train_out got = {r->W, r->b, r->hist, r->ret};
    return sl_diag_train(&r->c, &got);
}

/* Fails unless the student's run matches the reference trajectory; reports
 * the first part that differs (history, W, b, returned loss). */
static void expect_trajectory(const run *r, const char *what_en, const char *what_zh)
{
    const sl_train_case *c = &r->c;
    double *W = sl_mat(c->d * c->k), *b = sl_mat(c->k), *hist = sl_mat(c->epochs);
    double ret = sl_train_variant(NULL, c, W, b, hist);
    sl_cmp parts[3] = {
        r->hist ? sl_compare(hist, r->hist, 1, c->epochs, ATOL, RTOL) : (sl_cmp){.ok = 1},
        sl_compare(W, r->W, c->d, c->k, ATOL, RTOL),
        sl_compare(b, r->b, 1, c->k, ATOL, RTOL),
    };
    static const char *const names_en[] = {"loss_history", "final W (d x k)", "final b"};
    static const char *const names_zh[] = {"loss_history", "最终的 W（d x k）", "最终的 b"};
    int ret_ok = sl_close(ret, r->ret, ATOL, RTOL);
    if (parts[0].ok && parts[1].ok && parts[2].ok && ret_ok)
        return;
    const char *m = diagnose(r);
    if (m)
        sl_head_diagnosed(m);
    else
        sl_head("mismatch", "the training trajectory does not match the reference",
                "训练轨迹与参考实现不一致");
    sl_say("compared: %s", "比较的是：%s", sl_zh() ? what_zh : what_en);
    for (int p = 0; p < 3; p++)
        if (!parts[p].ok) {
            sl_say("%s differs:", "%s 不一致：", sl_zh() ? names_zh[p] : names_en[p]);
            sl_say_cmp(&parts[p], p == 1 ? c->d : 1, ATOL, RTOL);
            break;
        }
    if (!ret_ok)
        sl_say("returned loss: expected %.17g, got %.17g", "返回的损失：应为 %.17g，实际为 %.17g",
               ret, r->ret);
    sl_fail();
}

SL_CHECK(train, matches_reference, 10)
{
    sl_train_case c = make_case(30, 4, 3, 0.3, 0.4, 15, 501);
    run r = run_train(&c, 1);
    expect_trajectory(&r, "15 epochs, lr 0.4, from non-zero W (4x3) and b, n = 30:"
                          " loss history, final W and b, returned loss (tolerance 1e-9 relative)",
                      "从非零的 W（4x3）和 b 出发训练 15 个 epoch，lr 0.4，n = 30："
                      "损失历史、最终 W 和 b、返回的损失（相对容差 1e-9）");
}

SL_CHECK(train, zero_weights_loss_is_log_k, 10)
{
    sl_train_case c = make_case(20, 3, 4, 0.0, 0.5, 4, 511);
    run r = run_train(&c, 1);
    double expected = log(4.0);
    if (!sl_close(expected, r.hist[0], 1e-12, 1e-12)) {
        const char *m = diagnose(&r);
        if (m)
            sl_head_diagnosed(m);
        else
            sl_head("property", "the first recorded loss at W = 0, b = 0 is not ln k",
                    "W = 0、b = 0 时记录的第一个损失不是 ln k");
        sl_say("compared: loss_history[0] after train(..., W = 0, b = 0, k = 4, epochs = 4)"
               " with ln 4 (uniform P)",
               "比较的是：train(..., W = 0, b = 0, k = 4, epochs = 4) 之后的 loss_history[0]"
               " 与 ln 4（P 为均匀分布）");
        sl_say("expected %.17g, got %.17g", "应为 %.17g，实际为 %.17g", expected, r.hist[0]);
        sl_fail();
    }
    expect_trajectory(&r, "4 epochs from W = 0, b = 0", "从 W = 0、b = 0 出发训练 4 个 epoch");
}

/* Largest eigenvalue of A^T A / n for A = [X 1] (n×(d+1)), by power iteration. */
static double lambda_max(const double *X, size_t n, size_t d)
{
    size_t m = d + 1;
    double *v = sl_mat(m), *w = sl_mat(m), lambda = 0.0;
    for (size_t f = 0; f < m; f++)
        v[f] = 1.0;
    for (int it = 0; it < 500; it++) {
        memset(w, 0, m * sizeof *w);
        for (size_t i = 0; i < n; i++) {
            double dot = v[d];
            for (size_t f = 0; f < d; f++)
                dot += X[i * d + f] * v[f];
            for (size_t f = 0; f < d; f++)
                w[f] += X[i * d + f] * dot / (double)n;
            w[d] += dot / (double)n;
        }
        lambda = sl_norm(w, m) / sl_norm(v, m);
        for (size_t f = 0; f < m; f++)
            v[f] = w[f] / sl_norm(w, m);
    }
    return lambda;
}

SL_CHECK(train, loss_never_increases, 10)
{
    sl_train_case c = make_case(40, 3, 3, 1.0, 0.0, 40, 521);
    /* the loss is L-smooth with L <= lambda_max([X 1]^T [X 1] / n) / 2, because
     * the softmax Hessian diag(p) - p p^T has norm <= 1/2; any lr < 2/L decreases it */
    double smooth = lambda_max(c.X, c.n, c.d) / 2.0;
    c.lr = 1.0 / smooth;
    run r = run_train(&c, 1);
    size_t bad = c.epochs;
    for (size_t e = 0; e + 1 < c.epochs && bad == c.epochs; e++)
        if (!(r.hist[e + 1] <= r.hist[e] + 1e-12))
            bad = e;
    int final_up = !(r.ret <= r.hist[c.epochs - 1] + 1e-12);
    int no_progress = !(r.hist[c.epochs - 1] < r.hist[0] - 1e-3);
    if (bad == c.epochs && !final_up && !no_progress)
        return;
    const char *m = diagnose(&r);
    if (m)
        sl_head_diagnosed(m);
    else if ((bad < c.epochs && !isfinite(r.hist[bad + 1])) || (final_up && !isfinite(r.ret)))
        sl_head("property", "the loss became NaN or infinite: check the values your train() records and returns",
                "损失变成了 NaN 或无穷大：检查 train() 记录和返回的损失值");
    else if (bad < c.epochs || final_up)
        sl_head("property", "the loss went up although the step size is below the smoothness bound",
                "步长低于光滑性上界，损失却上升了");
    else
        sl_head("property", "the loss did not go down in %zu epochs", "%zu 个 epoch 后损失没有下降",
                c.epochs);
    sl_say("compared: loss_history[e + 1] <= loss_history[e] for lr = 1/L = %.4g"
           " (L = %.4g bounds the curvature), 40 epochs, n = 40, d = 3, k = 3",
           "比较的是：lr = 1/L = %.4g（L = %.4g 是曲率的上界）时 loss_history[e + 1] <= loss_history[e]，"
           "40 个 epoch，n = 40，d = 3，k = 3", c.lr, smooth);
    if (bad < c.epochs)
        sl_say("epoch %zu: %.17g, epoch %zu: %.17g", "第 %zu 个 epoch：%.17g，第 %zu 个 epoch：%.17g",
               bad, r.hist[bad], bad + 1, r.hist[bad + 1]);
    else if (final_up)
        sl_say("last recorded loss %.17g, returned loss %.17g", "最后记录的损失 %.17g，返回的损失 %.17g",
               r.hist[c.epochs - 1], r.ret);
    else
        sl_say("first loss %.17g, last loss %.17g (must drop by more than 1e-3)",
               "第一个损失 %.17g，最后一个损失 %.17g（应下降超过 1e-3）", r.hist[0], r.hist[c.epochs - 1]);
    sl_fail();
}

SL_CHECK(train, blobs_accuracy, 10)
{
    sl_dataset ds = {0};
    sl_dataset_blobs(100, 5, &ds);
    sl_train_case c = {0};
    c.X = sl_in_copy(ds.X, ds.n * ds.d);
    double *Y = sl_mat(ds.n * ds.k);
    one_hot(ds.y, ds.n, ds.k, Y);
    c.Y = Y;
    c.n = ds.n, c.d = ds.d, c.k = ds.k;
    double *zeros = sl_mat(ds.d * ds.k + ds.k);
    memset(zeros, 0, (ds.d * ds.k + ds.k) * sizeof *zeros);
    c.W0 = zeros, c.b0 = zeros + ds.d * ds.k;
    c.lr = 0.5, c.epochs = 200;
    run r = run_train(&c, 1);
    int *pred = sl_alloc(ds.n * sizeof *pred);
    predict(c.X, r.W, r.b, c.n, c.d, c.k, pred);
    double acc = accuracy(pred, ds.y, ds.n);
    size_t n = ds.n;
    sl_dataset_free(&ds);
    if (acc >= 0.95)
        return;
    const char *m = diagnose(&r);
    if (m)
        sl_head_diagnosed(m);
    else
        sl_head("property", "the trained model classifies only %.1f%% of the blobs correctly",
                "训练出的模型只把 %.1f%% 的 blobs 分对了", 100.0 * acc);
    sl_say("compared: training accuracy after 200 epochs, lr 0.5, from W = 0, b = 0 on the"
           " 3 Gaussian blobs of lecture 5 (n = %zu, d = 2, k = 3) with 95%%",
           "比较的是：在讲义第 5 节的 3 团高斯数据（n = %zu，d = 2，k = 3）上从 W = 0、b = 0"
           " 以 lr 0.5 训练 200 个 epoch 后的训练准确率与 95%%", n);
    sl_say("expected >= 95%%, got %.1f%%; final loss %.6g", "应 >= 95%%，实际为 %.1f%%；最终损失 %.6g",
           100.0 * acc, r.ret);
    sl_fail();
}

SL_CHECK(train, no_leaks, 10)
{
    sl_train_case c = make_case(25, 3, 4, 0.3, 0.3, 5, 531);
    double *W = sl_mat(c.d * c.k), *b = sl_mat(c.k), *hist = sl_out(c.epochs);
    /* The allocator keeps freed blocks in per-size caches that its
     * statistics count as in use (glibc's tcache holds 7 per size), and first
     * calls allocate once (stdio …).  So train() runs WARM times first; then
     * a leak shows as growth in every one of the last MEASURED calls, while
     * a clean train() leaves the count unchanged. */
    enum { WARM = 10, MEASURED = 4 };
    long long grew[MEASURED], total = 0;
    int leaking = 1;
    for (int call = 0; call < WARM + MEASURED; call++) {
        memcpy(W, c.W0, c.d * c.k * sizeof *W);
        memcpy(b, c.b0, c.k * sizeof *b);
        train(c.X, c.Y, c.n, c.d, c.k, W, b, c.lr, c.epochs, hist);
        long long before, after;
        if (sl_worker_heap(&before, &after) != 0)
            before = -1;
        sl_after_call("train");
        if (before < 0) {
            cr_log_warn("no_leaks: this platform has no heap statistics; the leak measurement was skipped");
            return;
        }
        if (call >= WARM) {
            grew[call - WARM] = after - before;
            total += after - before;
            leaking &= after > before;
        }
    }
    if (leaking) {
        sl_head_mistake("leaks_scratch");
        sl_say("compared: heap bytes in use before and after each of calls %d..%d of train()"
               " (n = 25, d = 3, k = 4, 5 epochs), measured with " HEAP_HOW,
               "比较的是：第 %d..%d 次调用 train()（n = 25，d = 3，k = 4，5 个 epoch）前后正在使用的堆内存，"
               "用 " HEAP_HOW " 测量", WARM + 1, WARM + MEASURED);
        sl_say("expected 0 bytes more after each call, got %lld, %lld, %lld, %lld more (%lld bytes per call)",
               "每次调用后应多出 0 字节，实际分别多出 %lld、%lld、%lld、%lld 字节（每次 %lld 字节）",
               grew[0], grew[1], grew[2], grew[3], total / MEASURED);
        sl_fail();
    }
}

SL_CHECK(train, null_history, 10)
{
    sl_train_case c = make_case(15, 2, 3, 0.5, 0.3, 6, 541);
    run with = run_train(&c, 1);                     /* not-implemented shows here */
    (void)with;
    size_t count = c.d * c.k + c.k + 1;
    double *got = sl_mat(count);
    int fds[2];
    SL_REQUIRE(pipe(fds) == 0, "internal: pipe() failed", "内部错误：pipe() 失败");
    fflush(NULL);
    pid_t pid = fork();
    SL_REQUIRE(pid >= 0, "internal: fork() failed", "内部错误：fork() 失败");
    if (pid == 0) {                                  /* child: the call under test */
        close(fds[0]);
        double *W = sl_in_copy(c.W0, c.d * c.k), *b = sl_in_copy(c.b0, c.k);
        double out[64];
        double ret = train(c.X, c.Y, c.n, c.d, c.k, W, b, c.lr, c.epochs, NULL);
        memcpy(out, W, c.d * c.k * sizeof *W);
        memcpy(out + c.d * c.k, b, c.k * sizeof *b);
        out[c.d * c.k + c.k] = ret;
        ssize_t w = write(fds[1], out, count * sizeof *out);
        _exit(w == (ssize_t)(count * sizeof *out) ? 0 : 3);
    }
    close(fds[1]);
    size_t have = 0;
    ssize_t got_bytes;
    while (have < count * sizeof *got
           && (got_bytes = read(fds[0], (char *)got + have, count * sizeof *got - have)) > 0)
        have += (size_t)got_bytes;
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (have < count * sizeof *got) {
        sl_head_mistake("loss_history_null_not_checked");
        if (WIFSIGNALED(status))
            sl_say("train(..., loss_history = NULL) was killed by signal %d (%s)",
                   "train(..., loss_history = NULL) 被信号 %d（%s）终止", WTERMSIG(status),
                   WTERMSIG(status) == 11 ? "segmentation fault" : "see `kill -l`");
        else
            sl_say("train(..., loss_history = NULL) ended the process with exit status %d",
                   "train(..., loss_history = NULL) 让进程以退出码 %d 结束", WEXITSTATUS(status));
        sl_fail();
    }
    double *W = sl_mat(c.d * c.k), *b = sl_mat(c.k);
    double ret = sl_train_variant(NULL, &c, W, b, NULL);
    sl_cmp cw = sl_compare(W, got, c.d, c.k, ATOL, RTOL);
    sl_cmp cb = sl_compare(b, got + c.d * c.k, 1, c.k, ATOL, RTOL);
    int ret_ok = sl_close(ret, got[c.d * c.k + c.k], ATOL, RTOL);
    if (!cw.ok || !cb.ok || !ret_ok) {
        sl_train_out out = {got, got + c.d * c.k, NULL, got[c.d * c.k + c.k]};
        const char *m = sl_diag_train(&c, &out);
        if (m)
            sl_head_diagnosed(m);
        else
            sl_head("mismatch", "with loss_history = NULL the training result is different",
                    "loss_history = NULL 时训练结果不同");
        sl_say("compared: final W, b and returned loss of train(..., 6 epochs, loss_history = NULL)"
               " with the reference",
               "比较的是：train(..., 6 个 epoch, loss_history = NULL) 的最终 W、b 和返回的损失与参考实现");
        if (!cw.ok)
            sl_say_cmp(&cw, c.d, ATOL, RTOL);
        else if (!cb.ok)
            sl_say_cmp(&cb, 1, ATOL, RTOL);
        else
            sl_say("returned loss: expected %.17g, got %.17g", "返回的损失：应为 %.17g，实际为 %.17g",
                   ret, got[c.d * c.k + c.k]);
        sl_fail();
    }
}

SL_CHECK(train, zero_epochs, 10)
{
    sl_train_case c = make_case(12, 3, 3, 0.5, 0.3, 0, 551);
    double *W = sl_in_copy(c.W0, c.d * c.k), *b = sl_in_copy(c.b0, c.k);
    double *hist = sl_out(4);                          /* must stay NaN */
    double ret = train(c.X, c.Y, c.n, c.d, c.k, W, b, c.lr, 0, hist);
    sl_after_call("train");
    double expected = sl_loss_at(c.X, c.Y, c.W0, c.b0, c.n, c.d, c.k);
    int zeroed = 1;
    for (size_t e = 0; e < c.d * c.k; e++)
        zeroed &= W[e] == 0.0;
    if (!isnan(hist[0])) {
        sl_head_mistake("one_update_too_many");
        sl_say("compared: loss_history after train(..., epochs = 0): entry 0 was written (%.17g),"
               " so the loop ran although epochs = 0",
               "比较的是：train(..., epochs = 0) 之后的 loss_history：第 0 项被写入了（%.17g），"
               "说明 epochs = 0 时循环仍然执行了", hist[0]);
        sl_fail();
    }
    if (zeroed) {
        sl_head_mistake("given_w_thrown_away");
        sl_say("compared: W after train(..., epochs = 0) with the W given: it came back all zero",
               "比较的是：train(..., epochs = 0) 之后的 W 与传入的 W：W 变成了全 0");
        sl_fail();
    }
    SL_REQUIRE(memcmp(W, c.W0, c.d * c.k * sizeof *W) == 0 && memcmp(b, c.b0, c.k * sizeof *b) == 0,
               "with epochs = 0, W and b must stay exactly as given",
               "epochs = 0 时 W 和 b 必须保持原样");
    if (!sl_close(expected, ret, ATOL, RTOL)) {
        sl_head("property", "with epochs = 0 the returned loss must be the loss at the W, b given",
                "epochs = 0 时返回的损失必须是给定 W、b 处的损失");
        sl_say("compared: train(..., epochs = 0) with cross_entropy(softmax(X W0 + b0), Y)",
               "比较的是：train(..., epochs = 0) 与 cross_entropy(softmax(X W0 + b0), Y)");
        sl_say("expected %.17g, got %.17g", "应为 %.17g，实际为 %.17g", expected, ret);
        sl_fail();
    }
}

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
#include "observe_train.h"
#include "oracle.h"
#include "softmax_lab.h"
#include "accurate.h"
#include "verdict.h"

/* Tolerance of a trajectory (diagnose.h sl_train_tau): one epoch of any
 * backward-stable loop perturbs by <= 16(n + d + k)ε relative, gradient
 * descent amplifies that by <= 1 + lr·L per epoch, so entry e of the
 * history (and W, b after E epochs) may be off by
 * τ_e·(1 + |value|), τ_e = 64(n + d + k)ε·(e + 1)·(1 + lr·L)^e. */
#define BOUND_EN "τ_e·(1 + |value|), τ_e = 64(n + d + k)ε·(e + 1)·(1 + lr·L)^e after e epochs"
#define BOUND_ZH "τ_e·(1 + |值|)，τ_e = 64(n + d + k)ε·(e + 1)·(1 + lr·L)^e（e 个 epoch 之后）"

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
    double *X = sl_in_copy(c->X, c->n * c->d), *Y = sl_in_copy(c->Y, c->n * c->k);
    run r = {*c, sl_out_fin(c->d * c->k), sl_out_fin(c->k), NULL, 0.0};   /* after the inputs */
    memcpy(r.W, c->W0, c->d * c->k * sizeof *r.W);
    memcpy(r.b, c->b0, c->k * sizeof *r.b);
    r.hist = with_history ? sl_out_fin(c->epochs) : NULL;
    for (size_t e = 0; r.hist && e < c->epochs; e++)
        r.hist[e] = NAN;
    r.ret = train(X, Y, c->n, c->d, c->k, r.W, r.b, c->lr, c->epochs, r.hist);
    sl_after_call("train");
    sl_expect_unchanged(c->X, X, c->n * c->d, "train", "X");
    sl_expect_unchanged(c->Y, Y, c->n * c->k, "train", "Y");
    if (r.hist && r.hist[c->epochs] != sl_guard_value(0) && isfinite(r.hist[c->epochs])
        && r.hist[c->epochs] >= 0) {
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

/* Sets the headline for a wrong run: a decisive mistake, else what the
 * steps show (observe_train.h); returns 0 when neither applies. */
static int diagnose(const run *r)
{
    sl_train_out got = {r->W, r->b, r->hist, r->ret};
    const char *m = sl_diag_train(&r->c, &got, train);
    if (m) {
        sl_head_diagnosed(m);
        return 1;
    }
    return sl_observe_train(&r->c, &got, train) != NULL;
}

/* Fails unless the student's run matches the reference trajectory; reports
 * the first part that differs (history, W, b, returned loss). */
static void expect_trajectory(const run *r, const char *what_en, const char *what_zh)
{
    const sl_train_case *c = &r->c;
    const size_t dk = c->d * c->k, p = dk + c->k, len = p + c->epochs + 1;
    double *E = sl_mat(len), *T = sl_mat(len), *G = sl_mat(len);
    E[len - 1] = sl_train_variant(NULL, c, E, E + dk, E + p);
    sl_train_tol(c, E, T);
    memcpy(G, r->W, dk * sizeof *G);
    memcpy(G + dk, r->b, c->k * sizeof *G);
    for (size_t e = 0; e < c->epochs; e++)
        G[p + e] = r->hist ? r->hist[e] : E[p + e];
    G[len - 1] = r->ret;
    /* the parts in the order a student reads them: history, W, b, return */
    const size_t start[4] = {p, 0, dk, len - 1}, count[4] = {c->epochs, dk, c->k, 1};
    static const char *const names_en[] = {"loss_history", "final W (d x k)", "final b", "returned loss"};
    static const char *const names_zh[] = {"loss_history", "最终的 W（d x k）", "最终的 b", "返回的损失"};
    int part = -1;
    sl_cmp cmp = {.ok = 1};
    for (int q = 0; q < 4 && part < 0; q++) {
        cmp = sl_compare_tol(E + start[q], G + start[q], T + start[q], q == 1 ? c->d : 1,
                             q == 1 ? c->k : count[q]);
        if (!cmp.ok)
            part = q;
    }
    if (part < 0)
        return;
    if (!diagnose(r))
        sl_head("mismatch", "the training trajectory does not match the reference",
                "训练轨迹与参考实现不一致");
    sl_say("compared: %s", "比较的是：%s", sl_zh() ? what_zh : what_en);
    sl_say("%s differs:", "%s 不一致：", sl_zh() ? names_zh[part] : names_en[part]);
    sl_say_cmp_tol(&cmp, part == 1 ? c->d : 1, BOUND_EN, BOUND_ZH);
    sl_fail_seeded();
}

SL_CHECK(train, matches_reference, 10)
{
    sl_train_case c = make_case(30, 4, 3, 0.3, 0.4, 15, 501);
    run r = run_train(&c, 1);
    expect_trajectory(&r, "15 epochs, lr 0.4, from non-zero W (4x3) and b, n = 30:"
                          " loss history, final W and b, returned loss",
                      "从非零的 W（4x3）和 b 出发训练 15 个 epoch，lr 0.4，n = 30："
                      "损失历史、最终 W 和 b、返回的损失");
}

SL_CHECK(train, zero_weights_loss_is_log_k, 10)
{
    sl_train_case c = make_case(20, 3, 4, 0.0, 0.5, 4, 511);
    run r = run_train(&c, 1);
    double expected = log(4.0);
    /* the loss of uniform P = 1/4 summed over n = 20 rows: within τ_0 (above) */
    if (!sl_within(expected, r.hist[0], sl_train_tau(&c, 0) * (1.0 + expected))) {
        if (!diagnose(&r))
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

SL_CHECK(train, loss_never_increases, 10)
{
    sl_train_case c = make_case(40, 3, 3, 1.0, 0.0, 40, 521);
    /* the loss is L-smooth with L <= lambda_max([X 1]^T [X 1] / n) / 2, because
     * the softmax Hessian diag(p) - p p^T has norm <= 1/2; any lr < 2/L decreases it */
    double smooth = sl_lambda_max(c.X, c.n, c.d) / 2.0;
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
    if (diagnose(&r))
        ;
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
    if (!diagnose(&r))
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
    double *W = sl_mat(c.d * c.k), *b = sl_mat(c.k), *hist = sl_out_fin(c.epochs);
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
    const size_t p = c.d * c.k + c.k, len = p + c.epochs + 1;
    double *E = sl_mat(len), *T = sl_mat(len), *G = sl_mat(len);
    E[len - 1] = sl_train_variant(NULL, &c, E, E + c.d * c.k, E + p);
    sl_train_tol(&c, E, T);
    memcpy(G, got, p * sizeof *G);
    memcpy(G + p, E + p, c.epochs * sizeof *G);            /* no history to compare */
    G[len - 1] = got[p];
    sl_cmp cmp = sl_compare_tol(E, G, T, 1, len);
    if (!cmp.ok) {
        sl_train_out out = {got, got + c.d * c.k, NULL, got[p]};
        const char *m = sl_diag_train(&c, &out, train);
        if (m)
            sl_head_diagnosed(m);
        else if (!sl_observe_train(&c, &out, train))
            sl_head("mismatch", "with loss_history = NULL the training result is different",
                    "loss_history = NULL 时训练结果不同");
        sl_say("compared: final W, b and returned loss of train(..., 6 epochs, loss_history = NULL)"
               " with the reference (entry %zu = W, then b, then the returned loss)",
               "比较的是：train(..., 6 个 epoch, loss_history = NULL) 的最终 W、b 和返回的损失与参考实现"
               "（第 %zu 项；依次为 W、b、返回的损失）", cmp.j);
        sl_say_cmp_tol(&cmp, 1, BOUND_EN, BOUND_ZH);
        sl_fail();
    }
}

SL_CHECK(train, zero_epochs, 10)
{
    sl_train_case c = make_case(12, 3, 3, 0.5, 0.3, 0, 551);
    double *W = sl_in_copy(c.W0, c.d * c.k), *b = sl_in_copy(c.b0, c.k);
    double *hist = sl_out_fin(4);                      /* must stay as it is */
    for (size_t e = 0; e < 4; e++)
        hist[e] = NAN;
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
    if (!sl_within(expected, ret, sl_train_tau(&c, 0) * (1.0 + fabs(expected)))) {
        sl_head("property", "with epochs = 0 the returned loss must be the loss at the W, b given",
                "epochs = 0 时返回的损失必须是给定 W、b 处的损失");
        sl_say("compared: train(..., epochs = 0) with cross_entropy(softmax(X W0 + b0), Y)",
               "比较的是：train(..., epochs = 0) 与 cross_entropy(softmax(X W0 + b0), Y)");
        sl_say("expected %.17g, got %.17g", "应为 %.17g，实际为 %.17g", expected, ret);
        sl_fail();
    }
}

SL_CHECK(train, overshoot_loss_rises, 10)
{
    /* A step size above 2/L: the loss goes UP in some epochs (mild, 6
     * epochs).  Every epoch must still run and the history match; the
     * tolerance grows with the epochs as τ_e (above), the growth factor
     * 1 + lr·L being ~5 here. */
    sl_train_case c = make_case(16, 2, 3, 1.0, 0.0, 6, 561);
    c.lr = 4.0 / (sl_lambda_max(c.X, c.n, c.d) / 2.0);
    double *W = sl_mat(c.d * c.k), *b = sl_mat(c.k), *h = sl_mat(c.epochs);
    sl_train_variant(NULL, &c, W, b, h);
    size_t rises = 0;
    for (size_t e = 0; e + 1 < c.epochs; e++)
        rises += h[e + 1] > h[e];
    SL_REQUIRE(rises > 0, "internal: the loss never rises with lr = %g", "内部错误：lr = %g 时损失从未上升",
               c.lr);
    run r = run_train(&c, 1);
    char en[160], zh[160];
    snprintf(en, sizeof en, "6 epochs with a large step lr = %.4g (4/L): the loss rises %zu times;"
             " n = 16, d = 2, k = 3", c.lr, rises);
    snprintf(zh, sizeof zh, "用较大的步长 lr = %.4g（4/L）训练 6 个 epoch：损失上升 %zu 次；"
             "n = 16，d = 2，k = 3", c.lr, rises);
    expect_trajectory(&r, en, zh);
}

SL_CHECK(train, random_shapes, 10)
{
    /* Differential check on many shapes (n = 1, d = 1, k = 1, d = k, n = k,
     * n = d) and step sizes, 4 epochs each, every case from the check's
     * own seed; tolerance τ_e as above. */
    static const size_t shapes[][3] = {{1, 1, 2}, {1, 3, 3}, {5, 1, 2}, {4, 4, 4}, {3, 2, 3},
                                       {4, 2, 1}, {2, 5, 2}, {12, 3, 5}, {3, 3, 2}};
    static const double lrs[] = {0.05, 0.5, 1.5};
    const uint64_t seed = sl_seed_of("train.random_shapes");
    size_t case_no = 0;
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++, case_no++) {
        const size_t n = shapes[s][0], d = shapes[s][1], k = shapes[s][2];
        const double lr = lrs[case_no % 3];
        sl_train_case c = make_case(n, d, k, 0.5, lr, 4, seed + 4 * case_no);
        char desc[96];
        snprintf(desc, sizeof desc, "n = %zu, d = %zu, k = %zu, lr = %g, 4 epochs", n, d, k, lr);
        sl_verdict_seed(seed, case_no, desc);
        run r = run_train(&c, 1);
        expect_trajectory(&r, "training on random shapes and step sizes",
                          "随机形状与步长下的训练");
    }
    sl_verdict_seed(0, 0, NULL);
}

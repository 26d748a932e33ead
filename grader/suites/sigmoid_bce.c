/* sigmoid_bce.c — the checks of the bonus exercise `sigmoid_bce` (lecture
 * §6.3), one Criterion test per check id of exercises.yaml.  Expectations
 * come from the oracle (ref_sigmoid_bce), from the numerical slope of the
 * loss, from the softmax oracle (the K = 2 link) or from closed forms.
 * The known mistakes are recognised here (mistake_variant, diagnose): the
 * answer recomputed the way each mistake would, compared with the student's. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "accurate.h"
#include "compare.h"
#include "decide.h"
#include "diagnose.h"
#include "inputs.h"
#include "multilabel.h"
#include "numgrad.h"
#include "oracle.h"
#include "softmax_lab.h"
#include "verdict.h"


typedef struct {
    const double *X, *W, *b, *Y;
    size_t n, d, k;
} bce_case;

typedef struct {
    double loss;
    double *dW, *db;    /* d×k, k */
} bce_out;

/* The student's answer; dW and db start as NaN (outputs only). */
static bce_out run_bce(const bce_case *c)
{
    bce_out o = {0, sl_mat(c->d * c->k), sl_mat(c->k)};
    o.loss = sigmoid_bce(c->X, c->W, c->b, c->Y, c->n, c->d, c->k, o.dW, o.db);
    sl_after_call("sigmoid_bce");
    return o;
}

static bce_out run_ref(const bce_case *c)
{
    bce_out o = {0, sl_mat(c->d * c->k), sl_mat(c->k)};
    o.loss = ref_sigmoid_bce(c->X, c->W, c->b, c->Y, c->n, c->d, c->k, o.dW, o.db);
    return o;
}

/* y·softplus(−z) + (1 − y)·softplus(z) = −[y log σ(z) + (1 − y) log(1 − σ(z))] */
static double softplus(double t)
{
    return fmax(t, 0.0) + log1p(exp(-fabs(t)));
}

/* The answer as the mistake `id` computes it (one of the ids below). */
static bce_out mistake_variant(const char *id, const bce_case *c)
{
    const size_t n = c->n, d = c->d, k = c->k;
    double *S = sl_mat(n * k);
    bce_out o = {0, sl_mat(d * k), sl_mat(k)};
    logits(c->X, c->W, c->b, n, d, k, S);
    const int use_softmax = !strcmp(id, "softmax_instead_of_sigmoid");
    double *Z = sl_in_copy(S, n * k);
    if (use_softmax)
        ref_softmax(S, S, n, k);
    double loss = 0.0;
    for (size_t e = 0; e < n * k; e++) {
        const double y = c->Y[e];
        if (use_softmax)
            loss -= y * log(S[e]) + (1 - y) * log(1 - S[e]);
        else if (!strcmp(id, "naive_log_sigmoid")) {
            const double sg = 1.0 / (1.0 + exp(-Z[e]));
            loss -= y * log(sg) + (1 - y) * log(1 - sg);
        }
        else if (!strcmp(id, "forgot_negative_labels"))
            loss += y * softplus(-Z[e]);
        else
            loss += y * softplus(-Z[e]) + (1 - y) * softplus(Z[e]);
        if (!use_softmax)
            S[e] = 1.0 / (1.0 + exp(-Z[e]));
        S[e] = !strcmp(id, "bce_gradient_sign_reversed") ? y - S[e] : S[e] - y;
    }
    const double scale = !strcmp(id, "bce_mean_over_rows_only") ? 1.0 / (double)n
                                                                : 1.0 / ((double)n * (double)k);
    memset(o.dW, 0, d * k * sizeof *o.dW);
    memset(o.db, 0, k * sizeof *o.db);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < k; j++) {
            for (size_t f = 0; f < d; f++)
                o.dW[f * k + j] += c->X[i * d + f] * S[i * k + j] * scale;
            o.db[j] += S[i * k + j] * scale;
        }
    o.loss = loss * scale;
    return o;
}

static const char *const bce_mistakes[] = {
    "bce_mean_over_rows_only", "softmax_instead_of_sigmoid", "bce_gradient_sign_reversed",
    "forgot_negative_labels", "naive_log_sigmoid", NULL};

/* The answer packed as [loss, dW (d×k), db (k)]. */
static double *pack(const bce_case *c, const bce_out *o)
{
    double *v = sl_mat(1 + c->d * c->k + c->k);
    v[0] = o->loss;
    memcpy(v + 1, o->dW, c->d * c->k * sizeof *v);
    memcpy(v + 1 + c->d * c->k, o->db, c->k * sizeof *v);
    return v;
}

/* The accurate answer (accurate.h sl_acc_bce) and its tolerances, packed. */
static bce_out accurate(const bce_case *c, double **packed, double **tol)
{
    const size_t dk = c->d * c->k;
    bce_out o = {0, sl_mat(dk), sl_mat(c->k)};
    double *T = sl_mat(1 + dk + c->k);
    o.loss = sl_acc_bce(c->X, c->W, c->b, c->Y, c->n, c->d, c->k, o.dW, o.db, T, T + 1, T + 1 + dk);
    *packed = pack(c, &o);
    *tol = T;
    return o;
}

/* Bit m set for every mistake of bce_mistakes that fits got decisively
 * (decide.h). */
static unsigned fitting(const bce_case *c, const bce_out *got)
{
    double *E, *T;
    accurate(c, &E, &T);
    double *G = pack(c, got);
    const size_t len = 1 + c->d * c->k + c->k;
    unsigned set = 0;
    for (size_t m = 0; bce_mistakes[m]; m++) {
        if (m == 1 && c->k < 2)              /* softmax of one logit is 1 whatever it is */
            continue;
        bce_out v = mistake_variant(bce_mistakes[m], c);
        if (sl_decisive(pack(c, &v), E, T, G, len))
            set |= 1u << m;
    }
    return set;
}

/* The known mistake that fits the student's answer on this input and on a
 * second one (X, W, b perturbed, the student's function called again). */
static const char *diagnose(const bce_case *c, const bce_out *got)
{
    sl_diag_also_id = NULL;
    unsigned set = fitting(c, got);
    if (!set)
        return NULL;
    const size_t n = c->n + 1, d = c->d, k = c->k;   /* decide.h: the second input */
    double *X = sl_mat(n * d), *Y = sl_mat(n * k), *W = sl_mat(d * k), *b = sl_mat(k);
    double *tmp = sl_mat(n * d);
    sl_second_rows(c->X, tmp, c->n, d);
    sl_perturb(tmp, X, n * d, 0.3, 0x5eedbc01ULL);
    sl_second_rows(c->Y, Y, c->n, k);
    sl_perturb(c->W, W, d * k, 0.1, 0x5eedbc02ULL);
    sl_perturb(c->b, b, k, 0.1, 0x5eedbc03ULL);
    bce_case c2 = {X, W, b, Y, n, d, k};
    set &= fitting(&c2, (const bce_out[]){run_bce(&c2)});
    for (size_t m = 0; bce_mistakes[m]; m++)
        if (set & 1u << m)
            return bce_mistakes[m];
    return NULL;
}

/* Fails unless got agrees with the accurate answer (loss, then dW, then
 * db) within its tolerance (accurate.h sl_acc_bce); the message says which
 * of the three and on what input (what_en / what_zh).  With `want` the
 * expected values come from there instead (same tolerances). */
static void expect(const bce_case *c, const bce_out *want, const bce_out *got,
                   const char *what_en, const char *what_zh)
{
    char en[512], zh[512];
    double *E, *T;
    bce_out acc = accurate(c, &E, &T);
    if (!want)
        want = &acc;
    const size_t dk = c->d * c->k;
    if (!sl_within(want->loss, got->loss, T[0])) {
        snprintf(en, sizeof en, "the loss L; input: %s", what_en);
        snprintf(zh, sizeof zh, "损失 L；输入：%s", what_zh);
        sl_fail_verdict_scalar(want->loss, T[0], got->loss, diagnose(c, got), c->n, c->d, c->k, en, zh,
                               "(1/nk)·Σ[(nk + 4)ε·t + 2ζ + 4ε]", "(1/nk)·Σ[(nk + 4)ε·t + 2ζ + 4ε]");
    }
    sl_cmp cmp = sl_compare_tol(want->dW, got->dW, T + 1, c->d, c->k);
    if (!cmp.ok) {
        snprintf(en, sizeof en, "dW (d x k); input: %s", what_en);
        snprintf(zh, sizeof zh, "dW（d x k）；输入：%s", what_zh);
        sl_obs_mat o = {want->dW, T + 1, got->dW, c->d, c->k, NULL, c->n, c->d, c->k, "dW",
                        "row (feature)", "行（特征）", "label", "标签"};
        sl_fail_verdict(&cmp, diagnose(c, got), &o, en, zh, "(1/nk)·Σ_i |x_if|·[(n + 4)ε(σ + |y|) + ζ/4]",
                        "(1/nk)·Σ_i |x_if|·[(n + 4)ε(σ + |y|) + ζ/4]");
    }
    cmp = sl_compare_tol(want->db, got->db, T + 1 + dk, 1, c->k);
    if (!cmp.ok) {
        snprintf(en, sizeof en, "db (k entries); input: %s", what_en);
        snprintf(zh, sizeof zh, "db（k 项）；输入：%s", what_zh);
        sl_obs_mat o = {want->db, T + 1 + dk, got->db, 1, c->k, NULL, c->n, c->d, c->k, "db",
                        "row", "行", "label", "标签"};
        sl_fail_verdict(&cmp, diagnose(c, got), &o, en, zh, "(1/nk)·Σ_i [(n + 4)ε(σ + |y|) + ζ/4]",
                        "(1/nk)·Σ_i [(n + 4)ε(σ + |y|) + ζ/4]");
    }
}

/* n×k labels, each 1 with probability 0.4 (several per row, some rows none). */
static double *multi_hot(size_t n, size_t k, uint64_t seed)
{
    double *u = sl_in_normal(n, k, 0.0, 1.0, seed), *Y = sl_mat(n * k);
    for (size_t e = 0; e < n * k; e++)
        Y[e] = u[e] > 0.25 ? 1.0 : 0.0;      /* P(N(0,1) > 0.25) ≈ 0.40 */
    return Y;
}

SL_CHECK(sigmoid_bce, matches_reference, 5)
{
    const size_t n = 8, d = 3, k = 4;
    bce_case c = {sl_in_normal(n, d, 0, 1, 601), sl_in_normal(d, k, 0, 0.8, 602),
                  sl_in_normal(1, k, 0, 0.5, 603), multi_hot(n, k, 604), n, d, k};
    bce_out got = run_bce(&c);
    expect(&c, NULL, &got, "n = 8, d = 3, k = 4, random 0/1 labels (several per row)",
           "n = 8，d = 3，k = 4，随机 0/1 标签（每行可有多个）");
}

/* Central differences of the reference loss: gW d×k, gb k. */
static void numerical(const bce_case *c, double h, double *gW, double *gb)
{
    const size_t d = c->d, k = c->k;
    double *W = sl_in_copy(c->W, d * k), *b = sl_in_copy(c->b, k);
    double *sW = sl_mat(d * k), *sb = sl_mat(k);
    for (size_t e = 0; e < d * k + k; e++) {     /* every entry of W, then of b */
        double *p = e < d * k ? &W[e] : &b[e - d * k];
        const double keep = *p;
        *p = keep + h;
        double up = ref_sigmoid_bce(c->X, W, b, c->Y, c->n, d, k, sW, sb);
        *p = keep - h;
        double down = ref_sigmoid_bce(c->X, W, b, c->Y, c->n, d, k, sW, sb);
        *p = keep;
        if (e < d * k)
            gW[e] = (up - down) / (2 * h);
        else
            gb[e - d * k] = (up - down) / (2 * h);
    }
}

SL_CHECK(sigmoid_bce, numerical_gradient, 10)
{
    const size_t n = 10, d = 3, k = 3;
    bce_case c = {sl_in_normal(n, d, 0, 1, 611), sl_in_normal(d, k, 0, 0.7, 612),
                  sl_in_normal(1, k, 0, 0.5, 613), multi_hot(n, k, 614), n, d, k};
    bce_out got = run_bce(&c);
    double *num = sl_mat(d * k + k);
    numerical(&c, 1e-5, num, num + d * k);
    double *mine = sl_mat(d * k + k);
    memcpy(mine, got.dW, d * k * sizeof *mine);
    memcpy(mine + d * k, got.db, k * sizeof *mine);
    SL_REQUIRE(sl_norm(num, d * k + k) > 1e-3,
               "internal: the numerical gradient is too small to test with (norm %.3g)",
               "内部错误：数值梯度太小，无法用来检查（范数 %.3g）", sl_norm(num, d * k + k));
    double rel = sl_rel_error(num, mine, d * k + k);
    if (!(rel < 1e-6)) {
        const char *m = diagnose(&c, &got);
        if (m)
            sl_head_diagnosed(m);
        else
            sl_head("mismatch", "dW, db are not the slope of the loss (relative error %.3g)",
                    "dW、db 不是损失函数的斜率（相对误差 %.3g）", rel);
        sl_say("compared: dW then db with the central difference (L(θ + h) - L(θ - h)) / 2h of"
               " the reference loss, h = 1e-5, n = 10, d = 3, k = 3",
               "比较的是：dW 和 db 与参考损失的中心差分 (L(θ + h) - L(θ - h)) / 2h，h = 1e-5，"
               "n = 10，d = 3，k = 3");
        sl_cmp cmp = sl_compare(num, mine, 1, d * k + k, 1e-7, 1e-5);
        if (!cmp.ok && cmp.j < d * k)
            sl_say("first difference at dW row %zu, column %zu: numerical %.10g, yours %.17g",
                   "第一处不同在 dW 第 %zu 行第 %zu 列：数值梯度 %.10g，你的 %.17g",
                   cmp.j / k, cmp.j % k, cmp.expected, cmp.got);
        else if (!cmp.ok)
            sl_say("first difference at db entry %zu: numerical %.10g, yours %.17g",
                   "第一处不同在 db 第 %zu 项：数值梯度 %.10g，你的 %.17g",
                   cmp.j - d * k, cmp.expected, cmp.got);
        sl_say("relative error |g - num| / max(|g|, |num|) = %.3g; passes below 1e-6",
               "相对误差 |g - num| / max(|g|, |num|) = %.3g；低于 1e-6 才通过", rel);
        sl_fail();
    }
}

SL_CHECK(sigmoid_bce, k2_softmax_link, 5)
{
    /* One label per sample (k = 1) is two-class softmax on logits [z, 0]:
     * sigmoid(z) = softmax([z, 0])_0, and the loss, dW, db are those of
     * cross_entropy / grad_w / grad_b on P = softmax([z, 0]), Y = [y, 1 - y]. */
    const size_t n = 9, d = 2;
    double *y = sl_mat(n);
    for (size_t i = 0; i < n; i++)
        y[i] = i % 3 == 0 ? 1.0 : i % 3 == 1 ? 0.0 : 0.3;    /* soft targets too */
    bce_case c = {sl_in_normal(n, d, 0, 1.5, 621), sl_in_normal(d, 1, 0, 1, 622),
                  sl_in_normal(1, 1, 0, 0.5, 623), y, n, d, 1};
    double *P = sl_mat(2 * n), *Y2 = sl_mat(2 * n), *W2 = sl_mat(2 * d), *b2 = sl_mat(2);
    for (size_t f = 0; f < d; f++)
        W2[2 * f] = c.W[f], W2[2 * f + 1] = 0.0;
    b2[0] = c.b[0], b2[1] = 0.0;
    logits(c.X, W2, b2, n, d, 2, P);
    ref_softmax(P, P, n, 2);
    for (size_t i = 0; i < n; i++)
        Y2[2 * i] = y[i], Y2[2 * i + 1] = 1.0 - y[i];
    double *dW2 = sl_mat(2 * d), *db2 = sl_mat(2);
    ref_grad_w(c.X, P, Y2, n, d, 2, dW2);
    ref_grad_b(P, Y2, n, 2, db2);
    bce_out want = {ref_cross_entropy(P, Y2, n, 2), sl_mat(d), sl_mat(1)};
    for (size_t f = 0; f < d; f++)
        want.dW[f] = dW2[2 * f];
    want.db[0] = db2[0];
    /* the identity, checked on the oracles: the softmax side agrees with the
     * accurate multi-label answer within its tolerance (accurate.h) */
    double *E, *T;
    accurate(&c, &E, &T);
    SL_REQUIRE(sl_agree_tol(E, pack(&c, &want), T, 1 + d + 1),
               "internal: two-class softmax and sigmoid disagree beyond rounding",
               "内部错误：两类 softmax 与 sigmoid 的差别超出了舍入误差");
    bce_out got = run_bce(&c);
    expect(&c, NULL, &got,
           "k = 1 against two-class softmax on [z, 0] with targets [y, 1 - y] "
           "(sigmoid(z) = softmax([z, 0])_0): cross_entropy, column 0 of grad_w and grad_b",
           "k = 1 时与 logits [z, 0]、目标 [y, 1 - y] 的两类 softmax 比较"
           "（sigmoid(z) = softmax([z, 0])_0）：cross_entropy、grad_w 与 grad_b 的第 0 列");
}

SL_CHECK(sigmoid_bce, labels_not_exclusive, 5)
{
    /* Rows with no label, one, two, and all four: softmax would make them
     * compete; independent sigmoids must not. */
    const size_t n = 4, d = 2, k = 4;
    static const double labels[16] = {0, 0, 0, 0,  0, 1, 0, 0,  1, 0, 1, 0,  1, 1, 1, 1};
    double *Y = sl_in_copy(labels, n * k);
    bce_case c = {sl_in_normal(n, d, 0, 1, 631), sl_in_normal(d, k, 0, 1, 632),
                  sl_in_normal(1, k, 0.5, 0.5, 633), Y, n, d, k};
    bce_out got = run_bce(&c);
    expect(&c, NULL, &got,
           "rows with 0, 1, 2 and 4 labels set (not mutually exclusive), n = 4, k = 4",
           "分别有 0、1、2、4 个标签为 1 的行（标签并不互斥），n = 4，k = 4");
}

SL_CHECK(sigmoid_bce, stable_at_1000, 5)
{
    /* Logits ±1000: σ is exactly 0 or 1 in double, yet the loss is finite:
     * right answers cost 0, wrong ones cost 1000.  Per row: [1000 → y 1,
     * -1000 → y 0, 1000 → y 0, -1000 → y 1] = 0 + 0 + 1000 + 1000. */
    const size_t n = 2, d = 2, k = 4;
    static const double bias[4] = {1000, -1000, 1000, -1000};
    static const double labels[8] = {1, 0, 0, 1,  1, 0, 0, 1};
    double *W = sl_mat(d * k);
    memset(W, 0, d * k * sizeof *W);
    bce_case c = {sl_in_normal(n, d, 0, 1, 641), W, sl_in_copy(bias, k),
                  sl_in_copy(labels, n * k), n, d, k};
    bce_out want = run_ref(&c);
    SL_REQUIRE(fabs(want.loss - 500.0) < 1e-12, "internal: the reference loss at ±1000 is %.17g, not 500",
               "内部错误：±1000 处的参考损失为 %.17g，不是 500", want.loss);
    bce_out got = run_bce(&c);
    expect(&c, &want, &got,
           "logits b = [1000, -1000, 1000, -1000] with labels [1, 0, 0, 1]: loss 2000*2/8 = 500, "
           "gradient from S - Y = [0, 0, 1, -1]",
           "logits b = [1000, -1000, 1000, -1000]、标签 [1, 0, 0, 1]：损失 2000*2/8 = 500，"
           "梯度来自 S - Y = [0, 0, 1, -1]");
}

SL_CHECK(sigmoid_bce, random_shapes, 5)
{
    /* Differential check on many shapes (n = 1, d = 1, k = 1, d = k, n = k,
     * n = d) and logit magnitudes (weights ~ N(0, s^2), s up to 30), every
     * case from the check's own seed; tolerances of accurate.h. */
    static const size_t shapes[][3] = {{1, 1, 1}, {1, 3, 2}, {5, 1, 3}, {4, 2, 1}, {3, 3, 3},
                                       {4, 3, 3}, {3, 5, 3}, {2, 6, 4}, {12, 2, 5}};
    static const double ws[] = {0.3, 3.0, 30.0};
    const uint64_t seed = sl_seed_of("sigmoid_bce.random_shapes");
    size_t case_no = 0;
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++)
        for (size_t m = 0; m < 3; m++, case_no++) {
            const size_t n = shapes[s][0], d = shapes[s][1], k = shapes[s][2];
            const uint64_t at = seed + 4 * case_no;
            bce_case c = {sl_in_normal(n, d, 0, 1, at), sl_in_normal(d, k, 0, ws[m], at + 1),
                          sl_in_normal(1, k, 0, ws[m], at + 2), multi_hot(n, k, at + 3), n, d, k};
            char desc[96];
            snprintf(desc, sizeof desc, "n = %zu, d = %zu, k = %zu, W, b ~ N(0, %g^2)", n, d, k, ws[m]);
            sl_verdict_seed(seed, case_no, desc);
            bce_out got = run_bce(&c);
            expect(&c, NULL, &got, "random shapes and magnitudes", "随机形状与数量级");
        }
    sl_verdict_seed(0, 0, NULL);
}

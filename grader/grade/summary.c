/* summary.c — see summary.h. */
#include "summary.h"

#include "lang.h"
#include "mistakes.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const g_exercise *rec_ex(const g_student *r, const char *id)
{
    for (size_t i = 0; i < r->n_ex; i++)
        if (strcmp(r->ex[i].id, id) == 0)
            return &r->ex[i];
    return NULL;
}

/* How many of the n students ran check check_id of exercise ex_id (*seen)
 * and how many of those passed it (*pass). */
static void check_counts(const g_student *recs, size_t n, const char *ex_id, const char *check_id,
                       int *pass, int *seen)
{
    *pass = *seen = 0;
    for (size_t s = 0; s < n; s++) {
        const g_exercise *x = rec_ex(&recs[s], ex_id);
        for (size_t k = 0; x && k < x->n_checks; k++)
            if (strcmp(x->checks[k].id, check_id) == 0) {
                (*seen)++;
                *pass += x->checks[k].outcome == SL_CHECK_PASS;
            }
    }
}

char *summary_grades_csv(const sl_manifest *m, const g_student *recs, size_t n)
{
    sb_t b = {0};
    sb_add(&b, "student");
    for (size_t e = 0; e < m->n_exercises; e++)
        sb_printf(&b, ",%s", m->exercises[e].id);
    sb_add(&b, ",total\n");
    for (size_t s = 0; s < n; s++) {
        csv_cell(&b, recs[s].student);
        for (size_t e = 0; e < m->n_exercises; e++) {
            const g_exercise *x = rec_ex(&recs[s], m->exercises[e].id);
            sb_printf(&b, ",%d", x ? x->points : 0);
        }
        sb_printf(&b, ",%d\n", record_total(&recs[s]));
    }
    char *t = xstrdup(sb_cstr(&b));
    sb_free(&b);
    return t;
}

/* The first exercise (manifest order) below full marks, or NULL. */
static const char *first_fail(const sl_manifest *m, const g_student *r)
{
    for (size_t e = 0; e < m->n_exercises; e++) {
        const g_exercise *x = rec_ex(r, m->exercises[e].id);
        if (m->exercises[e].optional)
            continue;
        if (!x || x->points < x->max)
            return m->exercises[e].id;
    }
    return NULL;
}

typedef struct {
    char *id;
    int count;
} counter;

/* Mistakes that fired, counted once per student. */
static counter *count_mistakes(const g_student *recs, size_t n, size_t *out_n)
{
    counter *c = NULL;
    size_t nc = 0;
    for (size_t s = 0; s < n; s++) {
        char **seen = NULL;
        size_t nseen = 0;
        for (size_t e = 0; e < recs[s].n_ex; e++)
            for (size_t j = 0; j < recs[s].ex[e].n_checks; j++) {
                const char *tag = recs[s].ex[e].checks[j].tag;
                if (!tag || strncmp(tag, "mistake:", 8) != 0)
                    continue;
                const char *id = tag + 8;
                int dup = 0;
                for (size_t k = 0; k < nseen; k++)
                    dup |= strcmp(seen[k], id) == 0;
                if (dup)
                    continue;
                seen = xrealloc(seen, (nseen + 1) * sizeof *seen);
                seen[nseen++] = (char *)id;
                size_t k = 0;
                while (k < nc && strcmp(c[k].id, id) != 0)
                    k++;
                if (k == nc) {
                    c = xrealloc(c, (nc + 1) * sizeof *c);
                    c[nc++] = (counter){xstrdup(id), 0};
                }
                c[k].count++;
            }
        free(seen);
    }
    /* most frequent first, then by id: deterministic */
    for (size_t i = 1; i < nc; i++)
        for (size_t j = i; j > 0 && (c[j].count > c[j - 1].count
                                     || (c[j].count == c[j - 1].count
                                         && strcmp(c[j].id, c[j - 1].id) < 0)); j--) {
            counter t = c[j];
            c[j] = c[j - 1];
            c[j - 1] = t;
        }
    *out_n = nc;
    return c;
}

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

static void histogram(sb_t *b, const g_student *recs, size_t n, int max, int zh)
{
    enum { BINS = 10, WIDTH = 40 };
    int bins[BINS + 1] = {0}, top = 1;
    for (size_t s = 0; s < n; s++) {
        int t = record_total(&recs[s]);
        int k = max > 0 ? (t * BINS) / max : 0;
        if (k > BINS)
            k = BINS;
        if (k < 0)
            k = 0;
        if (++bins[k] > top)
            top = bins[k];
    }
    sb_printf(b, "```\n%s\n", sl_tr(zh, "score (% of max)   students", "得分（占满分 %）  人数"));
    for (int k = BINS; k >= 0; k--) {
        char label[32];
        if (k == BINS)
            snprintf(label, sizeof label, "     100%%");
        else
            snprintf(label, sizeof label, "%3d%%-%3d%%", k * 10, k * 10 + 9);
        int w = bins[k] * WIDTH / top;
        if (bins[k] && !w)
            w = 1;
        sb_printf(b, "%s |", label);
        for (int i = 0; i < w; i++)
            sb_add(b, "#");
        sb_printf(b, " %d\n", bins[k]);
    }
    sb_add(b, "```\n\n");
}

/* Entries of the class folder that are not students, and changed names. */
static void entries_md(sb_t *b, char *const *notes, size_t n_notes, int zh)
{
    if (!n_notes)
        return;
    sb_printf(b, "## %s\n\n", sl_tr(zh, "Class folder: entries not graded or renamed",
                                     "班级文件夹：未评分或改名的条目"));
    for (size_t i = 0; i < n_notes; i++) {
        sb_add(b, "- ");
        md_inline(b, notes[i]);
        sb_add(b, "\n");
    }
    sb_add(b, "\n");
}

static void exercises_md(sb_t *b, const sl_manifest *m, const g_student *recs, size_t n, int zh)
{
    sb_printf(b, "## %s\n\n| %s | %s | %s | %s | %s | %s | %s |\n|---|---|---|---|---|---|---|\n",
              sl_tr(zh, "Exercises", "各练习情况"), sl_tr(zh, "exercise", "练习"),
              sl_tr(zh, "full marks", "满分"), sl_tr(zh, "missing", "缺失"),
              sl_tr(zh, "compile error", "编译错误"), sl_tr(zh, "rejected", "被拒绝"),
              sl_tr(zh, "link error", "链接错误"), sl_tr(zh, "run failed", "运行失败"));
    for (size_t e = 0; e < m->n_exercises; e++) {
        int st[SL_EX_N] = {0}, full = 0;
        for (size_t s = 0; s < n; s++) {
            const g_exercise *x = rec_ex(&recs[s], m->exercises[e].id);
            if (x) {
                st[x->state]++;
                full += x->points == x->max;
            }
        }
        sb_printf(b, "| %s | %d | %d | %d | %d | %d | %d |\n", m->exercises[e].id, full,
                  st[EX_MISSING], st[EX_COMPILE_ERROR], st[EX_REJECTED], st[EX_LINK_ERROR],
                  st[EX_RUN_FAILED]);
    }
}

char *summary_md(const sl_manifest *m, const g_student *recs, size_t n, char *const *notes,
                 size_t n_notes, int zh)
{
    sb_t b = {0};
    int max = n ? record_max(&recs[0]) : 0;
    sb_printf(&b, "# %s\n\n", sl_tr(zh, "softmax-lab — class summary", "softmax-lab 班级汇总"));
    int *tot = xcalloc(n, sizeof *tot);
    double sum = 0;
    for (size_t s = 0; s < n; s++)
        sum += tot[s] = record_total(&recs[s]);
    qsort(tot, n, sizeof *tot, cmp_int);
    sb_printf(&b, "%s: %zu · %s: %d · %s: %.2f · %s: %.1f\n\n",
              sl_tr(zh, "Students", "学生人数"), n, sl_tr(zh, "max points", "满分"), max,
              sl_tr(zh, "mean", "平均分"), n ? sum / (double)n : 0.0, sl_tr(zh, "median", "中位数"),
              n ? (n % 2 ? tot[n / 2] : (tot[n / 2 - 1] + tot[n / 2]) / 2.0) : 0.0);
    free(tot);
    sb_printf(&b, "## %s\n\n", sl_tr(zh, "Score histogram", "分数分布"));
    histogram(&b, recs, n, max, zh);
    entries_md(&b, notes, n_notes, zh);

    exercises_md(&b, m, recs, n, zh);
    sb_printf(&b, "\n## %s\n\n| %s | %s | %s | %s |\n|---|---|---|---|\n",
              sl_tr(zh, "Pass rate per check", "每项检查的通过率"), sl_tr(zh, "exercise", "练习"),
              sl_tr(zh, "check", "检查"), sl_tr(zh, "passed", "通过"), sl_tr(zh, "rate", "通过率"));
    for (size_t e = 0; e < m->n_exercises; e++) {
        const sl_exercise *me = &m->exercises[e];
        for (size_t j = 0; j < me->n_checks; j++) {
            int pass, seen;
            check_counts(recs, n, me->id, me->checks[j].id, &pass, &seen);
            if (!seen)
                continue;
            sb_printf(&b, "| %s | %s%s | %d / %d | %.0f%% |\n", me->id, me->checks[j].id,
                      me->checks[j].hidden ? sl_tr(zh, " (hidden)", "（隐藏）") : "", pass, seen,
                      100.0 * pass / seen);
        }
    }

    size_t nc;
    counter *c = count_mistakes(recs, n, &nc);
    sb_printf(&b, "\n## %s\n\n", sl_tr(zh, "Misconceptions (students in whom each fired)",
                                       "常见误区（出现该误区的学生人数）"));
    if (!nc)
        sb_printf(&b, "%s\n", sl_tr(zh, "None detected.", "未检测到。"));
    else
        sb_printf(&b, "| %s | %s | %s |\n|---|---|---|\n", sl_tr(zh, "students", "人数"),
                  sl_tr(zh, "mistake", "误区"), sl_tr(zh, "what it means", "含义"));
    for (size_t i = 0; i < nc; i++) {
        const char *t = sl_mistake_title(c[i].id, zh);
        sb_printf(&b, "| %d | `%s` | %s |\n", c[i].count, c[i].id, t ? t : "");
        free(c[i].id);
    }
    free(c);

    sb_printf(&b, "\n## %s\n\n| %s | %s | %s |\n|---|---|---|\n",
              sl_tr(zh, "First failing exercise per student", "每位学生第一个未拿满分的练习"),
              sl_tr(zh, "student", "学生"), sl_tr(zh, "total", "总分"),
              sl_tr(zh, "first failing exercise", "第一个未通过的练习"));
    for (size_t s = 0; s < n; s++) {
        const char *f = first_fail(m, &recs[s]);
        sb_add(&b, "| ");
        md_inline(&b, recs[s].student);
        sb_printf(&b, " | %d | %s |\n", record_total(&recs[s]),
                  f ? f : sl_tr(zh, "— (all pass)", "—（全部通过）"));
    }
    char *t = xstrdup(sb_cstr(&b));
    sb_free(&b);
    return t;
}

char *summary_csv(const sl_manifest *m, const g_student *recs, size_t n, char *const *notes,
                  size_t n_notes)
{
    sb_t b = {0};
    sb_add(&b, "kind,exercise,check,count,total,rate\n");
    for (size_t i = 0; i < n_notes; i++) {
        sb_add(&b, "entry,,");
        csv_cell(&b, notes[i]);
        sb_add(&b, ",,,\n");
    }
    for (size_t e = 0; e < m->n_exercises; e++) {
        const sl_exercise *me = &m->exercises[e];
        for (size_t j = 0; j < me->n_checks; j++) {
            int pass, seen;
            check_counts(recs, n, me->id, me->checks[j].id, &pass, &seen);
            if (seen)
                sb_printf(&b, "check,%s,%s,%d,%d,%.4f\n", me->id, me->checks[j].id, pass, seen,
                          (double)pass / seen);
        }
        for (int st = 0; st < SL_EX_N; st++) {
            int cnt = 0;
            for (size_t s = 0; s < n; s++) {
                const g_exercise *x = rec_ex(&recs[s], me->id);
                cnt += x && (int)x->state == st;
            }
            sb_printf(&b, "state,%s,%s,%d,%zu,%.4f\n", me->id, ex_state_name((ex_state)st), cnt,
                      n, n ? (double)cnt / (double)n : 0.0);
        }
    }
    size_t nc;
    counter *c = count_mistakes(recs, n, &nc);
    for (size_t i = 0; i < nc; i++) {
        const sl_mistake *mk = sl_mistake_find(c[i].id);
        sb_printf(&b, "mistake,%s,%s,%d,%zu,%.4f\n", mk ? mk->exercise : "", c[i].id, c[i].count,
                  n, n ? (double)c[i].count / (double)n : 0.0);
        free(c[i].id);
    }
    free(c);
    for (size_t s = 0; s < n; s++) {
        const char *f = first_fail(m, &recs[s]);
        sb_add(&b, "first_fail,");
        sb_add(&b, f ? f : "");
        sb_add(&b, ",");
        csv_cell(&b, recs[s].student);
        sb_printf(&b, ",%d,%d,\n", record_total(&recs[s]), record_max(&recs[s]));
    }
    char *t = xstrdup(sb_cstr(&b));
    sb_free(&b);
    return t;
}

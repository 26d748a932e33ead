/* report.c — see report.h. */
#include "report.h"

#include "lang.h"
#include "mistakes.h"
#include "text.h"
#include "util.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

enum { JSON_DETAIL_MAX = 4096 };

static const sl_check *find_check(const sl_exercise *e, const char *id)
{
    for (size_t j = 0; e && j < e->n_checks; j++)
        if (strcmp(e->checks[j].id, id) == 0)
            return &e->checks[j];
    return NULL;
}

static int not_implemented(const g_exercise *e)
{
    for (size_t j = 0; j < e->n_checks; j++)
        if (e->checks[j].tag && strcmp(e->checks[j].tag, "not-implemented") == 0)
            return 1;
    return 0;
}

const char *report_state_text(const g_exercise *e, int zh)
{
    if (!sl_ex_ran(e->state))
        return sl_ex_outcome_text(e->state, zh);
    if (not_implemented(e))
        return sl_tr(zh, "not implemented yet", "尚未实现");
    return e->points == e->max ? sl_tr(zh, "all checks pass", "全部检查通过")
                               : sl_tr(zh, "some checks fail", "部分检查未通过");
}

static const char *outcome_text(sl_check_outcome o, int zh)
{
    return sl_check_outcome_text(o, zh);
}

/* Appends text (the check's diagnosis) line by line under indent, cleaned,
 * each line's leading Markdown punctuation escaped: no line can leave the
 * list item it belongs to. */
static void indented(sb_t *b, const char *indent, const char *text)
{
    char *t = text_clean(text, 1);
    for (const char *p = t; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p), sp = strspn(p, " \t");
        sb_add(b, indent);
        if (sp < len && strchr("#>`~<|=-+*_[!0123456789", p[sp]))
            sb_addn(b, p, sp), sb_add(b, "\\"), sb_addn(b, p + sp, len - sp);
        else
            sb_addn(b, p, len);
        sb_add(b, "\n");
        p += len + (nl != NULL);
    }
    free(t);
}

/* What the student should read about a failed check (not hidden ones). */
static void check_text(sb_t *b, const g_check *c, const char *indent, int zh)
{
    if (c->tag && strcmp(c->tag, "not-implemented") == 0 && !c->message)
        indented(b, indent, sl_tr(zh, "not implemented yet: the stub still calls NOT_IMPLEMENTED()",
                                  "尚未实现：桩代码仍在调用 NOT_IMPLEMENTED()"));
    else if (c->tag && strncmp(c->tag, "mistake:", 8) == 0 && sl_mistake_title(c->tag + 8, zh)
             && !(c->message && strstr(c->message, sl_mistake_title(c->tag + 8, zh))))
        indented(b, indent, sl_mistake_title(c->tag + 8, zh));
    if (c->outcome == SL_CHECK_CRASH && !c->message)
        indented(b, indent, sl_tr(zh, "the code crashed during this check (killed by a signal)",
                                  "这项检查运行时代码崩溃了（被信号终止）"));
    if (c->outcome == SL_CHECK_TIMEOUT && !c->message)
        indented(b, indent, sl_tr(zh, "this check ran out of time: an endless loop?",
                                  "这项检查超时：是否有死循环？"));
    if (c->message)
        indented(b, indent, c->message);
}

/* What happened to the exercise as a whole (compile log, reasons …). */
static void detail_md(sb_t *b, const g_exercise *e, int zh)
{
    if (!e->detail)
        return;
    if (e->state == EX_COMPILE_ERROR)
        sb_printf(b, "\n%s\n", sl_tr(zh, "The compiler says:", "编译器的信息："));
    if (e->state == EX_REJECTED)
        sb_printf(b, "\n%s\n\n", sl_tr(zh, "Your compiled file was not run, because it:",
                                        "编译后的文件没有运行，因为它："));
    if (e->state == EX_COMPILE_ERROR || e->state == EX_LINK_ERROR) {
        md_fenced(b, e->detail);
    } else {
        if (e->state != EX_REJECTED)
            sb_add(b, "\n");
        md_quoted(b, e->detail);
    }
}

static void exercise_md(sb_t *b, const sl_manifest *m, const g_exercise *e, size_t i, int zh)
{
    const sl_exercise *me = sl_manifest_find(m, e->id);
    sb_printf(b, "## %zu. ", i + 1);
    md_inline(b, me ? sl_text_get(&me->title, zh) : e->id);
    sb_printf(b, " (`%s`) — %d / %d%s\n\n", me ? me->file : "?", e->points, e->max,
              e->bonus ? sl_tr(zh, " (bonus)", "（附加题）") : "");
    sb_printf(b, "%s: %s\n", sl_tr(zh, "Status", "状态"), report_state_text(e, zh));
    detail_md(b, e, zh);
    int hidden_n = 0, hidden_pts = 0, hidden_max = 0;
    sb_add(b, "\n");
    for (size_t j = 0; j < e->n_checks; j++) {
        const g_check *c = &e->checks[j];
        if (c->hidden) {
            hidden_n++, hidden_pts += c->points, hidden_max += c->max;
            continue;
        }
        const sl_check *mc = me ? find_check(me, c->id) : NULL;
        sb_printf(b, "- %s **", c->outcome == SL_CHECK_PASS ? "[x]" : "[ ]");
        md_inline(b, mc ? sl_text_get(&mc->title, zh) : c->id);
        sb_add(b, "** (");
        md_inline(b, c->id);
        sb_printf(b, "): %d / %d — %s\n", c->points, c->max, outcome_text(c->outcome, zh));
        if (c->outcome != SL_CHECK_PASS && sl_ex_ran(e->state))
            check_text(b, c, "    ", zh);
    }
    if (hidden_n)
        sb_printf(b, "- %d %s (%d / %d)\n", hidden_n,
                  zh ? "项隐藏检查未显示"
                     : hidden_n == 1 ? "hidden check not shown" : "hidden checks not shown",
                  hidden_pts, hidden_max);
    if (e->points < e->max && me && me->n_hints)
        sb_printf(b, "\n%s: %s\n", sl_tr(zh, "Hint", "提示"), sl_text_get(&me->hints[0], zh));
    sb_add(b, "\n");
}

char *report_feedback_md(const sl_manifest *m, const g_student *r, const char *note, int zh)
{
    sb_t b = {0};
    sb_printf(&b, "# %s — ", sl_tr(zh, "softmax-lab feedback", "softmax-lab 评分反馈"));
    md_inline(&b, r->student);
    int bonus = 0;
    for (size_t i = 0; i < r->n_ex; i++)
        bonus |= r->ex[i].bonus;
    sb_printf(&b, "\n\n**%s: %d / %d**%s\n\n", sl_tr(zh, "Total", "总分"), record_total(r),
              record_max(r),
              bonus ? sl_tr(zh, " (bonus points add to the total; the maximum counts the core "
                                "exercises only)",
                            "（附加题得分计入总分；满分只计算必做练习）")
                    : "");
    if (note) {
        md_quoted(&b, note);
        sb_add(&b, "\n");
    }
    for (size_t i = 0; i < r->n_ex; i++)
        exercise_md(&b, m, &r->ex[i], i, zh);
    char *s = xstrdup(sb_cstr(&b));
    sb_free(&b);
    return s;
}

/* A JSON string of s made valid UTF-8 without control characters. */
static json_t *jstr(const char *s)
{
    char *t = text_clean(s, 1);
    json_t *j = json_string(t);
    free(t);
    return j ? j : json_string("");
}

/* 1 when the exercise was graded with its hidden checks counting. */
static int hidden_counted(const sl_exercise *me, const g_exercise *e)
{
    int visible = 0;
    for (size_t j = 0; j < e->n_checks; j++)
        if (e->checks[j].hidden)
            return 1;
    for (size_t j = 0; me && j < me->n_checks; j++)
        visible += me->checks[j].hidden ? 0 : me->checks[j].points;
    return e->max > visible;
}

static json_t *test_entry(const char *ex_id, const char *title, int score, int max, int pass,
                          const char *output, int hidden)
{
    char *name = xasprintf("%s: %s", ex_id, title);
    json_t *t = json_object();
    json_object_set_new(t, "name", jstr(name));
    json_object_set_new(t, "score", json_integer(score));
    json_object_set_new(t, "max_score", json_integer(max));
    json_object_set_new(t, "status", json_string(pass ? "passed" : "failed"));
    json_object_set_new(t, "output", jstr(output));
    json_object_set_new(t, "visibility", json_string(hidden ? "hidden" : "visible"));
    free(name);
    return t;
}

/* Why a check that did not run scored 0: the exercise's state and detail. */
static char *not_run_text(const g_exercise *e, int zh)
{
    sb_t out = {0};
    sb_add(&out, report_state_text(e, zh));
    if (e->detail && !sl_ex_ran(e->state)) {
        sb_add(&out, "\n");
        sb_addn(&out, e->detail, strlen(e->detail) < JSON_DETAIL_MAX ? strlen(e->detail)
                                                                     : JSON_DETAIL_MAX);
    }
    char *s = xstrdup(sb_cstr(&out));
    sb_free(&out);
    return s;
}

/* Every check of the exercise (manifest order), run or not. */
static void exercise_tests(json_t *tests, const sl_exercise *me, const g_exercise *e, int zh)
{
    int with_hidden = hidden_counted(me, e);
    char *why = not_run_text(e, zh);
    for (size_t j = 0; me && j < me->n_checks; j++) {
        const sl_check *mc = &me->checks[j];
        if (mc->hidden && !with_hidden)
            continue;
        const g_check *c = NULL;
        for (size_t k = 0; k < e->n_checks && !c; k++)
            c = strcmp(e->checks[k].id, mc->id) == 0 ? &e->checks[k] : NULL;
        const char *title = sl_text_get(&mc->title, zh);
        sb_t out = {0};
        if (mc->hidden)
            sb_add(&out, sl_tr(zh, "hidden check", "隐藏检查"));
        else if (!c || !sl_ex_ran(e->state))
            sb_add(&out, why);
        else if (c->outcome != SL_CHECK_PASS)
            check_text(&out, c, "", zh);
        json_array_append_new(tests, test_entry(e->id, title, c ? c->points : 0,
                                                c ? c->max : mc->points,
                                                c && c->outcome == SL_CHECK_PASS,
                                                sb_cstr(&out), mc->hidden));
        sb_free(&out);
    }
    for (size_t k = 0; !me && k < e->n_checks; k++)       /* an exercise the manifest lost */
        json_array_append_new(tests, test_entry(e->id, e->checks[k].id, e->checks[k].points,
                                                e->checks[k].max,
                                                e->checks[k].outcome == SL_CHECK_PASS, why,
                                                e->checks[k].hidden));
    free(why);
}

char *report_gradescope_json(const sl_manifest *m, const g_student *r, const char *note, int zh)
{
    json_t *root = json_object(), *tests = json_array();
    char *summary = xasprintf("%s %d / %d%s%s", sl_tr(zh, "Total", "总分"), record_total(r),
                              record_max(r), note ? "\n" : "", note ? note : "");
    json_object_set_new(root, "score", json_integer(record_total(r)));
    json_object_set_new(root, "output", jstr(summary));
    for (size_t i = 0; i < r->n_ex; i++)
        exercise_tests(tests, sl_manifest_find(m, r->ex[i].id), &r->ex[i], zh);
    json_object_set_new(root, "tests", tests);
    char *dump = json_dumps(root, JSON_INDENT(2));
    char *s = xasprintf("%s\n", dump ? dump : "{}");
    free(dump), free(summary);
    json_decref(root);
    return s;
}

char *report_autolab_line(const g_student *r)
{
    json_t *root = json_object(), *scores = json_object();
    for (size_t i = 0; i < r->n_ex; i++) {
        char *id = text_clean(r->ex[i].id, 0);
        json_object_set_new(scores, id, json_integer(r->ex[i].points));
        free(id);
    }
    json_object_set_new(root, "scores", scores);
    char *dump = json_dumps(root, 0);
    char *s = xasprintf("%s\n", dump ? dump : "{}");
    free(dump);
    json_decref(root);
    return s;
}

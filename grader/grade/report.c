/* report.c — see report.h. */
#include "report.h"

#include "lang.h"
#include "mistakes.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

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

/* What the student should read about a failed check (not hidden ones). */
static void check_text(sb_t *b, const g_check *c, const char *indent, int zh)
{
    if (c->tag && strcmp(c->tag, "not-implemented") == 0 && !c->message)
        sb_printf(b, "%s%s\n", indent,
                  sl_tr(zh, "not implemented yet: the stub still calls NOT_IMPLEMENTED()",
                        "尚未实现：桩代码仍在调用 NOT_IMPLEMENTED()"));
    else if (c->tag && strncmp(c->tag, "mistake:", 8) == 0 && sl_mistake_title(c->tag + 8, zh)
             && !(c->message && strstr(c->message, sl_mistake_title(c->tag + 8, zh))))
        sb_printf(b, "%s%s\n", indent, sl_mistake_title(c->tag + 8, zh));
    if (c->outcome == SL_CHECK_CRASH && !c->message)
        sb_printf(b, "%s%s\n", indent,
                  sl_tr(zh, "the code crashed during this check (killed by a signal)",
                        "这项检查运行时代码崩溃了（被信号终止）"));
    if (c->outcome == SL_CHECK_TIMEOUT && !c->message)
        sb_printf(b, "%s%s\n", indent,
                  sl_tr(zh, "this check ran out of time: an endless loop?",
                        "这项检查超时：是否有死循环？"));
    if (c->message)
        for (const char *p = c->message; *p;) {
            const char *nl = strchr(p, '\n');
            size_t len = nl ? (size_t)(nl - p) : strlen(p);
            sb_printf(b, "%s%.*s\n", indent, (int)len, p);
            p = nl ? nl + 1 : p + len;
        }
}

static void fenced(sb_t *b, const char *text)
{
    sb_add(b, "\n```\n");
    sb_add(b, text);
    if (text[0] && text[strlen(text) - 1] != '\n')
        sb_add(b, "\n");
    sb_add(b, "```\n");
}

char *report_feedback_md(const sl_manifest *m, const g_student *r, const char *note, int zh)
{
    sb_t b = {0};
    sb_printf(&b, "# %s — %s\n\n", sl_tr(zh, "softmax-lab feedback", "softmax-lab 评分反馈"),
              r->student);
    int bonus = 0;
    for (size_t i = 0; i < r->n_ex; i++)
        bonus |= r->ex[i].bonus;
    sb_printf(&b, "**%s: %d / %d**%s\n\n", sl_tr(zh, "Total", "总分"), record_total(r),
              record_max(r),
              bonus ? sl_tr(zh, " (bonus points add to the total; the maximum counts the core "
                                "exercises only)",
                            "（附加题得分计入总分；满分只计算必做练习）")
                    : "");
    if (note)
        sb_printf(&b, "> %s\n\n", note);
    for (size_t i = 0; i < r->n_ex; i++) {
        const g_exercise *e = &r->ex[i];
        const sl_exercise *me = sl_manifest_find(m, e->id);
        sb_printf(&b, "## %zu. %s (`%s`) — %d / %d%s\n\n", i + 1,
                  me ? sl_text_get(&me->title, zh) : e->id, me ? me->file : e->id, e->points,
                  e->max, e->bonus ? sl_tr(zh, " (bonus)", "（附加题）") : "");
        sb_printf(&b, "%s: %s\n", sl_tr(zh, "Status", "状态"), report_state_text(e, zh));
        if (e->detail) {
            if (e->state == EX_COMPILE_ERROR)
                sb_printf(&b, "\n%s", sl_tr(zh, "The compiler says:", "编译器的信息："));
            if (e->state == EX_REJECTED)
                sb_printf(&b, "\n%s\n\n", sl_tr(zh, "Your compiled file was not run, because it:",
                                                "编译后的文件没有运行，因为它："));
            if (e->state == EX_COMPILE_ERROR || e->state == EX_LINK_ERROR)
                fenced(&b, e->detail);
            else if (e->state == EX_REJECTED)
                sb_printf(&b, "%s", e->detail);
            else
                sb_printf(&b, "\n%s\n", e->detail);
        }
        int hidden_n = 0, hidden_pts = 0, hidden_max = 0;
        sb_add(&b, "\n");
        for (size_t j = 0; j < e->n_checks; j++) {
            const g_check *c = &e->checks[j];
            if (c->hidden) {
                hidden_n++, hidden_pts += c->points, hidden_max += c->max;
                continue;
            }
            const sl_check *mc = me ? find_check(me, c->id) : NULL;
            sb_printf(&b, "- %s **%s** (`%s`): %d / %d — %s\n",
                      c->outcome == SL_CHECK_PASS ? "[x]" : "[ ]",
                      mc ? sl_text_get(&mc->title, zh) : c->id, c->id, c->points, c->max,
                      outcome_text(c->outcome, zh));
            if (c->outcome != SL_CHECK_PASS && sl_ex_ran(e->state))
                check_text(&b, c, "    ", zh);
        }
        if (hidden_n)
            sb_printf(&b, "- %d %s (%d / %d)\n", hidden_n,
                      zh ? "项隐藏检查未显示"
                         : hidden_n == 1 ? "hidden check not shown" : "hidden checks not shown",
                      hidden_pts, hidden_max);
        if (e->points < e->max && me && me->n_hints)
            sb_printf(&b, "\n%s: %s\n", sl_tr(zh, "Hint", "提示"), sl_text_get(&me->hints[0], zh));
        sb_add(&b, "\n");
    }
    char *s = xstrdup(sb_cstr(&b));
    sb_free(&b);
    return s;
}

char *report_gradescope_json(const sl_manifest *m, const g_student *r, const char *note, int zh)
{
    sb_t b = {0};
    sb_printf(&b, "{\n  \"score\": %d,\n  \"output\": ", record_total(r));
    char *summary = xasprintf("%s %d / %d%s%s", sl_tr(zh, "Total", "总分"), record_total(r),
                              record_max(r), note ? "\n" : "", note ? note : "");
    sb_json_str(&b, summary);
    free(summary);
    sb_add(&b, ",\n  \"tests\": [");
    int first = 1;
    for (size_t i = 0; i < r->n_ex; i++) {
        const g_exercise *e = &r->ex[i];
        const sl_exercise *me = sl_manifest_find(m, e->id);
        for (size_t j = 0; j < e->n_checks; j++) {
            const g_check *c = &e->checks[j];
            const sl_check *mc = me ? find_check(me, c->id) : NULL;
            sb_t name = {0}, out = {0};
            sb_printf(&name, "%s: %s", e->id, c->hidden ? c->id
                                                        : mc ? sl_text_get(&mc->title, zh) : c->id);
            if (c->hidden)
                sb_add(&out, sl_tr(zh, "hidden check", "隐藏检查"));
            else if (!sl_ex_ran(e->state)) {
                sb_printf(&out, "%s\n", report_state_text(e, zh));
                if (e->detail)
                    sb_add(&out, e->detail);
            } else if (c->outcome != SL_CHECK_PASS)
                check_text(&out, c, "", zh);
            sb_add(&b, first ? "\n    {" : ",\n    {");
            first = 0;
            sb_add(&b, "\"name\": ");
            sb_json_str(&b, sb_cstr(&name));
            sb_printf(&b, ", \"score\": %d, \"max_score\": %d, \"status\": \"%s\", \"output\": ",
                      c->points, c->max, c->outcome == SL_CHECK_PASS ? "passed" : "failed");
            sb_json_str(&b, sb_cstr(&out));
            sb_printf(&b, ", \"visibility\": \"%s\"}", c->hidden ? "hidden" : "visible");
            sb_free(&name), sb_free(&out);
        }
    }
    sb_add(&b, "\n  ]\n}\n");
    char *s = xstrdup(sb_cstr(&b));
    sb_free(&b);
    return s;
}

char *report_autolab_line(const g_student *r)
{
    sb_t b = {0};
    sb_add(&b, "{\"scores\": {");
    for (size_t i = 0; i < r->n_ex; i++) {
        if (i)
            sb_add(&b, ", ");
        sb_json_str(&b, r->ex[i].id);
        sb_printf(&b, ": %d", r->ex[i].points);
    }
    sb_add(&b, "}}\n");
    char *s = xstrdup(sb_cstr(&b));
    sb_free(&b);
    return s;
}

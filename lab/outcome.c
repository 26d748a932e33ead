/* outcome.c — names, texts and the decision of outcomes (contract: outcome.h). */
#include "outcome.h"

#include <string.h>

static const struct {
    const char *name, *en, *zh;
} ex_words[SL_EX_N] = {
    {"pass", "passed", "通过"},
    {"fail", "some checks failed", "部分检查未通过"},
    {"not-implemented", "not implemented yet", "尚未实现"},
    {"missing", "not submitted (file missing, empty or unreadable)", "未提交（文件缺失、为空或无法读取）"},
    {"compile-error", "does not compile", "无法编译"},
    {"rejected", "rejected before running", "运行前被拒绝"},
    {"link-error", "does not link", "无法链接"},
    {"run-failed", "the checks could not finish", "检查未能完成"},
    {"internal", "the checker could not run", "检查程序无法运行"},
    {"unknown", "not checked yet", "尚未检查"},
}, check_words[SL_CHECK_N] = {
    {"pass", "pass", "通过"},
    {"fail", "fail", "未通过"},
    {"crash", "crash", "崩溃"},
    {"timeout", "timeout", "超时"},
    {"missing", "not run", "未运行"},
};

int sl_ex_ran(sl_ex_outcome o)
{
    return o == SL_EX_PASS || o == SL_EX_FAIL || o == SL_EX_NOT_IMPLEMENTED;
}

sl_ex_outcome sl_ex_decide(unsigned passed, unsigned counted, unsigned not_implemented)
{
    if (not_implemented && !passed)
        return SL_EX_NOT_IMPLEMENTED;
    return passed == counted ? SL_EX_PASS : SL_EX_FAIL;
}

const char *sl_ex_outcome_name(sl_ex_outcome o)
{
    return (unsigned)o < SL_EX_N ? ex_words[o].name : "unknown";
}

int sl_ex_outcome_parse(const char *word)
{
    for (int i = 0; i < SL_EX_N; i++)
        if (strcmp(word, ex_words[i].name) == 0)
            return i;
    return -1;
}

const char *sl_check_outcome_name(sl_check_outcome o)
{
    return (unsigned)o < SL_CHECK_N ? check_words[o].name : "missing";
}

int sl_check_outcome_parse(const char *word)
{
    for (int i = 0; i < SL_CHECK_N; i++)
        if (strcmp(word, check_words[i].name) == 0)
            return i;
    return -1;
}

const char *sl_ex_outcome_text(sl_ex_outcome o, int zh)
{
    o = (unsigned)o < SL_EX_N ? o : SL_EX_UNKNOWN;
    return zh ? ex_words[o].zh : ex_words[o].en;
}

const char *sl_check_outcome_text(sl_check_outcome o, int zh)
{
    o = (unsigned)o < SL_CHECK_N ? o : SL_CHECK_MISSING;
    return zh ? check_words[o].zh : check_words[o].en;
}

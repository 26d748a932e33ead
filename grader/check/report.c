/* report.c — the verdict of one exercise and how it is printed (checker.h).
 *
 * check50-like, readable without colour:
 *   [1/5] softmax — Softmax (student/softmax.c)
 *     :) every row sums to 1 and lies in [0, 1]
 *     :( matches the reference
 *          expected P[0][1] = 0.24, got 0.3
 *     :| 2 more checks are graded by your instructor
 *     1/3 points · stuck? make hint EX=softmax */
#include "checker.h"

#include "lang.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_MESSAGE_LINES = 12, MAX_COMPILER_LINES = 15 };

const char *sl_c_pass(const sl_out *o) { return o->color ? "\033[32m" : ""; }
const char *sl_c_fail(const sl_out *o) { return o->color ? "\033[31m" : ""; }
const char *sl_c_skip(const sl_out *o) { return o->color ? "\033[33m" : ""; }
const char *sl_c_bold(const sl_out *o) { return o->color ? "\033[1m" : ""; }
const char *sl_c_off(const sl_out *o) { return o->color ? "\033[0m" : ""; }

static int is_not_implemented(const sl_check_result *r)
{
    return r && r->outcome == SL_CHECK_FAIL && r->tag && strcmp(r->tag, "not-implemented") == 0;
}

sl_verdict sl_verdict_of(const sl_exercise *ex, const sl_run *run)
{
    sl_verdict v = {run->state, 0, sl_exercise_points(ex, 0), 0};
    for (size_t i = 0; i < ex->n_checks; i++)
        v.n_hidden += ex->checks[i].hidden != 0;
    if (!sl_ex_ran(run->state))
        return v;
    size_t passed = 0, not_impl = 0, visible = 0;
    for (size_t i = 0; i < ex->n_checks; i++) {
        const sl_check *c = &ex->checks[i];
        if (c->hidden)
            continue;
        visible++;
        const sl_check_result *r = sl_suite_results_find(&run->results, c->id);
        if (r && r->outcome == SL_CHECK_PASS) {
            passed++;
            v.points += c->points;
        }
        not_impl += is_not_implemented(r);
    }
    v.state = sl_ex_decide((unsigned)passed, (unsigned)visible, (unsigned)not_impl);
    return v;
}

/* Prints text with every line indented, at most max_lines lines. */
static void print_indented(const sl_out *o, const char *text, const char *indent, int max_lines)
{
    int lines = 0;
    const char *p = text;
    while (*p) {
        size_t len = strcspn(p, "\n");
        if (lines == max_lines) {
            int rest = 0;
            for (const char *q = p; *q; q++)
                rest += *q == '\n';
            TR_FPRINTF(o->out, o->zh, "%s… (%d more lines)\n", "%s……（还有 %d 行）\n", indent, rest + 1);
            return;
        }
        fprintf(o->out, "%s%.*s\n", indent, (int)len, p);
        lines++;
        p += len;
        if (*p == '\n')
            p++;
    }
}

/* Prints the last max_lines lines of text, indented. */
static void print_tail(const sl_out *o, const char *text, const char *indent, int max_lines)
{
    const char *start = text + strlen(text);
    while (start > text && start[-1] == '\n')
        start--;
    int lines = 0;
    while (start > text) {
        if (start[-1] == '\n' && ++lines == max_lines)
            break;
        start--;
    }
    print_indented(o, start, indent, max_lines);
}

/* 1 when the line starts a compiler diagnostic "file:line:col: kind: …"
 * (or "file: In function …"); *is_error tells whether kind is an error. */
static const char *find(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(hay + i, needle, n) == 0)
            return hay + i;
    return NULL;
}

static int diagnostic_start(const char *line, size_t len, int *is_error)
{
    if (len == 0 || line[0] == ' ')
        return 0;
    const char *e = find(line, len, ": error: "), *f = find(line, len, ": fatal error: ");
    const char *w = find(line, len, ": warning: "), *n = find(line, len, ": note: ");
    const char *in = find(line, len, ": In function");
    *is_error = e || f;
    return e || f || w || n || in;
}

/* The compiler's messages with warnings left out (errors first matter), at
 * most max_lines lines; all of it when it has no recognisable error. */
static void print_compile_errors(const sl_out *o, const char *log, int max_lines)
{
    size_t cap = strlen(log) + 1, len = 0;
    char *kept = malloc(cap);
    if (!kept) {
        print_indented(o, log, "       ", max_lines);
        return;
    }
    int keep = 0, any = 0;
    for (const char *p = log; *p;) {
        size_t n = strcspn(p, "\n");
        int is_error;
        if (diagnostic_start(p, n, &is_error))
            keep = is_error || (keep && find(p, n, ": note: "));
        any |= keep;
        if (keep) {
            memcpy(kept + len, p, n);
            len += n;
            kept[len++] = '\n';
        }
        p += n + (p[n] == '\n');
    }
    kept[len ? len - 1 : 0] = '\0';
    print_indented(o, any ? kept : log, "       ", max_lines);
    free(kept);
}

static void print_crash(const sl_out *o, const sl_check_result *r)
{
    static const struct {
        int sig;
        const char *name, *en, *zh;
    } known[] = {
        {SIGSEGV, "SIGSEGV", "segmentation fault) — reading or writing outside an array?",
         "段错误）— 是否读写越过了数组边界？"},
        {SIGBUS, "SIGBUS", "bus error) — a bad pointer?", "总线错误）— 是否用了无效的指针？"},
        {SIGFPE, "SIGFPE", "arithmetic error) — an integer division by zero?",
         "算术错误）— 是否有整数除以零？"},
        {SIGABRT, "SIGABRT", "aborted) — memory was damaged: a write past the end of an array, "
                             "memory freed twice, or a failed assert()?",
         "程序中止）— 内存被破坏了：是写越了数组末尾、同一块内存释放了两次，还是 assert() 失败？"},
        {SIGILL, "SIGILL", "illegal instruction) — a function that ends without returning a value?",
         "非法指令）— 是否有函数没有返回值就结束了？"},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (known[i].sig == r->signal) {
            TR_FPRINTF(o->out, o->zh, "       crashed with %s (%s\n", "       崩溃：%s（%s\n", known[i].name,
                       o->zh ? known[i].zh : known[i].en);
            return;
        }
    if (r->signal)
        TR_FPRINTF(o->out, o->zh, "       crashed with signal %d — reading or writing outside an array?\n",
                   "       崩溃：信号 %d — 是否读写越过了数组边界？\n", r->signal);
    else
        TR_FPRINTF(o->out, o->zh, "       crashed%s%s — reading or writing outside an array?\n",
                   "       崩溃%s%s — 是否读写越过了数组边界？\n", r->where ? " after " : "",
                   r->where ? r->where : "");
}

/* 1 when r names the same known mistake as an earlier failure of this
 * exercise (then only its headline is repeated, not the whole explanation). */
static int same_mistake_as(const sl_check_result *r, const char *seen_tag)
{
    return r->tag && seen_tag && strncmp(r->tag, "mistake:", 8) == 0 && strcmp(r->tag, seen_tag) == 0;
}

static void print_check(const sl_out *o, const sl_check *c, const sl_check_result *r, const char *sanitizer,
                        const char **seen_tag)
{
    const char *title = sl_text_get(&c->title, o->zh);
    if (r && r->outcome == SL_CHECK_PASS) {
        fprintf(o->out, "  %s:)%s %s\n", sl_c_pass(o), sl_c_off(o), title);
        return;
    }
    fprintf(o->out, "  %s:(%s %s\n", sl_c_fail(o), sl_c_off(o), title);
    if (!r || r->outcome == SL_CHECK_MISSING) {
        fprintf(o->out, "       %s\n",
                sl_tr(o->zh, "this check did not run (the run stopped early, or the check is missing from the suite)",
                      "这项检查没有运行（运行提前结束，或测试集中没有这项检查）"));
    } else if (r->outcome == SL_CHECK_CRASH) {
        print_crash(o, r);
    } else if (r->outcome == SL_CHECK_TIMEOUT) {
        TR_FPRINTF(o->out, o->zh, "       did not finish within %.0fs — an endless loop?\n",
                   "       没有在 %.0f 秒内结束 — 是否有死循环？\n", r->seconds);
    } else if (r->message && *r->message && same_mistake_as(r, *seen_tag)) {
        TR_FPRINTF(o->out, o->zh, "       %.*s (same mistake as above)\n", "       %.*s（与上面是同一个错误）\n",
                   (int)strcspn(r->message, "\n"), r->message);
    } else if (r->message && *r->message) {
        print_indented(o, r->message, "       ", MAX_MESSAGE_LINES);
        if (r->tag && !*seen_tag)
            *seen_tag = r->tag;
    } else {
        fprintf(o->out, "       %s\n",
                sl_tr(o->zh, "stopped without a verdict — does your code call exit(), or write outside an array?",
                      "没有得出结论就停止了 — 你的代码是否调用了 exit()，或者写越过了数组边界？"));
        if (sanitizer && *sanitizer)
            TR_FPRINTF(o->out, o->zh, "       the sanitizer said: %s\n", "       sanitizer 报告：%s\n", sanitizer);
    }
}

static void print_not_implemented(const sl_out *o, const sl_exercise *ex, const char *src, const char *progress)
{
    TR_FPRINTF(o->out, o->zh,
               "%s%s%s:%s not implemented yet — open %s, replace the TODO, then run make check EX=%s\n",
               "%s%s%s：%s尚未实现 — 打开 %s，替换掉 TODO，然后运行 make check EX=%s\n", progress,
               sl_c_bold(o), ex->id, sl_c_off(o), src, ex->id);
}

static void print_build_problem(const sl_out *o, const sl_exercise *ex, const char *src, const sl_run *run)
{
    switch (run->state) {
    case SL_EX_MISSING:
        TR_FPRINTF(o->out, o->zh, "  %s:(%s %s is missing: restore it from the kit (git checkout %s)\n",
                   "  %s:(%s 找不到 %s：请从套件中恢复它（git checkout %s）\n", sl_c_fail(o), sl_c_off(o), src,
                   src);
        break;
    case SL_EX_COMPILE_ERROR:
        TR_FPRINTF(o->out, o->zh, "  %s:(%s %s does not compile:\n", "  %s:(%s %s 无法编译：\n", sl_c_fail(o),
                   sl_c_off(o), src);
        print_compile_errors(o, run->log, MAX_COMPILER_LINES);
        break;
    case SL_EX_LINK_ERROR:
        if (run->explained[0]) {
            fprintf(o->out, "  %s:(%s %s\n", sl_c_fail(o), sl_c_off(o), run->explained);
        } else {
            TR_FPRINTF(o->out, o->zh, "  %s:(%s %s compiles, but cannot be linked with the checks of %s():\n",
                       "  %s:(%s %s 可以编译，但无法与 %s() 的检查链接：\n", sl_c_fail(o), sl_c_off(o), src,
                       ex->function);
            print_indented(o, run->log, "       ", MAX_COMPILER_LINES);
        }
        break;
    case SL_EX_RUN_FAILED:
        if (run->stopped_after > 0)
            TR_FPRINTF(o->out, o->zh, "  %s:(%s the checks did not finish within %.0fs in total — an endless loop?\n",
                       "  %s:(%s 检查在 %.0f 秒内没有全部完成 — 是否有死循环？\n", sl_c_fail(o), sl_c_off(o),
                       run->stopped_after);
        else
            TR_FPRINTF(o->out, o->zh,
                       "  %s:(%s the checks stopped before writing their report — does your code kill or exit the program?%s\n",
                       "  %s:(%s 检查在写出报告之前就停止了 — 你的代码是否结束或杀死了程序？%s\n", sl_c_fail(o),
                       sl_c_off(o), "");
        if (run->log && *run->log) {
            fprintf(o->out, "       %s\n", sl_tr(o->zh, "the last lines it printed:", "它最后输出的几行："));
            print_tail(o, run->log, "         ", MAX_COMPILER_LINES);
        }
        break;
    default:
        TR_FPRINTF(o->out, o->zh, "  %s:(%s the checker could not run: %s\n", "  %s:(%s 检查程序无法运行：%s\n",
                   sl_c_fail(o), sl_c_off(o), run->log);
        break;
    }
}

void sl_report_exercise(const sl_out *o, const sl_exercise *ex, const char *src, const sl_run *run,
                        const sl_verdict *v, const char *progress)
{
    if (v->state == SL_STATUS_NOT_IMPLEMENTED) {
        print_not_implemented(o, ex, src, progress);
        return;
    }
    fprintf(o->out, "%s%s%s — %s%s (%s)\n", progress, sl_c_bold(o), ex->id, sl_text_get(&ex->title, o->zh),
            sl_c_off(o), src);
    if (!sl_ex_ran(run->state)) {
        print_build_problem(o, ex, src, run);
    } else {
        if (run->log && *run->log) {
            fprintf(o->out, "  %s\n", sl_tr(o->zh, "compiler warnings (worth fixing):", "编译器警告（建议修正）："));
            print_indented(o, run->log, "       ", MAX_COMPILER_LINES);
        }
        const char *seen_tag = NULL;
        for (size_t i = 0; i < ex->n_checks; i++)
            if (!ex->checks[i].hidden)
                print_check(o, &ex->checks[i], sl_suite_results_find(&run->results, ex->checks[i].id),
                            run->sanitizer, &seen_tag);
    }
    if (v->n_hidden)
        TR_FPRINTF(o->out, o->zh, "  %s:|%s %zu more check%s graded by your instructor\n",
                   "  %s:|%s 另有 %zu 项检查由老师评分%s\n", sl_c_skip(o), sl_c_off(o), v->n_hidden,
                   o->zh ? "" : (v->n_hidden == 1 ? " is" : "s are"));
    if (v->state == SL_STATUS_PASS)
        TR_FPRINTF(o->out, o->zh, "  %d/%d points · passed\n", "  %d/%d 分 · 通过\n", v->points, v->max);
    else
        TR_FPRINTF(o->out, o->zh, "  %d/%d points · stuck? make hint EX=%s\n", "  %d/%d 分 · 卡住了？make hint EX=%s\n",
                   v->points, v->max, ex->id);
}

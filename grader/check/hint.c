/* hint.c — `make hint EX=<id>`: progressive hints (checker.h).  Each call
 * reveals one more hint and shows all revealed so far; the count is kept in
 * hints_dir/<id> as one number. */
#include "checker.h"

#include "lang.h"

#include <stdlib.h>

int sl_hint_show(const sl_out *o, const sl_exercise *ex, const char *hints_dir)
{
    const char *title = sl_text_get(&ex->title, o->zh);
    if (ex->n_hints == 0) {
        TR_FPRINTF(o->out, o->zh, "%s (%s) has no hints yet: read the contract in lab/softmax_lab.h.\n",
                   "%s（%s）还没有提示：请阅读 lab/softmax_lab.h 中的说明。\n", ex->id, title);
        return 0;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", hints_dir, ex->id);
    long shown = 0;
    FILE *f = fopen(path, "r");
    if (f) {
        if (fscanf(f, "%ld", &shown) != 1 || shown < 0)
            shown = 0;
        fclose(f);
    }
    long total = (long)ex->n_hints;
    int had_all = shown >= total;
    shown = had_all ? total : shown + 1;
    TR_FPRINTF(o->out, o->zh, "%sHints for %s — %s%s (%ld of %ld)\n", "%s%s — %s 的提示%s（第 %ld 条，共 %ld 条）\n",
               sl_c_bold(o), ex->id, title, sl_c_off(o), shown, total);
    for (long i = 0; i < shown; i++)
        fprintf(o->out, "  %s%ld.%s %s\n", i == shown - 1 && !had_all ? sl_c_skip(o) : "", i + 1, sl_c_off(o),
                sl_text_get(&ex->hints[i], o->zh));
    if (had_all)
        TR_FPRINTF(o->out, o->zh, "No more hints: these are all %ld. Check your work with make check EX=%s\n",
                   "没有更多提示了：以上就是全部 %ld 条。用 make check EX=%s 检查你的代码\n", total, ex->id);
    else if (shown == total)
        TR_FPRINTF(o->out, o->zh, "That was the last hint. Check your work with make check EX=%s\n",
                   "这是最后一条提示。用 make check EX=%s 检查你的代码\n", ex->id);
    else
        TR_FPRINTF(o->out, o->zh, "Still stuck? make hint EX=%s shows the next one.\n",
                   "还是卡住了？再运行 make hint EX=%s 查看下一条。\n", ex->id);
    if (sl_make_dirs(hints_dir) != 0 || !(f = fopen(path, "w"))) {
        TR_FPRINTF(stderr, o->zh, "check: cannot save hint progress in %s\n", "check：无法在 %s 中保存提示进度\n", path);
        return 1;
    }
    fprintf(f, "%ld\n", shown);
    fclose(f);
    return 0;
}

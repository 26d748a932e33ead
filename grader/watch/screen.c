/* screen.c — one screen of the watch (contract: watch.h):
 *
 *   softmax-lab watch  [########------------]  2/5 exercises · 35/100 points
 *     [x] softmax  [x] cross_entropy  >[ ] grad_w  [ ] grad_b  [ ] train
 *
 *   cross_entropy passes — next: grad_w
 *   <the checker's output for the current exercise>
 *   <the last hint, after h>
 *   ----
 *   check #3 · verdict 0.31 s after the save
 *   Save student/grad_w.c to check it again · h: next hint · q: quit */
#include "watch.h"

#include "lang.h"

#include <stdio.h>
#include <string.h>

#define TR_PRINTF(zh, en, zh_fmt, ...) ((zh) ? printf(zh_fmt, __VA_ARGS__) : printf(en, __VA_ARGS__))

enum { BAR = 20, HINT_ROWS = 10, FIXED_ROWS = 7 };

static const char *c_on(const wt_view *v, const char *code)
{
    return v->color ? code : "";
}

static const char *c_off(const wt_view *v)
{
    return v->color ? "\033[0m" : "";
}

/* Display columns of one line: escape sequences take none, a CJK character
 * (3-byte UTF-8 from U+2E80) two, any other character one. */
static size_t columns(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b == 0x1b) {
            while (i + 1 < len && !((s[i + 1] >= 'A' && s[i + 1] <= 'Z') || (s[i + 1] >= 'a' && s[i + 1] <= 'z')))
                i++;
            i++;
        } else if ((b & 0xC0) != 0x80) {
            w += (b >= 0xE2 && b <= 0xEF && !(b == 0xE2 && i + 1 < len && (unsigned char)s[i + 1] < 0xBA)) ? 2 : 1;
        }
    }
    return w;
}

/* Prints text, at most max_rows screen rows of cols columns; returns the rows
 * used.  What does not fit is counted in *cut (lines). */
static int print_fitted(const char *text, int cols, int max_rows, int *cut)
{
    int used = 0;
    *cut = 0;
    for (const char *p = text; *p;) {
        size_t len = strcspn(p, "\n");
        int rows = 1 + (int)((columns(p, len) ? columns(p, len) - 1 : 0) / (size_t)cols);
        if (used + rows > max_rows) {
            for (const char *q = p; *q; q++)
                *cut += *q == '\n';
            *cut += p[strlen(p) - 1] != '\n';
            return used;
        }
        printf("%.*s\n", (int)len, p);
        used += rows;
        p += len + (p[len] == '\n');
    }
    return used;
}

static void draw_progress(const wt_view *v)
{
    size_t passing = 0;
    int points = 0, max = 0;
    for (size_t i = 0; i < v->n_core; i++) {
        passing += v->st[i].state == SL_STATUS_PASS;
        points += v->st[i].points;
        max += sl_exercise_points(&v->m->exercises[v->core[i]], 0);
    }
    size_t fill = v->n_core ? passing * BAR / v->n_core : 0;
    printf("%ssoftmax-lab watch%s  [%s", c_on(v, "\033[1m"), c_off(v), c_on(v, "\033[32m"));
    for (size_t i = 0; i < BAR; i++)
        putchar(i < fill ? '#' : '-');
    printf("%s]  ", c_off(v));
    TR_PRINTF(v->zh, "%zu/%zu exercises · %d/%d points\n", "%zu/%zu 个练习通过 · %d/%d 分\n", passing, v->n_core,
              points, max);
    fputs(" ", stdout);
    for (size_t i = 0; i < v->n_core; i++) {
        int pass = v->st[i].state == SL_STATUS_PASS;
        printf(" %s%s[%c] %s%s", i == v->current ? ">" : " ", pass ? c_on(v, "\033[32m") : "", pass ? 'x' : ' ',
               v->m->exercises[v->core[i]].id, c_off(v));
    }
    fputs("\n\n", stdout);
}

static void draw_footer(const wt_view *v)
{
    fputs("----\n", stdout);
    if (v->checking)
        TR_PRINTF(v->zh, "checking %s …\n", "正在检查 %s ……\n", v->checking);
    else if (v->n_checks && v->last_ms < 0)
        TR_PRINTF(v->zh, "check #%lu\n", "第 %lu 次检查\n", v->n_checks);
    else if (v->n_checks)
        TR_PRINTF(v->zh, "check #%lu · verdict %.2f s after the save\n", "第 %lu 次检查 · 保存后 %.2f 秒给出结果\n",
                  v->n_checks, v->last_ms / 1000.0);
    else
        putchar('\n');
    if (v->current < v->n_core)
        TR_PRINTF(v->zh, "Save %s/%s to check it again · h: next hint · r: check again · q: quit\n",
                  "保存 %s/%s 即可重新检查 · h：下一条提示 · r：重新检查 · q：退出\n", v->student_dir,
                  v->m->exercises[v->core[v->current]].file);
    else
        TR_PRINTF(v->zh, "Saving any file in %s/ checks it again · q: quit\n", "保存 %s/ 中的任意文件即可重新检查 · q：退出\n",
                  v->student_dir);
}

static void draw_all_pass(const wt_view *v)
{
    printf("%s", c_on(v, "\033[32;1m"));
    TR_PRINTF(v->zh, "All %zu exercises pass.%s\n", "全部 %zu 个练习都通过了。%s\n", v->n_core, c_off(v));
    fputs(sl_tr(v->zh,
                "Next: make submit packs your files into submission.zip for your instructor.\n"
                "Bonus: make check EX=sigmoid_bce (multi-label sigmoid + binary cross-entropy).\n",
                "下一步：make submit 会把你的文件打包成 submission.zip 交给老师。\n"
                "加分题：make check EX=sigmoid_bce（多标签 sigmoid + 二元交叉熵）。\n"),
          stdout);
}

void wt_screen_draw(const wt_view *v)
{
    int cols = 80, rows = 24;
    if (v->tty) {
        wt_term_size(&cols, &rows);
        fputs("\033[H\033[2J", stdout);
    } else {
        fputs("\n==== softmax-lab watch ====\n", stdout);
        rows = 1 << 20;
    }
    draw_progress(v);
    int left = rows - FIXED_ROWS, cut = 0;
    if (v->banner) {
        printf("%s%s%s\n", c_on(v, "\033[32;1m"), v->banner, c_off(v));
        left--;
    }
    if (v->current >= v->n_core) {
        draw_all_pass(v);
        left -= 3;
    }
    int hint_rows = !v->hint ? 0 : left / 2 < HINT_ROWS ? left / 2 : HINT_ROWS;
    if (v->verdict && v->current < v->n_core) {
        left -= print_fitted(v->verdict, cols, left - hint_rows - 1, &cut);
        if (cut) {
            TR_PRINTF(v->zh, "  … %d more lines: make check EX=%s shows them all\n",
                      "  …… 还有 %d 行：make check EX=%s 可以看到全部\n", cut,
                      v->m->exercises[v->core[v->current]].id);
            left--;
        }
    }
    if (v->hint && v->current < v->n_core) {
        putchar('\n');
        print_fitted(v->hint, cols, left - 1, &cut);
    }
    draw_footer(v);
    fflush(stdout);
}

/* train_plot.c — the pictures of `softmax-lab train --plot`, drawn with the
 * lesson's renderers (lab/render/) into a grid and printed as text.
 * Contract: train_plot.h. */
#include "train_plot.h"
#include "lang.h"
#include "render/grid.h"
#include "render/plot.h"

#include <stdio.h>

enum { PLOT_W = 72, MAP_H = 22, LOSS_H = 14 };

static void print_grid_rows(FILE *out, sl_grid *g)
{
    sl_grid_dump(g, out);
    sl_grid_free(g);
}

void sl_train_plot(FILE *out, const sl_dataset *ds, const double *W, const double *b,
                   const double *loss, size_t count, int ascii)
{
    const sl_glyphs *gl = sl_glyphs_get(!ascii);
    const int zh = sl_lang_zh();
    sl_grid g;
    fputc('\n', out);
    if (ds->d == 2) {
        if (sl_grid_init(&g, PLOT_W, MAP_H + 2) == 0) {
            sl_boundary m = {.W = W, .b = b, .k = ds->k, .X = ds->X, .y = ds->y, .n = ds->n};
            sl_boundary_fit_view(&m);
            sl_grid_printf(&g, 0, 0, PLOT_W, sl_st(0, 0, 0),
                           zh ? "决策边界：横轴 %s，纵轴 %s" : "decision boundary: %s across, %s up",
                           ds->features[0], ds->features[1]);
            sl_render_legend(&g, 0, 1, PLOT_W, gl, ds->classes, ds->k,
                             sl_tr(zh, "boundary", "边界"));
            sl_render_boundary(&g, sl_rc(0, 2, PLOT_W, MAP_H), &m, gl);
            print_grid_rows(out, &g);
        }
    } else {
        fprintf(out, zh ? "决策边界：只在 2 个特征时绘制（这份数据有 %zu 个）；"
                          "用 --features i,j 选两个\n"
                        : "decision boundary: drawn only for 2 features (this data has %zu); "
                          "choose two with --features i,j\n", ds->d);
    }
    if (count == 0) {
        fputs(sl_tr(zh, "loss curve: no epochs were run\n", "损失曲线：没有训练任何一轮\n"), out);
        return;
    }
    fputc('\n', out);
    if (sl_grid_init(&g, PLOT_W, LOSS_H) == 0) {
        sl_render_loss(&g, sl_rc(0, 0, PLOT_W, LOSS_H), loss, count, 0, sl_tr(zh, "epoch", "轮次"),
                       sl_tr(zh, "cross-entropy loss", "交叉熵损失"), gl);
        print_grid_rows(out, &g);
    }
}

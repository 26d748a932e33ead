#!/usr/bin/env python3
"""mutants.py — shows that the lesson tests catch the bugs they target.

For each mutant (a small deliberate bug in lab/render or lab/lesson) it copies
the source tree to a scratch folder, applies the bug, builds, runs the test
that targets it and expects a failure.  Run from the top folder:
    python3 lab/lesson/tests/mutants.py [NAME…]      (make lesson-mutants)
Exit status 0 only if every mutant is caught.  Takes a few minutes."""
import os, shutil, subprocess, sys, tempfile

TOP = os.getcwd()
# name: (file, original text, buggy text, test command run in the copy)
RENDER = "build-m/lesson-test-render"
APP = "build-m/lesson-test-app"
E2E = "bash lab/lesson/tests/e2e.sh build-m/softmax-lab"
MUTANTS = {
    "wide char split at the right edge": (
        "lab/render/grid.c", "if (w == 0 || !in_clip(g, x, y) || (w == 2 && !in_clip(g, x + 1, y)))",
        "if (w == 0 || !in_clip(g, x, y))", RENDER + " --filter 'render/wide_char_never_split'"),
    "width ignores wcwidth (CJK counted as 1)": (
        "lab/render/utf8.c", "    int w = wcwidth((wchar_t)cp);\n    if (w >= 0)\n        return w;",
        "    return 1;", RENDER + " --filter 'render/cjk_width'"),
    "line may start with closing punctuation": (
        "lab/render/text.c", "&& !is_closing(c)", "&& (is_closing(c) || 1)", RENDER + " --filter 'render/wrap_cjk_by_width'"),
    "boundary reads W as k x d": (
        "lab/render/plot.c", "double z = u * m->W[j] + v * m->W[m->k + j] + m->b[j];",
        "double z = u * m->W[2 * j] + v * m->W[2 * j + 1] + m->b[j];",
        RENDER + " --filter 'render/boundary_cells_are_predictions'"),
    "regions drawn bold (classes not distinct in monochrome)": (
        "lab/render/plot.c", "sl_st(SL_DIM, sl_class_ink(c), sl_class_color(c)));",
        "sl_st(SL_BOLD, sl_class_ink(c), sl_class_color(c)));",
        RENDER + " --filter 'render/points_bold_regions_dim'"),
    "loss curve one row off": (
        "lab/render/plot.c", "    int row = (int)lround((1 - v / top) * (ph - 1));\n    return",
        "    int row = (int)lround((1 - v / top) * (ph - 1)) + 1;\n    return",
        RENDER + " --filter 'render/loss_curve_first_point_row'"),
    "table columns aligned by bytes": (
        "lab/render/text.c", "            int w = sl_str_width(buf);\n            if (w > colw[c])",
        "            int w = (int)strlen(buf);\n            if (w > colw[c])",
        RENDER + " --filter 'render/doc_table_cjk_aligned'"),
    "--ascii lets unknown characters through": (
        "lab/lesson/ascii.c", 'const char *rep = "?";', 'char enc[5] = {0};\n        sl_utf8_put(cp, enc);\n        const char *rep = enc;',
        APP + " --filter 'text/asciify'"),
    "--ascii text not transliterated": (
        "lab/lesson/app.c", "        if (o->ascii)\n            sl_content_asciify(&a->content[l]);\n", "",
        APP + " --filter 'pages/ascii_everywhere'"),
    "L does not switch language": (
        "lab/lesson/app.c", "    a->zh = !a->zh;\n", "", APP + " --filter 'keys/language_switch'"),
    "softmax playground uses the naive formula": (
        "lab/lesson/scr_softmax.c", "    softmax(zt, p, 1, (size_t)s->n);",
        "    for (int i = 0; i < s->n; i++)\n        p[i] = naive[i] / nsum;",
        APP + " --filter 'numbers/softmax_playground'"),
    "trainer does not update the model": (
        "lab/lesson/trainer.c", "im->train(t->ds.X, t->Y, n, 2, k, t->W, t->b, t->lr, 1, &before);",
        "im->train(t->ds.X, t->Y, n, 2, k, t->W, t->b, 0.0, 1, &before);",
        APP + " --filter 'training/runs_and_redraws'"),
    "i accepted although an exercise fails": (
        "lab/lesson/progress.c", "if (!p->m.exercises[i].optional && !sl_progress_passes(p, i))",
        "if (0)", APP + " --filter 'training/student_gate'"),
    "i accepted with a check missing from the status": (
        "lab/lesson/progress.c", "s->max == total && ", "(total || 1) && ", APP + " --filter 'training/gate_counts_every_check'"),
    "exercises page not following the files": (
        "lab/lesson/app.c", "    if (fp == a->watch_fp)\n        return 0;", "    return 0;",
        APP + " --filter 'training/page_follows_files'"),
    "wrapper breaks inside formulas": (
        "lab/render/text.c", "                if (kind == 1)\n                    strong = weak;",
        "                strong = weak;", APP + " --filter 'layout/wrap_keeps_formulas_whole'"),
    "text cut without a marker": (
        "lab/render/grid.c", "                sl_grid_mark_cut(g, x + used, y, st);", "                (void)0;",
        APP + " --filter 'layout/a_word_too_long_is_marked'"),
    "loss curve samples one epoch per column": (
        "lab/render/plot.c", "    if (!any) {", "    if (any || 1) {", RENDER + " --filter 'render/loss_curve_shows_every_spike'"),
    "accuracy after the step, loss before it": (
        "lab/lesson/scr_train.c", "sl_fmt_num(loss, sizeof loss, t->cur_loss, 1, 4);",
        "sl_fmt_num(loss, sizeof loss, t->epochs ? t->loss[t->epochs - 1] : t->cur_loss, 1, 4);",
        APP + " --filter 'training/loss_and_accuracy_at_same_parameters'"),
    "student's garbage accepted": (
        "lab/lesson/trainer.c", "} else if (sl_guard_compare(&mine, &ref, k, epochs, t->problem, sizeof t->problem) != 0) {",
        "} else if (0) {",
        APP + " --filter 'guard/garbage'"),
    "a string missing in zh.yaml": (
        "lab/lesson/text/zh.yaml", '  quiz_right: "答对了。"\n', "", APP + " --filter 'text/languages_match'"),
    "widget page text cut off at 80x24": (
        "lab/lesson/screens.c", '{"train",      16,', '{"train",      19,', APP + " --filter 'pages/english_80x24'"),
    "terminal not restored on Ctrl-C": (
        "lab/lesson/term.c", "    sigaction(SIGINT, &sa, NULL);\n", "", E2E),
    "UTF-8 glyphs in a non-UTF-8 locale": (
        "lab/lesson/lesson.c", "    if (!utf8)\n        o.ascii = 1;\n", "    (void)utf8;\n", E2E),
    "KEY_RESIZE not re-laid out": (
        "lab/lesson/lesson.c", "            sl_term_size(&w, &h);\n", "            w = 100, h = 32;\n", E2E),
    # §6 data pages (test_data_pages.c)
    "OCR accuracy miscounted": (
        "lab/lesson/realdata.c", "m->hits += o->pred[i] == o->test.y[i];",
        "m->hits += o->pred[i] == o->test.y[i] || i % 7 == 0;",
        APP + " --filter 'ocr/accuracy_confusion_top3_mistakes_wine'"),
    "digits trained all at once (screen frozen)": (
        "lab/lesson/scr_ocr.c", "sl_realdata_step(&a->real, SL_RD_STEP);",
        "sl_realdata_step(&a->real, SL_RD_EPOCHS);",
        APP + " --filter 'ocr/trains_in_steps_and_keys_work_meanwhile'"),
    "top-3 probabilities printed in the wrong order": (
        "lab/lesson/scr_ocr.c", 'snprintf(line, sizeof line, "%zu %6.2f%%", idx[j], 100 * prob[j]);',
        'snprintf(line, sizeof line, "%zu %6.2f%%", idx[2 - j], 100 * prob[2 - j]);',
        APP + " --filter 'ocr/accuracy_confusion_top3_mistakes_wine'"),
    "mistakes browsed least confident first": (
        "lab/lesson/scr_ocr.c", "return a->ocr.list ? a->real.mistakes[i] : i;",
        "return a->ocr.list ? a->real.mistakes[a->real.n_mistakes - 1 - i] : i;",
        APP + " --filter 'ocr/accuracy_confusion_top3_mistakes_wine'"),
    "ECE over 5 bins instead of 10": (
        "lab/lesson/realdata.c", "m->ece = sl_calibration(o->P, o->test.y, n, k, SL_RD_BINS,",
        "m->ece = sl_calibration(o->P, o->test.y, n, k, SL_RD_BINS / 2,",
        APP + " --filter 'calib/ece_shown_in_range_and_right'"),
    "reliability diagram taller than its space (counts cut off)": (
        "lab/lesson/scr_calib.c", "ph = r.h - 4 > 16 ? 16 : r.h - 4;", "ph = r.h - 2 > 16 ? 16 : r.h - 2;",
        APP + " --filter 'calib/ece_shown_in_range_and_right'"),
    "multi-label demo uses softmax (labels compete)": (
        "lab/lesson/scr_mldemo.c", "        sl_multilabel_predict(e, s->W, s->b, 1, 2, 2, S[i]);\n",
        "        logits(e, s->W, s->b, 1, 2, 2, S[i]);\n        softmax(S[i], S[i], 1, 2);\n",
        APP + " --filter 'mldemo/two_labels_above_half'"),
    "digit art in Unicode under --ascii": (
        "lab/lesson/scr_ocr.c", "sl_digit_art(m->d.raw_test + row * SL_RD_D, 16, a->ascii, art);",
        "sl_digit_art(m->d.raw_test + row * SL_RD_D, 16, 0, art);",
        APP + " --filter 'data_pages/ascii_after_training'"),
}

def run(cmd, cwd):
    return subprocess.run(cmd, shell=True, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

def main():
    names = sys.argv[1:] or list(MUTANTS)
    scratch = tempfile.mkdtemp(prefix="lesson-mutants-")
    missed = []
    try:
        src = os.path.join(scratch, "src")
        shutil.copytree(TOP, src, ignore=shutil.ignore_patterns("build*", ".git"))
        for name in names:
            path, old, new, test = MUTANTS[name]
            full = os.path.join(src, path)
            with open(full) as f:
                text = f.read()
            if text.count(old) != 1:
                print(f"?? {name}: the original text is not found once in {path}")
                missed.append(name)
                continue
            with open(full, "w") as f:
                f.write(text.replace(old, new))
            b = run("make -s BUILD=build-m build-m/softmax-lab build-m/lesson-test-render build-m/lesson-test-app", src)
            r = run(test, src) if b.returncode == 0 else b
            with open(full, "w") as f:
                f.write(text)
            caught = b.returncode == 0 and r.returncode != 0
            print(f"{'caught' if caught else 'MISSED'}: {name}  ({test.split()[0].split('/')[-1]})")
            if not caught:
                missed.append(name)
                print("  " + (b.stdout if b.returncode else r.stdout)[-800:].replace("\n", "\n  "))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"mutants: {len(names) - len(missed)} of {len(names)} caught")
    return 1 if missed else 0

if __name__ == "__main__":
    sys.exit(main())

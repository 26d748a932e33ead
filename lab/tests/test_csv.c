/* test_csv.c — the CSV loader (lab/csv.c) on good and bad input: every error
 * names file:line and says what was wrong. */
#include "dataset.h"

#include <criterion/criterion.h>
#include <string.h>

/* Parses text, expecting failure with exactly `want` as the message. */
static void expect_error(const char *text, const char *want)
{
    sl_dataset ds = {0};
    char err[256] = "";
    int rc = sl_dataset_parse_csv(text, strlen(text), "bad.csv", &ds, err, sizeof err);
    cr_assert_eq(rc, -1, "expected the parse of %s to fail with \"%s\", but it succeeded", text, want);
    cr_assert_str_eq(err, want, "wrong message for input %s\n expected: %s\n      got: %s", text, want, err);
    cr_assert_null(ds.X, "a failed parse must leave the output untouched");
}

static sl_dataset parse_ok(const char *text)
{
    sl_dataset ds = {0};
    char err[256] = "";
    int rc = sl_dataset_parse_csv(text, strlen(text), "good.csv", &ds, err, sizeof err);
    cr_assert_eq(rc, 0, "expected success, got: %s", err);
    return ds;
}

Test(csv, wrong_field_count_names_line)
{
    expect_error("a,b,c,d,label\n1,2,3,4,x\n1,2,3,y\n", "bad.csv:3: expected 5 fields, got 4");
    expect_error("a,label\n1,x,extra\n", "bad.csv:2: expected 2 fields, got 3");
}

Test(csv, unsupported_quotes_and_separators_said)
{
    expect_error("a,b,label\n1,2,\"x,y\"\n", "bad.csv:2: expected 3 fields, got 4 (quoted fields are "
                 "not supported: no quotes, no commas inside a field)");
    expect_error("a;b;label\n1;2;x\n", "bad.csv:1: the header needs at least one feature and a label "
                 "column (fields are separated by commas, not ';' or tabs)");
}

Test(csv, non_number_names_field)
{
    expect_error("a,b,label\n1,2,x\n1,two,y\n", "bad.csv:3: field 2 (b): 'two' is not a finite number");
    expect_error("a,b,label\n1,inf,x\n", "bad.csv:2: field 2 (b): 'inf' is not a finite number");
    expect_error("a,b,label\n,1,x\n", "bad.csv:2: field 1 (a): '' is not a finite number");
}

Test(csv, empty_label)
{
    expect_error("a,label\n1,x\n2,\n", "bad.csv:3: the label (last field) is empty");
}

Test(csv, header_only_and_empty_file)
{
    expect_error("a,b,label\n", "bad.csv:1: no data rows after the header");
    expect_error("", "bad.csv:1: empty file: expected a header row");
    expect_error("\n\n  \n", "bad.csv:1: empty file: expected a header row");
    expect_error("label\n1\n", "bad.csv:1: the header needs at least one feature and a label column");
}

Test(csv, crlf_and_blank_lines)
{
    sl_dataset ds = parse_ok("x,y,label\r\n1.5,-2,cat\r\n\r\n\n3,4e1,dog\r\n");
    cr_assert_eq(ds.n, 2, "n: expected 2 rows, got %zu", ds.n);
    cr_assert_eq(ds.d, 2, "d: expected 2, got %zu", ds.d);
    double want[4] = {1.5, -2, 3, 40};
    for (size_t i = 0; i < 4; i++)
        cr_assert_eq(ds.X[i], want[i], "X[%zu][%zu]: expected %g, got %g", i / 2, i % 2, want[i], ds.X[i]);
    cr_assert_str_eq(ds.classes[1], "dog", "class 1: expected 'dog' (no \\r), got '%s'", ds.classes[1]);
    cr_assert_str_eq(ds.features[1], "y", "feature 1: expected 'y', got '%s'", ds.features[1]);
    sl_dataset_free(&ds);
}

Test(csv, classes_in_order_of_first_appearance)
{
    sl_dataset ds = parse_ok("f,label\n1,zebra\n2,ant\n3,zebra\n4,moth\n5,ant\n");
    const char *names[3] = {"zebra", "ant", "moth"};
    int labels[5] = {0, 1, 0, 2, 1};
    cr_assert_eq(ds.k, 3, "k: expected 3 classes, got %zu", ds.k);
    for (size_t c = 0; c < 3; c++)
        cr_assert_str_eq(ds.classes[c], names[c], "class %zu: expected %s, got %s", c, names[c], ds.classes[c]);
    for (size_t i = 0; i < 5; i++)
        cr_assert_eq(ds.y[i], labels[i], "y[%zu]: expected %d, got %d", i, labels[i], ds.y[i]);
    sl_dataset_free(&ds);
}

Test(csv, load_missing_file_names_path)
{
    sl_dataset ds = {0};
    char err[256];
    cr_assert_eq(sl_dataset_load_csv("/nonexistent/x.csv", &ds, err, sizeof err), -1);
    cr_assert_str_eq(err, "/nonexistent/x.csv: cannot open: No such file or directory", "got: %s", err);
}

Test(csv, builtin_iris_shape)
{
    sl_dataset ds = {0};
    char err[256] = "";
    cr_assert_eq(sl_dataset_open("iris", &ds, err, sizeof err), 0, "iris: %s", err);
    cr_assert(ds.n == 150 && ds.d == 4 && ds.k == 3, "iris: expected 150×4 with 3 classes, got %zu×%zu, %zu",
              ds.n, ds.d, ds.k);
    sl_dataset_free(&ds);
}

/* test_csv.c — the CSV loader (lab/csv.c) on good and bad input: every error
 * names file:line and says what was wrong; numbers are strtod's, bit for
 * bit; a file read in pieces gives what the whole text gives. */
#include "dataset.h"
#include "errbuf.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* Random numbers written every way the fast path reads (and some it hands
 * on to strtod: 20+ digits, mantissas above 2^53, exponents past ±22, hex,
 * quotes): each parsed value must be strtod's, bit for bit. */
Test(csv, numbers_exactly_as_strtod)
{
    enum { ROWS = 20000 };
    static const char *const fixed[] = {"0", "-0", "007", "1.", ".5", "+3", " 12 ", "\t-4.25",
                                        "255", "9007199254740993", "12345678901234567890",
                                        "1e22", "1e23", "1.7976931348623157e308", "2.2250738585072014e-308",
                                        "0x1p-3", "\"42\"", "123456789.987654321", "0.000001",
                                        "1E+5", "2.5e-22", "2.5e-23", "99999999", "100000000"};
    const size_t nfixed = sizeof fixed / sizeof *fixed;
    char (*num)[64] = malloc(ROWS * sizeof *num);
    size_t cap = ROWS * 72 + 16, len = 0;
    char *text = malloc(cap);
    cr_assert(num && text);
    len += (size_t)sprintf(text, "v,label\n");
    unsigned long long s = 12345;
    for (size_t i = 0; i < ROWS; i++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        const unsigned r = (unsigned)(s >> 33);
        if (i < nfixed)
            snprintf(num[i], sizeof num[i], "%s", fixed[i]);
        else if (r % 4 == 0)
            snprintf(num[i], sizeof num[i], "%u", r % 256);
        else if (r % 4 == 1)
            snprintf(num[i], sizeof num[i], "%.*f", (int)(r % 9), (double)(r % 100000) / 7.0 - 5000.0);
        else if (r % 4 == 2)
            snprintf(num[i], sizeof num[i], "%.*e", (int)(r % 19), (double)(int)r * 1e-3);
        else
            snprintf(num[i], sizeof num[i], "%llu%s%llue%d", s % 1000000007ULL, r & 1 ? "." : "",
                     (s >> 20) % 100000ULL, (int)(r % 61) - 30);
        len += (size_t)sprintf(text + len, "%s,c%u\n", num[i], r % 3);
    }
    sl_dataset ds = {0};
    char err[256] = "";
    cr_assert_eq(sl_dataset_parse_csv(text, len, "n.csv", &ds, err, sizeof err), 0, "%s", err);
    cr_assert_eq(ds.n, ROWS);
    size_t mismatches = 0;
    for (size_t i = 0; i < ROWS; i++) {
        const char *t = num[i];
        char clean[64];
        size_t c = 0;
        for (; *t; t++)
            if (*t != '"' && *t != ' ' && *t != '\t')
                clean[c++] = *t;
        clean[c] = '\0';
        const double want = strtod(clean, NULL);
        if (memcmp(&want, &ds.X[i], sizeof want) != 0 && mismatches++ < 5)
            cr_log_error("row %zu: '%s' parsed as %.17g, strtod gives %.17g", i + 2, num[i], ds.X[i], want);
    }
    cr_assert_eq(mismatches, 0, "%zu of %d numbers differ from strtod (first ones above)", mismatches, ROWS);
    sl_dataset_free(&ds);
    free(num);
    free(text);
}

/* A file longer than the loader's 4 MB pieces (lines cut across them, the
 * later pieces parsed in two halves on two threads; blank lines, CRLF, a
 * quoted label, a class first seen near the end, no final newline) loads
 * exactly as the same text parsed whole, and an error far into it names
 * its line. */
Test(csv, file_read_in_pieces_equals_text)
{
    char path[64], want[160];
    snprintf(path, sizeof path, "/tmp/softmax-lab-pieces-%d.csv", (int)getpid());
    FILE *f = fopen(path, "w");
    cr_assert(f, "cannot write %s", path);
    fputs("a,b,c,label\n", f);
    size_t lines = 1;
    for (int i = 0; i < 300000; i++) {
        const char *label = i == 250000 ? "\"quoted\"" : i >= 290000 && i % 5 == 0 ? "late"
                          : i % 3 ? "yes" : "no";
        fprintf(f, "%d,%d.%03d,%de-%d,%s%s", i % 977, i % 13, i % 1000, i % 89, i % 7, label,
                i + 1 == 300000 ? "" : i % 7 ? "\n" : "\r\n");
        lines++;
        if (i % 1000 == 999) {
            fputs("\n", f);
            lines++;
        }
    }
    fclose(f);
    char *text;
    size_t len;
    sl_dataset whole = {0}, read = {0};
    char err[256] = "";
    cr_assert_eq(sl_read_file(path, &text, &len), 0);
    cr_assert(len > ((size_t)5 << 20), "the file must span more than one piece: %zu bytes", len);
    cr_assert_eq(sl_dataset_parse_csv(text, len, path, &whole, err, sizeof err), 0, "%s", err);
    cr_assert_eq(sl_dataset_load_csv(path, &read, err, sizeof err), 0, "%s", err);
    cr_assert(read.n == 300000 && whole.n == 300000 && read.d == 3 && read.k == 4 && whole.k == 4,
              "shapes: file %zu×%zu k=%zu, text %zu rows k=%zu", read.n, read.d, read.k, whole.n, whole.k);
    for (size_t c = 0; c < 4; c++)
        cr_assert_str_eq(read.classes[c], whole.classes[c], "class %zu", c);
    cr_assert_str_eq(read.classes[3], "late");
    cr_assert(!memcmp(read.X, whole.X, read.n * read.d * sizeof *read.X), "X differs");
    cr_assert(!memcmp(read.y, whole.y, read.n * sizeof *read.y), "y differs");
    sl_dataset_free(&whole);
    sl_dataset_free(&read);
    free(text);
    f = fopen(path, "a");
    fputs("\n1,2,x3,no\n", f);
    fclose(f);
    cr_assert_eq(sl_dataset_load_csv(path, &read, err, sizeof err), -1);
    snprintf(want, sizeof want, "%s:%zu: field 3 (c): 'x3' is not a finite number", path, lines + 1);
    cr_assert_str_eq(err, want, "got: %s", err);
    remove(path);
}

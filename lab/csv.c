/* csv.c — the CSV loader of dataset.h: header row, numeric features, the
 * class name in the last column.  Every error names file:line. */
#include "dataset.h"
#include "errbuf.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *start;
    size_t len;
} span;

static span trim(span s)
{
    while (s.len && isspace((unsigned char)s.start[0])) {
        s.start++;
        s.len--;
    }
    while (s.len && isspace((unsigned char)s.start[s.len - 1]))
        s.len--;
    if (s.len >= 2 && s.start[0] == '"' && s.start[s.len - 1] == '"') {
        s.start++;
        s.len -= 2;
    }
    return s;
}

/* Splits line into at most max fields; returns the number of fields found. */
static size_t split_fields(span line, span *fields, size_t max)
{
    size_t count = 0;
    const char *p = line.start, *end = line.start + line.len;
    for (;;) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *stop = comma ? comma : end;
        if (count < max)
            fields[count] = trim((span){p, (size_t)(stop - p)});
        count++;
        if (!comma)
            return count;
        p = comma + 1;
    }
}

static char *dup_span(span s)
{
    char *c = malloc(s.len + 1);
    if (c) {
        memcpy(c, s.start, s.len);
        c[s.len] = '\0';
    }
    return c;
}

static int parse_number(span s, double *out)
{
    char buf[64];
    if (s.len == 0 || s.len >= sizeof buf)
        return -1;
    memcpy(buf, s.start, s.len);
    buf[s.len] = '\0';
    char *end;
    errno = 0;
    double v = strtod(buf, &end);
    if (*end != '\0' || errno == ERANGE || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

static int is_blank(span s)
{
    for (size_t i = 0; i < s.len; i++)
        if (!isspace((unsigned char)s.start[i]))
            return 0;
    return 1;
}

/* Class index of name, adding it when new; −1 when out of memory. */
static int class_index(sl_dataset *ds, span name)
{
    for (size_t c = 0; c < ds->k; c++)
        if (strlen(ds->classes[c]) == name.len && memcmp(ds->classes[c], name.start, name.len) == 0)
            return (int)c;
    char **grown = realloc(ds->classes, (ds->k + 1) * sizeof *grown);
    if (!grown)
        return -1;
    ds->classes = grown;
    if (!(ds->classes[ds->k] = dup_span(name)))
        return -1;
    return (int)ds->k++;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

int sl_dataset_parse_csv(const char *text, size_t len, const char *filename,
                         sl_dataset *out, char *err, size_t errlen)
{
    sl_dataset ds = {0};
    span *fields = NULL;
    size_t cap = 0, ncols = 0, lineno = 0;
    const char *p = text, *end = text + len;
    int rc = -1;

    snprintf(ds.name, sizeof ds.name, "%s", base_name(filename));
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        span line = {p, (size_t)((nl ? nl : end) - p)};
        p = nl ? nl + 1 : end;
        lineno++;
        if (line.len && line.start[line.len - 1] == '\r')
            line.len--;
        if (is_blank(line))
            continue;
        if (ncols == 0) {                       /* the header */
            ncols = split_fields(line, NULL, 0);
            if (ncols < 2) {
                sl_errorf(err, errlen, "%s:%zu: the header needs at least one feature and a label column%s",
                          filename, lineno, memchr(line.start, ';', line.len) || memchr(line.start, '\t', line.len)
                          ? " (fields are separated by commas, not ';' or tabs)" : "");
                goto out;
            }
            if (!(fields = malloc(ncols * sizeof *fields)) ||
                !(ds.features = calloc(ncols - 1, sizeof *ds.features)))
                goto oom;
            split_fields(line, fields, ncols);
            ds.d = ncols - 1;
            for (size_t j = 0; j < ds.d; j++)
                if (!(ds.features[j] = dup_span(fields[j])))
                    goto oom;
            continue;
        }
        size_t got = split_fields(line, fields, ncols);
        if (got != ncols) {
            sl_errorf(err, errlen, "%s:%zu: expected %zu fields, got %zu%s", filename, lineno, ncols, got,
                      memchr(line.start, '"', line.len)
                      ? " (quoted fields are not supported: no quotes, no commas inside a field)" : "");
            goto out;
        }
        if (ds.n == cap) {
            cap = cap ? 2 * cap : 256;
            double *X = realloc(ds.X, cap * ds.d * sizeof *X);
            if (X)
                ds.X = X;
            int *y = realloc(ds.y, cap * sizeof *y);
            if (y)
                ds.y = y;
            if (!X || !y)
                goto oom;
        }
        for (size_t j = 0; j < ds.d; j++)
            if (parse_number(fields[j], &ds.X[ds.n * ds.d + j]) != 0) {
                sl_errorf(err, errlen, "%s:%zu: field %zu (%s): '%.*s' is not a finite number", filename,
                     lineno, j + 1, ds.features[j], (int)(fields[j].len > 40 ? 40 : fields[j].len),
                     fields[j].start);
                goto out;
            }
        if (fields[ds.d].len == 0) {
            sl_errorf(err, errlen, "%s:%zu: the label (last field) is empty", filename, lineno);
            goto out;
        }
        int c = class_index(&ds, fields[ds.d]);
        if (c < 0)
            goto oom;
        ds.y[ds.n++] = c;
    }
    if (ncols == 0)
        sl_errorf(err, errlen, "%s:1: empty file: expected a header row", filename);
    else if (ds.n == 0)
        sl_errorf(err, errlen, "%s:%zu: no data rows after the header", filename, lineno);
    else
        rc = 0;
    goto out;
oom:
    sl_errorf(err, errlen, "%s:%zu: out of memory", filename, lineno);
out:
    free(fields);
    if (rc == 0)
        *out = ds;
    else
        sl_dataset_free(&ds);
    return rc;
}

int sl_dataset_load_csv(const char *path, sl_dataset *out, char *err, size_t errlen)
{
    char *buf;
    size_t len;
    if (sl_read_file(path, &buf, &len) != 0)
        return errno == EIO ? sl_errorf(err, errlen, "%s: read error", path)
                            : sl_errorf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
    int rc = sl_dataset_parse_csv(buf, len, path, out, err, errlen);
    free(buf);
    return rc;
}

/* csv.c — the CSV loader of dataset.h: header row, numeric features, the
 * class name in the last column.  Every error names file:line.
 *
 * Speed (a 168 MB MNIST-shaped file): a file is read in 4 MB pieces and
 * parsed line by line as it comes, so the text is never held whole beside
 * the numbers; X grows by realloc (large blocks are remapped, not copied).
 * A row whose fields are plain decimals is parsed in one pass (fast_row,
 * exact: Clinger's fast path m·10^e, m < 2^53, |e| ≤ 22); any other row
 * (quotes, hex, many digits, an error) goes through the general path
 * (strtod), which also writes every message. */
#include "dataset.h"
#include "errbuf.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* The parser between lines: the dataset so far and where it is. */
typedef struct {
    sl_dataset ds;
    const char *filename;
    span *fields;          /* ncols spans, for the general path */
    size_t ncols, cap, lineno;
    size_t bytes;          /* the size of the whole text: bounds the rows */
    char *err;
    size_t errlen;
} csv_state;

static const double pow10_exact[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_little_endian(void)
{
    const uint16_t one = 1;
    return *(const unsigned char *)&one == 1;
}

/* The run of digits at *p (stepping past it) appended to *m: *m·10^len + the
 * digits' value; returns len.  Up to 7 digits are read without a branch
 * per digit (SWAR: 8 bytes as one 64-bit word, the first non-digit found
 * by carries, the digits combined by three multiplications), which keeps
 * the branch predictor out of short fields like pixels; else one by one. */
static inline __attribute__((always_inline)) size_t take_digits(const char **pp, const char *end,
                                                                uint64_t *m)
{
    static const uint64_t pow10_int[8] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000};
    const char *p = *pp;
    if (end - p >= 8) {
        uint64_t x;
        memcpy(&x, p, 8);
        x -= UINT64_C(0x3030303030303030);                       /* '0' off every byte */
        const uint64_t stop = (x | (x + UINT64_C(0x7676767676767676))) & UINT64_C(0x8080808080808080);
        if (stop && is_little_endian()) {
            const size_t len = (size_t)__builtin_ctzll(stop) / 8;
            if (len > 0) {
                x <<= 8 * (8 - len);                              /* leading zero digits */
                x = x * 10 + (x >> 8);
                x = (((x & UINT64_C(0x000000FF000000FF)) * UINT64_C(0x000F424000000064)) +
                     (((x >> 16) & UINT64_C(0x000000FF000000FF)) * UINT64_C(0x0000271000000001))) >> 32;
                *m = *m * pow10_int[len] + x;
            }
            *pp = p + len;
            return len;
        }
    }
    while (p < end && is_digit(*p))
        *m = *m * 10 + (uint64_t)(*p++ - '0');
    const size_t len = (size_t)(p - *pp);
    *pp = p;
    return len;
}

/* Reads a plain decimal field ([+-]digits[.digits][e[+-]digits], spaces or
 * tabs around it, 19 digits at most) at *pp and steps past the comma that
 * ends it (or stops at end).  0 when the field is anything else or not
 * exactly representable by the fast path: the general path (strtod) then
 * takes the row. */
static int fast_number(const char **pp, const char *end, double *out)
{
    const char *p = *pp;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    const int neg = p < end && *p == '-';
    p += p < end && (*p == '-' || *p == '+');
    uint64_t m = 0;
    size_t digits = take_digits(&p, end, &m);
    int e10 = 0;
    if (p < end && *p == '.') {
        p++;
        const size_t frac = take_digits(&p, end, &m);
        e10 = -(int)frac;
        digits += frac;
    }
    if (digits == 0 || digits > 19)              /* 19 digits cannot overflow m */
        return 0;
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        const int eneg = p < end && *p == '-';
        p += p < end && (*p == '-' || *p == '+');
        int ev = 0, eany = 0;
        for (; p < end && is_digit(*p); p++, eany = 1)
            ev = ev < 100000 ? ev * 10 + (*p - '0') : ev;
        if (!eany)
            return 0;
        e10 += eneg ? -ev : ev;
    }
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p < end && *p != ',')
        return 0;
    double v = 0.0;
    if (m != 0) {
        if (m > (UINT64_C(1) << 53) || e10 < -22 || e10 > 22)
            return 0;
        v = e10 < 0 ? (double)m / pow10_exact[-e10] : (double)m * pow10_exact[e10];
    }
    *out = neg ? -v : v;
    *pp = p < end ? p + 1 : p;
    return 1;
}

/* Asks for huge pages under a large block (Linux, THP in "madvise" mode):
 * filling X then takes one page fault per 2 MB instead of per 4 KB, which
 * is most of the loading time on a virtual machine.  Only a hint. */
static void advise_huge_pages(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
    const uintptr_t page = 4096, a = ((uintptr_t)p + page - 1) & ~(page - 1);
    const uintptr_t b = ((uintptr_t)p + bytes) & ~(page - 1);
    if (bytes >= ((size_t)8 << 20) && b > a)
        madvise((void *)a, b - a, MADV_HUGEPAGE);
#else
    (void)p, (void)bytes;
#endif
}

/* Makes room in X and y for `rows` rows; −1 when out of memory.  The first
 * time, room for every row the text can hold (a row takes at least 2d + 2
 * bytes): only the pages written become memory, and X never moves. */
static int make_room(csv_state *st, size_t rows)
{
    sl_dataset *ds = &st->ds;
    if (rows <= st->cap)
        return 0;
    const size_t most = st->bytes / (2 * ds->d + 2) + 1;
    size_t cap = st->cap ? 2 * st->cap : most > 16 ? most : 16;
    cap = cap < rows ? rows : cap;
    double *X = realloc(ds->X, cap * (ds->d ? ds->d : 1) * sizeof *X);
    if (X)
        ds->X = X;
    int *y = realloc(ds->y, cap * sizeof *y);
    if (y)
        ds->y = y;
    if (!X || !y)
        return -1;
    st->cap = cap;
    advise_huge_pages(ds->X, cap * (ds->d ? ds->d : 1) * sizeof *X);
    return 0;
}

/* The numbers of a row of plain decimals into x (d of them) and its label
 * span; 0 when the general path must take the row (x then holds junk). */
static int fast_numbers(const sl_dataset *ds, span line, double *x, span *label)
{
    const char *p = line.start, *end = line.start + line.len;
    for (size_t j = 0; j < ds->d; j++)
        if (!fast_number(&p, end, &x[j]))
            return 0;
    *label = trim((span){p, (size_t)(end - p)});
    return label->len != 0 && !memchr(label->start, ',', label->len) && label->start[0] != '"';
}

/* The row of plain decimals in line, straight into X; 1 when done, 0 when
 * the general path must take it (nothing is kept then), −1 out of memory. */
static int fast_row(csv_state *st, span line)
{
    sl_dataset *ds = &st->ds;
    span label;
    if (!fast_numbers(ds, line, ds->X + ds->n * ds->d, &label))
        return 0;
    int c = class_index(ds, label);
    if (c < 0)
        return -1;
    ds->y[ds->n++] = c;
    return 1;
}

/* The header row: feature names; −1 with the message on error. */
static int header_row(csv_state *st, span line)
{
    sl_dataset *ds = &st->ds;
    st->ncols = split_fields(line, NULL, 0);
    if (st->ncols < 2) {
        sl_errorf(st->err, st->errlen, "%s:%zu: the header needs at least one feature and a label column%s",
                  st->filename, st->lineno, memchr(line.start, ';', line.len) || memchr(line.start, '\t', line.len)
                  ? " (fields are separated by commas, not ';' or tabs)" : "");
        st->ncols = 0;
        return -1;
    }
    if (!(st->fields = malloc(st->ncols * sizeof *st->fields)) ||
        !(ds->features = calloc(st->ncols - 1, sizeof *ds->features)))
        return sl_errorf(st->err, st->errlen, "%s:%zu: out of memory", st->filename, st->lineno);
    split_fields(line, st->fields, st->ncols);
    ds->d = st->ncols - 1;
    for (size_t j = 0; j < ds->d; j++)
        if (!(ds->features[j] = dup_span(st->fields[j])))
            return sl_errorf(st->err, st->errlen, "%s:%zu: out of memory", st->filename, st->lineno);
    return 0;
}

/* A data row by the general path (split, trim, strtod); every message. */
static int general_row(csv_state *st, span line)
{
    sl_dataset *ds = &st->ds;
    span *fields = st->fields;
    size_t got = split_fields(line, fields, st->ncols);
    if (got != st->ncols)
        return sl_errorf(st->err, st->errlen, "%s:%zu: expected %zu fields, got %zu%s", st->filename,
                         st->lineno, st->ncols, got, memchr(line.start, '"', line.len)
                         ? " (quoted fields are not supported: no quotes, no commas inside a field)" : "");
    for (size_t j = 0; j < ds->d; j++)
        if (parse_number(fields[j], &ds->X[ds->n * ds->d + j]) != 0)
            return sl_errorf(st->err, st->errlen, "%s:%zu: field %zu (%s): '%.*s' is not a finite number",
                             st->filename, st->lineno, j + 1, ds->features[j],
                             (int)(fields[j].len > 40 ? 40 : fields[j].len), fields[j].start);
    if (fields[ds->d].len == 0)
        return sl_errorf(st->err, st->errlen, "%s:%zu: the label (last field) is empty", st->filename,
                         st->lineno);
    int c = class_index(ds, fields[ds->d]);
    if (c < 0)
        return sl_errorf(st->err, st->errlen, "%s:%zu: out of memory", st->filename, st->lineno);
    ds->y[ds->n++] = c;
    return 0;
}

/* One line (without its '\n'); 0, or −1 with the message in st->err. */
static int feed_line(csv_state *st, span line)
{
    st->lineno++;
    if (line.len && line.start[line.len - 1] == '\r')
        line.len--;
    if (is_blank(line))
        return 0;
    if (st->ncols == 0)
        return header_row(st, line);
    if (make_room(st, st->ds.n + 1) != 0)
        return sl_errorf(st->err, st->errlen, "%s:%zu: out of memory", st->filename, st->lineno);
    int rc = fast_row(st, line);
    if (rc < 0)
        return sl_errorf(st->err, st->errlen, "%s:%zu: out of memory", st->filename, st->lineno);
    return rc ? 0 : general_row(st, line);
}

/* Feeds every complete line of text[0, len); the rest (no '\n' yet) is
 * left: *used gets the bytes consumed.  0, or −1 on error. */
static int feed_lines(csv_state *st, const char *text, size_t len, size_t *used)
{
    const char *p = text, *end = text + len, *nl;
    while (p < end && (nl = memchr(p, '\n', (size_t)(end - p)))) {
        if (feed_line(st, (span){p, (size_t)(nl - p)}) != 0)
            return -1;
        p = nl + 1;
    }
    *used = (size_t)(p - text);
    return 0;
}

static void start(csv_state *st, const char *filename, size_t bytes, char *err, size_t errlen)
{
    *st = (csv_state){.filename = filename, .bytes = bytes, .err = err, .errlen = errlen};
    snprintf(st->ds.name, sizeof st->ds.name, "%s", base_name(filename));
}

/* The checks at the end of the text; hands the dataset over on success. */
static int finish(csv_state *st, int rc, sl_dataset *out)
{
    if (rc == 0 && st->ncols == 0)
        rc = sl_errorf(st->err, st->errlen, "%s:1: empty file: expected a header row", st->filename);
    else if (rc == 0 && st->ds.n == 0)
        rc = sl_errorf(st->err, st->errlen, "%s:%zu: no data rows after the header", st->filename,
                       st->lineno);
    free(st->fields);
    if (rc == 0 && st->ds.n < st->cap) {          /* give back the spare rows */
        double *X = realloc(st->ds.X, st->ds.n * (st->ds.d ? st->ds.d : 1) * sizeof *X);
        st->ds.X = X ? X : st->ds.X;
    }
    if (rc == 0)
        *out = st->ds;
    else
        sl_dataset_free(&st->ds);
    return rc;
}

int sl_dataset_parse_csv(const char *text, size_t len, const char *filename,
                         sl_dataset *out, char *err, size_t errlen)
{
    csv_state st;
    start(&st, filename, len, err, errlen);
    size_t used;
    int rc = feed_lines(&st, text, len, &used);
    if (rc == 0 && used < len)                    /* the last line, without '\n' */
        rc = feed_line(&st, (span){text + used, len - used});
    return finish(&st, rc, out);
}

/* Half of a piece of complete lines, for the two-thread pass. */
typedef struct {
    csv_state *st;
    const char *text;
    size_t len, lines, rows;                      /* rows: its non-blank lines */
    size_t row0;                                  /* the row its first row becomes */
    size_t done_rows, done_lines, done_bytes;     /* what the fast pass took */
    span *labels;                                 /* rows entries */
} csv_half;

static span line_at(const char *p, const char *nl)
{
    span line = {p, (size_t)(nl - p)};
    if (line.len && line.start[line.len - 1] == '\r')
        line.len--;
    return line;
}

static void count_half(csv_half *h)
{
    for (const char *p = h->text, *end = p + h->len, *nl; p < end; p = nl + 1) {
        nl = memchr(p, '\n', (size_t)(end - p));
        h->lines++;
        h->rows += !is_blank(line_at(p, nl));
    }
}

/* The fast pass (a thread's work): rows of plain decimals into X from row
 * row0 on, labels kept as spans; stops at the first other line.  Touches
 * only its own rows of X and its labels. */
static void *fast_half(void *arg)
{
    csv_half *h = arg;
    const sl_dataset *ds = &h->st->ds;
    const char *p = h->text, *end = p + h->len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const span line = line_at(p, nl);
        if (!is_blank(line)) {
            double *x = ds->X + (h->row0 + h->done_rows) * ds->d;
            if (!fast_numbers(ds, line, x, &h->labels[h->done_rows]))
                break;
            h->done_rows++;
        }
        p = nl + 1;
        h->done_lines++;
    }
    h->done_bytes = (size_t)(p - h->text);
    return NULL;
}

/* After the fast pass, in order: the labels become class numbers, then the
 * lines it left go through feed_line (general rows, every message). */
static int finish_half(csv_half *h)
{
    csv_state *st = h->st;
    for (size_t i = 0; i < h->done_rows; i++) {
        int c = class_index(&st->ds, h->labels[i]);
        if (c < 0)
            return sl_errorf(st->err, st->errlen, "%s:%zu: out of memory", st->filename, st->lineno);
        st->ds.y[h->row0 + i] = c;
    }
    st->ds.n = h->row0 + h->done_rows;
    st->lineno += h->done_lines;
    size_t used;
    return feed_lines(st, h->text + h->done_bytes, h->len - h->done_bytes, &used);
}

/* feed_lines on two cores: the complete lines of text cut in two halves at
 * a line end, each parsed by the fast pass into its own rows (the second
 * half's rows start after the first's non-blank lines), then finished in
 * order, so that rows, class numbers and messages are those of feed_lines.
 * One core, the header not read yet, or a small piece: feed_lines. */
static int feed_lines_2(csv_state *st, const char *text, size_t len, size_t *used)
{
    size_t full = len;
    while (full > 0 && text[full - 1] != '\n')
        full--;
    if (st->ncols == 0 || full < ((size_t)1 << 20) || sysconf(_SC_NPROCESSORS_ONLN) < 2)
        return feed_lines(st, text, len, used);
    const char *mid = memchr(text + full / 2, '\n', full - full / 2);
    const size_t len_a = (size_t)(mid + 1 - text);
    csv_half a = {.st = st, .text = text, .len = len_a};
    csv_half b = {.st = st, .text = text + len_a, .len = full - len_a};
    count_half(&a);
    count_half(&b);
    a.row0 = st->ds.n;
    b.row0 = a.row0 + a.rows;
    a.labels = malloc((a.rows ? a.rows : 1) * sizeof *a.labels);
    b.labels = malloc((b.rows ? b.rows : 1) * sizeof *b.labels);
    int rc = 0;
    if (!a.labels || !b.labels || make_room(st, b.row0 + b.rows) != 0)
        rc = sl_errorf(st->err, st->errlen, "%s:%zu: out of memory", st->filename, st->lineno);
    pthread_t helper;
    const int threaded = rc == 0 && pthread_create(&helper, NULL, fast_half, &b) == 0;
    if (rc == 0) {
        fast_half(&a);
        if (threaded)
            pthread_join(helper, NULL);
        else
            fast_half(&b);
        rc = finish_half(&a);
        assert(rc != 0 || st->ds.n == b.row0);    /* every non-blank line gave a row */
        if (rc == 0)
            rc = finish_half(&b);
    }
    free(a.labels);
    free(b.labels);
    *used = full;
    return rc;
}

#define PIECE ((size_t)4 << 20)                   /* bytes read at a time */

int sl_dataset_load_csv(const char *path, sl_dataset *out, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return sl_errorf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
    struct stat info;
    csv_state st;
    start(&st, path, fstat(fd, &info) == 0 && info.st_size > 0 ? (size_t)info.st_size : PIECE, err,
          errlen);
    size_t cap = PIECE, have = 0, used;
    char *buf = malloc(cap);
    int rc = buf ? 0 : sl_errorf(err, errlen, "%s: out of memory", path);
    while (rc == 0) {
        if (have == cap) {                        /* a line longer than the buffer */
            char *grown = realloc(buf, cap *= 2);
            if (!grown) {
                rc = sl_errorf(err, errlen, "%s: out of memory", path);
                break;
            }
            buf = grown;
        }
        ssize_t got = read(fd, buf + have, cap - have);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            rc = sl_errorf(err, errlen, "%s: read error", path);
            break;
        }
        if (got == 0) {                           /* end of file: the last line */
            if (have)
                rc = feed_line(&st, (span){buf, have});
            break;
        }
        have += (size_t)got;
        if ((rc = feed_lines_2(&st, buf, have, &used)) == 0) {
            memmove(buf, buf + used, have - used);
            have -= used;
        }
    }
    free(buf);
    close(fd);
    return finish(&st, rc, out);
}

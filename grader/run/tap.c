/* tap.c — Criterion 2.4.1 TAP report → per-check results (contract: results.h).
 *
 * The lines this understands (two spaces before the time are Criterion's):
 *   ok - suite::test  (0.00s)
 *   not ok - suite::test  (0.00s)              then, for failed assertions:
 *     ---
 *     assertions: 2
 *     failures:
 *     - file.c:5: |+
 *         Assertion failed: [tag] first line
 *         more lines
 *     ...
 *   not ok - suite::test timed out (1.00s)
 *   not ok - suite::test unexpected signal after file.c:7
 * Criterion lists the failures of one test newest first; they are put back in
 * the order they happened, and the tag is taken from the first of them. */
#include "results.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *p;
    size_t len;
} line_t;

/* Growing text buffer. */
typedef struct {
    char *s;
    size_t len, cap;
} buf_t;

static int buf_add(buf_t *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 128;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *ns = realloc(b->s, cap);
        if (!ns)
            return -1;
        b->s = ns, b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
    return 0;
}

static char *dup_n(const char *s, size_t n)
{
    char *c = malloc(n + 1);
    if (c) {
        memcpy(c, s, n);
        c[n] = '\0';
    }
    return c;
}

static int starts(line_t l, const char *prefix)
{
    size_t n = strlen(prefix);
    return l.len >= n && memcmp(l.p, prefix, n) == 0;
}

static line_t next_line(const char **pos, const char *end)
{
    const char *s = *pos, *nl = memchr(s, '\n', (size_t)(end - s));
    const char *stop = nl ? nl : end;
    *pos = nl ? nl + 1 : end;
    line_t l = {s, (size_t)(stop - s)};
    if (l.len && l.p[l.len - 1] == '\r')
        l.len--;
    return l;
}

/* One failed assertion: where, and its message lines. */
typedef struct {
    char *where;
    buf_t text;
} failure_t;

static void failures_free(failure_t *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(f[i].where);
        free(f[i].text.s);
    }
    free(f);
}

/* Joins the failures (oldest first) into r: tag of the first, messages
 * without their tags, separated by newlines. */
static int set_message(sl_check_result *r, failure_t *f, size_t n)
{
    buf_t all = {0};
    for (size_t i = n; i-- > 0;) {
        char *t = f[i].text.s ? f[i].text.s : "";
        size_t tl = f[i].text.len;
        while (tl && t[tl - 1] == '\n')
            tl--;
        if (tl >= 18 && memcmp(t, "Assertion failed: ", 18) == 0)
            t += 18, tl -= 18;
        if (t[0] == '[') {
            const char *close = memchr(t, ']', tl);
            const char *nl = memchr(t, '\n', tl);
            if (close && (!nl || close < nl)) {
                if (!r->tag && !(r->tag = dup_n(t + 1, (size_t)(close - t - 1))))
                    goto oom;
                size_t skip = (size_t)(close - t) + 1;
                while (skip < tl && t[skip] == ' ')
                    skip++;
                t += skip, tl -= skip;
            }
        }
        if (!r->where && f[i].where && !(r->where = strdup(f[i].where)))
            goto oom;
        if ((all.len && buf_add(&all, "\n", 1) != 0) || buf_add(&all, t, tl) != 0)
            goto oom;
    }
    r->message = all.s;
    return 0;
oom:
    free(all.s);
    return -1;
}

/* Reads an optional "  ---" … "  ..." block after a "not ok" line. */
static int read_block(const char **pos, const char *end, sl_check_result *r)
{
    const char *save = *pos;
    if (*pos >= end || !starts(next_line(pos, end), "  ---")) {
        *pos = save;
        return 0;
    }
    failure_t *f = NULL;
    size_t n = 0;
    int in_failures = 0;
    while (*pos < end) {
        line_t l = next_line(pos, end);
        if (starts(l, "  ..."))
            break;
        if (starts(l, "  failures:")) {
            in_failures = 1;
        } else if (in_failures && starts(l, "  - ")) {
            failure_t *nf = realloc(f, (n + 1) * sizeof *f);
            if (!nf)
                goto oom;
            f = nf;
            const char *colon_bar = NULL;
            for (size_t i = 4; i + 3 <= l.len; i++)
                if (memcmp(l.p + i, ": |", 3) == 0)
                    colon_bar = l.p + i;
            size_t wl = colon_bar ? (size_t)(colon_bar - l.p) - 4 : l.len - 4;
            f[n] = (failure_t){dup_n(l.p + 4, wl), {0}};
            n++;
        } else if (in_failures && n && (starts(l, "      ") || l.len == 0)) {
            line_t body = l.len ? (line_t){l.p + 6, l.len - 6} : l;
            buf_t *t = &f[n - 1].text;
            if ((t->len && buf_add(t, "\n", 1) != 0) || buf_add(t, body.p, body.len) != 0)
                goto oom;
        }
    }
    int rc = n ? set_message(r, f, n) : 0;
    failures_free(f, n);
    return rc;
oom:
    failures_free(f, n);
    return -1;
}

int sl_tap_parse(const char *text, size_t len, const char *suite, sl_suite_results *out, char *err,
                 size_t errlen)
{
    const char *pos = text, *end = text + len;
    sl_suite_results res = {NULL, 0};
    size_t cap = 0, slen = strlen(suite);
    int seen_version = 0;
    while (pos < end) {
        line_t l = next_line(&pos, end);
        if (starts(l, "TAP version "))
            seen_version = 1;
        int ok = starts(l, "ok - "), notok = starts(l, "not ok - ");
        if (!ok && !notok)
            continue;
        line_t rest = {l.p + (ok ? 5 : 9), l.len - (ok ? 5 : 9)};
        if (rest.len < slen + 2 || memcmp(rest.p, suite, slen) != 0 || memcmp(rest.p + slen, "::", 2) != 0)
            continue;
        const char *name = rest.p + slen + 2, *rend = rest.p + rest.len;
        const char *name_end = name;
        while (name_end < rend && *name_end != ' ')
            name_end++;
        if (res.n == cap) {
            sl_check_result *nr = realloc(res.results, (cap = cap ? 2 * cap : 16) * sizeof *nr);
            if (!nr)
                goto oom;
            res.results = nr;
        }
        sl_check_result *r = &res.results[res.n++];
        *r = (sl_check_result){dup_n(name, (size_t)(name_end - name)), SL_CHECK_PASS, NULL, NULL, NULL, 0, 0};
        if (!r->check_id)
            goto oom;
        line_t tail = {name_end, (size_t)(rend - name_end)};
        while (tail.len && *tail.p == ' ')
            tail.p++, tail.len--;
        if (ok) {
            if (starts(tail, "# SKIP"))
                r->outcome = SL_CHECK_MISSING;
            continue;
        }
        if (starts(tail, "timed out")) {
            r->outcome = SL_CHECK_TIMEOUT;
            const char *paren = memchr(tail.p, '(', tail.len);
            if (paren)
                r->seconds = strtod(paren + 1, NULL);
        } else if (starts(tail, "unexpected signal after ")) {
            r->outcome = SL_CHECK_CRASH;
            if (!(r->where = dup_n(tail.p + 24, tail.len - 24)))
                goto oom;
        } else {
            r->outcome = SL_CHECK_FAIL;
            if (read_block(&pos, end, r) != 0)
                goto oom;
        }
    }
    if (!seen_version) {
        sl_suite_results_free(&res);
        snprintf(err, errlen, "not a TAP report (no 'TAP version' line)");
        return -1;
    }
    *out = res;
    return 0;
oom:
    sl_suite_results_free(&res);
    snprintf(err, errlen, "out of memory");
    return -1;
}

const sl_check_result *sl_suite_results_find(const sl_suite_results *r, const char *check_id)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->results[i].check_id, check_id) == 0)
            return &r->results[i];
    return NULL;
}

void sl_suite_results_free(sl_suite_results *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->results[i].check_id);
        free(r->results[i].tag);
        free(r->results[i].message);
        free(r->results[i].where);
    }
    free(r->results);
    r->results = NULL;
    r->n = 0;
}

/* results.c — the judge's records → per-check results (contract: results.h). */
#include "results.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The result of check id in r, added when new; NULL when out of memory. */
static sl_check_result *slot(sl_suite_results *r, const char *id)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->results[i].check_id, id) == 0)
            return &r->results[i];
    sl_check_result *grown = realloc(r->results, (r->n + 1) * sizeof *grown);
    if (!grown)
        return NULL;
    r->results = grown;
    sl_check_result *c = &r->results[r->n];
    *c = (sl_check_result){.outcome = SL_CHECK_MISSING};
    if (!(c->check_id = strdup(id)))
        return NULL;
    r->n++;
    return c;
}

/* Replaces *dst with a copy of s (NULL stays NULL); −1 when out of memory. */
static int set(char **dst, const char *s)
{
    free(*dst);
    *dst = s ? strdup(s) : NULL;
    return s && !*dst ? -1 : 0;
}

static int take_judge(sl_check_result *c, json_t *rec)
{
    static const char *const names[] = {"pass", "fail", "crash", "timeout"};
    const char *status = json_string_value(json_object_get(rec, "status"));
    c->outcome = SL_CHECK_FAIL;
    for (int i = 0; status && i < 4; i++)
        if (strcmp(status, names[i]) == 0)
            c->outcome = (sl_check_outcome)i;
    c->signal = (int)json_integer_value(json_object_get(rec, "signal"));
    c->seconds = json_number_value(json_object_get(rec, "seconds"));
    if (set(&c->where, json_string_value(json_object_get(rec, "where"))) != 0)
        return -1;
    if (!c->message && c->outcome == SL_CHECK_FAIL)     /* a check that said nothing itself */
        return set(&c->message, json_string_value(json_object_get(rec, "said")));
    return 0;
}

static int take_check(sl_check_result *c, json_t *rec, int *done)
{
    if (json_is_true(json_object_get(rec, "done"))) {
        *done = 1;
        return 0;
    }
    const char *kind = json_string_value(json_object_get(rec, "kind"));
    const char *mistake = json_string_value(json_object_get(rec, "mistake"));
    char tag[256];
    snprintf(tag, sizeof tag, "%s%s%s", kind ? kind : "property", mistake ? ":" : "", mistake ? mistake : "");
    return set(&c->tag, tag) || set(&c->message, json_string_value(json_object_get(rec, "message")));
}

int sl_results_parse(const char *text, size_t len, const char *suite, sl_suite_results *out,
                     char *err, size_t errlen)
{
    sl_suite_results r = {0};
    int *done = NULL;                   /* per result: the frame saw the body end */
    size_t n_done = 0;
    for (const char *p = text, *end = text + len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        json_t *rec = json_loadb(p, n, 0, NULL);
        p += n + (nl != NULL);
        const char *ex = json_string_value(json_object_get(rec, "exercise"));
        const char *id = json_string_value(json_object_get(rec, "check"));
        const char *source = json_string_value(json_object_get(rec, "source"));
        int rc = 0;
        if (ex && id && source && strcmp(ex, suite) == 0) {
            sl_check_result *c = slot(&r, id);
            if (c && (size_t)(c - r.results) >= n_done) {
                int *grown = realloc(done, (n_done = r.n) * sizeof *grown);
                if (grown)
                    done = grown, done[n_done - 1] = 0;
                rc = grown ? 0 : -1;
            }
            rc = rc || !c ? -1 : strcmp(source, "judge") == 0 ? take_judge(c, rec)
                         : strcmp(source, "check") == 0 ? take_check(c, rec, &done[c - r.results]) : 0;
        }
        json_decref(rec);
        if (rc != 0) {
            free(done);
            sl_suite_results_free(&r);
            snprintf(err, errlen, "out of memory");
            return -1;
        }
    }
    for (size_t i = 0; i < r.n; i++) {
        sl_check_result *c = &r.results[i];
        if (c->outcome == SL_CHECK_PASS && !done[i]) {  /* the judge's process ended early */
            c->outcome = SL_CHECK_FAIL;
            set(&c->tag, "internal");
            set(&c->message, "the check stopped before its end (an exit in the check itself?)");
        } else if (c->outcome == SL_CHECK_PASS) {       /* details of a check that passed: none */
            set(&c->tag, NULL);
            set(&c->message, NULL);
        }
    }
    free(done);
    *out = r;
    return 0;
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

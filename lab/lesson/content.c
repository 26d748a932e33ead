/* content.c — the lesson text loader (contract: content.h). */
#include "content.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct {
    yaml_document_t *doc;
    const char *file;
    char *err;
    size_t errlen;
} ctx;

static int fail(ctx *c, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(ctx *c, const yaml_node_t *n, const char *fmt, ...)
{
    int len = snprintf(c->err, c->errlen, "%s:%zu:%zu: ", c->file, n->start_mark.line + 1,
                       n->start_mark.column + 1);
    va_list ap;
    va_start(ap, fmt);
    if (len >= 0 && (size_t)len < c->errlen)
        vsnprintf(c->err + len, c->errlen - (size_t)len, fmt, ap);
    va_end(ap);
    return -1;
}

static char *dup_str(const char *s)
{
    char *d = strdup(s);
    if (!d)
        abort();
    return d;
}

static const char *scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static yaml_node_t *node(ctx *c, int id)
{
    return yaml_document_get_node(c->doc, id);
}

static int want(ctx *c, yaml_node_t *n, yaml_node_type_t t, const char *what)
{
    static const char *const names[] = {"nothing", "a text", "a list", "a mapping"};
    if (n->type == t)
        return 0;
    return fail(c, n, "%s should be %s", what, names[t]);
}

static int read_str(ctx *c, yaml_node_t *n, const char *what, char **out)
{
    if (want(c, n, YAML_SCALAR_NODE, what))
        return -1;
    *out = dup_str(scalar(n));
    return 0;
}

static int read_int(ctx *c, yaml_node_t *n, const char *what, int lo, int hi, int *out)
{
    const char *s = scalar(n);
    char *end;
    long v = s ? strtol(s, &end, 10) : 0;
    if (!s || !*s || *end || v < lo || v > hi)
        return fail(c, n, "%s should be a whole number from %d to %d", what, lo, hi);
    *out = (int)v;
    return 0;
}

/* Checks that every key of mapping n is in allowed[] and appears once. */
static int check_keys(ctx *c, yaml_node_t *n, const char *what, const char *const *allowed)
{
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node(c, p->key);
        const char *key = scalar(k);
        if (!key)
            return fail(c, k, "keys of %s should be plain words", what);
        int ok = 0;
        for (const char *const *a = allowed; *a; a++)
            ok |= strcmp(*a, key) == 0;
        if (!ok)
            return fail(c, k, "unknown key '%s' in %s", key, what);
        for (yaml_node_pair_t *q = n->data.mapping.pairs.start; q < p; q++)
            if (strcmp(scalar(node(c, q->key)), key) == 0)
                return fail(c, k, "key '%s' appears twice in %s", key, what);
    }
    return 0;
}

static yaml_node_t *get(ctx *c, yaml_node_t *map, const char *key)
{
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++)
        if (strcmp(scalar(node(c, p->key)), key) == 0)
            return node(c, p->value);
    return NULL;
}

static int read_question(ctx *c, yaml_node_t *n, sl_quiz_q *q)
{
    static const char *const keys[] = {"question", "choices", "answer", "explain", NULL};
    if (want(c, n, YAML_MAPPING_NODE, "a quiz question") || check_keys(c, n, "a quiz question", keys))
        return -1;
    yaml_node_t *qn = get(c, n, "question"), *ch = get(c, n, "choices"), *an = get(c, n, "answer"),
                *ex = get(c, n, "explain");
    if (!qn || !ch || !an || !ex)
        return fail(c, n, "a quiz question needs question, choices, answer and explain");
    if (read_str(c, qn, "question", &q->question) || read_str(c, ex, "explain", &q->explain)
        || want(c, ch, YAML_SEQUENCE_NODE, "choices"))
        return -1;
    size_t nc = (size_t)(ch->data.sequence.items.top - ch->data.sequence.items.start);
    if (nc < 2 || nc > 6)
        return fail(c, ch, "a question needs 2 to 6 choices, not %zu", nc);
    q->choices = calloc(nc, sizeof *q->choices);
    if (!q->choices)
        abort();
    q->n_choices = nc;
    for (size_t i = 0; i < nc; i++)
        if (read_str(c, node(c, ch->data.sequence.items.start[i]), "a choice", &q->choices[i]))
            return -1;
    return read_int(c, an, "answer (the index of the right choice, from 0)", 0, (int)nc - 1,
                    &q->answer);
}

static int read_page(ctx *c, yaml_node_t *n, sl_page *pg)
{
    static const char *const keys[] = {"id", "section", "title", "body", "widget", "quiz", NULL};
    if (want(c, n, YAML_MAPPING_NODE, "a page") || check_keys(c, n, "a page", keys))
        return -1;
    yaml_node_t *id = get(c, n, "id"), *sec = get(c, n, "section"), *ti = get(c, n, "title"),
                *bo = get(c, n, "body"), *wi = get(c, n, "widget"), *qz = get(c, n, "quiz");
    if (!id || !sec || !ti)
        return fail(c, n, "a page needs id, section and title");
    if (read_str(c, id, "id", &pg->id) || read_int(c, sec, "section", 1, 6, &pg->section)
        || read_str(c, ti, "title", &pg->title))
        return -1;
    if (bo ? read_str(c, bo, "body", &pg->body) : (pg->body = dup_str(""), 0))
        return -1;
    if (wi ? read_str(c, wi, "widget", &pg->widget) : (pg->widget = dup_str(""), 0))
        return -1;
    if (!qz)
        return 0;
    if (want(c, qz, YAML_SEQUENCE_NODE, "quiz"))
        return -1;
    size_t nq = (size_t)(qz->data.sequence.items.top - qz->data.sequence.items.start);
    pg->quiz = calloc(nq ? nq : 1, sizeof *pg->quiz);
    if (!pg->quiz)
        abort();
    pg->n_quiz = nq;
    for (size_t i = 0; i < nq; i++)
        if (read_question(c, node(c, qz->data.sequence.items.start[i]), &pg->quiz[i]))
            return -1;
    return 0;
}

static int read_root(ctx *c, yaml_node_t *root, sl_content *out)
{
    static const char *const keys[] = {"strings", "pages", NULL};
    if (want(c, root, YAML_MAPPING_NODE, "the lesson file") || check_keys(c, root, "the lesson file", keys))
        return -1;
    yaml_node_t *st = get(c, root, "strings"), *pg = get(c, root, "pages");
    if (!st || !pg)
        return fail(c, root, "the lesson file needs 'strings' and 'pages'");
    if (want(c, st, YAML_MAPPING_NODE, "strings") || want(c, pg, YAML_SEQUENCE_NODE, "pages"))
        return -1;
    size_t ns = (size_t)(st->data.mapping.pairs.top - st->data.mapping.pairs.start);
    out->keys = calloc(ns ? ns : 1, sizeof *out->keys);
    out->values = calloc(ns ? ns : 1, sizeof *out->values);
    if (!out->keys || !out->values)
        abort();
    for (yaml_node_pair_t *p = st->data.mapping.pairs.start; p < st->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node(c, p->key);
        if (!scalar(k))
            return fail(c, k, "string names should be plain words");
        for (size_t i = 0; i < out->n_strings; i++)
            if (strcmp(out->keys[i], scalar(k)) == 0)
                return fail(c, k, "string '%s' is defined twice", scalar(k));
        if (read_str(c, node(c, p->value), scalar(k), &out->values[out->n_strings]))
            return -1;
        out->keys[out->n_strings++] = dup_str(scalar(k));
    }
    size_t np = (size_t)(pg->data.sequence.items.top - pg->data.sequence.items.start);
    if (np == 0)
        return fail(c, pg, "there should be at least one page");
    out->pages = calloc(np, sizeof *out->pages);
    if (!out->pages)
        abort();
    for (size_t i = 0; i < np; i++) {
        yaml_node_t *n = node(c, pg->data.sequence.items.start[i]);
        out->n_pages++;
        if (read_page(c, n, &out->pages[i]))
            return -1;
        for (size_t j = 0; j < i; j++)
            if (strcmp(out->pages[j].id, out->pages[i].id) == 0)
                return fail(c, n, "page id '%s' is used twice", out->pages[i].id);
        if (i > 0 && out->pages[i].section < out->pages[i - 1].section)
            return fail(c, n, "page '%s' (section %d) comes after section %d: keep sections in order",
                        out->pages[i].id, out->pages[i].section, out->pages[i - 1].section);
    }
    return 0;
}

int sl_content_parse(const char *text, size_t len, const char *filename, sl_content *out,
                     char *err, size_t errlen)
{
    *out = (sl_content){0};
    yaml_parser_t parser;
    yaml_document_t doc;
    if (!yaml_parser_initialize(&parser))
        abort();
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, &doc)) {
        snprintf(err, errlen, "%s:%zu:%zu: %s", filename, parser.problem_mark.line + 1,
                 parser.problem_mark.column + 1, parser.problem ? parser.problem : "bad YAML");
        yaml_parser_delete(&parser);
        return -1;
    }
    ctx c = {&doc, filename, err, errlen};
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    int rc;
    if (!root) {
        snprintf(err, errlen, "%s:1:1: the file is empty", filename);
        rc = -1;
    } else {
        rc = read_root(&c, root, out);
    }
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    if (rc)
        sl_content_free(out);
    return rc;
}

void sl_content_free(sl_content *c)
{
    for (size_t i = 0; i < c->n_pages; i++) {
        sl_page *p = &c->pages[i];
        free(p->id), free(p->title), free(p->body), free(p->widget);
        for (size_t q = 0; q < p->n_quiz; q++) {
            free(p->quiz[q].question), free(p->quiz[q].explain);
            for (size_t k = 0; k < p->quiz[q].n_choices; k++)
                free(p->quiz[q].choices[k]);
            free(p->quiz[q].choices);
        }
        free(p->quiz);
    }
    free(c->pages);
    for (size_t i = 0; i < c->n_strings; i++)
        free(c->keys[i]), free(c->values[i]);
    free(c->keys);
    free(c->values);
    *c = (sl_content){0};
}

const char *sl_content_str(const sl_content *c, const char *key)
{
    for (size_t i = 0; i < c->n_strings; i++)
        if (strcmp(c->keys[i], key) == 0)
            return c->values[i];
    return NULL;
}

int sl_content_find(const sl_content *c, const char *id)
{
    for (size_t i = 0; i < c->n_pages; i++)
        if (strcmp(c->pages[i].id, id) == 0)
            return (int)i;
    return -1;
}

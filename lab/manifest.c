/* manifest.c — the exercises.yaml loader (contract: manifest.h).
 *
 * Two passes over the text with libyaml: an event pass that rejects anchors,
 * aliases and explicit tags (the document API resolves aliases silently, so
 * they are invisible afterwards), then the document API (yaml_parser_load)
 * whose node tree is checked strictly against the schema at the top of
 * exercises.yaml.  Every error names FILE:LINE:COL (1-based) of the node at
 * fault, taken from the node's start mark. */
#include "manifest.h"
#include "errbuf.h"

#include "lang.h"

#include <errno.h>
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
    int zh;                     /* messages in Chinese (sl_lang_zh) */
} ctx;

typedef struct {
    const char *name;
    int required;
} key_spec;

/* Writes "FILE:LINE:COL: message" (English or Chinese format, same
 * arguments) into c->err; returns −1. */
__attribute__((format(printf, 3, 5), format(printf, 4, 5))) static int
fail_mark(ctx *c, yaml_mark_t m, const char *en, const char *zh, ...)
{
    if (c->err && c->errlen) {
        int used = snprintf(c->err, c->errlen, "%s:%zu:%zu: ", c->file, m.line + 1, m.column + 1);
        if (used >= 0 && (size_t)used < c->errlen) {
            va_list ap;
            va_start(ap, zh);
            vsnprintf(c->err + used, c->errlen - (size_t)used, c->zh ? zh : en, ap);
            va_end(ap);
        }
    }
    return -1;
}

#define FAIL_AT(c, node, ...) fail_mark((c), (node)->start_mark, __VA_ARGS__)

/* The Chinese for the names of places used in messages. */
static const char *place(const ctx *c, const char *what)
{
    static const char *const names[][2] = {{"the manifest", "清单"}, {"an exercise", "练习"}, {"a check", "检查项"}};
    for (size_t i = 0; c->zh && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(what, names[i][0]) == 0)
            return names[i][1];
    return what;
}

static const char *scalar(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

static const char *kind_name(const ctx *c, const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_MAPPING_NODE: return c->zh ? "映射" : "a mapping";
    case YAML_SEQUENCE_NODE: return c->zh ? "列表" : "a list";
    default: return c->zh ? "单个值" : "a single value";
    }
}

/* Checks that node is a mapping whose keys are plain scalars from specs[],
 * each at most once, with every required key present.  vals[i] receives the
 * value node of specs[i], or NULL when absent. */
static int fields(ctx *c, yaml_node_t *node, const char *what, const key_spec *specs,
                  size_t nspecs, yaml_node_t **vals)
{
    if (node->type != YAML_MAPPING_NODE)
        return FAIL_AT(c, node, "%s must be a mapping (key: value lines), not %s",
                       "%s 必须是映射（key: value 形式的行），而不是%s", place(c, what), kind_name(c, node));
    for (size_t i = 0; i < nspecs; i++)
        vals[i] = NULL;
    for (yaml_node_pair_t *p = node->data.mapping.pairs.start; p < node->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(c->doc, p->key);
        yaml_node_t *v = yaml_document_get_node(c->doc, p->value);
        if (k->type != YAML_SCALAR_NODE)
            return FAIL_AT(c, k, "a key in %s must be a plain name", "%s 中的键必须是普通名字", place(c, what));
        size_t i = 0;
        while (i < nspecs && strcmp(specs[i].name, scalar(k)) != 0)
            i++;
        if (i == nspecs) {
            char allowed[256] = "";
            for (size_t j = 0; j < nspecs; j++) {
                strncat(allowed, j ? ", " : "", sizeof allowed - strlen(allowed) - 1);
                strncat(allowed, specs[j].name, sizeof allowed - strlen(allowed) - 1);
            }
            return FAIL_AT(c, k, "unknown key '%s' in %s (allowed: %s)", "未知的键 '%s'，位于%s中（允许的键：%s）",
                           scalar(k), place(c, what), allowed);
        }
        if (vals[i])
            return FAIL_AT(c, k, "duplicate key '%s' in %s", "重复的键 '%s'（在%s中）", scalar(k), place(c, what));
        vals[i] = v;
    }
    for (size_t i = 0; i < nspecs; i++)
        if (specs[i].required && !vals[i])
            return FAIL_AT(c, node, "%s is missing the required key '%s'", "%s缺少必需的键 '%s'", place(c, what),
                           specs[i].name);
    return 0;
}

static int read_string(ctx *c, yaml_node_t *n, const char *key, char **out)
{
    if (n->type != YAML_SCALAR_NODE)
        return FAIL_AT(c, n, "'%s' must be text, not %s", "'%s' 必须是文本，而不是%s", key, kind_name(c, n));
    if (!*scalar(n))
        return FAIL_AT(c, n, "'%s' must not be empty", "'%s' 不能为空", key);
    *out = strdup(scalar(n));
    return *out ? 0 : FAIL_AT(c, n, "out of memory%s", "内存不足%s", "");
}

/* A plain (unquoted) decimal integer in [lo, hi]. */
static int read_int(ctx *c, yaml_node_t *n, const char *key, long lo, long hi, int *out)
{
    const char *s = n->type == YAML_SCALAR_NODE ? scalar(n) : "";
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    int digits_only = *s && strspn(s + (*s == '-'), "0123456789") == strlen(s + (*s == '-'));
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
        !digits_only || errno || *end)
        return FAIL_AT(c, n, "'%s' must be a whole number, got %s%s%s", "'%s' 必须是整数，实际为 %s%s%s", key,
                       n->type == YAML_SCALAR_NODE ? "'" : "", n->type == YAML_SCALAR_NODE ? s : kind_name(c, n),
                       n->type == YAML_SCALAR_NODE ? "'" : "");
    if (v < lo || v > hi)
        return FAIL_AT(c, n, "'%s' must be between %ld and %ld, got %ld", "'%s' 必须在 %ld 到 %ld 之间，实际为 %ld", key,
                       lo, hi, v);
    *out = (int)v;
    return 0;
}

/* A plain true or false. */
static int read_bool(ctx *c, yaml_node_t *n, const char *key, int *out)
{
    if (n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
        if (strcmp(scalar(n), "true") == 0)
            return *out = 1, 0;
        if (strcmp(scalar(n), "false") == 0)
            return *out = 0, 0;
    }
    return FAIL_AT(c, n, "'%s' must be true or false, got %s%s%s", "'%s' 必须是 true 或 false，实际为 %s%s%s", key,
                   n->type == YAML_SCALAR_NODE ? "'" : "", n->type == YAML_SCALAR_NODE ? scalar(n) : kind_name(c, n),
                   n->type == YAML_SCALAR_NODE ? "'" : "");
}

/* An id: [a-z0-9_]+ starting with a letter (also a valid C identifier). */
static int read_id(ctx *c, yaml_node_t *n, const char *key, char **out)
{
    if (read_string(c, n, key, out) != 0)
        return -1;
    const char *s = *out;
    if (s[0] < 'a' || s[0] > 'z' || strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(s))
        return FAIL_AT(c, n, "'%s' must be lower-case letters, digits and _ starting with a letter, got '%s'",
                       "'%s' 只能由小写字母、数字和 _ 组成并以字母开头，实际为 '%s'", key, s);
    return 0;
}

/* {en: …, zh: …}; en required. */
static int read_text(ctx *c, yaml_node_t *n, const char *key, sl_text *out)
{
    static const key_spec specs[] = {{"en", 1}, {"zh", 0}};
    yaml_node_t *v[2];
    char what[64];
    snprintf(what, sizeof what, "'%s'", key);
    if (fields(c, n, what, specs, 2, v) != 0)
        return -1;
    if (read_string(c, v[0], "en", &out->en) != 0)
        return -1;
    return v[1] ? read_string(c, v[1], "zh", &out->zh) : 0;
}

static int expect_list(ctx *c, yaml_node_t *n, const char *key, int nonempty)
{
    if (n->type != YAML_SEQUENCE_NODE)
        return FAIL_AT(c, n, "'%s' must be a list (lines starting with '- '), not %s",
                       "'%s' 必须是列表（以 '- ' 开头的行），而不是%s", key, kind_name(c, n));
    if (nonempty && n->data.sequence.items.start == n->data.sequence.items.top)
        return FAIL_AT(c, n, "'%s' must not be empty", "'%s' 不能为空", key);
    return 0;
}

static size_t list_len(yaml_node_t *n)
{
    return (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
}

static yaml_node_t *list_item(ctx *c, yaml_node_t *n, size_t i)
{
    return yaml_document_get_node(c->doc, n->data.sequence.items.start[i]);
}

/* The value of key in a mapping already checked by fields(). */
static yaml_node_t *map_value(ctx *c, yaml_node_t *map, const char *key)
{
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++)
        if (strcmp(scalar(yaml_document_get_node(c->doc, p->key)), key) == 0)
            return yaml_document_get_node(c->doc, p->value);
    return map;
}

static int read_check(ctx *c, yaml_node_t *n, sl_check *ck)
{
    enum { ID, TITLE, POINTS, HIDDEN, N };
    static const key_spec specs[N] = {{"id", 1}, {"title", 1}, {"points", 1}, {"hidden", 0}};
    yaml_node_t *v[N];
    if (fields(c, n, "a check", specs, N, v) != 0 || read_id(c, v[ID], "id", &ck->id) != 0 ||
        read_text(c, v[TITLE], "title", &ck->title) != 0 ||
        read_int(c, v[POINTS], "points", 0, 1000000, &ck->points) != 0)
        return -1;
    return v[HIDDEN] ? read_bool(c, v[HIDDEN], "hidden", &ck->hidden) : 0;
}

static int read_exercise(ctx *c, yaml_node_t *n, sl_exercise *ex)
{
    enum { ID, TITLE, DESC, SECTION, FILE_, FUNCTION, OPTIONAL, CHECKS, HINTS, N };
    static const key_spec specs[N] = {{"id", 1},       {"title", 1},    {"description", 1},
                                      {"section", 1},  {"file", 1},     {"function", 1},
                                      {"optional", 0}, {"checks", 1},   {"hints", 0}};
    yaml_node_t *v[N];
    if (fields(c, n, "an exercise", specs, N, v) != 0 || read_id(c, v[ID], "id", &ex->id) != 0 ||
        read_text(c, v[TITLE], "title", &ex->title) != 0 ||
        read_text(c, v[DESC], "description", &ex->description) != 0 ||
        read_int(c, v[SECTION], "section", 1, 6, &ex->section) != 0 ||
        read_string(c, v[FILE_], "file", &ex->file) != 0 ||
        read_id(c, v[FUNCTION], "function", &ex->function) != 0)
        return -1;
    size_t flen = strlen(ex->file);
    if (strchr(ex->file, '/') || flen < 3 || strcmp(ex->file + flen - 2, ".c") != 0)
        return FAIL_AT(c, v[FILE_], "'file' must be a plain C file name like softmax.c, got '%s'",
                       "'file' 必须是像 softmax.c 这样的 C 文件名，实际为 '%s'", ex->file);
    if (v[OPTIONAL] && read_bool(c, v[OPTIONAL], "optional", &ex->optional) != 0)
        return -1;
    if (expect_list(c, v[CHECKS], "checks", 1) != 0)
        return -1;
    size_t nc = list_len(v[CHECKS]);
    if (!(ex->checks = calloc(nc, sizeof *ex->checks)))
        return FAIL_AT(c, n, "out of memory%s", "内存不足%s", "");
    for (size_t i = 0; i < nc; i++) {
        yaml_node_t *item = list_item(c, v[CHECKS], i);
        ex->n_checks = i + 1;
        if (read_check(c, item, &ex->checks[i]) != 0)
            return -1;
        for (size_t j = 0; j < i; j++)
            if (strcmp(ex->checks[j].id, ex->checks[i].id) == 0)
                return FAIL_AT(c, map_value(c, item, "id"), "duplicate check id '%s' in exercise '%s'",
                               "检查 id '%s' 重复（练习 '%s'）", ex->checks[i].id, ex->id);
    }
    if (!v[HINTS])
        return 0;
    if (expect_list(c, v[HINTS], "hints", 0) != 0)
        return -1;
    size_t nh = list_len(v[HINTS]);
    if (nh && !(ex->hints = calloc(nh, sizeof *ex->hints)))
        return FAIL_AT(c, n, "out of memory%s", "内存不足%s", "");
    for (size_t i = 0; i < nh; i++) {
        ex->n_hints = i + 1;
        if (read_text(c, list_item(c, v[HINTS], i), "hint", &ex->hints[i]) != 0)
            return -1;
    }
    return 0;
}

static int read_root(ctx *c, yaml_node_t *root, sl_manifest *m)
{
    static const key_spec specs[] = {{"version", 1}, {"exercises", 1}};
    yaml_node_t *v[2];
    int version;
    if (fields(c, root, "the manifest", specs, 2, v) != 0 ||
        read_int(c, v[0], "version", 1, 1, &version) != 0 || expect_list(c, v[1], "exercises", 1) != 0)
        return -1;
    size_t ne = list_len(v[1]);
    if (!(m->exercises = calloc(ne, sizeof *m->exercises)))
        return FAIL_AT(c, root, "out of memory%s", "内存不足%s", "");
    for (size_t i = 0; i < ne; i++) {
        yaml_node_t *item = list_item(c, v[1], i);
        m->n_exercises = i + 1;
        if (read_exercise(c, item, &m->exercises[i]) != 0)
            return -1;
        for (size_t j = 0; j < i; j++)
            if (strcmp(m->exercises[j].id, m->exercises[i].id) == 0)
                return FAIL_AT(c, map_value(c, item, "id"), "duplicate exercise id '%s'", "练习 id '%s' 重复",
                               m->exercises[i].id);
    }
    return 0;
}

static int syntax_error(ctx *c, const yaml_parser_t *p)
{
    yaml_mark_t m = p->problem ? p->problem_mark : p->mark;
    if (p->context)
        return fail_mark(c, m, "YAML syntax error: %s (%s at line %zu)", "YAML 语法错误：%s（%s，第 %zu 行）",
                         p->problem ? p->problem : "?", p->context, p->context_mark.line + 1);
    return fail_mark(c, m, "YAML syntax error: %s", "YAML 语法错误：%s", p->problem ? p->problem : "unreadable input");
}

/* Event pass: anchors, aliases and explicit tags are not allowed. */
static int reject_anchors(ctx *c, const char *text, size_t len)
{
    yaml_parser_t p;
    yaml_event_t ev;
    if (!yaml_parser_initialize(&p))
        return fail_mark(c, (yaml_mark_t){0, 0, 0}, "out of memory%s", "内存不足%s", "");
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    int rc = 0;
    for (;;) {
        if (!yaml_parser_parse(&p, &ev)) {
            rc = syntax_error(c, &p);
            break;
        }
        const yaml_char_t *anchor = NULL, *tag = NULL;
        if (ev.type == YAML_ALIAS_EVENT)
            rc = fail_mark(c, ev.start_mark, "aliases (*%s) are not allowed: write the value out",
                           "不允许使用别名 (*%s)：请直接写出值", (const char *)ev.data.alias.anchor);
        else if (ev.type == YAML_SCALAR_EVENT)
            anchor = ev.data.scalar.anchor, tag = ev.data.scalar.tag;
        else if (ev.type == YAML_SEQUENCE_START_EVENT)
            anchor = ev.data.sequence_start.anchor, tag = ev.data.sequence_start.tag;
        else if (ev.type == YAML_MAPPING_START_EVENT)
            anchor = ev.data.mapping_start.anchor, tag = ev.data.mapping_start.tag;
        if (!rc && anchor)
            rc = fail_mark(c, ev.start_mark, "anchors (&%s) are not allowed: write the value out",
                           "不允许使用锚点 (&%s)：请直接写出值", (const char *)anchor);
        if (!rc && tag)
            rc = fail_mark(c, ev.start_mark, "tags (%s) are not allowed", "不允许使用标签 (%s)", (const char *)tag);
        int done = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
        if (rc || done)
            break;
    }
    yaml_parser_delete(&p);
    return rc;
}

int sl_manifest_parse(const char *text, size_t len, const char *filename, sl_manifest *out, char *err,
                      size_t errlen)
{
    ctx c = {NULL, filename, err, errlen, sl_lang_zh()};
    if (reject_anchors(&c, text, len) != 0)
        return -1;
    yaml_parser_t p;
    yaml_document_t doc, extra;
    if (!yaml_parser_initialize(&p))
        return fail_mark(&c, (yaml_mark_t){0, 0, 0}, "out of memory%s", "内存不足%s", "");
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    if (!yaml_parser_load(&p, &doc)) {
        int rc = syntax_error(&c, &p);
        yaml_parser_delete(&p);
        return rc;
    }
    c.doc = &doc;
    sl_manifest m = {0};
    int rc = -1;
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (!root) {
        fail_mark(&c, (yaml_mark_t){0, 0, 0}, "empty manifest: expected 'version: 1' and 'exercises:'%s",
                  "清单为空：需要 'version: 1' 和 'exercises:'%s", "");
    } else if (!yaml_parser_load(&p, &extra)) {
        syntax_error(&c, &p);
    } else {
        yaml_node_t *second = yaml_document_get_root_node(&extra);
        if (second)
            fail_mark(&c, second->start_mark, "only one YAML document is allowed (remove the '---')%s",
                      "只允许一个 YAML 文档（请删除 '---'）%s", "");
        else
            rc = read_root(&c, root, &m);
        yaml_document_delete(&extra);
    }
    yaml_document_delete(&doc);
    yaml_parser_delete(&p);
    if (rc != 0)
        sl_manifest_free(&m);
    else
        *out = m;
    return rc;
}

int sl_manifest_load(const char *path, sl_manifest *out, char *err, size_t errlen)
{
    char *buf;
    size_t len;
    if (sl_read_file(path, &buf, &len) != 0) {
        int zh = sl_lang_zh();
        if (errno == EIO)
            snprintf(err, errlen, zh ? "%s：读取出错" : "%s: read error", path);
        else
            snprintf(err, errlen, zh ? "%s：无法打开：%s" : "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    int rc = sl_manifest_parse(buf, len, path, out, err, errlen);
    free(buf);
    return rc;
}

static void text_free(sl_text *t)
{
    free(t->en);
    free(t->zh);
}

void sl_manifest_free(sl_manifest *m)
{
    for (size_t i = 0; i < m->n_exercises; i++) {
        sl_exercise *ex = &m->exercises[i];
        free(ex->id);
        free(ex->file);
        free(ex->function);
        text_free(&ex->title);
        text_free(&ex->description);
        for (size_t j = 0; j < ex->n_checks; j++) {
            free(ex->checks[j].id);
            text_free(&ex->checks[j].title);
        }
        free(ex->checks);
        for (size_t j = 0; j < ex->n_hints; j++)
            text_free(&ex->hints[j]);
        free(ex->hints);
    }
    free(m->exercises);
    memset(m, 0, sizeof *m);
}

const sl_exercise *sl_manifest_find(const sl_manifest *m, const char *id)
{
    for (size_t i = 0; i < m->n_exercises; i++)
        if (strcmp(m->exercises[i].id, id) == 0)
            return &m->exercises[i];
    return NULL;
}

int sl_exercise_points(const sl_exercise *ex, int include_hidden)
{
    int sum = 0;
    for (size_t i = 0; i < ex->n_checks; i++)
        if (include_hidden || !ex->checks[i].hidden)
            sum += ex->checks[i].points;
    return sum;
}

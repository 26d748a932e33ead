/* record.c — see record.h. */
#include "record.h"

#include "util.h"

#include <stdlib.h>
#include <string.h>

const char *ex_state_name(ex_state s)
{
    return sl_ex_outcome_name(s);
}

const char *check_outcome_name(sl_check_outcome o)
{
    return sl_check_outcome_name(o);
}

static void field(sb_t *b, const char *s)
{
    sb_add(b, "\t");
    for (s = s ? s : ""; *s; s++) {
        if (*s == '\t')
            sb_add(b, "\\t");
        else if (*s == '\n')
            sb_add(b, "\\n");
        else if (*s == '\\')
            sb_add(b, "\\\\");
        else if (*s != '\r')
            sb_addn(b, s, 1);
    }
}

static void ifield(sb_t *b, int v)
{
    sb_printf(b, "\t%d", v);
}

char *record_format(const g_student *r)
{
    sb_t b = {0};
    sb_add(&b, "student");
    field(&b, r->student);
    sb_add(&b, "\n");
    for (size_t i = 0; i < r->n_ex; i++) {
        const g_exercise *e = &r->ex[i];
        sb_add(&b, "exercise");
        field(&b, e->id);
        field(&b, ex_state_name(e->state));
        ifield(&b, e->points);
        ifield(&b, e->max);
        ifield(&b, e->bonus);
        field(&b, e->detail);
        sb_add(&b, "\n");
        for (size_t j = 0; j < e->n_checks; j++) {
            const g_check *c = &e->checks[j];
            sb_add(&b, "check");
            field(&b, e->id);
            field(&b, c->id);
            field(&b, check_outcome_name(c->outcome));
            ifield(&b, c->points);
            ifield(&b, c->max);
            ifield(&b, c->hidden);
            field(&b, c->tag);
            field(&b, c->message);
            sb_add(&b, "\n");
        }
    }
    char *s = xstrdup(sb_cstr(&b));
    sb_free(&b);
    return s;
}

/* Splits one line into unescaped fields (at most max). */
static size_t split(const char *line, size_t len, char **f, size_t max)
{
    size_t n = 0;
    sb_t cur = {0};
    for (size_t i = 0; i <= len; i++) {
        if (i == len || line[i] == '\t') {
            if (n < max)
                f[n++] = xstrdup(sb_cstr(&cur));
            cur.len = 0;
            if (cur.s)
                cur.s[0] = '\0';
        } else if (line[i] == '\\' && i + 1 < len) {
            char c = line[++i];
            sb_addn(&cur, c == 't' ? "\t" : c == 'n' ? "\n" : &line[i], 1);
        } else {
            sb_addn(&cur, &line[i], 1);
        }
    }
    sb_free(&cur);
    return n;
}

static char *nonempty(char *s)
{
    if (s && !*s) {
        free(s);
        return NULL;
    }
    return s;
}

int record_parse(const char *text, g_student *out)
{
    g_student r = {0};
    int ok = 1;
    for (const char *p = text; *p && ok;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char *f[9] = {0};
        size_t n = split(p, len, f, 9);
        if (n == 2 && strcmp(f[0], "student") == 0 && !r.student) {
            r.student = f[1], f[1] = NULL;
        } else if (n == 7 && strcmp(f[0], "exercise") == 0) {
            int st = sl_ex_outcome_parse(f[2]);
            if (st < 0) {
                ok = 0;
            } else {
                r.ex = xrealloc(r.ex, (r.n_ex + 1) * sizeof *r.ex);
                g_exercise *e = &r.ex[r.n_ex++];
                *e = (g_exercise){.id = f[1], .state = (ex_state)st, .points = atoi(f[3]),
                                  .max = atoi(f[4]), .bonus = atoi(f[5]),
                                  .detail = nonempty(f[6])};
                f[1] = f[6] = NULL;
            }
        } else if (n == 9 && strcmp(f[0], "check") == 0 && r.n_ex
                   && strcmp(f[1], r.ex[r.n_ex - 1].id) == 0) {
            int oc = sl_check_outcome_parse(f[3]);
            if (oc < 0) {
                ok = 0;
            } else {
                g_exercise *e = &r.ex[r.n_ex - 1];
                e->checks = xrealloc(e->checks, (e->n_checks + 1) * sizeof *e->checks);
                e->checks[e->n_checks++] = (g_check){
                    .id = f[2], .outcome = (sl_check_outcome)oc, .points = atoi(f[4]),
                    .max = atoi(f[5]), .hidden = atoi(f[6]), .tag = nonempty(f[7]),
                    .message = nonempty(f[8])};
                f[2] = f[7] = f[8] = NULL;
            }
        } else if (len > 0) {
            ok = 0;
        }
        for (size_t i = 0; i < 9; i++)
            free(f[i]);
        p = nl ? nl + 1 : p + len;
    }
    if (!ok || !r.student) {
        record_free(&r);
        return -1;
    }
    *out = r;
    return 0;
}

int record_total(const g_student *r)
{
    int t = 0;
    for (size_t i = 0; i < r->n_ex; i++)
        t += r->ex[i].points;
    return t;
}

int record_max(const g_student *r)
{
    int t = 0;
    for (size_t i = 0; i < r->n_ex; i++)
        t += r->ex[i].bonus ? 0 : r->ex[i].max;
    return t;
}

void record_free(g_student *r)
{
    for (size_t i = 0; i < r->n_ex; i++) {
        g_exercise *e = &r->ex[i];
        for (size_t j = 0; j < e->n_checks; j++) {
            free(e->checks[j].id);
            free(e->checks[j].tag);
            free(e->checks[j].message);
        }
        free(e->checks);
        free(e->id);
        free(e->detail);
    }
    free(r->ex);
    free(r->student);
    memset(r, 0, sizeof *r);
}

#include "cc_yaml.h"
#include "cc_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static cc_ynode *new_node(cc_ykind k, const yaml_mark_t *m)
{
    cc_ynode *n = cc_xcalloc(1, sizeof *n);
    n->kind = k;
    n->line = (int)m->line + 1;
    n->col = (int)m->column + 1;
    return n;
}

static void push(cc_ynode *p, cc_ynode *c)
{
    p->items = cc_xrealloc(p->items, (p->n + 1) * sizeof *p->items);
    p->items[p->n++] = c;
}

void cc_yaml_free(cc_ynode *n)
{
    if (!n) return;
    for (size_t i = 0; i < n->n; i++) cc_yaml_free(n->items[i]);
    free(n->items);
    free(n->str);
    free(n);
}

static int parse(yaml_parser_t *p, char *err, size_t errlen, cc_ynode **out)
{
    cc_ynode *stack[128];
    int depth = 0;
    cc_ynode *root = NULL;
    int done = 0, docs = 0;
    while (!done) {
        yaml_event_t ev;
        if (!yaml_parser_parse(p, &ev)) {
            snprintf(err, errlen, "%d:%d: %s%s%s", (int)p->problem_mark.line + 1, (int)p->problem_mark.column + 1,
                     p->problem ? p->problem : "YAML error", p->context ? " " : "", p->context ? p->context : "");
            for (int i = 0; i < depth; i++) (void)0;
            cc_yaml_free(root);
            return -1;
        }
        cc_ynode *n = NULL;
        switch (ev.type) {
        case YAML_STREAM_END_EVENT: done = 1; break;
        case YAML_DOCUMENT_START_EVENT: docs++; break;
        case YAML_DOCUMENT_END_EVENT: if (docs >= 1) done = 1; break;
        case YAML_ALIAS_EVENT:
            snprintf(err, errlen, "%d:%d: aliases are not supported in claimcheck files", (int)ev.start_mark.line + 1,
                     (int)ev.start_mark.column + 1);
            yaml_event_delete(&ev);
            cc_yaml_free(root);
            return -1;
        case YAML_SCALAR_EVENT:
            n = new_node(CC_Y_SCALAR, &ev.start_mark);
            n->str = cc_xstrndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
            n->len = ev.data.scalar.length;
            n->style = ev.data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE   ? 1
                       : ev.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE ? 2
                       : (ev.data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
                          ev.data.scalar.style == YAML_FOLDED_SCALAR_STYLE)
                           ? 3
                           : 0;
            break;
        case YAML_SEQUENCE_START_EVENT: n = new_node(CC_Y_SEQ, &ev.start_mark); break;
        case YAML_MAPPING_START_EVENT: n = new_node(CC_Y_MAP, &ev.start_mark); break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: depth--; break;
        default: break;
        }
        if (n) {
            if (depth > 0 && stack[depth - 1]->kind == CC_Y_MAP && stack[depth - 1]->n % 2 == 0 && n->kind != CC_Y_SCALAR) {
                /* every reader of the tree takes keys as text */
                snprintf(err, errlen, "%d:%d: a mapping key must be a plain value, not a %s", n->line, n->col,
                         n->kind == CC_Y_MAP ? "mapping" : "list");
                cc_yaml_free(n);
                yaml_event_delete(&ev);
                cc_yaml_free(root);
                return -1;
            }
            if (depth > 0) push(stack[depth - 1], n);
            else if (!root) root = n;
            else cc_yaml_free(n);
            if (n->kind != CC_Y_SCALAR) {
                if (depth >= (int)(sizeof stack / sizeof stack[0])) {
                    snprintf(err, errlen, "%d:%d: nesting too deep", n->line, n->col);
                    yaml_event_delete(&ev);
                    cc_yaml_free(root);
                    return -1;
                }
                stack[depth++] = n;
            }
        }
        yaml_event_delete(&ev);
    }
    if (!root) {
        yaml_mark_t m = {0, 0, 0};
        root = new_node(CC_Y_MAP, &m);
    }
    *out = root;
    return 0;
}

cc_ynode *cc_yaml_load_mem(const char *text, size_t len, char *err, size_t errlen)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        snprintf(err, errlen, "1:1: cannot initialise the YAML parser");
        return NULL;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    cc_ynode *root = NULL;
    parse(&p, err, errlen, &root);
    yaml_parser_delete(&p);
    return root;
}

cc_ynode *cc_yaml_load_file(const char *path, char *err, size_t errlen)
{
    char *data;
    size_t len;
    char e[256];
    if (cc_read_file(path, 0, &data, &len, e, sizeof e) != 0) {
        snprintf(err, errlen, "1:1: %s", e);
        return NULL;
    }
    cc_ynode *r = cc_yaml_load_mem(data, len, err, errlen);
    free(data);
    return r;
}

cc_ynode *cc_yaml_get(const cc_ynode *m, const char *key)
{
    if (!m || m->kind != CC_Y_MAP) return NULL;
    for (size_t i = 0; i + 1 < m->n; i += 2)
        if (m->items[i]->kind == CC_Y_SCALAR && strcmp(m->items[i]->str, key) == 0) return m->items[i + 1];
    return NULL;
}

const char *cc_yaml_str(const cc_ynode *m, const char *key)
{
    cc_ynode *v = cc_yaml_get(m, key);
    return v && v->kind == CC_Y_SCALAR ? v->str : NULL;
}

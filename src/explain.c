#include "cc_explain.h"
#include "cc_wording.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One step a rule took, as the scan reported it. */
typedef struct {
    size_t rule;
    cc_trace_step step;
    size_t s, e;
    char detail[128];
} step_seen;

typedef struct {
    const cc_ruleset *rs;
    step_seen *v;
    size_t n, cap;
} steps;

static size_t rule_index(const cc_ruleset *rs, const cc_rule *r)
{
    for (size_t i = 0; i < cc_rules_count(rs); i++)
        if (cc_rules_get(rs, i) == r) return i;
    return 0;
}

static void keep_step(void *arg, const cc_rule *r, cc_trace_step step, size_t s, size_t e, const char *detail)
{
    steps *st = arg;
    if (st->n == st->cap) {
        st->cap = st->cap ? 2 * st->cap : 64;
        st->v = cc_xrealloc(st->v, st->cap * sizeof *st->v);
    }
    step_seen *x = &st->v[st->n++];
    x->rule = rule_index(st->rs, r);
    x->step = step;
    x->s = s;
    x->e = e;
    snprintf(x->detail, sizeof x->detail, "%s", detail ? detail : "");
}

/* A step on the line asked for (0: any); a step about the whole document is on every line. */
static int on_line(const cc_doc *d, int line, size_t s, size_t e)
{
    if (line <= 0 || (s == 0 && e == 0)) return 1;
    /* the lines of the file read (a page's own, through its map) */
    return cc_doc_line(d, s) <= line && line <= cc_doc_line(d, e > s ? e - 1 : s);
}

static void word_step_line(cc_buf *b, const cc_doc *d, const cc_rule *r, const step_seen *x)
{
    cc_buf_puts(b, "  ");
    if (x->s || x->e) {
        int l, c;
        cc_doc_pos(d, x->s, &l, &c);
        cc_buf_printf(b, "%d:%d: ", l, c);
    }
    cc_word_step(b, r, x->step, d->text, x->s, x->e, x->detail[0] ? x->detail : NULL);
    cc_buf_putc(b, '\n');
}

/* The rule's claims on the line, each as the reports describe it. */
static void word_claims(cc_buf *b, const cc_doc *d, const cc_claims *cl, const cc_rule *r, int line)
{
    for (size_t i = 0; i < cl->n; i++) {
        const cc_claim *c = &cl->items[i];
        if (c->rule != r || !on_line(d, line, c->start, c->end)) continue;
        cc_buf_printf(b, "  %d:%d: claim on %s: ", c->line, c->col, c->subject);
        cc_word_claim(b, c);
        cc_buf_putc(b, '\n');
    }
}

void cc_explain(const cc_ruleset *rs, const cc_doc *d, const cc_rule *only, int line, cc_buf *b)
{
    steps st = {rs, NULL, 0, 0};
    cc_matcher *m = cc_matcher_new(rs);
    cc_matcher_trace(m, keep_step, &st);
    cc_claims cl;
    cc_claims_init(&cl);
    cc_diags dg;
    cc_diags_init(&dg);
    cc_scan_doc(rs, m, d, 0, only, 0, &cl, &dg);
    cc_buf quiet; /* rules that read nothing at all: one line at the end */
    cc_buf_init(&quiet);
    for (size_t ri = 0; ri < cc_rules_count(rs); ri++) {
        const cc_rule *r = cc_rules_get(rs, ri);
        if (only && r != only) continue;
        const step_seen *far = NULL;
        size_t nsteps = 0, made = 0;
        for (size_t k = 0; k < st.n; k++) {
            const step_seen *x = &st.v[k];
            if (x->rule != ri || !on_line(d, line, x->s, x->e)) continue;
            if (x->step == CC_TR_CLAIM) { made++; continue; }
            nsteps++;
            if (!far || cc_word_step_rank(x->step) > cc_word_step_rank(far->step)) far = x;
        }
        if (!only && !made && (!far || (far->step == CC_TR_NO_TRIGGER && nsteps == 1))) {
            /* nothing to say but that it read nothing here */
            cc_buf_printf(&quiet, "%s%s", quiet.len ? ", " : "", r->id);
            continue;
        }
        cc_buf_printf(b, "%s:\n", r->id);
        word_claims(b, d, &cl, r, line);
        if (only) { /* every step it took */
            for (size_t k = 0; k < st.n; k++)
                if (st.v[k].rule == ri && st.v[k].step != CC_TR_CLAIM && on_line(d, line, st.v[k].s, st.v[k].e))
                    word_step_line(b, d, r, &st.v[k]);
        } else if (!made && far) {
            word_step_line(b, d, r, far); /* the furthest it got */
        }
    }
    if (quiet.len)
        cc_buf_printf(b, "%s: %s\n", line > 0 ? "nothing read on this line by" : "no trigger word for", quiet.s);
    cc_buf_free(&quiet);
    cc_diags_free(&dg);
    cc_claims_free(&cl);
    cc_matcher_free(m);
    free(st.v);
}

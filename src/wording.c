#include "cc_wording.h"
#include "cc_date.h"
#include "cc_figure.h"

#include <math.h>
#include <string.h>

void cc_word_quote(cc_buf *b, const cc_claim *c)
{
    cc_buf_putc(b, '\'');
    int sp = 0; /* white space folded to one space */
    for (size_t i = 0; i < c->quote_len; i++) {
        char ch = c->quote[i];
        if (ch == '\n' || ch == '\r' || ch == '\t' || ch == ' ') { sp = 1; continue; }
        if (sp) cc_buf_putc(b, ' ');
        sp = 0;
        cc_buf_putc(b, ch);
    }
    cc_buf_putc(b, '\'');
}

/* " on 2026-01-23", with the time a figure was stated for, or " (undated)". */
static void word_when(cc_buf *b, const cc_claim *c)
{
    if (!c->has_date) { cc_buf_puts(b, " (undated)"); return; }
    char d[11];
    cc_date_format(c->date, d);
    cc_buf_printf(b, " on %s", d);
    if (c->as_of) {
        char per[25];
        cc_date_period_format(c->as_of_low, c->as_of_high, per);
        cc_buf_printf(b, ", stated for %s,", per);
    }
}

void cc_word_claim(cc_buf *b, const cc_claim *c)
{
    cc_word_quote(b, c);
    word_when(b, c);
    if (c->unanchored) { cc_buf_puts(b, " cannot be placed in time without a publication date"); return; }
    if (c->rule->derive == CC_DERIVE_START) {
        cc_buf_puts(b, " puts the start ");
        cc_figure_range(b, &c->val);
    } else if (c->rule->derive == CC_DERIVE_SHARE) {
        cc_buf_puts(b, " is ");
        cc_figure_range(b, &c->raw);
        cc_buf_puts(b, " of ");
        cc_figure_number(b, c->ref_value, "km2");
        cc_buf_printf(b, " km² (%s), so ", c->ref_source ? c->ref_source : "reference");
        if (c->complemented) cc_buf_puts(b, "the other side holds the rest: ");
        cc_figure_range(b, &c->val);
    } else if (c->complemented) {
        cc_buf_puts(b, " reads as ");
        cc_figure_range(b, &c->raw);
        cc_buf_puts(b, " held by the other side, so ");
        cc_figure_range(b, &c->val);
    } else {
        cc_buf_puts(b, " reads as ");
        cc_figure_range(b, &c->val);
    }
}

/* A rule's message: with ${subject}, ${quote} (the first claim's) and
 * ${others} (how many claims it is set against) filled in. */
static void own_message(cc_buf *m, const char *tpl, const cc_finding *f, const cc_claim *c)
{
    for (const char *p = tpl; *p;) {
        size_t k = p[0] == '$' && p[1] == '{' ? strcspn(p + 2, "}") : 0;
        switch (k && p[2 + k] == '}' ? cc_rules_message_slot(p + 2, k) : -1) {
        case CC_MSG_SUBJECT: cc_buf_puts(m, f->subject); break;
        case CC_MSG_QUOTE: cc_word_quote(m, c); break;
        case CC_MSG_OTHERS: cc_buf_printf(m, "%zu", f->nothers); break;
        default: cc_buf_putc(m, *p++); continue;
        }
        p += k + 3;
    }
}

static const char *const weekday_names[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

/* The headline: what clashes with what. */
static void word_headline(cc_buf *m, const cc_finding *f, const cc_claims *cl)
{
    const cc_claim *c = &cl->items[f->claims[0]], *o = f->nclaims > 1 ? &cl->items[f->claims[1]] : NULL;
    switch (f->type) {
    case CC_F_CALENDAR: {
        char d[11];
        cc_date_format((int64_t)c->raw.low, d);
        cc_word_quote(m, c);
        cc_buf_printf(m, " names a %s, but %s is a %s", weekday_names[c->raw.weekday], d,
                      weekday_names[c->raw.weekday_actual]);
        return;
    }
    case CC_F_DECREASE:
        cc_word_quote(m, c);
        cc_buf_puts(m, " is lower than the earlier ");
        cc_word_quote(m, o);
        cc_buf_printf(m, " for %s, a total that can only grow", f->subject);
        return;
    case CC_F_DISAGREEMENT:
        if (f->nothers == 1) {
            cc_word_quote(m, c);
            cc_buf_puts(m, " and ");
            cc_word_quote(m, o);
            cc_buf_printf(m, " disagree about %s, and no other claim says which is right", f->subject);
        } else {
            cc_buf_printf(m, "%zu claims about %s disagree with no majority", f->nothers + 1, f->subject);
        }
        return;
    case CC_F_CONFLICT:
        if (f->nconsensus >= 2) {
            cc_word_quote(m, c);
            cc_buf_printf(m, " disagrees with %zu other claim%s about %s", f->nothers, f->nothers == 1 ? "" : "s",
                          f->subject);
        } else if (f->nclaims == 2) {
            cc_word_quote(m, c);
            cc_buf_puts(m, " contradicts ");
            cc_word_quote(m, o);
            cc_buf_printf(m, " about %s", f->subject);
        } else {
            cc_buf_printf(m, "%zu claims about %s disagree with no majority", f->nclaims, f->subject);
        }
        return;
    }
}

/* The reason: how each side was read, and why no value fits both. */
static void word_reason(cc_buf *w, const cc_finding *f, const cc_claims *cl)
{
    const cc_claim *c = &cl->items[f->claims[0]];
    if (f->type == CC_F_CALENDAR) {
        char d[11];
        cc_date_format((int64_t)c->raw.low, d);
        cc_buf_printf(w, "the calendar puts %s on a %s", d, weekday_names[c->raw.weekday_actual]);
        return;
    }
    cc_word_claim(w, c);
    if (f->type == CC_F_DECREASE) {
        cc_buf_puts(w, ", below the earlier ");
        cc_word_claim(w, &cl->items[f->claims[1]]);
        cc_buf_puts(w, "; a running total cannot shrink");
    } else if (f->nconsensus >= 2) {
        /* the example shown is the consensus member with the tightest reading */
        size_t tight = f->claims[1];
        for (size_t i = 1; i <= f->nconsensus; i++) {
            const cc_qty *q = &cl->items[f->claims[i]].val, *t = &cl->items[tight].val;
            if (q->high - q->low < t->high - t->low) tight = f->claims[i];
        }
        cc_buf_printf(w, ", but %zu other claims agree: ", f->nothers);
        cc_figure_range(w, &f->agreed);
        cc_buf_puts(w, " (e.g. ");
        cc_word_claim(w, &cl->items[tight]);
        cc_buf_puts(w, "); no value fits both");
    } else {
        cc_buf_puts(w, ", but ");
        cc_word_claim(w, &cl->items[f->claims[1]]);
        if (f->nothers > 1) cc_buf_printf(w, " (and %zu more)", f->nothers - 1);
        cc_buf_puts(w, f->type == CC_F_DISAGREEMENT ? "; no value fits both, and no majority says which is wrong"
                                                    : "; no value fits both");
    }
}

void cc_word_finding(cc_finding *f, const cc_claims *cl)
{
    cc_buf m, w;
    cc_buf_init(&m);
    cc_buf_init(&w);
    const cc_claim *c = &cl->items[f->claims[0]];
    if (c->rule->message && f->type != CC_F_CALENDAR) own_message(&m, c->rule->message, f, c); /* the rule's own headline */
    else word_headline(&m, f, cl);
    word_reason(&w, f, cl);
    f->message = cc_buf_take(&m);
    f->why = cc_buf_take(&w);
}

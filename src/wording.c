#include "cc_wording.h"
#include "cc_date.h"
#include "cc_figure.h"

#include <math.h>
#include <string.h>

/* Text in quotes, white space folded to one space. */
static void quoted(cc_buf *b, const char *t, size_t n)
{
    cc_buf_putc(b, '\'');
    int sp = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = t[i];
        if (ch == '\n' || ch == '\r' || ch == '\t' || ch == ' ') { sp = 1; continue; }
        if (sp) cc_buf_putc(b, ' ');
        sp = 0;
        cc_buf_putc(b, ch);
    }
    cc_buf_putc(b, '\'');
}

void cc_word_quote(cc_buf *b, const cc_claim *c) { quoted(b, c->quote, c->quote_len); }

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

int cc_word_step_rank(cc_trace_step step)
{
    static const int rank[] = {[CC_TR_NO_TRIGGER] = 0, [CC_TR_TOPIC_DOC] = 1, [CC_TR_NO_PATTERN] = 2,
                               [CC_TR_NO_QUANTITY] = 3, [CC_TR_TOPIC] = 4, [CC_TR_NO_CUE] = 4, [CC_TR_CUE] = 5,
                               [CC_TR_VALUE] = 6,
                               [CC_TR_ABSENT] = 7, [CC_TR_VETO] = 8, [CC_TR_WITHIN] = 9, [CC_TR_DERIVE] = 9,
                               [CC_TR_SAME] = 10, [CC_TR_CLAIM] = 11};
    return step <= CC_TR_CLAIM ? rank[step] : -1;
}

/* The text [s, e) in quotes, white space folded, cut at 80 bytes. */
static void word_span(cc_buf *b, const char *text, size_t s, size_t e) { quoted(b, text + s, e - s > 80 ? 80 : e - s); }

void cc_word_step(cc_buf *b, const cc_rule *r, cc_trace_step step, const char *text, size_t s, size_t e,
                  const char *detail)
{
    switch (step) {
    case CC_TR_NO_TRIGGER:
        cc_buf_puts(b, r->has_also ? "no trigger word, or none of its also: words in the same sentence"
                                   : "no trigger word");
        return;
    case CC_TR_TOPIC_DOC: cc_buf_puts(b, "the document does not match topic.document (nor pass topic.or_not_document)"); return;
    case CC_TR_TOPIC: cc_buf_puts(b, "topic.sentence or topic.not_sentence rejects "); break;
    case CC_TR_NO_PATTERN: cc_buf_printf(b, "the pattern at %s matches nothing in ", detail ? detail : "?"); break;
    case CC_TR_VALUE: cc_buf_printf(b, "the normalizer reads no %s in ", cc_kind_name(r->kind)); break;
    case CC_TR_NO_QUANTITY: cc_buf_printf(b, "the normalizer finds no %s in ", cc_kind_name(r->kind)); break;
    case CC_TR_NO_CUE: cc_buf_printf(b, "no cue '%s' anywhere in ", detail ? detail : "?"); break;
    case CC_TR_CUE: cc_buf_printf(b, "no cue '%s' in reach of ", detail ? detail : "?"); break;
    case CC_TR_ABSENT: cc_buf_printf(b, "cue '%s' (absent: true) stands by ", detail ? detail : "?"); break;
    case CC_TR_VETO: cc_buf_printf(b, "veto word '%s' stands by ", detail ? detail : "?"); break;
    case CC_TR_WITHIN: cc_buf_puts(b, "the value is outside the rule's within: bounds in "); break;
    case CC_TR_DERIVE:
        cc_buf_puts(b, r->derive == CC_DERIVE_REACHED ? "no day stated on which this age is reached, unhedged: "
                                                       : "no reference value to make a share of ");
        break;
    case CC_TR_SAME:
        cc_buf_puts(b, "already read");
        if (detail) cc_buf_printf(b, " as %s", detail);
        cc_buf_puts(b, ": ");
        break;
    case CC_TR_CLAIM: cc_buf_printf(b, "claim on %s: ", detail ? detail : "?"); break;
    }
    word_span(b, text, s, e);
}

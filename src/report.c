#include "cc_report.h"
#include "cc_date.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

size_t cc_report_count(const cc_run *r, cc_severity level)
{
    size_t n = 0;
    for (size_t i = 0; i < r->findings.n; i++)
        if (r->findings.items[i].severity >= level) n++;
    return n;
}

static void date_json(cc_buf *b, int has, int64_t d)
{
    if (!has) { cc_buf_puts(b, "null"); return; }
    char s[11];
    cc_date_format(d, s);
    cc_buf_json_str(b, s, strlen(s));
}

static void bound_json(cc_buf *b, double v, int date)
{
    if (date && isfinite(v)) {
        char s[11];
        cc_date_format((int64_t)llround(v), s);
        cc_buf_json_str(b, s, strlen(s));
    } else {
        cc_buf_json_num(b, v);
    }
}

static void value_json(cc_buf *b, const cc_qty *q, int unanchored)
{
    int date = q->kind == CC_K_DATE;
    cc_buf_puts(b, "{\"low\":");
    bound_json(b, unanchored ? NAN : q->low, date);
    cc_buf_puts(b, ",\"high\":");
    bound_json(b, unanchored ? NAN : q->high, date);
    cc_buf_puts(b, ",\"best\":");
    bound_json(b, unanchored ? NAN : q->best, date);
    cc_buf_puts(b, ",\"unit\":");
    const char *u = q->unit ? q->unit : "";
    cc_buf_json_str(b, u, strlen(u));
    cc_buf_putc(b, '}');
}

void cc_report_claim_json(cc_buf *b, const cc_run *r, const cc_claim *c, const char *role)
{
    const cc_doc *d = &r->docs[c->doc];
    cc_buf_puts(b, "{\"path\":");
    cc_buf_json_str(b, d->path, strlen(d->path));
    cc_buf_printf(b, ",\"line\":%d,\"column\":%d,\"end_line\":%d,\"end_column\":%d,\"text\":", c->line, c->col,
                  c->end_line, c->end_col);
    cc_buf_json_str(b, c->quote, c->quote_len);
    cc_buf_puts(b, ",\"value\":");
    value_json(b, &c->val, c->unanchored);
    cc_buf_puts(b, ",\"read\":");
    value_json(b, &c->raw, c->raw.unanchored);
    cc_buf_puts(b, ",\"hedge\":");
    if (c->raw.hedge != CC_H_NONE) {
        const char *h = cc_hedge_name(c->raw.hedge);
        cc_buf_json_str(b, h, strlen(h));
    } else {
        cc_buf_puts(b, "null");
    }
    cc_buf_puts(b, ",\"date\":");
    date_json(b, c->has_date, c->date);
    cc_buf_puts(b, ",\"rule\":");
    cc_buf_json_str(b, c->rule->id, strlen(c->rule->id));
    cc_buf_puts(b, ",\"subject\":");
    cc_buf_json_str(b, c->subject, strlen(c->subject));
    cc_buf_printf(b, ",\"kind\":\"%s\"", cc_kind_name(c->val.kind));
    if (role) {
        cc_buf_puts(b, ",\"role\":");
        cc_buf_json_str(b, role, strlen(role));
    }
    if (c->ref_key) {
        cc_buf_printf(b, ",\"reference\":{\"name\":");
        cc_buf_json_str(b, c->ref_key, strlen(c->ref_key));
        cc_buf_puts(b, ",\"value\":");
        cc_buf_json_num(b, c->ref_value);
        cc_buf_puts(b, ",\"source\":");
        cc_buf_json_str(b, c->ref_source, strlen(c->ref_source));
        cc_buf_putc(b, '}');
    }
    cc_buf_putc(b, '}');
}

static const char *ftype_name(cc_ftype t)
{
    return t == CC_F_CALENDAR ? "calendar" : t == CC_F_DECREASE ? "decrease" : "conflict";
}

static void diag_json(cc_buf *b, const cc_diag *g)
{
    cc_buf_puts(b, "{\"path\":");
    if (g->file) cc_buf_json_str(b, g->file, strlen(g->file));
    else cc_buf_puts(b, "null");
    if (g->line) cc_buf_printf(b, ",\"line\":%d", g->line);
    if (g->col) cc_buf_printf(b, ",\"column\":%d", g->col);
    cc_buf_puts(b, ",\"message\":");
    cc_buf_json_str(b, g->msg, strlen(g->msg));
    cc_buf_putc(b, '}');
}

void cc_report_json(cc_buf *b, const cc_run *r, const cc_report_opts *o)
{
    cc_buf_puts(b, "{\"version\":1,\"tool\":{\"name\":\"claimcheck\",\"version\":\"" CLAIMCHECK_VERSION "\"},\n\"documents\":[");
    for (size_t i = 0; i < r->ndocs; i++) {
        const cc_doc *d = &r->docs[i];
        cc_buf_puts(b, i ? ",\n " : "\n ");
        cc_buf_puts(b, "{\"path\":");
        cc_buf_json_str(b, d->path, strlen(d->path));
        cc_buf_puts(b, ",\"date\":");
        date_json(b, d->has_date, d->date);
        cc_buf_puts(b, ",\"date_source\":");
        cc_buf_json_str(b, d->date_source, strlen(d->date_source));
        cc_buf_puts(b, ",\"source\":");
        if (d->source) cc_buf_json_str(b, d->source, strlen(d->source));
        else cc_buf_puts(b, "null");
        cc_buf_printf(b, ",\"claims\":%zu}", d->nclaims);
    }
    cc_buf_puts(b, "],\n\"errors\":[");
    size_t k = 0;
    for (size_t i = 0; i < r->diags.n; i++) {
        if (r->diags.items[i].level != CC_D_ERROR) continue;
        cc_buf_puts(b, k++ ? ",\n " : "\n ");
        diag_json(b, &r->diags.items[i]);
    }
    cc_buf_puts(b, "],\n\"warnings\":[");
    k = 0;
    for (size_t i = 0; i < r->diags.n; i++) {
        if (r->diags.items[i].level == CC_D_ERROR) continue;
        cc_buf_puts(b, k++ ? ",\n " : "\n ");
        diag_json(b, &r->diags.items[i]);
    }
    cc_buf_puts(b, "],\n\"skipped\":[");
    for (size_t i = 0; i < r->nskipped; i++) {
        cc_buf_puts(b, i ? ",\n " : "\n ");
        cc_buf_puts(b, "{\"path\":");
        cc_buf_json_str(b, r->skipped[i].path, strlen(r->skipped[i].path));
        cc_buf_puts(b, ",\"reason\":");
        cc_buf_json_str(b, r->skipped[i].reason, strlen(r->skipped[i].reason));
        cc_buf_putc(b, '}');
    }
    cc_buf_puts(b, "],\n\"contradictions\":[");
    k = 0;
    for (size_t i = 0; i < r->findings.n; i++) {
        const cc_finding *f = &r->findings.items[i];
        if (f->severity < o->min_level) continue;
        cc_buf_puts(b, k++ ? ",\n " : "\n ");
        cc_buf_puts(b, "{\"id\":");
        cc_buf_json_str(b, f->id, strlen(f->id));
        cc_buf_puts(b, ",\"type\":");
        cc_buf_json_str(b, ftype_name(f->type), strlen(ftype_name(f->type)));
        cc_buf_puts(b, ",\"rule\":");
        cc_buf_json_str(b, f->rule->id, strlen(f->rule->id));
        cc_buf_puts(b, ",\"subject\":");
        cc_buf_json_str(b, f->subject, strlen(f->subject));
        cc_buf_puts(b, ",\"severity\":");
        const char *sv = cc_severity_name(f->severity);
        cc_buf_json_str(b, sv, strlen(sv));
        cc_buf_puts(b, ",\"message\":");
        cc_buf_json_str(b, f->message, strlen(f->message));
        cc_buf_puts(b, ",\"why\":");
        cc_buf_json_str(b, f->why, strlen(f->why));
        cc_buf_puts(b, ",\"claims\":[");
        for (size_t j = 0; j < f->nclaims; j++) {
            if (j) cc_buf_putc(b, ',');
            const char *role = j == 0 ? "flagged" : (j <= f->nconsensus ? "consensus" : "conflicting");
            cc_report_claim_json(b, r, &r->claims.items[f->claims[j]], role);
        }
        cc_buf_puts(b, "]}");
    }
    cc_buf_puts(b, "],\n\"unanchored\":[");
    k = 0;
    for (size_t i = 0; i < r->claims.n; i++) {
        const cc_claim *c = &r->claims.items[i];
        if (!c->unanchored) continue;
        cc_buf_puts(b, k++ ? ",\n " : "\n ");
        cc_report_claim_json(b, r, c, NULL);
    }
    size_t nerr = 0, un = 0;
    for (size_t i = 0; i < r->diags.n; i++) nerr += r->diags.items[i].level == CC_D_ERROR;
    for (size_t i = 0; i < r->claims.n; i++) un += r->claims.items[i].unanchored;
    size_t e = cc_report_count(r, CC_SEV_ERROR), w = cc_report_count(r, CC_SEV_WARNING),
           inf = cc_report_count(r, CC_SEV_INFO);
    cc_buf_printf(b,
                  "],\n\"summary\":{\"documents\":%zu,\"claims\":%zu,\"contradictions\":%zu,\"unreadable\":%zu,"
                  "\"skipped\":%zu,\"unanchored\":%zu,\"errors\":%zu,"
                  "\"by_severity\":{\"error\":%zu,\"warning\":%zu,\"info\":%zu}}}\n",
                  r->ndocs, r->claims.n, cc_report_count(r, o->min_level), r->unreadable, r->nskipped, un, nerr, e,
                  w - e, inf - w);
}

static const char *C(const cc_report_opts *o, const char *code) { return o->color ? code : ""; }

static void claim_line(cc_buf *b, const cc_run *r, const cc_claim *c, const char *role, const cc_report_opts *o)
{
    const cc_doc *d = &r->docs[c->doc];
    cc_buf_printf(b, "    %s%-9s%s %s:%d:%d: ", C(o, "\033[2m"), role, C(o, "\033[0m"), d->path, c->line, c->col);
    cc_match_describe(b, c, r->docs);
    if (d->source) cc_buf_printf(b, " [%s]", d->source);
    cc_buf_putc(b, '\n');
}

void cc_report_text(cc_buf *b, const cc_run *r, const cc_report_opts *o)
{
    static const char *sevcol[] = {"\033[1;36m", "\033[1;35m", "\033[1;31m"};
    cc_buf_puts(b, "documents:\n");
    for (size_t i = 0; i < r->ndocs; i++) {
        const cc_doc *d = &r->docs[i];
        char ds[11] = "undated";
        if (d->has_date) cc_date_format(d->date, ds);
        cc_buf_printf(b, "  %s  %s (%s)  %zu claim%s%s%s%s\n", d->path, ds, d->date_source, d->nclaims,
                      d->nclaims == 1 ? "" : "s", d->source ? "  [" : "", d->source ? d->source : "",
                      d->source ? "]" : "");
    }
    for (size_t i = 0; i < r->diags.n; i++) {
        const cc_diag *g = &r->diags.items[i];
        FILE *mem;
        char *s = NULL;
        size_t n = 0;
        mem = open_memstream(&s, &n);
        if (!mem) continue;
        cc_diag_print(g, mem, o->color);
        fclose(mem);
        cc_buf_put(b, s, n);
        free(s);
    }
    for (size_t i = 0; i < r->findings.n; i++) {
        const cc_finding *f = &r->findings.items[i];
        if (f->severity < o->min_level) continue;
        const cc_claim *c = &r->claims.items[f->claims[0]];
        cc_buf_printf(b, "\n%s:%d:%d: %s%s:%s [%s] %s\n", r->docs[c->doc].path, c->line, c->col, C(o, sevcol[f->severity]),
                      cc_severity_name(f->severity), C(o, "\033[0m"), f->rule->id, f->message);
        for (size_t j = 0; j < f->nclaims; j++)
            claim_line(b, r, &r->claims.items[f->claims[j]],
                       j == 0 ? "flagged" : (j <= f->nconsensus ? "consensus" : "conflicts"), o);
        cc_buf_printf(b, "    %swhy:%s %s\n", C(o, "\033[1m"), C(o, "\033[0m"), f->why);
    }
    size_t un = 0;
    for (size_t i = 0; i < r->claims.n; i++) {
        const cc_claim *c = &r->claims.items[i];
        if (!c->unanchored) continue;
        if (!un++) cc_buf_puts(b, "\nunanchored claims (their documents have no date, so they were not compared):\n");
        claim_line(b, r, c, "unanchored", o);
    }
    cc_buf_printf(b, "\n%zu document%s, %zu claim%s, %zu contradiction%s shown (%zu error, %zu warning, %zu info), %zu unanchored, %zu unreadable, %zu skipped\n",
                  r->ndocs, r->ndocs == 1 ? "" : "s", r->claims.n, r->claims.n == 1 ? "" : "s",
                  cc_report_count(r, o->min_level), cc_report_count(r, o->min_level) == 1 ? "" : "s",
                  cc_report_count(r, CC_SEV_ERROR), cc_report_count(r, CC_SEV_WARNING) - cc_report_count(r, CC_SEV_ERROR),
                  cc_report_count(r, CC_SEV_INFO) - cc_report_count(r, CC_SEV_WARNING), un, r->unreadable, r->nskipped);
}

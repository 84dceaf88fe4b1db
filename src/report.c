#include "cc_report.h"
#include "cc_wording.h"
#include "cc_date.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

size_t cc_report_count(const cc_run *r, cc_severity level)
{
    size_t n = 0;
    for (size_t i = 0; i < r->findings.n; i++)
        if (cc_finding_live(&r->findings.items[i]) && r->findings.items[i].severity >= level) n++;
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

/* Whether value_json writes the same for both. */
static int same_json_value(const cc_qty *a, int ua, const cc_qty *b, int ub)
{
    const char *x = a->unit ? a->unit : "", *y = b->unit ? b->unit : "";
    return !ua == !ub && (a->kind == CC_K_DATE) == (b->kind == CC_K_DATE) && strcmp(x, y) == 0 &&
           memcmp(&a->low, &b->low, sizeof a->low) == 0 && memcmp(&a->high, &b->high, sizeof a->high) == 0 &&
           memcmp(&a->best, &b->best, sizeof a->best) == 0;
}

/* A finding lists its flagged claim and every claim of the consensus, so
 * the same claim is written many times (on a generated archive, each claim
 * about three times). Its JSON, without the role, is kept in a
 * direct-mapped cache of bounded size, keyed by claim index. */
#define CJ_SLOTS 8192 /* a cache per report thread */
/* A claim's JSON body written ahead of the findings that list it. */
typedef struct {
    const char *s; /* NULL: not written ahead */
    uint32_t len, role_at;
} prebody;

struct cc_json_cache {
    const prebody *pre; /* by claim index, while a JSON report is written; else NULL */
    cc_buf scratch; /* where a missing entry is written before its exact copy */
    size_t nslots;
    struct {
        size_t key;     /* claim index + 1; 0: empty */
        char *s;        /* the object without its role and closing brace */
        size_t len, role_at;
    } e[];
};

static struct cc_json_cache *json_cache_sized(size_t nslots)
{
    struct cc_json_cache *c = cc_xcalloc(1, sizeof *c + nslots * sizeof c->e[0]);
    c->nslots = nslots;
    return c;
}

struct cc_json_cache *cc_json_cache_new(void) { return json_cache_sized(CJ_SLOTS); }

void cc_json_cache_free(struct cc_json_cache *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->nslots; i++) free(c->e[i].s);
    cc_buf_free(&c->scratch);
    free(c);
}

/* The claim object up to its closing brace, with *role_at where "role" goes. */
static void claim_json_body(cc_buf *b, const cc_run *r, const cc_claim *c, size_t *role_at)
{
    const cc_doc *d = &r->docs[c->doc];
    cc_buf_puts(b, "{\"path\":");
    cc_buf_json_str(b, d->path, strlen(d->path));
    cc_buf_puts(b, ",\"line\":");
    cc_buf_put_int(b, c->line);
    cc_buf_puts(b, ",\"column\":");
    cc_buf_put_int(b, c->col);
    cc_buf_puts(b, ",\"end_line\":");
    cc_buf_put_int(b, c->end_line);
    cc_buf_puts(b, ",\"end_column\":");
    cc_buf_put_int(b, c->end_col);
    cc_buf_puts(b, ",\"text\":");
    cc_buf_json_str(b, c->quote, c->quote_len);
    cc_buf_puts(b, ",\"value\":");
    size_t vat = b->len;
    value_json(b, &c->val, c->unanchored);
    cc_buf_puts(b, ",\"read\":");
    if (same_json_value(&c->val, c->unanchored, &c->raw, c->raw.unanchored) && b->len - vat < 256) {
        char v[256]; /* not derived: the value as read, written again */
        size_t vl = b->len - vat - strlen(",\"read\":");
        memcpy(v, b->s + vat, vl);
        cc_buf_put(b, v, vl);
    } else {
        value_json(b, &c->raw, c->raw.unanchored);
    }
    cc_buf_puts(b, ",\"hedge\":");
    if (c->raw.hedge != CC_H_NONE) {
        const char *h = cc_hedge_name(c->raw.hedge);
        cc_buf_json_str(b, h, strlen(h));
    } else {
        cc_buf_puts(b, "null");
    }
    cc_buf_puts(b, ",\"date\":");
    date_json(b, c->has_date, c->date);
    cc_buf_puts(b, ",\"as_of\":"); /* the earlier time the value was stated for: compared then */
    if (c->as_of) {
        cc_buf_puts(b, "{\"low\":");
        date_json(b, 1, c->as_of_low);
        cc_buf_puts(b, ",\"high\":");
        date_json(b, 1, c->as_of_high);
        cc_buf_putc(b, '}');
    } else {
        cc_buf_puts(b, "null");
    }
    cc_buf_puts(b, ",\"rule\":");
    cc_buf_json_str(b, c->rule->id, strlen(c->rule->id));
    cc_buf_puts(b, ",\"subject\":");
    cc_buf_json_str(b, c->subject, strlen(c->subject));
    cc_buf_puts(b, ",\"kind\":\"");
    cc_buf_puts(b, cc_kind_name(c->val.kind));
    cc_buf_putc(b, '"');
    *role_at = b->len;
    if (c->ref_key) {
        cc_buf_puts(b, ",\"reference\":{\"name\":");
        cc_buf_json_str(b, c->ref_key, strlen(c->ref_key));
        cc_buf_puts(b, ",\"value\":");
        cc_buf_json_num(b, c->ref_value);
        cc_buf_puts(b, ",\"source\":");
        cc_buf_json_str(b, c->ref_source, strlen(c->ref_source));
        cc_buf_putc(b, '}');
    }
}

static void claim_json_with(cc_buf *b, const cc_run *r, struct cc_json_cache *jc, const cc_claim *c, const char *role);

/* A claim object body s[0..len) (no closing brace) with its role put in at
 * role_at, then closed. */
static void put_with_role(cc_buf *b, const char *s, size_t len, size_t role_at, const char *role)
{
    cc_buf_put(b, s, role_at);
    if (role) { cc_buf_puts(b, ",\"role\":"); cc_buf_json_str(b, role, strlen(role)); }
    cc_buf_put(b, s + role_at, len - role_at);
    cc_buf_putc(b, '}');
}

void cc_report_claim_json(cc_buf *b, const cc_run *r, const cc_claim *c, const char *role)
{
    claim_json_with(b, r, r->json_cache, c, role);
}

static void claim_json_with(cc_buf *b, const cc_run *r, struct cc_json_cache *jc, const cc_claim *c, const char *role)
{
    size_t idx = (size_t)(c - r->claims.items);
    int mine = jc && idx < r->claims.n; /* else a claim from elsewhere */
    if (mine && jc->pre && jc->pre[idx].s) { /* a JSON report's findings: written ahead */
        put_with_role(b, jc->pre[idx].s, jc->pre[idx].len, jc->pre[idx].role_at, role);
        return;
    }
    cc_buf own, *t = jc ? &jc->scratch : &own;
    if (!jc) cc_buf_init(&own);
    t->len = 0;
    size_t at;
    if (!mine || jc->pre) { /* from elsewhere, or listed once in the report: written in place */
        claim_json_body(t, r, c, &at);
        put_with_role(b, t->s, t->len, at, role);
        if (!jc) cc_buf_free(&own);
        return;
    }
    size_t slot = idx % jc->nslots;
    if (jc->e[slot].key != idx + 1) {
        claim_json_body(t, r, c, &at);
        free(jc->e[slot].s);
        jc->e[slot].len = t->len;
        jc->e[slot].role_at = at;
        jc->e[slot].s = cc_xstrndup(t->s, t->len);
        jc->e[slot].key = idx + 1;
    }
    put_with_role(b, jc->e[slot].s, jc->e[slot].len, jc->e[slot].role_at, role);
}

static void gh_escape(cc_buf *b, const char *s, int prop);

/* ", consensus: path:line:col 'quote'" for the github format */
static void cc_buf_tmp_claim(cc_buf *b, const cc_run *r, const cc_claim *c, const char *role)
{
    cc_buf t;
    cc_buf_init(&t);
    cc_buf_printf(&t, "\n%s: %s:%d:%d ", role, r->docs[c->doc].path, c->line, c->col);
    cc_word_claim(&t, c);
    cc_buf_putc(&t, 0);
    gh_escape(b, t.s, 0);
    cc_buf_free(&t);
}

static const char *ftype_name(cc_ftype t)
{
    return t == CC_F_CALENDAR ? "calendar" : t == CC_F_DECREASE ? "decrease" : t == CC_F_DISAGREEMENT ? "disagreement"
                                                                                                   : "conflict";
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

int cc_report_shown(const cc_finding *f, const cc_report_opts *o, int with_suppressed)
{
    if (f->out_of_scope || f->severity < o->min_level) return 0;
    return with_suppressed || cc_finding_live(f);
}

/* Findings in scope and at or above min_level that a report leaves out of
 * its count: suppressed inline, or (not suppressed but) in the baseline. */
static void hidden_counts(const cc_run *r, const cc_report_opts *o, size_t *sup, size_t *base)
{
    *sup = *base = 0;
    for (size_t i = 0; i < r->findings.n; i++) {
        const cc_finding *f = &r->findings.items[i];
        if (!cc_report_shown(f, o, 1)) continue;
        *sup += f->suppressed;
        *base += f->baselined && !f->suppressed;
    }
}

static void finding_json_with(cc_buf *b, const cc_run *r, struct cc_json_cache *jc, const cc_finding *f);

void cc_report_finding_json(cc_buf *b, const cc_run *r, const cc_finding *f) { finding_json_with(b, r, r->json_cache, f); }

static void finding_json_with(cc_buf *b, const cc_run *r, struct cc_json_cache *jc, const cc_finding *f)
{
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
    cc_buf_printf(b, ",\"suppressed\":%s,\"baselined\":%s", f->suppressed ? "true" : "false",
                  f->baselined ? "true" : "false");
    cc_buf_puts(b, ",\"message\":");
    cc_buf_json_str(b, f->message, strlen(f->message));
    cc_buf_puts(b, ",\"why\":");
    cc_buf_json_str(b, f->why, strlen(f->why));
    cc_buf_puts(b, ",\"claims\":[");
    for (size_t j = 0; j < f->nclaims; j++) {
        if (j) cc_buf_putc(b, ',');
        claim_json_with(b, r, jc, &r->claims.items[f->claims[j]], cc_report_role(f, j));
    }
    cc_buf_puts(b, "]}");
}

const char *cc_report_role(const cc_finding *f, size_t j)
{
    if (f->type == CC_F_DISAGREEMENT) return "disputed"; /* no majority: none is the one that is wrong */
    return j == 0 ? "flagged" : (j <= f->nconsensus ? "consensus" : "conflicting");
}

void cc_report_jsonl(cc_buf *b, const cc_run *r, const cc_report_opts *o)
{
    for (size_t i = 0; i < r->findings.n; i++) {
        if (!cc_report_shown(&r->findings.items[i], o, 1)) continue;
        cc_report_finding_json(b, r, &r->findings.items[i]);
        cc_buf_putc(b, '\n');
    }
}

/* GitHub workflow commands: data escapes %, CR, LF; properties also : and , */
static void gh_escape(cc_buf *b, const char *s, int prop)
{
    for (; *s; s++) {
        if (*s == '%') cc_buf_puts(b, "%25");
        else if (*s == '\r') cc_buf_puts(b, "%0D");
        else if (*s == '\n') cc_buf_puts(b, "%0A");
        else if (prop && *s == ':') cc_buf_puts(b, "%3A");
        else if (prop && *s == ',') cc_buf_puts(b, "%2C");
        else cc_buf_putc(b, *s);
    }
}

void cc_report_github(cc_buf *b, const cc_run *r, const cc_report_opts *o)
{
    static const char *cmd[] = {"notice", "warning", "error"};
    for (size_t i = 0; i < r->diags.n; i++) {
        const cc_diag *g = &r->diags.items[i];
        cc_buf_printf(b, "::%s ", g->level == CC_D_ERROR ? "error" : g->level == CC_D_WARNING ? "warning" : "notice");
        if (g->file) {
            cc_buf_puts(b, "file=");
            gh_escape(b, g->file, 1);
            if (g->line) cc_buf_printf(b, ",line=%d", g->line);
            if (g->col) cc_buf_printf(b, ",col=%d", g->col);
            cc_buf_putc(b, ',');
        }
        cc_buf_puts(b, "title=claimcheck input::");
        gh_escape(b, g->msg, 0);
        cc_buf_putc(b, '\n');
    }
    for (size_t i = 0; i < r->findings.n; i++) {
        const cc_finding *f = &r->findings.items[i];
        if (!cc_report_shown(f, o, 0)) continue;
        const cc_claim *c = &r->claims.items[f->claims[0]];
        cc_buf_printf(b, "::%s file=", cmd[f->severity]);
        gh_escape(b, r->docs[c->doc].path, 1);
        cc_buf_printf(b, ",line=%d,col=%d,endLine=%d,endColumn=%d,title=", c->line, c->col, c->end_line, c->end_col);
        gh_escape(b, f->rule->id, 1);
        cc_buf_puts(b, "::");
        gh_escape(b, f->message, 0);
        cc_buf_puts(b, " — ");
        gh_escape(b, f->why, 0);
        for (size_t j = 1; j < f->nclaims; j++) {
            const cc_claim *o2 = &r->claims.items[f->claims[j]];
            cc_buf_tmp_claim(b, r, o2, cc_report_role(f, j));
        }
        cc_buf_putc(b, '\n');
    }
}

/* The findings of a JSON report, formatted on the run's threads: batches
 * of findings are cut into one slice per thread, each formats its slice
 * into its own buffer (with its own claim cache), and the buffers are
 * written in order, so the text is the same for any number of threads and
 * at most one batch is held in memory. */
typedef struct {
    const cc_run *r;
    const cc_finding **fs; /* every finding of the report */
    size_t from, to;       /* this slice of them */
    cc_buf out;
    struct cc_json_cache *jc;
} fslice;

static void *format_slice(void *arg)
{
    fslice *x = arg;
    for (size_t i = x->from; i < x->to; i++) {
        cc_buf_puts(&x->out, i ? ",\n " : "\n ");
        finding_json_with(&x->out, x->r, x->jc, x->fs[i]);
    }
    return NULL;
}

/* Bodies written ahead: each thread writes a run of the claims the report
 * lists into its own arena. */
typedef struct {
    const cc_run *r;
    const size_t *need; /* claim indexes */
    size_t from, to;
    cc_buf arena;
    size_t *off;       /* need[k]'s body at arena.s + off[k - from] */
    prebody *pre;
} prejob;

static void *prebuild(void *arg)
{
    prejob *x = arg;
    for (size_t k = x->from; k < x->to; k++) {
        size_t at, start = x->arena.len;
        claim_json_body(&x->arena, x->r, &x->r->claims.items[x->need[k]], &at);
        x->off[k - x->from] = start;
        x->pre[x->need[k]].len = (uint32_t)(x->arena.len - start);
        x->pre[x->need[k]].role_at = (uint32_t)(at - start);
    }
    return NULL;
}

/* Every claim that two or more of the shown findings list is written once,
 * on the report's threads, before the findings are (a claim listed once
 * is written where it is listed). A finding lists up to 50 claims; a
 * bounded cache filled as the findings went built each of the 100 MB
 * corpus's 45,881 listed claims 3.5 times over, and 27,347 of them are
 * listed more than once. The bodies live in arenas[0..jobs), the caller's
 * to free once the findings are written. */
static prebody *prebuild_bodies(const cc_run *r, const cc_finding *const *fs, size_t n, int jobs, cc_buf *arenas)
{
    prebody *pre = cc_xcalloc(r->claims.n ? r->claims.n : 1, sizeof *pre);
    unsigned char *uses = cc_xcalloc(r->claims.n ? r->claims.n : 1, 1);
    size_t nneed = 0, *need = cc_xmalloc((r->claims.n ? r->claims.n : 1) * sizeof *need);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < fs[i]->nclaims; j++) {
            size_t c = fs[i]->claims[j];
            if (c < r->claims.n && uses[c] < 2 && ++uses[c] == 2) need[nneed++] = c;
        }
    free(uses);
    prejob pj[64];
    size_t per = (nneed + (size_t)jobs - 1) / (size_t)jobs;
    int active = 0; /* jobs with claims to write: the first ones */
    for (int t = 0; t < jobs; t++) {
        memset(&pj[t], 0, sizeof pj[t]);
        pj[t].r = r;
        pj[t].need = need;
        pj[t].from = per * (size_t)t < nneed ? per * (size_t)t : nneed;
        pj[t].to = pj[t].from + per < nneed ? pj[t].from + per : nneed;
        pj[t].off = cc_xmalloc((pj[t].to - pj[t].from + 1) * sizeof *pj[t].off);
        pj[t].pre = pre;
        if (pj[t].from < pj[t].to) active = t + 1;
    }
    cc_parallel(active, prebuild, pj, sizeof pj[0]);
    for (int t = 0; t < jobs; t++) {
        for (size_t k = pj[t].from; k < pj[t].to; k++) pre[need[k]].s = pj[t].arena.s + pj[t].off[k - pj[t].from];
        free(pj[t].off);
        arenas[t] = pj[t].arena; /* the bodies live here until the report is written */
    }
    free(need);
    return pre;
}

static void findings_json(cc_buf *b, const cc_run *r, const cc_report_opts *o)
{
    size_t n = 0;
    const cc_finding **fs = cc_xmalloc((r->findings.n ? r->findings.n : 1) * sizeof *fs);
    for (size_t i = 0; i < r->findings.n; i++)
        if (cc_report_shown(&r->findings.items[i], o, 1)) fs[n++] = &r->findings.items[i];
    int jobs = cc_run_jobs(r);
    if (jobs > 64) jobs = 64;
    if ((size_t)jobs > n / 64) jobs = n / 64 > 1 ? (int)(n / 64) : 1; /* small reports: not worth a thread */
    cc_buf arenas[64];
    prebody *pre = prebuild_bodies(r, fs, n, jobs, arenas);
    fslice sl[64];
    for (int t = 0; t < jobs; t++) {
        memset(&sl[t], 0, sizeof sl[t]);
        sl[t].r = r;
        sl[t].fs = fs;
        cc_buf_init(&sl[t].out);
        /* the first slice is formatted here, with the run's cache; every
         * listed claim is written ahead, so the others need none */
        sl[t].jc = t == 0 ? r->json_cache : json_cache_sized(1);
        sl[t].jc->pre = pre;
    }
    const size_t per = 128; /* findings per slice */
    for (size_t base = 0; base < n; base += per * (size_t)jobs) {
        int active = 0; /* slices with findings: the first ones */
        for (int t = 0; t < jobs; t++) {
            size_t from = base + per * (size_t)t, to = from + per;
            sl[t].from = from < n ? from : n;
            sl[t].to = to < n ? to : n;
            sl[t].out.len = 0;
            if (sl[t].from < sl[t].to) active = t + 1;
        }
        cc_parallel(active, format_slice, sl, sizeof sl[0]);
        for (int t = 0; t < jobs; t++) cc_buf_put(b, sl[t].out.s, sl[t].out.len);
    }
    for (int t = 0; t < jobs; t++) {
        cc_buf_free(&sl[t].out);
        sl[t].jc->pre = NULL;
        if (t) cc_json_cache_free(sl[t].jc);
        cc_buf_free(&arenas[t]);
    }
    free(pre);
    free(fs);
}

void cc_report_json(cc_buf *b, const cc_run *r, const cc_report_opts *o)
{
    cc_buf_puts(b, "{\"version\":3,\"tool\":{\"name\":\"claimcheck\",\"version\":\"" CLAIMCHECK_VERSION "\"},\n\"documents\":[");
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
    findings_json(b, r, o);
    cc_buf_puts(b, "],\n\"unanchored\":[");
    k = 0;
    for (size_t i = 0; i < r->claims.n; i++) {
        const cc_claim *c = &r->claims.items[i];
        const char *why = cc_report_unanchored_why(c);
        if (!why) continue;
        cc_buf_puts(b, k++ ? ",\n " : "\n ");
        size_t at = b->len;
        cc_report_claim_json(b, r, c, NULL);
        if (b->len > at && b->s[b->len - 1] == '}') { /* the claim, and why it was not compared */
            b->len--;
            cc_buf_puts(b, ",\"why_unanchored\":");
            cc_buf_json_str(b, why, strlen(why));
            cc_buf_putc(b, '}');
        }
    }
    size_t nerr = 0, un = cc_report_unanchored(r);
    for (size_t i = 0; i < r->diags.n; i++) nerr += r->diags.items[i].level == CC_D_ERROR;
    size_t e = cc_report_count(r, CC_SEV_ERROR), w = cc_report_count(r, CC_SEV_WARNING),
           inf = cc_report_count(r, CC_SEV_INFO);
    size_t sup, base;
    hidden_counts(r, o, &sup, &base);
    cc_buf_printf(b,
                  "],\n\"summary\":{\"documents\":%zu,\"claims\":%zu,\"contradictions\":%zu,\"suppressed\":%zu,"
                  "\"baselined\":%zu,\"unreadable\":%zu,"
                  "\"skipped\":%zu,\"unanchored\":%zu,\"errors\":%zu,"
                  "\"by_severity\":{\"error\":%zu,\"warning\":%zu,\"info\":%zu}}}\n",
                  r->ndocs, cc_run_claims_total(r), cc_report_count(r, o->min_level), sup, base, r->unreadable, r->nskipped, un,
                  nerr, e, w - e, inf - w);
}

static const char *C(const cc_report_opts *o, const char *code) { return o->color ? code : ""; }

const char *cc_report_unanchored_why(const cc_claim *c)
{
    if (c->unanchored)
        return "its value is relative to a publication date (an age, a weekday, 'last month') and the document "
               "gives none: add --date, a manifest row or front matter";
    if (c->undated)
        return c->policy == CC_POL_CUMULATIVE
                   ? "a running total is compared in order of publication and the document gives no date: add "
                     "--date, a manifest row or front matter"
                   : "a figure that changes over time is compared only with claims made within days of it, and the "
                     "document gives no date: add --date, a manifest row or front matter";
    return NULL;
}

size_t cc_report_unanchored(const cc_run *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->claims.n; i++) n += cc_report_unanchored_why(&r->claims.items[i]) != NULL;
    return n;
}

static void clean(cc_buf *b, const char *s) { cc_buf_put_clean(b, s, strlen(s)); }

static void claim_line(cc_buf *b, const cc_run *r, const cc_claim *c, const char *role, const cc_report_opts *o)
{
    const cc_doc *d = &r->docs[c->doc];
    cc_buf_printf(b, "    %s%-9s%s ", C(o, "\033[2m"), role, C(o, "\033[0m"));
    clean(b, d->path);
    cc_buf_printf(b, ":%d:%d: ", c->line, c->col);
    cc_buf t;
    cc_buf_init(&t);
    cc_word_claim(&t, c);
    cc_buf_put_clean(b, t.s ? t.s : "", t.len);
    cc_buf_free(&t);
    if (d->source) {
        cc_buf_puts(b, " [");
        clean(b, d->source);
        cc_buf_putc(b, ']');
    }
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
        cc_buf_puts(b, "  ");
        clean(b, d->path);
        cc_buf_printf(b, "  %s (%s)  %zu claim%s", ds, d->date_source, d->nclaims, d->nclaims == 1 ? "" : "s");
        if (d->source) {
            cc_buf_puts(b, "  [");
            clean(b, d->source);
            cc_buf_putc(b, ']');
        }
        cc_buf_putc(b, '\n');
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
        if (!cc_report_shown(f, o, 0)) continue;
        const cc_claim *c = &r->claims.items[f->claims[0]];
        cc_buf_putc(b, '\n');
        clean(b, r->docs[c->doc].path);
        cc_buf_printf(b, ":%d:%d: %s%s:%s [%s] ", c->line, c->col, C(o, sevcol[f->severity]),
                      cc_severity_name(f->severity), C(o, "\033[0m"), f->rule->id);
        clean(b, f->message);
        cc_buf_putc(b, '\n');
        for (size_t j = 0; j < f->nclaims; j++)
            claim_line(b, r, &r->claims.items[f->claims[j]],
                       cc_report_role(f, j), o);
        cc_buf_printf(b, "    %swhy:%s ", C(o, "\033[1m"), C(o, "\033[0m"));
        clean(b, f->why);
        cc_buf_putc(b, '\n');
    }
    size_t un = 0;
    for (size_t i = 0; i < r->claims.n; i++) {
        const cc_claim *c = &r->claims.items[i];
        const char *why = cc_report_unanchored_why(c);
        if (!why) continue;
        if (!un++) cc_buf_puts(b, "\nunanchored claims (their documents have no date, so they were not compared):\n");
        claim_line(b, r, c, "unanchored", o);
        cc_buf_printf(b, "              %s\n", why);
    }
    size_t sup, base;
    hidden_counts(r, o, &sup, &base);
    if (sup || base)
        cc_buf_printf(b, "\nnot shown: %zu suppressed inline, %zu in the baseline\n", sup, base);
    size_t nc = cc_run_claims_total(r);
    cc_buf_printf(b, "\n%zu document%s, %zu claim%s, %zu contradiction%s shown (%zu error, %zu warning, %zu info), %zu unanchored, %zu unreadable, %zu skipped\n",
                  r->ndocs, r->ndocs == 1 ? "" : "s", nc, nc == 1 ? "" : "s",
                  cc_report_count(r, o->min_level), cc_report_count(r, o->min_level) == 1 ? "" : "s",
                  cc_report_count(r, CC_SEV_ERROR), cc_report_count(r, CC_SEV_WARNING) - cc_report_count(r, CC_SEV_ERROR),
                  cc_report_count(r, CC_SEV_INFO) - cc_report_count(r, CC_SEV_WARNING), un, r->unreadable, r->nskipped);
}

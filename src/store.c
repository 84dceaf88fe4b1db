/* Claims files: written by extract, read by compare and check --claims
 * (cc_store.h; the format in docs/scale.md). */
#include "cc_store.h"
#include "cc_report.h"
#include "store_int.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <uthash.h>
#include <unistd.h>

#define STORE_FORMAT 1

/* ---- writing ---- */

/* An extraction or a digest as written in claims files and their indexes. */
static void hex16(char out[17], uint64_t v) { snprintf(out, 17, "%016llx", (unsigned long long)v); }

uint64_t cc_store_extraction(const cc_ruleset *rs, size_t max_claims)
{
    uint64_t d = cc_rules_digest(rs);
    uint64_t h = cc_fnv64(CC_FNV64_START, CLAIMCHECK_VERSION, strlen(CLAIMCHECK_VERSION));
    h = cc_fnv64(h, (const char *)&d, sizeof d);
    uint64_t m = max_claims;
    return cc_fnv64(h, (const char *)&m, sizeof m);
}

/* A number that reads back to the same double; NaN as null, the infinities
 * as strings (JSON has neither). */
static void put_num(cc_buf *b, double v)
{
    if (isnan(v)) cc_buf_puts(b, "null");
    else if (isinf(v)) cc_buf_puts(b, v > 0 ? "\"inf\"" : "\"-inf\"");
    else if (v == floor(v) && fabs(v) < 1e15) cc_buf_put_int(b, (long long)v);
    else cc_buf_printf(b, "%.17g", v);
}

static void put_str_or_null(cc_buf *b, const char *s)
{
    if (s) cc_buf_json_str(b, s, strlen(s));
    else cc_buf_puts(b, "null");
}

/* The one-bit fields of a quantity and of a claim as one number each, the
 * way claims files and their indexes store them. */
unsigned store_qty_flags(const cc_qty *q)
{
    return q->relative | q->unanchored << 1 | q->range << 2 | q->vague << 3 | q->entered << 4;
}

void store_set_qty_flags(cc_qty *q, unsigned f)
{
    q->relative = f & 1;
    q->unanchored = f >> 1 & 1;
    q->range = f >> 2 & 1;
    q->vague = f >> 3 & 1;
    q->entered = f >> 4 & 1;
}

unsigned store_claim_flags(const cc_claim *c)
{
    return c->unanchored | c->suppressed << 1 | c->complemented << 2 | c->undated << 3 | c->as_of << 4 |
           c->calendar << 5;
}

void store_set_claim_flags(cc_claim *c, unsigned f)
{
    c->unanchored = f & 1;
    c->suppressed = f >> 1 & 1;
    c->complemented = f >> 2 & 1;
    c->undated = f >> 3 & 1;
    c->as_of = f >> 4 & 1;
    c->calendar = f >> 5 & 1;
}

int store_claim_dates_ok(const cc_claim *c)
{
    return store_day_ok((double)c->date) && store_day_ok((double)c->at) && store_day_ok((double)c->as_of_low) &&
           store_day_ok((double)c->as_of_high);
}

/* A quantity as an array: the order read_qty reads. */
static void put_qty(cc_buf *b, const cc_qty *q)
{
    unsigned flags = store_qty_flags(q);
    const double nums[] = {q->low, q->high, q->best};
    cc_buf_printf(b, "[%zu,%zu,%d", q->start, q->end, (int)q->kind);
    for (size_t i = 0; i < 3; i++) {
        cc_buf_putc(b, ',');
        put_num(b, nums[i]);
    }
    const struct { const char *unit; double x; } written[] = {{q->unit, q->wnum}, {q->wunit, q->wfactor}};
    for (size_t i = 0; i < 2; i++) { /* unit, wnum, wunit, wfactor */
        cc_buf_putc(b, ',');
        put_str_or_null(b, written[i].unit);
        cc_buf_putc(b, ',');
        put_num(b, written[i].x);
    }
    cc_buf_printf(b, ",%d,%zu,%zu,%u,%d,%d,%u,%u]", (int)q->hedge, q->hedge_start, q->hedge_end, flags, q->weekday,
                  q->weekday_actual, q->month, q->mday);
}

static void put_diag(cc_buf *b, const cc_diag *g, const char *group)
{
    cc_buf_printf(b, "{\"diagnostic\":{\"level\":%d,\"file\":", (int)g->level);
    put_str_or_null(b, g->file);
    cc_buf_printf(b, ",\"line\":%d,\"column\":%d,\"message\":", g->line, g->col);
    put_str_or_null(b, g->msg);
    cc_buf_puts(b, ",\"source\":");
    put_str_or_null(b, g->source);
    cc_buf_printf(b, "},\"group\":\"%s\"}\n", group);
}

static void put_doc(cc_buf *b, const cc_doc *d)
{
    cc_buf_puts(b, "{\"document\":");
    cc_buf_json_str(b, d->path, strlen(d->path));
    cc_buf_puts(b, ",\"date\":");
    if (d->has_date) cc_buf_put_int(b, (long long)d->date);
    else cc_buf_puts(b, "null");
    cc_buf_puts(b, ",\"date_source\":");
    cc_buf_json_str(b, d->date_source, strlen(d->date_source));
    cc_buf_puts(b, ",\"source\":");
    put_str_or_null(b, d->source);
    cc_buf_printf(b, ",\"new\":%d,\"claims\":%zu}\n", d->is_new, d->nclaims);
}

/* The claim as extract has always written it (cc_report_claim_json), and
 * after it its sentence and, under "x", what the matcher and the reports
 * read that the public fields round or leave out. */
static void put_claim(cc_buf *b, cc_buf *tmp, const cc_run *r, size_t ci, int with_sentence)
{
    const cc_claim *c = &r->claims.items[ci];
    tmp->len = 0;
    cc_report_claim_json(tmp, r, c, NULL);
    cc_buf_put(b, tmp->s, tmp->len - 1); /* without its closing brace */
    const char *st;
    size_t sl, at;
    if (with_sentence && cc_run_claim_sentence(r, ci, &st, &sl, &at)) {
        cc_buf_puts(b, ",\"sentence\":");
        cc_buf_json_str(b, st, sl);
        cc_buf_printf(b, ",\"sentence_at\":%zu", at);
    }
    unsigned flags = store_claim_flags(c);
    cc_buf_printf(b, ",\"x\":{\"span\":[%zu,%zu,%zu,%zu],\"raw\":", c->start, c->end, c->vstart, c->vend);
    put_qty(b, &c->raw);
    cc_buf_puts(b, ",\"val\":");
    put_qty(b, &c->val);
    cc_buf_printf(b, ",\"date\":[%d,%lld,%lld],\"as_of\":[%lld,%lld],\"flags\":%u,\"policy\":%u,\"window\":%u",
                  c->has_date, (long long)c->date, (long long)c->at, (long long)c->as_of_low, (long long)c->as_of_high,
                  flags, (unsigned)c->policy, (unsigned)c->window_days);
    if (c->ref_key) {
        cc_buf_puts(b, ",\"ref\":[");
        put_num(b, c->ref_value);
        cc_buf_putc(b, ',');
        cc_buf_json_str(b, c->ref_key, strlen(c->ref_key));
        cc_buf_putc(b, ']');
    }
    cc_buf_puts(b, "}}\n");
}

static void put_header(cc_buf *b, const cc_run *r)
{
    char ex[17], rules[17];
    hex16(ex, cc_store_extraction(r->rs, r->opts.max_claims));
    hex16(rules, cc_rules_digest(r->rs));
    cc_buf_printf(b, "{\"claimcheck_claims\":%d,\"version\":\"%s\",\"extraction\":\"%s\",\"rules\":\"%s\","
                  "\"max_claims\":%zu,\"unreadable_paths\":%zu}\n",
                  STORE_FORMAT, CLAIMCHECK_VERSION, ex, rules, r->opts.max_claims, r->unreadable_head);
}

static size_t pos(const cc_buf *b) { return b->flushed + b->len; }

static void write_records(cc_buf *b, const cc_run *r, store_ixw *ix)
{
    size_t at = pos(b);
    put_header(b, r);
    if (ix) store_ixw_json(ix, at, pos(b) - at);
    for (size_t i = 0; i < r->ndiags_head && i < r->diags.n; i++) {
        at = pos(b);
        put_diag(b, &r->diags.items[i], "head");
        if (ix) store_ixw_json(ix, at, pos(b) - at);
    }
    cc_buf tmp;
    cc_buf_init(&tmp);
    size_t ci = 0, tail = r->ndiags_head;
    for (size_t k = 0; k < r->nlog; k++) {
        const cc_input_rec *in = &r->log[k];
        if (in->doc < 0) {
            cc_buf_puts(b, "{\"unreadable\":");
            cc_buf_json_str(b, in->path, strlen(in->path));
            cc_buf_puts(b, "}\n");
        } else {
            put_doc(b, &r->docs[in->doc]);
        }
        at = pos(b);
        for (size_t i = in->d0; i < in->d1; i++) put_diag(b, &r->diags.items[i], "input");
        if (ix) store_ixw_unit(ix, in->doc, in->path, at, pos(b) - at);
        for (; in->doc >= 0 && ci < r->claims.n && r->claims.items[ci].doc == (size_t)in->doc; ci++) put_claim(b, &tmp, r, ci, 1);
        tail = in->d1;
    }
    cc_buf_free(&tmp);
    at = pos(b);
    for (size_t i = tail; i < r->diags.n; i++) put_diag(b, &r->diags.items[i], "tail");
    for (size_t i = 0; i < r->nskipped; i++) {
        cc_buf_puts(b, "{\"skipped\":");
        cc_buf_json_str(b, r->skipped[i].path, strlen(r->skipped[i].path));
        cc_buf_puts(b, ",\"reason\":");
        cc_buf_json_str(b, r->skipped[i].reason, strlen(r->skipped[i].reason));
        cc_buf_puts(b, "}\n");
    }
    if (ix) store_ixw_json(ix, at, pos(b) - at);
}

int cc_store_write_run(cc_buf *b, const cc_run *r, cc_buf *index)
{
    store_ixw *ix = index ? store_ixw_new(r) : NULL;
    write_records(b, r, ix);
    return ix ? store_ixw_finish(ix, index, cc_store_extraction(r->rs, r->opts.max_claims), pos(b)) : 0;
}

void cc_store_write_keyed(cc_buf *b, const cc_run *r)
{
    cc_buf_puts(b, "!\t");
    put_header(b, r);
    for (size_t i = 0; i < r->ndocs; i++) {
        cc_buf_puts(b, "!\t");
        put_doc(b, &r->docs[i]);
    }
    cc_buf tmp;
    cc_buf_init(&tmp);
    for (size_t ci = 0; ci < r->claims.n; ci++) {
        cc_buf_puts(b, r->claims.items[ci].subject);
        cc_buf_putc(b, '\t');
        put_claim(b, &tmp, r, ci, 0);
    }
    cc_buf_free(&tmp);
}

/* ---- the store ---- */

cc_store *cc_store_new(const cc_ruleset *rs, size_t max_claims, int mixed_ok, int keep_new)
{
    cc_store *st = cc_xcalloc(1, sizeof *st);
    st->keep_new = keep_new;
    st->rs = rs;
    st->extraction = cc_store_extraction(rs, max_claims);
    st->mixed_ok = mixed_ok;
    cc_claims_init(&st->claims);
    cc_diags_init(&st->head);
    cc_diags_init(&st->tail);
    return st;
}

static void unit_free(unit *u)
{
    free(u->path);
    if (u->readable) cc_doc_free(&u->doc);
    cc_diags_free(&u->diags);
}

void cc_store_free(cc_store *st)
{
    if (!st) return;
    for (size_t i = 0; i < st->n; i++) unit_free(&st->u[i]);
    free(st->u);
    cc_claims_free(&st->claims);
    free(st->sent);
    free(st->sent_at);
    cc_diags_free(&st->head);
    cc_diags_free(&st->tail);
    for (size_t i = 0; i < st->nskipped; i++) { free(st->skipped[i].path); free(st->skipped[i].reason); }
    free(st->skipped);
    interned *e, *t;
    HASH_ITER(hh, st->strs, e, t) { HASH_DEL(st->strs, e); free(e); }
    free(st->ids);
    free(st);
}

unit *store_new_unit(cc_store *st, const char *path)
{
    if (st->n == st->cap) {
        st->cap = st->cap ? 2 * st->cap : 64;
        st->u = cc_xrealloc(st->u, st->cap * sizeof *st->u);
    }
    unit *u = &st->u[st->n];
    memset(u, 0, sizeof *u);
    u->path = cc_xstrdup(path);
    u->seq = st->n++;
    u->c0 = u->c1 = st->claims.n;
    cc_diags_init(&u->diags);
    return u;
}

void store_reserve(cc_store *st, size_t n)
{
    if (n > st->claims.cap) {
        st->claims.cap = n;
        st->claims.items = cc_xrealloc(st->claims.items, n * sizeof *st->claims.items);
    }
    if (st->sent_cap < st->claims.cap) {
        st->sent = cc_xrealloc(st->sent, st->claims.cap * sizeof *st->sent);
        st->sent_at = cc_xrealloc(st->sent_at, st->claims.cap * sizeof *st->sent_at);
        st->sent_cap = st->claims.cap;
    }
}

cc_claim *store_new_claim(cc_store *st)
{
    if (st->claims.n == st->claims.cap) store_reserve(st, st->claims.cap ? 2 * st->claims.cap : 256);
    st->sent[st->claims.n] = NULL;
    st->sent_at[st->claims.n] = 0;
    cc_claim *c = &st->claims.items[st->claims.n++];
    memset(c, 0, sizeof *c);
    return c;
}

/* Copies the messages g[0..n) into to. */
static void copy_diags(cc_diags *to, const cc_diag *g, size_t n)
{
    for (size_t i = 0; i < n; i++)
        cc_diag_add(to, g[i].level, g[i].file, g[i].line, g[i].col, g[i].source, "%s", g[i].msg);
}

/* Appends the skipped inputs *from to *to; *from is left empty (the strings move). */
static void move_skipped(cc_skip **to, size_t *nto, cc_skip *from, size_t *nfrom)
{
    *to = cc_xrealloc(*to, (*nto + *nfrom + 1) * sizeof **to);
    if (*nfrom) memcpy(*to + *nto, from, *nfrom * sizeof *from);
    *nto += *nfrom;
    *nfrom = 0;
}

void cc_store_take_run(cc_store *st, cc_run *r)
{
    size_t head = r->ndiags_head < r->diags.n ? r->ndiags_head : r->diags.n;
    copy_diags(&st->head, r->diags.items, head);
    size_t ci = 0, tail = head;
    for (size_t k = 0; k < r->nlog; k++) {
        const cc_input_rec *in = &r->log[k];
        unit *u = store_new_unit(st, in->path);
        copy_diags(&u->diags, r->diags.items + in->d0, in->d1 - in->d0);
        tail = in->d1;
        if (in->doc < 0) continue;
        u->readable = 1;
        for (; ci < r->claims.n && r->claims.items[ci].doc == (size_t)in->doc; ci++) {
            const char *s;
            size_t sl, at;
            int has = cc_run_claim_sentence(r, ci, &s, &sl, &at);
            cc_claim *c = store_new_claim(st);
            *c = r->claims.items[ci];
            c->doc = (size_t)(u - st->u);
            if (has) {
                st->sent[st->claims.n - 1] = cc_claims_keep(&st->claims, s, sl);
                st->sent_at[st->claims.n - 1] = at;
            }
        }
        u->c1 = st->claims.n;
        u->doc = r->docs[in->doc];
        memset(&r->docs[in->doc], 0, sizeof r->docs[in->doc]); /* moved */
        free(u->doc.text); /* the claims keep their sentences */
        free(u->doc.lines);
        u->doc.text = NULL;
        u->doc.lines = NULL;
        u->doc.len = u->doc.nlines = 0;
    }
    copy_diags(&st->tail, r->diags.items + tail, r->diags.n - tail);
    cc_claims_take_strings(&st->claims, &r->claims);
    r->claims.n = 0;
    move_skipped(&st->skipped, &st->nskipped, r->skipped, &r->nskipped);
    st->unreadable_head += r->unreadable_head;
    cc_diags_free(&r->diags);
    cc_diags_init(&r->diags);
    for (size_t i = 0; i < r->ndocs; i++) cc_doc_free(&r->docs[i]);
    r->ndocs = 0;
    r->unreadable = r->unreadable_head = 0;
}

/* Units by path, the later of two with one path after the other. */
static int cmp_unit(const void *a, const void *b)
{
    const unit *x = *(const unit *const *)a, *y = *(const unit *const *)b;
    int c = strcmp(x->path, y->path);
    if (c) return c;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void cc_store_give_run(cc_store *st, cc_run *r)
{
    unit **order = cc_xmalloc((st->n ? st->n : 1) * sizeof *order);
    for (size_t i = 0; i < st->n; i++) order[i] = &st->u[i];
    qsort(order, st->n, sizeof *order, cmp_unit);
    copy_diags(&r->diags, st->head.items, st->head.n);
    r->ndiags_head = r->diags.n;
    r->unreadable = r->unreadable_head = st->unreadable_head;
    free(r->docs);
    r->docs = cc_xcalloc(st->n ? st->n : 1, sizeof *r->docs);
    r->ndocs = 0;
    size_t nc = 0;
    for (size_t i = 0; i < st->n; i++) nc += order[i]->c1 - order[i]->c0;
    free(r->claims.items);
    r->claims.items = cc_xmalloc((nc ? nc : 1) * sizeof *r->claims.items);
    r->claims.cap = nc ? nc : 1;
    r->claims.n = 0;
    free(r->sentences);
    free(r->sentence_at);
    r->sentences = cc_xmalloc((nc ? nc : 1) * sizeof *r->sentences);
    r->sentence_at = cc_xmalloc((nc ? nc : 1) * sizeof *r->sentence_at);
    int replaced = 0;
    for (size_t i = 0; i < st->n; i++) {
        unit *u = order[i];
        if (i + 1 < st->n && strcmp(order[i + 1]->path, u->path) == 0) { /* replaced */
            replaced = 1;
            continue;
        }
        copy_diags(&r->diags, u->diags.items, u->diags.n);
        if (!u->readable) { r->unreadable++; continue; }
        size_t di = r->ndocs++;
        r->docs[di] = u->doc;
        if (!r->docs[di].nclaims) r->docs[di].nclaims = u->c1 - u->c0; /* else the record's: some may not be read */
        memset(&u->doc, 0, sizeof u->doc);
        u->readable = 0; /* moved */
        for (size_t k = u->c0; k < u->c1; k++) {
            r->claims.items[r->claims.n] = st->claims.items[k];
            r->claims.items[r->claims.n].doc = di;
            r->sentences[r->claims.n] = st->sent[k];
            r->sentence_at[r->claims.n] = st->sent_at[k];
            r->claims.n++;
        }
    }
    free(order);
    copy_diags(&r->diags, st->tail.items, st->tail.n);
    cc_claims_take_strings(&r->claims, &st->claims);
    /* the interned names went with the claims' strings: their index goes */
    interned *e, *t;
    HASH_ITER(hh, st->strs, e, t) { HASH_DEL(st->strs, e); free(e); }
    move_skipped(&r->skipped, &r->nskipped, st->skipped, &st->nskipped);
    /* the archive's own findings stand for its findings before the articles
     * came only when it is all the stored claims, all of them old (check
     * --claims, not compare, whose inputs keep their --new), and none was
     * replaced */
    if (st->files == 1 && st->ids_read && !st->keep_new && !replaced) {
        free(r->stored_ids);
        r->stored_ids = st->ids;
        r->nstored_ids = st->nids;
        r->stored_known = 1;
        st->ids = NULL;
        st->nids = 0;
    }
}

/* ---- reading ---- */

void store_fail(reader *rd, const char *fmt, const char *a)
{
    cc_diag_add(rd->diags, CC_D_ERROR, rd->name, rd->line, 1, NULL, fmt, a ? a : "");
    rd->bad = 1;
}

/* The string s, one copy per store (the claims' strings keep it). */
static const char *intern(cc_store *st, const char *s)
{
    if (!s) return NULL;
    interned *e;
    HASH_FIND_STR(st->strs, s, e);
    if (e) return e->s;
    e = cc_xmalloc(sizeof *e);
    e->s = cc_claims_keep(&st->claims, s, strlen(s));
    HASH_ADD_KEYPTR(hh, st->strs, e->s, strlen(e->s), e);
    return e->s;
}

static double get_num(const json_t *v)
{
    if (json_is_string(v)) return strcmp(json_string_value(v), "-inf") == 0 ? -INFINITY : INFINITY;
    if (json_is_null(v) || !v) return NAN;
    return json_number_value(v);
}

static long long get_int(const json_t *v)
{
    if (json_is_integer(v)) return json_integer_value(v);
    double x = get_num(v);
    return isfinite(x) && fabs(x) < 9e18 ? (long long)x : 0;
}

/* Day numbers a claims file may hold: the years 1 to 9999, and nothing the
 * calendar code cannot take (a claims file may come from anywhere). */
int store_day_ok(double d) { return !isfinite(d) || (d >= -719162 && d <= 2932896); }

int store_span_ok(const cc_claim *c)
{
    return c->start <= c->end && c->vstart <= c->vend && c->line >= 0 && c->col >= 0 && c->end_line >= 0 &&
           c->end_col >= 0;
}

/* What a quantity read back may hold: kinds, hedges and weekdays that exist,
 * dates the calendar can write. */
int store_qty_ok(const cc_qty *q)
{
    if ((unsigned)q->kind >= CC_K__N || (unsigned)q->hedge >= CC_H__N || q->weekday < -1 || q->weekday > 6 ||
        q->weekday_actual < -1 || q->weekday_actual > 6 || q->month > 12 || q->mday > 31 || q->low > q->high)
        return 0; /* (an interval the normalizer never makes: the matcher's consensus assumes low <= high) */
    return q->kind != CC_K_DATE || (store_day_ok(q->low) && store_day_ok(q->high) && store_day_ok(q->best));
}

static int read_qty(reader *rd, const json_t *a, cc_qty *q)
{
    if (!json_is_array(a) || json_array_size(a) != 18) { store_fail(rd, "a claim's quantity: expected an array of 18 values%s", NULL); return -1; }
    memset(q, 0, sizeof *q);
    q->start = (size_t)get_int(json_array_get(a, 0));
    q->end = (size_t)get_int(json_array_get(a, 1));
    q->kind = (cc_kind)get_int(json_array_get(a, 2));
    q->low = get_num(json_array_get(a, 3));
    q->high = get_num(json_array_get(a, 4));
    q->best = get_num(json_array_get(a, 5));
    q->unit = intern(rd->st, json_string_value(json_array_get(a, 6)));
    q->wnum = get_num(json_array_get(a, 7));
    q->wunit = intern(rd->st, json_string_value(json_array_get(a, 8)));
    q->wfactor = get_num(json_array_get(a, 9));
    q->hedge = (cc_hedge)get_int(json_array_get(a, 10));
    q->hedge_start = (size_t)get_int(json_array_get(a, 11));
    q->hedge_end = (size_t)get_int(json_array_get(a, 12));
    store_set_qty_flags(q, (unsigned)get_int(json_array_get(a, 13)));
    q->weekday = (int)get_int(json_array_get(a, 14));
    q->weekday_actual = (int)get_int(json_array_get(a, 15));
    long long month = get_int(json_array_get(a, 16)), mday = get_int(json_array_get(a, 17));
    q->month = (unsigned char)(month >= 0 && month <= 12 ? month : 99);
    q->mday = (unsigned char)(mday >= 0 && mday <= 31 ? mday : 99);
    if (!store_qty_ok(q)) { store_fail(rd, "a claim's quantity out of range (kind, hedge, weekday, date, or a low bound above its high)%s", NULL); return -1; }
    return 0;
}

static const char *str_of(const json_t *o, const char *key) { return json_string_value(json_object_get(o, key)); }

static void read_header(reader *rd, const json_t *o)
{
    const char *ex = str_of(o, "extraction");
    rd->cur = NULL;
    if (!json_is_integer(json_object_get(o, "claimcheck_claims")) || !ex) {
        store_fail(rd, "not a claims file: the first line should be the header extract writes%s", NULL);
        return;
    }
    if (json_integer_value(json_object_get(o, "claimcheck_claims")) != STORE_FORMAT) {
        store_fail(rd, "a claims file of another format; extract the articles again with this claimcheck%s", NULL);
        return;
    }
    char mine[17];
    hex16(mine, rd->st->extraction);
    if (strcmp(ex, mine) != 0 && !rd->st->mixed_ok) {
        char why[160];
        snprintf(why, sizeof why, "claimcheck %s, extraction %s", str_of(o, "version") ? str_of(o, "version") : "?", ex);
        store_fail(rd, "extracted with other rules, settings or version (%s) than these (" CLAIMCHECK_VERSION
                 "); extract again with the same --rules and --max-claims, or give --mixed-rules", why);
        return;
    }
    rd->st->unreadable_head += (size_t)get_int(json_object_get(o, "unreadable_paths"));
}

static void read_diag(reader *rd, const json_t *o)
{
    const json_t *g = json_object_get(o, "diagnostic");
    const char *group = str_of(o, "group");
    cc_diags *to = group && strcmp(group, "head") == 0 ? &rd->st->head
                   : group && strcmp(group, "tail") == 0 ? &rd->st->tail
                   : rd->cur ? &rd->cur->diags : NULL;
    if (!json_is_object(g) || !to) { store_fail(rd, "a diagnostic of no input%s", NULL); return; }
    const char *msg = str_of(g, "message");
    long long level = get_int(json_object_get(g, "level"));
    cc_diag_add(to, level >= CC_D_ERROR && level <= CC_D_NOTE ? (cc_dlevel)level : CC_D_ERROR, str_of(g, "file"), (int)get_int(json_object_get(g, "line")),
                (int)get_int(json_object_get(g, "column")), str_of(g, "source"), "%s", msg ? msg : "");
}

static void read_doc(reader *rd, const json_t *o)
{
    unit *u = store_new_unit(rd->st, str_of(o, "document"));
    u->readable = 1;
    cc_doc *d = &u->doc;
    d->path = cc_xstrdup(u->path);
    const json_t *date = json_object_get(o, "date");
    d->has_date = json_is_integer(date) && store_day_ok((double)json_integer_value(date));
    d->date = d->has_date ? json_integer_value(date) : 0;
    const char *ds = str_of(o, "date_source");
    snprintf(d->date_source, sizeof d->date_source, "%s", ds ? ds : "none");
    d->source = str_of(o, "source") ? cc_xstrdup(str_of(o, "source")) : NULL;
    d->is_new = rd->st->keep_new && get_int(json_object_get(o, "new"));
    d->nclaims = (size_t)get_int(json_object_get(o, "claims"));
    rd->cur = u;
}

static void read_claim(reader *rd, const json_t *o)
{
    unit *u = rd->cur;
    const char *path = str_of(o, "path"), *rule = str_of(o, "rule"), *subj = str_of(o, "subject"),
               *text = str_of(o, "text");
    const json_t *x = json_object_get(o, "x");
    if (!u || !u->readable || !path || strcmp(path, u->path) != 0) { store_fail(rd, "a claim outside its document's records%s", NULL); return; }
    if (!rule || !subj || !text || !json_is_object(x)) { store_fail(rd, "a claim without its rule, subject, text or x%s", NULL); return; }
    const cc_rule *ru = cc_rules_find(rd->st->rs, rule);
    if (!ru) { store_fail(rd, "a claim of rule '%s', which these rules do not have; compare with the rules it was extracted with", rule); return; }
    cc_claim *c = store_new_claim(rd->st);
    size_t ci = rd->st->claims.n - 1;
    c->rule = ru;
    c->doc = (size_t)(u - rd->st->u);
    c->subject = cc_claims_keep(&rd->st->claims, subj, strlen(subj));
    c->quote_len = json_string_length(json_object_get(o, "text"));
    c->quote = cc_claims_keep(&rd->st->claims, text, c->quote_len);
    c->line = (int)get_int(json_object_get(o, "line"));
    c->col = (int)get_int(json_object_get(o, "column"));
    c->end_line = (int)get_int(json_object_get(o, "end_line"));
    c->end_col = (int)get_int(json_object_get(o, "end_column"));
    const json_t *span = json_object_get(x, "span"), *dt = json_object_get(x, "date"), *ao = json_object_get(x, "as_of");
    if (json_array_size(span) != 4 || json_array_size(dt) != 3 || json_array_size(ao) != 2) {
        store_fail(rd, "a claim's x: expected span, date and as_of arrays%s", NULL);
        return;
    }
    c->start = (size_t)get_int(json_array_get(span, 0));
    c->end = (size_t)get_int(json_array_get(span, 1));
    c->vstart = (size_t)get_int(json_array_get(span, 2));
    c->vend = (size_t)get_int(json_array_get(span, 3));
    if (!store_span_ok(c)) {
        store_fail(rd, "a claim's span out of order (its end before its start, or a negative line or column)%s", NULL);
        return;
    }
    if (read_qty(rd, json_object_get(x, "raw"), &c->raw) || read_qty(rd, json_object_get(x, "val"), &c->val)) return;
    c->has_date = get_int(json_array_get(dt, 0)) != 0;
    c->date = get_int(json_array_get(dt, 1));
    c->at = get_int(json_array_get(dt, 2));
    c->as_of_low = get_int(json_array_get(ao, 0));
    c->as_of_high = get_int(json_array_get(ao, 1));
    if (!store_claim_dates_ok(c)) {
        store_fail(rd, "a claim's dates out of range%s", NULL);
        return;
    }
    store_set_claim_flags(c, (unsigned)get_int(json_object_get(x, "flags")));
    c->policy = (unsigned)get_int(json_object_get(x, "policy")) & 3;
    c->window_days = (unsigned short)get_int(json_object_get(x, "window"));
    const json_t *ref = json_object_get(x, "ref");
    if (json_array_size(ref) == 2) {
        const char *key = json_string_value(json_array_get(ref, 1));
        double v;
        const char *unit, *src;
        c->ref_value = get_num(json_array_get(ref, 0));
        c->ref_key = key ? cc_claims_keep(&rd->st->claims, key, strlen(key)) : NULL;
        c->ref_source = key && cc_rules_reference(rd->st->rs, key, &v, &unit, &src) ? src : NULL;
        if (c->ref_key && !c->ref_source) {
            const json_t *rf = json_object_get(o, "reference");
            c->ref_source = intern(rd->st, str_of(rf, "source") ? str_of(rf, "source") : "");
        }
    }
    const char *sent = str_of(o, "sentence");
    if (sent) {
        rd->st->sent[ci] = cc_claims_keep(&rd->st->claims, sent, json_string_length(json_object_get(o, "sentence")));
        rd->st->sent_at[ci] = (size_t)get_int(json_object_get(o, "sentence_at"));
    }
    u->c1 = rd->st->claims.n;
}

static void read_skipped(reader *rd, const json_t *o)
{
    cc_store *st = rd->st;
    st->skipped = cc_xrealloc(st->skipped, (st->nskipped + 1) * sizeof *st->skipped);
    st->skipped[st->nskipped].path = cc_xstrdup(str_of(o, "skipped"));
    st->skipped[st->nskipped].reason = cc_xstrdup(str_of(o, "reason") ? str_of(o, "reason") : "");
    st->nskipped++;
}

static void read_record(reader *rd, const json_t *o)
{
    /* claims files written one after another ("parallel … extract | compare -") each start with a header */
    if (json_object_get(o, "claimcheck_claims")) read_header(rd, o);
    else if (rd->line == 1) store_fail(rd, "not a claims file: the first line should be the header extract writes%s", NULL);
    else if (json_object_get(o, "path")) read_claim(rd, o);
    else if (str_of(o, "document")) read_doc(rd, o);
    else if (json_object_get(o, "diagnostic")) read_diag(rd, o);
    else if (str_of(o, "unreadable")) rd->cur = store_new_unit(rd->st, str_of(o, "unreadable"));
    else if (str_of(o, "skipped")) read_skipped(rd, o);
    else store_fail(rd, "a record claimcheck does not know; is this a claims file from extract?%s", NULL);
}

/* One line of a claims file. */
void store_feed(reader *rd, const char *text, size_t n)
{
    json_error_t err;
    json_t *o = json_loadb(text, n, JSON_ALLOW_NUL, &err);
    if (!json_is_object(o)) {
        cc_diag_add(rd->diags, CC_D_ERROR, rd->name, rd->line, o ? 1 : err.column, NULL,
                    "expected one JSON object a line (a claims file from extract): %s", o ? "not an object" : err.text);
        rd->bad = 1;
    } else {
        read_record(rd, o);
    }
    json_decref(o);
}

int cc_store_read(cc_store *st, const char *name, FILE *f, cc_diags *diags)
{
    reader rd = {st, name, 0, diags, 0, NULL};
    char *line = NULL;
    size_t cap = 0;
    st->files++;
    ssize_t n;
    while (!rd.bad && (n = getline(&line, &cap, f)) >= 0) {
        rd.line++;
        store_feed(&rd, line, (size_t)n);
    }
    if (!rd.bad && rd.line == 0) {
        cc_diag_add(diags, CC_D_ERROR, name, 1, 1, NULL, "empty: a claims file starts with the header extract writes");
        rd.bad = 1;
    }
    free(line);
    return rd.bad ? -1 : 0;
}

/* ---- by subject: the reduce and the merge ---- */

/* A document record, by path: every subject's claims may name it. */
typedef struct {
    char *path;
    char *line;
    size_t len;
    UT_hash_handle hh;
} doc_line;

/* A claim record of the subject at hand, with what orders it as check does. */
typedef struct {
    char *line;
    size_t len;
    int lineno;
    char *path, *rule;
    size_t start, vstart;
} claim_line;

/* Frees the claim lines held and empties the list. */
static void drop_claim_lines(claim_line *cl, size_t *n)
{
    for (size_t i = 0; i < *n; i++) { free(cl[i].line); free(cl[i].path); free(cl[i].rule); }
    *n = 0;
}

static int cmp_claim_line(const void *a, const void *b)
{
    const claim_line *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    if (c) return c;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    if (x->vstart != y->vstart) return x->vstart < y->vstart ? -1 : 1;
    return strcmp(x->rule, y->rule);
}

/* A finding the reducer made: its ORDER key, and where its line is in the spill file. */
typedef struct {
    char *key;
    size_t off, len;
} out_ref;

typedef struct {
    const cc_ruleset *rs;
    const cc_run_opts *ro;
    const cc_report_opts *o;
    int mixed_ok;
    reader rd;          /* names the input and its line in messages */
    cc_store *probe;    /* checks the headers */
    doc_line *docs;
    claim_line *cl;
    size_t ncl, capcl;
    FILE *spill;        /* the findings as made, subject by subject (a temporary file) */
    size_t spilled;     /* its length */
    out_ref *out;       /* each finding's ORDER key and place in spill, sorted at the end */
    size_t nout, capout;
} reducer;

/* The order of check's findings (cmp_finding: the first claim's path,
 * offset and rule, then the subject, then the id) as a key that sorts
 * bytewise: fields apart by \x01, below every character of a path. */
static void order_key(cc_buf *b, const cc_run *r, const cc_finding *f)
{
    const cc_claim *c = &r->claims.items[f->claims[0]];
    cc_buf_printf(b, "%s\x01%020zu\x01%s\x01%s\x01%s", r->docs[c->doc].path, c->start, c->rule->id, f->subject, f->id);
}

static void add_claim_line(reducer *rx, const char *text, size_t n)
{
    json_t *o = json_loadb(text, n, JSON_ALLOW_NUL, NULL);
    const json_t *span = json_object_get(json_object_get(o, "x"), "span");
    const char *path = str_of(o, "path"), *rule = str_of(o, "rule");
    if (!path || !rule || json_array_size(span) != 4) {
        store_fail(&rx->rd, "a claim record without its path, rule or x.span%s", NULL);
        json_decref(o);
        return;
    }
    if (rx->ncl == rx->capcl) {
        rx->capcl = rx->capcl ? 2 * rx->capcl : 256;
        rx->cl = cc_xrealloc(rx->cl, rx->capcl * sizeof *rx->cl);
    }
    claim_line *c = &rx->cl[rx->ncl++];
    c->line = cc_xstrndup(text, n);
    c->len = n;
    c->lineno = rx->rd.line;
    c->path = cc_xstrdup(path);
    c->rule = cc_xstrdup(rule);
    c->start = (size_t)get_int(json_array_get(span, 0));
    c->vstart = (size_t)get_int(json_array_get(span, 2));
    json_decref(o);
}

/* Keeps a finding's line out of memory (the findings of a large archive
 * outweigh its largest subject) and its key in it, for the sort at the end. */
static void push_out(reducer *rx, const char *key, size_t keylen, const char *line, size_t len)
{
    if (!rx->spill && !(rx->spill = tmpfile())) { store_fail(&rx->rd, "cannot make a temporary file for the findings%s", NULL); return; }
    if (fwrite(line, 1, len, rx->spill) != len) { store_fail(&rx->rd, "cannot write the findings' temporary file%s", NULL); return; }
    if (rx->nout == rx->capout) {
        rx->capout = rx->capout ? 2 * rx->capout : 64;
        rx->out = cc_xrealloc(rx->out, rx->capout * sizeof *rx->out);
    }
    rx->out[rx->nout++] = (out_ref){cc_xstrndup(key, keylen), rx->spilled, len};
    rx->spilled += len;
}

static int cmp_out_ref(const void *a, const void *b) { return strcmp(((const out_ref *)a)->key, ((const out_ref *)b)->key); }

/* The findings in ORDER, each "ORDER<TAB>finding", read back from the spill. */
static void write_out(reducer *rx, cc_buf *out)
{
    if (rx->nout > 1) qsort(rx->out, rx->nout, sizeof *rx->out, cmp_out_ref);
    char *buf = NULL;
    size_t cap = 0;
    if (rx->spill && fflush(rx->spill) != 0) store_fail(&rx->rd, "cannot write the findings' temporary file%s", NULL);
    for (size_t i = 0; i < rx->nout && !rx->rd.bad; i++) {
        out_ref *o = &rx->out[i];
        if (o->len > cap) buf = cc_xrealloc(buf, cap = o->len);
        if (pread(fileno(rx->spill), buf, o->len, (off_t)o->off) != (ssize_t)o->len) {
            store_fail(&rx->rd, "cannot read the findings' temporary file back%s", NULL);
            break;
        }
        cc_buf_puts(out, o->key);
        cc_buf_putc(out, '\t');
        cc_buf_put(out, buf, o->len);
    }
    free(buf);
    for (size_t i = 0; i < rx->nout; i++) free(rx->out[i].key);
    free(rx->out);
    if (rx->spill) fclose(rx->spill);
}

/* One subject's claims, in check's order, each after its document's record,
 * through a store into a run of their own: matched, their findings kept. */
static void reduce_subject(reducer *rx)
{
    if (!rx->ncl) return;
    qsort(rx->cl, rx->ncl, sizeof *rx->cl, cmp_claim_line);
    cc_store *st = cc_store_new(rx->rs, rx->ro->max_claims, rx->mixed_ok, 1);
    reader rd = rx->rd;
    rd.st = st;
    rd.cur = NULL;
    for (size_t i = 0; i < rx->ncl && !rd.bad; i++) {
        claim_line *c = &rx->cl[i];
        rd.line = c->lineno;
        if (!rd.cur || strcmp(rd.cur->path, c->path) != 0) {
            doc_line *d;
            HASH_FIND_STR(rx->docs, c->path, d);
            if (!d) { store_fail(&rd, "a claim of '%s', whose document record came after it or not at all: sort the lines by key first", c->path); break; }
            store_feed(&rd, d->line, d->len);
        }
        store_feed(&rd, c->line, c->len);
    }
    rx->rd.bad |= rd.bad;
    drop_claim_lines(rx->cl, &rx->ncl);
    if (rd.bad) { cc_store_free(st); return; }
    cc_run *r = cc_run_new(rx->rs, rx->ro);
    cc_store_give_run(st, r);
    cc_store_free(st);
    cc_run_match(r);
    cc_buf b;
    cc_buf_init(&b);
    for (size_t i = 0; i < r->findings.n && !rx->rd.bad; i++) {
        if (!cc_report_shown(&r->findings.items[i], rx->o, 1)) continue;
        b.len = 0;
        order_key(&b, r, &r->findings.items[i]);
        size_t keylen = b.len;
        cc_report_finding_json(&b, r, &r->findings.items[i]);
        cc_buf_putc(&b, '\n');
        push_out(rx, b.s, keylen, b.s + keylen, b.len - keylen);
    }
    cc_buf_free(&b);
    cc_run_free(r);
}

/* A "!" record: the header (checked) or a document (kept by path). */
static void reduce_meta(reducer *rx, const char *text, size_t n)
{
    json_t *o = json_loadb(text, n, JSON_ALLOW_NUL, NULL);
    const char *path = str_of(o, "document");
    if (json_object_get(o, "claimcheck_claims")) {
        rx->rd.st = rx->probe;
        read_header(&rx->rd, o);
    } else if (path) {
        doc_line *d;
        HASH_FIND_STR(rx->docs, path, d);
        if (!d) {
            d = cc_xcalloc(1, sizeof *d);
            d->path = cc_xstrdup(path);
            HASH_ADD_KEYPTR(hh, rx->docs, d->path, strlen(d->path), d);
        }
        free(d->line); /* an article given again: the later record stands */
        d->line = cc_xstrndup(text, n);
        d->len = n;
    }
    json_decref(o);
}

int cc_store_reduce(const cc_ruleset *rs, const cc_run_opts *ro, const cc_report_opts *o, int mixed_ok, FILE *in,
                    const char *name, cc_buf *out, cc_diags *diags)
{
    reducer rx = {rs, ro, o, mixed_ok, {NULL, name, 0, diags, 0, NULL}, cc_store_new(rs, ro->max_claims, mixed_ok, 1),
                  NULL, NULL, 0, 0, NULL, 0, NULL, 0, 0};
    char *line = NULL, *subject = NULL;
    size_t cap = 0;
    ssize_t n;
    while (!rx.rd.bad && (n = getline(&line, &cap, in)) >= 0) {
        rx.rd.line++;
        char *tab = memchr(line, '\t', (size_t)n);
        if (!tab) { store_fail(&rx.rd, "expected KEY<TAB>record (extract --by-subject's lines)%s", NULL); break; }
        *tab = 0;
        const char *rec = tab + 1;
        size_t rl = (size_t)n - (size_t)(rec - line);
        if (subject && strcmp(line, subject) < 0) { /* a subject met again would be matched in two halves */
            store_fail(&rx.rd, "key '%s' after a greater one: sort the lines by key first (LC_ALL=C sort)", line);
            break;
        }
        if (strcmp(line, "!") == 0) { reduce_meta(&rx, rec, rl); continue; }
        if (!subject || strcmp(subject, line) != 0) { /* the subject before is whole */
            reduce_subject(&rx);
            free(subject);
            subject = cc_xstrdup(line);
        }
        add_claim_line(&rx, rec, rl);
    }
    if (!rx.rd.bad) reduce_subject(&rx);
    write_out(&rx, out);
    drop_claim_lines(rx.cl, &rx.ncl);
    free(rx.cl);
    doc_line *d, *t;
    HASH_ITER(hh, rx.docs, d, t) { HASH_DEL(rx.docs, d); free(d->path); free(d->line); free(d); }
    cc_store_free(rx.probe);
    free(subject);
    free(line);
    return rx.rd.bad ? -1 : 0;
}

/* One reducer's output in a merge: its current line and where its key ends. */
typedef struct {
    FILE *f;
    const char *name;
    char *line;
    size_t cap, keylen;
    ssize_t len;        /* < 0: at its end */
    int lineno;
} merge_in;

/* Reads the input's next line; -1 when it is no "ORDER<TAB>finding" line. */
static int merge_next(merge_in *m, cc_diags *diags)
{
    m->len = getline(&m->line, &m->cap, m->f);
    m->lineno++;
    if (m->len < 0) return 0;
    const char *tab = memchr(m->line, '\t', (size_t)m->len);
    if (!tab) {
        cc_diag_add(diags, CC_D_ERROR, m->name, m->lineno, 1, NULL, "expected ORDER<TAB>finding (compare --by-subject's lines)");
        return -1;
    }
    m->keylen = (size_t)(tab - m->line);
    return 0;
}

/* The input whose line has the least key, or n when all are at their end. */
static size_t merge_least(const merge_in *m, size_t n)
{
    size_t best = n;
    for (size_t i = 0; i < n; i++) {
        if (m[i].len < 0) continue;
        if (best == n) { best = i; continue; }
        size_t k = m[i].keylen < m[best].keylen ? m[i].keylen : m[best].keylen;
        int c = memcmp(m[i].line, m[best].line, k);
        if (c < 0 || (c == 0 && m[i].keylen < m[best].keylen)) best = i;
    }
    return best;
}

int cc_store_merge(FILE *const *in, const char *const *names, size_t n, cc_buf *out, cc_diags *diags)
{
    merge_in *m = cc_xcalloc(n ? n : 1, sizeof *m);
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        m[i].f = in[i];
        m[i].name = names[i];
        bad |= merge_next(&m[i], diags);
    }
    for (size_t b; !bad && (b = merge_least(m, n)) < n;) {
        cc_buf_put(out, m[b].line + m[b].keylen + 1, (size_t)m[b].len - m[b].keylen - 1);
        bad |= merge_next(&m[b], diags);
    }
    for (size_t i = 0; i < n; i++) free(m[i].line);
    free(m);
    return bad ? -1 : 0;
}

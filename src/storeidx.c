/* The index of a claims file (FILE.idx, written beside it by extract -o):
 * what check --claims needs of a stored archive, in binary, so that checking
 * one new article reads and parses only what that article can meet.
 *
 *   header (64 bytes)  "claimcheck_index", version, a byte-order probe, the
 *                      extraction, the claims file's size, where the table is
 *   blocks             the inputs (documents and unreadable paths) in file
 *                      order; per subject, its claims; the fingerprints of
 *                      the findings the file's claims make on their own
 *   table              the claims file's lines every reader parses (header,
 *                      messages, skipped inputs), the rule ids claims name by
 *                      number, and each block's place
 *
 * Numbers are in the writing machine's byte order (the probe says which; an
 * index of another order is not trusted, as one of another file is not).
 * A string is its length (32 bits; all ones for none), its bytes and a NUL,
 * so that claims read back point into the block they were read into. */
#include "store_int.h"
#include "cc_match.h"
#include "cc_report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define IDX_MAGIC "claimcheck_index"
#define IDX_VERSION 2u
#define IDX_PROBE 0x01020304u
#define IDX_HEAD 64
#define NO_STR 0xffffffffu

/* ---- writing ---- */

static void put_u8(cc_buf *b, unsigned v) { cc_buf_putc(b, (char)(unsigned char)v); }
static void put_u32(cc_buf *b, uint32_t v) { cc_buf_put(b, (const char *)&v, sizeof v); }
static void put_u64(cc_buf *b, uint64_t v) { cc_buf_put(b, (const char *)&v, sizeof v); }
static void put_f64(cc_buf *b, double v) { cc_buf_put(b, (const char *)&v, sizeof v); }

static void put_str(cc_buf *b, const char *s, size_t n)
{
    if (!s) { put_u32(b, NO_STR); return; }
    put_u32(b, (uint32_t)n);
    cc_buf_put(b, s, n);
    cc_buf_putc(b, 0);
}

static void put_cstr(cc_buf *b, const char *s) { put_str(b, s, s ? strlen(s) : 0); }

/* What the JSON's quantity array holds (store.c, put_qty). */
static void put_qty(cc_buf *b, const cc_qty *q)
{
    put_u64(b, q->start);
    put_u64(b, q->end);
    put_u8(b, (unsigned)q->kind);
    put_f64(b, q->low);
    put_f64(b, q->high);
    put_f64(b, q->best);
    put_cstr(b, q->unit);
    put_f64(b, q->wnum);
    put_cstr(b, q->wunit);
    put_f64(b, q->wfactor);
    put_u8(b, (unsigned)q->hedge);
    put_u64(b, q->hedge_start);
    put_u64(b, q->hedge_end);
    put_u8(b, store_qty_flags(q));
    put_u8(b, (unsigned)(q->weekday + 1));
    put_u8(b, (unsigned)(q->weekday_actual + 1));
    put_u8(b, q->month);
    put_u8(b, q->mday);
}

/* A rule's number in the index's table of rule ids. */
typedef struct rule_no {
    const cc_rule *rule;
    uint32_t no;
    UT_hash_handle hh;
} rule_no;

/* The claims of one key (a subject, or "!" for the claims every report
 * lists), by their place in the claims file. */
typedef struct key_claims {
    const char *key;
    size_t *ci;
    size_t n, cap;
    UT_hash_handle hh;
} key_claims;

struct store_ixw {
    const cc_run *r;
    cc_buf units;       /* the inputs' block, as they come */
    size_t nunits;
    size_t *doc_unit;   /* per document of the run, its input's number */
    size_t *json;       /* offset, length pairs: lines every reader parses */
    size_t njson, cap;
    int failed;         /* the header could not be written */
};

store_ixw *store_ixw_new(const cc_run *r)
{
    store_ixw *w = cc_xcalloc(1, sizeof *w);
    w->r = r;
    cc_buf_init(&w->units);
    w->doc_unit = cc_xcalloc(r->ndocs ? r->ndocs : 1, sizeof *w->doc_unit);
    return w;
}

void store_ixw_json(store_ixw *w, size_t off, size_t len)
{
    if (!len) return;
    if (w->njson + 2 > w->cap) {
        w->cap = w->cap ? 2 * w->cap : 16;
        w->json = cc_xrealloc(w->json, w->cap * sizeof *w->json);
    }
    w->json[w->njson++] = off;
    w->json[w->njson++] = len;
}

void store_ixw_unit(store_ixw *w, long doc, const char *path, size_t diag_off, size_t diag_len)
{
    cc_buf *b = &w->units;
    put_u8(b, doc >= 0);
    put_cstr(b, path);
    if (doc >= 0) {
        const cc_doc *d = &w->r->docs[doc];
        w->doc_unit[doc] = w->nunits;
        put_u8(b, d->has_date != 0);
        put_u64(b, (uint64_t)d->date);
        put_cstr(b, d->date_source);
        put_cstr(b, d->source);
        put_u8(b, d->is_new != 0);
        put_u64(b, d->nclaims);
    }
    put_u64(b, diag_len ? diag_off : 0);
    put_u64(b, diag_len);
    w->nunits++;
}

static uint32_t rule_number(rule_no **rules, uint32_t *n, const cc_rule *ru)
{
    rule_no *e;
    HASH_FIND_PTR(*rules, &ru, e);
    if (e) return e->no;
    e = cc_xmalloc(sizeof *e);
    e->rule = ru;
    e->no = (*n)++;
    HASH_ADD_PTR(*rules, rule, e);
    return e->no;
}

static void put_claim(cc_buf *b, const store_ixw *w, size_t ci, uint32_t rule)
{
    const cc_claim *c = &w->r->claims.items[ci];
    put_u64(b, ci);
    put_u64(b, w->doc_unit[c->doc]);
    put_u32(b, rule);
    put_cstr(b, c->subject);
    put_str(b, c->quote, c->quote_len);
    const int pos[4] = {c->line, c->col, c->end_line, c->end_col};
    for (int i = 0; i < 4; i++) put_u32(b, (uint32_t)pos[i]);
    const size_t span[4] = {c->start, c->end, c->vstart, c->vend};
    for (int i = 0; i < 4; i++) put_u64(b, span[i]);
    put_qty(b, &c->raw);
    put_qty(b, &c->val);
    put_u8(b, c->has_date != 0);
    const int64_t days[4] = {c->date, c->at, c->as_of_low, c->as_of_high};
    for (int i = 0; i < 4; i++) put_u64(b, (uint64_t)days[i]);
    put_u8(b, store_claim_flags(c));
    put_u8(b, c->policy);
    put_u32(b, c->window_days);
    put_u8(b, c->ref_key != NULL);
    if (c->ref_key) {
        put_f64(b, c->ref_value);
        put_cstr(b, c->ref_key);
        put_cstr(b, c->ref_source);
    }
    const char *s;
    size_t sl, at;
    if (cc_run_claim_sentence(w->r, ci, &s, &sl, &at)) {
        put_str(b, s, sl);
        put_u64(b, at);
    } else {
        put_str(b, NULL, 0);
        put_u64(b, 0);
    }
}

static int cmp_key(const void *a, const void *b)
{
    return strcmp((*(key_claims *const *)a)->key, (*(key_claims *const *)b)->key);
}

/* The run's claims grouped by key, the keys in byte order; *n of them. */
static key_claims **claims_by_key(const cc_run *r, key_claims **hash, size_t *n)
{
    for (size_t ci = 0; ci < r->claims.n; ci++) {
        const cc_claim *c = &r->claims.items[ci];
        /* a claim every report lists, compared or not: read whatever the subjects asked */
        const char *key = cc_report_unanchored_why(c) ? "!" : c->subject;
        key_claims *k;
        HASH_FIND_STR(*hash, key, k);
        if (!k) {
            k = cc_xcalloc(1, sizeof *k);
            k->key = key;
            HASH_ADD_KEYPTR(hh, *hash, k->key, strlen(k->key), k);
        }
        if (k->n == k->cap) {
            k->cap = k->cap ? 2 * k->cap : 16;
            k->ci = cc_xrealloc(k->ci, k->cap * sizeof *k->ci);
        }
        k->ci[k->n++] = ci;
    }
    *n = HASH_COUNT(*hash);
    key_claims **v = cc_xmalloc((*n ? *n : 1) * sizeof *v), *k, *t;
    size_t i = 0;
    HASH_ITER(hh, *hash, k, t) v[i++] = k;
    qsort(v, *n, sizeof *v, cmp_key);
    return v;
}

/* The fingerprints of the findings the run's claims make among themselves:
 * with them, check --claims knows which findings the stored archive had
 * before a new article came, without matching it again. */
static size_t put_finding_ids(cc_buf *b, const cc_run *r)
{
    cc_findings f = {NULL, 0, 0};
    cc_match_jobs(&r->claims, r->docs, &f, cc_run_jobs(r));
    for (size_t i = 0; i < f.n; i++) cc_buf_put(b, f.items[i].id, sizeof(store_id));
    size_t n = f.n;
    cc_findings_free(&f);
    return n;
}

static void put_header(cc_buf *out, uint64_t extraction, size_t file_size, size_t toc_off, size_t toc_len)
{
    cc_buf_put(out, IDX_MAGIC, 16);
    put_u32(out, IDX_VERSION);
    put_u32(out, IDX_PROBE);
    put_u64(out, extraction);
    put_u64(out, file_size);
    put_u64(out, toc_off);
    put_u64(out, toc_len);
    put_u64(out, 0);
}

int store_ixw_finish(store_ixw *w, cc_buf *out, uint64_t extraction, size_t file_size)
{
    cc_buf toc;
    cc_buf_init(&toc);
    const size_t base = out->flushed + out->len;
    cc_buf_put(out, (const char[IDX_HEAD]){0}, IDX_HEAD); /* written again at the end */
    put_u64(&toc, w->njson / 2);
    for (size_t i = 0; i < w->njson; i++) put_u64(&toc, w->json[i]);
    /* the blocks, each's place in the table */
    size_t at = out->flushed + out->len - base;
    cc_buf_put(out, w->units.s, w->units.len);
    cc_buf keys_tab;
    cc_buf_init(&keys_tab);
    rule_no *rules = NULL, *re, *rt;
    uint32_t nrules = 0;
    key_claims *hash = NULL;
    size_t nkeys;
    key_claims **keys = claims_by_key(w->r, &hash, &nkeys);
    for (size_t i = 0; i < nkeys; i++) {
        size_t from = out->flushed + out->len - base;
        for (size_t k = 0; k < keys[i]->n; k++) {
            const cc_claim *c = &w->r->claims.items[keys[i]->ci[k]];
            put_claim(out, w, keys[i]->ci[k], rule_number(&rules, &nrules, c->rule));
        }
        put_cstr(&keys_tab, keys[i]->key);
        put_u64(&keys_tab, from);
        put_u64(&keys_tab, out->flushed + out->len - base - from);
        put_u64(&keys_tab, keys[i]->n);
    }
    size_t ids_at = out->flushed + out->len - base, nids = put_finding_ids(out, w->r);
    /* the table */
    const char **ids = cc_xcalloc(nrules ? nrules : 1, sizeof *ids);
    HASH_ITER(hh, rules, re, rt) {
        ids[re->no] = re->rule->id;
        HASH_DEL(rules, re);
        free(re);
    }
    put_u64(&toc, nrules);
    for (uint32_t i = 0; i < nrules; i++) put_cstr(&toc, ids[i]);
    put_u64(&toc, at);
    put_u64(&toc, w->units.len);
    put_u64(&toc, w->nunits);
    put_u64(&toc, ids_at);
    put_u64(&toc, nids);
    put_u64(&toc, nkeys);
    cc_buf_put(&toc, keys_tab.s, keys_tab.len);
    size_t toc_at = out->flushed + out->len - base;
    cc_buf_put(out, toc.s, toc.len);
    /* the header, now that the table's place is known: in memory still, or
     * written over its placeholder in the file */
    cc_buf head;
    cc_buf_init(&head);
    put_header(&head, extraction, file_size, toc_at, toc.len);
    if (base >= out->flushed) {
        memcpy(out->s + (base - out->flushed), head.s, IDX_HEAD);
    } else if (cc_buf_flush(out) != 0 || fflush((FILE *)out->sink) != 0 ||
               pwrite(fileno((FILE *)out->sink), head.s, IDX_HEAD, (off_t)base) != IDX_HEAD) {
        w->failed = 1;
    }
    cc_buf_free(&head);
    for (size_t i = 0; i < nkeys; i++) {
        HASH_DEL(hash, keys[i]);
        free(keys[i]->ci);
        free(keys[i]);
    }
    free(keys);
    free(ids);
    cc_buf_free(&keys_tab);
    cc_buf_free(&toc);
    cc_buf_free(&w->units);
    free(w->doc_unit);
    free(w->json);
    int failed = w->failed;
    free(w);
    return failed ? -1 : 0;
}

/* ---- reading ---- */

/* A cursor over a block read back; any read past its end marks it bad. */
typedef struct {
    char *p, *end;
    int bad;
} cur;

static char *take(cur *c, size_t n)
{
    if (c->bad || (size_t)(c->end - c->p) < n) {
        c->bad = 1;
        return NULL;
    }
    char *p = c->p;
    c->p += n;
    return p;
}

/* n bytes into v (zeros past the end, and the cursor marked bad). */
static void get_raw(cur *c, void *v, size_t n)
{
    char *p = take(c, n);
    if (p) memcpy(v, p, n);
}

static uint64_t get_u64(cur *c) { uint64_t v = 0; get_raw(c, &v, sizeof v); return v; }
static uint32_t get_u32(cur *c) { uint32_t v = 0; get_raw(c, &v, sizeof v); return v; }
static double get_f64(cur *c) { double v = 0; get_raw(c, &v, sizeof v); return v; }

static unsigned get_u8(cur *c)
{
    char *p = take(c, 1);
    return p ? (unsigned char)*p : 0;
}

/* A string in place (NUL-terminated there), or NULL for none. */
static char *get_str(cur *c, size_t *n)
{
    uint32_t len = get_u32(c);
    if (n) *n = 0;
    if (c->bad || len == NO_STR) return NULL;
    char *p = take(c, (size_t)len + 1);
    if (!p || p[len]) {
        c->bad = 1;
        return NULL;
    }
    if (n) *n = len;
    return p;
}

static void get_qty(cur *c, cc_qty *q)
{
    memset(q, 0, sizeof *q);
    q->start = get_u64(c);
    q->end = get_u64(c);
    q->kind = (cc_kind)get_u8(c);
    q->low = get_f64(c);
    q->high = get_f64(c);
    q->best = get_f64(c);
    q->unit = get_str(c, NULL);
    q->wnum = get_f64(c);
    q->wunit = get_str(c, NULL);
    q->wfactor = get_f64(c);
    q->hedge = (cc_hedge)get_u8(c);
    q->hedge_start = get_u64(c);
    q->hedge_end = get_u64(c);
    store_set_qty_flags(q, get_u8(c));
    q->weekday = (int)get_u8(c) - 1;
    q->weekday_actual = (int)get_u8(c) - 1;
    q->month = (unsigned char)get_u8(c);
    q->mday = (unsigned char)get_u8(c);
    if (!store_qty_ok(q)) c->bad = 1;
}

/* An index being read (mapped: the claims read point into it), and the
 * claims file it indexes. */
typedef struct {
    reader rd;           /* named after the index: its own errors */
    int cfd;
    int same_extraction; /* else --mixed-rules let it in */
    char *map;
    size_t size;
    cur t;               /* the table, past the spans of JSON lines */
    uint64_t njson;
    char *json;          /* the spans (16 bytes each, in the table) */
    const cc_rule **rules;
    const char **rule_ids;
    uint64_t nrules;
    size_t unit0, nunits; /* its inputs: st->u[unit0, unit0 + nunits) */
} ixr;

/* A cursor over [at, at + len) of the index, bad when that is not inside it. */
static cur span_of(const ixr *x, uint64_t at, uint64_t len)
{
    if (at > x->size || len > x->size - at) return (cur){NULL, NULL, 1};
    return (cur){x->map + at, x->map + at + len, 0};
}

static void damaged(ixr *x, const char *what)
{
    store_fail(&x->rd, "a damaged index (%s); delete it, or extract the articles again", what);
}

/* The index mapped, or 1 when it is not the claims file's (another size or
 * extraction, an older format). */
static int ix_map(ixr *x, int fd, cc_store *st)
{
    struct stat sb, cb;
    if (fstat(fd, &sb) != 0 || fstat(x->cfd, &cb) != 0 || sb.st_size < IDX_HEAD) return 1;
    x->size = (size_t)sb.st_size;
    void *m = mmap(NULL, x->size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (m == MAP_FAILED) return 1;
    x->map = m;
    cur h = span_of(x, 0, IDX_HEAD);
    if (memcmp(take(&h, 16), IDX_MAGIC, 16) != 0 || get_u32(&h) != IDX_VERSION || get_u32(&h) != IDX_PROBE) return 1;
    uint64_t ex = get_u64(&h), size = get_u64(&h);
    x->same_extraction = ex == st->extraction;
    if (size != (uint64_t)cb.st_size || (!x->same_extraction && !st->mixed_ok)) return 1;
    uint64_t toc_at = get_u64(&h), toc_len = get_u64(&h);
    x->t = span_of(x, toc_at, toc_len);
    return 0;
}

/* The table's start: the spans of JSON lines, and the rule ids. 0, or -1
 * when it is damaged. */
static int ix_table(ixr *x, cc_store *st)
{
    x->njson = get_u64(&x->t);
    x->json = x->njson <= (uint64_t)(x->t.end - x->t.p) / 16 ? take(&x->t, (size_t)x->njson * 16) : NULL;
    x->nrules = get_u64(&x->t);
    if (x->t.bad || !x->json || x->nrules > (uint64_t)(x->t.end - x->t.p) / 5) {
        damaged(x, "its table is cut short");
        return -1;
    }
    /* claims name their rule by number; a rule these rules lack is an error
     * only when a claim read names it (as in the claims file itself) */
    x->rules = cc_xcalloc(x->nrules ? (size_t)x->nrules : 1, sizeof *x->rules);
    x->rule_ids = cc_xcalloc(x->nrules ? (size_t)x->nrules : 1, sizeof *x->rule_ids);
    for (uint64_t i = 0; i < x->nrules; i++) {
        x->rule_ids[i] = get_str(&x->t, NULL);
        x->rules[i] = x->rule_ids[i] ? cc_rules_find(st->rs, x->rule_ids[i]) : NULL;
    }
    if (!x->t.bad) return 0;
    damaged(x, "its table is cut short");
    return -1;
}

/* The lines [off, off + len) of the claims file, fed to rd in order. */
static int feed_lines(reader *rd, int cfd, uint64_t off, uint64_t len)
{
    char *buf = len <= ((uint64_t)1 << 30) ? cc_xmalloc((size_t)len + 1) : NULL;
    size_t got = 0;
    while (buf && got < len) {
        ssize_t k = pread(cfd, buf + got, (size_t)len - got, (off_t)(off + got));
        if (k <= 0) break;
        got += (size_t)k;
    }
    if (!buf || got != len) {
        free(buf);
        store_fail(rd, "cannot be read where its index says; extract it again%s", NULL);
        return -1;
    }
    for (size_t a = 0; a < len && !rd->bad;) {
        const char *nl = memchr(buf + a, '\n', (size_t)len - a);
        size_t e = nl ? (size_t)(nl - buf) + 1 : (size_t)len;
        rd->line = off == 0 && a == 0 ? 1 : 2; /* the header is the first line; the rest are not numbered here */
        store_feed(rd, buf + a, e - a);
        a = e;
    }
    free(buf);
    return rd->bad ? -1 : 0;
}

/* One input of the inputs' block, with the messages the claims file holds for it. */
static int read_unit(ixr *x, reader *rd, cur *c)
{
    int readable = (int)get_u8(c);
    const char *path = get_str(c, NULL);
    if (c->bad || !path) return -1;
    unit *u = store_new_unit(rd->st, path);
    if (readable) {
        cc_doc *d = &u->doc;
        u->readable = 1;
        d->path = cc_xstrdup(path);
        d->has_date = (int)get_u8(c);
        d->date = (int64_t)get_u64(c);
        const char *ds = get_str(c, NULL), *src = get_str(c, NULL);
        snprintf(d->date_source, sizeof d->date_source, "%s", ds ? ds : "none");
        d->source = src ? cc_xstrdup(src) : NULL;
        unsigned is_new = get_u8(c); /* read whatever keep_new says: the next field follows it */
        d->is_new = rd->st->keep_new && is_new;
        d->nclaims = (size_t)get_u64(c);
        if (!store_day_ok((double)d->date)) d->has_date = 0;
    }
    uint64_t off = get_u64(c), len = get_u64(c);
    if (c->bad) return -1;
    rd->cur = u;
    return len ? feed_lines(rd, x->cfd, off, len) : 0;
}

static int read_units(ixr *x, reader *rd)
{
    uint64_t at = get_u64(&x->t), len = get_u64(&x->t), n = get_u64(&x->t);
    cur c = x->t.bad ? (cur){NULL, NULL, 1} : span_of(x, at, len);
    x->unit0 = rd->st->n;
    int rc = c.bad ? -1 : 0;
    for (uint64_t i = 0; i < n && !rc; i++) rc = read_unit(x, rd, &c);
    x->nunits = rd->st->n - x->unit0;
    if (rc && !rd->bad) damaged(x, "an input cut short");
    return rc;
}

/* The dates a claim holds, read back. */
static void get_claim_dates(cur *c, cc_claim *cl)
{
    cl->has_date = (int)get_u8(c);
    cl->date = (int64_t)get_u64(c);
    cl->at = (int64_t)get_u64(c);
    cl->as_of_low = (int64_t)get_u64(c);
    cl->as_of_high = (int64_t)get_u64(c);
    if (!store_claim_dates_ok(cl)) c->bad = 1;
}

static void get_claim_ref(const cc_ruleset *rs, cur *c, cc_claim *cl)
{
    if (!get_u8(c)) return;
    cl->ref_value = get_f64(c);
    cl->ref_key = get_str(c, NULL);
    const char *stored = get_str(c, NULL), *unit, *src;
    double v;
    cl->ref_source = cl->ref_key && cc_rules_reference(rs, cl->ref_key, &v, &unit, &src) ? src : stored;
}

/* One claim record into *cl (its sentence into *sent, *sent_at); its place
 * in the claims file into *ordinal. */
static int read_claim(ixr *x, cur *c, cc_claim *cl, char **sent, size_t *sent_at, uint64_t *ordinal)
{
    cc_store *st = x->rd.st;
    memset(cl, 0, sizeof *cl);
    *ordinal = get_u64(c);
    uint64_t un = get_u64(c);
    uint32_t rule = get_u32(c);
    if (c->bad || un >= x->nunits || !st->u[x->unit0 + un].readable || rule >= x->nrules) return -1;
    if (!x->rules[rule]) {
        store_fail(&x->rd, "a claim of rule '%s', which these rules do not have; compare with the rules it was extracted with",
                   x->rule_ids[rule] ? x->rule_ids[rule] : "?");
        return -1;
    }
    cl->rule = x->rules[rule];
    cl->doc = x->unit0 + (size_t)un;
    cl->subject = get_str(c, NULL);
    cl->quote = get_str(c, &cl->quote_len);
    cl->line = (int)get_u32(c);
    cl->col = (int)get_u32(c);
    cl->end_line = (int)get_u32(c);
    cl->end_col = (int)get_u32(c);
    cl->start = (size_t)get_u64(c);
    cl->end = (size_t)get_u64(c);
    cl->vstart = (size_t)get_u64(c);
    cl->vend = (size_t)get_u64(c);
    get_qty(c, &cl->raw);
    get_qty(c, &cl->val);
    get_claim_dates(c, cl);
    store_set_claim_flags(cl, get_u8(c));
    cl->policy = get_u8(c) & 3;
    cl->window_days = (unsigned short)get_u32(c);
    get_claim_ref(st->rs, c, cl);
    *sent = get_str(c, NULL);
    *sent_at = (size_t)get_u64(c);
    return c->bad || !cl->subject || !cl->quote || !store_span_ok(cl) ? -1 : 0;
}

/* A wanted key's claims, not yet read. */
typedef struct {
    cur c;
    uint64_t left;
} stream;

/* The place in the claims file of the stream's next claim (its first field). */
static uint64_t next_ordinal(const stream *s)
{
    uint64_t v = UINT64_MAX;
    if (s->left && s->c.end - s->c.p >= 8) memcpy(&v, s->c.p, sizeof v);
    return v;
}

/* The claims of the wanted keys, merged into the claims file's order (each
 * key's are in it already). */
static int merge_claims(ixr *x, stream *s, size_t ns, uint64_t total)
{
    cc_store *st = x->rd.st;
    store_reserve(st, st->claims.n + (size_t)total);
    uint64_t last = 0;
    for (uint64_t k = 0; k < total; k++) {
        size_t best = 0;
        for (size_t i = 1; i < ns; i++)
            if (next_ordinal(&s[i]) < next_ordinal(&s[best])) best = i;
        uint64_t ord;
        size_t at = st->claims.n;
        store_new_claim(st);
        if (!s[best].left || read_claim(x, &s[best].c, &st->claims.items[at], &st->sent[at], &st->sent_at[at], &ord) != 0 ||
            (k && ord <= last))
            return -1;
        s[best].left--;
        last = ord;
    }
    return 0;
}

/* Every claim of the index, each put at its place in the claims file (its
 * ordinal: extract numbers them 0, 1, …), so that no merge is needed however
 * many subjects there are. */
static int place_claims(ixr *x, stream *s, size_t ns, uint64_t total)
{
    cc_store *st = x->rd.st;
    size_t first = st->claims.n;
    store_reserve(st, first + (size_t)total);
    unsigned char *seen = cc_xcalloc(total ? (size_t)total : 1, 1);
    int rc = 0;
    for (size_t i = 0; i < ns && !rc; i++)
        for (; s[i].left && !rc; s[i].left--) {
            cc_claim cl;
            char *sent;
            size_t sat;
            uint64_t ord;
            if (read_claim(x, &s[i].c, &cl, &sent, &sat, &ord) != 0 || ord >= total || seen[ord]) {
                rc = -1;
                break;
            }
            seen[ord] = 1;
            st->claims.items[first + ord] = cl;
            st->sent[first + ord] = sent;
            st->sent_at[first + ord] = sat;
        }
    free(seen);
    if (!rc) st->claims.n = first + (size_t)total; /* every place filled: total claims, none twice */
    return rc;
}

/* Each input's range of the claims read since first; -1 when an input's
 * claims are apart (not what extract writes). */
static int claim_ranges(ixr *x, size_t first)
{
    cc_store *st = x->rd.st;
    for (size_t k = first; k < st->claims.n; k++) {
        unit *u = &st->u[st->claims.items[k].doc];
        if (u->c1 != u->c0 && u->c1 != k) return -1;
        if (u->c1 == u->c0) u->c0 = k;
        u->c1 = k + 1;
    }
    return 0;
}

/* The fingerprints of the findings of the indexed file on its own. */
static int read_ids(ixr *x, uint64_t at, uint64_t n)
{
    cc_store *st = x->rd.st;
    cur c = n <= x->size / sizeof(store_id) ? span_of(x, at, n * sizeof(store_id)) : (cur){NULL, NULL, 1};
    if (c.bad) return -1;
    for (uint64_t i = 0; i < n; i++)
        if (!memchr(c.p + i * sizeof(store_id), 0, sizeof(store_id))) return -1;
    st->ids = cc_xrealloc(st->ids, ((size_t)(st->nids + n) + 1) * sizeof *st->ids);
    memcpy(st->ids + st->nids, c.p, (size_t)n * sizeof(store_id));
    st->nids += (size_t)n;
    st->ids_read = x->same_extraction;
    return 0;
}

static int wanted(const char *key, const char *const *subjects, size_t ns)
{
    if (!subjects || strcmp(key, "!") == 0) return 1;
    for (size_t i = 0; i < ns; i++)
        if (strcmp(subjects[i], key) == 0) return 1;
    return 0;
}

/* The claims of the keys wanted (NULL: all), then the findings' fingerprints. */
static int read_claims(ixr *x, const char *const *subjects, size_t nsubj)
{
    uint64_t ids_at = get_u64(&x->t), nids = get_u64(&x->t), nkeys = get_u64(&x->t), total = 0;
    if (x->t.bad || nkeys > (uint64_t)(x->t.end - x->t.p) / 29) {
        damaged(x, "its table is cut short");
        return -1;
    }
    size_t room = subjects ? nsubj + 1 : (size_t)nkeys;
    stream *s = cc_xmalloc((room + 1) * sizeof *s);
    size_t ns = 0;
    int rc = 0;
    for (uint64_t i = 0; i < nkeys && !rc; i++) {
        const char *key = get_str(&x->t, NULL);
        uint64_t at = get_u64(&x->t), len = get_u64(&x->t), n = get_u64(&x->t);
        if (x->t.bad || !key || n > len) rc = -1;
        else if (wanted(key, subjects, nsubj) && ns < room) {
            s[ns] = (stream){span_of(x, at, len), n};
            total += n;
            rc = s[ns++].c.bad ? -1 : 0;
        }
    }
    size_t first = x->rd.st->claims.n;
    if (!rc && total > x->size / 64) rc = -1;
    if (!rc) rc = subjects ? merge_claims(x, s, ns, total) : place_claims(x, s, ns, total);
    for (size_t i = 0; i < ns && !rc; i++)
        if (s[i].c.p != s[i].c.end) rc = -1;
    if (!rc) rc = claim_ranges(x, first);
    free(s);
    if (!rc) rc = read_ids(x, ids_at, nids);
    if (rc && !x->rd.bad) damaged(x, "a claim or a finding cut short or out of range");
    return rc;
}

/* What the index holds for the claims file: its own lines (the header first,
 * then messages and skipped inputs), its inputs, the claims asked for. */
static int ix_read(ixr *x, const char *name, const char *const *subjects, size_t ns)
{
    cc_store *st = x->rd.st;
    if (ix_table(x, st)) return -1;
    reader rd = {st, name, 0, x->rd.diags, 0, NULL};
    int rc = 0;
    for (uint64_t i = 0; i < x->njson && !rc; i++) {
        uint64_t span[2];
        memcpy(span, x->json + 16 * i, sizeof span);
        rc = feed_lines(&rd, x->cfd, span[0], span[1]);
    }
    if (!rc) rc = read_units(x, &rd);
    if (!rc) rc = read_claims(x, subjects, ns);
    return rc;
}

int cc_store_read_subjects(cc_store *st, const char *name, FILE *f, FILE *idx, const char *const *subjects, size_t ns,
                           cc_diags *diags)
{
    char iname[4096];
    snprintf(iname, sizeof iname, "%s.idx", name);
    ixr x;
    memset(&x, 0, sizeof x);
    x.rd = (reader){st, iname, 0, diags, 0, NULL};
    x.cfd = fileno(f);
    int rc = ix_map(&x, fileno(idx), st);
    if (rc == 0) {
        rc = ix_read(&x, name, subjects, ns);
        cc_claims_adopt_map(&st->claims, x.map, x.size); /* the claims read point into it */
        if (!rc) st->files++;
    } else if (x.map) {
        munmap(x.map, x.size);
    }
    free(x.rules);
    free(x.rule_ids);
    return rc;
}

#include "cc_match.h"
#include "cc_date.h"
#include "cc_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uthash.h>

void cc_findings_free(cc_findings *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->items[i].subject);
        free(f->items[i].claims);
        free(f->items[i].message);
        free(f->items[i].why);
    }
    free(f->items);
    f->items = NULL;
    f->n = 0;
}

typedef struct {
    char *key; /* subject + '\x1f' + unit */
    size_t *idx;
    size_t n, cap;
    UT_hash_handle hh;
} group;

static const cc_claim *g_claims; /* for qsort comparators */
static const cc_doc *g_docs;

static int cmp_claim_pos(const void *a, const void *b)
{
    const cc_claim *x = &g_claims[*(const size_t *)a], *y = &g_claims[*(const size_t *)b];
    int c = strcmp(g_docs[x->doc].path, g_docs[y->doc].path);
    if (c) return c;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return strcmp(x->rule->id, y->rule->id);
}

static void quote(cc_buf *b, const cc_claim *c, const cc_doc *docs)
{
    const cc_doc *d = &docs[c->doc];
    cc_buf_putc(b, '\'');
    /* the quoted text with white space folded */
    int sp = 0;
    for (size_t i = c->start; i < c->end; i++) {
        char ch = d->text[i];
        if (ch == '\n' || ch == '\r' || ch == '\t' || ch == ' ') { sp = 1; continue; }
        if (sp) cc_buf_putc(b, ' ');
        sp = 0;
        cc_buf_putc(b, ch);
    }
    cc_buf_putc(b, '\'');
}

/* A bound for people: durations under two days in hours or minutes, large
 * counts and amounts with thousands separators or a scale word. */
static void human(cc_buf *b, double v, const char *u, double scale)
{
    if (!isfinite(v) || strcmp(u, "date") == 0) { cc_norm_bound_text(b, v, u); return; }
    double x = v * scale;
    double ax = fabs(x);
    if (ax >= 1e9 && strcmp(u, "count") != 0) { cc_buf_printf(b, "%.4g billion", x / 1e9); return; }
    if (ax >= 1e7 && strcmp(u, "count") != 0) { cc_buf_printf(b, "%.4g million", x / 1e6); return; }
    if (ax >= 1000 && x == floor(x)) {
        char tmp[64], out[96];
        snprintf(tmp, sizeof tmp, "%.0f", ax);
        size_t n = strlen(tmp), o = 0;
        if (x < 0) out[o++] = '-';
        for (size_t i = 0; i < n; i++) {
            if (i && (n - i) % 3 == 0) out[o++] = ',';
            out[o++] = tmp[i];
        }
        out[o] = 0;
        cc_buf_puts(b, out);
        return;
    }
    cc_buf_printf(b, "%.4g", x);
}

static void range_text(cc_buf *b, const cc_qty *q)
{
    const char *u = q->unit ? q->unit : "";
    int date = strcmp(u, "date") == 0;
    double scale = 1;
    const char *suffix = "";
    if (strcmp(u, "percent") == 0) suffix = "%";
    else if (strcmp(u, "day") == 0) {
        double big = isfinite(q->high) ? q->high : q->low;
        if (big < 1.0 / 12) { scale = 1440; suffix = " minutes"; }
        else if (big < 2) { scale = 24; suffix = " hours"; }
        else suffix = " days";
    } else if (strcmp(u, "count") == 0) suffix = "";
    else if (strcmp(u, "km2") == 0) suffix = " km²";
    else if (!date) {
        cc_buf_printf(b, "%s ", u);  /* currencies and other units first: "USD 4.5 billion" */
    }
    if (q->low == q->high) {
        cc_buf_puts(b, date ? "on " : "");
        human(b, q->low, u, scale);
    } else if (isinf(q->high)) {
        cc_buf_puts(b, date ? "on or after " : "at least ");
        human(b, q->low, u, scale);
    } else if (isinf(q->low)) {
        cc_buf_puts(b, date ? "on or before " : "at most ");
        human(b, q->high, u, scale);
    } else {
        cc_buf_puts(b, "between ");
        human(b, q->low, u, scale);
        cc_buf_puts(b, " and ");
        human(b, q->high, u, scale);
    }
    cc_buf_puts(b, suffix);
}

void cc_match_describe(cc_buf *b, const cc_claim *c, const cc_doc *docs)
{
    quote(b, c, docs);
    char d[11];
    if (c->has_date) {
        cc_date_format(c->date, d);
        cc_buf_printf(b, " on %s", d);
    } else {
        cc_buf_puts(b, " (undated)");
    }
    if (c->unanchored) { cc_buf_puts(b, " cannot be placed in time without a publication date"); return; }
    if (c->rule->derive == CC_DERIVE_START) {
        cc_buf_puts(b, " puts the start ");
        range_text(b, &c->val);
    } else if (c->rule->derive == CC_DERIVE_SHARE) {
        cc_buf_puts(b, " is ");
        range_text(b, &c->raw);
        cc_buf_printf(b, " of %.0f km2 (%s), so ", c->ref_value, c->ref_source ? c->ref_source : "reference");
        range_text(b, &c->val);
    } else {
        cc_buf_puts(b, " reads as ");
        range_text(b, &c->val);
    }
}

static int overlaps(const cc_qty *a, const cc_qty *b)
{
    double eps = 1e-9 * fmax(1.0, fmax(fabs(a->best), fabs(b->best)));
    return a->low <= b->high + eps && b->low <= a->high + eps;
}

typedef struct {
    double x;
    int start; /* 1 start, 0 end */
} ev;

static int cmp_ev(const void *a, const void *b)
{
    const ev *x = a, *y = b;
    if (x->x != y->x) return x->x < y->x ? -1 : 1;
    return y->start - x->start; /* starts before ends: touching intervals overlap */
}

/* The largest set of claims that share a point. Returns its size and fills
 * in[] (1 for members); *unique is 0 when another disjoint set ties. */
static size_t consensus(const cc_claims *cl, const size_t *idx, size_t n, int *in, int *unique)
{
    ev *e = cc_xmalloc(2 * n * sizeof *e);
    for (size_t i = 0; i < n; i++) {
        e[2 * i].x = cl->items[idx[i]].val.low;
        e[2 * i].start = 1;
        e[2 * i + 1].x = cl->items[idx[i]].val.high;
        e[2 * i + 1].start = 0;
    }
    qsort(e, 2 * n, sizeof *e, cmp_ev);
    int cur = 0, best = 0, ties = 0;
    double at = 0;
    for (size_t i = 0; i < 2 * n; i++) {
        if (e[i].start) {
            cur++;
            if (cur > best) { best = cur; at = e[i].x; ties = 1; }
            else if (cur == best) ties++;
        } else {
            cur--;
        }
    }
    size_t cnt = 0;
    for (size_t i = 0; i < n; i++) {
        const cc_qty *q = &cl->items[idx[i]].val;
        in[i] = q->low <= at && at <= q->high;
        cnt += (size_t)in[i];
    }
    /* several points reach the maximum: the consensus is unique only when
     * every one of them is covered by the same claims */
    *unique = 1;
    if (ties > 1) {
        int c2 = 0;
        for (size_t i = 0; i < 2 * n && *unique; i++) {
            if (!e[i].start) { c2--; continue; }
            if (++c2 != best || e[i].x == at) continue;
            for (size_t k = 0; k < n; k++) {
                const cc_qty *q = &cl->items[idx[k]].val;
                if ((q->low <= e[i].x && e[i].x <= q->high) != in[k]) { *unique = 0; break; }
            }
        }
    }
    free(e);
    return cnt;
}

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) { h ^= (unsigned char)s[i]; h *= 1099511628211ULL; }
    return h;
}

static void finish_id(cc_finding *f, const cc_claims *cl, const cc_doc *docs)
{
    uint64_t h = 1469598103934665603ULL;
    h = fnv(h, f->rule->id, strlen(f->rule->id));
    h = fnv(h, "\x1f", 1);
    h = fnv(h, f->subject, strlen(f->subject));
    /* order-independent over the claims: sort their hashes */
    uint64_t *hs = cc_xmalloc(f->nclaims * sizeof *hs);
    for (size_t i = 0; i < f->nclaims; i++) {
        const cc_claim *c = &cl->items[f->claims[i]];
        uint64_t x = fnv(1469598103934665603ULL, docs[c->doc].path, strlen(docs[c->doc].path));
        x = fnv(x, "\x1f", 1);
        x = fnv(x, docs[c->doc].text + c->start, c->end - c->start);
        hs[i] = x + (i == 0 ? 0x9e3779b97f4a7c15ULL : 0);
    }
    for (size_t i = 1; i < f->nclaims; i++)
        for (size_t j = i; j > 1 && hs[j] < hs[j - 1]; j--) { uint64_t t = hs[j]; hs[j] = hs[j - 1]; hs[j - 1] = t; }
    for (size_t i = 0; i < f->nclaims; i++) h = fnv(h, (const char *)&hs[i], sizeof hs[i]);
    free(hs);
    snprintf(f->id, sizeof f->id, "CC%016llx", (unsigned long long)h);
}

static cc_finding *new_finding(cc_findings *out)
{
    out->items = cc_xrealloc(out->items, (out->n + 1) * sizeof *out->items);
    cc_finding *f = &out->items[out->n++];
    memset(f, 0, sizeof *f);
    return f;
}

static int same_set(const cc_finding *f, const size_t *idx, size_t n)
{
    if (f->nclaims != n) return 0;
    for (size_t i = 0; i < n; i++) {
        int found = 0;
        for (size_t j = 0; j < n; j++)
            if (f->claims[j] == idx[i]) found = 1;
        if (!found) return 0;
    }
    return 1;
}

/* A finding: claims[0] against the rest (consensus members first). */
static void add_conflict(cc_findings *out, size_t first, const cc_claims *cl, const cc_doc *docs, const char *subject,
                         cc_ftype type, const size_t *others, size_t nothers, size_t ncons)
{
    size_t n = nothers + 1;
    size_t *all = cc_xmalloc(n * sizeof *all);
    all[0] = first;
    memcpy(all + 1, others, nothers * sizeof *others);
    for (size_t i = 0; i < out->n; i++)
        if (same_set(&out->items[i], all, n) && strcmp(out->items[i].subject, subject) == 0) { free(all); return; }
    cc_finding *f = new_finding(out);
    f->type = type;
    const cc_claim *c = &cl->items[first];
    f->rule = c->rule;
    f->severity = c->rule->severity;
    for (size_t i = 0; i < n; i++)
        if (cl->items[all[i]].rule->severity > f->severity) f->severity = cl->items[all[i]].rule->severity;
    f->subject = cc_xstrdup(subject);
    f->claims = all;
    f->nclaims = n;
    f->nconsensus = ncons;
    cc_buf m, w;
    cc_buf_init(&m);
    cc_buf_init(&w);
    if (type == CC_F_DECREASE) {
        const cc_claim *e = &cl->items[others[0]];
        quote(&m, c, docs);
        cc_buf_printf(&m, " is lower than the earlier ");
        quote(&m, e, docs);
        cc_buf_printf(&m, " for %s, a total that can only grow", subject);
    } else if (ncons >= 2) {
        quote(&m, c, docs);
        cc_buf_printf(&m, " disagrees with %zu other claim%s about %s", ncons, ncons == 1 ? "" : "s", subject);
    } else if (nothers == 1) {
        quote(&m, c, docs);
        cc_buf_puts(&m, " contradicts ");
        quote(&m, &cl->items[others[0]], docs);
        cc_buf_printf(&m, " about %s", subject);
    } else {
        cc_buf_printf(&m, "%zu claims about %s disagree with no majority", n, subject);
    }
    cc_match_describe(&w, c, docs);
    if (type == CC_F_DECREASE) {
        cc_buf_puts(&w, ", below the earlier ");
        cc_match_describe(&w, &cl->items[others[0]], docs);
        cc_buf_puts(&w, "; a running total cannot shrink");
    } else if (ncons >= 2) {
        /* the consensus range is the intersection of its members; the example
         * shown is the tightest of them */
        double lo = -INFINITY, hi = INFINITY;
        size_t tight = others[0];
        for (size_t i = 0; i < ncons; i++) {
            const cc_qty *q = &cl->items[others[i]].val;
            lo = fmax(lo, q->low);
            hi = fmin(hi, q->high);
            const cc_qty *t = &cl->items[tight].val;
            if (q->high - q->low < t->high - t->low) tight = others[i];
        }
        cc_qty agreed = cl->items[others[0]].val;
        agreed.low = lo;
        agreed.high = hi;
        cc_buf_printf(&w, ", but %zu other claims agree: ", ncons);
        range_text(&w, &agreed);
        cc_buf_puts(&w, " (e.g. ");
        cc_match_describe(&w, &cl->items[tight], docs);
        cc_buf_puts(&w, "); no value fits both");
    } else {
        cc_buf_puts(&w, ", but ");
        cc_match_describe(&w, &cl->items[others[0]], docs);
        if (nothers > 1) cc_buf_printf(&w, " (and %zu more)", nothers - 1);
        cc_buf_puts(&w, "; no value fits both");
    }
    f->message = cc_buf_take(&m);
    f->why = cc_buf_take(&w);
    finish_id(f, cl, docs);
}

static int64_t absdiff(int64_t a, int64_t b) { return a > b ? a - b : b - a; }

/* Claims of one subject and unit. */
static void check_group(const cc_claims *cl, const cc_doc *docs, const char *subject, size_t *idx, size_t n,
                        cc_findings *out)
{
    if (n < 2) return;
    const cc_rule *r0 = cl->items[idx[0]].rule;
    cc_policy pol = r0->policy;
    if (pol == CC_POL_NONE) return;
    int window = pol == CC_POL_FIXED ? -1 : r0->window_days;
    size_t *win = cc_xmalloc(n * sizeof *win);
    int *in = cc_xmalloc(n * sizeof *in);
    size_t *others = cc_xmalloc(n * sizeof *others);
    for (size_t x = 0; x < n; x++) {
        const cc_claim *cx = &cl->items[idx[x]];
        size_t nw = 0;
        for (size_t y = 0; y < n; y++) {
            const cc_claim *cy = &cl->items[idx[y]];
            if (window >= 0 && (!cx->has_date || !cy->has_date || absdiff(cx->date, cy->date) > window)) continue;
            win[nw++] = idx[y];
        }
        if (nw < 2) continue;
        /* do all claims in the window overlap? */
        double lo = -INFINITY, hi = INFINITY;
        for (size_t k = 0; k < nw; k++) {
            lo = fmax(lo, cl->items[win[k]].val.low);
            hi = fmin(hi, cl->items[win[k]].val.high);
        }
        if (lo <= hi) continue;
        int unique;
        size_t cnt = consensus(cl, win, nw, in, &unique);
        size_t self = 0;
        for (size_t k = 0; k < nw; k++)
            if (win[k] == idx[x]) self = k;
        if (unique && cnt >= 2 && !in[self]) {
            size_t no = 0;
            for (size_t k = 0; k < nw; k++)
                if (in[k]) others[no++] = win[k];
            add_conflict(out, idx[x], cl, docs, subject, CC_F_CONFLICT, others, no, no);
        } else if (!unique || cnt < 2) {
            /* no majority: the claims x disagrees with */
            size_t no = 0;
            for (size_t k = 0; k < nw; k++)
                if (k != self && !overlaps(&cx->val, &cl->items[win[k]].val)) others[no++] = win[k];
            if (no == 0) continue;
            /* report once per set, with the earliest claim first */
            size_t first = idx[x];
            int earliest = 1;
            for (size_t k = 0; k < no; k++)
                if (cmp_claim_pos(&others[k], &first) < 0) earliest = 0;
            if (!earliest) continue;
            add_conflict(out, first, cl, docs, subject, CC_F_CONFLICT, others, no, 0);
        }
    }
    if (pol == CC_POL_CUMULATIVE) {
        /* a later total below an earlier one's low bound */
        for (size_t a = 0; a < n; a++)
            for (size_t b = 0; b < n; b++) {
                const cc_claim *ea = &cl->items[idx[a]], *lb = &cl->items[idx[b]];
                if (!ea->has_date || !lb->has_date || lb->date <= ea->date) continue;
                if (window >= 0 && lb->date - ea->date <= window) continue; /* same window: checked above */
                if (lb->val.high < ea->val.low) add_conflict(out, idx[b], cl, docs, subject, CC_F_DECREASE, &idx[a], 1, 0);
            }
    }
    free(win);
    free(in);
    free(others);
}

static int cmp_finding(const void *a, const void *b)
{
    const cc_finding *x = a, *y = b;
    int c = cmp_claim_pos(&x->claims[0], &y->claims[0]);
    if (c) return c;
    c = strcmp(x->subject, y->subject);
    if (c) return c;
    return strcmp(x->id, y->id);
}

void cc_match(const cc_claims *cl, const cc_doc *docs, cc_findings *out)
{
    g_claims = cl->items;
    g_docs = docs;
    group *groups = NULL;
    for (size_t i = 0; i < cl->n; i++) {
        const cc_claim *c = &cl->items[i];
        /* calendar: a weekday that does not fit its date */
        if (c->raw.weekday >= 0 && c->raw.weekday_actual >= 0 && c->raw.weekday != c->raw.weekday_actual) {
            static const char *wd[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
            cc_finding *f = new_finding(out);
            f->type = CC_F_CALENDAR;
            f->rule = c->rule;
            f->severity = c->rule->severity;
            f->subject = cc_xstrdup(c->subject);
            f->claims = cc_xmalloc(sizeof *f->claims);
            f->claims[0] = i;
            f->nclaims = 1;
            char d[11];
            cc_date_format((int64_t)c->raw.low, d);
            cc_buf m;
            cc_buf_init(&m);
            quote(&m, c, docs);
            cc_buf_printf(&m, " names a %s, but %s is a %s", wd[c->raw.weekday], d, wd[c->raw.weekday_actual]);
            f->message = cc_buf_take(&m);
            cc_buf_init(&m);
            cc_buf_printf(&m, "the calendar puts %s on a %s", d, wd[c->raw.weekday_actual]);
            f->why = cc_buf_take(&m);
            finish_id(f, cl, docs);
        }
        if (c->unanchored || isnan(c->val.low) || isnan(c->val.high)) continue;
        char key[512];
        snprintf(key, sizeof key, "%s\x1f%s", c->subject, c->val.unit ? c->val.unit : "");
        group *g;
        HASH_FIND_STR(groups, key, g);
        if (!g) {
            g = cc_xcalloc(1, sizeof *g);
            g->key = cc_xstrdup(key);
            HASH_ADD_KEYPTR(hh, groups, g->key, strlen(g->key), g);
        }
        if (g->n == g->cap) {
            g->cap = g->cap ? g->cap * 2 : 8;
            g->idx = cc_xrealloc(g->idx, g->cap * sizeof *g->idx);
        }
        g->idx[g->n++] = i;
    }
    group *g, *tmp;
    HASH_ITER(hh, groups, g, tmp)
    {
        qsort(g->idx, g->n, sizeof *g->idx, cmp_claim_pos);
        char *subject = cc_xstrndup(g->key, strcspn(g->key, "\x1f"));
        check_group(cl, docs, subject, g->idx, g->n, out);
        free(subject);
        HASH_DEL(groups, g);
        free(g->key);
        free(g->idx);
        free(g);
    }
    if (out->n > 1) qsort(out->items, out->n, sizeof *out->items, cmp_finding);
}

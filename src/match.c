#include "cc_match.h"
#include "cc_date.h"
#include "cc_util.h"
#include "cc_wording.h"

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
    f->n = f->cap = 0;
}

typedef struct {
    char *key; /* subject + '\x1f' + unit */
    size_t *idx;
    size_t n, cap;
    UT_hash_handle hh;
} group;

typedef struct {
    const cc_claim *items;
    const cc_doc *docs;
} cmpctx;

/* Claims by position: document path, offset, rule id. */
static int pos_cmp(const cmpctx *k, size_t a, size_t b)
{
    const cc_claim *x = &k->items[a], *y = &k->items[b];
    if (x->doc != y->doc) {
        int c = strcmp(k->docs[x->doc].path, k->docs[y->doc].path);
        if (c) return c;
    }
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return strcmp(x->rule->id, y->rule->id);
}

/* Claims by date, then position. */
static int date_cmp(const cmpctx *k, size_t a, size_t b)
{
    const cc_claim *x = &k->items[a], *y = &k->items[b];
    if (x->at != y->at) return x->at < y->at ? -1 : 1;
    return pos_cmp(k, a, b);
}

/* A stable merge sort of claim indexes with a context (qsort has none, and
 * the subjects are matched on several threads); nothing to do when the
 * indexes are in order already, as they are when claims come from a run. */
static void sort_idx(size_t *v, size_t n, int (*cmp)(const cmpctx *, size_t, size_t), const cmpctx *k)
{
    size_t i = 1;
    while (i < n && cmp(k, v[i - 1], v[i]) <= 0) i++;
    if (i >= n) return;
    size_t *tmp = cc_xmalloc(n * sizeof *tmp), *src = v, *dst = tmp;
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t s = 0; s < n; s += 2 * w) {
            size_t m = s + w < n ? s + w : n, e = s + 2 * w < n ? s + 2 * w : n, a = s, b = m, o = s;
            while (a < m && b < e) dst[o++] = cmp(k, src[b], src[a]) < 0 ? src[b++] : src[a++];
            while (a < m) dst[o++] = src[a++];
            while (b < e) dst[o++] = src[b++];
        }
        size_t *t = src; src = dst; dst = t;
    }
    if (src != v) memcpy(v, src, n * sizeof *v);
    free(tmp);
}

static const cmpctx *g_ctx; /* for the final qsort of findings, on one thread */

static int cmp_claim_pos(const void *a, const void *b) { return pos_cmp(g_ctx, *(const size_t *)a, *(const size_t *)b); }

static int overlaps(const cc_qty *a, const cc_qty *b)
{
    double eps = 1e-9 * fmax(1.0, fmax(fabs(a->best), fabs(b->best)));
    return a->low <= b->high + eps && b->low <= a->high + eps;
}

/* Sorts v[0..n) ascending: insertion sort over runs of 8, then bottom-up
 * merges through tmp (n doubles). Several times quicker than qsort with a
 * comparator call per step, and it only ever compares with <, so it ends
 * whatever the values (even NaN). */
static void sort_doubles(double *v, size_t n, double *tmp)
{
    const size_t run = 8;
    for (size_t s = 0; s < n; s += run) {
        size_t e = s + run < n ? s + run : n;
        for (size_t i = s + 1; i < e; i++) {
            double x = v[i];
            size_t j = i;
            while (j > s && x < v[j - 1]) { v[j] = v[j - 1]; j--; }
            v[j] = x;
        }
    }
    double *src = v, *dst = tmp;
    for (size_t w = run; w < n; w *= 2) {
        for (size_t s = 0; s < n; s += 2 * w) {
            size_t m = s + w < n ? s + w : n, e = s + 2 * w < n ? s + 2 * w : n, i = s, j = m, o = s;
            while (i < m && j < e) dst[o++] = src[j] < src[i] ? src[j++] : src[i++];
            while (i < m) dst[o++] = src[i++];
            while (j < e) dst[o++] = src[j++];
        }
        double *t = src; src = dst; dst = t;
    }
    if (src != v) memcpy(v, src, n * sizeof *v);
}

/* Number of v[0..n) that are <= x (upper bound), or < x (lower bound). */
static size_t count_le(const double *v, size_t n, double x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) { size_t m = (lo + hi) / 2; if (v[m] <= x) lo = m + 1; else hi = m; }
    return lo;
}

static size_t count_lt(const double *v, size_t n, double x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) { size_t m = (lo + hi) / 2; if (v[m] < x) lo = m + 1; else hi = m; }
    return lo;
}

/* The agreement structure of a window of claims (closed intervals).
 * Coverage is piecewise constant and only rises at a low bound, so its
 * maximum over any interval is reached at a low bound inside it. The sorted
 * bounds belong to the caller, who keeps them up to date as the window
 * slides (window_update); the rest is rebuilt per window in linear time. */
typedef struct {
    size_t n, cap;
    const double *lows, *highs; /* sorted (the caller's) */
    double *wl, *wh;            /* the window's bounds in window order (judge reads them, not the claims) */
    size_t *cov;                /* coverage at each sorted low */
    size_t best;                /* the maximum coverage M */
    double at;                  /* p*: the leftmost point where it is reached */
    size_t *cons, ncons;        /* the claims containing p* (the consensus), once asked: every outlier of
                                 * the window is set against the same ones */
    int cons_known;
} agreement;

static void agreement_build(agreement *g, const cc_claims *cl, const size_t *idx, size_t n, const double *lows,
                            const double *highs)
{
    if (n > g->cap) {
        g->cap = n;
        g->wl = cc_xrealloc(g->wl, n * sizeof *g->wl);
        g->wh = cc_xrealloc(g->wh, n * sizeof *g->wh);
        g->cov = cc_xrealloc(g->cov, n * sizeof *g->cov);
        g->cons = cc_xrealloc(g->cons, n * sizeof *g->cons);
    }
    g->n = n;
    g->cons_known = 0;
    g->lows = lows;
    g->highs = highs;
    for (size_t i = 0; i < n; i++) {
        g->wl[i] = cl->items[idx[i]].val.low;
        g->wh[i] = cl->items[idx[i]].val.high;
    }
    g->best = 0;
    /* one sweep: le counts the lows <= lows[i], lt the highs < lows[i] */
    for (size_t i = 0, le = 0, lt = 0; i < n; i++) {
        double x = lows[i];
        if (le < i + 1) le = i + 1;
        while (le < n && lows[le] <= x) le++;
        while (lt < n && highs[lt] < x) lt++;
        g->cov[i] = le - lt;
        if (g->cov[i] > g->best) { g->best = g->cov[i]; g->at = x; }
    }
}

/* The highest coverage reached anywhere inside [lo, hi]: a scan of the
 * lows inside it (only claims outside the consensus ask, and judging one
 * walks the window anyway). */
static size_t agreement_max_in(const agreement *g, double lo, double hi)
{
    size_t a = count_lt(g->lows, g->n, lo), b = count_le(g->lows, g->n, hi), m = 0;
    for (size_t i = a; i < b; i++)
        if (g->cov[i] > m) m = g->cov[i];
    return m;
}

static void agreement_free(agreement *g)
{
    free(g->wl);
    free(g->wh);
    free(g->cov);
    free(g->cons);
}

/* The claims of window win containing p*, in window order. */
static const size_t *agreement_consensus(agreement *g, const size_t *win, size_t *n)
{
    if (!g->cons_known) {
        g->ncons = 0;
        for (size_t k = 0; k < g->n; k++)
            if (g->wl[k] <= g->at && g->at <= g->wh[k]) g->cons[g->ncons++] = win[k];
        g->cons_known = 1;
    }
    *n = g->ncons;
    return g->cons;
}

/* The sorted bounds v[0..*n) of a window that loses the values rm (sorted,
 * all present) and gains add (sorted): one merge through tmp, swapped in. */
static void window_update(double **v, size_t *n, const double *rm, size_t nrm, const double *add, size_t nadd,
                          double **tmp)
{
    double *src = *v, *dst = *tmp;
    size_t i = 0, j = 0, k = 0, o = 0;
    while (i < *n || k < nadd) {
        if (i < *n && j < nrm && !(src[i] < rm[j]) && !(rm[j] < src[i])) { i++; j++; continue; } /* removed */
        if (i < *n && j < nrm && rm[j] < src[i]) { j++; continue; } /* not present: ignore */
        if (k < nadd && (i >= *n || add[k] < src[i])) dst[o++] = add[k++];
        else dst[o++] = src[i++];
    }
    *tmp = src;
    *v = dst;
    *n = o;
}

static void finish_id(cc_finding *f, const cc_claims *cl, const cc_doc *docs)
{
    uint64_t h = CC_FNV64_START;
    h = cc_fnv64(h, f->rule->id, strlen(f->rule->id));
    h = cc_fnv64(h, "\x1f", 1);
    h = cc_fnv64(h, f->subject, strlen(f->subject));
    h = cc_fnv64(h, "\x1f", 1);
    /* a disagreement hashes as the conflict it was reported as before, so
     * that baselines written then still match it */
    h = cc_fnv64(h, f->type == CC_F_CONFLICT || f->type == CC_F_DISAGREEMENT ? "c" : f->type == CC_F_DECREASE ? "d" : "w", 1);
    /* order-independent over the claims: sort their hashes. Against a
     * consensus only the flagged claim counts, so an article that joins the
     * consensus later does not make the finding new again. */
    size_t n = f->nconsensus ? 1 : f->nclaims;
    uint64_t *hs = cc_xmalloc(f->nclaims * sizeof *hs);
    for (size_t i = 0; i < n; i++) {
        const cc_claim *c = &cl->items[f->claims[i]];
        uint64_t x = cc_fnv64(CC_FNV64_START, docs[c->doc].path, strlen(docs[c->doc].path));
        x = cc_fnv64(x, "\x1f", 1);
        x = cc_fnv64(x, c->quote, c->quote_len);
        hs[i] = x + (i == 0 ? 0x9e3779b97f4a7c15ULL : 0);
    }
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 1 && hs[j] < hs[j - 1]; j--) { uint64_t t = hs[j]; hs[j] = hs[j - 1]; hs[j - 1] = t; }
    for (size_t i = 0; i < n; i++) h = cc_fnv64(h, (const char *)&hs[i], sizeof hs[i]);
    free(hs);
    snprintf(f->id, sizeof f->id, "CC%016llx", (unsigned long long)h);
}

static cc_finding *new_finding(cc_findings *out)
{
    if (out->n == out->cap) {
        out->cap = out->cap ? 2 * out->cap : 16;
        out->items = cc_xrealloc(out->items, out->cap * sizeof *out->items);
    }
    cc_finding *f = &out->items[out->n++];
    memset(f, 0, sizeof *f);
    return f;
}

/* At most this many claims are listed in one finding (the message still
 * gives the full count). */
#define MAX_LISTED 50

/* A finding: claims[0] against the rest (consensus members first). The
 * caller makes sure each claim is flagged once per subject. */
static void add_conflict(cc_findings *out, size_t first, const cc_claims *cl, const cc_doc *docs, const char *subject,
                         cc_ftype type, const size_t *others, size_t nothers, size_t ncons)
{
    size_t total_others = nothers;
    if (nothers > MAX_LISTED) nothers = MAX_LISTED;
    if (ncons > nothers) ncons = nothers;
    size_t n = nothers + 1;
    size_t *all = cc_xmalloc(n * sizeof *all);
    all[0] = first;
    memcpy(all + 1, others, nothers * sizeof *others);
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
    f->nothers = total_others;
    if (ncons >= 2) { /* the interval the consensus shares: its members' intersection */
        f->agreed = cl->items[others[0]].val;
        for (size_t i = 0; i < ncons; i++) {
            const cc_qty *q = &cl->items[others[i]].val;
            f->agreed.low = fmax(f->agreed.low, q->low);
            f->agreed.high = fmin(f->agreed.high, q->high);
        }
    }
    cc_word_finding(f, cl);
    finish_id(f, cl, docs);
}


/* Checks claim win[self] against the claims of its window win[0..nw):
 * a claim containing the consensus point p* agrees; one whose interval never
 * reaches the top coverage M is an outlier against the claims at p*; one
 * that reaches M elsewhere belongs to an equal camp (no majority) and is
 * reported against the claims at p* it does not overlap. */
static void judge(const cc_claims *cl, const cc_doc *docs, const char *subject, const size_t *win, size_t nw,
                  size_t self, agreement *g, size_t *others, cc_findings *out)
{
    const cc_claim *cx = &cl->items[win[self]];
    if (cx->val.low <= g->at && g->at <= cx->val.high) return;
    size_t no = 0;
    if (agreement_max_in(g, cx->val.low, cx->val.high) < g->best && g->best >= 2) {
        const size_t *cons = agreement_consensus(g, win, &no);
        add_conflict(out, win[self], cl, docs, subject, CC_F_CONFLICT, cons, no, no);
        return;
    }
    for (size_t k = 0; k < nw; k++)
        if (k != self && g->wl[k] <= g->at && g->at <= g->wh[k] && !overlaps(&cx->val, &cl->items[win[k]].val))
            others[no++] = win[k];
    if (no) add_conflict(out, win[self], cl, docs, subject, CC_F_DISAGREEMENT, others, no, 0);
}

/* Claims of one subject and unit, under the subject's policy. Fixed
 * subjects form one window; windowed ones slide over the claims in date
 * order (two pointers), and a window is judged once however many claims
 * share it. Cost: O(n log n) per distinct window. */
static void check_group(const cc_claims *cl, const cc_doc *docs, const char *subject, size_t *idx, size_t n,
                        cc_findings *out)
{
    if (n < 2) return;
    const cc_claim *c0 = &cl->items[idx[0]];
    cc_policy pol = (cc_policy)c0->policy;
    if (pol == CC_POL_NONE) return;
    /* a running total may grow between reports: only claims of the same day
     * are judged together, and a later one below an earlier one is a decrease */
    int64_t window = pol == CC_POL_FIXED ? -1 : pol == CC_POL_CUMULATIVE ? 0 : c0->window_days;
    size_t *others = cc_xmalloc(n * sizeof *others);
    size_t *byd = cc_xmalloc(n * sizeof *byd);
    size_t nd = 0;
    if (window < 0) {
        memcpy(byd, idx, n * sizeof *idx);
        nd = n;
    } else {
        for (size_t i = 0; i < n; i++)
            if (cl->items[idx[i]].has_date) byd[nd++] = idx[i];
        cmpctx k = {cl->items, docs};
        if (nd > 1) sort_idx(byd, nd, date_cmp, &k);
    }
    size_t lo = 0, hi = 0, plo = (size_t)-1, phi = 0;
    int agree = 0;
    agreement g;
    memset(&g, 0, sizeof g);
    /* the current window's bounds, sorted, kept as it slides */
    size_t cap = nd ? nd : 1, ns = 0;
    double *sl = cc_xmalloc(cap * sizeof *sl), *sh = cc_xmalloc(cap * sizeof *sh);
    double *tl = cc_xmalloc(cap * sizeof *tl), *th = cc_xmalloc(cap * sizeof *th);
    double *rm = cc_xmalloc(cap * sizeof *rm), *ad = cc_xmalloc(cap * sizeof *ad);
    for (size_t x = 0; x < nd; x++) {
        if (window >= 0) {
            int64_t dx = cl->items[byd[x]].at;
            while (cl->items[byd[lo]].at < dx - window) lo++;
            if (hi < x + 1) hi = x + 1;
            while (hi < nd && cl->items[byd[hi]].at <= dx + window) hi++;
        } else {
            lo = 0;
            hi = nd;
        }
        size_t nw = hi - lo;
        if (nw < 2) continue;
        if (lo != plo || hi != phi) {
            /* a new window: its sorted bounds, by sorting the first and
             * any that shares no claim with the last, else by merging out
             * the claims that left and merging in the ones that came */
            if (plo == (size_t)-1 || lo >= phi) {
                ns = 0;
                for (size_t k = lo; k < hi; k++, ns++) {
                    sl[ns] = cl->items[byd[k]].val.low;
                    sh[ns] = cl->items[byd[k]].val.high;
                }
                sort_doubles(sl, ns, tl);
                sort_doubles(sh, ns, th);
            } else {
                for (int side = 0; side < 2; side++) {
                    size_t nr = 0, na = 0;
                    for (size_t k = plo; k < lo; k++) rm[nr++] = side ? cl->items[byd[k]].val.high : cl->items[byd[k]].val.low;
                    for (size_t k = phi; k < hi; k++) ad[na++] = side ? cl->items[byd[k]].val.high : cl->items[byd[k]].val.low;
                    sort_doubles(rm, nr, side ? th : tl);
                    sort_doubles(ad, na, side ? th : tl);
                    size_t n2 = ns;
                    if (side) window_update(&sh, &n2, rm, nr, ad, na, &th);
                    else window_update(&sl, &n2, rm, nr, ad, na, &tl);
                    if (side) ns = n2; /* both sides hold the window's nw bounds */
                }
            }
            /* do all its claims overlap (the highest low below the lowest
             * high)? else its consensus */
            agree = sl[ns - 1] <= sh[0];
            if (!agree) agreement_build(&g, cl, byd + lo, nw, sl, sh);
            plo = lo;
            phi = hi;
        }
        if (!agree) judge(cl, docs, subject, byd + lo, nw, x - lo, &g, others, out);
    }
    if (pol == CC_POL_CUMULATIVE) {
        /* a later total below the low bound of one reported before it: a
         * running maximum of earlier low bounds */
        size_t a = 0, best = (size_t)-1;
        for (size_t b = 0; b < nd; b++) {
            const cc_claim *lb = &cl->items[byd[b]];
            while (a < nd && cl->items[byd[a]].at < lb->at - window) {
                if (best == (size_t)-1 || cl->items[byd[a]].val.low > cl->items[best].val.low) best = byd[a];
                a++;
            }
            if (best != (size_t)-1 && lb->val.high < cl->items[best].val.low)
                add_conflict(out, byd[b], cl, docs, subject, CC_F_DECREASE, &best, 1, 0);
        }
    }
    agreement_free(&g);
    free(sl);
    free(sh);
    free(tl);
    free(th);
    free(rm);
    free(ad);
    free(others);
    free(byd);
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

typedef struct {
    const cc_claims *cl;
    const cc_doc *docs;
    group **groups;
    cc_findings *found; /* one list per group */
    size_t *order;      /* groups by size, largest first: threads end together */
    size_t n;
    size_t next;        /* the next group to take (atomic) */
} match_pool;

typedef struct {
    size_t n, i;
} size_pair;

static int cmp_size_desc(const void *a, const void *b)
{
    const size_pair *x = a, *y = b;
    if (x->n != y->n) return x->n > y->n ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

static void *match_worker(void *arg)
{
    match_pool *p = arg;
    cmpctx k = {p->cl->items, p->docs};
    for (;;) {
        size_t i = __atomic_fetch_add(&p->next, 1, __ATOMIC_RELAXED);
        if (i >= p->n) break;
        i = p->order[i];
        group *g = p->groups[i];
        sort_idx(g->idx, g->n, pos_cmp, &k);
        char *subject = cc_xstrndup(g->key, strcspn(g->key, "\x1f"));
        check_group(p->cl, p->docs, subject, g->idx, g->n, &p->found[i]);
        free(subject);
    }
    return NULL;
}

/* Of the claims that read the same written date as claim i (same value
 * span), the one a calendar finding names: a claim on a calendar.* subject
 * first, then the first listed. */
static size_t calendar_claim(const cc_claim *items, size_t n, size_t i)
{
    const cc_claim *c = &items[i];
    size_t lo = i, hi = i; /* claims are in document order; one date's readers quote from nearby */
    while (lo > 0 && c->start - items[lo - 1].start < 4096) lo--;
    while (hi + 1 < n && items[hi + 1].start - c->start < 4096) hi++;
    size_t best = i;
    int best_cal = -1;
    for (size_t k = lo; k <= hi; k++) {
        if (items[k].vstart != c->vstart) continue;
        int cal = strncmp(items[k].subject, "calendar.", 9) == 0;
        if (cal > best_cal) { best = k; best_cal = cal; }
    }
    return best;
}

static int weekday_misfit(const cc_claim *c)
{
    return c->raw.weekday >= 0 && c->raw.weekday_actual >= 0 && c->raw.weekday != c->raw.weekday_actual;
}

void cc_claims_mark_calendar(cc_claim *items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (weekday_misfit(&items[i])) items[calendar_claim(items, n, i)].calendar = 1;
}

static void add_calendar(cc_findings *out, const cc_claims *cl, const cc_doc *docs, size_t i)
{
    const cc_claim *c = &cl->items[i];
    cc_finding *f = new_finding(out);
    f->type = CC_F_CALENDAR;
    f->rule = c->rule;
    f->severity = c->rule->severity;
    f->subject = cc_xstrdup(c->subject);
    f->claims = cc_xmalloc(sizeof *f->claims);
    f->claims[0] = i;
    f->nclaims = 1;
    cc_word_finding(f, cl);
    finish_id(f, cl, docs);
}

void cc_match(const cc_claims *cl, const cc_doc *docs, cc_findings *out) { cc_match_jobs(cl, docs, out, 1); }

void cc_match_jobs(const cc_claims *cl, const cc_doc *docs, cc_findings *out, int jobs)
{
    cmpctx ctx = {cl->items, docs};
    group *groups = NULL;
    for (size_t i = 0; i < cl->n; i++) {
        const cc_claim *c = &cl->items[i];
        /* calendar: a weekday that does not fit its date, once for the words
         * that wrote it, whichever rules read them (cc_claims_mark_calendar) */
        if (c->calendar && weekday_misfit(c)) add_calendar(out, cl, docs, i);
        if (c->unanchored || isnan(c->val.low) || isnan(c->val.high)) continue;
        char key[512];
        cc_join2(key, sizeof key, c->subject, '\x1f', c->val.unit ? c->val.unit : "");
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
    /* subjects are independent: threads take them in turn, each into its
     * own list; the lists are joined in subject order, then sorted */
    match_pool mp = {cl, docs, NULL, NULL, NULL, HASH_COUNT(groups), 0};
    mp.groups = cc_xmalloc((mp.n ? mp.n : 1) * sizeof *mp.groups);
    mp.found = cc_xcalloc(mp.n ? mp.n : 1, sizeof *mp.found);
    mp.order = cc_xmalloc((mp.n ? mp.n : 1) * sizeof *mp.order);
    size_t gi = 0;
    group *g, *tmp;
    HASH_ITER(hh, groups, g, tmp) mp.groups[gi++] = g;
    size_pair *bysize = cc_xmalloc((mp.n ? mp.n : 1) * sizeof *bysize);
    for (size_t i = 0; i < mp.n; i++) bysize[i] = (size_pair){mp.groups[i]->n, i};
    if (mp.n > 1) qsort(bysize, mp.n, sizeof *bysize, cmp_size_desc);
    for (size_t i = 0; i < mp.n; i++) mp.order[i] = bysize[i].i;
    free(bysize);
    if (jobs < 1) jobs = 1;
    if ((size_t)jobs > mp.n) jobs = mp.n ? (int)mp.n : 1;
    cc_parallel(jobs, match_worker, &mp, 0);
    for (size_t i = 0; i < mp.n; i++) {
        for (size_t k = 0; k < mp.found[i].n; k++) *new_finding(out) = mp.found[i].items[k];
        free(mp.found[i].items);
    }
    free(mp.found);
    free(mp.groups);
    free(mp.order);
    HASH_ITER(hh, groups, g, tmp)
    {
        HASH_DEL(groups, g);
        free(g->key);
        free(g->idx);
        free(g);
    }
    g_ctx = &ctx;
    if (out->n > 1) qsort(out->items, out->n, sizeof *out->items, cmp_finding);
    g_ctx = NULL;
    /* the same quote twice in one file gives the same fingerprint: number
     * the repeats, in report order, so every finding's id is its own */
    struct seen_id {
        char id[19];
        int count;
        UT_hash_handle hh;
    } *seen = NULL, *e, *etmp;
    for (size_t i = 0; i < out->n; i++) {
        HASH_FIND(hh, seen, out->items[i].id, 18, e);
        if (!e) {
            e = cc_xcalloc(1, sizeof *e);
            memcpy(e->id, out->items[i].id, 18);
            HASH_ADD(hh, seen, id, 18, e);
        }
        int rep = ++e->count;
        if (rep > 1) snprintf(out->items[i].id + 18, sizeof out->items[i].id - 18, "-%d", rep % 100000);
    }
    HASH_ITER(hh, seen, e, etmp) { HASH_DEL(seen, e); free(e); }
}

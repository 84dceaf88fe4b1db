#include "cc_scan.h"
#include "cc_pubdate.h"
#include "cc_wording.h"
#include "cc_figure.h"
#include "cc_date.h"
#include "cc_util.h"

#include <ctype.h>
#include <math.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <uthash.h>

typedef struct {
    size_t s, e;
} span;

/* The quantities of one sentence (every kind), read once per document for
 * every frame rule that reads it, keyed by the sentence's start. */
#define QC_MAX 32
typedef struct qentry {
    uint64_t key;
    size_t nq;
    cc_qty *q;          /* nq quantities, kept after the entry */
    size_t *ws, nw;     /* the sentence's word starts (document offsets), once a frame asked: ws NULL before */
    int year;           /* the year a timeline's label gives its line (label_year), 0: none */
    unsigned char *tense; /* per quantity: 0 not asked yet, 1 read in the past tense, 2 as it is, 3 forward
                           (date_tense) */
    size_t refuted;     /* where the last word of the lexicon's `refuted` starts (SIZE_MAX: none), once asked */
    int refuted_asked;
    UT_hash_handle hh;
} qentry;

typedef struct {
    span *v;
    size_t n, cap;
} spans;

struct cc_matcher {
    cc_trace_fn trace; /* claimcheck explain: each step of each rule, or NULL */
    void *trace_arg;
    pcre2_match_data *md;
    pcre2_match_context *mc;
    pcre2_jit_stack *js;
    /* where each rule reads in the document last prepared (doc_spans),
     * reused from document to document */
    const cc_ruleset *sp_rs;
    uint64_t sp_serial;
    size_t nr;
    spans *sp, *also;
    size_t *pending, *mark;
    /* the sentence ends the same walk found (cc_doc_boundary_after true), in
     * order, from the body on; bnd_ok when that walk ran */
    size_t *bnd, nbnd, capbnd;
    int bnd_ok;
    /* a bit per byte of the document: ASCII letters, and the bytes that
     * may end a sentence or are '%' */
    uint64_t *lbits, *sbits;
    size_t capbits;
    cc_buf tmp; /* where subjects are rendered, reused */
    /* the strings of the claims being made in one document, and where each
     * claim's are in it (subject, quote, reference key; SIZE_MAX: none),
     * packed into one block when the document is done */
    cc_buf strs;
    size_t *soff, nsoff, capsoff;
    /* the claims made so far in this document, by where their value starts:
     * an open-addressed table (a slot is live when its generation is this
     * document's) and, per claim, the one before it with the same start */
    size_t *vx_key, *vx_head, vx_cap, vx_n;
    uint64_t *vx_gen, vx_cur;
    size_t *vx_next, vx_next_cap;
    qentry *qc;          /* sentence quantities of the document qc_serial */
    uint64_t qc_serial;
    const cc_doc *qc_doc;
    /* sentence gates asked in this document (gen: its scan): many rules share one
     * ("{OTHER_WAR}"), each asking it of the same sentences */
    struct {
        const pcre2_code *re;
        size_t ss, se;
        uint64_t gen;
        int val;
    } gc[64];
    uint64_t gc_gen;
    struct raw_hits *rh; /* cue patterns' matches in this document's sentences (matches_in), NULL until asked */
};

cc_matcher *cc_matcher_new(const cc_ruleset *rs)
{
    cc_matcher *m = cc_xcalloc(1, sizeof *m);
    m->md = pcre2_match_data_create(64, NULL);

    m->mc = pcre2_match_context_create(NULL);
    m->js = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
    if (!m->md || !m->mc || !m->js) { fputs("claimcheck: out of memory\n", stderr); abort(); }
    pcre2_jit_stack_assign(m->mc, NULL, m->js);
    pcre2_set_match_limit(m->mc, cc_rules_match_limit(rs));
    pcre2_set_depth_limit(m->mc, 10000);
    return m;
}

static void qcache_clear(cc_matcher *m)
{
    qentry *e, *t;
    HASH_ITER(hh, m->qc, e, t) {
        HASH_DEL(m->qc, e);
        free(e->ws);
        free(e);
    }
}

void cc_matcher_free(cc_matcher *m)
{
    if (!m) return;
    qcache_clear(m);
    free(m->rh);
    free(m->vx_key);
    free(m->vx_head);
    free(m->vx_gen);
    free(m->vx_next);
    for (size_t i = 0; i < m->nr; i++) { free(m->sp[i].v); free(m->also[i].v); }
    free(m->sp);
    free(m->also);
    free(m->pending);
    free(m->mark);
    free(m->bnd);
    free(m->lbits);
    free(m->sbits);
    cc_buf_free(&m->tmp);
    cc_buf_free(&m->strs);
    free(m->soff);
    pcre2_match_data_free(m->md);

    pcre2_match_context_free(m->mc);
    pcre2_jit_stack_free(m->js);
    free(m);
}

void cc_claims_init(cc_claims *c) { memset(c, 0, sizeof *c); }

struct cc_strblock {
    cc_strblock *next;
    void *map;          /* a mapped file the claims point into (map_len bytes), else NULL: s holds them */
    size_t map_len;
    char s[];
};

static cc_strblock *new_block(cc_claims *c, size_t n)
{
    cc_strblock *b = cc_xmalloc(sizeof *b + n);
    b->map = NULL;
    b->map_len = 0;
    b->next = c->strings;
    c->strings = b;
    return b;
}

void cc_claims_free(cc_claims *c)
{
    for (cc_strblock *b = c->strings, *nb; b; b = nb) {
        nb = b->next;
        if (b->map) munmap(b->map, b->map_len);
        free(b);
    }
    free(c->items);
    cc_claims_init(c);
}

void cc_claims_take_strings(cc_claims *to, cc_claims *from)
{
    if (!from->strings) return;
    cc_strblock *tail = from->strings;
    while (tail->next) tail = tail->next;
    tail->next = to->strings;
    to->strings = from->strings;
    from->strings = NULL;
}

void cc_claims_adopt_map(cc_claims *c, void *map, size_t len)
{
    cc_strblock *b = new_block(c, 0);
    b->map = map;
    b->map_len = len;
}

char *cc_claims_keep(cc_claims *c, const char *s, size_t n)
{
    cc_strblock *b = new_block(c, n + 1);
    memcpy(b->s, s, n);
    b->s[n] = 0;
    return b->s;
}

/* s[0..n) and a NUL into the document's string buffer: its offset there */
static size_t keep_str(cc_matcher *m, const char *s, size_t n)
{
    size_t at = m->strs.len;
    cc_buf_put(&m->strs, s, n);
    cc_buf_putc(&m->strs, 0);
    return at;
}

/* The claims made since first get their strings from one block of exactly
 * the bytes they need, kept by out. */
static void pack_strings(cc_matcher *m, cc_claims *out, size_t first)
{
    if (out->n == first) return;
    cc_strblock *b = new_block(out, m->strs.len);
    memcpy(b->s, m->strs.s, m->strs.len);
    for (size_t k = first; k < out->n; k++) {
        const size_t *o = &m->soff[3 * (k - first)];
        cc_claim *c = &out->items[k];
        c->subject = b->s + o[0];
        c->quote = b->s + o[1];
        c->ref_key = o[2] == SIZE_MAX ? NULL : b->s + o[2];
    }
}

static cc_claim *push_claim(cc_claims *c)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 8;
        c->items = cc_xrealloc(c->items, c->cap * sizeof *c->items);
    }
    cc_claim *x = &c->items[c->n++];
    memset(x, 0, sizeof *x);
    return x;
}

/* Span of the first (or, with last, the last) set group called name: names
 * may repeat, and a subject takes the most specific, latest one. 0 when no
 * such group took part. */
static int group_span_at(const pcre2_code *re, pcre2_match_data *md, const char *name, size_t *s, size_t *e, int last)
{
    PCRE2_SPTR first, lastp;
    int size = pcre2_substring_nametable_scan(re, (PCRE2_SPTR)name, &first, &lastp);
    if (size <= 0) return 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    uint32_t n = pcre2_get_ovector_count(md);
    int found = 0;
    for (PCRE2_SPTR p = first; p <= lastp; p += size) {
        unsigned g = ((unsigned)p[0] << 8) | p[1];
        if (g < n && ov[2 * g] != PCRE2_UNSET) {
            *s = ov[2 * g];
            *e = ov[2 * g + 1];
            if (!last) return 1;
            found = 1;
        }
    }
    return found;
}

static int group_span(const pcre2_code *re, pcre2_match_data *md, const char *name, size_t *s, size_t *e)
{
    return group_span_at(re, md, name, s, e, 0);
}

static int run(const pcre2_code *re, cc_matcher *m, const char *s, size_t len, size_t from)
{
    return pcre2_match(re, (PCRE2_SPTR)s, len, from, PCRE2_NO_UTF_CHECK, m->md, m->mc);
}

static int gate(const pcre2_code *re, cc_matcher *m, const char *s, size_t len)
{
    return run(re, m, s, len, 0) >= 0;
}

/* The slot of a direct-mapped per-sentence cache of n slots for pattern re
 * asked of the sentence starting at ss (sentence_gate, raw_matches). */
static size_t sentence_slot(const pcre2_code *re, size_t ss, size_t n)
{
    return (((uintptr_t)re >> 4) ^ (ss * 0x9E3779B1u)) % n;
}

/* gate over the sentence [ss, se) of the document being scanned, each
 * pattern asked once per sentence */
static int sentence_gate(const pcre2_code *re, cc_matcher *m, const char *t, size_t ss, size_t se)
{
    size_t k = sentence_slot(re, ss, sizeof m->gc / sizeof *m->gc);
    if (m->gc[k].gen != m->gc_gen || m->gc[k].re != re || m->gc[k].ss != ss || m->gc[k].se != se) {
        m->gc[k].re = re;
        m->gc[k].ss = ss;
        m->gc[k].se = se;
        m->gc[k].gen = m->gc_gen;
        m->gc[k].val = gate(re, m, t + ss, se - ss);
    }
    return m->gc[k].val;
}

static void slug(cc_buf *b, const char *s, size_t n)
{
    char f[256];
    size_t l = cc_fold(s, n, f, sizeof f);
    const char *p = f;
    if (l > 4 && strncmp(p, "the ", 4) == 0) p += 4;
    int dash = 0;
    size_t start = b->len;
    for (; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
            if (dash && b->len > start) cc_buf_putc(b, '-');
            cc_buf_putc(b, (char)c);
            dash = 0;
        } else {
            dash = 1;
        }
    }
}

/* Where a subject's slots come from: a pattern's named groups, or the cues
 * a frame found (the canonical name from the cue's table, or its words). */
typedef struct {
    const pcre2_code *re;    /* a pattern's groups, or NULL */
    const cc_frame *fr;      /* a frame's cues */
    const size_t *cs, *ce;   /* per cue: its span (cs == SIZE_MAX: not found) */
    const cc_qty *q;         /* the value read, for ${age} (derive: reached) */
} slots;

/* The slot's text: 1 with *canon (a table's canonical name) or the span
 * [*s, *e) of the text; 0 when nothing filled it. */
static int slot_get(const cc_ruleset *rs, const slots *sl, cc_matcher *m, const char *text, const char *name,
                    const char *table, const char **canon, size_t *s, size_t *e)
{
    *canon = NULL;
    if (sl->re) {
        if (!group_span_at(sl->re, m->md, name, s, e, 1) || *e <= *s) return 0;
    } else {
        size_t k = 0;
        while (k < sl->fr->ncues && !(strcmp(sl->fr->cues[k].name, name) == 0 && sl->cs[k] != SIZE_MAX)) k++;
        if (k == sl->fr->ncues) return 0;
        *s = sl->cs[k];
        *e = sl->ce[k];
        if (sl->fr->cues[k].surname) /* "Alexei Navalny": navalny, as a later mention names him */
            for (size_t i = *s; i < *e; i++)
                if (isspace((unsigned char)text[i])) *s = i + 1;
        if (sl->fr->cues[k].table) table = sl->fr->cues[k].table;
    }
    if (cc_rules_has_table(rs, table)) *canon = cc_rules_alias(rs, table, text + *s, *e - *s);
    return 1;
}

/* ${age}: the age a milestone marks, in the unit written ("1000-days",
 * "3-years", "1-year"). A period entered ("its third year") marks the
 * units before it. */
static double age_units(const cc_qty *q, double *f)
{
    *f = q->wfactor > 0 ? q->wfactor : 1;
    return q->entered ? round(q->low / *f) : q->wnum;
}

/* A period entered ("entered its third year": the units before it),
 * not an anniversary (entered too, on its day, but exactly its units). */
static int period_entered(const cc_qty *q)
{
    double f;
    return q->entered && age_units(q, &f) != q->wnum;
}

static void age_slot(cc_buf *b, const cc_qty *q)
{
    double f, n = age_units(q, &f);
    const char *u = q->wunit ? q->wunit : "day";
    cc_buf_printf(b, "%.0f-%s%s", n, u, n == 1 ? "" : "s");
}

/* One slot's text into b: through the alias table of its name (or the one
 * named after a colon), a slug when no table knows it, else its default.
 * 0 when nothing filled it and no default names it ("unknown" written). */
static int render_slot(const cc_ruleset *rs, const cc_rule *r, const slots *sl, cc_matcher *m, const char *text,
                       char *name, cc_buf *b)
{
    const char *table = name;
    char *colon = strchr(name, ':');
    if (colon) { *colon = 0; table = colon + 1; }
    size_t s, e;
    const char *canon;
    if (slot_get(rs, sl, m, text, name, table, &canon, &s, &e)) {
        if (canon) cc_buf_puts(b, canon);
        else slug(b, text + s, e - s);
        return 1;
    }
    if (r->derive == CC_DERIVE_REACHED && sl->q && strcmp(name, "age") == 0) {
        age_slot(b, sl->q);
        return 1;
    }
    const char *dv = NULL;
    for (size_t i = 0; i < r->ndefaults; i++)
        if (strcmp(r->defaults[i].name, name) == 0) dv = r->defaults[i].value;
    cc_buf_puts(b, dv ? dv : "unknown");
    return dv != NULL;
}

static int part_cmp(const void *a, const void *b) { return strcmp((const char *)a, (const char *)b); }

/* ${a+b}: the slots' texts sorted and joined by '-', each once, so that the
 * parties of a meeting name it in either order ("Trump met Putin", "Putin
 * and Trump met"). */
static void render_set(const cc_ruleset *rs, const cc_rule *r, const slots *sl, cc_matcher *m, const char *text,
                       char *names, cc_buf *b)
{
    char part[4][64];
    size_t n = 0;
    for (char *save = NULL, *nm = strtok_r(names, "+", &save); nm && n < 4; nm = strtok_r(NULL, "+", &save)) {
        cc_buf one;
        cc_buf_init(&one);
        int named = render_slot(rs, r, sl, m, text, nm, &one);
        snprintf(part[n], sizeof part[n], "%.*s", (int)one.len, one.s ? one.s : "");
        cc_buf_free(&one);
        if (!named) continue; /* an optional party no cue found */
        size_t k = 0;
        while (k < n && strcmp(part[k], part[n]) != 0) k++;
        if (k == n) n++;
    }
    qsort(part, n, sizeof part[0], part_cmp);
    for (size_t k = 0; k < n; k++) {
        if (k) cc_buf_putc(b, '-');
        cc_buf_puts(b, part[k]);
    }
}

/* Renders a template such as "territory.${region}.held_by.ukraine" (see
 * render_slot, render_set). The result is left in m->tmp (its length
 * returned). */
static size_t render(const cc_ruleset *rs, const cc_rule *r, const slots *sl, cc_matcher *m, const char *text,
                     const char *tmpl)
{
    cc_buf *b = &m->tmp; /* the matcher's buffer, kept for the next render */
    b->len = 0;
    cc_buf_puts(b, ""); /* a string even for an empty template */
    for (const char *p = tmpl; *p;) {
        if (p[0] == '$' && p[1] == '{') {
            const char *q = strchr(p, '}');
            if (!q) { cc_buf_puts(b, p); break; }
            char name[64];
            size_t nl = (size_t)(q - p - 2) < sizeof name - 1 ? (size_t)(q - p - 2) : sizeof name - 1;
            memcpy(name, p + 2, nl);
            name[nl] = 0;
            if (strchr(name, '+')) render_set(rs, r, sl, m, text, name, b);
            else render_slot(rs, r, sl, m, text, name, b);
            p = q + 1;
        } else {
            cc_buf_putc(b, *p++);
        }
    }
    return b->len;
}

static int listed_before_at(const cc_lexicon *lx, const char *list, const char *t, size_t ss, size_t at, size_t most,
                            size_t *where);

/* 1 when a word of the lexicon's word list `list` stands among the `most`
 * words before offset at in the sentence [ss, at). */
static int listed_before(const cc_lexicon *lx, const char *list, const char *t, size_t ss, size_t at, size_t most)
{
    size_t where;
    return listed_before_at(lx, list, t, ss, at, most, &where);
}

/* listed_before, and where the word found starts (*where). */
static int words_listed_before(const char *const *fw, const char *t, size_t ss, size_t at, size_t most, size_t *where);

static int listed_before_at(const cc_lexicon *lx, const char *list, const char *t, size_t ss, size_t at, size_t most,
                            size_t *where)
{
    return words_listed_before(cc_lexicon_list(lx, list), t, ss, at, most, where);
}

/* listed_before_at with the word list itself (one the caller looked up once). */
static int words_listed_before(const char *const *fw, const char *t, size_t ss, size_t at, size_t most, size_t *where)
{
    size_t words = 0;
    for (size_t e = at; e > ss && words < most;) {
        while (e > ss && !((t[e - 1] | 32) >= 'a' && (t[e - 1] | 32) <= 'z') && t[e - 1] != '\'') e--;
        size_t b = e;
        while (b > ss && (((t[b - 1] | 32) >= 'a' && (t[b - 1] | 32) <= 'z') || t[b - 1] == '\'')) b--;
        if (b == e) break;
        words++;
        size_t ap = e; /* "they'll": its "'ll" */
        while (ap > b && t[ap - 1] != '\'') ap--;
        if (ap > b) ap--;
        int last = tolower((unsigned char)t[e - 1]);
        for (size_t k = 0; fw[k]; k++) {
            size_t l = strlen(fw[k]);
            /* every form below ends at e: its last letter first */
            if (!l || tolower((unsigned char)fw[k][l - 1]) != last) continue;
            if ((l == e - b && strncasecmp(t + b, fw[k], l) == 0) ||
                (ap > b && l == e - ap && strncasecmp(t + ap, fw[k], l) == 0)) {
                *where = b;
                return 1;
            }
            /* a phrase of the list ("are to") ending with this word, spaced as listed */
            if (strchr(fw[k], ' ') && l <= e - ss && strncasecmp(t + e - l, fw[k], l) == 0 &&
                (e - l == ss || !isalpha((unsigned char)t[e - l - 1]))) {
                *where = e - l;
                return 1;
            }
        }
        e = b;
    }
    return 0;
}

/* Where the clause holding offset at starts: after the last comma,
 * semicolon or colon before it in the sentence [ss, ..). */
static size_t clause_start(const char *t, size_t ss, size_t at)
{
    for (; at > ss; at--) {
        char c = t[at - 1];
        if (c == ';' || c == ':') break;
        /* "1,000": a thousands separator, no clause's end */
        if (c == ',' && !(at >= ss + 2 && isdigit((unsigned char)t[at - 2]) && isdigit((unsigned char)t[at]))) break;
    }
    return at;
}

/* Words that put what follows in the future, among the words before at in
 * its clause, sixteen at most ("talks are due to resume on Monday", "they'll
 * meet on Friday", "Wagner would start handing the city over to the army on
 * Thursday"). A clause before a comma is another's: in "the envoy, who will
 * fly home Sunday, met Putin on Monday" Monday is past. */
static int future_before(const cc_lexicon *lx, const char *t, size_t ss, size_t at)
{
    size_t cs = clause_start(t, ss, at), w;
    /* "had been planned for November 19", "was due to meet on Monday": a plan told in the past */
    if (listed_before_at(lx, "future", t, cs, at, 16, &w) && !listed_before(lx, "future_in_past", t, cs, w, 2))
        return 1;
    return listed_before(lx, "ahead_present", t, cs, at, 6); /* "the war enters its fourth year on Monday" */
}

static void sentence_at(const cc_matcher *m, const cc_doc *d, size_t off, size_t *s, size_t *e);
static cc_normopt norm_opt(const cc_doc *d, int year, int round_down, int forward);
static int label_year(const cc_doc *d, size_t at, size_t *label);

/* Where quantity q's words begin: its hedge ("nearly four years") or its number. */
static size_t qty_from(const cc_qty *q)
{
    return q->hedge != CC_H_NONE && q->hedge_start < q->start ? q->hedge_start : q->start;
}

/* The word after offset at in its clause ([*b, *e)), or 0 when a comma,
 * semicolon, colon or the end se comes first. */
static int next_word(const char *t, size_t at, size_t se, size_t *b, size_t *e)
{
    while (at < se && !isalpha((unsigned char)t[at])) {
        if (t[at] == ',' || t[at] == ';' || t[at] == ':') return 0;
        at++;
    }
    *b = *e = at;
    while (*e < se && (isalpha((unsigned char)t[*e]) || t[*e] == '-' || t[*e] == '\'')) (*e)++;
    return *e > *b;
}

/* The word starting at ws (before offset end) is w, in any case. */
static int word_is(const char *t, size_t ws, size_t end, const char *w)
{
    size_t n = strlen(w);
    return ws + n <= end && strncasecmp(t + ws, w, n) == 0 && !isalpha((unsigned char)t[ws + n]);
}

/* Whether an entry of lw (a word or a phrase) starts at offset b and ends
 * at a word's end, by se. */
static int listed_at(const char *const *lw, const char *t, size_t b, size_t se)
{
    if (b >= se) return 0;
    int c = tolower((unsigned char)t[b]);
    for (size_t k = 0; lw[k]; k++) {
        if (tolower((unsigned char)lw[k][0]) != c) continue; /* most words differ at once */
        size_t l = strlen(lw[k]);
        if (b + l <= se && strncasecmp(t + b, lw[k], l) == 0 && (b + l == se || !isalpha((unsigned char)t[b + l])))
            return 1;
    }
    return 0;
}

/* A word of list lw (a word or a phrase) that starts in [lo, hi) and ends by
 * hi. */
static int listed_in(const char *const *lw, const char *t, size_t lo, size_t hi)
{
    for (size_t i = lo; i < hi; i++)
        if (isalpha((unsigned char)t[i]) && (i == lo || !isalpha((unsigned char)t[i - 1])) && listed_at(lw, t, i, hi))
            return 1;
    return 0;
}

/* An age reached at a moment rather than lived in: a period entered
 * ("entered its third year"), an anniversary, a milestone verb right
 * before the duration ("marked 1,000 days", "passed the 500-day mark") or a
 * milestone named right after it ("nears the three-year mark"). */
static int age_reached(const cc_lexicon *lx, const cc_doc *d, size_t ss, const cc_qty *q)
{
    if (q->entered) return 1;
    size_t b, e;
    if (next_word(d->text, q->end, d->len, &b, &e) && listed_at(cc_lexicon_list(lx, "milestone_after"), d->text, b, e))
        return 1;
    return listed_before(lx, "reached", d->text, ss, qty_from(q), 2);
}

/* 1 when a word of lw follows offset at within `most` words of its clause
 * (up to a comma, semicolon or colon, or the sentence's end se). */
static int words_after(const char *const *lw, const char *t, size_t at, size_t se, size_t most)
{
    size_t b, e = at;
    for (size_t words = 0; words < most && next_word(t, e, se, &b, &e); words++)
        if (listed_at(lw, t, b, se)) return 1;
    return 0;
}

static int listed_after(const cc_lexicon *lx, const char *list, const char *t, size_t at, size_t se, size_t most)
{
    return words_after(cc_lexicon_list(lx, list), t, at, se, most);
}

/* "roughly 2% more of Ukraine than a year before", "40,000 more soldiers
 * than in the winter": a value followed at once by a word of the lexicon's
 * `comparative`, and by "than" further on in its clause, is a difference
 * between two times or things, never a level of its own. "640,000 - more
 * than 420,000 of them wounded" is no comparison: "more than" there is the next
 * figure's hedge. */
static int comparison(const char *const *comparative, const char *t, size_t vend, size_t se)
{
    static const char *const than[] = {"than", NULL};
    size_t b, e, b2, e2;
    if (!next_word(t, vend, se, &b, &e) || !listed_at(comparative, t, b, e)) return 0;
    if (next_word(t, e, se, &b2, &e2) && listed_at(than, t, b2, e2)) return 0;
    return words_after(than, t, e, se, 8);
}

static int ends_with_ago(const char *s, size_t n)
{
    return n > 4 && strncasecmp(s + n - 3, "ago", 3) == 0 && s[n - 4] == ' ';
}

/* A relative date whose words place it against the publication date
 * ("three years ago", "Feb. 24 last year", "last week"; the lexicon's
 * `date_anchor`), unlike a month and day or a weekday written alone, whose
 * year a writer may leave out because everyone knows it ("the war began on
 * February 24"). Offsets of q are in t. */
static int anchored_by_words(const cc_lexicon *lx, const char *t, const cc_qty *q)
{
    /* every word of the date's own span: a comma there is a thousands separator ("1,000 days ago") */
    return listed_in(cc_lexicon_list(lx, "date_anchor"), t, q->start, q->end);
}

/* "another 2,000 soldiers", "a further 3%", "1,150 more casualties": a
 * figure added to an earlier one, never a total, a level or an age of its
 * own. A word of the lexicon's `increment_before` right before the figure
 * (or its hedge), or one of `increment_after` right after it, not followed
 * by "than" (a comparison) and with no punctuation between ("640,000 - more
 * than 420,000 of them wounded": the next figure's hedge). */
static int increment(const char *const *before, const char *const *after, const char *t, size_t ss, size_t se,
                     const cc_qty *q)
{
    static const char *const than[] = {"than", NULL};
    size_t where;
    if (words_listed_before(before, t, ss, qty_from(q), 1, &where)) return 1;
    size_t k = q->end, b, e, b2, e2;
    while (k < se && t[k] == ' ') k++;
    if (k == q->end || k >= se || !isalpha((unsigned char)t[k])) return 0;
    if (!next_word(t, k, se, &b, &e) || !listed_at(after, t, b, e)) return 0;
    return !(next_word(t, e, se, &b2, &e2) && listed_at(than, t, b2, e2));
}

enum { AGE_LIVED, AGE_AHEAD, AGE_REACHED, AGE_NONE };

/* A time that starts at offset at, told right after what ends at end, in
 * its clause, one word at most between ("1,000 days on Tuesday"). */
static int told_right_after(const char *t, size_t end, size_t at)
{
    size_t b, e;
    if (at < end) return 0;
    if (!next_word(t, end, at, &b, &e)) return at - end <= 1;
    return !next_word(t, e, at, &b, &e);
}

/* Only a comma or a dash, and spaces, from offset end to at: a phrase set
 * beside the one before it ("In March 2023, a year into the war"). */
static int set_beside(const char *t, size_t end, size_t at)
{
    int marks = 0;
    for (size_t i = end; i < at; i++) {
        if (t[i] == ' ') continue;
        if (t[i] == ',' || t[i] == '-') marks++;
        else if ((unsigned char)t[i] == 0xE2 && i + 2 < at && (unsigned char)t[i + 1] == 0x80 &&
                 ((unsigned char)t[i + 2] == 0x93 || (unsigned char)t[i + 2] == 0x94)) { /* an en or em dash */
            marks++;
            i += 2;
        } else {
            return 0;
        }
    }
    return marks == 1;
}

/* The day a derived start counts back from, into [*lo, *hi]: the document's
 * date, or the time the sentence states for an age reached ("the war
 * entered its third year last February", "marked 1,000 days on Tuesday"),
 * which the claim then carries as its as_of when it is past. AGE_AHEAD: the
 * age is one still to come ("will mark four years", "as the third
 * anniversary nears") and no time is stated, so at the publication date it
 * is not reached yet; AGE_REACHED: reached on the day counted from;
 * AGE_NONE: the day stated is some time before or after it, which the
 * sentence does not measure (no claim). */
static int start_reference(const cc_lexicon *lx, const cc_doc *d, size_t ss, size_t se, const cc_qty *when,
                           cc_claim *c, double *lo, double *hi)
{
    *lo = *hi = (double)d->date;
    if (!age_reached(lx, d, ss, &c->raw)) {
        /* "In March 2023, a year into the war": a past time told right before the age, in apposition,
         * is when it was that old (not "the war, which began in February 2022, is in its fourth year") */
        if (when && !when->unanchored && when->kind == CC_K_DATE && when->high < d->date &&
            set_beside(d->text, when->end, qty_from(&c->raw))) {
            *lo = when->low;
            *hi = when->high;
            c->as_of = 1;
            c->as_of_low = (int64_t)when->low;
            c->as_of_high = (int64_t)when->high;
        }
        return AGE_LIVED;
    }
    size_t from = qty_from(&c->raw);
    int ahead = listed_before(lx, "future", d->text, ss, from, 4) ||
                listed_before(lx, "ahead_before", d->text, ss, from, 4) ||
                listed_after(lx, "ahead_after", d->text, c->raw.end, se, 8);
    if (!when || when->unanchored || when->kind != CC_K_DATE) {
        if (ahead) return AGE_AHEAD;
        if (!period_entered(&c->raw)) return AGE_REACHED; /* "marked three years", "on the third anniversary": today */
        /* a period entered with no time stated is entered about now: "as the war enters its fourth
         * year" is written for weeks around the anniversary */
        double f = c->raw.wfactor > 0 ? c->raw.wfactor : 1;
        double around = fmax(f * cc_lexicon_param(lx, "reached_around", 0), 1);
        *lo -= around;
        *hi += around;
        return AGE_REACHED;
    }
    /* "on Friday, days before the war's second anniversary": the day stated is not the day reached,
     * unless it is written right after the age ("two days after the war marked 1,000 days on Tuesday") */
    if (listed_before(lx, "offset", d->text, ss, from, 4) && !told_right_after(d->text, c->raw.end, when->start))
        return AGE_NONE;
    /* "marks 1,000 days on Tuesday", "enters its fourth year on Monday" (the verb may open the age's
     * own words): a milestone in the present tense with its day is scheduled (the day was read
     * forward); with no day it is today's */
    ahead = ahead || listed_before(lx, "ahead_present", d->text, ss, c->raw.end, 6);
    *lo = when->low;
    *hi = when->high;
    if (!ahead && *hi > d->date) { /* "dragged on into a fourth year this week": by now */
        *hi = (double)d->date;
        if (*lo > *hi) *lo = *hi;
    }
    if (when->high < d->date) {
        c->as_of = 1;
        c->as_of_low = (int64_t)when->low;
        c->as_of_high = (int64_t)when->high;
    }
    return AGE_REACHED;
}

/* derive: reached — the day an age was reached, as the sentence states it
 * ("the war marked 1,000 days on Tuesday", "will enter its fourth year on
 * Monday"). An age merely lived, a hedged one ("nearly 1,000 days": no
 * mark), or one with no day stated makes no claim (-1). */
static int reached_day(const cc_ruleset *rs, const cc_doc *d, cc_matcher *m, const cc_qty *when, cc_claim *c)
{
    if (c->raw.hedge != CC_H_NONE || !when || when->unanchored || when->kind != CC_K_DATE) return -1;
    size_t ss, se;
    double lo, hi;
    sentence_at(m, d, c->raw.start, &ss, &se);
    if (start_reference(cc_rules_lexicon(rs), d, ss, se, when, c, &lo, &hi) != AGE_REACHED) return -1;
    c->as_of = 0; /* the day is the value, not a time it is stated for */
    c->val.kind = CC_K_DATE; /* c->val is the value read (its place kept): now the day */
    c->val.unit = "date";
    c->val.low = when->low;
    c->val.high = when->high;
    c->val.best = when->best;
    c->val.relative = when->relative;
    static const char *const since[] = {"since", NULL};
    if (when->start > c->raw.end && words_after(since, d->text, c->raw.end, when->start, 8)) {
        /* "four years since the attack of February 24, 2022": the date is where the count starts */
        double f, n = age_units(&c->raw, &f);
        c->val.low = cc_norm_before(when->low, -n * f, c->raw.wunit, f);
        c->val.high = cc_norm_before(when->high, -n * f, c->raw.wunit, f);
        c->val.best = cc_norm_before(when->best, -n * f, c->raw.wunit, f);
    }
    return 0;
}

/* The compared value from the value read. -1 when the claim cannot be
 * made (a share without its reference value); *ref_off gets where the
 * reference key was kept (SIZE_MAX when none). */
static int derive(const cc_ruleset *rs, const cc_rule *r, const cc_doc *d, const cc_qty *when, cc_claim *c,
                  cc_diags *diags, const slots *sl, cc_matcher *m, size_t *ref_off)
{
    *ref_off = SIZE_MAX;
    c->val = c->raw;
    if (c->raw.unanchored) { c->unanchored = 1; return 0; }
    if (r->derive == CC_DERIVE_START) {
        if (!d->has_date) {
            c->unanchored = 1;
            c->val.kind = CC_K_DATE;
            c->val.unit = "date";
            c->val.low = c->val.high = c->val.best = NAN;
            return 0;
        }
        double ref_lo, ref_hi;
        size_t ss, se;
        sentence_at(m, d, c->raw.start, &ss, &se);
        const char *wu = c->raw.wunit;
        double wf = c->raw.wfactor;
        double age_lo = c->raw.low, age_hi = c->raw.high, age_best = c->raw.best;
        int age = start_reference(cc_rules_lexicon(rs), d, ss, se, when, c, &ref_lo, &ref_hi);
        if (age == AGE_NONE) return -1;
        int exact = age == AGE_REACHED && c->raw.hedge == CC_H_NONE;
        /* "four years of war" a week before the anniversary, "26 months of war" nine days before
         * the 26th month is out, "1,000 days in" on the 1,000th day: a count of units lived (not an
         * ordinal, "in its fourth year", which says the years before it) may be written a little
         * early: a share of its unit, or rounded to the nearest unit up to some days, a day at
         * least (days are counted both ways) */
        double early = 0; /* days, added after the calendar's subtraction: a month before a short
                           * February is no shorter an allowance */
        if (age == AGE_LIVED && r->round_down && c->raw.hedge == CC_H_NONE && wf > 0 &&
            fabs(c->raw.low / wf - c->raw.wnum) < 1e-9) {
            const cc_lexicon *lx = cc_rules_lexicon(rs);
            double up = cc_lexicon_param(lx, "age_round_up", 0), near = cc_lexicon_param(lx, "age_round_nearest", 0);
            if (up > 0 || near > 0) early = fmax(fmax(wf * up, fmin(near, wf / 2)), 1);
        }
        if (age == AGE_AHEAD && wf > 0) {
            /* still ahead: the age now is below it by one written unit, or as far as "nearly"
             * reaches ("approaching the 1,000-day mark" may be weeks before) */
            double below = fmax(wf, c->raw.low * cc_lexicon_param(cc_rules_lexicon(rs), "nearly_widen", 0.125));
            age_hi = age_best = c->raw.low;
            age_lo = c->raw.low - below < 0 ? 0 : c->raw.low - below;
        } else if (exact) {
            age_hi = age_best = c->raw.low; /* reached that day: no completed units beyond it */
        }
        c->val.kind = CC_K_DATE;
        c->val.unit = "date";
        c->val.low = floor(cc_norm_before(ref_lo, age_hi, wu, wf) + 1e-6);
        c->val.high = ceil(cc_norm_before(ref_hi, age_lo, wu, wf) + early - 1e-6);
        /* N days on a day is its Nth day too: N - 1 to N days gone by (an anniversary or a period
         * entered is its day exactly) */
        if (exact && !c->raw.entered) c->val.high += 1;
        /* a time around the publication date ("as the war enters its fourth year"): best at the date */
        double ref_best = ref_lo < (double)d->date && ref_hi > (double)d->date ? (double)d->date : ref_hi;
        c->val.best = round(cc_norm_before(ref_best, age_best, wu, wf));
        c->val.relative = 1;
    } else if (r->derive == CC_DERIVE_REACHED) {
        return reached_day(rs, d, m, when, c);
    } else if (r->derive == CC_DERIVE_SHARE) {
        size_t kl = render(rs, r, sl, m, d->text, r->reference);
        const char *key = m->tmp.s;
        double v;
        const char *unit, *src;
        if (!cc_rules_reference(rs, key, &v, &unit, &src) || strcmp(unit, c->raw.unit ? c->raw.unit : "") != 0) {
            int line, col;
            cc_doc_pos(d, c->start, &line, &col);
            cc_diag_add(diags, CC_D_WARNING, d->path, line, col, NULL,
                        "[%s] no reference value '%s' in %s (needed to turn this into a share); claim skipped", r->id,
                        key, c->raw.unit ? c->raw.unit : "?");
            return -1;
        }
        *ref_off = keep_str(m, key, kl);
        c->ref_value = v;
        c->ref_source = src;
        c->val.kind = CC_K_PERCENT;
        c->val.unit = "percent";
        c->val.low = c->raw.low / v * 100;
        c->val.high = c->raw.high / v * 100;
        c->val.best = c->raw.best / v * 100;
    } else if (c->raw.relative && !d->has_date) {
        c->unanchored = 1;
    }
    return 0;
}

static void add_span(spans *sp, size_t s, size_t e)
{
    if (sp->n && s <= sp->v[sp->n - 1].e) {
        if (e > sp->v[sp->n - 1].e) sp->v[sp->n - 1].e = e;
        return;
    }
    if (sp->n == sp->cap) {
        sp->cap = sp->cap ? sp->cap * 2 : 8;
        sp->v = cc_xrealloc(sp->v, sp->cap * sizeof *sp->v);
    }
    sp->v[sp->n].s = s;
    sp->v[sp->n].e = e;
    sp->n++;
}

/* Keeps the spans of a that are also in b (both sorted, merged). Spans of
 * one sentence are identical, so equality of the start decides. */
static void intersect(spans *a, const spans *b)
{
    size_t o = 0, j = 0;
    for (size_t i = 0; i < a->n; i++) {
        while (j < b->n && b->v[j].e <= a->v[i].s) j++;
        if (j < b->n && b->v[j].s < a->v[i].e) a->v[o++] = a->v[i];
    }
    a->n = o;
}

/* Byte classes of the trigger pass: letters make words, '%' is a word of
 * its own, and these may end a sentence (boundary_after decides). */
enum { B_OTHER, B_LETTER, B_PERCENT, B_END };
static const unsigned char bclass[256] = {
    ['\n'] = B_END, ['\r'] = B_END, ['.'] = B_END, ['!'] = B_END, ['?'] = B_END, ['%'] = B_PERCENT,
#define L(c) [c] = B_LETTER, [c - 32] = B_LETTER
    L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'), L('j'), L('k'), L('l'), L('m'),
    L('n'), L('o'), L('p'), L('q'), L('r'), L('s'), L('t'), L('u'), L('v'), L('w'), L('x'), L('y'), L('z'),
#undef L
};

/* Sets m->lbits and m->sbits for t[0..n): bit j of word w stands for byte
 * 64 w + j. Sixteen bytes at a time where SSE2 is there (x86-64 always):
 * the text is followed by at least CC_READ_SLACK readable bytes. */
static void classify(cc_matcher *m, const unsigned char *t, size_t n)
{
    size_t nw = (n + 63) / 64;
    if (!nw) return; /* an empty document: no bitmap (and maybe none allocated yet) */
    if (nw > m->capbits) {
        m->capbits = nw + nw / 2;
        m->lbits = cc_xrealloc(m->lbits, m->capbits * sizeof *m->lbits);
        m->sbits = cc_xrealloc(m->sbits, m->capbits * sizeof *m->sbits);
    }
    memset(m->lbits, 0, nw * sizeof *m->lbits);
    memset(m->sbits, 0, nw * sizeof *m->sbits);
#if defined(__SSE2__) && CC_READ_SLACK >= 16 && !defined(CC_NO_SIMD) /* CC_NO_SIMD: the plain loop, for testing it */
    const __m128i c20 = _mm_set1_epi8(0x20), shift = _mm_set1_epi8((char)(0x80 - 'a')),
                  lim = _mm_set1_epi8((char)(-128 + 26)), nl = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'),
                  dot = _mm_set1_epi8('.'), bang = _mm_set1_epi8('!'), qm = _mm_set1_epi8('?'),
                  pct = _mm_set1_epi8('%');
    for (size_t i = 0; i < n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
        /* a letter: (v | 0x20) in 'a'..'z', as a signed compare after a shift */
        __m128i letter = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, c20), shift), lim);
        __m128i sp = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, cr)),
                                  _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dot), _mm_cmpeq_epi8(v, bang)),
                                               _mm_or_si128(_mm_cmpeq_epi8(v, qm), _mm_cmpeq_epi8(v, pct))));
        m->lbits[i / 64] |= (uint64_t)(unsigned)_mm_movemask_epi8(letter) << (i % 64);
        m->sbits[i / 64] |= (uint64_t)(unsigned)_mm_movemask_epi8(sp) << (i % 64);
    }
    if (n % 64) { /* nothing past the end */
        uint64_t keep = (1ULL << (n % 64)) - 1;
        m->lbits[nw - 1] &= keep;
        m->sbits[nw - 1] &= keep;
    }
#else
    for (size_t i = 0; i < n; i++) {
        unsigned k = bclass[t[i]];
        if (k == B_LETTER) m->lbits[i / 64] |= 1ULL << (i % 64);
        else if (k == B_END || k == B_PERCENT) m->sbits[i / 64] |= 1ULL << (i % 64);
    }
#endif
}

static void flush_sentence(cc_matcher *m, const unsigned char *t, size_t a, size_t e, size_t *npend)
{
    if (!*npend) return;
    while (a < e && (t[a] == ' ' || t[a] == '\t' || t[a] == '\n' || t[a] == '\r')) a++;
    for (size_t q = 0; q < *npend; q++) {
        size_t x = m->pending[q];
        add_span(x & 1 ? &m->also[x >> 1] : &m->sp[x >> 1], a, e);
    }
    *npend = 0;
}

/* Where each rule reads: one walk over the text feeds each ASCII word
 * through the trigger automaton (a table step per letter, no copy, no hash)
 * while it tracks sentence bounds. A rule reads the sentences around its
 * trigger words (from the body on); a rule
 * with "also" words keeps only the sentences that hold one of those too; a
 * rule without a trigger reads the whole document. Kept in the matcher until
 * another document (by serial) is asked for. */
static spans *doc_spans(const cc_ruleset *rs, cc_matcher *m, const cc_doc *d)
{
    size_t nr = cc_rules_count(rs);
    if (m->sp_rs == rs && d->serial && m->sp_serial == d->serial && m->nr == nr) return m->sp;
    if (m->nr != nr) {
        for (size_t i = 0; i < m->nr; i++) { free(m->sp[i].v); free(m->also[i].v); }
        free(m->sp);
        free(m->also);
        free(m->pending);
        free(m->mark);
        m->nr = nr;
        m->sp = cc_xcalloc(nr ? nr : 1, sizeof *m->sp);
        m->also = cc_xcalloc(nr ? nr : 1, sizeof *m->also);
        m->pending = cc_xcalloc(2 * nr + 1, sizeof *m->pending);
        m->mark = cc_xcalloc(2 * nr + 1, sizeof *m->mark);
    }
    m->sp_rs = rs;
    m->sp_serial = d->serial;
    spans *sp = m->sp, *also = m->also;
    for (size_t i = 0; i < nr; i++) {
        sp[i].n = also[i].n = 0;
        const cc_rule *r = cc_rules_get(rs, i);
        if (!r->has_trigger) add_span(&sp[i], d->body, d->len);
    }
    const cc_trig *tg = cc_rules_triggers(rs);
    m->nbnd = 0;
    m->bnd_ok = tg != NULL;
    if (!tg) return sp;
    memset(m->mark, 0, (2 * nr + 1) * sizeof *m->mark);
    const unsigned char *t = (const unsigned char *)d->text;
    const uint32_t *next = tg->next;
    const uint16_t *step = tg->step;
    size_t i = 0, n = d->len, body = d->body;
    size_t sent = body, sid = 1, npend = 0;
    /* The walk goes from event to event: a word's first letter, a byte that
     * may end a sentence, a '%' (bitmaps from classify; the text is followed
     * by a NUL, so the letter loops stop there). */
    classify(m, t, n);
    uint64_t carry = 0; /* whether the byte before this bitmap word is a letter */
    for (size_t w = 0, nw = (n + 63) / 64; w < nw; w++) {
      uint64_t lw = m->lbits[w], ev = m->sbits[w] | (lw & ~((lw << 1) | carry));
      carry = lw >> 63;
      while (ev) {
        i = w * 64 + (size_t)__builtin_ctzll(ev);
        ev &= ev - 1;
        unsigned k = bclass[t[i]];
        if (k == B_END) {
            if (i >= body && cc_doc_boundary_after(d, i)) {
                if (m->nbnd == m->capbnd) {
                    m->capbnd = m->capbnd ? m->capbnd * 2 : 256;
                    m->bnd = cc_xrealloc(m->bnd, m->capbnd * sizeof *m->bnd);
                }
                m->bnd[m->nbnd++] = i;
                flush_sentence(m, t, sent, (t[i] == '\n' || t[i] == '\r') ? i : i + 1, &npend);
                sent = i + 1;
                sid++;
            }
            continue;
        }
        size_t ws = i;
        uint32_t st;
        int32_t stem = -1;
        if (k == B_PERCENT) {
            st = next[CC_TRIG_SYMS + 26];
        } else {
            st = 1; /* the start state */
            do {
                uint32_t v = step[st * CC_TRIG_SYMS + (unsigned)((t[i] | 32) - 'a')];
                i++;
                st = v >> 1;
                if (!st) break; /* most words: no trigger starts like this */
                if (v & 1) stem = tg->stem[st];
            } while (bclass[t[i]] == B_LETTER);
            if (!st && stem < 0) continue; /* most words */
            while (bclass[t[i]] == B_LETTER) i++; /* the rest of a word that left the automaton */
            if (i - ws >= 32) continue;
        }
        int32_t li = tg->term[st] >= 0 ? tg->term[st] : stem;
        if (li < 0) continue;
        const cc_trig_list *l = &tg->lists[li];
        for (int a = 0; a <= 1; a++) {
            const size_t *rl = a ? l->also : l->rules;
            size_t nl = a ? l->nalso : l->n;
            for (size_t q = 0; q < nl; q++) {
                if (ws >= body) {
                    size_t x = rl[q] << 1 | (size_t)a;
                    if (m->mark[x] != sid) { m->mark[x] = sid; m->pending[npend++] = x; }
                }
            }
        }
      }
    }
    flush_sentence(m, t, sent, n, &npend);
    for (size_t k = 0; k < nr; k++)
        if (cc_rules_get(rs, k)->has_also) intersect(&sp[k], &also[k]);
    return sp;
}

/* "KYIV, June 12 (Reuters) - Russian forces captured…": a paragraph's wire
 * dateline dates the story, so its date is no event's and its city no
 * venue; the sentence starts after it. */
static void skip_dateline(const cc_matcher *m, const cc_doc *d, size_t *s, size_t e)
{
    size_t a = *s;
    while (a > 0 && (d->text[a - 1] == ' ' || d->text[a - 1] == '\t')) a--;
    if (!m->sp_rs || (a > 0 && d->text[a - 1] != '\n' && d->text[a - 1] != '\r')) return;
    *s += cc_pubdate_dateline_end(cc_rules_lexicon(m->sp_rs), d->text + *s, e - *s, d->has_date, d->date);
}

/* The sentence around off (off in the body), as cc_doc_sentence gives it,
 * found among the sentence ends of the trigger walk by binary search. */
static void sentence_at(const cc_matcher *m, const cc_doc *d, size_t off, size_t *s, size_t *e)
{
    if (!m->bnd_ok || off < d->body || off > d->len) {
        cc_doc_sentence(d, off, s, e);
    } else {
        size_t lo = 0, hi = m->nbnd; /* the first end at or after off */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (m->bnd[mid] < off) lo = mid + 1;
            else hi = mid;
        }
        cc_doc_sentence_within(d, lo ? m->bnd[lo - 1] + 1 : d->body, lo < m->nbnd ? m->bnd[lo] : d->len, off, s, e);
    }
    skip_dateline(m, d, s, *e);
}

enum { TIME_POINT, TIME_PERIOD, TIME_BY, TIME_WITHIN, TIME_DAY };

/* Lexicon word lists asked of every figure, by index into scan_ctx.lists. */
enum {
    L_COMPARATIVE, L_WITHIN, L_ASIDE, L_INCREMENT_BEFORE, L_INCREMENT_AFTER, L_NOW, L_COUNTED_FROM, L_PART_OF_YEAR,
    L_RUNNING_TOTAL, L_OFFSET, L_TOTAL_AFTER, L_ONE_DAY, L_CONTRAST, L_SECOND_PREDICATE, L_REFUTED, L_URGING, L__N
};
static const char *const list_names[L__N] = {"comparative", "within", "aside", "increment_before", "increment_after",
                                             "now", "counted_from", "part_of_year", "running_total", "offset", "total_after", "one_day",
                                             "contrast", "second_predicate", "refuted", "urging"};

/* What one document's scan carries from claim to claim. */
typedef struct {
    const cc_ruleset *rs;
    cc_matcher *m;
    const cc_doc *d;
    size_t doc_index, max_claims, made, dropped, first_of_doc;
    cc_claims *out;
    cc_diags *diags;
    const cc_qty *when;     /* the time the sentence states the next claim's value for, or NULL */
    int when_span;          /* that time is a year, a month or a week: TIME_PERIOD ("in 2023", "in May",
                             * "last month": a holding's time, but a running total's count for that
                             * period alone) or TIME_BY ("by 2025", "as of May": a time); else TIME_POINT.
                             * TIME_WITHIN, with no time: the figure was counted within a span
                             * ("during 2024", "between June and August"). TIME_DAY: one day, not
                             * the day something was said ("killed 12 troops on Friday") */
    size_t vstart;          /* where the value macro being matched started (value_callout) */
    double since;           /* the first day of "since DATE" beside the next claim's value (NAN: none) */
    const char *const *lists[L__N]; /* the lexicon's lists asked of every figure and date, looked up once per
                                     * document (list_names) */
    const char *refute_last[16];    /* the last words of `refuted`'s entries, each once (refuted_after) */
    size_t nrefute_last;
} scan_ctx;

static qentry *sentence_cache(scan_ctx *x, size_t ss, size_t se);

/* One step of rule r for claimcheck explain. */
static void trace(const scan_ctx *x, const cc_rule *r, cc_trace_step step, size_t s, size_t e, const char *detail)
{
    if (x->m->trace) x->m->trace(x->m->trace_arg, r, step, s, e, detail);
}

void cc_matcher_trace(cc_matcher *m, cc_trace_fn fn, void *arg)
{
    m->trace = fn;
    m->trace_arg = arg;
}

/* ---- the document's claims by value start ---- */

static size_t vx_slot(const cc_matcher *m, size_t vs)
{
    size_t h = (vs * 0x9E3779B97F4A7C15ULL) >> 7 & (m->vx_cap - 1);
    while (m->vx_gen[h] == m->vx_cur && m->vx_key[h] != vs) h = (h + 1) & (m->vx_cap - 1);
    return h;
}

static void vx_reset(cc_matcher *m)
{
    m->vx_cur++;
    m->vx_n = 0;
}

/* The latest claim (index from the document's first) whose value starts at
 * vs, plus one; 0 when none. The one before it: m->vx_next[index]. */
static size_t vx_first(const cc_matcher *m, size_t vs)
{
    if (!m->vx_cap) return 0;
    size_t h = vx_slot(m, vs);
    return m->vx_gen[h] == m->vx_cur ? m->vx_head[h] : 0;
}

static void vx_add(cc_matcher *m, size_t vs, size_t rel)
{
    if (2 * (m->vx_n + 1) > m->vx_cap) { /* grow, keeping this document's entries */
        size_t oc = m->vx_cap, *ok = m->vx_key, *oh = m->vx_head;
        uint64_t *og = m->vx_gen;
        m->vx_cap = oc ? oc * 2 : 64;
        m->vx_key = cc_xmalloc(m->vx_cap * sizeof *m->vx_key);
        m->vx_head = cc_xmalloc(m->vx_cap * sizeof *m->vx_head);
        m->vx_gen = cc_xcalloc(m->vx_cap, sizeof *m->vx_gen);
        for (size_t i = 0; i < oc; i++)
            if (og[i] == m->vx_cur) {
                size_t h = vx_slot(m, ok[i]);
                m->vx_key[h] = ok[i];
                m->vx_head[h] = oh[i];
                m->vx_gen[h] = m->vx_cur;
            }
        free(ok);
        free(oh);
        free(og);
    }
    if (rel >= m->vx_next_cap) {
        m->vx_next_cap = rel + 1 > 2 * m->vx_next_cap ? rel + 1 : 2 * m->vx_next_cap;
        m->vx_next = cc_xrealloc(m->vx_next, m->vx_next_cap * sizeof *m->vx_next);
    }
    size_t h = vx_slot(m, vs);
    if (m->vx_gen[h] != m->vx_cur) {
        m->vx_gen[h] = m->vx_cur;
        m->vx_key[h] = vs;
        m->vx_head[h] = 0;
        m->vx_n++;
    }
    m->vx_next[rel] = m->vx_head[h];
    m->vx_head[h] = rel + 1;
}

/* 1 when rule r already made a claim whose value starts at vs. */
static int rule_read(const scan_ctx *x, const cc_rule *r, size_t vs)
{
    for (size_t k = vx_first(x->m, vs); k; k = x->m->vx_next[k - 1])
        if (x->out->items[x->first_of_doc + k - 1].rule == r) return 1;
    return 0;
}

/* Rewrites the subject in m->tmp from a complementary family to the declared
 * one: the declared pattern's literal parts, the subject's own where it has
 * "*" (territory.donetsk.held_by.russia -> territory.donetsk.held_by.ukraine).
 * Returns the new length. */
static size_t to_declared(cc_matcher *m, const cc_subject_decl *dcl)
{
    char *old = cc_xstrdup(m->tmp.s);
    m->tmp.len = 0;
    const char *p = dcl->pattern, *s = old;
    for (;;) {
        size_t pl = strcspn(p, "."), sl = strcspn(s, ".");
        if (pl == 1 && p[0] == '*') cc_buf_put(&m->tmp, s, sl);
        else cc_buf_put(&m->tmp, p, pl);
        p += pl;
        s += sl;
        if (!*p || !*s) break;
        cc_buf_putc(&m->tmp, '.');
        p++;
        s++;
    }
    cc_buf_putc(&m->tmp, 0);
    m->tmp.len--;
    free(old);
    return m->tmp.len;
}

/* A figure that changes over time, stated for an earlier time than its
 * document's date, is compared at that time: the last day of it. */
static int stamp_time(const cc_qty *when, const cc_doc *d, cc_claim *c)
{
    if (!when || !d->has_date || when->unanchored || when->kind != CC_K_DATE) return 0;
    if (c->policy != CC_POL_VARYING && c->policy != CC_POL_CUMULATIVE) return 0;
    if (c->raw.kind == CC_K_DATE) return 0; /* a date's value is itself a time: "talks in March and in April" */
    int64_t lo = (int64_t)when->low, hi = (int64_t)when->high;
    if (hi >= d->date) return 0; /* "now", "this month": the document's own time */
    c->as_of = 1;
    c->as_of_low = lo;
    c->as_of_high = hi;
    c->at = hi;
    return 1;
}

/* A claim dating an event that recurs (talks at one place) is about the
 * occurrence near its own date: it is compared with the reports dated near
 * that day, not with those published near its article ("talks in Istanbul
 * on May 16" and "on June 2" in two recaps of one day are two rounds). */
static void time_by_value(cc_claim *c)
{
    if (c->policy != CC_POL_VARYING || c->val.kind != CC_K_DATE || c->unanchored || c->as_of) return;
    if (!isfinite(c->val.low) || !isfinite(c->val.high)) return;
    c->at = (int64_t)floor((c->val.low + c->val.high) / 2);
}

/* A share's interval stops at the whole: a hedge's slack past 0 or the
 * total is no reading ("around 99%" is 89.1 to 100). A value written past
 * the whole stays as written, for the matcher to flag. */
static void clamp_share(cc_qty *v, double total)
{
    if (!(v->best >= 0 && v->best <= total)) return;
    if (v->low < 0) v->low = 0;
    if (v->high > total) v->high = total;
}

/* The claim rule r makes of quantity q (offsets in the document), quoted
 * as [ms, me), the value as written at [vs, ve), its subject's slots from
 * sl. Returns 0 when it was made. */
/* "losses passed 950,000 in May": a running total crossing a mark in a
 * month or a week written after it (a verb of the lexicon's `reached` list
 * as the value's hedge, or just before it in the claim from ms), not that
 * period's count. A year, or a time before the figure ("In 2024, losses
 * reached 430,000", "losses in May topped 35,000"), may well be the
 * period's own count: those stay out. */
static int crossing(const scan_ctx *x, size_t ms, const cc_qty *q)
{
    const cc_lexicon *lx = cc_rules_lexicon(x->rs);
    const char *t = x->d->text;
    if (x->when->start < q->end || x->when->kind != CC_K_DATE || x->when->high - x->when->low > 31) return 0;
    if (q->hedge != CC_H_NONE && words_after(cc_lexicon_list(lx, "reached"), t, q->hedge_start, q->hedge_end, 1))
        return 1;
    return listed_before(lx, "reached", t, ms, qty_from(q), 2);
}

/* "put Russia's cumulative losses at 1,086,000 on Friday", "Kyiv's tally
 * of Russian losses stood at some 380,000 on Sunday": a word of the
 * lexicon's `running_total` among the eight words before the figure, in its
 * sentence, makes the day after it the day the total was told, not one
 * day's count. */
static int told_as_total(const scan_ctx *x, size_t ms, const cc_qty *q)
{
    size_t where, ss, se;
    sentence_at(x->m, x->d, ms, &ss, &se);
    return words_listed_before(x->lists[L_RUNNING_TOTAL], x->d->text, ss, qty_from(q), 8, &where);
}

/* "have lost about 15,000 men since August": a running total counted from a
 * day more than a window after its subject's first day (counted_from) is one
 * period's count. */
static int later_start(const scan_ctx *x, const cc_subject_decl *decl)
{
    return decl && decl->counted_from != INT64_MIN && !isnan(x->since) &&
           x->since > (double)decl->counted_from + decl->window_days;
}

/* A rule r defers to that has read the value starting at vs (traced as
 * the claim's reason), or NULL. */
static const cc_rule *deferred_read(const scan_ctx *x, const cc_rule *r, size_t ms, size_t me, size_t vs)
{
    for (size_t k = 0; k < r->ndefer; k++) {
        const cc_rule *o = cc_rules_get(x->rs, r->defer[k]);
        if (rule_read(x, o, vs)) {
            trace(x, r, CC_TR_SAME, ms, me, o->id);
            return o;
        }
    }
    return NULL;
}

static int add_claim(scan_ctx *x, const cc_rule *r, size_t ms, size_t me, size_t vs, size_t ve, const cc_qty *q,
                     const slots *sl)
{
    const cc_doc *d = x->d;
    cc_matcher *m = x->m;
    /* one claim per value span and rule, whichever pattern or frame found it;
     * none where a rule this one defers to read the value */
    if (rule_read(x, r, vs)) { trace(x, r, CC_TR_SAME, ms, me, NULL); return -1; }
    if (deferred_read(x, r, ms, me, vs)) return -1;
    if (x->max_claims && x->made >= x->max_claims) { x->dropped++; return -1; }
    cc_claim *c = push_claim(x->out);
    c->rule = r;
    c->doc = x->doc_index;
    c->start = ms;
    c->end = me;
    c->vstart = vs;
    c->vend = ve;
    c->raw = *q;
    c->has_date = d->has_date;
    c->date = c->at = d->date;
    size_t kept = m->strs.len, so[3];
    size_t len = render(x->rs, r, sl, m, d->text, r->subject); /* into m->tmp */
    const char *same = cc_rules_same_as(x->rs, m->tmp.s);
    if (same) { /* "seized Crimea in 2014": its annexation, however told */
        m->tmp.len = 0;
        cc_buf_puts(&m->tmp, same);
        len = m->tmp.len;
    }
    const cc_subject_decl *comp = cc_rules_complement_of(x->rs, m->tmp.s);
    if (comp) len = to_declared(m, comp);
    if (r->declared && !comp && !cc_rules_subject_decl(x->rs, m->tmp.s)) {
        /* a pair no family declares ("count.talks.points"): not a subject the rule describes */
        trace(x, r, CC_TR_VETO, ms, me, "a subject no family declares");
        x->out->n--;
        return -1;
    }
    /* the same words are one claim about a subject, whichever rules read them */
    for (size_t k = vx_first(m, vs); k; k = m->vx_next[k - 1])
        if (strcmp(m->strs.s + m->soff[3 * (k - 1)], m->tmp.s) == 0) {
            trace(x, r, CC_TR_SAME, ms, me, m->tmp.s);
            x->out->n--;
            return -1;
        }
    so[0] = keep_str(m, m->tmp.s, len);
    if (derive(x->rs, r, d, x->when, c, x->diags, sl, m, &so[2]) != 0) {
        trace(x, r, CC_TR_DERIVE, ms, me, NULL);
        m->strs.len = kept; /* the subject is not needed */
        x->out->n--;
        return -1;
    }
    const cc_subject_decl *decl = cc_rules_subject_decl(x->rs, m->strs.s + so[0]);
    if (decl && decl->complement && !c->unanchored && c->val.unit && strcmp(c->val.unit, "percent") == 0) {
        /* "has held about 7% of Ukraine since 2014", "has occupied 70% of Zaporizhzhia since the spring of
         * 2022": held since a day, and at least that much held now */
        if (r->frame && !isnan(x->since) && (c->raw.hedge == CC_H_NONE || c->raw.hedge == CC_H_APPROX))
            c->val.high = INFINITY;
        clamp_share(&c->val, decl->total);
        if (comp) {
            double lo = c->val.low, hi = c->val.high; /* held by the other side: the rest */
            c->val.low = comp->total - hi;
            c->val.high = comp->total - lo;
            c->val.best = comp->total - c->val.best;
            c->complemented = 1;
        }
    }
    c->policy = decl ? decl->policy : r->policy;
    c->window_days = (unsigned short)(decl ? decl->window_days : r->window_days);
    c->undated = !d->has_date && !c->unanchored && (c->policy == CC_POL_VARYING || c->policy == CC_POL_CUMULATIVE);
    if (r->has_within && !c->unanchored && (c->val.high < r->within_low || c->val.low > r->within_high)) {
        trace(x, r, CC_TR_WITHIN, ms, me, NULL);
        m->strs.len = kept; /* a value this rule's subject cannot take: another rule's claim */
        x->out->n--;
        return -1;
    }
    if (c->policy == CC_POL_CUMULATIVE &&
        (x->when_span == TIME_WITHIN || later_start(x, decl) ||
         (x->when && x->when_span == TIME_PERIOD && !crossing(x, ms, q)) ||
         (x->when && x->when_span == TIME_DAY && x->when->start >= q->end && !crossing(x, ms, q) &&
          !listed_before(cc_rules_lexicon(x->rs), "counted_from", x->d->text, q->end, x->when->start, 40) &&
          !told_as_total(x, ms, q)))) {
        /* "killed in 2024", "killed in May", "killed 12 troops on Friday": one period's count, not
         * the running total (a day before the figure may be the day it was told: "On Sunday, Kyiv
         * said 46,000 …") */
        trace(x, r, CC_TR_VETO, ms, me, "a period's count");
        m->strs.len = kept;
        x->out->n--;
        return -1;
    }
    time_by_value(c);
    /* the quote takes the time in: "held 60% in October", "marked 1,000 days on Tuesday" */
    if (stamp_time(x->when, d, c) || (c->as_of && x->when) || (r->derive == CC_DERIVE_REACHED && x->when)) {
        if (x->when->start < ms) c->start = ms = x->when->start;
        if (x->when->end > me) c->end = me = x->when->end;
    }
    so[1] = keep_str(m, d->text + ms, me - ms);
    c->quote_len = me - ms;
    if (m->nsoff + 3 > m->capsoff) {
        m->capsoff = m->capsoff ? m->capsoff * 2 : 96;
        m->soff = cc_xrealloc(m->soff, m->capsoff * sizeof *m->soff);
    }
    memcpy(&m->soff[m->nsoff], so, sizeof so);
    m->nsoff += 3;
    cc_doc_pos(d, ms, &c->line, &c->col);
    if (d->nmap || ((size_t)c->line < d->nlines && d->lines[c->line] <= me)) { /* a page: where the map says */
        cc_doc_pos(d, me, &c->end_line, &c->end_col);
    } else { /* on the same line: count on from the start */
        c->end_line = c->line;
        c->end_col = c->col + (int)cc_utf8_count_valid(d->text + ms, me - ms);
    }
    vx_add(m, vs, x->out->n - 1 - x->first_of_doc);
    x->made++;
    trace(x, r, CC_TR_CLAIM, ms, me, m->strs.s + so[0]);
    return 0;
}

/* Moves q's offsets by at (read from a piece of text that starts there). */
static void qty_shift(cc_qty *q, size_t at)
{
    q->start += at;
    q->end += at;
    if (q->hedge != CC_H_NONE) { q->hedge_start += at; q->hedge_end += at; }
}

/* The quantity of kind want at t[at..at+len), with offsets in t: 0 when
 * the normalizer reads one. */
static int reread(const cc_lexicon *lx, const char *t, size_t at, size_t len, cc_kind want, const cc_normopt *o,
                  cc_qty *out)
{
    if (cc_norm_one(lx, t + at, len, want, o, out) != 0) return -1;
    qty_shift(out, at);
    return 0;
}

/* A weekday that opens its sentence ("On Thursday, Zelensky is due in
 * Brussels", "On Monday the war enters its fourth year") dates the clause
 * after it: a future word among its first eight words, or a milestone in the
 * present tense among its first five, looks forward. */
static int future_after_fronted(const cc_lexicon *lx, const cc_doc *d, size_t ss, const cc_qty *q)
{
    const char *t = d->text;
    size_t b = ss;
    while (b < q->start && isspace((unsigned char)t[b])) b++;
    int on = b + 3 <= q->start && strncasecmp(t + b, "on ", 3) == 0;
    if (on) b += 3;
    while (b < q->start && isspace((unsigned char)t[b])) b++;
    if (b != q->start) return 0; /* not the sentence's opening words */
    size_t c = q->end;
    while (c < d->len && t[c] == ' ') c++;
    /* "On Thursday, Zelensky is due …", "On Monday the war enters …" (not "Wednesday's meeting …") */
    if (c < d->len && t[c] == ',') c++;
    else if (!on) return 0;
    size_t se = c;
    while (se < d->len && se - c < 200 && t[se] != '.' && t[se] != '!' && t[se] != '?' && t[se] != '\n') se++;
    return listed_after(lx, "future", t, c, se, 8) || listed_after(lx, "ahead_present", t, c, se, 5);
}

/* A date placed by the publication date (a bare weekday, a month, a month
 * and day without a year) is read forward in the future tense. "last
 * Thursday" or "three years ago" say their direction themselves. */
static int tensed(const cc_qty *q) { return q->kind == CC_K_DATE && q->relative && !q->unanchored; }

/* Whether the sentence at ss speaks of q as ahead: a future word before it
 * in its clause, or after it when it opens the sentence. */
static int said_ahead(const cc_lexicon *lx, const cc_doc *d, size_t ss, const cc_qty *q)
{
    return future_before(lx, d->text, ss, q->start) || future_after_fronted(lx, d, ss, q);
}

/* A month and day without a year (and without a weekday, which places it
 * itself) told in the past tense: a verb of the lexicon's `past` or one
 * ending in "-ed" among the six words before it in its clause ("fell to the
 * Russians on 1 October", "Ukraine liberated Lyman on 1 October"), the
 * future not told (said_ahead is asked first). Such a day is not one of the
 * schedule's ahead. */
static int said_back(const cc_lexicon *lx, const cc_doc *d, size_t ss, const cc_qty *q)
{
    if (!q->month || q->weekday >= 0) return 0;
    const char *t = d->text;
    size_t at = qty_from(q), lo = clause_start(t, ss, at);
    const char *const *past = cc_lexicon_list(lx, "past");
    static const char *const target[] = {"until", "till", "to", "for", "by", "before", NULL};
    for (int n = 0; n < 6 && at > lo; n++) {
        while (at > lo && !isalpha((unsigned char)t[at - 1])) at--;
        size_t e = at;
        while (at > lo && isalpha((unsigned char)t[at - 1])) at--;
        if (e == at) break;
        /* "postponed until 5 October": a day aimed at, not one gone by */
        if (n == 0 && listed_at(target, t, at, e)) return 0;
        if ((e - at >= 5 && t[e - 2] == 'e' && t[e - 1] == 'd') || listed_at(past, t, at, e)) return 1;
    }
    return 0;
}

/* q (offsets in the document) re-read with the normalizer's forward (dir
 * 1) or past-tense (dir -1) option. */
static void read_tensed(const cc_lexicon *lx, const cc_doc *d, int year, int round_down, int dir, cc_qty *q)
{
    cc_normopt o = norm_opt(d, year, round_down, dir > 0);
    o.back = dir < 0;
    cc_qty f;
    if (reread(lx, d->text, q->start, q->end - q->start, CC_K_DATE, &o, &f) == 0) *q = f;
}

/* The direction q is told in: 1 ahead, -1 past, 0 as written. */
static int tense_of(const cc_lexicon *lx, const cc_doc *d, size_t ss, const cc_qty *q)
{
    if (said_ahead(lx, d, ss, q)) return 1;
    return said_back(lx, d, ss, q) ? -1 : 0;
}

static void date_tense(const cc_lexicon *lx, const cc_doc *d, size_t ss, int year, int round_down, cc_qty *q)
{
    int dir = tensed(q) ? tense_of(lx, d, ss, q) : 0;
    if (dir) read_tensed(lx, d, year, round_down, dir, q);
}

/* date_tense for q (document offsets), a quantity of the sentence cached
 * in e: the tense is looked for once per sentence, not by every rule. */
static void cached_tense(const scan_ctx *x, qentry *e, size_t ss, cc_qty *q)
{
    if (!tensed(q)) return;
    const cc_lexicon *lx = cc_rules_lexicon(x->rs);
    size_t k = 0;
    while (k < e->nq && !(e->q[k].start + ss == q->start && e->q[k].kind == CC_K_DATE)) k++;
    if (k == e->nq) { date_tense(lx, x->d, ss, e->year, 0, q); return; }
    if (!e->tense[k]) e->tense[k] = (unsigned char)(2 + tense_of(lx, x->d, ss, q)); /* 1 past, 2 as is, 3 ahead */
    if (e->tense[k] != 2) read_tensed(lx, x->d, e->year, 0, e->tense[k] == 3 ? 1 : -1, q);
}

/* The sentence's topic gates. */
static int gates_pass(const cc_rule *r, cc_matcher *m, const char *s, size_t n)
{
    if (r->topic_sent && !gate(r->topic_sent, m, s, n)) return 0;
    if (r->topic_not && gate(r->topic_not, m, s, n)) return 0;
    return 1;
}

static void report_stop(scan_ctx *x, const cc_rule *r, int line_of_rule, size_t from, int rc)
{
    int line, col;
    cc_doc_pos(x->d, from, &line, &col);
    PCRE2_UCHAR msg[200];
    pcre2_get_error_message(rc, msg, sizeof msg);
    cc_diag_add(x->diags, CC_D_WARNING, x->d->path, line, col, NULL,
                "[%s] pattern at %s:%d stopped at byte offset %zu: %s; the rest of the document "
                "is still scanned by the other patterns",
                r->id, r->file, line_of_rule, from, (char *)msg);
}

static int has_veto(const cc_rule *r) { return r->frame && (r->frame->veto || r->frame->veto_before || r->frame->veto_counted); }
static int vetoed(scan_ctx *x, const cc_rule *r, const size_t *ws, size_t nw, size_t ss, size_t se, size_t ms, size_t me,
                  size_t vstart, size_t vend);
static void trace_veto(const scan_ctx *x, const cc_rule *r, size_t ms, size_t me);
static size_t sentence_words(const char *t, size_t ss, size_t se, size_t *ws, size_t max);

/* A pattern's matches in one span: each value group read by the normalizer. */
static void scan_pattern(scan_ctx *x, const cc_rule *r, const cc_pattern *p, size_t from, size_t end)
{
    const cc_doc *d = x->d;
    cc_matcher *m = x->m;
    const cc_lexicon *lx = cc_rules_lexicon(x->rs);
    size_t start = from;
    for (int matched = 0;; matched = 1) {
        int rc = run(p->re, m, d->text, end, from);
        if (rc < 0) {
            if (rc != PCRE2_ERROR_NOMATCH) report_stop(x, r, p->line, from, rc);
            if (!matched && m->trace) {
                char at[32];
                snprintf(at, sizeof at, "line %d", p->line);
                trace(x, r, CC_TR_NO_PATTERN, start, end, at);
            }
            return;
        }
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
        size_t ms = ov[0], me = ov[1];
        from = me > ms ? me : ms + 1;
        while (from < end && ((unsigned char)d->text[from] & 0xC0) == 0x80) from++;
        size_t vs, ve, ss, se;
        cc_qty q;
        if (group_span(p->re, m->md, "value", &vs, &ve) && ve > vs) {
            sentence_at(m, d, ms, &ss, &se);
            if (se < me) se = me;
            size_t label;
            int year = label_year(d, ss, &label);
            cc_normopt o = norm_opt(d, year, r->round_down, 0);
            int gated = gates_pass(r, m, d->text + ss, se - ss);
            int read = gated && reread(lx, d->text, vs, ve - vs, r->kind, &o, &q) == 0;
            if (!gated) trace(x, r, CC_TR_TOPIC, ms, me, NULL);
            else if (!read) trace(x, r, CC_TR_VALUE, vs, ve, NULL);
            if (read) {
                if (q.start > vs) { /* the normalizer read past words the group took ("2025 - Three years") */
                    if (ms == vs) ms = q.start;
                    vs = q.start;
                }
                date_tense(lx, d, ss, year, r->round_down, &q);
                slots sl = {p->re, NULL, NULL, NULL, &q};
                size_t ws[512], nw = has_veto(r) ? sentence_words(d->text, ss, se, ws, 512) : 0;
                if (!vetoed(x, r, ws, nw, ss, se, ms, me, vs, ve)) add_claim(x, r, ms, me, vs, ve, &q, &sl);
                else trace_veto(x, r, ms, me);
            }
        }
        if (from >= end) return;
    }
}

/* ---- frames ---- */

/* Word starts of s[0..n): runs of letters and digits. */
static size_t word_starts(const char *s, size_t n, size_t *out, size_t max)
{
    size_t k = 0;
    int in = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int w = (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z') || c >= 0x80;
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80) w = 0; /* dashes, quotes, bullets */
        if (w && !in && k < max) out[k++] = i;
        in = w || (in && (c == '\'' || c == '-' || c == '.' || c == ','));
    }
    return k;
}

/* Words from the end of one span to the start of the other (0: adjacent
 * or overlapping). */
static size_t words_between(const size_t *ws, size_t nw, size_t a0, size_t a1, size_t b0, size_t b1)
{
    size_t lo = a1 <= b0 ? a1 : b1, hi = a1 <= b0 ? b0 : a0;
    if (a0 < b1 && b0 < a1) return 0;
    size_t n = 0;
    for (size_t i = 0; i < nw; i++)
        if (ws[i] >= lo && ws[i] < hi) n++;
    return n;
}

/* The aside that opens at offset i and closes before hi: a bracket, or a
 * relative clause between commas opened by a word of rel (the lexicon's
 * `aside`). Returns its closing bracket or comma, 0 when none opens there;
 * *comma: it is bounded by commas. */
static size_t aside_at(const char *const *rel, const char *t, size_t i, size_t hi, int *comma)
{
    size_t end = i;
    *comma = 0;
    if (t[i] == '(') {
        while (end < hi && t[end] != ')') end++;
    } else if (t[i] == ',' && i + 2 < hi && t[i + 1] == ' ' && listed_at(rel, t, i + 2, hi)) {
        end = i + 1;
        while (end < hi && t[end] != ',' && t[end] != ';') end++;
        if (end < hi && t[end] != ',') return 0;
        *comma = 1;
    }
    return end < hi && end > i ? end : 0;
}

/* The words of asides wholly within [lo, hi) ("The Kremlin's forces, which
 * have been advancing for three years, control …"): a cue on one side of
 * an aside is as near the words on its other side as if the aside were not
 * there. *marks gets the commas that bound them. */
static size_t aside_words(const char *const *rel, const char *t, const size_t *ws, size_t nw, size_t lo, size_t hi,
                          size_t *marks)
{
    size_t n = 0;
    *marks = 0;
    for (size_t i = lo; i < hi; i++) {
        if (t[i] != ',' && t[i] != '(') continue; /* most bytes open nothing: no call */
        int comma;
        size_t end = aside_at(rel, t, i, hi, &comma);
        if (!end) continue;
        n += words_between(ws, nw, i, i, end + 1, end + 1);
        *marks += comma ? 2 : 0;
        i = end;
    }
    return n;
}

/* Where a relative clause opens in [a, b) and is still open at b (its
 * comma), SIZE_MAX when none is: a cue at b then belongs to that clause
 * ("all of Donetsk, of which Ukraine holds a fifth": Ukraine holds the
 * fifth, not all of it). */
static size_t clause_opening(const char *const *rel, const char *t, size_t a, size_t b)
{
    size_t open = SIZE_MAX;
    for (size_t i = a; i < b; i++) {
        if (t[i] != ',' && t[i] != ';') continue;
        open = t[i] == ',' && i + 2 < b && t[i + 1] == ' ' && listed_at(rel, t, i + 2, b) ? i : SIZE_MAX;
    }
    return open;
}

/* Words a relative clause's head may stand before its comma ("the talks in
 * Istanbul, which …"). */
enum { HEAD_WORDS = 4 };

/* A cue's match [hs, he) before an anchor at offset at that stands in a
 * relative clause opened after the match (", which …", still open at the
 * anchor): the match is the clause's head only when it ends within
 * HEAD_WORDS words of the comma. "The meeting comes three years after the
 * invasion, which Moscow launched on 24 February 2022": the date is the
 * invasion's, not the meeting's; "the talks in Istanbul, which opened on
 * Monday" keeps its talks. */
static int outside_clause(const char *const *rel, const char *t, const size_t *ws, size_t nw, size_t hs, size_t he,
                          size_t at)
{
    size_t open = clause_opening(rel, t, he, at);
    return open != SIZE_MAX && words_between(ws, nw, hs, he, open, open + 1) > HEAD_WORDS;
}

/* Anchor inside a restrictive relative clause that closes with a comma
 * before offset at: "In an offensive that began on 6 September, Ukrainian
 * forces recaptured Balakliia": the date is the offensive's, and a cue
 * after the comma is not its. */
static int in_closed_clause(const char *t, size_t as, size_t ae, size_t at)
{
    static const char *const that[] = {"that", NULL};
    size_t c = ae;
    while (c < at && t[c] != ',' && t[c] != ';') c++;
    if (c >= at) return 0;
    size_t b = as;
    while (b > 0 && t[b - 1] != ',' && t[b - 1] != ';' && t[b - 1] != '.' && t[b - 1] != '\n') b--;
    for (size_t i = b; i < as; i++)
        if ((i == b || t[i - 1] == ' ') && listed_at(that, t, i, as)) return 1;
    return 0;
}

/* Where the aside within [lo, hi) that holds offset at ends, or 0. */
static size_t aside_holding(const char *const *rel, const char *t, size_t lo, size_t hi, size_t at)
{
    for (size_t i = lo; i < hi && i <= at; i++) {
        if (t[i] != ',' && t[i] != '(') continue;
        int comma;
        size_t end = aside_at(rel, t, i, hi, &comma);
        if (!end) continue;
        if (at < end) return end;
        i = end;
    }
    return 0;
}

/* Whether spans a and b are more than reach words apart, asides not
 * counted (they only shorten: asked only when the plain count is over). */
static int beyond_reach(const char *const *rel, const char *t, const size_t *ws, size_t nw, size_t a0, size_t a1,
                        size_t b0, size_t b1, size_t reach)
{
    size_t n = words_between(ws, nw, a0, a1, b0, b1), marks;
    if (n <= reach) return 0;
    size_t lo = a1 <= b0 ? a1 : b1, hi = a1 <= b0 ? b0 : a0;
    return n - aside_words(rel, t, ws, nw, lo, hi, &marks) > reach;
}

typedef struct {
    size_t s, e;
} fspan;

/* How far a cue is from a quantity for attachment: the words between, and
 * three more for each comma, semicolon or dash, where a clause may end. */
static size_t attach_distance(const char *const *rel, const char *t, const size_t *ws, size_t nw, size_t a0, size_t a1,
                              size_t b0, size_t b1)
{
    size_t d = words_between(ws, nw, a0, a1, b0, b1);
    size_t lo = a1 <= b0 ? a1 : b1, hi = a1 <= b0 ? b0 : a0, marks = 0;
    int opens = 0; /* a comma or a bracket: an aside may stand between */
    for (size_t i = lo; i < hi; i++) {
        if (t[i] == ',' || t[i] == ';' || (t[i] == '-' && i > 0 && t[i - 1] == ' ') || (unsigned char)t[i] == 0xE2) d += 3;
        opens |= t[i] == ',' || t[i] == '(';
    }
    if (opens) {
        d -= aside_words(rel, t, ws, nw, lo, hi, &marks);
        d -= 3 * marks;
    }
    return d;
}

/* A cue's matches in one sentence, found once for all its quantities. */
#define CUE_HITS 48
typedef struct {
    int done;
    size_t n;
    fspan v[CUE_HITS];
} cue_hits;

/* A cue's match g ruled out by the words before it: right after a not_after
 * word, or not after an only_after one (looked for from lo). */
static int excluded_before(scan_ctx *x, const cc_cue *cu, fspan g, size_t lo)
{
    const char *t = x->d->text;
    if (cu->not_after && run(cu->not_after, x->m, t, g.s, g.s > lo + 40 ? g.s - 40 : lo) >= 0) return 1;
    return cu->only_after && run(cu->only_after, x->m, t, g.s, g.s > lo + 40 ? g.s - 40 : lo) < 0;
}

/* A cue's match g that is something else: excluded_before, or right before
 * a not_before word ("Russia's invasion": the invader, no side). The words
 * are looked for from lo and up to hi. */
static int excluded(scan_ctx *x, const cc_cue *cu, fspan g, size_t lo, size_t hi)
{
    const char *t = x->d->text;
    if (excluded_before(x, cu, g, lo)) return 1;
    return cu->not_before && run(cu->not_before, x->m, t, g.e + 40 < hi ? g.e + 40 : hi, g.e) >= 0;
}

/* A name's words that are no one's name (cue cu's not_names): those in
 * front are trimmed ("Sgt Ivan Korzh": Ivan Korzh); 0 when its last word is
 * one ("Thousands died", "Many Ukrainians died"). */
static int trim_names(scan_ctx *x, const cc_cue *cu, fspan *g)
{
    const char *t = x->d->text;
    size_t keep = g->s;
    for (size_t w = g->s; w < g->e;) {
        size_t e = w;
        while (e < g->e && !isspace((unsigned char)t[e])) e++;
        if (run(cu->not_names, x->m, t, e, w) >= 0) {
            if (e >= g->e) return 0;
            keep = e;
        }
        w = e;
        while (w < g->e && isspace((unsigned char)t[w])) w++;
        if (keep == e) keep = w;
    }
    g->s = keep;
    return 1;
}

/* The capitalised words (three at most) ending at offset e, into *g. */
static int name_ending(const char *t, size_t ss, size_t e, fspan *g)
{
    size_t b = e, words = 0;
    while (words < 3) {
        size_t w = b;
        while (w > ss && !isspace((unsigned char)t[w - 1]) && t[w - 1] != ',' && t[w - 1] != '(' && t[w - 1] != '"') w--;
        if (w == b || !(t[w] >= 'A' && t[w] <= 'Z')) break;
        b = w;
        words++;
        if (b == ss || t[b - 1] != ' ') break;
        b--; /* the space between two words of the name */
        if (b > ss && !(isalpha((unsigned char)t[b - 1]) || t[b - 1] == '\'' || (unsigned char)t[b - 1] >= 0x80)) {
            b++;
            break;
        }
    }
    while (b < e && t[b] == ' ') b++;
    if (!words) return 0;
    g->s = b;
    g->e = e;
    return 1;
}

/* A name starting at offset at that ends an apposition: the words since
 * the comma before it open in lower case ("Kurakhove, a mining town south
 * of *Pokrovsk*, fell": the town named is Kurakhove, not Pokrovsk). */
static int in_apposition(const char *t, size_t ss, size_t at)
{
    size_t c = at;
    while (c > ss && t[c - 1] != ',') c--;
    if (c == ss) return 0;
    while (c < at && t[c] == ' ') c++;
    return c < at && islower((unsigned char)t[c]);
}

/* Names written before words v (names_before): right before them, before a
 * comma ("…, Sgt Nikita Loburets, died") or before an apposition or a
 * relative clause between commas ("Igor Kirillov, who commanded …, was
 * killed"), 120 bytes back at most: each a match, nearest first. */
static void names_back(const char *t, size_t ss, fspan v, cue_hits *h)
{
    size_t e = v.s;
    while (e > ss && t[e - 1] == ' ') e--;
    fspan g;
    if (e > ss && t[e - 1] != ',') {
        if (name_ending(t, ss, e, &g) && h->n < CUE_HITS) h->v[h->n++] = g;
        return;
    }
    for (size_t c = e; c > ss && e - c < 120 && t[c - 1] != '.' && t[c - 1] != ';'; c--)
        if (t[c - 1] == ',' && name_ending(t, ss, c - 1, &g) && !in_apposition(t, ss, g.s) && h->n < CUE_HITS)
            h->v[h->n++] = g;
}

/* A figure of the sentence [ss, se) other than a date (its hedge
 * included) starts right after match g, or after "of": "captured 4,500 sq
 * km", "took control of roughly 2,350 square kilometres". */
static int before_figure(scan_ctx *x, fspan g, size_t ss, size_t se)
{
    const char *t = x->d->text;
    size_t k = g.e;
    while (k < se && t[k] == ' ') k++;
    if (k + 3 <= se && strncasecmp(t + k, "of ", 3) == 0)
        for (k += 3; k < se && t[k] == ' ';) k++;
    const qentry *e = sentence_cache(x, ss, se);
    for (size_t i = 0; i < e->nq; i++)
        if (e->q[i].kind != CC_K_DATE && ss + qty_from(&e->q[i]) == k) return 1;
    return 0;
}

/* Whether cue cu keeps its match *g: no word rules it out, and a name's
 * leading words that are no one's name are trimmed from it. */
static int keeps(scan_ctx *x, const cc_cue *cu, fspan *g, size_t ss, size_t se)
{
    return (!cu->not_names || trim_names(x, cu, g)) && !excluded(x, cu, *g, ss, se) &&
           !(cu->not_before_figure && before_figure(x, *g, ss, se));
}

/* A pattern's matches in a sentence, one after another, before any cue's
 * own checks: several rules' cues share a pattern (a table's words), and
 * each would search the sentence again. Direct-mapped, per document. */
enum { RAW_SLOTS = 128, RAW_HITS = 48 };
struct raw_hits {
    const pcre2_code *re;
    size_t ss, se;
    uint64_t gen;
    size_t n;
    fspan v[RAW_HITS];
};

/* re's matches in [ss, se) (NULL when more than RAW_HITS: the caller
 * searches itself). */
static const struct raw_hits *raw_matches(scan_ctx *x, const pcre2_code *re, size_t ss, size_t se)
{
    cc_matcher *m = x->m;
    if (!m->rh) m->rh = cc_xcalloc(RAW_SLOTS, sizeof *m->rh);
    struct raw_hits *r = &m->rh[sentence_slot(re, ss, RAW_SLOTS)];
    if (r->gen == m->gc_gen && r->re == re && r->ss == ss && r->se == se) return r->n <= RAW_HITS ? r : NULL;
    r->re = re;
    r->ss = ss;
    r->se = se;
    r->gen = m->gc_gen;
    r->n = 0;
    for (size_t from = ss; from < se;) {
        if (run(re, m, x->d->text, se, from) < 0) break;
        if (r->n == RAW_HITS) { r->n = RAW_HITS + 1; return NULL; }
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
        fspan g = {ov[0], ov[1]};
        r->v[r->n++] = g;
        from = g.e > g.s ? g.e : g.s + 1;
    }
    return r;
}

/* The matches of re in [ss, se), but those cue cu (when given) excludes. */
static const cue_hits *matches_in(scan_ctx *x, const pcre2_code *re, const cc_cue *cu, size_t ss, size_t se,
                                  cue_hits *h)
{
    h->n = 0;
    const char *t = x->d->text;
    const struct raw_hits *raw = raw_matches(x, re, ss, se);
    size_t from = ss;
    for (size_t ri = 0; raw ? ri < raw->n && h->n < CUE_HITS : from < se && h->n < CUE_HITS; ri++) {
        fspan g;
        if (raw) {
            g = raw->v[ri];
        } else {
            if (run(re, x->m, t, se, from) < 0) break;
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(x->m->md);
            g.s = ov[0];
            g.e = ov[1];
            from = g.e > g.s ? g.e : g.s + 1;
        }
        if (cu && cu->names_before) { /* the names before the words, checked below */
            names_back(t, ss, g, h);
            continue;
        }
        if (cu && !keeps(x, cu, &g, ss, se)) continue;
        h->v[h->n++] = g;
    }
    if (cu && cu->names_before) { /* keep those no word rules out */
        size_t n = 0;
        for (size_t i = 0; i < h->n; i++) {
            fspan g = h->v[i];
            if (keeps(x, cu, &g, ss, se)) h->v[n++] = g;
        }
        h->n = n;
    }
    return h;
}

/* The cue's matches in the sentence, looked for once per sentence. */
static const cue_hits *cue_matches(scan_ctx *x, const cc_cue *cu, size_t ss, size_t se, cue_hits *h)
{
    if (h->done) return h;
    h->done = 1;
    return matches_in(x, cu->re, cu, ss, se, h);
}

/* How far back a referring cue looks for what it stands for: the sentences
 * before it in its paragraph and the paragraph before (news writes a
 * paragraph a sentence), this many bytes at most. */
enum { REFER_BACK = 600, REFER_PARAGRAPHS = 2 };

/* Where a referring phrase at offset end may look back from: its paragraph
 * and the one before, REFER_BACK bytes at most. */
static size_t refer_from(const char *t, size_t end)
{
    size_t from = end > REFER_BACK ? end - REFER_BACK : 0;
    int paras = 0;
    for (size_t i = end; i > from + 1; i--)
        if (t[i - 1] == '\n' && t[i - 2] == '\n') {
            while (i > from + 1 && t[i - 2] == '\n') i--; /* one break, however many blank lines */
            if (++paras == REFER_PARAGRAPHS) return i;
        }
    return from;
}

/* The cue's first match in [from, end) that its words do not rule out
 * (speaker_ok: only the words before it are asked, so a speaker counts),
 * into *got. */
static int first_match(scan_ctx *x, const cc_cue *cu, size_t from, size_t end, int speaker_ok, fspan *got)
{
    while (from < end && run(cu->re, x->m, x->d->text, end, from) >= 0) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(x->m->md);
        fspan g = {ov[0], ov[1]};
        from = g.e > g.s ? g.e : g.s + 1;
        if (speaker_ok ? excluded_before(x, cu, g, 0) : excluded(x, cu, g, 0, x->d->len)) continue;
        *got = g;
        return 1;
    }
    return 0;
}

/* The cue's last match in [from, end) that its words do not rule out. */
static int last_match(scan_ctx *x, const cc_cue *cu, size_t from, size_t end, fspan *got)
{
    int found = 0;
    fspan g;
    while (first_match(x, cu, from, end, 0, &g)) {
        *got = g;
        found = 1;
        from = g.e > g.s ? g.e : g.s + 1;
    }
    return found;
}

/* The cue's last match before the referring words at got, in their
 * paragraph or the one before: what "the region" stands for in "In
 * Kherson, … it holds 70% of the region"; got becomes that match. */
static int antecedent(scan_ctx *x, const cc_cue *cu, fspan *got)
{
    static const char *const pronoun[] = {"it", "they", "its", "their", "his", "her", "our", NULL};
    const char *t = x->d->text;
    size_t at = got->s, from = refer_from(t, got->s), ps, pe;
    sentence_at(x->m, x->d, got->s, &ps, &pe);
    while (ps < got->s && !isalpha((unsigned char)t[ps])) ps++;
    if (!listed_at(pronoun, t, got->s, got->e)) return last_match(x, cu, from, got->s, got);
    /* a pronoun within its sentence stands for the first named there ("Kyiv says Russia has lost
     * 1,160 troops, bringing its total to …": Russia), or for the speaker when none else is
     * ("by Kyiv's own count, 46,000 of its soldiers"); after a verb of urging, for the first named
     * after it, who is to do what follows ("wants Kyiv to give up the 25% it still holds": Kyiv) */
    size_t urged = ps;
    for (size_t i = ps; i < got->s; i++)
        if (isalpha((unsigned char)t[i]) && (i == ps || !isalpha((unsigned char)t[i - 1])) &&
            listed_at(x->lists[L_URGING], t, i, got->s))
            urged = i + 1;
    fspan obj;
    if (urged > ps && first_match(x, cu, urged, got->s, 0, &obj)) {
        *got = obj;
        return 1;
    }
    if (ps < got->s && (first_match(x, cu, ps, got->s, 0, got) || first_match(x, cu, ps, got->s, 1, got))) return 1;
    fspan last;
    if (!last_match(x, cu, from, got->s, &last)) return 0;
    *got = last;
    /* a pronoun opening its sentence stands for the subject of the sentence before, the first
     * match there ("Moscow claims five Ukrainian regions … It fully controls only Crimea":
     * Moscow), not the last one named */
    if (ps == at) {
        size_t ss, se;
        sentence_at(x->m, x->d, last.s, &ss, &se);
        first_match(x, cu, ss > from ? ss : from, last.e, 0, got);
    }
    return 1;
}

/* Match a is a possessive standing before match b ("Ukraine's Donetsk region"): b is its head. */
static int possessive_before(const char *t, fspan a, fspan b)
{
    return a.e <= b.s && b.s - a.e <= 4 &&
           (strncmp(t + a.e, "'s ", 3) == 0 || strncmp(t + a.e, "\xE2\x80\x99s ", 5) == 0);
}

/* Whether a clause boundary stands in t[a, b): a semicolon, or a comma with
 * "and", "but", "while" or "whereas" after it ("… in Ukraine, and Russia's
 * military casualties …": another clause, another subject). */
static int clause_between(const char *t, size_t a, size_t b)
{
    static const char *const joins[] = {"and", "but", "while", "whereas", NULL};
    for (size_t i = a; i < b; i++) {
        if (t[i] == ';') return 1;
        if (t[i] != ',') continue; /* a comma, spaces, a joining word ("70,000 and" has none) */
        size_t w = i + 1;
        while (w < b && t[w] == ' ') w++;
        if (listed_at(joins, t, w, b)) return 1;
    }
    return 0;
}

/* Whether match h follows anchor with "of" (or "each of") alone between ("73% of Kherson"). */
static int partitive(const char *t, const size_t *ws, size_t nw, fspan anchor, fspan h)
{
    size_t between = h.s < anchor.e ? 0 : words_between(ws, nw, anchor.s, anchor.e, h.s, h.e);
    if (between != 1 && between != 2) return 0;
    size_t b = anchor.e;
    while (b < h.s && !isalpha((unsigned char)t[b])) b++;
    if (between == 2 && strncasecmp(t + b, "of both ", 8) == 0) return 1; /* "74% of both Zaporizhzhia and Kherson" */
    if (between == 2) { /* "73% each of Zaporizhzhia and Kherson" */
        if (strncasecmp(t + b, "each ", 5) != 0) return 0;
        b += 5;
    }
    return h.s >= b + 2 && strncasecmp(t + b, "of", 2) == 0 && !isalpha((unsigned char)t[b + 2]);
}

/* A word of list lw between two spans. Of the lexicon's `offset`, a stretch
 * of time ("on Friday, days before the war's second anniversary", "the
 * summit in Alaska, a week after Monday's call"), or of its `contrast`, a
 * predicate set against another ("invaded in February 2022 but withdrew
 * from the Kyiv region weeks later"): what stands on either side is of
 * another moment or act. */
static int listed_between(const char *const *lw, const char *t, fspan a, fspan b)
{
    return a.e <= b.s ? listed_in(lw, t, a.e, b.s) : listed_in(lw, t, b.e, a.s);
}

/* The cue's match nearest its anchor within reach, on its side, clear of
 * the spans already taken and of a stretch of time between. "Ukraine's
 * Donetsk region": of two matches joined by a possessive, the second (the
 * head) is the one meant. lists: the lexicon's lists (scan_ctx.lists). */
static int find_cue(const char *const *const *lists, const cc_cue *cu, const cue_hits *hits, const char *t,
                    const size_t *ws, size_t nw, fspan anchor, size_t reach, const fspan *taken, size_t ntaken,
                    fspan *got)
{
    const char *const *rel = lists[L_ASIDE];
    size_t best = SIZE_MAX;
    fspan prev = {SIZE_MAX, 0};
    for (size_t i = 0; i < hits->n; i++) {
        fspan h = hits->v[i];
        int clash = 0;
        for (size_t k = 0; k < ntaken; k++)
            if (h.s < taken[k].e && taken[k].s < h.e) clash = 1;
        if (clash || (!cu->same_words && h.s < anchor.e && anchor.s < h.e)) continue;
        if (cu->same_clause && (h.s >= anchor.e ? clause_between(t, anchor.e, h.s) : clause_between(t, h.e, anchor.s)))
            continue;
        if ((cu->side < 0 && h.e > anchor.s) || (cu->side > 0 && h.s < anchor.e)) continue;
        if (h.s >= anchor.e && clause_opening(rel, t, anchor.e, h.s) != SIZE_MAX) continue;
        if (h.e <= anchor.s && outside_clause(rel, t, ws, nw, h.s, h.e, anchor.s)) continue;
        if (h.s >= anchor.e && in_closed_clause(t, anchor.s, anchor.e, h.s)) continue;
        if (beyond_reach(rel, t, ws, nw, anchor.s, anchor.e, h.s, h.e, reach)) continue;
        /* of two at the same number of words, the one not across a comma or dash */
        size_t dist = attach_distance(rel, t, ws, nw, anchor.s, anchor.e, h.s, h.e);
        int head = best != SIZE_MAX && got->s == prev.s && possessive_before(t, prev, h);
        int nearer = !head && (dist < best || (dist == best && partitive(t, ws, nw, anchor, h)));
        /* (asked only of a match that would be taken: the words between are many) */
        if ((head || nearer) && listed_between(lists[L_OFFSET], t, anchor, h)) continue;
        if (head) {
            *got = h; /* the possessive's head */
            best = dist;
        } else if (nearer) {
            best = dist; /* …and of two as near, the one the figure governs: "74% of X and 73% of Y" */
            *got = h;
        }
        prev = h;
    }
    /* "Istanbul, Turkey": of a place and the larger one in apposition, the first is meant */
    for (size_t i = 1; best != SIZE_MAX && i < hits->n; i++)
        if (hits->v[i].s == got->s && hits->v[i - 1].e + 2 == got->s && t[hits->v[i - 1].e] == ',' &&
            t[hits->v[i - 1].e + 1] == ' ') {
            fspan a = hits->v[i - 1];
            int clash = (a.s < anchor.e && anchor.s < a.e);
            for (size_t k = 0; k < ntaken; k++)
                if (a.s < taken[k].e && taken[k].s < a.e) clash = 1;
            if (!clash) *got = a;
            break;
        }
    return best != SIZE_MAX;
}

/* Quantity b is a part of a, told right after it: "…14,000 civilians killed,
 * including more than 700 children" (the lexicon's `part_of`, right before
 * b, with no other figure between them). A part shares its whole's cues. */
static int part_of(const cc_lexicon *lx, const char *t, size_t len, const cc_qty *a, const cc_qty *b, const cc_qty *all,
                   size_t nall)
{
    if (a->end > b->start || !listed_before(lx, "part_of", t, a->end, qty_from(b), 2)) return 0;
    for (size_t k = 0; k < nall; k++)
        if (all[k].start > a->end && all[k].start < b->start) return 0;
    /* "…, including 1,130 over the past day": another period's figure, no part of the total */
    return !listed_after(lx, "one_day", t, b->end, b->end + 80 < len ? b->end + 80 : len, 6);
}

/* Dates a and b (a first) told as one list: "in Riyadh in March and in
 * late April", "on May 16 and June 2" (a comma, "and" or "or", and "in",
 * "on" or "at" between, nothing else). Both share the cues told once for
 * them. */
static int coordinated_dates(const char *t, const cc_qty *a, const cc_qty *b)
{
    static const char *const glue[] = {"and", "or", "in", "on", "at", NULL};
    if (a->kind != CC_K_DATE || b->kind != CC_K_DATE || a->end > b->start) return 0;
    int joined = 0;
    for (size_t i = a->end; i < qty_from(b);) {
        if (t[i] == ' ' || t[i] == ',') { i++; continue; }
        size_t e = i;
        while (e < qty_from(b) && isalpha((unsigned char)t[e])) e++;
        if (e == i || !listed_at(glue, t, i, e)) return 0;
        joined |= word_is(t, i, e, "and") || word_is(t, i, e, "or");
        i = e;
    }
    return joined;
}

/* A cue found for quantity q belongs to it only when no other quantity of
 * the sentence stands nearer ("launched its invasion in February 2022,
 * after annexing Crimea in 2014": "annexing" is 2014's). */
static int nearest_quantity(const cc_lexicon *lx, const char *const *rel, const char *t, size_t len, const size_t *ws,
                            size_t nw, fspan cue, const cc_qty *q, const cc_qty *all, size_t nall, const cue_hits *hits)
{
    size_t mine = attach_distance(rel, t, ws, nw, q->start, q->end, cue.s, cue.e);
    for (size_t k = 0; k < nall; k++) {
        if (all[k].start == q->start || part_of(lx, t, len, &all[k], q, all, nall) ||
            part_of(lx, t, len, q, &all[k], all, nall) || coordinated_dates(t, &all[k], q) ||
            coordinated_dates(t, q, &all[k]))
            continue;
        size_t theirs = attach_distance(rel, t, ws, nw, all[k].start, all[k].end, cue.s, cue.e);
        if (theirs >= mine) continue;
        /* nearer to another quantity, which keeps it unless that one has a
         * nearer match of its own ("1,940 soldiers dead and 2,600 hurt":
         * "dead" is 1,940's, since 2,600 has "hurt") */
        int own = 0;
        for (size_t h = 0; h < hits->n && !own; h++)
            if (hits->v[h].s != cue.s &&
                attach_distance(rel, t, ws, nw, all[k].start, all[k].end, hits->v[h].s, hits->v[h].e) < theirs)
                own = 1;
        if (!own) return 0;
    }
    return 1;
}

/* The word that ends right before offset at (spaces skipped), as [*b, at'). */
static int word_before(const char *t, size_t lo, size_t at, size_t *b, size_t *e)
{
    while (at > lo && t[at - 1] == ' ') at--;
    *e = at;
    while (at > lo && isalpha((unsigned char)t[at - 1])) at--;
    *b = at;
    return *e > *b;
}

/* A veto word the sentence denies ("with no ceasefire in sight", "without
 * a truce"): "no" or "without" right before it, "a", "an" or "any" between. */
static int denied_word(const char *t, size_t lo, size_t at)
{
    size_t b, e;
    if (!word_before(t, lo, at, &b, &e)) return 0;
    if ((word_is(t, b, e, "a") || word_is(t, b, e, "an") || word_is(t, b, e, "any")) && !word_before(t, lo, b, &b, &e))
        return 0;
    return word_is(t, b, e, "no") || word_is(t, b, e, "without");
}

/* How many words around a claim its frame's vetoes look at; a veto phrase
 * that starts there may run VETO_TAIL words further ("lost 1,160 troops in
 * the past 24 hours": "past 24 hours" starts within the three words after). */
enum { VETO_BEFORE = 4, VETO_AFTER = 3, VETO_BEFORE_ONLY = 5, VETO_COUNTED = 2, VETO_TAIL = 3 };

/* A veto match [at, mend) of one day's words (the lexicon's `one_day`)
 * before a running total's phrase that ends right before the value at
 * vstart (`total_after`): "lost 1,130 soldiers in the past day, bringing
 * its total to 998,000" — the day is the added figure's, not the total's. */
static int added_figures_day(const scan_ctx *x, size_t ss, size_t at, size_t mend, size_t vstart)
{
    size_t tp;
    return at < vstart && listed_at(x->lists[L_ONE_DAY], x->d->text, at, mend) &&
           words_listed_before(x->lists[L_TOTAL_AFTER], x->d->text, ss, vstart, 2, &tp) && at < tp;
}

/* A veto word of the rule's frame among the claim's own words [ms, me),
 * the VETO_BEFORE words before them and the VETO_AFTER after, in the
 * sentence [ss, se) whose word starts are ws; a veto_before word among the
 * VETO_BEFORE_ONLY words right before the value [vstart, vend) (what the
 * number counts, wherever the cues stand: "claims Donetsk, Luhansk, … -
 * three regions"); a veto_counted word among the VETO_COUNTED words right
 * after the value. */
static int vetoed(scan_ctx *x, const cc_rule *r, const size_t *ws, size_t nw, size_t ss, size_t se, size_t ms, size_t me,
                  size_t vstart, size_t vend)
{
    if (!has_veto(r)) return 0;
    size_t before = 0, after, value = 0, counted; /* word indexes: the claim's first, the first after it, the value's */
    while (before < nw && ws[before] < ms) before++;
    for (after = before; after < nw && ws[after] < me; after++) {}
    while (value < nw && ws[value] < vstart) value++;
    for (counted = value; counted < nw && ws[counted] < vend; counted++) {}
    size_t vs = before >= VETO_BEFORE ? ws[before - VETO_BEFORE] : ss,
           bs = value >= VETO_BEFORE_ONLY ? ws[value - VETO_BEFORE_ONLY] : ss,
           ve = after + VETO_AFTER < nw ? ws[after + VETO_AFTER] : se,
           vt = after + VETO_AFTER + VETO_TAIL < nw ? ws[after + VETO_AFTER + VETO_TAIL] : se,
           ce = counted + VETO_COUNTED < nw ? ws[counted + VETO_COUNTED] : se;
    /* a veto word in an aside within the claim is the aside's ("forces, who have pushed west since
     * the spring, now hold 19%") */
    for (size_t from = vs; r->frame->veto && run(r->frame->veto, x->m, x->d->text, vt, from) >= 0;) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(x->m->md);
        size_t at = ov[0], mend = ov[1];
        size_t end = aside_holding(x->lists[L_ASIDE], x->d->text, ms, me, at);
        if (at >= ve) break;
        /* a veto in a first predicate is not the second's: "seized 4,000 km² this year and now occupies
         * about 19%" (the lexicon's `second_predicate` between the veto and the value) */
        int other = at < vstart && listed_between(x->lists[L_SECOND_PREDICATE], x->d->text, (fspan){at, mend},
                                                  (fspan){vstart, vend});
        if (!end && !other && !denied_word(x->d->text, ss, at) && !added_figures_day(x, ss, at, mend, vstart)) return 1;
        from = end ? end : mend > at ? mend : at + 1;
    }
    if (r->frame->veto_counted && run(r->frame->veto_counted, x->m, x->d->text, ce, vend) >= 0) return 1;
    return r->frame->veto_before && run(r->frame->veto_before, x->m, x->d->text, vstart, bs) >= 0;
}

/* After vetoed() said yes: the veto word it found (the last match made), traced on the claim [ms, me). */
static void trace_veto(const scan_ctx *x, const cc_rule *r, size_t ms, size_t me)
{
    if (!x->m->trace) return;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(x->m->md);
    char word[64];
    size_t n = ov[1] > ov[0] ? ov[1] - ov[0] : 0;
    snprintf(word, sizeof word, "%.*s", (int)(n < 60 ? n : 60), x->d->text + ov[0]);
    trace(x, r, CC_TR_VETO, ms, me, word);
}

/* Word starts of the sentence [ss, se), as offsets in the document. */
static size_t sentence_words(const char *t, size_t ss, size_t se, size_t *ws, size_t max)
{
    size_t nw = word_starts(t + ss, se - ss, ws, max);
    for (size_t i = 0; i < nw; i++) ws[i] += ss;
    return nw;
}

/* A date that opens its sentence as an adverbial ("On September 30, 2022,
 * Putin proclaimed …", "Late on Friday, …", "Two years ago today, …"; not
 * "Today, February 24, is …"): no word before it, or at most two, the last
 * a clause-date word of the lexicon, and a comma after. It dates the whole
 * clause, so its cues are sought to the sentence's end, not within the
 * frame's reach. */
static int fronted_date(const cc_lexicon *lx, const char *t, const size_t *ws, size_t nw, size_t se, const cc_qty *q)
{
    if (q->kind != CC_K_DATE) return 0;
    size_t before = 0;
    while (before < nw && ws[before] < q->start) before++;
    /* the date itself may open the sentence: "Two years ago today, Putin's tanks crossed into Ukraine" */
    if (before > 2 || (before > 0 && !cc_lexicon_word_of(lx, t + ws[before - 1], q->start - ws[before - 1],
                                                         CC_LX_CLAUSE_DATE)))
        return 0;
    size_t e = q->end;
    while (e < se && (t[e] == ' ' || t[e] == '\t')) e++;
    return e < se && t[e] == ',';
}

/* The span cue k of a frame is sought near: its near: cue's match, or the quantity's core. */
static fspan cue_anchor(const cc_frame *fr, size_t k, const size_t *cs, const size_t *ce, fspan core)
{
    int n = fr->cues[k].near;
    return n >= 0 ? (fspan){cs[n], ce[n]} : core;
}

/* The cue of cue k's name found already, or -1. */
static int filled_by(const cc_frame *fr, size_t k, const size_t *cs)
{
    for (size_t j = 0; j < k; j++)
        if (cs[j] != SIZE_MAX && strcmp(fr->cues[j].name, fr->cues[k].name) == 0) return (int)j;
    return -1;
}

/* A comma and "when" right after offset at: "2014, when …". */
static int when_after(const char *t, size_t at, size_t se)
{
    static const char *const when[] = {"when", NULL};
    while (at < se && t[at] == ' ') at++;
    if (at >= se || t[at] != ',') return 0;
    for (at++; at < se && t[at] == ' '; at++) {}
    return listed_at(when, t, at, se);
}

/* The value is written as a possessive ("Wednesday's meeting", "Monday’s
 * talks"): it belongs to the noun after it, whatever verb stands before. */
static int possessive_after(const char *t, size_t at, size_t se)
{
    if (at + 2 <= se && t[at] == '\'' && (t[at + 1] | 32) == 's') return 1;
    return at + 4 <= se && memcmp(t + at, "\xE2\x80\x99", 3) == 0 && (t[at + 3] | 32) == 's';
}

/* The span [s, e) of taken[0..nt) moved to the end: how many come before
 * it (nt when it is not there), so that a search over that many leaves it
 * out and the list still holds it. */
static size_t untake(fspan *taken, size_t nt, size_t s, size_t e)
{
    for (size_t k = 0; k < nt; k++)
        if (taken[k].s == s && taken[k].e == e) {
            fspan f = taken[k];
            taken[k] = taken[nt - 1];
            taken[nt - 1] = f;
            return nt - 1;
        }
    return nt;
}

/* Where "and" opens the predicate whose verb starts at v, up to two
 * lower-case words (adverbs: "and now hold", "and still controls") between;
 * SIZE_MAX when no "and" does. */
static size_t and_before(const char *t, size_t ss, size_t v)
{
    size_t b, e;
    for (int k = 0; k < 3 && word_before(t, ss, v, &b, &e); k++) {
        if (word_is(t, b, e, "and")) return b;
        if (!islower((unsigned char)t[b])) break;
        v = b;
    }
    return SIZE_MAX;
}

/* The subject a second predicate shares with the first ("Russian forces
 * pressed on near Pokrovsk on Tuesday and now hold about 19%"): when the
 * anchor (the verb) follows "and", the cue's match among the sentence's
 * first four words, before the "and", no semicolon between. */
static int shared_subject(const scan_ctx *x, const cue_hits *ch, const size_t *ws, size_t nw, size_t ss, fspan anchor,
                          const fspan *taken, size_t ntaken, fspan *got)
{
    const char *t = x->d->text;
    size_t a = and_before(t, ss, anchor.s);
    if (a == SIZE_MAX || !nw) return 0;
    size_t lim = nw > 4 ? ws[4] : a;
    for (size_t i = 0; i < ch->n; i++) {
        fspan h = ch->v[i];
        if (h.s >= lim || h.e > a) break;
        int clash = 0;
        for (size_t k = 0; k < ntaken; k++)
            if (h.s < taken[k].e && taken[k].s < h.e) clash = 1;
        if (clash || memchr(t + h.e, ';', a - h.e)) continue;
        *got = h;
        return 1;
    }
    return 0;
}

/* The cue's match for quantity q (find_cue): when the nearest belongs to
 * another quantity of the sentence ("met in Abu Dhabi on Sunday and plan
 * more talks next month": "talks" is next month's), the next nearest is
 * asked, a few times at most. */
static int owned_match(const scan_ctx *x, const cc_cue *cu, const cue_hits *ch, const size_t *ws, size_t nw,
                       fspan anchor, size_t reach, const fspan *taken, size_t ntaken, const cc_qty *q,
                       const cc_qty *all, size_t nall, fspan *got)
{
    const char *t = x->d->text;
    if (!find_cue(x->lists, cu, ch, t, ws, nw, anchor, reach, taken, ntaken, got)) return 0;
    if (cu->near >= 0 || !cu->nearest ||
        nearest_quantity(cc_rules_lexicon(x->rs), x->lists[L_ASIDE], t, x->d->len, ws, nw, *got, q, all, nall, ch))
        return 1;
    /* another quantity's: look past it (the spans copied only now, rarely) */
    fspan tk[40];
    size_t n = ntaken < 36 ? ntaken : 36;
    memcpy(tk, taken, n * sizeof *tk);
    for (int tries = 0; tries < 3; tries++) {
        tk[n++] = *got;
        if (!find_cue(x->lists, cu, ch, t, ws, nw, anchor, reach, tk, n, got)) return 0;
        if (nearest_quantity(cc_rules_lexicon(x->rs), x->lists[L_ASIDE], t, x->d->len, ws, nw, *got, q, all, nall, ch))
            return 1;
    }
    return 0;
}

static int yielding(const scan_ctx *x, const cc_cue *cu, fspan g)
{
    return cu->yields && run(cu->yields, x->m, x->d->text + g.s, g.e - g.s, 0) >= 0;
}

/* owned_match, where a match of the cue's general words (yields) gives way
 * to another of its matches right after the figure's noun, three words at
 * most ("had lost some 46,000 soldiers killed" counts the killed; in "lost
 * 500,000 troops, a figure that includes the wounded" the loss stands). */
static int own_cue(const scan_ctx *x, const cc_cue *cu, const cue_hits *ch, const size_t *ws, size_t nw, fspan anchor,
                   size_t reach, const fspan *taken, size_t ntaken, const cc_qty *q, const cc_qty *all, size_t nall,
                   fspan *got)
{
    if (!owned_match(x, cu, ch, ws, nw, anchor, reach, taken, ntaken, q, all, nall, got)) return 0;
    if (!yielding(x, cu, *got)) return 1;
    fspan tk[34], alt;
    size_t n = ntaken < 33 ? ntaken : 33;
    memcpy(tk, taken, n * sizeof *tk);
    tk[n++] = *got;
    if (owned_match(x, cu, ch, ws, nw, anchor, reach < 3 ? reach : 3, tk, n, q, all, nall, &alt) &&
        alt.s >= anchor.e && !yielding(x, cu, alt) && !clause_between(x->d->text, anchor.e, alt.s))
        *got = alt;
    return 1;
}

/* The cue's matches that may be q's: when q is the object of one of the
 * cue's object_of verbs ("have killed more than 12,000 civilians"), a match
 * before the verb is its doer, not what q counts ("Russian forces"). */
static const cue_hits *past_doer(scan_ctx *x, const cc_cue *cu, const cc_qty *q, size_t ss, const cue_hits *ch,
                                 cue_hits *own)
{
    if (!cu->object_of || run(cu->object_of, x->m, x->d->text, q->start, q->start > ss + 40 ? q->start - 40 : ss) < 0)
        return ch;
    size_t verb = pcre2_get_ovector_pointer(x->m->md)[0];
    own->done = 1;
    own->n = 0;
    for (size_t i = 0; i < ch->n; i++)
        if (ch->v[i].s >= verb) own->v[own->n++] = ch->v[i];
    return own;
}

/* Each cue's match for quantity q (its number at core): cs/ce per cue
 * (SIZE_MAX when not found); [*ms, *me) grows to take in those found in
 * reach (not those a refer: word stands for). */
/* The whole a figure governs by "of" right after it ("about a fifth of the
 * mainland", "73% each of Zaporizhzhia and Kherson"): from the word after
 * "of" to its clause's end, into *w; 0 when no "of" follows the figure. */
static int of_phrase(const char *t, size_t ve, size_t se, fspan *w)
{
    size_t b, e;
    if (!next_word(t, ve, se, &b, &e)) return 0;
    if (word_is(t, b, e, "each") && !next_word(t, e, se, &b, &e)) return 0;
    if (!word_is(t, b, e, "of")) return 0;
    w->s = b; /* "of it" refers from there */
    w->e = e;
    while (w->e < se && t[w->e] != ',' && t[w->e] != ';' && t[w->e] != ':' && t[w->e] != '(') w->e++;
    return 1;
}

/* For a cue with of_whole: the whole the figure names by "of" (of, when
 * has_of: of_phrase) is where the cue's match must stand, unless that whole is
 * one of the cue's referring phrases ("a share of the territory, says the
 * head of Donetsk's administration": it may stand for a region named
 * later). */
static int named_whole(scan_ctx *x, const cc_cue *cu, int has_of, fspan of)
{
    return cu->of_whole && has_of && !(cu->refer && run(cu->refer, x->m, x->d->text, of.e, of.s) >= 0);
}

/* Match got is listed with another match of its cue right after it, only
 * "and", "or", "&", "the" and commas between, the list closing with "and"
 * or "or" ("of the Luhansk and Donetsk regions", "of Zaporizhzhia, Kherson
 * and Donetsk", not "under occupation, Kyiv says"): a whole of several. */
static int listed_with_another(const char *t, const cue_hits *ch, fspan got, fspan *last)
{
    for (int items = 0; items < 8; items++) {
        size_t next = SIZE_MAX;
        for (size_t i = 0; i < ch->n; i++)
            if (ch->v[i].s >= got.e && (next == SIZE_MAX || ch->v[i].s < ch->v[next].s)) next = i;
        if (next == SIZE_MAX) return 0;
        fspan h = ch->v[next];
        int comma = 0, closed = 0;
        for (size_t i = got.e; i < h.s;) {
            if (t[i] == ' ') { i++; continue; }
            if (t[i] == ',' || t[i] == '&') { comma |= t[i] == ','; closed |= t[i] == '&'; i++; continue; }
            size_t e = i;
            while (e < h.s && isalpha((unsigned char)t[e])) e++;
            if (word_is(t, i, e, "and") || word_is(t, i, e, "or")) closed = 1;
            else if (e == i || !word_is(t, i, e, "the")) return 0;
            i = e;
        }
        if (closed) {
            *last = h;
            return 1;
        }
        if (!comma) return 0;
        got = h; /* "Zaporizhzhia, Kherson …": the list goes on */
    }
    return 0;
}

/* The figure's whole is several of the cue's places taken as one ("a
 * quarter of the Luhansk and Donetsk regions combined"): no one place's
 * share. Not when the figure is each one's ("73% each of Zaporizhzhia and
 * Kherson", "of both"), which is the first's too. */
static int whole_of_several(const char *t, const cue_hits *ch, fspan core, fspan got, size_t se)
{
    static const char *const each[] = {"each", "both", NULL};
    fspan last = got;
    if (!listed_with_another(t, ch, got, &last) || listed_in(each, t, core.e, got.s)) return 0;
    size_t b, e; /* "…of Zaporizhzhia and Kherson each" */
    return !(next_word(t, last.e, se, &b, &e) && word_is(t, b, e, "each"));
}

/* The count q is joined to the one told before it ("630 children have
 * been killed and more than 1,900 injured": "and" or "or" right before q,
 * the same clause, no figure between): that one, else NULL. Its cues,
 * told once, are q's too when q has none of its own in reach. */
static const cc_qty *joined_to(const char *t, const cc_qty *q, const cc_qty *all, size_t nall)
{
    if (q->kind != CC_K_COUNT && q->kind != CC_K_NUMBER) return NULL;
    const cc_qty *p = NULL;
    for (size_t k = 0; k < nall; k++)
        if (all[k].end <= qty_from(q) && (!p || all[k].end > p->end)) p = &all[k];
    if (!p || p->kind != q->kind) return NULL;
    size_t b, e;
    if (!word_before(t, p->end, qty_from(q), &b, &e) || !(word_is(t, b, e, "and") || word_is(t, b, e, "or")))
        return NULL;
    return clause_between(t, p->end, b) || memchr(t + p->end, ';', b - p->end) ? NULL : p;
}

static void place_cues(scan_ctx *x, const cc_frame *fr, size_t ss, size_t se, const size_t *ws, size_t nw,
                       const cc_qty *q, const cc_qty *all, size_t nall, cue_hits *hits, fspan core, size_t *cs,
                       size_t *ce, size_t *ms, size_t *me)
{
    const char *t = x->d->text;
    fspan taken[33];
    size_t nt = 0;
    char here[32] = {0};
    cue_hits rh, oh;
    int wide = fronted_date(cc_rules_lexicon(x->rs), t, ws, nw, se, q);
    taken[nt++] = core;
    fspan of = {0, 0}; /* the whole the figure names by "of", and the count it is joined to: the same for every cue */
    int has_of = of_phrase(t, core.e, se, &of);
    const cc_qty *first = joined_to(t, q, all, nall);
    for (size_t k = 0; k < fr->ncues && k < 32; k++) {
        const cc_cue *cu = &fr->cues[k];
        cs[k] = ce[k] = SIZE_MAX;
        int filled = filled_by(fr, k, cs);
        if (filled >= 0 && !cu->nearer) continue;
        if (cu->near >= 0 && cs[cu->near] == SIZE_MAX) continue;
        /* "Wednesday's meeting" is the meeting's; "since 2014, when Russia annexed Crimea": the clause
         * after the date tells its act, whatever bounds or states the date */
        if (cu->absent && (possessive_after(t, q->end, se) || when_after(t, q->end, se))) continue;
        fspan anchor = cue_anchor(fr, k, cs, ce, core), got;
        const cue_hits *ch = past_doer(x, cu, q, ss, cue_matches(x, cu, ss, se, &hits[k]), &oh);
        size_t reach = wide && cu->near < 0 && !cu->absent ? SIZE_MAX : (size_t)cu->reach;
        /* same_words: the words its near cue took are not taken for it ("is occupied") */
        size_t ntk = nt;
        if (cu->same_words && cs[cu->near] != SIZE_MAX) ntk = untake(taken, nt, cs[cu->near], ce[cu->near]);
        int found = own_cue(x, cu, ch, ws, nw, anchor, reach, taken, ntk, q, all, nall, &got);
        if (!found && cu->near < 0 && !cu->absent && first) {
            fspan fa = {qty_from(first), first->end};
            found = own_cue(x, cu, ch, ws, nw, fa, reach, taken, ntk, first, all, nall, &got) && got.e <= qty_from(q);
        }
        int of_whole = named_whole(x, cu, has_of, of);
        if (found && of_whole && !(got.s >= of.s && got.s < of.e)) found = 0;
        if (found && has_of && got.s >= of.s && got.s < of.e && whole_of_several(t, ch, core, got, se)) found = 0;
        /* a date belongs to its own predicate: "invaded in February 2022 but withdrew …" ("smaller but
         * grievous" sets no two acts apart, so only a date's cues are asked) */
        if (found && q->kind == CC_K_DATE && listed_between(x->lists[L_CONTRAST], t, core, got)) found = 0;
        /* a referring phrase may hold another cue's word ("its losses": the measure) */
        int referred = 0;
        /* …or stand nearer than the match found ("controls about 86% of the region, and nearly all of
         * Luhansk": the region named before) */
        size_t gd = found ? attach_distance(x->lists[L_ASIDE], t, ws, nw, anchor.s, anchor.e, got.s, got.e) : SIZE_MAX;
        if (cu->refer && gd > 2) {
            fspan rg;
            if (find_cue(x->lists, cu, matches_in(x, cu->refer, NULL, ss, se, &rh), t, ws, nw, anchor,
                         (size_t)cu->reach, taken, 0, &rg) &&
                (!of_whole || (rg.s >= of.s && rg.s < of.e)) &&
                (!found || attach_distance(x->lists[L_ASIDE], t, ws, nw, anchor.s, anchor.e, rg.s, rg.e) < gd) &&
                antecedent(x, cu, &rg) && !(found && rg.s == got.s)) { /* the match found is what it stands for */
                got = rg;
                found = 0;
                referred = 1;
            }
        }
        if (!found && !referred && !of_whole && cu->shared_subject && cu->near >= 0)
            found = shared_subject(x, ch, ws, nw, ss, anchor, taken, ntk, &got);
        if (!found && !referred) continue;
        if (filled >= 0) { /* an alternative: it replaces the other only when nearer */
            fspan fa = cue_anchor(fr, (size_t)filled, cs, ce, core), other = {cs[filled], ce[filled]};
            if (attach_distance(x->lists[L_ASIDE], t, ws, nw, anchor.s, anchor.e, got.s, got.e) >=
                    attach_distance(x->lists[L_ASIDE], t, ws, nw, fa.s, fa.e, other.s, other.e) ||
                possessive_before(t, got, other))
                continue;
            cs[filled] = ce[filled] = SIZE_MAX;
        }
        cs[k] = got.s; /* a referred slot's words were named before: the claim's span stays in its sentence */
        ce[k] = got.e;
        here[k] = (char)found;
        if (found) taken[nt++] = got;
    }
    for (size_t k = 0; k < fr->ncues && k < 32; k++)
        if (cs[k] != SIZE_MAX && here[k]) {
            if (cs[k] < *ms) *ms = cs[k];
            if (ce[k] > *me) *me = ce[k];
        }
}

/* Every required cue name filled by one of its cues, and no absent cue
 * found; else *bad gets the cue at fault. */
static int required_found(const cc_frame *fr, const size_t *cs, size_t *bad)
{
    for (size_t k = 0; k < fr->ncues && k < 32; k++) {
        *bad = k;
        if (fr->cues[k].absent && cs[k] != SIZE_MAX) return 0;
        if (!fr->cues[k].required) continue;
        int any = 0;
        for (size_t j = 0; j < fr->ncues && j < 32; j++)
            if (cs[j] != SIZE_MAX && strcmp(fr->cues[j].name, fr->cues[k].name) == 0) any = 1;
        if (!any) return 0;
    }
    return 1;
}


/* How many of the sentence's word starts ws[0..nw) lie before offset at:
 * ws[result - 1] is the word before at. */
static size_t words_before(const size_t *ws, size_t nw, size_t at)
{
    size_t w = 0;
    while (w < nw && ws[w] < at) w++;
    return w;
}

/* A bare year after a clause-date word ("In 2023, …", "by 2024") or a
 * period word ("killed since 2022", "until 2021"): the sentence's reading
 * took it for a number; it is a time, no count. ("over 2000" is read with
 * its hedge, so no bare year.) */
static int bare_year(const scan_ctx *x, const size_t *ws, size_t nw, const cc_qty *q)
{
    const char *t = x->d->text;
    if ((q->kind != CC_K_COUNT && q->kind != CC_K_NUMBER) || q->end - q->start != 4 || q->best < 1900 || q->best > 2100)
        return 0;
    for (size_t i = q->start; i < q->end; i++)
        if (t[i] < '0' || t[i] > '9') return 0;
    size_t w = words_before(ws, nw, q->start);
    if (w == 0) return 0;
    size_t we = ws[w - 1];
    while (we < q->start && isalpha((unsigned char)t[we])) we++;
    const cc_lexicon *lx = cc_rules_lexicon(x->rs);
    if (we - ws[w - 1] == 2 && strncasecmp(t + ws[w - 1], "of", 2) == 0) /* "the start of 2024", "the summer of 2023" */
        return w > 1 && listed_before(lx, "part_of_year", t, ws[w - 2], ws[w - 1], 1);
    return cc_lexicon_word_of(lx, t + ws[w - 1], we - ws[w - 1], CC_LX_CLAUSE_DATE) ||
           cc_lexicon_word_of(lx, t + ws[w - 1], we - ws[w - 1], CC_LX_PERIOD);
}

/* "between 2022 and 2025", "2014-2022": two years written as a range of
 * counts; a span of time, no count (a count that size is written with a
 * separator: "between 1,900 and 2,100"). */
static int year_range(const scan_ctx *x, const cc_qty *q)
{
    if ((q->kind != CC_K_COUNT && q->kind != CC_K_NUMBER) || !q->range || q->low < 1900 || q->high > 2100 ||
        q->low != floor(q->low) || q->high != floor(q->high) || q->high - q->low > 100)
        return 0;
    const char *t = x->d->text;
    size_t runs = 0;
    for (size_t i = q->start; i < q->end; i++) {
        if (t[i] == ',' || t[i] == '.') return 0;
        if (isdigit((unsigned char)t[i]) && (i == q->start || !isdigit((unsigned char)t[i - 1]))) {
            size_t e = i;
            while (e < q->end && isdigit((unsigned char)t[e])) e++;
            if (e - i != 4 && !(runs == 1 && e - i == 2)) return 0; /* "2014-22" */
            runs++;
        }
    }
    return runs == 2;
}

/* A bare year (bare_year) as a date: *q becomes it. */
static int year_as_date(scan_ctx *x, cc_qty *q)
{
    const char *t = x->d->text;
    cc_normopt o = {x->d->has_date, x->d->date, 0, 0, 0, 0}; /* a year written: no label asked */
    cc_qty d;
    if (reread(cc_rules_lexicon(x->rs), t, q->start, q->end - q->start, CC_K_DATE, &o, &d) != 0 || d.kind != CC_K_DATE)
        return 0;
    *q = d;
    return 1;
}

/* The words a verb of saying's hearer or channel may take before the date
 * it was said on ("told a news conference", "said in a statement"). */
enum { HEARER_WORDS = 3 };

/* What a stated time dq is (ws[w - 1] the word before it): a bare year, a
 * month, a week or another span of days is a period ("in 2023", "in May",
 * "last month") unless "by" or "as of" leads to it or a verb of saying
 * stands before ("estimated in 2024", "said in February that 46,000 had
 * been killed"): then it is the time the figure was reached (TIME_BY). So
 * is a date after the verb's hearer or channel, the figure told before the
 * verb (qe, its end): "31,000, Zelensky told reporters on Sunday". A
 * single day is a day (TIME_DAY: "killed 12 troops on Friday"), or a point
 * when it is not a date. */
static int time_span(const scan_ctx *x, const size_t *ws, size_t w, const cc_qty *dq, int bare, size_t qe)
{
    const char *t = x->d->text;
    int days = !bare && dq->kind == CC_K_DATE && isfinite(dq->low) && dq->high > dq->low;
    if (!bare && !days && dq->kind != CC_K_DATE) return TIME_POINT;
    if (word_is(t, dq->start, dq->end, "by")) return TIME_BY; /* "by May": the date's own first word */
    if (w > 0 && (word_is(t, ws[w - 1], dq->start, "by") || word_is(t, ws[w - 1], dq->start, "of"))) return TIME_BY;
    if (w > 1 && listed_before(cc_rules_lexicon(x->rs), "stated", t, ws[w - 2], ws[w - 1], 1)) return TIME_BY;
    /* "said in February that …", "said on Sunday": the date read with its "in" or "on" */
    if (w > 0 && (word_is(t, dq->start, dq->end, "in") || word_is(t, dq->start, dq->end, "on")) &&
        listed_before(cc_rules_lexicon(x->rs), "stated", t, ws[w - 1], dq->start, 1))
        return TIME_BY;
    size_t said;
    if (qe <= dq->start && listed_before_at(cc_rules_lexicon(x->rs), "stated", t, qe, dq->start, HEARER_WORDS + 1, &said) &&
        !memchr(t + said, ',', dq->start - said) && !memchr(t + said, ';', dq->start - said))
        return TIME_BY;
    return bare || days ? TIME_PERIOD : TIME_DAY;
}

/* Date dq in a clause before value q opened by a word of `from_event`, a
 * comma between them ("Three years after Russian tanks crossed the border
 * on 24 February 2022, Moscow's troops hold …"): the event counted from,
 * not the time the value is stated for. */
static int counted_from_event(const scan_ctx *x, size_t ss, const cc_qty *dq, const cc_qty *q)
{
    const char *t = x->d->text;
    if (dq->end > q->start) return 0;
    size_t comma = dq->end;
    while (comma < q->start && t[comma] != ',' && t[comma] != ';') comma++;
    if (comma >= q->start) return 0;
    size_t cs = dq->start;
    while (cs > ss && t[cs - 1] != ',' && t[cs - 1] != ';') cs--;
    return words_after(cc_lexicon_list(cc_rules_lexicon(x->rs), "from_event"), t, cs, dq->start, 40);
}

/* Date dq after value q, a part of the whole named between them (a word of
 * the lexicon's `part_of`: "18% of Ukraine, including Crimea and parts of
 * the Donbas it seized in 2014"): the date is the part's. */
static int in_part(const scan_ctx *x, const cc_qty *dq, const cc_qty *q)
{
    if (dq->start <= q->end) return 0;
    /* a part set aside between commas ("7% of the country, including Crimea, was held before 2022")
     * ends at its closing comma: a date after that is not the part's */
    const char *t = x->d->text;
    size_t from = q->end;
    for (size_t i = dq->start; i > q->end; i--)
        if (t[i - 1] == ',') {
            size_t c = q->end; /* an aside opened by a comma after the value, closed by this one */
            while (c < i - 1 && t[c] != ',') c++;
            if (c < i - 1) from = i;
            break;
        }
    return listed_in(cc_lexicon_list(cc_rules_lexicon(x->rs), "part_of"), t, from, dq->start);
}

/* Date dq after value q, a relative clause opened between them (a comma,
 * then a word of the lexicon's `relative`: "…19% of Ukraine, counting
 * Crimea, which Moscow annexed in March 2014"): the date is that clause's. */
static int in_relative_clause(const scan_ctx *x, const cc_qty *dq, const cc_qty *q)
{
    const char *t = x->d->text;
    const char *const *rel = cc_lexicon_list(cc_rules_lexicon(x->rs), "relative");
    for (size_t at = q->end; at < dq->start; at++) {
        if (t[at] != ',') continue;
        size_t b = at + 1;
        while (b < dq->start && t[b] == ' ') b++;
        if (listed_at(rel, t, b, dq->start)) return 1;
    }
    return 0;
}

/* A word of the lexicon's `counted_from` ("since") before offset at, with
 * only words that narrow a year or month between ("since the start of
 * 2024", "since early March"): a count starts at the date there. */
static int counted_since(const scan_ctx *x, size_t ss, size_t at)
{
    static const char *const narrow[] = {"the", "of", "early", "late", "mid", NULL};
    const char *t = x->d->text;
    size_t where;
    for (int words = 0; words < 4; words++) {
        if (words_listed_before(x->lists[L_COUNTED_FROM], t, ss, at, 1, &where)) return 1;
        size_t b = at;
        while (b > ss && !isalpha((unsigned char)t[b - 1])) b--;
        size_t e = b;
        while (b > ss && isalpha((unsigned char)t[b - 1])) b--;
        if (b == e || !(listed_at(narrow, t, b, e) || listed_at(x->lists[L_PART_OF_YEAR], t, b, e))) return 0;
        at = b;
    }
    return 0;
}

/* A word of the lexicon's `now` ("now", "currently") nearer to value q
 * than distance best, in q's clause: the figure is today's, whatever date
 * stands further off. */
static int now_nearer(const scan_ctx *x, const size_t *ws, size_t nw, const cc_qty *q, size_t best)
{
    const char *t = x->d->text;
    const char *const *now = x->lists[L_NOW];
    for (size_t i = 0; i < nw; i++) {
        size_t b = ws[i], e = b;
        while (isalpha((unsigned char)t[e])) e++;
        if (e == b || (b < q->end && q->start < e) || !listed_at(now, t, b, e)) continue;
        if (b >= q->end ? clause_between(t, q->end, b) : clause_between(t, e, q->start)) continue;
        if (attach_distance(x->lists[L_ASIDE], t, ws, nw, q->start, q->end, b, e) < best) return 1;
    }
    return 0;
}

/* Figure o, neither q nor the date dq read as a number, stands nearer dq
 * than q's distance dist. */
static int nearer_other(const scan_ctx *x, const size_t *ws, size_t nw, const cc_qty *o, const cc_qty *q,
                        const cc_qty *dq, size_t dist)
{
    return !(o->start < q->end && q->start < o->end) && !(o->start < dq->end && dq->start < o->end) &&
           attach_distance(x->lists[L_ASIDE], x->d->text, ws, nw, o->start, o->end, dq->start, dq->end) < dist;
}

/* Another figure of the rule's kind in the sentence (all) stands nearer
 * the date than q: the date is its. */
static int nearer_figure(const scan_ctx *x, const size_t *ws, size_t nw, const cc_qty *q, const cc_qty *dq,
                         const cc_qty *all, size_t nall, size_t dist)
{
    for (size_t j = 0; j < nall; j++)
        if (nearer_other(x, ws, nw, &all[j], q, dq, dist)) return 1;
    return 0;
}

/* A figure of any kind in the sentence's quantities (e, sentence offsets
 * from ss) stands nearer the date dq than q does (at dist): a count's start
 * is that figure's ("116,000 sq km, up by some 4,000 since January"). */
static int nearer_count(const scan_ctx *x, size_t ss, const qentry *e, const size_t *ws, size_t nw, const cc_qty *q,
                        const cc_qty *dq, size_t dist)
{
    for (size_t j = 0; j < e->nq; j++) {
        cc_qty o = e->q[j];
        qty_shift(&o, ss);
        if (o.kind != CC_K_DATE && nearer_other(x, ws, nw, &o, q, dq, dist)) return 1;
    }
    return 0;
}

/* The date the sentence [ss, ..) states value q for: of its dates within
 * the frame's reach of q, the nearest, unless another value of the rule's
 * kind stands nearer to it ("after holding 51.5% in mid-December, Russia now
 * holds 54%": December is 51.5%'s). A date after a period word ("since
 * 2022", "between June and August") bounds a period and says no such thing,
 * but one after "before" or "until" is the time the figure held up to.
 * Offsets of *when are in the document; *span says what kind of time it is
 * (time_span). */
static int stated_time(scan_ctx *x, size_t ss, const size_t *ws, size_t nw, int reach, const cc_qty *q,
                       const cc_qty *all, size_t nall, cc_qty *when, int *span)
{
    const char *t = x->d->text;
    uint64_t key = ss;
    qentry *e;
    HASH_FIND(hh, x->m->qc, &key, sizeof key, e);
    size_t best = SIZE_MAX, since_best = SIZE_MAX;
    x->since = NAN;
    for (size_t k = 0; e && k < e->nq; k++) {
        cc_qty dq = e->q[k];
        qty_shift(&dq, ss);
        int bare = dq.kind != CC_K_DATE;
        if (bare && !bare_year(x, ws, nw, &dq)) continue;
        if (!bare) cached_tense(x, e, ss, &dq); /* "will complete 500 days on Sunday" */
        if (dq.start < q->end && q->start < dq.end) continue; /* the value itself */
        /* another main clause's time: "gained a village this week, and its losses are …" */
        if (dq.end <= q->start ? clause_between(t, dq.end, q->start) : clause_between(t, q->end, dq.start)) continue;
        size_t dist = attach_distance(x->lists[L_ASIDE], t, ws, nw, q->start, q->end, dq.start, dq.end);
        if (words_between(ws, nw, q->start, q->end, dq.start, dq.end) > (size_t)reach || dist >= best) continue;
        size_t w = words_before(ws, nw, dq.start); /* ws[w - 1]: the word before the date */
        if (!dq.unanchored && (words_after(x->lists[L_COUNTED_FROM], t, dq.start, dq.end, 1) ||
                               counted_since(x, ss, dq.start))) {
            /* "since August" (the word may open the date), "since the start of 2024": where a count starts
             * (the count nearest it: "116,000 sq km, up by some 4,000 since January" is the gain's) */
            if (dist < since_best && (!bare || year_as_date(x, &dq)) && !nearer_count(x, ss, e, ws, nw, q, &dq, dist)) {
                since_best = dist;
                x->since = dq.low;
            }
            continue;
        }
        /* "during 2024", "between June and August" (the word may open the date itself): a span
         * the figure was counted within, no time it was stated for */
        if (words_after(x->lists[L_WITHIN], t, dq.start, dq.end, 1) ||
            (w > 0 && ws[w - 1] < dq.start && words_after(x->lists[L_WITHIN], t, ws[w - 1], dq.start, 1))) {
            *span = TIME_WITHIN;
            continue;
        }
        if (counted_from_event(x, ss, &dq, q) || in_relative_clause(x, &dq, q) || in_part(x, &dq, q)) continue;
        int upto = 0; /* "controlled 7% of Ukraine before February 2022": the figure held up to then */
        if (w > 0 && ws[w - 1] < dq.start &&
            cc_lexicon_word_of(cc_rules_lexicon(x->rs), t + ws[w - 1], dq.start - ws[w - 1], CC_LX_PERIOD)) {
            if (!listed_before(cc_rules_lexicon(x->rs), "held_until", t, ws[w - 1], dq.start, 1)) continue;
            upto = 1;
        }
        if (nearer_figure(x, ws, nw, q, &dq, all, nall, dist) || (bare && !year_as_date(x, &dq)))
            continue; /* another figure's time; the year read as the date it is */
        best = dist;
        *when = dq;
        *span = upto ? TIME_BY : time_span(x, ws, w, &dq, bare, q->end);
    }
    /* "hold 5,000 km² now, a fifth of what they held in 2022" */
    if (best != SIZE_MAX && now_nearer(x, ws, nw, q, best)) {
        *span = TIME_POINT;
        return 0;
    }
    return best != SIZE_MAX;
}

/* "down from 45%", "from 45% to 30%", "compared with 34%": a value right
 * after "from" (not a range written "from 20% to 25%"), or after "compared
 * with" with all its cues told before (cue offsets cs), is what was
 * before. With no time read for it, it is no claim about the publication
 * date. Dates are not asked: after "from" they bound a period, which
 * stated_time already knows. */
static int former_value(const char *t, const size_t *ws, size_t nw, const cc_qty *q, const size_t *cs, size_t ncues)
{
    if (q->kind == CC_K_DATE || q->range) return 0;
    size_t at = qty_from(q), w = words_before(ws, nw, at);
    if (w > 0 && word_is(t, ws[w - 1], at, "from")) return 1;
    if (!(w > 1 && word_is(t, ws[w - 2], at, "compared") &&
          (word_is(t, ws[w - 1], at, "with") || word_is(t, ws[w - 1], at, "to"))))
        return 0;
    /* "…, compared with 3,000 troops of the other side killed": a figure with cues of its own */
    for (size_t k = 0; k < ncues && k < 32; k++)
        if (cs[k] != SIZE_MAX && cs[k] > ws[w - 2]) return 0;
    return 1;
}

/* A count verified case by case ("the UN has documented 12,600 civilians
 * killed", "confirmed the names of about 90,000 soldiers", "12,600
 * civilians confirmed killed") is a floor: the true number is at least it,
 * and a higher figure elsewhere is no contradiction (asked of running
 * totals, whose counts are tallies). A word of the
 * lexicon's `floor` among the four words before the count or the three
 * after it, in its clause, makes *q a lower bound. */
static void floor_count(const scan_ctx *x, const cc_rule *r, size_t ss, size_t se, cc_qty *q)
{
    /* a running total's count (casualties): a figure that must agree (the four regions) is no tally */
    if (r->policy != CC_POL_CUMULATIVE || (q->kind != CC_K_COUNT && q->kind != CC_K_NUMBER) ||
        !(q->hedge == CC_H_NONE || q->hedge == CC_H_APPROX || q->hedge == CC_H_EXACT || q->hedge == CC_H_OVER))
        return;
    const cc_lexicon *lx = cc_rules_lexicon(x->rs);
    const char *t = x->d->text;
    size_t at = qty_from(q), cs = clause_start(t, ss, at);
    if (!listed_before(lx, "floor", t, cs, at, 4) && !listed_after(lx, "floor", t, q->end, se, 3)) return;
    if (q->hedge == CC_H_NONE || q->hedge == CC_H_EXACT) q->low = q->best; /* counted: no rounding below */
    if (q->hedge != CC_H_OVER) q->hedge = CC_H_ATLEAST;
    q->high = INFINITY;
}

/* Whether the n bytes at h hold the string w (memchr for its first byte,
 * then a compare: the hay is a sentence, the needle a word). */
static int holds_bytes(const char *h, size_t n, const char *w)
{
    size_t m = strlen(w);
    for (const char *p = h, *end = h + n; m && (size_t)(end - p) >= m; p++) {
        p = memchr(p, w[0], (size_t)(end - p) - m + 1);
        if (!p) return 0;
        if (memcmp(p, w, m) == 0) return 1;
    }
    return 0;
}

/* The last word of each entry of `refuted`, each once ("is false", "was
 * false": "false"), searched for before a sentence is walked. A list with
 * more of them than fit is walked always. */
static void refute_words(scan_ctx *x)
{
    x->nrefute_last = 0;
    for (const char *const *w = x->lists[L_REFUTED]; w && *w; w++) {
        const char *last = strrchr(*w, ' ');
        last = last ? last + 1 : *w;
        int seen = 0;
        for (size_t k = 0; k < x->nrefute_last && !seen; k++) seen = strcmp(x->refute_last[k], last) == 0;
        if (seen) continue;
        if (x->nrefute_last == sizeof x->refute_last / sizeof *x->refute_last) {
            x->nrefute_last = SIZE_MAX; /* too many to search for: walk every sentence */
            return;
        }
        x->refute_last[x->nrefute_last++] = last;
    }
}

/* A word of the lexicon's `refuted` stands after offset at in the sentence
 * [ss, se): the figure there is told in order to be refuted ("…; the maps
 * show otherwise"). The sentence is walked once for all its figures. */
static int refuted_after(scan_ctx *x, size_t ss, size_t se, size_t at)
{
    qentry *e = sentence_cache(x, ss, se);
    if (!e->refuted_asked) {
        e->refuted_asked = 1;
        e->refuted = SIZE_MAX;
        const char *t = x->d->text;
        /* most sentences hold no entry's last word ("otherwise", "false" …) anywhere: one search each */
        int maybe = x->nrefute_last == SIZE_MAX;
        for (size_t k = 0; !maybe && k < x->nrefute_last; k++) maybe = holds_bytes(t + ss, se - ss, x->refute_last[k]);
        for (size_t i = maybe ? se : ss; i > ss; i--)
            if (isalpha((unsigned char)t[i - 1]) && (i - 1 == ss || !isalpha((unsigned char)t[i - 2])) &&
                listed_at(x->lists[L_REFUTED], t, i - 1, se)) {
                e->refuted = i - 1;
                break;
            }
    }
    return e->refuted != SIZE_MAX && e->refuted >= at;
}

/* A frame around one quantity: every required cue found, no veto word in
 * reach; then the claim spans the quantity and its cues. */
static void frame_quantity(scan_ctx *x, const cc_rule *r, size_t ss, size_t se, const size_t *ws, size_t nw,
                           const cc_qty *q, const cc_qty *all, size_t nall, int *gated, cue_hits *hits)
{
    const cc_frame *fr = r->frame;
    const char *t = x->d->text;
    if (rule_read(x, r, q->start)) return; /* a pattern of the rule read it already */
    if (comparison(x->lists[L_COMPARATIVE], t, q->end, se)) {
        trace(x, r, CC_TR_VETO, qty_from(q), q->end, "a comparison (more … than)");
        return;
    }
    if (!fr->increments && increment(x->lists[L_INCREMENT_BEFORE], x->lists[L_INCREMENT_AFTER], t, ss, se, q)) {
        trace(x, r, CC_TR_VETO, qty_from(q), q->end, "an increment (another, a further, … more)");
        return;
    }
    /* a weekday beside a written date: a full date, or a month and day ("Saturday (Jan 24)"), not a bare weekday */
    if (fr->with_weekday && (q->weekday < 0 || q->weekday_actual < 0 || (q->relative && !q->month))) return;
    /* "the invasion on Saturday": some later day's; "four years ago this week" is placed by its words,
     * and "Thursday, February 24" a few days before the article by the weekday that fits its year */
    if (fr->with_year && q->relative && !(q->mday && q->weekday >= 0 && q->weekday == q->weekday_actual) &&
        !anchored_by_words(cc_rules_lexicon(x->rs), t, q))
        return;
    fspan qs = {qty_from(q), q->end};
    /* the number itself: a cue may take a hedge word ("control over 15%": "over" is the verb's) */
    fspan core = qs;
    if (q->hedge != CC_H_NONE && q->hedge_end > core.s && q->hedge_end < core.e) {
        core.s = q->hedge_end;
        while (core.s < core.e && (t[core.s] == ' ' || t[core.s] == '\t' || t[core.s] == '\n')) core.s++;
    }
    size_t cs[32], ce[32], ms = qs.s, me = qs.e;
    place_cues(x, fr, ss, se, ws, nw, q, all, nall, hits, core, cs, ce, &ms, &me);
    size_t bad;
    if (!required_found(fr, cs, &bad)) {
        trace(x, r, fr->cues[bad].absent ? CC_TR_ABSENT : CC_TR_CUE, qs.s, qs.e, fr->cues[bad].name);
        return;
    }
    /* a value a rule this one defers to has read is that rule's (add_claim would drop the claim): stop
     * before the vetoes and the time are asked (a hedge a cue took moves where the value starts) */
    int hedge_taken = 0;
    for (size_t k = 0; k < fr->ncues && k < 32; k++)
        if (cs[k] != SIZE_MAX && cs[k] < core.s && ce[k] > qs.s) hedge_taken = 1;
    if (!hedge_taken && deferred_read(x, r, ms, me, q->start)) return;
    if (vetoed(x, r, ws, nw, ss, se, ms, me, qty_from(q), q->end)) { trace_veto(x, r, ms, me); return; }
    if (refuted_after(x, ss, se, q->end)) { /* "…; the maps show otherwise" */
        trace(x, r, CC_TR_VETO, ms, me, "refuted later in its sentence");
        return;
    }
    /* the sentence's topic gates, asked once a claim is at hand */
    if (*gated < 0) *gated = !r->topic_not || !sentence_gate(r->topic_not, x->m, t, ss, se); /* topic_sent was asked */
    if (!*gated) { trace(x, r, CC_TR_TOPIC, ms, me, NULL); return; }
    slots sl = {NULL, fr, cs, ce, q};
    cc_qty when;
    int span = TIME_POINT;
    int timed = stated_time(x, ss, ws, nw, fr->reach, q, all, nall, &when, &span);
    if (!timed && former_value(t, ws, nw, q, cs, fr->ncues)) { trace(x, r, CC_TR_VETO, ms, me, "an earlier value"); return; }
    if (timed) x->when = &when;
    x->when_span = span;
    cc_qty v = *q;
    if (hedge_taken) { /* read the number without the word a cue took */
        cc_normopt o = norm_opt(x->d, sentence_cache(x, ss, se)->year, r->round_down, 0);
        if (reread(cc_rules_lexicon(x->rs), t, core.s, core.e - core.s, r->kind, &o, &v) != 0) return;
    }
    floor_count(x, r, ss, se, &v);
    add_claim(x, r, ms, me, v.start, v.end, &v, &sl);
    x->when = NULL;
    x->when_span = TIME_POINT;
    x->since = NAN;
}

/* The year a timeline's label gives the line holding offset at: the line
 * opens with a year and a colon or a dash ("2023: Bakhmut falls in May",
 * "2024 - Avdiivka is lost in February"); 0 when it opens with none. A
 * month or a month and day written without a year there is in it. *label:
 * where the label's year would be written. */
static int label_year(const cc_doc *d, size_t at, size_t *label)
{
    const char *t = d->text;
    size_t a = cc_doc_line_start(d, at);
    while (a < d->len && (t[a] == ' ' || t[a] == '\t')) a++;
    *label = a;
    int y = 0;
    size_t k = a;
    for (; k < d->len && k < a + 4 && isdigit((unsigned char)t[k]); k++) y = y * 10 + (t[k] - '0');
    if (k != a + 4 || (k < d->len && isdigit((unsigned char)t[k])) || y < 1900 || y > 2099) return 0;
    while (k < d->len && t[k] == ' ') k++;
    if (k < d->len && t[k] == ':') return y;
    if (k + 1 < d->len && t[k] == '-' && t[k + 1] == ' ') return y;
    if (k + 3 < d->len && (unsigned char)t[k] == 0xE2 && (unsigned char)t[k + 1] == 0x80 &&
        ((unsigned char)t[k + 2] == 0x93 || (unsigned char)t[k + 2] == 0x94)) /* an en or em dash */
        return y;
    return 0;
}

/* The normalizer's options for the sentence at ss: the publication date,
 * and the year a timeline's label gives its line. */
static cc_normopt norm_opt(const cc_doc *d, int year, int round_down, int forward)
{
    cc_normopt o = {d->has_date, d->date, round_down, forward, year, 0};
    return o;
}

/* Whether a word of the lexicon's period words (since, after, until …)
 * stands among the five words before offset at in its clause: the year
 * there bounds a period ("since the invasion of February 2022"). */
static int after_period_word(const cc_lexicon *lx, const char *t, size_t lo, size_t at)
{
    for (int n = 0; n < 5 && at > lo;) {
        while (at > lo && !isalpha((unsigned char)t[at - 1])) {
            if (t[at - 1] == ',' || t[at - 1] == ';' || t[at - 1] == '.') return 0;
            at--;
        }
        size_t e = at;
        while (at > lo && isalpha((unsigned char)t[at - 1])) at--;
        if (e > at && cc_lexicon_word_of(lx, t + at, e - at, CC_LX_PERIOD)) return 1;
        n++;
    }
    return 0;
}

/* The year a passage has set for the dates after it: the last year written
 * in t[lo, at) ("In 2022, Ukrainian troops retook Kherson city on November
 * 11", "… annexed four regions on 30 September 2022. Ukraine liberated Lyman
 * on 1 October"), not one that bounds a period; 0 when none. */
static int narrative_year(const cc_lexicon *lx, const char *t, size_t lo, size_t at)
{
    int year = 0;
    for (size_t i = lo; i + 4 <= at; i++) {
        if (!isdigit((unsigned char)t[i]) || (i > lo && (isdigit((unsigned char)t[i - 1]) || t[i - 1] == ',')))
            continue;
        size_t e = i;
        while (e < at && isdigit((unsigned char)t[e])) e++;
        if (e - i != 4 || (e < at && (isalnum((unsigned char)t[e]) || t[e] == '\''))) { i = e; continue; }
        int y = (t[i] - '0') * 1000 + (t[i + 1] - '0') * 100 + (t[i + 2] - '0') * 10 + (t[i + 3] - '0');
        if (y >= 1990 && y < 2100 && !after_period_word(lx, t, lo, i)) year = y;
        i = e;
    }
    return year;
}

/* Where the sentence before the one at ss starts, in the same paragraph (ss
 * when it opens its paragraph). */
static size_t previous_sentence(const char *t, size_t ss)
{
    size_t b = ss;
    while (b > 0 && (t[b - 1] == ' ' || t[b - 1] == '\t')) b--;
    if (b == 0 || t[b - 1] == '\n') return ss;
    b--; /* its end mark */
    while (b > 0 && ss - b < 400 && t[b - 1] != '.' && t[b - 1] != '!' && t[b - 1] != '?' && t[b - 1] != '\n') b--;
    return b;
}

/* The year the passage sets for the sentence at ss, when one of its months,
 * or months and days, written without a year has no weekday beside it (q,
 * nq: the sentence read without it); 0 when none. */
static int sentence_year(scan_ctx *x, size_t ss, const cc_qty *q, size_t nq)
{
    const cc_doc *d = x->d;
    int ry, rm, rdd;
    if (!d->has_date) return 0;
    cc_civil_from_days(d->date, &ry, &rm, &rdd);
    for (size_t k = 0; k < nq; k++)
        if (q[k].kind == CC_K_DATE && (q[k].month || q[k].month_only) && q[k].relative && q[k].weekday < 0) {
            int y = narrative_year(cc_rules_lexicon(x->rs), d->text, previous_sentence(d->text, ss), ss + q[k].start);
            return y && y < ry ? y : 0;
        }
    return 0;
}

/* Every quantity of the sentence [ss, se), of any kind, as the normalizer
 * reads it (offsets in the sentence): read once per document and sentence. */
static qentry *sentence_cache(scan_ctx *x, size_t ss, size_t se)
{
    cc_matcher *m = x->m;
    const cc_doc *d = x->d;
    if (m->qc_doc != d || m->qc_serial != d->serial || !d->serial) {
        qcache_clear(m);
        m->qc_doc = d;
        m->qc_serial = d->serial;
    }
    uint64_t key = ss;
    qentry *e;
    HASH_FIND(hh, m->qc, &key, sizeof key, e);
    if (!e) {
        cc_qty q[QC_MAX];
        size_t label;
        int labelled = label_year(d, ss, &label), year = labelled;
        cc_normopt o = norm_opt(d, year, 0, 0);
        size_t nq = cc_norm_scan(cc_rules_lexicon(x->rs), d->text + ss, se - ss, CC_K_ANY, &o, q, QC_MAX);
        if (nq > QC_MAX) nq = QC_MAX;
        if (!labelled && (year = sentence_year(x, ss, q, nq))) { /* read again in the passage's year */
            o = norm_opt(d, year, 0, 0);
            nq = cc_norm_scan(cc_rules_lexicon(x->rs), d->text + ss, se - ss, CC_K_ANY, &o, q, QC_MAX);
            if (nq > QC_MAX) nq = QC_MAX;
        }
        if (labelled && label >= ss) /* a timeline's label is no quantity of its line */
            for (size_t k = 0; k < nq; k++)
                if (q[k].start == label - ss) {
                    memmove(&q[k], &q[k + 1], (nq - k - 1) * sizeof *q);
                    nq--;
                    break;
                }
        e = cc_xmalloc(sizeof *e + nq * sizeof *q + nq);
        e->key = key;
        e->nq = nq;
        e->ws = NULL;
        e->nw = 0;
        e->year = year;
        e->refuted_asked = 0;
        e->q = (cc_qty *)(void *)(e + 1);
        memcpy(e->q, q, nq * sizeof *q);
        e->tense = (unsigned char *)(e->q + nq);
        memset(e->tense, 0, nq);
        HASH_ADD(hh, m->qc, key, sizeof e->key, e);
    }
    return e;
}

/* The sentence's word starts (document offsets), found once for every
 * frame rule that reads it and kept with its quantities. */
static const size_t *sentence_word_starts(scan_ctx *x, size_t ss, size_t se, size_t *nw)
{
    qentry *e = sentence_cache(x, ss, se);
    if (!e->ws) {
        size_t tmp[512];
        e->nw = sentence_words(x->d->text, ss, se, tmp, 512);
        e->ws = cc_xmalloc((e->nw ? e->nw : 1) * sizeof *e->ws);
        memcpy(e->ws, tmp, e->nw * sizeof *tmp);
    }
    *nw = e->nw;
    return e->ws;
}

/* A value macro's callouts (cc_rules.h): a pattern's {DATE}, {MONEY} …
 * starts only where the normalizer read a quantity (or its hedge) and ends
 * only where that quantity, read as the macro's kind, ends. 0 lets the
 * match go on, 1 makes it back off. */
static int value_callout(pcre2_callout_block *cb, void *data)
{
    scan_ctx *x = data;
    uint32_t n = cb->callout_number;
    if (!x || n < CC_VALUE_CALLOUT_START) return x ? 0 : 1; /* no document (the stress test): no value */
    size_t pos = cb->current_position, ss, se;
    int end = n >= CC_VALUE_CALLOUT_END;
    size_t from = end ? x->vstart : pos;
    sentence_at(x->m, x->d, from, &ss, &se);
    if (from < ss || from >= se) return 1;
    const qentry *e = sentence_cache(x, ss, se);
    for (size_t k = 0; k < e->nq; k++) {
        const cc_qty *q = &e->q[k];
        size_t qs = q->start + ss, hs = (q->hedge != CC_H_NONE ? q->hedge_start : q->start) + ss;
        if (from != qs && from != hs) continue;
        if (!end) { x->vstart = pos; return 0; }
        if (q->end + ss != pos) continue;
        cc_qty r;
        cc_normopt o = norm_opt(x->d, e->year, 0, 0);
        if (reread(cc_rules_lexicon(x->rs), x->d->text, from, pos - from, (cc_kind)(n - CC_VALUE_CALLOUT_END), &o, &r) == 0 &&
            r.end == pos)
            return 0;
    }
    return 1;
}

/* The quantities of the rule's kind in the sentence [ss, se), offsets in the
 * sentence. The sentence is read once per document for every kind (so that
 * a count is never a piece of a date: "24" in "February 24, 2022"); a rule
 * that wants a date re-reads a bare number as a year ("in 2014"), and one
 * that counts completed units re-reads its durations that way. */
static size_t sentence_quantities(scan_ctx *x, const cc_rule *r, size_t ss, size_t se, cc_qty *out)
{
    const cc_doc *d = x->d;
    const cc_lexicon *lx = cc_rules_lexicon(x->rs);
    const qentry *e = sentence_cache(x, ss, se);
    size_t n = 0;
    cc_normopt o = norm_opt(d, e->year, r->round_down, 0);
    for (size_t k = 0; k < e->nq; k++) {
        const cc_qty *q = &e->q[k];
        int count_like = q->kind == CC_K_COUNT || q->kind == CC_K_NUMBER;
        const char *ts = d->text + ss; /* offsets of the cached quantities are in the sentence */
        if (r->kind == CC_K_DATE && count_like) { /* "in 2014" */
            if (reread(lx, ts, q->start, q->end - q->start, CC_K_DATE, &o, &out[n]) == 0 && out[n].kind == CC_K_DATE) n++;
            continue;
        }
        if (r->kind == CC_K_DURATION && q->kind == CC_K_DATE && ends_with_ago(ts + q->start, q->end - q->start)) {
            /* "began nearly four years ago": a duration, for a rule that reads ages */
            if (reread(lx, ts, q->start, q->end - q->start - 3, CC_K_DURATION, &o, &out[n]) == 0 &&
                out[n].kind == CC_K_DURATION)
                n++;
            continue;
        }
        if (!(q->kind == r->kind || (count_like && (r->kind == CC_K_COUNT || r->kind == CC_K_NUMBER)))) continue;
        if (count_like && q->range) { /* a span of years: no figure to own a cue */
            cc_qty at = *q;
            qty_shift(&at, ss);
            if (year_range(x, &at)) continue;
        }
        out[n] = *q;
        if (r->round_down && q->kind == CC_K_DURATION)
            reread(lx, ts, q->start, q->end - q->start, CC_K_DURATION, &o, &out[n]); /* completed units */
        n++;
    }
    return n;
}

/* Every required cue (by name) occurs somewhere in the sentence: without
 * one, no quantity there can make a claim, and the sentence need not be read.
 * Returns the name of a cue missing, NULL when all are there. */
static const char *cues_present(scan_ctx *x, const cc_frame *fr, size_t ss, size_t se, cue_hits *hits)
{
    for (size_t k = 0; k < fr->ncues && k < 32; k++) {
        const cc_cue *cu = &fr->cues[k];
        if (!cu->required) continue;
        int seen = 0; /* an earlier cue of the same name was found: the name is satisfied */
        for (size_t j = 0; j < fr->ncues && j < 32 && !seen; j++)
            if (strcmp(fr->cues[j].name, cu->name) == 0) {
                if (j < k) { seen = 2; break; }
                /* the matches found here are the ones place_cues takes from: one search a cue */
                if (cue_matches(x, &fr->cues[j], ss, se, &hits[j])->n ||
                    (fr->cues[j].refer && run(fr->cues[j].refer, x->m, x->d->text, se, ss) >= 0))
                    seen = 1;
            }
        if (seen == 2) continue;
        if (!seen) return cu->name;
    }
    return NULL;
}

/* A frame rule over one sentence: every quantity of its kind the
 * normalizer finds there. */
/* Quantity b, in brackets right after a (both document offsets, one kind),
 * is a's conversion to another unit ("114,500 sq km (44,200 sq mi)"), not
 * a figure of its own. */
static int converted(const char *t, const cc_qty *a, const cc_qty *b)
{
    if (a->kind != b->kind || b->start <= a->end) return 0;
    size_t k = a->end;
    while (k < b->start && t[k] == ' ') k++;
    if (k >= b->start || t[k] != '(') return 0;
    for (k++; k < qty_from(b); k++)
        if (t[k] != ' ') return 0;
    return 1;
}

static void scan_frame(scan_ctx *x, const cc_rule *r, size_t ss, size_t se)
{
    const cc_doc *d = x->d;
    /* cheap refusals first: a date needs a digit or a date word, the topic
     * the rule requires of the sentence, each required cue (one search
     * each); then the quantities (read once per sentence for every frame rule) */
    if (r->kind == CC_K_DATE && !cc_norm_may_name_date(cc_rules_lexicon(x->rs), d->text + ss, se - ss)) {
        trace(x, r, CC_TR_NO_QUANTITY, ss, se, NULL);
        return;
    }
    if (r->topic_sent && !sentence_gate(r->topic_sent, x->m, d->text, ss, se)) {
        trace(x, r, CC_TR_TOPIC, ss, se, NULL);
        return;
    }
    cue_hits hits[32];
    for (size_t k = 0; k < r->frame->ncues && k < 32; k++) hits[k].done = 0;
    const char *missing = cues_present(x, r->frame, ss, se, hits);
    if (missing) { trace(x, r, CC_TR_NO_CUE, ss, se, missing); return; }
    cc_qty q[QC_MAX];
    size_t nq = sentence_quantities(x, r, ss, se, q);
    if (!nq) { trace(x, r, CC_TR_NO_QUANTITY, ss, se, NULL); return; }
    qentry *qe = sentence_cache(x, ss, se);
    size_t nw;
    const size_t *ws = sentence_word_starts(x, ss, se, &nw);
    int gated = -1;
    size_t kept = 0;
    for (size_t k = 0; k < nq; k++) {
        qty_shift(&q[k], ss);
        /* "killed or wounded in 2024", "killed since 2022": a time, no count, and no figure to
         * take a cue from the count beside it */
        if (bare_year(x, ws, nw, &q[k])) continue;
        if (kept && converted(d->text, &q[kept - 1], &q[k])) continue;
        cached_tense(x, qe, ss, &q[k]);
        q[kept++] = q[k];
    }
    nq = kept;
    if (!nq) { trace(x, r, CC_TR_NO_QUANTITY, ss, se, NULL); return; }
    for (size_t k = 0; k < nq; k++) frame_quantity(x, r, ss, se, ws, nw, &q[k], q, nq, &gated, hits);
}

/* The sentences of a span (a span may hold several when triggers merged). */
static void scan_frame_span(scan_ctx *x, const cc_rule *r, size_t from, size_t end)
{
    while (from < end) {
        size_t ss, se;
        sentence_at(x->m, x->d, from, &ss, &se);
        if (se <= from) se = from + 1;
        if (se > end) se = end;
        if (ss < from) ss = from;
        scan_frame(x, r, ss, se);
        from = se;
        while (from < end && (x->d->text[from] == ' ' || x->d->text[from] == '\n' || x->d->text[from] == '\r' ||
                              x->d->text[from] == '\t'))
            from++;
    }
}

/* 1 when rule r defers to rule number ri (which must then read too, for r's claims to be r's alone). */
static int defers_to(const cc_rule *r, size_t ri)
{
    for (size_t k = 0; k < r->ndefer; k++)
        if (r->defer[k] == ri) return 1;
    return 0;
}

void cc_scan_doc(const cc_ruleset *rs, cc_matcher *m, const cc_doc *d, size_t doc_index, const cc_rule *only,
                 size_t max_claims, cc_claims *out, cc_diags *diags)
{
    size_t nr = cc_rules_count(rs);
    spans *sp = doc_spans(rs, m, d);
    size_t first_new = out->n;
    m->strs.len = 0;
    m->nsoff = 0;
    const cc_lexicon *lx = cc_rules_lexicon(rs);
    scan_ctx x = {rs, m, d, doc_index, max_claims, 0, 0, first_new, out, diags, NULL, 0, 0, NAN, {NULL}, {NULL}, 0};
    for (int k = 0; k < L__N; k++) x.lists[k] = cc_lexicon_list(lx, list_names[k]);
    refute_words(&x);
    pcre2_set_callout(m->mc, value_callout, &x); /* patterns' value macros ask the normalizer */
    vx_reset(m);
    m->gc_gen++; /* gates asked of another document's sentences are stale */
    signed char *topic = cc_xmalloc(nr ? nr : 1); /* document topic answers: -1 not asked yet */
    memset(topic, -1, nr ? nr : 1);
    for (size_t ri = 0; ri < nr; ri++) {
        const cc_rule *r = cc_rules_get(rs, ri);
        if (only ? r != only && !defers_to(only, ri) : r->off) continue; /* an example of a rule switched off is still tested */
        if (!sp[ri].n) { trace(&x, r, CC_TR_NO_TRIGGER, 0, 0, NULL); continue; }
        if (r->topic_doc) {
            signed char *g = &topic[r->topic_doc_same];
            if (*g < 0)
                *g = (signed char)(gate(r->topic_doc, m, d->text, d->len) ||
                                   (r->topic_doc_else && !gate(r->topic_doc_else, m, d->text, d->len)));
            if (!*g) { trace(&x, r, CC_TR_TOPIC_DOC, 0, 0, NULL); continue; }
        }
        for (size_t pi = 0; pi < r->npats; pi++)
            for (size_t si = 0; si < sp[ri].n; si++) scan_pattern(&x, r, &r->pats[pi], sp[ri].v[si].s, sp[ri].v[si].e);
        if (r->frame)
            for (size_t si = 0; si < sp[ri].n; si++) scan_frame_span(&x, r, sp[ri].v[si].s, sp[ri].v[si].e);
    }
    free(topic);
    pcre2_set_callout(m->mc, value_callout, NULL);
    pack_strings(m, out, first_new);
    if (x.dropped)
        cc_diag_add(diags, CC_D_WARNING, d->path, 0, 0, NULL,
                    "over the limit of %zu claims per document: %zu further claims were not read", max_claims,
                    x.dropped);
}

static int close_to(double a, double b, int date)
{
    if (isinf(a) || isinf(b)) return a == b;
    if (date) return fabs(a - b) <= 1.0;
    return fabs(a - b) <= 1e-3 * fmax(1.0, fabs(b));
}

/* Inputs that make a careless pattern backtrack without end: long runs of
 * what claim patterns look for (digits, number words, hedges, separators),
 * about 8 KB each, with no match at the end. */
static const struct {
    const char *unit;
    const char *name;
} patho[] = {
    {"1", "a run of digits"},
    {"1,", "digits and commas"},
    {"1 000 ", "space-grouped numbers"},
    {"one ", "number words"},
    {"nearly more than about ", "stacked hedges"},
    {"thirty-four-", "hyphenated number words"},
    {"Russia Ukraine war ", "trigger words"},
    {"per cent of the ", "percent phrases"},
    {"a", "one letter"},
    {" ", "spaces"},
    {"(", "open parentheses"},
    {"$", "currency signs"},
};

/* Runs every pattern over every pathological input, as the scanner would
 * (match after match); a pattern that hits the match or depth limit is an
 * error at its file:line. Returns how many did. */
static size_t pathological(const cc_ruleset *rs, cc_matcher *m, cc_diags *diags)
{
    size_t bad = 0;
    const size_t target = 8192; /* an exponential pattern explodes well before this; a quadratic one stays cheap */
    for (size_t k = 0; k < sizeof patho / sizeof *patho; k++) {
        size_t ul = strlen(patho[k].unit), n = 0;
        char *s = cc_xmalloc(target + ul + 8);
        while (n + ul <= target) { memcpy(s + n, patho[k].unit, ul); n += ul; }
        memcpy(s + n, " zq.", 4); /* nothing a claim ends with */
        n += 4;
        s[n] = 0;
        for (size_t ri = 0; ri < cc_rules_count(rs); ri++) {
            const cc_rule *r = cc_rules_get(rs, ri);
            for (size_t pi = 0; pi < r->npats; pi++) {
                size_t from = 0;
                int rc = 0;
                for (int guard = 0; guard < 100000 && from <= n; guard++) {
                    rc = run(r->pats[pi].re, m, s, n, from);
                    if (rc < 0) break;
                    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
                    from = ov[1] > from ? ov[1] : from + 1;
                }
                if (rc < 0 && rc != PCRE2_ERROR_NOMATCH) {
                    PCRE2_UCHAR msg[200];
                    pcre2_get_error_message(rc, msg, sizeof msg);
                    cc_diag_add(diags, CC_D_ERROR, r->file, r->pats[pi].line, r->pats[pi].col, NULL,
                                "[%s] pattern %zu fails on a pathological input (%s, %zu bytes) at byte offset %zu: %s; "
                                "make it fail fast (atomic groups, possessive or bounded repeats)",
                                r->id, pi + 1, patho[k].name, n, from, (char *)msg);
                    bad++;
                }
            }
        }
        free(s);
    }
    return bad;
}

/* The furthest step rule r reached on a document (trace_furthest). */
typedef struct {
    const cc_doc *d;
    const cc_rule *r;
    cc_buf words;
    int rank;
} furthest;

static void trace_furthest(void *arg, const cc_rule *r, cc_trace_step step, size_t s, size_t e, const char *detail)
{
    furthest *f = arg;
    if (r != f->r || cc_word_step_rank(step) <= f->rank) return;
    f->rank = cc_word_step_rank(step);
    f->words.len = 0;
    cc_word_step(&f->words, r, step, f->d->text, s, e, detail);
}

/* Why rule r's example x fails on the document d made of it (into why,
 * empty when it passes). */
static void example_verdict(const cc_ruleset *rs, cc_matcher *m, const cc_rule *r, const cc_example *x, cc_doc *d,
                            cc_diags *scratch, char *why, size_t whylen)
{
    cc_claims cl;
    cc_claims_init(&cl);
    furthest f = {d, r, {0}, -1};
    cc_buf_init(&f.words);
    if (x->positive) cc_matcher_trace(m, trace_furthest, &f);
    cc_scan_doc(rs, m, d, 0, r, 0, &cl, scratch);
    cc_matcher_trace(m, NULL, NULL);
    size_t kept = 0; /* the rule's own claims (the rules it defers to read too) */
    for (size_t i = 0; i < cl.n; i++)
        if (cl.items[i].rule == r) cl.items[kept++] = cl.items[i];
    cl.n = kept;
    if (x->positive && cl.n == 0)
        snprintf(why, whylen, "expected a claim, found none: %s", f.words.s ? f.words.s : "the rule read nothing");
    else if (!x->positive && cl.n > 0) {
        const cc_claim *c = &cl.items[0];
        snprintf(why, whylen, "expected no claim, but read '%.*s' as %s", (int)c->quote_len, c->quote, c->subject);
    } else if (x->positive) {
        const cc_claim *c = &cl.items[0]; /* the first on the subject named, when one is: a sentence may list several */
        for (size_t i = 0; x->subject && i < cl.n; i++)
            if (strcmp(cl.items[i].subject, x->subject) == 0) { c = &cl.items[i]; break; }
        int date = c->val.kind == CC_K_DATE;
        cc_buf b;
        cc_buf_init(&b);
        cc_figure_range(&b, &c->val);
        cc_buf want;
        cc_buf_init(&want);
        if (x->has_low || x->has_high) { /* what the example expects, as a range written the same way */
            cc_qty e = c->val;
            e.low = x->has_low ? (x->low_open ? -INFINITY : x->low) : c->val.low;
            e.high = x->has_high ? (x->high_open ? INFINITY : x->high) : c->val.high;
            cc_figure_range(&want, &e);
        }
        if (x->has_low && !(x->low_open ? isinf(c->val.low) : close_to(c->val.low, x->low, date)))
            snprintf(why, whylen, "low bound: expected %s, got %s (read from '%.*s')", want.s, b.s, (int)c->quote_len,
                     c->quote);
        else if (x->has_high && !(x->high_open ? isinf(c->val.high) : close_to(c->val.high, x->high, date)))
            snprintf(why, whylen, "high bound: expected %s, got %s (read from '%.*s')", want.s, b.s, (int)c->quote_len,
                     c->quote);
        else if (x->subject && strcmp(x->subject, c->subject))
            snprintf(why, whylen, "subject: got %s, expected %s", c->subject, x->subject);
        cc_buf_free(&want);
        cc_buf_free(&b);
    }
    cc_claims_free(&cl);
    cc_buf_free(&f.words);
}

size_t cc_scan_selftest(const cc_ruleset *rs, cc_diags *diags, size_t *total, size_t *stress)
{
    cc_matcher *m = cc_matcher_new(rs);
    size_t fails = 0;
    *total = 0;
    for (size_t ri = 0; ri < cc_rules_count(rs); ri++) {
        const cc_rule *r = cc_rules_get(rs, ri);
        for (size_t ei = 0; ei < r->nex; ei++) {
            const cc_example *x = &r->ex[ei];
            (*total)++;
            cc_doc d;
            cc_diags scratch;
            cc_diags_init(&scratch);
            char name[256];
            snprintf(name, sizeof name, "%s example %zu", r->id, ei + 1);
            cc_doc_from_mem(&d, name, x->text, strlen(x->text), &scratch);
            d.has_date = x->has_date;
            d.date = x->date;
            char why[1024] = "";
            example_verdict(rs, m, r, x, &d, &scratch, why, sizeof why);
            if (why[0]) {
                fails++;
                cc_diag_add(diags, CC_D_ERROR, r->file, x->line, x->col, NULL, "[%s] example %s \"%s\": %s", r->id,
                            x->positive ? "(should match)" : "(should not match)", x->text, why);
            }
            cc_doc_free(&d);
            cc_diags_free(&scratch);
        }
    }
    if (stress) *stress = pathological(rs, m, diags);
    cc_matcher_free(m);
    return fails;
}

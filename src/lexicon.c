#include "cc_lexicon.h"
#include "cc_token.h"
#include "cc_util.h"
#include "cc_yaml.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uthash.h>

typedef struct {
    char *key;
    cc_lxent *ents;
    size_t n;
    UT_hash_handle hh;
} phrase;

typedef struct {
    char *name;
    char *text;
    UT_hash_handle hh;
} macro;

typedef struct {
    char *name;
    double v;
    UT_hash_handle hh;
} param;

/* A named list of words the engine's own steps look for (word_lists:). */
typedef struct {
    char *name;
    char **words; /* NULL-terminated, folded to lower case */
    UT_hash_handle hh;
} wlist;

struct cc_lexicon {
    phrase *phrases;
    phrase *firsts;  /* the first word of every phrase: where a look-up can start */
    phrase *prefixes; /* the first 1..n-1 words of every phrase of n words: where a look-up goes on */
    uint64_t fsig[1024]; /* a bit per hash of every first word: most words of a text hit none */
    /* the first three letters of every month name, and of every month,
     * weekday and relative-day word: where a date may be written */
    uint64_t month3[(26 * 26 * 26 + 63) / 64], weekday3[(26 * 26 * 26 + 63) / 64], date3[(26 * 26 * 26 + 63) / 64];
    macro *macros;
    param *params;
    wlist *lists;
    int max_tokens;
    int dmy;
    char **strings; /* interned names */
    size_t nstrings;
};

static const char *kind_names[CC_K__N] = {"any", "number", "count", "percent", "area", "length",
                                          "mass", "volume", "money", "duration", "date"};
static const char *kind_units[CC_K__N] = {"", "count", "count", "percent", "km2", "km", "kg", "l", "money", "day", "date"};
static const char *hedge_names[CC_H__N] = {"none",  "approx", "nearly", "over",     "at_least",
                                           "up_to", "under",  "barely", "exact",    "just_over"};

const char *cc_kind_name(cc_kind k) { return k < CC_K__N ? kind_names[k] : "?"; }
const char *cc_kind_unit(cc_kind k) { return k < CC_K__N ? kind_units[k] : "?"; }
const char *cc_hedge_name(cc_hedge h) { return h < CC_H__N ? hedge_names[h] : "?"; }

cc_kind cc_kind_parse(const char *name)
{
    for (int k = 0; k < CC_K__N; k++)
        if (strcmp(kind_names[k], name) == 0) return (cc_kind)k;
    return CC_K__N;
}

static const char *intern(cc_lexicon *lx, const char *s)
{
    for (size_t i = 0; i < lx->nstrings; i++)
        if (strcmp(lx->strings[i], s) == 0) return lx->strings[i];
    lx->strings = cc_xrealloc(lx->strings, (lx->nstrings + 1) * sizeof *lx->strings);
    return lx->strings[lx->nstrings++] = cc_xstrdup(s);
}

/* A word's bit in fsig (FNV-1a, 16 bits). */
static size_t first_sig(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)w[i]) * 16777619u;
    return (h ^ (h >> 16)) & 0xFFFF;
}

/* The bit of a word's first three ASCII letters, or -1. */
static long three_letters(const char *s, size_t n)
{
    if (n < 3) return -1;
    long v = 0;
    for (int i = 0; i < 3; i++) {
        int c = s[i] | 32;
        if (c < 'a' || c > 'z') return -1;
        v = v * 26 + (c - 'a');
    }
    return v;
}

static void add_phrase(cc_lexicon *lx, const char *text, cc_lxent e)
{
    long t3 = three_letters(text, strlen(text));
    if (t3 >= 0 && (e.type == CC_LX_MONTH || e.type == CC_LX_WEEKDAY || e.type == CC_LX_RELDAY)) {
        lx->date3[t3 / 64] |= 1ULL << (t3 % 64);
        if (e.type == CC_LX_MONTH) lx->month3[t3 / 64] |= 1ULL << (t3 % 64);
        if (e.type == CC_LX_WEEKDAY) lx->weekday3[t3 / 64] |= 1ULL << (t3 % 64);
    }
    cc_tok *toks;
    size_t nt = cc_tokenize(text, strlen(text), &toks);
    char key[256];
    size_t kl = nt ? cc_tok_key(text, toks, 0, nt, key, sizeof key) : 0;
    char first[256];
    size_t fl = nt ? cc_tok_key(text, toks, 0, 1, first, sizeof first) : 0;
    for (size_t j = 1; j < nt; j++) {
        char pre[256];
        size_t pl = cc_tok_key(text, toks, 0, j, pre, sizeof pre);
        phrase *q;
        HASH_FIND(hh, lx->prefixes, pre, pl, q);
        if (pl && !q) {
            q = cc_xcalloc(1, sizeof *q);
            q->key = cc_xstrndup(pre, pl);
            HASH_ADD_KEYPTR(hh, lx->prefixes, q->key, pl, q);
        }
    }
    free(toks);
    if (!kl) return;
    phrase *f;
    HASH_FIND(hh, lx->firsts, first, fl, f);
    if (fl && !f) {
        size_t sg = first_sig(first, fl);
        lx->fsig[sg / 64] |= 1ULL << (sg % 64);
        f = cc_xcalloc(1, sizeof *f);
        f->key = cc_xstrndup(first, fl);
        HASH_ADD_KEYPTR(hh, lx->firsts, f->key, fl, f);
    }
    if ((int)nt > lx->max_tokens) lx->max_tokens = (int)nt;
    phrase *p;
    HASH_FIND_STR(lx->phrases, key, p);
    if (!p) {
        p = cc_xcalloc(1, sizeof *p);
        p->key = cc_xstrdup(key);
        HASH_ADD_KEYPTR(hh, lx->phrases, p->key, strlen(p->key), p);
    }
    for (size_t i = 0; i < p->n; i++)
        if (p->ents[i].type == e.type && p->ents[i].v == e.v && p->ents[i].name == e.name) return;
    p->ents = cc_xrealloc(p->ents, (p->n + 1) * sizeof *p->ents);
    p->ents[p->n++] = e;
}

static void set_macro(cc_lexicon *lx, const char *name, const char *text)
{
    macro *m;
    HASH_FIND_STR(lx->macros, name, m);
    if (m) { free(m->text); m->text = cc_xstrdup(text); return; }
    m = cc_xcalloc(1, sizeof *m);
    m->name = cc_xstrdup(name);
    m->text = cc_xstrdup(text);
    HASH_ADD_KEYPTR(hh, lx->macros, m->name, strlen(m->name), m);
}

void cc_lexicon_free(cc_lexicon *lx)
{
    if (!lx) return;
    phrase *p, *tp;
    HASH_ITER(hh, lx->phrases, p, tp) { HASH_DEL(lx->phrases, p); free(p->key); free(p->ents); free(p); }
    HASH_ITER(hh, lx->firsts, p, tp) { HASH_DEL(lx->firsts, p); free(p->key); free(p); }
    HASH_ITER(hh, lx->prefixes, p, tp) { HASH_DEL(lx->prefixes, p); free(p->key); free(p); }
    macro *m, *tm;
    HASH_ITER(hh, lx->macros, m, tm) { HASH_DEL(lx->macros, m); free(m->name); free(m->text); free(m); }
    param *q, *tq;
    HASH_ITER(hh, lx->params, q, tq) { HASH_DEL(lx->params, q); free(q->name); free(q); }
    wlist *w, *tw;
    HASH_ITER(hh, lx->lists, w, tw) {
        HASH_DEL(lx->lists, w);
        for (char **x = w->words; *x; x++) free(*x);
        free(w->words);
        free(w->name);
        free(w);
    }
    for (size_t i = 0; i < lx->nstrings; i++) free(lx->strings[i]);
    free(lx->strings);
    free(lx);
}

size_t cc_lexicon_lookup_n(const cc_lexicon *lx, const char *key, size_t len, const cc_lxent **out)
{
    phrase *p;
    HASH_FIND(hh, lx->phrases, key, len, p);
    if (!p) return 0;
    *out = p->ents;
    return p->n;
}

int cc_lexicon_starts(const cc_lexicon *lx, const char *key, size_t len)
{
    if (!len) return 0;
    size_t sg = first_sig(key, len);
    if (!(lx->fsig[sg / 64] >> (sg % 64) & 1)) return 0;
    phrase *p;
    HASH_FIND(hh, lx->firsts, key, len, p);
    return p != NULL;
}

int cc_lexicon_date_word(const cc_lexicon *lx, const char *s, size_t n, int type)
{
    long t3 = three_letters(s, n);
    const uint64_t *bits = type == CC_LX_MONTH ? lx->month3 : type == CC_LX_WEEKDAY ? lx->weekday3 : lx->date3;
    return t3 >= 0 && (bits[t3 / 64] >> (t3 % 64) & 1);
}

int cc_lexicon_word_is(const cc_lexicon *lx, const char *s, size_t n, int type)
{
    size_t e = 0;
    while (e < n && ((s[e] | 32) >= 'a' && (s[e] | 32) <= 'z')) e++;
    return cc_lexicon_date_word(lx, s, e, type) && cc_lexicon_word_of(lx, s, e, type);
}

int cc_lexicon_word_of(const cc_lexicon *lx, const char *s, size_t n, int type)
{
    size_t e = 0;
    while (e < n && ((s[e] | 32) >= 'a' && (s[e] | 32) <= 'z')) e++;
    if (!e || e >= 32) return 0;
    char key[32];
    for (size_t i = 0; i < e; i++) key[i] = (char)(s[i] | 32);
    const cc_lxent *ents;
    size_t ne = cc_lexicon_lookup_n(lx, key, e, &ents);
    for (size_t i = 0; i < ne; i++)
        if ((int)ents[i].type == type) return 1;
    return 0;
}

int cc_lexicon_continues(const cc_lexicon *lx, const char *key, size_t len)
{
    phrase *p;
    HASH_FIND(hh, lx->prefixes, key, len, p);
    return p != NULL;
}

size_t cc_lexicon_lookup(const cc_lexicon *lx, const char *key, const cc_lxent **out)
{
    return cc_lexicon_lookup_n(lx, key, strlen(key), out);
}

int cc_lexicon_max_tokens(const cc_lexicon *lx) { return lx->max_tokens; }
int cc_lexicon_dmy(const cc_lexicon *lx) { return lx->dmy; }

double cc_lexicon_param(const cc_lexicon *lx, const char *name, double dflt)
{
    param *q;
    HASH_FIND_STR(lx->params, name, q);
    return q ? q->v : dflt;
}

const char *const *cc_lexicon_list(const cc_lexicon *lx, const char *name)
{
    static const char *const none[] = {NULL};
    wlist *w;
    HASH_FIND_STR(lx->lists, name, w);
    return w ? (const char *const *)w->words : none;
}

const char *cc_lexicon_macro(const cc_lexicon *lx, const char *name)
{
    macro *m;
    HASH_FIND_STR(lx->macros, name, m);
    return m ? m->text : NULL;
}

/* ---- loading ---- */

typedef struct {
    const char *path;
    char *err;
    size_t errlen;
    int failed;
} ctx;

static int fail(ctx *c, const cc_ynode *n, const char *fmt, const char *arg)
{
    if (c->failed) return -1;
    char msg[256];
    snprintf(msg, sizeof msg, fmt, arg ? arg : "");
    snprintf(c->err, c->errlen, "%s:%d:%d: %s", c->path, n ? n->line : 1, n ? n->col : 1, msg);
    c->failed = 1;
    return -1;
}

/* word_lists: {name: [words]}, each folded to lower case. */
static int load_word_lists(ctx *c, cc_lexicon *lx, const cc_ynode *m)
{
    if (m->kind != CC_Y_MAP) return fail(c, m, "word_lists: expected a mapping of list names to lists of words", NULL);
    for (size_t i = 0; i + 1 < m->n; i += 2) {
        const cc_ynode *k = m->items[i], *v = m->items[i + 1];
        if (v->kind != CC_Y_SEQ) return fail(c, v, "word_lists: %s: expected a list of words", k->str);
        wlist *w;
        HASH_FIND_STR(lx->lists, k->str, w);
        if (w) return fail(c, k, "word_lists: %s is listed twice", k->str);
        w = cc_xcalloc(1, sizeof *w);
        w->name = cc_xstrdup(k->str);
        w->words = cc_xcalloc(v->n + 1, sizeof *w->words);
        for (size_t j = 0; j < v->n; j++) {
            if (v->items[j]->kind != CC_Y_SCALAR) { free(w->words); free(w->name); free(w); return fail(c, v->items[j], "word_lists: %s: a word is a string", k->str); }
            char *x = cc_xstrdup(v->items[j]->str);
            for (char *q = x; *q; q++) *q = (char)tolower((unsigned char)*q);
            w->words[j] = x;
        }
        HASH_ADD_KEYPTR(hh, lx->lists, w->name, strlen(w->name), w);
    }
    return 0;
}

static int num_of(ctx *c, const cc_ynode *n, double *out)
{
    if (!n || n->kind != CC_Y_SCALAR) return fail(c, n, "expected a number", NULL);
    char *end;
    double v = strtod(n->str, &end);
    if (end == n->str || *end || !isfinite(v)) return fail(c, n, "expected a number, found '%s'", n->str);
    *out = v;
    return 0;
}

/* words: a scalar or a sequence of scalars; calls add for each. */
static int each_word(ctx *c, cc_lexicon *lx, const cc_ynode *n, cc_lxent e)
{
    if (n->kind == CC_Y_SCALAR) { add_phrase(lx, n->str, e); return 0; }
    if (n->kind != CC_Y_SEQ) return fail(c, n, "expected a word or a list of words", NULL);
    for (size_t i = 0; i < n->n; i++) {
        if (n->items[i]->kind != CC_Y_SCALAR) return fail(c, n->items[i], "expected a word", NULL);
        add_phrase(lx, n->items[i]->str, e);
    }
    return 0;
}

/* A mapping of hedge families to their phrases (hedges: before the figure,
 * hedges_after: after it), each phrase an entry of type t. */
static int load_hedges(ctx *c, cc_lexicon *lx, const cc_ynode *hedges, cc_lxtype t)
{
    if (!hedges) return 0;
    if (hedges->kind != CC_Y_MAP) { fail(c, hedges, "expected a mapping of hedge families", NULL); return -1; }
    for (size_t i = 0; i + 1 < hedges->n; i += 2) {
        const cc_ynode *k = hedges->items[i];
        int h = -1;
        for (int q = 1; q < CC_H__N; q++)
            if (strcmp(hedge_names[q], k->str) == 0) h = q;
        if (h < 0) {
            fail(c, k,
                 "unknown hedge family '%s' (expected approx, nearly, over, at_least, up_to, under, barely, exact, "
                 "just_over)",
                 k->str);
            return -1;
        }
        cc_lxent e = {0};
        e.type = t;
        e.hedge = (cc_hedge)h;
        if (each_word(c, lx, hedges->items[i + 1], e)) return -1;
    }
    return 0;
}

/* A map of "word: number" (or "word: [low, high]" for vague). */
static int load_valued_iv(ctx *c, cc_lexicon *lx, const cc_ynode *m, cc_lxtype t, int iv);

static int load_valued(ctx *c, cc_lexicon *lx, const cc_ynode *m, cc_lxtype t)
{
    return load_valued_iv(c, lx, m, t, -1);
}

/* iv >= 0 overrides the entries' integer field (a flag such as "weak"). */
static int load_valued_iv(ctx *c, cc_lexicon *lx, const cc_ynode *m, cc_lxtype t, int iv)
{
    if (!m) return 0;
    if (m->kind != CC_Y_MAP) return fail(c, m, "expected a mapping", NULL);
    for (size_t i = 0; i + 1 < m->n; i += 2) {
        cc_lxent e = {0};
        e.type = t;
        const cc_ynode *v = m->items[i + 1];
        if (t == CC_LX_VAGUE) {
            if (v->kind != CC_Y_SEQ || (v->n != 2 && v->n != 3)) return fail(c, v, "expected [low, high] or [low, high, best]", NULL);
            if (num_of(c, v->items[0], &e.v) || num_of(c, v->items[1], &e.v2)) return -1;
            e.v3 = e.v;
            if (v->n == 3 && num_of(c, v->items[2], &e.v3)) return -1;
        } else if (num_of(c, v, &e.v)) {
            return -1;
        }
        e.iv = iv >= 0 ? iv : (e.v >= INT_MIN && e.v <= INT_MAX ? (int)e.v : 0); /* "trillion" is no int */
        add_phrase(lx, m->items[i]->str, e);
    }
    return 0;
}

/* A map of "value: [words]" for months, weekdays. */
static int load_listed(ctx *c, cc_lexicon *lx, const cc_ynode *m, cc_lxtype t, int lo, int hi)
{
    if (!m) return 0;
    if (m->kind != CC_Y_MAP) return fail(c, m, "expected a mapping", NULL);
    for (size_t i = 0; i + 1 < m->n; i += 2) {
        double v;
        if (num_of(c, m->items[i], &v)) return -1;
        if (v < lo || v > hi) return fail(c, m->items[i], "value out of range: %s", m->items[i]->str);
        cc_lxent e = {0};
        e.type = t;
        e.v = v;
        e.iv = (int)v;
        if (each_word(c, lx, m->items[i + 1], e)) return -1;
    }
    return 0;
}

/* Regex alternation of every phrase whose entries include one of type t
 * (and, for units, kind k). Phrases are escaped; a space matches any run
 * of white space. Longest first, so the regex prefers "square miles" to
 * "square". */
static void gen_macro(cc_lexicon *lx, const char *name, cc_lxtype t, cc_kind k, int hedge)
{
    char **keys = NULL;
    size_t n = 0;
    phrase *p, *tp;
    HASH_ITER(hh, lx->phrases, p, tp)
    {
        for (size_t i = 0; i < p->n; i++) {
            if (p->ents[i].type != t) continue;
            if (t == CC_LX_UNIT && k != CC_K_ANY && p->ents[i].kind != k) continue;
            if (t == CC_LX_HEDGE && hedge >= 0 && (int)p->ents[i].hedge != hedge) continue;
            keys = cc_xrealloc(keys, (n + 1) * sizeof *keys);
            keys[n++] = p->key;
            break;
        }
    }
    cc_buf b;
    cc_buf_init(&b);
    cc_buf_regex_alternation(&b, keys, n);
    set_macro(lx, name, b.s);
    cc_buf_free(&b);
    free(keys);
}

cc_lexicon *cc_lexicon_load(const char *path, char *err, size_t errlen)
{
    char yerr[512];
    cc_ynode *root = cc_yaml_load_file(path, yerr, sizeof yerr);
    if (!root) {
        snprintf(err, errlen, "%s:%s", path, yerr);
        return NULL;
    }
    ctx c = {path, err, errlen, 0};
    cc_lexicon *lx = cc_xcalloc(1, sizeof *lx);
    if (root->kind != CC_Y_MAP) { fail(&c, root, "expected a mapping at the top of the lexicon", NULL); goto out; }

    const cc_ynode *params = cc_yaml_get(root, "params");
    if (params && params->kind == CC_Y_MAP) {
        for (size_t i = 0; i + 1 < params->n; i += 2) {
            const cc_ynode *k = params->items[i], *v = params->items[i + 1];
            if (strcmp(k->str, "date_order") == 0) {
                if (v->kind != CC_Y_SCALAR || (strcmp(v->str, "mdy") && strcmp(v->str, "dmy"))) {
                    fail(&c, v, "date_order must be mdy or dmy", NULL);
                    goto out;
                }
                lx->dmy = strcmp(v->str, "dmy") == 0;
                continue;
            }
            double d;
            if (num_of(&c, v, &d)) goto out;
            param *q = cc_xcalloc(1, sizeof *q);
            q->name = cc_xstrdup(k->str);
            q->v = d;
            HASH_ADD_KEYPTR(hh, lx->params, q->name, strlen(q->name), q);
        }
    }
    if (load_valued(&c, lx, cc_yaml_get(root, "numbers"), CC_LX_NUMBER) ||
        load_valued(&c, lx, cc_yaml_get(root, "ordinals"), CC_LX_ORDINAL) ||
        load_valued(&c, lx, cc_yaml_get(root, "scales"), CC_LX_SCALE) ||
        load_valued_iv(&c, lx, cc_yaml_get(root, "suffixes"), CC_LX_SUFFIX, 0) ||
        load_valued_iv(&c, lx, cc_yaml_get(root, "weak_suffixes"), CC_LX_SUFFIX, 1) ||
        load_valued(&c, lx, cc_yaml_get(root, "denominators"), CC_LX_DENOM) ||
        load_valued(&c, lx, cc_yaml_get(root, "vulgar_fractions"), CC_LX_VULGAR) ||
        load_valued(&c, lx, cc_yaml_get(root, "vague"), CC_LX_VAGUE) ||
        load_valued(&c, lx, cc_yaml_get(root, "relative_days"), CC_LX_RELDAY) ||
        load_listed(&c, lx, cc_yaml_get(root, "months"), CC_LX_MONTH, 1, 12) ||
        load_listed(&c, lx, cc_yaml_get(root, "weekdays"), CC_LX_WEEKDAY, 0, 6))
        goto out;

    /* word classes: every word of the list becomes an entry of the type */
    static const struct {
        const char *key;
        cc_lxtype type;
        double v;
        int iv;
    } classes[] = {
        {"unit_one", CC_LX_ONE, 1, 0},
        {"labels", CC_LX_LABEL, 0, 0},
        {"period_words", CC_LX_PERIOD, 0, 0},
        {"clause_date_words", CC_LX_CLAUSE_DATE, 0, 0},
        {"whole_words", CC_LX_WHOLE, 1, 0},
        {"whole_of_words", CC_LX_WHOLE, 1, 1}, /* iv 1: a name must follow ("all of Luhansk") */
    };
    for (size_t k = 0; k < sizeof classes / sizeof *classes; k++) {
        const cc_ynode *words = cc_yaml_get(root, classes[k].key);
        if (!words) continue;
        cc_lxent e = {0};
        e.type = classes[k].type;
        e.v = classes[k].v;
        e.iv = classes[k].iv;
        if (each_word(&c, lx, words, e)) goto out;
    }

    const cc_ynode *lists = cc_yaml_get(root, "word_lists");
    if (lists && load_word_lists(&c, lx, lists)) goto out;

    if (load_hedges(&c, lx, cc_yaml_get(root, "hedges"), CC_LX_HEDGE) ||
        load_hedges(&c, lx, cc_yaml_get(root, "hedges_after"), CC_LX_HEDGE_AFTER))
        goto out;

    const cc_ynode *units = cc_yaml_get(root, "units");
    if (units) {
        if (units->kind != CC_Y_MAP) { fail(&c, units, "expected a mapping of kinds", NULL); goto out; }
        for (size_t i = 0; i + 1 < units->n; i += 2) {
            cc_kind k = cc_kind_parse(units->items[i]->str);
            if (k == CC_K__N || k == CC_K_ANY || k == CC_K_MONEY || k == CC_K_DATE) {
                fail(&c, units->items[i], "unknown unit kind '%s'", units->items[i]->str);
                goto out;
            }
            const cc_ynode *um = units->items[i + 1];
            if (um->kind != CC_Y_MAP) { fail(&c, um, "expected a mapping of units", NULL); goto out; }
            for (size_t j = 0; j + 1 < um->n; j += 2) {
                const cc_ynode *u = um->items[j + 1];
                cc_lxent e = {0};
                e.type = CC_LX_UNIT;
                e.kind = k;
                e.name = intern(lx, um->items[j]->str);
                const cc_ynode *f = cc_yaml_get(u, "factor"), *w = cc_yaml_get(u, "words");
                if (!f || !w) { fail(&c, u, "a unit needs factor and words", NULL); goto out; }
                if (num_of(&c, f, &e.v) || each_word(&c, lx, w, e)) goto out;
            }
        }
    }

    const cc_ynode *cur = cc_yaml_get(root, "currencies");
    if (cur) {
        if (cur->kind != CC_Y_MAP) { fail(&c, cur, "expected a mapping of ISO codes", NULL); goto out; }
        for (size_t i = 0; i + 1 < cur->n; i += 2) {
            const cc_ynode *k = cur->items[i], *v = cur->items[i + 1];
            if (strlen(k->str) != 3) { fail(&c, k, "currency '%s' is not a three-letter ISO code", k->str); goto out; }
            cc_lxent e = {0};
            e.kind = CC_K_MONEY;
            e.name = intern(lx, k->str);
            const cc_ynode *bef = cc_yaml_get(v, "before"), *aft = cc_yaml_get(v, "after"),
                           *minor = cc_yaml_get(v, "minor");
            e.type = CC_LX_CURSYM;
            if (bef && each_word(&c, lx, bef, e)) goto out;
            e.type = CC_LX_CURWORD;
            if (aft && each_word(&c, lx, aft, e)) goto out;
            e.type = CC_LX_CURMINOR;
            e.v = 0.01;
            if (minor && each_word(&c, lx, minor, e)) goto out;
        }
    }

    const cc_ynode *macros = cc_yaml_get(root, "macros");
    gen_macro(lx, "HEDGE_WORD", CC_LX_HEDGE, CC_K_ANY, -1);
    for (int h = 1; h < CC_H__N; h++) {
        char nm[64];
        snprintf(nm, sizeof nm, "HEDGE_%s", hedge_names[h]);
        for (char *p = nm; *p; p++) if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 32);
        gen_macro(lx, nm, CC_LX_HEDGE, CC_K_ANY, h);
    }
    gen_macro(lx, "NUMBER_WORD", CC_LX_NUMBER, CC_K_ANY, -1);
    gen_macro(lx, "ORDINAL_WORD", CC_LX_ORDINAL, CC_K_ANY, -1);
    gen_macro(lx, "SCALE_WORD", CC_LX_SCALE, CC_K_ANY, -1);
    gen_macro(lx, "SUFFIX_WORD", CC_LX_SUFFIX, CC_K_ANY, -1);
    gen_macro(lx, "FRACTION_WORD", CC_LX_DENOM, CC_K_ANY, -1);
    gen_macro(lx, "VAGUE_WORD", CC_LX_VAGUE, CC_K_ANY, -1);
    gen_macro(lx, "MONTH_NAME", CC_LX_MONTH, CC_K_ANY, -1);
    gen_macro(lx, "WEEKDAY_NAME", CC_LX_WEEKDAY, CC_K_ANY, -1);
    gen_macro(lx, "CURRENCY_BEFORE", CC_LX_CURSYM, CC_K_ANY, -1);
    gen_macro(lx, "CURRENCY_AFTER", CC_LX_CURWORD, CC_K_ANY, -1);
    gen_macro(lx, "CURRENCY_MINOR", CC_LX_CURMINOR, CC_K_ANY, -1);
    for (int k = CC_K_PERCENT; k < CC_K__N; k++) {
        if (k == CC_K_MONEY || k == CC_K_DATE) continue;
        char nm[64];
        snprintf(nm, sizeof nm, "UNIT_%s", kind_names[k]);
        for (char *p = nm; *p; p++) if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 32);
        gen_macro(lx, nm, CC_LX_UNIT, (cc_kind)k, -1);
    }
    if (macros) {
        if (macros->kind != CC_Y_MAP) { fail(&c, macros, "expected a mapping of macros", NULL); goto out; }
        for (size_t i = 0; i + 1 < macros->n; i += 2) {
            const cc_ynode *v = macros->items[i + 1];
            if (v->kind != CC_Y_SCALAR) { fail(&c, v, "a macro is a regex string", NULL); goto out; }
            set_macro(lx, macros->items[i]->str, v->str);
        }
    }
out:
    cc_yaml_free(root);
    if (c.failed) {
        cc_lexicon_free(lx);
        return NULL;
    }
    return lx;
}

#include "cc_rules.h"
#include "cc_date.h"
#include "cc_util.h"
#include "cc_yaml.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define HASH_FUNCTION HASH_FNV /* short keys: FNV-1a beats the default */
#include <uthash.h>

typedef struct {
    char *key; /* "table|phrase" */
    char *canon;
    UT_hash_handle hh;
} alias;

typedef struct {
    char *key; /* "table.key" */
    double value;
    char *unit;
    char *source;
    UT_hash_handle hh;
} reference;

typedef struct {
    char *name;
    char *text;
    char *file;
    int line, col;
    UT_hash_handle hh;
} rmacro;

/* A compiled pattern by its expanded source: rules that write the same pattern (a topic, a table's
 * phrases) share one compiled and JIT-compiled copy, which the rule set owns. */
typedef struct {
    char *src;
    pcre2_code *re;
    UT_hash_handle hh;
} rxent;

typedef struct {
    char *word;      /* lower case; for a prefix, without the '*' */
    size_t *rules;   /* rules this word triggers */
    size_t n;
    size_t *also;    /* rules for which it is an "also" word */
    size_t nalso;
    UT_hash_handle hh;
} tword;

struct cc_ruleset {
    char *dir;
    uint64_t digest;      /* of the lexicon's and the rule files' bytes, in load order */
    cc_lexicon *lx;
    int owns_lx;
    cc_rule *rules;
    size_t n;
    alias *aliases;
    char **tables;
    size_t ntables;
    reference *refs;
    rmacro *macros;
    uint32_t match_limit;
    tword *twords;        /* whole trigger words */
    tword *tprefixes;     /* trigger stems ("annex*") */
    cc_trig trig;         /* built from the two tables once the rules are loaded */
    int has_trig;
    rxent *rx;            /* every pattern compiled, once per expanded source */
    pcre2_code **jit_todo; /* compiled while loading, JIT-compiled together at the end */
    size_t njit;
    cc_subject_decl *subjects;
    size_t nsubjects;
    char **same_as;       /* pairs: a subject, and the subject it is another name for */
    size_t nsame;
};

/* threads that JIT-compile a rule set's patterns (cc_rules_set_jit_threads) */
static int jit_threads = 1;

void cc_rules_set_jit_threads(int n) { jit_threads = n < 1 ? 1 : n; }

typedef struct {
    pcre2_code **re;
    size_t n, next;
} jit_queue;

static void *jit_worker(void *arg)
{
    jit_queue *q = arg;
    for (;;) {
        size_t i = __atomic_fetch_add(&q->next, 1, __ATOMIC_RELAXED);
        if (i >= q->n) break;
        (void)pcre2_jit_compile(q->re[i], PCRE2_JIT_COMPLETE);
    }
    return NULL;
}

/* JIT-compiles every pattern the loading compiled, on up to jit_threads
 * threads (each pattern is its own job; the JIT's executable-memory
 * allocator takes a lock). A pattern the JIT cannot take keeps the
 * interpreter, under the same limits. */
static void jit_all(cc_ruleset *rs)
{
    jit_queue q = {rs->jit_todo, rs->njit, 0};
    int nt = jit_threads;
    if ((size_t)nt > rs->njit / 8) nt = rs->njit / 8 > 1 ? (int)(rs->njit / 8) : 1; /* a few patterns: one thread */
    cc_parallel(nt, jit_worker, &q, 0);
}

static const char *sev_names[] = {"info", "warning", "error"};
static const char *pol_names[] = {"fixed", "varying", "cumulative", "none"};

const char *cc_severity_name(cc_severity s) { return s <= CC_SEV_ERROR ? sev_names[s] : (int)s == CC_SEV_OFF ? "off" : "?"; }
const char *cc_policy_name(cc_policy p) { return p <= CC_POL_NONE ? pol_names[p] : "?"; }

/* The policy named s, or -1. */
static int policy_parse(const char *s)
{
    for (int i = 0; i <= CC_POL_NONE; i++)
        if (strcmp(s, pol_names[i]) == 0) return i;
    return -1;
}

int cc_severity_parse(const char *s)
{
    for (int i = 0; i < 3; i++)
        if (strcmp(s, sev_names[i]) == 0) return i;
    return -1;
}

int cc_severity_parse_or_off(const char *s) { return strcmp(s, "off") == 0 ? CC_SEV_OFF : cc_severity_parse(s); }

const cc_lexicon *cc_rules_lexicon(const cc_ruleset *rs) { return rs->lx; }
size_t cc_rules_count(const cc_ruleset *rs) { return rs->n; }
const cc_rule *cc_rules_get(const cc_ruleset *rs, size_t i) { return &rs->rules[i]; }
const char *cc_rules_dir(const cc_ruleset *rs) { return rs->dir; }
uint32_t cc_rules_match_limit(const cc_ruleset *rs) { return rs->match_limit; }
const cc_trig *cc_rules_triggers(const cc_ruleset *rs) { return rs->has_trig ? &rs->trig : NULL; }

static int trig_sym(char c) { return c == '%' ? 26 : (c | 32) - 'a'; }

const cc_trig_list *cc_rules_trigger_word(const cc_ruleset *rs, const char *w, size_t len)
{
    if (!rs->has_trig || len >= 32) return NULL;
    const cc_trig *t = &rs->trig;
    uint32_t st = 1;
    int32_t stem = -1;
    for (size_t i = 0; i < len && st; i++) {
        int y = trig_sym(w[i]);
        if (y < 0 || y >= CC_TRIG_SYMS) return NULL;
        st = t->next[st * CC_TRIG_SYMS + (unsigned)y];
        if (st && t->stem[st] >= 0) stem = t->stem[st];
    }
    int32_t li = st && t->term[st] >= 0 ? t->term[st] : stem;
    return li >= 0 ? &t->lists[li] : NULL;
}

static uint32_t trig_state(cc_trig *t)
{
    if (t->nstates == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->next = cc_xrealloc(t->next, t->cap * CC_TRIG_SYMS * sizeof *t->next);
        t->term = cc_xrealloc(t->term, t->cap * sizeof *t->term);
        t->stem = cc_xrealloc(t->stem, t->cap * sizeof *t->stem);
    }
    uint32_t s = (uint32_t)t->nstates++;
    memset(&t->next[s * CC_TRIG_SYMS], 0, CC_TRIG_SYMS * sizeof *t->next);
    t->term[s] = t->stem[s] = -1;
    return s;
}

/* one list per word or stem while building; merged below */
typedef struct {
    const tword *word, *stem;
} trig_src;

static void list_union(size_t **dst, size_t *n, const size_t *src, size_t m)
{
    for (size_t i = 0; i < m; i++) {
        size_t k = 0;
        while (k < *n && (*dst)[k] != src[i]) k++;
        if (k < *n) continue;
        *dst = cc_xrealloc(*dst, (*n + 1) * sizeof **dst);
        (*dst)[(*n)++] = src[i];
    }
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

static int32_t trig_list(cc_trig *t, const tword *own, const tword *const *stems, size_t nstems)
{
    size_t *r = NULL, *al = NULL, n = 0, na = 0;
    if (own) { list_union(&r, &n, own->rules, own->n); list_union(&al, &na, own->also, own->nalso); }
    for (size_t i = 0; i < nstems; i++) {
        list_union(&r, &n, stems[i]->rules, stems[i]->n);
        list_union(&al, &na, stems[i]->also, stems[i]->nalso);
    }
    if (n > 1) qsort(r, n, sizeof *r, cmp_size);
    if (na > 1) qsort(al, na, sizeof *al, cmp_size);
    t->lists = cc_xrealloc(t->lists, (t->nlists + 1) * sizeof *t->lists);
    t->lists[t->nlists] = (cc_trig_list){r, al, n, na};
    return (int32_t)t->nlists++;
}

static uint32_t trig_insert(cc_trig *t, trig_src **src, const char *w, size_t l)
{
    uint32_t st = 1;
    for (size_t i = 0; i < l; i++) {
        uint32_t *nx = &t->next[st * CC_TRIG_SYMS + (unsigned)trig_sym(w[i])];
        if (!*nx) {
            uint32_t ns = trig_state(t); /* may move t->next */
            *src = cc_xrealloc(*src, t->cap * sizeof **src);
            (*src)[ns] = (trig_src){NULL, NULL};
            t->next[st * CC_TRIG_SYMS + (unsigned)trig_sym(w[i])] = ns;
            st = ns;
        } else {
            st = *nx;
        }
    }
    return st;
}

/* Walks the automaton depth first carrying the stems passed, and gives
 * each state that ends a word or a stem its merged list. */
static void trig_lists(cc_trig *t, const trig_src *src, uint32_t st, const tword **stems, size_t nstems)
{
    if (src[st].stem) stems[nstems++] = src[st].stem;
    if (src[st].word) t->term[st] = trig_list(t, src[st].word, stems, nstems);
    if (src[st].stem) t->stem[st] = trig_list(t, NULL, stems, nstems);
    for (int y = 0; y < CC_TRIG_SYMS; y++) {
        uint32_t c = t->next[st * CC_TRIG_SYMS + (unsigned)y];
        if (c) trig_lists(t, src, c, stems, nstems);
    }
}

static void build_triggers(cc_ruleset *rs)
{
    if (!rs->twords && !rs->tprefixes) return;
    cc_trig *t = &rs->trig;
    trig_state(t); /* 0: dead */
    trig_state(t); /* 1: start */
    trig_src *src = cc_xcalloc(t->cap, sizeof *src);
    size_t depth = 1;
    for (int stem = 0; stem <= 1; stem++) {
        tword *w, *tmp, *tab = stem ? rs->tprefixes : rs->twords;
        HASH_ITER(hh, tab, w, tmp) {
            size_t l = strlen(w->word);
            if (l >= 32) continue; /* never looked up */
            uint32_t st = trig_insert(t, &src, w->word, l);
            if (stem) src[st].stem = w;
            else src[st].word = w;
            if (l + 1 > depth) depth = l + 1;
        }
    }
    const tword **stems = cc_xcalloc(depth + 1, sizeof *stems);
    trig_lists(t, src, 1, stems, 0);
    free(stems);
    free(src);
    /* the table the scanner steps through: each entry the next state
     * shifted left by one, its low bit set when that state ends a stem; 16
     * bits an entry, so that the table stays in the caches of a CPU that
     * also reads the text between one short article and the next */
    t->step = cc_xmalloc(t->nstates * CC_TRIG_SYMS * sizeof *t->step);
    for (size_t i = 0; i < t->nstates * CC_TRIG_SYMS; i++) {
        uint32_t nx = t->next[i];
        t->step[i] = (uint16_t)(nx << 1 | (uint32_t)(nx && t->stem[nx] >= 0));
    }
    rs->has_trig = 1;
}

static void free_trig(cc_trig *t)
{
    for (size_t i = 0; i < t->nlists; i++) { free((void *)t->lists[i].rules); free((void *)t->lists[i].also); }
    free(t->lists);
    free(t->next);
    free(t->step);
    free(t->term);
    free(t->stem);
}

static void add_trigger(cc_ruleset *rs, const char *word, size_t rule, int also)
{
    size_t l = strlen(word);
    int prefix = l > 1 && word[l - 1] == '*';
    if (prefix) l--;
    char *w = cc_xstrndup(word, l);
    for (char *p = w; *p; p++) if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
    tword **tab = prefix ? &rs->tprefixes : &rs->twords, *t;
    HASH_FIND(hh, *tab, w, l, t);
    if (!t) {
        t = cc_xcalloc(1, sizeof *t);
        t->word = w;
        HASH_ADD_KEYPTR(hh, *tab, t->word, l, t);
    } else {
        free(w);
    }
    size_t **list = also ? &t->also : &t->rules, *cnt = also ? &t->nalso : &t->n;
    for (size_t i = 0; i < *cnt; i++)
        if ((*list)[i] == rule) return;
    *list = cc_xrealloc(*list, (*cnt + 1) * sizeof **list);
    (*list)[(*cnt)++] = rule;
}

static void free_twords(tword **tab)
{
    tword *t, *tmp;
    HASH_ITER(hh, *tab, t, tmp) { HASH_DEL(*tab, t); free(t->word); free(t->rules); free(t->also); free(t); }
}

int cc_rules_has_table(const cc_ruleset *rs, const char *table)
{
    for (size_t i = 0; i < rs->ntables; i++)
        if (strcmp(rs->tables[i], table) == 0) return 1;
    return 0;
}

const char *cc_rules_alias(const cc_ruleset *rs, const char *table, const char *text, size_t len)
{
    char folded[512], key[640];
    size_t fl = cc_fold(text, len, folded, sizeof folded);
    /* the phrase as written ("the country"), then without a leading "the" */
    alias *a = NULL;
    for (int drop = 0; drop <= 1 && !a; drop++) {
        const char *f = folded;
        if (drop) {
            if (!(fl > 4 && strncmp(f, "the ", 4) == 0)) break;
            f += 4;
        }
        cc_join2(key, sizeof key, table, '|', f);
        HASH_FIND_STR(rs->aliases, key, a);
    }
    return a ? a->canon : NULL;
}

int cc_rules_reference(const cc_ruleset *rs, const char *ref, double *value, const char **unit, const char **source)
{
    reference *r;
    HASH_FIND_STR(rs->refs, ref, r);
    if (!r) return 0;
    *value = r->value;
    *unit = r->unit;
    *source = r->source;
    return 1;
}

static void free_rule(cc_rule *r)
{
    free(r->id);
    free(r->defer);
    free(r->description);
    free(r->message);
    free(r->url);
    free(r->file);
    free(r->reference);
    free(r->subject);
    for (size_t i = 0; i < r->ndefaults; i++) { free(r->defaults[i].name); free(r->defaults[i].value); }
    free(r->defaults);
    free(r->topic_doc_src);

    for (size_t i = 0; i < r->npats; i++) free(r->pats[i].source); /* the patterns are the rule set's (rx) */
    free(r->pats);
    if (r->frame) {
        for (size_t i = 0; i < r->frame->ncues; i++) {
            free(r->frame->cues[i].name);
            free(r->frame->cues[i].table);
        }
        free(r->frame->cues);
        free(r->frame);
    }
    for (size_t i = 0; i < r->nex; i++) { free(r->ex[i].text); free(r->ex[i].subject); }
    free(r->ex);
}

static void subject_decl_free(cc_subject_decl *d)
{
    free(d->pattern);
    free(d->complement);
    free(d->unit);
    free(d->file);
}

void cc_rules_free(cc_ruleset *rs)
{
    if (!rs) return;
    for (size_t i = 0; i < rs->nsubjects; i++) subject_decl_free(&rs->subjects[i]);
    free(rs->subjects);
    for (size_t i = 0; i < rs->n; i++) free_rule(&rs->rules[i]);
    free(rs->rules);
    alias *a, *ta;
    HASH_ITER(hh, rs->aliases, a, ta) { HASH_DEL(rs->aliases, a); free(a->key); free(a->canon); free(a); }
    reference *r, *tr;
    HASH_ITER(hh, rs->refs, r, tr) { HASH_DEL(rs->refs, r); free(r->key); free(r->unit); free(r->source); free(r); }
    rmacro *m, *tm;
    HASH_ITER(hh, rs->macros, m, tm) { HASH_DEL(rs->macros, m); free(m->name); free(m->text); free(m->file); free(m); }
    free_twords(&rs->twords);
    free_twords(&rs->tprefixes);
    free_trig(&rs->trig);
    for (size_t i = 0; i < rs->ntables; i++) free(rs->tables[i]);
    free(rs->tables);
    if (rs->owns_lx) cc_lexicon_free(rs->lx);
    free(rs->dir);
    rxent *x, *tx;
    HASH_ITER(hh, rs->rx, x, tx) { HASH_DEL(rs->rx, x); pcre2_code_free(x->re); free(x->src); free(x); }
    for (size_t i = 0; i < 2 * rs->nsame; i++) free(rs->same_as[i]);
    free(rs->same_as);
    free(rs->jit_todo);
    free(rs);
}

/* ---- loading context ---- */

typedef struct {
    cc_ruleset *rs;
    cc_diags *d;
    const char *file;
    const char *text; /* the file's text, for the source line under a caret */
    size_t len;
    char *line;       /* the last line src_line copied out */
} lctx;

static void load_lines(lctx *c, const char *data, size_t len)
{
    c->text = data;
    c->len = len;
    c->line = NULL;
}

static void free_lines(lctx *c) { free(c->line); }

/* Source line number `line` (1-based), found when an error needs it: errors
 * are rare, so nothing is split up front. The copy lives until the next call. */
static const char *src_line(lctx *c, int line)
{
    if (line < 1 || !c->text) return NULL;
    size_t st = 0;
    for (int l = 1; l < line; l++) {
        const char *nl = memchr(c->text + st, '\n', c->len - st);
        if (!nl) return NULL;
        st = (size_t)(nl - c->text) + 1;
    }
    const char *nl = memchr(c->text + st, '\n', c->len - st);
    size_t n = nl ? (size_t)(nl - c->text) - st : c->len - st;
    if (n && c->text[st + n - 1] == '\r') n--;
    free(c->line);
    c->line = cc_xstrndup(c->text + st, n);
    return c->line;
}

static void err_at(lctx *c, const cc_ynode *n, const char *fmt, const char *a, const char *b)
{
    char msg[1024];
    snprintf(msg, sizeof msg, fmt, a ? a : "", b ? b : "");
    int line = n ? n->line : 1, col = n ? n->col : 1;
    cc_diag_add(c->d, CC_D_ERROR, c->file, line, col, src_line(c, line), "%s", msg);
}

/* ---- macros ---- */

/* The value macros: in a pattern, a value of a kind as the normalizer's one
 * grammar reads it, not a regex of its own. Each expands to a span between
 * two callouts: the first lets a match start only where the normalizer
 * read a quantity, the second end it only where that quantity, read as
 * the kind, ends (scan.c, value_callout); the regex itself says nothing of
 * digits, number words, hedges or units. */
static const struct {
    const char *name;
    cc_kind kind;
} value_macros[] = {
    {"NUMBER", CC_K_NUMBER},     {"AMOUNT", CC_K_NUMBER}, {"COUNT", CC_K_COUNT},     {"DURATION", CC_K_DURATION},
    {"DURATION_ADJ", CC_K_DURATION}, {"DATE", CC_K_DATE}, {"YEAR", CC_K_DATE},       {"PERCENT", CC_K_PERCENT},
    {"AREA", CC_K_AREA},         {"MONEY", CC_K_MONEY},
};

/* The span of value macro name, or NULL when name is none. */
static const char *value_macro(const char *name)
{
    static _Thread_local char text[sizeof value_macros / sizeof *value_macros][160];
    for (size_t i = 0; i < sizeof value_macros / sizeof *value_macros; i++) {
        if (strcmp(name, value_macros[i].name) != 0) continue;
        if (!text[i][0]) {
            int k = (int)value_macros[i].kind;
            snprintf(text[i], sizeof text[i], "(?:(?C%d)[^\\s.;:!?,()\\[\\]][^\\n]{0,80}?(?C%d))",
                     CC_VALUE_CALLOUT_START + k, CC_VALUE_CALLOUT_END + k);
        }
        return text[i];
    }
    return NULL;
}

static const char *macro_text(const cc_ruleset *rs, const char *name)
{
    rmacro *m;
    HASH_FIND_STR(rs->macros, name, m);
    if (m) return m->text;
    const char *v = value_macro(name);
    return v ? v : cc_lexicon_macro(rs->lx, name);
}

/* A rule file's macro (or one an alias table defines), at file:line. */
static rmacro *add_macro(cc_ruleset *rs, const char *name, const char *text, const char *file, int line)
{
    rmacro *m = cc_xcalloc(1, sizeof *m);
    m->name = cc_xstrdup(name);
    m->text = cc_xstrdup(text);
    m->file = cc_xstrdup(file);
    m->line = line;
    HASH_ADD_KEYPTR(hh, rs->macros, m->name, strlen(m->name), m);
    return m;
}

typedef struct {
    cc_buf out;
    size_t *map; /* output byte -> source offset */
    size_t mapcap;
    const char *bad;      /* error message */
    size_t bad_off;       /* source offset of the problem */
    char badname[64];
} expander;

static void emit(expander *x, const char *s, size_t n, size_t srcoff, int from_src)
{
    size_t old = x->out.len;
    cc_buf_put(&x->out, s, n);
    if (x->out.len > x->mapcap) {
        while (x->mapcap < x->out.len) x->mapcap = x->mapcap ? x->mapcap * 2 : 256;
        x->map = cc_xrealloc(x->map, x->mapcap * sizeof *x->map);
    }
    for (size_t i = 0; i < n; i++) x->map[old + i] = from_src ? srcoff + i : srcoff;
}

static int is_macro_name(const char *s, size_t n)
{
    if (!n || !(s[0] >= 'A' && s[0] <= 'Z')) return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_')) return 0;
    return 1;
}

/* Expands {NAME} references in s. top: s is the pattern as written, so map
 * output bytes to offsets in it; otherwise every byte maps to at. */
static int expand(const cc_ruleset *rs, expander *x, const char *s, size_t n, int top, size_t at, int depth)
{
    if (depth > 24) {
        x->bad = "macros nest too deep (a macro refers to itself?)";
        x->bad_off = at;
        return -1;
    }
    size_t i = 0, lit = 0;
    while (i < n) {
        if (s[i] == '\\' && i + 1 < n) { i += 2; continue; }
        if (s[i] == '{') {
            size_t j = i + 1;
            while (j < n && s[j] != '}' && j - i < 64) j++;
            if (j < n && s[j] == '}' && is_macro_name(s + i + 1, j - i - 1)) {
                emit(x, s + lit, i - lit, top ? lit : at, top);
                char name[64];
                snprintf(name, sizeof name, "%.*s", (int)(j - i - 1), s + i + 1);
                const char *t = macro_text(rs, name);
                if (!t) {
                    x->bad = "undefined macro";
                    snprintf(x->badname, sizeof x->badname, "%s", name);
                    x->bad_off = top ? i : at;
                    return -1;
                }
                if (expand(rs, x, t, strlen(t), 0, top ? i : at, depth + 1)) {
                    if (!x->badname[0]) snprintf(x->badname, sizeof x->badname, "%s", name);
                    return -1;
                }
                i = j + 1;
                lit = i;
                continue;
            }
        }
        i++;
    }
    emit(x, s + lit, n - lit, top ? lit : at, top);
    return 0;
}

/* Column of source offset off inside scalar node n (single-line scalars). */
static int col_of(const cc_ynode *n, const char *src, size_t off)
{
    if (n->style == 3) return n->col;
    return n->col + (n->style == 1 || n->style == 2 ? 1 : 0) + (int)cc_utf8_count(src, off);
}

/* Expands and compiles a pattern scalar; reports errors at the exact spot.
 * With expanded non-NULL, also returns the expanded text (caller frees). */
static pcre2_code *compile_x(lctx *c, const cc_ynode *n, const char *what, char **expanded);

static pcre2_code *compile(lctx *c, const cc_ynode *n, const char *what) { return compile_x(c, n, what, NULL); }

static pcre2_code *compile_x(lctx *c, const cc_ynode *n, const char *what, char **expanded)
{
    if (!n || n->kind != CC_Y_SCALAR) {
        err_at(c, n, "%s must be a regex string", what, NULL);
        return NULL;
    }
    expander x;
    memset(&x, 0, sizeof x);
    cc_buf_init(&x.out);
    pcre2_code *re = NULL;
    if (expand(c->rs, &x, n->str, n->len, 1, 0, 0)) {
        int line = n->line, col = col_of(n, n->str, x.bad_off);
        if (strcmp(x.bad, "undefined macro") == 0)
            cc_diag_add(c->d, CC_D_ERROR, c->file, line, col, src_line(c, line),
                        "undefined macro {%s} in %s (macros come from lexicon.yaml, a rule file's macros:, or "
                        "ALIAS_<TABLE> for an alias table)",
                        x.badname, what);
        else
            cc_diag_add(c->d, CC_D_ERROR, c->file, line, col, src_line(c, line), "%s: {%s}", x.bad, x.badname);
        goto out;
    }
    rxent *hit;
    HASH_FIND(hh, c->rs->rx, x.out.s, x.out.len, hit);
    if (hit) { /* written before, by this rule or another: the same compiled pattern */
        re = hit->re;
        if (expanded) *expanded = cc_xstrndup(x.out.s, x.out.len);
        goto out;
    }
    int ec;
    PCRE2_SIZE eo;
    re = pcre2_compile((PCRE2_SPTR)x.out.s, x.out.len, PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_DUPNAMES, &ec, &eo, NULL);
    if (!re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(ec, msg, sizeof msg);
        size_t so = x.out.len ? (eo < x.out.len ? x.map[eo] : x.map[x.out.len - 1] + 1) : 0;
        if (so > n->len) so = n->len;
        int line = n->line, col = col_of(n, n->str, so);
        int in_macro = eo < x.out.len && so < n->len && n->str[so] == '{';
        cc_diag_add(c->d, CC_D_ERROR, c->file, line, col, src_line(c, line),
                    "bad regex in %s: PCRE2 error %d at pattern offset %zu%s: %s", what, ec, so,
                    in_macro ? " (inside this macro's expansion)" : "", (char *)msg);
        goto out;
    }
    /* CLAIMCHECK_NO_JIT=1 keeps the interpreter (where the system forbids
     * executable memory; the rule fuzzer, which compiles thousands of rule
     * sets). When JIT is unavailable the interpreter runs under the same limits. */
    hit = cc_xcalloc(1, sizeof *hit);
    hit->src = cc_xstrndup(x.out.s, x.out.len);
    hit->re = re;
    HASH_ADD_KEYPTR(hh, c->rs->rx, hit->src, x.out.len, hit);
    const char *nojit = getenv("CLAIMCHECK_NO_JIT");
    if (!(nojit && *nojit && strcmp(nojit, "0") != 0)) {
        c->rs->jit_todo = cc_xrealloc(c->rs->jit_todo, (c->rs->njit + 1) * sizeof *c->rs->jit_todo);
        c->rs->jit_todo[c->rs->njit++] = re;
    }
    if (expanded) *expanded = cc_xstrndup(x.out.s, x.out.len);
out:
    cc_buf_free(&x.out);
    free(x.map);
    return re;
}

/* ---- tables ---- */

static void add_table_name(cc_ruleset *rs, const char *t)
{
    if (cc_rules_has_table(rs, t)) return;
    rs->tables = cc_xrealloc(rs->tables, (rs->ntables + 1) * sizeof *rs->tables);
    rs->tables[rs->ntables++] = cc_xstrdup(t);
}

/* The macro an alias table's phrases make: ALIAS_<TABLE>, in capitals, '-' as '_'. */
static void alias_macro_name(char *out, size_t n, const char *table)
{
    snprintf(out, n, "ALIAS_%s", table);
    for (char *p = out; *p; p++) if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 32); else if (*p == '-') *p = '_';
}

/* How a file names a table another file already defined: "extend:" adds
 * to it, "override:" replaces it (a house file changing a shipped table);
 * without either, defining it again is an error naming both places. */
enum { TABLE_NEW, TABLE_EXTEND, TABLE_OVERRIDE };

static int table_mode(const cc_ynode *tab, const cc_ynode **body)
{
    *body = tab;
    if (tab->kind != CC_Y_MAP || tab->n != 2 || !tab->items[0]->str) return TABLE_NEW;
    int mode = strcmp(tab->items[0]->str, "extend") == 0 ? TABLE_EXTEND
               : strcmp(tab->items[0]->str, "override") == 0 ? TABLE_OVERRIDE : TABLE_NEW;
    if (mode != TABLE_NEW) *body = tab->items[1];
    return mode;
}

/* Drops the phrases of table (an override replaces them). */
static void drop_table_phrases(cc_ruleset *rs, const char *table)
{
    size_t tl = strlen(table);
    alias *a, *tmp;
    HASH_ITER(hh, rs->aliases, a, tmp)
        if (strncmp(a->key, table, tl) == 0 && a->key[tl] == '|') {
            HASH_DEL(rs->aliases, a);
            free(a->key);
            free(a->canon);
            free(a);
        }
}

/* The macro ALIAS_<TABLE>: every phrase of the table, longest first. */
static void table_macro(lctx *c, const char *table, int line)
{
    size_t tl = strlen(table), np = 0;
    char **phr = NULL;
    for (alias *a = c->rs->aliases; a; a = a->hh.next)
        if (strncmp(a->key, table, tl) == 0 && a->key[tl] == '|') {
            phr = cc_xrealloc(phr, (np + 1) * sizeof *phr);
            phr[np++] = a->key + tl + 1;
        }
    cc_buf b;
    cc_buf_init(&b);
    cc_buf_regex_alternation(&b, phr, np);
    free(phr);
    char name[128];
    alias_macro_name(name, sizeof name, table);
    rmacro *m;
    HASH_FIND_STR(c->rs->macros, name, m);
    if (m) { /* extended or overridden: the macro follows the table */
        free(m->text);
        m->text = cc_buf_take(&b);
        return;
    }
    add_macro(c->rs, name, b.s ? b.s : "", c->file, line);
    cc_buf_free(&b);
}

static void load_aliases(lctx *c, const cc_ynode *al)
{
    if (al->kind != CC_Y_MAP) { err_at(c, al, "aliases: expected a mapping of tables", NULL, NULL); return; }
    for (size_t t = 0; t + 1 < al->n; t += 2) {
        const char *table = al->items[t]->str;
        const cc_ynode *tab;
        int mode = table_mode(al->items[t + 1], &tab);
        if (tab->kind != CC_Y_MAP) { err_at(c, tab, "alias table '%s': expected canonical: [phrases]", table, NULL); continue; }
        if (cc_rules_has_table(c->rs, table) && mode == TABLE_NEW) {
            char name[128], where[600];
            alias_macro_name(name, sizeof name, table);
            rmacro *m;
            HASH_FIND_STR(c->rs->macros, name, m);
            snprintf(where, sizeof where, "%s:%d", m ? m->file : "?", m ? m->line : 0);
            err_at(c, al->items[t], "alias table '%s' is already defined at %s: write 'extend:' under it to add "
                                    "phrases, or 'override:' to replace it", table, where);
            continue;
        }
        if (!cc_rules_has_table(c->rs, table) && mode != TABLE_NEW) {
            err_at(c, al->items[t], "alias table '%s': %s, but no rule file before this one defines it", table,
                   mode == TABLE_EXTEND ? "extend" : "override");
            continue;
        }
        if (mode == TABLE_OVERRIDE) drop_table_phrases(c->rs, table);
        add_table_name(c->rs, table);
        for (size_t k = 0; k + 1 < tab->n; k += 2) {
            const char *canon = tab->items[k]->str;
            const cc_ynode *list = tab->items[k + 1];
            size_t cnt = list->kind == CC_Y_SEQ ? list->n : 1;
            for (size_t q = 0; q < cnt; q++) {
                const cc_ynode *ph = list->kind == CC_Y_SEQ ? list->items[q] : list;
                if (ph->kind != CC_Y_SCALAR) { err_at(c, ph, "expected a phrase", NULL, NULL); continue; }
                char folded[512], key[640];
                cc_fold(ph->str, ph->len, folded, sizeof folded);
                snprintf(key, sizeof key, "%s|%s", table, folded);
                alias *a;
                HASH_FIND_STR(c->rs->aliases, key, a);
                if (a) {
                    if (strcmp(a->canon, canon)) err_at(c, ph, "phrase '%s' is already an alias of '%s'", ph->str, a->canon);
                    continue;
                }
                a = cc_xcalloc(1, sizeof *a);
                a->key = cc_xstrdup(key);
                a->canon = cc_xstrdup(canon);
                HASH_ADD_KEYPTR(hh, c->rs->aliases, a->key, strlen(a->key), a);
            }
        }
        table_macro(c, table, al->items[t]->line);
    }
}

static void load_references(lctx *c, const cc_ynode *rf)
{
    if (rf->kind != CC_Y_MAP) { err_at(c, rf, "references: expected a mapping of tables", NULL, NULL); return; }
    for (size_t t = 0; t + 1 < rf->n; t += 2) {
        const char *table = rf->items[t]->str;
        const cc_ynode *tab = rf->items[t + 1];
        if (tab->kind != CC_Y_MAP) { err_at(c, tab, "reference table '%s': expected key: {value, unit, source}", table, NULL); continue; }
        for (size_t k = 0; k + 1 < tab->n; k += 2) {
            const cc_ynode *e = tab->items[k + 1];
            const char *v = cc_yaml_str(e, "value"), *u = cc_yaml_str(e, "unit"), *s = cc_yaml_str(e, "source");
            char *end = NULL;
            double d = v ? strtod(v, &end) : NAN;
            if (!v || !u || !s || (end && *end) || !isfinite(d) || d <= 0) {
                err_at(c, e, "reference '%s': needs a positive value, a unit and a source", tab->items[k]->str, NULL);
                continue;
            }
            reference *r = cc_xcalloc(1, sizeof *r);
            char key[256];
            snprintf(key, sizeof key, "%s.%s", table, tab->items[k]->str);
            r->key = cc_xstrdup(key);
            r->value = d;
            r->unit = cc_xstrdup(u);
            r->source = cc_xstrdup(s);
            HASH_ADD_KEYPTR(hh, c->rs->refs, r->key, strlen(r->key), r);
        }
    }
}

/* A macro defined again: "extend:" makes it either text, "override:" the new one. */
static void redefine_macro(lctx *c, const cc_ynode *k, rmacro *m, int mode, const char *text)
{
    if (mode == TABLE_EXTEND) {
        cc_buf b;
        cc_buf_init(&b);
        cc_buf_printf(&b, "(?:%s)|(?:%s)", m->text, text);
        free(m->text);
        m->text = cc_buf_take(&b);
    } else {
        free(m->text);
        m->text = cc_xstrdup(text);
    }
    free(m->file);
    m->file = cc_xstrdup(c->file);
    m->line = k->line;
}

static void load_macros(lctx *c, const cc_ynode *mm)
{
    if (mm->kind != CC_Y_MAP) { err_at(c, mm, "macros: expected a mapping", NULL, NULL); return; }
    for (size_t i = 0; i + 1 < mm->n; i += 2) {
        const cc_ynode *k = mm->items[i], *v = mm->items[i + 1];
        if (!is_macro_name(k->str, k->len)) { err_at(c, k, "macro name '%s' must be UPPER_CASE", k->str, NULL); continue; }
        /* NAME: 'regex', or NAME: {extend: 'regex'} / {override: 'regex'} for one defined before */
        int mode = table_mode(v, &v);
        if (v->kind != CC_Y_SCALAR) {
            err_at(c, v, "macro %s must be a regex string, or extend: or override: with one", k->str, NULL);
            continue;
        }
        if (value_macro(k->str)) {
            err_at(c, k, "macro %s is a value the normalizer reads (docs/rules.md, \"Values are the normalizer's\"): "
                         "it cannot be defined again; name yours otherwise", k->str, NULL);
            continue;
        }
        rmacro *m;
        HASH_FIND_STR(c->rs->macros, k->str, m);
        const char *lexicon_text = m ? NULL : cc_lexicon_macro(c->rs->lx, k->str);
        if (mode != TABLE_NEW && (m || lexicon_text)) {
            if (!m) m = add_macro(c->rs, k->str, lexicon_text, "lexicon.yaml", 0); /* redefined as a rule file's */
            redefine_macro(c, k, m, mode, v->str);
            continue;
        }
        if (m || lexicon_text) {
            char where[512];
            if (m) snprintf(where, sizeof where, "%s:%d", m->file, m->line);
            else snprintf(where, sizeof where, "lexicon.yaml");
            err_at(c, k, "macro %s is already defined at %s: write 'extend:' under it to add an alternative, or "
                         "'override:' to replace it", k->str, where);
            continue;
        }
        if (mode != TABLE_NEW) {
            err_at(c, k, "macro %s: nothing to %s, no rule file before this one defines it", k->str,
                   mode == TABLE_EXTEND ? "extend" : "override");
            continue;
        }
        add_macro(c->rs, k->str, v->str, c->file, k->line);
    }
}

/* ---- rules ---- */

static int check_keys(lctx *c, const cc_ynode *m, const char *const *allowed, const char *what)
{
    int ok = 1;
    for (size_t i = 0; i + 1 < m->n; i += 2) {
        const char *k = m->items[i]->str;
        int found = 0;
        for (const char *const *a = allowed; *a; a++)
            if (strcmp(*a, k) == 0) found = 1;
        if (!found) {
            cc_buf b;
            cc_buf_init(&b);
            for (const char *const *a = allowed; *a; a++) cc_buf_printf(&b, "%s%s", a == allowed ? "" : ", ", *a);
            char where[600];
            snprintf(where, sizeof where, "%s (expected one of: %s)", what, b.s);
            err_at(c, m->items[i], "unknown key '%s' in %s", k, where);
            cc_buf_free(&b);
            ok = 0;
        }
    }
    return ok;
}

static int parse_bound(lctx *c, const cc_ynode *v, cc_kind kind, double *out, int *open)
{
    *open = 0;
    if (v->kind != CC_Y_SCALAR) { err_at(c, v, "expected a number, a date or null", NULL, NULL); return -1; }
    if (strcmp(v->str, "null") == 0 || strcmp(v->str, "~") == 0 || v->len == 0) { *open = 1; return 0; }
    if (kind == CC_K_DATE || strchr(v->str, '-') == v->str + 4) {
        int64_t d;
        if (cc_date_parse_iso(v->str, &d) != 0) { err_at(c, v, "expected a date YYYY-MM-DD, found '%s'", v->str, NULL); return -1; }
        *out = (double)d;
        return 0;
    }
    char *end;
    *out = strtod(v->str, &end);
    if (*end) { err_at(c, v, "expected a number, found '%s'", v->str, NULL); return -1; }
    return 0;
}

/* The next name of a list of tables joined by '+' ("intention+modal") at
 * *t into one; 0 at the end. */
static int next_table(const char **t, char *one, size_t n)
{
    if (!**t) return 0;
    size_t k = strcspn(*t, "+");
    snprintf(one, n, "%.*s", (int)k, *t);
    *t += k + ((*t)[k] == '+');
    return 1;
}

/* A words list (or a table's phrases) as one regex over whole words:
 * phrases with any white space between their words, "stem*" any word
 * starting with the stem. */
/* Whole words, and a hyphen joins words: "Kremlin" is not in "pro-Kremlin" */
#define WORDS_HEAD "(?<![\\pL\\pN])(?<!\\pL-)(?:"
#define WORDS_TAIL ")(?![\\pL\\pN]|-\\pL)"
/* after a name that is a verb's object ("captured Novoselivka"): punctuation, the end, or a word
 * that cannot be the noun a capitalised adjective qualifies ("captured German tanks" names no place) */
#define OBJECT_TAIL "(?=\\s*+(?:[,.;:!?()\"”]|\\z)|\\s++(?:in|on|at|after|before|from|and|or|by|last|this|earlier|early|late|" \
    "mid|the|during|with|without|under|for|to|ago|back|near|as|amid|following|overnight|yesterday|today|since|until|when|" \
    "while|which|who|but|despite|itself|entirely|fully|completely|outright|[-–—])(?![\\pL\\pN]))"

/* One capitalised word of a proper name, hyphens inside ("Novo-Mykhailivka"); \\p{Lu} is not
 * loosened by caseless matching. Words that are no one's name (not_names) are left to the scan,
 * which trims them ("Sgt Ivan Korzh": Ivan Korzh) or drops the match ("Thousands died"). */
#define NAME_WORD "\\p{Lu}[\\pL\\pM'’]*+(?:-\\p{Lu}?[\\pL\\pM'’]++)*+"

/* Around a cue's words, a proper name after them (one or two words: "the village of Iskra";
 * "captured Novoselivka" with OBJECT_TAIL): the head and tail for words_regex, in h and t. A
 * name before them (names_before) is looked for by the scan, back from the words. */
enum { NAMES_AFTER, NAMES_OBJECT };
static void name_frame(int where, cc_buf *h, cc_buf *t)
{
    cc_buf_puts(h, WORDS_HEAD);
    /* past a region's possessive: "recaptured Kharkiv's Izium" is Izium */
    cc_buf_puts(t, ")\\s+(?:\\p{Lu}[\\pL\\pM]*+['’]s\\s+(?=\\p{Lu}))?\\K" NAME_WORD "(?:\\s+" NAME_WORD ")?(?![\\pL\\pN])");
    if (where == NAMES_OBJECT) cc_buf_puts(t, OBJECT_TAIL);
}

static pcre2_code *words_regex(lctx *c, const cc_ynode *at, const cc_ynode *words, const char *table, const char *head,
                               const char *tail, const char *what)
{
    cc_buf b;
    cc_buf_init(&b);
    cc_buf_puts(&b, head);
    if (table) { /* "intention+modal": the phrases of each table */
        char one[128], name[160];
        for (const char *t = table; next_table(&t, one, sizeof one);) {
            alias_macro_name(name, sizeof name, one);
            cc_buf_printf(&b, b.len > strlen(head) ? "|{%s}" : "{%s}", name);
        }
    } else {
        char **ph = cc_xcalloc(words->n + 1, sizeof *ph), **st = cc_xcalloc(words->n + 1, sizeof *st);
        size_t np = 0, ns = 0;
        int num = 0; /* "#": a number written in figures ("reached 1,000 days": no arrival) */
        for (size_t i = 0; i < words->n; i++) {
            const cc_ynode *w = words->items[i];
            if (w->kind != CC_Y_SCALAR || !w->len) { err_at(c, w, "a cue word is a word or phrase", NULL, NULL); continue; }
            char f[256];
            size_t l = cc_fold(w->str, w->len, f, sizeof f);
            if (l == 1 && f[0] == '#') num = 1;
            else if (l && f[l - 1] == '*') { f[l - 1] = 0; st[ns++] = cc_xstrdup(f); }
            else ph[np++] = cc_xstrdup(f);
        }
        if (np) cc_buf_regex_alternation(&b, ph, np);
        if (np && ns) cc_buf_putc(&b, '|');
        if (ns) { cc_buf_regex_alternation(&b, st, ns); cc_buf_puts(&b, "\\pL*"); }
        if (num) cc_buf_puts(&b, np || ns ? "|[0-9][0-9,.]*" : "[0-9][0-9,.]*");
        for (size_t i = 0; i < np; i++) free(ph[i]);
        for (size_t i = 0; i < ns; i++) free(st[i]);
        free(ph);
        free(st);
    }
    cc_buf_puts(&b, tail);
    /* braces in the words are literal; only the table's macro is expanded */
    cc_ynode tmp = *at;
    tmp.kind = CC_Y_SCALAR;
    tmp.str = b.s;
    tmp.len = b.len;
    pcre2_code *re = compile(c, &tmp, what);
    cc_buf_free(&b);
    return re;
}

static const char *const message_slots[CC_MSG__N] = {"subject", "quote", "others"};

int cc_rules_message_slot(const char *name, size_t n)
{
    for (int k = 0; k < CC_MSG__N; k++)
        if (strlen(message_slots[k]) == n && strncmp(name, message_slots[k], n) == 0) return k;
    return -1;
}

static pcre2_code *cue_regex(lctx *c, const cc_ynode *at, const cc_ynode *words, const char *table)
{
    return words_regex(c, at, words, table, WORDS_HEAD, WORDS_TAIL, "cue");
}

static int parse_int(lctx *c, const cc_ynode *v, int lo, int hi, const char *what)
{
    if (!v) return -1;
    char *e;
    long x = v->str ? strtol(v->str, &e, 10) : 0;
    if (!v->str || *e || x < lo || x > hi) {
        char range[64];
        snprintf(range, sizeof range, "%d to %d", lo, hi);
        err_at(c, v, "%s must be a whole number from %s", what, range);
        return -1;
    }
    return (int)x;
}

/* A key that is true or false (absent: false). */
static int yaml_flag(lctx *c, const cc_ynode *n, const char *key)
{
    const char *v = cc_yaml_str(n, key);
    if (v && strcmp(v, "true") != 0 && strcmp(v, "false") != 0)
        err_at(c, cc_yaml_get(n, key), "%s must be true or false, not '%s'", key, v);
    return v && strcmp(v, "true") == 0;
}

/* The words listed under key (a list of words, as whole words), or NULL
 * when the key is absent; not a list is an error. */
static pcre2_code *word_list_key(lctx *c, const cc_ynode *n, const char *key)
{
    const cc_ynode *l = cc_yaml_get(n, key);
    if (l && l->kind == CC_Y_SEQ) return cue_regex(c, l, l, NULL);
    if (l) err_at(c, l, "%s: expected a list of words", key, NULL);
    return NULL;
}

/* A cue's not_after or not_before: a list of words, or alias tables by
 * name ("intention+modal") whose phrases are the words, one list for
 * several rules. NULL when absent. */
static pcre2_code *word_list_or_table(lctx *c, const cc_ynode *n, const char *head, const char *tail, const char *key)
{
    char what[32];
    snprintf(what, sizeof what, "cue %s", key);
    if (!n) return NULL;
    if (n->kind == CC_Y_SEQ) return words_regex(c, n, n, NULL, head, tail, what);
    int ok = n->kind == CC_Y_SCALAR && n->str && *n->str;
    char one[128];
    for (const char *t = ok ? n->str : ""; ok && next_table(&t, one, sizeof one);) /* every table named exists */
        ok = *one && cc_rules_has_table(c->rs, one);
    if (ok) return words_regex(c, n, NULL, n->str, head, tail, what);
    err_at(c, n, "%s: expected a list of words, or alias tables by name (joined by '+')", key, NULL);
    return NULL;
}

/* What a cue matches: its words, a table's phrases, or a proper name beside words
 * (names_after: "the village of Iskra"; names_object_of: "captured Novoselivka"; names_before:
 * "Navalny died"), each words list given as a list or as tables joined by '+'. NULL after an
 * error. */
static pcre2_code *cue_words(lctx *c, const cc_ynode *q, const char *name)
{
    static const char *const keys[] = {"words", "table", "names_after", "names_object_of", "names_before"};
    const cc_ynode *n = NULL;
    int which = -1, count = 0;
    for (int k = 0; k < 5; k++)
        if (cc_yaml_get(q, keys[k])) { n = cc_yaml_get(q, keys[k]); which = k; count++; }
    if (count != 1) {
        err_at(c, q, "cue '%s' needs one of words: [a list], table: NAME, names_after:, names_object_of: or names_before: (a list or tables)", name, NULL);
        return NULL;
    }
    if (which == 1) {
        if (n->kind != CC_Y_SCALAR || !n->str) {
            err_at(c, n, "cue '%s': table: expects the name of one alias table", name, NULL);
            return NULL;
        }
        if (!cc_rules_has_table(c->rs, n->str)) {
            err_at(c, n, "cue '%s' names alias table '%s', which no rule file defines", name, n->str);
            return NULL;
        }
        return cue_regex(c, q, NULL, n->str);
    }
    if (which == 0) {
        if (n->kind != CC_Y_SEQ) { err_at(c, n, "cue '%s': words: expects a list", name, NULL); return NULL; }
        return cue_regex(c, q, n, NULL);
    }
    if (which == 4) /* the words alone: the scan looks back from them for the name */
        return word_list_or_table(c, n, WORDS_HEAD, WORDS_TAIL, keys[which]);
    cc_buf h, t;
    cc_buf_init(&h);
    cc_buf_init(&t);
    name_frame(which == 2 ? NAMES_AFTER : NAMES_OBJECT, &h, &t);
    pcre2_code *re = word_list_or_table(c, n, h.s, t.s, keys[which]);
    cc_buf_free(&h);
    cc_buf_free(&t);
    return re;
}

/* A cue of this name listed already. */
static int same_name_before(const cc_frame *fr, const char *name)
{
    for (size_t k = 0; k < fr->ncues; k++)
        if (strcmp(fr->cues[k].name, name) == 0) return 1;
    return 0;
}

static cc_frame *load_frame(lctx *c, const cc_ynode *f)
{
    static const char *const fkeys[] = {"reach", "cues", "veto", "veto_before", "veto_counted", "nearest", "value_with",
                                        "increments", NULL};
    static const char *const ckeys[] = {"name", "words", "table", "names_after", "optional", "absent", "side", "near",
                                        "names_object_of", "names_before", "not_names", "surname", "reach", "not_after", "not_before", "not_before_gap", "object_of", "nearest", "nearer", "refer", "same_words",
                                        "same_clause", "yields", "only_after", "not_before_figure", "shared_subject", "of_whole", NULL};
    if (f->kind != CC_Y_MAP) { err_at(c, f, "frame: expected a mapping with cues:", NULL, NULL); return NULL; }
    check_keys(c, f, fkeys, "frame");
    cc_frame *fr = cc_xcalloc(1, sizeof *fr);
    fr->reach = 12;
    int v = parse_int(c, cc_yaml_get(f, "reach"), 1, 60, "frame reach");
    if (v > 0) fr->reach = v;
    fr->nearest = yaml_flag(c, f, "nearest");
    fr->increments = yaml_flag(c, f, "increments");
    const char *vw = cc_yaml_str(f, "value_with");
    if (vw && strcmp(vw, "weekday") != 0 && strcmp(vw, "year") != 0)
        err_at(c, cc_yaml_get(f, "value_with"),
               "value_with: expected weekday (a date written with its weekday) or year (a date written with its "
               "year), not '%s'", vw, NULL);
    fr->with_weekday = vw && strcmp(vw, "weekday") == 0;
    fr->with_year = vw && strcmp(vw, "year") == 0;
    const cc_ynode *cues = cc_yaml_get(f, "cues");
    /* a frame that only asks of the value itself may have no cues */
    if (fr->with_weekday && cues && cues->kind == CC_Y_SEQ && !cues->n) return fr;
    if (!cues || cues->kind != CC_Y_SEQ || !cues->n) { err_at(c, f, "frame: needs a list of cues", NULL, NULL); return fr; }
    if (cues->n > 32) { err_at(c, cues, "a frame has at most 32 cues", NULL, NULL); return fr; }
    fr->cues = cc_xcalloc(cues->n, sizeof *fr->cues);
    for (size_t i = 0; i < cues->n; i++) {
        const cc_ynode *q = cues->items[i];
        if (q->kind != CC_Y_MAP) { err_at(c, q, "a cue is a mapping: name, and words or table", NULL, NULL); continue; }
        check_keys(c, q, ckeys, "cue");
        cc_cue *cu = &fr->cues[fr->ncues];
        const char *name = cc_yaml_str(q, "name"), *table = cc_yaml_str(q, "table");
        if (!name) { err_at(c, q, "a cue needs a name (the slot it fills)", NULL, NULL); continue; }
        pcre2_code *re = cue_words(c, q, name);
        if (!re) continue;
        cu->re = re;
        cu->name = cc_xstrdup(name);
        cu->table = table ? cc_xstrdup(table) : NULL;
        cu->line = q->line;
        cu->col = q->col;
        const char *opt = cc_yaml_str(q, "optional");
        cu->required = !(opt && (strcmp(opt, "true") == 0 || strcmp(opt, "yes") == 0));
        if (yaml_flag(c, q, "absent")) {
            cu->absent = 1;
            cu->required = 0; /* a cue that must not be there is never needed */
        }
        const char *side = cc_yaml_str(q, "side");
        if (side && strcmp(side, "before") == 0) cu->side = -1;
        else if (side && strcmp(side, "after") == 0) cu->side = 1;
        else if (side && strcmp(side, "any") != 0) err_at(c, cc_yaml_get(q, "side"), "side must be before, after or any, not '%s'", side, NULL);
        cu->near = -1;
        const char *near = cc_yaml_str(q, "near");
        if (near) {
            for (size_t k = 0; k < fr->ncues; k++)
                if (strcmp(fr->cues[k].name, near) == 0) { cu->near = (int)k; break; }
            if (cu->near < 0) err_at(c, cc_yaml_get(q, "near"), "near: '%s' is no cue listed before this one", near, NULL);
        }
        cu->same_words = yaml_flag(c, q, "same_words");
        if (cu->same_words && cu->near < 0)
            err_at(c, cc_yaml_get(q, "same_words"), "same_words: cue '%s' needs near: (the cue whose words it may share)", name, NULL);
        cu->reach = fr->reach;
        cu->nearest = yaml_flag(c, q, "nearest") || fr->nearest;
        cu->nearer = yaml_flag(c, q, "nearer");
        cu->same_clause = yaml_flag(c, q, "same_clause");
        cu->not_before_figure = yaml_flag(c, q, "not_before_figure");
        cu->shared_subject = yaml_flag(c, q, "shared_subject");
        cu->of_whole = yaml_flag(c, q, "of_whole");
        if (cu->shared_subject && cu->near < 0)
            err_at(c, cc_yaml_get(q, "shared_subject"), "shared_subject: cue '%s' needs near: (the verb whose subject it is)", name, NULL);
        if (cu->nearer && !same_name_before(fr, name))
            err_at(c, cc_yaml_get(q, "nearer"), "nearer: cue '%s' is an alternative to a cue of the same name listed before it, and there is none", name, NULL);
        v = parse_int(c, cc_yaml_get(q, "reach"), 0, 60, "cue reach");
        if (v >= 0) cu->reach = v;
        cu->surname = yaml_flag(c, q, "surname");
        cu->names_before = cc_yaml_get(q, "names_before") != NULL;
        /* the words, then white space, ending where the cue's match starts */
        cu->not_after = word_list_or_table(c, cc_yaml_get(q, "not_after"), "(?<![\\pL\\pN])(?:", ")\\s+\\z",
                                           "not_after");
        cu->only_after = word_list_or_table(c, cc_yaml_get(q, "only_after"), "(?<![\\pL\\pN])(?:", ")\\s+\\z",
                                            "only_after");
        /* from where the cue's match ends: white space, a possessive ending and white space
         * ("Ukraine's farmland"), or straight a word that is a possessive ending ("children's");
         * not_before_gap: N: after a possessive, the words may stand up to N words further on, no
         * comma between ("Kyiv's general staff says": the speaker, not the side) */
        int gap = parse_int(c, cc_yaml_get(q, "not_before_gap"), 0, 5, "not_before_gap");
        char nb_head[160];
        snprintf(nb_head, sizeof nb_head,
                 "\\G(?:(?:(?<=['’]s)|['’]s)(?:\\s+[\\pL\\pN'’-]+){0,%d}?\\s+|['’]\\s+|\\s+|(?=['’]))(?:",
                 gap > 0 ? gap : 0);
        cu->not_before = word_list_or_table(c, cc_yaml_get(q, "not_before"), nb_head, ")(?![\\pL\\pN])", "not_before");
        /* the verb, then white space, ending where the value starts */
        cu->object_of = word_list_or_table(c, cc_yaml_get(q, "object_of"), "(?<![\\pL\\pN])(?:", ")\\s+\\z",
                                           "object_of");
        /* the whole of a match */
        cu->yields = word_list_or_table(c, cc_yaml_get(q, "yields"), "\\A(?:", ")\\z", "yields");
        cu->refer = word_list_key(c, q, "refer");
        /* a word of the name, from where it starts */
        cu->not_names = word_list_or_table(c, cc_yaml_get(q, "not_names"), "\\G(?:", ")(?![\\pL\\pN])", "not_names");
        fr->ncues++;
    }
    const cc_ynode *veto = cc_yaml_get(f, "veto");
    if (veto && veto->kind == CC_Y_SEQ) fr->veto = cue_regex(c, veto, veto, NULL);
    else if (veto) fr->veto = compile(c, veto, "frame veto");
    fr->veto_before = word_list_key(c, f, "veto_before");
    fr->veto_counted = word_list_key(c, f, "veto_counted");
    return fr;
}

/* The kind of the values a rule compares (its within: bounds, its examples'
 * expectations): a start it derives is a date, a share a percentage. */
static cc_kind value_kind(const cc_rule *r)
{
    if (r->derive == CC_DERIVE_START || r->derive == CC_DERIVE_REACHED) return CC_K_DATE;
    return r->derive == CC_DERIVE_SHARE ? CC_K_PERCENT : r->kind;
}

static void subject_policy(lctx *c, cc_rule *r, const cc_ynode *n);

/* defer_to: [ids] — earlier rules (they read first) whose claim on a value
 * this rule does not repeat under a subject of its own: a general rule
 * leaves to a specific one what both read. */
static void load_defer(lctx *c, cc_rule *r, const cc_ynode *v)
{
    if (!v) return;
    if (v->kind != CC_Y_SEQ) { err_at(c, v, "defer_to: expected a list of rule ids", NULL, NULL); return; }
    r->defer = cc_xcalloc(v->n ? v->n : 1, sizeof *r->defer);
    for (size_t i = 0; i < v->n; i++) {
        const char *id = v->items[i]->str ? v->items[i]->str : "";
        size_t k = 0;
        while (k < c->rs->n && strcmp(c->rs->rules[k].id, id) != 0) k++;
        if (k == c->rs->n) {
            err_at(c, v->items[i], "defer_to: no rule '%s' before this one (the rule deferred to must read first: list "
                                   "it earlier)", id, NULL);
            continue;
        }
        r->defer[r->ndefer++] = k;
    }
}

/* A subject slot some pattern group, frame cue or default fills. */
static void check_slot_filled(lctx *c, const cc_rule *r, const cc_ynode *at, const char *name)
{
    int ok = r->derive == CC_DERIVE_REACHED && strcmp(name, "age") == 0; /* the age reached, from the value */
    for (size_t i = 0; i < r->ndefaults && !ok; i++) ok = strcmp(r->defaults[i].name, name) == 0;
    for (size_t i = 0; i < r->npats && !ok; i++)
        ok = pcre2_substring_number_from_name(r->pats[i].re, (PCRE2_SPTR)name) > 0;
    for (size_t i = 0; r->frame && i < r->frame->ncues && !ok; i++) ok = strcmp(r->frame->cues[i].name, name) == 0;
    if (!ok)
        err_at(c, at, "subject slot ${%s} is filled by no pattern group (?<%s>…), no frame cue and no default: "
                      "add one, or every claim would read 'unknown' there", name, name);
}

/* Every ${slot} of the subject is closed, names an alias table that exists
 * (${where:table}), and is filled by a pattern's group of that name, a
 * frame's cue or a default: one nothing fills would read "unknown" in every
 * claim. Errors point at the subject. */
static void check_subject_slots(lctx *c, const cc_rule *r, const cc_ynode *at)
{
    for (const char *t = r->subject; (t = strstr(t, "${"));) {
        const char *e = strchr(t, '}');
        if (!e) { err_at(c, at, "unclosed ${ in subject '%s'", r->subject, NULL); break; }
        t += 2;
        size_t n = strcspn(t, ":+}");
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(n < 63 ? n : 63), t);
        if (t[n] == '+') { /* ${a+b}: each of the slots */
            for (const char *p = t; p < e;) {
                size_t k = strcspn(p, "+}");
                snprintf(name, sizeof name, "%.*s", (int)(k < 63 ? k : 63), p);
                check_slot_filled(c, r, at, name);
                p += k + 1;
            }
            t = e;
            continue;
        }
        if (t[n] == ':') {
            char tb[64];
            snprintf(tb, sizeof tb, "%.*s", (int)(e - (t + n) - 1), t + n + 1);
            if (!cc_rules_has_table(c->rs, tb)) err_at(c, at, "subject names alias table '%s', which no rule file defines", tb, NULL);
        }
        check_slot_filled(c, r, at, name);
        t = e;
    }
}

static void load_rule(lctx *c, const cc_ynode *n)
{
    static const char *const keys[] = {"id", "description", "type", "kind", "derive", "reference", "rounding",
                                       "subject", "defaults", "policy", "window_days", "severity", "topic",
                                       "message", "url",
                                       "patterns", "frame", "examples", "trigger", "also", "within", "defer_to", NULL};
    if (n->kind != CC_Y_MAP) { err_at(c, n, "a rule must be a mapping", NULL, NULL); return; }
    size_t before = c->d->errors;
    check_keys(c, n, keys, "rule");
    cc_rule r;
    memset(&r, 0, sizeof r);
    r.file = cc_xstrdup(c->file);
    r.line = n->line;
    r.window_days = 45;
    r.severity = CC_SEV_ERROR;
    const char *id = cc_yaml_str(n, "id");
    if (!id || !*id) { err_at(c, n, "rule has no id", NULL, NULL); id = "?"; }
    r.id = cc_xstrdup(id);
    for (size_t i = 0; i < c->rs->n; i++)
        if (strcmp(c->rs->rules[i].id, id) == 0) {
            char where[512];
            snprintf(where, sizeof where, "%s:%d", c->rs->rules[i].file, c->rs->rules[i].line);
            err_at(c, cc_yaml_get(n, "id"), "duplicate rule id '%s' (first defined at %s)", id, where);
        }
    const char *desc = cc_yaml_str(n, "description");
    if (!desc) err_at(c, n, "rule '%s' has no description", id, NULL);
    r.description = cc_xstrdup(desc ? desc : "");
    const char *msg = cc_yaml_str(n, "message"), *url = cc_yaml_str(n, "url");
    r.message = msg ? cc_xstrdup(msg) : NULL;
    r.url = url ? cc_xstrdup(url) : NULL;
    if (url && strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0)
        err_at(c, cc_yaml_get(n, "url"), "url must be an http:// or https:// address, not '%s'", url, NULL);
    for (const char *t = msg; t && (t = strstr(t, "${"));) {
        t += 2;
        if (cc_rules_message_slot(t, strcspn(t, "}")) < 0) {
            char known[96] = "";
            for (int k = 0; k < CC_MSG__N; k++)
                snprintf(known + strlen(known), sizeof known - strlen(known), "%s${%s}", k ? ", " : "", message_slots[k]);
            err_at(c, cc_yaml_get(n, "message"), "message: unknown placeholder in '%s' (known: %s)", msg, known);
        }
    }
    const char *type = cc_yaml_str(n, "type");
    if (type && strcmp(type, "claim") != 0)
        err_at(c, cc_yaml_get(n, "type"),
               strcmp(type, "dateline") == 0
                   ? "type '%s' is gone: publication dates are found on the page itself (docs/dates.md); remove this rule"
                   : "type must be claim, not '%s'",
               type, NULL);
    const char *kind = cc_yaml_str(n, "kind");
    r.kind = CC_K__N;
    if (kind) {
        r.kind = cc_kind_parse(kind);
        if (r.kind == CC_K__N || r.kind == CC_K_ANY)
            err_at(c, cc_yaml_get(n, "kind"),
                   "unknown kind '%s' (expected duration, date, percent, area, length, count, number, money, mass, volume)", kind, NULL);
    } else {
        err_at(c, n, "rule '%s' has no kind", id, NULL);
    }
    const char *der = cc_yaml_str(n, "derive");
    if (der) {
        if (strcmp(der, "start") == 0) r.derive = CC_DERIVE_START;
        else if (strcmp(der, "share") == 0) r.derive = CC_DERIVE_SHARE;
        else if (strcmp(der, "reached") == 0) r.derive = CC_DERIVE_REACHED;
        else if (strcmp(der, "none") != 0)
            err_at(c, cc_yaml_get(n, "derive"), "derive must be start, share, reached or none, not '%s'", der, NULL);
        if ((r.derive == CC_DERIVE_START || r.derive == CC_DERIVE_REACHED) && r.kind != CC_K_DURATION)
            err_at(c, cc_yaml_get(n, "derive"), "derive: %s needs kind: duration", der, NULL);
        if (r.derive == CC_DERIVE_SHARE && !cc_yaml_str(n, "reference"))
            err_at(c, cc_yaml_get(n, "derive"), "derive: share needs a reference template such as area.${region}", NULL, NULL);
    }
    const char *ref = cc_yaml_str(n, "reference");
    r.reference = ref ? cc_xstrdup(ref) : NULL;
    const char *rnd = cc_yaml_str(n, "rounding");
    if (rnd) {
        if (strcmp(rnd, "down") == 0) r.round_down = 1;
        else if (strcmp(rnd, "nearest") != 0) err_at(c, cc_yaml_get(n, "rounding"), "rounding must be nearest or down", NULL, NULL);
    }
    const char *subj = cc_yaml_str(n, "subject");
    if (!subj) err_at(c, n, "rule '%s' has no subject", id, NULL);
    r.subject = cc_xstrdup(subj ? subj : "");
    const cc_ynode *defs = cc_yaml_get(n, "defaults");
    if (defs) {
        if (defs->kind != CC_Y_MAP) err_at(c, defs, "defaults: expected group: value", NULL, NULL);
        else
            for (size_t i = 0; i + 1 < defs->n; i += 2) {
                r.defaults = cc_xrealloc(r.defaults, (r.ndefaults + 1) * sizeof *r.defaults);
                r.defaults[r.ndefaults].name = cc_xstrdup(defs->items[i]->str);
                r.defaults[r.ndefaults].value = cc_xstrdup(defs->items[i + 1]->str ? defs->items[i + 1]->str : "");
                r.ndefaults++;
            }
    }
    const char *pol = cc_yaml_str(n, "policy");
    if (pol) {
        int p = policy_parse(pol);
        if (p < 0) err_at(c, cc_yaml_get(n, "policy"), "policy must be fixed, varying, cumulative or none, not '%s'", pol, NULL);
        else r.policy = (cc_policy)p;
        r.policy_set = p >= 0;
    }
    int wdays = parse_int(c, cc_yaml_get(n, "window_days"), 0, 36500, "window_days");
    if (wdays >= 0) r.window_days = wdays;
    const char *sev = cc_yaml_str(n, "severity");
    if (sev) {
        int s = cc_severity_parse_or_off(sev);
        if (s < 0) err_at(c, cc_yaml_get(n, "severity"), "severity must be error, warning, info or off, not '%s'", sev, NULL);
        else if (s == CC_SEV_OFF) r.off = 1;
        else r.severity = (cc_severity)s;
    }
    const cc_ynode *topic = cc_yaml_get(n, "topic");
    if (topic) {
        static const char *const tkeys[] = {"document", "or_not_document", "sentence", "not_sentence", NULL};
        if (topic->kind != CC_Y_MAP)
            err_at(c, topic, "topic: expected document, or_not_document, sentence, not_sentence", NULL, NULL);
        else {
            check_keys(c, topic, tkeys, "topic");
            const cc_ynode *orn = cc_yaml_get(topic, "or_not_document");
            if (orn && !cc_yaml_get(topic, "document"))
                err_at(c, orn, "topic.or_not_document needs topic.document: a document passes when it matches document or "
                       "does not match or_not_document", NULL, NULL);
            if (cc_yaml_get(topic, "document")) {
                r.topic_doc = compile_x(c, cc_yaml_get(topic, "document"), "topic.document", &r.topic_doc_src);
                if (orn) {
                    char *esrc = NULL;
                    r.topic_doc_else = compile_x(c, orn, "topic.or_not_document", &esrc);
                    if (r.topic_doc_src && esrc) { /* the gate's key: both sources */
                        size_t a = strlen(r.topic_doc_src), b = strlen(esrc);
                        r.topic_doc_src = cc_xrealloc(r.topic_doc_src, a + b + 2);
                        r.topic_doc_src[a] = '\x01';
                        memcpy(r.topic_doc_src + a + 1, esrc, b + 1);
                    }
                    free(esrc);
                }
                /* rules that share a document topic ask it once per document */
                r.topic_doc_same = c->rs->n;
                for (size_t i = 0; r.topic_doc_src && i < c->rs->n; i++)
                    if (c->rs->rules[i].topic_doc_src && strcmp(c->rs->rules[i].topic_doc_src, r.topic_doc_src) == 0) {
                        r.topic_doc_same = i;
                        break;
                    }
            }
            if (cc_yaml_get(topic, "sentence")) r.topic_sent = compile(c, cc_yaml_get(topic, "sentence"), "topic.sentence");
            if (cc_yaml_get(topic, "not_sentence")) r.topic_not = compile(c, cc_yaml_get(topic, "not_sentence"), "topic.not_sentence");
        }
    }
    for (int also = 0; also <= 1; also++) {
        const char *key = also ? "also" : "trigger";
        const cc_ynode *trig = cc_yaml_get(n, key);
        if (!trig) continue;
        /* a list of words, case-insensitive; "stem*" matches any word that
         * starts with the stem. Letters only (or %): the pass reads words. */
        size_t cnt = trig->kind == CC_Y_SEQ ? trig->n : 0;
        if (trig->kind != CC_Y_SEQ || !cnt) err_at(c, trig, "%s: expected a list of words", key, NULL);
        for (size_t i = 0; i < cnt; i++) {
            const cc_ynode *w = trig->items[i];
            int ok = w->kind == CC_Y_SCALAR && w->len > 0 && w->len < 32;
            for (size_t k = 0; ok && k < w->len; k++) {
                char ch = w->str[k];
                if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch == '*' && k == w->len - 1 && k > 0))) ok = 0;
            }
            if (w->kind == CC_Y_SCALAR && w->len == 1 && w->str[0] == '%') ok = 1;
            if (!ok) {
                err_at(c, w, "a trigger is one word of ASCII letters (optionally ending in * for a stem), or %%, not '%s'",
                       w->kind == CC_Y_SCALAR ? w->str : "?", NULL);
                continue;
            }
            add_trigger(c->rs, w->str, c->rs->n, also); /* this rule's index once it is added below */
        }
        if (also) r.has_also = 1;
        else r.has_trigger = 1;
    }
    if (r.has_also && !r.has_trigger) err_at(c, cc_yaml_get(n, "also"), "also: needs a trigger: list", NULL, NULL);
    const cc_ynode *pats = cc_yaml_get(n, "patterns");
    if (cc_yaml_get(n, "frame")) r.frame = load_frame(c, cc_yaml_get(n, "frame"));
    if (!pats && r.frame) {
        /* a frame alone */
    } else if (!pats || pats->kind != CC_Y_SEQ || pats->n == 0) {
        err_at(c, pats ? pats : n, "rule '%s' needs a list of patterns or a frame", id, NULL);
    } else {
        for (size_t i = 0; i < pats->n; i++) {
            pcre2_code *re = compile(c, pats->items[i], "pattern");
            if (!re) continue;
            int g = pcre2_substring_number_from_name(re, (PCRE2_SPTR) "value");
            if (g <= 0) {
                err_at(c, pats->items[i], "pattern has no (?<value>…) group: the normalizer reads that group", NULL, NULL);
                continue;
            }
            r.pats = cc_xrealloc(r.pats, (r.npats + 1) * sizeof *r.pats);
            cc_pattern *p = &r.pats[r.npats++];
            p->re = re;
            p->source = cc_xstrdup(pats->items[i]->str);
            p->line = pats->items[i]->line;
            p->col = pats->items[i]->col;
            p->value_group = (uint32_t)g;
        }
    }
    check_subject_slots(c, &r, cc_yaml_get(n, "subject"));
    load_defer(c, &r, cc_yaml_get(n, "defer_to"));
    const cc_ynode *within = cc_yaml_get(n, "within");
    if (within) {
        cc_kind wk = value_kind(&r);
        const cc_ynode *lo = cc_yaml_get(within, "low"), *hi = cc_yaml_get(within, "high");
        int open;
        r.within_low = -INFINITY;
        r.within_high = INFINITY;
        if (within->kind != CC_Y_MAP || (!lo && !hi)) err_at(c, within, "within: expected low and/or high", NULL, NULL);
        if (lo && parse_bound(c, lo, wk, &r.within_low, &open) == 0 && open) r.within_low = -INFINITY;
        if (hi && parse_bound(c, hi, wk, &r.within_high, &open) == 0 && open) r.within_high = INFINITY;
        r.has_within = 1;
    }
    const cc_ynode *ex = cc_yaml_get(n, "examples");
    int npos = 0, nneg = 0;
    if (ex && ex->kind == CC_Y_SEQ) {
        static const char *const ekeys[] = {"text", "date", "match", "expect", "subject", NULL};
        for (size_t i = 0; i < ex->n; i++) {
            const cc_ynode *e = ex->items[i];
            if (e->kind != CC_Y_MAP) { err_at(c, e, "an example is a mapping with text:", NULL, NULL); continue; }
            check_keys(c, e, ekeys, "example");
            const char *text = cc_yaml_str(e, "text");
            if (!text) { err_at(c, e, "example has no text", NULL, NULL); continue; }
            cc_example x;
            memset(&x, 0, sizeof x);
            x.text = cc_xstrdup(text);
            x.line = e->line;
            x.col = e->col;
            x.positive = 1;
            const char *m = cc_yaml_str(e, "match");
            if (m && (strcmp(m, "false") == 0 || strcmp(m, "no") == 0)) x.positive = 0;
            const char *d = cc_yaml_str(e, "date");
            if (d) {
                if (cc_date_parse_iso(d, &x.date) != 0) err_at(c, cc_yaml_get(e, "date"), "example date '%s' is not a real YYYY-MM-DD date", d, NULL);
                else x.has_date = 1;
            }
            const char *s = cc_yaml_str(e, "subject");
            if (s) x.subject = cc_xstrdup(s);
            const cc_ynode *exp = cc_yaml_get(e, "expect");
            if (exp) {
                cc_kind ek = value_kind(&r);
                const cc_ynode *lo = cc_yaml_get(exp, "low"), *hi = cc_yaml_get(exp, "high");
                if (!lo && !hi) err_at(c, exp, "expect: needs low and/or high", NULL, NULL);
                if (lo && parse_bound(c, lo, ek, &x.low, &x.low_open) == 0) x.has_low = 1;
                if (hi && parse_bound(c, hi, ek, &x.high, &x.high_open) == 0) x.has_high = 1;
            }
            if (x.positive) npos++; else nneg++;
            r.ex = cc_xrealloc(r.ex, (r.nex + 1) * sizeof *r.ex);
            r.ex[r.nex++] = x;
        }
    } else if (ex) {
        err_at(c, ex, "examples: expected a list", NULL, NULL);
    }
    if (npos < 1 || nneg < 1)
        err_at(c, cc_yaml_get(n, "id") ? cc_yaml_get(n, "id") : n,
               "rule '%s' needs at least one positive and one negative example (match: false)", id, NULL);
    (void)before;
    subject_policy(c, &r, n);
    c->rs->rules = cc_xrealloc(c->rs->rules, (c->rs->n + 1) * sizeof *c->rs->rules);
    c->rs->rules[c->rs->n++] = r;
}

/* ---- subjects ---- */

/* A template part such as "${region}" matches any part. */
static int memmem_dollar(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (s[i] == '$' && s[i + 1] == '{') return 1;
    return 0;
}

static void parse_double(lctx *c, const cc_ynode *v, double *out)
{
    char *e;
    double x = v->str ? strtod(v->str, &e) : 0;
    if (!v->str || *e) err_at(c, v, "expected a number, found '%s'", v->str ? v->str : "?", NULL);
    else *out = x;
}

/* cc_subject_fits for a subject with no template part: one pass, no
 * segment measured twice (it is asked for every claim made). */
static int fits_plain(const char *p, const char *s)
{
    for (;;) {
        if (p[0] == '*' && (p[1] == '.' || !p[1])) {
            while (*s && *s != '.') s++;
            p++;
        } else {
            while (*p && *p != '.' && *p == *s) { p++; s++; }
            if ((*p && *p != '.') || (*s && *s != '.')) return 0;
        }
        if (!*p || !*s) return !*p && !*s;
        p++;
        s++;
    }
}

int cc_subject_fits(const char *pattern, const char *subject)
{
    if (!strchr(subject, '$')) return fits_plain(pattern, subject);
    const char *p = pattern, *s = subject;
    for (;;) {
        size_t pl = strcspn(p, "."), sl = strcspn(s, ".");
        int any = (pl == 1 && p[0] == '*') || memmem_dollar(s, sl);
        if (!any && (pl != sl || strncmp(p, s, pl) != 0)) return 0;
        p += pl;
        s += sl;
        if (!*p || !*s) return !*p && !*s;
        p++;
        s++;
    }
}

const cc_subject_decl *cc_rules_subject_decl(const cc_ruleset *rs, const char *subject)
{
    for (size_t i = 0; i < rs->nsubjects; i++)
        if (cc_subject_fits(rs->subjects[i].pattern, subject)) return &rs->subjects[i];
    return NULL;
}

const cc_subject_decl *cc_rules_complement_of(const cc_ruleset *rs, const char *subject)
{
    for (size_t i = 0; i < rs->nsubjects; i++)
        if (rs->subjects[i].complement && cc_subject_fits(rs->subjects[i].complement, subject) &&
            !cc_subject_fits(rs->subjects[i].pattern, subject))
            return &rs->subjects[i];
    return NULL;
}

/* "event.capture.crimea.date: {same_as: event.annexation.crimea.date}": a
 * subject written one way that is another's ("seized Crimea in 2014" is
 * its annexation), both whole subjects with no "*". */
static void same_as_decl(lctx *c, const cc_ynode *k, const cc_ynode *v)
{
    const char *to = cc_yaml_str(v, "same_as");
    if (!to || strchr(to, '*') || strchr(k->str, '*') || v->n != 2) {
        err_at(c, k, "subject '%s': same_as: names one whole subject (no '*') and stands alone", k->str, NULL);
        return;
    }
    c->rs->same_as = cc_xrealloc(c->rs->same_as, 2 * (c->rs->nsame + 1) * sizeof *c->rs->same_as);
    c->rs->same_as[2 * c->rs->nsame] = cc_xstrdup(k->str);
    c->rs->same_as[2 * c->rs->nsame + 1] = cc_xstrdup(to);
    c->rs->nsame++;
}

const char *cc_rules_same_as(const cc_ruleset *rs, const char *subject)
{
    for (size_t i = 0; i < rs->nsame; i++)
        if (strcmp(rs->same_as[2 * i], subject) == 0) return rs->same_as[2 * i + 1];
    return NULL;
}

static void load_subjects(lctx *c, const cc_ynode *sj)
{
    static const char *const keys[] = {"policy", "window_days", "unit", "complement", "total", "override", "same_as",
                                       "counted_from", NULL};
    if (sj->kind != CC_Y_MAP) { err_at(c, sj, "subjects: expected a mapping of subject patterns", NULL, NULL); return; }
    for (size_t i = 0; i + 1 < sj->n; i += 2) {
        const cc_ynode *k = sj->items[i], *v = sj->items[i + 1];
        if (v->kind != CC_Y_MAP) { err_at(c, v, "subject '%s': expected policy:, unit:, complement:", k->str, NULL); continue; }
        check_keys(c, v, keys, "subject");
        if (cc_yaml_get(v, "same_as")) { /* another name for one subject: no family of its own */
            same_as_decl(c, k, v);
            continue;
        }
        const char *ov = cc_yaml_str(v, "override");
        int override = ov && strcmp(ov, "true") == 0;
        if (ov && !override && strcmp(ov, "false") != 0)
            err_at(c, cc_yaml_get(v, "override"), "override must be true or false, not '%s'", ov, NULL);
        size_t at = c->rs->nsubjects; /* the earlier declaration an override replaces */
        for (size_t j = 0; j < c->rs->nsubjects; j++)
            if (strcmp(c->rs->subjects[j].pattern, k->str) == 0) {
                char where[512];
                snprintf(where, sizeof where, "%s:%d", c->rs->subjects[j].file, c->rs->subjects[j].line);
                if (override) at = j;
                else err_at(c, k, "subject '%s' is declared twice (first at %s): write 'override: true' under it to "
                                  "replace that declaration", k->str, where);
            }
        if (override && at == c->rs->nsubjects) {
            err_at(c, k, "subject '%s': nothing to override, no rule file before this one declares it", k->str, NULL);
            continue;
        }
        cc_subject_decl d;
        memset(&d, 0, sizeof d);
        d.pattern = cc_xstrdup(k->str);
        d.file = cc_xstrdup(c->file);
        d.line = k->line;
        d.window_days = 45;
        d.total = 100;
        d.counted_from = INT64_MIN;
        const cc_ynode *cf = cc_yaml_get(v, "counted_from");
        if (cf && (cf->kind != CC_Y_SCALAR || cc_date_parse_iso(cf->str, &d.counted_from) != 0))
            err_at(c, cf, "counted_from: expected the running total's first day, YYYY-MM-DD", NULL, NULL);
        const char *pol = cc_yaml_str(v, "policy");
        int pp = pol ? policy_parse(pol) : -1;
        if (pp >= 0) d.policy = (cc_policy)pp;
        else err_at(c, pol ? cc_yaml_get(v, "policy") : v, "subject '%s' needs policy: fixed, varying, cumulative or none", k->str, NULL);
        int w = parse_int(c, cc_yaml_get(v, "window_days"), 0, 36500, "window_days");
        if (w >= 0) d.window_days = w;
        const char *unit = cc_yaml_str(v, "unit");
        if (unit) d.unit = cc_xstrdup(unit);
        const char *comp = cc_yaml_str(v, "complement");
        if (comp) {
            d.complement = cc_xstrdup(comp);
            if (!unit || strcmp(unit, "percent") != 0)
                err_at(c, cc_yaml_get(v, "complement"), "a complement needs unit: percent (a share s is total - s of the other)", NULL, NULL);
        }
        const cc_ynode *tot = cc_yaml_get(v, "total");
        if (tot) parse_double(c, tot, &d.total);
        if (at < c->rs->nsubjects) { /* the house's declaration in the shipped one's place */
            subject_decl_free(&c->rs->subjects[at]);
            c->rs->subjects[at] = d;
            continue;
        }
        c->rs->subjects = cc_xrealloc(c->rs->subjects, (c->rs->nsubjects + 1) * sizeof *c->rs->subjects);
        c->rs->subjects[c->rs->nsubjects++] = d;
    }
}

/* A rule whose subject falls in a declared family takes its policy and
 * window, and may not state another. */
static void subject_policy(lctx *c, cc_rule *r, const cc_ynode *n)
{
    size_t fit = 0, which = 0;
    for (size_t i = 0; i < c->rs->nsubjects; i++) {
        const cc_subject_decl *d = &c->rs->subjects[i];
        if (cc_subject_fits(d->pattern, r->subject) || (d->complement && cc_subject_fits(d->complement, r->subject))) {
            fit++;
            which = i;
        }
    }
    r->declared = fit > 0;
    /* a template that fits several families (event.${event}...) takes each claim's from its own */
    if (fit != 1) return;
    const cc_subject_decl *d = &c->rs->subjects[which];
    char where[512];
    snprintf(where, sizeof where, "%s:%d", d->file, d->line);
    if (r->policy_set && r->policy != d->policy)
        err_at(c, cc_yaml_get(n, "policy"), "policy disagrees with subject '%s' declared at %s; remove it or change the declaration",
               d->pattern, where);
    r->policy = d->policy;
    if (!cc_yaml_get(n, "window_days")) r->window_days = d->window_days;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Pass 1 reads tables and macros from every source, so any rule can use
 * them; pass 2 reads the rules. */
static int load_sources(cc_ruleset *rs, const cc_rule_source *src, size_t n, cc_diags *d)
{
    for (size_t i = 0; i < n; i++) {
        rs->digest = cc_fnv64(rs->digest, src[i].text, src[i].len);
        rs->digest = cc_fnv64(rs->digest, "\x1e", 1);
    }
    cc_ynode **trees = cc_xcalloc(n ? n : 1, sizeof *trees);
    size_t errs0 = d->errors;
    for (size_t i = 0; i < n; i++) {
        lctx c = {rs, d, src[i].name, NULL, 0, NULL};
        load_lines(&c, src[i].text, src[i].len);
        char yerr[512];
        trees[i] = cc_yaml_load_mem(src[i].text, src[i].len, yerr, sizeof yerr);
        if (!trees[i]) {
            int line = 0, col = 0;
            sscanf(yerr, "%d:%d", &line, &col);
            const char *msg = strchr(yerr, ' ');
            cc_diag_add(d, CC_D_ERROR, src[i].name, line, col, src_line(&c, line), "YAML error:%s", msg ? msg : yerr);
            free_lines(&c);
            continue;
        }
        static const char *const top[] = {"rules", "aliases", "references", "macros", "subjects", NULL};
        if (trees[i]->kind != CC_Y_MAP) err_at(&c, trees[i], "a rule file is a mapping with rules:, aliases:, references:, macros:, subjects:", NULL, NULL);
        else check_keys(&c, trees[i], top, "file");
        const cc_ynode *x;
        if ((x = cc_yaml_get(trees[i], "aliases"))) load_aliases(&c, x);
        if ((x = cc_yaml_get(trees[i], "references"))) load_references(&c, x);
        if ((x = cc_yaml_get(trees[i], "macros"))) load_macros(&c, x);
        if ((x = cc_yaml_get(trees[i], "subjects"))) load_subjects(&c, x);
        free_lines(&c);
    }
    for (size_t i = 0; i < n; i++) {
        if (!trees[i]) continue;
        lctx c = {rs, d, src[i].name, NULL, 0, NULL};
        load_lines(&c, src[i].text, src[i].len);
        const cc_ynode *rl = cc_yaml_get(trees[i], "rules");
        if (rl && rl->kind == CC_Y_SEQ)
            for (size_t k = 0; k < rl->n; k++) load_rule(&c, rl->items[k]);
        else if (rl)
            err_at(&c, rl, "rules: expected a list", NULL, NULL);
        free_lines(&c);
        cc_yaml_free(trees[i]);
    }
    free(trees);
    int ok = d->errors == errs0;
    if (ok) {
        build_triggers(rs);
        if (rs->trig.nstates > CC_TRIG_MAX) {
            cc_diag_add(d, CC_D_ERROR, n ? src[n - 1].name : "rules", 0, 0, NULL,
                        "the rules' trigger words make %zu automaton states, more than the %d the scanner "
                        "steps through: list fewer or shorter trigger words (a stem* covers a word's forms)",
                        rs->trig.nstates, CC_TRIG_MAX);
            ok = 0;
        }
        if (ok) jit_all(rs);
    }
    free(rs->jit_todo);
    rs->jit_todo = NULL;
    rs->njit = 0;
    return ok ? 0 : -1;
}

cc_ruleset *cc_rules_load_mem(const cc_lexicon *lx, const cc_rule_source *src, size_t n, cc_diags *d)
{
    cc_ruleset *rs = cc_xcalloc(1, sizeof *rs);
    rs->dir = cc_xstrdup("");
    rs->match_limit = 1000000;
    rs->lx = (cc_lexicon *)lx;
    rs->owns_lx = 0;
    rs->digest = CC_FNV64_START;
    if (load_sources(rs, src, n, d) != 0) {
        cc_rules_free(rs);
        return NULL;
    }
    return rs;
}

cc_ruleset *cc_rules_load(const char *dir, cc_diags *d) { return cc_rules_load_dirs(&dir, 1, d); }

uint64_t cc_rules_digest(const cc_ruleset *rs) { return rs->digest; }

const cc_rule *cc_rules_find(const cc_ruleset *rs, const char *id)
{
    for (size_t i = 0; i < rs->n; i++)
        if (strcmp(rs->rules[i].id, id) == 0) return &rs->rules[i];
    return NULL;
}

static int has_lexicon(const char *dir)
{
    char p[4096];
    snprintf(p, sizeof p, "%s/lexicon.yaml", dir);
    FILE *f = fopen(p, "r");
    if (f) fclose(f);
    return f != NULL;
}

cc_ruleset *cc_rules_load_dirs(const char *const *dirs, size_t ndirs, cc_diags *d)
{
    cc_ruleset *rs = cc_xcalloc(1, sizeof *rs);
    rs->dir = cc_xstrdup(ndirs ? dirs[0] : ".");
    rs->match_limit = 1000000;
    rs->owns_lx = 1;
    char path[4096], err[1024];
    /* the lexicon: from the first directory that has one */
    const char *lxdir = ndirs ? dirs[0] : ".";
    for (size_t i = 0; i < ndirs; i++)
        if (has_lexicon(dirs[i])) { lxdir = dirs[i]; break; }
    snprintf(path, sizeof path, "%s/lexicon.yaml", lxdir);
    rs->lx = cc_lexicon_load(path, err, sizeof err);
    rs->digest = CC_FNV64_START;
    char *lxdata;
    size_t lxlen;
    if (rs->lx && cc_read_file(path, 0, &lxdata, &lxlen, err, sizeof err) == 0) {
        rs->digest = cc_fnv64(rs->digest, lxdata, lxlen);
        free(lxdata);
    }
    if (!rs->lx) {
        cc_diag_add(d, CC_D_ERROR, NULL, 0, 0, NULL, "%s", err);
        cc_rules_free(rs);
        return NULL;
    }
    char **files = NULL;
    size_t nf = 0;
    for (size_t k = 0; k < ndirs; k++) {
        DIR *dh = opendir(dirs[k]);
        if (!dh) {
            cc_diag_add(d, CC_D_ERROR, dirs[k], 0, 0, NULL, "cannot open the rules directory");
            continue;
        }
        size_t first = nf;
        struct dirent *de;
        while ((de = readdir(dh))) {
            size_t l = strlen(de->d_name);
            if (l < 6 || strcmp(de->d_name + l - 5, ".yaml") || strcmp(de->d_name, "lexicon.yaml") == 0 || de->d_name[0] == '.')
                continue;
            files = cc_xrealloc(files, (nf + 1) * sizeof *files);
            snprintf(path, sizeof path, "%s/%s", dirs[k], de->d_name);
            files[nf++] = cc_xstrdup(path);
        }
        closedir(dh);
        /* sorted by name within each directory, directories in the order given */
        if (nf - first > 1) qsort(files + first, nf - first, sizeof *files, cmp_str);
    }
    cc_rule_source *src = cc_xcalloc(nf ? nf : 1, sizeof *src);
    size_t ns = 0;
    int bad = d->errors > 0;
    for (size_t i = 0; i < nf; i++) {
        char *data;
        size_t len;
        if (cc_read_file(files[i], 0, &data, &len, err, sizeof err) != 0) {
            cc_diag_add(d, CC_D_ERROR, files[i], 0, 0, NULL, "%s", err);
            bad = 1;
            continue;
        }
        src[ns].name = files[i];
        src[ns].text = data;
        src[ns++].len = len;
    }
    int rc = bad ? -1 : load_sources(rs, src, ns, d);
    for (size_t i = 0; i < ns; i++) free((char *)src[i].text);
    free(src);
    for (size_t i = 0; i < nf; i++) free(files[i]);
    free(files);
    if (rc != 0) {
        cc_rules_free(rs);
        return NULL;
    }
    return rs;
}

int cc_rules_set_severity(cc_ruleset *rs, const char *id, cc_severity sev)
{
    for (size_t i = 0; i < rs->n; i++)
        if (strcmp(rs->rules[i].id, id) == 0) {
            rs->rules[i].off = (int)sev == CC_SEV_OFF;
            if (!rs->rules[i].off) rs->rules[i].severity = sev;
            return 0;
        }
    return -1;
}

#include "cc_norm.h"
#include "cc_date.h"
#include "cc_token.h"
#include "cc_util.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The lexicon phrases starting at one token, longest first: looked up
 * once per token, whatever entry type the parser asks for there. */
#define MEMO_HITS 6
typedef struct {
    unsigned char done, n;
    unsigned char len[MEMO_HITS]; /* phrase length in tokens */
    unsigned char cnt[MEMO_HITS];
    const cc_lxent *e[MEMO_HITS];
} lkmemo;

typedef struct {
    const cc_lexicon *lx;
    const char *s;
    const cc_tok *t;
    size_t nt;
    cc_kind want;
    const cc_normopt *opt;
    lkmemo *memo; /* one per token */
} P;

typedef struct {
    double x, h;    /* value and half-step of its written precision */
    size_t end;     /* token index after it */
    int share;      /* a fraction or "one in five": x is a share of one */
    int whole;      /* "entirely", "all of": the whole, exactly */
    int scaled;     /* a scale word or suffix was applied */
    double scale;
    int words;      /* written in words */
} amt;

/* ---- token helpers ---- */

static int sym(const P *p, size_t i, unsigned cp) { return i < p->nt && p->t[i].type == CC_T_SYM && p->t[i].cp == cp; }
static int word(const P *p, size_t i, const char *w) { return i < p->nt && cc_tok_is(p->s, &p->t[i], w); }
static int adjacent(const P *p, size_t i) { return i < p->nt && !p->t[i].space_before; }
/* A capitalised word at token i or, after one word ("the"), at i + 1: "all of Luhansk", "all of
 * the Luhansk region", not "all of the towns". */
static int name_follows(const P *p, size_t i)
{
    for (size_t k = i; k < i + 2 && k < p->nt; k++) {
        if (p->t[k].type != CC_T_WORD) return 0;
        if (isupper((unsigned char)p->s[p->t[k].start])) return 1;
    }
    return 0;
}
static int is_dash(const P *p, size_t i)
{
    return sym(p, i, '-') || sym(p, i, 0x2013) || sym(p, i, 0x2014) || sym(p, i, 0x2012) || sym(p, i, 0x2212);
}

/* The lexicon phrases starting at token i, longest first, into m. */
static void memo_fill(const P *p, size_t i, lkmemo *m)
{
    /* most words start no phrase: the first word alone decides, before a longer key is built */
    char key[256];
    size_t fl = cc_tok_key(p->s, p->t, i, i + 1, key, sizeof key);
    if (fl && !cc_lexicon_starts(p->lx, key, fl)) return;
    int maxt = cc_lexicon_max_tokens(p->lx);
    size_t lim = i + (size_t)maxt;
    if (lim > p->nt) lim = p->nt;
    /* the key of tokens i..lim built once: the key of i..j is its
     * prefix up to token j (when the whole key fits; else key by key) */
    size_t klen[65] = {0}, full = lim - i < 64 ? cc_tok_key(p->s, p->t, i, lim, key, sizeof key) : 0;
    if (full)
        for (size_t k = i, o = 0; k < lim; k++) {
            if (k > i && p->t[k].space_before) o++;
            o += p->t[k].end - p->t[k].start;
            klen[k + 1 - i] = o;
        }
    /* a phrase goes on only as far as some phrase's first words do */
    if (full && lim > i)
        for (size_t j = i + 1; j < lim; j++)
            if (!cc_lexicon_continues(p->lx, key, klen[j - i])) { lim = j; break; }
    for (size_t j = lim; j > i && m->n < MEMO_HITS; j--) {
        const cc_lxent *e;
        size_t n;
        if (full) {
            n = cc_lexicon_lookup_n(p->lx, key, klen[j - i], &e);
        } else {
            if (!cc_tok_key(p->s, p->t, i, j, key, sizeof key)) continue;
            n = cc_lexicon_lookup(p->lx, key, &e);
        }
        if (!n) continue;
        m->len[m->n] = (unsigned char)(j - i);
        m->cnt[m->n] = (unsigned char)(n < 255 ? n : 255);
        m->e[m->n++] = e;
    }
}

/* Longest lexicon phrase starting at token i with an entry of type t.
 * Returns the entry and sets *end, or NULL. */
static const cc_lxent *lookup(const P *p, size_t i, cc_lxtype t, size_t *end)
{
    if (i >= p->nt) return NULL;
    lkmemo *m = &p->memo[i];
    if (!m->done) {
        m->done = 1;
        memo_fill(p, i, m);
    }
    for (unsigned h = 0; h < m->n; h++)
        for (size_t k = 0; k < m->cnt[h]; k++)
            if (m->e[h][k].type == t) {
                *end = i + m->len[h];
                return &m->e[h][k];
            }
    return NULL;
}

static const cc_lxent *lookup_unit(const P *p, size_t i, size_t *end)
{
    const cc_lxent *e = lookup(p, i, CC_LX_UNIT, end);
    /* a one-letter unit after a space is too easily a word ("5 s", "a 3 d
     * printer"): unless a unit was asked for, it must be glued to the number */
    int unit_kind = p->want != CC_K_ANY && p->want != CC_K_NUMBER && p->want != CC_K_COUNT;
    if (e && !unit_kind && *end == i + 1 && p->t[i].end - p->t[i].start == 1 && p->t[i].space_before) return NULL;
    return e;
}

static double half_step_num(const cc_tok *t)
{
    if (t->power) return 0;
    if (t->dec_digits) return 0.5 * pow(10.0, t->exp10 - t->dec_digits);
    return 0.5 * pow(10.0, t->tz + t->exp10);
}

static double half_step_int(double x)
{
    if (x != floor(x) || x <= 0) return 0;
    double h = 0.5;
    while (x >= 10 && fmod(x, 10.0) == 0) { x /= 10; h *= 10; }
    return h;
}

/* ---- amounts ---- */

static size_t denominator(const P *p, size_t i, double *den);

/* Integer number words: "thirty-four", "seven hundred thousand", "a million",
 * "ninety - five hundred". Sets *x and returns the token after them, or i
 * when there are none. */
static size_t int_words(const P *p, size_t i, double *x)
{
    double total = 0, cur = 0;
    int any = 0, last_scale = 0;
    size_t j = i, e;
    const cc_lxent *le;
    if ((word(p, j, "a") || word(p, j, "an")) && (le = lookup(p, j + 1, CC_LX_SCALE, &e))) {
        cur = le->v;
        any = last_scale = 1;
        j = e;
    }
    for (;;) {
        size_t k = j;
        /* "thirty-four", also written "fifty - two" */
        if (any && is_dash(p, k) && !last_scale && fmod(cur, 100) >= 20 && fmod(cur, 10) == 0) k++;
        else if (any && word(p, k, "and") && last_scale) {
            /* "one hundred and three quarters": the "and" starts a fraction */
            double nx;
            size_t w = int_words(p, k + 1, &nx), de;
            double den;
            if (w > k + 1 && (de = denominator(p, w, &den)) > w) break;
            k++;
        }
        if ((le = lookup(p, k, CC_LX_NUMBER, &e))) {
            if (any && k > j && is_dash(p, j) && le->v >= 10) break; /* "fifty - sixty" is a range */
            if (any && !last_scale && cur > 0 && fmod(cur, 10) != 0 && le->v < 10) break; /* "four five" */
            if (any && !last_scale && cur >= 20 && fmod(cur, 100) != 0 && le->v >= 10) break;
            if (any && !last_scale && cur >= 10 && cur < 20) break; /* "twelve three" */
            if (any && !last_scale && cur > 0 && cur < 10) break;   /* "one twenty-fifth" */
            cur += le->v;
            any = 1;
            last_scale = 0;
            j = e;
            continue;
        }
        /* "five-hundred", "two-thousand": a scale joined by a hyphen */
        if (any && k == j && !last_scale && is_dash(p, j) && adjacent(p, j) && adjacent(p, j + 1) &&
            lookup(p, j + 1, CC_LX_SCALE, &e))
            k = j + 1;
        if (any && (k == j || (k == j + 1 && is_dash(p, j))) && (le = lookup(p, k, CC_LX_SCALE, &e))) {
            if (le->v >= 1000 && last_scale && cur == 0 && total > 0) total *= le->v; /* "three lakh crore" */
            else if (le->v >= 1000) { total += (cur ? cur : 1) * le->v; cur = 0; }
            else cur = (cur ? cur : 1) * le->v;
            last_scale = 1;
            j = e;
            continue;
        }
        break;
    }
    *x = total + cur;
    return any ? j : i;
}

/* A denominator at i: "fifths", "third", "twenty-fifth" (tens + ordinal).
 * Returns the token after it, or i. */
static size_t denominator(const P *p, size_t i, double *den)
{
    size_t e, e2;
    const cc_lxent *le = lookup(p, i, CC_LX_DENOM, &e), *t, *o;
    if ((t = lookup(p, i, CC_LX_NUMBER, &e2)) && t->v >= 20 && t->v < 100 && fmod(t->v, 10) == 0) {
        size_t k = e2;
        if (is_dash(p, k)) k++;
        size_t e3;
        /* the ordinal may be singular or plural ("twenty-first", "twenty firsts") */
        if ((o = lookup(p, k, CC_LX_ORDINAL, &e3)) && o->v < 10) { *den = t->v + o->v; return e3; }
        if ((o = lookup(p, k, CC_LX_DENOM, &e3)) && o->v < 10) { *den = t->v + o->v; return e3; }
        if (k < p->nt && p->t[k].type == CC_T_WORD) {
            /* plural of an ordinal not in the denominators: "firsts" */
            char key[64];
            size_t kl = cc_tok_key(p->s, p->t, k, k + 1, key, sizeof key);
            if (kl > 1 && key[kl - 1] == 's') {
                key[kl - 1] = 0;
                const cc_lxent *oe;
                size_t n = cc_lexicon_lookup(p->lx, key, &oe);
                for (size_t q = 0; q < n; q++)
                    if (oe[q].type == CC_LX_ORDINAL && oe[q].v < 10) { *den = t->v + oe[q].v; return k + 1; }
            }
        }
    }
    if (le) { *den = le->v; return e; }
    return i;
}

/* Decimals spoken after "point": "point zero three", "point seventy-one". */
static size_t point_digits(const P *p, size_t i, double *frac)
{
    if (!word(p, i, "point")) return i;
    char digits[32];
    size_t nd = 0, j = i + 1, e;
    const cc_lxent *le;
    while (nd < 20 && (le = lookup(p, j, CC_LX_NUMBER, &e))) {
        if (!(le->v >= 0 && le->v < 100)) break;
        int v = (int)le->v;
        if (v < 10) digits[nd++] = (char)('0' + v);
        else if (v < 100 && nd == 0) {
            size_t k = e;
            const cc_lxent *u;
            size_t e2;
            if (fmod(v, 10) == 0 && is_dash(p, k) && (u = lookup(p, k + 1, CC_LX_NUMBER, &e2)) && u->v < 10) {
                v += (int)u->v;
                e = e2;
            }
            digits[nd++] = (char)('0' + v / 10);
            digits[nd++] = (char)('0' + v % 10);
        } else {
            break;
        }
        j = e;
    }
    if (!nd) return i;
    digits[nd] = 0;
    char tmp[40];
    snprintf(tmp, sizeof tmp, "0.%s", digits);
    *frac = strtod(tmp, NULL);
    return j;
}

/* Past a hyphen that joins the words of a compound ("three-and-a-half"). */
static size_t joined(const P *p, size_t k)
{
    return is_dash(p, k) && adjacent(p, k) && adjacent(p, k + 1) ? k + 1 : k;
}

/* After a whole number: "and a half", "and two thirds", "and half";
 * hyphenated too ("three-and-a-half"). */
static size_t and_fraction(const P *p, size_t j, double *add)
{
    size_t k = joined(p, j), e;
    if (!word(p, k, "and")) return j;
    k = joined(p, k + 1);
    double num = 1, den;
    if (word(p, k, "a") || word(p, k, "an")) k = joined(p, k + 1);
    else {
        size_t w = int_words(p, k, &num);
        if (w == k) num = 1;
        else k = w;
    }
    e = denominator(p, k, &den);
    if (e == k || den <= 0) return j;
    *add = num / den;
    return e;
}

static double ordinal_at(const P *p, size_t i, size_t *end);

static int amount(const P *p, size_t i, amt *a, int prefer_unit);
static const cc_lxent *lookup_unit(const P *p, size_t i, size_t *end);

/* How many of unit b make one of unit a: on the calendar for months and
 * years (a year is 12 months, whatever their nominal days). */
static double unit_ratio(const cc_lxent *a, const cc_lxent *b)
{
    static const struct { const char *a, *b; double n; } cal[] = {
        {"year", "month", 12}, {"decade", "year", 10}, {"decade", "month", 120}, {"century", "year", 100},
        {"century", "decade", 10}, {"century", "month", 1200}};
    for (size_t i = 0; i < sizeof cal / sizeof *cal; i++)
        if (strcmp(a->name, cal[i].a) == 0 && strcmp(b->name, cal[i].b) == 0) return cal[i].n;
    return a->v / b->v;
}

/* "three years and nine months", "two years, six months", "1 year 3
 * months", "four years and a week": a smaller unit's count after duration a in *u (its unit ending
 * at j) adds to it, the whole counted in the smaller unit and as precise as
 * that part. The token after it, or j. */
static size_t smaller_part(const P *p, size_t j, amt *a, const cc_lxent **u)
{
    size_t k = j, ue;
    if (sym(p, k, ',')) k++;
    if (word(p, k, "and")) k++;
    amt c;
    if (word(p, k, "a") || word(p, k, "an")) { /* "four years and a week" */
        memset(&c, 0, sizeof c);
        c.x = 1;
        c.h = 0.5; /* as precise as "one" */
        c.end = k + 1;
    } else if (!amount(p, k, &c, 0) || c.share || c.x <= 0) {
        return j;
    }
    const cc_lxent *v = lookup_unit(p, c.end, &ue);
    if (!v || v->kind != CC_K_DURATION || v->v >= (*u)->v) return j;
    a->x = a->x * unit_ratio(*u, v) + c.x;
    a->h = c.h;
    *u = v;
    return ue;
}

/* A fraction of a scale word, an amount and no share: "a quarter of a
 * million", "three-quarters of a billion". */
static void of_a_scale(const P *p, amt *a)
{
    const cc_lxent *le;
    size_t e;
    if (!word(p, a->end, "of") || !word(p, a->end + 1, "a") || !(le = lookup(p, a->end + 2, CC_LX_SCALE, &e))) return;
    a->x *= le->v;
    a->share = 0;
    a->scaled = 1;
    a->scale = le->v;
    a->end = e;
}

/* A fraction with a numerator: "a fifth", "three fifths", "two-thirds",
 * "one over three", "1 out of 3". num is the value already read at i..j. */
static int fraction_after(const P *p, size_t j, double num, amt *a)
{
    size_t k = j, e;
    double den;
    if (is_dash(p, k)) { /* "two-thirds", "one - fourth" */
        /* "forty-third" is the ordinal 43rd, not forty thirds (a fraction's is plural: "twenty thirds") */
        if (j > 0 && ordinal_at(p, j - 1, &e)) return 0;
        k++;
    }
    e = denominator(p, k, &den);
    if (e > k && den > 0) {
        a->x = num / den;
        a->h = 0;
        a->share = 1;
        a->end = e;
        of_a_scale(p, a);
        return 1;
    }
    if (word(p, j, "over") || (word(p, j, "out") && word(p, j + 1, "of"))) {
        size_t k2 = j + (word(p, j, "over") ? 1 : 2);
        double d = 0;
        size_t w = int_words(p, k2, &d);
        if (w == k2 && k2 < p->nt && p->t[k2].type == CC_T_NUM && !p->t[k2].dec_digits) { d = p->t[k2].num; w = k2 + 1; }
        /* "$10000 over 3 years" spreads an amount over time: "N over M" is a
         * fraction only when no word follows M */
        if (w > k2 && d > 0 && !(w < p->nt && p->t[w].type == CC_T_WORD)) {
            a->x = num / d;
            a->h = 0;
            a->share = 1;
            a->end = w;
            return 1;
        }
    }
    return 0;
}

/* Scale words after an amount that ends at a->end ("… million"). */
static void scales_after(const P *p, amt *a)
{
    const cc_lxent *le;
    size_t e;
    while ((le = lookup(p, a->end, CC_LX_SCALE, &e))) {
        a->x *= le->v;
        a->h *= le->v;
        a->scale *= le->v;
        a->scaled = 1;
        a->end = e;
    }
}

/* Amounts in words. */
static int amount_words(const P *p, size_t i, amt *a)
{
    size_t e;
    const cc_lxent *le;
    double x;
    /* "a fifth", "an eighth", "half", "a half", "½" */
    if ((word(p, i, "a") || word(p, i, "an")) && !lookup(p, i + 1, CC_LX_SCALE, &e) && fraction_after(p, i + 1, 1, a)) {
        a->words = 1;
        return 1;
    }
    if ((le = lookup(p, i, CC_LX_VULGAR, &e))) {
        a->x = le->v; a->share = 1; a->end = e; a->words = 1;
        return 1;
    }
    size_t j = int_words(p, i, &x);
    if (j == i) return 0;
    a->words = 1;
    /* "one hundred thirty-fifths": the hyphen makes "thirty-fifths" the
     * denominator, so the tens word is not part of the numerator */
    if (j >= 2 && is_dash(p, j) && adjacent(p, j) && adjacent(p, j + 1) && j - 1 > i) {
        const cc_lxent *tens;
        size_t te;
        double den;
        if ((tens = lookup(p, j - 1, CC_LX_NUMBER, &te)) && te == j && tens->v >= 20 && tens->v < 100 &&
            x - tens->v > 0 && denominator(p, j - 1, &den) > j) {
            size_t de = denominator(p, j - 1, &den);
            a->x = (x - tens->v) / den;
            a->share = 1;
            a->end = de;
            return 1;
        }
    }
    /* "two thirds", "twenty one fifths", "one over three" */
    if (fraction_after(p, j, x, a)) return 1;
    /* "two hundred point zero three", "two point five billion" */
    double frac = 0;
    size_t k = point_digits(p, j, &frac);
    if (k > j) {
        a->x = x + frac;
        a->h = 0;
        a->end = k;
        scales_after(p, a);
        return 1;
    }
    /* "two and a half", "one hundred and three and two thirds", "two and a half million" */
    double add = 0;
    k = and_fraction(p, j, &add);
    if (k > j) {
        a->x = x + add;
        a->h = add / 2;
        a->end = k;
        scales_after(p, a);
        return 1;
    }
    a->x = x;
    a->h = half_step_int(x);
    a->end = j;
    return 1;
}

static int label_before(const P *p, size_t i)
{
    if (i == 0) return 0;
    size_t e;
    for (size_t back = 1; back <= 2 && back <= i; back++) {
        size_t st = i - back;
        if (lookup(p, st, CC_LX_LABEL, &e) && e == i) return 1;
    }
    /* F-16, COVID-19: a word glued by a hyphen */
    if (i >= 2 && is_dash(p, i - 1) && adjacent(p, i) && adjacent(p, i - 1) && p->t[i - 2].type == CC_T_WORD) {
        size_t e2;
        if (!lookup(p, i - 2, CC_LX_NUMBER, &e2) && !lookup(p, i - 2, CC_LX_CURSYM, &e2)) return 1;
    }
    /* a number glued to a preceding word or symbol such as "#5" */
    if (adjacent(p, i) && (p->t[i - 1].type == CC_T_WORD || sym(p, i - 1, '#'))) {
        size_t e2;
        if (!lookup(p, i - 1, CC_LX_CURSYM, &e2)) return 1;
    }
    return 0;
}

/* A phone number or similar code: three or more integer groups joined by
 * hyphens, dots, spaces or brackets, seven digits or more. */
static size_t phone_chain(const P *p, size_t i)
{
    size_t j = i, groups = 0, digits = 0;
    if (sym(p, j, '(')) j++;
    while (j < p->nt && p->t[j].type == CC_T_NUM && !p->t[j].dec_digits && !p->t[j].comma) {
        groups++;
        digits += (size_t)p->t[j].int_digits;
        size_t k = j + 1;
        if (sym(p, k, ')')) k++;
        if (k < p->nt && (sym(p, k, '-') || sym(p, k, '.')) && adjacent(p, k + 1)) k++;
        if (k < p->nt && p->t[k].type == CC_T_NUM && (p->t[k].int_digits >= 3 || groups >= 2) &&
            (k > j + 1 || p->t[k].int_digits >= 3))
            j = k;
        else {
            j++;
            break;
        }
    }
    return (groups >= 3 && digits >= 7) || (groups >= 2 && digits >= 10 && i > 0 && sym(p, i - 1, '+')) ? j : 0;
}

static int amount(const P *p, size_t i, amt *a, int prefer_unit)
{
    memset(a, 0, sizeof *a);
    a->scale = 1;
    if (i >= p->nt) return 0;
    size_t e;
    const cc_lxent *le;
    int neg = 0;
    size_t start = i;
    if (word(p, i, "minus") || word(p, i, "negative")) { neg = 1; i++; }
    else if ((sym(p, i, '-') || sym(p, i, 0x2212)) && (i == 0 || p->t[i].space_before) && adjacent(p, i + 1) &&
             i + 1 < p->nt && p->t[i + 1].type == CC_T_NUM) {
        neg = 1;
        i++;
    }
    if (i >= p->nt) return 0;
    const cc_tok *t = &p->t[i];
    int ok = 0;
    if (t->type == CC_T_NUM) {
        if (label_before(p, i)) return 0;
        /* a clock time (10:40) or a score is not a quantity */
        if ((sym(p, i + 1, ':') && adjacent(p, i + 1) && adjacent(p, i + 2) && i + 2 < p->nt &&
             p->t[i + 2].type == CC_T_NUM) ||
            (i >= 2 && sym(p, i - 1, ':') && adjacent(p, i) && adjacent(p, i - 1) && p->t[i - 2].type == CC_T_NUM))
            return 0;
        a->x = t->num;
        a->h = half_step_num(t);
        size_t j = i + 1;
        /* "2 1/2", "1/2": a fraction in digits */
        size_t f = (j < p->nt && p->t[j].type == CC_T_NUM && p->t[j].space_before && !t->dec_digits) ? j : i;
        if (f + 2 < p->nt && p->t[f].type == CC_T_NUM && sym(p, f + 1, '/') && adjacent(p, f + 1) && adjacent(p, f + 2) &&
            p->t[f + 2].type == CC_T_NUM && !p->t[f].dec_digits && !p->t[f + 2].dec_digits && p->t[f + 2].num >= 2 &&
            p->t[f + 2].num <= 16 && p->t[f].num < p->t[f + 2].num && !(f + 3 < p->nt && sym(p, f + 3, '/'))) {
            double fr = p->t[f].num / p->t[f + 2].num;
            a->x = (f == i) ? fr : t->num + fr;
            a->h = 0;
            a->end = f + 3;
            ok = 1;
        } else if ((le = lookup(p, j, CC_LX_VULGAR, &e)) && adjacent(p, j)) {
            a->x += le->v; /* "1¾" */
            a->h = 0;
            a->end = e;
            ok = 1;
        } else if (fraction_after(p, j, t->num, a) && !t->dec_digits) {
            ok = 1; /* "3 fifths", "1 over 3" */
        } else {
            /* "1.2m", "10k", "5bn" glued; "5 billion", "2.5 million" spaced */
            size_t ue;
            int unit_too = lookup_unit(p, j, &ue) != NULL;
            if ((le = lookup(p, j, CC_LX_SUFFIX, &e)) && !(prefer_unit > 0 && unit_too) &&
                !(le->iv == 1 && unit_too && prefer_unit >= 0) && (adjacent(p, j) || p->want == CC_K_NUMBER)) {
                a->x *= le->v; a->h *= le->v; a->scale = le->v; a->scaled = 1; j = e;
            } else {
                while ((le = lookup(p, j, CC_LX_SCALE, &e))) {
                    a->x *= le->v; a->h *= le->v; a->scale *= le->v; a->scaled = 1; j = e;
                }
            }
            a->end = j;
            ok = 1;
        }
    } else if (t->type == CC_T_WORD || t->type == CC_T_SYM) {
        /* "half a million", "half a dozen" */
        if (word(p, i, "half") && word(p, i + 1, "a") && (le = lookup(p, i + 2, CC_LX_SCALE, &e))) {
            a->x = 0.5 * le->v; a->h = 0; a->end = e; a->scaled = 1; a->scale = le->v; a->words = 1;
            ok = 1;
        } else if (word(p, i, "half")) {
            a->x = 0.5; a->share = 1; a->end = i + 1; a->words = 1;
            ok = 1;
        } else if (t->type == CC_T_SYM && (le = lookup(p, i, CC_LX_DENOM, &e))) {
            a->x = 1 / le->v; a->share = 1; a->end = e; /* "½" */
            ok = 1;
        } else if ((le = lookup(p, i, CC_LX_WHOLE, &e)) && (!le->iv || name_follows(p, e))) {
            a->x = le->v; a->share = a->whole = 1; a->end = e; a->words = 1; /* "almost entirely", "all of" */
            ok = 1;
        } else {
            ok = amount_words(p, i, a);
        }
    }
    if (!ok) return 0;
    if (neg) a->x = -a->x;
    (void)start;
    return 1;
}

/* ---- intervals ---- */

static void hedge_interval(const P *p, cc_hedge h, double x, double pl, double ph, double *lo, double *hi, int nonneg,
                           double whole)
{
    double aw = cc_lexicon_param(p->lx, "approx_widen", 0.10);
    double nw = cc_lexicon_param(p->lx, "nearly_widen", 0.125);
    double ax = fabs(x);
    /* a share of a whole is as loose as its complement where that is the
     * smaller: "about 79%" is "about 21%" of the rest, 77 to 81, not 71 to 87 */
    if (whole > 0 && x > 0 && x < whole && whole - x < ax) ax = whole - x;
    (void)ph;
    switch (h) {
    case CC_H_APPROX: *lo = fmin(pl, x - aw * ax); *hi = fmax(ph, x + aw * ax); break;
    case CC_H_NEARLY: *lo = fmin(pl, x - nw * ax); *hi = x; break;
    case CC_H_JUST_OVER: *lo = x; *hi = fmax(ph, x + nw * ax); break;
    case CC_H_OVER:
    case CC_H_ATLEAST: *lo = x; *hi = INFINITY; break;
    case CC_H_UPTO:
    case CC_H_UNDER: *lo = nonneg ? 0 : -INFINITY; *hi = ph > x ? x : ph; break;
    case CC_H_EXACT: *lo = x; *hi = x; break;
    case CC_H_BARELY:
    case CC_H_NONE:
    default: *lo = pl; *hi = ph; break;
    }
}

static int want_ok(cc_kind want, cc_kind got)
{
    if (want == CC_K_ANY || want == got) return 1;
    if (want == CC_K_NUMBER && got == CC_K_COUNT) return 1;
    if (want == CC_K_COUNT && got == CC_K_NUMBER) return 1;
    return 0;
}

/* ---- dates ---- */

/* A year a page's text ran into the time after it ("October 4, 202410:27
 * AM": the page showed the two apart): five or six figures right before
 * ":MM", the last one or two an hour. */
static int glued_year(const P *p, size_t i, int *y)
{
    const cc_tok *t = &p->t[i];
    double div = t->int_digits == 5 ? 10 : 100, year = floor(t->num / div); /* (num may carry an exponent) */
    if (!(year >= 1900 && year <= 2099) || fmod(t->num, div) > 23 || !adjacent(p, i + 1) || !sym(p, i + 1, ':') ||
        !adjacent(p, i + 2) || p->t[i + 2].type != CC_T_NUM || p->t[i + 2].int_digits != 2)
        return 0;
    *y = (int)year;
    return 1;
}

static int year_tok(const P *p, size_t i, int *y)
{
    if (i >= p->nt) return 0;
    const cc_tok *t = &p->t[i];
    if (t->type != CC_T_NUM || t->dec_digits || t->comma || t->power) return 0;
    if (t->int_digits == 5 || t->int_digits == 6) return glued_year(p, i, y);
    if (t->int_digits != 4 || t->num < 1000 || t->num > 2999) return 0;
    if (adjacent(p, i + 1) && p->t[i + 1].type == CC_T_WORD) return 0; /* 1990s */
    *y = (int)t->num;
    return 1;
}

static int day_tok(const P *p, size_t i, int *d, size_t *end)
{
    if (i >= p->nt) return 0;
    const cc_tok *t = &p->t[i];
    if (t->type != CC_T_NUM || t->int_digits > 2 || t->dec_digits || t->power || t->num < 1 || t->num > 31) return 0;
    size_t j = i + 1;
    if (adjacent(p, j) && (word(p, j, "st") || word(p, j, "nd") || word(p, j, "rd") || word(p, j, "th"))) j++;
    *d = (int)t->num;
    *end = j;
    return 1;
}

/* Within two months of the reference date a month and day without a year
 * is taken as written for it, whichever side it falls on ("talks on
 * January 5" in December; a weekday beside it that does not fit is the
 * writer's slip). */
enum { NEAR_DAYS = 61 };

/* Chooses the year for a month and day written without one. News writes
 * such a date mostly for what has happened: the latest such day on or
 * before the reference date, or up to two months after it ("talks on
 * January 5" in December, a schedule), but not in the past tense (back:
 * "fell on 1 October" in August is last October). In the future tense
 * (forward) the first on or after it ("will meet on 16 May" in November). */
static int infer_year(const P *p, int m, int d, int *y)
{
    if (p->opt && p->opt->year) {
        *y = p->opt->year;
        return 1;
    }
    if (!p->opt || !p->opt->has_ref) return 0;
    int ry, rm, rd;
    cc_civil_from_days(p->opt->ref, &ry, &rm, &rd);
    int best = ry, found = 0;
    for (int cy = ry - 1; cy <= ry + 1; cy++) {
        if (!cc_date_valid(cy, m, d)) continue;
        int64_t day = cc_days_from_civil(cy, m, d);
        if (p->opt->forward ? day >= p->opt->ref && !found : day <= p->opt->ref + (p->opt->back ? 0 : NEAR_DAYS)) {
            best = cy;
            found = 1;
        }
    }
    *y = best;
    return 1;
}

static void set_days(cc_qty *q, int64_t lo, int64_t hi)
{
    q->kind = CC_K_DATE;
    q->unit = "date";
    q->low = (double)lo;
    q->high = (double)hi;
    q->best = (double)lo;
    q->wnum = NAN;
    q->weekday_actual = lo == hi ? cc_weekday(lo) : -1;
}

/* The month that day d falls in, its first and last days. */
static void month_of(int64_t d, int64_t *first, int64_t *last)
{
    int y, m, dd;
    cc_civil_from_days(d, &y, &m, &dd);
    *first = d - (dd - 1);
    *last = *first + cc_days_in_month(y, m) - 1;
}

/* The Monday of the week (Monday to Sunday) that day d falls in. */
static int64_t monday_of(int64_t d) { return d - (cc_weekday(d) + 6) % 7; }

/* q is month m of year y, as a whole. */
static void set_month(cc_qty *q, int y, int m)
{
    int64_t first, last;
    month_of(cc_days_from_civil(y, m, 1), &first, &last);
    set_days(q, first, last);
}

static void set_unanchored(cc_qty *q)
{
    q->kind = CC_K_DATE;
    q->unit = "date";
    q->relative = 1;
    q->unanchored = 1;
    q->low = q->high = q->best = NAN;
    q->wnum = NAN;
    q->weekday_actual = -1;
}

/* "last year", "this year", "next year" at token k, with a reference date:
 * 1 and *y, the reference date's year moved by it. */
static int year_words(const P *p, size_t k, int *y)
{
    int rel = word(p, k, "last") ? -1 : word(p, k, "this") ? 0 : word(p, k, "next") ? 1 : 2;
    if (rel == 2 || !word(p, k + 1, "year") || !p->opt || !p->opt->has_ref) return 0;
    int ry, rm, rd;
    cc_civil_from_days(p->opt->ref, &ry, &rm, &rd);
    *y = ry + rel;
    return 1;
}

/* Sets q to month m, day d: the year is the one at token yk when written
 * there (then *end is after it), otherwise the one nearest the reference
 * date (relative; unanchored without one) and *end is noyear_end. 0 when
 * the day cannot exist. */
static int month_day(const P *p, int m, int d, size_t yk, size_t noyear_end, cc_qty *q, size_t *end)
{
    int y;
    if (year_tok(p, yk, &y)) {
        if (!cc_date_valid(y, m, d)) return 0;
        int64_t z = cc_days_from_civil(y, m, d);
        set_days(q, z, z);
        *end = yk + 1;
        return 1;
    }
    if (!cc_date_valid(2024, m, d)) return 0; /* a leap year: any day that can exist */
    q->month = (unsigned char)m;
    q->mday = (unsigned char)d;
    /* "Feb. 24 last year", "June 1 this year", "March 3 next year" */
    if (year_words(p, noyear_end, &y)) {
        if (!cc_date_valid(y, m, d)) return 0;
        int64_t z = cc_days_from_civil(y, m, d);
        set_days(q, z, z);
        q->relative = 1;
        *end = noyear_end + 2;
        return 1;
    }
    if (infer_year(p, m, d, &y)) {
        if (!cc_date_valid(y, m, d)) return 0; /* "29 February" under a timeline's year that has none */
        int64_t z = cc_days_from_civil(y, m, d);
        set_days(q, z, z);
        q->relative = !p->opt->year; /* a timeline's year is as good as written */
    } else {
        set_unanchored(q);
    }
    *end = noyear_end;
    return 1;
}

/* Month-name forms: "Jan. 23, 2026", "January 23", "February 2022". */
static const cc_lxent *month_at(const P *p, size_t i, size_t *e)
{
    const cc_lxent *m = lookup(p, i, CC_LX_MONTH, e);
    /* abbreviations and the ambiguous "may"/"march" need a capital */
    if (m && (p->t[i].end - p->t[i].start <= 5) && !(p->s[p->t[i].start] >= 'A' && p->s[p->t[i].start] <= 'Z'))
        return NULL;
    return m;
}

/* A dot after month token m that ends its abbreviation ("Jan.", "Sept."),
 * not the sentence ("on 21 January.", "in May."). */
static int abbrev_dot(const P *p, size_t m)
{
    size_t n = p->t[m].end - p->t[m].start;
    return sym(p, m + 1, '.') && adjacent(p, m + 1) && n <= 4 && !word(p, m, "may") && !word(p, m, "june") &&
           !word(p, m, "july");
}

static int date_monthname(const P *p, size_t i, cc_qty *q, size_t *end)
{
    size_t e;
    const cc_lxent *m = month_at(p, i, &e);
    if (!m) return 0;
    size_t j = e;
    if (abbrev_dot(p, e - 1)) j++; /* "Jan." */
    int d, y;
    size_t de;
    if (day_tok(p, j, &d, &de)) {
        /* "Jan. 23, 2026"; "Dec.26 - 2023" as some bylines write it */
        size_t yk = sym(p, de, ',') ? de + 1 : is_dash(p, de) && !adjacent(p, de) ? de + 1 : de;
        return month_day(p, m->iv, d, yk, de, q, end);
    }
    size_t k = j;
    if (sym(p, k, ',')) k++;
    else if (word(p, k, "of")) k++;
    if (year_tok(p, k, &y)) {
        set_month(q, y, m->iv);
        *end = k + 1;
        return 1;
    }
    return 0;
}

/* "23 January 2026", "24th of January" */
static int date_daymonth(const P *p, size_t i, cc_qty *q, size_t *end)
{
    int d;
    size_t de, e;
    if (!day_tok(p, i, &d, &de)) return 0;
    size_t j = de;
    if (word(p, j, "of")) j++;
    const cc_lxent *m = month_at(p, j, &e);
    if (!m) return 0;
    size_t k = e;
    if (abbrev_dot(p, e - 1)) k++; /* "24 Feb. 2022", not "on 21 January." */
    return month_day(p, m->iv, d, sym(p, k, ',') ? k + 1 : k, k, q, end);
}

/* 2026-01-23, 01/23/2026, 23/01/2026 */
/* "24.02.2022": the tokenizer reads the day and month as one decimal number
 * ("24.02"), then the dot and the year. Dotted dates are written day first
 * (a European form, whatever date_order says), unless the second field
 * cannot be a month; with the year first ("2025.10.14", as some sites
 * stamp posts), the month comes next. */
static int date_dotted(const P *p, size_t i, cc_qty *q, size_t *end)
{
    if (i + 2 >= p->nt) return 0;
    const cc_tok *a = &p->t[i], *c = &p->t[i + 2];
    int year_first = a->int_digits == 4;
    if (a->type != CC_T_NUM || c->type != CC_T_NUM || (a->int_digits > 2 && !year_first) || a->dec_digits < 1 ||
        a->dec_digits > 2 || a->comma || a->power || a->exp10 || c->dec_digits || c->comma || c->power || c->exp10 ||
        (year_first ? c->int_digits > 2 : c->int_digits != 4 && c->int_digits != 2) || !sym(p, i + 1, '.') ||
        !adjacent(p, i + 1) || !adjacent(p, i + 2))
        return 0;
    int f1 = (int)floor(a->num), f2 = (int)llround((a->num - floor(a->num)) * (a->dec_digits == 2 ? 100 : 10));
    int y = (int)c->num + (c->int_digits == 2 ? 2000 : 0), d = f1, m = f2;
    if (year_first) { y = f1; m = f2; d = (int)c->num; }
    else if (f1 <= 12 && f2 > 12) { m = f1; d = f2; } /* "02.24.2022" */
    if (!cc_date_valid(y, m, d)) return 0;
    int64_t z = cc_days_from_civil(y, m, d);
    set_days(q, z, z);
    *end = i + 3;
    return 1;
}

static int date_numeric(const P *p, size_t i, cc_qty *q, size_t *end)
{
    if (date_dotted(p, i, q, end)) return 1;
    if (i + 4 >= p->nt) return 0;
    const cc_tok *a = &p->t[i], *b = &p->t[i + 2], *c = &p->t[i + 4];
    if (a->type != CC_T_NUM || b->type != CC_T_NUM || c->type != CC_T_NUM) return 0;
    if (a->dec_digits || b->dec_digits || c->dec_digits || a->comma || b->comma || c->comma) return 0;
    if (a->exp10 || b->exp10 || c->exp10 || a->power || b->power || c->power) return 0; /* "20e100" is no year */
    for (size_t k = i + 1; k <= i + 4; k++) if (!adjacent(p, k)) return 0;
    int y, m, d;
    int dashes = sym(p, i + 1, '-') && sym(p, i + 3, '-');
    int slashes = sym(p, i + 1, '/') && sym(p, i + 3, '/');
    if ((dashes || slashes) && a->int_digits == 4) { /* "2025-10-18", "2025/10/18": year first, then month */
        if (b->int_digits > 2 || c->int_digits > 2) return 0;
        y = (int)a->num; m = (int)b->num; d = (int)c->num;
    } else if (slashes || (sym(p, i + 1, '.') && sym(p, i + 3, '.')) ||
               (dashes && c->int_digits == 4)) { /* "26-11-2025": day (or month) first, the year last */
        if (a->int_digits > 2 || b->int_digits > 2 || (c->int_digits != 4 && c->int_digits != 2)) return 0;
        y = (int)c->num;
        if (c->int_digits == 2) y += 2000;
        int f1 = (int)a->num, f2 = (int)b->num;
        int dmy = cc_lexicon_dmy(p->lx);
        if (f1 > 12 && f2 <= 12) dmy = 1;
        else if (f2 > 12 && f1 <= 12) dmy = 0;
        if (dmy) { d = f1; m = f2; } else { m = f1; d = f2; }
    } else {
        return 0;
    }
    if (!cc_date_valid(y, m, d)) return 0;
    int64_t z = cc_days_from_civil(y, m, d);
    set_days(q, z, z);
    *end = i + 5;
    return 1;
}

static int weekday_at(const P *p, size_t i, int *wd, size_t *end)
{
    size_t e;
    const cc_lxent *w = lookup(p, i, CC_LX_WEEKDAY, &e);
    if (!w) return 0;
    /* abbreviations ("Sun", "Wed") need a capital: "the sun" is no day */
    if (p->t[i].end - p->t[i].start <= 5 && !(p->s[p->t[i].start] >= 'A' && p->s[p->t[i].start] <= 'Z')) return 0;
    *wd = w->iv;
    *end = e;
    /* an abbreviation's dot ("Thurs."), not the sentence's ("on Monday.") */
    if (sym(p, e, '.') && adjacent(p, e) && p->t[e - 1].end - p->t[e - 1].start <= 5) *end = e + 1;
    return 1;
}

/* The words date_relative reads before a weekday, a month or a period, and
 * the way each looks from the reference date. */
static const struct {
    const char *w;
    int dir;
} relative_words[] = {{"last", -1}, {"past", -1}, {"previous", -1}, {"next", 1}, {"coming", 1}, {"this", 0}, {NULL, 0}};

static int word_eq(const char *s, size_t n, const char *w) { return strlen(w) == n && strncasecmp(s, w, n) == 0; }

int cc_norm_may_name_date(const cc_lexicon *lx, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9') return 1;
        int letter = (c | 32) >= 'a' && (c | 32) <= 'z';
        if (!letter || (i > 0 && (((unsigned char)s[i - 1] | 32) >= 'a' && ((unsigned char)s[i - 1] | 32) <= 'z')))
            continue;
        size_t e = i;
        while (e < n && (((unsigned char)s[e] | 32) >= 'a' && ((unsigned char)s[e] | 32) <= 'z')) e++;
        if (cc_lexicon_date_word(lx, s + i, e - i, -1)) return 1;
        /* "earlier this month"; "three years ago": a span counted back */
        if (word_eq(s + i, e - i, "earlier") || word_eq(s + i, e - i, "later") || word_eq(s + i, e - i, "ago")) return 1;
        for (size_t k = 0; relative_words[k].w; k++)
            if (word_eq(s + i, e - i, relative_words[k].w)) return 1;
        i = e - 1;
    }
    return 0;
}

/* Words before a month or a year that name a part of it: early, mid and
 * late (part 1, 2, 3: of a month, overlapping thirds, narrow_month; of a
 * year, the months from-to) and the seasons (part 0; northern, as the
 * war's are; winter straddles two years and is left to the year alone). */
static const struct {
    const char *w;
    int part, from, to, of; /* of: a noun, written before "of" ("the end of March") */
} date_parts[] = {{"early", 1, 1, 6, 0},     {"mid", 2, 4, 9, 0},       {"late", 3, 7, 12, 0},
                  {"spring", 0, 3, 5, 0},    {"summer", 0, 6, 8, 0},    {"autumn", 0, 9, 11, 0},
                  {"fall", 0, 9, 11, 0},     {"start", 1, 1, 6, 1},     {"beginning", 1, 1, 6, 1},
                  {"middle", 2, 4, 9, 1},    {"end", 3, 7, 12, 1}};

/* The entry of date_parts at token i, or -1. */
static int date_part_at(const P *p, size_t i)
{
    if (i >= p->nt || p->t[i].type != CC_T_WORD) return -1; /* (most calls: at a figure) */
    char c = (char)(p->s[p->t[i].start] | 32); /* every token's role asks: the initial before the whole word */
    for (size_t k = 0; k < sizeof date_parts / sizeof *date_parts; k++)
        if (c == date_parts[k].w[0] && word(p, i, date_parts[k].w) && (!date_parts[k].of || word(p, i + 1, "of")))
            return (int)k;
    return -1;
}

/* "early", "mid" ("mid-"), "late" or "the end of" before a month: the
 * part of it (1, 2, 3; 0 for none), *after at the token that follows. */
static int month_part(const P *p, size_t i, size_t *after)
{
    int k = date_part_at(p, i);
    int part = k >= 0 ? date_parts[k].part : 0;
    *after = i + 1;
    if (part && date_parts[k].of) *after = i + 2; /* "the end of March" */
    else if (part && is_dash(p, i + 1) && adjacent(p, i + 1)) *after = i + 2; /* "mid-June" */
    return part;
}

/* A whole month narrowed to the part written before it. The parts overlap
 * (early: 1st-15th, mid: 8th-23rd, late: 16th-last), as writers' do: a
 * meeting "in early June" and one "on June 12" may be one. */
static void narrow_month(cc_qty *q, int part)
{
    if (!part || q->unanchored || isnan(q->low)) return;
    int64_t first, last;
    month_of((int64_t)q->low, &first, &last);
    if (first != (int64_t)q->low || (int64_t)q->high != last) return;
    static const int from[] = {0, 1, 8, 16}, to[] = {0, 15, 23, 31};
    set_days(q, first + from[part] - 1, part == 3 ? last : first + to[part] - 1);
}

/* "since" or "by" before a date bounds a period, and rules ask for it
 * before the date: it is not the date's words ("in" is: "in June"). */
static int bound_lead(const P *p, size_t i) { return word(p, i, "by") || word(p, i, "since"); }

/* A word that lets a month without a year be read as a date ("in June",
 * "by late March", "since August"; a bare "May" is more often a verb). */
static int month_lead(const P *p, size_t i) { return word(p, i, "in") || bound_lead(p, i); }

/* A month listed right after token k with its year ("in February and
 * March 2014", "in May or June, 2023"): one span from the first month to
 * that one, in that year (a month named first is no month of another
 * year). Its month into *m2, its year into *y, the token after it into
 * *end; 0 when no such month follows. */
static int listed_month(const P *p, size_t k, int first, int *m2, int *y, size_t *end)
{
    if (!(word(p, k, "and") || word(p, k, "or") || word(p, k, "to") || word(p, k, "through") || is_dash(p, k)))
        return 0;
    size_t e;
    const cc_lxent *le = month_at(p, k + 1, &e);
    if (!le || le->iv <= first) return 0;
    *m2 = le->iv;
    if (year_tok(p, e, y)) { *end = e + 1; return 1; }
    if (sym(p, e, ',') && year_tok(p, e + 1, y)) { *end = e + 2; return 1; }
    return 0;
}

/* "two years ago, on 24 February": a month and day written without a year
 * (on) set in the year of the time ago (q, its days), the one year whose
 * day falls in q's span, nearest its best day. 0 when none does. */
static int ago_year(const cc_qty *q, cc_qty *on)
{
    int by, bm, bd, found = 0;
    int64_t bestday = 0;
    cc_civil_from_days((int64_t)q->best, &by, &bm, &bd);
    for (int y = by - 1; y <= by + 1; y++) {
        if (!cc_date_valid(y, on->month, on->mday)) continue;
        int64_t z = cc_days_from_civil(y, on->month, on->mday);
        if (z < (int64_t)q->low || z > (int64_t)q->high) continue;
        if (!found || llabs(z - (int64_t)q->best) < llabs(bestday - (int64_t)q->best)) bestday = z;
        found = 1;
    }
    if (found) set_days(on, bestday, bestday);
    return found;
}

/* Relative forms anchored to the reference date. */
static int date_relative(const P *p, size_t i, cc_qty *q, size_t *end)
{
    size_t e;
    const cc_lxent *le;
    int has = p->opt && p->opt->has_ref;
    int64_t ref = has ? p->opt->ref : 0;
    int ry = 0, rm = 0, rd = 0;
    if (has) cc_civil_from_days(ref, &ry, &rm, &rd);
    int dir = 0; /* -1 last, 0 bare/this, +1 next */
    size_t j = i;
    for (size_t k = 0; relative_words[k].w; k++)
        if (word(p, j, relative_words[k].w)) {
            dir = relative_words[k].dir;
            j++;
            break;
        }
    /* "in June", "in early June", "by late March", "since August": the month as a whole, the
     * latest such month (or the next one, in the future tense); the year written after it wins */
    int in_month = 0, part = 0;
    int lead = month_lead(p, j);
    if (j == i && (lead || month_part(p, j, &e))) {
        size_t k = lead ? j + 1 : j;
        part = month_part(p, k, &e);
        if (part) k = e;
        size_t me;
        int y;
        /* (a day after an abbreviation's dot is the month's too: "since Feb. 24, 2022") */
        if (month_at(p, k, &me) && !year_tok(p, me, &y) && !(sym(p, me, ',') && year_tok(p, me + 1, &y)) &&
            !day_tok(p, me, &y, &e) && !(abbrev_dot(p, me - 1) && day_tok(p, me + 1, &y, &e))) {
            j = k;
            in_month = 1;
        }
    }
    /* "earlier this week" ends today, "later this month" starts today */
    int side = 0;
    if ((word(p, i, "earlier") || word(p, i, "later")) && word(p, i + 1, "this")) {
        side = word(p, i, "earlier") ? -1 : 1;
        j = i + 2;
    }
    int wd;
    size_t we;
    if (weekday_at(p, j, &wd, &we)) {
        if (!has) { set_unanchored(q); q->weekday = wd; *end = we; return 1; }
        int cur = cc_weekday(ref);
        int64_t z;
        if (j > i && word(p, i, "this")) z = monday_of(ref) + (wd + 6) % 7; /* this week's, Monday to Sunday */
        else if (dir < 0) z = ref - ((cur - wd + 7) % 7 == 0 ? 7 : (cur - wd + 7) % 7);
        else if (dir > 0) z = ref + ((wd - cur + 7) % 7 == 0 ? 7 : (wd - cur + 7) % 7);
        else if (p->opt->forward) z = ref + (wd - cur + 7) % 7;
        else z = ref - (cur - wd + 7) % 7;
        set_days(q, z, z);
        q->relative = 1;
        q->weekday = wd;
        *end = we;
        /* "on Tuesday and Wednesday": the next day too, one span (a two-day meeting); "from Monday to
         * Friday": the days up to the last */
        int wd2;
        size_t we2;
        int joined = word(p, we, "and") || word(p, we, "to") || word(p, we, "through") || is_dash(p, we);
        if (joined && weekday_at(p, we + 1, &wd2, &we2) &&
            (word(p, we, "and") ? wd2 == (wd + 1) % 7 : wd2 != wd)) {
            set_days(q, z, z + (wd2 - wd + 7) % 7);
            q->weekday = -1;
            *end = we2;
        }
        return 1;
    }
    if (j > i && (le = month_at(p, j, &e))) {
        if (p->opt && p->opt->year && dir == 0) { /* "2023: Bakhmut falls in May" */
            set_month(q, p->opt->year, le->iv);
            narrow_month(q, part);
            *end = e;
            return 1;
        }
        if (!has) { set_unanchored(q); *end = e; return 1; }
        int y = ry;
        if (dir < 0) { if (le->iv >= rm) y--; }
        else if (dir > 0) { if (le->iv <= rm) y++; }
        else if (in_month && p->opt->forward) { if (le->iv < rm) y++; }
        else if (le->iv > rm) y--;
        int m2;
        size_t le2;
        if (dir == 0 && !part && listed_month(p, e, le->iv, &m2, &y, &le2)) {
            set_days(q, cc_days_from_civil(y, le->iv, 1), cc_days_from_civil(y, m2, cc_days_in_month(y, m2)));
            *end = le2;
            return 1;
        }
        int said_year = year_words(p, e, &y);
        if (said_year) e += 2; /* "June last year", "March this year" */
        set_month(q, y, le->iv);
        narrow_month(q, part);
        q->relative = 1;
        q->month_only = dir == 0 && !said_year;
        *end = e;
        return 1;
    }
    int sp = j > i ? date_part_at(p, j) : -1;
    if (sp >= 0 && date_parts[sp].part == 0) { /* "this summer", "last spring": the season of that year */
        if (!has) { set_unanchored(q); *end = j + 1; return 1; }
        int from = date_parts[sp].from, to = date_parts[sp].to, y = ry;
        if (dir < 0 && rm <= to) y--;        /* "last summer" in July: the year before's */
        else if (dir > 0 && rm >= from) y++; /* "next spring" in May: the year after's */
        set_days(q, cc_days_from_civil(y, from, 1), cc_days_from_civil(y, to, cc_days_in_month(y, to)));
        q->relative = 1;
        *end = j + 1;
        return 1;
    }
    if (j > i && word(p, j, "weekend")) { /* "last weekend": the Saturday and Sunday before this week */
        if (!has) { set_unanchored(q); *end = j + 1; return 1; }
        int64_t sat = monday_of(ref) - 2 + 7 * (dir + 1); /* dir: -1 last, 0 this, 1 next */
        set_days(q, sat, sat + 1);
        q->relative = 1;
        *end = j + 1;
        return 1;
    }
    if (j > i && (word(p, j, "week") || word(p, j, "month") || word(p, j, "year"))) {
        if (!has) { set_unanchored(q); *end = j + 1; return 1; }
        int64_t lo, hi;
        if (word(p, j, "week")) {
            lo = monday_of(ref) + 7 * dir;
            hi = lo + 6;
        } else if (word(p, j, "month")) {
            month_of(cc_add_months(cc_days_from_civil(ry, rm, 1), dir), &lo, &hi);
        } else {
            lo = cc_days_from_civil(ry + dir, 1, 1);
            hi = cc_days_from_civil(ry + dir, 12, 31);
        }
        if (side < 0) hi = ref;
        if (side > 0) lo = ref;
        set_days(q, lo, hi);
        q->relative = 1;
        *end = j + 1;
        return 1;
    }
    if (j == i && (le = lookup(p, i, CC_LX_RELDAY, &e))) {
        if (!has) { set_unanchored(q); *end = e; return 1; }
        set_days(q, ref + le->iv, ref + le->iv);
        q->relative = 1;
        *end = e;
        return 1;
    }
    return 0;
}

/* A month and day written without a year but with a weekday ("Tuesday,
 * February 18", months from the reference date): of the years next to the
 * reference date's, the nearest whose date falls on that weekday, when the
 * nearest year's does not. Within two months of the reference date the
 * nearest is meant, and a weekday that does not fit it is the writer's slip
 * (the calendar check names it). */
static void fit_weekday(const P *p, cc_qty *q, int wd)
{
    if (!q->month || !q->relative || q->unanchored || q->weekday_actual == wd || !p->opt || !p->opt->has_ref) return;
    if (llabs((int64_t)q->low - p->opt->ref) <= NEAR_DAYS) return;
    int ry, rm, rd;
    cc_civil_from_days(p->opt->ref, &ry, &rm, &rd);
    int64_t best = -1, bestdist = INT64_MAX;
    for (int cy = ry - 1; cy <= ry + 1; cy++) {
        if (!cc_date_valid(cy, q->month, q->mday)) continue;
        int64_t day = cc_days_from_civil(cy, q->month, q->mday), dist = llabs(day - p->opt->ref);
        if (cc_weekday(day) == wd && dist < bestdist) { best = day; bestdist = dist; }
    }
    if (best >= 0) set_days(q, best, best);
}

/* A part of a year before it ("late 2023", "mid-2024": overlapping halves)
 * or a season ("the summer of 2024", "autumn 2022"): date_parts. */
static int year_part(const P *p, size_t i, cc_qty *q, size_t *end)
{
    int dp = date_part_at(p, i), y;
    if (dp < 0) return 0;
    size_t k;
    int part = month_part(p, i, &k);
    if (!part && word(p, k, "of")) k++; /* "the summer of 2024" */
    /* "mid-2024" is glued as "F-16" is, but the part word makes it a time */
    if (!year_tok(p, k, &y) || (!part && label_before(p, k))) return 0;
    int from = date_parts[dp].from, to = date_parts[dp].to;
    set_days(q, cc_days_from_civil(y, from, 1), cc_days_from_civil(y, to, cc_days_in_month(y, to)));
    *end = k + 1;
    return 1;
}

static size_t span_joint(const P *p, size_t k, int between);

/* A date written out in one of the absolute forms: figures, a month named first, or a day and
 * then its month. */
static int date_whole(const P *p, size_t k, cc_qty *q, size_t *end)
{
    return date_numeric(p, k, q, end) || date_monthname(p, k, q, end) || date_daymonth(p, k, q, end);
}

/* "between March 2023 and May 2024", "from 24 February 2022 to 1 March
 * 2022": two dates each written with its year, joined. */
static int date_pair(const P *p, size_t k, int between, cc_qty *q, size_t *end)
{
    cc_qty b;
    size_t e1, j;
    memset(&b, 0, sizeof b);
    if (!date_whole(p, k, q, &e1) || q->relative || q->unanchored || !(j = span_joint(p, e1, between))) return 0;
    if (!date_whole(p, j, &b, end) || b.relative || b.unanchored || b.high < q->low) return 0;
    q->high = b.high;
    q->weekday_actual = -1;
    return 1;
}

/* The word or dash joining the two ends of a span of dates at token k
 * ("12-14 March", "from June to August", "between June and August": "and"
 * only after "between"); the token after it, 0 when none. */
static size_t span_joint(const P *p, size_t k, int between)
{
    if (is_dash(p, k) || word(p, k, "to") || word(p, k, "through") || word(p, k, "until") || word(p, k, "till"))
        return k + 1;
    return between && word(p, k, "and") ? k + 1 : 0;
}

/* Date q (the span's end) widened back to start on day lo: a span names no
 * weekday of its own, nor a month and day written alone. */
static void span_from(cc_qty *q, double lo)
{
    q->low = q->best = lo;
    q->weekday_actual = -1;
    q->month = q->mday = 0;
}

/* The span from month m1 to the month the date q (read at its end) names,
 * which fixes the year: a first month after the last one is in the year
 * before ("from December to February"). */
static void span_months(cc_qty *q, int m1)
{
    int y, m, d;
    cc_civil_from_days((int64_t)q->low, &y, &m, &d);
    span_from(q, (double)cc_days_from_civil(m1 > m ? y - 1 : y, m1, 1));
}

/* Two bare months ("between June and August", no year written): the latest
 * such span before the reference date, the next one after it in the future
 * tense; unanchored without a reference date. */
static void bare_months(const P *p, int m1, int m2, cc_qty *q)
{
    if (p->opt && p->opt->year) { /* a timeline's year: "2024: between June and August, …" */
        set_month(q, p->opt->year + (m2 < m1), m2);
        span_months(q, m1);
        return;
    }
    if (!p->opt || !p->opt->has_ref) { set_unanchored(q); return; }
    int ry, rm, rd;
    cc_civil_from_days(p->opt->ref, &ry, &rm, &rd);
    int y = p->opt->forward ? (m1 < rm ? ry + 1 : ry) + (m2 < m1) : (m2 < rm ? ry : ry - 1);
    set_month(q, y, m2);
    span_months(q, m1);
    q->relative = 1;
}

/* The day after the joint at k of a span of days from day d1 ("12-14",
 * "12 to 14"; with "and", only the next day: "16 and 17", a two-day
 * meeting, while "16 and 20" are two days): its token, or 0. */
static size_t day_joint(const P *p, size_t k, int between, int d1, int *d2, size_t *e)
{
    size_t j = span_joint(p, k, between);
    if (j) return day_tok(p, j, d2, e) ? j : 0;
    return word(p, k, "and") && day_tok(p, k + 1, d2, e) && *d2 == d1 + 1 ? k + 1 : 0;
}

/* A span of dates, one interval from its first day to its last: "March
 * 12-14, 2024", "12-14 March 2024", "from June to August 2024", "between
 * June and August", "between March 2023 and May 2024". The end carries the
 * year for both; an end before the start is no span. */
static int date_span(const P *p, size_t i, cc_qty *q, size_t *end)
{
    /* qty_at has read a "between" or "from" before i already */
    int between = word(p, i, "between") || (i > 0 && word(p, i - 1, "between"));
    size_t k = word(p, i, "between") || word(p, i, "from") ? i + 1 : i, e, de, j, me;
    int d1, d2;
    const cc_lxent *m1;
    if (day_tok(p, k, &d1, &de) && (j = day_joint(p, de, between, d1, &d2, &e)) &&
        date_daymonth(p, j, q, end)) { /* "12-14 March 2024", "16 and 17 May" */
        if (d1 >= d2 || q->unanchored) return 0;
        span_from(q, q->low - (d2 - d1));
        return 1;
    }
    if (!(m1 = month_at(p, k, &me))) return date_pair(p, k, between, q, end);
    if (day_tok(p, me, &d1, &de) && (j = day_joint(p, de, between, d1, &d2, &e)) && !month_at(p, e, &me)) {
        /* "March 12-14, 2024", "May 16 and 17" */
        if (d1 >= d2 || !month_day(p, m1->iv, d2, sym(p, e, ',') ? e + 1 : e, e, q, end) || q->unanchored) return 0;
        span_from(q, q->low - (d2 - d1));
        return 1;
    }
    if (day_tok(p, me, &d1, &de) || !(j = span_joint(p, me, between))) return date_pair(p, k, between, q, end);
    size_t me2;
    const cc_lxent *m2 = month_at(p, j, &me2);
    if (!m2 || day_tok(p, me2, &d2, &e)) return 0;
    if (date_monthname(p, j, q, end)) { /* "from June to August 2024" */
        span_months(q, m1->iv);
        return 1;
    }
    bare_months(p, m1->iv, m2->iv, q); /* "between June and August" */
    *end = me2;
    return 1;
}

/* "the early hours of", "the morning of": a part of the day written
 * before a date, which is that day. The token after "of", or i. */
static size_t day_part(const P *p, size_t i)
{
    size_t k = i;
    if (word(p, k, "the")) k++;
    if ((word(p, k, "early") || word(p, k, "small") || word(p, k, "wee")) && word(p, k + 1, "hours")) k += 2;
    else if (word(p, k, "morning") || word(p, k, "afternoon") || word(p, k, "evening") || word(p, k, "night")) k++;
    else return i;
    return word(p, k, "of") ? k + 1 : i;
}

static int date_at(const P *p, size_t i, cc_qty *q, size_t *end)
{
    q->weekday = -1;
    q->weekday_actual = -1;
    size_t dp = day_part(p, i);
    if (dp > i) return date_whole(p, dp, q, end); /* "in the early hours of 24 February 2022" */
    int wd = -1;
    size_t j = i, we;
    if (weekday_at(p, i, &wd, &we)) {
        /* "Friday, January 23, 2026", "Saturday (Jan 24)", "Saturday, 24 January" */
        size_t k = we;
        int paren = 0;
        if (sym(p, k, ',')) k++;
        else if (sym(p, k, '(')) { k++; paren = 1; }
        size_t de;
        if (date_monthname(p, k, q, &de) || date_daymonth(p, k, q, &de) || date_numeric(p, k, q, &de)) {
            if (paren && sym(p, de, ')')) de++;
            fit_weekday(p, q, wd);
            q->weekday = wd;
            *end = de;
            return 1;
        }
        j = i;
    }
    if (date_span(p, j, q, end)) return 1;
    if (date_whole(p, j, q, end)) return 1;
    if (date_relative(p, j, q, end)) return 1;
    size_t k;
    int part = month_part(p, j, &k);
    if (part && date_monthname(p, k, q, end)) { /* "late February 2022" */
        narrow_month(q, part);
        return 1;
    }
    int y;
    /* with a part or a season a year is a time whatever was asked ("late 2023" counts nothing) */
    if ((p->want == CC_K_DATE || p->want == CC_K_ANY) && year_part(p, j, q, end)) return 1;
    if (p->want == CC_K_DATE && year_tok(p, j, &y) && !label_before(p, j)) {
        set_days(q, cc_days_from_civil(y, 1, 1), cc_days_from_civil(y, 12, 31));
        *end = j + 1;
        return 1;
    }
    return 0;
}

static int tok_listed(const P *p, size_t k, const char *list);

/* A period entered rather than lived in, the verb read with it: "entered
 * its third year", "ground on into a fourth year", "heads into its third
 * year" (a verb of the lexicon's `entering` before "into"): its first day.
 * Returns the token after the verb, or i. "Now well into its third year" is
 * inside it; so is a bare "into", which may follow a duration ("three weeks
 * into"). */
static size_t entering(const P *p, size_t i)
{
    if (i < p->nt && p->t[i].type == CC_T_WORD && p->t[i].end - p->t[i].start >= 5 &&
        strncasecmp(p->s + p->t[i].start, "enter", 5) == 0)
        return word(p, i + 1, "into") ? i + 2 : i + 1;
    return word(p, i + 1, "into") && (word(p, i, "on") || tok_listed(p, i, "entering")) ? i + 2 : i;
}

/* An ordinal at i: a lexicon ordinal ("fourth"), a tens word hyphened to
 * one ("forty-third"), or digits with their suffix ("43rd", "1,000th"): its
 * value, *end after it; 0 when there is none. */
static double ordinal_at(const P *p, size_t i, size_t *end)
{
    size_t e;
    const cc_lxent *o, *tens;
    if ((tens = lookup(p, i, CC_LX_NUMBER, &e)) && e == i + 1 && tens->v >= 20 && tens->v < 100 &&
        fmod(tens->v, 10) == 0 && is_dash(p, e) && adjacent(p, e) && adjacent(p, e + 1) &&
        (o = lookup(p, e + 1, CC_LX_ORDINAL, end)) && o->v < 10)
        return tens->v + o->v;
    if ((o = lookup(p, i, CC_LX_ORDINAL, end))) return o->v;
    const cc_tok *t = i < p->nt ? &p->t[i] : NULL;
    if (t && t->type == CC_T_NUM && !t->dec_digits && !t->power && t->num >= 1 && adjacent(p, i + 1) &&
        (word(p, i + 1, "st") || word(p, i + 1, "nd") || word(p, i + 1, "rd") || word(p, i + 1, "th"))) {
        *end = i + 2;
        return t->num;
    }
    return 0;
}

/* A period entered as a headline writes it, with no article: "enters
 * fourth year", "enters year four" (a unit, then its number). The number
 * of the period and its unit, *end after both; 0 when neither. */
static double headline_period(const P *p, size_t j, const cc_lxent **u, size_t *end)
{
    size_t e, ue;
    double ov = ordinal_at(p, j, &e), n;
    if (ov) {
        *u = lookup_unit(p, e, &ue);
        *end = ue;
        return *u && (*u)->kind == CC_K_DURATION ? ov : 0;
    }
    *u = lookup_unit(p, j, &ue);
    if (!*u || (*u)->kind != CC_K_DURATION || !(e = int_words(p, ue, &n)) || n < 1 || n > 100 || n != floor(n)) return 0;
    *end = e;
    return n;
}

/* Period number ov of unit u, as ordinal_period reads it: [ov-1, ov)
 * units, or ov-1 when entered; *end at token end_tok. */
static int set_period(cc_qty *q, double ov, const cc_lxent *u, int enters, size_t end_tok, size_t *end)
{
    q->kind = CC_K_DURATION;
    q->unit = "day";
    q->low = (ov - 1) * u->v;
    q->high = enters ? q->low : ov * u->v;
    q->entered = (unsigned)enters;
    q->best = q->low;
    q->wnum = ov;
    q->wunit = u->name;
    q->wfactor = u->v; /* so that a start derived from it is counted on the calendar */
    *end = end_tok;
    return 1;
}

/* "in its fourth year", "the third year of the war": [n-1, n) units;
 * "entered its fourth year": n-1 units */
static int ordinal_period(const P *p, size_t i, cc_qty *q, size_t *end, size_t *from)
{
    size_t j = entering(p, i), e, ue;
    int enters = j > i;
    if (!enters && (word(p, j, "in") || word(p, j, "into"))) j++;
    if (!(word(p, j, "its") || word(p, j, "the") || word(p, j, "a") || word(p, j, "their") || word(p, j, "his") ||
          word(p, j, "her"))) {
        const cc_lxent *hu;
        double hn = enters ? headline_period(p, j, &hu, &ue) : 0;
        return hn ? set_period(q, hn, hu, 1, ue, end) : 0;
    }
    if (word(p, j, "a") && j > 0 && word(p, j - 1, "for")) return 0; /* "for a second day": again, no age */
    j++;
    /* "the war's 1,378th day": past the possessive noun, which is no part of the quantity (a
     * frame's cue, the war's name) */
    if (j < p->nt && p->t[j].type == CC_T_WORD && (sym(p, j + 1, '\'') || sym(p, j + 1, 0x2019)) &&
        adjacent(p, j + 1) && word(p, j + 2, "s") && adjacent(p, j + 2) && word(p, j - 1, "the")) {
        j += 3;
        *from = j;
    }
    double ov = ordinal_at(p, j, &e);
    if (!ov && j + 1 < p->nt && p->t[j].type == CC_T_WORD) { /* "a sombre second anniversary" */
        ov = ordinal_at(p, j + 1, &e);
        if (ov) j++;
    }
    if (!ov) return 0;
    /* "the first night of the war", "in the first weeks of the fighting": a moment looked back on,
     * no age now ("in its first year" is one) */
    if (ov == 1 && word(p, j - 1, "the") && !enters) return 0;
    if (word(p, e, "anniversary")) { /* the Nth anniversary: exactly N years */
        const cc_lxent *ents, *y = NULL;
        size_t ne = cc_lexicon_lookup(p->lx, "year", &ents);
        for (size_t k = 0; k < ne; k++)
            if (ents[k].type == CC_LX_UNIT && ents[k].kind == CC_K_DURATION) y = &ents[k];
        if (!y) return 0;
        q->kind = CC_K_DURATION;
        q->unit = "day";
        q->low = q->high = q->best = ov * y->v;
        q->wnum = ov;
        q->wunit = y->name;
        q->wfactor = y->v;
        q->entered = 1; /* reached on its day, like a period entered */
        *end = e + 1;
        return 1;
    }
    const cc_lxent *u = lookup_unit(p, e, &ue);
    if (!u || u->kind != CC_K_DURATION) return 0;
    return set_period(q, ov, u, enters, ue, end);
}

/* Token k is a word of the lexicon's word list `list`. */
static int tok_listed(const P *p, size_t k, const char *list)
{
    for (const char *const *lw = cc_lexicon_list(p->lx, list); lw && *lw; lw++)
        if (cc_tok_is(p->s, &p->t[k], *lw)) return 1;
    return 0;
}

/* One of the three words before token i (past a colon or a comma right
 * before it: "Russia's invasion of Ukraine, day …") is one of the lexicon's
 * list. */
static int after_listed(const P *p, size_t i, const char *list)
{
    size_t k = i;
    if (k > 0 && (sym(p, k - 1, ':') || sym(p, k - 1, ','))) k--;
    for (size_t n = 0; n < 3 && k > 0 && p->t[k - 1].type == CC_T_WORD; n++, k--)
        if (tok_listed(p, k - 1, list)) return 1;
    return 0;
}

/* The unit of a figure given after a label that names it, as a by-the-
 * numbers line writes: "Days since the invasion: 1,461" is 1,461 days. The
 * label opens the piece read, a duration unit first, a few words at most,
 * and the colon stands right before the figure (at i). */
static const cc_lxent *label_unit(const P *p, size_t i)
{
    size_t ue;
    if (i < 2 || i > 9 || !sym(p, i - 1, ':')) return NULL;
    for (size_t k = 0; k + 1 < i; k++) /* words, hyphened ("full-scale") */
        if (p->t[k].type != CC_T_WORD && !(is_dash(p, k) && adjacent(p, k) && adjacent(p, k + 1))) return NULL;
    const cc_lxent *u = lookup_unit(p, 0, &ue);
    return u && u->kind == CC_K_DURATION ? u : NULL;
}

/* A label of the list before a colon among the eight tokens before i: a
 * headline's "Russia-Ukraine war: key events on day 1,344". */
static int label_listed(const P *p, size_t i, const char *list)
{
    for (size_t k = i, n = 0; k > 1 && n < 8; k--, n++)
        if (sym(p, k - 1, ':') && p->t[k - 2].type == CC_T_WORD && tok_listed(p, k - 2, list)) return 1;
    return 0;
}

/* "Day 1,366 of the invasion", "Ukraine war: day 1,366", a live blog's count
 * of days: on the Nth day, N - 1 to N days have gone by. Only before "of" or
 * after what is counted (lexicon `day_count_of`), so that "day 3" in a list
 * or a heading is no duration. */
static int day_number(const P *p, size_t i, cc_qty *q, size_t *end)
{
    if (!word(p, i, "day") || i + 1 >= p->nt || p->t[i + 1].type != CC_T_NUM || p->t[i + 1].dec_digits ||
        p->t[i + 1].power || p->t[i + 1].num < 1 ||
        !(word(p, i + 2, "of") || after_listed(p, i, "day_count_of") || label_listed(p, i, "day_count_of")))
        return 0;
    double n = p->t[i + 1].num;
    q->kind = CC_K_DURATION;
    q->unit = "day";
    q->low = n - 1;
    q->high = q->best = n;
    q->wnum = n;
    q->wunit = "day";
    q->wfactor = 1;
    *end = i + 2;
    return 1;
}

/* A unit word that is also an ordinal, before a word: "a second session" is no duration ("wait
 * a second" is). */
static int ordinal_unit(const P *p, size_t u, size_t ue)
{
    size_t oe;
    return ue == u + 1 && lookup(p, u, CC_LX_ORDINAL, &oe) && ue < p->nt && p->t[ue].type == CC_T_WORD;
}

/* ---- the quantity parser ---- */

/* A hedge word that after "the" or a possessive is an adjective ("the top
 * 10 banks"), not a verb ("casualties top 1 million"): the lexicon's
 * `adjective_hedges`. */
static int adjective_hedge(const P *p, size_t i)
{
    static const char *const det[] = {"the", "a", "its", "their", "his", "her", "our", "your", NULL};
    if (i == 0 || p->t[i - 1].type != CC_T_WORD) return 0;
    int after_det = 0;
    for (size_t k = 0; det[k] && !after_det; k++) after_det = word(p, i - 1, det[k]);
    if (!after_det) return 0;
    const char *const *adj = cc_lexicon_list(p->lx, "adjective_hedges");
    for (size_t k = 0; adj[k]; k++)
        if (word(p, i, adj[k])) return 1;
    return 0;
}

/* A unit ending at token ue glued into an adverb or a comparison
 * ("year-by-year", "year-on-year", "day-to-day", "month-over-month"): no
 * period of one unit. */
static int unit_compound(const P *p, size_t ue)
{
    static const char *const glue[] = {"by", "on", "to", "over", "after", NULL};
    if (!(is_dash(p, ue) && adjacent(p, ue) && adjacent(p, ue + 1))) return 0;
    for (size_t k = 0; glue[k]; k++)
        if (word(p, ue + 1, glue[k]) && is_dash(p, ue + 2) && adjacent(p, ue + 2)) return 1;
    return 0;
}

/* A hedge word that is also a word of the whole ("fully"), with no figure
 * after it: the whole ("Russia fully controls Luhansk"), where "fully 40%"
 * is a hedge. */
static int whole_not_hedge(const P *p, size_t j, size_t e)
{
    size_t we;
    const cc_tok *n = &p->t[e];
    if (!lookup(p, j, CC_LX_WHOLE, &we) || n->type == CC_T_NUM) return 0;
    return !(lookup(p, e, CC_LX_NUMBER, &we) || lookup(p, e, CC_LX_VAGUE, &we) || lookup(p, e, CC_LX_CURSYM, &we) ||
             word(p, e, "half") || lookup(p, e, CC_LX_VULGAR, &we) || lookup(p, e, CC_LX_ONE, &we));
}

/* "6,500 of the 26,500 square kilometres", "20,000 of the Donetsk region's
 * 26,500 sq km": a figure x with no unit of its own (token k after it)
 * followed by "of", a few words and a larger whole with its unit, is a part
 * in that unit. Returns the unit (and the token after it in *end), or NULL. */
static const cc_lxent *part_of_whole(const P *p, size_t k, double x, size_t *end)
{
    if (!word(p, k, "of")) return NULL;
    for (size_t m = k + 1; m < p->nt && m <= k + 6; m++) {
        const cc_tok *t = &p->t[m];
        if (t->type == CC_T_NUM) {
            amt w;
            size_t ue;
            const cc_lxent *u;
            if (!amount(p, m, &w, 1) || w.share || w.x <= x || !(u = lookup_unit(p, w.end, &ue)) ||
                u->kind == CC_K_PERCENT)
                return NULL;
            *end = ue;
            return u;
        }
        /* words and a possessive's apostrophe stand between ("of the Donetsk region's") */
        if (t->type != CC_T_WORD && !(t->type == CC_T_SYM && (t->cp == '\'' || t->cp == 0x2019))) return NULL;
    }
    return NULL;
}

/* A whole ("all of Luhansk", "the whole of the region") that some words
 * after it (from token k) take a part out of: "except a few villages",
 * "apart from a sliver", "but for", "save for", "bar", "excluding". Returns
 * the token after those words (their first at *at), or 0. */
static size_t whole_but(const P *p, size_t k, size_t *at)
{
    for (size_t m = k; m < p->nt && m <= k + 6; m++) {
        if (sym(p, m, '.') || sym(p, m, ';') || sym(p, m, ':')) return 0;
        *at = m;
        if (word(p, m, "except") || word(p, m, "excluding") || word(p, m, "bar")) return m + 1;
        if (((word(p, m, "apart") || word(p, m, "aside")) && word(p, m + 1, "from")) ||
            ((word(p, m, "but") || word(p, m, "save")) && word(p, m + 1, "for")))
            return m + 2;
    }
    return 0;
}

static int qty_at(const P *p, size_t i, cc_qty *q, size_t *endp)
{
    memset(q, 0, sizeof *q);
    q->weekday = q->weekday_actual = -1;
    size_t j = i, e;
    const cc_lxent *le;
    cc_hedge hedge = CC_H_NONE;
    if ((le = lookup(p, j, CC_LX_HEDGE, &e)) && e < p->nt && !adjective_hedge(p, j) && !whole_not_hedge(p, j, e)) {
        hedge = le->hedge;
        q->hedge_start = p->t[j].start;
        q->hedge_end = p->t[e - 1].end;
        j = e;
        size_t e2;
        /* "almost exactly four years ago", "nearly exactly": close to the mark, not on it */
        if (hedge != CC_H_EXACT && (le = lookup(p, j, CC_LX_HEDGE, &e2)) && le->hedge == CC_H_EXACT && e2 < p->nt) {
            hedge = CC_H_APPROX;
            q->hedge_end = p->t[e2 - 1].end;
            j = e2;
        }
    }
    int between = 0;
    if (word(p, j, "between") || (word(p, j, "from") && hedge == CC_H_NONE)) { between = word(p, j, "between") ? 1 : 2; j++; }

    /* "estimated in June", "reported on Friday": a verb of the hedge list before a date's
     * preposition hedges no date (the date is read from the preposition on) */
    int verb_hedge = hedge != CC_H_NONE && (word(p, j, "on") || month_lead(p, j));
    if ((p->want == CC_K_ANY || p->want == CC_K_DATE) && !verb_hedge) {
        size_t de;
        if (date_at(p, j, q, &de)) {
            q->hedge = hedge;
            q->start = p->t[hedge == CC_H_NONE && j + 1 < de && bound_lead(p, j) ? j + 1 : i].start;
            q->end = p->t[de - 1].end;
            if (hedge == CC_H_APPROX && !q->unanchored) { q->low -= 3; q->high += 3; }
            *endp = de;
            return 1;
        }
    }
    if (p->want == CC_K_ANY || p->want == CC_K_DURATION) {
        size_t de;
        size_t from = i; /* where its own words begin */
        int got = ordinal_period(p, j, q, &de, &from);
        if (!got) from = i;
        if (got || day_number(p, j, q, &de)) {
            q->hedge = hedge;
            q->start = p->t[from].start;
            q->end = p->t[de - 1].end;
            *endp = de;
            return 1;
        }
    }

    /* phone numbers and codes are not quantities */
    size_t ph = phone_chain(p, j);
    if (ph) { *endp = ph; return -1; }

    const cc_lxent *cur = NULL;
    size_t ce;
    if ((le = lookup(p, j, CC_LX_CURSYM, &ce)) && ce < p->nt) {
        cur = le;
        j = ce;
    }
    /* > 0: a unit kind was asked for, units win over suffixes spelled alike;
     * < 0: money or a number is being read, suffixes win; 0: neither */
    int prefer_unit = (p->want == CC_K_NUMBER || p->want == CC_K_MONEY || cur) ? -1
                      : (p->want != CC_K_ANY && p->want != CC_K_COUNT) ? 1 : 0;
    amt a, b;
    int unit_one = 0;
    if (!amount(p, j, &a, prefer_unit)) {
        /* "a year", "an hour", "all day", "another week": one unit */
        size_t ue, oe;
        const cc_lxent *u;
        if (lookup(p, j, CC_LX_ONE, &oe) && (((is_dash(p, oe) && adjacent(p, oe)) && (u = lookup_unit(p, oe + 1, &ue))) ||
                                             (u = lookup_unit(p, oe, &ue))) &&
            u->kind == CC_K_DURATION && !ordinal_unit(p, oe, ue) && !unit_compound(p, ue)) {
            memset(&a, 0, sizeof a);
            a.x = 1;
            a.h = 0.5;
            a.end = oe;
            a.scale = 1;
            unit_one = 1;
        } else if ((le = lookup(p, j, CC_LX_VAGUE, &e))) {
            /* "tens of thousands", "dozens", "hundreds of thousands" */
            q->kind = CC_K_COUNT;
            q->unit = "count";
            q->hedge = hedge;
            q->vague = 1;
            double lo = le->v, hi = le->v2;
            if (hedge == CC_H_OVER || hedge == CC_H_ATLEAST) hi = INFINITY;
            if (hedge == CC_H_UPTO || hedge == CC_H_UNDER) lo = 0;
            q->low = lo;
            q->high = hi;
            q->best = le->v3;
            q->wnum = le->v3;
            size_t k = e;
            if (word(p, k, "of")) k++;
            size_t ue;
            const cc_lxent *u = lookup_unit(p, k, &ue);
            if (u && u->kind != CC_K_PERCENT) {
                q->kind = u->kind;
                q->unit = cc_kind_unit(u->kind);
                q->wunit = u->name;
                q->wfactor = u->v;
                q->low *= u->v; q->high *= u->v; q->best *= u->v;
                e = ue;
            }
            if (p->want == CC_K_NUMBER) q->kind = CC_K_NUMBER;
            if (!want_ok(p->want, q->kind)) return 0;
            q->start = p->t[i].start;
            q->end = p->t[e - 1].end;
            *endp = e;
            return 1;
        } else {
            return 0;
        }
    }
    size_t k = a.end;
    int range = 0;
    /* "one in five" */
    if (!a.share && word(p, k, "in") && k + 1 < p->nt) {
        amt d;
        if (amount(p, k + 1, &d, 0) && d.x > 0 && !d.share && a.x <= d.x && a.x == floor(a.x) && d.x == floor(d.x)) {
            a.x = a.x / d.x;
            a.h = 0;
            a.share = 1;
            a.end = d.end;
            k = d.end;
        }
    }
    /* ranges: 2-3, 2–3, 2 to 3, between 1,000 and 1,200 */
    if (!a.share) {
        size_t r = k;
        int sep = 0;
        if (is_dash(p, r) && !(between == 1)) sep = 1;
        else if (word(p, r, "to") && between != 1) sep = 1;
        else if (word(p, r, "and") && between == 1) sep = 1;
        else if (between == 1 && is_dash(p, r)) sep = 1;
        if (sep) {
            size_t r1 = r + 1;
            if (cur == NULL && (le = lookup(p, r1, CC_LX_CURSYM, &e))) r1 = e;
            if (amount(p, r1, &b, prefer_unit) && !b.share && b.x >= a.x) {
                if (!a.scaled && b.scaled && a.x * b.scale <= b.x) { a.x *= b.scale; a.h *= b.scale; }
                range = 1;
                k = b.end;
            } else if (between) {
                return 0;
            }
        } else if (between) {
            return 0;
        }
    }
    /* "1,100-plus days", "a 40-plus-day siege": "plus" glued by a hyphen is a floor, the unit after it */
    if (!range && hedge == CC_H_NONE && is_dash(p, k) && adjacent(p, k) && word(p, k + 1, "plus") && adjacent(p, k + 1)) {
        hedge = CC_H_ATLEAST;
        q->hedge_start = p->t[k + 1].start;
        q->hedge_end = p->t[k + 1].end;
        k += 2;
    }
    /* currency after the amount: "420 million finnish markka", "5 billion
     * euros", "one-yen", "50 cents", "3 dollars 50 cents". A unit wins where a
     * unit kind was asked for ("5 pounds" of flour). */
    double minor = 0;
    if (!cur && !range) {
        size_t ck = k, ue;
        if (is_dash(p, ck) && adjacent(p, ck) && adjacent(p, ck + 1)) ck++;
        int unit_first = prefer_unit && lookup_unit(p, ck, &ue);
        if (!unit_first && (le = lookup(p, ck, CC_LX_CURWORD, &e))) {
            cur = le;
            k = e;
            /* "13 dollars and 45 cents", "thirteen dollars forty five" */
            size_t mk = k;
            if (word(p, mk, "and")) mk++;
            amt c;
            if (amount(p, mk, &c, 0) && !c.share && c.x >= 1 && c.x < 100 && c.x == floor(c.x)) {
                size_t me;
                const cc_lxent *mn = lookup(p, c.end, CC_LX_CURMINOR, &me);
                if (mn && mn->name == cur->name) { minor = c.x * mn->v; k = me; }
                else if (mk == k && !mn && !lookup_unit(p, c.end, &ue)) { minor = c.x / 100; k = c.end; }
            }
        } else if (!unit_first && (le = lookup(p, ck, CC_LX_CURMINOR, &e))) {
            cur = le;
            k = e;
            minor = -1; /* the whole amount is in hundredths */
        }
    }
    /* unit, possibly hyphenated ("34-month", "four-hour"); percent sign */
    const cc_lxent *u = NULL;
    size_t whole_end = 0; /* the token after a whole the figure is a part of, its unit written there */
    /* "the 1990s", "the '90s": a decade label */
    if (!cur && adjacent(p, k) && k < p->nt && (word(p, k, "s") || (sym(p, k, '\'') && word(p, k + 1, "s"))) &&
        p->t[k - 1].type == CC_T_NUM && fmod(p->t[k - 1].num, 10) == 0) {
        *endp = k + 1;
        return -1;
    }
    if (!cur) {
        size_t uk = k, ue;
        if (is_dash(p, uk) && adjacent(p, uk) && adjacent(p, uk + 1)) uk++;
        if (sym(p, uk, '%') || sym(p, uk, 0xFF05)) {
            static const cc_lxent pct = {.type = CC_LX_UNIT, .v = 1, .kind = CC_K_PERCENT, .name = "percent"};
            u = &pct;
            k = uk + 1;
        } else if ((u = lookup_unit(p, uk, &ue))) {
            /* "34-month" needs the hyphen glued, but "5,000 square kilometres" takes the space */
            k = ue;
        }
        /* "half a day", "half an hour", "½ hour": a fraction of a unit */
        if (!u && a.share) {
            size_t fk = k;
            if (word(p, fk, "a") || word(p, fk, "an")) fk++;
            const cc_lxent *fu = lookup_unit(p, fk, &ue);
            if (fu && fu->kind != CC_K_PERCENT) { u = fu; a.share = 0; k = ue; }
        }
        if (!u && !a.share && !range) u = label_unit(p, i);
        if (!u && !a.share && !range) u = part_of_whole(p, k, a.x, &whole_end);
        if (unit_one && !u) return 0;
        if (u && u->kind == CC_K_PERCENT && a.share) u = NULL;
        /* "an hour and a half", "one year and a quarter" */
        double add = 0;
        size_t ak;
        if (u && u->kind == CC_K_DURATION && !range && (ak = and_fraction(p, k, &add)) > k) {
            a.x += add;
            a.h = add / 2;
            k = ak;
        }
        if (u && u->kind == CC_K_DURATION && !range && !add) k = smaller_part(p, k, &a, &u);
    }
    /* "12.5 per cent to 15 per cent", "110 km to 120 km": a range with its unit written twice */
    if (u && !range && !a.share && (is_dash(p, k) || word(p, k, "to"))) {
        amt b2;
        size_t ue2 = 0;
        if (amount(p, k + 1, &b2, prefer_unit) && !b2.share && b2.x >= a.x) {
            size_t uk2 = b2.end;
            const cc_lxent *u2 = NULL;
            if (sym(p, uk2, '%') || sym(p, uk2, 0xFF05)) {
                if (u->kind == CC_K_PERCENT) { u2 = u; ue2 = uk2 + 1; }
            } else if ((u2 = lookup_unit(p, uk2, &ue2)) && !(u2->kind == u->kind && u2->v == u->v)) {
                u2 = NULL;
            }
            if (u2) {
                b = b2;
                range = 1;
                k = ue2;
            }
        }
    }
    /* "1990s", "1st" */
    if (!u && !cur && adjacent(p, k) && p->t[k - 1].type == CC_T_NUM && k < p->nt && p->t[k].type == CC_T_WORD) {
        *endp = k + 1;
        return -1;
    }

    /* "700,000 or more", "a fifth or less", "20% or so": a hedge after the
     * figure; not the next figure's ("300,000 and more than 100 tanks") */
    size_t he;
    const cc_lxent *after;
    if (hedge == CC_H_NONE && (after = lookup(p, k, CC_LX_HEDGE_AFTER, &he)) && !word(p, he, "than") &&
        !(he < p->nt && p->t[he].type == CC_T_NUM)) {
        hedge = after->hedge;
        q->hedge_start = p->t[k].start;
        q->hedge_end = p->t[he - 1].end;
        k = he;
    }
    double lo, hi, best = a.x, wnum = a.x;
    double factor = 1;
    cc_kind kind;
    if (cur) {
        kind = CC_K_MONEY;
        q->unit = cur->name;
        q->wunit = cur->name;
        if (minor < 0) factor = cur->v; /* "50 cents": written 50, worth 0.50 */
        else if (minor > 0) { a.x += minor; best = wnum = a.x; a.h = 0; }
    }
    else if (u) { kind = u->kind; q->unit = cc_kind_unit(kind); q->wunit = u->name; factor = u->v; }
    else if (a.share) { kind = CC_K_PERCENT; q->unit = "percent"; q->wunit = "share"; factor = 100; }
    else { kind = (p->want == CC_K_NUMBER) ? CC_K_NUMBER : CC_K_COUNT; q->unit = "count"; }
    if (p->want == CC_K_NUMBER) {
        /* asked for numbers: the number as written, whatever its unit
         * ("$20" is 20, "two thirds" is 0.667) */
        kind = CC_K_NUMBER;
        q->unit = "count";
        factor = 1;
        a.share = 0;
    }
    q->wfactor = factor;
    /* "three years ago (today)": a date; "four years ago this week (month)": that week (month) then */
    if (kind == CC_K_DURATION && word(p, k, "ago") && (p->want == CC_K_ANY || p->want == CC_K_DATE)) {
        size_t te; /* "ago today", "ago this morning": a word of today */
        const cc_lxent *rd = lookup(p, k + 1, CC_LX_RELDAY, &te);
        int today = rd && rd->iv == 0;
        int week = word(p, k + 1, "this") && word(p, k + 2, "week"), month = word(p, k + 1, "this") && word(p, k + 2, "month");
        q->hedge = hedge;
        if (!p->opt || !p->opt->has_ref) set_unanchored(q);
        else {
            /* "three years ago today", "exactly three years ago": that very day */
            int exact = today || hedge == CC_H_EXACT;
            double ref = (double)p->opt->ref, d = a.x * factor, slack = exact || week || month ? 0 : a.h * factor;
            const char *wu = u ? u->name : NULL;
            int64_t lo = (int64_t)llround(cc_norm_before(ref, d + slack, wu, factor)),
                    hi = (int64_t)llround(cc_norm_before(ref, d - slack, wu, factor));
            if (week) { /* Monday to Sunday */
                lo = monday_of(lo);
                hi = lo + 6;
            } else if (month) {
                month_of(lo, &lo, &hi);
            }
            set_days(q, lo, hi);
            q->best = round(cc_norm_before(ref, d, wu, factor));
            q->relative = 1;
        }
        q->start = p->t[i].start;
        size_t last = today ? te - 1 : week || month ? k + 2 : k;
        /* "three years ago, on February 24, 2022": the date set beside it is the one meant */
        cc_qty on;
        memset(&on, 0, sizeof on); /* date_whole sets only what it reads */
        on.weekday = on.weekday_actual = -1;
        size_t oe;
        if (sym(p, last + 1, ',') && (word(p, last + 2, "on") || word(p, last + 2, "in")) &&
            date_whole(p, last + 3, &on, &oe) && (!on.relative || on.month) && !on.unanchored &&
            (!on.relative || ago_year(q, &on))) {
            set_days(q, (int64_t)on.low, (int64_t)on.high);
            q->relative = 0;
            q->unanchored = 0;
            last = oe - 1;
        }
        q->end = p->t[last].end;
        *endp = last + 1;
        return 1;
    }
    if (!want_ok(p->want, kind)) {
        *endp = k;
        return -1;
    }
    int nonneg = kind != CC_K_COUNT && kind != CC_K_NUMBER;
    size_t bw, be; /* "all of Luhansk except …": nearly the whole, the hedge's words after it */
    if (a.whole && hedge == CC_H_NONE && (be = whole_but(p, k, &bw))) {
        hedge = CC_H_NEARLY;
        q->hedge_start = p->t[bw].start;
        q->hedge_end = p->t[be - 1].end;
    }
    if (range) {
        double pl = a.x, phh = b.x;
        best = (a.x + b.x) / 2;
        wnum = b.x;
        hedge_interval(p, hedge, best, pl, phh, &lo, &hi, nonneg, 0);
        if (hedge == CC_H_OVER || hedge == CC_H_ATLEAST) lo = a.x;
        if (hedge == CC_H_UPTO || hedge == CC_H_UNDER) hi = b.x;
        if (hedge == CC_H_NEARLY) hi = b.x;
        if (hedge == CC_H_JUST_OVER) lo = a.x;
        if (hedge == CC_H_APPROX) { lo = fmin(a.x, a.x * (1 - cc_lexicon_param(p->lx, "approx_widen", 0.1))); hi = b.x * (1 + cc_lexicon_param(p->lx, "approx_widen", 0.1)); }
        q->range = 1;
        wnum = a.x;
    } else {
        double h = a.h;
        /* a one-digit round number ("$1 billion", "40%") is not ±50 %: cap the
         * rounding slack at precision_cap of the value */
        double cap = cc_lexicon_param(p->lx, "precision_cap", 0.1) * fabs(a.x);
        int elapsed = p->opt && p->opt->round_down && kind == CC_K_DURATION;
        if (!elapsed && h > cap && cap > 0) h = cap;
        if (a.share) h = a.whole ? 0 : fabs(a.x) * cc_lexicon_param(p->lx, "fraction_slack", 0.1);
        double pl = a.x - h, phh = a.x + h;
        /* an ongoing thing's age counts completed units: "34-month" is 34 to 35
         * months, "1,000-day" is day 1,000, whatever the trailing zeros */
        if (elapsed && !a.share) { pl = a.x; phh = a.x + (a.x == floor(a.x) ? 1 : 2 * h); }
        hedge_interval(p, hedge, a.x, pl, phh, &lo, &hi, nonneg, kind == CC_K_PERCENT ? 100 / factor : 0);
        /* "nearly 113,000" may round a source's 113,100: a count's or an area's top takes the figure's
         * written half-step, `nearly_over` of it at most (a duration's "nearly four years" stays under) */
        if (hedge == CC_H_NEARLY && kind != CC_K_DURATION && !a.share) {
            double base = fabs(a.x), whole = kind == CC_K_PERCENT ? 100 / factor : 0;
            if (whole > a.x && whole - a.x < base) base = whole - a.x; /* "nearly 99%": 1 % of the rest */
            hi = a.x + fmin(h, cc_lexicon_param(p->lx, "nearly_over", 0.01) * base);
        }
        if (hedge == CC_H_NEARLY && p->opt && p->opt->round_down && kind == CC_K_DURATION) hi = a.x;
    }
    q->kind = kind;
    q->hedge = hedge;
    q->low = lo * factor;
    q->high = hi * factor;
    q->best = best * factor;
    q->wnum = a.share ? a.x * 100 : wnum;
    if (range) q->wnum = a.x;
    q->start = p->t[i].start;
    q->end = p->t[k - 1].end;
    /* a trailing "-long"/"-old" belongs to the phrase */
    *endp = whole_end ? whole_end : k; /* the whole read with its part is no quantity of its own */
    return 1;
}

/* ref minus a duration of `days`, on the calendar when the duration was
 * written in months, years, decades or centuries (so "34 months" before
 * 2026-01-23 is 2023-03-23, whatever the nominal length of a month). */
double cc_norm_before(double ref, double days, const char *wunit, double wfactor)
{
    if (isinf(days)) return days > 0 ? -INFINITY : INFINITY;
    int per = 0; /* calendar months in one written unit */
    if (wunit && strcmp(wunit, "month") == 0) per = 1;
    else if (wunit && strcmp(wunit, "year") == 0) per = 12;
    else if (wunit && strcmp(wunit, "decade") == 0) per = 120;
    else if (wunit && strcmp(wunit, "century") == 0) per = 1200;
    if (!per || wfactor <= 0) return ref - days;
    double units = days / wfactor, months = units * per;
    if (!(fabs(months) < 1e6)) return ref - days; /* beyond any calendar: no month arithmetic */
    double whole = floor(months + 1e-9);
    double frac = months - whole;
    return (double)cc_add_months((int64_t)ref, -(int)whole) - frac * (wfactor / per);
}

/* Words the grammar reads in front of a quantity but that are no quantity
 * by themselves: "between 2 and 3", "last Thursday", "in its fourth year",
 * "a year", "the past week". A quantity starting at one has a number, a
 * lexicon word or a phrase of the lexicon within a few words. */
static const char *const glue_words[] = {"a", "an", "and", "between", "coming", "earlier", "from", "her", "his", "in",
                                         "into", "its", "last", "later", "next", "of", "over", "past", "previous",
                                         "the", "their", "this", "to", NULL};
/* Words the grammar reads as quantities without the lexicon. */
static const char *const grammar_words[] = {"half", "minus", "negative", "today", "weekend", NULL};

static int in_list(const char *key, const char *const *list)
{
    for (size_t k = 0; list[k]; k++)
        if (list[k][0] == key[0] && strcmp(key, list[k]) == 0) return 1;
    return 0;
}

enum { A_NONE, A_ANCHOR, A_GLUE, A_PART };

/* What token i is to the scan: an anchor (a number, a sign, a word some
 * lexicon phrase starts with), glue, or neither (most words, punctuation). */
static unsigned char token_role(const P *p, size_t i)
{
    const cc_tok *t = &p->t[i];
    if (t->type == CC_T_NUM) return A_ANCHOR;
    if (t->type != CC_T_WORD) /* punctuation starts nothing; currency signs, %, ½ … may */
        return t->cp < 128 && strchr(",.;:!?()[]\"'/&*@|_{}", (int)t->cp) ? A_NONE : A_ANCHOR;
    char key[64];
    size_t n = t->end - t->start;
    if (n >= sizeof key || !cc_tok_key(p->s, p->t, i, i + 1, key, sizeof key)) return A_ANCHOR;
    if (in_list(key, glue_words)) return A_GLUE;
    /* date_parts start a date only right before a month or a year: common words, so not glue
     * (which any figure within four words would wake) */
    if (date_part_at(p, i) >= 0) return A_PART;
    if (in_list(key, grammar_words) || cc_lexicon_starts(p->lx, key, n)) return A_ANCHOR;
    return A_NONE;
}

/* 0 when no quantity can start at token i, so that the parser need not try
 * every form there: most words, and glue with no anchor or lexicon phrase
 * after it. */
static int may_start(const P *p, const unsigned char *role, size_t i)
{
    if (role[i] == A_ANCHOR) return 1;
    if (role[i] == A_PART) { /* "late September", "mid-2024", "summer of 2024" */
        size_t k = i + 1, e;
        if (k < p->nt && (is_dash(p, k) || word(p, k, "of"))) k++;
        int y;
        return year_tok(p, k, &y) || month_at(p, k, &e) != NULL;
    }
    if (role[i] != A_GLUE) return entering(p, i) > i;
    for (size_t k = i + 1; k < p->nt && k <= i + 4; k++)
        if (role[k] == A_ANCHOR) return 1;
    if (i + 1 < p->nt && role[i + 1] == A_PART) { /* "this summer", "last spring" */
        int k = date_part_at(p, i + 1);
        if (k >= 0 && date_parts[k].part == 0) return 1;
    }
    size_t e; /* a phrase of the lexicon that starts with the glue word ("a few") */
    lookup(p, i, CC_LX_NUMBER, &e);
    for (unsigned h = 0; h < p->memo[i].n; h++)
        if (p->memo[i].len[h] >= 2) return 1;
    return 0;
}

size_t cc_norm_scan(const cc_lexicon *lx, const char *s, size_t n, cc_kind want, const cc_normopt *opt, cc_qty *out,
                    size_t max)
{
    cc_tok *toks;
    size_t nt = cc_tokenize(s, n, &toks);
    P p = {lx, s, toks, nt, want, opt, cc_xcalloc(nt ? nt : 1, sizeof(lkmemo))};
    size_t found = 0;
    unsigned char *role = cc_xmalloc(nt ? nt : 1);
    for (size_t i = 0; i < nt; i++) role[i] = token_role(&p, i);
    for (size_t i = 0; i < nt;) {
        if (!may_start(&p, role, i)) { i++; continue; }
        cc_qty q;
        size_t end = i + 1;
        int r = qty_at(&p, i, &q, &end);
        if (r == 1) {
            if (found < max) out[found] = q;
            found++;
            i = end > i ? end : i + 1;
        } else if (r < 0) {
            i = end > i ? end : i + 1;
        } else {
            i++;
        }
    }
    free(role);
    free(p.memo);
    free(toks);
    return found;
}

int cc_norm_one(const cc_lexicon *lx, const char *s, size_t n, cc_kind want, const cc_normopt *opt, cc_qty *out)
{
    return cc_norm_scan(lx, s, n, want, opt, out, 1) ? 0 : -1;
}

void cc_norm_value_json(cc_buf *b, const cc_qty *q)
{
    int date = q->kind == CC_K_DATE;
    const double vals[3] = {q->low, q->high, q->best};
    const char *names[3] = {"low", "high", "best"};
    cc_buf_putc(b, '{');
    for (int i = 0; i < 3; i++) {
        cc_buf_printf(b, "\"%s\":", names[i]);
        if (date && isfinite(vals[i])) {
            char d[11];
            cc_date_format((int64_t)llround(vals[i]), d);
            cc_buf_json_str(b, d, strlen(d));
        } else {
            cc_buf_json_num(b, vals[i]);
        }
        cc_buf_putc(b, ',');
    }
    cc_buf_puts(b, "\"unit\":");
    cc_buf_json_str(b, q->unit ? q->unit : "", strlen(q->unit ? q->unit : ""));
    cc_buf_putc(b, '}');
}


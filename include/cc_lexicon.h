/* cc_lexicon: the word tables the normalizer reads (number words, scales,
 * fractions, vague counts, hedges, units, currencies, months, weekdays) and
 * the pattern macros rule files use. Loaded from rules/lexicon.yaml, so a new
 * unit or currency is a data change.
 *
 * Ownership: cc_lexicon_load returns a lexicon the caller frees with
 * cc_lexicon_free; entries and strings belong to it. */
#ifndef CC_LEXICON_H
#define CC_LEXICON_H

#include <stddef.h>

typedef enum {
    CC_K_ANY = 0,
    CC_K_NUMBER,   /* a bare number; canonical unit "count" */
    CC_K_COUNT,    /* a count of things; canonical unit "count" */
    CC_K_PERCENT,  /* "percent", 40 not 0.4 */
    CC_K_AREA,     /* "km2" */
    CC_K_LENGTH,   /* "km" */
    CC_K_MASS,     /* "kg" */
    CC_K_VOLUME,   /* "l" */
    CC_K_MONEY,    /* ISO code */
    CC_K_DURATION, /* "day" */
    CC_K_DATE,     /* "date": day numbers since 1970-01-01 */
    CC_K__N
} cc_kind;

const char *cc_kind_name(cc_kind k);
/* CC_K__N when the name is unknown. */
cc_kind cc_kind_parse(const char *name);
/* Canonical unit of a kind ("day", "km2", …); money returns "money". */
const char *cc_kind_unit(cc_kind k);

/* Hedge families: how a hedge word turns a written number into an interval.
 * The table with the reasoning is in docs/rules.md. */
typedef enum {
    CC_H_NONE = 0,
    CC_H_APPROX,   /* about, around, roughly, approximately, some, an estimated */
    CC_H_NEARLY,   /* nearly, almost, just under, close to */
    CC_H_OVER,     /* more than, over, above, exceeded, passed, topped */
    CC_H_ATLEAST,  /* at least, no fewer than */
    CC_H_UPTO,     /* up to, as many as, at most, no more than */
    CC_H_UNDER,    /* less than, fewer than, under, below */
    CC_H_BARELY,   /* barely, just, only */
    CC_H_EXACT,    /* exactly, precisely */
    CC_H_JUST_OVER, /* just over, slightly more than, a little over: the mirror of nearly */
    CC_H__N
} cc_hedge;

const char *cc_hedge_name(cc_hedge h);

typedef enum {
    CC_LX_NUMBER,     /* v: value */
    CC_LX_ORDINAL,    /* v: value */
    CC_LX_SCALE,      /* v: multiplier (hundred, thousand, million, dozen) */
    CC_LX_SUFFIX,     /* v: multiplier, glued to digits (k, m, bn); iv 1: weak (loses to a unit) */
    CC_LX_DENOM,      /* v: denominator of a written fraction (fifth = 5) */
    CC_LX_VULGAR,     /* v: a fraction in one symbol (¾ = 0.75) */
    CC_LX_VAGUE,      /* v, v2: interval (dozens = [24, 99]); v3: best */
    CC_LX_HEDGE,      /* hedge */
    CC_LX_HEDGE_AFTER, /* hedge, written after the figure ("700,000 or more") */
    CC_LX_UNIT,       /* kind, v: factor to the kind's canonical unit, name */
    CC_LX_CURSYM,     /* name: ISO code; written before the amount */
    CC_LX_CURWORD,    /* name: ISO code; written after the amount */
    CC_LX_CURMINOR,   /* name: ISO code; the hundredth part (cents) */
    CC_LX_ONE,        /* before a unit, one of it ("a year", "all day") */
    CC_LX_MONTH,      /* iv: 1..12 */
    CC_LX_WEEKDAY,    /* iv: 0 (Sunday) .. 6 */
    CC_LX_LABEL,      /* a word after which a number is a label (Article 5) */
    CC_LX_RELDAY,     /* iv: offset in days (today 0, yesterday -1) */
    CC_LX_PERIOD,     /* before a date, makes it a period's bound ("since 2022"), not a time stamp */
    CC_LX_CLAUSE_DATE, /* before a date opening its sentence, makes it the whole clause's ("On May 3, …") */
    CC_LX_WHOLE,      /* the whole, a share of 100% ("almost entirely"); iv 1: of a name ("all of Luhansk") */
    CC_LX__N
} cc_lxtype;

typedef struct {
    cc_lxtype type;
    double v, v2, v3;
    int iv;
    cc_kind kind;
    cc_hedge hedge;
    const char *name; /* unit name as written canonically, ISO code, … */
} cc_lxent;

typedef struct cc_lexicon cc_lexicon;

/* Loads path. On failure returns NULL and writes "path:line:col: message"
 * into err. */
cc_lexicon *cc_lexicon_load(const char *path, char *err, size_t errlen);
void cc_lexicon_free(cc_lexicon *lx);

/* Entries for a phrase key (folded: lower case, single spaces, as built by
 * cc_norm's tokenizer). Returns the count and sets *out; 0 when unknown. */
size_t cc_lexicon_lookup(const cc_lexicon *lx, const char *key, const cc_lxent **out);
/* The same for the phrase key[0..len), which need not be NUL-terminated. */
size_t cc_lexicon_lookup_n(const cc_lexicon *lx, const char *key, size_t len, const cc_lxent **out);
/* 1 when some phrase starts with the word key[0..len) (as cc_tok_key
 * writes it): where no phrase starts, no look-up is needed. */
int cc_lexicon_starts(const cc_lexicon *lx, const char *key, size_t len);
/* 1 when the word at s[0..n) starts with the first three letters of a
 * word of type (CC_LX_MONTH or CC_LX_WEEKDAY; any other: a month, weekday
 * or relative-day word). A prefilter: "Mayor" passes for May; a word of
 * two letters never does. */
int cc_lexicon_date_word(const cc_lexicon *lx, const char *s, size_t n, int type);
/* 1 when the ASCII word at the start of s[0..n) is a lexicon word of type
 * (CC_LX_MONTH or CC_LX_WEEKDAY), as a whole word. */
int cc_lexicon_word_is(const cc_lexicon *lx, const char *s, size_t n, int type);
/* 1 when the ASCII word at the start of s[0..n) is a lexicon word of type,
 * as a whole word (any type; no prefilter). */
int cc_lexicon_word_of(const cc_lexicon *lx, const char *s, size_t n, int type);
/* 1 when some phrase of more words starts with the words key[0..len). */
int cc_lexicon_continues(const cc_lexicon *lx, const char *key, size_t len);
/* Longest phrase in tokens. */
int cc_lexicon_max_tokens(const cc_lexicon *lx);

/* Parameters (section "params"), with defaults. */
double cc_lexicon_param(const cc_lexicon *lx, const char *name, double dflt);
/* "mdy" or "dmy": how 01/02/2026 is read when both fields could be a month. */
int cc_lexicon_dmy(const cc_lexicon *lx);

/* Macro text by name (section "macros", plus generated ones such as
 * HEDGE_WORDS, MONTH, WEEKDAY, NUMBER_WORD, UNIT_DURATION …); NULL when
 * undefined. */
const char *cc_lexicon_macro(const cc_lexicon *lx, const char *name);
/* The word list name of lexicon.yaml's word_lists: (the words the engine's
 * own steps look for: a date's byline cues, the future tense …), lower
 * case and NULL-terminated; an empty list when the lexicon has none. */
const char *const *cc_lexicon_list(const cc_lexicon *lx, const char *name);

#endif

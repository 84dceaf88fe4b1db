/* cc_scan: runs a rule set over documents and turns every match into a
 * claim: subject, normalized value, derived value, span, quoted text.
 *
 * Ownership: a cc_claims list owns its claims and their strings
 * (cc_claims_free). The strings of the claims one cc_scan_doc call makes
 * (subject, quote, reference key) are packed into one block the list keeps;
 * moving claims to another list moves the blocks with them
 * (cc_claims_take_strings). A cc_matcher holds one thread's PCRE2 match state and
 * must not be shared between threads. */
#ifndef CC_SCAN_H
#define CC_SCAN_H

#include "cc_doc.h"
#include "cc_norm.h"
#include "cc_rules.h"

typedef struct {
    char *subject;
    const cc_rule *rule;
    size_t doc;             /* index of the document */
    size_t start, end;      /* the whole match: what is quoted (byte offsets) */
    size_t vstart, vend;    /* the value the normalizer read */
    char *quote;            /* the quoted text, owned: documents are freed once scanned */
    size_t quote_len;
    int line, col, end_line, end_col; /* 1-based; columns in code points */
    cc_qty raw;             /* the value as written, normalized */
    cc_qty val;             /* the value compared: derived where the rule derives */
    int has_date;
    int64_t date;           /* the document's date */
    int64_t at;             /* the day its value is compared at: the date, or the last day of the time
                             * the sentence states it for ("in mid-December", "by the end of November") */
    int64_t as_of_low, as_of_high; /* that stated time, when as_of is set */
    unsigned as_of : 1;     /* stated for an earlier time than the document's date */
    unsigned unanchored : 1;/* relative, and the document has no date */
    unsigned suppressed : 1;/* an inline directive covers its line for its rule */
    unsigned policy : 2;    /* its subject's (cc_policy): the declared family's, else its rule's */
    unsigned short window_days;
    unsigned complemented : 1; /* read on a complementary subject (held by Russia) and kept on the declared
                                * one (held by Ukraine): val is total - the value read */
    unsigned undated : 1;   /* its value is known, but its subject is compared within a window of
                             * days (or as a running total) and its document has no date */
    unsigned calendar : 1;  /* a weekday beside its date that does not fit it is reported on this claim
                             * (one of the claims reading those words: cc_claims_mark_calendar) */
    double ref_value;       /* derive: share — the reference value used */
    const char *ref_source;
    char *ref_key;
} cc_claim;

typedef struct cc_strblock cc_strblock;

typedef struct {
    cc_claim *items;
    size_t n, cap;
    cc_strblock *strings; /* the blocks the claims' strings live in */
} cc_claims;

void cc_claims_init(cc_claims *c);
void cc_claims_free(cc_claims *c);
/* Moves from's string blocks to to (the claims pointing into them must
 * be moved too, or dropped by the caller). */
void cc_claims_take_strings(cc_claims *to, cc_claims *from);
/* A copy of s[0..n), NUL-terminated, that lives as long as c's strings. */
char *cc_claims_keep(cc_claims *c, const char *s, size_t n);
/* Claims read from a mapped file point into it: c's strings keep the
 * mapping (len bytes) and unmap it when freed. */
void cc_claims_adopt_map(cc_claims *c, void *map, size_t len);

typedef struct cc_matcher cc_matcher;
cc_matcher *cc_matcher_new(const cc_ruleset *rs);
void cc_matcher_free(cc_matcher *m);

/* The steps at which a rule keeps or drops what it reads (claimcheck
 * explain, and a failing rule example). */
typedef enum {
    CC_TR_NO_TRIGGER,  /* no trigger word, or none of its also: words, in the text */
    CC_TR_TOPIC_DOC,   /* the document's topic gate said no */
    CC_TR_TOPIC,       /* the sentence's topic gate (sentence:, not_sentence:) said no */
    CC_TR_NO_PATTERN,  /* a pattern matched nothing (detail: its line) */
    CC_TR_VALUE,       /* a pattern's value group is no value of the rule's kind */
    CC_TR_NO_QUANTITY, /* the frame found no value of the rule's kind in the sentence */
    CC_TR_NO_CUE,      /* a required cue is nowhere in the sentence (detail: its name) */
    CC_TR_CUE,         /* a required cue was not found in reach (detail: its name) */
    CC_TR_ABSENT,      /* a cue that must be absent was found (detail: its name) */
    CC_TR_VETO,        /* a veto word stood in reach */
    CC_TR_WITHIN,      /* the value lies outside what the rule's subject can take */
    CC_TR_DERIVE,      /* no reference value to turn the value into a share; no day an age is reached on */
    CC_TR_SAME,        /* the same words made this claim already */
    CC_TR_CLAIM        /* a claim (detail: its subject) */
} cc_trace_step;
/* Called at each step for rule r, on the text [s, e) of the document (0, 0
 * for the document as a whole). */
typedef void (*cc_trace_fn)(void *arg, const cc_rule *r, cc_trace_step step, size_t s, size_t e, const char *detail);
/* Traces every later cc_scan_doc on m (fn NULL: no more). */
void cc_matcher_trace(cc_matcher *m, cc_trace_fn fn, void *arg);

/* Appends the claims rules make in doc d (index doc_index) to out. Only
 * the rule `only` runs when it is not NULL (with the rules it defers to,
 * whose claims the caller leaves aside). Problems (a pattern over its
 * match limit, a missing reference) are warnings in diags; scanning goes
 * on. max_claims 0 means no per-document limit; over it a warning is
 * given and further claims are dropped, counted. */
void cc_scan_doc(const cc_ruleset *rs, cc_matcher *m, const cc_doc *d, size_t doc_index, const cc_rule *only,
                 size_t max_claims, cc_claims *out, cc_diags *diags);

/* Runs every rule's examples; failures are errors in diags at the
 * example's file:line. Returns the number of failing examples; *total gets
 * the number run. When stress is not NULL, also runs every pattern over
 * built-in pathological inputs (8 KB runs of digits, number words, hedges
 * …): a pattern that hits the PCRE2 match or depth limit there is an error at
 * its file:line, and *stress gets how many pattern × input pairs did. */
size_t cc_scan_selftest(const cc_ruleset *rs, cc_diags *diags, size_t *total, size_t *stress);

#endif

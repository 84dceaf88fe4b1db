/* cc_match: groups claims by subject and finds values that cannot all be
 * true, under each subject's policy:
 *   fixed       a fact that does not change: every claim must overlap;
 *   varying     claims dated within window_days of each other must overlap;
 *   cumulative  a running total: same-window claims must overlap, and a
 *               later claim must not fall below an earlier one's low bound.
 * Where most claims agree (the point covered by the most intervals), each
 * claim outside that consensus is one finding against it; with no majority,
 * the disagreeing claims form one finding. A weekday written beside a date
 * that does not fit it is a finding of its own.
 *
 * Ownership: cc_findings owns its findings (cc_findings_free). */
#ifndef CC_MATCH_H
#define CC_MATCH_H

#include "cc_scan.h"

/* conflict: one claim against a consensus (or the claims it cannot agree
 * with); disagreement: claims that cannot all be true with no majority to
 * say which is wrong (all disputed); decrease: a running total reported
 * lower than before (the later one is flagged); calendar: a weekday that
 * does not fit its date. */
typedef enum { CC_F_CONFLICT, CC_F_DECREASE, CC_F_CALENDAR, CC_F_DISAGREEMENT } cc_ftype;

typedef struct {
    cc_ftype type;
    const cc_rule *rule;   /* the rule of the flagged claim */
    char *subject;
    cc_severity severity;
    size_t *claims;        /* indexes into the claims list; [0] is the flagged one */
    size_t nclaims;
    size_t nconsensus;     /* how many of claims[1..] form the consensus (0: none) */
    size_t nothers;        /* how many claims it is set against, all of them (claims lists at most 50) */
    cc_qty agreed;         /* nconsensus >= 2: the interval the consensus shares (its members' intersection) */
    char *message;         /* one line: what clashes */
    char *why;             /* one line: why they cannot both hold */
    char id[28];           /* stable fingerprint: rule, subject, quoted texts and files (docs/cli.md) */
    unsigned suppressed : 1;   /* an inline directive covers one of its claims */
    unsigned baselined : 1;    /* already in the --baseline report */
    unsigned out_of_scope : 1; /* --new given, and no claim comes from a new file */
} cc_finding;

/* A finding that is shown in the text report and counts for the exit code. */
static inline int cc_finding_live(const cc_finding *f) { return !f->suppressed && !f->baselined && !f->out_of_scope; }

typedef struct {
    cc_finding *items;
    size_t n, cap;
} cc_findings;

void cc_findings_free(cc_findings *f);

/* Finds contradictions among claims (docs gives paths and text for the
 * messages). Findings come out in a deterministic order. */
/* Marks, among one document's claims (in document order), the one each
 * weekday that does not fit its date is reported on: of the claims that
 * read the same words, the calendar rule's, else the first. The matcher
 * reports it on that claim alone, whatever subject the others are on. */
void cc_claims_mark_calendar(cc_claim *items, size_t n);
void cc_match(const cc_claims *claims, const cc_doc *docs, cc_findings *out);
/* The same with up to jobs threads over the subjects; the findings are the
 * same, in the same order, whatever the number. */
void cc_match_jobs(const cc_claims *claims, const cc_doc *docs, cc_findings *out, int jobs);


#endif

/* cc_report: renders a finished run as a compiler-style text report or as
 * the JSON document described in docs/cli.md. Output is deterministic:
 * documents by path, findings by location. */
#ifndef CC_REPORT_H
#define CC_REPORT_H

#include "claimcheck.h"

typedef struct {
    int color;
    cc_severity min_level; /* findings below it are not shown */
} cc_report_opts;

void cc_report_text(cc_buf *out, const cc_run *r, const cc_report_opts *o);
void cc_report_json(cc_buf *out, const cc_run *r, const cc_report_opts *o);
/* One claim as a JSON object (the claim fields of the JSON contract plus
 * subject, kind, rule); role may be NULL. */
void cc_report_claim_json(cc_buf *out, const cc_run *r, const cc_claim *c, const char *role);
void cc_report_jsonl(cc_buf *out, const cc_run *r, const cc_report_opts *o);
void cc_report_github(cc_buf *out, const cc_run *r, const cc_report_opts *o);
void cc_report_sarif(cc_buf *out, const cc_run *r, const cc_report_opts *o);
void cc_report_html(cc_buf *out, const cc_run *r, const cc_report_opts *o);
/* One finding as a JSON object (the JSON contract's contradictions[]). */
void cc_report_finding_json(cc_buf *out, const cc_run *r, const cc_finding *f);
/* "flagged", "consensus" or "conflicting": the j-th claim of f. */
const char *cc_report_role(const cc_finding *f, size_t j);
/* Whether a finding is in a report: in scope, at or above min_level, and
 * (unless with_suppressed) neither suppressed nor baselined. */
int cc_report_shown(const cc_finding *f, const cc_report_opts *o, int with_suppressed);
/* Why a claim was not compared (its document has no date), or NULL when it
 * was: one wording for every format. */
const char *cc_report_unanchored_why(const cc_claim *c);
/* How many claims were not compared for want of a date. */
size_t cc_report_unanchored(const cc_run *r);
/* How many live findings (cc_finding_live) are at or above level. */
size_t cc_report_count(const cc_run *r, cc_severity level);

#endif

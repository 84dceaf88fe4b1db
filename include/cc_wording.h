#ifndef CC_WORDING_H
#define CC_WORDING_H

#include "cc_match.h"
#include "cc_util.h"

/* How claims and findings are worded, for every format. The matcher yields
 * structured findings (type, claims, consensus, agreed interval); this
 * module writes their headline and their reason. */

/* The claim's text in quotes, white space folded. */
void cc_word_quote(cc_buf *b, const cc_claim *c);

/* One line describing how a claim was read ("'34-month war' on 2026-01-23
 * puts the start between 2023-02-23 and 2023-03-23"). */
void cc_word_claim(cc_buf *b, const cc_claim *c);

/* Fills f->message (what clashes; the rule's own message: when it has one)
 * and f->why (why the values cannot both hold) from f's structure. */
void cc_word_finding(cc_finding *f, const cc_claims *cl);

/* A step of rule r (claimcheck explain, a failing rule example) in words:
 * "no cue 'region' in reach of 'about 20%'"; text is the document's. */
void cc_word_step(cc_buf *b, const cc_rule *r, cc_trace_step step, const char *text, size_t s, size_t e,
                  const char *detail);
/* How far a step got: of a rule's steps, the furthest says best why it
 * made no claim. */
int cc_word_step_rank(cc_trace_step step);

#endif

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

#endif

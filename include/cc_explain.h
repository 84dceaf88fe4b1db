#ifndef CC_EXPLAIN_H
#define CC_EXPLAIN_H

#include "cc_scan.h"
#include "cc_util.h"

/* claimcheck explain: for each rule, the claims it makes in document d and,
 * where it makes none, the step at which it dropped what it read. With only
 * set, that rule alone and every step it took; with line > 0, what lies on
 * that line of d. Writes text to b. */
void cc_explain(const cc_ruleset *rs, const cc_doc *d, const cc_rule *only, int line, cc_buf *b);

#endif

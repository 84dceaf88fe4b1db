/* Fuzz target: arbitrary bytes as up to four articles (split at form
 * feeds), through loading, dating, scanning with the shipped rules,
 * matching, and every report format. */
#include "cc_report.h"
#include "claimcheck.h"
#include "fuzz_common.h"

#include <stdio.h>
#include <string.h>


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const cc_ruleset *rs = fuzz_shipped_rules("fuzz_check");
    cc_run_opts o = {.jobs = 1, .max_claims = 1000, .keep_text = 1};
    cc_run *r = cc_run_new(rs, &o);
    const char *p = (const char *)data, *end = p + size;
    for (int k = 0; k < 4 && p <= end; k++) {
        const char *ff = k < 3 ? memchr(p, '\f', (size_t)(end - p)) : NULL;
        const char *e = ff ? ff : end;
        char name[32];
        snprintf(name, sizeof name, "doc%d.md", k);
        r->adding_new = k == 0;
        cc_run_add_mem(r, name, p, (size_t)(e - p));
        if (!ff) break;
        p = ff + 1;
    }
    r->adding_new = 0;
    fuzz_check_and_report(r);
    return 0;
}

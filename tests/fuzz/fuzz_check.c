/* Fuzz target: arbitrary bytes as up to four articles (split at form
 * feeds), through loading, dating, scanning with the shipped rules,
 * matching, and every report format. */
#include "cc_report.h"
#include "claimcheck.h"
#include "fuzz_common.h"

#include <stdio.h>
#include <string.h>

static cc_ruleset *rs;

static void teardown(void) { cc_rules_free(rs); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!rs) {
        cc_diags d;
        cc_diags_init(&d);
        rs = cc_rules_load(fuzz_rules_dir(), &d);
        cc_diags_free(&d);
        if (!rs) { fprintf(stderr, "fuzz_check: rules did not load from %s\n", fuzz_rules_dir()); abort(); }
        atexit(teardown);
    }
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
    cc_run_check(r);
    cc_report_opts ro = {0};
    ro.min_level = CC_SEV_INFO;
    cc_buf b;
    cc_buf_init(&b);
    cc_report_text(&b, r, &ro);
    cc_report_json(&b, r, &ro);
    cc_report_sarif(&b, r, &ro);
    cc_report_html(&b, r, &ro);
    cc_report_github(&b, r, &ro);
    cc_report_jsonl(&b, r, &ro);
    for (size_t i = 0; i < r->claims.n; i++) cc_report_claim_json(&b, r, &r->claims.items[i], NULL);
    cc_buf_free(&b);
    cc_run_free(r);
    return 0;
}

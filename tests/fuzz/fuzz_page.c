/* Fuzz target: arbitrary bytes as a saved web page, through the HTML
 * reader (its text and position map must hold together) and a whole check
 * with the shipped rules, every report format naming positions in it. */
#include "cc_page.h"
#include "cc_report.h"
#include "claimcheck.h"
#include "fuzz_common.h"

#include <stdio.h>
#include <string.h>

static cc_ruleset *rs;

static void teardown(void) { cc_rules_free(rs); }

/* The map runs forward through the text, at real lines and columns. */
static void check_map(const cc_page *p)
{
    for (size_t i = 0; i < p->n; i++) {
        if (p->off[i] > p->len || p->line[i] < 1 || p->col[i] < 1) abort();
        if (i && p->off[i] < p->off[i - 1]) abort();
    }
    if (strlen(p->text) != p->len) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!rs) {
        cc_diags d;
        cc_diags_init(&d);
        rs = cc_rules_load(fuzz_rules_dir(), &d);
        cc_diags_free(&d);
        if (!rs) { fprintf(stderr, "fuzz_page: rules did not load from %s\n", fuzz_rules_dir()); abort(); }
        atexit(teardown);
    }
    cc_page p;
    char err[256];
    if (cc_page_read((const char *)data, size, "fuzz.html", &p, err, sizeof err) == 0) check_map(&p);
    cc_page_free(&p);
    cc_run_opts o = {.jobs = 1, .max_claims = 1000, .keep_text = 1};
    cc_run *r = cc_run_new(rs, &o);
    cc_run_add_mem(r, "page.html", (const char *)data, size);
    cc_run_check(r);
    cc_report_opts ro = {0};
    ro.min_level = CC_SEV_INFO;
    cc_buf b;
    cc_buf_init(&b);
    cc_report_text(&b, r, &ro);
    cc_report_json(&b, r, &ro);
    cc_report_sarif(&b, r, &ro);
    cc_report_html(&b, r, &ro);
    for (size_t i = 0; i < r->claims.n; i++) cc_report_claim_json(&b, r, &r->claims.items[i], NULL);
    cc_buf_free(&b);
    cc_run_free(r);
    return 0;
}

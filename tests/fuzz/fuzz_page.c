/* Fuzz target: arbitrary bytes as a saved web page, through the HTML
 * reader (its text and position map must hold together) and a whole check
 * with the shipped rules, every report format naming positions in it. */
#include "cc_page.h"
#include "cc_report.h"
#include "claimcheck.h"
#include "fuzz_common.h"

#include <stdio.h>
#include <string.h>


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
    const cc_ruleset *rs = fuzz_shipped_rules("fuzz_page");
    cc_page p;
    char err[256];
    if (cc_page_read((const char *)data, size, "fuzz.html", &p, err, sizeof err) == 0) check_map(&p);
    cc_page_free(&p);
    cc_run_opts o = {.jobs = 1, .max_claims = 1000, .keep_text = 1};
    cc_run *r = cc_run_new(rs, &o);
    cc_run_add_mem(r, "page.html", (const char *)data, size);
    fuzz_check_and_report(r);
    return 0;
}

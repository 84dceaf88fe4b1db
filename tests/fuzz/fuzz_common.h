/* Shared by the fuzz targets: where the rules are. A target is built two
 * ways: with libFuzzer (make fuzz) and with driver.c, a plain main() that
 * replays files through the same entry point (make fuzz-regress, in make
 * test), so every crash input kept under tests/fuzz/regress stays fixed. */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdint.h>
#include <stdlib.h>

static inline const char *fuzz_rules_dir(void)
{
    const char *d = getenv("CLAIMCHECK_RULES");
    return d && *d ? d : "rules";
}

#ifdef CLAIMCHECK_H
#include <stdio.h>

#include "cc_report.h"

static cc_ruleset *fuzz_rs;

static void fuzz_teardown(void) { cc_rules_free(fuzz_rs); }

/* The shipped rules, loaded on the first call and kept for the process. */
static inline const cc_ruleset *fuzz_shipped_rules(const char *target)
{
    if (!fuzz_rs) {
        cc_diags d;
        cc_diags_init(&d);
        fuzz_rs = cc_rules_load(fuzz_rules_dir(), &d);
        cc_diags_free(&d);
        if (!fuzz_rs) { fprintf(stderr, "%s: rules did not load from %s\n", target, fuzz_rules_dir()); abort(); }
        atexit(fuzz_teardown);
    }
    return fuzz_rs;
}
/* Checks what was added to r and writes every report format (positions,
 * quotes and figures of every claim go through each), then frees r. */
static inline void fuzz_report(cc_run *r);

static inline void fuzz_check_and_report(cc_run *r)
{
    cc_run_check(r);
    fuzz_report(r);
}

/* Writes every report format of a matched run, then frees it. */
static inline void fuzz_report(cc_run *r)
{
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
}

#ifdef CC_STORE_H
/* What a store read back gives: into a run, matched, every report; the
 * store is freed. */
static inline void fuzz_store_report(const cc_ruleset *rs, cc_store *st)
{
    cc_run_opts o = {.jobs = 1, .max_claims = 1000};
    cc_run *r = cc_run_new(rs, &o);
    cc_store_give_run(st, r);
    cc_store_free(st);
    cc_run_match(r);
    fuzz_report(r);
}
#endif
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif

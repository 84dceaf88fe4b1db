/* Fuzz target: arbitrary bytes as a claims file (compare reads them back
 * into a run and every report is written), as the sorted keyed lines of
 * compare --by-subject, and as a reducer's output for compare --merge. A
 * claims file comes from elsewhere (another machine, an old archive, a
 * truncated copy): it may be refused, never crash or leak. */
#include "cc_store.h"
#include "claimcheck.h"
#include "fuzz_common.h"

#include <stdio.h>

static void as_claims_file(const cc_ruleset *rs, const uint8_t *data, size_t size)
{
    FILE *f = fmemopen((void *)data, size, "r");
    if (!f) return;
    cc_store *st = cc_store_new(rs, 1000, 1, 1); /* any extraction: what follows the header is fuzzed */
    cc_diags d;
    cc_diags_init(&d);
    int rc = cc_store_read(st, "fuzz.jsonl", f, &d);
    fclose(f);
    cc_diags_free(&d);
    if (rc != 0) cc_store_free(st);
    else fuzz_store_report(rs, st);
}

static void as_keyed_lines(const cc_ruleset *rs, const uint8_t *data, size_t size)
{
    FILE *f = fmemopen((void *)data, size, "r");
    if (!f) return;
    cc_run_opts o = {.jobs = 1, .max_claims = 1000};
    cc_report_opts ro = {0};
    cc_diags d;
    cc_diags_init(&d);
    cc_buf b;
    cc_buf_init(&b);
    cc_store_reduce(rs, &o, &ro, 1, f, "fuzz.map", &b, &d);
    fclose(f);
    FILE *in[2] = {fmemopen((void *)data, size, "r"), fmemopen((void *)data, size, "r")};
    const char *names[2] = {"a", "b"};
    if (in[0] && in[1]) cc_store_merge(in, names, 2, &b, &d);
    for (int i = 0; i < 2; i++)
        if (in[i]) fclose(in[i]);
    cc_buf_free(&b);
    cc_diags_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size) return 0; /* fmemopen wants a buffer */
    const cc_ruleset *rs = fuzz_shipped_rules("fuzz_store");
    as_claims_file(rs, data, size);
    as_keyed_lines(rs, data, size);
    return 0;
}

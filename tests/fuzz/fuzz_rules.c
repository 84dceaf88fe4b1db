/* Fuzz target: the rule-file loader on arbitrary YAML, read after the
 * shipped tables.yaml (so fuzzed rules can use its macros and aliases);
 * when the rules load, their examples run. */
#include "cc_rules.h"
#include "cc_scan.h"
#include "cc_util.h"
#include "fuzz_common.h"

#include <stdio.h>
#include <string.h>

static cc_lexicon *lx;
static char *tables;
static size_t tables_len;

static void teardown(void) { cc_lexicon_free(lx); free(tables); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!lx) {
        char path[4096], err[512];
        snprintf(path, sizeof path, "%s/lexicon.yaml", fuzz_rules_dir());
        lx = cc_lexicon_load(path, err, sizeof err);
        if (!lx) { fprintf(stderr, "fuzz_rules: %s\n", err); abort(); }
        snprintf(path, sizeof path, "%s/tables.yaml", fuzz_rules_dir());
        if (cc_read_file(path, 0, &tables, &tables_len, err, sizeof err) != 0) { fprintf(stderr, "fuzz_rules: %s\n", err); abort(); }
        atexit(teardown);
        setenv("CLAIMCHECK_NO_JIT", "1", 1); /* JIT-compiling every mutated rule set dominates the time */
    }
    cc_rule_source src[2] = {{"tables.yaml", tables, tables_len}, {"fuzz.yaml", (const char *)data, size}};
    cc_diags d;
    cc_diags_init(&d);
    cc_ruleset *rs = cc_rules_load_mem(lx, src, 2, &d);
    if (rs) {
        size_t total;
        cc_scan_selftest(rs, &d, &total, NULL); /* the stress inputs take seconds */
        cc_rules_free(rs);
    }
    cc_diags_free(&d);
    return 0;
}

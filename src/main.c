/* claimcheck command line: parses arguments, calls the library, prints. */
#include "cc_date.h"
#include "cc_norm.h"
#include "cc_report.h"
#include "claimcheck.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef CC_DATADIR
#define CC_DATADIR "/usr/local/share/claimcheck"
#endif

static const char *usage_main =
    "usage: claimcheck COMMAND [OPTIONS]\n"
    "\n"
    "commands:\n"
    "  check [OPTIONS] PATH...     find contradictions among the claims in articles\n"
    "  extract [OPTIONS] PATH...   print every claim as JSON Lines\n"
    "  test-rules [DIR]            run every rule's examples\n"
    "  parse [--date D] [--kind K] [--] TEXT\n"
    "                              print the quantities in TEXT as JSON Lines\n"
    "  --version, --help\n"
    "\n"
    "`claimcheck COMMAND --help` describes a command. Exit codes: 0 clean, 1 findings,\n"
    "2 usage or rule error, 3 some input unreadable.\n";

static const char *usage_check =
    "usage: claimcheck check [OPTIONS] PATH...\n"
    "\n"
    "Reads the articles (files, or directories walked for .txt and .md), dates them,\n"
    "extracts claims with the rules and reports the claims that cannot all be true.\n"
    "\n"
    "options:\n"
    "  --rules DIR            rule directory (default: ./rules, else " CC_DATADIR "/rules)\n"
    "  --manifest FILE        TSV of path, date, source (default: manifest.tsv in each folder)\n"
    "  --date YYYY-MM-DD      publication date for every document (overrides all others)\n"
    "  --format text|json     output format (default text)\n"
    "  --output FILE          write the report to FILE instead of standard output\n"
    "  --min-level LEVEL      show findings at or above info|warning|error (default info)\n"
    "  --fail-on LEVEL|never  exit 1 when a finding is at or above LEVEL (default error)\n"
    "  --max-file-size BYTES  skip (and report) larger files (default 67108864)\n"
    "  --max-claims N         per-document claim limit, reported when hit (default 100000)\n"
    "  -j, --jobs N           threads reading documents (default: one per core); output is the same\n"
    "  --color / --no-color   colour the text report (default: on a terminal, unless NO_COLOR)\n";

static const char *usage_parse =
    "usage: claimcheck parse [--date YYYY-MM-DD] [--kind KIND] [--rules DIR] [--] TEXT\n"
    "\n"
    "Prints one JSON object per quantity found in TEXT:\n"
    "  {\"text\", \"start\", \"kind\", \"value\": {\"low\", \"high\", \"best\", \"unit\"},\n"
    "   \"written\": {\"number\", \"unit\"}, \"hedge\"}\n"
    "KIND: number, count, percent, area, length, mass, volume, money, duration, date.\n";

static const char *usage_test =
    "usage: claimcheck test-rules [DIR]\n"
    "\n"
    "Loads the rules in DIR (default: as for check) and runs every example. Exit 0 when\n"
    "all pass, 1 when any fails, 2 when the rules do not load.\n";

static int dir_has_lexicon(const char *d)
{
    char p[4096];
    struct stat st;
    snprintf(p, sizeof p, "%s/lexicon.yaml", d);
    return stat(p, &st) == 0;
}

static const char *default_rules(void)
{
    const char *env = getenv("CLAIMCHECK_RULES");
    if (env && *env) return env;
    if (dir_has_lexicon("rules")) return "rules";
    return CC_DATADIR "/rules";
}

static cc_ruleset *load_rules(const char *dir)
{
    cc_diags d;
    cc_diags_init(&d);
    cc_ruleset *rs = cc_rules_load(dir, &d);
    int color = isatty(2) && !getenv("NO_COLOR");
    for (size_t i = 0; i < d.n; i++) cc_diag_print(&d.items[i], stderr, color);
    if (!rs) fprintf(stderr, "claimcheck: the rules in %s did not load (%zu error%s); nothing checked\n", dir,
                     d.errors, d.errors == 1 ? "" : "s");
    cc_diags_free(&d);
    return rs;
}

static int bad_usage(const char *msg, const char *arg, const char *usage)
{
    fprintf(stderr, "claimcheck: %s%s%s\n\n%s", msg, arg ? ": " : "", arg ? arg : "", usage);
    return CC_EXIT_USAGE;
}

static int parse_size(const char *s, size_t *out)
{
    char *e;
    errno = 0;
    unsigned long long v = strtoull(s, &e, 10);
    if (errno || e == s || *e || s[0] == '-') return -1;
    *out = (size_t)v;
    return 0;
}

static void print_qty_json(cc_buf *b, const char *text, const cc_qty *q)
{
    cc_buf_puts(b, "{\"text\":");
    cc_buf_json_str(b, text + q->start, q->end - q->start);
    cc_buf_printf(b, ",\"start\":%zu,\"kind\":\"%s\",\"value\":", q->start, cc_kind_name(q->kind));
    if (q->unanchored) {
        cc_buf_puts(b, "{\"low\":null,\"high\":null,\"best\":null,\"unit\":\"date\"}");
    } else {
        cc_norm_value_json(b, q);
    }
    cc_buf_puts(b, ",\"written\":{\"number\":");
    cc_buf_json_num(b, q->wnum);
    cc_buf_puts(b, ",\"unit\":");
    if (q->wunit) cc_buf_json_str(b, q->wunit, strlen(q->wunit));
    else cc_buf_puts(b, "null");
    cc_buf_puts(b, "},\"hedge\":");
    if (q->hedge != CC_H_NONE) cc_buf_json_str(b, text + q->hedge_start, q->hedge_end - q->hedge_start);
    else cc_buf_puts(b, "null");
    if (q->relative) cc_buf_printf(b, ",\"relative\":true,\"anchored\":%s", q->unanchored ? "false" : "true");
    cc_buf_puts(b, "}\n");
}

static int cmd_parse(int argc, char **argv)
{
    const char *rules = NULL, *date = NULL, *kind = NULL, *text = NULL;
    int i = 1;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) { i++; break; }
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) { fputs(usage_parse, stdout); return 0; }
        if (strcmp(argv[i], "--date") == 0 && i + 1 < argc) date = argv[++i];
        else if (strcmp(argv[i], "--kind") == 0 && i + 1 < argc) kind = argv[++i];
        else if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc) rules = argv[++i];
        else if (argv[i][0] == '-' && argv[i][1]) return bad_usage("unknown option", argv[i], usage_parse);
        else break;
    }
    if (i < argc) text = argv[i++];
    if (!text || i < argc) return bad_usage("parse takes exactly one TEXT", NULL, usage_parse);
    cc_normopt o = {0, 0, 0};
    if (date) {
        if (cc_date_parse_iso(date, &o.ref) != 0) return bad_usage("--date wants a real YYYY-MM-DD date", date, usage_parse);
        o.has_ref = 1;
    }
    cc_kind k = CC_K_ANY;
    if (kind) {
        k = cc_kind_parse(kind);
        if (k == CC_K__N || k == CC_K_ANY) return bad_usage("unknown --kind", kind, usage_parse);
    }
    char err[1024], path[4096];
    snprintf(path, sizeof path, "%s/lexicon.yaml", rules ? rules : default_rules());
    cc_lexicon *lx = cc_lexicon_load(path, err, sizeof err);
    if (!lx) { fprintf(stderr, "%s\n", err); return CC_EXIT_USAGE; }
    size_t len = strlen(text);
    size_t cap = 64;
    cc_qty *q = malloc(cap * sizeof *q);
    size_t n = cc_norm_scan(lx, text, len, k, &o, q, cap);
    if (n > cap) {
        cap = n;
        q = realloc(q, cap * sizeof *q);
        n = cc_norm_scan(lx, text, len, k, &o, q, cap);
    }
    cc_buf b;
    cc_buf_init(&b);
    for (size_t j = 0; j < n; j++) print_qty_json(&b, text, &q[j]);
    fwrite(b.s ? b.s : "", 1, b.len, stdout);
    cc_buf_free(&b);
    free(q);
    cc_lexicon_free(lx);
    return 0;
}

static int cmd_test_rules(int argc, char **argv)
{
    const char *dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) { fputs(usage_test, stdout); return 0; }
        if (argv[i][0] == '-') return bad_usage("unknown option", argv[i], usage_test);
        if (dir) return bad_usage("test-rules takes one directory", NULL, usage_test);
        dir = argv[i];
    }
    if (!dir) dir = default_rules();
    cc_ruleset *rs = load_rules(dir);
    if (!rs) return CC_EXIT_USAGE;
    cc_diags d;
    cc_diags_init(&d);
    size_t total;
    size_t fails = cc_scan_selftest(rs, &d, &total);
    int color = isatty(2) && !getenv("NO_COLOR");
    for (size_t i = 0; i < d.n; i++) cc_diag_print(&d.items[i], stderr, color);
    printf("test-rules: %zu rules, %zu examples\n%zu passed, %zu failed\n", cc_rules_count(rs), total, total - fails, fails);
    cc_diags_free(&d);
    cc_rules_free(rs);
    return fails ? 1 : 0;
}

static int cmd_check(int argc, char **argv, int extract)
{
    const char *rules = NULL, *format = "text", *output = NULL;
    cc_run_opts ro = {0, 0, NULL, 64u * 1024 * 1024, 100000, 0};
    int fail_on = CC_SEV_ERROR, min_level = CC_SEV_INFO;
    int color = -1;
    const char **paths = calloc((size_t)argc, sizeof *paths);
    size_t np = 0;
    int only_paths = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (only_paths || a[0] != '-' || !a[1]) { paths[np++] = a; continue; }
        if (strcmp(a, "--") == 0) { only_paths = 1; continue; }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { fputs(usage_check, stdout); free(paths); return 0; }
        if (strcmp(a, "--color") == 0) { color = 1; continue; }
        if (strcmp(a, "--no-color") == 0) { color = 0; continue; }
        if (!v) { free(paths); return bad_usage("option needs a value", a, usage_check); }
        i++;
        if (strcmp(a, "--rules") == 0) rules = v;
        else if (strcmp(a, "--manifest") == 0) ro.manifest = v;
        else if (strcmp(a, "--output") == 0 || strcmp(a, "-o") == 0) output = v;
        else if (strcmp(a, "--format") == 0) {
            if (strcmp(v, "text") && strcmp(v, "json")) { free(paths); return bad_usage("--format is text or json", v, usage_check); }
            format = v;
        } else if (strcmp(a, "--date") == 0) {
            if (cc_date_parse_iso(v, &ro.date) != 0) { free(paths); return bad_usage("--date wants a real YYYY-MM-DD date", v, usage_check); }
            ro.has_date = 1;
        } else if (strcmp(a, "--fail-on") == 0) {
            fail_on = strcmp(v, "never") == 0 ? 99 : cc_severity_parse(v);
            if (fail_on < 0) { free(paths); return bad_usage("--fail-on is info, warning, error or never", v, usage_check); }
        } else if (strcmp(a, "--min-level") == 0) {
            min_level = cc_severity_parse(v);
            if (min_level < 0) { free(paths); return bad_usage("--min-level is info, warning or error", v, usage_check); }
        } else if (strcmp(a, "--max-file-size") == 0) {
            if (parse_size(v, &ro.max_file_size)) { free(paths); return bad_usage("--max-file-size wants a number of bytes", v, usage_check); }
        } else if (strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0) {
            size_t j;
            if (parse_size(v, &j) || j < 1 || j > 256) { free(paths); return bad_usage("-j wants a number of threads from 1 to 256", v, usage_check); }
            ro.jobs = (int)j;
        } else if (strcmp(a, "--max-claims") == 0) {
            if (parse_size(v, &ro.max_claims)) { free(paths); return bad_usage("--max-claims wants a number", v, usage_check); }
        } else {
            free(paths);
            return bad_usage("unknown option", a, usage_check);
        }
    }
    if (!np) { free(paths); return bad_usage("no PATH to check", NULL, usage_check); }
    cc_ruleset *rs = load_rules(rules ? rules : default_rules());
    if (!rs) { free(paths); return CC_EXIT_USAGE; }
    cc_run *r = cc_run_new(rs, &ro);
    for (size_t i = 0; i < np; i++) cc_run_add(r, paths[i]);
    free(paths);
    cc_run_check(r);
    FILE *out = stdout;
    if (output) {
        out = fopen(output, "w");
        if (!out) {
            fprintf(stderr, "claimcheck: cannot write %s: %s\n", output, strerror(errno));
            cc_run_free(r);
            cc_rules_free(rs);
            return CC_EXIT_USAGE;
        }
    }
    if (color < 0) color = !output && isatty(1) && !getenv("NO_COLOR");
    cc_report_opts o = {color, (cc_severity)min_level};
    cc_buf b;
    cc_buf_init(&b);
    cc_buf_set_sink(&b, out);
    if (extract) {
        for (size_t i = 0; i < r->claims.n; i++) {
            cc_report_claim_json(&b, r, &r->claims.items[i], NULL);
            cc_buf_putc(&b, '\n');
        }
        for (size_t i = 0; i < r->diags.n; i++) cc_diag_print(&r->diags.items[i], stderr, isatty(2) && !getenv("NO_COLOR"));
    } else if (strcmp(format, "json") == 0) {
        cc_report_json(&b, r, &o);
    } else {
        cc_report_text(&b, r, &o);
    }
    int write_err = cc_buf_flush(&b) != 0;
    cc_buf_free(&b);
    write_err |= ferror(out) != 0;
    if (out != stdout) write_err |= fclose(out) != 0;
    else write_err |= fflush(out) != 0;
    int code = CC_EXIT_OK;
    if (!extract && fail_on <= CC_SEV_ERROR && cc_report_count(r, (cc_severity)fail_on) > 0) code = CC_EXIT_FINDINGS;
    if (r->unreadable) code = CC_EXIT_UNREADABLE;
    if (write_err) { fprintf(stderr, "claimcheck: error writing the report\n"); code = CC_EXIT_USAGE; }
    cc_run_free(r);
    cc_rules_free(rs);
    return code;
}

int main(int argc, char **argv)
{
    if (argc < 2) { fputs(usage_main, stderr); return CC_EXIT_USAGE; }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) { puts("claimcheck " CLAIMCHECK_VERSION); return 0; }
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) { fputs(usage_main, stdout); return 0; }
    if (strcmp(cmd, "check") == 0) return cmd_check(argc - 1, argv + 1, 0);
    if (strcmp(cmd, "extract") == 0) return cmd_check(argc - 1, argv + 1, 1);
    if (strcmp(cmd, "parse") == 0) return cmd_parse(argc - 1, argv + 1);
    if (strcmp(cmd, "test-rules") == 0) return cmd_test_rules(argc - 1, argv + 1);
    fprintf(stderr, "claimcheck: unknown command '%s'\n\n%s", cmd, usage_main);
    return CC_EXIT_USAGE;
}

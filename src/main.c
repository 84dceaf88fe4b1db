/* claimcheck command line: parses arguments, calls the library, prints. */
#include "cc_date.h"
#include "cc_explain.h"
#include "cc_norm.h"
#include "cc_report.h"
#include "cc_store.h"
#include "cc_config.h"
#include "claimcheck.h"

#include <jansson.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#ifndef CC_DATADIR
#define CC_DATADIR "/usr/local/share/claimcheck"
#endif

static const char *usage_main =
    "usage: claimcheck COMMAND [OPTIONS]\n"
    "\n"
    "commands:\n"
    "  check [OPTIONS] PATH...     find contradictions among the claims in articles\n"
    "  extract [OPTIONS] PATH...   write a claims file: the documents and every claim, as JSON Lines\n"
    "  compare [OPTIONS] CLAIMS... report on claims files as check reports on the articles\n"
    "  test-rules [DIR]            run every rule's examples\n"
    "  parse [--date D] [--kind K] [--] TEXT\n"
    "                              print the quantities in TEXT as JSON Lines\n"
    "  config [OPTIONS]            print the effective configuration and where each value came from\n"
    "  explain [--rule ID] [--date D] TEXT | FILE:LINE\n"
    "                              say, rule by rule, what was read and where it was dropped\n"
    "  --version, --help\n"
    "\n"
    "`claimcheck COMMAND --help` describes a command; `man claimcheck` has it all.\n"
    "Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, rule or config error,\n"
    "3 some input unreadable, 4 no document checked (see --allow-empty).\n";

/* SETTINGS_LINES marks where print_usage writes the settings' lines (cc_settings). */
#define SETTINGS_LINES "@settings@\n"
#define COMMON_OPTIONS \
    "  --rules DIR            rule directory; repeat for several (default: ./rules, else next to the\n" \
    "                         binary in ../share/claimcheck/rules, else " CC_DATADIR "/rules)\n" \
    "  --config FILE          settings file (default: .claimcheck.yml here or in a parent folder)\n" \
    "  --no-config            read no settings file\n" \
    SETTINGS_LINES \
    "  --allow-empty          exit 0, not 4, when no document was checked (none found, all skipped)\n" \
    "  An option's value may follow it or an '=' (--date=2026-01-23).\n"

static const char *usage_check =
    "usage: claimcheck check [OPTIONS] PATH... [--new PATH]...\n"
    "\n"
    "Reads the articles (files, directories walked for .txt, .md and .markdown, or - for\n"
    "one article on standard input), dates them, extracts claims with the rules and\n"
    "reports the claims that cannot all be true.\n"
    "\n"
    "options:\n"
    COMMON_OPTIONS
    "  --new PATH             an article (or folder) being added: every claim is compared, but only\n"
    "                         findings that involve a --new file are reported and counted\n"
    "  --claims FILE          stored claims (extract's) to check the articles against: the articles\n"
    "                         are --new ones, and one stored under the same path is replaced\n"
    "  --mixed-rules          accept --claims extracted with other rules or settings\n"
    "  -f, --format FORMAT    text, json, sarif, html, jsonl or github (default text); repeat with\n"
    "                         --output after each to write several reports in one run\n"
    "  -o, --output FILE      write the report before it to FILE ('-' is standard output); alone,\n"
    "                         the format follows the extension (.txt .json .sarif .html .jsonl;\n"
    "                         another extension is an error unless --format comes before it)\n"
    "  --fail-on-undated      exit 1 too when a claim was not compared for want of a publication date\n"
    "  --color / --no-color   colour the text report (default: on a terminal, unless NO_COLOR)\n"
    "\n"
    "Inline, in an article: <!-- claimcheck-disable-next-line RULE-ID -->, or\n"
    "<!-- claimcheck-disable RULE-ID --> ... <!-- claimcheck-enable -->.\n";

static const char *usage_extract =
    "usage: claimcheck extract [OPTIONS] PATH...\n"
    "\n"
    "Writes a claims file, one JSON object per line: a header naming the extraction (version,\n"
    "rules, settings), then per article a document record and its claims (path, line, column,\n"
    "end_line, end_column, text, value, read, hedge, date, rule, subject, kind, the sentence),\n"
    "and every message (docs/cli.md, docs/scale.md). compare reads claims files.\n"
    "\n"
    "options:\n"
    COMMON_OPTIONS
    "  -o, --output FILE      write to FILE instead of standard output, and FILE.idx beside it: a\n"
    "                         binary index that check --claims and compare read instead of the JSON\n"
    "  --by-subject           the map of a map/sort/reduce: SUBJECT<TAB>claim lines, and the header\n"
    "                         and documents under the key '!' (compare --by-subject reduces them)\n";

static const char *usage_compare =
    "usage: claimcheck compare [OPTIONS] CLAIMS...\n"
    "\n"
    "Reads claims files that extract wrote (- for standard input) and reports on them exactly as\n"
    "check reports on the articles they came from. An article in two files counts once, as the\n"
    "later file has it. The files must come from the same extraction (these rules, version and\n"
    "--max-claims) unless --mixed-rules.\n"
    "\n"
    "options:\n"
    COMMON_OPTIONS
    "  --mixed-rules          compare claims extracted with other rules or settings\n"
    "  --by-subject           the reduce of a map/sort/reduce: read one stream of extract\n"
    "                         --by-subject's lines sorted by key (LC_ALL=C sort), one subject at a\n"
    "                         time, and write its findings as ORDER<TAB>finding lines, sorted\n"
    "  --merge                merge such outputs (each sorted) into check's JSON Lines report\n"
    "  -f, --format FORMAT    text, json, sarif, html, jsonl or github (default text), as check\n"
    "  -o, --output FILE      as check\n";

static const char *usage_config =
    "usage: claimcheck config [OPTIONS]\n"
    "\n"
    "Prints the configuration a check would use, from the defaults, .claimcheck.yml (found by\n"
    "walking up from the current folder, or --config FILE) and the options given, and where\n"
    "each value came from. Takes the options of check; the settings:\n"
    SETTINGS_LINES;

/* A command's --help: its text, the settings' lines (from cc_settings) where it marks them. */
static void print_usage(const char *usage, FILE *f)
{
    const char *at = strstr(usage, SETTINGS_LINES);
    if (!at) { fputs(usage, f); return; }
    cc_buf b;
    cc_buf_init(&b);
    cc_settings_help(&b);
    fprintf(f, "%.*s%s%s", (int)(at - usage), usage, b.s, at + strlen(SETTINGS_LINES));
    cc_buf_free(&b);
}

static const char *usage_parse =
    "usage: claimcheck parse [--date YYYY-MM-DD] [--kind KIND] [--rules DIR] [--] TEXT\n"
    "\n"
    "Prints one JSON object per quantity found in TEXT:\n"
    "  {\"text\", \"start\", \"kind\", \"value\": {\"low\", \"high\", \"best\", \"unit\"},\n"
    "   \"written\": {\"number\", \"unit\"}, \"hedge\"}\n"
    "KIND: number, count, percent, area, length, mass, volume, money, duration, date.\n";

static const char *usage_test =
    "usage: claimcheck test-rules [--no-stress] [--rules DIR]... [DIR]...\n"
    "\n"
    "Loads the rules in the DIRs (default: as for check; a house folder without a\n"
    "lexicon.yaml is loaded beside the shipped rules, whose lexicon and tables it uses)\n"
    "and runs every example, then every\n"
    "pattern over built-in pathological inputs: a pattern that hits the PCRE2 match or\n"
    "depth limit there fails (--no-stress skips this). Exit 0 when all pass, 1 when any\n"
    "fails, 2 when the rules do not load.\n";

static const char *usage_explain =
    "usage: claimcheck explain [--rules DIR]... [--rule ID] [--date YYYY-MM-DD] TEXT\n"
    "       claimcheck explain [--rules DIR]... [--rule ID] [--date YYYY-MM-DD] FILE:LINE\n"
    "\n"
    "Reads TEXT (or the article FILE, reporting what lies on LINE) with every rule and\n"
    "says, rule by rule, which claims it makes and, where it makes none, the step at\n"
    "which it dropped what it read: no trigger word, a topic gate, a pattern that\n"
    "matched nothing, a cue not found in reach (named), a veto word, a value the\n"
    "normalizer did not read, a value outside the rule's bounds. With --rule, that rule\n"
    "alone and every step it took. The date is --date, else the article's own (FILE),\n"
    "else none: relative claims are then unanchored. Exit 0, or 2 on a usage or rule error.\n";

static int dir_has_lexicon(const char *d)
{
    char p[4096];
    struct stat st;
    snprintf(p, sizeof p, "%s/lexicon.yaml", d);
    return stat(p, &st) == 0;
}

static const char *default_rules_dir(void);
static void rules_where_looked(void);

/* The rule folders to load: those given, behind the shipped one when none
 * of them has a lexicon.yaml (a house folder holds only its own rule files
 * and uses the shipped lexicon and tables); none given: the default search.
 * *n is updated; free the result. */
static const char **with_shipped_rules(const char *const *dirs, size_t *n)
{
    const char **out = cc_xcalloc(*n + 1, sizeof *out);
    int lex = 0;
    for (size_t i = 0; i < *n; i++) lex |= dir_has_lexicon(dirs[i]);
    size_t k = 0;
    if (!lex) out[k++] = default_rules_dir();
    for (size_t i = 0; i < *n; i++) out[k++] = dirs[i];
    *n = k;
    return out;
}

/* The rules of the folders given (see with_shipped_rules), for every
 * command; the diagnostics printed, and when nothing loads, which folder was
 * meant and, with no lexicon anywhere, where the default search looked. */
static cc_ruleset *load_rule_set(const char *const *given, size_t ngiven)
{
    size_t n = ngiven;
    const char **dirs = with_shipped_rules(given, &n);
    cc_diags d;
    cc_diags_init(&d);
    cc_ruleset *rs = cc_rules_load_dirs(dirs, n, &d);
    int color = isatty(2) && !getenv("NO_COLOR");
    for (size_t i = 0; i < d.n; i++) cc_diag_print(&d.items[i], stderr, color);
    if (!rs) {
        fprintf(stderr, "claimcheck: the rules in %s did not load (%zu error%s); nothing checked\n",
                ngiven ? given[0] : dirs[0], d.errors, d.errors == 1 ? "" : "s");
        int lex = 0;
        for (size_t i = 0; i < n; i++) lex |= dir_has_lexicon(dirs[i]);
        if (!lex) rules_where_looked();
    }
    cc_diags_free(&d);
    free(dirs);
    return rs;
}

/* One line saying what is wrong (with a suggestion when there is one), then
 * where to look: the usage hint last, where a terminal leaves it in view. */
static int bad_usage_hint(const char *msg, const char *arg, const char *hint, const char *usage)
{
    const char *cmd = strstr(usage, "claimcheck ");
    size_t cl = cmd ? strcspn(cmd + 11, " \n") : 0;
    fprintf(stderr, "claimcheck: error: %s%s%s%s%s%s\n", msg, arg ? ": '" : "", arg ? arg : "", arg ? "'" : "",
            hint ? "; " : "", hint ? hint : "");
    if (cmd && strncmp(cmd + 11, "COMMAND", 7) != 0)
        fprintf(stderr, "claimcheck: usage: see 'claimcheck %.*s --help'\n", (int)cl, cmd + 11);
    else
        fprintf(stderr, "claimcheck: usage: see 'claimcheck --help'\n");
    return CC_EXIT_USAGE;
}

static int bad_usage(const char *msg, const char *arg, const char *usage)
{
    return bad_usage_hint(msg, arg, NULL, usage);
}

/* An unknown word where one of cands was expected, with the nearest one. */
static int unknown_word(const char *what, const char *arg, const char *const *cands, const char *usage)
{
    const char *near = cc_did_you_mean(arg, strlen(arg), cands, NULL);
    char hint[96];
    if (near) snprintf(hint, sizeof hint, "did you mean %s?", near);
    return bad_usage_hint(what, arg, near ? hint : NULL, usage);
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
    cc_normopt o = {0, 0, 0, 0, 0, 0};
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
    snprintf(path, sizeof path, "%s/lexicon.yaml", rules ? rules : default_rules_dir());
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
    const char **dirs = cc_xcalloc((size_t)argc + 1, sizeof *dirs);
    size_t ndirs = 0;
    int stress = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) { fputs(usage_test, stdout); free(dirs); return 0; }
        if (strcmp(argv[i], "--no-stress") == 0) { stress = 0; continue; }
        if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc) { dirs[ndirs++] = argv[++i]; continue; }
        if (strncmp(argv[i], "--rules=", 8) == 0) { dirs[ndirs++] = argv[i] + 8; continue; }
        if (argv[i][0] == '-') {
            static const char *const opts[] = {"--help", "--no-stress", "--rules", NULL};
            free(dirs);
            return unknown_word("unknown option", argv[i], opts, usage_test);
        }
        dirs[ndirs++] = argv[i];
    }
    cc_ruleset *rs = load_rule_set(dirs, ndirs);
    free(dirs);
    if (!rs) return CC_EXIT_USAGE;
    cc_diags d;
    cc_diags_init(&d);
    size_t total;
    size_t over = 0;
    size_t fails = cc_scan_selftest(rs, &d, &total, stress ? &over : NULL);
    int color = isatty(2) && !getenv("NO_COLOR");
    for (size_t i = 0; i < d.n; i++) cc_diag_print(&d.items[i], stderr, color);
    printf("test-rules: %zu rules, %zu examples\n%zu passed, %zu failed\n", cc_rules_count(rs), total, total - fails, fails);
    if (stress) printf("stress: %zu pattern%s over the match limits on pathological inputs\n", over, over == 1 ? "" : "s");
    cc_diags_free(&d);
    cc_rules_free(rs);
    return fails || over ? 1 : 0;
}

/* The value of option name at argv[*i] ("--rule ID" or "--rule=ID"), moving *i past it; NULL when
 * argv[*i] is another option or the value is missing. */
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0) return NULL;
    if (argv[*i][n] == '=') return argv[*i] + n + 1;
    if (argv[*i][n] || *i + 1 >= argc) return NULL;
    return argv[++*i];
}

/* FILE:LINE when arg names a readable file and a line number after its last ':'. */
static int file_line(const char *arg, char *path, size_t pathlen, int *line)
{
    const char *colon = strrchr(arg, ':');
    if (!colon || colon == arg || !colon[1] || (size_t)(colon - arg) >= pathlen) return 0;
    char *e;
    long l = strtol(colon + 1, &e, 10);
    if (*e || l < 1 || l > 100000000) return 0;
    memcpy(path, arg, (size_t)(colon - arg));
    path[colon - arg] = 0;
    if (access(path, R_OK) != 0) return 0;
    *line = (int)l;
    return 1;
}

/* The rule named id; NULL (after saying so, with the nearest id) when none is. */
static const cc_rule *rule_by_id(const cc_ruleset *rs, const char *id, int *rc)
{
    for (size_t i = 0; i < cc_rules_count(rs); i++)
        if (strcmp(cc_rules_get(rs, i)->id, id) == 0) return cc_rules_get(rs, i);
    const char **ids = cc_xcalloc(cc_rules_count(rs) + 1, sizeof *ids);
    for (size_t i = 0; i < cc_rules_count(rs); i++) ids[i] = cc_rules_get(rs, i)->id;
    *rc = unknown_word("no rule with id", id, ids, usage_explain);
    free(ids);
    return NULL;
}

/* The document to explain: FILE:LINE (dated by --date, else as check dates an
 * article by itself) or the text itself (dated by --date alone). */
static int explain_doc(const cc_ruleset *rs, const char *arg, const int64_t *day, cc_doc *d, int *line)
{
    char path[4096];
    cc_diags dg;
    cc_diags_init(&dg);
    *line = 0;
    int loaded = file_line(arg, path, sizeof path, line) ? cc_doc_load(d, path, 64u << 20, -1, &dg)
                                                        : cc_doc_from_mem(d, "<text>", arg, strlen(arg), &dg);
    for (size_t i = 0; loaded != 0 && i < dg.n; i++) cc_diag_print(&dg.items[i], stderr, 0);
    cc_diags_free(&dg);
    if (loaded != 0) return CC_EXIT_USAGE;
    if (*line > 0 && !d->nmap && (size_t)*line > d->nlines) { /* (a page's lines are the HTML file's) */
        fprintf(stderr, "claimcheck: %s has %zu lines, not %d\n", path, d->nlines, *line);
        cc_doc_free(d);
        return CC_EXIT_USAGE;
    }
    if (day) {
        d->has_date = 1;
        d->date = *day;
    } else if (*line > 0) {
        cc_diags_init(&dg);
        cc_doc_date_own(cc_rules_lexicon(rs), d, cc_this_year(), &dg);
        cc_diags_free(&dg);
    }
    return 0;
}

static int cmd_explain(int argc, char **argv)
{
    const char **dirs = cc_xcalloc((size_t)argc + 1, sizeof *dirs);
    size_t ndirs = 0;
    const char *rule = NULL, *date = NULL, *arg = NULL;
    int rc = 0;
    for (int i = 1; i < argc && !rc; i++) {
        const char *v;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) { fputs(usage_explain, stdout); rc = -1; }
        else if (strcmp(argv[i], "--") == 0 && i + 1 < argc) arg = argv[++i];
        else if ((v = opt_value(argc, argv, &i, "--rules"))) dirs[ndirs++] = v;
        else if ((v = opt_value(argc, argv, &i, "--rule"))) rule = v;
        else if ((v = opt_value(argc, argv, &i, "--date"))) date = v;
        else if (argv[i][0] == '-' && argv[i][1]) {
            static const char *const opts[] = {"--help", "--rules", "--rule", "--date", NULL};
            rc = unknown_word("unknown option (or one without its value)", argv[i], opts, usage_explain);
        } else if (arg) rc = bad_usage("explain takes one TEXT or FILE:LINE", argv[i], usage_explain);
        else arg = argv[i];
    }
    int64_t day;
    if (!rc && !arg) rc = bad_usage("explain needs a TEXT or FILE:LINE", NULL, usage_explain);
    if (!rc && date && cc_date_parse_iso(date, &day) != 0)
        rc = bad_usage("--date wants a real YYYY-MM-DD date", date, usage_explain);
    cc_ruleset *rs = rc ? NULL : load_rule_set(dirs, ndirs);
    free(dirs);
    if (rc) return rc < 0 ? 0 : rc;
    if (!rs) return CC_EXIT_USAGE;
    const cc_rule *only = rule ? rule_by_id(rs, rule, &rc) : NULL;
    cc_doc d;
    int line;
    if (!rc) rc = explain_doc(rs, arg, date ? &day : NULL, &d, &line);
    if (rc) { cc_rules_free(rs); return rc; }
    cc_buf b;
    cc_buf_init(&b);
    char dd[11] = "none";
    if (d.has_date) cc_date_format(d.date, dd);
    cc_buf_printf(&b, "date: %s%s\n", dd, date ? " (--date)" : d.has_date ? " (the article's)" : "");
    cc_explain(rs, &d, only, line, &b);
    fwrite(b.s, 1, b.len, stdout);
    cc_buf_free(&b);
    cc_doc_free(&d);
    cc_rules_free(rs);
    return 0;
}

/* ---- check, extract, config: settings from defaults, .claimcheck.yml, the command line ---- */

typedef struct {
    cc_config cfg;
    const char **paths;
    size_t npaths;
    const char **news;
    size_t nnews;
    const char *config_file; /* --config */
    int no_config;
    int fail_on_undated;     /* a claim left uncompared for want of a date fails the run */
    int allow_empty;         /* a run that checked no document exits 0, not 4 */
    const char **claims;     /* --claims FILE: stored claims the articles are checked against */
    size_t nclaims;
    int mixed_rules;         /* claims of other extractions may be compared */
    int by_subject;          /* extract: the map's keyed lines; compare: the reduce over them */
    int merge;               /* compare: merge reducers' outputs */
} cli;

/* The format an output file's name asks for; NULL when its extension names
 * none ("out.pdf"): writing text there would not be what was asked. "-" and
 * a name without an extension are text. */
static const char *format_from_ext(const char *path)
{
    const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
    if (!dot || (slash && dot < slash) || strcmp(path, "-") == 0) return "text";
    if (strcmp(dot, ".json") == 0) return "json";
    if (strcmp(dot, ".sarif") == 0) return "sarif";
    if (strcmp(dot, ".html") == 0 || strcmp(dot, ".htm") == 0) return "html";
    if (strcmp(dot, ".jsonl") == 0) return "jsonl";
    if (strcmp(dot, ".txt") == 0 || strcmp(dot, ".log") == 0) return "text";
    return NULL;
}

/* The options of check, extract and config, and whether each takes a value. */
/* The options that are no setting of cc_settings (those come from that table). */
static const struct {
    const char *name, *alias;
    int valued;
} cli_opts[] = {{"--help", "-h", 0},       {"--color", NULL, 0},     {"--no-color", NULL, 0},
                {"--no-config", NULL, 0},  {"--fail-on-undated", NULL, 0}, {"--allow-empty", NULL, 0},
                {"--config", NULL, 1},     {"--rules", NULL, 1},     {"--new", NULL, 1},
                {"--format", "-f", 1},     {"--output", "-o", 1},    {"--claims", NULL, 1},
                {"--mixed-rules", NULL, 0}, {"--by-subject", NULL, 0}, {"--merge", NULL, 0}};
enum { NOPTS = sizeof cli_opts / sizeof *cli_opts };

/* -1 when a is no option, else whether it takes a value. */
static int opt_valued(const char *a)
{
    if (cc_setting_by_flag(a)) return 1;
    for (size_t k = 0; k < NOPTS; k++)
        if (strcmp(a, cli_opts[k].name) == 0 || (cli_opts[k].alias && strcmp(a, cli_opts[k].alias) == 0))
            return cli_opts[k].valued;
    return -1;
}

/* Every option's name, for "did you mean" (a NULL-terminated array to free). */
static const char **option_names(void)
{
    const char **names = cc_xcalloc(NOPTS + cc_nsettings + 1, sizeof *names);
    size_t n = 0;
    for (size_t k = 0; k < NOPTS; k++) names[n++] = cli_opts[k].name;
    for (size_t k = 0; k < cc_nsettings; k++)
        if (cc_settings[k].flag) names[n++] = cc_settings[k].flag;
    return names;
}

/* Parses the command line into c (over the config file's settings).
 * Returns 0, or an exit code after printing why. */
static int parse_cli(int argc, char **argv, cli *c, const char *usage)
{
    memset(c, 0, sizeof *c);
    cc_config_init(&c->cfg);
    c->paths = calloc((size_t)argc + 1, sizeof *c->paths);
    c->news = calloc((size_t)argc + 1, sizeof *c->news);
    c->claims = calloc((size_t)argc + 1, sizeof *c->claims);
    /* first the config file, so the command line can override it */
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) break;
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc) c->config_file = argv[++i];
        else if (strcmp(argv[i], "--no-config") == 0) c->no_config = 1;
    }
    char *found = NULL;
    if (!c->config_file && !c->no_config) found = cc_config_find(".");
    const char *cf = c->config_file ? c->config_file : found;
    if (cf) {
        cc_diags d;
        cc_diags_init(&d);
        int rc = cc_config_load(&c->cfg, cf, &d);
        for (size_t i = 0; i < d.n; i++) cc_diag_print(&d.items[i], stderr, isatty(2) && !getenv("NO_COLOR"));
        cc_diags_free(&d);
        free(found);
        if (rc != 0) return CC_EXIT_USAGE;
    }
    const char **rules = calloc((size_t)argc + 1, sizeof *rules);
    size_t nrules = 0;
    int cli_outputs = 0, only_paths = 0, rc = 0;
    for (int i = 1; i < argc && !rc; i++) {
        const char *a = argv[i];
        if (only_paths || a[0] != '-' || !a[1]) { c->paths[c->npaths++] = a; continue; }
        if (strcmp(a, "--") == 0) { only_paths = 1; continue; }
        /* "--date=2026-01-23" is "--date 2026-01-23" */
        char name[64];
        const char *eq = strncmp(a, "--", 2) == 0 ? strchr(a, '=') : NULL, *v;
        if (eq && (size_t)(eq - a) < sizeof name) {
            memcpy(name, a, (size_t)(eq - a));
            name[eq - a] = 0;
            a = name;
            v = eq + 1;
        } else {
            v = i + 1 < argc ? argv[i + 1] : NULL;
        }
        int valued = opt_valued(a);
        if (valued < 0) {
            const char **names = option_names();
            rc = unknown_word("unknown option", a, names, usage);
            free(names);
            break;
        }
        if (!valued && eq) { rc = bad_usage("option takes no value", argv[i], usage); break; }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { print_usage(usage, stdout); rc = -1; break; }
        if (strcmp(a, "--color") == 0) { cc_config_set(&c->cfg.color, "always", a); continue; }
        if (strcmp(a, "--no-color") == 0) { cc_config_set(&c->cfg.color, "never", a); continue; }
        if (strcmp(a, "--no-config") == 0) continue;
        if (strcmp(a, "--fail-on-undated") == 0) { c->fail_on_undated = 1; continue; }
        if (strcmp(a, "--allow-empty") == 0) { c->allow_empty = 1; continue; }
        if (strcmp(a, "--mixed-rules") == 0) { c->mixed_rules = 1; continue; }
        if (strcmp(a, "--by-subject") == 0) { c->by_subject = 1; continue; }
        if (strcmp(a, "--merge") == 0) { c->merge = 1; continue; }
        if (!v) { rc = bad_usage("option needs a value", a, usage); break; }
        if (!eq) i++;
        if (strcmp(a, "--config") == 0) continue;
        else if (strcmp(a, "--rules") == 0) rules[nrules++] = v;
        else if (strcmp(a, "--new") == 0) c->news[c->nnews++] = v;
        else if (strcmp(a, "--claims") == 0) c->claims[c->nclaims++] = v;
        else if (cc_setting_by_flag(a)) cc_config_set(cc_config_setting(&c->cfg, cc_setting_by_flag(a)), v, cc_setting_by_flag(a)->flag);
        else if (strcmp(a, "--format") == 0 || strcmp(a, "-f") == 0) {
            if (!cc_config_format_ok(v)) { rc = unknown_word("unknown --format", v, cc_config_formats, usage); break; }
            if (!cli_outputs++) { cc_config_clear_outputs(&c->cfg); snprintf(c->cfg.outputs_origin, sizeof c->cfg.outputs_origin, "command line"); }
            cc_config_add_output(&c->cfg, v, NULL);
        } else if (strcmp(a, "--output") == 0 || strcmp(a, "-o") == 0) {
            /* an --output belongs to the --format before it; alone, the format follows the file name */
            if (cli_outputs && !c->cfg.outputs[c->cfg.noutputs - 1].path) {
                c->cfg.outputs[c->cfg.noutputs - 1].path = strdup(v);
            } else {
                /* extract writes one format, whatever the name */
                const char *fmt = usage == usage_extract ? "jsonl" : format_from_ext(v);
                if (!fmt) {
                    rc = bad_usage_hint("the output file's extension names no format", v,
                                        "name it .txt, .json, .jsonl, .sarif or .html, or give --format before it", usage);
                    break;
                }
                if (!cli_outputs++) { cc_config_clear_outputs(&c->cfg); snprintf(c->cfg.outputs_origin, sizeof c->cfg.outputs_origin, "command line"); }
                cc_config_add_output(&c->cfg, fmt, v);
            }
        }
    }
    if (rc) { free(rules); return rc; }
    if (nrules) cc_config_set_rules(&c->cfg, rules, nrules, "--rules");
    free(rules);
    return 0;
}

static void free_cli(cli *c)
{
    cc_config_free(&c->cfg);
    free(c->paths);
    free(c->news);
    free(c->claims);
}

static int setting_error(const cc_setting *s, const char *what)
{
    /* the origin is "FILE:LINE" for a config file, the option's name otherwise */
    fprintf(stderr, "%s%s: error: '%s' is not valid here: expected %s\n", strchr(s->origin, ':') ? "" : "claimcheck: ",
            s->origin, s->value, what);
    return CC_EXIT_USAGE;
}

/* The rules beside the binary (an installed tree): BIN/../share/claimcheck/rules. */
static const char *rules_beside_binary(void)
{
    static char buf[4200];
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return NULL;
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (!slash) return NULL;
    *slash = 0;
    snprintf(buf, sizeof buf, "%s/../share/claimcheck/rules", exe);
    return buf;
}

/* The rule directory when none is given: $CLAIMCHECK_RULES, or ./rules, or
 * next to the binary, or the compiled-in DATADIR. */
static const char *default_rules_dir(void)
{
    const char *env = getenv("CLAIMCHECK_RULES");
    if (env && *env) return env;
    if (dir_has_lexicon("rules")) return "rules";
    const char *b = rules_beside_binary();
    if (b && dir_has_lexicon(b)) return b;
    return CC_DATADIR "/rules";
}

/* Where default_rules_dir looked, in its order, and what to do. */
static void rules_where_looked(void)
{
    const char *env = getenv("CLAIMCHECK_RULES"), *b = rules_beside_binary();
    fprintf(stderr, "claimcheck: looked for rules (a folder with lexicon.yaml) in: %s%s%s./rules, %s%s%s/rules\n",
            env && *env ? "$CLAIMCHECK_RULES=" : "", env && *env ? env : "", env && *env ? ", " : "", b ? b : "",
            b ? ", " : "", CC_DATADIR);
    fprintf(stderr, "claimcheck: use --rules DIR, set CLAIMCHECK_RULES, or run from the folder that holds rules/\n");
}

/* Reads fingerprints from an earlier report: JSON (contradictions[].id) or
 * SARIF (results[].partialFingerprints["claimcheck/v1"]). */
static int read_baseline(const char *path, char ***out, size_t *n)
{
    json_error_t je;
    *out = NULL;
    *n = 0;
    if (access(path, R_OK) != 0) {
        fprintf(stderr, "claimcheck: error: --baseline %s: cannot read: %s; give an earlier JSON or SARIF report of "
                "check\n", path, strerror(errno));
        return -1;
    }
    json_t *root = json_load_file(path, 0, &je);
    if (!root) {
        fprintf(stderr, "%s:%d:%d: error: baseline is not JSON: %s\n", path, je.line, je.column, je.text);
        return -1;
    }
    json_t *list = json_object_get(root, "contradictions");
    size_t i;
    json_t *it;
    if (json_is_array(list)) {
        json_array_foreach(list, i, it) {
            const char *id = json_string_value(json_object_get(it, "id"));
            if (!id) continue;
            *out = realloc(*out, (*n + 1) * sizeof **out);
            (*out)[(*n)++] = strdup(id);
        }
    } else if (json_is_array(json_object_get(root, "runs"))) {
        size_t k;
        json_t *run;
        json_array_foreach(json_object_get(root, "runs"), k, run) {
            json_array_foreach(json_object_get(run, "results"), i, it) {
                const char *id = json_string_value(json_object_get(json_object_get(it, "partialFingerprints"), "claimcheck/v1"));
                if (!id) continue;
                *out = realloc(*out, (*n + 1) * sizeof **out);
                (*out)[(*n)++] = strdup(id);
            }
        }
    } else {
        fprintf(stderr, "%s: error: baseline is neither a claimcheck JSON report (contradictions[]) nor SARIF (runs[])\n", path);
        json_decref(root);
        return -1;
    }
    json_decref(root);
    return 0;
}

static int write_output(const cc_output *o, cc_run *r, const cc_report_opts *ro, int color_setting)
{
    FILE *out = stdout;
    if (o->path && strcmp(o->path, "-") != 0) {
        out = fopen(o->path, "w");
        if (!out) {
            fprintf(stderr, "claimcheck: cannot write %s: %s\n", o->path, strerror(errno));
            return -1;
        }
    }
    cc_report_opts opt = *ro;
    opt.color = color_setting < 0 ? (out == stdout && isatty(1) && !getenv("NO_COLOR")) : color_setting;
    cc_buf b;
    cc_buf_init(&b);
    cc_buf_set_sink(&b, out);
    if (strcmp(o->format, "json") == 0) cc_report_json(&b, r, &opt);
    else if (strcmp(o->format, "sarif") == 0) cc_report_sarif(&b, r, &opt);
    else if (strcmp(o->format, "html") == 0) cc_report_html(&b, r, &opt);
    else if (strcmp(o->format, "jsonl") == 0) cc_report_jsonl(&b, r, &opt);
    else if (strcmp(o->format, "github") == 0) cc_report_github(&b, r, &opt);
    else cc_report_text(&b, r, &opt);
    int err = cc_buf_flush(&b) != 0;
    cc_buf_free(&b);
    err |= ferror(out) != 0;
    if (out != stdout) err |= fclose(out) != 0;
    else err |= fflush(out) != 0;
    if (err) fprintf(stderr, "claimcheck: error writing %s\n", o->path ? o->path : "standard output");
    return err ? -1 : 0;
}

/* The settings check and extract use, validated (one place: config checks
 * what check would refuse). Returns 0, or the exit code after saying which
 * setting is wrong and where it came from. */
/* Every setting checked against what cc_settings says it must be, then
 * turned into the run's options. */
static int validate_settings(cc_config *g, cc_run_opts *ro, int *fail_on, int *min_level, int *color)
{
    for (size_t i = 0; i < cc_nsettings; i++) {
        const cc_setting *st = cc_config_setting(g, &cc_settings[i]);
        const char *what = st->value ? cc_setting_check(&cc_settings[i], st->value) : NULL;
        if (what) return setting_error(st, what);
    }
    *fail_on = strcmp(g->fail_on.value, "never") == 0 ? 99 : cc_severity_parse(g->fail_on.value);
    *min_level = cc_severity_parse(g->min_level.value);
    if (g->date.value) ro->has_date = cc_date_parse_iso(g->date.value, &ro->date) == 0;
    ro->manifest = g->manifest.value;
    parse_size(g->max_file_size.value, &ro->max_file_size);
    parse_size(g->max_claims.value, &ro->max_claims);
    size_t j;
    if (g->jobs.value && parse_size(g->jobs.value, &j) == 0) ro->jobs = (int)j;
    *color = strcmp(g->color.value, "always") == 0 ? 1 : strcmp(g->color.value, "never") == 0 ? 0 : -1;
    return 0;
}

static int cmd_config(int argc, char **argv)
{
    cli c;
    int rc = parse_cli(argc, argv, &c, usage_config);
    if (rc) { free_cli(&c); return rc < 0 ? 0 : rc; }
    cc_run_opts ro = {0, 0, NULL, 0, 0, 0, 0};
    int fail_on, min_level, color;
    if ((rc = validate_settings(&c.cfg, &ro, &fail_on, &min_level, &color)) != 0) { free_cli(&c); return rc; }
    if (!c.cfg.nrules) {
        const char *d = default_rules_dir();
        cc_config_set_rules(&c.cfg, &d, 1, "default search (./rules, next to the binary, " CC_DATADIR "/rules)");
    }
    cc_buf b;
    cc_buf_init(&b);
    cc_config_print(&c.cfg, &b);
    fwrite(b.s, 1, b.len, stdout);
    cc_buf_free(&b);
    free_cli(&c);
    return 0;
}

/* A path, or "-": one article read from standard input, named <stdin>. */
static void add_path(cc_run *r, const char *p)
{
    if (strcmp(p, "-") != 0) { cc_run_add(r, p); return; }
    cc_buf b;
    cc_buf_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) cc_buf_put(&b, chunk, n);
    if (ferror(stdin)) {
        cc_diag_add(&r->diags, CC_D_ERROR, "<stdin>", 0, 0, NULL, "cannot read standard input: %s", strerror(errno));
        r->unreadable++;
    } else {
        cc_run_add_mem(r, "<stdin>", b.s ? b.s : "", b.len);
    }
    cc_buf_free(&b);
}

enum { MODE_CHECK, MODE_EXTRACT, MODE_COMPARE };

static void print_diags(const cc_diags *d)
{
    for (size_t i = 0; i < d->n; i++) cc_diag_print(&d->items[i], stderr, isatty(2) && !getenv("NO_COLOR"));
}

/* FILE.idx, the index beside claims file path. */
static void index_path(char *out, size_t n, const char *path) { snprintf(out, n, "%s.idx", path); }

/* The subjects the run's claims are on, each once (the strings stay the run's). */
static const char **touched_subjects(const cc_run *r, size_t *n)
{
    const char **v = cc_xmalloc((r->claims.n + 1) * sizeof *v);
    *n = 0;
    for (size_t i = 0; i < r->claims.n; i++) {
        const char *s = r->claims.items[i].subject;
        size_t k = 0;
        while (k < *n && strcmp(v[k], s) != 0) k++;
        if (k == *n) v[(*n)++] = s;
    }
    return v;
}

/* Reads claims file path (f open on it) into st: through path.idx when it
 * is this file's, and then, when subjects are given, only their claims. */
static int read_claims_file(cc_store *st, const char *path, FILE *f, const char *const *subjects, size_t ns, cc_diags *d)
{
    if (f != stdin) {
        char ip[4096];
        index_path(ip, sizeof ip, path);
        FILE *idx = fopen(ip, "r");
        int rc = idx ? cc_store_read_subjects(st, path, f, idx, subjects, ns, d) : 1;
        if (idx) fclose(idx);
        if (rc <= 0) return rc;
        rewind(f); /* an index of another file: read it all */
    }
    return cc_store_read(st, f == stdin ? "<stdin>" : path, f, d);
}

/* Reads the claims files into st ("-": standard input). 0, or -1 after
 * printing why. */
static int read_claims_files(cc_store *st, const char *const *files, size_t n, const char *const *subjects, size_t ns)
{
    cc_diags d;
    cc_diags_init(&d);
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        int in = strcmp(files[i], "-") == 0;
        FILE *f = in ? stdin : fopen(files[i], "r");
        if (!f) {
            cc_diag_add(&d, CC_D_ERROR, files[i], 0, 0, NULL, "cannot read: %s; give a claims file that extract wrote",
                        strerror(errno));
            rc = -1;
            break;
        }
        rc = read_claims_file(st, files[i], f, subjects, ns, &d);
        if (!in) fclose(f);
    }
    print_diags(&d);
    cc_diags_free(&d);
    return rc;
}

/* The output file of extract, compare --by-subject and --merge: FILE, or
 * standard output for none or "-". NULL after saying why. */
static FILE *open_out(const char *path)
{
    FILE *out = stdout;
    if (path && strcmp(path, "-") && !(out = fopen(path, "w")))
        fprintf(stderr, "claimcheck: cannot write %s: %s\n", path, strerror(errno));
    return out;
}

/* open_out, and b (initialised) streaming into it; NULL after saying why (b is then empty). */
static FILE *open_buf(const char *path, cc_buf *b)
{
    cc_buf_init(b);
    FILE *out = open_out(path);
    if (out) cc_buf_set_sink(b, out);
    return out;
}

/* Flushes b into out and closes it: 0, or -1 after saying so. */
static int close_out(cc_buf *b, FILE *out, const char *path)
{
    int err = cc_buf_flush(b) != 0;
    cc_buf_free(b);
    err |= out != stdout ? fclose(out) != 0 : fflush(out) != 0;
    if (err) fprintf(stderr, "claimcheck: error writing %s\n", path ? path : "standard output");
    return err ? -1 : 0;
}

/* The inputs of compare --by-subject or --merge ("-": standard input),
 * opened; the count, or 0 after saying which could not be. */
static size_t open_inputs(const char *const *paths, size_t n, FILE **in)
{
    for (size_t i = 0; i < n; i++) {
        in[i] = strcmp(paths[i], "-") == 0 ? stdin : fopen(paths[i], "r");
        if (!in[i]) {
            fprintf(stderr, "%s: error: cannot read: %s\n", paths[i], strerror(errno));
            for (size_t k = 0; k < i; k++)
                if (in[k] != stdin) fclose(in[k]);
            return 0;
        }
    }
    return n;
}

/* compare --merge: reducers' outputs into check's JSON Lines report. */
static int cmd_merge(const cli *c)
{
    FILE **in = cc_xcalloc(c->npaths + 1, sizeof *in);
    if (open_inputs(c->paths, c->npaths, in) != c->npaths) { free(in); return CC_EXIT_USAGE; }
    const char *op = c->cfg.noutputs ? c->cfg.outputs[0].path : NULL;
    cc_buf b;
    FILE *out = open_buf(op, &b);
    cc_diags d;
    cc_diags_init(&d);
    int rc = out ? cc_store_merge(in, c->paths, c->npaths, &b, &d) : -1;
    if (out) rc |= close_out(&b, out, op);
    print_diags(&d);
    cc_diags_free(&d);
    for (size_t i = 0; i < c->npaths; i++)
        if (in[i] != stdin) fclose(in[i]);
    free(in);
    return rc ? CC_EXIT_USAGE : CC_EXIT_OK;
}

/* compare --by-subject: the reduce over one sorted stream of extract
 * --by-subject's lines. */
static int cmd_reduce(const cli *c, const cc_ruleset *rs, const cc_run_opts *ro, int min_level)
{
    FILE *in;
    if (c->npaths != 1) return bad_usage("compare --by-subject reads one sorted stream (a file, or - for standard input)", NULL, usage_compare);
    if (open_inputs(c->paths, 1, &in) != 1) return CC_EXIT_USAGE;
    const char *op = c->cfg.noutputs ? c->cfg.outputs[0].path : NULL;
    cc_buf b;
    FILE *out = open_buf(op, &b);
    cc_report_opts o = {0, (cc_severity)min_level};
    cc_diags d;
    cc_diags_init(&d);
    const char *name = strcmp(c->paths[0], "-") ? c->paths[0] : "<stdin>";
    int rc = out ? cc_store_reduce(rs, ro, &o, c->mixed_rules, in, name, &b, &d) : -1;
    if (out) rc |= close_out(&b, out, op);
    print_diags(&d);
    cc_diags_free(&d);
    if (in != stdin) fclose(in);
    return rc ? CC_EXIT_USAGE : CC_EXIT_OK;
}

/* extract's output: the claims file, to -o FILE or standard output; a file
 * gets its index beside it (FILE.idx), for check --claims to read only what
 * it needs. */
static int write_claims_file(const char *path, const cc_run *r, int keyed)
{
    cc_buf b, ib;
    FILE *out = open_buf(path, &b);
    if (!out) return -1;
    if (keyed || !path || strcmp(path, "-") == 0) {
        if (keyed) cc_store_write_keyed(&b, r);
        else cc_store_write_run(&b, r, NULL);
        return close_out(&b, out, path);
    }
    /* the index streams into a file beside it, renamed over the old one at
     * the end: a check reading the old index (mapped) keeps it whole */
    char ip[4096], tmp[4200];
    index_path(ip, sizeof ip, path);
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", ip, (long)getpid());
    FILE *f = fopen(tmp, "w+");
    if (!f) {
        fprintf(stderr, "claimcheck: cannot write %s: %s\n", tmp, strerror(errno));
        close_out(&b, out, path);
        return -1;
    }
    cc_buf_init(&ib);
    cc_buf_set_sink(&ib, f);
    int rc = cc_store_write_run(&b, r, &ib);
    rc |= close_out(&b, out, path);
    rc |= close_out(&ib, f, tmp);
    if (!rc && rename(tmp, ip) != 0) {
        fprintf(stderr, "claimcheck: cannot write %s: %s\n", ip, strerror(errno));
        rc = -1;
    }
    if (rc) unlink(tmp);
    return rc ? -1 : 0;
}

/* Usage errors of one command's options; 0 when they fit. */
static int mode_usage(int mode, const cli *c, const char *usage)
{
    const cc_config *g = &c->cfg;
    if (mode == MODE_COMPARE && (c->nnews || c->nclaims || g->date.value || g->manifest.value))
        return bad_usage_hint("compare reads claims files: --date, --manifest, --new and --claims", NULL,
                              "give them to extract (or check) instead", usage);
    if (mode == MODE_EXTRACT && c->nclaims)
        return bad_usage_hint("extract reads articles, not claims files", "--claims", "use compare or check --claims", usage);
    if ((c->by_subject && mode == MODE_CHECK) || (c->merge && mode != MODE_COMPARE))
        return bad_usage(c->merge ? "--merge belongs to compare" : "--by-subject belongs to extract and compare", NULL, usage);
    if (!c->npaths && !c->nnews && !c->nclaims)
        return bad_usage(mode == MODE_COMPARE ? "no claims file to compare" : "no PATH to check", NULL, usage);
    return 0;
}

/* What check, extract and compare share: the command line and settings,
 * then the rules and the baseline. */
typedef struct {
    int mode;
    const char *usage;
    cli c;
    cc_run_opts ro;
    int fail_on, min_level, color;
    cc_ruleset *rs;
    char **fps;      /* the baseline's fingerprints */
    size_t nfps;
    double t_rules;
} session;

static void session_close(session *s)
{
    for (size_t i = 0; i < s->nfps; i++) free(s->fps[i]);
    free(s->fps);
    if (s->rs) cc_rules_free(s->rs);
    free_cli(&s->c);
}

/* The command line read and checked: 0, or the exit code (after saying why). */
static int session_open(session *s, int argc, char **argv, int mode)
{
    memset(s, 0, sizeof *s);
    s->mode = mode;
    s->usage = mode == MODE_EXTRACT ? usage_extract : mode == MODE_COMPARE ? usage_compare : usage_check;
    int rc = parse_cli(argc, argv, &s->c, s->usage);
    if (rc) return rc < 0 ? -1 : rc; /* -1: --help was printed */
    if ((rc = validate_settings(&s->c.cfg, &s->ro, &s->fail_on, &s->min_level, &s->color)) != 0) return rc;
    return mode_usage(mode, &s->c, s->usage);
}

/* The outputs' defaults, the rules (with the severities set) and the
 * baseline: 0, or the exit code. */
static int session_load(session *s)
{
    cc_config *g = &s->c.cfg;
    if (!g->noutputs) cc_config_add_output(g, s->mode == MODE_EXTRACT ? "jsonl" : "text", NULL);
    for (size_t i = 0; i < g->noutputs; i++)
        if (strcmp(g->outputs[i].format, "html") == 0) s->ro.keep_text = 1;
    if (s->mode == MODE_EXTRACT) s->ro.keep_text = 1; /* each claim's sentence goes into the claims file */
    for (size_t i = 0; i < g->nrules; i++) {
        struct stat st;
        if (stat(g->rules[i], &st) == 0 && !S_ISDIR(st.st_mode))
            return bad_usage_hint("--rules wants a folder (the one holding lexicon.yaml and the rule files), not a file",
                                  g->rules[i], "use --rules DIR", s->usage);
    }
    double t0 = cc_now();
    cc_rules_set_jit_threads(cc_jobs(s->ro.jobs)); /* as many as read documents */
    s->rs = load_rule_set((const char *const *)g->rules, g->nrules);
    s->t_rules = cc_now() - t0;
    if (!s->rs) return CC_EXIT_USAGE;
    for (size_t i = 0; i < g->nsev; i++)
        if (cc_rules_set_severity(s->rs, g->sev[i].rule, (cc_severity)g->sev[i].level) != 0) {
            fprintf(stderr, "%s: error: severity: no rule has the id '%s'\n", g->sev[i].origin, g->sev[i].rule);
            return CC_EXIT_USAGE;
        }
    if (g->baseline.value && read_baseline(g->baseline.value, &s->fps, &s->nfps) != 0) return CC_EXIT_USAGE;
    return 0;
}

/* The articles named, scanned: against stored claims (check --claims) they are the new ones. */
static void scan_articles(const session *s, cc_run *r)
{
    if (s->mode != MODE_COMPARE) {
        r->adding_new = s->c.nclaims > 0;
        for (size_t i = 0; i < s->c.npaths; i++) add_path(r, s->c.paths[i]);
        r->adding_new = 1;
        for (size_t i = 0; i < s->c.nnews; i++) add_path(r, s->c.news[i]);
        r->adding_new = 0;
    }
    cc_run_scan(r);
}

/* Stored claims into the run: compare's inputs, or the archive check
 * --claims checks against (its articles old; through an index, only the
 * subjects the articles scanned touch). 0, or -1 after saying why. */
static int add_stored(const session *s, cc_run *r)
{
    int compare = s->mode == MODE_COMPARE;
    cc_store *st = cc_store_new(s->rs, s->ro.max_claims, s->c.mixed_rules, compare);
    size_t ns = 0;
    const char **subjects = compare ? NULL : touched_subjects(r, &ns);
    int rc = read_claims_files(st, compare ? s->c.paths : s->c.claims, compare ? s->c.npaths : s->c.nclaims, subjects, ns);
    free(subjects);
    if (!rc) {
        cc_store_take_run(st, r); /* an article given again replaces its stored self */
        cc_store_give_run(st, r);
    }
    cc_store_free(st);
    return rc;
}

/* CLAIMCHECK_TIMINGS: where the time went, and what the claims hold. */
static void print_timings(const session *s, const cc_run *r, double t_collect, double t_report)
{
    size_t cb = r->claims.n * sizeof(cc_claim); /* the records and their strings, allocator overhead not counted */
    for (size_t i = 0; i < r->claims.n; i++) {
        const cc_claim *cl = &r->claims.items[i];
        cb += cl->quote_len + 1 + (cl->subject ? strlen(cl->subject) + 1 : 0) + (cl->ref_key ? strlen(cl->ref_key) + 1 : 0);
    }
    fprintf(stderr, "claimcheck: timings: rules %.3f s, find inputs %.3f s, read and scan %.3f s, match %.3f s, report %.3f s; "
            "%zu claims holding %.1f MB\n",
            s->t_rules, t_collect, r->t_scan, r->t_match, cc_now() - t_report, r->claims.n, cb / 1048576.0);
}

/* The exit code of a run that got as far as its reports. */
static int run_exit_code(const session *s, const cc_run *r, int write_err)
{
    int code = CC_EXIT_OK, reports = s->mode != MODE_EXTRACT;
    if (reports && s->fail_on <= CC_SEV_ERROR && cc_report_count(r, (cc_severity)s->fail_on) > 0) code = CC_EXIT_FINDINGS;
    if (reports && s->c.fail_on_undated && cc_report_unanchored(r) > 0) code = CC_EXIT_FINDINGS;
    if (r->unreadable) code = CC_EXIT_UNREADABLE;
    else if (!r->ndocs && !s->c.allow_empty) {
        /* a gate that checked nothing must not pass as clean */
        fprintf(stderr, "claimcheck: error: no document was checked (%zu input%s skipped); give .txt or .md articles, "
                "or --allow-empty when an empty run is expected\n", r->nskipped, r->nskipped == 1 ? "" : "s");
        code = CC_EXIT_EMPTY;
    }
    return write_err ? CC_EXIT_USAGE : code;
}

static int cmd_check(int argc, char **argv, int mode)
{
    session s;
    int rc = session_open(&s, argc, argv, mode);
    if (!rc && s.c.merge) rc = cmd_merge(&s.c);
    else if (!rc) rc = session_load(&s);
    if (rc || s.c.merge) {
        session_close(&s);
        return rc < 0 ? 0 : rc;
    }
    if (mode == MODE_COMPARE && s.c.by_subject) {
        rc = cmd_reduce(&s.c, s.rs, &s.ro, s.min_level);
        session_close(&s);
        return rc;
    }
    double t_collect = cc_now();
    cc_run *r = cc_run_new(s.rs, &s.ro);
    scan_articles(&s, r);
    t_collect = cc_now() - t_collect - r->t_scan;
    if ((mode == MODE_COMPARE || s.c.nclaims) && add_stored(&s, r) != 0) {
        cc_run_free(r);
        session_close(&s);
        return CC_EXIT_USAGE;
    }
    if (mode != MODE_EXTRACT) cc_run_match(r);
    double t_report = cc_now();
    if (s.c.cfg.baseline.value) cc_run_baseline(r, (const char *const *)s.fps, s.nfps);
    cc_report_opts o = {0, (cc_severity)s.min_level};
    int write_err = 0;
    if (mode == MODE_EXTRACT) {
        write_err = write_claims_file(s.c.cfg.outputs[0].path, r, s.c.by_subject) != 0;
        print_diags(&r->diags);
    } else {
        for (size_t i = 0; i < s.c.cfg.noutputs; i++) write_err |= write_output(&s.c.cfg.outputs[i], r, &o, s.color) != 0;
    }
    if (getenv("CLAIMCHECK_TIMINGS")) print_timings(&s, r, t_collect, t_report);
    int code = run_exit_code(&s, r, write_err);
    cc_run_free(r);
    session_close(&s);
    return code;
}

int main(int argc, char **argv)
{
#ifdef __GLIBC__
    /* documents come and go one after another: without this glibc gives the
     * top of the heap back to the kernel after each and faults it in again
     * for the next (a sixth of a run's time went to brk and page faults) */
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_TOP_PAD, 16 << 20);
    /* big arrays (the run's claims) in their own mappings, so growing one
     * is an mremap, not a copy that holds it twice */
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
#endif
    if (argc < 2) { fputs(usage_main, stderr); return CC_EXIT_USAGE; }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) { puts("claimcheck " CLAIMCHECK_VERSION); return 0; }
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) { fputs(usage_main, stdout); return 0; }
    if (strcmp(cmd, "check") == 0) return cmd_check(argc - 1, argv + 1, MODE_CHECK);
    if (strcmp(cmd, "extract") == 0) return cmd_check(argc - 1, argv + 1, MODE_EXTRACT);
    if (strcmp(cmd, "compare") == 0) return cmd_check(argc - 1, argv + 1, MODE_COMPARE);
    if (strcmp(cmd, "parse") == 0) return cmd_parse(argc - 1, argv + 1);
    if (strcmp(cmd, "test-rules") == 0) return cmd_test_rules(argc - 1, argv + 1);
    if (strcmp(cmd, "config") == 0) return cmd_config(argc - 1, argv + 1);
    if (strcmp(cmd, "explain") == 0) return cmd_explain(argc - 1, argv + 1);
    static const char *const commands[] = {"check", "extract", "compare", "parse", "test-rules", "config", "explain", "help",
                                           "version", NULL};
    return unknown_word("unknown command", cmd, commands, usage_main);
}

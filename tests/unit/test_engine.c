/* Rules, scanning, matching and reporting, on the shipped rules and on
 * small documents made here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_date.h"
#include "cc_report.h"
#include "claimcheck.h"

static cc_ruleset *rs;

static int setup(void **state)
{
    (void)state;
    cc_diags d;
    cc_diags_init(&d);
    rs = cc_rules_load("rules", &d);
    for (size_t i = 0; i < d.n; i++) cc_diag_print(&d.items[i], stderr, 0);
    cc_diags_free(&d);
    return rs ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    cc_rules_free(rs);
    return 0;
}

static void test_rules_loaded(void **state)
{
    (void)state;
    assert_true(cc_rules_count(rs) >= 10);
    assert_string_equal(cc_rules_alias(rs, "region", "the Donetsk  Region", 19), "donetsk");
    assert_string_equal(cc_rules_alias(rs, "region", "Donetsk oblast", 14), "donetsk");
    assert_null(cc_rules_alias(rs, "region", "Narnia", 6));
    double v;
    const char *unit, *src;
    assert_true(cc_rules_reference(rs, "area.donetsk", &v, &unit, &src));
    assert_true(v > 26000 && v < 27000);
    assert_string_equal(unit, "km2");
    size_t total;
    cc_diags d;
    cc_diags_init(&d);
    size_t stress = 99;
    assert_int_equal(cc_scan_selftest(rs, &d, &total, &stress), 0);
    assert_int_equal(stress, 0);
    assert_true(total >= 2 * cc_rules_count(rs));
    cc_diags_free(&d);
}

/* Every claim pattern of the shipped rules lets PCRE2 skip to where a
 * match can start: a known first character or a set of first bytes. A
 * pattern that may start with \d, \s or \w (Unicode classes here) has
 * neither, and PCRE2 then tries a match at every byte of every sentence. */
static void test_patterns_can_skip_ahead(void **state)
{
    (void)state;
    for (size_t i = 0; i < cc_rules_count(rs); i++) {
        const cc_rule *r = cc_rules_get(rs, i);
        for (size_t k = 0; k < r->npats; k++) {
            uint32_t first = 0;
            const uint8_t *bits = NULL;
            pcre2_pattern_info(r->pats[k].re, PCRE2_INFO_FIRSTCODETYPE, &first);
            pcre2_pattern_info(r->pats[k].re, PCRE2_INFO_FIRSTBITMAP, &bits);
            if (first == 0 && !bits)
                fail_msg("%s:%d: [%s] pattern %zu may start anywhere (a leading \\d, \\s or \\w?)", r->file,
                         r->pats[k].line, r->id, k + 1);
        }
    }
}

static void test_rule_errors(void **state)
{
    (void)state;
    /* a rules directory without a lexicon */
    cc_diags d;
    cc_diags_init(&d);
    assert_null(cc_rules_load("tests", &d));
    assert_true(d.errors >= 1);
    cc_diags_free(&d);
}

/* Rules from one file's text ("mem.yaml"), with the shipped lexicon. */
static cc_ruleset *load_text(const char *text, cc_diags *d)
{
    cc_rule_source src = {"mem.yaml", text, strlen(text)};
    return cc_rules_load_mem(cc_rules_lexicon(rs), &src, 1, d);
}

/* Whether a message of d contains text. */
static int diag_says(const cc_diags *d, const char *text)
{
    for (size_t i = 0; i < d->n; i++)
        if (strstr(d->items[i].msg, text)) return 1;
    return 0;
}

/* topic.or_not_document widens topic.document, so it cannot stand alone. */
static void test_topic_or_not_document_needs_document(void **state)
{
    (void)state;
    static const char *const rule =
        "rules:\n  - id: held\n    description: d\n    kind: percent\n    subject: land.ax\n"
        "    topic:\n%s    trigger: ['%%']\n    frame:\n      cues:\n        - name: verb\n"
        "          words: [hold, holds]\n"
        "    examples:\n      - text: 'Ax holds 20%%.'\n      - text: 'none'\n        match: false\n";
    static const char *const alone = "      or_not_document: 'Gaza'\n";
    static const char *const both = "      document: 'Ax'\n      or_not_document: 'Gaza'\n";
    char text[2048];
    cc_diags d;
    cc_diags_init(&d);
    snprintf(text, sizeof text, rule, alone);
    assert_null(load_text(text, &d));
    assert_true(diag_says(&d, "topic.or_not_document needs topic.document"));
    cc_diags_free(&d);
    cc_diags_init(&d);
    snprintf(text, sizeof text, rule, both);
    cc_ruleset *r = load_text(text, &d);
    assert_non_null(r);
    assert_non_null(cc_rules_get(r, 0)->topic_doc_else);
    cc_rules_free(r);
    cc_diags_free(&d);
}

/* A subject declared once: a rule feeding it may not state another policy
 * (the error names both places), and a rule file may not declare it twice. */
static void test_subject_declarations(void **state)
{
    (void)state;
    static const char *const rule =
        "  - id: share-a\n    description: d\n    kind: percent\n    subject: land.${where}.held_by.north\n"
        "    policy: %s\n    patterns: ['(?<value>[0-9]+%%) of (?<where>\\w+)']\n"
        "    examples:\n      - text: '10%% of Ax'\n      - text: 'none'\n        match: false\n";
    static const char *const decl =
        "subjects:\n  land.*.held_by.north:\n    policy: varying\n    unit: percent\n"
        "    complement: land.*.held_by.south\n";
    const char *pols[] = {"varying", "fixed"};
    for (int k = 0; k < 2; k++) {
        char text[2048];
        int n = snprintf(text, sizeof text, "%srules:\n", decl);
        snprintf(text + n, sizeof text - (size_t)n, rule, pols[k]);
        cc_diags d;
        cc_diags_init(&d);
        cc_ruleset *t = load_text(text, &d);
        if (k == 0) {
            assert_non_null(t);
            assert_int_equal(cc_rules_get(t, 0)->policy, CC_POL_VARYING);
            assert_non_null(cc_rules_complement_of(t, "land.ax.held_by.south"));
            assert_null(cc_rules_complement_of(t, "land.ax.held_by.north"));
            cc_rules_free(t);
        } else {
            assert_null(t);
            assert_true(diag_says(&d, "disagrees with subject"));
        }
        cc_diags_free(&d);
    }
    /* the same family declared in two files: an error at the second, naming the first */
    cc_rule_source two[2] = {{"a.yaml", decl, strlen(decl)}, {"b.yaml", decl, strlen(decl)}};
    cc_diags d;
    cc_diags_init(&d);
    assert_null(cc_rules_load_mem(cc_rules_lexicon(rs), two, 2, &d));
    int twice = 0;
    for (size_t i = 0; i < d.n; i++)
        twice |= d.items[i].file && strcmp(d.items[i].file, "b.yaml") == 0 && strstr(d.items[i].msg, "declared twice (first at a.yaml:2)") != NULL;
    assert_true(twice);
    cc_diags_free(&d);
    /* same_as: another name for one subject, whole subjects only */
    static const char *const alias_ok = "subjects:\n  ev.take.x.date: {same_as: ev.annex.x.date}\n";
    static const char *const alias_bad = "subjects:\n  ev.take.*.date: {same_as: ev.annex.x.date}\n";
    cc_rule_source one = {"s.yaml", alias_ok, strlen(alias_ok)};
    cc_diags_init(&d);
    cc_ruleset *t = cc_rules_load_mem(cc_rules_lexicon(rs), &one, 1, &d);
    assert_non_null(t);
    assert_string_equal(cc_rules_same_as(t, "ev.take.x.date"), "ev.annex.x.date");
    assert_null(cc_rules_same_as(t, "ev.take.y.date"));
    assert_null(cc_rules_subject_decl(t, "ev.take.x.date")); /* no family of its own */
    cc_rules_free(t);
    cc_diags_free(&d);
    one.text = alias_bad;
    one.len = strlen(alias_bad);
    cc_diags_init(&d);
    assert_null(cc_rules_load_mem(cc_rules_lexicon(rs), &one, 1, &d));
    assert_true(diag_says(&d, "same_as"));
    cc_diags_free(&d);
    assert_true(cc_subject_fits("a.*.c", "a.${x}.c"));
    assert_false(cc_subject_fits("a.*.c", "a.b.d"));
    assert_false(cc_subject_fits("a.*", "a.b.c"));
    /* plain subjects (no template part): every part compared whole */
    assert_true(cc_subject_fits("event.*.*.date", "event.capture.avdiivka.date"));
    assert_true(cc_subject_fits("event.*.unplaced.date", "event.capture.unplaced.date"));
    assert_false(cc_subject_fits("event.*.unplaced.date", "event.capture.unplace.date"));
    assert_false(cc_subject_fits("event.*.unplaced.date", "event.capture.unplacedx.date"));
    assert_false(cc_subject_fits("war.*.start", "war.russia-ukraine"));
    assert_false(cc_subject_fits("war.*", "war"));
    assert_true(cc_subject_fits("a.*.c", "a..c"));
    assert_false(cc_subject_fits("territory.*.held_by.*", "territory.donetsk.held_by"));
}


static cc_doc mkdoc(const char *path, const char *text, const char *date)
{
    cc_doc doc;
    cc_diags d;
    cc_diags_init(&d);
    cc_doc_from_mem(&doc, path, text, strlen(text), &d);
    cc_diags_free(&d);
    if (date) { doc.has_date = 1; cc_date_parse_iso(date, &doc.date); }
    return doc;
}

/* same_words: a cue may share the words of the cue it is near, and only of one
 * it is near (a load error otherwise, at the key). */
static void test_same_words(void **state)
{
    (void)state;
    static const char *const rule =
        "rules:\n  - id: held\n    description: d\n    kind: percent\n    subject: land.ax.held_by.${holder}\n"
        "    trigger: ['%%']\n    frame:\n      cues:\n        - name: verb\n          words: [occupied, holds]\n"
        "        - name: holder\n          words: [north, occupied]\n%s          same_words: true\n"
        "    examples:\n      - text: 'North holds 20%% of Ax.'\n        subject: land.ax.held_by.north\n"
        "      - text: 'none'\n        match: false\n";
    for (int k = 0; k < 2; k++) {
        char text[2048];
        snprintf(text, sizeof text, rule, k == 0 ? "          near: verb\n" : "");
        cc_diags d;
        cc_diags_init(&d);
        cc_ruleset *t = load_text(text, &d);
        if (k == 0) {
            assert_non_null(t);
            /* "is occupied": the holder is the verb's own word */
            cc_matcher *m = cc_matcher_new(t);
            cc_doc doc = mkdoc("t.md", "About 20% of Ax is occupied.\n", "2026-01-23");
            cc_claims cl;
            cc_claims_init(&cl);
            cc_scan_doc(t, m, &doc, 0, NULL, 0, &cl, &d);
            assert_int_equal(cl.n, 1);
            assert_string_equal(cl.items[0].subject, "land.ax.held_by.occupied");
            cc_claims_free(&cl);
            cc_doc_free(&doc);
            cc_matcher_free(m);
            cc_rules_free(t);
        } else {
            assert_null(t);
            assert_true(diag_says(&d, "same_words"));
        }
        cc_diags_free(&d);
    }
}

/* The claims rule set t reads in one document of text, dated 2026-01-24 (a
 * Saturday), into *cl (the caller frees it). */
static void scan_text(cc_ruleset *t, cc_matcher *m, const char *text, cc_claims *cl, cc_diags *d)
{
    cc_doc doc = mkdoc("t.md", text, "2026-01-24");
    cc_claims_init(cl);
    cc_scan_doc(t, m, &doc, 0, NULL, 0, cl, d);
    cc_doc_free(&doc);
}

/* A holding up to a date ("before February 2022") is stated for that date,
 * not for the publication date; one after "since" states none. */
static void test_holding_up_to_a_date(void **state)
{
    (void)state;
    cc_matcher *m = cc_matcher_new(rs);
    cc_diags d;
    cc_diags_init(&d);
    cc_claims cl;
    scan_text(rs, m, "Moscow held 7% of Ukraine before February 2022, counting Crimea.\n", &cl, &d);
    assert_int_equal(cl.n, 1);
    assert_true(cl.items[0].as_of);
    char day[11];
    cc_date_format(cl.items[0].as_of_high, day);
    assert_string_equal(day, "2022-02-28");
    cc_claims_free(&cl);
    /* …past a part set aside between commas: the date after it is the holding's, not the part's */
    scan_text(rs, m, "Some 7% of the country, including Crimea, was in Moscow's hands before 2022.\n", &cl, &d);
    assert_int_equal(cl.n, 1);
    assert_true(cl.items[0].as_of);
    cc_claims_free(&cl);
    cc_diags_free(&d);
    cc_matcher_free(m);
}

/* A date in a clause of its own is not the time a holding is stated for:
 * one counted from ("Three years after … on 24 February 2022, …"), a
 * relative clause after the value (", which Moscow annexed in March 2014")
 * or a part named after it ("including … the parts of Donbas it took in 2014").
 * Those holdings are today's; a date before the relative clause still
 * dates the holding. */
static void test_dates_of_other_clauses_are_no_time(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int as_of;
    } cases[] = {
        {"Three years after Moscow's armour crossed the border on 24 February 2022, Russian troops hold about 19% of "
         "Ukraine.\n", 0},
        {"Russian forces occupy about 19% of Ukraine, counting Crimea, which Moscow annexed in March 2014.\n", 0},
        {"Kyiv holds about a quarter of Donetsk, whose capital fell to separatists in 2014.\n", 0},
        /* a part named after "including" has its own time */
        {"Moscow's forces occupy about 18% of Ukraine, including Crimea and the parts of Donbas it took in 2014.\n", 0},
        {"Russian troops held about 17% of Ukraine in March 2024, when the offensive stalled.\n", 1},
        /* "now" nearer the figure than the date: today's */
        {"Ukraine's troops hold barely 6,000 sq km of Donetsk now, a fifth of what they held in 2022.\n", 0},
    };
    cc_matcher *m = cc_matcher_new(rs);
    cc_diags d;
    cc_diags_init(&d);
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        cc_claims cl;
        scan_text(rs, m, cases[k].text, &cl, &d);
        size_t share = cl.n;
        for (size_t i = 0; i < cl.n; i++)
            if (strncmp(cl.items[i].rule->id, "territory-", 10) == 0) share = i;
        if (share == cl.n) fail_msg("no share read in: %s", cases[k].text);
        if ((int)cl.items[share].as_of != cases[k].as_of) fail_msg("as_of %d in: %s", cases[k].as_of, cases[k].text);
        cc_claims_free(&cl);
    }
    cc_diags_free(&d);
    cc_matcher_free(m);
}

/* How many claims a sentence makes, of one rule (or of any), and the last
 * one's subject: a figure converted in brackets right after another
 * ("114,500 sq km (44,200 sq mi)") is the same figure; a part told after
 * "including" shares its whole's cues, unless it is one day's figure. */
static void test_claims_per_sentence(void **state)
{
    (void)state;
    static const struct {
        const char *text, *rule; /* rule NULL: claims of any rule */
        size_t n;
        const char *last_subject; /* or NULL */
    } cases[] = {
        {"Russia holds 114,500 sq km (44,200 sq mi) of Ukrainian land.\n", "territory-area", 1, NULL},
        {"Kyiv holds 10% of Luhansk and 20% of Donetsk.\n", NULL, 2, NULL}, /* two figures, not a conversion */
        {"Prosecutors count 14,000 Ukrainian civilians killed, including more than 700 children.\n", NULL, 2,
         "casualties.ukraine.children.killed"},
        {"Russian losses stand at about 866,000 troops, including 1,130 over the past day.\n", NULL, 1, NULL},
        /* a figure it is compared with is an earlier one, no second holding now */
        {"Kyiv holds 22% of the Donetsk region, compared with 34% at the start of the year.\n", NULL, 1, NULL},
    };
    cc_matcher *m = cc_matcher_new(rs);
    cc_diags d;
    cc_diags_init(&d);
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        cc_claims cl;
        scan_text(rs, m, cases[k].text, &cl, &d);
        size_t n = 0, last = 0;
        for (size_t i = 0; i < cl.n; i++)
            if (!cases[k].rule || strcmp(cl.items[i].rule->id, cases[k].rule) == 0) { n++; last = i; }
        if (n != cases[k].n) fail_msg("%zu claims, expected %zu: %s", n, cases[k].n, cases[k].text);
        if (cases[k].last_subject && strcmp(cl.items[last].subject, cases[k].last_subject) != 0)
            fail_msg("subject %s, expected %s: %s", cl.items[last].subject, cases[k].last_subject, cases[k].text);
        cc_claims_free(&cl);
    }
    cc_diags_free(&d);
    cc_matcher_free(m);
}

/* not_after naming alias tables ("a+b": the phrases of both); a table
 * nobody defines is a load error. ('#' in not_before: events.yaml's venue
 * examples.) */
static void test_cue_word_tables(void **state)
{
    (void)state;
    static const char *const rule =
        "aliases:\n  wish:\n    w: [wants to]\n  may:\n    m: [will]\n"
        "rules:\n  - id: held\n    description: d\n    kind: percent\n    subject: land.ax\n"
        "    trigger: ['%%']\n    frame:\n      cues:\n        - name: verb\n          words: [hold, holds]\n"
        "          not_after: %s\n"
        "    examples:\n      - text: 'Ax holds 20%%.'\n      - text: 'none'\n        match: false\n";
    char text[2048];
    cc_diags d;
    cc_diags_init(&d);
    snprintf(text, sizeof text, rule, "wish+may");
    cc_ruleset *t = load_text(text, &d);
    assert_non_null(t);
    cc_matcher *m = cc_matcher_new(t);
    const char *texts[] = {"Ax holds 20%.\n", "Ax wants to hold 20%.\n", "Ax will hold 20%.\n"};
    const size_t want[] = {1, 0, 0};
    for (size_t k = 0; k < 3; k++) {
        cc_claims cl;
        scan_text(t, m, texts[k], &cl, &d);
        if (cl.n != want[k]) fail_msg("'%s': %zu claims", texts[k], cl.n);
        cc_claims_free(&cl);
    }
    cc_matcher_free(m);
    cc_rules_free(t);
    cc_diags_free(&d);
    cc_diags_init(&d);
    snprintf(text, sizeof text, rule, "wish+nosuch");
    assert_null(load_text(text, &d));
    assert_true(diag_says(&d, "alias tables by name"));
    cc_diags_free(&d);
}

/* derive: reached — the day stated beside an age reached is the value, and
 * ${age} names the age in the unit written; an age only lived makes no claim;
 * ${age} without derive: reached, or derive: reached on another kind, is a
 * load error. */
static void test_derive_reached(void **state)
{
    (void)state;
    static const char *const rule =
        "rules:\n  - id: mark\n    description: d\n    kind: %s\n%s    subject: ev.${age}.date\n"
        "    trigger: [days, year, years]\n    frame:\n      cues:\n        - name: noun\n          words: [war]\n"
        "    examples:\n      - text: 'The war marked 100 days on Friday.'\n        date: 2026-01-24\n"
        "      - text: 'none'\n        match: false\n";
    char text[2048];
    cc_diags d;
    cc_diags_init(&d);
    snprintf(text, sizeof text, rule, "duration", "    derive: reached\n");
    cc_ruleset *t = load_text(text, &d);
    assert_non_null(t);
    cc_matcher *m = cc_matcher_new(t);
    const char *texts[] = {"The war marked 100 days on Friday.\n", "The war will enter its third year on Tuesday.\n",
                           "After 100 days of war, talks began on Friday.\n"};
    const char *want[][2] = {{"ev.100-days.date", "2026-01-23"}, {"ev.2-years.date", "2026-01-27"}, {NULL, NULL}};
    for (size_t k = 0; k < 3; k++) {
        cc_claims cl;
        scan_text(t, m, texts[k], &cl, &d);
        if (!want[k][0]) {
            assert_int_equal(cl.n, 0);
        } else {
            assert_int_equal(cl.n, 1);
            assert_string_equal(cl.items[0].subject, want[k][0]);
            char day[11];
            cc_date_format((int64_t)cl.items[0].val.low, day);
            assert_string_equal(day, want[k][1]);
            assert_true(cl.items[0].val.low == cl.items[0].val.high);
        }
        cc_claims_free(&cl);
    }
    cc_matcher_free(m);
    cc_rules_free(t);
    const char *bad[][2] = {{"percent", "    derive: reached\n"}, {"duration", ""}};
    const char *says[] = {"derive: reached needs kind: duration", "${age}"};
    for (size_t k = 0; k < 2; k++) {
        cc_diags_free(&d);
        cc_diags_init(&d);
        snprintf(text, sizeof text, rule, bad[k][0], bad[k][1]);
        assert_null(load_text(text, &d));
        assert_true(diag_says(&d, says[k]));
    }
    cc_diags_free(&d);
}

/* The trigger automaton: exact words, stems ("annex*") for every length
 * from their own, a word that is both gets the rules of both, "also" words,
 * '%' as a word, and nothing for words of 32 letters or more. */
static void test_trigger_automaton(void **state)
{
    (void)state;
    static const char y[] =
        "rules:\n"
        "  - id: stem\n    kind: count\n    subject: s.a\n    trigger: [annex*, '%']\n"
        "    patterns: ['(?<value>\\d+)']\n"
        "    description: d\n    examples: [{text: 'annexed war Ukraine 3'}, {text: 'x', match: false}]\n"
        "  - id: exact\n    kind: count\n    subject: s.b\n    trigger: [annexed, war]\n    also: [ukraine]\n"
        "    patterns: ['(?<value>\\d+)']\n"
        "    description: d\n    examples: [{text: 'annexed war Ukraine 3'}, {text: 'x', match: false}]\n"
        "  - id: other\n    kind: count\n    subject: s.c\n    trigger: [aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa]\n    also: [annexation]\n"
        "    patterns: ['(?<value>\\d+)']\n"
        "    description: d\n    examples: [{text: 'annexed war Ukraine 3'}, {text: 'x', match: false}]\n";
    cc_rule_source src = {"t.yaml", y, sizeof y - 1};
    cc_diags d;
    cc_diags_init(&d);
    cc_ruleset *t = cc_rules_load_mem(cc_rules_lexicon(rs), &src, 1, &d);
    for (size_t i = 0; i < d.n; i++) cc_diag_print(&d.items[i], stderr, 0);
    assert_non_null(t);
    const cc_trig_list *l;
    l = cc_rules_trigger_word(t, "annex", 5); /* the stem itself */
    assert_non_null(l);
    assert_int_equal(l->n, 1);
    assert_int_equal(l->rules[0], 0);
    l = cc_rules_trigger_word(t, "annexing", 8);
    assert_true(l && l->n == 1 && l->rules[0] == 0 && l->nalso == 0);
    l = cc_rules_trigger_word(t, "annexed", 7); /* exact and stem: both rules */
    assert_true(l && l->n == 2 && l->rules[0] == 0 && l->rules[1] == 1);
    l = cc_rules_trigger_word(t, "annexation", 10); /* stem, and an also word of another rule */
    assert_true(l && l->n == 1 && l->rules[0] == 0 && l->nalso == 1 && l->also[0] == 2);
    l = cc_rules_trigger_word(t, "ukraine", 7);
    assert_true(l && l->n == 0 && l->nalso == 1 && l->also[0] == 1);
    assert_null(cc_rules_trigger_word(t, "anne", 4));
    assert_null(cc_rules_trigger_word(t, "wars", 4));
    assert_null(cc_rules_trigger_word(t, "wa", 2));
    l = cc_rules_trigger_word(t, "%", 1);
    assert_true(l && l->n == 1 && l->rules[0] == 0);
    assert_non_null(cc_rules_trigger_word(t, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 31));
    char longw[40];
    memset(longw, 'a', 32);
    assert_null(cc_rules_trigger_word(t, "annexaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 37));
    assert_null(cc_rules_trigger_word(t, longw, 32));

    /* in a document: "war 12" is read only in a sentence that also names
     * Ukraine; the stem rule reads every sentence with an annex- word */
    cc_matcher *m = cc_matcher_new(t);
    cc_doc doc = mkdoc("t.md",
                       "The war lasted 12 days. Ukraine said the war took 13 days.\n"
                       "Moscow annexes 4 regions! Nothing here 5. 7 %\n",
                       "2026-01-23");
    cc_claims cl;
    cc_claims_init(&cl);
    cc_scan_doc(t, m, &doc, 0, NULL, 0, &cl, &d);
    int seen[3][20] = {{0}};
    for (size_t i = 0; i < cl.n; i++) {
        int v = (int)cl.items[i].raw.best;
        if (v >= 0 && v < 20) seen[cl.items[i].rule - cc_rules_get(t, 0)][v] = 1;
    }
    assert_false(seen[1][12]); /* no "also" word in its sentence */
    assert_true(seen[1][13]);
    assert_true(seen[0][4]);
    assert_false(seen[0][5]);
    assert_true(seen[0][7]); /* '%' is a trigger word of its own */
    cc_claims_free(&cl);
    cc_doc_free(&doc);
    cc_matcher_free(m);
    cc_rules_free(t);
    cc_diags_free(&d);
}

/* A matcher whose first document is empty (or only white space), then a
 * real one: the trigger walk has nothing to classify at first, and must
 * not touch bitmaps it has not made yet (UBSan in make test-asan). */
static void test_scan_empty_document_first(void **state)
{
    (void)state;
    const char *texts[] = {"", "   \n", "In Ukraine the 34-month war goes on.", ""};
    size_t want[] = {0, 0, 1, 0};
    cc_matcher *m = cc_matcher_new(rs);
    for (size_t k = 0; k < 4; k++) {
        cc_doc doc = mkdoc("e.txt", texts[k], "2026-01-23");
        cc_claims cl;
        cc_claims_init(&cl);
        cc_diags d;
        cc_diags_init(&d);
        cc_scan_doc(rs, m, &doc, 0, NULL, 0, &cl, &d);
        assert_int_equal(cl.n, want[k]);
        cc_claims_free(&cl);
        cc_diags_free(&d);
        cc_doc_free(&doc);
    }
    cc_matcher_free(m);
}

static void test_scan_and_derive(void **state)
{
    (void)state;
    cc_matcher *m = cc_matcher_new(rs);
    cc_doc doc = mkdoc("a.txt", "In Ukraine the 34-month war goes on. Ukrainian forces hold approximately 40% of Donetsk oblast.", "2026-01-23");
    cc_claims cl;
    cc_claims_init(&cl);
    cc_diags d;
    cc_diags_init(&d);
    cc_scan_doc(rs, m, &doc, 0, NULL, 0, &cl, &d);
    assert_int_equal(cl.n, 2);
    const cc_claim *war = NULL, *terr = NULL;
    for (size_t i = 0; i < cl.n; i++) {
        if (strcmp(cl.items[i].rule->id, "war-duration") == 0) war = &cl.items[i];
        if (strcmp(cl.items[i].rule->id, "territory-share") == 0) terr = &cl.items[i];
    }
    assert_non_null(war);
    assert_non_null(terr);
    assert_string_equal(war->subject, "war.russia-ukraine.start");
    char s[11];
    cc_date_format((int64_t)war->val.low, s);
    assert_string_equal(s, "2023-02-23");
    cc_date_format((int64_t)war->val.high, s); /* 34 months, or up to 15 days less (age_round_nearest) */
    assert_string_equal(s, "2023-04-07");
    assert_string_equal(terr->subject, "territory.donetsk.held_by.ukraine");
    assert_true(fabs(terr->val.low - 36) < 1e-9);
    /* the claim limit is reported, not silent */
    cc_claims_free(&cl);
    cc_scan_doc(rs, m, &doc, 0, NULL, 1, &cl, &d);
    assert_int_equal(cl.n, 1);
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.items[0].msg, "limit of 1 claims"));
    cc_claims_free(&cl);
    cc_diags_free(&d);
    cc_doc_free(&doc);
    cc_matcher_free(m);
}

/* Builds a run over in-memory documents. */
static cc_run *run_docs(const char **texts, const char **dates, size_t n)
{
    cc_run_opts o = {.jobs = 1};
    cc_run *r = cc_run_new(rs, &o);
    r->docs = cc_xcalloc(n, sizeof *r->docs);
    cc_matcher *m = cc_matcher_new(rs);
    for (size_t i = 0; i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "doc%zu.txt", i);
        r->docs[i] = mkdoc(name, texts[i], dates[i]);
        size_t before = r->claims.n;
        cc_scan_doc(rs, m, &r->docs[i], i, NULL, 0, &r->claims, &r->diags);
        r->docs[i].nclaims = r->claims.n - before;
        cc_claims_mark_calendar(&r->claims.items[before], r->claims.n - before);
        r->ndocs++;
    }
    cc_matcher_free(m);
    cc_match(&r->claims, r->docs, &r->findings);
    return r;
}

static void test_consensus_names_the_outlier(void **state)
{
    (void)state;
    const char *t[] = {"Ukraine's nearly four-year war goes on.", "Russia invaded Ukraine on Feb. 24, 2022.",
                       "The 34-month war in Ukraine.", "The war in Ukraine, now in its fourth year."};
    const char *d[] = {"2026-01-23", "2026-01-23", "2026-01-23", "2026-01-23"};
    cc_run *r = run_docs(t, d, 4);
    assert_int_equal(r->findings.n, 1);
    const cc_finding *f = &r->findings.items[0];
    assert_int_equal(r->claims.items[f->claims[0]].doc, 2);
    assert_int_equal(f->nconsensus, 3);
    assert_non_null(strstr(f->message, "disagrees with 3 other claims"));
    cc_run_free(r);
}

static void test_windows_and_growth(void **state)
{
    (void)state;
    /* territory: 30 % and 50 % a year apart is not a contradiction */
    const char *t[] = {"Ukraine holds about 30% of Donetsk.", "Ukraine holds about 50% of Donetsk."};
    const char *d[] = {"2024-01-01", "2025-01-01"};
    cc_run *r = run_docs(t, d, 2);
    assert_int_equal(r->findings.n, 0);
    cc_run_free(r);
    const char *d2[] = {"2024-01-01", "2024-01-20"};
    r = run_docs(t, d2, 2);
    assert_int_equal(r->findings.n, 1);
    cc_run_free(r);
    /* a holding stated for a year gone by ("In 2023, …") is compared then, not now */
    const char *ty[] = {"In 2023, Russian troops occupied about 18% of Ukraine.", "Russia occupies about 25% of Ukraine."};
    const char *dy[] = {"2025-11-20", "2025-11-20"};
    r = run_docs(ty, dy, 2);
    assert_int_equal(r->findings.n, 0);
    assert_true(r->claims.items[0].as_of);
    cc_run_free(r);
    /* a cumulative total may grow, but not shrink */
    const char *c[] = {"Russian casualties have reached 400,000 killed and wounded.",
                       "Russian casualties stand at 800,000 killed and wounded."};
    const char *cd[] = {"2024-01-01", "2025-01-01"};
    r = run_docs(c, cd, 2);
    assert_int_equal(r->findings.n, 0);
    cc_run_free(r);
    const char *cd2[] = {"2025-01-01", "2024-01-01"};
    r = run_docs(c, cd2, 2);
    assert_int_equal(r->findings.n, 1);
    assert_int_equal(r->findings.items[0].type, CC_F_DECREASE);
    cc_run_free(r);
}

static void test_calendar_and_stable_ids(void **state)
{
    (void)state;
    const char *t[] = {"The talks ended on Saturday (Jan 25)."};
    const char *d[] = {"2026-01-26"};
    cc_run *r = run_docs(t, d, 1);
    assert_int_equal(r->findings.n, 1);
    assert_int_equal(r->findings.items[0].type, CC_F_CALENDAR);
    assert_non_null(strstr(r->findings.items[0].message, "is a Sunday"));
    char id1[24];
    strcpy(id1, r->findings.items[0].id);
    cc_run_free(r);
    /* the id survives text inserted above the claim */
    const char *t2[] = {"A new first line.\nThe talks ended on Saturday (Jan 25)."};
    r = run_docs(t2, d, 1);
    assert_string_equal(r->findings.items[0].id, id1);
    cc_run_free(r);
}

static void test_reports(void **state)
{
    (void)state;
    const char *t[] = {"Wednesday's meeting at the Kremlin \"ended\".", "A meeting Thursday at the Kremlin.",
                       "The nearly three-year war in Ukraine."};
    const char *d[] = {"2026-01-23", "2026-01-23", NULL};
    cc_run *r = run_docs(t, d, 3);
    cc_report_opts o = {0, CC_SEV_INFO};
    cc_buf b;
    cc_buf_init(&b);
    cc_report_json(&b, r, &o);
    assert_non_null(strstr(b.s, "\"version\":3"));
    assert_non_null(strstr(b.s, "\"contradictions\":[\n {\"id\":\"CC"));
    assert_non_null(strstr(b.s, "\"text\":\"Wednesday's meeting at the Kremlin\""));
    assert_non_null(strstr(b.s, "\"unanchored\":1"));
    assert_non_null(strstr(b.s, "\"low\":\"2026-01-21\""));
    cc_buf_free(&b);
    cc_report_text(&b, r, &o);
    assert_non_null(strstr(b.s, ": error: [event-venue-date]")); /* either camp may be flagged */
    assert_non_null(strstr(b.s, "undated (none)"));
    assert_null(strstr(b.s, "\033["));
    cc_buf_free(&b);
    assert_int_equal(cc_report_count(r, CC_SEV_ERROR), 1);
    cc_run_free(r);
}

/* The scanner's table has 16-bit entries: trigger words that need more
 * states than it can name are a load error, not a wrong scan. */
static void test_trigger_automaton_limit(void **state)
{
    (void)state;
    cc_buf y;
    cc_buf_init(&y);
    cc_buf_puts(&y, "rules:\n  - id: many\n    kind: count\n    subject: s.a\n    trigger: [");
    /* 1,300 words of 30 pseudo-random letters: some 36,000 states */
    uint32_t x = 12345;
    for (int w = 0; w < 1300; w++) {
        cc_buf_puts(&y, w ? ", " : "");
        for (int k = 0; k < 30; k++) {
            x = x * 1103515245u + 12345u;
            cc_buf_putc(&y, (char)('a' + (x >> 16) % 26));
        }
    }
    cc_buf_puts(&y, "]\n    patterns: ['(?<value>\\d+)']\n    description: d\n"
                    "    examples: [{text: 'x 3'}, {text: 'x', match: false}]\n");
    cc_rule_source src = {"big.yaml", y.s, y.len};
    cc_diags d;
    cc_diags_init(&d);
    assert_null(cc_rules_load_mem(cc_rules_lexicon(rs), &src, 1, &d));
    int named = 0;
    for (size_t i = 0; i < d.n; i++) named |= strstr(d.items[i].msg, "automaton states") != NULL;
    if (!named)
        for (size_t i = 0; i < d.n; i++) cc_diag_print(&d.items[i], stderr, 0);
    assert_true(named);
    cc_diags_free(&d);
    cc_buf_free(&y);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules_loaded), cmocka_unit_test(test_patterns_can_skip_ahead), cmocka_unit_test(test_rule_errors), cmocka_unit_test(test_topic_or_not_document_needs_document), cmocka_unit_test(test_subject_declarations), cmocka_unit_test(test_same_words), cmocka_unit_test(test_derive_reached), cmocka_unit_test(test_cue_word_tables), cmocka_unit_test(test_holding_up_to_a_date), cmocka_unit_test(test_dates_of_other_clauses_are_no_time), cmocka_unit_test(test_claims_per_sentence), cmocka_unit_test(test_trigger_automaton), cmocka_unit_test(test_trigger_automaton_limit), cmocka_unit_test(test_scan_empty_document_first), cmocka_unit_test(test_scan_and_derive),
        cmocka_unit_test(test_consensus_names_the_outlier), cmocka_unit_test(test_windows_and_growth),
        cmocka_unit_test(test_calendar_and_stable_ids), cmocka_unit_test(test_reports),
    };
    return cmocka_run_group_tests_name("rules, scan, match, report", tests, setup, teardown);
}

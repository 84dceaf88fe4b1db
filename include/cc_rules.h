/* cc_rules: rule files. A rule set is a lexicon plus every *.yaml rule file
 * of a directory: claim rules, alias tables, reference
 * tables and macros. Patterns are expanded, compiled once with PCRE2 JIT and
 * kept with their file:line:col so errors and findings can point at them.
 *
 * Ownership: cc_rules_load returns a set the caller frees with
 * cc_rules_free; rules, tables and strings belong to it. The set is
 * read-only after loading and may be shared by threads (each thread matches
 * with its own cc_matcher). */
#ifndef CC_RULES_H
#define CC_RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>

#include "cc_diag.h"
#include "cc_lexicon.h"

typedef enum { CC_DERIVE_NONE, CC_DERIVE_START, CC_DERIVE_SHARE, CC_DERIVE_REACHED } cc_derive;
typedef enum { CC_POL_FIXED, CC_POL_VARYING, CC_POL_CUMULATIVE, CC_POL_NONE } cc_policy;
typedef enum { CC_SEV_INFO, CC_SEV_WARNING, CC_SEV_ERROR } cc_severity;

const char *cc_severity_name(cc_severity s);
/* -1 when unknown */
int cc_severity_parse(const char *s);
/* "off" switches a rule off: the level after error, for settings that take it. */
#define CC_SEV_OFF 3
/* A level or "off" (CC_SEV_OFF); -1 when neither. */
int cc_severity_parse_or_off(const char *s);
const char *cc_policy_name(cc_policy p);

typedef struct {
    char *text;
    int has_date;
    int64_t date;
    int positive;          /* must match (1) or must not (0) */
    int has_low, has_high; /* expected bounds (canonical units, day numbers for dates) */
    int low_open, high_open;
    double low, high;
    char *subject;         /* expected subject, or NULL */
    int line, col;
} cc_example;

typedef struct {
    pcre2_code *re;
    char *source;      /* as written in the file */
    int line, col;     /* of the pattern scalar */
    uint32_t value_group; /* number of the (?<value>…) group, 0 when none */
} cc_pattern;

typedef struct {
    char *name;
    char *value;
} cc_kv;

/* The callouts of a value macro ({DATE}, {MONEY} … in a pattern): number
 * START + kind lets a value start where the normalizer read a quantity, END
 * + kind lets it end where that quantity of the kind ends. */
#define CC_VALUE_CALLOUT_START 100
#define CC_VALUE_CALLOUT_END 150

/* A frame's cue: words that must stand near the quantity (or near another
 * cue) for the frame to make a claim, and the slot of the subject they fill. */
typedef struct {
    char *name;          /* the slot it fills (${name}), and how other cues name it */
    char *table;         /* the alias table giving the slot's value; NULL: the words as a slug */
    pcre2_code *re;      /* the cue's words or the table's phrases, as whole words */
    int required;        /* the frame makes no claim without a cue of this name */
    int absent;          /* the frame makes no claim with it: "said" right before an event's date */
    int side;            /* -1 before its anchor, +1 after, 0 either */
    int near;            /* the cue whose match is its anchor; -1: the quantity */
    int same_words;      /* may be the very words of the cue it is near ("is occupied": the act and its
                          * doer in one word) */
    int reach;           /* words between the anchor and the cue, at most */
    pcre2_code *not_after; /* a match right after one of these words is something else ("in Ukraine": a place) */
    pcre2_code *not_before; /* a match right before one of these words is something else ("Russia's invasion") */
    pcre2_code *only_after; /* a match only right after one of these words ("the share of Ukraine": the whole) */
    int of_whole;        /* a figure followed by "of" names its whole there: the cue must stand in that phrase
                          * ("about a fifth of the mainland" takes no region named elsewhere) */
    int shared_subject;  /* with near: found nowhere in reach, the sentence's subject when its anchor opens a
                          * second predicate ("Russian forces pressed on … and now hold 19%") */
    int not_before_figure; /* a match whose object is a figure of the sentence is something else ("captured
                            * 4,500 sq km": ground taken over a period, no place's capture) */
    pcre2_code *object_of; /* verbs whose object the value is: a match before the verb is its doer ("Russian
                            * forces have killed 12,000 civilians": Russia killed, and is no victims' side) */
    pcre2_code *yields;  /* general words that give way to another match within reach ("lost 46,000
                          * soldiers killed": "killed" says what "lost" leaves open) */
    int nearest;         /* it belongs only to the quantity it stands nearest (the frame's nearest: sets it for all) */
    int nearer;          /* an alternative to the cue of its name before it, taken instead when it stands nearer */
    int same_clause;     /* never across a clause joined by ", and", ", but", ", while" or a semicolon */
    pcre2_code *refer;   /* words that stand for a match named earlier ("the region", "the republic") */
    int surname;         /* the slot is the name's last word ("Alexei Navalny": navalny) */
    int names_before;    /* re is the words after the name: the match is the name before them */
    pcre2_code *not_names; /* words that are no one's name: trimmed from a name's front, or it is none */
    int line, col;
} cc_cue;

/* A claim described as a frame around a quantity the normalizer finds
 * (docs/rules.md, "Frames"). */
typedef struct {
    cc_cue *cues;
    size_t ncues;
    pcre2_code *veto;    /* words that, among the claim's words, the four before or the three after, drop it */
    pcre2_code *veto_before; /* words that, among the five before the claim, drop it */
    pcre2_code *veto_counted; /* words that, right after the value (what it counts), drop the claim */
    int reach;
    int nearest;         /* a cue belongs only to the quantity it stands nearest (sentences listing dates) */
    int increments;      /* "four more regions" counts the act's members: an increment is no veto here */
    int with_weekday;    /* value_with: weekday — only dates written with a weekday beside them */
    int with_year;       /* value_with: year — only dates that need no reference date (a year written) */
} cc_frame;

typedef struct cc_rule {
    char *id;
    char *description;
    char *message;       /* message: the finding's headline with ${subject}, ${quote}, ${others}; NULL: the engine's */
    char *url;           /* url: where the rule is documented (SARIF helpUri, the HTML report); NULL: none */
    char *file;
    int line;
    cc_kind kind;        /* what the value group holds */
    cc_derive derive;
    char *reference;     /* DERIVE_SHARE: reference template, e.g. "area.${region}" */
    int round_down;      /* durations count completed units */
    char *subject;       /* template with ${group} */
    cc_kv *defaults;     /* template values when a group did not take part */
    size_t ndefaults;
    cc_policy policy;
    int policy_set;      /* written in the rule (else it comes from a subjects: declaration) */
    int declared;        /* its subject template fits declared families: it claims only on those */
    int window_days;
    cc_severity severity;
    int off;             /* severity: off (in the rule or the configuration): it reads nothing in a check */
    pcre2_code *topic_doc, *topic_sent, *topic_not;
    pcre2_code *topic_doc_else; /* topic.or_not_document: a document topic_doc does not match still passes
                                 * when this does not match it either (or NULL) */
    char *topic_doc_src; /* topic_doc as expanded (and topic_doc_else's after a \x01: the gate's key) */
    size_t topic_doc_same; /* the first rule with the same topic_doc: its answer for a document is this one's */
    int has_trigger;     /* 0: the rule reads every byte of every document */
    int has_also;        /* a triggered sentence must also hold one of the rule's "also" words */
    cc_pattern *pats;
    size_t npats;
    cc_frame *frame;     /* or NULL */
    int has_within;      /* the compared values this rule's subject can take: a claim wholly outside is another's */
    double within_low, within_high; /* canonical units, -INFINITY / INFINITY when open */
    size_t *defer;       /* defer_to: indexes of earlier rules whose reading of a value this rule leaves alone */
    size_t ndefer;
    cc_example *ex;
    size_t nex;
} cc_rule;

/* A subject family declared once (a rule file's subjects:): its policy and
 * unit for every rule that feeds it, and the family whose values are its
 * complement (a share s held by one side is 100 - s held by the other). */
typedef struct {
    char *pattern;       /* dotted parts, "*" for any one part: territory.*.held_by.ukraine */
    char *complement;    /* the same shape for the complementary family, or NULL */
    double total;        /* value + complement = total (100 for percent) */
    cc_policy policy;
    int window_days;
    int64_t counted_from; /* a running total's first day (day number; INT64_MIN: none): a figure
                              counted since a later day is one period's count */
    char *unit;          /* canonical unit of its values, or NULL */
    char *file;
    int line;
} cc_subject_decl;

typedef struct cc_ruleset cc_ruleset;

/* The declared subject family whose complement pattern the subject fits
 * (and not its own pattern), or NULL. */
const cc_subject_decl *cc_rules_complement_of(const cc_ruleset *rs, const char *subject);
/* The subject a (rendered) subject is another name for (subjects: same_as), or NULL. */
const char *cc_rules_same_as(const cc_ruleset *rs, const char *subject);
/* The declared family a (rendered) subject belongs to, or NULL. */
const cc_subject_decl *cc_rules_subject_decl(const cc_ruleset *rs, const char *subject);
/* 1 when the dotted subject (or template: ${...} parts match anything)
 * fits the pattern ("*" parts match any one part). */
int cc_subject_fits(const char *pattern, const char *subject);

/* Loads dir/lexicon.yaml and every other dir/ *.yaml (sorted by name).
 * Returns NULL when anything failed; every problem is in diags, with file,
 * line, column and, for patterns, the PCRE2 message and a caret. */
cc_ruleset *cc_rules_load(const char *dir, cc_diags *diags);
/* Threads the loaders use to JIT-compile the patterns, once all are
 * compiled (default 1). The command line sets it from --jobs before
 * loading. */
void cc_rules_set_jit_threads(int n);
/* The same over several directories: the lexicon from the first that has
 * one, rule files from all of them (a rule id must be unique across all). */
cc_ruleset *cc_rules_load_dirs(const char *const *dirs, size_t n, cc_diags *diags);
/* Overrides a rule's severity (configuration; CC_SEV_OFF switches it off);
 * -1 when no rule has id. */
int cc_rules_set_severity(cc_ruleset *rs, const char *id, cc_severity sev);
/* One rule file held in memory: its name (used in messages) and text. */
typedef struct {
    const char *name;
    const char *text;
    size_t len;
} cc_rule_source;
/* Loads rules from sources in memory, in the order given, with a lexicon
 * the caller keeps (it must outlive the rule set). NULL on errors. */
cc_ruleset *cc_rules_load_mem(const cc_lexicon *lx, const cc_rule_source *src, size_t n, cc_diags *diags);
void cc_rules_free(cc_ruleset *rs);

const cc_lexicon *cc_rules_lexicon(const cc_ruleset *rs);
size_t cc_rules_count(const cc_ruleset *rs);
/* The rule with this id, or NULL. */
const cc_rule *cc_rules_find(const cc_ruleset *rs, const char *id);
/* A digest of the bytes the rules were loaded from (the lexicon and every
 * rule file, in order): claims extracted with the same digest compare. */
uint64_t cc_rules_digest(const cc_ruleset *rs);
const cc_rule *cc_rules_get(const cc_ruleset *rs, size_t i);
const char *cc_rules_dir(const cc_ruleset *rs);

/* Canonical name for text in alias table `table` ("Donetsk oblast" →
 * "donetsk"); NULL when the table has no such phrase. */
const char *cc_rules_alias(const cc_ruleset *rs, const char *table, const char *text, size_t len);
/* 1 when an alias table of that name exists. */
int cc_rules_has_table(const cc_ruleset *rs, const char *table);

/* The placeholders of a rule's message: (${subject}, ${quote}, ${others}). */
typedef enum { CC_MSG_SUBJECT, CC_MSG_QUOTE, CC_MSG_OTHERS, CC_MSG__N } cc_msg_slot;
/* Which placeholder the n bytes at name spell ("quote"), or -1. */
int cc_rules_message_slot(const char *name, size_t n);
/* Reference value "table.key" (e.g. "area.donetsk"): value, unit, source. */
int cc_rules_reference(const cc_ruleset *rs, const char *ref, double *value, const char **unit, const char **source);

/* Trigger words, compiled into an automaton over lower-case ASCII letters
 * (symbols 0-25) and '%' (symbol 26) when the rules are loaded. State 1 is
 * the start, state 0 "no trigger word starts like this" (and stays 0). A word
 * that ends in a state with term >= 0 triggers lists[term]; otherwise the
 * deepest state passed with stem >= 0 (a stem written "annex*") decides. A
 * list is every rule the word triggers (its own and its stems', merged) and
 * every rule it is an "also" word for. Words of 32 letters or more trigger
 * nothing. */
#define CC_TRIG_SYMS 27
#define CC_TRIG_MAX 32767
typedef struct {
    const size_t *rules, *also;
    size_t n, nalso;
} cc_trig_list;

typedef struct {
    uint32_t *next;      /* nstates * CC_TRIG_SYMS */
    uint16_t *step;      /* the same moves as next state << 1 | next state ends a stem (CC_TRIG_MAX states at most) */
    int32_t *term, *stem;/* per state: a list index or -1 */
    size_t nstates, cap;
    cc_trig_list *lists;
    size_t nlists;
} cc_trig;

/* The automaton, or NULL when no rule has a trigger. */
const cc_trig *cc_rules_triggers(const cc_ruleset *rs);
/* Looks up one lower-case word (for tests and tools): NULL when it triggers nothing. */
const cc_trig_list *cc_rules_trigger_word(const cc_ruleset *rs, const char *w, size_t len);


/* Match limits applied to every pattern (PCRE2 match and depth limits). */
uint32_t cc_rules_match_limit(const cc_ruleset *rs);

#endif

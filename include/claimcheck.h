/* claimcheck: the library behind the command. A cc_run reads documents,
 * dates them, extracts claims with a rule set and finds contradictions.
 * main.c only parses arguments and prints.
 *
 * Ownership: cc_run_new borrows the rule set (it must outlive the run);
 * cc_run_free releases documents, claims, findings and diagnostics. */
#ifndef CLAIMCHECK_H
#define CLAIMCHECK_H

#include "cc_diag.h"
#include "cc_doc.h"
#include "cc_match.h"
#include "cc_rules.h"
#include "cc_scan.h"

#define CLAIMCHECK_VERSION "0.1.0"

/* Exit codes, one documented enum (docs/cli.md). */
enum {
    CC_EXIT_OK = 0,         /* no finding at or above --fail-on */
    CC_EXIT_FINDINGS = 1,   /* findings at or above --fail-on */
    CC_EXIT_USAGE = 2,      /* usage, rule or configuration error: nothing checked */
    CC_EXIT_UNREADABLE = 3, /* some input could not be read or decoded; the rest was checked */
    CC_EXIT_EMPTY = 4       /* no document at all was checked (none found, or all skipped); see --allow-empty */
};

typedef struct {
    int has_date;            /* --date: one date for every document */
    int64_t date;
    const char *manifest;    /* --manifest FILE, or NULL */
    size_t max_file_size;    /* bytes; 0: no limit */
    size_t max_claims;       /* per document; 0: no limit */
    int jobs;                /* worker threads; 0: one per online core */
    int keep_text;           /* keep document text after scanning (the HTML report quotes sentences) */
} cc_run_opts;

typedef struct {
    char *path;
    char *reason;
} cc_skip;

/* One input: a path, or a named text in memory (standard input, a fuzzer). */
typedef struct {
    char *path;
    char *data;              /* in memory: the bytes until scanned */
    size_t len;
    int in_memory;
    int is_new;              /* named by --new: findings must touch one */
    int dirfd;               /* a folder listed it as a regular file: that folder, open (or
                              * AT_FDCWD, its path then whole); read without fstat. -1: not so */
} cc_input;

/* What one input gave, in the order inputs were merged: its document (or
 * -1 when it could not be read) and its messages, r->diags[d0, d1). */
typedef struct {
    const char *path;        /* the input's own (r->inputs) */
    long doc;
    size_t d0, d1;
} cc_input_rec;

typedef struct cc_run {
    const cc_ruleset *rs;
    cc_run_opts opts;
    cc_doc *docs;            /* the documents checked, sorted by path; their text is freed once
                              * scanned (claims keep their quotes and positions) */
    size_t ndocs;
    cc_claims claims;
    cc_findings findings;
    cc_diags diags;          /* input errors and warnings */
    size_t unreadable;       /* inputs that could not be read or decoded */
    cc_skip *skipped;        /* files found under a directory but not articles */
    size_t nskipped;
    cc_input *inputs;        /* collected, before loading */
    size_t ninputs, inputs_cap;
    struct input_key *input_index; /* path -> inputs[] index, while collecting */
    int adding_new;          /* inputs added now are --new ones */
    int baseline_given;      /* cc_run_baseline was called */
    struct manifest_entry *manifest;
    size_t nmanifest;
    struct cc_json_cache *json_cache; /* claims already written as JSON (cc_report) */
    double t_scan, t_match;  /* seconds: reading and scanning (all threads), matching */
    int this_year;           /* today's year: the latest a page's weekday may put a yearless date in */
    cc_input_rec *log;       /* per input merged, in order (cc_run_scan) */
    size_t nlog;
    size_t ndiags_head;      /* r->diags before the inputs' own: from finding the inputs */
    size_t unreadable_head;  /* of r->unreadable: paths that were not there to be read */
    char **sentences;        /* per claim, its sentence, when the documents' text is gone (claims
                              * read from a claims file); else NULL */
    size_t *sentence_at;     /* where each such sentence starts in its document */
    char (*stored_ids)[28];  /* stored_known: the findings of the stored claims on their own (check
                              * --claims through an index): the --new scope needs no second match */
    size_t nstored_ids;
    int stored_known;
    int *dirfds;             /* folders walked, kept open so that their files open by name
                              * (CC_RUN_DIRFDS at most; later folders' files open by path) */
    size_t ndirfds;
} cc_run;

cc_run *cc_run_new(const cc_ruleset *rs, const cc_run_opts *opts);
/* The threads a run uses (scanning, matching, the JSON report): opts.jobs,
 * or one per online core. */
int cc_run_jobs(const cc_run *r);
/* The JSON writer's cache of claims it has written (bounded; report.c). */
struct cc_json_cache *cc_json_cache_new(void);
void cc_json_cache_free(struct cc_json_cache *c);
void cc_run_free(cc_run *r);
/* Adds a file or a directory (walked recursively for .txt and .md; a
 * manifest.tsv inside is read). Problems go to r->diags. */
void cc_run_add(cc_run *r, const char *path);
/* Adds a document held in memory under name (copied). */
void cc_run_add_mem(cc_run *r, const char *name, const char *data, size_t len);
/* Loads, dates, scans and matches everything added: cc_run_scan, then cc_run_match. */
void cc_run_check(cc_run *r);
/* Loads, dates and scans everything added, in path order. */
void cc_run_scan(cc_run *r);
/* Finds the contradictions among the run's claims (and which a --new
 * article made). */
void cc_run_match(cc_run *r);
/* Dates d from what it says of itself, when nothing above it (--date, a
 * manifest) did: its front matter or a page's metadata, else its first
 * screen (docs/dates.md); sets date_source ("none" when nothing dates it).
 * this_year bounds the year a weekday may put a yearless date in. */
void cc_doc_date_own(const cc_lexicon *lx, cc_doc *d, int this_year, cc_diags *diags);
/* The sentence claim ci was read from (widened to take in the claim):
 * *text for *len bytes, starting at byte *at of its document. 0 when the
 * run holds no text for it. */
int cc_run_claim_sentence(const cc_run *r, size_t ci, const char **text, size_t *len, size_t *at);
/* The claims the run's documents made: its claims, or more when only some
 * subjects' were read back from a claims file (check --claims with an index). */
size_t cc_run_claims_total(const cc_run *r);
/* Today's year (UTC). */
int cc_this_year(void);
/* Marks the findings whose fingerprint is listed as baselined; returns how
 * many were. */
size_t cc_run_baseline(cc_run *r, const char *const *fingerprints, size_t n);

#endif

/* cc_store: claims files. `extract` writes, as JSON Lines, everything a
 * report of `check` needs — the documents (path, date and what dated it,
 * source), what could not be read or was skipped, every message, and each
 * claim with the sentence it was read from — so that `compare` (and `check
 * --claims`) report on stored claims exactly as `check` reports on the
 * articles. The format is in docs/scale.md.
 *
 * A store gathers the inputs of one or more claims files (and of a run's own
 * scan), each input under its path: an input given again replaces the one
 * before it (an edited article never agrees with its old self). Given back
 * to a run, the inputs stand in path order, as a run orders its own.
 *
 * Ownership: the store owns what it read until cc_store_give_run moves it
 * into a run; cc_store_free releases the rest. */
#ifndef CC_STORE_H
#define CC_STORE_H

#include "claimcheck.h"
#include "cc_report.h"
#include "cc_util.h"

#include <stdio.h>

typedef struct cc_store cc_store;

/* The extraction a claims file names: the claimcheck version, the rules'
 * digest and the per-document claim limit. */
uint64_t cc_store_extraction(const cc_ruleset *rs, size_t max_claims);

/* Writes run r (scanned, its documents' text kept) as a claims file; and,
 * when index is not NULL, its index there (in memory, or streaming into a
 * file opened for writing and reading back: its header is written last):
 * the documents, each subject's claims, the findings of the claims on their
 * own (docs/scale.md). -1 when the index's header could not be written. */
int cc_store_write_run(cc_buf *out, const cc_run *r, cc_buf *index);

/* keep_new 0: the articles read from claims files are old ones, whatever
 * their extract was told (check --claims: the articles it reads are new). */
cc_store *cc_store_new(const cc_ruleset *rs, size_t max_claims, int mixed_ok, int keep_new);
void cc_store_free(cc_store *st);
/* Reads a claims file from f, named name in messages. Returns 0, or -1 with
 * errors (name:line:column) in diags. */
int cc_store_read(cc_store *st, const char *name, FILE *f, cc_diags *diags);
/* Reads from claims file f, through its index idx, only the lines every
 * reader needs and the claims of the subjects listed (subjects NULL: every
 * claim). Returns 0; 1 when the index is not f's (read f whole instead); -1
 * with errors in diags. */
int cc_store_read_subjects(cc_store *st, const char *name, FILE *f, FILE *idx, const char *const *subjects, size_t ns,
                           cc_diags *diags);
/* Moves what run r scanned into the store, after what it holds (so an
 * article scanned now replaces its stored self). */
void cc_store_take_run(cc_store *st, cc_run *r);
/* Moves the store's inputs into run r (which holds none), in path order. */
void cc_store_give_run(cc_store *st, cc_run *r);

/* extract --by-subject, the map of a map/sort/reduce: one "KEY<TAB>record"
 * a line, the header and every document under the key "!", each claim
 * under its subject. */
void cc_store_write_keyed(cc_buf *out, const cc_run *r);
/* compare --by-subject, the reduce: reads those lines sorted by key (and so
 * grouped by subject; the documents first), holds one subject's claims at a
 * time, and writes the findings shown under o as "ORDER<TAB>finding" lines,
 * sorted: ORDER sorts bytewise as check orders its findings, the finding is
 * check's JSON Lines record. Returns 0, or -1 with errors in diags. */
int cc_store_reduce(const cc_ruleset *rs, const cc_run_opts *ro, const cc_report_opts *o, int mixed_ok, FILE *in,
                    const char *name, cc_buf *out, cc_diags *diags);
/* compare --merge: several reducers' outputs merged in order, the ORDER
 * keys dropped: check's JSON Lines report. */
int cc_store_merge(FILE *const *in, const char *const *names, size_t n, cc_buf *out, cc_diags *diags);

#endif

/* Inside the claims store: what store.c (claims files as JSON Lines) and
 * storeidx.c (their binary index) share. Not an interface of the library. */
#ifndef CC_STORE_INT_H
#define CC_STORE_INT_H

#include "cc_store.h"

#include <uthash.h>

/* One input: a document and its claims, or a path that could not be read;
 * its messages either way. */
typedef struct {
    char *path;
    int readable;
    cc_doc doc;
    size_t c0, c1;   /* its claims: st->claims.items[c0, c1) */
    cc_diags diags;
    size_t seq;      /* arrival: of two inputs with one path the later stands */
} unit;

typedef struct interned {
    char *s;
    UT_hash_handle hh;
} interned;

/* A finding's fingerprint as cc_finding holds it. */
typedef char store_id[28];

struct cc_store {
    const cc_ruleset *rs;
    uint64_t extraction;
    int mixed_ok;
    int keep_new;
    unit *u;
    size_t n, cap;
    cc_claims claims;   /* every unit's claims; doc is the unit's index */
    char **sent;        /* per claim, its sentence or NULL */
    size_t *sent_at;
    size_t sent_cap;
    cc_diags head, tail;
    cc_skip *skipped;
    size_t nskipped;
    size_t unreadable_head;
    interned *strs;     /* units' names ("day", "km2"): one copy each */
    size_t files;       /* claims files read */
    store_id *ids;      /* read through an index: the findings its claims make on their own */
    size_t nids;
    int ids_read;       /* ids holds a whole index's findings (none may be all of them) */
};

typedef struct {
    cc_store *st;
    const char *name;
    int line;
    cc_diags *diags;
    int bad;
    unit *cur;         /* the input the records since its own belong to */
} reader;

unit *store_new_unit(cc_store *st, const char *path);
/* Room for n claims in all (the claims and their sentences). */
void store_reserve(cc_store *st, size_t n);
cc_claim *store_new_claim(cc_store *st);
/* An error at the reader's line; fmt has one %s, for a (or ""). */
void store_fail(reader *rd, const char *fmt, const char *a);
/* One line of a claims file, parsed and taken into the store. */
void store_feed(reader *rd, const char *text, size_t n);
/* Whether a day number, or a quantity read back, is one the code can take
 * (a claims file or an index may come from anywhere). */
int store_day_ok(double d);
/* A claim's spans in order and its positions not negative. */
int store_span_ok(const cc_claim *c);
int store_qty_ok(const cc_qty *q);
int store_claim_dates_ok(const cc_claim *c);
/* The one-bit fields of a quantity and of a claim, packed as stored. */
unsigned store_qty_flags(const cc_qty *q);
void store_set_qty_flags(cc_qty *q, unsigned f);
unsigned store_claim_flags(const cc_claim *c);
void store_set_claim_flags(cc_claim *c, unsigned f);

/* The index extract writes beside a claims file (storeidx.c): fed, as
 * write_records writes the claims file, where the lines every reader parses
 * lie (offsets in the claims file) and each input with where its messages
 * lie; then written whole, with the run's claims by subject, into out (in
 * memory, or streaming into a file it can write its header back into:
 * finish returns -1 when it could not). */
typedef struct store_ixw store_ixw;
store_ixw *store_ixw_new(const cc_run *r);
void store_ixw_json(store_ixw *w, size_t off, size_t len);
void store_ixw_unit(store_ixw *w, long doc, const char *path, size_t diag_off, size_t diag_len);
int store_ixw_finish(store_ixw *w, cc_buf *out, uint64_t extraction, size_t file_size);

#endif

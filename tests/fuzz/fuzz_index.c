/* Fuzz target: a claims file's index (FILE.idx) spoiled. The index is
 * binary and read through a mapping, so a byte out of place must be caught
 * by its bounds, never followed. The target extracts a few articles of its
 * own (so the index stays valid whatever the rules are), then applies the
 * input to a copy of the index: its first two bytes say where to cut it,
 * each three after them flip one byte (a 16-bit offset, scaled to the
 * index, and a mask). The index is read back as check --claims reads it
 * (some subjects) and as compare does (every claim), matched and reported. */
#define _GNU_SOURCE
#include "cc_store.h"
#include "claimcheck.h"
#include "fuzz_common.h"

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static const char *const articles[][2] = {
    {"a.md", "---\ndate: 2025-06-01\n---\nKyiv's forces hold about 30% of the Donetsk region, analysts said. "
             "The war, now in its fourth year, goes on.\n"},
    {"b.md", "---\ndate: 2025-06-02\n---\nUkraine holds roughly 60% of Donetsk oblast. Russian losses have passed "
             "700,000 killed and wounded. On Friday, June 2, 2025, envoys met in Istanbul.\n"},
    {"c.md", "Three years into the war, talks resumed on Thursday.\n"},
};

static cc_buf claims, index_;
static int claims_fd = -1;

static void teardown(void)
{
    cc_buf_free(&claims);
    cc_buf_free(&index_);
    if (claims_fd >= 0) close(claims_fd);
}

/* The claims file (in a memory file, as check --claims opens it) and its index. */
static void extract_once(const cc_ruleset *rs)
{
    if (claims_fd >= 0) return;
    cc_run_opts o = {.jobs = 1, .max_claims = 1000, .keep_text = 1};
    cc_run *r = cc_run_new(rs, &o);
    for (size_t i = 0; i < sizeof articles / sizeof *articles; i++)
        cc_run_add_mem(r, articles[i][0], articles[i][1], strlen(articles[i][1]));
    cc_run_scan(r);
    cc_buf_init(&claims);
    cc_buf_init(&index_);
    cc_store_write_run(&claims, r, &index_);
    cc_run_free(r);
    claims_fd = memfd_create("fuzz.jsonl", 0);
    if (claims_fd < 0 || write(claims_fd, claims.s, claims.len) != (ssize_t)claims.len) abort();
    atexit(teardown);
}

static const char *const subjects[] = {"territory.donetsk.held_by.ukraine", "war.russia-ukraine.start",
                                       "casualties.russia.military.killed_wounded", "event.meeting.istanbul.date",
                                       "calendar.weekday"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const cc_ruleset *rs = fuzz_shipped_rules("fuzz_index");
    extract_once(rs);
    size_t len = index_.len;
    if (size >= 2) {
        unsigned cut = (unsigned)data[0] << 8 | data[1];
        if (cut < 0xffff) len = len * cut / 0xffff;
    }
    char *idx = cc_xmalloc(index_.len + 1);
    memcpy(idx, index_.s, index_.len);
    for (size_t i = 2; i + 3 <= size; i += 3) {
        size_t at = ((size_t)data[i] << 8 | data[i + 1]) * index_.len / 0x10000;
        idx[at] ^= (char)data[i + 2];
    }
    int ifd = memfd_create("fuzz.jsonl.idx", 0);
    FILE *f = fdopen(dup(claims_fd), "r"), *fi = ifd >= 0 ? fdopen(ifd, "r") : NULL;
    if (ifd >= 0 && write(ifd, idx, len) != (ssize_t)len) abort();
    free(idx);
    /* as check --claims reads it (some subjects) and as compare does (all) */
    for (int all = 0; f && fi && all < 2; all++) {
        cc_store *st = cc_store_new(rs, 1000, 0, all);
        cc_diags d;
        cc_diags_init(&d);
        int rc = cc_store_read_subjects(st, "fuzz.jsonl", f, fi, all ? NULL : subjects,
                                        all ? 0 : sizeof subjects / sizeof *subjects, &d);
        cc_diags_free(&d);
        if (rc != 0) cc_store_free(st);
        else fuzz_store_report(rs, st);
    }
    if (f) fclose(f);
    if (fi) fclose(fi);
    else if (ifd >= 0) close(ifd);
    return 0;
}

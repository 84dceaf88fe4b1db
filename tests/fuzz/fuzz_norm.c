/* Fuzz target: the normalizer on arbitrary strings. The first byte picks
 * the kind wanted and whether a publication date is known. */
#include "cc_date.h"
#include "cc_norm.h"
#include "cc_figure.h"
#include "cc_util.h"
#include "fuzz_common.h"

#include <stdio.h>
#include <string.h>

static cc_lexicon *lx;

static void teardown(void) { cc_lexicon_free(lx); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!lx) {
        char path[4096], err[512];
        snprintf(path, sizeof path, "%s/lexicon.yaml", fuzz_rules_dir());
        lx = cc_lexicon_load(path, err, sizeof err);
        if (!lx) { fprintf(stderr, "fuzz_norm: %s\n", err); abort(); }
        atexit(teardown);
    }
    if (size < 1) return 0;
    cc_kind k = (cc_kind)((data[0] & 0x7f) % (unsigned)CC_K__N); /* CC_K_ANY is 0 */
    cc_normopt o = {0};
    if (data[0] & 0x80) {
        o.has_ref = 1;
        cc_date_parse_iso("2026-01-23", &o.ref);
    }
    /* the normalizer reads NUL-terminated text, as documents are */
    char *s = cc_xmalloc(size);
    memcpy(s, data + 1, size - 1);
    s[size - 1] = 0;
    cc_qty q[16];
    size_t n = cc_norm_scan(lx, s, size - 1, k, &o, q, 16);
    cc_buf b;
    cc_buf_init(&b);
    for (size_t i = 0; i < n && i < 16; i++) {
        if (q[i].start > q[i].end || q[i].end > size - 1) abort(); /* spans stay inside the text */
        cc_norm_value_json(&b, &q[i]);
        cc_figure_range(&b, &q[i]);
    }
    cc_qty one;
    if (cc_norm_one(lx, s, size - 1, k, &o, &one) == 0) cc_norm_value_json(&b, &one);
    cc_buf_free(&b);
    free(s);
    return 0;
}

#include "cc_doc.h"
#include "cc_page.h"
#include "cc_date.h"
#include "cc_util.h"
#include "cc_yaml.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <string.h>

void cc_doc_free(cc_doc *d)
{
    free(d->path);
    free(d->text);
    free(d->lines);
    free(d->source);
    free(d->fm_date);
    free(d->fm_source);
    for (size_t i = 0; i < d->nsupp; i++) free(d->supp[i].rules);
    free(d->supp);
    free(d->map_off);
    free(d->map_line);
    free(d->map_col);
    memset(d, 0, sizeof *d);
}

static void suppressions(cc_doc *d, cc_diags *diags);

static void build_lines(cc_doc *d)
{
    size_t cap = 64;
    d->lines = cc_xmalloc(cap * sizeof *d->lines);
    d->nlines = 0;
    d->lines[d->nlines++] = 0;
    const char *t = d->text;
    int cr = memchr(t, '\r', d->len) != NULL;
    for (size_t i = 0; i < d->len; i++) {
        if (!cr) { /* LF only: jump from line feed to line feed */
            const char *nl = memchr(t + i, '\n', d->len - i);
            if (!nl) break;
            i = (size_t)(nl - t);
        }
        char c = t[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= d->len || t[i + 1] != '\n'))) {
            if (d->nlines == cap) { cap *= 2; d->lines = cc_xrealloc(d->lines, cap * sizeof *d->lines); }
            d->lines[d->nlines++] = i + 1;
        }
    }
}

static void front_matter(cc_doc *d, cc_diags *diags)
{
    const char *t = d->text;
    if (!(d->len >= 4 && strncmp(t, "---", 3) == 0 && (t[3] == '\n' || t[3] == '\r'))) return;
    /* the closing --- on a line of its own */
    size_t i = 3;
    while (i < d->len) {
        size_t ls = i + (t[i] == '\r' && i + 1 < d->len && t[i + 1] == '\n' ? 2 : 1);
        if (ls + 3 <= d->len && strncmp(t + ls, "---", 3) == 0 &&
            (ls + 3 == d->len || t[ls + 3] == '\n' || t[ls + 3] == '\r')) {
            size_t yb = 4, ye = ls;
            char err[512];
            cc_ynode *y = cc_yaml_load_mem(t + yb, ye - yb, err, sizeof err);
            d->body = ls + 3;
            if (!y || y->kind != CC_Y_MAP) {
                int line = 0, col = 0;
                if (y == NULL) sscanf(err, "%d:%d", &line, &col);
                cc_diag_add(diags, CC_D_WARNING, d->path, line + 1, col, NULL,
                            "front matter is not a YAML mapping (%s); its date and source are ignored",
                            y ? "not a mapping" : err);
                d->fm_error = 1;
                cc_yaml_free(y);
                return;
            }
            const cc_ynode *dn = cc_yaml_get(y, "date");
            if (dn && dn->kind == CC_Y_SCALAR) {
                d->fm_date = cc_xstrdup(dn->str);
                d->fm_date_line = dn->line + 1;
            }
            const char *s = cc_yaml_str(y, "source");
            if (s) d->fm_source = cc_xstrdup(s);
            cc_yaml_free(y);
            return;
        }
        const char *nl = memchr(t + i + 1, '\n', d->len - i - 1);
        if (!nl) break;
        i = (size_t)(nl - t);
    }
}

/* Takes buf (len bytes followed by at least CC_READ_SLACK zero bytes): the
 * document owns it from here, whatever the outcome. */
static int doc_adopt(cc_doc *d, const char *path, char *buf, size_t len, cc_diags *diags)
{
    memset(d, 0, sizeof *d);
    d->path = cc_xstrdup(path);
    strcpy(d->date_source, "none");
    if (len >= 3 && (unsigned char)buf[0] == 0xEF && (unsigned char)buf[1] == 0xBB && (unsigned char)buf[2] == 0xBF) {
        memmove(buf, buf + 3, len - 3);
        memset(buf + len - 3, 0, 3);
        len -= 3;
    }
    const char *nul = memchr(buf, 0, len);
    if (nul) {
        cc_diag_add(diags, CC_D_ERROR, path, 0, 0, NULL, "binary file: NUL byte at byte offset %zu; not checked",
                    (size_t)(nul - buf));
        free(buf);
        return -1;
    }
    size_t bad = cc_utf8_check(buf, len);
    if (bad < len) {
        /* name the line and column too, counted over the valid prefix */
        size_t line = 1, ls = 0;
        for (size_t i = 0; i < bad; i++)
            if (buf[i] == '\n') { line++; ls = i + 1; }
        cc_diag_add(diags, CC_D_ERROR, path, (int)line, (int)cc_utf8_count(buf + ls, bad - ls) + 1, NULL,
                    "invalid UTF-8 at byte offset %zu (byte 0x%02X); not checked", bad, (unsigned char)buf[bad]);
        free(buf);
        return -1;
    }
    /* the zeroed slack after the text: PCRE2's JIT reads the subject in
     * 16-byte SIMD loads that may run past its end (harmless on real pages,
     * but reads of memory outside the allocation all the same) */
    d->text = buf;
    d->len = len;
    static uint64_t serials;
    d->serial = __atomic_add_fetch(&serials, 1, __ATOMIC_RELAXED);
    build_lines(d);
    return 0;
}

/* An article as written: its front matter and its inline directives too. */
static int text_adopt(cc_doc *d, const char *path, char *buf, size_t len, cc_diags *diags)
{
    if (doc_adopt(d, path, buf, len, diags) != 0) return -1;
    front_matter(d, diags);
    suppressions(d, diags);
    return 0;
}

static int page_adopt(cc_doc *d, const char *path, char *data, size_t len, cc_diags *diags);

int cc_doc_from_mem(cc_doc *d, const char *path, const char *data, size_t len, cc_diags *diags)
{
    char *buf = cc_xmalloc(len + CC_READ_SLACK + 1);
    memcpy(buf, data, len);
    memset(buf + len, 0, CC_READ_SLACK + 1);
    if (cc_page_path(path)) return page_adopt(d, path, buf, len, diags);
    return text_adopt(d, path, buf, len, diags);
}

/* Inline directives of a page: in its HTML comments, at the file's own lines. */
static void page_suppressions(cc_doc *d, const char *raw, size_t len, cc_diags *diags)
{
    cc_doc f = {0};
    f.path = d->path;
    f.text = (char *)raw;
    f.len = len;
    build_lines(&f);
    suppressions(&f, diags);
    d->supp = f.supp;
    d->nsupp = f.nsupp;
    free(f.lines);
}

/* A page: its article's text, with where each piece stands in the file, and
 * the date and outlet of its metadata. Takes data (len bytes + slack). */
static int page_adopt(cc_doc *d, const char *path, char *data, size_t len, cc_diags *diags)
{
    cc_page pg;
    char err[256];
    if (cc_page_read(data, len, path, &pg, err, sizeof err) != 0) {
        memset(d, 0, sizeof *d);
        d->path = cc_xstrdup(path);
        strcpy(d->date_source, "none");
        cc_diag_add(diags, CC_D_ERROR, path, 0, 0, NULL, "cannot read the page: %s; not checked", err);
        free(data);
        return -1;
    }
    /* the text, with the zeroed slack every document's text has, is the document's from here */
    char *buf = cc_xrealloc(pg.text, pg.len + CC_READ_SLACK + 1);
    memset(buf + pg.len, 0, CC_READ_SLACK + 1);
    pg.text = NULL;
    int rc = doc_adopt(d, path, buf, pg.len, diags);
    if (rc == 0) {
        page_suppressions(d, data, len, diags); /* the directives are the HTML's, at its lines */
        d->map_off = pg.off;
        d->map_line = pg.line;
        d->map_col = pg.col;
        d->nmap = pg.n;
        pg.off = NULL;
        pg.line = pg.col = NULL;
        if (pg.date[0]) {
            d->fm_date = cc_xstrdup(pg.date);
            d->fm_date_line = pg.date_line;
            d->fm_date_from = pg.date_from;
        }
        if (pg.source) { d->fm_source = pg.source; pg.source = NULL; }
    }
    cc_page_free(&pg);
    free(data);
    return rc;
}

int cc_doc_load(cc_doc *d, const char *path, size_t max_size, int dirfd, cc_diags *diags)
{
    char *data;
    size_t len;
    char err[512];
    const char *base = strrchr(path, '/');
    base = dirfd == AT_FDCWD || !base ? path : base + 1;
    if ((dirfd == -1 ? cc_read_file(path, max_size, &data, &len, err, sizeof err)
                     : cc_read_regular(dirfd, base, max_size, &data, &len, err, sizeof err)) != 0) {
        memset(d, 0, sizeof *d);
        d->path = cc_xstrdup(path);
        strcpy(d->date_source, "none");
        cc_diag_add(diags, CC_D_ERROR, path, 0, 0, NULL, "%s; not checked", err);
        return -1;
    }
    if (cc_page_path(path)) return page_adopt(d, path, data, len, diags);
    return text_adopt(d, path, data, len, diags);
}

/* The page map's piece holding off. */
static size_t map_piece(const cc_doc *d, size_t off)
{
    size_t lo = 0, hi = d->nmap;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (d->map_off[mid] <= off) lo = mid;
        else hi = mid;
    }
    return lo;
}

/* The index in d->lines of the text's line holding off. */
static size_t text_line(const cc_doc *d, size_t off)
{
    size_t lo = 0, hi = d->nlines;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (d->lines[mid] <= off) lo = mid;
        else hi = mid;
    }
    return lo;
}

int cc_doc_line(const cc_doc *d, size_t off)
{
    if (d->nmap) return d->map_line[map_piece(d, off)];
    return (int)text_line(d, off) + 1;
}

size_t cc_doc_line_start(const cc_doc *d, size_t off)
{
    return d->nlines ? d->lines[text_line(d, off)] : 0;
}

void cc_doc_pos(const cc_doc *d, size_t off, int *line, int *col)
{
    if (d->nmap) {
        size_t k = map_piece(d, off), a = d->map_off[k] < off ? d->map_off[k] : off;
        *line = d->map_line[k];
        *col = d->map_col[k] + (int)cc_utf8_count_valid(d->text + a, off - a);
        return;
    }
    *line = cc_doc_line(d, off);
    size_t ls = d->lines[*line - 1];
    *col = (int)cc_utf8_count_valid(d->text + ls, off - ls) + 1;
}

/* ---- inline suppressions: HTML comments in Markdown and HTML articles ---- */

static void add_supp(cc_doc *d, const char *rules, size_t rlen, int from, int to, int line, int col)
{
    d->supp = cc_xrealloc(d->supp, (d->nsupp + 1) * sizeof *d->supp);
    cc_suppress *x = &d->supp[d->nsupp++];
    x->rules = rlen ? cc_xstrndup(rules, rlen) : NULL;
    x->from = from;
    x->to = to;
    x->line = line;
    x->col = col;
}

static int line_blank(const cc_doc *d, int line)
{
    size_t a = d->lines[line - 1], b = (size_t)line < d->nlines ? d->lines[line] : d->len;
    for (size_t i = a; i < b; i++)
        if (d->text[i] != ' ' && d->text[i] != '\t' && d->text[i] != '\n' && d->text[i] != '\r') return 0;
    return 1;
}

static void suppressions(cc_doc *d, cc_diags *diags)
{
    const char *t = d->text;
    size_t pos = 0;
    int open_from = 0, open_col = 0; /* an open claimcheck-disable block: its line and column */
    size_t open_rule = 0, open_rlen = 0;
    while (pos < d->len) {
        const char *c = strstr(t + pos, "<!--");
        if (!c) break;
        size_t at = (size_t)(c - t);
        const char *e = strstr(c + 4, "-->");
        if (!e) break;
        pos = (size_t)(e - t) + 3;
        const char *q = c + 4;
        while (q < e && (*q == ' ' || *q == '\t')) q++;
        static const char kw[] = "claimcheck-";
        if ((size_t)(e - q) < sizeof kw - 1 || memcmp(q, kw, sizeof kw - 1) != 0) continue;
        q += sizeof kw - 1;
        const char *w = q;
        while (q < e && *q != ' ' && *q != '\t' && *q != '\n') q++;
        size_t wl = (size_t)(q - w);
        while (q < e && (*q == ' ' || *q == '\t')) q++;
        const char *re = e;
        while (re > q && (re[-1] == ' ' || re[-1] == '\t' || re[-1] == '\n' || re[-1] == '\r')) re--;
        int line, col, eline, ecol;
        cc_doc_pos(d, at, &line, &col);
        cc_doc_pos(d, pos - 1, &eline, &ecol);
        if (wl == 17 && memcmp(w, "disable-next-line", 17) == 0) {
            int next = eline + 1;
            while ((size_t)next <= d->nlines && line_blank(d, next)) next++;
            add_supp(d, q, (size_t)(re - q), next, next, line, col);
        } else if (wl == 7 && memcmp(w, "disable", 7) == 0) {
            if (open_from) add_supp(d, t + open_rule, open_rlen, open_from, line, open_from, open_col);
            open_from = line;
            open_col = col;
            open_rule = (size_t)(q - t);
            open_rlen = (size_t)(re - q);
        } else if (wl == 6 && memcmp(w, "enable", 6) == 0) {
            if (open_from) add_supp(d, t + open_rule, open_rlen, open_from, eline, open_from, open_col);
            else cc_diag_add(diags, CC_D_WARNING, d->path, line, col, NULL, "claimcheck-enable without a claimcheck-disable before it");
            open_from = 0;
        } else {
            cc_diag_add(diags, CC_D_WARNING, d->path, line, col, NULL,
                        "unknown directive 'claimcheck-%.*s' (expected claimcheck-disable-next-line, claimcheck-disable, claimcheck-enable)",
                        (int)wl, w);
        }
    }
    if (open_from) add_supp(d, t + open_rule, open_rlen, open_from, INT_MAX, open_from, open_col);
}

int cc_doc_suppressed(const cc_doc *d, int line, const char *rule)
{
    size_t rl = strlen(rule);
    for (size_t i = 0; i < d->nsupp; i++) {
        const cc_suppress *x = &d->supp[i];
        if (line < x->from || line > x->to) continue;
        if (!x->rules) return 1;
        const char *p = x->rules, *id;
        size_t n;
        while ((id = cc_suppress_next_id(&p, &n)))
            if ((n == rl && memcmp(id, rule, rl) == 0) || (n == 3 && memcmp(id, "all", 3) == 0)) return 1;
    }
    return 0;
}

const char *cc_suppress_next_id(const char **p, size_t *n)
{
    const char *s = *p;
    while (*s == ' ' || *s == ',' || *s == '\t') s++;
    const char *st = s;
    while (*s && *s != ' ' && *s != ',' && *s != '\t') s++;
    *p = s;
    *n = (size_t)(s - st);
    return *n ? st : NULL;
}

/* Abbreviations whose period does not end a sentence ("Gen.", "approx.",
 * "U.S."), by length, each zero-padded to eight bytes so a word is compared
 * as one 64-bit number. */
static const char ab2[][8] = {"mr", "ms", "dr", "lt", "st", "no", "vs", "co", "jr", "sr"};
static const char ab3[][8] = {"mrs", "gen", "sen", "rep", "gov", "col", "jan", "feb", "mar", "apr", "jun",
                              "jul", "aug", "sep", "oct", "nov", "dec", "etc", "est", "inc", "sgt", "maj",
                              "adm", "u.s", "u.k", "u.n", "e.g", "i.e", "fig"};
static const char ab4[][8] = {"sept", "corp", "prof", "capt"};
static const char ab6[][8] = {"approx"};

static int is_abbrev(const char *t, size_t dot)
{
    size_t b = dot;
    while (b > 0 && dot - b <= 6 && (((t[b - 1] | 32) >= 'a' && (t[b - 1] | 32) <= 'z') || t[b - 1] == '.')) b--;
    size_t l = dot - b;
    if (l == 1) return 1; /* an initial: "J. Smith", "U.S." */
    const char(*tab)[8];
    size_t n;
    switch (l) {
    case 2: tab = ab2; n = sizeof ab2 / 8; break;
    case 3: tab = ab3; n = sizeof ab3 / 8; break;
    case 4: tab = ab4; n = sizeof ab4 / 8; break;
    case 6: tab = ab6; n = sizeof ab6 / 8; break;
    default: return 0;
    }
    char w[8] = {0};
    for (size_t i = 0; i < l; i++) w[i] = (char)(t[b + i] | 32);
    uint64_t x;
    memcpy(&x, w, 8);
    for (size_t i = 0; i < n; i++) {
        uint64_t y;
        memcpy(&y, tab[i], 8);
        if (x == y) return 1;
    }
    return 0;
}

/* Sentences end at . ! ? (with closing quotes or brackets) followed by white
 * space, or at a line break that ends a paragraph or a heading line. A
 * period after an abbreviation ends none. */
int cc_doc_boundary_after(const cc_doc *d, size_t i)
{
    const char *t = d->text;
    char c = t[i];
    if (c == '\n' || c == '\r') return 1;
    if (c != '.' && c != '!' && c != '?') return 0;
    size_t j = i + 1;
    while (j < d->len && (t[j] == '"' || t[j] == '\'' || t[j] == ')' ||
                          ((unsigned char)t[j] == 0xE2 && j + 2 < d->len && (unsigned char)t[j + 1] == 0x80 &&
                           ((unsigned char)t[j + 2] == 0x9D || (unsigned char)t[j + 2] == 0x99))))
        j += (unsigned char)t[j] == 0xE2 ? 3 : 1;
    if (!(j >= d->len || t[j] == ' ' || t[j] == '\n' || t[j] == '\r' || t[j] == '\t')) return 0;
    return c != '.' || !is_abbrev(t, i);
}

void cc_doc_sentence_within(const cc_doc *d, size_t a, size_t b, size_t off, size_t *s, size_t *e)
{
    while (a < off && (d->text[a] == ' ' || d->text[a] == '\t' || d->text[a] == '\n' || d->text[a] == '\r')) a++;
    if (b < d->len && d->text[b] != '\n' && d->text[b] != '\r') b++;
    *s = a;
    *e = b;
}

void cc_doc_sentence(const cc_doc *d, size_t off, size_t *s, size_t *e)
{
    size_t a = off > d->len ? d->len : off;
    while (a > d->body && !cc_doc_boundary_after(d, a - 1)) a--;
    size_t b = off;
    while (b < d->len && !cc_doc_boundary_after(d, b)) b++;
    cc_doc_sentence_within(d, a, b, off, s, e);
}

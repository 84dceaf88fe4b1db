#include "cc_page.h"
#include "cc_util.h"

#include <ctype.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cc_page_init(void) { xmlInitParser(); }

int cc_page_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot && (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0);
}

void cc_page_free(cc_page *p)
{
    free(p->text);
    free(p->off);
    free(p->line);
    free(p->col);
    free(p->source);
    memset(p, 0, sizeof *p);
}

static int is_el(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, name) == 0;
}

static int el_in(const xmlNode *n, const char *const *names)
{
    for (size_t i = 0; n->type == XML_ELEMENT_NODE && names[i]; i++)
        if (strcasecmp((const char *)n->name, names[i]) == 0) return 1;
    return 0;
}

/* Page furniture, never the article's text. */
static const char *const skipped[] = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside",
                                      "form", "button", "select", "svg", "iframe", "figcaption", "head", NULL};
/* Elements that end a sentence: a block of its own. */
static const char *const blocks[] = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
                                     "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td",
                                     "th", "br", "hr", "figure", "address", "body", NULL};

/* ---- where text stands in the file ---- */

typedef struct {
    const char *raw;    /* the file's bytes */
    size_t len;
    size_t *lines;      /* start of each line */
    size_t nlines;
    size_t cursor;      /* text is searched for from here on: it comes in the file's order */
    int bytewise;       /* a charset of one byte a character (windows-1251, KOI8-R …): columns count bytes */
} source;

static void source_lines(source *s)
{
    size_t cap = 64;
    s->lines = cc_xmalloc(cap * sizeof *s->lines);
    s->nlines = 0;
    s->lines[s->nlines++] = 0;
    for (size_t i = 0; i < s->len; i++)
        if (s->raw[i] == '\n') {
            if (s->nlines == cap) s->lines = cc_xrealloc(s->lines, (cap *= 2) * sizeof *s->lines);
            s->lines[s->nlines++] = i + 1;
        }
}

/* Line and column (code points, 1-based) of byte offset off of the file. */
static void source_pos(const source *s, size_t off, int *line, int *col)
{
    size_t lo = 0, hi = s->nlines;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (s->lines[mid] <= off) lo = mid;
        else hi = mid;
    }
    *line = (int)lo + 1;
    int c = 1;
    for (size_t i = s->lines[lo]; i < off; i++)
        if (s->bytewise || ((unsigned char)s->raw[i] & 0xC0) != 0x80) c++;
    *col = c;
}

/* Where text t (decoded) starts in the file, at or after the cursor and the
 * start of line `from` (its element's line): its first run of plain letters
 * and digits, which entities and charsets leave as written. SIZE_MAX when
 * not found. */
static size_t find_text(source *s, const char *t, size_t n, long from)
{
    size_t a = 0;
    while (a < n && !isalnum((unsigned char)t[a])) a++;
    size_t b = a;
    while (b < n && b - a < 24 && (isalnum((unsigned char)t[b]) || t[b] == ' ')) b++;
    while (b > a && t[b - 1] == ' ') b--;
    if (b == a) return SIZE_MAX;
    size_t start = s->cursor;
    if (from > 0 && (size_t)from <= s->nlines && s->lines[from - 1] > start) start = s->lines[from - 1];
    for (size_t i = start; i + (b - a) <= s->len; i++)
        if (s->raw[i] == t[a] && memcmp(s->raw + i, t + a, b - a) == 0) {
            s->cursor = i + (b - a);
            return i;
        }
    return SIZE_MAX;
}

/* ---- the text and its map ---- */

typedef struct {
    cc_page *p;
    cc_buf out;
    source src;
    int pending_break; /* a block ended: a blank line before the next text */
    int space;         /* white space seen since the last character written */
} walker;

static void map_here(walker *w, int line, int col)
{
    cc_page *p = w->p;
    if (p->n && p->off[p->n - 1] == w->out.len) p->n--; /* nothing written since the last entry */
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 64;
        p->off = cc_xrealloc(p->off, p->cap * sizeof *p->off);
        p->line = cc_xrealloc(p->line, p->cap * sizeof *p->line);
        p->col = cc_xrealloc(p->col, p->cap * sizeof *p->col);
    }
    p->off[p->n] = w->out.len;
    p->line[p->n] = line;
    p->col[p->n] = col;
    p->n++;
}

/* The text written next stands at byte r of the file. */
static void map_at(walker *w, size_t r)
{
    int line, col;
    source_pos(&w->src, r, &line, &col);
    map_here(w, line, col);
}

/* Steps the file's offset r past the character c (k bytes) of the text just
 * written, and past the white space after it; where the file wrote it as an
 * entity or in another charset, a map entry puts the next text at the
 * file's own column. SIZE_MAX when the two part ways. */
static size_t follow(walker *w, size_t r, const char *c, size_t k)
{
    const source *s = &w->src;
    if (r + k <= s->len && memcmp(s->raw + r, c, k) == 0) {
        r += k;
    } else if (r < s->len && s->raw[r] == '&') { /* &amp; &#8217; &nbsp; */
        const char *semi = memchr(s->raw + r, ';', s->len - r < 12 ? s->len - r : 12);
        if (!semi) return SIZE_MAX;
        r = (size_t)(semi - s->raw) + 1;
        map_at(w, r);
    } else if (r < s->len && ((unsigned char)c[0] & 0x80) && ((unsigned char)s->raw[r] & 0x80)) {
        map_at(w, ++r); /* one byte of windows-1251, KOI8-R … for one character */
    } else {
        return SIZE_MAX;
    }
    while (r < s->len && (s->raw[r] == ' ' || s->raw[r] == '\t')) r++;
    return r;
}

/* One line's piece of a text node: white space folded, mapped to where it
 * stands in the file. */
static void emit_piece(walker *w, const char *t, size_t n, long el_line)
{
    size_t a = 0;
    while (a < n && isspace((unsigned char)t[a])) a++;
    if (a == n) { w->space = 1; return; }
    if (a > 0) w->space = 1;
    if (w->pending_break && w->out.len) cc_buf_puts(&w->out, "\n\n");
    else if (w->space && w->out.len) cc_buf_putc(&w->out, ' ');
    w->pending_break = w->space = 0;
    size_t at = find_text(&w->src, t + a, n - a, el_line);
    int line = (int)(el_line > 0 ? el_line : 1), col = 1;
    if (at != SIZE_MAX) source_pos(&w->src, at, &line, &col);
    /* the piece is found by its first letter or digit (lead); what comes
     * before it is placed just before that */
    size_t r = at, lead = a;
    while (lead < n && !isalnum((unsigned char)t[lead])) lead++;
    int before = (int)cc_utf8_count_valid(t + a, lead - a);
    map_here(w, line, col > before ? col - before : 1);
    /* the file's bytes walked beside the text: an entity or a byte of
     * another charset writes one character for several bytes, and a map
     * entry after it keeps the columns that follow exact */
    for (size_t i = a; i < n; i++) {
        if (isspace((unsigned char)t[i])) { w->space = 1; continue; }
        if (w->space) cc_buf_putc(&w->out, ' ');
        w->space = 0;
        if (i == lead && at != SIZE_MAX) map_here(w, line, col);
        size_t k = 1; /* the character's bytes in the text */
        while (i + k < n && ((unsigned char)t[i + k] & 0xC0) == 0x80) k++;
        cc_buf_put(&w->out, t + i, k);
        if (r != SIZE_MAX && i >= lead) r = follow(w, r, t + i, k);
        i += k - 1;
    }
}

/* A text node: each of its lines is a piece of its own in the map. */
static void emit_text(walker *w, const xmlNode *n)
{
    const char *t = (const char *)n->content;
    if (!t) return;
    long el_line = n->parent ? xmlGetLineNo(n->parent) : -1;
    while (*t) {
        size_t k = strcspn(t, "\n");
        emit_piece(w, t, k, el_line);
        if (!t[k]) break;
        w->space = 1;
        t += k + 1;
        el_line = -1; /* the next line: found by the search alone */
    }
}

static void walk(walker *w, const xmlNode *n)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) { emit_text(w, n); continue; }
        if (n->type != XML_ELEMENT_NODE || el_in(n, skipped)) continue;
        int block = el_in(n, blocks);
        if (block) w->pending_break = 1;
        walk(w, n->children);
        if (block) w->pending_break = 1;
    }
}

/* ---- which element holds the article ---- */

static size_t text_size(const xmlNode *n)
{
    size_t k = 0;
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE && n->content) k += strlen((const char *)n->content);
        else if (n->type == XML_ELEMENT_NODE && !el_in(n, skipped)) k += text_size(n->children);
    }
    return k;
}

/* The <article> (outside page furniture) with the most text, else <main>, else <body>. */
static void find_root(const xmlNode *n, const xmlNode **article, size_t *best, const xmlNode **main_el,
                      const xmlNode **body)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (el_in(n, skipped)) continue;
        if (is_el(n, "article")) {
            size_t k = text_size(n->children);
            if (k > *best) { *best = k; *article = n; }
        }
        if (is_el(n, "main") && !*main_el) *main_el = n;
        if (is_el(n, "body") && !*body) *body = n;
        find_root(n->children, article, best, main_el, body);
    }
}

/* ---- metadata: the date and the outlet ---- */

static char *attr(const xmlNode *n, const char *name)
{
    return (char *)xmlGetProp((xmlNodePtr)n, (const xmlChar *)name);
}

/* The YYYY-MM-DD a metadata value starts with ("2025-06-01T09:12:00Z"). */
static int iso_day(const char *v, char out[11])
{
    if (!v) return 0;
    while (isspace((unsigned char)*v)) v++;
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? v[i] != '-' : !isdigit((unsigned char)v[i])) return 0;
    memcpy(out, v, 10);
    out[10] = 0;
    return 1;
}

static void take_date(cc_page *p, const char *v, const char *from, int rank, int *have, long line)
{
    char d[11];
    if (rank >= *have || !iso_day(v, d)) return;
    memcpy(p->date, d, sizeof d);
    p->date_from = from;
    p->date_line = (int)line;
    *have = rank;
}

/* JSON-LD: datePublished and publisher.name of the object, of its @graph, of an array of them. */
static void json_ld(cc_page *p, json_t *j, int *have, long line)
{
    if (json_is_array(j)) {
        size_t i;
        json_t *x;
        json_array_foreach(j, i, x) json_ld(p, x, have, line);
        return;
    }
    if (!json_is_object(j)) return;
    take_date(p, json_string_value(json_object_get(j, "datePublished")), "JSON-LD datePublished", 1, have, line);
    json_t *pub = json_object_get(j, "publisher");
    const char *name = json_string_value(json_object_get(pub, "name"));
    if (name && !p->source) p->source = cc_xstrdup(name);
    json_ld(p, json_object_get(j, "@graph"), have, line);
}

/* <meta> names that carry the publication time, as sites write them. */
static const char *const meta_dates[] = {"article:published_time", "og:article:published_time", "datepublished",
                                         "pubdate", "publishdate", "publish-date", "dc.date.issued", "dc.date",
                                         "dcterms.created", "sailthru.date", "parsely-pub-date", "date", NULL};

static void meta(cc_page *p, const xmlNode *n, int *have)
{
    char *content = attr(n, "content");
    const char *keys[] = {"property", "name", "itemprop"};
    for (int k = 0; k < 3 && content; k++) {
        char *v = attr(n, keys[k]);
        for (size_t i = 0; v && meta_dates[i]; i++)
            if (strcasecmp(v, meta_dates[i]) == 0) take_date(p, content, "meta published time", 2, have, xmlGetLineNo(n));
        if (v && strcasecmp(v, "og:site_name") == 0) {
            free(p->source); /* the site's own name beats a publisher found in JSON-LD */
            p->source = cc_xstrdup(content);
        }
        xmlFree(v);
    }
    xmlFree(content);
}

static void metadata(cc_page *p, const xmlNode *n, int *have)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (is_el(n, "meta")) meta(p, n, have);
        if (is_el(n, "script")) {
            char *type = attr(n, "type");
            if (type && strcasecmp(type, "application/ld+json") == 0) {
                xmlChar *c = xmlNodeGetContent(n);
                json_t *j = c ? json_loads((const char *)c, JSON_DECODE_ANY, NULL) : NULL;
                if (j) json_ld(p, j, have, xmlGetLineNo(n));
                json_decref(j);
                xmlFree(c);
            }
            xmlFree(type);
            continue;
        }
        metadata(p, n->children, have);
    }
}

/* The first <time datetime> of the article. */
static void time_element(cc_page *p, const xmlNode *n, int *have)
{
    for (; n && *have > 3; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (is_el(n, "time")) {
            char *v = attr(n, "datetime");
            take_date(p, v, "time element", 3, have, xmlGetLineNo(n));
            xmlFree(v);
        }
        time_element(p, n->children, have);
    }
}

int cc_page_read(const char *data, size_t len, const char *path, cc_page *p, char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    if (len > INT_MAX) { snprintf(err, errlen, "page too large for the HTML parser"); return -1; }
    htmlDocPtr doc = htmlReadMemory(data, (int)len, path, NULL,
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    xmlResetLastError(); /* markup errors are recovered from: the copy libxml2 keeps of the last is not needed */
    const xmlNode *top = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!top) {
        xmlFreeDoc(doc);
        snprintf(err, errlen, "no HTML element in it");
        return -1;
    }
    const xmlNode *article = NULL, *main_el = NULL, *body = NULL;
    size_t best = 0;
    find_root(top, &article, &best, &main_el, &body);
    const xmlNode *root = article ? article : main_el ? main_el : body ? body : top;
    const char *enc = doc->encoding ? (const char *)doc->encoding : "UTF-8";
    walker w = {p, {0}, {data, len, NULL, 0, 0, strcasecmp(enc, "UTF-8") != 0 && strcasecmp(enc, "UTF8") != 0}, 0, 0};
    cc_buf_init(&w.out);
    source_lines(&w.src);
    long rl = xmlGetLineNo(root);
    if (rl > 0 && (size_t)rl <= w.src.nlines) w.src.cursor = w.src.lines[rl - 1];
    walk(&w, root->children);
    cc_buf_putc(&w.out, '\n');
    p->len = w.out.len;
    p->text = cc_buf_take(&w.out);
    int have = 99;
    metadata(p, top, &have);
    time_element(p, root, &have);
    free(w.src.lines);
    xmlFreeDoc(doc);
    return 0;
}

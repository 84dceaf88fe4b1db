/* cc_page: reads a saved web page (.html, .htm) into the text of its
 * article, with libxml2's HTML parser (docs/architecture.md says why that
 * one). The text is taken from <article>, else <main>, else <body>, without
 * scripts, styles, navigation, headers, footers, asides, forms and figure
 * captions; paragraphs, headings, list items and table cells end their
 * sentences (a blank line between blocks). Entities are decoded; the page's
 * declared charset (windows-1251, KOI8-R …) is decoded to UTF-8. Every piece
 * of text keeps where it stands in the file (line and column), so that
 * claims point into the page the user gave. The page's metadata gives the
 * publication date (JSON-LD datePublished, then <meta> published-time
 * names, then a <time datetime> in the article) and the outlet
 * (og:site_name, then JSON-LD publisher).
 *
 * Ownership: cc_page_free releases everything. */
#ifndef CC_PAGE_H
#define CC_PAGE_H

#include <stddef.h>

typedef struct {
    char *text;           /* the article's text, UTF-8 */
    size_t len;
    /* where the text stands in the file: text from off[i] (up to off[i + 1])
     * starts at line[i], col[i] (1-based; columns in code points of the
     * line as written) */
    size_t *off;
    int *line, *col;
    size_t n, cap;
    char date[11];        /* YYYY-MM-DD from the metadata, or "" */
    const char *date_from; /* where it came from ("JSON-LD datePublished"), or NULL */
    int date_line;        /* the line of the file it stands on */
    char *source;         /* the outlet's name, or NULL */
} cc_page;

/* Reads len bytes of HTML. Returns 0, or -1 with err set when the bytes are
 * no page at all (libxml2 recovers from any markup, so this is rare). */
int cc_page_read(const char *data, size_t len, const char *path, cc_page *p, char *err, size_t errlen);
void cc_page_free(cc_page *p);
/* Readies the HTML parser; called once on the main thread before pages are
 * read on others (libxml2 keeps the first thread's state statically and
 * gives every other thread its own, freed when that thread ends). */
void cc_page_init(void);
/* 1 when path names a page by its extension (.html, .htm). */
int cc_page_path(const char *path);

#endif

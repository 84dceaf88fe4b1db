/* cc_doc: one article. Reads the bytes, checks they are UTF-8, drops a BOM,
 * keeps a line map (LF, CRLF and lone CR all end a line), reads YAML front
 * matter, and finds sentence bounds. Offsets are bytes into text; columns
 * are 1-based Unicode code points.
 *
 * Ownership: cc_doc_free releases everything the document holds. */
#ifndef CC_DOC_H
#define CC_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "cc_diag.h"

/* Lines from..to (inclusive) where findings on claims of the listed rules
 * (or all rules, when rules is NULL) are suppressed by an inline comment. */
typedef struct {
    char *rules; /* rule ids separated by spaces or commas, or NULL */
    int from, to;
    int line, col; /* where the directive stands */
} cc_suppress;

typedef struct {
    char *path;         /* as given on the command line or found under a directory */
    char *text;         /* NUL-terminated, BOM removed */
    size_t len;
    size_t *lines;      /* byte offset of each line start */
    size_t nlines;
    size_t body;        /* offset after front matter (0 when none) */
    int has_date;
    int64_t date;
    char date_source[96]; /* "--date", "manifest", "front matter", "dateline (rule)", "none" */
    char *source;       /* outlet name, or NULL */
    size_t nclaims;
    char *fm_date;      /* front matter date: as written (NULL when none) */
    int fm_date_line;
    char *fm_source;
    int fm_error;       /* front matter present but not valid YAML */
    int is_new;         /* named by --new */
    cc_suppress *supp;  /* <!-- claimcheck-disable... --> directives */
    size_t nsupp;
    uint64_t serial;    /* unique per document made in this process (0: never made by cc_doc_from_mem) */
    const char *fm_date_from; /* what gave fm_date when not front matter ("JSON-LD datePublished"), or NULL */
    /* a page read from HTML: text from map_off[i] on stands at map_line[i],
     * map_col[i] of the file (nmap 0: the text is the file) */
    size_t *map_off;
    int *map_line, *map_col;
    size_t nmap;
} cc_doc;

/* Reads path. Returns 0 when the text can be checked; -1 when it cannot be
 * read or decoded, with one error diagnostic naming the file (and the byte
 * offset of bad UTF-8 or a NUL byte). max_size 0 means no limit. Front
 * matter problems are warnings: the article is still checked. A page
 * (.html, .htm) is read as its article's text (cc_page.h): positions stay
 * those of the file, its metadata gives the date and source. dirfd -1: path
 * is opened and asked what it is; otherwise a folder listed it as a regular
 * file and it is read without asking (cc_read_regular), by its name in the
 * open folder dirfd, or by path when dirfd is AT_FDCWD. */
int cc_doc_load(cc_doc *d, const char *path, size_t max_size, int dirfd, cc_diags *diags);
/* Same, from memory (copied). */
int cc_doc_from_mem(cc_doc *d, const char *path, const char *data, size_t len, cc_diags *diags);
void cc_doc_free(cc_doc *d);
/* 1 when an inline directive suppresses findings of rule on line. */
int cc_doc_suppressed(const cc_doc *d, int line, const char *rule);
/* The next rule id of a directive's list at *p (ids separated by spaces or
 * commas; "all" is every rule): its start, its length in *n, and *p moved
 * past it; NULL when the list has no more. */
const char *cc_suppress_next_id(const char **p, size_t *n);

/* 1-based line and code-point column of byte offset off (in the file read:
 * for a page, where that text stands in the HTML). */
void cc_doc_pos(const cc_doc *d, size_t off, int *line, int *col);
/* The 1-based line alone (no column counting). */
int cc_doc_line(const cc_doc *d, size_t off);
/* Where the line of the text (not of the file read) holding off starts. */
size_t cc_doc_line_start(const cc_doc *d, size_t off);
/* 1 when a sentence ends at byte i (a line break, or . ! ? that is no
 * abbreviation and is followed, after closing quotes, by white space or
 * the end). */
int cc_doc_boundary_after(const cc_doc *d, size_t i);
/* The sentence around off: [*s, *e). */
void cc_doc_sentence(const cc_doc *d, size_t off, size_t *s, size_t *e);
/* The same when the bounds are known: a is just after the boundary before
 * off (or the body's start), b the boundary at or after off (or the end).
 * Leading white space is dropped; a closing . ! ? is kept. */
void cc_doc_sentence_within(const cc_doc *d, size_t a, size_t b, size_t off, size_t *s, size_t *e);

#endif

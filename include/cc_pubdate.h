/* cc_pubdate: the publication date a page shows on its first screen.
 *
 * Every date the normalizer reads in the page's first lines is a
 * candidate; where it stands decides its rank (docs/dates.md): a date in a
 * byline context ("Published", "By NAME", "min read", a wire dateline)
 * beats a date alone on a line, which beats one in a short line, an address
 * with a date in its path, and a date written with its weekday in the first
 * prose. Captions, site clocks ("Today:") and dates in running prose are
 * not publication dates; a bare date line standing above the headline (a
 * page header, a capture date) loses to one below it. A month and day
 * without a year are taken only when the page fixes the year (the latest
 * year it writes, or the one year a written weekday fits), and marked as
 * inferred. Nothing is invented: a page that shows no date gets none.
 *
 * Pure: reads the document and the lexicon, keeps no state. */
#ifndef CC_PUBDATE_H
#define CC_PUBDATE_H

#include <stdint.h>

#include "cc_doc.h"
#include "cc_lexicon.h"

/* How far into a page the date is looked for. */
#define CC_PUBDATE_LINES 40
/* …and how far into each of those lines; only a line's first
 * CC_PUBDATE_LEAD_BYTES are read for dates unless it names a weekday. */
#define CC_PUBDATE_LINE_BYTES 400
#define CC_PUBDATE_LEAD_BYTES 120

typedef enum {
    CC_PD_PUBLISHED, /* "Published", "Posted", "Created", "Date:" before it */
    CC_PD_BYLINE,    /* "By NAME" (on its line or the one before), "min read", "|" or "·" beside it */
    CC_PD_WIRE,      /* a wire dateline: "KYIV, Feb 25, 2025 -", "March 3, 2025 -- Text" */
    CC_PD_LINE,      /* a date alone on its line (times and zones aside) */
    CC_PD_SHORT,     /* a date in a short line ("Filed on June 2, 2022") */
    CC_PD_UPDATED,   /* "Updated", "Modified" before it: below a plain date, which a page showing both
                      * dates first ("Mon 24 Feb 2025 06.00 GMT / Last modified on Tue 25 Feb") */
    CC_PD_HEADLINE,  /* a month and day without a year in the headline ("... reaches 900 days on October 3") */
    CC_PD_HEADER,    /* a date line above the headline: a page header or capture date */
    CC_PD_ADDRESS,   /* the page's address with a date in its path (/2024/08/24/, /20240824/) */
    CC_PD_PROSE,     /* a date with its weekday in the first prose ("where matters rest on Sunday, July 9, 2023") */
    CC_PD__N
} cc_pubdate_ctx;

const char *cc_pubdate_ctx_name(cc_pubdate_ctx c);

typedef struct {
    int64_t date;        /* day number */
    size_t offset;       /* byte offset of the date as written */
    cc_pubdate_ctx ctx;
    int year_inferred;   /* written without a year; the year comes from the rest of the page */
} cc_pubdate;

/* The page's publication date: 0 and *out set when found, -1 when the page
 * shows none. this_year bounds the years a weekday may pick. */
int cc_pubdate_find(const cc_lexicon *lx, const cc_doc *d, int this_year, cc_pubdate *out);

/* Where the story starts in a paragraph s[0..n) that opens with a wire
 * dateline ("KYIV, June 12 (Reuters) - Russian forces…"): past the dash and
 * its spaces. 0 when it opens with none. The dateline dates the story; it
 * is no part of the sentence that follows. A date and a dash with no city
 * before them are a dateline only on the story's own day (has_date, date):
 * otherwise they are a timeline's entry. */
size_t cc_pubdate_dateline_end(const cc_lexicon *lx, const char *s, size_t n, int has_date, int64_t date);

#endif

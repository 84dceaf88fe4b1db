/* cc_norm: the normalizer. Finds the quantities in a text and turns each into
 * an interval in canonical units, keeping what the hedge and the written
 * precision mean. Every rule calls this one reader, so the same phrase
 * always gives the same interval.
 *
 * Stateless apart from the lexicon it reads; thread-safe for concurrent
 * calls on one lexicon. */
#ifndef CC_NORM_H
#define CC_NORM_H

#include "cc_lexicon.h"
#include "cc_util.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
    size_t start, end;  /* byte offsets of the phrase in the text */
    cc_kind kind;
    double low, high;   /* canonical units; -INFINITY / INFINITY when open */
    double best;        /* the single value the phrase names */
    const char *unit;   /* canonical unit: "day", "date", "percent", "km2", ISO code … */
    double wnum;        /* the number as written, scale words applied */
    const char *wunit;  /* the unit as written (lexicon name or ISO code), NULL for none */
    double wfactor;     /* the written unit's factor to the canonical unit (1 when none) */
    cc_hedge hedge;
    size_t hedge_start, hedge_end; /* the hedge's span, when there is one */
    unsigned relative : 1;   /* the value depends on the reference date */
    unsigned unanchored : 1; /* relative but no reference date was given: low/high/best are NaN */
    unsigned range : 1;      /* written as a range or "between … and …" */
    unsigned vague : 1;      /* a vague count such as "tens of thousands" */
    unsigned month_only : 1; /* a month written without a year ("in June"), placed by the reference date */
    unsigned entered : 1;    /* a period entered, its first day ("entered its third year"): the age at
                                a time the sentence may state ("… last February") */
    int weekday;             /* a weekday written with the date, -1 when none */
    int weekday_actual;      /* the weekday the date falls on, -1 when not a single day */
    unsigned char month, mday; /* a month and day written without a year (else 0): a page's
                                  date finder picks the year from the rest of the page */
} cc_qty;

typedef struct {
    int has_ref;        /* reference (publication) date known */
    int64_t ref;        /* day number */
    int round_down;     /* durations of ongoing things: "34-month" = [34, 35) months */
    int forward;        /* a bare weekday looks forward ("talks are due to resume on Monday"):
                           the first such day on or after the reference date, not the last before */
    int year;           /* the year a timeline's label gives the line ("2023: Bakhmut falls in May"):
                           a month, or a month and day, written without a year is in it; 0: none */
    int back;           /* told in the past tense ("fell on 1 October"): a month and day without a year
                           is the latest on or before the reference date, none of the schedule's ahead */
} cc_normopt;

/* Finds up to max quantities of kind want (CC_K_ANY: every kind) in
 * s[0..n), left to right, non-overlapping. Returns how many were found
 * (possibly more than max: only max are stored). */
size_t cc_norm_scan(const cc_lexicon *lx, const char *s, size_t n, cc_kind want, const cc_normopt *opt, cc_qty *out,
                    size_t max);

/* 0 when s[0..n) holds no digit and no word a date can start with (a month,
 * weekday or relative-day word of the lexicon, or "last", "next", "this",
 * "earlier", "past", "previous", "coming"): no date can be read there. A
 * cheap test before reading a sentence for dates. */
int cc_norm_may_name_date(const cc_lexicon *lx, const char *s, size_t n);

/* The first quantity of kind want in s[0..n): 0 on success, -1 when none. */
int cc_norm_one(const cc_lexicon *lx, const char *s, size_t n, cc_kind want, const cc_normopt *opt, cc_qty *out);

/* ref (a day number) minus a duration of `days`. When the duration was
 * written in months, years, decades or centuries (wunit, with wfactor days
 * per unit) the subtraction is done on the calendar: 34 months before
 * 2026-01-23 is 2023-03-23. Infinite durations give infinite dates. */
double cc_norm_before(double ref, double days, const char *wunit, double wfactor);

/* Appends the value as JSON {"low","high","best","unit"} (dates as ISO
 * strings, open bounds null). */
void cc_norm_value_json(cc_buf *b, const cc_qty *q);

#endif

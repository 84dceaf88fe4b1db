#include "cc_pubdate.h"
#include "cc_date.h"
#include "cc_norm.h"

#include <ctype.h>
#include <string.h>

/* The words that place a date on a page are the lexicon's word lists
 * (lexicon.yaml word_lists: published, updated, byline, read_time,
 * present, caption, clock, time), so that a new cue is one word there (and
 * a line in docs/dates.md). */

static const char *const ctx_names[CC_PD__N] = {"published", "byline", "wire dateline", "date line", "short line",
                                                "updated", "headline",  "page header", "page address",
                                                "first prose"};

const char *cc_pubdate_ctx_name(cc_pubdate_ctx c) { return c < CC_PD__N ? ctx_names[c] : "?"; }

typedef struct {
    const char *s; /* the line */
    size_t n;
} line_t;

static int word_in(const char *w, size_t n, const char *const *list)
{
    int c = tolower((unsigned char)w[0]);
    for (size_t i = 0; list[i]; i++)
        if (list[i][0] == c && strlen(list[i]) == n && strncasecmp(w, list[i], n) == 0) return 1;
    return 0;
}

static int has_mark(const char *s, size_t n, const char *const *marks)
{
    unsigned char firsts[256] = {0}; /* the marks' first letters, to skip most bytes at once */
    for (size_t i = 0; marks[i]; i++) firsts[(unsigned char)marks[i][0]] = 1;
    for (size_t k = 0; k < n; k++) {
        int c = tolower((unsigned char)s[k]);
        if (!firsts[c]) continue;
        for (size_t i = 0; marks[i]; i++) {
            if (c != (unsigned char)marks[i][0]) continue;
            size_t ml = strlen(marks[i]);
            if (k + ml <= n && strncasecmp(s + k, marks[i], ml) == 0) return 1;
        }
    }
    return 0;
}

/* The words of s[0..n) (runs of letters; a run glued to digits, like a
 * time or a handle, is no word), calling back with each. */
typedef int (*word_fn)(const char *w, size_t n, void *arg);

/* The length of the punctuation mark at s[0..n) written beyond ASCII (a
 * dash, a curly quote, a bullet, an ellipsis: U+2000 to U+206F; the
 * no-break space and U+00A1 to U+00BF: guillemets, the middle dot), or 0. */
static size_t utf8_punct(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 3 && u[0] == 0xE2 && (u[1] == 0x80 || u[1] == 0x81)) return 3;
    if (n >= 2 && u[0] == 0xC2 && u[1] >= 0xA0 && u[1] <= 0xBF) return 2;
    return 0;
}

/* A byte that may be part of a word at s[i]: a letter or digit, an
 * apostrophe, or a letter beyond ASCII. */
static int word_byte(const char *s, size_t n, size_t i)
{
    return isalnum((unsigned char)s[i]) || s[i] == '\'' || (((unsigned char)s[i] & 0x80) && !utf8_punct(s + i, n - i));
}

static size_t words(const char *s, size_t n, word_fn fn, void *arg)
{
    size_t count = 0;
    for (size_t i = 0; i < n;) {
        size_t pl = utf8_punct(s + i, n - i);
        if (pl) { i += pl; continue; }
        if (!isalpha((unsigned char)s[i]) && !((unsigned char)s[i] & 0x80)) { i++; continue; }
        size_t a = i;
        int digit = a > 0 && isdigit((unsigned char)s[a - 1]);
        while (i < n && word_byte(s, n, i)) {
            if (isdigit((unsigned char)s[i])) digit = 1;
            i++;
        }
        if (digit) continue;
        count++;
        if (fn && fn(s + a, i - a, arg)) break;
    }
    return count;
}

/* More words than any rank below counts: no need to count on. */
#define ENOUGH_WORDS 16

typedef struct {
    size_t c;
    const char *const *time;
} word_count;

static int count_unless_time(const char *w, size_t n, void *arg)
{
    word_count *wc = arg;
    if (!word_in(w, n, wc->time)) ++wc->c;
    return wc->c > ENOUGH_WORDS;
}

/* Words of s[0..n) that are not times or zones (up to a few more than
 * ENOUGH_WORDS: a count past it means "long"). */
static size_t other_words(const cc_lexicon *lx, const char *s, size_t n)
{
    word_count wc = {0, cc_lexicon_list(lx, "time")};
    words(s, n, count_unless_time, &wc);
    return wc.c;
}

typedef struct {
    const char *const *list;
    size_t keep;   /* look at the last `keep` words only */
    size_t seen, total;
    int hit;
} cue_scan;

static int cue_last(const char *w, size_t n, void *arg)
{
    cue_scan *c = arg;
    c->seen++;
    if (c->seen + c->keep > c->total && word_in(w, n, c->list)) c->hit = 1;
    return 0;
}

/* One of list among the last `keep` words of s[0..n). */
static int cue_before(const char *s, size_t n, const char *const *list, size_t keep)
{
    cue_scan c = {list, keep, 0, words(s, n, NULL, NULL), 0};
    words(s, n, cue_last, &c);
    return c.hit;
}

/* The first word of s[0..n) is one of list (and more follows it). */
static int first_word_in(const char *s, size_t n, const char *const *list)
{
    while (n && isspace((unsigned char)*s)) { s++; n--; }
    for (size_t i = 0; list[i]; i++) {
        size_t wl = strlen(list[i]);
        if (n > wl && strncasecmp(s, list[i], wl) == 0 && !isalpha((unsigned char)s[wl])) return 1;
    }
    return 0;
}

/* 0 when s[0..n) cannot hold the date of a day: that needs a month's name
 * and a digit, or digits in three groups split by one separator ("2026-01-23",
 * "01/23/2026", "26.11.2025"). Most lines of prose are skipped here. */
static int may_hold_date(const cc_lexicon *lx, const char *s, size_t n)
{
    size_t d0 = 0; /* every form has a digit: most lines have none in reach */
    while (d0 < n && !(s[d0] >= '0' && s[d0] <= '9')) d0++;
    if (d0 == n) return 0;
    int month = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9') {
            size_t j = i;
            while (j < n && isdigit((unsigned char)s[j])) j++;
            char sep = j < n ? s[j] : 0;
            if ((sep == '-' || sep == '/' || sep == '.') && j + 1 < n && isdigit((unsigned char)s[j + 1])) {
                size_t k = j + 1;
                while (k < n && isdigit((unsigned char)s[k])) k++;
                if (k + 1 < n && s[k] == sep && isdigit((unsigned char)s[k + 1])) return 1;
            }
            i = j - 1;
            continue;
        }
        if (!month && isalpha(c) && (i == 0 || !isalpha((unsigned char)s[i - 1])))
            month = cc_lexicon_date_word(lx, s + i, n - i, CC_LX_MONTH);
    }
    return month;
}

static const char *skip_space(const char *s, const char *e)
{
    while (s < e && (isspace((unsigned char)*s) || (unsigned char)*s == 0xC2)) s++; /* 0xC2: a no-break space's lead */
    return s;
}

static int dash_at(const char *s, const char *e)
{
    if (s < e && *s == '-') return 1;
    /* en dash, em dash */
    return e - s >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
           ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94);
}

/* Past the dash that ends a dateline after its date (post[0..qn)): an
 * optional "(Agency)", then "-", "--", an en or em dash. NULL when none. */
static const char *dateline_dash(const char *post, size_t qn)
{
    const char *e = post + qn, *p = skip_space(post, e);
    if (p < e && *p == '(') {
        const char *c = memchr(p, ')', (size_t)(e - p));
        if (!c || c - p > 40) return NULL;
        p = skip_space(c + 1, e);
    }
    if (!dash_at(p, e)) return NULL;
    while (p < e && (*p == '-' || ((unsigned char)*p & 0x80))) {
        if (*p == '-') p++;
        else if (dash_at(p, e)) p += 3;
        else break;
    }
    return p;
}

static int capital_word(const char *w, size_t n, void *arg)
{
    (void)n;
    if (!isupper((unsigned char)w[0])) return 1; /* the walk stops at a word in lower case */
    ++*(size_t *)arg;
    return 0;
}

/* A place named in title case and closed by a comma ("Kyiv,", "New
 * Delhi,"): a national agency's dateline. Up to four words, each
 * capitalised. */
static int title_place(const char *pre, size_t pn)
{
    while (pn && isspace((unsigned char)pre[pn - 1])) pn--;
    if (!pn || pre[pn - 1] != ',') return 0;
    size_t seen = 0, all = words(pre, pn, NULL, NULL);
    words(pre, pn, capital_word, &seen);
    return all >= 1 && all <= 4 && seen == all;
}

/* pre is empty or a city in capitals ("KYIV,", "ANCHORAGE, Alaska") or in
 * title case before a comma ("Kyiv,"), and post starts with an optional
 * "(Agency)" and then a dash. Returns 0, or 2 for a place in title case
 * (which a timeline's entry may also be), else 1. */
static int wire(const cc_lexicon *lx, const char *pre, size_t pn, const char *post, size_t qn)
{
    if (!dateline_dash(post, qn)) return 0;
    size_t caps = 0, lower = 0;
    for (size_t i = 0; i < pn; i++) {
        if (isupper((unsigned char)pre[i])) caps++;
        else if (islower((unsigned char)pre[i])) lower++;
    }
    if (pn == 0 || (caps >= 2 && caps >= lower && other_words(lx, pre, pn) <= 4)) return 1;
    return title_place(pre, pn) ? 2 : 0;
}

typedef struct {
    unsigned char m, d; /* month and day */
    int wd;             /* the weekday written with them, -1 when none */
    size_t off;
    cc_pubdate_ctx ctx;
} yearless;

typedef struct {
    int found, year_inferred;
    cc_pubdate best;
    int maxyear;            /* the latest year the head writes (0: none) */
    int this_year;
    /* yearless candidates wait until every line has given its years */
    yearless yl[16];
    size_t nyl;
    line_t lines[CC_PUBDATE_LINES]; /* the lines read, for the years they write */
    size_t nlines;
} state;

static void offer(state *st, int64_t date, size_t off, cc_pubdate_ctx ctx, int inferred)
{
    /* a written year beats an inferred one; then the context; then the earliest */
    if (st->found) {
        if (inferred != st->year_inferred) { if (inferred) return; }
        else if (ctx > st->best.ctx || (ctx == st->best.ctx && off >= st->best.offset)) return;
    }
    st->found = 1;
    st->year_inferred = inferred;
    st->best.date = date;
    st->best.offset = off;
    st->best.ctx = ctx;
    st->best.year_inferred = inferred;
}

static void note_year(state *st, int y)
{
    if (y >= 1990 && y <= st->this_year && y > st->maxyear) st->maxyear = y;
}

/* The sentence before a date in prose (pre[0..n)) is in the present tense. */
static int present(const cc_lexicon *lx, const char *pre, size_t n)
{
    size_t a = 0; /* the sentence's start: after the last ". " */
    for (size_t i = 0; i + 1 < n; i++)
        if ((pre[i] == '.' || pre[i] == '!' || pre[i] == '?') && pre[i + 1] == ' ') a = i + 2;
    return cue_before(pre + a, n - a, cc_lexicon_list(lx, "present"), 64);
}

static const char *const field_marks[] = {"|", "\xC2\xB7", "\xE2\x80\xA2", NULL};

/* Where the field around line[a..b) starts (*fa) and ends (*fb) in a line
 * of fields ("February 24, 2025 · 4:10 PM UTC · Updated 3 hours ago"):
 * after the last mark before it, at the first after it; the whole line
 * when it has none. */
static void date_field(const line_t *ln, size_t a, size_t b, size_t *fa, size_t *fb)
{
    *fa = 0;
    *fb = ln->n;
    for (size_t k = 0; k < ln->n; k++) {
        unsigned char c = (unsigned char)ln->s[k];
        if (c != '|' && c != 0xC2 && c != 0xE2) continue; /* the marks' first bytes */
        for (size_t i = 0; field_marks[i]; i++) {
            size_t ml = strlen(field_marks[i]);
            if (k + ml > ln->n || memcmp(ln->s + k, field_marks[i], ml) != 0) continue;
            if (k + ml <= a) *fa = k + ml;
            else if (k >= b && *fb == ln->n) *fb = k;
        }
    }
}

/* The context of a date written at line[a..b), given the line before. */
static cc_pubdate_ctx context(const cc_lexicon *lx, const line_t *ln, size_t a, size_t b, const line_t *prev, int titled,
                              int weekday)
{
    const char *pre = ln->s, *post = ln->s + b;
    size_t pn = a, qn = ln->n - b;
    if (cue_before(pre, pn, cc_lexicon_list(lx, "published"), 3)) return CC_PD_PUBLISHED;
    if (cue_before(pre, pn, cc_lexicon_list(lx, "updated"), 3)) return CC_PD_UPDATED;
    size_t fa, fb;
    date_field(ln, a, b, &fa, &fb);
    /* in a line of fields, the words of the date's own field */
    size_t others = other_words(lx, pre + fa, pn - fa) + other_words(lx, post, fb - b);
    int bar = fa > 0;
    if (first_word_in(pre, pn, cc_lexicon_list(lx, "byline")) || has_mark(ln->s, ln->n, cc_lexicon_list(lx, "read_time")) ||
        (bar && other_words(lx, pre, pn) <= 6))
        return CC_PD_BYLINE;
    if (wire(lx, pre, pn, post, qn)) return CC_PD_WIRE;
    if (others > 4) return weekday && present(lx, pre, pn) ? CC_PD_PROSE : CC_PD__N;
    int prev_by = prev && other_words(lx, prev->s, prev->n) <= 6 &&
                  (first_word_in(prev->s, prev->n, cc_lexicon_list(lx, "byline")) ||
                   cue_before(prev->s, prev->n, cc_lexicon_list(lx, "byline"), 3));
    if (prev_by) return CC_PD_BYLINE;
    if (!titled) return CC_PD_HEADER;
    return others <= 2 ? CC_PD_LINE : CC_PD_SHORT;
}

/* A site clock or a "Today:" line: its date is today's, not the article's. */
static int is_clock(const cc_lexicon *lx, const line_t *ln)
{
    const char *p = skip_space(ln->s, ln->s + ln->n);
    return first_word_in(p, (size_t)(ln->s + ln->n - p), cc_lexicon_list(lx, "clock"));
}

/* "/2024/08/24/", "/20240824/", "/2024-08-24/" in an address on the line. */
static void address_dates(state *st, const line_t *ln, size_t base)
{
    const char *colon = memchr(ln->s, ':', ln->n), *p = skip_space(ln->s, ln->s + ln->n);
    if (!(colon && ln->s + ln->n - colon >= 3 && colon[1] == '/' && colon[2] == '/') &&
        !(ln->s + ln->n - p > 4 && strncasecmp(p, "www.", 4) == 0))
        return;
    const char *s = ln->s;
    for (size_t i = 0; i + 9 < ln->n; i++) {
        if (s[i] != '/') continue;
        int v[8], k = 0;
        size_t j = i + 1;
        while (j < ln->n && k < 8 && (isdigit((unsigned char)s[j]) || ((s[j] == '/' || s[j] == '-') && (k == 4 || k == 6)))) {
            if (isdigit((unsigned char)s[j])) v[k++] = s[j] - '0';
            j++;
        }
        if (k != 8 || j >= ln->n || isdigit((unsigned char)s[j])) continue;
        int y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3], m = v[4] * 10 + v[5], d = v[6] * 10 + v[7];
        if (y < 1990 || y > st->this_year || !cc_date_valid(y, m, d)) continue;
        offer(st, cc_days_from_civil(y, m, d), base + i + 1, CC_PD_ADDRESS, 0);
        note_year(st, y);
    }
}

/* Every year from 1990 to this year written in the line (alone or in a
 * date): what fixes the year of a month and day written without one. */
static void line_years(state *st, const line_t *ln)
{
    const char *s = ln->s;
    for (size_t i = 0; i + 4 <= ln->n; i++) {
        if ((i > 0 && isalnum((unsigned char)s[i - 1])) || (i + 4 < ln->n && isdigit((unsigned char)s[i + 4]))) continue;
        if (!isdigit((unsigned char)s[i]) || !isdigit((unsigned char)s[i + 1]) || !isdigit((unsigned char)s[i + 2]) ||
            !isdigit((unsigned char)s[i + 3]))
            continue;
        note_year(st, (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0'));
    }
}

/* How much of a line the normalizer reads: a date that places the page
 * stands near the start of its line (a byline, a dateline), except in the
 * first prose, where it is written with its weekday. */
static size_t date_zone(const cc_lexicon *lx, const line_t *ln)
{
    if (ln->n <= CC_PUBDATE_LEAD_BYTES) return ln->n;
    for (size_t i = 0; i < ln->n; i++) /* a word that may be a weekday's name (the lexicon's) */
        if (isalpha((unsigned char)ln->s[i]) && (i == 0 || !isalpha((unsigned char)ln->s[i - 1])) &&
            cc_lexicon_word_is(lx, ln->s + i, ln->n - i, CC_LX_WEEKDAY))
            return ln->n;
    size_t z = CC_PUBDATE_LEAD_BYTES;
    while (z > 0 && ((unsigned char)ln->s[z] & 0xC0) == 0x80) z--;
    return z;
}

static void read_line(const cc_lexicon *lx, state *st, const line_t *ln, const line_t *prev, size_t base, int *titled)
{
    cc_qty q[16];
    cc_normopt o = {0, 0, 0, 0, 0, 0};
    size_t nq = 0;
    if (may_hold_date(lx, ln->s, ln->n)) {
        size_t zone = date_zone(lx, ln);
        if (zone == ln->n || may_hold_date(lx, ln->s, zone)) nq = cc_norm_scan(lx, ln->s, zone, CC_K_DATE, &o, q, 16);
    }
    if (nq > 16) nq = 16;
    int caption = 0, clock = 0, looked = 0; /* asked once a date of a day is there */
    int dated = 0;
    for (size_t k = 0; k < nq; k++) {
        int day = (q[k].unanchored && q[k].month) || (!q[k].unanchored && q[k].kind == CC_K_DATE && q[k].low == q[k].high);
        if (day && !looked) {
            looked = 1;
            caption = has_mark(ln->s, ln->n, cc_lexicon_list(lx, "caption"));
            clock = is_clock(lx, ln);
        }
        if (q[k].unanchored && q[k].month) { /* a month and day without a year */
            int wd = q[k].weekday >= 0;
            cc_pubdate_ctx c = caption || clock ? CC_PD__N : context(lx, ln, q[k].start, q[k].end, prev, *titled, wd);
            /* a headline drops the year of the news day only */
            if (c == CC_PD__N && !*titled && !caption && !clock) c = CC_PD_HEADLINE;
            if (c < CC_PD__N && st->nyl < sizeof st->yl / sizeof *st->yl)
                st->yl[st->nyl++] = (yearless){q[k].month, q[k].mday, q[k].weekday, base + q[k].start, c};
            dated = 1;
            continue;
        }
        if (q[k].unanchored || q[k].kind != CC_K_DATE || q[k].low != q[k].high) continue; /* a month or a year */
        dated = 1;
        if (caption || clock) continue;
        cc_pubdate_ctx c = context(lx, ln, q[k].start, q[k].end, prev, *titled, q[k].weekday >= 0);
        if (c < CC_PD__N) offer(st, (int64_t)q[k].low, base + q[k].start, c, 0);
    }
    address_dates(st, ln, base);
    /* the headline: the first line of three words or more that carries no date, or of five or more */
    if (!*titled && !caption && !clock) {
        size_t ow = other_words(lx, ln->s, ln->n);
        if (ow >= 5 || (!dated && ow >= 3)) *titled = 1;
    }
}

/* A month and day without a year: the year the page fixes, or none. */
static void resolve_yearless(state *st)
{
    if (!st->nyl) return;
    for (size_t i = 0; i < st->nlines; i++) line_years(st, &st->lines[i]);
    for (size_t i = 0; i < st->nyl; i++) {
        int m = st->yl[i].m, d = st->yl[i].d, y = 0;
        if (st->yl[i].wd >= 0) { /* the one year since the latest the page writes that the weekday fits */
            int n = 0;
            for (int cy = st->maxyear ? st->maxyear : st->this_year - 10; cy <= st->this_year; cy++)
                if (cc_date_valid(cy, m, d) && cc_weekday(cc_days_from_civil(cy, m, d)) == st->yl[i].wd) { y = cy; n++; }
            if (n != 1) continue;
        } else {
            if (!st->maxyear) continue;
            y = st->maxyear;
        }
        if (!cc_date_valid(y, m, d)) continue;
        offer(st, cc_days_from_civil(y, m, d), st->yl[i].off, st->yl[i].ctx, 1);
    }
}

int cc_pubdate_find(const cc_lexicon *lx, const cc_doc *d, int this_year, cc_pubdate *out)
{
    state st;
    memset(&st, 0, sizeof st);
    st.this_year = this_year;
    int titled = 0;
    line_t prev = {NULL, 0};
    int have_prev = 0;
    int first = d->body ? cc_doc_line(d, d->body) - 1 : 0;
    for (size_t li = (size_t)first; li < d->nlines && li < (size_t)first + CC_PUBDATE_LINES; li++) {
        size_t a = d->lines[li], b = li + 1 < d->nlines ? d->lines[li + 1] : d->len;
        while (b > a && (d->text[b - 1] == '\n' || d->text[b - 1] == '\r')) b--;
        /* a date that places the page stands near the start of its line: a
         * long paragraph is read no further than its first sentences */
        if (b - a > CC_PUBDATE_LINE_BYTES) {
            b = a + CC_PUBDATE_LINE_BYTES;
            while (b > a && ((unsigned char)d->text[b] & 0xC0) == 0x80) b--;
        }
        line_t ln = {d->text + a, b - a};
        if (skip_space(ln.s, ln.s + ln.n) == ln.s + ln.n) continue; /* a blank line: the line before stays "the line before" */
        read_line(lx, &st, &ln, have_prev ? &prev : NULL, a, &titled);
        st.lines[st.nlines++] = ln;
        prev = ln;
        have_prev = 1;
    }
    if (!st.found || st.year_inferred) resolve_yearless(&st);
    if (!st.found) return -1;
    *out = st.best;
    return 0;
}

/* Whether a date read at the head of a paragraph is the day d (a month and
 * day written without a year: the same month and day). */
static int same_day(const cc_qty *q, int64_t d)
{
    if (!q->unanchored) return q->low == q->high && (int64_t)q->low == d;
    int y, m, dd;
    cc_civil_from_days(d, &y, &m, &dd);
    return q->month == m && q->mday == dd;
}

size_t cc_pubdate_dateline_end(const cc_lexicon *lx, const char *s, size_t n, int has_date, int64_t date)
{
    size_t zone = n < CC_PUBDATE_LEAD_BYTES ? n : CC_PUBDATE_LEAD_BYTES;
    size_t i = 0; /* the first dash, with a digit of the date before it: most sentences have none */
    int digit = 0;
    while (i < zone && !dash_at(s + i, s + zone)) digit |= isdigit((unsigned char)s[i++]);
    if (i == zone || !digit || !may_hold_date(lx, s, i)) return 0;
    cc_qty q[4];
    cc_normopt o = {0, 0, 0, 0, 0, 0};
    size_t nq = cc_norm_scan(lx, s, zone, CC_K_DATE, &o, q, 4);
    for (size_t k = 0; k < nq && k < 4; k++) {
        if (!(q[k].kind == CC_K_DATE || (q[k].unanchored && q[k].month))) continue;
        int w = wire(lx, s, q[k].start, s + q[k].end, n - q[k].end);
        if (!w) continue;
        /* with no city, or one in title case, only the story's own day: "Feb 24, 2022 - Russia launches
         * its invasion" or "Mariupol, May 20, 2022 - the last defenders surrender" in a timeline is an
         * event's date */
        if ((q[k].start == 0 || w == 2) && !(has_date && same_day(&q[k], date))) continue;
        const char *p = skip_space(dateline_dash(s + q[k].end, n - q[k].end), s + n);
        /* the story follows, not a time ("Fri, 01/23/2026 – 10:40": a date line, its weekday checked) */
        if (p < s + n && !isdigit((unsigned char)*p)) return (size_t)(p - s);
    }
    return 0;
}

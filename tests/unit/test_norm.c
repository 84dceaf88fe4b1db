/* The normalizer: every hedge family, vague count, range form and date form,
 * asserting interval bounds, and phrases that must not parse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_date.h"
#include "cc_norm.h"
#include "cc_token.h"

#include "lexicon_fixture.h"

static cc_qty q1(const char *text, cc_kind k, const char *ref, int round_down)
{
    cc_normopt o = {0, 0, round_down, 0, 0, 0};
    if (ref) { o.has_ref = 1; cc_date_parse_iso(ref, &o.ref); }
    cc_qty q;
    memset(&q, 0, sizeof q);
    if (cc_norm_one(lx, text, strlen(text), k, &o, &q) != 0) fail_msg("no quantity in '%s'", text);
    return q;
}

static int none(const char *text, cc_kind k)
{
    cc_normopt o = {1, cc_days_from_civil(2026, 1, 23), 0, 0, 0, 0};
    cc_qty q[4];
    return cc_norm_scan(lx, text, strlen(text), k, &o, q, 4) == 0;
}

#define NEAR(a, b) assert_true(fabs((double)(a) - (double)(b)) <= 1e-6 * fmax(1.0, fabs((double)(b))))
#define SPAN(q, text, s) assert_int_equal((int)((q).end - (q).start), (int)strlen(s)); \
    assert_memory_equal((text) + (q).start, s, strlen(s))

static double D(const char *iso)
{
    int64_t z;
    cc_date_parse_iso(iso, &z);
    return (double)z;
}

/* A number's value is exactly strtod's reading of its digits, whichever
 * way it is computed: random digit strings of every length, with and
 * without decimals, thousands commas and exponents. */
static void test_token_values_match_strtod(void **state)
{
    (void)state;
    unsigned long long x = 88172645463325252ULL;
    for (int it = 0; it < 200000; it++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        char txt[80], plain[80];
        size_t a = 0, b = 0;
        int idig = 1 + (int)(x % 19), ddig = (int)((x >> 8) % 8) - 2, comma = (x >> 16) % 4 == 0 && idig > 3;
        unsigned long long y = x;
        for (int i = 0; i < idig; i++) {
            char c = (char)('0' + (i == 0 && idig > 1 ? 1 + y % 9 : y % 10));
            y = y / 10 ? y / 10 : x >> 3;
            if (comma && i > 0 && (idig - i) % 3 == 0) txt[a++] = ',';
            txt[a++] = c;
            plain[b++] = c;
        }
        if (ddig > 0) {
            txt[a++] = plain[b++] = '.';
            for (int i = 0; i < ddig; i++) { txt[a++] = plain[b++] = (char)('0' + y % 10); y = y / 10 ? y / 10 : x >> 5; }
        }
        if ((x >> 24) % 16 == 0) { a += (size_t)sprintf(txt + a, "e%d", (int)((x >> 28) % 7) - 3); b += (size_t)sprintf(plain + b, "e%d", (int)((x >> 28) % 7) - 3); }
        txt[a] = plain[b] = 0;
        cc_tok *t;
        size_t n = cc_tokenize(txt, a, &t);
        assert_true(n >= 1);
        assert_int_equal(t[0].type, CC_T_NUM);
        double want = strtod(plain, NULL);
        if (t[0].num != want) fail_msg("%s read as %.17g, strtod gives %.17g", txt, t[0].num, want);
        free(t);
    }
}

static void test_tokens(void **state)
{
    (void)state;
    cc_tok *t;
    const char *s = "US$5bn, 1,300 days; .08 and 34-month";
    size_t n = cc_tokenize(s, strlen(s), &t);
    assert_int_equal(n, 13);
    assert_int_equal(t[2].type, CC_T_NUM);
    NEAR(t[2].num, 5);
    assert_int_equal(t[5].type, CC_T_NUM);
    NEAR(t[5].num, 1300);
    assert_true(t[5].comma);
    assert_int_equal(t[5].tz, 2);
    NEAR(t[8].num, 0.08);
    char key[64];
    cc_tok_key(s, t, 0, 2, key, sizeof key);
    assert_string_equal(key, "us$");
    free(t);
}

static void test_numbers(void **state)
{
    (void)state;
    cc_qty q = q1("thirty-four", CC_K_ANY, NULL, 0);
    NEAR(q.best, 34);
    NEAR(q.low, 33.5);
    q = q1("one hundred and twenty-three", CC_K_ANY, NULL, 0);
    NEAR(q.best, 123);
    q = q1("a million", CC_K_ANY, NULL, 0);
    NEAR(q.best, 1e6);
    q = q1("5 billion", CC_K_ANY, NULL, 0);
    NEAR(q.best, 5e9);
    NEAR(q.low, 4.5e9); /* capped at precision_cap (10 %) */
    q = q1("1.2m", CC_K_ANY, NULL, 0);
    NEAR(q.best, 1.2e6);
    NEAR(q.low, 1.15e6);
    q = q1("10k", CC_K_ANY, NULL, 0);
    NEAR(q.best, 1e4);
    q = q1("5bn", CC_K_ANY, NULL, 0);
    NEAR(q.best, 5e9);
    q = q1("-3.5", CC_K_ANY, NULL, 0);
    NEAR(q.best, -3.5);
    q = q1("minus 4", CC_K_ANY, NULL, 0);
    NEAR(q.best, -4);
    q = q1("4.800", CC_K_ANY, NULL, 0);
    NEAR(q.best, 4.8);
    NEAR(q.high, 4.8005);
    q = q1("two dozen", CC_K_ANY, NULL, 0);
    NEAR(q.best, 24);
    q = q1("half a million", CC_K_ANY, NULL, 0);
    NEAR(q.best, 5e5);
    /* precision as written: 700,000 is not 700,001, and 712,345 is exact to the unit */
    q = q1("700,000", CC_K_ANY, NULL, 0);
    NEAR(q.low, 650000);
    NEAR(q.high, 750000);
    q = q1("712,345", CC_K_ANY, NULL, 0);
    NEAR(q.low, 712344.5);
    NEAR(q.high, 712345.5);
}

static void test_hedges(void **state)
{
    (void)state;
    cc_qty q = q1("nearly four years", CC_K_DURATION, NULL, 0);
    assert_int_equal(q.hedge, CC_H_NEARLY);
    NEAR(q.low, 3.5 * 365);
    NEAR(q.high, 4 * 365);
    NEAR(q.best, 4 * 365);
    q = q1("almost 1,000", CC_K_ANY, NULL, 0);
    NEAR(q.high, 1010); /* the figure may be a rounding of one a little above it: 1 % at most */
    NEAR(q.low, 875);
    q = q1("nearly 113,000", CC_K_ANY, NULL, 0); /* rounded from 113,100 by the writer, up to its half-step */
    NEAR(q.high, 113500);
    q = q1("nearly 113,250", CC_K_ANY, NULL, 0);
    NEAR(q.high, 113255);
    /* a headline's present tense is a verb's hedge; after "the" the same word is an adjective */
    q = q1("Russian casualties top 1 million", CC_K_COUNT, NULL, 0);
    assert_int_equal(q.hedge, CC_H_OVER);
    NEAR(q.low, 1000000);
    q = q1("Civilian toll nears 10,000", CC_K_COUNT, NULL, 0);
    assert_int_equal(q.hedge, CC_H_NEARLY);
    q = q1("the top 10 banks", CC_K_COUNT, NULL, 0);
    assert_int_equal(q.hedge, CC_H_NONE);
    q = q1("just under 50%", CC_K_PERCENT, NULL, 0);
    NEAR(q.high, 50.5);
    q = q1("close to 200", CC_K_ANY, NULL, 0);
    assert_int_equal(q.hedge, CC_H_NEARLY);
    q = q1("closer to 400,000", CC_K_ANY, NULL, 0); /* another estimate's, nearer this figure: about */
    assert_int_equal(q.hedge, CC_H_APPROX);

    /* each family's words, one interval each (INFINITY: open above) */
    static const struct { const char *t; cc_kind k; cc_hedge h; double lo, hi; } family[] = {
        {"more than 700,000", CC_K_ANY, CC_H_OVER, 700000, INFINITY}, {"over 700,000", CC_K_ANY, CC_H_OVER, 700000, INFINITY},
        {"above 700,000", CC_K_ANY, CC_H_OVER, 700000, INFINITY}, {"exceeded 700,000", CC_K_ANY, CC_H_OVER, 700000, INFINITY},
        {"passed 700,000", CC_K_ANY, CC_H_OVER, 700000, INFINITY}, {"topped 700,000", CC_K_ANY, CC_H_OVER, 700000, INFINITY},
        {"upward of 700,000", CC_K_ANY, CC_H_OVER, 700000, INFINITY},
        {"in excess of 700,000", CC_K_ANY, CC_H_OVER, 700000, INFINITY},
        {"likely to exceed 700,000", CC_K_ANY, CC_H_OVER, 700000, INFINITY},
        {"could surpass 700,000", CC_K_ANY, CC_H_OVER, 700000, INFINITY},
        {"about 40%", CC_K_PERCENT, CC_H_APPROX, 36, 44}, {"around 40%", CC_K_PERCENT, CC_H_APPROX, 36, 44},
        {"roughly 40%", CC_K_PERCENT, CC_H_APPROX, 36, 44}, {"approximately 40%", CC_K_PERCENT, CC_H_APPROX, 36, 44},
        {"some 40%", CC_K_PERCENT, CC_H_APPROX, 36, 44}, {"an estimated 40%", CC_K_PERCENT, CC_H_APPROX, 36, 44},
        {"circa 40%", CC_K_PERCENT, CC_H_APPROX, 36, 44},
        /* a little above: the mirror of "nearly", not an open bound ("just over 20%" is no 60%) */
        {"just over 20%", CC_K_PERCENT, CC_H_JUST_OVER, 20, 22.5},
        {"slightly more than 40%", CC_K_PERCENT, CC_H_JUST_OVER, 40, 45},
        {"a little over 1,000", CC_K_ANY, CC_H_JUST_OVER, 1000, 1125},
        {"just above 8,000", CC_K_ANY, CC_H_JUST_OVER, 8000, 9000},
        {"well over 700,000", CC_K_ANY, CC_H_OVER, 700000, INFINITY},
    };
    for (size_t i = 0; i < sizeof family / sizeof *family; i++) {
        q = q1(family[i].t, family[i].k, NULL, 0);
        assert_int_equal(q.hedge, family[i].h);
        NEAR(q.low, family[i].lo);
        if (isinf(family[i].hi)) assert_true(isinf(q.high));
        else NEAR(q.high, family[i].hi);
    }
    q = q1("at least 14,000", CC_K_ANY, NULL, 0);
    assert_int_equal(q.hedge, CC_H_ATLEAST);
    NEAR(q.low, 14000);
    assert_true(isinf(q.high));
    q = q1("no fewer than 30", CC_K_ANY, NULL, 0);
    assert_int_equal(q.hedge, CC_H_ATLEAST);
    q = q1("up to 5,000 km²", CC_K_AREA, NULL, 0);
    assert_int_equal(q.hedge, CC_H_UPTO);
    NEAR(q.low, 0);
    NEAR(q.high, 5000);
    q = q1("as many as 40", CC_K_ANY, NULL, 0);
    assert_int_equal(q.hedge, CC_H_UPTO);
    q = q1("fewer than 100", CC_K_ANY, NULL, 0);
    assert_int_equal(q.hedge, CC_H_UNDER);
    NEAR(q.high, 100);
    /* hedges after the figure: "or more" is at least, "or fewer" at most; not the next figure's "more than" */
    q = q1("700,000 or more", CC_K_COUNT, NULL, 0);
    NEAR(q.low, 700000);
    assert_true(isinf(q.high));
    q = q1("a fifth or less", CC_K_PERCENT, NULL, 0);
    NEAR(q.high, 20);
    q = q1("20 percent or so", CC_K_PERCENT, NULL, 0);
    assert_int_equal(q.hedge, CC_H_APPROX);
    q = q1("300,000 and more than 100 tanks", CC_K_COUNT, NULL, 0);
    assert_int_equal(q.hedge, CC_H_NONE);
    NEAR(q.best, 300000);
    q = q1("roughly 5,000 square kilometres", CC_K_AREA, NULL, 0);
    NEAR(q.low, 4500);
    NEAR(q.high, 5500);
    q = q1("barely 3 hours", CC_K_DURATION, NULL, 0);
    assert_int_equal(q.hedge, CC_H_BARELY);
    q = q1("only 5,000", CC_K_ANY, NULL, 0);
    assert_int_equal(q.hedge, CC_H_BARELY);
    q = q1("exactly 700,000", CC_K_ANY, NULL, 0);
    NEAR(q.low, 700000);
    NEAR(q.high, 700000);
}

static void test_vague(void **state)
{
    (void)state;
    struct { const char *t; double lo, hi; } v[] = {
        {"dozens", 24, 99}, {"scores of", 40, 199}, {"hundreds", 200, 999}, {"thousands", 2000, 9999},
        {"tens of thousands", 20000, 99999}, {"hundreds of thousands", 200000, 999999},
    };
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        cc_qty q = q1(v[i].t, CC_K_ANY, NULL, 0);
        assert_true(q.vague);
        NEAR(q.low, v[i].lo);
        NEAR(q.high, v[i].hi);
    }
    cc_qty q = q1("more than tens of thousands", CC_K_ANY, NULL, 0);
    assert_true(isinf(q.high));
}

static void test_ranges(void **state)
{
    (void)state;
    const char *r[] = {"2-3 square kilometers", "2–3 square kilometers", "2 to 3 square kilometers",
                       "between 2 and 3 square kilometers"};
    for (size_t i = 0; i < sizeof r / sizeof *r; i++) {
        cc_qty q = q1(r[i], CC_K_AREA, NULL, 0);
        assert_true(q.range);
        NEAR(q.low, 2);
        NEAR(q.high, 3);
    }
    cc_qty q = q1("between 1,000 and 1,200", CC_K_ANY, NULL, 0);
    NEAR(q.low, 1000);
    NEAR(q.high, 1200);
    q = q1("2-3 million", CC_K_ANY, NULL, 0);
    NEAR(q.low, 2e6);
    NEAR(q.high, 3e6);
}

static void test_fractions(void **state)
{
    (void)state;
    struct { const char *t; double best; } f[] = {
        {"a fifth", 20}, {"one in five", 20}, {"two-thirds", 66.6666666667}, {"half", 50}, {"a quarter", 25},
        {"three quarters", 75}, {"one-third", 33.3333333333},
    };
    for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
        cc_qty q = q1(f[i].t, CC_K_PERCENT, NULL, 0);
        assert_true(fabs(q.best - f[i].best) < 1e-6);
        assert_true(q.low < q.best && q.high > q.best);
    }
}

/* A word of the whole that is also a hedge: the whole when no figure follows
 * ("fully controls"), the hedge of the figure after it ("fully 40%"). */
static void test_whole_or_hedge(void **state)
{
    (void)state;
    struct { const char *t; double low, best; } f[] = {
        {"Russia fully controls Luhansk", 100, 100},     {"the region is completely occupied", 100, 100},
        {"Moscow holds fully 40% of it", 40, 40},        {"fully two-thirds of the oblast", 60, 66.6666666667},
    };
    for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
        cc_qty q = q1(f[i].t, CC_K_PERCENT, NULL, 0);
        NEAR(q.best, f[i].best);
        assert_true(q.low >= f[i].low - 1e-6);
    }
}

static void test_written_fractions_and_decimals(void **state)
{
    (void)state;
    struct { const char *t; double v; } f[] = {
        {"three fifths", 0.6}, {"a fifth", 0.2}, {"one twenty-fifth", 0.04}, {"three twenty-firsts", 3.0 / 21},
        {"one over three", 1.0 / 3}, {"1 out of 3", 1.0 / 3}, {"one hundred and three quarters", 100.75},
        {"one hundred thirty-fifths", 100.0 / 35}, {"two hundred point zero three", 200.03},
        {"two hundred point seventy-one", 200.71}, {"minus five point five", -5.5}, {"negative one", -1},
        {"1.3e6", 1.3e6}, {"-12e-1", -1.2}, {"1 234 567", 1234567}, {"three dozens", 36}, {"half a dozen", 6},
        {"35 lakh", 3.5e6}, {"three lakh crore", 3e12}, {"fifty - two", 52}, {"$20", 20},
    };
    for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
        cc_qty q = q1(f[i].t, CC_K_NUMBER, NULL, 0);
        if (fabs(q.best - f[i].v) > 1e-9 * fmax(1, fabs(f[i].v))) fail_msg("%s: got %.12g", f[i].t, q.best);
    }
    /* a phone number is not a grouped number */
    assert_true(none("+1 202 555 0143", CC_K_NUMBER));
    /* an amount spread over time is no fraction; a calibre is a length, not millions */
    cc_qty q = q1("$10000 over 3 years", CC_K_MONEY, NULL, 0);
    NEAR(q.best, 10000);
    q = q1("the 7.62mm round", CC_K_ANY, NULL, 0);
    assert_int_equal(q.kind, CC_K_LENGTH);
    q = q1("1.2m people", CC_K_ANY, NULL, 0);
    NEAR(q.best, 1.2e6);
    /* a power written with a caret is exact: no rounding step, no hedge room */
    struct { const char *t; double v; } pw[] = {
        {"1.1^23", 8.95430243255239}, {"2.5^-1", 0.4}, {"-2500^-1", -0.0004}, {"-1.1^--23", -8.95430243255239},
        {"10^6", 1e6}, {"2^10", 1024},
    };
    for (size_t i = 0; i < sizeof pw / sizeof *pw; i++) {
        q = q1(pw[i].t, CC_K_NUMBER, NULL, 0);
        if (fabs(q.best - pw[i].v) > 1e-9 * fmax(1, fabs(pw[i].v))) fail_msg("%s: got %.12g", pw[i].t, q.best);
        assert_true(q.low == q.best && q.high == q.best);
    }
    q = q1("about 10^6 km2", CC_K_AREA, NULL, 0);
    NEAR(q.best, 1e6);
    assert_true(q.low < 1e6 && q.high > 1e6);
    /* a power that cannot be evaluated is no quantity, nor is its exponent */
    assert_true(none("2^1000000", CC_K_NUMBER));
    assert_true(none("0^-1", CC_K_NUMBER));
    assert_true(none("5^2.5", CC_K_NUMBER));
}

static void test_durations_and_money_forms(void **state)
{
    (void)state;
    struct { const char *t; cc_kind k; double best; const char *unit; } d[] = {
        {"an hour and a half", CC_K_DURATION, 1.5 / 24, "day"}, {"half a day", CC_K_DURATION, 0.5, "day"},
        {"all week", CC_K_DURATION, 7, "day"}, {"two nights", CC_K_DURATION, 2, "day"},
        {"3 h", CC_K_DURATION, 0.125, "day"}, {"13 dollars and 45 cents", CC_K_MONEY, 13.45, "USD"},
        {"50 cents", CC_K_MONEY, 0.5, "USD"}, {"197 pence", CC_K_MONEY, 1.97, "GBP"},
        {"the one-yen bid", CC_K_MONEY, 1, "JPY"}, {"35 lakh rupees", CC_K_MONEY, 3.5e6, "INR"},
        /* a fraction after words, hyphenated or not, then a scale or a unit */
        {"the three-and-a-half-year war", CC_K_DURATION, 3.5 * 365, "day"},
        {"three-and-a-half years", CC_K_DURATION, 3.5 * 365, "day"},
        {"a one-and-a-half-hour meeting", CC_K_DURATION, 1.5 / 24, "day"},
        {"two and a half million people", CC_K_COUNT, 2.5e6, "count"},
        {"two point five billion dollars", CC_K_MONEY, 2.5e9, "USD"},
    };
    for (size_t i = 0; i < sizeof d / sizeof *d; i++) {
        cc_qty q = q1(d[i].t, d[i].k, NULL, 0);
        if (fabs(q.best - d[i].best) > 1e-9 * fmax(1, d[i].best)) fail_msg("%s: got %.12g", d[i].t, q.best);
        assert_string_equal(q.unit, d[i].unit);
    }
    /* written numbers keep what was written */
    cc_qty q = q1("50 cents", CC_K_MONEY, NULL, 0);
    NEAR(q.wnum, 50);
    /* a one-letter unit after a space is read only when a unit was asked for */
    assert_true(none("a 3 d printer", CC_K_ANY) || q1("a 3 d printer", CC_K_ANY, NULL, 0).kind != CC_K_DURATION);
}

static void test_units(void **state)
{
    (void)state;
    cc_qty q = q1("34-month", CC_K_DURATION, NULL, 0);
    NEAR(q.best, 34 * 30);
    assert_string_equal(q.unit, "day");
    q = q1("34-month", CC_K_DURATION, NULL, 1); /* completed units */
    NEAR(q.low, 34 * 30);
    NEAR(q.high, 35 * 30);
    q = q1("more than 1,300 days", CC_K_DURATION, NULL, 0);
    NEAR(q.low, 1300);
    q = q1("in its fourth year", CC_K_DURATION, NULL, 0);
    NEAR(q.low, 3 * 365);
    NEAR(q.high, 4 * 365);
    q = q1("entered its fourth year", CC_K_DURATION, NULL, 0); /* its first day */
    NEAR(q.low, 3 * 365);
    NEAR(q.high, 3 * 365);
    q = q1("dragged on into a third year", CC_K_DURATION, NULL, 0);
    NEAR(q.high, 2 * 365);
    q = q1("now well into its third year", CC_K_DURATION, NULL, 0); /* somewhere inside it */
    NEAR(q.high, 3 * 365);
    /* a yearless date's weekday picks its year when the nearest year's does not fit */
    q = q1("on Tuesday, February 18", CC_K_DATE, "2025-10-01", 0);
    NEAR(q.low, (double)cc_days_from_civil(2025, 2, 18));
    /* no weekday: the latest such day on or before the reference date, unless it is at most two
     * months ahead ("talks on January 5" in December); forward in the future tense */
    q = q1("on February 18", CC_K_DATE, "2025-10-01", 0);
    NEAR(q.low, (double)cc_days_from_civil(2025, 2, 18));
    q = q1("on 16 May", CC_K_DATE, "2025-11-30", 0);
    NEAR(q.low, (double)cc_days_from_civil(2025, 5, 16));
    q = q1("on January 5", CC_K_DATE, "2025-12-02", 0);
    NEAR(q.low, (double)cc_days_from_civil(2026, 1, 5));
    {
        cc_normopt o = {1, 0, 0, 1, 0, 0};
        cc_date_parse_iso("2025-11-30", &o.ref);
        cc_qty f;
        assert_int_equal(cc_norm_one(lx, "on 16 May", 9, CC_K_DATE, &o, &f), 0);
        NEAR(f.low, (double)cc_days_from_civil(2026, 5, 16));
    }
    q = q1("Thursday (Mar 12)", CC_K_DATE, "2025-03-14", 0); /* two days back: a slip, not next year */
    NEAR(q.low, (double)cc_days_from_civil(2025, 3, 12));
    q = q1("Day 1,366 of the invasion", CC_K_DURATION, NULL, 0); /* on the Nth day, N - 1 to N days have gone by */
    NEAR(q.low, 1365);
    NEAR(q.high, 1366);
    assert_true(none("Day 3: the talks", CC_K_DURATION));
    /* a compound duration, summed in its smaller unit and as precise as that part */
    q = q1("three years and nine months", CC_K_DURATION, NULL, 0);
    NEAR(q.best, 45 * 30);
    assert_string_equal(q.wunit, "month");
    q = q1("two days, 6 hours", CC_K_DURATION, NULL, 0);
    NEAR(q.best, 2.25);
    q = q1("four years and a week", CC_K_DURATION, NULL, 0); /* "a", "an": one of the smaller unit */
    NEAR(q.best, 4 * 365 + 7);
    assert_string_equal(q.wunit, "week");
    q = q1("a year and a day", CC_K_DURATION, NULL, 0);
    NEAR(q.best, 366);
    q = q1("three years and 100,000 deaths", CC_K_DURATION, NULL, 0); /* no unit after: the years alone */
    NEAR(q.best, 3 * 365);
    q = q1("Posted on 2025.10.14 by staff", CC_K_DATE, NULL, 0); /* dotted, the year first */
    NEAR(q.low, (double)cc_days_from_civil(2025, 10, 14));
    assert_true(none("version 2025.13.40", CC_K_DATE));
    q = q1("Ukraine war: day 1,111", CC_K_DURATION, NULL, 0); /* after what is counted (day_count_of) */
    NEAR(q.low, 1110);
    NEAR(q.high, 1111);
    q = q1("Russia-Ukraine war: key events on day 1,344", CC_K_DURATION, NULL, 0); /* a headline's label */
    NEAR(q.high, 1344);
    assert_true(none("Programme: panels on day 2", CC_K_DURATION));
    q = q1("Days since the full-scale invasion: 1,400", CC_K_DURATION, NULL, 0); /* a label names the unit */
    NEAR(q.best, 1400);
    assert_true(none("Since the invasion: 1,400", CC_K_DURATION));
    assert_true(none("Russia and Ukraine, in days: 1,400", CC_K_DURATION));
    assert_true(none("Trade talks, day 3", CC_K_DURATION));
    assert_true(none("met for a second day", CC_K_DURATION)); /* again, no period entered */
    /* a timeline's year label places a month, or a month and day, written without a year */
    {
        cc_normopt o = {1, cc_days_from_civil(2025, 12, 20), 0, 0, 2023, 0};
        cc_qty f;
        assert_int_equal(cc_norm_one(lx, "in May", 6, CC_K_DATE, &o, &f), 0);
        NEAR(f.low, (double)cc_days_from_civil(2023, 5, 1));
        NEAR(f.high, (double)cc_days_from_civil(2023, 5, 31));
        assert_int_equal(cc_norm_one(lx, "on 24 February", 14, CC_K_DATE, &o, &f), 0);
        NEAR(f.low, (double)cc_days_from_civil(2023, 2, 24));
        assert_false(f.relative);
        assert_int_equal(cc_norm_one(lx, "last May", 8, CC_K_DATE, &o, &f), 0); /* said of the publication date */
        NEAR(f.low, (double)cc_days_from_civil(2025, 5, 1));
    }
    /* a unit glued into an adverb or a comparison is no period */
    assert_true(none("A year-by-year guide to the war", CC_K_DURATION));
    assert_true(none("a year-on-year rise in shelling", CC_K_DURATION));
    assert_true(none("a day-to-day struggle", CC_K_DURATION));
    q = q1("a month-long siege", CC_K_DURATION, NULL, 0);
    NEAR(q.best, 30);
    q = q1("the war's 1,378th day", CC_K_DURATION, NULL, 0); /* past a possessive noun */
    NEAR(q.low, 1377);
    NEAR(q.high, 1378);
    q = q1("entered a second year", CC_K_DURATION, NULL, 0);
    NEAR(q.low, 365);
    q = q1("four-hour", CC_K_DURATION, NULL, 0);
    NEAR(q.best, 4.0 / 24);
    q = q1("10 sq mi", CC_K_AREA, NULL, 0);
    NEAR(q.best, 25.89988110336);
    q = q1("660 square meters", CC_K_AREA, NULL, 0);
    NEAR(q.wnum, 660);
    assert_string_equal(q.wunit, "square meter");
    q = q1("ten miles", CC_K_LENGTH, NULL, 0);
    NEAR(q.best, 16.09344);
    q = q1("$ 75 million", CC_K_MONEY, NULL, 0);
    NEAR(q.wnum, 75e6);
    assert_string_equal(q.unit, "USD");
    q = q1("around US$5 billion", CC_K_MONEY, NULL, 0);
    assert_string_equal(q.unit, "USD");
    NEAR(q.best, 5e9);
    q = q1("5 billion euros", CC_K_MONEY, NULL, 0);
    assert_string_equal(q.unit, "EUR");
    q = q1("€210 billion", CC_K_MONEY, NULL, 0);
    assert_string_equal(q.unit, "EUR");
    q = q1("420 million finnish markka", CC_K_MONEY, NULL, 0);
    assert_string_equal(q.unit, "FIM");
    q = q1("40 per cent", CC_K_PERCENT, NULL, 0);
    NEAR(q.best, 40);
}

static void test_dates(void **state)
{
    (void)state;
    struct { const char *t; const char *lo, *hi; } d[] = {
        {"2026-01-23", "2026-01-23", "2026-01-23"}, {"01/23/2026", "2026-01-23", "2026-01-23"},
        {"23/01/2026", "2026-01-23", "2026-01-23"}, {"Jan. 23, 2026", "2026-01-23", "2026-01-23"},
        {"23 January 2026", "2026-01-23", "2026-01-23"}, {"January 2026", "2026-01-01", "2026-01-31"},
        {"February 2022", "2022-02-01", "2022-02-28"}, {"Friday, January 23, 2026", "2026-01-23", "2026-01-23"},
        /* as bylines write them */
        {"Dec.26 - 2023", "2023-12-26", "2023-12-26"}, {"26-11-2025", "2025-11-26", "2025-11-26"},
        {"June 30th, 2025", "2025-06-30", "2025-06-30"}, {"24 June, 2025", "2025-06-24", "2025-06-24"},
    };
    for (size_t i = 0; i < sizeof d / sizeof *d; i++) {
        cc_qty q = q1(d[i].t, CC_K_DATE, NULL, 0);
        NEAR(q.low, D(d[i].lo));
        NEAR(q.high, D(d[i].hi));
        assert_false(q.relative);
    }
    cc_qty q = q1("2014", CC_K_DATE, NULL, 0);
    NEAR(q.low, D("2014-01-01"));
    NEAR(q.high, D("2014-12-31"));
    /* a month and day without a year keep them, for the page-date finder */
    q = q1("Nov. 20", CC_K_DATE, NULL, 0);
    assert_true(q.unanchored);
    assert_int_equal(q.month, 11);
    assert_int_equal(q.mday, 20);
    /* a bare weekday looks back, or forward when the sentence speaks of what will be */
    {
        cc_normopt o = {1, 0, 0, 1, 0, 0};
        cc_date_parse_iso("2026-01-23", &o.ref); /* a Friday */
        cc_qty f;
        assert_int_equal(cc_norm_one(lx, "Monday", 6, CC_K_DATE, &o, &f), 0);
        NEAR(f.low, D("2026-01-26"));
        o.forward = 0;
        assert_int_equal(cc_norm_one(lx, "Monday", 6, CC_K_DATE, &o, &f), 0);
        NEAR(f.low, D("2026-01-19"));
    }
    /* "Feb. 24 last year": the year is the one before the reference date's */
    q = q1("Feb. 24 last year", CC_K_DATE, "2023-09-22", 0);
    NEAR(q.low, D("2022-02-24"));
    NEAR(q.high, D("2022-02-24"));
    /* the Nth anniversary is exactly N years, with or without a word between */
    q = q1("the fourth anniversary", CC_K_DURATION, NULL, 0);
    NEAR(q.low, 4 * 365);
    NEAR(q.high, 4 * 365);
    /* ordinals in figures and compound ordinals: "its 43rd month", "its forty-third month" (not forty thirds) */
    static const struct { const char *text; double lo, hi; } ord[] = {
        {"now in its 43rd month", 42 * 30, 43 * 30}, {"now in its forty-third month", 42 * 30, 43 * 30},
        {"in its 4th year", 3 * 365, 4 * 365}};
    for (size_t i = 0; i < sizeof ord / sizeof *ord; i++) {
        q = q1(ord[i].text, CC_K_DURATION, NULL, 0);
        NEAR(q.low, ord[i].lo);
        NEAR(q.high, ord[i].hi);
    }
    q = q1("two-thirds", CC_K_NUMBER, NULL, 0); /* a fraction still */
    NEAR(q.best, 2.0 / 3);
    q = q1("a sombre second anniversary", CC_K_DURATION, NULL, 0);
    NEAR(q.low, 2 * 365);
    /* Indian grouping and a scale joined by a hyphen */
    q = q1("3,54,000", CC_K_COUNT, NULL, 0);
    NEAR(q.best, 354000);
    q = q1("Five-hundred", CC_K_COUNT, NULL, 0);
    NEAR(q.best, 500);
    /* a sentence's full stop after a month or a weekday is not theirs (an abbreviation's is) */
    q = q1("met on 21 January.", CC_K_DATE, "2026-01-23", 0);
    SPAN(q, "met on 21 January.", "21 January");
    q = q1("they meet on Monday.", CC_K_DATE, "2026-01-23", 0);
    SPAN(q, "they meet on Monday.", "Monday");
    q = q1("since 24 Feb. 2022", CC_K_DATE, NULL, 0);
    SPAN(q, "since 24 Feb. 2022", "24 Feb. 2022");
    /* what these phrases span (test_date_spans has their days): the words a date takes in */
    q = q1("three years ago, on February 24, 2022", CC_K_DATE, "2025-06-10", 0);
    SPAN(q, "three years ago, on February 24, 2022", "three years ago, on February 24, 2022");
    q = q1("in the early hours of 24 February 2022", CC_K_DATE, NULL, 0);
    SPAN(q, "in the early hours of 24 February 2022", "the early hours of 24 February 2022");
    q = q1("in February and March 2014", CC_K_DATE, "2025-05-18", 0);
    SPAN(q, "in February and March 2014", "in February and March 2014");
    /* …and a month abbreviated before its day, after "since" or "by": the day's date, not the month's */
    q = q1("since Feb. 24, 2022", CC_K_DATE, "2024-08-20", 0);
    SPAN(q, "since Feb. 24, 2022", "Feb. 24, 2022");
    NEAR(q.low, cc_days_from_civil(2022, 2, 24));
    q = q1("by Sept. 30", CC_K_DATE, "2024-08-20", 0);
    NEAR(q.low, cc_days_from_civil(2024, 9, 30));
    /* a range with its unit written twice */
    q = q1("12.5 per cent to 15 per cent", CC_K_PERCENT, NULL, 0);
    NEAR(q.low, 12.5);
    NEAR(q.high, 15);
    q = q1("110 km to 120 km", CC_K_LENGTH, NULL, 0);
    NEAR(q.low, 110);
    NEAR(q.high, 120);
    /* ".26" glued to a word is no decimal */
    q = q1("v.26", CC_K_NUMBER, NULL, 0);
    NEAR(q.best, 26);
}


/* A date read from each text against its reference date (NULL: none) is
 * the interval lo..hi (ISO days). */
typedef struct { const char *text, *ref, *lo, *hi; } date_case;

static void check_dates(const date_case *d, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        cc_qty q = q1(d[i].text, CC_K_DATE, d[i].ref, 0);
        if (fabs(q.low - D(d[i].lo)) > 0.5 || fabs(q.high - D(d[i].hi)) > 0.5)
            fail_msg("%s: got %.0f..%.0f days off", d[i].text, q.low - D(d[i].lo), q.high - D(d[i].hi));
    }
}

/* Dates as intervals: a month standing alone after "in", "early", "mid-",
 * "late" is the latest such month, narrowed to the part written (the parts
 * overlap: a writer's "early" may reach the 15th); a part of a year or a
 * season is the half or the season (winter straddles two years and stays
 * the year); dotted dates, which the tokenizer first reads as a number. */
static void test_date_intervals(void **state)
{
    (void)state;
    static const date_case d[] = {
        {"in June", "2023-12-26", "2023-06-01", "2023-06-30"},
        {"in early June", "2023-12-26", "2023-06-01", "2023-06-15"},
        {"in June last year", "2023-07-08", "2022-06-01", "2022-06-30"},
        {"in mid-December", "2023-02-21", "2022-12-08", "2022-12-23"},
        {"late February 2024", NULL, "2024-02-16", "2024-02-29"},
        {"in early November 2025", NULL, "2025-11-01", "2025-11-15"},
        {"late 2023", NULL, "2023-07-01", "2023-12-31"},
        {"in early 2022", NULL, "2022-01-01", "2022-06-30"},
        {"mid-2024", NULL, "2024-04-01", "2024-09-30"},
        {"the summer of 2024", NULL, "2024-06-01", "2024-08-31"},
        {"autumn 2022", NULL, "2022-09-01", "2022-11-30"},
        {"winter 2022", NULL, "2022-01-01", "2022-12-31"},
        {"24.02.2022", NULL, "2022-02-24", "2022-02-24"},
        {"Posted: 2025/10/18", NULL, "2025-10-18", "2025-10-18"},
        {"on 5.10.2023 the talks began", NULL, "2023-10-05", "2023-10-05"},
        /* spans of dates: from the first day to the last (test_date_spans) */
        {"March 12-14, 2024", "2025-10-01", "2024-03-12", "2024-03-14"},
        {"12-14 March 2024", NULL, "2024-03-12", "2024-03-14"},
        {"between 12 and 14 March 2024", NULL, "2024-03-12", "2024-03-14"},
        {"from June to August 2024", NULL, "2024-06-01", "2024-08-31"},
        {"June-August 2024", NULL, "2024-06-01", "2024-08-31"},
        {"between June and August", "2025-10-01", "2025-06-01", "2025-08-31"},
        {"between June and August", "2025-07-10", "2024-06-01", "2024-08-31"},
        {"from December to February", "2025-04-02", "2024-12-01", "2025-02-28"},
        {"between March 2023 and May 2024", NULL, "2023-03-01", "2024-05-31"},
        {"from 24 February 2022 to 1 March 2022", NULL, "2022-02-24", "2022-03-01"},
        /* a day and the next told with "and" are one span (a two-day meeting); two other days are not */
        {"met on May 16 and 17, 2025", NULL, "2025-05-16", "2025-05-17"},
        {"on 16 and 17 May 2025", NULL, "2025-05-16", "2025-05-17"},
        {"met on Tuesday and Wednesday", "2025-11-20", "2025-11-18", "2025-11-19"},
        {"met on Tuesday and Thursday", "2025-11-20", "2025-11-18", "2025-11-18"},
        {"on May 16 and June 2", "2025-11-20", "2025-05-16", "2025-05-16"},
        /* months listed with one year are one span in that year */
        {"in February and March 2014", "2025-05-18", "2014-02-01", "2014-03-31"},
        {"in May or June, 2023", "2025-05-18", "2023-05-01", "2023-06-30"},
        {"in February and in March", "2025-05-18", "2025-02-01", "2025-02-28"},
        /* a season named from the reference date: this year's, the last one over, the next to begin */
        {"this summer", "2025-12-02", "2025-06-01", "2025-08-31"},
        {"last summer", "2025-07-10", "2024-06-01", "2024-08-31"},
        {"last spring", "2025-12-02", "2025-03-01", "2025-05-31"},
        {"next autumn", "2025-12-02", "2026-09-01", "2026-11-30"},
        /* a time ago set beside the date it was is that date; a part of the day before a date is that day */
        {"three years ago, on February 24, 2022", "2025-06-10", "2022-02-24", "2022-02-24"},
        {"eleven years ago, in March 2014", "2025-06-10", "2014-03-01", "2014-03-31"},
        /* …and a month and day without a year: that day in the year the time ago points to */
        {"two years ago, on 24 February", "2024-02-27", "2022-02-24", "2022-02-24"},
        {"a year ago, on Feb. 24", "2023-03-10", "2022-02-24", "2022-02-24"},
        {"in the early hours of 24 February 2022", NULL, "2022-02-24", "2022-02-24"},
        {"on the morning of May 16, 2025", NULL, "2025-05-16", "2025-05-16"},
    };
    check_dates(d, sizeof d / sizeof *d);
    /* a hedge word that is a verb before the date's preposition hedges nothing */
    {
        cc_qty e = q1("Britain estimated in June that", CC_K_DATE, "2025-07-05", 0);
        NEAR(e.low, D("2025-06-01"));
        NEAR(e.high, D("2025-06-30"));
        assert_int_equal(e.hedge, CC_H_NONE);
    }
    /* "since" and "by" bound a period: rules look for them before the date,
     * so they are not its words; "in" is */
    static const struct { const char *text, *span; } w[] = {
        {"since August", "August"}, {"by late March", "late March"}, {"in June", "in June"},
    };
    for (size_t i = 0; i < sizeof w / sizeof *w; i++) {
        cc_qty q = q1(w[i].text, CC_K_DATE, "2025-10-01", 0);
        SPAN(q, w[i].text, w[i].span);
    }
}

/* A fraction of a scale word is an amount ("a quarter of a million"), and a
 * "+" after a figure is its floor ("950,000+"). */
static void test_fraction_of_scale(void **state)
{
    (void)state;
    cc_qty q = q1("a quarter of a million troops", CC_K_COUNT, NULL, 0);
    NEAR(q.best, 250000);
    q = q1("three-quarters of a billion dollars", CC_K_ANY, NULL, 0);
    NEAR(q.best, 7.5e8);
    q = q1("losses: 950,000+ so far", CC_K_COUNT, NULL, 0);
    NEAR(q.low, 950000);
    assert_true(isinf(q.high) || isnan(q.high) || q.high > 1e12);
}

/* A part of a month or a year told as a noun before "of". */
static void test_date_part_nouns(void **state)
{
    (void)state;
    /* "almost exactly": close to the day, not on it */
    cc_qty a = q1("almost exactly four years ago", CC_K_DATE, "2026-02-20", 0);
    assert_int_equal(a.hedge, CC_H_APPROX);
    assert_true(a.low < cc_days_from_civil(2022, 2, 20) && a.high > cc_days_from_civil(2022, 2, 22));
    cc_qty q = q1("at the end of March 2022", CC_K_DATE, NULL, 0);
    assert_int_equal(q.low, cc_days_from_civil(2022, 3, 16));
    assert_int_equal(q.high, cc_days_from_civil(2022, 3, 31));
    q = q1("by the start of 2024", CC_K_DATE, NULL, 0);
    assert_int_equal(q.low, cc_days_from_civil(2024, 1, 1));
    assert_int_equal(q.high, cc_days_from_civil(2024, 6, 30));
    assert_true(none("the end of the war", CC_K_DATE));
}

/* A span of dates is one interval, from its first day to its last: two
 * days of one month, two months, two whole dates; the year written at the
 * end holds for both ends, and without one the latest such span before the
 * reference date is meant (the rows of test_date_intervals). "and" joins
 * the ends only after "between", or two days that follow each other. Here:
 * what is no span. */
static void test_date_spans(void **state)
{
    (void)state;
    /* no reference date and no year: unanchored, never guessed */
    assert_true(q1("between June and August", CC_K_DATE, NULL, 0).unanchored);
    /* "and" without "between" lists two dates; an end before the start is no span */
    cc_qty q = q1("June 3, 2024 and June 5, 2024", CC_K_DATE, NULL, 0);
    NEAR(q.high, D("2024-06-03"));
    q = q1("14-12 March 2024", CC_K_DATE, NULL, 0);
    NEAR(q.low, q.high);
}

static void test_relative_dates(void **state)
{
    (void)state;
    const char *ref = "2026-01-23"; /* a Friday */
    struct { const char *t; const char *lo, *hi; } d[] = {
        {"Wednesday", "2026-01-21", "2026-01-21"}, {"Friday", "2026-01-23", "2026-01-23"},
        {"last Thursday", "2026-01-22", "2026-01-22"}, {"last Friday", "2026-01-16", "2026-01-16"},
        {"next Monday", "2026-01-26", "2026-01-26"}, {"last August", "2025-08-01", "2025-08-31"},
        {"three years ago today", "2023-01-23", "2023-01-23"}, {"exactly three years ago", "2023-01-23", "2023-01-23"},
        {"two years ago this morning", "2024-01-23", "2024-01-23"}, {"a year ago tonight", "2025-01-23", "2025-01-23"},
        {"earlier this month", "2026-01-01", "2026-01-23"},
        {"four years ago this week", "2022-01-17", "2022-01-23"}, {"a year ago this month", "2025-01-01", "2025-01-31"},
        {"later this week", "2026-01-23", "2026-01-25"}, {"later this month", "2026-01-23", "2026-01-31"},
        {"next week", "2026-01-26", "2026-02-01"}, {"last month", "2025-12-01", "2025-12-31"},
        {"last weekend", "2026-01-17", "2026-01-18"}, {"this weekend", "2026-01-24", "2026-01-25"},
        {"next weekend", "2026-01-31", "2026-02-01"},
        {"yesterday", "2026-01-22", "2026-01-22"}, {"Saturday (Jan 24)", "2026-01-24", "2026-01-24"},
        /* "this" names the day of the week the reference date is in (Monday to Sunday) */
        {"this Saturday", "2026-01-24", "2026-01-24"}, {"this Sunday", "2026-01-25", "2026-01-25"},
        {"this Monday", "2026-01-19", "2026-01-19"}, {"this Friday", "2026-01-23", "2026-01-23"},
    };
    for (size_t i = 0; i < sizeof d / sizeof *d; i++) {
        cc_qty q = q1(d[i].t, CC_K_DATE, ref, 0);
        if (fabs(q.low - D(d[i].lo)) > 0.5 || fabs(q.high - D(d[i].hi)) > 0.5)
            fail_msg("%s: got %.0f..%.0f", d[i].t, q.low - D(d[i].lo), q.high - D(d[i].hi));
        assert_true(q.relative);
    }
    /* a weekday beside its date is checked against the calendar */
    cc_qty q = q1("Saturday (Jan 25)", CC_K_DATE, ref, 0);
    assert_int_equal(q.weekday, 6);
    assert_int_equal(q.weekday_actual, 0);
    /* without a reference date a relative phrase is unanchored, never guessed */
    q = q1("Wednesday", CC_K_DATE, NULL, 0);
    assert_true(q.unanchored);
    assert_true(isnan(q.low));
}

static void test_not_quantities(void **state)
{
    (void)state;
    const char *no[] = {"F-16", "Article 5", "G7", "the 1990s", "call 555-123-4567", "COVID-19", "+1 202 555 0143",
                        "(202) 555-0143", "at 10:40", "MiG-29", "the sun", "Flight 17", "a second session"};
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (!none(no[i], CC_K_ANY)) fail_msg("'%s' must not parse as a quantity", no[i]);
    assert_true(none("It may rain", CC_K_DATE));
    assert_false(none("wait a second.", CC_K_ANY)); /* an ordinal before a word, a unit at the end */
}

static void test_scan_many(void **state)
{
    (void)state;
    const char *s = "About 40% of Donetsk and 5,000 km² and nearly four years";
    cc_normopt o = {0, 0, 0, 0, 0, 0};
    cc_qty q[8];
    size_t n = cc_norm_scan(lx, s, strlen(s), CC_K_ANY, &o, q, 8);
    assert_int_equal(n, 3);
    SPAN(q[0], s, "About 40%");
    SPAN(q[1], s, "5,000 km²");
    SPAN(q[2], s, "nearly four years");
    assert_int_equal(cc_norm_scan(lx, s, strlen(s), CC_K_AREA, &o, q, 8), 1);
}

/* "6,500 of the 26,500 square kilometres": a part of a whole, the unit
 * written once, after the whole; the whole is no quantity of its own. */
static void test_part_of_whole(void **state)
{
    (void)state;
    static const struct { const char *s, *span; double best; } c[] = {
        {"Ukraine still holds about 6,500 of the 26,500 square kilometres of Donetsk", "about 6,500", 6500},
        {"Russia controls about 20,000 of the Donetsk region's 26,500 sq km", "about 20,000", 20000},
        {"some 300 of its 1,300 km2", "some 300", 300},
    };
    cc_normopt o = {0, 0, 0, 0, 0, 0};
    for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
        cc_qty q[4];
        size_t n = cc_norm_scan(lx, c[i].s, strlen(c[i].s), CC_K_ANY, &o, q, 4);
        assert_int_equal(n, 1);
        assert_int_equal(q[0].kind, CC_K_AREA);
        NEAR(q[0].best, c[i].best);
        SPAN(q[0], c[i].s, c[i].span);
    }
    /* a count of things of the whole's unit only: "500 of the 2,000 troops" is no unit */
    cc_qty q[4];
    const char *t = "500 of the 2,000 troops";
    assert_int_equal(cc_norm_scan(lx, t, strlen(t), CC_K_ANY, &o, q, 4), 2);
}

/* "1,100-plus days": the figure with "plus" glued by a hyphen is a floor,
 * its unit after it. */
static void test_hyphen_plus(void **state)
{
    (void)state;
    cc_qty q = q1("the 1,100-plus days of fighting", CC_K_DURATION, NULL, 0);
    assert_int_equal(q.hedge, CC_H_ATLEAST);
    NEAR(q.low, 1100);
    assert_true(isinf(q.high));
    q = q1("his 20-plus years in the army", CC_K_DURATION, NULL, 0);
    NEAR(q.low, 20 * 365);
    q = q1("a 40-plus-day siege", CC_K_DURATION, NULL, 0);
    NEAR(q.low, 40);
}

/* "the whole of Luhansk except a few villages": nearly the whole. */
static void test_whole_except(void **state)
{
    (void)state;
    cc_qty q = q1("Moscow holds the whole of Luhansk except for a few villages", CC_K_PERCENT, NULL, 0);
    assert_int_equal(q.hedge, CC_H_NEARLY);
    NEAR(q.high, 100);
    assert_true(q.low < 100 && q.low >= 87.5 - 1e-6);
    q = q1("Russia controls all of Luhansk apart from a sliver in the west", CC_K_PERCENT, NULL, 0);
    assert_int_equal(q.hedge, CC_H_NEARLY);
    q = q1("Russia controls all of Luhansk", CC_K_PERCENT, NULL, 0);
    NEAR(q.low, 100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokens), cmocka_unit_test(test_token_values_match_strtod), cmocka_unit_test(test_numbers), cmocka_unit_test(test_hedges),
        cmocka_unit_test(test_vague), cmocka_unit_test(test_ranges), cmocka_unit_test(test_fractions),
        cmocka_unit_test(test_units), cmocka_unit_test(test_dates), cmocka_unit_test(test_date_intervals), cmocka_unit_test(test_date_spans), cmocka_unit_test(test_relative_dates),
        cmocka_unit_test(test_not_quantities), cmocka_unit_test(test_scan_many),
        cmocka_unit_test(test_written_fractions_and_decimals), cmocka_unit_test(test_durations_and_money_forms),
        cmocka_unit_test(test_whole_or_hedge), cmocka_unit_test(test_date_part_nouns),
        cmocka_unit_test(test_fraction_of_scale), cmocka_unit_test(test_part_of_whole), cmocka_unit_test(test_whole_except), cmocka_unit_test(test_hyphen_plus),
    };
    return cmocka_run_group_tests_name("normalizer", tests, setup, teardown);
}

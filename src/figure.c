#include "cc_figure.h"
#include "cc_date.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int is(const char *u, const char *name) { return strcmp(u, name) == 0; }

/* An amount of money or another unit written before its number ("USD 4.5
 * billion"); counts, shares, areas, durations and dates have their own. */
static int unit_first(const char *u)
{
    return *u && !is(u, "count") && !is(u, "percent") && !is(u, "km2") && !is(u, "day") && !is(u, "date");
}

/* How many decimals a computed value of unit needs: a share to one, a
 * whole count, area or amount from 100 up, two below that. */
static int decimals_for(double ax, const char *u)
{
    if (is(u, "percent")) return 1;
    return ax >= 100 ? 0 : 2;
}

/* x with dec decimals (trailing zeros dropped) and thousands separators. */
static void fixed(cc_buf *b, double x, int dec)
{
    char tmp[400];
    snprintf(tmp, sizeof tmp, "%.*f", dec, fabs(x));
    size_t n = strlen(tmp), dot = strcspn(tmp, ".");
    if (dot < n) { /* "18.30" -> "18.3", "81.0" -> "81" */
        while (n > dot + 1 && tmp[n - 1] == '0') n--;
        if (n == dot + 1) n = dot;
    }
    int zero = 1;
    for (size_t i = 0; i < n; i++)
        if (tmp[i] >= '1' && tmp[i] <= '9') zero = 0;
    if (x < 0 && !zero) cc_buf_putc(b, '-');
    for (size_t i = 0; i < dot; i++) {
        if (i && (dot - i) % 3 == 0) cc_buf_putc(b, ',');
        cc_buf_putc(b, tmp[i]);
    }
    cc_buf_put(b, tmp + dot, n - dot);
}

/* A number at dec decimals more than its unit needs (a range whose two ends
 * would print alike asks for more, so that rounding never hides a gap). */
static void number_at(cc_buf *b, double v, const char *u, int more)
{
    if (is(u, "date")) {
        char d[11];
        cc_date_format((int64_t)llround(v), d);
        cc_buf_puts(b, d);
        return;
    }
    double ax = fabs(v);
    if (unit_first(u) && ax >= 1e6) { /* amounts in scale words: "4.5 billion" */
        static const struct { double f; const char *w; } sc[] = {{1e12, "trillion"}, {1e9, "billion"}, {1e6, "million"}};
        for (size_t i = 0; i < sizeof sc / sizeof *sc; i++)
            if (ax >= sc[i].f) {
                fixed(b, v / sc[i].f, 3 + more);
                cc_buf_printf(b, " %s", sc[i].w);
                return;
            }
    }
    fixed(b, v, decimals_for(ax, u) + more);
}

void cc_figure_number(cc_buf *b, double v, const char *unit)
{
    if (!isfinite(v)) { cc_buf_puts(b, v < 0 ? "no lower bound" : isnan(v) ? "unknown" : "no upper bound"); return; }
    number_at(b, v, unit ? unit : "", 0);
}

/* Both ends of [lo, hi], at the fewest extra decimals that keeps them apart. */
static void two_ends(cc_buf *b, double lo, double hi, const char *u, double scale)
{
    for (int more = 0;; more++) {
        cc_buf x, y;
        cc_buf_init(&x);
        cc_buf_init(&y);
        number_at(&x, lo * scale, u, more);
        number_at(&y, hi * scale, u, more);
        int same = x.len == y.len && memcmp(x.s, y.s, x.len) == 0;
        if (!same || more >= 4 || is(u, "date")) {
            cc_buf_puts(b, "between ");
            cc_buf_put(b, x.s, x.len);
            cc_buf_puts(b, " and ");
            cc_buf_put(b, y.s, y.len);
            cc_buf_free(&x);
            cc_buf_free(&y);
            return;
        }
        cc_buf_free(&x);
        cc_buf_free(&y);
    }
}

void cc_figure_range(cc_buf *b, const cc_qty *q)
{
    const char *u = q->unit ? q->unit : "";
    if (q->unanchored) { cc_buf_puts(b, "unanchored (no publication date)"); return; }
    int date = is(u, "date");
    double scale = 1;
    const char *suffix = "";
    if (is(u, "percent")) suffix = "%";
    else if (is(u, "km2")) suffix = " km²";
    else if (is(u, "day")) {
        double big = isfinite(q->high) ? q->high : q->low;
        if (big < 1.0 / 12) { scale = 1440; suffix = " minutes"; }
        else if (big < 2) { scale = 24; suffix = " hours"; }
        else suffix = " days";
    } else if (unit_first(u)) {
        cc_buf_printf(b, "%s ", u);
    }
    if (isnan(q->low) || isnan(q->high) || (!isfinite(q->low) && !isfinite(q->high))) {
        cc_buf_puts(b, "any value");
        return;
    }
    if (q->low == q->high) {
        cc_buf_puts(b, date ? "on " : "");
        number_at(b, q->low * scale, u, 0);
    } else if (!isfinite(q->high)) {
        cc_buf_puts(b, date ? "on or after " : "at least ");
        number_at(b, q->low * scale, u, 0);
    } else if (!isfinite(q->low)) {
        cc_buf_puts(b, date ? "on or before " : "at most ");
        number_at(b, q->high * scale, u, 0);
    } else {
        two_ends(b, q->low, q->high, u, scale);
    }
    cc_buf_puts(b, suffix);
}

#include "cc_date.h"

#include <stdio.h>
#include <string.h>

/* Howard Hinnant's civil-date algorithms (public-domain description). */
int64_t cc_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void cc_civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yy = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

int cc_weekday(int64_t days)
{
    int64_t w = (days + 4) % 7; /* 1970-01-01 was a Thursday */
    return (int)(w < 0 ? w + 7 : w);
}

int cc_days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dm[m - 1];
}

int cc_date_valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= cc_days_in_month(y, m);
}

void cc_date_format(int64_t days, char *out)
{
    int y, m, d;
    cc_civil_from_days(days, &y, &m, &d);
    if (y < 0 || y > 9999) { strcpy(out, "0000-00-00"); return; }
    int v[3] = {y, m, d}, w[3] = {4, 2, 2};
    char *o = out;
    for (int k = 0; k < 3; k++) {
        if (k) *o++ = '-';
        for (int q = w[k] - 1, x = v[k]; q >= 0; q--, x /= 10) o[q] = (char)('0' + x % 10);
        o += w[k];
    }
    *o = 0;
}

int cc_date_parse_iso(const char *s, int64_t *out)
{
    int y, m, d, n = 0;
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10) return -1;
    if (s[4] != '-' || s[7] != '-' || !cc_date_valid(y, m, d)) return -1;
    *out = cc_days_from_civil(y, m, d);
    return 0;
}

int64_t cc_add_months(int64_t days, int months)
{
    int y, m, d;
    cc_civil_from_days(days, &y, &m, &d);
    int total = y * 12 + (m - 1) + months;
    int ny = total >= 0 ? total / 12 : (total - 11) / 12;
    int nm = total - ny * 12 + 1;
    int dim = cc_days_in_month(ny, nm);
    return cc_days_from_civil(ny, nm, d > dim ? dim : d);
}

void cc_date_period_format(int64_t lo, int64_t hi, char *out)
{
    int y0, m0, d0, y1, m1, d1;
    cc_civil_from_days(lo, &y0, &m0, &d0);
    cc_civil_from_days(hi, &y1, &m1, &d1);
    if (lo >= hi) cc_date_format(lo, out);
    else if (y0 == y1 && m0 == 1 && d0 == 1 && m1 == 12 && d1 == 31) snprintf(out, 25, "%04d", y0);
    else if (y0 == y1 && m0 == m1 && d0 == 1 && d1 == cc_days_in_month(y1, m1)) snprintf(out, 25, "%04d-%02d", y0, m0);
    else {
        cc_date_format(lo, out);
        memcpy(out + 10, " to ", 4);
        cc_date_format(hi, out + 14);
    }
}

/* cc_date: proleptic Gregorian calendar arithmetic on day numbers
 * (days since 1970-01-01, negative before). Pure functions, no state. */
#ifndef CC_DATE_H
#define CC_DATE_H

#include <stdint.h>

int64_t cc_days_from_civil(int y, int m, int d);
void cc_civil_from_days(int64_t z, int *y, int *m, int *d);
/* 0 = Sunday … 6 = Saturday. */
int cc_weekday(int64_t days);
int cc_days_in_month(int y, int m);
/* 1 when y-m-d names a real calendar day. */
int cc_date_valid(int y, int m, int d);
/* Writes YYYY-MM-DD (out must hold 11 bytes). */
void cc_date_format(int64_t days, char *out);
/* Writes the days [lo, hi] as a reader names them: YYYY-MM-DD for one day,
 * YYYY-MM for a whole month, YYYY for a whole year, else "A to B" (out must
 * hold 25 bytes). */
void cc_date_period_format(int64_t lo, int64_t hi, char *out);
/* Parses exactly YYYY-MM-DD; 0 on success, -1 when malformed or impossible. */
int cc_date_parse_iso(const char *s, int64_t *out);
/* Adds months, clamping the day to the target month's length. */
int64_t cc_add_months(int64_t days, int months);

#endif

/* cc_figure: figures as a reader reads them, in every report format. One
 * place decides how a value the engine computed is written: thousands
 * separators, no more decimals than the unit needs (a share to one
 * decimal, a count or an area in whole units), dates as dates, open bounds
 * in words, never e-notation or "inf". */
#ifndef CC_FIGURE_H
#define CC_FIGURE_H

#include "cc_norm.h"
#include "cc_util.h"

/* One finite value in unit ("count", "percent", "day", "km2", "date", a
 * currency code...), without the unit's name or sign. */
void cc_figure_number(cc_buf *b, double v, const char *unit);
/* A value interval with its unit: "45,000", "between 39,611 and 48,413",
 * "at least 45,000", "fewer than 20%"-style open bounds ("at most 20%"),
 * "on or after 2022-02-24", "USD 4.5 billion", "between 1,095 and 1,460 days". */
void cc_figure_range(cc_buf *b, const cc_qty *q);

#endif

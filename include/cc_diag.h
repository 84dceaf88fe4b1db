/* cc_diag: errors and warnings as values. Library code appends diagnostics
 * to a list; only the CLI decides how to print them.
 *
 * Ownership: the list owns every string in it; cc_diags_free releases them. */
#ifndef CC_DIAG_H
#define CC_DIAG_H

#include "cc_util.h"

typedef enum { CC_D_ERROR, CC_D_WARNING, CC_D_NOTE } cc_dlevel;

typedef struct {
    cc_dlevel level;
    char *file;     /* may be NULL */
    int line, col;  /* 1-based; 0 when unknown */
    char *msg;
    char *source;   /* the source line, for a caret under col; may be NULL */
} cc_diag;

typedef struct {
    cc_diag *items;
    size_t n;
    size_t errors;
} cc_diags;

void cc_diags_init(cc_diags *d);
void cc_diags_free(cc_diags *d);
void cc_diag_add(cc_diags *d, cc_dlevel lvl, const char *file, int line, int col, const char *source,
                 const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* Prints "file:line:col: level: msg", then the source line and a caret. */
void cc_diag_print(const cc_diag *g, void *stream, int color);

#endif

#include "cc_diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cc_diags_init(cc_diags *d) { memset(d, 0, sizeof *d); }

void cc_diags_free(cc_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->items[i].file);
        free(d->items[i].msg);
        free(d->items[i].source);
    }
    free(d->items);
    cc_diags_init(d);
}

void cc_diag_add(cc_diags *d, cc_dlevel lvl, const char *file, int line, int col, const char *source,
                 const char *fmt, ...)
{
    d->items = cc_xrealloc(d->items, (d->n + 1) * sizeof *d->items);
    cc_diag *g = &d->items[d->n++];
    g->level = lvl;
    g->file = file ? cc_xstrdup(file) : NULL;
    g->line = line;
    g->col = col;
    g->source = source ? cc_xstrdup(source) : NULL;
    cc_buf b;
    cc_buf_init(&b);
    va_list ap;
    va_start(ap, fmt);
    cc_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    g->msg = cc_buf_take(&b);
    if (lvl == CC_D_ERROR) d->errors++;
}

static void put_clean(FILE *f, const char *s)
{
    cc_buf b;
    cc_buf_init(&b);
    cc_buf_put_clean(&b, s, strlen(s));
    if (b.len) fwrite(b.s, 1, b.len, f);
    cc_buf_free(&b);
}

void cc_diag_print(const cc_diag *g, void *stream, int color)
{
    FILE *f = stream;
    static const char *names[] = {"error", "warning", "note"};
    static const char *colors[] = {"\033[1;31m", "\033[1;35m", "\033[1;36m"};
    if (g->file) {
        put_clean(f, g->file);
        if (g->line) fprintf(f, ":%d", g->line);
        if (g->line && g->col) fprintf(f, ":%d", g->col);
        fputs(": ", f);
    } else {
        fputs("claimcheck: ", f);
    }
    fprintf(f, "%s%s:%s ", color ? colors[g->level] : "", names[g->level], color ? "\033[0m" : "");
    put_clean(f, g->msg);
    fputc('\n', f);
    if (g->source && g->col > 0) {
        fputs("  ", f);
        put_clean(f, g->source);
        fputs("\n  ", f);
        /* the caret goes under code point col; tabs are kept so it lines up */
        const char *s = g->source;
        int cp = 1;
        while (*s && cp < g->col) {
            unsigned char c = (unsigned char)*s;
            if ((c & 0xC0) != 0x80) { fputc(c == '\t' ? '\t' : ' ', f); cp++; }
            s++;
        }
        fprintf(f, "%s^%s\n", color ? "\033[1;32m" : "", color ? "\033[0m" : "");
    }
}

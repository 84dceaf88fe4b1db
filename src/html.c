/* The editorial HTML report: one self-contained page (no scripts, no
 * network, no external fonts). A summary table, then per finding the claims
 * side by side with their sentences and the quoted words marked, each
 * source's name and date, and an inline SVG drawing every claim's interval
 * on one axis. Every piece of article text goes through esc(). */
#include "cc_date.h"
#include "cc_report.h"
#include "cc_wording.h"
#include "cc_figure.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void esc_n(cc_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        /* bidi embedding, override and isolate controls (U+202A-U+202E,
         * U+2066-U+2069) would reorder what the editor reads: show them */
        unsigned cp = c == 0xE2 ? cc_utf8_bidi_control(s + i, n - i) : 0;
        if (cp) {
            cc_buf_printf(b, "<span class=\"ctl\" title=\"a bidirectional control character in the article\">U+%04X</span>", cp);
            i += 2;
            continue;
        }
        switch (c) {
        case '&': cc_buf_puts(b, "&amp;"); break;
        case '<': cc_buf_puts(b, "&lt;"); break;
        case '>': cc_buf_puts(b, "&gt;"); break;
        case '"': cc_buf_puts(b, "&quot;"); break;
        case '\'': cc_buf_puts(b, "&#39;"); break;
        default:
            /* control characters other than tab and newline are shown as U+FFFD */
            if (c < 0x20 && c != '\t' && c != '\n') cc_buf_puts(b, "\xEF\xBF\xBD");
            else cc_buf_putc(b, (char)c);
        }
    }
}
static void esc(cc_buf *b, const char *s) { esc_n(b, s, strlen(s)); }

static const char *sevname(cc_severity s) { return cc_severity_name(s); }

static void value_text(cc_buf *b, const cc_claim *c)
{
    cc_buf t;
    cc_buf_init(&t);
    cc_figure_range(&t, &c->val);
    esc_n(b, t.s ? t.s : "", t.len);
    cc_buf_free(&t);
}

static void tick_label(cc_buf *b, double v, int date, const char *unit)
{
    if (date) {
        char d[11];
        cc_date_format((int64_t)llround(v), d);
        cc_buf_puts(b, d);
    } else {
        cc_buf t;
        cc_buf_init(&t);
        cc_figure_number(&t, v, unit ? unit : "");
        esc_n(b, t.s ? t.s : "", t.len);
        cc_buf_free(&t);
    }
}

/* Claims not compared for want of a date, each with where it stands and why. */
static void unanchored_section(cc_buf *b, const cc_run *r)
{
    size_t n = cc_report_unanchored(r);
    if (!n) return;
    cc_buf_printf(b, "<h2>Not compared: %zu claim%s without a date</h2><ul id=\"unanchored\">\n", n, n == 1 ? "" : "s");
    for (size_t i = 0; i < r->claims.n; i++) {
        const cc_claim *c = &r->claims.items[i];
        const char *why = cc_report_unanchored_why(c);
        if (!why) continue;
        cc_buf t;
        cc_buf_init(&t);
        cc_word_claim(&t, c);
        cc_buf_puts(b, "<li><code>");
        esc(b, r->docs[c->doc].path);
        cc_buf_printf(b, ":%d:%d</code> [", c->line, c->col);
        esc(b, c->rule->id);
        cc_buf_puts(b, "] ");
        esc_n(b, t.s ? t.s : "", t.len);
        cc_buf_puts(b, " <span class=\"muted\">");
        esc(b, why);
        cc_buf_puts(b, "</span></li>\n");
        cc_buf_free(&t);
    }
    cc_buf_puts(b, "</ul>\n");
}

/* Every claim's interval on one axis; the flagged one in red. */
static void chart(cc_buf *b, const cc_run *r, const cc_finding *f)
{
    double lo = INFINITY, hi = -INFINITY;
    int date = 0;
    const char *unit = NULL;
    for (size_t j = 0; j < f->nclaims; j++) {
        const cc_claim *c = &r->claims.items[f->claims[j]];
        if (c->unanchored) continue;
        date = c->val.kind == CC_K_DATE;
        unit = c->val.unit;
        const double v[3] = {c->val.low, c->val.high, c->val.best};
        for (int k = 0; k < 3; k++)
            if (isfinite(v[k])) { if (v[k] < lo) lo = v[k]; if (v[k] > hi) hi = v[k]; }
    }
    if (!isfinite(lo) || !isfinite(hi)) return;
    if (hi - lo < 1e-9) { lo -= 1; hi += 1; }
    double pad = (hi - lo) * 0.08;
    lo -= pad;
    hi += pad;
    const int W = 760, L = 230, R = 740, top = 30, row = 28;
    int H = top + (int)f->nclaims * row + 10;
    cc_buf_printf(b, "<svg class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">", W, H, W, H);
    cc_buf_puts(b, "<title>Each claim's interval on one axis</title>");
    cc_buf prev, cur;
    cc_buf_init(&prev);
    for (int t = 0; t <= 4; t++) {
        double v = lo + (hi - lo) * t / 4.0;
        double x = L + (R - L) * t / 4.0;
        cc_buf_init(&cur);
        tick_label(&cur, v, date, unit);
        /* a short date axis rounds two ticks to one day: label it once */
        if (prev.len == cur.len && cur.len && memcmp(prev.s, cur.s, cur.len) == 0) { cc_buf_free(&cur); continue; }
        cc_buf_printf(b, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", x, top - 8, x, H - 6);
        cc_buf_printf(b, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">", x, top - 12,
                      t == 0 ? "start" : t == 4 ? "end" : "middle");
        cc_buf_put(b, cur.s ? cur.s : "", cur.len);
        cc_buf_puts(b, "</text>");
        cc_buf_free(&prev);
        prev = cur;
    }
    cc_buf_free(&prev);
    for (size_t j = 0; j < f->nclaims; j++) {
        const cc_claim *c = &r->claims.items[f->claims[j]];
        int y = top + (int)j * row + row / 2;
        const char *role = cc_report_role(f, j);
        const char *path = r->docs[c->doc].path, *base = strrchr(path, '/');
        base = base ? base + 1 : path;
        cc_buf_printf(b, "<g class=\"interval %s\" data-claim=\"%zu\">", role, j);
        cc_buf_printf(b, "<text class=\"label\" x=\"4\" y=\"%d\">%s · ", y + 4, role);
        esc(b, base);
        cc_buf_printf(b, ":%d</text>", c->line);
        if (c->unanchored) { cc_buf_puts(b, "</g>"); continue; }
        double a = c->val.low, z = c->val.high;
        double xa = isfinite(a) ? L + (a - lo) / (hi - lo) * (R - L) : L;
        double xz = isfinite(z) ? L + (z - lo) / (hi - lo) * (R - L) : R;
        cc_buf_printf(b, "<line class=\"bar\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", xa, y, xz, y);
        if (!isfinite(a)) cc_buf_printf(b, "<polygon class=\"open\" points=\"%d,%d %d,%d %d,%d\"/>", L - 6, y, L + 2, y - 5, L + 2, y + 5);
        else cc_buf_printf(b, "<line class=\"end\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", xa, y - 6, xa, y + 6);
        if (!isfinite(z)) cc_buf_printf(b, "<polygon class=\"open\" points=\"%d,%d %d,%d %d,%d\"/>", R + 6, y, R - 2, y - 5, R - 2, y + 5);
        else cc_buf_printf(b, "<line class=\"end\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", xz, y - 6, xz, y + 6);
        if (isfinite(c->val.best))
            cc_buf_printf(b, "<circle class=\"best\" cx=\"%.1f\" cy=\"%d\" r=\"4\"/>", L + (c->val.best - lo) / (hi - lo) * (R - L), y);
        cc_buf_puts(b, "</g>");
    }
    cc_buf_puts(b, "</svg>\n");
}

static void claim_card(cc_buf *b, const cc_run *r, const cc_finding *f, size_t j)
{
    const cc_claim *c = &r->claims.items[f->claims[j]];
    const cc_doc *d = &r->docs[c->doc];
    const char *role = cc_report_role(f, j);
    cc_buf_printf(b, "<article class=\"claim %s\"><header><span class=\"role\">%s</span> <span class=\"where\">", role, role);
    esc(b, d->path);
    cc_buf_printf(b, ":%d:%d</span><br><span class=\"source\">", c->line, c->col);
    esc(b, d->source ? d->source : "unnamed outlet");
    cc_buf_puts(b, "</span> · <span class=\"date\">");
    if (d->has_date) {
        char ds[11];
        cc_date_format(d->date, ds);
        cc_buf_puts(b, ds);
    } else {
        cc_buf_puts(b, "undated");
    }
    cc_buf_puts(b, "</span> <span class=\"datesrc\">(");
    esc(b, d->date_source);
    cc_buf_puts(b, ")</span></header><blockquote class=\"sentence\">");
    const char *st;
    size_t sl, at;
    if (cc_run_claim_sentence(r, f->claims[j], &st, &sl, &at)) {
        esc_n(b, st, c->start - at);
        cc_buf_puts(b, "<mark>");
        esc_n(b, st + (c->start - at), c->end - c->start);
        cc_buf_puts(b, "</mark>");
        esc_n(b, st + (c->end - at), at + sl - c->end);
    } else {
        cc_buf_puts(b, "<mark>");
        esc_n(b, c->quote, c->quote_len);
        cc_buf_puts(b, "</mark>");
    }
    cc_buf_puts(b, "</blockquote><p class=\"read\">read as ");
    value_text(b, c);
    if (c->raw.hedge != CC_H_NONE) {
        cc_buf_puts(b, " (hedge: ");
        esc(b, cc_hedge_name(c->raw.hedge));
        cc_buf_putc(b, ')');
    }
    cc_buf_puts(b, "<br><span class=\"how\">");
    cc_buf t;
    cc_buf_init(&t);
    cc_word_claim(&t, c);
    esc_n(b, t.s ? t.s : "", t.len);
    cc_buf_free(&t);
    cc_buf_puts(b, "</span></p></article>\n");
}

static const char *css =
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:1100px;color:#1d1d1f;padding:0 1em}"
    "h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.15em;margin:.2em 0}"
    "table{border-collapse:collapse;width:100%;margin:1em 0;table-layout:fixed}td{overflow-wrap:anywhere}"
    "#findings th:nth-child(1){width:6.5em}#findings th:nth-child(2){width:14%}#findings th:nth-child(3){width:18%}#findings th:nth-child(4){width:22%}"
    "#documents th:nth-child(1){width:34%}#documents th:nth-child(5){width:4.5em}"
    "th,td{text-align:left;padding:.35em .6em;border-bottom:1px solid #ddd;vertical-align:top}"
    "th{background:#f4f4f6}.sev{font-weight:600;text-transform:uppercase;font-size:.8em;padding:.1em .45em;border-radius:3px;color:#fff}"
    ".sev.error{background:#c62828}.sev.warning{background:#b26a00}.sev.info{background:#1565c0}"
    "section.finding{border:1px solid #ddd;border-radius:6px;padding:1em 1.2em;margin:1.5em 0}"
    "section.finding.suppressed,section.finding.baselined{opacity:.6}"
    ".why{color:#444}.claims{display:flex;flex-wrap:wrap;gap:1em}"
    "article.claim{flex:1 1 300px;border:1px solid #e2e2e6;border-radius:5px;padding:.7em .9em;background:#fafafc}"
    "article.claim.flagged{border-color:#c62828;background:#fff6f6}"
    ".role{font-weight:600;text-transform:uppercase;font-size:.75em;letter-spacing:.04em}.where{font-family:ui-monospace,monospace;font-size:.85em}"
    ".source{font-weight:600}.datesrc,.how{color:#666;font-size:.85em}"
    "blockquote{margin:.6em 0;padding-left:.8em;border-left:3px solid #ccc;white-space:pre-wrap}"
    "mark{background:#ffe08a;padding:0 .1em}"
    "svg.chart{display:block;margin:.8em 0;max-width:100%;height:auto}svg .grid{stroke:#e4e4e8}svg .tick,svg .label{font:11px system-ui,sans-serif;fill:#555}"
    "svg .bar{stroke:#5c6bc0;stroke-width:4}svg .end{stroke:#5c6bc0;stroke-width:2}svg .open{fill:#5c6bc0}svg .best{fill:#1a237e}"
    "svg .flagged .bar,svg .flagged .end{stroke:#c62828}svg .flagged .open{fill:#c62828}svg .flagged .best{fill:#7f0000}"
    ".muted{color:#666}code{font-family:ui-monospace,monospace}"
    ".ctl{font:11px ui-monospace,monospace;border:1px solid #b26a00;border-radius:2px;padding:0 2px;color:#b26a00}";

void cc_report_html(cc_buf *b, const cc_run *r, const cc_report_opts *o)
{
    cc_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                   "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
                   "<title>claimcheck report</title><style>");
    cc_buf_puts(b, css);
    cc_buf_puts(b, "</style></head>\n<body>\n<h1>claimcheck report</h1>\n");
    size_t shown = 0;
    for (size_t i = 0; i < r->findings.n; i++) shown += cc_report_shown(&r->findings.items[i], o, 1);
    size_t nc = cc_run_claims_total(r);
    cc_buf_printf(b, "<p class=\"summary\" id=\"summary\">%zu document%s, %zu claim%s, <strong>%zu contradiction%s</strong> "
                     "(%zu error, %zu warning, %zu info), %zu unreadable, %zu skipped.</p>\n",
                  r->ndocs, r->ndocs == 1 ? "" : "s", nc, nc == 1 ? "" : "s",
                  cc_report_count(r, o->min_level), cc_report_count(r, o->min_level) == 1 ? "" : "s",
                  cc_report_count(r, CC_SEV_ERROR), cc_report_count(r, CC_SEV_WARNING) - cc_report_count(r, CC_SEV_ERROR),
                  cc_report_count(r, CC_SEV_INFO) - cc_report_count(r, CC_SEV_WARNING), r->unreadable, r->nskipped);
    if (shown) {
        cc_buf_puts(b, "<table id=\"findings\"><thead><tr><th>Severity</th><th>Rule</th><th>Subject</th><th>Where</th><th>What</th></tr></thead><tbody>\n");
        for (size_t i = 0; i < r->findings.n; i++) {
            const cc_finding *f = &r->findings.items[i];
            if (!cc_report_shown(f, o, 1)) continue;
            const cc_claim *c = &r->claims.items[f->claims[0]];
            cc_buf_printf(b, "<tr><td><span class=\"sev %s\">%s</span>%s</td><td><code>", sevname(f->severity), sevname(f->severity),
                          f->suppressed ? " <span class=\"muted\">suppressed</span>" : f->baselined ? " <span class=\"muted\">baseline</span>" : "");
            esc(b, f->rule->id);
            cc_buf_puts(b, "</code></td><td><code>");
            esc(b, f->subject);
            cc_buf_puts(b, "</code></td><td><a href=\"#");
            esc(b, f->id);
            cc_buf_puts(b, "\">");
            esc(b, r->docs[c->doc].path);
            cc_buf_printf(b, ":%d:%d</a></td><td>", c->line, c->col);
            esc(b, f->message);
            cc_buf_puts(b, "</td></tr>\n");
        }
        cc_buf_puts(b, "</tbody></table>\n");
    } else {
        cc_buf_puts(b, "<p id=\"nofindings\">No contradictions.</p>\n");
    }
    for (size_t i = 0; i < r->findings.n; i++) {
        const cc_finding *f = &r->findings.items[i];
        if (!cc_report_shown(f, o, 1)) continue;
        cc_buf_puts(b, "<section class=\"finding");
        if (f->suppressed) cc_buf_puts(b, " suppressed");
        if (f->baselined) cc_buf_puts(b, " baselined");
        cc_buf_puts(b, "\" id=\"");
        esc(b, f->id);
        cc_buf_printf(b, "\" data-severity=\"%s\" data-rule=\"", sevname(f->severity));
        esc(b, f->rule->id);
        cc_buf_printf(b, "\"><h2><span class=\"sev %s\">%s</span> ", sevname(f->severity), sevname(f->severity));
        esc(b, f->message);
        cc_buf_puts(b, "</h2><p class=\"why\">");
        esc(b, f->why);
        cc_buf_puts(b, "</p><p class=\"muted\">rule <code>");
        esc(b, f->rule->id);
        cc_buf_puts(b, "</code>");
        if (f->rule->url) { /* the rule's documentation */
            cc_buf_puts(b, " (<a href=\"");
            esc(b, f->rule->url);
            cc_buf_puts(b, "\" rel=\"noopener noreferrer\">about this rule</a>)");
        }
        cc_buf_puts(b, " · subject <code>");
        esc(b, f->subject);
        cc_buf_puts(b, "</code> · fingerprint <code>");
        esc(b, f->id);
        cc_buf_puts(b, "</code></p>\n");
        chart(b, r, f);
        cc_buf_puts(b, "<div class=\"claims\">\n");
        for (size_t j = 0; j < f->nclaims; j++) claim_card(b, r, f, j);
        cc_buf_puts(b, "</div></section>\n");
    }
    unanchored_section(b, r);
    cc_buf_puts(b, "<h2>Documents</h2><table id=\"documents\"><thead><tr><th>Path</th><th>Source</th><th>Date</th><th>Dated by</th><th>Claims</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < r->ndocs; i++) {
        const cc_doc *d = &r->docs[i];
        char ds[11] = "undated";
        if (d->has_date) cc_date_format(d->date, ds);
        cc_buf_puts(b, "<tr><td>");
        esc(b, d->path);
        cc_buf_puts(b, "</td><td>");
        esc(b, d->source ? d->source : "");
        cc_buf_printf(b, "</td><td>%s</td><td>", ds);
        esc(b, d->date_source);
        cc_buf_printf(b, "</td><td>%zu</td></tr>\n", d->nclaims);
    }
    cc_buf_puts(b, "</tbody></table>\n");
    if (r->diags.n) {
        cc_buf_puts(b, "<h2>Input problems</h2><ul id=\"diagnostics\">\n");
        for (size_t i = 0; i < r->diags.n; i++) {
            const cc_diag *g = &r->diags.items[i];
            cc_buf_printf(b, "<li class=\"%s\">", g->level == CC_D_ERROR ? "error" : g->level == CC_D_WARNING ? "warning" : "note");
            if (g->file) {
                esc(b, g->file);
                if (g->line) cc_buf_printf(b, ":%d", g->line);
                if (g->col) cc_buf_printf(b, ":%d", g->col);
                cc_buf_puts(b, ": ");
            }
            esc(b, g->msg);
            cc_buf_puts(b, "</li>\n");
        }
        cc_buf_puts(b, "</ul>\n");
    }
    cc_buf_puts(b, "<p class=\"muted\">claimcheck " CLAIMCHECK_VERSION "</p>\n</body></html>\n");
}

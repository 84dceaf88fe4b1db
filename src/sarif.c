/* SARIF 2.1.0 output (docs/cli.md): one run, every claim rule as
 * tool.driver.rules, one result per finding with the flagged claim as
 * its location and the other claims as relatedLocations. */
#include "cc_report.h"
#include "cc_wording.h"

#include <stdio.h>
#include <string.h>

static void str(cc_buf *b, const char *s) { cc_buf_json_str(b, s, strlen(s)); }

/* A relative or absolute path as a URI reference: unreserved bytes and '/'
 * stay, everything else is percent-encoded (UTF-8 bytes included). */
static void uri(cc_buf *b, const char *path)
{
    cc_buf u;
    cc_buf_init(&u);
    if (path[0] == '/') cc_buf_puts(&u, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
            cc_buf_putc(&u, (char)*p);
        else
            cc_buf_printf(&u, "%%%02X", *p);
    }
    cc_buf_json_str(b, u.s ? u.s : "", u.len);
    cc_buf_free(&u);
}

static const char *level(cc_severity s) { return s == CC_SEV_ERROR ? "error" : s == CC_SEV_WARNING ? "warning" : "note"; }

static void location(cc_buf *b, const cc_run *r, const cc_claim *c, int id, const char *msg)
{
    cc_buf_putc(b, '{');
    if (id >= 0) cc_buf_printf(b, "\"id\":%d,", id);
    cc_buf_puts(b, "\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
    uri(b, r->docs[c->doc].path);
    cc_buf_printf(b, "},\"region\":{\"startLine\":%d,\"startColumn\":%d,\"endLine\":%d,\"endColumn\":%d,\"snippet\":{\"text\":",
                  c->line, c->col, c->end_line, c->end_col);
    cc_buf_json_str(b, c->quote, c->quote_len);
    cc_buf_puts(b, "}}}");
    if (msg) {
        cc_buf_puts(b, ",\"message\":{\"text\":");
        str(b, msg);
        cc_buf_putc(b, '}');
    }
    cc_buf_putc(b, '}');
}

/* The first sentence of a description, for shortDescription. */
static void first_sentence(cc_buf *b, const char *s)
{
    const char *e = s;
    while (*e && !(*e == '.' && (e[1] == ' ' || e[1] == '\n' || !e[1]))) e++;
    size_t n = (size_t)(e - s) + (*e == '.');
    while (n && (s[n - 1] == '\n' || s[n - 1] == ' ')) n--;
    cc_buf_json_str(b, s, n);
}

void cc_report_sarif(cc_buf *b, const cc_run *r, const cc_report_opts *o)
{
    /* every rule of the rule set, in load order */
    size_t nr = 0, total = cc_rules_count(r->rs);
    const cc_rule **rules = cc_xmalloc((total ? total : 1) * sizeof *rules);
    for (size_t i = 0; i < total; i++)
        rules[nr++] = cc_rules_get(r->rs, i);
    cc_buf_puts(b, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{\n"
                   "\"tool\":{\"driver\":{\"name\":\"claimcheck\",\"version\":\"" CLAIMCHECK_VERSION "\","
                   "\"semanticVersion\":\"" CLAIMCHECK_VERSION "\",\"informationUri\":\"https://github.com/claimcheck/claimcheck\",\"rules\":[");
    for (size_t k = 0; k < nr; k++) {
        const cc_rule *ru = rules[k];
        const char *desc = ru->description ? ru->description : ru->id;
        cc_buf_puts(b, k ? ",\n" : "\n");
        cc_buf_puts(b, "{\"id\":");
        str(b, ru->id);
        cc_buf_puts(b, ",\"shortDescription\":{\"text\":");
        first_sentence(b, desc);
        cc_buf_puts(b, "},\"fullDescription\":{\"text\":");
        str(b, desc);
        cc_buf t;
        cc_buf_init(&t);
        cc_buf_printf(&t, "%s\n\nRule %s (%s:%d), kind %s, policy %s. Claims with the same subject must not "
                          "contradict each other; run `claimcheck test-rules` to see the rule's examples, and "
                          "silence one line with <!-- claimcheck-disable-next-line %s -->.",
                      desc, ru->id, ru->file, ru->line, cc_kind_name(ru->kind), cc_policy_name(ru->policy), ru->id);
        cc_buf_puts(b, "},\"help\":{\"text\":");
        cc_buf_json_str(b, t.s, t.len);
        cc_buf_free(&t);
        cc_buf_putc(b, '}');
        if (ru->url) { /* the rule's own documentation */
            cc_buf_puts(b, ",\"helpUri\":");
            str(b, ru->url);
        }
        cc_buf_printf(b, ",\"defaultConfiguration\":{\"level\":\"%s\"},\"properties\":{\"tags\":[\"claims\",",
                      level(ru->severity));
        str(b, cc_kind_name(ru->kind));
        cc_buf_puts(b, "]}}");
    }
    cc_buf_puts(b, "]}},\n\"columnKind\":\"unicodeCodePoints\",\n\"invocations\":[{\"executionSuccessful\":");
    cc_buf_puts(b, r->unreadable ? "false" : "true");
    cc_buf_puts(b, ",\"toolExecutionNotifications\":[");
    for (size_t i = 0; i < r->diags.n; i++) {
        const cc_diag *g = &r->diags.items[i];
        cc_buf_puts(b, i ? ",\n" : "\n");
        cc_buf_printf(b, "{\"level\":\"%s\",\"message\":{\"text\":", g->level == CC_D_ERROR ? "error" : g->level == CC_D_WARNING ? "warning" : "note");
        str(b, g->msg);
        cc_buf_putc(b, '}');
        if (g->file) {
            cc_buf_puts(b, ",\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
            uri(b, g->file);
            cc_buf_putc(b, '}');
            if (g->line > 0) {
                cc_buf_printf(b, ",\"region\":{\"startLine\":%d", g->line);
                if (g->col > 0) cc_buf_printf(b, ",\"startColumn\":%d", g->col);
                cc_buf_putc(b, '}');
            }
            cc_buf_puts(b, "}}]");
        }
        cc_buf_putc(b, '}');
    }
    /* claims not compared for want of a date: notes about the run, at the claim */
    size_t nn = r->diags.n;
    for (size_t i = 0; i < r->claims.n; i++) {
        const cc_claim *c = &r->claims.items[i];
        const char *why = cc_report_unanchored_why(c);
        if (!why) continue;
        cc_buf_puts(b, nn++ ? ",\n" : "\n");
        cc_buf t;
        cc_buf_init(&t);
        cc_buf_printf(&t, "[%s] unanchored, not compared: ", c->rule->id);
        cc_word_claim(&t, c);
        cc_buf_printf(&t, ": %s", why);
        cc_buf_puts(b, "{\"level\":\"note\",\"descriptor\":{\"id\":\"unanchored\"},\"message\":{\"text\":");
        cc_buf_json_str(b, t.s, t.len);
        cc_buf_free(&t);
        cc_buf_puts(b, "},\"locations\":[");
        location(b, r, c, -1, NULL);
        cc_buf_puts(b, "]}");
    }
    cc_buf_puts(b, "]}],\n\"results\":[");
    size_t nres = 0;
    for (size_t i = 0; i < r->findings.n; i++) {
        const cc_finding *f = &r->findings.items[i];
        if (!cc_report_shown(f, o, 1)) continue;
        size_t k = 0;
        while (k < nr && rules[k] != f->rule) k++;
        cc_buf_puts(b, nres++ ? ",\n" : "\n");
        cc_buf_puts(b, "{\"ruleId\":");
        str(b, f->rule->id);
        cc_buf_printf(b, ",\"ruleIndex\":%zu,\"level\":\"%s\",\"message\":{\"text\":", k, level(f->severity));
        cc_buf t;
        cc_buf_init(&t);
        cc_buf_printf(&t, "%s. %s", f->message, f->why);
        cc_buf_json_str(b, t.s, t.len);
        cc_buf_free(&t);
        cc_buf_puts(b, "},\"locations\":[");
        const cc_claim *c0 = &r->claims.items[f->claims[0]];
        cc_buf_init(&t);
        cc_word_claim(&t, c0);
        cc_buf_putc(&t, 0);
        location(b, r, c0, -1, t.s);
        cc_buf_free(&t);
        cc_buf_puts(b, "],\"relatedLocations\":[");
        for (size_t j = 1; j < f->nclaims; j++) {
            const cc_claim *c = &r->claims.items[f->claims[j]];
            cc_buf_init(&t);
            cc_buf_printf(&t, "%s: ", cc_report_role(f, j));
            cc_word_claim(&t, c);
            cc_buf_putc(&t, 0);
            if (j > 1) cc_buf_putc(b, ',');
            location(b, r, c, (int)j, t.s);
            cc_buf_free(&t);
        }
        cc_buf_puts(b, "],\"partialFingerprints\":{\"claimcheck/v1\":");
        str(b, f->id);
        cc_buf_puts(b, "},\"properties\":{\"subject\":");
        str(b, f->subject);
        cc_buf_puts(b, "}");
        if (f->suppressed) cc_buf_puts(b, ",\"suppressions\":[{\"kind\":\"inSource\",\"justification\":\"claimcheck-disable directive in the article\"}]");
        if (r->baseline_given) cc_buf_printf(b, ",\"baselineState\":\"%s\"", f->baselined ? "unchanged" : "new");
        cc_buf_putc(b, '}');
    }
    cc_buf_puts(b, "]}]}\n");
    free(rules);
}

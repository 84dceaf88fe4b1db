#include "cc_config.h"
#include "cc_date.h"
#include "cc_rules.h"
#include "cc_yaml.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define AT(f) offsetof(cc_config, f)
const cc_setting_def cc_settings[] = {
    {"manifest", "--manifest", NULL, AT(manifest), NULL, NULL, CC_SET_PATH, NULL, "FILE",
     "TSV of path, date, source (default: manifest.tsv in each folder)"},
    {"date", "--date", NULL, AT(date), NULL, NULL, CC_SET_DATE, NULL, "YYYY-MM-DD",
     "publication date for every document (overrides all others)"},
    {"fail_on", "--fail-on", NULL, AT(fail_on), "error", NULL, CC_SET_CHOICE, "info|warning|error|never", "LEVEL|never",
     "exit 1 when a live finding is at or above LEVEL, shown or not"},
    {"min_level", "--min-level", NULL, AT(min_level), "info", NULL, CC_SET_CHOICE, "info|warning|error", "LEVEL",
     "show findings at or above info|warning|error"},
    {"baseline", "--baseline", NULL, AT(baseline), NULL, NULL, CC_SET_PATH, NULL, "REPORT",
     "leave out findings already in an earlier JSON or SARIF report (matched by fingerprint)"},
    {"jobs", "--jobs", "-j", AT(jobs), NULL, "(one per core)", CC_SET_THREADS, NULL, "N",
     "threads compiling rules and reading documents; the output is the same"},
    {"max_file_size", "--max-file-size", NULL, AT(max_file_size), "67108864", NULL, CC_SET_COUNT, NULL, "BYTES",
     "skip (and report) larger files"},
    {"max_claims", "--max-claims", NULL, AT(max_claims), "100000", NULL, CC_SET_COUNT, NULL, "N",
     "per-document claim limit, reported when hit"},
    /* set on the command line by --color and --no-color */
    {"color", NULL, NULL, AT(color), "auto", NULL, CC_SET_CHOICE, "auto|always|never", NULL, NULL},
};
#undef AT
const size_t cc_nsettings = sizeof cc_settings / sizeof *cc_settings;

cc_setting *cc_config_setting(cc_config *c, const cc_setting_def *def)
{
    return (cc_setting *)(void *)((char *)c + def->offset);
}

const cc_setting_def *cc_setting_by_flag(const char *flag)
{
    for (size_t i = 0; i < cc_nsettings; i++)
        if ((cc_settings[i].flag && strcmp(flag, cc_settings[i].flag) == 0) ||
            (cc_settings[i].alias && strcmp(flag, cc_settings[i].alias) == 0))
            return &cc_settings[i];
    return NULL;
}

/* A whole number without sign or trailing text. */
static int whole_number(const char *v, unsigned long long *out)
{
    char *e;
    errno = 0;
    *out = strtoull(v, &e, 10);
    return !errno && e != v && !*e && v[0] != '-';
}

const char *cc_setting_check(const cc_setting_def *def, const char *v)
{
    unsigned long long n;
    int64_t day;
    switch (def->type) {
    case CC_SET_DATE: return cc_date_parse_iso(v, &day) == 0 ? NULL : "a real YYYY-MM-DD date";
    case CC_SET_COUNT: return whole_number(v, &n) ? NULL : def->arg && strcmp(def->arg, "BYTES") == 0 ? "a number of bytes" : "a number";
    case CC_SET_THREADS: return whole_number(v, &n) && n >= 1 && n <= 256 ? NULL : "a number of threads from 1 to 256";
    case CC_SET_CHOICE: {
        size_t len = strlen(v);
        for (const char *p = def->choices; *p;) {
            size_t k = strcspn(p, "|");
            if (k == len && strncmp(p, v, k) == 0) return NULL;
            p += k + (p[k] == '|');
        }
        static _Thread_local char what[128]; /* "info, warning, error or never" */
        what[0] = 0;
        for (const char *p = def->choices; *p;) {
            size_t k = strcspn(p, "|"), at = strlen(what);
            const char *sep = !at ? "" : p[k] ? ", " : " or ";
            snprintf(what + at, sizeof what - at, "%s%.*s", sep, (int)k, p);
            p += k + (p[k] == '|');
        }
        return what;
    }
    case CC_SET_TEXT:
    case CC_SET_PATH: return NULL;
    }
    return NULL;
}

void cc_settings_help(cc_buf *b)
{
    for (size_t i = 0; i < cc_nsettings; i++) {
        const cc_setting_def *d = &cc_settings[i];
        if (!d->flag) continue;
        char opt[64];
        if (d->alias) snprintf(opt, sizeof opt, "%s, %s %s", d->alias, d->flag, d->arg);
        else snprintf(opt, sizeof opt, "%s %s", d->flag, d->arg);
        char text[512];
        snprintf(text, sizeof text, "%s%s%s%s (%s: %s)", d->help, d->def ? " (default " : "", d->def ? d->def : "",
                 d->def ? ")" : "", CC_CONFIG_NAME, d->key);
        cc_buf_printf(b, "  %-22s", opt);
        /* wrapped at 96 columns, continued under the text */
        size_t col = 24;
        for (const char *w = text; *w;) {
            size_t n = strcspn(w, " ");
            if (col + 1 + n > 96) { cc_buf_printf(b, "\n%24s", ""); col = 24; }
            cc_buf_printf(b, " %.*s", (int)n, w);
            col += 1 + n;
            w += n;
            while (*w == ' ') w++;
        }
        cc_buf_putc(b, '\n');
    }
}

void cc_config_init(cc_config *c)
{
    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < cc_nsettings; i++)
        if (cc_settings[i].def) cc_config_set(cc_config_setting(c, &cc_settings[i]), cc_settings[i].def, "default");
    snprintf(c->rules_origin, sizeof c->rules_origin, "default");
    snprintf(c->outputs_origin, sizeof c->outputs_origin, "default");
}

void cc_config_clear_outputs(cc_config *c)
{
    for (size_t i = 0; i < c->noutputs; i++) { free(c->outputs[i].format); free(c->outputs[i].path); }
    free(c->outputs);
    c->outputs = NULL;
    c->noutputs = 0;
}

void cc_config_free(cc_config *c)
{
    free(c->file);
    for (size_t i = 0; i < c->nrules; i++) free(c->rules[i]);
    free(c->rules);
    for (size_t i = 0; i < cc_nsettings; i++) free(cc_config_setting(c, &cc_settings[i])->value);
    cc_config_clear_outputs(c);
    for (size_t i = 0; i < c->nsev; i++) free(c->sev[i].rule);
    free(c->sev);
}

void cc_config_set(cc_setting *s, const char *value, const char *origin)
{
    free(s->value);
    s->value = value ? cc_xstrdup(value) : NULL;
    snprintf(s->origin, sizeof s->origin, "%s", origin);
}

void cc_config_set_rules(cc_config *c, const char *const *dirs, size_t n, const char *origin)
{
    for (size_t i = 0; i < c->nrules; i++) free(c->rules[i]);
    free(c->rules);
    c->rules = cc_xcalloc(n ? n : 1, sizeof *c->rules);
    for (size_t i = 0; i < n; i++) c->rules[i] = cc_xstrdup(dirs[i]);
    c->nrules = n;
    snprintf(c->rules_origin, sizeof c->rules_origin, "%s", origin);
}

void cc_config_add_output(cc_config *c, const char *format, const char *path)
{
    c->outputs = cc_xrealloc(c->outputs, (c->noutputs + 1) * sizeof *c->outputs);
    c->outputs[c->noutputs].format = cc_xstrdup(format);
    c->outputs[c->noutputs].path = path ? cc_xstrdup(path) : NULL;
    c->noutputs++;
}

const char *const cc_config_formats[] = {"text", "json", "sarif", "html", "jsonl", "github", NULL};

int cc_config_format_ok(const char *f)
{
    for (size_t i = 0; cc_config_formats[i]; i++)
        if (strcmp(f, cc_config_formats[i]) == 0) return 1;
    return 0;
}

char *cc_config_find(const char *dir)
{
    char cur[PATH_MAX];
    if (!realpath(dir, cur)) return NULL;
    for (;;) {
        char p[PATH_MAX + 32];
        struct stat st;
        snprintf(p, sizeof p, "%s/%s", strcmp(cur, "/") ? cur : "", CC_CONFIG_NAME);
        if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) return cc_xstrdup(p);
        char *slash = strrchr(cur, '/');
        if (!slash || slash == cur) {
            if (strcmp(cur, "/") == 0) return NULL;
            strcpy(cur, "/");
            continue;
        }
        *slash = 0;
    }
}

/* A path from the config file, made relative to the file's folder. */
static char *rel(const char *cfgdir, const char *p)
{
    if (p[0] == '/' || strcmp(cfgdir, ".") == 0) return cc_xstrdup(p);
    cc_buf b;
    cc_buf_init(&b);
    cc_buf_printf(&b, "%s/%s", cfgdir, p);
    return cc_buf_take(&b);
}

static void origin_of(char *dst, size_t n, const char *file, const cc_ynode *y)
{
    snprintf(dst, n, "%s:%d", file, y ? y->line : 0);
}

int cc_config_load(cc_config *c, const char *path, cc_diags *d)
{
    char err[512];
    size_t errs0 = d->errors;
    cc_ynode *root = cc_yaml_load_file(path, err, sizeof err);
    if (!root) {
        int line = 0, col = 0;
        sscanf(err, "%d:%d", &line, &col);
        const char *msg = strchr(err, ' ');
        cc_diag_add(d, CC_D_ERROR, path, line, col, NULL, "config: %s", msg ? msg + 1 : err);
        return -1;
    }
    free(c->file);
    c->file = cc_xstrdup(path);
    char *dir = cc_xstrdup(path);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = 0;
    else strcpy(dir, ".");
    if (root->kind != CC_Y_MAP) {
        if (!(root->kind == CC_Y_MAP || root->n == 0))
            cc_diag_add(d, CC_D_ERROR, path, root->line, root->col, NULL, "config: expected a mapping of settings");
        goto out;
    }
    for (size_t i = 0; i + 1 < root->n; i += 2) {
        const cc_ynode *k = root->items[i], *v = root->items[i + 1];
        char org[300];
        origin_of(org, sizeof org, path, k);
        const char *key = k->str ? k->str : "";
        int done = 0;
        for (size_t s = 0; s < cc_nsettings; s++) {
            const cc_setting_def *sd = &cc_settings[s];
            if (strcmp(key, sd->key) != 0) continue;
            done = 1;
            if (v->kind != CC_Y_SCALAR) {
                cc_diag_add(d, CC_D_ERROR, path, v->line, v->col, NULL, "config: %s: expected a single value", key);
                break;
            }
            char *val = sd->type == CC_SET_PATH ? rel(dir, v->str) : cc_xstrdup(v->str);
            cc_config_set(cc_config_setting(c, sd), val, org);
            free(val);
        }
        if (done) continue;
        if (strcmp(key, "rules") == 0) {
            const cc_ynode *const *items = v->kind == CC_Y_SEQ ? (const cc_ynode *const *)v->items : &v;
            size_t n = v->kind == CC_Y_SEQ ? v->n : 1;
            char **dirs = cc_xcalloc(n ? n : 1, sizeof *dirs);
            size_t nd = 0;
            for (size_t j = 0; j < n; j++) {
                if (items[j]->kind != CC_Y_SCALAR) {
                    cc_diag_add(d, CC_D_ERROR, path, items[j]->line, items[j]->col, NULL, "config: rules: expected a directory or a list of them");
                    continue;
                }
                dirs[nd++] = rel(dir, items[j]->str);
            }
            cc_config_set_rules(c, (const char *const *)dirs, nd, org);
            for (size_t j = 0; j < nd; j++) free(dirs[j]);
            free(dirs);
        } else if (strcmp(key, "format") == 0 || strcmp(key, "outputs") == 0) {
            cc_config_clear_outputs(c);
            snprintf(c->outputs_origin, sizeof c->outputs_origin, "%s", org);
            const cc_ynode *const *items = v->kind == CC_Y_SEQ ? (const cc_ynode *const *)v->items : &v;
            size_t n = v->kind == CC_Y_SEQ ? v->n : 1;
            for (size_t j = 0; j < n; j++) {
                const cc_ynode *it = items[j];
                const char *f = it->kind == CC_Y_SCALAR ? it->str : cc_yaml_str(it, "format");
                const char *o = it->kind == CC_Y_MAP ? cc_yaml_str(it, "output") : NULL;
                if (!f || !cc_config_format_ok(f)) {
                    cc_diag_add(d, CC_D_ERROR, path, it->line, it->col, NULL,
                                "config: %s: expected text, json, sarif, html, jsonl or github (or {format: F, output: FILE})", key);
                    continue;
                }
                char *op = o ? rel(dir, o) : NULL;
                cc_config_add_output(c, f, op);
                free(op);
            }
        } else if (strcmp(key, "severity") == 0) {
            if (v->kind != CC_Y_MAP) {
                cc_diag_add(d, CC_D_ERROR, path, v->line, v->col, NULL, "config: severity: expected a mapping of rule id to info|warning|error");
                continue;
            }
            for (size_t j = 0; j + 1 < v->n; j += 2) {
                const cc_ynode *rk = v->items[j], *rv = v->items[j + 1];
                int lv = rv->kind == CC_Y_SCALAR ? cc_severity_parse_or_off(rv->str) : -1;
                if (rk->kind != CC_Y_SCALAR || lv < 0) {
                    cc_diag_add(d, CC_D_ERROR, path, rv->line, rv->col, NULL, "config: severity: expected info, warning, error or off");
                    continue;
                }
                c->sev = cc_xrealloc(c->sev, (c->nsev + 1) * sizeof *c->sev);
                c->sev[c->nsev].rule = cc_xstrdup(rk->str);
                c->sev[c->nsev].level = lv;
                origin_of(c->sev[c->nsev].origin, sizeof c->sev[c->nsev].origin, path, rk);
                c->nsev++;
            }
        } else {
            cc_buf known;
            cc_buf_init(&known);
            cc_buf_puts(&known, "rules, format, severity");
            for (size_t s = 0; s < cc_nsettings; s++) cc_buf_printf(&known, ", %s", cc_settings[s].key);
            cc_diag_add(d, CC_D_ERROR, path, k->line, k->col, NULL, "config: unknown setting '%s' (expected %s)", key,
                        known.s);
            cc_buf_free(&known);
        }
    }
out:
    free(dir);
    cc_yaml_free(root);
    return d->errors > errs0 ? -1 : 0;
}

static void line(cc_buf *b, const char *key, const char *val, const char *origin)
{
    cc_buf_printf(b, "%-14s %-40s # %s\n", key, val ? val : "(none)", origin);
}

void cc_config_print(const cc_config *c, cc_buf *b)
{
    cc_buf_printf(b, "# config file: %s\n", c->file ? c->file : "(none found)");
    cc_buf tmp;
    cc_buf_init(&tmp);
    for (size_t i = 0; i < c->nrules; i++) cc_buf_printf(&tmp, "%s%s", i ? ", " : "", c->rules[i]);
    line(b, "rules:", tmp.len ? tmp.s : "(default search)", c->rules_origin);
    cc_buf_free(&tmp);
    for (size_t i = 0; i < cc_nsettings; i++) {
        const cc_setting *st = cc_config_setting((cc_config *)c, &cc_settings[i]);
        char k[64];
        snprintf(k, sizeof k, "%s:", cc_settings[i].key);
        line(b, k, st->value ? st->value : cc_settings[i].unset, st->origin[0] ? st->origin : "default");
    }
    cc_buf_init(&tmp);
    if (!c->noutputs) cc_buf_puts(&tmp, "text -> stdout");
    for (size_t i = 0; i < c->noutputs; i++)
        cc_buf_printf(&tmp, "%s%s -> %s", i ? ", " : "", c->outputs[i].format, c->outputs[i].path ? c->outputs[i].path : "stdout");
    line(b, "format:", tmp.s, c->outputs_origin);
    cc_buf_free(&tmp);
    if (!c->nsev) line(b, "severity:", "(rule defaults)", "default");
    for (size_t i = 0; i < c->nsev; i++) {
        char k[300];
        snprintf(k, sizeof k, "severity.%s:", c->sev[i].rule);
        line(b, k, cc_severity_name((cc_severity)c->sev[i].level), c->sev[i].origin);
    }
}

/* cc_config: the settings of a check run and where each came from.
 * Defaults, then .claimcheck.yml (found by walking up from the current
 * directory, or --config FILE), then the command line: a later layer
 * replaces an earlier one, setting by setting. Paths in a config file are
 * relative to the file's folder.
 *
 * Ownership: cc_config_free releases every string. */
#ifndef CC_CONFIG_H
#define CC_CONFIG_H

#include "cc_diag.h"

#define CC_CONFIG_NAME ".claimcheck.yml"

typedef struct {
    char *format; /* text json sarif html jsonl github */
    char *path;   /* NULL: standard output */
} cc_output;

typedef struct {
    char *rule;
    int level;       /* cc_severity */
    char origin[300];
} cc_sevover;

/* One scalar setting: its text and its origin ("default",
 * ".claimcheck.yml:4", "--fail-on"). */
typedef struct {
    char *value;
    char origin[300];
} cc_setting;

typedef struct {
    char *file;             /* the config file read, or NULL */
    char **rules;           /* rule directories, in order */
    size_t nrules;
    char rules_origin[300];
    cc_setting manifest, date, fail_on, min_level, jobs, baseline, max_file_size, max_claims, color;
    cc_output *outputs;
    size_t noutputs;
    char outputs_origin[300];
    cc_sevover *sev;
    size_t nsev;
} cc_config;

void cc_config_init(cc_config *c);
void cc_config_free(cc_config *c);
/* Finds .claimcheck.yml in dir or a parent; a malloc'd path or NULL. */
char *cc_config_find(const char *dir);
/* Reads a config file into c (replacing what it sets). Problems are errors
 * in diags with file:line:col; returns -1 when any. */
int cc_config_load(cc_config *c, const char *path, cc_diags *diags);
/* Sets one scalar (replacing, with its origin). */
void cc_config_set(cc_setting *s, const char *value, const char *origin);
void cc_config_set_rules(cc_config *c, const char *const *dirs, size_t n, const char *origin);
void cc_config_add_output(cc_config *c, const char *format, const char *path);
void cc_config_clear_outputs(cc_config *c);
/* Prints the effective configuration and where each value came from. */
void cc_config_print(const cc_config *c, cc_buf *b);
/* 1 when name is an output format. */
int cc_config_format_ok(const char *name);
/* The report formats, NULL-terminated. */
extern const char *const cc_config_formats[];

#endif

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

/* What a setting's value must be. */
typedef enum { CC_SET_TEXT, CC_SET_PATH, CC_SET_DATE, CC_SET_COUNT, CC_SET_THREADS, CC_SET_CHOICE } cc_set_type;

/* One scalar setting: the one place that says its key in .claimcheck.yml,
 * its command-line option, its default, what its value must be and its
 * help line; the config file, the command line, `config`, validation and
 * --help all go by this table. */
typedef struct {
    const char *key;     /* in .claimcheck.yml: "fail_on" */
    const char *flag;    /* on the command line: "--fail-on" (NULL: none taking a value) */
    const char *alias;   /* "-j", or NULL */
    size_t offset;       /* of its cc_setting in cc_config */
    const char *def;     /* default, or NULL: unset */
    const char *unset;   /* what `config` shows when unset ("(one per core)"), or NULL */
    cc_set_type type;
    const char *choices; /* CC_SET_CHOICE: the values, '|' between */
    const char *arg;     /* the value's name in --help ("LEVEL") */
    const char *help;    /* its line in --help */
} cc_setting_def;

extern const cc_setting_def cc_settings[];
extern const size_t cc_nsettings;
/* The setting def describes, in c. */
cc_setting *cc_config_setting(cc_config *c, const cc_setting_def *def);
/* The setting whose option (or alias) is flag, or NULL. */
const cc_setting_def *cc_setting_by_flag(const char *flag);
/* NULL when value suits the setting, else what it must be ("a real YYYY-MM-DD date"). */
const char *cc_setting_check(const cc_setting_def *def, const char *value);
/* The --help lines of the settings that have an option. */
void cc_settings_help(cc_buf *b);

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

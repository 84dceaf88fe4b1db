#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_diag.h"
#include "cc_lexicon.h"

static cc_lexicon *load_text(const char *yaml, char *err, size_t errlen)
{
    char path[] = "/tmp/cc_lexXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(yaml, f);
    fclose(f);
    cc_lexicon *lx = cc_lexicon_load(path, err, errlen);
    remove(path);
    return lx;
}

static void test_shipped_lexicon(void **state)
{
    (void)state;
    char err[512];
    cc_lexicon *lx = cc_lexicon_load("rules/lexicon.yaml", err, sizeof err);
    assert_non_null(lx);
    const cc_lxent *e;
    size_t n = cc_lexicon_lookup(lx, "more than", &e);
    assert_int_equal(n, 1);
    assert_int_equal(e[0].type, CC_LX_HEDGE);
    assert_int_equal(e[0].hedge, CC_H_OVER);
    n = cc_lexicon_lookup(lx, "square kilometres", &e);
    assert_true(n >= 1);
    assert_int_equal(e[0].kind, CC_K_AREA);
    /* "second" is an ordinal and a unit; both entries are kept */
    n = cc_lexicon_lookup(lx, "second", &e);
    assert_int_equal(n, 2);
    /* the generated macros are factored alternations: "n(?:…|ear(?:ly|s|))" */
    const char *hn = cc_lexicon_macro(lx, "HEDGE_NEARLY");
    assert_non_null(hn);
    if (!strstr(hn, "ear(?:ly")) fail_msg("not factored: %s", hn);
    assert_null(strstr(hn, "more"));
    assert_null(cc_lexicon_macro(lx, "NUMBER")); /* values are the normalizer's (rules.c value macros), not the lexicon's regex */
    assert_null(cc_lexicon_macro(lx, "NOPE"));
    assert_true(cc_lexicon_param(lx, "approx_widen", 0) > 0);
    assert_int_equal(cc_lexicon_dmy(lx), 0);
    assert_int_equal(cc_kind_parse("duration"), CC_K_DURATION);
    assert_int_equal(cc_kind_parse("weight"), CC_K__N);
    cc_lexicon_free(lx);
}

static void test_lexicon_errors(void **state)
{
    (void)state;
    char err[512];
    assert_null(load_text("hedges:\n  sortof: [kinda]\n", err, sizeof err));
    assert_non_null(strstr(err, ":2:3: unknown hedge family 'sortof'"));
    assert_null(load_text("numbers:\n  one: uno\n", err, sizeof err));
    assert_non_null(strstr(err, "expected a number, found 'uno'"));
    assert_null(load_text("currencies:\n  DOLLAR: {before: [$]}\n", err, sizeof err));
    assert_non_null(strstr(err, "not a three-letter ISO code"));
    assert_null(load_text("params:\n  date_order: ymd\n", err, sizeof err));
    assert_null(load_text("units: [\n", err, sizeof err));
    cc_lexicon *lx = load_text("units:\n  area:\n    acre: {factor: 0.004, words: [acre, acres]}\n", err, sizeof err);
    assert_non_null(lx); /* a new unit is a data change */
    const cc_lxent *e;
    assert_int_equal(cc_lexicon_lookup(lx, "acres", &e), 1);
    cc_lexicon_free(lx);
}

static void test_diag_print(void **state)
{
    (void)state;
    cc_diags d;
    cc_diags_init(&d);
    cc_diag_add(&d, CC_D_ERROR, "r.yaml", 3, 5, "  a: é(x", "bad %s", "thing");
    cc_diag_add(&d, CC_D_WARNING, NULL, 0, 0, NULL, "plain");
    assert_int_equal(d.errors, 1);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cc_diag_print(&d.items[0], f, 0);
    cc_diag_print(&d.items[1], f, 0);
    fclose(f);
    assert_string_equal(buf, "r.yaml:3:5: error: bad thing\n    a: é(x\n      ^\nclaimcheck: warning: plain\n");
    free(buf);
    cc_diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_lexicon), cmocka_unit_test(test_lexicon_errors), cmocka_unit_test(test_diag_print),
    };
    return cmocka_run_group_tests_name("lexicon and diagnostics", tests, NULL, NULL);
}

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "cc_config.h"
#include "cc_doc.h"
#include "cc_yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_lines_and_columns(void **state)
{
    (void)state;
    cc_diags d;
    cc_diags_init(&d);
    cc_doc doc;
    const char *t = "\xef\xbb\xbf" "ab\r\ncd\ref\n\xc3\xa9z";
    assert_int_equal(cc_doc_from_mem(&doc, "x.txt", t, strlen(t), &d), 0);
    assert_int_equal(doc.nlines, 4);
    int line, col;
    cc_doc_pos(&doc, (size_t)(strchr(doc.text, 'e') - doc.text), &line, &col);
    assert_int_equal(line, 3);
    assert_int_equal(col, 1);
    cc_doc_pos(&doc, (size_t)(strchr(doc.text, 'z') - doc.text), &line, &col);
    assert_int_equal(line, 4);
    assert_int_equal(col, 2); /* é is one code point */
    cc_doc_free(&doc);
    cc_diags_free(&d);
}

static void test_bad_input(void **state)
{
    (void)state;
    cc_diags d;
    cc_diags_init(&d);
    cc_doc doc;
    assert_int_equal(cc_doc_from_mem(&doc, "bad.txt", "ok\nx\xff", 5, &d), -1);
    assert_int_equal(d.errors, 1);
    assert_non_null(strstr(d.items[0].msg, "byte offset 4"));
    assert_int_equal(d.items[0].line, 2);
    assert_int_equal(d.items[0].col, 2);
    cc_doc_free(&doc);
    assert_int_equal(cc_doc_from_mem(&doc, "nul.txt", "a\0b", 3, &d), -1);
    assert_non_null(strstr(d.items[1].msg, "NUL byte at byte offset 1"));
    cc_doc_free(&doc);
    assert_int_equal(cc_doc_load(&doc, "/no/such/file.txt", 0, -1, &d), -1);
    assert_int_equal(d.errors, 3);
    cc_doc_free(&doc);
    cc_diags_free(&d);
}

static void test_front_matter(void **state)
{
    (void)state;
    cc_diags d;
    cc_diags_init(&d);
    cc_doc doc;
    const char *t = "---\r\ndate: 2026-01-23\r\nsource: Wire\r\n---\r\nBody text.\r\n";
    assert_int_equal(cc_doc_from_mem(&doc, "a.md", t, strlen(t), &d), 0);
    assert_string_equal(doc.fm_date, "2026-01-23");
    assert_string_equal(doc.fm_source, "Wire");
    assert_string_equal(doc.text + doc.body + 2, "Body text.\r\n");
    cc_doc_free(&doc);
    const char *bad = "---\ndate: [\n---\nBody.\n";
    assert_int_equal(cc_doc_from_mem(&doc, "b.md", bad, strlen(bad), &d), 0);
    assert_true(doc.fm_error);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.items[0].level, CC_D_WARNING);
    cc_doc_free(&doc);
    cc_diags_free(&d);
}

static void test_sentences(void **state)
{
    (void)state;
    cc_diags d;
    cc_diags_init(&d);
    cc_doc doc;
    const char *t = "Mr. Putin met U.S. envoys. Gaza is far away! Third one\nNext paragraph.";
    cc_doc_from_mem(&doc, "s.txt", t, strlen(t), &d);
    size_t s, e;
    cc_doc_sentence(&doc, (size_t)(strstr(t, "envoys") - t), &s, &e);
    assert_int_equal(s, 0);
    assert_memory_equal(doc.text + s, "Mr. Putin met U.S. envoys.", e - s);
    cc_doc_sentence(&doc, (size_t)(strstr(t, "Third") - t), &s, &e);
    assert_memory_equal(doc.text + s, "Third one", e - s);
    cc_doc_free(&doc);
    /* every abbreviation keeps its sentence whole, whatever its case or
     * length (up to "approx." and "Sept."); a word that only starts like one
     * still ends a sentence */
    const char *u = "Troops held approx. 5,000 sq km on Sept. 3 by Gen. Smith, Corp. Ltd said. Then Ltd. spoke. Capt.Nemo "
                    "sang. Generally. Fine.";
    cc_doc_from_mem(&doc, "a.txt", u, strlen(u), &d);
    cc_doc_sentence(&doc, (size_t)(strstr(u, "5,000") - u), &s, &e);
    assert_int_equal(s, 0);
    assert_memory_equal(doc.text + s, "Troops held approx. 5,000 sq km on Sept. 3 by Gen. Smith, Corp. Ltd said.", e - s);
    cc_doc_sentence(&doc, (size_t)(strstr(u, "Then") - u), &s, &e);
    assert_memory_equal(doc.text + s, "Then Ltd.", e - s);
    cc_doc_sentence(&doc, (size_t)(strstr(u, "Fine") - u), &s, &e);
    assert_memory_equal(doc.text + s, "Fine.", e - s);
    cc_doc_free(&doc);
    cc_diags_free(&d);
}

static void test_yaml_marks(void **state)
{
    (void)state;
    char err[256];
    cc_ynode *y = cc_yaml_load_mem("a: 1\nb:\n  - 'x'\n  - \"y\"\n", 23, err, sizeof err);
    assert_non_null(y);
    const cc_ynode *b = cc_yaml_get(y, "b");
    assert_int_equal(b->kind, CC_Y_SEQ);
    assert_int_equal(b->items[0]->line, 3);
    assert_int_equal(b->items[0]->col, 5);
    assert_int_equal(b->items[0]->style, 1);
    assert_string_equal(cc_yaml_str(y, "a"), "1");
    cc_yaml_free(y);
    assert_null(cc_yaml_load_mem("a: [1,\n", 7, err, sizeof err));
    assert_int_equal(err[0], '2'); /* line 2 */
}

static void test_suppressions(void **state)
{
    (void)state;
    cc_diags d;
    cc_diags_init(&d);
    cc_doc doc;
    const char *t = "one\n"                                                   /* 1 */
                    "<!-- claimcheck-disable-next-line rule-a, rule-b -->\n"  /* 2 */
                    "\n"                                                      /* 3 */
                    "covered\n"                                               /* 4 */
                    "<!--claimcheck-disable-->\n"                             /* 5 */
                    "all rules\n"                                             /* 6 */
                    "<!-- claimcheck-enable -->\n"                            /* 7 */
                    "free\n"                                                  /* 8 */
                    "<!-- claimcheck-frob -->\n"                              /* 9 */
                    "<!-- claimcheck-disable rule-c -->\n"                    /* 10 */
                    "to the end\n";                                           /* 11 */
    assert_int_equal(cc_doc_from_mem(&doc, "x.md", t, strlen(t), &d), 0);
    assert_false(cc_doc_suppressed(&doc, 1, "rule-a"));
    assert_false(cc_doc_suppressed(&doc, 3, "rule-a")); /* the next non-blank line */
    assert_true(cc_doc_suppressed(&doc, 4, "rule-a"));
    assert_true(cc_doc_suppressed(&doc, 4, "rule-b"));
    assert_false(cc_doc_suppressed(&doc, 4, "rule-ab"));
    assert_true(cc_doc_suppressed(&doc, 6, "anything"));
    assert_false(cc_doc_suppressed(&doc, 8, "rule-a"));
    assert_true(cc_doc_suppressed(&doc, 11, "rule-c"));
    assert_true(cc_doc_suppressed(&doc, 999, "rule-c"));
    assert_false(cc_doc_suppressed(&doc, 11, "rule-a"));
    assert_int_equal(d.n, 1); /* the unknown directive is a warning */
    assert_non_null(strstr(d.items[0].msg, "claimcheck-frob"));
    cc_doc_free(&doc);
    cc_diags_free(&d);
}

static void test_config(void **state)
{
    (void)state;
    char dir[] = "/tmp/cc_cfgXXXXXX";
    assert_non_null(mkdtemp(dir));
    char sub[64], path[64];
    snprintf(sub, sizeof sub, "%s/a/b", dir);
    snprintf(path, sizeof path, "%s/a", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    assert_int_equal(mkdir(sub, 0700), 0);
    snprintf(path, sizeof path, "%s/" CC_CONFIG_NAME, dir);
    FILE *f = fopen(path, "w");
    fputs("rules: [r1, /abs/r2]\nfail_on: warning\nformat:\n  - json\n  - {format: sarif, output: o.sarif}\n"
          "severity:\n  x: info\n", f);
    fclose(f);
    char *found = cc_config_find(sub);
    assert_non_null(found);
    assert_non_null(strstr(found, CC_CONFIG_NAME));
    cc_config c;
    cc_config_init(&c);
    cc_diags d;
    cc_diags_init(&d);
    assert_int_equal(cc_config_load(&c, found, &d), 0);
    assert_int_equal(c.nrules, 2);
    assert_non_null(strstr(c.rules[0], "/r1"));
    assert_string_equal(c.rules[1], "/abs/r2");
    assert_string_equal(c.fail_on.value, "warning");
    assert_non_null(strstr(c.fail_on.origin, ":2"));
    assert_string_equal(c.min_level.origin, "default");
    assert_int_equal(c.noutputs, 2);
    assert_string_equal(c.outputs[1].format, "sarif");
    assert_non_null(strstr(c.outputs[1].path, "/o.sarif"));
    assert_int_equal(c.nsev, 1);
    cc_config_free(&c);
    /* errors point at the line */
    f = fopen(path, "w");
    fputs("fail_on: warning\nformat: xml\n", f);
    fclose(f);
    cc_config_init(&c);
    assert_int_equal(cc_config_load(&c, found, &d), -1);
    assert_int_equal(d.items[d.n - 1].line, 2);
    cc_config_free(&c);
    cc_diags_free(&d);
    free(found);
    remove(path);
    rmdir(sub);
    snprintf(path, sizeof path, "%s/a", dir);
    rmdir(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines_and_columns), cmocka_unit_test(test_bad_input), cmocka_unit_test(test_front_matter),
        cmocka_unit_test(test_sentences), cmocka_unit_test(test_yaml_marks), cmocka_unit_test(test_suppressions),
        cmocka_unit_test(test_config),
    };
    return cmocka_run_group_tests_name("documents and yaml", tests, NULL, NULL);
}

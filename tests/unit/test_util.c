#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cc_date.h"
#include "cc_util.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

static void test_buf_and_json(void **state)
{
    (void)state;
    cc_buf b;
    cc_buf_init(&b);
    cc_buf_json_str(&b, "a\"b\\c\n\x01<\xe2\x80\xa8>", 12);
    assert_string_equal(b.s, "\"a\\\"b\\\\c\\n\\u0001<\\u2028>\"");
    cc_buf_free(&b);
    cc_buf_json_str(&b, "bad\xff", 4);
    assert_string_equal(b.s, "\"bad\xef\xbf\xbd\"");
    cc_buf_free(&b);
    cc_buf_json_num(&b, 0.1);
    cc_buf_putc(&b, ' ');
    cc_buf_json_num(&b, 700000);
    cc_buf_putc(&b, ' ');
    cc_buf_json_num(&b, INFINITY);
    assert_string_equal(b.s, "0.1 700000 null");
    cc_buf_free(&b);
}

static void test_utf8(void **state)
{
    (void)state;
    assert_int_equal(cc_utf8_check("h\xc3\xa9llo", 6), 6);
    assert_int_equal(cc_utf8_check("ab\xc3(", 4), 2);           /* truncated sequence */
    assert_int_equal(cc_utf8_check("\xed\xa0\x80", 3), 0);      /* a surrogate */
    assert_int_equal(cc_utf8_check("\xc0\xaf", 2), 0);          /* overlong */
    assert_int_equal(cc_utf8_count("\xc2\xab\xc3\x9c", 4), 2);
    size_t adv;
    assert_int_equal(cc_utf8_decode("\xe2\x82\xac", 3, &adv), 0x20AC);
    assert_int_equal(adv, 3);
    /* the word-at-a-time paths: every split of ASCII runs and sequences
     * around the 8-byte steps, and a bad byte at every offset */
    static const char *const pieces[] = {"a", "abcdefgh", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", " 12345 "};
    char text[256], bad[256];
    unsigned seed = 7;
    for (int round = 0; round < 300; round++) {
        size_t n = 0, cps = 0;
        while (n < 200) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % 6];
            size_t l = strlen(p);
            memcpy(text + n, p, l);
            n += l;
            cps += cc_utf8_count(p, l);
        }
        assert_int_equal(cc_utf8_check(text, n), n);
        assert_int_equal(cc_utf8_count_valid(text, n), cps);
        size_t at = (seed >> 8) % n;
        memcpy(bad, text, n);
        bad[at] = (char)0xff;
        size_t lead = at; /* a broken sequence is reported where it starts */
        while (lead > 0 && ((unsigned char)text[lead] & 0xC0) == 0x80) lead--;
        assert_int_equal(cc_utf8_check(bad, n), lead);
    }
}

/* The whole of s matched by re, anchored at 0: the length, or -1. */
static long match_len(const char *re, const char *s)
{
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *c = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &ec, &eo, NULL);
    if (!c) fail_msg("does not compile (%d at %zu): %s", ec, (size_t)eo, re);
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(c, NULL);
    int rc = pcre2_match(c, (PCRE2_SPTR)s, strlen(s), 0, PCRE2_ANCHORED, md, NULL);
    long l = rc >= 0 ? (long)pcre2_get_ovector_pointer(md)[1] : -1;
    pcre2_match_data_free(md);
    pcre2_code_free(c);
    return l;
}

/* The factored alternation matches exactly the phrases, longest first. */
static void test_regex_alternation(void **state)
{
    (void)state;
    const char *words[] = {"square", "square miles", "square mile", "three", "thirty", "thirty-four", "two", "t",
                           "€", "eur", "euro cents", "₡", "₴", "u.s. dollars", "a+b", "(x)"};
    size_t n = sizeof words / sizeof *words;
    char *ph[32];
    for (size_t i = 0; i < n; i++) ph[i] = (char *)words[i];
    cc_buf b;
    cc_buf_init(&b);
    cc_buf_regex_alternation(&b, ph, n);
    char re[4096];
    snprintf(re, sizeof re, "%s$", b.s); /* the whole subject */
    for (size_t i = 0; i < n; i++)
        if (match_len(re, words[i]) != (long)strlen(words[i])) fail_msg("'%s' not matched by %s", words[i], b.s);
    snprintf(re, sizeof re, "%s", b.s); /* the preferred match at the start */
    assert_int_equal(match_len(re, "square miles away"), 12);
    assert_int_equal(match_len(re, "square mile away"), 11);
    assert_int_equal(match_len(re, "square  \n MILES"), 15);   /* a space is any run of white space */
    assert_int_equal(match_len(re, "thirty-four days"), 11);
    assert_int_equal(match_len(re, "thirty days"), 6);
    assert_int_equal(match_len(re, "tx"), 1);
    assert_int_equal(match_len(re, "euro cents"), 10);
    assert_int_equal(match_len(re, "u.s. dollars"), 12);
    assert_int_equal(match_len(re, "uxs. dollars"), -1);        /* the dot is literal */
    assert_int_equal(match_len(re, "a+b"), 3);
    assert_int_equal(match_len(re, "aab"), -1);
    assert_int_equal(match_len(re, "(x)"), 3);
    assert_int_equal(match_len(re, "four"), -1);
    cc_buf_free(&b);
    /* nothing to match: a group that never matches */
    cc_buf_init(&b);
    cc_buf_regex_alternation(&b, ph, 0);
    assert_int_equal(match_len(b.s, ""), -1);
    assert_int_equal(match_len(b.s, "square"), -1);
    cc_buf_free(&b);
}

/* JSON numbers: the shortest text that reads back exactly, as %.15g (or
 * %.17g when 15 digits do not suffice) would write it. */
static void test_json_num(void **state)
{
    (void)state;
    unsigned long long seed = 1;
    for (int i = 0; i < 200000; i++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        double v;
        switch ((seed >> 60) & 3) {
        case 0: v = (double)(seed >> 20) / (double)(1ULL << ((seed >> 8) & 31)); break;
        case 1: v = (double)((seed >> 30) % 100000) / (double)(1 + (seed >> 10) % 1000); break;
        case 2: v = (double)((seed >> 24) % 1000000000) / pow(10, (int)((seed >> 12) % 12)); break;
        default: v = (double)(seed >> 11) * (1.0 / 9007199254740992.0) * pow(10, (int)((seed >> 5) % 20) - 6);
        }
        if (v == 0) continue;
        if (seed & 1) v = -v;
        char want[40];
        if (v == floor(v) && fabs(v) < 1e15) snprintf(want, sizeof want, "%.0f", v);
        else {
            snprintf(want, sizeof want, "%.15g", v);
            if (strtod(want, NULL) != v) snprintf(want, sizeof want, "%.17g", v);
        }
        cc_buf b;
        cc_buf_init(&b);
        cc_buf_json_num(&b, v);
        if (strcmp(b.s, want) != 0) fail_msg("%.17g: wrote %s, expected %s", v, b.s, want);
        assert_true(strtod(b.s, NULL) == v);
        cc_buf_free(&b);
    }
    cc_buf b;
    cc_buf_init(&b);
    cc_buf_json_num(&b, NAN);
    cc_buf_putc(&b, ' ');
    cc_buf_json_num(&b, -0.0);
    cc_buf_putc(&b, ' ');
    cc_buf_json_num(&b, 1.0 / 6);
    cc_buf_putc(&b, ' ');
    cc_buf_json_num(&b, 0.0001);
    cc_buf_putc(&b, ' ');
    cc_buf_json_num(&b, 0.00001);
    assert_string_equal(b.s, "null 0 0.16666666666666666 0.0001 1e-05");
    cc_buf_free(&b);
    /* values written again come from the per-thread memory: same text */
    for (int round = 0; round < 3; round++)
        for (int k = 1; k < 2000; k++) {
            double v = 1.0 / (k * 3 + 1) + k;
            char want[40];
            snprintf(want, sizeof want, "%.15g", v);
            if (strtod(want, NULL) != v) snprintf(want, sizeof want, "%.17g", v);
            cc_buf_init(&b);
            cc_buf_json_num(&b, v);
            if (strcmp(b.s, want) != 0) fail_msg("round %d: %s, expected %s", round, b.s, want);
            cc_buf_free(&b);
        }
}

static void test_fold(void **state)
{
    (void)state;
    char out[64];
    const char *in = "  The \t Donetsk\xc2\xa0Region ";
    cc_fold(in, strlen(in), out, sizeof out);
    assert_string_equal(out, "the donetsk region");
}

static void test_dates(void **state)
{
    (void)state;
    assert_int_equal(cc_days_from_civil(1970, 1, 1), 0);
    int64_t d = cc_days_from_civil(2026, 1, 23);
    assert_int_equal(cc_weekday(d), 5); /* a Friday */
    int y, m, dd;
    cc_civil_from_days(d, &y, &m, &dd);
    assert_int_equal(y * 10000 + m * 100 + dd, 20260123);
    char s[11];
    cc_date_format(cc_add_months(d, -34), s);
    assert_string_equal(s, "2023-03-23");
    cc_date_format(cc_add_months(cc_days_from_civil(2024, 3, 31), -1), s);
    assert_string_equal(s, "2024-02-29"); /* clamped to the month's end */
    int64_t z;
    assert_int_equal(cc_date_parse_iso("2026-02-30", &z), -1);
    assert_int_equal(cc_date_parse_iso("2026-2-3", &z), -1);
    assert_int_equal(cc_date_parse_iso("2024-02-29", &z), 0);
    assert_false(cc_date_valid(2025, 2, 29));
    assert_true(cc_date_valid(2000, 2, 29));
    assert_false(cc_date_valid(1900, 2, 29));
}

static void test_put_clean(void **state)
{
    (void)state;
    cc_buf b;
    cc_buf_init(&b);
    const char *s = "a\x1b[31mb\tc\x7f\xe2\x80\xae" "d\xe2\x81\xa6" "e\xe2\x80\x94" "f\n";
    cc_buf_put_clean(&b, s, strlen(s));
    cc_buf_putc(&b, 0);
    /* ESC, DEL, RLO and LRI made visible, the newline a space; tab and the em dash kept */
    assert_string_equal(b.s, "a\\x1b[31mb\tc\\x7f\\u202ed\\u2066e\xe2\x80\x94" "f ");
    /* the bidi controls are exactly U+202A-U+202E and U+2066-U+2069 */
    assert_int_equal(cc_utf8_bidi_control("\xe2\x80\xaa", 3), 0x202A);
    assert_int_equal(cc_utf8_bidi_control("\xe2\x80\xae", 3), 0x202E);
    assert_int_equal(cc_utf8_bidi_control("\xe2\x81\xa6", 3), 0x2066);
    assert_int_equal(cc_utf8_bidi_control("\xe2\x81\xa9", 3), 0x2069);
    assert_int_equal(cc_utf8_bidi_control("\xe2\x80\xa9", 3), 0);
    assert_int_equal(cc_utf8_bidi_control("\xe2\x80\xaf", 3), 0);
    assert_int_equal(cc_utf8_bidi_control("\xe2\x81\xa5", 3), 0);
    assert_int_equal(cc_utf8_bidi_control("\xe2\x80", 2), 0);
    cc_buf_free(&b);
}

static void test_join2(void **state)
{
    (void)state;
    char k[8];
    assert_int_equal(cc_join2(k, sizeof k, "ab", '|', "cd"), 5);
    assert_string_equal(k, "ab|cd");
    assert_int_equal(cc_join2(k, sizeof k, "abcdef", '|', "xyz"), 7); /* cut like snprintf */
    assert_string_equal(k, "abcdef|");
    assert_int_equal(cc_join2(k, sizeof k, "abcdefghij", '|', "x"), 7);
    assert_string_equal(k, "abcdefg");
    assert_int_equal(cc_join2(k, sizeof k, "", '|', ""), 1);
    assert_string_equal(k, "|");
    char one[1];
    assert_int_equal(cc_join2(one, sizeof one, "a", '|', "b"), 0);
    assert_string_equal(one, "");
}

/* Escaping is the same wherever in a string the byte to escape sits (the
 * plain runs are skipped eight bytes at a time). */
static void test_json_str_every_position(void **state)
{
    (void)state;
    const char *specials[] = {"\"", "\\", "\n", "\x01", "\x1f", "\x7f", "\xc3\xa9", "\xff", " ", "~"};
    const char *escaped[] = {"\\\"", "\\\\", "\\n", "\\u0001", "\\u001f", "\\u007f", "\xc3\xa9", "\xef\xbf\xbd", " ", "~"};
    for (size_t k = 0; k < sizeof specials / sizeof specials[0]; k++)
        for (size_t pos = 0; pos < 20; pos++) {
            char in[64], want[96];
            size_t il = 0, wl = 0;
            want[wl++] = '"';
            for (size_t i = 0; i < 20; i++) {
                if (i == pos) {
                    memcpy(in + il, specials[k], strlen(specials[k]));
                    il += strlen(specials[k]);
                    memcpy(want + wl, escaped[k], strlen(escaped[k]));
                    wl += strlen(escaped[k]);
                } else {
                    in[il++] = want[wl++] = (char)('a' + i);
                }
            }
            want[wl++] = '"';
            cc_buf b;
            cc_buf_init(&b);
            cc_buf_json_str(&b, in, il);
            assert_int_equal(b.len, wl);
            assert_memory_equal(b.s, want, wl);
            cc_buf_free(&b);
        }
}

/* Appending an empty buffer's bytes (NULL, length 0) appends nothing and
 * touches nothing (UBSan in make test-asan). */
static void test_put_nothing(void **state)
{
    (void)state;
    cc_buf a, empty;
    cc_buf_init(&a);
    cc_buf_init(&empty);
    cc_buf_puts(&a, "x");
    cc_buf_put(&a, empty.s, empty.len);
    cc_buf_put(&empty, empty.s, empty.len);
    assert_int_equal(a.len, 1);
    assert_string_equal(a.s, "x");
    assert_int_equal(empty.len, 0);
    cc_buf_free(&a);
    cc_buf_free(&empty);
}

static void test_read_file(void **state)
{
    (void)state;
    char *data;
    size_t len;
    char err[256];
    assert_int_equal(cc_read_file("/nonexistent/x", 0, &data, &len, err, sizeof err), -1);
    assert_non_null(strstr(err, "cannot open"));
    assert_int_equal(cc_read_file("Makefile", 10, &data, &len, err, sizeof err), -1);
    assert_non_null(strstr(err, "max-file-size"));
    assert_int_equal(cc_read_file("Makefile", 0, &data, &len, err, sizeof err), 0);
    assert_true(len > 100);
    free(data);
    assert_int_equal(cc_read_file("src", 0, &data, &len, err, sizeof err), -1);
    assert_non_null(strstr(err, "directory"));

    /* a regular file comes back whole, byte for byte, with zeroed slack;
     * sizes around the buffer's first size and an empty file */
    char path[] = "/tmp/cc_read_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    size_t sizes[] = {0, 1, 4095, 4096, 4097, 16318, 16319, 16320, 16384, 16385, 40000, 100000};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        FILE *f = fopen(path, "wb");
        for (size_t i = 0; i < sizes[k]; i++) fputc('a' + (int)(i % 26), f);
        fclose(f);
        /* and read as a file a folder listed: without fstat, one read when short */
        for (int known = 0; known < 2; known++) {
            assert_int_equal(known ? cc_read_regular(AT_FDCWD, path, 0, &data, &len, err, sizeof err)
                                   : cc_read_file(path, 0, &data, &len, err, sizeof err), 0);
            assert_int_equal(len, sizes[k]);
            for (size_t i = 0; i < len; i++) assert_int_equal(data[i], 'a' + (int)(i % 26));
            for (size_t i = 0; i <= CC_READ_SLACK; i++) assert_int_equal(data[len + i], 0);
            free(data);
        }
    }
    /* over the limit: refused with its size, whichever way it is read */
    assert_int_equal(cc_read_regular(AT_FDCWD, path, 50000, &data, &len, err, sizeof err), -1);
    assert_non_null(strstr(err, "file is 100000 bytes, over the --max-file-size limit of 50000"));
    assert_int_equal(cc_read_regular(AT_FDCWD, path, 10, &data, &len, err, sizeof err), -1);
    assert_non_null(strstr(err, "max-file-size"));
    unlink(path);

    /* a pipe has no size: it is read to its end */
    char cmd[] = "/tmp/cc_fifo_XXXXXX";
    assert_non_null(mkdtemp(cmd));
    char fifo[64];
    snprintf(fifo, sizeof fifo, "%s/p", cmd);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    pid_t pid = fork();
    if (pid == 0) {
        FILE *w = fopen(fifo, "wb");
        for (int i = 0; i < 20000; i++) fputs("pipe", w);
        fclose(w);
        _exit(0);
    }
    assert_int_equal(cc_read_file(fifo, 0, &data, &len, err, sizeof err), 0);
    assert_int_equal(len, 80000);
    assert_memory_equal(data + 79996, "pipe", 4);
    assert_int_equal(data[len], 0);
    free(data);
    waitpid(pid, NULL, 0);
    unlink(fifo);
    rmdir(cmd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf_and_json), cmocka_unit_test(test_utf8), cmocka_unit_test(test_regex_alternation), cmocka_unit_test(test_json_num), cmocka_unit_test(test_fold),
        cmocka_unit_test(test_dates), cmocka_unit_test(test_read_file), cmocka_unit_test(test_put_nothing), cmocka_unit_test(test_json_str_every_position), cmocka_unit_test(test_join2), cmocka_unit_test(test_put_clean),
    };
    return cmocka_run_group_tests_name("util and date", tests, NULL, NULL);
}

#include "cc_token.h"
#include "cc_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_letter_cp(unsigned cp)
{
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return 1;
    if (cp == 0xB2 || cp == 0xB3) return 1; /* superscript two and three: km² */
    if (cp >= 0xC0 && cp <= 0x24F) return cp != 0xD7 && cp != 0xF7;
    if (cp >= 0x370 && cp <= 0x52F) return 1;
    if (cp >= 0x3040) return cp < 0xFE00 || cp > 0xFFFF;
    return 0;
}

static int is_space_cp(unsigned cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0xA0 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

static int isdig(char c) { return c >= '0' && c <= '9'; }

/* Length of a thousands separator at k that is white space: a narrow or
 * thin no-break space, or (when spaced groups follow twice, as in "1 234 567")
 * a plain space; 0 when there is none. */
static size_t space_group_sep(const char *s, size_t n, size_t k, int plain_ok)
{
    if (k + 3 <= n && (unsigned char)s[k] == 0xE2 && (unsigned char)s[k + 1] == 0x80 &&
        ((unsigned char)s[k + 2] == 0xAF || (unsigned char)s[k + 2] == 0x89))
        return 3;
    if (k + 2 <= n && (unsigned char)s[k] == 0xC2 && (unsigned char)s[k + 1] == 0xA0) return 2;
    if (plain_ok && k < n && s[k] == ' ') return 1;
    return 0;
}

static int three_digits_at(const char *s, size_t n, size_t k)
{
    return k + 3 <= n && isdig(s[k]) && isdig(s[k + 1]) && isdig(s[k + 2]) && (k + 3 == n || !isdig(s[k + 3]));
}

static size_t scan_num(const char *s, size_t n, size_t i, cc_tok *t)
{
    char tmp[96];
    size_t o = 0, k = i;
    int idig = 0, ddig = 0, comma = 0, dropped = 0; /* integer digits past the 40 kept */
    if (s[k] == '.') {
        tmp[o++] = '0';
    } else {
        while (k < n && isdig(s[k])) { if (o < 40) tmp[o++] = s[k]; else dropped++; k++; idig++; }
        /* Indian grouping: "3,54,000", "1,00,00,000" (two-digit groups, then three) */
        if (idig <= 2) {
            size_t q = k;
            int pairs = 0;
            while (q + 3 < n && s[q] == ',' && isdig(s[q + 1]) && isdig(s[q + 2]) && s[q + 3] == ',') { q += 3; pairs++; }
            if (pairs && s[q] == ',' && three_digits_at(s, n, q + 1)) {
                for (size_t r = k; r < q + 4; r++)
                    if (s[r] != ',') { if (o < 40) tmp[o++] = s[r]; else dropped++; }
                idig += 2 * pairs + 3;
                k = q + 4;
                comma = 1;
            }
        }
        /* thousands separators: ",ddd" groups, not followed by another digit */
        while (k + 3 < n && s[k] == ',' && isdig(s[k + 1]) && isdig(s[k + 2]) && isdig(s[k + 3]) &&
               (k + 4 >= n || !isdig(s[k + 4])) && (comma || idig <= 3)) {
            for (int q = 1; q <= 3; q++) if (o < 40) tmp[o++] = s[k + q]; else dropped++;
            k += 4;
            idig += 3;
            comma = 1;
        }
        /* "1 234 567", "1 234 567.89": groups of three after white space */
        if (!comma && idig <= 3 && !(i > 0 && (s[i - 1] == '+' || s[i - 1] == '('))) {
            size_t l1 = space_group_sep(s, n, k, 0), l2;
            int plain = 0;
            if (!l1 && k < n && s[k] == ' ' && three_digits_at(s, n, k + 1) && (l2 = space_group_sep(s, n, k + 4, 1)) &&
                l2 == 1 && three_digits_at(s, n, k + 5))
                plain = 1, l1 = 1;
            size_t k0 = k, o0 = o;
            int idig0 = idig;
            while (l1 && three_digits_at(s, n, k + l1)) {
                for (int q = 0; q < 3; q++) if (o < 40) tmp[o++] = s[k + l1 + (size_t)q]; else dropped++;
                k += l1 + 3;
                idig += 3;
                comma = 1;
                l1 = space_group_sep(s, n, k, plain);
            }
            /* digits going on after the groups ("202 555 0143") make a code,
             * not a number: undo */
            if (plain && k + 1 < n && s[k] == ' ' && isdig(s[k + 1])) { k = k0; o = o0; idig = idig0; comma = 0; dropped = 0; }
        }
    }
    if (k + 1 < n && s[k] == '.' && isdig(s[k + 1])) {
        tmp[o++] = '.';
        k++;
        while (k < n && isdig(s[k])) { if (o < 60) tmp[o++] = s[k]; k++; ddig++; }
    }
    /* scientific notation: "1.3e6", "12.32e+14", "-12e-1" */
    int ex = 0;
    if (k + 1 < n && (s[k] == 'e' || s[k] == 'E')) {
        size_t q = k + 1;
        int sign = 1;
        if (q < n && (s[q] == '+' || s[q] == '-')) { sign = s[q] == '-' ? -1 : 1; q++; }
        size_t d0 = q;
        while (q < n && isdig(s[q]) && q - d0 < 4) { ex = ex * 10 + (s[q] - '0'); q++; }
        int letter_after = q < n && ((s[q] | 32) >= 'a' && (s[q] | 32) <= 'z');
        if (q > d0 && !letter_after && !(q < n && isdig(s[q]))) { ex *= sign; k = q; }
        else ex = 0;
    }
    t->type = CC_T_NUM;
    /* up to 15 significant digits and no exponent: the digits as an integer
     * divided by a power of ten, both exact in a double, so the one
     * rounding of the division gives what strtod gives */
    static const double p10[16] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    uint64_t mant = 0;
    int nd = 0, frac = -1;
    for (size_t q = 0; q < o && nd <= 15; q++) {
        if (tmp[q] == '.') { frac = 0; continue; }
        mant = mant * 10 + (uint64_t)(tmp[q] - '0');
        nd++;
        if (frac >= 0) frac++;
    }
    if (ex + dropped == 0 && nd <= 15) {
        t->num = (double)mant / p10[frac > 0 ? frac : 0];
    } else {
        /* the exponent goes through strtod ("0e2025" is 0, "1e400" is inf, never NaN) */
        snprintf(tmp + o, sizeof tmp - o, "e%d", ex + dropped);
        t->num = strtod(tmp, NULL);
    }
    tmp[o] = 0; /* the digits alone again, for the trailing zeros below */
    t->exp10 = ex;
    t->int_digits = idig;
    t->dec_digits = ddig;
    t->comma = (unsigned)comma;
    t->tz = 0;
    if (!ddig) {
        for (size_t q = 0; tmp[q]; q++) if (tmp[q] != '0') goto nonzero;
        goto done; /* zero */
    nonzero:;
        size_t e = strlen(tmp);
        while (e > 1 && tmp[e - 1] == '0') { t->tz++; e--; }
    }
done:
    /* a power: "1.1^23", "2.5^-1", "10^6 km2" (signs before the exponent
     * multiply: "^--23" is "^23"). The value is exact, so it has no rounding
     * step. A power that cannot be evaluated ("2^1000000", "0^-1", "5^2.5")
     * becomes one word: it is no quantity, and neither is its exponent. */
    if (k + 1 < n && s[k] == '^') {
        size_t q = k + 1;
        int sign = 1, signs = 0, pe = 0;
        while (q < n && (s[q] == '+' || s[q] == '-') && signs < 3) { if (s[q] == '-') sign = -sign; q++; signs++; }
        size_t d0 = q;
        while (q < n && isdig(s[q])) { if (q - d0 < 4) pe = pe * 10 + (s[q] - '0'); q++; }
        if (q > d0) {
            size_t ndig = q - d0;
            int frac = q + 1 < n && (s[q] == '.' || s[q] == ',') && isdig(s[q + 1]);
            while (frac && q < n && (isdig(s[q]) || s[q] == '.' || s[q] == ',')) q++;
            double v = ndig <= 4 && !frac ? pow(t->num, (double)(sign * pe)) : NAN;
            if (isfinite(v) && (v != 0 || t->num == 0)) {
                t->num = v;
                t->power = 1;
                t->tz = 0;
            } else {
                t->type = CC_T_WORD;
            }
            k = q;
        }
    }
    return k;
}

size_t cc_tokenize(const char *s, size_t n, cc_tok **out)
{
    size_t cap = 16, cnt = 0;
    cc_tok *toks = cc_xmalloc(cap * sizeof *toks);
    size_t i = 0;
    int space = 1;
    while (i < n) {
        size_t adv = 1;
        unsigned cp = (unsigned char)s[i]; /* ASCII without decoding */
        if (cp >= 0x80) cp = cc_utf8_decode(s + i, n - i, &adv);
        if (is_space_cp(cp)) { space = 1; i += adv; continue; }
        if (cnt == cap) { cap *= 2; toks = cc_xrealloc(toks, cap * sizeof *toks); }
        cc_tok *t = &toks[cnt++];
        memset(t, 0, sizeof *t);
        t->space_before = (unsigned)space;
        t->start = i;
        space = 0;
        /* ".5" is a number, but not after a digit or a letter ("Dec.26" is a month and a day) */
        if (isdig(s[i]) ||
            (s[i] == '.' && i + 1 < n && isdig(s[i + 1]) && (i == 0 || (!isdig(s[i - 1]) && !((s[i - 1] | 32) >= 'a' && (s[i - 1] | 32) <= 'z'))))) {
            t->end = scan_num(s, n, i, t);
        } else if (is_letter_cp(cp)) {
            size_t k = i + adv;
            while (k < n) {
                size_t a2 = 1;
                unsigned c2 = (unsigned char)s[k];
                if (c2 >= 0x80) c2 = cc_utf8_decode(s + k, n - k, &a2);
                if (!is_letter_cp(c2) && !(c2 >= '0' && c2 <= '9')) break;
                k += a2;
            }
            t->type = CC_T_WORD;
            t->end = k;
        } else {
            t->type = CC_T_SYM;
            t->cp = cp;
            t->end = i + adv;
        }
        i = t->end;
    }
    *out = toks;
    return cnt;
}

size_t cc_tok_key(const char *s, const cc_tok *toks, size_t i, size_t j, char *dst, size_t dstlen)
{
    size_t o = 0;
    for (size_t k = i; k < j; k++) {
        if (k > i && toks[k].space_before) {
            if (o + 1 >= dstlen) return 0;
            dst[o++] = ' ';
        }
        for (size_t b = toks[k].start; b < toks[k].end; b++) {
            if (o + 1 >= dstlen) return 0;
            char c = s[b];
            dst[o++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
        }
    }
    dst[o] = 0;
    return o;
}

int cc_tok_is(const char *s, const cc_tok *t, const char *w)
{
    if (t->type != CC_T_WORD) return 0;
    /* compared as the word is walked: most tokens differ at the first letter */
    size_t n = t->end - t->start, i = 0;
    for (; i < n && w[i]; i++) {
        char c = s[t->start + i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != w[i]) return 0;
    }
    return i == n && !w[i];
}

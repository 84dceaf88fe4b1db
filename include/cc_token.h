/* cc_token: splits text into number, word and symbol tokens for the
 * normalizer. Tokens point into the caller's text by byte offset; the array
 * is owned by the caller (free(toks)). */
#ifndef CC_TOKEN_H
#define CC_TOKEN_H

#include <stddef.h>

typedef enum { CC_T_NUM, CC_T_WORD, CC_T_SYM } cc_ttype;

typedef struct {
    cc_ttype type;
    unsigned space_before : 1; /* whitespace (or start of text) before it */
    unsigned comma : 1;        /* NUM: written with thousands separators */
    unsigned power : 1;        /* NUM: a power written with a caret ("10^6"): exact */
    size_t start, end;         /* byte offsets */
    double num;                /* NUM: value */
    int int_digits;            /* NUM: digits before the decimal point */
    int dec_digits;            /* NUM: digits after it */
    int tz;                    /* NUM: trailing zeros of an integer */
    int exp10;                 /* NUM: a written exponent ("1.3e6": 6) */
    unsigned cp;               /* SYM: the code point */
} cc_tok;

/* Tokenizes s[0..n) (valid UTF-8 expected; invalid bytes become symbols).
 * Returns the count and sets *out (caller frees). */
size_t cc_tokenize(const char *s, size_t n, cc_tok **out);

/* Builds the folded phrase key of toks[i..j) into dst: lower-case token
 * texts, one space where the text had white space. Returns its length, or 0
 * when it does not fit. */
size_t cc_tok_key(const char *s, const cc_tok *toks, size_t i, size_t j, char *dst, size_t dstlen);

/* 1 when the token is the word w (ASCII, case-insensitive). */
int cc_tok_is(const char *s, const cc_tok *t, const char *w);

#endif

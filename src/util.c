#include "cc_util.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void oom(void)
{
    fputs("claimcheck: out of memory\n", stderr);
    abort();
}

void *cc_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) oom();
    return p;
}

void *cc_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) oom();
    return p;
}

void *cc_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) oom();
    return q;
}

char *cc_xstrdup(const char *s) { return cc_xstrndup(s, strlen(s)); }

char *cc_xstrndup(const char *s, size_t n)
{
    char *p = cc_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

void cc_buf_init(cc_buf *b) { b->s = NULL; b->len = b->cap = 0; b->sink = NULL; }

void cc_buf_set_sink(cc_buf *b, void *file) { b->sink = file; }

int cc_buf_flush(cc_buf *b)
{
    if (!b->sink || !b->len) return b->sink && ferror((FILE *)b->sink) ? -1 : 0;
    size_t w = fwrite(b->s, 1, b->len, (FILE *)b->sink);
    int bad = w != b->len;
    b->len = 0;
    b->s[0] = 0;
    return bad || ferror((FILE *)b->sink) ? -1 : 0;
}

void cc_buf_free(cc_buf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

static void reserve(cc_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) cap *= 2;
    b->s = cc_xrealloc(b->s, cap);
    b->cap = cap;
}

void cc_buf_put(cc_buf *b, const char *s, size_t n)
{
    reserve(b, n);
    if (n) memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
    if (b->sink && b->len >= 65536) cc_buf_flush(b);
}

void cc_buf_puts(cc_buf *b, const char *s) { cc_buf_put(b, s, strlen(s)); }

void cc_buf_putc(cc_buf *b, char c) { cc_buf_put(b, &c, 1); }

void cc_buf_vprintf(cc_buf *b, const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n < 0) return;
    reserve(b, (size_t)n);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    if (b->sink && b->len >= 65536) cc_buf_flush(b);
}

void cc_buf_printf(cc_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cc_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

char *cc_buf_take(cc_buf *b)
{
    char *s = b->s ? b->s : cc_xstrdup("");
    cc_buf_init(b);
    return s;
}

/* Length of the valid UTF-8 sequence at s, or 0 when it is invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80) return 1;
    size_t len;
    uint32_t min;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; min = 0x10000; }
    else return 0;
    if (n < len) return 0;
    uint32_t cp = c & (0x3F >> (len - 1));
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

size_t cc_utf8_check(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        /* ASCII, eight bytes at a time */
        uint64_t w;
        while (i + 8 <= n && (memcpy(&w, u + i, 8), !(w & 0x8080808080808080ULL))) i += 8;
        if (i >= n) break;
        if (u[i] < 0x80) { i++; continue; }
        size_t l = utf8_seq(u + i, n - i);
        if (!l) return i;
        i += l;
    }
    return n;
}

uint32_t cc_utf8_decode(const char *s, size_t n, size_t *adv)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t l = utf8_seq(u, n);
    if (l <= 1) { *adv = 1; return l ? u[0] : 0xFFFD; }
    uint32_t cp = u[0] & (0x3F >> (l - 1));
    for (size_t i = 1; i < l; i++) cp = (cp << 6) | (u[i] & 0x3F);
    *adv = l;
    return cp;
}

size_t cc_utf8_count_valid(const char *s, size_t n)
{
    /* every byte but continuation bytes (10xxxxxx), eight at a time: a
     * continuation byte has bit 7 set and bit 6 clear */
    size_t count = n, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        count -= (size_t)__builtin_popcountll(w & ~(w << 1) & 0x8080808080808080ULL);
    }
    for (; i < n; i++) count -= ((unsigned char)s[i] & 0xC0) == 0x80;
    return count;
}

size_t cc_utf8_count(const char *s, size_t n)
{
    size_t count = 0, i = 0;
    while (i < n) {
        size_t l = utf8_seq((const unsigned char *)s + i, n - i);
        i += l ? l : 1;
        count++;
    }
    return count;
}

void cc_buf_json_str(cc_buf *b, const char *s, size_t n)
{
    cc_buf_putc(b, '"');
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            size_t l = utf8_seq((const unsigned char *)s + i, n - i);
            if (!l) { cc_buf_puts(b, "\xEF\xBF\xBD"); i++; continue; }
            /* U+2028/2029 break JavaScript string literals: escape them. */
            if (l == 3 && c == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
                ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
                cc_buf_printf(b, "\\u%04x", (unsigned char)s[i + 2] == 0xA8 ? 0x2028 : 0x2029);
            } else {
                cc_buf_put(b, s + i, l);
            }
            i += l;
            continue;
        }
        switch (c) {
        case '"': cc_buf_puts(b, "\\\""); break;
        case '\\': cc_buf_puts(b, "\\\\"); break;
        case '\n': cc_buf_puts(b, "\\n"); break;
        case '\r': cc_buf_puts(b, "\\r"); break;
        case '\t': cc_buf_puts(b, "\\t"); break;
        default:
            if (c < 0x20 || c == 0x7F) cc_buf_printf(b, "\\u%04x", c);
            else cc_buf_putc(b, (char)c);
        }
        i++;
    }
    cc_buf_putc(b, '"');
}

void cc_buf_json_num(cc_buf *b, double v)
{
    if (isnan(v) || isinf(v)) { cc_buf_puts(b, "null"); return; }
    if (v == floor(v) && fabs(v) < 1e15) { cc_buf_printf(b, "%.0f", v); return; }
    /* the shortest of 15 and 17 significant digits that reads back exactly */
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%.15g", v);
    if (strtod(tmp, NULL) != v) snprintf(tmp, sizeof tmp, "%.17g", v);
    cc_buf_puts(b, tmp);
}

int cc_read_file(const char *path, size_t max_size, char **data, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        int e = errno;
        snprintf(err, errlen, "cannot open: %s", strerror(e));
        errno = e;
        return -1;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        snprintf(err, errlen, "is a directory");
        errno = EISDIR;
        return -1;
    }
    if (max_size && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size > max_size) {
        fclose(f);
        snprintf(err, errlen, "file is %lld bytes, over the --max-file-size limit of %zu", (long long)st.st_size, max_size);
        errno = EFBIG;
        return -1;
    }
    size_t cap = (S_ISREG(st.st_mode) && st.st_size > 0) ? (size_t)st.st_size + 1 : 4096, n = 0;
    char *buf = cc_xmalloc(cap);
    for (;;) {
        if (n + 1 >= cap) { cap *= 2; buf = cc_xrealloc(buf, cap); }
        size_t r = fread(buf + n, 1, cap - n - 1, f);
        n += r;
        if (max_size && n > max_size) {
            free(buf);
            fclose(f);
            snprintf(err, errlen, "file is over the --max-file-size limit of %zu bytes", max_size);
            errno = EFBIG;
            return -1;
        }
        if (r == 0) break;
    }
    if (ferror(f)) {
        int e = errno ? errno : EIO;
        free(buf);
        fclose(f);
        snprintf(err, errlen, "read error: %s", strerror(e));
        errno = e;
        return -1;
    }
    fclose(f);
    buf[n] = 0;
    *data = buf;
    *len = n;
    return 0;
}

static int is_space_at(const char *s, size_t n, size_t i, size_t *adv)
{
    unsigned char c = (unsigned char)s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') { *adv = 1; return 1; }
    if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) { *adv = 2; return 1; }
    if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80) {
        unsigned char d = (unsigned char)s[i + 2];
        if ((d >= 0x80 && d <= 0x8A) || d == 0xAF) { *adv = 3; return 1; }
    }
    return 0;
}

size_t cc_fold(const char *s, size_t n, char *dst, size_t dstlen)
{
    size_t o = 0, adv;
    int pending = 0;
    if (!dstlen) return 0;
    for (size_t i = 0; i < n;) {
        if (is_space_at(s, n, i, &adv)) { pending = o > 0; i += adv; continue; }
        if (pending) { if (o + 1 < dstlen) dst[o++] = ' '; pending = 0; }
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (o + 1 < dstlen) dst[o++] = c;
        i++;
    }
    dst[o] = 0;
    return o;
}

static int cmp_len_desc(const void *a, const void *b)
{
    size_t la = strlen(*(char *const *)a), lb = strlen(*(char *const *)b);
    return la < lb ? 1 : la > lb ? -1 : strcmp(*(char *const *)a, *(char *const *)b);
}

void cc_buf_regex_alternation(cc_buf *b, char **phrases, size_t n)
{
    if (n > 1) qsort(phrases, n, sizeof *phrases, cmp_len_desc);
    cc_buf_puts(b, "(?:");
    for (size_t i = 0; i < n; i++) {
        if (i) cc_buf_putc(b, '|');
        for (const char *s = phrases[i]; *s; s++) {
            if (*s == ' ') cc_buf_puts(b, "\\s+");
            else if (strchr("\\^$.|?*+()[]{}-#", *s)) { cc_buf_putc(b, '\\'); cc_buf_putc(b, *s); }
            else cc_buf_putc(b, *s);
        }
    }
    if (!n) cc_buf_puts(b, "(?!)");
    cc_buf_putc(b, ')');
}

void cc_buf_put_clean(cc_buf *b, const char *s, size_t n)
{
    size_t run = 0; /* start of the bytes not yet copied */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n' || c == '\r') { /* a quote that wraps stays on its report line */
            cc_buf_put(b, s + run, i - run);
            cc_buf_putc(b, ' ');
            run = i + 1;
        } else if ((c < 0x20 && c != '\t') || c == 0x7f) {
            cc_buf_put(b, s + run, i - run);
            cc_buf_printf(b, "\\x%02x", c);
            run = i + 1;
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] >= 0xAA &&
                   (unsigned char)s[i + 2] <= 0xAE) {
            cc_buf_put(b, s + run, i - run);
            cc_buf_printf(b, "\\u%04x", 0x2000 + ((unsigned char)s[i + 2] - 0x80));
            i += 2;
            run = i + 1;
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x81 && (unsigned char)s[i + 2] >= 0xA6 &&
                   (unsigned char)s[i + 2] <= 0xA9) {
            cc_buf_put(b, s + run, i - run);
            cc_buf_printf(b, "\\u%04x", 0x2040 + ((unsigned char)s[i + 2] - 0x80));
            i += 2;
            run = i + 1;
        }
    }
    cc_buf_put(b, s + run, n - run);
}

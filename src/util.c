#include "cc_util.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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

void cc_buf_init(cc_buf *b) { b->s = NULL; b->len = b->cap = 0; b->sink = NULL; b->flushed = 0; }

void cc_buf_set_sink(cc_buf *b, void *file) { b->sink = file; }

int cc_buf_flush(cc_buf *b)
{
    if (!b->sink || !b->len) return b->sink && ferror((FILE *)b->sink) ? -1 : 0;
    size_t w = fwrite(b->s, 1, b->len, (FILE *)b->sink);
    int bad = w != b->len;
    b->flushed += b->len;
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

void cc_buf_put_slow(cc_buf *b, const char *s, size_t n)
{
    reserve(b, n);
    if (n) memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
    if (b->sink && b->len >= 65536) cc_buf_flush(b);
}

size_t cc_join2(char *out, size_t cap, const char *a, char sep, const char *b)
{
    size_t o = 0, la = strlen(a), lb = strlen(b);
    size_t n = la < cap - 1 ? la : cap - 1;
    memcpy(out, a, n);
    o = n;
    if (o < cap - 1) out[o++] = sep;
    n = lb < cap - 1 - o ? lb : cap - 1 - o;
    memcpy(out + o, b, n);
    o += n;
    out[o] = 0;
    return o;
}

int cc_jobs(int requested)
{
    if (requested > 0) return requested;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

void cc_parallel(int n, void *(*fn)(void *), void *args, size_t size)
{
    if (n < 1) n = 1;
    pthread_t *th = cc_xcalloc((size_t)n, sizeof *th);
    unsigned char *started = cc_xcalloc((size_t)n, 1);
    char *a = args;
    for (int t = 1; t < n; t++) started[t] = pthread_create(&th[t], NULL, fn, a + (size_t)t * size) == 0;
    fn(a);
    for (int t = 1; t < n; t++)
        if (started[t]) pthread_join(th[t], NULL);
        else fn(a + (size_t)t * size);
    free(th);
    free(started);
}

void cc_buf_put_int(cc_buf *b, long long v)
{
    char tmp[24];
    size_t o = sizeof tmp;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do { tmp[--o] = (char)('0' + u % 10); u /= 10; } while (u);
    if (v < 0) tmp[--o] = '-';
    cc_buf_put(b, tmp + o, sizeof tmp - o);
}

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
        uint64_t c = (w & ~(w << 1) & 0x8080808080808080ULL) >> 7; /* 1 in each continuation byte */
        count -= (size_t)((c * 0x0101010101010101ULL) >> 56);       /* their sum, in the top byte */
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

/* Whether the 8 bytes at s are all printable ASCII other than '"' and '\\'
 * (what a JSON string takes as it is). */
static inline int json_plain8(const char *s)
{
    const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    uint64_t v;
    memcpy(&v, s, 8);
#define CC_ZERO_BYTE(x) (((x) - ones) & ~(x) & high)
    uint64_t bad = (v & high)                    /* 0x80 and up */
                   | ((v - ones * 0x20) & ~v & high) /* below 0x20 */
                   | CC_ZERO_BYTE(v ^ (ones * 0x7F)) | CC_ZERO_BYTE(v ^ (ones * '"')) | CC_ZERO_BYTE(v ^ (ones * '\\'));
#undef CC_ZERO_BYTE
    return bad == 0;
}

void cc_buf_json_str(cc_buf *b, const char *s, size_t n)
{
    cc_buf_putc(b, '"');
    size_t i = 0, run = 0; /* s[run..i) is plain ASCII not yet copied */
    while (i < n) {
        if (i + 8 <= n && json_plain8(s + i)) { i += 8; continue; }
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') { i++; continue; }
        cc_buf_put(b, s + run, i - run);
        if (c >= 0x80) {
            size_t l = utf8_seq((const unsigned char *)s + i, n - i);
            if (!l) {
                cc_buf_put(b, "\xEF\xBF\xBD", 3);
                i++;
            } else if (l == 3 && c == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
                       ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
                /* U+2028/2029 break JavaScript string literals: escape them. */
                cc_buf_put(b, (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
                i += l;
            } else {
                cc_buf_put(b, s + i, l);
                i += l;
            }
            run = i;
            continue;
        }
        switch (c) {
        case '"': cc_buf_put(b, "\\\"", 2); break;
        case '\\': cc_buf_put(b, "\\\\", 2); break;
        case '\n': cc_buf_put(b, "\\n", 2); break;
        case '\r': cc_buf_put(b, "\\r", 2); break;
        case '\t': cc_buf_put(b, "\\t", 2); break;
        default: {
            static const char hex[] = "0123456789abcdef";
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            cc_buf_put(b, u, 6);
        }
        }
        i++;
        run = i;
    }
    cc_buf_put(b, s + run, i - run);
    cc_buf_putc(b, '"');
}

void cc_buf_json_num(cc_buf *b, double v)
{
    if (isnan(v) || isinf(v)) { cc_buf_puts(b, "null"); return; }
    if (v == floor(v) && fabs(v) < 1e15) { cc_buf_put_int(b, (long long)v); return; }
    /* Most values have a short exact decimal (0.125, 2.625, 40.5): find the
     * fewest decimals k with m / 10^k == v (m < 2^53 and 10^k exact, so the
     * division is correctly rounded and so is reading the text back), and
     * write m without printf. This is what %.15g prints for them. */
    double a = fabs(v);
    if (a >= 1e-4 && a < 1e14) {
        static const double p10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
        int idig = 1;
        while (idig < 15 && a >= p10[idig]) idig++;
        int lead0 = 0; /* zeros right after the point count as decimals, not as significant digits */
        while (lead0 < 4 && a < 1 && a * p10[lead0 + 1] < 1) lead0++;
        for (int k = 1; k <= 15 - (a >= 1 ? idig : 0) + lead0 && k <= 15; k++) {
            double m = nearbyint(a * p10[k]);
            if (m / p10[k] != a) continue;
            char tmp[40];
            unsigned long long u = (unsigned long long)m, ip = u / (unsigned long long)p10[k],
                               fp = u % (unsigned long long)p10[k];
            size_t o = sizeof tmp;
            for (int q = 0; q < k; q++) { tmp[--o] = (char)('0' + fp % 10); fp /= 10; }
            tmp[--o] = '.';
            do { tmp[--o] = (char)('0' + ip % 10); ip /= 10; } while (ip);
            if (v < 0) tmp[--o] = '-';
            cc_buf_put(b, tmp + o, sizeof tmp - o);
            return;
        }
    }
    /* the shortest of 15 and 17 significant digits that reads back exactly;
     * such values repeat (an hour is 1/24 day), so each thread remembers the
     * last text written for 256 of them */
    static _Thread_local struct {
        uint64_t bits; /* 0 (the value 0.0) never gets here: empty */
        unsigned char len;
        char s[31];
    } seen[256];
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    unsigned slot = (unsigned)((bits * 0x9E3779B97F4A7C15ULL) >> 56);
    if (seen[slot].bits == bits) { cc_buf_put(b, seen[slot].s, seen[slot].len); return; }
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%.15g", v);
    if (strtod(tmp, NULL) != v) snprintf(tmp, sizeof tmp, "%.17g", v);
    size_t l = strlen(tmp);
    if (l < sizeof seen[slot].s) {
        seen[slot].bits = bits;
        seen[slot].len = (unsigned char)l;
        memcpy(seen[slot].s, tmp, l);
    }
    cc_buf_put(b, tmp, l);
}

static void too_big(char *err, size_t errlen, long long size, size_t max_size)
{
    snprintf(err, errlen, "file is %lld bytes, over the --max-file-size limit of %zu", size, max_size);
}

/* A read that failed with errno e, in words. */
static void read_failed(char *err, size_t errlen, int e)
{
    if (e == EISDIR) snprintf(err, errlen, "is a directory");
    else snprintf(err, errlen, "read error: %s", strerror(e));
}

/* Reads fd to its end into a buffer followed by CC_READ_SLACK zero bytes
 * (documents hand the buffer to PCRE2's JIT, which may read a little past
 * the end). size > 0: a regular file of that size, asked for one byte more,
 * so a read that returns exactly the size is the whole file, with no second
 * read to see the end. Otherwise (pipes, files that grow) it reads until a
 * read returns nothing. Closes fd. */
static int read_fd(int fd, size_t size, size_t max_size, char **data, size_t *len, char *err, size_t errlen)
{
    size_t cap = size ? size + 2 + CC_READ_SLACK : 4096, n = 0;
    char *buf = cc_xmalloc(cap);
    for (;;) {
        if (n + 1 + CC_READ_SLACK >= cap) { cap *= 2; buf = cc_xrealloc(buf, cap); }
        ssize_t r = read(fd, buf + n, cap - n - 1 - CC_READ_SLACK);
        if (r < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            free(buf);
            close(fd);
            read_failed(err, errlen, e);
            errno = e;
            return -1;
        }
        n += (size_t)r;
        if (max_size && n > max_size) {
            free(buf);
            close(fd);
            snprintf(err, errlen, "file is over the --max-file-size limit of %zu bytes", max_size);
            errno = EFBIG;
            return -1;
        }
        if (r == 0 || (size && n == size)) break;
    }
    close(fd);
    memset(buf + n, 0, 1 + CC_READ_SLACK);
    *data = buf;
    *len = n;
    return 0;
}

static int open_read(int dirfd, const char *path, int flags, char *err, size_t errlen)
{
    int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | flags);
    if (fd < 0) {
        int e = errno;
        snprintf(err, errlen, "cannot open: %s", strerror(e));
        errno = e;
    }
    return fd;
}

/* An open file, asked what it is and how large: a folder or one over
 * max_size is refused, the rest read (read_fd). Closes fd. */
static int read_opened(int fd, size_t max_size, char **data, size_t *len, char *err, size_t errlen)
{
    struct stat st;
    if (fstat(fd, &st) != 0) memset(&st, 0, sizeof st);
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        read_failed(err, errlen, EISDIR);
        errno = EISDIR;
        return -1;
    }
    int reg = S_ISREG(st.st_mode) && st.st_size > 0;
    if (max_size && reg && (uint64_t)st.st_size > max_size) {
        close(fd);
        too_big(err, errlen, (long long)st.st_size, max_size);
        errno = EFBIG;
        return -1;
    }
    return read_fd(fd, reg ? (size_t)st.st_size : 0, max_size, data, len, err, errlen);
}

int cc_read_file(const char *path, size_t max_size, char **data, size_t *len, char *err, size_t errlen)
{
    int fd = open_read(AT_FDCWD, path, 0, err, errlen);
    if (fd < 0) return -1;
    return read_opened(fd, max_size, data, len, err, errlen);
}

int cc_read_regular(int dirfd, const char *path, size_t max_size, char **data, size_t *len, char *err, size_t errlen)
{
    /* non-blocking: should the name have become a pipe since it was listed, the open does not wait */
    int fd = open_read(dirfd, path, O_NONBLOCK, err, errlen);
    if (fd < 0) return -1;
    /* most articles fit this: read here, then copied to a buffer of their size (no large
     * block taken from the heap and cut down per article) */
    char first[16384];
    ssize_t r;
    do r = read(fd, first, sizeof first); while (r < 0 && errno == EINTR);
    if (r < 0 || ((size_t)r == sizeof first && lseek(fd, 0, SEEK_SET) != 0)) {
        int e = errno;
        close(fd);
        read_failed(err, errlen, e);
        errno = e;
        return -1;
    }
    if ((size_t)r == sizeof first) return read_opened(fd, max_size, data, len, err, errlen); /* a larger file */
    close(fd);
    if (max_size && (size_t)r > max_size) {
        too_big(err, errlen, (long long)r, max_size);
        errno = EFBIG;
        return -1;
    }
    char *buf = cc_xmalloc((size_t)r + 1 + CC_READ_SLACK);
    memcpy(buf, first, (size_t)r);
    memset(buf + r, 0, 1 + CC_READ_SLACK);
    *data = buf;
    *len = (size_t)r;
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

/* The phrases as a trie by symbol (one UTF-8 character, or a space that
 * stands for any white space), written factored: "(?:t(?:h(?:irty|ree)|wo)|…)"
 * rather than one branch per phrase. PCRE2 tries branches one by one; a
 * position that starts no phrase is now rejected after one comparison per
 * distinct first symbol instead of one per phrase. Siblings are ordered by
 * the longest phrase through them and a phrase that ends at a node comes
 * after its longer continuations, so longer phrases still win ("square
 * miles" over "square"), as in a flat alternation sorted longest first. */
typedef struct {
    const char *sym; /* points into a phrase */
    size_t symlen;
    size_t maxlen;   /* longest phrase through this node, in bytes */
    int end;         /* a phrase ends here */
    size_t *kids, nk;
} rx_node;

typedef struct {
    rx_node *v;
    size_t n, cap;
} rx_trie;

static size_t sym_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    size_t l = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    for (size_t i = 1; i < l; i++) if (!s[i]) return i;
    return l;
}

/* Node i's children from the phrases [lo, hi): sorted, all sharing their
 * first depth bytes. Returns the longest phrase length below. */
static size_t rx_build(rx_trie *t, size_t i, char **ph, size_t lo, size_t hi, size_t depth)
{
    size_t maxlen = 0;
    size_t j = lo;
    while (j < hi) {
        if (!ph[j][depth]) { t->v[i].end = 1; if (depth > maxlen) maxlen = depth; j++; continue; }
        const char *sym = ph[j] + depth;
        size_t l = sym_len(sym), k = j + 1;
        while (k < hi && strncmp(ph[k] + depth, sym, l) == 0) k++;
        if (t->n == t->cap) { t->cap *= 2; t->v = cc_xrealloc(t->v, t->cap * sizeof *t->v); }
        size_t c = t->n++;
        t->v[c] = (rx_node){sym, l, 0, 0, NULL, 0};
        t->v[i].kids = cc_xrealloc(t->v[i].kids, (t->v[i].nk + 1) * sizeof *t->v[i].kids);
        t->v[i].kids[t->v[i].nk++] = c;
        size_t m = rx_build(t, c, ph, j, k, depth + l);
        t->v[c].maxlen = m;
        if (m > maxlen) maxlen = m;
        j = k;
    }
    return maxlen;
}

static int rx_before(const rx_trie *t, size_t a, size_t b)
{
    const rx_node *x = &t->v[a], *y = &t->v[b];
    if (x->maxlen != y->maxlen) return x->maxlen > y->maxlen;
    size_t l = x->symlen < y->symlen ? x->symlen : y->symlen;
    int c = memcmp(x->sym, y->sym, l);
    return c ? c < 0 : x->symlen < y->symlen;
}

static void rx_emit(cc_buf *b, const rx_trie *t, size_t i)
{
    const rx_node *x = &t->v[i];
    if (!x->nk) return;
    int group = x->nk > 1 || x->end;
    if (group) cc_buf_puts(b, "(?:");
    for (size_t k = 0; k < x->nk; k++) {
        const rx_node *c = &t->v[x->kids[k]];
        if (k) cc_buf_putc(b, '|');
        if (c->symlen == 1 && c->sym[0] == ' ') cc_buf_puts(b, "\\s+");
        else if (c->symlen == 1 && strchr("\\^$.|?*+()[]{}-#", c->sym[0])) { cc_buf_putc(b, '\\'); cc_buf_putc(b, c->sym[0]); }
        else cc_buf_put(b, c->sym, c->symlen);
        rx_emit(b, t, x->kids[k]);
    }
    if (x->end) cc_buf_putc(b, '|'); /* the phrase that ends here: after its longer continuations */
    if (group) cc_buf_putc(b, ')');
}

static int cmp_str_ptr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

void cc_buf_regex_alternation(cc_buf *b, char **phrases, size_t n)
{
    if (n > 1) qsort(phrases, n, sizeof *phrases, cmp_str_ptr);
    size_t lo = 0;
    while (lo < n && !phrases[lo][0]) lo++; /* an empty phrase would match anywhere: left out */
    if (lo == n) { cc_buf_puts(b, "(?:(?!))"); return; }
    rx_trie t = {NULL, 0, 64};
    t.v = cc_xmalloc(t.cap * sizeof *t.v);
    t.v[t.n++] = (rx_node){"", 0, 0, 0, NULL, 0};
    rx_build(&t, 0, phrases, lo, n, 0);
    for (size_t i = 0; i < t.n; i++) { /* insertion sort: a node has a few dozen children at most */
        size_t *k = t.v[i].kids;
        for (size_t p = 1; p < t.v[i].nk; p++)
            for (size_t q = p; q > 0 && rx_before(&t, k[q], k[q - 1]); q--) { size_t x = k[q]; k[q] = k[q - 1]; k[q - 1] = x; }
    }
    cc_buf_puts(b, "(?:");
    rx_emit(b, &t, 0);
    cc_buf_putc(b, ')');
    for (size_t i = 0; i < t.n; i++) free(t.v[i].kids);
    free(t.v);
}

unsigned cc_utf8_bidi_control(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n < 3 || u[0] != 0xE2) return 0;
    if ((u[1] == 0x80 && u[2] >= 0xAA && u[2] <= 0xAE) || (u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9))
        return 0x2000 + ((unsigned)(u[1] & 0x3F) << 6) + (u[2] & 0x3F);
    return 0;
}

void cc_buf_put_clean(cc_buf *b, const char *s, size_t n)
{
    size_t run = 0; /* start of the bytes not yet copied */
    unsigned cp;
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
        } else if (c == 0xE2 && (cp = cc_utf8_bidi_control(s + i, n - i))) {
            cc_buf_put(b, s + run, i - run);
            cc_buf_printf(b, "\\u%04x", cp);
            i += 2;
            run = i + 1;
        }
    }
    cc_buf_put(b, s + run, n - run);
}

double cc_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

size_t cc_edit_distance(const char *a, size_t la, const char *b, size_t lb)
{
    if (la > 40 || lb > 40) return 99;
    size_t d[41][41];
    for (size_t i = 0; i <= la; i++) d[i][0] = i;
    for (size_t j = 0; j <= lb; j++) d[0][j] = j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best) best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best) best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb];
}

const char *cc_did_you_mean(const char *w, size_t n, const char *const *cands, int *exact)
{
    const char *best = NULL;
    size_t bd = SIZE_MAX;
    for (size_t i = 0; cands[i]; i++) {
        size_t dd = cc_edit_distance(w, n, cands[i], strlen(cands[i]));
        if (dd < bd) { bd = dd; best = cands[i]; }
    }
    if (exact) *exact = bd == 0;
    return bd > 0 && bd <= n / 3 + 1 ? best : NULL;
}

uint64_t cc_fnv64(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) { h ^= (unsigned char)s[i]; h *= 1099511628211ULL; }
    return h;
}

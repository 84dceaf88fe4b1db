/* cc_util: memory, growable buffers, file reading, UTF-8 and JSON helpers.
 *
 * Ownership: a cc_buf owns its bytes; cc_buf_free releases them and leaves an
 * empty buffer. Every cc_x* allocator aborts with a message on out-of-memory,
 * so callers never see NULL from them. */
#ifndef CC_UTIL_H
#define CC_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

void *cc_xmalloc(size_t n);
void *cc_xcalloc(size_t n, size_t size);
void *cc_xrealloc(void *p, size_t n);
char *cc_xstrdup(const char *s);
char *cc_xstrndup(const char *s, size_t n);

typedef struct {
    char *s;    /* always NUL-terminated when non-NULL */
    size_t len;
    size_t cap;
    void *sink; /* a FILE*: when set, the bytes are written out every 64 KiB */
    size_t flushed; /* bytes written out so far: the next byte's offset in the file is flushed + len */
} cc_buf;

void cc_buf_init(cc_buf *b);
/* Streams the buffer to a FILE*: what is appended is written out in 64 KiB
 * pieces, so a large report does not sit in memory. cc_buf_flush writes the
 * rest; returns 0, or -1 on a write error (sticky). */
void cc_buf_set_sink(cc_buf *b, void *file);
int cc_buf_flush(cc_buf *b);
void cc_buf_free(cc_buf *b);
/* Appending: the common case (room left, no flush due) is inline, so a
 * string literal's length is known when compiling and a short append is a
 * copy; the rest goes through cc_buf_put_slow. */
void cc_buf_put_slow(cc_buf *b, const char *s, size_t n);
static inline int cc_buf_room_(const cc_buf *b, size_t n)
{
    return b->len + n + 1 <= b->cap && (!b->sink || b->len + n < 65536);
}
static inline void cc_buf_put(cc_buf *b, const char *s, size_t n)
{
    if (!cc_buf_room_(b, n)) { cc_buf_put_slow(b, s, n); return; }
    if (n) memcpy(b->s + b->len, s, n); /* s may be NULL when n is 0 (an empty cc_buf's bytes) */
    b->len += n;
    b->s[b->len] = 0;
}
static inline void cc_buf_puts(cc_buf *b, const char *s) { cc_buf_put(b, s, strlen(s)); }
static inline void cc_buf_putc(cc_buf *b, char c)
{
    if (!cc_buf_room_(b, 1)) { cc_buf_put_slow(b, &c, 1); return; }
    b->s[b->len++] = c;
    b->s[b->len] = 0;
}
/* a, the byte sep, then b into out[0..cap), cut short like snprintf and
 * NUL-terminated (cap > 0); the length written. A key builder without
 * printf, for hot paths. */
size_t cc_join2(char *out, size_t cap, const char *a, char sep, const char *b);
/* Runs fn(args + t * size) for t in [0, n) at once: the first call on this
 * thread, the others on threads of their own, a call whose thread cannot
 * be started here after the rest; returns when all are done. size 0 gives
 * every call the same argument (workers taking jobs from one queue). */
void cc_parallel(int n, void *(*fn)(void *), void *args, size_t size);
/* Threads to use: requested when above 0, else one per online core. */
int cc_jobs(int requested);
/* FNV-1a, 64 bits: h on from CC_FNV64_START over s[0..n) (finding ids, a rule set's digest). */
#define CC_FNV64_START 1469598103934665603ULL
uint64_t cc_fnv64(uint64_t h, const char *s, size_t n);
/* A decimal integer, without printf. */
void cc_buf_put_int(cc_buf *b, long long v);
void cc_buf_printf(cc_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cc_buf_vprintf(cc_buf *b, const char *fmt, va_list ap);
/* Appends s[0..n) as a JSON string literal, quotes included. Invalid UTF-8
 * bytes are written as U+FFFD; control characters as \uXXXX escapes. */
void cc_buf_json_str(cc_buf *b, const char *s, size_t n);
/* The code point of the Unicode bidi control (embedding, override or
 * isolate: U+202A-U+202E, U+2066-U+2069) that s[0..n) starts with, always
 * three bytes; 0 when it starts with none. */
unsigned cc_utf8_bidi_control(const char *s, size_t n);
/* Text for a terminal: line breaks become spaces; other control characters
 * (but tab) and the Unicode bidi controls (U+202A-U+202E, U+2066-U+2069)
 * become visible escapes (\x1b, \u202e), so article text cannot move the
 * cursor, colour or reorder a line. */
void cc_buf_put_clean(cc_buf *b, const char *s, size_t n);
/* Appends a number in the shortest form that reads back the same ("%.17g"
 * trimmed); NaN or an infinity is written as null. */
void cc_buf_json_num(cc_buf *b, double v);

/* Edit distance of a[0..na) and b[0..nb) (insertions, deletions,
 * substitutions, two letters swapped), for "did you mean"; strings over 40
 * bytes are 99 apart. */
size_t cc_edit_distance(const char *a, size_t na, const char *b, size_t nb);
/* Of the NULL-terminated cands, the one w[0..n) is a slip of the keyboard
 * away from (the nearest, at most a third of its letters off), for "did you
 * mean"; NULL when none is, or when one equals w (then *exact is set, if
 * exact is given). */
const char *cc_did_you_mean(const char *w, size_t n, const char *const *cands, int *exact);
/* Appends a regex non-capturing alternation of the phrases, longest first
 * (so "square miles" wins over "square"), each escaped, with any run of
 * white space for a space. Sorts phrases in place. No phrases: "(?!)". */
void cc_buf_regex_alternation(cc_buf *b, char **phrases, size_t n);
/* Takes the bytes; the buffer is left empty. Never NULL. */
char *cc_buf_take(cc_buf *b);

/* Reads a whole file. Returns 0 and sets *data (caller frees) and *len, or
 * -1 with errno preserved and a message in err. The data is followed by
 * CC_READ_SLACK + 1 zero bytes (so it is NUL-terminated). Files larger than
 * max_size (0: no limit) fail with EFBIG. */
/* Seconds on a monotonic clock (for CLAIMCHECK_TIMINGS). */
double cc_now(void);

#define CC_READ_SLACK 64
int cc_read_file(const char *path, size_t max_size, char **data, size_t *len, char *err, size_t errlen);
/* The same for a file the caller knows to be a regular file (a folder's
 * listing said so): no fstat, one read for a file under 16 KB; path is
 * relative to the open folder dirfd (or AT_FDCWD). */
int cc_read_regular(int dirfd, const char *path, size_t max_size, char **data, size_t *len, char *err, size_t errlen);

/* Returns n when s[0..n) is valid UTF-8, otherwise the offset of the first
 * byte that starts an invalid sequence. */
size_t cc_utf8_check(const char *s, size_t n);
/* Decodes one code point at s (which must be valid UTF-8, n > 0); stores its
 * byte length in *adv. */
uint32_t cc_utf8_decode(const char *s, size_t n, size_t *adv);
/* Number of code points in s[0..n) (invalid bytes count one each). */
size_t cc_utf8_count(const char *s, size_t n);
/* The same for text already known to be valid UTF-8: counts lead bytes. */
size_t cc_utf8_count_valid(const char *s, size_t n);

/* ASCII case folding into dst (size dstlen, NUL-terminated); whitespace
 * runs (including NBSP and thin spaces) collapse to one space; leading and
 * trailing space removed. Returns the length written. */
size_t cc_fold(const char *s, size_t n, char *dst, size_t dstlen);

#endif

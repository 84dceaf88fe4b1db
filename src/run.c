#include "claimcheck.h"
#include "cc_page.h"
#include "cc_date.h"
#include "cc_pubdate.h"
#include "cc_util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <uthash.h>
#include <unistd.h>
#include <limits.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct manifest_entry {
    char *path;      /* as resolved against the manifest's folder */
    char *real;      /* realpath, or NULL when the file is missing */
    int has_date;
    int64_t date;
    char *source;
    char *mfile;
    int line;
    int used;
};

/* realpath → manifest entry, for documents to find their row */
typedef struct {
    char *key;
    struct manifest_entry *e;
    UT_hash_handle hh;
} mindex;

struct input_key {
    const char *path; /* the input's own copy */
    size_t i;
    UT_hash_handle hh;
};

static void drop_input_index(cc_run *r)
{
    struct input_key *k, *t;
    HASH_ITER(hh, r->input_index, k, t) { HASH_DEL(r->input_index, k); free(k); }
}

int cc_run_jobs(const cc_run *r) { return cc_jobs(r->opts.jobs); }

size_t cc_run_claims_total(const cc_run *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->ndocs; i++) n += r->docs[i].nclaims;
    return n > r->claims.n ? n : r->claims.n;
}

int cc_run_claim_sentence(const cc_run *r, size_t ci, const char **text, size_t *len, size_t *at)
{
    const cc_claim *c = &r->claims.items[ci];
    const cc_doc *d = &r->docs[c->doc];
    if (d->text && c->start <= d->len && c->end <= d->len) {
        size_t s, e;
        cc_doc_sentence(d, c->start, &s, &e);
        if (e < c->end) e = c->end;
        if (s > c->start) s = c->start;
        *text = d->text + s;
        *len = e - s;
        *at = s;
        return 1;
    }
    if (!r->sentences || !r->sentences[ci]) return 0;
    *text = r->sentences[ci];
    *len = strlen(r->sentences[ci]);
    *at = r->sentence_at[ci];
    /* read back from a claims file or an index: the quote must lie inside it */
    return c->start <= c->end && *at <= c->start && c->end - *at <= *len;
}

cc_run *cc_run_new(const cc_ruleset *rs, const cc_run_opts *opts)
{
    cc_page_init(); /* before any thread reads a page */
    cc_run *r = cc_xcalloc(1, sizeof *r);
    r->rs = rs;
    r->opts = *opts;
    cc_claims_init(&r->claims);
    cc_diags_init(&r->diags);
    r->json_cache = cc_json_cache_new();
    r->this_year = cc_this_year();
    return r;
}

static void close_dirfds(cc_run *r)
{
    for (size_t i = 0; i < r->ndirfds; i++) close(r->dirfds[i]);
    free(r->dirfds);
    r->dirfds = NULL;
    r->ndirfds = 0;
}

/* The walked folder dir, opened to open its files by name (a path walk per
 * file less: what makes many small articles cost more than few large ones).
 * AT_FDCWD past CC_RUN_DIRFDS folders, or when it cannot be opened. */
#define CC_RUN_DIRFDS 256
static int keep_dirfd(cc_run *r, const char *dir)
{
    if (r->ndirfds >= CC_RUN_DIRFDS) return AT_FDCWD;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return AT_FDCWD;
    if (!r->dirfds) r->dirfds = cc_xmalloc(CC_RUN_DIRFDS * sizeof *r->dirfds);
    r->dirfds[r->ndirfds++] = fd;
    return fd;
}

void cc_run_free(cc_run *r)
{
    if (!r) return;
    cc_json_cache_free(r->json_cache);
    for (size_t i = 0; i < r->ndocs; i++) cc_doc_free(&r->docs[i]);
    free(r->docs);
    cc_claims_free(&r->claims);
    cc_findings_free(&r->findings);
    cc_diags_free(&r->diags);
    for (size_t i = 0; i < r->nskipped; i++) { free(r->skipped[i].path); free(r->skipped[i].reason); }
    free(r->skipped);
    drop_input_index(r);
    close_dirfds(r);
    for (size_t i = 0; i < r->ninputs; i++) { free(r->inputs[i].path); free(r->inputs[i].data); }
    free(r->inputs);
    for (size_t i = 0; i < r->nmanifest; i++) {
        free(r->manifest[i].path);
        free(r->manifest[i].real);
        free(r->manifest[i].source);
        free(r->manifest[i].mfile);
    }
    free(r->manifest);
    free(r->log);
    free(r->sentences);
    free(r->sentence_at);
    free(r->stored_ids);
    free(r);
}

/* Each path once (a file named twice, or found under two directories given,
 * is one input); a hash keeps this linear in the number of inputs. */
static cc_input *add_input(cc_run *r, const char *p)
{
    if (!r->input_index)
        for (size_t i = 0; i < r->ninputs; i++) {
            struct input_key *k = cc_xmalloc(sizeof *k);
            k->path = r->inputs[i].path;
            k->i = i;
            HASH_ADD_KEYPTR(hh, r->input_index, k->path, strlen(k->path), k);
        }
    struct input_key *k;
    HASH_FIND(hh, r->input_index, p, strlen(p), k);
    if (k) {
        r->inputs[k->i].is_new |= r->adding_new;
        return &r->inputs[k->i];
    }
    if (r->ninputs == r->inputs_cap) {
        r->inputs_cap = r->inputs_cap ? 2 * r->inputs_cap : 64;
        r->inputs = cc_xrealloc(r->inputs, r->inputs_cap * sizeof *r->inputs);
    }
    cc_input *in = &r->inputs[r->ninputs++];
    memset(in, 0, sizeof *in);
    in->dirfd = -1;
    in->path = cc_xstrdup(p);
    in->is_new = r->adding_new;
    k = cc_xmalloc(sizeof *k);
    k->path = in->path;
    k->i = r->ninputs - 1;
    HASH_ADD_KEYPTR(hh, r->input_index, k->path, strlen(k->path), k);
    return in;
}

void cc_run_add_mem(cc_run *r, const char *name, const char *data, size_t len)
{
    cc_input *in = add_input(r, name);
    free(in->data);
    in->data = cc_xmalloc(len ? len : 1);
    memcpy(in->data, data, len);
    in->len = len;
    in->in_memory = 1;
}

/* An input not read, named with why: in every report (a warning) and in
 * the JSON list of skipped inputs. */
static void skip(cc_run *r, const char *p, const char *why)
{
    cc_diag_add(&r->diags, CC_D_WARNING, p, 0, 0, NULL, "skipped: %s", why);
    r->skipped = cc_xrealloc(r->skipped, (r->nskipped + 1) * sizeof *r->skipped);
    r->skipped[r->nskipped].path = cc_xstrdup(p);
    r->skipped[r->nskipped].reason = cc_xstrdup(why);
    r->nskipped++;
}

static char *join(const char *dir, const char *name)
{
    cc_buf b;
    cc_buf_init(&b);
    if (strcmp(dir, ".") != 0 && name[0] != '/') {
        cc_buf_puts(&b, dir);
        if (b.len && b.s[b.len - 1] != '/') cc_buf_putc(&b, '/');
    }
    cc_buf_puts(&b, name);
    return cc_buf_take(&b);
}

typedef struct {
    char *name;
    unsigned char type; /* d_type: DT_REG and DT_DIR need no stat */
} dentry;

static int cmp_dentry(const void *a, const void *b)
{
    return strcmp(((const dentry *)a)->name, ((const dentry *)b)->name);
}

/* The real path of path, like realpath(3), but with the folder part
 * resolved once for all the rows that share it: a plain file name in a
 * folder already resolved costs one lstat instead of a readlink and a stat
 * per path component. A name that is a symbolic link, ".", or "..", falls
 * back to realpath. NULL when path does not exist. */
typedef struct {
    char *dir;  /* the folder part as spelled, or NULL */
    char *real; /* its real path, or NULL when it has none */
} dircache;

static char *real_path_cached(dircache *c, const char *path, int plain_file)
{
    char rp[PATH_MAX];
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t dl = slash ? (size_t)(slash - path) : 0;
    int plain = *base && strcmp(base, ".") != 0 && strcmp(base, "..") != 0;
    if (plain && (!c->dir || strlen(c->dir) != dl || memcmp(c->dir, path, dl) != 0)) {
        free(c->dir);
        free(c->real);
        c->dir = cc_xstrndup(path, dl);
        c->real = realpath(dl ? c->dir : (slash ? "/" : "."), rp) ? cc_xstrdup(rp) : NULL;
    }
    struct stat st;
    if (plain && c->real && (plain_file || (lstat(path, &st) == 0 && !S_ISLNK(st.st_mode)))) return join(c->real, base);
    return realpath(path, rp) ? cc_xstrdup(rp) : NULL;
}

/* A manifest read during a walk gets the folder's entries (sorted), sib:
 * a row naming one the folder lists as a regular file needs no lstat. */
static void read_manifest(cc_run *r, const char *file, const dentry *sib, size_t nsib)
{
    dircache dc = {0};
    char *data;
    size_t len;
    char err[512];
    if (cc_read_file(file, 0, &data, &len, err, sizeof err) != 0) {
        cc_diag_add(&r->diags, CC_D_ERROR, file, 0, 0, NULL, "cannot read manifest: %s", err);
        r->unreadable++;
        return;
    }
    char *dir = cc_xstrdup(file);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = 0;
    else strcpy(dir, ".");
    int line = 0;
    char *save = NULL;
    for (char *ln = strtok_r(data, "\n", &save); ln; ln = strtok_r(NULL, "\n", &save)) {
        line++;
        size_t l = strlen(ln);
        if (l && ln[l - 1] == '\r') ln[--l] = 0;
        if (!l || ln[0] == '#') continue;
        char *f[3] = {ln, NULL, NULL};
        char *t1 = strchr(ln, '\t');
        if (t1) { *t1 = 0; f[1] = t1 + 1; char *t2 = strchr(f[1], '\t'); if (t2) { *t2 = 0; f[2] = t2 + 1; } }
        if (strcmp(f[0], "path") == 0 && line == 1) continue; /* header */
        /* a trailing comment after the source */
        if (f[2]) { char *h = strstr(f[2], "\t#"); if (h) *h = 0; }
        struct manifest_entry e = {0};
        e.path = join(dir, f[0]);
        e.mfile = cc_xstrdup(file);
        e.line = line;
        if (f[1] && *f[1] && strcmp(f[1], "-") != 0) {
            if (cc_date_parse_iso(f[1], &e.date) != 0)
                cc_diag_add(&r->diags, CC_D_WARNING, file, line, (int)(f[1] - ln) + 1, NULL,
                            "manifest date '%s' is not a real YYYY-MM-DD date; ignored", f[1]);
            else e.has_date = 1;
        }
        if (f[2] && *f[2] && strcmp(f[2], "-") != 0) e.source = cc_xstrdup(f[2]);
        dentry key = {f[0], 0};
        const dentry *hit = sib && !strchr(f[0], '/') ? bsearch(&key, sib, nsib, sizeof *sib, cmp_dentry) : NULL;
        e.real = real_path_cached(&dc, e.path, hit && hit->type == DT_REG);
        if (!e.real) cc_diag_add(&r->diags, CC_D_WARNING, file, line, 1, NULL, "manifest names '%s', which does not exist", e.path);
        r->manifest = cc_xrealloc(r->manifest, (r->nmanifest + 1) * sizeof *r->manifest);
        r->manifest[r->nmanifest++] = e;
    }
    free(dir);
    free(data);
    free(dc.dir);
    free(dc.real);
}

typedef struct visited {
    dev_t dev;
    ino_t ino;
    struct visited *next;
} visited;

static int is_article(const char *name)
{
    size_t l = strlen(name);
    return (l > 4 && strcmp(name + l - 4, ".txt") == 0) || (l > 3 && strcmp(name + l - 3, ".md") == 0) ||
           (l > 9 && strcmp(name + l - 9, ".markdown") == 0) || cc_page_path(name);
}

static const char *special_kind(mode_t m)
{
    return S_ISFIFO(m) ? "not a regular file (a named pipe)" : S_ISSOCK(m) ? "not a regular file (a socket)"
           : S_ISCHR(m) || S_ISBLK(m) ? "not a regular file (a device)" : "not a regular file";
}

static void walk(cc_run *r, const char *dir, visited *seen)
{
    struct stat st;
    if (stat(dir, &st) != 0) return;
    for (visited *v = seen; v; v = v->next)
        if (v->dev == st.st_dev && v->ino == st.st_ino) {
            skip(r, dir, "directory loop (a symbolic link back to a parent); not walked again");
            return;
        }
    visited me = {st.st_dev, st.st_ino, seen};
    DIR *dh = opendir(dir);
    if (!dh) {
        cc_diag_add(&r->diags, CC_D_ERROR, dir, 0, 0, NULL, "cannot open directory: %s", strerror(errno));
        r->unreadable++;
        return;
    }
    dentry *names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(dh))) {
        if (de->d_name[0] == '.') continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = cc_xrealloc(names, cap * sizeof *names);
        }
        names[n].name = cc_xstrdup(de->d_name);
        names[n++].type = de->d_type;
    }
    closedir(dh);
    if (n > 1) qsort(names, n, sizeof *names, cmp_dentry);
    int dfd = -1; /* opened at the folder's first article */
    for (size_t i = 0; i < n; i++) {
        char *p = join(dir, names[i].name);
        /* what the directory says a name is, when it says so; links and
         * file systems that do not tell are asked with stat */
        int isdir = names[i].type == DT_DIR, known = isdir || names[i].type == DT_REG;
        struct stat s2;
        if (!known && stat(p, &s2) != 0) {
            cc_diag_add(&r->diags, CC_D_ERROR, p, 0, 0, NULL, "cannot stat: %s", strerror(errno));
            r->unreadable++;
        } else if (known ? isdir : S_ISDIR(s2.st_mode)) {
            walk(r, p, &me);
        } else if (!known && !S_ISREG(s2.st_mode)) {
            /* opening a named pipe waits for a writer that may never come:
             * a walk reads regular files only (a pipe named on the command
             * line is read as a stream) */
            skip(r, p, special_kind(s2.st_mode));
        } else if (strcmp(names[i].name, "manifest.tsv") == 0) {
            if (!r->opts.manifest) read_manifest(r, p, names, n);
        } else if (is_article(names[i].name)) {
            cc_input *in = add_input(r, p);
            if (names[i].type == DT_REG && in->dirfd == -1) {
                if (dfd == -1) dfd = keep_dirfd(r, dir);
                in->dirfd = dfd;
            }
        } else {
            skip(r, p, "not a .txt, .md or .html article");
        }
        free(p);
    }
    for (size_t i = 0; i < n; i++) free(names[i].name); /* a manifest looks its rows up among them */
    free(names);
}

void cc_run_add(cc_run *r, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        cc_diag_add(&r->diags, CC_D_ERROR, path, 0, 0, NULL, "cannot read: %s", strerror(errno));
        r->unreadable++;
        r->unreadable_head++;
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        size_t l = strlen(path);
        char *p = cc_xstrdup(path);
        while (l > 1 && p[l - 1] == '/') p[--l] = 0;
        walk(r, p, NULL);
        free(p);
    } else {
        add_input(r, path);
    }
}

static struct manifest_entry *manifest_for(const mindex *idx, dircache *dc, const char *path)
{
    if (!idx) return NULL;
    mindex *m;
    HASH_FIND_STR(idx, path, m); /* the path as the manifest spelled it: no system calls */
    if (m) return m->e;
    char *rp = real_path_cached(dc, path, 0);
    if (!rp) return NULL;
    HASH_FIND_STR(idx, rp, m);
    free(rp);
    return m ? m->e : NULL;
}

/* Dates d and names its source; *used gets its manifest row, if any. */
static void date_doc(const cc_run *r, const mindex *idx, dircache *dc, cc_doc *d, cc_diags *diags,
                     struct manifest_entry **used)
{
    struct manifest_entry *me = manifest_for(idx, dc, d->path);
    *used = me;
    if (me && me->source) d->source = cc_xstrdup(me->source);
    else if (d->fm_source) d->source = cc_xstrdup(d->fm_source);
    if (r->opts.has_date) {
        d->has_date = 1;
        d->date = r->opts.date;
        strcpy(d->date_source, "--date");
        return;
    }
    if (me && me->has_date) {
        d->has_date = 1;
        d->date = me->date;
        snprintf(d->date_source, sizeof d->date_source, "manifest");
        return;
    }
    cc_doc_date_own(cc_rules_lexicon(r->rs), d, r->this_year, diags);
}

int cc_this_year(void)
{
    time_t now = time(NULL);
    struct tm tm;
    return gmtime_r(&now, &tm) ? tm.tm_year + 1900 : 2100;
}

void cc_doc_date_own(const cc_lexicon *lx, cc_doc *d, int this_year, cc_diags *diags)
{
    if (d->fm_date) {
        int64_t z;
        if (cc_date_parse_iso(d->fm_date, &z) == 0) {
            d->has_date = 1;
            d->date = z;
            if (d->fm_date_from) snprintf(d->date_source, sizeof d->date_source, "page %d (%s)", d->fm_date_line, d->fm_date_from);
            else strcpy(d->date_source, "front matter");
            return;
        }
        cc_diag_add(diags, CC_D_WARNING, d->path, d->fm_date_line, 0, NULL, "%s date '%s' is not a real YYYY-MM-DD date; ignored",
                    d->fm_date_from ? d->fm_date_from : "front matter", d->fm_date);
    }
    cc_pubdate pd;
    if (cc_pubdate_find(lx, d, this_year, &pd) == 0) {
        d->has_date = 1;
        d->date = pd.date;
        int line, col;
        cc_doc_pos(d, pd.offset, &line, &col);
        snprintf(d->date_source, sizeof d->date_source, "page %d:%d (%s%s)", line, col, cc_pubdate_ctx_name(pd.ctx),
                 pd.year_inferred ? ", year inferred" : "");
        return;
    }
    strcpy(d->date_source, "none");
}

static int cmp_claim(const void *a, const void *b)
{
    const cc_claim *x = a, *y = b;
    if (x->doc != y->doc) return x->doc < y->doc ? -1 : 1;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    /* two frames over one clause: in the order their values were written */
    if (x->vstart != y->vstart) return x->vstart < y->vstart ? -1 : 1;
    return strcmp(x->rule->id, y->rule->id);
}


/* What one document gives, computed by any worker, merged in order. */
typedef struct {
    cc_doc doc;
    int ok;
    cc_claims claims;
    cc_diags diags;
    struct manifest_entry *used;
} docwork;

typedef struct {
    cc_run *r;
    const mindex *idx;
    docwork *work;
    size_t n;
    size_t next; /* the next input to take (atomic) */
    pthread_mutex_t mu;
    size_t commit; /* inputs before it are merged into the run (under mu) */
    unsigned char *done; /* per input: its work is finished (under mu) */
} pool;

/* Moves one finished input into the run: its messages, its document, its
 * claims (in input order, so output does not depend on the threads). */
static void commit_work(cc_run *r, docwork *w, const char *path)
{
    cc_input_rec *rec = &r->log[r->nlog++]; /* room for every input was made when the scan began */
    rec->path = path;
    rec->doc = w->ok ? (long)r->ndocs : -1;
    rec->d0 = r->diags.n;
    rec->d1 = r->diags.n + w->diags.n;
    for (size_t k = 0; k < w->diags.n; k++) {
        cc_diag *g = &w->diags.items[k];
        cc_diag_add(&r->diags, g->level, g->file, g->line, g->col, g->source, "%s", g->msg);
    }
    cc_diags_free(&w->diags);
    if (!w->ok) {
        r->unreadable++;
        cc_doc_free(&w->doc);
        cc_claims_free(&w->claims);
        return;
    }
    if (w->used) w->used->used = 1;
    size_t di = r->ndocs++;
    w->doc.nclaims = w->claims.n;
    r->docs[di] = w->doc;
    if (r->claims.n + w->claims.n > r->claims.cap) {
        size_t cap = r->claims.cap ? r->claims.cap : 256;
        while (cap < r->claims.n + w->claims.n) cap *= 2;
        r->claims.items = cc_xrealloc(r->claims.items, cap * sizeof *r->claims.items);
        r->claims.cap = cap;
    }
    for (size_t k = 0; k < w->claims.n; k++) {
        w->claims.items[k].doc = di;
        r->claims.items[r->claims.n++] = w->claims.items[k];
    }
    cc_claims_take_strings(&r->claims, &w->claims); /* the claims' strings now belong to r->claims */
    free(w->claims.items);
    w->claims.items = NULL;
    w->claims.n = w->claims.cap = 0;
}

/* Marks input i finished and merges every finished input from the commit
 * point on: a document's claims leave their own array as soon as the ones
 * before it are in, so the run never holds all claims twice. */
static void finish_work(pool *p, size_t i)
{
    pthread_mutex_lock(&p->mu);
    p->done[i] = 1;
    while (p->commit < p->n && p->done[p->commit]) {
        commit_work(p->r, &p->work[p->commit], p->r->inputs[p->commit].path);
        p->commit++;
    }
    pthread_mutex_unlock(&p->mu);
}

/* A directive naming a rule id no rule has silences nothing: say so where
 * it stands, with the nearest id ("did you mean war-duration?"). */
static void unknown_directive_rules(const cc_ruleset *rs, const cc_doc *d, cc_diags *diags)
{
    size_t nr = cc_rules_count(rs);
    const char **ids = cc_xmalloc((nr + 1) * sizeof *ids);
    for (size_t k = 0; k < nr; k++) ids[k] = cc_rules_get(rs, k)->id;
    ids[nr] = NULL;
    for (size_t i = 0; i < d->nsupp; i++) {
        const char *p = d->supp[i].rules ? d->supp[i].rules : "", *id;
        size_t n;
        while ((id = cc_suppress_next_id(&p, &n))) {
            if (n == 3 && memcmp(id, "all", 3) == 0) continue;
            char *w = cc_xstrndup(id, n);
            int known;
            const char *near = cc_did_you_mean(w, n, ids, &known);
            if (!known)
                cc_diag_add(diags, CC_D_WARNING, d->path, d->supp[i].line, d->supp[i].col, NULL,
                            "the directive names rule '%s', which no rule has, so it silences nothing%s%s%s", w,
                            near ? " (did you mean " : "", near ? near : "", near ? "?)" : "");
            free(w);
        }
    }
    free(ids);
}

static void *worker(void *arg)
{
    pool *p = arg;
    cc_run *r = p->r;
    cc_matcher *m = cc_matcher_new(r->rs);
    dircache dc = {0}; /* this thread's last folder resolved, for manifest look-ups */
    for (;;) {
        size_t i = __atomic_fetch_add(&p->next, 1, __ATOMIC_RELAXED);
        if (i >= p->n) break;
        docwork *w = &p->work[i];
        cc_diags_init(&w->diags);
        cc_claims_init(&w->claims);
        cc_input *in = &r->inputs[i];
        int rc = in->in_memory ? cc_doc_from_mem(&w->doc, in->path, in->data, in->len, &w->diags)
                               : cc_doc_load(&w->doc, in->path, r->opts.max_file_size, in->dirfd, &w->diags);
        if (in->in_memory) { free(in->data); in->data = NULL; }
        if (rc != 0) { finish_work(p, i); continue; }
        w->doc.is_new = in->is_new;
        w->ok = 1;
        date_doc(r, p->idx, &dc, &w->doc, &w->diags, &w->used);
        cc_scan_doc(r->rs, m, &w->doc, 0, NULL, r->opts.max_claims, &w->claims, &w->diags);
        if (w->doc.nsupp) {
            unknown_directive_rules(r->rs, &w->doc, &w->diags);
            for (size_t k = 0; k < w->claims.n; k++)
                w->claims.items[k].suppressed =
                    (unsigned)cc_doc_suppressed(&w->doc, w->claims.items[k].line, w->claims.items[k].rule->id);
        }
        if (w->claims.n > 1) qsort(w->claims.items, w->claims.n, sizeof *w->claims.items, cmp_claim);
        cc_claims_mark_calendar(w->claims.items, w->claims.n);
        /* held until the merge: keep no slack */
        if (w->claims.n && w->claims.cap > w->claims.n) {
            w->claims.items = cc_xrealloc(w->claims.items, w->claims.n * sizeof *w->claims.items);
            w->claims.cap = w->claims.n;
        }
        /* claims carry their quotes and positions: the text can go, so memory
         * holds the claims and the documents in flight, not the corpus */
        if (!r->opts.keep_text) {
            free(w->doc.text);
            free(w->doc.lines);
            w->doc.text = NULL;
            w->doc.lines = NULL;
            w->doc.len = w->doc.nlines = 0;
        }
        finish_work(p, i);
    }
    cc_matcher_free(m);
    free(dc.dir);
    free(dc.real);
    return NULL;
}

static int cmp_input(const void *a, const void *b) { return strcmp(((const cc_input *)a)->path, ((const cc_input *)b)->path); }

/* With --new, a finding is in scope when the new articles made it: it is
 * not among the findings of the same corpus without their claims (compared
 * by fingerprint, which against a consensus names only the flagged claim,
 * so a new article that merely joins the consensus adds nothing). */
/* A set of finding fingerprints (the strings stay their owner's). */
typedef struct id_key {
    const char *id;
    UT_hash_handle hh;
} id_key;

static void ids_add(id_key **set, const char *id)
{
    id_key *e;
    HASH_FIND_STR(*set, id, e);
    if (e) return;
    e = cc_xmalloc(sizeof *e);
    e->id = id;
    HASH_ADD_KEYPTR(hh, *set, e->id, strlen(e->id), e);
}

static int ids_has(id_key *set, const char *id)
{
    id_key *e;
    HASH_FIND_STR(set, id, e);
    return e != NULL;
}

static void ids_free(id_key **set)
{
    id_key *e, *tmp;
    HASH_ITER(hh, *set, e, tmp) { HASH_DEL(*set, e); free(e); }
}

/* The findings the old claims make among themselves: known from the
 * stored archive (a subject no new claim is on has all its findings there),
 * else by matching them again. */
static void findings_before(cc_run *r, id_key **set, cc_findings *before)
{
    if (r->stored_known) {
        for (size_t k = 0; k < r->nstored_ids; k++) ids_add(set, r->stored_ids[k]);
        return;
    }
    cc_claims old = {cc_xmalloc((r->claims.n ? r->claims.n : 1) * sizeof(cc_claim)), 0, r->claims.n, NULL};
    for (size_t i = 0; i < r->claims.n; i++)
        if (!r->docs[r->claims.items[i].doc].is_new) old.items[old.n++] = r->claims.items[i]; /* shallow: strings stay r's */
    cc_match(&old, r->docs, before);
    for (size_t k = 0; k < before->n; k++) ids_add(set, before->items[k].id); /* the strings stay before's */
    free(old.items);
}

static void scope_new(cc_run *r)
{
    int any_new = 0;
    for (size_t i = 0; i < r->ndocs; i++) any_new |= r->docs[i].is_new;
    if (!any_new) return;
    id_key *set = NULL, *touched = NULL;
    cc_findings before = {NULL, 0, 0};
    findings_before(r, &set, &before);
    for (size_t i = 0; r->stored_known && i < r->claims.n; i++)
        if (r->docs[r->claims.items[i].doc].is_new) ids_add(&touched, r->claims.items[i].subject);
    for (size_t i = 0; i < r->findings.n; i++) {
        cc_finding *f = &r->findings.items[i];
        if (ids_has(set, f->id) || (r->stored_known && !ids_has(touched, f->subject))) f->out_of_scope = 1;
    }
    ids_free(&set);
    ids_free(&touched);
    cc_findings_free(&before);
}

void cc_run_check(cc_run *r)
{
    cc_run_scan(r);
    cc_run_match(r);
}

void cc_run_scan(cc_run *r)
{
    if (r->opts.manifest) read_manifest(r, r->opts.manifest, NULL, 0);
    r->ndiags_head = r->diags.n;
    mindex *idx = NULL;
    /* each row under its real path and under its path as joined from the
     * manifest's folder (what walking that folder gives, found without a
     * realpath per document); the first row for a file wins */
    for (size_t i = 0; i < r->nmanifest; i++) {
        if (!r->manifest[i].real) continue;
        const char *keys[2] = {r->manifest[i].real, r->manifest[i].path};
        struct manifest_entry *owner = &r->manifest[i];
        for (int k = 0; k < 2; k++) {
            mindex *e;
            HASH_FIND_STR(idx, keys[k], e);
            if (e) { if (k == 0) owner = e->e; continue; }
            e = cc_xcalloc(1, sizeof *e);
            e->key = (char *)keys[k];
            e->e = owner;
            HASH_ADD_KEYPTR(hh, idx, e->key, strlen(e->key), e);
        }
    }
    /* documents in path order, whatever the order of the workers */
    drop_input_index(r); /* its indexes do not survive the sort */
    if (r->ninputs > 1) qsort(r->inputs, r->ninputs, sizeof *r->inputs, cmp_input);
    pool p = {r, idx, cc_xcalloc(r->ninputs ? r->ninputs : 1, sizeof(docwork)), r->ninputs, 0,
              PTHREAD_MUTEX_INITIALIZER, 0, cc_xcalloc(r->ninputs ? r->ninputs : 1, 1)};
    r->docs = cc_xcalloc(r->ninputs ? r->ninputs : 1, sizeof *r->docs);
    r->log = cc_xrealloc(r->log, (r->nlog + r->ninputs + 1) * sizeof *r->log);
    int jobs = cc_run_jobs(r);
    if ((size_t)jobs > r->ninputs) jobs = r->ninputs ? (int)r->ninputs : 1;
    double t0 = cc_now();
    cc_parallel(jobs, worker, &p, 0); /* this thread works too */
    /* every input was merged in input order as it finished (finish_work) */
    free(p.work);
    free(p.done);
    pthread_mutex_destroy(&p.mu);
    close_dirfds(r); /* every file is read */
    mindex *e, *tmp;
    HASH_ITER(hh, idx, e, tmp) { HASH_DEL(idx, e); free(e); }
    for (size_t i = 0; i < r->nmanifest; i++)
        if (r->manifest[i].real && !r->manifest[i].used)
            cc_diag_add(&r->diags, CC_D_NOTE, r->manifest[i].mfile, r->manifest[i].line, 1, NULL,
                        "manifest entry '%s' is not among the files checked", r->manifest[i].path);
    r->t_scan = cc_now() - t0;
}

void cc_run_match(cc_run *r)
{
    double t1 = cc_now();
    cc_match_jobs(&r->claims, r->docs, &r->findings, cc_run_jobs(r));
    for (size_t i = 0; i < r->findings.n; i++) {
        cc_finding *f = &r->findings.items[i];
        for (size_t j = 0; j < f->nclaims; j++)
            if (r->claims.items[f->claims[j]].suppressed) f->suppressed = 1;
    }
    scope_new(r);
    r->t_match = cc_now() - t1;
}

size_t cc_run_baseline(cc_run *r, const char *const *fingerprints, size_t n)
{
    /* a hash of the baseline's fingerprints: linear in findings + baseline */
    id_key *set = NULL;
    for (size_t k = 0; k < n; k++) ids_add(&set, fingerprints[k]);
    size_t hit = 0;
    r->baseline_given = 1;
    for (size_t i = 0; i < r->findings.n; i++)
        if (ids_has(set, r->findings.items[i].id)) {
            r->findings.items[i].baselined = 1;
            hit++;
        }
    ids_free(&set);
    return hit;
}

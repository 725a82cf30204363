/* ivindex: parses interview-note archives and writes their records into the
 * Xapian database, incrementally and in atomic batches. */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdarg.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <jansson.h>
#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ivs/grow.h"
#include "ivs/analyze.h"
#include "ivs/record.h"
#include "ivs/schema.h"
#include "ivs/writer.h"

/* Files larger than this are skipped with a warning. */
#define MAX_FILE_BYTES ((off_t)256 << 20)
/* A batch is committed after this many records or bytes of input: an
 * update of up to 5000 interviews is one atomic change. A fresh build
 * commits each of its two writers every 2000 records or 32 MiB (the batch
 * size hardly changes the speed, and two batches are held in memory). */
#define BATCH_RECORDS 5000
#define BATCH_BYTES (64u << 20)
#define BATCH_RECORDS_FRESH 2000
#define BATCH_BYTES_FRESH (32u << 20)
#define MAX_DEPTH 64
/* Xapian writes the pending postings of a transaction to the table files
 * (without committing) after FLUSH_DOCS documents per FLUSH_STEP bytes of
 * input; see main(). Measured: 32 documents for the 8.5 MB javaguide
 * archive (a third less CPU than 10,000), about 128 for 37 MB of the
 * generated archive. */
#define FLUSH_DOCS 32
#define FLUSH_STEP ((uint64_t)8 << 20)
#define FLUSH_MAX 10000

static uint64_t
flush_docs(uint64_t input_bytes)
{
    uint64_t n = FLUSH_DOCS * (input_bytes / FLUSH_STEP);
    return n < FLUSH_DOCS ? FLUSH_DOCS : n > FLUSH_MAX ? FLUSH_MAX : n;
}
/* A fresh build of at least this much input uses two writers. */
#define SPLIT_MIN_BYTES ((uint64_t)256 << 10)

static const char *prog = "ivindex";
static volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

static void
warn(const char *path, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int quiet;

static void
warn(const char *path, const char *fmt, ...)
{
    if (quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    if (isatty(2))
        fputs("\r\033[K", stderr);
    fprintf(stderr, "%s: %s: ", prog, path);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* ---- hashing ------------------------------------------------------------ */

static uint64_t
hash64(const void *data, size_t len, uint64_t seed)
{
    /* FNV-1a over 8-byte words with a final avalanche: fast enough for
     * change detection, not for security. */
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ull ^ seed;
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0x100000001b3ull;
        h ^= h >> 29;
        p += 8;
        len -= 8;
    }
    while (len--)
        h = (h ^ *p++) * 0x100000001b3ull;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

/* ---- file list ----------------------------------------------------------- */

typedef struct {
    char *path; /* as found from the arguments */
    char *real; /* canonical absolute path: the file's identity */
    off_t size;
    int64_t mtime;
} file_t;

typedef struct {
    file_t *v;
    size_t n, cap;
} files_t;

typedef struct {
    size_t files, indexed, unchanged, removed, moved, records;
    size_t skipped_format, skipped_bad;
    uint64_t bytes, total_bytes;
    json_t *reasons; /* reason -> count */
    int missing_args;
} summary_t;

static void
count_reason(summary_t *s, const char *reason)
{
    json_t *n = json_object_get(s->reasons, reason);
    json_object_set_new(s->reasons, reason,
                        json_integer(n ? json_integer_value(n) + 1 : 1));
    s->skipped_bad++;
}

static int
has_text_extension(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot)
        return 0;
    return !strcasecmp(dot, ".txt") || !strcasecmp(dot, ".md") ||
           !strcasecmp(dot, ".markdown") || !strcasecmp(dot, ".text");
}

static int
add_file(files_t *fs, const char *path, const struct stat *st)
{
    char *real = realpath(path, NULL);
    if (!real)
        return -1;
    if (ivs_grow(&fs->v, &fs->cap, fs->n + 1, sizeof *fs->v, 256) < 0) {
        free(real);
        return -1;
    }
    fs->v[fs->n++] = (file_t){strdup(path), real, st->st_size,
                              (int64_t)st->st_mtim.tv_sec * 1000000000 +
                                  st->st_mtim.tv_nsec};
    return 0;
}

static int
cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
walk(files_t *fs, const char *dir, int depth, summary_t *sum)
{
    if (depth > MAX_DEPTH) {
        warn(dir, "nested deeper than %d folders, skipped", MAX_DEPTH);
        count_reason(sum, "nested too deep");
        return;
    }
    DIR *d = opendir(dir);
    if (!d) {
        warn(dir, "cannot open folder: %s", strerror(errno));
        count_reason(sum, "unreadable");
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue; /* ., .., hidden files and folders such as .git */
        if (ivs_grow(&names, &cap, n + 1, sizeof *names, 64) < 0)
            break;
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(dir) + strlen(names[i]) + 2;
        char *path = malloc(len);
        snprintf(path, len, "%s%s%s", dir,
                 dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
        struct stat lst, st;
        if (lstat(path, &lst) != 0) {
            free(path);
            free(names[i]);
            continue;
        }
        if (S_ISLNK(lst.st_mode)) {
            if (stat(path, &st) != 0) {
                warn(path, "broken symbolic link, skipped");
                count_reason(sum, "broken symbolic link");
            } else if (S_ISREG(st.st_mode) && has_text_extension(path)) {
                add_file(fs, path, &st);
            } else if (!S_ISDIR(st.st_mode)) {
                sum->skipped_format++;
            }
            /* links to folders are not followed: no loops, no duplicates */
        } else if (S_ISDIR(lst.st_mode)) {
            walk(fs, path, depth + 1, sum);
        } else if (S_ISREG(lst.st_mode)) {
            if (has_text_extension(path))
                add_file(fs, path, &lst);
            else
                sum->skipped_format++;
        } else if (has_text_extension(path)) {
            /* FIFOs, sockets, devices: reading could block or never end */
            warn(path, "not a regular file, skipped");
            count_reason(sum, "not a regular file");
        } else {
            sum->skipped_format++;
        }
        free(path);
        free(names[i]);
    }
    free(names);
}

static int
cmp_files(const void *a, const void *b)
{
    return strcmp(((const file_t *)a)->real, ((const file_t *)b)->real);
}

/* ---- file state ------------------------------------------------------------
 * Stored in metadata F:<real path>: "size mtime hash n h1 h2 ... hn" with the
 * per-record content hashes, so an edit re-writes only the changed
 * records. */

typedef struct {
    int64_t size, mtime;
    uint64_t hash;
    size_t n;
    uint64_t *rec;
} state_t;

static int
parse_state(const char *s, state_t *st)
{
    memset(st, 0, sizeof *st);
    if (!s)
        return -1;
    char *end;
    st->size = strtoll(s, &end, 10);
    st->mtime = strtoll(end, &end, 10);
    st->hash = strtoull(end, &end, 16);
    st->n = strtoull(end, &end, 10);
    if (st->n > 10000000)
        return -1;
    st->rec = calloc(st->n + 1, sizeof *st->rec);
    if (!st->rec)
        return -1;
    for (size_t i = 0; i < st->n; i++)
        st->rec[i] = strtoull(end, &end, 16);
    return 0;
}

static char *
format_state(const state_t *st)
{
    size_t cap = 80 + st->n * 17;
    char *s = malloc(cap);
    if (!s)
        return NULL;
    int len = snprintf(s, cap, "%" PRId64 " %" PRId64 " %016" PRIx64 " %zu",
                       st->size, st->mtime, st->hash, st->n);
    for (size_t i = 0; i < st->n; i++)
        len += snprintf(s + len, cap - (size_t)len, " %016" PRIx64, st->rec[i]);
    return s;
}

/* ---- documents --------------------------------------------------------------
 * The reader thread builds each record's Xapian document (ivs_doc_t, no
 * database attached) and hands it over whole; the main thread only stores
 * it, so analysis and document building overlap with Xapian's writing. */

/* ---- per-record term table ----------------------------------------------
 * Every term of a record goes through this table before it reaches the
 * document. Words are indexed without positions (phrases use the
 * character and Latin units), so their frequencies are summed here and
 * each reaches Xapian once per record instead of once per occurrence.
 * Terms with positions keep them in a chain, in the order they came. At
 * the end the terms are handed over in byte order, each with all its
 * positions together: Xapian builds a document's term map (a std::map)
 * in about half the time when its terms arrive that way rather than in
 * text order, and the document it builds is the same whatever the order
 * of the calls. */

#define NO_POST UINT32_MAX

typedef struct {
    uint64_t hash;
    uint64_t key;          /* its first 8 bytes, big-endian, zero-padded */
    uint32_t off, len;     /* bytes in the arena */
    uint32_t wdf;          /* summed over the occurrences without positions */
    uint32_t first, last;  /* its chain of positions in posts, or NO_POST */
    int unpositioned;      /* it occurred without a position */
} term_slot_t;

typedef struct {
    uint32_t pos, wdf;
    uint32_t next; /* the term's next position, or NO_POST */
} term_post_t;

typedef struct term_table {
    term_slot_t *slots;
    size_t cap;      /* power of two */
    uint32_t *used;  /* indexes of occupied slots, in insertion order */
    size_t n_used;
    char *arena;
    size_t alen, acap;
    term_post_t *posts;
    size_t n_posts, posts_cap;
} term_table_t;

static void
terms_free(term_table_t *t)
{
    if (!t)
        return;
    free(t->slots);
    free(t->used);
    free(t->arena);
    free(t->posts);
    free(t);
}

static void
terms_clear(term_table_t *t)
{
    for (size_t i = 0; i < t->n_used; i++)
        t->slots[t->used[i]].len = UINT32_MAX;
    t->n_used = 0;
    t->alen = 0;
    t->n_posts = 0;
}

static int
terms_grow(term_table_t *t)
{
    size_t cap = t->cap ? t->cap * 2 : 1024;
    term_slot_t *slots = malloc(cap * sizeof *slots);
    uint32_t *used = malloc((cap / 2 + 1) * sizeof *used);
    if (!slots || !used) {
        free(slots);
        free(used);
        return -1;
    }
    for (size_t i = 0; i < cap; i++)
        slots[i].len = UINT32_MAX;
    size_t n = 0;
    for (size_t i = 0; i < t->n_used; i++) {
        term_slot_t *old = &t->slots[t->used[i]];
        size_t j = old->hash & (cap - 1);
        while (slots[j].len != UINT32_MAX)
            j = (j + 1) & (cap - 1);
        slots[j] = *old;
        used[n++] = (uint32_t)j;
    }
    free(t->slots);
    free(t->used);
    t->slots = slots;
    t->used = used;
    t->cap = cap;
    return 0;
}

static term_slot_t *
terms_get(term_table_t *t, const char *term, size_t len)
{
    if ((t->n_used + 1) * 2 > t->cap && terms_grow(t) < 0)
        return NULL;
    uint64_t h = hash64(term, len, 7);
    size_t mask = t->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        term_slot_t *s = &t->slots[i];
        if (s->len == UINT32_MAX) {
            if (ivs_grow(&t->arena, &t->acap, t->alen + len, 1, 65536) < 0)
                return NULL;
            memcpy(t->arena + t->alen, term, len);
            uint64_t key = 0;
            for (size_t k = 0; k < 8; k++)
                key = key << 8 | (k < len ? (unsigned char)term[k] : 0);
            *s = (term_slot_t){h, key, (uint32_t)t->alen, (uint32_t)len, 0,
                               NO_POST, NO_POST, 0};
            t->alen += len;
            t->used[t->n_used++] = (uint32_t)i;
            return s;
        }
        if (s->hash == h && s->len == len &&
            !memcmp(t->arena + s->off, term, len))
            return s;
    }
}

/* TERM occurs at position POS with weight WDF. Returns 0, or -1 when out
 * of memory. */
static int
terms_add_posting(term_table_t *t, const char *term, size_t len, uint32_t pos,
                  unsigned wdf)
{
    term_slot_t *s = terms_get(t, term, len);
    if (!s || ivs_grow(&t->posts, &t->posts_cap, t->n_posts + 1,
                       sizeof *t->posts, 4096) < 0)
        return -1;
    uint32_t k = (uint32_t)t->n_posts++;
    t->posts[k] = (term_post_t){pos, wdf, NO_POST};
    if (s->last == NO_POST)
        s->first = k;
    else
        t->posts[s->last].next = k;
    s->last = k;
    return 0;
}

/* TERM occurs without a position, with weight WDF. */
static int
terms_add(term_table_t *t, const char *term, size_t len, unsigned wdf)
{
    term_slot_t *s = terms_get(t, term, len);
    if (!s)
        return -1;
    s->wdf += wdf;
    s->unpositioned = 1;
    return 0;
}

/* Byte order of two used slots (the order of Xapian's std::string),
 * decided by their first eight bytes when those differ (terms hold no NUL
 * bytes, so the zero padding of a shorter one sorts it first; the order
 * only matters for speed, the document is the same). */
static int
cmp_slots(const void *a, const void *b, void *ctx)
{
    const term_table_t *t = ctx;
    const term_slot_t *x = &t->slots[*(const uint32_t *)a];
    const term_slot_t *y = &t->slots[*(const uint32_t *)b];
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    if (x->len > 8 && y->len > 8) {
        int c = memcmp(t->arena + x->off + 8, t->arena + y->off + 8,
                       (x->len < y->len ? x->len : y->len) - 8);
        if (c)
            return c;
    }
    return x->len < y->len ? -1 : x->len > y->len;
}

/* Adds the table's terms to D in byte order, each term's positions
 * together. Returns 0, or -1 when out of memory. */
static int
terms_emit(term_table_t *t, ivs_doc_t *d)
{
    if (t->n_used > 1)
        qsort_r(t->used, t->n_used, sizeof *t->used, cmp_slots, t);
    if (ivs_doc_reserve(d, t->n_posts + t->n_used, t->alen) != IVS_OK)
        return -1;
    for (size_t i = 0; i < t->n_used; i++) {
        const term_slot_t *s = &t->slots[t->used[i]];
        const char *term = t->arena + s->off;
        for (uint32_t k = s->first; k != NO_POST; k = t->posts[k].next)
            if (ivs_doc_add_posting(d, term, s->len, t->posts[k].pos,
                                    t->posts[k].wdf) != IVS_OK)
                return -1;
        if (s->unpositioned &&
            ivs_doc_add_term(d, term, s->len, s->wdf) != IVS_OK)
            return -1;
    }
    return 0;
}

/* ---- preparing records ---------------------------------------------------- */

typedef struct {
    ivs_analyzer_t *analyzer;
    term_table_t *terms;
    ivs_doc_t *doc;
    const ivs_record_t *record;
    size_t line_start, line_end; /* cache of line_weight() */
    unsigned line_wdf;
    int failed;
} prep_t;

/* ---- stems -------------------------------------------------------------------
 * English stems of Latin words, cached across records: the same few
 * thousand words recur, and stemming each occurrence would cost more than
 * all the rest of their analysis. Used by the reader thread only. */

#define STEM_CACHE_SLOTS 16384
#define STEM_MAX 44

typedef struct {
    uint64_t hash;
    uint8_t len, stem_len;
    char word[STEM_MAX];
    char stem[STEM_MAX];
} stem_slot_t;

static stem_slot_t *stem_cache;

/* The stem of WORD (LEN <= 40 lower-case letters) into OUT; its length. */
static size_t
cached_stem(const char *word, size_t len, char *out)
{
    if (!stem_cache)
        stem_cache = calloc(STEM_CACHE_SLOTS, sizeof *stem_cache);
    uint64_t h = hash64(word, len, 3);
    stem_slot_t *slot = stem_cache ? &stem_cache[h % STEM_CACHE_SLOTS] : NULL;
    if (slot && slot->hash == h && slot->len == len &&
        !memcmp(slot->word, word, len)) {
        memcpy(out, slot->stem, slot->stem_len);
        return slot->stem_len;
    }
    size_t n = ivs_stem_english(word, len, out, STEM_MAX);
    if (slot && n > 0) {
        slot->hash = h;
        slot->len = (uint8_t)len;
        memcpy(slot->word, word, len);
        slot->stem_len = (uint8_t)n;
        memcpy(slot->stem, out, n);
    }
    return n;
}

static int
is_question_line(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    size_t d = i;
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i > d && i < len &&
        (s[i] == '.' || s[i] == ')' || s[i] == ',' || s[i] == ':' ||
         !strncmp(s + i, "、", 3) || !strncmp(s + i, "，", 3) ||
         !strncmp(s + i, "：", 3) || !strncmp(s + i, "）", 3)))
        return 1;
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    return (len >= 1 && s[len - 1] == '?') ||
           (len >= 3 && !strncmp(s + len - 3, "？", 3));
}

/* Weight of the line holding byte OFFSET of the record text: headings and
 * question lines above running text. */
static unsigned
line_weight(prep_t *p, size_t offset)
{
    if (offset >= p->line_start && offset < p->line_end)
        return p->line_wdf;
    const ivs_record_t *r = p->record;
    const char *t = r->text;
    size_t s = offset;
    while (s > 0 && t[s - 1] != '\n')
        s--;
    const char *nl = memchr(t + offset, '\n', r->text_len - offset);
    size_t e = nl ? (size_t)(nl - t) : r->text_len;
    p->line_start = s;
    p->line_end = e + 1;
    p->line_wdf = IVS_WDF_TEXT;
    for (size_t i = 0; i < r->n_sections; i++)
        if (r->sections[i].start == s) {
            p->line_wdf = IVS_WDF_HEADING;
            return p->line_wdf;
        }
    if (is_question_line(t + s, e - s))
        p->line_wdf = IVS_WDF_QUESTION;
    return p->line_wdf;
}

static int
on_token(void *ctx, const ivs_token_t *t)
{
    prep_t *p = ctx;
    if (t->term_len > IVS_MAX_TERM_BYTES)
        return 0;
    unsigned wdf = line_weight(p, t->start);
    int rc = 0;
    if (t->kind == IVS_TOKEN_CHAR) {
        char buf[IVS_MAX_TERM_BYTES + 8];
        buf[0] = IVS_PREFIX_CHAR[0];
        memcpy(buf + 1, t->term, t->term_len);
        rc = terms_add_posting(p->terms, buf, t->term_len + 1, t->pos, wdf);
    } else if (t->unit) {
        rc = terms_add_posting(p->terms, t->term, t->term_len, t->pos, wdf);
        char stem[STEM_MAX + 1];
        stem[0] = IVS_PREFIX_STEM[0];
        size_t n;
        if (rc == 0 && !t->cjk && ivs_stemmable(t->term, t->term_len) &&
            (n = cached_stem(t->term, t->term_len, stem + 1)) > 0)
            rc = terms_add(p->terms, stem, n + 1, wdf);
    } else {
        rc = terms_add(p->terms, t->term, t->term_len, wdf);
    }
    if (rc != 0) {
        p->failed = 1;
        return 1;
    }
    return 0;
}

static void
unique_term(char *buf, size_t cap, const char *source_hash, unsigned ordinal)
{
    snprintf(buf, cap, IVS_PREFIX_UNIQUE "%s#%u", source_hash, ordinal);
}

static json_t *
record_json(const char *raw_source, const ivs_record_t *r)
{
    /* a file name need not be UTF-8; JSON must be */
    char *source = ivs_utf8_repair(raw_source, strlen(raw_source));
    if (!source)
        return NULL;
    json_t *topics = json_array();
    for (size_t i = 0; i < r->n_topics; i++)
        json_array_append_new(topics, json_string(r->topics[i]));
    json_t *sections = json_array();
    for (size_t i = 0; i < r->n_sections; i++) {
        const ivs_section_t *s = &r->sections[i];
        json_array_append_new(
            sections, json_pack("{s:s, s:s?, s:I, s:I}", "heading",
                                s->heading ? s->heading : "", "topic", s->topic,
                                "start", (json_int_t)s->start, "end",
                                (json_int_t)s->end));
    }
    json_t *o = json_pack("{s:s, s:I, s:s, s:s, s:o, s:o, s:I, s:I}",
                          "source", source, "ordinal", (json_int_t)r->ordinal,
                          "title", r->title ? r->title : "", "verdict",
                          ivs_verdict_name(r->verdict), "topics", topics,
                          "sections", sections, "start", (json_int_t)r->start,
                          "end", (json_int_t)r->end);
    if (o && r->candidate)
        json_object_set_new(o, "candidate", json_string(r->candidate));
    if (o && r->role)
        json_object_set_new(o, "role", json_string(r->role));
    if (o && r->date)
        json_object_set_new(o, "date", json_string(r->date));
    free(source);
    return o;
}

/* The document of record R of file SOURCE (canonical path) whose source
 * hash is SOURCE_HASH; NULL when out of memory. */
static ivs_doc_t *
prepare_record(ivs_analyzer_t *a, term_table_t *terms, const char *source,
               const char *source_hash, const ivs_record_t *r)
{
    ivs_doc_t *d = ivs_doc_new();
    if (!d)
        return NULL;
    prep_t p = {a, terms, d, r, 0, 0, 0, 0};
    terms_clear(terms);
    if (ivs_analyze(a, r->text, r->text_len, IVS_ANALYZE_INDEX, 1, NULL,
                    on_token, &p) != 0)
        goto fail;
    if (terms_emit(terms, d) != 0)
        goto fail;
    char term[IVS_MAX_TERM_BYTES + 8];
    const char *verdict = ivs_verdict_name(r->verdict);
    snprintf(term, sizeof term, IVS_PREFIX_VERDICT "%s", verdict);
    ivs_status_t st = ivs_doc_add_boolean(d, term);
    snprintf(term, sizeof term, IVS_PREFIX_SOURCE "%s", source_hash);
    if (st == IVS_OK)
        st = ivs_doc_add_boolean(d, term);
    char facets[512]; /* "fail middleware,architecture" */
    int fl = snprintf(facets, sizeof facets, "%s ", verdict);
    size_t tl = fl > 0 ? (size_t)fl : 0;
    for (size_t i = 0; st == IVS_OK && i < r->n_topics; i++) {
        snprintf(term, sizeof term, IVS_PREFIX_TOPIC "%s", r->topics[i]);
        st = ivs_doc_add_boolean(d, term);
        int n = snprintf(facets + tl, sizeof facets - tl, "%s%s", i ? "," : "",
                         r->topics[i]);
        if (n > 0 && tl + (size_t)n < sizeof facets)
            tl += (size_t)n;
    }
    if (st == IVS_OK)
        st = ivs_doc_set_value(d, IVS_SLOT_FACETS, facets, tl);
    if (st == IVS_OK && r->date)
        st = ivs_doc_set_value(d, IVS_SLOT_DATE, r->date, strlen(r->date));
    size_t plen = strlen(source);
    char *order = malloc(plen + 5);
    if (!order)
        goto fail;
    memcpy(order, source, plen);
    order[plen] = '\0';
    order[plen + 1] = (char)(r->ordinal >> 24);
    order[plen + 2] = (char)(r->ordinal >> 16);
    order[plen + 3] = (char)(r->ordinal >> 8);
    order[plen + 4] = (char)r->ordinal;
    if (st == IVS_OK)
        st = ivs_doc_set_value(d, IVS_SLOT_ORDER, order, plen + 5);
    free(order);
    /* the document data: the record's JSON, a newline, its text (see
     * IVS_SCHEMA_VERSION 4) */
    json_t *data = record_json(source, r);
    char *json = data ? json_dumps(data, JSON_COMPACT) : NULL;
    json_decref(data);
    size_t jl = json ? strlen(json) : 0;
    char *both = json ? malloc(jl + 1 + r->text_len) : NULL;
    if (both) {
        memcpy(both, json, jl);
        both[jl] = '\n';
        memcpy(both + jl + 1, r->text, r->text_len);
    }
    free(json);
    if (!both)
        goto fail;
    if (st == IVS_OK)
        st = ivs_doc_set_data(d, both, jl + 1 + r->text_len);
    free(both);
    if (st != IVS_OK)
        goto fail;
    return d;
fail:
    ivs_doc_free(d);
    return NULL;
}

/* ---- the pipeline -----------------------------------------------------------
 * A reader thread walks the files: reads, decodes, parses and prepares the
 * changed records, and queues them with a closing item per file. The main
 * thread takes the queue in order and is the only one to touch Xapian. The
 * queue is bounded, so memory stays bounded whatever the archive size. */

enum file_outcome { F_UNCHANGED, F_TOUCHED, F_SKIPPED, F_INDEXED, F_FAILED };

typedef struct item {
    struct item *next;
    size_t file;
    ivs_doc_t *doc;       /* a record, or NULL for the file's closing item */
    unsigned ordinal;     /* of the record */
    enum file_outcome outcome;
    char *state;          /* the file's new state (touched, indexed) */
    size_t old_n, new_n;  /* records before and now */
    long moved;           /* index of the vanished file it replaces, or -1 */
    const char *reason;   /* why skipped (static) */
    uint64_t bytes;       /* bytes read */
    size_t weight;        /* memory held, for the queue bound */
} item_t;

#define QUEUE_MAX_BYTES ((size_t)96 << 20)
#define QUEUE_MAX_ITEMS 4096

typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t not_empty, not_full;
    item_t *head, *tail;
    size_t n, bytes;
    size_t max_bytes;
    int done;  /* the reader has finished */
    int stop;  /* the writer wants the reader to stop */
} queue_t;

static int
queue_push(queue_t *q, item_t *it)
{
    pthread_mutex_lock(&q->lock);
    while (!q->stop && (q->n >= QUEUE_MAX_ITEMS ||
                        (q->n > 0 && q->bytes + it->weight > q->max_bytes)))
        pthread_cond_wait(&q->not_full, &q->lock);
    if (q->stop) {
        pthread_mutex_unlock(&q->lock);
        return -1;
    }
    it->next = NULL;
    if (q->tail)
        q->tail->next = it;
    else
        q->head = it;
    q->tail = it;
    q->n++;
    q->bytes += it->weight;
    pthread_cond_signal(&q->not_empty);
    pthread_mutex_unlock(&q->lock);
    return 0;
}

/* Ends Q's traffic: the reader has finished (STOP 0: the writer takes what
 * is left), or the writer wants nothing more (STOP 1: the reader's pushes
 * fail). */
static void
queue_end(queue_t *q, int stop)
{
    pthread_mutex_lock(&q->lock);
    if (stop)
        q->stop = 1;
    else
        q->done = 1;
    pthread_cond_broadcast(&q->not_empty);
    pthread_cond_broadcast(&q->not_full);
    pthread_mutex_unlock(&q->lock);
}

static item_t *
queue_pop(queue_t *q)
{
    pthread_mutex_lock(&q->lock);
    while (!q->head && !q->done)
        pthread_cond_wait(&q->not_empty, &q->lock);
    item_t *it = q->head;
    if (it) {
        q->head = it->next;
        if (!q->head)
            q->tail = NULL;
        q->n--;
        q->bytes -= it->weight;
        pthread_cond_signal(&q->not_full);
    }
    pthread_mutex_unlock(&q->lock);
    return it;
}

static void
item_free(item_t *it)
{
    if (!it)
        return;
    ivs_doc_free(it->doc);
    free(it->state);
    free(it);
}

/* Previous state of every known file, sorted by path for lookup. */
typedef struct {
    char *real;
    char *value;
} known_t;

typedef struct {
    known_t *v;
    size_t n, cap;
} knowns_t;

static int
cmp_known(const void *a, const void *b)
{
    return strcmp(((const known_t *)a)->real, ((const known_t *)b)->real);
}

static int
collect_known(void *ctx, const char *key, const char *value)
{
    knowns_t *k = ctx;
    if (ivs_grow(&k->v, &k->cap, k->n + 1, sizeof *k->v, 256) < 0)
        return -1;
    k->v[k->n].real = strdup(key + strlen(IVS_META_FILE));
    k->v[k->n].value = strdup(value);
    if (!k->v[k->n].real || !k->v[k->n].value)
        return -1;
    k->n++;
    return 0;
}

static const char *
known_state(const knowns_t *k, const char *real)
{
    known_t probe = {(char *)real, NULL};
    const known_t *hit =
        k->n ? bsearch(&probe, k->v, k->n, sizeof probe, cmp_known) : NULL;
    return hit ? hit->value : NULL;
}

/* Vanished files: state in the database, no file on disk any more. */
typedef struct {
    char *real;
    state_t st;
    int claimed; /* moved: its records went to a new path */
} vanished_t;

typedef struct {
    vanished_t *v;
    size_t n;
} vanish_list_t;
/* ---- the run ----------------------------------------------------------------- */

/* A writer and the queue that feeds it. Xapian's writing is most of a
 * run's work and one database takes one writer, so a fresh build uses
 * two lanes: the second writes a scratch database beside the first
 * (".ivs-part"), merged into it at the end (ivs_writer_compact_close).
 * Each file goes whole to one lane, with its state, so a killed run
 * leaves the main database consistent: the scratch one is discarded and
 * the next run indexes its files. */
typedef struct lane {
    struct run *run;
    ivs_writer_t *writer;
    queue_t queue;
    size_t pending_records;
    uint64_t pending_bytes;
    size_t commits;
    size_t done_files;
    uint64_t assigned; /* bytes of the files given to it (the reader's) */
    int failed;
} lane_t;

#define MAX_LANES 2

typedef struct run {
    const char *db;
    int json, progress, reindex;
    int fresh; /* nothing indexed before: files are added, not replaced */
    size_t batch_records;
    uint64_t batch_bytes;
    ivs_analyzer_t *analyzer;
    ivs_topics_t *topics;
    ivs_writer_t *writer; /* the database (lane 0's writer) */
    summary_t sum;
    struct timespec t0;
    double last_progress;
    size_t done_files;
    uint64_t done_bytes;
    pthread_mutex_t lock; /* summary and progress, between the lanes */
    lane_t lanes[MAX_LANES];
    size_t n_lanes;
    /* shared with the reader thread (read-only while it runs) */
    const files_t *files;
    knowns_t knowns;
    vanish_list_t vanished;
    term_table_t *terms; /* the reader's */
} run_t;

static double
elapsed(const run_t *run)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - run->t0.tv_sec) +
           (double)(t.tv_nsec - run->t0.tv_nsec) / 1e9;
}

static void
show_progress(run_t *run, size_t total_files, int final)
{
    if (!run->progress)
        return;
    double t = elapsed(run);
    if (!final && t - run->last_progress < 0.1)
        return;
    run->last_progress = t;
    double frac = run->sum.total_bytes
                      ? (double)run->done_bytes / (double)run->sum.total_bytes
                      : (total_files ? (double)run->done_files / total_files : 1);
    if (frac > 1)
        frac = 1;
    char bar[31];
    int filled = (int)(frac * 30);
    for (int i = 0; i < 30; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[30] = '\0';
    double mbs = t > 0 ? (double)run->sum.bytes / 1e6 / t : 0;
    double eta = frac > 0.001 ? t / frac - t : 0;
    fprintf(stderr, "\r\033[K[%s] %zu/%zu files  %zu interviews  %.1f MB/s  "
                    "ETA %d:%02d",
            bar, run->done_files, total_files, run->sum.records, mbs,
            (int)eta / 60, (int)eta % 60);
    if (final)
        fputs("\r\033[K", stderr);
}

static int
commit(lane_t *lane)
{
    ivs_status_t st = ivs_writer_commit(lane->writer);
    if (st != IVS_OK) {
        pthread_mutex_lock(&lane->run->lock);
        fprintf(stderr, "%s: %s: commit failed: %s (%s)\n", prog,
                lane->run->db, ivs_status_str(st),
                ivs_writer_error(lane->writer));
        pthread_mutex_unlock(&lane->run->lock);
        return -1;
    }
    lane->pending_records = 0;
    lane->pending_bytes = 0;
    lane->commits++;
    return 0;
}

static char *
read_file(const char *path, size_t *len, const char **reason)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        *reason = errno == EACCES ? "permission denied" : "unreadable";
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        *reason = "not a regular file";
        return NULL;
    }
    if (st.st_size > MAX_FILE_BYTES) {
        close(fd);
        *reason = "larger than 256 MiB";
        return NULL;
    }
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *buf = malloc(cap);
    if (!buf) {
        close(fd);
        *reason = "out of memory";
        return NULL;
    }
    for (;;) {
        if (n == cap - 1) { /* the file grew while we read it */
            if (cap > (size_t)MAX_FILE_BYTES) {
                free(buf);
                close(fd);
                *reason = "larger than 256 MiB";
                return NULL;
            }
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                close(fd);
                *reason = "out of memory";
                return NULL;
            }
            buf = bigger;
            cap *= 2;
        }
        ssize_t r = read(fd, buf + n, cap - 1 - n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            free(buf);
            close(fd);
            *reason = "read error";
            return NULL;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static void
source_hash_of(const char *real, char out[17])
{
    snprintf(out, 17, "%016" PRIx64, hash64(real, strlen(real), 0));
}

static char *
meta_key(const char *real)
{
    size_t n = strlen(IVS_META_FILE) + strlen(real) + 1;
    char *k = malloc(n);
    if (k)
        snprintf(k, n, "%s%s", IVS_META_FILE, real);
    return k;
}

/* -- the reader thread -- */

typedef struct {
    run_t *run;
    lane_t *lane;
    size_t file;
    const file_t *f;
    char source_hash[17];
    state_t old;
    state_t now;
    size_t cap_rec;
    long moved; /* vanished file whose records this one takes over, or -1 */
} reading_t;

static int
record_hash_add(reading_t *rd, uint64_t h)
{
    if (ivs_grow(&rd->now.rec, &rd->cap_rec, rd->now.n + 1,
                 sizeof *rd->now.rec, 16) < 0)
        return -1;
    rd->now.rec[rd->now.n++] = h;
    return 0;
}

/* Longer interviews are indexed up to this size (with a warning): a
 * document's postings take about ten times its text in memory. */
#define MAX_RECORD_BYTES ((size_t)8 << 20)

static int on_record_whole(void *ctx, const ivs_record_t *r);

static int
on_record(void *ctx, const ivs_record_t *r)
{
    if (r->text_len <= MAX_RECORD_BYTES)
        return on_record_whole(ctx, r);
    reading_t *rd = ctx;
    size_t cut = MAX_RECORD_BYTES;
    while (cut > 0 && ((unsigned char)r->text[cut] & 0xC0) == 0x80)
        cut--;
    ivs_record_t copy = *r;
    copy.text_len = cut;
    copy.end = copy.start + cut;
    ivs_section_t *sections = calloc(r->n_sections + 1, sizeof *sections);
    if (!sections)
        return 1;
    copy.n_sections = 0;
    for (size_t i = 0; i < r->n_sections; i++) {
        if (r->sections[i].start >= cut)
            break;
        sections[copy.n_sections] = r->sections[i];
        if (sections[copy.n_sections].end > cut)
            sections[copy.n_sections].end = cut;
        copy.n_sections++;
    }
    copy.sections = sections;
    warn(rd->f->path, "interview %u is larger than %zu MiB: only its first "
                      "%zu MiB are indexed", r->ordinal, MAX_RECORD_BYTES >> 20,
         MAX_RECORD_BYTES >> 20);
    int rc = on_record_whole(ctx, &copy);
    free(sections);
    return rc;
}

static int
on_record_whole(void *ctx, const ivs_record_t *r)
{
    reading_t *rd = ctx;
    uint64_t h = hash64(r->text, r->text_len, r->ordinal);
    char meta[32];
    snprintf(meta, sizeof meta, "%d/%zu", (int)r->verdict, r->n_topics);
    h ^= hash64(meta, strlen(meta), 99);
    if (record_hash_add(rd, h) < 0)
        return 1;
    /* unchanged record: nothing to write */
    if (rd->old.rec && r->ordinal <= rd->old.n && rd->old.rec[r->ordinal - 1] == h)
        return 0;
    item_t *it = calloc(1, sizeof *it);
    if (!it)
        return 1;
    it->file = rd->file;
    it->moved = rd->moved;
    it->ordinal = r->ordinal;
    it->doc = prepare_record(rd->run->analyzer, rd->run->terms, rd->f->real,
                             rd->source_hash, r);
    if (!it->doc) {
        free(it);
        return 1;
    }
    /* a document holds about ten times its text in postings and data */
    it->weight = r->text_len * 10 + 4096;
    if (queue_push(&rd->lane->queue, it) < 0) {
        item_free(it);
        return 2; /* the writer stopped */
    }
    return 0;
}

/* Reads file I and queues its changed records and its closing item for
 * LANE. Returns -1 when the writer has stopped. */
static int
read_one(run_t *run, lane_t *lane, size_t i)
{
    const file_t *f = &run->files->v[i];
    lane->assigned += (uint64_t)f->size;
    reading_t rd = {run, lane, i, f, "", {0}, {0}, 0, -1};
    item_t *done = calloc(1, sizeof *done);
    if (!done)
        return -1;
    done->file = i;
    done->moved = -1;
    done->weight = sizeof *done;
    source_hash_of(f->real, rd.source_hash);
    const char *known = run->reindex ? NULL : known_state(&run->knowns, f->real);
    if (known)
        parse_state(known, &rd.old);
    done->old_n = rd.old.n;

    if (rd.old.rec && rd.old.size == f->size && rd.old.mtime == f->mtime) {
        done->outcome = F_UNCHANGED;
        goto push;
    }
    size_t len = 0;
    const char *reason = NULL;
    char *bytes = read_file(f->path, &len, &reason);
    if (!bytes) {
        done->outcome = F_SKIPPED;
        done->reason = reason;
        goto push;
    }
    done->bytes = len;
    uint64_t h = hash64(bytes, len, 0);
    if (rd.old.rec && rd.old.hash == h) { /* touched, not changed */
        rd.old.size = f->size;
        rd.old.mtime = f->mtime;
        done->state = format_state(&rd.old);
        done->outcome = F_TOUCHED;
        free(bytes);
        goto push;
    }
    char *text = NULL;
    size_t text_len = 0;
    ivs_status_t st = ivs_text_decode(bytes, len, &text, &text_len, &reason);
    free(bytes);
    if (st != IVS_OK) {
        done->outcome = F_SKIPPED;
        done->reason = reason ? reason : ivs_status_str(st);
        goto push;
    }
    /* a new file with the content of a vanished one: a move */
    if (!rd.old.rec)
        for (size_t k = 0; k < run->vanished.n; k++)
            if (!run->vanished.v[k].claimed && run->vanished.v[k].st.hash == h) {
                run->vanished.v[k].claimed = 1;
                done->moved = rd.moved = (long)k;
                break;
            }
    rd.now.size = f->size;
    rd.now.mtime = f->mtime;
    rd.now.hash = h;
    /* records of a moved file keep their ids: the writer looks them up */
    if (done->moved >= 0) {
        free(rd.old.rec);
        rd.old = (state_t){0};
    }
    int rc = ivs_archive_parse(run->topics, f->path, text, text_len, on_record,
                               &rd);
    free(text);
    if (rc == 2) {
        free(rd.now.rec);
        free(rd.old.rec);
        item_free(done);
        return -1;
    }
    if (rc != 0) {
        done->outcome = F_FAILED;
        done->reason = "out of memory";
        free(rd.now.rec);
        goto push;
    }
    done->outcome = F_INDEXED;
    done->new_n = rd.now.n;
    done->state = format_state(&rd.now);
    free(rd.now.rec);
push:
    free(rd.old.rec);
    return queue_push(&lane->queue, done);
}

static void *
reader_main(void *arg)
{
    run_t *run = arg;
    /* Lane k takes the k-th part of the files (in order, parts of about
     * equal bytes), so the merged database numbers the records in file
     * order, as one writer would; the reader alternates between the
     * parts to keep every lane busy. */
    size_t next[MAX_LANES + 1];
    uint64_t part = run->sum.total_bytes / run->n_lanes + 1, sum = 0;
    size_t k = 0;
    next[0] = 0;
    for (size_t i = 0; i < run->files->n && k + 1 < run->n_lanes; i++) {
        sum += (uint64_t)run->files->v[i].size;
        if (sum >= part * (k + 1))
            next[++k] = i + 1;
    }
    while (++k <= run->n_lanes)
        next[k] = run->files->n;
    size_t end[MAX_LANES];
    for (k = 0; k < run->n_lanes; k++)
        end[k] = next[k + 1];
    while (!interrupted) {
        /* the lane given the fewest bytes so far, of those with files */
        lane_t *lane = NULL;
        size_t pick = 0;
        for (k = 0; k < run->n_lanes; k++)
            if (next[k] < end[k] &&
                (!lane || run->lanes[k].assigned < lane->assigned)) {
                lane = &run->lanes[k];
                pick = k;
            }
        if (!lane || read_one(run, lane, next[pick]++) < 0)
            break;
    }
    for (size_t k = 0; k < run->n_lanes; k++)
        queue_end(&run->lanes[k].queue, 0);
    return NULL;
}

/* -- the writers (the main thread, and a second one for a second lane) -- */

static void
delete_records(ivs_writer_t *w, const char *real, size_t from, size_t to)
{
    char sh[17], q[64];
    source_hash_of(real, sh);
    for (size_t o = from; o <= to; o++) {
        unique_term(q, sizeof q, sh, (unsigned)o);
        ivs_writer_delete(w, q);
    }
}

static int
write_item(lane_t *lane, item_t *it)
{
    run_t *run = lane->run;
    ivs_writer_t *w = lane->writer;
    const file_t *f = &run->files->v[it->file];
    if (it->doc) {
        char sh[17], q[64];
        source_hash_of(f->real, sh);
        unique_term(q, sizeof q, sh, it->ordinal);
        ivs_status_t st;
        if (run->fresh) {
            /* no document can have the term yet: no need to look */
            st = ivs_writer_add(w, it->doc, q, NULL);
        } else {
            /* a moved file's records keep the ids they had */
            uint32_t reuse = 0;
            if (it->moved >= 0) {
                char old_sh[17], old_q[64];
                source_hash_of(run->vanished.v[it->moved].real, old_sh);
                unique_term(old_q, sizeof old_q, old_sh, it->ordinal);
                reuse = ivs_writer_docid(w, old_q);
            }
            st = ivs_writer_replace(w, it->doc, q, reuse, NULL);
        }
        if (st != IVS_OK) {
            pthread_mutex_lock(&run->lock);
            fprintf(stderr, "%s: %s: cannot write interview %u: %s (%s)\n", prog,
                    f->path, it->ordinal, ivs_status_str(st),
                    ivs_writer_error(w));
            pthread_mutex_unlock(&run->lock);
            return -1;
        }
        lane->pending_records++;
        pthread_mutex_lock(&run->lock);
        run->sum.records++;
        pthread_mutex_unlock(&run->lock);
        return 0;
    }
    lane->pending_bytes += it->bytes;
    char *key = meta_key(f->real);
    if (!key)
        return -1;
    switch (it->outcome) {
    case F_UNCHANGED:
    case F_SKIPPED:
    case F_FAILED:
        break;
    case F_TOUCHED:
        ivs_writer_set_metadata(w, key, it->state);
        break;
    case F_INDEXED:
        if (it->old_n > it->new_n)
            delete_records(w, f->real, it->new_n + 1, it->old_n);
        if (it->moved >= 0) {
            const vanished_t *v = &run->vanished.v[it->moved];
            delete_records(w, v->real, 1, v->st.n);
            char *mk = meta_key(v->real);
            if (mk)
                ivs_writer_set_metadata(w, mk, "");
            free(mk);
        }
        ivs_writer_set_metadata(w, key, it->state);
        break;
    }
    free(key);
    pthread_mutex_lock(&run->lock);
    run->sum.bytes += it->bytes;
    switch (it->outcome) {
    case F_UNCHANGED:
    case F_TOUCHED:
        run->sum.unchanged++;
        break;
    case F_SKIPPED:
    case F_FAILED:
        warn(f->path, "%s, skipped", it->reason);
        count_reason(&run->sum, it->reason);
        break;
    case F_INDEXED:
        run->sum.moved += it->moved >= 0;
        run->sum.indexed++;
        break;
    }
    run->done_files++;
    run->done_bytes += (uint64_t)f->size;
    show_progress(run, run->files->n, 0);
    pthread_mutex_unlock(&run->lock);
    lane->done_files++;
    if ((lane->pending_records >= run->batch_records ||
         lane->pending_bytes >= run->batch_bytes) &&
        commit(lane) != 0)
        return -1;
    return 0;
}

/* Tells the reader and every lane to stop taking work. */
static void
stop_lanes(run_t *run)
{
    for (size_t k = 0; k < run->n_lanes; k++)
        queue_end(&run->lanes[k].queue, 1);
}

/* Writes what the reader queues for LANE until the reader is done, then
 * commits its last batch. With one lane, main() makes that commit after
 * removing the records of vanished files; two lanes are a fresh build
 * (nothing vanished), so both commit side by side. */
static void *
lane_main(void *arg)
{
    lane_t *lane = arg;
    item_t *it;
    while ((it = queue_pop(&lane->queue))) {
        if (!lane->failed && write_item(lane, it) != 0) {
            lane->failed = 1;
            stop_lanes(lane->run);
        }
        item_free(it);
    }
    if (lane->run->n_lanes > 1 && !lane->failed && commit(lane) != 0)
        lane->failed = 1;
    return NULL;
}

/* Runs the reader thread and the lanes' writers (lane 0 on this thread).
 * Returns 0, or -1 when writing failed. */
static int
index_files(run_t *run)
{
    for (size_t k = 0; k < run->n_lanes; k++) {
        queue_t *q = &run->lanes[k].queue;
        pthread_mutex_init(&q->lock, NULL);
        pthread_cond_init(&q->not_empty, NULL);
        pthread_cond_init(&q->not_full, NULL);
        q->max_bytes = QUEUE_MAX_BYTES / run->n_lanes;
        run->lanes[k].run = run;
    }
    pthread_t reader, writer2;
    int failed = 0, started = 0;
    if (pthread_create(&reader, NULL, reader_main, run) != 0) {
        fprintf(stderr, "%s: cannot start a thread\n", prog);
        failed = 1;
        goto out;
    }
    started = 1;
    if (run->n_lanes > 1 &&
        pthread_create(&writer2, NULL, lane_main, &run->lanes[1]) != 0) {
        /* its lane would never be emptied: stop the reader */
        fprintf(stderr, "%s: cannot start a thread\n", prog);
        run->lanes[1].failed = 1;
        stop_lanes(run);
        item_t *it;
        while ((it = queue_pop(&run->lanes[1].queue)))
            item_free(it);
        started = 2;
    }
    lane_main(&run->lanes[0]);
    if (run->n_lanes > 1 && started == 1)
        pthread_join(writer2, NULL);
    pthread_join(reader, NULL);
    for (size_t k = 0; k < run->n_lanes; k++)
        failed |= run->lanes[k].failed;
out:
    for (size_t k = 0; k < run->n_lanes; k++) {
        queue_t *q = &run->lanes[k].queue;
        pthread_cond_destroy(&q->not_full);
        pthread_cond_destroy(&q->not_empty);
        pthread_mutex_destroy(&q->lock);
    }
    return failed ? -1 : 0;
}

/* ---- --segment ---------------------------------------------------------------- */

typedef struct {
    const char *line;
    int first;
    int search_mode;
    size_t printed_end; /* main-path text already printed */
} seg_out_t;

static int
print_token(void *ctx, const ivs_token_t *t)
{
    seg_out_t *o = ctx;
    if (t->kind == IVS_TOKEN_CHAR)
        return 0;
    if (t->kind == IVS_TOKEN_SUBWORD && !o->search_mode)
        return 0;
    size_t start = t->start;
    if (t->kind != IVS_TOKEN_SUBWORD) {
        /* one character that normalises to several (℃ -> °c) may start
         * two tokens: print its original text once */
        if (start < o->printed_end)
            start = o->printed_end;
        if (start >= t->end)
            return 0;
        o->printed_end = t->end;
    }
    if (!o->first)
        fputs("  ", stdout);
    o->first = 0;
    fwrite(o->line + start, 1, t->end - start, stdout);
    return 0;
}

static int
run_segment(ivs_analyzer_t *a, int search_mode)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, stdin)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        seg_out_t o = {line, 1, search_mode, 0};
        unsigned flags = IVS_ANALYZE_PUNCT | (search_mode ? IVS_ANALYZE_SEARCH : 0);
        if (ivs_analyze(a, line, (size_t)n, flags, 1, NULL, print_token, &o) < 0) {
            fprintf(stderr, "%s: out of memory\n", prog);
            free(line);
            return 2;
        }
        putchar('\n');
    }
    free(line);
    return ferror(stdout) ? 2 : 0;
}

/* ---- main ------------------------------------------------------------------------ */

static void
usage(FILE *f)
{
    fprintf(f,
            "usage: ivindex [--db DIR] [--progress|--quiet] [--json] [--reindex] "
            "PATH...\n"
            "       ivindex --segment [--search-mode] < TEXT\n"
            "\n"
            "Indexes interview notes (.txt .md .markdown .text) under PATH into\n"
            "the database (default: $IVSEARCH_DB, else\n"
            "${XDG_DATA_HOME:-~/.local/share}/ivsearch/db). Re-runs skip unchanged\n"
            "files and remove the records of files that vanished.\n"
            "  --reindex   rebuild the database from PATH... (after an upgrade)\n"
            "  --segment   print how each line of standard input is segmented\n");
}

/* PATH (without trailing slashes) followed by SUFFIX, malloc'd. */
static char *
sibling_path(const char *path, const char *suffix)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    char *s = malloc(n + strlen(suffix) + 1);
    if (s) {
        memcpy(s, path, n);
        strcpy(s + n, suffix);
    }
    return s;
}

static int
mkdir_parents(const char *path)
{
    char *p = strdup(path);
    if (!p)
        return -1;
    for (char *s = p + 1; *s; s++) {
        if (*s == '/') {
            *s = '\0';
            if (mkdir(p, 0777) != 0 && errno != EEXIST) {
                free(p);
                return -1;
            }
            *s = '/';
        }
    }
    free(p);
    return 0;
}

/* Records whether document ids follow source order (IVS_META_ORDER): true
 * after a first build, where the second lane takes the files after the
 * first's and is numbered after it on the merge; an update that adds
 * records usually ends it. A listing by filters alone reads it. */
static void
mark_order(run_t *run)
{
    char *last = NULL, *first = NULL;
    size_t last_len = 0, first_len = 0;
    int ok = ivs_writer_values_ascending(run->lanes[0].writer, IVS_SLOT_ORDER,
                                         NULL, NULL, &last, &last_len);
    if (ok == 1 && run->n_lanes > 1) {
        ok = ivs_writer_values_ascending(run->lanes[1].writer, IVS_SLOT_ORDER,
                                         &first, &first_len, NULL, NULL);
        if (ok == 1 && last && first) {
            size_t n = last_len < first_len ? last_len : first_len;
            int c = memcmp(last, first, n);
            if (c > 0 || (c == 0 && last_len > first_len))
                ok = 0;
        }
    }
    free(last);
    free(first);
    ivs_writer_set_metadata(run->lanes[0].writer, IVS_META_ORDER,
                            ok == 1 ? "docid" : "");
}

/* Opens (or creates) the database RUN->db for writing into RUN->writer;
 * -1 with a message when it cannot, or when another ivindex holds it. */
static int
open_db(run_t *run)
{
    char *err = NULL;
    ivs_status_t st = ivs_writer_open(run->db, &run->writer, &err);
    if (st == IVS_OK)
        return 0;
    if (st == IVS_ERR_LOCKED)
        fprintf(stderr, "%s: %s: database is locked by another ivindex; "
                        "wait for it to finish\n", prog, run->db);
    else
        fprintf(stderr, "%s: %s: cannot open database: %s%s%s\n", prog,
                run->db, ivs_status_str(st), err ? ": " : "", err ? err : "");
    free(err);
    return -1;
}

static void
print_summary(run_t *run)
{
    double secs = elapsed(run);
    summary_t *s = &run->sum;
    if (run->json) {
        json_t *o = json_pack(
            "{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:O, s:I, s:f}",
            "db", run->db, "files", (json_int_t)s->files, "indexed",
            (json_int_t)s->indexed, "unchanged", (json_int_t)s->unchanged,
            "removed", (json_int_t)s->removed, "moved", (json_int_t)s->moved,
            "interviews", (json_int_t)s->records, "skipped_format",
            (json_int_t)s->skipped_format, "skipped",
            (json_int_t)s->skipped_bad, "skipped_reasons", s->reasons, "bytes",
            (json_int_t)s->bytes, "seconds", secs);
        json_dumpf(o, stdout, JSON_COMPACT);
        putchar('\n');
        json_decref(o);
        return;
    }
    if (quiet)
        return;
    fprintf(stderr,
            "%s: %zu files (%zu indexed, %zu unchanged, %zu moved, %zu removed), "
            "%zu interviews written, %zu skipped",
            prog, s->files, s->indexed, s->unchanged, s->moved, s->removed,
            s->records, s->skipped_bad);
    if (s->skipped_bad) {
        const char *k;
        json_t *v;
        int first = 1;
        fputs(" (", stderr);
        json_object_foreach(s->reasons, k, v) {
            fprintf(stderr, "%s%" JSON_INTEGER_FORMAT " %s", first ? "" : ", ",
                    json_integer_value(v), k);
            first = 0;
        }
        fputs(")", stderr);
    }
    if (s->skipped_format)
        fprintf(stderr, ", %zu not text", s->skipped_format);
    fprintf(stderr, ", %.1f MB in %.2f s\n", (double)s->bytes / 1e6, secs);
}

int
main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"progress", no_argument, NULL, 'p'},
        {"quiet", no_argument, NULL, 'q'},
        {"json", no_argument, NULL, 'j'},
        {"reindex", no_argument, NULL, 'r'},
        {"segment", no_argument, NULL, 's'},
        {"search-mode", no_argument, NULL, 'm'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    run_t run = {0};
    files_t files = {0};
    char **dirs = NULL;
    size_t n_dirs = 0;
    char *db = NULL, *part = NULL;
    int rc = 0;
    const char *db_flag = NULL;
    int segment = 0, search_mode = 0, progress = -1;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_flag = optarg; break;
        case 'p': progress = 1; break;
        case 'q': quiet = 1; progress = 0; break;
        case 'j': run.json = 1; break;
        case 'r': run.reindex = 1; break;
        case 's': segment = 1; break;
        case 'm': search_mode = 1; break;
        case 'h': usage(stdout); return 0;
        default:
            fprintf(stderr, "%s: try 'ivindex --help'\n", prog);
            return 2;
        }
    }
    if (search_mode && !segment) {
        fprintf(stderr, "%s: --search-mode goes with --segment\n", prog);
        return 2;
    }
    char *err = NULL;
    char *user_dict = ivs_user_dict_file();
    ivs_status_t st = ivs_analyzer_open(NULL, user_dict, &run.analyzer, &err);
    free(user_dict);
    if (st != IVS_OK) {
        fprintf(stderr, "%s: %s\n", prog, err ? err : ivs_status_str(st));
        free(err);
        return 2;
    }
    if (segment) {
        if (optind < argc) {
            fprintf(stderr, "%s: --segment reads standard input, not files\n", prog);
            rc = 2;
        goto out;
        }
        rc = run_segment(run.analyzer, search_mode);
        goto out;
    }
    if (optind >= argc) {
        fprintf(stderr, "%s: no PATH given: try 'ivindex --help'\n", prog);
        rc = 2;
        goto out;
    }
    /* Documents are built from many small allocations and freed by the
     * batch: keep the freed memory for the next batch instead of handing
     * it back to the system and faulting it in again. */
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
    mallopt(M_TOP_PAD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    run.progress = progress == -1 ? (isatty(2) && !run.json) : progress;
    clock_gettime(CLOCK_MONOTONIC, &run.t0);
    run.sum.reasons = json_object();
    run.terms = calloc(1, sizeof *run.terms);
    if (!run.terms || terms_grow(run.terms) < 0) {
        fprintf(stderr, "%s: out of memory\n", prog);
        rc = 2;
        goto out;
    }

    char *topics_path = ivs_data_file("topics.txt");
    size_t bad_line = 0;
    st = topics_path ? ivs_topics_load(topics_path, &run.topics, &bad_line)
                     : IVS_ERR_IO;
    if (st != IVS_OK) {
        if (st == IVS_ERR_INPUT)
            fprintf(stderr, "%s: %s: line %zu is malformed\n", prog, topics_path,
                    bad_line);
        else
            fprintf(stderr, "%s: topic taxonomy topics.txt not found or "
                            "unreadable: set IVSEARCH_DATA_DIR\n", prog);
        free(topics_path);
        rc = 2;
        goto out;
    }
    free(topics_path);

    /* The files come first, their size sets how Xapian writes (below),
     * but a database that another ivindex holds is refused at once, and
     * a first run creates the folder that the walk must leave out. */
    const char *db_why = NULL;
    db = ivs_default_db(db_flag, &db_why);
    if (!db) {
        fprintf(stderr, "%s: %s\n", prog, db_why);
        rc = 2;
        goto out;
    }
    run.db = db;
    mkdir_parents(db);
    if (open_db(&run) != 0) {
        rc = 2;
        goto out;
    }
    ivs_writer_close(run.writer);
    run.writer = NULL;

    dirs = calloc((size_t)(argc - optind) + 1, sizeof *dirs);
    if (!dirs) {
        fprintf(stderr, "%s: out of memory\n", prog);
        rc = 2;
        goto out;
    }
    for (int i = optind; i < argc; i++) {
        struct stat stt;
        if (stat(argv[i], &stt) != 0) {
            fprintf(stderr, "%s: %s: %s\n", prog, argv[i], strerror(errno));
            run.sum.missing_args++;
            continue;
        }
        if (S_ISDIR(stt.st_mode)) {
            char *real = realpath(argv[i], NULL);
            if (real)
                dirs[n_dirs++] = real;
            walk(&files, argv[i], 0, &run.sum);
        } else if (S_ISREG(stt.st_mode)) {
            add_file(&files, argv[i], &stt);
        } else {
            fprintf(stderr, "%s: %s: not a file or folder\n", prog, argv[i]);
            run.sum.missing_args++;
        }
    }
    if (files.n)
        qsort(files.v, files.n, sizeof *files.v, cmp_files);
    /* the same file twice (links, overlapping arguments): once */
    size_t u = 0;
    for (size_t i = 0; i < files.n; i++) {
        if (u > 0 && !strcmp(files.v[u - 1].real, files.v[i].real)) {
            free(files.v[i].path);
            free(files.v[i].real);
            continue;
        }
        files.v[u++] = files.v[i];
    }
    files.n = u;
    run.sum.files = files.n;
    for (size_t i = 0; i < files.n; i++)
        run.sum.total_bytes += (uint64_t)files.v[i].size;

    /* Xapian keeps the postings of a transaction in memory (maps of
     * strings, a few hundred bytes per term of each document) until it
     * writes them to the table files, every 10,000 documents by default
     * (it reads the count from the environment when a database is
     * opened). Writing them more often (still uncommitted: a batch stays
     * atomic) keeps that memory small and reused: fewer page faults and
     * smaller maps. But each write rewrites the table blocks it touches,
     * which costs more as the database grows, so the count grows with the
     * input. A value the user set is kept. */
    char flush[24];
    snprintf(flush, sizeof flush, "%" PRIu64, flush_docs(run.sum.total_bytes));
    setenv("XAPIAN_FLUSH_THRESHOLD", flush, 0);

    if (open_db(&run) != 0) {
        rc = 2;
        goto out;
    }

    /* analysis and schema must match what the database was built with */
    char *schema = ivs_writer_get_metadata(run.writer, IVS_META_SCHEMA);
    char *analyzer = ivs_writer_get_metadata(run.writer, IVS_META_ANALYZER);
    char want_schema[16];
    snprintf(want_schema, sizeof want_schema, "%d", IVS_SCHEMA_VERSION);
    const char *want_analyzer = ivs_analyzer_signature(run.analyzer);
    int populated = ivs_writer_doccount(run.writer) > 0 || schema;
    if (populated && !run.reindex &&
        (!schema || strcmp(schema, want_schema) ||
         !analyzer || strcmp(analyzer, want_analyzer))) {
        fprintf(stderr, "%s: %s: database was built by another version "
                        "(schema %s, %s; this ivindex: schema %s, %s): run "
                        "'ivindex --reindex PATH...' to rebuild it\n",
                prog, db, schema ? schema : "?", analyzer ? analyzer : "?",
                want_schema, want_analyzer);
        free(schema);
        free(analyzer);
        rc = 2;
        goto out;
    }
    free(schema);
    free(analyzer);
    if (run.reindex && ivs_writer_clear(run.writer, IVS_META_FILE) != IVS_OK) {
        fprintf(stderr, "%s: %s: cannot clear the database: %s\n", prog, db,
                ivs_writer_error(run.writer));
        rc = 2;
        goto out;
    }
    ivs_writer_set_metadata(run.writer, IVS_META_SCHEMA, want_schema);
    ivs_writer_set_metadata(run.writer, IVS_META_ANALYZER, want_analyzer);

    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGPIPE, SIG_IGN);
    /* over a file-size limit, writes fail with EFBIG and we say so */
    signal(SIGXFSZ, SIG_IGN);


    run.files = &files;
    if (ivs_writer_each_metadata(run.writer, IVS_META_FILE, collect_known,
                                 &run.knowns) != 0) {
        fprintf(stderr, "%s: %s: cannot read the file states: %s\n", prog, db,
                ivs_writer_error(run.writer));
        rc = 2;
        goto out;
    }
    if (run.knowns.n)
        qsort(run.knowns.v, run.knowns.n, sizeof *run.knowns.v, cmp_known);
    /* files known under the given folders and gone from them */
    for (size_t i = 0; i < run.knowns.n && !run.reindex; i++) {
        const char *real = run.knowns.v[i].real;
        int under = 0;
        for (size_t d = 0; d < n_dirs && !under; d++) {
            size_t l = strlen(dirs[d]);
            under = !strncmp(real, dirs[d], l) &&
                    (real[l] == '/' || dirs[d][l - 1] == '/');
        }
        file_t probe = {NULL, (char *)real, 0, 0};
        if (!under || (files.n && bsearch(&probe, files.v, files.n,
                                           sizeof probe, cmp_files)))
            continue;
        vanished_t *v = realloc(run.vanished.v,
                                (run.vanished.n + 1) * sizeof *v);
        if (!v)
            break;
        run.vanished.v = v;
        v = &run.vanished.v[run.vanished.n++];
        v->real = strdup(real);
        v->claimed = 0;
        parse_state(run.knowns.v[i].value, &v->st);
    }

    /* A fresh database (or a rebuild) is written by two lanes; the second
     * one's scratch database, and the compacted copy of an interrupted
     * run, are removed first (we hold the database, so they are
     * leftovers). */
    part = sibling_path(db, ".ivs-part");
    if (!part) {
        fprintf(stderr, "%s: out of memory\n", prog);
        rc = 2;
        goto out;
    }
    ivs_writer_remove_scratch(part);
    ivs_writer_remove_leftovers(db);
    run.fresh = run.reindex ||
                (run.knowns.n == 0 && ivs_writer_doccount(run.writer) == 0);
    run.batch_records = run.fresh ? BATCH_RECORDS_FRESH : BATCH_RECORDS;
    run.batch_bytes = run.fresh ? BATCH_BYTES_FRESH : BATCH_BYTES;
    run.lanes[0].writer = run.writer;
    run.n_lanes = 1;
    if (run.fresh && files.n >= 2 && run.sum.total_bytes >= SPLIT_MIN_BYTES) {
        st = ivs_writer_open_scratch(part, &run.lanes[1].writer, &err);
        if (st != IVS_OK) {
            fprintf(stderr, "%s: %s: cannot create a database: %s%s%s\n",
                    prog, part, ivs_status_str(st), err ? ": " : "",
                    err ? err : "");
            free(err);
            rc = 2;
            goto out;
        }
        run.n_lanes = 2;
    }
    pthread_mutex_init(&run.lock, NULL);
    int failed = index_files(&run) != 0;
    pthread_mutex_destroy(&run.lock);
    if (!failed && !interrupted) {
        for (size_t i = 0; i < run.vanished.n; i++) {
            vanished_t *v = &run.vanished.v[i];
            if (v->claimed)
                continue;
            char sh[17], term[32];
            source_hash_of(v->real, sh);
            snprintf(term, sizeof term, IVS_PREFIX_SOURCE "%s", sh);
            ivs_writer_delete(run.writer, term);
            char *mk = meta_key(v->real);
            if (mk)
                ivs_writer_set_metadata(run.writer, mk, "");
            free(mk);
            run.sum.removed++;
        }
    }
    show_progress(&run, files.n, 1);
    /* (with two lanes, each committed its last batch; the order mark is
     * one more commit, of metadata only) */
    if (!failed && !interrupted &&
        (run.sum.unchanged < files.n || run.sum.removed)) {
        mark_order(&run);
        if (run.n_lanes > 1)
            failed = commit(&run.lanes[0]) != 0;
    }
    if (!failed && run.n_lanes == 1)
        failed = commit(&run.lanes[0]) != 0;
    if (run.n_lanes > 1) {
        /* the second lane's database is merged in, or dropped */
        ivs_writer_close(run.lanes[1].writer);
        run.lanes[1].writer = NULL;
        if (!failed && !interrupted) {
            const char *merge[] = {part};
            st = ivs_writer_compact_close(run.writer, merge, 1, &err);
            run.writer = run.lanes[0].writer = NULL;
            if (st != IVS_OK) {
                fprintf(stderr, "%s: %s: cannot merge the new index: %s%s%s; "
                                "run ivindex again to finish\n",
                        prog, db, ivs_status_str(st), err ? ": " : "",
                        err ? err : "");
                failed = 1;
            }
            free(err);
            err = NULL;
        }
        ivs_writer_remove_scratch(part);
    } else if (!failed && !interrupted && run.lanes[0].commits > 1 &&
               run.sum.records * 2 >= ivs_writer_doccount(run.writer)) {
        /* most of the database was written in several batches: its
         * B-trees are left part empty by the updates, compaction fills
         * them (a third smaller) */
        st = ivs_writer_compact_close(run.writer, NULL, 0, &err);
        run.writer = run.lanes[0].writer = NULL;
        if (st != IVS_OK)
            warn(db, "not compacted: %s%s%s", ivs_status_str(st),
                 err ? ": " : "", err ? err : "");
        free(err);
        err = NULL;
    }
    if (failed) {
        rc = 2;
    } else if (interrupted) {
        /* a second lane's files were dropped: only the first's count */
        fprintf(stderr, "%s: interrupted: %zu of %zu files done and committed; "
                        "run ivindex again to finish\n",
                prog, run.n_lanes > 1 ? run.lanes[0].done_files : run.done_files,
                files.n);
        rc = 130;
    } else {
        print_summary(&run);
        rc = run.sum.missing_args ? 1 : 0;
    }

out:
    for (size_t i = 0; i < files.n; i++) {
        free(files.v[i].path);
        free(files.v[i].real);
    }
    free(files.v);
    for (size_t i = 0; i < run.vanished.n; i++) {
        free(run.vanished.v[i].real);
        free(run.vanished.v[i].st.rec);
    }
    free(run.vanished.v);
    for (size_t i = 0; i < run.knowns.n; i++) {
        free(run.knowns.v[i].real);
        free(run.knowns.v[i].value);
    }
    free(run.knowns.v);
    for (size_t i = 0; i < n_dirs; i++)
        free(dirs[i]);
    free(dirs);
    json_decref(run.sum.reasons);
    terms_free(run.terms);
    if (run.lanes[1].writer) {
        ivs_writer_close(run.lanes[1].writer);
        ivs_writer_remove_scratch(part);
    }
    free(part);
    ivs_writer_close(run.writer);
    ivs_topics_free(run.topics);
    ivs_analyzer_close(run.analyzer);
    free(db);
    return rc;
}

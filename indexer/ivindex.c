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
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ivs/analyze.h"
#include "ivs/record.h"
#include "ivs/schema.h"
#include "ivs/writer.h"

/* Files larger than this are skipped with a warning. */
#define MAX_FILE_BYTES ((off_t)256 << 20)
/* A batch is committed after this many records or bytes of input. */
#define BATCH_RECORDS 5000
#define BATCH_BYTES (64u << 20)
#define MAX_DEPTH 64

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
    size_t files, indexed, unchanged, removed, moved, records, deleted_records;
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
    if (fs->n == fs->cap) {
        size_t cap = fs->cap ? fs->cap * 2 : 256;
        file_t *v = realloc(fs->v, cap * sizeof *v);
        if (!v) {
            free(real);
            return -1;
        }
        fs->v = v;
        fs->cap = cap;
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
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **bigger = realloc(names, cap * sizeof *names);
            if (!bigger)
                break;
            names = bigger;
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
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

/* ---- documents ------------------------------------------------------------- */

typedef struct {
    ivs_analyzer_t *analyzer;
    ivs_writer_t *writer;
    const ivs_topics_t *topics;
    summary_t *sum;
    const file_t *file;
    char source_hash[17];
    state_t old;       /* previous state of this file (n = 0 when new) */
    state_t moved;     /* state of the vanished file this one replaces */
    char moved_hash[17];
    state_t now;       /* state being built */
    size_t cap_rec;
    ivs_status_t error;
    /* per-record line classes for weighting */
    const char *text;
    size_t line_start, line_end;
    unsigned line_wdf;
    const ivs_record_t *record;
    /* the record's position-less terms, aggregated */
    struct term_table *terms;
} indexing_t;

/* ---- per-record term table ----------------------------------------------
 * Words are indexed without positions (phrases use the character and Latin
 * units), so their frequencies are summed here and each reaches Xapian
 * once per record instead of once per occurrence. */

typedef struct {
    uint64_t hash;
    uint32_t off, len; /* bytes in the arena */
    uint32_t wdf;
} term_slot_t;

typedef struct term_table {
    term_slot_t *slots;
    size_t cap;      /* power of two */
    uint32_t *used;  /* indexes of occupied slots, in insertion order */
    size_t n_used, used_cap;
    char *arena;
    size_t alen, acap;
} term_table_t;

static void
terms_free(term_table_t *t)
{
    if (!t)
        return;
    free(t->slots);
    free(t->used);
    free(t->arena);
    free(t);
}

static void
terms_clear(term_table_t *t)
{
    for (size_t i = 0; i < t->n_used; i++)
        t->slots[t->used[i]].len = UINT32_MAX;
    t->n_used = 0;
    t->alen = 0;
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
    t->used_cap = cap / 2 + 1;
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
            if (t->alen + len > t->acap) {
                size_t acap = t->acap ? t->acap * 2 : 65536;
                while (acap < t->alen + len)
                    acap *= 2;
                char *arena = realloc(t->arena, acap);
                if (!arena)
                    return NULL;
                t->arena = arena;
                t->acap = acap;
            }
            memcpy(t->arena + t->alen, term, len);
            *s = (term_slot_t){h, (uint32_t)t->alen, (uint32_t)len, 0};
            t->alen += len;
            t->used[t->n_used++] = (uint32_t)i;
            return s;
        }
        if (s->hash == h && s->len == len &&
            !memcmp(t->arena + s->off, term, len))
            return s;
    }
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

/* Weight of the line holding byte OFFSET of the record text. */
static unsigned
line_weight(indexing_t *ix, size_t offset)
{
    if (offset >= ix->line_start && offset < ix->line_end)
        return ix->line_wdf;
    const char *t = ix->text;
    size_t len = ix->record->text_len;
    size_t s = offset;
    while (s > 0 && t[s - 1] != '\n')
        s--;
    const char *nl = memchr(t + offset, '\n', len - offset);
    size_t e = nl ? (size_t)(nl - t) : len;
    ix->line_start = s;
    ix->line_end = e + 1;
    ix->line_wdf = IVS_WDF_TEXT;
    for (size_t i = 0; i < ix->record->n_sections; i++)
        if (ix->record->sections[i].start == s ||
            (ix->record->sections[i].start <= s &&
             memchr(t + ix->record->sections[i].start, '\n',
                    s - ix->record->sections[i].start) == NULL)) {
            ix->line_wdf = IVS_WDF_HEADING;
            return ix->line_wdf;
        }
    if (is_question_line(t + s, e - s))
        ix->line_wdf = IVS_WDF_QUESTION;
    return ix->line_wdf;
}

static int
on_token(void *ctx, const ivs_token_t *t)
{
    indexing_t *ix = ctx;
    if (t->term_len > IVS_MAX_TERM_BYTES)
        return 0;
    unsigned wdf = line_weight(ix, t->start);
    ivs_status_t st = IVS_OK;
    if (t->kind == IVS_TOKEN_CHAR) {
        char buf[IVS_MAX_TERM_BYTES + 8];
        buf[0] = IVS_PREFIX_CHAR[0];
        memcpy(buf + 1, t->term, t->term_len);
        st = ivs_writer_add_posting(ix->writer, buf, t->term_len + 1, t->pos,
                                    wdf);
    } else if (t->unit) {
        st = ivs_writer_add_posting(ix->writer, t->term, t->term_len, t->pos,
                                    wdf);
    } else {
        term_slot_t *s = terms_get(ix->terms, t->term, t->term_len);
        if (!s)
            st = IVS_ERR_NOMEM;
        else
            s->wdf += wdf;
    }
    if (st != IVS_OK) {
        ix->error = st;
        return 1;
    }
    return 0;
}

/* Hands the record's aggregated position-less terms to the writer. */
static ivs_status_t
flush_terms(indexing_t *ix)
{
    term_table_t *t = ix->terms;
    for (size_t i = 0; i < t->n_used; i++) {
        const term_slot_t *s = &t->slots[t->used[i]];
        if (s->wdf == 0)
            continue;
        ivs_status_t st = ivs_writer_add_term(ix->writer, t->arena + s->off,
                                              s->len, s->wdf);
        if (st != IVS_OK)
            return st;
    }
    return IVS_OK;
}

static void
unique_term(char *buf, size_t cap, const char *source_hash, unsigned ordinal)
{
    snprintf(buf, cap, IVS_PREFIX_UNIQUE "%s#%u", source_hash, ordinal);
}

static json_t *
record_json(const indexing_t *ix, const ivs_record_t *r)
{
    json_t *topics = json_array();
    for (size_t i = 0; i < r->n_topics; i++)
        json_array_append_new(topics, json_string(r->topics[i]));
    json_t *sections = json_array();
    for (size_t i = 0; i < r->n_sections; i++) {
        const ivs_section_t *s = &r->sections[i];
        json_array_append_new(
            sections,
            json_pack("{s:s, s:s?, s:I, s:I}", "heading", s->heading ? s->heading : "",
                      "topic", s->topic, "start", (json_int_t)s->start, "end",
                      (json_int_t)s->end));
    }
    json_t *o = json_pack("{s:s, s:I, s:s, s:s, s:o, s:o, s:I, s:I, s:s%}",
                          "source", ix->file->real, "ordinal",
                          (json_int_t)r->ordinal, "title", r->title ? r->title : "",
                          "verdict", ivs_verdict_name(r->verdict), "topics",
                          topics, "sections", sections, "start",
                          (json_int_t)r->start, "end", (json_int_t)r->end,
                          "text", r->text, r->text_len);
    if (o && r->candidate)
        json_object_set_new(o, "candidate", json_string(r->candidate));
    if (o && r->role)
        json_object_set_new(o, "role", json_string(r->role));
    if (o && r->date)
        json_object_set_new(o, "date", json_string(r->date));
    return o;
}

static int
index_record(indexing_t *ix, const ivs_record_t *r)
{
    if (ix->now.n == ix->cap_rec) {
        size_t cap = ix->cap_rec ? ix->cap_rec * 2 : 16;
        uint64_t *rec = realloc(ix->now.rec, cap * sizeof *rec);
        if (!rec) {
            ix->error = IVS_ERR_NOMEM;
            return 1;
        }
        ix->now.rec = rec;
        ix->cap_rec = cap;
    }
    uint64_t h = hash64(r->text, r->text_len, r->ordinal);
    char title_and_meta[64];
    snprintf(title_and_meta, sizeof title_and_meta, "%d", (int)r->verdict);
    h ^= hash64(title_and_meta, strlen(title_and_meta), 99);
    ix->now.rec[ix->now.n++] = h;

    char qterm[64];
    unique_term(qterm, sizeof qterm, ix->source_hash, r->ordinal);
    /* unchanged record: nothing to write */
    if (r->ordinal <= ix->old.n && ix->old.rec[r->ordinal - 1] == h &&
        ivs_writer_docid(ix->writer, qterm) != 0)
        return 0;
    uint32_t reuse = 0;
    if (ix->moved.n >= r->ordinal) {
        char old_q[64];
        unique_term(old_q, sizeof old_q, ix->moved_hash, r->ordinal);
        reuse = ivs_writer_docid(ix->writer, old_q);
        if (reuse)
            ivs_writer_delete(ix->writer, old_q);
    }

    ivs_status_t st = ivs_writer_begin(ix->writer);
    if (st != IVS_OK)
        goto fail;
    ix->text = r->text;
    ix->record = r;
    ix->line_start = ix->line_end = 0;
    terms_clear(ix->terms);
    int rc = ivs_analyze(ix->analyzer, r->text, r->text_len, IVS_ANALYZE_INDEX,
                         1, NULL, on_token, ix);
    if (rc) {
        st = ix->error != IVS_OK ? ix->error : IVS_ERR_NOMEM;
        goto fail;
    }
    if ((st = flush_terms(ix)) != IVS_OK)
        goto fail;
    char term[160];
    snprintf(term, sizeof term, IVS_PREFIX_VERDICT "%s",
             ivs_verdict_name(r->verdict));
    ivs_writer_add_boolean(ix->writer, term);
    snprintf(term, sizeof term, IVS_PREFIX_SOURCE "%s", ix->source_hash);
    ivs_writer_add_boolean(ix->writer, term);
    char topics[512] = "";
    size_t tl = 0;
    for (size_t i = 0; i < r->n_topics; i++) {
        snprintf(term, sizeof term, IVS_PREFIX_TOPIC "%s", r->topics[i]);
        ivs_writer_add_boolean(ix->writer, term);
        tl += (size_t)snprintf(topics + tl, sizeof topics - tl, "%s%s",
                               i ? "," : "", r->topics[i]);
        if (tl >= sizeof topics)
            tl = sizeof topics - 1;
    }
    ivs_writer_set_value(ix->writer, IVS_SLOT_TOPICS, topics, tl);
    const char *verdict = ivs_verdict_name(r->verdict);
    ivs_writer_set_value(ix->writer, IVS_SLOT_VERDICT, verdict, strlen(verdict));
    if (r->date)
        ivs_writer_set_value(ix->writer, IVS_SLOT_DATE, r->date, strlen(r->date));
    size_t plen = strlen(ix->file->real);
    char *order = malloc(plen + 5);
    if (!order) {
        st = IVS_ERR_NOMEM;
        goto fail;
    }
    memcpy(order, ix->file->real, plen);
    order[plen] = '\0';
    order[plen + 1] = (char)(r->ordinal >> 24);
    order[plen + 2] = (char)(r->ordinal >> 16);
    order[plen + 3] = (char)(r->ordinal >> 8);
    order[plen + 4] = (char)r->ordinal;
    ivs_writer_set_value(ix->writer, IVS_SLOT_ORDER, order, plen + 5);
    free(order);

    json_t *data = record_json(ix, r);
    char *json = data ? json_dumps(data, JSON_COMPACT) : NULL;
    json_decref(data);
    if (!json) {
        st = IVS_ERR_NOMEM;
        goto fail;
    }
    st = ivs_writer_set_data(ix->writer, json, strlen(json));
    free(json);
    if (st != IVS_OK)
        goto fail;
    st = ivs_writer_replace(ix->writer, qterm, reuse, NULL);
    if (st != IVS_OK)
        goto fail;
    ix->sum->records++;
    return 0;
fail:
    ix->error = st;
    return 1;
}

static int
on_record(void *ctx, const ivs_record_t *r)
{
    return index_record(ctx, r);
}

/* ---- the run ----------------------------------------------------------------- */

typedef struct {
    const char *db;
    int json, progress, reindex;
    ivs_analyzer_t *analyzer;
    ivs_topics_t *topics;
    ivs_writer_t *writer;
    summary_t sum;
    struct timespec t0;
    double last_progress;
    size_t done_files;
    uint64_t done_bytes;
    size_t pending_records;
    uint64_t pending_bytes;
    term_table_t *terms; /* reused by every record */
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
commit(run_t *run)
{
    ivs_status_t st = ivs_writer_commit(run->writer);
    if (st != IVS_OK) {
        fprintf(stderr, "%s: %s: commit failed: %s (%s)\n", prog, run->db,
                ivs_status_str(st), ivs_writer_error(run->writer));
        return -1;
    }
    run->pending_records = 0;
    run->pending_bytes = 0;
    return 0;
}

static char *
read_file(const char *path, size_t *len, const char **reason)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
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

/* Vanished files: state in the database, no file on disk any more. */
typedef struct {
    char *real;
    state_t st;
    int claimed; /* moved: its records went to a new path */
} vanished_t;

typedef struct {
    vanished_t *v;
    size_t n, cap;
    const files_t *files;
    char **dirs;
    size_t n_dirs;
} vanish_scan_t;

static int
scan_vanished(void *ctx, const char *key, const char *value)
{
    vanish_scan_t *vs = ctx;
    const char *real = key + strlen(IVS_META_FILE);
    int under = 0;
    for (size_t i = 0; i < vs->n_dirs && !under; i++) {
        size_t l = strlen(vs->dirs[i]);
        under = !strncmp(real, vs->dirs[i], l) &&
                (real[l] == '/' || vs->dirs[i][l - 1] == '/');
    }
    if (!under)
        return 0;
    file_t probe = {NULL, (char *)real, 0, 0};
    if (bsearch(&probe, vs->files->v, vs->files->n, sizeof probe, cmp_files))
        return 0;
    if (vs->n == vs->cap) {
        vs->cap = vs->cap ? vs->cap * 2 : 16;
        vanished_t *v = realloc(vs->v, vs->cap * sizeof *v);
        if (!v)
            return -1;
        vs->v = v;
    }
    vanished_t *v = &vs->v[vs->n++];
    v->real = strdup(real);
    v->claimed = 0;
    parse_state(value, &v->st);
    return 0;
}

static void
delete_records(run_t *run, const char *real, size_t from, size_t to)
{
    char sh[17], q[64];
    source_hash_of(real, sh);
    for (size_t o = from; o <= to; o++) {
        unique_term(q, sizeof q, sh, (unsigned)o);
        ivs_writer_delete(run->writer, q);
        run->sum.deleted_records++;
    }
}

static int
index_file(run_t *run, const file_t *f, vanish_scan_t *vs)
{
    char *key = meta_key(f->real);
    if (!key)
        return -1;
    char *old = run->reindex ? NULL : ivs_writer_get_metadata(run->writer, key);
    indexing_t ix = {0};
    ix.analyzer = run->analyzer;
    ix.writer = run->writer;
    ix.topics = run->topics;
    ix.sum = &run->sum;
    ix.file = f;
    source_hash_of(f->real, ix.source_hash);
    if (old)
        parse_state(old, &ix.old);
    free(old);

    int rc = 0;
    if (ix.old.rec && ix.old.size == f->size && ix.old.mtime == f->mtime) {
        run->sum.unchanged++;
        goto done;
    }
    const char *reason = NULL;
    size_t len = 0;
    char *bytes = read_file(f->path, &len, &reason);
    if (!bytes) {
        warn(f->path, "%s, skipped", reason);
        count_reason(&run->sum, reason);
        goto done;
    }
    run->sum.bytes += len;
    run->pending_bytes += len;
    uint64_t h = hash64(bytes, len, 0);
    if (ix.old.rec && ix.old.hash == h) { /* touched, not changed */
        ix.old.size = f->size;
        ix.old.mtime = f->mtime;
        char *s = format_state(&ix.old);
        if (s)
            ivs_writer_set_metadata(run->writer, key, s);
        free(s);
        free(bytes);
        run->sum.unchanged++;
        goto done;
    }
    char *text = NULL;
    size_t text_len = 0;
    ivs_status_t st = ivs_text_decode(bytes, len, &text, &text_len, &reason);
    free(bytes);
    if (st != IVS_OK) {
        warn(f->path, "%s, skipped", reason ? reason : ivs_status_str(st));
        count_reason(&run->sum, reason ? reason : ivs_status_str(st));
        goto done;
    }
    /* a new file with the content of a vanished one: a move */
    vanished_t *moved = NULL;
    if (!ix.old.rec)
        for (size_t i = 0; i < vs->n; i++)
            if (!vs->v[i].claimed && vs->v[i].st.hash == h) {
                moved = &vs->v[i];
                moved->claimed = 1;
                ix.moved = moved->st;
                source_hash_of(moved->real, ix.moved_hash);
                run->sum.moved++;
                break;
            }

    ix.now.size = f->size;
    ix.now.mtime = f->mtime;
    ix.now.hash = h;
    ix.terms = run->terms;
    ix.error = IVS_OK;
    size_t before = run->sum.records;
    rc = ivs_archive_parse(run->topics, f->path, text, text_len, on_record, &ix);
    free(text);
    if (rc != 0) {
        ivs_status_t e = ix.error != IVS_OK ? ix.error : IVS_ERR_NOMEM;
        fprintf(stderr, "%s: %s: %s (%s)\n", prog, f->path, ivs_status_str(e),
                ivs_writer_error(run->writer));
        free(ix.now.rec);
        rc = -1;
        goto done;
    }
    run->pending_records += run->sum.records - before;
    if (ix.old.n > ix.now.n)
        delete_records(run, f->real, ix.now.n + 1, ix.old.n);
    if (moved) {
        if (moved->st.n > ix.now.n)
            delete_records(run, moved->real, ix.now.n + 1, moved->st.n);
        char *mk = meta_key(moved->real);
        if (mk)
            ivs_writer_set_metadata(run->writer, mk, "");
        free(mk);
    }
    char *s = format_state(&ix.now);
    if (s)
        ivs_writer_set_metadata(run->writer, key, s);
    free(s);
    free(ix.now.rec);
    run->sum.indexed++;
done:
    free(ix.old.rec);
    free(key);
    return rc;
}

/* ---- --segment ---------------------------------------------------------------- */

typedef struct {
    const char *line;
    int first;
    int search_mode;
} seg_out_t;

static int
print_token(void *ctx, const ivs_token_t *t)
{
    seg_out_t *o = ctx;
    if (t->kind == IVS_TOKEN_CHAR)
        return 0;
    if (t->kind == IVS_TOKEN_SUBWORD && !o->search_mode)
        return 0;
    if (!o->first)
        fputs("  ", stdout);
    o->first = 0;
    fwrite(o->line + t->start, 1, t->end - t->start, stdout);
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
        seg_out_t o = {line, 1, search_mode};
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
            return 2;
        }
        int rc = run_segment(run.analyzer, search_mode);
        ivs_analyzer_close(run.analyzer);
        return rc;
    }
    if (optind >= argc) {
        fprintf(stderr, "%s: no PATH given: try 'ivindex --help'\n", prog);
        ivs_analyzer_close(run.analyzer);
        return 2;
    }
    run.progress = progress == -1 ? (isatty(2) && !run.json) : progress;
    clock_gettime(CLOCK_MONOTONIC, &run.t0);
    run.sum.reasons = json_object();
    run.terms = calloc(1, sizeof *run.terms);
    if (!run.terms || terms_grow(run.terms) < 0) {
        fprintf(stderr, "%s: out of memory\n", prog);
        return 2;
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
        return 2;
    }
    free(topics_path);

    char *db = ivs_default_db(db_flag);
    run.db = db;
    mkdir_parents(db);
    st = ivs_writer_open(db, &run.writer, &err);
    if (st != IVS_OK) {
        if (st == IVS_ERR_LOCKED)
            fprintf(stderr, "%s: %s: database is locked by another ivindex; "
                            "wait for it to finish\n", prog, db);
        else
            fprintf(stderr, "%s: %s: cannot open database: %s%s%s\n", prog, db,
                    ivs_status_str(st), err ? ": " : "", err ? err : "");
        free(err);
        return 2;
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
        ivs_writer_close(run.writer);
        return 2;
    }
    free(schema);
    free(analyzer);
    if (run.reindex && ivs_writer_clear(run.writer, IVS_META_FILE) != IVS_OK) {
        fprintf(stderr, "%s: %s: cannot clear the database: %s\n", prog, db,
                ivs_writer_error(run.writer));
        return 2;
    }
    ivs_writer_set_metadata(run.writer, IVS_META_SCHEMA, want_schema);
    ivs_writer_set_metadata(run.writer, IVS_META_ANALYZER, want_analyzer);

    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGPIPE, SIG_IGN);

    files_t files = {0};
    vanish_scan_t vs = {0};
    vs.dirs = calloc((size_t)(argc - optind), sizeof *vs.dirs);
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
                vs.dirs[vs.n_dirs++] = real;
            walk(&files, argv[i], 0, &run.sum);
        } else if (S_ISREG(stt.st_mode)) {
            add_file(&files, argv[i], &stt);
        } else {
            fprintf(stderr, "%s: %s: not a file or folder\n", prog, argv[i]);
            run.sum.missing_args++;
        }
    }
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

    vs.files = &files;
    if (vs.n_dirs)
        ivs_writer_each_metadata(run.writer, IVS_META_FILE, scan_vanished, &vs);

    int failed = 0;
    for (size_t i = 0; i < files.n && !interrupted; i++) {
        if (index_file(&run, &files.v[i], &vs) != 0) {
            failed = 1;
            break;
        }
        run.done_files++;
        run.done_bytes += (uint64_t)files.v[i].size;
        show_progress(&run, files.n, 0);
        if ((run.pending_records >= BATCH_RECORDS ||
             run.pending_bytes >= BATCH_BYTES) &&
            commit(&run) != 0) {
            failed = 1;
            break;
        }
    }
    if (!failed && !interrupted) {
        for (size_t i = 0; i < vs.n; i++) {
            if (vs.v[i].claimed)
                continue;
            char sh[17], term[32];
            source_hash_of(vs.v[i].real, sh);
            snprintf(term, sizeof term, IVS_PREFIX_SOURCE "%s", sh);
            ivs_writer_delete(run.writer, term);
            char *mk = meta_key(vs.v[i].real);
            if (mk)
                ivs_writer_set_metadata(run.writer, mk, "");
            free(mk);
            run.sum.removed++;
        }
    }
    show_progress(&run, files.n, 1);
    int rc = 0;
    if (failed) {
        rc = 2;
    } else if (commit(&run) != 0) {
        rc = 2;
    } else if (interrupted) {
        fprintf(stderr, "%s: interrupted: %zu of %zu files done and committed; "
                        "run ivindex again to finish\n",
                prog, run.done_files, files.n);
        rc = 130;
    } else {
        print_summary(&run);
        rc = run.sum.missing_args ? 1 : 0;
    }

    for (size_t i = 0; i < files.n; i++) {
        free(files.v[i].path);
        free(files.v[i].real);
    }
    free(files.v);
    for (size_t i = 0; i < vs.n; i++) {
        free(vs.v[i].real);
        free(vs.v[i].st.rec);
    }
    free(vs.v);
    for (size_t i = 0; i < vs.n_dirs; i++)
        free(vs.dirs[i]);
    free(vs.dirs);
    json_decref(run.sum.reasons);
    terms_free(run.terms);
    ivs_writer_close(run.writer);
    ivs_topics_free(run.topics);
    ivs_analyzer_close(run.analyzer);
    free(db);
    return rc;
}

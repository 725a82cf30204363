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
#include "ivs/docbuild.h"
#include "ivs/filestate.h"
#include "ivs/record.h"
#include "ivs/safetext.h"
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

/* Writes "ivindex: MESSAGE" and a newline to stderr. The message holds
 * file names and text from notes: every character of it goes through
 * ivs_safe_write, so none reaches the terminal as a control sequence. */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
vsay(const char *fmt, va_list ap)
{
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0)
        msg = NULL;
    fprintf(stderr, "%s: ", prog);
    if (msg)
        ivs_safe_write(stderr, msg, strlen(msg), IVS_SAFE_LINE);
    else
        fputs("out of memory", stderr);
    fputc('\n', stderr);
    free(msg);
}

static void
say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsay(fmt, ap);
    va_end(ap);
}

static void
warn(const char *path, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int quiet;

/* "ivindex: PATH: MESSAGE" (not with --quiet), over the progress bar. */
static void
warn(const char *path, const char *fmt, ...)
{
    if (quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0)
        msg = NULL;
    va_end(ap);
    if (isatty(2))
        fputs("\r\033[K", stderr);
    say("%s: %s", path, msg ? msg : "out of memory");
    free(msg);
}

#define hash64 ivs_hash64

/* ---- file list ----------------------------------------------------------- */

typedef struct {
    char *path;  /* as found from the arguments */
    char *ident; /* the file's identity: the absolute path it was given or
                    found under (its folder resolved, a link itself not
                    followed), see identity_path() */
    off_t size;
    int64_t mtime;
} file_t;

typedef struct {
    file_t *v;
    size_t n, cap;
} files_t;

typedef struct {
    size_t files, indexed, unchanged, removed, moved, records;
    size_t rec_new, rec_moved, rec_removed; /* interviews */
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

/* The path a file is known by: PATH made absolute with its folder
 * resolved (realpath) and its own name kept, so that a symbolic link is
 * known as the link, not as its target, and "notes/a.md", "./notes/a.md"
 * and "/home/u/notes/a.md" are one file. NULL when the folder cannot be
 * resolved or out of memory. */
static char *
identity_path(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char *dir = slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
    if (!dir)
        return NULL;
    char *real = realpath(*dir ? dir : "/", NULL);
    free(dir);
    if (!real)
        return NULL;
    size_t rl = strlen(real), bl = strlen(base);
    char *id = malloc(rl + bl + 2);
    if (id)
        snprintf(id, rl + bl + 2, "%s%s%s", real,
                 real[rl - 1] == '/' ? "" : "/", base);
    free(real);
    return id;
}

static int
add_file(files_t *fs, const char *path, const struct stat *st)
{
    char *ident = identity_path(path);
    if (!ident)
        return -1;
    if (ivs_grow(&fs->v, &fs->cap, fs->n + 1, sizeof *fs->v, 256) < 0) {
        free(ident);
        return -1;
    }
    fs->v[fs->n++] = (file_t){strdup(path), ident, st->st_size,
                              (int64_t)st->st_mtim.tv_sec * 1000000000 +
                                  st->st_mtim.tv_nsec};
    return 0;
}

static int
cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The database folder when it lies inside a folder being indexed: the
 * walk leaves it and its siblings (DB.ivs-part, DB.ivs-compact) out. */
typedef struct {
    dev_t dev;
    ino_t ino;        /* of the folder that holds the database */
    const char *base; /* the database folder's name in it */
    int set;
} db_place_t;

static db_place_t db_place;

static int
is_db_entry(const struct stat *dir_st, const char *name)
{
    if (!db_place.set || dir_st->st_dev != db_place.dev ||
        dir_st->st_ino != db_place.ino)
        return 0;
    size_t n = strlen(db_place.base);
    return !strncmp(name, db_place.base, n) &&
           (!name[n] || !strcmp(name + n, ".ivs-part") ||
            !strcmp(name + n, ".ivs-compact"));
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
    struct stat dir_st;
    int have_dir_st = fstat(dirfd(d), &dir_st) == 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue; /* ., .., hidden files and folders such as .git */
        if (have_dir_st && is_db_entry(&dir_st, e->d_name))
            continue; /* the database itself: not notes */
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
    return strcmp(((const file_t *)a)->ident, ((const file_t *)b)->ident);
}

/* ---- the pipeline -----------------------------------------------------------
 * A reader thread walks the files: reads, decodes, parses and prepares the
 * changed records, and queues them with a closing item per file. The main
 * thread takes the queue in order and is the only one to touch Xapian. The
 * queue is bounded, so memory stays bounded whatever the archive size. */

enum file_outcome { F_UNCHANGED, F_TOUCHED, F_SKIPPED, F_INDEXED, F_FAILED };

/* What the writer does with an interview. */
enum rec_action { R_WRITE, R_RELOCATE };

typedef struct item {
    struct item *next;
    size_t file;
    /* an interview (doc or data set), or the file's closing item */
    enum rec_action action;
    ivs_doc_t *doc;       /* R_WRITE: the document */
    char *data, *order;   /* R_RELOCATE: its new data and order value */
    size_t data_len, order_len;
    char old_source[IVS_SOURCE_TERM_SIZE]; /* R_RELOCATE: the source term
                                             it had ("" if the same) */
    uint32_t id;          /* of the interview */
    enum file_outcome outcome;
    char *state;          /* the file's new state (touched, indexed) */
    uint32_t *drop;       /* ids of its interviews that are gone */
    size_t n_drop, n_drop_cap;
    int record;           /* an interview, not the closing item */
    int is_new;           /* an interview with a new id */
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
    free(it->data);
    free(it->order);
    free(it->state);
    free(it->drop);
    free(it);
}

/* Previous state of every known file, sorted by path for lookup. */
typedef struct {
    ivs_filestate_t *v;
    size_t n, cap;
} knowns_t;

static int
cmp_known(const void *a, const void *b)
{
    return strcmp(((const ivs_filestate_t *)a)->path,
                  ((const ivs_filestate_t *)b)->path);
}

static int
collect_known(void *ctx, const char *key, const char *value)
{
    knowns_t *k = ctx;
    (void)key;
    if (ivs_grow(&k->v, &k->cap, k->n + 1, sizeof *k->v, 256) < 0)
        return -1;
    ivs_status_t st = ivs_filestate_parse(value, &k->v[k->n]);
    if (st == IVS_ERR_NOMEM)
        return -1;
    if (st == IVS_OK)
        k->n++; /* a state of another format: as if unknown */
    return 0;
}

static const ivs_filestate_t *
known_state(const knowns_t *k, const char *ident)
{
    ivs_filestate_t probe = {.path = (char *)ident};
    return k->n ? bsearch(&probe, k->v, k->n, sizeof probe, cmp_known) : NULL;
}

/* Vanished files: state in the database, no file on disk any more. */
typedef struct {
    const ivs_filestate_t *st; /* in the knowns */
    char source_term[IVS_SOURCE_TERM_SIZE];
    size_t pool_first; /* its interviews in the pool, from this index */
    int adopted; /* a new file took its interviews over (moved, renamed) */
} vanished_t;

typedef struct {
    vanished_t *v;
    size_t n;
} vanish_list_t;

/* ---- interviews looking for a new place -----------------------------------
 * The interviews of vanished files, and those that a changed file lost, by
 * the hash of their text: an interview that turns up in another file
 * (moved, renamed, a file split in two) keeps its id. Filled and read by
 * the planning (plan_ids), before the writing starts. */

typedef struct {
    uint64_t text;
    uint32_t id;
    long vanished;  /* index of its vanished file, or -1 */
    long owner;     /* index of the file that had it and lost it, or -1 */
    uint32_t next;  /* next entry of its bucket, or UINT32_MAX */
    int claimed;
} pool_entry_t;

typedef struct {
    pool_entry_t *v;
    size_t n, cap;
    uint32_t *buckets; /* power of two, UINT32_MAX when empty */
    size_t n_buckets;
} pool_t;

static int
pool_add(pool_t *p, uint64_t text, uint32_t id, long vanished, long owner)
{
    if (p->n + 1 > p->n_buckets / 2) {
        size_t nb = p->n_buckets ? p->n_buckets * 2 : 1024;
        uint32_t *b = malloc(nb * sizeof *b);
        if (!b)
            return -1;
        memset(b, 0xff, nb * sizeof *b);
        for (size_t i = 0; i < p->n; i++) {
            size_t h = p->v[i].text & (nb - 1);
            p->v[i].next = b[h];
            b[h] = (uint32_t)i;
        }
        free(p->buckets);
        p->buckets = b;
        p->n_buckets = nb;
    }
    if (ivs_grow(&p->v, &p->cap, p->n + 1, sizeof *p->v, 256) < 0)
        return -1;
    size_t h = text & (p->n_buckets - 1);
    p->v[p->n] = (pool_entry_t){text, id, vanished, owner, p->buckets[h], 0};
    p->buckets[h] = (uint32_t)p->n++;
    return 0;
}

/* The first unclaimed entry with TEXT, or NULL. */
static pool_entry_t *
pool_find(pool_t *p, uint64_t text)
{
    if (!p->n_buckets)
        return NULL;
    for (uint32_t i = p->buckets[text & (p->n_buckets - 1)]; i != UINT32_MAX;
         i = p->v[i].next)
        if (p->v[i].text == text && !p->v[i].claimed)
            return &p->v[i];
    return NULL;
}

static void
pool_free(pool_t *p)
{
    free(p->v);
    free(p->buckets);
}

/* The planned ids of a changed or new file (see plan_ids). */
typedef struct file_plan {
    int ready;            /* read, changed, parsed and planned */
    uint64_t hash;        /* of the bytes planned: the plan holds while
                             the file still has them */
    ivs_recstate_t *now;  /* its interviews, with their ids */
    size_t n_now;
    unsigned char *plan;  /* enum plan, per interview */
    uint32_t *drop;       /* ids of the interviews it lost */
    size_t n_drop, cap_drop;
    long moved;           /* the vanished file it took over, or -1 */
} file_plan_t;

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
    ivs_docbuilder_t *builder; /* the reader's */
    pool_t pool;         /* the planning's */
    struct file_plan *plans; /* per file, when an update was planned */
    uint32_t *taken;     /* sorted ids that changed file in this run */
    size_t n_taken, cap_taken;
    uint32_t last_id;    /* the highest id given (the reader gives them;
                            lane 0 records it with each commit) */
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
    ivs_status_t st = IVS_OK;
    if (lane == &lane->run->lanes[0]) {
        /* every id given so far, written or not, is never given again: a
         * commit records the highest (the reader may have gone further) */
        char last[16];
        snprintf(last, sizeof last, "%" PRIu32,
                 __atomic_load_n(&lane->run->last_id, __ATOMIC_ACQUIRE));
        st = ivs_writer_set_metadata(lane->writer, IVS_META_LASTID, last);
    }
    if (st == IVS_OK)
        st = ivs_writer_commit(lane->writer);
    if (st != IVS_OK) {
        pthread_mutex_lock(&lane->run->lock);
        say("%s: commit failed: %s (%s)",
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

/* -- the reader thread -- */

/* What becomes of an interview of a changed file. */
enum plan { P_KEEP, P_RELOCATE, P_WRITE, P_WRITE_NEW };

typedef struct {
    run_t *run;
    lane_t *lane;
    size_t file;
    const file_t *f;
    int pass;             /* 1: the hashes only; 2: queue the interviews */
    int single_pass;      /* nothing to match: new ids as records come */
    ivs_recstate_t *now;  /* the file's interviews as they are now */
    size_t n_now, cap_now;
    unsigned char *plan;  /* pass 2: enum plan per interview */
    const char *moved_from; /* source term of the vanished file whose
                               interviews this one took over, or NULL */
} reading_t;

/* Gives a new interview id. */
static uint32_t
new_id(run_t *run)
{
    return __atomic_add_fetch(&run->last_id, 1, __ATOMIC_ACQ_REL);
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
    if (rd->pass == 2)
        warn(rd->f->path, "interview %u is larger than %zu MiB: only its "
                          "first %zu MiB are indexed", r->ordinal,
             MAX_RECORD_BYTES >> 20, MAX_RECORD_BYTES >> 20);
    int rc = on_record_whole(ctx, &copy);
    free(sections);
    return rc;
}

static int
on_record_whole(void *ctx, const ivs_record_t *r)
{
    reading_t *rd = ctx;
    run_t *run = rd->run;
    size_t k = r->ordinal - 1;
    enum plan plan = P_WRITE_NEW;
    if (rd->pass == 1 || rd->single_pass) {
        if (ivs_grow(&rd->now, &rd->cap_now, rd->n_now + 1, sizeof *rd->now,
                     16) < 0)
            return 1;
        const char *title = r->title ? r->title : "";
        rd->now[rd->n_now++] = (ivs_recstate_t){
            hash64(r->text, r->text_len, 0), ivs_record_meta_hash(r),
            (uint32_t)hash64(title, strlen(title), 5),
            rd->pass == 1 ? 0 : new_id(run)};
        if (rd->pass == 1)
            return 0;
        k = rd->n_now - 1;
    } else {
        if (k >= rd->n_now)
            return 1; /* cannot be: the same text parses the same */
        plan = rd->plan[k];
    }
    if (plan == P_KEEP)
        return 0;
    item_t *it = calloc(1, sizeof *it);
    if (!it)
        return 1;
    it->file = rd->file;
    it->moved = -1;
    it->record = 1;
    it->id = rd->now[k].id;
    it->is_new = plan == P_WRITE_NEW;
    if (plan == P_RELOCATE) {
        it->action = R_RELOCATE;
        it->data = ivs_record_data(rd->f->ident, r, it->id, &it->data_len);
        it->order = ivs_record_order(rd->f->ident, r->ordinal, &it->order_len);
        if (rd->moved_from)
            snprintf(it->old_source, sizeof it->old_source, "%s",
                     rd->moved_from);
        if (!it->data || !it->order) {
            item_free(it);
            return 1;
        }
        it->weight = it->data_len + it->order_len + sizeof *it;
    } else {
        it->action = R_WRITE;
        if (ivs_docbuilder_build(run->builder, r, rd->f->ident, it->id,
                                 &it->doc) != IVS_OK) {
            free(it);
            return 1;
        }
        /* a document holds about ten times its text in postings and data */
        it->weight = r->text_len * 10 + 4096;
    }
    if (queue_push(&rd->lane->queue, it) < 0) {
        item_free(it);
        return 2; /* the writer stopped */
    }
    return 0;
}

/* Whether ID is in the sorted array V of N ids. */
static int
has_id(const uint32_t *v, size_t n, uint32_t id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && v[lo] == id;
}

static int
cmp_ids(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int
push_id(uint32_t **v, size_t *n, size_t *cap, uint32_t id)
{
    if (ivs_grow(v, cap, *n + 1, sizeof **v, 16) < 0)
        return -1;
    (*v)[(*n)++] = id;
    return 0;
}

/* Gives the interviews RD->now[0..n_now) their ids and plans (RD->plan)
 * from OLD[0..n_old) (the interviews the file had, or an adopted vanished
 * file's): paired ones keep their id; the rest stay 0 for the caller.
 * Marks the paired old ones in PAIRED. 0, or -1 when out of memory. */
static int
plan_pairs(run_t *run, reading_t *rd, const ivs_recstate_t *old, size_t n_old,
           int own, unsigned char *paired)
{
    long *pair = malloc((rd->n_now + 1) * sizeof *pair);
    if (!rd->plan)
        rd->plan = malloc(rd->n_now + 1);
    if (!pair || !rd->plan ||
        ivs_filestate_match(old, n_old, rd->now, rd->n_now, pair, NULL) !=
            IVS_OK) {
        free(pair);
        return -1;
    }
    for (size_t i = 0; i < rd->n_now; i++) {
        ivs_recstate_t *r = &rd->now[i];
        r->id = 0;
        rd->plan[i] = P_WRITE_NEW;
        if (pair[i] < 0)
            continue;
        const ivs_recstate_t *o = &old[pair[i]];
        paired[pair[i]] = 1;
        r->id = o->id;
        if (run->reindex || o->text != r->text || o->meta != r->meta)
            rd->plan[i] = P_WRITE;
        else if (own && (size_t)pair[i] == i)
            rd->plan[i] = P_KEEP;
        else
            rd->plan[i] = P_RELOCATE;
    }
    free(pair);
    return 0;
}

/* Plans file RD on its own (it changed after the run's planning, or there
 * was none): matched against what it had, less the ids other files took
 * over in this run; the rest get new ids, the old ones left over are
 * dropped. 0, or -1 when out of memory. */
static int
plan_local(run_t *run, reading_t *rd, const ivs_filestate_t *known,
           item_t *done)
{
    size_t n_old = 0;
    ivs_recstate_t *old = malloc(((known ? known->n : 0) + 1) * sizeof *old);
    unsigned char *paired = calloc((known ? known->n : 0) + 1, 1);
    int rc = -1;
    if (!old || !paired)
        goto out;
    for (size_t i = 0; known && i < known->n; i++)
        if (!has_id(run->taken, run->n_taken, known->rec[i].id))
            old[n_old++] = known->rec[i];
    if (plan_pairs(run, rd, old, n_old, 0, paired) != 0)
        goto out;
    for (size_t i = 0; i < rd->n_now; i++)
        if (!rd->now[i].id)
            rd->now[i].id = new_id(run);
    for (size_t o = 0; o < n_old; o++)
        if (!paired[o] && push_id(&done->drop, &done->n_drop,
                                  &done->n_drop_cap, old[o].id) < 0)
            goto out;
    rc = 0;
out:
    free(old);
    free(paired);
    return rc;
}

/* Reads and decodes the file F for RD when it needs parsing: returns the
 * text (malloc'd) and sets *OUTCOME F_INDEXED; or NULL with *OUTCOME
 * F_UNCHANGED / F_TOUCHED (*STATE then set) / F_SKIPPED (*REASON set).
 * KNOWN is what the database holds of it. */
static char *
read_changed(run_t *run, const file_t *f, const ivs_filestate_t *known,
             size_t *text_len, uint64_t *hash, uint64_t *bytes_read,
             enum file_outcome *outcome, char **state, const char **reason)
{
    *state = NULL;
    *reason = NULL;
    if (known && !run->reindex && known->size == f->size &&
        known->mtime == f->mtime) {
        *outcome = F_UNCHANGED;
        return NULL;
    }
    size_t len = 0;
    char *bytes = read_file(f->path, &len, reason);
    *outcome = F_SKIPPED;
    if (!bytes)
        return NULL;
    *bytes_read = len;
    *hash = hash64(bytes, len, 0);
    if (known && !run->reindex && known->hash == *hash) { /* touched only */
        ivs_filestate_t touched = *known;
        touched.size = f->size;
        touched.mtime = f->mtime;
        *state = ivs_filestate_format(&touched);
        *outcome = F_TOUCHED;
        free(bytes);
        return NULL;
    }
    char *text = NULL;
    ivs_status_t st = ivs_text_decode(bytes, len, &text, text_len, reason);
    free(bytes);
    if (st != IVS_OK) {
        if (!*reason)
            *reason = ivs_status_str(st);
        return NULL;
    }
    *outcome = F_INDEXED;
    return text;
}

/* ---- planning ids ----------------------------------------------------------
 * Before an update writes anything, every changed or new file is read and
 * its interviews hashed, so that an interview is recognised wherever it
 * went: in its own file (moved, or edited in place), in a new file that
 * took over a vanished one (moved or renamed, perhaps edited), or in any
 * other file (cut from one, pasted into another), whatever the order of
 * the files. The ids of files that are not read again are never given to
 * another interview nor dropped (after a killed run two states may name
 * one id: the one not read again keeps it). */

/* The index of the known file at PATH in RUN->knowns, or -1. */
static long
known_index(const run_t *run, const char *path)
{
    const ivs_filestate_t *k = known_state(&run->knowns, path);
    return k ? (long)(k - run->knowns.v) : -1;
}

/* The vanished file that most of RD's interviews come from (unclaimed in
 * the pool), or -1. */
static long
adoptable(run_t *run, const reading_t *rd)
{
    if (!run->vanished.n || !rd->n_now)
        return -1;
    size_t *votes = calloc(run->vanished.n, sizeof *votes);
    if (!votes)
        return -1;
    long best = -1;
    for (size_t i = 0; i < rd->n_now; i++) {
        pool_entry_t *e = pool_find(&run->pool, rd->now[i].text);
        if (!e || e->vanished < 0 || run->vanished.v[e->vanished].adopted)
            continue;
        votes[e->vanished]++;
        if (best < 0 || votes[e->vanished] > votes[best])
            best = e->vanished;
    }
    free(votes);
    return best;
}

/* Step 1 for a READY plan P of file I: pairs its interviews with the ones
 * it had (KNOWN, less PROTECTED ids) or with an adopted vanished file's;
 * the old ones left over go to the pool, owned by file I. */
static int
plan_own(run_t *run, size_t i, file_plan_t *p, const ivs_filestate_t *known,
         const uint32_t *protect, size_t n_protect)
{
    reading_t rd = {.run = run, .now = p->now, .n_now = p->n_now};
    ivs_recstate_t *old = NULL;
    size_t n_old = 0, n_src = 0;
    const ivs_recstate_t *src = NULL;
    long adopted = -1;
    if (known) {
        src = known->rec;
        n_src = known->n;
    } else if ((adopted = adoptable(run, &rd)) >= 0) {
        vanished_t *v = &run->vanished.v[adopted];
        src = v->st->rec;
        n_src = v->st->n;
        v->adopted = 1;
        p->moved = adopted;
    }
    old = malloc((n_src + 1) * sizeof *old);
    unsigned char *paired = calloc(n_src + 1, 1);
    int rc = -1;
    if (!old || !paired)
        goto out;
    for (size_t r = 0; r < n_src; r++) {
        if (adopted >= 0) {
            pool_entry_t *e = &run->pool.v[run->vanished.v[adopted].pool_first + r];
            if (e->claimed)
                continue;
            e->claimed = 1; /* now this file's: leftovers re-enter below */
        } else if (has_id(protect, n_protect, src[r].id)) {
            continue;
        }
        old[n_old++] = src[r];
    }
    if (plan_pairs(run, &rd, old, n_old, known != NULL, paired) != 0)
        goto out;
    p->plan = rd.plan;
    rd.plan = NULL;
    for (size_t o = 0; o < n_old; o++)
        if (!paired[o] &&
            pool_add(&run->pool, old[o].text, old[o].id, -1, (long)i) < 0)
            goto out;
    rc = 0;
out:
    free(rd.plan);
    free(old);
    free(paired);
    return rc;
}

/* Plans the ids of every changed or new file (RUN->plans, RUN->taken);
 * see above. 0, -1 when out of memory, 1 when interrupted. */
static int
plan_ids(run_t *run)
{
    const files_t *files = run->files;
    run->plans = calloc(files->n + 1, sizeof *run->plans);
    unsigned char *reread = calloc(run->knowns.n + 1, 1);
    uint32_t *protect = NULL;
    size_t n_protect = 0, cap_protect = 0;
    int rc = -1;
    if (!run->plans || !reread)
        goto out;
    for (size_t i = 0; i < files->n; i++) {
        file_plan_t *p = &run->plans[i];
        p->moved = -1;
        if (interrupted) {
            rc = 1;
            goto out;
        }
        const file_t *f = &files->v[i];
        const ivs_filestate_t *known = known_state(&run->knowns, f->ident);
        size_t text_len = 0;
        uint64_t bytes = 0;
        enum file_outcome outcome;
        char *state = NULL;
        const char *reason = NULL;
        char *text = read_changed(run, f, known, &text_len, &p->hash, &bytes,
                                  &outcome, &state, &reason);
        free(state);
        if (!text)
            continue; /* the reader thread says what it is */
        reading_t rd = {.run = run, .f = f, .pass = 1};
        int prc = ivs_archive_parse(run->topics, f->path, text, text_len,
                                    on_record, &rd);
        free(text);
        if (prc != 0) {
            free(rd.now);
            goto out;
        }
        p->ready = 1;
        p->now = rd.now;
        p->n_now = rd.n_now;
        if (known)
            reread[known - run->knowns.v] = 1;
    }
    /* the ids of files not read again (and not vanished) are theirs */
    for (size_t v = 0; v < run->vanished.n; v++)
        reread[run->vanished.v[v].st - run->knowns.v] = 1;
    for (size_t k = 0; k < run->knowns.n; k++)
        for (size_t r = 0; !reread[k] && r < run->knowns.v[k].n; r++)
            if (push_id(&protect, &n_protect, &cap_protect,
                        run->knowns.v[k].rec[r].id) < 0)
                goto out;
    if (n_protect)
        qsort(protect, n_protect, sizeof *protect, cmp_ids);
    /* 1. each file against what it had, or a vanished file it took over */
    for (size_t i = 0; i < files->n; i++) {
        file_plan_t *p = &run->plans[i];
        if (!p->ready)
            continue;
        long k = known_index(run, files->v[i].ident);
        if (plan_own(run, i, p, k >= 0 ? &run->knowns.v[k] : NULL, protect,
                     n_protect) != 0)
            goto out;
    }
    /* 2. interviews that moved between files; 3. new ones */
    for (size_t i = 0; i < files->n; i++) {
        file_plan_t *p = &run->plans[i];
        for (size_t r = 0; p->ready && r < p->n_now; r++) {
            if (p->now[r].id)
                continue;
            pool_entry_t *e = pool_find(&run->pool, p->now[r].text);
            if (e) {
                e->claimed = 1;
                p->now[r].id = e->id;
                p->plan[r] = P_WRITE; /* with its new file's terms */
            } else {
                p->now[r].id = new_id(run);
            }
        }
    }
    /* 4. the old interviews left over are dropped by the file that had
     * them (those of vanished files go with their file's source term);
     * ids that changed file are noted, for files re-planned later */
    for (size_t e = 0; e < run->pool.n; e++) {
        const pool_entry_t *pe = &run->pool.v[e];
        if (pe->claimed && pe->owner >= 0 &&
            push_id(&run->taken, &run->n_taken, &run->cap_taken, pe->id) < 0)
            goto out;
        file_plan_t *owner = pe->owner >= 0 ? &run->plans[pe->owner] : NULL;
        if (!pe->claimed && owner &&
            push_id(&owner->drop, &owner->n_drop, &owner->cap_drop,
                    pe->id) < 0)
            goto out;
    }
    for (size_t v = 0; v < run->vanished.n; v++) {
        const vanished_t *vf = &run->vanished.v[v];
        for (size_t r = 0; !vf->adopted && r < vf->st->n; r++)
            if (run->pool.v[vf->pool_first + r].claimed &&
                push_id(&run->taken, &run->n_taken, &run->cap_taken,
                        vf->st->rec[r].id) < 0)
                goto out;
    }
    if (run->n_taken)
        qsort(run->taken, run->n_taken, sizeof *run->taken, cmp_ids);
    rc = 0;
out:
    free(reread);
    free(protect);
    return rc;
}

/* Reads file I and queues its changed records and its closing item for
 * LANE. Returns -1 when the writer has stopped. */
static int
read_one(run_t *run, lane_t *lane, size_t i)
{
    const file_t *f = &run->files->v[i];
    lane->assigned += (uint64_t)f->size;
    reading_t rd = {.run = run, .lane = lane, .file = i, .f = f};
    item_t *done = calloc(1, sizeof *done);
    if (!done)
        return -1;
    done->file = i;
    done->moved = -1;
    done->weight = sizeof *done;
    const ivs_filestate_t *known = known_state(&run->knowns, f->ident);
    file_plan_t *p = run->plans ? &run->plans[i] : NULL;

    size_t text_len = 0;
    uint64_t h = 0;
    char *text = read_changed(run, f, known, &text_len, &h, &done->bytes,
                              &done->outcome, &done->state, &done->reason);
    if (!text)
        goto push;
    int rc = 0;
    if (p && p->ready && p->hash == h) {
        /* as planned */
        rd.now = p->now;
        rd.n_now = p->n_now;
        rd.plan = p->plan;
        p->now = NULL;
        p->plan = NULL;
        done->drop = p->drop;
        done->n_drop = p->n_drop;
        p->drop = NULL;
        done->moved = p->moved;
        if (p->moved >= 0)
            rd.moved_from = run->vanished.v[p->moved].source_term;
    } else if (!known) {
        rd.single_pass = 1; /* nothing to match: new ids as they come */
    } else {
        /* changed since it was planned, or no planning: on its own */
        rd.pass = 1;
        rc = ivs_archive_parse(run->topics, f->path, text, text_len,
                               on_record, &rd);
        if (rc == 0 && plan_local(run, &rd, known, done) != 0)
            rc = 1;
    }
    if (rc == 0) {
        rd.pass = 2;
        rc = ivs_archive_parse(run->topics, f->path, text, text_len,
                               on_record, &rd);
    }
    free(text);
    if (rc == 2) {
        free(rd.now);
        free(rd.plan);
        item_free(done);
        return -1;
    }
    if (rc != 0) {
        done->outcome = F_FAILED;
        done->reason = "out of memory";
        goto push;
    }
    ivs_filestate_t now = {f->size, f->mtime, h, rd.n_now, rd.now, f->ident};
    done->state = ivs_filestate_format(&now);
push:
    free(rd.now);
    free(rd.plan);
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

/* Says that writing to W failed (under the run's lock): "ivindex: WHAT:
 * DOING: status (detail)". Returns -1. */
static int
write_failed(run_t *run, ivs_writer_t *w, const char *what, const char *doing,
             ivs_status_t st)
{
    pthread_mutex_lock(&run->lock);
    say("%s: %s: %s (%s)", what, doing,
            ivs_status_str(st), ivs_writer_error(w));
    pthread_mutex_unlock(&run->lock);
    return -1;
}

/* Stores interview item IT. */
static int
write_record(lane_t *lane, item_t *it)
{
    run_t *run = lane->run;
    ivs_writer_t *w = lane->writer;
    const file_t *f = &run->files->v[it->file];
    char q[IVS_UNIQUE_TERM_SIZE];
    ivs_unique_term(it->id, q);
    ivs_status_t st;
    if (it->action == R_RELOCATE) {
        char to[IVS_SOURCE_TERM_SIZE];
        ivs_source_term(f->ident, to);
        st = ivs_writer_relocate(w, q, it->old_source[0] ? it->old_source : NULL,
                                 it->old_source[0] ? to : NULL, it->data,
                                 it->data_len, IVS_SLOT_ORDER, it->order,
                                 it->order_len);
    } else if (run->fresh) {
        /* no document can have the term yet: no need to look */
        st = ivs_writer_add(w, it->doc, q, NULL);
    } else {
        st = ivs_writer_replace(w, it->doc, q, NULL);
    }
    if (st != IVS_OK) {
        char doing[64];
        snprintf(doing, sizeof doing, "cannot write interview %" PRIu32,
                 it->id);
        return write_failed(run, w, f->path, doing, st);
    }
    lane->pending_records++;
    pthread_mutex_lock(&run->lock);
    if (it->action == R_RELOCATE) {
        run->sum.rec_moved++;
    } else {
        run->sum.records++;
        run->sum.rec_new += it->is_new;
    }
    pthread_mutex_unlock(&run->lock);
    return 0;
}

/* Stores the outcome of a file (its closing item IT): its state, and the
 * removal of the interviews it no longer has. */
static int
write_file_outcome(lane_t *lane, item_t *it)
{
    run_t *run = lane->run;
    ivs_writer_t *w = lane->writer;
    const file_t *f = &run->files->v[it->file];
    char key[IVS_FILESTATE_KEY_SIZE];
    ivs_filestate_key(f->ident, key);
    ivs_status_t st = IVS_OK;
    if (it->outcome == F_INDEXED) {
        char q[IVS_UNIQUE_TERM_SIZE];
        for (size_t i = 0; st == IVS_OK && i < it->n_drop; i++) {
            ivs_unique_term(it->drop[i], q);
            st = ivs_writer_delete(w, q);
        }
        if (st == IVS_OK && it->moved >= 0) {
            char old_key[IVS_FILESTATE_KEY_SIZE];
            ivs_filestate_key(run->vanished.v[it->moved].st->path, old_key);
            st = ivs_writer_set_metadata(w, old_key, "");
        }
    }
    if (st == IVS_OK && (it->outcome == F_INDEXED || it->outcome == F_TOUCHED))
        st = ivs_writer_set_metadata(w, key, it->state);
    if (st != IVS_OK)
        return write_failed(run, w, f->path, "cannot record the file", st);
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
        run->sum.rec_removed += it->n_drop;
        break;
    }
    run->done_files++;
    run->done_bytes += (uint64_t)f->size;
    show_progress(run, run->files->n, 0);
    pthread_mutex_unlock(&run->lock);
    lane->pending_bytes += it->bytes;
    lane->done_files++;
    return 0;
}

static int
write_item(lane_t *lane, item_t *it)
{
    run_t *run = lane->run;
    if (it->record)
        return write_record(lane, it);
    if (write_file_outcome(lane, it) != 0)
        return -1;
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
        say("cannot start a thread");
        failed = 1;
        goto out;
    }
    started = 1;
    if (run->n_lanes > 1 &&
        pthread_create(&writer2, NULL, lane_main, &run->lanes[1]) != 0) {
        /* its lane would never be emptied: stop the reader */
        say("cannot start a thread");
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
            say("out of memory");
            free(line);
            return 2;
        }
        putchar('\n');
    }
    free(line);
    return ferror(stdout) ? 2 : 0;
}

/* ---- main ------------------------------------------------------------------------ */

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
            /* personal data: folders made for it are the user's only */
            if (mkdir(p, 0700) != 0 && errno != EEXIST) {
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
        say("%s: database is locked by another ivindex; "
                        "wait for it to finish", run->db);
    else
        say("%s: cannot open database: %s%s%s",
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
            "{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, "
            "s:O, s:I, s:f}",
            "db", run->db, "files", (json_int_t)s->files, "indexed",
            (json_int_t)s->indexed, "unchanged", (json_int_t)s->unchanged,
            "removed", (json_int_t)s->removed, "moved", (json_int_t)s->moved,
            "interviews", (json_int_t)s->records, "interviews_new",
            (json_int_t)s->rec_new, "interviews_repositioned",
            (json_int_t)s->rec_moved, "interviews_removed",
            (json_int_t)s->rec_removed, "skipped_format",
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
    char *line = NULL;
    size_t size = 0;
    FILE *m = open_memstream(&line, &size);
    if (!m)
        return;
    fprintf(m, "%zu files (%zu indexed, %zu unchanged, %zu moved, %zu "
               "removed), %zu interviews written (%zu new), %zu "
               "repositioned, %zu removed, %zu skipped",
            s->files, s->indexed, s->unchanged, s->moved, s->removed,
            s->records, s->rec_new, s->rec_moved, s->rec_removed,
            s->skipped_bad);
    if (s->skipped_bad) {
        const char *k;
        json_t *v;
        int first = 1;
        fputs(" (", m);
        json_object_foreach(s->reasons, k, v) {
            fprintf(m, "%s%" JSON_INTEGER_FORMAT " %s", first ? "" : ", ",
                    json_integer_value(v), k);
            first = 0;
        }
        fputs(")", m);
    }
    if (s->skipped_format)
        fprintf(m, ", %zu not text", s->skipped_format);
    fprintf(m, ", %.1f MB in %.2f s", (double)s->bytes / 1e6, secs);
    if (fclose(m) == 0)
        say("%s", line);
    free(line);
}

/* The absolute form of PATH, its existing part resolved (realpath) and the
 * rest appended as written (without "." parts and trailing slashes):
 * where a database folder that may not exist yet is. NULL when out of
 * memory or when the part that exists cannot be resolved. */
static char *
absolute_path(const char *path)
{
    char *p = strdup(path);
    if (!p)
        return NULL;
    size_t n = strlen(p);
    while (n > 1 && p[n - 1] == '/')
        p[--n] = '\0';
    /* the longest prefix (at a slash) that resolves */
    char *real = NULL;
    size_t cut = n;
    for (;;) {
        char save = p[cut];
        p[cut] = '\0';
        real = realpath(cut ? p : (path[0] == '/' ? "/" : "."), NULL);
        p[cut] = save;
        if (real || errno != ENOENT || cut == 0)
            break;
        while (cut > 0 && p[cut - 1] != '/')
            cut--;
        if (cut > 0)
            cut--; /* at the slash: its parent next */
    }
    if (!real) {
        free(p);
        return NULL;
    }
    size_t cap = strlen(real) + strlen(p + cut) + 2;
    char *out = malloc(cap);
    if (out) {
        strcpy(out, real);
        const char *rest = p + cut;
        while (*rest) {
            while (*rest == '/')
                rest++;
            const char *e = strchr(rest, '/');
            size_t len = e ? (size_t)(e - rest) : strlen(rest);
            if (len && !(len == 1 && rest[0] == '.')) {
                size_t ol = strlen(out);
                if (ol > 1 || out[0] != '/')
                    out[ol++] = '/';
                memcpy(out + ol, rest, len);
                out[ol + len] = '\0';
            }
            rest += len;
        }
    }
    free(real);
    free(p);
    return out;
}

/* True when path A is B or lies inside it (both absolute, canonical). */
static int
is_within(const char *a, const char *b)
{
    size_t n = strlen(b);
    if (strncmp(a, b, n))
        return 0;
    return a[n] == '\0' || a[n] == '/' || (n == 1 && b[0] == '/');
}

/* Refuses a database folder that would put notes or the user's files at
 * risk: one that exists and is not an ivsearch database (nor empty), and
 * one that is or holds a PATH being indexed. A database inside a folder
 * being indexed is fine: the walk leaves it out (db_place). Returns 0, or
 * -1 after a one-line message. */
static int
check_db_place(const char *db, char **paths, int n_paths)
{
    char *abs_db = absolute_path(db);
    if (!abs_db) {
        say("%s: cannot resolve the database folder: %s", db, strerror(errno));
        return -1;
    }
    int rc = 0;
    for (int i = 0; i < n_paths && rc == 0; i++) {
        char *real = realpath(paths[i], NULL);
        if (!real)
            continue; /* reported when the paths are read */
        if (is_within(real, abs_db)) {
            say("%s: the database folder is or holds %s, "
                            "which is being indexed; choose a database "
                            "folder outside the notes", db, paths[i]);
            rc = -1;
        } else if (is_within(abs_db, real)) {
            /* inside a folder being indexed: the walk leaves it out */
            char *slash = strrchr(abs_db, '/');
            char *parent = slash == abs_db ? strdup("/")
                                           : strndup(abs_db,
                                                     (size_t)(slash - abs_db));
            struct stat st;
            if (parent && stat(parent, &st) == 0 && !db_place.set) {
                static char base[NAME_MAX + 1];
                snprintf(base, sizeof base, "%s", slash + 1);
                db_place = (db_place_t){st.st_dev, st.st_ino, base, 1};
            }
            free(parent);
        }
        free(real);
    }
    free(abs_db);
    if (rc != 0)
        return rc;
    char *detail = NULL;
    ivs_dbdir_t kind = ivs_writer_probe(db, &detail);
    if (kind == IVS_DBDIR_NOT_FOLDER || kind == IVS_DBDIR_FOREIGN) {
        say("%s: not an ivsearch database (%s); give --db a "
                        "new or empty folder, or the database's own", db, detail ? detail : "unreadable");
        rc = -1;
    }
    free(detail);
    return rc;
}

static void
usage(FILE *f)
{
    fprintf(f,
"usage: ivindex [--db DIR] [--progress|--quiet] [--json] [--reindex] PATH...\n"
"       ivindex --segment [--search-mode] < TEXT\n"
"       ivindex --help | --version\n"
"\n"
"Indexes interview notes (.txt .md .markdown .text) in the files and folders\n"
"PATH... into the database. Re-runs are incremental: unchanged files are\n"
"skipped, changed ones rewrite only the interviews that changed (ids stay),\n"
"and the interviews of files that vanished from the given folders are\n"
"removed.\n"
"\n"
"  --db DIR        the database folder (default: $IVSEARCH_DB, else\n"
"                  ${XDG_DATA_HOME:-~/.local/share}/ivsearch/db); it must be\n"
"                  new, empty or an ivsearch database, outside the notes\n"
"  --progress      a progress bar on stderr (default when it is a terminal)\n"
"  --quiet         no warnings, no progress, no summary\n"
"  --json          the summary as one JSON object on stdout\n"
"  --reindex       rebuild the database from PATH... (after an upgrade);\n"
"                  interviews keep their ids\n"
"  --segment       print how each line of standard input is segmented\n"
"  --search-mode   with --segment: also the extra search terms\n"
"  --help          this text\n"
"  --version       program, analyzer, schema and Xapian versions\n"
"\n"
"Exit status: 0 done, 1 done but a PATH was missing, 2 error, 130\n"
"interrupted (what was committed stays; run again to finish).\n");
}

/* The known files under the given folders DIRS that are gone from FILES:
 * RUN->vanished, their interviews in RUN->pool. 0, or -1 when out of
 * memory. */
static int
find_vanished(run_t *run, const files_t *files, char **dirs, size_t n_dirs)
{
    for (size_t i = 0; i < run->knowns.n; i++) {
        const ivs_filestate_t *k = &run->knowns.v[i];
        int under = 0;
        for (size_t d = 0; d < n_dirs && !under; d++)
            under = is_within(k->path, dirs[d]) && strcmp(k->path, dirs[d]);
        file_t probe = {.ident = k->path};
        if (!under || (files->n && bsearch(&probe, files->v, files->n,
                                           sizeof probe, cmp_files)))
            continue;
        vanished_t *v = realloc(run->vanished.v,
                                (run->vanished.n + 1) * sizeof *v);
        if (!v)
            return -1;
        run->vanished.v = v;
        v = &run->vanished.v[run->vanished.n];
        *v = (vanished_t){.st = k, .pool_first = run->pool.n};
        ivs_source_term(k->path, v->source_term);
        for (size_t r = 0; r < k->n; r++)
            if (pool_add(&run->pool, k->rec[r].text, k->rec[r].id,
                         (long)run->vanished.n, -1) < 0)
                return -1;
        run->vanished.n++;
    }
    return 0;
}

/* Removes the interviews of the vanished files that no file took over,
 * and their states. 0, or -1 after a message. */
static int
remove_vanished(run_t *run)
{
    for (size_t i = 0; i < run->vanished.n; i++) {
        vanished_t *v = &run->vanished.v[i];
        if (v->adopted)
            continue;
        /* by source term: an interview that another file claimed has that
         * file's source term now */
        char key[IVS_FILESTATE_KEY_SIZE];
        ivs_filestate_key(v->st->path, key);
        ivs_status_t st = ivs_writer_delete(run->writer, v->source_term);
        if (st == IVS_OK)
            st = ivs_writer_set_metadata(run->writer, key, "");
        if (st != IVS_OK)
            return write_failed(run, run->writer, v->st->path,
                                "cannot remove its interviews", st);
        for (size_t r = 0; r < v->st->n; r++)
            run->sum.rec_removed += !run->pool.v[v->pool_first + r].claimed;
        run->sum.removed++;
    }
    return 0;
}

static void
print_version(ivs_analyzer_t *a)
{
    printf("ivindex %s\nanalyzer: version %d, signature \"%s\"\n"
           "schema:   %d\nXapian:   %s\n",
           IVS_VERSION, IVS_ANALYZER_VERSION,
           a ? ivs_analyzer_signature(a) : "?", IVS_SCHEMA_VERSION,
           ivs_writer_xapian_version());
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
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    run_t run = {0};
    files_t files = {0};
    char **dirs = NULL;
    size_t n_dirs = 0;
    char *db = NULL, *part = NULL;
    int rc = 0;
    const char *db_flag = NULL;
    int segment = 0, search_mode = 0, progress = -1, version = 0;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_flag = optarg; break;
        case 'p':
            if (quiet) {
                say("--progress and --quiet contradict each "
                                "other: give one");
                return 2;
            }
            progress = 1;
            break;
        case 'q':
            if (progress == 1) {
                say("--progress and --quiet contradict each "
                                "other: give one");
                return 2;
            }
            quiet = 1;
            progress = 0;
            break;
        case 'j': run.json = 1; break;
        case 'r': run.reindex = 1; break;
        case 's': segment = 1; break;
        case 'm': search_mode = 1; break;
        case 'h': usage(stdout); return 0;
        case 'V': version = 1; break;
        default:
            if (optopt)
                say("unknown option '-%c': try 'ivindex "
                                "--help'", optopt);
            else
                say("unknown or incomplete option '%s': try "
                                "'ivindex --help'", argv[optind - 1]);
            return 2;
        }
    }
    if (search_mode && !segment) {
        say("--search-mode goes with --segment");
        return 2;
    }
    if (db_flag && !*db_flag) {
        say("--db: empty folder name: give the database "
                        "folder");
        return 2;
    }
    char *err = NULL;
    char *user_dict = ivs_user_dict_file();
    ivs_status_t st = ivs_analyzer_open(NULL, user_dict, &run.analyzer, &err);
    free(user_dict);
    if (st != IVS_OK) {
        say("%s", err ? err : ivs_status_str(st));
        free(err);
        return 2;
    }
    if (version) {
        print_version(run.analyzer);
        goto out;
    }
    if (segment) {
        if (optind < argc) {
            say("--segment reads standard input, not files");
            rc = 2;
            goto out;
        }
        rc = run_segment(run.analyzer, search_mode);
        goto out;
    }
    if (optind >= argc) {
        say("no PATH given: try 'ivindex --help'");
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
    if (ivs_docbuilder_new(run.analyzer, &run.builder) != IVS_OK) {
        say("out of memory");
        rc = 2;
        goto out;
    }

    char *topics_path = ivs_data_file("topics.txt");
    size_t bad_line = 0;
    st = topics_path ? ivs_topics_load(topics_path, &run.topics, &bad_line)
                     : IVS_ERR_IO;
    if (st != IVS_OK) {
        if (st == IVS_ERR_INPUT)
            say("%s: line %zu is malformed", topics_path,
                    bad_line);
        else
            say("topic taxonomy topics.txt not found or "
                            "unreadable: set IVSEARCH_DATA_DIR");
        free(topics_path);
        rc = 2;
        goto out;
    }
    free(topics_path);

    /* The database folder is checked before anything is created: it must
     * be new, empty or ours, and outside the notes. Then the files come
     * (their size sets how Xapian writes, below), but a database that
     * another ivindex holds is refused at once, and a first run creates
     * the folder that the walk must leave out. */
    const char *db_why = NULL;
    db = ivs_default_db(db_flag, &db_why);
    if (!db) {
        say("%s", db_why);
        rc = 2;
        goto out;
    }
    run.db = db;
    if (check_db_place(db, argv + optind, argc - optind) != 0) {
        rc = 2;
        goto out;
    }
    if (mkdir_parents(db) != 0 || (mkdir(db, 0700) != 0 && errno != EEXIST)) {
        say("%s: cannot create the folders above it: %s", db, strerror(errno));
        rc = 2;
        goto out;
    }
    if (open_db(&run) != 0) {
        rc = 2;
        goto out;
    }
    ivs_writer_close(run.writer);
    run.writer = NULL;

    dirs = calloc((size_t)(argc - optind) + 1, sizeof *dirs);
    if (!dirs) {
        say("out of memory");
        rc = 2;
        goto out;
    }
    for (int i = optind; i < argc; i++) {
        struct stat stt;
        if (stat(argv[i], &stt) != 0) {
            say("%s: %s", argv[i], strerror(errno));
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
            say("%s: not a file or folder", argv[i]);
            run.sum.missing_args++;
        }
    }
    if (files.n)
        qsort(files.v, files.n, sizeof *files.v, cmp_files);
    /* the same file twice (overlapping arguments): once */
    size_t u = 0;
    for (size_t i = 0; i < files.n; i++) {
        if (u > 0 && !strcmp(files.v[u - 1].ident, files.v[i].ident)) {
            free(files.v[i].path);
            free(files.v[i].ident);
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
    char *why = NULL;
    /* documents without a schema: written by something else */
    const char *has_schema =
        schema ? schema : ivs_writer_doccount(run.writer) ? "unknown" : NULL;
    if (!run.reindex &&
        ivs_schema_check(has_schema, analyzer, want_analyzer, &why) != IVS_OK) {
        say("%s: %s", db, why ? why : "database was built by another version");
        free(why);
        free(schema);
        free(analyzer);
        rc = 2;
        goto out;
    }
    free(schema);
    free(analyzer);

    /* What each known file held (a --reindex keeps the ids from it), and
     * the highest id given so far: new ones follow it. */
    if (ivs_writer_each_metadata(run.writer, IVS_META_FILE, collect_known,
                                 &run.knowns) != 0) {
        say("%s: cannot read the file states: %s", db,
                ivs_writer_error(run.writer));
        rc = 2;
        goto out;
    }
    if (run.knowns.n)
        qsort(run.knowns.v, run.knowns.n, sizeof *run.knowns.v, cmp_known);
    char *last = ivs_writer_get_metadata(run.writer, IVS_META_LASTID);
    run.last_id = last ? (uint32_t)strtoul(last, NULL, 10) : 0;
    free(last);
    for (size_t i = 0; i < run.knowns.n; i++)
        for (size_t r = 0; r < run.knowns.v[i].n; r++)
            if (run.knowns.v[i].rec[r].id > run.last_id)
                run.last_id = run.knowns.v[i].rec[r].id;

    if (run.reindex && ivs_writer_clear(run.writer, IVS_META_FILE) != IVS_OK) {
        say("%s: cannot clear the database: %s", db,
                ivs_writer_error(run.writer));
        rc = 2;
        goto out;
    }
    if (ivs_writer_set_metadata(run.writer, IVS_META_SCHEMA, want_schema) !=
            IVS_OK ||
        ivs_writer_set_metadata(run.writer, IVS_META_ANALYZER,
                                want_analyzer) != IVS_OK) {
        say("%s: cannot write the database: %s", db,
                ivs_writer_error(run.writer));
        rc = 2;
        goto out;
    }

    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGPIPE, SIG_IGN);
    /* over a file-size limit, writes fail with EFBIG and we say so */
    signal(SIGXFSZ, SIG_IGN);

    run.files = &files;
    if (find_vanished(&run, &files, dirs, n_dirs) != 0) {
        say("out of memory");
        rc = 2;
        goto out;
    }

    /* A fresh database (or a rebuild) is written by two lanes; the second
     * one's scratch database, and the compacted copy of an interrupted
     * run, are removed first (we hold the database, so they are
     * leftovers). */
    part = sibling_path(db, ".ivs-part");
    if (!part) {
        say("out of memory");
        rc = 2;
        goto out;
    }
    ivs_writer_remove_scratch(part);
    ivs_writer_remove_leftovers(db);
    run.fresh = run.reindex ||
                (run.knowns.n == 0 && ivs_writer_doccount(run.writer) == 0);
    /* an update (or a rebuild of known files) plans the ids first */
    if (run.knowns.n) {
        int prc = plan_ids(&run);
        if (prc < 0) {
            say("out of memory");
            rc = 2;
            goto out;
        }
        if (prc > 0) {
            say("interrupted before anything was written");
            rc = 130;
            goto out;
        }
    }
    run.batch_records = run.fresh ? BATCH_RECORDS_FRESH : BATCH_RECORDS;
    run.batch_bytes = run.fresh ? BATCH_BYTES_FRESH : BATCH_BYTES;
    run.lanes[0].writer = run.writer;
    run.n_lanes = 1;
    if (run.fresh && files.n >= 2 && run.sum.total_bytes >= SPLIT_MIN_BYTES) {
        st = ivs_writer_open_scratch(part, &run.lanes[1].writer, &err);
        if (st != IVS_OK) {
            say("%s: cannot create a database: %s%s%s", part, ivs_status_str(st), err ? ": " : "",
                    err ? err : "");
            free(err);
            rc = 2;
            goto out;
        }
        run.n_lanes = 2;
    }
    pthread_mutex_init(&run.lock, NULL);
    int failed = index_files(&run) != 0;
    if (!failed && !interrupted && !run.reindex)
        failed = remove_vanished(&run) != 0;
    pthread_mutex_destroy(&run.lock);
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
                say("%s: cannot merge the new index: %s%s%s; "
                                "run ivindex again to finish", db, ivs_status_str(st), err ? ": " : "",
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
        say("interrupted: %zu of %zu files done and committed; "
                        "run ivindex again to finish", run.n_lanes > 1 ? run.lanes[0].done_files : run.done_files,
                files.n);
        rc = 130;
    } else {
        print_summary(&run);
        rc = run.sum.missing_args ? 1 : 0;
    }

out:
    for (size_t i = 0; i < files.n; i++) {
        free(files.v[i].path);
        free(files.v[i].ident);
    }
    free(files.v);
    free(run.vanished.v);
    pool_free(&run.pool);
    for (size_t i = 0; run.plans && i < files.n; i++) {
        free(run.plans[i].now);
        free(run.plans[i].plan);
        free(run.plans[i].drop);
    }
    free(run.plans);
    free(run.taken);
    for (size_t i = 0; i < run.knowns.n; i++)
        ivs_filestate_clear(&run.knowns.v[i]);
    free(run.knowns.v);
    for (size_t i = 0; i < n_dirs; i++)
        free(dirs[i]);
    free(dirs);
    json_decref(run.sum.reasons);
    ivs_docbuilder_free(run.builder);
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

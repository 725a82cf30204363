/* What the files of the indexer library (indexer/index*.c) share: the
 * run, its lanes and queues, the planning of ids. Not a public header. */
#ifndef IVS_INDEX_INTERNAL_H
#define IVS_INDEX_INTERNAL_H

#include <pthread.h>
#include <stdint.h>
#include <time.h>

#include "ivs/docbuild.h"
#include "ivs/filestate.h"
#include "ivs/index.h"
#include "ivs/walk.h"
#include "ivs/writer.h"

#define hash64 ivs_hash64

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
/* Longer interviews are indexed up to this size (with a warning): a
 * document's postings take about ten times its text in memory. */
#define MAX_RECORD_BYTES ((size_t)8 << 20)

typedef struct ivs_index run_t;

enum file_outcome { F_UNCHANGED, F_TOUCHED, F_SKIPPED, F_INDEXED, F_FAILED };

/* What the writer does with an interview. */
enum rec_action { R_WRITE, R_RELOCATE };

typedef struct item {
    struct item *next;
    size_t file;
    /* an interview (doc or data set), or the file's closing item */
    enum rec_action action;
    ivs_doc_t *doc;     /* R_WRITE: the document */
    char *data, *order; /* R_RELOCATE: its new data and order value */
    size_t data_len, order_len;
    char old_source[IVS_SOURCE_TERM_SIZE]; /* R_RELOCATE: the source term
                                             it had ("" if the same) */
    uint32_t id;                           /* of the interview */
    enum file_outcome outcome;
    char *state;    /* the file's new state (touched, indexed) */
    uint32_t *drop; /* ids of its interviews that are gone */
    size_t n_drop, n_drop_cap;
    int record;         /* an interview, not the closing item */
    int is_new;         /* an interview with a new id */
    long moved;         /* index of the vanished file it replaces, or -1 */
    const char *reason; /* why skipped (static) */
    uint64_t bytes;     /* bytes read */
    size_t weight;      /* memory held, for the queue bound */
} item_t;

#define QUEUE_MAX_BYTES ((size_t)96 << 20)
#define QUEUE_MAX_ITEMS 4096

typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t not_empty, not_full;
    item_t *head, *tail;
    size_t n, bytes;
    size_t max_bytes;
    int done; /* the reader has finished */
    int stop; /* the writer wants the reader to stop */
} queue_t;

/* Previous state of every known file, sorted by path for lookup. */
typedef struct {
    ivs_filestate_t *v;
    size_t n, cap;
} knowns_t;

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
    long vanished; /* index of its vanished file, or -1 */
    long owner;    /* index of the file that had it and lost it, or -1 */
    uint32_t next; /* next entry of its bucket, or UINT32_MAX */
    int claimed;
} pool_entry_t;

typedef struct {
    pool_entry_t *v;
    size_t n, cap;
    uint32_t *buckets; /* power of two, UINT32_MAX when empty */
    size_t n_buckets;
} pool_t;

/* The planned ids of a changed or new file (see plan_ids). */
typedef struct file_plan {
    int ready;           /* read, changed, parsed and planned */
    uint64_t hash;       /* of the bytes planned: the plan holds while
                             the file still has them */
    ivs_recstate_t *now; /* its interviews, with their ids */
    size_t n_now;
    unsigned char *plan; /* enum plan, per interview */
    uint32_t *drop;      /* ids of the interviews it lost */
    size_t n_drop, cap_drop;
    long moved; /* the vanished file it took over, or -1 */
    /* not ready: what reading it found, when it was read (touched only,
     * skipped), so that the reader thread does not read it again */
    enum file_outcome outcome;
    char *state;
    const char *reason;
    uint64_t bytes;
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
    struct ivs_index *run;
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

struct ivs_index {
    char *db;
    ivs_index_options_t opts;
    int reindex;
    int fresh; /* nothing indexed before: files are added, not replaced */
    size_t batch_records;
    uint64_t batch_bytes;
    ivs_analyzer_t *analyzer;
    const ivs_topics_t *topics;
    ivs_writer_t *writer; /* the database (lane 0's writer) */
    char *part;           /* the second lane's scratch database */
    char *rebuild;        /* --reindex: the new database, swapped in at
                             the end */
    ivs_index_summary_t sum;
    struct timespec t0;
    pthread_mutex_t lock; /* summary, progress and messages, between the
                             threads */
    char *error;          /* the first failure's message */
    lane_t lanes[MAX_LANES];
    size_t n_lanes;
    /* shared with the reader thread (read-only while it runs) */
    ivs_files_t files;
    char **dirs; /* the folders given, resolved */
    size_t n_dirs;
    char **unread; /* paths the walk could not read (broken links,
                      unreadable folders): not vanished */
    size_t n_unread, cap_unread;
    knowns_t knowns;
    vanish_list_t vanished;
    ivs_docbuilder_t *builder; /* the reader's */
    pool_t pool;               /* the planning's */
    struct file_plan *plans;   /* per file, when an update was planned */
    uint32_t *taken;           /* sorted ids that changed file in this run */
    size_t n_taken, cap_taken;
    uint32_t last_id; /* the highest id given (the reader gives them;
                            lane 0 records it with each commit) */
    /* the archives last read whole, for their members (index_read.c;
     * used by the planning, then by the reader thread, never at once) */
    struct member_cache *member_cache[2];
    uint32_t *ids; /* &last_id, or the counter shared by the shards
                         (ivs_index_options_t.shared_last_id) */
};

/* What becomes of an interview of a changed file. */
enum plan { P_KEEP, P_RELOCATE, P_WRITE, P_WRITE_NEW };

typedef struct {
    run_t *run;
    lane_t *lane;
    size_t file;
    const ivs_file_t *f;
    int pass;            /* 1: the hashes only; 2: queue the interviews */
    int single_pass;     /* nothing to match: new ids as records come */
    ivs_recstate_t *now; /* the file's interviews as they are now */
    size_t n_now, cap_now;
    unsigned char *plan;    /* pass 2: enum plan per interview */
    const char *moved_from; /* source term of the vanished file whose
                               interviews this one took over, or NULL */
} reading_t;

/* True when the run was asked to stop (ivs_index_options_t.stop). */
static inline int
stopped(const run_t *run)
{
    return run->opts.stop && *run->opts.stop;
}

/* ---- index.c ---- */
/* Reports a warning about PATH (printf FMT) through the options. */
void ix_warn(run_t *run, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Records the run's first failure (printf FMT); returns -1. */
int ix_fail(run_t *run, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Counts a file skipped for REASON. */
void ix_count_reason(run_t *run, const char *reason);
/* Calls the progress callback (under the run's lock). */
void ix_progress(run_t *run, int final);

/* ---- index_plan.c ---- */
int ix_collect_known(void *ctx, const char *key, const char *value);
void ix_sort_knowns(knowns_t *k);
const ivs_filestate_t *ix_known_state(const knowns_t *k, const char *ident);
void ix_pool_free(pool_t *p);
int ix_settle_owners(run_t *run);
int ix_find_vanished(run_t *run);
int ix_plan_ids(run_t *run);
int ix_plan_again(run_t *run, reading_t *rd, file_plan_t *p, item_t *done);
int ix_plan_local(run_t *run, reading_t *rd, const ivs_filestate_t *known,
                  item_t *done);
/* The interviews of file F as the planning sees them (their hashes, ids
 * 0), read through SCRATCH (a run with only opts and topics set; its
 * member cache is the caller's to free): *NOW (malloc'd) and *N_NOW,
 * none for a file that cannot be read. 0, or -1 when out of memory. Used
 * to place a file that moved between the shards of a sharded database. */
int ix_file_texts(run_t *scratch, const ivs_file_t *f, ivs_recstate_t **now,
                  size_t *n_now);

/* ---- index_read.c ---- */
uint32_t ix_new_id(run_t *run);
char *ix_read_changed(run_t *run, const ivs_file_t *f,
                      const ivs_filestate_t *known, int warn, size_t *text_len,
                      uint64_t *hash, uint64_t *bytes_read,
                      enum file_outcome *outcome, char **state,
                      const char **reason);
int ix_on_record(void *ctx, const ivs_record_t *r);
void *ix_reader_main(void *arg);
void ix_member_cache_free(run_t *run);

/* ---- index_write.c ---- */
int ix_queue_push(queue_t *q, item_t *it);
void ix_queue_end(queue_t *q, int stop);
void ix_item_free(item_t *it);
int ix_commit(lane_t *lane);
int ix_index_files(run_t *run);
int ix_remove_vanished(run_t *run);
int ix_mark_order(run_t *run);

#endif

/* Indexing as a library call: bring a database up to date with the notes
 * under some paths, incrementally, in atomic batches, with interview ids
 * that stay put. ivindex is options around it. Implemented in
 * indexer/index/index.c (opening, running), index_plan.c (ids),
 * index_read.c (the reader thread) and index_write.c (the writers).
 * The library never prints and never exits: it reports through the
 * callbacks of ivs_index_options_t and returns statuses with messages. */
#ifndef IVS_INDEX_H
#define IVS_INDEX_H

#include <jansson.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "ivs/analyze.h"
#include "ivs/record.h"
#include "ivs/status.h"

typedef struct ivs_index ivs_index_t;

/* What a run did, kept up to date while it runs. */
typedef struct {
    /* files */
    size_t files, indexed, unchanged, removed, moved;
    size_t skipped_format; /* not notes (their extension) */
    size_t skipped_bad;    /* bad input, counted by reason in REASONS */
    json_t *reasons;       /* reason -> count; borrowed from the index */
    size_t missing_args;   /* PATHs that do not exist */
    /* interviews */
    size_t written, written_new, repositioned, deleted;
    /* progress */
    uint64_t bytes, total_bytes;
    size_t done_files;      /* files whose outcome is written */
    uint64_t done_bytes;    /* their size */
    size_t committed_files; /* of those, committed to the database (what
                               an interrupted run keeps) */
    double seconds;
} ivs_index_summary_t;

typedef struct {
    int reindex; /* rebuild the database from the paths (ids are kept) */
    /* A file skipped or cut short: PATH and a MESSAGE for a person
     * ("binary file, skipped"). May be NULL. Called from the run's
     * threads, one call at a time. */
    void (*warn)(void *ctx, const char *path, const char *message);
    /* Progress, after each file (FINAL: the last call). May be NULL.
     * Called from the run's threads, one call at a time. */
    void (*progress)(void *ctx, const ivs_index_summary_t *s, int final);
    void *ctx;
    /* When non-NULL and set (by a signal handler), the run stops taking
     * files, commits what it has, and ivs_index_run returns
     * IVS_ERR_INTERRUPTED. */
    volatile sig_atomic_t *stop;
    /* Column names of CSV/TSV/xlsx exports beyond the built-in ones
     * (ivs_csvmap_load); borrowed, may be NULL. */
    const struct ivs_csvmap *csv_map;
    /* Sharded databases (ivs_shards_open): when non-NULL, new ids come
     * from this counter, shared by the runs writing the shards of one
     * database, raised at open to the run's own last id (the caller
     * starts it at the highest id any shard gave); each commit records it
     * as the shard's last id. */
    uint32_t *shared_last_id;
    /* When non-NULL, the files walked for which it returns 0 belong to
     * another shard: neither indexed nor counted (IDENT: the file's
     * identity, ivs_identity_path). Must keep every file this database
     * knows, or their interviews are removed as vanished. */
    int (*take)(void *ctx, const char *ident);
    void *take_ctx;
    /* New interviews get ids above FIRST_ID (0: from 1): databases
     * indexed apart and searched together (remote shards) each take their
     * own range. */
    uint32_t first_id;
} ivs_index_options_t;

/* Opens the database DB for an update from the notes under PATHS[0..N):
 * checks that DB is new, empty or an ivsearch database, outside the notes
 * (a database inside a folder being indexed is left out of the walk),
 * creates its folders (private), takes the writer's lock, walks the
 * paths, checks the database's schema and analyzer (unless O->reindex),
 * reads what it knows of each file, and plans the interview ids. A is the
 * analyzer and TOPICS the taxonomy (both borrowed: they must outlive the
 * index). Returns IVS_OK with *OUT, or with *OUT NULL and a malloc'd
 * one-line message in *ERR (the caller frees): IVS_ERR_INPUT (a refused
 * database folder), IVS_ERR_LOCKED, IVS_ERR_SCHEMA, IVS_ERR_IO,
 * IVS_ERR_NOMEM, IVS_ERR_XAPIAN, IVS_ERR_INTERRUPTED. */
ivs_status_t ivs_index_open(const char *db, char *const *paths, size_t n_paths,
                            ivs_analyzer_t *a, const ivs_topics_t *topics,
                            const ivs_index_options_t *o, ivs_index_t **out,
                            char **err);

/* Indexes what changed, removes what vanished, commits, and merges or
 * compacts where that pays. IVS_OK; IVS_ERR_INTERRUPTED (what was
 * committed stays); or a failure with a malloc'd one-line message in
 * *ERR: the database is then at its last commit. Call once. */
ivs_status_t ivs_index_run(ivs_index_t *ix, char **err);

/* The run's counts; borrowed until ivs_index_close. */
const ivs_index_summary_t *ivs_index_summary(const ivs_index_t *ix);

/* The database's path as given. */
const char *ivs_index_db(const ivs_index_t *ix);

/* Releases IX (uncommitted work is discarded, the lock released); NULL is
 * allowed. */
void ivs_index_close(ivs_index_t *ix);

#endif

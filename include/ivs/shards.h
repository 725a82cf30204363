/* Sharded databases (ivindex --shards N): a folder DIR holding N ivsearch
 * databases DIR/shard0 ... DIR/shardN-1 and the stub DIR/XAPIANDB
 * ("auto shardK" lines) through which Xapian, ivsearch and ivserve open
 * them as one database. Implemented in indexer/index/shards.c over the
 * index library (ivs/index.h), whose run it is for every shard:
 *  - each source file's interviews are in one shard: the shard that knows
 *    the file keeps it; a file new to all of them goes to shard
 *    hash(its identity path) mod N;
 *  - the shards are written in parallel (a thread each), each run
 *    incremental and crash-safe as a single database's;
 *  - ids come from one counter shared by the shards' runs, started at the
 *    highest id any shard gave, and every shard records it as its last id:
 *    ids stay unique across shards and are never given twice;
 *  - adding shards (a larger N) keeps every file, and so every id, where
 *    it is; removing shards is refused.
 * The stub is written when a run completes; a first run interrupted
 * before that is recognised by its shardK folders. */
#ifndef IVS_SHARDS_H
#define IVS_SHARDS_H

#include <stddef.h>

#include "ivs/index.h"

/* The most shards a database may have. */
#define IVS_SHARDS_MAX 256

typedef struct ivs_shards ivs_shards_t;

/* How many shards the database DB has (*N = 0 when it is one database or
 * none). IVS_OK, or IVS_ERR_INPUT (a malloc'd message in *ERR) when
 * DB/XAPIANDB lists shards that ivindex did not make (a hand-written stub
 * of remote shards: each shard is indexed in its own folder). */
ivs_status_t ivs_shards_layout(const char *db, size_t *n, char **err);

/* Opens the database DB for an update from PATHS, as ivs_index_open()
 * does: with N_SHARDS 0 as it is (sharded or not), else as a database of
 * N_SHARDS shards (a new or empty DB, or a sharded one with at most that
 * many). O's callbacks are called one at a time, the walk's warnings
 * once. Statuses and *ERR as ivs_index_open(); IVS_ERR_INPUT also for
 * --shards on a database that is not sharded and for fewer shards than DB
 * has. */
ivs_status_t ivs_shards_open(const char *db, size_t n_shards,
                             char *const *paths, size_t n_paths,
                             ivs_analyzer_t *a, const ivs_topics_t *topics,
                             const ivs_index_options_t *o, ivs_shards_t **out,
                             char **err);

/* Runs every shard's update at once (a thread each) and writes the stub
 * when all are done. IVS_OK; the first shard's failure with its message
 * in *ERR (malloc'd); IVS_ERR_INTERRUPTED when interrupted (what each
 * shard committed stays). Call once. */
ivs_status_t ivs_shards_run(ivs_shards_t *sh, char **err);

/* The counts of all shards added up; borrowed until ivs_shards_close(). */
const ivs_index_summary_t *ivs_shards_summary(const ivs_shards_t *sh);

/* The number of shards (0: one database). */
size_t ivs_shards_count(const ivs_shards_t *sh);

/* Releases SH and every shard's run (locks released); NULL is allowed. */
void ivs_shards_close(ivs_shards_t *sh);

#endif

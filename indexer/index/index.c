/* Indexing as a library call (see ivs/index.h): opening a database for an
 * update (its folder checked, the notes walked, the ids planned) and the
 * run (the lanes, then merge or compaction). */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ivs/grow.h"
#include "ivs/readers.h"
#include "ivs/schema.h"
#include "index_internal.h"

/* Xapian writes the pending postings of a transaction to the table files
 * (without committing) after FLUSH_DOCS documents per FLUSH_STEP bytes of
 * input; see open_for_writing(). Measured: 32 documents for the 8.5 MB
 * javaguide archive (a third less CPU than 10,000), about 128 for 37 MB
 * of the generated archive. */
#define FLUSH_DOCS 32
#define FLUSH_STEP ((uint64_t)8 << 20)
#define FLUSH_MAX 10000
/* A shard of a sharded database (ivs_index_options_t.take) holds its
 * writer's pending documents beside the other shards': at most this many
 * each (bench/shards: 640 took 374 MB with two shards of 126,517
 * interviews). */
#define FLUSH_MAX_SHARD 128
/* A fresh build of at least this much input uses two writers. */
#define SPLIT_MIN_BYTES ((uint64_t)256 << 10)

static pthread_mutex_t warn_lock = PTHREAD_MUTEX_INITIALIZER;

/* FMT with AP, malloc'd; NULL when out of memory. */
static char *
vformat(const char *fmt, va_list ap)
{
    char *msg = NULL;
    return vasprintf(&msg, fmt, ap) < 0 ? NULL : msg;
}

void
ix_warn(run_t *run, const char *path, const char *fmt, ...)
{
    if (!run->opts.warn)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *msg = vformat(fmt, ap);
    va_end(ap);
    pthread_mutex_lock(&warn_lock);
    run->opts.warn(run->opts.ctx, path, msg ? msg : "out of memory");
    pthread_mutex_unlock(&warn_lock);
    free(msg);
}

int
ix_fail(run_t *run, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = vformat(fmt, ap);
    va_end(ap);
    pthread_mutex_lock(&warn_lock);
    if (!run->error)
        run->error = msg ? msg : strdup("out of memory");
    else
        free(msg);
    pthread_mutex_unlock(&warn_lock);
    return -1;
}

/* Takes the run's first failure message for *ERR (or a copy of DEFAULT). */
static void
take_error(run_t *run, char **err, const char *fallback)
{
    if (!err)
        return;
    *err = run->error ? run->error : strdup(fallback);
    run->error = NULL;
}

void
ix_count_reason(run_t *run, const char *reason)
{
    json_t *n = json_object_get(run->sum.reasons, reason);
    json_object_set_new(run->sum.reasons, reason,
                        json_integer(n ? json_integer_value(n) + 1 : 1));
    run->sum.skipped_bad++;
}

void
ix_progress(run_t *run, int final)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    run->sum.seconds = (double)(t.tv_sec - run->t0.tv_sec) +
                       (double)(t.tv_nsec - run->t0.tv_nsec) / 1e9;
    if (run->opts.progress)
        run->opts.progress(run->opts.ctx, &run->sum, final);
}

static uint64_t
flush_docs(uint64_t input_bytes)
{
    uint64_t n = FLUSH_DOCS * (input_bytes / FLUSH_STEP);
    return n < FLUSH_DOCS ? FLUSH_DOCS : n > FLUSH_MAX ? FLUSH_MAX : n;
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

/* Creates the folders of PATH (and PATH), private to the user: they hold
 * personal data. */
static int
make_folders(const char *path)
{
    char *p = strdup(path);
    if (!p)
        return -1;
    for (char *s = p + 1; *s; s++) {
        if (*s == '/') {
            *s = '\0';
            if (mkdir(p, 0700) != 0 && errno != EEXIST) {
                free(p);
                return -1;
            }
            *s = '/';
        }
    }
    free(p);
    return mkdir(path, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

/* Opens (or creates) the database for writing into RUN->writer; the
 * status, with the message recorded. */
static ivs_status_t
open_db(run_t *run)
{
    char *err = NULL;
    ivs_status_t st = ivs_writer_open(run->db, &run->writer, &err);
    if (st == IVS_ERR_LOCKED)
        ix_fail(run,
                "%s: database is locked by another ivindex; wait for "
                "it to finish",
                run->db);
    else if (st != IVS_OK)
        ix_fail(run, "%s: cannot open database: %s%s%s", run->db,
                ivs_status_str(st), err ? ": " : "", err ? err : "");
    free(err);
    return st;
}

/* Refuses a database folder that would put notes or the user's files at
 * risk: one that exists and is not an ivsearch database (nor empty), and
 * one that is or holds a path being indexed. A database inside a folder
 * being indexed is fine: WALK leaves it out. 0, or -1 with the message
 * recorded. */
static int
check_db_place(run_t *run, ivs_walk_t *walk, char *const *paths, size_t n_paths)
{
    char *abs_db = ivs_absolute_path(run->db);
    if (!abs_db)
        return ix_fail(run, "%s: cannot resolve the database folder: %s",
                       run->db, strerror(errno));
    int rc = 0;
    for (size_t i = 0; i < n_paths && rc == 0; i++) {
        char *real = realpath(paths[i], NULL);
        if (!real)
            continue;
        if (ivs_path_within(real, abs_db))
            rc = ix_fail(run,
                         "%s: the database folder is or holds %s, which "
                         "is being indexed; choose a database folder "
                         "outside the notes",
                         run->db, paths[i]);
        else if (ivs_path_within(abs_db, real) && !walk->db_base)
            ivs_walk_exclude(walk, abs_db);
        free(real);
    }
    free(abs_db);
    if (rc != 0)
        return rc;
    char *detail = NULL;
    ivs_dbdir_t kind = ivs_writer_probe(run->db, &detail);
    if (kind == IVS_DBDIR_NOT_FOLDER || kind == IVS_DBDIR_FOREIGN)
        rc = ix_fail(run,
                     "%s: not an ivsearch database (%s); give --db a new "
                     "or empty folder, or the database's own",
                     run->db, detail ? detail : "unreadable");
    free(detail);
    return rc;
}

static void
walk_skipped(void *ctx, const char *path, const char *reason,
             const char *message)
{
    run_t *run = ctx;
    ix_warn(run, path, "%s", message);
    ix_count_reason(run, reason);
    /* what could not be read now is not gone: its interviews stay */
    char *ident = ivs_identity_path(path);
    if (ident && ivs_grow(&run->unread, &run->cap_unread, run->n_unread + 1,
                          sizeof *run->unread, 8) == 0)
        run->unread[run->n_unread++] = ident;
    else
        free(ident);
}

/* Leaves in RUN->files those ivs_index_options_t.take takes (a sharded
 * database: the others are another shard's), in their order. */
static void
keep_taken(run_t *run)
{
    size_t kept = 0;
    for (size_t i = 0; i < run->files.n; i++) {
        ivs_file_t *f = &run->files.v[i];
        if (run->opts.take(run->opts.take_ctx, f->ident)) {
            run->files.v[kept++] = *f;
        } else {
            free(f->path);
            free(f->ident);
        }
    }
    run->files.n = kept;
}

/* Walks PATHS into RUN->files (folders resolved into RUN->dirs). */
static int
walk_paths(run_t *run, ivs_walk_t *walk, char *const *paths, size_t n_paths)
{
    run->dirs = calloc(n_paths + 1, sizeof *run->dirs);
    if (!run->dirs)
        return ix_fail(run, "out of memory");
    walk->skipped = walk_skipped;
    walk->ctx = run;
    for (size_t i = 0; i < n_paths; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0)
            continue; /* the caller said so */
        if (S_ISDIR(st.st_mode)) {
            char *real = realpath(paths[i], NULL);
            if (real)
                run->dirs[run->n_dirs++] = real;
            ivs_walk(walk, &run->files, paths[i]);
        } else if (S_ISREG(st.st_mode)) {
            /* an archive given: its members vanish with it */
            char *ident = ivs_reader_kind(paths[i]) == IVS_KIND_CONTAINER
                              ? ivs_identity_path(paths[i])
                              : NULL;
            if (ident)
                run->dirs[run->n_dirs++] = ident;
            if (ivs_walk_file(walk, &run->files, paths[i], &st) < 0)
                return ix_fail(run, "out of memory");
        }
    }
    ivs_files_finish(&run->files);
    if (run->opts.take)
        keep_taken(run);
    run->sum.skipped_format = walk->not_text;
    run->sum.files = run->files.n;
    for (size_t i = 0; i < run->files.n; i++)
        run->sum.total_bytes += (uint64_t)run->files.v[i].size;
    return 0;
}

/* Records the schema and the analyzer in the database W writes. */
static int
set_schema(run_t *run, ivs_writer_t *w)
{
    char want_schema[16];
    snprintf(want_schema, sizeof want_schema, "%d", IVS_SCHEMA_VERSION);
    if (ivs_writer_set_metadata(w, IVS_META_SCHEMA, want_schema) != IVS_OK ||
        ivs_writer_set_metadata(w, IVS_META_ANALYZER,
                                ivs_analyzer_signature(run->analyzer)) !=
            IVS_OK)
        return ix_fail(run, "%s: cannot write the database: %s", run->db,
                       ivs_writer_error(w));
    return 0;
}

/* Checks the database's schema and analyzer, reads the file states and the
 * last id, and records the schema (not for --reindex, which writes a new
 * database). */
static ivs_status_t
read_database(run_t *run)
{
    char *schema = ivs_writer_get_metadata(run->writer, IVS_META_SCHEMA);
    char *analyzer = ivs_writer_get_metadata(run->writer, IVS_META_ANALYZER);
    char want_schema[16];
    snprintf(want_schema, sizeof want_schema, "%d", IVS_SCHEMA_VERSION);
    const char *want_analyzer = ivs_analyzer_signature(run->analyzer);
    char *why = NULL;
    /* documents without a schema: written by something else */
    const char *has_schema = schema                             ? schema
                             : ivs_writer_doccount(run->writer) ? "unknown"
                                                                : NULL;
    ivs_status_t st = IVS_OK;
    if (!run->reindex &&
        ivs_schema_check(has_schema, analyzer, want_analyzer, &why) != IVS_OK) {
        ix_fail(run, "%s: %s", run->db,
                why ? why : "database was built by another version");
        st = IVS_ERR_SCHEMA;
    }
    free(why);
    free(schema);
    free(analyzer);
    if (st != IVS_OK)
        return st;
    /* what each known file held (a --reindex keeps the ids from it), and
     * the highest id given so far: new ones follow it */
    if (ivs_writer_each_metadata(run->writer, IVS_META_FILE, ix_collect_known,
                                 &run->knowns) != 0) {
        ix_fail(run, "%s: cannot read the file states: %s", run->db,
                ivs_writer_error(run->writer));
        return IVS_ERR_XAPIAN;
    }
    ix_sort_knowns(&run->knowns);
    char *last = ivs_writer_get_metadata(run->writer, IVS_META_LASTID);
    run->last_id = last ? (uint32_t)strtoul(last, NULL, 10) : 0;
    free(last);
    for (size_t i = 0; i < run->knowns.n; i++)
        for (size_t r = 0; r < run->knowns.v[i].n; r++)
            if (run->knowns.v[i].rec[r].id > run->last_id)
                run->last_id = run->knowns.v[i].rec[r].id;
    if (run->last_id < run->opts.first_id)
        run->last_id = run->opts.first_id;
    run->ids = &run->last_id;
    if (run->opts.shared_last_id) { /* the shards' counter, raised to ours */
        run->ids = run->opts.shared_last_id;
        uint32_t seen = __atomic_load_n(run->ids, __ATOMIC_ACQUIRE);
        while (seen < run->last_id &&
               !__atomic_compare_exchange_n(run->ids, &seen, run->last_id, 0,
                                            __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            ;
    }
    /* a rebuild writes its own database (open_lanes): this one stays as
     * it is until the new one is swapped in */
    if (!run->reindex && set_schema(run, run->writer) != 0)
        return IVS_ERR_XAPIAN;
    return IVS_OK;
}

/* Everything before the writing: see ivs_index_open. */
static ivs_status_t
prepare(run_t *run, char *const *paths, size_t n_paths)
{
    ivs_walk_t walk = {0};
    ivs_status_t st = IVS_ERR_INPUT;
    if (check_db_place(run, &walk, paths, n_paths) != 0)
        goto out;
    st = IVS_ERR_IO;
    if (make_folders(run->db) != 0) {
        ix_fail(run, "%s: cannot create the folders above it: %s", run->db,
                strerror(errno));
        goto out;
    }
    /* a database that another ivindex holds is refused before the walk,
     * and a first run creates the folder the walk must leave out */
    if ((st = open_db(run)) != IVS_OK)
        goto out;
    ivs_writer_close(run->writer);
    run->writer = NULL;
    st = IVS_ERR_NOMEM;
    if (walk_paths(run, &walk, paths, n_paths) != 0)
        goto out;
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
    uint64_t docs = flush_docs(run->sum.total_bytes);
    if (run->opts.take && docs > FLUSH_MAX_SHARD)
        docs = FLUSH_MAX_SHARD; /* the shards' writers add up */
    snprintf(flush, sizeof flush, "%" PRIu64, docs);
    setenv("XAPIAN_FLUSH_THRESHOLD", flush, 0);
    if ((st = open_db(run)) != IVS_OK || (st = read_database(run)) != IVS_OK)
        goto out;
    st = IVS_ERR_NOMEM;
    if (ix_settle_owners(run) != 0) {
        ix_fail(run, "%s: cannot read the database: %s", run->db,
                ivs_writer_error(run->writer));
        goto out;
    }
    if (ix_find_vanished(run) != 0 ||
        !(run->part = sibling_path(run->db, ".ivs-part")) ||
        !(run->rebuild = sibling_path(run->db, ".ivs-rebuild"))) {
        ix_fail(run, "out of memory");
        goto out;
    }
    st = IVS_OK;
out:
    ivs_walk_clear(&walk);
    return st;
}

/* Opens the lanes: a fresh database (or a rebuild) is written by two, the
 * second into a scratch database; its leftover and the compacted copy of
 * an interrupted run are removed first (we hold the database). Plans the
 * ids of an update first. */
static ivs_status_t
open_lanes(run_t *run)
{
    ivs_writer_remove_scratch(run->part);
    ivs_writer_remove_scratch(run->rebuild);
    ivs_writer_remove_leftovers(run->db);
    run->fresh = run->reindex ||
                 (run->knowns.n == 0 && ivs_writer_doccount(run->writer) == 0);
    if (run->knowns.n) {
        int prc = ix_plan_ids(run);
        if (prc < 0) {
            ix_fail(run, "out of memory");
            return IVS_ERR_NOMEM;
        }
        if (prc > 0) {
            ix_fail(run, "interrupted before anything was written");
            return IVS_ERR_INTERRUPTED;
        }
    }
    run->batch_records = run->fresh ? BATCH_RECORDS_FRESH : BATCH_RECORDS;
    run->batch_bytes = run->fresh ? BATCH_BYTES_FRESH : BATCH_BYTES;
    run->lanes[0].writer = run->writer;
    run->n_lanes = 1;
    if (run->reindex) {
        /* A rebuild is written beside the database and swapped in whole
         * at the end (merge_or_compact): until then readers, and a killed
         * run, see the old database, ids and all. */
        char *err = NULL;
        ivs_status_t st =
            ivs_writer_open_scratch(run->rebuild, &run->lanes[0].writer, &err);
        if (st != IVS_OK) {
            run->lanes[0].writer = NULL;
            ix_fail(run, "%s: cannot create a database: %s%s%s", run->rebuild,
                    ivs_status_str(st), err ? ": " : "", err ? err : "");
            free(err);
            return st;
        }
        if (set_schema(run, run->lanes[0].writer) != 0)
            return IVS_ERR_XAPIAN;
    }
    /* (the shards of a sharded database are its parallel writers: one
     * lane each, no second writer's memory and merge) */
    if (run->fresh && !run->opts.take && run->files.n >= 2 &&
        run->sum.total_bytes >= SPLIT_MIN_BYTES) {
        char *err = NULL;
        ivs_status_t st =
            ivs_writer_open_scratch(run->part, &run->lanes[1].writer, &err);
        if (st != IVS_OK) {
            ix_fail(run, "%s: cannot create a database: %s%s%s", run->part,
                    ivs_status_str(st), err ? ": " : "", err ? err : "");
            free(err);
            return st;
        }
        run->n_lanes = 2;
    }
    return IVS_OK;
}

ivs_status_t
ivs_index_open(const char *db, char *const *paths, size_t n_paths,
               ivs_analyzer_t *a, const ivs_topics_t *topics,
               const ivs_index_options_t *o, ivs_index_t **out, char **err)
{
    *out = NULL;
    if (err)
        *err = NULL;
    run_t *run = calloc(1, sizeof *run);
    if (!run || !(run->db = strdup(db)) ||
        !(run->sum.reasons = json_object()) ||
        ivs_docbuilder_new(a, &run->builder) != IVS_OK) {
        ivs_index_close(run);
        if (err)
            *err = strdup("out of memory");
        return IVS_ERR_NOMEM;
    }
    /* A database folder given through a symbolic link is the folder it
     * points to: the compaction swap and its siblings must be beside the
     * real folder, never replace the link. */
    char *plain = strdup(db);
    size_t pl = plain ? strlen(plain) : 0;
    while (pl > 1 && plain[pl - 1] == '/')
        plain[--pl] = '\0';
    struct stat lst;
    if (plain && lstat(plain, &lst) == 0 && S_ISLNK(lst.st_mode)) {
        char *real = realpath(plain, NULL);
        if (real) {
            free(run->db);
            run->db = real;
        }
    }
    free(plain);
    clock_gettime(CLOCK_MONOTONIC, &run->t0);
    pthread_mutex_init(&run->lock, NULL);
    run->opts = *o;
    run->reindex = o->reindex;
    run->analyzer = a;
    run->topics = topics;
    ivs_status_t st = prepare(run, paths, n_paths);
    if (st == IVS_OK)
        st = open_lanes(run);
    if (st != IVS_OK) {
        take_error(run, err, ivs_status_str(st));
        ivs_index_close(run);
        return st;
    }
    *out = run;
    return IVS_OK;
}

/* After the lanes: merges the second lane's database in, or compacts a
 * database written mostly by this run in several batches (its B-trees
 * are left part empty by the updates; compaction makes it a third
 * smaller). 0, or -1 with the message recorded. */
static int
merge_or_compact(run_t *run, int failed)
{
    char *err = NULL;
    ivs_status_t st;
    if (run->reindex) {
        /* the rebuild (and its second lane) replaces the database */
        ivs_writer_close(run->lanes[1].writer);
        run->lanes[1].writer = NULL;
        if (!failed && !stopped(run)) {
            const char *merge[] = {run->part};
            st = ivs_writer_compact_close_into(run->lanes[0].writer, merge,
                                               run->n_lanes > 1 ? 1 : 0,
                                               run->db, &err);
            run->lanes[0].writer = NULL;
            if (st != IVS_OK)
                failed = ix_fail(run,
                                 "%s: cannot swap in the rebuilt index: "
                                 "%s%s%s; the database is as it was",
                                 run->db, ivs_status_str(st), err ? ": " : "",
                                 err ? err : "");
        }
        ivs_writer_close(run->lanes[0].writer);
        run->lanes[0].writer = NULL;
        ivs_writer_remove_scratch(run->part);
        ivs_writer_remove_scratch(run->rebuild);
    } else if (run->n_lanes > 1) {
        ivs_writer_close(run->lanes[1].writer);
        run->lanes[1].writer = NULL;
        if (!failed && !stopped(run)) {
            const char *merge[] = {run->part};
            st = ivs_writer_compact_close(run->writer, merge, 1, &err);
            run->writer = run->lanes[0].writer = NULL;
            if (st != IVS_OK)
                failed = ix_fail(run,
                                 "%s: cannot merge the new index: "
                                 "%s%s%s; run ivindex again to finish",
                                 run->db, ivs_status_str(st), err ? ": " : "",
                                 err ? err : "");
        }
        ivs_writer_remove_scratch(run->part);
    } else if (!failed && !stopped(run) && run->lanes[0].commits > 1 &&
               run->sum.written * 2 >= ivs_writer_doccount(run->writer)) {
        st = ivs_writer_compact_close(run->writer, NULL, 0, &err);
        run->writer = run->lanes[0].writer = NULL;
        if (st != IVS_OK)
            ix_warn(run, run->db, "not compacted: %s%s%s", ivs_status_str(st),
                    err ? ": " : "", err ? err : "");
    }
    free(err);
    return failed ? -1 : 0;
}

ivs_status_t
ivs_index_run(ivs_index_t *run, char **err)
{
    if (err)
        *err = NULL;
    /* Documents are built from many small allocations and freed by the
     * batch: keep the freed memory for the next batch instead of handing
     * it back to the system and faulting it in again. */
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
    mallopt(M_TOP_PAD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    int failed = ix_index_files(run) != 0;
    if (!failed && !stopped(run) && !run->reindex)
        failed = ix_remove_vanished(run) != 0;
    pthread_mutex_lock(&run->lock);
    ix_progress(run, 1);
    pthread_mutex_unlock(&run->lock);
    /* (with two lanes, each committed its last batch; the order mark is
     * one more commit, of metadata only) */
    if (!failed && !stopped(run) &&
        (run->sum.unchanged < run->files.n || run->sum.removed)) {
        failed = ix_mark_order(run) != 0;
        if (!failed && run->n_lanes > 1)
            failed = ix_commit(&run->lanes[0]) != 0;
    }
    if (!failed && run->n_lanes == 1)
        failed = ix_commit(&run->lanes[0]) != 0;
    /* a second lane's files are dropped when stopped: only the first's
     * count as committed */
    run->sum.committed_files =
        run->reindex       ? 0 /* a rebuild is swapped in whole or not */
        : run->n_lanes > 1 ? run->lanes[0].done_files
                           : run->sum.done_files;
    failed = merge_or_compact(run, failed) != 0;
    if (failed) {
        take_error(run, err, "writing failed");
        return run->writer ? IVS_ERR_XAPIAN : IVS_ERR_IO;
    }
    return stopped(run) ? IVS_ERR_INTERRUPTED : IVS_OK;
}

const ivs_index_summary_t *
ivs_index_summary(const ivs_index_t *ix)
{
    return &ix->sum;
}

const char *
ivs_index_db(const ivs_index_t *ix)
{
    return ix->db;
}

void
ivs_index_close(ivs_index_t *run)
{
    if (!run)
        return;
    free(run->vanished.v);
    ix_pool_free(&run->pool);
    for (size_t i = 0; run->plans && i < run->files.n; i++) {
        free(run->plans[i].now);
        free(run->plans[i].plan);
        free(run->plans[i].drop);
        free(run->plans[i].state);
    }
    free(run->plans);
    ivs_files_clear(&run->files);
    free(run->taken);
    for (size_t i = 0; i < run->knowns.n; i++)
        ivs_filestate_clear(&run->knowns.v[i]);
    free(run->knowns.v);
    for (size_t i = 0; i < run->n_dirs; i++)
        free(run->dirs[i]);
    ix_member_cache_free(run);
    for (size_t i = 0; i < run->n_unread; i++)
        free(run->unread[i]);
    free(run->unread);
    free(run->dirs);
    json_decref(run->sum.reasons);
    ivs_docbuilder_free(run->builder);
    if (run->lanes[1].writer) {
        ivs_writer_close(run->lanes[1].writer);
        ivs_writer_remove_scratch(run->part);
    }
    if (run->reindex && run->lanes[0].writer &&
        run->lanes[0].writer != run->writer) {
        ivs_writer_close(run->lanes[0].writer);
        ivs_writer_remove_scratch(run->rebuild);
    }
    free(run->part);
    free(run->rebuild);
    ivs_writer_close(run->writer);
    free(run->error);
    free(run->db);
    pthread_mutex_destroy(&run->lock);
    free(run);
}

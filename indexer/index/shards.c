/* Sharded databases: DIR holds N ivsearch databases (DIR/shard0 ...) and
 * an XAPIANDB stub that Xapian (and ivs_reader_open) opens as one. Each
 * source file's interviews live in one shard, the shards are written in
 * parallel (one thread each, each an ordinary incremental, crash-safe
 * run), and ids come from one counter so that they stay unique. A file
 * that moved (renamed, or into another folder) stays in the shard of the
 * file it was, so that the shard's run recognises the move and its
 * interviews keep their ids. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ivs/datapath.h"
#include "ivs/filestate.h"
#include "ivs/grow.h"
#include "ivs/schema.h"
#include "ivs/shards.h"
#include "ivs/writer.h"
#include "index_internal.h"

#define STUB "XAPIANDB"

/* The known files of one shard: their state keys, sorted. */
typedef struct {
    char **keys;
    size_t n, cap;
} keyset_t;

typedef struct shard {
    struct ivs_shards *all;
    size_t index;
    char *path; /* DIR/shardK */
    ivs_index_t *ix;
    ivs_analyzer_t *analyzer; /* its own (one per thread), but shard 0's */
    keyset_t known;
    ivs_filestate_t *states; /* what it knows of each file */
    size_t n_states, cap_states;
    ivs_status_t status;
    char *err;
} shard_t;

struct ivs_shards {
    char *db;
    size_t n, n_before;       /* shards now, and before this run */
    shard_t *shards;          /* n of them (none when not sharded) */
    ivs_index_t *single;      /* a database that is not sharded */
    ivs_index_options_t user; /* the caller's options */
    pthread_mutex_t lock;     /* one callback at a time */
    int opening;              /* the shard being opened, -1 running */
    uint32_t last_id;         /* the counter all shards share */
    ivs_index_summary_t sum;  /* the shards' summaries added */
    json_t *reasons;          /* sum.reasons */
    struct placed *placed;    /* new files placed by their content */
    size_t n_placed;
};

/* A file no shard knows whose interviews are those of a known file gone
 * from its place: it goes to that file's shard (see place_moved). */
typedef struct placed {
    char *ident;
    size_t shard;
} placed_t;

/* *ERR = a malloc'd message (printf FMT); returns STATUS. */
static ivs_status_t __attribute__((format(printf, 3, 4)))
fail(char **err, ivs_status_t status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (err && vasprintf(err, fmt, ap) < 0)
        *err = NULL;
    va_end(ap);
    return status;
}

/* ---- layout ---------------------------------------------------------------- */

/* K when NAME is "shardK", else -1. */
static long
shard_number(const char *name)
{
    if (strncmp(name, "shard", 5) != 0 || name[5] < '0' || name[5] > '9')
        return -1;
    char *end;
    long k = strtol(name + 5, &end, 10);
    return *end || k < 0 || k >= IVS_SHARDS_MAX ? -1 : k;
}

/* How many shards the stub DIR/XAPIANDB lists (ivindex's own: "auto
 * shardK" lines for K = 0..N-1); -1 when it lists anything else. */
static long
stub_shards(const char *stub)
{
    FILE *f = fopen(stub, "r");
    if (!f)
        return -1;
    char line[256];
    long n = 0;
    while (n >= 0 && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        if (strncmp(line, "auto ", 5) != 0 || shard_number(line + 5) != n)
            n = -1;
        else
            n++;
    }
    fclose(f);
    return n;
}

ivs_status_t
ivs_shards_layout(const char *db, size_t *n, char **err)
{
    *n = 0;
    char *stub = NULL;
    if (asprintf(&stub, "%s/" STUB, db) < 0)
        return fail(err, IVS_ERR_NOMEM, "out of memory");
    struct stat st;
    ivs_status_t rc = IVS_OK;
    if (stat(stub, &st) == 0) {
        long k = stub_shards(stub);
        if (k <= 0)
            rc = fail(err, IVS_ERR_INPUT,
                      "%s: lists shards that ivindex did not make (remote "
                      "or elsewhere): index each shard's own folder",
                      stub);
        else
            *n = (size_t)k;
        free(stub);
        return rc;
    }
    free(stub);
    /* a first sharded run stopped before it wrote the stub: the folder
     * holds only shardK folders */
    DIR *d = opendir(db);
    if (!d)
        return IVS_OK;
    struct dirent *e;
    size_t shards = 0, others = 0, top = 0;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        long k = shard_number(e->d_name);
        if (k < 0) {
            others++;
            continue;
        }
        shards++;
        if ((size_t)k + 1 > top)
            top = (size_t)k + 1;
    }
    closedir(d);
    if (shards && !others)
        *n = top;
    return IVS_OK;
}

/* Writes DIR's stub for N shards (a new file renamed over the old). */
static ivs_status_t
write_stub(const char *db, size_t n, char **err)
{
    char *stub = NULL, *tmp = NULL;
    if (asprintf(&stub, "%s/" STUB, db) < 0 ||
        asprintf(&tmp, "%s/" STUB ".tmp", db) < 0) {
        free(stub);
        return fail(err, IVS_ERR_NOMEM, "out of memory");
    }
    ivs_status_t rc = IVS_OK;
    FILE *f = fopen(tmp, "w");
    int ok = f != NULL;
    if (f) {
        fprintf(f, "# ivindex --shards %zu: one database of %zu shards\n", n,
                n);
        for (size_t k = 0; k < n; k++)
            fprintf(f, "auto shard%zu\n", k);
        ok = fflush(f) == 0 && fsync(fileno(f)) == 0;
        ok = fclose(f) == 0 && ok;
    }
    if (!ok || rename(tmp, stub) != 0) {
        rc = fail(err, IVS_ERR_IO, "%s: cannot write: %s", stub,
                  strerror(errno));
        unlink(tmp);
    }
    free(stub);
    free(tmp);
    return rc;
}

/* ---- which shard a file belongs to ------------------------------------------- */

static int
cmp_key(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
cmp_placed(const void *a, const void *b)
{
    return strcmp(((const placed_t *)a)->ident, ((const placed_t *)b)->ident);
}

/* Notes the file state KEY = VALUE of shard CTX: its key, and the state
 * itself (one of another format is known by its key only). */
static int
collect_key(void *ctx, const char *key, const char *value)
{
    shard_t *sh = ctx;
    keyset_t *k = &sh->known;
    if (ivs_grow(&k->keys, &k->cap, k->n + 1, sizeof *k->keys, 256) < 0)
        return -1;
    if (!(k->keys[k->n] = strdup(key)))
        return -1;
    k->n++;
    if (ivs_grow(&sh->states, &sh->cap_states, sh->n_states + 1,
                 sizeof *sh->states, 256) < 0)
        return -1;
    ivs_status_t st = ivs_filestate_parse(value, &sh->states[sh->n_states]);
    if (st == IVS_ERR_NOMEM)
        return -1;
    if (st == IVS_OK)
        sh->n_states++;
    return 0;
}

/* Reads which files shard SH knows (before any run takes its lock). */
static ivs_status_t
read_known(shard_t *sh, char **err)
{
    if (ivs_writer_probe(sh->path, NULL) != IVS_DBDIR_OURS)
        return IVS_OK; /* new: knows nothing */
    ivs_writer_t *w = NULL;
    char *werr = NULL;
    ivs_status_t st = ivs_writer_open(sh->path, &w, &werr);
    if (st != IVS_OK) {
        fail(err, st, "%s: %s", sh->path, werr ? werr : ivs_status_str(st));
        free(werr);
        return st;
    }
    if (ivs_writer_each_metadata(w, IVS_META_FILE, collect_key, sh) != 0)
        st = fail(err, IVS_ERR_XAPIAN, "%s: cannot read the file states: %s",
                  sh->path, ivs_writer_error(w));
    char *last = ivs_writer_get_metadata(w, IVS_META_LASTID);
    uint32_t id = last ? (uint32_t)strtoul(last, NULL, 10) : 0;
    free(last);
    if (id > sh->all->last_id)
        sh->all->last_id = id;
    ivs_writer_close(w);
    if (sh->known.n)
        qsort(sh->known.keys, sh->known.n, sizeof *sh->known.keys, cmp_key);
    return st;
}

/* The shard that knows the file IDENT, or -1. */
static long
knower(const struct ivs_shards *all, const char *ident)
{
    char key[IVS_FILESTATE_KEY_SIZE];
    const char *kp = key;
    ivs_filestate_key(ident, key);
    for (size_t k = 0; k < all->n; k++) {
        const keyset_t *ks = &all->shards[k].known;
        if (ks->n && bsearch(&kp, ks->keys, ks->n, sizeof *ks->keys, cmp_key))
            return (long)k;
    }
    return -1;
}

/* The shard of the file IDENT: the one that knows it, else the one
 * place_moved chose for it, else by a hash of its identity over the shards
 * there are now (the same on every run). */
static size_t
owner(const struct ivs_shards *all, const char *ident)
{
    long known = knower(all, ident);
    if (known >= 0)
        return (size_t)known;
    placed_t probe = {.ident = (char *)ident};
    const placed_t *p = all->n_placed
                            ? bsearch(&probe, all->placed, all->n_placed,
                                      sizeof probe, cmp_placed)
                            : NULL;
    if (p)
        return p->shard;
    return (size_t)(ivs_hash64(ident, strlen(ident), 0x5eed) % all->n);
}

/* An interview of a known file that the walk no longer finds, by the hash
 * of its text. */
typedef struct {
    uint64_t text;
    size_t shard;
} gone_t;

static int
cmp_gone(const void *a, const void *b)
{
    uint64_t x = ((const gone_t *)a)->text, y = ((const gone_t *)b)->text;
    return x < y ? -1 : x > y;
}

/* The files of PATHS as the shards' runs walk them (the database folder
 * ABS_DB left out) into FILES, finished (ivs_files_find); 0, or -1 when
 * out of memory. */
static int
walk_sources(const char *abs_db, char *const *paths, size_t n_paths,
             ivs_walk_t *walk, ivs_files_t *files)
{
    for (size_t i = 0; i < n_paths; i++) {
        struct stat sb;
        if (stat(paths[i], &sb) != 0)
            continue;
        char *real = realpath(paths[i], NULL);
        if (real && !walk->db_base && ivs_path_within(abs_db, real))
            ivs_walk_exclude(walk, abs_db);
        free(real);
        if (S_ISDIR(sb.st_mode))
            ivs_walk(walk, files, paths[i]);
        else if (S_ISREG(sb.st_mode) &&
                 ivs_walk_file(walk, files, paths[i], &sb) < 0)
            return -1;
    }
    ivs_files_finish(files);
    return 0;
}

/* Larger files first, then by identity (the same order on every run). */
static int
cmp_by_size(const void *a, const void *b)
{
    const ivs_file_t *x = *(const ivs_file_t *const *)a;
    const ivs_file_t *y = *(const ivs_file_t *const *)b;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1;
    return strcmp(x->ident, y->ident);
}

/* Places the files of a first run by size: each, largest first, in the
 * shard that holds the fewest bytes so far. The shards are written side
 * by side and the run lasts as long as its largest shard: by the hash of
 * their paths, bench/shards' 1,030 files made shards of 61,393 and 65,124
 * interviews, and one writer worked alone for the last 6 % of the run.
 * Later runs find each file in the shard that knows it (and new files by
 * the hash). IVS_OK, or IVS_ERR_NOMEM with *ERR. */
static ivs_status_t
place_by_size(struct ivs_shards *all, char *const *paths, size_t n_paths,
              char **err)
{
    ivs_walk_t walk = {0};
    ivs_files_t files = {0};
    const ivs_file_t **order = NULL;
    uint64_t *bytes = calloc(all->n, sizeof *bytes);
    ivs_status_t st = IVS_ERR_NOMEM;
    char *abs_db = ivs_absolute_path(all->db);
    if (!bytes)
        goto out;
    if (!abs_db) { /* the shards' runs tell why; the hash places */
        st = IVS_OK;
        goto out;
    }
    if (walk_sources(abs_db, paths, n_paths, &walk, &files) < 0)
        goto out;
    if (files.n && !(order = malloc(files.n * sizeof *order)))
        goto out;
    for (size_t i = 0; i < files.n; i++)
        order[i] = &files.v[i];
    if (files.n > 1)
        qsort(order, files.n, sizeof *order, cmp_by_size);
    if (files.n && !(all->placed = calloc(files.n, sizeof *all->placed)))
        goto out;
    for (size_t i = 0; i < files.n; i++) {
        size_t best = 0;
        for (size_t k = 1; k < all->n; k++)
            if (bytes[k] < bytes[best])
                best = k;
        if (!(all->placed[i].ident = strdup(order[i]->ident)))
            goto out;
        all->placed[i].shard = best;
        all->n_placed = i + 1;
        bytes[best] += (uint64_t)order[i]->size;
    }
    if (all->n_placed > 1)
        qsort(all->placed, all->n_placed, sizeof *all->placed, cmp_placed);
    st = IVS_OK;
out:
    if (st != IVS_OK)
        fail(err, st, "out of memory");
    ivs_walk_clear(&walk);
    ivs_files_clear(&files);
    free(order);
    free(bytes);
    free(abs_db);
    return st;
}

/* Places the files that moved between shards. A file no shard knows whose
 * interviews (most of them) are those of a known file that the walk of
 * PATHS no longer finds (renamed, moved to another folder) goes to that
 * file's shard, whatever the hash of its new path says: there the shard's
 * own run sees a move, as one database does, and the interviews keep
 * their ids, written once, in one commit with the old file's removal (a
 * run killed before it leaves both as they were; the next run places the
 * file again the same way). Other new files go by the hash. Reads the new
 * files (not the known ones) when some known file is gone; IVS_OK, or
 * IVS_ERR_NOMEM with *ERR. */
static ivs_status_t
place_moved(struct ivs_shards *all, char *const *paths, size_t n_paths,
            const ivs_topics_t *topics, const ivs_index_options_t *o,
            char **err)
{
    size_t n_states = 0;
    for (size_t k = 0; k < all->n; k++)
        n_states += all->shards[k].n_states;
    if (!n_states) /* a first run: nothing can have moved */
        return place_by_size(all, paths, n_paths, err);
    ivs_walk_t walk = {0};
    ivs_files_t files = {0};
    gone_t *gone = NULL;
    size_t n_gone = 0, cap_gone = 0, cap_placed = 0;
    size_t *votes = calloc(all->n, sizeof *votes);
    run_t scratch = {.opts = *o, .topics = topics};
    scratch.opts.warn = NULL; /* the shards' runs warn */
    ivs_status_t st = IVS_ERR_NOMEM;
    char *abs_db = ivs_absolute_path(all->db);
    if (!votes)
        goto out;
    if (!abs_db) { /* the shards' runs tell why */
        st = IVS_OK;
        goto out;
    }
    if (walk_sources(abs_db, paths, n_paths, &walk, &files) < 0)
        goto out;
    for (size_t k = 0; k < all->n; k++) {
        const shard_t *sh = &all->shards[k];
        for (size_t i = 0; i < sh->n_states; i++) {
            const ivs_filestate_t *fs = &sh->states[i];
            if (ivs_files_find(&files, fs->path))
                continue;
            for (size_t r = 0; r < fs->n; r++) {
                if (ivs_grow(&gone, &cap_gone, n_gone + 1, sizeof *gone, 256) <
                    0)
                    goto out;
                gone[n_gone++] = (gone_t){fs->rec[r].text, k};
            }
        }
    }
    if (n_gone)
        qsort(gone, n_gone, sizeof *gone, cmp_gone);
    for (size_t i = 0; n_gone && i < files.n; i++) {
        const ivs_file_t *f = &files.v[i];
        if (knower(all, f->ident) >= 0)
            continue;
        ivs_recstate_t *now = NULL;
        size_t n_now = 0;
        if (ix_file_texts(&scratch, f, &now, &n_now) != 0)
            goto out;
        memset(votes, 0, all->n * sizeof *votes);
        size_t best = 0;
        for (size_t r = 0; r < n_now; r++) {
            gone_t probe = {.text = now[r].text};
            const gone_t *g =
                bsearch(&probe, gone, n_gone, sizeof *gone, cmp_gone);
            if (!g)
                continue;
            votes[g->shard]++;
            if (votes[g->shard] > votes[best])
                best = g->shard;
        }
        free(now);
        if (!votes[best])
            continue;
        if (ivs_grow(&all->placed, &cap_placed, all->n_placed + 1,
                     sizeof *all->placed, 16) < 0)
            goto out;
        placed_t *p = &all->placed[all->n_placed];
        if (!(p->ident = strdup(f->ident)))
            goto out;
        p->shard = best;
        all->n_placed++;
    }
    if (all->n_placed > 1)
        qsort(all->placed, all->n_placed, sizeof *all->placed, cmp_placed);
    st = IVS_OK;
out:
    if (st != IVS_OK)
        fail(err, st, "out of memory");
    ix_member_cache_free(&scratch);
    ivs_walk_clear(&walk);
    ivs_files_clear(&files);
    free(gone);
    free(votes);
    free(abs_db);
    return st;
}

static int
take(void *ctx, const char *ident)
{
    shard_t *sh = ctx;
    return owner(sh->all, ident) == sh->index;
}

/* ---- callbacks: one at a time, walk warnings once -------------------------- */

static void
on_warn(void *ctx, const char *path, const char *message)
{
    shard_t *sh = ctx;
    struct ivs_shards *all = sh->all;
    pthread_mutex_lock(&all->lock);
    /* every shard walks the same paths: the walk's warnings come once */
    if (all->opening <= 0 && all->user.warn)
        all->user.warn(all->user.ctx, path, message);
    pthread_mutex_unlock(&all->lock);
}

static void
add_reasons(json_t *into, json_t *from)
{
    const char *key;
    json_t *v;
    json_object_foreach(from, key, v)
    {
        json_int_t before = json_integer_value(json_object_get(into, key));
        json_object_set_new(into, key,
                            json_integer(before + json_integer_value(v)));
    }
}

/* ALL->sum from the shards' summaries (the walk's counts from the
 * first); the reasons too when REASONS (not while the runs may change
 * them). */
static void
add_up(struct ivs_shards *all, int reasons)
{
    ivs_index_summary_t *s = &all->sum;
    memset(s, 0, sizeof *s);
    json_object_clear(all->reasons);
    s->reasons = all->reasons;
    for (size_t k = 0; k < all->n; k++) {
        if (!all->shards[k].ix)
            continue;
        const ivs_index_summary_t *t = ivs_index_summary(all->shards[k].ix);
        s->files += t->files;
        s->indexed += t->indexed;
        s->unchanged += t->unchanged;
        s->removed += t->removed;
        s->moved += t->moved;
        s->skipped_bad += t->skipped_bad;
        s->written += t->written;
        s->written_new += t->written_new;
        s->repositioned += t->repositioned;
        s->deleted += t->deleted;
        s->bytes += t->bytes;
        s->total_bytes += t->total_bytes;
        s->done_files += t->done_files;
        s->done_bytes += t->done_bytes;
        s->committed_files += t->committed_files;
        if (t->seconds > s->seconds)
            s->seconds = t->seconds;
        if (reasons && t->reasons)
            add_reasons(all->reasons, t->reasons);
        if (k == 0) {
            s->skipped_format = t->skipped_format;
            s->missing_args = t->missing_args;
        }
    }
}

static void
on_progress(void *ctx, const ivs_index_summary_t *s, int final)
{
    shard_t *sh = ctx;
    struct ivs_shards *all = sh->all;
    (void)s;
    (void) final; /* the last call is made when every shard is done */
    pthread_mutex_lock(&all->lock);
    if (all->opening < 0 && all->user.progress) {
        add_up(all, 0);
        all->user.progress(all->user.ctx, &all->sum, 0);
    }
    pthread_mutex_unlock(&all->lock);
}

/* ---- open, run, close ---------------------------------------------------------- */

/* Checks that DB may become or stay a database of N shards (N_BEFORE
 * now); IVS_OK or IVS_ERR_INPUT with a message. */
static ivs_status_t
check_layout(const char *db, size_t n, size_t n_before, char **err)
{
    if (n_before && n < n_before)
        return fail(err, IVS_ERR_INPUT,
                    "%s: has %zu shards; --shards can add shards, not remove "
                    "them (give --shards %zu or more, or none)",
                    db, n_before, n_before);
    if (n_before)
        return IVS_OK;
    char *detail = NULL;
    ivs_dbdir_t kind = ivs_writer_probe(db, &detail);
    free(detail);
    if (kind == IVS_DBDIR_OURS)
        return fail(err, IVS_ERR_INPUT,
                    "%s: is one database, not a sharded one: --shards makes "
                    "a new database (give another --db), or index it "
                    "without --shards",
                    db);
    if (kind != IVS_DBDIR_NEW)
        return fail(err, IVS_ERR_INPUT,
                    "%s: not an ivsearch database; give --db a new or empty "
                    "folder, or the database's own",
                    db);
    return IVS_OK;
}

/* Makes the shards' table of ALL (N of them) and reads what each knows. */
static ivs_status_t
make_shards(struct ivs_shards *all, char **err)
{
    all->shards = calloc(all->n, sizeof *all->shards);
    if (!all->shards)
        return fail(err, IVS_ERR_NOMEM, "out of memory");
    for (size_t k = 0; k < all->n; k++) {
        shard_t *sh = &all->shards[k];
        sh->all = all;
        sh->index = k;
        if (asprintf(&sh->path, "%s/shard%zu", all->db, k) < 0) {
            sh->path = NULL;
            return fail(err, IVS_ERR_NOMEM, "out of memory");
        }
        ivs_status_t st = read_known(sh, err);
        if (st != IVS_OK)
            return st;
    }
    return IVS_OK;
}

/* An analyzer like A for each shard but the first (an analyzer serves one
 * thread): the same dictionaries, as their signature says. */
static ivs_status_t
open_analyzers(struct ivs_shards *all, ivs_analyzer_t *a, char **err)
{
    char *user_dict = ivs_user_dict_file();
    ivs_status_t st = IVS_OK;
    for (size_t k = 1; k < all->n && st == IVS_OK; k++) {
        char *aerr = NULL;
        ivs_analyzer_t **sa = &all->shards[k].analyzer;
        st = ivs_analyzer_open(NULL, user_dict, sa, &aerr);
        if (st != IVS_OK)
            fail(err, st, "%s", aerr ? aerr : ivs_status_str(st));
        else if (strcmp(ivs_analyzer_signature(*sa),
                        ivs_analyzer_signature(a)) != 0)
            st = fail(err, IVS_ERR_INPUT,
                      "%s: the shards need the installed dictionary and the "
                      "user dictionary",
                      all->db);
        free(aerr);
    }
    free(user_dict);
    return st;
}

ivs_status_t
ivs_shards_open(const char *db, size_t n_shards, char *const *paths,
                size_t n_paths, ivs_analyzer_t *a, const ivs_topics_t *topics,
                const ivs_index_options_t *o, ivs_shards_t **out, char **err)
{
    *out = NULL;
    if (err)
        *err = NULL;
    size_t before = 0;
    ivs_status_t st = ivs_shards_layout(db, &before, err);
    if (st != IVS_OK)
        return st;
    if (n_shards > IVS_SHARDS_MAX)
        return fail(err, IVS_ERR_INPUT, "--shards: at most %d shards",
                    IVS_SHARDS_MAX);
    struct ivs_shards *all = calloc(1, sizeof *all);
    if (!all || !(all->db = strdup(db)) || !(all->reasons = json_object())) {
        ivs_shards_close(all);
        return fail(err, IVS_ERR_NOMEM, "out of memory");
    }
    pthread_mutex_init(&all->lock, NULL);
    all->user = *o;
    all->opening = -1;
    if (!before && !n_shards) { /* one database, as ever */
        st =
            ivs_index_open(db, paths, n_paths, a, topics, o, &all->single, err);
        if (st != IVS_OK) {
            ivs_shards_close(all);
            return st;
        }
        *out = all;
        return IVS_OK;
    }
    all->n = n_shards ? n_shards : before;
    all->n_before = before;
    if ((st = check_layout(db, all->n, before, err)) != IVS_OK ||
        (st = make_shards(all, err)) != IVS_OK ||
        (st = open_analyzers(all, a, err)) != IVS_OK ||
        (st = place_moved(all, paths, n_paths, topics, o, err)) != IVS_OK) {
        ivs_shards_close(all);
        return st;
    }
    all->last_id = all->last_id > o->first_id ? all->last_id : o->first_id;
    for (size_t k = 0; k < all->n && st == IVS_OK; k++) {
        shard_t *sh = &all->shards[k];
        ivs_index_options_t so = *o;
        so.warn = on_warn;
        so.progress = on_progress;
        so.ctx = sh;
        so.take = all->n > 1 ? take : NULL; /* one shard takes all */
        so.take_ctx = sh;
        so.shared_last_id = &all->last_id;
        all->opening = (int)k;
        st = ivs_index_open(sh->path, paths, n_paths,
                            sh->analyzer ? sh->analyzer : a, topics, &so,
                            &sh->ix, err);
    }
    all->opening = -1;
    if (st != IVS_OK) {
        ivs_shards_close(all);
        return st;
    }
    *out = all;
    return IVS_OK;
}

static void *
run_shard(void *arg)
{
    shard_t *sh = arg;
    sh->status = ivs_index_run(sh->ix, &sh->err);
    return NULL;
}

ivs_status_t
ivs_shards_run(ivs_shards_t *all, char **err)
{
    if (err)
        *err = NULL;
    if (all->single)
        return ivs_index_run(all->single, err);
    pthread_t *threads = calloc(all->n, sizeof *threads);
    char *started = calloc(all->n, 1);
    if (!threads || !started) {
        free(threads);
        free(started);
        return fail(err, IVS_ERR_NOMEM, "out of memory");
    }
    for (size_t k = 0; k < all->n; k++)
        started[k] =
            pthread_create(&threads[k], NULL, run_shard, &all->shards[k]) == 0;
    for (size_t k = 0; k < all->n; k++) {
        if (started[k])
            pthread_join(threads[k], NULL);
        else
            run_shard(&all->shards[k]); /* no thread: in turn */
    }
    free(threads);
    free(started);
    /* the first failure is told; an interruption after the others */
    ivs_status_t st = IVS_OK;
    for (size_t k = 0; k < all->n; k++) {
        shard_t *sh = &all->shards[k];
        if (sh->status == IVS_OK ||
            (st != IVS_OK && sh->status == IVS_ERR_INTERRUPTED))
            continue;
        st = sh->status;
        if (err) {
            free(*err);
            *err = sh->err;
            sh->err = NULL;
        }
    }
    add_up(all, 1);
    if (all->user.progress)
        all->user.progress(all->user.ctx, &all->sum, 1);
    /* every shard has committed its schema: the stub makes them one (an
     * interrupted first run or new shard is found by its folders next
     * time) */
    char *stub = NULL;
    struct stat sb;
    int had_stub = asprintf(&stub, "%s/" STUB, all->db) >= 0 &&
                   stat(stub, &sb) == 0 && stub_shards(stub) == (long)all->n;
    free(stub);
    if (st == IVS_OK && !had_stub) {
        char *serr = NULL;
        ivs_status_t wst = write_stub(all->db, all->n, &serr);
        if (wst != IVS_OK && st == IVS_OK) {
            st = wst;
            if (err) {
                free(*err);
                *err = serr;
                serr = NULL;
            }
        }
        free(serr);
    }
    return st;
}

const ivs_index_summary_t *
ivs_shards_summary(const ivs_shards_t *all)
{
    if (all->single)
        return ivs_index_summary(all->single);
    return &all->sum;
}

size_t
ivs_shards_count(const ivs_shards_t *all)
{
    return all->n;
}

void
ivs_shards_close(ivs_shards_t *all)
{
    if (!all)
        return;
    ivs_index_close(all->single);
    for (size_t k = 0; all->shards && k < all->n; k++) {
        shard_t *sh = &all->shards[k];
        ivs_index_close(sh->ix);
        ivs_analyzer_close(sh->analyzer);
        for (size_t i = 0; i < sh->known.n; i++)
            free(sh->known.keys[i]);
        free(sh->known.keys);
        for (size_t i = 0; i < sh->n_states; i++)
            ivs_filestate_clear(&sh->states[i]);
        free(sh->states);
        free(sh->path);
        free(sh->err);
    }
    free(all->shards);
    for (size_t i = 0; i < all->n_placed; i++)
        free(all->placed[i].ident);
    free(all->placed);
    if (all->db)
        pthread_mutex_destroy(&all->lock);
    json_decref(all->reasons);
    free(all->db);
    free(all);
}

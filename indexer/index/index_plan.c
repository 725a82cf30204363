/* The indexer's planning of interview ids (see ivs/index.h and
 * ivs/filestate.h): what the database knows of each file, the interviews
 * of vanished files, and which id each interview of a changed or new file
 * keeps or gets. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ivs/grow.h"
#include "ivs/schema.h"
#include "index_internal.h"

static int
cmp_known(const void *a, const void *b)
{
    return strcmp(((const ivs_filestate_t *)a)->path,
                  ((const ivs_filestate_t *)b)->path);
}

int
ix_collect_known(void *ctx, const char *key, const char *value)
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

const ivs_filestate_t *
ix_known_state(const knowns_t *k, const char *ident)
{
    ivs_filestate_t probe = {.path = (char *)ident};
    return k->n ? bsearch(&probe, k->v, k->n, sizeof probe, cmp_known) : NULL;
}

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
    p->v[p->n] = (pool_entry_t){.text = text,
                                .id = id,
                                .vanished = vanished,
                                .owner = owner,
                                .next = p->buckets[h]};
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

void
ix_pool_free(pool_t *p)
{
    free(p->v);
    free(p->buckets);
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
int
ix_plan_again(run_t *run, reading_t *rd, file_plan_t *p, item_t *done)
{
    /* Against what the plan gave it (its own interviews and those it took
     * over from other files): the ids of the planned interviews it still
     * has stay; the others are dropped with those the plan dropped. Every
     * interview is written whole: the plan's documents may not exist. */
    unsigned char *paired = calloc(p->n_now + 1, 1);
    int rc = -1;
    if (!paired || plan_pairs(run, rd, p->now, p->n_now, 0, paired) != 0)
        goto out;
    for (size_t i = 0; i < rd->n_now; i++) {
        if (!rd->now[i].id)
            rd->now[i].id = ix_new_id(run);
        else
            rd->plan[i] = P_WRITE;
    }
    for (size_t d = 0; d < p->n_drop; d++)
        if (push_id(&done->drop, &done->n_drop, &done->n_drop_cap, p->drop[d]) <
            0)
            goto out;
    for (size_t o = 0; o < p->n_now; o++)
        if (!paired[o] && push_id(&done->drop, &done->n_drop, &done->n_drop_cap,
                                  p->now[o].id) < 0)
            goto out;
    done->moved = p->moved;
    rc = 0;
out:
    free(paired);
    return rc;
}

int
ix_plan_local(run_t *run, reading_t *rd, const ivs_filestate_t *known,
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
            rd->now[i].id = ix_new_id(run);
    for (size_t o = 0; o < n_old; o++)
        if (!paired[o] && push_id(&done->drop, &done->n_drop, &done->n_drop_cap,
                                  old[o].id) < 0)
            goto out;
    rc = 0;
out:
    free(old);
    free(paired);
    return rc;
}

/* The index of the known file at PATH in RUN->knowns, or -1. */
static long
known_index(const run_t *run, const char *path)
{
    const ivs_filestate_t *k = ix_known_state(&run->knowns, path);
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
plan_own(run_t *run, size_t i, file_plan_t *p, const ivs_filestate_t *known)
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
            pool_entry_t *e =
                &run->pool.v[run->vanished.v[adopted].pool_first + r];
            if (e->claimed)
                continue;
            e->claimed = 1; /* now this file's: leftovers re-enter below */
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

typedef struct {
    uint32_t id;
    size_t known, rec;
} owner_t;

static int
cmp_owner(const void *a, const void *b)
{
    const owner_t *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* Drops the records marked forgotten (id 0) from state K, keeping the
 * order of the others. */
static void
compact_state(ivs_filestate_t *k)
{
    size_t u = 0;
    for (size_t r = 0; r < k->n; r++)
        if (k->rec[r].id)
            k->rec[u++] = k->rec[r];
    k->n = u;
}

/* After a kill -9 in the middle of a run, two file states may name one
 * id (an interview that moved between files: the file it went to was
 * committed, the one it left was not). The id belongs to the file whose
 * source term its document carries; the others forget it, so that no
 * file drops, pools or gives away an interview that is another's. 0, or
 * -1 when out of memory or the database cannot be read. */
int
ix_settle_owners(run_t *run)
{
    size_t n = 0;
    for (size_t k = 0; k < run->knowns.n; k++)
        n += run->knowns.v[k].n;
    owner_t *v = malloc((n + 1) * sizeof *v);
    if (!v)
        return -1;
    n = 0;
    for (size_t k = 0; k < run->knowns.n; k++)
        for (size_t r = 0; r < run->knowns.v[k].n; r++)
            v[n++] = (owner_t){
                .id = run->knowns.v[k].rec[r].id, .known = k, .rec = r};
    qsort(v, n, sizeof *v, cmp_owner);
    int rc = 0;
    for (size_t i = n; i-- > 0 && rc == 0;) {
        size_t first = i;
        while (first > 0 && v[first - 1].id == v[i].id)
            first--;
        if (first == i)
            continue;
        char q[IVS_UNIQUE_TERM_SIZE];
        ivs_unique_term(v[i].id, q);
        size_t owner = first; /* when no document says: the first state */
        for (size_t j = first; j <= i; j++) {
            char src[IVS_SOURCE_TERM_SIZE];
            ivs_source_term(run->knowns.v[v[j].known].path, src);
            int has = ivs_writer_doc_has_term(run->writer, q, src);
            if (has < 0)
                rc = -1;
            if (has == 1) {
                owner = j;
                break;
            }
        }
        for (size_t j = first; j <= i; j++)
            if (j != owner)
                run->knowns.v[v[j].known].rec[v[j].rec].id = 0;
        i = first;
    }
    for (size_t k = 0; k < run->knowns.n; k++)
        compact_state(&run->knowns.v[k]);
    free(v);
    return rc;
}

/* A kept or relocated interview whose document is not there (a state
 * that outlived its document) is written instead: a relocation must
 * find its document. */
static void
check_documents(run_t *run)
{
    for (size_t i = 0; i < run->files.n; i++) {
        file_plan_t *p = &run->plans[i];
        for (size_t r = 0; p->ready && r < p->n_now; r++) {
            if (p->plan[r] != P_KEEP && p->plan[r] != P_RELOCATE)
                continue;
            char q[IVS_UNIQUE_TERM_SIZE];
            ivs_unique_term(p->now[r].id, q);
            if (ivs_writer_docid(run->writer, q) == 0)
                p->plan[r] = P_WRITE;
        }
    }
}

/* Reads and hashes every changed or new file into RUN->plans (and keeps
 * the outcome of those touched only or skipped). 0, -1 when out of
 * memory, 1 when asked to stop. */
static int
read_plans(run_t *run)
{
    const ivs_files_t *files = &run->files;
    for (size_t i = 0; i < files->n; i++) {
        file_plan_t *p = &run->plans[i];
        p->moved = -1;
        if (stopped(run))
            return 1;
        const ivs_file_t *f = &files->v[i];
        const ivs_filestate_t *known = ix_known_state(&run->knowns, f->ident);
        size_t text_len = 0;
        /* a file touched only or skipped is read once: the reader thread
         * takes the outcome from here */
        char *text =
            ix_read_changed(run, f, known, 0, &text_len, &p->hash, &p->bytes,
                            &p->outcome, &p->state, &p->reason);
        if (!text)
            continue;
        reading_t rd = {.run = run, .f = f, .pass = 1};
        int prc = ivs_archive_parse(run->topics, f->path, text, text_len,
                                    ix_on_record, &rd);
        free(text);
        if (prc != 0) {
            free(rd.now);
            return -1;
        }
        p->ready = 1;
        p->now = rd.now;
        p->n_now = rd.n_now;
    }
    return 0;
}

/* Plans the ids of every changed or new file (RUN->plans, RUN->taken);
 * see above. 0, -1 when out of memory, 1 when asked to stop. */
int
ix_plan_ids(run_t *run)
{
    const ivs_files_t *files = &run->files;
    run->plans = calloc(files->n + 1, sizeof *run->plans);
    uint32_t *given = NULL;
    int rc = -1;
    if (!run->plans)
        goto out;
    /* (ix_settle_owners left no id in two states: the ids of the files not
     * read again are theirs alone, and no plan below can take them) */
    rc = read_plans(run);
    if (rc != 0)
        goto out;
    rc = -1;
    /* 1. each file against what it had, or a vanished file it took over */
    for (size_t i = 0; i < files->n; i++) {
        file_plan_t *p = &run->plans[i];
        if (!p->ready)
            continue;
        long k = known_index(run, files->v[i].ident);
        if (plan_own(run, i, p, k >= 0 ? &run->knowns.v[k] : NULL) != 0)
            goto out;
    }
    check_documents(run);
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
                p->now[r].id = ix_new_id(run);
            }
        }
    }
    /* 4. the old interviews left over are dropped by the file that had
     * them (those of vanished files go with their file's source term),
     * but never an id that a plan gives; ids that changed file are
     * noted, for files re-planned later */
    size_t n_given = 0, cap_given = 0;
    for (size_t i = 0; i < files->n; i++)
        for (size_t r = 0; run->plans[i].ready && r < run->plans[i].n_now; r++)
            if (push_id(&given, &n_given, &cap_given, run->plans[i].now[r].id) <
                0)
                goto out;
    if (n_given)
        qsort(given, n_given, sizeof *given, cmp_ids);
    for (size_t e = 0; e < run->pool.n; e++) {
        const pool_entry_t *pe = &run->pool.v[e];
        if (!pe->claimed && has_id(given, n_given, pe->id))
            continue;
        if (pe->claimed && pe->owner >= 0 &&
            push_id(&run->taken, &run->n_taken, &run->cap_taken, pe->id) < 0)
            goto out;
        file_plan_t *owner = pe->owner >= 0 ? &run->plans[pe->owner] : NULL;
        if (!pe->claimed && owner &&
            push_id(&owner->drop, &owner->n_drop, &owner->cap_drop, pe->id) < 0)
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
    free(given);
    return rc;
}

/* The known files under the given folders DIRS that are gone from FILES:
 * RUN->vanished, their interviews in RUN->pool. 0, or -1 when out of
 * memory. */
int
ix_find_vanished(run_t *run)
{
    for (size_t i = 0; i < run->knowns.n; i++) {
        const ivs_filestate_t *k = &run->knowns.v[i];
        int under = 0;
        for (size_t d = 0; d < run->n_dirs && !under; d++)
            under = ivs_path_within_or_member(k->path, run->dirs[d]) &&
                    strcmp(k->path, run->dirs[d]);
        for (size_t u = 0; under && u < run->n_unread; u++)
            under = !ivs_path_within_or_member(k->path, run->unread[u]);
        if (!under || ivs_files_find(&run->files, k->path))
            continue;
        vanished_t *v =
            realloc(run->vanished.v, (run->vanished.n + 1) * sizeof *v);
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

void
ix_sort_knowns(knowns_t *k)
{
    if (k->n > 1)
        qsort(k->v, k->n, sizeof *k->v, cmp_known);
}

int
ix_file_texts(run_t *scratch, const ivs_file_t *f, ivs_recstate_t **now,
              size_t *n_now)
{
    *now = NULL;
    *n_now = 0;
    size_t text_len = 0;
    uint64_t hash = 0, bytes = 0;
    enum file_outcome outcome;
    char *state = NULL;
    const char *reason = NULL;
    char *text = ix_read_changed(scratch, f, NULL, 0, &text_len, &hash, &bytes,
                                 &outcome, &state, &reason);
    free(state);
    if (!text)
        return reason && !strcmp(reason, "out of memory") ? -1 : 0;
    reading_t rd = {.run = scratch, .f = f, .pass = 1};
    int rc = ivs_archive_parse(scratch->topics, f->path, text, text_len,
                               ix_on_record, &rd);
    free(text);
    if (rc != 0) {
        free(rd.now);
        return -1;
    }
    *now = rd.now;
    *n_now = rd.n_now;
    return 0;
}

/* The indexer's reader thread (see ivs/index.h): reads, decodes and parses
 * each file, builds the documents of the interviews that changed and
 * queues them, with the file's outcome, for a writer. */
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
#include "ivs/readers.h"
#include "ivs/schema.h"
#include "index_internal.h"

static int on_record_whole(void *ctx, const ivs_record_t *r);

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

/* ---- members of archives ---------------------------------------------------
 * An archive is read whole once (ivs_container_read) and its members kept
 * until another archive is needed: members come in name order, from one
 * lane or the other, so two archives are held at most. */

typedef struct {
    char *name;
    char *data;
    size_t len;
} member_t;

typedef struct member_cache {
    char *container; /* its path */
    member_t *v;
    size_t n, cap;
    const char *error; /* why it could not be read, or NULL */
} member_cache_t;

static void
cache_clear(member_cache_t *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].name);
        free(c->v[i].data);
    }
    free(c->v);
    free(c->container);
    free(c);
}

void
ix_member_cache_free(run_t *run)
{
    for (int i = 0; i < 2; i++) {
        cache_clear(run->member_cache[i]);
        run->member_cache[i] = NULL;
    }
}

static int
keep_member(void *ctx, const char *name, const char *bytes, size_t len,
            int64_t mtime)
{
    member_cache_t *c = ctx;
    if (ivs_grow(&c->v, &c->cap, c->n + 1, sizeof *c->v, 64) < 0)
        return 1;
    member_t m = {strdup(name), malloc(len + 1), len};
    if (!m.name || !m.data) {
        free(m.name);
        free(m.data);
        return 1;
    }
    memcpy(m.data, bytes, len);
    m.data[len] = '\0';
    c->v[c->n++] = m;
    return 0;
}

static int
cmp_members(const void *a, const void *b)
{
    return strcmp(((const member_t *)a)->name, ((const member_t *)b)->name);
}

/* The archive at PATH read whole (or its error), from the cache: slot 0
 * holds the one used last. */
static member_cache_t *
load_container(run_t *run, const char *path)
{
    member_cache_t **slot = run->member_cache;
    if (slot[1] && !strcmp(slot[1]->container, path)) {
        member_cache_t *t = slot[0];
        slot[0] = slot[1];
        slot[1] = t;
    }
    if (slot[0] && !strcmp(slot[0]->container, path))
        return slot[0];
    cache_clear(slot[1]);
    slot[1] = slot[0];
    slot[0] = NULL;
    member_cache_t *c = calloc(1, sizeof *c);
    if (!c || !(c->container = strdup(path))) {
        free(c);
        return NULL;
    }
    size_t len = 0;
    const char *why = NULL;
    char *bytes = read_file(path, &len, &why);
    if (!bytes) {
        c->error = why;
    } else {
        ivs_status_t st = ivs_container_read(
            bytes, len, &(ivs_container_cb_t){keep_member, NULL, c}, &why);
        if (st != IVS_OK)
            c->error = st == IVS_ERR_INTERRUPTED ? "out of memory" : why;
        free(bytes);
    }
    if (c->n > 1)
        qsort(c->v, c->n, sizeof *c->v, cmp_members);
    slot[0] = c;
    return c;
}

/* The bytes of member F (malloc'd copy), or NULL with *REASON. */
static char *
read_member(run_t *run, const ivs_file_t *f, size_t *len, const char **reason)
{
    char *container = strndup(f->path, f->container_len);
    member_cache_t *c = container ? load_container(run, container) : NULL;
    free(container);
    if (!c) {
        *reason = "out of memory";
        return NULL;
    }
    if (c->error) {
        *reason = c->error;
        return NULL;
    }
    member_t probe = {.name = (char *)f->path + f->container_len + 2};
    const member_t *m = bsearch(&probe, c->v, c->n, sizeof *c->v, cmp_members);
    if (!m) {
        *reason = "gone from its archive while indexing";
        return NULL;
    }
    char *copy = malloc(m->len + 1);
    if (!copy) {
        *reason = "out of memory";
        return NULL;
    }
    memcpy(copy, m->data, m->len + 1);
    *len = m->len;
    return copy;
}

/* ---- formats ----------------------------------------------------------------- */

typedef struct {
    run_t *run;
    const char *path;
} warn_ctx_t;

static void
reader_warn(void *ctx, const char *message)
{
    warn_ctx_t *w = ctx;
    ix_warn(w->run, w->path, "%s", message);
}

/* The text of the note F from its BYTES: decoded (notes, CSV, TSV) and
 * converted (every other kind). NULL with *REASON when it cannot be read;
 * row-level problems are warned about when WARN. */
static char *
to_text(run_t *run, const ivs_file_t *f, const char *bytes, size_t len,
        int warn, size_t *text_len, const char **reason)
{
    ivs_kind_t kind = ivs_reader_kind(f->path);
    char *text = NULL;
    if (kind == IVS_KIND_NOTE || kind == IVS_KIND_CSV || kind == IVS_KIND_TSV) {
        ivs_status_t st = ivs_text_decode(bytes, len, &text, text_len, reason);
        if (st != IVS_OK) {
            if (!*reason)
                *reason = ivs_status_str(st);
            return NULL;
        }
        if (kind == IVS_KIND_NOTE)
            return text;
        bytes = text;
        len = *text_len;
    }
    warn_ctx_t wc = {run, f->path};
    ivs_reader_opts_t o = {.warn = warn ? reader_warn : NULL,
                           .ctx = &wc,
                           .csv_map = run->opts.csv_map};
    char *out = NULL;
    ivs_status_t st =
        ivs_reader_convert(kind, bytes, len, &o, &out, text_len, reason);
    free(text);
    if (st != IVS_OK && !*reason)
        *reason = ivs_status_str(st);
    return out;
}

/* Reads and converts the note F for RD when it needs parsing: returns the
 * text (malloc'd) and sets *OUTCOME F_INDEXED; or NULL with *OUTCOME
 * F_UNCHANGED / F_TOUCHED (*STATE then set) / F_SKIPPED (*REASON set).
 * KNOWN is what the database holds of it; WARN: report row-level
 * problems of the reading (the reader thread does; the planning reads
 * the same bytes first and stays quiet). */
char *
ix_read_changed(run_t *run, const ivs_file_t *f, const ivs_filestate_t *known,
                int warn, size_t *text_len, uint64_t *hash,
                uint64_t *bytes_read, enum file_outcome *outcome, char **state,
                const char **reason)
{
    *state = NULL;
    *reason = NULL;
    if (known && !run->reindex && known->size == f->size &&
        known->mtime == f->mtime) {
        *outcome = F_UNCHANGED;
        return NULL;
    }
    size_t len = 0;
    char *bytes = f->member ? read_member(run, f, &len, reason)
                            : read_file(f->path, &len, reason);
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
    char *text = to_text(run, f, bytes, len, warn, text_len, reason);
    free(bytes);
    if (!text)
        return NULL;
    *outcome = F_INDEXED;
    return text;
}

/* Gives a new interview id. */
uint32_t
ix_new_id(run_t *run)
{
    return __atomic_add_fetch(run->ids, 1, __ATOMIC_ACQ_REL);
}

int
ix_on_record(void *ctx, const ivs_record_t *r)
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
        ix_warn(rd->run, rd->f->path,
                "interview %u is larger than %zu MiB: only its "
                "first %zu MiB are indexed",
                r->ordinal, MAX_RECORD_BYTES >> 20, MAX_RECORD_BYTES >> 20);
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
            rd->pass == 1 ? 0 : ix_new_id(run)};
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
            ix_item_free(it);
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
    if (ix_queue_push(&rd->lane->queue, it) < 0) {
        ix_item_free(it);
        return 2; /* the writer stopped */
    }
    return 0;
}

/* Reads file I and queues its changed records and its closing item for
 * LANE. Returns -1 when the writer has stopped. */
static int
read_one(run_t *run, lane_t *lane, size_t i)
{
    const ivs_file_t *f = &run->files.v[i];
    lane->assigned += (uint64_t)f->size;
    reading_t rd = {.run = run, .lane = lane, .file = i, .f = f};
    item_t *done = calloc(1, sizeof *done);
    if (!done)
        return -1;
    done->file = i;
    done->moved = -1;
    done->weight = sizeof *done;
    const ivs_filestate_t *known = ix_known_state(&run->knowns, f->ident);
    file_plan_t *p = run->plans ? &run->plans[i] : NULL;

    size_t text_len = 0;
    uint64_t h = 0;
    if (p && !p->ready &&
        (p->outcome == F_TOUCHED || p->outcome == F_SKIPPED)) {
        /* read by the planning already: its outcome stands */
        done->outcome = p->outcome;
        done->state = p->state;
        done->reason = p->reason;
        done->bytes = p->bytes;
        p->state = NULL;
        goto push;
    }
    char *text = ix_read_changed(run, f, known, 1, &text_len, &h, &done->bytes,
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
    } else if (p && p->ready) {
        /* changed between its planning and now */
        rd.pass = 1;
        rc = ivs_archive_parse(run->topics, f->path, text, text_len,
                               ix_on_record, &rd);
        if (rc == 0 && ix_plan_again(run, &rd, p, done) != 0)
            rc = 1;
    } else if (!known) {
        rd.single_pass = 1; /* nothing to match: new ids as they come */
    } else {
        /* changed since it was planned, or no planning: on its own */
        rd.pass = 1;
        rc = ivs_archive_parse(run->topics, f->path, text, text_len,
                               ix_on_record, &rd);
        if (rc == 0 && ix_plan_local(run, &rd, known, done) != 0)
            rc = 1;
    }
    if (rc == 0) {
        rd.pass = 2;
        rc = ivs_archive_parse(run->topics, f->path, text, text_len,
                               ix_on_record, &rd);
    }
    free(text);
    if (rc == 2) {
        free(rd.now);
        free(rd.plan);
        ix_item_free(done);
        return -1;
    }
    if (rc != 0) {
        done->outcome = F_FAILED;
        done->reason = "out of memory";
        goto push;
    }
    ivs_filestate_t now = {.size = f->size,
                           .mtime = f->mtime,
                           .hash = h,
                           .n = rd.n_now,
                           .rec = rd.now,
                           .path = f->ident};
    done->state = ivs_filestate_format(&now);
push:
    free(rd.now);
    free(rd.plan);
    return ix_queue_push(&lane->queue, done);
}

void *
ix_reader_main(void *arg)
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
    for (size_t i = 0; i < run->files.n && k + 1 < run->n_lanes; i++) {
        sum += (uint64_t)run->files.v[i].size;
        if (sum >= part * (k + 1))
            next[++k] = i + 1;
    }
    while (++k <= run->n_lanes)
        next[k] = run->files.n;
    size_t end[MAX_LANES];
    for (k = 0; k < run->n_lanes; k++)
        end[k] = next[k + 1];
    while (!stopped(run)) {
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
        ix_queue_end(&run->lanes[k].queue, 0);
    return NULL;
}

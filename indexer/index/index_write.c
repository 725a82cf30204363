/* The indexer's writers (see ivs/index.h): the queues from the reader
 * thread, storing interviews and file states, commits, the removal of
 * vanished files and the source-order mark. */
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

int
ix_queue_push(queue_t *q, item_t *it)
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
void
ix_queue_end(queue_t *q, int stop)
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

void
ix_item_free(item_t *it)
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

int
ix_commit(lane_t *lane)
{
    ivs_status_t st = IVS_OK;
    if (lane == &lane->run->lanes[0]) {
        /* every id given so far, written or not, is never given again: a
         * commit records the highest (the reader may have gone further) */
        char last[16];
        snprintf(last, sizeof last, "%" PRIu32,
                 __atomic_load_n(lane->run->ids, __ATOMIC_ACQUIRE));
        st = ivs_writer_set_metadata(lane->writer, IVS_META_LASTID, last);
    }
    if (st == IVS_OK)
        st = ivs_writer_commit(lane->writer);
    if (st != IVS_OK) {
        return ix_fail(lane->run, "%s: commit failed: %s (%s)", lane->run->db,
                       ivs_status_str(st), ivs_writer_error(lane->writer));
    }
    lane->pending_records = 0;
    lane->pending_bytes = 0;
    lane->commits++;
    return 0;
}

/* Says that writing to W failed (under the run's lock): "ivindex: WHAT:
 * DOING: status (detail)". Returns -1. */
static int
write_failed(run_t *run, ivs_writer_t *w, const char *what, const char *doing,
             ivs_status_t st)
{
    return ix_fail(run, "%s: %s: %s (%s)", what, doing, ivs_status_str(st),
                   ivs_writer_error(w));
}

/* Stores interview item IT. */
static int
write_record(lane_t *lane, item_t *it)
{
    run_t *run = lane->run;
    ivs_writer_t *w = lane->writer;
    const ivs_file_t *f = &run->files.v[it->file];
    char q[IVS_UNIQUE_TERM_SIZE];
    ivs_unique_term(it->id, q);
    ivs_status_t st;
    if (it->action == R_RELOCATE) {
        char to[IVS_SOURCE_TERM_SIZE];
        ivs_source_term(f->ident, to);
        st = ivs_writer_relocate(
            w, q, it->old_source[0] ? it->old_source : NULL,
            it->old_source[0] ? to : NULL, f->ident, it->data, it->data_len,
            IVS_SLOT_ORDER, it->order, it->order_len);
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
        run->sum.repositioned++;
    } else {
        run->sum.written++;
        run->sum.written_new += it->is_new;
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
    const ivs_file_t *f = &run->files.v[it->file];
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
    case F_TOUCHED: run->sum.unchanged++; break;
    case F_SKIPPED:
    case F_FAILED:
        ix_warn(run, f->path, "%s, skipped", it->reason);
        ix_count_reason(run, it->reason);
        break;
    case F_INDEXED:
        run->sum.moved += it->moved >= 0;
        run->sum.indexed++;
        run->sum.deleted += it->n_drop;
        break;
    }
    run->sum.done_files++;
    run->sum.done_bytes += (uint64_t)f->size;
    ix_progress(run, 0);
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
        ix_commit(lane) != 0)
        return -1;
    return 0;
}

/* Tells the reader and every lane to stop taking work. */
static void
stop_lanes(run_t *run)
{
    for (size_t k = 0; k < run->n_lanes; k++)
        ix_queue_end(&run->lanes[k].queue, 1);
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
        ix_item_free(it);
    }
    if (lane->run->n_lanes > 1 && !lane->failed && ix_commit(lane) != 0)
        lane->failed = 1;
    return NULL;
}

/* Runs the reader thread and the lanes' writers (lane 0 on this thread).
 * Returns 0, or -1 when writing failed. */
int
ix_index_files(run_t *run)
{
    for (size_t k = 0; k < run->n_lanes; k++) {
        queue_t *q = &run->lanes[k].queue;
        pthread_mutex_init(&q->lock, NULL);
        pthread_cond_init(&q->not_empty, NULL);
        pthread_cond_init(&q->not_full, NULL);
        /* (a shard's run shares the memory with the other shards') */
        q->max_bytes =
            QUEUE_MAX_BYTES / run->n_lanes / (run->opts.take ? 2 : 1);
        run->lanes[k].run = run;
    }
    pthread_t reader, writer2;
    int failed = 0, started = 0;
    if (pthread_create(&reader, NULL, ix_reader_main, run) != 0) {
        ix_fail(run, "cannot start a thread");
        failed = 1;
        goto out;
    }
    started = 1;
    if (run->n_lanes > 1 &&
        pthread_create(&writer2, NULL, lane_main, &run->lanes[1]) != 0) {
        /* its lane would never be emptied: stop the reader */
        ix_fail(run, "cannot start a thread");
        run->lanes[1].failed = 1;
        stop_lanes(run);
        item_t *it;
        while ((it = queue_pop(&run->lanes[1].queue)))
            ix_item_free(it);
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

/* Removes the interviews of the vanished files that no file took over,
 * and their states. 0, or -1 after a message. */
int
ix_remove_vanished(run_t *run)
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
            run->sum.deleted += !run->pool.v[v->pool_first + r].claimed;
        run->sum.removed++;
    }
    return 0;
}

/* Records whether document ids follow source order (IVS_META_ORDER): true
 * after a first build, where the second lane takes the files after the
 * first's and is numbered after it on the merge; an update that adds
 * records usually ends it. A listing by filters alone reads it. */
int
ix_mark_order(run_t *run)
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
    ivs_status_t st = ivs_writer_set_metadata(
        run->lanes[0].writer, IVS_META_ORDER, ok == 1 ? "docid" : "");
    if (st != IVS_OK)
        return ix_fail(run, "%s: cannot record the source order: %s (%s)",
                       run->db, ivs_status_str(st),
                       ivs_writer_error(run->lanes[0].writer));
    return 0;
}

/* ivserve's answer cache: whole answers (status 200 only) kept by the
 * request that made them, bounded in bytes, least recently used first out.
 *
 * A key names everything an answer depends on: the committed state of the
 * database (ivs_searcher_revision(): folder, inode, every shard's
 * revision), the user and the user's scopes, the path and every query
 * parameter in order. So an answer is never served to a user it was not
 * made for, nor after a commit: a new revision makes new keys, and the
 * old answers are never asked for again and age out. A state without a
 * name (remote or missing shards) is not cached at all.
 *
 * Personal data stays in this process's memory, where the database's
 * pages already are; nothing is written anywhere. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "serve_internal.h"

#define CACHE_BUCKETS 16384 /* a power of two */

typedef struct entry {
    struct entry *next_in_bucket;
    struct entry *newer, *older; /* the LRU list */
    uint64_t hash;
    char *key;
    size_t key_len;
    const char *type; /* a static string, as reply_t's */
    char *body;
    size_t body_len;
    char *query, *filters; /* for the audit line; may be NULL */
    long long hits;
    size_t bytes; /* what the entry costs, counted against the budget */
} entry_t;

struct answer_cache {
    pthread_mutex_t lock;
    size_t budget, used;
    entry_t *buckets[CACHE_BUCKETS];
    entry_t *newest, *oldest;
    unsigned long long hits, misses;
};

answer_cache_t *
cache_new(size_t budget)
{
    if (budget == 0)
        return NULL;
    answer_cache_t *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    pthread_mutex_init(&c->lock, NULL);
    c->budget = budget;
    return c;
}

static void
entry_free(entry_t *e)
{
    free(e->key);
    free(e->body);
    free(e->query);
    free(e->filters);
    free(e);
}

void
cache_free(answer_cache_t *c)
{
    if (!c)
        return;
    for (entry_t *e = c->newest, *next; e; e = next) {
        next = e->older;
        entry_free(e);
    }
    pthread_mutex_destroy(&c->lock);
    free(c);
}

/* FNV-1a, 64 bits */
static uint64_t
key_hash(const char *key, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)key[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static entry_t **
bucket_of(answer_cache_t *c, uint64_t hash)
{
    return &c->buckets[hash & (CACHE_BUCKETS - 1)];
}

static entry_t *
find(answer_cache_t *c, uint64_t hash, const char *key, size_t len)
{
    for (entry_t *e = *bucket_of(c, hash); e; e = e->next_in_bucket)
        if (e->hash == hash && e->key_len == len && !memcmp(e->key, key, len))
            return e;
    return NULL;
}

static void
lru_unlink(answer_cache_t *c, entry_t *e)
{
    if (e->newer)
        e->newer->older = e->older;
    else
        c->newest = e->older;
    if (e->older)
        e->older->newer = e->newer;
    else
        c->oldest = e->newer;
    e->newer = e->older = NULL;
}

static void
lru_push(answer_cache_t *c, entry_t *e)
{
    e->older = c->newest;
    e->newer = NULL;
    if (c->newest)
        c->newest->newer = e;
    c->newest = e;
    if (!c->oldest)
        c->oldest = e;
}

static void
drop(answer_cache_t *c, entry_t *e)
{
    entry_t **p = bucket_of(c, e->hash);
    while (*p != e)
        p = &(*p)->next_in_bucket;
    *p = e->next_in_bucket;
    lru_unlink(c, e);
    c->used -= e->bytes;
    entry_free(e);
}

static char *
dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

int
cache_get(answer_cache_t *c, const char *key, size_t key_len, reply_t *rep,
          request_t *req)
{
    if (!c)
        return 0;
    uint64_t h = key_hash(key, key_len);
    pthread_mutex_lock(&c->lock);
    entry_t *e = find(c, h, key, key_len);
    if (!e) {
        c->misses++;
        pthread_mutex_unlock(&c->lock);
        return 0;
    }
    sbuf_t body = {0};
    sb_put(&body, e->body, e->body_len);
    char *query = dup_or_null(e->query), *filters = dup_or_null(e->filters);
    int ok = !body.failed && (query || !e->query) && (filters || !e->filters);
    if (ok) {
        lru_unlink(c, e);
        lru_push(c, e);
        c->hits++;
        rep->status = 200;
        rep->type = e->type;
        sb_free(&rep->body);
        rep->body = body;
        free(req->query);
        free(req->filters);
        req->query = query;
        req->filters = filters;
        req->hits = e->hits;
    }
    pthread_mutex_unlock(&c->lock);
    if (!ok) { /* out of memory: answer afresh */
        sb_free(&body);
        free(query);
        free(filters);
    }
    return ok;
}

void
cache_put(answer_cache_t *c, const char *key, size_t key_len,
          const reply_t *rep, const request_t *req)
{
    if (!c || rep->status != 200 || rep->body.failed || rep->location ||
        rep->cookie)
        return;
    size_t bytes = sizeof(entry_t) + key_len + rep->body.len +
                   (req->query ? strlen(req->query) + 1 : 0) +
                   (req->filters ? strlen(req->filters) + 1 : 0);
    /* one answer never takes more than a sixteenth of the cache */
    if (bytes > c->budget / 16)
        return;
    entry_t *e = calloc(1, sizeof *e);
    if (!e)
        return;
    e->key = malloc(key_len);
    e->body = malloc(rep->body.len ? rep->body.len : 1);
    e->query = dup_or_null(req->query);
    e->filters = dup_or_null(req->filters);
    if (!e->key || !e->body || (req->query && !e->query) ||
        (req->filters && !e->filters)) {
        entry_free(e);
        return;
    }
    memcpy(e->key, key, key_len);
    e->key_len = key_len;
    e->hash = key_hash(key, key_len);
    e->type = rep->type;
    if (rep->body.len)
        memcpy(e->body, rep->body.buf, rep->body.len);
    e->body_len = rep->body.len;
    e->hits = req->hits;
    e->bytes = bytes;
    pthread_mutex_lock(&c->lock);
    entry_t *old = find(c, e->hash, key, key_len);
    if (old) /* another worker answered the same meanwhile */
        drop(c, old);
    while (c->oldest && c->used + bytes > c->budget)
        drop(c, c->oldest);
    entry_t **b = bucket_of(c, e->hash);
    e->next_in_bucket = *b;
    *b = e;
    lru_push(c, e);
    c->used += bytes;
    pthread_mutex_unlock(&c->lock);
}

void
cache_stats(answer_cache_t *c, unsigned long long *hits,
            unsigned long long *misses, size_t *used)
{
    *hits = *misses = 0;
    *used = 0;
    if (!c)
        return;
    pthread_mutex_lock(&c->lock);
    *hits = c->hits;
    *misses = c->misses;
    *used = c->used;
    pthread_mutex_unlock(&c->lock);
}

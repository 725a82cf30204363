/* Per-file incremental state: its stored form and the matching of a
 * changed file's interviews to the ones it had (see ivs/filestate.h). */
#include "ivs/filestate.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/grow.h"

uint64_t
ivs_hash64(const void *data, size_t len, uint64_t seed)
{
    /* FNV-1a over 8-byte words with a final avalanche */
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ull ^ seed;
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0x100000001b3ull;
        h ^= h >> 29;
        p += 8;
        len -= 8;
    }
    while (len--)
        h = (h ^ *p++) * 0x100000001b3ull;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

void
ivs_filestate_key(const char *path, char key[IVS_FILESTATE_KEY_SIZE])
{
    size_t n = strlen(path);
    snprintf(key, IVS_FILESTATE_KEY_SIZE, "F:%016" PRIx64 "%016" PRIx64,
             ivs_hash64(path, n, 0),
             ivs_hash64(path, n, 0x9e3779b97f4a7c15ull));
}

/* The stored form: "v5 SIZE MTIME HASH N" then, per interview,
 * " TEXT:META:TITLE:ID" (hex, hex, hex, decimal), a newline, the path. */
#define STATE_TAG "v5 "

void
ivs_filestate_clear(ivs_filestate_t *st)
{
    if (!st)
        return;
    free(st->rec);
    free(st->path);
    memset(st, 0, sizeof *st);
}

ivs_status_t
ivs_filestate_parse(const char *value, ivs_filestate_t *st)
{
    memset(st, 0, sizeof *st);
    if (!value || strncmp(value, STATE_TAG, strlen(STATE_TAG)))
        return IVS_ERR_INPUT;
    const char *nl = strchr(value, '\n');
    if (!nl || !nl[1])
        return IVS_ERR_INPUT;
    char *end;
    const char *s = value + strlen(STATE_TAG);
    st->size = strtoll(s, &end, 10);
    st->mtime = strtoll(end, &end, 10);
    st->hash = strtoull(end, &end, 16);
    unsigned long long n = strtoull(end, &end, 10);
    /* each interview takes at least 8 bytes of the value */
    if (n > (size_t)(nl - value) / 8 + 1)
        return IVS_ERR_INPUT;
    st->rec = calloc((size_t)n + 1, sizeof *st->rec);
    st->path = strdup(nl + 1);
    if (!st->rec || !st->path) {
        ivs_filestate_clear(st);
        return IVS_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        ivs_recstate_t *r = &st->rec[i];
        r->text = strtoull(end, &end, 16);
        if (*end++ != ':')
            goto bad;
        r->meta = strtoull(end, &end, 16);
        if (*end++ != ':')
            goto bad;
        r->title = (uint32_t)strtoul(end, &end, 16);
        if (*end++ != ':')
            goto bad;
        unsigned long id = strtoul(end, &end, 10);
        if (id == 0 || id > UINT32_MAX)
            goto bad;
        r->id = (uint32_t)id;
    }
    if (end != nl)
        goto bad;
    st->n = (size_t)n;
    return IVS_OK;
bad:
    ivs_filestate_clear(st);
    return IVS_ERR_INPUT;
}

char *
ivs_filestate_format(const ivs_filestate_t *st)
{
    const char *path = st->path ? st->path : "";
    size_t cap = 96 + st->n * 56 + strlen(path);
    char *s = malloc(cap);
    if (!s)
        return NULL;
    int len =
        snprintf(s, cap, STATE_TAG "%" PRId64 " %" PRId64 " %016" PRIx64 " %zu",
                 st->size, st->mtime, st->hash, st->n);
    for (size_t i = 0; i < st->n; i++) {
        const ivs_recstate_t *r = &st->rec[i];
        len += snprintf(s + len, cap - (size_t)len,
                        " %016" PRIx64 ":%016" PRIx64 ":%08" PRIx32 ":%" PRIu32,
                        r->text, r->meta, r->title, r->id);
    }
    snprintf(s + len, cap - (size_t)len, "\n%s", path);
    return s;
}

/* ---- matching -------------------------------------------------------------- */

typedef struct {
    uint64_t text;
    size_t index;
} keyed_t;

static int
cmp_keyed(const void *a, const void *b)
{
    const keyed_t *x = a, *y = b;
    if (x->text != y->text)
        return x->text < y->text ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Pairs the unpaired new interviews NOW[from..to) with the unpaired old
 * ones OLD(lo..hi) (exclusive bounds, -1 and n_old for the file's ends):
 * same titles first, then in order when as many are left on each side. */
static void
pair_gap(const ivs_recstate_t *old, const ivs_recstate_t *now, size_t from,
         size_t to, long lo, long hi, long *out, ivs_match_t *how,
         unsigned char *taken)
{
    for (size_t i = from; i < to; i++)
        for (long o = lo + 1; o < hi; o++)
            if (!taken[o] && out[i] < 0 && old[o].title == now[i].title) {
                out[i] = o;
                taken[o] = 1;
                if (how)
                    how[i] = IVS_MATCH_EDITED;
            }
    size_t left_new = 0, left_old = 0;
    for (size_t i = from; i < to; i++)
        left_new += out[i] < 0;
    for (long o = lo + 1; o < hi; o++)
        left_old += !taken[o];
    if (left_new == 0 || left_new != left_old)
        return;
    long o = lo + 1;
    for (size_t i = from; i < to; i++) {
        if (out[i] >= 0)
            continue;
        while (taken[o])
            o++;
        out[i] = o;
        taken[o] = 1;
        if (how)
            how[i] = IVS_MATCH_EDITED;
    }
}

ivs_status_t
ivs_filestate_match(const ivs_recstate_t *old, size_t n_old,
                    const ivs_recstate_t *now, size_t n_now, long *out,
                    ivs_match_t *how)
{
    for (size_t i = 0; i < n_now; i++) {
        out[i] = -1;
        if (how)
            how[i] = IVS_MATCH_NONE;
    }
    if (n_old == 0 || n_now == 0)
        return IVS_OK;
    keyed_t *keys = malloc(n_old * sizeof *keys);
    unsigned char *taken = calloc(n_old, 1);
    if (!keys || !taken) {
        free(keys);
        free(taken);
        return IVS_ERR_NOMEM;
    }
    /* 1. same text, in file order: the first unpaired old one of equal
     * text (sorted by text, then position) */
    for (size_t o = 0; o < n_old; o++)
        keys[o] = (keyed_t){old[o].text, o};
    qsort(keys, n_old, sizeof *keys, cmp_keyed);
    for (size_t i = 0; i < n_now; i++) {
        size_t lo = 0, hi = n_old;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (keys[mid].text < now[i].text)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (; lo < n_old && keys[lo].text == now[i].text; lo++)
            if (!taken[keys[lo].index]) {
                taken[keys[lo].index] = 1;
                out[i] = (long)keys[lo].index;
                if (how)
                    how[i] = IVS_MATCH_SAME;
                break;
            }
    }
    free(keys);
    /* 2. edited in place: runs of unpaired new interviews between two
     * paired neighbours whose old positions are in order */
    size_t i = 0;
    while (i < n_now) {
        if (out[i] >= 0) {
            i++;
            continue;
        }
        size_t from = i;
        while (i < n_now && out[i] < 0)
            i++;
        long lo = from > 0 ? out[from - 1] : -1;
        long hi = i < n_now ? out[i] : (long)n_old;
        if (lo < hi)
            pair_gap(old, now, from, i, lo, hi, out, how, taken);
    }
    free(taken);
    return IVS_OK;
}

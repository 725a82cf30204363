/* ivs-mkdict: compiles plain-text word lists (and jieba's HMM tables) into
 * the binary dictionary that ivs_dict_open() maps. A build-time tool. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "segment_internal.h"

#define HMM_MIN_LOGP (-1e30f) /* jieba's MIN_FLOAT, kept finite */

struct entry {
    uint32_t *cps; /* normalised code points, then character ids */
    uint32_t len;
    uint64_t freq;
    float penalty; /* subtracted from the log probability */
};

struct builder {
    struct entry *entries;
    size_t n_entries, cap_entries;
    uint64_t skipped_freq; /* frequency of lines that are not Han words */
    size_t skipped;

    float hmm_start[HMM_STATES];
    float hmm_trans[HMM_STATES][HMM_STATES];
    uint32_t *hmm_cps; /* characters with emissions */
    float (*hmm_emit)[HMM_STATES];
    size_t n_hmm, cap_hmm;
    int have_hmm;

    uint32_t *char_id; /* code point -> id, 0x110000 entries */
    uint32_t n_chars;

    struct dict_node *nodes;
    unsigned char *used;
    size_t n_nodes_cap;
    size_t *next_free; /* union-find: next free slot */
    size_t last_used;
    uint64_t total;
};

static const char *progname = "ivs-mkdict";

static void
die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", progname);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void *
xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

/* Normalises WORD (NFKC + case fold, like the analyzer) into code points;
 * returns the count, or 0 when the word is not made of Han characters
 * only (Latin and digits are the analyzer's business, never ours). */
static size_t
normalise_word(const char *word, uint32_t *out, size_t cap)
{
    utf8proc_uint8_t *norm =
        utf8proc_NFKC_Casefold((const utf8proc_uint8_t *)word);
    if (!norm)
        return 0;
    size_t n = 0;
    const utf8proc_uint8_t *p = norm;
    while (*p) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &c);
        if (k <= 0 || !ivs_seg_is_han((uint32_t)c) || n == cap) {
            n = 0;
            break;
        }
        out[n++] = (uint32_t)c;
        p += k;
    }
    free(norm);
    return n;
}

static int
parse_u64(const char *s, uint64_t *out)
{
    if (!*s)
        return 0;
    uint64_t v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > (UINT64_MAX - 9) / 10)
            return 0;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    *out = v;
    return 1;
}

/* Reads one word list: "word [freq] [tag]" per line, '#' comments. Lines
 * without a frequency get DEFAULT_FREQ. */
static void
read_words(struct builder *b, const char *path, uint64_t default_freq,
           const float penalty[2])
{
    FILE *f = fopen(path, "r");
    if (!f)
        die("%s: %s", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    size_t lineno = 0;
    ssize_t len;
    uint32_t cps[IVS_DICT_MAX_WORD];
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        char *p = line;
        if (lineno == 1 && strncmp(p, "\xEF\xBB\xBF", 3) == 0)
            p += 3;
        char *fields[3];
        int nf = 0;
        for (char *tok = strtok(p, " \t\r\n"); tok && nf < 3;
             tok = strtok(NULL, " \t\r\n")) {
            if (tok[0] == '#')
                break;
            fields[nf++] = tok;
        }
        if (nf == 0)
            continue;
        uint64_t freq = default_freq;
        if (nf >= 2 && !parse_u64(fields[1], &freq))
            die("%s:%zu: bad frequency '%s'", path, lineno, fields[1]);
        size_t n = normalise_word(fields[0], cps, IVS_DICT_MAX_WORD);
        if (n == 0) {
            b->skipped++;
            b->skipped_freq += freq;
            continue;
        }
        if (b->n_entries == b->cap_entries) {
            b->cap_entries = b->cap_entries ? 2 * b->cap_entries : 1 << 16;
            b->entries =
                xrealloc(b->entries, b->cap_entries * sizeof *b->entries);
        }
        struct entry *e = &b->entries[b->n_entries++];
        e->cps = xrealloc(NULL, n * sizeof *cps);
        memcpy(e->cps, cps, n * sizeof *cps);
        e->len = (uint32_t)n;
        e->freq = freq;
        e->penalty = n == 3 ? penalty[0] : n >= 4 ? penalty[1] : 0;
    }
    if (ferror(f))
        die("%s: %s", path, strerror(errno));
    free(line);
    fclose(f);
}

static int
state_index(const char *s)
{
    static const char names[] = "BMES";
    if (s[0] && !s[1] && strchr(names, s[0]))
        return (int)(strchr(names, s[0]) - names);
    return -1;
}

static float
parse_logp(const char *path, size_t lineno, const char *s)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (*end || errno == ERANGE || v > 0)
        die("%s:%zu: bad log probability '%s'", path, lineno, s);
    return v < HMM_MIN_LOGP ? HMM_MIN_LOGP : (float)v;
}

/* Reads the HMM tables: "start S P", "trans S T P", "emit S CHAR P". */
static void
read_hmm(struct builder *b, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die("%s: %s", path, strerror(errno));
    for (int s = 0; s < HMM_STATES; s++) {
        b->hmm_start[s] = HMM_MIN_LOGP;
        for (int t = 0; t < HMM_STATES; t++)
            b->hmm_trans[s][t] = HMM_MIN_LOGP;
    }
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    while (getline(&line, &cap, f) >= 0) {
        lineno++;
        char *fields[4];
        int nf = 0;
        for (char *tok = strtok(line, " \t\r\n"); tok && nf < 4;
             tok = strtok(NULL, " \t\r\n"))
            fields[nf++] = tok;
        if (nf == 0 || fields[0][0] == '#')
            continue;
        int s = nf >= 2 ? state_index(fields[1]) : -1;
        if (s < 0)
            die("%s:%zu: bad line", path, lineno);
        if (strcmp(fields[0], "start") == 0 && nf == 3) {
            b->hmm_start[s] = parse_logp(path, lineno, fields[2]);
        } else if (strcmp(fields[0], "trans") == 0 && nf == 4) {
            int t = state_index(fields[2]);
            if (t < 0)
                die("%s:%zu: bad state", path, lineno);
            b->hmm_trans[s][t] = parse_logp(path, lineno, fields[3]);
        } else if (strcmp(fields[0], "emit") == 0 && nf == 4) {
            uint32_t cp[2];
            if (normalise_word(fields[2], cp, 2) != 1)
                continue; /* not a Han character: never reaches us */
            size_t i;
            for (i = 0; i < b->n_hmm && b->hmm_cps[i] != cp[0]; i++)
                ;
            if (i == b->n_hmm) {
                if (b->n_hmm == b->cap_hmm) {
                    b->cap_hmm = b->cap_hmm ? 2 * b->cap_hmm : 1 << 14;
                    b->hmm_cps =
                        xrealloc(b->hmm_cps, b->cap_hmm * sizeof *b->hmm_cps);
                    b->hmm_emit =
                        xrealloc(b->hmm_emit, b->cap_hmm * sizeof *b->hmm_emit);
                }
                b->hmm_cps[i] = cp[0];
                for (int k = 0; k < HMM_STATES; k++)
                    b->hmm_emit[i][k] = HMM_MIN_LOGP;
                b->n_hmm++;
            }
            b->hmm_emit[i][s] = parse_logp(path, lineno, fields[3]);
        } else {
            die("%s:%zu: bad line", path, lineno);
        }
    }
    free(line);
    fclose(f);
    if (b->n_hmm == 0)
        die("%s: no emission probabilities", path);
    b->have_hmm = 1;
}

static int
cmp_cps(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb)
{
    uint32_t n = na < nb ? na : nb;
    for (uint32_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return na < nb ? -1 : na > nb;
}

static int
cmp_entry(const void *pa, const void *pb)
{
    const struct entry *a = pa, *b = pb;
    return cmp_cps(a->cps, a->len, b->cps, b->len);
}

static double
entry_weight(const struct entry *e)
{
    return log((double)e->freq + 1e-9) - e->penalty;
}

/* Sorts the entries and merges duplicates (the highest weight wins: a
 * later list may raise a word, never lower it). */
static void
merge_duplicates(struct builder *b)
{
    qsort(b->entries, b->n_entries, sizeof *b->entries, cmp_entry);
    size_t out = 0;
    for (size_t i = 0; i < b->n_entries; i++) {
        if (out > 0 && cmp_entry(&b->entries[out - 1], &b->entries[i]) == 0) {
            if (entry_weight(&b->entries[i]) >
                entry_weight(&b->entries[out - 1])) {
                b->entries[out - 1].freq = b->entries[i].freq;
                b->entries[out - 1].penalty = b->entries[i].penalty;
            }
            free(b->entries[i].cps);
            continue;
        }
        b->entries[out++] = b->entries[i];
    }
    b->n_entries = out;
}

struct char_count {
    uint32_t cp;
    uint64_t count;
};

static int
cmp_char_count(const void *pa, const void *pb)
{
    const struct char_count *a = pa, *b = pb;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return a->cp < b->cp ? -1 : a->cp > b->cp;
}

/* Gives every character a dense id, the most frequent first, so the busy
 * part of the trie stays compact. */
static void
assign_char_ids(struct builder *b)
{
    uint64_t *count = xrealloc(NULL, 0x110000 * sizeof *count);
    memset(count, 0, 0x110000 * sizeof *count);
    for (size_t i = 0; i < b->n_entries; i++)
        for (uint32_t k = 0; k < b->entries[i].len; k++)
            count[b->entries[i].cps[k]] += b->entries[i].freq + 2;
    for (size_t i = 0; i < b->n_hmm; i++)
        count[b->hmm_cps[i]] += 1;
    size_t n = 0;
    for (uint32_t c = 0; c < 0x110000; c++)
        n += count[c] > 0;
    struct char_count *list = xrealloc(NULL, n * sizeof *list);
    n = 0;
    for (uint32_t c = 0; c < 0x110000; c++)
        if (count[c])
            list[n++] = (struct char_count){c, count[c]};
    qsort(list, n, sizeof *list, cmp_char_count);
    if (n >= 0xFFFF)
        die("too many distinct characters (%zu)", n);
    b->char_id = xrealloc(NULL, 0x110000 * sizeof *b->char_id);
    memset(b->char_id, 0, 0x110000 * sizeof *b->char_id);
    for (size_t i = 0; i < n; i++)
        b->char_id[list[i].cp] = (uint32_t)(i + 1);
    b->n_chars = (uint32_t)n;
    free(list);
    free(count);
}

static void
grow_nodes(struct builder *b, size_t need)
{
    size_t cap = b->n_nodes_cap ? b->n_nodes_cap : 1 << 16;
    while (cap < need)
        cap *= 2;
    b->nodes = xrealloc(b->nodes, cap * sizeof *b->nodes);
    b->used = xrealloc(b->used, cap);
    b->next_free = xrealloc(b->next_free, cap * sizeof *b->next_free);
    for (size_t i = b->n_nodes_cap; i < cap; i++) {
        b->nodes[i] = (struct dict_node){0, IVS_DICT_FREE, IVS_DICT_NOT_WORD};
        b->used[i] = 0;
        b->next_free[i] = i;
    }
    b->n_nodes_cap = cap;
}

static inline void
ensure_nodes(struct builder *b, size_t need)
{
    if (need > b->n_nodes_cap)
        grow_nodes(b, need);
}

/* The first free slot at or after I (a union-find over used slots, so
 * that long used stretches are skipped in one step). */
static size_t
free_slot(struct builder *b, size_t i)
{
    ensure_nodes(b, i + 1);
    size_t root = i;
    while (b->next_free[root] != root) {
        root = b->next_free[root];
        ensure_nodes(b, root + 1);
    }
    while (b->next_free[i] != root) {
        size_t next = b->next_free[i];
        b->next_free[i] = root;
        i = next;
    }
    return root;
}

static void
use_slot(struct builder *b, size_t t)
{
    b->used[t] = 1;
    b->next_free[t] = t + 1;
    if (t > b->last_used)
        b->last_used = t;
}

/* Finds the lowest base for the children LABELS[0..K) (ascending ids) such
 * that every slot base + label is free. A base may be negative: lookups of
 * other labels then fall outside the array and fail the bounds check. */
static int32_t
find_base(struct builder *b, const uint32_t *labels, size_t k)
{
    /* First fit over the free slots only. Scanning from the start every
     * time costs a few seconds at build time and packs the array to about
     * 70 %, against 35 % with darts' skip-ahead heuristic: a smaller trie
     * is a faster one. */
    for (size_t pos = free_slot(b, 1);; pos = free_slot(b, pos + 1)) {
        ensure_nodes(b, pos + labels[k - 1] - labels[0] + 1);
        size_t j;
        for (j = 1; j < k && !b->used[pos + labels[j] - labels[0]]; j++)
            ;
        if (j == k)
            return (int32_t)((int64_t)pos - labels[0]);
    }
}

/* A trie node waiting for its children to be placed: the words of
 * entries[lo..hi) share its DEPTH first characters. */
struct pending {
    double weight; /* frequency of the words below: how often it is walked */
    size_t lo, hi;
    uint32_t depth;
    uint32_t slot;
};

struct heap {
    struct pending *items;
    size_t n, cap;
};

static void
heap_push(struct heap *h, struct pending p)
{
    if (h->n == h->cap) {
        h->cap = h->cap ? 2 * h->cap : 1 << 16;
        h->items = xrealloc(h->items, h->cap * sizeof *h->items);
    }
    size_t i = h->n++;
    while (i > 0 && h->items[(i - 1) / 2].weight < p.weight) {
        h->items[i] = h->items[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h->items[i] = p;
}

static struct pending
heap_pop(struct heap *h)
{
    struct pending top = h->items[0];
    struct pending last = h->items[--h->n];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= h->n)
            break;
        if (c + 1 < h->n && h->items[c + 1].weight > h->items[c].weight)
            c++;
        if (h->items[c].weight <= last.weight)
            break;
        h->items[i] = h->items[c];
        i = c;
    }
    if (h->n)
        h->items[i] = last;
    return top;
}

/* Places the children of node P and queues them. */
static void
place_children(struct builder *b, struct heap *heap, const double *prefix,
               struct pending p)
{
    size_t lo = p.lo, hi = p.hi;
    if (lo < hi && b->entries[lo].len == p.depth)
        lo++; /* the word that ends here */
    if (lo == hi)
        return;
    size_t k = 0;
    for (size_t i = lo; i < hi; i++)
        k += i == lo ||
             b->entries[i].cps[p.depth] != b->entries[i - 1].cps[p.depth];
    uint32_t *labels = xrealloc(NULL, k * sizeof *labels);
    size_t *starts = xrealloc(NULL, (k + 1) * sizeof *starts);
    k = 0;
    for (size_t i = lo; i < hi; i++) {
        uint32_t c = b->entries[i].cps[p.depth];
        if (k == 0 || labels[k - 1] != c) {
            labels[k] = c;
            starts[k] = i;
            k++;
        }
    }
    starts[k] = hi;
    int32_t base = find_base(b, labels, k);
    b->nodes[p.slot].base = base;
    for (size_t j = 0; j < k; j++) {
        size_t t = (size_t)(base + (int64_t)labels[j]);
        use_slot(b, t);
        b->nodes[t].check = p.slot;
        const struct entry *e = &b->entries[starts[j]];
        if (e->len == p.depth + 1 && e->freq > 0)
            b->nodes[t].logp =
                (float)(log((double)e->freq / (double)b->total) - e->penalty);
        heap_push(heap,
                  (struct pending){prefix[starts[j + 1]] - prefix[starts[j]],
                                   starts[j], starts[j + 1], p.depth + 1,
                                   (uint32_t)t});
    }
    free(labels);
    free(starts);
}

/* Builds the double array. Nodes are placed heaviest first, so the part of
 * the trie that text walks most is packed at the front of the array and
 * stays in cache. */
static void
build_trie(struct builder *b)
{
    /* Words as character ids, sorted by id for the range recursion. */
    for (size_t i = 0; i < b->n_entries; i++)
        for (uint32_t k = 0; k < b->entries[i].len; k++)
            b->entries[i].cps[k] = b->char_id[b->entries[i].cps[k]];
    qsort(b->entries, b->n_entries, sizeof *b->entries, cmp_entry);
    double *prefix = xrealloc(NULL, (b->n_entries + 1) * sizeof *prefix);
    prefix[0] = 0;
    for (size_t i = 0; i < b->n_entries; i++)
        prefix[i + 1] = prefix[i] + (double)b->entries[i].freq + 1;
    ensure_nodes(b, (size_t)b->n_chars + 2);
    use_slot(b, 0); /* the root */
    struct heap heap = {0};
    heap_push(&heap,
              (struct pending){prefix[b->n_entries], 0, b->n_entries, 0, 0});
    while (heap.n)
        place_children(b, &heap, prefix, heap_pop(&heap));
    free(heap.items);
    free(prefix);
}

static uint64_t
compute_checksum(const struct builder *b)
{
    /* Over the words in trie order (ids are a function of the words) as
     * code points, so the checksum names the words, not the layout. */
    uint32_t *id_to_cp = xrealloc(NULL, ((size_t)b->n_chars + 1) * 4);
    for (uint32_t c = 0; c < 0x110000; c++)
        if (b->char_id[c])
            id_to_cp[b->char_id[c]] = c;
    uint64_t h = IVS_DICT_HASH_SEED;
    for (size_t i = 0; i < b->n_entries; i++) {
        const struct entry *e = &b->entries[i];
        for (uint32_t k = 0; k < e->len; k++)
            h = ivs_dict_hash_bytes(h, &id_to_cp[e->cps[k]], 4);
        h = ivs_dict_hash_bytes(h, &e->freq, sizeof e->freq);
        h = ivs_dict_hash_bytes(h, &e->penalty, sizeof e->penalty);
    }
    h = ivs_dict_hash_bytes(h, &b->total, sizeof b->total);
    if (b->have_hmm) {
        h = ivs_dict_hash_bytes(h, b->hmm_start, sizeof b->hmm_start);
        h = ivs_dict_hash_bytes(h, b->hmm_trans, sizeof b->hmm_trans);
        for (size_t i = 0; i < b->n_hmm; i++) {
            h = ivs_dict_hash_bytes(h, &b->hmm_cps[i], 4);
            h = ivs_dict_hash_bytes(h, b->hmm_emit[i], sizeof b->hmm_emit[i]);
        }
    }
    free(id_to_cp);
    return ivs_dict_mix(h);
}

static void
write_all(FILE *f, const void *data, size_t len, const char *path)
{
    if (len && fwrite(data, 1, len, f) != len)
        die("%s: %s", path, strerror(errno));
}

static void
pad8(FILE *f, uint64_t *pos, const char *path)
{
    static const char zeros[8];
    size_t pad = (size_t)((8 - *pos % 8) % 8);
    write_all(f, zeros, pad, path);
    *pos += pad;
}

static void
write_dict(struct builder *b, const char *path)
{
    /* Character map: a page table over code point >> 8. */
    uint16_t *top = xrealloc(NULL, IVS_DICT_CHARMAP_PAGES * 2);
    memset(top, 0, IVS_DICT_CHARMAP_PAGES * 2);
    uint32_t n_pages = 1;
    for (uint32_t page = 0; page < IVS_DICT_CHARMAP_PAGES; page++) {
        for (uint32_t c = page << 8; c < ((page + 1) << 8); c++) {
            if (b->char_id[c]) {
                top[page] = (uint16_t)n_pages++;
                break;
            }
        }
    }
    uint16_t *pages = xrealloc(NULL, (size_t)n_pages * 256 * 2);
    memset(pages, 0, (size_t)n_pages * 256 * 2);
    for (uint32_t c = 0; c < 0x110000; c++)
        if (b->char_id[c])
            pages[(size_t)top[c >> 8] * 256 + (c & 255)] =
                (uint16_t)b->char_id[c];

    size_t n_nodes = b->last_used + 1;
    /* Every lookup base + id must stay inside the array or fail the
     * bounds check: ids never exceed n_chars, nothing more is needed. */
    float *emit = NULL;
    size_t n_emit = 0;
    if (b->have_hmm) {
        n_emit = ((size_t)b->n_chars + 1) * HMM_STATES;
        emit = xrealloc(NULL, n_emit * sizeof *emit);
        for (size_t i = 0; i < n_emit; i++)
            emit[i] = HMM_MIN_LOGP;
        for (size_t i = 0; i < b->n_hmm; i++)
            memcpy(&emit[(size_t)b->char_id[b->hmm_cps[i]] * HMM_STATES],
                   b->hmm_emit[i], sizeof b->hmm_emit[i]);
    }

    struct dict_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, IVS_DICT_MAGIC, 8);
    h.version = IVS_DICT_VERSION;
    h.endian_mark = IVS_DICT_ENDIAN_MARK;
    h.checksum = compute_checksum(b);
    h.total_freq = b->total;
    h.n_words = (uint32_t)b->n_entries;
    h.n_nodes = (uint32_t)n_nodes;
    h.n_chars = b->n_chars;
    h.n_pages = n_pages;
    h.n_hmm = b->have_hmm ? 1 : 0;
    h.unknown_logp = (float)log(1.0 / (double)b->total);
    for (size_t i = 0; i < b->n_entries; i++)
        if (b->entries[i].len > h.max_word_len)
            h.max_word_len = b->entries[i].len;
    uint64_t pos = sizeof h;
    pos += (8 - pos % 8) % 8;
    h.charmap_offset = pos;
    pos += (uint64_t)IVS_DICT_CHARMAP_PAGES * 2 + (uint64_t)n_pages * 512;
    pos += (8 - pos % 8) % 8;
    h.trie_offset = pos;
    pos += (uint64_t)n_nodes * sizeof(struct dict_node);
    pos += (8 - pos % 8) % 8;
    h.hmm_offset = b->have_hmm ? pos : 0;
    if (b->have_hmm)
        pos += (n_emit + HMM_STATES + HMM_STATES * HMM_STATES) * 4;
    h.file_size = pos;
    h.header_hash =
        ivs_dict_mix(ivs_dict_hash_bytes(IVS_DICT_HASH_SEED, &h, sizeof h));

    size_t plen = strlen(path);
    char *tmp = xrealloc(NULL, plen + 5);
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, ".tmp", 5);
    FILE *f = fopen(tmp, "wb");
    if (!f)
        die("%s: %s", tmp, strerror(errno));
    pos = 0;
    write_all(f, &h, sizeof h, tmp);
    pos += sizeof h;
    pad8(f, &pos, tmp);
    write_all(f, top, IVS_DICT_CHARMAP_PAGES * 2, tmp);
    write_all(f, pages, (size_t)n_pages * 512, tmp);
    pos += (uint64_t)IVS_DICT_CHARMAP_PAGES * 2 + (uint64_t)n_pages * 512;
    pad8(f, &pos, tmp);
    write_all(f, b->nodes, n_nodes * sizeof(struct dict_node), tmp);
    pos += (uint64_t)n_nodes * sizeof(struct dict_node);
    pad8(f, &pos, tmp);
    if (b->have_hmm) {
        write_all(f, emit, n_emit * sizeof *emit, tmp);
        write_all(f, b->hmm_start, sizeof b->hmm_start, tmp);
        write_all(f, b->hmm_trans, sizeof b->hmm_trans, tmp);
    }
    if (fclose(f) != 0)
        die("%s: %s", tmp, strerror(errno));
    if (rename(tmp, path) != 0)
        die("%s: %s", path, strerror(errno));
    fprintf(stderr,
            "%s: %s: %u words (%zu lines skipped), %u characters, "
            "%zu trie slots, %llu bytes\n",
            progname, path, h.n_words, b->skipped, h.n_chars, n_nodes,
            (unsigned long long)h.file_size);
    free(tmp);
    free(emit);
    free(pages);
    free(top);
}

static void
usage(void)
{
    fprintf(stderr,
            "usage: %s -o OUTPUT [--hmm HMM.txt] "
            "[[--default-freq N] [--long-word-penalty P3,P4] WORDS.txt]...\n"
            "WORDS.txt: one \"word [freq] [tag]\" per line, '#' comments.\n"
            "--default-freq: frequency of later lines without one "
            "(default 3).\n"
            "--long-word-penalty: subtracted from the log probability of "
            "later words\nof 3 and of 4 or more characters (default "
            "0,0).\n",
            progname);
    exit(2);
}

int
main(int argc, char **argv)
{
    struct builder b;
    memset(&b, 0, sizeof b);
    const char *out = NULL;
    uint64_t default_freq = 3;
    float penalty[2] = {0, 0};
    int n_lists = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
            out = argv[++i];
        } else if (strcmp(argv[i], "--hmm") == 0 && i + 1 < argc) {
            read_hmm(&b, argv[++i]);
        } else if (strcmp(argv[i], "--default-freq") == 0 && i + 1 < argc) {
            if (!parse_u64(argv[++i], &default_freq))
                usage();
        } else if (strcmp(argv[i], "--long-word-penalty") == 0 &&
                   i + 1 < argc) {
            char *end;
            penalty[0] = strtof(argv[++i], &end);
            if (*end != ',')
                usage();
            penalty[1] = strtof(end + 1, &end);
            if (*end || !(penalty[0] >= 0) || !(penalty[1] >= 0))
                usage();
        } else if (argv[i][0] == '-') {
            usage();
        } else {
            read_words(&b, argv[i], default_freq, penalty);
            n_lists++;
        }
    }
    if (!out || n_lists == 0)
        usage();
    merge_duplicates(&b);
    b.total = b.skipped_freq;
    for (size_t i = 0; i < b.n_entries; i++)
        b.total += b.entries[i].freq;
    if (b.total == 0)
        die("no words with a frequency");
    assign_char_ids(&b);
    build_trie(&b);
    write_dict(&b, out);
    for (size_t i = 0; i < b.n_entries; i++)
        free(b.entries[i].cps);
    free(b.entries);
    free(b.nodes);
    free(b.used);
    free(b.next_free);
    free(b.char_id);
    free(b.hmm_cps);
    free(b.hmm_emit);
    return 0;
}

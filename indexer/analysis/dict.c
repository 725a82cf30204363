/* The compiled word dictionary: mapping and checking the file written by
 * ivs-mkdict, and user words added in memory on top of it. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utf8proc.h>

#include "ivs/grow.h"
#include "segment_internal.h"

/* Frequency floor for user words given without one: a word a user bothered
 * to add should win in context, not only in isolation (jieba's
 * suggest_freq), so it gets at least the weight of a common word. */
#define USER_DEFAULT_FREQ 2000u

static int
range_ok(uint64_t offset, uint64_t len, uint64_t limit)
{
    return offset % 8 == 0 && offset <= limit && len <= limit - offset;
}

/* Checks everything that lookups index without a bounds check: the header,
 * the section layout and the character map's page table. Character ids and
 * trie steps are bounds-checked on every lookup, so a damaged body gives
 * odd words, never a crash. */
static ivs_status_t
validate(struct ivs_dict *d, uint64_t file_size)
{
    const struct dict_header *h = d->map;
    if (file_size < sizeof *h || memcmp(h->magic, IVS_DICT_MAGIC, 8) != 0 ||
        h->version != IVS_DICT_VERSION ||
        h->endian_mark != IVS_DICT_ENDIAN_MARK || h->file_size != file_size)
        return IVS_ERR_CORRUPT;
    struct dict_header copy = *h;
    copy.header_hash = 0;
    if (ivs_dict_mix(ivs_dict_hash_bytes(IVS_DICT_HASH_SEED, &copy,
                                         sizeof copy)) != h->header_hash)
        return IVS_ERR_CORRUPT;
    if (h->n_pages == 0 || h->n_pages > IVS_DICT_CHARMAP_PAGES + 1 ||
        h->n_chars >= 0xFFFF || h->n_nodes == 0 ||
        h->max_word_len > IVS_DICT_MAX_WORD || h->n_hmm > 1 ||
        !(h->unknown_logp < 0) || !isfinite(h->unknown_logp))
        return IVS_ERR_CORRUPT;
    uint64_t charmap_len =
        (uint64_t)IVS_DICT_CHARMAP_PAGES * 2 + (uint64_t)h->n_pages * 512;
    uint64_t trie_len = (uint64_t)h->n_nodes * sizeof(struct dict_node);
    uint64_t hmm_len = h->n_hmm ? ((uint64_t)h->n_chars + 1 + 1 + HMM_STATES) *
                                      HMM_STATES * sizeof(float)
                                : 0;
    if (h->charmap_offset < sizeof *h ||
        !range_ok(h->charmap_offset, charmap_len, h->trie_offset) ||
        !range_ok(h->trie_offset, trie_len, file_size) ||
        (h->n_hmm && (h->hmm_offset < h->trie_offset + trie_len ||
                      !range_ok(h->hmm_offset, hmm_len, file_size))))
        return IVS_ERR_CORRUPT;

    const char *base = d->map;
    d->header = h;
    d->charmap_top = (const uint16_t *)(base + h->charmap_offset);
    d->charmap_pages = d->charmap_top + IVS_DICT_CHARMAP_PAGES;
    for (uint32_t i = 0; i < IVS_DICT_CHARMAP_PAGES; i++)
        if (d->charmap_top[i] >= h->n_pages)
            return IVS_ERR_CORRUPT;
    /* The pages themselves are not read here (each page of the file
     * touched costs a fault): ivs_dict_char_id() clamps their ids. */
    d->nodes = (const struct dict_node *)(base + h->trie_offset);
    d->n_nodes = h->n_nodes;
    d->max_word_len = h->max_word_len;
    d->n_chars = h->n_chars;
    d->unknown_logp = h->unknown_logp;
    if (h->n_hmm) {
        d->hmm_emit = (const float *)(base + h->hmm_offset);
        d->hmm_start = d->hmm_emit + ((size_t)h->n_chars + 1) * HMM_STATES;
        d->hmm_trans = d->hmm_start + HMM_STATES;
    }
    d->checksum = h->checksum;
    return IVS_OK;
}

ivs_status_t
ivs_dict_open(const char *path, ivs_dict_t **out)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOMEM ? IVS_ERR_NOMEM : IVS_ERR_IO;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        close(fd);
        return IVS_ERR_IO;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return S_ISDIR(st.st_mode) ? IVS_ERR_IO : IVS_ERR_CORRUPT;
    }
    if ((uint64_t)st.st_size < sizeof(struct dict_header) ||
        (uint64_t)st.st_size > SIZE_MAX) {
        close(fd);
        return IVS_ERR_CORRUPT;
    }
    struct ivs_dict *d = calloc(1, sizeof *d);
    if (!d) {
        close(fd);
        return IVS_ERR_NOMEM;
    }
    d->map_size = (size_t)st.st_size;
    d->map = mmap(NULL, d->map_size, PROT_READ, MAP_PRIVATE, fd, 0);
    int map_errno = errno;
    close(fd);
    if (d->map == MAP_FAILED) {
        free(d);
        return map_errno == ENOMEM ? IVS_ERR_NOMEM : IVS_ERR_IO;
    }
    ivs_status_t status = validate(d, (uint64_t)st.st_size);
    if (status != IVS_OK) {
        munmap(d->map, d->map_size);
        free(d);
        return status;
    }
    *out = d;
    return IVS_OK;
}

void
ivs_dict_close(ivs_dict_t *dict)
{
    if (!dict)
        return;
    munmap(dict->map, dict->map_size);
    free(dict->user);
    free(dict->user_cps);
    free(dict);
}

uint64_t
ivs_dict_checksum(const ivs_dict_t *dict)
{
    return dict ? dict->checksum : 0;
}

/* ---- user words ---- */

static uint64_t
user_hash(const uint32_t *cps, size_t n)
{
    uint64_t h = IVS_DICT_HASH_SEED;
    for (size_t i = 0; i < n; i++)
        h = ivs_dict_user_step(h, cps[i]);
    return h;
}

const struct user_entry *
ivs_dict_user_probe(const struct ivs_dict *dict, uint64_t hash,
                    const uint32_t *cps, size_t n)
{
    size_t mask = dict->user_cap - 1;
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        const struct user_entry *e = &dict->user[i];
        if (e->hash == 0)
            return NULL;
        if (e->hash == hash && e->len == n &&
            memcmp(dict->user_cps + e->key, cps, n * sizeof *cps) == 0)
            return e;
    }
}

const struct user_entry *
ivs_dict_user_find(const struct ivs_dict *dict, const uint32_t *cps, size_t n)
{
    if (!dict->user || n == 0 || n > dict->user_max_len)
        return NULL;
    return ivs_dict_user_probe(dict, user_hash(cps, n), cps, n);
}

static float
trie_logp(const struct ivs_dict *dict, const uint32_t *cps, size_t n)
{
    uint32_t s = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t id = ivs_dict_char_id(dict, cps[i]);
        if (id == 0 || (s = ivs_dict_child(dict, s, id)) == UINT32_MAX)
            return IVS_DICT_NOT_WORD;
    }
    return n ? dict->nodes[s].logp : IVS_DICT_NOT_WORD;
}

float
ivs_dict_word_logp(const struct ivs_dict *dict, const uint32_t *cps, size_t n)
{
    const struct user_entry *e = ivs_dict_user_find(dict, cps, n);
    if (e && e->is_word)
        return e->logp;
    return trie_logp(dict, cps, n);
}

static float
freq_logp(const struct ivs_dict *dict, uint64_t freq)
{
    if (freq == 0)
        return IVS_DICT_NOT_WORD;
    return (float)log((double)freq / (double)dict->header->total_freq);
}

/* The checksum share of one user word: zero when it changes nothing. */
static uint64_t
user_share(const struct ivs_dict *dict, const uint32_t *cps, size_t n,
           float logp, uint32_t freq)
{
    if (logp == trie_logp(dict, cps, n))
        return 0;
    uint64_t h = ivs_dict_hash_bytes(IVS_DICT_HASH_SEED, cps, n * 4);
    h = ivs_dict_hash_bytes(h, &freq, sizeof freq);
    return ivs_dict_mix(h);
}

static ivs_status_t
user_grow(struct ivs_dict *dict, size_t need)
{
    if (need * 2 <= dict->user_cap)
        return IVS_OK;
    size_t cap = dict->user_cap ? dict->user_cap : 256;
    while (need * 2 > cap)
        cap *= 2;
    struct user_entry *table = calloc(cap, sizeof *table);
    if (!table)
        return IVS_ERR_NOMEM;
    for (size_t i = 0; i < dict->user_cap; i++) {
        struct user_entry *e = &dict->user[i];
        if (e->hash == 0)
            continue;
        size_t j = (size_t)e->hash & (cap - 1);
        while (table[j].hash != 0)
            j = (j + 1) & (cap - 1);
        table[j] = *e;
    }
    free(dict->user);
    dict->user = table;
    dict->user_cap = cap;
    return IVS_OK;
}

/* Adds or replaces the user word CPS[0..N) with FREQ, and its prefixes. */
static ivs_status_t
user_add(struct ivs_dict *dict, const uint32_t *cps, size_t n, uint32_t freq)
{
    ivs_status_t status = user_grow(dict, dict->user_used + n);
    if (status != IVS_OK)
        return status;
    if (ivs_grow(&dict->user_cps, &dict->user_cps_cap, dict->user_cps_len + n,
                 sizeof *dict->user_cps, 1024) < 0)
        return IVS_ERR_NOMEM;
    uint32_t key = (uint32_t)dict->user_cps_len;
    memcpy(dict->user_cps + key, cps, n * sizeof *cps);
    dict->user_cps_len += n;

    uint64_t h = IVS_DICT_HASH_SEED;
    size_t mask = dict->user_cap - 1;
    for (size_t len = 1; len <= n; len++) {
        h = ivs_dict_user_step(h, cps[len - 1]);
        size_t i = (size_t)h & mask;
        struct user_entry *e;
        for (;; i = (i + 1) & mask) {
            e = &dict->user[i];
            if (e->hash == 0 ||
                (e->hash == h && e->len == len &&
                 memcmp(dict->user_cps + e->key, cps, len * 4) == 0))
                break;
        }
        if (e->hash == 0) {
            *e = (struct user_entry){.hash = h,
                                     .key = key,
                                     .len = (uint16_t)len,
                                     .logp = IVS_DICT_NOT_WORD};
            dict->user_used++;
        }
        if (len == n) {
            if (e->is_word)
                dict->checksum -= user_share(dict, cps, n, e->logp, e->freq);
            e->is_word = 1;
            e->freq = freq;
            e->logp = freq_logp(dict, freq);
            dict->checksum += user_share(dict, cps, n, e->logp, freq);
        }
    }
    if (n > dict->user_max_len)
        dict->user_max_len = (uint32_t)n;
    if (n > dict->max_word_len)
        dict->max_word_len = (uint32_t)n;
    return IVS_OK;
}

/* The frequency jieba's suggest_freq would give CPS[0..N) so that it beats
 * its best split, raised to USER_DEFAULT_FREQ. */
static uint32_t
suggest_freq(const struct ivs_dict *dict, const uint32_t *cps, size_t n)
{
    double best[IVS_DICT_MAX_WORD + 1];
    best[n] = 0;
    for (size_t i = n; i-- > 0;) {
        best[i] = -INFINITY;
        for (size_t j = i + 1; j <= n; j++) {
            if (i == 0 && j == n)
                continue;
            float lp = ivs_dict_word_logp(dict, cps + i, j - i);
            if (lp == IVS_DICT_NOT_WORD)
                lp = j == i + 1 ? dict->unknown_logp : -INFINITY;
            if (lp + best[j] > best[i])
                best[i] = lp + best[j];
        }
    }
    double freq =
        n > 1 ? exp(best[0]) * (double)dict->header->total_freq + 1 : 1;
    float lp = ivs_dict_word_logp(dict, cps, n);
    if (lp != IVS_DICT_NOT_WORD) {
        double have = exp((double)lp) * (double)dict->header->total_freq + 0.5;
        if (have > freq)
            freq = have;
    }
    if (freq < USER_DEFAULT_FREQ)
        freq = USER_DEFAULT_FREQ;
    return freq > UINT32_MAX ? UINT32_MAX : (uint32_t)freq;
}

struct user_line {
    uint32_t key; /* offset into the parse buffer */
    uint32_t len;
    int has_freq;
    uint32_t freq;
};

static int
parse_freq(const char *s, uint32_t *out)
{
    uint64_t v = 0;
    if (!*s)
        return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return 0;
        v = v * 10 + (uint64_t)(*s - '0');
        if (v > UINT32_MAX)
            return 0;
    }
    *out = (uint32_t)v;
    return 1;
}

/* Normalises WORD like the analyzer. Returns 1 with the code points in OUT,
 * 0 when the word has characters the segmenter never sees (it is ignored),
 * -1 when it is not valid UTF-8 or too long. */
static int
normalise_user_word(const char *word, uint32_t *out, size_t *n)
{
    /* The flags of utf8proc_NFKC_Casefold(), which does not report
     * invalid UTF-8. */
    utf8proc_uint8_t *norm = NULL;
    utf8proc_ssize_t r =
        utf8proc_map((const utf8proc_uint8_t *)word, 0, &norm,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                         UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
    if (r < 0)
        return -1;
    int result = 1;
    *n = 0;
    for (const utf8proc_uint8_t *p = norm; *p;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &c);
        if (k <= 0) {
            result = -1;
            break;
        }
        if (*n == IVS_DICT_MAX_WORD) {
            result = -1;
            break;
        }
        if (!ivs_seg_is_han((uint32_t)c))
            result = 0;
        out[(*n)++] = (uint32_t)c;
        p += k;
    }
    free(norm);
    return result;
}

ivs_status_t
ivs_dict_add_user(ivs_dict_t *dict, const char *path, size_t *bad_line)
{
    if (bad_line)
        *bad_line = 0;
    if (!dict || !path)
        return IVS_ERR_INPUT;
    FILE *f = fopen(path, "r");
    if (!f)
        return errno == ENOMEM ? IVS_ERR_NOMEM : IVS_ERR_IO;
    ivs_status_t status = IVS_OK;
    struct user_line *lines = NULL;
    size_t n_lines = 0, cap_lines = 0;
    uint32_t *pool = NULL;
    size_t pool_len = 0, pool_cap = 0;
    char *line = NULL;
    size_t line_cap = 0, lineno = 0;
    ssize_t len;

    /* Parse the whole file first: a bad line adds nothing. */
    while ((len = getline(&line, &line_cap, f)) >= 0) {
        lineno++;
        char *p = line;
        if (lineno == 1 && strncmp(p, "\xEF\xBB\xBF", 3) == 0)
            p += 3;
        if (memchr(line, '\0', (size_t)len)) {
            status = IVS_ERR_INPUT;
            break;
        }
        char *fields[4];
        int nf = 0;
        for (char *tok = strtok(p, " \t\r\n\v\f"); tok;
             tok = strtok(NULL, " \t\r\n\v\f")) {
            if (tok[0] == '#')
                break;
            if (nf == 3) {
                nf = 4;
                break;
            }
            fields[nf++] = tok;
        }
        if (nf == 0)
            continue;
        struct user_line ul = {0};
        if (nf > 3 || (nf >= 2 && !parse_freq(fields[1], &ul.freq))) {
            status = IVS_ERR_INPUT;
            break;
        }
        ul.has_freq = nf >= 2;
        uint32_t cps[IVS_DICT_MAX_WORD];
        size_t n;
        int r = normalise_user_word(fields[0], cps, &n);
        if (r < 0) {
            status = IVS_ERR_INPUT;
            break;
        }
        if (r == 0 || n == 0)
            continue; /* Latin, digits: the analyzer's tokens, not ours */
        if (ivs_grow(&pool, &pool_cap, pool_len + n, sizeof *pool, 4096) < 0 ||
            ivs_grow(&lines, &cap_lines, n_lines + 1, sizeof *lines, 256) < 0) {
            status = IVS_ERR_NOMEM;
            break;
        }
        ul.key = (uint32_t)pool_len;
        ul.len = (uint32_t)n;
        memcpy(pool + pool_len, cps, n * sizeof *cps);
        pool_len += n;
        lines[n_lines++] = ul;
    }
    if (status == IVS_OK && ferror(f))
        status = IVS_ERR_IO;
    if (status == IVS_ERR_INPUT && bad_line)
        *bad_line = lineno;
    fclose(f);
    free(line);

    for (size_t i = 0; status == IVS_OK && i < n_lines; i++) {
        const uint32_t *cps = pool + lines[i].key;
        uint32_t freq = lines[i].has_freq
                            ? lines[i].freq
                            : suggest_freq(dict, cps, lines[i].len);
        status = user_add(dict, cps, lines[i].len, freq);
    }
    free(lines);
    free(pool);
    return status;
}

/* "Did you mean" (see ivs/spelling.h). */
#include "ivs/spelling.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned
min3(unsigned a, unsigned b, unsigned c)
{
    unsigned m = a < b ? a : b;
    return m < c ? m : c;
}

unsigned
ivs_edit_distance(const char *a, size_t n, const char *b, size_t m,
                  unsigned limit)
{
    if ((n > m ? n - m : m - n) > limit)
        return limit + 1;
    unsigned *rows = malloc(3 * (m + 1) * sizeof *rows);
    if (!rows)
        return limit + 1;
    unsigned *two = rows, *prev = rows + m + 1, *cur = rows + 2 * (m + 1);
    for (size_t j = 0; j <= m; j++)
        prev[j] = (unsigned)j;
    unsigned result = limit + 1;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = (unsigned)i;
        unsigned best = cur[0];
        for (size_t j = 1; j <= m; j++) {
            unsigned v = min3(prev[j] + 1, cur[j - 1] + 1,
                              prev[j - 1] + (a[i - 1] != b[j - 1]));
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && two[j - 2] + 1 < v)
                v = two[j - 2] + 1;
            cur[j] = v;
            if (v < best)
                best = v;
        }
        if (best > limit)
            goto out;
        unsigned *t = two;
        two = prev;
        prev = cur;
        cur = t;
    }
    result = prev[m];
out:
    free(rows);
    return result;
}

typedef struct {
    const char *word;
    size_t len;
    unsigned limit;
    char *best;
    unsigned best_d;
    int best_same; /* best has the word's letters (a transposition) */
    uint32_t best_f;
} suggest_t;

/* Has TERM (LEN bytes) the letters of WORD (N bytes), in another order?
 * Swapped letters are the commonest typing slip (grcp, kafak): of two
 * spellings at one edit, the one with the same letters is meant. */
static int
same_letters(const char *word, size_t n, const char *term, size_t len)
{
    if (n != len)
        return 0;
    int count[256] = {0};
    for (size_t i = 0; i < n; i++) {
        count[(unsigned char)word[i]]++;
        count[(unsigned char)term[i]]--;
    }
    for (int c = 0; c < 256; c++)
        if (count[c])
            return 0;
    return 1;
}

static int
consider(void *ctx, const char *term, size_t len, uint32_t freq)
{
    suggest_t *s = ctx;
    if (len + s->limit < s->len || len > s->len + s->limit)
        return 0;
    unsigned d = ivs_edit_distance(s->word, s->len, term, len, s->limit);
    if (d == 0 || d > s->limit)
        return 0;
    int same = same_letters(s->word, s->len, term, len);
    if (d < s->best_d ||
        (d == s->best_d &&
         (same > s->best_same || (same == s->best_same && freq > s->best_f)))) {
        char *copy = malloc(len + 1);
        if (!copy)
            return 1;
        memcpy(copy, term, len);
        copy[len] = '\0';
        free(s->best);
        s->best = copy;
        s->best_d = d;
        s->best_same = same;
        s->best_f = freq;
    }
    return 0;
}

char *
ivs_spelling_suggest(ivs_reader_t *r, const char *word)
{
    size_t len = strlen(word);
    if (len == 0 || len > 40)
        return NULL;
    /* one edit for short words: two would suggest almost anything */
    suggest_t s = {.word = word, .len = len, .limit = len <= 4 ? 1 : 2};
    s.best_d = s.limit + 1;
    char prefix[2] = {word[0], '\0'};
    if (ivs_reader_each_term(r, prefix, consider, &s) != 0) {
        free(s.best);
        return NULL;
    }
    return s.best;
}

/* ---- pinyin ------------------------------------------------------------ */

typedef struct {
    uint32_t cp;
    char readings[32]; /* space-separated, NUL-terminated */
} reading_t;

struct ivs_pinyin {
    reading_t *v;
    size_t n;
};

/* The next code point of UTF-8 P (N bytes) and its length in *LEN; 0 when
 * invalid or truncated. */
static uint32_t
next_cp(const char *p, size_t n, size_t *len)
{
    const unsigned char *u = (const unsigned char *)p;
    if (n >= 1 && u[0] < 0x80)
        return *len = 1, u[0];
    if (n >= 2 && (u[0] & 0xe0) == 0xc0)
        return *len = 2, ((uint32_t)(u[0] & 0x1f) << 6) | (u[1] & 0x3f);
    if (n >= 3 && (u[0] & 0xf0) == 0xe0)
        return *len = 3, ((uint32_t)(u[0] & 0x0f) << 12) |
                             ((uint32_t)(u[1] & 0x3f) << 6) | (u[2] & 0x3f);
    if (n >= 4 && (u[0] & 0xf8) == 0xf0)
        return *len = 4, ((uint32_t)(u[0] & 0x07) << 18) |
                             ((uint32_t)(u[1] & 0x3f) << 12) |
                             ((uint32_t)(u[2] & 0x3f) << 6) | (u[3] & 0x3f);
    return *len = 1, 0;
}

static int
by_cp(const void *a, const void *b)
{
    uint32_t x = ((const reading_t *)a)->cp, y = ((const reading_t *)b)->cp;
    return x < y ? -1 : x > y;
}

/* Reads one "CHAR READING..." line into P; 0 when it is not one. */
static int
parse_reading(const char *line, reading_t *out)
{
    size_t len, n = strlen(line);
    uint32_t cp = next_cp(line, n, &len);
    if (!cp || cp < 0x80 || len >= n || line[len] != ' ')
        return 0;
    const char *r = line + len + 1;
    size_t rl = strcspn(r, "\r\n");
    if (rl == 0 || rl >= sizeof out->readings)
        return 0;
    out->cp = cp;
    memcpy(out->readings, r, rl);
    out->readings[rl] = '\0';
    return 1;
}

ivs_status_t
ivs_pinyin_load(const char *path, ivs_pinyin_t **out)
{
    *out = NULL;
    FILE *f = fopen(path, "r");
    if (!f)
        return IVS_ERR_IO;
    ivs_pinyin_t *p = calloc(1, sizeof *p);
    size_t cap = 0;
    char line[256];
    ivs_status_t st = p ? IVS_OK : IVS_ERR_NOMEM;
    while (st == IVS_OK && fgets(line, sizeof line, f)) {
        reading_t r;
        if (line[0] == '#' || !parse_reading(line, &r))
            continue;
        if (p->n == cap) {
            cap = cap ? 2 * cap : 4096;
            reading_t *v = realloc(p->v, cap * sizeof *v);
            if (!v) {
                st = IVS_ERR_NOMEM;
                break;
            }
            p->v = v;
        }
        p->v[p->n++] = r;
    }
    if (st == IVS_OK && ferror(f))
        st = IVS_ERR_IO;
    fclose(f);
    if (st != IVS_OK) {
        ivs_pinyin_free(p);
        return st;
    }
    qsort(p->v, p->n, sizeof *p->v, by_cp);
    *out = p;
    return IVS_OK;
}

void
ivs_pinyin_free(ivs_pinyin_t *p)
{
    if (!p)
        return;
    free(p->v);
    free(p);
}

static const char *
readings_of(const ivs_pinyin_t *p, uint32_t cp)
{
    reading_t key = {.cp = cp};
    const reading_t *r = bsearch(&key, p->v, p->n, sizeof *p->v, by_cp);
    return r ? r->readings : NULL;
}

int
ivs_pinyin_matches(const ivs_pinyin_t *p, const char *word, size_t len,
                   const char *letters)
{
    if (len == 0)
        return *letters == '\0';
    size_t cl;
    uint32_t cp = next_cp(word, len, &cl);
    const char *rs = cp ? readings_of(p, cp) : NULL;
    while (rs && *rs) {
        size_t rl = strcspn(rs, " ");
        if (!strncmp(letters, rs, rl) &&
            ivs_pinyin_matches(p, word + cl, len - cl, letters + rl))
            return 1;
        rs += rl + (rs[rl] == ' ');
    }
    return 0;
}

typedef struct {
    const ivs_pinyin_t *py;
    const char *letters;
    size_t n_letters;
    char *best;
    uint32_t best_f;
} pinyin_pick_t;

static int
consider_reading(void *ctx, const char *term, size_t len, uint32_t freq)
{
    pinyin_pick_t *k = ctx;
    /* two or more characters, each of one or more letters (a syllable has
     * at most six) */
    if (len < 6 || len / 3 > k->n_letters || freq <= k->best_f ||
        !ivs_pinyin_matches(k->py, term, len, k->letters))
        return 0;
    char *copy = malloc(len + 1);
    if (!copy)
        return 1;
    memcpy(copy, term, len);
    copy[len] = '\0';
    free(k->best);
    k->best = copy;
    k->best_f = freq;
    return 0;
}

char *
ivs_pinyin_suggest(ivs_reader_t *r, const ivs_pinyin_t *py, const char *letters)
{
    size_t n = strlen(letters);
    if (!py || n < 2 || n > 60 ||
        strspn(letters, "abcdefghijklmnopqrstuvwxyz") != n)
        return NULL;
    pinyin_pick_t k = {.py = py, .letters = letters, .n_letters = n};
    /* the Chinese words of the index: unprefixed terms whose first byte
     * opens a character of the main CJK block (U+4E00-U+9FFF) */
    for (char lead = '\xe4'; (unsigned char)lead <= 0xe9; lead++) {
        char prefix[2] = {lead, '\0'};
        if (ivs_reader_each_term(r, prefix, consider_reading, &k) != 0) {
            free(k.best);
            return NULL;
        }
    }
    return k.best;
}

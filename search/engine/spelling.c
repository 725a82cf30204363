/* "Did you mean" (see ivs/spelling.h). */
#include "ivs/spelling.h"

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
    uint32_t best_f;
} suggest_t;

static int
consider(void *ctx, const char *term, size_t len, uint32_t freq)
{
    suggest_t *s = ctx;
    if (len + s->limit < s->len || len > s->len + s->limit)
        return 0;
    unsigned d = ivs_edit_distance(s->word, s->len, term, len, s->limit);
    if (d == 0 || d > s->limit)
        return 0;
    if (d < s->best_d || (d == s->best_d && freq > s->best_f)) {
        char *copy = malloc(len + 1);
        if (!copy)
            return 1;
        memcpy(copy, term, len);
        copy[len] = '\0';
        free(s->best);
        s->best = copy;
        s->best_d = d;
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

/* Small text helpers both sides share (see ivs/text.h). */
#include <stdlib.h>
#include <string.h>

#include "ivs/text.h"

size_t
ivs_text_space_len(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    switch (s[0]) {
    case ' ':
    case '\t':
    case '\n':
    case '\r':
    case '\v':
    case '\f': return 1;
    }
    if (n >= 2 && memcmp(s, "\xC2\xA0", 2) == 0)
        return 2;
    if (n >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0)
        return 3;
    return 0;
}

int
ivs_text_is_blank(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t k = ivs_text_space_len(s + i, n - i);
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

char
ivs_text_rule_mark(const char *s, size_t n)
{
    size_t marks = 0;
    char mark = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\r')
            continue;
        if ((c != '-' && c != '*' && c != '_' && c != '=') ||
            (mark && c != mark))
            return 0;
        mark = c;
        marks++;
    }
    return marks >= 3 ? mark : 0;
}

char *
ivs_text_dup(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

int
ivs_text_next_line(const char *text, size_t len, size_t *pos, const char **line,
                   size_t *n)
{
    if (*pos >= len)
        return 0;
    const char *nl = memchr(text + *pos, '\n', len - *pos);
    size_t end = nl ? (size_t)(nl - text) : len;
    *line = text + *pos;
    *n = end - *pos;
    *pos = end + 1;
    return 1;
}

extern const uint32_t ivs_tradmap_limit;
extern const uint8_t ivs_tradmap[];
extern const uint32_t ivs_tradmap_pairs[][2];
extern const unsigned ivs_tradmap_n_pairs;

uint32_t
ivs_text_simplified(uint32_t cp)
{
    /* one bit test settles the simplified text most archives are */
    if (cp >= ivs_tradmap_limit || !((ivs_tradmap[cp >> 3] >> (cp & 7)) & 1))
        return cp;
    size_t lo = 0, hi = ivs_tradmap_n_pairs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ivs_tradmap_pairs[mid][0] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ivs_tradmap_n_pairs && ivs_tradmap_pairs[lo][0] == cp
               ? ivs_tradmap_pairs[lo][1]
               : cp;
}

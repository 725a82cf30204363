/* Shared helpers of the libFuzzer targets: finding the data files and
 * strict UTF-8 checks. Header-only; each target includes it once. */
#ifndef IVS_FUZZ_COMMON_H
#define IVS_FUZZ_COMMON_H

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/analyze.h"

/* Stops the run with a message libFuzzer (and the replay driver) reports as
 * a crash, naming the broken property. */
#define FUZZ_CHECK(cond, ...)                                         \
    do {                                                              \
        if (!(cond)) {                                                \
            fprintf(stderr, "fuzz check failed: %s (%s:%d): ", #cond, \
                    __FILE__, __LINE__);                              \
            fprintf(stderr, __VA_ARGS__);                             \
            fputc('\n', stderr);                                      \
            abort();                                                  \
        }                                                             \
    } while (0)

/* The data files (ivs.dict, topics.txt, synonyms.txt) of the build tree,
 * unless IVSEARCH_DATA_DIR says otherwise. */
static inline void
fuzz_data_dir(void)
{
#ifdef IVS_FUZZ_DATA_DIR
    setenv("IVSEARCH_DATA_DIR", IVS_FUZZ_DATA_DIR, 0);
#endif
}

/* Length of the strictly valid UTF-8 sequence at S (no overlongs, no
 * surrogates, nothing past U+10FFFF), or 0. */
static inline size_t
fuzz_utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    if (c < 0xC2)
        return 0;
    if (c < 0xE0)
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c < 0xF0) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0))
            return 0;
        return 3;
    }
    if (c < 0xF5) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
            (s[3] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
            return 0;
        return 4;
    }
    return 0;
}

static inline int
fuzz_utf8_valid(const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    for (size_t i = 0; i < n;) {
        size_t k = fuzz_utf8_seq(s + i, n - i);
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

/* Number of code points of valid UTF-8 S. */
static inline size_t
fuzz_utf8_count(const char *p, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)p[i] & 0xC0) != 0x80;
    return c;
}

/* A NUL-terminated copy of DATA. */
static inline char *
fuzz_strndup(const unsigned char *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

#endif

/* libFuzzer target: ivs_analyze on arbitrary bytes with every flag
 * combination, checking the token contract (offsets, terms, positions),
 * and ivs_normalize. */
#define _GNU_SOURCE /* setenv */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

static ivs_analyzer_t *analyzer;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_data_dir();
    char *err = NULL;
    if (ivs_analyzer_open(NULL, NULL, &analyzer, &err) != IVS_OK) {
        fprintf(stderr, "fuzz_analyze: %s (set IVSEARCH_DATA_DIR)\n",
                err ? err : "cannot open the analyzer");
        exit(2);
    }
    return 0;
}

typedef struct {
    const char *text;
    size_t len;
    const unsigned char *starts; /* 1 where a character the analyzer reads
                                    starts, or (at len) the end */
    const unsigned char *ends;   /* 1 where such a character ends */
    unsigned flags;
    uint32_t first_pos;
    uint32_t last_unit_pos;
    int have_unit;
    uint32_t max_pos;
    size_t tokens;
    size_t stop_after; /* return non-zero at this token (0: never) */
} check_t;

static int
on_token(void *ctx, const ivs_token_t *t)
{
    check_t *c = ctx;
    c->tokens++;
    FUZZ_CHECK(t->start < t->end, "token [%zu, %zu) is empty or reversed",
               t->start, t->end);
    FUZZ_CHECK(t->end <= c->len, "token end %zu past the input (%zu bytes)",
               t->end, c->len);
    FUZZ_CHECK(c->starts[t->start],
               "token start %zu is not a character "
               "boundary",
               t->start);
    FUZZ_CHECK(c->ends[t->end], "token end %zu is not a character boundary",
               t->end);
    FUZZ_CHECK(t->term && t->term_len > 0, "empty term at [%zu, %zu)", t->start,
               t->end);
    FUZZ_CHECK(fuzz_utf8_valid(t->term, t->term_len),
               "term at [%zu, %zu) is not valid UTF-8", t->start, t->end);
    FUZZ_CHECK(memchr(t->term, '\0', t->term_len) == NULL,
               "term at [%zu, %zu) holds a NUL", t->start, t->end);
    FUZZ_CHECK(t->kind >= IVS_TOKEN_WORD && t->kind <= IVS_TOKEN_PUNCT,
               "kind %d", (int)t->kind);
    FUZZ_CHECK(t->kind != IVS_TOKEN_SUBWORD || (c->flags & IVS_ANALYZE_SEARCH),
               "sub-word without IVS_ANALYZE_SEARCH");
    FUZZ_CHECK(t->kind != IVS_TOKEN_CHAR || (c->flags & IVS_ANALYZE_CHARS),
               "character token without IVS_ANALYZE_CHARS");
    FUZZ_CHECK(t->kind != IVS_TOKEN_PUNCT || (c->flags & IVS_ANALYZE_PUNCT),
               "punctuation without IVS_ANALYZE_PUNCT");
    FUZZ_CHECK(t->pos >= c->first_pos, "position %u before the first %u",
               t->pos, c->first_pos);
    if (t->unit) {
        FUZZ_CHECK(!c->have_unit || t->pos >= c->last_unit_pos,
                   "unit position %u after %u", t->pos, c->last_unit_pos);
        c->have_unit = 1;
        c->last_unit_pos = t->pos;
    }
    if (t->pos > c->max_pos)
        c->max_pos = t->pos;
    if (c->stop_after && c->tokens == c->stop_after)
        return 42;
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    /* the characters the analyzer can see: valid sequences; invalid bytes
     * are skipped one at a time */
    unsigned char *starts = calloc(size + 1, 1);
    unsigned char *ends = calloc(size + 1, 1);
    if (!starts || !ends)
        abort();
    for (size_t i = 0; i < size;) {
        size_t k = fuzz_utf8_seq(data + i, size - i);
        if (!k) {
            i++;
            continue;
        }
        starts[i] = 1;
        ends[i + k] = 1;
        i += k;
    }

    size_t total_first = 0;
    for (unsigned flags = 0; flags < 8; flags++) {
        uint32_t first = 1 + flags * 1000, next = 0;
        check_t c = {text, size, starts, ends, flags, first, 0, 0, first, 0, 0};
        int rc = ivs_analyze(analyzer, text, size, flags, first, &next,
                             on_token, &c);
        FUZZ_CHECK(rc == 0, "ivs_analyze returned %d (flags %u)", rc, flags);
        FUZZ_CHECK(next >= first, "next position %u before first %u", next,
                   first);
        FUZZ_CHECK(!c.have_unit || next > c.last_unit_pos,
                   "next position %u not after the last unit %u", next,
                   c.last_unit_pos);
        if (flags == 0)
            total_first = c.tokens;
        /* a callback's non-zero value stops the walk and comes back */
        if (c.tokens > 1) {
            check_t s = {text, size, starts, ends, flags,       first,
                         0,    0,    first,  0,    c.tokens / 2};
            rc = ivs_analyze(analyzer, text, size, flags, first, NULL, on_token,
                             &s);
            FUZZ_CHECK(rc == 42, "stopped walk returned %d, not 42", rc);
            FUZZ_CHECK(s.tokens == c.tokens / 2,
                       "walk went on after a stop "
                       "(%zu tokens, stop at %zu)",
                       s.tokens, c.tokens / 2);
        }
    }
    (void)total_first;

    char *norm = ivs_normalize(analyzer, text, size);
    FUZZ_CHECK(norm != NULL, "ivs_normalize returned NULL");
    size_t nlen = strlen(norm);
    FUZZ_CHECK(fuzz_utf8_valid(norm, nlen), "normalised text is not valid "
                                            "UTF-8");
    free(norm);
    free(starts);
    free(ends);
    return 0;
}

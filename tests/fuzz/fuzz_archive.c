/* libFuzzer target: a note file's bytes through ivs_text_decode and the
 * decoded text through ivs_archive_parse, checking what both promise. */
#define _GNU_SOURCE /* setenv */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "ivs/record.h"

static ivs_topics_t *topics;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_data_dir();
    char *path = ivs_data_file("topics.txt");
    size_t bad = 0;
    if (!path || ivs_topics_load(path, &topics, &bad) != IVS_OK) {
        fprintf(stderr, "fuzz_archive: cannot load topics.txt (set "
                        "IVSEARCH_DATA_DIR)\n");
        exit(2);
    }
    free(path);
    return 0;
}

typedef struct {
    const char *text;
    size_t len;
    unsigned ordinal;
    size_t last_end;
    int with_topics;
} walk_t;

static int
on_record(void *ctx, const ivs_record_t *r)
{
    walk_t *w = ctx;
    FUZZ_CHECK(r->ordinal == w->ordinal + 1, "ordinal %u after %u", r->ordinal,
               w->ordinal);
    w->ordinal = r->ordinal;
    FUZZ_CHECK(r->start <= r->end && r->end <= w->len,
               "record range [%zu, %zu) of %zu bytes", r->start, r->end,
               w->len);
    FUZZ_CHECK(r->start >= w->last_end,
               "record %u starts at %zu, before the "
               "end %zu of the previous one",
               r->ordinal, r->start, w->last_end);
    w->last_end = r->end;
    FUZZ_CHECK(r->text == w->text + r->start,
               "record text is not file + start");
    FUZZ_CHECK(r->text_len == r->end - r->start, "text_len %zu != %zu",
               r->text_len, r->end - r->start);
    FUZZ_CHECK(fuzz_utf8_valid(r->text, r->text_len), "record text cut inside "
                                                      "a character");
    FUZZ_CHECK(r->title != NULL, "title is NULL");
    FUZZ_CHECK(fuzz_utf8_valid(r->title, strlen(r->title)),
               "title is not valid UTF-8");
    FUZZ_CHECK(r->source && !strcmp(r->source, "fuzz.txt"), "source changed");
    FUZZ_CHECK(r->verdict >= IVS_VERDICT_UNKNOWN &&
                   r->verdict <= IVS_VERDICT_PENDING,
               "verdict %d", (int)r->verdict);
    FUZZ_CHECK(r->n_sections == 0 || r->sections, "sections NULL");
    for (size_t i = 0; i < r->n_sections; i++) {
        const ivs_section_t *s = &r->sections[i];
        FUZZ_CHECK(s->start <= s->end && s->end <= r->text_len,
                   "section %zu range [%zu, %zu) of %zu", i, s->start, s->end,
                   r->text_len);
        FUZZ_CHECK(!s->heading ||
                       fuzz_utf8_valid(s->heading, strlen(s->heading)),
                   "section heading is not valid UTF-8");
        FUZZ_CHECK(w->with_topics || !s->topic, "section topic without a "
                                                "taxonomy");
        if (s->topic)
            FUZZ_CHECK(ivs_topics_resolve(topics, s->topic) != NULL,
                       "section topic '%s' unknown", s->topic);
    }
    FUZZ_CHECK(w->with_topics || r->n_topics == 0,
               "topics found without a taxonomy");
    for (size_t i = 0; i < r->n_topics; i++) {
        FUZZ_CHECK(r->topics[i] && ivs_topics_resolve(topics, r->topics[i]),
                   "record topic %zu unknown", i);
        for (size_t j = 0; j < i; j++)
            FUZZ_CHECK(strcmp(r->topics[i], r->topics[j]) != 0,
                       "topic '%s' twice", r->topics[i]);
    }
    if (r->date) {
        const char *d = r->date;
        FUZZ_CHECK(strlen(d) == 10 && d[4] == '-' && d[7] == '-',
                   "date '%s' is not YYYY-MM-DD", d);
    }
    if (r->candidate)
        FUZZ_CHECK(fuzz_utf8_valid(r->candidate, strlen(r->candidate)),
                   "candidate is not valid UTF-8");
    if (r->role)
        FUZZ_CHECK(fuzz_utf8_valid(r->role, strlen(r->role)),
                   "role is not valid UTF-8");
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = NULL;
    size_t len = 0;
    const char *reason = NULL;
    ivs_status_t st =
        ivs_text_decode((const char *)data, size, &text, &len, &reason);
    if (st != IVS_OK) {
        FUZZ_CHECK(text == NULL, "failed decode left output");
        FUZZ_CHECK(st == IVS_ERR_ENCODING || st == IVS_ERR_NOMEM ||
                       st == IVS_ERR_INPUT,
                   "decode status %d", (int)st);
        return 0;
    }
    FUZZ_CHECK(text != NULL, "decode OK without output");
    FUZZ_CHECK(text[len] == '\0', "decoded text not NUL-terminated");
    FUZZ_CHECK(fuzz_utf8_valid(text, len), "decoded text is not valid UTF-8");
    FUZZ_CHECK(memchr(text, '\r', len) == NULL, "decoded text keeps a CR");
    FUZZ_CHECK(memchr(text, '\0', len) == NULL, "decoded text holds a NUL");
    walk_t w = {text, len, 0, 0, 1};
    int rc = ivs_archive_parse(topics, "fuzz.txt", text, len, on_record, &w);
    FUZZ_CHECK(rc == 0, "ivs_archive_parse returned %d", rc);
    /* the parser must also cope without a taxonomy */
    unsigned records = w.ordinal;
    w = (walk_t){text, len, 0, 0, 0};
    rc = ivs_archive_parse(NULL, "fuzz.txt", text, len, on_record, &w);
    FUZZ_CHECK(rc == 0, "ivs_archive_parse without topics returned %d", rc);
    FUZZ_CHECK(w.ordinal == records, "%u records with topics, %u without",
               records, w.ordinal);
    free(text);
    return 0;
}

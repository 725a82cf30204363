/* Index and query agree: every piece of text of the sample archive and of
 * the test fixtures, searched the way a user types it, finds its own
 * interview. The real ivindex builds a temporary database; the queries run
 * through the search library the way ivsearch runs them, and through the
 * ivsearch program itself (--batch). */
#define _GNU_SOURCE
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "ivs/analyze.h"
#include "ivs/query.h"
#include "ivs/reader.h"

/* Lines with the symbols of issue 11, item 12, beside the real archives. */
static const char symbols_md[] =
    "# 数据结构\n"
    "索引用 b+tree 实现, 并发时用 mutex+map 保护.\n"
    "查找是 o(n) 的, 取长度用 len(map)\n"
    "协议: http2.0+pb, 还有 B+Tree 和 O(log n)\n"
    "std::vector<int> 与 sync.Once; 地址 127.0.0.1:8080 (本机)\n";

static char dir[64];
static ivs_analyzer_t *a;
static ivs_synonyms_t *syn;
static ivs_reader_t *r;

static void
run(const char *cmd)
{
    int rc = system(cmd);
    ck_assert_msg(rc == 0, "%s: status %d", cmd, rc);
}

static void
setup(void)
{
    strcpy(dir, "/tmp/ivs-check-parity-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "mkdir -p '%s/docs/fixtures' && cp '" IVS_EXAMPLES
             "/interviews.txt' '%s/docs/' && cp '" IVS_FIXTURES
             "'/*.txt '" IVS_FIXTURES "'/*.md '%s/docs/fixtures/'",
             dir, dir, dir);
    run(cmd);
    snprintf(cmd, sizeof cmd, "%s/docs/symbols.md", dir);
    FILE *f = fopen(cmd, "w");
    ck_assert_ptr_nonnull(f);
    fputs(symbols_md, f);
    fclose(f);
    /* the fixtures hold bad input on purpose: skipped with a warning */
    snprintf(cmd, sizeof cmd,
             "'" IVS_BUILD_DIR "/ivindex' --quiet --db '%s/db' '%s/docs' "
             ">/dev/null 2>&1",
             dir, dir);
    system(cmd);
    snprintf(cmd, sizeof cmd, "%s/db", dir);
    ck_assert_int_eq(ivs_reader_open(cmd, &r, NULL), IVS_OK);
    char *err = NULL;
    ck_assert_int_eq(ivs_analyzer_open(NULL, NULL, &a, &err), IVS_OK);
    char *path = ivs_data_file("synonyms.txt");
    ck_assert_int_eq(ivs_synonyms_load(a, path, &syn), IVS_OK);
    free(path);
}

static void
teardown(void)
{
    ivs_reader_close(r);
    ivs_synonyms_free(syn);
    ivs_analyzer_close(a);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    system(cmd);
}

/* ---- the queries of a text ------------------------------------------------ */

typedef struct {
    char **v;
    uint32_t *docid;
    size_t n, cap;
} queries_t;

static void
add_query(queries_t *qs, uint32_t docid, const char *s, size_t len)
{
    for (size_t i = qs->n; i-- > 0 && qs->docid[i] == docid;)
        if (strlen(qs->v[i]) == len && !memcmp(qs->v[i], s, len))
            return;
    if (qs->n == qs->cap) {
        qs->cap = qs->cap ? qs->cap * 2 : 1024;
        qs->v = realloc(qs->v, qs->cap * sizeof *qs->v);
        qs->docid = realloc(qs->docid, qs->cap * sizeof *qs->docid);
        ck_assert(qs->v && qs->docid);
    }
    qs->v[qs->n] = strndup(s, len);
    qs->docid[qs->n++] = docid;
}

static size_t
space_at(const char *s, const char *end)
{
    if (s < end &&
        (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\f' || *s == '\v'))
        return 1;
    if (end - s >= 3 && !memcmp(s, "\u3000", 3))
        return 3;
    return 0;
}

/* Query syntax rather than text: -word, quotes, operators, filters. */
static int
is_syntax(const char *s, size_t len)
{
    static const char *const keys[] = {"verdict:", "topic:", "结果:", "主题:"};
    if (s[0] == '-' || s[0] == '+' || memchr(s, '"', len) ||
        memmem(s, len, "“", 3) || memmem(s, len, "”", 3))
        return 1;
    if ((len == 2 && !memcmp(s, "OR", 2)) ||
        (len == 3 && !memcmp(s, "AND", 3)) ||
        (len == 3 && !memcmp(s, "NOT", 3)))
        return 1;
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
        if (len >= strlen(keys[k]) && !strncasecmp(s, keys[k], strlen(keys[k])))
            return 1;
    return 0;
}

/* The queries of one LINE of document DOCID: each piece between spaces as
 * typed (b+tree) and quoted ("b+tree"), and the whole line quoted. */
static void
line_queries(queries_t *qs, uint32_t docid, const char *line, size_t len)
{
    const char *end = line + len, *s = line;
    while (s < end) {
        size_t sp = space_at(s, end);
        if (sp) {
            s += sp;
            continue;
        }
        const char *e = s;
        while (e < end && !space_at(e, end))
            e++;
        size_t n = (size_t)(e - s);
        if (!is_syntax(s, n)) {
            add_query(qs, docid, s, n);
            char *quoted;
            ck_assert_int_ge(asprintf(&quoted, "\"%.*s\"", (int)n, s), 0);
            add_query(qs, docid, quoted, strlen(quoted));
            free(quoted);
        }
        s = e;
    }
    /* the line as a phrase, its quotation marks left out */
    char *phrase = malloc(len + 3);
    size_t o = 0;
    phrase[o++] = '"';
    for (s = line; s < end;) {
        if (*s == '"') {
            s++;
        } else if (end - s >= 3 && (!memcmp(s, "“", 3) || !memcmp(s, "”", 3))) {
            phrase[o++] = ' ';
            s += 3;
        } else {
            phrase[o++] = *s++;
        }
    }
    phrase[o++] = '"';
    add_query(qs, docid, phrase, o);
    free(phrase);
}

/* The queries of every line of every document, and the documents' count. */
static size_t
all_queries(queries_t *qs)
{
    size_t docs = 0;
    uint32_t n = ivs_reader_doccount(r);
    for (uint32_t docid = 1; docs < n && docid < 100000; docid++) {
        size_t len = 0;
        ivs_status_t st;
        char *data = ivs_reader_document(r, docid, &len, &st);
        if (!data)
            continue;
        docs++;
        /* the record's JSON, a newline, its text */
        const char *text = memchr(data, '\n', len);
        ck_assert_ptr_nonnull(text);
        text++;
        const char *end = data + len;
        while (text < end) {
            const char *nl = memchr(text, '\n', (size_t)(end - text));
            const char *le = nl ? nl : end;
            line_queries(qs, docid, text, (size_t)(le - text));
            text = le + 1;
        }
        free(data);
    }
    return docs;
}

static void
queries_free(queries_t *qs)
{
    for (size_t i = 0; i < qs->n; i++)
        free(qs->v[i]);
    free(qs->v);
    free(qs->docid);
}

/* ---- tests ------------------------------------------------------------- */

/* Does QUERY find DOCID among all the documents with every word? -1 when the
 * query has no words (only punctuation). */
static int
finds(const char *query, uint32_t docid)
{
    ivs_query_t *q = NULL;
    ck_assert_int_eq(ivs_query_parse(a, syn, query, &q), IVS_OK);
    if (ivs_query_positives(q) == 0) {
        ivs_query_free(q);
        return -1;
    }
    ivs_qnode_t *all = ivs_query_tree(q, 1);
    ck_assert_int_eq(ivs_reader_plan(r, all), IVS_OK);
    ivs_search_t s = {.query = all, .limit = 10000, .sort = IVS_SORT_SOURCE};
    ivs_results_t *res = NULL;
    ck_assert_int_eq(ivs_reader_search(r, &s, &res), IVS_OK);
    int found = 0;
    for (size_t i = 0; i < res->n_hits && !found; i++)
        found = res->hits[i].id == docid;
    ivs_results_free(res);
    ivs_qnode_free(all);
    ivs_query_free(q);
    return found;
}

START_TEST(test_every_piece_of_every_line_finds_its_interview)
{
    queries_t qs = {0};
    size_t docs = all_queries(&qs);
    ck_assert_uint_ge(docs, 20);
    ck_assert_uint_ge(qs.n, 2000);
    size_t failures = 0, asked = 0;
    for (size_t i = 0; i < qs.n; i++) {
        int f = finds(qs.v[i], qs.docid[i]);
        asked += f >= 0;
        if (f == 0 && failures++ < 20)
            fprintf(stderr, "not found: document %u by %s\n", qs.docid[i],
                    qs.v[i]);
    }
    ck_assert_msg(failures == 0, "%zu of %zu queries miss their interview",
                  failures, asked);
    queries_free(&qs);
}
END_TEST

/* The source and ordinal of DOCID, from its stored JSON. */
static json_t *
doc_json(uint32_t docid)
{
    size_t len = 0;
    ivs_status_t st;
    char *data = ivs_reader_document(r, docid, &len, &st);
    ck_assert_ptr_nonnull(data);
    const char *nl = memchr(data, '\n', len);
    json_t *o = json_loadb(data, nl ? (size_t)(nl - data) : len, 0, NULL);
    free(data);
    ck_assert_ptr_nonnull(o);
    return o;
}

/* Does the ivsearch JSON output LINE hold DOC as a full (not partial)
 * match? */
static int
json_finds(const char *line, json_t *doc)
{
    json_t *out = json_loads(line, 0, NULL);
    if (!out)
        return 0;
    const char *source = json_string_value(json_object_get(doc, "source"));
    json_int_t ordinal = json_integer_value(json_object_get(doc, "ordinal"));
    json_t *hits = json_object_get(out, "hits"), *h;
    size_t i;
    int found = 0;
    json_array_foreach(hits, i, h)
    {
        const char *hs = json_string_value(json_object_get(h, "source"));
        found |= hs && source && !strcmp(hs, source) &&
                 json_integer_value(json_object_get(h, "ordinal")) == ordinal &&
                 !json_is_true(json_object_get(h, "partial"));
    }
    json_decref(out);
    return found;
}

START_TEST(test_ivsearch_finds_what_ivindex_indexed)
{
    queries_t qs = {0}, cli = {0};
    all_queries(&qs);
    /* the pieces as typed (not the quoted forms): through the program */
    for (size_t i = 0; i < qs.n; i++) {
        if (qs.v[i][0] == '"')
            continue;
        ivs_query_t *q = NULL;
        ck_assert_int_eq(ivs_query_parse(a, syn, qs.v[i], &q), IVS_OK);
        if (ivs_query_positives(q) > 0)
            add_query(&cli, qs.docid[i], qs.v[i], strlen(qs.v[i]));
        ivs_query_free(q);
    }
    queries_free(&qs);
    char path[128], cmd[512];
    snprintf(path, sizeof path, "%s/batch", dir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    for (size_t i = 0; i < cli.n; i++)
        fprintf(f, "--json\t--limit\t100\t--\t%s\n", cli.v[i]);
    fclose(f);
    snprintf(cmd, sizeof cmd,
             "'" IVS_BUILD_DIR "/ivsearch' --db '%s/db' --color never "
             "--batch '%s' 2>/dev/null",
             dir, path);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    char *line = NULL;
    size_t cap = 0, k = 0, failures = 0;
    while (getline(&line, &cap, p) >= 0 && k < cli.n) {
        json_t *doc = doc_json(cli.docid[k]);
        if (!json_finds(line, doc) && failures++ < 20)
            fprintf(stderr, "ivsearch: not found: document %u by %s\n",
                    cli.docid[k], cli.v[k]);
        json_decref(doc);
        k++;
    }
    free(line);
    pclose(p);
    ck_assert_uint_eq(k, cli.n);
    ck_assert_msg(failures == 0,
                  "%zu of %zu ivsearch queries miss their "
                  "interview",
                  failures, cli.n);
    queries_free(&cli);
}
END_TEST

START_TEST(test_the_issue_examples_find_their_note)
{
    static const char *const examples[] = {"b+tree", "mutex+map", "o(n)",
                                           "len(map)", "http2.0+pb"};
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++) {
        char cmd[512];
        snprintf(cmd, sizeof cmd,
                 "'" IVS_BUILD_DIR "/ivsearch' --db '%s/db' --json '%s'", dir,
                 examples[i]);
        FILE *p = popen(cmd, "r");
        ck_assert_ptr_nonnull(p);
        char *line = NULL;
        size_t cap = 0;
        ck_assert_int_gt(getline(&line, &cap, p), 0);
        ck_assert_int_eq(pclose(p), 0); /* exit 0: found */
        ck_assert_msg(strstr(line, "symbols.md") &&
                          strstr(line, "\"partial\":false"),
                      "%s: %s", examples[i], line);
        free(line);
    }
}
END_TEST

static Suite *
parity_suite(void)
{
    Suite *s = suite_create("parity");
    TCase *tc = tcase_create("core");
    tcase_add_unchecked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_the_issue_examples_find_their_note);
    tcase_add_test(tc, test_every_piece_of_every_line_finds_its_interview);
    tcase_add_test(tc, test_ivsearch_finds_what_ivindex_indexed);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(parity_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* libFuzzer target: the user's query through ivs_query_parse,
 * ivs_query_tree, ivs_qnode_describe and ivs_snippet_build against a small
 * fixed interview text (and, when the query is valid UTF-8, against the
 * query text itself). The first byte picks the snippet width. */
#define _GNU_SOURCE /* setenv */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "ivs/query.h"
#include "ivs/snippet.h"

static ivs_analyzer_t *analyzer;
static ivs_synonyms_t *synonyms;

static const char TEXT[] =
    "面试内容：后端开发 一面\n"
    "一、Go 语言\n"
    "1. sync.Once 的实现？用 atomic 和 mutex，双重检查。\n"
    "2. 逃逸分析：什么时候变量分配在堆上？\n"
    "二、中间件\n"
    "3. Kafka 如何保证消息不丢失？ack=all、副本、幂等生产者。\n"
    "4. Redis 分布式锁 SETNX + 过期时间，Redlock 的争议。\n"
    "三、网络\n"
    "5. TCP 三次握手、四次挥手，TIME_WAIT 为什么 2MSL。\n"
    "6. 分佈式鎖 與 記憶體 (traditional), ｋａｆｋａ full width, c++ & "
    "127.0.0.1\n"
    "总结：不通过，基础不错但项目深度不够。\n";

static ivs_snippet_section_t SECTIONS[3];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_data_dir();
    char *err = NULL;
    if (ivs_analyzer_open(NULL, NULL, &analyzer, &err) != IVS_OK) {
        fprintf(stderr, "fuzz_query: %s (set IVSEARCH_DATA_DIR)\n",
                err ? err : "cannot open the analyzer");
        exit(2);
    }
    char *syn = ivs_data_file("synonyms.txt");
    if (!syn || ivs_synonyms_load(analyzer, syn, &synonyms) != IVS_OK) {
        fprintf(stderr, "fuzz_query: cannot load synonyms.txt\n");
        exit(2);
    }
    free(syn);
    static const char *heads[3] = {"一、Go 语言", "二、中间件", "三、网络"};
    for (size_t i = 0; i < 3; i++) {
        const char *h = strstr(TEXT, heads[i]);
        const char *next = i < 2 ? strstr(TEXT, heads[i + 1]) : NULL;
        SECTIONS[i].heading = heads[i] + 6; /* without "一、" */
        SECTIONS[i].start = (size_t)(h - TEXT);
        SECTIONS[i].end = next ? (size_t)(next - TEXT) : sizeof TEXT - 1;
    }
    return 0;
}

static void
check_tree(const ivs_qnode_t *n, int depth)
{
    FUZZ_CHECK(depth < 10000, "query tree deeper than 10000");
    FUZZ_CHECK(n->op >= IVS_Q_TERM && n->op <= IVS_Q_AND_MAYBE, "op %d",
               (int)n->op);
    if (n->op == IVS_Q_TERM) {
        FUZZ_CHECK(n->term && n->term[0], "empty term node");
        FUZZ_CHECK(n->n_kids == 0, "term node with children");
    }
    FUZZ_CHECK(n->n_kids == 0 || n->kids, "children NULL");
    for (size_t i = 0; i < n->n_kids; i++) {
        FUZZ_CHECK(n->kids[i] != NULL, "child %zu NULL", i);
        check_tree(n->kids[i], depth + 1);
    }
}

static void
check_snippet(const char *text, size_t len, const ivs_snippet_section_t *secs,
              size_t n_secs, const ivs_query_t *q, unsigned width)
{
    ivs_snippet_t *s = NULL;
    ivs_status_t st =
        ivs_snippet_build(analyzer, text, len, secs, n_secs, q, width, &s);
    FUZZ_CHECK(st == IVS_OK && s, "ivs_snippet_build status %d", (int)st);
    FUZZ_CHECK(s->text != NULL, "snippet text NULL");
    size_t tl = strlen(s->text);
    FUZZ_CHECK(fuzz_utf8_valid(s->text, tl), "snippet is not valid UTF-8");
    FUZZ_CHECK(memchr(s->text, '\n', tl) == NULL, "snippet is not one line");
    size_t chars = fuzz_utf8_count(s->text, tl);
    size_t last_end = 0;
    for (size_t i = 0; i < s->n_highlights; i++) {
        ivs_span_t h = s->highlights[i];
        FUZZ_CHECK(h.start < h.end && h.end <= chars,
                   "highlight [%zu, %zu) of %zu characters", h.start, h.end,
                   chars);
        FUZZ_CHECK(h.start >= last_end,
                   "highlight %zu overlaps or is out of "
                   "order",
                   i);
        last_end = h.end;
    }
    FUZZ_CHECK(s->n_concepts == q->n_concepts,
               "matched[] has %zu entries for "
               "%zu concepts",
               s->n_concepts, q->n_concepts);
    ivs_snippet_free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned width = 20 + data[0] % 200;
    char *query = fuzz_strndup(data + 1, size - 1);
    size_t qlen = strlen(query); /* a C string: stops at a NUL, as argv */

    ivs_query_t *q = NULL;
    ivs_status_t st = ivs_query_parse(analyzer, synonyms, query, &q);
    FUZZ_CHECK(st == IVS_OK && q, "ivs_query_parse status %d", (int)st);
    FUZZ_CHECK(ivs_query_positives(q) <= q->n_concepts, "more positives than "
                                                        "concepts");
    for (size_t i = 0; i < q->n_concepts; i++) {
        const ivs_concept_t *c = &q->concepts[i];
        FUZZ_CHECK(c->node != NULL, "concept %zu has no node", i);
        check_tree(c->node, 0);
        for (size_t p = 0; p < c->n_patterns; p++)
            for (size_t u = 0; u < c->patterns[p].n; u++)
                FUZZ_CHECK(c->patterns[p].units[u] &&
                               c->patterns[p].units[u][0],
                           "empty pattern unit");
    }
    for (int all = 0; all <= 1; all++) {
        ivs_qnode_t *tree = ivs_query_tree(q, all);
        FUZZ_CHECK(tree != NULL, "ivs_query_tree returned NULL");
        check_tree(tree, 0);
        char *d = ivs_qnode_describe(tree);
        FUZZ_CHECK(d != NULL, "ivs_qnode_describe returned NULL");
        free(d);
        ivs_qnode_free(tree);
    }
    check_snippet(TEXT, sizeof TEXT - 1, SECTIONS, 3, q, width);
    check_snippet(TEXT, sizeof TEXT - 1, NULL, 0, q, width);
    if (fuzz_utf8_valid(query, qlen))
        check_snippet(query, qlen, NULL, 0, q, width);

    ivs_qnode_t *similar = ivs_query_from_text(analyzer, query, NULL, NULL);
    if (similar) {
        check_tree(similar, 0);
        char *d = ivs_qnode_describe(similar);
        free(d);
        ivs_qnode_free(similar);
    }
    ivs_query_free(q);
    free(query);
    return 0;
}

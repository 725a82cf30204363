/* Unit tests for query parsing, synonyms, query planning and snippets. */
#define _GNU_SOURCE
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistd.h>

#include "ivs/analyze.h"
#include "ivs/query.h"
#include "ivs/reader.h"
#include "ivs/record.h"
#include "ivs/schema.h"
#include "ivs/snippet.h"
#include "ivs/writer.h"

static ivs_analyzer_t *a;
static ivs_synonyms_t *syn;

static void
setup(void)
{
    char *err = NULL;
    ck_assert_int_eq(ivs_analyzer_open(NULL, NULL, &a, &err), IVS_OK);
    char *path = ivs_data_file("synonyms.txt");
    ck_assert_ptr_nonnull(path);
    ck_assert_int_eq(ivs_synonyms_load(a, path, &syn), IVS_OK);
    free(path);
}

static void
teardown(void)
{
    ivs_synonyms_free(syn);
    ivs_analyzer_close(a);
}

static ivs_query_t *
parse(const char *text)
{
    ivs_query_t *q = NULL;
    ck_assert_int_eq(ivs_query_parse(a, syn, text, &q), IVS_OK);
    ck_assert_ptr_nonnull(q);
    return q;
}

static char *
tree(const char *text)
{
    ivs_query_t *q = parse(text);
    ivs_qnode_t *n = ivs_query_tree(q, 1);
    char *d = ivs_qnode_describe(n);
    ivs_qnode_free(n);
    ivs_query_free(q);
    return d;
}

/* The part of the tree of TEXT that matches the text: without the weight
 * the title field adds (the title boost's first child). */
static char *
text_tree(const char *text)
{
    ivs_query_t *q = parse(text);
    ivs_qnode_t *n = ivs_query_tree(q, 1);
    ck_assert_int_eq(n->op, IVS_Q_AND_MAYBE);
    ck_assert_uint_eq(n->n_kids, 1 + ivs_query_positives(q));
    char *d = ivs_qnode_describe(n->kids[0]);
    ivs_qnode_free(n);
    ivs_query_free(q);
    return d;
}

/* ---- core ------------------------------------------------------------------ */

START_TEST(test_title_field_adds_weight_to_each_concept)
{
    /* each concept's query again on the title terms, scaled; it adds
     * weight and finds nothing the text does not */
    char *d = tree("kafka 页裂");
    ck_assert_msg(!strcmp(d, "AND_MAYBE(AND(OR(kafka 0.50*(Zkafka)) "
                             "PHRASE(H页 H裂)) "
                             "0.10*(OR(Tkafka 0.50*(TZkafka))) "
                             "0.10*(PHRASE(TH页 TH裂)))"),
                  "%s", d);
    free(d);
    /* negated concepts have no title weight; a listing has none at all */
    d = tree("kafka -zookeeper");
    ck_assert_msg(strstr(d, "Tkafka") && !strstr(d, "Tzookeeper"), "%s", d);
    free(d);
    ivs_query_t *q = parse("verdict:fail");
    ivs_qnode_t *n = ivs_query_tree(q, 1);
    ck_assert_int_eq(n->op, IVS_Q_ALL);
    ivs_qnode_free(n);
    ivs_query_free(q);
}
END_TEST

START_TEST(test_words_are_separate_concepts)
{
    ivs_query_t *q = parse("kafka 丢失");
    ck_assert_uint_eq(q->n_concepts, 2);
    ck_assert_str_eq(q->concepts[0].text, "kafka");
    ck_assert_str_eq(q->concepts[1].text, "丢失");
    ivs_query_free(q);
}
END_TEST

START_TEST(test_no_space_between_latin_and_chinese_reads_the_same)
{
    char *x = tree("kafka丢失"), *y = tree("kafka 丢失");
    ck_assert_str_eq(x, y);
    free(x);
    free(y);
}
END_TEST

START_TEST(test_quoted_text_is_a_phrase_of_characters)
{
    ivs_query_t *q = parse("\"消息不丢失\"");
    ck_assert_uint_eq(q->n_concepts, 1);
    ck_assert(q->concepts[0].phrase);
    ck_assert_int_eq(q->concepts[0].node->op, IVS_Q_PHRASE);
    ck_assert_uint_eq(q->concepts[0].node->n_kids, 5);
    ck_assert_str_eq(q->concepts[0].node->kids[0]->term, "H消");
    ivs_query_free(q);
}
END_TEST

START_TEST(test_minus_excludes_and_or_joins)
{
    ivs_query_t *q = parse("redis -mysql kafka OR rabbitmq");
    ck_assert_uint_eq(q->n_concepts, 3);
    ck_assert(!q->concepts[0].negated);
    ck_assert(q->concepts[1].negated);
    ck_assert_str_eq(q->concepts[2].text, "kafka OR rabbitmq");
    ck_assert_uint_eq(ivs_query_positives(q), 2);
    ivs_query_free(q);
}
END_TEST

START_TEST(test_inline_filters_are_taken_out_of_the_words)
{
    ivs_query_t *q = parse("kafka verdict:pass topic:中间件");
    ck_assert_uint_eq(q->n_concepts, 1);
    ck_assert_uint_eq(q->n_verdicts, 1);
    ck_assert_str_eq(q->verdicts[0], "pass");
    ck_assert_uint_eq(q->n_topics, 1);
    ck_assert_str_eq(q->topics[0], "中间件");
    ivs_query_free(q);
}
END_TEST

START_TEST(test_synonyms_expand_both_ways)
{
    char *d = tree("k8s");
    ck_assert_ptr_nonnull(strstr(d, "kubernetes"));
    free(d);
    d = tree("垃圾回收");
    ck_assert_msg(strstr(d, "gc") != NULL, "%s", d);
    free(d);
}
END_TEST

START_TEST(test_synonym_inside_a_chinese_word)
{
    char *d = tree("三次握手");
    ck_assert_msg(strstr(d, "H3") != NULL, "%s", d);
    free(d);
}
END_TEST

/* A synonym of several words matches the user's words typed apart (any
 * case and spacing), both ways, and only when they are adjacent. */
START_TEST(test_synonym_of_several_words_matches_adjacent_words)
{
    char path[] = "/tmp/ivs-synXXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs("跳表 ~ skip list\n布隆过滤器 ~ bloom filter\n", f);
    fclose(f);
    ivs_synonyms_t *own = NULL;
    ck_assert_int_eq(ivs_synonyms_load(a, path, &own), IVS_OK);
    unlink(path);

    ivs_query_t *q = NULL;
    ck_assert_int_eq(ivs_query_parse(a, own, "Skip  List 原理", &q), IVS_OK);
    ck_assert_uint_eq(q->n_concepts, 2);
    ck_assert_str_eq(q->concepts[0].text, "Skip  List");
    char *d = ivs_qnode_describe(q->concepts[0].node);
    ck_assert_msg(strstr(d, "H跳") && strstr(d, "H表") && strstr(d, "skip") &&
                      strstr(d, "list"),
                  "%s", d);
    free(d);
    ivs_query_free(q);

    /* the other way: the Chinese word finds the English phrase */
    ck_assert_int_eq(ivs_query_parse(a, own, "布隆过滤器", &q), IVS_OK);
    d = ivs_qnode_describe(q->concepts[0].node);
    ck_assert_msg(strstr(d, "bloom") && strstr(d, "filter"), "%s", d);
    free(d);
    ivs_query_free(q);

    /* not adjacent, or one of them excluded: separate words as before */
    const char *apart[] = {"skip 原理 list", "skip -list", "skip OR list",
                           "\"skip\" list", "bloom"};
    for (size_t i = 0; i < sizeof apart / sizeof *apart; i++) {
        ck_assert_int_eq(ivs_query_parse(a, own, apart[i], &q), IVS_OK);
        for (size_t c = 0; c < q->n_concepts; c++) {
            d = ivs_qnode_describe(q->concepts[c].node);
            ck_assert_msg(!strstr(d, "H跳") && !strstr(d, "H布"), "%s: %s",
                          apart[i], d);
            free(d);
        }
        ivs_query_free(q);
    }
    ivs_synonyms_free(own);
}
END_TEST

/* A Chinese synonym across the words the segmenter made of a query word
 * (主從複製 reads 主从 + 拷贝) makes them one concept with the synonym's
 * alternatives, each word keeping its own synonyms. */
START_TEST(test_synonym_across_chinese_words_joins_them)
{
    char path[] = "/tmp/ivs-synXXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs("主從複製 ~ 主从复制\n主从 ~ master slave\n", f);
    fclose(f);
    ivs_synonyms_t *own = NULL;
    ck_assert_int_eq(ivs_synonyms_load(a, path, &own), IVS_OK);
    unlink(path);
    ivs_query_t *q = NULL;
    ck_assert_int_eq(ivs_query_parse(a, own, "主從複製", &q), IVS_OK);
    ck_assert_uint_eq(q->n_concepts, 1);
    char *d = ivs_qnode_describe(q->concepts[0].node);
    ck_assert_msg(strstr(d, "H复") && strstr(d, "master") && strstr(d, "拷贝"),
                  "%s", d);
    free(d);
    ivs_query_free(q);
    /* without such a synonym, the words stay apart */
    ck_assert_int_eq(ivs_query_parse(a, NULL, "主從複製", &q), IVS_OK);
    ck_assert_uint_eq(q->n_concepts, 2);
    ivs_query_free(q);
    ivs_synonyms_free(own);
}
END_TEST

/* A one-way line (A > B) makes the Taiwan word find the mainland one and
 * not back: 进程 does not look for 行程 (a trip). */
START_TEST(test_a_one_way_synonym_expands_one_way)
{
    char path[] = "/tmp/ivs-synXXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs("行程 > 进程\n", f);
    fclose(f);
    ivs_synonyms_t *own = NULL;
    ck_assert_int_eq(ivs_synonyms_load(a, path, &own), IVS_OK);
    unlink(path);
    ivs_query_t *q = NULL;
    ck_assert_int_eq(ivs_query_parse(a, own, "行程", &q), IVS_OK);
    char *d = ivs_qnode_describe(q->concepts[0].node);
    ck_assert_msg(strstr(d, "进程") != NULL, "%s", d);
    free(d);
    ivs_query_free(q);
    ck_assert_int_eq(ivs_query_parse(a, own, "进程", &q), IVS_OK);
    d = ivs_qnode_describe(q->concepts[0].node);
    ck_assert_msg(strstr(d, "行程") == NULL, "%s", d);
    free(d);
    ivs_query_free(q);
    ivs_synonyms_free(own);
}
END_TEST

/* Chinese words typed without a break that are several concepts (循环依赖:
 * 循环 + 依赖) weigh more where they stand together; typed apart, not. */
START_TEST(test_words_typed_together_weigh_more_together)
{
    ivs_query_t *q = parse("循环依赖");
    ck_assert_uint_eq(q->n_concepts, 2);
    ck_assert_ptr_nonnull(q->together);
    ivs_qnode_t *t = ivs_query_tree(q, 1);
    char *d = ivs_qnode_describe(t);
    ck_assert_msg(strstr(d, "AND_MAYBE") != NULL, "%s", d);
    free(d);
    ivs_qnode_free(t);
    ivs_query_free(q);
    q = parse("循环 依赖");
    ck_assert_ptr_null(q->together);
    ivs_query_free(q);
}
END_TEST

/* ---- errors: queries never fail to parse ---------------------------------- */

static const char *const odd[] = {
    "\"unbalanced",
    "- OR \"\"",
    "-",
    "OR",
    "\"\"",
    "C#",
    "c++",
    "min.insync.replicas",
    "HTTP/2",
    "kafka 丢失 ack",
    "\x01\x02\x7f",
    "verdict:",
    "topic:",
    "“中文引号”",
    "\xff\xfe",
    "--",
    "a OR OR b",
};

START_TEST(test_odd_queries_parse)
{
    ivs_query_t *q = parse(odd[_i]);
    ivs_qnode_t *n = ivs_query_tree(q, 1);
    ck_assert_ptr_nonnull(n);
    ivs_qnode_free(n);
    ivs_query_free(q);
}
END_TEST

START_TEST(test_technical_queries_keep_their_terms)
{
    char *d = tree("C#");
    ck_assert_msg(strstr(d, "c#") != NULL, "%s", d);
    free(d);
    d = tree("min.insync.replicas");
    ck_assert_msg(strstr(d, "min.insync.replicas") != NULL, "%s", d);
    free(d);
}
END_TEST

START_TEST(test_single_characters_in_a_row_are_one_concept)
{
    /* 页裂 (page split) is not in the dictionary: the segmenter gives 页
     * and 裂, which must not become two concepts matching nearly
     * everything */
    ivs_query_t *q = parse("页裂 b+tree kafka丢失");
    ck_assert_uint_eq(q->n_concepts, 4);
    ck_assert_str_eq(q->concepts[0].text, "页裂");
    ck_assert_str_eq(q->concepts[1].text, "b+tree");
    ck_assert_str_eq(q->concepts[2].text, "kafka");
    ck_assert_str_eq(q->concepts[3].text, "丢失");
    ivs_query_free(q);
    char *d = text_tree("页裂");
    ck_assert_msg(!strcmp(d, "AND(PHRASE(H页 H裂))"), "%s", d);
    free(d);
    /* b+tree is one technical token: the whole word or its parts */
    d = tree("b+tree");
    ck_assert_msg(strstr(d, "OR(b+tree PHRASE(b tree))"), "%s", d);
    free(d);
    d = tree("o(n)");
    ck_assert_msg(strstr(d, "PHRASE(o n)"), "%s", d);
    free(d);
}
END_TEST

static char plan_dir[64];

/* A writer on a new database in a new temporary folder, plan_dir. */
static ivs_writer_t *
plan_db_create(void)
{
    strcpy(plan_dir, "/tmp/ivs-check-plan-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(plan_dir));
    ivs_writer_t *w = NULL;
    ck_assert_int_eq(ivs_writer_open(plan_dir, &w, NULL), IVS_OK);
    return w;
}

/* Adds D (and frees it) under the unique term ID, which is its data too;
 * "Q<n>" is interview n + 1 (the order added, from Q0). */
static void
plan_db_add(ivs_writer_t *w, ivs_doc_t *d, const char *id)
{
    ck_assert_int_eq(ivs_doc_set_data(d, id, strlen(id)), IVS_OK);
    char num[16];
    int nl = snprintf(num, sizeof num, "%lu", strtoul(id + 1, NULL, 10) + 1);
    ck_assert_int_eq(ivs_doc_set_value(d, IVS_SLOT_ID, num, (size_t)nl),
                     IVS_OK);
    ck_assert_int_eq(ivs_writer_replace(w, d, id, NULL), IVS_OK);
    ivs_doc_free(d);
}

/* Commits and closes W; a reader on its database. */
static ivs_reader_t *
plan_db_finish(ivs_writer_t *w)
{
    ck_assert_int_eq(ivs_writer_commit(w), IVS_OK);
    ivs_writer_close(w);
    ivs_reader_t *r = NULL;
    ck_assert_int_eq(ivs_reader_open(plan_dir, &r, NULL), IVS_OK);
    return r;
}

/* A database (in a new temporary folder, plan_dir) of N documents holding
 * the word 丢失 and its characters, one holding 不丢失 as a word, and
 * CHARS_ONLY holding the characters 失 丢 (not as the phrase); returns a
 * reader on it. */
static ivs_reader_t *
words_db2(unsigned n, unsigned chars_only)
{
    ivs_writer_t *w = plan_db_create();
    for (unsigned i = 0; i <= n; i++) {
        ivs_doc_t *d = ivs_doc_new();
        const char *word = i < n ? "丢失" : "不丢失";
        ck_assert_int_eq(ivs_doc_add_term(d, word, strlen(word), 1), IVS_OK);
        uint32_t pos = 1;
        if (i == n)
            ck_assert_int_eq(ivs_doc_add_posting(d, "H不", 4, pos++, 1),
                             IVS_OK);
        ck_assert_int_eq(ivs_doc_add_posting(d, "H丢", 4, pos++, 1), IVS_OK);
        ck_assert_int_eq(ivs_doc_add_posting(d, "H失", 4, pos, 1), IVS_OK);
        char id[32];
        snprintf(id, sizeof id, "Q%u", i);
        plan_db_add(w, d, id);
    }
    for (unsigned i = 0; i < chars_only; i++) {
        ivs_doc_t *d = ivs_doc_new();
        ck_assert_int_eq(ivs_doc_add_posting(d, "H失", 4, 1, 1), IVS_OK);
        ck_assert_int_eq(ivs_doc_add_posting(d, "H丢", 4, 2, 1), IVS_OK);
        char id[32];
        snprintf(id, sizeof id, "Qc%u", i);
        plan_db_add(w, d, id);
    }
    return plan_db_finish(w);
}

static ivs_reader_t *
words_db(unsigned n)
{
    return words_db2(n, 0);
}

static void
words_db_close(ivs_reader_t *r)
{
    ivs_reader_close(r);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", plan_dir);
    ck_assert_int_eq(system(cmd), 0);
}

/* The total for 丢失 after planning, and whether the character phrase
 * (substring recall) was kept. */
static unsigned
planned_total(ivs_reader_t *r, int *kept)
{
    ivs_query_t *q = parse("丢失");
    ivs_qnode_t *n = ivs_query_tree(q, 1);
    ck_assert_int_eq(ivs_reader_plan(r, n), IVS_OK);
    char *d = ivs_reader_describe(n);
    /* (the title field's phrase, TH丢 TH失, costs nothing here) */
    *kept = strstr(d, "(H丢 PHRASE") != NULL;
    free(d);
    ivs_search_t s = {.query = n, .limit = 10, .facets = 1, .exact = 1};
    ivs_results_t *res = NULL;
    ck_assert_int_eq(ivs_reader_search(r, &s, &res), IVS_OK);
    unsigned total = res->total;
    ivs_results_free(res);
    ivs_qnode_free(n);
    ivs_query_free(q);
    return total;
}

START_TEST(test_plan_keeps_substring_recall_while_it_is_cheap)
{
    ivs_reader_t *r = words_db(50);
    int kept = 0;
    ck_assert_uint_eq(planned_total(r, &kept), 51); /* 不丢失 found too */
    ck_assert(kept);
    words_db_close(r);
}
END_TEST

START_TEST(test_plan_drops_costly_recall_when_the_word_is_common)
{
    ivs_reader_t *r = words_db(IVS_RECALL_CHEAP + 1);
    int kept = 1;
    /* the whole-word matches stand alone */
    ck_assert_uint_eq(planned_total(r, &kept), IVS_RECALL_CHEAP + 1);
    ck_assert(!kept);
    words_db_close(r);
}
END_TEST

/* A database (in plan_dir) of documents of 300 positions each holding
 * kafka at position 1 and the word 丢失 at GAPS[i] positions after it. */
static ivs_reader_t *
gaps_db(const unsigned *gaps, size_t n)
{
    ivs_writer_t *w = plan_db_create();
    for (size_t i = 0; i < n; i++) {
        ivs_doc_t *d = ivs_doc_new();
        ck_assert_int_eq(ivs_doc_add_posting(d, "kafka", 5, 1, 1), IVS_OK);
        ck_assert_int_eq(ivs_doc_add_term(d, "丢失", strlen("丢失"), 1),
                         IVS_OK);
        for (uint32_t pos = 2; pos <= 300; pos++) {
            const char *t = pos == 1 + gaps[i]   ? "H丢"
                            : pos == 2 + gaps[i] ? "H失"
                                                 : "H的";
            ck_assert_int_eq(ivs_doc_add_posting(d, t, strlen(t), pos, 1),
                             IVS_OK);
        }
        char id[32];
        snprintf(id, sizeof id, "Q%zu", i);
        plan_db_add(w, d, id);
    }
    return plan_db_finish(w);
}

START_TEST(test_proximity_ranks_words_close_together_first)
{
    /* equal in BM25; without proximity the first added ranks first */
    const unsigned gaps[] = {250, 60, 3, 20};
    ivs_reader_t *r = gaps_db(gaps, 4);
    ivs_query_t *q = parse("kafka 丢失");
    ivs_qnode_t *n = ivs_query_tree(q, 1);
    ivs_qnode_t *near = ivs_query_proximity(q);
    ck_assert_ptr_nonnull(near);
    ivs_search_t s = {.query = n, .limit = 2, .proximity = near};
    ivs_results_t *res = NULL;
    ck_assert_int_eq(ivs_reader_search(r, &s, &res), IVS_OK);
    ck_assert_uint_eq(res->n_hits, 2);
    /* within the window, then the closest beyond it */
    ck_assert_uint_eq(res->hits[0].id, 3);
    ck_assert_uint_eq(res->hits[1].id, 4);
    ck_assert(res->hits[0].weight > res->hits[1].weight);
    ivs_results_free(res);
    /* the next page goes on in the same order */
    s.offset = 2;
    ck_assert_int_eq(ivs_reader_search(r, &s, &res), IVS_OK);
    ck_assert_uint_eq(res->n_hits, 2);
    ck_assert_uint_eq(res->hits[0].id, 2);
    ck_assert_uint_eq(res->hits[1].id, 1);
    ivs_results_free(res);
    /* without it, BM25 alone: a tie */
    s.proximity = NULL;
    s.offset = 0;
    ck_assert_int_eq(ivs_reader_search(r, &s, &res), IVS_OK);
    ck_assert_double_eq_tol(res->hits[0].weight, res->hits[1].weight, 1e-9);
    ivs_results_free(res);
    ivs_qnode_free(near);
    ivs_qnode_free(n);
    ivs_query_free(q);
    /* one word has nothing to be near */
    q = parse("kafka");
    ck_assert_ptr_null(ivs_query_proximity(q));
    ivs_query_free(q);
    words_db_close(r);
}
END_TEST

START_TEST(test_plan_bounds_the_cost_of_recall_for_a_rare_word)
{
    /* a rare word keeps its phrase past IVS_RECALL_CHEAP candidates ... */
    ivs_reader_t *r = words_db2(IVS_RECALL_RARE_WORD - 2, IVS_RECALL_CHEAP);
    int kept = 0;
    ck_assert_uint_eq(planned_total(r, &kept), IVS_RECALL_RARE_WORD - 1);
    ck_assert(kept);
    words_db_close(r);
    /* ... but not past IVS_RECALL_RARE_CHEAP */
    r = words_db2(IVS_RECALL_RARE_WORD - 2, IVS_RECALL_RARE_CHEAP);
    kept = 1;
    ck_assert_uint_eq(planned_total(r, &kept), IVS_RECALL_RARE_WORD - 2);
    ck_assert(!kept);
    words_db_close(r);
}
END_TEST

START_TEST(test_ten_thousand_character_query)
{
    char *text = malloc(30001);
    /* Han characters with a space every seventh */
    size_t len = 0;
    for (int i = 0; i < 10000; i++) {
        if (i % 7) {
            memcpy(text + len, "锁", 3);
            len += 3;
        } else {
            text[len++] = ' ';
        }
    }
    text[len] = '\0';
    ivs_query_t *q = parse(text);
    ck_assert_uint_gt(q->n_concepts, 0);
    ivs_query_free(q);
    free(text);
}
END_TEST

START_TEST(test_only_operators_give_no_concepts)
{
    ivs_query_t *q = parse("- + OR \"\"");
    ck_assert_uint_eq(q->n_concepts, 0);
    ivs_qnode_t *n = ivs_query_tree(q, 1);
    ck_assert_int_eq(n->op, IVS_Q_ALL);
    ivs_qnode_free(n);
    ivs_query_free(q);
}
END_TEST

/* ---- snippets ---------------------------------------------------------------- */

static char *
span_text(const ivs_snippet_t *s, size_t k)
{
    /* characters [start, end) of the snippet as UTF-8 */
    const char *p = s->text;
    size_t ch = 0;
    const char *from = NULL, *to = NULL;
    for (; *p; p++) {
        if (((unsigned char)*p & 0xC0) != 0x80) {
            if (ch == s->highlights[k].start)
                from = p;
            if (ch == s->highlights[k].end)
                to = p;
            ch++;
        }
    }
    if (!to)
        to = p;
    ck_assert_ptr_nonnull(from);
    char *r = strndup(from, (size_t)(to - from));
    return r;
}

START_TEST(test_snippet_marks_whole_words_with_heading)
{
    const char *text =
        "二、中间件\n3. Kafka 如何保证消息不丢失\n\t生产者要调整batch大小\n";
    ivs_snippet_section_t sec = {"中间件", 0, strlen(text)};
    ivs_query_t *q = parse("kafka 丢失");
    ivs_snippet_t *s = NULL;
    ck_assert_int_eq(
        ivs_snippet_build(a, text, strlen(text), &sec, 1, q, 100, &s), IVS_OK);
    ck_assert_msg(!strncmp(s->text, "中间件 › ", strlen("中间件 › ")), "%s",
                  s->text);
    ck_assert_uint_eq(s->n_highlights, 2);
    char *h0 = span_text(s, 0), *h1 = span_text(s, 1);
    ck_assert_str_eq(h0, "Kafka");
    ck_assert_str_eq(h1, "丢失");
    ck_assert(s->matched[0] && s->matched[1]);
    free(h0);
    free(h1);
    ivs_snippet_free(s);
    ivs_query_free(q);
}
END_TEST

START_TEST(test_snippet_joins_far_apart_passages)
{
    const char *text =
        "goroutine 泄漏怎么查\n中间一行\n另一行\n还有一行\n最后问了 epoll "
        "的原理\n";
    ivs_query_t *q = parse("goroutine epoll");
    ivs_snippet_t *s = NULL;
    ck_assert_int_eq(
        ivs_snippet_build(a, text, strlen(text), NULL, 0, q, 100, &s), IVS_OK);
    ck_assert_msg(strstr(s->text, " … ") != NULL, "%s", s->text);
    ck_assert_uint_eq(s->n_highlights, 2);
    ivs_snippet_free(s);
    ivs_query_free(q);
}
END_TEST

START_TEST(test_snippet_fits_the_display_width)
{
    static char text[8000];
    text[0] = '\0';
    for (int i = 0; i < 200; i++)
        strcat(text, "很长的句子，");
    strcat(text, "kafka 在这里，");
    for (int i = 0; i < 100; i++)
        strcat(text, "很长的句子，");
    ivs_query_t *q = parse("kafka");
    ivs_snippet_t *s = NULL;
    ck_assert_int_eq(
        ivs_snippet_build(a, text, strlen(text), NULL, 0, q, 80, &s), IVS_OK);
    ck_assert_uint_le(ivs_display_width(s->text, strlen(s->text)), 84);
    ck_assert_uint_eq(s->n_highlights, 1);
    char *h = span_text(s, 0);
    ck_assert_str_eq(h, "kafka");
    free(h);
    ivs_snippet_free(s);
    ivs_query_free(q);
}
END_TEST

START_TEST(test_snippet_reports_missing_concepts)
{
    const char *text = "kafka 保证数据不会丢\n";
    ivs_query_t *q = parse("kafka 丢失");
    ivs_snippet_t *s = NULL;
    ck_assert_int_eq(
        ivs_snippet_build(a, text, strlen(text), NULL, 0, q, 80, &s), IVS_OK);
    ck_assert(s->matched[0]);
    ck_assert(!s->matched[1]);
    ivs_snippet_free(s);
    ivs_query_free(q);
}
END_TEST

/* ---- lone characters: item 7 of issue 11 --------------------------------- */

static const struct {
    const char *query;
    const char *concepts; /* texts, '|' between, '*' before a concept that
                             is not meaningful alone */
} lone[] = {
    {"元宇宙", "元宇宙"}, /* 元 + 宇宙: a word unknown */
    {"工作池", "工作池"}, /* 工作 + 池 */
    {"页裂", "页裂"},
    {"元宇宙概念", "元宇宙|概念"},
    {"消息不重复", "消息|*不|重复"}, /* 不 between two words (消息不丢失
                                       has a synonym: one concept) */
    {"连续子数组最大和", "连续|子数组|最大和"},
    {"kafka丢", "kafka|*丢"},
    {"锁", "锁"}, /* typed alone: meaningful */
    {"锁 kafka", "锁|kafka"},
    {"\"锁\" kafka", "锁|kafka"},
    /* a question's words are left out beside other words, kept alone */
    {"map 是并发安全的吗", "map|并发安全"},
    {"go 的垃圾回收是怎么做的", "go|垃圾回收"},
    {"make 和 new 有什么区别", "make|new|区别"},
    {"是什么", "是什么"},
    /* and so are the verbs of a question (排查 asked, not searched) */
    {"goroutine 泄漏怎么排查", "goroutine|泄漏"},
    {"kafka 怎么保证消息不丢失", "kafka|消息不丢失"},
    {"排查 goroutine 泄漏", "排查|goroutine|泄漏"},
};

START_TEST(test_a_lone_character_stays_with_its_word)
{
    ivs_query_t *q = parse(lone[_i].query);
    char got[256] = "";
    for (size_t i = 0; i < q->n_concepts; i++) {
        const ivs_concept_t *c = &q->concepts[i];
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s%s",
                 i ? "|" : "", c->meaningful ? "" : "*", c->text);
    }
    ck_assert_msg(!strcmp(got, lone[_i].concepts), "%s: got %s, want %s",
                  lone[_i].query, got, lone[_i].concepts);
    ivs_query_free(q);
}
END_TEST

START_TEST(test_unknown_word_is_one_concept_ranked_by_its_phrase)
{
    /* one concept: its phrase, or its word with its character apart */
    char *d = text_tree("元宇宙");
    ck_assert_msg(
        !strcmp(d, "AND(OR(0.40*(PHRASE(H元 H宇 H宙)) "
                   "AND(OR(元 0.40*(H元)) OR(宇宙 0.40*(PHRASE(H宇 H宙))))))"),
        "%s", d);
    free(d);
    /* characters alone are only their phrase */
    d = text_tree("页裂");
    ck_assert_msg(!strcmp(d, "AND(PHRASE(H页 H裂))"), "%s", d);
    free(d);
}
END_TEST

/* The documents (by unique id Q<n>) the tree of QUERY finds in R. */
static void
found(ivs_reader_t *r, const char *query, int all_words, char *out, size_t cap)
{
    ivs_query_t *q = parse(query);
    ivs_qnode_t *n = ivs_query_tree(q, all_words);
    ck_assert_ptr_nonnull(n);
    ck_assert_int_eq(ivs_reader_plan(r, n), IVS_OK);
    ivs_search_t s = {.query = n, .limit = 10, .sort = IVS_SORT_SOURCE};
    ivs_results_t *res = NULL;
    ck_assert_int_eq(ivs_reader_search(r, &s, &res), IVS_OK);
    out[0] = '\0';
    for (size_t i = 0; i < res->n_hits; i++)
        snprintf(out + strlen(out), cap - strlen(out), "%s%.*s", i ? " " : "",
                 (int)res->hits[i].data_len, res->hits[i].data);
    ivs_results_free(res);
    ivs_qnode_free(n);
    ivs_query_free(q);
}

/* A database of the real analysis of TEXTS[0..N), document i with unique
 * id and data "Q<i>". */
static int
add_doc_term(void *ctx, const ivs_token_t *t)
{
    ivs_doc_t *d = ctx;
    char buf[IVS_MAX_TERM_BYTES + 8];
    if (t->term_len > IVS_MAX_TERM_BYTES)
        return 0;
    if (t->kind == IVS_TOKEN_CHAR) {
        buf[0] = IVS_PREFIX_CHAR[0];
        memcpy(buf + 1, t->term, t->term_len);
        return ivs_doc_add_posting(d, buf, t->term_len + 1, t->pos, 1) !=
               IVS_OK;
    }
    if (t->unit)
        return ivs_doc_add_posting(d, t->term, t->term_len, t->pos, 1) !=
               IVS_OK;
    return ivs_doc_add_term(d, t->term, t->term_len, 1) != IVS_OK;
}

static ivs_reader_t *
texts_db(const char *const *texts, size_t n)
{
    ivs_writer_t *w = plan_db_create();
    for (size_t i = 0; i < n; i++) {
        ivs_doc_t *d = ivs_doc_new();
        ck_assert_int_eq(ivs_analyze(a, texts[i], strlen(texts[i]),
                                     IVS_ANALYZE_INDEX, 1, NULL, add_doc_term,
                                     d),
                         0);
        char id[32];
        snprintf(id, sizeof id, "Q%zu", i);
        plan_db_add(w, d, id);
    }
    return plan_db_finish(w);
}

START_TEST(test_partial_matches_rest_on_a_meaningful_concept)
{
    static const char *const texts[] = {
        "充值100元送会员", /* Q0: only 元 */
        "元宇宙是什么",    /* Q1 */
        "消息队列",        /* Q2: 消息 */
        "这个不行",        /* Q3: only 不 */
    };
    ivs_reader_t *r = texts_db(texts, 4);
    char got[128];
    found(r, "元宇宙", 1, got, sizeof got);
    ck_assert_str_eq(got, "Q1");
    /* the partial pass of 元宇宙概念: 元宇宙 or 概念, never 元 alone */
    found(r, "元宇宙概念", 0, got, sizeof got);
    ck_assert_str_eq(got, "Q1");
    /* 消息 or 重复 make a partial match, 不 only adds to one */
    found(r, "消息不重复", 0, got, sizeof got);
    ck_assert_str_eq(got, "Q2");
    /* a query of lone characters alone has no partial matches */
    found(r, "kafka丢", 0, got, sizeof got);
    ck_assert_str_eq(got, "");
    words_db_close(r);
}
END_TEST

/* ---- syntax: item 11 of issue 11 ------------------------------------------ */

START_TEST(test_upper_case_and_not_are_operators)
{
    ivs_query_t *q = parse("kafka AND 丢失 NOT rabbitmq");
    ck_assert_uint_eq(q->n_concepts, 3);
    ck_assert_str_eq(q->concepts[0].text, "kafka");
    ck_assert_str_eq(q->concepts[1].text, "丢失");
    ck_assert(!q->concepts[1].negated);
    ck_assert_str_eq(q->concepts[2].text, "rabbitmq");
    ck_assert(q->concepts[2].negated);
    ivs_query_free(q);
    char *x = tree("kafka AND 丢失 NOT rabbitmq"),
         *y = tree("kafka 丢失 -rabbitmq");
    ck_assert_str_eq(x, y);
    free(x);
    free(y);
    /* NOT before a phrase; lower case are words */
    q = parse("NOT \"消息队列\" and not");
    ck_assert_uint_eq(q->n_concepts, 3);
    ck_assert(q->concepts[0].negated && q->concepts[0].phrase);
    ck_assert_str_eq(q->concepts[1].text, "and");
    ck_assert_str_eq(q->concepts[2].text, "not");
    ivs_query_free(q);
    /* operators with nothing to join are left out */
    q = parse("AND NOT OR");
    ck_assert_uint_eq(q->n_concepts, 0);
    ivs_query_free(q);
}
END_TEST

static const char *
fake_topic(void *ctx, const char *name)
{
    (void)ctx;
    if (!strcmp(name, "数据库") || !strcmp(name, "database"))
        return "database";
    if (!strcmp(name, "容器") || !strcmp(name, "container"))
        return "container";
    return NULL;
}

START_TEST(test_topic_or_topic_means_either)
{
    ivs_query_t *q =
        parse("redis topic:network topic:数据库 OR topic:container");
    ck_assert_uint_eq(q->n_concepts, 1);
    ck_assert_uint_eq(q->n_topics, 1);
    ck_assert_str_eq(q->topics[0], "network");
    ck_assert_uint_eq(q->n_topic_choices, 1);
    ck_assert_uint_eq(q->topic_choices[0].n, 2);
    ck_assert_str_eq(q->topic_choices[0].values[0], "数据库");
    ck_assert_str_eq(q->topic_choices[0].values[1], "container");
    const char *unknown = "x";
    ck_assert_int_eq(ivs_query_resolve_topics(q, fake_topic, NULL, &unknown),
                     IVS_OK);
    ck_assert_ptr_null(unknown);
    ivs_qnode_t *n = ivs_query_tree(q, 1);
    char *d = ivs_qnode_describe(n);
    ck_assert_msg(strstr(d, "FILTER(") &&
                      strstr(d, "AND(OR(XTdatabase XTcontainer))"),
                  "%s", d);
    free(d);
    ivs_qnode_free(n);
    ivs_query_free(q);
    /* an unknown alternative is named */
    q = parse("topic:database OR topic:nosuch");
    ck_assert_int_eq(ivs_query_resolve_topics(q, fake_topic, NULL, &unknown),
                     IVS_ERR_QUERY);
    ck_assert_str_eq(unknown, "nosuch");
    ivs_query_free(q);
    /* OR between a topic and a word joins nothing */
    q = parse("topic:database OR kafka");
    ck_assert_uint_eq(q->n_topics, 1);
    ck_assert_uint_eq(q->n_topic_choices, 0);
    ck_assert_uint_eq(q->n_concepts, 1);
    ivs_query_free(q);
    /* three alternatives */
    q = parse("topic:a OR topic:b OR topic:c");
    ck_assert_uint_eq(q->n_topics, 0);
    ck_assert_uint_eq(q->n_topic_choices, 1);
    ck_assert_uint_eq(q->topic_choices[0].n, 3);
    ivs_query_free(q);
}
END_TEST

START_TEST(test_bare_filter_keys_are_filters_no_value_matches)
{
    ivs_query_t *q = parse("verdict: topic: kafka");
    ck_assert_uint_eq(q->n_concepts, 1);
    ck_assert_uint_eq(q->n_verdicts, 1);
    ck_assert_str_eq(q->verdicts[0], "");
    ck_assert_int_lt(ivs_verdict_parse(q->verdicts[0]), 0); /* an error */
    ck_assert_uint_eq(q->n_topics, 1);
    ck_assert_str_eq(q->topics[0], "");
    ivs_query_free(q);
}
END_TEST

START_TEST(test_a_repeated_word_is_one_concept)
{
    ivs_query_t *q = parse("kafka Kafka 丢失 kafka 丢失 -mq -MQ");
    ck_assert_uint_eq(q->n_concepts, 3);
    ck_assert_str_eq(q->concepts[0].text, "kafka");
    ck_assert_str_eq(q->concepts[1].text, "丢失");
    ck_assert_str_eq(q->concepts[2].text, "mq");
    ivs_query_free(q);
}
END_TEST

/* ---- parity: item 12 of issue 11 ------------------------------------------ */

typedef struct {
    char **v;
    size_t n, cap;
} terms_t;

static int
terms_has(const terms_t *t, const char *s)
{
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->v[i], s))
            return 1;
    return 0;
}

static void
terms_put(terms_t *t, const char *s, size_t len)
{
    char *c = strndup(s, len);
    if (terms_has(t, c)) {
        free(c);
        return;
    }
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 256;
        t->v = realloc(t->v, t->cap * sizeof *t->v);
    }
    t->v[t->n++] = c;
}

static void
terms_free(terms_t *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i]);
    free(t->v);
}

/* The terms of a document, as indexer/ivindex.c's on_token() makes them. */
static int
doc_term(void *ctx, const ivs_token_t *t)
{
    terms_t *terms = ctx;
    char buf[IVS_MAX_TERM_BYTES + 8];
    if (t->term_len > IVS_MAX_TERM_BYTES)
        return 0;
    if (t->kind == IVS_TOKEN_CHAR) {
        buf[0] = IVS_PREFIX_CHAR[0];
        memcpy(buf + 1, t->term, t->term_len);
        terms_put(terms, buf, t->term_len + 1);
        return 0;
    }
    terms_put(terms, t->term, t->term_len);
    size_t n;
    if (t->unit && !t->cjk && ivs_stemmable(t->term, t->term_len) &&
        (n = ivs_stem_english(t->term, t->term_len, buf + 1, sizeof buf - 1)) >
            0) {
        buf[0] = IVS_PREFIX_STEM[0];
        terms_put(terms, buf, n + 1);
    }
    return 0;
}

/* The first term of N not among DOC's, or NULL. */
static const char *
foreign_term(const ivs_qnode_t *n, const terms_t *doc)
{
    if (n->op == IVS_Q_TERM)
        return terms_has(doc, n->term) ? NULL : n->term;
    for (size_t i = 0; i < n->n_kids; i++) {
        const char *t = foreign_term(n->kids[i], doc);
        if (t)
            return t;
    }
    return NULL;
}

/* Every term of the query TEXT (without synonyms, which add other words)
 * is among the terms of a document of TEXT. */
static void
assert_query_terms_indexed(const char *text, size_t len)
{
    terms_t doc = {0};
    ck_assert_int_eq(
        ivs_analyze(a, text, len, IVS_ANALYZE_INDEX, 1, NULL, doc_term, &doc),
        0);
    char *query = strndup(text, len);
    ivs_query_t *q = NULL;
    ck_assert_int_eq(ivs_query_parse(a, NULL, query, &q), IVS_OK);
    for (size_t i = 0; i < q->n_concepts; i++) {
        const char *t = foreign_term(q->concepts[i].node, &doc);
        ck_assert_msg(t == NULL, "query %s: term %s is not indexed", query, t);
    }
    ivs_query_free(q);
    free(query);
    terms_free(&doc);
}

static const char *const parity_texts[] = {
    "b+tree",
    "B+Tree 索引",
    "mutex+map",
    "o(n)",
    "len(map)",
    "http2.0+pb",
    "sync.Once",
    "127.0.0.1:8080",
    "c++11 和 C#",
    "pkg/errors",
    "TIME_WAIT",
    "a.b.c+d-e/f#",
    "x_y::z",
    "go1.18版本",
    "3次握手",
    "元宇宙",
    "页裂",
    "分佈式鎖",
    "記憶體洩漏",
    "kafka消息不丢失",
    "min.insync.replicas=2",
    "std::vector<int>",
    "user@example.com",
    "O(log n)",
    "f(x)=x+1",
    "1+1=2",
    "-v",
    "a--b",
    "。。。",
    "二○○一年",
    "Ｋａｆｋａ丢失",
};

START_TEST(test_query_terms_are_among_the_terms_of_the_same_text)
{
    assert_query_terms_indexed(parity_texts[_i], strlen(parity_texts[_i]));
}
END_TEST

START_TEST(test_every_line_of_the_sample_archive_queries_its_own_terms)
{
    FILE *f = fopen(IVS_EXAMPLES "/interviews.txt", "r");
    ck_assert_ptr_nonnull(f);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0)
        assert_query_terms_indexed(line, (size_t)n);
    free(line);
    fclose(f);
}
END_TEST

START_TEST(test_snippet_heading_lines_lose_their_markdown_marks)
{
    const char *text =
        "## 操作系统\n### 进程和线程的区别\n进程是资源分配的单位\n"
        "## 算法 ##\n二分查找的边界\n#include <stdio.h> 的作用\n";
    size_t sub = (size_t)(strstr(text, "###") - text);
    size_t algo = (size_t)(strstr(text, "## 算法") - text);
    /* headings as an old database may hold them, with their marks */
    ivs_snippet_section_t sec[3] = {{"## 操作系统", 0, sub},
                                    {"### 进程和线程的区别", sub, algo},
                                    {"算法", algo, strlen(text)}};
    static const struct {
        const char *query, *snippet;
    } cases[] = {
        {"区别", "进程和线程的区别"}, /* the heading line itself */
        {"资源", "进程和线程的区别 › 进程是资源分配的单位"},
        {"算法", "算法"},                              /* closing marks too */
        {"stdio", "算法 › #include <stdio.h> 的作用"}, /* not a heading */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ivs_query_t *q = parse(cases[i].query);
        ivs_snippet_t *s = NULL;
        ck_assert_int_eq(
            ivs_snippet_build(a, text, strlen(text), sec, 3, q, 100, &s),
            IVS_OK);
        ck_assert_msg(!strcmp(s->text, cases[i].snippet), "%s: '%s'",
                      cases[i].query, s->text);
        ck_assert_uint_ge(s->n_highlights, 1);
        ivs_snippet_free(s);
        ivs_query_free(q);
    }
}
END_TEST

/* Whether every run of ASCII letters in S is one of WORDS (a word cut by
 * the window would not be). */
static int
latin_words_whole(const char *s, const char *const *words)
{
    for (const char *p = s; *p;) {
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) {
            p++;
            continue;
        }
        const char *b = p;
        while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
            p++;
        int found = 0;
        for (const char *const *w = words; *w && !found; w++)
            found = strlen(*w) == (size_t)(p - b) &&
                    !strncmp(*w, b, (size_t)(p - b));
        if (!found)
            return 0;
    }
    return 1;
}

/* The window's edges slide over a line, one character at a time: a
 * highlight is always whole and no Latin word is cut ("[gorou]…"). */
START_TEST(test_snippet_edges_never_cut_a_highlight_or_a_word)
{
    static const char *const words[] = {
        "kafka", "goroutine", "scheduler", "internals", "are", "hard", NULL};
    static const char *const layouts[] = {
        /* the second match at the right edge */
        "kafka %s goroutine scheduler internals are hard 很多很多很多很多很多"
        "很多很多很多很多很多很多很多很多很多很多很多很多很多很多很多很多",
        /* Latin words at the left edge */
        "很多很多很多很多很多很多很多很多很多很多很多很多很多 scheduler "
        "internals"
        " are hard %s goroutine 是什么 kafka",
        /* a Chinese highlight at the right edge */
        "kafka %s 消息丢失 scheduler internals 很多很多很多很多很多很多很多很多"
        "很多很多很多很多很多很多很多很多很多很多很多很多很多",
    };
    static const char *const queries[] = {"kafka goroutine", "goroutine",
                                          "kafka 丢失"};
    static const char *const marked[] = {"kafka", "goroutine", "丢失"};
    char pad[400], text[1024];
    for (size_t l = 0; l < sizeof layouts / sizeof layouts[0]; l++) {
        ivs_query_t *q = parse(queries[l]);
        for (int n = 0; n < 40; n++) {
            pad[0] = '\0';
            for (int k = 0; k < n; k++)
                strcat(pad, k % 3 == 2 ? " " : "很");
            snprintf(text, sizeof text, layouts[l], pad);
            ivs_snippet_t *s = NULL;
            ck_assert_int_eq(
                ivs_snippet_build(a, text, strlen(text), NULL, 0, q, 40, &s),
                IVS_OK);
            ck_assert_msg(latin_words_whole(s->text, words),
                          "layout %zu pad %d: a word is cut in '%s'", l, n,
                          s->text);
            ck_assert_uint_ge(s->n_highlights, 1);
            for (size_t h = 0; h < s->n_highlights; h++) {
                char *t = span_text(s, h);
                int whole = 0;
                for (size_t w = 0; w < 3; w++)
                    whole |= strcasecmp(t, marked[w]) == 0;
                ck_assert_msg(whole,
                              "layout %zu pad %d: highlight '%s' in '%s'", l, n,
                              t, s->text);
                free(t);
            }
            ivs_snippet_free(s);
        }
        ivs_query_free(q);
    }
}
END_TEST

static Suite *
query_suite(void)
{
    Suite *s = suite_create("query");
    TCase *core = tcase_create("core");
    tcase_add_checked_fixture(core, setup, teardown);
    tcase_add_test(core, test_words_are_separate_concepts);
    tcase_add_test(core, test_title_field_adds_weight_to_each_concept);
    tcase_add_test(core, test_single_characters_in_a_row_are_one_concept);
    tcase_add_test(core, test_plan_keeps_substring_recall_while_it_is_cheap);
    tcase_add_test(core, test_plan_drops_costly_recall_when_the_word_is_common);
    tcase_add_test(core, test_plan_bounds_the_cost_of_recall_for_a_rare_word);
    tcase_add_test(core, test_proximity_ranks_words_close_together_first);
    tcase_add_test(core,
                   test_no_space_between_latin_and_chinese_reads_the_same);
    tcase_add_test(core, test_quoted_text_is_a_phrase_of_characters);
    tcase_add_test(core, test_minus_excludes_and_or_joins);
    tcase_add_test(core, test_inline_filters_are_taken_out_of_the_words);
    tcase_add_test(core, test_synonyms_expand_both_ways);
    tcase_add_test(core, test_synonym_inside_a_chinese_word);
    tcase_add_test(core, test_synonym_of_several_words_matches_adjacent_words);
    tcase_add_test(core, test_synonym_across_chinese_words_joins_them);
    tcase_add_test(core, test_a_one_way_synonym_expands_one_way);
    tcase_add_test(core, test_words_typed_together_weigh_more_together);
    suite_add_tcase(s, core);

    TCase *errors = tcase_create("errors");
    tcase_add_checked_fixture(errors, setup, teardown);
    tcase_add_loop_test(errors, test_odd_queries_parse, 0,
                        sizeof odd / sizeof odd[0]);
    tcase_add_test(errors, test_technical_queries_keep_their_terms);
    tcase_add_test(errors, test_ten_thousand_character_query);
    tcase_add_test(errors, test_only_operators_give_no_concepts);
    suite_add_tcase(s, errors);

    TCase *cjk = tcase_create("cjk");
    tcase_add_checked_fixture(cjk, setup, teardown);
    tcase_add_loop_test(cjk, test_a_lone_character_stays_with_its_word, 0,
                        sizeof lone / sizeof lone[0]);
    tcase_add_test(cjk, test_unknown_word_is_one_concept_ranked_by_its_phrase);
    tcase_add_test(cjk, test_partial_matches_rest_on_a_meaningful_concept);
    suite_add_tcase(s, cjk);

    TCase *syntax = tcase_create("syntax");
    tcase_add_checked_fixture(syntax, setup, teardown);
    tcase_add_test(syntax, test_upper_case_and_not_are_operators);
    tcase_add_test(syntax, test_topic_or_topic_means_either);
    tcase_add_test(syntax, test_bare_filter_keys_are_filters_no_value_matches);
    tcase_add_test(syntax, test_a_repeated_word_is_one_concept);
    suite_add_tcase(s, syntax);

    TCase *parity = tcase_create("parity");
    tcase_add_checked_fixture(parity, setup, teardown);
    tcase_add_loop_test(parity,
                        test_query_terms_are_among_the_terms_of_the_same_text,
                        0, sizeof parity_texts / sizeof parity_texts[0]);
    tcase_add_test(parity,
                   test_every_line_of_the_sample_archive_queries_its_own_terms);
    suite_add_tcase(s, parity);

    TCase *snip = tcase_create("snippet");
    tcase_add_checked_fixture(snip, setup, teardown);
    tcase_add_test(snip, test_snippet_marks_whole_words_with_heading);
    tcase_add_test(snip, test_snippet_joins_far_apart_passages);
    tcase_add_test(snip, test_snippet_fits_the_display_width);
    tcase_add_test(snip, test_snippet_reports_missing_concepts);
    tcase_add_test(snip, test_snippet_heading_lines_lose_their_markdown_marks);
    tcase_add_test(snip, test_snippet_edges_never_cut_a_highlight_or_a_word);
    suite_add_tcase(s, snip);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(query_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

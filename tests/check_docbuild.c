/* Unit tests for the document builder (indexer/index/docbuild.c): a record
 * becomes a document with the terms, filters, values and data the search
 * side reads, checked through a real Xapian database. */
#define _GNU_SOURCE
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ivs/docbuild.h"
#include "ivs/reader.h"
#include "ivs/schema.h"
#include "ivs/writer.h"

static char dir[256];
static ivs_analyzer_t *analyzer;
static ivs_reader_t *reader;

static const char text[] = "## 中间件\n"
                           "1. Kafka 如何保证消息不丢失？\n"
                           "回答了 acks 和副本，interfaces 讲得清楚。\n";

/* Builds a record of TITLE and BODY as interview ID of SOURCE into a
 * fresh database and opens it for reading. */
static void
build_record(uint32_t id, const char *source, const char *title,
             const char *body)
{
    snprintf(dir, sizeof dir, "/tmp/ivs-check-docbuild-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char *err = NULL;
    ck_assert_int_eq(ivs_analyzer_open(NULL, NULL, &analyzer, &err), IVS_OK);
    ivs_docbuilder_t *b = NULL;
    ck_assert_int_eq(ivs_docbuilder_new(analyzer, &b), IVS_OK);
    ivs_section_t sec = {.heading = "中间件",
                         .topic = "middleware",
                         .start = 0,
                         .end = strlen(body)};
    const char *topics[] = {"middleware"};
    char title_copy[64]; /* (a record owns its title) */
    snprintf(title_copy, sizeof title_copy, "%s", title);
    ivs_record_t r = {.source = source,
                      .ordinal = 3,
                      .title = title_copy,
                      .text = body,
                      .text_len = strlen(body),
                      .sections = &sec,
                      .n_sections = 1,
                      .topics = topics,
                      .n_topics = 1,
                      .verdict = IVS_VERDICT_PASS,
                      .date = "2024-07-12"};
    ivs_doc_t *d = NULL;
    ck_assert_int_eq(ivs_docbuilder_build(b, &r, source, id, &d), IVS_OK);
    ivs_writer_t *w = NULL;
    char db[300];
    snprintf(db, sizeof db, "%s/db", dir);
    ck_assert_int_eq(ivs_writer_open(db, &w, NULL), IVS_OK);
    char q[IVS_UNIQUE_TERM_SIZE];
    ivs_unique_term(id, q);
    ck_assert_int_eq(ivs_writer_replace(w, d, q, NULL), IVS_OK);
    ck_assert_int_eq(ivs_writer_commit(w), IVS_OK);
    ivs_writer_close(w);
    ivs_doc_free(d);
    ivs_docbuilder_free(b);
    ck_assert_int_eq(ivs_reader_open(db, &reader, NULL), IVS_OK);
}

/* Builds the sample record, titled Kafka. */
static void
build(uint32_t id, const char *source)
{
    build_record(id, source, "Kafka", text);
}

static void
teardown(void)
{
    ivs_reader_close(reader);
    ivs_analyzer_close(analyzer);
    reader = NULL;
    analyzer = NULL;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

START_TEST(test_words_characters_and_stems_are_indexed)
{
    build(7, "/notes/a.md");
    ck_assert_uint_eq(ivs_reader_termfreq(reader, "kafka"), 1);
    ck_assert_uint_eq(ivs_reader_termfreq(reader, "丢失"), 1);
    ck_assert_uint_eq(ivs_reader_termfreq(reader, IVS_PREFIX_CHAR "丢"), 1);
    ck_assert_uint_eq(ivs_reader_termfreq(reader, IVS_PREFIX_STEM "interfac"),
                      1);
    ck_assert_uint_eq(ivs_reader_termfreq(reader, "nothere"), 0);
}
END_TEST

START_TEST(test_title_and_file_name_are_the_title_field)
{
    build(7, "/notes/redis-持久化.md");
    /* the title and the file's name, each term behind the prefix */
    ck_assert_uint_eq(ivs_reader_termfreq(reader, IVS_PREFIX_TITLE "kafka"), 1);
    ck_assert_uint_eq(ivs_reader_termfreq(reader, IVS_PREFIX_TITLE "redis"), 1);
    ck_assert_uint_eq(
        ivs_reader_termfreq(reader, IVS_PREFIX_TITLE IVS_PREFIX_CHAR "久"), 1);
    /* the file's name is not text; text words are not title words */
    ck_assert_uint_eq(ivs_reader_termfreq(reader, "redis"), 0);
    ck_assert_uint_eq(ivs_reader_termfreq(reader, IVS_PREFIX_TITLE "acks"), 0);
    /* not a table of contents */
    ck_assert_uint_eq(ivs_reader_termfreq(reader, IVS_TERM_CONTENTS), 0);
}
END_TEST

START_TEST(test_table_of_contents_has_length_and_no_title_field)
{
    /* most lines link to other documents of the set */
    build_record(8, "/docs/README.md", "目录",
                 "# 目录\n"
                 "- [Kafka 消息丢失](./kafka/lost.md)\n"
                 "- [Redis 持久化](redis/persist.md#aof)\n"
                 "- [MySQL 索引](../mysql/index.md)\n"
                 "- [分布式锁](lock.md)\n"
                 "- [GC](gc/)\n"
                 "- [官网](https://example.com/) 不算\n"
                 "一行说明\n");
    ck_assert_uint_eq(ivs_reader_termfreq(reader, IVS_TERM_CONTENTS), 1);
    ck_assert_uint_eq(ivs_reader_termfreq(reader, "kafka"), 1);
    ck_assert_uint_eq(ivs_reader_termfreq(reader, IVS_PREFIX_TITLE "readme"),
                      0);
    teardown();
    /* web links and anchors are not links to documents */
    build_record(9, "/docs/links.md", "链接",
                 "- [a](https://a.example/)\n- [b](http://b.example/)\n"
                 "- [c](#c)\n- [d](mailto:d@example.com)\n"
                 "- [e](https://e.example/)\n- [f](#f)\n");
    ck_assert_uint_eq(ivs_reader_termfreq(reader, IVS_TERM_CONTENTS), 0);
    teardown();
    /* a long note with a few links is not a table of contents */
    build_record(10, "/docs/note.md", "笔记",
                 "- [a](a.md)\n- [b](b.md)\n- [c](c.md)\n- [d](d.md)\n"
                 "- [e](e.md)\n一\n二\n三\n四\n五\n六\n七\n八\n九\n"
                 "十\n十一\n十二\n十三\n十四\n十五\n十六\n");
    ck_assert_uint_eq(ivs_reader_termfreq(reader, IVS_TERM_CONTENTS), 0);
    ck_assert_uint_eq(ivs_reader_termfreq(reader, IVS_PREFIX_TITLE "note"), 1);
}
END_TEST

START_TEST(test_filters_and_unique_term_are_boolean_terms)
{
    build(7, "/notes/a.md");
    char src[IVS_SOURCE_TERM_SIZE];
    ivs_source_term("/notes/a.md", src);
    ck_assert_uint_eq(ivs_reader_termfreq(reader, src), 1);
    ck_assert_uint_eq(ivs_reader_termfreq(reader, IVS_PREFIX_VERDICT "pass"),
                      1);
    ck_assert_uint_eq(
        ivs_reader_termfreq(reader, IVS_PREFIX_TOPIC "middleware"), 1);
    ck_assert_uint_eq(ivs_reader_termfreq(reader, IVS_PREFIX_UNIQUE "7"), 1);
}
END_TEST

START_TEST(test_data_holds_id_source_place_and_text)
{
    build(42, "/notes/a.md");
    size_t len = 0;
    ivs_status_t st;
    char *data = ivs_reader_document(reader, 42, &len, &st);
    ck_assert_ptr_nonnull(data);
    char *nl = memchr(data, '\n', len);
    ck_assert_ptr_nonnull(nl);
    *nl = '\0';
    ck_assert_ptr_nonnull(strstr(data, "\"id\":42"));
    ck_assert_ptr_nonnull(strstr(data, "\"source\":\"/notes/a.md\""));
    ck_assert_ptr_nonnull(strstr(data, "\"ordinal\":3"));
    ck_assert_ptr_nonnull(strstr(data, "\"verdict\":\"pass\""));
    ck_assert_ptr_nonnull(strstr(data, "\"date\":\"2024-07-12\""));
    ck_assert_mem_eq(nl + 1, text, sizeof text - 1);
    free(data);
    ck_assert_ptr_null(ivs_reader_document(reader, 7, NULL, &st));
    ck_assert_int_eq(st, IVS_ERR_NOTFOUND);
}
END_TEST

START_TEST(test_hits_carry_the_interview_id_not_the_docid)
{
    build(99, "/notes/a.md");
    ivs_query_t *q = NULL;
    ck_assert_int_eq(ivs_query_parse(analyzer, NULL, "kafka", &q), IVS_OK);
    ivs_qnode_t *n = ivs_query_tree(q, 1);
    ivs_search_t s = {.query = n, .limit = 5};
    ivs_results_t *res = NULL;
    ck_assert_int_eq(ivs_reader_search(reader, &s, &res), IVS_OK);
    ck_assert_uint_eq(res->n_hits, 1);
    ck_assert_uint_eq(res->hits[0].id, 99);
    ivs_results_free(res);
    ivs_qnode_free(n);
    ivs_query_free(q);
}
END_TEST

START_TEST(test_meta_hash_follows_what_the_record_says_not_its_place)
{
    ivs_record_t a = {.title = "t", .verdict = IVS_VERDICT_PASS, .ordinal = 1};
    ivs_record_t b = a;
    b.ordinal = 9;
    b.source = "/elsewhere.md";
    ck_assert_uint_eq(ivs_record_meta_hash(&a), ivs_record_meta_hash(&b));
    b.verdict = IVS_VERDICT_FAIL;
    ck_assert_uint_ne(ivs_record_meta_hash(&a), ivs_record_meta_hash(&b));
    b = a;
    b.title = "u";
    ck_assert_uint_ne(ivs_record_meta_hash(&a), ivs_record_meta_hash(&b));
}
END_TEST

START_TEST(test_order_value_sorts_by_path_then_ordinal)
{
    size_t l1, l2, l3;
    char *a = ivs_record_order("/a.md", 2, &l1);
    char *b = ivs_record_order("/a.md", 10, &l2);
    char *c = ivs_record_order("/b.md", 1, &l3);
    ck_assert_int_lt(memcmp(a, b, l1 < l2 ? l1 : l2), 0);
    ck_assert_int_lt(memcmp(b, c, l2 < l3 ? l2 : l3), 0);
    free(a);
    free(b);
    free(c);
}
END_TEST

static Suite *
docbuild_suite(void)
{
    Suite *s = suite_create("docbuild");
    TCase *core = tcase_create("core");
    tcase_add_checked_fixture(core, NULL, teardown);
    tcase_add_test(core, test_words_characters_and_stems_are_indexed);
    tcase_add_test(core, test_title_and_file_name_are_the_title_field);
    tcase_add_test(core, test_table_of_contents_has_length_and_no_title_field);
    tcase_add_test(core, test_filters_and_unique_term_are_boolean_terms);
    tcase_add_test(core, test_data_holds_id_source_place_and_text);
    tcase_add_test(core, test_hits_carry_the_interview_id_not_the_docid);
    suite_add_tcase(s, core);
    TCase *values = tcase_create("values");
    tcase_add_test(values,
                   test_meta_hash_follows_what_the_record_says_not_its_place);
    tcase_add_test(values, test_order_value_sorts_by_path_then_ordinal);
    suite_add_tcase(s, values);
    return s;
}

int
main(void)
{
    SRunner *r = srunner_create(docbuild_suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? 1 : 0;
}

/* The search library (ivs/search.h) called directly: searches with full
 * and partial matches and facets, similar, show, stats, and requests it
 * refuses with a status and a message, printing nothing. The real ivindex
 * builds a small temporary database per test. */
#define _GNU_SOURCE
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ivs/search.h"

/* Three interviews, one per file: their verdicts pass, fail, pending. */
static const struct {
    const char *name, *text;
} notes[] = {
    {"a.txt",
     "一、中间件\n"
     "Redis 持久化：RDB 与 AOF 都能讲清楚。Kafka 消息不丢失的做法也清楚。\n"
     "\n结论：面试通过\n"},
    {"b.txt", "一、中间件\n"
              "Kafka 分区与副本了解，Redis 只用过缓存。\n"
              "\n结论：不通过\n"},
    {"c.txt", "一、语言\n"
              "golang channel 与 goroutine 调度讲得很细。\n"
              "\n结论：待定\n"},
};

static char dir[64];
static ivs_searcher_t *s;

static char *
path_in(const char *name)
{
    static char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return p;
}

static void
setup(void)
{
    strcpy(dir, "/tmp/ivs-check-search-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    ck_assert_int_eq(mkdir(path_in("docs"), 0700), 0);
    for (size_t i = 0; i < sizeof notes / sizeof *notes; i++) {
        char p[256];
        snprintf(p, sizeof p, "%s/docs/%s", dir, notes[i].name);
        FILE *f = fopen(p, "w");
        ck_assert_ptr_nonnull(f);
        fputs(notes[i].text, f);
        fclose(f);
    }
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "'" IVS_BUILD_DIR "/ivindex' --quiet --db '%s/db' '%s/docs'", dir,
             dir);
    ck_assert_int_eq(system(cmd), 0);
    char *err = NULL;
    ck_assert_int_eq(
        ivs_searcher_open(path_in("db"),
                          IVS_SEARCHER_SYNONYMS | IVS_SEARCHER_STOPWORDS, &s,
                          &err),
        IVS_OK);
    ck_assert_ptr_null(err);
}

static void
teardown(void)
{
    ivs_searcher_close(s);
    s = NULL;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

static ivs_search_request_t
request(const char *query)
{
    return (ivs_search_request_t){.query = query, .limit = 10};
}

static int
ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && !strcmp(s + n - t, tail);
}

/* The id of the interview in file NAME, by searching for WORD. */
static uint32_t
id_of(const char *word, const char *name)
{
    ivs_search_request_t req = request(word);
    ivs_search_results_t *r = NULL;
    ck_assert_int_eq(ivs_search_run(s, &req, &r), IVS_OK);
    uint32_t id = 0;
    for (size_t i = 0; i < r->n_hits; i++)
        if (ends_with(r->hits[i].interview.source, name))
            id = r->hits[i].interview.id;
    ivs_search_results_free(r);
    ck_assert_uint_ne(id, 0);
    return id;
}

static uint32_t
facet(const ivs_facet_t *f, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(f[i].key, key))
            return f[i].count;
    return 0;
}

/* ---- core ------------------------------------------------------------- */

START_TEST(test_two_words_give_full_then_partial_matches_with_facets)
{
    ivs_search_request_t req = request("redis 持久化");
    ivs_search_results_t *r = NULL;
    ck_assert_int_eq(ivs_search_run(s, &req, &r), IVS_OK);
    ck_assert_int_eq(r->several, 1);
    ck_assert_uint_eq(r->full.total, 1);
    ck_assert_uint_eq(r->partial.total, 1);
    ck_assert_uint_eq(r->n_hits, 2);
    ck_assert_uint_eq(facet(r->full.verdicts, r->full.n_verdicts, "pass"), 1);
    ck_assert_uint_eq(facet(r->full.topics, r->full.n_topics, "middleware"), 1);

    const ivs_search_hit_t *full = &r->hits[0], *part = &r->hits[1];
    ck_assert(ends_with(full->interview.source, "/a.txt"));
    ck_assert_int_eq(full->partial, 0);
    ck_assert_uint_eq(full->rank, 1);
    ck_assert_str_eq(full->interview.verdict, "pass");
    ck_assert_ptr_nonnull(strstr(full->snippet, "持久化"));
    ck_assert_uint_gt(full->n_highlights, 0);
    ck_assert_ptr_null(full->interview.text); /* hits carry snippets */

    ck_assert(ends_with(part->interview.source, "/b.txt"));
    ck_assert_int_eq(part->partial, 1);
    ck_assert_uint_eq(part->rank, 2);
    ck_assert_uint_eq(part->n_missing, 1);
    ck_assert_str_eq(part->missing[0], "持久化");
    ck_assert_str_eq(part->interview.verdict, "fail");
    ck_assert_uint_eq(r->n_suggestions, 0);
    ck_assert_ptr_null(r->plan);
    ivs_search_results_free(r);
}
END_TEST

START_TEST(test_a_verdict_filter_keeps_only_that_verdict)
{
    const char *fail[] = {"不通过"};
    ivs_search_request_t req = request("kafka");
    req.verdicts = fail;
    req.n_verdicts = 1;
    ivs_search_results_t *r = NULL;
    ck_assert_int_eq(ivs_search_run(s, &req, &r), IVS_OK);
    ck_assert_uint_eq(r->full.total, 1);
    ck_assert_uint_eq(r->n_hits, 1);
    ck_assert(ends_with(r->hits[0].interview.source, "/b.txt"));
    ck_assert_uint_eq(facet(r->full.verdicts, r->full.n_verdicts, "fail"), 1);
    ck_assert_uint_eq(facet(r->full.verdicts, r->full.n_verdicts, "pass"), 0);
    ivs_search_results_free(r);
}
END_TEST

START_TEST(test_explain_fills_the_plan_and_matched_terms)
{
    ivs_search_request_t req = request("kafka");
    req.explain = 1;
    ivs_search_results_t *r = NULL;
    ck_assert_int_eq(ivs_search_run(s, &req, &r), IVS_OK);
    ck_assert_ptr_nonnull(r->plan);
    ck_assert_ptr_nonnull(r->plan->xapian);
    ck_assert_uint_eq(r->plan->query->n_concepts, 1);
    ck_assert_uint_eq(r->n_hits, 2);
    ck_assert_uint_gt(r->hits[0].n_matched, 0);
    ivs_search_results_free(r);
}
END_TEST

START_TEST(test_a_searcher_answers_the_same_request_twice_alike)
{
    ivs_search_request_t req = request("kafka redis");
    ivs_search_results_t *r1 = NULL, *r2 = NULL;
    ck_assert_int_eq(ivs_search_run(s, &req, &r1), IVS_OK);
    ck_assert_int_eq(ivs_search_run(s, &req, &r2), IVS_OK);
    ck_assert_uint_eq(r1->n_hits, r2->n_hits);
    for (size_t i = 0; i < r1->n_hits; i++) {
        ck_assert_uint_eq(r1->hits[i].interview.id, r2->hits[i].interview.id);
        ck_assert_str_eq(r1->hits[i].snippet, r2->hits[i].snippet);
    }
    ivs_search_results_free(r1);
    ivs_search_results_free(r2);
}
END_TEST

START_TEST(test_similar_shares_terms_and_leaves_out_the_interview_itself)
{
    uint32_t a = id_of("RDB", "/a.txt");
    ivs_search_request_t req = request(NULL);
    ivs_search_results_t *r = NULL;
    ck_assert_int_eq(ivs_search_similar(s, a, &req, &r), IVS_OK);
    ck_assert_uint_gt(r->n_terms, 0);
    ck_assert_uint_gt(r->n_hits, 0);
    ck_assert(ends_with(r->hits[0].interview.source, "/b.txt"));
    ck_assert_uint_gt(r->hits[0].n_matched, 0);
    for (size_t i = 0; i < r->n_hits; i++)
        ck_assert_uint_ne(r->hits[i].interview.id, a);
    ivs_search_results_free(r);
}
END_TEST

START_TEST(test_similar_text_finds_the_interview_on_those_words)
{
    ivs_search_request_t req = request("golang channel goroutine");
    ivs_search_results_t *r = NULL;
    ck_assert_int_eq(ivs_search_similar_text(s, &req, &r), IVS_OK);
    ck_assert_uint_gt(r->n_hits, 0);
    ck_assert(ends_with(r->hits[0].interview.source, "/c.txt"));
    ck_assert_uint_eq(r->n_terms, 3); /* the text's concepts, compared */
    ivs_search_results_free(r);
}
END_TEST

START_TEST(test_show_gives_the_whole_interview)
{
    uint32_t a = id_of("RDB", "/a.txt");
    ivs_interview_t *iv = NULL;
    ck_assert_int_eq(ivs_search_show(s, a, &iv), IVS_OK);
    ck_assert_uint_eq(iv->id, a);
    ck_assert_str_eq(iv->verdict, "pass");
    ck_assert_ptr_nonnull(iv->text);
    ck_assert_ptr_nonnull(strstr(iv->text, "RDB 与 AOF"));
    ck_assert_uint_eq(strlen(iv->text), iv->text_len);
    ck_assert_uint_gt(iv->n_sections, 0);
    ck_assert_uint_gt(iv->n_topics, 0);
    ivs_interview_free(iv);
}
END_TEST

START_TEST(test_stats_count_interviews_verdicts_and_topics)
{
    ivs_search_stats_t *st = NULL;
    ck_assert_int_eq(ivs_search_stats(s, &st), IVS_OK);
    ck_assert_uint_eq(st->interviews, 3);
    ck_assert_str_eq(st->verdict_names[0], "pass");
    for (int i = 0; i < 3; i++) /* pass, fail, pending */
        ck_assert_uint_eq(st->verdicts[i], 1);
    ck_assert_uint_eq(st->verdicts[3], 0);
    ck_assert_str_eq(st->db, path_in("db"));
    ck_assert_ptr_nonnull(st->analyzer);
    uint32_t middleware = 0;
    for (size_t i = 0; i < st->n_topics; i++)
        if (!strcmp(st->topics[i].id, "middleware"))
            middleware = st->topics[i].count;
    ck_assert_uint_eq(middleware, 2);
    ivs_search_stats_free(st);
}
END_TEST

/* Queries about nothing in these interviews: no hit, full or partial. */
static const char *const about_nothing[] = {
    "量子计算",
    "区块链 智能合约",
    "股票 期权 行权",
    "钢琴 和弦",
    "针灸 穴位",
    /* 做法 is in a.txt, 缓存 and 通 are in b.txt but 缓存通 nowhere: no
       partial match rests on the pieces of a word */
    "做法 缓存通",
};

START_TEST(test_a_query_about_nothing_here_finds_no_interview)
{
    ivs_search_request_t req = request(about_nothing[_i]);
    ivs_search_results_t *r = NULL;
    ck_assert_int_eq(ivs_search_run(s, &req, &r), IVS_OK);
    ck_assert_msg(r->n_hits == 0, "%s: %zu hits", about_nothing[_i], r->n_hits);
    ck_assert_uint_eq(r->full.total, 0);
    ck_assert_uint_eq(r->partial.total, 0);
    ivs_search_results_free(r);
}
END_TEST

/* A question finds what its keywords find: 是, 的, 怎么做 are not
 * required words. */
START_TEST(test_a_question_finds_what_its_keywords_find)
{
    ivs_search_request_t req = request("redis 的持久化是怎么做的");
    ivs_search_results_t *r = NULL;
    ck_assert_int_eq(ivs_search_run(s, &req, &r), IVS_OK);
    ck_assert_uint_eq(r->full.total, 1);
    ck_assert_uint_gt(r->n_hits, 0);
    ck_assert(ends_with(r->hits[0].interview.source, "/a.txt"));
    ck_assert_int_eq(r->hits[0].partial, 0);
    ivs_search_results_free(r);
}
END_TEST

/* ---- errors ------------------------------------------------------------ */

/* Standard output and error go to a file while the library runs. */
static int saved_out = -1, saved_err = -1;

static void
capture(void)
{
    fflush(stdout);
    fflush(stderr);
    int fd = open(path_in("printed"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ck_assert_int_ge(fd, 0);
    saved_out = dup(1);
    saved_err = dup(2);
    dup2(fd, 1);
    dup2(fd, 2);
    close(fd);
}

/* Ends capture(); the bytes printed meanwhile. */
static long
printed(void)
{
    fflush(stdout);
    fflush(stderr);
    dup2(saved_out, 1);
    dup2(saved_err, 2);
    close(saved_out);
    close(saved_err);
    struct stat sb;
    ck_assert_int_eq(stat(path_in("printed"), &sb), 0);
    return (long)sb.st_size;
}

START_TEST(test_an_unknown_verdict_is_refused_with_a_message_and_no_output)
{
    const char *maybe[] = {"maybe"};
    ivs_search_request_t req = request("kafka");
    req.verdicts = maybe;
    req.n_verdicts = 1;
    ivs_search_results_t *r = (ivs_search_results_t *)&req; /* overwritten */
    capture();
    ivs_status_t st = ivs_search_run(s, &req, &r);
    ck_assert_int_eq(printed(), 0);
    ck_assert_int_eq(st, IVS_ERR_QUERY);
    ck_assert_ptr_null(r);
    ck_assert_ptr_nonnull(
        strstr(ivs_searcher_error(s), "unknown verdict 'maybe'"));
}
END_TEST

START_TEST(test_an_unknown_topic_names_the_known_ones)
{
    const char *nope[] = {"nope"};
    ivs_search_request_t req = request("");
    req.topics = nope;
    req.n_topics = 1;
    ivs_search_results_t *r = NULL;
    capture();
    ivs_status_t st = ivs_search_run(s, &req, &r);
    ck_assert_int_eq(printed(), 0);
    ck_assert_int_eq(st, IVS_ERR_QUERY);
    ck_assert_ptr_nonnull(
        strstr(ivs_searcher_error(s), "unknown topic 'nope'"));
    ck_assert_ptr_nonnull(strstr(ivs_searcher_error(s), "middleware (中间件)"));
}
END_TEST

START_TEST(test_an_empty_query_is_refused)
{
    ivs_search_request_t req = request("   ");
    ivs_search_results_t *r = NULL;
    capture();
    ivs_status_t st = ivs_search_run(s, &req, &r);
    ck_assert_int_eq(printed(), 0);
    ck_assert_int_eq(st, IVS_ERR_QUERY);
    ck_assert_ptr_null(r);
    ck_assert_ptr_nonnull(strstr(ivs_searcher_error(s), "empty query"));
}
END_TEST

START_TEST(test_a_missing_interview_is_not_found)
{
    ivs_interview_t *iv = NULL;
    ivs_search_results_t *r = NULL;
    ivs_search_request_t req = request(NULL);
    capture();
    ivs_status_t show = ivs_search_show(s, 99999, &iv);
    ivs_status_t similar = ivs_search_similar(s, 99999, &req, &r);
    ivs_status_t zero = ivs_search_show(s, 0, &iv);
    ck_assert_int_eq(printed(), 0);
    ck_assert_int_eq(show, IVS_ERR_NOTFOUND);
    ck_assert_int_eq(similar, IVS_ERR_NOTFOUND);
    ck_assert_int_eq(zero, IVS_ERR_INPUT);
    ck_assert_ptr_null(iv);
    ck_assert_ptr_null(r);
}
END_TEST

START_TEST(test_similar_text_of_punctuation_only_is_refused)
{
    ivs_search_request_t req = request("，。");
    ivs_search_results_t *r = NULL;
    capture();
    ivs_status_t st = ivs_search_similar_text(s, &req, &r);
    ck_assert_int_eq(printed(), 0);
    ck_assert_int_eq(st, IVS_ERR_INPUT);
    ck_assert_str_eq(ivs_searcher_error(s), "no words to compare in '，。'");
}
END_TEST

START_TEST(test_opening_no_database_says_where)
{
    ivs_searcher_t *none = (ivs_searcher_t *)&dir; /* overwritten */
    char *err = NULL;
    capture();
    ivs_status_t st = ivs_searcher_open(path_in("nowhere"), 0, &none, &err);
    ck_assert_int_eq(printed(), 0);
    ck_assert_int_eq(st, IVS_ERR_NODB);
    ck_assert_ptr_null(none);
    ck_assert_ptr_nonnull(err);
    ck_assert_ptr_nonnull(strstr(err, path_in("nowhere")));
    free(err);
}
END_TEST

static Suite *
search_suite(void)
{
    Suite *suite = suite_create("search");
    TCase *core = tcase_create("core");
    tcase_add_checked_fixture(core, setup, teardown);
    tcase_add_test(core,
                   test_two_words_give_full_then_partial_matches_with_facets);
    tcase_add_test(core, test_a_verdict_filter_keeps_only_that_verdict);
    tcase_add_test(core, test_explain_fills_the_plan_and_matched_terms);
    tcase_add_test(core, test_a_searcher_answers_the_same_request_twice_alike);
    tcase_add_test(
        core, test_similar_shares_terms_and_leaves_out_the_interview_itself);
    tcase_add_test(core, test_similar_text_finds_the_interview_on_those_words);
    tcase_add_test(core, test_show_gives_the_whole_interview);
    tcase_add_test(core, test_stats_count_interviews_verdicts_and_topics);
    tcase_add_loop_test(core,
                        test_a_query_about_nothing_here_finds_no_interview, 0,
                        sizeof about_nothing / sizeof *about_nothing);
    tcase_add_test(core, test_a_question_finds_what_its_keywords_find);
    suite_add_tcase(suite, core);
    TCase *errors = tcase_create("errors");
    tcase_add_checked_fixture(errors, setup, teardown);
    tcase_add_test(
        errors,
        test_an_unknown_verdict_is_refused_with_a_message_and_no_output);
    tcase_add_test(errors, test_an_unknown_topic_names_the_known_ones);
    tcase_add_test(errors, test_an_empty_query_is_refused);
    tcase_add_test(errors, test_a_missing_interview_is_not_found);
    tcase_add_test(errors, test_similar_text_of_punctuation_only_is_refused);
    tcase_add_test(errors, test_opening_no_database_says_where);
    suite_add_tcase(suite, errors);
    return suite;
}

int
main(void)
{
    SRunner *sr = srunner_create(search_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

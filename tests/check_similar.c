/* --similar's description and explanation, "did you mean" in pinyin and
 * Latin, and queries that should find nothing, through the search library
 * on a database the real ivindex builds from the notes below. */
#define _GNU_SOURCE
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../search/engine/similar_internal.h"
#include "ivs/search.h"
#include "ivs/spelling.h"

/* The subject (go1) pastes code, a year, n3, an English gloss, an HTML tag
 * and an image link; the C++ note (cpp) says the same strings in its text,
 * so that only the selection can leave them out of go1's description. go1 and go3 are two
 * rounds of one candidate. */
static const struct {
    const char *name, *text;
} notes[] = {
    {"go1.md", "候选人：张三\n"
               "## 一、语言\n"
               "1. goroutine 与 channel 的调度，gmp 模型讲清楚了。\n"
               "2. 三色标记的过程？三色标记与写屏障。\n"
               "3. sync.Once 怎么实现\n"
               "死锁的四个条件（mutual exclusion hold circular）都知道。\n"
               "2024 年 n3 项目。\n"
               "<span class=\"ez-toc-section\"></span>图：\n"
               "![img](https://cdn.nlark.com/0/11ae2ddd-fcf7.png)\n"
               "```go\n"
               "func maxPathSumHelper(root *Node) int {\n"
               "    leftMax := maxPathSumHelper(root.Left)\n"
               "}\n"
               "```\n"
               "## 二、中间件\n"
               "1. Kafka 如何保证消息不丢失？kafka 的 offset 提交。\n"
               "2. 分布式锁用 redis 实现。\n"
               "## 总结\n面试通过\n"},
    {"go2.md", "候选人：李四\n"
               "## 一、语言\n"
               "1. goroutine 泄漏怎么排查，channel 关闭的规则。\n"
               "2. 三色标记和混合写屏障。gmp 调度。\n"
               "## 二、中间件\n"
               "1. kafka 消息丢失的场景，offset 怎么提交。\n"
               "2. 分布式锁的续期。\n"
               "## 总结\n不通过\n"},
    {"go3.md", "候选人：张三\n"
               "## 一、语言\n"
               "1. goroutine 和 channel，gmp，三色标记，写屏障。\n"
               "## 二、中间件\n"
               "1. kafka offset，消息丢失，分布式锁。\n"
               "## 总结\n面试通过\n"},
    {"java.md", "候选人：赵六\n"
                "## 一、语言\n"
                "1. jvm 的垃圾回收，synchronized 和 hashmap，java 的类加载。\n"
                "## 二、中间件\n"
                "1. 消息丢失，offset 提交。\n"
                "2. 分布式锁用 redis 实现。\n"
                "## 总结\n不通过\n"},
    {"golang.md", "候选人：钱七\n"
                  "## 一、语言\n"
                  "1. golang 的 map 扩容，slice 的底层。\n"
                  "## 二、中间件\n"
                  "1. 消息丢失，offset 提交。redis 缓存。\n"
                  "## 总结\n面试通过\n"},
    {"deep.md", "候选人：孙八\n"
                "## 一、语言\n"
                "1. goroutine 和 channel。\n"
                "## 总结\n待定\n"},
    {"broad.md", "候选人：周九\n"
                 "## 一、语言\n"
                 "1. goroutine。\n"
                 "## 二、中间件\n"
                 "1. kafka。\n"
                 "## 总结\n待定\n"},
    {"cpp.md", "候选人：王五\n"
               "## 一、语言\n"
               "1. 智能指针与虚函数表，c++ 多态的实现。\n"
               "maxPathSumHelper 和 leftMax 是我的函数名，2024 年 n3 项目。\n"
               "The mutual exclusion and hold and wait, circular wait.\n"
               "span ez-toc-section cdn nlark png ae fcf7 都是词。\n"
               "2. 模板特化与 sync.Once 的对比。\n"
               "## 总结\n不通过\n"},
};

static char dir[64];
static ivs_searcher_t *s;

static void
setup(void)
{
    strcpy(dir, "/tmp/ivs-check-similar-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char p[256];
    snprintf(p, sizeof p, "%s/docs", dir);
    ck_assert_int_eq(mkdir(p, 0700), 0);
    for (size_t i = 0; i < sizeof notes / sizeof *notes; i++) {
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
    snprintf(p, sizeof p, "%s/db", dir);
    char *err = NULL;
    ck_assert_int_eq(
        ivs_searcher_open(p, IVS_SEARCHER_SYNONYMS | IVS_SEARCHER_STOPWORDS, &s,
                          &err),
        IVS_OK);
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
    ivs_search_request_t r = {0};
    r.query = query;
    r.limit = 10;
    return r;
}

/* The id of the interview of file NAME. */
static uint32_t
id_of(const char *name)
{
    for (uint32_t id = 1; id < 20; id++) {
        ivs_interview_t *iv = NULL;
        if (ivs_search_show(s, id, &iv) != IVS_OK)
            continue;
        const char *src = iv->source;
        int hit = strlen(src) >= strlen(name) &&
                  !strcmp(src + strlen(src) - strlen(name), name);
        ivs_interview_free(iv);
        if (hit)
            return id;
    }
    ck_abort_msg("no interview of %s", name);
    return 0;
}

static int
has(char *const *v, size_t n, const char *s0)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(v[i], s0))
            return 1;
    return 0;
}

static ivs_search_results_t *
similar_to(const char *name)
{
    ivs_search_request_t req = request(NULL);
    ivs_search_results_t *r = NULL;
    ck_assert_int_eq(ivs_search_similar(s, id_of(name), &req, &r), IVS_OK);
    return r;
}

START_TEST(test_similar_leaves_out_code_identifiers_numbers_and_glosses)
{
    ivs_search_results_t *r = similar_to("go1.md");
    static const char *const out[] = {"maxpathsumhelper",
                                      "leftmax",
                                      "2024",
                                      "n3",
                                      "mutual",
                                      "exclusion",
                                      "circular",
                                      "hold",
                                      "span",
                                      "ez",
                                      "toc",
                                      "cdn",
                                      "nlark",
                                      "png",
                                      "ae"};
    for (size_t i = 0; i < sizeof out / sizeof *out; i++)
        ck_assert_msg(!has(r->terms, r->n_terms, out[i]),
                      "%s is in the description", out[i]);
    ck_assert(has(r->terms, r->n_terms, "kafka"));
    ck_assert(has(r->terms, r->n_terms, "goroutine"));
    ivs_search_results_free(r);
}
END_TEST

START_TEST(test_similar_counts_one_concept_once)
{
    ivs_search_results_t *r = similar_to("go1.md");
    size_t n = 0;
    for (size_t i = 0; i < r->n_terms; i++)
        n += !strcmp(r->terms[i], "三色标记");
    ck_assert_uint_eq(n, 1);
    /* its search-mode sub-words and the parts of sync.once are not
     * concepts of their own */
    ck_assert(!has(r->terms, r->n_terms, "三色"));
    ck_assert(!has(r->terms, r->n_terms, "色标"));
    ck_assert(has(r->terms, r->n_terms, "sync.once"));
    ck_assert(!has(r->terms, r->n_terms, "once"));
    ivs_search_results_free(r);
}
END_TEST

START_TEST(test_similar_leaves_out_the_same_candidates_other_rounds)
{
    ivs_search_results_t *r = similar_to("go1.md");
    uint32_t other_round = id_of("go3.md");
    ck_assert_uint_gt(r->n_hits, 0);
    for (size_t i = 0; i < r->n_hits; i++)
        ck_assert_uint_ne(r->hits[i].interview.id, other_round);
    ivs_search_results_free(r);
}
END_TEST

START_TEST(test_similar_explains_by_shared_topics_and_concepts)
{
    ivs_search_results_t *r = similar_to("go1.md");
    ck_assert_uint_gt(r->n_hits, 0);
    const ivs_search_hit_t *h = &r->hits[0];
    ck_assert_str_eq(h->interview.id == id_of("go2.md") ? "go2" : "other",
                     "go2");
    ck_assert_ptr_nonnull(h->explanation);
    ck_assert_msg(!strncmp(h->explanation, "both: ", 6), "%s", h->explanation);
    /* kafka is a middleware word: named under the topic's name */
    ck_assert_msg(strstr(h->explanation, "中间件 (") != NULL, "%s",
                  h->explanation);
    ck_assert_msg(strstr(h->explanation, "kafka") != NULL, "%s",
                  h->explanation);
    ck_assert(has(h->shared_topics, h->n_shared_topics, "middleware"));
    ck_assert(has(h->shared_topics, h->n_shared_topics, "language"));
    ck_assert(has(h->matched, h->n_matched, "kafka"));
    /* the C++ interview shares no concept that weighs: it comes last */
    ck_assert_uint_ne(r->hits[0].interview.id, id_of("cpp.md"));
    ivs_search_results_free(r);
}
END_TEST

/* A filter's boolean terms (the verdict's, the topic's) are in every hit:
 * they are not terms both interviews share, in the explanation or the
 * matched terms. */
START_TEST(test_similar_filters_are_not_shared_terms)
{
    const char *verdicts[] = {"pass"};
    const char *topics[] = {"middleware"};
    ivs_search_request_t req = request(NULL);
    req.verdicts = verdicts;
    req.n_verdicts = 1;
    req.topics = topics;
    req.n_topics = 1;
    ivs_search_results_t *r = NULL;
    ck_assert_int_eq(ivs_search_similar(s, id_of("go1.md"), &req, &r), IVS_OK);
    ck_assert_uint_gt(r->n_hits, 0);
    for (size_t i = 0; i < r->n_hits; i++) {
        const ivs_search_hit_t *h = &r->hits[i];
        ck_assert_str_eq(h->interview.verdict, "pass");
        for (size_t j = 0; j < h->n_matched; j++)
            ck_assert_msg(h->matched[j][0] != 'X', "%s", h->matched[j]);
        ck_assert_ptr_nonnull(h->explanation);
        ck_assert_msg(!strstr(h->explanation, "XV") &&
                          !strstr(h->explanation, "XT"),
                      "%s", h->explanation);
    }
    ivs_search_results_free(r);
}
END_TEST

START_TEST(test_similar_text_reads_a_job_description)
{
    ivs_search_request_t req =
        request("招聘 Go 后端：熟悉 goroutine、channel，用过 kafka。");
    ivs_search_results_t *r = NULL;
    ck_assert_int_eq(ivs_search_similar_text(s, &req, &r), IVS_OK);
    ck_assert_uint_gt(r->n_hits, 1);
    ck_assert_uint_ne(r->hits[0].interview.id, id_of("cpp.md"));
    ck_assert_ptr_nonnull(r->hits[0].explanation);
    ivs_search_results_free(r);
}
END_TEST

/* Breadth: of two interviews that share two concepts with the subject, the
 * one whose concepts are of two areas (goroutine, kafka) ranks before the
 * one whose are of one (goroutine, channel), though a language's concepts
 * weigh more. */
START_TEST(test_similar_ranks_shared_areas_before_one_area)
{
    ivs_search_results_t *r = similar_to("go1.md");
    long broad = -1, deep = -1;
    for (size_t i = 0; i < r->n_hits; i++) {
        if (r->hits[i].interview.id == id_of("broad.md"))
            broad = (long)i;
        if (r->hits[i].interview.id == id_of("deep.md"))
            deep = (long)i;
    }
    ck_assert_int_ge(broad, 0);
    ck_assert_msg(deep < 0 || broad < deep, "broad %ld, deep %ld", broad, deep);
    ivs_search_results_free(r);
}
END_TEST

/* Same role first: for a Go text, the Go interview that shares less ranks
 * before the Java one that shares more of the middleware. */
START_TEST(test_similar_ranks_the_same_language_first)
{
    ivs_search_request_t req =
        request("Go 开发：消息丢失，offset 提交，分布式锁，redis。");
    ivs_search_results_t *r = NULL;
    ck_assert_int_eq(ivs_search_similar_text(s, &req, &r), IVS_OK);
    long go = -1, java = -1;
    for (size_t i = 0; i < r->n_hits; i++) {
        if (r->hits[i].interview.id == id_of("golang.md"))
            go = (long)i;
        if (r->hits[i].interview.id == id_of("java.md"))
            java = (long)i;
    }
    ck_assert_int_ge(go, 0);
    ck_assert_msg(java < 0 || go < java, "go %ld, java %ld", go, java);
    ivs_search_results_free(r);
}
END_TEST

/* The language count behind it: whole Latin words (a version may follow),
 * Chinese words anywhere. */
START_TEST(test_role_count_reads_languages_not_parts_of_words)
{
    static const char text[] =
        "C++11 的智能指针，Java8 的 JVM；google 与 mongo 不算 go，golang 算。";
    double n[IVS_ROLES];
    ivs_role_count(text, strlen(text), n);
    ck_assert_double_eq(n[IVS_ROLE_CPP], 2);
    ck_assert_double_eq(n[IVS_ROLE_JAVA], 2);
    ck_assert_double_eq(n[IVS_ROLE_GO], 2);
    ck_assert_double_eq(n[IVS_ROLE_PYTHON], 0);
    double go[IVS_ROLES] = {[IVS_ROLE_GO] = 3};
    double cpp[IVS_ROLES] = {[IVS_ROLE_CPP] = 1};
    double none[IVS_ROLES] = {0};
    ck_assert_double_eq_tol(ivs_role_agreement(go, go), 1, 1e-9);
    ck_assert_double_eq_tol(ivs_role_agreement(go, cpp), 0, 1e-9);
    ck_assert_double_eq(ivs_role_agreement(go, none), -1);
}
END_TEST

/* ---- did you mean ---------------------------------------------------------- */

static const struct {
    const char *query, *word, *suggestion, *corrected;
} typed[] = {
    {"fenbushisuo", "fenbushisuo", "分布式锁", "分布式锁"},
    {"fenbushi suo", "fenbushi suo", "分布式锁", "分布式锁"},
    {"kafka diushi", "diushi", "丢失", "kafka 丢失"},
    {"kafak", "kafak", "kafka", "kafka"}, /* a Latin misspelling */
};

/* The suggestions are those of the words typed; the hits are the
 * corrected query's, and it is named. */
START_TEST(test_did_you_mean_reads_pinyin_and_spellings)
{
    ivs_search_request_t req = request(typed[_i].query);
    ivs_search_results_t *r = NULL;
    ck_assert_int_eq(ivs_search_run(s, &req, &r), IVS_OK);
    ck_assert_uint_eq(r->n_suggestions, 1);
    ck_assert_str_eq(r->suggestions[0].word, typed[_i].word);
    ck_assert_str_eq(r->suggestions[0].suggestion, typed[_i].suggestion);
    ck_assert_ptr_nonnull(r->corrected);
    ck_assert_str_eq(r->corrected, typed[_i].corrected);
    ck_assert_uint_gt(r->full.total, 0);
    ck_assert_uint_gt(r->n_hits, 0);

    ivs_search_request_t fixed = request(typed[_i].corrected);
    ivs_search_results_t *f = NULL;
    ck_assert_int_eq(ivs_search_run(s, &fixed, &f), IVS_OK);
    ck_assert_ptr_null(f->corrected);
    ck_assert_uint_eq(f->n_suggestions, 0);
    ck_assert_uint_eq(f->full.total, r->full.total);
    ck_assert_uint_eq(f->n_hits, r->n_hits);
    for (size_t i = 0; i < f->n_hits; i++)
        ck_assert_uint_eq(f->hits[i].interview.id, r->hits[i].interview.id);
    ivs_search_results_free(f);
    ivs_search_results_free(r);
}
END_TEST

/* A word without a suggestion: no correction, the typed query's
 * (partial) results and suggestions as before. */
START_TEST(test_no_correction_when_a_word_has_no_suggestion)
{
    ivs_search_request_t req = request("kafak qqxzzv");
    ivs_search_results_t *r = NULL;
    ck_assert_int_eq(ivs_search_run(s, &req, &r), IVS_OK);
    ck_assert_ptr_null(r->corrected);
    ck_assert_uint_eq(r->full.total, 0);
    ck_assert_uint_eq(r->n_suggestions, 1);
    ck_assert_str_eq(r->suggestions[0].suggestion, "kafka");
    ivs_search_results_free(r);
}
END_TEST

START_TEST(test_pinyin_reads_every_character)
{
    char *path = ivs_data_file("pinyin.txt");
    ck_assert_ptr_nonnull(path);
    ivs_pinyin_t *py = NULL;
    ck_assert_int_eq(ivs_pinyin_load(path, &py), IVS_OK);
    free(path);
    const char *w = "分布式锁";
    ck_assert(ivs_pinyin_matches(py, w, strlen(w), "fenbushisuo"));
    ck_assert(!ivs_pinyin_matches(py, w, strlen(w), "fenbushi"));
    ck_assert(!ivs_pinyin_matches(py, w, strlen(w), "fenbushisuoo"));
    w = "绿色"; /* ü typed as v or u */
    ck_assert(ivs_pinyin_matches(py, w, strlen(w), "lvse"));
    ck_assert(ivs_pinyin_matches(py, w, strlen(w), "luse"));
    ivs_pinyin_free(py);
    ck_assert_int_eq(ivs_pinyin_load("/nonexistent/pinyin.txt", &py),
                     IVS_ERR_IO);
    ck_assert_ptr_null(py);
}
END_TEST

/* ---- nothing to find ------------------------------------------------------- */

static const char *const nothing[] = {"区块链", "blockchain", "量子计算机",
                                      "salesforce 报表"};

START_TEST(test_a_query_about_nothing_here_finds_nothing)
{
    ivs_search_request_t req = request(nothing[_i]);
    ivs_search_results_t *r = NULL;
    ck_assert_int_eq(ivs_search_run(s, &req, &r), IVS_OK);
    ck_assert_uint_eq(r->full.total, 0);
    ck_assert_uint_eq(r->partial.total, 0);
    ck_assert_uint_eq(r->n_hits, 0);
    ck_assert_ptr_null(r->corrected);
    ivs_search_results_free(r);
}
END_TEST

static Suite *
similar_suite(void)
{
    Suite *su = suite_create("similar");
    TCase *tc = tcase_create("describe");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(
        tc, test_similar_leaves_out_code_identifiers_numbers_and_glosses);
    tcase_add_test(tc, test_similar_counts_one_concept_once);
    tcase_add_test(tc,
                   test_similar_leaves_out_the_same_candidates_other_rounds);
    tcase_add_test(tc, test_similar_explains_by_shared_topics_and_concepts);
    tcase_add_test(tc, test_similar_filters_are_not_shared_terms);
    tcase_add_test(tc, test_similar_text_reads_a_job_description);
    tcase_add_test(tc, test_similar_ranks_shared_areas_before_one_area);
    tcase_add_test(tc, test_similar_ranks_the_same_language_first);
    tcase_add_test(tc, test_role_count_reads_languages_not_parts_of_words);
    suite_add_tcase(su, tc);
    tc = tcase_create("spelling");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, test_did_you_mean_reads_pinyin_and_spellings, 0,
                        sizeof typed / sizeof *typed);
    tcase_add_test(tc, test_pinyin_reads_every_character);
    tcase_add_test(tc, test_no_correction_when_a_word_has_no_suggestion);
    suite_add_tcase(su, tc);
    tc = tcase_create("nothing");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, test_a_query_about_nothing_here_finds_nothing, 0,
                        sizeof nothing / sizeof *nothing);
    suite_add_tcase(su, tc);
    return su;
}

int
main(void)
{
    SRunner *sr = srunner_create(similar_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

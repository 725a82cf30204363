/* Unit tests for the analyzer: normalisation, offsets, Latin tokens,
 * Chinese runs, traditional folding, limits. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/analyze.h"

typedef struct {
    char term[64];
    size_t start, end;
    uint32_t pos;
    ivs_token_kind_t kind;
    int unit;
} tok_t;

typedef struct {
    tok_t v[4096];
    size_t n;
    size_t total;
} toks_t;

static int
collect(void *ctx, const ivs_token_t *t)
{
    toks_t *ts = ctx;
    ts->total++;
    if (ts->n >= 4096)
        return 0;
    tok_t *o = &ts->v[ts->n++];
    size_t n = t->term_len < 63 ? t->term_len : 63;
    memcpy(o->term, t->term, n);
    o->term[n] = '\0';
    o->start = t->start;
    o->end = t->end;
    o->pos = t->pos;
    o->kind = t->kind;
    o->unit = t->unit;
    return 0;
}

static ivs_analyzer_t *a;

static void
setup(void)
{
    char *err = NULL;
    ck_assert_int_eq(ivs_analyzer_open(NULL, NULL, &a, &err), IVS_OK);
    free(err);
}

static void
teardown(void)
{
    ivs_analyzer_close(a);
    a = NULL;
}

static toks_t *
run(const char *text, unsigned flags)
{
    static toks_t ts;
    memset(&ts, 0, sizeof ts);
    ck_assert_int_eq(
        ivs_analyze(a, text, strlen(text), flags, 1, NULL, collect, &ts), 0);
    return &ts;
}

static const tok_t *
find(const toks_t *ts, const char *term, ivs_token_kind_t kind)
{
    for (size_t i = 0; i < ts->n; i++)
        if (!strcmp(ts->v[i].term, term) && ts->v[i].kind == kind)
            return &ts->v[i];
    return NULL;
}

/* ---- core ------------------------------------------------------------------ */

START_TEST(test_fullwidth_latin_folds_to_ascii_with_original_offsets)
{
    const char *text = "用ｋａｆｋａ吧";
    toks_t *ts = run(text, IVS_ANALYZE_INDEX);
    const tok_t *t = find(ts, "kafka", IVS_TOKEN_WORD);
    ck_assert_ptr_nonnull(t);
    ck_assert_uint_eq(t->start, 3);
    ck_assert_uint_eq(t->end, 3 + 5 * 3);
}
END_TEST

START_TEST(test_upper_case_folds_and_offsets_cover_the_word)
{
    const char *text = "Kafka 如何保证";
    toks_t *ts = run(text, IVS_ANALYZE_INDEX);
    const tok_t *t = find(ts, "kafka", IVS_TOKEN_WORD);
    ck_assert_ptr_nonnull(t);
    ck_assert_uint_eq(t->start, 0);
    ck_assert_uint_eq(t->end, 5);
}
END_TEST

START_TEST(test_sync_once_is_whole_and_split)
{
    toks_t *ts = run("看 sync.Once 的实现", IVS_ANALYZE_INDEX);
    const tok_t *whole = find(ts, "sync.once", IVS_TOKEN_WORD);
    ck_assert_ptr_nonnull(whole);
    const tok_t *a1 = find(ts, "sync", IVS_TOKEN_SUBWORD);
    const tok_t *a2 = find(ts, "once", IVS_TOKEN_SUBWORD);
    ck_assert_ptr_nonnull(a1);
    ck_assert_ptr_nonnull(a2);
    ck_assert_uint_eq(a2->pos, a1->pos + 1);
    ck_assert_uint_eq(whole->pos, a1->pos);
    ck_assert(a1->unit && a2->unit && !whole->unit);
}
END_TEST

static const struct {
    const char *text, *whole;
} technical[] = {
    {"ping 127.0.0.1 通吗", "127.0.0.1"},
    {"http2 解决了什么", "http2"},
    {"写过 c++ 和 C#", "c++"},
    {"写过 c++ 和 C#", "c#"},
    {"用 pkg/errors 包", "pkg/errors"},
    {"HTTP/2 多路复用", "http/2"},
    {"min.insync.replicas=2", "min.insync.replicas"},
    {"TIME_WAIT 状态", "time_wait"},
    {"tekton-cli 和", "tekton-cli"},
    {"用 B+Tree 做索引", "b+tree"},
    {"mutex+map 和", "mutex+map"},
    {"http2.0+pb 协议", "http2.0+pb"},
    {"c++11", "c"}, /* c++ only when no word follows */
};

START_TEST(test_technical_tokens_stay_whole)
{
    toks_t *ts = run(technical[_i].text, IVS_ANALYZE_INDEX);
    ck_assert_msg(find(ts, technical[_i].whole, IVS_TOKEN_WORD) != NULL,
                  "%s: no token %s", technical[_i].text, technical[_i].whole);
}
END_TEST

START_TEST(test_ip_address_is_not_split_into_numbers)
{
    toks_t *ts = run("127.0.0.1", IVS_ANALYZE_INDEX);
    ck_assert_uint_eq(ts->n, 1);
    ck_assert(ts->v[0].unit);
}
END_TEST

/* Symbols take no position: the units of o(n) stand side by side, as
 * they do when o(n) is a query. */
static const struct {
    const char *text, *first, *second;
} side_by_side[] = {
    {"o(n)", "o", "n"},
    {"复杂度 O(log n)", "o", "log"},
    {"len(map)", "len", "map"},
    {"b+tree", "b", "tree"},
    {"a, b", "a", "b"},
    {"你好，世界", "好", "世"},
    {"kafka：丢失", "kafka", "丢"},
    {"c++ 和", "c++", "和"},
};

START_TEST(test_symbols_between_units_take_no_position)
{
    toks_t *ts = run(side_by_side[_i].text, IVS_ANALYZE_INDEX);
    const tok_t *x = NULL, *y = NULL;
    for (size_t i = 0; i < ts->n; i++) {
        if (!ts->v[i].unit)
            continue;
        if (!x && !strcmp(ts->v[i].term, side_by_side[_i].first))
            x = &ts->v[i];
        else if (x && !y && !strcmp(ts->v[i].term, side_by_side[_i].second))
            y = &ts->v[i];
    }
    ck_assert_msg(x && y, "%s: units %s %s", side_by_side[_i].text,
                  side_by_side[_i].first, side_by_side[_i].second);
    ck_assert_msg(y->pos == x->pos + 1, "%s: %s at %u, %s at %u",
                  side_by_side[_i].text, x->term, x->pos, y->term, y->pos);
}
END_TEST

/* ---- cjk ------------------------------------------------------------------- */

START_TEST(test_mixed_kafka_and_chinese_without_space)
{
    toks_t *ts = run("kafka消息不丢失", IVS_ANALYZE_INDEX);
    ck_assert_ptr_nonnull(find(ts, "kafka", IVS_TOKEN_WORD));
    ck_assert_ptr_nonnull(find(ts, "消息", IVS_TOKEN_WORD));
    ck_assert(find(ts, "丢失", IVS_TOKEN_WORD) ||
              find(ts, "丢失", IVS_TOKEN_SUBWORD));
    /* each Han character is a unit at consecutive positions */
    const tok_t *x = find(ts, "消", IVS_TOKEN_CHAR),
                *y = find(ts, "失", IVS_TOKEN_CHAR);
    ck_assert_ptr_nonnull(x);
    ck_assert_ptr_nonnull(y);
    ck_assert_uint_eq(y->pos, x->pos + 4);
    ck_assert_uint_eq(x->pos, find(ts, "kafka", IVS_TOKEN_WORD)->pos + 1);
}
END_TEST

START_TEST(test_traditional_folds_to_simplified)
{
    const char *text = "分佈式鎖";
    toks_t *ts = run(text, IVS_ANALYZE_INDEX);
    ck_assert_ptr_nonnull(find(ts, "锁", IVS_TOKEN_CHAR));
    ck_assert_ptr_nonnull(find(ts, "布", IVS_TOKEN_CHAR));
    const tok_t *lock = find(ts, "锁", IVS_TOKEN_CHAR);
    ck_assert_uint_eq(lock->start, 9);
    ck_assert_uint_eq(lock->end, 12);
}
END_TEST

START_TEST(test_taiwan_phrase_folds_with_offsets_spread)
{
    const char *text = "記憶體不足";
    toks_t *ts = run(text, IVS_ANALYZE_INDEX);
    const tok_t *mem = find(ts, "内存", IVS_TOKEN_WORD);
    if (!mem)
        mem = find(ts, "内存", IVS_TOKEN_SUBWORD);
    ck_assert_ptr_nonnull(mem);
    ck_assert_uint_eq(mem->start, 0);
    ck_assert_uint_eq(mem->end, 9);
}
END_TEST

START_TEST(test_digits_before_han_join_the_run)
{
    toks_t *ts = run("3次握手", IVS_ANALYZE_INDEX);
    const tok_t *three = find(ts, "3", IVS_TOKEN_CHAR);
    ck_assert_ptr_nonnull(three);
    const tok_t *ci = find(ts, "次", IVS_TOKEN_CHAR);
    ck_assert_uint_eq(ci->pos, three->pos + 1);
}
END_TEST

START_TEST(test_version_digits_after_a_dot_stay_latin)
{
    toks_t *ts = run("go1.18版本", IVS_ANALYZE_INDEX);
    ck_assert_ptr_nonnull(find(ts, "go1.18", IVS_TOKEN_WORD));
}
END_TEST

START_TEST(test_punctuation_is_reported_only_when_asked)
{
    toks_t *ts = run("你好，世界。", IVS_ANALYZE_INDEX);
    for (size_t i = 0; i < ts->n; i++)
        ck_assert_int_ne(ts->v[i].kind, IVS_TOKEN_PUNCT);
    ts = run("你好，世界。", IVS_ANALYZE_PUNCT);
    /* the term is normalised (，-> ,) while the offsets keep the original */
    const tok_t *comma = find(ts, ",", IVS_TOKEN_PUNCT);
    ck_assert_ptr_nonnull(comma);
    ck_assert_uint_eq(comma->start, 6);
    ck_assert_uint_eq(comma->end, 9);
}
END_TEST

START_TEST(test_segment_view_covers_the_text_without_overlap)
{
    const char *text = "共同创造美好的新世纪——二○○一年新年贺词";
    toks_t *ts = run(text, IVS_ANALYZE_PUNCT);
    size_t at = 0;
    for (size_t i = 0; i < ts->n; i++) {
        if (ts->v[i].kind == IVS_TOKEN_CHAR ||
            ts->v[i].kind == IVS_TOKEN_SUBWORD)
            continue;
        ck_assert_uint_eq(ts->v[i].start, at);
        at = ts->v[i].end;
    }
    ck_assert_uint_eq(at, strlen(text));
}
END_TEST

/* ---- limits ---------------------------------------------------------------- */

START_TEST(test_units_mode_gives_the_same_units_without_segmenting)
{
    const char *text = "Kafka 如何保证消息不丢失？sync.Once 與 3次握手";
    static toks_t all;
    all = *run(text, IVS_ANALYZE_INDEX);
    const toks_t *units = run(text, IVS_ANALYZE_INDEX | IVS_ANALYZE_UNITS |
                                        IVS_ANALYZE_QUICK_FOLD);
    size_t n_units = 0;
    for (size_t i = 0; i < all.n; i++) {
        if (!all.v[i].unit)
            continue;
        n_units++;
        int seen = 0;
        for (size_t k = 0; k < units->n && !seen; k++)
            seen = !strcmp(units->v[k].term, all.v[i].term) &&
                   units->v[k].pos == all.v[i].pos &&
                   units->v[k].start == all.v[i].start &&
                   units->v[k].end == all.v[i].end;
        ck_assert_msg(seen, "unit %s missing", all.v[i].term);
    }
    for (size_t k = 0; k < units->n; k++)
        ck_assert(units->v[k].unit);
    ck_assert_uint_eq(units->n, n_units);
    ck_assert_ptr_null(find(units, "丢失", IVS_TOKEN_WORD));
    ck_assert_ptr_nonnull(find(units, "与", IVS_TOKEN_CHAR));
}
END_TEST

START_TEST(test_empty_input_gives_no_tokens)
{
    toks_t *ts = run("", IVS_ANALYZE_INDEX | IVS_ANALYZE_PUNCT);
    ck_assert_uint_eq(ts->total, 0);
    ts = run("   \n\t ", IVS_ANALYZE_INDEX | IVS_ANALYZE_PUNCT);
    ck_assert_uint_eq(ts->total, 0);
}
END_TEST

START_TEST(test_invalid_utf8_is_skipped)
{
    const char text[] = "ab\xff\xfe\xc3 中\xe4\xb8文 cd\x80";
    toks_t *ts = run(text, IVS_ANALYZE_INDEX);
    ck_assert_ptr_nonnull(find(ts, "ab", IVS_TOKEN_WORD));
    ck_assert_ptr_nonnull(find(ts, "cd", IVS_TOKEN_WORD));
    ck_assert_ptr_nonnull(find(ts, "中", IVS_TOKEN_CHAR));
}
END_TEST

START_TEST(test_very_long_run_is_analysed_in_bounded_chunks)
{
    size_t n = 600000; /* 1.8 MB of Han without a break */
    char *text = malloc(n * 3 + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(text + i * 3, (i % 3) ? "丢" : "失", 3);
    text[n * 3] = '\0';
    toks_t ts = {0};
    uint32_t next = 0;
    ck_assert_int_eq(
        ivs_analyze(a, text, n * 3, IVS_ANALYZE_CHARS, 1, &next, collect, &ts),
        0);
    /* every character is one unit */
    ck_assert_uint_eq(next, 1 + n);
    free(text);
}
END_TEST

START_TEST(test_very_long_latin_word_is_cut)
{
    char text[5000];
    memset(text, 'x', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    toks_t *ts = run(text, IVS_ANALYZE_INDEX);
    for (size_t i = 0; i < ts->n; i++)
        ck_assert_uint_le(strlen(ts->v[i].term), 64);
}
END_TEST

static int
stop_at_second(void *ctx, const ivs_token_t *t)
{
    (void)t;
    return ++*(int *)ctx == 2 ? 42 : 0;
}

START_TEST(test_nonzero_callback_return_is_passed_back)
{
    int calls = 0;
    ck_assert_int_eq(ivs_analyze(a, "a b c d", 7, IVS_ANALYZE_INDEX, 1, NULL,
                                 stop_at_second, &calls),
                     42);
    ck_assert_int_eq(calls, 2);
}
END_TEST

START_TEST(test_normalize_folds_width_case_and_script)
{
    char *s =
        ivs_normalize(a, "ＫＡＦＫＡ 分佈式鎖", strlen("ＫＡＦＫＡ 分佈式鎖"));
    ck_assert_str_eq(s, "kafka 分布式锁");
    free(s);
}
END_TEST

START_TEST(test_signature_names_the_dictionary)
{
    ck_assert_ptr_nonnull(strstr(ivs_analyzer_signature(a), "dict="));
}
END_TEST

START_TEST(test_missing_dictionary_is_a_clear_error)
{
    ivs_analyzer_t *b = NULL;
    char *err = NULL;
    ck_assert_int_ne(ivs_analyzer_open("/nonexistent/ivs.dict", NULL, &b, &err),
                     IVS_OK);
    ck_assert_ptr_null(b);
    ck_assert_ptr_nonnull(err);
    ck_assert_ptr_nonnull(strstr(err, "/nonexistent/ivs.dict"));
    free(err);
}
END_TEST

static Suite *
analyze_suite(void)
{
    Suite *s = suite_create("analyze");
    TCase *core = tcase_create("core");
    tcase_add_checked_fixture(core, setup, teardown);
    tcase_add_test(core,
                   test_fullwidth_latin_folds_to_ascii_with_original_offsets);
    tcase_add_test(core, test_upper_case_folds_and_offsets_cover_the_word);
    tcase_add_test(core, test_sync_once_is_whole_and_split);
    tcase_add_loop_test(core, test_technical_tokens_stay_whole, 0,
                        sizeof technical / sizeof technical[0]);
    tcase_add_test(core, test_ip_address_is_not_split_into_numbers);
    tcase_add_loop_test(core, test_symbols_between_units_take_no_position, 0,
                        sizeof side_by_side / sizeof side_by_side[0]);
    tcase_add_test(core, test_normalize_folds_width_case_and_script);
    tcase_add_test(core, test_signature_names_the_dictionary);
    suite_add_tcase(s, core);

    TCase *cjk = tcase_create("cjk");
    tcase_add_checked_fixture(cjk, setup, teardown);
    tcase_add_test(cjk, test_mixed_kafka_and_chinese_without_space);
    tcase_add_test(cjk, test_traditional_folds_to_simplified);
    tcase_add_test(cjk, test_taiwan_phrase_folds_with_offsets_spread);
    tcase_add_test(cjk, test_digits_before_han_join_the_run);
    tcase_add_test(cjk, test_version_digits_after_a_dot_stay_latin);
    tcase_add_test(cjk, test_punctuation_is_reported_only_when_asked);
    tcase_add_test(cjk, test_segment_view_covers_the_text_without_overlap);
    suite_add_tcase(s, cjk);

    TCase *limits = tcase_create("limits");
    tcase_add_checked_fixture(limits, setup, teardown);
    tcase_set_timeout(limits, 60);
    tcase_add_test(limits, test_empty_input_gives_no_tokens);
    tcase_add_test(limits,
                   test_units_mode_gives_the_same_units_without_segmenting);
    tcase_add_test(limits, test_invalid_utf8_is_skipped);
    tcase_add_test(limits, test_very_long_run_is_analysed_in_bounded_chunks);
    tcase_add_test(limits, test_very_long_latin_word_is_cut);
    tcase_add_test(limits, test_nonzero_callback_return_is_passed_back);
    tcase_add_test(limits, test_missing_dictionary_is_a_clear_error);
    suite_add_tcase(s, limits);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(analyze_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

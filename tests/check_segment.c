/* Unit tests for Chinese word segmentation (indexer/analysis/dict.c, segment.c). */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ivs/segment.h"

#define DICT_PATH IVS_BUILD_DIR "/data/ivs.dict"

/* ---- helpers ---- */

/* Decodes UTF-8 into code points; returns the count. */
static size_t
utf8_to_cps(const char *s, uint32_t *out, size_t cap)
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p && n < cap) {
        uint32_t c;
        int len;
        if (*p < 0x80) {
            c = *p;
            len = 1;
        } else if ((*p & 0xE0) == 0xC0) {
            c = *p & 0x1F;
            len = 2;
        } else if ((*p & 0xF0) == 0xE0) {
            c = *p & 0x0F;
            len = 3;
        } else {
            c = *p & 0x07;
            len = 4;
        }
        for (int i = 1; i < len; i++)
            c = (c << 6) | (p[i] & 0x3F);
        out[n++] = c;
        p += len;
    }
    return n;
}

static size_t
put_utf8(char *out, uint32_t c)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | c >> 6);
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | c >> 12);
        out[1] = (char)(0x80 | (c >> 6 & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | c >> 18);
    out[1] = (char)(0x80 | (c >> 12 & 0x3F));
    out[2] = (char)(0x80 | (c >> 6 & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

struct word {
    size_t start, end;
    int subword;
};

/* Collects the words of one ivs_segment() call. */
struct words {
    const uint32_t *cps;
    struct word *list;
    size_t n, cap;
    size_t stop_after; /* return non-zero after this many words; 0 = never */
};

static int
collect(void *ctx, size_t start, size_t end, int subword)
{
    struct words *w = ctx;
    if (w->n == w->cap) {
        w->cap = w->cap ? 2 * w->cap : 64;
        w->list = realloc(w->list, w->cap * sizeof *w->list);
        if (!w->list)
            ck_abort_msg("out of memory");
    }
    w->list[w->n++] = (struct word){start, end, subword};
    if (w->stop_after && w->n == w->stop_after)
        return 42;
    return 0;
}

/* The main-path words of RUN joined by spaces, sub-words in brackets. */
static char *
segment_text(const ivs_dict_t *dict, const char *run, int search_mode)
{
    static uint32_t cps[4096];
    static char out[16384];
    size_t n = utf8_to_cps(run, cps, 4096);
    struct words w = {cps, NULL, 0, 0, 0};
    ck_assert_int_eq(ivs_segment(dict, cps, n, search_mode, collect, &w), 0);
    size_t len = 0;
    for (size_t i = 0; i < w.n; i++) {
        if (i > 0)
            out[len++] = ' ';
        if (w.list[i].subword)
            out[len++] = '[';
        for (size_t k = w.list[i].start; k < w.list[i].end; k++)
            len += put_utf8(out + len, cps[k]);
        if (w.list[i].subword)
            out[len++] = ']';
    }
    out[len] = '\0';
    free(w.list);
    return out;
}

/* Checks that the main-path words of W cover [0, N) in order without
 * overlap, and that each sub-word lies inside the main word before it.
 * Plain comparisons in the loop: check records every ck_assert, and runs
 * have a million words. */
static void
assert_covers(const struct words *w, size_t n)
{
    size_t pos = 0, word_start = 0, word_end = 0;
    for (size_t i = 0; i < w->n; i++) {
        const struct word *x = &w->list[i];
        if (x->start >= x->end)
            ck_abort_msg("word %zu is empty: [%zu, %zu)", i, x->start, x->end);
        if (x->subword) {
            if (x->start < word_start || x->end > word_end ||
                x->end - x->start < 2 ||
                x->end - x->start >= word_end - word_start)
                ck_abort_msg("sub-word [%zu, %zu) not inside [%zu, %zu)",
                             x->start, x->end, word_start, word_end);
            continue;
        }
        if (x->start != pos)
            ck_abort_msg("word %zu starts at %zu, expected %zu", i, x->start,
                         pos);
        word_start = x->start;
        word_end = pos = x->end;
    }
    ck_assert_uint_eq(pos, n);
}

/* Does TEXT (space-separated words) hold WORD as a whole word? */
static int
has_word(const char *text, const char *word)
{
    size_t len = strlen(word);
    for (const char *p = text; (p = strstr(p, word)) != NULL; p++)
        if ((p == text || p[-1] == ' ') && (p[len] == '\0' || p[len] == ' '))
            return 1;
    return 0;
}

static ivs_dict_t *dict;
static char tmpdir[64];

static void
setup_dict(void)
{
    ivs_status_t st = ivs_dict_open(DICT_PATH, &dict);
    ck_assert_msg(st == IVS_OK, "%s: status %d", DICT_PATH, (int)st);
    strcpy(tmpdir, "/tmp/check_segment.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void
teardown_dict(void)
{
    ivs_dict_close(dict);
    dict = NULL;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
}

/* Writes CONTENT (LEN bytes) to NAME in the test's temporary directory. */
static const char *
write_file(const char *name, const void *content, size_t len)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(content, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
    return path;
}

static void *
read_whole(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    void *data = malloc(*len);
    ck_assert_ptr_nonnull(data);
    ck_assert_uint_eq(fread(data, 1, *len, f), *len);
    fclose(f);
    return data;
}

/* ---- core ---- */

START_TEST(test_dictionary_opens_with_a_nonzero_checksum)
{
    ck_assert_ptr_nonnull(dict);
    ck_assert_uint_ne(ivs_dict_checksum(dict), 0);
}
END_TEST

START_TEST(test_checksum_is_the_same_on_every_open)
{
    ivs_dict_t *again = NULL;
    ck_assert_int_eq(ivs_dict_open(DICT_PATH, &again), IVS_OK);
    ck_assert_uint_eq(ivs_dict_checksum(again), ivs_dict_checksum(dict));
    ivs_dict_close(again);
}
END_TEST

START_TEST(test_dictionary_opens_in_well_under_a_millisecond)
{
    /* Best of several: the machine may be busy, and sanitizers are slow.
     * The bound is generous; bench/segment reports the real figure. */
    double best = 1;
    for (int i = 0; i < 20; i++) {
        struct timespec t0, t1;
        ivs_dict_t *d = NULL;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        ck_assert_int_eq(ivs_dict_open(DICT_PATH, &d), IVS_OK);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        ivs_dict_close(d);
        double t = (double)(t1.tv_sec - t0.tv_sec) +
                   (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
        if (t < best)
            best = t;
    }
    ck_assert_msg(best < 0.001, "best open took %.3f ms", best * 1e3);
}
END_TEST

START_TEST(test_buxiushi_yields_diushi_as_a_word)
{
    const char *text = segment_text(dict, "消息不丢失", 0);
    ck_assert_str_eq(text, "消息 不 丢失");
}
END_TEST

START_TEST(test_diushi_is_a_word_whatever_surrounds_it)
{
    static const char *runs[] = {"数据不会丢失", "防止消息丢失的方法", "丢失",
                                 "丢失了", "如何避免丢失"};
    for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
        const char *text = segment_text(dict, runs[i], 0);
        ck_assert_msg(has_word(text, "丢失"), "%s -> %s", runs[i], text);
    }
}
END_TEST

START_TEST(test_main_path_covers_the_run_in_order_without_overlap)
{
    static const char *runs[] = {
        "我们在消息队列里保证消息不丢失",
        "二○○一年新年钟声即将敲响人类社会前进的航船就要驶入新世纪",
        "第3章讲了3次握手和1998年12月31日",
        "中华人民共和国的一致性哈希",
    };
    uint32_t cps[256];
    for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
        for (int mode = 0; mode <= 1; mode++) {
            size_t n = utf8_to_cps(runs[i], cps, 256);
            struct words w = {cps, NULL, 0, 0, 0};
            ck_assert_int_eq(ivs_segment(dict, cps, n, mode, collect, &w), 0);
            assert_covers(&w, n);
            free(w.list);
        }
    }
}
END_TEST

START_TEST(test_without_a_dictionary_every_character_is_a_word)
{
    ck_assert_str_eq(segment_text(NULL, "消息不丢失", 0), "消 息 不 丢 失");
    ck_assert_str_eq(segment_text(NULL, "2024年", 1), "2024 年");
}
END_TEST

START_TEST(test_a_nonzero_callback_return_stops_the_walk)
{
    uint32_t cps[64];
    size_t n = utf8_to_cps("我们在消息队列里保证消息不丢失", cps, 64);
    struct words w = {cps, NULL, 0, 0, 2};
    ck_assert_int_eq(ivs_segment(dict, cps, n, 1, collect, &w), 42);
    ck_assert_uint_eq(w.n, 2);
    free(w.list);
    w = (struct words){cps, NULL, 0, 0, 1};
    ck_assert_int_eq(ivs_segment(NULL, cps, n, 0, collect, &w), 42);
    ck_assert_uint_eq(w.n, 1);
    free(w.list);
}
END_TEST

/* ---- cjk ---- */

static const char *const tech_terms[] = {
    "分布式锁", "三次握手",   "四次挥手",   "逃逸分析",   "协程",
    "消息队列", "字节对齐",   "内存对齐",   "死锁",       "垃圾回收",
    "三色标记", "写屏障",     "链表",       "索引失效",   "联合索引",
    "读写分离", "主从复制",   "缓存穿透",   "缓存雪崩",   "负载均衡",
    "限流",     "熔断",       "服务发现",   "一致性哈希", "生产者",
    "消费者",   "时间复杂度", "空间复杂度", "死信队列",   "双亲委派",
};

START_TEST(test_tech_terms_are_whole_words_in_a_sentence)
{
    const char *term = tech_terms[_i];
    char run[256];
    snprintf(run, sizeof run, "面试官问了%s的原理", term);
    const char *text = segment_text(dict, run, 0);
    ck_assert_msg(has_word(text, term), "%s -> %s", run, text);
    snprintf(run, sizeof run, "%s", term);
    text = segment_text(dict, run, 0);
    ck_assert_msg(strcmp(text, term) == 0, "%s -> %s", term, text);
}
END_TEST

START_TEST(test_kafka_xiaoxi_bu_diushi_keeps_the_chinese_words)
{
    /* The analyzer hands over only the Han part of "kafka消息不丢失". */
    ck_assert_str_eq(segment_text(dict, "消息不丢失", 0), "消息 不 丢失");
    ck_assert_str_eq(segment_text(dict, "如何保证消息不丢失", 0),
                     "如何 保证 消息 不 丢失");
}
END_TEST

START_TEST(test_digit_sequences_are_never_split)
{
    static const char *runs[] = {"12345678901234567890年", "3次握手", "第3章",
                                 "共100000个", "1年2年3月"};
    uint32_t cps[64];
    for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
        size_t n = utf8_to_cps(runs[i], cps, 64);
        struct words w = {cps, NULL, 0, 0, 0};
        ivs_segment(dict, cps, n, 1, collect, &w);
        assert_covers(&w, n);
        for (size_t k = 0; k < w.n; k++) {
            size_t s = w.list[k].start, e = w.list[k].end;
            int digit_start = cps[s] >= '0' && cps[s] <= '9';
            int digit_before = s > 0 && cps[s - 1] >= '0' && cps[s - 1] <= '9';
            int digit_end = cps[e - 1] >= '0' && cps[e - 1] <= '9';
            int digit_after = e < n && cps[e] >= '0' && cps[e] <= '9';
            ck_assert_msg(!(digit_start && digit_before) &&
                              !(digit_end && digit_after),
                          "%s: word [%zu, %zu) splits digits", runs[i], s, e);
        }
        free(w.list);
    }
}
END_TEST

START_TEST(test_dates_keep_number_and_unit_together)
{
    ck_assert_str_eq(segment_text(dict, "1998年12月31日", 0),
                     "1998年 12月 31日");
    ck_assert_str_eq(segment_text(dict, "二○○一年十二月三十一日", 0),
                     "二○○一年 十二月 三十一日");
    ck_assert_str_eq(segment_text(dict, "3次握手", 0), "3次 握手");
}
END_TEST

START_TEST(test_search_mode_adds_dictionary_subwords_after_the_word)
{
    ck_assert_str_eq(segment_text(dict, "三次握手", 1),
                     "三次握手 [三次] [握手]");
    ck_assert_str_eq(segment_text(dict, "一致性哈希", 1),
                     "一致性哈希 [一致] [一致性] [哈希]");
    /* Short words have no sub-words; the main path is unchanged. */
    ck_assert_str_eq(segment_text(dict, "消息不丢失", 1), "消息 不 丢失");
}
END_TEST

START_TEST(test_unknown_names_are_covered_and_kept_together)
{
    /* 卢钦斯基 and 夏世清 are in no dictionary: the HMM joins them. */
    const char *text = segment_text(dict, "夏世清同志和卢钦斯基先生", 0);
    ck_assert_msg(has_word(text, "卢钦斯基"), "%s", text);
    ck_assert_msg(has_word(text, "夏世清"), "%s", text);
    ck_assert_msg(has_word(text, "同志") && has_word(text, "先生"), "%s", text);
}
END_TEST

START_TEST(test_rare_characters_outside_the_dictionary_are_single_words)
{
    /* CJK Extension B characters: no dictionary word, no HMM data. */
    ck_assert_str_eq(segment_text(dict, "\xF0\xA0\x80\x80\xF0\xA0\x80\x81", 0),
                     "\xF0\xA0\x80\x80 \xF0\xA0\x80\x81");
}
END_TEST

/* ---- limits ---- */

START_TEST(test_empty_run_reports_nothing)
{
    uint32_t cp = 0x4E00;
    struct words w = {&cp, NULL, 0, 0, 0};
    ck_assert_int_eq(ivs_segment(dict, &cp, 0, 0, collect, &w), 0);
    ck_assert_int_eq(ivs_segment(dict, &cp, 0, 1, collect, &w), 0);
    ck_assert_int_eq(ivs_segment(NULL, &cp, 0, 0, collect, &w), 0);
    ck_assert_uint_eq(w.n, 0);
}
END_TEST

/* A long run with no punctuation: bounded memory (fixed buffers), linear
 * time. The timeout of the test case catches a quadratic blowup. */
static void
check_long_run(const char *unit, size_t n)
{
    uint32_t piece[256];
    size_t k = utf8_to_cps(unit, piece, 256);
    uint32_t *cps = malloc(n * sizeof *cps);
    ck_assert_ptr_nonnull(cps);
    for (size_t i = 0; i < n; i++)
        cps[i] = piece[i % k];
    for (int mode = 0; mode <= 1; mode++) {
        struct words w = {cps, NULL, 0, 0, 0};
        ck_assert_int_eq(ivs_segment(dict, cps, n, mode, collect, &w), 0);
        assert_covers(&w, n);
        free(w.list);
    }
    free(cps);
}

START_TEST(test_a_megabyte_run_without_punctuation_is_segmented)
{
    check_long_run("我们在消息队列里保证消息不丢失的同时讨论了逃逸分析",
                   1 << 20);
}
END_TEST

START_TEST(test_a_megabyte_of_one_repeated_character_is_segmented)
{
    /* 哈哈 is a word everywhere: no natural cut in the whole run. */
    check_long_run("哈", 1 << 20);
}
END_TEST

START_TEST(test_long_runs_of_unknown_characters_are_segmented)
{
    check_long_run("\xF0\xA0\x80\x80", 100000);
    check_long_run("鑫淼犇", 100000); /* characters the HMM knows */
}
END_TEST

START_TEST(test_a_huge_digit_sequence_stays_one_word)
{
    size_t n = 200001;
    uint32_t *cps = malloc(n * sizeof *cps);
    ck_assert_ptr_nonnull(cps);
    for (size_t i = 0; i + 1 < n; i++)
        cps[i] = '0' + (uint32_t)(i % 10);
    cps[n - 1] = 0x5E74; /* 年 */
    struct words w = {cps, NULL, 0, 0, 0};
    ck_assert_int_eq(ivs_segment(dict, cps, n, 1, collect, &w), 0);
    ck_assert_uint_eq(w.n, 1);
    ck_assert_uint_eq(w.list[0].end, n);
    free(w.list);
    free(cps);
}
END_TEST

/* ---- errors ---- */

START_TEST(test_missing_dictionary_is_an_io_error)
{
    ivs_dict_t *d = (ivs_dict_t *)&d;
    ck_assert_int_eq(ivs_dict_open("/nonexistent/ivs.dict", &d), IVS_ERR_IO);
    ck_assert_ptr_null(d);
    d = (ivs_dict_t *)&d;
    ck_assert_int_eq(ivs_dict_open(tmpdir, &d), IVS_ERR_IO);
    ck_assert_ptr_null(d);
}
END_TEST

START_TEST(test_empty_or_text_file_is_a_corrupt_dictionary)
{
    ivs_dict_t *d = NULL;
    const char *path = write_file("empty.dict", "", 0);
    ck_assert_int_eq(ivs_dict_open(path, &d), IVS_ERR_CORRUPT);
    ck_assert_ptr_null(d);
    static const char text[] =
        "这不是词典 1000\n这也不是 2000\n"
        "................................................................"
        "................................................................"
        "................................................................";
    path = write_file("text.dict", text, sizeof text - 1);
    ck_assert_int_eq(ivs_dict_open(path, &d), IVS_ERR_CORRUPT);
    ck_assert_ptr_null(d);
}
END_TEST

/* Overwrites LEN bytes at OFFSET of the file at PATH. */
static void
patch_file(const char *path, long offset, const void *bytes, size_t len)
{
    FILE *f = fopen(path, "r+b");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fseek(f, offset, SEEK_SET), 0);
    ck_assert_uint_eq(fwrite(bytes, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
}

START_TEST(test_truncated_dictionary_is_corrupt)
{
    size_t len;
    unsigned char *data = read_whole(DICT_PATH, &len);
    const char *path = write_file("cut.dict", data, len);
    free(data);
    size_t cuts[] = {len - 1, len / 2, 200, 100, 8};
    for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
        ck_assert_int_eq(truncate(path, (off_t)cuts[i]), 0);
        ivs_dict_t *d = NULL;
        ck_assert_int_eq(ivs_dict_open(path, &d), IVS_ERR_CORRUPT);
        ck_assert_ptr_null(d);
    }
}
END_TEST

START_TEST(test_damaged_header_is_corrupt)
{
    size_t len;
    unsigned char *data = read_whole(DICT_PATH, &len);
    const char *path = write_file("bad.dict", data, len);
    /* Every byte of the header matters: magic, version, sizes, offsets. */
    for (size_t at = 0; at < 100; at += 3) {
        unsigned char flipped = data[at] ^ 0x40;
        patch_file(path, (long)at, &flipped, 1);
        ivs_dict_t *d = NULL;
        ck_assert_msg(ivs_dict_open(path, &d) == IVS_ERR_CORRUPT, "byte %zu",
                      at);
        ck_assert_ptr_null(d);
        patch_file(path, (long)at, &data[at], 1);
    }
    ivs_dict_t *d = NULL;
    ck_assert_int_eq(ivs_dict_open(path, &d), IVS_OK);
    ivs_dict_close(d);
    free(data);
}
END_TEST

START_TEST(test_damaged_trie_segments_without_crashing)
{
    size_t len;
    unsigned char *data = read_whole(DICT_PATH, &len);
    srand(7);
    for (size_t i = 0; i < len / 64; i++)
        data[len / 4 + (size_t)rand() % (len - len / 4)] =
            (unsigned char)rand();
    const char *path = write_file("noise.dict", data, len);
    ivs_dict_t *d = NULL;
    ivs_status_t st = ivs_dict_open(path, &d);
    if (st == IVS_OK) {
        uint32_t cps[64];
        size_t n = utf8_to_cps("我们在消息队列里保证消息不丢失", cps, 64);
        struct words w = {cps, NULL, 0, 0, 0};
        ck_assert_int_eq(ivs_segment(d, cps, n, 1, collect, &w), 0);
        assert_covers(&w, n);
        free(w.list);
        ivs_dict_close(d);
    } else {
        ck_assert_int_eq(st, IVS_ERR_CORRUPT);
    }
    free(data);
}
END_TEST

START_TEST(test_user_words_change_segmentation_and_checksum)
{
    uint64_t before = ivs_dict_checksum(dict);
    ck_assert_str_ne(segment_text(dict, "面霸题库", 0), "面霸题库");
    static const char user[] = "# interview slang\n"
                               "面霸题库\n"
                               "\n"
                               "  八股文 5000 n  # with a tag\r\n";
    const char *path = write_file("user.txt", user, sizeof user - 1);
    size_t bad = 99;
    ck_assert_int_eq(ivs_dict_add_user(dict, path, &bad), IVS_OK);
    ck_assert_uint_eq(bad, 0);
    uint64_t after = ivs_dict_checksum(dict);
    ck_assert_uint_ne(after, before);
    ck_assert_str_eq(segment_text(dict, "面霸题库", 0), "面霸题库");
    ck_assert_str_eq(segment_text(dict, "背八股文的面霸题库", 0),
                     "背 八股文 的 面霸题库");
    /* The same words again change nothing. */
    ck_assert_int_eq(ivs_dict_add_user(dict, path, &bad), IVS_OK);
    ck_assert_uint_eq(ivs_dict_checksum(dict), after);
}
END_TEST

START_TEST(test_user_frequency_zero_removes_a_word)
{
    uint64_t before = ivs_dict_checksum(dict);
    static const char user[] = "丢失 0\n";
    const char *path = write_file("remove.txt", user, sizeof user - 1);
    ck_assert_int_eq(ivs_dict_add_user(dict, path, NULL), IVS_OK);
    ck_assert_uint_ne(ivs_dict_checksum(dict), before);
    ck_assert_msg(!has_word(segment_text(dict, "消息不丢失", 0), "丢失"), "%s",
                  segment_text(dict, "消息不丢失", 0));
}
END_TEST

START_TEST(test_user_words_that_change_nothing_keep_the_checksum)
{
    uint64_t before = ivs_dict_checksum(dict);
    /* Latin and digits are the analyzer's tokens; an unknown word removed
     * is still no word. */
    static const char user[] = "kafka 100\nc++\n3d打印 10\n龘龘龘 0\n";
    const char *path = write_file("noop.txt", user, sizeof user - 1);
    ck_assert_int_eq(ivs_dict_add_user(dict, path, NULL), IVS_OK);
    ck_assert_uint_eq(ivs_dict_checksum(dict), before);
}
END_TEST

START_TEST(test_malformed_user_dictionary_line_is_reported_and_adds_nothing)
{
    uint64_t before = ivs_dict_checksum(dict);
    static const char *const bad_files[] = {
        "面霸题库\n八股文 many\n",      /* frequency is not a number */
        "面霸题库\n\n八股文 -5\n",      /* negative frequency */
        "面霸题库\n八股文 5 n extra\n", /* too many fields */
        "面霸题库\n\xE9\x9D\n",         /* invalid UTF-8 */
    };
    static const size_t bad_lines[] = {2, 3, 2, 2};
    for (size_t i = 0; i < sizeof bad_files / sizeof *bad_files; i++) {
        const char *path =
            write_file("bad.txt", bad_files[i], strlen(bad_files[i]));
        size_t line = 0;
        ck_assert_int_eq(ivs_dict_add_user(dict, path, &line), IVS_ERR_INPUT);
        ck_assert_uint_eq(line, bad_lines[i]);
        ck_assert_uint_eq(ivs_dict_checksum(dict), before);
    }
}
END_TEST

START_TEST(test_missing_user_dictionary_is_an_io_error)
{
    size_t line = 7;
    ck_assert_int_eq(ivs_dict_add_user(dict, "/nonexistent/user.txt", &line),
                     IVS_ERR_IO);
    ck_assert_uint_eq(line, 0);
}
END_TEST

START_TEST(test_closing_null_is_allowed)
{
    ivs_dict_close(NULL);
    ck_assert_uint_eq(ivs_dict_checksum(NULL), 0);
}
END_TEST

static Suite *
segment_suite(void)
{
    Suite *s = suite_create("segment");

    TCase *core = tcase_create("core");
    tcase_add_checked_fixture(core, setup_dict, teardown_dict);
    tcase_add_test(core, test_dictionary_opens_with_a_nonzero_checksum);
    tcase_add_test(core, test_checksum_is_the_same_on_every_open);
    tcase_add_test(core, test_dictionary_opens_in_well_under_a_millisecond);
    tcase_add_test(core, test_buxiushi_yields_diushi_as_a_word);
    tcase_add_test(core, test_diushi_is_a_word_whatever_surrounds_it);
    tcase_add_test(core,
                   test_main_path_covers_the_run_in_order_without_overlap);
    tcase_add_test(core, test_without_a_dictionary_every_character_is_a_word);
    tcase_add_test(core, test_a_nonzero_callback_return_stops_the_walk);
    suite_add_tcase(s, core);

    TCase *cjk = tcase_create("cjk");
    tcase_add_checked_fixture(cjk, setup_dict, teardown_dict);
    tcase_add_loop_test(cjk, test_tech_terms_are_whole_words_in_a_sentence, 0,
                        (int)(sizeof tech_terms / sizeof *tech_terms));
    tcase_add_test(cjk, test_kafka_xiaoxi_bu_diushi_keeps_the_chinese_words);
    tcase_add_test(cjk, test_digit_sequences_are_never_split);
    tcase_add_test(cjk, test_dates_keep_number_and_unit_together);
    tcase_add_test(cjk,
                   test_search_mode_adds_dictionary_subwords_after_the_word);
    tcase_add_test(cjk, test_unknown_names_are_covered_and_kept_together);
    tcase_add_test(
        cjk, test_rare_characters_outside_the_dictionary_are_single_words);
    suite_add_tcase(s, cjk);

    TCase *limits = tcase_create("limits");
    tcase_add_checked_fixture(limits, setup_dict, teardown_dict);
    tcase_set_timeout(limits, 120);
    tcase_add_test(limits, test_empty_run_reports_nothing);
    tcase_add_test(limits,
                   test_a_megabyte_run_without_punctuation_is_segmented);
    tcase_add_test(limits,
                   test_a_megabyte_of_one_repeated_character_is_segmented);
    tcase_add_test(limits, test_long_runs_of_unknown_characters_are_segmented);
    tcase_add_test(limits, test_a_huge_digit_sequence_stays_one_word);
    suite_add_tcase(s, limits);

    TCase *errors = tcase_create("errors");
    tcase_add_checked_fixture(errors, setup_dict, teardown_dict);
    tcase_add_test(errors, test_missing_dictionary_is_an_io_error);
    tcase_add_test(errors, test_empty_or_text_file_is_a_corrupt_dictionary);
    tcase_add_test(errors, test_truncated_dictionary_is_corrupt);
    tcase_add_test(errors, test_damaged_header_is_corrupt);
    tcase_add_test(errors, test_damaged_trie_segments_without_crashing);
    tcase_add_test(errors, test_user_words_change_segmentation_and_checksum);
    tcase_add_test(errors, test_user_frequency_zero_removes_a_word);
    tcase_add_test(errors,
                   test_user_words_that_change_nothing_keep_the_checksum);
    tcase_add_test(
        errors,
        test_malformed_user_dictionary_line_is_reported_and_adds_nothing);
    tcase_add_test(errors, test_missing_user_dictionary_is_an_io_error);
    tcase_add_test(errors, test_closing_null_is_allowed);
    suite_add_tcase(s, errors);
    return s;
}

int
main(void)
{
    SRunner *runner = srunner_create(segment_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

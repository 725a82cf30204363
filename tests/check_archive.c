/* Tests for decoding note files and splitting them into interview records:
 * encodings, record boundaries, sections, topics and verdicts. */
#define _GNU_SOURCE /* memmem */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <utf8proc.h>

#include "ivs/record.h"

#define FIXTURE(name) IVS_FIXTURES "/" name
#define TAXONOMY IVS_FIXTURES "/../../data/topics.txt"
#define SAMPLE IVS_EXAMPLES "/interviews.txt"

/* For checks on hot paths (every record of a 100,000-line input): check's
 * own assertions record their location on each call, which in fork mode is
 * a write to a pipe; this one costs nothing until it fails. */
#define CHECK(cond)                                                       \
    do {                                                                  \
        if (!(cond))                                                      \
            ck_abort_msg("%s:%d: failed: %s", __FILE__, __LINE__, #cond); \
    } while (0)

/* ---- helpers ----------------------------------------------------------- */

static ivs_topics_t *taxonomy;

static void
load_taxonomy(void)
{
    size_t bad_line = 0;
    ivs_status_t st = ivs_topics_load(TAXONOMY, &taxonomy, &bad_line);
    ck_assert_msg(st == IVS_OK, "%s: %s at line %zu", TAXONOMY,
                  ivs_status_str(st), bad_line);
}

static void
free_taxonomy(void)
{
    ivs_topics_free(taxonomy);
    taxonomy = NULL;
}

static char *
read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    ck_assert_msg(fp != NULL, "cannot open %s", path);
    ck_assert_int_eq(fseek(fp, 0, SEEK_END), 0);
    long size = ftell(fp);
    ck_assert_int_ge(size, 0);
    ck_assert_int_eq(fseek(fp, 0, SEEK_SET), 0);
    char *buf = malloc((size_t)size + 1);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(fread(buf, 1, (size_t)size, fp), (size_t)size);
    buf[size] = '\0';
    fclose(fp);
    *len = (size_t)size;
    return buf;
}

static int
valid_utf8(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            return 0;
        i += (size_t)k;
    }
    return 1;
}

/* Decodes a fixture file; fails the test when it cannot be decoded. */
static char *
decode_file(const char *path, size_t *len)
{
    size_t raw_len;
    char *raw = read_file(path, &raw_len);
    char *text = NULL;
    const char *reason = NULL;
    ivs_status_t st = ivs_text_decode(raw, raw_len, &text, len, &reason);
    free(raw);
    ck_assert_msg(st == IVS_OK, "%s: %s", path, reason ? reason : "?");
    return text;
}

/* A copy of one record, kept after the callback returns. */
typedef struct {
    unsigned ordinal;
    size_t start, end;
    const char *text;
    size_t text_len;
    char *title, *candidate, *role, *date;
    ivs_verdict_t verdict;
    char headings[1024];      /* "语言|中间件|总结" */
    char section_topics[512]; /* "language|middleware|-" */
    char topics[512];         /* "language middleware" */
    size_t n_sections;
    size_t section_start[64];
} rec_t;

typedef struct {
    rec_t *items;
    size_t n, cap;
    const char *source;
    const char *base;
    size_t base_len;
    int stop_at; /* return 7 from this 1-based record on; 0: never */
    int keep;    /* copy records (the limit tests only count them) */
} recs_t;

static char *
dup_or_null(const char *s)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    CHECK(d != NULL);
    return d;
}

/* Checks the invariants every record must hold, whatever the input. */
static void
check_record_invariants(const recs_t *R, const ivs_record_t *r)
{
    CHECK(r->source == R->source);
    CHECK(r->ordinal == R->n + 1);
    CHECK(r->start < r->end);
    CHECK(r->end <= R->base_len);
    CHECK(r->text == R->base + r->start);
    CHECK(r->text_len == r->end - r->start);
    CHECK(r->title != NULL);
    CHECK(valid_utf8(r->title, strlen(r->title)));
    CHECK((unsigned)r->verdict <= IVS_VERDICT_PENDING);
    size_t prev_end = 0;
    for (size_t i = 0; i < r->n_sections; i++) {
        const ivs_section_t *s = &r->sections[i];
        CHECK(s->heading != NULL);
        CHECK(valid_utf8(s->heading, strlen(s->heading)));
        CHECK(prev_end <= s->start);
        CHECK(s->start < s->end);
        CHECK(s->end <= r->text_len);
        prev_end = s->end;
        if (s->topic)
            CHECK(ivs_topics_resolve(taxonomy, s->topic) != NULL);
    }
    for (size_t i = 0; i < r->n_topics; i++) {
        CHECK(r->topics[i] != NULL);
        for (size_t j = 0; j < i; j++)
            CHECK(strcmp(r->topics[i], r->topics[j]) != 0);
    }
    if (r->date) {
        CHECK(strlen(r->date) == 10);
        CHECK(r->date[4] == '-' && r->date[7] == '-');
    }
    if (r->candidate)
        CHECK(valid_utf8(r->candidate, strlen(r->candidate)));
    if (r->role)
        CHECK(valid_utf8(r->role, strlen(r->role)));
}

static int
collect(void *ctx, const ivs_record_t *r)
{
    recs_t *R = ctx;
    check_record_invariants(R, r);
    if (!R->keep) {
        R->n++;
        return R->stop_at && (int)R->n >= R->stop_at ? 7 : 0;
    }
    if (R->n == R->cap) {
        R->cap = R->cap ? R->cap * 2 : 8;
        R->items = realloc(R->items, R->cap * sizeof *R->items);
        CHECK(R->items != NULL);
    }
    rec_t *c = &R->items[R->n++];
    memset(c, 0, sizeof *c);
    c->ordinal = r->ordinal;
    c->start = r->start;
    c->end = r->end;
    c->text = r->text;
    c->text_len = r->text_len;
    c->title = dup_or_null(r->title);
    c->candidate = dup_or_null(r->candidate);
    c->role = dup_or_null(r->role);
    c->date = dup_or_null(r->date);
    c->verdict = r->verdict;
    c->n_sections = r->n_sections;
    for (size_t i = 0; i < r->n_sections; i++) {
        const ivs_section_t *s = &r->sections[i];
        if (i < 64)
            c->section_start[i] = s->start;
        size_t hl = strlen(c->headings), tl = strlen(c->section_topics);
        snprintf(c->headings + hl, sizeof c->headings - hl, "%s%s",
                 i ? "|" : "", s->heading);
        snprintf(c->section_topics + tl, sizeof c->section_topics - tl, "%s%s",
                 i ? "|" : "", s->topic ? s->topic : "-");
    }
    for (size_t i = 0; i < r->n_topics; i++) {
        size_t l = strlen(c->topics);
        snprintf(c->topics + l, sizeof c->topics - l, "%s%s", i ? " " : "",
                 r->topics[i]);
    }
    return R->stop_at && (int)R->n >= R->stop_at ? 7 : 0;
}

static int
parse_into(recs_t *R, const char *source, const char *text, size_t len)
{
    memset(R, 0, sizeof *R);
    R->source = source;
    R->base = text;
    R->base_len = len;
    R->keep = 1;
    return ivs_archive_parse(taxonomy, source, text, len, collect, R);
}

static void
recs_free(recs_t *R)
{
    for (size_t i = 0; i < R->n; i++) {
        free(R->items[i].title);
        free(R->items[i].candidate);
        free(R->items[i].role);
        free(R->items[i].date);
    }
    free(R->items);
    memset(R, 0, sizeof *R);
}

/* Parses a fixture file; the decoded text stays alive in *TEXT. */
static void
parse_fixture(const char *path, recs_t *R, char **text)
{
    size_t len;
    *text = decode_file(path, &len);
    ck_assert_int_eq(parse_into(R, path, *text, len), 0);
}

static void
parse_string(const char *s, recs_t *R)
{
    ck_assert_int_eq(parse_into(R, "inline", s, strlen(s)), 0);
}

static const char *
verdict_str(ivs_verdict_t v)
{
    return ivs_verdict_name(v);
}

/* ---- decode -------------------------------------------------------------- */

/* Every one of these decodes to exactly the text of decode-utf8.txt. */
static const char *const same_text_fixtures[] = {
    FIXTURE("decode-utf8.txt"),    FIXTURE("decode-utf8-bom.txt"),
    FIXTURE("decode-crlf.txt"),    FIXTURE("decode-cr.txt"),
    FIXTURE("decode-utf16le.txt"), FIXTURE("decode-utf16be.txt"),
    FIXTURE("decode-gb18030.txt"),
};

START_TEST(test_decode_every_encoding_yields_the_same_utf8_text_with_lf)
{
    size_t ref_len, len;
    char *ref = read_file(FIXTURE("decode-utf8.txt"), &ref_len);
    char *text = decode_file(same_text_fixtures[_i], &len);
    ck_assert(valid_utf8(text, len));
    ck_assert_ptr_null(memchr(text, '\r', len));
    ck_assert_uint_eq(text[len], '\0');
    ck_assert_uint_eq(len, ref_len);
    ck_assert_mem_eq(text, ref, len);
    free(text);
    free(ref);
}
END_TEST

START_TEST(test_decode_gbk_is_detected_and_converted)
{
    size_t len;
    char *text = decode_file(FIXTURE("decode-gbk.txt"), &len);
    ck_assert_str_eq(text, "总结：\n面试不通过，算法题没有写出来。\n");
    free(text);
}
END_TEST

START_TEST(test_decode_gb18030_four_byte_sequences_convert)
{
    size_t len;
    char *text = decode_file(FIXTURE("decode-gb18030.txt"), &len);
    ck_assert_ptr_nonnull(strstr(text, "👍"));
    ck_assert_ptr_nonnull(strstr(text, "面试通过"));
    free(text);
}
END_TEST

START_TEST(test_decode_encoded_fixtures_parse_like_the_utf8_one)
{
    recs_t R;
    char *text;
    parse_fixture(same_text_fixtures[_i], &R, &text);
    ck_assert_uint_eq(R.n, 1);
    ck_assert_int_eq(R.items[0].verdict, IVS_VERDICT_PASS);
    ck_assert_str_eq(R.items[0].headings, "语言|中间件|总结");
    ck_assert_str_eq(R.items[0].topics, "language middleware");
    recs_free(&R);
    free(text);
}
END_TEST

typedef struct {
    const char *fixture;
    const char *reason;
} bad_file_t;

static const bad_file_t bad_files[] = {
    {FIXTURE("decode-binary.txt"), "binary file"},
    {FIXTURE("decode-latin1.txt"), "not valid UTF-8 or GB18030"},
    {FIXTURE("decode-utf16-lone-surrogate.txt"), "not valid UTF-16"},
    {FIXTURE("decode-utf16-odd.txt"), "not valid UTF-16"},
};

START_TEST(test_decode_bad_files_fail_with_a_reason)
{
    size_t len, out_len = 99;
    char *raw = read_file(bad_files[_i].fixture, &len);
    char *out = (char *)raw; /* must be reset to NULL */
    const char *reason = NULL;
    ivs_status_t st = ivs_text_decode(raw, len, &out, &out_len, &reason);
    ck_assert_int_eq(st, IVS_ERR_ENCODING);
    ck_assert_ptr_null(out);
    ck_assert_uint_eq(out_len, 0);
    ck_assert_ptr_nonnull(reason);
    ck_assert_str_eq(reason, bad_files[_i].reason);
    free(raw);
}
END_TEST

static void
expect_decode_error(const char *bytes, size_t len, const char *reason)
{
    char *out = NULL;
    size_t out_len;
    const char *why = NULL;
    ck_assert_int_eq(ivs_text_decode(bytes, len, &out, &out_len, &why),
                     IVS_ERR_ENCODING);
    ck_assert_ptr_null(out);
    ck_assert_str_eq(why, reason);
}

START_TEST(test_decode_a_nul_byte_makes_a_file_binary)
{
    static const char text[] = "面试内容：\n\0通过\n";
    expect_decode_error(text, sizeof text - 1, "binary file");
}
END_TEST

START_TEST(test_decode_many_control_bytes_make_a_file_binary)
{
    char buf[200];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = i % 4 == 0 ? '\x01' : 'a';
    expect_decode_error(buf, sizeof buf, "binary file");
}
END_TEST

START_TEST(test_decode_utf16_with_nul_characters_is_binary)
{
    static const char text[] = "\xff\xfe"
                               "a\0\0\0b\0";
    expect_decode_error(text, sizeof text - 1, "binary file");
}
END_TEST

START_TEST(test_decode_invalid_utf8_after_a_bom_is_rejected)
{
    static const char text[] = "\xef\xbb\xbf"
                               "abc\xc3\x28";
    expect_decode_error(text, sizeof text - 1, "not valid UTF-8");
}
END_TEST

START_TEST(test_decode_overlong_and_surrogate_utf8_are_not_passed_through)
{
    /* Not UTF-8, and not GB18030 either: rejected, never copied. */
    static const char overlong[] = "ab\xc0\xaf";
    static const char surrogate[] = "ab\xed\xa0\x80";
    char *out = NULL;
    size_t len;
    const char *why;
    ivs_status_t st =
        ivs_text_decode(overlong, sizeof overlong - 1, &out, &len, &why);
    if (st == IVS_OK)
        ck_assert(valid_utf8(out, len));
    free(out);
    out = NULL;
    st = ivs_text_decode(surrogate, sizeof surrogate - 1, &out, &len, &why);
    if (st == IVS_OK)
        ck_assert(valid_utf8(out, len));
    free(out);
}
END_TEST

START_TEST(test_decode_empty_and_bom_only_input_is_empty_text)
{
    static const char *const fixtures[] = {FIXTURE("decode-empty.txt"),
                                           FIXTURE("decode-bom-only.txt")};
    for (size_t i = 0; i < 2; i++) {
        size_t len = 99;
        char *text = decode_file(fixtures[i], &len);
        ck_assert_uint_eq(len, 0);
        ck_assert_str_eq(text, "");
        recs_t R;
        parse_string(text, &R);
        ck_assert_uint_eq(R.n, 0);
        recs_free(&R);
        free(text);
    }
}
END_TEST

START_TEST(test_decode_lone_cr_and_crlf_become_lf)
{
    static const char text[] = "a\r\nb\rc\n\r\nd";
    char *out;
    size_t len;
    const char *why;
    ck_assert_int_eq(ivs_text_decode(text, sizeof text - 1, &out, &len, &why),
                     IVS_OK);
    ck_assert_str_eq(out, "a\nb\nc\n\nd");
    ck_assert_uint_eq(len, 8);
    free(out);
}
END_TEST

/* Deterministic pseudo-random bytes, biased towards the bytes that matter
 * to the decoder. */
static uint32_t
next_random(uint32_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 17;
    *state ^= *state << 5;
    return *state;
}

/* One round of the decoder fuzz test, with seed ROUND. */
static void
decode_random_bytes(int round)
{
    static const unsigned char interesting[] = {
        0x00, 0x0D, 0x0A, 0xEF, 0xBB, 0xBF, 0xFF, 0xFE, 0xD8, 0xDC,
        0x81, 0x30, 0xE4, 0xB8, 0xAD, 0xC0, 0x80, 0xF4, 0x90, 0x20};
    uint32_t state = 0x9E3779B9u + (uint32_t)round * 7919u;
    size_t len = next_random(&state) % 600;
    unsigned char *bytes = malloc(len + 1);
    CHECK(bytes != NULL);
    for (size_t i = 0; i < len; i++) {
        uint32_t r = next_random(&state);
        bytes[i] = r % 3 ? interesting[(r >> 8) % sizeof interesting]
                         : (unsigned char)(r >> 16);
    }
    if (round % 4 == 1 && len >= 2) {
        bytes[0] = 0xFF; /* UTF-16LE with a BOM */
        bytes[1] = 0xFE;
    } else if (round % 4 == 2 && len >= 2) {
        bytes[0] = 0xFE;
        bytes[1] = 0xFF;
    }
    char *out = NULL;
    size_t out_len = 0;
    const char *why = NULL;
    ivs_status_t st =
        ivs_text_decode((const char *)bytes, len, &out, &out_len, &why);
    if (st == IVS_OK) {
        CHECK(valid_utf8(out, out_len));
        CHECK(memchr(out, '\r', out_len) == NULL);
        recs_t R;
        CHECK(parse_into(&R, "fuzz", out, out_len) == 0);
        recs_free(&R);
        free(out);
    } else {
        CHECK(st == IVS_ERR_ENCODING);
        CHECK(why != NULL);
        CHECK(out == NULL);
    }
    free(bytes);
}

START_TEST(test_decode_any_bytes_never_crash_and_yield_valid_utf8)
{
    for (int round = 0; round < 2000; round++)
        decode_random_bytes(round);
}
END_TEST

/* ---- archive: the sample ----------------------------------------------- */

typedef struct {
    ivs_verdict_t verdict;
    const char *headings;
    const char *section_topics;
    const char *topics;
    const char *title;
} sample_t;

static const sample_t sample[7] = {
    {IVS_VERDICT_FAIL, "语言|中间件|网络|算法|其他|总结",
     "language|middleware|network|algorithm|other|-",
     "language middleware network algorithm other",
     "对golang底层实现较熟悉，问了goroutine,channel,map,gc相关问题。"},
    {IVS_VERDICT_PASS, "语言|中间件|网络|设计模式|算法|项目|容器|总结",
     "language|middleware|network|patterns|algorithm|project|container|-",
     "language middleware network algorithm container patterns project",
     "对golang底层实现较熟悉，make和new区别, slice扩容, "
     "map，mutex+map,sync.map对比…"},
    {IVS_VERDICT_UNKNOWN,
     "go 语言|k8s|网络协议|项目亮点|工程设计|技术栈|算法|总结",
     "language|container|network|project|engineering|experience|algorithm|-",
     "language network algorithm container project engineering experience",
     "channel 实现: 是一个队列, 对底层实现不了解"},
    {IVS_VERDICT_PASS, "总结", "-",
     "language middleware network algorithm database os",
     "编程题，求整数数组的连续子数组的最大和。"},
    {IVS_VERDICT_UNKNOWN, "工作经验|go 语言|k8s|工程设计|算法|总结",
     "experience|language|container|engineering|algorithm|-",
     "language algorithm container engineering experience",
     "前期为 ios 客户端开发, 19 年开始 golang 开发, 4 年golang经验."},
    {IVS_VERDICT_PASS, "总结", "-",
     "middleware network algorithm database softskills", NULL},
    {IVS_VERDICT_FAIL, "面试总结", "-",
     "language middleware network algorithm database", "算法题"},
};

START_TEST(test_sample_archive_has_seven_records_split_at_markers)
{
    recs_t R;
    char *text;
    parse_fixture(SAMPLE, &R, &text);
    ck_assert_uint_eq(R.n, 7);
    for (size_t i = 0; i < R.n; i++) {
        ck_assert_uint_eq(R.items[i].ordinal, i + 1);
        /* The marker line is not part of the record, and the record is
         * trimmed of blank lines. */
        ck_assert(strncmp(R.items[i].text, "面试内容", 12) != 0);
        ck_assert(text[R.items[i].start - 1] == '\n');
        ck_assert(R.items[i].text[R.items[i].text_len - 1] != '\n');
        ck_assert(R.items[i].text[0] != '\n');
    }
    recs_free(&R);
    free(text);
}
END_TEST

START_TEST(test_sample_record_has_its_verdict)
{
    recs_t R;
    char *text;
    parse_fixture(SAMPLE, &R, &text);
    ck_assert_uint_eq(R.n, 7);
    ck_assert_msg(R.items[_i].verdict == sample[_i].verdict,
                  "record %d: %s, expected %s", _i + 1,
                  verdict_str(R.items[_i].verdict),
                  verdict_str(sample[_i].verdict));
    recs_free(&R);
    free(text);
}
END_TEST

START_TEST(test_sample_record_has_its_section_headings_and_topics)
{
    recs_t R;
    char *text;
    parse_fixture(SAMPLE, &R, &text);
    ck_assert_uint_eq(R.n, 7);
    ck_assert_str_eq(R.items[_i].headings, sample[_i].headings);
    ck_assert_str_eq(R.items[_i].section_topics, sample[_i].section_topics);
    ck_assert_str_eq(R.items[_i].topics, sample[_i].topics);
    recs_free(&R);
    free(text);
}
END_TEST

START_TEST(test_sample_record_title_is_its_first_content_line)
{
    recs_t R;
    char *text;
    parse_fixture(SAMPLE, &R, &text);
    const char *title = R.items[_i].title;
    if (sample[_i].title)
        ck_assert_str_eq(title, sample[_i].title);
    ck_assert(valid_utf8(title, strlen(title)));
    ck_assert_int_gt((int)strlen(title), 0);
    recs_free(&R);
    free(text);
}
END_TEST

START_TEST(test_sample_sections_start_at_their_heading_lines)
{
    recs_t R;
    char *text;
    parse_fixture(SAMPLE, &R, &text);
    const rec_t *r1 = &R.items[0];
    ck_assert_uint_eq(r1->n_sections, 6);
    ck_assert_uint_eq(r1->section_start[0], 0);
    ck_assert(strncmp(r1->text + r1->section_start[1], "二、中间件\n", 16) ==
              0);
    ck_assert(strncmp(r1->text + r1->section_start[5], "总结：\n", 10) == 0);
    const rec_t *r2 = &R.items[1];
    ck_assert(strncmp(r2->text + r2->section_start[6], "七，容器", 12) == 0);
    recs_free(&R);
    free(text);
}
END_TEST

START_TEST(test_sample_is_parsed_the_same_way_twice)
{
    recs_t A, B;
    char *text;
    parse_fixture(SAMPLE, &A, &text);
    ck_assert_int_eq(parse_into(&B, SAMPLE, text, strlen(text)), 0);
    ck_assert_uint_eq(A.n, B.n);
    for (size_t i = 0; i < A.n; i++) {
        ck_assert_uint_eq(A.items[i].start, B.items[i].start);
        ck_assert_uint_eq(A.items[i].end, B.items[i].end);
        ck_assert_str_eq(A.items[i].title, B.items[i].title);
        ck_assert_str_eq(A.items[i].topics, B.items[i].topics);
    }
    recs_free(&A);
    recs_free(&B);
    free(text);
}
END_TEST

/* ---- archive: formats ---------------------------------------------------- */

START_TEST(test_archive_markdown_interviews_under_repeated_headings_split)
{
    recs_t R;
    char *text;
    parse_fixture(FIXTURE("archive-markdown.md"), &R, &text);
    ck_assert_uint_eq(R.n, 3);
    ck_assert_str_eq(R.items[0].title, "张三 · 2024-03-05");
    ck_assert_str_eq(R.items[0].candidate, "张三");
    ck_assert_str_eq(R.items[0].role, "Go 后端开发");
    ck_assert_str_eq(R.items[0].date, "2024-03-05");
    ck_assert_int_eq(R.items[0].verdict, IVS_VERDICT_PASS);
    ck_assert_str_eq(R.items[0].headings, "中间件|网络|总结");
    ck_assert_str_eq(R.items[0].topics, "middleware network");
    ck_assert_str_eq(R.items[1].title, "李四 · 2024-03-06");
    ck_assert_str_eq(R.items[1].role, "Java 后端");
    ck_assert_int_eq(R.items[1].verdict, IVS_VERDICT_FAIL);
    ck_assert_str_eq(R.items[1].topics, "algorithm database");
    ck_assert_str_eq(R.items[2].candidate, "王五");
    ck_assert_ptr_null(R.items[2].role);
    ck_assert_str_eq(R.items[2].date, "2024-03-08");
    ck_assert_int_eq(R.items[2].verdict, IVS_VERDICT_PENDING);
    ck_assert_str_eq(R.items[2].topics, "architecture");
    /* Each record starts at its own heading. */
    ck_assert(strncmp(R.items[1].text, "## 李四", 9) == 0);
    recs_free(&R);
    free(text);
}
END_TEST

START_TEST(test_archive_rules_split_interviews_after_front_matter)
{
    recs_t R;
    char *text;
    parse_fixture(FIXTURE("archive-rules.md"), &R, &text);
    ck_assert_uint_eq(R.n, 3);
    ck_assert(strncmp(R.items[0].text, "赵六", 6) == 0);
    ck_assert_str_eq(R.items[0].title, "赵六，Go 后端，2024-03-11");
    ck_assert_int_eq(R.items[0].verdict, IVS_VERDICT_PASS);
    ck_assert_int_eq(R.items[1].verdict, IVS_VERDICT_FAIL);
    ck_assert_int_eq(R.items[2].verdict, IVS_VERDICT_PENDING);
    ck_assert_str_eq(R.items[0].topics, "language");
    ck_assert_str_eq(R.items[1].topics, "network");
    for (size_t i = 0; i < R.n; i++) {
        ck_assert(strstr(R.items[i].title, "---") == NULL);
        ck_assert(memchr(R.items[i].text, '-', 1) == NULL);
    }
    recs_free(&R);
    free(text);
}
END_TEST

START_TEST(test_archive_front_matter_titles_and_dates_a_single_interview)
{
    recs_t R;
    char *text;
    parse_fixture(FIXTURE("archive-frontmatter.md"), &R, &text);
    /* The rule inside does not split: neither part reads as an interview. */
    ck_assert_uint_eq(R.n, 1);
    ck_assert_str_eq(R.items[0].title, "字节跳动 后端一面");
    ck_assert_str_eq(R.items[0].date, "2024-05-20");
    ck_assert(strncmp(R.items[0].text, "## 一面", 9) == 0);
    ck_assert_str_eq(R.items[0].headings, "一面|感受");
    ck_assert_str_eq(R.items[0].topics, "middleware algorithm experience");
    recs_free(&R);
    free(text);
}
END_TEST

START_TEST(test_archive_generic_markdown_article_is_one_record)
{
    recs_t R;
    char *text;
    parse_fixture(FIXTURE("archive-article.md"), &R, &text);
    ck_assert_uint_eq(R.n, 1);
    ck_assert_str_eq(R.items[0].title, "Go 内存管理详解");
    ck_assert_int_eq(R.items[0].verdict, IVS_VERDICT_UNKNOWN);
    ck_assert_str_eq(R.items[0].headings,
                     "Go 内存管理详解|内存分配器|mspan|垃圾回收|逃逸分析|总结");
    /* mspan has no topic word and takes its parent's; 总结 takes none. */
    ck_assert_str_eq(R.items[0].section_topics,
                     "language|os|os|language|language|-");
    recs_free(&R);
    free(text);
}
END_TEST

START_TEST(test_archive_candidate_blocks_split_interviews)
{
    recs_t R;
    char *text;
    parse_fixture(FIXTURE("archive-candidates.txt"), &R, &text);
    ck_assert_uint_eq(R.n, 2);
    ck_assert_str_eq(R.items[0].candidate, "周九");
    ck_assert_str_eq(R.items[0].role, "后端开发");
    ck_assert_str_eq(R.items[0].date, "2024-04-01");
    ck_assert_int_eq(R.items[0].verdict, IVS_VERDICT_PASS);
    ck_assert_str_eq(R.items[1].candidate, "吴十");
    ck_assert_str_eq(R.items[1].date, "2024-04-02");
    ck_assert_int_eq(R.items[1].verdict, IVS_VERDICT_PENDING);
    ck_assert_str_eq(R.items[1].headings, "算法|结论");
    recs_free(&R);
    free(text);
}
END_TEST

START_TEST(test_archive_single_interview_file_is_one_record)
{
    recs_t R;
    char *text;
    parse_fixture(FIXTURE("archive-single.txt"), &R, &text);
    ck_assert_uint_eq(R.n, 1);
    ck_assert_uint_eq(R.items[0].start, 0);
    ck_assert_str_eq(R.items[0].candidate, "郑十一");
    ck_assert_str_eq(R.items[0].role, "运维开发");
    ck_assert_int_eq(R.items[0].verdict, IVS_VERDICT_PENDING);
    /* No topical heading: topics come from content keywords. */
    ck_assert_str_eq(R.items[0].topics, "os container");
    recs_free(&R);
    free(text);
}
END_TEST

START_TEST(test_archive_whitespace_and_bare_markers_yield_no_records)
{
    recs_t R;
    char *text;
    parse_fixture(FIXTURE("archive-empty.txt"), &R, &text);
    ck_assert_uint_eq(R.n, 0);
    recs_free(&R);
    free(text);
    parse_string("", &R);
    ck_assert_uint_eq(R.n, 0);
    recs_free(&R);
    parse_string(" \n\t\n---\n\n***\n", &R);
    ck_assert_uint_eq(R.n, 0);
    recs_free(&R);
}
END_TEST

START_TEST(
    test_archive_headings_lose_numbering_and_question_lines_are_not_headings)
{
    recs_t R;
    char *text;
    parse_fixture(FIXTURE("archive-headings.txt"), &R, &text);
    ck_assert_uint_eq(R.n, 1);
    ck_assert_str_eq(
        R.items[0].headings,
        "语言|中间件|网络|go 语言|k8s|网络协议|项目亮点|工程设计|总结");
    ck_assert_str_eq(R.items[0].section_topics,
                     "language|middleware|network|language|container|network|"
                     "project|engineering|-");
    ck_assert_str_eq(R.items[0].title, "tcp三次握手");
    recs_free(&R);
    free(text);
}
END_TEST

START_TEST(test_archive_marker_headings_title_their_records)
{
    recs_t R;
    parse_string("## 面试记录 1\n\n问了 Redis。\n\n结论：通过\n\n"
                 "## 面试记录 2\n\n问了 MySQL。\n\n结论：不通过\n",
                 &R);
    ck_assert_uint_eq(R.n, 2);
    ck_assert_str_eq(R.items[0].title, "面试记录 1");
    ck_assert_str_eq(R.items[1].title, "面试记录 2");
    ck_assert_int_eq(R.items[0].verdict, IVS_VERDICT_PASS);
    ck_assert_int_eq(R.items[1].verdict, IVS_VERDICT_FAIL);
    recs_free(&R);
}
END_TEST

START_TEST(test_archive_closing_evaluation_marker_does_not_split)
{
    /* 面试评价 closes each interview here: it must not become a boundary. */
    recs_t R;
    parse_string("问了 Kafka 的副本机制。\n回答完整。\n细节清楚。\n\n"
                 "面试评价：\n通过\n\n面试评价：\n补充：沟通顺畅。\n",
                 &R);
    ck_assert_uint_eq(R.n, 1);
    ck_assert_int_eq(R.items[0].verdict, IVS_VERDICT_PASS);
    recs_free(&R);
}
END_TEST

START_TEST(test_archive_markers_inside_code_blocks_are_ignored)
{
    recs_t R;
    parse_string("面试内容：\nA 的面试\n```\n面试内容：\n```\n总结：通过\n\n"
                 "面试内容：\nB 的面试\n总结：不通过\n",
                 &R);
    ck_assert_uint_eq(R.n, 2);
    ck_assert_int_eq(R.items[0].verdict, IVS_VERDICT_PASS);
    ck_assert_int_eq(R.items[1].verdict, IVS_VERDICT_FAIL);
    recs_free(&R);
}
END_TEST

START_TEST(test_archive_title_is_cut_on_a_character_boundary)
{
    char buf[1024] = "";
    for (int i = 0; i < 100; i++)
        strcat(buf, "字");
    strcat(buf, "\n第二行\n");
    recs_t R;
    parse_string(buf, &R);
    ck_assert_uint_eq(R.n, 1);
    const char *t = R.items[0].title;
    ck_assert(valid_utf8(t, strlen(t)));
    size_t chars = 0;
    for (const char *p = t; *p; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    ck_assert_uint_eq(chars, 61); /* 60 and an ellipsis */
    ck_assert(strcmp(t + strlen(t) - 3, "…") == 0);
    recs_free(&R);
}
END_TEST

START_TEST(test_archive_callback_value_stops_parsing)
{
    size_t len;
    char *text = decode_file(SAMPLE, &len);
    recs_t R;
    memset(&R, 0, sizeof R);
    R.source = SAMPLE;
    R.base = text;
    R.base_len = len;
    R.stop_at = 2;
    ck_assert_int_eq(
        ivs_archive_parse(taxonomy, SAMPLE, text, len, collect, &R), 7);
    ck_assert_uint_eq(R.n, 2);
    free(text);
}
END_TEST

static int
count_untopical(void *ctx, const ivs_record_t *r)
{
    ck_assert_uint_eq(r->n_topics, 0);
    for (size_t i = 0; i < r->n_sections; i++)
        ck_assert_ptr_null(r->sections[i].topic);
    (*(int *)ctx)++;
    return 0;
}

START_TEST(test_archive_without_a_taxonomy_has_no_topics)
{
    size_t len;
    char *text = decode_file(SAMPLE, &len);
    int n = 0;
    ck_assert_int_eq(
        ivs_archive_parse(NULL, SAMPLE, text, len, count_untopical, &n), 0);
    ck_assert_int_eq(n, 7);
    free(text);
}
END_TEST

typedef struct {
    const char *line;
    const char *date; /* NULL: no date */
} date_case_t;

static const date_case_t date_cases[] = {
    {"日期：2024-03-01", "2024-03-01"},
    {"日期: 2024/3/1", "2024-03-01"},
    {"- 面试时间：2024.10.15 20:00", "2024-10-15"},
    {"时间：2024年3月9日 下午", "2024-03-09"},
    {"Date: 2023-12-31", "2023-12-31"},
    {"日期：2024-02-29", "2024-02-29"},
    {"日期：2023-02-29", NULL},
    {"日期：2024-13-01", NULL},
    {"时间：O(n) 复杂度", NULL},
    {"日期：2024-03/01", NULL},
};

START_TEST(test_archive_date_lines_give_iso_dates)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s\n候选人：张三\n问了 TCP。\n",
             date_cases[_i].line);
    recs_t R;
    parse_string(buf, &R);
    ck_assert_uint_eq(R.n, 1);
    if (date_cases[_i].date)
        ck_assert_str_eq(R.items[0].date, date_cases[_i].date);
    else
        ck_assert_ptr_null(R.items[0].date);
    ck_assert_str_eq(R.items[0].candidate, "张三");
    recs_free(&R);
}
END_TEST

/* ---- archive: limits ----------------------------------------------------- */

static double
seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t
count_records(const char *text, size_t len)
{
    recs_t R;
    memset(&R, 0, sizeof R);
    R.source = "limits";
    R.base = text;
    R.base_len = len;
    ck_assert_int_eq(
        ivs_archive_parse(taxonomy, "limits", text, len, collect, &R), 0);
    return R.n;
}

/* Fills a buffer with COUNT copies of PIECE. */
static char *
repeat(const char *piece, size_t count, size_t *len)
{
    size_t k = strlen(piece);
    char *buf = malloc(k * count + 1);
    ck_assert_ptr_nonnull(buf);
    for (size_t i = 0; i < count; i++)
        memcpy(buf + i * k, piece, k);
    buf[k * count] = '\0';
    *len = k * count;
    return buf;
}

START_TEST(test_limits_a_50_mb_single_line_decodes_and_parses_linearly)
{
    size_t len;
    char *raw =
        repeat("kafka 面试通过 通过日志排查，", 50u * 1024 * 1024 / 40, &len);
    double t0 = seconds();
    char *text;
    size_t text_len;
    const char *why;
    ck_assert_int_eq(ivs_text_decode(raw, len, &text, &text_len, &why), IVS_OK);
    ck_assert_uint_eq(count_records(text, text_len), 1);
    double elapsed = seconds() - t0;
    ck_assert_msg(elapsed < 45, "took %.1f s", elapsed);
    free(text);
    free(raw);
}
END_TEST

START_TEST(test_limits_many_short_lines_and_repeated_markers_stay_fast)
{
    static const struct {
        const char *piece;
        size_t count;
        size_t records;
    } cases[] = {
        {"1. 问题\n", 100000, 1},
        {"面试内容：\n", 100000, 0},
        {"面试内容：\n题目\n总结：通过\n", 30000, 30000},
        {"## 面试 2024-01-01\n通过\n", 50000, 50000},
        {"---\n\n", 100000, 0},
        {"## 一、\n", 100000, 1},
        {"候选人：张三\n\n", 50000, 50000},
        {"**网络**\n", 100000, 1},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        size_t len;
        char *text = repeat(cases[c].piece, cases[c].count, &len);
        double t0 = seconds();
        ck_assert_uint_eq(count_records(text, len), cases[c].records);
        double elapsed = seconds() - t0;
        ck_assert_msg(elapsed < 20, "case %zu took %.1f s", c, elapsed);
        free(text);
    }
}
END_TEST

static void
parse_random_pieces(int round)
{
    static const char *const pieces[] = {"面试内容：",
                                         "\n",
                                         "\n\n",
                                         "---",
                                         "## ",
                                         "# ",
                                         "一、",
                                         "1. ",
                                         "总结：",
                                         "通过",
                                         "不通过",
                                         "候选人：",
                                         "日期：2024-01-0",
                                         "```",
                                         "**",
                                         "：",
                                         " ",
                                         "kafka",
                                         "k8s:",
                                         "語言",
                                         "ｋａｆｋａ",
                                         "\t",
                                         "结论",
                                         "面试记录",
                                         "title: x",
                                         "…",
                                         "👍",
                                         "【",
                                         "】",
                                         "<span>",
                                         "{.x}",
                                         "2024年"};
    uint32_t state = 0x2545F491u + (uint32_t)round * 104729u;
    char buf[8192];
    size_t len = 0, n = next_random(&state) % 400;
    for (size_t i = 0; i < n; i++) {
        const char *p =
            pieces[next_random(&state) % (sizeof pieces / sizeof pieces[0])];
        size_t k = strlen(p);
        if (len + k >= sizeof buf)
            break;
        memcpy(buf + len, p, k);
        len += k;
    }
    buf[len] = '\0';
    recs_t R;
    CHECK(parse_into(&R, "fuzz", buf, len) == 0);
    recs_free(&R);
}

START_TEST(test_limits_random_utf8_never_breaks_record_invariants)
{
    for (int round = 0; round < 2000; round++)
        parse_random_pieces(round);
}
END_TEST

/* ---- verdict ------------------------------------------------------------- */

typedef struct {
    const char *text;
    ivs_verdict_t verdict;
} verdict_case_t;

static const verdict_case_t verdict_cases[] = {
    /* "via" and test results are not verdicts */
    {"1. 服务间通信\n通过 protobuf 定义协议。", IVS_VERDICT_UNKNOWN},
    {"1. 定位问题\n通过日志部署模拟很难复现。", IVS_VERDICT_UNKNOWN},
    {"写出了 O(n3) 的解法，测试用例均通过，可以给出 O(n) 的思路。",
     IVS_VERDICT_UNKNOWN},
    {"给了On2的解法,思路正确,但实际代码未能通过测试。", IVS_VERDICT_UNKNOWN},
    {"总结：\n编译通过，但逻辑有误。", IVS_VERDICT_UNKNOWN},
    {"总结：\n能通过日志排查问题，推荐他多看源码。", IVS_VERDICT_UNKNOWN},
    {"总结：\n对底层实现不了解，准备不充分。", IVS_VERDICT_UNKNOWN},
    {"总结：\n技术一般。不过沟通不错。", IVS_VERDICT_UNKNOWN},
    {"- [计算机基础书籍推荐](../books/cs.md)", IVS_VERDICT_UNKNOWN},
    {"ActiveMQ 性能较差，已经被淘汰了。", IVS_VERDICT_UNKNOWN},
    {"首次分配后一直保留。", IVS_VERDICT_UNKNOWN},
    /* negation wins */
    {"总结：\n面试不通过。回答对底层较为熟悉。", IVS_VERDICT_FAIL},
    {"总结：\n一面通过，二面不通过。", IVS_VERDICT_FAIL},
    {"结论：未通过", IVS_VERDICT_FAIL},
    {"总结：\n这次没有通过。", IVS_VERDICT_FAIL},
    {"评价：不建议录用", IVS_VERDICT_FAIL},
    {"结论：不予通过", IVS_VERDICT_FAIL},
    {"面试总结：\n不通过。基础问题回答不上来。", IVS_VERDICT_FAIL},
    {"结论：不建议", IVS_VERDICT_FAIL},
    {"结论：淘汰", IVS_VERDICT_FAIL},
    {"问了很多。\n一面挂了", IVS_VERDICT_FAIL},
    {"总结：凉了", IVS_VERDICT_FAIL},
    {"Decision: No Hire", IVS_VERDICT_FAIL},
    {"Result: reject", IVS_VERDICT_FAIL},
    {"Verdict: FAIL", IVS_VERDICT_FAIL},
    /* pass */
    {"总结：\n通过，面试人经验丰富。", IVS_VERDICT_PASS},
    {"总结：\n思路清晰，有独立解决问题的能力，面试通过", IVS_VERDICT_PASS},
    {"总结：\n面试通过。技术较为全面。", IVS_VERDICT_PASS},
    {"结论：建议录用", IVS_VERDICT_PASS},
    {"评价：录用", IVS_VERDICT_PASS},
    {"结果：可以发offer", IVS_VERDICT_PASS},
    {"Summary:\nStrong hire. Solid fundamentals.", IVS_VERDICT_PASS},
    {"Result: pass", IVS_VERDICT_PASS},
    {"面评：推荐", IVS_VERDICT_PASS},
    {"**结论**：通过（建议 P6）", IVS_VERDICT_PASS},
    {"## 总结\n\n综合来看可以录用。", IVS_VERDICT_PASS},
    {"问了 Redis。\n最终结论是通过。", IVS_VERDICT_PASS},
    {"| 结论 | 通过 |", IVS_VERDICT_PASS},
    /* recommendations about the next round */
    {"推荐进入下一轮面试", IVS_VERDICT_PASS},
    {"总结：不建议进入下一轮", IVS_VERDICT_FAIL},
    {"面评：表达一般，暂不推荐进入终面。", IVS_VERDICT_FAIL},
    {"结论：基础扎实，建议进入二面面试", IVS_VERDICT_PASS},
    {"1. 二面\n问了项目。\n2. 三面", IVS_VERDICT_UNKNOWN},
    {"Outcome: Not selected", IVS_VERDICT_FAIL},
    {"问了很多。\n很多人一面就被刷了", IVS_VERDICT_UNKNOWN},
    /* pending */
    {"结果：Waitlist", IVS_VERDICT_PENDING},
    {"面试结果：候补", IVS_VERDICT_PENDING},
    {"评估结果：暂缓", IVS_VERDICT_PENDING},
    {"结论：待定", IVS_VERDICT_PENDING},
    {"总结：等通知", IVS_VERDICT_PENDING},
    {"Decision: hold", IVS_VERDICT_PENDING},
    {"Result: pending", IVS_VERDICT_PENDING},
    {"结论：再议", IVS_VERDICT_PENDING},
    {"总结：\n技术通过，待定。", IVS_VERDICT_PENDING},
    /* nothing */
    {"", IVS_VERDICT_UNKNOWN},
    {"\n\n\n", IVS_VERDICT_UNKNOWN},
};

START_TEST(test_verdict_table_case)
{
    const verdict_case_t *c = &verdict_cases[_i];
    ivs_verdict_t v = ivs_verdict_detect(c->text, strlen(c->text));
    ck_assert_msg(v == c->verdict, "\"%s\": %s, expected %s", c->text,
                  verdict_str(v), verdict_str(c->verdict));
}
END_TEST

START_TEST(test_verdict_tongguo_as_via_is_not_a_verdict)
{
    static const char text[] =
        "5. 咨询了上报协议\n通过http发送json或者protobuf，失败时重试\n"
        "6. 项目亮点\n通过 golang 实现, 通过容器化部署";
    ck_assert_int_eq(ivs_verdict_detect(text, sizeof text - 1),
                     IVS_VERDICT_UNKNOWN);
}
END_TEST

START_TEST(test_verdict_test_result_in_sample_record_4_is_not_the_verdict)
{
    recs_t R;
    char *text;
    parse_fixture(SAMPLE, &R, &text);
    const rec_t *r4 = &R.items[3];
    ck_assert(memmem(r4->text, r4->text_len, "测试用例均通过", 21) != NULL);
    /* Without its summary, record 4 has no verdict. */
    const char *summary = memmem(r4->text, r4->text_len, "总结：", 9);
    ck_assert_ptr_nonnull(summary);
    ck_assert_int_eq(ivs_verdict_detect(r4->text, (size_t)(summary - r4->text)),
                     IVS_VERDICT_UNKNOWN);
    ck_assert_int_eq(r4->verdict, IVS_VERDICT_PASS);
    recs_free(&R);
    free(text);
}
END_TEST

START_TEST(test_verdict_question_line_in_sample_record_1_is_not_the_verdict)
{
    recs_t R;
    char *text;
    parse_fixture(SAMPLE, &R, &text);
    const rec_t *r1 = &R.items[0];
    const char *q = memmem(r1->text, r1->text_len, "未能通过测试", 18);
    ck_assert_ptr_nonnull(q);
    /* Cut just after that question: it is then among the closing lines. */
    const char *eol = memchr(q, '\n', r1->text_len - (size_t)(q - r1->text));
    ck_assert_ptr_nonnull(eol);
    ck_assert_int_eq(ivs_verdict_detect(r1->text, (size_t)(eol - r1->text)),
                     IVS_VERDICT_UNKNOWN);
    recs_free(&R);
    free(text);
}
END_TEST

START_TEST(test_verdict_fixture_records_match_their_expectations)
{
    recs_t R;
    char *text;
    parse_fixture(FIXTURE("verdict-traps.txt"), &R, &text);
    ck_assert_uint_ge(R.n, 30);
    for (size_t i = 0; i < R.n; i++) {
        const rec_t *r = &R.items[i];
        ck_assert(strncmp(r->text, "[expect ", 8) == 0);
        /* The bracket closed inside the title stays with it. */
        ck_assert(strncmp(r->title, "[expect ", 8) == 0);
        const char *name = r->text + 8;
        size_t k = strcspn(name, "]");
        char want[16] = "";
        ck_assert_uint_lt(k, sizeof want);
        memcpy(want, name, k);
        int expected = ivs_verdict_parse(want);
        ck_assert_int_ge(expected, 0);
        ck_assert_msg((int)r->verdict == expected, "record %zu (%.*s): %s",
                      i + 1, (int)strcspn(r->text, "\n"), r->text,
                      verdict_str(r->verdict));
    }
    recs_free(&R);
    free(text);
}
END_TEST

typedef struct {
    const char *name;
    int verdict;
} name_case_t;

static const name_case_t name_cases[] = {
    {"pass", IVS_VERDICT_PASS},
    {"PASS", IVS_VERDICT_PASS},
    {"Fail", IVS_VERDICT_FAIL},
    {"pending", IVS_VERDICT_PENDING},
    {"unknown", IVS_VERDICT_UNKNOWN},
    {"通过", IVS_VERDICT_PASS},
    {"不通过", IVS_VERDICT_FAIL},
    {"待定", IVS_VERDICT_PENDING},
    {"未知", IVS_VERDICT_UNKNOWN},
    {" pass ", IVS_VERDICT_PASS},
    {"ｐａｓｓ", IVS_VERDICT_PASS},
    {"hire", -1},
    {"", -1},
    {"passed", -1},
};

START_TEST(test_verdict_names_parse_in_english_and_chinese)
{
    ck_assert_int_eq(ivs_verdict_parse(name_cases[_i].name),
                     name_cases[_i].verdict);
}
END_TEST

START_TEST(test_verdict_names_round_trip)
{
    for (int v = IVS_VERDICT_UNKNOWN; v <= IVS_VERDICT_PENDING; v++)
        ck_assert_int_eq(ivs_verdict_parse(ivs_verdict_name(v)), v);
    ck_assert_str_eq(ivs_verdict_name(IVS_VERDICT_PASS), "pass");
    ck_assert_str_eq(ivs_verdict_name(IVS_VERDICT_FAIL), "fail");
    ck_assert_str_eq(ivs_verdict_name(IVS_VERDICT_PENDING), "pending");
    ck_assert_str_eq(ivs_verdict_name(IVS_VERDICT_UNKNOWN), "unknown");
    ck_assert_str_eq(ivs_verdict_name((ivs_verdict_t)42), "unknown");
    ck_assert_int_eq(ivs_verdict_parse(NULL), -1);
}
END_TEST

/* ---- topics -------------------------------------------------------------- */

START_TEST(test_topics_taxonomy_covers_a_backend_hiring_team)
{
    static const char *const ids[] = {
        "language",    "middleware", "network",      "algorithm", "database",
        "os",          "container",  "architecture", "patterns",  "project",
        "engineering", "experience", "softskills",   "other"};
    ck_assert_uint_eq(ivs_topics_count(taxonomy), sizeof ids / sizeof ids[0]);
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        ck_assert_str_eq(ivs_topics_id(taxonomy, i), ids[i]);
    ck_assert_ptr_null(ivs_topics_id(taxonomy, 99));
}
END_TEST

START_TEST(test_topics_ids_are_lowercase_ascii_with_both_names)
{
    for (size_t i = 0; i < ivs_topics_count(taxonomy); i++) {
        const char *id = ivs_topics_id(taxonomy, i);
        for (const char *p = id; *p; p++)
            ck_assert((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
                      *p == '-' || *p == '_');
        ck_assert_int_gt((int)strlen(ivs_topics_name_zh(taxonomy, i)), 0);
        ck_assert_int_gt((int)strlen(ivs_topics_name_en(taxonomy, i)), 0);
        ck_assert_str_eq(ivs_topics_resolve(taxonomy, id), id);
        ck_assert_str_eq(
            ivs_topics_resolve(taxonomy, ivs_topics_name_zh(taxonomy, i)), id);
        ck_assert_str_eq(
            ivs_topics_resolve(taxonomy, ivs_topics_name_en(taxonomy, i)), id);
    }
}
END_TEST

typedef struct {
    const char *heading;
    const char *topic;
} heading_case_t;

static const heading_case_t heading_cases[] = {
    {"语言", "language"},
    {"go 语言", "language"},
    {"Go语言:", "language"},
    {"一、语言", "language"},
    {"golang相关", "language"},
    {"中间件", "middleware"},
    {"二、中间件", "middleware"},
    {"## 中间件", "middleware"},
    {"中间件相关：", "middleware"},
    {"网络", "network"},
    {"**网络**", "network"},
    {"网络协议", "network"},
    {"计算机网络", "network"},
    {"算法", "algorithm"},
    {"算法题", "algorithm"},
    {"其他", "other"},
    {"设计模式", "patterns"},
    {"项目", "project"},
    {"项目亮点", "project"},
    {"容器", "container"},
    {"七，容器", "container"},
    {"k8s", "container"},
    {"K8S:", "container"},
    {"工程设计", "engineering"},
    {"技术栈", "experience"},
    {"工作经验", "experience"},
    {"数据库", "database"},
    {"MySQL", "database"},
    {"操作系统", "os"},
    {"Linux", "os"},
    {"系统设计", "architecture"},
    {"软技能", "softskills"},
    {"沟通能力", "softskills"},
    {"## 1. MySQL 索引使用有哪些注意事项呢？", "database"},
    {"索引有哪些优缺点？", "database"},
    {"（三）网络", "network"},
};

START_TEST(test_topics_section_heading_names_its_topic)
{
    const heading_case_t *c = &heading_cases[_i];
    const char *got =
        ivs_topics_for_heading(taxonomy, c->heading, strlen(c->heading));
    ck_assert_msg(got && strcmp(got, c->topic) == 0, "\"%s\": %s, expected %s",
                  c->heading, got ? got : "NULL", c->topic);
}
END_TEST

START_TEST(test_topics_headings_without_a_subject_have_no_topic)
{
    static const char *const headings[] = {"总结",         "面试总结", "一面",
                                           "感受",         "",         "## ",
                                           "背景介绍之外", "Google"};
    for (size_t i = 0; i < sizeof headings / sizeof headings[0]; i++) {
        const char *got =
            ivs_topics_for_heading(taxonomy, headings[i], strlen(headings[i]));
        if (strcmp(headings[i], "背景介绍之外") == 0)
            continue; /* contains an alias: may match */
        ck_assert_msg(got == NULL, "\"%s\" -> %s", headings[i], got);
    }
}
END_TEST

typedef struct {
    const char *name;
    const char *id; /* NULL: unknown */
} resolve_case_t;

static const resolve_case_t resolve_cases[] = {
    {"middleware", "middleware"},
    {"Middleware", "middleware"},
    {"中间件", "middleware"},
    {"ｍｉｄｄｌｅｗａｒｅ", "middleware"},
    {"MQ", "middleware"},
    {"Kubernetes", "container"},
    {"ｋ８ｓ", "container"},
    {"System Design", "architecture"},
    {"系统设计", "architecture"},
    {"os", "os"},
    {"操作系统", "os"},
    {"go语言", "language"},
    {"Go 语言", "language"},
    {"soft skills", "softskills"},
    {"frontend", NULL},
    {"中间", NULL},
    {"", NULL},
    {"kafka 丢失", NULL},
};

START_TEST(test_topics_resolve_ignores_case_width_and_spacing)
{
    const char *got = ivs_topics_resolve(taxonomy, resolve_cases[_i].name);
    if (resolve_cases[_i].id)
        ck_assert_msg(got && strcmp(got, resolve_cases[_i].id) == 0,
                      "\"%s\": %s", resolve_cases[_i].name, got ? got : "NULL");
    else
        ck_assert_msg(got == NULL, "\"%s\": %s", resolve_cases[_i].name, got);
    ck_assert_ptr_null(ivs_topics_resolve(taxonomy, NULL));
    ck_assert_ptr_null(ivs_topics_resolve(NULL, "middleware"));
}
END_TEST

typedef struct {
    const char *text;
    const char *topics;
} keyword_case_t;

static const keyword_case_t keyword_cases[] = {
    /* one weak keyword is no evidence; two are */
    {"聊了聊索引。\n", ""},
    {"聊了索引和事务。\n", "database"},
    /* one strong keyword is */
    {"聊了 mysql。\n", "database"},
    {"聊了 ＫＡＦＫＡ 的分区。\n", "middleware"},
    /* Latin keywords are whole words: no "go" in "google" */
    {"用 google 搜索了资料，又聊了 mongo。\n", ""},
    /* a keyword inside a longer one is not extra evidence */
    {"分布式锁怎么实现。\n", ""},
    {"tcp 三次握手与 udp 的区别。\n", "network"},
};

START_TEST(test_topics_content_keywords_need_real_evidence)
{
    recs_t R;
    parse_string(keyword_cases[_i].text, &R);
    ck_assert_uint_eq(R.n, 1);
    ck_assert_str_eq(R.items[0].topics, keyword_cases[_i].topics);
    recs_free(&R);
}
END_TEST

typedef struct {
    const char *content;
    ivs_status_t status;
    size_t line;
} taxonomy_case_t;

static const taxonomy_case_t taxonomy_cases[] = {
    {"zh: 语言\n", IVS_ERR_INPUT, 1},
    {"[Bad]\nzh: 甲\nen: A\n", IVS_ERR_INPUT, 1},
    {"[a]\nzh: 甲\nen: A\n[a]\nzh: 乙\nen: B\n", IVS_ERR_INPUT, 4},
    {"[a]\nzh: 甲\nen: A\n[b]\nzh: 乙\nen: B\naliases: x, 甲\n", IVS_ERR_INPUT,
     7},
    {"[a]\nzh: 甲\n", IVS_ERR_INPUT, 1},
    {"[a]\nzh: 甲\nen: A\ncolour: red\n", IVS_ERR_INPUT, 4},
    {"[a]\nzh: 甲\nen: A\njust words\n", IVS_ERR_INPUT, 4},
    {"[a]\nzh: 甲\nen: A\nzh: 乙\n", IVS_ERR_INPUT, 4},
    {"[a]\nzh: \xff\nen: A\n", IVS_ERR_INPUT, 2},
    {"# only comments\n\n", IVS_OK, 0},
    {"\xef\xbb\xbf[a]\r\nzh: 甲\r\nen: A\r\nkeywords: x，y、z\r\n", IVS_OK, 0},
};

START_TEST(test_topics_malformed_taxonomy_reports_its_line)
{
    char path[] = "/tmp/ivs-topics-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    const char *c = taxonomy_cases[_i].content;
    ck_assert_int_eq(write(fd, c, strlen(c)), (ssize_t)strlen(c));
    close(fd);
    ivs_topics_t *t = (ivs_topics_t *)&fd;
    size_t bad_line = 99;
    ivs_status_t st = ivs_topics_load(path, &t, &bad_line);
    unlink(path);
    ck_assert_int_eq(st, taxonomy_cases[_i].status);
    if (st == IVS_OK) {
        ck_assert_ptr_nonnull(t);
        ck_assert_uint_eq(bad_line, 0);
        ivs_topics_free(t);
    } else {
        ck_assert_ptr_null(t);
        ck_assert_uint_eq(bad_line, taxonomy_cases[_i].line);
    }
}
END_TEST

START_TEST(test_topics_missing_file_is_an_io_error)
{
    ivs_topics_t *t = NULL;
    size_t bad_line = 5;
    ck_assert_int_eq(
        ivs_topics_load(IVS_BUILD_DIR "/no/such/topics.txt", &t, &bad_line),
        IVS_ERR_IO);
    ck_assert_ptr_null(t);
    ivs_topics_free(NULL);
    ck_assert_uint_eq(ivs_topics_count(NULL), 0);
}
END_TEST

/* ---- Markdown: code fences and attributions ------------------------------ */

/* A code fence wherever notes put one; each block also holds a line that
 * would be a heading outside code. What follows must keep its headings. */
static const char *const fence_cases[] = {
    /* indented under a list item: the closing fence is indented too */
    "1. goroutine 和线程的区别\n   ```go\n   # 注释\n   ```\n",
    "1. goroutine 和线程的区别\n    ```go\n    # 注释\n    ```\n",
    "1. goroutine 和线程的区别\n\t```go\n\t# 注释\n\t```\n",
    "- goroutine 和线程的区别\n  ~~~sh\n  # 注释\n  ~~~\n",
    /* the closing fence less or more indented than the opening one */
    "1. goroutine 和线程的区别\n   ```go\n# 注释\n```\n",
    "```go\n# 注释\n     ```\n",
    /* longer fences, a shorter run inside */
    "1. 代码\n   ````md\n   ```\n   # 注释\n   ````\n",
    /* on the list item's own line */
    "- ```sh\n  # 注释\n  ```\n",
    "2. ```sh\n   # 注释\n   ```\n",
    /* inside a blockquote, closed or ended with the quote */
    "> ```sh\n> # 注释\n> ```\n",
    "> > ~~~\n> > # 注释\n> > ~~~\n",
    "> ```sh\n> # 注释\n\n说明\n",
    "> ```sh\n> # 注释\n\n说明\n```\n# 注释\n```\n",
    /* not fences: inline code on one line, and a fence nothing closes */
    "用 ```go build``` 编译\n",
    "1. goroutine 和线程的区别\n   ```go\n   go func() {}()\n",
};

START_TEST(test_archive_code_fences_anywhere_keep_later_headings)
{
    char buf[1024];
    snprintf(buf, sizeof buf,
             "## Go 语言\n\n%s\n## 操作系统\n\n进程和线程的区别\n\n"
             "## 网络\n\nTCP 三次握手\n",
             fence_cases[_i]);
    recs_t R;
    parse_string(buf, &R);
    ck_assert_uint_eq(R.n, 1);
    ck_assert_msg(!strcmp(R.items[0].headings, "Go 语言|操作系统|网络"),
                  "case %d: headings %s", _i, R.items[0].headings);
    ck_assert_str_eq(R.items[0].section_topics, "language|os|network");
    ck_assert_str_eq(R.items[0].topics, "language network os");
    recs_free(&R);
}
END_TEST

START_TEST(test_archive_fixture_with_fences_in_list_items_keeps_its_sections)
{
    recs_t R;
    char *text;
    parse_fixture(FIXTURE("archive-fences.md"), &R, &text);
    ck_assert_uint_eq(R.n, 1);
    ck_assert_str_eq(R.items[0].title, "Go 后端面试题");
    ck_assert_str_eq(R.items[0].headings,
                     "Go 后端面试题|Go 语言|操作系统|进程和线程的区别|网络");
    ck_assert_str_eq(R.items[0].section_topics,
                     "language|language|os|os|network");
    /* 操作系统 starts at its own line, not inside the Go section */
    const char *os = strstr(R.items[0].text, "## 操作系统");
    ck_assert_ptr_nonnull(os);
    ck_assert_uint_eq(R.items[0].section_start[2],
                      (size_t)(os - R.items[0].text));
    recs_free(&R);
    free(text);
}
END_TEST

/* A line naming where the notes come from or who wrote them, then the
 * notes: the title is the notes' first line. */
static const struct {
    const char *first, *title;
} attribution_cases[] = {
    {"来源：https://example.com/post/123", "Kafka 消息丢失的三种场景"},
    {"来源: 掘金", "Kafka 消息丢失的三种场景"},
    {"原文链接：https://example.com/a", "Kafka 消息丢失的三种场景"},
    {"原文链接 https://example.com/a", "Kafka 消息丢失的三种场景"},
    {"[原文链接](https://example.com/a)", "Kafka 消息丢失的三种场景"},
    {"**来源**：知乎", "Kafka 消息丢失的三种场景"},
    {"> 来源：https://example.com", "Kafka 消息丢失的三种场景"},
    {"Source: https://example.com/post", "Kafka 消息丢失的三种场景"},
    {"source : Medium", "Kafka 消息丢失的三种场景"},
    {"Author: Li Lei", "Kafka 消息丢失的三种场景"},
    {"作者：韩梅梅", "Kafka 消息丢失的三种场景"},
    {"作者：韩梅梅  链接：https://example.com/b", "Kafka 消息丢失的三种场景"},
    {"本文转载自某公众号", "Kafka 消息丢失的三种场景"},
    {"著作权归作者所有。商业转载请联系作者获得授权。",
     "Kafka 消息丢失的三种场景"},
    {"https://example.com/post/123", "Kafka 消息丢失的三种场景"},
    {"<https://example.com/post/123>", "Kafka 消息丢失的三种场景"},
    /* words that only start like an attribution are a title */
    {"来源于生产环境的一次 Kafka 故障", "来源于生产环境的一次 Kafka 故障"},
    {"Sourcemap 调试的面试题", "Sourcemap 调试的面试题"},
    {"作者的项目经历", "作者的项目经历"},
};

START_TEST(test_archive_attribution_lines_are_never_the_title)
{
    char buf[512];
    snprintf(buf, sizeof buf,
             "%s\n\nKafka 消息丢失的三种场景\n生产者 acks=all\n"
             "消费者先处理再提交位移\n",
             attribution_cases[_i].first);
    recs_t R;
    parse_string(buf, &R);
    ck_assert_uint_eq(R.n, 1);
    ck_assert_msg(!strcmp(R.items[0].title, attribution_cases[_i].title),
                  "case %d: title %s", _i, R.items[0].title);
    recs_free(&R);

    /* and before a Markdown heading, the heading is the title */
    snprintf(buf, sizeof buf, "%s\n\n# Go 面试题\n\n## Go 语言\n\n问了 GMP。\n",
             attribution_cases[_i].first);
    parse_string(buf, &R);
    ck_assert_uint_eq(R.n, 1);
    if (strcmp(attribution_cases[_i].title, "Kafka 消息丢失的三种场景") == 0)
        ck_assert_msg(!strcmp(R.items[0].title, "Go 面试题"),
                      "case %d: title %s", _i, R.items[0].title);
    recs_free(&R);
}
END_TEST

START_TEST(test_archive_attributions_alone_still_give_a_title)
{
    recs_t R;
    parse_string("来源：https://example.com/a\n作者：张三\n", &R);
    ck_assert_uint_eq(R.n, 1);
    ck_assert_str_eq(R.items[0].title, "来源：https://example.com/a");
    recs_free(&R);
}
END_TEST

/* ---- suites -------------------------------------------------------------- */

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static Suite *
decode_suite(void)
{
    Suite *s = suite_create("decode");
    TCase *tc = tcase_create("encodings");
    tcase_add_loop_test(
        tc, test_decode_every_encoding_yields_the_same_utf8_text_with_lf, 0,
        N(same_text_fixtures));
    tcase_add_test(tc, test_decode_gbk_is_detected_and_converted);
    tcase_add_test(tc, test_decode_gb18030_four_byte_sequences_convert);
    tcase_add_unchecked_fixture(tc, load_taxonomy, free_taxonomy);
    tcase_add_loop_test(tc,
                        test_decode_encoded_fixtures_parse_like_the_utf8_one, 0,
                        N(same_text_fixtures));
    tcase_add_test(tc, test_decode_lone_cr_and_crlf_become_lf);
    suite_add_tcase(s, tc);

    tc = tcase_create("errors");
    tcase_add_unchecked_fixture(tc, load_taxonomy, free_taxonomy);
    tcase_add_loop_test(tc, test_decode_bad_files_fail_with_a_reason, 0,
                        N(bad_files));
    tcase_add_test(tc, test_decode_a_nul_byte_makes_a_file_binary);
    tcase_add_test(tc, test_decode_many_control_bytes_make_a_file_binary);
    tcase_add_test(tc, test_decode_utf16_with_nul_characters_is_binary);
    tcase_add_test(tc, test_decode_invalid_utf8_after_a_bom_is_rejected);
    tcase_add_test(
        tc, test_decode_overlong_and_surrogate_utf8_are_not_passed_through);
    tcase_add_test(tc, test_decode_empty_and_bom_only_input_is_empty_text);
    tcase_add_test(tc, test_decode_any_bytes_never_crash_and_yield_valid_utf8);
    suite_add_tcase(s, tc);
    return s;
}

static Suite *
archive_suite(void)
{
    Suite *s = suite_create("archive");
    TCase *tc = tcase_create("sample");
    tcase_add_unchecked_fixture(tc, load_taxonomy, free_taxonomy);
    tcase_add_test(tc, test_sample_archive_has_seven_records_split_at_markers);
    tcase_add_loop_test(tc, test_sample_record_has_its_verdict, 0, 7);
    tcase_add_loop_test(
        tc, test_sample_record_has_its_section_headings_and_topics, 0, 7);
    tcase_add_loop_test(tc, test_sample_record_title_is_its_first_content_line,
                        0, 7);
    tcase_add_test(tc, test_sample_sections_start_at_their_heading_lines);
    tcase_add_test(tc, test_sample_is_parsed_the_same_way_twice);
    suite_add_tcase(s, tc);

    tc = tcase_create("formats");
    tcase_add_unchecked_fixture(tc, load_taxonomy, free_taxonomy);
    tcase_add_test(
        tc, test_archive_markdown_interviews_under_repeated_headings_split);
    tcase_add_test(tc, test_archive_rules_split_interviews_after_front_matter);
    tcase_add_test(
        tc, test_archive_front_matter_titles_and_dates_a_single_interview);
    tcase_add_test(tc, test_archive_generic_markdown_article_is_one_record);
    tcase_add_test(tc, test_archive_candidate_blocks_split_interviews);
    tcase_add_test(tc, test_archive_single_interview_file_is_one_record);
    tcase_add_test(tc,
                   test_archive_whitespace_and_bare_markers_yield_no_records);
    tcase_add_test(
        tc,
        test_archive_headings_lose_numbering_and_question_lines_are_not_headings);
    tcase_add_test(tc, test_archive_marker_headings_title_their_records);
    tcase_add_test(tc, test_archive_closing_evaluation_marker_does_not_split);
    tcase_add_test(tc, test_archive_markers_inside_code_blocks_are_ignored);
    tcase_add_test(tc, test_archive_title_is_cut_on_a_character_boundary);
    tcase_add_test(tc, test_archive_callback_value_stops_parsing);
    tcase_add_test(tc, test_archive_without_a_taxonomy_has_no_topics);
    tcase_add_loop_test(tc, test_archive_date_lines_give_iso_dates, 0,
                        N(date_cases));
    suite_add_tcase(s, tc);

    tc = tcase_create("markdown");
    tcase_add_unchecked_fixture(tc, load_taxonomy, free_taxonomy);
    tcase_add_loop_test(tc,
                        test_archive_code_fences_anywhere_keep_later_headings,
                        0, N(fence_cases));
    tcase_add_test(
        tc, test_archive_fixture_with_fences_in_list_items_keeps_its_sections);
    tcase_add_loop_test(tc, test_archive_attribution_lines_are_never_the_title,
                        0, N(attribution_cases));
    tcase_add_test(tc, test_archive_attributions_alone_still_give_a_title);
    suite_add_tcase(s, tc);

    tc = tcase_create("limits");
    tcase_set_timeout(tc, 300);
    tcase_add_unchecked_fixture(tc, load_taxonomy, free_taxonomy);
    tcase_add_test(tc,
                   test_limits_a_50_mb_single_line_decodes_and_parses_linearly);
    tcase_add_test(tc,
                   test_limits_many_short_lines_and_repeated_markers_stay_fast);
    tcase_add_test(tc, test_limits_random_utf8_never_breaks_record_invariants);
    suite_add_tcase(s, tc);
    return s;
}

static Suite *
verdict_suite(void)
{
    Suite *s = suite_create("verdict");
    TCase *tc = tcase_create("traps");
    tcase_add_unchecked_fixture(tc, load_taxonomy, free_taxonomy);
    tcase_add_loop_test(tc, test_verdict_table_case, 0, N(verdict_cases));
    tcase_add_test(tc, test_verdict_tongguo_as_via_is_not_a_verdict);
    tcase_add_test(
        tc, test_verdict_test_result_in_sample_record_4_is_not_the_verdict);
    tcase_add_test(
        tc, test_verdict_question_line_in_sample_record_1_is_not_the_verdict);
    tcase_add_test(tc, test_verdict_fixture_records_match_their_expectations);
    suite_add_tcase(s, tc);

    tc = tcase_create("names");
    tcase_add_loop_test(tc, test_verdict_names_parse_in_english_and_chinese, 0,
                        N(name_cases));
    tcase_add_test(tc, test_verdict_names_round_trip);
    suite_add_tcase(s, tc);
    return s;
}

static Suite *
topics_suite(void)
{
    Suite *s = suite_create("topics");
    TCase *tc = tcase_create("taxonomy");
    tcase_add_unchecked_fixture(tc, load_taxonomy, free_taxonomy);
    tcase_add_test(tc, test_topics_taxonomy_covers_a_backend_hiring_team);
    tcase_add_test(tc, test_topics_ids_are_lowercase_ascii_with_both_names);
    tcase_add_loop_test(tc, test_topics_section_heading_names_its_topic, 0,
                        N(heading_cases));
    tcase_add_test(tc, test_topics_headings_without_a_subject_have_no_topic);
    tcase_add_loop_test(tc, test_topics_resolve_ignores_case_width_and_spacing,
                        0, N(resolve_cases));
    tcase_add_loop_test(tc, test_topics_content_keywords_need_real_evidence, 0,
                        N(keyword_cases));
    suite_add_tcase(s, tc);

    tc = tcase_create("errors");
    tcase_add_loop_test(tc, test_topics_malformed_taxonomy_reports_its_line, 0,
                        N(taxonomy_cases));
    tcase_add_test(tc, test_topics_missing_file_is_an_io_error);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(decode_suite());
    srunner_add_suite(sr, archive_suite());
    srunner_add_suite(sr, verdict_suite());
    srunner_add_suite(sr, topics_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

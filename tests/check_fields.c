/* Tests of the interview fields (candidate, role, round, interviewer,
 * date) as the archive parser reads them, of their keys, and of the
 * verdict phrasings people write (tests/fixtures/verdict-phrasings.tsv). */
#define _GNU_SOURCE
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ivs/record.h"
#include "ivs/schema.h"
#include "record_internal.h"
#include "verdict_model_checks.inc"

#define FIXTURE(name) IVS_FIXTURES "/" name

/* The fields of one parsed record, copied. */
typedef struct {
    char *title, *candidate, *role, *round, *interviewer, *date;
    ivs_verdict_t verdict;
} fields_t;

typedef struct {
    fields_t items[16];
    size_t n;
} parsed_t;

static char *
dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static int
collect(void *ctx, const ivs_record_t *r)
{
    parsed_t *P = ctx;
    ck_assert_uint_lt(P->n, 16);
    fields_t *f = &P->items[P->n++];
    f->title = dup_or_null(r->title);
    f->candidate = dup_or_null(r->candidate);
    f->role = dup_or_null(r->role);
    f->round = dup_or_null(r->round);
    f->interviewer = dup_or_null(r->interviewer);
    f->date = dup_or_null(r->date);
    f->verdict = r->verdict;
    return 0;
}

static void
parse(const char *source, const char *text, parsed_t *P)
{
    memset(P, 0, sizeof *P);
    ck_assert_int_eq(
        ivs_archive_parse(NULL, source, text, strlen(text), collect, P), 0);
}

static void
parsed_free(parsed_t *P)
{
    for (size_t i = 0; i < P->n; i++) {
        fields_t *f = &P->items[i];
        free(f->title);
        free(f->candidate);
        free(f->role);
        free(f->round);
        free(f->interviewer);
        free(f->date);
    }
}

/* GOT is WANT (both NULL: none). */
static void
check_field(const char *got, const char *want, int line)
{
    if (!want)
        ck_assert_msg(!got, "line %d: got '%s', expected none", line, got);
    else
        ck_assert_msg(got && !strcmp(got, want),
                      "line %d: got '%s', expected '%s'", line,
                      got ? got : "(none)", want);
}
#define ck_assert_field(got, want) check_field((got), (want), __LINE__)

/* ---- header lines -------------------------------------------------------- */

static const char ats_blocks[] =
    "面试记录\n候选人：张三\n应聘岗位：Go 后端\n轮次：二面\n面试官：李四\n"
    "面试时间：2024-07-12\n\n评价：\n基础扎实。\n\n结论：Strong Hire\n\n"
    "面试记录\n姓名：王芳\nPosition: Java Engineer\nRound: Round 3\n"
    "Interviewer: Alice Wang\nDate: 2024/7/2\n\n评价：\n一般。\n\n"
    "结论：No Hire\n";

START_TEST(test_fields_header_lines_give_every_field)
{
    parsed_t P;
    parse("ats.txt", ats_blocks, &P);
    ck_assert_uint_eq(P.n, 2);
    ck_assert_field(P.items[0].candidate, "张三");
    ck_assert_field(P.items[0].role, "Go 后端");
    ck_assert_field(P.items[0].round, "二面");
    ck_assert_field(P.items[0].interviewer, "李四");
    ck_assert_field(P.items[0].date, "2024-07-12");
    ck_assert_int_eq(P.items[0].verdict, IVS_VERDICT_PASS);
    ck_assert_field(P.items[1].candidate, "王芳");
    ck_assert_field(P.items[1].role, "Java Engineer");
    ck_assert_field(P.items[1].round, "三面");
    ck_assert_field(P.items[1].interviewer, "Alice Wang");
    ck_assert_field(P.items[1].date, "2024-07-02");
    ck_assert_int_eq(P.items[1].verdict, IVS_VERDICT_FAIL);
    parsed_free(&P);
}
END_TEST

START_TEST(test_fields_dialogue_lines_are_not_an_interviewer)
{
    parsed_t P;
    parse("talk.md",
          "# 一次面试\n\n面试官：说说 redis 的持久化？\n我：RDB 和 AOF。\n"
          "面试官：好的，那 kafka 呢\n面试官：自我介绍一下\n"
          "面试官：那你讲讲 GMP\n面试官：Kafka\n面试官：Redis\n",
          &P);
    ck_assert_uint_eq(P.n, 1);
    ck_assert_field(P.items[0].interviewer, NULL);
    parsed_free(&P);
    /* A name with a remark is one */
    parse("b.md", "面试官：李四（技术总监）\n\n1. 问题\n", &P);
    ck_assert_field(P.items[0].interviewer, "李四（技术总监）");
    parsed_free(&P);
}
END_TEST

START_TEST(test_fields_round_comes_from_a_bare_line_or_the_title)
{
    parsed_t P;
    parse("a.md", "二面\n\n1. 讲讲 GMP\n答得还行。\n", &P);
    ck_assert_field(P.items[0].round, "二面");
    parsed_free(&P);
    parse("b.md", "# 字节跳动 Go 后端 HR 面面经\n\n1. 期望薪资\n", &P);
    ck_assert_field(P.items[0].round, "HR面");
    parsed_free(&P);
    parse("c.md", "# 腾讯终面记录\n\n1. 职业规划\n", &P);
    ck_assert_field(P.items[0].round, "终面");
    parsed_free(&P);
    /* "另一面" is no round; a record of several rounds has none. */
    parse("d.md", "# 技术的另一面\n\n正文。\n", &P);
    ck_assert_field(P.items[0].round, NULL);
    parsed_free(&P);
    parse("e.md", "# 面经\n\n## 一面\n1. 问题\n\n## 二面\n1. 问题\n", &P);
    ck_assert_uint_eq(P.n, 1);
    ck_assert_field(P.items[0].round, NULL);
    parsed_free(&P);
}
END_TEST

/* ---- rounds -------------------------------------------------------------- */

static const struct {
    const char *text, *round;
} round_cases[] = {
    {"一面", "一面"},         {"二面", "二面"},
    {"2面", "二面"},          {"第二轮", "二面"},
    {"第3轮面试", "三面"},    {"二面面试", "二面"},
    {"## 三面", "三面"},      {"四面：", "四面"},
    {"Round 2", "二面"},      {"round-1", "一面"},
    {"R3", "三面"},           {"final", "终面"},
    {"Final Round", "终面"},  {"onsite", "终面"},
    {"终面", "终面"},         {"HR面", "HR面"},
    {"hr 面", "HR面"},        {"HR", "HR面"},
    {"初面", "一面"},         {"复试", "二面"},
    {"Phone Screen", "一面"}, {"交叉面", NULL},
    {"面试", NULL},           {"二面的题", NULL},
    {"roundup", NULL},        {"", NULL},
};

START_TEST(test_fields_rounds_are_normalised)
{
    const char *got =
        ivs_round_parse(round_cases[_i].text, strlen(round_cases[_i].text));
    ck_assert_field(got, round_cases[_i].round);
}
END_TEST

/* ---- dates --------------------------------------------------------------- */

static const struct {
    const char *text, *date;
} date_cases[] = {
    {"2024-07-12", "2024-07-12"},
    {"2024/7/12", "2024-07-12"},
    {"2024.7.2 20:00", "2024-07-02"},
    {"2024年7月12日 下午", "2024-07-12"},
    {"2024-02-30", NULL},
    {"2023-02-29", NULL},
    {"2024-02-29", "2024-02-29"},
    {"2024-7/12", NULL},
    {"12024-07-12", NULL},
    {"7月12日", NULL},
};

START_TEST(test_fields_full_dates_in_the_forms_people_write)
{
    char out[11] = "";
    int found =
        ivs_date_parse(date_cases[_i].text, strlen(date_cases[_i].text), out);
    ck_assert_field(found ? out : NULL, date_cases[_i].date);
}
END_TEST

START_TEST(test_fields_month_day_takes_the_year_from_its_context)
{
    parsed_t P;
    /* the title's year */
    parse("a.md", "# 2023 秋招 美团一面\n\n面试时间：9月3日\n\n1. 问题\n", &P);
    ck_assert_field(P.items[0].date, "2023-09-03");
    parsed_free(&P);
    /* the file's previous record */
    parse("b.txt",
          "面试记录\n候选人：甲\n日期：2022-05-01\n内容\n\n"
          "面试记录\n候选人：乙\n日期：6月2号\n内容\n",
          &P);
    ck_assert_uint_eq(P.n, 2);
    ck_assert_field(P.items[1].date, "2022-06-02");
    parsed_free(&P);
    /* the file name */
    parse("notes/面经-2021.md", "面试时间：3月8日\n\n1. 问题\n", &P);
    ck_assert_field(P.items[0].date, "2021-03-08");
    parsed_free(&P);
    /* nothing tells the year: no date rather than a guess */
    parse("notes/x.md", "面试时间：3月8日\n\n1. 问题\n", &P);
    ck_assert_field(P.items[0].date, NULL);
    parsed_free(&P);
}
END_TEST

START_TEST(test_fields_date_bounds_of_years_and_months)
{
    char out[11];
    ck_assert(ivs_date_bound("2024", 0, out));
    ck_assert_str_eq(out, "2024-01-01");
    ck_assert(ivs_date_bound("2024", 1, out));
    ck_assert_str_eq(out, "2024-12-31");
    ck_assert(ivs_date_bound("2024-02", 1, out));
    ck_assert_str_eq(out, "2024-02-29");
    ck_assert(ivs_date_bound("2023年2月", 1, out));
    ck_assert_str_eq(out, "2023-02-28");
    ck_assert(ivs_date_bound(" 2024/7/12 ", 0, out));
    ck_assert_str_eq(out, "2024-07-12");
    ck_assert(!ivs_date_bound("2024-13", 0, out));
    ck_assert(!ivs_date_bound("yesterday", 0, out));
    ck_assert(!ivs_date_bound("", 1, out));
}
END_TEST

/* ---- keys ---------------------------------------------------------------- */

START_TEST(test_fields_keys_ignore_case_width_and_spaces_next_to_chinese)
{
    static const char *const same[] = {"Go 后端", "go后端", "ＧＯ　后端",
                                       " go  后端 "};
    char *first = ivs_field_key(same[0], strlen(same[0]));
    ck_assert_str_eq(first, "go后端");
    for (size_t i = 1; i < 4; i++) {
        char *k = ivs_field_key(same[i], strlen(same[i]));
        ck_assert_str_eq(k, first);
        free(k);
    }
    free(first);
    char *k = ivs_field_key("Alice  Wang", 11);
    ck_assert_str_eq(k, "alice wang");
    free(k);
    k = ivs_field_key("a,b", 3);
    ck_assert_str_eq(k, "a b");
    free(k);
}
END_TEST

/* ---- verdict phrasings --------------------------------------------------- */

typedef struct {
    char expected[16], side[16], script[8], where[8];
    char *phrase;
    const char *set; /* the fixture it comes from */
} phrasing_t;

/* The phrasing sets written beside the rules (verdict-phrasings,
 * verdict-lexicon3) and the held-out sets, each measured before rules were
 * changed for it (bench/verdict/README.md). */
static const char *const phrasing_files[] = {
    "verdict-phrasings.tsv", "verdict-heldout.tsv", "verdict-heldout2.tsv",
    "verdict-heldout3.tsv", "verdict-heldout4.tsv", "verdict-heldout5.tsv",
    "verdict-heldout6.tsv", "verdict-heldout7.tsv", "verdict-heldout8.tsv",
    "verdict-lexicon3.tsv", "verdict-lexicon4.tsv", "verdict-lexicon5.tsv",
    "verdict-natural10.tsv", "verdict-natural11.tsv", "verdict-natural12.tsv",
    "verdict-lexicon-natural.tsv", "verdict-heldout9.tsv",
    "verdict-natural13.tsv", "verdict-natural14.tsv", "verdict-lexicon6.tsv",
    "verdict-natural15.tsv", "verdict-natural16.tsv", "verdict-lexicon7.tsv",
    /* the natural sets of sessions 11 and 12 that are read whole (the
     * others have lines no rule or model reading gets yet:
     * bench/verdict/README.md) */
    "verdict-natural17.tsv", "verdict-natural19.tsv", "verdict-natural21.tsv",
    "verdict-natural22.tsv", "verdict-natural24.tsv", "verdict-natural25.tsv",
    "verdict-natural26.tsv", "verdict-natural27.tsv", "verdict-natural20.tsv",
    "verdict-natural30.tsv", "verdict-natural33.tsv", "verdict-natural34.tsv",
    "verdict-natural35.tsv", "verdict-natural36.tsv", "verdict-natural37.tsv",
    "verdict-natural38.tsv", "verdict-natural39.tsv", "verdict-natural40.tsv",
    "verdict-natural43.tsv", "verdict-natural44.tsv", "verdict-natural45.tsv",
    "verdict-natural47.tsv", "verdict-natural48.tsv", "verdict-natural41.tsv",
    /* session 13 */
    "verdict-natural50.tsv", "verdict-natural51.tsv", "verdict-natural52.tsv",
    "verdict-natural53.tsv", "verdict-natural54.tsv", "verdict-natural55.tsv",
    "verdict-natural56.tsv", "verdict-natural57.tsv", "verdict-natural58.tsv",
    "verdict-natural59.tsv", "verdict-natural60.tsv", "verdict-natural61.tsv",
    "verdict-natural62.tsv", "verdict-natural63.tsv", "verdict-natural64.tsv",
    "verdict-natural65.tsv", "verdict-natural66.tsv", "verdict-natural73.tsv",
    "verdict-natural74.tsv", "verdict-natural75.tsv", "verdict-natural76.tsv",
    "verdict-natural77.tsv", "verdict-natural78.tsv", "verdict-natural80.tsv",
    "verdict-natural81.tsv", "verdict-natural82.tsv", "verdict-natural83.tsv",
    "verdict-natural84.tsv", "verdict-natural91.tsv", "verdict-natural92.tsv",
    "verdict-natural93.tsv", "verdict-natural94.tsv", "verdict-natural96.tsv",
    "verdict-natural97.tsv", "verdict-natural98.tsv", "verdict-natural99.tsv",
    "verdict-natural102.tsv",
    /* session 14 */
    "verdict-natural67.tsv", "verdict-natural69.tsv", "verdict-natural71.tsv",
    "verdict-natural103.tsv", "verdict-natural104.tsv",
    "verdict-natural105.tsv", "verdict-natural106.tsv",
    "verdict-natural107.tsv", "verdict-natural109.tsv",
    "verdict-natural110.tsv", "verdict-natural111.tsv",
    "verdict-natural112.tsv", "verdict-natural113.tsv",
    "verdict-natural114.tsv", "verdict-natural115.tsv",
    "verdict-natural116.tsv", "verdict-natural118.tsv",
    "verdict-natural120.tsv", "verdict-natural122.tsv",
    "verdict-natural123.tsv", "verdict-natural124.tsv",
    "verdict-natural125.tsv", "verdict-natural127.tsv",
    "verdict-natural128.tsv", "verdict-natural129.tsv",
    "verdict-natural130.tsv", "verdict-natural131.tsv",
    "verdict-natural132.tsv", "verdict-natural133.tsv",
    "verdict-natural134.tsv", "verdict-natural135.tsv",
    "verdict-natural136.tsv", "verdict-natural137.tsv",
    "verdict-natural139.tsv", "verdict-natural140.tsv",
    "verdict-natural141.tsv", "verdict-natural142.tsv",
    "verdict-natural143.tsv", "verdict-natural144.tsv",
    "verdict-natural145.tsv", "verdict-natural146.tsv",
    "verdict-natural147.tsv", "verdict-natural148.tsv",
    "verdict-natural149.tsv", "verdict-natural150.tsv",
    "verdict-natural151.tsv", "verdict-natural153.tsv",
    "verdict-natural154.tsv", "verdict-natural155.tsv",
    "verdict-natural156.tsv", "verdict-natural157.tsv",
    "verdict-natural158.tsv", "verdict-natural159.tsv",
    "verdict-natural160.tsv", "verdict-natural161.tsv",
    "verdict-natural162.tsv", "verdict-natural163.tsv",
    "verdict-natural164.tsv", "verdict-natural165.tsv",
    "verdict-natural166.tsv", "verdict-natural167.tsv",
    "verdict-natural168.tsv"};

#define PHRASINGS_MAX 14000
static phrasing_t phrasings[PHRASINGS_MAX];
static size_t n_phrasings;

/* Unescapes "\n" in S in place. */
static void
unescape(char *s)
{
    char *o = s;
    for (; *s; s++) {
        if (s[0] == '\\' && s[1] == 'n') {
            *o++ = '\n';
            s++;
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
}

static void
load_phrasing_file(const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", IVS_FIXTURES, name);
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "%s: cannot open", path);
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        line[strcspn(line, "\n")] = '\0';
        phrasing_t *p = &phrasings[n_phrasings];
        char *fields[5], *save = NULL, *tok = strtok_r(line, "\t", &save);
        int k = 0;
        for (; tok && k < 5; tok = strtok_r(NULL, "\t", &save))
            fields[k++] = tok;
        ck_assert_int_eq(k, 5);
        snprintf(p->expected, sizeof p->expected, "%s", fields[0]);
        snprintf(p->side, sizeof p->side, "%s", fields[1]);
        snprintf(p->script, sizeof p->script, "%s", fields[2]);
        snprintf(p->where, sizeof p->where, "%s", fields[3]);
        p->phrase = strdup(fields[4]);
        p->set = name;
        unescape(p->phrase);
        ck_assert_uint_lt(++n_phrasings, PHRASINGS_MAX);
    }
    free(line);
    fclose(f);
}

static void
load_phrasings(void)
{
    for (size_t i = 0; i < sizeof phrasing_files / sizeof phrasing_files[0];
         i++)
        load_phrasing_file(phrasing_files[i]);
}

static void
free_phrasings(void)
{
    for (size_t i = 0; i < n_phrasings; i++)
        free(phrasings[i].phrase);
    n_phrasings = 0;
}

START_TEST(test_fields_phrasing_set_covers_both_scripts_sides_and_traps)
{
    size_t trad = 0, candidate = 0, interviewer = 0, traps = 0, names = 0;
    for (size_t i = 0; i < n_phrasings; i++) {
        trad += !strcmp(phrasings[i].script, "trad");
        candidate += !strcmp(phrasings[i].side, "candidate");
        interviewer += !strcmp(phrasings[i].side, "interviewer");
        traps += !strcmp(phrasings[i].expected, "unknown");
        names += strcmp(phrasings[i].where, "text") != 0;
    }
    ck_assert_uint_ge(n_phrasings, 260);
    ck_assert_uint_ge(trad, 10);
    ck_assert_uint_ge(candidate, 20);
    ck_assert_uint_ge(interviewer, 20);
    ck_assert_uint_ge(traps, 10);
    ck_assert_uint_ge(names, 15);
}
END_TEST

/* Each phrasing where it stands: at the end of notes that open with a
 * question and its answer, in their middle (more questions after it), as
 * their title, or as their file name. */
START_TEST(test_fields_each_phrasing_gives_its_verdict)
{
    static const char body[] = "1. 讲讲 redis 的持久化\n答了 RDB 和 AOF。\n";
    static const char more[] = "2. 讲讲 MySQL 的索引\n答了 B+ 树和最左前缀。\n"
                               "3. TCP 三次握手\n讲了 SYN 和 ACK。\n"
                               "4. 手撕：反转链表\n写出来了。\n";
    char *text = NULL, *source = NULL;
    size_t wrong = 0;
    for (size_t i = 0; i < n_phrasings; i++) {
        const phrasing_t *p = &phrasings[i];
        int ok = 0;
        if (!strcmp(p->where, "title")) {
            ok = asprintf(&text, "# %s\n\n%s", p->phrase, body) > 0 &&
                 asprintf(&source, "notes/a.md") > 0;
        } else if (!strcmp(p->where, "file")) {
            /* a name written with a text extension is the file's name
             * ("张三_二面_hold.txt"), as bench/verdict/table.py makes it */
            size_t pl = strlen(p->phrase);
            int named =
                (pl > 3 && !strcasecmp(p->phrase + pl - 3, ".md")) ||
                (pl > 4 && !strcasecmp(p->phrase + pl - 4, ".txt")) ||
                (pl > 9 && !strcasecmp(p->phrase + pl - 9, ".markdown"));
            ok = asprintf(&text, "%s", body) > 0 &&
                 asprintf(&source, named ? "notes/%s" : "notes/%s.md",
                          p->phrase) > 0;
        } else if (!strcmp(p->where, "mid")) {
            ok = asprintf(&text, "%s%s\n%s", body, p->phrase, more) > 0 &&
                 asprintf(&source, "notes/a.md") > 0;
        } else {
            ok = asprintf(&text, "%s%s\n", body, p->phrase) > 0 &&
                 asprintf(&source, "notes/a.md") > 0;
        }
        ck_assert(ok);
        parsed_t P;
        parse(source, text, &P);
        ck_assert_uint_eq(P.n, 1);
        if ((int)P.items[0].verdict != ivs_verdict_parse(p->expected)) {
            fprintf(stderr,
                    "%s: phrasing %zu (%s, %s): '%s' gave %s, "
                    "expected %s\n",
                    p->set, i + 1, p->side, p->where, p->phrase,
                    ivs_verdict_name(P.items[0].verdict), p->expected);
            wrong++;
        }
        parsed_free(&P);
        free(text);
        free(source);
        text = source = NULL;
    }
    ck_assert_msg(wrong == 0, "%zu of %zu phrasings misread", wrong,
                  n_phrasings);
}
END_TEST

/* The statement model in C computes what data/verdict_model.py computed
 * for the units the generated file carries (spaces of every kind,
 * full-width and traditional forms, line breaks, a NUL): one feature
 * read otherwise would show here. */
START_TEST(test_fields_model_computes_what_its_trainer_computed)
{
    const struct model_check *c = &model_checks[_i];
    double p[4];
    ck_assert_int_eq(ivs_verdict_model_probabilities(c->unit, c->len, p), 0);
    for (int k = 0; k < 4; k++)
        ck_assert_msg(fabs(p[k] - c->p[k]) < 1e-6,
                      "check %d, verdict %d: %.9g, the trainer %.9g", _i, k,
                      p[k], c->p[k]);
}
END_TEST

/* Where the rules read nothing, the model is asked last, and only a sure
 * reading counts: lines about code and a bare label stay unknown. */
START_TEST(test_fields_model_reads_only_what_the_rules_leave)
{
    parsed_t P;
    /* a summary the rules read is not asked again */
    parse("notes/a.md", "1. 问题\n答了。\n总结：不通过\n", &P);
    ck_assert_int_eq(P.items[0].verdict, IVS_VERDICT_FAIL);
    parsed_free(&P);
    const char *const unknown[] = {
        "1. Kafka 如何保证消息不丢失\n通过 ack 和副本。\n结果\n",
        "1. 讲讲 select *\n目前已经被淘汰，不推荐使用。\n2. 索引\n答了。\n",
        "单测全部通过，覆盖率 80%。\n",
        /* 不过 as "but", 过 of a thing done before */
        "1. 问题\n答了。\n面评：不过整体还行\n2. 问题\n答了。\n3. "
        "问题\n答了。\n",
        "1. 问题\n答了。\n上面說過了\n2. 问题\n答了。\n3. 问题\n答了。\n",
    };
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        parse("notes/a.md", unknown[i], &P);
        ck_assert_msg(P.items[0].verdict == IVS_VERDICT_UNKNOWN, "'%s' gave %s",
                      unknown[i], ivs_verdict_name(P.items[0].verdict));
        parsed_free(&P);
    }
    /* a note that ends in a bullet without a line break (the iterator
     * once looked past it for the next line) */
    parse("notes/a.md", "1. 问题\n答了。\n- 二面挂了", &P);
    ck_assert_uint_eq(P.n, 1);
    ck_assert_int_eq(P.items[0].verdict, IVS_VERDICT_FAIL);
    parsed_free(&P);
    /* 过 at the start of a unit is no aspect of a verb before it */
    ivs_verdict_model_t best = {IVS_VERDICT_UNKNOWN, 0};
    ivs_verdict_model_unit("过了，上面说过了", strlen("过了，上面说过了"),
                           &best);
    ck_assert_int_eq(best.verdict, IVS_VERDICT_PASS);
    /* a unit of more than 600 bytes is not scored */
    char long_line[700];
    memset(long_line, 'a', sizeof long_line);
    double p[4];
    ck_assert_int_eq(
        ivs_verdict_model_probabilities(long_line, sizeof long_line, p), -1);
}
END_TEST

/* Asserts that TEXT, parsed as the file SOURCE, gives its first record the
 * verdict WANT (SHOWN names the case in the message). */
static void
assert_first_verdict(const char *source, const char *text, const char *shown,
                     ivs_verdict_t want)
{
    parsed_t P;
    parse(source, text, &P);
    ck_assert_uint_ge(P.n, 1);
    ck_assert_msg(P.items[0].verdict == want, "%s '%s' gave %s, expected %s",
                  source, shown, ivs_verdict_name(P.items[0].verdict),
                  ivs_verdict_name(want));
    parsed_free(&P);
}
/* A line of a note and the verdict it gives the note. */
typedef struct {
    const char *source, *line;
    ivs_verdict_t verdict;
} line_case_t;

/* Asserts each case's verdict with its line in the middle of a note of
 * questions: after one question and before two more. */
static void
assert_mid_note_verdicts(const line_case_t *cases, size_t n)
{
    static const char *const more = "\n2. 问题\n答了。\n3. 问题\n答了。\n";
    for (size_t i = 0; i < n; i++) {
        char text[1024];
        snprintf(text, sizeof text, "1. 问题\n答了。\n%s%s", cases[i].line,
                 more);
        assert_first_verdict(cases[i].source, text, cases[i].line,
                             cases[i].verdict);
    }
}

/* Words of session 12's rules that must stay in their place (the review
 * of those rules found each read wrongly once): a part of a title, a
 * label of when or where, 挂在 of things that are no interview, a form
 * left unfilled, Latin words inside others. */
START_TEST(test_fields_session12_words_stay_in_their_place)
{
    static const struct {
        const char *source, *text;
        ivs_verdict_t verdict;
    } cases[] = {
        {"notes/a.md", "1. 问题\n答了。\nBoard decision: Reject\n",
         IVS_VERDICT_FAIL},
        {"notes/a.md", "1. 问题\n答了。\n面试日期：2024-03-01，结果：通过\n",
         IVS_VERDICT_PASS},
        {"notes/a.md", "1. 问题\n答了。\n面试时间：待确认\n",
         IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "1. 问题\n答了。\n面试结论：通过 / 不通过 / 待定\n",
         IVS_VERDICT_UNKNOWN},
        {"notes/a.md",
         "# 求职记录\n\n最近在找工作，简历已经挂在智联招聘上了。\n",
         IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "1. 排查\n进程最后挂在了锁上。\n", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "1. 问题\n答了。\n复盘：挂在系统设计。\n",
         IVS_VERDICT_FAIL},
        {"notes/offer_面经分享.md", "1. 问题\n答了。\n", IVS_VERDICT_UNKNOWN},
        {"notes/淘汰_面试官视角.md", "1. 问题\n答了。\n", IVS_VERDICT_UNKNOWN},
        {"notes/面試記錄_待評估_林小姐.md", "1. 问题\n答了。\n",
         IVS_VERDICT_PENDING},
        {"notes/Nov_Reject_杨帆_系统设计面.md", "1. 问题\n答了。\n",
         IVS_VERDICT_FAIL},
        {"notes/golang-通过了channel实现超时控制.md", "1. 问题\n答了。\n",
         IVS_VERDICT_UNKNOWN},
        {"notes/leetcode-146-LRU缓存-通过.md", "1. 问题\n答了。\n",
         IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "# 字节 OC 之后一般多久发offer？\n\n1. 问题\n答了。\n",
         IVS_VERDICT_UNKNOWN},
        /* the second review's: words, not parts; advice; programs */
        {"notes/a.md", "# 考研 录取 分数线\n\n1. 问题\n答了。\n",
         IVS_VERDICT_UNKNOWN},
        {"notes/变更记录-已拒绝.md", "1. 问题\n答了。\n", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "# 配置说明\n\n挂在项目根目录下\n\n即可生效\n",
         IVS_VERDICT_UNKNOWN},
        {"notes/a.md",
         "# Redis 笔记\n\n一面挂了很正常，大家不要慌。\n\n1. 问题\n",
         IVS_VERDICT_UNKNOWN},
        {"notes/a.md",
         "1. 训练\n跑了半天结果出不来\n2. 问题\n答了。\n3. 问题\n",
         IVS_VERDICT_UNKNOWN},
        {"notes/a.md",
         "# 蝦皮 Backend 二面 結果還沒出來 先記錄題目\n\n1. 问题\n答了。\n",
         IVS_VERDICT_PENDING},
        {"notes/a.md",
         "1. 问题\n答了。\n笔试 AC 了 2.5 道，过了两天约了一面。\n2. "
         "问题\n答了。\n3. 问题\n答了。\n",
         IVS_VERDICT_UNKNOWN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_first_verdict(cases[i].source, cases[i].text, cases[i].text,
                             cases[i].verdict);
}
END_TEST

/* Session 13's rules, each with the misreadings its review found: the
 * round judged mid-note, statuses in brackets, the offer awaited after a
 * pass, a result still to come, an earlier attempt named by its year; and
 * what stays unknown (others, process descriptions, goals, suppositions,
 * programs). */
START_TEST(test_fields_session13_judgements_and_their_limits)
{
    static const line_case_t cases[] = {
        {"notes/a.md", "这轮先不往下推了，coding 没达到要求；剩下按流程问完：",
         IVS_VERDICT_FAIL},
        {"notes/a.md", "這部分表現 OK，整體可以往下走。繼續問了幾個項目：",
         IVS_VERDICT_PASS},
        {"notes/a.md", "【Round 2】Hire. 候选人对 etcd raft 讲得很清楚。",
         IVS_VERDICT_PASS},
        {"notes/a.md", "【推荐录用】代码风格规范；以下为问答记录：",
         IVS_VERDICT_PASS},
        {"notes/a.md", "面試結果待複審，以下續記追問內容。",
         IVS_VERDICT_PENDING},
        {"notes/a.md", "HR 备注：结果待部门 VP 审批，预计下周出",
         IVS_VERDICT_PENDING},
        {"notes/腾讯PCG后台开发_终面通过_等offer.md", "", IVS_VERDICT_PASS},
        {"notes/a.md",
         "面试官最后说「我这边是通过的，后面会有同事联系你约二面」",
         IVS_VERDICT_PASS},
        {"notes/a.md", "一面就掛了 QQ 題目大概是這些：", IVS_VERDICT_FAIL},
        {"notes/a.md", "流程卡在“面试中”三天了，不知道啥情况。",
         IVS_VERDICT_PENDING},
        {"notes/hold_chenjing_r2.md", "", IVS_VERDICT_PENDING},
        {"notes/a.md", "备注：该候选人 2025 年一面未通过，本次重新投递",
         IVS_VERDICT_UNKNOWN},
        /* the review's */
        {"notes/a.md", "去面的人基本都挂在二面", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "祈祷 整体可以往下走", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "整体流程：笔试，一面，二面，HR面，然后发offer",
         IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "hr说我这边通过的人一般都会约二面", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "一般技术面都通过了才会进HR面", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "代码和运行结果等我整理完再给", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "如果需要加面，HR 会再联系", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "这次需求没办法往下走", IVS_VERDICT_UNKNOWN},
        {"notes/Java线程池_流程终止.md", "", IVS_VERDICT_UNKNOWN},
        {"notes/致每一个经历过失败的面试者.md", "", IVS_VERDICT_UNKNOWN},
        {"notes/秋招准备计划-目标拿3个offer.md", "", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "面试官最后说“我这边没什么问题了”，草草收场，果然挂了。",
         IVS_VERDICT_FAIL},
        {"notes/a.md", "目标公司一面挂了，复盘如下", IVS_VERDICT_FAIL},
        {"notes/a.md", "2025年秋招一面挂了，现在心态还好", IVS_VERDICT_FAIL},
        /* the second review's */
        {"notes/a.md", "最后面试官说我这边没什么问题了，反问环节问了业务。",
         IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "[Failed] docker build 报错排查", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "被老板画的饼劝退了", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "面试官让我通过QQ发简历", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "签证流程卡在面签环节了", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "我询问了HR，说二面没过", IVS_VERDICT_FAIL},
        {"notes/a.md", "HR说还要看看其他人", IVS_VERDICT_PENDING},
        {"notes/a.md", "面试官说结果等HR面完再给", IVS_VERDICT_PENDING},
        {"notes/字节二面挂了_复盘和后续计划.md", "", IVS_VERDICT_FAIL},
        {"notes/面试准备计划-年前拿offer.md", "", IVS_VERDICT_UNKNOWN},
        /* an item of the questions asked is no statement, whatever its
         * words weigh in the model; a round and its value in brackets */
        {"notes/a.md", "2. 讲讲 GMP 模型", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "- 说一下 MVCC 的实现", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "一面（过）", IVS_VERDICT_PASS},
        {"notes/a.md", "面试官反馈还没提交，暂时无法推进，等补充后再定。",
         IVS_VERDICT_PENDING},
    };
    assert_mid_note_verdicts(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

/* Session 14's rules and what they must leave alone: the model's reading
 * of one clause of a leaning unit, dates between a round and its outcome,
 * offers accepted and the steps after them, a site's stage and what came
 * of it, the interviewer's quoted wait, file names of ATS exports; and the
 * traps beside each (a written test, 挂 that hangs, a question, a plan). */
START_TEST(test_fields_session14_clauses_dates_offers_and_names)
{
    static const line_case_t cases[] = {
        {"notes/a.md", "HR 备注：已口头 offer，候选人接受，等背调。",
         IVS_VERDICT_PASS},
        {"notes/a.md", "HR 备注：候选人已接受offer，入职时间待定",
         IVS_VERDICT_PASS},
        {"notes/a.md", "一面（10.12）过了，二面隔了一周：", IVS_VERDICT_PASS},
        {"notes/a.md", "二面 7.18（过）", IVS_VERDICT_PASS},
        {"notes/a.md", "本轮结论：未定，两位面试官意见不一致，提交委员会讨论",
         IVS_VERDICT_PENDING},
        {"notes/a.md", "Tech screen: reject（并发模型理解有误）",
         IVS_VERDICT_FAIL},
        {"notes/a.md", "面完第五天挂了，听说是 hc 被锁了，白准备了",
         IVS_VERDICT_FAIL},
        {"notes/a.md", "HR 说还有几个人没面完，让我再等等。",
         IVS_VERDICT_PENDING},
        {"notes/a.md",
         "一周后官网状态变成\"录用评估中\"，昨天正式收到意向书，over。",
         IVS_VERDICT_PASS},
        {"notes/a.md", "等了两周没消息，上官网一看已经是\"未通过\"了，唉。",
         IVS_VERDICT_FAIL},
        {"notes/a.md",
         "面试官最后说“我这边没什么问题了，后续 hr 会联系你”，然后进入反问：",
         IVS_VERDICT_PENDING},
        {"notes/a.md", "這輪基本可以確定不會往下走，剩下時間讓他反問。",
         IVS_VERDICT_FAIL},
        {"notes/a.md", "（更新：已挂）下面接着记剩下的几道题：",
         IVS_VERDICT_FAIL},
        {"notes/a.md", "隔咗幾日 HR 打嚟話過咗，而家等緊 offer",
         IVS_VERDICT_PASS},
        {"notes/a.md", "面试官直接说今天就到这，不用等消息了。",
         IVS_VERDICT_FAIL},
        {"notes/a.md", "状态：Hold\n备注：HC 冻结中，暂不推进",
         IVS_VERDICT_PENDING},
        {"notes/0823-数据开发-周八-待复核.txt", "", IVS_VERDICT_PENDING},
        {"notes/eval_2026-11-03_wangqiang_reject.md", "", IVS_VERDICT_FAIL},
        {"notes/2026Q4-sre-onsite-no_hire.txt", "", IVS_VERDICT_FAIL},
        {"notes/面試紀錄_黃冠宇_通過二面.md", "", IVS_VERDICT_PASS},
        {"notes/小红书-测试开发-流程终止.md", "", IVS_VERDICT_FAIL},
        /* the traps beside them */
        {"notes/a.md", "笔试 85 分，线上笔试已通过。", IVS_VERDICT_UNKNOWN},
        {"notes/笔试已通过.md", "", IVS_VERDICT_UNKNOWN},
        {"notes/拿offer前必看-Go八股整理.md", "", IVS_VERDICT_UNKNOWN},
        {"notes/如何通过二面.md", "", IVS_VERDICT_UNKNOWN},
        {"notes/Java线程池_流程终止.md", "", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "问：TCP 握手为什么不能两次？答：不通过第三次确认",
         IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "去年也面過同一個職缺，那次一面就被刷掉了。",
         IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "这个方案不会往下走了", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "一般一周内hr会联系你", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "二面 Kotlin 协程", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "程序被ko了", IVS_VERDICT_UNKNOWN},
        /* the review's (/work/review14): what the new rules must leave */
        {"notes/a.md", "HR 说不用等通知了，直接发 offer", IVS_VERDICT_PASS},
        {"notes/a.md", "主线程不用等结果", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "HR 说二面时间要调整，会往后推", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "线程阻塞在这里不会往下走", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "本地能跑，提交上去判不过", IVS_VERDICT_UNKNOWN},
        {"notes/算法-递归-流程终止.md", "", IVS_VERDICT_UNKNOWN},
        {"notes/nginx-8080-reject.md", "", IVS_VERDICT_UNKNOWN},
        {"notes/cet6-2023-pass.md", "", IVS_VERDICT_UNKNOWN},
        {"notes/interview-2024-no-offer-yet.md", "", IVS_VERDICT_UNKNOWN},
        {"notes/没能_通过二面.md", "", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "状态：Hold\n备注：候选人暂不考虑，已拒绝",
         IVS_VERDICT_FAIL},
        {"notes/a.md", "投递之后 HR 会联系你", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "只要项目讲清楚，面试官会给offer", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "很多公司会先给口头offer", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "base：未定", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "周一上线，周二就挂了", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "新买的硬盘，第三天就挂了", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "自我感觉一面 OK", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "Background: fail", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "- pass（跳过，什么都不做）", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "签证还在等批准", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "SQL 跑了半天结果没出来", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "PR 提上去，review 通过了，然后合入主干",
         IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "駕照考試，科目一，通過了，科目二，掛了",
         IVS_VERDICT_UNKNOWN},
        {"notes/面试失败的十个原因.md", "", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "HR 视频通话过了", IVS_VERDICT_UNKNOWN},
        {"notes/a.md", "希望能进，结果一面就挂了", IVS_VERDICT_FAIL},
        {"notes/拿到 offer 前的最后一面.md", "", IVS_VERDICT_PASS},
    };
    assert_mid_note_verdicts(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

START_TEST(test_fields_title_outcome_never_overrides_the_summary)
{
    parsed_t P;
    parse("notes/字节一面凉经.md",
          "# 字节一面凉经\n\n1. 问题\n\n总结：后来 HR 通知通过了\n", &P);
    ck_assert_int_eq(P.items[0].verdict, IVS_VERDICT_PASS);
    parsed_free(&P);
    parse("notes/x.md", "# 海康一面过！\n\n1. 问题\n\n结论：不通过\n", &P);
    ck_assert_int_eq(P.items[0].verdict, IVS_VERDICT_FAIL);
    parsed_free(&P);
}
END_TEST

/* Outcomes stated in the middle of a write-up. */
START_TEST(test_fields_statement_of_the_last_round_is_the_outcome)
{
    parsed_t P;
    parse("notes/a.md",
          "1. 自我介绍\n一面过了，第二天约了二面。\n2. Redis 持久化\n"
          "答了 RDB。\n3. 快排\n写了。\n4. 反问\n问了业务。\n"
          "二面问得很深，最后还是挂在了二面。\n5. MySQL 索引\n答了 B+ "
          "树。\n6. 限流\n令牌桶。\n7. 反问\n无。\n",
          &P);
    ck_assert_int_eq(P.items[0].verdict, IVS_VERDICT_FAIL);
    parsed_free(&P);
    parse("notes/a.md",
          "1. 自我介绍\n面完 HR 说等通知。\n2. Redis 持久化\n答了 RDB。\n"
          "3. 快排\n写了。\n隔了一周约了三面。\n4. 反问\n问了业务。\n"
          "5. 场景题\n答了。\n6. 算法\n写了。\n",
          &P);
    ck_assert_int_eq(P.items[0].verdict, IVS_VERDICT_PASS);
    parsed_free(&P);
}
END_TEST

START_TEST(test_fields_summary_and_title_win_over_a_statement)
{
    parsed_t P;
    parse("notes/a.md",
          "1. 问题\n一面过了，下面是二面。\n2. 问题\n答了。\n3. 问题\n"
          "答了。\n4. 问题\n答了。\n\n结论：不通过\n",
          &P);
    ck_assert_int_eq(P.items[0].verdict, IVS_VERDICT_FAIL);
    parsed_free(&P);
    parse("notes/a.md",
          "# 美团二面凉经\n\n一面过了，下面是二面的问题。\n1. 问题\n答了。\n"
          "2. 问题\n答了。\n3. 问题\n答了。\n4. 问题\n答了。\n",
          &P);
    ck_assert_int_eq(P.items[0].verdict, IVS_VERDICT_FAIL);
    parsed_free(&P);
}
END_TEST

/* Quoted material, code, questions, suppositions, beliefs and other
 * people's results in the middle of notes are not the outcome. */
static const char *const statement_traps[] = {
    "> 群友：我二面挂了",
    "<blockquote>面试官：你一面过了</blockquote>",
    "```\n一面过了\n```",
    "面试官问我：你觉得自己能通过吗",
    "如果一面挂了，就去投别家",
    "本来以为一面挂了",
    "听说他们组面的几个人都挂了",
    "同组的两个人都拿到 offer 了",
    "线上 Redis 主节点挂了之后怎么恢复",
    "获取锁流程结束",
    "消息被拒（`Basic.Reject`）",
    "最终通过 [JEP 444](https://openjdk.org/jeps/444) 发布",
    "冲着“拿offer”的心态去面试",
    "这题不是没过，是超时了",
    "测试用例都过了",
    "一般一面过了很快就是二面",
    "上面说过了",
    "帮助大家提速上岸",
    "其他线程等待结果",
    "不要怕被拒",
    "很多人一面就被刷了",
    "线上页面又挂了",
    "港口每天有上百艘货轮通过",
    "面试前一定要刷题，不然很容易挂",
    "下单流程结束后发送消息通知用户",
    "---\ndescription: 校招也能上岸，三面过了\n---",
    /* conversations: other people's turns */
    "- HR面挂了\n- 为啥\n- 履历负分",
    "- 我二面挂了\n- 你投的哪个部门\n- 我基础架构\n- 你简历写了啥",
    "张三：我二面挂了",
    "王五：一面过了\n赵六：我也过了\n王五：恭喜",
    /* tests, systems and waiting of others, in the new vocabulary */
    "es 查询一直没有结果",
    "其他线程还在等",
    "单测流程终止了",
    "不知道还要等多久",
    "感觉要凉",
    "接口被黑客刷了",
    "我不接 offer",
    "邮件已收到",
    "请假审批中",
    "工资发了",
    "offer 还没收到",
    /* the lexicon of round 3: the same words of programs, hopes, lists
     * and other people */
    "线程先挂起，等条件满足再唤醒",
    "等待/通知机制",
    "一旦文件描述符状态变化，就会触发通知",
    "Leader 会根据 Follower 的反馈调整 nextIndex",
    "执行完才会有结果",
    "这个值由调度器决定",
    "服务挂得很频繁",
    "欢迎加入我们团队，简历发邮箱",
    "群里好几个人 oc 了",
    "所有人都在等通知吗",
    "面试前记得多刷题，求过！",
    "候选人自述：上一家终面过了",
    "选举失败就重新计时",
    "1. 流程结束",
    "status 字段变成 failed 时重试",
    "一条记忆从进入系统到最终被淘汰",
    "改天，回头，以后有空再说吧",
    "我说腾讯已经过了三面，他就说了一些话",
    "之前试过好几次，都跪在技术面了",
    "低基数字段，如性别、状态等。",
    "| 参数 | 是否必填 |\n| --- | --- |\n| id | 是 |",
    "HashMap 是否线程安全：否",
    "测试结果：全部通过",
    /* the filler of the generated archive, after its summary */
    "否则重新进入等待队列，挂起",
    "实际配置要结合连接规模和业务可接受的故障发现时间一起定。",
    "2. 三者横向对比",
    "最常见的是 `http` 和 `https`，也有文件传输的 `ftp:` 等。",
    "也可能会维护记忆、做循环、等待人工确认。",
    "- 线程名和线程状态，例如 `BLOCKED`、`WAITING`。",
    /* round 5: the words of set 8's classes in technical text, and the
     * candidate's reported past */
    "日志的目标是避免文件系统结构停在“只更新了一半”的状态。",
    "当 Client3 占据 main thread 流程时，Client1 流程卡在 IO 复用等待下次监听"
    "触发事件。",
    "**选择建议：**\n- 如果需要保证复合操作的原子性，则必须使用 Lock，"
    "volatile 无法胜任。",
    "背景：候选人提到今年 3 月在美团面到三面被挂，这次专门准备了。",
    "候选人自我介绍时说今年 5 月在字节二面挂了。",
    "去年这个时候我在美团三面被刷，今年又来了。",
    "我们和那家外包公司不合作了，项目收回来自己做。",
    "感谢您的关注，下一篇写 Redis 集群。",
    "这个需求后续有合适的方案再联系产品。",
    "这个接口一直没变过，所以缓存可以放心用。",
    "我们组的报销审批通过了，终于可以去吃饭了。",
    "彩票又杠龟了，这周运气不好。",
    "3. 问他线上发布前怎么确定是否回滚，答了灰度和监控指标。",
    "下载进度卡在 99% 不动了，重启就好。",
    "页面状态一直没更新，刷新一下就好了。",
    "正则没匹配上，所以返回了空。",
    "调用方看到的超时，只能说明自己在指定时间内没有收到结果。",
    "3. **满足合规要求**：部分行业要求数据长期归档。",
    "✓ 推荐：默认方案 + 兜底方案",
    "✗ 不推荐：选择太多",
    "HR 回了一句“收到”，然后让我填了一张登记表。",
    "主管还在看代码，我先把测试用例补上。",
    "这次迁移后，监控状态一直没变，说明配置没生效。",
    "感谢您对本公司的关注，欢迎加入我们的技术交流群。",
    "呢题冇问题，我之前做过。",
    "服务仍未恢复，继续排查。",
};

/* The verdict of a note whose text is FMT with LINE in it. */
static ivs_verdict_t
verdict_in(const char *fmt, const char *line)
{
    char *text = NULL;
    ck_assert(asprintf(&text, fmt, line) > 0);
    parsed_t P;
    parse("notes/a.md", text, &P);
    ivs_verdict_t v = P.items[0].verdict;
    parsed_free(&P);
    free(text);
    return v;
}

START_TEST(test_fields_statement_traps_give_no_verdict)
{
    const char *trap = statement_traps[_i];
    /* At the start (front matter) or among questions. */
    int front = !strncmp(trap, "---", 3);
    ivs_verdict_t v =
        verdict_in(front ? "%s\n1. 问题\n答了。\n2. 问题\n答了。\n"
                         : "1. 问题\n答了。\n%s\n2. 问题\n答了。\n"
                           "3. 问题\n答了。\n4. 问题\n答了。\n",
                   trap);
    ck_assert_msg(v == IVS_VERDICT_UNKNOWN, "'%s' gave %s", trap,
                  ivs_verdict_name(v));
}
END_TEST

/* The writer's own outcome in a list or after a label of the notes is
 * still read beside the conversations above. */
static const struct {
    const char *text;
    ivs_verdict_t verdict;
} own_statements[] = {
    {"- 一面挂了\n- 二面问题：讲讲 redis", IVS_VERDICT_FAIL},
    {"更新：我一面过了", IVS_VERDICT_PASS},
    {"ps：二面已经挂了，但题目还是记一下", IVS_VERDICT_FAIL},
    {"面完一周了，業務負責人還沒給反饋", IVS_VERDICT_PENDING},
    {"今天收到 offer 了🎉 感谢大家", IVS_VERDICT_PASS},
    /* the offer before its verb, an agent between 被 and its verb */
    {"意向书已经收到，准备签了", IVS_VERDICT_PASS},
    {"offer 终于下来了", IVS_VERDICT_PASS},
    {"已接 offer，不再看机会了", IVS_VERDICT_PASS},
    {"目前在等 offer 审批", IVS_VERDICT_PENDING},
    {"排序中，等 HR 联系", IVS_VERDICT_PENDING},
    {"终面被 leader 刷了，心态崩了", IVS_VERDICT_FAIL},
};

START_TEST(test_fields_own_statements_beside_conversations_are_read)
{
    ivs_verdict_t v =
        verdict_in("1. 问题\n答了。\n%s\n2. 问题\n答了。\n3. 问题\n"
                   "答了。\n4. 问题\n答了。\n",
                   own_statements[_i].text);
    ck_assert_msg(v == own_statements[_i].verdict, "'%s' gave %s",
                  own_statements[_i].text, ivs_verdict_name(v));
}
END_TEST

/* The last lines of an article: tables of properties, list labels,
 * recommendations of reading, calls and the states of orders and threads
 * are no verdict; the values of a tracking system after a status label
 * are. */
static const struct {
    const char *text;
    ivs_verdict_t verdict;
} closing_lines[] = {
    {"| 算法 | 适合场景 |\n| FIFO | 不适合 |\n| LRU | 适合 |",
     IVS_VERDICT_UNKNOWN},
    {"以下场景不适合：\n- 高并发写\n- 大事务", IVS_VERDICT_UNKNOWN},
    {"这篇文章写得很好，强烈推荐。", IVS_VERDICT_UNKNOWN},
    {"调用 fail(service, err) 返回错误。", IVS_VERDICT_UNKNOWN},
    {"订单状态：处理中", IVS_VERDICT_UNKNOWN},
    {"这个线程已终止", IVS_VERDICT_UNKNOWN},
    {"请求仍在处理中", IVS_VERDICT_UNKNOWN},
    {"| 面试结果 | 通过 |", IVS_VERDICT_PASS},
    {"流程状态：已终止", IVS_VERDICT_FAIL},
    {"Status: 审核中", IVS_VERDICT_PENDING},
    {"Decision: On hold", IVS_VERDICT_PENDING},
    /* a value, then its reasons after a comma or a bracket */
    {"二面反馈：不过，系统设计部分基本没思路", IVS_VERDICT_FAIL},
    {"结论：Reject（沟通一般）", IVS_VERDICT_FAIL},
    {"面试结论：待定，等主管看完再说", IVS_VERDICT_PENDING},
    {"结果：pass(?)", IVS_VERDICT_UNKNOWN},
};

START_TEST(test_fields_closing_lines_read_by_their_role)
{
    ivs_verdict_t v = verdict_in("1. 问题\n答了。\n2. 问题\n答了。\n%s\n",
                                 closing_lines[_i].text);
    ck_assert_msg(v == closing_lines[_i].verdict, "'%s' gave %s",
                  closing_lines[_i].text, ivs_verdict_name(v));
}
END_TEST

static Suite *
fields_suite(void)
{
    Suite *s = suite_create("fields");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_fields_header_lines_give_every_field);
    tcase_add_test(tc, test_fields_dialogue_lines_are_not_an_interviewer);
    tcase_add_test(tc, test_fields_round_comes_from_a_bare_line_or_the_title);
    tcase_add_loop_test(tc, test_fields_rounds_are_normalised, 0,
                        sizeof round_cases / sizeof round_cases[0]);
    tcase_add_test(
        tc, test_fields_keys_ignore_case_width_and_spaces_next_to_chinese);
    suite_add_tcase(s, tc);
    tc = tcase_create("dates");
    tcase_add_loop_test(tc, test_fields_full_dates_in_the_forms_people_write, 0,
                        sizeof date_cases / sizeof date_cases[0]);
    tcase_add_test(tc, test_fields_month_day_takes_the_year_from_its_context);
    tcase_add_test(tc, test_fields_date_bounds_of_years_and_months);
    suite_add_tcase(s, tc);
    tc = tcase_create("verdicts");
    tcase_add_checked_fixture(tc, load_phrasings, free_phrasings);
    tcase_add_test(
        tc, test_fields_phrasing_set_covers_both_scripts_sides_and_traps);
    tcase_add_test(tc, test_fields_each_phrasing_gives_its_verdict);
    tcase_add_test(tc, test_fields_title_outcome_never_overrides_the_summary);
    tcase_add_test(tc, test_fields_session12_words_stay_in_their_place);
    tcase_add_test(tc, test_fields_session13_judgements_and_their_limits);
    tcase_add_test(tc, test_fields_session14_clauses_dates_offers_and_names);
    tcase_add_loop_test(tc,
                        test_fields_model_computes_what_its_trainer_computed, 0,
                        sizeof model_checks / sizeof model_checks[0]);
    tcase_add_test(tc, test_fields_model_reads_only_what_the_rules_leave);
    tcase_add_test(tc, test_fields_statement_of_the_last_round_is_the_outcome);
    tcase_add_test(tc, test_fields_summary_and_title_win_over_a_statement);
    tcase_add_loop_test(tc, test_fields_statement_traps_give_no_verdict, 0,
                        sizeof statement_traps / sizeof statement_traps[0]);
    tcase_add_loop_test(
        tc, test_fields_own_statements_beside_conversations_are_read, 0,
        sizeof own_statements / sizeof own_statements[0]);
    tcase_add_loop_test(tc, test_fields_closing_lines_read_by_their_role, 0,
                        sizeof closing_lines / sizeof closing_lines[0]);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(fields_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

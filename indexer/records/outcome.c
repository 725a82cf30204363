/* Verdicts beyond the summary: the traditional-script forms of the verdict
 * vocabulary, and the outcomes candidates put in titles, headings and file
 * names ("字节一面凉经", "海康一面过！", "已 OC"). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "ivs/record.h"
#include "ivs/text.h"
#include "record_internal.h"

/* ---- traditional script -------------------------------------------------
 *
 * Traditional characters are read as their simplified forms, so 錄取, 備取,
 * 等緊回覆 or 被打槍 read as 录取, 备取, 等紧回复, 被打枪 without a list of
 * words: the analyzer's one-character map (ivs_text_simplified), where
 * form and simplified form are both three-byte UTF-8 sequences so that the
 * folded text keeps every offset. Besides: the Kangxi radicals
 * (U+2F00..U+2FD5) as the ideographs they stand for (NFKC: text copied
 * from PDF writes 京东、美团⾯试已通过 with ⾯ for 面), and two characters
 * OpenCC keeps that the verdict vocabulary folds (覆 as in 回覆, 麽). */

/* The simplified form of code point CP (three bytes in UTF-8), or 0. */
static uint32_t
simplified(uint32_t cp)
{
    if (cp >= 0x2F00 && cp <= 0x2FD5) {
        utf8proc_int32_t ideograph;
        int last = 0;
        return utf8proc_decompose_char((utf8proc_int32_t)cp, &ideograph, 1,
                                       UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT,
                                       &last) == 1
                   ? (uint32_t)ideograph
                   : 0;
    }
    if (cp == 0x8986) /* 覆 */
        return 0x590D;
    if (cp == 0x9EBD) /* 麽 */
        return 0x4E48;
    uint32_t to = ivs_text_simplified(cp);
    if (to != cp && to >= 0x800 && to <= 0xFFFF)
        return to;
    /* Cantonese function words as their Mandarin ones, so that one rule
     * reads both: 唔 (not: 唔考慮, 唔通過), 冇 (none: 冇咗, 冇消息), 咗
     * (done: 過咗 as 过了). */
    return cp == 0x5514   ? 0x4E0D /* 唔 */
           : cp == 0x5187 ? 0x6CA1 /* 冇 */
           : cp == 0x5497 ? 0x4E86 /* 咗 */
                          : 0;
}

char *
ivs_verdict_fold_traditional(const char *s, size_t n)
{
    char *out = NULL;
    for (size_t i = 0; i + 3 <= n; i++) {
        const unsigned char *u = (const unsigned char *)s + i;
        if ((u[0] & 0xF0) != 0xE0 || (u[1] & 0xC0) != 0x80 ||
            (u[2] & 0xC0) != 0x80)
            continue;
        uint32_t cp = (uint32_t)(u[0] & 0x0F) << 12 |
                      (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
        uint32_t to = simplified(cp);
        if (!to) {
            i += 2;
            continue;
        }
        if (!out) {
            if (!(out = malloc(n + 1)))
                return NULL;
            memcpy(out, s, n);
            out[n] = '\0';
        }
        out[i] = (char)(0xE0 | (to >> 12));
        out[i + 1] = (char)(0x80 | ((to >> 6) & 0x3F));
        out[i + 2] = (char)(0x80 | (to & 0x3F));
        i += 2;
    }
    return out;
}

/* ---- outcomes in titles ------------------------------------------------- */

#define TITLE_MAX 400

/* Folds a title (shorter than MAX bytes) into BUF (CAP bytes): traditional characters simplified,
 * ASCII lower case, full-width ASCII narrowed, spaces dropped. Returns
 * the length, 0 when the title is too long to be one. */
static size_t
fold_title(const char *s, size_t n, char *buf, size_t cap, size_t max)
{
    if (n >= max || n + 1 > cap)
        return 0;
    char *trad = ivs_verdict_fold_traditional(s, n);
    const char *t = trad ? trad : s;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c == 0xEF && i + 2 < n && (unsigned char)t[i + 1] >= 0xBC &&
            (unsigned char)t[i + 1] <= 0xBD) {
            /* U+FF01..U+FF5E to ASCII */
            uint32_t cp = (uint32_t)(c & 0x0F) << 12 |
                          (uint32_t)((unsigned char)t[i + 1] & 0x3F) << 6 |
                          ((unsigned char)t[i + 2] & 0x3F);
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                c = (unsigned char)(cp - 0xFEE0);
                i += 2;
            }
        }
        if (c == ' ' || c == '\t')
            continue;
        if (starts_with(t + i, n - i, "\xE3\x80\x80")) { /* ideographic */
            i += 2;
            continue;
        }
        buf[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    buf[o] = '\0';
    free(trad);
    return o;
}

typedef struct {
    const char *word;
    ivs_verdict_t verdict;
} outcome_t;

/* Outcome words that state the result wherever they stand in a title. */
static const outcome_t outcome_words[] = {
    {"stillwaiting", IVS_VERDICT_PENDING},
    /* a write-up of an offer: "LINE Taiwan Backend Engineer 錄取分享" */
    {"录取分享", IVS_VERDICT_PASS},
    {"录取心得", IVS_VERDICT_PASS},
    {"录用分享", IVS_VERDICT_PASS},
    {"凉经", IVS_VERDICT_FAIL},
    {"凉了", IVS_VERDICT_FAIL},
    {"凉凉", IVS_VERDICT_FAIL},
    {"已凉", IVS_VERDICT_FAIL},
    {"面凉", IVS_VERDICT_FAIL},
    {"挂经", IVS_VERDICT_FAIL},
    {"面挂", IVS_VERDICT_FAIL},
    {"秒挂", IVS_VERDICT_FAIL},
    {"被挂", IVS_VERDICT_FAIL},
    {"已挂", IVS_VERDICT_FAIL},
    {"被拒", IVS_VERDICT_FAIL},
    {"被刷", IVS_VERDICT_FAIL},
    /* cut at a round, an interview failed: "被 HR 面刷了…", "面試失敗心得" */
    {"面刷了", IVS_VERDICT_FAIL},
    {"面被刷", IVS_VERDICT_FAIL},
    {"面试失败", IVS_VERDICT_FAIL},
    {"面试不成功", IVS_VERDICT_FAIL},
    /* Cantonese: "LIHKG_匯豐_IT_面試_唔成功" */
    {"唔成功", IVS_VERDICT_FAIL},
    /* the results out: "华为 通软 面经 | 已开奖" */
    {"已开奖", IVS_VERDICT_PASS},
    /* an offer counted: "记录第一个offer：米哈游服务端开发 四轮面经" */
    {"第一个offer", IVS_VERDICT_PASS},

    {"首个offer", IVS_VERDICT_PASS},
    /* knocked out: "被拼多多二面KO的经历" (not "二面kotlin") */
    {"被ko", IVS_VERDICT_FAIL},
    {"面ko了", IVS_VERDICT_FAIL},
    {"面ko的", IVS_VERDICT_FAIL},
    {"面被ko", IVS_VERDICT_FAIL},
    {"感谢信", IVS_VERDICT_FAIL},
    {"寄了", IVS_VERDICT_FAIL},
    {"感谢函", IVS_VERDICT_FAIL},
    {"已意向", IVS_VERDICT_PASS},
    {"面寄", IVS_VERDICT_FAIL},
    {"面卒", IVS_VERDICT_FAIL},
    {"未通过", IVS_VERDICT_FAIL},
    {"没通过", IVS_VERDICT_FAIL},
    {"不通过", IVS_VERDICT_FAIL},
    {"没过", IVS_VERDICT_FAIL},
    {"没给过", IVS_VERDICT_FAIL},
    {"rejected", IVS_VERDICT_FAIL},
    {"等通知", IVS_VERDICT_PENDING},
    {"泡池子", IVS_VERDICT_PENDING},
    {"池子里", IVS_VERDICT_PENDING},
    {"等结果", IVS_VERDICT_PENDING},
    {"待定", IVS_VERDICT_PENDING},
    {"等offer", IVS_VERDICT_PENDING},
    {"等oc", IVS_VERDICT_PENDING},
    {"已oc", IVS_VERDICT_PASS},
    {"oc了", IVS_VERDICT_PASS},
    {"拿到offer", IVS_VERDICT_PASS},
    /* a special offer: "校招面经 | 已拿 sp" */
    {"已拿sp", IVS_VERDICT_PASS},
    {"已拿ssp", IVS_VERDICT_PASS},
    {"拿到sp", IVS_VERDICT_PASS},
    {"拿到ssp", IVS_VERDICT_PASS},
    {"收到offer", IVS_VERDICT_PASS},
    {"已收offer", IVS_VERDICT_PASS},
    {"收了offer", IVS_VERDICT_PASS},
    {"拿offer", IVS_VERDICT_PASS},
    {"喜提offer", IVS_VERDICT_PASS},
    {"已offer", IVS_VERDICT_PASS},
    {"获得offer", IVS_VERDICT_PASS},
    {"offer到手", IVS_VERDICT_PASS},
    {"offerget", IVS_VERDICT_PASS},
    {"getoffer", IVS_VERDICT_PASS},
    {"gotoffer", IVS_VERDICT_PASS},
    {"offer+1", IVS_VERDICT_PASS},
    {"意向书", IVS_VERDICT_PASS},
    {"已上岸", IVS_VERDICT_PASS},
    {"上岸", IVS_VERDICT_PASS},
    {"已通过", IVS_VERDICT_PASS},
    {"面通过", IVS_VERDICT_PASS},
    {"面试通过", IVS_VERDICT_PASS},
    {"已过", IVS_VERDICT_PASS},
    {"面过了", IVS_VERDICT_PASS},
    {"已录取", IVS_VERDICT_PASS},
    {"已录用", IVS_VERDICT_PASS},
    {"被录取", IVS_VERDICT_PASS},
    {"被录用", IVS_VERDICT_PASS},
    {"录取通知", IVS_VERDICT_PASS},
    {"录用通知", IVS_VERDICT_PASS},
    {"被打枪", IVS_VERDICT_FAIL},
    {"无声卡", IVS_VERDICT_FAIL},
    {"凉透", IVS_VERDICT_FAIL},
    {"被婉拒", IVS_VERDICT_FAIL},
    {"遭婉拒", IVS_VERDICT_FAIL},
    {"遭拒", IVS_VERDICT_FAIL},
    /* the write-up of an interview that ended in an offer, as 凉经 of one
     * that failed: "理想汽车 校招 offer 面经" */
    {"offer面经", IVS_VERDICT_PASS},
    {"oc面经", IVS_VERDICT_PASS},
    {"offer经验贴", IVS_VERDICT_PASS},
    {"offer贴", IVS_VERDICT_PASS},
    /* an ATS's end of the process: "候选人孙七_测开_流程终止" */
    {"流程终止", IVS_VERDICT_FAIL},
    {"失败的面试", IVS_VERDICT_FAIL},
    /* "社招 四面通关", "横向中" (compared with the others), an ATS's
     * recommendation ("周八_录用建议_P6") */
    {"面通关", IVS_VERDICT_PASS},
    {"横向中", IVS_VERDICT_PENDING},
    {"录用建议", IVS_VERDICT_PASS},
    /* Cantonese, "failed": "某銀行 IT 面試 肥佬咗" (咗 folded to 了) */
    {"肥佬了", IVS_VERDICT_FAIL},
    {"流程已终止", IVS_VERDICT_FAIL},
    {"杳无音信", IVS_VERDICT_PENDING},
    {"石沉大海", IVS_VERDICT_PENDING},
    {"折戟", IVS_VERDICT_FAIL},
    {"落选", IVS_VERDICT_FAIL},
    {"落榜", IVS_VERDICT_FAIL},
    {"备选名单", IVS_VERDICT_PENDING},
    {"候补名单", IVS_VERDICT_PENDING},
    {"候选名单", IVS_VERDICT_PENDING},
    /* idioms of losing: 槓龜 (Taiwan), 陪跑 (ran along, never won) */
    {"杠龟", IVS_VERDICT_FAIL},
    {"摃龟", IVS_VERDICT_FAIL},
    {"陪跑", IVS_VERDICT_FAIL},
    /* round 6: "thanks for playing" of lotteries (銘謝惠顧), a trip of one
     * round, Cantonese "ate a lemon" */
    {"铭谢惠顾", IVS_VERDICT_FAIL},
    {"谢谢惠顾", IVS_VERDICT_FAIL},
    {"一轮游", IVS_VERDICT_FAIL},
    {"食了柠檬", IVS_VERDICT_FAIL}, /* 咗 is folded to 了 */
    {"吃了柠檬", IVS_VERDICT_FAIL},
    {"食柠檬", IVS_VERDICT_FAIL},
    {"吃柠檬", IVS_VERDICT_FAIL},
};

/* Whether the title at T[I] (N bytes) goes on with a span of time or a
 * share: "已过两周", "已过一半" say time passed, not a round. */
static int
time_follows(const char *t, size_t n, size_t i)
{
    if (i < n && t[i] >= '0' && t[i] <= '9')
        return 1;
    static const char *const spans[] = {"一", "二",   "两", "三", "四", "五",
                                        "六", "七",   "八", "九", "十", "半",
                                        "几", "好几", "数", NULL};
    for (const char *const *w = spans; *w; w++)
        if (starts_with(t + i, n - i, *w))
            return 1;
    return 0;
}

/* Whether T[I] (N bytes) opens a span of time: a number and its unit
 * ("两天", "3 天", "一个多月", "半个月"): "过了两天约了一面" is time
 * passing, "过了一面" a round passed. */
static int
time_span_at(const char *t, size_t n, size_t i)
{
    static const char *const numbers[] = {"一", "二",   "两", "三", "四", "五",
                                          "六", "七",   "八", "九", "十", "半",
                                          "几", "好几", "数", NULL};
    size_t j = i;
    for (int more = 1; more && j < n;) {
        more = 0;
        if ((t[j] >= '0' && t[j] <= '9') || t[j] == '.' || t[j] == ' ') {
            j++;
            more = 1;
            continue;
        }
        for (const char *const *w = numbers; *w; w++)
            if (starts_with(t + j, n - j, *w)) {
                j += strlen(*w);
                more = 1;
                break;
            }
    }
    if (j == i)
        return 0;
    static const char *const units[] = {
        "个多月", "个月", "多天", "多周", "天",     "日",     "周",
        "週",     "星期", "礼拜", "禮拜", "个星期", "个礼拜", "月",
        "小时",   "個月", "分钟", "年",   "晚",     NULL};
    for (const char *const *u = units; *u; u++)
        if (starts_with(t + j, n - j, *u))
            return 1;
    return 0;
}

static int has_any(const char *s, size_t n, const char *const *words);
static int ends_title_part(const char *t, size_t n, size_t i);
static int drop_end(const char *s, size_t *n, const char *const *words);
static int ends_with_any(const char *s, size_t n, const char *const *words);

/* Words of tests, builds and written tests, whose pass is not the
 * candidate's interview's: "接口测试_通过", "笔试通过-一面准备". */
static const char *const test_words[] = {
    "测试", "用例", "单测",  "压测", "编译",  "构建", "校验", "验证",
    "审核", "test", "tests", "ci",   "build", "笔试", "机试", "测评",
    "oa",   "筆試", "機試",  "測評", "机考",  "機考", "上机", NULL};

/* Written tests, code built or run, whose result is none of an
 * interview's: "笔试已通过", "编译不通过的排查记录" (not 测试 of test_words,
 * a role: "测试开发一面挂了"). */
static const char *const written_tests[] = {"笔试", "机试", "测评", "编译",
                                            "构建", "单测", "用例", "压测",
                                            "机考", "上机", NULL};

/* Whether S (N bytes, folded) holds a word of test_words; one of Latin
 * letters stands alone ("ci" not in "decision", "oa" not in "board"). */
static int
has_test_word(const char *s, size_t n)
{
    for (const char *const *w = test_words; *w; w++)
        if ((unsigned char)**w >= 0x80 ? has(s, n, *w)
                                       : ivs_verdict_latin_word(s, n, *w))
            return 1;
    return 0;
}

/* Whether S (N bytes, folded) names a round of interviews (一面, 终面,
 * hr面, 第二轮): ivs_verdict_ends_with_round at some place in it. */
static int
names_a_round(const char *s, size_t n)
{
    for (size_t p = 3; p <= n; p++)
        if ((p == n || ((unsigned char)s[p] & 0xC0) != 0x80) &&
            ivs_verdict_ends_with_round(s, p))
            return 1;
    return 0;
}

static int latin_round(const char *t, size_t n);

/* Whether title T (N bytes, folded) names the record of an interview: a
 * round or an interview (二面, 系统设计面, 面试记录, 面评, 候选人评估,
 * onsite, a part that numbers the round), not write-ups, questions or
 * interviewers (面经, 面试题, 面试官, interview questions). */

static int
names_a_record(const char *t, size_t n)
{
    if (has_any(t, n,
                (const char *const[]){"面评", "候选人", "onsite", "scorecard",
                                      "feedback", NULL}) ||
        starts_with(t, n, "candidate"))
        return 1;
    /* a part that numbers the round: "hold_chenjing_r2" (not a list of
     * questions: "pass-r2-questions") */
    int questions =
        has(t, n, "question") || has(t, n, "面经") || has(t, n, "题");
    for (size_t b = 0, i = 0; i <= n && !questions; i++)
        if (i == n || t[i] == ',' || t[i] == '_' || t[i] == '-' ||
            t[i] == ' ') {
            if (i > b && latin_round(t + b, i - b))
                return 1;
            b = i + 1;
        }
    if (has(t, n, "interview") && !has(t, n, "question"))
        return 1;
    for (size_t i = 0; i + 3 <= n; i++) {
        if (memcmp(t + i, "面", 3) != 0)
            continue;
        const char *a = t + i + 3;
        size_t an = n - i - 3;
        if (starts_with(a, an, "经") || starts_with(a, an, "试题") ||
            starts_with(a, an, "试官") || starts_with(a, an, "试问题") ||
            starts_with(a, an, "筋"))
            continue;
        if (i >= 3 &&
            has_any(t + i - 3, 3,
                    (const char *const[]){"方", "页", "界", "表", "下", "上",
                                          "里", "前", "后", "外", "见", NULL}))
            continue;
        return 1;
    }
    return 0;
}

/* Whether the parts of title T (N bytes, folded, parted by commas and
 * blanks) hold a date: a part of four digits or more ("0823", "2026",
 * "20261103"). */
static int
dated_name(const char *t, size_t n)
{
    int cjk = 0;
    for (size_t i = 0; i < n && !cjk; i++)
        cjk = (unsigned char)t[i] >= 0x80;
    size_t prev_year = 0; /* a year just read: its part's end + 1 */
    for (size_t b = 0, i = 0; i <= n; i++) {
        if (i < n && t[i] != ',' && t[i] != ' ')
            continue;
        size_t k = b;
        while (k < i && t[k] >= '0' && t[k] <= '9')
            k++;
        size_t len = i - b;
        int digits = k == i && len > 0;
#define D2(p) ((t[p] - '0') * 10 + (t[(p) + 1] - '0'))
        int year = digits && len >= 4 && (D2(b) == 19 || D2(b) == 20);
        /* 20261103; a year then its month (2026-11-03); 0823 with its
         * leading 0 or in a name of Chinese words (not a port or an id:
         * "nginx-8080-reject", "hold-lock-1024") */
        if (digits && len == 8 && year && D2(b + 4) >= 1 && D2(b + 4) <= 12 &&
            D2(b + 6) >= 1 && D2(b + 6) <= 31)
            return 1;
        if (digits && prev_year == b && len <= 2 && len >= 1) {
            int m = len == 2 ? D2(b) : t[b] - '0';
            if (m >= 1 && m <= 12)
                return 1;
        }
        if (digits && len == 4 && (cjk || t[b] == '0') && D2(b) >= 1 &&
            D2(b) <= 12 && D2(b + 2) >= 1 && D2(b + 2) <= 31)
            return 1;
#undef D2
        prev_year = digits && len == 4 && year ? i + 1 : 0;
        b = i + 1;
    }
    return 0;
}

/* Whether the outcome word at I (WL bytes) of title T (N bytes, folded) is
 * its last part, after a part that names a role: an application's process,
 * "小红书-测试开发-流程终止" (not a topic's: "Java线程池_流程终止", "运维-部
 * 署流程终止", "Android开发_Activity流程终止"). */
static int
names_a_role(const char *t, size_t n, size_t i, size_t wl)
{
    /* the status is a part of its own, the last */
    if (!(i == 0 || ends_title_part(t, n, i - 1)) || i + wl != n)
        return 0;
    for (size_t b = 0, e = 0; e < i; e++) {
        if (!ends_title_part(t, n, e))
            continue;
        if (ends_with_any(t + b, e - b,
                          (const char *const[]){
                              "开发", "工程师", "研发", "岗", "实习", "测开",
                              "engineer", "developer", "sde", "swe", NULL}))
            return 1;
        b = e + 1;
    }
    return 0;
}

/* Whether the title's "过" at I (or "通过") ends it as an outcome: at the
 * end, before closing marks and particles ("海康一面过！", "一面过了"), or
 * after a dash or inside brackets ("面经-过", "（过）"). */
static int
pass_at_end(const char *t, size_t n, size_t i, size_t wl)
{
    size_t j = i + wl;
    static const char *const after[] = {"了", "啦", "!", "！", ")", "）", "】",
                                        "]",  "~",  ".", "。", "-", "～"};
    int closed = 0; /* a mark, not only 了 or 啦, came after the word */
    for (int changed = 1; changed && j < n;) {
        changed = 0;
        for (size_t k = 0; k < sizeof after / sizeof after[0]; k++)
            if (starts_with(t + j, n - j, after[k])) {
                j += strlen(after[k]);
                closed |= k >= 2;
                changed = 1;
                break;
            }
    }
    if (j == n || starts_with(t + j, n - j, ".md"))
        return 1;
    /* after a dash or in brackets, the word ends its part: "面经-过-0718",
     * "（过）", not "golang-通过channel实现超时控制", "golang-过了一遍源码" */
    if (!closed && !ends_title_part(t, n, j))
        return 0;
    return i > 0 && (t[i - 1] == '-' || t[i - 1] == '(' ||
                     (i >= 3 && (starts_with(t + i - 3, 3, "（") ||
                                 starts_with(t + i - 3, 3, "【"))));
}

/* Whether the part of title T before I names a test or a build, whose
 * pass is not the candidate's: "接口测试_通过", "单元测试通过", "压测-过". */
static int
tested_before(const char *t, size_t i)
{
    const char *const *tests = test_words;
    while (i > 0 && (t[i - 1] == '-' || t[i - 1] == '_' || t[i - 1] == ',' ||
                     t[i - 1] == ' '))
        i--;
    /* "用例全部通过", "测试都已通过" */
    while (drop_end(
        t, &i,
        (const char *const[]){"全部", "都", "均", "全", "已经", "已", NULL}))
        ;
    /* problems passed: "笔试复盘_编程题全过" */
    if (ends_with(t, i, "题"))
        return 1;
    /* a problem solved, not an interview: "leetcode-146-LRU缓存-通过" */
    if (!has(t, i, "面") &&
        (ivs_verdict_latin_word(t, i, "oj") ||
         has_any(t, i,
                 (const char *const[]){"leetcode", "力扣", "题解", NULL})))
        return 1;
    for (const char *const *w = tests; *w; w++) {
        size_t k = strlen(*w);
        if (i < k || memcmp(t + i - k, *w, k) != 0)
            continue;
        /* a word of letters stands alone: not "lucci" */
        if ((unsigned char)**w < 0x80 && i > k &&
            (t[i - k - 1] | 0x20) >= 'a' && (t[i - k - 1] | 0x20) <= 'z')
            continue;
        return 1;
    }
    return 0;
}

/* ---- the lexicon of waiting -------------------------------------------
 *
 * One reading of "the answer has not come yet", for titles and sentences
 * alike: 等通知, 等紧回覆 (Cantonese 紧: -ing), 等hr消息, 还没出结果, 面后无消息,
 * 结果未出, 没下文. The caller decides whose wait it is. */

static int drop_end(const char *s, size_t *n, const char *const *words);
static int drop_duration(const char *s, size_t *n);
/* Whether S (N bytes) ends with one of the NULL-terminated WORDS. */
static int
ends_with_any(const char *s, size_t n, const char *const *words)
{
    for (; *words; words++)
        if (ends_with(s, n, *words))
            return 1;
    return 0;
}

/* Whether S (N bytes) holds ASCII punctuation. */
static int
has_ascii_mark(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strchr("/\\|,.;:()[]<>{}=+*&^%$#@!`\"'", s[i]) && s[i])
            return 1;
    return 0;
}

/* What is waited for. */
static const char *const awaited[] = {
    "消息", "结果", "下文", "回音", "动静", "反馈", "回复", "答复", "通知",
    "音讯", "电话", "邮件", "offer", "oc", "决定", "开奖", "定夺", "回覆",
    "安排", "hr", "结论", "排名", "排序", "评审会", "评审", "审批", "签核",
    "核准", "批准", "面评",
    /* Cantonese 覆 (reply), folded: "仲未覆" */
    "复", NULL};

/* What an offer is called: after the verb of its getting ("收到录用意向邮件"
 * reads as its call), signing, or the call that brings it. Longest first
 * where one ends another. */
static const char *const offer_words[] = {
    "offerletter", "offer邮件", "录取信",     "录用信",     "录取邮件",
    "录用邮件",    "offer",     "意向书",     "录用意向",   "意向",
    "三方协议",    "三方",      "录用通知书", "录取通知书", "录用通知",
    "录取通知",    "录用函",    "聘用函",     "聘书",       NULL};

/* Words that make what is waited for a thing of programs: "等线程的结果",
 * "等待请求的回复". */
static const char *const awaited_technical[] = {
    "线程", "进程", "锁",   "任务", "请求", "接口", "异步", "回调", "信号",
    "事件", "队列", "数据", "返回", "执行", "计算", "查询", "子",   "响应",
    "io",   "连接", "节点", "服务", "函数", "方法", NULL};

/* Length of a waiting expression ending S (N bytes, folded), or 0. */
static size_t
waiting_at_end(const char *s, size_t n)
{
    size_t m = n;
    for (const char *const *a = awaited; *a; a++) {
        size_t al = strlen(*a);
        if (!ends_with(s, n, *a))
            continue;
        m = n - al;
        /* 等(紧|着|待)?(hr|公司)?: "等紧回复", "等hr通知", "等待结果" */
        size_t k = m;
        static const char *const whose[] = {"任何", "hr",     "公司",
                                            "对方", "面试官", NULL};
        static const char *const aspect[] = {"紧", "着", "待", NULL};
        static const char *const verbs[] = {"出", "给", "收到",
                                            "有", "来", NULL};
        static const char *const none[] = {
            "没有任何", "没任何", "毫无", "没有", "没", "无", "未有",
            "未",       "暂无",   "尚无", "木有", "冇", NULL};
        size_t w = k;
        drop_end(s, &w, whose);
        size_t a2 = w;
        drop_end(s, &a2, aspect);
        if (ends_with(s, a2, "等") || ends_with(s, a2, "蹲"))
            return n - (a2 - 3);
        /* a few words between: "等最后的决定", "等二面的结果", "坐等开奖" */
        for (size_t back = 1; back <= 18 && back <= w; back++) {
            size_t g = w - back;
            if (((unsigned char)s[g] & 0xC0) == 0x80)
                continue;
            size_t e = g;
            drop_end(s, &e, aspect);
            if (!ends_with(s, e, "等") && !ends_with(s, e, "蹲"))
                continue;
            /* not the papers of an offer given ("等正式录用通知"), nor
             * a list ("等待/通知") */
            /* nor the wait ended: "等了一周终于有结果了" */
            if (has_any(s + g, w - g, awaited_technical) ||
                has(s + g, w - g, "终于") || has(s + g, w - g, "总算") ||
                has_ascii_mark(s + g, w - g) || has(s + g, w - g, "不") ||
                has(s + g, w - g, "没") || has(s + g, w - g, "录用") ||
                has(s + g, w - g, "录取") || has(s + g, w - g, "offer") ||
                has(s + g, w - g, "意向"))
                break;
            return n - (e - 3);
        }
        /* (还|一直)?(没|没有|无|未)(出|给|收到|有)?: "还没出结果", "无消息";
         * not "offer" or "oc", which 没 makes a fail */
        if (al > 2) {
            size_t v = w;
            drop_end(s, &v, verbs);
            size_t z = v;
            if (drop_end(s, &z, none)) {
                drop_end(s, &z,
                         (const char *const[]){"还", "一直", "迟迟", "都", "仲",
                                               "仍然", "仍", "依然", NULL});
                return n - z;
            }
        }
    }
    /* "今天结果出不来": not out yet */
    {
        size_t c = n;
        /* of an interview ("面试官说今天结果出不来"), not a program's ("跑了
         * 半天结果出不来") */
        if (drop_end(s, &c, (const char *const[]){"出不来", NULL}) &&
            drop_end(s, &c,
                     (const char *const[]){"结果", "消息", "通知", NULL}) &&
            (has(s, c, "面") || has(s, c, "hr")))
            return n - c;
    }
    /* 结果(还)?(未|没)(出|有|下来): "结果未出" */
    static const char *const comes[] = {"出来", "下来", "出", "有", "来", NULL};
    size_t c = n;
    if (drop_end(s, &c, comes)) {
        static const char *const not_yet[] = {"没有", "没",   "未",
                                              "还没", "还未", NULL};
        if (drop_end(s, &c, not_yet)) {
            drop_end(s, &c, (const char *const[]){"还", "都", NULL});
            static const char *const what[] = {"结果", "消息", "通知", NULL};
            if (drop_end(s, &c, what))
                return n - c;
        }
    }
    return 0;
}

/* Whether the title character at T[I] (N bytes) ends a part of it: the
 * title's end, a separator or a closing mark. */
static int
ends_title_part(const char *t, size_t n, size_t i)
{
    if (i >= n || starts_with(t + i, n - i, ".md"))
        return 1;
    static const char *const seps[] = {
        "-", "_", ",", "，", "、", "(",  "（", ")", "）", "[", "]", "【", "】",
        "|", "/", "+", "!",  "！", "。", ".",  "~", "～", "—", ";", "；", NULL};
    for (const char *const *p = seps; *p; p++)
        if (starts_with(t + i, n - i, *p))
            return 1;
    return 0;
}

#define ends_with_round ivs_verdict_ends_with_round

/* "oc" as a word of its own: not a part of a Latin word ("docker"). */
static int
lone_oc(const char *t, size_t n, size_t i)
{
    return starts_with(t + i, n - i, "oc") &&
           (i == 0 || !((t[i - 1] >= 'a' && t[i - 1] <= 'z') ||
                        (t[i - 1] >= '0' && t[i - 1] <= '9'))) &&
           (i + 2 == n || !((t[i + 2] >= 'a' && t[i + 2] <= 'z') ||
                            (t[i + 2] >= '0' && t[i + 2] <= '9')));
}

/* Merges as ivs_verdict_detect() does: fail > pending > pass. */
static ivs_verdict_t
stronger(ivs_verdict_t a, ivs_verdict_t b)
{
    static const int rank[] = {0, 1, 3, 2};
    return rank[b] > rank[a] ? b : a;
}

static ivs_verdict_t line_outcome(const char *line, size_t len);
static ivs_verdict_t stage_became(const char *t, size_t n);
static int earlier_attempt(const char *t, size_t n, size_t start, size_t end);

/* Other people, in a title: "群里好几个人oc了", "室友拿到offer". */
static const char *const title_others[] = {
    "听说", "据说", "他们",   "别人",   "同学",   "朋友",   "群友",   "群里",
    "学长", "学姐", "室友",   "网友",   "有人",   "大家",   "很多人", "其他人",
    "舍友", "同事", "几个人", "两个人", "的人",   "宿舍",   "寝室",   "老三",
    "师兄", "师姐", "哥们",   "闺蜜",   "女朋友", "男朋友", NULL};

/* Words of a plan or a guide in a title: "秋招复习路线：从零到拿 offer". */
static const char *const title_plans[] = {"路线",   "计划", "攻略", "指南",
                                          "从零到", "说明", NULL};

/* Whether the outcome word at T[I] (N bytes) is supposed: "面试没通过的话
 * 还能再投吗" (的话 after it, a few characters on). */
static int
supposed_after(const char *t, size_t n, size_t i)
{
    size_t e = i + 18 < n ? i + 18 : n;
    return has(t + i, e - i, "的话");
}

/* Whether WORD ends with a Latin letter and the title T (N bytes, folded)
 * after it goes on with one ("sp" then "ring"). */
static int
latin_runs_on(const char *word, const char *t, size_t n)
{
    size_t k = strlen(word);
    return k > 0 && word[k - 1] >= 'a' && word[k - 1] <= 'z' && n > 0 &&
           t[0] >= 'a' && t[0] <= 'z';
}

/* Whether the rest of the part of title T (N bytes, folded) from FROM, at
 * most MAX bytes, ends with a round: "失败的[快手二面]", "通过[二面]". */
static int
part_ends_with_round(const char *t, size_t n, size_t from, size_t max)
{
    size_t e = from;
    while (e < n && !ends_title_part(t, n, e))
        e++;
    return e > from && e - from <= max &&
           ivs_verdict_ends_with_round(t + from, e - from);
}

/* Whether the title T (N bytes, folded) after an outcome word goes on with
 * a time before it: "前必看", "之前的准备", "以前" (not "前端", "前台"). */
static int
before_outcome(const char *t, size_t n)
{
    size_t k = starts_with(t, n, "之前") || starts_with(t, n, "以前") ? 6
               : starts_with(t, n, "前")                              ? 3
                                                                      : 0;
    /* what to do before it, not what came before it ("拿到 offer 前的最
     * 后一面", "拿到offer前后的经历") */
    return k > 0 && (starts_with(t + k, n - k, "必") ||
                     starts_with(t + k, n - k, "要") ||
                     starts_with(t + k, n - k, "需要") ||
                     starts_with(t + k, n - k, "准备") ||
                     starts_with(t + k, n - k, "的准备") ||
                     starts_with(t + k, n - k, "该") ||
                     starts_with(t + k, n - k, "应该") ||
                     starts_with(t + k, n - k, "一定"));
}

/* Whether T (I bytes, folded) sets a goal: "目标：秋招上岸", "目标拿
 * offer"; not a company or a post aimed at ("目标公司一面挂了"). */
static int
goal_before(const char *t, size_t i)
{
    for (size_t k = 0; k + 6 <= i; k++)
        if (memcmp(t + k, "目标", 6) == 0 &&
            !has_any(t + k + 6, i - k - 6 < 6 ? i - k - 6 : 6,
                     (const char *const[]){"公司", "岗位", "部门", "厂", "职位",
                                           "团队", NULL}))
            return 1;
    return 0;
}

/* Whether title T (N bytes, folded) opens by addressing others: "给…",
 * "写给…", "致…", "献给…" (the others named: title_others, 学弟, 各位). */
static int
title_addressed(const char *t, size_t n)
{
    size_t i = ivs_text_skip_marks(t, n), e = i;
    static const char *const to[] = {"写给", "献给", "送给", "给", "致", NULL};
    const char *const *w = to;
    while (*w && !starts_with(t + i, n - i, *w))
        w++;
    if (!*w)
        return 0;
    while (e < n && !ends_title_part(t, n, e) &&
           !starts_with(t + e, n - e, "：") && t[e] != ':')
        e++;
    static const char *const addressed[] = {"学弟",   "学妹", "各位", "你们",
                                            "小伙伴", "姐妹", "兄弟", "后来人",
                                            "打工人", "的你", NULL};
    return e < n && (has_any(t + i, e - i, title_others) ||
                     has_any(t + i, e - i, addressed));
}

/* Whether the title part T (N bytes, folded) is an English round number:
 * "r1", "round2" ("HK_Recruit_陳浩賢_Backend_R1_Reject"). */
static int
latin_round(const char *t, size_t n)
{
    size_t i = starts_with(t, n, "round") ? 5 : starts_with(t, n, "r") ? 1 : 0;
    if (!i || i == n || n - i > 2)
        return 0;
    for (; i < n; i++)
        if (t[i] < '0' || t[i] > '9')
            return 0;
    return 1;
}

/* The title read as the writer's sentence (the statement rules), with the
 * dashes and underscores of file names as commas ("二面 沒上QQ", "坐等开
 * 奖", "倒在最后一轮了"); or a value after a part that names a round
 * ("二面_寄", "hr面-排序中", "終面_仲等緊"). */
static ivs_verdict_t
title_statement(const char *text, size_t len)
{
    char buf[TITLE_MAX + 1], t[TITLE_MAX + 1];
    if (len > TITLE_MAX)
        return IVS_VERDICT_UNKNOWN;
    memcpy(buf, text, len);
    buf[len] = '\0';
    for (size_t i = 0; i < len; i++)
        if (buf[i] == '_' || buf[i] == '-' || buf[i] == '/' || buf[i] == '+')
            buf[i] = ',';
    ivs_verdict_t v = line_outcome(buf, len);
    if (v != IVS_VERDICT_UNKNOWN)
        return v;
    size_t n = fold_title(buf, len, t, sizeof t, TITLE_MAX);
    size_t prev = 0, prev_end = 0, start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n &&
            (((unsigned char)t[i] & 0xC0) == 0x80 || !ends_title_part(t, n, i)))
            continue;
        if (i > start && prev_end > prev &&
            (ends_with_round(t + prev, prev_end - prev) ||
             ends_with(t + prev, prev_end - prev, "面") ||
             ends_with(t + prev, prev_end - prev, "面试") ||
             ends_with_any(t + prev, prev_end - prev,
                           (const char *const[]){"onsite", "round", "final",
                                                 "interview", "screen",
                                                 NULL}) ||
             latin_round(t + prev, prev_end - prev)) &&
            !has_any(t, prev_end, title_others))
            v = stronger(v, i - start == 1 && t[start] == 'x'
                                ? IVS_VERDICT_FAIL /* "一面-X" */
                                : ivs_verdict_of_value(t + start, i - start));
        /* a labelled part, in the title of an interview: "一面 | 10.09 |
         * 结果：无了" */
        size_t rest;
        if (i > start && has(t, start, "面") &&
            ivs_verdict_summary_label(t + start, i - start, &rest) &&
            rest < i - start)
            v = stronger(
                v, ivs_verdict_of_value(t + start + rest, i - start - rest));
        /* a status in brackets, in the title of an interview: "蚂蚁一面面经
         * （流程中）" */
        if (i > start && start >= 3 && i < n &&
            (starts_with(t + start - 3, 3, "（") || t[start - 1] == '(') &&
            (starts_with(t + i, n - i, "）") || t[i] == ')') &&
            (has(t, start, "面") || has(t, start, "interview") ||
             has(t, start, "onsite")))
            v = stronger(v, ivs_verdict_of_value(t + start, i - start));
        /* an ATS status that opens the title of an interview's record, in
         * brackets or as its first part, or any part of such a file name:
         * "【淘汰】張家豪－演算法工程師－二面", "Reject_杨帆_系统设计面",
         * "面試記錄_待評估_林小姐" (not a tag: "【推荐】…面经"; not a title
         * of questions or write-ups: "offer_面经分享", "通过_面试题") */
        int bracketed = i > start && i < n &&
                        ((start == 3 && starts_with(t, 3, "【") &&
                          starts_with(t + i, n - i, "】")) ||
                         (start == 1 && t[0] == '[' && t[i] == ']'));
        /* not the second word of "no_hire" */
        int after_no = prev_end - prev == 2 && memcmp(t + prev, "no", 2) == 0;
        after_no |= prev_end - prev == 3 && memcmp(t + prev, "not", 3) == 0;
        /* which it negates: "2026Q4-sre-onsite-no_hire" */
        if (after_no && i > start && i == n && names_a_record(t, n) &&
            ivs_verdict_of_value(t + start, i - start) == IVS_VERDICT_PASS)
            v = stronger(v, IVS_VERDICT_FAIL);
        /* (a bare part that ends a thread, "结束-二面总结", needs its
         * brackets) */
        /* a part that names the round names no status: "onsite_feedback_
         * form" (of_value reads "onsite" as advanced to it) */
        int round_part =
            ends_with_round(t + start, i - start) ||
            latin_round(t + start, i - start) ||
            ends_with_any(
                t + start, i - start,
                (const char *const[]){"onsite", "final", "interview", NULL});
        if (i > start && !after_no && !round_part &&
            !has(t + start, i - start, "荐") &&
            /* not a test's: "候选人_笔试通过_一面记录", "机试OA结果_已通过" */
            !has_test_word(t + start, i - start) && !tested_before(t, start) &&
            (bracketed ||
             !has_any(t + start, i - start,
                      (const char *const[]){"结束", "终止", "关闭", NULL})) &&
            (names_a_record(t, n) ||
             /* the status closing a dated name, as ATS exports are named:
              * "0823-数据开发-周八-待复核", "eval_2026-11-03_wangqiang_reject" */
             (i == n && start > 0 && dated_name(t, start)) ||
             (start == 0 && i < n && dated_name(t + i, n - i)) ||
             /* an offer closing the name of a hiring season:
              * "2024秋招-阿里云-offer" (not "the-sword-refers-to-offer") */
             (i == n && start > 0 && i - start == 5 &&
              memcmp(t + start, "offer", 5) == 0 &&
              (has_any(t, start,
                       (const char *const[]){"秋招", "春招", "校招", "社招",
                                             NULL}) ||
               /* or of a date: "2024-08-shein-go-offer" */
               (start >= 5 && t[0] == '2' && t[1] == '0' && t[2] >= '0' &&
                t[2] <= '9' && t[3] >= '0' && t[3] <= '9' && t[4] == ',' &&
                /* the book 剑指 Offer ("sword to offer") */
                !has_any(t, n,
                         (const char *const[]){"剑指", "sword", "refers", "to,",
                                               "jianzhi", "wait", "get,",
                                               "for,", NULL}))))))
            v = stronger(v, ivs_verdict_of_value(t + start, i - start));
        if (i > start) {
            prev = start;
            prev_end = i;
        }
        start = i + (i < n ? 1 : 0);
        /* separators of three bytes */
        if (i < n && (unsigned char)t[i] >= 0x80)
            start = i + 3, i += 2;
    }
    return v;
}

ivs_verdict_t
ivs_verdict_from_title(const char *text, size_t len)
{
    char t[TITLE_MAX + 1];
    size_t n = text ? fold_title(text, len, t, sizeof t, TITLE_MAX) : 0;
    ivs_verdict_t v = IVS_VERDICT_UNKNOWN;
    /* outcomes after other people in their part of the title are theirs
     * ("群里好几个人oc了"); "网友：面完秒挂" names the writer */
    size_t others = n, any_others = 0;
    for (const char *const *w = title_others; *w; w++) {
        const char *at = strstr(t, *w);
        /* a candidate called by surname, a part of its own: "feedback_后
         * 端一面_王同学_strong-hire" */
        size_t a = at ? (size_t)(at - t) : 0;
        if (at && strcmp(*w, "同学") == 0 && a >= 3 &&
            (a == 3 || ends_title_part(t, n, a - 4)) &&
            ends_title_part(t, n, a + 6))
            continue;
        if (at && a < others)
            others = a;
    }
    /* a title that speaks to others ("给还在泡池子的朋友们：…", "致所有被挂
     * 的朋友：…"): the part addressed is theirs, from its start */
    if (title_addressed(t, n))
        others = 0;
    if (others < n) {
        any_others = 1;
        size_t e = others;
        while (e < n && !ends_title_part(t, n, e) &&
               !starts_with(t + e, n - e, "：") && t[e] != ':')
            e++;
        /* the rest, after that part, is read again, unless it goes on
         * of them: "室友的字节面经（他已oc）" */
        size_t r = e < n ? e + ((unsigned char)t[e] >= 0x80 ? 3 : 1) : n;
        if (r < n && (starts_with(t + r, n - r, "他") ||
                      starts_with(t + r, n - r, "她")))
            e = n;
        if (e < n) {
            size_t sep = (unsigned char)t[e] >= 0x80 ? 3 : 1;
            ivs_verdict_t rest =
                ivs_verdict_from_title(t + e + sep, n - e - sep);
            if (rest != IVS_VERDICT_UNKNOWN)
                return rest;
        }
    }
    /* a wait stated after a round, then a question how long it lasts:
     * "二面完 等通知 要等多久？", "终面完 等结果 一般要等几天？" (not a
     * question about waiting in general: "面试等通知一般要等多久？") */
    size_t hn = n;
    while (drop_end(t, &hn, (const char *const[]){"?", "？", NULL}))
        ;
    if (drop_end(t, &hn,
                 (const char *const[]){"还要等多久", "要等多久", "等多久",
                                       "要等几天", "等几天", "多久出结果",
                                       "多久有结果", "多久会有结果", NULL})) {
        drop_end(t, &hn,
                 (const char *const[]){"一般", "通常", "大概", "大约", NULL});
        size_t w = waiting_at_end(t, hn);
        size_t b = hn - w;
        if (w && b > 0 &&
            (has(t, b, "面完") || has(t, b, "面后") || has(t, b, "面结束") ||
             ends_with_round(t, b)))
            return IVS_VERDICT_PENDING;
    }
    /* a wait stated, then an outcome asked: "面試完兩週沒消息 是不是沒上？" */
    {
        size_t q = n;
        while (drop_end(
            t, &q, (const char *const[]){"?", "？", "…", "...", "。", NULL}))
            ;
        static const char *const asks[] = {
            "是不是", "会不会", "是否",
            /* "一面 过了几天没动静 求问" */
            "求问", "求助",
            /* "官网一直显示评估中，这算凉了吗" */
            "这算", "算不算", NULL};
        /* (not other people's wait nor one in general: "朋友面完两周没消
         * 息，是不是凉了？", "一般面完三天没消息是不是就挂了") */
        int mine = others == n && !has(t, n, "一般") && !has(t, n, "通常");
        for (const char *const *w = asks; mine && *w; w++) {
            const char *at = strstr(t, *w);
            if (at && (size_t)(at - t) < q && n - (size_t)(at - t) <= 30) {
                size_t d = (size_t)(at - t);
                while (d > 0 && (t[d - 1] == ',' || t[d - 1] == ' '))
                    d--;
                size_t w2 = waiting_at_end(t, d), b = d - w2;
                if (w2 && has(t, d, "面") && drop_duration(t, &b))
                    return IVS_VERDICT_PENDING;
                /* or a stage the site shows: "官网一直显示评估中" */
                if (d > 0 && stage_became(t, d) == IVS_VERDICT_PENDING)
                    return IVS_VERDICT_PENDING;
            }
        }
    }
    /* a plea for the result after a round: "蚂蚁 Java 一面（求求给个结果）" */
    if (has(t, n, "面") &&
        has_any(t, n,
                (const char *const[]){"给个结果", "求结果", "求个结果",
                                      "求消息", "求通知", "给个准信", NULL}))
        return IVS_VERDICT_PENDING;
    /* an outcome told, then its cause asked: "面試完收到感謝信，是哪裡出問
     * 題？" (the part before the question is read) */
    {
        static const char *const why[] = {
            "哪里出问题", "哪里出了问题", "是什么原因", "什么原因",
            "原因是什么", "哪里做得不好", NULL};
        for (const char *const *w = why; *w; w++) {
            const char *at = strstr(t, *w);
            if (!at)
                continue;
            size_t q = (size_t)(at - t);
            while (q > 0 && t[q - 1] != ',' && t[q - 1] != ' ')
                q--;
            if (q > 1 && n - (size_t)(at - t) <= 30) {
                ivs_verdict_t told = ivs_verdict_from_title(t, q - 1);
                if (told != IVS_VERDICT_UNKNOWN)
                    return told;
            }
            break;
        }
    }
    /* A question ("是不是凉了？", "服务挂了怎么办？", "一面挂了之后如何调整
          * 心态") states nothing. */
    if (memchr(t, '?', n) || strstr(t, "？") || strstr(t, "如何") ||
        strstr(t, "怎么") || strstr(t, "怎样") ||
        /* asked without a mark: "求问-意向书和正式offer有什么区别" */
        strstr(t, "求问") || strstr(t, "请问") || strstr(t, "请教") ||
        strstr(t, "什么区别") ||
        /* a form or a guide, no interview: "面评模板_通过与不通过标准",
         * "面评表（结论：通过 / 待定 / 不通过，请勾选）" */
        strstr(t, "模板") || strstr(t, "模版") || strstr(t, "标准") ||
        strstr(t, "请勾选") || strstr(t, "请选择"))
        return v;
    /* a wait stated, then a hope asked: "面試完兩週沒消息 還有機會嗎" (the
     * question is only whether there is still a chance; a span of time
     * and a round make the part before it a statement) */
    size_t qn = n;
    /* a remark in brackets after it: "…還有機會嗎（中華電信研究院）" */
    if (qn > 0 && t[qn - 1] == ')') {
        size_t o = qn - 1;
        while (o > 0 && t[o - 1] != '(' && t[o - 1] != ')')
            o--;
        if (o > 0 && t[o - 1] == '(')
            qn = o - 1;
    }
    if (drop_end(t, &qn,
                 (const char *const[]){"还有机会吗", "还有希望吗", "还有戏吗",
                                       "有机会吗", "有希望吗", "有戏吗",
                                       "还有救吗", "是正常的吗", "正常吗",
                                       "正常嗎", NULL})) {
        size_t w = waiting_at_end(t, qn);
        size_t d = qn - w;
        if (w && has(t, qn, "面") && drop_duration(t, &d))
            return IVS_VERDICT_PENDING;
        return v;
    }

    for (size_t i = 0; i < others; i++) {
        if (((unsigned char)t[i] & 0xC0) == 0x80)
            continue;
        /* Negated outcomes say nothing: "没挂", "不凉", "没给过"; nor do
         * hoped ones: "求过！", "希望能过", "蹲个oc" */
        int negated = 0;
        for (size_t back = 3; back <= 6 && back <= i; back += 3)
            negated |= starts_with(t + i - back, 3, "没") ||
                       starts_with(t + i - back, 3, "不") ||
                       starts_with(t + i - back, 3, "未");
        /* advised against: "候选人评估（不推荐录用）" */
        negated |= ends_with(t, i, "不推荐") || ends_with(t, i, "不建议") ||
                   ends_with(t, i, "不予");
        /* 能过: a pass hoped or asked ("希望这次能过", "能过吗") */
        /* fear: "别怕挂", "怕挂" */
        if (starts_with(t + i, n - i, "挂") && i >= 3 &&
            (starts_with(t + i - 3, 3, "怕") ||
             starts_with(t + i - 3, 3, "别")))
            continue;
        int hoped = (starts_with(t + i, n - i, "过") ||
                     starts_with(t + i, n - i, "通过")) &&
                    i >= 3 &&
                    (starts_with(t + i - 3, 3, "能") ||
                     starts_with(t + i - 3, 3, "会") ||
                     starts_with(t + i - 3, 3, "要") ||
                     starts_with(t + i - 3, 3, "想"));
        /* a goal set or a wish: "面试准备计划（目标：秋招上岸）", "准备清
         * 单_目标拿offer", "祝自己顺利通过" */
        if (!hoped &&
            (goal_before(t, i) || has(t, i, "心愿") || has(t, i, "梦想") ||
             has(t, i, "祝自己") || has(t, i, "祝我") || has(t, i, "预祝")))
            hoped = 1;
        /* a plan or a guide to it ("秋招复习路线：从零到拿 offer", "面试
         * 准备计划-年前拿offer"), or supposed ("面试没通过的话还能再投同
         * 一个部门吗"); not a plan after the outcome ("二面挂了_复盘和后续
         * 计划", "二面挂了，如果有HC还会捞吗") */
        if (!hoped && (has_any(t, i, title_plans) || has(t, i, "如果") ||
                       supposed_after(t, n, i)))
            hoped = 1;
        for (size_t back = 3; back <= 12 && back <= i; back += 3)
            hoped |= starts_with(t + i - back, 3, "求") ||
                     (back >= 6 && starts_with(t + i - back, 6, "许愿")) ||
                     starts_with(t + i - back, 3, "蹲") ||
                     starts_with(t + i - back, 3, "盼") ||
                     (back >= 6 && (starts_with(t + i - back, 6, "希望") ||
                                    starts_with(t + i - back, 6, "争取") ||
                                    starts_with(t + i - back, 6, "祈祷") ||
                                    starts_with(t + i - back, 6, "保佑")));
        if (hoped)
            continue;
        /* an earlier attempt in its part: "去年秋招一面挂过，这次社招再战";
         * a written test's result: "笔试已通过", "字节机试挂了" */
        {
            size_t b = i;
            while (b > 0 && !ends_title_part(t, n, b - 1))
                b--;
            if (has_any(t + b, i - b,
                        (const char *const[]){"去年", "前年", "之前", "以前",
                                              "上次", "上回", "当年", NULL}) ||
                has_any(t + b, i - b, written_tests) ||
                /* problems practised: "LeetCode刷题纪录_全部通过" */
                has_any(t, i,
                        (const char *const[]){"刷题", "leetcode", "力扣",
                                              "题解", NULL}))
                continue;
        }
        for (size_t k = 0; k < sizeof outcome_words / sizeof outcome_words[0];
             k++)
            /* the first byte settles most words at once: this loop runs
             * at every character of every title */
            if (outcome_words[k].word[0] == t[i] &&
                starts_with(t + i, n - i, outcome_words[k].word) &&
                /* a rate is no outcome: "面试通过率", "上岸率"; nor is a
                 * collection of write-ups: "offer 面经合集", "凉经汇总" */
                !has_any(t + i + strlen(outcome_words[k].word),
                         n - i - strlen(outcome_words[k].word) < 9
                             ? n - i - strlen(outcome_words[k].word)
                             : 9,
                         (const char *const[]){
                             "率", "合集", "汇总", "大全", "集锦", "期间",
                             /* advice on it: "面试失败也别灰心", "第一个offer
                              * 选大厂还是小厂", "拿到ssp的秘诀" */
                             "也别", "灰心", "的秘诀", "需要", "选大厂", "还是",
                             "的十", "案例",
                             /* what the outcome
                                                * qualifies: "面试不通过的常
                                                * 见原因" */
                             "的原因", "的常见", "的理由", "的几种", NULL}) &&
                /* a Latin word whole: "已拿 sp", not "已拿spring" */
                !latin_runs_on(outcome_words[k].word,
                               t + i + strlen(outcome_words[k].word),
                               n - i - strlen(outcome_words[k].word)) &&
                /* a time before it: "拿offer前必看", "上岸之前的准备" (not
                 * "offer前端") */
                !before_outcome(t + i + strlen(outcome_words[k].word),
                                n - i - strlen(outcome_words[k].word)) &&
                /* 挂过: failed once ("一面挂过") */
                !(ends_with(outcome_words[k].word,
                            strlen(outcome_words[k].word), "挂") &&
                  starts_with(t + i + strlen(outcome_words[k].word),
                              n - i - strlen(outcome_words[k].word), "过")) &&
                /* "等待中（已过两周）": time passed */
                !(outcome_words[k].verdict == IVS_VERDICT_PASS &&
                  ends_with(outcome_words[k].word,
                            strlen(outcome_words[k].word), "过") &&
                  time_follows(t, n, i + strlen(outcome_words[k].word))) &&
                /* an ATS's end of a process, of a record ("候选人孙七_测开_
                 * 流程终止", not "Java线程池_流程终止"); a failed
                 * interview, not its people ("失败的面试者") */
                !(starts_with(outcome_words[k].word,
                              strlen(outcome_words[k].word), "流程") &&
                  !names_a_record(t, n) &&
                  !names_a_role(t, n, i, strlen(outcome_words[k].word))) &&
                !(starts_with(outcome_words[k].word,
                              strlen(outcome_words[k].word), "失败的面试") &&
                  has_any(t + i + strlen(outcome_words[k].word),
                          n - i - strlen(outcome_words[k].word) < 3
                              ? n - i - strlen(outcome_words[k].word)
                              : 3,
                          (const char *const[]){"者", "官", NULL})) &&
                /* the offer awaited after a pass: "终面通过_等offer" */
                !(v == IVS_VERDICT_PASS &&
                  ivs_verdict_offer_to_come(outcome_words[k].word,
                                            strlen(outcome_words[k].word))))
                /* a pass negated is a fail: "没上岸", "没拿到offer" */
                v = stronger(
                    v, negated && outcome_words[k].verdict != IVS_VERDICT_FAIL
                           ? (outcome_words[k].verdict == IVS_VERDICT_PASS
                                  ? IVS_VERDICT_FAIL
                                  : IVS_VERDICT_UNKNOWN)
                           : outcome_words[k].verdict);
        /* "趋势科技-面试-录取", "（录用）": the word ends a part; negated
         * ("不予录取", "没录用") a fail */
        if ((starts_with(t + i, n - i, "录取") ||
             starts_with(t + i, n - i, "录用")) &&
            (ends_title_part(t, n, i + 6) || negated) &&
            !starts_with(t + i + 6, n - i - 6, "率"))
            v = stronger(v, negated ? IVS_VERDICT_FAIL : IVS_VERDICT_PASS);
        /* "记一次失败的百度面试": a failed interview, the company between */
        if (starts_with(t + i, n - i, "失败的") && !negated) {
            size_t e = i + 9, lim = i + 9 + 18 < n ? i + 9 + 18 : n;
            if ((has(t + e, lim - e, "面试") || has(t + e, lim - e, "面经")) &&
                !has(t + e, lim - e, "面试者") &&
                !has(t + e, lim - e, "面试官") &&
                !has(t + e, lim - e, "面试题"))
                v = stronger(v, IVS_VERDICT_FAIL);
        }
        /* "面試 正取！", "銀行面試-備取": a list's word ending a part */
        int admitted = starts_with(t + i, n - i, "正取");
        if ((admitted || starts_with(t + i, n - i, "备取")) &&
            ends_title_part(t, n, i + 6) && has(t, i, "面") && !negated)
            v = stronger(v, admitted ? IVS_VERDICT_PASS : IVS_VERDICT_PENDING);
        /* "二面 沒上 心得分享": 没上 just after a round, in the middle of a
         * title too (not "二面没上过的题", "没上线") */
        if (starts_with(t + i, n - i, "没上") && ends_with_round(t, i) &&
            !has_any(t + i + 6, n - i - 6 < 3 ? n - i - 6 : 3,
                     (const char *const[]){"过", "线", "班", "课", "手", "岸",
                                           "去", "来", "车", "场", NULL}))
            v = stronger(v, IVS_VERDICT_FAIL);
        /* "二面过-0718", "一面过，约二面" */
        if (starts_with(t + i, n - i, "过") && !negated &&
            ends_with_round(t, i) && ends_title_part(t, n, i + 3))
            v = stronger(v, IVS_VERDICT_PASS);
        /* "终面-还没出结果", "面后无消息", "第二轮_等紧回复": a wait, in a
         * title that names a round */
        if (i > 0 && ends_title_part(t, n, i) &&
            !ends_title_part(t, n, i - 1)) {
            size_t w = waiting_at_end(t, i);
            if (w &&
                (has(t, i - w, "面") || has(t, i - w, "轮") ||
                 has(t, i - w, "hr") || w == i) &&
                !(v == IVS_VERDICT_PASS &&
                  ivs_verdict_offer_to_come(t + i - w, w)))
                v = stronger(v, IVS_VERDICT_PENDING);
        }
        if (lone_oc(t, n, i))
            v = stronger(v, IVS_VERDICT_PASS);
        if (starts_with(t + i, n - i, "挂") && pass_at_end(t, n, i, 3) &&
            !negated)
            v = stronger(v, IVS_VERDICT_FAIL);
        /* "面完就凉", "三面（凉）"; not a fear ("感觉要凉") */
        if (starts_with(t + i, n - i, "凉") && pass_at_end(t, n, i, 3) &&
            !negated && has(t, i, "面") &&
            !(i >= 3 && (starts_with(t + i - 3, 3, "要") ||
                         starts_with(t + i - 3, 3, "会") ||
                         starts_with(t + i - 3, 3, "快") ||
                         starts_with(t + i - 3, 3, "怕"))))
            v = stronger(v, IVS_VERDICT_FAIL);
        /* "台积电-二面-没上", "联发科_面试_上了" (Taiwan: 上 = admitted) */
        if (i > 0 && ends_title_part(t, n, i - 1) && has(t, i, "面")) {
            if ((starts_with(t + i, n - i, "上了") ||
                 starts_with(t + i, n - i, "有上")) &&
                ends_title_part(t, n, i + 6))
                v = stronger(v, IVS_VERDICT_PASS);
            if (starts_with(t + i, n - i, "没上") &&
                (ends_title_part(t, n, i + 6) ||
                 starts_with(t + i + 6, n - i - 6, "了")))
                v = stronger(v, IVS_VERDICT_FAIL);
        }
        /* "二面 ✅", "三面❌", "三面（11.02）✘": a mark after a round */
        size_t before_mark = i;
        if (i >= 3 && (t[i - 1] == ')' || ends_with(t, i, "）"))) {
            size_t o = i - (t[i - 1] == ')' ? 1 : 3);
            while (o > 0 && t[o - 1] != '(' && !ends_with(t, o, "（") &&
                   i - o < 24)
                o--;
            if (o > 0 && (t[o - 1] == '(' || ends_with(t, o, "（")))
                before_mark = o - (t[o - 1] == '(' ? 1 : 3);
        }
        if (before_mark >= 3 && ends_with_round(t, before_mark)) {
            static const char *const yes[] = {"✅", "✔", "☑", NULL};
            static const char *const no[] = {"❌", "✗", "✘", "❎", NULL};
            for (const char *const *m = yes; *m; m++)
                if (starts_with(t + i, n - i, *m))
                    v = stronger(v, IVS_VERDICT_PASS);
            for (const char *const *m = no; *m; m++)
                if (starts_with(t + i, n - i, *m))
                    v = stronger(v, IVS_VERDICT_FAIL);
        }
        if (starts_with(t + i, n - i, "过") && !negated &&
            !(i >= 3 && starts_with(t + i - 3, 3, "通")) &&
            /* 过 of a thing once done: "（去年挂过）" */
            !(i >= 3 && (starts_with(t + i - 3, 3, "挂") ||
                         starts_with(t + i - 3, 3, "面"))) &&
            pass_at_end(t, n, i, 3) && !tested_before(t, i))
            v = stronger(v, IVS_VERDICT_PASS);
        if (starts_with(t + i, n - i, "通过") && !negated &&
            pass_at_end(t, n, i, 6) && !tested_before(t, i))
            v = stronger(v, IVS_VERDICT_PASS);
        /* rounds all passed: "阿里云一面二面三面 全过" */
        if (starts_with(t + i, n - i, "全过") && i >= 3 &&
            ivs_verdict_ends_with_round(t, i) &&
            !starts_with(t + i + 6, n - i - 6, "程"))
            v = stronger(v, IVS_VERDICT_PASS);
        /* a round that failed: "记一次失败的快手二面" */
        if (starts_with(t + i, n - i, "失败的") && !negated &&
            part_ends_with_round(t, n, i + 9, 24))
            v = stronger(v, IVS_VERDICT_FAIL);
        /* a round passed, its part: "面試紀錄_黃冠宇_通過二面" */
        if (starts_with(t + i, n - i, "通过") && !negated &&
            (i == 0 || ends_title_part(t, n, i - 1)) && names_a_record(t, n) &&
            /* (not negated, hoped or practised in a part before it:
             * "没能_通过二面", "准备_通过一面", "模拟面试-通过一面") */
            !has_any(t, i,
                     (const char *const[]){"没", "未", "差点", "准备", "求",
                                           "模拟", "如何", "怎么", "checklist",
                                           "攻略", "技巧", "计划", NULL}) &&
            part_ends_with_round(t, n, i + 6, 12))
            v = stronger(v, IVS_VERDICT_PASS);
    }
    size_t w = waiting_at_end(t, n);
    if (w &&
        (has(t, n - w, "面") || has(t, n - w, "轮") || has(t, n - w, "hr") ||
         w == n) &&
        !(v == IVS_VERDICT_PASS && ivs_verdict_offer_to_come(t + n - w, w)))
        v = stronger(v, IVS_VERDICT_PENDING);
    if (v == IVS_VERDICT_UNKNOWN && n > 0 && !any_others &&
        !has_any(t, n, title_plans))
        v = title_statement(text, len);
    /* A blank between two words of Chinese parts a title as a comma does,
     * but folding drops it: "蝦皮 Backend 二面 結果還沒出來 先記錄題目" is
     * read again with commas there. */
    if (v == IVS_VERDICT_UNKNOWN && text && len <= TITLE_MAX) {
        char c[TITLE_MAX + 1];
        int blanks = 0;
        memcpy(c, text, len);
        for (size_t i = 1; i + 1 < len; i++)
            if (c[i] == ' ' && (unsigned char)c[i - 1] >= 0x80 &&
                (unsigned char)c[i + 1] >= 0x80) {
                c[i] = ',';
                blanks = 1;
            }
        /* only a wait, in the title of a round: "考研 录取 分数线", "面试
         * 挂 的 原因 分析" are words, not parts */
        if (blanks && names_a_round(t, n)) {
            ivs_verdict_t w = ivs_verdict_from_title(c, len);
            if (w == IVS_VERDICT_PENDING)
                v = w;
        }
    }
    return v;
}

/* ---- outcomes stated in the text ---------------------------------------
 *
 * Candidates tell the outcome in a sentence anywhere in a write-up: "一面
 * 过了，下面是二面的问题", "最后还是挂在了三面", "第二天hr打电话说过了",
 * "二面完第二天就收到了感谢信". A clause states an outcome when it ends
 * with an outcome expression whose subject is the interview or the writer
 * (a round, 面试, 我, or an adverb of ending such as 最后, 结果): "服务挂了"
 * and "这题做过" do not. Lines that ask, quote, suppose or report other
 * people's results say nothing, nor do clauses of belief or hope. */

#define STATEMENT_LINE_MAX 1024

/* Whether S (N bytes) contains one of the NULL-terminated WORDS. */
static int
has_any(const char *s, size_t n, const char *const *words)
{
    for (; *words; words++)
        if (has(s, n, *words))
            return 1;
    return 0;
}

/* Drops from the end of S (*N bytes) the first of WORDS it ends with;
 * returns 1 when one was dropped. */
static int
drop_end(const char *s, size_t *n, const char *const *words)
{
    for (; *words; words++)
        if (ends_with(s, *n, *words)) {
            *n -= strlen(*words);
            return 1;
        }
    return 0;
}

/* A line whose statements are never the writer's outcome: it asks, it
 * supposes, or it reports on other people. */
static const char *const line_not_own[] = {
    "?", "？", "吗", "如果", "要是", "假如", "万一", "倘若", "若是", "的话",
    "只要", "如何", "上一家", "上家", "另一家", "另一间", "别间", "自述",
    "他说",
    /* a goal set: "目标：秋招上岸" (folded) */
    "目标:",
    /* the candidate's questions: "候选人问了 offer 的薪资结构", "候选人询
     * 问 offer 发放时间" */
    "候选人问", "询问offer", "问了offer",
    /* what the candidate told of other interviews: "候选人提到今年 3 月在
     * 美团面到三面被挂" (earlier attempts of the writer: earlier_attempt) */
    "提到", "提及", "说起", "自我介绍", "她说", "好几次", "每次", "屡次",
    "多次", "听说", "据说", "他们", "很多人", "认识的", "身边", "同事", "同组",
    "同批", "几个人", "两个人", "人都", "宿舍", "寝室", "老二", "老三", "老四",
    "老五", "老六",
    /* round 6: "候选人说目前手上有拼多多 offer，快手三面挂了" */
    "候选人说", "候选人表示", "候选人称", NULL};

/* The people around the writer, whose results are theirs ("室友一面挂了"):
 * read in every line (of_others) and at the head of a closing line
 * (ivs_verdict_line_of_others). */
static const char *const other_people[] = {
    "同学",   "朋友",   "群友", "学长", "学姐", "室友", "网友",
    "舍友",   "师兄",   "师姐", "师弟", "师妹", "哥们", "闺蜜",
    "女朋友", "男朋友", "表哥", "表姐", "发小", "同届", NULL};

/* Whether T (N bytes, folded) asks why (为什么, 为啥), not as the topic
 * talked of or asked by the interviewer ("聊了为什么离职") nor unknown to
 * the writer ("不知道为什么挂了"). */
static int
asks_why(const char *t, size_t n)
{
    for (size_t i = 0; i + 6 <= n; i++) {
        if (!(i + 9 <= n && memcmp(t + i, "为什么", 9) == 0) &&
            memcmp(t + i, "为啥", 6) != 0)
            continue;
        if (!(ends_with_any(t, i,
                            (const char *const[]){"聊了", "问了", "聊", "问",
                                                  "讲了", "聊到", "问到",
                                                  /* "不知道为什么挂了" tells */
                                                  "不知道", NULL})))
            return 1;
    }
    return 0;
}

/* Whether a verb of choosing stands shortly before T[I]: "决定找更资深的
 * 人", "团队最后选了别人", "录用了其他人". */
static int
chosen_before(const char *t, size_t i)
{
    size_t from = i > 27 ? i - 27 : 0;
    return has_any(
        t + from, i - from,
        (const char *const[]){"找", "选", "录用", "招了", "要了", NULL});
}

/* Whether the line T up to N bytes asks, supposes or reports on other
 * people (line_not_own); "所有人", "没有人" are no one in particular. */
static int
of_others(const char *t, size_t n)
{
    if (has_any(t, n, line_not_own) || has_any(t, n, other_people) ||
        asks_why(t, n))
        return 1;
    /* 怎么 asks ("怎么又挂了"), but not after a negation: "面试官都没怎么
     * 回答" is "hardly" */
    int how = has(t, n, "怎么");
    for (size_t i = 0; how && i + 6 <= n; i++)
        if (memcmp(t + i, "怎么", 6) == 0 &&
            !(i >= 3 && (memcmp(t + i - 3, "没", 3) == 0 ||
                         memcmp(t + i - 3, "不", 3) == 0)))
            return 1;
    /* a question asked ("是不是挂了"), not one the writer cannot answer
     * yet ("已经泡池子两周了，不知道能不能捞出来": that clause alone is
     * unsure) */
    static const char *const asks[] = {"是否",   "是不是", "会不会",
                                       "能不能", "有没有", NULL};
    for (const char *const *w = asks; *w; w++) {
        size_t k = strlen(*w);
        for (size_t i = 0; i + k <= n; i++)
            if (memcmp(t + i, *w, k) == 0 &&
                !(i >= 9 && memcmp(t + i - 9, "不知道", 9) == 0) &&
                !(i >= 9 && memcmp(t + i - 9, "不确定", 9) == 0) &&
                /* a choice someone else makes first: "要等第一顺位的候选
                 * 人确认是否接 offer" */
                !(i >= 6 && memcmp(t + i - 6, "确认", 6) == 0) &&
                !(i >= 6 && memcmp(t + i - 6, "决定", 6) == 0))
                return 1;
    }
    for (size_t i = 0; i + 6 <= n; i++) {
        /* other people ("面的人都挂了", "别人拿到了"), not the one chosen
         * instead of the writer ("决定找更资深的人", "选了别人") */
        if ((memcmp(t + i, "的人", 6) == 0 || memcmp(t + i, "别人", 6) == 0 ||
             (i + 9 <= n && memcmp(t + i, "其他人", 9) == 0)) &&
            !chosen_before(t, i) &&
            /* the others the writer is weighed against: "还在比较其他人
             * 选", "要和其他候选人对比" */
            !(i >= 3 &&
              (memcmp(t + i - 3, "较", 3) == 0 ||
               memcmp(t + i - 3, "比", 3) == 0 ||
               /* or still seen: "还在看其他人" (not "去面的人") */
               (i + 9 <= n && memcmp(t + i, "其他人", 9) == 0 && i >= 6 &&
                (memcmp(t + i - 6, "在看", 6) == 0 ||
                 memcmp(t + i - 6, "在面", 6) == 0 ||
                 memcmp(t + i - 6, "看看", 6) == 0 ||
                 memcmp(t + i - 6, "再看", 6) == 0)) ||
               /* or awaited: "要等其他人面完统一出结果" */
               (i >= 3 && memcmp(t + i - 3, "等", 3) == 0) ||
               memcmp(t + i - 3, "和", 3) == 0 ||
               memcmp(t + i - 3, "跟", 3) == 0 ||
               memcmp(t + i - 3, "与", 3) == 0)))
            return 1;
        if (memcmp(t + i, "有人", 6) == 0 &&
            !(i >= 3 && (memcmp(t + i - 3, "所", 3) == 0 ||
                         memcmp(t + i - 3, "没", 3) == 0)))
            return 1;
        /* another company's outcome ("别家也挂了"), not the writer's
         * offers held back ("先别急着拒别家") */
        if (memcmp(t + i, "别家", 6) == 0 &&
            !(i >= 3 && memcmp(t + i - 3, "拒", 3) == 0) &&
            !(i >= 6 && memcmp(t + i - 6, "拒掉", 6) == 0))
            return 1;
        /* "大家都过了" is theirs; "跟大家汇报", "告诉大家" speak to them */
        if (memcmp(t + i, "大家", 6) == 0 &&
            !(i >= 3 && (memcmp(t + i - 3, "跟", 3) == 0 ||
                         memcmp(t + i - 3, "给", 3) == 0 ||
                         memcmp(t + i - 3, "和", 3) == 0 ||
                         memcmp(t + i - 3, "向", 3) == 0 ||
                         memcmp(t + i - 3, "诉", 3) == 0 ||
                         memcmp(t + i - 3, "谢", 3) == 0)))
            return 1;
    }
    return 0;
}

/* of_others() of the line T up to N bytes without its quotations: the
 * words quoted are someone's to the writer ('面试官最后说"我这边没问题，后面
 * 会有同事联系你"，当晚就约了三面': the colleague is no other candidate). */
static int
of_others_unquoted(const char *t, size_t n)
{
    char buf[STATEMENT_LINE_MAX + 1];
    size_t o = 0;
    int quoted = 0;
    for (size_t k = 0; k < n && o < STATEMENT_LINE_MAX;) {
        int open = starts_with(t + k, n - k, "“") ||
                   starts_with(t + k, n - k, "「") || (t[k] == '"' && !quoted);
        int close = starts_with(t + k, n - k, "”") ||
                    starts_with(t + k, n - k, "」") || (t[k] == '"' && quoted);
        if (open || close) {
            quoted = open && !close ? 1 : open && close ? !quoted : 0;
            k += t[k] == '"' ? 1 : 3;
            continue;
        }
        if (!quoted)
            buf[o++] = t[k];
        k++;
    }
    /* a quotation left open is no quotation: read the line as it is */
    if (quoted)
        return of_others(t, n);
    return of_others(buf, o);
}

int
ivs_verdict_line_of_others(const char *t, size_t n)
{
    /* the people only: a closing question or supposition ("是否", "多次")
     * is read by the rules of the last lines */
    return has_any(t, n, other_people);
}

/* A clause of belief, hope or ignorance ("本来以为稳了", "希望能过")
 * states nothing, except an expectation of waiting, which is still a wait
 * ("估计要泡一阵池子了"): the words of expectation, of impression (a wait
 * expected with them is one), and the others. */
static const char *const clause_expect[] = {"估计", "应该", "可能",
                                            "大概", "八成", NULL};
static const char *const clause_soft_unsure[] = {"感觉", "觉得", "似乎", "好像",
                                                 NULL};
static const char *const clause_hedges[] = {
    "以为", "希望", "担心", "不知道", "祈祷", "保佑", "但愿", "怕", "不要",
    "即便", "即使", "哪怕", "就算", "不妨",
    /* a goal: "目标拿offer", "目标：秋招上岸" (not "目标公司一面挂了"); a
     * wish: "祝自己顺利通过" */
    "目标：", "目标:", "目标是", "目标拿", "目标上岸", "祝自己", "祝我", "预祝",
    NULL};
/* unsure in a clause, but words that also grade ("基础一般", "表现特别
 * 好"), plan or address the candidate in a letter ("恭喜您") */
static const char *const clause_hard_unsure[] = {"准备", "你",   "您",   "别",
                                                 "一般", "通常", "往往", NULL};

/* Words of tests, code and systems: what passes or crashes there is not
 * the candidate ("测试用例都过了", "主节点挂了"). */
static const char *const clause_technical[] = {
    "测试", "用例", "编译", "代码", "单测", "题", "审核", "审批", "校验",
    "验证", "case", "test",
    /* programs at work: "进程最后挂在了锁上", "服务器又挂了" */
    "进程", "线程", "内存", "死锁", "服务器", NULL};

/* Whether T (N bytes, folded) speaks of tests, code or systems
 * (clause_technical); not 审批 and 审核 that review a hire ("结果待部门 VP
 * 审批", "HR：offer 审批已走完", "业务还在走 HC 审批"), nor the 题 of "no
 * problem" ("我这边没问题") or of the questions asked ("基础题问到这里已经
 * 可以判断不通过了"). */
static int
technical_line(const char *t, size_t n)
{
    if (!has_any(t, n, clause_technical))
        return 0;
    static const char *const hire[] = {
        "结果",   "结论",   "offer",  "录用", "录取", "hc",
        "面评",   "意向书", "候选人", "入职", "薪资", "部门",
        "负责人", "主管",   "总监",   "vp",   NULL};
    for (const char *const *w = clause_technical; *w; w++) {
        size_t k = strlen(*w);
        for (size_t i = 0; i + k <= n; i++) {
            if (memcmp(t + i, *w, k) != 0)
                continue;
            if ((strcmp(*w, "审批") == 0 || strcmp(*w, "审核") == 0) &&
                has_any(t, n, hire))
                continue;
            /* the questions that follow: "题目如下", "题目大概是这些" */
            if (strcmp(*w, "题") == 0 &&
                (starts_with(t + i + 3, n - i - 3, "目如下") ||
                 starts_with(t + i + 3, n - i - 3, "目大概") ||
                 starts_with(t + i + 3, n - i - 3, "目整理") ||
                 starts_with(t + i + 3, n - i - 3, "如下")))
                continue;
            if (strcmp(*w, "题") == 0 &&
                ((i >= 6 &&
                  (ends_with(t, i, "没问") || ends_with(t, i, "沒問"))) ||
                 (i >= 12 && ends_with(t, i, "没什么问")) ||
                 (i >= 9 && ends_with(t, i, "没啥问")) ||
                 starts_with(t + i + 3, n - i - 3, "问")))
                continue;
            return 1;
        }
    }
    return 0;
}

/* The people who decide a hire. */
static const char *const hirers[] = {"主管", "面试官", "hr",   "leader",
                                     "老板", "总监",   "经理", NULL};

/* Whether S (N bytes) is exactly one of WORDS. */
static int
is_one_of(const char *s, size_t n, const char *const *words)
{
    for (; *words; words++)
        if (strlen(*words) == n && memcmp(s, *words, n) == 0)
            return 1;
    return 0;
}

/* Adverbs that may stand between the subject and the outcome; the
 * first six also say "in the end", which makes a subject of their own. */
static const char *const final_adverbs[] = {
    "最后", "还是", "结果", "果然", "最终", "终究", "总之", "反正", "总而言之",
    /* a conclusion drawn: "那就是挂了呗", "翻译一下就是没戏了" */
    "那就是", "也就是", "就是说", "等于是", "等于", "相当于", "算是", "那就",
    /* from what was seen: "官网进度变成了二面，看来是过了" */
    "看来是", "看来", "总之是", "反正是", NULL};
static const char *const other_adverbs[] = {
    "就是", "也", "又", "就", "都", "已经", "已", "直接", "居然", "竟然",
    "当然是", "当然", "显然", "果然是", "毫无疑问", "顺利", "成功", "终于",
    "被", "惨", "真的", "真系", "真是", "真",
    /* time words: "二面当天就通过了", "面完第二天就挂了" */
    "当天", "今天", "昨天", "第二天", "隔天", "当场", "很快", "马上", "立马",
    "晚上", "下午", "上午", "早上", "中午", "当晚",

    /* knowing it: "面完就知道寄了" ("不知道" is unsure) */
    "知道",
    /* judged: "这轮基本判挂了" */
    "基本上", "基本", "判定", "判", NULL};

/* Subjects of an outcome: a round or the interview, the writer, or the
 * one who tells it ("面完", "hr说", "通知"). */
/* (not 笔试: a written test passed is no interview's outcome, "笔试过了，
 * 下周一面") */
static const char *const outcome_subjects[] = {
    "面试", "我", "通知", "面完", "简历", "这次", "这回", "本次", "今次",
    /* "HM 面谈通过" */
    "面谈", NULL};

/* Whether S (N bytes) ends with a round: "一面", "这一面", "终面", "hr面",
 * "技术面", "三轮", "这轮", and the rounds of an exam's names ("初试",
 * "复试", "终试"); not a word that ends with 面 or 轮 ("页面", "界面",
 * "货轮") or 试 ("测试", "考试"). */
int
ivs_verdict_ends_with_round(const char *s, size_t n)
{
    static const char *const before_mian[] = {
        "一",   "二",   "三",   "四",     "五",   "六",   "七",   "八",
        "九",   "十",   "终",   "这",     "hr",   "技术", "业务", "交叉",
        "主管", "总监", "群",   "单",     "现场", "视频", "电话", "加",
        "复",   "初",   "综合", "leader", NULL};
    static const char *const before_lun[] = {
        "一", "二", "三", "四", "五", "六", "七", "八",     "九",
        "十", "两", "几", "这", "本", "首", "终", "最后一", NULL};
    size_t m = n;
    const char *const *before = NULL;
    if (ends_with(s, n, "初试") || ends_with(s, n, "复试") ||
        ends_with(s, n, "终试"))
        return 1;
    /* English rounds, folded: "final round 過咗", "onsite 过了" */
    static const char *const english[] = {
        "finalround", "firstround", "secondround", "thirdround", "lastround",
        "1stround",   "2ndround",   "3rdround",    "onsite",     NULL};
    if (n >= 6 && (unsigned char)s[n - 1] < 0x80) {
        for (const char *const *w = english; *w; w++)
            if (ends_with(s, n, *w) &&
                (n == strlen(*w) || !((s[n - strlen(*w) - 1] | 0x20) >= 'a' &&
                                      (s[n - strlen(*w) - 1] | 0x20) <= 'z')))
                return 1;
        return 0;
    }
    /* a stage in Taiwan's wording: "第一關", "最後一關" */
    static const char *const before_guan[] = {
        "第一", "第二", "第三", "第四", "第五", "最后一", "最後一", NULL};
    if (ends_with(s, n, "面"))
        before = before_mian;
    else if (ends_with(s, n, "关") || ends_with(s, n, "關"))
        before = before_guan;
    else if (ends_with(s, n, "轮"))
        before = before_lun;
    else
        return 0;
    m -= 3;
    if (m > 0 && s[m - 1] >= '0' && s[m - 1] <= '9')
        return before != before_guan; /* "1面", "3轮"; not "第3关", a level */
    for (; *before; before++)
        if (ends_with(s, m, *before))
            return 1;
    return 0;
}

/* Whether the head of a clause (HEAD bytes before its outcome word) ends
 * with a subject of the outcome, after the adverbs; an adverb of ending
 * alone ("最后挂了") is one unless STRICT ("最终通过 JEP 444" is "via"). */
/* Drops the adverbs (final_adverbs, other_adverbs) from the end of the
 * head of a clause (S, *HEAD bytes); returns whether one of ending was
 * among them. */
static int
drop_adverbs(const char *s, size_t *head)
{
    int final = 0;
    for (int changed = 1; changed && *head > 0;) {
        changed = 0;
        if (drop_end(s, head, final_adverbs))
            changed = final = 1;
        else if (drop_end(s, head, other_adverbs))
            changed = 1;
        else {
            /* a day counted: "面完第五天", "三天后", "过了一周" */
            size_t h = *head, d = h;
            int after = drop_end(s, &d, (const char *const[]){"后", NULL});
            if (drop_duration(s, &d) &&
                (after ||
                 drop_end(s, &d, (const char *const[]){"第", "过了", NULL})) &&
                ends_with_any(s, d,
                              (const char *const[]){"面完", "面后", "面试后",
                                                    "面试完", "面试结束",
                                                    NULL})) {
                *head = d;
                changed = 1;
            }
        }
    }
    return final;
}

static int
has_subject_of(const char *s, size_t head, int strict)
{
    int final = drop_adverbs(s, &head);
    if (final && !strict)
        return 1;
    for (const char *const *w = outcome_subjects; *w; w++)
        if (ends_with(s, head, *w))
            return 1;
    return ends_with_round(s, head);
}

static int
has_subject(const char *s, size_t head)
{
    return has_subject_of(s, head, 0);
}

/* Whether the head of a clause (HEAD bytes) is nothing but adverbs and
 * words of time: "当天晚上", "第二天就". */
static int
only_adverbs(const char *s, size_t head)
{
    drop_adverbs(s, &head);
    return head == 0;
}

/* Whether the head of "说过了" (HEAD bytes, ending with 说) is a round
 * that tells its result: "一面当场就说". */
static int
round_tells(const char *s, size_t head)
{
    size_t h = head;
    drop_end(s, &h, (const char *const[]){"说", NULL});
    while (drop_end(s, &h, other_adverbs))
        ;
    return ends_with_round(s, h);
}

/* Whether the head of "说过了", "说上了" (HEAD bytes) has someone tell a
 * result: hr, a call, a mail ("收到 email 说", "来信说"), the interviewer,
 * a round ("一面当场就说"). */
static int
told_by(const char *s, size_t head)
{
    return has(s, head, "hr") || has(s, head, "电话") || has(s, head, "通知") ||
           has(s, head, "面试官") || has(s, head, "邮件") ||
           has(s, head, "人资") || has(s, head, "recruiter") ||
           has(s, head, "mail") || has(s, head, "来信") ||
           has(s, head, "短信") || has(s, head, "信件") ||
           has(s, head, "招聘") || round_tells(s, head);
}

/* "二面", "三面", "终面", "hr面", "下一轮", "下一面": a round that follows
 * another, ending S (N bytes); its length or 0. */
static size_t
next_round_at_end(const char *s, size_t n)
{
    static const char *const rounds[] = {"下一轮", "下一面", "下一关", "二面",
                                         "三面",   "四面",   "五面",   "终面",
                                         "hr面",   "复试",   "交叉面", "主管面",
                                         "总监面", "加面",   NULL};
    size_t m = n;
    static const char *const tails[] = {"面试", "邀请", "通知", "的", NULL};
    while (drop_end(s, &m, tails))
        ;
    for (const char *const *w = rounds; *w; w++)
        if (ends_with(s, m, *w))
            return n - (m - strlen(*w));
    return 0;
}

/* Whether the head of a waiting clause (HEAD bytes before "等通知") has the
 * writer wait, not a thread or a request ("其他线程等待结果"): nothing, a
 * word of time or telling, the interview, hr or the writer. */
static int
waits_the_writer(const char *s, size_t head)
{
    static const char *const lead[] = {
        "在",   "还在", "正在", "目前", "现在", "说",   "让",   "让我", "叫我",
        "要我", "继续", "慢慢", "安心", "乖乖", "就",   "先",   "还",   "一直",
        "然后", "之后", "后",   "只能", "接着", "完",   "耐心", "喺度", "仲",
        "仍然", "仍",   "依然", "好",   "很",   "真",   "特别", "非常", "说是",
        "还是", "依旧", "已经", "而家", "依家", "宜家", "就是", "说会", NULL};
    if (head == 0 || has(s, head, "hr") || has(s, head, "面") ||
        has(s, head, "我") || has(s, head, "recruiter") ||
        /* the ones who decide: "用人部门还在看其他人" */
        has(s, head, "部门") || has(s, head, "主管") || has(s, head, "leader"))
        return 1;
    for (const char *const *w = lead; *w; w++)
        if (ends_with(s, head, *w))
            return 1;
    return 0;
}

/* Drops a span of time from the end of S (*N bytes): "两周", "一个多月",
 * "十几天", "3 天" ("泡池子两周了" is a wait); returns whether it did. */
static int
drop_duration(const char *s, size_t *n)
{
    /* in both scripts: the line may not be folded yet */
    static const char *const units[] = {"天",   "周",   "週",   "星期", "礼拜",
                                        "禮拜", "个月", "個月", "月",   "小时",
                                        "小時", "日",   NULL};
    static const char *const numerals[] = {"一", "二", "两", "兩", "三", "四",
                                           "五", "六", "七", "八", "九", "十",
                                           "百", "半", "几", "幾", "好", NULL};
    size_t m = *n;
    while (m > 0 && s[m - 1] == ' ')
        m--;
    /* most clauses do not end with a unit: one look at the last
     * character (天 周 週 期 拜 月 时 時 日) before the list */
    if (m < 3 || ((unsigned char)s[m - 3] & 0xF0) != 0xE0)
        return 0;
    switch ((uint32_t)((unsigned char)s[m - 3] & 0x0F) << 12 |
            (uint32_t)((unsigned char)s[m - 2] & 0x3F) << 6 |
            ((unsigned char)s[m - 1] & 0x3F)) {
    case 0x5929:
    case 0x5468:
    case 0x9031:
    case 0x671F:
    case 0x62DC:
    case 0x6708:
    case 0x65F6:
    case 0x6642:
    case 0x65E5: break;
    default: return 0;
    }
    if (!drop_end(s, &m, units))
        return 0;
    for (int k = 0; k < 2; k++) /* "一个多月", "十多天" */
        drop_end(s, &m, (const char *const[]){"个", "個", "多", NULL});
    while (m > 0 && s[m - 1] == ' ')
        m--;
    size_t start = m;
    for (;;) {
        if (m > 0 && s[m - 1] >= '0' && s[m - 1] <= '9')
            m--;
        else if (!drop_end(s, &m, numerals))
            break;
    }
    if (m == start)
        return 0;
    /* "快一个月", "将近两周" */
    drop_end(s, &m,
             (const char *const[]){"快", "将近", "將近", "近", "差不多", NULL});
    *n = m;
    return 1;
}

/* Emoticons in letters, which end a clause: "被打枪 QQ", "挂了orz". */
static const char *const emoticons[] = {"qaq", "orz", "tat", "t_t", "qq", NULL};

/* The length of clause S (N bytes) without its trailing particles, emoji
 * and marks ("过了哈哈😄", "挂了。。"); *LE is set when a 了 went. */
static size_t
strip_particles(const char *s, size_t n, int *le)
{
    const unsigned char *u = (const unsigned char *)s;
    /* emoticons in letters after a Chinese word: "被打枪 QQ", "挂了orz" */
    for (const char *const *f = emoticons; *f; f++) {
        size_t k = strlen(*f), b = n;
        while (b > 0 && (s[b - 1] == ' ' || s[b - 1] == '\t'))
            b--;
        if (b >= k + 3 && u[b - k - 1] >= 0x80 && u[b - k - 1] != 0xE3 &&
            starts_with_ci(s + b - k, k, *f)) {
            n = b - k;
            break;
        }
    }
    while (n > 0) {
        unsigned char c = u[n - 1];
        if (c == '~' || c == '!' || c == '.' || c == ' ' || c == '\t') {
            n--;
            continue;
        }
        if (n >= 4 && u[n - 4] == 0xF0) { /* emoji and other astral marks */
            n -= 4;
            continue;
        }
        if (n < 3 || (u[n - 3] & 0xF0) != 0xE0)
            break;
        uint32_t cp = (uint32_t)(u[n - 3] & 0x0F) << 12 |
                      (uint32_t)(u[n - 2] & 0x3F) << 6 | (u[n - 1] & 0x3F);
        if (cp == 0x4E86 || cp == 0x5497) /* 了, Cantonese 咗 */
            *le = 1;
        else if (!(cp >= 0x2600 && cp <= 0x27BF) && cp != 0xFE0F &&
                 cp != 0x5566 && cp != 0x54C8 && cp != 0x5440 && /* 啦哈呀 */
                 cp != 0x554A && cp != 0x5427 && cp != 0x5462 && /* 啊吧呢 */
                 cp != 0x563F && cp != 0x563B && cp != 0x54E6 && /* 嘿嘻哦 */
                 cp != 0x5662 && cp != 0x634F && cp != 0x6B38 && /* 噢捏欸 */
                 cp != 0x8BF6 && cp != 0x3002 && cp != 0x2026 && /* 诶。… */
                 cp != 0x5457 && cp != 0x54AF && cp != 0x55BD && /* 呗咯喽 */
                 cp != 0x561B && cp != 0x54C7 &&                 /* 嘛哇 */
                 cp != 0x5587 &&                                 /* 喇 */
                 cp != 0xFF5E)                                   /* ～ */
            break;
        n -= 3;
    }
    return n;
}

/* Whether clause S (N bytes) holds, anywhere, a word that makes it worth
 * reading: 挂得/凉得/跪得, 已读不回, 上岸, 无缘, 收我/要我, 状态, status. One
 * pass over the clause. */
static int
outcome_inside(const char *s, size_t n)
{
    for (size_t i = 0; i + 6 <= n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 's' && starts_with(s + i, n - i, "status"))
            return 1;
        if (c < 0xE4 || c > 0xE9)
            continue;
        uint32_t cp = (uint32_t)(c & 0x0F) << 12 |
                      (uint32_t)((unsigned char)s[i + 1] & 0x3F) << 6 |
                      ((unsigned char)s[i + 2] & 0x3F);
        const char *next = s + i + 3;
        size_t left = n - i - 3;
        switch (cp) {
        case 0x6302: /* 挂 */
        case 0x639B: /* 掛 */
        case 0x51C9: /* 凉 */
        case 0x6DBC: /* 涼 */
        case 0x8DEA: /* 跪 */
            if (starts_with(next, left, "得"))
                return 1;
            break;
        case 0x5DF2: /* 已 */
            if (starts_with(next, left, "读不回") ||
                starts_with(next, left, "讀不回"))
                return 1;
            break;
        case 0x4E0A: /* 上 */
            if (starts_with(next, left, "岸"))
                return 1;
            break;
        case 0x65E0: /* 无 */
        case 0x7121: /* 無 */
            if (starts_with(next, left, "缘") || starts_with(next, left, "緣"))
                return 1;
            break;
        case 0x6536: /* 收 */
        case 0x8981: /* 要 */
            if (starts_with(next, left, "我"))
                return 1;
            break;
        case 0x72B6: /* 状 */
        case 0x72C0: /* 狀 */
            if (starts_with(next, left, "态") || starts_with(next, left, "態"))
                return 1;
            break;
        default: break;
        }
        i += 2;
    }
    return 0;
}

/* Words before a span of time that count it from then to now: "到现在一
 * 周了", "至今十天了". */
static const char *const time_since[] = {"到现在", "到現在", "至今", "到今天",
                                         /* Cantonese: "到而家两个礼拜了" */
                                         "到而家", "到依家", "到宜家", NULL};

/* Whether clause S (N bytes) puts off the conclusion until later: "结论等
 * 交叉面结束后一起给", "结果等 HR 面完再给" (not asked: "结论什么时候给"). */
static int
deferred_conclusion(const char *s, size_t n)
{
    size_t m = n;
    if (!(ends_with(s, n, "给") || ends_with(s, n, "出")) ||
        !drop_end(s, &m,
                  (const char *const[]){"一起给", "再给", "后给", "统一给",
                                        "一起出", "再出", "统一出", NULL}))
        return 0;
    /* the conclusion of the interview, opening the clause, named so or
     * said ("面试官说结果等HR面完再给"; not "代码和运行结果等我整理完再
     * 给", "结论等下一篇再给") */
    static const char *const before[] = {"面试", "面评", "本轮",
                                         "这轮", "的",   NULL};
    size_t c = 0;
    for (size_t k = 0; k + 6 <= m && k < 30; k++)
        if (starts_with(s + k, m - k, "说") &&
            (starts_with(s + k + 3, m - k - 3, "结论") ||
             starts_with(s + k + 3, m - k - 3, "结果")))
            c = k + 3;
    for (const char *const *w = before; *w && c < m;)
        if (starts_with(s + c, m - c, *w)) {
            c += strlen(*w);
            w = before; /* "面试的结论": again from the first */
        } else
            w++;

    return c + 6 <= m &&
           (starts_with(s + c, m - c, "结论") ||
            starts_with(s + c, m - c, "结果")) &&
           has(s + c, m - c, "等") && !technical_line(s, m) &&
           !has_any(s, m,
                    (const char *const[]){"什么时候", "何时", "多久", "篇",
                                          "文章", "跑完", NULL});
}

/* Whether a clause (S, N bytes, particles stripped) may end with an
 * outcome expression: its last character ends one of them. Most clauses
 * of a write-up do not, and are not read further. */
static int
may_end_outcome(const char *s, size_t n)
{
    /* a round failed, opening a clause that goes on: "hr面挂了我是真没想到" */
    if (n > 9 && has(s + 1, (n < 40 ? n : 40) - 1, "面挂了"))
        return 1;
    /* told one is unfit: "被当场说不适合" (raw or folded); a result not
     * out yet: "今天结果出不来" */
    if (ends_with_any(s, n,
                      (const char *const[]){"不适合", "不合适", "不匹配",
                                            "不適合", "不合適", "出不来",
                                            "出不來", "是过的", "是過的",
                                            "已拒", "不再推进", NULL}))
        return 1;
    /* the evaluation not in yet ("面试官尚未提交评价"), the result awaited
     * ("結果還在等"): the last character first, as most clauses end
     * otherwise */
    uint32_t lc = n >= 6 && ((unsigned char)s[n - 3] & 0xF0) == 0xE0
                      ? (uint32_t)((unsigned char)s[n - 3] & 0x0F) << 12 |
                            (uint32_t)((unsigned char)s[n - 2] & 0x3F) << 6 |
                            ((unsigned char)s[n - 1] & 0x3F)
                      : 0;
    if ((lc == 0x4EF7 || lc == 0x8BC4 || lc == 0x4EA4 || lc == 0x7B49 ||
         lc == 0x5F85) && /* 价 评 交 等 待 */
        ends_with_any(s, n,
                      (const char *const[]){"提交评价", "提交面评", "交面评",
                                            "给面评", "出面评", "未提交",
                                            "还在等", "还在等待", NULL}))
        return 1;
    if ((lc == 0x7ED9 || lc == 0x51FA) && /* 给 出 */
        deferred_conclusion(s, n))
        return 1;
    /* stuck at a stage, for a time: "流程卡在面试中三天了" */
    if (n > 6 && has(s, n < 45 ? n : 45, "卡在"))
        return 1;
    /* where the writer failed, opening the clause: "挂在系统设计" (this
     * test runs on every clause of every line: one scan for 在 first) */
    int at = n > 6 && has(s, n < 18 ? n : 18, "在");
    for (size_t i = 0; at && i + 6 < n && i <= 12; i++)
        if (starts_with(s + i, n - i, "挂在") ||
            starts_with(s + i, n - i, "栽在") ||
            starts_with(s + i, n - i, "倒在") ||
            starts_with(s + i, n - i, "折在"))
            return 1;
    /* Latin words that end an outcome: offer, oc, offer call, offer
     * letter, pass(ed), fail(ed), rejected, not selected, gg, 一面G了, 等hr */
    if (n > 0 && (unsigned char)s[n - 1] < 0x80) {
        /* "陪跑+1": one more of them */
        if (n >= 2 && s[n - 1] == '1' && s[n - 2] == '+')
            return 1;
        static const char *const latin[] = {
            "offer",  "call",     "letter",     "pass",      "passed",  "fail",
            "failed", "rejected", "selected",   "forward",   "oc",      "gg",
            "g",      "hr",       "candidates", "candidate", "email",   "mail",
            "cut",    "sp",       "ssp",        "update",    "proceed", "ko",
            "ok",     "pending",  NULL};
        size_t e = n;
        while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t'))
            e--;
        for (const char *const *w = latin; *w; w++) {
            size_t k = strlen(*w);
            /* the short ones stand alone ("oc", not "doc"); the text
             * may be folded, its words run together ("thankyouletter") */
            if (e >= k && starts_with_ci(s + e - k, k, *w) &&
                (k > 2 || e == k ||
                 !((s[e - k - 1] | 0x20) >= 'a' &&
                   (s[e - k - 1] | 0x20) <= 'z')))
                return 1;
        }
        return outcome_inside(s, n);
    }
    if (outcome_inside(s, n))
        return 1;
    int upon = n >= 3 && ends_with(s, n, "上"); /* "有上", "没上" */
    if (n >= 3 && (ends_with(s, n, "中") || upon))
        n -= 3;
    if (upon && ends_with(s, n, "匹配")) /* "没匹配上" */
        return 1;
    if (drop_duration(s, &n) && /* "泡池子两周" */
        /* "到现在一周了": time since a promise (line_outcome) */
        ends_with_any(s, n, time_since))
        return 1;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n < 3 || ((unsigned char)s[n - 3] & 0xF0) != 0xE0)
        return 0;
    uint32_t cp = (uint32_t)((unsigned char)s[n - 3] & 0x0F) << 12 |
                  (uint32_t)((unsigned char)s[n - 2] & 0x3F) << 6 |
                  ((unsigned char)s[n - 1] & 0x3F);
    uint32_t simple = simplified(cp); /* the line may not be folded yet */
    if (simple)
        cp = simple;
    /* Characters that end many other words ("使用", "程序", "数据库",
     * "连接", "结果" of a function) end an outcome only with the character
     * before them (blanks skipped: "offer 发了"); when the line is not
     * folded yet, a traditional form there is let through ("錄用"). */
    static const uint32_t gated[] = {
        0x7528, 0x5230, 0x6765, 0x53D1, 0x51FA, 0x8BD5, 0x679C, 0x5B50, 0x91CC,
        0x8BF7, 0x8BDD, 0x606F, 0x4EF6, 0x77E5, 0x6587, 0x4E66, 0x4FE1, 0x590D,
        0x63A5, 0x6B62, 0x65B9, 0x8BAE, 0x624B, 0x6389, 0x6709, 0x62FF, 0x5B8C,
        0x7740, 0x5F55, 0x7ECF, 0x5386, 0x804C, 0x8D25, 0x529F, 0x6C60, 0x5E93,
        0x5E8F, 0x653E, 0x6EE1, 0x5361, 0x76D8, 0x5173, 0x5355, 0x6BB5, 0x8BBA,
        0x540D, 0x4F1A, 0x6B65, 0x8282, 0x65E0, 0x621F, 0x6838,
        /* round 5: 别人, 联络, 联系我, 官网, 邮箱, 没变, 更新, 在看, 考虑,
         * 评估, 对比, 比较, 商量, 合作 */
        0x4EBA, 0x7EDC, 0x6211, 0x7F51, 0x7BB1, 0x53D8, 0x65B0, 0x770B, 0x8651,
        0x4F30, 0x6BD4, 0x8F83, 0x91CF, 0x4F5C, 0x5BB6, 0x4E0B, 0x5728, 0x5316,
        0x8861, 0x8C6B, 0x4F4D,
        /* round 6: 未达到要求, 不往下推进, 不往下走, 电话畅通 */
        0x6C42, 0x8FDB, 0x8D70, 0x901A,
        /* session 14: 会联系你, 会跟你同步, 等 headcount 核准 */
        0x4F60, 0x51C6};
    /* with their lengths: most clauses of a write-up end with one of the
     * gated characters, and the list is read for each */
#define ENDING(w)        \
    {                    \
        w, sizeof(w) - 1 \
    }
    static const struct {
        const char *text;
        size_t len;
    } endings[] = {
        ENDING("录用"),
        ENDING("聘用"),
        ENDING("收到"),
        ENDING("报到"),
        ENDING("拿到"),
        ENDING("接到"),
        ENDING("走到"),
        ENDING("来到"),
        ENDING("下来"),
        /* an approval awaited: "说要等 headcount 核准" */
        ENDING("核准"),
        ENDING("批准"),
        /* left hanging: "就这么吊着" */
        ENDING("吊着"),
        ENDING("晾着"),
        /* not to the next stage: "決定不進行下一階段" */
        ENDING("下一阶段"),
        /* the result by a day: "结果下周三前同步" */
        ENDING("前同步"),
        ENDING("内同步"),
        /* told to "you": "hr 会联系你", "结果会跟你同步" */
        ENDING("联系你"),
        ENDING("通知你"),
        ENDING("告诉你"),
        ENDING("跟你同步"),
        ENDING("同步给你"),
        /* "结果还没出来", "结果未出" */
        ENDING("出来"),
        ENDING("没出"),
        ENDING("未出"),
        ENDING("offer来"),
        ENDING("oc来"),
        ENDING("已发"),
        ENDING("也发"),
        ENDING("都发"),
        ENDING("offer发"),
        ENDING("书发"),
        ENDING("向发"),
        ENDING("面试"),
        ENDING("笔试"),
        ENDING("复试"),
        ENDING("初试"),
        ENDING("结果"),
        ENDING("池子"),
        ENDING("子里"),
        ENDING("邀请"),
        ENDING("电话"),
        ENDING("准话"),
        ENDING("消息"),
        ENDING("邮件"),
        ENDING("通知"),
        ENDING("下文"),
        ENDING("向书"),
        ENDING("知书"),
        ENDING("聘书"),
        ENDING("议书"),
        ENDING("谢信"),
        ENDING("拒信"),
        ENDING("绝信"),
        ENDING("取信"),
        ENDING("用信"),
        ENDING("回复"),
        ENDING("答复"),
        ENDING("已接"),
        ENDING("也接"),
        ENDING("都接"),
        ENDING("offer接"),
        ENDING("终止"),
        ENDING("中止"),
        ENDING("三方"),
        ENDING("方协议"),
        ENDING("到手"),
        ENDING("挂掉"),
        ENDING("刷掉"),
        ENDING("已拿"),
        ENDING("走完"),
        ENDING("面完"),
        ENDING("等着"),
        ENDING("泡着"),
        ENDING("蹲着"),
        ENDING("记录"),
        ENDING("纪录"),
        ENDING("面经"),
        ENDING("经历"),
        ENDING("入职"),
        ENDING("失败"),
        ENDING("成功"),
        ENDING("入池"),
        ENDING("进池"),
        ENDING("人才库"),
        ENDING("储备库"),
        ENDING("排序"),
        ENDING("发放"),
        ENDING("招满"),
        ENDING("已满"),
        ENDING("声卡"),
        ENDING("复盘"),
        ENDING("通关"),
        ENDING("过关"),
        ENDING("下一关"),
        ENDING("音信"),
        ENDING("名单"),
        ENDING("单里"),
        ENDING("库里"),
        ENDING("选阶段"),
        ENDING("序阶段"),
        ENDING("估阶段"),
        ENDING("结论"),
        ENDING("排名"),
        ENDING("审会"),
        ENDING("未知"),
        ENDING("止步"),
        ENDING("环节"),
        ENDING("全无"),
        ENDING("薪阶段"),
        ENDING("折戟"),
        ENDING("签核"),
        ENDING("已到"),
        ENDING("于到"),
        ENDING("件到"),
        ENDING("书到"),
        ENDING("寄出"),
        ENDING("没来"),
        ENDING("别人"),
        ENDING("的人"),
        ENDING("他人"),
        ENDING("选人"),
        ENDING("联络"),
        ENDING("系我"),
        ENDING("络我"),
        ENDING("复我"),
        ENDING("回我"),
        ENDING("理我"),
        ENDING("找我"),
        ENDING("官网"),
        ENDING("邮箱"),
        ENDING("没变"),
        ENDING("更新"),
        ENDING("在看"),
        ENDING("考虑"),
        ENDING("评估"),
        ENDING("对比"),
        ENDING("比较"),
        ENDING("商量"),
        ENDING("合作"),
        ENDING("别家"),
        ENDING("比一下"),
        ENDING("较一下"),
        ENDING("卡在"),
        ENDING("停在"),
        ENDING("短信"),
        ENDING("变化"),
        ENDING("未复"),
        ENDING("虑我"),
        ENDING("权衡"),
        ENDING("犹豫"),
        ENDING("讨论"),
        ENDING("开会"),
        ENDING("岗位"),
        ENDING("职位"),
        ENDING("到人"),
        ENDING("这里"),
        ENDING("过来"),
        ENDING("就到"),
        /* session 10: "被cut掉", "等紧hr复", "等等看", "凉经，…" */
        ENDING("cut掉"),
        ENDING("hr复"),
        ENDING("等看"),
        ENDING("着看"),
        ENDING("凉经"),
        ENDING("挂经"),
        ENDING("pass掉"), /* the line is not folded yet: "被 PASS 掉了" */
        ENDING("PASS掉"),
        ENDING("Pass掉"),
        ENDING("到要求"),
        ENDING("推进"),
        ENDING("下走"),
        ENDING("畅通"),
        ENDING("达要求"),
    };
#undef ENDING
    for (size_t k = 0; k < sizeof gated / sizeof gated[0]; k++) {
        if (gated[k] != cp)
            continue;
        if (cp == 0x6709) /* 有: "有上", "短信都没有" */
            return upon || ends_with(s, n, "都没有") ||
                   ends_with(s, n, "也没有");
        if (simple)
            return 1;
        size_t h = n - 3;
        while (h > 0 && s[h - 1] == ' ')
            h--;
        for (size_t w = 0; w < sizeof endings / sizeof endings[0]; w++) {
            size_t wl = endings[w].len - 3;
            if (memcmp(endings[w].text + wl, s + n - 3, 3) == 0 && h >= wl &&
                memcmp(s + h - wl, endings[w].text, wl) == 0)
                return 1;
        }
        if (h < 3 || ((unsigned char)s[h - 3] & 0xF0) != 0xE0)
            return 0;
        return simplified((uint32_t)((unsigned char)s[h - 3] & 0x0F) << 12 |
                          (uint32_t)((unsigned char)s[h - 2] & 0x3F) << 6 |
                          ((unsigned char)s[h - 1] & 0x3F)) != 0;
    }
    switch (cp) {
    case 0x51C9: /* 凉 */
    case 0x5237: /* 刷 */
    case 0x5352: /* 卒 */
    case 0x5BC4: /* 寄 */
    case 0x5CB8: /* 岸 */
    case 0x62D2: /* 拒 */
    case 0x6302: /* 挂 */
    case 0x675F: /* 束 */
    case 0x8BAF: /* 讯 */
    case 0x8F6E: /* 轮 */
    case 0x8FC7: /* 过 */
    case 0x9759: /* 静 */
    case 0x9762: /* 面 */
    case 0x97F3: /* 音 */
    case 0x9988: /* 馈 */
    case 0x9002: /* 适 */
    case 0x6C70: /* 汰 */
    case 0x5B9A: /* 定 */
    case 0x5411: /* 向 */
    case 0x53D6: /* 取 */
    case 0x7B7E: /* 签 */
    case 0x7B49: /* 等 */
    case 0x5F85: /* 待 */
    case 0x67AA: /* 枪 */
    case 0x6CA1: /* 没 (没上) */
    case 0x6279: /* 批 (offer审批) */
    case 0x7CFB: /* 系 (等hr联系) */
    case 0x85AA: /* 薪 */
    case 0x5956: /* 奖 */
    case 0x51FD: /* 函 */
    case 0x7070: /* 灰 */
    case 0x7D27: /* 紧 (等紧) */
    case 0x6392: /* 排 */
    case 0x593A: /* 夺 (定夺) */
    case 0x677F: /* 板 (拍板) */
    case 0x900F: /* 透 (凉透) */
    case 0x8E72: /* 蹲 */
    case 0x7A33: /* 稳 */
    case 0x620F: /* 戏 (没戏) */
    case 0x9EC4: /* 黄 (黄了) */
    case 0x9009: /* 选 (落选) */
    case 0x699C: /* 榜 (落榜) */
    case 0x5426: /* 否 (被否) */
    case 0x8DD1: /* 跑 (陪跑) */
    case 0x9F9F: /* 龟 (杠龟) */
    /* round 6: 一轮游, 铭谢惠顾, 食柠檬 */
    case 0x6E38: /* 游 */
    case 0x987E: /* 顾 */
    case 0x6AAC: /* 檬 */
    /* session 13: 跪了, Cantonese 肥佬 ("fail") */
    case 0x8DEA: /* 跪 */
    case 0x4F6C: /* 佬 */
    case 0x8857: /* 街 (仆街) */
    case 0x80A5: /* 肥 (Cantonese 今次肥咗) */
    case 0x9000: /* 退 (被主管劝退) */ return 1;
    case 0x8BF4: /* 说 (hr说上了) */ return upon;
    default: return 0;
    }
}

/* Whether a clause ending with the character LAST (S, N bytes) may be a
 * silence: the channels that did not come (有, 来, 到, 件, 话, 息 …, offer),
 * nobody calling (我, 系, 络), the site checked (网, 箱, 态, 度). */
static int
silence_may_end(uint32_t last, const char *s, size_t n)
{
    switch (last) {
    case 0x6709: /* 有 */
    case 0x6765: /* 来 */
    case 0x5230: /* 到 */
    case 0x6CA1: /* 没 */
    case 0x4EF6: /* 件 */
    case 0x8BDD: /* 话 */
    case 0x4FE1: /* 信 */
    case 0x606F: /* 息 */
    case 0x77E5: /* 知 */
    case 0x590D: /* 复 */
    case 0x9759: /* 静 */
    case 0x8BAF: /* 讯 */
    case 0x6587: /* 文 */
    case 0x97F3: /* 音 */
    case 0x679C: /* 果 */
    case 0x6211: /* 我 */
    case 0x7CFB: /* 系 */
    case 0x7EDC: /* 络 */
    case 0x7F51: /* 网 */
    case 0x7BB1: /* 箱 */
    case 0x6001: /* 态 */
    case 0x5EA6: /* 度 */ return 1;
    case 0: return ends_with(s, n, "offer");
    default: return 0;
    }
}

/* The outcome one clause (folded, S of N bytes) states, or unknown. */
static ivs_verdict_t
clause_outcome(const char *s, size_t n)
{
    int le = 0;
    size_t n_given = n;
    n = strip_particles(s, n, &le);
    if (n == 0)
        return IVS_VERDICT_UNKNOWN;
    /* the last character: the rules of round 5 that cannot end so are
     * skipped at once */
    uint32_t last = n >= 3 && ((unsigned char)s[n - 3] & 0xF0) == 0xE0
                        ? (uint32_t)((unsigned char)s[n - 3] & 0x0F) << 12 |
                              (uint32_t)((unsigned char)s[n - 2] & 0x3F) << 6 |
                              ((unsigned char)s[n - 1] & 0x3F)
                        : 0;
    /* the candidate told the decision: "HR 备注：已通知候选人未录用" */
    {
        size_t h = n;
        static const char *const decided[] = {
            "未录用", "不录用", "未通过", "不通过", "录用", "通过", NULL};
        for (const char *const *w = decided; *w; w++)
            if (drop_end(s, &h, (const char *const[]){*w, NULL})) {
                if (ends_with_any(s, h,
                                  (const char *const[]){"通知候选人",
                                                        "告知候选人", NULL}) &&
                    !has_any(s, h,
                             (const char *const[]){"如果", "是否", "待", NULL}))
                    return starts_with(*w, strlen(*w), "录用") ||
                                   starts_with(*w, strlen(*w), "通过")
                               ? IVS_VERDICT_PASS
                               : IVS_VERDICT_FAIL;
                break;
            }
    }
    /* the result promised by a day: "已告知候选人结果下周三前同步" */
    {
        size_t h = n;
        if (drop_end(s, &h,
                     (const char *const[]){"前同步", "前通知", "前给", "内同步",
                                           "内通知", "内给", NULL}) &&
            has(s, h, "结果") && !has(s, h, "如果"))
            return IVS_VERDICT_PENDING;
    }
    /* told to wait for the next round: "说没什么问题，让我等 HR 面" */
    {
        size_t r = next_round_at_end(s, n);
        if (r && n > r &&
            ends_with_any(
                s, n - r,
                (const char *const[]){"让我等", "叫我等", "让我等着", NULL}))
            return IVS_VERDICT_PASS;
    }
    /* kept in reserve: "HR 电话说我是备选" */
    {
        size_t h = n;
        if (drop_end(s, &h,
                     (const char *const[]){"备选", "候补", "备胎", NULL}) &&
            ends_with_any(s, h,
                          (const char *const[]){"我是", "我成了", "我被列为",
                                                "我属于", NULL}))
            return IVS_VERDICT_PENDING;
    }
    /* left hanging: "没挂也没约下一面，就这么吊着" */
    if (ends_with_any(
            s, n,
            (const char *const[]){"吊着", "被吊着", "晾着", "被晾着", NULL}) &&
        !has_any(s, n, clause_technical))
        return IVS_VERDICT_PENDING;
    /* the result, pending: "一面结果 pending，先约了交叉面" */
    if (n > 7 && ends_with(s, n, "pending") &&
        ends_with_any(s, n - 7, (const char *const[]){"结果", "结论", NULL}))
        return IVS_VERDICT_PENDING;
    /* a round, then OK: "一面 OK，建議二面再深挖 k8s" */
    if (n > 2 && n <= 11 && ends_with(s, n, "ok") &&
        ends_with_round(s, n - 2) &&
        is_one_of(s, n - 2,
                  (const char *const[]){"一面", "二面", "三面", "终面", "hr面",
                                        "初面", "复试", "技术面", NULL}))
        return IVS_VERDICT_PASS;
    /* a plea: "让我上岸吧" */
    if (starts_with(s, n, "让我") && n_given > n &&
        has(s + n, n_given - n, "吧"))
        return IVS_VERDICT_UNKNOWN;
    /* an offer promised by the one who tells: "HR 当场说面评都不错，会给
     * offer" */
    size_t ng = n;
    if (drop_end(s, &ng,
                 (const char *const[]){"会给offer", "会发offer", "会给你offer",
                                       "会给我offer", NULL}) &&
        (told_by(s, ng) || only_adverbs(s, ng)) &&
        !has_any(s, n,
                 (const char *const[]){"如果", "一般", "的话", "只要", NULL}))
        return IVS_VERDICT_PASS;
    /* the offer to be sent at once: "HR 说不用等通知了，直接发 offer" */
    {
        size_t h = n;
        if (drop_end(s, &h,
                     (const char *const[]){"发offer", "给offer", NULL}) &&
            is_one_of(
                s, h,
                (const char *const[]){"直接", "马上", "准备", "直接就", NULL}))
            return IVS_VERDICT_PASS;
    }
    /* told not to wait: "面试官直接说今天就到这，不用等消息了" */
    size_t nw = n;
    if (drop_end(s, &nw,
                 (const char *const[]){"不用等消息", "不用等通知", "不用等结果",
                                       "不用再等", "不用等", NULL}) &&
        (has(s, nw, "说") || nw == 0 || only_adverbs(s, nw) ||
         ends_with_any(s, nw,
                       (const char *const[]){"后面", "后续", "之后", NULL})) &&
        !has_any(s, n, clause_technical))
        return IVS_VERDICT_FAIL;
    /* An expectation of waiting is a wait ("估计要泡一阵池子了"); any other
     * belief, hope or fear states nothing. */
    int expects = 0;
    int expect = has_any(s, n, clause_expect);
    int hard =
        has_any(s, n, clause_hedges) || has_any(s, n, clause_hard_unsure);
    if (expect || hard || has_any(s, n, clause_soft_unsure)) {
        if (!expect || hard)
            return IVS_VERDICT_UNKNOWN;
        expects = 1;
    }
    int technical = has_any(s, n, clause_technical);
    int negated_head = 0;

    /* Pending: "hr说等通知", "还在泡池子", "面完一周了还没消息". */
    static const char *const waiting[] = {
        "等通知", "等结果", "等消息", "等hr通知", "等待通知", "等待结果",
        "泡池子", "池子里", "还没消息", "还没有消息", "没消息", "没有消息",
        "没下文", "没动静", "没有动静", "没回音", "没有回音", "杳无音讯",
        "等hr联系", "等联系", "进池子", "进了池子", "进入池子", "入池",
        "进人才库", "进了人才库", "进入人才库", "统一排序", "集中排序",
        "在排序", "石沉大海", "池子里泡着", "等hc", "流程暂停", "hc冻结",
        "hc被锁", "hc锁了", "流程还在走", "流程在走", "统一对比", "统一比较",
        "杳无音信", "音信全无", "音讯全无", "备选名单里", "备选名单中",
        "备选名单上", "备选名单", "候补名单里", "候补名单中", "候补名单上",
        "候补名单", "候选名单里", "候选名单中", "候选名单", "人才库里",
        "比选阶段", "排序阶段", "评估阶段", "审批阶段", "比选", "未知结果",
        "结果未知", "结果仲未知", "想知道结果", "想知道结论",
        /* round 7: "现在就是等待中", "会排进备取" (a waiting list) */
        "就是等待", "排进备取", "进了备取", "进备取", "列入备取", "备取名单",
        /* the decision held back: "这轮先不给结论" */
        "不出结论", "不下结论", "不给结论", "不给最终结论", "不下最终结论",
        "不出最终结论",
        /* the result still awaited: "結果還在等"; the interviewer's
         * evaluation not in yet: "面试官尚未提交评价" */
        "结果还在等", "结果还在等待", "结论还在等", "尚未提交评价",
        "还没提交评价", "未提交评价", "尚未提交面评", "还没提交面评",
        "未提交面评", "还没交面评", "面评还没交", "面评还没提交", "面评未提交",
        "评价未提交", "横向中", "反馈还没提交", "反馈未提交", "反馈尚未提交",
        /* "阿里国际-二面-面试中十天了", "需等预算核准" */
        "面试中", "等预算核准", "等预算审批", "预算核准中",
        /* other candidates still seen: "用人部门还在看其他人" */
        "还在看其他人", "还在看其他候选人", "还要看看其他人", "还在面其他人",
        "还在面其他候选人", NULL};
    if (deferred_conclusion(s, n))
        return IVS_VERDICT_PENDING;
    size_t m = n;
    drop_end(s, &m, (const char *const[]){"中", NULL});
    drop_duration(s, &m);
    for (const char *const *p = waiting; *p; p++)
        if (ends_with(s, m, *p) && !has(s, m, "不用") && !has(s, m, "别") &&
            waits_the_writer(s, m - strlen(*p)))
            return IVS_VERDICT_PENDING;
    /* "还在等hr面结果", "等二面通知": a round between 等 and its result. */
    static const char *const results[] = {"结果", "通知", "消息", NULL};
    size_t r = m;
    if (drop_end(s, &r, results))
        for (size_t back = 3; back <= 18 && back <= r; back++)
            if (starts_with(s + r - back, back, "等")) {
                size_t head = r - back;
                if (has(s + head, r - head, "面") &&
                    waits_the_writer(s, head) && !has(s, head, "不用") &&
                    !has(s, head, "别"))
                    return IVS_VERDICT_PENDING;
                break;
            }
    /* "hr说一周内给答复", "面完说会有结果": the answer promised is still to
     * come. */
    static const char *const promised[] = {
        "答复",   "回复",   "反馈",     "有结果", "出结果", "给结果", "有消息",
        "给消息", "给通知", "通知结果", "回覆",   "通知我", "决定",   "再通知",
        "再联系", "答复我", "回复我",   "update", "联系我", NULL};
    /* said, or promised for a later time: "下周统一出结果" */
    static const char *const later[] = {
        "说",   "统一", "下周", "这周", "本周", "周内",
        "几天", "两天", "稍后", "月底", "周五", "工作日",
        "星期", "礼拜", "之后", "回头", NULL};
    /* or put off until someone decides: "主管回来才会决定" */
    static const char *const deciders_back[] = {
        "主管", "老板", "leader", "hr", "面试官", "部门", "公司", "负责人",
        "老大", "经理", "总监", "回来", "开会",
        /* round 6: "要等第一顺位的候选人确认…才能给我答复" */
        "候选人", "顺位", "委员会", "committee", NULL};
    size_t k = n;
    if (drop_end(s, &k, promised) &&
        (has_any(s, k, later) || ((has(s, k, "才会") || has(s, k, "才能")) &&
                                  has_any(s, k, deciders_back))) &&
        !technical && !has(s, k, "不会") && !has(s, k, "没") &&
        !has(s, k, "不用") && !has_any(s, k, awaited_technical))
        return IVS_VERDICT_PENDING;
    /* "面完统一通知", "hr说下周通知": a notice promised right after its
     * time (not "周五收到了录用通知") */
    k = n;
    if (drop_end(s, &k, (const char *const[]){"通知", NULL}) &&
        (ends_with_any(s, k, later) ||
         /* "结果会在 3 个工作日内通知" */
         (drop_end(s, &k, (const char *const[]){"之内", "以内", "内", NULL}) &&
          ends_with_any(s, k, later)) ||
         (has(s, k, "说") && has(s, k, "会") && has(s, k, "结果")) ||
         (ends_with(s, k, "会") && has(s, k, "说"))) &&
        !technical && !has(s, k, "不会") && !has(s, k, "没") &&
        !has(s, k, "收到") && !has(s, k, "接到"))
        return IVS_VERDICT_PENDING;
    /* "大概一周内给结论", "预计下周给最终结论": a conclusion promised for a
     * later time (not "先说结论") */
    k = n;
    if (drop_end(s, &k,
                 (const char *const[]){"给最终结论", "给出结论", "给结论",
                                       "出结论", "下结论", NULL}) &&
        has_any(s, k, later) && !has(s, k, "不") && !technical &&
        !has(s, k, "不会") && !has(s, k, "没") && !has(s, k, "不用"))
        return IVS_VERDICT_PENDING;
    /* "HR 说要等委员会讨论", "HR 說要等 hiring committee 開會": the
     * decision waits for a body that decides, told by the company */
    k = n;
    if (drop_end(s, &k,
                 (const char *const[]){"讨论", "开会", "审批", "决定", "评估",
                                       "定夺", "拍板", NULL})) {
        for (size_t back = 3; back <= 36 && back <= k; back++)
            if (starts_with(s + k - back, back, "等")) {
                size_t head = k - back;
                if (has_any(s + head, back,
                            (const char *const[]){
                                "委员会", "committee", "主管", "老板", "部门",
                                "总监", "leader", "领导", "上面", NULL}) &&
                    has(s, head, "说") &&
                    has_any(s, head,
                            (const char *const[]){"hr", "人资", "recruiter",
                                                  "面试官", NULL}) &&
                    !technical && !has(s, head, "不用"))
                    return IVS_VERDICT_PENDING;
                break;
            }
    }
    /* "面试官说一周内hr会联系", "后面会有 HR 联系": a call promised */
    k = n;
    if (drop_end(s, &k, (const char *const[]){"联系我", "联系", NULL})) {
        size_t who = k;
        if (drop_end(s, &who,
                     (const char *const[]){"hr", "人", "同事", NULL}) &&
            ends_with(s, who, "会有"))
            k = who - 3;
        if (ends_with(s, k, "会") && has(s, k, "说"))
            return IVS_VERDICT_PENDING;
    }
    /* The lexicon of waiting: "还没出结果", "业务负责人还没给反馈", "三天没
     * 消息": the writer's, a decider's or after a span of time. */
    /* not a peer of a protocol: "客户端发送 SYN 后等待对方回复" */
    static const char *const peers[] = {
        "发送", "请求", "客户端", "服务端", "服务器", "syn",
        "ack",  "报文", "数据包", "调用方", "线程",   "进程",
        "sql",  "跑了", "脚本",   "程序",   NULL};
    size_t wl = waiting_at_end(s, m);
    /* an approval is of hiring: "等 headcount 核准" (not "签证还在等批准") */
    if (wl &&
        ends_with_any(s, m, (const char *const[]){"核准", "批准", NULL}) &&
        !has_any(s, m,
                 (const char *const[]){"hc", "headcount", "offer", "录用", "面",
                                       "hr", "招聘", "岗位", "名额", NULL}))
        wl = 0;
    if (wl && !technical && !has(s, m, "不用") && !has(s, m, "别") &&
        !has_any(s, m, peers)) {
        size_t head = m - wl;
        static const char *const deciders[] = {
            "负责人", "公司", "面试官", "leader", "主管", "老板", "部门",
            "那边",   "对方", "官网",   "天",     "周",   "礼拜", "星期",
            "个月",   "小时", "业务方", "用人方", NULL};
        if (waits_the_writer(s, head) || has_any(s, head, deciders))
            return IVS_VERDICT_PENDING;
    }
    /* "目前还在等", "继续等吧", "只能慢慢等着"; not the formal 等待 of
     * threads and protocols ("就继续等待") */
    size_t wq = m;
    if (!ends_with(s, m, "等待") &&
        drop_end(s, &wq,
                 (const char *const[]){"等等看", "等着看", "等等", "等着",
                                       "等紧", "等", "蹲着", "蹲", NULL})) {
        static const char *const still[] = {
            "还在", "正在", "继续", "仍在", "在",   "慢慢",   "乖乖",
            "接着", "只能", "还得", "仲喺", "仲在", "仲",     "依然",
            "仍然", "还",   "目前", "坐",   "耐心", "仲喺度", "喺度",
            "先",   "再",   "那就", "就",   "就是", NULL};
        size_t h = wq;
        /* "等吧", "等着呗": the clause is the wait alone */
        if (h == 0 && n < n_given)
            return IVS_VERDICT_PENDING;
        if (drop_end(s, &h, still) && !technical && waits_the_writer(s, h))
            return IVS_VERDICT_PENDING;
    }
    /* "目前等待中", "仍在等待中": the writer's wait, not a thread's */
    size_t wz = n;
    if (drop_end(s, &wz, (const char *const[]){"等待中", "等候中", NULL}) &&
        !technical) {
        drop_end(s, &wz,
                 (const char *const[]){"目前", "现在", "仍在", "还在", "仍",
                                       "还", "依然", "一直", NULL});
        if (wz == 0 || waits_the_writer(s, wz))
            return IVS_VERDICT_PENDING;
    }
    /* "目前在走审批", "在走流程": the decision on its way */
    size_t ap2 = n;
    if (drop_end(
            s, &ap2,
            (const char *const[]){"走审批流程", "走审批", "走流程", NULL}) &&
        drop_end(s, &ap2,
                 (const char *const[]){"在", "还在", "正在",
                                       /* said to come: "HR 说要走审批" */
                                       "说要", "说还要", "说得", NULL}) &&
        waits_the_writer(s, ap2))
        return IVS_VERDICT_PENDING;
    /* Silence, said the other way round: "邮件、电话、短信都没有", "电话邮件
     * 都没来", "仲未覆我"; nobody calls: "HR 都没联系我", "也没人联系";
     * the writer checks the site: "只能继续刷新官网", "每天刷邮箱". */
    int silent = 0;
    if (!technical && silence_may_end(last, s, m)) {
        static const char *const channels[] = {
            "邮件", "电话", "短信", "消息",  "通知", "回复", "动静",
            "音讯", "下文", "回音", "offer", "结果", NULL};
        static const char *const none_came[] = {
            "都没有", "也没有",   "还没有",   "一直没有", "都没来", "也没来",
            "还没来", "都没收到", "也没收到", "都没",     "也没",   NULL};
        size_t q = m;
        if (drop_end(s, &q, none_came) && ends_with_any(s, q, channels)) {
            size_t h = q;
            drop_end(s, &h, channels);
            if (waits_the_writer(s, h))
                silent = 1;
        }
        /* "再也没收到任何邮件和电话", "没接到任何电话" */
        q = m;
        if (drop_end(s, &q, channels)) {
            size_t c2 = q;
            if (drop_end(s, &c2,
                         (const char *const[]){"和", "或", "跟", NULL}) &&
                drop_end(s, &c2, channels))
                q = c2;
            drop_end(s, &q, (const char *const[]){"任何", NULL});
            if (drop_end(s, &q,
                         (const char *const[]){"收到", "接到", "等到", NULL}) &&
                drop_end(s, &q,
                         (const char *const[]){"再也没有", "再也没", "都没",
                                               "也没", "一直没", "还没", "没有",
                                               "没", NULL}) &&
                /* the writer's, not a caller's ("调用方…自己在指定时间
                 * 内没有收到结果") */
                waits_the_writer(s, q))
                silent = 1;
        }
        static const char *const contact[] = {
            "联系我", "联系", "联络我", "联络", "打电话来", "打电话",
            "找我",   "理我", "回我",   "复我", NULL};
        static const char *const not_yet[] = {
            "一直没有", "都没有", "也没有", "还没有", "仍未", "还未", "一直没",
            "都没",     "也没",   "还没",   "没有",   "没",   "未",   NULL};
        q = m;
        if (drop_end(s, &q, contact)) {
            drop_end(s, &q, (const char *const[]){"再", "来", NULL});
            size_t p2 = q;
            /* "也没人联系", "都没有人打电话来" */
            if (drop_end(s, &p2,
                         (const char *const[]){"没有人", "没人", NULL})) {
                if (waits_the_writer(s, p2) || has(s, p2, "面"))
                    silent = 1;
            } else if (drop_end(s, &q, not_yet) &&
                       has_any(s, q,
                               (const char *const[]){
                                   "hr", "人资", "公司", "对方", "面试官",
                                   "招聘", "面", "recruiter", "主管", NULL}))
                silent = 1;
        }
        static const char *const site[] = {"刷新官网", "刷官网", "刷新邮箱",
                                           "刷邮箱",   "刷邮件", "看官网",
                                           "刷状态",   "刷进度", NULL};
        q = m;
        if (drop_end(s, &q, site) &&
            (has_any(s, q,
                     (const char *const[]){"继续", "天天", "每天", "一直",
                                           "只能", "还在", "不停", "反复",
                                           NULL})))
            silent = 1;
    }
    /* not of programs: "回调一直没有" */
    if (silent && !has_any(s, m, awaited_technical))
        return IVS_VERDICT_PENDING;
    /* The one who decides still at it: "主管还在看", "业务那边还在评估",
     * "总监仍在考虑" */
    if (!technical &&
        (last == 0x770B || last == 0x8651 || last == 0x4F30 || last == 0x8F83 ||
         last == 0x91CF || last == 0x8BBA || last == 0x4F1A || last == 0x8861 ||
         last == 0x8C6B || last == 0x7D27)) {
        /* Cantonese: 仲考慮緊 (still considering) */
        static const char *const at_it[] = {
            "还在看",   "仍在看",   "正在看",   "还在考虑", "仍在考虑",
            "在考虑",   "还在评估", "仍在评估", "正在评估", "还在比较",
            "还在商量", "还在讨论", "在商量",   "在讨论",   "还在开会",
            "还在权衡", "还在犹豫", "考虑紧",   "评估紧",   "睇紧",
            NULL};
        size_t q = m;
        if (drop_end(s, &q, at_it) &&
            has_any(s, q,
                    (const char *const[]){
                        "主管", "总监", "老板", "leader", "部门", "业务",
                        "面试官", "经理", "团队", "那边", "公司", "对方", "hr",
                        "人资", "manager", "recruiter", NULL}))
            return IVS_VERDICT_PENDING;
    }
    /* a comparison to come: "要拉通对比一下", "放在一起横向对比"; said by
     * the company (hr, 说, 要) */
    if (last == 0x6BD4 || last == 0x8F83 || last == 0x4E0B) { /* 比较下 */
        size_t q = m;
        drop_end(s, &q, (const char *const[]){"一下", NULL});
        if (!technical &&
            drop_end(s, &q,
                     (const char *const[]){"拉通对比", "拉通比较", "拉齐对比",
                                           "横向对比", "横向比较", "一起对比",
                                           "一起比较", "综合对比", "综合比较",
                                           NULL}) &&
            has_any(
                s, q,
                (const char *const[]){"hr", "说", "要", "需要", "还要", NULL}))
            return IVS_VERDICT_PENDING;
    }
    /* not to reject other offers yet: "让我先别急着拒别家", "先不要拒别的
     * offer" */
    if (has(s, n, "拒") &&
        has_any(s, n,
                (const char *const[]){"先别急着拒", "别急着拒", "先别拒",
                                      "先不要拒", "先不拒", "暂时别拒",
                                      "不要急着拒", NULL}))
        return IVS_VERDICT_PENDING;
    /* "终面完已读不回第9天": read, never answered */
    if (has(s, n, "已读不回") && !technical)
        return IVS_VERDICT_PENDING;
    /* "估计要泡一阵池子了": 泡 … 池子 */
    if (ends_with(s, m, "池子"))
        for (size_t back = 9; back <= 18 && back <= m; back += 3)
            if (starts_with(s + m - back, 3, "泡"))
                return IVS_VERDICT_PENDING;
    if (expects)
        return IVS_VERDICT_UNKNOWN;

    /* A line that opens a write-up by its kind: "凉经，题目如下", "本篇
     * 挂经" (not "看了几篇凉经") */
    size_t kd = n;
    if (drop_end(s, &kd, (const char *const[]){"凉经", "挂经", NULL}) &&
        (kd == 0 ||
         ends_with_any(s, kd,
                       (const char *const[]){"这是", "这篇是", "本篇", "这篇",
                                             "一篇", "是", NULL})) &&
        !has(s, kd, "看") && !has(s, kd, "分享") && !has(s, kd, "别人"))
        return IVS_VERDICT_FAIL;
    /* The write-up named by its outcome: "这篇是 fail 的记录", "本篇是挂掉的
     * 面经", "记录一次失败的面试经历" */
    size_t rc = n;
    if (drop_end(s, &rc,
                 (const char *const[]){"记录", "纪录", "面经", "经历", "复盘",
                                       "面试经历", NULL}) &&
        drop_end(s, &rc, (const char *const[]){"的", NULL}) &&
        (has(s, rc, "这篇") || has(s, rc, "本篇") || has(s, rc, "这是") ||
         has(s, rc, "一次") || has(s, rc, "这次"))) {
        static const struct {
            const char *word;
            ivs_verdict_t verdict;
        } named[] = {{"fail", IVS_VERDICT_FAIL}, {"失败", IVS_VERDICT_FAIL},
                     {"挂掉", IVS_VERDICT_FAIL}, {"挂了", IVS_VERDICT_FAIL},
                     {"凉掉", IVS_VERDICT_FAIL}, {"被拒", IVS_VERDICT_FAIL},
                     {"没过", IVS_VERDICT_FAIL}, {"pass", IVS_VERDICT_PASS},
                     {"通过", IVS_VERDICT_PASS}, {"oc", IVS_VERDICT_PASS},
                     {"上岸", IVS_VERDICT_PASS}};
        for (size_t k = 0; k < sizeof named / sizeof named[0]; k++)
            if (ends_with(s, rc, named[k].word))
                return named[k].verdict;
    }
    /* Fail. */
    /* "收到了感谢信", "等来一封拒信", "最后收到拒绝邮件" */
    static const char *const letters[] = {
        "无声卡",         "thankyouletter", "rejectionletter",
        "rejectionemail", "rejectionmail",  "感谢信",
        "拒信",           "拒绝信",         "拒绝邮件",
        "感谢邮件",       "感谢函",         "不录用通知",
        "不录取通知",     "未录取通知",     "拒绝通知",
        "不录用通知书",   "拒绝函",         NULL};
    for (const char *const *p = letters; *p; p++) {
        size_t head = n - strlen(*p);
        if (ends_with(s, n, *p) && !has(s, head, "没") && !has(s, head, "未") &&
            !has(s, head, "不") &&
            (has(s, head, "收到") || has(s, head, "发") || has(s, head, "来") ||
             has(s, head, "喜提") || has(s, head, "给") ||
             has(s, head, "接到") || has(s, head, "等到")))
            return IVS_VERDICT_FAIL;
    }
    static const char *const failed[] = {"秒挂", "面挂", "面卒",
                                         "面寄", "凉凉", "流程就结束",
                                         "秒拒", "面跪", NULL};
    for (const char *const *p = failed; *p; p++)
        if (ends_with(s, n, *p) && !technical)
            return IVS_VERDICT_FAIL;
    /* "最后无缘offer", "与offer无缘", "无缘二面"; not a hope or a fear */
    for (size_t i = 0; i + 6 <= n; i++)
        if (memcmp(s + i, "无缘", 6) == 0) {
            size_t after = n - i - 6;
            if (!technical && !has(s, i, "不") && !has(s, i, "别") &&
                (after == 0 || ends_with_any(s + i + 6, after, offer_words) ||
                 ends_with_round(s + i + 6, after) ||
                 ends_with(s + i + 6, after, "下一轮")) &&
                (after > 0 || has(s, i, "offer") || has(s, i, "面") ||
                 has_subject(s, i)))
                return IVS_VERDICT_FAIL;
            break;
        }
    /* "一面就被刷了", not "接口被刷", "消息被拒". */
    static const char *const refused[] = {
        "被刷", "被拒", "被挂", "被刷掉", "被挂掉", "被打枪", "遭拒", "遭刷",
        "遭淘汰",
        /* "被cut了", Cantonese "俾人cut咗" (俾 for 被) */
        "被cut", "被cut掉", "被人cut", "俾人cut", "俾cut", NULL};
    for (const char *const *p = refused; *p; p++)
        if (ends_with(s, n, *p) && !technical &&
            (n == strlen(*p) || has_subject(s, n - strlen(*p))))
            return IVS_VERDICT_FAIL;
    /* words that speak of caches and plans too ("最终被淘汰"): a round or
     * the writer before them */
    static const char *const refused_strict[] = {
        "被淘汰",   "被毙",   "被毙掉", "被否",   "被否掉", "被pass",
        "被pass掉", "被劝退", "被ko",   "被ko掉", NULL};
    for (const char *const *p = refused_strict; *p; p++)
        if (ends_with(s, n, *p) && !technical &&
            has_subject_of(s, n - strlen(*p), 1))
            return IVS_VERDICT_FAIL;
    /* "然后就被 PASS 掉了": pass掉 is said of people only; after the
     * round's telling, adverbs of time and sequence are enough */
    size_t pd = n;
    if (!technical &&
        drop_end(s, &pd, (const char *const[]){"被pass掉", NULL})) {
        drop_end(s, &pd, (const char *const[]){"就", "直接", NULL});
        drop_end(s, &pd, (const char *const[]){"然后", "后来", "接着", NULL});
        if (pd == 0 || has_subject(s, pd))
            return IVS_VERDICT_FAIL;
    }
    /* An agent between: "终面被leader刷了", "二面被面试官挂了". */
    static const char *const refused_by[] = {
        "刷掉", "挂掉", "否掉", "打枪", "劝退", "刷", "拒", "挂", "否", NULL};
    /* 否 is said of plans too ("需求最后被产品否了"): a round or the writer */
    int strict_by = ends_with(s, n, "否") || ends_with(s, n, "否掉");
    size_t rv = n;
    if (!technical && drop_end(s, &rv, refused_by))
        for (size_t back = 3; back <= 18 && back <= rv; back++)
            if (starts_with(s + rv - back, back, "被")) {
                if (back > 3 && rv - back > 0 &&
                    has_subject_of(s, rv - back, strict_by))
                    return IVS_VERDICT_FAIL;
                /* the clause opening with 被 and one who hires: "被主管劝
                 * 退了" (the writer, unsaid) */
                if (back > 3 && rv - back == 0 && !strict_by &&
                    is_one_of(s + 3, back - 3, hirers))
                    return IVS_VERDICT_FAIL;
                break;
            }
    /* "官网显示流程已结束", not "获取锁流程结束". */
    static const char *const ended[] = {"流程结束",
                                        "流程已结束",
                                        "流程已经结束",
                                        "流程终止",
                                        "流程已终止",
                                        "流程被终止",
                                        "流程中止",
                                        "流程就到这里",
                                        "流程到此为止",
                                        "流程到此结束",
                                        NULL};
    /* with an adverb, after words of time only: "果然下午流程就终止了" (not
     * "获取锁的流程就结束了") */
    static const char *const ended_then[] = {"流程就终止",
                                             "流程就结束",
                                             "流程直接终止",
                                             "流程直接结束",
                                             "流程也结束",
                                             "流程也终止",
                                             NULL};
    for (const char *const *p = ended_then; *p; p++)
        if (ends_with(s, n, *p) && le && only_adverbs(s, n - strlen(*p)))
            return IVS_VERDICT_FAIL;
    for (const char *const *p = ended; *p; p++)
        if (ends_with(s, n, *p)) {
            size_t head = n - strlen(*p);
            if (has(s, head, "官网") || has(s, head, "显示") ||
                has(s, head, "状态") || has(s, head, "面") ||
                has(s, head, "hr") || has(s, head, "我") ||
                has(s, head, "看") || has(s, head, "发现") ||
                has(s, head, "通知") ||
                /* after "in the end": "果然当天晚上流程结束" */
                has_subject(s, head) ||
                /* the clause alone, done: "二面，流程已结束", "当晚流程
                 * 就结束了" (time words and adverbs only) */
                (only_adverbs(s, head) &&
                 (has(*p, strlen(*p), "已") || has(*p, strlen(*p), "被") ||
                  has(*p, strlen(*p), "到") || le)))
                return IVS_VERDICT_FAIL;
        }
    /* "官网进度条卡在", "状态一直停在": the site stuck at a stage, a wait
     * (the stage is often quoted: "卡在“复试”") */
    for (size_t i = 0; (has(s, n, "卡在") || has(s, n, "停在")) && i + 6 <= n;
         i++)
        if ((memcmp(s + i, "卡在", 6) == 0 || memcmp(s + i, "停在", 6) == 0) &&
            !technical && !has_any(s, n, awaited_technical) &&
            !has(s, n, "%") &&
            /* of an application, not of a program ("流程卡在IO复用",
             * "结构停在“只更新了一半”的状态", "下载进度卡在") */
            (has_any(s, i,
                     (const char *const[]){"官网", "进度条", "进度", "投递",
                                           "申请", "应征", "应聘", "招聘",
                                           "简历", NULL}) ||
             /* the process stuck at a stage of the interview: "流程卡在
              * “面试中”三天了" (not "流程卡在IO复用") */
             (has(s, i, "流程") && !has(s, n, "面签") && !has(s, n, "签证") &&
              has_any(s + i + 6, n - i - 6,
                      (const char *const[]){"面", "hr", "评估", "审批", "offer",
                                            NULL}))) &&
            !has_any(s, i,
                     (const char *const[]){"下载", "上传", "安装", "加载",
                                           "编译", "构建", NULL}))
            return IVS_VERDICT_PENDING;
    /* "最后还是挂在了三面", "倒在了终面", "止步二面", "挂在hr面上". */
    for (size_t i = 0; i + 6 <= n; i++)
        if ((memcmp(s + i, "挂在", 6) == 0 || memcmp(s + i, "倒在", 6) == 0 ||
             memcmp(s + i, "止步", 6) == 0 || memcmp(s + i, "折在", 6) == 0 ||
             memcmp(s + i, "栽在", 6) == 0 || memcmp(s + i, "跪在", 6) == 0 ||
             memcmp(s + i, "卡在", 6) == 0) &&
            /* a problem is where one fails: "又挂在算法题上了" */
            (!technical ||
             !has_any(s, n,
                      (const char *const[]){"测试", "用例", "编译", "代码",
                                            "单测", "审核", "审批", "校验",
                                            "验证", "case", "test", NULL}))) {
            size_t rest = i + 6;
            if (starts_with(s + rest, n - rest, "了") ||
                starts_with(s + rest, n - rest, "于"))
                rest += 3;
            size_t r = n;
            drop_end(s, &r, (const char *const[]){"上", NULL});
            if (r > rest && r - rest <= 12 &&
                ((ends_with(s, r, "面") &&
                  !ends_with_any(s, r,
                                 (const char *const[]){"下面", "上面", "里面",
                                                       "前面", "后面", "外面",
                                                       "表面", "方面", "页面",
                                                       "界面", NULL})) ||
                 ends_with(s, r, "轮") || ends_with(s, r, "笔试")))
                return IVS_VERDICT_FAIL;
            /* a clause that opens with where the writer failed: "复盘：挂在
             * 系统设计", "栽在手撕上" (all Chinese, short: not "挂在 /mnt
             * 下", "卡在这一步") */
            if ((i == 0 || only_adverbs(s, i) || has_subject(s, i)) &&
                memcmp(s + i, "卡在", 6) != 0 && r > rest && r - rest <= 24) {
                int cjk = 1; /* no path or file: "挂在 /mnt 下" */
                for (size_t k = rest; k < r && cjk; k++)
                    cjk = s[k] != '/' && s[k] != '.' && s[k] != '\\';
                /* where is a part of an interview: not "简历挂在猎聘上",
                 * "进程最后挂在了锁上", "挂在内存泄漏上" */
                if (cjk &&
                    has_any(s + rest, r - rest,
                            (const char *const[]){
                                "题", "手撕", "算法", "设计", "项目", "八股",
                                "环节", "编程", "场景", "基础", "笔试", "问答",
                                "追问", NULL}) &&
                    /* not a place in files or systems: "挂在项目根目录下" */
                    !has_any(s + rest, r - rest,
                             (const char *const[]){
                                 "目录", "路径", "服务", "节点", "磁盘", "文档",
                                 "文件", "这", "那", "哪", "里", NULL}) &&
                    !has_any(s, i,
                             (const char *const[]){"简历", "进程", "线程",
                                                   "服务", "程序", NULL}))
                    return IVS_VERDICT_FAIL;
            }
        }
    /* a round failed, opening the clause, and words after it: "hr面挂了我是
     * 真没想到" (a question, a supposition or others' are hedged before) */
    if (!technical)
        for (size_t p = 3; p + 9 <= n && p <= 24; p++)
            if (starts_with(s + p, n - p, "挂了") && ends_with(s, p, "面") &&
                ends_with_round(s, p) && !has(s, p, "没") && !has(s, p, "不") &&
                /* the writer's own reaction after it, not advice ("一面挂了
                 * 很正常", "二面挂了之后要复盘") */
                starts_with(s + p + 6, n - p - 6, "我"))
                return IVS_VERDICT_FAIL;
    /* "这轮是过的": the round was passed */
    if (!technical && ends_with(s, n, "是过的") &&
        ends_with_any(
            s, n - 9,
            (const char *const[]){"这轮", "本轮", "这一轮", "这面", NULL}))
        return IVS_VERDICT_PASS;
    /* a round turned down, a process not carried on: "业务面已拒", "不再推
     * 进" (not "我已拒", the writer declining) */
    if (!technical && ends_with(s, n, "已拒") && ends_with_round(s, n - 6))
        return IVS_VERDICT_FAIL;
    if (!technical && ends_with(s, n, "不再推进") &&
        (n == 12 || has(s, n - 12, "候选人") ||
         ivs_verdict_latin_word(s, n - 12, "hr")))
        return IVS_VERDICT_FAIL;
    /* told one is unfit: "二面直接被当场说不适合" */
    if (!technical && has(s, n, "被") && has(s, n, "说") &&
        (has(s, n, "我被") || names_a_round(s, n)) &&
        ends_with_any(
            s, n, (const char *const[]){"不适合", "不合适", "不匹配", NULL}))
        return IVS_VERDICT_FAIL;
    /* Cantonese 肥咗 ("failed"), of this attempt or a round only (not "我又
     * 肥了"): "今次肥咗" */
    if (le && ends_with(s, n, "肥") &&
        (ends_with_round(s, n - 3) ||
         ends_with_any(
             s, n - 3,
             (const char *const[]){"今次", "呢次", "这次", "今次又", NULL})))
        return IVS_VERDICT_FAIL;
    static const char *const fail_words[] = {
        "挂", "挂掉", "寄", "卒", "没过", "没通过", "没有通过", "未通过",
        "没上", "没录取", "没被录取", "未录取", "没录用", "未录用", "跪",
        "失败", "fail", "failed", "止步", "黄", "折戟", "落选", "落榜",
        "唔成功", "不成功", "杠龟", "摃龟", "陪跑", "一轮游", "铭谢惠顾",
        "谢谢惠顾", "食了柠檬", "食柠檬", "吃了柠檬", "吃柠檬", "肥佬",
        /* Cantonese "fell flat": "二面仆街" */
        "仆街",
        /* "去问 HR 才说已经不考虑了" */
        "不考虑", "不再考虑", NULL};
    for (const char *const *p = fail_words; *p; p++) {
        if (!ends_with(s, n, *p))
            continue;
        size_t head = n - strlen(*p);
        negated_head = ends_with(s, head, "不是") || ends_with(s, head, "没");
        /* or told by the company: "去问 HR 才说已经不考虑了" */
        size_t said = head;
        drop_adverbs(s, &said);
        if (!technical && !negated_head &&
            (has_subject(s, head) ||
             (ends_with(s, said, "说") && told_by(s, said) &&
              /* not "面试官没说过也没说挂" */
              !ends_with_any(s, said,
                             (const char *const[]){"没说", "不说", "没有说",
                                                   "未说", "别说", NULL}))))
            return IVS_VERDICT_FAIL;
    }
    /* Cantonese 冇咗 (folded 冇了, "gone"), as 没了 of a company: "又一间
     * 冇咗", "即係冇咗" (not "冇咗 budget": the clause ends there) */
    if (last == 0x5187 || last == 0x6CA1) { /* 冇 没 */
        size_t q = n - 3;
        if (!technical && q > 0 &&
            ends_with_any(s, q,
                          (const char *const[]){"又一间", "又一家", "一间",
                                                "即系", "即係", "即是", "就咁",
                                                "又一間", NULL}))
            return IVS_VERDICT_FAIL;
    }
    /* "懂了，陪跑+1", "还是杠龟": the idiom alone */
    if (last == 0x8DD1 || last == 0x9F9F || ends_with(s, n, "+1")) {
        size_t q = n;
        drop_end(s, &q, (const char *const[]){"+1", NULL});
        if (!technical && q > 0 &&
            drop_end(s, &q,
                     (const char *const[]){"陪跑", "杠龟", "摃龟", NULL}) &&
            (q == 0 || has_subject(s, q)))
            return IVS_VERDICT_FAIL;
    }
    /* no match, as the company says it: "这次没有匹配上", "HR 说综合评估
     * 后没匹配上"; not a pattern's ("正则没匹配上") */
    if (last == 0x4E0A || last == 0x4F4D) { /* 上 位 */
        size_t q = n;
        /* "没有匹配上合适的岗位" */
        drop_end(s, &q,
                 (const char *const[]){"合适的岗位", "合适的职位", "合适岗位",
                                       "岗位", "职位", NULL});
        if (!technical &&
            drop_end(s, &q,
                     (const char *const[]){"没有匹配上", "没匹配上", "未匹配上",
                                           "匹配不上", NULL}) &&
            has_any(s, q,
                    (const char *const[]){"hr", "说", "这次", "本次", "这回",
                                          "今次", "岗位", "公司", "面", "评估",
                                          NULL}))
            return IVS_VERDICT_FAIL;
    }
    /* "这次就先不合作了", "HR 说这次暂不合作": the company's farewell; not
     * of partners ("和那家外包公司不合作了") */
    if (last == 0x4F5C) { /* 作 */
        size_t q = n;
        if (!technical &&
            drop_end(s, &q,
                     (const char *const[]){"不合作", "没法合作", "无法合作",
                                           NULL}) &&
            (has_any(
                 s, q,
                 (const char *const[]){"这次", "本次", "这回", "今次", NULL}) ||
             (has(s, q, "说") &&
              has_any(s, q,
                      (const char *const[]){"hr", "人资", "主管", "面试官",
                                            NULL}))))
            return IVS_VERDICT_FAIL;
    }
    /* "这次先不往下推进了", "HR 说先不往下走了": the company stops the
     * process; not of a project ("这个需求先不往下推进了") */
    /* round 7: the same told in a mail, in Cantonese (话 = 说, 唔 = 不)
     * or in English: "收到 email 话唔会再 proceed", "邮件说不会再推进" */
    if (last == 0x8FDB || last == 0x8D70 ||        /* 进 走 */
        (last == 0 && n > 0 && s[n - 1] == 'd')) { /* proceed */
        size_t q = n;
        if (!technical &&
            drop_end(s, &q,
                     (const char *const[]){
                         "不往下推进", "不再往下推进", "不往下走", "不再往下走",
                         "不再推进", "不继续推进", "不往前推进", "不会再推进",
                         "不会继续推进", "唔会再推进", "唔会继续推进",
                         "不会再proceed", "唔会再proceed", "不再proceed",
                         "won't proceed", "wont proceed", "not proceed",
                         "不会再 proceed", "唔会再 proceed",
                         /* "HR 回信說這次沒辦法往下走" */
                         "没办法往下走", "没法往下走", "无法往下走",
                         "不能往下走", "没办法往下推进", "无法往下推进",
                         "没办法继续推进", "无法继续推进", NULL}) &&
            /* not of a project: "这次需求没办法往下走" */
            !has_any(s, q,
                     (const char *const[]){"需求", "方案", "项目", "功能",
                                           "任务", NULL}) &&
            (has_any(
                 s, q,
                 (const char *const[]){"这次", "本次", "这回", "今次", NULL}) ||
             ((has(s, q, "说") || has(s, q, "话")) &&
              has_any(s, q,
                      (const char *const[]){"hr", "人资", "主管", "面试官",
                                            "公司", "mail", "邮件", "来电",
                                            "来信", NULL}))))
            return IVS_VERDICT_FAIL;
    }
    /* "让我这两周保持电话畅通", "HR 叫我保持手机畅通": a call to come */
    if (last == 0x901A) { /* 通 */
        size_t q = n;
        if (drop_end(s, &q, (const char *const[]){"畅通", NULL}) &&
            drop_end(s, &q, (const char *const[]){"电话", "手机", NULL}) &&
            drop_end(s, &q, (const char *const[]){"保持", NULL}) &&
            !has(s, q, "不用") &&
            has_any(s, q,
                    (const char *const[]){"让我", "叫我", "要我", "hr", "人资",
                                          "说", NULL}))
            return IVS_VERDICT_PENDING;
    }
    /* "HR 来电确认录用", "HR 打电话确认录取了": the hiring confirmed by the
     * company */
    size_t cf = n;
    if (!technical &&
        drop_end(s, &cf, (const char *const[]){"录用", "录取", NULL}) &&
        drop_end(s, &cf, (const char *const[]){"确认", "确定", NULL}) &&
        !has(s, cf, "没") && !has(s, cf, "未") && !has(s, cf, "不") &&
        has_any(s, cf,
                (const char *const[]){"hr", "人资", "来电", "电话", "公司",
                                      "邮件", "招聘", NULL}))
        return IVS_VERDICT_PASS;
    /* "这家最后给了 SP", "谈下来开了 ssp": the grades of an offer */
    if (n >= 2 && (s[n - 1] | 0x20) == 'p') {
        size_t q = n;
        drop_end(s, &q, (const char *const[]){"offer", NULL});
        if (drop_end(s, &q, (const char *const[]){"ssp", "sp", NULL}) &&
            (q == 0 || (unsigned char)s[q - 1] >= 0x80) &&
            drop_end(s, &q,
                     (const char *const[]){"给了", "开了", "拿了", "拿到",
                                           "谈到", "发了", "给到", NULL}) &&
            !has(s, q, "没") && !has(s, q, "不") &&
            (q == 0 || has_subject(s, q) ||
             has_any(
                 s, q,
                 (const char *const[]){"这家", "公司", "hr", "最后", NULL})))
            return IVS_VERDICT_PASS;
    }
    /* Someone else chosen: "主管决定找更资深的人", "团队最后选了别人",
     * "公司决定录用另一位候选人"; by the company, told to the writer. */
    if (!technical && (last == 0x4EBA || last == 0x9009 || /* 人 选 */
                       last == 0x5B66)) {                  /* 学 */
        static const char *const others_chosen[] = {
            "别人",         "其他人",     "另一位候选人",
            "另一个候选人", "其他候选人", "别的候选人",
            "更合适的人选", "更合适的人", "另一个人",
            "其他同学",     NULL};
        static const char *const chose[] = {
            "选了", "选择了", "录用了", "录用", "招了", "要了", "找了",
            "定了", "决定要", "决定找", "找到", "招到", "选",   NULL};
        size_t q = n;
        int chosen = 0;
        if (drop_end(s, &q, others_chosen) && drop_end(s, &q, chose))
            chosen = 1;
        /* the place filled: "部门已经招到人了" */
        size_t q2 = n;
        if (!chosen && drop_end(s, &q2, (const char *const[]){"人", NULL}) &&
            drop_end(s, &q2,
                     (const char *const[]){"招到", "找到", "补到", NULL})) {
            chosen = 1;
            q = q2;
        }
        /* "决定找有金融背景的人", "决定找更资深的人" */
        if (!chosen && ends_with(s, n, "的人"))
            for (size_t i = 0; i + 9 <= n && n - i <= 45; i++)
                if (memcmp(s + i, "决定找", 9) == 0 ||
                    memcmp(s + i, "决定要", 9) == 0) {
                    q = i;
                    chosen = 1;
                    break;
                }
        if (chosen && !ends_with(s, q, "我") &&
            has_any(s, q,
                    (const char *const[]){"hr", "人资", "主管", "公司", "团队",
                                          "面试官", "部门", "通知", "说",
                                          "岗位", "职缺", "职位", "hc", "最后",
                                          "最终", NULL}))
            return IVS_VERDICT_FAIL;
    }
    /* "这次真的没了", "今次真係冇咗" (folded: 没了): nothing left of it, said
     * of a round or this time (an adverb of ending alone is "and then
     * nothing") */
    if (le && !technical && ends_with(s, n, "没") &&
        has_subject_of(s, n - 3, 1))
        return IVS_VERDICT_FAIL;
    /* Idioms of a failure that need no subject, once done (了): "就是没戏
     * 了", "一面G了" (gg); not "这题g了" (technical) */
    if (le && !technical && !has(s, n, "不是")) {
        size_t h = n;
        if (drop_end(s, &h, (const char *const[]){"没戏", "凉透", NULL}))
            return IVS_VERDICT_FAIL;
        if (drop_end(s, &h, (const char *const[]){"gg", "g", NULL}) &&
            (h == 0 || (unsigned char)s[h - 1] >= 0x80) && has_subject(s, h))
            return IVS_VERDICT_FAIL;
    }
    /* gg without 了, after a round: "一面直接GG" */
    {
        size_t h = n;
        if (!technical && drop_end(s, &h, (const char *const[]){"gg", NULL}) &&
            h > 0 && (unsigned char)s[h - 1] >= 0x80 && has_subject_of(s, h, 1))
            return IVS_VERDICT_FAIL;
    }
    /* not taken to the next stage: "HR 回信說決定不進行下一階段" */
    if (!technical &&
        ends_with_any(s, n,
                      (const char *const[]){"不进行下一阶段", "不进入下一阶段",
                                            "不进行下一轮", "不进行下一步",
                                            NULL}) &&
        (has(s, n, "决定") || has(s, n, "说") || has(s, n, "hr")))
        return IVS_VERDICT_FAIL;
    /* "HR 婉拒了": refused by the company */
    size_t wj = n;
    if (!technical && drop_end(s, &wj, (const char *const[]){"婉拒", NULL}) &&
        (wj == 0 || has(s, wj, "hr") || has(s, wj, "公司") ||
         has(s, wj, "对方") || has_subject(s, wj)) &&
        !has(s, wj, "我"))
        return IVS_VERDICT_FAIL;
    /* "岗位已招满", "HC 满了": no place left */
    size_t full = n;
    if (!technical &&
        drop_end(s, &full,
                 (const char *const[]){"已招满", "招满了", "招满", "已满",
                                       "满了", NULL}) &&
        (ends_with_any(s, full,
                       (const char *const[]){"岗位", "hc", "名额", "职位",
                                             "坑位", NULL}) ||
         ends_with(s, n, "招满")))
        return IVS_VERDICT_FAIL;
    /* "话唔成功", "邮件说不成功": told of a failure */
    size_t tf = n;
    if (!technical &&
        drop_end(s, &tf,
                 (const char *const[]){"唔成功", "不成功", "失败", "唔收我",
                                       "不收我", "不要我", "唔要我", "不考虑我",
                                       NULL}) &&
        /* "话今次唔考慮我" */
        (drop_end(s, &tf,
                  (const char *const[]){"这次", "今次", "本次", "这回", NULL}),
         1) &&
        drop_end(s, &tf,
                 (const char *const[]){"说", "话", "告知", "通知", NULL}) &&
        (has(s, tf, "email") || has(s, tf, "邮件") || has(s, tf, "hr") ||
         has(s, tf, "电话") || has(s, tf, "面试官") || has(s, tf, "收到") ||
         has(s, tf, "通知") || has(s, tf, "回复") || has(s, tf, "recruiter")))
        return IVS_VERDICT_FAIL;
    /* "面完就知道凉了"; "要凉了", "快凉了" are fears. */
    if (ends_with(s, n, "凉") && le && !technical) {
        size_t head = n - 3;
        if (!ends_with(s, head, "要") && !ends_with(s, head, "快") &&
            !ends_with(s, head, "会") && !ends_with(s, head, "怕") &&
            !ends_with(s, head, "不"))
            return IVS_VERDICT_FAIL;
    }

    /* A status read off the site: "简历状态变成了不合适", "状态一直是面试
     * 中", "HR面完状态一直是处理中", "status直接变成not selected": any value
     * of a status or a verdict (ivs_verdict_of_value) after the verb. */
    size_t st = n;
    for (size_t i = 0; i + 6 <= n; i++)
        if (memcmp(s + i, "状态", 6) == 0 || memcmp(s + i, "status", 6) == 0 ||
            memcmp(s + i, "进度", 6) == 0 ||
            /* "官网流程显示已结束": the process shown, with its verb */
            (memcmp(s + i, "流程", 6) == 0 &&
             (starts_with(s + i + 6, n - i - 6, "显示") ||
              starts_with(s + i + 6, n - i - 6, "变成") ||
              starts_with(s + i + 6, n - i - 6, "变为") ||
              starts_with(s + i + 6, n - i - 6, "更新为"))) ||
            /* "系统就显示「未录取」", "官网显示已结束": what a hiring
             * site shows (not "页面显示 404") */
            (memcmp(s + i, "显示", 6) == 0 &&
             (has(s, i, "系统") || has(s, i, "官网") || has(s, i, "投递") ||
              has(s, i, "招聘"))))
            st = i;
    /* the words of tests before the status, not in its value ("状态还是
     * 审核中") */
    /* a system's status names a round in its value to count: "系统状态变成
     * 了“终面待安排”" (not "系统状态变为已关闭") */
    if (st < n && !has_any(s, st, clause_technical) &&
        (has(s, st, "简历") || has(s, st, "官网") || has(s, st, "面") ||
         has(s, st, "招聘") || has(s, st, "投递") || has(s, st, "申请") ||
         has(s, st, "流程") || has(s, st, "hr") || st == 0 ||
         (has(s, st, "系统") && has(s + st, n - st, "面")))) {
        static const char *const becomes[] = {
            "一直是", "一直都是", "还是",   "仍是", "仍然是", "依然是",
            "都是",   "依旧是",   "依旧",   "依然", "变成了", "变成",
            "变为",   "成了",     "显示为", "显示", "更新为", "改为",
            "是",     "为",       "一直",   "已经", "直接",   "也",
            "还",     "就",       "又",     NULL};
        size_t b = st + 6;
        for (int changed = 1; changed;) {
            changed = 0;
            for (const char *const *w = becomes; *w; w++)
                if (starts_with(s + b, n - b, *w)) {
                    b += strlen(*w);
                    changed = 1;
                    break;
                }
        }
        /* one character after the noun is a list's "等" ("状态等"), not a
         * value, unless a verb gives it */
        ivs_verdict_t sv = b < n && (n - b > 3 || b > st + 6)
                               ? ivs_verdict_of_value(s + b, n - b)
                               : IVS_VERDICT_UNKNOWN;
        if (sv != IVS_VERDICT_UNKNOWN)
            return sv;
    }
    /* "官网就灰了", "投递记录变灰": the application greyed out on the site */
    if (!technical && (ends_with(s, n, "灰") || ends_with(s, n, "灰掉")) &&
        (le || has(s, n, "变灰")) &&
        (has(s, n, "官网") || has(s, n, "状态") || has(s, n, "流程") ||
         has(s, n, "投递") || has(s, n, "简历") || has(s, n, "进度")) &&
        !has(s, n, "没") && !has(s, n, "不"))
        return IVS_VERDICT_FAIL;
    /* "挂得很干脆", "二面挂得很惨": 挂 with its complement */
    for (size_t i = 0; i + 6 <= n; i++)
        if (memcmp(s + i, "挂得", 6) == 0 || memcmp(s + i, "凉得", 6) == 0 ||
            memcmp(s + i, "跪得", 6) == 0) {
            if (!technical && (i == 0 || has_subject(s, i)) &&
                !has(s, i, "没") && !has(s, i, "不"))
                return IVS_VERDICT_FAIL;
            break;
        }

    /* "offer 审批通过了", "收到 offer 审批通过的短信", "offer 簽核通過":
     * the offer approved (审批 is otherwise a word of systems). */
    if (last == 0x8FC7 || last == 0x6210 || last == 0x6765 || /* 过成来 */
        last == 0x6279 || last == 0x4FE1 || last == 0x4EF6 || /* 批信件 */
        last == 0x77E5 || last == 0x8BDD) {                   /* 知话 */
        size_t q = n;
        if (drop_end(s, &q,
                     (const char *const[]){"的短信", "的邮件", "的通知",
                                           "的电话", NULL}) &&
            !has_any(s, q, (const char *const[]){"收到", "接到", NULL}))
            q = n;
        if (drop_end(s, &q,
                     (const char *const[]){"通过", "完成", "批下来", "下来",
                                           "批了", NULL})) {
            drop_end(s, &q,
                     (const char *const[]){"已经", "已", "也", "终于", NULL});
            if (drop_end(s, &q, (const char *const[]){"审批", "签核", NULL}) &&
                (ends_with(s, q, "offer") || ends_with(s, q, "录用") ||
                 ends_with(s, q, "意向") || ends_with(s, q, "录取")) &&
                !has_any(
                    s, q,
                    (const char *const[]){"没", "不", "未", "想", "等", NULL}))
                return IVS_VERDICT_PASS;
        }
    }
    /* "offer审批中", "等offer审批", "offer还在审批": an offer not yet
     * approved (审批 is otherwise a word of systems). */
    size_t ap = n;
    drop_end(s, &ap, (const char *const[]){"中", NULL});
    if (drop_end(s, &ap, (const char *const[]){"审批", NULL}) &&
        (has(s, ap, "offer") || has(s, ap, "意向书") || has(s, ap, "录用")) &&
        !has(s, ap, "没") && !has(s, ap, "不") && !has(s, ap, "未") &&
        !has(s, ap, "通过"))
        return IVS_VERDICT_PENDING;
    /* Pass. */
    if (technical)
        return IVS_VERDICT_UNKNOWN;
    /* "一面算是稳了", "稳了": sure of the pass, once done */
    if (le && ends_with(s, n, "稳")) {
        size_t h = n - 3;
        if (!ends_with(s, h, "不") && !ends_with(s, h, "没") &&
            !ends_with(s, h, "要") && !ends_with(s, h, "快") &&
            (h == 0 || has_subject(s, h)))
            return IVS_VERDICT_PASS;
    }
    /* "背调也走完了", "在走背调", "月底入职", "年后报到": what follows an
     * offer */
    if (has(s, n, "背调") && !has(s, n, "没") && !has(s, n, "不") &&
        (ends_with(s, n, "背调") || ends_with(s, n, "完") ||
         ends_with(s, n, "通过") || ends_with(s, n, "完成") ||
         ends_with(s, n, "背调中")))
        return IVS_VERDICT_PASS;
    size_t jn = n;
    if (drop_end(
            s, &jn,
            (const char *const[]){"入职报到", "入职", "报到", "签约", NULL}) &&
        !has(s, jn, "没") && !has(s, jn, "不") && !has(s, jn, "才能") &&
        !has(s, jn, "以后") &&
        ends_with_any(s, jn,
                      (const char *const[]){"月底", "月初", "下周", "下个月",
                                            "年后", "明年", "下周一", "号",
                                            "准备", "已", "已经", "下星期",
                                            "下礼拜", "下个礼拜", NULL}))
        return IVS_VERDICT_PASS;
    /* "拿到offer了", "已oc", "收到意向书", "已签". */
    static const char *const got[] = {
        "拿到了", "收到了", "接到了", "拿到",   "拿了",   "收到",   "喜提",
        "获得",   "拿下",   "接到",   "发了",   "给了",   "拿",     "签了",
        "接了",   "接受了", "签",     "接受",   "已接",   "get了",  "get到",
        "get",    "got",    "拒了",   "拒绝了", "婉拒了", "拒掉了", "拎到",
        "攞到",   "等来了", "等到了", "盼来了", "已收",   "收了",   NULL};
    for (const char *const *p = offer_words; *p; p++)
        if (ends_with(s, n, *p)) {
            size_t head = n - strlen(*p);
            /* "给了口头offer", "拿到一份正式的offer" */
            static const char *const kinds[] = {
                "口头", "正式", "书面", "实习", "校招", "社招", "ssp",
                "sp",   "的",   "一个", "一份", "个",   "份",   NULL};
            int whose = ends_with(s, head, "的");
            /* "拿了 3 个 offer": a count */
            for (int changed = 1; changed;) {
                changed = drop_end(s, &head, kinds);
                while (head > 0 && s[head - 1] >= '0' && s[head - 1] <= '9')
                    head--, changed = 1;
            }
            /* "拿到了字节的offer": a company between the verb and 的, once
             * it is done (了, 已, 终于 …), not "拿到更好的offer" */
            int done = le || has(s, head, "了") || has(s, head, "已") ||
                       has(s, head, "终于") || has(s, head, "最终") ||
                       has(s, head, "成功") || has(s, head, "顺利");
            for (size_t back = 0; done && back <= 24 && back < head;
                 back += 3) {
                size_t h = head - back;
                /* "成功拿下字节offer": a company without 的, not "拿到更好
                 * offer", "拿到其他offer" */
                if (!whose && back > 0 &&
                    has_any(s + h, back,
                            (const char *const[]){"更", "好", "别", "其他",
                                                  "多", "不", "没", NULL}))
                    break;
                if (ends_with(s, h, "拿到") || ends_with(s, h, "收到") ||
                    ends_with(s, h, "拿了") || ends_with(s, h, "拿下") ||
                    ends_with(s, h, "获得")) {
                    head = h;
                    break;
                }
            }
            if (drop_end(s, &head, got) && !ends_with(s, head, "没") &&
                !ends_with(s, head, "未") && !ends_with(s, head, "想"))
                return IVS_VERDICT_PASS;
        }
    /* Cantonese, an offer told: "收到 email 話 offer 咗" */
    if (le && ends_with(s, n, "offer") && !technical) {
        size_t h = n - 5;
        if ((ends_with(s, h, "话") || ends_with(s, h, "说")) &&
            !ends_with(s, h, "电话") && told_by(s, h))
            return IVS_VERDICT_PASS;
    }
    /* Taiwan "结果上了", "最后有上": admitted; "hr打来说上了": told so */
    if (ends_with(s, n, "上") && !technical) {
        size_t h = n - 3;
        int have = ends_with(s, h, "有");
        if (have)
            h -= 3;
        if ((le || have) && !ends_with(s, h, "没") && !ends_with(s, h, "不") &&
            !ends_with(s, h, "能") &&
            (has_subject(s, h) || (ends_with(s, h, "说") && told_by(s, h))))
            return IVS_VERDICT_PASS;
    }
    /* "已进入核薪阶段", "到了谈薪环节": the stage after a pass */
    {
        size_t st = n;
        drop_end(s, &st, (const char *const[]){"阶段", "环节", "流程", NULL});
        if (st < n &&
            drop_end(s, &st,
                     (const char *const[]){"核薪", "谈薪", "定薪", "offer审批",
                                           "背调", "发offer", NULL}) &&
            drop_end(s, &st,
                     (const char *const[]){"进入了", "进入", "到了", "开始",
                                           "走到", NULL}) &&
            !has(s, st, "没") && !has(s, st, "不") && !technical)
            return IVS_VERDICT_PASS;
    }
    /* "hr打电话来谈薪了", "开始谈offer": the salary talk comes after a pass */
    static const char *const salary[] = {"谈薪资", "谈薪", "谈offer", "开奖",
                                         NULL};
    size_t sl = n;
    if (drop_end(s, &sl, salary) && !has(s, sl, "不") && !has(s, sl, "没") &&
        !has(s, sl, "暂") &&
        (has(s, sl, "hr") || has(s, sl, "电话") || has(s, sl, "约") ||
         has(s, sl, "开始") || (le && (sl == 0 || has_subject(s, sl)))))
        return IVS_VERDICT_PASS;
    /* "最终offer到手", "意向书到手了"; done (了): "offer发了", "意向书也发
     * 了", "offer终于下来了": the offer before the verb of its giving. */
    size_t hand = n;
    if (drop_end(s, &hand, (const char *const[]){"到手", NULL}) ||
        ((le || has(s, n, "已")) &&
         drop_end(s, &hand,
                  (const char *const[]){"收到", "拿到", "拿下", "拿", NULL})) ||
        ((le || has(s, n, "已")) &&
         drop_end(s, &hand,
                  (const char *const[]){"发下来", "发过来", "寄过来", "发放",
                                        "发出", "下发", "寄出", "寄来", "已发",
                                        "已到", "到", NULL})) ||
        (le && drop_end(s, &hand,
                        (const char *const[]){"发下来", "批下来", "下来",
                                              "批了", "发", NULL}))) {
        size_t h = hand;
        drop_end(s, &h,
                 (const char *const[]){"已经", "已", "也", "终于", "就", NULL});
        /* the papers, or the mail that brings them: "意向书邮件收到了",
         * "录用通知邮件终于到了", "意向已发" */
        drop_end(s, &h,
                 (const char *const[]){"通过邮件", "通过短信", "用邮件",
                                       "以邮件", "邮件", "短信", "电话", "call",
                                       NULL});
        if ((ends_with_any(s, h, offer_words) || ends_with(s, h, "oc")) &&
            !has(s, h, "没") && !has(s, h, "未") && !has(s, h, "想") &&
            !has(s, h, "合作"))
            return IVS_VERDICT_PASS;
    }
    /* "意向书也签了", "offer call 已接", "三方已签": the offer accepted. */
    size_t sg = n;
    if (drop_end(s, &sg,
                 (const char *const[]){"签约", "签", "接受", "接", NULL}) &&
        !has(s, sg, "没") && !has(s, sg, "不") && !has(s, sg, "未") &&
        !has(s, sg, "拒")) {
        drop_end(s, &sg, (const char *const[]){"已经", "已", "也", "都", NULL});
        if (ends_with(s, sg, "offer") || ends_with(s, sg, "offercall") ||
            ends_with(s, sg, "意向书") || ends_with(s, sg, "三方") ||
            ends_with(s, sg, "合同"))
            return IVS_VERDICT_PASS;
    }
    /* "收到了oc电话", "接到offer邮件": the call that brings the offer. */
    static const char *const calls[] = {"电话", "邮件", "短信",
                                        "通知", "call", NULL};
    size_t c = n;
    if (drop_end(s, &c, calls) &&
        (ends_with(s, c, "oc") || ends_with_any(s, c, offer_words)) &&
        (has(s, c, "收到") || has(s, c, "接到") || has(s, c, "来了")) &&
        !has(s, c, "没") && !has(s, c, "未"))
        return IVS_VERDICT_PASS;
    if (ends_with(s, n, "oc") &&
        (n == 2 || !((s[n - 3] >= 'a' && s[n - 3] <= 'z') ||
                     (s[n - 3] >= '0' && s[n - 3] <= '9')))) {
        size_t head = n - 2;
        /* (or a day told: "周五 oc", "当天 oc") */
        if (le || ends_with(s, head, "已") || ends_with(s, head, "已经") ||
            ends_with(s, head, "顺利") || ends_with(s, head, "成功") ||
            (head > 0 && only_adverbs(s, head)) ||
            is_one_of(s, head,
                      (const char *const[]){"周一", "周二", "周三", "周四",
                                            "周五", "周六", "周日", NULL}))
            return IVS_VERDICT_PASS;
    }
    /* "成功上岸字节", "顺利上岸鹅厂": a company after, once done */
    for (size_t i = 6; i + 6 < n && i + 6 + 18 >= n; i++)
        if (memcmp(s + i, "上岸", 6) == 0 &&
            ends_with_any(s, i,
                          (const char *const[]){"成功", "顺利", "已经", "已",
                                                "终于", "最终", NULL}) &&
            !has(s, i, "没") && !has(s, i, "希望") && !has(s, i, "想"))
            return IVS_VERDICT_PASS;
    /* "已上岸", "我上岸了", not "提速上岸", "也能上岸". */
    if (ends_with(s, n, "上岸")) {
        size_t head = n - 6;
        if (!ends_with(s, head, "能") && !ends_with(s, head, "想") &&
            !ends_with(s, head, "没") &&
            (le || head == 0 || has_subject(s, head) ||
             ends_with(s, head, "已") || ends_with(s, head, "已经") ||
             ends_with(s, head, "成功") || ends_with(s, head, "顺利") ||
             ends_with(s, head, "终于")))
            return IVS_VERDICT_PASS;
    }
    /* "约了二面", "进入hr面", "收到了三面邀请", "通知进入下一轮". */
    size_t round = next_round_at_end(s, n);
    if (round) {
        size_t head = n - round;
        static const char *const advance[] = {
            "约了", "约",   "进入", "进",   "收到了", "收到", "通知", "安排了",
            "走到", "来到", "到了", "排了", "排",     "约在", NULL};
        /* a time between: "约了下周一二面", "直接排明天三面" */
        static const char *const when[] = {
            "下周一", "下周二", "下周三", "下周四", "下周五", "下周", "明天",
            "后天",   "周一",   "周二",   "周三",   "周四",   "周五", "周六",
            "周日",   "当天",   "今天",   "晚上",   "下午",   "上午", NULL};
        while (drop_end(s, &head, when))
            ;
        size_t adv = head;
        /* "没进二面", "未能进入终面": the next round not reached */
        if (drop_end(s, &adv, advance) &&
            drop_end(s, &adv,
                     (const char *const[]){"没能", "未能", "没有", "没", "未",
                                           NULL}) &&
            (adv == 0 || has_subject(s, adv)))
            return IVS_VERDICT_FAIL;
        /* (not to be decided: "再决定是否安排二面") */
        /* (surprise is no negation: "没想到当天晚上就约了二面") */
        if (drop_end(s, &head, advance) &&
            (!has(s, head, "没") || has(s, head, "没想到")) &&
            !has(s, head, "不") && !has(s, head, "未") &&
            !ends_with(s, head, "等") && !has(s, head, "是否") &&
            /* (after what is awaited: "等 HC 释放后再约终面") */
            !has(s, head, "后再") && !starts_with(s, head, "等") &&
            !ends_with(s, head, "待安") && !ends_with(s, head, "待"))
            return IVS_VERDICT_PASS;
    }
    /* "过了一面", "顺利通过了二面", Cantonese "过咗一面": the round after */
    if (ends_with_round(s, n)) {
        size_t r = n;
        while (r > 0 && !ends_with(s, r, "过了") && !ends_with(s, r, "过咗") &&
               n - r <= 18)
            r--;
        if (r > 0 && n - r <= 18 &&
            (ends_with(s, r, "过了") || ends_with(s, r, "过咗")) &&
            !time_span_at(s, n, r)) {
            size_t h = r - 6;
            if (ends_with(s, h, "通"))
                h -= 3;
            size_t bare = h;
            while (drop_end(s, &bare, other_adverbs))
                ;
            if (!ends_with(s, h, "没") && !ends_with(s, h, "不") &&
                !ends_with(s, h, "说") && !has(s, h, "没") &&
                (bare == 0 || has_subject(s, h)))
                return IVS_VERDICT_PASS;
        }
    }
    /* "候选人已通过技术一面": 已通过, then the round */
    if (ends_with_round(s, n) && !technical) {
        for (size_t r = n; r >= 9 && n - r <= 18; r--) {
            if (((unsigned char)s[r - 1] & 0xC0) == 0x80 && r < n &&
                ((unsigned char)s[r] & 0xC0) == 0x80)
                continue;
            if (ends_with(s, r, "已通过") || ends_with(s, r, "顺利通过") ||
                ends_with(s, r, "成功通过")) {
                size_t h = r - (ends_with(s, r, "已通过") ? 9 : 12);
                if (!has(s, h, "没") && !has(s, h, "未") &&
                    !has(s, h, "如果") &&
                    (h == 0 || has_subject(s, h) || ends_with(s, h, "候选人")))
                    return IVS_VERDICT_PASS;
                break;
            }
        }
    }
    /* "一面过了", "这一面也过了", "hr打电话说过了", "面试已通过". */
    static const char *const passed[] = {"通过", "录取",        "录用",
                                         "通关", "moveforward", "movingforward",
                                         "pass", "过",          NULL};
    for (const char *const *p = passed; *p; p++) {
        if (!ends_with(s, n, *p))
            continue;
        size_t head = n - strlen(*p);
        if (ends_with(s, head, "被") && strcmp(*p, "pass") == 0)
            return IVS_VERDICT_FAIL; /* "被pass了": passed over */
        if (ends_with(s, head, "被") && strlen(*p) == 6 &&
            !has(s, head, "没") && !has(s, head, "未") && !has(s, head, "不") &&
            (le || head == 3 || has_subject(s, head - 3)))
            return IVS_VERDICT_PASS; /* "被录取了" */
        if (strcmp(*p, "过") == 0 && ends_with(s, head, "通"))
            break; /* "通过" is the other entry */
        static const char *const cannot[] = {
            "没", "不", "未", "能", "求", "可以", "会", "想", "要", "难", NULL};
        size_t h = head;
        /* the interviewer's "can pass": "这轮可以过", "本轮可以通过" */
        if (ends_with(s, head, "可以") && !has(s, head, "不") &&
            !has(s, head, "没") &&
            ends_with_any(
                s, head - 6,
                (const char *const[]){"这轮", "本轮", "这一轮", "这面", NULL}))
            return IVS_VERDICT_PASS;
        if (drop_end(s, &h, cannot))
            continue;
        /* "说过了" is "said before" unless someone tells a result (话 is
         * Cantonese 说: "HR 打嚟話過咗", not 电话) */
        if (ends_with(s, head, "说") || ends_with(s, head, "通知") ||
            ends_with(s, head, "通知我") ||
            (ends_with(s, head, "话") && !ends_with(s, head, "电话") &&
             !ends_with(s, head, "通话")))
            return told_by(s, head) ? IVS_VERDICT_PASS : IVS_VERDICT_UNKNOWN;
        /* 通过 and 录取 may be "via" or of others ("最终通过 JEP 444"); 通关
         * is the writer's ("算是顺利通关") */
        /* Taiwan's 有過 after a round: "技術面有過，接著是主管面" */
        if (strcmp(*p, "过") == 0 && ends_with(s, head, "有") && head > 3 &&
            (ends_with(s, head - 3, "面") || ends_with_round(s, head - 3)))
            return IVS_VERDICT_PASS;
        if ((le || strlen(*p) == 6 || ends_with(s, head, "面") ||
             ends_with(s, head, "已") || ends_with(s, head, "已经")) &&
            has_subject_of(s, head, strlen(*p) == 6 && strcmp(*p, "通关") != 0))
            return IVS_VERDICT_PASS;
    }
    (void)negated_head;
    return IVS_VERDICT_UNKNOWN;
}

/* Length of a clause delimiter at S (N bytes) in folded text, or 0. */
static size_t
statement_delim(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    if (c == ',' || c == ';' || c == ':' || c == '|' || c == '(' || c == ')' ||
        c == '[' || c == ']' || c == '"' || c == '`' || c == '!')
        return 1;
    /* An emoji ends a clause as a full stop does: "收到 offer 了🎉 感谢…" */
    if (c == 0xF0 && n >= 4 && (unsigned char)s[1] == 0x9F)
        return 4;
    /* and so does an emoticon in letters before more Chinese words: "一面
     * 就掛了 QQ 題目大概是這些" (the caller checks what stands before it:
     * face_follows_outcome) */
    for (const char *const *f = emoticons;
         (c | 0x20) == 'q' || (c | 0x20) == 'o' || (c | 0x20) == 't'; f++) {
        if (!*f)
            break;
        if (!starts_with_ci(s, n, *f))
            continue;
        size_t j = strlen(*f);
        while (j < n && s[j] == ' ')
            j++;
        if (j < n && (unsigned char)s[j] >= 0xE0)
            return j;
    }
    /* Every delimiter below is a three-byte sequence led by E2, E3 or EF:
     * the lead byte settles most characters at once. */
    if ((c != 0xE2 && c != 0xE3 && c != 0xEF) || n < 3)
        return 0;
    uint32_t cp = (uint32_t)(c & 0x0F) << 12 |
                  (uint32_t)((unsigned char)s[1] & 0x3F) << 6 |
                  ((unsigned char)s[2] & 0x3F);
    switch (cp) {
    case 0xFF0C: /* ， */
    case 0x3002: /* 。 */
    case 0xFF1B: /* ； */
    case 0xFF01: /* ！ */
    case 0x3001: /* 、 */
    case 0xFF1A: /* ： */
    case 0xFF5C: /* ｜ */
    case 0xFF08: /* （ */
    case 0xFF09: /* ） */
    case 0x3010: /* 【 */
    case 0x3011: /* 】 */
    case 0x300C: /* 「 */
    case 0x300D: /* 」 */
    case 0x300E: /* 『 */
    case 0x300F: /* 』 */
    case 0x201C: /* “ */
    case 0x201D: /* ” */
    case 0x2014: /* — */
    case 0x2026: /* … */
    case 0x2192: /* → ("技术面 → 已通过") */ return 3;
    default: return 0;
    }
}

/* Whether the delimiter at S[I] (statement_delim) is an emoticon in letters
 * that does not follow a particle of an outcome: "面试官让我通过QQ发简历"
 * (QQ the messenger), not "一面就掛了 QQ 題目". */
static int
face_not_after_outcome(const char *s, size_t i)
{
    unsigned char c = (unsigned char)s[i] | 0x20;
    if (c != 'q' && c != 'o' && c != 't')
        return 0;
    while (i > 0 && s[i - 1] == ' ')
        i--;
    return !(ends_with(s, i, "了") || ends_with(s, i, "咗") ||
             ends_with(s, i, "啦") || ends_with(s, i, "惹"));
}

/* Whether LINE (LEN bytes) holds the formula of a refusal or a welcome,
 * a mark, or an English outcome word, wherever it stands: 遗憾, 欢迎, 感谢,
 * 合适, ✅,
 * ❌, ✔, ✘, √, offer, reject, regret, welcome, hear back, make it, passed
 * the, waiting. One pass over the line. */
static int
formula_inside(const char *line, size_t len)
{
    static const char *const english[] = {
        "offer",    "eject",        "regret",    "elcome",
        "ear back", "make it",      "forward",   "assed the",
        "aiting",   "applicant",    "andidate",  "ent with",
        "hose ",    "ired someone", "illed the", NULL};
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)line[i];
        if (c == 'o' || c == 'e' || c == 'r' || c == 'a' || c == 'm' ||
            c == 'f' || c == 'h' || c == 'i') {
            for (const char *const *w = english; *w; w++)
                if ((unsigned char)(*w)[0] == c &&
                    starts_with(line + i, len - i, *w))
                    return 1;
            continue;
        }
        /* the rest are three-byte characters led by E2, E5, E6 or E9:
         * the first character decides, the second is compared only then */
        if (c != 0xE2 && c != 0xE5 && c != 0xE6 && c != 0xE9)
            continue;
        if (i + 3 > len)
            break;
        /* of E5 only 合 (E5 90 88): most characters lead with it */
        if (c == 0xE5 && ((unsigned char)line[i + 1] != 0x90 ||
                          (unsigned char)line[i + 2] != 0x88)) {
            i += 2;
            continue;
        }
        uint32_t cp = (uint32_t)(c & 0x0F) << 12 |
                      (uint32_t)((unsigned char)line[i + 1] & 0x3F) << 6 |
                      ((unsigned char)line[i + 2] & 0x3F);
        const char *next = line + i + 3;
        size_t left = len - i - 3;
        switch (cp) {
        case 0x9057: /* 遗 */
        case 0x907A: /* 遺 */
            if (starts_with(next, left, "憾"))
                return 1;
            break;
        case 0x62B1: /* 抱 */
            if (starts_with(next, left, "歉"))
                return 1;
            break;
        case 0x6B22: /* 欢 */
        case 0x6B61: /* 歡 */
            if (starts_with(next, left, "迎"))
                return 1;
            break;
        case 0x611F: /* 感 (感谢您对本公司的关注) */
            if (starts_with(next, left, "谢") || starts_with(next, left, "謝"))
                return 1;
            break;
        case 0x6211: /* 我 (面试官说“我这边没问题”) */
            if (starts_with(next, left, "这边") ||
                starts_with(next, left, "這邊"))
                return 1;
            break;
        case 0x5408: /* 合 (有合适的机会再联系) */
            if (starts_with(next, left, "适"))
                return 1;
            break;
        case 0x2705: /* ✅ */
        case 0x274C: /* ❌ */
        case 0x2714: /* ✔ */
        case 0x2718: /* ✘ */
        case 0x221A: /* √ */ return 1;
        default: break;
        }
        i += 2;
    }
    return 0;
}

/* Whether some clause of LINE (LEN bytes, not folded) may end with an
 * outcome expression: the cheap test that lets most lines go unfolded. */
static int
line_may_state(const char *line, size_t len)
{
    if (formula_inside(line, len))
        return 1;
    size_t start = 0;
    for (size_t i = 0; i <= len;) {
        size_t d = i < len ? statement_delim(line + i, len - i) : 1;
        if (d && i < len && face_not_after_outcome(line, i))
            d = 0;
        if (d == 0) {
            i++;
            while (i < len && ((unsigned char)line[i] & 0xC0) == 0x80)
                i++;
            continue;
        }
        size_t e = i;
        while (e > start && (line[e - 1] == ' ' || line[e - 1] == '\t' ||
                             line[e - 1] == '\r'))
            e--;
        while (e >= start + 3 && ends_with(line + start, e - start, "　"))
            e -= 3;
        int le;
        if (e > start &&
            may_end_outcome(line + start,
                            strip_particles(line + start, e - start, &le)))
            return 1;
        i += d;
        start = i;
    }
    return 0;
}

/* The outcome an English line (T, N bytes, folded: lower case, no
 * spaces) states for its writer: an outcome phrase, in a line that speaks
 * neither to nor of other people nor of tests and code. */
static ivs_verdict_t
english_outcome(const char *t, size_t n)
{
    static const struct {
        const char *phrase;
        ivs_verdict_t verdict;
    } phrases[] = {
        {"gottheoffer", IVS_VERDICT_PASS},
        /* an ATS's status: "ATS 状态：Interview Passed → 待安排 Round 2" */
        {"interviewpassed", IVS_VERDICT_PASS},
        {"interviewfailed", IVS_VERDICT_FAIL},
        {"gotanoffer", IVS_VERDICT_PASS},
        {"receivedanoffer", IVS_VERDICT_PASS},
        {"receivedtheoffer", IVS_VERDICT_PASS},
        {"offerreceived", IVS_VERDICT_PASS},
        {"acceptedtheoffer", IVS_VERDICT_PASS},
        {"passedthefirstround", IVS_VERDICT_PASS},
        {"passedthephonescreen", IVS_VERDICT_PASS},
        {"passedtheonsite", IVS_VERDICT_PASS},
        {"passedtheinterview", IVS_VERDICT_PASS},
        {"passedtheround", IVS_VERDICT_PASS},
        {"passedthetechnical", IVS_VERDICT_PASS},
        {"passedthehr", IVS_VERDICT_PASS},
        {"movedontothenext", IVS_VERDICT_PASS},
        {"advancedtothenext", IVS_VERDICT_PASS},
        {"invitedtotheonsite", IVS_VERDICT_PASS},
        {"invitedtoonsite", IVS_VERDICT_PASS},
        {"invitedtothenextround", IVS_VERDICT_PASS},
        {"gotthejob", IVS_VERDICT_PASS},
        {"gotrejected", IVS_VERDICT_FAIL},
        {"wouldnotmoveforward", IVS_VERDICT_FAIL},
        {"wouldn'tmoveforward", IVS_VERDICT_FAIL},
        {"notmovingforward", IVS_VERDICT_FAIL},
        {"gottherejection", IVS_VERDICT_FAIL},
        {"receivedtherejection", IVS_VERDICT_FAIL},
        {"arejectionemail", IVS_VERDICT_FAIL},
        {"gotarejectionemail", IVS_VERDICT_FAIL},
        {"wasrejected", IVS_VERDICT_FAIL},
        {"gotarejection", IVS_VERDICT_FAIL},
        {"receivedarejection", IVS_VERDICT_FAIL},
        {"didn'tmakeit", IVS_VERDICT_FAIL},
        {"didnotmakeit", IVS_VERDICT_FAIL},
        {"didn'tpass", IVS_VERDICT_FAIL},
        {"didnotpass", IVS_VERDICT_FAIL},
        {"didn'tgettheoffer", IVS_VERDICT_FAIL},
        {"didn'tgetanoffer", IVS_VERDICT_FAIL},
        {"gotdinged", IVS_VERDICT_FAIL},
        {"waitingtohearback", IVS_VERDICT_PENDING},
        {"haven'theardback", IVS_VERDICT_PENDING},
        {"havenotheardback", IVS_VERDICT_PENDING},
        {"haven'theardanything", IVS_VERDICT_PENDING},
        {"noresponseyet", IVS_VERDICT_PENDING},
        {"nowordyet", IVS_VERDICT_PENDING},
        {"waitingforfeedback", IVS_VERDICT_PENDING},
        {"waitingfortheresult", IVS_VERDICT_PENDING},
        {"waitingforthedecision", IVS_VERDICT_PENDING},
    };
    static const char *const not_own[] = {
        "you",  "they",  "friend", "someone", "people",  "ifwe", "test",
        "case", "build", "check",  "request", "promise", "?",    NULL};
    ivs_verdict_t v = IVS_VERDICT_UNKNOWN;
    /* the company goes on with others: "they decided to move forward with
     * other candidates", "chose another candidate" ("they" is the company) */
    /* or with someone else: "they went with someone more senior" */
    if ((has(t, n, "wentwithsomeone") || has(t, n, "wentwithanother") ||
         has(t, n, "chosesomeone") || has(t, n, "hiredsomeoneelse") ||
         has(t, n, "filledtheposition") || has(t, n, "filledtherole")) &&
        !has_any(t, n,
                 (const char *const[]){"you", "friend", "people", "?", "if",
                                       "test", NULL}))
        return IVS_VERDICT_FAIL;
    if ((has(t, n, "othercandidate") || has(t, n, "anothercandidate") ||
         has(t, n, "otherapplicant") || has(t, n, "anotherapplicant")) &&
        has_any(t, n,
                (const char *const[]){"forward", "proceed", "pursue", "with",
                                      "chose", "select", "offer", NULL}) &&
        !has_any(t, n,
                 (const char *const[]){"you", "friend", "someone", "people",
                                       "?", "if", NULL}))
        return IVS_VERDICT_FAIL;
    /* every phrase holds one of these */
    static const char *const keys[] = {
        "offer", "pass",    "onsite", "next", "job",  "reject", "make",
        "ding",  "forward", "heard",  "yet",  "wait", NULL};
    if (!has_any(t, n, keys))
        return v;
    for (size_t k = 0; k < sizeof phrases / sizeof phrases[0]; k++)
        if (has(t, n, phrases[k].phrase)) {
            v = phrases[k].verdict;
            break;
        }
    if (v == IVS_VERDICT_UNKNOWN || has_any(t, n, not_own))
        return IVS_VERDICT_UNKNOWN;
    return v;
}

/* Whether the quote opening at T[I] (line of N bytes) follows a verb of
 * replying, in a line where the company's recruiters speak (hr, 人资, a
 * mail): "人资只回一句", "HR 回复说", "邮件里写着". Not an interviewer's
 * words at the table ("面试官说“等下一轮通知吧”", read as before: a
 * quote). */
static int
replied_before(const char *t, size_t i, size_t n)
{
    size_t h = i;
    drop_end(t, &h, (const char *const[]){"：", ":", NULL});
    drop_end(t, &h, (const char *const[]){"一句话", "一句", NULL});
    if (!ends_with_any(t, h,
                       (const char *const[]){"回", "回了", "回复", "回复说",
                                             "答复", "回覆", "说", "告知",
                                             "写着", "写的是", NULL}))
        return 0;
    return has_any(t, n,
                   (const char *const[]){"hr", "人资", "recruiter", "邮件",
                                         "短信", "微信", "来电", NULL}) &&
           !has(t, n, "面试官");
}

/* Whether the sentence of line T before I (folded) hopes or pleads:
 * 希望, 求求, 祈祷, 保佑 since its last 。 ！ ？ (not 许愿, which is
 * told failed too: "许愿 offer 失败"). */
static int
hoped_before(const char *t, size_t i)
{
    size_t b = i;
    while (b > 0 &&
           !(b >= 3 && (ends_with(t, b, "。") || ends_with(t, b, "！") ||
                        ends_with(t, b, "？"))) &&
           t[b - 1] != '!' && t[b - 1] != '?')
        b--;
    /* (to a turn to what came of it: "希望能进，结果一面就挂了") */
    size_t h = b;
    for (size_t k = b; k + 6 <= i; k++)
        if (starts_with(t + k, i - k, "希望") ||
            starts_with(t + k, i - k, "求求") ||
            starts_with(t + k, i - k, "祈祷") ||
            starts_with(t + k, i - k, "保佑"))
            h = k + 6;
    if (h == b)
        return 0;
    return !has_any(t + h, i - h,
                    (const char *const[]){"结果", "最后", "最终", "可惜",
                                          "但是", "没想到", "还是", "后来",
                                          NULL});
}

/* Whether clause S (N bytes, folded) promises "you" a call or the result,
 * as the interviewer's quoted words do: "后续 hr 会联系你", "结果 HR 会跟你
 * 同步" (not a rule of thumb: "一般一周内hr会联系你"). */
static int
told_to_you(const char *s, size_t n)
{
    size_t told = n;
    return drop_end(s, &told,
                    (const char *const[]){"联系你", "通知你", "跟你同步",
                                          "同步给你", "给你反馈", "给你答复",
                                          "告诉你", NULL}) &&
           ends_with(s, told, "会") && !has_any(s, n, clause_technical) &&
           !has_any(s, told,
                    (const char *const[]){"一般", "通常", "如果", "要是",
                                          "的话", "都会", NULL});
}

/* Whether the quotation opening at T[I] (folded) follows the
 * interviewer's verb of saying: "面试官最后说“…", "面试官说：“…". */
static int
interviewer_said(const char *t, size_t i)
{
    size_t h = i;
    drop_end(t, &h, (const char *const[]){"：", ":", NULL});
    if (!drop_end(t, &h, (const char *const[]){"说", "讲", "表示", NULL}))
        return 0;
    while (
        drop_end(t, &h, other_adverbs) ||
        drop_end(t, &h, (const char *const[]){"最后", "临走", "结束时", NULL}))
        ;
    return ends_with(t, h, "面试官");
}

/* A promise of news, then the time since: "HR 说“有进展第一时间告诉你”，
 * 到现在一周了", "说有消息会通知我，到现在十天了" (LINE T, N bytes, folded):
 * the last clause counts the time, the line before it holds the promise. */
static ivs_verdict_t
promise_then_time(const char *t, size_t n)
{
    size_t e = n, b;
    int le;
    while (e > 0 && (t[e - 1] == '.' || t[e - 1] == ' '))
        e--;
    while (ends_with(t, e, "。") || ends_with(t, e, "！"))
        e -= 3;
    for (b = e; b > 0; b--)
        if (statement_delim(t + b - 1, n - b + 1) == 1 ||
            (b >= 3 && statement_delim(t + b - 3, n - b + 3) == 3))
            break;
    if (b == 0)
        return IVS_VERDICT_UNKNOWN;
    size_t m = strip_particles(t + b, e - b, &le);
    if (!drop_duration(t + b, &m) || !ends_with_any(t + b, m, time_since))
        return IVS_VERDICT_UNKNOWN;
    static const char *const promise[] = {
        "告诉你", "通知你", "联系你", "告诉我", "通知我", "联系我",
        "答复",   "回复",   "有消息", "有进展", "有结果", NULL};
    if (has_any(t, b, promise) && !of_others(t, b) &&
        has_any(t, b, (const char *const[]){"说", "hr", "人资", "会", NULL}) &&
        !has_any(t, b, (const char *const[]){"?", "？", "吗", NULL}) &&
        !has_any(t, b, clause_technical) && !has_any(t, b, awaited_technical))
        return IVS_VERDICT_PENDING;
    return IVS_VERDICT_UNKNOWN;
}

/* The outcome one line states: the strongest of its clauses, as a line
 * such as "快手二面卒，字节一面卒" speaks of several rounds at once. */
/* The outcome a bare clause S (N bytes, folded: "挂了", "过了") states
 * when the clause before it, P (PN bytes), opens with its round ("二面就是
 * 这样，挂了。", "一面嘛，过了"); IVS_VERDICT_UNKNOWN otherwise. */
static ivs_verdict_t
bare_after_round(const char *s, size_t n, const char *p, size_t pn)
{
    static const outcome_t bare[] = {
        {"挂了", IVS_VERDICT_FAIL},   {"凉了", IVS_VERDICT_FAIL},
        {"寄了", IVS_VERDICT_FAIL},   {"没过", IVS_VERDICT_FAIL},
        {"过了", IVS_VERDICT_PASS},   {"挂", IVS_VERDICT_FAIL},
        {"通过", IVS_VERDICT_PASS},   {"不通过", IVS_VERDICT_FAIL},
        {"pass", IVS_VERDICT_PASS},   {"fail", IVS_VERDICT_FAIL},
        {"已挂", IVS_VERDICT_FAIL},   {"已过", IVS_VERDICT_PASS},
        {"已通过", IVS_VERDICT_PASS}, {"未通过", IVS_VERDICT_FAIL},
        {"等", IVS_VERDICT_PENDING},  {"在等", IVS_VERDICT_PENDING}};
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '.'))
        n--;
    while (ends_with(s, n, "。") || ends_with(s, n, "！"))
        n -= 3;
    ivs_verdict_t v = IVS_VERDICT_UNKNOWN;
    for (size_t k = 0; k < sizeof bare / sizeof bare[0]; k++)
        if (n == strlen(bare[k].word) && memcmp(s, bare[k].word, n) == 0)
            v = bare[k].verdict;
    if (v == IVS_VERDICT_UNKNOWN)
        return v;
    /* not a problem, a test or a loop before it ("一面手撕 LRU，过了",
     * "这轮循环结束，过了") */
    if (has_any(p, pn, clause_technical) ||
        has_any(p, pn,
                (const char *const[]){"手撕", "算法", "循环", "review", "选举",
                                      NULL}))
        return IVS_VERDICT_UNKNOWN;
    for (size_t q = 3; q <= pn && q <= 18; q++)
        if (ends_with(p, q, "面") && ends_with_round(p, q))
            return v;
    /* or a grade: "评级 B+，通过。"; or the writer's update: "（更新：已挂）" */
    if (starts_with(p, pn, "评级") || starts_with(p, pn, "评分") ||
        starts_with(p, pn, "打分") || starts_with(p, pn, "rating") ||
        is_one_of(p, pn,
                  (const char *const[]){"更新", "后续", "最新", "update",
                                        "edit", "进展", "目前", "现在", "状态",
                                        "进度", NULL}))
        return v;
    return IVS_VERDICT_UNKNOWN;
}

/* Whether one of WORDS stands in T (N bytes; the first of the list that
 * does): the clause after it in [*B, *E). */
static int
word_then_value(const char *t, size_t n, const char *const *words, size_t *b,
                size_t *e)
{
    for (; *words; words++) {
        const char *at = strstr(t, *words);
        if (!at)
            continue;
        *b = *e = (size_t)(at - t) + strlen(*words);
        while (*e < n && statement_delim(t + *e, n - *e) == 0)
            (*e)++;
        return 1;
    }
    return 0;
}

/* What line T (N bytes, folded, quotes dropped) says the candidate's
 * status or progress on a site became: a status ("状态变成已结束"), or a
 * round after the first, which the one before it passed ("官网状态就变成
 * HR面试了"); not of others, nor asked. */
static ivs_verdict_t
stage_became(const char *t, size_t n)
{
    /* its sentence (what follows may turn to the questions: "现在状态还是
     * “面试中”。再补两个问题：") */
    size_t sb = 0; /* the sentence's start */
    for (size_t i = 0; i + 3 <= n; i++)
        if (memcmp(t + i, "。", 3) == 0 || memcmp(t + i, "！", 3) == 0 ||
            memcmp(t + i, "？", 3) == 0) {
            if (has(t + sb, i - sb, "状态") || has(t + sb, i - sb, "进度") ||
                has(t + sb, i - sb, "官网")) {
                n = i;
                break;
            }
            sb = i + 3;
        }
    t += sb;
    n -= sb;
    if (!(has(t, n, "状态") || has(t, n, "进度") || has(t, n, "官网")) ||
        !(has(t, n, "变") || has(t, n, "是") || has(t, n, "跳到") ||
          has(t, n, "更新") || has(t, n, "显示")) ||
        of_others(t, n) ||
        /* of programs: "进程状态变成已结束" */
        technical_line(t, n))
        return IVS_VERDICT_UNKNOWN;
    /* of an application: not "订单状态变成已结束" */
    static const char *const applied[] = {"官网", "投递", "申请", "应征",
                                          "应聘", "招聘", "简历", "面",
                                          "hr",   "流程", NULL};
    size_t b, e;
    /* or stayed: "目前状态还是“面试中”" (a wait, at a round too) */
    if (word_then_value(t, n,
                        (const char *const[]){"还是", "仍是", "仍然是",
                                              "依然是", "一直是", NULL},
                        &b, &e)) {
        ivs_verdict_t v =
            e > b ? ivs_verdict_of_value(t + b, e - b) : IVS_VERDICT_UNKNOWN;
        if (v == IVS_VERDICT_PENDING ||
            (e > b && ivs_verdict_ends_with_round(t + b, e - b)))
            return has_any(t, n, applied) ? IVS_VERDICT_PENDING
                                          : IVS_VERDICT_UNKNOWN;
    }
    if (word_then_value(t, n,
                        (const char *const[]){"变成了", "变成", "变为",
                                              "更新为", "更新成", "跳到了",
                                              "跳到", "已经是", "显示为",
                                              "显示", "变", NULL},
                        &b, &e)) {
        size_t m = e;
        drop_end(t, &m, (const char *const[]){"了", "啦", NULL});
        if (m <= b)
            return IVS_VERDICT_UNKNOWN;
        ivs_verdict_t v = ivs_verdict_of_value(t + b, m - b);
        if (v != IVS_VERDICT_UNKNOWN)
            return has_any(t, n, applied) ? v : IVS_VERDICT_UNKNOWN;
        size_t r = m;
        drop_end(t, &r, (const char *const[]){"试", NULL}); /* "hr面试" */
        if (r > b &&
            (ivs_verdict_ends_with_round(t + b, r - b) ||
             ivs_verdict_ends_with_round(t + b, m - b)) &&
            !ends_with_any(
                t + b, r - b,
                (const char *const[]){"一面", "初面", "1面", "初试", NULL}))
            return IVS_VERDICT_PASS;
    }
    return IVS_VERDICT_UNKNOWN;
}

/* The length of a date or a time at S (N bytes, folded): digits parted by
 * . / - : ("10.12", "7/18", "2024-07-12", "14:00"), or a span ("45min",
 * "1h", "50分钟"); 0 if none. */
static size_t
date_at(const char *s, size_t n)
{
    size_t i = 0, digits = 0, seps = 0;
    while (i < n) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++, i++;
        else if (digits && i + 1 < n &&
                 (s[i] == '.' || s[i] == '/' || s[i] == '-' || s[i] == ':') &&
                 s[i + 1] >= '0' && s[i + 1] <= '9')
            seps++, i++;
        else
            break;
    }
    if (!digits)
        return 0;
    if (seps)
        return i + (starts_with(s + i, n - i, "号") ||
                            starts_with(s + i, n - i, "日")
                        ? 3
                        : 0);
    static const char *const units[] = {"min", "mins", "分钟",
                                        "h",   "小时", NULL};
    size_t best = 0;
    for (const char *const *u = units; *u; u++)
        if (starts_with(s + i, n - i, *u) && strlen(*u) > best)
            best = strlen(*u);
    return best ? i + best : 0;
}

/* Drops from T (*N bytes, folded) the dates and times that stand between
 * a round and its outcome: "一面(10.12)过了", "二面7.18(过)", "一面(45min)
 * 过了" read as "一面过了", "二面(过)". */
static void
drop_round_dates(char *t, size_t *n)
{
    for (size_t i = 3; i < *n; i++) {
        if (memcmp(t + i - 3, "面", 3) != 0)
            continue;
        size_t k = i, d = 0;
        if (t[k] == '(') {
            d = date_at(t + k + 1, *n - k - 1);
            if (!d || k + 1 + d >= *n || t[k + 1 + d] != ')')
                continue;
            d += 2;
        } else {
            d = date_at(t + k, *n - k);
            /* a date, not a count: "面2次" */
            size_t j = 0;
            while (j < d && t[k + j] >= '0' && t[k + j] <= '9')
                j++;
            if (!d || j == d || k + d >= *n || t[k + d] != '(')
                continue;
        }
        memmove(t + k, t + k + d, *n - k - d + 1);
        *n -= d;
    }
}

static ivs_verdict_t
line_outcome(const char *line, size_t len)
{
    char t[STATEMENT_LINE_MAX + 1];
    if (!line_may_state(line, len))
        return IVS_VERDICT_UNKNOWN;
    size_t skip = ivs_text_skip_marks(line, len);
    size_t n =
        fold_title(line + skip, len - skip, t, sizeof t, STATEMENT_LINE_MAX);
    if (n == 0)
        return IVS_VERDICT_UNKNOWN;
    if (memchr(t, '(', n))
        drop_round_dates(t, &n);
    ivs_verdict_t v = IVS_VERDICT_UNKNOWN;
    int own = 1; /* whether the clause may be the writer's */
    size_t start = 0;
    /* The marks skipped may open a quote: "1. `海康一面过！`". */
    int quoted = memchr(line, '`', skip) != NULL;
    int reply = 0;                       /* inside a quoted reply, read */
    int passed = 0, other_wait = 0;      /* a pass read; a wait other than an
                                        offer's approval */
    size_t prev_start = 0, prev_end = 0; /* the clause before */
    /* A status read off a site is often quoted: "状态变成「已结束」". */
    if (has(t, n, "状态") || has(t, n, "显示") || has(t, n, "卡在") ||
        has(t, n, "进度") || has(t, n, "官网")) {
        size_t o = 0;
        for (size_t k = 0; k < n;) {
            if (starts_with(t + k, n - k, "「") ||
                starts_with(t + k, n - k, "」") ||
                starts_with(t + k, n - k, "『") ||
                starts_with(t + k, n - k, "』") ||
                starts_with(t + k, n - k, "“") ||
                starts_with(t + k, n - k, "”")) {
                k += 3;
                continue;
            }
            if (t[k] == '"') { /* 系统就显示"未通过" */
                k++;
                continue;
            }
            t[o++] = t[k++];
        }
        n = o;
        t[n] = '\0';
    }
    /* The site's stage moved on: "当天官网状态就变成“HR面试”了", "进度从
     * 一面变成了二面" (its quotes dropped above) */
    ivs_verdict_t moved = stage_became(t, n);
    if (moved != IVS_VERDICT_UNKNOWN && moved != IVS_VERDICT_PENDING)
        return moved;
    /* A message of a program ("系统提示：结果未知", "报错：…") is none of
     * the writer's outcomes. */
    for (size_t k = 0; k < n && k < 30; k++)
        if (t[k] == ':' || starts_with(t + k, n - k, "：")) {
            /* not the system that keeps the interview's record: "【系统记
             * 录】面试结果：未通过" */
            if (!has(t, k, "面试") && !has(t, k, "状态") &&
                !has(t + k, n - k, "候选人") &&
                has_any(t, k,
                        (const char *const[]){"系统", "提示", "报错", "错误",
                                              "日志", "控制台", "输出", "返回",
                                              "error", "log", NULL}))
                return IVS_VERDICT_UNKNOWN;
            break;
        }
    /* The writer's outcome in English: "Got the offer today!", "Got
     * rejected after the onsite", "Still waiting to hear back" (folded:
     * no spaces, lower case) */
    ivs_verdict_t en = english_outcome(t, n);
    if (en != IVS_VERDICT_UNKNOWN)
        return en;
    /* The formula of a refusal, quoted from the letter: "很遗憾地通知您",
     * "We regret to inform you". */
    static const char *const refusal[] = {
        "遗憾地通知", "遗憾的通知", "遗憾地告知",     "遗憾的告知",
        "遗憾地告诉", "遗憾的告诉", "遗憾通知",       "遗憾告知",
        "抱歉地通知", "抱歉通知",   "regrettoinform", "unfortunately,we",
        NULL};
    if ((has(t, n, "遗憾") || has(t, n, "抱歉") || has(t, n, "regret") ||
         has(t, n, "unfortunately")) &&
        has_any(t, n, refusal) && !of_others(t, n))
        return IVS_VERDICT_FAIL;
    /* The openings and closings of a refusal: "感谢您对本公司的关注", "后续
     * 有合适的机会再联系你" (told by the company: a letter, a call, hr);
     * not thanks for reading ("感谢您的关注，下一篇写…") nor an offer's
     * opening, which goes on with the offer. */
    const char *th = has(t, n, "感谢") ? strstr(t, "感谢") : NULL;
    if (th && !of_others(t, n)) {
        size_t tl = n - (size_t)(th - t), w = tl < 48 ? tl : 48;
        if (has(th, w, "关注") &&
            has_any(th, w,
                    (const char *const[]){"公司", "我司", "本司", "贵司",
                                          "集团", "职位", "岗位", NULL}) &&
            !has_any(t, n,
                     (const char *const[]){"恭喜", "高兴", "录用通知", "录取",
                                           "offer", "欢迎", NULL}))
            return IVS_VERDICT_FAIL;
    }
    if (has(t, n, "合适") && !of_others(t, n) &&
        has_any(t, n,
                (const char *const[]){"hr", "人资", "邮件", "短信", "电话",
                                      "微信", "回", "说", "通知", "信",
                                      NULL})) {
        static const char *const later_maybe[] = {"合适的机会再联系",
                                                  "合适机会再联系",
                                                  "合适的机会会再联系",
                                                  "合适的岗位再联系",
                                                  "合适的岗位会再联系",
                                                  "合适岗位再联系",
                                                  "合适的职位再联系",
                                                  "合适的机会会联系",
                                                  "合适的岗位会联系",
                                                  "合适的机会再通知",
                                                  NULL};
        if (has_any(t, n, later_maybe))
            return IVS_VERDICT_FAIL;
    }
    /* regret, then a pass negated or a misfit: "很遗憾本次未能进入下一环节",
     * "很遗憾这次无法录取", "很抱歉這次沒辦法錄取", "很遗憾您暂不符合岗位要求";
     * not of tests and code ("很遗憾，这个版本无法通过编译") */
    const char *rg = has(t, n, "遗憾")   ? strstr(t, "遗憾")
                     : has(t, n, "抱歉") ? strstr(t, "抱歉")
                                         : NULL;
    size_t rn = 0; /* the sentence from the regret on */
    if (rg) {
        const char *stop = strstr(rg, "。");
        rn = stop ? (size_t)(stop - rg) : n - (size_t)(rg - t);
    }
    if (rg && !of_others(t, n) && !has(t, n, "你") &&
        !has_any(rg, rn, clause_technical) &&
        !has_any(rg, rn, awaited_technical) &&
        !has_any(rg, rn,
                 (const char *const[]){"鉴权", "api", "权限", "认证", "登录",
                                       "版本", NULL})) {
        static const char *const nots[] = {"未能", "无法",   "不能",
                                           "没能", "未获",   "不予",
                                           "没有", "没办法", NULL};
        static const char *const goals[] = {"录取", "录用",  "通过", "进入",
                                            "晋级", "offer", "聘用", NULL};
        static const char *const misfit[] = {"不符合",   "不适合",   "不匹配",
                                             "未通过",   "没通过",   "没有合适",
                                             "暂无合适", "没有匹配", NULL};
        for (const char *const *q = nots; *q; q++) {
            const char *at = strstr(rg, *q);
            if (at && (size_t)(at - rg) < rn && (size_t)(at - rg) <= 24 &&
                has_any(at, rn - (size_t)(at - rg), goals))
                return IVS_VERDICT_FAIL;
        }
        for (const char *const *q = misfit; *q; q++) {
            const char *at = strstr(rg, *q);
            if (at && (size_t)(at - rg) < rn && (size_t)(at - rg) <= 30)
                return IVS_VERDICT_FAIL;
        }
    }
    /* a misfit, as the letter puts it: "您与该岗位的匹配度暂未达到要求",
     * "您與該職缺的契合度未達要求" */
    if ((has(t, n, "匹配度") || has(t, n, "契合度")) &&
        has_any(t, n,
                (const char *const[]){"未达到要求", "未达要求", "没有达到要求",
                                      "没达到要求", "不达要求", "未能达到要求",
                                      NULL}) &&
        has_any(t, n,
                (const char *const[]){"岗位", "职位", "职缺", "我司", "贵司",
                                      NULL}) &&
        !of_others(t, n) && !has_any(t, n, clause_technical))
        return IVS_VERDICT_FAIL;
    /* every round passed, as the letter says: "您已通过我司全部面试环节",
     * "已通过所有面试" */
    if (has(t, n, "通过") &&
        (has(t, n, "全部") || has(t, n, "所有") || has(t, n, "都"))) {
        static const char *const every[] = {
            "全部面试", "所有面试", "全部的面试", "所有的面试",
            "全部环节", "所有环节", "全部技术面", "所有技术面",
            "全部轮次", "所有轮次", NULL};
        for (const char *p = strstr(t, "通过"); p; p = strstr(p + 6, "通过")) {
            size_t at = (size_t)(p - t), to = at + 6;
            /* "通过我司全部面试环节": a few words between */
            size_t w = n - to < 30 ? n - to : 30;
            int negated = at >= 3 && (starts_with(t + at - 3, 3, "没") ||
                                      starts_with(t + at - 3, 3, "未") ||
                                      starts_with(t + at - 3, 3, "不"));
            /* or the rounds named before: "技术面全部通过", "几轮面试都
             * 通过了" */
            /* (done, not in general: "一般技术面都通过了才会进HR面") */
            int rounds_before =
                ends_with_any(t, at,
                              (const char *const[]){"面全部", "面都", "轮全部",
                                                    "轮都", "面试全部",
                                                    "面试都", NULL}) &&
                !has_any(t, n,
                         (const char *const[]){"一般", "通常", "才", "就基本",
                                               "的话", NULL});
            if (!negated && (has_any(t + to, w, every) || rounds_before) &&
                !of_others(t, n) && !has_any(t, n, clause_technical))
                return IVS_VERDICT_PASS;
        }
    }
    /* a congratulation on the offer, as the letter puts it: "恭喜您获得录取" */
    const char *cg = has(t, n, "恭喜") ? strstr(t, "恭喜") : NULL;
    if (cg && !of_others(t, n) &&
        has_any(cg, n - (size_t)(cg - t),
                (const char *const[]){"录取", "录用", "通过", "offer", "加入",
                                      "入职", NULL}) &&
        !has(cg, n - (size_t)(cg - t), "大家"))
        return IVS_VERDICT_PASS;
    /* A comparison to come, said by the company: "HR 说还有几个人没面完，
     * 要放在一起横向对比" (other candidates are named, the wait is the
     * writer's); not a question or a supposition. */
    if (has(t, n, "比") &&
        has_any(t, n,
                (const char *const[]){"拉通对比", "拉通比较", "横向对比",
                                      "横向比较", "一起对比", "一起比较",
                                      NULL}) &&
        has_any(t, n, (const char *const[]){"hr", "人资", "说", NULL}) &&
        !has_any(t, n,
                 (const char *const[]){"?", "？", "吗", "如果", "要是", "假如",
                                       "问", "听说", "据说", "朋友", "同学",
                                       NULL}))
        return IVS_VERDICT_PENDING;
    /* The site unchanged for days: "官网状态一直没变", "系统状态一直显示
     * 「已面试」，都快三周没变了" */
    if (has(t, n, "没") &&
        has_any(t, n,
                (const char *const[]){"状态", "进度", "官网", "系统里",
                                      "系统显示", "纪录", NULL}) &&
        has_any(t, n,
                (const char *const[]){"没变", "没有变", "没更新", "没有更新",
                                      "没动过", "没有变化", NULL}) &&
        /* of an application: not "页面状态没更新" */
        has_any(t, n,
                (const char *const[]){"官网", "投递", "申请", "应征", "应聘",
                                      "hr", "人资", "面试", "流程", NULL}) &&
        !of_others(t, n) && !technical_line(t, n) &&
        !has_any(t, n, awaited_technical))
        return IVS_VERDICT_PENDING;
    /* marks after rounds: "一面 ✅ 二面 ✅ HR 面 ✅", "三面 ❌" */
    ivs_verdict_t marks = IVS_VERDICT_UNKNOWN;
    for (size_t i = 3; i < n; i++) {
        static const char *const yes[] = {"✅", "✔", "☑", "√", "✓", NULL};
        static const char *const no[] = {"❌", "✗", "✘", "❎", "×", NULL};
        /* the marks are led by E2 (✅ ✔ ☑ √ ✓ ❌ ✗ ✘ ❎) or C3 (×) */
        if ((unsigned char)t[i] != 0xE2 && (unsigned char)t[i] != 0xC3)
            continue;
        /* a round, or its label: "一面结论 ❌" */
        size_t r = i;
        drop_end(t, &r,
                 (const char *const[]){"结论", "结果", "面评", "反馈", "评价",
                                       NULL});
        if (!ends_with_round(t, r))
            continue;
        for (const char *const *m = yes; *m; m++)
            if (starts_with(t + i, n - i, *m))
                marks = stronger(marks, IVS_VERDICT_PASS);
        for (const char *const *m = no; *m; m++)
            if (starts_with(t + i, n - i, *m))
                marks = stronger(marks, IVS_VERDICT_FAIL);
    }
    if (marks != IVS_VERDICT_UNKNOWN && !of_others(t, n))
        return marks;
    /* the end of a timeline: "3.1 一面 → 3.5 二面 → 3.15 oc", "onsite
     * 3/20, offer 3/28" */
    if (has(t, n, "→") || has(t, n, "->") || has(t, n, "时间线") ||
        has(t, n, "timeline")) {
        size_t e = n, b;
        for (;;) {
            if (e > 0 &&
                (t[e - 1] == ' ' || t[e - 1] == '.' || t[e - 1] == '!'))
                e--;
            else if (ends_with(t, e, "。") || ends_with(t, e, "！"))
                e -= 3;
            else
                break;
        }
        b = e;
        while (b > 0 && !starts_with(t + b - 1, n - b + 1, ">") &&
               !(b >= 3 && (starts_with(t + b - 3, 3, "→") ||
                            starts_with(t + b - 3, 3, "，") ||
                            starts_with(t + b - 3, 3, "："))) &&
               t[b - 1] != ',' && t[b - 1] != ':')
            b--;
        /* the date before or after the step */
        while (b < e && ((t[b] >= '0' && t[b] <= '9') || t[b] == '.' ||
                         t[b] == '/' || t[b] == '-'))
            b++;
        while (e > b && ((t[e - 1] >= '0' && t[e - 1] <= '9') ||
                         t[e - 1] == '.' || t[e - 1] == '/' || t[e - 1] == '-'))
            e--;
        ivs_verdict_t tv =
            e > b ? ivs_verdict_of_value(t + b, e - b) : IVS_VERDICT_UNKNOWN;
        if (tv != IVS_VERDICT_UNKNOWN && !of_others(t, n))
            return tv;
    }
    /* and of a welcome, said by the one who decides: 主管当场说“欢迎加入” */
    static const char *const welcome[] = {
        "欢迎加入", "欢迎你加入", "welcomeaboard", "welcometotheteam",
        /* a pass given in words: "我这边给你过", "你过了" */
        "给你过", "你过了", "你通过了", "你这轮过了",
        /* the interviewer's own vote: "面试官最后说「我这边是通过的」" */
        "我这边是通过的", "我这边通过", "我这边是过的", "我这边过了",
        "我这边没问题", "我这边没什么问题", NULL};
    int vote = 0; /* the interviewer's own vote said (我这边没问题) */
    int welcomes = has(t, n, "欢迎") || has(t, n, "welcome") ||
                   has(t, n, "你过") || has(t, n, "给你过") ||
                   has(t, n, "你通过") || has(t, n, "你这轮过") ||
                   has(t, n, "我这边");
    for (const char *const *w = welcome; welcomes && *w; w++) {
        /* others named up to the words, not after them: "…「我这边是通过
         * 的，后面会有同事联系你约二面」" */
        const char *at = strstr(t, *w);
        if (!at || of_others(t, (size_t)(at - t) + strlen(*w)) ||
            /* "我这边通过不了" */
            starts_with(at + strlen(*w), n - (size_t)(at - t) - strlen(*w),
                        "不"))
            continue;
        size_t head = (size_t)(at - t);
        if (has(t, head, "说") && has_any(t, head, hirers)) {
            /* the interviewer's own vote, unless the line goes on to the
             * outcome ("面试官最后说“我这边没什么问题了”，…果然挂了"): the
             * words end their clause ("hr说我这边通过的人一般都会约二面"
             * speaks in general) */
            if (!starts_with(*w, strlen(*w), "我这边"))
                return IVS_VERDICT_PASS;
            size_t e = head + strlen(*w);
            while (e < n && (starts_with(t + e, n - e, "了") ||
                             starts_with(t + e, n - e, "的") ||
                             starts_with(t + e, n - e, "啦")))
                e += 3;
            vote = e == n || statement_delim(t + e, n - e) > 0;
            /* "我这边没什么问题了" is also "I have no more questions":
             * only without 了 and with no questions after it ("反问",
             * "你有什么想问的", "今天就到这里") */
            if (has(*w, strlen(*w), "没") &&
                (starts_with(t + head + strlen(*w), n - head - strlen(*w),
                             "了") ||
                 has_any(t, n,
                         (const char *const[]){"反问", "想问", "要问", "到这里",
                                               "到这", NULL})))
                vote = 0;
            break;
        }
    }
    for (size_t i = 0; i <= n;) {
        size_t d = i < n ? statement_delim(t + i, n - i) : 1;
        if (d && i < n && face_not_after_outcome(t, i))
            d = 0;
        if (d == 0) {
            i++;
            while (i < n && ((unsigned char)t[i] & 0xC0) == 0x80)
                i++;
            continue;
        }
        /* Quoted words ("冲着“拿offer”的心态", `code`) and the words of a
         * Markdown link ("最终通过 [JEP 444](…)") state nothing. */
        const char *at = t + i;
        int opens = i < n && (starts_with(at, n - i, "“") ||
                              starts_with(at, n - i, "「") ||
                              ((*at == '"' || *at == '`') && !quoted));
        int closes = i < n && (starts_with(at, n - i, "”") ||
                               starts_with(at, n - i, "」") ||
                               ((*at == '"' || *at == '`') && quoted));
        int le;
        if (i > start && !quoted && !(i < n && *at == '[') &&
            may_end_outcome(t + start,
                            strip_particles(t + start, i - start, &le))) {
            ivs_verdict_t cv = clause_outcome(t + start, i - start);
            /* a bare outcome after a clause that names the round: "二面就
             * 是这样，挂了。" */
            if (cv == IVS_VERDICT_UNKNOWN && prev_end > prev_start)
                cv = bare_after_round(t + start, i - start, t + prev_start,
                                      prev_end - prev_start);
            /* the line's own test, for a clause that states something:
             * the line up to this clause asks, supposes or reports on
             * other people ("听说同组的都oc了"); what follows it does
             * not ("今天收到offer了🎉感谢大家"); a clause of an earlier
             * attempt is passed over ("上周面字节挂了，这次快手一面，也挂
             * 了") */
            if (cv != IVS_VERDICT_UNKNOWN && earlier_attempt(t, n, start, i))
                cv = IVS_VERDICT_UNKNOWN;
            /* (a wait for the next round is the round passed: “我这边没问
             * 题，等下一轮通知吧”) */
            /* (and told not to wait: “今天就到这，后面不用等了”) */
            if (reply == 2 && cv == IVS_VERDICT_UNKNOWN &&
                told_to_you(t + start, i - start))
                cv = IVS_VERDICT_PENDING;
            if (reply == 2 && !(cv == IVS_VERDICT_FAIL &&
                                has(t + start, i - start, "不用等")))
                cv = cv != IVS_VERDICT_PENDING ? IVS_VERDICT_UNKNOWN
                     : has_any(t + start, i - start,
                               (const char *const[]){"下一轮", "下轮", "下一面",
                                                     "二面", "三面", "终面",
                                                     "hr面", NULL})
                         ? IVS_VERDICT_PASS
                         : cv;
            /* told not to wait, then what comes: "HR 说不用等通知了，直接发
             * offer" */
            if (cv == IVS_VERDICT_FAIL &&
                (has(t + start, i - start, "不用等") ||
                 has(t + start, i - start, "不用再等")) &&
                has_any(t + i, n - i,
                        (const char *const[]){"offer", "安排", "约", "二面",
                                              "三面", "下一轮", "录用", "入职",
                                              NULL}))
                cv = IVS_VERDICT_UNKNOWN;
            /* a hope governs its sentence: "希望这次能过，求求了让我上岸吧" */
            if (cv != IVS_VERDICT_UNKNOWN && hoped_before(t, i))
                cv = IVS_VERDICT_UNKNOWN;
            /* (others still to be interviewed are what the writer waits
             * for: "HR 说还有几个人没面完，让我再等等") */
            if (cv != IVS_VERDICT_UNKNOWN)
                own =
                    !of_others_unquoted(t, i) ||
                    (cv == IVS_VERDICT_PENDING &&
                     has_any(t, i,
                             (const char *const[]){"没面完", "没有面完",
                                                   "还在面", "都面完", NULL}));
            if (cv != IVS_VERDICT_UNKNOWN && !own)
                return moved; /* (a stage the site shows is the writer's) */
            passed |= cv == IVS_VERDICT_PASS;
            if (cv == IVS_VERDICT_PENDING &&
                !ivs_verdict_offer_to_come(t + start, i - start))
                other_wait = 1;
            /* a wait, then the offer it waited for: "官网状态变成录用评估
             * 中，昨天正式收到意向书" (not a round: "结果 pending，先约了交
             * 叉面") */
            if (cv == IVS_VERDICT_PASS && v == IVS_VERDICT_PENDING &&
                (has_any(t + start, i - start, offer_words) ||
                 has(t + start, i - start, "oc")))
                other_wait = 0;
            v = stronger(v, cv);
        }
        /* A reply quoted after its verb is the company's word to the
         * writer, read as said: 人资只回一句「主管还在看」, HR 微信回了一句
         * “这次没有匹配上” */
        if (opens && !quoted && !reply && replied_before(t, i, n))
            reply = 1;
        /* the interviewer's last words, quoted, are read for a wait they
         * announce: 面试官最后说“我这边没什么问题了，后面等 HR 通知吧” */
        else if (opens && !quoted && !reply && interviewer_said(t, i))
            reply = 2;
        else if (reply && closes)
            reply = 0;
        else if (opens)
            quoted = 1;
        else if (closes)
            quoted = 0;
        if (i > start) {
            prev_start = start;
            prev_end = i;
        }
        i += d;
        start = i;
    }
    /* an offer in approval or still to come after the round passed is
     * the pass's next step: "HR 打电话说面试过了，offer 在走审批", "终面
     * 通过，等offer" */
    if (v == IVS_VERDICT_PENDING && passed && !other_wait)
        v = IVS_VERDICT_PASS;
    /* a stage the site shows that waits, unless a later clause tells
     * what came of it: "官网状态变成“录用评估中”，昨天正式收到意向书" */
    if (moved == IVS_VERDICT_PENDING && !passed)
        v = stronger(v, moved);
    if (v == IVS_VERDICT_UNKNOWN && vote)
        v = IVS_VERDICT_PASS;
    if (v == IVS_VERDICT_UNKNOWN)
        v = promise_then_time(t, n);
    return v;
}

/* Whether T[P] (N bytes) opens a year, "2025 年" or "2025年", not within
 * a longer number. */
static int
year_at(const char *t, size_t n, size_t p)
{
    if (p > 0 && t[p - 1] >= '0' && t[p - 1] <= '9')
        return 0;
    if (p + 4 > n || (t[p] != '1' && t[p] != '2'))
        return 0;
    for (size_t k = 1; k < 4; k++)
        if (t[p + k] < '0' || t[p + k] > '9')
            return 0;
    size_t q = p + 4;
    if (q < n && t[q] == ' ')
        q++;
    return starts_with(t + q, n - q, "年");
}

/* Where line T (N bytes) first turns to this attempt ("这次", "这回",
 * "今年" …) at FROM or after it; N if it does not. */
static size_t
turn_to_now(const char *t, size_t n, size_t from)
{
    static const char *const now[] = {"这次", "这回", "本次", "今次", "这一次",
                                      "今年", "现在", "重新投", "再次投",
                                      "重新应聘",
                                      /* "赵强_复投_上次二面挂_本轮材料" */
                                      "复投", "二次投递", "本轮", NULL};
    for (size_t q = from; q < n; q++)
        for (const char *const *w = now; *w; w++)
            if (starts_with(t + q, n - q, *w))
                return q;
    return n;
}

/* Whether line T (N bytes) turns to this attempt after FROM with a word
 * that can mean nothing else: "这次", "本次", "重新投" (not "现在", "今
 * 年", which may only be the writer's now). */
static int
strong_turn(const char *t, size_t n, size_t from)
{
    static const char *const strong[] = {"这次",   "这回",     "本次",
                                         "今次",   "这一次",   "重新投",
                                         "再次投", "重新应聘", NULL};
    for (size_t q = from; q < n; q++)
        for (const char *const *w = strong; *w; w++)
            if (starts_with(t + q, n - q, *w))
                return 1;
    return 0;
}

/* Words that tell of an earlier attempt (earlier_attempt). */
static const struct {
    const char *word;
    int alone; /* tells of an earlier attempt without "这次" */
} earlier[] = {{"面过我们", 1},
               {"之前面过", 1},
               {"以前面过", 1},
               {"曾经面过", 1},
               {"曾面过", 1},
               {"去年", 1},
               {"前年", 1},
               {"当年", 1},
               {"之前在", 1},
               {"以前在", 1},
               {"上周面", 0},
               {"上次", 0},
               {"上一次", 0},
               {"上回", 0},
               {"上个月面", 0},
               {"之前", 0},
               {"以前", 0},
               {"当时", 0},
               /* "候选人 2022 年在我们这边面过一次，当时终面没过" */
               {"这边面过", 1},
               {"面过一次", 1},
               /* a record of the candidate's past: "历史记录：2025 年投过
                    * 同岗位，一面未通过" */
               {"历史记录", 1},
               {"投递记录", 1},
               {"年投过", 1},
               /* Cantonese: "舊年都面過呢間，嗰次二面就跪咗" */
               {"旧年", 1},
               {"舊年", 1},
               {"嗰次", 0},
               {"嗰阵", 0},
               {"嗰陣", 0}};

/* Whether the clause of line T (N bytes) from START to END tells of an
 * earlier attempt: after a word of one ("之前面过", "上周面", "当时") and
 * before the line turns to this one ("这次", "这回", "今年"): "候选人
 * 2022 年面过我们组一次，当时二面没通过，这次是内推", "上周面字节一面就
 * 挂了，这次是快手一面"; not "之前面过一次字节，这次终于过了". Without a
 * turn after it, the words that can mean nothing else ("面过我们") do, and
 * the others when the line turned before the clause ("这一次准备得很充分，
 * 上一次是一面就挂了"). */
static int
earlier_attempt(const char *t, size_t n, size_t start, size_t end)
{
    size_t turn = turn_to_now(t, n, 0); /* before START, or not */
    /* a year named, then the line turns to this attempt: "该候选人 2025
     * 年一面未通过，本次重新投递" (not the interview's own date: "2025年
     * 秋招一面挂了，现在心态还好") */
    for (size_t p = 0; p + 7 <= end; p++)
        if (year_at(t, n, p)) {
            size_t q = turn_to_now(t, n, p);
            if (q >= end && q < n && strong_turn(t, n, p))
                return 1;
        }
    for (size_t w = 0; w < sizeof earlier / sizeof earlier[0]; w++) {
        size_t k = strlen(earlier[w].word);
        for (size_t p = 0; p + k <= end; p++) {
            if (memcmp(t + p, earlier[w].word, k) != 0)
                continue;
            size_t q = turn_to_now(t, n, p + k);
            if (q < n ? q >= end
                      : earlier[w].alone || (p >= start && turn < start))
                return 1;
        }
    }
    return 0;
}

/* ivs_verdict_this_attempt() */
size_t
ivs_verdict_this_attempt(const char *t, size_t n, size_t *told)
{
    size_t from = 0;
    /* (each word scans the rest of the line for a turn: a line longer
     * than any statement is none) */
    if (n > STATEMENT_LINE_MAX)
        return 0;
    /* most lines tell of no earlier attempt: one search per word first */
    int any = has(t, n, "年");
    for (size_t w = 0; !any && w < sizeof earlier / sizeof earlier[0]; w++)
        any = has(t, n, earlier[w].word);
    if (!any)
        return 0;
    for (size_t p = 0; p < n; p++) {
        size_t k = year_at(t, n, p) && strong_turn(t, n, p) ? 4 : 0;
        int alone = 0;
        for (size_t w = 0; !k && w < sizeof earlier / sizeof earlier[0]; w++)
            if (starts_with(t + p, n - p, earlier[w].word)) {
                k = strlen(earlier[w].word);
                alone = earlier[w].alone;
            }
        if (!k)
            continue;
        size_t q = turn_to_now(t, n, p + k);
        if (q == n && !alone) { /* "之前准备了很久，…": read on */
            p += k - 1;
            continue;
        }
        if (from == 0)
            *told = p;
        from = q;
        p = q < n ? q : n;
    }
    return from;
}

/* ---- conversations ------------------------------------------------------
 *
 * A chat or a discussion log quotes other people: "- HR面挂了 / - 为啥 /
 * - 履历负分", "张三：我二面挂了". Their outcomes are not the writer's. */

/* Words that may stand before a colon without naming a speaker: labels
 * of the writer's own notes, and the writer. */
static const char *const not_speakers[] = {
    "更新", "补充", "ps",   "备注", "后续",   "附",   "注",   "最后",   "近况",
    "目前", "现在", "结果", "总结", "结论",   "进度", "状态", "update", "edit",
    "note", "答",   "回答", "问",   "题目",   "楼主", "lz",   "本人",   "我",
    "自己", "作者", "今天", "昨天", "面试官", "hr",   "结局", "后来",   NULL};

/* The length of a speaker's name opening LINE (LEN bytes, marks skipped)
 * before its colon, "张三：", "群友A: ", or 0: one to eight characters,
 * no digit (times, dates and numbering are not names), not a label or a
 * round. */
static size_t
speaker_at(const char *line, size_t len, size_t *text_at)
{
    size_t j = 0, chars = 0;
    while (j < len && chars <= 8) {
        unsigned char c = (unsigned char)line[j];
        size_t colon = starts_with(line + j, len - j, "：") ? 3
                       : c == ':'                           ? 1
                                                            : 0;
        if (colon) {
            if (chars == 0)
                return 0;
            char name[64];
            size_t k = 0;
            for (size_t b = 0; b < j && k + 1 < sizeof name; b++)
                if (line[b] != ' ')
                    name[k++] = line[b] >= 'A' && line[b] <= 'Z'
                                    ? (char)(line[b] + 32)
                                    : line[b];
            for (const char *const *w = not_speakers; *w; w++)
                if (ends_with(name, k, *w) || starts_with(name, k, *w))
                    return 0;
            if (ends_with_round(name, k) ||
                ivs_verdict_summary_label(line, j + colon, text_at))
                return 0;
            *text_at = j + colon;
            while (*text_at < len && line[*text_at] == ' ')
                (*text_at)++;
            return j;
        }
        if (c >= '0' && c <= '9')
            return 0;
        if (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && c != ' ')
            return 0;
        if (c >= 0x80 && (c & 0xF0) != 0xE0)
            return 0;
        j += c >= 0x80 ? 3 : 1;
        chars++;
    }
    return 0;
}

/* Whether TEXT is a conversation: bullets of several voices (at least two
 * start with 我 and two speak to 你), or lines of at least two speakers. */
typedef struct {
    int bullets;  /* its bullet lines are turns of a chat */
    int speakers; /* its "name：" lines are turns of a chat */
} chat_t;

static chat_t
chat_of(const char *text, size_t len, size_t pos)
{
    size_t first_person = 0, second_person = 0, turns = 0, names = 0;
    const char *name0 = NULL;
    size_t name0_len = 0;
    int other_name = 0;
    const char *line;
    size_t n;
    while (ivs_text_next_line(text, len, &pos, &line, &n)) {
        size_t i = 0;
        while (i < n && (line[i] == ' ' || line[i] == '\t'))
            i++;
        if (n - i > 2 && (line[i] == '-' || line[i] == '*') &&
            line[i + 1] == ' ' && n - i < 240) {
            size_t b = i + 2;
            while (b < n && line[b] == ' ')
                b++;
            first_person += starts_with(line + b, n - b, "我");
            second_person += has(line + b, n - b, "你");
            continue;
        }
        size_t at;
        size_t k = n - i < 64 ? n - i : 64;
        size_t nm = speaker_at(line + i, k, &at);
        if (nm) {
            turns++;
            if (!name0) {
                name0 = line + i;
                name0_len = nm;
                names = 1;
            } else if (!other_name &&
                       (nm != name0_len || memcmp(line + i, name0, nm) != 0)) {
                other_name = 1;
                names = 2;
            }
        }
    }
    return (chat_t){.bullets = first_person >= 2 && second_person >= 2,
                    .speakers = names >= 2 && turns >= 3};
}

/* Whether the bullet LINE (LEN bytes) is answered by a short question about
 * it in NEXT ("- 为啥", "- 咋了"): then it is a turn of a chat. */
static int
answered_as_turn(const char *next, size_t n)
{
    size_t i = 0;
    while (i < n && (next[i] == ' ' || next[i] == '\t'))
        i++;
    if (!(n - i > 2 && (next[i] == '-' || next[i] == '*') &&
          next[i + 1] == ' '))
        return 0;
    i += 2;
    if (n - i > 24)
        return 0;
    static const char *const why[] = {"为啥", "为什么", "咋",   "怎么", "啥",
                                      "why",  "恭喜",   "真的", NULL};
    return has_any(next + i, n - i, why);
}

/* A line LINE (N bytes) parted by bars as a title is, whose first part
 * names a round: its outcome as a title's (emoji and particles at its end
 * dropped: "寄了😭"), or UNKNOWN. */
static ivs_verdict_t
parted_line(const char *line, size_t n)
{
    /* a round and its value in brackets, the whole line: "一面（过）",
     * "二面 (挂)" */
    char t[128];
    size_t e = n;
    while (e > 0 && (line[e - 1] == ' ' || line[e - 1] == '\r'))
        e--;
    size_t tn =
        e < 120 && e > 0 && (line[e - 1] == ')' || ends_with(line, e, "）"))
            ? fold_title(line, n, t, sizeof t, 120)
            : 0;
    /* (a date between them: "二面 7.18（过）") */
    if (tn > 2)
        drop_round_dates(t, &tn);
    if (tn > 2 && t[tn - 1] == ')') {
        size_t o = tn - 1;
        while (o > 0 && t[o - 1] != '(')
            o--;
        if (o > 1 && o - 1 <= 15 && tn - 1 - o <= 12 &&
            ivs_verdict_ends_with_round(t, o - 1))
            return ivs_verdict_of_value(t + o, tn - 1 - o);
    }
    /* a round named in English, a colon, then its value: "Tech screen:
     * reject（并发模型理解有误）", "Phone screen: pass" */
    for (size_t c = 0; c < n && c < 40; c++) {
        if (line[c] != ':' && !starts_with(line + c, n - c, "："))
            continue;
        char r[48];
        size_t rn = fold_title(line, c, r, sizeof r, 40);
        if (rn > 0 &&
            (latin_round(r, rn) ||
             is_one_of(r, rn,
                       (const char *const[]){
                           "techscreen", "phonescreen", "technicalscreen",
                           "recruiterscreen", "hrscreen", "screen", "onsite",
                           "virtualonsite", "finalround", "hrround",
                           "codinground", "systemdesignround", NULL}))) {
            /* (its reason in brackets after it: "reject（并发模型理解有误）") */
            size_t vb = c + (line[c] == ':' ? 1 : 3), ve = n;
            while (ve > vb && (line[ve - 1] == ' ' || line[ve - 1] == '\r'))
                ve--;
            if (ve > vb && (line[ve - 1] == ')' || ends_with(line, ve, "）"))) {
                size_t o = ve - (line[ve - 1] == ')' ? 1 : 3);
                while (o > vb && line[o - 1] != '(' &&
                       !ends_with(line, o, "（"))
                    o--;
                if (o > vb)
                    ve = o - (line[o - 1] == '(' ? 1 : 3);
            }
            return ivs_verdict_of_value(line + vb, ve - vb);
        }
        break;
    }
    size_t bar = 0;
    while (bar < n && line[bar] != '|' &&
           !starts_with(line + bar, n - bar, "｜"))
        bar++;
    if (bar == n || !(has(line, bar, "面") || has(line, bar, "轮")))
        return IVS_VERDICT_UNKNOWN;
    int le;
    return title_statement(line, strip_particles(line, n, &le));
}

void
ivs_verdict_statement_lines(const char *text, size_t len,
                            ivs_statement_line_fn fn, void *ctx)
{
    int fence = 0, quote = 0;
    size_t pos = 0;
    /* A YAML front matter describes the page; its title is read as one. */
    if (text && len >= 4 && memcmp(text, "---\n", 4) == 0) {
        const char *close = NULL;
        for (size_t i = 4; i + 4 <= len && !close; i++)
            if (text[i - 1] == '\n' && memcmp(text + i, "---", 3) == 0 &&
                (i + 3 == len || text[i + 3] == '\n' || text[i + 3] == '\r'))
                close = text + i;
        if (close)
            pos = (size_t)(close - text) + 3;
    }
    chat_t chat = text ? chat_of(text, len, pos) : (chat_t){0, 0};
    const char *line;
    size_t n;
    while (text && ivs_text_next_line(text, len, &pos, &line, &n)) {
        size_t i = 0;
        while (i < n && (line[i] == ' ' || line[i] == '\t'))
            i++;
        if (starts_with(line + i, n - i, "```") ||
            starts_with(line + i, n - i, "~~~")) {
            fence = !fence;
            continue;
        }
        /* Quoted material is someone else's words. */
        int tag = memchr(line, '<', n) != NULL;
        if (tag && has(line, n, "<blockquote"))
            quote = 1;
        if (tag && has(line, n, "</blockquote>")) {
            quote = 0;
            continue;
        }
        if (fence || quote || n - i > STATEMENT_LINE_MAX || i == n ||
            line[i] == '>' || line[i] == '#' || line[i] == '|')
            continue;
        /* Turns of a conversation are other people's words. */
        int bullet = n - i > 2 && (line[i] == '-' || line[i] == '*') &&
                     line[i + 1] == ' ';
        if (bullet && chat.bullets)
            continue;
        size_t said = 0;
        size_t skip = ivs_text_skip_marks(line + i, n - i);
        size_t peek = n - i - skip < 64 ? n - i - skip : 64;
        if (speaker_at(line + i + skip, peek, &said) &&
            (chat.speakers ||
             starts_with(line + i + skip + said, n - i - skip - said, "我")))
            continue;
        /* The next line, for a bullet answered as a turn of a chat. */
        if (bullet && pos < len) {
            const char *next = text + pos;
            const char *nl = memchr(next, '\n', len - pos);
            if (answered_as_turn(next, nl ? (size_t)(nl - next) : len - pos))
                continue;
        }
        fn(ctx, line + i, n - i);
    }
}

/* Where the round's subject opens a clause of T (N bytes, folded to
 * simplified script): "这轮", "本轮", "整体", "面试结果" …; N if none. Not a
 * subject that heads a description of the process ("整体流程：…然后发
 * offer", "整体节奏"). */
static size_t
round_subject_at(const char *t, size_t n)
{
    static const char *const subjects[] = {
        "这一轮", "这轮", "本轮", "该轮", "此轮", "整体",
        /* the round's result, named: "面試結果待複審，以下續記追問內容" */
        "面试结果", "面试结论", NULL};
    static const char *const described[] = {"流程", "节奏", "思路", "难度",
                                            "架构", "安排", "时间", "氛围",
                                            "感受", "感觉", NULL};
    for (size_t p = 0; p < n; p++) {
        /* at the start of a clause: after a delimiter or a blank */
        if (p > 0 && statement_delim(t + p - 1, n - p + 1) == 0 &&
            !(p >= 3 && statement_delim(t + p - 3, n - p + 3) == 3) &&
            t[p - 1] != ' ')
            continue;
        for (const char *const *w = subjects; *w; w++)
            if (starts_with(t + p, n - p, *w)) {
                size_t after = p + strlen(*w);
                if (has_any(t + after, n - after < 9 ? n - after : 9,
                            described))
                    return n;
                return p;
            }
    }
    return n;
}

/* What follows a status in brackets that is no note of a candidate:
 * write-ups, events, study, code ("【淘汰】面试官常问的过时技术", "【已结
 * 束】秋招宣讲会回放", "[Failed] docker build 报错排查"). */
static const char *const not_of_candidate[] = {"面经", "面试题", "常问", "宣讲",
                                               "回放", "学习",   "计划", "排查",
                                               "报错", "重构",   "分享", NULL};
/* Words in brackets that only hiring uses: "【推荐录用】", "【淘汰】". */
static const char *const hiring_brackets[] = {"录用", "淘汰", "hire", "候选",
                                              NULL};
/* Words of a note of the candidate, after a general status in brackets. */
static const char *const candidate_notes[] = {"候选人", "面",   "答",
                                              "表现",   "再看", NULL};

/* The verdict of the ATS status in brackets that opens T (N bytes,
 * folded): "【推荐录用】代码风格规范…", "【淘汰】…" (not a tag: "【推荐】
 * Redis 资料", "【面试题】"); or, for a round in brackets ("【Round 2】
 * Hire.", "[二面] 通过"), where its text starts in *ROUND. */
static ivs_verdict_t
bracket_opening(const char *t, size_t n, size_t *round)
{
    size_t o = 0;
    while (o < n && (t[o] == ' ' || t[o] == '\t' || t[o] == '-' || t[o] == '*'))
        o++;
    size_t open = starts_with(t + o, n - o, "【") ? 3
                  : o < n && t[o] == '['          ? 1
                                                  : 0;
    for (size_t c = o + open; open && c < n && c < o + 40; c++) {
        size_t close = starts_with(t + c, n - c, "】") ? 3
                       : t[c] == ']'                   ? 1
                                                       : 0;
        if (!close)
            continue;
        char r[64];
        size_t rn = fold_title(t + o + open, c - o - open, r, sizeof r, 60);
        if (rn > 0 &&
            (ivs_verdict_ends_with_round(r, rn) || latin_round(r, rn)))
            *round = c + close;
        /* (and the rest of the line of the candidate, not of code, events or
         * study: "[Failed] docker build 报错排查", "【已结束】秋招宣讲会回放",
         * "【淘汰】面试官常问的过时技术") */
        else if (rn > 0 && !(has(r, rn, "荐") && !has(r, rn, "录用")) &&
                 !has_test_word(r, rn) &&
                 !has_any(t + c, n - c, not_of_candidate) &&
                 /* a word of hiring in the brackets, or a note of the
                  * candidate after a general one ("【待定】还要再看") */
                 (has_any(r, rn, hiring_brackets) ||
                  (!technical_line(t + c, n - c) &&
                   !ivs_verdict_line_hedged(t + c, n - c) &&
                   has_any(t + c, n - c, candidate_notes))))
            return ivs_verdict_of_value(r, rn);
        break;
    }
    return IVS_VERDICT_UNKNOWN;
}

/* Whether LINE (N bytes) may hold a subject of round_judgement: 这轮, 本
 * 轮, 这一轮 …, 整体, 面试结果, 面试结论 (in both scripts), or a bracket
 * opening the line. One pass over the bytes: most lines have none, and
 * many have 轮, 整 (整理) or 面试结 (面试结束) in other words. */
static int
may_name_round_subject(const char *line, size_t n)
{
    size_t o = 0;
    while (o < n && (line[o] == ' ' || line[o] == '\t' || line[o] == '-' ||
                     line[o] == '*'))
        o++;
    if (o < n && (line[o] == '[' || starts_with(line + o, n - o, "【")))
        return 1;
    static const char *const before_round[] = {"这", "這", "本", "该",
                                               "該", "此", "一", NULL};
    for (size_t i = 0; i + 3 <= n; i++) {
        unsigned char c = (unsigned char)line[i];
        if (c != 0xE8 && c != 0xE6 && c != 0xE9)
            continue;
        const char *at = line + i;
        if ((memcmp(at, "轮", 3) == 0 || memcmp(at, "輪", 3) == 0) && i >= 3)
            for (const char *const *w = before_round; *w; w++)
                if (memcmp(at - 3, *w, 3) == 0)
                    return 1;
        if (memcmp(at, "整", 3) == 0 && (starts_with(at + 3, n - i - 3, "体") ||
                                         starts_with(at + 3, n - i - 3, "體")))
            return 1;
        if (memcmp(at, "面", 3) == 0 &&
            (starts_with(at + 3, n - i - 3, "试结果") ||
             starts_with(at + 3, n - i - 3, "试结论") ||
             starts_with(at + 3, n - i - 3, "試結果") ||
             starts_with(at + 3, n - i - 3, "試結論")))
            return 1;
    }
    return 0;
}

/* The interviewer's judgement of the round, in the middle of the note: a
 * sentence whose subject is the round, read as a closing line is ("这轮
 * 先不往下推了，coding 没达到要求；", "本轮不建议进入下一轮", "这部分表现
 * OK，整体可以往下走。", "【Round 2】Hire."), or an ATS status in brackets
 * that opens the line; not one that asks, supposes, hopes or tells of
 * others (before the round too: "候选人说…", "祈祷 整体…") or of an
 * earlier attempt. LINE (N bytes) as written. */
static ivs_verdict_t
round_judgement(const char *line, size_t n)
{
    /* every subject has 轮, 整 or 面试结/面試結 (in both scripts), or is in
     * brackets: most lines have none (this runs on every line the other
     * rules leave) */
    if (n > STATEMENT_LINE_MAX || !may_name_round_subject(line, n))
        return IVS_VERDICT_UNKNOWN;
    char *folded = ivs_verdict_fold_traditional(line, n);
    const char *t = folded ? folded : line;
    size_t p = n;
    ivs_verdict_t v = bracket_opening(t, n, &p);
    if (v == IVS_VERDICT_UNKNOWN && p == n)
        p = round_subject_at(t, n);
    if (v == IVS_VERDICT_UNKNOWN && p < n) {
        /* to the end of its sentence or of its segment ("面试结果：未通过 ｜
         * 原因：…") */
        size_t e = p;
        while (e < n && !starts_with(t + e, n - e, "。") &&
               !starts_with(t + e, n - e, "；") &&
               !starts_with(t + e, n - e, "｜") && t[e] != ';' && t[e] != '|' &&
               !(t[e] == '.' && (e + 1 == n || t[e + 1] == ' ')))
            e++;
        size_t told = 0;
        char f[STATEMENT_LINE_MAX + 1];
        size_t fn = fold_title(t, p, f, sizeof f, STATEMENT_LINE_MAX);
        if (!of_others(f, fn) && !has_any(f, fn, clause_hedges) &&
            ivs_verdict_this_attempt(t, e, &told) == 0) {
            /* its own clause first, read as a closing one, whatever the
             * clauses after it say ("這輪基本可以確定不會往下走，剩下時間讓
             * 他反問", "本輪結果尚未決定，先把問到的題目記下來"), then the
             * sentence */
            size_t c = p;
            while (c < e && statement_delim(t + c, e - c) == 0)
                c++;
            if (c < e && !ivs_verdict_line_hedged(t + p, c - p))
                v = ivs_verdict_of_line(t + p, c - p);
            if (v == IVS_VERDICT_UNKNOWN &&
                !ivs_verdict_line_hedged(t + p, e - p))
                v = ivs_verdict_of_line(t + p, e - p);
        }
    }
    free(folded);
    return v;
}

/* The hiring verdict that opens LINE (N bytes) as its own clause, or
 * follows an arrow: "不建议录用——sync.Map 的适用场景答反了", "沟通也清楚
 * → 推薦錄取。" (the interviewer's words of hiring only: 录用, 录取, 淘汰,
 * hire, reject; not a description, "不建议录用的情况："). */
static ivs_verdict_t
hiring_opening(const char *line, size_t n)
{
    size_t b = ivs_text_skip_marks(line, n);
    for (size_t i = 0; i + 2 <= n; i++)
        if (starts_with(line + i, n - i, "→") ||
            starts_with(line + i, n - i, "=>")) {
            b = i + (line[i] == '=' ? 2 : 3);
            break;
        }
    while (b < n && line[b] == ' ')
        b++;
    size_t e = b;
    while (e < n && !(starts_with(line + e, n - e, "——") ||
                      starts_with(line + e, n - e, "—") ||
                      statement_delim(line + e, n - e) ||
                      starts_with(line + e, n - e, "。") || line[e] == '.' ||
                      line[e] == '-'))
        e++;
    if (e == b || e - b > 30)
        return IVS_VERDICT_UNKNOWN;
    /* (most lines hold none of its words: 录/錄, 淘, a Latin h or r, a
     * full-width letter; the fold below allocates) */
    int may = has(line + b, e - b, "录") || has(line + b, e - b, "錄") ||
              has(line + b, e - b, "淘");
    for (size_t i = b; i < e && !may; i++)
        may = (line[i] | 0x20) == 'h' || (line[i] | 0x20) == 'r' ||
              (unsigned char)line[i] == 0xEF;
    if (!may)
        return IVS_VERDICT_UNKNOWN;
    char f[96];
    size_t fn = fold_title(line + b, e - b, f, sizeof f, 90);
    /* the clause is the verdict, from its first word: not "HR 说还没确认
     * 录用" */
    static const char *const opens[] = {
        "录用", "录取", "淘汰",   "不",     "建议", "推荐", "予以",
        "hire", "no",   "reject", "strong", "lean", NULL};
    int opening = 0;
    for (const char *const *w = opens; *w && !opening; w++)
        opening = starts_with(f, fn, *w);
    if (!opening || !has_any(f, fn,
                             (const char *const[]){"录用", "录取", "淘汰",
                                                   "hire", "reject", NULL}))
        return IVS_VERDICT_UNKNOWN;
    return ivs_verdict_of_value(f, fn);
}

static void
statement_of_line(void *ctx, const char *line, size_t n)
{
    ivs_verdict_t *v = ctx;
    /* The last round stated is the outcome of the write-up. */
    ivs_verdict_t lv = line_outcome(line, n);
    if (lv == IVS_VERDICT_UNKNOWN && n <= 240)
        lv = hiring_opening(line, n);
    /* a short line parted like a title, a round then its value:
     * "字节一面｜寄了", "二面 | 通过" */
    if (lv == IVS_VERDICT_UNKNOWN && n <= 120)
        lv = parted_line(line, n);
    if (lv == IVS_VERDICT_UNKNOWN)
        lv = round_judgement(line, n);
    if (lv != IVS_VERDICT_UNKNOWN)
        *v = lv;
}

ivs_verdict_t
ivs_verdict_from_statements(const char *text, size_t len)
{
    ivs_verdict_t v = IVS_VERDICT_UNKNOWN;
    ivs_verdict_statement_lines(text, len, statement_of_line, &v);
    return v;
}

int
ivs_verdict_line_hedged(const char *line, size_t len)
{
    char t[STATEMENT_LINE_MAX + 1];
    size_t skip = ivs_text_skip_marks(line, len);
    size_t n =
        fold_title(line + skip, len - skip, t, sizeof t, STATEMENT_LINE_MAX);
    /* of_others reads line_not_own too */
    return of_others(t, n) || has_any(t, n, clause_hedges) ||
           technical_line(t, n);
}

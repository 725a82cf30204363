/* Interview verdicts: names, and detection from the summary or the closing
 * lines of an interview, where only a word standing as the verdict counts. */
#define _GNU_SOURCE /* memmem */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "ivs/record.h"
#include "ivs/text.h"
#include "record_internal.h"

static const char *const verdict_names[] = {"unknown", "pass", "fail",
                                            "pending"};

const char *
ivs_verdict_name(ivs_verdict_t verdict)
{
    if ((unsigned)verdict > IVS_VERDICT_PENDING)
        return "unknown";
    return verdict_names[verdict];
}

int
ivs_verdict_parse(const char *name)
{
    static const struct {
        const char *name;
        ivs_verdict_t verdict;
    } aliases[] = {
        {"pass", IVS_VERDICT_PASS},       {"fail", IVS_VERDICT_FAIL},
        {"pending", IVS_VERDICT_PENDING}, {"unknown", IVS_VERDICT_UNKNOWN},
        {"通过", IVS_VERDICT_PASS},       {"不通过", IVS_VERDICT_FAIL},
        {"待定", IVS_VERDICT_PENDING},    {"未知", IVS_VERDICT_UNKNOWN},
    };
    if (!name)
        return -1;
    utf8proc_uint8_t *folded = NULL;
    utf8proc_ssize_t n = utf8proc_map(
        (const utf8proc_uint8_t *)name, 0, &folded,
        UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
            UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
    if (n < 0)
        return -1;
    const char *s = (const char *)folded;
    size_t b = 0, e = (size_t)n;
    while (b < e && (s[b] == ' ' || s[b] == '\t'))
        b++;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        e--;
    int result = -1;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        size_t k = strlen(aliases[i].name);
        if (k == e - b && memcmp(s + b, aliases[i].name, k) == 0) {
            result = (int)aliases[i].verdict;
            break;
        }
    }
    free(folded);
    return result;
}

/* ---- small UTF-8 helpers ------------------------------------------- */

/* Decodes the code point at S[*I] (bounded by N) and advances *I; invalid
 * bytes come back as themselves, one at a time, so any input terminates. */
static uint32_t
next_cp(const unsigned char *s, size_t n, size_t *i)
{
    unsigned char c = s[*i];
    size_t k = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (k == 1 || *i + k > n) {
        (*i)++;
        return c;
    }
    uint32_t cp = c & (0x3F >> (k - 1));
    for (size_t j = 1; j < k; j++) {
        if ((s[*i + j] & 0xC0) != 0x80) {
            (*i)++;
            return c;
        }
        cp = cp << 6 | (s[*i + j] & 0x3F);
    }
    *i += k;
    return cp;
}

/* Code point of the three-byte UTF-8 sequence at S, or 0. */
static uint32_t
cp3(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n < 3 || (u[0] & 0xF0) != 0xE0 || (u[1] & 0xC0) != 0x80 ||
        (u[2] & 0xC0) != 0x80)
        return 0;
    return (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 |
           (u[2] & 0x3F);
}

/* Chinese numerals used for numbering: 一 … 十, 零, 〇, 百. */
static int
is_cn_numeral(uint32_t cp)
{
    switch (cp) {
    case 0x4E00:
    case 0x4E8C:
    case 0x4E09:
    case 0x56DB:
    case 0x4E94:
    case 0x516D:
    case 0x4E03:
    case 0x516B:
    case 0x4E5D:
    case 0x5341:
    case 0x96F6:
    case 0x3007:
    case 0x767E: return 1;
    default: return 0;
    }
}

/* Skips leading decoration of a line: whitespace, Markdown heading and
 * quote marks, list bullets, emphasis, brackets, and numbering such as
 * "一、", "（三）", "3." or "2)". Returns the new offset. */
static size_t
skip_line_marks(const char *s, size_t n, size_t i)
{
    for (;;) {
        size_t start = i;
        while (i < n &&
               (s[i] == ' ' || s[i] == '\t' || s[i] == '#' || s[i] == '>'))
            i++;
        if (i + 1 < n && (s[i] == '-' || s[i] == '+') && s[i + 1] == ' ')
            i += 2;
        if (i >= n)
            return i;
        /* Openers: 【 「 and the ideographic space, [ ** __ * _ `. */
        uint32_t c3 = cp3(s + i, n - i);
        if (c3 == 0x3010 || c3 == 0x300C || c3 == 0x3000)
            i += 3;
        else if (s[i] == '[' || s[i] == '`')
            i++;
        else if (s[i] == '*' || s[i] == '_')
            i += i + 1 < n && s[i + 1] == s[i] ? 2 : 1;
        /* Numbering: digits or Chinese numerals, then a separator. */
        size_t j = i;
        int saw_paren = 0;
        if (cp3(s + j, n - j) == 0xFF08) { /* （ */
            j += 3;
            saw_paren = 1;
        } else if (j < n && s[j] == '(') {
            j++;
            saw_paren = 1;
        }
        size_t digits_start = j;
        while (j < n) {
            if (s[j] >= '0' && s[j] <= '9')
                j++;
            else if (is_cn_numeral(cp3(s + j, n - j)))
                j += 3;
            else
                break;
        }
        if (j > digits_start && j < n) {
            uint32_t sep = cp3(s + j, n - j);
            size_t skip = 0;
            if (saw_paren) {
                if (sep == 0xFF09) /* ） */
                    skip = 3;
                else if (s[j] == ')')
                    skip = 1;
            } else if (sep == 0x3001 || sep == 0xFF0C || sep == 0xFF0E ||
                       sep == 0xFF09) { /* 、，．） */
                skip = 3;
            } else if ((s[j] == '.' || s[j] == ',' || s[j] == ')') &&
                       /* "3.5" and "1,000" are numbers, not numbering. */
                       !(j + 1 < n && s[j + 1] >= '0' && s[j + 1] <= '9')) {
                skip = 1;
            }
            if (skip)
                i = j + skip;
        }
        if (i == start)
            return i;
    }
}

size_t
ivs_text_skip_marks(const char *s, size_t n)
{
    return s ? skip_line_marks(s, n, 0) : 0;
}

/* ---- summary labels ------------------------------------------------ */

/* Label words that open a summary, longest first where one is a prefix of
 * another. Matching is ASCII case-insensitive. */
#define KEY(k)           \
    {                    \
        k, sizeof(k) - 1 \
    }
static const struct {
    const char *key;
    size_t len;
} summary_keys[] = {
    KEY("面试总结"),
    KEY("面试结论"),
    KEY("面试结果"),
    KEY("面试评价"),
    KEY("面试反馈"),
    KEY("面试意见"),
    KEY("面试建议"),
    KEY("面试官评价"),
    KEY("面试官意见"),
    KEY("面试官反馈"),
    KEY("面试官结论"),
    KEY("最终结论"),
    KEY("最终结果"),
    KEY("综合评价"),
    KEY("总体评价"),
    KEY("整体评价"),
    KEY("结论与建议"),
    KEY("录用建议"),
    KEY("面评"),
    KEY("总评"),
    KEY("评语"),
    KEY("总结"),
    KEY("小结"),
    KEY("结论"),
    KEY("结果"),
    KEY("评价"),
    KEY("反馈"),
    KEY("建议"),
    KEY("hiring decision"),
    KEY("final decision"),
    KEY("interview summary"),
    KEY("interview result"),
    KEY("summary"),
    KEY("results"),
    KEY("result"),
    KEY("decision"),
    KEY("verdict"),
    KEY("hire / no hire"),
    KEY("hire/no hire"),
    KEY("overall rating"),
    KEY("rating"),
    KEY("conclusion"),
    KEY("feedback"),
    KEY("overall"),
    KEY("recommendation"),
    KEY("outcome"),
    KEY("next step"),
    KEY("disposition"),
    KEY("下一步"),
};
#undef KEY

/* The first byte of KEY, ASCII letters folded to lower case. */
/* J moved past the emphasis marks, brackets and blanks that close a key
 * ("**总结**：", "【结论】"), in LINE (LEN bytes). */
static size_t
skip_closers(const char *line, size_t len, size_t j)
{
    static const char *const closers[] = {"**", "__", "*", "_",  "】", "]",
                                          "」", "`",  " ", "\t", "　"};
    for (;;) {
        size_t before = j;
        for (size_t k = 0; k < sizeof closers / sizeof closers[0]; k++)
            if (starts_with(line + j, len - j, closers[k])) {
                j += strlen(closers[k]);
                break;
            }
        if (j == before)
            break;
    }
    return j;
}

/* The nouns that end a label of a result: 甄选结果, 一面结论, 当前状态,
 * 一面面评, 面试官意见, 目前进度. */
static const char *const label_heads[] = {
    "结果", "结论", "状态", "评价", "评语", "面评", "意见", "反馈", "总结",
    "进度", "总评", "建议", "评估", "打分", "评分", "评级", "定级", "档位",
    "判定", "评核", "评定", "考核", "决定", "定论", "决议", "进展",
    /* "录用决策：暂缓" */
    "决策", NULL};

/* Words that make a label speak of tests, code or systems, not of the
 * candidate: 测试结果, 运行状态, 编译结果. */
static const char *const label_not_verdict[] = {
    "测试", "用例", "编译", "运行", "执行", "检测", "检查", "单测", "代码",
    "构建", "部署", "审核", "审批", "校验", "验证", "压测", "查询", "请求",
    "返回", "计算", "输出", "实验", "线程", "进程", "连接", "节点", "服务",
    "任务", "订单", "支付", "系统", "作业", "考试", "题",
    /* plans and descriptions: "流程说明：口头 offer，候选人接受，背调" */
    "计划", "说明", "步骤", "介绍",
    /* a written test's result is no interview's: "机试结果：通过" (OA as a
     * word: ivs_verdict_latin_word) */
    "笔试", "机试", "测评", "机考", "上机", NULL};

/* ivs_verdict_latin_word() */
int
ivs_verdict_latin_word(const char *s, size_t n, const char *word)
{
    size_t k = strlen(word);
    for (size_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && (s[i + j] | 0x20) == word[j])
            j++;
        if (j < k)
            continue;
        int before =
            i > 0 && (((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z'));
        int after = i + k < n &&
                    (((s[i + k] | 0x20) >= 'a' && (s[i + k] | 0x20) <= 'z'));
        if (!before && !after)
            return 1;
    }
    return 0;
}

/* Whether the label S (N bytes, its colon included or not) ends with one
 * of WORDS. */
static int
label_ends_with(const char *s, size_t n, const char *const *words)
{
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == ':'))
        n--;
    if (n >= 3 && memcmp(s + n - 3, "：", 3) == 0)
        n -= 3;
    for (; *words; words++) {
        size_t k = strlen(*words);
        if (n >= k && memcmp(s + n - k, *words, k) == 0)
            return 1;
    }
    return 0;
}

/* Whether the label S (N bytes) heads the candidate's past: "历史记录：该候
 * 选人 2025 年面过本部门，二面未通过。本次为重新投递。" is no verdict of this
 * interview, in any of its clauses. */
static int
history_label(const char *s, size_t n)
{
    static const char *const past[] = {"历史",     "历史记录", "投递记录",
                                       "过往记录", "以往记录", NULL};
    return label_ends_with(s, n, past);
}

/* Whether the label S (N bytes) asks when, where or how much, or lists
 * things to settle: "面试时间：待确认", "入职日期：待定", "待确认：是否能接
 * 受轮值" (their own value is no verdict). */
static int
logistics_label(const char *s, size_t n)
{
    static const char *const what[] = {
        "时间", "日期", "地点", "薪资", "薪酬", "待遇",
        /* a list of things to settle: "待确认：是否能接受轮值 on-call" */
        "待确认", "待跟进", "待办", "todo", NULL};
    return label_ends_with(s, n, what);
}

/* Length of a label at LINE[I] that is not among the keys: a few Chinese
 * characters ending with a noun of results (甄选结果, 二面评语, 流程状态),
 * or "status", followed by a colon; 0 when there is none. */
static size_t
free_label(const char *line, size_t len, size_t i)
{
    if (starts_with_ci(line + i, len - i, "status"))
        return 6;
    /* a question of hiring, answered yes or no: "是否推荐：是", "录用与否：
     * 录用" */
    for (size_t j = i; j + 6 <= len && j < i + 30; j++)
        if (starts_with(line + j, len - j, "与否") &&
            (starts_with(line + j + 6, len - j - 6, "：") ||
             (j + 6 < len && line[j + 6] == ':'))) {
            static const char *const hiring[] = {"通过", "录用", "录取",
                                                 "推荐", "进入", NULL};
            for (const char *const *w = hiring; *w; w++)
                if (has(line + i, j - i, *w))
                    return j + 6 - i;
            return 0;
        }
    if (starts_with(line + i, len - i, "是否")) {
        static const char *const hiring[] = {"通过", "录用",  "录取", "推荐",
                                             "进入", "offer", "hire", NULL};
        for (size_t j = i; j < len && j < i + 40; j++)
            if (line[j] == ':' || starts_with(line + j, len - j, "：")) {
                for (const char *const *w = hiring; *w; w++)
                    if (has(line + i, j - i, *w))
                        return j - i;
                return 0;
            }
        return 0;
    }
    /* up to eight characters, Chinese or the Latin letters of "HR" */
    size_t j = i, chars = 0;
    while (j < len && chars < 8) {
        unsigned char c = (unsigned char)line[j];
        if (c >= 0xE4 && c <= 0xE9 && j + 3 <= len)
            j += 3;
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
            j++;
        else if (c == ' ' && chars > 0)
            j++;
        else
            break;
        chars++;
        size_t k = j;
        while (k < len && line[k] == ' ')
            k++;
        if (!(starts_with(line + k, len - k, "：") ||
              starts_with(line + k, len - k, "】") ||
              (k < len && (line[k] == ':' || line[k] == ']'))))
            continue;
        for (const char *const *h = label_heads; *h; h++)
            if (ends_with(line + i, j - i, *h)) {
                /* the node of a hiring process, as trackers name it:
                 * "节点状态：结果待确认" (its values are read as words,
                 * not as a system's statuses: labelled_verdict) */
                if (j - i == 12 && starts_with(line + i, j - i, "节点状态"))
                    return j - i;
                for (const char *const *w = label_not_verdict; *w; w++)
                    if (has(line + i, j - i, *w))
                        return 0;
                return j - i;
            }
        return 0;
    }
    return 0;
}

static unsigned char
key_first(const char *key)
{
    unsigned char c = (unsigned char)key[0];
    return c < 0x80 ? (unsigned char)(c | 0x20) : c;
}
int
ivs_verdict_summary_label(const char *line, size_t len, size_t *rest)
{
    size_t i = skip_line_marks(line, len, 0);
    size_t key_len = 0;
    if (i >= len)
        return 0;
    unsigned char first = (unsigned char)line[i];
    if (first < 0x80 && !((first | 0x20) >= 'a' && (first | 0x20) <= 'z'))
        return 0;
    unsigned char folded = first < 0x80 ? (unsigned char)(first | 0x20) : first;
    for (size_t k = 0; k < sizeof summary_keys / sizeof summary_keys[0]; k++)
        if (len - i >= summary_keys[k].len &&
            /* the first byte decides most lines at once */
            key_first(summary_keys[k].key) == folded &&
            starts_with_ci(line + i, len - i, summary_keys[k].key)) {
            key_len = summary_keys[k].len;
            break;
        }
    if (key_len == 0)
        key_len = free_label(line, len, i);
    if (key_len == 0)
        return 0;
    size_t j = i + key_len;
    /* An ASCII key must end at a word boundary ("results" is not
     * "result" + "s", "summary:" is a key). */
    if ((unsigned char)line[i] < 0x80 && j < len &&
        ((line[j] >= 'a' && line[j] <= 'z') ||
         (line[j] >= 'A' && line[j] <= 'Z')))
        return 0;
    size_t key_end = j;
    j = skip_closers(line, len, j);
    if (j >= len) {
        *rest = len;
        return 1;
    }
    if (starts_with(line + j, len - j, "："))
        j += 3;
    else if (line[j] == ':')
        j++;
    else if (starts_with(line + j, len - j, "——") ||
             starts_with(line + j, len - j, "→") ||
             starts_with(line + j, len - j, "=>") ||
             starts_with(line + j, len - j, "->")) {
        /* "面试意见 —— 不通过", "结论 → 通过" */
        j += starts_with(line + j, len - j, "——")  ? 6
             : starts_with(line + j, len - j, "→") ? 3
                                                   : 2;
        *rest = skip_closers(line, len, j);
        return 1;
    } else if (has(line + key_end, j - key_end, "】") ||
               memchr(line + key_end, ']', j - key_end)) {
        *rest = j; /* "【状态】待反馈": the bracket closes the label */
        return 1;
    } else
        return 0;
    /* Emphasis closing after the colon: "**总结：**". */
    j = skip_closers(line, len, j);
    *rest = j;
    return 1;
}

/* ---- clause matching ----------------------------------------------- */

typedef struct {
    const char *word;
    size_t len;
    ivs_verdict_t verdict;
    int closes; /* may close a longer clause: speaks of hiring only */
} verdict_word_t;

/* Words that state a verdict when they stand alone in their clause (after
 * the prefixes below are taken off). Negated forms are listed whole, so
 * 不通过 never reads as 通过. */
#define WORD(w, v, c)          \
    {                          \
        w, sizeof(w) - 1, v, c \
    }
static const verdict_word_t verdict_words[] = {
    WORD("不通过", IVS_VERDICT_FAIL, 1),
    WORD("未通过", IVS_VERDICT_FAIL, 1),
    WORD("没通过", IVS_VERDICT_FAIL, 1),
    WORD("没有通过", IVS_VERDICT_FAIL, 1),
    WORD("未能通过", IVS_VERDICT_FAIL, 1),
    WORD("不予通过", IVS_VERDICT_FAIL, 1),
    WORD("不能通过", IVS_VERDICT_FAIL, 1),
    WORD("不建议录用", IVS_VERDICT_FAIL, 1),
    WORD("不建议通过", IVS_VERDICT_FAIL, 1),
    WORD("不建议", IVS_VERDICT_FAIL, 0),
    WORD("不录用", IVS_VERDICT_FAIL, 1),
    WORD("不予录用", IVS_VERDICT_FAIL, 1),
    WORD("不推荐", IVS_VERDICT_FAIL, 0),
    WORD("不推荐录用", IVS_VERDICT_FAIL, 1),
    WORD("不考虑", IVS_VERDICT_FAIL, 0),
    WORD("不合格", IVS_VERDICT_FAIL, 0),
    WORD("不合适", IVS_VERDICT_FAIL, 0),
    WORD("不适合", IVS_VERDICT_FAIL, 0),
    WORD("不符合", IVS_VERDICT_FAIL, 0),
    WORD("不符合要求", IVS_VERDICT_FAIL, 1),
    WORD("评估中", IVS_VERDICT_PENDING, 0),
    WORD("筛选中", IVS_VERDICT_PENDING, 0),
    WORD("暂定", IVS_VERDICT_PENDING, 0),
    WORD("on hold", IVS_VERDICT_PENDING, 0),
    WORD("后决定", IVS_VERDICT_PENDING, 1),
    WORD("再做决定", IVS_VERDICT_PENDING, 1),
    WORD("考虑中", IVS_VERDICT_PENDING, 0),
    WORD("不匹配", IVS_VERDICT_FAIL, 0),
    WORD("淘汰", IVS_VERDICT_FAIL, 0),
    WORD("挂", IVS_VERDICT_FAIL, 0),
    WORD("凉", IVS_VERDICT_FAIL, 0),
    WORD("凉凉", IVS_VERDICT_FAIL, 0),
    /* the decision held back: "这轮先不给结论", "暂不出结论" */
    WORD("不出结论", IVS_VERDICT_PENDING, 1),
    WORD("不下结论", IVS_VERDICT_PENDING, 1),
    WORD("不给结论", IVS_VERDICT_PENDING, 1),
    WORD("不给最终结论", IVS_VERDICT_PENDING, 1),
    WORD("不下最终结论", IVS_VERDICT_PENDING, 1),
    WORD("不出最终结论", IVS_VERDICT_PENDING, 1),
    /* Taiwan: turned down in silence ("確定是無聲卡了") */
    WORD("无声卡", IVS_VERDICT_FAIL, 1),
    WORD("拒", IVS_VERDICT_FAIL, 0),
    WORD("拒绝", IVS_VERDICT_FAIL, 0),
    WORD("没过", IVS_VERDICT_FAIL, 0),
    WORD("未过", IVS_VERDICT_FAIL, 0),
    WORD("no hire", IVS_VERDICT_FAIL, 0),
    WORD("no-hire", IVS_VERDICT_FAIL, 0),
    WORD("not hire", IVS_VERDICT_FAIL, 0),
    WORD("do not hire", IVS_VERDICT_FAIL, 0),
    WORD("no offer", IVS_VERDICT_FAIL, 0),
    WORD("not selected", IVS_VERDICT_FAIL, 0),
    WORD("not pass", IVS_VERDICT_FAIL, 0),
    WORD("not passed", IVS_VERDICT_FAIL, 0),
    WORD("reject", IVS_VERDICT_FAIL, 0),
    WORD("rejected", IVS_VERDICT_FAIL, 0),
    WORD("fail", IVS_VERDICT_FAIL, 0),
    WORD("failed", IVS_VERDICT_FAIL, 0),
    WORD("no go", IVS_VERDICT_FAIL, 0),
    WORD("not recommended", IVS_VERDICT_FAIL, 0),
    WORD("秒挂", IVS_VERDICT_FAIL, 1),
    WORD("被挂", IVS_VERDICT_FAIL, 1),
    WORD("被拒", IVS_VERDICT_FAIL, 1),
    WORD("被刷", IVS_VERDICT_FAIL, 1),
    WORD("寄", IVS_VERDICT_FAIL, 0),
    WORD("卒", IVS_VERDICT_FAIL, 0),
    WORD("感谢信", IVS_VERDICT_FAIL, 0),
    WORD("感谢函", IVS_VERDICT_FAIL, 0),
    WORD("婉拒", IVS_VERDICT_FAIL, 0),
    WORD("流程终止", IVS_VERDICT_FAIL, 0),
    WORD("未获录取", IVS_VERDICT_FAIL, 1),
    WORD("未获录用", IVS_VERDICT_FAIL, 1),
    WORD("not moving forward", IVS_VERDICT_FAIL, 0),
    WORD("strong no", IVS_VERDICT_FAIL, 0),
    WORD("lean no", IVS_VERDICT_FAIL, 0),
    WORD("strong yes", IVS_VERDICT_PASS, 0),
    WORD("lean yes", IVS_VERDICT_PASS, 0),
    WORD("offer extended", IVS_VERDICT_PASS, 0),
    WORD("moving forward", IVS_VERDICT_PASS, 0),
    WORD("moved forward", IVS_VERDICT_PASS, 0),
    WORD("onsite", IVS_VERDICT_PASS, 0),
    WORD("under review", IVS_VERDICT_PENDING, 0),
    WORD("in review", IVS_VERDICT_PENDING, 0),
    WORD("in progress", IVS_VERDICT_PENDING, 0),
    WORD("待安排", IVS_VERDICT_PENDING, 0),
    WORD("待反馈", IVS_VERDICT_PENDING, 0),
    WORD("待通知", IVS_VERDICT_PENDING, 0),
    WORD("收到感谢信", IVS_VERDICT_FAIL, 1),
    WORD("不进入下一轮", IVS_VERDICT_FAIL, 1),
    WORD("不推荐进入下一轮", IVS_VERDICT_FAIL, 1),
    WORD("不予考虑", IVS_VERDICT_FAIL, 0),
    WORD("declined", IVS_VERDICT_FAIL, 0),
    WORD("decline", IVS_VERDICT_FAIL, 0),
    WORD("等hr通知", IVS_VERDICT_PENDING, 1),
    WORD("等待通知", IVS_VERDICT_PENDING, 1),
    WORD("等消息", IVS_VERDICT_PENDING, 1),
    WORD("等结果", IVS_VERDICT_PENDING, 1),
    WORD("泡池子", IVS_VERDICT_PENDING, 1),
    WORD("进池子", IVS_VERDICT_PENDING, 1),
    WORD("拿到offer", IVS_VERDICT_PASS, 1),
    WORD("拿了offer", IVS_VERDICT_PASS, 1),
    WORD("收到offer", IVS_VERDICT_PASS, 1),
    WORD("oc", IVS_VERDICT_PASS, 0),
    WORD("意向书", IVS_VERDICT_PASS, 0),
    WORD("收到意向书", IVS_VERDICT_PASS, 1),
    WORD("录取", IVS_VERDICT_PASS, 0),
    WORD("上岸", IVS_VERDICT_PASS, 0),
    WORD("进入终面", IVS_VERDICT_PASS, 1),
    WORD("进入二面", IVS_VERDICT_PASS, 1),
    WORD("进入三面", IVS_VERDICT_PASS, 1),
    WORD("进入hr面", IVS_VERDICT_PASS, 1),
    WORD("进入下一面", IVS_VERDICT_PASS, 1),
    WORD("约了二面", IVS_VERDICT_PASS, 1),
    WORD("约了三面", IVS_VERDICT_PASS, 1),
    WORD("约了终面", IVS_VERDICT_PASS, 1),
    WORD("约了hr面", IVS_VERDICT_PASS, 1),
    WORD("下一轮", IVS_VERDICT_PASS, 0),
    WORD("next round", IVS_VERDICT_PASS, 0),
    WORD("advance", IVS_VERDICT_PASS, 0),
    WORD("move forward", IVS_VERDICT_PASS, 0),
    WORD("待定", IVS_VERDICT_PENDING, 1),
    WORD("再定", IVS_VERDICT_PENDING, 1),
    WORD("再决定", IVS_VERDICT_PENDING, 1),
    WORD("备取", IVS_VERDICT_PENDING, 0),
    WORD("正取", IVS_VERDICT_PASS, 0),
    WORD("not a fit", IVS_VERDICT_FAIL, 0),
    WORD("等通知", IVS_VERDICT_PENDING, 1),
    WORD("再议", IVS_VERDICT_PENDING, 1),
    WORD("待议", IVS_VERDICT_PENDING, 0),
    WORD("候补", IVS_VERDICT_PENDING, 0),
    WORD("waitlist", IVS_VERDICT_PENDING, 0),
    WORD("waitlisted", IVS_VERDICT_PENDING, 0),
    WORD("暂缓", IVS_VERDICT_PENDING, 1),
    WORD("备选", IVS_VERDICT_PENDING, 0),
    WORD("待考虑", IVS_VERDICT_PENDING, 0),
    /* kept for later: "已进人才池，HC 放出后优先联系" */
    WORD("进人才池", IVS_VERDICT_PENDING, 1),
    WORD("入人才池", IVS_VERDICT_PENDING, 1),
    WORD("人才池", IVS_VERDICT_PENDING, 0),
    /* judged: "这一轮已经可以判不过了", "這輪基本可以確定不會往下走" */
    WORD("判不过", IVS_VERDICT_FAIL, 1),
    WORD("判挂", IVS_VERDICT_FAIL, 1),
    WORD("不会往下走", IVS_VERDICT_FAIL, 1),
    WORD("不会往下推", IVS_VERDICT_FAIL, 1),
    WORD("不会往后走", IVS_VERDICT_FAIL, 1),
    /* dropped: "hc 已满 + 综合能力一般，建议 pass 掉" */
    WORD("pass掉", IVS_VERDICT_FAIL, 1),
    /* not taken further: "決定不進行下一階段" */
    WORD("不进行下一阶段", IVS_VERDICT_FAIL, 1),
    WORD("不进入下一阶段", IVS_VERDICT_FAIL, 1),
    WORD("不进行下一轮", IVS_VERDICT_FAIL, 1),
    /* told not to wait: "今天就到这，不用等消息了" */
    WORD("不用等了", IVS_VERDICT_FAIL, 0),
    WORD("不用等消息", IVS_VERDICT_FAIL, 0),
    WORD("不用等通知", IVS_VERDICT_FAIL, 0),
    WORD("不用等结果", IVS_VERDICT_FAIL, 0),
    WORD("不用再等", IVS_VERDICT_FAIL, 0),
    /* not yet decided: "本轮结论：未定，两位面试官意见不一致", "可考虑，需与
     * 三面面试官沟通后定" */
    WORD("未定", IVS_VERDICT_PENDING, 0),
    WORD("尚未确定", IVS_VERDICT_PENDING, 0),
    WORD("暂未确定", IVS_VERDICT_PENDING, 0),
    WORD("可考虑", IVS_VERDICT_PENDING, 0),
    WORD("待评估", IVS_VERDICT_PENDING, 0),
    WORD("观望", IVS_VERDICT_PENDING, 0),
    WORD("保留", IVS_VERDICT_PENDING, 0),
    WORD("hold", IVS_VERDICT_PENDING, 0),
    WORD("on hold", IVS_VERDICT_PENDING, 0),
    WORD("pending", IVS_VERDICT_PENDING, 0),
    WORD("tbd", IVS_VERDICT_PENDING, 0),
    WORD("通过", IVS_VERDICT_PASS, 1),
    WORD("建议录用", IVS_VERDICT_PASS, 1),
    WORD("录用", IVS_VERDICT_PASS, 1),
    WORD("推荐", IVS_VERDICT_PASS, 0),
    WORD("强推", IVS_VERDICT_PASS, 0),
    WORD("力荐", IVS_VERDICT_PASS, 0),
    WORD("强烈推荐", IVS_VERDICT_PASS, 1),
    WORD("强烈建议录用", IVS_VERDICT_PASS, 1),
    WORD("排序中", IVS_VERDICT_PENDING, 0),
    WORD("横向对比中", IVS_VERDICT_PENDING, 0),
    WORD("待决定", IVS_VERDICT_PENDING, 1),
    WORD("待评审", IVS_VERDICT_PENDING, 0),
    WORD("待复核", IVS_VERDICT_PENDING, 0),
    /* a review or a committee still to decide: "面試結果待複審", "待委員
     * 會決議" */
    WORD("待复审", IVS_VERDICT_PENDING, 0),
    /* compared across candidates: "终面后横向中" */
    WORD("横向中", IVS_VERDICT_PENDING, 0),
    /* held, not stopped: "暂时无法推进，等补充后再定" */
    WORD("暂时无法推进", IVS_VERDICT_PENDING, 1),
    WORD("暂时不推进", IVS_VERDICT_PENDING, 1),
    WORD("暂时不往下推", IVS_VERDICT_PENDING, 1),
    /* a later round to decide: "Lean hire，待交叉面确认" */
    WORD("待交叉面确认", IVS_VERDICT_PENDING, 0),
    WORD("待终面确认", IVS_VERDICT_PENDING, 0),
    WORD("待加面确认", IVS_VERDICT_PENDING, 0),
    /* "结论：待 HRBP 组织复议" */
    WORD("待复议", IVS_VERDICT_PENDING, 0),
    WORD("复议中", IVS_VERDICT_PENDING, 0),
    WORD("组织复议", IVS_VERDICT_PENDING, 1),
    WORD("待审议", IVS_VERDICT_PENDING, 0),
    WORD("待决议", IVS_VERDICT_PENDING, 0),
    WORD("待委员会决议", IVS_VERDICT_PENDING, 0),
    WORD("待委员会决定", IVS_VERDICT_PENDING, 0),
    WORD("待委员会审议", IVS_VERDICT_PENDING, 0),
    /* the process stuck: "目前流程卡住" */
    WORD("流程卡住", IVS_VERDICT_PENDING, 0),
    WORD("流程卡住了", IVS_VERDICT_PENDING, 0),
    WORD("流程卡着", IVS_VERDICT_PENDING, 0),
    WORD("待hr沟通", IVS_VERDICT_PENDING, 0),
    WORD("不录取", IVS_VERDICT_FAIL, 1),
    WORD("不予录取", IVS_VERDICT_FAIL, 1),
    WORD("未录取", IVS_VERDICT_FAIL, 1),
    WORD("未录用", IVS_VERDICT_FAIL, 1),
    WORD("不聘用", IVS_VERDICT_FAIL, 1),
    WORD("不予聘用", IVS_VERDICT_FAIL, 1),
    WORD("聘用", IVS_VERDICT_PASS, 1),
    WORD("没上", IVS_VERDICT_FAIL, 0),
    WORD("上了", IVS_VERDICT_PASS, 0),
    WORD("通关", IVS_VERDICT_PASS, 0),
    WORD("先挂起", IVS_VERDICT_PENDING, 0),
    WORD("暂时挂起", IVS_VERDICT_PENDING, 0),
    WORD("暂不下结论", IVS_VERDICT_PENDING, 1),
    WORD("不下结论", IVS_VERDICT_PENDING, 0),
    WORD("暂无结论", IVS_VERDICT_PENDING, 0),
    /* negated before 推进: "hr说不会继续推进了" */
    WORD("不会继续推进", IVS_VERDICT_FAIL, 1),
    WORD("不继续推进", IVS_VERDICT_FAIL, 1),
    WORD("不会再推进", IVS_VERDICT_FAIL, 1),
    WORD("不再推进", IVS_VERDICT_FAIL, 1),
    WORD("不会推进", IVS_VERDICT_FAIL, 1),
    WORD("推进", IVS_VERDICT_PASS, 0),
    WORD("继续推进", IVS_VERDICT_PASS, 1),
    WORD("尽快推进", IVS_VERDICT_PASS, 1),
    WORD("建议推进", IVS_VERDICT_PASS, 1),
    WORD("不建议推进", IVS_VERDICT_FAIL, 1),
    WORD("不推进", IVS_VERDICT_FAIL, 1),
    WORD("停止推进", IVS_VERDICT_FAIL, 1),
    WORD("暂不推进", IVS_VERDICT_FAIL, 1),
    WORD("往下走", IVS_VERDICT_PASS, 0),
    WORD("往下推", IVS_VERDICT_PASS, 0),
    WORD("走offer流程", IVS_VERDICT_PASS, 1),
    WORD("发offer", IVS_VERDICT_PASS, 1),
    WORD("保留意见", IVS_VERDICT_PENDING, 0),
    WORD("待比较", IVS_VERDICT_PENDING, 0),
    WORD("待对比", IVS_VERDICT_PENDING, 0),
    WORD("等hc", IVS_VERDICT_PENDING, 1),
    WORD("待hc", IVS_VERDICT_PENDING, 0),
    WORD("hc冻结", IVS_VERDICT_PENDING, 0),
    WORD("流程暂停", IVS_VERDICT_PENDING, 0),
    WORD("跪", IVS_VERDICT_FAIL, 0),
    WORD("秒拒", IVS_VERDICT_FAIL, 1),
    WORD("无缘", IVS_VERDICT_FAIL, 0),
    WORD("石沉大海", IVS_VERDICT_PENDING, 0),
    WORD("杳无音信", IVS_VERDICT_PENDING, 0),
    WORD("杳无音讯", IVS_VERDICT_PENDING, 0),
    WORD("音信全无", IVS_VERDICT_PENDING, 0),
    WORD("音讯全无", IVS_VERDICT_PENDING, 0),
    WORD("未知结果", IVS_VERDICT_PENDING, 0),
    WORD("结果未知", IVS_VERDICT_PENDING, 0),
    WORD("结果未定", IVS_VERDICT_PENDING, 0),
    WORD("比选中", IVS_VERDICT_PENDING, 0),
    WORD("待审批", IVS_VERDICT_PENDING, 0),
    WORD("无了", IVS_VERDICT_FAIL, 0),
    WORD("终止流程", IVS_VERDICT_FAIL, 0),
    WORD("结束流程", IVS_VERDICT_FAIL, 0),
    WORD("关闭流程", IVS_VERDICT_FAIL, 0),
    WORD("落选", IVS_VERDICT_FAIL, 0),
    WORD("落榜", IVS_VERDICT_FAIL, 0),
    WORD("折戟", IVS_VERDICT_FAIL, 0),
    /* not to reject yet: a wait */
    WORD("先别拒", IVS_VERDICT_PENDING, 1),
    WORD("先不拒", IVS_VERDICT_PENDING, 1),
    WORD("别拒", IVS_VERDICT_PENDING, 0),
    WORD("先别挂", IVS_VERDICT_PENDING, 1),
    WORD("暂不拒绝", IVS_VERDICT_PENDING, 1),
    WORD("先不要拒", IVS_VERDICT_PENDING, 1),
    WORD("先留着", IVS_VERDICT_PENDING, 0),
    WORD("没了", IVS_VERDICT_FAIL, 0),
    WORD("黄了", IVS_VERDICT_FAIL, 0),
    WORD("没拿到", IVS_VERDICT_FAIL, 0),
    WORD("止步", IVS_VERDICT_FAIL, 0),
    WORD("往下推进", IVS_VERDICT_PASS, 0),
    WORD("未达到要求", IVS_VERDICT_FAIL, 1),
    WORD("未达到岗位要求", IVS_VERDICT_FAIL, 1),
    WORD("没达到要求", IVS_VERDICT_FAIL, 1),
    WORD("达不到要求", IVS_VERDICT_FAIL, 1),
    WORD("不满足要求", IVS_VERDICT_FAIL, 1),
    WORD("未达标", IVS_VERDICT_FAIL, 0),
    WORD("不达标", IVS_VERDICT_FAIL, 0),
    WORD("达标", IVS_VERDICT_PASS, 0),
    WORD("符合要求", IVS_VERDICT_PASS, 0),
    WORD("放一放", IVS_VERDICT_PENDING, 0),
    WORD("先放一放", IVS_VERDICT_PENDING, 0),
    WORD("hold住", IVS_VERDICT_PENDING, 0),
    WORD("发送offer", IVS_VERDICT_PASS, 0),
    WORD("offer已发送", IVS_VERDICT_PASS, 0),
    /* an offer sent or accepted: "意向书已发出，候选人口头接受", "候选人已
     * 口头接受 offer，入职日期待定" */
    WORD("offer已发出", IVS_VERDICT_PASS, 1),
    WORD("口头offer", IVS_VERDICT_PASS, 1),
    WORD("意向书已发出", IVS_VERDICT_PASS, 1),
    WORD("意向书已发", IVS_VERDICT_PASS, 1),
    WORD("接受offer", IVS_VERDICT_PASS, 1),
    WORD("接受了offer", IVS_VERDICT_PASS, 1),
    WORD("口头接受", IVS_VERDICT_PASS, 1),
    WORD("待安排面试", IVS_VERDICT_PENDING, 0),
    WORD("泡池子中", IVS_VERDICT_PENDING, 0),
    WORD("interview scheduled", IVS_VERDICT_PENDING, 0),
    WORD("in process", IVS_VERDICT_PENDING, 0),
    WORD("还在等", IVS_VERDICT_PENDING, 0),
    WORD("加面", IVS_VERDICT_PENDING, 0),
    WORD("需要加面", IVS_VERDICT_PENDING, 1),
    WORD("建议加面", IVS_VERDICT_PENDING, 1),
    WORD("加一轮", IVS_VERDICT_PENDING, 0),
    WORD("加一轮面试", IVS_VERDICT_PENDING, 1),
    WORD("过关", IVS_VERDICT_PASS, 1),
    WORD("不过关", IVS_VERDICT_FAIL, 1),
    WORD("没过关", IVS_VERDICT_FAIL, 1),
    WORD("√", IVS_VERDICT_PASS, 0),
    WORD("✓", IVS_VERDICT_PASS, 0),
    WORD("✔", IVS_VERDICT_PASS, 0),
    WORD("✅", IVS_VERDICT_PASS, 0),
    WORD("×", IVS_VERDICT_FAIL, 0),
    WORD("✗", IVS_VERDICT_FAIL, 0),
    WORD("✘", IVS_VERDICT_FAIL, 0),
    WORD("❌", IVS_VERDICT_FAIL, 0),
    WORD("等hr", IVS_VERDICT_PENDING, 0),
    WORD("do not proceed", IVS_VERDICT_FAIL, 0),
    WORD("don't proceed", IVS_VERDICT_FAIL, 0),
    WORD("not proceed", IVS_VERDICT_FAIL, 0),
    WORD("proceed", IVS_VERDICT_PASS, 0),
    WORD("declined by employer", IVS_VERDICT_FAIL, 0),
    WORD("rejected by employer", IVS_VERDICT_FAIL, 0),
    WORD("要", IVS_VERDICT_PASS, 0),
    WORD("不要", IVS_VERDICT_FAIL, 0),
    WORD("无声卡", IVS_VERDICT_FAIL, 0),
    WORD("hold for now", IVS_VERDICT_PENDING, 0),
    WORD("不给过", IVS_VERDICT_FAIL, 1),
    WORD("给过", IVS_VERDICT_PASS, 1),
    WORD("发放录用通知", IVS_VERDICT_PASS, 1),
    WORD("发送录用通知", IVS_VERDICT_PASS, 1),
    WORD("发放offer", IVS_VERDICT_PASS, 1),
    WORD("g", IVS_VERDICT_FAIL, 0),
    WORD("gg", IVS_VERDICT_FAIL, 0),
    WORD("凉透", IVS_VERDICT_FAIL, 0),
    WORD("拒信", IVS_VERDICT_FAIL, 0),
    WORD("拒绝信", IVS_VERDICT_FAIL, 0),
    WORD("not proceeding", IVS_VERDICT_FAIL, 0),
    WORD("unsuccessful", IVS_VERDICT_FAIL, 0),
    WORD("no longer under consideration", IVS_VERDICT_FAIL, 0),
    WORD("position filled", IVS_VERDICT_FAIL, 0),
    WORD("offer accepted", IVS_VERDICT_PASS, 0),
    WORD("offer sent", IVS_VERDICT_PASS, 0),
    WORD("offered", IVS_VERDICT_PASS, 0),
    WORD("shortlisted", IVS_VERDICT_PASS, 0),
    WORD("awaiting decision", IVS_VERDICT_PENDING, 0),
    WORD("awaiting feedback", IVS_VERDICT_PENDING, 0),
    WORD("under consideration", IVS_VERDICT_PENDING, 0),
    WORD("on-hold", IVS_VERDICT_PENDING, 0),
    WORD("interviewing", IVS_VERDICT_PENDING, 0),
    WORD("推荐录用", IVS_VERDICT_PASS, 1),
    WORD("建议通过", IVS_VERDICT_PASS, 1),
    WORD("予以通过", IVS_VERDICT_PASS, 1),
    WORD("合格", IVS_VERDICT_PASS, 0),
    WORD("过", IVS_VERDICT_PASS, 0),
    WORD("进入下一轮", IVS_VERDICT_PASS, 0),
    WORD("进下一轮", IVS_VERDICT_PASS, 0),
    WORD("offer", IVS_VERDICT_PASS, 0),
    WORD("hire", IVS_VERDICT_PASS, 0),
    WORD("hired", IVS_VERDICT_PASS, 0),
    WORD("pass", IVS_VERDICT_PASS, 0),
    WORD("passed", IVS_VERDICT_PASS, 0),
    WORD("make offer", IVS_VERDICT_PASS, 0),
    WORD("recommend", IVS_VERDICT_PASS, 0),
    /* fit for the post, in Taiwan's words: 不適任, 勝任 (a value, never the
     * end of a longer clause: "volatile 无法胜任") */
    WORD("不适任", IVS_VERDICT_FAIL, 0),
    WORD("适任", IVS_VERDICT_PASS, 0),
    WORD("不胜任", IVS_VERDICT_FAIL, 0),
    WORD("无法胜任", IVS_VERDICT_FAIL, 0),
    WORD("难以胜任", IVS_VERDICT_FAIL, 0),
    WORD("胜任", IVS_VERDICT_PASS, 0),
    /* a result still to be confirmed or published */
    WORD("待确认", IVS_VERDICT_PENDING, 0),
    WORD("待公布", IVS_VERDICT_PENDING, 0),
    WORD("结果待确认", IVS_VERDICT_PENDING, 0),
    WORD("结果待公布", IVS_VERDICT_PENDING, 0),
    WORD("结果待定", IVS_VERDICT_PENDING, 0),
    /* idioms of losing: 槓龜 (Taiwan), 陪跑 (ran along, never won) */
    WORD("杠龟", IVS_VERDICT_FAIL, 0),
    WORD("摃龟", IVS_VERDICT_FAIL, 0),
    WORD("陪跑", IVS_VERDICT_FAIL, 0),
    WORD("结案", IVS_VERDICT_FAIL, 0),
    /* round 6: idioms of losing ("thanks for playing" of lotteries, a
     * trip of one round, Cantonese "ate a lemon"), a reserve list still
     * open, a decision put off */
    WORD("铭谢惠顾", IVS_VERDICT_FAIL, 1),
    WORD("谢谢惠顾", IVS_VERDICT_FAIL, 1),
    WORD("一轮游", IVS_VERDICT_FAIL, 1),
    WORD("食咗柠檬", IVS_VERDICT_FAIL, 1),
    WORD("食柠檬", IVS_VERDICT_FAIL, 1),
    WORD("吃柠檬", IVS_VERDICT_FAIL, 0),
    WORD("备取中", IVS_VERDICT_PENDING, 0),
    WORD("候补中", IVS_VERDICT_PENDING, 0),
    WORD("暂缓决定", IVS_VERDICT_PENDING, 0),
    WORD("延后决定", IVS_VERDICT_PENDING, 0),
    WORD("withdrawn", IVS_VERDICT_FAIL, 0),
};
#undef WORD

/* Words that may stand before a verdict word in its clause without making
 * it part of another phrase: "面试不通过", "结论是通过", "一面过",
 * "strong hire". Longest first where one is a prefix of another. */
#define PREFIX(p)        \
    {                    \
        p, sizeof(p) - 1 \
    }
static const struct {
    const char *text;
    size_t len;
} verdict_prefixes[] = {
    PREFIX("本次面试"),
    PREFIX("本轮面试"),
    PREFIX("面试结果"),
    PREFIX("面试结论"),
    PREFIX("最终结果"),
    PREFIX("最终结论"),
    PREFIX("综合来看"),
    PREFIX("综合评估"),
    PREFIX("综合评价"),
    PREFIX("总体来看"),
    PREFIX("整体来看"),
    PREFIX("面试"),
    PREFIX("本次"),
    PREFIX("本轮"),
    PREFIX("一面"),
    PREFIX("二面"),
    PREFIX("三面"),
    PREFIX("四面"),
    PREFIX("终面"),
    PREFIX("技术面"),
    PREFIX("初面"),
    PREFIX("复试"),
    PREFIX("初试"),
    PREFIX("结论"),
    PREFIX("面试官说"),
    /* what the candidate was told: "已电话告知候选人未录取" */
    PREFIX("电话告知候选人"),
    PREFIX("邮件告知候选人"),
    PREFIX("电话通知候选人"),
    PREFIX("邮件通知候选人"),
    PREFIX("告知候选人"),
    PREFIX("通知候选人"),
    PREFIX("电话告知"),
    PREFIX("邮件告知"),
    PREFIX("hr面"),
    PREFIX("hr说"),
    PREFIX("hr讲"),
    PREFIX("已经"),
    PREFIX("顺利"),
    PREFIX("成功"),
    PREFIX("最后"),
    PREFIX("暂列"),
    PREFIX("列为"),
    PREFIX("列入"),
    PREFIX("有条件"),
    PREFIX("勉强"),
    PREFIX("推荐"),
    PREFIX("weak "),
    PREFIX("结果"),
    PREFIX("最终"),
    PREFIX("综合"),
    PREFIX("总体"),
    PREFIX("整体"),
    PREFIX("评价"),
    PREFIX("建议"),
    PREFIX("可以"),
    PREFIX("目前"),
    PREFIX("暂时"),
    PREFIX("直接"),
    PREFIX("判定"),
    PREFIX("给予"),
    PREFIX("予以"),
    PREFIX("同意"),
    PREFIX("意见"),
    PREFIX("我的"),
    PREFIX("我这边"),
    PREFIX("我这里"),
    PREFIX("这边"),
    PREFIX("暂"),
    PREFIX("先"),
    PREFIX("是"),
    PREFIX("为"),
    PREFIX("给"),
    PREFIX("发"),
    PREFIX("可"),
    PREFIX("我"),
    PREFIX("均"),
    PREFIX("已"),
    PREFIX("strong "),
    PREFIX("lean "),
    PREFIX("final "),
    PREFIX("overall "),
    PREFIX("result "),
    PREFIX("decision "),
    PREFIX("verdict "),
    PREFIX("recommendation "),
    PREFIX("i recommend "),
    PREFIX("we recommend "),
    PREFIX("recommend "),
    PREFIX("- "),
};
#undef PREFIX

/* Trailing particles: "挂了", "通过吧", "pass!". */
static const char *const verdict_suffixes[] = {"了", "吧", "啦", "的", "呢",
                                               "哈", "啊", "!",  ".",  "~"};

/* Before a verdict word at the end of a clause, these show that the clause
 * speaks of tests, code or a question, not of the candidate ("测试用例均通过",
 * "代码未能通过", "能否通过"). */
static const char *const not_verdict_context[] = {
    "测试", "用例", "编译", "运行", "代码", "单测", "题", "均", "都", "全",
    "能否", "是否", "是不是", "会不会", "如何", "怎么", "为什么", "吗", "评审",
    "审核", "审批", "验证", "校验", "认证", "考试", "申请", "检查", "请求",
    "case", "test", "build", "ci", "check", "通过",
    /* a written test's result: "线上笔试已通过" */
    "笔试", "机试", "测评", "机考", "上机",
    /* the day of joining: "入职日期待定" (after the offer) */
    "入职", "到岗", "报到",
    /* plans and requirements: "这个方案不会往下走了"; programs: "线程阻塞在
     * 这里不会往下走"; judges: "提交上去判不过", "面试官一般直接判挂" */
    "方案", "需求", "线程", "程序", "断点", "逻辑", "阻塞", "进程", "提交",
    "样例", "一般", "超过",
    /* advice on offers: "很多公司会先给口头offer", "不要轻易接受offer" */
    "会先", "很多公司", "不要", "要不要", "纠结", "轻易",
    /* another candidate: "同组另一位候选人已经发 offer 了"; a third
     * person: "室友…，他已经收到 offer 了" */
    "另一位", "另一个候选人", "其他候选人", "别的候选人", "他已", "她已",
    "他也", "她也", "他拿", "她拿", "他收到", "她收到",
    /* other people's results: "很多人一面就被刷了" */
    "很多人", "有人", "别人", "大家", "同学", "朋友", "他们", "群友", "网友",
    "听说", "据说", "室友", "舍友", "同事", "学长", "学姐",
    /* a question or a supposition put to the writer */
    "你", "您", "觉得", "什么", "如果", "要是", "会被", "可能",
    /* what would be done in general: "排名靠前的候选人会优先发offer" */
    "会优先", "才会", "都会", "一般会",
    /* hope: "希望能拿到offer" */
    "希望", "祈祷", "保佑", "但愿", "争取", "想",
    /* a wish: "祝自己顺利通过" */
    "祝自己", "祝我", "预祝"};

#define CLAUSE_MAX 192

/* Folds a clause into BUF for matching: ASCII lowercased, full-width ASCII
 * to ASCII, emphasis and quotation marks dropped, whitespace removed next
 * to non-ASCII and collapsed elsewhere, a trailing parenthesised remark
 * dropped. Returns the folded length, or 0 when the clause is too long to
 * be a verdict. */
static size_t
fold_clause(const char *s, size_t n, char *buf)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0, i = 0;
    int pending_space = 0;
    if (n > CLAUSE_MAX * 2)
        return 0;
    while (i < n) {
        size_t space = ivs_text_space_len(s + i, n - i);
        if (space) {
            i += space;
            pending_space = o > 0;
            continue;
        }
        uint32_t cp = next_cp(u, n, &i);
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            cp -= 0xFEE0;
        if (cp >= 'A' && cp <= 'Z')
            cp += 32;
        if (cp == '*' || cp == '_' || cp == '`' || cp == '"' || cp == '\'' ||
            cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 ||
            cp == 0x3010 || cp == 0x3011 || cp == '[' || cp == ']' ||
            cp == 0x300C || cp == 0x300D || cp == 0x300A || cp == 0x300B)
            continue;
        if (pending_space) {
            /* Keep a space only between two ASCII characters. */
            if (cp < 0x80 && o > 0 && (unsigned char)buf[o - 1] < 0x80)
                buf[o++] = ' ';
            pending_space = 0;
        }
        if (o + 4 >= CLAUSE_MAX)
            return 0;
        if (cp < 0x80) {
            buf[o++] = (char)cp;
        } else if (cp < 0x800) {
            buf[o++] = (char)(0xC0 | (cp >> 6));
            buf[o++] = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            buf[o++] = (char)(0xE0 | (cp >> 12));
            buf[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            buf[o++] = (char)(0x80 | (cp & 0x3F));
        } else {
            buf[o++] = (char)(0xF0 | (cp >> 18));
            buf[o++] = (char)(0x80 | ((cp >> 12) & 0x3F));
            buf[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            buf[o++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    /* "通过（建议 P6）" -> "通过". */
    if (o > 0 && buf[o - 1] == ')') {
        size_t j = o - 1;
        while (j > 0 && buf[j] != '(')
            j--;
        /* not a call: "fail(service, x)" */
        if (buf[j] == '(' && j > 0 &&
            !((buf[j - 1] >= 'a' && buf[j - 1] <= 'z') ||
              (buf[j - 1] >= '0' && buf[j - 1] <= '9') || buf[j - 1] == '_'))
            o = j;
        while (o > 0 && buf[o - 1] == ' ')
            o--;
    }
    buf[o] = '\0';
    return o;
}

static ivs_verdict_t
exact_word(const char *s, size_t n)
{
    for (size_t k = 0; k < sizeof verdict_words / sizeof verdict_words[0]; k++)
        if (verdict_words[k].len == n &&
            /* the last byte settles most words at once */
            verdict_words[k].word[n - 1] == s[n - 1] &&
            memcmp(s, verdict_words[k].word, n) == 0)
            return verdict_words[k].verdict;
    return IVS_VERDICT_UNKNOWN;
}

/* Length of an advance to a later round ending S (N bytes): "进入下一轮",
 * "进入终面面试", "约hr面", or 0. */
static size_t
advance_at_end(const char *s, size_t n)
{
    /* the round named after it: "进入下一关主管面谈" */
    static const char *const tails[] = {"面试",   "环节", "主管面谈",
                                        "主管面", "面谈", NULL};
    static const char *const rounds[] = {
        "下一轮", "下一面", "下轮",   "二面",   "三面",   "四面",
        "终面",   "hr面",   "复试",   "交叉面", "下一关", "下一阶段",
        "下一",   "第二轮", "第三轮", "第四轮", "第五轮", NULL};
    /* 入 as Cantonese and Taiwan write it: "推薦入下一輪" */
    static const char *const leads[] = {"进入", "进",   "约", "到",
                                        "至",   "安排", "入", NULL};
    size_t m = n;
    for (size_t k = 0; tails[k]; k++)
        if (m >= strlen(tails[k]) &&
            memcmp(s + m - strlen(tails[k]), tails[k], strlen(tails[k])) == 0) {
            m -= strlen(tails[k]);
            break;
        }
    size_t r = 0;
    for (size_t k = 0; rounds[k] && !r; k++)
        if (m >= strlen(rounds[k]) && memcmp(s + m - strlen(rounds[k]),
                                             rounds[k], strlen(rounds[k])) == 0)
            r = strlen(rounds[k]);
    if (!r)
        return 0;
    m -= r;
    for (size_t k = 0; leads[k]; k++)
        if (m >= strlen(leads[k]) &&
            memcmp(s + m - strlen(leads[k]), leads[k], strlen(leads[k])) == 0)
            return n - (m - strlen(leads[k]));
    return 0;
}

/* A recommendation about the next round: "推荐进入下一轮面试" passes,
 * "不建议进入下一轮" fails. HEAD_ONLY says S must be nothing but the
 * recommendation; otherwise it ends S, after words of recommendation. */
static ivs_verdict_t
advance_verdict(const char *s, size_t n, int head_only)
{
    size_t a = advance_at_end(s, n);
    if (!a)
        return IVS_VERDICT_UNKNOWN;
    size_t head = n - a;
    /* 不使 is Cantonese 唔使 (no need), folded */
    static const char *const negators[] = {
        "不建议", "不推荐", "暂不", "不予", "无需", "无须", "不用",
        "不使",   "未能",   "没能", "无法", "不",   "未",   NULL};
    static const char *const advisers[] = {"建议", "推荐", "同意", "可以",
                                           "可",   "准予", "安排", NULL};
    size_t h = head;
    for (size_t k = 0; advisers[k]; k++)
        if (h >= strlen(advisers[k]) &&
            memcmp(s + h - strlen(advisers[k]), advisers[k],
                   strlen(advisers[k])) == 0) {
            h -= strlen(advisers[k]);
            break;
        }
    for (size_t k = 0; negators[k]; k++)
        if (h >= strlen(negators[k]) &&
            memcmp(s + h - strlen(negators[k]), negators[k],
                   strlen(negators[k])) == 0)
            return head_only && h != strlen(negators[k]) ? IVS_VERDICT_UNKNOWN
                                                         : IVS_VERDICT_FAIL;
    if (head_only ? head == 0 : h < head)
        return IVS_VERDICT_PASS;
    return IVS_VERDICT_UNKNOWN;
}

/* A word of passing negated, as a whole clause: 不予录取, 没录取, 未被录用,
 * 没有通过, 没拿到offer: the negation makes it a fail. The words of one
 * character (过: 不过 is "but") are listed with their negations. */
static ivs_verdict_t
negated_pass(const char *s, size_t n)
{
    static const char *const negators[] = {"不予", "未能", "不能", "无法",
                                           "没能", "没有", "未被", "没被",
                                           "不",   "未",   "没",   NULL};
    for (const char *const *neg = negators; *neg; neg++) {
        size_t k = strlen(*neg);
        if (n >= k + 6 && memcmp(s, *neg, k) == 0) {
            const char *r = s + k;
            size_t rn = n - k;
            /* 没拿到offer, 未获得offer, 不建议录取, 未被录用 */
            static const char *const got[] = {
                "拿到", "收到", "获得", "建议", "推荐", "拿", "予", "被", NULL};
            for (const char *const *g = got; *g; g++)
                if (starts_with(r, rn, *g) && rn > strlen(*g)) {
                    r += strlen(*g);
                    rn -= strlen(*g);
                    break;
                }
            return exact_word(r, rn) == IVS_VERDICT_PASS ? IVS_VERDICT_FAIL
                                                         : IVS_VERDICT_UNKNOWN;
        }
    }
    return IVS_VERDICT_UNKNOWN;
}

/* "advance to onsite", "moved to the next round", "proceed to final":
 * an advance in English; "not" before it a fail. */
static ivs_verdict_t
english_advance(const char *s, size_t n)
{
    int negated = 0;
    if (starts_with(s, n, "not ")) {
        negated = 1;
        s += 4;
        n -= 4;
    }
    static const char *const verbs[] = {
        "advance to ", "advanced to ",  "move to ",   "moved to ",
        "proceed to ", "proceeded to ", "moving to ", NULL};
    for (const char *const *v = verbs; *v; v++)
        if (starts_with(s, n, *v)) {
            static const char *const stages[] = {
                "next", "onsite", "final", "round", "hr", "offer", NULL};
            for (const char *const *st = stages; *st; st++)
                if (has(s + strlen(*v), n - strlen(*v), *st))
                    return negated ? IVS_VERDICT_FAIL : IVS_VERDICT_PASS;
        }
    return IVS_VERDICT_UNKNOWN;
}

/* Whether S (N bytes) contains one of the NULL-terminated WORDS. */
static int
has_until(const char *s, size_t n, const char *const *words)
{
    for (; *words; words++)
        if (has(s, n, *words))
            return 1;
    return 0;
}

/* A decision still to be made ends S (N bytes): "是否录用尚待部门会议决定",
 * "和其他候选人比较后再定夺", "等 HR 沟通后决定"; not one of tests or
 * systems ("由调度器决定"). */
static int
decision_pending(const char *s, size_t n)
{
    /* the decision with its object: "再确定是否录用", "后决定是否发 offer" */
    for (size_t i = n > 21 ? n - 21 : 0; i + 6 < n; i++)
        if (memcmp(s + i, "是否", 6) == 0) {
            static const char *const hire[] = {
                "录用", "录取", "发offer", "给offer", "推进", "通过",
                "进入", "聘用", "推荐",    "要",      NULL};
            for (const char *const *h = hire; *h; h++)
                if (ends_with(s, n, *h) && n - strlen(*h) == i + 6) {
                    n = i;
                    break;
                }
            break;
        }
    /* feedback being gathered: "各轮面评正在汇总中", "反馈还在收集" */
    {
        size_t g = n;
        if (ends_with(s, g, "中"))
            g -= 3;
        if ((ends_with(s, g, "汇总") || ends_with(s, g, "收集")) &&
            (has(s, g, "面评") || has(s, g, "反馈") || has(s, g, "评价") ||
             has(s, g, "意见")))
            return 1;
    }
    /* held back from the candidate: "暂不反馈候选人", "暂不向候选人反馈结果" */
    if (starts_with(s, n, "暂不") &&
        (ends_with(s, n, "反馈") || ends_with(s, n, "反馈结果") ||
         ends_with(s, n, "反馈候选人") || ends_with(s, n, "答复")) &&
        n <= 36)
        return 1;
    /* (not the terms of an offer, settled after it: "薪資部分再跟 HR 確
     * 認") */
    static const char *const terms[] = {"薪资", "薪酬", "薪水", "待遇",
                                        "入职", "到岗", NULL};
    int of_terms = 0;
    for (const char *const *w = terms; *w && !of_terms; w++)
        of_terms = has(s, n, *w);
    /* the decisions, and those that say "later" themselves */
    static const char *const decide[] = {
        "决定", "定夺", "拍板",   "确定",     "一起定",   "统一定",   "审批",
        "评审", "批复", "会上定", "统一对比", "统一比较", "横向对比", NULL};
    static const char *const later[] = {
        "再反馈", "再答复", "再给结论", "再给反馈", "再定",
        "再沟通", "再看",   "再确认",   "再评估",   NULL};
    static const char *const until[] = {
        "尚未",   "还未", "还没",   "待",     "等",     "再",     "之后",
        "以后",   "过后", "讨论后", "沟通后", "对比后", "比较后", "商量后",
        "对齐后", "过会", "开会",   "会后",   NULL};
    for (const char *const *d = later; !of_terms && *d; d++)
        if (ends_with(s, n, *d)) {
            size_t head = n - strlen(*d);
            for (const char *const *w = label_not_verdict; *w; w++)
                if (has(s, head, *w))
                    return 0;
            return !has(s, head, "不用") && !has(s, head, "无需");
        }
    /* "再约一轮技术面确认": confirmed again later, not "等待人工确认" */
    if (ends_with(s, n, "确认") && !of_terms) {
        size_t head = n - 6, from = head > 30 ? head - 30 : 0;
        if (!has(s + from, head - from, "再"))
            return 0;
        for (const char *const *w = label_not_verdict; *w; w++)
            if (has(s, head, *w))
                return 0;
        return !has(s, head, "不用") && !has(s, head, "无需");
    }
    for (const char *const *d = decide; *d; d++) {
        if (!ends_with(s, n, *d))
            continue;
        size_t head = n - strlen(*d);
        size_t from = head > 30 ? head - 30 : 0;
        if (!has_until(s + from, head - from, until))
            return 0;
        /* an approval before the decision is one of hiring: "待部门负责人
         * 审批后决定是否发 offer" */
        for (const char *const *w = label_not_verdict; *w; w++)
            if (has(s, head, *w) &&
                !(strcmp(*w, "审批") == 0 && has(s, head, "审批后")))
                return 0;
        return !has(s, head, "不用") && !has(s, head, "无需") &&
               !has(s, head, "如何") && !has(s, head, "怎么");
    }
    return 0;
}

static ivs_verdict_t merge(ivs_verdict_t a, ivs_verdict_t b);

/* A standard reached or missed, as a whole clause: "符合录用标准", "符合
 *資格", "未达录用门槛", "达不到岗位要求", "不满足招聘条件": the verb, a few
 * characters naming whose standard (录用, 岗位, 我们的), the noun. Not one
 * of tests or systems ("未达到性能要求" names a system's). */
static ivs_verdict_t
standard_verdict(const char *s, size_t n)
{
    static const char *const nouns[] = {"标准", "要求", "门槛", "资格", NULL};
    static const struct {
        const char *verb;
        ivs_verdict_t verdict;
    } verbs[] = {{"未能达到", IVS_VERDICT_FAIL}, {"没能达到", IVS_VERDICT_FAIL},
                 {"尚未达到", IVS_VERDICT_FAIL}, {"未达到", IVS_VERDICT_FAIL},
                 {"没达到", IVS_VERDICT_FAIL},   {"没有达到", IVS_VERDICT_FAIL},
                 {"达不到", IVS_VERDICT_FAIL},   {"未达", IVS_VERDICT_FAIL},
                 {"不符合", IVS_VERDICT_FAIL},   {"不满足", IVS_VERDICT_FAIL},
                 {"未满足", IVS_VERDICT_FAIL},   {"够不上", IVS_VERDICT_FAIL},
                 {"达到", IVS_VERDICT_PASS},     {"符合", IVS_VERDICT_PASS},
                 {"满足", IVS_VERDICT_PASS}};
    const char *const *noun = nouns;
    for (; *noun && !ends_with(s, n, *noun); noun++)
        ;
    if (!*noun)
        return IVS_VERDICT_UNKNOWN;
    size_t head = n - strlen(*noun);
    /* what is measured, before the verb: "经验不符合本职缺要求" */
    static const char *const what[] = {"经验", "能力", "背景",   "技术",
                                       "整体", "综合", "各方面", NULL};
    for (const char *const *w = what; *w; w++)
        if (starts_with(s, head, *w)) {
            s += strlen(*w);
            n -= strlen(*w);
            head -= strlen(*w);
            break;
        }
    for (size_t k = 0; k < sizeof verbs / sizeof verbs[0]; k++) {
        size_t vl = strlen(verbs[k].verb);
        if (!starts_with(s, head, verbs[k].verb))
            continue;
        /* whose standard: at most four characters, no ASCII, not of tests
         * or systems */
        size_t whose = head - vl;
        if (whose > 12)
            return IVS_VERDICT_UNKNOWN;
        /* a standard of hiring, or none named: not "满足合规要求" */
        static const char *const hiring[] = {
            "录用", "岗位", "招聘", "职位", "职缺", "我们", "团队", "公司",
            "用人", "部门", "面试", "我司", "本岗", "职级", "录取", NULL};
        int of_hiring = whose == 0;
        for (const char *const *w = hiring; *w && !of_hiring; w++)
            of_hiring = has(s + vl, whose, *w);
        if (!of_hiring)
            return IVS_VERDICT_UNKNOWN;
        for (size_t i = vl; i < head; i++)
            if ((unsigned char)s[i] < 0x80)
                return IVS_VERDICT_UNKNOWN;
        for (const char *const *w = label_not_verdict; *w; w++)
            if (has(s + vl, whose, *w))
                return IVS_VERDICT_UNKNOWN;
        return verbs[k].verdict;
    }
    return IVS_VERDICT_UNKNOWN;
}

/* The verdict a clause states, or unknown. A clause states a verdict when,
 * without prefixes and particles, it is a verdict word. When LAST is set
 * (the clause ends its line) a verdict word of two or more characters that
 * ends the clause also counts, unless the words before it show it is about
 * tests or code: "综合来看可以录用" yes, "测试用例均通过" no. */
static ivs_verdict_t
clause_verdict(const char *s, size_t n, int last)
{
    char buf[CLAUSE_MAX + 8];
    size_t len = fold_clause(s, n, buf);
    if (len == 0)
        return IVS_VERDICT_UNKNOWN;
    const char *p = buf;
    size_t m = len;
    /* words that end with a particle: "无了", "黄了", "上了" */
    if (m <= 9 && ends_with(p, m, "了")) {
        ivs_verdict_t v = exact_word(p, m);
        if (v != IVS_VERDICT_UNKNOWN)
            return v;
    }

    for (int changed = 1; changed && m > 0;) {
        changed = 0;
        for (size_t k = 0;
             k < sizeof verdict_suffixes / sizeof verdict_suffixes[0]; k++) {
            size_t sl = strlen(verdict_suffixes[k]);
            if (m > sl && memcmp(p + m - sl, verdict_suffixes[k], sl) == 0) {
                m -= sl;
                changed = 1;
            }
        }
        while (m > 0 && p[m - 1] == ' ') {
            m--;
            changed = 1;
        }
    }
    /* A rank after the word: "备取第 2 名", "正取第一位". */
    if (m > 6 && (ends_with(p, m, "名") || ends_with(p, m, "位"))) {
        size_t j = m - 3;
        while (j > 0 && ((p[j - 1] >= '0' && p[j - 1] <= '9') ||
                         (j >= 3 && is_cn_numeral(cp3(p + j - 3, 3)))))
            j -= p[j - 1] >= '0' && p[j - 1] <= '9' ? 1 : 3;
        if (j < m - 3 && j >= 3 && ends_with(p, j, "第"))
            m = j - 3;
    }
    const char *whole = p;
    size_t whole_len = m;

    /* a round added before the decision, whatever follows it: "需要加面
     * 一轮确认系统设计能力", "建议再加一轮面试" (not "不需要加面") */
    static const char *const added[] = {
        "需要加面",   "建议加面",   "安排加面",     "需交叉面",
        "需要交叉面", "需加面",     "需要再加一轮", "建议再加一轮",
        "再加一轮面", "建议加一轮", "需要加一轮",   NULL};
    /* (not supposed or said in general: "如果需要加面，HR 会再联系",
     * "一般需要加面的都是表现比较边缘的") */
    int adds = memmem(p, m, "加", 3) && !has(p, m, "如果") &&
               !has(p, m, "要是") && !has(p, m, "假如") && !has(p, m, "一般") &&
               !has(p, m, "的话");
    for (const char *const *w = added; adds && *w; w++) {
        const char *at = memmem(p, m, *w, strlen(*w));
        if (at &&
            !(at - p >= 3 &&
              (memcmp(at - 3, "不", 3) == 0 || memcmp(at - 3, "无", 3) == 0 ||
               memcmp(at - 3, "没", 3) == 0)) &&
            !(at - p >= 6 && (memcmp(at - 6, "不用", 6) == 0 ||
                              memcmp(at - 6, "无需", 6) == 0)))
            return IVS_VERDICT_PENDING;
    }

    /* an emoji before the value: "👍 通过" */
    while (m > 4 && (unsigned char)p[0] == 0xF0) {
        p += 4;
        m -= 4;
        while (m > 0 && *p == ' ') {
            p++;
            m--;
        }
    }
    /* a mark before the value: "✘ 不过", "✔ 过" (不过 is "but" only
     * inside a sentence) */
    {
        static const struct {
            const char *mark;
            ivs_verdict_t verdict;
        } marks[] = {{"✔", IVS_VERDICT_PASS}, {"✅", IVS_VERDICT_PASS},
                     {"√", IVS_VERDICT_PASS}, {"✓", IVS_VERDICT_PASS},
                     {"✘", IVS_VERDICT_FAIL}, {"❌", IVS_VERDICT_FAIL},
                     {"✗", IVS_VERDICT_FAIL}, {"×", IVS_VERDICT_FAIL}};
        /* the marks are led by E2 (✔ ✅ √ ✓ ✘ ❌ ✗) or C3 (×) */
        for (size_t k = 0;
             ((unsigned char)p[0] == 0xE2 || (unsigned char)p[0] == 0xC3) &&
             k < sizeof marks / sizeof marks[0];
             k++) {
            size_t ml = strlen(marks[k].mark);
            if (m <= ml || !starts_with(p, m, marks[k].mark))
                continue;
            const char *q = p + ml;
            size_t qn = m - ml;
            while (qn > 0 && *q == ' ')
                q++, qn--;
            /* the words of passing a round only: "✓ 推荐：默认方案" rates
             * a practice */
            static const struct {
                const char *word;
                ivs_verdict_t verdict;
            } passed[] = {
                {"过", IVS_VERDICT_PASS},     {"通过", IVS_VERDICT_PASS},
                {"不过", IVS_VERDICT_FAIL},   {"不通过", IVS_VERDICT_FAIL},
                {"未通过", IVS_VERDICT_FAIL}, {"没过", IVS_VERDICT_FAIL},
                {"淘汰", IVS_VERDICT_FAIL},   {"pass", IVS_VERDICT_PASS},
                {"fail", IVS_VERDICT_FAIL}};
            for (size_t w = 0; w < sizeof passed / sizeof passed[0]; w++)
                if (qn == strlen(passed[w].word) &&
                    starts_with(q, qn, passed[w].word))
                    return merge(passed[w].verdict, marks[k].verdict);
            break;
        }
    }
    /* advice to start an offer: "建议尽快走 offer 审批", "可以提 offer 审批",
     * "同意发起录用审批" (the approval awaited is outcome.c's pending) */
    {
        static const char *const advise[] = {"建议", "可以", "同意", "可",
                                             NULL};
        static const char *const soon[] = {"尽快", "马上", "直接",
                                           "立即", "抓紧", NULL};
        static const char *const start[] = {"走", "发起", "提", "启动", NULL};
        static const char *const what[] = {"offer审批", "offer流程", "录用审批",
                                           "录用流程",  "offer",     NULL};
        for (const char *const *a = advise; *a; a++) {
            if (!starts_with(p, m, *a))
                continue;
            const char *q = p + strlen(*a);
            size_t qn = m - strlen(*a);
            for (const char *const *w = soon; *w; w++)
                if (starts_with(q, qn, *w)) {
                    q += strlen(*w);
                    qn -= strlen(*w);
                    break;
                }
            for (const char *const *w = start; *w; w++)
                if (starts_with(q, qn, *w)) {
                    for (const char *const *x = what; *x; x++)
                        if (qn == strlen(*w) + strlen(*x) &&
                            ends_with(q, qn, *x))
                            return IVS_VERDICT_PASS;
                    break;
                }
            break;
        }
    }
    /* advice and its verb: "不建议继续", "可以继续推进" */
    {
        static const struct {
            const char *advice;
            ivs_verdict_t verdict;
        } advice[] = {{"不建议", IVS_VERDICT_FAIL},
                      {"不推荐", IVS_VERDICT_FAIL},
                      {"建议", IVS_VERDICT_PASS},
                      {"推荐", IVS_VERDICT_PASS},
                      {"可以", IVS_VERDICT_PASS}};
        static const char *const go_on[] = {"继续推进", "继续",   "推进",
                                            "往下走",   "往下推", "跟进",
                                            "进行下去", NULL};
        for (size_t k = 0; k < sizeof advice / sizeof advice[0]; k++) {
            size_t al = strlen(advice[k].advice);
            if (!starts_with(p, m, advice[k].advice))
                continue;
            for (const char *const *g = go_on; *g; g++)
                if (m == al + strlen(*g) && ends_with(p, m, *g))
                    return advice[k].verdict;
            break;
        }
    }
    /* unfit for the role: "不适合本职缺", "与岗位不匹配" */
    {
        static const char *const unfit[] = {"不太适合", "不太匹配", "不适合",
                                            "不匹配",   "不符合",   NULL};
        static const char *const role[] = {"岗位", "职位", "职缺", "团队",
                                           "岗",   "方向", NULL};
        for (const char *const *u = unfit; *u; u++) {
            size_t ul = strlen(*u);
            if (m <= 24 + ul && starts_with(p, m, *u)) {
                for (const char *const *r = role; *r; r++)
                    if (ends_with(p, m, *r))
                        return IVS_VERDICT_FAIL;
            }
            if (m <= 24 + ul && ends_with(p, m, *u)) {
                size_t h = m - ul;
                for (const char *const *r = role; *r; r++)
                    if (ends_with(p, h, *r))
                        return IVS_VERDICT_FAIL;
            }
        }
    }
    /* the candidate as object: "放弃该候选人", "淘汰此人", "录用该候选人" */
    if (ends_with(p, m, "人") || ends_with(p, m, "选")) {
        static const char *const whom[] = {"该候选人", "此候选人", "这位候选人",
                                           "候选人",   "此人",     "该人选",
                                           NULL};
        static const struct {
            const char *verb;
            ivs_verdict_t verdict;
        } verbs[] = {{"放弃", IVS_VERDICT_FAIL},   {"淘汰", IVS_VERDICT_FAIL},
                     {"拒绝", IVS_VERDICT_FAIL},   {"不考虑", IVS_VERDICT_FAIL},
                     {"不录用", IVS_VERDICT_FAIL}, {"不要", IVS_VERDICT_FAIL},
                     {"录用", IVS_VERDICT_PASS},   {"录取", IVS_VERDICT_PASS},
                     {"保留", IVS_VERDICT_PENDING}};
        for (const char *const *w = whom; *w; w++) {
            size_t wl = strlen(*w);
            if (m <= wl + 24 && m > wl && ends_with(p, m, *w)) {
                /* the verb, after the prefixes: "建议放弃", "不予录用" */
                const char *q = p;
                size_t h = m - wl;
                for (int cut = 1; cut && h > 0;) {
                    cut = 0;
                    ivs_verdict_t v = exact_word(q, h);
                    if (v == IVS_VERDICT_UNKNOWN)
                        v = negated_pass(q, h);
                    for (size_t k = 0; v == IVS_VERDICT_UNKNOWN &&
                                       k < sizeof verbs / sizeof verbs[0];
                         k++)
                        if (h == strlen(verbs[k].verb) &&
                            memcmp(q, verbs[k].verb, h) == 0)
                            v = verbs[k].verdict;
                    if (v != IVS_VERDICT_UNKNOWN)
                        return v;
                    for (size_t k = 0; k < sizeof verdict_prefixes /
                                               sizeof verdict_prefixes[0];
                         k++)
                        if (h > verdict_prefixes[k].len &&
                            memcmp(q, verdict_prefixes[k].text,
                                   verdict_prefixes[k].len) == 0) {
                            q += verdict_prefixes[k].len;
                            h -= verdict_prefixes[k].len;
                            cut = 1;
                            break;
                        }
                }
                break;
            }
        }
    }
    /* a decision awaited: "待 VP 审批", "awaiting HM decision" */
    if (m <= 30 && m > 3 &&
        (starts_with(p, m, "待") || p[0] == 'a' || p[0] == 'w' ||
         p[0] == 'p')) {
        static const char *const awaited[] = {
            "审批", "评估", "决定", "定夺", "拍板", "决策", "decision",
            "approval", "feedback", "review",
            /* by someone named: "待 HC 确认" (not "待确认") */
            "确认", NULL};
        static const char *const wait[] = {"待", "awaiting ", "waiting for ",
                                           "pending ", NULL};
        for (const char *const *w = wait; *w; w++)
            if (starts_with(p, m, *w) && m > strlen(*w)) {
                size_t b = strlen(*w);
                for (const char *const *a = awaited; *a; a++)
                    if (ends_with(p + b, m - b, *a)) {
                        for (const char *const *x = label_not_verdict; *x; x++)
                            if (has(p + b, m - b - strlen(*a), *x))
                                return IVS_VERDICT_UNKNOWN;
                        if (has(p + b, m - b - strlen(*a), "人工") ||
                            (strcmp(*a, "确认") == 0 && m - b == strlen(*a)))
                            return IVS_VERDICT_UNKNOWN;
                        return IVS_VERDICT_PENDING;
                    }
                break;
            }
    }
    /* papers of an offer given: "同意发放录取通知", "发录用通知书" */
    {
        static const char *const give[] = {"同意发放", "同意发送", "建议发放",
                                           "准予发放", "发放",     "发送",
                                           "寄发",     "发",       NULL};
        static const char *const papers[] = {
            "录取通知书", "录用通知书", "录取通知", "录用通知", "录取函",
            "录用函",     "offer",      "意向书",   NULL};
        for (const char *const *g = give; *g; g++)
            if (starts_with(p, m, *g)) {
                for (const char *const *q = papers; *q; q++)
                    if (m == strlen(*g) + strlen(*q) && ends_with(p, m, *q))
                        return IVS_VERDICT_PASS;
                break;
            }
    }
    /* an English verdict with when or why: "rejected after onsite",
     * "declined at phone screen" */
    if (m < 48 && (unsigned char)p[0] < 0x80) {
        static const char *const whens[] = {" after ",  " at ", " in ", " - ",
                                            " due to ", " by ", NULL};
        /* each starts at a blank */
        for (const char *sp = memchr(p + 1, ' ', m - 1); sp;
             sp = memchr(sp + 1, ' ', m - (size_t)(sp + 1 - p))) {
            size_t at = (size_t)(sp - p);
            for (const char *const *w = whens; *w; w++)
                if (starts_with(p + at, m - at, *w)) {
                    ivs_verdict_t v = exact_word(p, at);
                    if (v == IVS_VERDICT_FAIL || v == IVS_VERDICT_PENDING)
                        return v;
                }
            if (at + 1 >= m)
                break;
        }
    }
    /* A verdict with its prefixes is short; longer clauses skip to the
     * relaxed rule. */
    for (; m <= 64;) {
        ivs_verdict_t v = exact_word(p, m);
        if (v == IVS_VERDICT_UNKNOWN)
            v = advance_verdict(p, m, 1);
        if (v == IVS_VERDICT_UNKNOWN)
            v = negated_pass(p, m);
        if (v == IVS_VERDICT_UNKNOWN)
            v = english_advance(p, m);
        if (v == IVS_VERDICT_UNKNOWN)
            v = standard_verdict(p, m);
        if (v != IVS_VERDICT_UNKNOWN)
            return v;
        size_t cut = 0;
        for (size_t k = 0;
             k < sizeof verdict_prefixes / sizeof verdict_prefixes[0]; k++) {
            size_t pl = verdict_prefixes[k].len;
            if (m > pl && memcmp(p, verdict_prefixes[k].text, pl) == 0) {
                cut = pl;
                break;
            }
        }
        if (cut == 0)
            break;
        p += cut;
        m -= cut;
        while (m > 0 && *p == ' ') {
            p++;
            m--;
        }
    }

    if (!last || whole_len > 60)
        return IVS_VERDICT_UNKNOWN;
    /* "基础扎实建议进入下一轮面试", "表现一般不推荐进入终面". */
    ivs_verdict_t adv = advance_verdict(whole, whole_len, 0);
    if (adv != IVS_VERDICT_UNKNOWN)
        return adv;
    if (decision_pending(whole, whole_len))
        return IVS_VERDICT_PENDING;
    /* The longest hiring word ending the clause. */
    size_t best_len = 0;
    ivs_verdict_t best = IVS_VERDICT_UNKNOWN;
    for (size_t k = 0; k < sizeof verdict_words / sizeof verdict_words[0];
         k++) {
        const char *w = verdict_words[k].word;
        size_t wl = verdict_words[k].len;
        if (!verdict_words[k].closes || wl >= whole_len || wl <= best_len ||
            w[wl - 1] != whole[whole_len - 1])
            continue;
        if (memcmp(whole + whole_len - wl, w, wl) != 0)
            continue;
        best_len = wl;
        best = verdict_words[k].verdict;
    }
    if (best == IVS_VERDICT_UNKNOWN)
        return best;
    size_t head = whole_len - best_len;
    for (size_t k = 0;
         k < sizeof not_verdict_context / sizeof not_verdict_context[0]; k++)
        if (has(whole, head, not_verdict_context[k]))
            return IVS_VERDICT_UNKNOWN;
    /* negated just before: "还是没拿到offer" fails, "没挂" says nothing */
    static const char *const negators[] = {"没有", "没能", "未能", "无法",
                                           "没",   "未",   "不",   NULL};
    for (const char *const *g = negators; *g; g++)
        if (ends_with(whole, head, *g))
            return best == IVS_VERDICT_PASS ? IVS_VERDICT_FAIL
                                            : IVS_VERDICT_UNKNOWN;
    return best;
}

/* Merges verdicts found in one interview: negation wins, a pending word
 * outweighs a pass word ("技术通过，待定"). */
static ivs_verdict_t
merge(ivs_verdict_t a, ivs_verdict_t b)
{
    static const int rank[] = {0, 1, 3, 2}; /* unknown pass fail pending */
    return rank[b] > rank[a] ? b : a;
}

/* Length of the clause delimiter at S, or 0. */
static size_t
clause_delim(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    if (c == ',' || c == ';' || c == '!' || c == '?' || c == ':' || c == '|')
        return 1;
    if ((c == '.' || c == '-') && (n == 1 || s[1] == ' ' || s[1] == '\t'))
        return 1; /* "Rejected - Not a fit" */
    if (c != 0xEF && c != 0xE3 && c != 0xE2)
        return 0;
    switch (cp3(s, n)) {
    case 0x2014: /* — */
    case 0x2013: /* – ("Rejected – position filled") */
    case 0xFF0C:
    case 0x3002:
    case 0xFF1B:
    case 0xFF01:
    case 0xFF1F:
    case 0x3001:
    case 0xFF1A:
    case 0xFF5C:
    case 0x2026: /* ，。；！？、：｜… */
    case 0x3000: /* an ideographic space between labelled segments:
                    "评核：合格　下一步：安排主管面谈" */
        return 3;
    default: return 0;
    }
}

static ivs_verdict_t line_verdict(const char *s, size_t n);

/* ivs_verdict_offer_to_come() */
int
ivs_verdict_offer_to_come(const char *s, size_t n)
{
    int offer = has(s, n, "offer") || has(s, n, "Offer") || has(s, n, "OFFER");
    if (offer && (has(s, n, "审批") || has(s, n, "签核") || has(s, n, "簽核")))
        return 1;
    /* the steps after an offer: its approval, the background check, the
     * day of joining ("待走审批", "等背调", "入职日期待定") */
    static const char *const steps[] = {"走审批", "走審批", "背调", "背調",
                                        "入职",   "入職",   "到岗", "到崗",
                                        "报到",   "報到",   NULL};
    for (const char *const *w = steps; *w; w++)
        if (has(s, n, *w))
            return 1;
    /* 等 just before the offer, a blank or 待/着/发/正式 between: "等
     * offer", "等待正式offer", "等发意向书"; not "等 offer 的人" (others) */
    for (size_t i = 0; i + 3 <= n; i++) {
        if (memcmp(s + i, "等", 3) != 0)
            continue;
        size_t j = i + 3;
        for (int more = 1; more;) {
            more = 0;
            while (j < n && s[j] == ' ')
                j++, more = 1;
            /* (and Cantonese 紧: "而家等緊 offer") */
            static const char *const between[] = {"待",   "着", "發", "发",
                                                  "正式", "紧", "緊", NULL};
            for (const char *const *b = between; *b; b++)
                if (starts_with(s + j, n - j, *b)) {
                    j += strlen(*b);
                    more = 1;
                    break;
                }
        }
        if (starts_with(s + j, n - j, "offer") ||
            starts_with(s + j, n - j, "Offer") ||
            starts_with(s + j, n - j, "OFFER") ||
            starts_with(s + j, n - j, "意向书") ||
            starts_with(s + j, n - j, "意向書") ||
            ((starts_with(s + j, n - j, "oc") ||
              starts_with(s + j, n - j, "OC")) &&
             !(j + 2 < n &&
               ((s[j + 2] | 0x20) >= 'a' && (s[j + 2] | 0x20) <= 'z'))))
            return 1;
    }
    return 0;
}

/* Notes clause verdict CV of clause S (N bytes) for the rule "an offer in
 * approval after a pass is the pass's next step": *PASSED when it passes,
 * *OTHER_WAIT when it waits for anything but an offer's approval. */
static void
note_offer_wait(ivs_verdict_t cv, const char *s, size_t n, int *passed,
                int *other_wait)
{
    *passed |= cv == IVS_VERDICT_PASS;
    *other_wait |=
        cv == IVS_VERDICT_PENDING && !ivs_verdict_offer_to_come(s, n);
}

/* The end of the first clause of S (N bytes) after its label, if any
 * ("补充：候选人说之前面过我们组，…": at the first comma). */
static size_t
first_clause_end(const char *s, size_t n)
{
    int label = 1;
    for (size_t i = 0; i < n;) {
        size_t d = clause_delim(s + i, n - i);
        if (d && label && (s[i] == ':' || starts_with(s + i, n - i, "："))) {
            label = 0;
            i += d;
            continue;
        }
        if (d)
            return i;
        i++;
    }
    return n;
}

/* Whether clause S (N bytes) is a later round to be scheduled: "三面待安
 * 排", "终面待约", "二面待安排" (the round before it passed; the first round
 * to be scheduled tells nothing). */
static int
later_round_to_schedule(const char *s, size_t n)
{
    static const char *const to_schedule[] = {"待安排", "待约", "待预约", NULL};
    for (const char *const *w = to_schedule; *w; w++) {
        size_t r = n;
        if (ends_with(s, r, *w)) {
            r -= strlen(*w);
            while (r > 0 && s[r - 1] == ' ')
                r--;
            if (r > 0 && ivs_verdict_ends_with_round(s, r) &&
                !ends_with(s, r, "一面") && !ends_with(s, r, "初面") &&
                !ends_with(s, r, "初试") && !ends_with(s, r, "1面"))
                return 1;
        }
    }
    return 0;
}

/* Whether LINE (N bytes) labels a later round with its value at REST and
 * that round is still to be scheduled: "HR 面：待安排" under "技术面：通过"
 * (the round before it passed). */
static int
scheduled_round(const char *line, size_t rest, size_t n)
{
    char buf[96];
    size_t k = 0;
    for (size_t i = 0; i < rest && k + 1 < sizeof buf; i++)
        if (line[i] != ' ' && line[i] != '\t')
            buf[k++] = (char)(line[i] >= 'A' && line[i] <= 'Z' ? line[i] + 32
                                                               : line[i]);
    while (k > 0 && buf[k - 1] == ':')
        k--;
    while (k >= 3 && memcmp(buf + k - 3, "：", 3) == 0)
        k -= 3;
    size_t b = rest, e = n;
    while (b < e && (line[b] == ' ' || line[b] == '\t'))
        b++;
    while (e > b &&
           (line[e - 1] == ' ' || line[e - 1] == '\t' || line[e - 1] == '\r'))
        e--;
    if (k + e - b >= sizeof buf)
        return 0;
    memcpy(buf + k, line + b, e - b);
    return later_round_to_schedule(buf, k + e - b);
}

/* line_verdict() of what follows the first clause of S (N bytes) from AT:
 * the value of a label of when or where is none, a label after it may
 * be ("面试日期：2024-03-01，结果：通过"). */
static ivs_verdict_t
after_first_value(const char *s, size_t n, size_t at)
{
    for (size_t i = at; i < n;) {
        size_t d = clause_delim(s + i, n - i);
        if (d && s[i] != ':' && !starts_with(s + i, n - i, "："))
            return line_verdict(s + i + d, n - i - d);
        i += d ? d : 1;
    }
    return IVS_VERDICT_UNKNOWN;
}

/* Lines longer than this are read at their start and their end only: a
 * verdict stands at the start of a summary or in its final clause, never in
 * the middle of a wall of text, and this keeps detection cheap. */
#define LINE_VERDICT_MAX 4096

static ivs_verdict_t line_verdict(const char *s, size_t n);
static ivs_verdict_t table_row_verdict(const char *s, size_t n);
static int round_cell(const char *s, size_t n);

static ivs_verdict_t
long_line_verdict(const char *s, size_t n)
{
    size_t head = LINE_VERDICT_MAX / 2;
    while (head > 0 && ((unsigned char)s[head] & 0xC0) == 0x80)
        head--;
    /* The tail starts after a clause delimiter, so that no clause is read
     * from its middle. */
    size_t tail = n - LINE_VERDICT_MAX / 2;
    while (tail < n && clause_delim(s + tail, n - tail) == 0)
        tail++;
    if (tail < n)
        tail += clause_delim(s + tail, n - tail);
    ivs_verdict_t v = line_verdict(s, head);
    if (tail < n)
        v = merge(v, line_verdict(s + tail, n - tail));
    return v;
}

/* A Markdown table row states a verdict only in the cell after a label
 * cell: "| 面试结果 | 通过 |"; a table of properties ("| FIFO | 不适合 |")
 * none. */
static ivs_verdict_t
table_row_verdict(const char *s, size_t n)
{
    ivs_verdict_t v = IVS_VERDICT_UNKNOWN;
    int after_label = 0;
    size_t i = 1; /* past the opening | */
    while (i < n) {
        const char *bar = memchr(s + i, '|', n - i);
        size_t e = bar ? (size_t)(bar - s) : n;
        size_t b = i;
        while (b < e && (s[b] == ' ' || s[b] == '\t'))
            b++;
        size_t ce = e;
        while (ce > b && (s[ce - 1] == ' ' || s[ce - 1] == '\t'))
            ce--;
        size_t rest;
        if (after_label && ce > b)
            v = merge(v, line_verdict(s + b, ce - b));
        after_label =
            ce > b && ((ivs_verdict_summary_label(s + b, ce - b, &rest) &&
                        rest >= ce - b) ||
                       round_cell(s + b, ce - b));
        i = e + 1;
    }
    return v;
}

/* Whether a table cell (S, N bytes) names a round: "一面", "HR 面",
 * "技术二面": the cells after it state its result. */
static int
round_cell(const char *s, size_t n)
{
    char buf[64];
    size_t o = 0;
    if (n >= sizeof buf)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ')
            buf[o++] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
    return ivs_verdict_ends_with_round(buf, o);
}

/* The verdict stated by one line of a verdict position. */
static ivs_verdict_t
line_verdict(const char *s, size_t n)
{
    if (n > LINE_VERDICT_MAX)
        return long_line_verdict(s, n);
    ivs_verdict_t v = IVS_VERDICT_UNKNOWN;
    size_t start = skip_line_marks(s, n, 0);
    if (start < n && s[start] == '|')
        return table_row_verdict(s + start, n - start);
    /* "测试结果：通过", "代码审核状态：通过": a label of tests or systems
     * makes what follows theirs. */
    for (size_t i = start; i < n && i < start + 48; i++) {
        size_t d = clause_delim(s + i, n - i);
        if (d && (s[i] == ':' || starts_with(s + i, n - i, "："))) {
            /* a tag of the system that keeps the record, before a label
             * of the interview: "【系统记录】面试结果：未通过" */
            size_t l = start;
            for (size_t k = start; k + 3 <= i && l == start; k++)
                if (starts_with(s + k, i - k, "】") &&
                    (has(s + k + 3, i - k - 3, "面试") ||
                     has(s + k + 3, i - k - 3, "面评")))
                    l = k + 3;
            for (const char *const *w = label_not_verdict; *w; w++)
                if (has(s + l, i - l, *w))
                    return IVS_VERDICT_UNKNOWN;
            if (ivs_verdict_latin_word(s + start, i - start, "oa"))
                return IVS_VERDICT_UNKNOWN;
            if (history_label(s + start, i - start))
                return IVS_VERDICT_UNKNOWN;
            /* its value is none, what follows it may be: "面试日期：
             * 2024-03-01，结果：通过" */
            if (logistics_label(s + start, i - start))
                return after_first_value(s, n, i + d);
            /* undecided, of what the label names, not of the interview
             * unless it is a verdict's: "base：未定", "方案二：可考虑" */
            size_t vb = i + d;
            while (vb < n && s[vb] == ' ')
                vb++;
            if ((starts_with(s + vb, n - vb, "未定") ||
                 starts_with(s + vb, n - vb, "可考虑")) &&
                !label_ends_with(s + start, i - start, label_heads))
                return IVS_VERDICT_UNKNOWN;
        }
        if (d)
            break; /* only a label that opens the line */
    }
    /* A choice asked, then answered, is advice, not a verdict: "MySQL 能不
     * 能当消息队列？不是不能，是不推荐" */
    for (size_t i = start; i + 3 <= n; i++)
        if (s[i] == '?' || cp3(s + i, n - i) == 0xFF1F) {
            static const char *const choices[] = {
                "能不能", "可不可以", "要不要", "适不适合", "该不该", NULL};
            for (const char *const *w = choices; *w; w++)
                if (has(s + start, i - start, *w) && i + 3 < n) {
                    /* the line is read up to the sentence that asks:
                     * "面试不通过。那能不能使用 zookeeper …？" */
                    size_t b = i;
                    while (b > start &&
                           !(b - start >= 3 && cp3(s + b - 3, 3) == 0x3002) &&
                           s[b - 1] != '.')
                        b--;
                    if (b <= start + 3)
                        return IVS_VERDICT_UNKNOWN;
                    n = b;
                    break;
                }
            break;
        }
    /* A recommendation of reading ("这篇文章写得很好，强烈推荐") is none
     * of the candidate. */
    static const char *const material_words[] = {
        "文章", "这篇", "本书", "这本", "教程", "课程",   "视频", "博客",
        "专栏", "资料", "工具", "插件", "书籍", "公众号", NULL};
    int material = 0;
    for (const char *const *w = material_words; *w && !material; w++)
        material = has(s + start, n - start, *w);
    /* Find the last non-empty clause so it can use the relaxed rule. */
    size_t last_start = start, last_end = start;
    int last_asks = 0; /* the last clause ends in a question mark */
    int passed = 0, other_wait = 0; /* a pass read; a wait other than an
                                        offer's approval */
    size_t i = start, clause = start;
    int paren = 0; /* a remark in brackets stays in its clause, as a whole:
                      "待定（已放入人才库，等待HC）" reads as 待定 */
    while (i <= n) {
        if (i < n && (s[i] == '(' || cp3(s + i, n - i) == 0xFF08))
            paren++;
        else if (i < n && paren > 0 &&
                 (s[i] == ')' || cp3(s + i, n - i) == 0xFF09))
            paren--;
        size_t d = i < n && !paren ? clause_delim(s + i, n - i) : i < n ? 0 : 1;
        if (d == 0) {
            i++;
            continue;
        }
        if (i > clause) {
            size_t b = clause, e = i;
            while (b < e && (s[b] == ' ' || s[b] == '\t'))
                b++;
            while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
                e--;
            /* a clause before a colon that ends the line is a label:
             * "不适合：" heads a list */
            int label = i < n &&
                        (s[i] == ':' || starts_with(s + i, n - i, "：")) &&
                        ivs_text_is_blank(s + i + d, n - i - d);
            if (e > b && !label && !(material && has(s + b, e - b, "荐"))) {
                ivs_verdict_t cv = later_round_to_schedule(s + b, e - b)
                                       ? IVS_VERDICT_PASS
                                       : clause_verdict(s + b, e - b, 0);
                note_offer_wait(cv, s + b, e - b, &passed, &other_wait);
                v = merge(v, cv);
                last_start = b;
                last_end = e;
                last_asks =
                    i < n && (s[i] == '?' || cp3(s + i, n - i) == 0xFF1F);
            }
        }
        i += d;
        clause = i;
    }
    /* A question is read by the strict rule only: "一般多久发offer？",
     * "面完多久會收到 offer？" end in a hiring word but state nothing. */
    if (last_end > last_start && !last_asks) {
        ivs_verdict_t cv =
            clause_verdict(s + last_start, last_end - last_start, 1);
        note_offer_wait(cv, s + last_start, last_end - last_start, &passed,
                        &other_wait);
        v = merge(v, cv);
    }
    /* an offer in approval after the round passed is the pass's next
     * step: "候选人已过终面，offer 审批中" */
    if (v == IVS_VERDICT_PENDING && passed && !other_wait)
        v = IVS_VERDICT_PASS;
    /* told not to wait, because the pass is here: "HR 说不用等通知了，直接
     * 发 offer" */
    if (v == IVS_VERDICT_FAIL && passed &&
        (has(s, n, "不用等") || has(s, n, "不用再等")))
        v = IVS_VERDICT_PASS;
    /* an offer awaited after clauses this reader does not know is left to
     * the statements, which may read the pass in them: "晚上 HR 打电话说过
     * 了，等 offer 审批" */
    if (v == IVS_VERDICT_PENDING && !passed && !other_wait &&
        last_start > start)
        v = IVS_VERDICT_UNKNOWN;
    return v;
}

/* ---- detection ------------------------------------------------------- */

/* The values of applicant tracking systems and of a status shown on a
 * site: after a label of status ("流程状态：", "Status:", "状态一直是") they
 * state the verdict; elsewhere most speak of threads, orders and tickets
 * ("已终止", "处理中"). One table for the summary's labels and the
 * statements of outcome.c. */
static const struct {
    const char *value;
    ivs_verdict_t verdict;
} status_values[] = {
    {"已终止", IVS_VERDICT_FAIL},        {"终止", IVS_VERDICT_FAIL},
    {"已结束", IVS_VERDICT_FAIL},        {"结束", IVS_VERDICT_FAIL},
    {"已关闭", IVS_VERDICT_FAIL},        {"关闭", IVS_VERDICT_FAIL},
    {"已拒绝", IVS_VERDICT_FAIL},        {"灰了", IVS_VERDICT_FAIL},
    {"审核中", IVS_VERDICT_PENDING},     {"处理中", IVS_VERDICT_PENDING},
    {"面试中", IVS_VERDICT_PENDING},     {"流程中", IVS_VERDICT_PENDING},
    {"进行中", IVS_VERDICT_PENDING},     {"排序中", IVS_VERDICT_PENDING},
    {"比较中", IVS_VERDICT_PENDING},     {"对比中", IVS_VERDICT_PENDING},
    {"横向对比中", IVS_VERDICT_PENDING}, {"审批中", IVS_VERDICT_PENDING},
    {"沟通中", IVS_VERDICT_PENDING},     {"待沟通", IVS_VERDICT_PENDING},
    {"待处理", IVS_VERDICT_PENDING},     {"待审核", IVS_VERDICT_PENDING},
    {"未处理", IVS_VERDICT_PENDING},     {"已发offer", IVS_VERDICT_PASS},
    {"offer中", IVS_VERDICT_PASS},       {"已录取", IVS_VERDICT_PASS},
    {"等", IVS_VERDICT_PENDING},         {"在等", IVS_VERDICT_PENDING},
    {"waiting", IVS_VERDICT_PENDING},    {"人才库", IVS_VERDICT_PENDING},
    {"已入人才库", IVS_VERDICT_PENDING}, {"复试中", IVS_VERDICT_PENDING},
    {"初试中", IVS_VERDICT_PENDING},     {"待决", IVS_VERDICT_PENDING},
    {"待决定", IVS_VERDICT_PENDING},     {"待评价", IVS_VERDICT_PENDING},
};

/* A yes or a no standing alone as a value: "YES", "否", "Y", "√". */
static ivs_verdict_t
yes_no(const char *s, size_t n)
{
    static const struct {
        const char *word;
        ivs_verdict_t verdict;
    } answers[] = {
        {"yes", IVS_VERDICT_PASS}, {"y", IVS_VERDICT_PASS},
        {"是", IVS_VERDICT_PASS},  {"ok", IVS_VERDICT_PASS},
        {"no", IVS_VERDICT_FAIL},  {"n", IVS_VERDICT_FAIL},
        {"否", IVS_VERDICT_FAIL},  {"不是", IVS_VERDICT_FAIL},
    };
    size_t b = 0, e = n;
    while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '*'))
        b++;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' ||
                     s[e - 1] == '.' || s[e - 1] == '*'))
        e--;
    if (e - b > 6)
        return IVS_VERDICT_UNKNOWN;
    for (size_t k = 0; k < sizeof answers / sizeof answers[0]; k++) {
        size_t l = strlen(answers[k].word);
        if (l == e - b && starts_with_ci(s + b, e - b, answers[k].word))
            return answers[k].verdict;
    }
    return IVS_VERDICT_UNKNOWN;
}

/* Trims blanks and a full stop around LINE[*B..*E). */
static void
trim_value(const char *line, size_t *b, size_t *e)
{
    while (*b < *e && (line[*b] == ' ' || line[*b] == '\t'))
        (*b)++;
    while (*e > *b && (line[*e - 1] == ' ' || line[*e - 1] == '\t' ||
                       line[*e - 1] == '\r' || line[*e - 1] == '.' ||
                       ends_with(line + *b, *e - *b, "。")))
        *e -= line[*e - 1] == ' ' || line[*e - 1] == '\t' ||
                      line[*e - 1] == '\r' || line[*e - 1] == '.'
                  ? 1
                  : 3;
}

/* Whether the clause S (N bytes) is a step still waiting for someone who
 * decides: "等待 HM 审核", "待主管审核", "等待用人部门审核"; not a review
 * of code or orders ("等待审核", "待审核": no one named). */
static int
awaits_decider(const char *s, size_t n)
{
    static const char *const wait[] = {"等待", "等", "待", NULL};
    static const char *const decide[] = {"审核", "审批", "评估", "确认",
                                         "决定", "定夺", "拍板", "反馈",
                                         "评审", "复核", NULL};
    static const char *const deciders[] = {
        "HM",   "hm",   "Hiring Manager", "hiring manager", "用人部门",
        "部门", "主管", "经理",           "总监",           "leader",
        "HR",   "hr",   "老板",           "委员会",         "committee",
        "业务", NULL};
    size_t b = 0, e = n;
    trim_value(s, &b, &e);
    const char *const *w = wait;
    while (*w && !starts_with(s + b, e - b, *w))
        w++;
    if (!*w)
        return 0;
    b += strlen(*w);
    const char *const *d = decide;
    while (*d && !ends_with(s + b, e - b, *d))
        d++;
    if (!*d)
        return 0;
    e -= strlen(*d);
    if (e - b > 30)
        return 0;
    for (const char *const *p = deciders; *p; p++)
        if (has(s + b, e - b, *p))
            return 1;
    return 0;
}

ivs_verdict_t
ivs_verdict_of_value(const char *s, size_t n)
{
    size_t b = 0, e = n;
    trim_value(s, &b, &e);
    if (e == b || e - b > CLAUSE_MAX)
        return IVS_VERDICT_UNKNOWN;
    for (size_t k = 0; k < sizeof status_values / sizeof status_values[0]; k++)
        if (e - b == strlen(status_values[k].value) &&
            memcmp(s + b, status_values[k].value, e - b) == 0)
            return status_values[k].verdict;
    /* the first clause: "不合适 - 已发拒信", "Rejected - Not a fit" */
    size_t c = b;
    while (c < e && clause_delim(s + c, e - c) == 0)
        c++;
    if (later_round_to_schedule(s + b, c - b))
        return IVS_VERDICT_PASS;
    ivs_verdict_t v = clause_verdict(s + b, c - b, 1);
    if (v != IVS_VERDICT_UNKNOWN)
        return v;
    /* a step done, then waiting for the one who decides: "面评已提交，等待
     * HM 审核" */
    for (size_t x = b, y; x < e; x = y) {
        y = x;
        while (y < e && clause_delim(s + y, e - y) == 0)
            y++;
        if (awaits_decider(s + x, y - x))
            return IVS_VERDICT_PENDING;
        if (y < e)
            y += clause_delim(s + y, e - y);
    }
    /* a review under way: "Hiring Manager Review", "Final Review" */
    /* (the word alone is the notes of a review: "R1_review") */
    if (c - b <= 40 && c - b > 6 && (unsigned char)s[b] < 0x80 &&
        starts_with_ci(s + c - 6, 6, "review"))
        return IVS_VERDICT_PENDING;
    /* a process of deciding under way: "横向比较中", "综合评估中",
     * "内部讨论中" */
    if (c - b <= 24 && ends_with(s + b, c - b, "中")) {
        static const char *const deciding[] = {
            "比较", "对比", "排序", "评估", "审核", "审批", "处理", "筛选",
            "沟通", "考虑", "决策", "讨论", "评审", "复核", "流程",
            /* "面试官反馈中（2/3 已提交）" */
            "反馈", NULL};
        for (const char *const *w = deciding; *w; w++)
            if (ends_with(s + b, c - b - 3, *w))
                return IVS_VERDICT_PENDING;
    }
    /* English words run together by a fold that drops spaces:
     * "notselected", "onhold" */
    for (size_t k = 0; k < sizeof verdict_words / sizeof verdict_words[0];
         k++) {
        const char *w = verdict_words[k].word;
        size_t i = b, j = 0;
        for (; w[j] && i < c; j++) {
            if (w[j] == ' ')
                continue;
            unsigned char a = (unsigned char)s[i++];
            if ((a >= 'A' && a <= 'Z' ? a + 32 : a) != (unsigned char)w[j])
                break;
        }
        if (!w[j] && i == c && strchr(w, ' '))
            return verdict_words[k].verdict;
    }
    return IVS_VERDICT_UNKNOWN;
}

/* The verdict of the text after a summary label (LINE[REST..N)). After a
 * label of status ("流程状态：", "Status:") the values of an applicant
 * tracking system count too (status_values). */
/* The option ticked in a form's value (S, N bytes): "☑通过 □不通过 □待
 * 定", "□是 ☑否". Sets *FORM when the value is such a form (it has an empty
 * box): a form with no box or more than one box ticked states nothing. */
static ivs_verdict_t
ticked_option(const char *s, size_t n, int *form)
{
    /* □ ☐ empty; ☑ ■ ☒ √ ✔ ✓ ticked: all three bytes, led by E2 */
    static const char *const empty[] = {"□", "☐", NULL};
    static const char *const ticked[] = {"☑", "■", "☒", "√", "✔", "✓", NULL};
    size_t at = n, marks = 0;
    *form = 0;
    if (!memchr(s, 0xE2, n))
        return IVS_VERDICT_UNKNOWN;
    for (size_t i = 0; i + 3 <= n; i++) {
        if ((unsigned char)s[i] != 0xE2)
            continue;
        for (const char *const *m = empty; *m; m++)
            *form |= starts_with(s + i, n - i, *m);
        for (const char *const *m = ticked; *m; m++)
            if (starts_with(s + i, n - i, *m)) {
                at = i + 3;
                marks++;
            }
    }
    if (!*form || marks != 1)
        return IVS_VERDICT_UNKNOWN;
    size_t end = at;
    while (end < n && (unsigned char)s[end] != 0xE2)
        end++;
    ivs_verdict_t v = yes_no(s + at, end - at);
    return v != IVS_VERDICT_UNKNOWN ? v
                                    : ivs_verdict_of_value(s + at, end - at);
}

static ivs_verdict_t
labelled_verdict(const char *line, size_t rest, size_t n)
{
    /* a label of when, where or how much: "面试时间：待确认", "入职日期：
     * 待定", "薪资：待沟通" are no verdict */
    if (history_label(line, rest))
        return IVS_VERDICT_UNKNOWN;
    if (logistics_label(line, rest))
        return after_first_value(line, n, rest);
    int form;
    ivs_verdict_t ticked = ticked_option(line + rest, n - rest, &form);
    if (form)
        return ticked;
    ivs_verdict_t v = line_verdict(line + rest, n - rest);
    if (v != IVS_VERDICT_UNKNOWN || rest > 64)
        return v;
    /* a value closed by an emoji, then more words: "结果：挂了😭 状态变成
     * 灰色，继续投下一家吧" */
    for (size_t i = rest + 1; i + 4 <= n; i++)
        if ((unsigned char)line[i] == 0xF0 &&
            (unsigned char)line[i + 1] == 0x9F) {
            v = line_verdict(line + rest, i - rest);
            if (v != IVS_VERDICT_UNKNOWN)
                return v;
            break;
        }
    /* "面试结论：YES", "是否通过：否": a yes or a no answers the label;
     * "结果：等" */
    v = yes_no(line + rest, n - rest);
    if (v != IVS_VERDICT_UNKNOWN)
        return v;
    if (n - rest <= 9) {
        size_t b = rest, e = n;
        trim_value(line, &b, &e);
        /* "一面判定：不过": 不过 is "but" only inside a sentence */
        if (e - b == 6 && starts_with(line + b, e - b, "不过"))
            return IVS_VERDICT_FAIL;
        if ((e - b == 3 && starts_with(line + b, e - b, "等")) ||
            (e - b == 6 && starts_with(line + b, e - b, "在等")))
            return IVS_VERDICT_PENDING;
    }
    /* a value then its reasons, after a bracket or a comma: "结论：fail
     * （算法偏弱）", "二面反馈：不过，系统设计没思路" (不过 as a clause of its
     * own is the value, not "but") */
    {
        size_t b = rest, e = rest;
        while (b < n && (line[b] == ' ' || line[b] == '\t'))
            b++;
        e = b;
        while (e < n && e - b <= 24 && line[e] != '(' &&
               cp3(line + e, n - e) != 0xFF08 &&
               clause_delim(line + e, n - e) == 0)
            e++;
        /* not a value that doubts itself: "pass(?)" */
        size_t after = n - e < 12 ? n - e : 12;
        if (e < n && e > b && e - b <= 24 && !has(line + e, after, "?") &&
            !has(line + e, after, "？")) {
            size_t tb = b, te = e;
            trim_value(line, &tb, &te);
            if (te - tb == 6 && starts_with(line + tb, te - tb, "不过"))
                return IVS_VERDICT_FAIL;
            if (te > tb) {
                ivs_verdict_t head = ivs_verdict_of_value(line + tb, te - tb);
                if (head != IVS_VERDICT_UNKNOWN)
                    return head;
            }
        }
    }
    /* a score with its meaning in brackets: "Rating: 4/5 (Hire)" */
    size_t open = n;
    for (size_t i = rest; i < n; i++)
        if (line[i] == '(' || cp3(line + i, n - i) == 0xFF08)
            open = i;
    if (open < n && open - rest <= 12) {
        size_t b = open + (line[open] == '(' ? 1 : 3), e = b;
        while (e < n && line[e] != ')' && cp3(line + e, n - e) != 0xFF09)
            e++;
        if (e < n && e > b) {
            v = ivs_verdict_of_value(line + b, e - b);
            if (v != IVS_VERDICT_UNKNOWN)
                return v;
        }
    }
    if ((!has(line, rest, "状态") && !has(line, rest, "进度") &&
         !has(line, rest, "Status") && !has(line, rest, "status")) ||
        has(line, rest, "节点"))
        return v;
    size_t b = rest, e = n;
    trim_value(line, &b, &e);
    for (size_t k = 0; k < sizeof status_values / sizeof status_values[0]; k++)
        if (e - b == strlen(status_values[k].value) &&
            memcmp(line + b, status_values[k].value, e - b) == 0)
            return status_values[k].verdict;
    /* a status with a note in brackets closing it: "Rejected（技术不匹
     * 配）", "Hold（等待部门主管回复）" */
    if (e > b && (line[e - 1] == ')' || ends_with(line + b, e - b, "）"))) {
        size_t o = b;
        while (o < e && line[o] != '(' && cp3(line + o, e - o) != 0xFF08)
            o++;
        if (o > b && o < e) {
            ivs_verdict_t noted = ivs_verdict_of_value(line + b, o - b);
            if (noted != IVS_VERDICT_UNKNOWN)
                return noted;
        }
    }
    /* "面评已提交，等待 HM 审核", "待主管审核": waiting for the one who
     * decides; not a release or a ticket ("发布状态：等待主管审批") */
    static const char *const of_work[] = {
        "发布", "部署", "上线", "工单", "订单", "合并", "PR",
        "MR",   "报销", "请假", "版本", "需求", NULL};
    for (const char *const *w = of_work; *w; w++)
        if (has(line, rest, *w))
            return v;
    for (size_t x = b, y; x < e; x = y) {
        y = x;
        while (y < e && clause_delim(line + y, e - y) == 0)
            y++;
        if (awaits_decider(line + x, y - x))
            return IVS_VERDICT_PENDING;
        if (y < e)
            y += clause_delim(line + y, e - y);
    }
    return v;
}

/* Whether LINE (LEN bytes) opens with a label that names a round, up to
 * its colon or its closing bracket: "技术一面：", "HR 面：", "二面（业务
 * leader）：", "【一面 · 技术】". Sets *REST to the offset of its value
 * (LEN when the line ends with the label: its value is then the next
 * line's, "✔ 通过"). The lines after "一面：" are the round's questions, so
 * the label opens no summary. */
static int
round_label(const char *line, size_t len, size_t *rest)
{
    /* most lines name no round near their start */
    size_t peek = len < 96 ? len : 96;
    if (!has(line, peek, "面") && !has(line, peek, "轮") &&
        !has(line, peek, "关") && !has(line, peek, "關"))
        return 0;
    size_t i = skip_line_marks(line, len, 0);
    char buf[96];
    size_t o = 0;
    int paren = 0;
    for (size_t j = i, chars = 0; j < len && chars < 24; chars++) {
        uint32_t c3 = cp3(line + j, len - j);
        size_t end = c3 == 0xFF1A || c3 == 0x3011       ? 3
                     : line[j] == ':' || line[j] == ']' ? 1
                                                        : 0;
        if (end && !paren) {
            /* a round opens the label: "一面", "二面（…）", "一面 · 技术" */
            int round = 0;
            for (size_t k = 3; k <= o && !round; k++)
                round = (ends_with(buf, k, "面") || ends_with(buf, k, "轮") ||
                         ends_with(buf, k, "关") || ends_with(buf, k, "關")) &&
                        ivs_verdict_ends_with_round(buf, k);
            if (!round)
                return 0;
            *rest = skip_closers(line, len, j + end);
            return 1;
        }
        if (c3 == 0xFF08 || line[j] == '(')
            paren++;
        else if (paren && (c3 == 0xFF09 || line[j] == ')'))
            paren--;
        unsigned char c = (unsigned char)line[j];
        size_t k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (j + k > len || (k == 1 && (c >= 0x80 || c == '|' || c == ',')))
            return 0;
        /* blanks and middle dots ("一面 · 技术") are not kept */
        if (!paren && c != ' ' && k != 2 && c3 != 0x30FB &&
            o + k < sizeof buf) {
            for (size_t b = 0; b < k; b++)
                buf[o++] = line[j + b] >= 'A' && line[j + b] <= 'Z'
                               ? (char)(line[j + b] + 32)
                               : line[j + b];
        }
        j += k;
    }
    return 0;
}

/* The verdict of a line of labelled segments: "流程节点：HR 面 / 状态：待
 * 评估", "Stage: Onsite | Status: Pending"; each segment a label and its
 * value. */
static ivs_verdict_t
segments_verdict(const char *line, size_t n)
{
    ivs_verdict_t v = IVS_VERDICT_UNKNOWN;
    /* most lines have neither bar, slash nor arrow */
    if ((!memchr(line, '|', n) || !has(line, n, " | ")) &&
        (!memchr(line, '/', n) || !has(line, n, " / ")) &&
        /* the arrows' first bytes are rarer than a blank's */
        !has(line, n, "→") && !has(line, n, "->"))
        return v;
    size_t b = 0;
    for (size_t i = 0; i <= n; i++) {
        /* "Stage: Phone Screen → Outcome: Declined by hiring team" */
        size_t sep = i == n                                 ? 1
                     : starts_with(line + i, n - i, " / ")  ? 3
                     : starts_with(line + i, n - i, " | ")  ? 3
                     : starts_with(line + i, n - i, " → ")  ? 5
                     : starts_with(line + i, n - i, " -> ") ? 4
                                                            : 0;
        if (!sep)
            continue;
        size_t rest;
        if (i > b && ivs_verdict_summary_label(line + b, i - b, &rest) &&
            rest < i - b)
            v = merge(v, labelled_verdict(line + b, rest, i - b));
        b = i + sep;
        i = b - 1;
    }
    return v;
}

typedef struct {
    size_t start, end;
} span_t;

/* A line that opens another part of the notes, so it ends a summary: a
 * Markdown heading or a Chinese-numbered heading ("二、算法"). */
static int
ends_summary(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i < n && s[i] == '#')
        return 1;
    static const char *const numerals[] = {"一", "二", "三", "四", "五",
                                           "六", "七", "八", "九", "十"};
    size_t j = i;
    while (j < n) {
        int hit = 0;
        for (size_t k = 0; k < sizeof numerals / sizeof numerals[0]; k++)
            if (starts_with(s + j, n - j, numerals[k])) {
                j += 3;
                hit = 1;
                break;
            }
        if (!hit)
            break;
    }
    return j > i &&
           (starts_with(s + j, n - j, "、") || starts_with(s + j, n - j, "，"));
}

#define SUMMARY_MAX_LINES 20
#define CLOSING_LINES 3

static ivs_verdict_t detect(const char *text, size_t len);

ivs_verdict_t
ivs_verdict_detect(const char *text, size_t len)
{
    if (!text || len == 0)
        return IVS_VERDICT_UNKNOWN;
    /* 總結：面試通過 reads as 总结：面试通过. */
    char *folded = ivs_verdict_fold_traditional(text, len);
    ivs_verdict_t v = detect(folded ? folded : text, len);
    free(folded);
    return v;
}

/* ivs_verdict_detect() on text in simplified script. */
/* Whether LINE (N bytes) says the first interview is not held yet: "一面：
 * 未开始", "面試：尚未安排", "面试：待定时间". The stages before it (简历筛
 * 选：通过, 笔试：82 分) are then no verdict of the interview. */
static int
first_round_not_held(const char *line, size_t n)
{
    /* the longer first: "尚未安排" before "未安排" */
    static const char *const not_yet[] = {
        "尚未开始", "还没开始", "未开始", "没开始",   "尚未安排", "还没安排",
        "未安排",   "尚未进行", "未进行", "待定时间", "时间待定", NULL};
    if (n > 64)
        return 0;
    size_t e = n;
    while (e > 0 &&
           (line[e - 1] == ' ' || line[e - 1] == '\r' || line[e - 1] == '\t'))
        e--;
    const char *const *w = not_yet;
    while (*w && !ends_with(line, e, *w))
        w++;
    if (!*w)
        return 0;
    e -= strlen(*w);
    while (e > 0 && line[e - 1] == ' ')
        e--;
    if (ends_with(line, e, "："))
        e -= 3;
    else if (e > 0 && line[e - 1] == ':')
        e--;
    else
        return 0;
    size_t b = skip_line_marks(line, e, 0);
    static const char *const first[] = {"一面", "初面", "初试",   "初試",
                                        "首轮", "首輪", "第一轮", "第一輪",
                                        "1面",  "面试", "面試",   NULL};
    for (const char *const *f = first; *f; f++)
        if (ends_with(line + b, e - b, *f))
            return 1;
    return 0;
}

/* merge() of the verdict V read so far in a summary with LV, of LINE: a
 * remark that stops for now after a hold is the hold's reason, not a
 * refusal ("状态：Hold" then "备注：HC 冻结中，暂不推进"). */
static ivs_verdict_t
merge_remark(ivs_verdict_t v, const char *line, size_t n, ivs_verdict_t lv)
{
    static const char *const remarks[] = {"备注", "備註", "说明", "說明",
                                          "补充", "補充", NULL};
    if (v == IVS_VERDICT_PENDING && lv == IVS_VERDICT_FAIL) {
        /* (not a remark that refuses: "备注：候选人暂不考虑，已拒绝") */
        static const char *const refuses[] = {"拒绝",   "不通过", "终止",
                                              "不合适", "淘汰",   "拒絕",
                                              "終止",   "不合適", NULL};
        int refused = 0;
        for (const char *const *w = refuses; *w && !refused; w++)
            refused = has(line, n, *w);
        for (const char *const *w = remarks; *w && !refused; w++)
            if (starts_with(line, n, *w) &&
                (memmem(line, n, "暂不", 6) || memmem(line, n, "暫不", 6)))
                return v;
    }
    return merge(v, lv);
}

static ivs_verdict_t
detect(const char *text, size_t len)
{

    ivs_verdict_t v = IVS_VERDICT_UNKNOWN;
    int in_summary = 0, summaries = 0, round_value_next = 0;
    size_t summary_lines = 0;
    size_t pos = 0;
    const char *line;
    size_t n;
    while (ivs_text_next_line(text, len, &pos, &line, &n)) {
        size_t rest;
        ivs_verdict_t sv;
        if (first_round_not_held(line, n))
            return IVS_VERDICT_UNKNOWN;
        /* "二面（业务 leader）：" then "✔ 通过": the round's value is the
         * next line */
        if (round_value_next && !ivs_text_is_blank(line, n)) {
            round_value_next = 0;
            v = merge(v, line_verdict(line, n));
        }
        /* Labels are short; a long line is never one. */
        if (ivs_verdict_summary_label(line, n < 256 ? n : 256, &rest) &&
            (n < 256 || rest < 256)) {
            in_summary = 1;
            summaries++;
            summary_lines = 0;
            /* a remark explains the status given before it, it does not
             * overrule it: "状态：Hold" then "备注：HC 冻结中，暂不推进" */
            if (rest < n)
                v = merge_remark(v, line, n, labelled_verdict(line, rest, n));
        } else if (n < 256 &&
                   (sv = segments_verdict(line, n)) != IVS_VERDICT_UNKNOWN) {
            v = merge(v, sv);
        } else if (n < 256 && round_label(line, n, &rest)) {
            if (rest < n)
                v = merge(v, scheduled_round(line, rest, n)
                                 ? IVS_VERDICT_PASS
                                 : labelled_verdict(line, rest, n));
            round_value_next = rest >= n;
        } else if (in_summary) {
            if (ends_summary(line, n) || ivs_text_rule_mark(line, n)) {
                in_summary = 0;
            } else if (!ivs_text_is_blank(line, n)) {
                v = merge_remark(v, line, n, line_verdict(line, n));
                if (++summary_lines >= SUMMARY_MAX_LINES)
                    in_summary = 0;
            }
        }
    }
    if (v != IVS_VERDICT_UNKNOWN)
        return v;

    /* No verdict in a summary: the closing lines, read backwards. */
    span_t closing[CLOSING_LINES];
    size_t found = 0;
    size_t end = len;
    while (end > 0 && found < CLOSING_LINES) {
        size_t start = end;
        while (start > 0 && text[start - 1] != '\n')
            start--;
        if (!ivs_text_is_blank(text + start, end - start) &&
            !ivs_text_rule_mark(text + start, end - start))
            closing[found++] = (span_t){.start = start, .end = end};
        end = start > 0 ? start - 1 : 0;
        if (start == 0)
            break;
    }
    for (size_t k = 0; k < found; k++) {
        size_t rest;
        const char *line = text + closing[k].start;
        size_t n = closing[k].end - closing[k].start;
        /* a line that opens with an earlier attempt, then turns to this
         * one: "补充：候选人说之前面过我们 infra 组，二面挂了，这次换了方向
         * 投" says nothing of this interview until 这次 */
        size_t told = 0, from = ivs_verdict_this_attempt(line, n, &told);
        if (from > 0 && told <= first_clause_end(line, n)) {
            line += from;
            n -= from;
        }
        if (ivs_verdict_summary_label(line, n < 256 ? n : 256, &rest) &&
            rest <= n)
            v = merge(v, labelled_verdict(line, rest, n));
        else if (!ivs_verdict_line_of_others(line, n < 15 ? n : 15))
            /* not a line that opens with other people's results: "室友
             * 上个月面同一个部门，一面挂了" ("待定。很多朋友可能要问了" is
             * the writer's) */
            v = merge(v, line_verdict(line, n));
    }
    (void)summaries;
    return v;
}

/* ivs_verdict_of_line() */
ivs_verdict_t
ivs_verdict_of_line(const char *s, size_t n)
{
    return n < 256 ? line_verdict(s, n) : IVS_VERDICT_UNKNOWN;
}

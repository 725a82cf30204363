/* Interview verdicts: names, and detection from the summary or the closing
 * lines of an interview, where only a word standing as the verdict counts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "ivs/record.h"

/* Internal to indexer/ (used by archive.c; kept out of the public header).
 * Tells whether LINE is a summary label such as "总结：", "## 面试总结",
 * "**结论**：通过" or "Decision: hire". Returns 1 and sets *REST to the
 * offset of the text after the label's colon (LEN when there is none). */
int ivs_verdict_summary_label(const char *line, size_t len, size_t *rest);

/* Internal to indexer/: the offset past a line's leading decoration
 * (whitespace, Markdown heading, quote and list marks, emphasis, brackets,
 * numbering such as "一、", "（三）", "3."). */
size_t ivs_text_skip_marks(const char *s, size_t n);

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

static int
is_space_cp(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0 ||
           cp == '\v' || cp == '\f';
}

static int
starts_with(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && memcmp(s, prefix, k) == 0;
}

/* ASCII case-insensitive variant for label keys. */
static int
starts_with_ci(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    if (n < k)
        return 0;
    for (size_t i = 0; i < k; i++) {
        unsigned char a = (unsigned char)s[i], b = (unsigned char)prefix[i];
        if (a >= 'A' && a <= 'Z')
            a = (unsigned char)(a + 32);
        if (a != b)
            return 0;
    }
    return 1;
}

/* Skips leading decoration of a line: whitespace, Markdown heading and
 * quote marks, list bullets, emphasis, brackets, and numbering such as
 * "一、", "（三）", "3." or "2)". Returns the new offset. */
static size_t
skip_line_marks(const char *s, size_t n, size_t i)
{
    static const char *const openers[] = {"【", "[", "「", "**", "__", "*",
                                          "_",  "`", "　"};
    for (;;) {
        size_t start = i;
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        while (i < n && (s[i] == '#' || s[i] == '>'))
            i++;
        if (i + 1 < n && (s[i] == '-' || s[i] == '+') && s[i + 1] == ' ')
            i += 2;
        for (size_t k = 0; k < sizeof openers / sizeof openers[0]; k++)
            if (starts_with(s + i, n - i, openers[k])) {
                i += strlen(openers[k]);
                break;
            }
        /* Numbering: digits or Chinese numerals, then a separator. */
        size_t j = i;
        int saw_paren = 0;
        if (starts_with(s + j, n - j, "（")) {
            j += 3;
            saw_paren = 1;
        } else if (j < n && s[j] == '(') {
            j++;
            saw_paren = 1;
        }
        size_t digits_start = j;
        while (j < n) {
            if (s[j] >= '0' && s[j] <= '9') {
                j++;
                continue;
            }
            static const char *const numerals[] = {
                "一", "二", "三", "四", "五", "六", "七",
                "八", "九", "十", "零", "〇", "百"};
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
        if (j > digits_start) {
            static const char *const open_seps[] = {"、", "，", "．", "）",
                                                    ".",  ",",  ")"};
            static const char *const paren_seps[] = {"）", ")"};
            const char *const *seps = saw_paren ? paren_seps : open_seps;
            size_t n_seps = saw_paren ? 2 : 7;
            for (size_t k = 0; k < n_seps; k++) {
                size_t sl = strlen(seps[k]);
                /* "3.5" and "1,000" are numbers, not numbering. */
                if (starts_with(s + j, n - j, seps[k]) &&
                    !(sl == 1 && j + 1 < n && s[j + 1] >= '0' &&
                      s[j + 1] <= '9')) {
                    i = j + sl;
                    break;
                }
            }
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
static const char *const summary_keys[] = {
    "面试总结", "面试结论", "面试结果", "面试评价", "面试反馈", "面试意见",
    "面试建议", "面试官评价", "面试官意见", "面试官反馈", "面试官结论", "最终结论", "最终结果", "综合评价", "总体评价",
    "整体评价", "结论与建议", "录用建议", "面评", "总评", "评语", "总结",
    "结论", "结果", "评价", "反馈", "建议",
    "hiring decision", "final decision", "interview summary",
    "interview result", "summary", "results", "result", "decision",
    "verdict", "conclusion", "feedback", "overall", "recommendation",
    "outcome",
};

int
ivs_verdict_summary_label(const char *line, size_t len, size_t *rest)
{
    size_t i = skip_line_marks(line, len, 0);
    size_t key_len = 0;
    for (size_t k = 0; k < sizeof summary_keys / sizeof summary_keys[0]; k++)
        if (starts_with_ci(line + i, len - i, summary_keys[k])) {
            key_len = strlen(summary_keys[k]);
            break;
        }
    if (key_len == 0)
        return 0;
    size_t j = i + key_len;
    /* An ASCII key must end at a word boundary ("results" is not
     * "result" + "s", "summary:" is a key). */
    if ((unsigned char)line[i] < 0x80 && j < len &&
        ((line[j] >= 'a' && line[j] <= 'z') ||
         (line[j] >= 'A' && line[j] <= 'Z')))
        return 0;
    static const char *const closers[] = {"**", "__", "*", "_", "】", "]",
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
    if (j >= len) {
        *rest = len;
        return 1;
    }
    if (starts_with(line + j, len - j, "："))
        j += 3;
    else if (line[j] == ':')
        j++;
    else
        return 0;
    /* Emphasis closing after the colon: "**总结：**". */
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
    *rest = j;
    return 1;
}

/* ---- clause matching ----------------------------------------------- */

typedef struct {
    const char *word;
    ivs_verdict_t verdict;
} verdict_word_t;

/* Words that state a verdict when they stand alone in their clause (after
 * the prefixes below are taken off). Negated forms are listed whole, so
 * 不通过 never reads as 通过. */
static const verdict_word_t verdict_words[] = {
    {"不通过", IVS_VERDICT_FAIL},       {"未通过", IVS_VERDICT_FAIL},
    {"没通过", IVS_VERDICT_FAIL},       {"没有通过", IVS_VERDICT_FAIL},
    {"未能通过", IVS_VERDICT_FAIL},     {"不予通过", IVS_VERDICT_FAIL},
    {"不能通过", IVS_VERDICT_FAIL},     {"不建议录用", IVS_VERDICT_FAIL},
    {"不建议通过", IVS_VERDICT_FAIL},   {"不建议", IVS_VERDICT_FAIL},
    {"不录用", IVS_VERDICT_FAIL},       {"不予录用", IVS_VERDICT_FAIL},
    {"不推荐", IVS_VERDICT_FAIL},       {"不推荐录用", IVS_VERDICT_FAIL},
    {"不考虑", IVS_VERDICT_FAIL},       {"不合格", IVS_VERDICT_FAIL},
    {"不合适", IVS_VERDICT_FAIL},       {"不匹配", IVS_VERDICT_FAIL},
    {"淘汰", IVS_VERDICT_FAIL},         {"挂", IVS_VERDICT_FAIL},
    {"凉", IVS_VERDICT_FAIL},           {"凉凉", IVS_VERDICT_FAIL},
    {"拒", IVS_VERDICT_FAIL},           {"拒绝", IVS_VERDICT_FAIL},
    {"没过", IVS_VERDICT_FAIL},         {"未过", IVS_VERDICT_FAIL},
    {"no hire", IVS_VERDICT_FAIL},      {"no-hire", IVS_VERDICT_FAIL},
    {"not hire", IVS_VERDICT_FAIL},     {"do not hire", IVS_VERDICT_FAIL},
    {"no offer", IVS_VERDICT_FAIL},     {"not pass", IVS_VERDICT_FAIL},
    {"not passed", IVS_VERDICT_FAIL},   {"reject", IVS_VERDICT_FAIL},
    {"rejected", IVS_VERDICT_FAIL},     {"fail", IVS_VERDICT_FAIL},
    {"failed", IVS_VERDICT_FAIL},       {"no go", IVS_VERDICT_FAIL},
    {"not recommended", IVS_VERDICT_FAIL},
    {"待定", IVS_VERDICT_PENDING},      {"等通知", IVS_VERDICT_PENDING},
    {"再议", IVS_VERDICT_PENDING},      {"待议", IVS_VERDICT_PENDING},
    {"备选", IVS_VERDICT_PENDING},      {"待考虑", IVS_VERDICT_PENDING},
    {"待评估", IVS_VERDICT_PENDING},    {"观望", IVS_VERDICT_PENDING},
    {"保留", IVS_VERDICT_PENDING},      {"hold", IVS_VERDICT_PENDING},
    {"on hold", IVS_VERDICT_PENDING},   {"pending", IVS_VERDICT_PENDING},
    {"tbd", IVS_VERDICT_PENDING},
    {"通过", IVS_VERDICT_PASS},         {"建议录用", IVS_VERDICT_PASS},
    {"录用", IVS_VERDICT_PASS},         {"推荐", IVS_VERDICT_PASS},
    {"推荐录用", IVS_VERDICT_PASS},     {"建议通过", IVS_VERDICT_PASS},
    {"予以通过", IVS_VERDICT_PASS},     {"合格", IVS_VERDICT_PASS},
    {"过", IVS_VERDICT_PASS},           {"进入下一轮", IVS_VERDICT_PASS},
    {"进下一轮", IVS_VERDICT_PASS},     {"offer", IVS_VERDICT_PASS},
    {"hire", IVS_VERDICT_PASS},         {"hired", IVS_VERDICT_PASS},
    {"pass", IVS_VERDICT_PASS},         {"passed", IVS_VERDICT_PASS},
    {"make offer", IVS_VERDICT_PASS},   {"recommend", IVS_VERDICT_PASS},
};

/* Words that may stand before a verdict word in its clause without making
 * it part of another phrase: "面试不通过", "结论是通过", "一面过",
 * "strong hire". Longest first where one is a prefix of another. */
static const char *const verdict_prefixes[] = {
    "本次面试", "本轮面试", "面试结果", "面试结论", "最终结果", "最终结论",
    "综合来看", "综合评估", "综合评价", "总体来看", "整体来看", "面试",
    "本次", "本轮", "一面", "二面", "三面", "四面", "终面", "技术面", "初面",
    "复试", "初试", "结论", "结果", "最终", "综合", "总体", "整体", "评价",
    "建议", "可以", "目前", "暂时", "直接", "判定", "给予", "予以", "同意",
    "意见", "我的", "暂", "是", "为", "给", "发", "可", "我", "均", "已",
    "strong ", "lean ", "final ", "overall ", "result ", "decision ",
    "verdict ", "recommendation ", "i recommend ", "we recommend ",
    "recommend ", "- ",
};

/* Trailing particles: "挂了", "通过吧", "pass!". */
static const char *const verdict_suffixes[] = {"了", "吧", "啦", "的", "呢",
                                               "哈", "啊", "!", ".", "~"};

/* Before a verdict word at the end of a clause, these show that the clause
 * speaks of tests, code or a question, not of the candidate ("测试用例均通过",
 * "代码未能通过", "能否通过"). */
static const char *const not_verdict_context[] = {
    "测试", "用例", "编译", "运行", "代码", "单测", "题", "均", "都", "全",
    "能否", "是否", "如何", "怎么", "为什么", "吗", "评审", "审核", "审批",
    "验证", "校验", "认证", "考试", "申请", "检查", "请求", "case", "test",
    "build", "ci", "check", "通过"};

/* Verdict words that may close a longer clause: only those that speak of
 * hiring and nothing else ("推荐" closes "书籍推荐", "保留" "一直保留"). */
static int
closes_clause(const char *word)
{
    return strstr(word, "通过") || strstr(word, "录用") ||
           strcmp(word, "待定") == 0 || strcmp(word, "等通知") == 0 ||
           strcmp(word, "再议") == 0;
}

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
        uint32_t cp = next_cp(u, n, &i);
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            cp -= 0xFEE0;
        if (cp >= 'A' && cp <= 'Z')
            cp += 32;
        if (is_space_cp(cp)) {
            pending_space = o > 0;
            continue;
        }
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
        if (buf[j] == '(' && j > 0)
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
    for (size_t k = 0; k < sizeof verdict_words / sizeof verdict_words[0];
         k++) {
        size_t wl = strlen(verdict_words[k].word);
        if (wl == n && memcmp(s, verdict_words[k].word, n) == 0)
            return verdict_words[k].verdict;
    }
    return IVS_VERDICT_UNKNOWN;
}

static int
contains(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    if (k > n)
        return 0;
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, needle, k) == 0)
            return 1;
    return 0;
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
    const char *whole = p;
    size_t whole_len = m;

    for (;;) {
        ivs_verdict_t v = exact_word(p, m);
        if (v != IVS_VERDICT_UNKNOWN)
            return v;
        size_t cut = 0;
        for (size_t k = 0;
             k < sizeof verdict_prefixes / sizeof verdict_prefixes[0]; k++) {
            size_t pl = strlen(verdict_prefixes[k]);
            if (m > pl && memcmp(p, verdict_prefixes[k], pl) == 0) {
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
    /* The longest hiring word ending the clause. */
    size_t best_len = 0;
    ivs_verdict_t best = IVS_VERDICT_UNKNOWN;
    for (size_t k = 0; k < sizeof verdict_words / sizeof verdict_words[0];
         k++) {
        const char *w = verdict_words[k].word;
        size_t wl = strlen(w);
        if (wl >= whole_len || wl <= best_len || !closes_clause(w))
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
        if (contains(whole, head, not_verdict_context[k]))
            return IVS_VERDICT_UNKNOWN;
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
    static const char *const wide[] = {"，", "。", "；", "！", "？", "、",
                                       "：", "｜", "…"};
    unsigned char c = (unsigned char)s[0];
    if (c == ',' || c == ';' || c == '!' || c == '?' || c == ':' ||
        c == '|')
        return 1;
    if (c == '.' && (n == 1 || s[1] == ' ' || s[1] == '\t'))
        return 1;
    if (c >= 0x80)
        for (size_t k = 0; k < sizeof wide / sizeof wide[0]; k++)
            if (starts_with(s, n, wide[k]))
                return strlen(wide[k]);
    return 0;
}

/* Lines longer than this are read at their start and their end only: a
 * verdict stands at the start of a summary or in its final clause, never in
 * the middle of a wall of text, and this keeps detection cheap. */
#define LINE_VERDICT_MAX 4096

static ivs_verdict_t line_verdict(const char *s, size_t n);

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

/* The verdict stated by one line of a verdict position. */
static ivs_verdict_t
line_verdict(const char *s, size_t n)
{
    if (n > LINE_VERDICT_MAX)
        return long_line_verdict(s, n);
    ivs_verdict_t v = IVS_VERDICT_UNKNOWN;
    size_t start = skip_line_marks(s, n, 0);
    /* Find the last non-empty clause so it can use the relaxed rule. */
    size_t last_start = start, last_end = start;
    size_t i = start, clause = start;
    while (i <= n) {
        size_t d = i < n ? clause_delim(s + i, n - i) : 1;
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
            if (e > b) {
                v = merge(v, clause_verdict(s + b, e - b, 0));
                last_start = b;
                last_end = e;
            }
        }
        i += d;
        clause = i;
    }
    if (last_end > last_start)
        v = merge(v, clause_verdict(s + last_start, last_end - last_start, 1));
    return v;
}

/* ---- detection ------------------------------------------------------- */

typedef struct {
    size_t start, end;
} span_t;

static int
is_blank(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp = next_cp((const unsigned char *)s, n, &i);
        if (!is_space_cp(cp) && cp != '\r')
            return 0;
    }
    return 1;
}

static int
is_rule(const char *s, size_t n)
{
    size_t marks = 0;
    char mark = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\t')
            continue;
        if (s[i] != '-' && s[i] != '*' && s[i] != '_' && s[i] != '=')
            return 0;
        if (mark && s[i] != mark)
            return 0;
        mark = s[i];
        marks++;
    }
    return marks >= 3;
}

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
    return j > i && (starts_with(s + j, n - j, "、") ||
                     starts_with(s + j, n - j, "，"));
}

#define SUMMARY_MAX_LINES 20
#define CLOSING_LINES 3

ivs_verdict_t
ivs_verdict_detect(const char *text, size_t len)
{
    if (!text || len == 0)
        return IVS_VERDICT_UNKNOWN;

    ivs_verdict_t v = IVS_VERDICT_UNKNOWN;
    int in_summary = 0, summaries = 0;
    size_t summary_lines = 0;
    size_t pos = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        const char *line = text + pos;
        size_t n = end - pos;
        size_t rest;
        /* Labels are short; a long line is never one. */
        if (ivs_verdict_summary_label(line, n < 256 ? n : 256, &rest) &&
            (n < 256 || rest < 256)) {
            in_summary = 1;
            summaries++;
            summary_lines = 0;
            if (rest < n)
                v = merge(v, line_verdict(line + rest, n - rest));
        } else if (in_summary) {
            if (ends_summary(line, n) || is_rule(line, n)) {
                in_summary = 0;
            } else if (!is_blank(line, n)) {
                v = merge(v, line_verdict(line, n));
                if (++summary_lines >= SUMMARY_MAX_LINES)
                    in_summary = 0;
            }
        }
        pos = end + 1;
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
        if (!is_blank(text + start, end - start) &&
            !is_rule(text + start, end - start))
            closing[found++] = (span_t){start, end};
        end = start > 0 ? start - 1 : 0;
        if (start == 0)
            break;
    }
    for (size_t k = 0; k < found; k++) {
        size_t rest;
        const char *line = text + closing[k].start;
        size_t n = closing[k].end - closing[k].start;
        if (ivs_verdict_summary_label(line, n < 256 ? n : 256, &rest) &&
            rest <= n)
            v = merge(v, line_verdict(line + rest, n - rest));
        else
            v = merge(v, line_verdict(line, n));
    }
    (void)summaries;
    return v;
}

/* The fields of an interview beyond its verdict and topics: candidate,
 * role, round, interviewer and date, from header lines ("候选人：张三",
 * "轮次：二面"), a bare round heading or the title, and dates in the forms
 * people write them. */
#include <stdlib.h>
#include <string.h>

#include "ivs/record.h"
#include "ivs/text.h"
#include "archive_internal.h"
#include "record_internal.h"

/* ---- header lines ------------------------------------------------------ */

typedef struct {
    const char *key;
    int kind;
} meta_key_t;

/* Metadata keys, longest first where one is a prefix of another. */
static const meta_key_t meta_keys[] = {
    {"候选人姓名", META_CANDIDATE},
    {"候选人", META_CANDIDATE},
    {"面试者", META_CANDIDATE},
    {"应聘者", META_CANDIDATE},
    {"被面试人", META_CANDIDATE},
    {"姓名", META_CANDIDATE},
    {"candidate name", META_CANDIDATE},
    {"candidate", META_CANDIDATE},
    {"interviewee", META_CANDIDATE},
    {"应聘岗位", META_ROLE},
    {"面试岗位", META_ROLE},
    {"应聘职位", META_ROLE},
    {"招聘岗位", META_ROLE},
    {"岗位", META_ROLE},
    {"职位", META_ROLE},
    {"job title", META_ROLE},
    {"position", META_ROLE},
    {"role", META_ROLE},
    {"面试官姓名", META_INTERVIEWER},
    {"面试官", META_INTERVIEWER},
    {"interviewer", META_INTERVIEWER},
    {"面试轮次", META_ROUND},
    {"第几面", META_ROUND},
    {"面试轮数", META_ROUND},
    {"轮次", META_ROUND},
    {"interview round", META_ROUND},
    {"round", META_ROUND},
    {"stage", META_ROUND},
    {"面试日期", META_DATE},
    {"面试时间", META_DATE},
    {"日期", META_DATE},
    {"时间", META_DATE},
    {"interview date", META_DATE},
    {"date", META_DATE},
};

/* Whether VALUE (N bytes) reads as a name or a round, not as a line of
 * dialogue ("面试官：说说 kafka 怎么保证不丢消息？", "面试官：好的"): short,
 * without sentence punctuation or the words of speech; a NAME has at most
 * five Chinese characters before a remark in brackets ("李四（技术总监）"). */
static int
name_like(const char *s, size_t n, int name)
{
    static const char *const stops[] = {
        "？", "?",  "，", "。",   "！",     "!",    "；",   ";",
        "、", "好", "嗯", "说",   "讲",     "介绍", "一下", "问",
        "你", "我", "吗", "怎么", "为什么", "如何", "请",   "谢谢"};
    if (n == 0 || n > 40)
        return 0;
    size_t han = 0;
    int in_remark = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < sizeof stops / sizeof stops[0]; k++)
            if (starts_with(s + i, n - i, stops[k]))
                return 0;
        if (starts_with(s + i, n - i, "（") || s[i] == '(')
            in_remark = 1;
        if ((unsigned char)s[i] >= 0xE4 && (unsigned char)s[i] <= 0xE9 &&
            !in_remark)
            han++;
    }
    return !name || han <= 5;
}

/* Whether the date line's value holds a date, full or month and day. */
static int
date_value(const char *s, size_t n)
{
    char date[11];
    unsigned m, d;
    return ivs_archive_parse_date(s, n, date) ||
           ivs_date_month_day(s, n, &m, &d);
}

/* A "key：value" metadata line; sets the value's range. A date line counts
 * only when its value holds a date, an interviewer's or a round's only
 * when it reads as one. */
int
ivs_archive_meta_kind(const char *s, size_t n, size_t *vb, size_t *ve)
{
    if (n > LINE_PEEK)
        return META_NONE;
    size_t i = ivs_text_skip_marks(s, n);
    for (size_t k = 0; k < sizeof meta_keys / sizeof meta_keys[0]; k++) {
        if (!starts_with_ci(s + i, n - i, meta_keys[k].key))
            continue;
        size_t j = i + strlen(meta_keys[k].key);
        if ((unsigned char)s[i] < 0x80 && j < n &&
            is_ascii_alnum((unsigned char)s[j]))
            return META_NONE;
        while (j < n && (s[j] == ' ' || s[j] == '*' || s[j] == '_'))
            j++;
        if (starts_with(s + j, n - j, "："))
            j += 3;
        else if (j < n && s[j] == ':')
            j++;
        else
            return META_NONE;
        while (j < n && (s[j] == '*' || s[j] == '_'))
            j++;
        size_t b = j, e = n;
        ivs_archive_trim_range(s, &b, &e);
        if (b >= e || e - b > META_MAX_BYTES)
            return META_NONE;
        int kind = meta_keys[k].kind;
        if (kind == META_DATE && !date_value(s + b, e - b))
            return META_NONE;
        if ((kind == META_INTERVIEWER || kind == META_ROUND) &&
            !name_like(s + b, e - b, kind == META_INTERVIEWER))
            return META_NONE;
        *vb = b;
        *ve = e;
        return kind;
    }
    return META_NONE;
}

/* ---- dates ----------------------------------------------------------------
 */

/* Digits at S[*I] (at most 4) into *V; their count. */
static size_t
number_at(const char *s, size_t n, size_t *i, unsigned *v)
{
    size_t k = 0;
    *v = 0;
    while (*i < n && k < 4 && s[*i] >= '0' && s[*i] <= '9') {
        *v = *v * 10 + (unsigned)(s[*i] - '0');
        (*i)++;
        k++;
    }
    return k;
}

int
ivs_date_month_day(const char *s, size_t n, unsigned *month, unsigned *day)
{
    for (size_t i = 0; s && i < n; i++) {
        if (s[i] < '0' || s[i] > '9' ||
            (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9'))
            continue;
        size_t j = i;
        unsigned m, d;
        if (number_at(s, n, &j, &m) > 2 || m < 1 || m > 12 ||
            !starts_with(s + j, n - j, "月"))
            continue;
        j += 3;
        if (number_at(s, n, &j, &d) < 1 || d < 1 || d > 31 ||
            !(starts_with(s + j, n - j, "日") ||
              starts_with(s + j, n - j, "号")))
            continue;
        *month = m;
        *day = d;
        return 1;
    }
    return 0;
}

/* A year (1970-2099) standing alone in S: "2024 秋招", "2024年", not a
 * part of a longer number. 0 when there is none. */
static unsigned
year_in(const char *s, size_t n)
{
    for (size_t i = 0; s && i + 4 <= n; i++) {
        if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
            continue;
        size_t j = i;
        unsigned y;
        if (number_at(s, n, &j, &y) == 4 && y >= 1970 && y <= 2099 &&
            (j == n || s[j] < '0' || s[j] > '9'))
            return y;
    }
    return 0;
}

int
ivs_date_parse(const char *s, size_t n, char out[11])
{
    return s ? ivs_archive_parse_date(s, n, out) : 0;
}

int
ivs_date_bound(const char *s, int until, char out[11])
{
    if (!s)
        return 0;
    size_t n = strlen(s), b = 0, e = n;
    ivs_archive_trim_range(s, &b, &e);
    if (b < e && ivs_archive_parse_date(s + b, e - b, out))
        return 1;
    size_t i = b;
    unsigned y, m = 0;
    if (number_at(s, e, &i, &y) != 4 || y < 1970 || y > 2099)
        return 0;
    if (i < e && (s[i] == '-' || s[i] == '/' || s[i] == '.')) {
        i++;
        if (number_at(s, e, &i, &m) < 1 || m < 1 || m > 12)
            return 0;
    } else if (starts_with(s + i, e - i, "年")) {
        i += 3;
        if (i < e && number_at(s, e, &i, &m) >= 1) {
            if (m < 1 || m > 12)
                return 0;
            if (starts_with(s + i, e - i, "月"))
                i += 3;
        }
    }
    if (i != e)
        return 0;
    unsigned first = m ? m : 1, last = m ? m : 12, d = 31;
    if (until)
        while (d > 28) {
            if (ivs_archive_format_date(y, last, d, out))
                return 1;
            d--;
        }
    return ivs_archive_format_date(y, until ? last : first, until ? d : 1, out);
}

/* ---- rounds ---------------------------------------------------------------
 */

static const char *const cn_rounds[] = {"一面", "二面", "三面", "四面", "五面",
                                        "六面", "七面", "八面", "九面"};
static const char *const cn_digits[] = {"一", "二", "三", "四", "五",
                                        "六", "七", "八", "九"};

/* Words of a round and what they mean: 0 the final, -1 HR, else the round
 * number. Longest first where one is a prefix of another; ASCII
 * case-insensitive. */
static const struct {
    const char *word;
    int round;
} round_words[] = {
    {"最终面", 0},        {"终面", 0},         {"终试", 0},
    {"final round", 0},   {"final", 0},        {"onsite", 0},
    {"on-site", 0},       {"hr面", -1},        {"hr 面", -1},
    {"hr interview", -1}, {"hr round", -1},    {"hr", -1},
    {"初面", 1},          {"初试", 1},         {"复面", 2},
    {"复试", 2},          {"phone screen", 1}, {"电话面", 1},
};

/* The round that starts at S (N bytes): its number (1-9), 0 for the final,
 * -1 for HR; *LEN gets its length. -2 when none starts there. */
static int
round_at(const char *s, size_t n, size_t *len)
{
    size_t i = 0;
    if (starts_with(s, n, "第"))
        i = 3;
    for (int k = 0; k < 9; k++) {
        size_t j = i;
        if (starts_with(s + j, n - j, cn_digits[k]))
            j += 3;
        else if (j < n && s[j] == '1' + k)
            j++;
        else
            continue;
        if (starts_with(s + j, n - j, "面")) {
            *len = j + 3;
            return k + 1;
        }
        if (i && starts_with(s + j, n - j, "轮")) {
            *len = j + 3;
            return k + 1;
        }
    }
    if (i)
        return -2;
    if (starts_with_ci(s, n, "round")) {
        size_t j = 5;
        while (j < n && (s[j] == ' ' || s[j] == '-' || s[j] == '_'))
            j++;
        if (j < n && s[j] >= '1' && s[j] <= '9' &&
            (j + 1 == n || !is_ascii_alnum((unsigned char)s[j + 1]))) {
            *len = j + 1;
            return s[j] - '0';
        }
    }
    if (n >= 2 && (s[0] == 'r' || s[0] == 'R') && s[1] >= '1' && s[1] <= '9' &&
        (n == 2 || !is_ascii_alnum((unsigned char)s[2]))) {
        *len = 2;
        return s[1] - '0';
    }
    for (size_t k = 0; k < sizeof round_words / sizeof round_words[0]; k++) {
        const char *w = round_words[k].word;
        size_t wl = strlen(w);
        if (!starts_with_ci(s, n, w))
            continue;
        if ((unsigned char)w[0] < 0x80 && wl < n &&
            is_ascii_alnum((unsigned char)s[wl]))
            continue;
        *len = wl;
        return round_words[k].round;
    }
    return -2;
}

static const char *
round_name(int round)
{
    return round == 0 ? "终面" : round < 0 ? "HR面" : cn_rounds[round - 1];
}

const char *
ivs_round_parse(const char *s, size_t n)
{
    if (!s)
        return NULL;
    size_t b = ivs_text_skip_marks(s, n), e = n;
    ivs_archive_trim_range(s, &b, &e);
    while (e > b && (s[e - 1] == ':' || s[e - 1] == ' '))
        e--;
    if (e - b >= 3 && starts_with(s + e - 3, 3, "："))
        e -= 3;
    size_t len;
    int round = b < e ? round_at(s + b, e - b, &len) : -2;
    if (round < -1)
        return NULL;
    static const char *const tails[] = {"",     "面试",       "试", "记录",
                                        "笔记", " interview", "轮"};
    size_t j = b + len;
    while (j < e && s[j] == ' ')
        j++;
    for (size_t k = 0; k < sizeof tails / sizeof tails[0]; k++)
        if (e - j == strlen(tails[k]) && starts_with_ci(s + j, e - j, tails[k]))
            return round_name(round);
    return NULL;
}

/* A round named inside a title ("字节 Go 后端二面面经", "Round 2 notes"):
 * Chinese rounds anywhere but after 另/这/那/单/统/唯 ("另一面"); English
 * ones at a word start. NULL when there is none. */
static const char *
round_in_title(const char *s, size_t n)
{
    static const char *const not_after[] = {"另", "这", "那", "单", "统", "唯"};
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c & 0xC0) == 0x80)
            continue;
        if (c < 0x80 && i > 0 && is_ascii_alnum((unsigned char)s[i - 1]))
            continue;
        size_t len;
        int round = round_at(s + i, n - i, &len);
        /* Bare "hr", "r2" and "final" say too little in a title. */
        if (round < -1 || (c < 0x80 && len == 2 && (round == -1 || c > '9')) ||
            (len == 5 && starts_with_ci(s + i, n - i, "final")))
            continue;
        int bad = 0;
        for (size_t k = 0; k < 6 && i >= 3; k++)
            bad |= starts_with(s + i - 3, 3, not_after[k]);
        if (!bad)
            return round_name(round);
    }
    return NULL;
}

/* ---- a record's fields --------------------------------------------------- */

/* The year of the context of a month-and-day date in record R (lines
 * [A, B)): a year in its title or its first lines, the year of the
 * previous record of the file, of the front matter, or of the file name.
 * 0 when none says. */
static unsigned
context_year(const parser_t *P, size_t a, size_t b, const ivs_record_t *r)
{
    unsigned y = r->title ? year_in(r->title, strlen(r->title)) : 0;
    for (size_t i = a, seen = 0; !y && i < b && seen < 5; i++) {
        if (P->lines[i].blank)
            continue;
        seen++;
        size_t n = P->lines[i].end - P->lines[i].start;
        y = year_in(P->text + P->lines[i].start, n < LINE_PEEK ? n : LINE_PEEK);
    }
    if (!y)
        y = P->last_year;
    if (!y && P->fm_date[0])
        y = year_in(P->fm_date, 4);
    if (!y && P->source) {
        const char *base = strrchr(P->source, '/');
        base = base ? base + 1 : P->source;
        y = year_in(base, strlen(base));
    }
    return y;
}

/* The date of a date line's value: a full date, or a month and day with
 * the year from the context. Returns -1 when out of memory. */
static int
set_date(const parser_t *P, size_t a, size_t b, ivs_record_t *r, const char *s,
         size_t n)
{
    char date[11];
    unsigned m, d, y;
    if (ivs_archive_parse_date(s, n, date)) {
        r->date = ivs_text_dup(date, 10);
        return r->date ? 0 : -1;
    }
    if (!ivs_date_month_day(s, n, &m, &d) || !(y = context_year(P, a, b, r)))
        return 0;
    ivs_archive_format_date(y, m, d, date);
    if (date[0] && !(r->date = ivs_text_dup(date, 10)))
        return -1;
    return 0;
}

/* Sets the field of KIND from the value [VB, VE) of line S unless it is
 * set. Returns -1 when out of memory. */
static int
set_field(const parser_t *P, size_t a, size_t b, ivs_record_t *r, int kind,
          const char *s, size_t vb, size_t ve)
{
    if (kind == META_DATE)
        return r->date ? 0 : set_date(P, a, b, r, s + vb, ve - vb);
    char **slot = kind == META_CANDIDATE ? &r->candidate
                  : kind == META_ROLE    ? &r->role
                  : kind == META_ROUND   ? &r->round
                                         : &r->interviewer;
    if (*slot)
        return 0;
    const char *round =
        kind == META_ROUND ? ivs_round_parse(s + vb, ve - vb) : NULL;
    *slot = round ? ivs_text_dup(round, strlen(round))
                  : ivs_text_dup(s + vb, ve - vb);
    return *slot ? 0 : -1;
}

int
ivs_archive_record_fields(parser_t *P, size_t a, size_t b, int own_heading,
                          ivs_record_t *r)
{
    const line_t *lines = P->lines;
    const char *bare_round = NULL; /* a line "二面" alone, unless the
                                      record holds several rounds */
    int rounds = 0, dialogue = 0;
    for (size_t i = a, seen = 0; i < b && seen < META_SCAN_LINES; i++) {
        if (lines[i].blank || lines[i].code)
            continue;
        seen++;
        const char *s = P->text + lines[i].start;
        size_t n = lines[i].end - lines[i].start, vb, ve;
        if (!lines[i].meta) {
            const char *round = n <= 40 ? ivs_round_parse(s, n) : NULL;
            if (round && (!bare_round || strcmp(round, bare_round) != 0)) {
                bare_round = round;
                rounds++;
            }
            continue;
        }
        int kind = ivs_archive_meta_kind(s, n, &vb, &ve);
        /* Two interviewer lines that differ are a dialogue. */
        if (kind == META_INTERVIEWER && r->interviewer &&
            (strlen(r->interviewer) != ve - vb ||
             memcmp(r->interviewer, s + vb, ve - vb) != 0))
            dialogue = 1;
        if (kind != META_NONE && set_field(P, a, b, r, kind, s, vb, ve) < 0)
            return -1;
    }
    if (dialogue) {
        free(r->interviewer);
        r->interviewer = NULL;
    }
    if (!r->date && own_heading) {
        const char *s = P->text + lines[a].start;
        size_t n = lines[a].end - lines[a].start;
        if (set_date(P, a, b, r, s, n < LINE_PEEK ? n : LINE_PEEK) < 0)
            return -1;
    }
    if (!r->date && P->single && P->fm_date[0] &&
        !(r->date = ivs_text_dup(P->fm_date, 10)))
        return -1;
    if (!r->round) {
        const char *round = rounds == 1 ? bare_round : NULL;
        if (!round && r->title)
            round = round_in_title(r->title, strlen(r->title));
        if (round && !(r->round = ivs_text_dup(round, strlen(round))))
            return -1;
    }
    if (r->date)
        P->last_year = year_in(r->date, 4);
    return 0;
}

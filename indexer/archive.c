/* Splitting decoded note files into interview records: boundaries, sections
 * and their topics, title, candidate/role/date, verdict. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/grow.h"
#include "ivs/record.h"
#include "ivs/text.h"
#include "record_internal.h"

/* Only this many bytes of a line are examined for headings, markers and
 * metadata: such lines are short, and this keeps a huge line linear. */
#define LINE_PEEK 256
#define TITLE_MAX_CHARS 60
#define HEADING_MAX_BYTES 200
#define META_MAX_BYTES 80
#define META_SCAN_LINES 50
#define FRONT_MATTER_MAX_LINES 200

enum { META_NONE, META_CANDIDATE, META_ROLE, META_DATE };

typedef struct {
    size_t start, end;    /* byte range of the line, newline excluded */
    unsigned char blank;  /* only whitespace */
    unsigned char code;   /* inside a fenced code block (fences too) */
    unsigned char rule;   /* a thematic break: ---, ***, ___ */
    unsigned char atx;    /* Markdown heading level 1-6, else 0 */
    unsigned char marker; /* record marker keyword index + 1, else 0 */
    unsigned char bare;   /* the marker line says nothing else */
    unsigned char meta;   /* META_* */
} line_t;

typedef struct {
    const ivs_topics_t *topics;
    const char *source;
    const char *text;
    size_t len;
    line_t *lines;
    size_t n_lines;
    size_t body;    /* first line after the front matter */
    char *fm_title; /* front matter title, or NULL */
    char fm_date[11];
    ivs_record_cb cb;
    void *ctx;
    unsigned ordinal;
    int single; /* the file is one record */
} parser_t;

/* ---- small text helpers ------------------------------------------------ */

static int
is_ascii_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

static void
trim_range(const char *s, size_t *b, size_t *e)
{
    for (size_t k; *b < *e && (k = ivs_text_space_len(s + *b, *e - *b)) > 0;)
        *b += k;
    for (;;) {
        if (*e > *b &&
            (s[*e - 1] == ' ' || s[*e - 1] == '\t' || s[*e - 1] == '\r'))
            (*e)--;
        else if (*e >= *b + 3 && memcmp(s + *e - 3, "\xE3\x80\x80", 3) == 0)
            *e -= 3;
        else
            break;
    }
}

/* Start of the character containing byte I (for cutting on a boundary). */
static size_t
char_floor(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

static size_t
count_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static const char *const cn_numerals[] = {"一", "二", "三", "四", "五", "六",
                                          "七", "八", "九", "十", "零", "〇"};

/* Length of a run of Chinese numerals at S. */
static size_t
cn_numeral_run(const char *s, size_t n)
{
    size_t i = 0;
    for (;;) {
        size_t k = 0;
        for (size_t j = 0; j < sizeof cn_numerals / sizeof cn_numerals[0]; j++)
            if (starts_with(s + i, n - i, cn_numerals[j])) {
                k = 3;
                break;
            }
        if (!k)
            return i;
        i += k;
    }
}

/* ---- dates --------------------------------------------------------------- */

static size_t
digits_at(const char *s, size_t n, size_t i, unsigned *value)
{
    size_t k = 0;
    unsigned v = 0;
    while (i + k < n && k < 4 && s[i + k] >= '0' && s[i + k] <= '9') {
        v = v * 10 + (unsigned)(s[i + k] - '0');
        k++;
    }
    *value = v;
    return k;
}

/* Separator between date parts: - / . or 年/月 (returns its length). */
static size_t
date_sep(const char *s, size_t n, size_t i, int part)
{
    if (i < n && (s[i] == '-' || s[i] == '/' || s[i] == '.'))
        return 1;
    if (part == 0 && starts_with(s + i, n - i, "年"))
        return 3;
    if (part == 1 && starts_with(s + i, n - i, "月"))
        return 3;
    return 0;
}

/* Finds the first date (2024-03-01, 2024/3/1, 2024.10.15, 2024年3月1日) in
 * S and writes it to OUT as YYYY-MM-DD. Returns 1 when found. */
static int
parse_date(const char *s, size_t n, char out[11])
{
    static const unsigned days[] = {31, 29, 31, 30, 31, 30,
                                    31, 31, 30, 31, 30, 31};
    for (size_t i = 0; i + 8 <= n; i++) {
        if (s[i] < '0' || s[i] > '9' ||
            (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9'))
            continue;
        unsigned y, m, d;
        size_t j = i, k;
        if ((k = digits_at(s, n, j, &y)) != 4 || y < 1970 || y > 2099)
            continue;
        j += k;
        size_t sep = date_sep(s, n, j, 0);
        if (!sep)
            continue;
        char sep_char = s[j];
        j += sep;
        k = digits_at(s, n, j, &m);
        if (k < 1 || k > 2 || m < 1 || m > 12)
            continue;
        j += k;
        size_t sep2 = date_sep(s, n, j, 1);
        if (!sep2 || (sep == 1 && s[j] != sep_char))
            continue;
        j += sep2;
        k = digits_at(s, n, j, &d);
        if (k < 1 || k > 2 || d < 1 || d > days[m - 1])
            continue;
        if (m == 2 && d == 29 &&
            !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
            continue;
        out[0] = (char)('0' + y / 1000);
        out[1] = (char)('0' + y / 100 % 10);
        out[2] = (char)('0' + y / 10 % 10);
        out[3] = (char)('0' + y % 10);
        out[4] = '-';
        out[5] = (char)('0' + m / 10);
        out[6] = (char)('0' + m % 10);
        out[7] = '-';
        out[8] = (char)('0' + d / 10);
        out[9] = (char)('0' + d % 10);
        out[10] = '\0';
        return 1;
    }
    return 0;
}

/* ---- line classification ---------------------------------------------------
 */

/* Level of a Markdown ATX heading ("## 中间件"), else 0. A "#" run must be
 * followed by a space or by non-ASCII text ("##中间件"), so "#include" and
 * "#1" are not headings. */
static int
atx_level(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && i < 3 && s[i] == ' ')
        i++;
    size_t h = 0;
    while (i + h < n && s[i + h] == '#')
        h++;
    if (h == 0 || h > 6)
        return 0;
    size_t j = i + h;
    if (j == n || s[j] == ' ' || s[j] == '\t' || (unsigned char)s[j] >= 0x80)
        return (int)h;
    return 0;
}

/* Words that mark the start of an interview when a line is (nearly) only
 * that: "面试内容：", "## 面试记录 3", "Interview 2". */
static const char *const marker_words[] = {
    "面试内容", "面试记录", "面试评价",        "面试笔记",         "面试纪要",
    "面试详情", "面试情况", "interview notes", "interview record", "interview"};

/* After a marker word: the end, a colon, or a number ("面试记录 3",
 * "面试记录（二）"); anything else ("面试内容包括") makes it prose. A marker
 * followed by other words ("面试记录：张三 2024-03-01") is kept but is not
 * bare. Returns the marker index + 1, or 0. */
static int
marker_kind(const char *s, size_t n, int *bare)
{
    size_t i = ivs_text_skip_marks(s, n);
    size_t which = 0, k = 0;
    for (size_t w = 0; w < sizeof marker_words / sizeof marker_words[0]; w++)
        if (starts_with_ci(s + i, n - i, marker_words[w])) {
            which = w + 1;
            k = strlen(marker_words[w]);
            break;
        }
    if (!which)
        return 0;
    size_t j = i + k;
    if (j < n) {
        unsigned char c = (unsigned char)s[j];
        int ok =
            c == ' ' || c == '\t' || c == ':' || c == '#' || c == '(' ||
            c == '-' || c == '*' || c == '_' || (c >= '0' && c <= '9') ||
            starts_with(s + j, n - j, "：") ||
            starts_with(s + j, n - j, "（") ||
            starts_with(s + j, n - j, "】") || starts_with(s + j, n - j, "—") ||
            starts_with(s + j, n - j, "　") || cn_numeral_run(s + j, n - j) > 0;
        if (!ok)
            return 0;
    }
    /* Bare when the rest holds no letters other than numerals. */
    *bare = 1;
    while (j < n) {
        unsigned char c = (unsigned char)s[j];
        if (c < 0x80) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                *bare = 0;
                break;
            }
            j++;
            continue;
        }
        size_t num = cn_numeral_run(s + j, n - j);
        if (num) {
            j += num;
            continue;
        }
        /* Full-width punctuation (U+FF00 block, CJK symbols) is fine. */
        if (starts_with(s + j, n - j, "\xEF\xBC") ||
            starts_with(s + j, n - j, "\xE3\x80") ||
            starts_with(s + j, n - j, "\xE2\x80")) {
            j += 3;
            continue;
        }
        *bare = 0;
        break;
    }
    return (int)which;
}

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
    {"面试日期", META_DATE},
    {"面试时间", META_DATE},
    {"日期", META_DATE},
    {"时间", META_DATE},
    {"interview date", META_DATE},
    {"date", META_DATE},
};

/* A "key：value" metadata line; sets the value's range. A date line counts
 * only when its value holds a date. */
static int
meta_kind(const char *s, size_t n, size_t *vb, size_t *ve)
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
        trim_range(s, &b, &e);
        if (b >= e || e - b > META_MAX_BYTES)
            return META_NONE;
        if (meta_keys[k].kind == META_DATE) {
            char date[11];
            if (!parse_date(s + b, e - b, date))
                return META_NONE;
        }
        *vb = b;
        *ve = e;
        return meta_keys[k].kind;
    }
    return META_NONE;
}

/* ---- fenced code --------------------------------------------------------
 *
 * A fence may stand anywhere a note writer puts one: indented under a list
 * item ("1. xxx" then "   ```go"), on the list item's own line ("- ```"),
 * inside a blockquote ("> ```"), with ``` or ~~~ of any length. The closing
 * fence has the same character, at least as many of them and nothing after
 * it, at any indentation and at the opener's quote depth. A fence opened
 * inside a blockquote also ends where the quote ends. A fence that nothing
 * closes is not taken as one (it would hide every heading after it), so
 * the text after it is read as text. */

/* Offset past a line's indentation and blockquote marks ("> > "); *DEPTH
 * gets the number of marks. */
static size_t
quote_prefix(const char *s, size_t n, unsigned *depth)
{
    size_t i = 0;
    unsigned d = 0;
    for (;;) {
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i < n && s[i] == '>') {
            i++;
            d++;
            continue;
        }
        break;
    }
    *depth = d;
    return i;
}

/* Length of a list marker at S ("- ", "* ", "+ ", "1. ", "2) ") with the
 * blanks after it, else 0. */
static size_t
list_marker(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+'))
        i = 1;
    else {
        while (i < n && i < 9 && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == 0 || i >= n || (s[i] != '.' && s[i] != ')'))
            return 0;
        i++;
    }
    if (i >= n || (s[i] != ' ' && s[i] != '\t'))
        return 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

enum { FENCE_NONE = 0, FENCE_OPENS = 1, FENCE_CLOSES = 2 };

/* Whether the line S (N bytes) is a fence, and which kind: FENCE_OPENS
 * (``` or ~~~ and an info string; a backtick fence's info string holds no
 * backtick, so "```x```" is inline code) and FENCE_CLOSES (nothing after
 * the run; such a line can open one too). *CH, *RUN and *DEPTH describe
 * it. */
static int
fence_kind(const char *s, size_t n, char *ch, size_t *run, unsigned *depth)
{
    size_t i = quote_prefix(s, n, depth);
    size_t listed = i + list_marker(s + i, n - i);
    int kinds = FENCE_NONE;
    for (int pass = 0; pass < 2; pass++) {
        /* pass 0: the fence right after the quote marks; pass 1: after a
         * list marker, which only an opener may follow */
        size_t at = pass ? listed : i;
        if (pass && listed == i)
            break;
        if (at >= n || (s[at] != '`' && s[at] != '~'))
            continue;
        size_t k = 0;
        while (at + k < n && s[at + k] == s[at])
            k++;
        if (k < 3)
            continue;
        const char *rest = s + at + k;
        size_t rest_len = n - at - k;
        if (s[at] == '`' && memchr(rest, '`', rest_len))
            continue;
        *ch = s[at];
        *run = k;
        kinds = FENCE_OPENS;
        if (!pass && ivs_text_is_blank(rest, rest_len))
            kinds |= FENCE_CLOSES;
        break;
    }
    return kinds;
}

/* Marks the lines of fenced code blocks (fences included) as code. Two
 * passes, so an opener can tell whether anything closes it: linear. */
static int
mark_code(parser_t *P)
{
    size_t n = P->n_lines;
    /* closer[i]: the longest closing run of ``` (0) and ~~~ (1) at or
     * after line i (at most LINE_PEEK: a line is read that far) */
    uint16_t(*closer)[2] = calloc(n + 1, sizeof *closer);
    if (!closer)
        return -1;
    for (size_t i = n; i-- > 0;) {
        const line_t *L = &P->lines[i];
        size_t len = L->end - L->start;
        char ch;
        size_t run;
        unsigned depth;
        closer[i][0] = closer[i + 1][0];
        closer[i][1] = closer[i + 1][1];
        if (fence_kind(P->text + L->start, len < LINE_PEEK ? len : LINE_PEEK,
                       &ch, &run, &depth) &
            FENCE_CLOSES) {
            uint16_t *c = &closer[i][ch == '~'];
            if (run > *c)
                *c = (uint16_t)run;
        }
    }
    char fence = 0;
    size_t fence_run = 0;
    unsigned fence_depth = 0;
    for (size_t i = 0; i < n; i++) {
        line_t *L = &P->lines[i];
        const char *s = P->text + L->start;
        size_t len = L->end - L->start;
        size_t peek = len < LINE_PEEK ? len : LINE_PEEK;
        char ch;
        size_t run;
        unsigned depth;
        int kind = fence_kind(s, peek, &ch, &run, &depth);
        if (fence) {
            if (fence_depth > 0) {
                unsigned d;
                quote_prefix(s, peek, &d);
                if (d < fence_depth)
                    fence = 0; /* the quote ended, and the code with it */
            }
            if (fence) {
                L->code = 1;
                if ((kind & FENCE_CLOSES) && ch == fence && run >= fence_run)
                    fence = 0;
                continue;
            }
        }
        if ((kind & FENCE_OPENS) && closer[i + 1][ch == '~'] >= run) {
            L->code = 1;
            fence = ch;
            fence_run = run;
            fence_depth = depth;
        }
    }
    free(closer);
    return 0;
}

/* Builds the line table and classifies every line once. */
static int
scan_lines(parser_t *P)
{
    size_t n = 1;
    for (const char *p = P->text, *end = P->text + P->len;
         (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        n++;
    P->lines = calloc(n, sizeof *P->lines);
    if (!P->lines)
        return -1;
    size_t pos = 0, i = 0;
    while (i < n) {
        const char *nl = memchr(P->text + pos, '\n', P->len - pos);
        size_t end = nl ? (size_t)(nl - P->text) : P->len;
        P->lines[i].start = pos;
        P->lines[i].end = end;
        i++;
        pos = end + 1;
        if (!nl)
            break;
    }
    P->n_lines = i;

    if (mark_code(P) < 0)
        return -1;
    for (i = 0; i < P->n_lines; i++) {
        line_t *L = &P->lines[i];
        const char *s = P->text + L->start;
        size_t len = L->end - L->start;
        size_t peek = len < LINE_PEEK ? len : LINE_PEEK;
        L->blank = (unsigned char)ivs_text_is_blank(s, len);
        if (L->code || L->blank)
            continue;
        /* A thematic break is a rule of - * or _ ("===" underlines a
         * setext heading); "---" right under text is a setext underline,
         * not a rule. */
        char mark = len <= LINE_PEEK ? ivs_text_rule_mark(s, len) : 0;
        if (mark && mark != '=' &&
            (i == 0 || P->lines[i - 1].blank || P->lines[i - 1].rule))
            L->rule = 1;
        if (L->rule)
            continue;
        L->atx = (unsigned char)atx_level(s, peek);
        int bare = 0;
        L->marker = (unsigned char)marker_kind(s, peek, &bare);
        L->bare = (unsigned char)bare;
        size_t vb, ve;
        L->meta = (unsigned char)meta_kind(s, len, &vb, &ve);
    }
    return 0;
}

/* A YAML front matter block at the very start: "---" ... "---" or "...".
 * Sets P->body past it and keeps its title and date. */
static int
read_front_matter(parser_t *P)
{
    if (P->n_lines < 2)
        return 0;
    const line_t *first = &P->lines[0];
    size_t b = first->start, e = first->end;
    trim_range(P->text, &b, &e);
    if (e - b != 3 || memcmp(P->text + b, "---", 3) != 0 || b != 0)
        return 0;
    size_t close = 0;
    for (size_t i = 1; i < P->n_lines && i < FRONT_MATTER_MAX_LINES; i++) {
        size_t lb = P->lines[i].start, le = P->lines[i].end;
        trim_range(P->text, &lb, &le);
        if (le - lb == 3 && (memcmp(P->text + lb, "---", 3) == 0 ||
                             memcmp(P->text + lb, "...", 3) == 0)) {
            close = i;
            break;
        }
    }
    if (!close)
        return 0;
    for (size_t i = 1; i < close; i++) {
        const char *s = P->text + P->lines[i].start;
        size_t n = P->lines[i].end - P->lines[i].start;
        size_t vb, ve;
        if (starts_with(s, n, "title:") && !P->fm_title) {
            vb = 6;
            ve = n;
            trim_range(s, &vb, &ve);
            if (ve - vb >= 2 && ((s[vb] == '"' && s[ve - 1] == '"') ||
                                 (s[vb] == '\'' && s[ve - 1] == '\''))) {
                vb++;
                ve--;
            }
            if (ve > vb) {
                P->fm_title = ivs_text_dup(s + vb, ve - vb);
                if (!P->fm_title)
                    return -1;
            }
        } else if (starts_with(s, n, "date:") && !P->fm_date[0]) {
            parse_date(s + 5, n - 5, P->fm_date);
        }
    }
    for (size_t i = 0; i <= close; i++) {
        P->lines[i] =
            (line_t){P->lines[i].start, P->lines[i].end, 0, 1, 0, 0, 0, 0, 0};
    }
    P->body = close + 1;
    return 0;
}

/* ---- headings --------------------------------------------------------------
 */

enum { H_NONE, H_ATX, H_SUMMARY, H_NUMBERED, H_BOLD, H_LABEL };

/* A line that starts with Arabic numbering ("1. tcp三次握手", "(2)", "③"):
 * a question, never a section heading. */
static int
arabic_numbered(const char *s, size_t n)
{
    size_t i = 0;
    for (size_t k; i < n && (k = ivs_text_space_len(s + i, n - i)) > 0;)
        i += k;
    if (i + 1 < n && (s[i] == '-' || s[i] == '*' || s[i] == '+') &&
        s[i + 1] == ' ')
        i += 2;
    if (i < n && s[i] == '(')
        i++;
    else if (starts_with(s + i, n - i, "（"))
        i += 3;
    if (i < n && s[i] >= '0' && s[i] <= '9')
        return 1;
    /* Circled numbers U+2460..U+2473. */
    return i + 2 < n && (unsigned char)s[i] == 0xE2 &&
           (unsigned char)s[i + 1] == 0x91 && (unsigned char)s[i + 2] >= 0xA0 &&
           (unsigned char)s[i + 2] <= 0xB3;
}

/* "一、语言", "七，容器", "（三）网络", "(二) 算法". */
static int
cn_numbered(const char *s, size_t n)
{
    size_t i = 0;
    for (size_t k; i < n && (k = ivs_text_space_len(s + i, n - i)) > 0;)
        i += k;
    if (starts_with(s + i, n - i, "**"))
        i += 2;
    int paren = 0;
    if (starts_with(s + i, n - i, "（")) {
        i += 3;
        paren = 1;
    } else if (i < n && s[i] == '(') {
        i++;
        paren = 1;
    }
    size_t run = cn_numeral_run(s + i, n - i);
    if (!run)
        return 0;
    i += run;
    if (paren)
        return starts_with(s + i, n - i, "）") || (i < n && s[i] == ')');
    return starts_with(s + i, n - i, "、") || starts_with(s + i, n - i, "，") ||
           starts_with(s + i, n - i, "．") ||
           (i < n && (s[i] == '.' || s[i] == ','));
}

static int
has_sentence_punct(const char *s, size_t n)
{
    static const char *const puncts[] = {"，", "。", "？", "！", "；", "：",
                                         ",",  "?",  "!",  ";",  ":"};
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < sizeof puncts / sizeof puncts[0]; k++)
            if (starts_with(s + i, n - i, puncts[k]))
                return 1;
    return 0;
}

/* Copies a heading without its decoration: HTML tags, Markdown marks,
 * numbering ("一、", "1.", "（三）"), emphasis, a trailing colon and a
 * trailing {attribute} block. At most HEADING_MAX_BYTES, cut on a character
 * boundary. Returns NULL when out of memory. */
static char *
clean_heading(const char *s, size_t n)
{
    if (n > LINE_PEEK * 2)
        n = char_floor(s, LINE_PEEK * 2);
    char *buf = malloc(n + 1);
    if (!buf)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '<' && i + 1 < n &&
            (s[i + 1] == '/' || s[i + 1] == '!' ||
             (s[i + 1] >= 'a' && s[i + 1] <= 'z') ||
             (s[i + 1] >= 'A' && s[i + 1] <= 'Z'))) {
            const char *gt = memchr(s + i, '>', n - i);
            if (gt) {
                i = (size_t)(gt - s);
                continue;
            }
        }
        buf[o++] = s[i] == '\t' ? ' ' : s[i];
    }
    size_t b = 0, e = o;
    for (int round = 0; round < 4; round++) {
        size_t before_b = b, before_e = e;
        b += ivs_text_skip_marks(buf + b, e - b);
        for (;;) {
            size_t keep = e;
            trim_range(buf, &b, &e);
            while (e > b && (buf[e - 1] == ':' || buf[e - 1] == '#' ||
                             buf[e - 1] == '*' || buf[e - 1] == '_' ||
                             buf[e - 1] == ']' || buf[e - 1] == '`'))
                e--;
            if (e >= b + 3 && (memcmp(buf + e - 3, "：", 3) == 0 ||
                               memcmp(buf + e - 3, "】", 3) == 0))
                e -= 3;
            if (e > b && buf[e - 1] == '}') {
                size_t j = e - 1;
                while (j > b && buf[j] != '{')
                    j--;
                if (buf[j] == '{')
                    e = j;
            }
            if (e == keep)
                break;
        }
        if (b == before_b && e == before_e)
            break;
    }
    size_t len = e - b;
    if (len > HEADING_MAX_BYTES)
        len = char_floor(buf + b, HEADING_MAX_BYTES);
    memmove(buf, buf + b, len);
    buf[len] = '\0';
    return buf;
}

typedef struct {
    int kind;
    int level;     /* ATX level */
    size_t tb, te; /* heading text range inside the line */
} heading_t;

/* Classifies line I as a section heading. MARKDOWN says the record has
 * Markdown headings: then a "label:" line is a heading only when it names a
 * topic, since Markdown prose often ends a sentence with a colon. */
static int
classify_heading(const parser_t *P, size_t i, int markdown, heading_t *h)
{
    const line_t *L = &P->lines[i];
    if (L->blank || L->code || L->rule || L->meta)
        return H_NONE;
    const char *s = P->text + L->start;
    size_t n = L->end - L->start;
    size_t rest;
    if (L->atx) {
        size_t peek = n < LINE_PEEK ? n : LINE_PEEK;
        int summary = ivs_verdict_summary_label(s, peek, &rest) && rest == peek;
        *h = (heading_t){summary ? H_SUMMARY : H_ATX, L->atx, 0, n};
        return h->kind;
    }
    if (n > LINE_PEEK)
        return H_NONE;
    int numbered = arabic_numbered(s, n);
    if (!numbered && ivs_verdict_summary_label(s, n, &rest)) {
        *h = (heading_t){H_SUMMARY, 0, 0, rest};
        return H_SUMMARY;
    }
    /* A marker such as "面试内容：" opens an interview; it is no section. */
    if (numbered || (L->marker && L->bare))
        return H_NONE;
    if (cn_numbered(s, n)) {
        size_t b = 0, e = n;
        trim_range(s, &b, &e);
        if (count_chars(s + b, e - b) <= 48) {
            *h = (heading_t){H_NUMBERED, 0, 0, n};
            return H_NUMBERED;
        }
        return H_NONE;
    }
    size_t b = 0, e = n;
    trim_range(s, &b, &e);
    if (e - b < 2)
        return H_NONE;
    /* "**网络**", "**网络：**", "**网络**：" */
    if (starts_with(s + b, e - b, "**")) {
        size_t ie = e;
        if (ie >= b + 3 && memcmp(s + ie - 3, "：", 3) == 0)
            ie -= 3;
        else if (s[ie - 1] == ':')
            ie--;
        if (ie >= b + 4 && memcmp(s + ie - 2, "**", 2) == 0) {
            size_t ib = b + 2, iend = ie - 2;
            if (iend >= ib + 3 && memcmp(s + iend - 3, "：", 3) == 0)
                iend -= 3;
            else if (iend > ib && s[iend - 1] == ':')
                iend--;
            int inner_bold = 0;
            for (size_t k = ib; k + 1 < iend; k++)
                if (s[k] == '*' && s[k + 1] == '*')
                    inner_bold = 1;
            if (iend > ib && !inner_bold &&
                count_chars(s + ib, iend - ib) <= 40 &&
                !has_sentence_punct(s + ib, iend - ib)) {
                *h = (heading_t){H_BOLD, 0, 0, n};
                return H_BOLD;
            }
        }
        return H_NONE;
    }
    /* "go 语言:", "k8s:", "网络协议：" */
    size_t le = e;
    if (le >= b + 3 && memcmp(s + le - 3, "：", 3) == 0)
        le -= 3;
    else if (s[le - 1] == ':')
        le--;
    else
        return H_NONE;
    size_t lb = b + ivs_text_skip_marks(s + b, le - b);
    trim_range(s, &lb, &le);
    if (le <= lb || count_chars(s + lb, le - lb) > 24 ||
        has_sentence_punct(s + lb, le - lb))
        return H_NONE;
    if (markdown && !ivs_topics_for_heading(P->topics, s + lb, le - lb))
        return H_NONE;
    *h = (heading_t){H_LABEL, 0, 0, n};
    return H_LABEL;
}

/* ---- records ----------------------------------------------------------------
 */

typedef struct {
    ivs_section_t *items;
    size_t n, cap;
} sections_t;

static int
sections_push(sections_t *S, ivs_section_t sec)
{
    if (ivs_grow(&S->items, &S->cap, S->n + 1, sizeof *S->items, 8) < 0)
        return -1;
    S->items[S->n++] = sec;
    return 0;
}

static int
memmem_range(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, needle, k) == 0)
            return 1;
    return 0;
}

/* The title from a content line: its text without list marks or
 * numbering, tabs as spaces, cut to TITLE_MAX_CHARS characters. */
static char *
title_from(const char *s, size_t n)
{
    size_t b = ivs_text_skip_marks(s, n < LINE_PEEK * 4 ? n : LINE_PEEK * 4);
    size_t e = n;
    trim_range(s, &b, &e);
    /* An opening bracket whose closer stands inside the text belongs to it:
     * "[expect fail] case 4", "[链接](url) 说明". */
    if (b > 0 && s[b - 1] == '[' && memchr(s + b, ']', e - b) &&
        s[e - 1] != ']')
        b--;
    else if (b >= 3 && memcmp(s + b - 3, "【", 3) == 0 &&
             memmem_range(s + b, e - b, "】") &&
             !(e >= b + 3 && memcmp(s + e - 3, "】", 3) == 0))
        b -= 3;
    /* Closers whose openers the mark skipping took: "【关于…】", "**…**". */
    for (;;) {
        if (e >= b + 3 && memcmp(s + e - 3, "】", 3) == 0 &&
            !memmem_range(s + b, e - b, "【"))
            e -= 3;
        else if (e >= b + 2 && memcmp(s + e - 2, "**", 2) == 0 &&
                 !memmem_range(s + b, e - 2 - b, "**"))
            e -= 2;
        else
            break;
        trim_range(s, &b, &e);
    }
    size_t chars = 0, i = b;
    while (i < e && chars < TITLE_MAX_CHARS) {
        i++;
        while (i < e && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        chars++;
    }
    int cut = i < e;
    char *t = malloc(i - b + 4);
    if (!t)
        return NULL;
    size_t o = 0;
    for (size_t k = b; k < i; k++) {
        unsigned char c = (unsigned char)s[k];
        t[o++] = c < 0x20 ? ' ' : (char)c;
    }
    while (o > 0 && t[o - 1] == ' ')
        o--;
    if (cut) {
        memcpy(t + o, "…", 3);
        o += 3;
    }
    t[o] = '\0';
    return t;
}

/* Words that open a line saying where a text comes from or who wrote it
 * ("来源：https://…", "原文链接", "Source:", "作者：…"), as copied notes and
 * articles carry; lower case. */
static const char *const attribution_keys[] = {
    "原文链接", "原文地址", "原文出处", "原文", "本文链接", "本文地址",
    "本文来源", "本文作者", "文章来源", "文章链接", "文章作者", "来源",
    "出处", "链接", "地址", "作者", "转载", "转自", "参考链接", "参考资料",
    "参考文章", "参考", "版权声明", "版权", "声明", "source", "original",
    "originally published", "author", "authors", "written by", "posted by",
    "by", "via", "from", "link", "links", "url", "reference", "references",
    "credit", "credits", "copyright"};

/* Phrases that make an attribution without a colon ("原文链接 https://…",
 * "本文转载自掘金", "著作权归作者所有。商业转载…"). */
static const char *const attribution_phrases[] = {
    "原文链接", "原文地址", "本文链接", "本文转载", "转载自", "转载请",
    "著作权归", "版权归", "copyright", "©"};

/* Whether line S (N bytes) is a source or author attribution, or a bare
 * link: never the title of what follows. */
static int
attribution_line(const char *s, size_t n)
{
    if (n > LINE_PEEK)
        n = LINE_PEEK;
    size_t b = ivs_text_skip_marks(s, n), e = n;
    trim_range(s, &b, &e);
    if (b > 0 && s[b - 1] == '<')
        b--;
    if (starts_with(s + b, e - b, "<"))
        b++;
    if (starts_with_ci(s + b, e - b, "http://") ||
        starts_with_ci(s + b, e - b, "https://") ||
        starts_with_ci(s + b, e - b, "www."))
        return 1;
    for (size_t k = 0; k < sizeof attribution_phrases / sizeof *attribution_phrases;
         k++)
        if (starts_with_ci(s + b, e - b, attribution_phrases[k]))
            return 1;
    for (size_t k = 0; k < sizeof attribution_keys / sizeof *attribution_keys;
         k++) {
        const char *key = attribution_keys[k];
        if (!starts_with_ci(s + b, e - b, key))
            continue;
        size_t j = b + strlen(key);
        while (j < e && (s[j] == ' ' || s[j] == '\t' || s[j] == '*' ||
                         s[j] == '_' || s[j] == ']'))
            j++;
        if (starts_with(s + j, e - j, "：") || (j < e && s[j] == ':'))
            return 1;
    }
    return 0;
}

/* Whether a line can serve as a title: it has words, and is not a table of
 * contents mark, an image, an HTML comment or an attribution. */
static int
titleworthy(const char *s, size_t n)
{
    size_t b = ivs_text_skip_marks(s, n < LINE_PEEK ? n : LINE_PEEK), e = n;
    trim_range(s, &b, &e);
    if (e <= b)
        return 0;
    if (starts_with_ci(s + b, e - b, "[toc]") ||
        starts_with(s + b, e - b, "![") || starts_with(s + b, e - b, "<!--") ||
        attribution_line(s, n))
        return 0;
    size_t limit = e - b < LINE_PEEK ? e : b + LINE_PEEK;
    for (size_t i = b; i < limit; i++)
        if (is_ascii_alnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0xE4)
            return 1;
    return 0;
}

static void
free_record(ivs_record_t *r)
{
    for (size_t i = 0; i < r->n_sections; i++)
        free(r->sections[i].heading);
    free(r->sections);
    free(r->topics);
    free(r->title);
    free(r->candidate);
    free(r->role);
    free(r->date);
}

/* Whether a topic id names a subject (not the catch-all "other"). */
static int
topical(const char *topic)
{
    return topic && strcmp(topic, "other") != 0;
}

/* Whether lines [A, B) hold content: a part of an archive that holds only
 * headings is not an interview; a whole file that does is still one
 * record. */
static int
has_content(const parser_t *P, size_t a, size_t b)
{
    const line_t *lines = P->lines;
    int content = 0;
    for (size_t i = a; i < b && !content; i++)
        content = !lines[i].blank && !lines[i].rule &&
                  (P->single || !lines[i].atx) &&
                  !(lines[i].marker && lines[i].bare);
    return content;
}

/* The sections of record R (lines [A, B)) into S, each with its topic: a
 * sub-heading without a topic word belongs to its parent's. The first
 * line is skipped when it is the record's OWN_HEADING. Returns -1 when out
 * of memory (S holds what was built). */
static int
record_sections(const parser_t *P, size_t a, size_t b, int own_heading,
                int markdown, const ivs_record_t *r, sections_t *S)
{
    const line_t *lines = P->lines;
    const char *atx_topic[7] = {0};
    for (size_t i = a + (own_heading ? 1 : 0); i < b; i++) {
        heading_t h;
        if (classify_heading(P, i, markdown, &h) == H_NONE)
            continue;
        const char *s = P->text + lines[i].start;
        char *text = clean_heading(s + h.tb, h.te - h.tb);
        if (!text)
            return -1;
        if (!text[0] && h.kind != H_ATX) {
            free(text);
            continue;
        }
        const char *topic = NULL;
        if (h.kind != H_SUMMARY)
            topic = ivs_topics_for_heading(P->topics, text, strlen(text));
        if (h.kind == H_SUMMARY && h.level) {
            for (int l = h.level; l <= 6; l++)
                atx_topic[l] = NULL;
        } else if (h.kind == H_ATX) {
            /* A sub-heading without a topic word belongs to its parent's. */
            if (!topic)
                for (int l = h.level - 1; l >= 1 && !topic; l--)
                    topic = atx_topic[l];
            for (int l = h.level; l <= 6; l++)
                atx_topic[l] = NULL;
            atx_topic[h.level] = topic;
        }
        if (S->n > 0)
            S->items[S->n - 1].end = lines[i].start - r->start;
        if (sections_push(S,
                          (ivs_section_t){text, topic, lines[i].start - r->start,
                                          r->text_len}) < 0) {
            free(text);
            return -1;
        }
    }
    return 0;
}

/* The topics of R: its sections', plus content keywords when no heading
 * names a subject. Returns -1 when out of memory. */
static int
record_topics(const parser_t *P, ivs_record_t *r)
{
    size_t n_topics = ivs_topics_count(P->topics);
    if (n_topics == 0)
        return 0;
    unsigned char *sel = calloc(n_topics, 1);
    if (!sel)
        return -1;
    int any_topical = 0;
    for (size_t k = 0; k < r->n_sections; k++)
        any_topical |= topical(r->sections[k].topic);
    if (!any_topical &&
        ivs_topics_match_content(P->topics, r->text, r->text_len, sel) < 0) {
        free(sel);
        return -1;
    }
    size_t count = 0;
    for (size_t t = 0; t < n_topics; t++) {
        const char *id = ivs_topics_id(P->topics, t);
        for (size_t k = 0; k < r->n_sections && !sel[t]; k++)
            sel[t] = r->sections[k].topic == id;
        count += sel[t];
    }
    r->topics = malloc((count ? count : 1) * sizeof *r->topics);
    if (!r->topics) {
        free(sel);
        return -1;
    }
    for (size_t t = 0; t < n_topics; t++)
        if (sel[t])
            r->topics[r->n_topics++] = ivs_topics_id(P->topics, t);
    free(sel);
    return 0;
}

/* Candidate, role and date of R from the metadata lines among the first of
 * [A, B), else the date of its OWN_HEADING or of the front matter. Returns
 * -1 when out of memory. */
static int
record_fields(const parser_t *P, size_t a, size_t b, int own_heading,
              ivs_record_t *r)
{
    const line_t *lines = P->lines;
    for (size_t i = a, seen = 0; i < b && seen < META_SCAN_LINES; i++) {
        if (lines[i].blank)
            continue;
        seen++;
        if (!lines[i].meta)
            continue;
        const char *s = P->text + lines[i].start;
        size_t n = lines[i].end - lines[i].start, vb, ve;
        int kind = meta_kind(s, n, &vb, &ve);
        char **slot = kind == META_CANDIDATE ? &r->candidate
                      : kind == META_ROLE    ? &r->role
                                             : &r->date;
        if (*slot)
            continue;
        if (kind == META_DATE) {
            char date[11];
            if (parse_date(s + vb, ve - vb, date))
                *slot = ivs_text_dup(date, 10);
        } else {
            *slot = ivs_text_dup(s + vb, ve - vb);
        }
        if (!*slot)
            return -1;
    }
    if (!r->date && own_heading) {
        char date[11];
        const char *s = P->text + lines[a].start;
        size_t n = lines[a].end - lines[a].start;
        if (parse_date(s, n < LINE_PEEK ? n : LINE_PEEK, date) &&
            !(r->date = ivs_text_dup(date, 10)))
            return -1;
    }
    if (!r->date && P->single && P->fm_date[0] &&
        !(r->date = ivs_text_dup(P->fm_date, 10)))
        return -1;
    return 0;
}

/* Frees *TITLE and sets it to NULL when it is empty. */
static void
drop_empty(char **title)
{
    if (*title && !(*title)[0]) {
        free(*title);
        *title = NULL;
    }
}

/* The title of R (lines [A, B)): its OWN_HEADING, the front matter's,
 * whichever comes first of a Markdown heading and a titleworthy line of
 * content, the first line that is no attribution, or the first line.
 * Returns -1 when out of memory. */
static int
record_title(const parser_t *P, size_t a, size_t b, int own_heading,
             int markdown, ivs_record_t *r)
{
    const line_t *lines = P->lines;
    if (own_heading) {
        r->title = clean_heading(P->text + lines[a].start,
                                 lines[a].end - lines[a].start);
        drop_empty(&r->title);
    }
    if (!r->title && P->single && P->fm_title)
        r->title = title_from(P->fm_title, strlen(P->fm_title));
    /* Else whichever comes first: a Markdown heading, or a line of
     * content (other headings such as "一、语言" and markers are skipped). */
    for (size_t i = a; i < b && !r->title; i++) {
        heading_t h;
        const char *s = P->text + lines[i].start;
        size_t n = lines[i].end - lines[i].start;
        if (lines[i].blank || lines[i].rule || lines[i].code ||
            (lines[i].marker && lines[i].bare))
            continue;
        int kind = classify_heading(P, i, markdown, &h);
        if (kind == H_ATX && !attribution_line(s, n)) {
            r->title = clean_heading(s, n);
            if (!r->title)
                return -1;
            drop_empty(&r->title);
            continue;
        }
        if (kind != H_NONE || !titleworthy(s, n))
            continue;
        if (!(r->title = title_from(s, n)))
            return -1;
    }
    /* Nothing titleworthy: the first line that is no attribution. */
    for (size_t i = a; i < b && !r->title; i++) {
        const char *s = P->text + lines[i].start;
        size_t n = lines[i].end - lines[i].start;
        if (!lines[i].blank && !attribution_line(s, n) &&
            !(r->title = title_from(s, n)))
            return -1;
        drop_empty(&r->title);
    }
    if (!r->title)
        r->title =
            title_from(P->text + lines[a].start, lines[a].end - lines[a].start);
    return r->title ? 0 : -1;
}

/* Builds the record for lines [A, B) and reports it. OWN_HEADING says the
 * first line is the record's own Markdown heading (its title, not a
 * section). Returns 0, the callback's value, or -1 when out of memory. */
static int
emit_record(parser_t *P, size_t a, size_t b, int own_heading)
{
    const line_t *lines = P->lines;
    while (a < b && (lines[a].blank || lines[a].rule))
        a++;
    while (b > a && (lines[b - 1].blank || lines[b - 1].rule))
        b--;
    if (!has_content(P, a, b))
        return 0;

    ivs_record_t r;
    memset(&r, 0, sizeof r);
    r.source = P->source;
    r.ordinal = ++P->ordinal;
    r.start = lines[a].start;
    r.end = lines[b - 1].end;
    r.text = P->text + r.start;
    r.text_len = r.end - r.start;
    int rc = -1;

    sections_t S = {0};
    int markdown = 0;
    for (size_t i = a; i < b && !markdown; i++)
        markdown = lines[i].atx && !lines[i].code;
    if (record_sections(P, a, b, own_heading, markdown, &r, &S) < 0)
        goto out;
    r.sections = S.items;
    r.n_sections = S.n;
    if (record_topics(P, &r) < 0 || record_fields(P, a, b, own_heading, &r) < 0 ||
        record_title(P, a, b, own_heading, markdown, &r) < 0)
        goto out;

    r.verdict = ivs_verdict_detect(r.text, r.text_len);
    rc = P->cb ? P->cb(P->ctx, &r) : 0;
out:
    r.sections = S.items;
    r.n_sections = S.n;
    free_record(&r);
    return rc;
}

/* ---- splitting
 * --------------------------------------------------------------- */

/* Whether lines [A, B) read as one interview rather than a chapter: a
 * verdict, a candidate/role/date line, or a first line that is a marker or
 * carries a date. */
static int
chunk_signals(const parser_t *P, size_t a, size_t b)
{
    const line_t *lines = P->lines;
    while (a < b && lines[a].blank)
        a++;
    if (a >= b)
        return 0;
    for (size_t i = a; i < b; i++)
        if (lines[i].meta && !lines[i].code)
            return 1;
    const char *s = P->text + lines[a].start;
    size_t n = lines[a].end - lines[a].start;
    char date[11];
    if (lines[a].marker ||
        (lines[a].atx && parse_date(s, n < LINE_PEEK ? n : LINE_PEEK, date)))
        return 1;
    size_t start = lines[a].start, end = lines[b - 1].end;
    return ivs_verdict_detect(P->text + start, end - start) !=
           IVS_VERDICT_UNKNOWN;
}

/* Whether SIGNALS of PARTS parts make them interviews: at least two, and
 * at least half. */
static int
enough_signals(size_t signals, size_t parts)
{
    return signals >= 2 && signals * 2 >= parts;
}

static size_t
content_lines(const parser_t *P, size_t a, size_t b)
{
    size_t c = 0;
    for (size_t i = a; i < b; i++)
        c += !P->lines[i].blank && !P->lines[i].rule && !P->lines[i].atx;
    return c;
}

/* Reports the text before the first boundary: a record when it has some
 * substance (three lines, or an interview signal); a file title or a line
 * of introduction is not an interview. */
static int
emit_preamble(parser_t *P, size_t b)
{
    if (b <= P->body)
        return 0;
    if (content_lines(P, P->body, b) >= 3 || chunk_signals(P, P->body, b))
        return emit_record(P, P->body, b, 0);
    return 0;
}

/* Records separated by marker lines ("面试内容："). A marker word splits
 * when it repeats and its first use opens the notes (at most two lines
 * before it), so a word like 面试评价 that closes each interview does not. */
static int
split_markers(parser_t *P, int *done)
{
    size_t n_words = sizeof marker_words / sizeof marker_words[0];
    size_t best_first = SIZE_MAX;
    int best = 0;
    for (size_t w = 1; w <= n_words; w++) {
        size_t count = 0, first = SIZE_MAX, before = 0;
        for (size_t i = P->body; i < P->n_lines; i++) {
            const line_t *L = &P->lines[i];
            if (L->code)
                continue;
            if (L->marker == w) {
                if (!count)
                    first = i;
                count++;
            } else if (!count && !L->blank && !L->rule) {
                before++;
            }
        }
        if (count >= 2 && before <= 2 && first < best_first) {
            best_first = first;
            best = (int)w;
        }
    }
    if (!best)
        return 0;
    *done = 1;
    int rc = emit_preamble(P, best_first);
    /* A bare marker is left out of its record; a marker that is a
     * Markdown heading ("## 面试记录 3") stays as the record's title. */
    size_t start = SIZE_MAX;
    int own_heading = 0;
    for (size_t i = best_first; i < P->n_lines && rc == 0; i++) {
        const line_t *L = &P->lines[i];
        if (L->code || L->marker != best)
            continue;
        if (start != SIZE_MAX)
            rc = emit_record(P, start, i, own_heading);
        own_heading = L->atx != 0;
        start = L->bare && !L->atx ? i + 1 : i;
    }
    if (rc == 0 && start != SIZE_MAX)
        rc = emit_record(P, start, P->n_lines, own_heading);
    return rc;
}

/* Records under Markdown headings of one level, when at least two of them
 * and at least half carry interview signals. The outermost such level
 * wins. A generic article with many headings has no such level. */
static int
split_headings(parser_t *P, int *done)
{
    size_t *heads = malloc((P->n_lines + 1) * sizeof *heads);
    if (!heads)
        return -1;
    int level = 0;
    size_t n_heads = 0;
    for (int l = 1; l <= 6 && !level; l++) {
        n_heads = 0;
        for (size_t i = P->body; i < P->n_lines; i++)
            if (!P->lines[i].code && P->lines[i].atx && P->lines[i].atx <= l)
                heads[n_heads++] = i;
        size_t at_level = 0, signals = 0, unseen;
        for (size_t k = 0; k < n_heads; k++)
            at_level += P->lines[heads[k]].atx == l;
        if (at_level < 2)
            continue;
        unseen = at_level;
        /* until the count decides (verdict detection is the costly part
         * of the test) */
        for (size_t k = 0; k < n_heads && !enough_signals(signals, at_level) &&
                           enough_signals(signals + unseen, at_level);
             k++) {
            if (P->lines[heads[k]].atx != l)
                continue;
            size_t end = k + 1 < n_heads ? heads[k + 1] : P->n_lines;
            signals += (size_t)chunk_signals(P, heads[k], end);
            unseen--;
        }
        if (enough_signals(signals, at_level))
            level = l;
    }
    int rc = 0;
    if (level) {
        *done = 1;
        rc = emit_preamble(P, n_heads ? heads[0] : P->n_lines);
        for (size_t k = 0; k < n_heads && rc == 0; k++) {
            size_t end = k + 1 < n_heads ? heads[k + 1] : P->n_lines;
            if (P->lines[heads[k]].atx == level)
                rc = emit_record(P, heads[k], end, 1);
            else if (content_lines(P, heads[k], end) >= 3 ||
                     chunk_signals(P, heads[k], end))
                rc = emit_record(P, heads[k], end, 0); /* a part's intro */
        }
    }
    free(heads);
    return rc;
}

/* Records that each open with a block of candidate metadata
 * ("候选人：张三" after a blank line, with its role/date lines). */
static int
split_candidates(parser_t *P, int *done)
{
    size_t *starts = malloc((P->n_lines + 1) * sizeof *starts);
    if (!starts)
        return -1;
    size_t n = 0;
    for (size_t i = P->body; i < P->n_lines; i++) {
        if (P->lines[i].code || P->lines[i].meta != META_CANDIDATE)
            continue;
        size_t s = i;
        while (s > P->body && s + 5 > i && P->lines[s - 1].meta &&
               !P->lines[s - 1].code)
            s--;
        if (s == P->body || P->lines[s - 1].blank || P->lines[s - 1].rule ||
            P->lines[s - 1].code)
            starts[n++] = s;
    }
    int rc = 0;
    if (n >= 2) {
        *done = 1;
        rc = emit_preamble(P, starts[0]);
        for (size_t k = 0; k < n && rc == 0; k++)
            rc = emit_record(P, starts[k],
                             k + 1 < n ? starts[k + 1] : P->n_lines, 0);
    }
    free(starts);
    return rc;
}

/* Records between "---" rules, when the parts read as interviews. */
static int
split_rules(parser_t *P, int *done)
{
    size_t parts = 0, signals = 0, start = P->body;
    for (size_t i = P->body; i <= P->n_lines; i++) {
        if (i < P->n_lines && !(P->lines[i].rule && !P->lines[i].code))
            continue;
        parts += content_lines(P, start, i) > 0;
        start = i + 1;
    }
    if (parts < 2)
        return 0;
    start = P->body;
    size_t unseen = parts;
    for (size_t i = P->body; i <= P->n_lines &&
                             !enough_signals(signals, parts) &&
                             enough_signals(signals + unseen, parts);
         i++) {
        if (i < P->n_lines && !(P->lines[i].rule && !P->lines[i].code))
            continue;
        if (content_lines(P, start, i) > 0) {
            signals += (size_t)chunk_signals(P, start, i);
            unseen--;
        }
        start = i + 1;
    }
    if (!enough_signals(signals, parts))
        return 0;
    *done = 1;
    int rc = 0;
    start = P->body;
    for (size_t i = P->body; i <= P->n_lines && rc == 0; i++) {
        if (i < P->n_lines && !(P->lines[i].rule && !P->lines[i].code))
            continue;
        rc = emit_record(P, start, i, 0);
        start = i + 1;
    }
    return rc;
}

int
ivs_archive_parse(const ivs_topics_t *topics, const char *source,
                  const char *text, size_t len, ivs_record_cb cb, void *ctx)
{
    if (!text || len == 0)
        return 0;
    parser_t P;
    memset(&P, 0, sizeof P);
    P.topics = topics;
    P.source = source;
    P.text = text;
    P.len = len;
    P.cb = cb;
    P.ctx = ctx;
    int rc = -1;
    if (scan_lines(&P) < 0 || read_front_matter(&P) < 0)
        goto out;

    int done = 0;
    rc = split_markers(&P, &done);
    if (!done && rc == 0)
        rc = split_headings(&P, &done);
    if (!done && rc == 0)
        rc = split_candidates(&P, &done);
    if (!done && rc == 0)
        rc = split_rules(&P, &done);
    if (!done && rc == 0) {
        P.single = 1;
        rc = emit_record(&P, P.body, P.n_lines, 0);
    }
out:
    free(P.lines);
    free(P.fm_title);
    return rc;
}

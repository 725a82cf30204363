/* The archive parser's lines: each line classified (blank, rule, heading,
 * marker, metadata, fenced code), dates, the front matter. */
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "ivs/grow.h"
#include "ivs/record.h"
#include "ivs/text.h"
#include "archive_internal.h"
#include "record_internal.h"

/* ---- small text helpers ------------------------------------------------ */

void
ivs_archive_trim_range(const char *s, size_t *b, size_t *e)
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

static const char *const cn_numerals[] = {"一", "二", "三", "四", "五", "六",
                                          "七", "八", "九", "十", "零", "〇"};

/* Length of a run of Chinese numerals at S. */
size_t
ivs_archive_cn_numeral_run(const char *s, size_t n)
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

int
ivs_archive_format_date(unsigned y, unsigned m, unsigned d, char out[11])
{
    static const unsigned days[] = {31, 29, 31, 30, 31, 30,
                                    31, 31, 30, 31, 30, 31};
    out[0] = '\0';
    if (y > 9999 || m < 1 || m > 12 || d < 1 || d > days[m - 1] ||
        (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 || y % 400 == 0))))
        return 0;
    char tmp[40]; /* the bounds above make it 10 characters */
    snprintf(tmp, sizeof tmp, "%04u-%02u-%02u", y, m, d);
    memcpy(out, tmp, 11);
    return 1;
}

/* Finds the first date (2024-03-01, 2024/3/1, 2024.10.15, 2024年3月1日) in
 * S and writes it to OUT as YYYY-MM-DD. Returns 1 when found. */
int
ivs_archive_parse_date(const char *s, size_t n, char out[11])
{
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
        if (k < 1 || k > 2 || !ivs_archive_format_date(y, m, d, out))
            continue;
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
_Static_assert(sizeof marker_words / sizeof marker_words[0] == MARKER_WORDS,
               "MARKER_WORDS counts marker_words");

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
        int ok = c == ' ' || c == '\t' || c == ':' || c == '#' || c == '(' ||
                 c == '-' || c == '*' || c == '_' || (c >= '0' && c <= '9') ||
                 starts_with(s + j, n - j, "：") ||
                 starts_with(s + j, n - j, "（") ||
                 starts_with(s + j, n - j, "】") ||
                 starts_with(s + j, n - j, "—") ||
                 starts_with(s + j, n - j, "　") ||
                 ivs_archive_cn_numeral_run(s + j, n - j) > 0;
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
        size_t num = ivs_archive_cn_numeral_run(s + j, n - j);
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
int
ivs_archive_scan_lines(parser_t *P)
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
        L->meta = (unsigned char)ivs_archive_meta_kind(s, len, &vb, &ve);
    }
    return 0;
}

/* A YAML front matter block at the very start: "---" ... "---" or "...".
 * Sets P->body past it and keeps its title and date. */
int
ivs_archive_read_front_matter(parser_t *P)
{
    if (P->n_lines < 2)
        return 0;
    const line_t *first = &P->lines[0];
    size_t b = first->start, e = first->end;
    ivs_archive_trim_range(P->text, &b, &e);
    if (e - b != 3 || memcmp(P->text + b, "---", 3) != 0 || b != 0)
        return 0;
    size_t close = 0;
    for (size_t i = 1; i < P->n_lines && i < FRONT_MATTER_MAX_LINES; i++) {
        size_t lb = P->lines[i].start, le = P->lines[i].end;
        ivs_archive_trim_range(P->text, &lb, &le);
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
            ivs_archive_trim_range(s, &vb, &ve);
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
            ivs_archive_parse_date(s + 5, n - 5, P->fm_date);
        }
    }
    for (size_t i = 0; i <= close; i++) {
        P->lines[i] =
            (line_t){P->lines[i].start, P->lines[i].end, 0, 1, 0, 0, 0, 0, 0};
    }
    P->body = close + 1;
    return 0;
}

/* One interview record of an archive: its sections and their topics, its
 * topics, candidate/role/date, title and verdict. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/grow.h"
#include "ivs/record.h"
#include "ivs/text.h"
#include "archive_internal.h"
#include "record_internal.h"

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
    size_t run = ivs_archive_cn_numeral_run(s + i, n - i);
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
            ivs_archive_trim_range(buf, &b, &e);
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
        *h = (heading_t){.kind = summary ? H_SUMMARY : H_ATX,
                         .level = L->atx,
                         .tb = 0,
                         .te = n};
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
        ivs_archive_trim_range(s, &b, &e);
        if (count_chars(s + b, e - b) <= 48) {
            *h = (heading_t){H_NUMBERED, 0, 0, n};
            return H_NUMBERED;
        }
        return H_NONE;
    }
    size_t b = 0, e = n;
    ivs_archive_trim_range(s, &b, &e);
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
    ivs_archive_trim_range(s, &lb, &le);
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
    ivs_archive_trim_range(s, &b, &e);
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
        ivs_archive_trim_range(s, &b, &e);
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
    "原文链接", "原文地址", "原文出处",   "原文",
    "本文链接", "本文地址", "本文来源",   "本文作者",
    "文章来源", "文章链接", "文章作者",   "来源",
    "出处",     "链接",     "地址",       "作者",
    "转载",     "转自",     "参考链接",   "参考资料",
    "参考文章", "参考",     "版权声明",   "版权",
    "声明",     "source",   "original",   "originally published",
    "author",   "authors",  "written by", "posted by",
    "by",       "via",      "from",       "link",
    "links",    "url",      "reference",  "references",
    "credit",   "credits",  "copyright"};

/* Phrases that make an attribution without a colon ("原文链接 https://…",
 * "本文转载自掘金", "著作权归作者所有。商业转载…"). */
static const char *const attribution_phrases[] = {
    "原文链接", "原文地址", "本文链接", "本文转载",  "转载自",
    "转载请",   "著作权归", "版权归",   "copyright", "©"};

/* Whether line S (N bytes) is a source or author attribution, or a bare
 * link: never the title of what follows. */
static int
attribution_line(const char *s, size_t n)
{
    if (n > LINE_PEEK)
        n = LINE_PEEK;
    size_t b = ivs_text_skip_marks(s, n), e = n;
    ivs_archive_trim_range(s, &b, &e);
    if (b > 0 && s[b - 1] == '<')
        b--;
    if (starts_with(s + b, e - b, "<"))
        b++;
    if (starts_with_ci(s + b, e - b, "http://") ||
        starts_with_ci(s + b, e - b, "https://") ||
        starts_with_ci(s + b, e - b, "www."))
        return 1;
    for (size_t k = 0;
         k < sizeof attribution_phrases / sizeof *attribution_phrases; k++)
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
    ivs_archive_trim_range(s, &b, &e);
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
    free(r->round);
    free(r->interviewer);
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
        if (sections_push(S, (ivs_section_t){text, topic,
                                             lines[i].start - r->start,
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

/* A title that is a header line ("候选人：张三", as an ATS export's
 * block opens) names the interview by its fields instead: "张三 · Go 后端 ·
 * 二面". Returns -1 when out of memory. */
static int
fields_title(ivs_record_t *r)
{
    size_t vb, ve;
    if (!r->title || ivs_archive_meta_kind(r->title, strlen(r->title), &vb,
                                           &ve) == META_NONE)
        return 0;
    const char *parts[] = {r->candidate, r->role, r->round};
    char buf[3 * (META_MAX_BYTES + 8)];
    size_t n = 0;
    for (size_t i = 0; i < 3; i++)
        if (parts[i] && strlen(parts[i]) <= META_MAX_BYTES)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s",
                                  n ? " · " : "", parts[i]);
    if (n == 0)
        return 0;
    char *title = title_from(buf, n); /* cut as titles are */
    if (!title)
        return -1;
    free(r->title);
    r->title = title;
    return 0;
}

/* Whether heading H names a round or an interview ("## 二面-挂", "Round 2");
 * "算法题（挂）" is a question the candidate missed. */
static int
names_round(const char *h)
{
    return strstr(h, "面") || strcasestr(h, "round");
}

/* The file name of a file that is one record, without its extension, and
 * its length in *N; NULL for a file of several records. */
static const char *
file_stem(const parser_t *P, size_t *n)
{
    if (!P->single || !P->source)
        return NULL;
    const char *base = strrchr(P->source, '/');
    base = base ? base + 1 : P->source;
    const char *dot = strrchr(base, '.');
    *n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
    return base;
}

/* The outcome a write-up states in its title, its headings or (a file
 * that is one record) its file name: "一面凉经", "## 二面-7 月 11 - 挂",
 * "海康一面过！.md". For a record whose text gives no verdict. */
static ivs_verdict_t
outcome_of_names(const parser_t *P, const ivs_record_t *r)
{
    ivs_verdict_t v = r->title
                          ? ivs_verdict_from_title(r->title, strlen(r->title))
                          : IVS_VERDICT_UNKNOWN;
    /* Rounds under headings of their own ("## 一面-过", "## 二面-挂"):
     * the last word is the fail, as in a summary. */
    static const int rank[] = {0, 1, 3, 2};
    for (size_t i = 0; i < r->n_sections; i++) {
        /* Only a heading of a round or an interview speaks of the
         * outcome. */
        const char *h = r->sections[i].heading;
        ivs_verdict_t hv = h && names_round(h)
                               ? ivs_verdict_from_title(h, strlen(h))
                               : IVS_VERDICT_UNKNOWN;
        if (rank[hv] > rank[v])
            v = hv;
    }
    size_t sn;
    const char *stem = file_stem(P, &sn);
    if (v == IVS_VERDICT_UNKNOWN && stem)
        v = ivs_verdict_from_title(stem, sn);
    return v;
}

/* Last of all, the statement model (model.c) over the record's title, the
 * headings of its rounds, its file name (a file that is one record) and its lines: for
 * outcomes in words no rule knows. */
static ivs_verdict_t
outcome_by_model(const parser_t *P, const ivs_record_t *r)
{
    ivs_verdict_model_t best = {IVS_VERDICT_UNKNOWN, 0};
    if (r->title)
        ivs_verdict_model_name(r->title, strlen(r->title), &best);
    /* as outcome_of_names, only the headings of a round or an interview
     * (and of a 轮): a label made heading ("**不推荐**：" over a code
     * block) is none */
    for (size_t i = 0; i < r->n_sections; i++) {
        const char *h = r->sections[i].heading;
        if (h && (names_round(h) || strstr(h, "轮")))
            ivs_verdict_model_name(h, strlen(h), &best);
    }
    size_t sn;
    const char *stem = file_stem(P, &sn);
    /* underscores as spaces: "round1_feedback_no_hire" is read as a title
     * is written ("round1 feedback no hire"); the trainer sees it so too */
    char spaced[1024];
    if (stem && sn < sizeof spaced) {
        for (size_t i = 0; i < sn; i++)
            spaced[i] = stem[i] == '_' ? ' ' : stem[i];
        ivs_verdict_model_name(spaced, sn, &best);
    }
    ivs_verdict_model_text(r->text, r->text_len, &best);
    return best.verdict;
}

/* Builds the record for lines [A, B) and reports it. OWN_HEADING says the
 * first line is the record's own Markdown heading (its title, not a
 * section). Returns 0, the callback's value, or -1 when out of memory. */
int
ivs_archive_emit_record(parser_t *P, size_t a, size_t b, int own_heading)
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
    if (record_topics(P, &r) < 0 ||
        record_title(P, a, b, own_heading, markdown, &r) < 0 ||
        ivs_archive_record_fields(P, a, b, own_heading, &r) < 0)
        goto out;

    if (fields_title(&r) < 0)
        goto out;
    r.verdict = ivs_verdict_detect(r.text, r.text_len);
    if (r.verdict == IVS_VERDICT_UNKNOWN)
        r.verdict = outcome_of_names(P, &r);
    /* Last, a sentence in the text: "一面过了，下面是二面的问题". */
    if (r.verdict == IVS_VERDICT_UNKNOWN)
        r.verdict = ivs_verdict_from_statements(r.text, r.text_len);
    if (r.verdict == IVS_VERDICT_UNKNOWN)
        r.verdict = outcome_by_model(P, &r);
    rc = P->cb ? P->cb(P->ctx, &r) : 0;
out:
    r.sections = S.items;
    r.n_sections = S.n;
    free_record(&r);
    return rc;
}

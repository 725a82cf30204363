/* Interview records: decoding note files, splitting archives into
 * interviews, their sections, topics and verdicts. */
#ifndef IVS_RECORD_H
#define IVS_RECORD_H

#include <stddef.h>

#include "ivs/status.h"

typedef enum {
    IVS_VERDICT_UNKNOWN = 0,
    IVS_VERDICT_PASS,
    IVS_VERDICT_FAIL,
    IVS_VERDICT_PENDING
} ivs_verdict_t;

/* "pass", "fail", "pending", "unknown"; static strings. */
const char *ivs_verdict_name(ivs_verdict_t verdict);

/* Parses a verdict name: pass/fail/pending/unknown or a Chinese alias
 * (通过, 不通过, 待定, 未知), ignoring case, width and surrounding blanks.
 * Returns the ivs_verdict_t value, or -1 when NAME (or NULL) is none. */
int ivs_verdict_parse(const char *name);

/* Detects the verdict of one interview's UTF-8 TEXT (LEN bytes): from the
 * summary sections (lines after a label such as 总结, 面试总结, 结论, 评价,
 * 面评, Summary, Result, Decision, Verdict, or the text after its colon),
 * else from the last three lines. Only a word standing as the verdict
 * counts: alone in its clause after prefixes such as 面试/结论是/一面, or
 * ending the last clause of a line ("…的能力，面试通过"). 通过 meaning "via"
 * (通过日志…), test results (测试用例均通过) and question text (未能通过测试)
 * are not verdicts. Several verdicts merge as fail > pending > pass, so
 * negation wins. Never fails; a NULL or empty TEXT is unknown. */
ivs_verdict_t ivs_verdict_detect(const char *text, size_t len);

/* Detects an outcome that a candidate's write-up puts in its title, a
 * heading or its file name (TEXT, LEN bytes): "字节一面挂", "凉经",
 * "已 OC", "腾讯后端面经-过", "拿到 offer", "二面等通知". Only outcome
 * words count, not the 通过 of a question ("如何通过 xx"); negation wins.
 * Callers use it only when the interview's text gives no verdict. Never
 * fails; NULL or empty is unknown. (A record's verdict is, in this order:
 * the summary of ivs_verdict_detect(), the title, headings or file name,
 * then the last sentence anywhere in the text that states the writer's
 * own outcome; see ivs_verdict_from_statements() in indexer/records.) */
ivs_verdict_t ivs_verdict_from_title(const char *text, size_t len);

/* ---- fields ------------------------------------------------------------ */

/* The normalised round that S (N bytes) names as a whole: "二面", "2面",
 * "第二轮", "二面面试", "Round 2", "r2" -> "二面" (一面 ... 九面); "终面",
 * "final", "onsite" -> "终面"; "HR 面", "hr" -> "HR面"; "初面" -> "一面",
 * "复面" -> "二面"; heading marks, spaces and a colon around it are
 * ignored, ASCII case too. A static string, or NULL when S is not a
 * round. */
const char *ivs_round_parse(const char *s, size_t n);

/* Finds the first full date (2024-07-12, 2024/7/12, 2024.7.12,
 * 2024年7月12日) in S (N bytes) and writes it to OUT as YYYY-MM-DD.
 * Returns 1 when found, else 0. */
int ivs_date_parse(const char *s, size_t n, char out[11]);

/* Finds the first month-and-day date without a year (7月12日, 7月12号) in
 * S (N bytes). Returns 1 with *MONTH and *DAY set, else 0. */
int ivs_date_month_day(const char *s, size_t n, unsigned *month, unsigned *day);

/* A date bound given by a user (--since, --until): a full date as
 * ivs_date_parse() reads it, a month (2024-07, 2024/7, 2024年7月) or a year
 * (2024, 2024年), written to OUT as YYYY-MM-DD: the first day of the month
 * or year, or with UNTIL the last. Returns 1, or 0 when S (NUL-terminated)
 * is no such date. */
int ivs_date_bound(const char *s, int until, char out[11]);

/* ---- topics ---------------------------------------------------------- */

typedef struct ivs_topics ivs_topics_t;

/* Loads the topic taxonomy (the format is described at the top of
 * data/topics.txt) from PATH. On success *OUT owns it (release with
 * ivs_topics_free()) and *BAD_LINE is 0. On failure *OUT is NULL and the
 * status is IVS_ERR_IO (unreadable), IVS_ERR_INPUT (malformed: *BAD_LINE is
 * the 1-based line; a name claimed by two topics, a block without zh/en, an
 * unknown key, invalid UTF-8) or IVS_ERR_NOMEM. */
ivs_status_t ivs_topics_load(const char *path, ivs_topics_t **out,
                             size_t *bad_line);
void ivs_topics_free(ivs_topics_t *topics);

size_t ivs_topics_count(const ivs_topics_t *topics);
/* Canonical id, Chinese and English display names of topic I; borrowed
 * until ivs_topics_free(). */
const char *ivs_topics_id(const ivs_topics_t *topics, size_t i);
const char *ivs_topics_name_zh(const ivs_topics_t *topics, size_t i);
const char *ivs_topics_name_en(const ivs_topics_t *topics, size_t i);

/* Resolves a user-given NAME (id, Chinese or English name, alias; case and
 * width-insensitive, spaces next to Chinese ignored) to a canonical id,
 * borrowed from TOPICS, or NULL when unknown. */
const char *ivs_topics_resolve(const ivs_topics_t *topics, const char *name);

/* The topic id of a section HEADING of LEN bytes (e.g. "二、中间件" ->
 * "middleware"; numbering, Markdown marks and a trailing colon are ignored):
 * a name of the topic, possibly followed by 相关/部分/基础 ..., else the
 * name or keyword inside it ("MySQL 索引失效" -> "database"). Borrowed from
 * TOPICS; NULL when the heading names no topic ("总结", "一面"). */
const char *ivs_topics_for_heading(const ivs_topics_t *topics,
                                   const char *heading, size_t len);

/* ---- records --------------------------------------------------------- */

typedef struct {
    char *heading;     /* heading text as written, without numbering
                           marks such as "一、" or "##"; owned */
    const char *topic; /* topic id or NULL; borrowed from the taxonomy */
    size_t start, end; /* byte range of the section in the record text */
} ivs_section_t;

typedef struct {
    const char *source; /* path as given to the parser; borrowed */
    unsigned ordinal;   /* 1-based position in the source file */
    size_t start, end;  /* byte range in the decoded file text */
    char *title;        /* short title; owned, never NULL */
    const char *text;   /* record text (= file text + start); borrowed */
    size_t text_len;    /* end - start */
    ivs_section_t *sections;
    size_t n_sections;
    const char **topics; /* topic ids, taxonomy order, no duplicates */
    size_t n_topics;
    ivs_verdict_t verdict;
    char *candidate, *role, *date; /* owned; NULL when absent; date is
                                      YYYY-MM-DD */
    char *round; /* owned; NULL when absent; 一面 ... 九面, 终面, HR面
                          (ivs_round_parse()), else as written */
    char *interviewer; /* owned; NULL when absent */
} ivs_record_t;

/* Decodes a file's BYTES into UTF-8 with LF line ends: UTF-8 with or without
 * BOM, UTF-16 LE/BE with BOM, else GB18030/GBK when the bytes are not UTF-8
 * (converted with iconv). CRLF and lone CR become LF; the BOM is dropped.
 * On success *OUT (malloc'd, NUL-terminated, valid UTF-8, caller frees) and
 * *OUT_LEN are set; empty input gives "". On failure *OUT is NULL and
 * *REASON is a static phrase for the user: "binary file" (NUL bytes, or
 * more than one byte in twenty a control character), "not valid UTF-8"
 * (after a UTF-8 BOM), "not valid UTF-16" (lone surrogate, odd length),
 * "not valid UTF-8 or GB18030"; the status is IVS_ERR_ENCODING, or
 * IVS_ERR_NOMEM, or IVS_ERR_INPUT when OUT or OUT_LEN is NULL. REASON may be
 * NULL. */
ivs_status_t ivs_text_decode(const char *bytes, size_t len, char **out,
                             size_t *out_len, const char **reason);

/* Called once per record; the record and everything it points to is valid
 * only during the call. A non-zero return stops parsing and is returned. */
typedef int (*ivs_record_cb)(void *ctx, const ivs_record_t *record);

/* Splits decoded UTF-8 TEXT (LEN bytes) of file SOURCE into interview
 * records and reports each, in order, to CB with CTX. Boundaries, first
 * that applies: repeated marker lines opening the notes (面试内容：, 面试记录,
 * ## 面试记录 3 ...); Markdown headings of one level when at least half of
 * the parts (and two) read as interviews (a verdict, a 候选人/岗位/日期 line,
 * a dated heading), so a generic article stays one record; blocks opening
 * with 候选人：X; --- rules between interviews (same test); else the whole
 * file. YAML front matter is skipped (its title: names a one-record file).
 * Records are trimmed of blank lines, bare markers and rules; empty parts
 * are not records. Sections start at headings (Markdown, 一、…, **…**,
 * "label:" lines, summary labels; "1. question" lines are not headings);
 * fenced code (``` or ~~~, at any indentation, on a list item's line or in
 * a blockquote; a fence nothing closes is text) holds none. The title is
 * the first Markdown heading or content line, never a source or author
 * line (来源：…, 原文链接, Source:, 作者：…) or a bare link.
 * Topics are the sections' (taxonomy order), plus content keywords when no
 * heading names a subject. TOPICS may be NULL (no topics). Linear in LEN.
 * Returns 0, the callback's non-zero value, or -1 when out of memory. */
int ivs_archive_parse(const ivs_topics_t *topics, const char *source,
                      const char *text, size_t len, ivs_record_cb cb,
                      void *ctx);

#endif

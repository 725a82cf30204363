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
 * (通过, 不通过, 待定, 未知), case-insensitive. Returns -1 when NAME is none. */
int ivs_verdict_parse(const char *name);

/* Detects the verdict of one interview's UTF-8 TEXT: from the summary
 * section (总结, 面试总结, 结论, 评价, Summary, Result, Decision ...) or else
 * the closing lines. Only the verdict position counts: 通过 meaning "via" and
 * test results are not verdicts; negation wins. */
ivs_verdict_t ivs_verdict_detect(const char *text, size_t len);

/* ---- topics ---------------------------------------------------------- */

typedef struct ivs_topics ivs_topics_t;

/* Loads the topic taxonomy (data/topics.txt format) from PATH. On failure
 * *OUT is NULL and, for IVS_ERR_INPUT, *BAD_LINE is the 1-based line.
 * Returns IVS_ERR_IO, IVS_ERR_INPUT or IVS_ERR_NOMEM. */
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
 * width-insensitive) to a canonical id, or NULL when unknown. */
const char *ivs_topics_resolve(const ivs_topics_t *topics, const char *name);

/* The topic id of a section HEADING (e.g. "二、中间件" -> "middleware"), or
 * NULL when the heading names no topic. */
const char *ivs_topics_for_heading(const ivs_topics_t *topics,
                                   const char *heading, size_t len);

/* ---- records --------------------------------------------------------- */

typedef struct {
    char *heading;      /* heading text as written, without numbering
                           marks such as "一、" or "##"; owned */
    const char *topic;  /* topic id or NULL; borrowed from the taxonomy */
    size_t start, end;  /* byte range of the section in the record text */
} ivs_section_t;

typedef struct {
    const char *source;    /* path as given to the parser; borrowed */
    unsigned ordinal;      /* 1-based position in the source file */
    size_t start, end;     /* byte range in the decoded file text */
    char *title;           /* short title; owned, never NULL */
    const char *text;      /* record text (= file text + start); borrowed */
    size_t text_len;       /* end - start */
    ivs_section_t *sections;
    size_t n_sections;
    const char **topics;   /* topic ids, taxonomy order, no duplicates */
    size_t n_topics;
    ivs_verdict_t verdict;
    char *candidate, *role, *date; /* owned; NULL when absent; date is
                                      YYYY-MM-DD */
} ivs_record_t;

/* Decodes a file's BYTES into UTF-8 with LF line ends: UTF-8 with or without
 * BOM, UTF-16 LE/BE with BOM, GB18030/GBK. On success *OUT (malloc'd,
 * NUL-terminated, caller frees) and *OUT_LEN are set. On failure *REASON is a
 * static phrase for the user ("binary file", "not valid UTF-8", ...) and the
 * status is IVS_ERR_ENCODING or IVS_ERR_NOMEM. */
ivs_status_t ivs_text_decode(const char *bytes, size_t len, char **out,
                             size_t *out_len, const char **reason);

/* Called once per record; the record and everything it points to is valid
 * only during the call. A non-zero return stops parsing and is returned. */
typedef int (*ivs_record_cb)(void *ctx, const ivs_record_t *record);

/* Splits decoded UTF-8 TEXT of file SOURCE into interview records (marker
 * lines such as 面试内容：, Markdown headings, --- rules, else one record) and
 * reports each with its sections, topics (from headings, else content
 * keywords) and verdict. TOPICS may be NULL (no topics). Returns 0 or the
 * callback's value; -1 when out of memory. */
int ivs_archive_parse(const ivs_topics_t *topics, const char *source,
                      const char *text, size_t len, ivs_record_cb cb,
                      void *ctx);

#endif

/* Readers of the formats notes come in besides plain text: .docx, .html,
 * .pdf, .csv/.tsv/.xlsx (ATS exports, one interview per row) and the
 * containers .zip/.tar(.gz/.xz)/.7z, whose members are notes of their own.
 * Each reader turns bytes into UTF-8 text with Markdown-like structure
 * (headings as "#" lines, list items "- ", table rows as cells joined by
 * " | ", paragraphs separated by blank lines), so that the one archive
 * parser (ivs_archive_parse) splits interviews, sections and topics.
 * Readers take hostile input: every one has explicit limits (see the
 * IVS_READER_* constants), parses XML without network or DTD loading and
 * runs pdftotext as a limited child process. Implemented in
 * indexer/readers/; pure C over libarchive and libxml2. Thread-safe: no
 * reader keeps state between calls (except the note that pdftotext was
 * found missing, kept for the process). */
#ifndef IVS_READERS_H
#define IVS_READERS_H

#include <stddef.h>
#include <stdint.h>

#include "ivs/status.h"

/* What a file is, by its name. */
typedef enum {
    IVS_KIND_NONE,     /* not read: counted as "not text" */
    IVS_KIND_NOTE,     /* .txt .md .markdown .text: decoded as they are */
    IVS_KIND_DOCX,     /* .docx */
    IVS_KIND_HTML,     /* .html .htm .xhtml */
    IVS_KIND_PDF,      /* .pdf */
    IVS_KIND_CSV,      /* .csv */
    IVS_KIND_TSV,      /* .tsv */
    IVS_KIND_XLSX,     /* .xlsx */
    IVS_KIND_CONTAINER /* .zip .tar .tar.gz .tgz .tar.xz .txz .7z */
} ivs_kind_t;

/* Limits. A converted text longer than IVS_READER_MAX_TEXT is refused. */
#define IVS_READER_MAX_TEXT ((size_t)64 << 20)
/* An XML part (document.xml, a sheet) larger than this is refused. */
#define IVS_READER_MAX_XML ((size_t)64 << 20)
/* XML elements visited per document, and their nesting. */
#define IVS_READER_MAX_NODES 4000000
#define IVS_READER_MAX_DEPTH 256
/* Containers: entries, total uncompressed bytes, one member's bytes, the
 * ratio of uncompressed to compressed bytes (checked once past 1 MiB),
 * and how deep archives may lie inside archives. */
#define IVS_CONTAINER_MAX_ENTRIES 20000
#define IVS_CONTAINER_MAX_TOTAL ((uint64_t)1 << 30)
#define IVS_CONTAINER_MAX_MEMBER ((size_t)256 << 20)
#define IVS_CONTAINER_MAX_RATIO 200
#define IVS_CONTAINER_MAX_DEPTH 3
/* pdftotext: address space, CPU seconds and wall-clock seconds. */
#define IVS_PDF_MAX_AS ((unsigned long)1 << 30)
#define IVS_PDF_MAX_CPU 30
#define IVS_PDF_MAX_SECONDS 60

/* The kind of a file called NAME (a path or a member name; only the
 * extension counts, in any case). */
ivs_kind_t ivs_reader_kind(const char *name);

/* ---- CSV column mapping -------------------------------------------------- */

/* The fields a column of an ATS export can hold. */
typedef enum {
    IVS_COL_OTHER, /* shown as "Header：value" under 评价 */
    IVS_COL_CANDIDATE,
    IVS_COL_ROLE,
    IVS_COL_ROUND,
    IVS_COL_INTERVIEWER,
    IVS_COL_DATE,
    IVS_COL_RESULT,
    IVS_COL_FEEDBACK,
    IVS_COL_SKIP /* left out */
} ivs_column_t;

/* Headers the user maps to fields (ivindex --csv-map FILE). */
typedef struct ivs_csvmap ivs_csvmap_t;

/* Loads a mapping file: UTF-8 lines "Header = field", field one of
 * candidate role round interviewer date result feedback other skip;
 * blank lines and lines starting with '#' are ignored; headers compare
 * without surrounding spaces and ASCII case. Returns IVS_OK with *OUT;
 * IVS_ERR_IO (unreadable), IVS_ERR_INPUT (a bad line: *LINE is its
 * number) or IVS_ERR_NOMEM with *OUT NULL. Free with ivs_csvmap_free. */
ivs_status_t ivs_csvmap_load(const char *path, ivs_csvmap_t **out,
                             size_t *line);

/* Releases MAP; NULL is allowed. */
void ivs_csvmap_free(ivs_csvmap_t *map);

/* The field of a column headed HEADER (LEN bytes): MAP first (may be
 * NULL), then the built-in Chinese and English names (候选人/姓名/
 * Candidate/Name, 职位/岗位/Position/Role, 面试官/Interviewer, 轮次/Round/
 * Stage, 面试时间/日期/Date, 结果/结论/推荐/Result/Decision, 评价/反馈/面评/
 * Feedback/Comments/Notes …), else IVS_COL_OTHER. */
ivs_column_t ivs_csvmap_column(const ivs_csvmap_t *map, const char *header,
                               size_t len);

/* ---- converting ---------------------------------------------------------- */

typedef struct {
    /* A problem that does not stop the reading (a CSV row with broken
     * quoting, skipped): MESSAGE names the line. May be NULL. */
    void (*warn)(void *ctx, const char *message);
    void *ctx;
    const ivs_csvmap_t *csv_map; /* may be NULL */
    /* the pdftotext program (NULL: "pdftotext" searched on PATH) */
    const char *pdftotext;
    /* pdftotext's wall-clock limit in seconds (0: IVS_PDF_MAX_SECONDS) */
    int pdf_seconds;
} ivs_reader_opts_t;

/* Converts BYTES[0..LEN) of kind KIND (not NOTE, NONE or CONTAINER) into
 * structured UTF-8 text: *TEXT (malloc'd, NUL-terminated, the caller
 * frees) and *TEXT_LEN. CSV and TSV input must be UTF-8 already (decode
 * it with ivs_text_decode first). O may be NULL. Returns IVS_OK; or, with
 * *TEXT NULL and a static one-line *REASON for the user: IVS_ERR_INPUT
 * (malformed: "docx without word/document.xml", "malformed XML", "no
 * text layer (scanned?)", "pdftotext failed" …), IVS_ERR_TOOBIG (a limit
 * was reached), IVS_ERR_NOTFOUND ("pdftotext not installed") or
 * IVS_ERR_NOMEM. */
ivs_status_t ivs_reader_convert(ivs_kind_t kind, const char *bytes, size_t len,
                                const ivs_reader_opts_t *o, char **text,
                                size_t *text_len, const char **reason);

/* True once a PDF was skipped because pdftotext could not be run (so that
 * a caller warns once). */
int ivs_reader_pdftotext_missing(void);

/* ---- containers ---------------------------------------------------------- */

typedef struct {
    /* A member of a readable kind: NAME is its path inside the container
     * in UTF-8 ("dir/a.md"; a member of an archive inside the archive is
     * "inner.zip!/dir/a.md"), BYTES[0..LEN) its content (borrowed for the
     * call), MTIME its modification time in nanoseconds. A non-zero
     * return stops the walk (IVS_ERR_INTERRUPTED). */
    int (*member)(void *ctx, const char *name, const char *bytes, size_t len,
                  int64_t mtime);
    /* A member left out: REASON is short and static ("encrypted",
     * "larger than 256 MiB"), or NULL for a member of no readable kind
     * (counted as not text). May be NULL. */
    void (*skipped)(void *ctx, const char *name, const char *reason);
    void *ctx;
} ivs_container_cb_t;

/* Walks the members of the archive BYTES[0..LEN) (zip, tar, tar.gz,
 * tar.xz, 7z), archives inside it to IVS_CONTAINER_MAX_DEPTH, in archive
 * order. Member names in GBK/GB18030 (old Windows zips) are converted to
 * UTF-8. Returns IVS_OK when every member was seen; IVS_ERR_INTERRUPTED
 * when MEMBER stopped the walk; or with a static *REASON: IVS_ERR_TOOBIG (a bomb: too
 * many entries, too many bytes, too high a compression ratio — the walk
 * stops and the caller should drop what it saw), IVS_ERR_INPUT (not an
 * archive, or damaged) or IVS_ERR_NOMEM. */
ivs_status_t ivs_container_read(const char *bytes, size_t len,
                                const ivs_container_cb_t *cb,
                                const char **reason);

#endif

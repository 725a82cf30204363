/* Internal to the archive parser (archive.c, archive_lines.c,
 * archive_record.c): the parser's state, its lines, and what the three
 * files share. Not part of the public interface. */
#ifndef IVS_ARCHIVE_INTERNAL_H
#define IVS_ARCHIVE_INTERNAL_H

#include <stddef.h>

#include "ivs/record.h"

/* Only this many bytes of a line are examined for headings, markers and
 * metadata: such lines are short, and this keeps a huge line linear. */
#define LINE_PEEK 256
#define TITLE_MAX_CHARS 60
#define HEADING_MAX_BYTES 200
#define META_MAX_BYTES 80
#define META_SCAN_LINES 50
#define FRONT_MATTER_MAX_LINES 200

enum {
    META_NONE,
    META_CANDIDATE,
    META_ROLE,
    META_DATE,
    META_ROUND,
    META_INTERVIEWER
};

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
    unsigned last_year; /* the year of the last dated record, or 0 */
    ivs_record_cb cb;
    void *ctx;
    unsigned ordinal;
    int single; /* the file is one record */
} parser_t;

/* The number of record marker words (line_t.marker is an index + 1). */
#define MARKER_WORDS 10

/* ---- small text helpers ---------------------------------------------- */

static inline int
is_ascii_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

/* Start of the character containing byte I (for cutting on a boundary). */
static inline size_t
char_floor(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

static inline size_t
count_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* Narrows [*B, *E) of S past leading whitespace (ivs_text_space_len) and
 * trailing spaces, tabs, CRs and ideographic spaces. In archive_lines.c. */
void ivs_archive_trim_range(const char *s, size_t *b, size_t *e);

/* Length of a run of Chinese numerals at S. In archive_lines.c. */
size_t ivs_archive_cn_numeral_run(const char *s, size_t n);

/* Finds the first date (2024-03-01, 2024/3/1, 2024.10.15, 2024年3月1日) in
 * S (N bytes) and writes it to OUT as YYYY-MM-DD. Returns 1 when found,
 * else 0. In archive_lines.c. */
int ivs_archive_parse_date(const char *s, size_t n, char out[11]);

/* Y-M-D as YYYY-MM-DD into OUT: 1, or 0 (OUT "") when it is no calendar
 * day (month 13, 30 February, 29 February of a common year). */
int ivs_archive_format_date(unsigned y, unsigned m, unsigned d, char out[11]);

/* The META_* kind of a "key：value" metadata line (META_NONE for any other
 * line), the value's range in [*VB, *VE). A date line counts only when its
 * value holds a date (a full one or 7月12日), an interviewer's or round's
 * only when the value reads as a name, not as dialogue. In fields.c. */
int ivs_archive_meta_kind(const char *s, size_t n, size_t *vb, size_t *ve);

/* Builds P's line table and classifies every line once (fenced code
 * included); -1 when out of memory. In archive_lines.c. */
int ivs_archive_scan_lines(parser_t *P);

/* A YAML front matter block at the very start ("---" ... "---" or "..."):
 * sets P->body past it and keeps its title and date; -1 when out of
 * memory. In archive_lines.c. */
int ivs_archive_read_front_matter(parser_t *P);

/* Builds the record for lines [A, B) and reports it; OWN_HEADING says the
 * first line is its own Markdown heading. Returns 0, the callback's value,
 * or -1 when out of memory. In archive_record.c. */
int ivs_archive_emit_record(parser_t *P, size_t a, size_t b, int own_heading);

/* Candidate, role, round, interviewer and date of R (lines [A, B), its
 * title already set) from the metadata lines among its first
 * META_SCAN_LINES; else the date of its OWN_HEADING or of the front matter
 * (7月12日 takes the year of the title, the first lines, the file's
 * previous record, its front matter or its name), the round of a bare
 * round line ("二面", when the record names only one) or of the title.
 * Rounds are normalised (ivs_round_parse()). Returns -1 when out of
 * memory. In fields.c. */
int ivs_archive_record_fields(parser_t *P, size_t a, size_t b, int own_heading,
                              ivs_record_t *r);

#endif

/* What the readers (indexer/readers/) share: a bounded output buffer that
 * keeps the Markdown-like structure, zip parts read from memory, and the
 * rows of a table. Not a public header. */
#ifndef IVS_READERS_INTERNAL_H
#define IVS_READERS_INTERNAL_H

#include <stddef.h>

#include "ivs/readers.h"

/* Output text, capped at IVS_READER_MAX_TEXT. Writing past the cap sets
 * FULL and drops the rest; out of memory sets NOMEM. */
typedef struct {
    char *s;
    size_t n, cap;
    int full, nomem;
    int pending_space; /* a space owed before the next word */
} outbuf_t;

/* Appends LEN bytes as they are. */
void out_raw(outbuf_t *o, const char *s, size_t len);
/* Appends running text: runs of whitespace (and line ends) become one
 * space, leading space at a line start is dropped. */
void out_text(outbuf_t *o, const char *s, size_t len);
/* Ends the current line (nothing when at a line start). */
void out_line(outbuf_t *o);
/* Ends the current paragraph: a blank line after it (once). */
void out_para(outbuf_t *o);
/* Hands the text over: *TEXT and *LEN, or a status and *REASON. */
ivs_status_t out_finish(outbuf_t *o, char **text, size_t *len,
                        const char **reason);

/* A part of a zip held in memory (docx, xlsx). */
typedef struct {
    char *name;
    char *data; /* NUL-terminated */
    size_t len;
} zip_part_t;

typedef struct {
    zip_part_t *v;
    size_t n;
} zip_parts_t;

/* Reads the parts of the zip BYTES[0..LEN) whose names WANT accepts
 * (within the container limits; each part at most IVS_READER_MAX_XML).
 * IVS_OK, or a status with a static *REASON. */
ivs_status_t zip_parts_read(const char *bytes, size_t len,
                            int (*want)(const char *name), zip_parts_t *out,
                            const char **reason);
/* The part called NAME, or NULL. */
const zip_part_t *zip_parts_get(const zip_parts_t *p, const char *name);
void zip_parts_free(zip_parts_t *p);

/* A table: rows of cells (UTF-8, malloc'd), with the line each row
 * started on (CSV) or its row number (xlsx). */
typedef struct {
    char **cells;
    size_t n;
    size_t line;
} table_row_t;

typedef struct {
    table_row_t *rows;
    size_t n, cap;
} table_t;

/* Appends a row of N cells (taken over). -1 when out of memory (the
 * cells are then freed). */
int table_add(table_t *t, char **cells, size_t n, size_t line);
void table_free(table_t *t);
/* Writes the interviews of table T (first non-empty row: the headers) as
 * "面试记录" blocks, one per row, into O. */
void table_to_text(const table_t *t, const ivs_csvmap_t *map, outbuf_t *o);

/* The readers behind ivs_reader_convert. */
ivs_status_t read_docx(const char *bytes, size_t len, outbuf_t *o,
                       const char **reason);
ivs_status_t read_html(const char *bytes, size_t len, outbuf_t *o,
                       const char **reason);
ivs_status_t read_pdf(const char *bytes, size_t len, const char *program,
                      int seconds, outbuf_t *o, const char **reason);
ivs_status_t read_csv(const char *bytes, size_t len, char sep,
                      const ivs_reader_opts_t *opts, table_t *t,
                      const char **reason);
ivs_status_t read_xlsx(const char *bytes, size_t len, table_t *t,
                       const char **reason);

/* True when S[0..N) is valid UTF-8. */
int utf8_valid(const char *s, size_t n);
/* S[0..N) converted from GB18030 to UTF-8 (malloc'd), or NULL. */
char *gb18030_to_utf8(const char *s, size_t n);

#endif

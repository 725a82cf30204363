/* Snippets: the best passage of an interview for a query, with the section
 * heading in front and the matched words marked. */
#ifndef IVS_SNIPPET_H
#define IVS_SNIPPET_H

#include <stddef.h>

#include "ivs/analyze.h"
#include "ivs/query.h"

typedef struct {
    const char *heading;
    size_t start, end; /* byte range in the interview text */
} ivs_snippet_section_t;

typedef struct {
    size_t start, end; /* [start, end) in characters (code points) */
} ivs_span_t;

typedef struct {
    char *text;             /* UTF-8, one line */
    ivs_span_t *highlights; /* in text order */
    size_t n_highlights;
    unsigned char *matched; /* per concept of the query: found in the text */
    size_t n_concepts;
} ivs_snippet_t;

/* Builds the snippet of TEXT (LEN bytes) for query Q within WIDTH display
 * columns (a CJK character takes two): the passage with most distinct
 * matched concepts, cut at clause boundaries; a second passage joined by
 * " … " when matches are far apart; "heading › " in front. Q may have no
 * concepts (then the opening of the text). Returns IVS_ERR_NOMEM or OK;
 * free *OUT with ivs_snippet_free(). */
ivs_status_t ivs_snippet_build(ivs_analyzer_t *a, const char *text, size_t len,
                               const ivs_snippet_section_t *sections,
                               size_t n_sections, const ivs_query_t *q,
                               unsigned width, ivs_snippet_t **out);
void ivs_snippet_free(ivs_snippet_t *s);

/* Where Q's concepts occur in TEXT (LEN bytes), as the snippet marks
 * them: *OUT gets *N byte ranges [start, end), sorted, none inside another
 * (malloc'd; NULL when none). For highlighting a whole interview. Returns
 * IVS_OK or IVS_ERR_NOMEM. */
ivs_status_t ivs_snippet_matches(ivs_analyzer_t *a, const char *text,
                                 size_t len, const ivs_query_t *q,
                                 ivs_span_t **out, size_t *n);

/* Display columns of UTF-8 S (LEN bytes). */
size_t ivs_display_width(const char *s, size_t len);

#endif

/* What search.c, similar.c and searcher.c share inside the search library:
 * the searcher itself and the helpers that build results. Not installed,
 * not for callers (they use ivs/search.h). */
#ifndef IVS_SEARCHER_PRIVATE_H
#define IVS_SEARCHER_PRIVATE_H

#include "ivs/analyze.h"
#include "ivs/query.h"
#include "ivs/reader.h"
#include "ivs/spelling.h"
#include "ivs/record.h"
#include "ivs/search.h"

struct ivs_searcher {
    char *path;
    ivs_reader_t *reader;
    ivs_analyzer_t *analyzer;
    ivs_synonyms_t *synonyms; /* NULL until loaded */
    ivs_topics_t *taxonomy;   /* NULL until first used */
    char **stopwords;         /* normalised */
    size_t n_stopwords;
    int stopwords_loaded;
    char **scope; /* folder terms (IVS_PREFIX_FOLDER) every request is
                       limited to; none: everything */
    size_t n_scope;
    ivs_pinyin_t *pinyin; /* NULL until loaded (or when missing) */
    int pinyin_loaded;
    char *error;    /* the last failure's message, or NULL */
    int error_lost; /* no memory for the message */
};

/* Boolean filter terms of one request (malloc'd strings). */
typedef struct {
    char **terms;
    size_t n;
} filters_t;

/* Records the message (printf FMT) as S's last error; returns STATUS. */
ivs_status_t ivs_searcher_fail(ivs_searcher_t *s, ivs_status_t status,
                               const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "PATH: search failed: ..." for a failed read of the database. */
ivs_status_t ivs_searcher_read_failed(ivs_searcher_t *s, ivs_status_t status);

/* Loads the synonym table into S->synonyms unless it is there; IVS_OK or
 * the failure (recorded). */
ivs_status_t ivs_searcher_need_synonyms(ivs_searcher_t *s);

/* Stop words, loaded on first use (none when the file is missing). */
void ivs_searcher_load_stopwords(ivs_searcher_t *s);

/* True when TERM (LEN bytes, normalised) is a stop word; CTX is S. */
int ivs_searcher_is_stopword(void *ctx, const char *term, size_t len);

/* The topic taxonomy, loaded on first use; NULL when it cannot be read
 * (recorded). Borrowed until ivs_searcher_close(). */
const ivs_topics_t *ivs_searcher_taxonomy(ivs_searcher_t *s);

/* A topic name or id to its id (borrowed), NULL when unknown or when the
 * taxonomy cannot be read; CTX is S. For ivs_query_resolve_topics(). */
const char *ivs_searcher_resolve_topic(void *ctx, const char *name);

/* Appends to F the filter terms of NV VERDICTS and NT TOPICS, and S's
 * scope (each term once). Returns
 * IVS_OK, IVS_ERR_QUERY for an unknown value, IVS_ERR_IO without the
 * taxonomy, IVS_ERR_NOMEM (all recorded). */
ivs_status_t ivs_searcher_add_filters(ivs_searcher_t *s, filters_t *f,
                                      const char *const *verdicts, size_t nv,
                                      const char *const *topics, size_t nt);
void ivs_filters_clear(filters_t *f);

/* IVS_OK when interview ID is in S's scope (always without one), else
 * IVS_ERR_NOTFOUND ("no interview with id ID"), as if it did not exist;
 * or the reader's failure (recorded). */
ivs_status_t ivs_searcher_check_scope(ivs_searcher_t *s, uint32_t id);

/* Whether some interview in S's scope has index term TERM (always true
 * without a scope, when the term exists); a failed read counts as no. */
int ivs_searcher_term_in_scope(ivs_searcher_t *s, const char *term);

/* How many interviews have index term TERM in the whole database without a
 * scope; under one, 1 when some interview in S's scope has it, else 0 (so
 * that nothing outside it is suggested). 0 also when the database cannot
 * be read. */
uint32_t ivs_searcher_termfreq(ivs_searcher_t *s, const char *term);

/* Appends to F the filter terms of the field VALUES (N_VALUES of each
 * IVS_FIELD_*) and of the date range [SINCE, UNTIL] (either NULL: open;
 * ivs_date_bound() forms): the date terms of the database within it (so
 * call it once per request with the one range).
 * Returns IVS_OK, IVS_ERR_QUERY for an empty value or a bad date,
 * IVS_ERR_NOMEM, the read failure (all recorded). */
ivs_status_t ivs_searcher_add_field_filters(ivs_searcher_t *s, filters_t *f,
                                            const char *const *const *values,
                                            const size_t *n_values,
                                            const char *since,
                                            const char *until);

/* Fills OUT from reader hit H: the stored record, RANK, a snippet for Q
 * (NULL: the opening), the words of Q it lacks when PARTIAL, its matched
 * terms. IVS_ERR_NOMEM (recorded) or IVS_OK; OUT is always freeable. */
ivs_status_t ivs_searcher_hit(ivs_searcher_t *s, const ivs_hit_t *h,
                              const ivs_query_t *q, int partial, size_t rank,
                              ivs_search_hit_t *out);

/* Copies the counts of R into OUT; -1 when out of memory. */
int ivs_search_counts_copy(ivs_search_counts_t *out, const ivs_results_t *r);

/* Appends room for N more hits to R; NULL when out of memory. */
ivs_search_hit_t *ivs_search_hits_grow(ivs_search_results_t *r, size_t n);

/* A new, empty result: partial counts exact. NULL when out of memory. */
ivs_search_results_t *ivs_search_results_new(void);

/* Copies N strings; -1 when out of memory (*OUT NULL). */
int ivs_strings_copy(char ***out, size_t *n_out, char *const *v, size_t n);

#endif

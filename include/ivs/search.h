/* The search as a library call: a searcher (the database, the analyzer and
 * the tables a search needs, opened once) and the requests ivsearch
 * answers (search, similar, show, topics, stats) returning plain structs
 * that a caller formats (see ivs/format.h). Implemented in search/engine/searcher.c,
 * search/engine/search.c and search/engine/similar.c.
 *
 * Nothing here prints or exits: every call returns an ivs_status_t, and on
 * failure ivs_searcher_error() has a message for a person, one line.
 *
 * Threads: a searcher is used by one thread at a time (it loads the topic
 * taxonomy and stop words on first use, and keeps the last error); give
 * each worker thread its own. */
#ifndef IVS_SEARCH_H
#define IVS_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "ivs/query.h"
#include "ivs/reader.h"
#include "ivs/snippet.h"
#include "ivs/status.h"

typedef struct ivs_searcher ivs_searcher_t;

/* What ivs_searcher_open() loads at once; the rest is loaded on first use.
 * A command line loads what its mode needs (start-up time is latency); a
 * server or a batch loads both, so that a missing table fails at start. */
enum {
    IVS_SEARCHER_SYNONYMS = 1, /* data/synonyms.txt, for searches */
    IVS_SEARCHER_STOPWORDS = 2 /* data/stopwords.txt, for similar */
};

/* Opens the database at PATH for reading, the analyzer (the dictionary and
 * the user's dictionary), checks that the database was analysed as queries
 * are, and loads the PRELOAD tables (IVS_SEARCHER_*). Returns IVS_OK;
 * IVS_ERR_NODB when there is no database at PATH (or PATH is a file that
 * ivindex did not write); IVS_ERR_SCHEMA when the database was built by
 * another version or analyzer; the status of the failed step otherwise
 * (IVS_ERR_IO, IVS_ERR_CORRUPT, IVS_ERR_NOMEM, ...). On failure *OUT is
 * NULL and *ERR (when ERR is non-NULL) gets a malloc'd message for a
 * person, naming PATH; the caller frees it. */
ivs_status_t ivs_searcher_open(const char *path, unsigned preload,
                               ivs_searcher_t **out, char **err);

/* Closes S and frees everything it holds; S may be NULL. Results already
 * returned stay valid, except the topic names borrowed by
 * ivs_search_stats_t (see there). */
void ivs_searcher_close(ivs_searcher_t *s);

/* The message of the last failed call on S (borrowed: valid until the next
 * call on S); "" when there was none. One line, for a person. */
const char *ivs_searcher_error(const ivs_searcher_t *s);

/* The database path S was opened with (borrowed, as long as S). */
const char *ivs_searcher_path(const ivs_searcher_t *s);

/* The Chinese (or, with ENGLISH, the English) display name of topic ID,
 * borrowed until ivs_searcher_close(); NULL when ID is not a topic. */
const char *ivs_searcher_topic_name(ivs_searcher_t *s, const char *id,
                                    int english);

/* Limits every later request on S to the interviews whose source lies
 * under one of the N FOLDERS (absolute paths, without a trailing '/'; N 0:
 * every interview). The limit is a filter inside every Xapian query:
 * searches, listings, counts and facets, similar (the interview compared
 * must be in scope too), show, topics and stats; an interview outside is
 * never matched, counted or suggested. Returns IVS_OK, IVS_ERR_INPUT for
 * a relative folder, IVS_ERR_NOMEM (S keeps no scope then: the caller must
 * not go on). */
ivs_status_t ivs_searcher_set_scope(ivs_searcher_t *s,
                                    const char *const *folders, size_t n);

/* Brings S to the database's latest commit (see ivs_reader_refresh()):
 * cheap when nothing changed; a database put in place of the old one is
 * opened and checked as ivs_searcher_open() does. Returns IVS_OK;
 * IVS_ERR_NODB when the database is gone (S keeps answering from what it
 * had open, which the caller may refuse to do); IVS_ERR_SCHEMA or the
 * open's failure otherwise (recorded). */
ivs_status_t ivs_searcher_refresh(ivs_searcher_t *s);

/* The name of the committed state S reads (ivs_reader_revision()): 0, or
 * -1 when answers from it must not be kept (remote or missing shards). */
int ivs_searcher_revision(ivs_searcher_t *s, char *out, size_t size);

/* The shards of S's database that were unreachable at its last operation
 * (left out of its answer): their count, their names in *NAMES (borrowed
 * until the next call on S; NAMES may be NULL) and the number of shards in
 * *N_SHARDS (0 when the database is not sharded; may be NULL). */
size_t ivs_searcher_degraded(ivs_searcher_t *s, const char *const **names,
                             size_t *n_shards);

/* Keeps the connections to S's remote shards open (servers close idle
 * ones) and tries again the shards that were down; for long-lived
 * searchers (ivserve), every minute or so, from the thread that uses S.
 * IVS_OK, or the reader's status (recorded) when the database cannot be
 * read at all. */
ivs_status_t ivs_searcher_keep_alive(ivs_searcher_t *s);

/* ---- requests and results ---------------------------------------------- */

/* A search or a similar request. Strings are borrowed for the call. */
typedef struct {
    const char *query; /* the user's words (ivs/query.h syntax); "" for a
                            filter listing. For ivs_search_similar_text():
                            the text to compare. Ignored by
                            ivs_search_similar(). */
    const char *const *verdicts; /* only these verdicts (pass, 通过, ...) */
    size_t n_verdicts;
    const char *const *topics; /* only these topics (id or name), all */
    size_t n_topics;
    unsigned offset, limit; /* paging; limit 0 counts only */
    int sort;               /* IVS_SORT_RELEVANCE or IVS_SORT_DATE
                               (searches only) */
    int exact;              /* count every match (else exact up to
                               IVS_FACET_EXACT, estimated beyond) */
    int explain;            /* searches: fill ivs_search_results_t.plan and
                               each hit's matched terms */
    /* Searches only: the fields (IVS_FIELD_* of ivs/query.h). Each value
     * is matched whole, ignoring case, width and spaces next to Chinese
     * (ivs_field_key()); a round by its normalised name (二面 = 2面 =
     * round 2). The values of one field are alternatives; fields AND. */
    const char *const *fields[IVS_FIELD_COUNT];
    size_t n_fields[IVS_FIELD_COUNT];
    const char *since, *until; /* interview dates from/until (inclusive):
                                  2024-07-12, 2024-07, 2024 (ivs_date_bound());
                                  NULL for none. Undated interviews are
                                  left out when either is given. */
    int as_typed; /* searches: never search a corrected query instead
                     (ivs_search_results_t.corrected) */
} ivs_search_request_t;

/* One interview as stored. Strings are malloc'd and NULL when the stored
 * record has no such field. */
typedef struct {
    char *heading;
    char *topic;       /* the section's topic id, NULL for none */
    size_t start, end; /* byte range in text */
} ivs_search_section_t;

typedef struct {
    uint32_t id;
    char *source;      /* the file, as indexed (an absolute path) */
    long long ordinal; /* its place in the file, from 1 */
    char *title;
    char *verdict; /* "pass", "fail", "pending", "unknown" */
    char **topics; /* topic ids */
    size_t n_topics;
    char *date, *candidate, *role;
    char *round, *interviewer;
    ivs_search_section_t *sections; /* NULL in hits */
    size_t n_sections;
    char *text; /* the interview (may hold NUL bytes); NULL in hits */
    size_t text_len;
} ivs_interview_t;

/* A hit of a search or a similar request. */
typedef struct {
    ivs_interview_t interview; /* without text and sections */
    size_t rank;    /* its place in the whole answer, from offset + 1 */
    double score;   /* the ranking weight */
    int partial;    /* matches only some of the words */
    char **missing; /* partial: the words it lacks */
    size_t n_missing;
    char *snippet;          /* the best passage, one line; never NULL */
    ivs_span_t *highlights; /* the matched words in it, in characters */
    size_t n_highlights;
    char **matched; /* its matching terms: with request.explain for a
                          search; always for similar (the shared terms,
                          the one that weighed most first) */
    size_t n_matched;
    char **shared_topics; /* similar: the topic ids both interviews have,
                             those of the weightiest shared terms first */
    size_t n_shared_topics;
    char *explanation; /* similar: what they share, for a person: "both:
                          语言 (goroutine, channel), 中间件 (kafka), 索引";
                          NULL for searches */
} ivs_search_hit_t;

/* A set of matching interviews counted: how many, and by verdict and
 * topic. */
typedef struct {
    uint32_t total; /* exact when exact, else an estimate */
    int exact;
    ivs_facet_t *verdicts; /* most frequent first */
    size_t n_verdicts;
    ivs_facet_t *topics; /* most frequent first; a key may be "" */
    size_t n_topics;
    ivs_facet_t *roles; /* by ivs_field_key() of the role, most frequent
                           first; interviews without a role uncounted */
    size_t n_roles;
    ivs_facet_t *rounds; /* by normalised round (二面, 终面, HR面 ...) */
    size_t n_rounds;
    char **degraded;   /* sharded databases: the shards unreachable, left
                          out of these counts and of the hits (names as in
                          the stub: HOST:PORT, :PROGRAM ARGS, a path) */
    size_t n_degraded; /* of n_shards (0 when not sharded) */
    size_t n_shards;
} ivs_search_counts_t;

/* "did you mean": a word of the query that no interview has, and a
 * spelling of it that some have. */
typedef struct {
    char *word; /* as the user wrote it */
    char *suggestion;
} ivs_search_suggestion_t;

/* An alternative the planner left out of the query (request.explain). */
typedef struct {
    char *description; /* the alternative, as Xapian reads it */
    int stem;          /* left out because the English stem finds few more
                          interviews than the word; else too costly */
} ivs_search_dropped_t;

/* How a search read and ran its query (request.explain). */
typedef struct {
    ivs_query_t *query; /* the parsed query: its concepts, patterns,
                             synonyms and normalised form */
    char **filters;     /* the boolean filter terms applied */
    size_t n_filters;
    char *xapian; /* the Xapian query, readable; NULL if unknown */
    ivs_search_dropped_t *dropped;
    size_t n_dropped;
    int proximity;         /* the best IVS_PROXIMITY_DEPTH matches were
                             ranked again by closeness ... */
    char *proximity_query; /* ... of this query (NULL if unknown) */
} ivs_search_plan_t;

/* The answer of a search or a similar request. */
typedef struct {
    ivs_search_hit_t *hits; /* the interviews with every word first, then
                               (searches) the partial matches */
    size_t n_hits;
    ivs_search_counts_t full;    /* the interviews with every word (for
                                    similar: every interview alike) */
    ivs_search_counts_t partial; /* searches of two or more words: those
                                    with only some; total 0 and exact 1
                                    when not searched */
    int several;                 /* the query has two or more positive
                                    words, so partial matches exist */
    ivs_search_suggestion_t *suggestions; /* when full.total is 0 or
                                             corrected is set; a word
                                             may come twice */
    size_t n_suggestions;
    /* searches: when no interview had every word typed and each unknown
     * word had a suggestion, the query with the suggestions in place,
     * whose results these are (the suggestions stay those of the words
     * typed); else NULL */
    char *corrected;
    ivs_search_plan_t *plan; /* request.explain; else NULL */
    char **terms;            /* similar: the concepts of the interview
                                    (or text) that were compared, the
                                    weightiest first */
    size_t n_terms;
} ivs_search_results_t;

/* Searches: REQ's words, filters and paging; the interviews with every
 * word, then, when the query has two or more words and the page is not
 * full, those with only some (partial matches); counts of both, a
 * snippet per hit, spelling suggestions when nothing has every word.
 * When every unknown word has a suggestion and the query with them in
 * place has interviews with every word (and REQ is not as_typed), the
 * answer is that query's, with ivs_search_results_t.corrected naming it.
 * Returns IVS_OK with *OUT (free with ivs_search_results_free());
 * IVS_ERR_QUERY for an unknown verdict or topic or an empty query;
 * IVS_ERR_IO when the topic table cannot be read; IVS_ERR_NOMEM;
 * the reader's status (IVS_ERR_XAPIAN, ...) when the search fails. On
 * failure *OUT is NULL and ivs_searcher_error() says why. */
ivs_status_t ivs_search_run(ivs_searcher_t *s, const ivs_search_request_t *req,
                            ivs_search_results_t **out);

/* The interviews most like interview ID (itself and other interviews of
 * the same candidate left out), by its technical concepts: main-path words
 * outside code, without numbers, English glosses inside Chinese, single
 * characters and stop words, weighted by how typical they are of it
 * (sublinear tf x capped idf, a topic's words and a language's more, at
 * most five of one topic); the best candidates are ranked again by how
 * many of the subject's areas (the topics of its concepts) they share and
 * by whether they are for the same language (Go, Java, C++, Python, from
 * the words of their text), then by the topics they share. REQ's
 * filters and paging apply, its query, sort and explain do not. Each
 * hit's matched terms are the shared concepts (weightiest first), its
 * shared_topics and explanation say what the two have in common, and
 * (*OUT)->terms are the compared concepts. Returns as ivs_search_run(), and
 * IVS_ERR_NOTFOUND when there is no interview ID, IVS_ERR_INPUT when ID is
 * 0 (ids start at 1; filters are checked first). */
ivs_status_t ivs_search_similar(ivs_searcher_t *s, uint32_t id,
                                const ivs_search_request_t *req,
                                ivs_search_results_t **out);

/* The interviews most like the text REQ->query (a job description, a
 * résumé paragraph), described as an interview is (ivs_search_similar());
 * its topics are those two or more of its concepts belong to. Returns as
 * ivs_search_run(); IVS_ERR_INPUT when the text has no word to compare. */
ivs_status_t ivs_search_similar_text(ivs_searcher_t *s,
                                     const ivs_search_request_t *req,
                                     ivs_search_results_t **out);

void ivs_search_results_free(ivs_search_results_t *r);

/* Interview ID in full (text and sections). Returns IVS_OK with *OUT (free
 * with ivs_interview_free()); IVS_ERR_NOTFOUND when there is none;
 * IVS_ERR_INPUT when ID is 0; the reader's status otherwise. */
ivs_status_t ivs_search_show(ivs_searcher_t *s, uint32_t id,
                             ivs_interview_t **out);

void ivs_interview_free(ivs_interview_t *iv);

/* Where the words of QUERY (ivs/query.h syntax; its filters are ignored)
 * occur in TEXT (LEN bytes), as snippets mark them: *OUT gets *N byte
 * ranges [start, end), sorted, not overlapping (malloc'd; NULL when none).
 * Returns IVS_OK, or the failure (recorded). */
ivs_status_t ivs_search_highlight(ivs_searcher_t *s, const char *query,
                                  const char *text, size_t len,
                                  ivs_span_t **out, size_t *n);

/* A topic of the taxonomy and how many interviews have it. The strings
 * are borrowed from the searcher's taxonomy: valid until
 * ivs_searcher_close(). */
typedef struct {
    const char *id, *name, *name_en;
    uint32_t count;
} ivs_search_topic_t;

enum { IVS_SEARCH_VERDICTS = 4 };

/* The database in numbers. */
typedef struct {
    const char *db; /* the path (borrowed, as the topics) */
    uint32_t interviews;
    const char *verdict_names[IVS_SEARCH_VERDICTS]; /* pass fail pending
                                                       unknown */
    uint32_t verdicts[IVS_SEARCH_VERDICTS];         /* their counts */
    ivs_search_topic_t *topics; /* in the taxonomy's order */
    size_t n_topics;
    char *analyzer;    /* the database's analyzer signature, or NULL */
    char **degraded;   /* sharded databases: the shards unreachable, left
                          out of these counts (as in ivs_search_counts_t) */
    size_t n_degraded; /* of n_shards (0 when not sharded) */
    size_t n_shards;
} ivs_search_stats_t;

/* The topics of the taxonomy with their counts (ivs_search_topics: only
 * topics is filled) or all of the stats. Returns IVS_OK with *OUT (free
 * with ivs_search_stats_free()); IVS_ERR_IO when the taxonomy cannot be
 * read; IVS_ERR_NOMEM. */
ivs_status_t ivs_search_topics(ivs_searcher_t *s, ivs_search_stats_t **out);
ivs_status_t ivs_search_stats(ivs_searcher_t *s, ivs_search_stats_t **out);

void ivs_search_stats_free(ivs_search_stats_t *st);

/* The archive at a glance (in the searcher's scope): verdicts per topic
 * and interviews per month, counted exactly in one pass. */
typedef struct {
    const char *id, *name; /* borrowed from the taxonomy, as the stats */
    uint32_t verdicts[IVS_SEARCH_VERDICTS]; /* pass fail pending unknown */
    uint32_t total;
} ivs_overview_topic_t;

typedef struct {
    char month[12]; /* "YYYY-MM" */
    uint32_t count;
} ivs_overview_month_t;

typedef struct {
    uint32_t interviews;
    uint32_t verdicts[IVS_SEARCH_VERDICTS];
    ivs_overview_topic_t *topics; /* the taxonomy's, in its order */
    size_t n_topics;
    uint32_t no_topic;            /* interviews without a topic */
    ivs_overview_month_t *months; /* dated interviews, oldest first, every
                                       month from the first to the last */
    size_t n_months;
    uint32_t undated;
} ivs_search_overview_t;

/* Fills *OUT (free with ivs_search_overview_free()). Returns IVS_OK,
 * IVS_ERR_IO without the taxonomy, IVS_ERR_NOMEM or the reader's failure
 * (recorded). */
ivs_status_t ivs_search_overview(ivs_searcher_t *s,
                                 ivs_search_overview_t **out);
void ivs_search_overview_free(ivs_search_overview_t *ov);

#endif

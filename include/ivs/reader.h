/* The read side of the database: a thin C interface over Xapian's Database
 * and Enquire, implemented in indexer/db/xapian_reader.cc. */
#ifndef IVS_READER_H
#define IVS_READER_H

#include <stddef.h>
#include <stdint.h>

#include "ivs/query.h"
#include "ivs/status.h"

typedef struct ivs_reader ivs_reader_t;

/* Opens the database at PATH for reading: a glass folder, a folder holding
 * an XAPIANDB stub (ivindex --shards) or a stub file whose lines are
 * "auto PATH" (a local shard; relative to the stub's folder), "remote
 * HOST:PORT" (xapian-tcpsrv) or "remote :PROGRAM ARGS" (xapian-progsrv,
 * often through ssh), blank lines and # comments. The shards are opened
 * one by one, the remote ones with the timeout of ivs_reader_set_timeout();
 * a remote shard that cannot be reached is left out (see
 * ivs_reader_down()), a local one that cannot be opened is an error. With
 * a remote shard, SIGPIPE is ignored when it had its default action (a
 * server gone away would end the process).
 * Returns IVS_ERR_NODB when there is none, IVS_ERR_CORRUPT, IVS_ERR_SCHEMA
 * (another Xapian format), IVS_ERR_IO, IVS_ERR_XAPIAN (a malformed stub, no
 * shard reachable), IVS_ERR_NOMEM; *OUT is NULL and *ERR gets a malloc'd
 * detail on failure. */
ivs_status_t ivs_reader_open(const char *path, ivs_reader_t **out, char **err);
void ivs_reader_close(ivs_reader_t *r);

/* Brings R to the database's latest committed revision (cheap when nothing
 * changed: one stat and Xapian's revision check), opening the database
 * afresh when another one was put at its path (ivindex --reindex swaps a
 * rebuilt folder in). *CHANGED is 1 when R now reads another revision.
 * Returns IVS_OK; IVS_ERR_NODB when nothing is at the path any more (R
 * keeps its last state); the open's failure otherwise. */
ivs_status_t ivs_reader_refresh(ivs_reader_t *r, int *changed);
/* Writes to OUT (SIZE bytes) a name of the committed state R reads now:
 * equal names, equal data (the same database at the path, every shard at
 * the same revision). Returns 0, or -1 when the state has no name R can
 * vouch for (a remote shard, a shard down, OUT too small): answers read
 * from it must not be kept. */
int ivs_reader_revision(ivs_reader_t *r, char *out, size_t size);
/* The version of the Xapian library in use (static string); one function
 * for both wrappers (writer.h declares it too). */
const char *ivs_xapian_version(void);
const char *ivs_reader_error(const ivs_reader_t *r);

/* Default connect and per-query timeout of remote shards, when neither
 * ivs_reader_set_timeout() nor IVSEARCH_TIMEOUT_MS says otherwise (Xapian's
 * own default). */
#define IVS_SHARD_TIMEOUT_MS 10000
/* How long a remote shard found down is left out before the next
 * operation tries to connect it again. */
#define IVS_SHARD_RETRY_S 5

/* Over remote shards, equal weights are put in source order by the reader
 * (one database has them so): it fetches this many matches past the page
 * so that a group of equal weights at its end is ordered whole. */
#define IVS_TIE_SLACK 16

/* Sets the connect and per-query timeout of remote shards for readers
 * opened from now on (0: back to IVSEARCH_TIMEOUT_MS from the environment,
 * else IVS_SHARD_TIMEOUT_MS). Process-wide: call before opening, from one
 * thread. */
void ivs_reader_set_timeout(unsigned ms);

/* The shards of R as --db lists them (0 when it is one database), and the
 * name of shard I (the path, HOST:PORT or :PROGRAM ARGS; borrowed until R
 * is closed). */
size_t ivs_reader_shard_count(const ivs_reader_t *r);
const char *ivs_reader_shard_name(const ivs_reader_t *r, size_t i);
/* Whether shard I is up (in the answers). */
int ivs_reader_shard_up(const ivs_reader_t *r, size_t i);
/* Metadata KEY of shard I alone (malloc'd), or NULL when absent or the
 * shard is down. */
char *ivs_reader_shard_metadata(ivs_reader_t *r, size_t i, const char *key);

/* How many shards are down (unreachable, left out of every answer until
 * they come back) and their names in NAMES (a borrowed array of borrowed
 * names, valid until the next call on R); NAMES may be NULL. */
size_t ivs_reader_down(ivs_reader_t *r, const char *const **names);

/* Keeps the connections of remote shards alive (a server drops a
 * connection idle past its timeout) and tries again those down; for
 * long-lived readers, every minute or so. IVS_OK, or the status of a
 * failure other than a shard being down. */
ivs_status_t ivs_reader_keep_alive(ivs_reader_t *r);

/* Metadata value (malloc'd) or NULL when absent. */
char *ivs_reader_metadata(ivs_reader_t *r, const char *key);
uint32_t ivs_reader_doccount(ivs_reader_t *r);
uint32_t ivs_reader_termfreq(ivs_reader_t *r, const char *term);
/* Reads the frequencies of the N TERMS at once, for ivs_reader_termfreq
 * to answer from: over remote shards one exchange instead of a round trip
 * per term and shard. A failure is left for ivs_reader_termfreq to meet. */
void ivs_reader_termfreqs_prefetch(ivs_reader_t *r, const char *const *terms,
                                   size_t n);

/* Calls CB for every indexed term starting with PREFIX (NUL-terminated),
 * in byte order, with LEN bytes of TERM (borrowed during the call) and the
 * number of documents holding it. A non-zero return stops the walk and is
 * returned; -1 when the database could not be read. Reads the terms
 * before the first call: a prefix of one letter is a few thousand. */
int ivs_reader_each_term(ivs_reader_t *r, const char *prefix,
                         int (*cb)(void *ctx, const char *term, size_t len,
                                   uint32_t termfreq),
                         void *ctx);

typedef struct {
    uint32_t id; /* the interview's id (not Xapian's docid) */
    double weight;
    char *data; /* the document data (see IVS_SCHEMA_VERSION 4) */
    size_t data_len;
    char **matched; /* matching terms, when asked for */
    size_t n_matched;
} ivs_hit_t;

typedef struct {
    char *key;
    uint32_t count;
} ivs_facet_t;

/* A query with more than IVS_FACET_EXACT matches has its total counted
 * by a pass of its own (every match listed, without weights: about 10 %
 * more time at the median on 100,000 interviews than the sample that
 * estimated it before, which a sharded layout drew from other interviews)
 * and the facets of IVS_FACET_SAMPLE of the matches read, in runs of
 * IVS_FACET_CLUSTER neighbours spread over the ids: a facet holding a
 * share p of them is off by about 1/sqrt(p N), more when neighbours are
 * alike. Reading the facets of a match costs 0.02 us per document since
 * the last one read when near, and 2-4 us when far (a chunk of the value
 * stream found and decoded). Over shards the facets are counted exactly
 * (Xapian's ValueCountMatchSpy). */
#ifndef IVS_FACET_SAMPLE
#define IVS_FACET_SAMPLE 1000
#endif
#ifndef IVS_FACET_CLUSTER
#define IVS_FACET_CLUSTER 16
#endif

typedef struct {
    ivs_hit_t *hits;
    size_t n_hits;
    uint32_t total;   /* matches, counted exactly (one database or
                            shards: the same total for the same
                            interviews, whatever the layout) */
    int exact;        /* total is exact (always, since the totals of
                            shards and one database must agree) */
    int facets_exact; /* facet counts are exact (else estimates from the
                            matches drawn, scaled to the total: a facet
                            holding a share p of N drawn is off by about
                            1/sqrt(p N)) */
    ivs_facet_t *verdicts, *topics; /* most frequent first */
    size_t n_verdicts, n_topics;
    char **terms; /* --similar: the terms chosen */
    size_t n_terms;
    char **degraded;   /* the shards left out of this answer (unreachable),
                            by name; NULL when none */
    size_t n_degraded; /* of n_shards (0 when the database is not sharded) */
    size_t n_shards;
} ivs_results_t;

enum { IVS_SORT_RELEVANCE, IVS_SORT_DATE, IVS_SORT_SOURCE };

typedef struct {
    const ivs_qnode_t *query;   /* what to match */
    const ivs_qnode_t *exclude; /* documents to leave out, or NULL */
    const char *const *filters; /* boolean terms: same prefix ORed, */
    size_t n_filters;           /* different prefixes ANDed */
    unsigned offset, limit;
    int sort;                     /* IVS_SORT_* */
    int facets;                   /* count verdicts and topics of all matches */
    int matched_terms;            /* fill ivs_hit_t.matched */
    int exact;                    /* count every match, however many (else
                                   exact up to IVS_FACET_EXACT, estimated
                                   from a sample beyond) */
    const ivs_qnode_t *proximity; /* ivs_query_proximity(): ranks the best
                                   IVS_PROXIMITY_DEPTH matches again by how
                                   close together their words stand (with
                                   relevance order only), or NULL */
} ivs_search_t;

/* Runs S. On success *OUT holds the results (free with
 * ivs_results_free()). A database modified during the search is reopened
 * and the search retried. Returns IVS_ERR_XAPIAN, IVS_ERR_NOMEM, ... */
ivs_status_t ivs_reader_search(ivs_reader_t *r, const ivs_search_t *s,
                               ivs_results_t **out);

/* The data of interview ID (malloc'd: its JSON, a newline, its text) or
 * NULL with IVS_ERR_NOTFOUND in *STATUS. */
char *ivs_reader_document(ivs_reader_t *r, uint32_t id, size_t *len,
                          ivs_status_t *status);

/* Decides, from the database's term statistics, which substring-recall
 * alternatives of NODE (ivs_qnode_t.recall) are worth their cost, and marks
 * the others dropped. Call before ivs_reader_search() and
 * ivs_reader_describe(). */
ivs_status_t ivs_reader_plan(ivs_reader_t *r, ivs_qnode_t *node);

/* Readable form of the Xapian query for NODE (malloc'd). */
char *ivs_reader_describe(const ivs_qnode_t *node);

void ivs_results_free(ivs_results_t *res);

/* Every distinct value of value SLOT among the documents that FILTERS (as
 * ivs_search_t's) let through, with how many have it, exactly (one pass
 * over them: about 0.3 us a document). *OUT (free with ivs_facets_free())
 * gets *N_OUT of them, in byte order of the value. */
ivs_status_t ivs_reader_value_counts(ivs_reader_t *r,
                                     const char *const *filters,
                                     size_t n_filters, unsigned slot,
                                     ivs_facet_t **out, size_t *n_out);
void ivs_facets_free(ivs_facet_t *v, size_t n);

#endif

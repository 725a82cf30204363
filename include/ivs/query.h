/* Queries: the user's syntax (words, "phrases", -exclusion, OR, verdict: and
 * topic: filters) turned into a query tree that the read side runs, plus
 * the patterns that snippets highlight. */
#ifndef IVS_QUERY_H
#define IVS_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "ivs/analyze.h"
#include "ivs/status.h"

typedef enum {
    IVS_Q_TERM,
    IVS_Q_AND,
    IVS_Q_OR,
    IVS_Q_AND_NOT, /* first child minus the rest */
    IVS_Q_PHRASE,  /* children are terms at consecutive positions */
    IVS_Q_NEAR,    /* children within WINDOW positions, any order */
    IVS_Q_FILTER,  /* first child ranked, the rest boolean filters */
    IVS_Q_SCALE,   /* the only child with its weight times SCALE */
    IVS_Q_ALL,     /* every document */
    IVS_Q_AND_MAYBE /* first child; the rest add weight where they match */
} ivs_qop_t;

enum { IVS_RECALL_PHRASE = 1, IVS_RECALL_STEM = 2 };

typedef struct ivs_qnode {
    ivs_qop_t op;
    char *term;         /* IVS_Q_TERM: the term, prefixed as indexed */
    unsigned window;    /* IVS_Q_NEAR */
    double scale;       /* IVS_Q_SCALE */
    int recall;         /* an optional alternative that the read side may
                           leave out when it costs more than it finds (see
                           ivs_reader_plan()): IVS_RECALL_PHRASE, the
                           character phrase that finds a Chinese word inside
                           longer words or a multi-word synonym;
                           IVS_RECALL_STEM, the English stem of the word
                           beside it (a superset of the word's documents) */
    int dropped;        /* left out of the query (set by the read side) */
    struct ivs_qnode **kids;
    size_t n_kids, cap;
} ivs_qnode_t;

/* Node constructors: NULL when out of memory. ivs_qnode_add takes
 * ownership of KID (and frees it on failure). */
ivs_qnode_t *ivs_qnode_new(ivs_qop_t op);
ivs_qnode_t *ivs_qnode_term(const char *term, size_t len);
int ivs_qnode_add(ivs_qnode_t *parent, ivs_qnode_t *kid);
void ivs_qnode_free(ivs_qnode_t *node);

/* One pattern: a sequence of position-unit terms (as ivs_analyze reports
 * them, unprefixed) that must stand at consecutive positions. */
typedef struct {
    char **terms; /* the units as indexed: Han characters and digit runs
                     before Han carry IVS_PREFIX_CHAR */
    char **units; /* the same without the prefix (pointing into TERMS) */
    size_t n;
    char *stem; /* a one-word Latin pattern also matches words with this
                   English stem; NULL otherwise */
} ivs_pattern_t;

/* A concept: one thing the user asked for (a word, a phrase, or words
 * joined by OR) with all the ways it may appear. */
typedef struct {
    char *text;            /* as the user wrote it */
    int negated;           /* -word */
    int phrase;            /* "quoted" */
    ivs_qnode_t *node;     /* what to match */
    ivs_pattern_t *patterns; /* what to highlight */
    size_t n_patterns;
    char *expansion;       /* for --explain: the alternatives tried */
} ivs_concept_t;

typedef struct ivs_synonyms ivs_synonyms_t;

/* Loads the synonym table (data/synonyms.txt: one group of equivalent
 * expressions per line, separated by " ~ " or tabs; '#' comments),
 * normalising every entry with A. NULL PATH gives an empty table. Returns
 * IVS_ERR_IO or IVS_ERR_NOMEM; *OUT is NULL on failure. */
ivs_status_t ivs_synonyms_load(ivs_analyzer_t *a, const char *path,
                               ivs_synonyms_t **out);
void ivs_synonyms_free(ivs_synonyms_t *syn);

typedef struct {
    ivs_concept_t *concepts;
    size_t n_concepts;
    char **verdicts; /* raw values of verdict: filters, as written */
    size_t n_verdicts;
    char **topics;   /* raw values of topic: filters, as written */
    size_t n_topics;
    char *normalized; /* for --explain */
} ivs_query_t;

/* Parses the user's QUERY text. Never fails on odd input (unbalanced
 * quotes, lone operators, control characters): what cannot be read is
 * ignored. SYN may be NULL. Returns IVS_ERR_NOMEM (with *OUT NULL) or OK;
 * free the result with ivs_query_free(). */
ivs_status_t ivs_query_parse(ivs_analyzer_t *a, const ivs_synonyms_t *syn,
                             const char *query, ivs_query_t **out);
void ivs_query_free(ivs_query_t *q);

/* Number of positive (not negated) concepts. */
size_t ivs_query_positives(const ivs_query_t *q);

/* The match part of Q: positives joined by AND (ALL_WORDS non-zero) or OR,
 * minus the negated ones; IVS_Q_ALL when Q has no positive concept.
 * Filters are not included. Caller frees. NULL when out of memory. */
ivs_qnode_t *ivs_query_tree(const ivs_query_t *q, int all_words);

/* The proximity of Q's positive concepts, which ranks the documents with
 * them close together above those with the words pages apart: an
 * IVS_Q_NEAR node (WINDOW positions) with one child per concept, the OR of
 * its patterns, each a PHRASE of unit terms (or one TERM). NULL when Q has
 * fewer than two positive concepts, or when out of memory. The read side
 * applies it to the best matches only (ivs_search_t.proximity). */
ivs_qnode_t *ivs_query_proximity(const ivs_query_t *q);

/* A query of the distinctive words of free TEXT (for --similar-text): their
 * OR, stop words left out. STOP may be NULL. Caller frees. */
ivs_qnode_t *ivs_query_from_text(ivs_analyzer_t *a, const char *text,
                                  int (*stop)(void *ctx, const char *term,
                                              size_t len),
                                  void *ctx);

/* Writes a readable form of NODE into a malloc'd string (for --explain). */
char *ivs_qnode_describe(const ivs_qnode_t *node);

#endif

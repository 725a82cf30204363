/* Queries: the user's syntax (words, "phrases", -exclusion, the operators
 * OR, AND and NOT in upper case, verdict: and topic: filters) turned into a
 * query tree that the read side runs, plus the patterns that snippets
 * highlight. */
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
    IVS_Q_AND_NOT,  /* first child minus the rest */
    IVS_Q_PHRASE,   /* children are terms at consecutive positions */
    IVS_Q_NEAR,     /* children within WINDOW positions, any order */
    IVS_Q_FILTER,   /* first child ranked, the rest boolean filters */
    IVS_Q_SCALE,    /* the only child with its weight times SCALE */
    IVS_Q_ALL,      /* every document */
    IVS_Q_AND_MAYBE /* first child; the rest add weight where they match */
} ivs_qop_t;

enum { IVS_RECALL_PHRASE = 1, IVS_RECALL_STEM = 2 };

typedef struct ivs_qnode {
    ivs_qop_t op;
    char *term;      /* IVS_Q_TERM: the term, prefixed as indexed */
    unsigned window; /* IVS_Q_NEAR */
    double scale;    /* IVS_Q_SCALE */
    int recall;      /* an optional alternative that the read side may
                           leave out when it costs more than it finds (see
                           ivs_reader_plan()): IVS_RECALL_PHRASE, the
                           character phrase that finds a Chinese word inside
                           longer words or a multi-word synonym;
                           IVS_RECALL_STEM, the English stem of the word
                           beside it (a superset of the word's documents) */
    int dropped;     /* left out of the query (set by the read side) */
    int synonym;     /* IVS_Q_OR: the ways of writing one concept, weighted
                        as one term (Xapian's OP_SYNONYM), so that a note
                        writing 三次握手 (three-way handshake) does not count
                        twice what a note writing 三次握手 counts once */
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
    char *text;              /* as the user wrote it */
    int negated;             /* -word */
    int phrase;              /* "quoted" */
    int meaningful;          /* carries meaning by itself, so a partial
                              match may rest on it: not a single character
                              split from what the user typed as one piece
                              (元 of 元宇宙概念, 不 of 消息不丢失) */
    ivs_qnode_t *node;       /* what to match */
    ivs_pattern_t *patterns; /* what to highlight */
    size_t n_patterns;
    char *expansion; /* for --explain: the alternatives tried */
} ivs_concept_t;

typedef struct ivs_synonyms ivs_synonyms_t;

/* Loads the synonym table (data/synonyms.txt: one group of equivalent
 * expressions per line, separated by " ~ " or tabs; '#' comments),
 * normalising every entry with A. NULL PATH gives an empty table. Returns
 * IVS_ERR_IO or IVS_ERR_NOMEM; *OUT is NULL on failure. */
ivs_status_t ivs_synonyms_load(ivs_analyzer_t *a, const char *path,
                               ivs_synonyms_t **out);
void ivs_synonyms_free(ivs_synonyms_t *syn);

/* Topic filters given as alternatives: topic:a OR topic:b. */
typedef struct {
    char **values; /* raw values, as written */
    size_t n;
} ivs_topic_choice_t;

/* The fields beyond verdict and topic that filters name (ivs/record.h). */
enum {
    IVS_FIELD_CANDIDATE,
    IVS_FIELD_ROLE,
    IVS_FIELD_ROUND,
    IVS_FIELD_INTERVIEWER,
    IVS_FIELD_COUNT
};

typedef struct {
    ivs_concept_t *concepts; /* each asked for once: a repeated word or
                                phrase is left out */
    size_t n_concepts;
    char **verdicts; /* raw values of verdict: filters, as written; an
                        empty string for a bare "verdict:" */
    size_t n_verdicts;
    char **topics; /* raw values of topic: filters that must all hold,
                        as written; an empty string for a bare "topic:" */
    size_t n_topics;
    ivs_topic_choice_t *topic_choices; /* topic:a OR topic:b: one topic of
                                          each choice must hold */
    size_t n_topic_choices;
    ivs_qnode_t *topic_filter; /* the choices as filter terms, set by
                                  ivs_query_resolve_topics() */
    ivs_qnode_t *together;     /* OR of the phrases of the Chinese words typed
                              without a break that are several concepts
                              (循环依赖: 循环 + 依赖): weight where they
                              stand together; NULL when none */
    char **fields[IVS_FIELD_COUNT]; /* raw values of candidate:, role:,
                                       round:, interviewer: (候选人: 岗位:
                                       轮次: 面试官:), as written; the
                                       values of one field are
                                       alternatives */
    size_t n_fields[IVS_FIELD_COUNT];
    char *since, *until; /* raw values of the last since: and until:
                            (从: 到:), or NULL */
    char *normalized;    /* for --explain */
} ivs_query_t;

/* The field filter keys of the query syntax, in IVS_FIELD_* order:
 * "candidate", "role", "round", "interviewer" (static strings). */
const char *ivs_query_field_name(int field);

/* Parses the user's QUERY text. Never fails on odd input (unbalanced
 * quotes, lone operators, control characters): what cannot be read is
 * ignored. Upper-case OR joins the words (or topic: filters) on either
 * side, AND between words is the same as a space, NOT before a word is
 * "-word"; in lower case they are words. SYN may be NULL. Returns
 * IVS_ERR_NOMEM (with *OUT NULL) or OK; free the result with
 * ivs_query_free(). */
ivs_status_t ivs_query_parse(ivs_analyzer_t *a, const ivs_synonyms_t *syn,
                             const char *query, ivs_query_t **out);
void ivs_query_free(ivs_query_t *q);

/* Resolves the values of Q's topic choices with RESOLVE (a topic name or id
 * to its id, borrowed; NULL when unknown) into Q->topic_filter, which
 * ivs_query_tree() then applies. Returns IVS_OK; IVS_ERR_QUERY with
 * *UNKNOWN (borrowed from Q) the first value RESOLVE did not know;
 * IVS_ERR_NOMEM. Without choices, does nothing and returns IVS_OK. */
ivs_status_t ivs_query_resolve_topics(ivs_query_t *q,
                                      const char *(*resolve)(void *ctx,
                                                             const char *value),
                                      void *ctx, const char **unknown);

/* Number of positive (not negated) concepts. */
size_t ivs_query_positives(const ivs_query_t *q);

/* The match part of Q. With ALL_WORDS: the positives joined by AND; else
 * the partial matches: the OR of the positives that are meaningful alone,
 * the others adding weight where they match (nothing matches when no
 * positive is meaningful). Minus the negated concepts; IVS_Q_ALL when Q has
 * no positive concept. Verdict and topics filters are not included, topic
 * choices are (once resolved). Caller frees. NULL when out of memory. */
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

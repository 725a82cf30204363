/* What similar.c asks of similar_terms.c: an interview (or a text) described
 * by its weighted technical concepts. Not installed. */
#ifndef IVS_SIMILAR_INTERNAL_H
#define IVS_SIMILAR_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "searcher_private.h"

/* One concept of a text: a main-path word (search-mode sub-words are never
 * counted, so 三色标记 is one concept, not 三色 + 色标 + 三色标记). */
typedef struct {
    char *term;        /* as indexed (ivs_term_for_token) */
    double tf;         /* occurrences, a heading or question line counting
                          IVS_SIMILAR_HEADING_TF */
    uint32_t df;       /* interviews holding it */
    double weight;     /* (1 + ln tf) x idf (capped) x topical bonus */
    const char *topic; /* topic id whose keyword it is (borrowed from the
                          taxonomy), or NULL */
} similar_concept_t;

typedef struct {
    similar_concept_t *v; /* best first after ivs_concepts_choose() */
    size_t n, cap;
    size_t *slots; /* open-addressing index into v (term hash) */
    size_t n_slots;
} ivs_concepts_t;

/* Collects the concepts of TEXT (LEN bytes) into C: every main-path word
 * of two or more characters outside code (fenced blocks, <pre>, lines that
 * read as code), leaving out numbers and number-like tokens (2024, n3,
 * 100ms), English glosses inside Chinese (a Latin word in brackets right
 * after Chinese, a run of three or more Latin words in a Chinese line) and
 * stop words. Returns 0, or -1 when out of memory. */
int ivs_concepts_collect(ivs_searcher_t *s, const char *text, size_t len,
                         ivs_concepts_t *c);

/* Weighs the concepts of C against the database (document frequencies;
 * those fewer than MIN_DF interviews hold are dropped), keeps the best
 * MAX, best first, and gives each its topic. Returns 0, or -1 when the
 * database cannot be read or memory runs out. */
int ivs_concepts_choose(ivs_searcher_t *s, ivs_concepts_t *c, uint32_t min_df,
                        size_t max);

/* The index of TERM in C, or -1. */
long ivs_concepts_find(const ivs_concepts_t *c, const char *term);

void ivs_concepts_clear(ivs_concepts_t *c);

/* The programming languages an interview can be for (its role family). */
enum { IVS_ROLE_GO, IVS_ROLE_JAVA, IVS_ROLE_CPP, IVS_ROLE_PYTHON, IVS_ROLES };

/* How often TEXT (LEN bytes, as stored: not normalised) names each
 * language or a concept only that language has (goroutine, jvm, 虚函数),
 * into COUNTS. A byte scan, no analysis: about 10 us a kilobyte, so that
 * every candidate of a page can be read. */
void ivs_role_count(const char *text, size_t len, double counts[IVS_ROLES]);

/* How much two role counts agree: the cosine of the two, or -1 when either
 * names no language. */
double ivs_role_agreement(const double a[IVS_ROLES], const double b[IVS_ROLES]);

#endif

/* ivs_search_similar() and ivs_search_similar_text(): the interviews most
 * like one interview or a text, and what they share.
 *
 * An interview is described by its technical concepts, weighted by how
 * typical they are of it (similar_terms.c). The candidates are found by
 * Xapian from a weighted OR of those concepts (built-in operators only, so
 * it runs over remote shards too); the best are ranked again by the topics
 * they share with the subject, and an interview of the same candidate (an
 * other round) is left out. */
#define _GNU_SOURCE
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/schema.h"
#include "similar_internal.h"

/* How many concepts describe an interview. bench/similar (nDCG@10 / P@5):
 * 24 gives 0.623 / 0.85, 32 0.626 / 0.85, 40 0.637 / 0.85, 48 0.631 /
 * 0.83. The OR of them is most of the time of a --similar at 126,000
 * interviews (bench/latency, --batch, 300 ids): 24 concepts take 22 ms at
 * the median and 41 ms at the 99th percentile, 32 take 30 / 56 ms, 40 take
 * 43 ms on average; p99 <= 50 ms per process asks for 24. */
#define IVS_SIMILAR_CONCEPTS 24
/* Concepts that find the candidates (the heaviest); the others only add
 * weight to those found. bench/similar (nDCG@10 / P@5) and the CPU time
 * of a --similar process at 126,000 interviews (p50 of 40, perf stat):
 * all 24 give 0.683 / 0.903 and 27-30 ms, 16 0.683 / 0.903, 12 0.683 /
 * 0.903 and 27 ms, 8 0.686 / 0.903 and 23-28 ms, 4 0.677 / 0.897. */
#define IVS_SIMILAR_DRIVING 8
/* How much a shared topic moves a candidate: its weight times 1 + this x
 * the Jaccard overlap of the two interviews' topics (bench/similar: 0
 * gives nDCG@10 0.566, 0.5 0.579, 1 0.549; most interviews have most
 * topics, so the overlap separates little). */
#define IVS_SIMILAR_TOPIC_BOOST 0.5
/* The areas two interviews share, which a hiring manager compares first:
 * a candidate's weight is multiplied by 1 + this x the share of the
 * subject's concept topics (语言, 数据库, 网络 ...) that its shared concepts
 * cover, so that breadth of agreement ranks before the weight of one
 * area. bench/similar (nDCG@10 / P@5): 0 gives 0.653 / 0.869, 2 0.667 /
 * 0.869, 8 0.682 / 0.883, 16 0.679 / 0.883, 50 0.684 / 0.890 (without
 * IVS_SIMILAR_PER_TOPIC); with it and the role factor below, 8 gives
 * 0.685 / 0.910, 16 0.685 / 0.910, 50 0.688 / 0.910. */
#define IVS_SIMILAR_AREAS 16.0
/* Same role: a candidate's weight is multiplied by this x the cosine of
 * the two interviews' language counts (ivs_role_count(); no change when
 * either names no language), so that a Go interview's neighbours are Go
 * interviews before C++ ones about the same databases, and an interview
 * of another language only comes last. bench/similar (nDCG@10 / P@5 on
 * its draw of starts, and P@5 on two other draws, seeds 17 and 18, as a
 * check): 1 + (cosine - 1/2) gives 0.686 / 0.903, 0.862, 0.814; 1 + 1.6 x
 * (cosine - 1/2) 0.686 / 0.903, 0.869, 0.814; 2 x cosine 0.685 / 0.910,
 * 0.883, 0.834; without 0.653 / 0.869 (before IVS_SIMILAR_PER_TOPIC). */
#define IVS_SIMILAR_ROLE_AGREE 2.0
/* Distinct topics counted in a description, at most. */
#define IVS_TOPICS_MAX 64
/* Candidates fetched beyond the page, to rank again and to replace those
 * of the same candidate: 10 and 20 give the same P@5 on bench/similar
 * (0.903), 20 adds 0.004 nDCG@10 and each candidate costs a read of its
 * data and term list. */
#define IVS_SIMILAR_EXTRA 10
/* Shared concepts named in an explanation, and per topic. */
#define IVS_EXPLAIN_TERMS 8
#define IVS_EXPLAIN_PER_TOPIC 3

/* Xapian's BM25 term weight factor for a term in DF of N documents (as
 * Xapian computes it), so that a concept's query weight can replace it. */
static double
bm25_idf(double n, double df)
{
    double tw = log((n - df + 0.5) / (df + 0.5));
    if (tw < 2)
        tw = tw * 0.5 + 1;
    return fmax(tw, 0.1);
}

/* Adds concept K of C to PARENT, weighing W(K) / W(best) in place of
 * BM25's rarity (N interviews). -1 when out of memory. */
static int
add_concept(ivs_qnode_t *parent, const ivs_concepts_t *c, size_t k, double n)
{
    ivs_qnode_t *scale = ivs_qnode_new(IVS_Q_SCALE);
    if (!scale)
        return -1;
    scale->scale = c->v[k].weight / c->v[0].weight / bm25_idf(n, c->v[k].df);
    /* (a failed ivs_qnode_add() frees its kid) */
    if (ivs_qnode_add(scale,
                      ivs_qnode_term(c->v[k].term, strlen(c->v[k].term))) < 0) {
        ivs_qnode_free(scale);
        return -1;
    }
    return ivs_qnode_add(parent, scale);
}

/* The query of C's concepts: each matches with its own weight in place of
 * BM25's rarity; the first IVS_SIMILAR_DRIVING find the candidates (an OR)
 * and the others add their weight where they match (AND_MAYBE), so that
 * Xapian reads the others' posting lists only where a candidate is. NULL
 * when out of memory. */
static ivs_qnode_t *
concepts_query(ivs_searcher_t *s, const ivs_concepts_t *c)
{
    double n = ivs_reader_doccount(s->reader);
    ivs_qnode_t *find = ivs_qnode_new(IVS_Q_OR);
    for (size_t k = 0; find && k < c->n && k < IVS_SIMILAR_DRIVING; k++)
        if (add_concept(find, c, k, n) < 0) {
            ivs_qnode_free(find);
            return NULL;
        }
    if (!find || c->n <= IVS_SIMILAR_DRIVING)
        return find;
    ivs_qnode_t *q = ivs_qnode_new(IVS_Q_AND_MAYBE);
    if (!q || ivs_qnode_add(q, find) < 0) {
        if (!q)
            ivs_qnode_free(find);
        ivs_qnode_free(q);
        return NULL;
    }
    ivs_qnode_t *add = ivs_qnode_new(IVS_Q_OR);
    if (ivs_qnode_add(q, add) < 0) {
        ivs_qnode_free(q);
        return NULL;
    }
    for (size_t k = IVS_SIMILAR_DRIVING; k < c->n; k++)
        if (add_concept(add, c, k, n) < 0) {
            ivs_qnode_free(q);
            return NULL;
        }
    return q;
}

/* ---- ranking again --------------------------------------------------------- */

/* A candidate as the reader found it: its topics and candidate field. */
typedef struct {
    size_t hit; /* index into the reader's hits */
    double score;
    char **topics;
    size_t n_topics;
    char *candidate;
} ranked_t;

/* Reads the topics and the candidate of document data DATA into R (the
 * JSON line only, not the text). */
static void
read_meta(const char *data, size_t len, ranked_t *r)
{
    const char *nl = memchr(data, '\n', len);
    json_t *o = json_loadb(data, nl ? (size_t)(nl - data) : len, 0, NULL);
    json_t *t = json_object_get(o, "topics");
    r->topics = calloc(json_array_size(t) + 1, sizeof *r->topics);
    for (size_t i = 0; r->topics && i < json_array_size(t); i++) {
        const char *v = json_string_value(json_array_get(t, i));
        if (v && (r->topics[r->n_topics] = strdup(v)))
            r->n_topics++;
    }
    const char *cand = json_string_value(json_object_get(o, "candidate"));
    r->candidate = cand && *cand ? strdup(cand) : NULL;
    json_decref(o);
}

static int
has_string(char *const *v, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(v[i], s))
            return 1;
    return 0;
}

static double
topic_overlap(char *const *a, size_t na, char *const *b, size_t nb)
{
    size_t both = 0;
    for (size_t i = 0; i < na; i++)
        both += has_string(b, nb, a[i]);
    size_t either = na + nb - both;
    return either ? (double)both / either : 0;
}

/* How many distinct topics the concepts of C named by TERMS (N of them)
 * have; TERMS NULL: C's first N concepts. */
static size_t
count_areas(const ivs_concepts_t *c, char *const *terms, size_t n)
{
    const char *seen[IVS_TOPICS_MAX];
    size_t n_seen = 0;
    for (size_t i = 0; i < n; i++) {
        long k = terms ? ivs_concepts_find(c, terms[i]) : (long)i;
        const char *t = k >= 0 ? c->v[k].topic : NULL;
        size_t j = 0;
        while (t && j < n_seen && strcmp(seen[j], t))
            j++;
        if (t && j == n_seen && n_seen < IVS_TOPICS_MAX)
            seen[n_seen++] = t;
    }
    return n_seen;
}

/* The distinct topics of the concepts H shares with C. */
static size_t
shared_areas(const ivs_concepts_t *c, const ivs_hit_t *h)
{
    return count_areas(c, h->matched, h->n_matched);
}

static int
by_score(const void *a, const void *b)
{
    const ranked_t *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return x->hit < y->hit ? -1 : x->hit > y->hit;
}

/* ---- explanation ----------------------------------------------------------- */

/* Orders H's shared terms by their weight in C (heaviest first). */
static void
order_matched(const ivs_concepts_t *c, ivs_search_hit_t *h)
{
    for (size_t i = 1; i < h->n_matched; i++) {
        char *t = h->matched[i];
        long w = ivs_concepts_find(c, t);
        size_t j = i;
        while (j > 0 && ivs_concepts_find(c, h->matched[j - 1]) > w) {
            h->matched[j] = h->matched[j - 1];
            j--;
        }
        h->matched[j] = t;
    }
}

/* The topics SUBJECT and H share: those of H's heaviest shared terms
 * first, then the rest in taxonomy order. -1 when out of memory. */
static int
share_topics(const ivs_concepts_t *c, char *const *subject, size_t ns,
             ivs_search_hit_t *h)
{
    const ivs_interview_t *iv = &h->interview;
    h->shared_topics = calloc(iv->n_topics + 1, sizeof *h->shared_topics);
    if (!h->shared_topics)
        return -1;
    for (size_t i = 0; i < h->n_matched + iv->n_topics; i++) {
        const char *t;
        if (i < h->n_matched) {
            long k = ivs_concepts_find(c, h->matched[i]);
            t = k >= 0 ? c->v[k].topic : NULL;
        } else {
            t = iv->topics[i - h->n_matched];
        }
        if (!t || !has_string(subject, ns, t) ||
            !has_string(iv->topics, iv->n_topics, t) ||
            has_string(h->shared_topics, h->n_shared_topics, t))
            continue;
        char *copy = strdup(t);
        if (!copy)
            return -1;
        h->shared_topics[h->n_shared_topics++] = copy;
    }
    return 0;
}

/* Appends the shared terms of topic TOPIC (NULL: the term at FIRST alone)
 * from FIRST on to F, as "名 (a, b)"; marks them in USED. */
static void
explain_group(FILE *f, ivs_searcher_t *s, const ivs_concepts_t *c,
              const ivs_search_hit_t *h, size_t first, size_t last, char *used)
{
    long k = ivs_concepts_find(c, h->matched[first]);
    const char *topic = k >= 0 ? c->v[k].topic : NULL;
    const ivs_topics_t *tax = ivs_searcher_taxonomy(s);
    const char *name = NULL;
    for (size_t i = 0; topic && tax && i < ivs_topics_count(tax); i++)
        if (!strcmp(ivs_topics_id(tax, i), topic))
            name = ivs_topics_name_zh(tax, i);
    if (!name) {
        fputs(h->matched[first], f);
        used[first] = 1;
        return;
    }
    fprintf(f, "%s (", name);
    size_t shown = 0;
    for (size_t i = first; i < last; i++) {
        long j = ivs_concepts_find(c, h->matched[i]);
        if (used[i] || j < 0 || c->v[j].topic != topic)
            continue;
        if (shown++ < IVS_EXPLAIN_PER_TOPIC)
            fprintf(f, "%s%s", shown > 1 ? ", " : "", h->matched[i]);
        used[i] = 1; /* one group per topic */
    }
    fputc(')', f);
}

/* "both: 语言 (goroutine, channel), 中间件 (kafka), 索引": the heaviest
 * shared concepts, grouped by their topic. NULL when nothing is shared
 * or out of memory. */
static char *
explain(ivs_searcher_t *s, const ivs_concepts_t *c, const ivs_search_hit_t *h)
{
    size_t last =
        h->n_matched < IVS_EXPLAIN_TERMS ? h->n_matched : IVS_EXPLAIN_TERMS;
    if (last == 0)
        return NULL;
    char used[IVS_EXPLAIN_TERMS] = {0};
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return NULL;
    fputs("both: ", f);
    for (size_t i = 0, groups = 0; i < last; i++) {
        if (used[i])
            continue;
        if (groups++)
            fputs(", ", f);
        explain_group(f, s, c, h, i, last, used);
    }
    if (fclose(f) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

/* ---- the request ----------------------------------------------------------- */

/* A query of the shared terms, for highlighting them in snippets; NULL
 * when out of memory. */
static ivs_query_t *
terms_query(ivs_searcher_t *s, const ivs_hit_t *h)
{
    size_t len = 1;
    for (size_t i = 0; i < h->n_matched; i++)
        len += strlen(h->matched[i]) + 1;
    char *text = calloc(1, len);
    for (size_t i = 0; text && i < h->n_matched; i++) {
        strcat(text, h->matched[i]);
        strcat(text, " ");
    }
    ivs_query_t *q = NULL;
    if (text)
        ivs_query_parse(s->analyzer, NULL, text, &q);
    free(text);
    return q;
}

/* What a request compares against: the subject's concepts and topics, and
 * what to leave out. */
typedef struct {
    ivs_concepts_t concepts;
    char **topics;
    size_t n_topics;
    double role[IVS_ROLES]; /* ivs_role_count() of its text */
    size_t n_areas;         /* distinct topics of its concepts */
    uint32_t id;            /* the subject's id, 0 for a text */
    char *candidate;        /* the subject's candidate, NULL when unknown */
} subject_t;

/* The reader's hits of R ranked again into *OUT (a malloc'd array of
 * *N): by weight and shared topics, without the subject's candidate. */
static ranked_t *
rank_again(const subject_t *sub, const ivs_results_t *r, size_t *n)
{
    ranked_t *v = calloc(r->n_hits + 1, sizeof *v);
    *n = 0;
    for (size_t i = 0; v && i < r->n_hits; i++) {
        ranked_t *k = &v[*n];
        memset(k, 0, sizeof *k); /* the slot of a left-out one is reused */
        k->hit = i;
        read_meta(r->hits[i].data, r->hits[i].data_len, k);
        if (sub->candidate && k->candidate &&
            !strcmp(sub->candidate, k->candidate)) {
            for (size_t j = 0; j < k->n_topics; j++)
                free(k->topics[j]);
            free(k->topics);
            free(k->candidate);
            continue; /* another round of the same candidate */
        }
        k->score = r->hits[i].weight *
                   (1 + IVS_SIMILAR_TOPIC_BOOST *
                            topic_overlap(sub->topics, sub->n_topics, k->topics,
                                          k->n_topics));
        if (sub->n_areas)
            k->score *=
                1 + IVS_SIMILAR_AREAS *
                        (double)shared_areas(&sub->concepts, &r->hits[i]) /
                        (double)sub->n_areas;
        double role[IVS_ROLES];
        ivs_role_count(r->hits[i].data, r->hits[i].data_len, role);
        double agree = ivs_role_agreement(sub->role, role);
        if (agree >= 0)
            k->score *= IVS_SIMILAR_ROLE_AGREE * agree;
        (*n)++;
    }
    if (v)
        qsort(v, *n, sizeof *v, by_score);
    return v;
}

static void
ranked_free(ranked_t *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) {
        for (size_t j = 0; j < v[i].n_topics; j++)
            free(v[i].topics[j]);
        free(v[i].topics);
        free(v[i].candidate);
    }
    free(v);
}

/* The page of REQ from the ranked candidates V (N of them) of R. */
static ivs_status_t
collect(ivs_searcher_t *s, const ivs_search_request_t *req,
        const subject_t *sub, const ivs_results_t *r, const ranked_t *v,
        size_t n, ivs_search_results_t *res)
{
    size_t from = req->offset < n ? req->offset : n;
    size_t to = n - from > req->limit ? from + req->limit : n;
    ivs_search_hit_t *h =
        to > from ? ivs_search_hits_grow(res, to - from) : NULL;
    if (to > from && !h)
        return IVS_ERR_NOMEM;
    for (size_t i = from; i < to; i++, h++) {
        const ivs_hit_t *rh = &r->hits[v[i].hit];
        ivs_query_t *tq = terms_query(s, rh);
        ivs_status_t st = ivs_searcher_hit(s, rh, tq, 0, i + 1, h);
        res->n_hits++;
        ivs_query_free(tq);
        if (st != IVS_OK)
            return st;
        h->score = v[i].score;
        order_matched(&sub->concepts, h);
        if (share_topics(&sub->concepts, sub->topics, sub->n_topics, h) != 0)
            return IVS_ERR_NOMEM;
        h->explanation = explain(s, &sub->concepts, h);
        if (h->n_matched && !h->explanation)
            return IVS_ERR_NOMEM;
    }
    return IVS_OK;
}

/* Runs the request for SUB under filters F into *OUT. */
static ivs_status_t
similar_run(ivs_searcher_t *s, const ivs_search_request_t *req,
            const filters_t *f, const subject_t *sub,
            ivs_search_results_t **out)
{
    ivs_qnode_t *q = concepts_query(s, &sub->concepts);
    ivs_qnode_t *ex = NULL;
    char unique[32];
    snprintf(unique, sizeof unique, "%s%u", IVS_PREFIX_UNIQUE, sub->id);
    if (sub->id)
        ex = ivs_qnode_term(unique, strlen(unique));
    ivs_search_results_t *res = ivs_search_results_new();
    if (!q || (sub->id && !ex) || !res) {
        ivs_qnode_free(q);
        ivs_qnode_free(ex);
        ivs_search_results_free(res);
        return ivs_searcher_fail(s, IVS_ERR_NOMEM, "out of memory");
    }
    ivs_search_t sr = {q, ex, (const char *const *)f->terms, f->n, 0,
                       req->limit ? req->offset + req->limit + IVS_SIMILAR_EXTRA
                                  : 0,
                       IVS_SORT_RELEVANCE,
                       /* facets only for --limit 0, which asks for the
                          counts alone: counting the verdicts and topics of
                          the first 1,000 alike took a third of the time
                          of a page (61 -> 43 ms at 126,000 interviews)
                          and says little (most interviews share a word) */
                       req->limit == 0, 1, req->exact, NULL};
    ivs_results_t *r = NULL;
    ivs_status_t st = ivs_reader_search(s->reader, &sr, &r);
    ivs_qnode_free(q);
    ivs_qnode_free(ex);
    if (st != IVS_OK) {
        ivs_search_results_free(res);
        return ivs_searcher_read_failed(s, st);
    }
    size_t n = 0;
    ranked_t *v = rank_again(sub, r, &n);
    st = v ? collect(s, req, sub, r, v, n, res) : IVS_ERR_NOMEM;
    ranked_free(v, n);
    res->terms = calloc(sub->concepts.n + 1, sizeof *res->terms);
    for (size_t k = 0; st == IVS_OK && res->terms && k < sub->concepts.n; k++)
        if ((res->terms[k] = strdup(sub->concepts.v[k].term)))
            res->n_terms++;
    if (st == IVS_OK && (!res->terms || res->n_terms < sub->concepts.n ||
                         ivs_search_counts_copy(&res->full, r) != 0))
        st = IVS_ERR_NOMEM;
    ivs_results_free(r);
    if (st != IVS_OK) {
        ivs_search_results_free(res);
        return ivs_searcher_fail(s, st, "out of memory");
    }
    *out = res;
    return IVS_OK;
}

static void
subject_clear(subject_t *sub)
{
    ivs_concepts_clear(&sub->concepts);
    for (size_t i = 0; i < sub->n_topics; i++)
        free(sub->topics[i]);
    free(sub->topics);
    free(sub->candidate);
}

/* The topics of a text: those at least two of its concepts belong to. */
static int
text_topics(subject_t *sub)
{
    const ivs_concepts_t *c = &sub->concepts;
    sub->topics = calloc(c->n + 1, sizeof *sub->topics);
    if (!sub->topics)
        return -1;
    for (size_t k = 0; k < c->n; k++) {
        const char *t = c->v[k].topic;
        size_t count = 0;
        for (size_t j = 0; t && j < c->n; j++)
            count += c->v[j].topic && !strcmp(c->v[j].topic, t);
        if (count < 2 || has_string(sub->topics, sub->n_topics, t))
            continue;
        if (!(sub->topics[sub->n_topics] = strdup(t)))
            return -1;
        sub->n_topics++;
    }
    return 0;
}

ivs_status_t
ivs_search_similar(ivs_searcher_t *s, uint32_t id,
                   const ivs_search_request_t *req, ivs_search_results_t **out)
{
    *out = NULL;
    filters_t f = {0};
    ivs_status_t st = ivs_searcher_add_filters(
        s, &f, req->verdicts, req->n_verdicts, req->topics, req->n_topics);
    ivs_interview_t *iv = NULL;
    if (st == IVS_OK)
        st = ivs_search_show(s, id, &iv); /* says "no interview ..." */
    subject_t sub = {.id = id};
    if (st == IVS_OK) {
        sub.topics = iv->topics;
        sub.n_topics = iv->n_topics;
        sub.candidate = iv->candidate;
        iv->topics = NULL;
        iv->n_topics = 0;
        iv->candidate = NULL;
        ivs_role_count(iv->text, iv->text_len, sub.role);
        if (ivs_concepts_collect(s, iv->text, iv->text_len, &sub.concepts) ||
            ivs_concepts_choose(s, &sub.concepts, 2, IVS_SIMILAR_CONCEPTS))
            st = ivs_searcher_fail(s, IVS_ERR_NOMEM,
                                   "out of memory, or %s cannot be read",
                                   s->path);
        sub.n_areas = count_areas(&sub.concepts, NULL, sub.concepts.n);
    }
    ivs_interview_free(iv);
    if (st == IVS_OK)
        st = similar_run(s, req, &f, &sub, out);
    subject_clear(&sub);
    ivs_filters_clear(&f);
    return st;
}

ivs_status_t
ivs_search_similar_text(ivs_searcher_t *s, const ivs_search_request_t *req,
                        ivs_search_results_t **out)
{
    *out = NULL;
    filters_t f = {0};
    ivs_status_t st = ivs_searcher_add_filters(
        s, &f, req->verdicts, req->n_verdicts, req->topics, req->n_topics);
    subject_t sub = {0};
    const char *text = req->query ? req->query : "";
    if (st == IVS_OK &&
        (ivs_concepts_collect(s, text, strlen(text), &sub.concepts) ||
         ivs_concepts_choose(s, &sub.concepts, 1, IVS_SIMILAR_CONCEPTS) ||
         text_topics(&sub)))
        st = ivs_searcher_fail(s, IVS_ERR_NOMEM,
                               "out of memory, or %s cannot be read", s->path);
    ivs_role_count(text, strlen(text), sub.role);
    sub.n_areas = count_areas(&sub.concepts, NULL, sub.concepts.n);
    if (st == IVS_OK && sub.concepts.n == 0)
        st = ivs_searcher_fail(s, IVS_ERR_INPUT, "no words to compare in '%s'",
                               text);
    if (st == IVS_OK)
        st = similar_run(s, req, &f, &sub, out);
    subject_clear(&sub);
    ivs_filters_clear(&f);
    return st;
}

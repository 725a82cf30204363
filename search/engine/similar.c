/* ivs_search_similar() and ivs_search_similar_text(): the interviews most
 * like one interview or a text. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "ivs/schema.h"
#include "searcher_private.h"

/* Terms worth sharing for --similar: words of two or more characters that
 * are not stop words or bare numbers. CTX is the searcher. */
static int
similar_accept(void *ctx, const char *term, size_t len)
{
    if (len < 2 || len > 60)
        return 0;
    if ((unsigned char)term[0] >= 0x80 && len <= 3)
        return 0; /* a single Chinese character */
    size_t digits = 0;
    for (size_t i = 0; i < len; i++)
        digits += (term[i] >= '0' && term[i] <= '9') || term[i] == '.';
    if (digits == len)
        return 0;
    return !ivs_searcher_is_stopword(ctx, term, len);
}

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

/* The results of reader results R into a new *OUT. */
static ivs_status_t
collect(ivs_searcher_t *s, const ivs_search_request_t *req,
        const ivs_results_t *r, ivs_search_results_t **out)
{
    ivs_search_results_t *res = ivs_search_results_new();
    ivs_search_hit_t *h =
        res && r->n_hits ? ivs_search_hits_grow(res, r->n_hits) : NULL;
    ivs_status_t st = res && (h || !r->n_hits) ? IVS_OK : IVS_ERR_NOMEM;
    for (size_t i = 0; st == IVS_OK && i < r->n_hits; i++) {
        ivs_query_t *tq = terms_query(s, &r->hits[i]);
        st =
            ivs_searcher_hit(s, &r->hits[i], tq, 0, req->offset + i + 1, &h[i]);
        res->n_hits++;
        ivs_query_free(tq);
    }
    if (st == IVS_OK && (ivs_search_counts_copy(&res->full, r) != 0 ||
                         ivs_strings_copy(&res->terms, &res->n_terms, r->terms,
                                          r->n_terms) != 0))
        st = IVS_ERR_NOMEM;
    if (st != IVS_OK) {
        ivs_search_results_free(res);
        return ivs_searcher_fail(s, st, "out of memory");
    }
    *out = res;
    return IVS_OK;
}

/* The reader's search of REQ's filters and paging (the query is added by
 * the caller). */
static ivs_search_t
similar_search(const ivs_search_request_t *req, const filters_t *f)
{
    ivs_search_t sr = {NULL,
                       NULL,
                       (const char *const *)f->terms,
                       f->n,
                       req->offset,
                       req->limit,
                       IVS_SORT_RELEVANCE,
                       1,
                       1,
                       req->exact,
                       NULL};
    return sr;
}

ivs_status_t
ivs_search_similar(ivs_searcher_t *s, uint32_t id,
                   const ivs_search_request_t *req, ivs_search_results_t **out)
{
    *out = NULL;
    filters_t f = {0};
    ivs_status_t st = ivs_searcher_add_filters(
        s, &f, req->verdicts, req->n_verdicts, req->topics, req->n_topics);
    if (st == IVS_OK && id == 0)
        st = ivs_searcher_fail(s, IVS_ERR_INPUT,
                               "interview ids start at 1, not 0");
    if (st == IVS_OK)
        st = ivs_searcher_check_scope(s, id); /* compared only in scope */
    if (st != IVS_OK) {
        ivs_filters_clear(&f);
        return st;
    }
    ivs_searcher_load_stopwords(s);
    ivs_search_t sr = similar_search(req, &f);
    ivs_results_t *r = NULL;
    st = ivs_reader_similar(s->reader, id, IVS_SIMILAR_TERMS, similar_accept, s,
                            &sr, &r);
    if (st == IVS_ERR_NOTFOUND)
        ivs_searcher_fail(s, st, "no interview with id %u in %s", id, s->path);
    else if (st != IVS_OK)
        ivs_searcher_read_failed(s, st);
    else
        st = collect(s, req, r, out);
    ivs_results_free(r);
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
    if (st != IVS_OK) {
        ivs_filters_clear(&f);
        return st;
    }
    ivs_searcher_load_stopwords(s);
    ivs_qnode_t *q = ivs_query_from_text(s->analyzer, req->query,
                                         ivs_searcher_is_stopword, s);
    if (!q) {
        ivs_filters_clear(&f);
        return ivs_searcher_fail(s, IVS_ERR_INPUT,
                                 "no words to compare in '%s'", req->query);
    }
    ivs_search_t sr = similar_search(req, &f);
    sr.query = q;
    ivs_results_t *r = NULL;
    st = ivs_reader_search(s->reader, &sr, &r);
    ivs_qnode_free(q);
    if (st != IVS_OK)
        ivs_searcher_read_failed(s, st);
    else
        st = collect(s, req, r, out);
    ivs_results_free(r);
    ivs_filters_clear(&f);
    return st;
}

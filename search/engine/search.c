/* ivs_search_run(): a query's full and partial matches, their counts,
 * snippets and spelling suggestions, and (for --explain) how it ran. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "ivs/schema.h"
#include "searcher_private.h"

/* Words of a query looked up for "did you mean" at most. */
#define IVS_SUGGEST_WORDS 3

/* The parsed request: the query, its filter terms and query trees. */
typedef struct {
    ivs_query_t *q;
    filters_t filters;
    ivs_qnode_t *all;  /* every word */
    ivs_qnode_t *any;  /* some of the words (partial matches) */
    ivs_qnode_t *near; /* proximity re-ranking, or NULL */
    size_t positives;
    int by_candidate; /* a candidate filter: a listing is by date */
} prepared_t;

static void
prepared_clear(prepared_t *p)
{
    ivs_query_free(p->q);
    ivs_filters_clear(&p->filters);
    ivs_qnode_free(p->all);
    ivs_qnode_free(p->any);
    ivs_qnode_free(p->near);
}

/* The narrower of two date bounds A and B (raw, either may be NULL): the
 * later since, the earlier UNTIL; one that is no date, to be reported. */
static const char *
narrower(const char *a, const char *b, int until)
{
    char da[11], db[11];
    if (!a || !b)
        return a ? a : b;
    if (!ivs_date_bound(a, until, da))
        return a;
    if (!ivs_date_bound(b, until, db))
        return b;
    int cmp = strcmp(da, db);
    return (until ? cmp <= 0 : cmp >= 0) ? a : b;
}

/* The field and date filters of REQ and of the query Q into P. */
static ivs_status_t
add_fields(ivs_searcher_t *s, const ivs_search_request_t *req,
           const ivs_query_t *q, prepared_t *p)
{
    ivs_status_t st = ivs_searcher_add_field_filters(
        s, &p->filters, req->fields, req->n_fields, NULL, NULL);
    const char *const *qv[IVS_FIELD_COUNT];
    for (int k = 0; k < IVS_FIELD_COUNT; k++)
        qv[k] = (const char *const *)q->fields[k];
    if (st == IVS_OK)
        st = ivs_searcher_add_field_filters(s, &p->filters, qv, q->n_fields,
                                            narrower(req->since, q->since, 0),
                                            narrower(req->until, q->until, 1));
    return st;
}

/* Parses REQ's query and resolves its filters (the flags' and the
 * query's own verdict: and topic:). */
static ivs_status_t
prepare(ivs_searcher_t *s, const ivs_search_request_t *req, prepared_t *p)
{
    ivs_status_t st = ivs_searcher_need_synonyms(s);
    if (st != IVS_OK)
        return st;
    if (ivs_query_parse(s->analyzer, s->synonyms, req->query, &p->q) != IVS_OK)
        return ivs_searcher_fail(s, IVS_ERR_NOMEM, "out of memory");
    ivs_query_t *q = p->q;
    st = ivs_searcher_add_filters(s, &p->filters, req->verdicts,
                                  req->n_verdicts, req->topics, req->n_topics);
    if (st == IVS_OK)
        st = ivs_searcher_add_filters(
            s, &p->filters, (const char *const *)q->verdicts, q->n_verdicts,
            (const char *const *)q->topics, q->n_topics);
    if (st == IVS_OK)
        st = add_fields(s, req, q, p);
    p->by_candidate =
        req->n_fields[IVS_FIELD_CANDIDATE] || q->n_fields[IVS_FIELD_CANDIDATE];
    if (st != IVS_OK)
        return st;
    const char *unknown = NULL; /* topic:a OR topic:b, in the query tree */
    if (ivs_query_resolve_topics(q, ivs_searcher_resolve_topic, s, &unknown) !=
        IVS_OK) {
        if (unknown) {
            st = ivs_searcher_add_filters(s, &p->filters, NULL, 0, &unknown, 1);
            if (st != IVS_OK)
                return st;
        }
        return ivs_searcher_fail(s, IVS_ERR_NOMEM, "out of memory");
    }
    p->positives = ivs_query_positives(q);
    if (p->positives == 0 && p->filters.n == 0 && q->n_concepts == 0 &&
        !q->topic_filter)
        return ivs_searcher_fail(
            s, IVS_ERR_QUERY,
            "empty query: give words to search for or a filter such as "
            "--verdict fail (try --help)");
    p->all = ivs_query_tree(q, 1);
    if (p->all)
        ivs_reader_plan(s->reader, p->all);
    p->near = req->sort == IVS_SORT_RELEVANCE ? ivs_query_proximity(q) : NULL;
    return IVS_OK;
}

/* Appends the alternatives the planner left out of N to PLAN. */
static int
add_dropped(ivs_search_plan_t *plan, const ivs_qnode_t *n)
{
    for (size_t i = 0; n && i < n->n_kids; i++) {
        const ivs_qnode_t *k = n->kids[i];
        if (!k->dropped) {
            if (add_dropped(plan, k) != 0)
                return -1;
            continue;
        }
        ivs_search_dropped_t *d = realloc(
            plan->dropped, (plan->n_dropped + 1) * sizeof *plan->dropped);
        if (!d)
            return -1;
        plan->dropped = d;
        d[plan->n_dropped++] = (ivs_search_dropped_t){
            ivs_reader_describe(k), k->recall == IVS_RECALL_STEM};
    }
    return 0;
}

/* --explain: how P reads and runs, into OUT->plan, which takes over P's
 * query. -1 when out of memory (OUT stays freeable). */
static int
make_plan(prepared_t *p, ivs_search_results_t *out)
{
    ivs_search_plan_t *plan = calloc(1, sizeof *plan);
    if (!plan)
        return -1;
    out->plan = plan;
    plan->query = p->q;
    p->q = NULL;
    plan->xapian = ivs_reader_describe(p->all);
    plan->proximity = p->near != NULL;
    if (p->near)
        plan->proximity_query = ivs_qnode_describe(p->near);
    if (ivs_strings_copy(&plan->filters, &plan->n_filters, p->filters.terms,
                         p->filters.n) != 0)
        return -1;
    return add_dropped(plan, p->all);
}

/* Appends the hits of R to OUT, ranked from *RANK on. */
static ivs_status_t
add_hits(ivs_searcher_t *s, ivs_search_results_t *out, const ivs_results_t *r,
         const ivs_query_t *q, int partial, size_t *rank)
{
    if (!r || r->n_hits == 0)
        return IVS_OK;
    ivs_search_hit_t *h = ivs_search_hits_grow(out, r->n_hits);
    if (!h)
        return ivs_searcher_fail(s, IVS_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < r->n_hits; i++) {
        ivs_status_t st =
            ivs_searcher_hit(s, &r->hits[i], q, partial, ++*rank, &h[i]);
        out->n_hits++;
        if (st != IVS_OK)
            return st;
    }
    return IVS_OK;
}

/* "did you mean": a spelling from the index for each plain Latin word of
 * Q that no interview has. Under a scope, both the word and the spelling
 * are looked for in the scope alone: the spelling list covers the whole
 * database, and a word seen only outside must neither be suggested nor
 * keep a suggestion away. */
static int
suggest(ivs_searcher_t *s, const ivs_query_t *q, ivs_search_results_t *out)
{
    /* each look-up scans the words of a letter: a few per query (a query
     * of 250 unknown words took a worker 1.4 s) */
    int tries = 0;
    for (size_t i = 0; i < q->n_concepts && tries < IVS_SUGGEST_WORDS; i++) {
        const ivs_concept_t *con = &q->concepts[i];
        if (con->negated || con->phrase || con->n_patterns != 1 ||
            con->patterns[0].n != 1)
            continue;
        const char *term = con->patterns[0].units[0];
        if ((unsigned char)term[0] >= 0x80 || strlen(term) < 3)
            continue;
        if (ivs_searcher_termfreq(s, term) > 0)
            continue;
        tries++;
        char *sp = ivs_spelling_suggest(s->reader, term);
        if (sp && ivs_searcher_termfreq(s, sp) == 0) {
            free(sp);
            sp = NULL;
        }
        if (!sp)
            continue;
        ivs_search_suggestion_t *v =
            realloc(out->suggestions, (out->n_suggestions + 1) * sizeof *v);
        char *word = v ? strdup(con->text) : NULL;
        if (v)
            out->suggestions = v;
        if (!word) {
            free(sp);
            return -1;
        }
        v[out->n_suggestions++] =
            (ivs_search_suggestion_t){.word = word, .suggestion = sp};
    }
    return 0;
}

/* Runs P: the full matches, then, for two or more words and room left on
 * the page, the partial ones. */
static ivs_status_t
run_prepared(ivs_searcher_t *s, const ivs_search_request_t *req, prepared_t *p,
             const ivs_query_t *q, ivs_results_t **full, ivs_results_t **part)
{
    ivs_search_t fs = {
        p->all,       NULL,        (const char *const *)p->filters.terms,
        p->filters.n, req->offset, req->limit,
        req->sort,    1,           req->explain,
        req->exact,   p->near};
    if (p->positives == 0 && req->sort == IVS_SORT_RELEVANCE)
        /* a filter listing: source order; a candidate's interviews by
           date, newest first */
        fs.sort = p->by_candidate ? IVS_SORT_DATE : IVS_SORT_SOURCE;
    ivs_status_t st = ivs_reader_search(s->reader, &fs, full);
    if (st != IVS_OK)
        return ivs_searcher_read_failed(s, st);
    if (p->positives < 2 || (*full)->n_hits >= req->limit)
        return IVS_OK;
    p->any = ivs_query_tree(q, 0);
    if (p->any)
        ivs_reader_plan(s->reader, p->any);
    unsigned total = (*full)->total;
    unsigned skip = req->offset > total ? req->offset - total : 0;
    ivs_search_t ps = {
        p->any,       p->all,     (const char *const *)p->filters.terms,
        p->filters.n, skip,       req->limit - (unsigned)(*full)->n_hits,
        req->sort,    total == 0, req->explain,
        req->exact,   NULL};
    st = ivs_reader_search(s->reader, &ps, part);
    if (st != IVS_OK)
        return ivs_searcher_read_failed(s, st);
    return IVS_OK;
}

/* The results of P's searches FULL and PART into OUT. */
static ivs_status_t
collect(ivs_searcher_t *s, const ivs_search_request_t *req, prepared_t *p,
        const ivs_results_t *full, const ivs_results_t *part,
        ivs_search_results_t *out)
{
    const ivs_query_t *q = out->plan ? out->plan->query : p->q;
    size_t rank = req->offset;
    ivs_status_t st = add_hits(s, out, full, q, 0, &rank);
    if (st == IVS_OK)
        st = add_hits(s, out, part, q, 1, &rank);
    if (st != IVS_OK)
        return st;
    out->several = p->positives >= 2;
    if (ivs_search_counts_copy(&out->full, full) != 0 ||
        (part && ivs_search_counts_copy(&out->partial, part) != 0) ||
        (full->total == 0 && suggest(s, q, out) != 0))
        return ivs_searcher_fail(s, IVS_ERR_NOMEM, "out of memory");
    return IVS_OK;
}

ivs_status_t
ivs_search_run(ivs_searcher_t *s, const ivs_search_request_t *req,
               ivs_search_results_t **out)
{
    *out = NULL;
    prepared_t p = {0};
    ivs_results_t *full = NULL, *part = NULL;
    ivs_search_results_t *res = ivs_search_results_new();
    ivs_status_t st =
        res ? prepare(s, req, &p)
            : ivs_searcher_fail(s, IVS_ERR_NOMEM, "out of memory");
    if (st == IVS_OK && req->explain && make_plan(&p, res) != 0)
        st = ivs_searcher_fail(s, IVS_ERR_NOMEM, "out of memory");
    if (st == IVS_OK)
        st = run_prepared(s, req, &p, res->plan ? res->plan->query : p.q, &full,
                          &part);
    if (st == IVS_OK)
        st = collect(s, req, &p, full, part, res);
    ivs_results_free(full);
    ivs_results_free(part);
    prepared_clear(&p);
    if (st != IVS_OK) {
        ivs_search_results_free(res);
        return st;
    }
    *out = res;
    return IVS_OK;
}

ivs_status_t
ivs_search_highlight(ivs_searcher_t *s, const char *query, const char *text,
                     size_t len, ivs_span_t **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    ivs_status_t st = ivs_searcher_need_synonyms(s);
    if (st != IVS_OK)
        return st;
    ivs_query_t *q = NULL;
    if (ivs_query_parse(s->analyzer, s->synonyms, query ? query : "", &q) !=
        IVS_OK)
        return ivs_searcher_fail(s, IVS_ERR_NOMEM, "out of memory");
    st = ivs_snippet_matches(s->analyzer, text, len, q, out, n);
    ivs_query_free(q);
    if (st != IVS_OK)
        return ivs_searcher_fail(s, st, "out of memory");
    return IVS_OK;
}

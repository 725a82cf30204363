/* ivs_search_run(): a query's full and partial matches, their counts,
 * snippets and spelling suggestions, and (for --explain) how it ran. */
#define _GNU_SOURCE
#include <ctype.h>
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
    int unsuggested;  /* unknown words left without a suggestion */
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

/* The pinyin readings, loaded on first need (none when the file is
 * missing: then only spellings are suggested). */
static const ivs_pinyin_t *
pinyin(ivs_searcher_t *s)
{
    if (!s->pinyin_loaded) {
        s->pinyin_loaded = 1;
        char *path = ivs_data_file("pinyin.txt");
        if (path)
            ivs_pinyin_load(path, &s->pinyin);
        free(path);
    }
    return s->pinyin;
}

static int
add_suggestion(ivs_search_results_t *out, const char *word, char *sp)
{
    ivs_search_suggestion_t *v =
        realloc(out->suggestions, (out->n_suggestions + 1) * sizeof *v);
    char *copy = v ? strdup(word) : NULL;
    if (v)
        out->suggestions = v;
    if (!copy) {
        free(sp);
        return -1;
    }
    v[out->n_suggestions++] =
        (ivs_search_suggestion_t){.word = copy, .suggestion = sp};
    return 0;
}

/* A word that few interviews have (at most this many) and whose
 * spelling the index has many times more often (IVS_MISSPELT_RATIO) is a
 * misspelling too: kafak, written once in a note, is kafka. */
#define IVS_RARE_WORD 2
#define IVS_MISSPELT_RATIO 20

/* The term of concept CON when it is one plain Latin word that no
 * interview has (*FREQ 0) or at most IVS_RARE_WORD have (*FREQ how many:
 * with RARE); else NULL. */
static const char *
unknown_word(ivs_searcher_t *s, const ivs_concept_t *con, int rare,
             uint32_t *freq)
{
    *freq = 0;
    if (con->negated || con->phrase || con->n_patterns != 1 ||
        con->patterns[0].n != 1)
        return NULL;
    const char *term = con->patterns[0].units[0];
    if ((unsigned char)term[0] >= 0x80 || strlen(term) < 2)
        return NULL;
    *freq = ivs_searcher_termfreq(s, term); /* in the scope, if one */
    if (*freq > (rare ? IVS_RARE_WORD : 0))
        return NULL;
    return term;
}

/* The spelling the index has for rare word TERM (FREQ interviews), when
 * it is many times more frequent; else NULL. malloc'd. */
static char *
respelt(ivs_searcher_t *s, const char *term, uint32_t freq)
{
    if (strlen(term) < 4)
        return NULL; /* too short to tell a typo from a name */
    char *sp = ivs_spelling_suggest(s->reader, term);
    if (sp && (!strcmp(sp, term) ||
               ivs_searcher_termfreq(s, sp) < freq * IVS_MISSPELT_RATIO)) {
        free(sp);
        sp = NULL;
    }
    return sp;
}

/* SP (malloc'd, or NULL) when the user may see it (a scope holds it), else
 * NULL (freed): nothing outside a scope is suggested. */
static char *
in_scope(ivs_searcher_t *s, char *sp)
{
    if (sp && ivs_searcher_termfreq(s, sp) == 0) {
        free(sp);
        return NULL;
    }
    return sp;
}

/* Pinyin typed in several words (fenbushi suo): the Chinese word the
 * unknown words from I on read as together, suggested for all of them;
 * the number of words it took, 0 when none. */
static size_t
suggest_joined(ivs_searcher_t *s, const ivs_query_t *q, size_t i,
               ivs_search_results_t *out, int *nomem, int *tries)
{
    char letters[64] = "", words[256] = "";
    size_t j = i;
    for (; j < q->n_concepts; j++) {
        uint32_t freq;
        const char *t = unknown_word(s, &q->concepts[j], 0, &freq);
        if (!t || strlen(letters) + strlen(t) >= sizeof letters ||
            strlen(words) + strlen(q->concepts[j].text) + 2 >= sizeof words)
            break;
        strcat(letters, t);
        strcat(words, j > i ? " " : "");
        strcat(words, q->concepts[j].text);
    }
    if (j - i < 2)
        return 0;
    (*tries)++;
    char *sp = in_scope(s, ivs_pinyin_suggest(s->reader, pinyin(s), letters));
    if (!sp)
        return 0;
    *nomem = add_suggestion(out, words, sp) != 0;
    return j - i;
}

/* "did you mean": for each plain Latin word of Q that no interview has,
 * the Chinese word of the index it reads as in pinyin (kafka diushi ->
 * 丢失; several words together: fenbushi suo -> 分布式锁), else a spelling
 * of it that the index has (kafak -> kafka). */
static int
suggest(ivs_searcher_t *s, const ivs_query_t *q, ivs_search_results_t *out,
        int *unsuggested)
{
    /* each look-up scans words of the index (40-120 ms on 126,000
     * interviews): a few per query, so that a query of many unknown words
     * cannot hold a server's worker for seconds */
    int tries = 0;
    for (size_t i = 0; i < q->n_concepts; i++) {
        int nomem = 0;
        size_t took = tries < IVS_SUGGEST_WORDS
                          ? suggest_joined(s, q, i, out, &nomem, &tries)
                          : 0;
        if (nomem)
            return -1;
        if (took) {
            i += took - 1;
            continue;
        }
        uint32_t freq;
        const char *term = unknown_word(s, &q->concepts[i], 1, &freq);
        if (!term)
            continue;
        if (tries >= IVS_SUGGEST_WORDS) {
            *unsuggested += freq == 0; /* not looked up */
            continue;
        }
        tries++;
        if (freq > 0) { /* a word of the index, if rare */
            char *sp = respelt(s, term, freq);
            if (sp && add_suggestion(out, q->concepts[i].text, sp) != 0)
                return -1;
            continue;
        }
        char *sp = in_scope(s, ivs_pinyin_suggest(s->reader, pinyin(s), term));
        if (!sp && strlen(term) >= 3)
            sp = in_scope(s, ivs_spelling_suggest(s->reader, term));
        if (!sp)
            (*unsuggested)++;
        if (sp && add_suggestion(out, q->concepts[i].text, sp) != 0)
            return -1;
    }
    return 0;
}

/* Is pattern A a piece of pattern B (its units, in order, inside B's)? */
static int
piece_of(const ivs_pattern_t *a, const ivs_pattern_t *b)
{
    if (a->n == 0 || a->n >= b->n)
        return 0;
    for (size_t at = 0; at + a->n <= b->n; at++) {
        size_t k = 0;
        while (k < a->n && !strcmp(a->terms[k], b->terms[at + k]))
            k++;
        if (k == a->n)
            return 1;
    }
    return 0;
}

/* Where concept C is itself, not only its pieces: the phrases of its
 * patterns but those that are a piece of another (透视 of 透视表: a note
 * holding 透视 and, elsewhere, 表 has no 透视表). NULL when no pattern is
 * a piece (then C's own query says it) or out of memory (*NOMEM). */
static ivs_qnode_t *
whole_concept(const ivs_concept_t *c, int *nomem)
{
    int pieces = 0;
    for (size_t i = 0; i < c->n_patterns && !pieces; i++)
        for (size_t j = 0; j < c->n_patterns && !pieces; j++)
            pieces = i != j && piece_of(&c->patterns[i], &c->patterns[j]);
    if (!pieces)
        return NULL;
    ivs_qnode_t * or = ivs_qnode_new(IVS_Q_OR);
    for (size_t i = 0; or &&i < c->n_patterns; i++) {
        const ivs_pattern_t *pat = &c->patterns[i];
        int piece = pat->n == 0;
        for (size_t j = 0; j < c->n_patterns && !piece; j++)
            piece = i != j && piece_of(pat, &c->patterns[j]);
        if (piece)
            continue;
        ivs_qnode_t *ph = ivs_qnode_new(IVS_Q_PHRASE);
        if (ivs_qnode_add(or, ph) < 0) {
            ivs_qnode_free(or);
            or = NULL;
            break;
        }
        for (size_t u = 0; u < pat->n; u++)
            if (ivs_qnode_add(ph, ivs_qnode_term(pat->terms[u],
                                                 strlen(pat->terms[u]))) < 0) {
                ivs_qnode_free(or);
                or = NULL;
                break;
            }
    }
    *nomem = or == NULL;
    return or ;
}

/* Whether partial matches of Q would be noise: some positive concept of
 * Q matches no interview at all (量子 of 量子计算, 区块链; 透视表, whose 透视
 * and 表 some notes hold apart: see whole_concept()) and none of those
 * that match is a technical word the topic taxonomy knows (计算, 智能,
 * 会计 are not; kafka is: kafka zzzz still lists kafka's interviews).
 * Then a query about nothing here finds nothing (and gets its "did you
 * mean"). 1 or 0; -1 when the database cannot be read (recorded). Asked
 * only when no interview has every word. */
static int
partial_is_noise(ivs_searcher_t *s, const ivs_query_t *q)
{
    const ivs_topics_t *tax = ivs_searcher_taxonomy(s);
    int absent = 0, technical = 0;
    /* in the scope, if one: what lies outside must not change an answer */
    filters_t scope = {0};
    if (ivs_searcher_add_filters(s, &scope, NULL, 0, NULL, 0) != IVS_OK)
        return -1;
    for (size_t i = 0; i < q->n_concepts; i++) {
        const ivs_concept_t *c = &q->concepts[i];
        if (c->negated || !c->node)
            continue;
        int nomem = 0;
        ivs_qnode_t *whole = whole_concept(c, &nomem);
        if (nomem) {
            ivs_filters_clear(&scope);
            return -1;
        }
        ivs_search_t one = {.query = whole ? whole : c->node,
                            .filters = (const char *const *)scope.terms,
                            .n_filters = scope.n,
                            .limit = 1,
                            .sort = IVS_SORT_RELEVANCE};
        ivs_results_t *r = NULL;
        ivs_status_t st = ivs_reader_search(s->reader, &one, &r);
        ivs_qnode_free(whole);
        if (st != IVS_OK) {
            ivs_searcher_read_failed(s, st);
            ivs_filters_clear(&scope);
            return -1;
        }
        int none = r->n_hits == 0;
        ivs_results_free(r);
        if (none)
            absent = 1;
        else if (tax && ivs_topics_for_heading(tax, c->text, strlen(c->text)))
            technical = 1;
    }
    ivs_filters_clear(&scope);
    return absent && !technical;
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
    int noise = (*full)->total == 0 ? partial_is_noise(s, q) : 0;
    if (noise < 0)
        return IVS_ERR_XAPIAN;
    if (noise)
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
        (full->total == 0 && suggest(s, q, out, &p->unsuggested) != 0))
        return ivs_searcher_fail(s, IVS_ERR_NOMEM, "out of memory");
    return IVS_OK;
}

/* One search of REQ into *OUT; *UNSUGGESTED: its unknown words left
 * without a suggestion. */
static ivs_status_t
search_once(ivs_searcher_t *s, const ivs_search_request_t *req,
            ivs_search_results_t **out, int *unsuggested)
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
    *unsuggested = p.unsuggested;
    prepared_clear(&p);
    if (st != IVS_OK) {
        ivs_search_results_free(res);
        return st;
    }
    *out = res;
    return IVS_OK;
}

/* Is S[AT, AT + LEN) a whole Latin word of S (no letter or digit touches
 * it)? */
static int
whole_word(const char *s, size_t at, size_t len)
{
    unsigned char before = at ? (unsigned char)s[at - 1] : ' ';
    unsigned char after = (unsigned char)s[at + len];
    return !(before < 0x80 && isalnum(before)) &&
           !(after < 0x80 && isalnum(after));
}

/* QUERY with each suggested word of R replaced by its suggestion (the
 * first whole-word occurrence of each, left to right), malloc'd; NULL when
 * a suggested word is not found as typed or out of memory. */
static char *
corrected_query(const char *query, const ivs_search_results_t *r)
{
    char *text = strdup(query);
    size_t from = 0;
    for (size_t i = 0; text && i < r->n_suggestions; i++) {
        const char *w = r->suggestions[i].word,
                   *sp = r->suggestions[i].suggestion;
        size_t wl = strlen(w), sl = strlen(sp);
        const char *hit = text + from;
        while ((hit = strstr(hit, w)) &&
               !whole_word(text, (size_t)(hit - text), wl))
            hit++;
        char *next = hit ? malloc(strlen(text) - wl + sl + 1) : NULL;
        if (next) {
            size_t at = (size_t)(hit - text);
            memcpy(next, text, at);
            memcpy(next + at, sp, sl);
            strcpy(next + at + sl, hit + wl);
            from = at + sl;
        }
        free(text);
        text = next;
    }
    return text;
}

ivs_status_t
ivs_search_run(ivs_searcher_t *s, const ivs_search_request_t *req,
               ivs_search_results_t **out)
{
    int unsuggested = 0;
    ivs_status_t st = search_once(s, req, out, &unsuggested);
    ivs_search_results_t *r = *out;
    if (st != IVS_OK || r->full.total > 0 || r->n_suggestions == 0 ||
        unsuggested > 0 || !req->query || req->as_typed)
        return st;
    /* a misspelling: search what the suggestions make of the query too,
     * and show its results when some interview has every word of it (so
     * a query about nothing here still finds nothing; a word that some
     * interview has keeps finding it: kafak alone finds the note that
     * writes kafak, kafak 丢失 finds kafka 丢失) */
    char *text = corrected_query(req->query, r);
    if (!text)
        return IVS_OK; /* the suggestions alone */
    ivs_search_request_t again = *req;
    again.query = text;
    ivs_search_results_t *c = NULL;
    int left = 0;
    if (search_once(s, &again, &c, &left) != IVS_OK || c->full.total == 0) {
        ivs_search_results_free(c); /* the error is the typed query's */
        free(text);
        return IVS_OK;
    }
    /* the corrected results, with the typed words' suggestions */
    for (size_t i = 0; i < c->n_suggestions; i++) {
        free(c->suggestions[i].word);
        free(c->suggestions[i].suggestion);
    }
    free(c->suggestions);
    c->suggestions = r->suggestions;
    c->n_suggestions = r->n_suggestions;
    r->suggestions = NULL;
    r->n_suggestions = 0;
    c->corrected = text;
    ivs_search_results_free(r);
    *out = c;
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

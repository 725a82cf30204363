// The read side of the database: the C interface of include/ivs/reader.h
// over Xapian::Database and Enquire. The only C++ in search/; no exception
// leaves this file.
#include <xapian.h>

#include <exception>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cmath>
#include <cstring>
#include <ctime>
#include <iterator>
#include <map>
#include <new>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <unordered_map>
#include <vector>

#include "reader_internal.h"
#include "xapian_status.h"

extern "C" {
#include "ivs/proximity.h"
#include "ivs/recall.h"
#include "ivs/reader.h"
#include "ivs/schema.h"
}

using ivs_reader_detail::count_all;
using ivs_reader_detail::count_apart;
using ivs_reader_detail::count_filtered;
using ivs_reader_detail::count_matches;
using ivs_reader_detail::each_shard_doc;
using ivs_reader_detail::forget_revision;
using ivs_reader_detail::Match;
using ivs_reader_detail::MatchList;
using ivs_reader_detail::Ranked;
using ivs_reader_detail::rescore;
using ivs_reader_detail::shards_open;
using ivs_reader_detail::shards_recheck;
using ivs_reader_detail::shards_revive;
using ivs_reader_detail::shards_single;
using ivs_reader_detail::termfreq;
using ivs_reader_detail::termfreqs_prefetch;

namespace
{

ivs_status_t
failure(std::string *error)
{
    return ivs_xapian_failure(error, false);
}

Xapian::Query
build(const ivs_qnode_t *n)
{
    std::vector<Xapian::Query> kids;
    for (size_t i = 0; i < n->n_kids; i++)
        if (!n->kids[i]->dropped)
            kids.push_back(build(n->kids[i]));
    switch (n->op) {
    case IVS_Q_TERM: return Xapian::Query(n->term);
    case IVS_Q_AND:
        return Xapian::Query(Xapian::Query::OP_AND, kids.begin(), kids.end());
    case IVS_Q_OR:
        return Xapian::Query(n->synonym ? Xapian::Query::OP_SYNONYM
                                        : Xapian::Query::OP_OR,
                             kids.begin(), kids.end());
    case IVS_Q_AND_NOT:
        if (kids.empty())
            return Xapian::Query();
        if (kids.size() == 1)
            return kids[0];
        return Xapian::Query(
            Xapian::Query::OP_AND_NOT, kids[0],
            Xapian::Query(Xapian::Query::OP_OR, kids.begin() + 1, kids.end()));
    case IVS_Q_PHRASE:
        if (kids.size() == 1)
            return kids[0];
        return Xapian::Query(Xapian::Query::OP_PHRASE, kids.begin(), kids.end(),
                             kids.size());
    case IVS_Q_NEAR:
        return Xapian::Query(Xapian::Query::OP_NEAR, kids.begin(), kids.end(),
                             n->window);
    case IVS_Q_FILTER:
        if (kids.empty())
            return Xapian::Query();
        if (kids.size() == 1)
            return kids[0];
        return Xapian::Query(
            Xapian::Query::OP_FILTER, kids[0],
            Xapian::Query(Xapian::Query::OP_AND, kids.begin() + 1, kids.end()));
    case IVS_Q_SCALE:
        if (kids.empty())
            return Xapian::Query();
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, kids[0], n->scale);
    case IVS_Q_ALL: return Xapian::Query::MatchAll;
    case IVS_Q_AND_MAYBE:
        if (kids.empty())
            return Xapian::Query();
        if (kids.size() == 1)
            return kids[0];
        return Xapian::Query(
            Xapian::Query::OP_AND_MAYBE, kids[0],
            Xapian::Query(Xapian::Query::OP_OR, kids.begin() + 1, kids.end()));
    }
    return Xapian::Query();
}

// Filter terms: the same prefix (XV, XT, ...) ORed, different ones ANDed.
// Topics are the exception: each --topic narrows (AND).
Xapian::Query
filters_query(const char *const *filters, size_t n)
{
    std::map<std::string, std::vector<Xapian::Query>> by_prefix;
    std::vector<Xapian::Query> anded;
    for (size_t i = 0; i < n; i++) {
        std::string t = filters[i];
        std::string prefix = t.substr(0, 2);
        if (prefix == IVS_PREFIX_TOPIC)
            anded.push_back(Xapian::Query(t));
        else
            by_prefix[prefix].push_back(Xapian::Query(t));
    }
    for (auto &kv : by_prefix)
        anded.push_back(Xapian::Query(Xapian::Query::OP_OR, kv.second.begin(),
                                      kv.second.end()));
    return Xapian::Query(Xapian::Query::OP_AND, anded.begin(), anded.end());
}

// The unique term of interview ID (IVS_PREFIX_UNIQUE).
std::string
unique_term(uint32_t id)
{
    return IVS_PREFIX_UNIQUE + std::to_string(id);
}

// The Xapian docid of interview ID; throws DocNotFoundError when there is
// none.
Xapian::docid
docid_of(const Xapian::Database &db, uint32_t id)
{
    std::string term = unique_term(id);
    Xapian::PostingIterator it = db.postlist_begin(term);
    if (it == db.postlist_end(term))
        throw Xapian::DocNotFoundError("no interview " + std::to_string(id));
    return *it;
}

ivs_results_t *
new_results()
{
    ivs_results_t *res =
        static_cast<ivs_results_t *>(calloc(1, sizeof(ivs_results_t)));
    if (!res)
        throw std::bad_alloc();
    return res;
}

// The documents of an MSet's matches, read through the MSet: over remote
// shards (PIPELINED) they are all requested at once and their answers read
// after (MSet::fetch), one round trip's wait in all instead of one each (a
// page, its tie slack or the proximity pass's depth: a few tens); a
// document outside the MSet is read on its own.
class MSetDocs
{
  public:
    MSetDocs(const Xapian::Database &db, const Xapian::MSet &mset,
             bool pipelined)
        : db_(db)
    {
        for (auto it = mset.begin(); it != mset.end(); ++it)
            at_.emplace(*it, it);
        if (pipelined && !mset.empty())
            mset.fetch();
    }
    Xapian::Document get(Xapian::docid did) const
    {
        auto it = at_.find(did);
        return it != at_.end() ? it->second.get_document()
                               : db_.get_document(did);
    }

  private:
    const Xapian::Database &db_;
    std::unordered_map<Xapian::docid, Xapian::MSetIterator> at_;
};

// Equal weights in source order (IVS_SLOT_ORDER), as one database built
// in that order has them: remote shards interleave document ids, and a
// match sorted by relevance then value over them miscounts its facets
// (see count_apart). Reads the value of the matches that tie only (their
// documents fetched together).
void
order_ties(const MSetDocs &docs, std::vector<Ranked> &ranked)
{
    for (size_t i = 0, j; i < ranked.size(); i = j) {
        for (j = i + 1;
             j < ranked.size() && ranked[j].weight == ranked[i].weight; j++)
            ;
        if (j - i < 2)
            continue;
        std::vector<std::pair<std::string, Ranked>> group;
        for (size_t k = i; k < j; k++)
            group.emplace_back(
                docs.get(ranked[k].did).get_value(IVS_SLOT_ORDER), ranked[k]);
        std::stable_sort(
            group.begin(), group.end(),
            [](const auto &a, const auto &b) { return a.first < b.first; });
        for (size_t k = i; k < j; k++)
            ranked[k] = group[k - i].second;
    }
}

void fill_hits(ivs_reader_t *r, const MSetDocs &docs,
               const Xapian::Query &query, const std::vector<Ranked> &ranked,
               const ivs_search_t *s, ivs_results_t *res);

void
run(ivs_reader_t *r, const Xapian::Query &query, const ivs_search_t *s,
    const Xapian::MatchDecider *decider, ivs_results_t *res)
{
    Xapian::Query q = query;
    if (s->exclude)
        q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, build(s->exclude));
    if (s->n_filters)
        q = Xapian::Query(Xapian::Query::OP_FILTER, q,
                          filters_query(s->filters, s->n_filters));
    // Source order is document id order when ivindex says so: with every
    // weight 0, ties go by ascending id and the match stops after the page
    // (and the facets' sample) instead of sorting 50,000 values.
    // (Shards interleave their document ids: source order is the value's.)
    bool by_docid = s->sort == IVS_SORT_SOURCE && shards_single(r) &&
                    r->db.get_metadata(IVS_META_ORDER) == "docid";
    if (by_docid)
        q = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0);
    Xapian::Enquire enquire(r->db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(
        Xapian::BM25Weight(IVS_BM25_K1, 0, 1, IVS_BM25_B, 0.5));
    if (s->sort == IVS_SORT_DATE) {
        enquire.set_sort_by_value_then_relevance(IVS_SLOT_DATE, true);
        // (equal dates and weights: by document id, which shards interleave)
    } else if (s->sort == IVS_SORT_SOURCE) {
        if (by_docid)
            enquire.set_docid_order(Xapian::Enquire::ASCENDING);
        else
            enquire.set_sort_by_value(IVS_SLOT_ORDER, false);
    } else if (!shards_single(r) && !r->remote) {
        // equal weights in source order, as one database built in that
        // order has them (shards interleave their document ids). Not with
        // remote shards: Xapian 1.4 then counts some matches twice in the
        // ValueCountMatchSpy, and equal weights go by document id.
        enquire.set_sort_by_relevance_then_value(IVS_SLOT_ORDER, false);
    }
    // The ranked pass examines every match until it has seen CHECK of
    // them, in docid order; they are counted (count_matches), the rest is
    // sampled. --exact counts every match. The count of a listing by
    // filters alone is exact, from the filters' posting lists when Xapian's
    // bounds do not give it (its facets are drawn like a query's: reading
    // the facets of the 57,000 failed of 126,000 interviews takes 5-10 ms).
    bool listing =
        s->query && s->query->op == IVS_Q_ALL && !s->exclude && !decider;
    Xapian::doccount check = 0;
    // Several shards: our MatchSpy and PostingSource are not run by remote
    // servers, and a value stream over several databases does not follow
    // the combined ids; Xapian's own spy counts every match instead.
    bool shards = !shards_single(r);
    if (s->exact || shards)
        check = r->db.get_doccount();
    else if (s->facets)
        check =
            std::min<Xapian::doccount>(r->db.get_doccount(), IVS_FACET_EXACT);
    MatchList seen(nullptr);
    Xapian::ValueCountMatchSpy values(IVS_SLOT_FACETS);
    // (over remote shards a match sorted by value counts some matches
    // twice in the spy: those are counted in a pass of their own)
    bool apart = r->remote && s->sort != IVS_SORT_RELEVANCE;
    if (!shards)
        enquire.add_matchspy(&seen);
    else if (s->facets && !apart)
        enquire.add_matchspy(&values);
    // with a proximity pass, the best IVS_PROXIMITY_DEPTH (or down to the
    // page asked for) are fetched and ordered again, and the page cut here;
    // over remote shards equal weights are put in order here (order_ties)
    bool near = s->proximity && s->sort == IVS_SORT_RELEVANCE;
    bool ties = r->remote && s->sort == IVS_SORT_RELEVANCE;
    Xapian::doccount first = near || ties ? 0 : s->offset;
    Xapian::doccount want = s->limit;
    if (near)
        want = std::max<Xapian::doccount>(IVS_PROXIMITY_DEPTH,
                                          s->offset + s->limit);
    else if (ties)
        want = s->offset + s->limit + IVS_TIE_SLACK;
    Xapian::MSet mset = enquire.get_mset(first, want, check, nullptr, decider);
    double known = -1;
    if (shards && apart)
        count_apart(r->db, q, s->facets, res);
    else if (shards)
        count_all(mset, s->facets ? &values : nullptr, res);
    else if (listing && !s->exact &&
             mset.get_matches_lower_bound() != mset.get_matches_upper_bound())
        known = count_filtered(r->db, s->filters, s->n_filters);
    // (Xapian examines at least the page)
    if (!shards)
        count_matches(r->db, q, s, decider, mset, std::move(seen.matches),
                      std::max(check, first + want), known, res);
    std::vector<Ranked> ranked;
    for (auto it = mset.begin(); it != mset.end(); ++it)
        ranked.push_back({*it, it.get_weight()});
    MSetDocs docs(r->db, mset, r->remote);
    if (ties)
        order_ties(docs, ranked);
    if (near)
        rescore(r, s->proximity, ranked);
    if (near || ties) {
        ranked.erase(ranked.begin(),
                     ranked.begin() +
                         std::min<size_t>(ranked.size(), s->offset));
        if (ranked.size() > s->limit)
            ranked.resize(s->limit);
    }
    fill_hits(r, docs, query, ranked, s, res);
}

// The terms of QUERY (the ranked part of a search: not its filters, whose
// boolean terms every hit holds) that each of RANKED's documents holds, in
// the query's order and each once, as Enquire::get_matching_terms gives
// them for a query. Each document's term list is read: over remote shards
// a round trip, so there from each document's own shard, the shards side
// by side.
std::vector<std::vector<std::string>>
matching_terms(ivs_reader_t *r, const Xapian::Query &query,
               const std::vector<Ranked> &ranked)
{
    std::vector<std::vector<std::string>> out(ranked.size());
    std::vector<std::string> terms(query.get_unique_terms_begin(),
                                   query.get_unique_terms_end()); // sorted
    std::vector<std::vector<char>> has(ranked.size(),
                                       std::vector<char>(terms.size()));
    auto read = [&](const Xapian::Database &db, size_t i, Xapian::docid did) {
        auto t = db.termlist_begin(did);
        const auto end = db.termlist_end(did);
        for (size_t k = 0; k < terms.size() && t != end; k++) {
            t.skip_to(terms[k]);
            if (t == end)
                break;
            has[i][k] = *t == terms[k];
        }
    };
    if (r->remote && ranked.size() > 1) {
        std::vector<Xapian::docid> dids;
        for (const Ranked &rk : ranked)
            dids.push_back(rk.did);
        each_shard_doc(r, dids, read);
    } else {
        for (size_t i = 0; i < ranked.size(); i++)
            read(r->db, i, ranked[i].did);
    }
    for (size_t i = 0; i < ranked.size(); i++) {
        std::vector<bool> done(terms.size());
        for (auto qt = query.get_terms_begin(); qt != query.get_terms_end();
             ++qt) {
            size_t k = std::lower_bound(terms.begin(), terms.end(), *qt) -
                       terms.begin();
            if (k < terms.size() && has[i][k] && !done[k]) {
                done[k] = true;
                out[i].push_back(*qt);
            }
        }
    }
    return out;
}

// RES's hits: RANKED's documents, their ids and data, and the terms of
// QUERY's ranked part they match (when S asks).
void
fill_hits(ivs_reader_t *r, const MSetDocs &docs, const Xapian::Query &query,
          const std::vector<Ranked> &ranked, const ivs_search_t *s,
          ivs_results_t *res)
{
    res->hits =
        static_cast<ivs_hit_t *>(calloc(ranked.size() + 1, sizeof(ivs_hit_t)));
    if (!res->hits)
        throw std::bad_alloc();
    std::vector<std::vector<std::string>> matched;
    if (s->matched_terms)
        matched = matching_terms(r, query, ranked);
    for (size_t i = 0; i < ranked.size(); i++) {
        const Ranked &rk = ranked[i];
        ivs_hit_t *h = &res->hits[res->n_hits++];
        Xapian::Document doc = docs.get(rk.did);
        h->id = uint32_t(
            std::strtoul(doc.get_value(IVS_SLOT_ID).c_str(), nullptr, 10));
        h->weight = rk.weight;
        std::string data = doc.get_data();
        h->data = ivs_dup_string(data);
        h->data_len = data.size();
        if (s->matched_terms) {
            const std::vector<std::string> &m = matched[i];
            h->matched =
                static_cast<char **>(calloc(m.size() + 1, sizeof(char *)));
            if (!h->matched)
                throw std::bad_alloc();
            for (const std::string &t : m)
                h->matched[h->n_matched++] = ivs_dup_string(t);
        }
    }
}

void
free_results_parts(ivs_results_t *res)
{
    for (size_t i = 0; i < res->n_hits; i++) {
        free(res->hits[i].data);
        for (size_t j = 0; j < res->hits[i].n_matched; j++)
            free(res->hits[i].matched[j]);
        free(res->hits[i].matched);
    }
    free(res->hits);
    for (size_t i = 0; i < res->n_verdicts; i++)
        free(res->verdicts[i].key);
    free(res->verdicts);
    for (size_t i = 0; i < res->n_topics; i++)
        free(res->topics[i].key);
    free(res->topics);
    for (size_t i = 0; i < res->n_terms; i++)
        free(res->terms[i]);
    free(res->terms);
    for (size_t i = 0; i < res->n_degraded; i++)
        free(res->degraded[i]);
    free(res->degraded);
    memset(res, 0, sizeof *res);
}

// Names in RES the shards this answer was given without.
void
note_degraded(const ivs_reader_t *r, ivs_results_t *res)
{
    res->n_shards = r->shards.size();
    if (r->down_names.empty())
        return;
    res->degraded =
        static_cast<char **>(calloc(r->down_names.size() + 1, sizeof(char *)));
    if (!res->degraded)
        throw std::bad_alloc();
    for (const std::string &name : r->down_names)
        res->degraded[res->n_degraded++] = ivs_dup_string(name);
}

// The timeout set by ivs_reader_set_timeout(), 0 when none.
unsigned timeout_set = 0;

unsigned
timeout_ms()
{
    if (timeout_set)
        return timeout_set;
    const char *env = getenv("IVSEARCH_TIMEOUT_MS");
    char *end = nullptr;
    unsigned long ms = env ? std::strtoul(env, &end, 10) : 0;
    if (env && *env && !*end && ms > 0 && ms <= 3600 * 1000UL)
        return unsigned(ms);
    return IVS_SHARD_TIMEOUT_MS;
}

} // namespace

// Opens the database at R's path afresh, after a short pause when the
// first try fails (ivindex renames a compacted copy into place: a reader
// that looks in the middle sees neither). False when it cannot.
static bool
open_again(ivs_reader_t *r)
{
    struct stat st;
    if (stat(r->path.c_str(), &st) != 0)
        return false; // no database at all: nothing to wait for
    for (int i = 0; i < 3; i++) {
        try {
            shards_open(r);
            r->dev = st.st_dev;
            r->ino = st.st_ino;
            return true;
        } catch (...) {
            struct timespec pause = {0, 20 * 1000 * 1000};
            nanosleep(&pause, nullptr);
        }
    }
    return false;
}

extern "C" ivs_status_t
ivs_reader_open(const char *path, ivs_reader_t **out, char **err)
{
    *out = nullptr;
    if (err)
        *err = nullptr;
    std::string msg;
    try {
        ivs_reader_t *r = new ivs_reader;
        r->path = path;
        r->timeout_ms = timeout_ms();
        try {
            struct stat st;
            if (stat(path, &st) == 0) {
                r->dev = st.st_dev;
                r->ino = st.st_ino;
            }
            shards_open(r);
        } catch (const Xapian::DatabaseOpeningError &) {
            // a compacted copy being renamed into place, or no database
            if (!open_again(r)) {
                delete r;
                throw;
            }
        } catch (...) {
            delete r;
            throw;
        }
        *out = r;
        return IVS_OK;
    } catch (...) {
        ivs_status_t st = failure(&msg);
        if (err)
            *err = ivs_dup_string(msg);
        return st;
    }
}

extern "C" const char *
ivs_xapian_version(void)
{
    return Xapian::version_string();
}

extern "C" void
ivs_reader_set_timeout(unsigned ms)
{
    timeout_set = ms;
}

extern "C" size_t
ivs_reader_shard_count(const ivs_reader_t *r)
{
    return r->shards.size();
}

extern "C" const char *
ivs_reader_shard_name(const ivs_reader_t *r, size_t i)
{
    return i < r->shards.size() ? r->shards[i].name.c_str() : "";
}

extern "C" int
ivs_reader_shard_up(const ivs_reader_t *r, size_t i)
{
    return i < r->shards.size() && r->shards[i].up;
}

extern "C" char *
ivs_reader_shard_metadata(ivs_reader_t *r, size_t i, const char *key)
{
    if (i >= r->shards.size() || !r->shards[i].up)
        return nullptr;
    try {
        std::string v = r->shards[i].db.get_metadata(key);
        return v.empty() ? nullptr : ivs_dup_string(v);
    } catch (...) {
        failure(&r->error);
        return nullptr;
    }
}

extern "C" size_t
ivs_reader_down(ivs_reader_t *r, const char *const **names)
{
    r->down_ptrs.clear();
    for (const std::string &n : r->down_names)
        r->down_ptrs.push_back(n.c_str());
    if (names)
        *names = r->down_ptrs.data();
    return r->down_ptrs.size();
}

extern "C" void
ivs_reader_close(ivs_reader_t *r)
{
    delete r;
}

extern "C" const char *
ivs_reader_error(const ivs_reader_t *r)
{
    return r->error.c_str();
}

// Runs FN, reopening the database and retrying when a writer committed
// underneath (DatabaseModifiedError).
template <typename Fn>
static ivs_status_t
with_retry(ivs_reader_t *r, Fn fn)
{
    try {
        shards_revive(r);
    } catch (...) {
        return failure(&r->error);
    }
    for (int attempt = 0;; attempt++) {
        try {
            fn();
            return IVS_OK;
        } catch (const Xapian::NetworkError &) {
            // a shard down, slow or restarted: answer without it (or with
            // it reconnected)
            try {
                if (attempt >= 2 || !shards_recheck(r))
                    return failure(&r->error);
            } catch (...) {
                return failure(&r->error);
            }
        } catch (const Xapian::DatabaseModifiedError &) {
            // a commit overtook us: read the new revision
            if (attempt >= 5)
                return failure(&r->error);
            try {
                r->db.reopen();
                forget_revision(r);
            } catch (...) {
                if (!open_again(r))
                    return failure(&r->error);
            }
        } catch (const Xapian::DatabaseOpeningError &) {
            // ivindex swapped in a compacted copy while we were reading
            if (attempt >= 2 || !open_again(r))
                return failure(&r->error);
        } catch (const Xapian::DatabaseCorruptError &) {
            if (attempt >= 2 || !open_again(r))
                return failure(&r->error);
        } catch (...) {
            return failure(&r->error);
        }
    }
}

extern "C" char *
ivs_reader_metadata(ivs_reader_t *r, const char *key)
{
    std::string v;
    if (with_retry(r, [&] { v = r->db.get_metadata(key); }) != IVS_OK ||
        v.empty())
        return nullptr;
    return ivs_dup_string(v);
}

extern "C" uint32_t
ivs_reader_doccount(ivs_reader_t *r)
{
    uint32_t n = 0;
    with_retry(r, [&] { n = r->db.get_doccount(); });
    return n;
}

extern "C" uint32_t
ivs_reader_termfreq(ivs_reader_t *r, const char *term)
{
    uint32_t n = 0;
    with_retry(r, [&] { n = termfreq(r, term); });
    return n;
}

extern "C" void
ivs_reader_termfreqs_prefetch(ivs_reader_t *r, const char *const *terms,
                              size_t n)
{
    with_retry(r, [&] { // (the terms again on a retry)
        std::vector<std::string> v;
        for (size_t i = 0; i < n; i++)
            if (terms[i])
                v.emplace_back(terms[i]);
        termfreqs_prefetch(r, std::move(v));
    });
}

namespace
{

} // namespace

extern "C" int
ivs_reader_each_term(ivs_reader_t *r, const char *prefix,
                     int (*cb)(void *ctx, const char *term, size_t len,
                               uint32_t termfreq),
                     void *ctx)
{
    // read whole first (a commit during the walk starts it again), then
    // handed to CB, which may not throw
    std::vector<std::pair<std::string, uint32_t>> terms;
    ivs_status_t st = with_retry(r, [&] {
        terms.clear();
        for (auto it = r->db.allterms_begin(prefix);
             it != r->db.allterms_end(prefix); ++it)
            terms.emplace_back(*it, it.get_termfreq());
    });
    if (st != IVS_OK)
        return -1;
    for (const auto &t : terms) {
        int rc = cb(ctx, t.first.data(), t.first.size(), t.second);
        if (rc)
            return rc;
    }
    return 0;
}

extern "C" ivs_status_t
ivs_reader_search(ivs_reader_t *r, const ivs_search_t *s, ivs_results_t **out)
{
    *out = nullptr;
    ivs_results_t *res = nullptr;
    ivs_status_t st = with_retry(r, [&] {
        if (!res)
            res = new_results();
        free_results_parts(res);
        run(r, build(s->query), s, nullptr, res);
        note_degraded(r, res);
    });
    if (st != IVS_OK) {
        ivs_results_free(res);
        return st;
    }
    *out = res;
    return IVS_OK;
}

extern "C" char *
ivs_reader_document(ivs_reader_t *r, uint32_t id, size_t *len,
                    ivs_status_t *status)
{
    std::string data;
    ivs_status_t st = with_retry(
        r, [&] { data = r->db.get_document(docid_of(r->db, id)).get_data(); });
    if (status)
        *status = st;
    if (st != IVS_OK)
        return nullptr;
    if (len)
        *len = data.size();
    return ivs_dup_string(data);
}

// The terms of NODE's tree, into OUT.
static void
query_terms(const ivs_qnode_t *node, std::vector<std::string> &out)
{
    if (node->op == IVS_Q_TERM && node->term)
        out.emplace_back(node->term);
    for (size_t i = 0; i < node->n_kids; i++)
        query_terms(node->kids[i], out);
}

extern "C" ivs_status_t
ivs_reader_plan(ivs_reader_t *r, ivs_qnode_t *node)
{
    // The decisions are C (indexer/db/recall.c); Xapian gives the counts. No
    // exception may cross the C frames: the first is kept and thrown again
    // here, for with_retry to map.
    struct Stats {
        ivs_reader_t *r;
        std::exception_ptr error;
    };
    return with_retry(r, [&] {
        Stats stats{r, nullptr};
        ivs_termstats_t st;
        st.doccount = r->db.get_doccount();
        st.termfreq = [](void *ctx, const char *term) -> double {
            Stats *s = static_cast<Stats *>(ctx);
            try {
                return s->error ? 0 : termfreq(s->r, term);
            } catch (...) {
                s->error = std::current_exception();
                return 0;
            }
        };
        st.ctx = &stats;
        std::vector<std::string> terms;
        query_terms(node, terms);
        termfreqs_prefetch(r, std::move(terms));
        ivs_recall_plan(node, &st);
        if (stats.error)
            std::rethrow_exception(stats.error);
    });
}

extern "C" char *
ivs_reader_describe(const ivs_qnode_t *node)
{
    try {
        return ivs_dup_string(build(node).get_description());
    } catch (...) {
        return nullptr;
    }
}

extern "C" void
ivs_results_free(ivs_results_t *res)
{
    if (!res)
        return;
    free_results_parts(res);
    free(res);
}

extern "C" ivs_status_t
ivs_reader_refresh(ivs_reader_t *r, int *changed)
{
    *changed = 0;
    struct stat st;
    if (stat(r->path.c_str(), &st) != 0) {
        r->error = r->path + ": " + strerror(errno);
        return IVS_ERR_NODB;
    }
    try {
        if (st.st_dev != r->dev || st.st_ino != r->ino) {
            // another database at the path: not a newer revision of this one
            shards_open(r);
            r->dev = st.st_dev;
            r->ino = st.st_ino;
            *changed = 1;
            return IVS_OK;
        }
        *changed = r->db.reopen() ? 1 : 0;
        if (*changed)
            forget_revision(r);
        return IVS_OK;
    } catch (...) {
        if (open_again(r)) {
            *changed = 1;
            return IVS_OK;
        }
        return failure(&r->error);
    }
}

extern "C" ivs_status_t
ivs_reader_value_counts(ivs_reader_t *r, const char *const *filters,
                        size_t n_filters, unsigned slot, ivs_facet_t **out,
                        size_t *n_out)
{
    *out = nullptr;
    *n_out = 0;
    std::vector<std::pair<std::string, Xapian::doccount>> counts;
    ivs_status_t st = with_retry(r, [&] {
        counts.clear();
        Xapian::Query q = Xapian::Query::MatchAll;
        if (n_filters)
            q = Xapian::Query(Xapian::Query::OP_FILTER, q,
                              filters_query(filters, n_filters));
        Xapian::Enquire enquire(r->db);
        enquire.set_query(q);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        Xapian::ValueCountMatchSpy spy(slot);
        enquire.add_matchspy(&spy);
        enquire.get_mset(0, 0, r->db.get_doccount());
        for (auto it = spy.values_begin(); it != spy.values_end(); ++it)
            counts.emplace_back(*it, it.get_termfreq());
    });
    if (st != IVS_OK)
        return st;
    ivs_facet_t *v = static_cast<ivs_facet_t *>(
        calloc(counts.size() + 1, sizeof(ivs_facet_t)));
    if (!v)
        return IVS_ERR_NOMEM;
    for (size_t i = 0; i < counts.size(); i++) {
        v[i].key = ivs_dup_string(counts[i].first);
        v[i].count = uint32_t(counts[i].second);
        if (!v[i].key) {
            ivs_facets_free(v, i);
            return IVS_ERR_NOMEM;
        }
    }
    *out = v;
    *n_out = counts.size();
    return IVS_OK;
}

extern "C" void
ivs_facets_free(ivs_facet_t *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i].key);
    free(v);
}

extern "C" ivs_status_t
ivs_reader_keep_alive(ivs_reader_t *r)
{
    return with_retry(r, [&] {
        for (ivs_shard &sh : r->shards)
            if (sh.up && sh.kind != ivs_shard::LOCAL)
                sh.db.keep_alive(); // a NetworkError: rechecked
    });
}

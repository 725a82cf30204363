// The read side of the database: the C interface of include/ivs/reader.h
// over Xapian::Database and Enquire. The only C++ in search/; no exception
// leaves this file.
#include <xapian.h>

#include <exception>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <sys/stat.h>
#include <map>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "xapian_status.h"

extern "C" {
#include "ivs/proximity.h"
#include "ivs/recall.h"
#include "ivs/reader.h"
#include "ivs/schema.h"
}

struct ivs_reader {
    std::string path;
    Xapian::Database db;
    std::string error;
};

namespace {

ivs_status_t
failure(std::string *error)
{
    return ivs_xapian_failure(error, false);
}

char *
dup_string(const std::string &s)
{
    return ivs_dup_string(s);
}

Xapian::Query
build(const ivs_qnode_t *n)
{
    std::vector<Xapian::Query> kids;
    for (size_t i = 0; i < n->n_kids; i++)
        if (!n->kids[i]->dropped)
            kids.push_back(build(n->kids[i]));
    switch (n->op) {
    case IVS_Q_TERM:
        return Xapian::Query(n->term);
    case IVS_Q_AND:
        return Xapian::Query(Xapian::Query::OP_AND, kids.begin(), kids.end());
    case IVS_Q_OR:
        return Xapian::Query(Xapian::Query::OP_OR, kids.begin(), kids.end());
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
    case IVS_Q_ALL:
        return Xapian::Query::MatchAll;
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

// Counts the verdict and the topics of every match (IVS_SLOT_FACETS:
// "fail middleware,architecture"). The matcher visits documents in
// ascending docid order, so the values are read from a value stream moving
// forward (a Document's get_value would look each one up in the B-tree
// afresh).
class FacetSpy : public Xapian::MatchSpy {
  public:
    explicit FacetSpy(const Xapian::Database &db)
        : db_(db), facets_(db.valuestream_begin(IVS_SLOT_FACETS))
    {
    }
    void operator()(const Xapian::Document &doc, double) override
    {
        Xapian::docid id = doc.get_docid();
        if (id < last_) // not in order after all: start the stream again
            facets_ = db_.valuestream_begin(IVS_SLOT_FACETS);
        last_ = id;
        std::string_view v = value_at(facets_, id);
        size_t sp = std::min(v.find(' '), v.size());
        count(verdicts_, v.substr(0, sp));
        size_t s = sp + 1;
        while (s < v.size()) {
            size_t e = std::min(v.find(',', s), v.size());
            if (e > s)
                count(topics_counts_, v.substr(s, e - s));
            s = e + 1;
        }
    }
    std::map<std::string, uint32_t> verdicts() const { return as_map(verdicts_); }
    std::map<std::string, uint32_t> topics() const { return as_map(topics_counts_); }

  private:
    using Counts = std::vector<std::pair<std::string, uint32_t>>;
    std::string_view value_at(Xapian::ValueIterator &it, Xapian::docid id)
    {
        const Xapian::ValueIterator end;
        if (it == end)
            return {};
        if (it.get_docid() < id)
            it.skip_to(id);
        if (it == end || it.get_docid() != id)
            return {};
        cur_ = *it;
        return cur_;
    }
    // a handful of distinct keys: a linear search beats a map
    static void count(Counts &c, std::string_view key)
    {
        for (auto &kv : c)
            if (kv.first == key) {
                kv.second++;
                return;
            }
        c.emplace_back(std::string(key), 1);
    }
    static std::map<std::string, uint32_t> as_map(const Counts &c)
    {
        return std::map<std::string, uint32_t>(c.begin(), c.end());
    }
    Xapian::Database db_;
    Xapian::ValueIterator facets_;
    Xapian::docid last_ = 0;
    std::string cur_;
    Counts verdicts_, topics_counts_;
};

ivs_facet_t *
facets(const std::map<std::string, uint32_t> &m, size_t *n)
{
    std::vector<std::pair<std::string, uint32_t>> v(m.begin(), m.end());
    std::stable_sort(v.begin(), v.end(), [](const auto &a, const auto &b) {
        return a.second > b.second;
    });
    *n = v.size();
    ivs_facet_t *f =
        static_cast<ivs_facet_t *>(calloc(v.size() + 1, sizeof *f));
    if (!f)
        throw std::bad_alloc();
    for (size_t i = 0; i < v.size(); i++) {
        f[i].key = dup_string(v[i].first);
        f[i].count = v[i].second;
    }
    return f;
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

class AcceptTerm : public Xapian::ExpandDecider {
  public:
    AcceptTerm(const Xapian::Database &db,
               int (*accept)(void *, const char *, size_t), void *ctx)
        : db_(db), accept_(accept), ctx_(ctx)
    {
    }
    bool operator()(const std::string &term) const override
    {
        if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z'))
            return false; // prefixed: characters, filters, ids
        if (accept_ && !accept_(ctx_, term.data(), term.size()))
            return false;
        return db_.get_termfreq(term) > 1; // shared with another document
    }

  private:
    const Xapian::Database &db_;
    int (*accept_)(void *, const char *, size_t);
    void *ctx_;
};

// ---- proximity ------------------------------------------------------------
//
// Ranking by proximity is a second pass over the best IVS_PROXIMITY_DEPTH
// matches, as in Lucene's rescorers: a NEAR inside Xapian's query would be
// checked position by position in every candidate, and for two common
// words (进程 线程: 20,000 candidates) that was 8 of a query's 10 ms.

// Where a pattern (a phrase of units) stands is read from one of its
// units, the rarest: its positions minus its place in the pattern. Each
// position lookup costs two block reads of its own (Xapian 1.4 keeps no
// cursor between them), so reading every unit of 分布式锁 cost four times
// as much for a signal that is a nudge, not a match.
struct Anchor {
    std::string term;
    unsigned offset, len; // the unit's place in the pattern; its length
};

// The anchors of each concept of NEAR (one child per concept: a pattern,
// or the OR of several).
std::vector<std::vector<Anchor>>
anchors(const Xapian::Database &db, const ivs_qnode_t *near)
{
    std::vector<std::vector<Anchor>> out(near->n_kids);
    for (size_t c = 0; c < near->n_kids; c++) {
        const ivs_qnode_t *con = near->kids[c];
        const ivs_qnode_t *const *pats = &con;
        size_t n_pats = 1;
        if (con->op == IVS_Q_OR) {
            pats = con->kids;
            n_pats = con->n_kids;
        }
        for (size_t p = 0; p < n_pats; p++) {
            const ivs_qnode_t *const *units = &pats[p];
            size_t n = 1;
            if (pats[p]->op == IVS_Q_PHRASE) {
                units = pats[p]->kids;
                n = pats[p]->n_kids;
            }
            Anchor best{std::string(), 0, unsigned(n)};
            Xapian::doccount best_tf = 0;
            for (size_t k = 0; k < n; k++) {
                if (units[k]->op != IVS_Q_TERM)
                    continue;
                Xapian::doccount tf = n == 1 ? 1 : db.get_termfreq(units[k]->term);
                if (best.term.empty() || tf < best_tf) {
                    best.term = units[k]->term;
                    best.offset = unsigned(k);
                    best_tf = tf;
                }
            }
            if (!best.term.empty())
                out[c].push_back(best);
        }
    }
    return out;
}

// The positions of the anchor terms in the documents being ranked again.
// Read term by term in document order: the position table is keyed by
// term, then document, and the term's posting list says which documents
// have it, with a few reads for all of them (a position lookup costs its
// reads even for a document without the term).
class Positions {
  public:
    Positions(const Xapian::Database &db,
              const std::vector<std::vector<Anchor>> &concepts,
              std::vector<Xapian::docid> docs)
        : docs_(std::move(docs))
    {
        std::sort(docs_.begin(), docs_.end());
        for (const auto &c : concepts)
            for (const Anchor &a : c)
                terms_.push_back(a.term);
        std::sort(terms_.begin(), terms_.end());
        terms_.erase(std::unique(terms_.begin(), terms_.end()), terms_.end());
        lists_.resize(terms_.size() * docs_.size());
        const Xapian::PostingIterator pend;
        const Xapian::PositionIterator end;
        for (size_t t = 0; t < terms_.size(); t++) {
            Xapian::PostingIterator pl = db.postlist_begin(terms_[t]);
            for (size_t d = 0; d < docs_.size() && pl != pend; d++) {
                pl.skip_to(docs_[d]);
                if (pl == pend || *pl != docs_[d])
                    continue;
                auto &v = lists_[t * docs_.size() + d];
                for (auto p = pl.positionlist_begin(); p != end; ++p)
                    v.push_back(*p);
            }
        }
    }
    // the positions of TERM in DID (both among those given), ascending
    const std::vector<Xapian::termpos> &of(const std::string &term,
                                           Xapian::docid did) const
    {
        size_t t = std::lower_bound(terms_.begin(), terms_.end(), term) -
                   terms_.begin();
        size_t d = std::lower_bound(docs_.begin(), docs_.end(), did) -
                   docs_.begin();
        return lists_[t * docs_.size() + d];
    }

  private:
    std::vector<Xapian::docid> docs_;
    std::vector<std::string> terms_;
    std::vector<std::vector<Xapian::termpos>> lists_;
};

// How close together the concepts stand in document DID (the scoring is
// ivs_proximity_closeness's; this reads where they stand): 0 when some
// concept has no positions there (matched through its English stem only).
double
closeness(const Positions &pos, Xapian::docid did,
          const std::vector<std::vector<Anchor>> &concepts, unsigned window)
{
    std::vector<ivs_occurrence_t> occ;
    size_t k = concepts.size();
    unsigned longest = 0;
    for (size_t c = 0; c < k; c++) {
        size_t before = occ.size();
        for (const Anchor &a : concepts[c]) {
            longest = std::max(longest, a.len);
            for (Xapian::termpos p : pos.of(a.term, did))
                if (p > a.offset)
                    occ.push_back({p - a.offset, a.len, unsigned(c)});
        }
        if (occ.size() == before)
            return 0;
    }
    return ivs_proximity_closeness(occ.data(), occ.size(), k, longest, window);
}

struct Ranked {
    Xapian::docid did;
    double weight;
};

// Adds to each of the first IVS_PROXIMITY_DEPTH of RANKED (best first) its
// proximity bonus, IVS_PROXIMITY_BOOST of its weight at full closeness,
// and orders them again. The rest keep their place below: a bonus only
// raises, so every page of results agrees with every other.
void
rescore(const Xapian::Database &db, const ivs_qnode_t *near,
        std::vector<Ranked> &ranked)
{
    size_t n = std::min<size_t>(ranked.size(), IVS_PROXIMITY_DEPTH);
    auto concepts = anchors(db, near);
    std::vector<Xapian::docid> docs;
    for (size_t i = 0; i < n; i++)
        docs.push_back(ranked[i].did);
    Positions pos(db, concepts, std::move(docs));
    for (size_t i = 0; i < n; i++)
        ranked[i].weight = ivs_proximity_weight(
            ranked[i].weight,
            closeness(pos, ranked[i].did, concepts, near->window));
    std::stable_sort(ranked.begin(), ranked.begin() + n,
                     [](const Ranked &a, const Ranked &b) {
                         return a.weight > b.weight;
                     });
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

void
run(ivs_reader_t *r, const Xapian::Query &query, const ivs_search_t *s,
    const Xapian::MatchDecider *decider, const std::vector<std::string> *only,
    ivs_results_t *res)
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
    bool by_docid = s->sort == IVS_SORT_SOURCE &&
                    r->db.get_metadata(IVS_META_ORDER) == "docid";
    if (by_docid)
        q = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0);
    // Facets and the exact total need every match examined. (An unweighted
    // counting pass would be cheaper, but Xapian 1.4.22's BoolWeight matcher
    // throws "Unexpected end of posting list" on a term in every document
    // when document ids have gaps, so the ranked pass counts.)
    FacetSpy spy(r->db);
    Xapian::Enquire enquire(r->db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(
        Xapian::BM25Weight(IVS_BM25_K1, 0, 1, IVS_BM25_B, 0.5));
    if (s->sort == IVS_SORT_DATE) {
        enquire.set_sort_by_value_then_relevance(IVS_SLOT_DATE, true);
    } else if (s->sort == IVS_SORT_SOURCE) {
        if (by_docid)
            enquire.set_docid_order(Xapian::Enquire::ASCENDING);
        else
            enquire.set_sort_by_value(IVS_SLOT_ORDER, false);
    }
    if (s->facets)
        enquire.add_matchspy(&spy);
    // Facets count every match up to IVS_FACET_EXACT matches; past that the
    // counts of the matches examined are scaled to the estimated total, so
    // a query matching half the archive stays fast.
    Xapian::doccount check = 0;
    if (s->exact)
        check = r->db.get_doccount();
    else if (s->facets)
        check = std::min<Xapian::doccount>(r->db.get_doccount(),
                                           IVS_FACET_EXACT);
    // with a proximity pass, the best IVS_PROXIMITY_DEPTH (or down to the
    // page asked for) are fetched and ordered again, and the page cut here
    bool near = s->proximity && s->sort == IVS_SORT_RELEVANCE;
    Xapian::doccount first = near ? 0 : s->offset;
    Xapian::doccount want =
        near ? std::max<Xapian::doccount>(IVS_PROXIMITY_DEPTH,
                                          s->offset + s->limit)
             : s->limit;
    Xapian::MSet mset = enquire.get_mset(first, want, check, nullptr, decider);
    res->total = mset.get_matches_estimated();
    res->exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    std::vector<Ranked> ranked;
    for (auto it = mset.begin(); it != mset.end(); ++it)
        ranked.push_back({*it, it.get_weight()});
    if (near) {
        rescore(r->db, s->proximity, ranked);
        ranked.erase(ranked.begin(),
                     ranked.begin() + std::min<size_t>(ranked.size(), s->offset));
        if (ranked.size() > s->limit)
            ranked.resize(s->limit);
    }
    std::map<std::string, uint32_t> verdicts, topics;
    if (s->facets) {
        verdicts = spy.verdicts();
        topics = spy.topics();
    }
    if (s->facets) {
        // a term's count is exact without examining every match, so it is
        // the number of matches the spy saw that tells if facets are
        uint64_t seen = 0;
        for (const auto &kv : verdicts)
            seen += kv.second;
        if (seen < res->total)
            res->exact = 0;
        if (seen > 0 && seen < res->total) {
            double f = double(res->total) / double(seen);
            for (auto &kv : verdicts)
                kv.second = uint32_t(kv.second * f + 0.5);
            for (auto &kv : topics)
                kv.second = uint32_t(kv.second * f + 0.5);
        }
    }
    res->hits = static_cast<ivs_hit_t *>(calloc(ranked.size() + 1, sizeof(ivs_hit_t)));
    if (!res->hits)
        throw std::bad_alloc();
    for (const Ranked &rk : ranked) {
        ivs_hit_t *h = &res->hits[res->n_hits++];
        Xapian::Document doc = r->db.get_document(rk.did);
        h->id = uint32_t(std::strtoul(doc.get_value(IVS_SLOT_ID).c_str(),
                                      nullptr, 10));
        h->weight = rk.weight;
        std::string data = doc.get_data();
        h->data = dup_string(data);
        h->data_len = data.size();
        if (s->matched_terms) {
            std::vector<std::string> m;
            for (auto t = enquire.get_matching_terms_begin(rk.did);
                 t != enquire.get_matching_terms_end(rk.did); ++t) {
                if (only &&
                    std::find(only->begin(), only->end(), *t) == only->end())
                    continue;
                m.push_back(*t);
            }
            h->matched = static_cast<char **>(calloc(m.size() + 1, sizeof(char *)));
            if (!h->matched)
                throw std::bad_alloc();
            for (const std::string &t : m)
                h->matched[h->n_matched++] = dup_string(t);
        }
    }
    if (s->facets) {
        res->verdicts = facets(verdicts, &res->n_verdicts);
        res->topics = facets(topics, &res->n_topics);
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
    memset(res, 0, sizeof *res);
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
            r->db = Xapian::Database(r->path);
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
        try {
            r->db = Xapian::Database(path);
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
            *err = dup_string(msg);
        return st;
    }
}

extern "C" const char *
ivs_reader_xapian_version(void)
{
    return Xapian::version_string();
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
    for (int attempt = 0;; attempt++) {
        try {
            fn();
            return IVS_OK;
        } catch (const Xapian::DatabaseModifiedError &) {
            // a commit overtook us: read the new revision
            if (attempt >= 5)
                return failure(&r->error);
            try {
                r->db.reopen();
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
    return dup_string(v);
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
    with_retry(r, [&] { n = r->db.get_termfreq(term); });
    return n;
}

namespace {

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
        run(r, build(s->query), s, nullptr, nullptr, res);
    });
    if (st != IVS_OK) {
        ivs_results_free(res);
        return st;
    }
    *out = res;
    return IVS_OK;
}

extern "C" ivs_status_t
ivs_reader_similar(ivs_reader_t *r, uint32_t id, unsigned n_terms,
                   int (*accept)(void *, const char *, size_t), void *ctx,
                   const ivs_search_t *s, ivs_results_t **out)
{
    *out = nullptr;
    ivs_results_t *res = nullptr;
    ivs_status_t st = with_retry(r, [&] {
        if (!res)
            res = new_results();
        free_results_parts(res);
        Xapian::docid docid = docid_of(r->db, id);
        Xapian::Enquire enquire(r->db);
        Xapian::RSet rset;
        rset.add_document(docid);
        AcceptTerm decider(r->db, accept, ctx);
        Xapian::ESet eset = enquire.get_eset(n_terms, rset, &decider);
        std::vector<std::string> terms;
        std::vector<Xapian::Query> parts;
        for (auto it = eset.begin(); it != eset.end(); ++it) {
            terms.push_back(*it);
            parts.push_back(Xapian::Query(*it));
        }
        res->terms = static_cast<char **>(calloc(terms.size() + 1, sizeof(char *)));
        if (!res->terms)
            throw std::bad_alloc();
        for (const std::string &t : terms)
            res->terms[res->n_terms++] = dup_string(t);
        if (parts.empty())
            return;
        // the subject itself left out inside the query
        Xapian::Query q(Xapian::Query::OP_AND_NOT,
                        Xapian::Query(Xapian::Query::OP_ELITE_SET,
                                      parts.begin(), parts.end(), parts.size()),
                        Xapian::Query(unique_term(id)));
        ivs_search_t s2 = *s;
        s2.matched_terms = 1;
        run(r, q, &s2, nullptr, &terms, res);
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
    ivs_status_t st = with_retry(r, [&] {
        data = r->db.get_document(docid_of(r->db, id)).get_data();
    });
    if (status)
        *status = st;
    if (st != IVS_OK)
        return nullptr;
    if (len)
        *len = data.size();
    return dup_string(data);
}

extern "C" ivs_status_t
ivs_reader_plan(ivs_reader_t *r, ivs_qnode_t *node)
{
    // The decisions are C (search/recall.c); Xapian gives the counts. No
    // exception may cross the C frames: the first is kept and thrown again
    // here, for with_retry to map.
    struct Stats {
        Xapian::Database *db;
        std::exception_ptr error;
    };
    return with_retry(r, [&] {
        Stats stats{&r->db, nullptr};
        ivs_termstats_t st;
        st.doccount = r->db.get_doccount();
        st.termfreq = [](void *ctx, const char *term) -> double {
            Stats *s = static_cast<Stats *>(ctx);
            try {
                return s->error ? 0 : s->db->get_termfreq(term);
            } catch (...) {
                s->error = std::current_exception();
                return 0;
            }
        };
        st.ctx = &stats;
        ivs_recall_plan(node, &st);
        if (stats.error)
            std::rethrow_exception(stats.error);
    });
}

extern "C" char *
ivs_reader_describe(const ivs_qnode_t *node)
{
    try {
        return dup_string(build(node).get_description());
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

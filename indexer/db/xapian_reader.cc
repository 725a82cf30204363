// The read side of the database: the C interface of include/ivs/reader.h
// over Xapian::Database and Enquire. The only C++ in search/; no exception
// leaves this file.
#include <xapian.h>

#include <exception>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <iterator>
#include <map>
#include <new>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <vector>

#include "reader_internal.h"
#include "xapian_status.h"

extern "C" {
#include "ivs/proximity.h"
#include "ivs/recall.h"
#include "ivs/reader.h"
#include "ivs/schema.h"
}

using ivs_reader_detail::Ranked;
using ivs_reader_detail::rescore;
using ivs_reader_detail::shards_open;
using ivs_reader_detail::shards_recheck;
using ivs_reader_detail::shards_revive;
using ivs_reader_detail::shards_single;

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

// splitmix64: a well-mixed hash of X
uint64_t
mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// The document ids a counting pass examines (as a filter, OP_FILTER, of a
// walk in docid order): a sample of [FIRST, LAST] spread over the whole
// range. (The ranked pass stops early: the matches it has examined are the
// oldest interviews and the best, and counts scaled from them carry
// whatever sets old interviews apart from new ones.) The range is cut into
// runs of K blocks of B consecutive ids and one block is drawn from each
// run, by a hash of where the run starts, so every id is in the sample with
// probability 1/K and a match drawn from a run stands for K
// (Horvitz-Thompson: unbiased). B is set at the start from the density of
// the matches before FIRST, for about IVS_FACET_CLUSTER matches a block
// (the facets of neighbours are cheap to read). K is chosen at the start
// of each run from what was found before it (a choice that depends only on
// earlier runs keeps the estimate unbiased), so that about BUDGET matches
// are drawn whether the matches crowd the old documents or the new ones.
// The spy (MatchList) calls drawn() for each match, which is the id the
// source stands on.
class Sampler : public Xapian::PostingSource
{
  public:
    // BEFORE: the matches below FIRST (counted exactly); LAST: the highest
    // document id.
    Sampler(Xapian::docid first, Xapian::docid last, double before,
            Xapian::doccount budget)
        : first_(first), last_(last), before_(before), budget_(budget)
    {
    }
    void init(const Xapian::Database &) override
    {
        run_ = first_;
        at_ = 0;
        found_ = before_;
        drawn_ = 0;
        thinned_ = false;
        double density = found_ / double(std::max<uint64_t>(run_ - 1, 1));
        b_ = uint64_t(
            std::max(1.0, std::min(IVS_FACET_CLUSTER / std::max(density, 1e-9),
                                   1024.0)));
        choose();
    }
    Xapian::doccount get_termfreq_min() const override
    {
        return 0;
    }
    Xapian::doccount get_termfreq_est() const override
    {
        return Xapian::doccount(span() / k_);
    }
    Xapian::doccount get_termfreq_max() const override
    {
        return Xapian::doccount(span());
    }
    void next(double) override
    {
        seek(uint64_t(at_) + 1);
    }
    void skip_to(Xapian::docid did, double) override
    {
        if (did > at_)
            seek(did);
    }
    bool at_end() const override
    {
        return run_ > last_;
    }
    Xapian::docid get_docid() const override
    {
        return at_;
    }
    // Whether some ids were left out (else every match was counted).
    bool thinned() const
    {
        return thinned_;
    }
    // The match at the current id: how many matches it stands for.
    double drawn()
    {
        found_ += double(k_at_);
        drawn_++;
        return double(k_at_);
    }

  private:
    uint64_t span() const
    {
        return last_ >= first_ ? last_ - first_ + 1 : 0;
    }
    // K for the run starting at run_: the matches expected in the rest of
    // the range (at the density found so far) over the draws left (at
    // least a quarter of the budget, so that a budget spent early on dense
    // old documents still samples the new ones).
    void choose()
    {
        double density = found_ / double(std::max<uint64_t>(run_ - 1, 1));
        double left = double(last_ + 1 - std::min(run_, last_ + 1));
        double budget =
            std::max(double(budget_) - double(drawn_), double(budget_) / 4);
        double k = density * left / budget; // truncated below
        k_ = uint64_t(std::max(1.0, std::min(k, left / double(b_) + 1)));
        thinned_ = thinned_ || k_ > 1;
    }
    // Moves to the first drawn id at or after TARGET.
    void seek(uint64_t target)
    {
        while (run_ <= last_) {
            uint64_t len = k_ * b_;
            if (target >= run_ + len) {
                // past this run: K is chosen afresh where the next one
                // starts, and kept over the runs jumped (nothing is found
                // in between)
                run_ += len;
                choose();
                len = k_ * b_;
                if (target >= run_ + len)
                    run_ += len * ((target - run_) / len);
                continue;
            }
            uint64_t block = run_ + b_ * (k_ == 1 ? 0 : mix(run_) % k_);
            target = std::max(target, block);
            if (target < block + b_ && target <= last_) {
                at_ = Xapian::docid(target);
                k_at_ = k_;
                return;
            }
            if (target > last_)
                break;
            run_ += len;
            choose();
        }
        run_ = last_ + 1;
    }
    uint64_t first_, last_;
    double before_;
    uint64_t budget_;
    uint64_t run_ = 1, k_ = 1, b_ = 1, k_at_ = 1;
    Xapian::docid at_ = 0;
    double found_ = 0;
    uint64_t drawn_ = 0;
    bool thinned_ = false;
};

// A match and how many matches it stands for.
struct Match {
    Xapian::docid did;
    double weight;
};

// Records the matches it is shown and how many each stands for (as
// SAMPLE says, or 1 without one). Nothing is read here: a match costs a
// few tenths of a microsecond.
class MatchList : public Xapian::MatchSpy
{
  public:
    explicit MatchList(Sampler *sample) : sample_(sample) {}
    void operator()(const Xapian::Document &doc, double) override
    {
        matches.push_back({doc.get_docid(), sample_ ? sample_->drawn() : 1.0});
    }
    std::vector<Match> matches;

  private:
    Sampler *sample_;
};

// About N of MATCHES (in docid order), each standing for as many matches as
// it does over its chance of being drawn. They are drawn in runs of
// IVS_FACET_CLUSTER neighbours (see IVS_FACET_SAMPLE), a run with a chance
// proportional to its weight, so that every run drawn stands for the same
// number of matches, and systematically (every step of the running sum of
// weights, from a start set by a hash), so the runs spread over the ids as
// the matches do.
std::vector<Match>
draw(const std::vector<Match> &matches, double n)
{
    const size_t c = IVS_FACET_CLUSTER;
    double sum = 0;
    for (const Match &m : matches)
        sum += m.weight;
    double step = sum * double(c) / n;
    double next = step * double(mix(matches.size()) >> 11) / 9007199254740992.0;
    double run = 0;
    std::vector<Match> out;
    for (size_t i = 0; i < matches.size(); i += c) {
        size_t e = std::min(i + c, matches.size());
        double w = 0;
        for (size_t j = i; j < e; j++)
            w += matches[j].weight;
        double times = 1; // drawn for sure when heavier than a step
        if (w < step) {
            run += w;
            if (run <= next)
                continue;
            next += step;
            times = step / w;
        }
        for (size_t j = i; j < e; j++)
            out.push_back({matches[j].did, matches[j].weight * times});
    }
    return out;
}

// Counts of facet values, weighted.
using Counts = std::vector<std::pair<std::string, double>>;

// a handful of distinct keys: a linear search beats a map
void
add_count(Counts &c, std::string_view key, double w)
{
    for (auto &kv : c)
        if (kv.first == key) {
            kv.second += w;
            return;
        }
    c.emplace_back(std::string(key), w);
}

// Adds the verdict and the topics (IVS_SLOT_FACETS: "fail
// middleware,architecture") of MATCHES, each as many times as it stands for,
// to VERDICTS and TOPICS. Read from one value stream moving forward, the
// matches in docid order (a Document's get_value would look each one up in
// the B-tree afresh).
void
count_facets(const Xapian::Database &db, std::vector<Match> matches,
             Counts &verdicts, Counts &topics)
{
    if (!std::is_sorted(
            matches.begin(), matches.end(),
            [](const Match &a, const Match &b) { return a.did < b.did; }))
        std::sort(matches.begin(), matches.end(),
                  [](const Match &a, const Match &b) { return a.did < b.did; });
    Xapian::ValueIterator it = db.valuestream_begin(IVS_SLOT_FACETS);
    const Xapian::ValueIterator end;
    std::string value;
    for (const Match &m : matches) {
        if (it != end && it.get_docid() < m.did)
            it.skip_to(m.did);
        if (it != end && it.get_docid() == m.did)
            value = *it;
        else
            value.clear();
        std::string_view v = value;
        size_t sp = std::min(v.find(' '), v.size());
        add_count(verdicts, v.substr(0, sp), m.weight);
        size_t s = sp + 1;
        while (s < v.size()) {
            size_t e = std::min(v.find(',', s), v.size());
            if (e > s)
                add_count(topics, v.substr(s, e - s), m.weight);
            s = e + 1;
        }
    }
}

// The counts of C times SCALE, rounded, most frequent first (those rounded
// to 0 left out).
ivs_facet_t *
facets(const Counts &c, double scale, size_t *n)
{
    std::vector<std::pair<std::string, uint32_t>> v;
    for (const auto &kv : c) {
        uint32_t k = uint32_t(kv.second * scale + 0.5);
        if (k > 0)
            v.emplace_back(kv.first, k);
    }
    std::sort(v.begin(), v.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    *n = v.size();
    ivs_facet_t *f =
        static_cast<ivs_facet_t *>(calloc(v.size() + 1, sizeof *f));
    if (!f)
        throw std::bad_alloc();
    for (size_t i = 0; i < v.size(); i++) {
        f[i].key = ivs_dup_string(v[i].first);
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

class AcceptTerm : public Xapian::ExpandDecider
{
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

ivs_results_t *
new_results()
{
    ivs_results_t *res =
        static_cast<ivs_results_t *>(calloc(1, sizeof(ivs_results_t)));
    if (!res)
        throw std::bad_alloc();
    return res;
}

// How many documents FILTERS let through (as filters_query: the same
// prefix ORed, different prefixes and each topic ANDed), from their posting
// lists: the exact count of a listing without the matcher (about 0.01 us a
// posting instead of 0.1 us a match).
Xapian::doccount
count_filtered(const Xapian::Database &db, const char *const *filters, size_t n)
{
    std::map<std::string, std::vector<std::string>> groups;
    for (size_t i = 0; i < n; i++) {
        std::string t = filters[i];
        std::string prefix = t.substr(0, 2);
        groups[prefix == IVS_PREFIX_TOPIC ? t : prefix].push_back(t);
    }
    std::vector<Xapian::docid> ids, group, both;
    bool first = true;
    for (const auto &kv : groups) {
        group.clear();
        for (const std::string &t : kv.second)
            for (auto p = db.postlist_begin(t); p != db.postlist_end(t); ++p)
                group.push_back(*p);
        if (kv.second.size() > 1) {
            std::sort(group.begin(), group.end());
            group.erase(std::unique(group.begin(), group.end()), group.end());
        }
        if (first) {
            ids.swap(group);
            first = false;
        } else {
            both.clear();
            std::set_intersection(ids.begin(), ids.end(), group.begin(),
                                  group.end(), std::back_inserter(both));
            ids.swap(both);
        }
    }
    return Xapian::doccount(ids.size());
}

// Sets RES's total, exact and facets for query Q from the matches SEEN by
// the ranked pass (MSET), which examined every match until it had seen
// CHECK of them, in docid order, and after that only those that could
// make the page. When it saw them all, they are counted; else its first
// CHECK (every match up to the last of them) are, and a counting pass
// draws a sample of the documents after them (Sampler). KNOWN: the total
// when known exactly (a listing's count), else negative. A total the
// matcher knows exactly (a single term, a filter) is kept, and an estimate
// kept within its bounds; the facets of the matches counted (of
// IVS_FACET_SAMPLE of them when there are more than IVS_FACET_EXACT) are
// scaled to the total.
void
count_matches(ivs_reader_t *r, const Xapian::Query &q, const ivs_search_t *s,
              const Xapian::MatchDecider *decider, const Xapian::MSet &mset,
              std::vector<Match> seen, Xapian::doccount check, double known,
              ivs_results_t *res)
{
    Xapian::doccount lower = mset.get_matches_lower_bound();
    Xapian::doccount upper = mset.get_matches_upper_bound();
    if (known < 0 && lower == upper)
        known = upper;
    std::vector<Match> matches = std::move(seen);
    bool thinned = false;
    if (s->exact || matches.size() < check ||
        (known >= 0 && matches.size() == known)) {
        // every match seen
    } else if (!s->facets && known >= 0) {
        matches.clear();
    } else {
        matches.resize(check);
        // a total alone (the partial matches) draws fewer
        Sampler sample(matches.empty() ? 1 : matches.back().did + 1,
                       r->db.get_lastdocid(), double(check),
                       s->facets ? IVS_COUNT_SAMPLE : IVS_COUNT_SAMPLE / 2);
        Xapian::Enquire counting(r->db);
        counting.set_query(Xapian::Query(
            Xapian::Query::OP_SCALE_WEIGHT,
            Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(&sample)),
            0.0));
        counting.set_docid_order(Xapian::Enquire::ASCENDING);
        MatchList list(&sample);
        counting.add_matchspy(&list);
        counting.get_mset(0, 0, r->db.get_doccount(), nullptr, decider);
        matches.insert(matches.end(), list.matches.begin(), list.matches.end());
        thinned = sample.thinned();
    }
    double sum = 0;
    for (const Match &m : matches)
        sum += m.weight;
    double total = sum;
    if (known >= 0)
        total = known;
    else if (thinned)
        total = std::min<double>(std::max<double>(sum, lower), upper);
    res->total = Xapian::doccount(total + 0.5);
    res->exact = !thinned || known >= 0;
    res->facets_exact = !thinned && (s->exact || matches.size() <= check);
    if (!s->facets || matches.empty())
        return;
    if (!res->facets_exact && matches.size() > IVS_FACET_EXACT) {
        matches = draw(matches, IVS_FACET_SAMPLE);
        sum = 0;
        for (const Match &m : matches)
            sum += m.weight;
    }
    Counts verdicts, topics;
    count_facets(r->db, std::move(matches), verdicts, topics);
    double scale = sum > 0 ? total / sum : 1;
    res->verdicts = facets(verdicts, scale, &res->n_verdicts);
    res->topics = facets(topics, scale, &res->n_topics);
}

// Sets RES's total and facets when the database has remote shards, whose
// servers know no MatchSpy or PostingSource of ours: every match was
// examined (the total exact) and the facet values counted by Xapian's
// ValueCountMatchSpy (VALUES, when facets were asked for), each value
// ("fail middleware,architecture") split as count_facets does. Exact where
// one database estimates beyond IVS_FACET_EXACT matches: the same answers
// up to there.
void
count_all(const Xapian::MSet &mset, const Xapian::ValueCountMatchSpy *values,
          ivs_results_t *res)
{
    res->total = mset.get_matches_estimated();
    res->exact = 1;
    res->facets_exact = 1;
    if (!values)
        return;
    Counts verdicts, topics;
    for (auto it = values->values_begin(); it != values->values_end(); ++it) {
        std::string value = *it;
        std::string_view v = value;
        double w = double(it.get_termfreq());
        size_t sp = std::min(v.find(' '), v.size());
        add_count(verdicts, v.substr(0, sp), w);
        size_t s = sp + 1;
        while (s < v.size()) {
            size_t e = std::min(v.find(',', s), v.size());
            if (e > s)
                add_count(topics, v.substr(s, e - s), w);
            s = e + 1;
        }
    }
    res->verdicts = facets(verdicts, 1, &res->n_verdicts);
    res->topics = facets(topics, 1, &res->n_topics);
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
    } else if (s->sort == IVS_SORT_SOURCE) {
        if (by_docid)
            enquire.set_docid_order(Xapian::Enquire::ASCENDING);
        else
            enquire.set_sort_by_value(IVS_SLOT_ORDER, false);
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
    if (s->exact || r->remote)
        check = r->db.get_doccount();
    else if (s->facets)
        check =
            std::min<Xapian::doccount>(r->db.get_doccount(), IVS_FACET_EXACT);
    MatchList seen(nullptr);
    Xapian::ValueCountMatchSpy values(IVS_SLOT_FACETS);
    if (!r->remote)
        enquire.add_matchspy(&seen);
    else if (s->facets)
        enquire.add_matchspy(&values);
    // with a proximity pass, the best IVS_PROXIMITY_DEPTH (or down to the
    // page asked for) are fetched and ordered again, and the page cut here
    bool near = s->proximity && s->sort == IVS_SORT_RELEVANCE;
    Xapian::doccount first = near ? 0 : s->offset;
    Xapian::doccount want =
        near ? std::max<Xapian::doccount>(IVS_PROXIMITY_DEPTH,
                                          s->offset + s->limit)
             : s->limit;
    Xapian::MSet mset = enquire.get_mset(first, want, check, nullptr, decider);
    double known = -1;
    if (r->remote)
        count_all(mset, s->facets ? &values : nullptr, res);
    else if (listing && !s->exact &&
             mset.get_matches_lower_bound() != mset.get_matches_upper_bound())
        known = count_filtered(r->db, s->filters, s->n_filters);
    // (Xapian examines at least the page)
    if (!r->remote)
        count_matches(r, q, s, decider, mset, std::move(seen.matches),
                      std::max(check, first + want), known, res);
    std::vector<Ranked> ranked;
    for (auto it = mset.begin(); it != mset.end(); ++it)
        ranked.push_back({*it, it.get_weight()});
    if (near) {
        rescore(r->db, s->proximity, ranked);
        ranked.erase(ranked.begin(),
                     ranked.begin() +
                         std::min<size_t>(ranked.size(), s->offset));
        if (ranked.size() > s->limit)
            ranked.resize(s->limit);
    }
    res->hits =
        static_cast<ivs_hit_t *>(calloc(ranked.size() + 1, sizeof(ivs_hit_t)));
    if (!res->hits)
        throw std::bad_alloc();
    for (const Ranked &rk : ranked) {
        ivs_hit_t *h = &res->hits[res->n_hits++];
        Xapian::Document doc = r->db.get_document(rk.did);
        h->id = uint32_t(
            std::strtoul(doc.get_value(IVS_SLOT_ID).c_str(), nullptr, 10));
        h->weight = rk.weight;
        std::string data = doc.get_data();
        h->data = ivs_dup_string(data);
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
    with_retry(r, [&] { n = r->db.get_termfreq(term); });
    return n;
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
        run(r, build(s->query), s, nullptr, nullptr, res);
        note_degraded(r, res);
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
        res->terms =
            static_cast<char **>(calloc(terms.size() + 1, sizeof(char *)));
        if (!res->terms)
            throw std::bad_alloc();
        for (const std::string &t : terms)
            res->terms[res->n_terms++] = ivs_dup_string(t);
        note_degraded(r, res);
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

extern "C" ivs_status_t
ivs_reader_plan(ivs_reader_t *r, ivs_qnode_t *node)
{
    // The decisions are C (indexer/db/recall.c); Xapian gives the counts. No
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
ivs_reader_keep_alive(ivs_reader_t *r)
{
    return with_retry(r, [&] {
        for (ivs_shard &sh : r->shards)
            if (sh.up && sh.kind != ivs_shard::LOCAL)
                sh.db.keep_alive(); // a NetworkError: rechecked
    });
}

// Totals and facets for the read-side wrapper: the matches counted, or
// sampled (a PostingSource of ours) and their facets read from a value
// stream; over remote shards, Xapian's own ValueCountMatchSpy.
#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <map>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "reader_internal.h"
#include "xapian_status.h"

extern "C" {
#include "ivs/schema.h"
}

namespace ivs_reader_detail
{

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

double
sampler_drawn(Sampler *sample)
{
    return sample->drawn();
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
count_matches(const Xapian::Database &db, const Xapian::Query &q,
              const ivs_search_t *s, const Xapian::MatchDecider *decider,
              const Xapian::MSet &mset, std::vector<Match> seen,
              Xapian::doccount check, double known, ivs_results_t *res)
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
                       db.get_lastdocid(), double(check),
                       s->facets ? IVS_COUNT_SAMPLE : IVS_COUNT_SAMPLE / 2);
        Xapian::Enquire counting(db);
        counting.set_query(Xapian::Query(
            Xapian::Query::OP_SCALE_WEIGHT,
            Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(&sample)),
            0.0));
        counting.set_docid_order(Xapian::Enquire::ASCENDING);
        MatchList list(&sample);
        counting.add_matchspy(&list);
        counting.get_mset(0, 0, db.get_doccount(), nullptr, decider);
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
    count_facets(db, std::move(matches), verdicts, topics);
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
count_apart(const Xapian::Database &db, const Xapian::Query &q, bool facets,
            ivs_results_t *res)
{
    Xapian::Enquire counting(db);
    counting.set_query(q);
    counting.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::ValueCountMatchSpy values(IVS_SLOT_FACETS);
    if (facets)
        counting.add_matchspy(&values);
    Xapian::MSet all = counting.get_mset(0, 0, db.get_doccount());
    count_all(all, facets ? &values : nullptr, res);
}

} // namespace ivs_reader_detail

// Totals and facets for the read-side wrapper: the matches counted (the
// total always exactly) and their facets read from a value stream, of a
// sample of them beyond IVS_FACET_EXACT; over shards, Xapian's own
// ValueCountMatchSpy.
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
// make the page. When it saw them all, they are counted; else a pass of
// its own (no weights, no sorting) lists every match. KNOWN: the total
// when known exactly (a listing's count), else negative; a total the
// matcher knows exactly (a single term, a filter) is kept. The total is
// always exact, as over shards (count_all): the same query gives the same
// total whatever the layout of the database (a sample of document ids
// would be drawn from other interviews in a sharded one). The facets of
// the matches are counted, of IVS_FACET_SAMPLE of them (drawn in runs
// spread over the ids) when there are more than IVS_FACET_EXACT, scaled to
// the total.
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
    bool all_seen = s->exact || matches.size() < check ||
                    (known >= 0 && matches.size() == known);
    if (!all_seen && !s->facets && known < 0) {
        // the count alone: Xapian's matcher counts without a list
        Xapian::Enquire counting(db);
        counting.set_query(q);
        counting.set_weighting_scheme(Xapian::BoolWeight());
        known = counting.get_mset(0, 0, db.get_doccount(), nullptr, decider)
                    .get_matches_estimated();
        matches.clear();
    } else if (!all_seen && !s->facets) {
        matches.clear();
    } else if (!all_seen) {
        matches.clear();
        Xapian::Enquire counting(db);
        counting.set_query(q);
        counting.set_weighting_scheme(Xapian::BoolWeight());
        counting.set_docid_order(Xapian::Enquire::ASCENDING);
        MatchList list(nullptr);
        counting.add_matchspy(&list);
        counting.get_mset(0, 0, db.get_doccount(), nullptr, decider);
        matches.swap(list.matches);
    }
    double total = known >= 0 ? known : double(matches.size());
    res->total = Xapian::doccount(total + 0.5);
    res->exact = 1;
    res->facets_exact = s->exact || matches.size() <= IVS_FACET_EXACT;
    if (!s->facets || matches.empty())
        return;
    double sum = double(matches.size());
    if (!res->facets_exact) {
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

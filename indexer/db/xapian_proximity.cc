// Proximity re-ranking for the read-side wrapper: where a query's
// concepts stand in the best matches, read from Xapian's position lists;
// the scoring itself is C (indexer/db/proximity.c).
#include <xapian.h>

#include <algorithm>
#include <string>
#include <vector>

#include "reader_internal.h"

extern "C" {
#include "ivs/proximity.h"
#include "ivs/schema.h"
}

namespace ivs_reader_detail
{
namespace
{

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
anchors(ivs_reader_t *r, const ivs_qnode_t *near)
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
                Xapian::doccount tf = n == 1 ? 1 : termfreq(r, units[k]->term);
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
// From one database: read term by term in document order (the position
// table is keyed by term, then document, and the term's posting list says
// which documents have it, with a few reads for all of them: a position
// lookup costs its reads even for a document without the term). Over
// remote shards a posting list comes whole over the network and each
// position list is a round trip: each document's lists are asked of its
// own shard, the shards side by side.
class Positions
{
  public:
    Positions(ivs_reader_t *r, const std::vector<std::vector<Anchor>> &concepts,
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
        if (r->remote)
            by_shard(r);
        else
            by_term(r->db);
    }
    // the positions of TERM in DID (both among those given), ascending
    const std::vector<Xapian::termpos> &of(const std::string &term,
                                           Xapian::docid did) const
    {
        size_t t = std::lower_bound(terms_.begin(), terms_.end(), term) -
                   terms_.begin();
        size_t d =
            std::lower_bound(docs_.begin(), docs_.end(), did) - docs_.begin();
        return lists_[t * docs_.size() + d];
    }

  private:
    void by_term(const Xapian::Database &db)
    {
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

    // Each document's lists from its own shard, the shards side by side.
    void by_shard(ivs_reader_t *r)
    {
        each_shard_doc(
            r, docs_,
            [&](const Xapian::Database &db, size_t d, Xapian::docid local) {
                const Xapian::PositionIterator end;
                for (size_t t = 0; t < terms_.size(); t++) {
                    auto &v = lists_[t * docs_.size() + d];
                    for (auto p = db.positionlist_begin(local, terms_[t]);
                         p != end; ++p)
                        v.push_back(*p);
                }
            });
    }

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

} // namespace

// Adds to each of the first IVS_PROXIMITY_DEPTH of RANKED (best first) its
// proximity bonus, IVS_PROXIMITY_BOOST of its weight at full closeness,
// and orders them again. The rest keep their place below: a bonus only
// raises, so every page of results agrees with every other.
void
rescore(ivs_reader_t *r, const ivs_qnode_t *near, std::vector<Ranked> &ranked)
{
    size_t n = std::min<size_t>(ranked.size(), IVS_PROXIMITY_DEPTH);
    auto concepts = anchors(r, near);
    std::vector<Xapian::docid> docs;
    for (size_t i = 0; i < n; i++)
        docs.push_back(ranked[i].did);
    Positions pos(r, concepts, std::move(docs));
    for (size_t i = 0; i < n; i++)
        ranked[i].weight = ivs_proximity_weight(
            ranked[i].weight,
            closeness(pos, ranked[i].did, concepts, near->window));
    std::stable_sort(
        ranked.begin(), ranked.begin() + n,
        [](const Ranked &a, const Ranked &b) { return a.weight > b.weight; });
}

} // namespace ivs_reader_detail

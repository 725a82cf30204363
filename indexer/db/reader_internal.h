// What the read-side wrapper's files share (indexer/db/xapian_reader.cc,
// xapian_proximity.cc). Not a public header; C++ only.
#ifndef IVS_READER_INTERNAL_H
#define IVS_READER_INTERNAL_H

#include <sys/types.h>
#include <xapian.h>

#include <ctime>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

extern "C" {
#include "ivs/query.h"
#include "ivs/reader.h"
}

// One shard of the database as --db names it: a local database (a glass
// folder) or a remote one (xapian-tcpsrv HOST:PORT, or a program such as
// xapian-progsrv talking on its standard input and output).
struct ivs_shard {
    enum Kind { LOCAL, TCP, PROGRAM } kind = LOCAL;
    std::string name;         // as shown to people: the path, HOST:PORT or
                              // :PROGRAM ARGS
    std::string where;        // local path, host, or program
    std::string args;         // the program's arguments
    unsigned port = 0;        // TCP
    Xapian::Database db;      // valid while up
    bool up = false;          // in the combined database
    std::time_t retry_at = 0; // when a shard down is tried again
};

// The reader: the shards and the database combining those that are up.
struct ivs_reader {
    std::string path;
    Xapian::Database db;
    std::string error;
    std::vector<ivs_shard> shards;       // empty when PATH is one database
    bool remote = false;                 // some shard is remote (no custom
                                         // MatchSpy, PostingSource or KeyMaker)
    unsigned timeout_ms = 0;             // connect and per-query timeout
    std::vector<std::string> down_names; // the shards down, by name
    std::vector<const char *> down_ptrs; // ivs_reader_down()'s answer
    dev_t dev = 0; // the folder (or stub file) opened: another one at PATH
    ino_t ino = 0; // (ivindex --reindex swapped it in) is opened afresh
    // The term frequencies read from DB since it was last opened or
    // reopened (a revision does not change under a reader): a query plans
    // with the same terms it then searches, and each look-up is a round
    // trip per remote shard. Emptied by forget_revision().
    std::unordered_map<std::string, Xapian::doccount> termfreqs;
};

namespace ivs_reader_detail
{

// A match being ranked: its document and weight.
struct Ranked {
    Xapian::docid did;
    double weight;
};

// Adds to each of the first IVS_PROXIMITY_DEPTH of RANKED (best first) its
// proximity bonus and orders them again (see xapian_proximity.cc).
void rescore(ivs_reader_t *r, const ivs_qnode_t *near,
             std::vector<Ranked> &ranked);

// A match and how many matches it stands for.
struct Match {
    Xapian::docid did;
    double weight;
};

// Records the matches it is shown (each standing for one). Nothing is
// read here: a match costs a few tenths of a microsecond.
class MatchList : public Xapian::MatchSpy
{
  public:
    MatchList() = default;
    explicit MatchList(std::nullptr_t) {}
    void operator()(const Xapian::Document &doc, double) override
    {
        matches.push_back({doc.get_docid(), 1.0});
    }
    std::vector<Match> matches;
};

// How many documents FILTERS (N of them) let through; see xapian_count.cc.
Xapian::doccount count_filtered(const Xapian::Database &db,
                                const char *const *filters, size_t n);

// Sets RES's total, exact and facets from the matches seen by the ranked
// pass; see xapian_count.cc.
void count_matches(const Xapian::Database &db, const Xapian::Query &q,
                   const ivs_search_t *s, const Xapian::MatchDecider *decider,
                   const Xapian::MSet &mset, std::vector<Match> seen,
                   Xapian::doccount check, double known, ivs_results_t *res);

// Sets RES's total and facets when the database has remote shards; see
// xapian_count.cc.
void count_all(const Xapian::MSet &mset,
               const Xapian::ValueCountMatchSpy *values, ivs_results_t *res);

// Sets RES's total and facets for query Q over remote shards from a pass
// of its own, unsorted (FACETS: count them too): Xapian 1.4 counts some
// matches twice in a ValueCountMatchSpy of a match sorted by value over
// remote shards.
void count_apart(const Xapian::Database &db, const Xapian::Query &q,
                 bool facets, ivs_results_t *res);

// Term frequencies kept at most (a few hundred bytes each).
#define IVS_TERMFREQ_CACHE 8192

// The term frequency of TERM in R->db (from R->termfreqs when read
// before at this revision).
Xapian::doccount termfreq(ivs_reader_t *r, const std::string &term);

// Reads into R->termfreqs the frequencies of TERMS not known yet, in one
// exchange with every remote shard at once; nothing when no shard is
// remote (a local look-up costs less than the exchange).
void termfreqs_prefetch(ivs_reader_t *r, std::vector<std::string> terms);

// The shard holding combined document DID among R's shards up, and DID's
// id in it; false when R is not several shards.
bool shard_of(const ivs_reader_t *r, Xapian::docid did, size_t *shard,
              Xapian::docid *local);

// Calls READ(db, i, local) for each document DOCS[i] (combined ids) held
// by a shard up, with that shard's own handle and the document's id in it:
// one thread a shard, the shards side by side (over remote shards each
// read is a round trip). Xapian objects are not shared between threads:
// R->db is not used meanwhile. A shard's error is rethrown when all are
// done.
void each_shard_doc(ivs_reader_t *r, const std::vector<Xapian::docid> &docs,
                    const std::function<void(const Xapian::Database &, size_t,
                                             Xapian::docid)> &read);

// Forgets what was read of R->db's revision (after a reopen, or a new
// R->db).
inline void
forget_revision(ivs_reader_t *r)
{
    r->termfreqs.clear();
}

// Opens R->path into R->db: a stub file or a folder holding an XAPIANDB
// stub is read here and its shards opened one by one (remote ones with
// R->timeout_ms); anything else is opened by Xapian as it is. A remote
// shard that cannot be reached is left out and named in R->down_names; a
// local shard that cannot be opened, a malformed stub and a stub whose
// shards are all unreachable throw (Xapian::DatabaseOpeningError).
void shards_open(ivs_reader_t *r);

// After a NetworkError: finds the shards that no longer answer (each
// remote one checked with keep_alive, within the timeout), tries to
// reconnect each of them once (a restarted server), and rebuilds R->db
// from those up. True when something changed (a retry may succeed).
bool shards_recheck(ivs_reader_t *r);

// Tries again the shards down whose pause is over (at most every
// IVS_SHARD_RETRY_S seconds each, so an unreachable host does not cost
// every query a connect timeout); rebuilds R->db when one came back.
void shards_revive(ivs_reader_t *r);

// Whether R->db can rely on docid order being source order (one local
// database).
bool shards_single(const ivs_reader_t *r);

} // namespace ivs_reader_detail

#endif

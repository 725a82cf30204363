// What the read-side wrapper's files share (indexer/db/xapian_reader.cc,
// xapian_proximity.cc). Not a public header; C++ only.
#ifndef IVS_READER_INTERNAL_H
#define IVS_READER_INTERNAL_H

#include <xapian.h>

#include <vector>

extern "C" {
#include "ivs/query.h"
}

namespace ivs_reader_detail
{

// A match being ranked: its document and weight.
struct Ranked {
    Xapian::docid did;
    double weight;
};

// Adds to each of the first IVS_PROXIMITY_DEPTH of RANKED (best first) its
// proximity bonus and orders them again (see xapian_proximity.cc).
void rescore(const Xapian::Database &db, const ivs_qnode_t *near,
             std::vector<Ranked> &ranked);

} // namespace ivs_reader_detail

#endif

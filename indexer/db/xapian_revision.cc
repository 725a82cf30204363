// The name of the state a reader reads (ivs_reader_revision): what a cache
// of answers is keyed by.
#include <xapian.h>

#include <cstring>
#include <string>

#include "reader_internal.h"

extern "C" int
ivs_reader_revision(ivs_reader_t *r, char *out, size_t size)
{
    if (size)
        out[0] = '\0';
    // the database folder (or stub) itself: another one put at the path
    // (ivindex --reindex) has revisions of its own
    std::string s = std::to_string(r->dev) + ":" + std::to_string(r->ino) + ":";
    try {
        if (r->shards.empty()) {
            s += std::to_string(r->db.get_revision());
        } else {
            // each shard's Database shares its internals with the combined
            // one, so its revision is the one the combined database reads.
            // A remote shard's state is not known here (and changes behind
            // our back), a shard down makes a partial answer: no name.
            for (const ivs_shard &sh : r->shards) {
                if (sh.kind != ivs_shard::LOCAL || !sh.up)
                    return -1;
                s += std::to_string(sh.db.get_revision()) + ",";
            }
        }
    } catch (...) {
        return -1;
    }
    if (s.size() >= size)
        return -1;
    std::memcpy(out, s.c_str(), s.size() + 1);
    return 0;
}

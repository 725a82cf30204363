// English stemming for Latin words, through Xapian's Snowball stemmer: the
// one piece of the analyzer that needs C++. No exception leaves this file.
#include <xapian.h>

#include <cstring>
#include <string>

extern "C" {
#include "ivs/analyze.h"
}

extern "C" size_t
ivs_stem_english(const char *word, size_t len, char *out, size_t cap)
{
    try {
        static thread_local Xapian::Stem stemmer("english");
        std::string s = stemmer(std::string(word, len));
        if (s.empty() || s.size() >= cap)
            return 0;
        memcpy(out, s.data(), s.size());
        out[s.size()] = '\0';
        return s.size();
    } catch (...) {
        return 0;
    }
}

// Long-lived query loop of bench/latency: a proxy for the Xapian work of
// one ivsearch query, without process start-up, with the database opened
// once. It is NOT ivsearch (no synonym expansion, no partial-match second
// pass, no snippet selection); it is the engine floor for the same queries
// on the same database, so that (whole-process time - loop time) shows
// what start-up costs.
//
//   xqloop DB [--checkatleast N] < QUERIES
//
// QUERIES lines (TAB-separated):
//   Q <TAB> verdict-or-empty <TAB> topic-or-empty <TAB> term term ...
//       AND of the terms (already analysed: run through `ivindex
//       --segment`), filtered by XV<verdict> / XT<topic> boolean terms;
//       no terms = all documents passing the filters.
//   S <TAB> docid <TAB> verdict-or-empty <TAB> topic-or-empty
//       "similar": top 40 expand terms of the document (RSet of one),
//       OR query, the document itself excluded.
// Per query: get_mset(0, 10) with facet match spies on the verdict and
// topics value slots (counted over all matches: checkatleast = doccount
// unless --checkatleast), then the data of the 10 hits (snippets need it).
// Output: "<ms>\t<matches estimated>" per line.
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

static std::vector<std::string> split(const std::string &s, char c) {
    std::vector<std::string> v;
    size_t p = 0;
    for (;;) {
        size_t q = s.find(c, p);
        v.push_back(s.substr(p, q == std::string::npos ? q : q - p));
        if (q == std::string::npos) break;
        p = q + 1;
    }
    return v;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: xqloop DB [--checkatleast N] < QUERIES\n");
        return 2;
    }
    Xapian::Database db(argv[1]);
    Xapian::doccount checkatleast = db.get_doccount();
    if (argc > 3 && strcmp(argv[2], "--checkatleast") == 0)
        checkatleast = strtoul(argv[3], nullptr, 10);
    std::string line;
    while (std::getline(std::cin, line)) {
        auto f = split(line, '\t');
        auto t0 = std::chrono::steady_clock::now();
        Xapian::Enquire enq(db);
        Xapian::Query q;
        std::string verdict, topic;
        Xapian::docid self = 0;
        if (f[0] == "S" && f.size() >= 2) {
            self = strtoul(f[1].c_str(), nullptr, 10);
            if (f.size() > 2) verdict = f[2];
            if (f.size() > 3) topic = f[3];
            Xapian::RSet rs;
            rs.add_document(self);
            struct NoBool : Xapian::ExpandDecider {
                bool operator()(const std::string &t) const override {
                    return !t.empty() && !(t[0] >= 'A' && t[0] <= 'Z' &&
                                           t[0] != 'H');
                }
            } dec;
            Xapian::ESet es = enq.get_eset(40, rs, &dec);
            q = Xapian::Query(Xapian::Query::OP_OR, es.begin(),
                              es.end());
        } else {
            if (f.size() > 1) verdict = f[1];
            if (f.size() > 2) topic = f[2];
            std::vector<std::string> terms;
            if (f.size() > 3)
                for (auto &t : split(f[3], ' '))
                    if (!t.empty()) terms.push_back(t);
            if (terms.empty())
                q = Xapian::Query::MatchAll;
            else
                q = Xapian::Query(Xapian::Query::OP_AND, terms.begin(),
                                  terms.end());
        }
        if (!verdict.empty())
            q = Xapian::Query(Xapian::Query::OP_FILTER, q,
                              Xapian::Query("XV" + verdict));
        if (!topic.empty())
            q = Xapian::Query(Xapian::Query::OP_FILTER, q,
                              Xapian::Query("XT" + topic));
        enq.set_query(q);
        Xapian::ValueCountMatchSpy sv(1), st(3);
        enq.add_matchspy(&sv);
        enq.add_matchspy(&st);
        Xapian::MSet ms = enq.get_mset(0, self ? 11 : 10, checkatleast);
        size_t got = 0;
        for (auto it = ms.begin(); it != ms.end() && got < 10; ++it) {
            if (*it == self) continue;
            std::string data = it.get_document().get_data();
            got++;
        }
        auto t1 = std::chrono::steady_clock::now();
        printf("%.3f\t%u\n",
               std::chrono::duration<double, std::milli>(t1 - t0).count(),
               (unsigned)ms.get_matches_estimated());
    }
    return 0;
}

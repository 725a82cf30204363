// Baseline (b) of bench/index: a plain Xapian TermGenerator indexer with
// FLAG_CJK_NGRAM, the way a competent programmer would index the archive
// with Xapian alone.
//
//   tgindex [--stem] DBDIR PATH...
//
// PATHs are files or directories (recursive; .md .markdown .txt .text).
// Each file is split into records on lines that are exactly `面试内容：`
// (or `面试内容:`); a file without such lines is one record. Per record:
// index_text() with positions (no stemmer by default, as in the issue's
// reference measurement "TermGenerator+ngram 4.3 s on javaguide"; --stem
// adds English STEM_SOME like omindex, which costs ~1.9x the time), a unique Q term (path#ordinal), and the record's text as
// document data (so a search UI could show snippets without the source
// files, as ivsearch does). Xapian's default auto-commit (every 10,000
// documents) applies; one final commit. Prints "files records bytes".
#include <xapian.h>

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

static bool wanted(const std::string &name) {
    static const char *exts[] = {".md", ".markdown", ".txt", ".text"};
    for (const char *e : exts) {
        size_t n = strlen(e);
        if (name.size() > n && name.compare(name.size() - n, n, e) == 0)
            return true;
    }
    return false;
}

static void walk(const std::string &path, std::vector<std::string> &out) {
    struct stat st;
    if (stat(path.c_str(), &st) != 0) return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path.c_str());
        if (!d) return;
        std::vector<std::string> names;
        while (struct dirent *e = readdir(d)) {
            if (e->d_name[0] == '.') continue;
            names.push_back(e->d_name);
        }
        closedir(d);
        std::sort(names.begin(), names.end());
        for (auto &n : names) walk(path + "/" + n, out);
    } else if (S_ISREG(st.st_mode) && wanted(path)) {
        out.push_back(path);
    }
}

static bool is_marker(const char *p, size_t n) {
    while (n && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t')) n--;
    static const std::string a = "面试内容：", b = "面试内容:";
    return (n == a.size() && memcmp(p, a.data(), n) == 0) ||
           (n == b.size() && memcmp(p, b.data(), n) == 0);
}

int main(int argc, char **argv) {
    int a = 1;
    bool stem = false;
    if (a < argc && strcmp(argv[a], "--stem") == 0) stem = true, a++;
    if (argc - a < 2) {
        fprintf(stderr, "usage: tgindex [--stem] DBDIR PATH...\n");
        return 2;
    }
    std::vector<std::string> files;
    for (int i = a + 1; i < argc; i++) walk(argv[i], files);

    Xapian::WritableDatabase db(argv[a], Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    if (stem) {
        tg.set_stemmer(Xapian::Stem("english"));
        tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    }
    tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);

    unsigned long long nrec = 0, nbytes = 0;
    auto add = [&](const std::string &path, unsigned ordinal, const char *p,
                   size_t n) {
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(std::string(p, n));
        doc.add_boolean_term("Q" + path + "#" + std::to_string(ordinal));
        doc.set_data(std::string(p, n));
        db.add_document(doc);
        nrec++;
    };
    for (auto &path : files) {
        std::ifstream in(path, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        std::string s = ss.str();
        nbytes += s.size();
        unsigned ordinal = 0;
        size_t start = 0;  // start of the current record's text
        bool seen_marker = false;
        size_t pos = 0;
        while (pos < s.size()) {
            size_t eol = s.find('\n', pos);
            if (eol == std::string::npos) eol = s.size();
            if (is_marker(s.data() + pos, eol - pos)) {
                // close the previous record (or non-blank preamble)
                if (seen_marker ||
                    s.find_first_not_of(" \t\r\n", start) < pos)
                    add(path, ++ordinal, s.data() + start, pos - start);
                seen_marker = true;
                start = pos;
            }
            pos = eol + 1;
        }
        if (start < s.size() && s.find_first_not_of(" \t\r\n", start) !=
                                    std::string::npos)
            add(path, ++ordinal, s.data() + start, s.size() - start);
    }
    db.commit();
    printf("%zu %llu %llu\n", files.size(), nrec, nbytes);
    return 0;
}

// The shards of the read side: a --db that is a stub file (or a folder
// with an XAPIANDB stub) is read here and each shard opened by itself, so
// that remote shards get timeouts (a stub cannot carry them) and one that
// is down or restarted can be left out and taken back without closing the
// rest.
#include <xapian.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <algorithm>
#include <exception>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <sys/stat.h>

#include "reader_internal.h"

namespace ivs_reader_detail
{
namespace
{

[[noreturn]] void
bad_stub(const std::string &stub, unsigned line, const std::string &why)
{
    throw Xapian::InvalidArgumentError(stub + ":" + std::to_string(line) +
                                       ": " + why);
}

std::string
trim(const std::string &s)
{
    size_t b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos)
        return std::string();
    size_t e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

// The shard a stub line "remote HOST:PORT" or "remote :PROGRAM ARGS" names.
ivs_shard
remote_shard(const std::string &stub, unsigned line, const std::string &arg)
{
    ivs_shard sh;
    sh.name = arg;
    if (arg[0] == ':') {
        std::string cmd = trim(arg.substr(1));
        size_t sp = cmd.find_first_of(" \t");
        if (cmd.empty())
            bad_stub(stub, line, "'remote :' needs a program");
        sh.kind = ivs_shard::PROGRAM;
        sh.where = cmd.substr(0, sp);
        sh.args = sp == std::string::npos ? "" : trim(cmd.substr(sp));
        return sh;
    }
    size_t colon = arg.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == arg.size())
        bad_stub(stub, line, "'remote' needs HOST:PORT or :PROGRAM ARGS");
    char *end = nullptr;
    errno = 0;
    unsigned long port = std::strtoul(arg.c_str() + colon + 1, &end, 10);
    if (errno || *end || port == 0 || port > 65535)
        bad_stub(stub, line, "bad port in '" + arg + "'");
    sh.kind = ivs_shard::TCP;
    sh.where = arg.substr(0, colon);
    if (sh.where.size() > 2 && sh.where.front() == '[' &&
        sh.where.back() == ']')
        sh.where = sh.where.substr(1, sh.where.size() - 2); // [::1]:port
    sh.port = unsigned(port);
    return sh;
}

// The shards listed in stub file STUB (Xapian's stub format: "auto PATH",
// "glass PATH", "remote HOST:PORT", "remote :PROGRAM ARGS"; blank lines
// and # comments skipped; relative paths from the stub's folder).
std::vector<ivs_shard>
read_stub(const std::string &stub)
{
    std::ifstream in(stub);
    if (!in)
        throw Xapian::DatabaseOpeningError(stub + ": cannot read the stub");
    std::string base;
    size_t slash = stub.rfind('/');
    if (slash != std::string::npos)
        base = stub.substr(0, slash + 1);
    std::vector<ivs_shard> out;
    std::string text;
    unsigned line = 0;
    while (std::getline(in, text)) {
        line++;
        text = trim(text);
        if (text.empty() || text[0] == '#')
            continue;
        size_t sp = text.find_first_of(" \t");
        std::string type = text.substr(0, sp);
        std::string arg =
            sp == std::string::npos ? std::string() : trim(text.substr(sp));
        bool known = type == "remote" || type == "auto" || type == "glass";
        if (!known && out.empty()) // not a stub at all: no database
            throw Xapian::DatabaseOpeningError(stub + ": not a stub database");
        if (known && arg.empty())
            bad_stub(stub, line, "'" + type + "' needs an argument");
        if (type == "remote") {
            out.push_back(remote_shard(stub, line, arg));
        } else if (type == "auto" || type == "glass") {
            ivs_shard sh;
            sh.name = arg;
            sh.where = arg[0] == '/' ? arg : base + arg;
            out.push_back(sh);
        } else {
            bad_stub(stub, line,
                     "unknown line '" + type +
                         "' (auto PATH, remote HOST:PORT or "
                         "remote :PROGRAM ARGS)");
        }
    }
    return out;
}

// Connects SH (remote) or opens it (local); throws what Xapian throws.
void
connect(ivs_shard &sh, unsigned timeout_ms)
{
    switch (sh.kind) {
    case ivs_shard::LOCAL: sh.db = Xapian::Database(sh.where); break;
    case ivs_shard::TCP:
        sh.db = Xapian::Remote::open(sh.where, sh.port, timeout_ms, timeout_ms);
        break;
    case ivs_shard::PROGRAM:
        sh.db = Xapian::Remote::open(sh.where, sh.args, timeout_ms);
        break;
    }
    sh.up = true;
}

// Opens local shard SH of stub STUB, after a short pause when the first
// tries fail (ivindex renames a compacted shard into place: a reader that
// looks in the middle sees neither); throws naming the shard.
void
open_local(const std::string &stub, ivs_shard &sh)
{
    for (int attempt = 0;; attempt++) {
        try {
            connect(sh, 0);
            return;
        } catch (const Xapian::DatabaseOpeningError &e) {
            if (attempt >= 3)
                throw Xapian::InvalidArgumentError(stub + ": shard " + sh.name +
                                                   ": " + e.get_msg());
            struct timespec pause = {0, 20 * 1000 * 1000};
            nanosleep(&pause, nullptr);
        }
    }
}

// Tries to bring remote shard SH up; on failure it stays down and is tried
// again after IVS_SHARD_RETRY_S.
bool
try_connect(ivs_shard &sh, unsigned timeout_ms)
{
    try {
        connect(sh, timeout_ms);
        return true;
    } catch (const Xapian::NetworkError &) {
    } catch (const Xapian::DatabaseError &) {
        // a server that answers but cannot open its database
    }
    sh.up = false;
    sh.db = Xapian::Database();
    sh.retry_at = std::time(nullptr) + IVS_SHARD_RETRY_S;
    return false;
}

// R->db from the shards up; R->down_names from those down.
void
combine(ivs_reader_t *r)
{
    Xapian::Database db;
    r->down_names.clear();
    for (ivs_shard &sh : r->shards) {
        if (sh.up)
            db.add_database(sh.db);
        else
            r->down_names.push_back(sh.name);
    }
    r->db = db;
    forget_revision(r);
}

bool
is_file(const std::string &path, bool *dir)
{
    struct stat st;
    if (stat(path.c_str(), &st) != 0)
        return false;
    *dir = S_ISDIR(st.st_mode);
    return true;
}

// A write to a server that went away raises SIGPIPE, whose default action
// ends the process: a program reading remote shards must ignore it (the
// write then fails with EPIPE, a NetworkError). Left alone when the program
// chose a handler of its own.
void
ignore_sigpipe()
{
    struct sigaction old;
    if (sigaction(SIGPIPE, nullptr, &old) == 0 && old.sa_handler == SIG_DFL)
        std::signal(SIGPIPE, SIG_IGN);
}

} // namespace

void
shards_open(ivs_reader_t *r)
{
    bool dir = false;
    std::string stub;
    if (is_file(r->path, &dir)) {
        bool stub_dir = false;
        if (!dir)
            stub = r->path;
        else if (is_file(r->path + "/XAPIANDB", &stub_dir) && !stub_dir)
            stub = r->path + "/XAPIANDB";
    }
    if (stub.empty()) { // one database, or none: Xapian says which
        r->shards.clear();
        r->remote = false;
        r->down_names.clear();
        r->db = Xapian::Database(r->path);
        forget_revision(r);
        return;
    }
    std::vector<ivs_shard> shards = read_stub(stub);
    for (const ivs_shard &sh : shards)
        if (sh.kind != ivs_shard::LOCAL)
            ignore_sigpipe();
    bool any_up = shards.empty();
    bool remote = false;
    for (ivs_shard &sh : shards) {
        if (sh.kind == ivs_shard::LOCAL) {
            open_local(stub, sh); // a local shard missing is an error
            any_up = true;
        } else {
            remote = true;
            any_up = try_connect(sh, r->timeout_ms) || any_up;
        }
    }
    if (!any_up) {
        std::string names;
        for (const ivs_shard &sh : shards)
            names += (names.empty() ? "" : ", ") + sh.name;
        throw Xapian::NetworkError("no shard reachable: " + names);
    }
    r->shards = std::move(shards);
    r->remote = remote;
    combine(r);
}

bool
shards_recheck(ivs_reader_t *r)
{
    bool changed = false;
    for (ivs_shard &sh : r->shards) {
        if (!sh.up || sh.kind == ivs_shard::LOCAL)
            continue;
        try {
            sh.db.keep_alive();
            continue;
        } catch (const Xapian::NetworkError &) {
        }
        changed = true;
        try_connect(sh, r->timeout_ms); // restarted: back at once
    }
    if (changed)
        combine(r);
    return changed;
}

void
shards_revive(ivs_reader_t *r)
{
    if (r->down_names.empty())
        return;
    std::time_t now = std::time(nullptr);
    bool changed = false;
    for (ivs_shard &sh : r->shards)
        if (!sh.up && now >= sh.retry_at)
            changed = try_connect(sh, r->timeout_ms) || changed;
    if (changed)
        combine(r);
}

bool
shards_single(const ivs_reader_t *r)
{
    return r->shards.empty() ||
           (r->shards.size() == 1 && r->shards[0].kind == ivs_shard::LOCAL);
}

Xapian::doccount
termfreq(ivs_reader_t *r, const std::string &term)
{
    auto it = r->termfreqs.find(term);
    if (it != r->termfreqs.end())
        return it->second;
    Xapian::doccount n = r->db.get_termfreq(term);
    if (r->termfreqs.size() >= IVS_TERMFREQ_CACHE)
        r->termfreqs.clear(); // a long-lived reader: bounded
    r->termfreqs.emplace(term, n);
    return n;
}

// Over remote shards each get_termfreq is a round trip to every shard in
// turn, and a query plans with dozens of terms (its words, their
// characters, their synonyms): 13 of them made 52 round trips before the
// search itself. A match of no documents over the OR of the terms brings
// back every shard's statistics for all of them in one exchange, the
// shards answering side by side; the MSet's term frequencies are their
// sums, as get_termfreq's are.
void
termfreqs_prefetch(ivs_reader_t *r, std::vector<std::string> terms)
{
    if (!r->remote)
        return;
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    std::vector<std::string> want;
    for (std::string &t : terms)
        if (!t.empty() && r->termfreqs.find(t) == r->termfreqs.end())
            want.push_back(std::move(t));
    if (want.size() < 2) // one term: get_termfreq costs the same
        return;
    if (r->termfreqs.size() + want.size() > IVS_TERMFREQ_CACHE)
        r->termfreqs.clear();
    Xapian::Enquire enquire(r->db);
    enquire.set_query(
        Xapian::Query(Xapian::Query::OP_OR, want.begin(), want.end()));
    Xapian::MSet none = enquire.get_mset(0, 0);
    for (std::string &t : want)
        r->termfreqs.emplace(std::move(t), none.get_termfreq(t));
}

bool
shard_of(const ivs_reader_t *r, Xapian::docid did, size_t *shard,
         Xapian::docid *local)
{
    size_t up = 0;
    for (const ivs_shard &sh : r->shards)
        up += sh.up;
    if (up < 2 || did == 0)
        return false;
    size_t k = (did - 1) % up; // Xapian interleaves the ids of its shards
    *local = (did - 1) / up + 1;
    for (size_t i = 0; i < r->shards.size(); i++)
        if (r->shards[i].up && k-- == 0) {
            *shard = i;
            return true;
        }
    return false;
}

void
each_shard_doc(ivs_reader_t *r, const std::vector<Xapian::docid> &docs,
               const std::function<void(const Xapian::Database &, size_t,
                                        Xapian::docid)> &read)
{
    std::vector<std::vector<std::pair<size_t, Xapian::docid>>> work(
        r->shards.size());
    for (size_t i = 0; i < docs.size(); i++) {
        size_t sh;
        Xapian::docid local;
        if (shard_of(r, docs[i], &sh, &local))
            work[sh].emplace_back(i, local);
    }
    std::vector<std::exception_ptr> errors(work.size());
    auto one = [&](size_t sh) {
        try {
            for (const auto &[i, local] : work[sh])
                read(r->shards[sh].db, i, local);
        } catch (...) {
            errors[sh] = std::current_exception();
        }
    };
    std::vector<std::thread> threads;
    size_t last = work.size();
    for (size_t sh = 0; sh < work.size(); sh++)
        if (!work[sh].empty())
            last = sh;
    for (size_t sh = 0; sh < work.size(); sh++)
        if (!work[sh].empty() && sh != last)
            threads.emplace_back(one, sh);
    if (last < work.size())
        one(last); // this thread takes one shard itself
    for (std::thread &t : threads)
        t.join();
    for (const std::exception_ptr &e : errors)
        if (e)
            std::rethrow_exception(e);
}

} // namespace ivs_reader_detail

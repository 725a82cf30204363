// The write side of the database: the C interface of include/ivs/writer.h
// over Xapian::WritableDatabase. The only C++ in the indexer; no exception
// leaves this file.
#include <xapian.h>

#include <dirent.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <system_error>
#include <vector>

#include "xapian_status.h"

extern "C" {
#include "ivs/schema.h"
}

extern "C" {
#include "ivs/writer.h"
}

struct ivs_writer {
    Xapian::WritableDatabase db;
    std::string path; // as opened, without trailing slashes
    std::string error;
};

// A document under construction is a flat record of the calls made on
// it; the Xapian::Document (a map of terms to positions, the costly part)
// is built from it by the thread that stores it, so that with several
// writers that work is shared between them, not left to the one thread
// that prepares documents.
struct ivs_doc {
    static const uint32_t no_position = UINT32_MAX;
    struct posting {
        uint32_t off, len; // term bytes in arena
        uint32_t pos;      // no_position: a term without positions
        unsigned wdf;
    };
    std::string arena;
    std::vector<posting> postings;
    std::vector<std::string> booleans;
    std::vector<std::pair<unsigned, std::string>> values;
    std::string data;

    // A term given again right after itself (its next position) is
    // stored once.
    void add(const char *term, size_t len, uint32_t pos, unsigned wdf)
    {
        if (!postings.empty() && postings.back().len == len &&
            !std::memcmp(arena.data() + postings.back().off, term, len)) {
            postings.push_back(
                posting{postings.back().off, uint32_t(len), pos, wdf});
            return;
        }
        postings.push_back(
            posting{uint32_t(arena.size()), uint32_t(len), pos, wdf});
        arena.append(term, len);
    }

    // The Xapian document, with UNIQUE_TERM added.
    Xapian::Document build(const char *unique_term) const
    {
        Xapian::Document doc;
        std::string term;
        uint32_t term_off = UINT32_MAX;
        for (const posting &p : postings) {
            if (p.off != term_off) {
                term.assign(arena, p.off, p.len);
                term_off = p.off;
            }
            if (p.pos == no_position)
                doc.add_term(term, p.wdf);
            else
                doc.add_posting(term, p.pos, p.wdf);
        }
        for (const std::string &b : booleans)
            doc.add_boolean_term(b);
        for (const auto &v : values)
            doc.add_value(v.first, v.second);
        doc.set_data(data);
        doc.add_boolean_term(unique_term);
        return doc;
    }
};

namespace
{

ivs_status_t
failure(std::string *error)
{
    return ivs_xapian_failure(error, true);
}

// PATH without trailing slashes ("db/" and "db" are one database; a
// sibling must be "db.x", not "db/.x").
std::string
folder_path(const char *path)
{
    std::string p(path);
    while (p.size() > 1 && p.back() == '/')
        p.pop_back();
    return p;
}

// True for the names of the files Xapian keeps in a glass database folder
// (tables, version file, its temporary, lock): the only files this
// program ever removes from a database folder or one of its siblings.
bool
xapian_file(const std::string &name)
{
    static const char *const names[] = {
        "iamglass",       "flintlock",      "v.tmp",        "docdata.glass",
        "position.glass", "postlist.glass", "record.glass", "spelling.glass",
        "synonym.glass",  "termlist.glass"};
    for (const char *n : names)
        if (name == n)
            return true;
    return false;
}

// Removes Xapian's files from folder PATH, then the folder if that left it
// empty. Anything else in it (a user's file, a subfolder) stays where it
// is, and so does the folder.
// True when PATH is a folder itself, not a link to one: nothing is ever
// removed or moved through a link.
bool
real_folder(const std::string &path)
{
    struct stat sb;
    return lstat(path.c_str(), &sb) == 0 && S_ISDIR(sb.st_mode);
}

void
remove_folder(const std::string &path)
{
    if (!real_folder(path))
        return;
    DIR *d = opendir(path.c_str());
    if (!d)
        return;
    while (struct dirent *e = readdir(d))
        if (xapian_file(e->d_name))
            unlinkat(dirfd(d), e->d_name, 0);
    closedir(d);
    rmdir(path.c_str()); // fails, as it should, when something else is left
}

// Moves every entry of folder FROM that is not one of Xapian's files into
// folder TO (never over an entry of TO): after the compacted copy of a
// database is swapped in, what a user kept in the database folder goes
// back to it. Returns false when something could not be moved.
bool
move_foreign(const std::string &from, const std::string &to)
{
    if (!real_folder(from) || !real_folder(to))
        return true;
    DIR *d = opendir(from.c_str());
    if (!d)
        return errno == ENOENT;
    bool ok = true;
    while (struct dirent *e = readdir(d)) {
        std::string name = e->d_name;
        if (name == "." || name == ".." || xapian_file(name))
            continue;
        if (renameat2(dirfd(d), e->d_name, AT_FDCWD, (to + "/" + name).c_str(),
                      RENAME_NOREPLACE) != 0)
            ok = false;
    }
    closedir(d);
    return ok;
}

const char compact_suffix[] = ".ivs-compact";

} // namespace

// A folder that an ivindex killed while creating the database left
// behind: Xapian's table files but no version file (iamglass), so nothing
// was ever committed, and Xapian refuses to open or create it. True when
// PATH is such a folder and no process holds its lock (one creating the
// database right now does).
static bool
never_committed(const std::string &path)
{
    DIR *d = opendir(path.c_str());
    if (!d)
        return false;
    bool tables_only = true, any = false;
    while (struct dirent *e = readdir(d)) {
        std::string name = e->d_name;
        if (name == "." || name == "..")
            continue;
        any = true;
        if (name == "iamglass" || !xapian_file(name)) {
            tables_only = false;
            break;
        }
    }
    closedir(d);
    if (!any || !tables_only)
        return false;
    int fd = open((path + "/flintlock").c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return true;
    struct flock lk = {};
    lk.l_type = F_WRLCK;
    lk.l_whence = SEEK_SET;
    bool unlocked = fcntl(fd, F_GETLK, &lk) == 0 && lk.l_type == F_UNLCK;
    close(fd);
    return unlocked;
}

// Opens PATH with Xapian FLAGS (an action and options) inside a
// transaction; the body of ivs_writer_open and ivs_writer_open_scratch.
static ivs_status_t
open_writer(const char *path, int flags, ivs_writer_t **out, char **err)
{
    *out = nullptr;
    if (err)
        *err = nullptr;
    std::string msg;
    try {
        ivs_writer_t *w = new ivs_writer;
        try {
            w->path = folder_path(path);
            if (never_committed(w->path))
                remove_folder(w->path); // created again just below
            w->db = Xapian::WritableDatabase(path,
                                             flags | Xapian::DB_BACKEND_GLASS);
            // Everything happens inside a transaction, so that changes not
            // committed by ivs_writer_commit() are discarded, never
            // flushed behind our back (Xapian commits on close otherwise).
            w->db.begin_transaction(true);
        } catch (...) {
            delete w;
            throw;
        }
        *out = w;
        return IVS_OK;
    } catch (...) {
        ivs_status_t st = failure(&msg);
        if (err)
            *err = ivs_dup_string(msg);
        return st;
    }
}

extern "C" ivs_dbdir_t
ivs_writer_probe(const char *path, char **detail)
{
    if (detail)
        *detail = nullptr;
    std::string what;
    ivs_dbdir_t kind = IVS_DBDIR_FOREIGN;
    try {
        std::string p = folder_path(path);
        struct stat sb;
        if (stat(p.c_str(), &sb) != 0)
            return errno == ENOENT ? IVS_DBDIR_NEW : IVS_DBDIR_FOREIGN;
        if (!S_ISDIR(sb.st_mode)) {
            what = "not a folder";
            kind = IVS_DBDIR_NOT_FOLDER;
        } else if (never_committed(p)) {
            kind = IVS_DBDIR_OURS; // Xapian's tables only, never committed
        } else {
            DIR *d = opendir(p.c_str());
            if (!d)
                throw std::system_error(errno, std::generic_category(),
                                        "cannot open the folder");
            bool empty = true, glass = false, xapian_only = true;
            while (struct dirent *e = readdir(d)) {
                if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                    continue;
                empty = false;
                glass |= !strcmp(e->d_name, "iamglass");
                xapian_only = xapian_only && xapian_file(e->d_name);
            }
            closedir(d);
            if (empty) {
                kind = IVS_DBDIR_NEW;
            } else if (!glass && xapian_only) {
                // Xapian's own files without a version file, locked: a
                // database another ivindex is creating right now (opening
                // it then says it is locked)
                kind = IVS_DBDIR_OURS;
            } else if (!glass) {
                what = "the folder is not empty and holds no database";
            } else {
                // A glass database: ours when it says so, or when it holds
                // nothing at all (a first run stopped before its first
                // commit). Opening it read-only changes nothing.
                Xapian::Database db(p, Xapian::DB_BACKEND_GLASS);
                if (!db.get_metadata(IVS_META_SCHEMA).empty() ||
                    (db.get_doccount() == 0 &&
                     db.metadata_keys_begin() == db.metadata_keys_end()))
                    kind = IVS_DBDIR_OURS;
                else
                    what = "a Xapian database that ivindex did not make";
            }
        }
    } catch (const std::system_error &e) {
        what = e.what();
    } catch (...) {
        failure(&what);
    }
    if (detail && !what.empty())
        *detail = ivs_dup_string(what);
    return kind;
}

extern "C" ivs_status_t
ivs_writer_open(const char *path, ivs_writer_t **out, char **err)
{
    return open_writer(path, Xapian::DB_CREATE_OR_OPEN, out, err);
}

extern "C" ivs_status_t
ivs_writer_open_scratch(const char *path, ivs_writer_t **out, char **err)
{
    // No fsync on commit: a crash makes a scratch database worthless
    // anyway, and a merge reads it back from the page cache.
    return open_writer(
        path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC, out, err);
}

extern "C" void
ivs_writer_close(ivs_writer_t *w)
{
    if (!w)
        return;
    try {
        // Closing without commit discards pending changes, as promised.
        w->db.cancel_transaction();
        w->db.close();
    } catch (...) {
    }
    delete w;
}

extern "C" const char *
ivs_writer_error(const ivs_writer_t *w)
{
    return w->error.c_str();
}

extern "C" char *
ivs_writer_get_metadata(ivs_writer_t *w, const char *key)
{
    try {
        std::string v = w->db.get_metadata(key);
        if (v.empty())
            return nullptr;
        return ivs_dup_string(v);
    } catch (...) {
        failure(&w->error);
        return nullptr;
    }
}

extern "C" ivs_status_t
ivs_writer_set_metadata(ivs_writer_t *w, const char *key, const char *value)
{
    try {
        /* the same value again is no change: a run that changed nothing
         * then commits nothing (no table written, no fsync) */
        if (w->db.get_metadata(key) != value)
            w->db.set_metadata(key, value);
        return IVS_OK;
    } catch (...) {
        return failure(&w->error);
    }
}

extern "C" int
ivs_writer_each_metadata(ivs_writer_t *w, const char *prefix,
                         ivs_metadata_cb cb, void *ctx)
{
    try {
        for (auto it = w->db.metadata_keys_begin(prefix);
             it != w->db.metadata_keys_end(prefix); ++it) {
            std::string key = *it;
            std::string value = w->db.get_metadata(key);
            int rc = cb(ctx, key.c_str(), value.c_str());
            if (rc)
                return rc;
        }
        return 0;
    } catch (...) {
        failure(&w->error);
        return -1;
    }
}

extern "C" ivs_doc_t *
ivs_doc_new(void)
{
    try {
        return new ivs_doc;
    } catch (...) {
        return nullptr;
    }
}

extern "C" void
ivs_doc_free(ivs_doc_t *doc)
{
    delete doc;
}

extern "C" ivs_status_t
ivs_doc_reserve(ivs_doc_t *d, size_t n_postings, size_t term_bytes)
{
    try {
        d->postings.reserve(d->postings.size() + n_postings);
        d->arena.reserve(d->arena.size() + term_bytes);
        return IVS_OK;
    } catch (...) {
        return failure(nullptr);
    }
}

extern "C" ivs_status_t
ivs_doc_add_posting(ivs_doc_t *d, const char *term, size_t len, uint32_t pos,
                    unsigned wdf)
{
    try {
        d->add(term, len, pos, wdf);
        return IVS_OK;
    } catch (...) {
        return failure(nullptr);
    }
}

extern "C" ivs_status_t
ivs_doc_add_term(ivs_doc_t *d, const char *term, size_t len, unsigned wdf)
{
    try {
        d->add(term, len, ivs_doc::no_position, wdf);
        return IVS_OK;
    } catch (...) {
        return failure(nullptr);
    }
}

extern "C" ivs_status_t
ivs_doc_add_boolean(ivs_doc_t *d, const char *term)
{
    try {
        d->booleans.emplace_back(term);
        return IVS_OK;
    } catch (...) {
        return failure(nullptr);
    }
}

extern "C" ivs_status_t
ivs_doc_set_value(ivs_doc_t *d, unsigned slot, const char *value, size_t len)
{
    try {
        d->values.emplace_back(slot, std::string(value, len));
        return IVS_OK;
    } catch (...) {
        return failure(nullptr);
    }
}

extern "C" ivs_status_t
ivs_doc_set_data(ivs_doc_t *d, const char *data, size_t len)
{
    try {
        d->data.assign(data, len);
        return IVS_OK;
    } catch (...) {
        return failure(nullptr);
    }
}

extern "C" ivs_status_t
ivs_writer_replace(ivs_writer_t *w, ivs_doc_t *d, const char *unique_term,
                   uint32_t *docid)
{
    try {
        Xapian::docid id =
            w->db.replace_document(unique_term, d->build(unique_term));
        if (docid)
            *docid = id;
        return IVS_OK;
    } catch (...) {
        return failure(&w->error);
    }
}

// Replaces DOC's folder terms by those of SOURCE.
static void
set_folders(Xapian::Document &doc, const char *source)
{
    std::vector<std::string> old;
    auto t = doc.termlist_begin();
    t.skip_to(IVS_PREFIX_FOLDER);
    for (;
         t != doc.termlist_end() && (*t).compare(0, 2, IVS_PREFIX_FOLDER) == 0;
         ++t)
        old.push_back(*t);
    for (const std::string &t : old)
        doc.remove_term(t);
    ivs_folder_terms_each(
        source,
        [](void *ctx, const char *term) {
            static_cast<Xapian::Document *>(ctx)->add_boolean_term(term);
            return 0;
        },
        &doc);
}

extern "C" ivs_status_t
ivs_writer_relocate(ivs_writer_t *w, const char *unique_term,
                    const char *old_boolean, const char *new_boolean,
                    const char *new_source, const char *data, size_t data_len,
                    unsigned slot, const char *value, size_t value_len)
{
    try {
        Xapian::PostingIterator it = w->db.postlist_begin(unique_term);
        if (it == w->db.postlist_end(unique_term)) {
            w->error = std::string("no document has the term ") + unique_term;
            return IVS_ERR_NOTFOUND;
        }
        Xapian::docid id = *it;
        // A document read from the database and given back with only its
        // data, values and a boolean term changed: Xapian rewrites those
        // and leaves the postings of its other terms alone.
        Xapian::Document doc = w->db.get_document(id);
        if (old_boolean && new_boolean && strcmp(old_boolean, new_boolean)) {
            try {
                doc.remove_term(old_boolean);
            } catch (const Xapian::InvalidArgumentError &) {
                // it did not have it: nothing to remove
            }
            doc.add_boolean_term(new_boolean);
            if (new_source)
                set_folders(doc, new_source);
        }
        doc.set_data(std::string(data, data_len));
        doc.add_value(slot, std::string(value, value_len));
        w->db.replace_document(id, doc);
        return IVS_OK;
    } catch (...) {
        return failure(&w->error);
    }
}

extern "C" ivs_status_t
ivs_writer_add(ivs_writer_t *w, ivs_doc_t *d, const char *unique_term,
               uint32_t *docid)
{
    try {
        Xapian::docid id = w->db.add_document(d->build(unique_term));
        if (docid)
            *docid = id;
        return IVS_OK;
    } catch (...) {
        return failure(&w->error);
    }
}

extern "C" uint32_t
ivs_writer_docid(ivs_writer_t *w, const char *term)
{
    try {
        Xapian::PostingIterator it = w->db.postlist_begin(term);
        if (it == w->db.postlist_end(term))
            return 0;
        return *it;
    } catch (...) {
        failure(&w->error);
        return 0;
    }
}

extern "C" int
ivs_writer_doc_has_term(ivs_writer_t *w, const char *unique_term,
                        const char *term)
{
    try {
        Xapian::PostingIterator it = w->db.postlist_begin(unique_term);
        if (it == w->db.postlist_end(unique_term))
            return 0;
        Xapian::TermIterator t = w->db.termlist_begin(*it);
        t.skip_to(term);
        return t != w->db.termlist_end(*it) && *t == term;
    } catch (...) {
        failure(&w->error);
        return -1;
    }
}

extern "C" ivs_status_t
ivs_writer_delete(ivs_writer_t *w, const char *term)
{
    try {
        w->db.delete_document(term);
        return IVS_OK;
    } catch (...) {
        return failure(&w->error);
    }
}

extern "C" ivs_status_t
ivs_writer_commit(ivs_writer_t *w)
{
    try {
        w->db.commit_transaction();
        w->db.begin_transaction(true);
        return IVS_OK;
    } catch (...) {
        return failure(&w->error);
    }
}

extern "C" uint32_t
ivs_writer_doccount(ivs_writer_t *w)
{
    try {
        return w->db.get_doccount();
    } catch (...) {
        failure(&w->error);
        return 0;
    }
}

extern "C" ivs_status_t
ivs_writer_clear(ivs_writer_t *w, const char *prefix)
{
    try {
        std::vector<Xapian::docid> ids;
        for (auto it = w->db.postlist_begin(""); it != w->db.postlist_end("");
             ++it)
            ids.push_back(*it);
        for (Xapian::docid id : ids)
            w->db.delete_document(id);
        std::vector<std::string> keys;
        for (auto it = w->db.metadata_keys_begin(prefix);
             it != w->db.metadata_keys_end(prefix); ++it)
            keys.push_back(*it);
        for (const std::string &key : keys)
            w->db.set_metadata(key, "");
        return IVS_OK;
    } catch (...) {
        return failure(&w->error);
    }
}

extern "C" void
ivs_writer_remove_leftovers(const char *path)
{
    try {
        // Killed between the swap and the end of ivs_writer_compact_close,
        // the old database is in the sibling with whatever the user kept
        // beside Xapian's files: that goes back first.
        std::string db = folder_path(path);
        move_foreign(db + compact_suffix, db);
        remove_folder(db + compact_suffix);
    } catch (...) {
    }
}

extern "C" void
ivs_writer_remove_scratch(const char *path)
{
    try {
        remove_folder(folder_path(path));
    } catch (...) {
    }
}

extern "C" ivs_status_t
ivs_writer_compact_close(ivs_writer_t *w, const char *const *merge,
                         size_t n_merge, char **err)
{
    return ivs_writer_compact_close_into(w, merge, n_merge, nullptr, err);
}

extern "C" ivs_status_t
ivs_writer_compact_close_into(ivs_writer_t *w, const char *const *merge,
                              size_t n_merge, const char *target_path,
                              char **err)
{
    if (err)
        *err = nullptr;
    std::string msg;
    ivs_status_t st = IVS_OK;
    std::string tmp;
    const std::string target = target_path ? folder_path(target_path) : w->path;
    try {
        tmp = target + compact_suffix;
        remove_folder(tmp);
        Xapian::Database src(w->path);
        for (size_t i = 0; i < n_merge; i++)
            src.add_database(Xapian::Database(merge[i]));
        // One database keeps its ids (they are the interviews' public
        // ids); merged ones are numbered after it.
        unsigned flags = Xapian::Compactor::FULL;
        if (n_merge == 0)
            flags |= Xapian::DBCOMPACT_NO_RENUMBER;
        src.compact(tmp, flags);
        src.close();
        // The new folder gets the old one's permissions (a user who made
        // the database private keeps it private).
        struct stat sb;
        if (stat(target.c_str(), &sb) == 0)
            chmod(tmp.c_str(), sb.st_mode & 07777);
        if (renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, target.c_str(),
                      RENAME_EXCHANGE) != 0)
            throw std::system_error(errno, std::generic_category(),
                                    "cannot swap in the compacted database");
        // What else the database folder held (a user's files, folders)
        // is now in TMP with the old tables: it goes back, and only
        // Xapian's files are removed below.
        if (!move_foreign(tmp, target))
            msg = "some files in " + tmp + " could not be moved back to " +
                  target;
    } catch (const std::system_error &e) {
        msg = e.what();
        st = e.code().value() == ENOSPC ? IVS_ERR_NOSPACE : IVS_ERR_IO;
    } catch (...) {
        st = failure(&msg);
    }
    // The swapped-out (or unfinished) copy is in TMP either way.
    ivs_writer_close(w);
    try {
        if (!tmp.empty())
            remove_folder(tmp);
    } catch (...) {
    }
    if (st != IVS_OK && err)
        *err = ivs_dup_string(msg);
    return st;
}

extern "C" int
ivs_writer_values_ascending(ivs_writer_t *w, unsigned slot, char **first,
                            size_t *first_len, char **last, size_t *last_len)
{
    if (first)
        *first = nullptr;
    if (last)
        *last = nullptr;
    try {
        std::string head, prev;
        bool any = false, ascending = true;
        for (auto it = w->db.valuestream_begin(slot);
             it != w->db.valuestream_end(slot); ++it) {
            std::string v = *it;
            if (!any)
                head = v;
            else if (v < prev)
                ascending = false;
            prev.swap(v);
            any = true;
        }
        if (any && first) {
            *first = static_cast<char *>(malloc(head.size() + 1));
            if (!*first)
                throw std::bad_alloc();
            memcpy(*first, head.data(), head.size() + 1);
            *first_len = head.size();
        }
        if (any && last) {
            *last = static_cast<char *>(malloc(prev.size() + 1));
            if (!*last)
                throw std::bad_alloc();
            memcpy(*last, prev.data(), prev.size() + 1);
            *last_len = prev.size();
        }
        return ascending;
    } catch (...) {
        if (first) {
            free(*first);
            *first = nullptr;
        }
        failure(&w->error);
        return -1;
    }
}

// The write side of the database: the C interface of include/ivs/writer.h
// over Xapian::WritableDatabase. The only C++ in the indexer; no exception
// leaves this file.
#include <xapian.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "xapian_status.h"

extern "C" {
#include "ivs/writer.h"
}

struct ivs_writer {
    Xapian::WritableDatabase db;
    std::string error;
};

struct ivs_doc {
    Xapian::Document doc;
};

namespace {

ivs_status_t
failure(std::string *error)
{
    return ivs_xapian_failure(error, true);
}

char *
dup_string(const std::string &s)
{
    return ivs_dup_string(s);
}

} // namespace


extern "C" ivs_status_t
ivs_writer_open(const char *path, ivs_writer_t **out, char **err)
{
    *out = nullptr;
    if (err)
        *err = nullptr;
    std::string msg;
    try {
        ivs_writer_t *w = new ivs_writer;
        try {
            w->db = Xapian::WritableDatabase(
                path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
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
            *err = dup_string(msg);
        return st;
    }
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
        return dup_string(v);
    } catch (...) {
        failure(&w->error);
        return nullptr;
    }
}

extern "C" ivs_status_t
ivs_writer_set_metadata(ivs_writer_t *w, const char *key, const char *value)
{
    try {
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
ivs_doc_add_posting(ivs_doc_t *d, const char *term, size_t len, uint32_t pos,
                    unsigned wdf)
{
    try {
        d->doc.add_posting(std::string(term, len), pos, wdf);
        return IVS_OK;
    } catch (...) {
        return failure(nullptr);
    }
}

extern "C" ivs_status_t
ivs_doc_add_term(ivs_doc_t *d, const char *term, size_t len, unsigned wdf)
{
    try {
        d->doc.add_term(std::string(term, len), wdf);
        return IVS_OK;
    } catch (...) {
        return failure(nullptr);
    }
}

extern "C" ivs_status_t
ivs_doc_add_boolean(ivs_doc_t *d, const char *term)
{
    try {
        d->doc.add_boolean_term(term);
        return IVS_OK;
    } catch (...) {
        return failure(nullptr);
    }
}

extern "C" ivs_status_t
ivs_doc_set_value(ivs_doc_t *d, unsigned slot, const char *value, size_t len)
{
    try {
        d->doc.add_value(slot, std::string(value, len));
        return IVS_OK;
    } catch (...) {
        return failure(nullptr);
    }
}

extern "C" ivs_status_t
ivs_doc_set_data(ivs_doc_t *d, const char *data, size_t len)
{
    try {
        d->doc.set_data(std::string(data, len));
        return IVS_OK;
    } catch (...) {
        return failure(nullptr);
    }
}

extern "C" ivs_status_t
ivs_writer_replace(ivs_writer_t *w, ivs_doc_t *d, const char *unique_term,
                   uint32_t reuse_docid, uint32_t *docid)
{
    try {
        d->doc.add_boolean_term(unique_term);
        Xapian::docid id;
        if (reuse_docid && w->db.postlist_begin(unique_term) ==
                               w->db.postlist_end(unique_term)) {
            w->db.replace_document(reuse_docid, d->doc);
            id = reuse_docid;
        } else {
            id = w->db.replace_document(unique_term, d->doc);
        }
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

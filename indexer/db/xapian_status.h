// Shared by the two Xapian wrappers (indexer/db/xapian_writer.cc,
// indexer/db/xapian_reader.cc): the one place where Xapian exceptions become
// ivs_status_t, and the string copy both hand back to C. C++ only.
#ifndef IVS_XAPIAN_STATUS_H
#define IVS_XAPIAN_STATUS_H

#include <xapian.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

extern "C" {
#include "ivs/status.h"
}

// A malloc'd copy of S for a C caller, or nullptr when out of memory.
inline char *
ivs_dup_string(const std::string &s)
{
    char *p = static_cast<char *>(malloc(s.size() + 1));
    if (p) {
        memcpy(p, s.data(), s.size());
        p[s.size()] = '\0';
    }
    return p;
}

// The message of E with the system error behind it, if any.
inline std::string
ivs_xapian_detail(const Xapian::Error &e)
{
    std::string msg = e.get_msg();
    if (e.get_error_string()) {
        msg += ": ";
        msg += e.get_error_string();
    }
    return msg;
}

// A failed read or write: a full disk or file-size limit, or other I/O.
inline ivs_status_t
ivs_xapian_io_status(const std::string &msg)
{
    if (errno == ENOSPC || errno == EFBIG || errno == EDQUOT ||
        msg.find("No space left") != std::string::npos ||
        msg.find("File too large") != std::string::npos)
        return IVS_ERR_NOSPACE;
    return IVS_ERR_IO;
}

// Maps the exception in flight to a status and, when ERROR is non-null,
// records a message a user can act on. WRITING tells the write side (a
// database that cannot be opened is an I/O error there, "no database" on
// the read side). Call only from inside a catch block.
inline ivs_status_t
ivs_xapian_failure(std::string *error, bool writing)
{
    std::string msg;
    ivs_status_t st;
    try {
        throw;
    } catch (const Xapian::DatabaseModifiedError &e) {
        msg = e.get_msg();
        st = IVS_ERR_MODIFIED;
    } catch (const Xapian::DatabaseLockError &e) {
        msg = e.get_msg();
        // A system error (read-only file system, permissions: "Couldn't
        // open lockfile: ...") is not another writer holding the lock.
        st = msg.find("already locked") == std::string::npos &&
                     msg.find("Couldn't") != std::string::npos
                 ? IVS_ERR_IO
                 : IVS_ERR_LOCKED;
    } catch (const Xapian::DatabaseVersionError &e) {
        msg = e.get_msg();
        st = IVS_ERR_SCHEMA;
    } catch (const Xapian::DatabaseCorruptError &e) {
        msg = e.get_msg();
        st = IVS_ERR_CORRUPT;
    } catch (const Xapian::DatabaseNotFoundError &e) {
        msg = e.get_msg();
        st = IVS_ERR_NODB;
    } catch (const Xapian::DocNotFoundError &e) {
        msg = e.get_msg();
        st = IVS_ERR_NOTFOUND;
    } catch (const Xapian::DatabaseOpeningError &e) {
        msg = ivs_xapian_detail(e);
        st = writing ? ivs_xapian_io_status(msg) : IVS_ERR_NODB;
    } catch (const Xapian::DatabaseError &e) {
        msg = ivs_xapian_detail(e);
        st = ivs_xapian_io_status(msg);
    } catch (const Xapian::Error &e) {
        msg = e.get_description();
        st = IVS_ERR_XAPIAN;
    } catch (const std::bad_alloc &) {
        msg = "out of memory";
        st = IVS_ERR_NOMEM;
    } catch (...) {
        msg = "unexpected error";
        st = IVS_ERR_INTERNAL;
    }
    if (error)
        *error = msg;
    return st;
}

#endif

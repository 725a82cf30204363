/* Status codes shared by every ivsearch module. */
#ifndef IVS_STATUS_H
#define IVS_STATUS_H

/* One table: code, message. Zero is success; every other code is an error. */
#define IVS_STATUS_TABLE(X)                                             \
    X(OK, "success")                                                    \
    X(ERR_NOMEM, "out of memory")                                       \
    X(ERR_IO, "file could not be read or written")                      \
    X(ERR_NOTFOUND, "not found")                                        \
    X(ERR_NODB, "no database: run ivindex first")                       \
    X(ERR_LOCKED, "database is locked by another ivindex")              \
    X(ERR_SCHEMA, "database was built by another version: run ivindex " \
                  "--reindex")                                          \
    X(ERR_CORRUPT, "database is corrupt")                               \
    X(ERR_MODIFIED, "database was modified while reading")              \
    X(ERR_QUERY, "query could not be parsed")                           \
    X(ERR_INPUT, "input is not valid")                                  \
    X(ERR_ENCODING, "text encoding not recognised")                     \
    X(ERR_TOOBIG, "input is too large")                                 \
    X(ERR_NOSPACE, "no space left on device")                           \
    X(ERR_XAPIAN, "Xapian error")                                       \
    X(ERR_INTERRUPTED, "interrupted")                                   \
    X(ERR_INTERNAL, "internal error")

typedef enum {
#define IVS_STATUS_ENUM(name, msg) IVS_##name,
    IVS_STATUS_TABLE(IVS_STATUS_ENUM)
#undef IVS_STATUS_ENUM
        IVS_STATUS_COUNT
} ivs_status_t;

/* Returns a static message for STATUS; never NULL. */
const char *ivs_status_str(ivs_status_t status);

#endif

/* Per-file incremental state: what ivindex remembers of each source file
 * (size, mtime, content hash, and for each interview its hashes and id),
 * how it is stored in the database's metadata, and how the interviews of a
 * changed file are matched to the ones it had, so that ids stay put.
 * Implemented in indexer/index/filestate.c; pure C, no Xapian. */
#ifndef IVS_FILESTATE_H
#define IVS_FILESTATE_H

#include <stddef.h>
#include <stdint.h>

#include "ivs/status.h"

/* One interview as the state remembers it. */
typedef struct {
    uint64_t text;  /* hash of its text: its identity */
    uint64_t meta;  /* hash of what else reaches its terms and data besides
                       source and position (title, verdict, topics,
                       sections, fields): text and meta equal means the
                       stored document only needs its position updated */
    uint32_t title; /* hash of its title, to pair edited interviews */
    uint32_t id;    /* its public id (never 0) */
} ivs_recstate_t;

typedef struct {
    int64_t size, mtime; /* of the file when last read */
    uint64_t hash;       /* of its bytes */
    size_t n;            /* interviews, in file order */
    ivs_recstate_t *rec; /* n of them (malloc'd) */
    char *path;          /* the path the file is known by (malloc'd) */
} ivs_filestate_t;

/* The metadata key of the state of the file known by PATH: "F:" and 32 hex
 * digits of a 128-bit hash of the path, so that any path the file system
 * accepts fits Xapian's key limit (245 bytes); the path itself is in the
 * value. Writes a NUL-terminated key into KEY (IVS_FILESTATE_KEY_SIZE). */
#define IVS_FILESTATE_KEY_SIZE 40
void ivs_filestate_key(const char *path, char key[IVS_FILESTATE_KEY_SIZE]);

/* Parses a stored state VALUE into *ST (zeroed first). Returns IVS_OK,
 * IVS_ERR_INPUT when VALUE is not a state of this format (an older schema;
 * *ST is then empty), or IVS_ERR_NOMEM. Free with ivs_filestate_clear. */
ivs_status_t ivs_filestate_parse(const char *value, ivs_filestate_t *st);

/* The stored form of ST (malloc'd), or NULL when out of memory. */
char *ivs_filestate_format(const ivs_filestate_t *st);

/* Releases what ST holds and zeroes it; NULL is allowed. */
void ivs_filestate_clear(ivs_filestate_t *st);

/* How an interview of the file as it is now relates to the ones it had. */
typedef enum {
    IVS_MATCH_NONE,  /* no counterpart: a new interview */
    IVS_MATCH_SAME,  /* same text (and the rest) */
    IVS_MATCH_EDITED /* the same interview, edited in place */
} ivs_match_t;

/* Matches the interviews NOW[0..n_now) of a file to the ones it had,
 * OLD[0..n_old), both in file order. Rules, in this order:
 *  1. same text: paired in file order (an interview moved inside the
 *     file, or with interviews inserted or deleted around it);
 *  2. edited in place: among the interviews left unpaired between the
 *     same two paired neighbours (or file ends), those with the same
 *     title are paired in order; then, if as many old as new are left in
 *     that gap, they are paired in order.
 * OUT[i] receives the index into OLD of NOW[i]'s counterpart, or -1, and
 * HOW[i] (may be NULL) the kind. Each old interview is paired at most
 * once. Returns IVS_OK or IVS_ERR_NOMEM. */
ivs_status_t ivs_filestate_match(const ivs_recstate_t *old, size_t n_old,
                                 const ivs_recstate_t *now, size_t n_now,
                                 long *out, ivs_match_t *how);

/* 64-bit FNV-1a-style hash with a final avalanche (change detection, not
 * security). */
uint64_t ivs_hash64(const void *data, size_t len, uint64_t seed);

#endif

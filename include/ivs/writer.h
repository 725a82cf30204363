/* The write side of the database: a thin C interface over Xapian's
 * WritableDatabase, implemented in indexer/db/xapian_writer.cc. */
#ifndef IVS_WRITER_H
#define IVS_WRITER_H

#include <stddef.h>
#include <stdint.h>

#include "ivs/status.h"

typedef struct ivs_writer ivs_writer_t;

/* The version of the Xapian library in use (static string); one function
 * for both wrappers (reader.h declares it too). */
const char *ivs_xapian_version(void);

/* What a database folder given to ivindex is, found without changing
 * anything. */
typedef enum {
    IVS_DBDIR_NEW,       /* missing, or an empty folder: ready to create */
    IVS_DBDIR_OURS,      /* an ivsearch database (or one that a first run
                             left before anything was committed) */
    IVS_DBDIR_FOREIGN,   /* a folder holding something else, another
                             program's Xapian database, or unreadable */
    IVS_DBDIR_NOT_FOLDER /* exists and is not a folder */
} ivs_dbdir_t;

/* Tells what PATH is (see ivs_dbdir_t); for FOREIGN and NOT_FOLDER *DETAIL
 * (when non-NULL) gets a malloc'd reason (caller frees), else NULL. Only
 * an IVS_DBDIR_NEW or IVS_DBDIR_OURS folder may be written. */
ivs_dbdir_t ivs_writer_probe(const char *path, char **detail);

/* Opens (creating when missing) the database at PATH for writing. Only one
 * writer may hold a database: a second gets IVS_ERR_LOCKED at once. Other
 * failures: IVS_ERR_IO (cannot create), IVS_ERR_CORRUPT, IVS_ERR_SCHEMA (a
 * newer Xapian format), IVS_ERR_NOMEM. On failure *OUT is NULL and *ERR (if
 * non-NULL) gets a malloc'd detail the caller frees. */
ivs_status_t ivs_writer_open(const char *path, ivs_writer_t **out, char **err);

/* Like ivs_writer_open, for a scratch database that this program creates
 * and deletes (a second writer's part, merged at the end by
 * ivs_writer_compact_close): an existing database at PATH is replaced,
 * and commits are atomic but not synced to disk, so after a power loss
 * the database may be unreadable and must be thrown away. */
ivs_status_t ivs_writer_open_scratch(const char *path, ivs_writer_t **out,
                                     char **err);

/* Commits nothing further and releases W (uncommitted changes are
 * discarded); NULL is allowed. */
void ivs_writer_close(ivs_writer_t *w);

/* Detail of the last failure; borrowed until the next call on W. */
const char *ivs_writer_error(const ivs_writer_t *w);

/* Metadata: get returns a malloc'd NUL-terminated value (caller frees) or
 * NULL when absent; set with an empty VALUE deletes the key. */
char *ivs_writer_get_metadata(ivs_writer_t *w, const char *key);
ivs_status_t ivs_writer_set_metadata(ivs_writer_t *w, const char *key,
                                     const char *value);

/* Calls CB for every metadata key starting with PREFIX (key and value are
 * borrowed during the call); a non-zero return stops and is returned. */
typedef int (*ivs_metadata_cb)(void *ctx, const char *key, const char *value);
int ivs_writer_each_metadata(ivs_writer_t *w, const char *prefix,
                             ivs_metadata_cb cb, void *ctx);

/* 1 when the values of SLOT never decrease in document id order (documents
 * without one aside), 0 when some do, -1 on a Xapian error. Reads the
 * committed and pending values: about 35 ms for 126,000 documents. FIRST
 * and LAST (each may be NULL) receive the first and the last value,
 * malloc'd (NULL when there is none; caller frees), with their lengths in
 * FIRST_LEN and LAST_LEN (values may hold NUL bytes). */
int ivs_writer_values_ascending(ivs_writer_t *w, unsigned slot, char **first,
                                size_t *first_len, char **last,
                                size_t *last_len);

/* A document under construction. It belongs to no database, so one
 * thread may build it while another writes: hand it over whole (the
 * builder must not touch it afterwards). */
typedef struct ivs_doc ivs_doc_t;

/* A new empty document, or NULL when out of memory. */
ivs_doc_t *ivs_doc_new(void);
/* Releases DOC; NULL is allowed. */
void ivs_doc_free(ivs_doc_t *doc);

/* Each returns IVS_OK, or IVS_ERR_NOMEM / IVS_ERR_XAPIAN. TERM is LEN bytes
 * (add_boolean: NUL-terminated). Xapian builds the document fastest when
 * the terms come in byte order, each term's positions one after the
 * other (a term repeated right after itself is also stored once); the
 * document is the same in any order. */
/* Makes room for N_POSTINGS more postings and terms of TERM_BYTES more
 * bytes (a hint: adding more is fine). */
ivs_status_t ivs_doc_reserve(ivs_doc_t *doc, size_t n_postings,
                             size_t term_bytes);
ivs_status_t ivs_doc_add_posting(ivs_doc_t *doc, const char *term, size_t len,
                                 uint32_t pos, unsigned wdf);
/* TERM without positions, its within-document frequency raised by WDF. */
ivs_status_t ivs_doc_add_term(ivs_doc_t *doc, const char *term, size_t len,
                              unsigned wdf);
ivs_status_t ivs_doc_add_boolean(ivs_doc_t *doc, const char *term);
ivs_status_t ivs_doc_set_value(ivs_doc_t *doc, unsigned slot, const char *value,
                               size_t len);
ivs_status_t ivs_doc_set_data(ivs_doc_t *doc, const char *data, size_t len);

/* Stores DOC under UNIQUE_TERM (added to it), in place of the document
 * that had the term (keeping its Xapian docid) or as a new one; *DOCID
 * (when non-NULL) receives the docid. DOC stays the caller's. */
ivs_status_t ivs_writer_replace(ivs_writer_t *w, ivs_doc_t *doc,
                                const char *unique_term, uint32_t *docid);

/* Updates the document with UNIQUE_TERM where only its place changed (an
 * interview moved inside its file, or with its file): its data becomes
 * DATA, value SLOT becomes VALUE, and boolean term OLD_BOOLEAN (when it
 * has it) is replaced by NEW_BOOLEAN (both may be NULL: no change); when
 * the source changed (NEW_BOOLEAN given), its folder terms become those of
 * NEW_SOURCE (ivs_folder_terms_each()). Its other terms are not touched,
 * so this costs a fraction of a rewrite.
 * Returns IVS_OK, IVS_ERR_NOTFOUND when no document has UNIQUE_TERM,
 * IVS_ERR_XAPIAN, IVS_ERR_NOMEM. */
ivs_status_t ivs_writer_relocate(ivs_writer_t *w, const char *unique_term,
                                 const char *old_boolean,
                                 const char *new_boolean,
                                 const char *new_source, const char *data,
                                 size_t data_len, unsigned slot,
                                 const char *value, size_t value_len);

/* Stores DOC as a new document under UNIQUE_TERM (added to it) without
 * looking for a document that has the term: only for a term that no
 * document of the database can have (a file indexed for the first time
 * into a fresh database). *DOCID (when non-NULL) receives the id. DOC
 * stays the caller's. */
ivs_status_t ivs_writer_add(ivs_writer_t *w, ivs_doc_t *doc,
                            const char *unique_term, uint32_t *docid);

/* The id of the document with TERM, or 0. */
uint32_t ivs_writer_docid(ivs_writer_t *w, const char *term);

/* 1 when the document with UNIQUE_TERM also has TERM, 0 when not (or
 * there is no such document), -1 on a Xapian error. */
int ivs_writer_doc_has_term(ivs_writer_t *w, const char *unique_term,
                            const char *term);
/* Deletes every document indexed by TERM. */
ivs_status_t ivs_writer_delete(ivs_writer_t *w, const char *term);

/* Deletes every document and every metadata key starting with PREFIX (for
 * a rebuild). */
ivs_status_t ivs_writer_clear(ivs_writer_t *w, const char *prefix);

/* Commits all changes atomically: a reader sees all of them or none. */
ivs_status_t ivs_writer_commit(ivs_writer_t *w);

/* Number of documents (committed and pending). */
uint32_t ivs_writer_doccount(ivs_writer_t *w);

/* Rewrites the committed state of W's database compactly (B-tree blocks
 * full, no space left by updates) and, when N_MERGE > 0, merges into it
 * the committed documents and metadata of the databases at the paths
 * MERGE[0..N_MERGE-1] (their documents follow W's, numbered after W's
 * last id; W's ids are kept; on a metadata key in several, W's value
 * wins). The copy is built in a sibling folder (the path plus
 * ".ivs-compact") and swapped in by one atomic rename, so a reader or a
 * killed run finds the old database or the new one, never a mix. Then W
 * is closed and released whatever the outcome (uncommitted changes are
 * discarded). Entries of the database folder that are not Xapian's (a
 * user's files) are moved into the new folder, which gets the old one's
 * permissions; only Xapian's files are removed. On failure the database is left as it was, the sibling
 * folder removed. Returns IVS_OK, or IVS_ERR_NOSPACE, IVS_ERR_IO,
 * IVS_ERR_NOMEM, IVS_ERR_XAPIAN with a malloc'd detail in *ERR (when
 * non-NULL; the caller frees). */
ivs_status_t ivs_writer_compact_close(ivs_writer_t *w, const char *const *merge,
                                      size_t n_merge, char **err);

/* Like ivs_writer_compact_close, but the compacted copy of W's database
 * (with MERGE merged in) replaces the database at TARGET_PATH (which must
 * exist and be held by the caller's writer), not W's own: a rebuild
 * written into scratch databases is swapped in whole, so that readers and
 * a killed run see the old database or the new one. W's database is left
 * as it was (the caller removes it). */
ivs_status_t ivs_writer_compact_close_into(ivs_writer_t *w,
                                           const char *const *merge,
                                           size_t n_merge,
                                           const char *target_path, char **err);

/* Removes what an interrupted ivs_writer_compact_close() may have left
 * beside the database at PATH (its ".ivs-compact" sibling folder): entries
 * that are not Xapian's go back into PATH, Xapian's files are removed,
 * then the folder if empty. Call while holding the database (an open
 * writer). */
void ivs_writer_remove_leftovers(const char *path);

/* Removes a scratch database folder that this program created at PATH:
 * Xapian's files in it, then the folder when nothing else is left (no
 * other file is ever removed); missing is fine. */
void ivs_writer_remove_scratch(const char *path);

#endif

/* Building the Xapian document of one interview record: its terms (words,
 * Han characters with positions, English stems, boolean filters), values
 * and stored data, as the search side expects them (ivs/schema.h). The
 * one place where a record becomes a document, in the spirit of notmuch's
 * notmuch_database_index_file and Omega's index_file; ivindex calls it for
 * every interview it writes. Implemented in indexer/index/docbuild.c. */
#ifndef IVS_DOCBUILD_H
#define IVS_DOCBUILD_H

#include <stddef.h>
#include <stdint.h>

#include "ivs/analyze.h"
#include "ivs/record.h"
#include "ivs/status.h"
#include "ivs/writer.h"

typedef struct ivs_docbuilder ivs_docbuilder_t;

/* A builder over analyzer A (borrowed: it must outlive the builder). It
 * keeps a term table and a cache of English stems between records, so one
 * builder serves one thread. IVS_OK, or IVS_ERR_NOMEM with *OUT NULL. */
ivs_status_t ivs_docbuilder_new(ivs_analyzer_t *a, ivs_docbuilder_t **out);

/* Releases B; NULL is allowed. */
void ivs_docbuilder_free(ivs_docbuilder_t *b);

/* The document (*OUT, the caller's: ivs_doc_free) of record R, interview
 * ID, of the file known as SOURCE: its terms, the verdict, topic and
 * source filters, the facet, date, order and id values, and its data
 * (ivs_record_data). IVS_OK, or IVS_ERR_NOMEM / IVS_ERR_XAPIAN with *OUT
 * NULL. */
ivs_status_t ivs_docbuilder_build(ivs_docbuilder_t *b, const ivs_record_t *r,
                                  const char *source, uint32_t id,
                                  ivs_doc_t **out);

/* The stored data of record R (see IVS_SCHEMA_VERSION 4 and 5): its JSON
 * (id, source, ordinal, title, verdict, topics, sections, fields), a
 * newline, its text. Malloc'd, length in *LEN; NULL when out of memory. */
char *ivs_record_data(const char *source, const ivs_record_t *r, uint32_t id,
                      size_t *len);

/* The source-order value (IVS_SLOT_ORDER): SOURCE, NUL, the 4-byte
 * big-endian ORDINAL. Malloc'd, length in *LEN; NULL when out of memory. */
char *ivs_record_order(const char *source, unsigned ordinal, size_t *len);

/* A hash of what record R says of itself besides its text, source and
 * place (title, verdict, topics, sections, fields): equal text and equal
 * meta hash mean the stored document needs only its place updated. */
uint64_t ivs_record_meta_hash(const ivs_record_t *r);

/* The unique term of interview ID ("Q<id>"), NUL-terminated. */
#define IVS_UNIQUE_TERM_SIZE 16
void ivs_unique_term(uint32_t id, char out[IVS_UNIQUE_TERM_SIZE]);

/* The source filter term of the file known as SOURCE ("XS" and 16 hex
 * digits of a hash of the path), NUL-terminated. */
#define IVS_SOURCE_TERM_SIZE 20
void ivs_source_term(const char *source, char out[IVS_SOURCE_TERM_SIZE]);

#endif

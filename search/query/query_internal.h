/* Internal to search/: what query parsing asks of the synonym table.
 * Not part of the public interface. */
#ifndef IVS_QUERY_INTERNAL_H
#define IVS_QUERY_INTERNAL_H

#include "ivs/query.h"

/* Calls CB with each synonym variant of WORD (normalised): for a group
 * member equal to WORD, each other member; for a Chinese WORD holding a
 * Chinese member, WORD with that member replaced by each other member
 * (三次握手 -> 3次握手). Only the first member of a group that applies is
 * used. VARIANT is borrowed for the call. A variant that cannot be built
 * (out of memory) is skipped. Returns 0, or -1 as soon as CB returns a
 * negative value. SYN may be NULL (no synonyms). In synonyms.c. */
int ivs_synonyms_each_variant(const ivs_synonyms_t *syn, const char *word,
                              int (*cb)(void *ctx, const char *variant),
                              void *ctx);

/* Whether TEXT (normalised) is a member of some synonym group as a
 * whole. SYN may be NULL (no). In synonyms.c. */
int ivs_synonyms_has(const ivs_synonyms_t *syn, const char *text);

/* Whether a Chinese member of some synonym group lies inside TEXT
 * (normalised) across the boundary of its words WORDS (N of them, TEXT's
 * words in order): inside TEXT but inside none of the words alone
 * (鏈結串列 of 反轉鏈結串列, segmented 反转 + 链结 + 串列). SYN may be
 * NULL (no). In synonyms.c. */
int ivs_synonyms_spans(const ivs_synonyms_t *syn, const char *text,
                       const char *const *words, size_t n);

/* Appends a copy of S (LEN bytes) to *V (*N strings); -1 when out of
 * memory (*V is kept). In query.c. */
int ivs_query_add_string(char ***v, size_t *n, const char *s, size_t len);

/* The value of a "key:value" filter CHUNK (LEN bytes) whose key is KEY
 * (ASCII case-insensitive), pointing into CHUNK ("" for "key:" alone), or
 * NULL. In query.c. */
const char *ivs_query_filter_value(const char *chunk, size_t len,
                                   const char *key);

/* The field a "key:value" CHUNK (LEN bytes) filters on, *VALUE its value:
 * an IVS_FIELD_*, IVS_FIELD_COUNT for since: and IVS_FIELD_COUNT + 1 for
 * until:, or -1 when CHUNK is no field filter. In fields.c. */
int ivs_query_field_filter(const char *chunk, size_t len, const char **value);

/* Adds the VALUE (LEN bytes) of field filter FIELD (as
 * ivs_query_field_filter() numbers them) to Q: one more value of the field,
 * or the since/until bound, replacing an earlier one. -1 when out of
 * memory. In fields.c. */
int ivs_query_add_field(ivs_query_t *q, int field, const char *value,
                        size_t len);

#endif

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

#endif

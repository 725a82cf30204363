/* "Did you mean": a correction for an unknown query word from the indexed
 * vocabulary. The decisions are here (search/engine/spelling.c); the words and
 * their counts come from the read side (ivs_reader_each_term). */
#ifndef IVS_SPELLING_H
#define IVS_SPELLING_H

#include "ivs/reader.h"

/* The most frequent indexed word within one edit of WORD (two when WORD
 * has more than four bytes; a swap of two neighbours is one edit: kafak
 * is kafka) that starts with the same byte, malloc'd; NULL when there is
 * none (or WORD is empty or over 40 bytes, or the database cannot be
 * read). */
char *ivs_spelling_suggest(ivs_reader_t *r, const char *word);

/* Edit distance of A (N bytes) and B (M bytes) with adjacent
 * transpositions, or LIMIT + 1 when it is over LIMIT. */
unsigned ivs_edit_distance(const char *a, size_t n, const char *b, size_t m,
                           unsigned limit);

#endif

/* Dictionary-based Chinese word segmentation over a compiled, mmapped
 * dictionary. */
#ifndef IVS_SEGMENT_H
#define IVS_SEGMENT_H

#include <stddef.h>
#include <stdint.h>

#include "ivs/status.h"

typedef struct ivs_dict ivs_dict_t;

/* Opens the compiled dictionary at PATH (built from data/ at build time) by
 * mapping it read-only. On success *OUT owns the mapping; release it with
 * ivs_dict_close(). Returns IVS_ERR_IO when the file cannot be opened,
 * IVS_ERR_CORRUPT when it is not a dictionary of this version, IVS_ERR_NOMEM.
 * *OUT is NULL on failure. */
ivs_status_t ivs_dict_open(const char *path, ivs_dict_t **out);

/* Adds the words of a plain-text user dictionary (one "word [freq]" per
 * line, '#' comments) to DICT. Returns IVS_ERR_IO when PATH cannot be read,
 * IVS_ERR_INPUT (with the line number in *BAD_LINE) on a malformed line. */
ivs_status_t ivs_dict_add_user(ivs_dict_t *dict, const char *path,
                               size_t *bad_line);

/* A 64-bit identity of the words and frequencies in DICT (compiled plus user
 * words): two dictionaries that segment alike have the same checksum. */
uint64_t ivs_dict_checksum(const ivs_dict_t *dict);

/* Releases DICT; NULL is allowed. */
void ivs_dict_close(ivs_dict_t *dict);

/* Called for each word: [START, END) are code point indexes into the run.
 * SUBWORD is non-zero for the extra search-mode words inside a longer word.
 * A non-zero return stops the walk and is returned by ivs_segment(). */
typedef int (*ivs_segment_cb)(void *ctx, size_t start, size_t end,
                              int subword);

/* Segments one run of N normalised code points (Han ideographs, with ASCII
 * digit sequences that stand directly before Han, and U+3007/U+25CB).
 * The main path is reported in order, covering [0, N) without overlap; a
 * digit sequence is never split. With SEARCH_MODE, after each main word its
 * dictionary sub-words (length >= 2) follow with SUBWORD set. DICT may be
 * NULL: then every Han character is a word of its own. Returns 0 or the
 * callback's non-zero value. */
int ivs_segment(const ivs_dict_t *dict, const uint32_t *cps, size_t n,
                int search_mode, ivs_segment_cb cb, void *ctx);

#endif

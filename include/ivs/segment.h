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
 * *OUT is NULL on failure. Opening checks the header and the character map
 * only (tens of microseconds); the trie is bounds-checked on every step, so
 * a damaged body gives odd words, never a crash. */
ivs_status_t ivs_dict_open(const char *path, ivs_dict_t **out);

/* Adds the words of a plain-text user dictionary (one "word [freq]" per
 * line, '#' comments) to DICT. Returns IVS_ERR_IO when PATH cannot be read,
 * IVS_ERR_INPUT (with the line number in *BAD_LINE) on a malformed line.
 * Details (docs/dictionary.md): UTF-8, words normalised with NFKC + case
 * folding; an optional third field (a jieba tag) is ignored; a missing
 * frequency means "high enough to win"; frequency 0 removes a word; words
 * with characters other than Han (c++, k8s) are skipped, as the segmenter
 * never sees them. The file is parsed whole first: on IVS_ERR_INPUT nothing
 * is added. BAD_LINE may be NULL; it is 0 unless IVS_ERR_INPUT. Also
 * IVS_ERR_NOMEM. Not thread-safe against ivs_segment() on the same DICT. */
ivs_status_t ivs_dict_add_user(ivs_dict_t *dict, const char *path,
                               size_t *bad_line);

/* A 64-bit identity of the words and frequencies in DICT (compiled plus user
 * words): two dictionaries that segment alike have the same checksum.
 * User words that change nothing (a word with the frequency it already
 * has, a Latin word) leave it unchanged; the order of distinct user words
 * does not matter. 0 for a NULL DICT. */
uint64_t ivs_dict_checksum(const ivs_dict_t *dict);

/* Releases DICT; NULL is allowed. */
void ivs_dict_close(ivs_dict_t *dict);

/* Called for each word: [START, END) are code point indexes into the run.
 * SUBWORD is non-zero for the extra search-mode words inside a longer word.
 * A non-zero return stops the walk and is returned by ivs_segment(). */
typedef int (*ivs_segment_cb)(void *ctx, size_t start, size_t end, int subword);

/* Segments one run of N normalised code points (Han ideographs, with ASCII
 * digit sequences that stand directly before Han, and U+3007/U+25CB).
 * The main path is reported in order, covering [0, N) without overlap; a
 * digit sequence is never split. With SEARCH_MODE, after each main word its
 * dictionary sub-words (length >= 2) follow with SUBWORD set. DICT may be
 * NULL: then every Han character is a word of its own. Returns 0 or the
 * callback's non-zero value.
 * A digit sequence joins a following 年 月 日 时 分 秒 万 亿 次 (1998年, 3次);
 * a Han numeral of 2+ characters is one word, with a following 年 月 日
 * (二○○一年). No allocation: all state lives in fixed buffers on the stack
 * (about 16 KB), whatever N; time is linear in N. Reentrant: any number of
 * threads may segment with one DICT. Other code points (not expected) are
 * single words. */
int ivs_segment(const ivs_dict_t *dict, const uint32_t *cps, size_t n,
                int search_mode, ivs_segment_cb cb, void *ctx);

#endif

/* "Did you mean": a correction for an unknown query word from the indexed
 * vocabulary: a spelling within an edit or two, or the Chinese word a
 * query typed in pinyin reads as (fenbushisuo -> 分布式锁). The decisions are here (search/engine/spelling.c); the words and
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

/* Mandarin readings of Chinese characters (data/pinyin.txt: "CHAR
 * READING..." lines, readings without tones, ü as v and u). */
typedef struct ivs_pinyin ivs_pinyin_t;

/* Loads the readings at PATH into *OUT (free with ivs_pinyin_free()).
 * IVS_ERR_IO when it cannot be read, IVS_ERR_NOMEM; *OUT is NULL then.
 * Malformed lines are skipped. */
ivs_status_t ivs_pinyin_load(const char *path, ivs_pinyin_t **out);

/* Frees P; NULL is allowed. */
void ivs_pinyin_free(ivs_pinyin_t *p);

/* Whether Chinese WORD (LEN bytes of UTF-8) reads as LETTERS (lower-case,
 * NUL-terminated, syllables run together: 分布式锁 is fenbushisuo), with
 * any reading of each character. */
int ivs_pinyin_matches(const ivs_pinyin_t *p, const char *word, size_t len,
                       const char *letters);

/* The most frequent indexed Chinese word of two or more characters that
 * reads as LETTERS (2 to 60 lower-case ASCII letters), malloc'd; NULL when
 * there is none, LETTERS is not such, PY is NULL or the database cannot be
 * read. Walks the index's Chinese words (allterms, so it works over remote
 * shards too): 40-120 ms a query (whole process) on 126,517 interviews, for a
 * query that found nothing. */
char *ivs_pinyin_suggest(ivs_reader_t *r, const ivs_pinyin_t *py,
                         const char *letters);

#endif

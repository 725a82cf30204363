/* How interviews are laid out in the Xapian database: term prefixes, value
 * slots, metadata keys and the schema version. Both sides include this. */
#ifndef IVS_SCHEMA_H
#define IVS_SCHEMA_H

/* Schema history:
 *   1  first layout: words unprefixed, Han characters under "H", boolean
 *      filters XV (verdict) XT (topic) XS (source), unique Q term, JSON
 *      document data, per-file state in "F:" metadata.
 *   2  English stems of Latin words under "Z"; words without positions
 *      (phrases run on the units: Han characters and Latin words).
 *   3  verdict and topics in one value slot (facet counting reads one
 *      value stream instead of two).
 *   4  document data: the record's JSON without the text, a newline, then
 *      the text itself (no JSON escaping to undo for every hit).
 *   5  interview ids of their own, no longer the Xapian docid: unique term
 *      Q<id>, the id in value IVS_SLOT_ID and in the JSON ("id"), the
 *      last id given in IVS_META_LASTID (never given again); file state
 *      under F:<hash of the path> with the path in the value and each
 *      interview's hashes and id (ivs/filestate.h); the JSON no longer
 *      holds the interview's byte range in its file.
 *   6  fields: candidate, role, round and interviewer as boolean terms
 *      (XC XR XN XI, their ivs_field_key()), the date as a term XD<date>
 *      too (--since/--until), round and interviewer in the JSON; the facet
 *      value also holds "round:<round>" and "role:<role key>" after the
 *      topics; a folder term XP<folder> for every folder above the source
 *      (what ivserve's scopes filter on).
 *   7  the title field: the record's title and its file's name as terms
 *      behind IVS_PREFIX_TITLE (not for a table of contents); a table of
 *      contents holds IVS_TERM_CONTENTS, whose wdf makes its length count
 *      IVS_TOC_LENGTH times. */
#define IVS_SCHEMA_VERSION 7

/* term prefixes */
#define IVS_PREFIX_CHAR "H" /* one Han character (or digit run) */
#define IVS_PREFIX_STEM "Z" /* English stem of a Latin word */
/* The title field: the record's title and its file's name, each of their
 * terms (words, H characters, Z stems) behind this prefix ("Tkafka",
 * "TH锁", "TZredi"), with positions of their own. */
#define IVS_PREFIX_TITLE "T"
/* A table of contents (a record a quarter or more of whose lines, and at
 * least IVS_TOC_MIN_LINKS, link to other documents by a relative path: a
 * README, SUMMARY or sidebar of a documentation set) holds this term with
 * a wdf of IVS_TOC_LENGTH - 1 times its length: BM25 then weighs its words
 * as those of a document IVS_TOC_LENGTH times as long. Its link titles
 * name every topic of the set, each once; the documents they point to
 * are the answers. (A term, not a value: document length is the only
 * per-document factor BM25 has, and it holds across remote shards.)
 * bench/relevance nDCG@10 with the title field: without 0.847, 2 times
 * 0.850, 4 times 0.855, 9 times 0.858, 21 times 0.859. */
#define IVS_TERM_CONTENTS "XL"
#define IVS_TOC_MIN_LINKS 5
#define IVS_TOC_LENGTH 9
#define IVS_PREFIX_UNIQUE "Q" /* Q<id>, the interview's id in decimal */
#define IVS_PREFIX_VERDICT "XV"
#define IVS_PREFIX_TOPIC "XT"
#define IVS_PREFIX_SOURCE "XS" /* XS<source hash hex> */
/* XP<folder>: one for every folder above the source (an archive's member
 * also has "ARCHIVE!" and the folders inside it), what a scope (ivserve's
 * users may be limited to folders) filters on; see ivs_folder_term(). */
#define IVS_PREFIX_FOLDER "XP"
/* Fields: the prefix and the field's ivs_field_key() (the round's after
 * ivs_round_parse()); the date as YYYY-MM-DD. */
#define IVS_PREFIX_CANDIDATE "XC"
#define IVS_PREFIX_ROLE "XR"
#define IVS_PREFIX_ROUND "XN"
#define IVS_PREFIX_INTERVIEWER "XI"
#define IVS_PREFIX_DATE "XD"
/* Facet entries of a role or a round among the topic ids of
 * IVS_SLOT_FACETS: "round:二面", "role:go后端". */
#define IVS_FACET_ROUND "round:"
#define IVS_FACET_ROLE "role:"

/* value slots */
enum {
    IVS_SLOT_DATE = 0,   /* YYYY-MM-DD or empty */
    IVS_SLOT_FACETS = 1, /* the verdict (pass / fail / pending /
                             unknown), a space, and the topic ids joined
                             by ',', then IVS_FACET_ROUND and
                             IVS_FACET_ROLE entries: what facets count */
    IVS_SLOT_ORDER = 2,  /* source order: path, NUL, 4-byte big-endian
                             ordinal */
    IVS_SLOT_ID = 3      /* the interview's id in decimal */
};

/* metadata keys */
#define IVS_META_SCHEMA "ivs.schema"
#define IVS_META_ANALYZER "ivs.analyzer"
#define IVS_META_FILE "F:" /* F:<path hash> -> file state (ivs/filestate.h) */
/* The highest interview id ever given: new interviews are numbered after
 * it, so that no id is given twice, even after deletions or --reindex. */
#define IVS_META_LASTID "ivs.lastid"
/* "docid" when document ids follow source order (IVS_SLOT_ORDER), as after
 * a first build: a listing by filters alone then needs no sort, and stops
 * after the first page instead of ranking every match. Absent otherwise;
 * ivindex checks it again after every run that changes the database. */
#define IVS_META_ORDER "ivs.order"

/* Terms longer than this are not indexed (Xapian's limit is 245 bytes). */
#define IVS_MAX_TERM_BYTES 120

/* Within-document frequency increments: headings and question lines weigh
 * more than running text. The one place ranking weights at index time
 * live. */
#define IVS_WDF_TEXT 1
#define IVS_WDF_QUESTION 2
#define IVS_WDF_HEADING 3
#define IVS_WDF_TITLE 4 /* a word of the title field (IVS_PREFIX_TITLE) */

/* Query-time ranking: BM25 parameters and the weight of a word found only
 * inside another (a character-phrase match) relative to a whole-word
 * match. Measured with bench/relevance. */
#ifndef IVS_BM25_K1
#define IVS_BM25_K1 1.2
#endif
#ifndef IVS_BM25_B
#define IVS_BM25_B 0.6
#endif
/* The weight of a concept found in the title field (IVS_PREFIX_TITLE),
 * added to its weight in the text. Title terms are rare, so their BM25
 * weight is high and a small share decides between notes that mention a
 * concept as often. bench/relevance nDCG@10 (tables of contents without
 * a title field): 0 0.802, 0.05 0.844, 0.1 0.847, 0.15 0.845, 0.3 0.842,
 * 1 0.838; with the title's wdf 1 instead of 4, 0.1 gives 0.845. */
#ifndef IVS_TITLE_SCALE
#define IVS_TITLE_SCALE 0.1
#endif
#ifndef IVS_SUBSTRING_SCALE
#define IVS_SUBSTRING_SCALE 0.4
#endif
/* Facet counts and totals are exact up to this many matches, scaled
 * estimates beyond (Lucene's default threshold for exact hit counts is
 * 1,000 too). Latency: every match counted costs about 3 us (ranking it and
 * reading its verdict and topics values), so 10,000 would cost 30 ms.
 * ivsearch --exact counts them all. */
#ifndef IVS_FACET_EXACT
#define IVS_FACET_EXACT 1000
#endif
/* Optional alternatives of a concept (the character phrase that finds a
 * Chinese word inside longer words, multi-word synonyms) are checked
 * position by position in every candidate document. One is kept when it
 * has at most IVS_RECALL_CHEAP candidates (its rarest term, or what the rest
 * of the query lets through), or IVS_RECALL_RARE_CHEAP when the concept's
 * other forms match fewer than IVS_RECALL_RARE_WORD documents (recall
 * matters most); otherwise the other forms stand alone. (Without the
 * second bound, 内存对齐 -- 18 interviews as a word, and not one more as
 * characters -- had its phrase checked in the 5,000 holding 齐: 100 ms
 * with a filter and a partial pass.) Latency: checking a phrase of common
 * characters costs about 5 us per candidate and unit (two reads of the
 * position table each), so 5-20 ms on 100,000 interviews for few or no
 * more matches; 1,000 (was 3,000) took the 95th percentile of
 * bench/latency's queries from 7.5 to 5.5 ms in one process. */
/* An English stem alternative (interfaces -> interfac) is left out when it
 * is not cheap and finds fewer than 1/IVS_RECALL_STEM_GAIN more documents
 * than the word itself (redis -> redi: 42,600 documents either way). */
#ifndef IVS_RECALL_STEM_GAIN
#define IVS_RECALL_STEM_GAIN 20
#endif
#ifndef IVS_RECALL_CHEAP
#define IVS_RECALL_CHEAP 1000
#endif
#ifndef IVS_RECALL_RARE_WORD
#define IVS_RECALL_RARE_WORD 20
#endif
#ifndef IVS_RECALL_RARE_CHEAP
#define IVS_RECALL_RARE_CHEAP 4000
#endif
/* Proximity: the best IVS_PROXIMITY_DEPTH matches of a query of several
 * words are ranked again, each weight times 1 + IVS_PROXIMITY_BOOST x
 * closeness (1 when the words stand within a window of 8 + 2 per word +
 * their lengths, window/span when further apart, 0 when some word matched
 * through its English stem only). */
#ifndef IVS_PROXIMITY_DEPTH
#define IVS_PROXIMITY_DEPTH 20
#endif
#ifndef IVS_PROXIMITY_BOOST
#define IVS_PROXIMITY_BOOST 0.3
#endif
#ifndef IVS_STEM_SCALE
#define IVS_STEM_SCALE 0.5
#endif

/* ---- the format, as functions both sides call ----------------------------
 * Implemented in indexer/db/schema.c. The indexer writes and the search reads
 * terms and documents only through these, so that the two cannot drift
 * apart (tests/check_parity.c checks that they do not). */

#include <jansson.h>
#include <stddef.h>

#include "ivs/analyze.h"
#include "ivs/status.h"

/* The term that token T is indexed and searched under (a Han character
 * with IVS_PREFIX_CHAR, anything else as it is) into OUT (CAP >=
 * IVS_MAX_TERM_BYTES + 2 bytes, NUL-terminated); its length, or 0 when
 * the token is too long to be a term. */
size_t ivs_term_for_token(const ivs_token_t *t, char *out, size_t cap);

/* The English stem term (IVS_PREFIX_STEM and the stem) of Latin word
 * WORD (LEN bytes) into OUT (CAP bytes, NUL-terminated); its length, or 0
 * when the word has no stem term (not stemmable, or too long). */
size_t ivs_stem_term(const char *word, size_t len, char *out, size_t cap);

/* The folder filter term of folder PATH (LEN bytes, absolute, without a
 * trailing '/') into OUT (NUL-terminated): IVS_PREFIX_FOLDER and the path
 * when it is at most IVS_FOLDER_TERM_PATH bytes (no two folders share a
 * term), else IVS_PREFIX_FOLDER, '#' and 32 hex digits of a hash. */
#define IVS_FOLDER_TERM_PATH 200
#define IVS_FOLDER_TERM_SIZE (2 + IVS_FOLDER_TERM_PATH + 1)
void ivs_folder_term(const char *path, size_t len,
                     char out[IVS_FOLDER_TERM_SIZE]);

/* Calls CB with the folder term of every folder above SOURCE (an absolute
 * path; for a member of an archive, "ARCHIVE!/dir/member", "ARCHIVE!" and
 * "ARCHIVE!/dir" count as folders too), the root excepted, from the
 * outermost. Returns 0, or CB's non-zero return. */
int ivs_folder_terms_each(const char *source,
                          int (*cb)(void *ctx, const char *term), void *ctx);

/* The stored document data: the record's JSON META (compact: it holds no
 * raw newline), a newline, the interview's TEXT (LEN bytes) as it is. A
 * malloc'd buffer with its length in *OUT_LEN, or NULL when out of memory. */
char *ivs_docdata_encode(const json_t *meta, const char *text, size_t len,
                         size_t *out_len);

/* The record of stored document data DATA (LEN bytes): its JSON object
 * with the text added under "text" (repaired to valid UTF-8 if the data
 * is damaged). Never NULL but when out of memory: damaged JSON gives an
 * object with the text alone. The caller owns the result. */
json_t *ivs_docdata_decode(const char *data, size_t len);

/* The key a field value (a name, a role, a round) is filed and looked up
 * under, so that "Go 后端", "go后端" and "ＧＯ 后端" are one: NFKC, case
 * folded, blanks collapsed to one space and dropped next to non-ASCII
 * characters, ',' (the facet separator) made a space; cut to
 * IVS_MAX_TERM_BYTES - 2 bytes on a character boundary. Malloc'd (the
 * caller frees); "" for a blank or invalid value; NULL when out of
 * memory. */
char *ivs_field_key(const char *value, size_t len);

/* Whether a database whose metadata says SCHEMA and ANALYZER (either may
 * be NULL: absent) can be read or updated by programs of IVS_SCHEMA_VERSION
 * and analyzer signature MINE. IVS_OK, or IVS_ERR_SCHEMA with a malloc'd
 * one-line reason in *WHY (the caller frees) that ends by telling to run
 * 'ivindex --reindex PATH...'. A database with neither (new, empty) is
 * compatible. */
ivs_status_t ivs_schema_check(const char *schema, const char *analyzer,
                              const char *mine, char **why);

#endif

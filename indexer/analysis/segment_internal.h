/* Private to the segmentation module: the compiled dictionary file format
 * (written by ivs-mkdict, mapped by dict.c) and the dictionary handle that
 * segment.c walks. Nothing outside indexer/analysis/dict.c, indexer/analysis/segment.c and
 * indexer/analysis/mkdict.c includes this. */
#ifndef IVS_SEGMENT_INTERNAL_H
#define IVS_SEGMENT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "ivs/segment.h"

/* File format, native byte order (the endian mark rejects a foreign one).
 * Every section starts at a multiple of 8 bytes from the file start.
 *
 *   header        struct dict_header
 *   charmap top   uint16_t[IVS_DICT_CHARMAP_PAGES]: page of code point >> 8
 *   charmap pages uint16_t[n_pages][256]: character id (0 = unknown);
 *                 page 0 is all zeros
 *   trie          struct dict_node[n_nodes]: double-array trie over
 *                 character ids, root at 0
 *   hmm           float[n_chars + 1][4] emission log probabilities by
 *                 character id and state B, M, E, S (id 0: unknown), then
 *                 float start[4], float trans[4][4]; absent when n_hmm = 0
 *
 * History: 1 = first version.
 */
#define IVS_DICT_MAGIC "IVSDICT\0"
#define IVS_DICT_VERSION 1u
#define IVS_DICT_ENDIAN_MARK 0x01020304u
#define IVS_DICT_CHARMAP_PAGES 0x1100u /* 0x110000 >> 8 */
#define IVS_DICT_MAX_WORD 64u          /* code points; longer are dropped */
#define IVS_DICT_NOT_WORD 1.0f         /* logp of a node that ends no word */

enum { HMM_B, HMM_M, HMM_E, HMM_S, HMM_STATES };

struct dict_header {
    char magic[8];
    uint32_t version;
    uint32_t endian_mark;
    uint64_t file_size;
    uint64_t checksum;   /* words, frequencies and HMM tables */
    uint64_t total_freq; /* sum of source frequencies */
    uint32_t n_words;
    uint32_t n_nodes;
    uint32_t n_chars; /* character ids run 1..n_chars */
    uint32_t n_pages;
    uint32_t max_word_len; /* code points */
    uint32_t n_hmm;        /* 1 when HMM tables are present, else 0 */
    float unknown_logp;    /* log(1 / total_freq) */
    uint32_t reserved;
    uint64_t charmap_offset;
    uint64_t trie_offset;
    uint64_t hmm_offset;
    uint64_t header_hash; /* hash of this header with this field zero */
};

/* One double-array slot: child of S by character C is T = BASE[S] + C when
 * CHECK[T] == S. LOGP is log(freq / total) when the path to T spells a word,
 * else IVS_DICT_NOT_WORD. Free slots have CHECK == UINT32_MAX. */
struct dict_node {
    int32_t base;
    uint32_t check;
    float logp;
};

#define IVS_DICT_FREE UINT32_MAX

/* In-memory user words: an open-addressing table holding every word and
 * every prefix of a word, keyed by code points. */
struct user_entry {
    uint64_t hash;   /* 0 = empty slot */
    uint32_t key;    /* offset into user_cps */
    uint16_t len;    /* code points */
    uint8_t is_word; /* 1 when LOGP applies (it may say "not a word") */
    uint8_t pad;
    float logp; /* IVS_DICT_NOT_WORD: removed with frequency 0 */
    uint32_t freq;
};

struct ivs_dict {
    void *map;
    size_t map_size;
    const struct dict_header *header;
    const uint16_t *charmap_top;
    const uint16_t *charmap_pages;
    const struct dict_node *nodes;
    uint32_t n_nodes;
    uint32_t n_chars;
    uint32_t max_word_len; /* compiled and user words */
    float unknown_logp;
    const float *hmm_emit; /* NULL without HMM */
    const float *hmm_start;
    const float *hmm_trans;
    uint64_t checksum; /* compiled checksum mixed with user words */

    struct user_entry *user; /* NULL until a user word is added */
    size_t user_cap;         /* power of two */
    size_t user_used;
    uint32_t *user_cps;
    size_t user_cps_len, user_cps_cap;
    uint32_t user_max_len;
};

/* Is C a character the segmenter treats as a Han ideograph? */
static inline int
ivs_seg_is_han(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x20000 && c <= 0x323AF) || (c >= 0xF900 && c <= 0xFAFF) ||
           c == 0x3005 || c == 0x3007 || c == 0x25CB;
}

/* Character id of C in DICT's trie, 0 when C is in no word. */
static inline uint32_t
ivs_dict_char_id(const struct ivs_dict *dict, uint32_t c)
{
    if (c >= 0x110000)
        return 0;
    uint32_t page = dict->charmap_top[c >> 8];
    uint32_t id = dict->charmap_pages[(size_t)page * 256 + (c & 255)];
    return id <= dict->n_chars ? id : 0; /* the file may be damaged */
}

/* Child of trie node S by character id ID, or UINT32_MAX. */
static inline uint32_t
ivs_dict_child(const struct ivs_dict *dict, uint32_t s, uint32_t id)
{
    uint32_t t = (uint32_t)dict->nodes[s].base + id;
    if (t < dict->n_nodes && dict->nodes[t].check == s)
        return t;
    return UINT32_MAX;
}

/* FNV-1a over bytes, then a final mix: the hash used for the checksum and
 * the header. */
static inline uint64_t
ivs_dict_hash_bytes(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

#define IVS_DICT_HASH_SEED 0xcbf29ce484222325ULL

static inline uint64_t
ivs_dict_mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/* Looks up the word CPS[0..N) among the user words; returns the entry or
 * NULL. Internal to the module (dict.c). */
const struct user_entry *ivs_dict_user_find(const struct ivs_dict *dict,
                                            const uint32_t *cps, size_t n);

/* Finds the user table entry for CPS[0..N) whose hash is HASH (the user
 * steps over CPS), or NULL. Only when DICT->user is not NULL. */
const struct user_entry *ivs_dict_user_probe(const struct ivs_dict *dict,
                                             uint64_t hash, const uint32_t *cps,
                                             size_t n);

/* Hash step of the user table: the hash of a prefix extended by C. */
static inline uint64_t
ivs_dict_user_step(uint64_t h, uint32_t c)
{
    return ivs_dict_mix(h ^ (c + 0x9e3779b97f4a7c15ULL)) | 1;
}

/* Log probability of the word CPS[0..N): user words first, then the
 * compiled trie; IVS_DICT_NOT_WORD when it is no word. */
float ivs_dict_word_logp(const struct ivs_dict *dict, const uint32_t *cps,
                         size_t n);

#endif

/* Text analysis shared by index and query: normalisation (NFKC + case fold,
 * traditional -> simplified), Latin technical tokens and Chinese words, each
 * token with byte offsets into the original text. */
#ifndef IVS_ANALYZE_H
#define IVS_ANALYZE_H

#include <stddef.h>
#include <stdint.h>

#include "ivs/status.h"

/* Bumped whenever the terms produced for some text change. */
#define IVS_ANALYZER_VERSION \
    3 /* 2: simplified characters that tw2sp
                                    rewrites (么) are left alone;
                                    3: punctuation takes no position, and
                                    + joins a technical token (b+tree) */

typedef enum {
    IVS_TOKEN_WORD = 0, /* main-path word: a Chinese word or a Latin token */
    IVS_TOKEN_SUBWORD,  /* search-mode extra: a dictionary word inside a
                           longer word, or a part of a Latin compound
                           (sync.once -> sync, once) */
    IVS_TOKEN_CHAR,     /* one unit of a Chinese run: a Han character or a
                           digit sequence standing before Han */
    IVS_TOKEN_PUNCT     /* punctuation or symbol; reported only with
                           IVS_ANALYZE_PUNCT, never indexed */
} ivs_token_kind_t;

typedef struct {
    const char *term; /* normalised UTF-8, not NUL-terminated; borrowed
                           for the duration of the callback */
    size_t term_len;
    size_t start, end; /* byte range in the original text */
    uint32_t pos;      /* position: each unit (Han character, digit run,
                           Latin token or compound part) takes one;
                           white space and punctuation take none */
    ivs_token_kind_t kind;
    int unit; /* non-zero when this token is a position unit:
                           phrases are sequences of units */
    int cjk;  /* non-zero for Chinese words and characters */
} ivs_token_t;

/* A non-zero return stops the walk and is passed back (FTS5 contract). */
typedef int (*ivs_token_cb)(void *ctx, const ivs_token_t *token);

enum {
    IVS_ANALYZE_SEARCH = 1,     /* search mode: emit IVS_TOKEN_SUBWORD */
    IVS_ANALYZE_CHARS = 2,      /* emit IVS_TOKEN_CHAR */
    IVS_ANALYZE_PUNCT = 4,      /* emit IVS_TOKEN_PUNCT */
    IVS_ANALYZE_QUICK_FOLD = 8, /* fold traditional characters one by one,
                                   without OpenCC's phrases (記憶體 stays
                                   记忆体): for snippets, where loading
                                   OpenCC would cost more than the search */
    IVS_ANALYZE_UNITS = 16,     /* report only the position units (Han
                               characters, digit runs, Latin tokens and
                               their parts), without segmenting Chinese:
                               for snippets, which match query units */
    IVS_ANALYZE_INDEX = IVS_ANALYZE_SEARCH | IVS_ANALYZE_CHARS
};

typedef struct ivs_analyzer ivs_analyzer_t;

/* Opens an analyzer with the compiled dictionary at DICT_PATH (NULL: the
 * installed one, see ivs_data_file()) and, when USER_DICT is non-NULL, the
 * user's plain-text dictionary. On failure *OUT is NULL and *ERR (when
 * non-NULL) receives a malloc'd message naming the file; caller frees.
 * Returns IVS_ERR_IO, IVS_ERR_CORRUPT, IVS_ERR_INPUT or IVS_ERR_NOMEM. */
ivs_status_t ivs_analyzer_open(const char *dict_path, const char *user_dict,
                               ivs_analyzer_t **out, char **err);

/* Releases A; NULL is allowed. */
void ivs_analyzer_close(ivs_analyzer_t *a);

/* A string that identifies how text is analysed (analyzer version,
 * dictionary checksum, normalisation); stored in the database so that a
 * mismatch is detected. Borrowed until ivs_analyzer_close(). */
const char *ivs_analyzer_signature(const ivs_analyzer_t *a);

/* Analyses LEN bytes of UTF-8 TEXT (invalid bytes are skipped), reporting
 * tokens in text order through CB. FLAGS is a mask of IVS_ANALYZE_*.
 * Positions start at FIRST_POS; *NEXT_POS (when non-NULL) receives the
 * position after the last unit. Returns 0, the callback's non-zero value,
 * or -1 when out of memory. Not thread-safe per analyzer. */
int ivs_analyze(ivs_analyzer_t *a, const char *text, size_t len, unsigned flags,
                uint32_t first_pos, uint32_t *next_pos, ivs_token_cb cb,
                void *ctx);

/* The English stem of the lower-case Latin WORD (LEN bytes) into OUT (CAP
 * bytes, NUL-terminated); returns its length, or 0 when WORD has none or it
 * does not fit. Index and query both add it under IVS_PREFIX_STEM. */
size_t ivs_stem_english(const char *word, size_t len, char *out, size_t cap);

/* Is TERM a word worth stemming: 3 to 40 ASCII letters. */
int ivs_stemmable(const char *term, size_t len);

/* Normalises TEXT the way terms are (NFKC, case fold, simplified Chinese)
 * into a malloc'd NUL-terminated string; NULL when out of memory. */
char *ivs_normalize(ivs_analyzer_t *a, const char *text, size_t len);

/* A copy of LEN bytes of S with every invalid UTF-8 byte replaced by
 * U+FFFD (for JSON and terminals); malloc'd, NULL when out of memory. */
char *ivs_utf8_repair(const char *s, size_t len);

#include "ivs/datapath.h"

#endif

/* The analyzer: normalisation with an offset map, traditional -> simplified
 * folding, Latin technical tokens and Chinese segmentation. Index and query
 * both call this file, so their terms always agree. */
#include <inttypes.h>
#include <dlfcn.h>
#include <opencc/opencc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "ivs/grow.h"
#include "ivs/analyze.h"
#include "ivs/segment.h"
#include "ivs/text.h"

extern const uint32_t ivs_tradmap_limit;
extern const uint8_t ivs_tradmap[];

/* Text is analysed in chunks cut at white space so buffers stay bounded
 * whatever the input size. */
#define CHUNK_BYTES (256 * 1024)
#define CHUNK_HARD_LIMIT (1024 * 1024)
/* Latin tokens longer than this are cut into pieces. */
#define MAX_LATIN_CPS 64
#define MAX_PARTS 32

/* OpenCC is loaded with dlopen() on first need: linking it costs every
 * process about half a millisecond of dynamic loading, and most queries and
 * many archives never hold a traditional character. */
static struct {
    opencc_t (*open)(const char *config);
    char *(*convert)(opencc_t cc, const char *in, size_t len);
    void (*free_utf8)(char *s);
    int (*close)(opencc_t cc);
} cc_api;

static int cc_state = -1; /* 1 when loaded */

static void
cc_load_once(void)
{
    void *h = dlopen(IVS_OPENCC_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h)
        return;
    *(void **)&cc_api.open = dlsym(h, "opencc_open");
    *(void **)&cc_api.convert = dlsym(h, "opencc_convert_utf8");
    *(void **)&cc_api.free_utf8 = dlsym(h, "opencc_convert_utf8_free");
    *(void **)&cc_api.close = dlsym(h, "opencc_close");
    if (cc_api.open && cc_api.convert && cc_api.free_utf8 && cc_api.close)
        cc_state = 1;
}

static int
cc_load(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, cc_load_once);
    return cc_state > 0;
}

struct ivs_analyzer {
    ivs_dict_t *dict;
    opencc_t cc; /* opened on first need: loading costs milliseconds */
    int cc_failed;
    char signature[128];

    /* normalised code points of the current chunk and, for each, the byte
     * range of the original text it came from */
    uint32_t *cps;
    size_t *ostart, *oend;
    size_t cap;

    /* scratch for one Chinese run (after OpenCC) */
    uint32_t *run;
    size_t *rstart, *rend;
    uint32_t *unit_of;
    size_t run_cap;

    /* segmenter output for one run */
    struct seg_word {
        uint32_t start, end;
        int subword;
    } * words;
    size_t n_words, words_cap;

    char *term;
    size_t term_cap;
};

/* ---- code point classes ---------------------------------------------- */

static int
is_han(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F) ||
           cp == 0x3007;
}

static int
is_ascii_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

static int
is_space(uint32_t cp)
{
    if (cp < 0x80)
        return cp <= ' ' || cp == 0x7F;
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
           c == UTF8PROC_CATEGORY_ZP || c == UTF8PROC_CATEGORY_CC ||
           c == UTF8PROC_CATEGORY_CF;
}

/* Letters, digits and marks of non-Han scripts: the stuff of Latin tokens. */
static int
is_word(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               (cp >= '0' && cp <= '9');
    if (is_han(cp))
        return 0;
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: return 1;
    default: return 0;
    }
}

static int
is_letter(uint32_t cp)
{
    return is_word(cp) && !(cp >= '0' && cp <= '9') &&
           utf8proc_category((utf8proc_int32_t)cp) != UTF8PROC_CATEGORY_ND;
}

static int
is_traditional(uint32_t cp)
{
    return cp < ivs_tradmap_limit && (ivs_tradmap[cp >> 3] >> (cp & 7)) & 1;
}

/* ---- buffers ---------------------------------------------------------- */

static int
grow_chunk(ivs_analyzer_t *a, size_t need)
{
    if (need <= a->cap)
        return 0;
    size_t cap = a->cap ? a->cap : 4096;
    while (cap < need)
        cap *= 2;
    uint32_t *cps = realloc(a->cps, cap * sizeof *cps);
    if (!cps)
        return -1;
    a->cps = cps;
    size_t *os = realloc(a->ostart, cap * sizeof *os);
    if (!os)
        return -1;
    a->ostart = os;
    size_t *oe = realloc(a->oend, cap * sizeof *oe);
    if (!oe)
        return -1;
    a->oend = oe;
    a->cap = cap;
    return 0;
}

static int
grow_run(ivs_analyzer_t *a, size_t need)
{
    if (need <= a->run_cap)
        return 0;
    size_t cap = a->run_cap ? a->run_cap : 256;
    while (cap < need)
        cap *= 2;
    uint32_t *run = realloc(a->run, cap * sizeof *run);
    if (!run)
        return -1;
    a->run = run;
    size_t *rs = realloc(a->rstart, cap * sizeof *rs);
    if (!rs)
        return -1;
    a->rstart = rs;
    size_t *re = realloc(a->rend, cap * sizeof *re);
    if (!re)
        return -1;
    a->rend = re;
    uint32_t *u = realloc(a->unit_of, (cap + 1) * sizeof *u);
    if (!u)
        return -1;
    a->unit_of = u;
    a->run_cap = cap;
    return 0;
}

static int
reserve_term(ivs_analyzer_t *a, size_t need)
{
    return ivs_grow(&a->term, &a->term_cap, need, 1, 256);
}

/* Encodes CPS[0..N) as UTF-8 into a->term; returns the length or -1. */
static long
encode_term(ivs_analyzer_t *a, const uint32_t *cps, size_t n)
{
    if (reserve_term(a, n * 4 + 1) < 0)
        return -1;
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += (size_t)utf8proc_encode_char((utf8proc_int32_t)cps[i],
                                            (utf8proc_uint8_t *)a->term + len);
    a->term[len] = '\0';
    return (long)len;
}

/* ---- open / close ------------------------------------------------------ */

static char *
format_error(const char *fmt, const char *arg, const char *detail)
{
    size_t n = strlen(fmt) + strlen(arg) + strlen(detail) + 1;
    char *msg = malloc(n);
    if (msg)
        snprintf(msg, n, fmt, arg, detail);
    return msg;
}

ivs_status_t
ivs_analyzer_open(const char *dict_path, const char *user_dict,
                  ivs_analyzer_t **out, char **err)
{
    *out = NULL;
    if (err)
        *err = NULL;
    ivs_analyzer_t *a = calloc(1, sizeof *a);
    if (!a)
        return IVS_ERR_NOMEM;

    char *found = NULL;
    if (!dict_path) {
        found = ivs_data_file("ivs.dict");
        if (!found) {
            if (err)
                *err = format_error("%s%s",
                                    "no compiled dictionary ivs.dict "
                                    "found: set IVSEARCH_DATA_DIR or install "
                                    "ivsearch",
                                    "");
            free(a);
            return IVS_ERR_IO;
        }
        dict_path = found;
    }
    ivs_status_t st = ivs_dict_open(dict_path, &a->dict);
    if (st != IVS_OK) {
        if (err)
            *err = format_error("dictionary %s: %s", dict_path,
                                ivs_status_str(st));
        free(found);
        free(a);
        return st;
    }
    if (user_dict) {
        size_t bad_line = 0;
        st = ivs_dict_add_user(a->dict, user_dict, &bad_line);
        if (st != IVS_OK) {
            if (err) {
                char detail[64];
                if (st == IVS_ERR_INPUT)
                    snprintf(detail, sizeof detail,
                             "line %zu is not "
                             "\"word [frequency]\"",
                             bad_line);
                else
                    snprintf(detail, sizeof detail, "%s", ivs_status_str(st));
                *err =
                    format_error("user dictionary %s: %s", user_dict, detail);
            }
            ivs_dict_close(a->dict);
            free(found);
            free(a);
            return st;
        }
    }
    free(found);
    snprintf(a->signature, sizeof a->signature,
             "analyzer=%d norm=nfkc-casefold-tw2sp dict=%016" PRIx64,
             IVS_ANALYZER_VERSION, ivs_dict_checksum(a->dict));
    *out = a;
    return IVS_OK;
}

void
ivs_analyzer_close(ivs_analyzer_t *a)
{
    if (!a)
        return;
    ivs_dict_close(a->dict);
    if (a->cc)
        cc_api.close(a->cc);
    free(a->cps);
    free(a->ostart);
    free(a->oend);
    free(a->run);
    free(a->rstart);
    free(a->rend);
    free(a->unit_of);
    free(a->words);
    free(a->term);
    free(a);
}

const char *
ivs_analyzer_signature(const ivs_analyzer_t *a)
{
    return a->signature;
}

/* ---- normalisation ------------------------------------------------------ */

static int
push_cp(ivs_analyzer_t *a, size_t *n, uint32_t cp, size_t s, size_t e)
{
    if (*n >= a->cap && grow_chunk(a, *n + 1) < 0)
        return -1;
    a->cps[*n] = cp;
    a->ostart[*n] = s;
    a->oend[*n] = e;
    (*n)++;
    return 0;
}

/* Normalises TEXT[from, to) into a->cps with offsets; returns the count or
 * -1. ASCII and common Han take a fast path; everything else goes through
 * utf8proc NFKC + case fold one base character (with its marks) at a time. */
static long
normalize_chunk(ivs_analyzer_t *a, const char *text, size_t from, size_t to)
{
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)text;
    size_t n = 0;
    if (grow_chunk(a, to - from + 16) < 0)
        return -1;
    size_t i = from;
    while (i < to) {
        uint8_t c = s[i];
        if (c < 0x80) {
            uint32_t cp = (c >= 'A' && c <= 'Z') ? (uint32_t)c + 32 : c;
            if (push_cp(a, &n, cp, i, i + 1) < 0)
                return -1;
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t len =
            utf8proc_iterate(s + i, (utf8proc_ssize_t)(to - i), &cp);
        if (len <= 0) { /* invalid byte: skip it */
            i++;
            continue;
        }
        if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)) {
            if (push_cp(a, &n, (uint32_t)cp, i, i + (size_t)len) < 0)
                return -1;
            i += (size_t)len;
            continue;
        }
        /* slow path: the base character and the marks that follow it */
        size_t cs = i, ce = i + (size_t)len;
        int marks = 0;
        while (ce < to && marks < 16) {
            utf8proc_int32_t m;
            utf8proc_ssize_t ml =
                utf8proc_iterate(s + ce, (utf8proc_ssize_t)(to - ce), &m);
            if (ml <= 0)
                break;
            utf8proc_category_t cat = utf8proc_category(m);
            if (cat != UTF8PROC_CATEGORY_MN && cat != UTF8PROC_CATEGORY_MC &&
                cat != UTF8PROC_CATEGORY_ME)
                break;
            ce += (size_t)ml;
            marks++;
        }
        utf8proc_int32_t buf[256];
        utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPAT |
                                 UTF8PROC_CASEFOLD | UTF8PROC_IGNORE;
        utf8proc_ssize_t m =
            utf8proc_decompose(s + cs, (utf8proc_ssize_t)(ce - cs), buf, 256,
                               opts | UTF8PROC_DECOMPOSE);
        if (m > 0 && m <= 256)
            m = utf8proc_normalize_utf32(buf, m, opts | UTF8PROC_COMPOSE);
        if (m < 0 || m > 256) { /* cannot normalise: keep as is */
            buf[0] = cp;
            m = 1;
        }
        for (utf8proc_ssize_t k = 0; k < m; k++)
            if (push_cp(a, &n, (uint32_t)buf[k], cs, ce) < 0)
                return -1;
        i = ce;
    }
    return (long)n;
}

/* Where to end the chunk that starts at FROM: at white space past
 * CHUNK_BYTES, or at a character boundary past CHUNK_HARD_LIMIT. */
static size_t
chunk_end(const char *text, size_t len, size_t from)
{
    if (len - from <= CHUNK_BYTES)
        return len;
    size_t i = from + CHUNK_BYTES;
    size_t hard = from + CHUNK_HARD_LIMIT < len ? from + CHUNK_HARD_LIMIT : len;
    for (; i < hard; i++)
        if (text[i] == '\n' || text[i] == ' ' || text[i] == '\t')
            return i + 1;
    while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* ---- traditional -> simplified ---------------------------------------- */

/* Converts a->run[0..*n) through OpenCC when it holds a traditional
 * character. Offsets of a conversion that changes the length are spread
 * over the original range. Returns 0, or -1 when out of memory. */
static int
fold_traditional(ivs_analyzer_t *a, size_t *n, int quick)
{
    size_t i;
    for (i = 0; i < *n; i++)
        if (is_traditional(a->run[i]))
            break;
    if (i == *n)
        return 0;
    if (quick) {
        for (; i < *n; i++)
            if (is_traditional(a->run[i]))
                a->run[i] = ivs_text_simplified(a->run[i]);
        return 0;
    }
    if (!a->cc && !a->cc_failed) {
        a->cc = cc_load() ? cc_api.open("tw2sp.json") : (opencc_t)-1;
        if (a->cc == (opencc_t)-1) {
            a->cc = NULL;
            a->cc_failed = 1;
        }
    }
    if (!a->cc) { /* no OpenCC: character by character is next best */
        for (; i < *n; i++)
            if (is_traditional(a->run[i]))
                a->run[i] = ivs_text_simplified(a->run[i]);
        return 0;
    }
    long len = encode_term(a, a->run, *n);
    if (len < 0)
        return -1;
    char *conv = cc_api.convert(a->cc, a->term, (size_t)len);
    if (!conv)
        return 0;
    /* decode into a temporary array */
    size_t clen = strlen(conv);
    uint32_t *out = malloc((clen + 1) * sizeof *out);
    if (!out) {
        cc_api.free_utf8(conv);
        return -1;
    }
    size_t m = 0, p = 0;
    while (p < clen) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t l =
            utf8proc_iterate((const utf8proc_uint8_t *)conv + p,
                             (utf8proc_ssize_t)(clen - p), &cp);
        if (l <= 0)
            break;
        out[m++] = (uint32_t)cp;
        p += (size_t)l;
    }
    cc_api.free_utf8(conv);
    if (m == 0 || grow_run(a, m) < 0) {
        free(out);
        return m == 0 ? 0 : -1;
    }
    if (m == *n) {
        memcpy(a->run, out, m * sizeof *out);
    } else {
        /* Characters that did not change at either end keep their own
         * offsets; the rewritten middle (記憶體 -> 内存) spreads over the
         * original middle. */
        size_t pre = 0, suf = 0, lim = m < *n ? m : *n;
        while (pre < lim && out[pre] == a->run[pre])
            pre++;
        while (suf < lim - pre && out[m - 1 - suf] == a->run[*n - 1 - suf])
            suf++;
        size_t *ns = malloc(m * sizeof *ns), *ne = malloc(m * sizeof *ne);
        if (!ns || !ne) {
            free(ns);
            free(ne);
            free(out);
            return -1;
        }
        size_t mid_in = *n - pre - suf, mid_out = m - pre - suf;
        for (size_t k = 0; k < m; k++) {
            size_t from, to;
            if (k < pre) {
                from = k;
                to = k + 1;
            } else if (k >= m - suf) {
                from = *n - (m - k);
                to = from + 1;
            } else {
                size_t j = k - pre;
                from = pre + j * mid_in / mid_out;
                to = pre + (j + 1) * mid_in / mid_out;
                if (to <= from)
                    to = from + 1;
            }
            if (from >= *n)
                from = *n - 1;
            if (to > *n)
                to = *n;
            ns[k] = a->rstart[from];
            ne[k] = a->rend[to - 1];
        }
        memcpy(a->run, out, m * sizeof *out);
        memcpy(a->rstart, ns, m * sizeof *ns);
        memcpy(a->rend, ne, m * sizeof *ne);
        free(ns);
        free(ne);
        *n = m;
    }
    free(out);
    return 0;
}

/* ---- tokens --------------------------------------------------------------- */

typedef struct {
    ivs_analyzer_t *a;
    unsigned flags;
    ivs_token_cb cb;
    void *ctx;
    uint32_t pos;
} walk_t;

static int
emit(walk_t *w, const uint32_t *cps, size_t n, size_t start, size_t end,
     uint32_t pos, ivs_token_kind_t kind, int unit, int cjk)
{
    if (!unit && (w->flags & IVS_ANALYZE_UNITS))
        return 0;
    long len = encode_term(w->a, cps, n);
    if (len < 0)
        return -1;
    ivs_token_t t = {.term = w->a->term,
                     .term_len = (size_t)len,
                     .start = start,
                     .end = end,
                     .pos = pos,
                     .kind = kind,
                     .unit = unit,
                     .cjk = cjk};
    return w->cb(w->ctx, &t);
}

static int
collect_word(void *ctx, size_t start, size_t end, int subword)
{
    ivs_analyzer_t *a = ctx;
    if (ivs_grow(&a->words, &a->words_cap, a->n_words + 1, sizeof *a->words,
                 64) < 0)
        return -1;
    a->words[a->n_words++] =
        (struct seg_word){(uint32_t)start, (uint32_t)end, subword};
    return 0;
}

/* The units (Han characters, digit runs) of a->run[from, to), at positions
 * from BASE. */
static int
emit_units(walk_t *w, size_t from, size_t to, uint32_t base)
{
    ivs_analyzer_t *a = w->a;
    for (size_t i = from; i < to;) {
        size_t j = i + 1;
        while (j < to && a->unit_of[j] == a->unit_of[i])
            j++;
        int rc = emit(w, a->run + i, j - i, a->rstart[i], a->rend[j - 1],
                      base + a->unit_of[i], IVS_TOKEN_CHAR, 1, 1);
        if (rc)
            return rc;
        i = j;
    }
    return 0;
}

/* A Chinese run a->cps[from, to): fold, segment, emit words, sub-words and
 * characters. */
static int
cjk_run(walk_t *w, size_t from, size_t to)
{
    ivs_analyzer_t *a = w->a;
    size_t n = to - from;
    if (grow_run(a, n) < 0)
        return -1;
    memcpy(a->run, a->cps + from, n * sizeof *a->run);
    memcpy(a->rstart, a->ostart + from, n * sizeof *a->rstart);
    memcpy(a->rend, a->oend + from, n * sizeof *a->rend);
    if (fold_traditional(a, &n, (w->flags & IVS_ANALYZE_QUICK_FOLD) != 0) < 0)
        return -1;

    /* units: each Han character, each digit sequence */
    uint32_t units = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && is_ascii_digit(a->run[i]) && is_ascii_digit(a->run[i - 1]))
            a->unit_of[i] = a->unit_of[i - 1];
        else
            a->unit_of[i] = units++;
    }
    a->unit_of[n] = units;

    uint32_t base = w->pos;
    int rc;
    if (w->flags & IVS_ANALYZE_UNITS) {
        rc = emit_units(w, 0, n, base);
        w->pos = base + units;
        return rc;
    }

    a->n_words = 0;
    rc = ivs_segment(a->dict, a->run, n, (w->flags & IVS_ANALYZE_SEARCH) != 0,
                     collect_word, a);
    if (rc != 0)
        return rc;

    for (size_t k = 0; k < a->n_words; k++) {
        struct seg_word sw = a->words[k];
        if (sw.start >= sw.end || sw.end > n)
            continue;
        rc = emit(w, a->run + sw.start, sw.end - sw.start, a->rstart[sw.start],
                  a->rend[sw.end - 1], base + a->unit_of[sw.start],
                  sw.subword ? IVS_TOKEN_SUBWORD : IVS_TOKEN_WORD, 0, 1);
        if (rc)
            return rc;
        if (sw.subword || !(w->flags & IVS_ANALYZE_CHARS))
            continue;
        /* the characters of this word follow its sub-words */
        size_t next = k + 1;
        while (next < a->n_words && a->words[next].subword)
            next++;
        for (size_t j = k + 1; j < next; j++) {
            struct seg_word sub = a->words[j];
            if (sub.start >= sub.end || sub.end > n)
                continue;
            rc = emit(w, a->run + sub.start, sub.end - sub.start,
                      a->rstart[sub.start], a->rend[sub.end - 1],
                      base + a->unit_of[sub.start], IVS_TOKEN_SUBWORD, 0, 1);
            if (rc)
                return rc;
        }
        if ((rc = emit_units(w, sw.start, sw.end, base)) != 0)
            return rc;
        k = next - 1;
    }
    w->pos = base + units;
    return 0;
}

/* Symbols that join two word parts into one technical token (sync.once,
 * pkg/errors, b+tree); c++ is kept apart by lex_latin's trailing rule. */
static int
is_connector(uint32_t cp)
{
    return cp == '.' || cp == '_' || cp == '-' || cp == '/' || cp == ':' ||
           cp == '\'' || cp == '@' || cp == '&' || cp == '+';
}

/* A Latin token starting at a->cps[from]; returns its end. Parts are
 * recorded in PARTS as [start, end) pairs. */
static size_t
lex_latin(const uint32_t *cps, size_t from, size_t to, size_t parts[][2],
          size_t *n_parts)
{
    size_t i = from;
    *n_parts = 0;
    for (;;) {
        size_t ps = i;
        while (i < to && is_word(cps[i]) && i - from < MAX_LATIN_CPS)
            i++;
        if (*n_parts < MAX_PARTS) {
            parts[*n_parts][0] = ps;
            parts[*n_parts][1] = i;
            (*n_parts)++;
        }
        if (i - from >= MAX_LATIN_CPS || *n_parts >= MAX_PARTS)
            return i;
        /* one connector (or "::") followed by a word character continues */
        size_t c = i;
        if (c < to && is_connector(cps[c])) {
            if (cps[c] == ':' && c + 1 < to && cps[c + 1] == ':')
                c++;
            if (c + 1 < to && is_word(cps[c + 1]) && !is_han(cps[c + 1])) {
                i = c + 1;
                continue;
            }
        }
        break;
    }
    /* c++, c#, f#: trailing + or # kept when no word follows */
    size_t e = i;
    if (e < to && cps[e] == '+' && e + 1 < to && cps[e + 1] == '+')
        e += 2;
    else if (e < to && cps[e] == '#')
        e += 1;
    if (e != i && (e >= to || !is_word(cps[e]))) {
        parts[*n_parts - 1][1] = e;
        i = e;
    }
    return i;
}

static int
latin_token(walk_t *w, size_t from, size_t to, size_t *end)
{
    ivs_analyzer_t *a = w->a;
    size_t parts[MAX_PARTS][2], n_parts;
    size_t e = lex_latin(a->cps, from, to, parts, &n_parts);
    *end = e;
    /* compounds split only when some part has a letter (not 127.0.0.1) */
    int split = 0;
    if (n_parts > 1)
        for (size_t p = 0; p < n_parts && !split; p++)
            for (size_t i = parts[p][0]; i < parts[p][1]; i++)
                if (is_letter(a->cps[i])) {
                    split = 1;
                    break;
                }
    int rc = emit(w, a->cps + from, e - from, a->ostart[from], a->oend[e - 1],
                  w->pos, IVS_TOKEN_WORD, !split, 0);
    if (rc)
        return rc;
    if (!split) {
        w->pos++;
        return 0;
    }
    for (size_t p = 0; p < n_parts; p++) {
        size_t ps = parts[p][0], pe = parts[p][1];
        if (pe > ps && (w->flags & IVS_ANALYZE_SEARCH)) {
            rc = emit(w, a->cps + ps, pe - ps, a->ostart[ps], a->oend[pe - 1],
                      w->pos + (uint32_t)p, IVS_TOKEN_SUBWORD, 1, 0);
            if (rc)
                return rc;
        }
    }
    w->pos += (uint32_t)n_parts;
    return 0;
}

/* Does a digit sequence start at I and lead straight into Han? */
static int
digits_before_han(const uint32_t *cps, size_t i, size_t n)
{
    if (i > 0 && (is_word(cps[i - 1]) || cps[i - 1] == '.'))
        return 0;
    while (i < n && is_ascii_digit(cps[i]))
        i++;
    return i < n && is_han(cps[i]);
}

static int
is_circle(uint32_t cp)
{
    return cp == 0x25CB || cp == 0x3007;
}

/* End of the Chinese run starting at I. */
static size_t
cjk_run_end(const uint32_t *cps, size_t i, size_t n)
{
    while (i < n) {
        if (is_han(cps[i])) {
            i++;
        } else if (is_circle(cps[i]) && i > 0 && is_han(cps[i - 1])) {
            i++;
        } else if (is_ascii_digit(cps[i]) && digits_before_han(cps, i, n) &&
                   (i == 0 || !is_ascii_digit(cps[i - 1]))) {
            while (i < n && is_ascii_digit(cps[i]))
                i++;
        } else {
            break;
        }
    }
    return i;
}

static int
walk_chunk(walk_t *w, size_t n)
{
    ivs_analyzer_t *a = w->a;
    const uint32_t *cps = a->cps;
    size_t i = 0;
    while (i < n) {
        uint32_t cp = cps[i];
        int rc;
        if (is_space(cp)) {
            i++;
            continue;
        }
        if (is_han(cp) || (is_circle(cp) && i + 1 < n && is_han(cps[i + 1])) ||
            (is_ascii_digit(cp) && digits_before_han(cps, i, n))) {
            /* a leading digit sequence joins the run whole */
            size_t e = i + 1;
            while (is_ascii_digit(cp) && e < n && is_ascii_digit(cps[e]))
                e++;
            e = cjk_run_end(cps, e, n);
            if ((rc = cjk_run(w, i, e)))
                return rc;
            i = e;
            continue;
        }
        if (is_word(cp)) {
            size_t e;
            if ((rc = latin_token(w, i, n, &e)))
                return rc;
            i = e;
            continue;
        }
        /* punctuation: a run of the same mark is one token (——, ……). It
         * takes no position, like white space: the units of any text are
         * then the units of its space-separated pieces one after another,
         * so a query typed from a document's text (b+tree, o(n), "a, b")
         * finds its phrase there. (A position per mark made o(n) index o
         * and n two positions apart, while the query asked for them side
         * by side.) */
        size_t e = i + 1;
        while (e < n && cps[e] == cp && e - i < 8)
            e++;
        if (w->flags & IVS_ANALYZE_PUNCT) {
            rc = emit(w, cps + i, e - i, a->ostart[i], a->oend[e - 1], w->pos,
                      IVS_TOKEN_PUNCT, 0, 0);
            if (rc)
                return rc;
        }
        i = e;
    }
    return 0;
}

int
ivs_analyze(ivs_analyzer_t *a, const char *text, size_t len, unsigned flags,
            uint32_t first_pos, uint32_t *next_pos, ivs_token_cb cb, void *ctx)
{
    walk_t w = {.a = a, .flags = flags, .cb = cb, .ctx = ctx, .pos = first_pos};
    size_t from = 0;
    int rc = 0;
    while (from < len) {
        size_t to = chunk_end(text, len, from);
        long n = normalize_chunk(a, text, from, to);
        if (n < 0) {
            rc = -1;
            break;
        }
        if ((rc = walk_chunk(&w, (size_t)n)))
            break;
        from = to;
    }
    if (next_pos)
        *next_pos = w.pos;
    return rc;
}

/* ---- whole-string normalisation --------------------------------------- */

char *
ivs_normalize(ivs_analyzer_t *a, const char *text, size_t len)
{
    size_t cap = len * 2 + 16, used = 0;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    size_t from = 0;
    while (from < len) {
        size_t to = chunk_end(text, len, from);
        long n = normalize_chunk(a, text, from, to);
        if (n < 0)
            goto fail;
        size_t i = 0;
        while (i < (size_t)n) {
            size_t e = i + 1;
            size_t m;
            const uint32_t *src;
            if (is_han(a->cps[i])) {
                while (e < (size_t)n && is_han(a->cps[e]))
                    e++;
                m = e - i;
                if (grow_run(a, m) < 0)
                    goto fail;
                memcpy(a->run, a->cps + i, m * sizeof *a->run);
                memcpy(a->rstart, a->ostart + i, m * sizeof *a->rstart);
                memcpy(a->rend, a->oend + i, m * sizeof *a->rend);
                if (fold_traditional(a, &m, 0) < 0)
                    goto fail;
                src = a->run;
            } else {
                m = 1;
                src = a->cps + i;
            }
            if (ivs_grow(&out, &cap, used + m * 4 + 1, 1, 64) < 0)
                goto fail;
            for (size_t k = 0; k < m; k++)
                used += (size_t)utf8proc_encode_char(
                    (utf8proc_int32_t)src[k], (utf8proc_uint8_t *)out + used);
            i = e;
        }
        from = to;
    }
    out[used] = '\0';
    return out;
fail:
    free(out);
    return NULL;
}

int
ivs_stemmable(const char *term, size_t len)
{
    if (len < 3 || len > 40)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (term[i] < 'a' || term[i] > 'z')
            return 0;
    return 1;
}

char *
ivs_utf8_repair(const char *s, size_t len)
{
    char *out = malloc(len * 3 + 1);
    if (!out)
        return NULL;
    size_t o = 0, i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0 || cp == 0) {
            memcpy(out + o, "\xEF\xBF\xBD", 3); /* U+FFFD */
            o += 3;
            i++;
            continue;
        }
        memcpy(out + o, s + i, (size_t)n);
        o += (size_t)n;
        i += (size_t)n;
    }
    out[o] = '\0';
    return out;
}

/* The topic taxonomy: loading data/topics.txt, resolving names and section
 * headings to topic ids, and finding topics from content keywords. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <utf8proc.h>

#include "ivs/grow.h"
#include "ivs/record.h"
#include "ivs/text.h"
#include "record_internal.h"

/* ---- folding ----------------------------------------------------------
 * Every string compared here (names, headings, keywords and record text)
 * goes through one fold: compatibility decomposition, case folding and
 * mark stripping with utf8proc (ｋａｆｋａ -> kafka, Go -> go), default
 * ignorables dropped, and whitespace kept only between two ASCII characters
 * (so "go 语言" = "Go语言", while "no hire" keeps its space). */

typedef struct {
    char *buf;
    size_t len, cap;
    int space; /* whitespace seen since the last emitted byte */
    int oom;
} fold_t;

static int
fold_reserve(fold_t *f, size_t more)
{
    if (ivs_grow(&f->buf, &f->cap, f->len + more + 1, 1, 64) < 0) {
        f->oom = 1;
        return 0;
    }
    return 1;
}

static void
fold_cp(fold_t *f, int32_t cp)
{
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' ||
        cp == '\f') {
        f->space = 1;
        return;
    }
    if (f->space) {
        if (cp < 0x80 && f->len > 0 && (unsigned char)f->buf[f->len - 1] < 0x80)
            f->buf[f->len++] = ' '; /* room reserved by the caller */
        f->space = 0;
    }
    if (cp < 0x80) {
        f->buf[f->len++] = (char)cp;
        return;
    }
    utf8proc_uint8_t *o = (utf8proc_uint8_t *)f->buf + f->len;
    f->len += (size_t)utf8proc_encode_char(cp, o);
}

/* Folds N bytes of UTF-8 at S onto F (appending). Invalid bytes are
 * skipped. */
static void
fold_text(fold_t *f, const char *s, size_t n)
{
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    while (i < n && !f->oom) {
        /* One code point: at most 20 after decomposition, 4 bytes each,
         * plus a space. */
        if (!fold_reserve(f, 4 * 20 + 8))
            return;
        unsigned char c = u[i];
        if (c < 0x80) {
            fold_cp(f, c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            i++;
            continue;
        }
        i += (size_t)k;
        if (cp >= 0x4E00 && cp <= 0x9FFF) { /* CJK: unchanged by the fold */
            fold_cp(f, cp);
            continue;
        }
        utf8proc_int32_t dst[20];
        int boundclass = 0;
        utf8proc_ssize_t m = utf8proc_decompose_char(
            cp, dst, 20,
            UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                UTF8PROC_IGNORE | UTF8PROC_STRIPMARK | UTF8PROC_LUMP,
            &boundclass);
        if (m < 0 || m > 20)
            continue;
        for (utf8proc_ssize_t j = 0; j < m; j++)
            fold_cp(f, dst[j]);
    }
}

/* Folds into a new NUL-terminated string; NULL when out of memory. */
static char *
fold_dup(const char *s, size_t n, size_t *out_len)
{
    fold_t f = {0};
    if (!fold_reserve(&f, 0))
        return NULL;
    fold_text(&f, s, n);
    if (f.oom) {
        free(f.buf);
        return NULL;
    }
    while (f.len > 0 && f.buf[f.len - 1] == ' ')
        f.len--;
    f.buf[f.len] = '\0';
    if (out_len)
        *out_len = f.len;
    return f.buf;
}

static int
is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           (c >= 'A' && c <= 'Z');
}

/* ---- Aho-Corasick automaton over folded patterns ----------------------- */

enum { REF_NAME = 1, REF_WEAK = 2, REF_STRONG = 4 };

typedef struct {
    unsigned topic;
    unsigned kinds; /* REF_* bits */
} ref_t;

typedef struct {
    char *text; /* folded */
    size_t len;
    size_t cps; /* code points, to compare heading matches */
    ref_t *refs;
    size_t n_refs;
} pattern_t;

typedef struct {
    int32_t next[256];
    int32_t fail;
    int32_t out;  /* pattern ending here, or -1 */
    int32_t dict; /* nearest node on the fail chain with an output, or -1 */
} ac_node_t;

/* ---- the taxonomy ------------------------------------------------------ */

typedef struct {
    const char *text; /* borrowed from the pattern */
    size_t len;
    int32_t pattern;
} pattern_key_t;

typedef struct {
    char *id, *zh, *en;
} topic_t;

typedef struct {
    char *folded;
    unsigned topic;
} name_t;

struct ivs_topics {
    topic_t *topics;
    size_t n_topics;
    name_t *names; /* sorted by folded text */
    size_t n_names;
    pattern_t *patterns;
    size_t n_patterns;
    size_t max_pattern_len;
    pattern_key_t *by_text; /* the patterns sorted by text: short headings
                               are matched by lookup, without the automaton */
    ac_node_t *nodes;
    size_t n_nodes;
    /* The automaton is built on first use: only archive parsing needs it,
     * and building it costs milliseconds that a search should not pay. */
    pthread_mutex_t build_lock;
    int built; /* 1 built, -1 out of memory */
    int lock_ready;
};

static int
name_cmp(const void *a, const void *b)
{
    return strcmp(((const name_t *)a)->folded, ((const name_t *)b)->folded);
}

static int
name_find(const ivs_topics_t *t, const char *folded)
{
    size_t lo = 0, hi = t->n_names;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(folded, t->names[mid].folded);
        if (c == 0)
            return (int)t->names[mid].topic;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

static int
by_text_cmp(const void *a, const void *b)
{
    const pattern_key_t *x = a, *y = b;
    int c = memcmp(x->text, y->text, x->len < y->len ? x->len : y->len);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Fills T->by_text (at load, before T is shared). -1 when out of memory. */
static int
sort_patterns(ivs_topics_t *t)
{
    t->by_text = malloc((t->n_patterns + 1) * sizeof *t->by_text);
    if (!t->by_text)
        return -1;
    for (size_t i = 0; i < t->n_patterns; i++)
        if (t->patterns[i].len > t->max_pattern_len)
            t->max_pattern_len = t->patterns[i].len;
    for (size_t i = 0; i < t->n_patterns; i++)
        t->by_text[i] = (pattern_key_t){.text = t->patterns[i].text,
                                        .len = t->patterns[i].len,
                                        .pattern = (int32_t)i};
    if (t->n_patterns > 1)
        qsort(t->by_text, t->n_patterns, sizeof *t->by_text, by_text_cmp);
    return 0;
}

/* The pattern whose text is the LEN bytes at P, or -1. */
static int32_t
pattern_find(const ivs_topics_t *t, const char *p, size_t len)
{
    size_t lo = 0, hi = t->n_patterns;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const pattern_key_t *q = &t->by_text[mid];
        int c = memcmp(p, q->text, len < q->len ? len : q->len);
        if (c == 0)
            c = (len > q->len) - (len < q->len);
        if (c == 0)
            return q->pattern;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

void
ivs_topics_free(ivs_topics_t *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n_topics; i++) {
        free(t->topics[i].id);
        free(t->topics[i].zh);
        free(t->topics[i].en);
    }
    free(t->topics);
    for (size_t i = 0; i < t->n_names; i++)
        free(t->names[i].folded);
    free(t->names);
    for (size_t i = 0; i < t->n_patterns; i++) {
        free(t->patterns[i].text);
        free(t->patterns[i].refs);
    }
    free(t->patterns);
    free(t->by_text);
    free(t->nodes);
    if (t->lock_ready)
        pthread_mutex_destroy(&t->build_lock);
    free(t);
}

size_t
ivs_topics_count(const ivs_topics_t *t)
{
    return t ? t->n_topics : 0;
}

const char *
ivs_topics_id(const ivs_topics_t *t, size_t i)
{
    return t && i < t->n_topics ? t->topics[i].id : NULL;
}

const char *
ivs_topics_name_zh(const ivs_topics_t *t, size_t i)
{
    return t && i < t->n_topics ? t->topics[i].zh : NULL;
}

const char *
ivs_topics_name_en(const ivs_topics_t *t, size_t i)
{
    return t && i < t->n_topics ? t->topics[i].en : NULL;
}

/* ---- loading ----------------------------------------------------------- */

typedef struct {
    ivs_topics_t *t;
    size_t cap_topics, cap_names, cap_patterns;
    size_t *name_line;       /* line of each name, for duplicate reports */
    uint32_t *pattern_slots; /* open addressing: pattern index + 1, or 0 */
    size_t n_slots;          /* a power of two, at least twice the patterns */
} loader_t;

static uint64_t
text_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

/* The slot of pattern text S (LEN bytes): where it is, or the empty slot
 * where it goes. */
static uint32_t *
pattern_slot(loader_t *L, const char *s, size_t len)
{
    size_t mask = L->n_slots - 1;
    for (size_t i = text_hash(s, len) & mask;; i = (i + 1) & mask) {
        uint32_t v = L->pattern_slots[i];
        if (v == 0)
            return &L->pattern_slots[i];
        const pattern_t *p = &L->t->patterns[v - 1];
        if (p->len == len && memcmp(p->text, s, len) == 0)
            return &L->pattern_slots[i];
    }
}

/* Makes room for one more pattern in the table. */
static int
pattern_slots_reserve(loader_t *L)
{
    if ((L->t->n_patterns + 1) * 2 <= L->n_slots)
        return 0;
    size_t n = L->n_slots ? L->n_slots * 2 : 256;
    uint32_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    uint32_t *old = L->pattern_slots;
    size_t old_n = L->n_slots;
    L->pattern_slots = slots;
    L->n_slots = n;
    for (size_t i = 0; i < old_n; i++)
        if (old[i]) {
            const pattern_t *p = &L->t->patterns[old[i] - 1];
            *pattern_slot(L, p->text, p->len) = old[i];
        }
    free(old);
    return 0;
}

/* Adds a folded name of TOPIC. A name may belong to one topic only:
 * returns IVS_ERR_INPUT when another topic has it. */
static ivs_status_t
add_name(loader_t *L, const char *s, size_t n, unsigned topic, size_t line)
{
    size_t len;
    char *folded = fold_dup(s, n, &len);
    if (!folded)
        return IVS_ERR_NOMEM;
    if (len == 0) {
        free(folded);
        return IVS_OK;
    }
    ivs_topics_t *t = L->t;
    for (size_t i = 0; i < t->n_names; i++)
        if (strcmp(t->names[i].folded, folded) == 0) {
            free(folded);
            return t->names[i].topic == topic ? IVS_OK : IVS_ERR_INPUT;
        }
    size_t cap = L->cap_names;
    if (ivs_grow(&t->names, &L->cap_names, t->n_names + 1, sizeof *t->names,
                 16) < 0) {
        free(folded);
        return IVS_ERR_NOMEM;
    }
    if (L->cap_names != cap) {
        size_t *nl = realloc(L->name_line, L->cap_names * sizeof *nl);
        if (!nl) {
            free(folded);
            return IVS_ERR_NOMEM;
        }
        L->name_line = nl;
    }
    L->name_line[t->n_names] = line;
    t->names[t->n_names++] = (name_t){.folded = folded, .topic = topic};
    return IVS_OK;
}

/* Adds a pattern (name or keyword) for the automaton. */
static ivs_status_t
add_pattern(loader_t *L, const char *s, size_t n, unsigned topic, unsigned kind)
{
    size_t len;
    char *folded = fold_dup(s, n, &len);
    if (!folded)
        return IVS_ERR_NOMEM;
    if (len == 0) {
        free(folded);
        return IVS_OK;
    }
    ivs_topics_t *t = L->t;
    pattern_t *p = NULL;
    if (pattern_slots_reserve(L) < 0) {
        free(folded);
        return IVS_ERR_NOMEM;
    }
    uint32_t *slot = pattern_slot(L, folded, len);
    if (*slot) {
        p = &t->patterns[*slot - 1];
        free(folded);
    } else {
        if (ivs_grow(&t->patterns, &L->cap_patterns, t->n_patterns + 1,
                     sizeof *t->patterns, 16) < 0) {
            free(folded);
            return IVS_ERR_NOMEM;
        }
        p = &t->patterns[t->n_patterns++];
        size_t cps = 0;
        for (size_t i = 0; i < len; i++)
            cps += ((unsigned char)folded[i] & 0xC0) != 0x80;
        *p = (pattern_t){.text = folded, .len = len, .cps = cps};
        *slot = (uint32_t)t->n_patterns;
    }
    for (size_t i = 0; i < p->n_refs; i++)
        if (p->refs[i].topic == topic) {
            p->refs[i].kinds |= kind;
            return IVS_OK;
        }
    ref_t *nr = realloc(p->refs, (p->n_refs + 1) * sizeof *nr);
    if (!nr)
        return IVS_ERR_NOMEM;
    p->refs = nr;
    p->refs[p->n_refs++] = (ref_t){.topic = topic, .kinds = kind};
    return IVS_OK;
}

static void
trim(const char **s, size_t *n)
{
    while (*n > 0 && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*n)--;
    }
    while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' ||
                      (*s)[*n - 1] == '\r'))
        (*n)--;
}

static int
valid_id(const char *s, size_t n)
{
    if (n == 0 || n > 32 || s[0] < 'a' || s[0] > 'z')
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
              s[i] == '_' || s[i] == '-'))
            return 0;
    return 1;
}

/* Splits a list value at ",", "，" or "、" and calls ADD for each item. */
static ivs_status_t
each_item(loader_t *L, const char *v, size_t n, unsigned topic, size_t line,
          int names, unsigned kind)
{
    size_t i = 0;
    while (i <= n) {
        size_t j = i, sep = 0;
        while (j < n) {
            if (v[j] == ',') {
                sep = 1;
                break;
            }
            if (n - j >= 3 &&
                (memcmp(v + j, "，", 3) == 0 || memcmp(v + j, "、", 3) == 0)) {
                sep = 3;
                break;
            }
            j++;
        }
        const char *item = v + i;
        size_t len = j - i;
        trim(&item, &len);
        if (len > 0) {
            ivs_status_t st = IVS_OK;
            if (names)
                st = add_name(L, item, len, topic, line);
            if (st == IVS_OK)
                st = add_pattern(L, item, len, topic, names ? REF_NAME : kind);
            if (st != IVS_OK)
                return st;
        }
        if (!sep)
            break;
        i = j + sep;
    }
    return IVS_OK;
}

/* Builds the automaton: a trie of the patterns, then breadth-first fail
 * links, with every transition filled in so matching reads one entry per
 * byte. */
static ivs_status_t
build_automaton(ivs_topics_t *t)
{
    size_t cap = 1;
    for (size_t i = 0; i < t->n_patterns; i++) {
        cap += t->patterns[i].len;
        if (t->patterns[i].len > t->max_pattern_len)
            t->max_pattern_len = t->patterns[i].len;
    }
    if (cap > INT32_MAX)
        return IVS_ERR_NOMEM;
    t->nodes = malloc(cap * sizeof *t->nodes);
    if (!t->nodes)
        return IVS_ERR_NOMEM;
    int32_t *queue = malloc(cap * sizeof *queue);
    if (!queue)
        return IVS_ERR_NOMEM;
    t->n_nodes = 1;
    memset(t->nodes[0].next, -1, sizeof t->nodes[0].next);
    t->nodes[0].fail = 0;
    t->nodes[0].out = -1;
    t->nodes[0].dict = -1;
    for (size_t i = 0; i < t->n_patterns; i++) {
        const unsigned char *p = (const unsigned char *)t->patterns[i].text;
        int32_t s = 0;
        for (size_t k = 0; k < t->patterns[i].len; k++) {
            if (t->nodes[s].next[p[k]] < 0) {
                ac_node_t *nd = &t->nodes[t->n_nodes];
                memset(nd->next, -1, sizeof nd->next);
                nd->fail = 0;
                nd->out = -1;
                nd->dict = -1;
                t->nodes[s].next[p[k]] = (int32_t)t->n_nodes++;
            }
            s = t->nodes[s].next[p[k]];
        }
        t->nodes[s].out = (int32_t)i;
    }
    size_t head = 0, tail = 0;
    for (int c = 0; c < 256; c++) {
        int32_t s = t->nodes[0].next[c];
        if (s < 0) {
            t->nodes[0].next[c] = 0;
        } else {
            t->nodes[s].fail = 0;
            queue[tail++] = s;
        }
    }
    while (head < tail) {
        int32_t r = queue[head++];
        ac_node_t *nr = &t->nodes[r];
        int32_t f = nr->fail;
        nr->dict = t->nodes[f].out >= 0 ? f : t->nodes[f].dict;
        for (int c = 0; c < 256; c++) {
            int32_t s = nr->next[c];
            if (s < 0) {
                nr->next[c] = t->nodes[f].next[c];
            } else {
                t->nodes[s].fail = r == 0 ? 0 : t->nodes[f].next[c];
                queue[tail++] = s;
            }
        }
    }
    free(queue);
    return IVS_OK;
}

/* Builds T's automaton once; non-zero when it cannot be had. */
static int
ensure_automaton(const ivs_topics_t *ct)
{
    ivs_topics_t *t = (ivs_topics_t *)ct;
    pthread_mutex_lock(&t->build_lock);
    if (t->built == 0)
        t->built = build_automaton(t) == IVS_OK ? 1 : -1;
    int ok = t->built == 1;
    pthread_mutex_unlock(&t->build_lock);
    return !ok;
}

static ivs_status_t
parse_line(loader_t *L, const char *s, size_t n, size_t line,
           size_t *block_line)
{
    ivs_topics_t *t = L->t;
    trim(&s, &n);
    if (n == 0 || s[0] == '#')
        return IVS_OK;
    if (s[0] == '[') {
        if (n < 3 || s[n - 1] != ']')
            return IVS_ERR_INPUT;
        const char *id = s + 1;
        size_t idn = n - 2;
        trim(&id, &idn);
        if (!valid_id(id, idn))
            return IVS_ERR_INPUT;
        for (size_t i = 0; i < t->n_topics; i++)
            if (strlen(t->topics[i].id) == idn &&
                memcmp(t->topics[i].id, id, idn) == 0)
                return IVS_ERR_INPUT;
        if (t->n_topics > 0 &&
            (!t->topics[t->n_topics - 1].zh || !t->topics[t->n_topics - 1].en))
            return IVS_ERR_INPUT; /* reported at this line: the block above
                                     is incomplete */
        if (ivs_grow(&t->topics, &L->cap_topics, t->n_topics + 1,
                     sizeof *t->topics, 16) < 0)
            return IVS_ERR_NOMEM;
        char *idcopy = ivs_text_dup(id, idn);
        if (!idcopy)
            return IVS_ERR_NOMEM;
        t->topics[t->n_topics++] = (topic_t){.id = idcopy};
        *block_line = line;
        ivs_status_t st = add_name(L, id, idn, (unsigned)t->n_topics - 1, line);
        if (st == IVS_OK)
            st = add_pattern(L, id, idn, (unsigned)t->n_topics - 1, REF_NAME);
        return st;
    }
    if (t->n_topics == 0)
        return IVS_ERR_INPUT;
    unsigned topic = (unsigned)t->n_topics - 1;
    const char *colon = memchr(s, ':', n);
    if (!colon)
        return IVS_ERR_INPUT;
    const char *key = s;
    size_t keyn = (size_t)(colon - s);
    const char *val = colon + 1;
    size_t valn = n - keyn - 1;
    trim(&key, &keyn);
    trim(&val, &valn);
#define KEY_IS(k) (keyn == strlen(k) && memcmp(key, k, keyn) == 0)
    if (KEY_IS("zh") || KEY_IS("en")) {
        char **slot =
            KEY_IS("zh") ? &t->topics[topic].zh : &t->topics[topic].en;
        if (*slot || valn == 0)
            return IVS_ERR_INPUT;
        *slot = ivs_text_dup(val, valn);
        if (!*slot)
            return IVS_ERR_NOMEM;
        ivs_status_t st = add_name(L, val, valn, topic, line);
        if (st == IVS_OK)
            st = add_pattern(L, val, valn, topic, REF_NAME);
        return st;
    }
    if (KEY_IS("aliases"))
        return each_item(L, val, valn, topic, line, 1, REF_NAME);
    if (KEY_IS("keywords"))
        return each_item(L, val, valn, topic, line, 0, REF_WEAK);
    if (KEY_IS("strong"))
        return each_item(L, val, valn, topic, line, 0, REF_STRONG);
#undef KEY_IS
    return IVS_ERR_INPUT;
}

static int
utf8_ok(const char *s, size_t n)
{
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            return 0;
        i += (size_t)k;
    }
    return 1;
}

ivs_status_t
ivs_topics_load(const char *path, ivs_topics_t **out, size_t *bad_line)
{
    if (out)
        *out = NULL;
    if (bad_line)
        *bad_line = 0;
    if (!path || !out)
        return IVS_ERR_INPUT;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return errno == ENOMEM ? IVS_ERR_NOMEM : IVS_ERR_IO;

    loader_t L = {0};
    L.t = calloc(1, sizeof *L.t);
    if (!L.t) {
        fclose(fp);
        return IVS_ERR_NOMEM;
    }
    ivs_status_t st = IVS_OK;
    char *line = NULL;
    size_t cap = 0, lineno = 0, block_line = 0;
    ssize_t got;
    while ((got = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        const char *s = line;
        size_t n = (size_t)got;
        if (n > 0 && s[n - 1] == '\n')
            n--;
        if (lineno == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3;
            n -= 3;
        }
        if (memchr(s, '\0', n) || !utf8_ok(s, n)) {
            st = IVS_ERR_INPUT;
            break;
        }
        st = parse_line(&L, s, n, lineno, &block_line);
        if (st != IVS_OK)
            break;
    }
    if (st == IVS_OK && ferror(fp))
        st = IVS_ERR_IO;
    free(line);
    fclose(fp);
    if (st == IVS_OK && L.t->n_topics > 0 &&
        (!L.t->topics[L.t->n_topics - 1].zh ||
         !L.t->topics[L.t->n_topics - 1].en)) {
        st = IVS_ERR_INPUT;
        lineno = block_line;
    }
    if (st == IVS_OK && sort_patterns(L.t) != 0)
        st = IVS_ERR_NOMEM;
    if (st == IVS_OK) {
        if (L.t->n_names > 0)
            qsort(L.t->names, L.t->n_names, sizeof *L.t->names, name_cmp);
        pthread_mutex_init(&L.t->build_lock, NULL);
        L.t->lock_ready = 1;
    }
    free(L.name_line);
    free(L.pattern_slots);
    if (st != IVS_OK) {
        if (st == IVS_ERR_INPUT && bad_line)
            *bad_line = lineno;
        ivs_topics_free(L.t);
        return st;
    }
    *out = L.t;
    return IVS_OK;
}

/* ---- resolving ----------------------------------------------------------- */

const char *
ivs_topics_resolve(const ivs_topics_t *t, const char *name)
{
    if (!t || !name)
        return NULL;
    char *folded = fold_dup(name, strlen(name), NULL);
    if (!folded)
        return NULL;
    int topic = name_find(t, folded);
    free(folded);
    return topic < 0 ? NULL : t->topics[topic].id;
}

/* Heading words that qualify a topic name without changing it:
 * "中间件相关", "算法部分", "Go 基础". */
static const char *const heading_suffixes[] = {
    "相关问题", "相关", "部分", "方面", "问题", "基础",   "知识",     "专题",
    "模块",     "篇",   "类",   "题目", "环节", "basics", "questions"};

/* Headings longer than this are questions or sentences: only their first
 * bytes are scanned for a topic word. */
#define HEADING_SCAN_MAX 512

/* Headings up to this many bytes are matched by looking up each of their
 * substrings, not with the automaton: building it costs a search that
 * only names a word's topic milliseconds (--similar). */
#define HEADING_LOOKUP_MAX 48

/* The best keyword of a heading so far (see ivs_topics_for_heading()). */
typedef struct {
    int cls, topic;
    size_t start, cps;
} heading_best_t;

/* Weighs pattern K found at byte START of the folded heading U (LEN
 * bytes) against BEST: whole words for ASCII; names and strong keywords
 * before weak ones, then the earliest, then the longest. */
static void
heading_match(const ivs_topics_t *t, const unsigned char *u, size_t len,
              size_t start, int32_t k, heading_best_t *best)
{
    const pattern_t *p = &t->patterns[k];
    size_t end = start + p->len;
    if (is_word_byte((unsigned char)p->text[0]) && start > 0 &&
        is_word_byte(u[start - 1]))
        return;
    if (is_word_byte((unsigned char)p->text[p->len - 1]) && end < len &&
        is_word_byte(u[end]))
        return;
    for (size_t r = 0; r < p->n_refs; r++) {
        int cls = p->refs[r].kinds & (REF_NAME | REF_STRONG) ? 2 : 1;
        int better =
            cls > best->cls ||
            (cls == best->cls &&
             (start < best->start ||
              (start == best->start &&
               (p->cps > best->cps || (p->cps == best->cps &&
                                       (int)p->refs[r].topic < best->topic)))));
        if (better)
            *best = (heading_best_t){.cls = cls,
                                     .topic = (int)p->refs[r].topic,
                                     .start = start,
                                     .cps = p->cps};
    }
}

const char *
ivs_topics_for_heading(const ivs_topics_t *t, const char *heading, size_t len)
{
    if (!t || !heading || t->n_topics == 0)
        return NULL;
    size_t off = ivs_text_skip_marks(heading, len);
    const char *h = heading + off;
    size_t n = len - off;
    if (n > HEADING_SCAN_MAX) {
        n = HEADING_SCAN_MAX;
        while (n > 0 && ((unsigned char)h[n] & 0xC0) == 0x80)
            n--;
    }
    /* Trailing colon and decoration: "k8s:", "**网络**", "## 算法 ##". */
    for (;;) {
        size_t before = n;
        while (n > 0 && (h[n - 1] == ' ' || h[n - 1] == '\t' ||
                         h[n - 1] == ':' || h[n - 1] == '*' ||
                         h[n - 1] == '#' || h[n - 1] == '_' || h[n - 1] == ']'))
            n--;
        if (n >= 3 && (memcmp(h + n - 3, "：", 3) == 0 ||
                       memcmp(h + n - 3, "】", 3) == 0 ||
                       memcmp(h + n - 3, "　", 3) == 0))
            n -= 3;
        if (n == before)
            break;
    }
    size_t flen;
    char *folded = fold_dup(h, n, &flen);
    if (!folded)
        return NULL;
    const char *result = NULL;

    /* 1. The heading is a name, possibly with a qualifying suffix. */
    size_t m = flen;
    for (int round = 0; round < 4 && m > 0; round++) {
        char saved = folded[m];
        folded[m] = '\0';
        int topic = name_find(t, folded);
        folded[m] = saved;
        if (topic >= 0) {
            result = t->topics[topic].id;
            goto done;
        }
        size_t cut = 0;
        for (size_t k = 0;
             k < sizeof heading_suffixes / sizeof heading_suffixes[0]; k++) {
            size_t sl = strlen(heading_suffixes[k]);
            if (m > sl &&
                memcmp(folded + m - sl, heading_suffixes[k], sl) == 0) {
                cut = sl;
                break;
            }
        }
        if (!cut)
            break;
        m -= cut;
        while (m > 0 && folded[m - 1] == ' ')
            m--;
    }

    /* 2. A name or keyword inside the heading, whole words for ASCII:
     *    names and strong keywords before weak ones, then the earliest (a
     *    question names its subject first: "索引有哪些优缺点"), then the
     *    longest. */
    {
        heading_best_t best = {.topic = -1};
        const unsigned char *u = (const unsigned char *)folded;
        if (flen <= HEADING_LOOKUP_MAX) {
            /* short (a word, a title): every substring looked up */
            for (size_t start = 0; start < flen; start++) {
                if ((u[start] & 0xC0) == 0x80)
                    continue;
                for (size_t end = start + 1;
                     end <= flen && end - start <= t->max_pattern_len; end++) {
                    if (end < flen && (u[end] & 0xC0) == 0x80)
                        continue;
                    int32_t k = pattern_find(t, folded + start, end - start);
                    if (k >= 0)
                        heading_match(t, u, flen, start, k, &best);
                }
            }
        } else {
            if (ensure_automaton(t)) {
                free(folded);
                return NULL;
            }
            int32_t s = 0;
            for (size_t i = 0; i < flen; i++) {
                s = t->nodes[s].next[u[i]];
                for (int32_t v = t->nodes[s].out >= 0 ? s : t->nodes[s].dict;
                     v >= 0; v = t->nodes[v].dict) {
                    int32_t k = t->nodes[v].out;
                    heading_match(t, u, flen, i + 1 - t->patterns[k].len, k,
                                  &best);
                }
            }
        }
        if (best.topic >= 0)
            result = t->topics[best.topic].id;
    }
done:
    free(folded);
    return result;
}

/* ---- content keywords ---------------------------------------------------- */

typedef struct {
    size_t start; /* position in the folded stream */
    int32_t pattern;
} pending_t;

static void
count_pattern(const ivs_topics_t *t, int32_t pattern, unsigned char *hit,
              unsigned *weak, unsigned char *strong)
{
    if (hit[pattern])
        return;
    hit[pattern] = 1;
    const pattern_t *p = &t->patterns[pattern];
    for (size_t r = 0; r < p->n_refs; r++) {
        if (p->refs[r].kinds & REF_STRONG)
            strong[p->refs[r].topic] = 1;
        else if (p->refs[r].kinds & REF_WEAK)
            weak[p->refs[r].topic]++;
    }
}

/* Internal: marks in SELECTED (one byte per topic) the topics that TEXT
 * shows real evidence of: one strong keyword, or two different keywords.
 * Only maximal matches count: a keyword inside a longer one found at the
 * same place ("索引" in "联合索引", "分布式" in "分布式锁") is not evidence of
 * its own. The text is folded and scanned in slices, so a huge record needs
 * no folded copy of itself; the automaton carries its state across slices
 * and a short window of folded bytes is kept for the word-boundary checks.
 * Linear in LEN. Returns 0, or -1 when out of memory. */
int
ivs_topics_match_content(const ivs_topics_t *t, const char *text, size_t len,
                         unsigned char *selected)
{
    if (!t || t->n_topics == 0)
        return 0;
    memset(selected, 0, t->n_topics);
    if (ensure_automaton(t))
        return -1;
    const size_t window = t->max_pattern_len + 8;
    unsigned char *hit = calloc(t->n_patterns ? t->n_patterns : 1, 1);
    unsigned *weak = calloc(t->n_topics, sizeof *weak);
    unsigned char *strong = calloc(t->n_topics, 1);
    /* Matches not yet known to be maximal, by increasing end (at most one
     * per end position, so at most max_pattern_len of them). */
    pending_t *queue = malloc(window * sizeof *queue);
    size_t q_head = 0, q_len = 0;
    fold_t f = {0};
    int rc = 0;
    if (!hit || !weak || !strong || !queue) {
        rc = -1;
        goto out;
    }
    const size_t slice = 1 << 16;
    int32_t state = 0;
    size_t fed = 0;  /* f.buf[0, fed) went through the automaton */
    size_t base = 0; /* stream position of f.buf[0] */
    size_t pos = 0;
    while (pos < len) {
        size_t end = len - pos > slice ? pos + slice : len;
        while (end < len && ((unsigned char)text[end] & 0xC0) == 0x80)
            end++;
        fold_text(&f, text + pos, end - pos);
        if (f.oom) {
            rc = -1;
            goto out;
        }
        pos = end;
        /* The last byte waits for its successor unless the text ends. */
        size_t limit = pos >= len ? f.len : (f.len > 0 ? f.len - 1 : 0);
        const unsigned char *u = (const unsigned char *)f.buf;
        for (size_t i = fed; i < limit; i++) {
            size_t at = base + i; /* stream position of this byte */
            /* A match starting before at + 1 - max_pattern_len can no
             * longer be inside a later one: it counts. */
            while (q_len > 0 &&
                   queue[q_head].start + t->max_pattern_len < at + 1) {
                count_pattern(t, queue[q_head].pattern, hit, weak, strong);
                q_head = (q_head + 1) % window;
                q_len--;
            }
            state = t->nodes[state].next[u[i]];
            int32_t v = t->nodes[state].out >= 0 ? state : t->nodes[state].dict;
            for (; v >= 0; v = t->nodes[v].dict) {
                const pattern_t *p = &t->patterns[t->nodes[v].out];
                unsigned kinds = 0;
                for (size_t r = 0; r < p->n_refs; r++)
                    kinds |= p->refs[r].kinds;
                if (!(kinds & (REF_WEAK | REF_STRONG)))
                    continue;
                size_t start = i + 1 - p->len; /* inside the window */
                if (is_word_byte((unsigned char)p->text[0]) && start > 0 &&
                    is_word_byte(u[start - 1]))
                    continue;
                if (is_word_byte((unsigned char)p->text[p->len - 1]) &&
                    i + 1 < f.len && is_word_byte(u[i + 1]))
                    continue;
                /* The longest match ending here; it swallows the pending
                 * matches that lie inside it. */
                size_t sstart = base + start;
                while (q_len > 0 &&
                       queue[(q_head + q_len - 1) % window].start >= sstart)
                    q_len--;
                queue[(q_head + q_len) % window] =
                    (pending_t){.start = sstart, .pattern = t->nodes[v].out};
                q_len++;
                break;
            }
        }
        fed = limit;
        if (fed > window) {
            size_t drop = fed - window;
            memmove(f.buf, f.buf + drop, f.len - drop);
            f.len -= drop;
            fed -= drop;
            base += drop;
        }
    }
    for (; q_len > 0; q_len--, q_head = (q_head + 1) % window)
        count_pattern(t, queue[q_head].pattern, hit, weak, strong);
    for (size_t i = 0; i < t->n_topics; i++)
        selected[i] = strong[i] || weak[i] >= 2;
out:
    free(hit);
    free(weak);
    free(strong);
    free(queue);
    free(f.buf);
    return rc;
}

/* Building the Xapian document of one interview record (see
 * ivs/docbuild.h): the term table, English stems, line weights, the
 * stored data and values. */
#define _GNU_SOURCE
#include "ivs/docbuild.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/filestate.h"
#include "ivs/grow.h"
#include "ivs/schema.h"
#include "ivs/text.h"

#define hash64 ivs_hash64

/* The documents are built with no database attached (ivs_doc_t), so one
 * thread may build them while another writes. */

/* ---- per-record term table ----------------------------------------------
 * Every term of a record goes through this table before it reaches the
 * document. Words are indexed without positions (phrases use the
 * character and Latin units), so their frequencies are summed here and
 * each reaches Xapian once per record instead of once per occurrence.
 * Terms with positions keep them in a chain, in the order they came. At
 * the end the terms are handed over in byte order, each with all its
 * positions together: Xapian builds a document's term map (a std::map)
 * in about half the time when its terms arrive that way rather than in
 * text order, and the document it builds is the same whatever the order
 * of the calls. */

#define NO_POST UINT32_MAX

typedef struct {
    uint64_t hash;
    uint64_t key;         /* its first 8 bytes, big-endian, zero-padded */
    uint32_t off, len;    /* bytes in the arena */
    uint32_t wdf;         /* summed over the occurrences without positions */
    uint32_t first, last; /* its chain of positions in posts, or NO_POST */
    int unpositioned;     /* it occurred without a position */
} term_slot_t;

typedef struct {
    uint32_t pos, wdf;
    uint32_t next; /* the term's next position, or NO_POST */
} term_post_t;

typedef struct term_table {
    term_slot_t *slots;
    size_t cap;     /* power of two */
    uint32_t *used; /* indexes of occupied slots, in insertion order */
    size_t n_used;
    char *arena;
    size_t alen, acap;
    term_post_t *posts;
    size_t n_posts, posts_cap;
} term_table_t;

/* Releases what T holds (T itself is the caller's). */
static void
terms_free(term_table_t *t)
{
    free(t->slots);
    free(t->used);
    free(t->arena);
    free(t->posts);
}

static void
terms_clear(term_table_t *t)
{
    for (size_t i = 0; i < t->n_used; i++)
        t->slots[t->used[i]].len = UINT32_MAX;
    t->n_used = 0;
    t->alen = 0;
    t->n_posts = 0;
}

static int
terms_grow(term_table_t *t)
{
    size_t cap = t->cap ? t->cap * 2 : 1024;
    term_slot_t *slots = malloc(cap * sizeof *slots);
    uint32_t *used = malloc((cap / 2 + 1) * sizeof *used);
    if (!slots || !used) {
        free(slots);
        free(used);
        return -1;
    }
    for (size_t i = 0; i < cap; i++)
        slots[i].len = UINT32_MAX;
    size_t n = 0;
    for (size_t i = 0; i < t->n_used; i++) {
        term_slot_t *old = &t->slots[t->used[i]];
        size_t j = old->hash & (cap - 1);
        while (slots[j].len != UINT32_MAX)
            j = (j + 1) & (cap - 1);
        slots[j] = *old;
        used[n++] = (uint32_t)j;
    }
    free(t->slots);
    free(t->used);
    t->slots = slots;
    t->used = used;
    t->cap = cap;
    return 0;
}

static term_slot_t *
terms_get(term_table_t *t, const char *term, size_t len)
{
    if ((t->n_used + 1) * 2 > t->cap && terms_grow(t) < 0)
        return NULL;
    uint64_t h = hash64(term, len, 7);
    size_t mask = t->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        term_slot_t *s = &t->slots[i];
        if (s->len == UINT32_MAX) {
            if (ivs_grow(&t->arena, &t->acap, t->alen + len, 1, 65536) < 0)
                return NULL;
            memcpy(t->arena + t->alen, term, len);
            uint64_t key = 0;
            for (size_t k = 0; k < 8; k++)
                key = key << 8 | (k < len ? (unsigned char)term[k] : 0);
            *s = (term_slot_t){h, key,     (uint32_t)t->alen, (uint32_t)len,
                               0, NO_POST, NO_POST,           0};
            t->alen += len;
            t->used[t->n_used++] = (uint32_t)i;
            return s;
        }
        if (s->hash == h && s->len == len &&
            !memcmp(t->arena + s->off, term, len))
            return s;
    }
}

/* TERM occurs at position POS with weight WDF. Returns 0, or -1 when out
 * of memory. */
static int
terms_add_posting(term_table_t *t, const char *term, size_t len, uint32_t pos,
                  unsigned wdf)
{
    term_slot_t *s = terms_get(t, term, len);
    if (!s || ivs_grow(&t->posts, &t->posts_cap, t->n_posts + 1,
                       sizeof *t->posts, 4096) < 0)
        return -1;
    uint32_t k = (uint32_t)t->n_posts++;
    t->posts[k] = (term_post_t){.pos = pos, .wdf = wdf, .next = NO_POST};
    if (s->last == NO_POST)
        s->first = k;
    else
        t->posts[s->last].next = k;
    s->last = k;
    return 0;
}

/* TERM occurs without a position, with weight WDF. */
static int
terms_add(term_table_t *t, const char *term, size_t len, unsigned wdf)
{
    term_slot_t *s = terms_get(t, term, len);
    if (!s)
        return -1;
    s->wdf += wdf;
    s->unpositioned = 1;
    return 0;
}

/* Byte order of two used slots (the order of Xapian's std::string),
 * decided by their first eight bytes when those differ (terms hold no NUL
 * bytes, so the zero padding of a shorter one sorts it first; the order
 * only matters for speed, the document is the same). */
static int
cmp_slots(const void *a, const void *b, void *ctx)
{
    const term_table_t *t = ctx;
    const term_slot_t *x = &t->slots[*(const uint32_t *)a];
    const term_slot_t *y = &t->slots[*(const uint32_t *)b];
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    if (x->len > 8 && y->len > 8) {
        int c = memcmp(t->arena + x->off + 8, t->arena + y->off + 8,
                       (x->len < y->len ? x->len : y->len) - 8);
        if (c)
            return c;
    }
    return x->len < y->len ? -1 : x->len > y->len;
}

/* Adds the table's terms to D in byte order, each term's positions
 * together. Returns 0, or -1 when out of memory. */
static int
terms_emit(term_table_t *t, ivs_doc_t *d)
{
    if (t->n_used > 1)
        qsort_r(t->used, t->n_used, sizeof *t->used, cmp_slots, t);
    if (ivs_doc_reserve(d, t->n_posts + t->n_used, t->alen) != IVS_OK)
        return -1;
    for (size_t i = 0; i < t->n_used; i++) {
        const term_slot_t *s = &t->slots[t->used[i]];
        const char *term = t->arena + s->off;
        for (uint32_t k = s->first; k != NO_POST; k = t->posts[k].next)
            if (ivs_doc_add_posting(d, term, s->len, t->posts[k].pos,
                                    t->posts[k].wdf) != IVS_OK)
                return -1;
        if (s->unpositioned &&
            ivs_doc_add_term(d, term, s->len, s->wdf) != IVS_OK)
            return -1;
    }
    return 0;
}

/* ---- preparing records ---------------------------------------------------- */

typedef struct stem_slot stem_slot_t;

struct ivs_docbuilder {
    ivs_analyzer_t *analyzer; /* borrowed */
    term_table_t terms;
    stem_slot_t *stems; /* STEM_CACHE_SLOTS, allocated on first need */
};

typedef struct {
    ivs_docbuilder_t *b;
    ivs_doc_t *doc;
    const ivs_record_t *record;
    size_t line_start, line_end; /* cache of line_weight() */
    unsigned line_wdf;
    int title; /* analysing the title field, not the text */
    int toc;   /* the record is a table of contents */
    int failed;
} prep_t;

/* ---- stems -------------------------------------------------------------------
 * English stems of Latin words, cached across records: the same few
 * thousand words recur, and stemming each occurrence would cost more than
 * all the rest of their analysis. One cache per builder. */

#define STEM_CACHE_SLOTS 16384
#define STEM_MAX 44

struct stem_slot {
    uint64_t hash;
    uint8_t len, stem_len;
    char word[STEM_MAX];
    char stem[STEM_MAX];
};

/* The stem term of WORD (ivs_stem_term) into OUT (STEM_MAX + 2 bytes);
 * its length, 0 when there is none. */
static size_t
cached_stem(ivs_docbuilder_t *b, const char *word, size_t len, char *out)
{
    if (!b->stems)
        b->stems = calloc(STEM_CACHE_SLOTS, sizeof *b->stems);
    uint64_t h = hash64(word, len, 3);
    stem_slot_t *slot = b->stems ? &b->stems[h % STEM_CACHE_SLOTS] : NULL;
    if (slot && slot->hash == h && slot->len == len &&
        !memcmp(slot->word, word, len)) {
        memcpy(out, slot->stem, slot->stem_len);
        return slot->stem_len;
    }
    size_t n = ivs_stem_term(word, len, out, STEM_MAX);
    if (slot && n > 0) {
        slot->hash = h;
        slot->len = (uint8_t)len;
        memcpy(slot->word, word, len);
        slot->stem_len = (uint8_t)n;
        memcpy(slot->stem, out, n);
    }
    return n;
}

static int
is_question_line(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    size_t d = i;
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i > d && i < len &&
        (s[i] == '.' || s[i] == ')' || s[i] == ',' || s[i] == ':' ||
         !strncmp(s + i, "、", 3) || !strncmp(s + i, "，", 3) ||
         !strncmp(s + i, "：", 3) || !strncmp(s + i, "）", 3)))
        return 1;
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    return (len >= 1 && s[len - 1] == '?') ||
           (len >= 3 && !strncmp(s + len - 3, "？", 3));
}

/* Weight of the line holding byte OFFSET of the record text: headings and
 * question lines above running text. */
static unsigned
line_weight(prep_t *p, size_t offset)
{
    if (offset >= p->line_start && offset < p->line_end)
        return p->line_wdf;
    const ivs_record_t *r = p->record;
    const char *t = r->text;
    size_t s = offset;
    while (s > 0 && t[s - 1] != '\n')
        s--;
    const char *nl = memchr(t + offset, '\n', r->text_len - offset);
    size_t e = nl ? (size_t)(nl - t) : r->text_len;
    p->line_start = s;
    p->line_end = e + 1;
    p->line_wdf = IVS_WDF_TEXT;
    for (size_t i = 0; i < r->n_sections; i++)
        if (r->sections[i].start == s) {
            p->line_wdf = IVS_WDF_HEADING;
            return p->line_wdf;
        }
    if (is_question_line(t + s, e - s))
        p->line_wdf = IVS_WDF_QUESTION;
    return p->line_wdf;
}

static int
on_token(void *ctx, const ivs_token_t *t)
{
    prep_t *p = ctx;
    /* a title word is the text's term behind IVS_PREFIX_TITLE */
    size_t tp = p->title ? strlen(IVS_PREFIX_TITLE) : 0;
    char term[IVS_MAX_TERM_BYTES + 8];
    size_t len = ivs_term_for_token(t, term + tp, sizeof term - tp);
    if (len == 0)
        return 0;
    memcpy(term, IVS_PREFIX_TITLE, tp);
    len += tp;
    unsigned wdf = p->title ? IVS_WDF_TITLE : line_weight(p, t->start);
    int rc = 0;
    if (t->kind == IVS_TOKEN_CHAR) {
        rc = terms_add_posting(&p->b->terms, term, len, t->pos, wdf);
    } else if (t->unit) {
        rc = terms_add_posting(&p->b->terms, term, len, t->pos, wdf);
        char stem[STEM_MAX + 8];
        size_t n;
        if (rc == 0 && !t->cjk &&
            (n = cached_stem(p->b, t->term, t->term_len, stem + tp)) > 0) {
            memcpy(stem, IVS_PREFIX_TITLE, tp);
            rc = terms_add(&p->b->terms, stem, n + tp, wdf);
        }
    } else {
        rc = terms_add(&p->b->terms, term, len, wdf);
    }
    if (rc != 0) {
        p->failed = 1;
        return 1;
    }
    return 0;
}

/* Whether line S (N bytes) links to another document of the set: a
 * Markdown link whose target is a relative path (./redis/, a.md#part),
 * not a web address or an anchor of its own. */
static int
links_a_document(const char *s, size_t n)
{
    for (const char *p = s; (p = memmem(p, (size_t)(s + n - p), "](", 2));) {
        p += 2;
        size_t rest = (size_t)(s + n - p);
        const char *close = memchr(p, ')', rest);
        if (!close)
            return 0;
        size_t tl = (size_t)(close - p);
        if (tl > 0 && p[0] != '#' && !memmem(p, tl, "://", 3) &&
            strncmp(p, "mailto:", tl < 7 ? tl : 7) != 0)
            return 1;
        p = close;
    }
    return 0;
}

/* Whether record R is a table of contents: a quarter or more of its lines
 * (and at least IVS_TOC_MIN_LINKS) link to other documents (a README,
 * SUMMARY or sidebar of a documentation set). Its title then names a
 * collection of topics, not one. */
static int
is_table_of_contents(const ivs_record_t *r)
{
    size_t lines = 0, links = 0, pos = 0, n;
    const char *t;
    while (ivs_text_next_line(r->text, r->text_len, &pos, &t, &n)) {
        size_t b = 0;
        while (b < n && (t[b] == ' ' || t[b] == '\t' || t[b] == '\r'))
            b++;
        if (b < n) {
            lines++;
            links += links_a_document(t + b, n - b);
        }
    }
    return links >= IVS_TOC_MIN_LINKS && links * 4 >= lines;
}

/* The length padding IVS_TERM_CONTENTS of a table of contents whose
 * terms are in T: (IVS_TOC_LENGTH - 1) times the length they give it. */
static ivs_status_t
add_contents_length(ivs_doc_t *d, const term_table_t *t)
{
    uint64_t length = 0;
    for (size_t i = 0; i < t->n_used; i++) {
        const term_slot_t *s = &t->slots[t->used[i]];
        length += s->wdf;
        for (uint32_t k = s->first; k != NO_POST; k = t->posts[k].next)
            length += t->posts[k].wdf;
    }
    uint64_t pad = length * (IVS_TOC_LENGTH - 1);
    if (pad == 0)
        return IVS_OK;
    return ivs_doc_add_term(d, IVS_TERM_CONTENTS, strlen(IVS_TERM_CONTENTS),
                            pad > UINT32_MAX / 2 ? UINT32_MAX / 2
                                                 : (unsigned)pad);
}

/* The title field of record R from SOURCE: its title and its file's name
 * without the extension (redis-data-structure.md, 1.反转链表.md), which
 * say what a note is about more surely than any line of it. Analysed
 * like the text, each term behind IVS_PREFIX_TITLE, positions of its own.
 * Returns 0, or -1 when out of memory. */
static int
add_title(prep_t *p, const char *source)
{
    const ivs_record_t *r = p->record;
    if (p->toc)
        return 0;
    const char *base = strrchr(source, '/');
    base = base ? base + 1 : source;
    const char *dot = strrchr(base, '.');
    size_t blen = dot && dot > base ? (size_t)(dot - base) : strlen(base);
    size_t tlen = r->title ? strlen(r->title) : 0;
    char *text = malloc(tlen + blen + 2);
    if (!text)
        return -1;
    memcpy(text, r->title ? r->title : "", tlen);
    text[tlen] = '\n';
    memcpy(text + tlen + 1, base, blen);
    p->title = 1;
    int rc = ivs_analyze(p->b->analyzer, text, tlen + 1 + blen,
                         IVS_ANALYZE_INDEX, 1, NULL, on_token, p);
    p->title = 0;
    free(text);
    return rc != 0 || p->failed ? -1 : 0;
}

void
ivs_unique_term(uint32_t id, char out[IVS_UNIQUE_TERM_SIZE])
{
    snprintf(out, IVS_UNIQUE_TERM_SIZE, IVS_PREFIX_UNIQUE "%" PRIu32, id);
}

void
ivs_source_term(const char *source, char out[IVS_SOURCE_TERM_SIZE])
{
    snprintf(out, IVS_SOURCE_TERM_SIZE, IVS_PREFIX_SOURCE "%016" PRIx64,
             hash64(source, strlen(source), 0));
}

/* The record's JSON for the document data: its id, source and ordinal,
 * and what the record says of itself (title, verdict, topics, sections,
 * fields). NULL when out of memory. */
static json_t *
record_json(const char *raw_source, const ivs_record_t *r, uint32_t id)
{
    /* a file name need not be UTF-8; JSON must be */
    char *source = ivs_utf8_repair(raw_source, strlen(raw_source));
    if (!source)
        return NULL;
    json_t *topics = json_array();
    for (size_t i = 0; i < r->n_topics; i++)
        json_array_append_new(topics, json_string(r->topics[i]));
    json_t *sections = json_array();
    for (size_t i = 0; i < r->n_sections; i++) {
        const ivs_section_t *s = &r->sections[i];
        json_array_append_new(sections,
                              json_pack("{s:s, s:s?, s:I, s:I}", "heading",
                                        s->heading ? s->heading : "", "topic",
                                        s->topic, "start", (json_int_t)s->start,
                                        "end", (json_int_t)s->end));
    }
    json_t *o = json_pack(
        "{s:I, s:s, s:I, s:s, s:s, s:o, s:o}", "id", (json_int_t)id, "source",
        source, "ordinal", (json_int_t)r->ordinal, "title",
        r->title ? r->title : "", "verdict", ivs_verdict_name(r->verdict),
        "topics", topics, "sections", sections);
    free(source);
    if (o && r->candidate)
        json_object_set_new(o, "candidate", json_string(r->candidate));
    if (o && r->role)
        json_object_set_new(o, "role", json_string(r->role));
    if (o && r->date)
        json_object_set_new(o, "date", json_string(r->date));
    if (o && r->round)
        json_object_set_new(o, "round", json_string(r->round));
    if (o && r->interviewer)
        json_object_set_new(o, "interviewer", json_string(r->interviewer));
    return o;
}

char *
ivs_record_data(const char *source, const ivs_record_t *r, uint32_t id,
                size_t *len)
{
    json_t *meta = record_json(source, r, id);
    char *data =
        meta ? ivs_docdata_encode(meta, r->text, r->text_len, len) : NULL;
    json_decref(meta);
    return data;
}

char *
ivs_record_order(const char *source, unsigned ordinal, size_t *len)
{
    size_t plen = strlen(source);
    char *order = malloc(plen + 5);
    if (!order)
        return NULL;
    memcpy(order, source, plen);
    order[plen] = '\0';
    order[plen + 1] = (char)(ordinal >> 24);
    order[plen + 2] = (char)(ordinal >> 16);
    order[plen + 3] = (char)(ordinal >> 8);
    order[plen + 4] = (char)ordinal;
    *len = plen + 5;
    return order;
}

static uint64_t
mix_string(uint64_t h, const char *s)
{
    return hash64(s ? s : "", s ? strlen(s) + 1 : 0, h);
}

uint64_t
ivs_record_meta_hash(const ivs_record_t *r)
{
    uint64_t h = mix_string((uint64_t)r->verdict + 1, r->title);
    for (size_t i = 0; i < r->n_topics; i++)
        h = mix_string(h, r->topics[i]);
    h = mix_string(h, "|");
    for (size_t i = 0; i < r->n_sections; i++) {
        const ivs_section_t *s = &r->sections[i];
        h = mix_string(h ^ (s->start * 31 + s->end), s->heading);
        h = mix_string(h, s->topic);
    }
    h = mix_string(h, r->candidate);
    h = mix_string(h, r->role);
    h = mix_string(h, r->round);
    h = mix_string(h, r->interviewer);
    return mix_string(h, r->date);
}

ivs_status_t
ivs_docbuilder_new(ivs_analyzer_t *a, ivs_docbuilder_t **out)
{
    *out = NULL;
    ivs_docbuilder_t *b = calloc(1, sizeof *b);
    if (!b || terms_grow(&b->terms) < 0) {
        free(b);
        return IVS_ERR_NOMEM;
    }
    b->analyzer = a;
    *out = b;
    return IVS_OK;
}

void
ivs_docbuilder_free(ivs_docbuilder_t *b)
{
    if (!b)
        return;
    terms_free(&b->terms);
    free(b->stems);
    free(b);
}

/* Adds folder filter TERM to document CTX; non-zero when out of memory. */
static int
add_folder(void *ctx, const char *term)
{
    return ivs_doc_add_boolean(ctx, term) != IVS_OK;
}

/* The boolean term PREFIX + ivs_field_key(VALUE) of record field VALUE
 * (NULL: none); its key in *KEY (malloc'd, the caller frees) when KEY is
 * not NULL. */
static ivs_status_t
add_field_term(ivs_doc_t *d, const char *prefix, const char *value, char **key)
{
    if (key)
        *key = NULL;
    if (!value)
        return IVS_OK;
    char *k = ivs_field_key(value, strlen(value));
    if (!k)
        return IVS_ERR_NOMEM;
    ivs_status_t st = IVS_OK;
    if (k[0]) {
        char term[IVS_MAX_TERM_BYTES + 8];
        snprintf(term, sizeof term, "%s%s", prefix, k);
        st = ivs_doc_add_boolean(d, term);
    }
    if (key && k[0])
        *key = k;
    else
        free(k);
    return st;
}

/* Appends ",<LABEL><VALUE>" to the facet value FACETS (CAP bytes, *TL
 * used) when it fits; commas in VALUE were made spaces by its key. */
static void
add_facet(char *facets, size_t cap, size_t *tl, const char *label,
          const char *value)
{
    if (!value || !value[0])
        return;
    int n = snprintf(facets + *tl, cap - *tl, "%s%s%s",
                     facets[*tl - 1] == ' ' ? "" : ",", label, value);
    if (n > 0 && *tl + (size_t)n < cap)
        *tl += (size_t)n;
    else
        facets[*tl] = '\0';
}

/* The field terms of record R (candidate, role, round, interviewer, date)
 * and its round and role facet entries, appended to FACETS. */
static ivs_status_t
add_fields(ivs_doc_t *d, const ivs_record_t *r, char *facets, size_t cap,
           size_t *tl)
{
    char *role = NULL, *round = NULL;
    ivs_status_t st =
        add_field_term(d, IVS_PREFIX_CANDIDATE, r->candidate, NULL);
    if (st == IVS_OK)
        st = add_field_term(d, IVS_PREFIX_INTERVIEWER, r->interviewer, NULL);
    if (st == IVS_OK)
        st = add_field_term(d, IVS_PREFIX_ROLE, r->role, &role);
    if (st == IVS_OK)
        st = add_field_term(d, IVS_PREFIX_ROUND, r->round, &round);
    if (st == IVS_OK && r->date) {
        char term[32];
        snprintf(term, sizeof term, IVS_PREFIX_DATE "%.10s", r->date);
        st = ivs_doc_add_boolean(d, term);
    }
    /* The round as named (二面, HR面), or its key when it holds a comma. */
    if (round)
        add_facet(facets, cap, tl, IVS_FACET_ROUND,
                  strchr(r->round, ',') ? round : r->round);
    add_facet(facets, cap, tl, IVS_FACET_ROLE, role);
    free(role);
    free(round);
    return st;
}

/* The verdict, topic and source filters and the facet value ("fail
 * middleware,architecture") of record R. */
static ivs_status_t
add_filters(ivs_doc_t *d, const ivs_record_t *r, const char *source)
{
    char term[IVS_MAX_TERM_BYTES + 8];
    const char *verdict = ivs_verdict_name(r->verdict);
    snprintf(term, sizeof term, IVS_PREFIX_VERDICT "%s", verdict);
    ivs_status_t st = ivs_doc_add_boolean(d, term);
    char source_term[IVS_SOURCE_TERM_SIZE];
    ivs_source_term(source, source_term);
    if (st == IVS_OK)
        st = ivs_doc_add_boolean(d, source_term);
    if (st == IVS_OK && ivs_folder_terms_each(source, add_folder, d) != 0)
        st = IVS_ERR_NOMEM;
    char facets[512];
    int fl = snprintf(facets, sizeof facets, "%s ", verdict);
    size_t tl = fl > 0 ? (size_t)fl : 0;
    for (size_t i = 0; st == IVS_OK && i < r->n_topics; i++) {
        snprintf(term, sizeof term, IVS_PREFIX_TOPIC "%s", r->topics[i]);
        st = ivs_doc_add_boolean(d, term);
        int n = snprintf(facets + tl, sizeof facets - tl, "%s%s", i ? "," : "",
                         r->topics[i]);
        if (n > 0 && tl + (size_t)n < sizeof facets)
            tl += (size_t)n;
    }
    if (st == IVS_OK)
        st = add_fields(d, r, facets, sizeof facets, &tl);
    if (st == IVS_OK)
        st = ivs_doc_set_value(d, IVS_SLOT_FACETS, facets, tl);
    return st;
}

/* The date, id and order values and the data of record R. */
static ivs_status_t
add_values(ivs_doc_t *d, const ivs_record_t *r, const char *source, uint32_t id)
{
    ivs_status_t st = IVS_OK;
    if (r->date)
        st = ivs_doc_set_value(d, IVS_SLOT_DATE, r->date, strlen(r->date));
    char idv[16];
    int il = snprintf(idv, sizeof idv, "%" PRIu32, id);
    if (st == IVS_OK)
        st = ivs_doc_set_value(d, IVS_SLOT_ID, idv, (size_t)il);
    size_t olen = 0, dlen = 0;
    char *order = ivs_record_order(source, r->ordinal, &olen);
    char *data = ivs_record_data(source, r, id, &dlen);
    if (!order || !data)
        st = IVS_ERR_NOMEM;
    if (st == IVS_OK)
        st = ivs_doc_set_value(d, IVS_SLOT_ORDER, order, olen);
    if (st == IVS_OK)
        st = ivs_doc_set_data(d, data, dlen);
    free(order);
    free(data);
    return st;
}

ivs_status_t
ivs_docbuilder_build(ivs_docbuilder_t *b, const ivs_record_t *r,
                     const char *source, uint32_t id, ivs_doc_t **out)
{
    *out = NULL;
    ivs_doc_t *d = ivs_doc_new();
    if (!d)
        return IVS_ERR_NOMEM;
    int toc = is_table_of_contents(r);
    prep_t p = {.b = b, .doc = d, .record = r, .toc = toc};
    terms_clear(&b->terms);
    ivs_status_t st = IVS_OK;
    if (ivs_analyze(b->analyzer, r->text, r->text_len, IVS_ANALYZE_INDEX, 1,
                    NULL, on_token, &p) != 0 ||
        add_title(&p, source) != 0 || terms_emit(&b->terms, d) != 0)
        st = IVS_ERR_NOMEM;
    if (st == IVS_OK && toc)
        st = add_contents_length(d, &b->terms);
    if (st == IVS_OK)
        st = add_filters(d, r, source);
    if (st == IVS_OK)
        st = add_values(d, r, source, id);
    if (st != IVS_OK) {
        ivs_doc_free(d);
        return st;
    }
    *out = d;
    return IVS_OK;
}

/* The description --similar compares: an interview's technical concepts,
 * weighted by how typical they are of it (see similar_internal.h). */
#define _GNU_SOURCE
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/schema.h"
#include "similar_internal.h"

/* A heading or a question line says what the interview is about: each of
 * its words counts this many times (as IVS_WDF_QUESTION at index time). */
#define IVS_SIMILAR_HEADING_TF 2.0
/* Typical, not rarest: a concept held by fewer than this share of the
 * interviews weighs as one held by this share, so that a word said once
 * does not outweigh one the interview keeps coming back to (0.003 and
 * 0.03 score the same on bench/similar; at 100,000 interviews it keeps a
 * pasted identifier from weighing as much as kafka). */
#define IVS_SIMILAR_RARE_SHARE 0.01
/* A word that a topic of the taxonomy lists (keyword, alias, name) is a
 * technical concept: its weight is multiplied by this. bench/similar
 * (nDCG@10 / P@5, with the role weight 3): 1.5 gives 0.607 / 0.84, 2.5
 * 0.619 / 0.85, 4 0.626 / 0.85, 8 0.623 / 0.86. */
#define IVS_SIMILAR_TOPICAL 4.0
/* A language's word (goroutine, jvm, 智能指针: the language topic's) says
 * which role the interview was for, the first thing a hiring manager
 * compares: its weight is multiplied again by this. bench/similar with
 * the topical weight 1.5: 1 gives 0.551 / 0.72, 2 0.610 / 0.80, 3 0.608 /
 * 0.85, 4 less; with 4: 2 gives 0.614 / 0.81, 3 0.626 / 0.85. */
#define IVS_SIMILAR_ROLE 3.0
/* Concepts of one topic among the chosen, at most (the rest follow the
 * others): a Go interview described by ten Go words and nothing of its
 * databases or networking finds Go interviews about anything. bench/similar
 * (nDCG@10 / P@5, with similar.c's area factor at 50 and role factor 1 +
 * (cosine - 1/2)): no limit 0.684 / 0.890, 3 0.678 / 0.876, 4 0.689 /
 * 0.890, 5 0.685 / 0.910, 6 0.683 / 0.897, 8 0.686 / 0.890. */
#define IVS_SIMILAR_PER_TOPIC 5

static uint64_t
hash_term(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

long
ivs_concepts_find(const ivs_concepts_t *c, const char *term)
{
    if (!c->n_slots)
        return -1;
    size_t len = strlen(term);
    size_t mask = c->n_slots - 1;
    for (size_t i = hash_term(term, len) & mask; c->slots[i];
         i = (i + 1) & mask)
        if (!strcmp(c->v[c->slots[i] - 1].term, term))
            return (long)(c->slots[i] - 1);
    return -1;
}

/* Rebuilds the index of C with room for twice its concepts. */
static int
reindex(ivs_concepts_t *c)
{
    size_t n = 64;
    while (n < 2 * (c->n + 1))
        n *= 2;
    size_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t k = 0; k < c->n; k++) {
        size_t i = hash_term(c->v[k].term, strlen(c->v[k].term)) & (n - 1);
        while (slots[i])
            i = (i + 1) & (n - 1);
        slots[i] = k + 1;
    }
    free(c->slots);
    c->slots = slots;
    c->n_slots = n;
    return 0;
}

/* Counts TERM (LEN bytes) WEIGHT more times in C, adding it when new and
 * not a stop word. */
static int
count_term(ivs_searcher_t *s, ivs_concepts_t *c, const char *term, size_t len,
           double weight)
{
    if (c->n_slots) {
        size_t mask = c->n_slots - 1;
        for (size_t i = hash_term(term, len) & mask; c->slots[i];
             i = (i + 1) & mask) {
            similar_concept_t *k = &c->v[c->slots[i] - 1];
            if (strlen(k->term) == len && !memcmp(k->term, term, len)) {
                k->tf += weight;
                return 0;
            }
        }
    }
    if (ivs_searcher_is_stopword(s, term, len))
        return 0;
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 64;
        similar_concept_t *v = realloc(c->v, cap * sizeof *v);
        if (!v)
            return -1;
        c->v = v;
        c->cap = cap;
    }
    char *copy = strndup(term, len);
    if (!copy)
        return -1;
    c->v[c->n++] = (similar_concept_t){copy, weight, 0, 0, NULL};
    if (2 * c->n > c->n_slots)
        return reindex(c);
    size_t mask = c->n_slots - 1;
    size_t i = hash_term(copy, len) & mask;
    while (c->slots[i])
        i = (i + 1) & mask;
    c->slots[i] = c->n;
    return 0;
}

/* ---- lines ---------------------------------------------------------------- */

typedef enum { LINE_TEXT, LINE_STRONG, LINE_CODE } line_kind_t;

static int
has_cjk(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)p[i] >= 0xe3 && (unsigned char)p[i] <= 0xe9)
            return 1;
    return 0;
}

static int
starts_with(const char *p, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && !memcmp(p, prefix, k);
}

/* A line of pasted code: no Chinese, and it ends as a statement or a block
 * does, or is dense in brackets and operators. */
static int
reads_as_code(const char *p, size_t n)
{
    if (n == 0 || has_cjk(p, n))
        return 0;
    char last = p[n - 1];
    if (last == '{' || last == '}' || last == ';' || last == ')')
        return 1;
    if (starts_with(p, n, "//") || starts_with(p, n, "#include") ||
        starts_with(p, n, "func ") || starts_with(p, n, "return "))
        return 1;
    size_t marks = 0;
    for (size_t i = 0; i < n; i++)
        marks += strchr("{}();=<>[]", p[i]) != NULL && p[i];
    return marks >= 3 || memmem(p, n, ":=", 2) != NULL;
}

/* Headings, numbered items and questions: what the interview asked. */
static int
reads_as_strong(const char *p, size_t n)
{
    if (n == 0)
        return 0;
    if (p[0] == '#' || starts_with(p, n, "**"))
        return 1;
    size_t i = 0;
    while (i < n && p[i] >= '0' && p[i] <= '9')
        i++;
    if (i > 0 && i < n && (p[i] == '.' || p[i] == ')' || p[i] == ' '))
        return 1;
    if (starts_with(p + i, n - i, "、"))
        return 1;
    return p[n - 1] == '?' || (n >= 3 && !memcmp(p + n - 3, "？", 3));
}

/* ---- glosses -------------------------------------------------------------- */

typedef struct {
    size_t start, end;
    int latin;
    char *term;
    size_t len;
} ltok_t;

typedef struct {
    ltok_t *v;
    size_t n, cap;
} ltoks_t;

static int
line_token(void *ctx, const ivs_token_t *t)
{
    ltoks_t *ts = ctx;
    if (t->kind != IVS_TOKEN_WORD)
        return 0;
    if (ts->n == ts->cap) {
        size_t cap = ts->cap ? 2 * ts->cap : 32;
        ltok_t *v = realloc(ts->v, cap * sizeof *v);
        if (!v)
            return -1;
        ts->v = v;
        ts->cap = cap;
    }
    char *term = strndup(t->term, t->term_len);
    if (!term)
        return -1;
    ts->v[ts->n++] = (ltok_t){t->start, t->end, !t->cjk, term, t->term_len};
    return 0;
}

/* Is the character ending just before byte AT of P a Chinese one (spaces
 * skipped)? */
static int
cjk_before(const char *p, size_t at)
{
    while (at > 0 && p[at - 1] == ' ')
        at--;
    return at >= 3 && has_cjk(p + at - 3, 1);
}

/* Whether Latin token K of TS on line P is a gloss: inside brackets opened
 * right after Chinese ("互斥(mutual exclusion)"), or in a run of three or
 * more Latin words joined by spaces alone in a Chinese line. */
static int
is_gloss(const char *p, const ltoks_t *ts, size_t k)
{
    const ltok_t *t = &ts->v[k];
    /* the nearest open bracket before the token, with no close between */
    for (size_t i = t->start; i > 0; i--) {
        char c = p[i - 1];
        if (c == ')' || (i >= 3 && !memcmp(p + i - 3, "）", 3)))
            break;
        if (c == '(')
            return cjk_before(p, i - 1);
        if (i >= 3 && !memcmp(p + i - 3, "（", 3))
            return cjk_before(p, i - 3);
        if (i >= 3 && has_cjk(p + i - 3, 1))
            break; /* Chinese between: no bracket of this token */
    }
    size_t first = k, last = k;
    while (first > 0 && ts->v[first - 1].latin &&
           strspn(p + ts->v[first - 1].end, " -") ==
               ts->v[first].start - ts->v[first - 1].end)
        first--;
    while (last + 1 < ts->n && ts->v[last + 1].latin &&
           strspn(p + ts->v[last].end, " -") ==
               ts->v[last + 1].start - ts->v[last].end)
        last++;
    return last - first >= 2;
}

/* Numbers and number-like tokens (2024, n3, 100ms, v1.2) say nothing of a
 * candidate; http2, md5, k8s, ipv4 do. */
static int
number_like(const char *term, size_t len)
{
    size_t letters = 0, digits = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)term[i];
        letters += (c >= 'a' && c <= 'z') || c >= 0x80;
        digits += c >= '0' && c <= '9';
    }
    return digits && (letters < 2 || digits > letters);
}

static size_t
utf8_chars(const char *p, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)p[i] & 0xc0) != 0x80;
    return k;
}

/* Counts the concepts of line P (N bytes) of KIND into C. */
static int
collect_line(ivs_searcher_t *s, const char *p, size_t n, line_kind_t kind,
             ivs_concepts_t *c)
{
    ltoks_t ts = {0};
    int rc = ivs_analyze(s->analyzer, p, n, 0, 0, NULL, line_token, &ts);
    int chinese = has_cjk(p, n);
    double weight = kind == LINE_STRONG ? IVS_SIMILAR_HEADING_TF : 1.0;
    for (size_t k = 0; rc == 0 && k < ts.n; k++) {
        const ltok_t *t = &ts.v[k];
        if (t->len > 60 || utf8_chars(t->term, t->len) < 2 ||
            number_like(t->term, t->len) || memchr(t->term, '/', t->len))
            continue;
        if (t->latin && chinese && is_gloss(p, &ts, k))
            continue;
        ivs_token_t tok = {.term = t->term, .term_len = t->len};
        char term[IVS_MAX_TERM_BYTES + 2];
        size_t tl = ivs_term_for_token(&tok, term, sizeof term);
        if (tl)
            rc = count_term(s, c, term, tl, weight);
    }
    for (size_t k = 0; k < ts.n; k++)
        free(ts.v[k].term);
    free(ts.v);
    return rc == 0 ? 0 : -1;
}

/* Line P (N bytes) with its markup blanked out (malloc'd, N bytes and a
 * NUL, or NULL when out of memory): HTML tags (<span class="ez-toc">),
 * entities (&nbsp;), URLs and Markdown link targets, whose words (class
 * names, hex ids in image paths) say nothing of the interview. */
static char *
without_markup(const char *p, size_t n)
{
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    memcpy(out, p, n);
    out[n] = '\0';
    for (size_t i = 0; i < n; i++) {
        size_t end = i;
        unsigned char next = i + 1 < n ? (unsigned char)p[i + 1] : 0;
        int letter = (next | 0x20) >= 'a' && (next | 0x20) <= 'z';
        if (p[i] == '<' && (next == '/' || next == '!' || letter)) {
            const char *gt = memchr(p + i, '>', n - i);
            end = gt ? (size_t)(gt - p) + 1 : i;
        } else if (p[i] == '&') {
            size_t j = i + 1;
            while (j < n && j - i < 10 &&
                   (p[j] == '#' ||
                    ((p[j] | 0x20) >= 'a' && (p[j] | 0x20) <= 'z') ||
                    (p[j] >= '0' && p[j] <= '9')))
                j++;
            end = j < n && p[j] == ';' && j > i + 1 ? j + 1 : i;
        } else if (starts_with(p + i, n - i, "http://") ||
                   starts_with(p + i, n - i, "https://") ||
                   starts_with(p + i, n - i, "](")) {
            end = i;
            while (end < n && p[end] != ' ' && p[end] != ')' &&
                   (unsigned char)p[end] < 0x80)
                end++;
        }
        if (end > i) {
            memset(out + i, ' ', end - i);
            i = end - 1;
        }
    }
    return out;
}

int
ivs_concepts_collect(ivs_searcher_t *s, const char *text, size_t len,
                     ivs_concepts_t *c)
{
    ivs_searcher_load_stopwords(s);
    int fence = 0, pre = 0;
    for (size_t at = 0; at < len;) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - text) : len;
        const char *p = text + at;
        size_t n = end - at;
        at = end + 1;
        while (n && (*p == ' ' || *p == '\t' || *p == '>' || *p == '-' ||
                     *p == '*' || *p == '+')) {
            if (*p == '*' && n > 1 && p[1] == '*')
                break;
            p++, n--;
        }
        while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
            n--;
        if (starts_with(p, n, "```") || starts_with(p, n, "~~~")) {
            fence = !fence;
            continue;
        }
        if (memmem(p, n, "<pre", 4))
            pre = 1;
        if (pre && memmem(p, n, "</pre>", 6)) {
            pre = 0;
            continue;
        }
        if (fence || pre || reads_as_code(p, n))
            continue;
        line_kind_t kind = reads_as_strong(p, n) ? LINE_STRONG : LINE_TEXT;
        char *plain = without_markup(p, n);
        if (!plain || collect_line(s, plain, n, kind, c) != 0) {
            free(plain);
            return -1;
        }
        free(plain);
    }
    return 0;
}

/* ---- weights ------------------------------------------------------------- */

static int
by_weight(const void *a, const void *b)
{
    const similar_concept_t *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight < y->weight ? 1 : -1;
    return strcmp(x->term, y->term);
}

/* Keeps the first KEEP concepts of C, freeing the rest. */
static int
truncate_to(ivs_concepts_t *c, size_t keep)
{
    for (size_t k = keep; k < c->n; k++)
        free(c->v[k].term);
    if (keep < c->n)
        c->n = keep;
    return reindex(c);
}

/* Moves the concepts of a topic beyond its first IVS_SIMILAR_PER_TOPIC
 * behind the others (C best first), so that the description covers the
 * interview's areas instead of repeating its main one. */
static int
spread_topics(ivs_concepts_t *c)
{
    similar_concept_t *later = malloc((c->n + 1) * sizeof *later);
    if (!later)
        return -1;
    size_t kept = 0, n_later = 0;
    for (size_t k = 0; k < c->n; k++) {
        size_t same = 0;
        for (size_t j = 0; c->v[k].topic && j < kept; j++)
            same += c->v[j].topic && !strcmp(c->v[j].topic, c->v[k].topic);
        if (same >= IVS_SIMILAR_PER_TOPIC)
            later[n_later++] = c->v[k];
        else
            c->v[kept++] = c->v[k];
    }
    memcpy(c->v + kept, later, n_later * sizeof *later);
    free(later);
    return 0;
}

int
ivs_concepts_choose(ivs_searcher_t *s, ivs_concepts_t *c, uint32_t min_df,
                    size_t max)
{
    double n = ivs_reader_doccount(s->reader);
    double floor_df = fmax(min_df, n * IVS_SIMILAR_RARE_SHARE);
    double cap = log((n + 1) / floor_df);
    size_t kept = 0;
    const char **terms = malloc((c->n ? c->n : 1) * sizeof *terms);
    if (terms) { /* (without: one at a time below) */
        for (size_t k = 0; k < c->n; k++)
            terms[k] = c->v[k].term;
        ivs_reader_termfreqs_prefetch(s->reader, terms, c->n);
        free(terms);
    }
    for (size_t k = 0; k < c->n; k++) {
        similar_concept_t *t = &c->v[k];
        t->df = ivs_reader_termfreq(s->reader, t->term);
        if (t->df < min_df) {
            free(t->term);
            continue;
        }
        double idf = fmin(log((n + 1) / t->df), cap);
        t->weight = (1 + log(t->tf)) * fmax(idf, 0.01);
        c->v[kept++] = *t;
    }
    c->n = kept;
    if (c->n == 0) /* (qsort of NULL is undefined, even of nothing) */
        return 0;
    qsort(c->v, c->n, sizeof *c->v, by_weight);
    /* the topical bonus among three times as many as are kept: finding a
     * word's topic costs more than its weight */
    if (truncate_to(c, 3 * max) != 0)
        return -1;
    const ivs_topics_t *tax = ivs_searcher_taxonomy(s);
    for (size_t k = 0; tax && k < c->n; k++) {
        similar_concept_t *t = &c->v[k];
        /* a topic's Chinese name (语言, 中间件) is a section heading: the
         * topics are compared as topics */
        if ((unsigned char)t->term[0] >= 0x80 &&
            ivs_topics_resolve(tax, t->term)) {
            t->weight = 0;
            continue;
        }
        t->topic = ivs_topics_for_heading(tax, t->term, strlen(t->term));
        if (t->topic)
            t->weight *= IVS_SIMILAR_TOPICAL;
        if (t->topic && !strcmp(t->topic, "language"))
            t->weight *= IVS_SIMILAR_ROLE;
    }
    qsort(c->v, c->n, sizeof *c->v, by_weight);
    while (c->n > 0 && c->v[c->n - 1].weight == 0)
        free(c->v[--c->n].term);
    if (spread_topics(c) != 0)
        return -1;
    return truncate_to(c, max);
}

void
ivs_concepts_clear(ivs_concepts_t *c)
{
    for (size_t k = 0; k < c->n; k++)
        free(c->v[k].term);
    free(c->v);
    free(c->slots);
    memset(c, 0, sizeof *c);
}

/* ---- role ----------------------------------------------------------------- */

/* Words that name a language or what only it has, lower case: a Latin one
 * as a whole word (a version may follow: c++11, java8), a Chinese one
 * anywhere. */
static const struct {
    int role;
    const char *word;
} role_words[] = {
    {IVS_ROLE_GO, "go"},
    {IVS_ROLE_GO, "golang"},
    {IVS_ROLE_GO, "goroutine"},
    {IVS_ROLE_GO, "gmp"},
    {IVS_ROLE_GO, "defer"},
    {IVS_ROLE_GO, "waitgroup"},
    {IVS_ROLE_GO, "gin"},
    {IVS_ROLE_JAVA, "java"},
    {IVS_ROLE_JAVA, "jvm"},
    {IVS_ROLE_JAVA, "spring"},
    {IVS_ROLE_JAVA, "springboot"},
    {IVS_ROLE_JAVA, "mybatis"},
    {IVS_ROLE_JAVA, "synchronized"},
    {IVS_ROLE_JAVA, "hashmap"},
    {IVS_ROLE_JAVA, "concurrenthashmap"},
    {IVS_ROLE_JAVA, "threadlocal"},
    {IVS_ROLE_JAVA, "双亲委派"},
    {IVS_ROLE_JAVA, "类加载"},
    {IVS_ROLE_CPP, "c++"},
    {IVS_ROLE_CPP, "cpp"},
    {IVS_ROLE_CPP, "stl"},
    {IVS_ROLE_CPP, "shared_ptr"},
    {IVS_ROLE_CPP, "unique_ptr"},
    {IVS_ROLE_CPP, "智能指针"},
    {IVS_ROLE_CPP, "虚函数"},
    {IVS_ROLE_CPP, "虚表"},
    {IVS_ROLE_CPP, "右值"},
    {IVS_ROLE_CPP, "析构"},
    {IVS_ROLE_PYTHON, "python"},
    {IVS_ROLE_PYTHON, "gil"},
    {IVS_ROLE_PYTHON, "django"},
    {IVS_ROLE_PYTHON, "flask"},
};

static int
word_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '+';
}

static int
ascii_equal_fold(const char *p, const char *lower, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (c != (unsigned char)lower[i])
            return 0;
    }
    return 1;
}

void
ivs_role_count(const char *text, size_t len, double counts[IVS_ROLES])
{
    size_t n_words = sizeof role_words / sizeof *role_words;
    unsigned char first[256] = {0}; /* first letters of the Latin words */
    for (int r = 0; r < IVS_ROLES; r++)
        counts[r] = 0;
    for (size_t k = 0; k < n_words; k++) {
        const char *w = role_words[k].word;
        size_t n = strlen(w);
        if ((unsigned char)w[0] < 0x80) {
            first[(unsigned char)w[0]] = 1;
            continue;
        }
        for (const char *p = text;
             (p = memmem(p, len - (size_t)(p - text), w, n)) != NULL; p += n)
            counts[role_words[k].role]++;
    }
    for (size_t i = 0; i < len;) {
        if ((unsigned char)text[i] >= 0x80 ||
            !word_char((unsigned char)text[i])) {
            i++;
            continue;
        }
        size_t end = i;
        while (end < len && word_char((unsigned char)text[end]))
            end++;
        unsigned char c = (unsigned char)text[i];
        if (first[c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c]) {
            for (size_t k = 0; k < n_words; k++) {
                const char *w = role_words[k].word;
                size_t n = strlen(w);
                if ((unsigned char)w[0] >= 0x80 || n > end - i ||
                    !ascii_equal_fold(text + i, w, n))
                    continue;
                size_t d = i + n; /* a version may follow */
                while (d < end && text[d] >= '0' && text[d] <= '9')
                    d++;
                if (d == end)
                    counts[role_words[k].role]++;
            }
        }
        i = end;
    }
}

double
ivs_role_agreement(const double a[IVS_ROLES], const double b[IVS_ROLES])
{
    double ab = 0, aa = 0, bb = 0;
    for (int r = 0; r < IVS_ROLES; r++) {
        ab += a[r] * b[r];
        aa += a[r] * a[r];
        bb += b[r] * b[r];
    }
    return aa > 0 && bb > 0 ? ab / sqrt(aa * bb) : -1;
}

/* Snippets: find where the query's concepts occur (by the same position
 * units the index uses), pick the best passage or two, cut them to the
 * display width at clause boundaries and mark the matches. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "ivs/grow.h"
#include "ivs/snippet.h"

#define SEPARATOR " … "
#define HEADING_MARK " › "

typedef struct {
    uint32_t pos;
    size_t start, end;
    size_t term; /* offset into the arena */
} unit_t;

typedef struct {
    unit_t *v;
    size_t n, cap;
    char *arena;
    size_t arena_len, arena_cap;
    int failed;
} units_t;

typedef struct {
    size_t start, end; /* bytes in the text */
    size_t concept;
} match_t;

static int
collect_unit(void *ctx, const ivs_token_t *t)
{
    units_t *u = ctx;
    if (!t->unit)
        return 0;
    if (ivs_grow(&u->v, &u->cap, u->n + 1, sizeof *u->v, 256) < 0 ||
        ivs_grow(&u->arena, &u->arena_cap, u->arena_len + t->term_len + 1, 1,
                 4096) < 0) {
        u->failed = 1;
        return 1;
    }
    memcpy(u->arena + u->arena_len, t->term, t->term_len);
    u->arena[u->arena_len + t->term_len] = '\0';
    u->v[u->n++] = (unit_t){
        .pos = t->pos, .start = t->start, .end = t->end, .term = u->arena_len};
    u->arena_len += t->term_len + 1;
    return 0;
}

size_t
ivs_display_width(const char *s, size_t len)
{
    size_t w = 0, i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (l <= 0) {
            i++;
            continue;
        }
        int cw = utf8proc_charwidth(cp);
        w += cw > 0 ? (size_t)cw : 0;
        i += (size_t)l;
    }
    return w;
}

static size_t
char_len(const char *s, size_t avail)
{
    unsigned char c = (unsigned char)*s;
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    return n > avail ? avail : n;
}

static int
char_width(const char *s, size_t n)
{
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
                         &cp) <= 0)
        return 1;
    int w = utf8proc_charwidth(cp);
    return w < 0 ? 0 : w;
}

/* Clause boundaries: after these a cut reads naturally. */
static int
is_clause_end(const char *s, size_t n)
{
    if (n == 1)
        return *s == ',' || *s == '.' || *s == ';' || *s == '!' || *s == '?' ||
               *s == ':';
    return n == 3 &&
           (!memcmp(s, "，", 3) || !memcmp(s, "。", 3) || !memcmp(s, "；", 3) ||
            !memcmp(s, "！", 3) || !memcmp(s, "？", 3) || !memcmp(s, "：", 3) ||
            !memcmp(s, "、", 3));
}

/* ---- output buffer with highlight tracking ------------------------------ */

typedef struct {
    char *buf;
    size_t len, cap;
    size_t chars;
    ivs_span_t *spans;
    size_t n_spans, spans_cap;
    size_t open_match; /* match index + 1 of the span being extended */
    int failed;
    int pending_space;
} out_t;

static void
put(out_t *o, const char *s, size_t n)
{
    if (ivs_grow(&o->buf, &o->cap, o->len + n + 1, 1, 256) < 0) {
        o->failed = 1;
        return;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    o->buf[o->len] = '\0';
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            o->chars++;
}

static void
mark(out_t *o, size_t match_plus_one, size_t char_at)
{
    if (!match_plus_one) {
        o->open_match = 0;
        return;
    }
    if (o->open_match == match_plus_one && o->n_spans > 0) {
        o->spans[o->n_spans - 1].end = char_at + 1;
        return;
    }
    if (ivs_grow(&o->spans, &o->spans_cap, o->n_spans + 1, sizeof *o->spans,
                 8) < 0) {
        o->failed = 1;
        return;
    }
    o->spans[o->n_spans++] = (ivs_span_t){.start = char_at, .end = char_at + 1};
    o->open_match = match_plus_one;
}

/* Copies TEXT[from, to) collapsing white space, marking matched bytes. */
static void
copy_passage(out_t *o, const char *text, size_t from, size_t to,
             const match_t *m, size_t n_m)
{
    size_t mi = 0;
    size_t i = from;
    while (i < to && !o->failed) {
        size_t n = char_len(text + i, to - i);
        unsigned char c = (unsigned char)text[i];
        int space = c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
                    (n == 3 && !memcmp(text + i, "\u3000", 3));
        while (mi < n_m && m[mi].end <= i)
            mi++;
        size_t in = 0;
        for (size_t k = mi; k < n_m && m[k].start <= i; k++)
            if (i < m[k].end) {
                in = k + 1;
                break;
            }
        if (space) {
            if (o->len > 0)
                o->pending_space = 1;
            i += n;
            continue;
        }
        if (o->pending_space) {
            /* a space inside one match stays inside its highlight */
            size_t keep = (in && in == o->open_match) ? in : 0;
            size_t at = o->chars;
            put(o, " ", 1);
            if (keep)
                mark(o, keep, at);
            else
                o->open_match = 0;
            o->pending_space = 0;
        }
        size_t at = o->chars;
        put(o, text + i, n);
        mark(o, in, at);
        i += n;
    }
}

/* ---- choosing passages --------------------------------------------------- */

typedef struct {
    size_t raw;        /* where the line starts */
    size_t start, end; /* its text: without blanks, newline, heading marks */
    unsigned long concepts; /* bit set of matched concepts (first 64) */
    size_t n_matches;
    size_t first_match;
} line_t;

static int
popcount(unsigned long x)
{
    int n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

/* The patterns of a query by their first unit (and by stem, for one-word
 * Latin patterns that match other forms), so that each unit of the text is
 * looked up once instead of compared with every pattern. */
typedef struct {
    const ivs_pattern_t *pat;
    size_t concept;
    int next; /* next entry in the same bucket, or -1 */
} start_t;

typedef struct {
    start_t *e;
    size_t n;
    int *buckets;     /* 2 * n_buckets heads: by first unit, then by stem */
    size_t n_buckets; /* a power of two */
    int any_stem;
} starts_t;

static size_t
key_hash(const char *s, int by_stem)
{
    size_t h = 1469598103934665603u ^ (size_t)by_stem;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static int
starts_find(const starts_t *st, const char *key, int by_stem)
{
    if (st->n == 0)
        return -1;
    size_t b = key_hash(key, by_stem) & (st->n_buckets - 1);
    return st->buckets[(size_t)by_stem * st->n_buckets + b];
}

static int
starts_build(starts_t *st, const ivs_query_t *q)
{
    size_t n = 0;
    for (size_t c = 0; c < q->n_concepts; c++)
        if (!q->concepts[c].negated)
            n += q->concepts[c].n_patterns * 2;
    st->n_buckets = 16;
    while (st->n_buckets < n)
        st->n_buckets *= 2;
    st->e = malloc((n + 1) * sizeof *st->e);
    st->buckets = malloc(2 * st->n_buckets * sizeof *st->buckets);
    if (!st->e || !st->buckets)
        return -1;
    for (size_t i = 0; i < 2 * st->n_buckets; i++)
        st->buckets[i] = -1;
    /* inserted last concept first, so that each bucket lists them in query
     * order */
    for (size_t c = q->n_concepts; c-- > 0;) {
        const ivs_concept_t *con = &q->concepts[c];
        if (con->negated)
            continue;
        for (size_t p = con->n_patterns; p-- > 0;) {
            const ivs_pattern_t *pat = &con->patterns[p];
            if (pat->n == 0)
                continue;
            for (int by_stem = 0; by_stem < 2; by_stem++) {
                const char *key = by_stem ? pat->stem : pat->units[0];
                if (!key || (by_stem && pat->n != 1))
                    continue;
                st->any_stem |= by_stem;
                size_t b = (size_t)by_stem * st->n_buckets +
                           (key_hash(key, by_stem) & (st->n_buckets - 1));
                st->e[st->n] =
                    (start_t){.pat = pat, .concept = c, .next = st->buckets[b]};
                st->buckets[b] = (int)st->n++;
            }
        }
    }
    return 0;
}

static void
starts_free(starts_t *st)
{
    free(st->e);
    free(st->buckets);
}

static int
cmp_match(const void *a, const void *b)
{
    const match_t *x = a, *y = b;
    return x->start < y->start   ? -1
           : x->start > y->start ? 1
           : x->end < y->end     ? 1
           : x->end > y->end     ? -1
                                 : 0;
}

/* Cuts [*from, *to) to about BUDGET columns around byte AROUND, preferring
 * clause boundaries. Sets *cut_left / *cut_right when text was dropped. */
static void
crop(const char *text, size_t *from, size_t *to, size_t around, size_t budget,
     int *cut_left, int *cut_right)
{
    *cut_left = *cut_right = 0;
    if (ivs_display_width(text + *from, *to - *from) <= budget)
        return;
    /* start: go back from AROUND about a third of the budget, stopping
     * after a clause end if one is near */
    size_t lead = budget / 3, w = 0, s = around;
    size_t clause = (size_t)-1;
    while (s > *from && w < lead) {
        size_t p = s - 1;
        while (p > *from && ((unsigned char)text[p] & 0xC0) == 0x80)
            p--;
        size_t n = s - p;
        if (is_clause_end(text + p, n) && clause == (size_t)-1 && s != around)
            clause = s;
        w += (size_t)char_width(text + p, n);
        s = p;
    }
    if (clause != (size_t)-1 && s > *from)
        s = clause;
    if (s > *from)
        *cut_left = 1;
    /* end: up to the budget, back to a clause end when one is in the last
     * third */
    size_t e = s, last_clause = 0;
    w = 0;
    while (e < *to) {
        size_t n = char_len(text + e, *to - e);
        int cw = char_width(text + e, n);
        if (w + (size_t)cw > budget)
            break;
        w += (size_t)cw;
        e += n;
        if (is_clause_end(text + e - n, n) && w > budget * 2 / 3)
            last_clause = e;
    }
    if (e < *to) {
        if (last_clause > around)
            e = last_clause;
        *cut_right = 1;
    }
    *from = s;
    *to = e;
}

/* ---- cutting between words ----------------------------------------------- */

/* A letter or digit of a word written with spaces between words (Latin,
 * Greek, Cyrillic ...): narrow letters and digits, not CJK. */
static int
word_char_at(const char *text, size_t i, size_t len)
{
    unsigned char c = (unsigned char)text[i];
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               (c >= '0' && c <= '9') || c == '_';
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                         (utf8proc_ssize_t)(len - i), &cp) <= 0)
        return 0;
    if (utf8proc_charwidth(cp) != 1)
        return 0;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL ||
           cat == UTF8PROC_CATEGORY_LT || cat == UTF8PROC_CATEGORY_LM ||
           cat == UTF8PROC_CATEGORY_LO || cat == UTF8PROC_CATEGORY_MN ||
           cat == UTF8PROC_CATEGORY_MC || cat == UTF8PROC_CATEGORY_ND;
}

static size_t
prev_char(const char *text, size_t i)
{
    do
        i--;
    while (i > 0 && ((unsigned char)text[i] & 0xC0) == 0x80);
    return i;
}

/* Whether a cut at byte AT of TEXT (LEN bytes) would split a word: letters
 * or digits on both sides, or on both sides of one joining mark
 * ("sync.|Once", "127.|0.0.1", "b-|tree"). */
static int
inside_word(const char *text, size_t len, size_t at)
{
    if (at == 0 || at >= len)
        return 0;
    size_t p = prev_char(text, at);
    int before = word_char_at(text, p, len),
        after = word_char_at(text, at, len);
    if (before && after)
        return 1;
    static const char joiners[] = ".-/+#'@:";
    if (before && strchr(joiners, text[at]) && at + 1 < len &&
        word_char_at(text, at + 1, len))
        return 1;
    if (after && p > 0 && strchr(joiners, text[p]) &&
        word_char_at(text, prev_char(text, p), len))
        return 1;
    return 0;
}

/* The start and end of the word (with its joining marks) around byte AT. */
static size_t
word_start(const char *text, size_t len, size_t floor, size_t at)
{
    while (at > floor && inside_word(text, len, at))
        at = prev_char(text, at);
    return at;
}

static size_t
word_end(const char *text, size_t len, size_t ceiling, size_t at)
{
    while (at < ceiling && inside_word(text, len, at))
        at += char_len(text + at, len - at);
    return at;
}

/* The match that byte AT falls strictly inside, or NULL. */
static const match_t *
match_across(const match_t *m, size_t n_m, size_t at)
{
    for (size_t i = 0; i < n_m && m[i].start < at; i++)
        if (at < m[i].end)
            return &m[i];
    return NULL;
}

/* Columns an edge may move outwards to keep a word whole; past that (a
 * long URL or identifier) the word is cut, a highlight never. */
#define WORD_STRETCH 24

/* Moves the edges of the passage [*from, *to) of the line [LS, LE) off
 * highlights and words, AROUND being where its first match starts. The
 * start leaves out a highlight or word it splits, unless it holds AROUND;
 * then it moves back to take it whole. The end moves back before a word or
 * highlight it splits, unless that drops the first match; then forward to
 * take it whole. */
static void
snap_to_words(const char *text, size_t len, size_t ls, size_t le, size_t around,
              const match_t *m, size_t n_m, size_t *from, size_t *to)
{
    size_t s = *from, e = *to;
    for (int round = 0; round < 3; round++) {
        size_t before = s;
        const match_t *hit = match_across(m, n_m, s);
        if (hit)
            s = hit->end <= around ? hit->end : hit->start;
        if (inside_word(text, len, s)) {
            size_t ws = word_start(text, len, ls, s);
            size_t we = word_end(text, len, le, s);
            if (we <= around)
                s = we;
            else if (ivs_display_width(text + ws, s - ws) <= WORD_STRETCH)
                s = ws;
            else if (s < around)
                s = around;
        }
        while (s < around && (text[s] == ' ' || text[s] == '\t'))
            s++;
        if (s == before)
            break;
    }
    if (e < s)
        e = s;
    for (int round = 0; round < 3; round++) {
        size_t before = e;
        const match_t *hit = match_across(m, n_m, e);
        if (hit)
            e = hit->start > around && hit->start > s ? hit->start : hit->end;
        if (inside_word(text, len, e)) {
            size_t ws = word_start(text, len, s, e);
            size_t we = word_end(text, len, le, e);
            if (ws > around && ws > s)
                e = ws;
            else if (ivs_display_width(text + e, we - e) <= WORD_STRETCH)
                e = we;
        }
        if (e == before)
            break;
    }
    *from = s;
    *to = e;
}

static void
trim_line(const char *text, size_t *s, size_t *e)
{
    while (*s < *e && (text[*s] == ' ' || text[*s] == '\t' || text[*s] == '\r'))
        (*s)++;
    while (*e > *s && (text[*e - 1] == ' ' || text[*e - 1] == '\t' ||
                       text[*e - 1] == '\r'))
        (*e)--;
}

/* Narrows the trimmed line [*s, *e) of TEXT to a Markdown heading's text:
 * without the opening "#" run ("### 进程" -> "进程", also "##进程") and a
 * closing one ("## 算法 ##"). Other lines ("#include", "c#") are left. */
static void
strip_heading_marks(const char *text, size_t *s, size_t *e)
{
    size_t h = 0;
    while (*s + h < *e && text[*s + h] == '#')
        h++;
    if (h == 0 || h > 6)
        return;
    size_t j = *s + h;
    if (j < *e && text[j] != ' ' && text[j] != '\t' &&
        (unsigned char)text[j] < 0x80)
        return;
    *s = j;
    trim_line(text, s, e);
    size_t k = *e;
    while (k > *s && text[k - 1] == '#')
        k--;
    if (k < *e && (k == *s || text[k - 1] == ' ' || text[k - 1] == '\t')) {
        *e = k;
        trim_line(text, s, e);
    }
}

/* The matches found so far, sorted by start once complete. */
typedef struct {
    match_t *v;
    size_t n, cap;
} matches_t;

/* Records the patterns that start at unit I of U: those keyed by its term
 * and (another form of a Latin word) those whose stem is the unit's.
 * Returns -1 when out of memory. */
static int
match_at_unit(const starts_t *st, const units_t *u, size_t i, matches_t *m,
              unsigned char *matched)
{
    const char *term = u->arena + u->v[i].term;
    char stem[48];
    for (int by_stem = 0; by_stem < 2; by_stem++) {
        const char *key = term;
        if (by_stem) {
            size_t tl = strlen(term);
            if (!st->any_stem || !ivs_stemmable(term, tl) ||
                !ivs_stem_english(term, tl, stem, sizeof stem))
                break;
            key = stem;
        }
        for (int e = starts_find(st, key, by_stem); e >= 0; e = st->e[e].next) {
            const ivs_pattern_t *pat = st->e[e].pat;
            if (strcmp(by_stem ? pat->stem : pat->units[0], key) ||
                (by_stem && !strcmp(pat->units[0], term)))
                continue; /* another key, or found already */
            size_t j = 1;
            for (; j < pat->n; j++) {
                if (i + j >= u->n || u->v[i + j].pos != u->v[i].pos + j ||
                    strcmp(pat->units[j], u->arena + u->v[i + j].term))
                    break;
            }
            if (j < pat->n)
                continue;
            if (ivs_grow(&m->v, &m->cap, m->n + 1, sizeof *m->v, 16) < 0)
                return -1;
            size_t c = st->e[e].concept;
            m->v[m->n++] =
                (match_t){u->v[i].start, u->v[i + pat->n - 1].end, c};
            matched[c] = 1;
        }
    }
    return 0;
}

/* Phase 1: where each of Q's concepts occurs in TEXT, sorted, without
 * matches inside an earlier, longer one; MATCHED[c] is set for each concept
 * found. Returns -1 when out of memory. */
static int
find_matches(ivs_analyzer_t *a, const char *text, size_t len,
             const ivs_query_t *q, unsigned char *matched, matches_t *m)
{
    units_t u = {0};
    starts_t st = {0};
    int rc = -1;
    if (ivs_analyze(a, text, len,
                    IVS_ANALYZE_INDEX | IVS_ANALYZE_UNITS |
                        IVS_ANALYZE_QUICK_FOLD,
                    1, NULL, collect_unit, &u) != 0 ||
        u.failed)
        goto done;
    if (starts_build(&st, q) < 0)
        goto done;
    for (size_t i = 0; i < u.n; i++)
        if (match_at_unit(&st, &u, i, m, matched) < 0)
            goto done;
    if (m->n > 1)
        qsort(m->v, m->n, sizeof *m->v, cmp_match);
    /* drop matches inside an earlier, longer one */
    size_t k = 0;
    for (size_t i = 0; i < m->n; i++)
        if (k == 0 || m->v[i].start >= m->v[k - 1].end)
            m->v[k++] = m->v[i];
    m->n = k;
    rc = 0;
done:
    free(u.v);
    free(u.arena);
    starts_free(&st);
    return rc;
}

typedef struct {
    line_t *v;
    size_t n, cap;
} lines_t;

/* Phase 2: the lines of TEXT that hold text, and the matches of M each
 * holds. Returns -1 when out of memory. */
static int
index_lines(const char *text, size_t len, const matches_t *m, lines_t *L)
{
    for (size_t s = 0; s < len;) {
        const char *nl = memchr(text + s, '\n', len - s);
        size_t e = nl ? (size_t)(nl - text) : len;
        size_t ls = s, le = e;
        trim_line(text, &ls, &le);
        strip_heading_marks(text, &ls, &le);
        if (le > ls) {
            if (ivs_grow(&L->v, &L->cap, L->n + 1, sizeof *L->v, 64) < 0)
                return -1;
            L->v[L->n++] = (line_t){.raw = s, .start = ls, .end = le};
        }
        s = e + 1;
    }
    size_t li = 0;
    for (size_t i = 0; i < m->n; i++) {
        const match_t *mi = &m->v[i];
        while (li < L->n && L->v[li].end <= mi->start)
            li++;
        if (li == L->n)
            break;
        if (mi->start < L->v[li].start)
            continue;
        if (L->v[li].n_matches == 0)
            L->v[li].first_match = mi->start;
        L->v[li].n_matches++;
        L->v[li].concepts |= 1ul << (mi->concept % 64);
    }
    return 0;
}

/* Phase 3: the best line in *BEST, and in *SECOND a line for the concepts
 * it lacks ((size_t)-1 when none). With no match, the opening line is the
 * best; with no lines, both are (size_t)-1. */
static void
pick_lines(const line_t *lines, size_t n_lines, size_t *best_out,
           size_t *second_out)
{
    size_t best = (size_t)-1;
    long best_score = -1;
    unsigned long all = 0;
    for (size_t i = 0; i < n_lines; i++) {
        all |= lines[i].concepts;
        if (!lines[i].n_matches)
            continue;
        long score =
            popcount(lines[i].concepts) * 100 +
            (long)(lines[i].n_matches > 10 ? 10 : lines[i].n_matches) * 5;
        if (score > best_score) {
            best_score = score;
            best = i;
        }
    }
    size_t second = (size_t)-1;
    if (best != (size_t)-1 && (all & ~lines[best].concepts)) {
        unsigned long missing = all & ~lines[best].concepts;
        long s2 = -1;
        for (size_t i = 0; i < n_lines; i++) {
            if (i == best || !(lines[i].concepts & missing))
                continue;
            long score = popcount(lines[i].concepts & missing) * 100 +
                         (long)lines[i].n_matches;
            if (score > s2) {
                s2 = score;
                second = i;
            }
        }
    }
    if (best == (size_t)-1) /* no match: the opening of the text */
        for (size_t i = 0; i < n_lines && best == (size_t)-1; i++)
            best = i;
    *best_out = best;
    *second_out = second;
}

/* Phase 4a: "heading › " of the section holding LEAD, unless LEAD is the
 * heading line itself. */
static void
put_heading(out_t *o, const ivs_snippet_section_t *sections, size_t n_sections,
            const line_t *lead)
{
    size_t at = lead->start;
    const char *heading = NULL;
    size_t hs = (size_t)-1;
    for (size_t i = 0; i < n_sections; i++)
        if (sections[i].start <= at && at < sections[i].end &&
            sections[i].heading && *sections[i].heading) {
            heading = sections[i].heading;
            hs = sections[i].start;
        }
    /* no prefix when the passage is the heading line itself */
    if (heading && !(hs != (size_t)-1 && hs >= lead->raw && hs < lead->end)) {
        size_t hb = 0, he = strlen(heading);
        trim_line(heading, &hb, &he);
        strip_heading_marks(heading, &hb, &he);
        copy_passage(o, heading, hb, he, NULL, 0);
        o->pending_space = 0;
        put(o, HEADING_MARK, strlen(HEADING_MARK));
    }
}

/* Phase 4b: the passages of lines BEST and SECOND (if any), in text
 * order, cut to what WIDTH leaves after the heading, matches marked. */
static void
put_passages(out_t *o, const char *text, size_t len, const line_t *lines,
             size_t best, size_t second, const matches_t *m, unsigned width)
{
    size_t order[2] = {best, second};
    size_t n_pass = second == (size_t)-1 ? 1 : 2;
    if (n_pass == 2 && second < best) {
        order[0] = second;
        order[1] = best;
    }
    size_t used = ivs_display_width(o->buf ? o->buf : "", o->len);
    size_t budget = width > used + 10 ? width - used : 10;
    if (n_pass == 2)
        budget = budget > 6 ? (budget - 3) / 2 : budget;
    for (size_t k = 0; k < n_pass; k++) {
        const line_t *l = &lines[order[k]];
        size_t from = l->start, to = l->end;
        int cut_left, cut_right;
        size_t around = l->n_matches ? l->first_match : l->start;
        crop(text, &from, &to, around, budget, &cut_left, &cut_right);
        snap_to_words(text, len, l->start, l->end, around, m->v, m->n, &from,
                      &to);
        cut_left = from > l->start;
        cut_right = to < l->end;
        if (k > 0) {
            o->pending_space = 0;
            o->open_match = 0;
            put(o, SEPARATOR, strlen(SEPARATOR));
        } else if (cut_left) {
            put(o, "…", strlen("…"));
        }
        o->open_match = 0;
        copy_passage(o, text, from, to, m->v, m->n);
        o->pending_space = 0;
        o->open_match = 0;
        if (cut_right)
            put(o, "…", strlen("…"));
    }
}

ivs_status_t
ivs_snippet_build(ivs_analyzer_t *a, const char *text, size_t len,
                  const ivs_snippet_section_t *sections, size_t n_sections,
                  const ivs_query_t *q, unsigned width, ivs_snippet_t **out)
{
    *out = NULL;
    ivs_snippet_t *sn = calloc(1, sizeof *sn);
    if (!sn)
        return IVS_ERR_NOMEM;
    size_t nc = q ? q->n_concepts : 0;
    sn->n_concepts = nc;
    sn->matched = calloc(nc + 1, 1);
    matches_t m = {0};
    lines_t L = {0};
    out_t o = {0};
    if (!sn->matched)
        goto nomem;

    /* 1. where each concept occurs */
    if (nc > 0 && find_matches(a, text, len, q, sn->matched, &m) < 0)
        goto nomem;
    /* 2. lines and what each holds */
    if (index_lines(text, len, &m, &L) < 0)
        goto nomem;
    /* 3. the best line, and a second one for concepts it lacks */
    size_t best, second;
    pick_lines(L.v, L.n, &best, &second);
    /* 4. heading of the section holding the first passage shown, then the
     * passages */
    if (best != (size_t)-1) {
        size_t lead = second != (size_t)-1 && second < best ? second : best;
        put_heading(&o, sections, n_sections, &L.v[lead]);
        put_passages(&o, text, len, L.v, best, second, &m, width);
    }
    if (o.failed)
        goto nomem;
    sn->text = o.buf ? o.buf : strdup("");
    sn->highlights = o.spans;
    sn->n_highlights = o.n_spans;
    free(m.v);
    free(L.v);
    *out = sn;
    return sn->text ? IVS_OK : IVS_ERR_NOMEM;
nomem:
    free(o.buf);
    free(o.spans);
    free(m.v);
    free(L.v);
    ivs_snippet_free(sn);
    return IVS_ERR_NOMEM;
}

ivs_status_t
ivs_snippet_matches(ivs_analyzer_t *a, const char *text, size_t len,
                    const ivs_query_t *q, ivs_span_t **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!q || q->n_concepts == 0)
        return IVS_OK;
    unsigned char *matched = calloc(q->n_concepts, 1);
    matches_t m = {0};
    if (!matched || find_matches(a, text, len, q, matched, &m) < 0) {
        free(matched);
        free(m.v);
        return IVS_ERR_NOMEM;
    }
    free(matched);
    ivs_span_t *spans = m.n ? malloc(m.n * sizeof *spans) : NULL;
    if (m.n && !spans) {
        free(m.v);
        return IVS_ERR_NOMEM;
    }
    for (size_t i = 0; i < m.n; i++)
        spans[i] = (ivs_span_t){m.v[i].start, m.v[i].end};
    free(m.v);
    *out = spans;
    *n = m.n;
    return IVS_OK;
}

void
ivs_snippet_free(ivs_snippet_t *s)
{
    if (!s)
        return;
    free(s->text);
    free(s->highlights);
    free(s->matched);
    free(s);
}

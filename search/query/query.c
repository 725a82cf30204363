/* Query parsing: the user's syntax into concepts, each with the Xapian
 * query tree that matches it and the unit patterns that snippets highlight.
 * Terms come from the same analyzer as the index. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ivs/grow.h"
#include "ivs/query.h"
#include "ivs/schema.h"
#include "ivs/text.h"
#include "query_internal.h"

/* ---- analysis of one piece of query text --------------------------------- */

typedef struct {
    ivs_token_t tok;
    char *term;
} qtok_t;

typedef struct {
    qtok_t *v;
    size_t n, cap;
    int failed;
} qtoks_t;

static int
collect(void *ctx, const ivs_token_t *t)
{
    qtoks_t *ts = ctx;
    if (ivs_grow(&ts->v, &ts->cap, ts->n + 1, sizeof *ts->v, 32) < 0) {
        ts->failed = 1;
        return 1;
    }
    char *term = ivs_text_dup(t->term, t->term_len);
    if (!term) {
        ts->failed = 1;
        return 1;
    }
    ts->v[ts->n].tok = *t;
    ts->v[ts->n].tok.term = term;
    ts->v[ts->n].term = term;
    ts->n++;
    return 0;
}

static void
qtoks_free(qtoks_t *ts)
{
    for (size_t i = 0; i < ts->n; i++)
        free(ts->v[i].term);
    free(ts->v);
    memset(ts, 0, sizeof *ts);
}

static int
analyze_text(ivs_analyzer_t *a, const char *text, size_t len, qtoks_t *ts)
{
    memset(ts, 0, sizeof *ts);
    int rc = ivs_analyze(a, text, len, IVS_ANALYZE_INDEX, 1, NULL, collect, ts);
    if (rc || ts->failed) {
        qtoks_free(ts);
        return -1;
    }
    return 0;
}

static ivs_qnode_t *
unit_term(const qtok_t *t)
{
    /* the term the indexer gave the same token (ivs/schema.h) */
    ivs_token_t tok = t->tok;
    tok.term = t->term;
    tok.term_len = strlen(t->term);
    char term[IVS_MAX_TERM_BYTES + 8];
    size_t len = ivs_term_for_token(&tok, term, sizeof term);
    /* too long to be indexed: a term that matches nothing, as it should */
    return len ? ivs_qnode_term(term, len)
               : ivs_qnode_term(t->term, strlen(t->term));
}

/* The units of tokens [from, to): CJK characters and Latin units, in
 * position order. */
static ivs_qnode_t *
units_phrase(const qtoks_t *ts, size_t from, size_t to, ivs_pattern_t *pat)
{
    ivs_qnode_t *ph = ivs_qnode_new(IVS_Q_PHRASE);
    if (!ph)
        return NULL;
    uint32_t last = 0;
    int any = 0;
    for (size_t i = from; i < to; i++) {
        const qtok_t *t = &ts->v[i];
        if (!t->tok.unit)
            continue;
        if (any && t->tok.pos == last)
            continue;
        any = 1;
        last = t->tok.pos;
        if (ivs_qnode_add(ph, unit_term(t)) < 0)
            goto fail;
        if (pat) {
            char **u = realloc(pat->units, (pat->n + 1) * sizeof *u);
            if (!u)
                goto fail;
            pat->units = u;
            char **tm = realloc(pat->terms, (pat->n + 1) * sizeof *tm);
            if (!tm)
                goto fail;
            pat->terms = tm;
            if (!(tm[pat->n] = strdup(ph->kids[ph->n_kids - 1]->term)))
                goto fail;
            /* the unit is the term without its prefix */
            u[pat->n] =
                tm[pat->n] +
                (t->tok.kind == IVS_TOKEN_CHAR ? strlen(IVS_PREFIX_CHAR) : 0);
            pat->n++;
        }
    }
    if (ph->n_kids == 0)
        goto fail;
    if (ph->n_kids == 1) {
        ivs_qnode_t *only = ph->kids[0];
        ph->n_kids = 0;
        ivs_qnode_free(ph);
        return only;
    }
    return ph;
fail:
    ivs_qnode_free(ph);
    return NULL;
}

/* ---- concepts ------------------------------------------------------------- */

static int
add_pattern(ivs_concept_t *c, ivs_pattern_t pat)
{
    ivs_pattern_t *p = realloc(c->patterns, (c->n_patterns + 1) * sizeof *p);
    if (!p)
        return -1;
    c->patterns = p;
    c->patterns[c->n_patterns++] = pat;
    return 0;
}

static void
free_pattern(ivs_pattern_t *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->terms[i]); /* units point into them */
    free(p->units);
    free(p->terms);
    free(p->stem);
}

static void
append_expansion(ivs_concept_t *c, const char *s)
{
    size_t old = c->expansion ? strlen(c->expansion) : 0;
    char *e = realloc(c->expansion, old + strlen(s) + 4);
    if (!e)
        return;
    if (old)
        memcpy(e + old, " | ", 3), old += 3;
    strcpy(e + old, s);
    c->expansion = e;
}

/* The query for main token W = ts->v[w] and its sub-tokens up to END: the
 * word term, and for Chinese the character phrase (substring recall,
 * scaled down); for Latin compounds the parts as a phrase. Adds the
 * highlight pattern to C. */
static ivs_qnode_t *
word_query(const qtoks_t *ts, size_t w, size_t end, ivs_concept_t *c)
{
    const qtok_t *t = &ts->v[w];
    ivs_qnode_t * or = ivs_qnode_new(IVS_Q_OR);
    if (! or)
        return NULL;
    if (strlen(t->term) <= IVS_MAX_TERM_BYTES &&
        ivs_qnode_add(or, ivs_qnode_term(t->term, strlen(t->term))) < 0)
        goto fail;
    ivs_pattern_t pat = {0};
    if (t->tok.unit) {
        /* a simple Latin word: itself is the unit; its English stem finds
         * the other forms (interfaces -> interface), weighted lower */
        pat.units = malloc(sizeof *pat.units);
        pat.terms = malloc(sizeof *pat.terms);
        if (pat.units && pat.terms && (pat.terms[0] = strdup(t->term))) {
            pat.units[0] = pat.terms[0];
            pat.n = 1;
        }
        if (!pat.n) {
            free_pattern(&pat);
            goto fail;
        }
        char stem[48];
        size_t n;
        if (!t->tok.cjk && (n = ivs_stem_term(t->term, strlen(t->term), stem,
                                              sizeof stem)) > 0) {
            pat.stem = strdup(stem + strlen(IVS_PREFIX_STEM));
            ivs_qnode_t *scaled = ivs_qnode_new(IVS_Q_SCALE);
            if (scaled) {
                scaled->scale = IVS_STEM_SCALE;
                scaled->recall = IVS_RECALL_STEM;
                if (ivs_qnode_add(scaled, ivs_qnode_term(stem, n)) < 0 ||
                    ivs_qnode_add(or, scaled) < 0) {
                    free_pattern(&pat);
                    goto fail;
                }
            }
        }
        if (add_pattern(c, pat) < 0) {
            free_pattern(&pat);
            goto fail;
        }
        return or ;
    }
    ivs_qnode_t *ph = units_phrase(ts, w + 1, end, &pat);
    if (!ph) {
        free_pattern(&pat);
        return or ;
    }
    if (add_pattern(c, pat) < 0) {
        free_pattern(&pat);
        ivs_qnode_free(ph);
        goto fail;
    }
    if (t->tok.cjk) {
        ivs_qnode_t *scaled = ivs_qnode_new(IVS_Q_SCALE);
        if (!scaled) {
            ivs_qnode_free(ph);
            goto fail;
        }
        scaled->scale = IVS_SUBSTRING_SCALE;
        scaled->recall = IVS_RECALL_PHRASE;
        if (ivs_qnode_add(scaled, ph) < 0) {
            ivs_qnode_free(scaled);
            goto fail;
        }
        ph = scaled;
    }
    if (ivs_qnode_add(or, ph) < 0)
        goto fail;
    return or ;
fail:
    ivs_qnode_free(or);
    return NULL;
}

/* The query for a whole piece of text as one alternative: a single word's
 * query, or the exact phrase of its units when it has several words (a
 * synonym such as 性能分析 must not match 性能 and 分析 apart). */
static ivs_qnode_t *
text_query(ivs_analyzer_t *a, const char *text, ivs_concept_t *c)
{
    qtoks_t ts;
    if (analyze_text(a, text, strlen(text), &ts) < 0)
        return NULL;
    size_t words = 0, first = 0;
    for (size_t i = 0; i < ts.n; i++)
        if (ts.v[i].tok.kind == IVS_TOKEN_WORD && words++ == 0)
            first = i;
    ivs_qnode_t *q = NULL;
    if (words == 1) {
        q = word_query(&ts, first, ts.n, c);
    } else if (words > 1) {
        ivs_pattern_t pat = {0};
        q = units_phrase(&ts, 0, ts.n, &pat);
        if (!q || add_pattern(c, pat) < 0) {
            free_pattern(&pat);
            ivs_qnode_free(q);
            q = NULL;
        }
    }
    qtoks_free(&ts);
    return q;
}

/* Replaces the first occurrence of FROM in S with TO (malloc'd), or NULL. */
/* Is VARIANT among the alternatives C already tries? */
static int
has_expansion(const ivs_concept_t *c, const char *variant)
{
    size_t n = strlen(variant);
    for (const char *e = c->expansion; e && *e;) {
        const char *end = strstr(e, " | ");
        size_t len = end ? (size_t)(end - e) : strlen(e);
        if (len == n && !memcmp(e, variant, n))
            return 1;
        e = end ? end + 3 : e + len;
    }
    return 0;
}

/* Adds to OR the query of one synonym variant of the concept C (skipped
 * when C already tries it); -1 when out of memory. */
typedef struct {
    ivs_analyzer_t *a;
    ivs_concept_t *c;
    ivs_qnode_t * or ;
} synonym_ctx_t;

static int
add_synonym(void *ctx, const char *variant)
{
    synonym_ctx_t *s = ctx;
    if (has_expansion(s->c, variant)) /* from another group */
        return 0;
    ivs_qnode_t *q = text_query(s->a, variant, s->c);
    if (q && q->op == IVS_Q_PHRASE)
        q->recall = IVS_RECALL_PHRASE; /* optional */
    if (q) {
        append_expansion(s->c, variant);
        if (ivs_qnode_add(s->or, q) < 0)
            return -1;
    }
    return 0;
}

/* Synonym alternatives of WORD (normalised), see
 * ivs_synonyms_each_variant(). */
static int
add_synonyms(ivs_analyzer_t *a, const ivs_synonyms_t *syn, const char *word,
             ivs_concept_t *c, ivs_qnode_t * or)
{
    synonym_ctx_t s = {.a = a, .c = c, .or = or };
    return ivs_synonyms_each_variant(syn, word, add_synonym, &s);
}

static void
concept_free(ivs_concept_t *c)
{
    free(c->text);
    ivs_qnode_free(c->node);
    for (size_t i = 0; i < c->n_patterns; i++)
        free_pattern(&c->patterns[i]);
    free(c->patterns);
    free(c->expansion);
}

/* ---- question words ---------------------------------------------------------- */

/* The words that make a keyword query a question (是, 的, 怎么, 有哪些,
 * 吗) and say nothing about its subject. Required, they only favour long
 * documents, which hold every common word (a table of contents, a long
 * article): "map 是并发安全的吗" must rank as "map 并发安全". They are left
 * out when the query has a word of another kind; typed alone ("是什么"),
 * they are searched. */
static const char *const question_words[] = {
    "和",     "与",     "及",     "或",       "或者",   "还是",   "跟",
    "都",     "也",     "就",     "又",       "还",     "一个",   "一下",
    "这个",   "那个",   "这些",   "那些",     "它",     "它们",   "我",
    "你",     "我们",   "怎么",   "怎样",     "怎么样", "怎么做", "怎么办",
    "怎样的", "如何",   "什么",   "是什么",   "为什么", "为啥",   "为何",
    "哪些",   "有哪些", "哪个",   "哪里",     "哪种",   "有什么", "有",
    "是否",   "是不是", "能不能", "能否",     "可以",   "能",     "会",
    "要",     "应该",   "该",     "做",       "用",     "讲讲",   "说说",
    "讲一下", "说一下", "介绍",   "介绍一下", "谈谈",   "请问",   "一般",
    "通常",   "到底",   "究竟",   "之间",
};

/* The particles among them: never part of a word beside them (的 of
 * 的垃圾回收, 是 and 吗 of 是并发安全的吗), where a lone 和 may be (最大和). */
static const char *const question_particles[] = {
    "的", "是", "吗", "呢", "吧", "啊", "呀", "了", "么", "嘛", "很",
};

static int
listed(const char *term, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(term, list[i]))
            return 1;
    return 0;
}

/* The words that ask (a query holding one is a question)... */
static const char *const interrogatives[] = {
    "怎么",   "怎样", "怎么样", "怎么做", "怎么办", "如何", "什么", "是什么",
    "为什么", "为啥", "为何",   "哪些",   "有哪些", "哪个", "哪种", "有什么",
    "吗",     "呢",   "是否",   "是不是", "能不能", "能否",
};

/* ... and the verbs of a question, which say what is asked about the
 * subject, not the subject: "goroutine 泄漏怎么排查" is about goroutine
 * leaks, and the notes about them need not say 排查. */
static const char *const question_verbs[] = {
    "排查", "解决", "实现", "保证", "处理", "避免", "防止", "优化",
    "理解", "原理", "做到", "发生", "产生", "导致", "工作", "运作",
    "定位", "设计", "使用", "选择", "区分", "需要",
};

#define COUNT(v) (sizeof(v) / sizeof *(v))

/* Is the word token T a question word: 2 a particle, 1 another, 0 not.
 * The verbs of a question are when ASKING (the query asks). */
static int
question_word(const qtok_t *t, int asking)
{
    if (t->tok.kind != IVS_TOKEN_WORD || !t->tok.cjk)
        return 0;
    if (listed(t->term, question_particles, COUNT(question_particles)))
        return 2;
    return listed(t->term, question_words, COUNT(question_words)) ||
           (asking && listed(t->term, question_verbs, COUNT(question_verbs)));
}

/* Whether the question words of QUERY are left out: 0 no, 1 yes, 2 yes
 * and the verbs of a question too (it asks: 怎么, 吗, a question mark).
 * They are when it has some and a word of another kind. -1 when out of
 * memory. */
static int
drops_question_words(ivs_analyzer_t *a, const char *query)
{
    qtoks_t ts;
    if (analyze_text(a, query, strlen(query), &ts) < 0)
        return -1;
    int asking = strstr(query, "?") || strstr(query, "？");
    for (size_t i = 0; i < ts.n; i++)
        asking |= ts.v[i].tok.kind == IVS_TOKEN_WORD &&
                  listed(ts.v[i].term, interrogatives, COUNT(interrogatives));
    int asks = 0, other = 0;
    for (size_t i = 0; i < ts.n; i++) {
        if (ts.v[i].tok.kind != IVS_TOKEN_WORD)
            continue;
        if (question_word(&ts.v[i], asking))
            asks = 1;
        else
            other = 1;
    }
    qtoks_free(&ts);
    return asks && other ? 1 + asking : 0;
}

/* ---- the parser -------------------------------------------------------------- */

typedef struct {
    ivs_analyzer_t *a;
    const ivs_synonyms_t *syn;
    ivs_query_t *q;
    int negate_next;
    int or_next;   /* the previous concept and the next are ORed */
    int questions; /* leave the question words out (2: and the verbs) */
    int failed;
} parser_t;

/* What the last piece of the query was: OR joins two of a kind. */
enum { LAST_NONE, LAST_CONCEPT, LAST_TOPIC, LAST_OTHER };

static ivs_concept_t *
new_concept(parser_t *p, const char *text, size_t len)
{
    ivs_query_t *q = p->q;
    ivs_concept_t *v = realloc(q->concepts, (q->n_concepts + 1) * sizeof *v);
    if (!v) {
        p->failed = 1;
        return NULL;
    }
    q->concepts = v;
    ivs_concept_t *c = &q->concepts[q->n_concepts++];
    memset(c, 0, sizeof *c);
    c->text = ivs_text_dup(text, len);
    c->negated = p->negate_next;
    c->meaningful = 1;
    return c;
}

/* Merges the last concept into the one before when they are joined by
 * OR. */
static void
merge_or(parser_t *p)
{
    ivs_query_t *q = p->q;
    if (!p->or_next || q->n_concepts < 2) {
        p->or_next = 0;
        return;
    }
    p->or_next = 0;
    ivs_concept_t *prev = &q->concepts[q->n_concepts - 2];
    ivs_concept_t *last = &q->concepts[q->n_concepts - 1];
    if (prev->negated != last->negated)
        return;
    ivs_qnode_t * or = prev->node->op == IVS_Q_OR && prev->n_patterns > 0 &&
                               strstr(prev->text, " OR ")
                           ? prev->node
                           : NULL;
    if (! or) {
        or = ivs_qnode_new(IVS_Q_OR);
        if (! or || ivs_qnode_add(or, prev->node) < 0) {
            p->failed = 1;
            return;
        }
    }
    if (ivs_qnode_add(or, last->node) < 0) {
        p->failed = 1;
        return;
    }
    prev->node = or ;
    prev->meaningful |= last->meaningful;
    last->node = NULL;
    size_t tl = strlen(prev->text) + strlen(last->text) + 5;
    char *text = malloc(tl);
    if (text) {
        snprintf(text, tl, "%s OR %s", prev->text, last->text);
        free(prev->text);
        prev->text = text;
    }
    ivs_pattern_t *pats = realloc(
        prev->patterns, (prev->n_patterns + last->n_patterns) * sizeof *pats);
    if (pats) {
        memcpy(pats + prev->n_patterns, last->patterns,
               last->n_patterns * sizeof *pats);
        prev->patterns = pats;
        prev->n_patterns += last->n_patterns;
        free(last->patterns);
        last->patterns = NULL;
        last->n_patterns = 0;
    }
    concept_free(last);
    q->n_concepts--;
}

/* Is word token T a single Chinese character? */
static int
single_han(const qtok_t *t)
{
    const unsigned char *s = (const unsigned char *)t->term;
    return t->tok.cjk && s[0] >= 0xE3 && s[0] <= 0xE9 && s[3] == '\0';
}

/* Is word token T one code point (a Han character, a letter, a digit)? */
static int
single_cp(const qtok_t *t)
{
    return single_han(t) || (!t->tok.cjk && strlen(t->term) == 1);
}

/* Do word tokens PREV and T stand for one thing? Chinese words touching
 * each other may (see chinese_link()); Latin words do when joined by a
 * symbol other than a space (b+tree before + joined tokens, o(n)). */
static int
touching(const qtok_t *prev, const qtok_t *t)
{
    return prev->tok.cjk && t->tok.cjk && t->tok.start <= prev->tok.end;
}

static int
latin_joined(const qtok_t *prev, const qtok_t *t, const char *chunk)
{
    if (prev->tok.cjk || t->tok.cjk || t->tok.start <= prev->tok.end)
        return 0;
    for (size_t b = prev->tok.end; b < t->tok.start; b++)
        if (ivs_text_space_len(chunk + b, 1))
            return 0;
    return 1;
}

/* Which neighbouring words of a run of Chinese words typed without a break
 * (W[0..N), word token indexes into TS) belong to one concept: LINK[k] is
 * set when W[k] and W[k + 1] do. A single character the dictionary did not
 * join to a neighbour carries no meaning alone, so it stays with its word:
 * characters in a row join (页裂, a word the dictionary lacks), characters
 * that begin a run join the word after them (元宇宙 = 元 + 宇宙, not 元
 * AND 宇宙, which 100元 matches), characters that end it the word before
 * them (工作池). A character between two words (消息不丢失) stays a concept
 * of its own that is not meaningful alone: joining it would turn the words
 * into one exact phrase. */
static void
chinese_links(const qtoks_t *ts, const size_t *w, size_t n, char *link)
{
    size_t lead = 0, trail = 0;
    while (lead < n && single_han(&ts->v[w[lead]]))
        lead++;
    while (trail < n && single_han(&ts->v[w[n - 1 - trail]]))
        trail++;
    for (size_t k = 0; k + 1 < n; k++) {
        int a = single_han(&ts->v[w[k]]), b = single_han(&ts->v[w[k + 1]]);
        link[k] = (a && b) || k + 1 == lead || k + 1 == n - trail;
    }
}

/* The word query of main token W (see word_query()) or any of its
 * synonyms (a word of several in one concept keeps its own: 协程 of
 * 协程泄露 is also goroutine), added to C. */
static ivs_qnode_t *
word_synonyms(parser_t *p, const qtoks_t *ts, size_t w, size_t end,
              ivs_concept_t *c)
{
    ivs_qnode_t *q = word_query(ts, w, end, c);
    if (!q || single_han(&ts->v[w]))
        return q;
    ivs_qnode_t * or = ivs_qnode_new(IVS_Q_OR);
    if (! or || ivs_qnode_add(or, q) < 0 ||
        add_synonyms(p->a, p->syn, ts->v[w].term, c, or) < 0) {
        ivs_qnode_free(or ? or : q);
        return NULL;
    }
    if (or->n_kids > 1) {
        or->synonym = 1;
        return or ;
    }
    or->n_kids = 0;
    ivs_qnode_free(or);
    return q;
}

/* The query for the words of tokens [W, END) as one concept: the phrase of
 * their units (no joined word term: the same text is segmented the same
 * way in a document, so it is never there). When a dictionary word is
 * among them (元 + 宇宙, 工作 + 池), the words apart match the concept too,
 * and the phrase, weighted like a word found inside another, ranks the
 * notes that hold it first: without the words, 工作池 ranked its notes by
 * common characters and bench/relevance q65 lost 0.12 nDCG@10. Characters
 * alone (页 + 裂) are only their phrase: apart they match anything. */
static ivs_qnode_t *
group_query(parser_t *p, const qtoks_t *ts, size_t w, size_t end,
            ivs_concept_t *c)
{
    ivs_pattern_t pat = {0};
    ivs_qnode_t *ph = units_phrase(ts, w, end, &pat);
    if (!ph || add_pattern(c, pat) < 0) {
        free_pattern(&pat);
        ivs_qnode_free(ph);
        return NULL;
    }
    int word = 0;
    for (size_t i = w; i < end; i++)
        word |= ts->v[i].tok.kind == IVS_TOKEN_WORD && ts->v[i].tok.cjk &&
                !single_han(&ts->v[i]);
    if (!word)
        return ph;
    ivs_qnode_t * or = ivs_qnode_new(IVS_Q_OR);
    ivs_qnode_t *scaled = ivs_qnode_new(IVS_Q_SCALE);
    ivs_qnode_t *and = ivs_qnode_new(IVS_Q_AND);
    if (! or || !scaled || !and) {
        ivs_qnode_free(or);
        ivs_qnode_free(scaled);
        ivs_qnode_free(and);
        ivs_qnode_free(ph);
        return NULL;
    }
    if (ivs_qnode_add(or, scaled) < 0 || ivs_qnode_add(scaled, ph) < 0 ||
        ivs_qnode_add(or, and) < 0) {
        ivs_qnode_free(or);
        return NULL;
    }
    scaled->scale = IVS_SUBSTRING_SCALE;
    ivs_concept_t apart = {0}; /* a lone character's patterns: it is no
                                  sign of the concept (snippets would
                                  mark every 元 and count 元宇宙 found) */
    for (size_t i = w; i < end; i++) {
        if (ts->v[i].tok.kind != IVS_TOKEN_WORD)
            continue;
        size_t next = i + 1;
        while (next < end && ts->v[next].tok.kind != IVS_TOKEN_WORD)
            next++;
        ivs_concept_t *to = single_han(&ts->v[i]) ? &apart : c;
        if (ivs_qnode_add(and, word_synonyms(p, ts, i, next, to)) < 0) {
            ivs_qnode_free(or);
            or = NULL;
            break;
        }
    }
    for (size_t i = 0; i < apart.n_patterns; i++)
        free_pattern(&apart.patterns[i]);
    free(apart.patterns);
    return or ;
}

/* Whether a synonym lies across the words W[0..N) (word token indexes
 * into TS) of a run of Chinese words typed without a break: then they are
 * one concept, whose synonyms are tried (反转链结串列 ~ 反转链表); each
 * word is still required (see group_query()). */
static int
synonym_spans(parser_t *p, const qtoks_t *ts, const size_t *w, size_t n)
{
    const char **words = malloc(n * sizeof *words);
    size_t len = 1;
    for (size_t k = 0; words && k < n; k++) {
        words[k] = ts->v[w[k]].term;
        len += strlen(words[k]);
    }
    char *text = words ? malloc(len) : NULL;
    int spans = 0;
    if (text) {
        text[0] = '\0';
        for (size_t k = 0; k < n; k++)
            strcat(text, words[k]);
        spans = ivs_synonyms_spans(p->syn, text, words, n);
    }
    free(text);
    free(words);
    return spans;
}

/* The lone characters among the question words that may belong with
 * their neighbour (和 of 最大和), even in a question. */
static const char *const joining_words[] = {"和", "与", "及", "或", "跟"};

/* Is T a question word left out before words are linked into concepts:
 * a particle or a word of several characters (怎么 of 怎么保证消息不丢失,
 * whose 消息不丢失 has synonyms), not a lone character that may belong
 * with its neighbour (和 of 最大和)? When the query ASKS, a verb the
 * segmenter left alone is one too (做 of 如何做持久化, 用 of 怎么用锁):
 * a word it belongs to (做法, 用户) is in the dictionary. */
static int
before_links(const qtok_t *t, int asking)
{
    int kind = question_word(t, asking);
    return kind == 2 ||
           (kind == 1 &&
            (!single_cp(t) || (asking && !listed(t->term, joining_words,
                                                 COUNT(joining_words)))));
}

/* Adds to Q->together the phrase of the units of tokens [FROM, TO) of
 * TS: the concepts of a run of Chinese words typed without a break. */
static int
add_together(ivs_query_t *q, const qtoks_t *ts, size_t from, size_t to)
{
    ivs_qnode_t *ph = units_phrase(ts, from, to, NULL);
    if (!ph)
        return -1;
    if (!q->together && !(q->together = ivs_qnode_new(IVS_Q_OR))) {
        ivs_qnode_free(ph);
        return -1;
    }
    return ivs_qnode_add(q->together, ph) < 0 ? -1 : 0;
}

/* Do Chinese word tokens A and B touch in the text (no break between)? */
static int
adjacent_cjk(const qtok_t *a, const qtok_t *b)
{
    return a->tok.cjk && b->tok.cjk && a->tok.end == b->tok.start;
}

static void
add_words(parser_t *p, const char *chunk, size_t len)
{
    qtoks_t ts;
    if (analyze_text(p->a, chunk, len, &ts) < 0) {
        p->failed = 1;
        return;
    }
    /* the word tokens, and which of them belong with the next */
    size_t *w = malloc((ts.n + 1) * sizeof *w);
    char *link = calloc(ts.n + 1, 1);
    size_t n = 0;
    for (size_t i = 0; w && i < ts.n; i++)
        if (ts.v[i].tok.kind == IVS_TOKEN_WORD &&
            !(p->questions && before_links(&ts.v[i], p->questions == 2)))
            w[n++] = i;
    if (!w || !link) {
        free(w);
        free(link);
        qtoks_free(&ts);
        p->failed = 1;
        return;
    }
    for (size_t k = 0; k < n;) {
        size_t e = k + 1;
        while (e < n && touching(&ts.v[w[e - 1]], &ts.v[w[e]]))
            e++;
        if (e - k > 1)
            chinese_links(&ts, w + k, e - k, link + k);
        if (e - k > 1 && synonym_spans(p, &ts, w + k, e - k))
            memset(link + k, 1, e - k - 1); /* one concept */
        if (e < n && latin_joined(&ts.v[w[e - 1]], &ts.v[w[e]], chunk))
            link[e - 1] = 1;
        k = e;
    }
    size_t run_from = 0, run_to = 0, run_n = 0, run_last = 0;
    for (size_t k = 0; k < n && !p->failed;) {
        size_t last = k;
        while (last + 1 < n && link[last])
            last++;
        size_t i = w[k];
        int asks = p->questions;
        for (size_t j = k; asks && j <= last; j++)
            asks = question_word(&ts.v[w[j]], p->questions == 2) != 0;
        if (asks) { /* question words alone (怎么做, 有什么) */
            k = last + 1;
            continue;
        }
        size_t end = w[last] + 1; /* up to the next word, kept or not */
        while (end < ts.n && ts.v[end].tok.kind != IVS_TOKEN_WORD)
            end++;
        const qtok_t *t = &ts.v[i];
        ivs_concept_t *c = new_concept(p, chunk + t->tok.start,
                                       ts.v[w[last]].tok.end - t->tok.start);
        if (!c)
            break;
        /* a single character split from the text the user typed as one
         * piece carries no meaning alone (锁 typed alone does) */
        c->meaningful = !(last == k && n > 1 && single_cp(t));
        ivs_qnode_t *first = last > k ? group_query(p, &ts, i, end, c)
                                      : word_query(&ts, i, end, c);
        char *norm = last > k ? ivs_normalize(p->a, c->text, strlen(c->text))
                              : strdup(t->term);
        ivs_qnode_t * or = ivs_qnode_new(IVS_Q_OR);
        if (!first || !norm || ! or) {
            ivs_qnode_free(first);
            ivs_qnode_free(or);
            free(norm);
            p->failed = 1;
            break;
        }
        if (ivs_qnode_add(or, first) < 0 ||
            add_synonyms(p->a, p->syn, norm, c, or) < 0) {
            ivs_qnode_free(or);
            free(norm);
            p->failed = 1;
            break;
        }
        free(norm);
        /* a run of concepts typed as one Chinese word */
        if (run_n && !c->negated && !p->or_next &&
            adjacent_cjk(&ts.v[run_last], &ts.v[i])) {
            run_n++;
        } else {
            if (run_n >= 2 && add_together(p->q, &ts, run_from, run_to) < 0)
                p->failed = 1;
            run_n = !c->negated && !p->or_next && ts.v[i].tok.cjk;
            run_from = i;
        }
        run_to = end;
        run_last = w[last];
        if (or->n_kids == 1) {
            c->node = or->kids[0];
            or->n_kids = 0;
            ivs_qnode_free(or);
        } else {
            or->synonym = 1;
            c->node = or ;
        }
        merge_or(p);
        k = last + 1;
    }
    if (run_n >= 2 && !p->failed &&
        add_together(p->q, &ts, run_from, run_to) < 0)
        p->failed = 1;
    free(w);
    free(link);
    qtoks_free(&ts);
}

static void
add_phrase(parser_t *p, const char *text, size_t len)
{
    qtoks_t ts;
    if (analyze_text(p->a, text, len, &ts) < 0) {
        p->failed = 1;
        return;
    }
    ivs_pattern_t pat = {0};
    ivs_qnode_t *ph = units_phrase(&ts, 0, ts.n, &pat);
    qtoks_free(&ts);
    if (!ph) {
        free_pattern(&pat);
        return; /* nothing searchable inside the quotes */
    }
    ivs_concept_t *c = new_concept(p, text, len);
    if (!c || add_pattern(c, pat) < 0) {
        free_pattern(&pat);
        ivs_qnode_free(ph);
        p->failed = 1;
        return;
    }
    c->phrase = 1;
    c->node = ph;
    merge_or(p);
}

/* The most words a synonym typed as several words may have. */
#define SYNONYM_WORDS 4

static size_t space_len(const char *s);
static int word_is(const char *s, size_t len, const char *word);

/* The bytes from START of the longest run of two or more plain words (no
 * sign, quote, operator or filter among them) whose normalised forms,
 * joined by single spaces, are a synonym as a whole ("skip list", "message
 * queue"); 0 when none. *NORM gets that joined form (malloc'd), else
 * NULL. */
static size_t
synonym_run(parser_t *p, const char *start, char **norm)
{
    *norm = NULL;
    char buf[512];
    size_t bl = 0, best = 0;
    const char *s = start;
    for (int k = 0; p->syn && k < SYNONYM_WORDS; k++) {
        for (size_t sp; (sp = space_len(s));)
            s += sp;
        if (!*s || *s == '-' || *s == '+' || *s == '"' || !strncmp(s, "“", 3) ||
            !strncmp(s, "”", 3))
            break;
        const char *w = s;
        while (*s && !space_len(s) && *s != '"')
            s++;
        size_t len = (size_t)(s - w);
        if (word_is(w, len, "OR") || word_is(w, len, "AND") ||
            word_is(w, len, "NOT") || memchr(w, ':', len))
            break;
        char *n = ivs_normalize(p->a, w, len);
        size_t nl = n ? strlen(n) : 0;
        if (!n || bl + nl + 2 > sizeof buf) {
            free(n);
            break;
        }
        if (k)
            buf[bl++] = ' ';
        memcpy(buf + bl, n, nl + 1);
        bl += nl;
        free(n);
        if (k && ivs_synonyms_has(p->syn, buf)) {
            char *copy = strdup(buf);
            if (!copy)
                break;
            free(*norm);
            *norm = copy;
            best = (size_t)(s - start);
        }
    }
    return best;
}

/* Words typed apart that make one synonym together (TEXT, LEN bytes; NORM
 * normalised): one concept, their phrase or any of its synonyms (skip
 * list ~ 跳表). */
static void
add_synonym_words(parser_t *p, const char *text, size_t len, const char *norm)
{
    ivs_concept_t *c = new_concept(p, text, len);
    ivs_qnode_t * or = c ? ivs_qnode_new(IVS_Q_OR) : NULL;
    if (! or || ivs_qnode_add(or, text_query(p->a, norm, c)) < 0) {
        ivs_qnode_free(or);
        p->failed = 1;
        return;
    }
    append_expansion(c, norm);
    if (add_synonyms(p->a, p->syn, norm, c, or) < 0) {
        ivs_qnode_free(or);
        p->failed = 1;
        return;
    }
    or->synonym = 1;
    c->node = or ;
    merge_or(p);
}

int
ivs_query_add_string(char ***v, size_t *n, const char *s, size_t len)
{
    char **bigger = realloc(*v, (*n + 1) * sizeof **v);
    if (!bigger)
        return -1;
    *v = bigger;
    if (!((*v)[*n] = ivs_text_dup(s, len)))
        return -1;
    (*n)++;
    return 0;
}

/* Whitespace separates query words (ivs_text_space_len), except the
 * no-break space U+00A0, which never has: "a\u00A0b" stays one piece, as
 * it always did (treating it as a separator would change such queries'
 * results). S is NUL-terminated. */
static size_t
space_len(const char *s)
{
    if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
        return 0;
    return ivs_text_space_len(s, strnlen(s, 3));
}

const char *
ivs_query_filter_value(const char *chunk, size_t len, const char *key)
{
    size_t kl = strlen(key);
    if (len > kl && !strncasecmp(chunk, key, kl) && chunk[kl] == ':')
        return chunk + kl + 1; /* "verdict:" alone: an empty value, which
                                  no verdict or topic has */
    return NULL;
}

/* Adds topic VALUE (LEN bytes) to Q: as an alternative to the topic
 * before it when OR stands between them (EITHER), else as a topic that must
 * hold. *CHAINED tells whether that topic before is in a choice already. */
static int
add_topic(ivs_query_t *q, const char *value, size_t len, int either,
          int *chained)
{
    if (!either) {
        *chained = 0;
        return ivs_query_add_string(&q->topics, &q->n_topics, value, len);
    }
    ivs_topic_choice_t *ch;
    if (!*chained) { /* topic:a OR ...: a becomes the first alternative */
        *chained = 1;
        ch = realloc(q->topic_choices, (q->n_topic_choices + 1) * sizeof *ch);
        if (!ch)
            return -1;
        q->topic_choices = ch;
        ch = &q->topic_choices[q->n_topic_choices++];
        memset(ch, 0, sizeof *ch);
        if (ivs_query_add_string(&ch->values, &ch->n,
                                 q->topics[q->n_topics - 1],
                                 strlen(q->topics[q->n_topics - 1])) < 0)
            return -1;
        free(q->topics[--q->n_topics]);
    } else {
        ch = &q->topic_choices[q->n_topic_choices - 1];
    }
    return ivs_query_add_string(&ch->values, &ch->n, value, len);
}

static int
word_is(const char *s, size_t len, const char *word)
{
    return len == strlen(word) && !memcmp(s, word, len);
}

/* Leaves out the concepts asked for twice (kafka Kafka): the same query
 * with the same sign. */
static int
drop_repeats(ivs_query_t *q)
{
    char **seen = calloc(q->n_concepts + 1, sizeof *seen);
    if (!seen)
        return -1;
    size_t k = 0;
    int failed = 0;
    for (size_t i = 0; i < q->n_concepts; i++) {
        ivs_concept_t *c = &q->concepts[i];
        char *d = ivs_qnode_describe(c->node);
        int repeat = 0;
        for (size_t j = 0; d && j < k && !repeat; j++)
            repeat =
                q->concepts[j].negated == c->negated && !strcmp(seen[j], d);
        if (!d)
            failed = 1;
        if (repeat || !d) {
            free(d);
            concept_free(c);
            continue;
        }
        seen[k] = d;
        q->concepts[k++] = *c;
    }
    for (size_t j = 0; j < k; j++)
        free(seen[j]);
    free(seen);
    q->n_concepts = k;
    return failed ? -1 : 0;
}

ivs_status_t
ivs_query_parse(ivs_analyzer_t *a, const ivs_synonyms_t *syn, const char *query,
                ivs_query_t **out)
{
    *out = NULL;
    ivs_query_t *q = calloc(1, sizeof *q);
    if (!q)
        return IVS_ERR_NOMEM;
    q->normalized = ivs_normalize(a, query, strlen(query));
    parser_t p = {.a = a, .syn = syn, .q = q};
    p.questions = drops_question_words(a, query);
    p.failed = p.questions < 0;
    const char *s = query;
    int last = LAST_NONE, or_pending = 0, not_pending = 0, chained = 0;
    while (*s && !p.failed) {
        size_t sp = space_len(s);
        if (sp) {
            s += sp;
            continue;
        }
        int negate = not_pending, sign = 0;
        not_pending = 0;
        if (*s == '-' || *s == '+') {
            negate |= *s == '-';
            sign = 1;
            s++;
            if (!*s || space_len(s))
                continue; /* a lone operator */
        }
        /* OR joins the pieces on either side when they are of a kind */
        int either = or_pending;
        or_pending = 0;
        size_t before = q->n_concepts;
        if (*s == '"' || !strncmp(s, "“", 3) || !strncmp(s, "”", 3)) {
            size_t open = *s == '"' ? 1 : 3;
            const char *start = s + open;
            const char *end = start;
            while (*end && *end != '"' && strncmp(end, "”", 3) &&
                   strncmp(end, "“", 3))
                end++;
            p.negate_next = negate;
            p.or_next = either && last == LAST_CONCEPT;
            add_phrase(&p, start, (size_t)(end - start));
            s = *end ? end + (*end == '"' ? 1 : 3) : end;
            last = q->n_concepts > before ? LAST_CONCEPT : LAST_OTHER;
            continue;
        }
        const char *start = s;
        while (*s && !space_len(s) && *s != '"')
            s++;
        size_t len = (size_t)(s - start);
        if (!sign && word_is(start, len, "OR")) {
            or_pending =
                !negate && (last == LAST_CONCEPT || last == LAST_TOPIC);
            not_pending = negate;
            continue;
        }
        if (!sign &&
            (word_is(start, len, "AND") || word_is(start, len, "NOT"))) {
            /* AND says what a space says */
            not_pending = negate || start[0] == 'N';
            continue;
        }
        const char *v;
        if ((v = ivs_query_filter_value(start, len, "verdict")) ||
            (v = ivs_query_filter_value(start, len, "结果"))) {
            if (ivs_query_add_string(&q->verdicts, &q->n_verdicts, v,
                                     len - (size_t)(v - start)) < 0)
                p.failed = 1;
            last = LAST_OTHER; /* verdicts are alternatives anyway */
            continue;
        }
        int field = ivs_query_field_filter(start, len, &v);
        if (field >= 0) {
            if (ivs_query_add_field(q, field, v, len - (size_t)(v - start)) < 0)
                p.failed = 1;
            last = LAST_OTHER;
            continue;
        }
        if ((v = ivs_query_filter_value(start, len, "topic")) ||
            (v = ivs_query_filter_value(start, len, "主题"))) {
            if (add_topic(q, v, len - (size_t)(v - start),
                          either && last == LAST_TOPIC, &chained) < 0)
                p.failed = 1;
            last = LAST_TOPIC;
            continue;
        }
        p.negate_next = negate;
        p.or_next = either && last == LAST_CONCEPT;
        char *norm = NULL;
        size_t run = sign ? 0 : synonym_run(&p, start, &norm);
        if (run) {
            add_synonym_words(&p, start, run, norm);
            s = start + run;
        } else {
            add_words(&p, start, len);
        }
        free(norm);
        last = q->n_concepts > before ? LAST_CONCEPT : LAST_OTHER;
    }
    if (p.failed) {
        ivs_query_free(q);
        return IVS_ERR_NOMEM;
    }
    /* concepts without a query (e.g. only punctuation) are dropped */
    size_t k = 0;
    for (size_t i = 0; i < q->n_concepts; i++) {
        if (q->concepts[i].node)
            q->concepts[k++] = q->concepts[i];
        else
            concept_free(&q->concepts[i]);
    }
    q->n_concepts = k;
    if (drop_repeats(q) < 0) {
        ivs_query_free(q);
        return IVS_ERR_NOMEM;
    }
    *out = q;
    return IVS_OK;
}

ivs_status_t
ivs_query_resolve_topics(ivs_query_t *q,
                         const char *(*resolve)(void *ctx, const char *value),
                         void *ctx, const char **unknown)
{
    if (unknown)
        *unknown = NULL;
    if (q->n_topic_choices == 0)
        return IVS_OK;
    ivs_qnode_t *and = ivs_qnode_new(IVS_Q_AND);
    if (!and)
        return IVS_ERR_NOMEM;
    for (size_t i = 0; i < q->n_topic_choices; i++) {
        const ivs_topic_choice_t *ch = &q->topic_choices[i];
        ivs_qnode_t * or = ivs_qnode_new(IVS_Q_OR);
        if (ivs_qnode_add(and, or) < 0) {
            ivs_qnode_free(and);
            return IVS_ERR_NOMEM;
        }
        for (size_t k = 0; k < ch->n; k++) {
            const char *id = resolve(ctx, ch->values[k]);
            if (!id) {
                if (unknown)
                    *unknown = ch->values[k];
                ivs_qnode_free(and);
                return IVS_ERR_QUERY;
            }
            size_t pl = strlen(IVS_PREFIX_TOPIC), il = strlen(id);
            char *term = malloc(pl + il + 1);
            if (!term) {
                ivs_qnode_free(and);
                return IVS_ERR_NOMEM;
            }
            memcpy(term, IVS_PREFIX_TOPIC, pl);
            memcpy(term + pl, id, il + 1);
            int rc = ivs_qnode_add(or, ivs_qnode_term(term, pl + il));
            free(term);
            if (rc < 0) {
                ivs_qnode_free(and);
                return IVS_ERR_NOMEM;
            }
        }
    }
    ivs_qnode_free(q->topic_filter);
    q->topic_filter = and;
    return IVS_OK;
}

void
ivs_query_free(ivs_query_t *q)
{
    if (!q)
        return;
    for (size_t i = 0; i < q->n_concepts; i++)
        concept_free(&q->concepts[i]);
    free(q->concepts);
    for (int f = 0; f < IVS_FIELD_COUNT; f++) {
        for (size_t i = 0; i < q->n_fields[f]; i++)
            free(q->fields[f][i]);
        free(q->fields[f]);
    }
    free(q->since);
    free(q->until);
    for (size_t i = 0; i < q->n_verdicts; i++)
        free(q->verdicts[i]);
    free(q->verdicts);
    for (size_t i = 0; i < q->n_topics; i++)
        free(q->topics[i]);
    free(q->topics);
    for (size_t i = 0; i < q->n_topic_choices; i++) {
        for (size_t k = 0; k < q->topic_choices[i].n; k++)
            free(q->topic_choices[i].values[k]);
        free(q->topic_choices[i].values);
    }
    free(q->topic_choices);
    ivs_qnode_free(q->topic_filter);
    ivs_qnode_free(q->together);
    free(q->normalized);
    free(q);
}

ivs_qnode_t *
ivs_query_from_text(ivs_analyzer_t *a, const char *text,
                    int (*stop)(void *ctx, const char *term, size_t len),
                    void *ctx)
{
    qtoks_t ts;
    if (analyze_text(a, text, strlen(text), &ts) < 0)
        return NULL;
    ivs_qnode_t * or = ivs_qnode_new(IVS_Q_OR);
    for (size_t i = 0; or &&i < ts.n; i++) {
        const qtok_t *t = &ts.v[i];
        if (t->tok.kind == IVS_TOKEN_CHAR || t->tok.kind == IVS_TOKEN_PUNCT)
            continue;
        size_t len = strlen(t->term);
        if (len > IVS_MAX_TERM_BYTES || (stop && stop(ctx, t->term, len)))
            continue;
        int dup = 0;
        for (size_t k = 0; k < or->n_kids && !dup; k++)
            dup = !strcmp(or->kids[k]->term, t->term);
        if (!dup && ivs_qnode_add(or, ivs_qnode_term(t->term, len)) < 0) {
            or = NULL;
            break;
        }
    }
    qtoks_free(&ts);
    if (or && or->n_kids == 0) {
        ivs_qnode_free(or);
        return NULL;
    }
    return or ;
}

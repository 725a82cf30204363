/* Query nodes: building, copying and describing the trees handed to the
 * reader, and the trees a parsed query asks for (all words, any word,
 * proximity). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/grow.h"
#include "ivs/query.h"
#include "ivs/schema.h"

/* ---- nodes -------------------------------------------------------------- */

ivs_qnode_t *
ivs_qnode_new(ivs_qop_t op)
{
    ivs_qnode_t *n = calloc(1, sizeof *n);
    if (n)
        n->op = op;
    return n;
}

ivs_qnode_t *
ivs_qnode_term(const char *term, size_t len)
{
    ivs_qnode_t *n = ivs_qnode_new(IVS_Q_TERM);
    if (!n)
        return NULL;
    n->term = malloc(len + 1);
    if (!n->term) {
        free(n);
        return NULL;
    }
    memcpy(n->term, term, len);
    n->term[len] = '\0';
    return n;
}

int
ivs_qnode_add(ivs_qnode_t *parent, ivs_qnode_t *kid)
{
    if (!kid)
        return -1;
    if (ivs_grow(&parent->kids, &parent->cap, parent->n_kids + 1,
                 sizeof *parent->kids, 4) < 0) {
        ivs_qnode_free(kid);
        return -1;
    }
    parent->kids[parent->n_kids++] = kid;
    return 0;
}

void
ivs_qnode_free(ivs_qnode_t *node)
{
    if (!node)
        return;
    for (size_t i = 0; i < node->n_kids; i++)
        ivs_qnode_free(node->kids[i]);
    free(node->kids);
    free(node->term);
    free(node);
}

/* A copy of N with PREFIX before every term ("" for a plain copy). */
static ivs_qnode_t *
clone_prefixed(const ivs_qnode_t *n, const char *prefix)
{
    ivs_qnode_t *c = NULL;
    if (n->op == IVS_Q_TERM) {
        size_t pl = strlen(prefix), tl = strlen(n->term);
        char *t = malloc(pl + tl + 1);
        if (!t)
            return NULL;
        memcpy(t, prefix, pl);
        memcpy(t + pl, n->term, tl + 1);
        c = ivs_qnode_term(t, pl + tl);
        free(t);
    } else {
        c = ivs_qnode_new(n->op);
    }
    if (!c)
        return NULL;
    c->window = n->window;
    c->scale = n->scale;
    c->recall = n->recall;
    c->dropped = n->dropped;
    c->synonym = n->synonym;
    for (size_t i = 0; i < n->n_kids; i++)
        if (ivs_qnode_add(c, clone_prefixed(n->kids[i], prefix)) < 0) {
            ivs_qnode_free(c);
            return NULL;
        }
    return c;
}

static ivs_qnode_t *
clone(const ivs_qnode_t *n)
{
    return clone_prefixed(n, "");
}

size_t
ivs_query_positives(const ivs_query_t *q)
{
    size_t n = 0;
    for (size_t i = 0; i < q->n_concepts; i++)
        n += !q->concepts[i].negated;
    return n;
}

/* One concept's occurrences for proximity: the OR of its patterns, each
 * the phrase of its unit terms. */
static ivs_qnode_t *
occurrences(const ivs_concept_t *c)
{
    ivs_qnode_t * or = ivs_qnode_new(IVS_Q_OR);
    for (size_t p = 0; or &&p < c->n_patterns; p++) {
        const ivs_pattern_t *pat = &c->patterns[p];
        if (pat->n == 0)
            continue;
        ivs_qnode_t *ph = ivs_qnode_new(IVS_Q_PHRASE);
        if (ivs_qnode_add(or, ph) < 0)
            goto fail;
        for (size_t u = 0; u < pat->n; u++)
            if (ivs_qnode_add(ph, ivs_qnode_term(pat->terms[u],
                                                 strlen(pat->terms[u]))) < 0)
                goto fail;
        if (ph->n_kids == 1) { /* one unit: the term itself */
            or->kids[or->n_kids - 1] = ph->kids[0];
            ph->n_kids = 0;
            ivs_qnode_free(ph);
        }
    }
    if (or && or->n_kids == 1) {
        ivs_qnode_t *only = or->kids[0];
        or->n_kids = 0;
        ivs_qnode_free(or);
        return only;
    }
    if (or && or->n_kids > 0)
        return or ;
fail:
    ivs_qnode_free(or);
    return NULL;
}

ivs_qnode_t *
ivs_query_proximity(const ivs_query_t *q)
{
    if (ivs_query_positives(q) < 2)
        return NULL;
    ivs_qnode_t *near = ivs_qnode_new(IVS_Q_NEAR);
    if (!near)
        return NULL;
    /* a window that grows with the words' lengths: kafka ... 丢失 in one
     * sentence, not pages apart */
    unsigned window = 8;
    for (size_t i = 0; i < q->n_concepts; i++) {
        const ivs_concept_t *c = &q->concepts[i];
        if (c->negated || c->n_patterns == 0)
            continue;
        ivs_qnode_t *occ = occurrences(c);
        if (!occ || ivs_qnode_add(near, occ) < 0) {
            ivs_qnode_free(near);
            return NULL;
        }
        window += (unsigned)c->patterns[0].n + 2;
    }
    if (near->n_kids < 2) {
        ivs_qnode_free(near);
        return NULL;
    }
    near->window = window;
    return near;
}

/* The positive part of Q (see ivs_query_tree()); NULL when out of
 * memory. */
static ivs_qnode_t *
positive_tree(const ivs_query_t *q, int all_words)
{
    ivs_qnode_t *pos = ivs_qnode_new(all_words ? IVS_Q_AND : IVS_Q_OR);
    ivs_qnode_t *maybe = NULL; /* partial: the concepts not meaningful alone */
    size_t positives = ivs_query_positives(q);
    if (!pos)
        return NULL;
    for (size_t i = 0; i < q->n_concepts; i++) {
        const ivs_concept_t *c = &q->concepts[i];
        if (c->negated)
            continue;
        if (!all_words && !c->meaningful) {
            if (!maybe && !(maybe = ivs_qnode_new(IVS_Q_AND_MAYBE)))
                goto fail;
            continue;
        }
        if (ivs_qnode_add(pos, clone(c->node)) < 0)
            goto fail;
    }
    if (positives == 0) {
        pos->op = IVS_Q_ALL;
        return pos;
    }
    if (all_words && q->together && positives >= 2) {
        /* the words typed together weigh more where they stand together */
        ivs_qnode_t *boost = ivs_qnode_new(IVS_Q_AND_MAYBE);
        if (!boost)
            goto fail;
        if (ivs_qnode_add(boost, pos) < 0) { /* (frees pos) */
            ivs_qnode_free(boost);
            ivs_qnode_free(maybe);
            return NULL;
        }
        pos = boost;
        if (ivs_qnode_add(pos, clone(q->together)) < 0)
            goto fail;
    }
    if (!maybe)
        return pos; /* (an OR of no concept matches nothing) */
    if (ivs_qnode_add(maybe, pos) < 0) {
        ivs_qnode_free(maybe);
        return NULL;
    }
    for (size_t i = 0; i < q->n_concepts; i++) {
        const ivs_concept_t *c = &q->concepts[i];
        if (!c->negated && !c->meaningful &&
            ivs_qnode_add(maybe, clone(c->node)) < 0) {
            ivs_qnode_free(maybe);
            return NULL;
        }
    }
    return maybe;
fail:
    ivs_qnode_free(pos);
    ivs_qnode_free(maybe);
    return NULL;
}

/* POS with weight added where the title field names a concept of Q (see
 * IVS_PREFIX_TITLE): each concept's query on the title terms, scaled by
 * IVS_TITLE_SCALE. A note whose title or file name is the concept is about
 * it; one that mentions it among a hundred others (a long article, a table
 * of contents) is not. Frees POS and returns NULL when out of memory. */
static ivs_qnode_t *
title_boost(const ivs_query_t *q, ivs_qnode_t *pos)
{
    ivs_qnode_t *maybe = ivs_qnode_new(IVS_Q_AND_MAYBE);
    if (!maybe || ivs_qnode_add(maybe, pos) < 0) {
        ivs_qnode_free(maybe);
        ivs_qnode_free(pos);
        return NULL;
    }
    for (size_t i = 0; i < q->n_concepts; i++) {
        const ivs_concept_t *c = &q->concepts[i];
        if (c->negated || !c->node)
            continue;
        ivs_qnode_t *scale = ivs_qnode_new(IVS_Q_SCALE);
        if (!scale || ivs_qnode_add(maybe, scale) < 0 ||
            ivs_qnode_add(scale, clone_prefixed(c->node, IVS_PREFIX_TITLE)) <
                0) {
            ivs_qnode_free(maybe);
            return NULL;
        }
        scale->scale = IVS_TITLE_SCALE;
    }
    return maybe;
}

ivs_qnode_t *
ivs_query_tree(const ivs_query_t *q, int all_words)
{
    ivs_qnode_t *pos = positive_tree(q, all_words);
    if (!pos)
        return NULL;
    if (pos->op != IVS_Q_ALL && !(pos = title_boost(q, pos)))
        return NULL;
    if (q->topic_filter) {
        ivs_qnode_t *f = ivs_qnode_new(IVS_Q_FILTER);
        if (!f || ivs_qnode_add(f, pos) < 0 ||
            ivs_qnode_add(f, clone(q->topic_filter)) < 0) {
            ivs_qnode_free(f);
            return NULL;
        }
        pos = f;
    }
    size_t negs = q->n_concepts - ivs_query_positives(q);
    if (negs == 0)
        return pos;
    ivs_qnode_t *not = ivs_qnode_new(IVS_Q_AND_NOT);
    if (!not || ivs_qnode_add(not, pos) < 0) {
        ivs_qnode_free(not );
        return NULL;
    }
    for (size_t i = 0; i < q->n_concepts; i++)
        if (q->concepts[i].negated &&
            ivs_qnode_add(not, clone(q->concepts[i].node)) < 0) {
            ivs_qnode_free(not );
            return NULL;
        }
    return not ;
}

static void
describe(const ivs_qnode_t *n, char **buf, size_t *len, size_t *cap)
{
    static const char *names[] = {"",       "AND",      "OR",     "AND_NOT",
                                  "PHRASE", "NEAR",     "FILTER", "SCALE",
                                  "ALL",    "AND_MAYBE"};
    char tmp[64];
    const char *piece;
    if (n->op == IVS_Q_TERM) {
        piece = n->term;
    } else if (n->op == IVS_Q_SCALE) {
        snprintf(tmp, sizeof tmp, "%.2f*(", n->scale);
        piece = tmp;
    } else if (n->op == IVS_Q_ALL) {
        piece = "<all>";
    } else {
        snprintf(tmp, sizeof tmp, "%s(", names[n->op]);
        piece = tmp;
    }
    size_t pl = strlen(piece);
    if (ivs_grow(buf, cap, *len + pl + 4, 1, 256) < 0)
        return;
    memcpy(*buf + *len, piece, pl);
    *len += pl;
    if (n->op == IVS_Q_TERM || n->op == IVS_Q_ALL)
        return;
    for (size_t i = 0; i < n->n_kids; i++) {
        if (i) {
            memcpy(*buf + *len, " ", 1);
            (*len)++;
        }
        describe(n->kids[i], buf, len, cap);
        if (ivs_grow(buf, cap, *len + 4, 1, 256) < 0)
            return;
    }
    (*buf)[(*len)++] = ')';
}

char *
ivs_qnode_describe(const ivs_qnode_t *node)
{
    size_t cap = 256, len = 0;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    describe(node, &buf, &len, &cap);
    buf[len] = '\0';
    return buf;
}

/* The recall planner (see ivs/recall.h): decisions from term statistics,
 * no Xapian. */
#include "ivs/recall.h"

#include <stdlib.h>

#include "ivs/schema.h"

static double
min2(double a, double b)
{
    return a < b ? a : b;
}

/* The smallest document frequency of the terms under N. */
static double
rarest_term(const ivs_termstats_t *st, const ivs_qnode_t *n)
{
    if (n->op == IVS_Q_TERM)
        return st->termfreq(st->ctx, n->term);
    double least = st->doccount;
    for (size_t i = 0; i < n->n_kids; i++)
        least = min2(least, rarest_term(st, n->kids[i]));
    return least;
}

/* About how many documents N matches (OR: an upper bound). */
static double
estimate(const ivs_termstats_t *st, const ivs_qnode_t *n)
{
    double sum = 0, least = st->doccount;
    for (size_t i = 0; i < n->n_kids; i++) {
        if (n->kids[i]->dropped)
            continue;
        double e = estimate(st, n->kids[i]);
        sum += e;
        least = min2(least, e);
    }
    switch (n->op) {
    case IVS_Q_TERM: return st->termfreq(st->ctx, n->term);
    case IVS_Q_OR: return min2(sum, st->doccount);
    case IVS_Q_AND:
    case IVS_Q_PHRASE:
    case IVS_Q_NEAR:
    case IVS_Q_FILTER: return least;
    case IVS_Q_ALL: return st->doccount;
    default: /* AND_NOT, AND_MAYBE, SCALE: the first child */
        return n->n_kids ? estimate(st, n->kids[0]) : 0;
    }
}

static void plan(const ivs_termstats_t *st, ivs_qnode_t *n, double context);

/* The alternatives of an OR: each planned in CONTEXT, then kept or not. */
static void
plan_or(const ivs_termstats_t *st, ivs_qnode_t *n, double context)
{
    double others = 0;
    for (size_t i = 0; i < n->n_kids; i++)
        if (!n->kids[i]->recall)
            others += estimate(st, n->kids[i]);
    for (size_t i = 0; i < n->n_kids; i++) {
        ivs_qnode_t *kid = n->kids[i];
        kid->dropped = 0;
        plan(st, kid, context);
        if (kid->recall == IVS_RECALL_PHRASE) {
            kid->dropped =
                min2(context, rarest_term(st, kid)) >
                (others < IVS_RECALL_RARE_WORD ? IVS_RECALL_RARE_CHEAP
                                               : IVS_RECALL_CHEAP);
        } else if (kid->recall == IVS_RECALL_STEM) {
            /* every document with the word has its stem: the stem adds
             * exactly the difference of the two counts */
            double stem = estimate(st, kid);
            kid->dropped = min2(context, stem) > IVS_RECALL_CHEAP &&
                           (stem - others) * IVS_RECALL_STEM_GAIN < others;
        }
    }
}

/* Plans N, whose candidates are at most CONTEXT documents. */
static void
plan(const ivs_termstats_t *st, ivs_qnode_t *n, double context)
{
    size_t k = n->n_kids;
    switch (n->op) {
    case IVS_Q_AND:
    case IVS_Q_FILTER: {
        double *e = malloc((k + 1) * sizeof *e);
        for (size_t i = 0; e && i < k; i++)
            e[i] = estimate(st, n->kids[i]);
        for (size_t i = 0; i < k; i++) {
            double c = context;
            for (size_t j = 0; e && j < k; j++)
                if (j != i)
                    c = min2(c, e[j]);
            plan(st, n->kids[i], c);
        }
        free(e);
        return;
    }
    case IVS_Q_AND_NOT:
    case IVS_Q_AND_MAYBE:
        if (k == 0)
            return;
        plan(st, n->kids[0], context);
        for (size_t i = 1; i < k; i++)
            plan(st, n->kids[i], min2(context, estimate(st, n->kids[0])));
        return;
    case IVS_Q_OR: plan_or(st, n, context); return;
    default:
        for (size_t i = 0; i < k; i++)
            plan(st, n->kids[i], context);
    }
}

void
ivs_recall_plan(ivs_qnode_t *node, const ivs_termstats_t *stats)
{
    plan(stats, node, stats->doccount);
}

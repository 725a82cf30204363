/* Proximity scoring (see ivs/proximity.h): the shortest stretch of a
 * document that holds every concept, and the bonus it earns. */
#include "ivs/proximity.h"

#include <stdlib.h>

#include "ivs/schema.h"

static int
cmp_start(const void *a, const void *b)
{
    uint32_t x = ((const ivs_occurrence_t *)a)->start;
    uint32_t y = ((const ivs_occurrence_t *)b)->start;
    return x < y ? -1 : x > y;
}

/* Where the stretch OCC[lo..hi] ends: an occurrence starting more than the
 * longest pattern before another cannot end after it. */
static uint32_t
stretch_end(const ivs_occurrence_t *occ, size_t lo, size_t hi, unsigned longest)
{
    uint32_t end = 0;
    for (size_t i = hi + 1; i-- > lo;) {
        uint32_t e = occ[i].start + occ[i].len;
        if (e > end)
            end = e;
        if (occ[i].start + longest <= end)
            break;
    }
    return end;
}

double
ivs_proximity_closeness(ivs_occurrence_t *occ, size_t n, size_t n_concepts,
                        unsigned longest, unsigned window)
{
    if (n == 0 || n_concepts == 0)
        return 0;
    unsigned *seen = calloc(n_concepts, sizeof *seen);
    if (!seen)
        return 0; /* no bonus: ranking stays BM25's */
    /* stable enough: equal starts keep any order, as before */
    qsort(occ, n, sizeof *occ, cmp_start);
    /* the shortest stretch holding every concept: a sliding window */
    size_t have = 0, lo = 0;
    double best = 0;
    for (size_t hi = 0; hi < n; hi++) {
        if (occ[hi].concept < n_concepts && seen[occ[hi].concept]++ == 0)
            have++;
        while (have == n_concepts) {
            double span =
                (double)(stretch_end(occ, lo, hi, longest) - occ[lo].start);
            double c = span <= window ? 1.0 : window / span;
            if (c > best)
                best = c;
            if (--seen[occ[lo].concept] == 0)
                have--;
            lo++;
        }
    }
    free(seen);
    return best;
}

double
ivs_proximity_weight(double weight, double closeness)
{
    return weight * (1.0 + IVS_PROXIMITY_BOOST * closeness);
}

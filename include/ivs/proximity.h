/* Proximity scoring: how close together a query's concepts stand in a
 * document, and what that adds to its weight. Pure C; the read side reads
 * the positions (indexer/db/xapian_reader.cc) and asks these. See
 * indexer/db/proximity.c. */
#ifndef IVS_PROXIMITY_H
#define IVS_PROXIMITY_H

#include <stddef.h>
#include <stdint.h>

/* One occurrence of a concept's pattern: where it starts, how many
 * positions it takes, which concept (0 .. n_concepts-1) it is of. */
typedef struct {
    uint32_t start;
    unsigned len;
    unsigned concept;
} ivs_occurrence_t;

/* How close together N_CONCEPTS concepts stand, from their occurrences
 * OCC[0..n) (sorted here, in place; LONGEST is the longest pattern): 1
 * when an occurrence of each fits in WINDOW positions, window/span when
 * the closest set spans more, 0 when some concept has no occurrence. */
double ivs_proximity_closeness(ivs_occurrence_t *occ, size_t n,
                               size_t n_concepts, unsigned longest,
                               unsigned window);

/* WEIGHT raised by its proximity bonus: IVS_PROXIMITY_BOOST of itself at
 * full CLOSENESS (a bonus only raises, so every page of results agrees
 * with every other). */
double ivs_proximity_weight(double weight, double closeness);

#endif

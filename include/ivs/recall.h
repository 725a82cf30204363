/* The recall planner: which optional alternatives of a query tree (a
 * Chinese word's character phrase, a multi-word synonym, an English stem)
 * are worth what they cost on this database. Pure C over term statistics
 * that the read side supplies (ivs_reader_plan passes Xapian's); see
 * indexer/db/recall.c. */
#ifndef IVS_RECALL_H
#define IVS_RECALL_H

#include <stdint.h>

#include "ivs/query.h"

/* The statistics the planner reads: the number of documents, and the
 * number holding TERM (NUL-terminated, prefixed as indexed). */
typedef struct {
    double doccount;
    double (*termfreq)(void *ctx, const char *term);
    void *ctx;
} ivs_termstats_t;

/* Marks dropped (ivs_qnode_t.dropped) the alternatives under NODE
 * (ivs_qnode_t.recall) that cost more than they find, and clears the mark
 * of the others. An alternative's phrase is checked position by position
 * in every candidate document: those holding its rarest term, and no more
 * than the documents the rest of the query lets through (an AND is
 * evaluated from its rarest part). A phrase is left out when that is over
 * IVS_RECALL_CHEAP, or over IVS_RECALL_RARE_CHEAP when the other forms of
 * the same concept match fewer than IVS_RECALL_RARE_WORD documents; a stem
 * when it is not cheap and adds fewer than 1/IVS_RECALL_STEM_GAIN more
 * documents than the word (ivs/schema.h has the measurements). */
void ivs_recall_plan(ivs_qnode_t *node, const ivs_termstats_t *stats);

#endif

/* ivsearch's output of search results (ivs/search.h): for people
 * (search/format/format_human.c) and as JSON (search/format/format_json.c). The
 * functions write to F and never fail a search: the caller checks F's
 * errors (fflush) and chooses the exit status. */
#ifndef IVS_FORMAT_H
#define IVS_FORMAT_H

#include <stdint.h>
#include <stdio.h>

#include "ivs/output.h"
#include "ivs/search.h"

/* ---- for people --------------------------------------------------------
 * Every string from data goes through ivs/safetext.h; colour as C has it.
 * Paths are shown relative to the current directory (ivs_display_path()). */

/* The hits of a search (QUERY: the user's text, echoed by --explain), with
 * "showing results for: CORRECTED" first when R holds the results of a
 * corrected query, then how the query ran when R has a plan, and the
 * counts line(s) last.
 * The spelling suggestions are left to the caller (they are messages). */
void ivs_format_search(FILE *f, const char *query,
                       const ivs_search_results_t *r, const ivs_colors_t *c);

/* The hits of a similar request with their shared terms, then the count. */
void ivs_format_similar(FILE *f, const ivs_search_results_t *r,
                        const ivs_colors_t *c);

/* One interview in full (--show). */
void ivs_format_interview(FILE *f, const ivs_interview_t *iv,
                          const ivs_colors_t *c);

/* The topics table (--topics), after the database's numbers when STATS
 * (--stats). */
void ivs_format_stats(FILE *f, const ivs_search_stats_t *st, int stats);

/* ---- JSON ----------------------------------------------------------------
 * One compact object and a newline (ivs_json_print()). Each returns 0, or
 * -1 when the object cannot be built (nothing is written). */

/* {"query", "total", "partial_total", "hits", "exact", "facets_of",
 * "facets"[, "corrected"][, "did_you_mean"]}. QUERY: the user's text;
 * "corrected": the query with the suggestions in place when the hits and
 * totals are its results (see ivs_search_results_t). */
int ivs_format_search_json(FILE *f, const char *query,
                           const ivs_search_results_t *r);

/* {"query", "total", "hits", "facets"[, "similar", "terms"]}: the last two
 * when ID is not 0 (similar to an interview, not a text). */
int ivs_format_similar_json(FILE *f, const char *query, uint32_t id,
                            const ivs_search_results_t *r);

int ivs_format_interview_json(FILE *f, const ivs_interview_t *iv);

/* {"topics"} or, with STATS, {"db", "interviews", "verdict", "topics"[,
 * "analyzer"]}. */
int ivs_format_stats_json(FILE *f, const ivs_search_stats_t *st, int stats);

#endif

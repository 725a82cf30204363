/* Search results for people: hits with highlighted snippets, counts,
 * --explain, --show, --topics and --stats. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "ivs/format.h"
#include "ivs/safetext.h"
#include "ivs/schema.h"

/* A copy of data S fit for one line of human output (ivs_safe_text()),
 * valid until 16 more calls or the end of the public function: for printf
 * arguments. */
#define SAFE_RING 16
static _Thread_local char *safe_ring[SAFE_RING];
static _Thread_local unsigned safe_next;

static const char *
S(const char *s)
{
    if (!s)
        return "";
    char *t = ivs_safe_text(s, strlen(s), IVS_SAFE_LINE);
    free(safe_ring[safe_next]);
    safe_ring[safe_next] = t;
    safe_next = (safe_next + 1) % SAFE_RING;
    return t ? t : "?";
}

static void
free_safe_ring(void)
{
    for (int i = 0; i < SAFE_RING; i++) {
        free(safe_ring[i]);
        safe_ring[i] = NULL;
    }
}

static const char *
plural(unsigned n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* "[id] source #ordinal · verdict", without a line end */
static void
id_line(FILE *f, const ivs_interview_t *iv, const ivs_colors_t *col)
{
    char *shown = ivs_display_path(iv->source ? iv->source : "?");
    const char *verdict = iv->verdict;
    fprintf(f, "%s[%u]%s %s #%lld · %s%s%s", col->bold, iv->id, col->reset,
            S(shown), iv->ordinal,
            ivs_verdict_color(col, verdict ? verdict : ""),
            S(verdict ? verdict : "unknown"), col->reset);
    free(shown);
}

/* "[id] source #ordinal · verdict · topics · date · candidate · role ·
 * round · interviewer", the fields the interview has */
static void
hit_heading(FILE *f, const ivs_interview_t *iv, const ivs_colors_t *col)
{
    id_line(f, iv, col);
    if (iv->n_topics) {
        fputs(" · ", f);
        for (size_t i = 0; i < iv->n_topics; i++)
            fprintf(f, "%s%s", i ? " " : "", S(iv->topics[i]));
    }
    const char *fields[] = {iv->date, iv->candidate, iv->role, iv->round,
                            iv->interviewer};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (fields[i] && *fields[i])
            fprintf(f, " · %s", S(fields[i]));
}

/* " · NAME: key count, key count" for the non-blank facets F (N). */
static void
print_facet_list(FILE *f, const char *name, const ivs_facet_t *v, size_t n)
{
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        if (!*v[i].key)
            continue;
        fprintf(f, "%s %s %u", any ? "," : name, S(v[i].key), v[i].count);
        any = 1;
    }
}

/* One hit; with SHARED its matched terms as the shared ones. */
static void
print_hit(FILE *f, const ivs_search_hit_t *h, int shared,
          const ivs_colors_t *col)
{
    hit_heading(f, &h->interview, col);
    if (h->partial) {
        fprintf(f, " · %spartial", col->dim);
        if (h->n_missing) {
            fputs(", missing:", f);
            for (size_t i = 0; i < h->n_missing; i++)
                fprintf(f, " %s", S(h->missing[i]));
        }
        fputs(col->reset, f);
    }
    putc('\n', f);
    const char *title = h->interview.title;
    if (title && *title)
        fprintf(f, "    %s%s%s\n", col->dim, S(title), col->reset);
    if (*h->snippet) {
        fputs("    ", f);
        ivs_print_marked(f, h->snippet, h->highlights, h->n_highlights, col);
        putc('\n', f);
    }
    if (shared && h->explanation) {
        fprintf(f, "    %s%s%s\n", col->dim, S(h->explanation), col->reset);
    } else if (shared && h->n_matched) {
        fprintf(f, "    %sshared:%s", col->dim, col->reset);
        for (size_t i = 0; i < h->n_matched; i++)
            fprintf(f, " %s", S(h->matched[i]));
        putc('\n', f);
    }
    putc('\n', f);
}

/* One line: the NAMED set (e.g. "3 interviews"), then the facet counts of
 * R, which counts that very set. */
static void
print_facets(FILE *f, const ivs_search_counts_t *r, const char *named,
             const ivs_colors_t *col)
{
    fprintf(f, "%s%s%s", col->dim, r->exact ? "" : "about ", named);
    if (r->n_verdicts) {
        fputs(" · verdict:", f);
        for (size_t i = 0; i < r->n_verdicts; i++)
            fprintf(f, " %s %u", S(r->verdicts[i].key), r->verdicts[i].count);
    }
    print_facet_list(f, " · topic:", r->topics, r->n_topics);
    print_facet_list(f, " · role:", r->roles, r->n_roles);
    print_facet_list(f, " · round:", r->rounds, r->n_rounds);
    fprintf(f, "%s\n", col->reset);
}

/* --explain: how QUERY was read and run. */
static void
print_plan(FILE *f, const char *query, const ivs_search_plan_t *p)
{
    const ivs_query_t *q = p->query;
    fprintf(f, "query:      %s\n", S(query));
    fprintf(f, "normalised: %s\n", S(q->normalized));
    for (size_t i = 0; i < q->n_concepts; i++) {
        const ivs_concept_t *con = &q->concepts[i];
        fprintf(f, "concept %zu:  %s%s%s\n", i + 1, con->negated ? "-" : "",
                S(con->text), con->phrase ? " (phrase)" : "");
        for (size_t k = 0; k < con->n_patterns; k++) {
            fputs("   matches:", f);
            for (size_t u = 0; u < con->patterns[k].n; u++)
                fprintf(f, " %s", S(con->patterns[k].units[u]));
            putc('\n', f);
        }
        if (con->expansion)
            fprintf(f, "   synonyms: %s\n", S(con->expansion));
    }
    for (size_t i = 0; i < p->n_filters; i++)
        fprintf(f, "filter:     %s\n", S(p->filters[i]));
    fprintf(f, "xapian:     %s\n", p->xapian ? S(p->xapian) : "?");
    for (size_t i = 0; i < p->n_dropped; i++)
        fprintf(f, "left out:   %s (%s)\n",
                p->dropped[i].description ? S(p->dropped[i].description) : "?",
                p->dropped[i].stem
                    ? "the stem finds few more interviews than the word"
                    : "too costly here: the whole word already matches");
    if (p->proximity)
        fprintf(f, "proximity:  the best %d ranked again by %s\n",
                IVS_PROXIMITY_DEPTH,
                p->proximity_query ? S(p->proximity_query) : "?");
    putc('\n', f);
}

/* The counts after a search's hits. SEVERAL: the query has words that an
 * interview may have only some of. Totals and facets count one named set:
 * the interviews with every word, or, when there are none, the partial
 * matches. */
static void
print_totals(FILE *f, const ivs_search_results_t *r, const ivs_colors_t *col)
{
    const ivs_search_counts_t *full = &r->full, *part = &r->partial;
    unsigned partial_total = part->total;
    char named[160];
    if (!r->several) {
        snprintf(named, sizeof named, "%u %s", full->total,
                 plural(full->total, "interview", "interviews"));
        if (full->total)
            print_facets(f, full, named, col);
    } else if (!(full->total == 0 && partial_total > 0)) {
        snprintf(named, sizeof named, "%u %s every word", full->total,
                 plural(full->total, "interview matches", "interviews match"));
        if (full->total)
            print_facets(f, full, named, col);
        if (full->total && partial_total)
            fprintf(f, "%s%s%u more %s only some of the words (partial)%s\n",
                    col->dim, part->exact ? "" : "about ", partial_total,
                    plural(partial_total, "matches", "match"), col->reset);
    } else {
        snprintf(named, sizeof named,
                 "0 interviews match every word; %u partial %s", partial_total,
                 plural(partial_total, "match", "matches"));
        print_facets(f, part, named, col);
    }
}

void
ivs_format_search(FILE *f, const char *query, const ivs_search_results_t *r,
                  const ivs_colors_t *col)
{
    if (r->corrected)
        fprintf(f, "showing results for: %s\n\n", S(r->corrected));
    if (r->plan)
        print_plan(f, query, r->plan);
    for (size_t i = 0; i < r->n_hits; i++) {
        const ivs_search_hit_t *h = &r->hits[i];
        print_hit(f, h, 0, col);
        if (r->plan) {
            fputs("    matched terms:", f);
            for (size_t k = 0; k < h->n_matched; k++)
                fprintf(f, " %s", S(h->matched[k]));
            fputs("\n\n", f);
        }
    }
    print_totals(f, r, col);
    free_safe_ring();
}

void
ivs_format_similar(FILE *f, const ivs_search_results_t *r,
                   const ivs_colors_t *col)
{
    for (size_t i = 0; i < r->n_hits; i++)
        print_hit(f, &r->hits[i], 1, col);
    if (r->full.total) {
        char named[64];
        snprintf(named, sizeof named, "%u %s", r->full.total,
                 plural(r->full.total, "interview", "interviews"));
        print_facets(f, &r->full, named, col);
    }
    free_safe_ring();
}

void
ivs_format_interview(FILE *f, const ivs_interview_t *iv,
                     const ivs_colors_t *col)
{
    id_line(f, iv, col);
    putc('\n', f);
    if (iv->n_topics) {
        fputs("topics:", f);
        for (size_t i = 0; i < iv->n_topics; i++)
            fprintf(f, " %s", S(iv->topics[i]));
        putc('\n', f);
    }
    const struct {
        const char *name, *value;
    } extra[] = {{"title", iv->title},
                 {"candidate", iv->candidate},
                 {"role", iv->role},
                 {"round", iv->round},
                 {"interviewer", iv->interviewer},
                 {"date", iv->date}};
    for (size_t i = 0; i < sizeof extra / sizeof *extra; i++)
        if (extra[i].value && *extra[i].value)
            fprintf(f, "%s: %s\n", extra[i].name, S(extra[i].value));
    putc('\n', f);
    ivs_safe_write(f, iv->text ? iv->text : "", iv->text ? iv->text_len : 0,
                   IVS_SAFE_LINES);
    putc('\n', f);
    free_safe_ring();
}

/* Writes S padded with spaces to WIDTH display columns (CJK characters
 * take two). */
static void
put_padded(FILE *f, const char *s, size_t width)
{
    size_t w = ivs_display_width(s, strlen(s));
    fputs(s, f);
    for (; w < width; w++)
        putc(' ', f);
}

void
ivs_format_stats(FILE *f, const ivs_search_stats_t *st, int stats)
{
    if (stats) {
        fprintf(f, "database:   %s\ninterviews: %u\nverdicts:  ", S(st->db),
                st->interviews);
        for (int i = 0; i < IVS_SEARCH_VERDICTS; i++)
            fprintf(f, " %s %lld", st->verdict_names[i],
                    (long long)st->verdicts[i]);
        fprintf(f, "\ntopics:\n");
    }
    /* columns as wide as their widest name, by display width */
    size_t wid[3] = {0, 0, 0};
    for (size_t i = 0; i < st->n_topics; i++) {
        const char *col[3] = {st->topics[i].id, st->topics[i].name,
                              st->topics[i].name_en};
        for (int k = 0; k < 3; k++) {
            const char *v = S(col[k]);
            size_t w = ivs_display_width(v, strlen(v));
            if (w > wid[k])
                wid[k] = w;
        }
    }
    for (size_t i = 0; i < st->n_topics; i++) {
        const char *col[3] = {st->topics[i].id, st->topics[i].name,
                              st->topics[i].name_en};
        fputs("  ", f);
        for (int k = 0; k < 3; k++) {
            put_padded(f, S(col[k]), wid[k]);
            putc(' ', f);
        }
        fprintf(f, "%5lld\n", (long long)st->topics[i].count);
    }
    free_safe_ring();
}

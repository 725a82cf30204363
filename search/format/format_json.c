/* Search results as JSON: one object per answer (--json). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ivs/analyze.h"
#include "ivs/format.h"

static json_t *
string_array(char *const *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_string(v[i]));
    return a;
}

/* Writes J (NULL when it could not be built) and frees it. */
static int
emit(FILE *f, json_t *j)
{
    int rc = ivs_json_print(f, j);
    json_decref(j);
    return rc;
}

/* The optional fields of IV, in the order "date", "candidate", "role",
 * "round", "interviewer"; each left out when the interview has none. */
static void
add_extra(json_t *o, const ivs_interview_t *iv)
{
    if (!o)
        return;
    if (iv->date)
        json_object_set_new(o, "date", json_string(iv->date));
    if (iv->candidate)
        json_object_set_new(o, "candidate", json_string(iv->candidate));
    if (iv->role)
        json_object_set_new(o, "role", json_string(iv->role));
    if (iv->round)
        json_object_set_new(o, "round", json_string(iv->round));
    if (iv->interviewer)
        json_object_set_new(o, "interviewer", json_string(iv->interviewer));
}

/* The facets F (N) as an object, key -> count, blank keys left out. */
static json_t *
facet_object(const ivs_facet_t *f, size_t n)
{
    json_t *o = json_object();
    for (size_t i = 0; i < n; i++)
        if (*f[i].key)
            json_object_set_new(o, f[i].key, json_integer(f[i].count));
    return o;
}

/* A hit; with SHARED its matched terms as "shared_terms". NULL when it
 * cannot be built (an interview without a title). */
static json_t *
hit_json(const ivs_search_hit_t *h, int shared)
{
    const ivs_interview_t *iv = &h->interview;
    char *shown = ivs_display_path(iv->source ? iv->source : "?");
    json_t *hl = json_array();
    for (size_t i = 0; i < h->n_highlights; i++)
        json_array_append_new(hl, json_pack("[I,I]",
                                            (json_int_t)h->highlights[i].start,
                                            (json_int_t)h->highlights[i].end));
    json_t *o =
        json_pack("{s:I, s:I, s:f, s:s, s:I, s:o, s:s, s:o, s:b, s:s, s:o}",
                  "id", (json_int_t)iv->id, "rank", (json_int_t)h->rank,
                  "score", ((double)(long long)(h->score * 1000 + 0.5)) / 1000,
                  "source", shown, "ordinal", (json_int_t)iv->ordinal, "title",
                  iv->title ? json_string(iv->title) : NULL, "verdict",
                  iv->verdict ? iv->verdict : "unknown", "topics",
                  string_array(iv->topics, iv->n_topics), "partial", h->partial,
                  "snippet", h->snippet, "highlights", hl);
    free(shown);
    add_extra(o, iv);
    if (o && h->partial)
        json_object_set_new(o, "missing",
                            string_array(h->missing, h->n_missing));
    if (o && shared) {
        json_object_set_new(o, "shared_terms",
                            string_array(h->matched, h->n_matched));
        json_object_set_new(o, "shared_topics",
                            string_array(h->shared_topics, h->n_shared_topics));
        if (h->explanation)
            json_object_set_new(o, "explanation", json_string(h->explanation));
    }
    return o;
}

static json_t *
hits_json(const ivs_search_results_t *r, int shared)
{
    json_t *a = json_array();
    for (size_t i = 0; i < r->n_hits; i++)
        json_array_append_new(a, hit_json(&r->hits[i], shared));
    return a;
}

static json_t *
facets_json(const ivs_search_counts_t *r)
{
    json_t *v = json_object();
    for (size_t i = 0; i < r->n_verdicts; i++)
        json_object_set_new(v, r->verdicts[i].key,
                            json_integer(r->verdicts[i].count));
    return json_pack("{s:o, s:o, s:o, s:o}", "verdict", v, "topic",
                     facet_object(r->topics, r->n_topics), "role",
                     facet_object(r->roles, r->n_roles), "round",
                     facet_object(r->rounds, r->n_rounds));
}

/* "degraded": the shards C was counted without, when there are some. */
static void
add_degraded(json_t *root, const ivs_search_counts_t *c)
{
    if (root && c->n_degraded)
        json_object_set_new(root, "degraded",
                            string_array(c->degraded, c->n_degraded));
}

int
ivs_format_search_json(FILE *f, const char *query,
                       const ivs_search_results_t *r)
{
    int of_partial = r->full.total == 0 && r->partial.total > 0;
    json_t *root = json_pack("{s:s, s:I, s:I}", "query", query, "total",
                             (json_int_t)r->full.total, "partial_total",
                             (json_int_t)r->partial.total);
    json_t *hits = hits_json(r, 0);
    if (!root) {
        json_decref(hits);
        return -1;
    }
    json_object_set_new(root, "hits", hits);
    json_object_set_new(root, "exact",
                        json_boolean(r->full.exact && r->partial.exact));
    json_object_set_new(root, "facets_of",
                        json_string(of_partial ? "partial" : "full"));
    json_object_set_new(root, "facets",
                        facets_json(of_partial ? &r->partial : &r->full));
    add_degraded(root, &r->full);
    if (r->corrected)
        json_object_set_new(root, "corrected", json_string(r->corrected));
    if (r->full.total == 0 || r->corrected) {
        json_t *dym = json_object();
        for (size_t i = 0; i < r->n_suggestions; i++)
            json_object_set_new(dym, r->suggestions[i].word,
                                json_string(r->suggestions[i].suggestion));
        if (json_object_size(dym))
            json_object_set_new(root, "did_you_mean", dym);
        else
            json_decref(dym);
    }
    return emit(f, root);
}

int
ivs_format_similar_json(FILE *f, const char *query, uint32_t id,
                        const ivs_search_results_t *r)
{
    json_t *root = json_pack("{s:s, s:I, s:o, s:o}", "query", query, "total",
                             (json_int_t)r->full.total, "hits", hits_json(r, 1),
                             "facets", facets_json(&r->full));
    if (root && id) {
        json_object_set_new(root, "similar", json_integer(id));
        json_object_set_new(root, "terms", string_array(r->terms, r->n_terms));
    }
    add_degraded(root, &r->full);
    return emit(f, root);
}

int
ivs_format_interview_json(FILE *f, const ivs_interview_t *iv)
{
    char *shown = ivs_display_path(iv->source ? iv->source : "?");
    json_t *sections = json_array();
    for (size_t i = 0; i < iv->n_sections; i++) {
        const ivs_search_section_t *s = &iv->sections[i];
        json_array_append_new(sections,
                              json_pack("{s:s?, s:s?, s:I, s:I}", "heading",
                                        s->heading, "topic", s->topic, "start",
                                        (json_int_t)s->start, "end",
                                        (json_int_t)s->end));
    }
    json_t *o = json_pack(
        "{s:I, s:s, s:I, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)iv->id,
        "source", shown, "ordinal", (json_int_t)iv->ordinal, "title",
        iv->title ? json_string(iv->title) : NULL, "verdict",
        iv->verdict ? json_string(iv->verdict) : NULL, "topics",
        string_array(iv->topics, iv->n_topics), "sections", sections, "text",
        iv->text ? json_stringn(iv->text, iv->text_len) : NULL);
    free(shown);
    add_extra(o, iv);
    return emit(f, o);
}

static json_t *
topics_json(const ivs_search_stats_t *st)
{
    json_t *topics = json_array();
    for (size_t i = 0; i < st->n_topics; i++) {
        const ivs_search_topic_t *t = &st->topics[i];
        json_array_append_new(topics,
                              json_pack("{s:s, s:s, s:s, s:I}", "id", t->id,
                                        "name", t->name, "name_en", t->name_en,
                                        "count", (json_int_t)t->count));
    }
    return topics;
}

int
ivs_format_stats_json(FILE *f, const ivs_search_stats_t *st, int stats)
{
    if (!stats) {
        json_t *o = json_pack("{s:o}", "topics", topics_json(st));
        if (o && st->n_degraded)
            json_object_set_new(o, "degraded",
                                string_array(st->degraded, st->n_degraded));
        return emit(f, o);
    }
    json_t *verdicts = json_object();
    for (int i = 0; i < IVS_SEARCH_VERDICTS; i++)
        json_object_set_new(verdicts, st->verdict_names[i],
                            json_integer(st->verdicts[i]));
    /* a path need not be UTF-8; JSON strings must be */
    char *db = ivs_utf8_repair(st->db, strlen(st->db));
    json_t *o = json_pack("{s:s, s:I, s:o, s:o}", "db", db ? db : "",
                          "interviews", (json_int_t)st->interviews, "verdict",
                          verdicts, "topics", topics_json(st));
    free(db);
    if (o && st->analyzer)
        json_object_set_new(o, "analyzer", json_string(st->analyzer));
    if (o && st->n_degraded)
        json_object_set_new(o, "degraded",
                            string_array(st->degraded, st->n_degraded));
    return emit(f, o);
}

/* ivs_search_overview(): verdicts per topic and interviews per month, from
 * two passes of value counts (the facets value and the date) over the
 * interviews in the searcher's scope. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/schema.h"
#include "searcher_private.h"

static const char *const verdict_names[IVS_SEARCH_VERDICTS] = {
    "pass", "fail", "pending", "unknown"};

void
ivs_search_overview_free(ivs_search_overview_t *ov)
{
    if (!ov)
        return;
    free(ov->topics);
    free(ov->months);
    free(ov);
}

/* Adds COUNT interviews with facets value V ("fail middleware,network")
 * to OV. */
static void
add_facets(ivs_search_overview_t *ov, const char *v, uint32_t count)
{
    const char *sp = strchr(v, ' ');
    size_t vl = sp ? (size_t)(sp - v) : strlen(v);
    int k = IVS_SEARCH_VERDICTS - 1; /* unknown */
    for (int i = 0; i < IVS_SEARCH_VERDICTS; i++)
        if (strlen(verdict_names[i]) == vl &&
            strncmp(verdict_names[i], v, vl) == 0)
            k = i;
    ov->interviews += count;
    ov->verdicts[k] += count;
    const char *t = sp ? sp + 1 : "";
    if (!*t) {
        ov->no_topic += count;
        return;
    }
    while (*t) {
        const char *e = strchr(t, ',');
        size_t tl = e ? (size_t)(e - t) : strlen(t);
        for (size_t i = 0; i < ov->n_topics; i++) {
            if (strlen(ov->topics[i].id) == tl &&
                strncmp(ov->topics[i].id, t, tl) == 0) {
                ov->topics[i].verdicts[k] += count;
                ov->topics[i].total += count;
                break;
            }
        }
        t = e ? e + 1 : t + tl;
    }
}

/* Month number (year * 12 + month - 1) of date D ("YYYY-MM..."), or -1. */
static long
month_of(const char *d)
{
    int y, m;
    if (strlen(d) < 7 || sscanf(d, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12 ||
        y < 1900 || y > 2200)
        return -1;
    return (long)y * 12 + m - 1;
}

static int
add_months(ivs_search_overview_t *ov, const ivs_facet_t *dates, size_t n)
{
    long first = -1, last = -1;
    uint32_t dated = 0;
    for (size_t i = 0; i < n; i++) {
        long m = month_of(dates[i].key);
        if (m < 0)
            continue;
        if (first < 0 || m < first)
            first = m;
        if (m > last)
            last = m;
        dated += dates[i].count;
    }
    ov->undated = ov->interviews > dated ? ov->interviews - dated : 0;
    if (first < 0)
        return 0;
    if (last - first > 1200) /* a century of months at most */
        first = last - 1200;
    ov->n_months = (size_t)(last - first + 1);
    ov->months = calloc(ov->n_months, sizeof *ov->months);
    if (!ov->months)
        return -1;
    for (size_t i = 0; i < ov->n_months; i++) {
        long m = first + (long)i;
        snprintf(ov->months[i].month, sizeof ov->months[i].month, "%04d-%02d",
                 (int)(m / 12), (int)(m % 12 + 1));
    }
    for (size_t i = 0; i < n; i++) {
        long m = month_of(dates[i].key);
        if (m >= first)
            ov->months[m - first].count += dates[i].count;
    }
    return 0;
}

ivs_status_t
ivs_search_overview(ivs_searcher_t *s, ivs_search_overview_t **out)
{
    *out = NULL;
    filters_t f = {0};
    ivs_status_t st = ivs_searcher_add_filters(s, &f, NULL, 0, NULL, 0);
    ivs_search_overview_t *ov = calloc(1, sizeof *ov);
    ivs_facet_t *facets = NULL, *dates = NULL;
    size_t nf = 0, nd = 0;
    if (!ov)
        st = ivs_searcher_fail(s, IVS_ERR_NOMEM, "out of memory");
    /* the taxonomy's order and names (counts from the pass below) */
    const ivs_topics_t *t = st == IVS_OK ? ivs_searcher_taxonomy(s) : NULL;
    if (st == IVS_OK && !t)
        st = IVS_ERR_IO;
    if (st == IVS_OK) {
        size_t n = ivs_topics_count(t);
        ov->topics = calloc(n + 1, sizeof *ov->topics);
        if (!ov->topics)
            st = ivs_searcher_fail(s, IVS_ERR_NOMEM, "out of memory");
        for (size_t i = 0; st == IVS_OK && i < n; i++)
            ov->topics[ov->n_topics++] = (ivs_overview_topic_t){
                .id = ivs_topics_id(t, i), .name = ivs_topics_name_zh(t, i)};
    }
    if (st == IVS_OK) {
        st = ivs_reader_value_counts(s->reader, (const char *const *)f.terms,
                                     f.n, IVS_SLOT_FACETS, &facets, &nf);
        if (st == IVS_OK)
            st =
                ivs_reader_value_counts(s->reader, (const char *const *)f.terms,
                                        f.n, IVS_SLOT_DATE, &dates, &nd);
        if (st != IVS_OK)
            ivs_searcher_read_failed(s, st);
    }
    if (st == IVS_OK) {
        for (size_t i = 0; i < nf; i++)
            add_facets(ov, facets[i].key, facets[i].count);
        if (add_months(ov, dates, nd) != 0)
            st = ivs_searcher_fail(s, IVS_ERR_NOMEM, "out of memory");
    }
    ivs_facets_free(facets, nf);
    ivs_facets_free(dates, nd);
    ivs_filters_clear(&f);
    if (st != IVS_OK) {
        ivs_search_overview_free(ov);
        return st;
    }
    *out = ov;
    return IVS_OK;
}

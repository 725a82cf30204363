/* ivserve's JSON API: /api/search, /api/interview/ID, /api/similar/ID,
 * /api/topics, /api/stats, answering with the JSON ivsearch --json
 * prints (search/format/format_json.c), errors as {"error", "status"}. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ivs/format.h"
#include "serve_internal.h"

/* Parses decimal S (1 to MAX) into *OUT; -1 when it is not one. */
static int
parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    if (!s || !*s || strlen(s) > 10)
        return -1;
    for (const char *p = s; *p; p++)
        if (*p < '0' || *p > '9')
            return -1;
    unsigned long v = strtoul(s, NULL, 10);
    if (v > max)
        return -1;
    *out = v;
    return 0;
}

/* The filters of a request as a JSON object's text, for the audit line. */
static char *
filters_json(const ivs_search_request_t *r, const char *sort)
{
    json_t *o = json_object(), *v = json_array(), *t = json_array();
    for (size_t i = 0; i < r->n_verdicts; i++)
        json_array_append_new(v, json_string(r->verdicts[i]));
    for (size_t i = 0; i < r->n_topics; i++)
        json_array_append_new(t, json_string(r->topics[i]));
    json_object_set_new(o, "verdict", v);
    json_object_set_new(o, "topic", t);
    for (int k = 0; k < IVS_FIELD_COUNT; k++) {
        if (!r->n_fields[k])
            continue;
        json_t *a = json_array();
        for (size_t i = 0; i < r->n_fields[k]; i++)
            json_array_append_new(a, json_string(r->fields[k][i]));
        json_object_set_new(o, ivs_query_field_name(k), a);
    }
    if (r->since)
        json_object_set_new(o, "since", json_string(r->since));
    if (r->until)
        json_object_set_new(o, "until", json_string(r->until));
    if (sort)
        json_object_set_new(o, "sort", json_string(sort));
    char *s = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(o);
    return s;
}

int
serve_search_request(struct MHD_Connection *conn, request_t *req,
                     ivs_search_request_t *out, serve_filters_t *store,
                     unsigned max_limit, reply_t *rep, int json)
{
    const char **v = store->verdicts, **t = store->topics;
    *out = (ivs_search_request_t){.limit = max_limit < 10 ? max_limit : 10};
    const char *q = serve_arg(conn, "q");
    if (!q)
        q = "";
    if (strlen(q) > SERVE_MAX_QUERY) {
        serve_error(rep, MHD_HTTP_BAD_REQUEST, json,
                    "the query is longer than %d bytes", SERVE_MAX_QUERY);
        return -1;
    }
    out->n_verdicts = serve_args(conn, "verdict", v, SERVE_MAX_FILTERS);
    out->n_topics = serve_args(conn, "topic", t, SERVE_MAX_FILTERS);
    int bad = !serve_utf8_text(q);
    for (size_t i = 0; i < out->n_verdicts; i++)
        bad |= !serve_utf8_text(v[i]) || strlen(v[i]) > 64;
    for (size_t i = 0; i < out->n_topics; i++)
        bad |= !serve_utf8_text(t[i]) || strlen(t[i]) > 64;
    for (int k = 0; k < IVS_FIELD_COUNT; k++) {
        out->n_fields[k] = serve_args(conn, ivs_query_field_name(k),
                                      store->fields[k], SERVE_MAX_FILTERS);
        out->fields[k] = store->fields[k];
        for (size_t i = 0; i < out->n_fields[k]; i++)
            bad |= !serve_utf8_text(store->fields[k][i]) ||
                   strlen(store->fields[k][i]) > 200;
    }
    out->since = serve_arg(conn, "since");
    out->until = serve_arg(conn, "until");
    bad |= (out->since &&
            (!serve_utf8_text(out->since) || strlen(out->since) > 32)) ||
           (out->until &&
            (!serve_utf8_text(out->until) || strlen(out->until) > 32));
    if (bad) {
        serve_error(rep, MHD_HTTP_BAD_REQUEST, json,
                    "a parameter is not valid UTF-8 text (or too long)");
        return -1;
    }
    out->query = q;
    out->verdicts = v;
    out->topics = t;
    const char *sort = serve_arg(conn, "sort");
    if (sort && strcmp(sort, "date") == 0) {
        out->sort = IVS_SORT_DATE;
    } else if (sort && *sort && strcmp(sort, "relevance") != 0) {
        serve_error(rep, MHD_HTTP_BAD_REQUEST, json,
                    "sort must be relevance or date");
        return -1;
    }
    unsigned long n;
    const char *s = serve_arg(conn, "limit");
    if (s) {
        if (parse_uint(s, max_limit, &n) < 0) {
            serve_error(rep, MHD_HTTP_BAD_REQUEST, json,
                        "limit must be a number from 0 to %u", max_limit);
            return -1;
        }
        out->limit = (unsigned)n;
    }
    if ((s = serve_arg(conn, "offset"))) {
        if (parse_uint(s, 100000, &n) < 0) {
            serve_error(rep, MHD_HTTP_BAD_REQUEST, json,
                        "offset must be a number from 0 to 100000");
            return -1;
        }
        out->offset = (unsigned)n;
    }
    free(req->query);
    req->query = strdup(q);
    free(req->filters);
    req->filters = filters_json(out, sort);
    return 0;
}

/* A JSON answer being written: open it, print into J.f, then reply. */
typedef struct {
    FILE *f;
    char *buf;
    size_t len;
} json_out_t;

/* Opens J's stream; 0 when out of memory (json_reply() then says so). */
static int
json_open(json_out_t *j)
{
    *j = (json_out_t){0};
    j->f = open_memstream(&j->buf, &j->len);
    return j->f != NULL;
}

/* Makes what J holds REP's body (RC: the printer's return), or a 500. */
static void
json_reply(reply_t *rep, json_out_t *j, int rc)
{
    if (!j->f || fclose(j->f) != 0 || rc != 0 || !j->buf) {
        free(j->buf);
        serve_error(rep, 500, 1, "out of memory");
        return;
    }
    rep->status = 200;
    rep->type = "application/json";
    sb_put(&rep->body, j->buf, j->len);
    free(j->buf);
}

static void
api_search(server_t *srv, struct MHD_Connection *conn, request_t *req,
           reply_t *rep)
{
    serve_filters_t fv;
    ivs_search_request_t sr;
    if (serve_search_request(conn, req, &sr, &fv, SERVE_MAX_LIMIT, rep, 1) < 0)
        return;
    ivs_searcher_t *s = serve_searcher(srv, req, rep, 1);
    if (!s)
        return;
    ivs_search_results_t *r = NULL;
    ivs_status_t st = ivs_search_run(s, &sr, &r);
    if (st != IVS_OK) {
        serve_error(rep, serve_status_for(st), 1, "%s", ivs_searcher_error(s));
        return;
    }
    if (serve_degraded(srv, &r->full, rep, 1)) {
        ivs_search_results_free(r);
        return;
    }
    req->hits = r->full.total;
    json_out_t j;
    int rc = json_open(&j) ? ivs_format_search_json(j.f, sr.query, r) : -1;
    json_reply(rep, &j, rc);
    ivs_search_results_free(r);
}

/* The id at URL (the path after "interview/" or "similar/"); 0 with REP
 * set to a 404 when it is not one. */
static uint32_t
url_id(const char *url, reply_t *rep)
{
    unsigned long id;
    if (parse_uint(url, 0xffffffffUL, &id) < 0 || id == 0) {
        serve_error(rep, MHD_HTTP_NOT_FOUND, 1,
                    "no such interview: ids are numbers from 1");
        return 0;
    }
    return (uint32_t)id;
}

static void
api_interview(server_t *srv, request_t *req, const char *url, reply_t *rep)
{
    uint32_t id = url_id(url, rep);
    if (!id)
        return;
    ivs_searcher_t *s = serve_searcher(srv, req, rep, 1);
    if (!s)
        return;
    ivs_interview_t *iv = NULL;
    ivs_status_t st = ivs_search_show(s, id, &iv);
    if (st != IVS_OK) {
        serve_error(rep, serve_status_for(st), 1, "%s", ivs_searcher_error(s));
        return;
    }
    req->hits = 1;
    json_out_t j;
    int rc = json_open(&j) ? ivs_format_interview_json(j.f, iv) : -1;
    json_reply(rep, &j, rc);
    ivs_interview_free(iv);
}

static void
api_similar(server_t *srv, struct MHD_Connection *conn, request_t *req,
            const char *url, reply_t *rep)
{
    uint32_t id = url_id(url, rep);
    if (!id)
        return;
    serve_filters_t fv;
    ivs_search_request_t sr;
    if (serve_search_request(conn, req, &sr, &fv, SERVE_MAX_LIMIT, rep, 1) < 0)
        return;
    ivs_searcher_t *s = serve_searcher(srv, req, rep, 1);
    if (!s)
        return;
    ivs_search_results_t *r = NULL;
    ivs_status_t st = ivs_search_similar(s, id, &sr, &r);
    if (st != IVS_OK) {
        serve_error(rep, serve_status_for(st), 1, "%s", ivs_searcher_error(s));
        return;
    }
    if (serve_degraded(srv, &r->full, rep, 1)) {
        ivs_search_results_free(r);
        return;
    }
    req->hits = r->full.total;
    json_out_t j;
    int rc = json_open(&j) ? ivs_format_similar_json(j.f, url, id, r) : -1;
    json_reply(rep, &j, rc);
    ivs_search_results_free(r);
}

static void
api_stats(server_t *srv, request_t *req, int stats, reply_t *rep)
{
    ivs_searcher_t *s = serve_searcher(srv, req, rep, 1);
    if (!s)
        return;
    ivs_search_stats_t *st = NULL;
    ivs_status_t rc =
        stats ? ivs_search_stats(s, &st) : ivs_search_topics(s, &st);
    if (rc != IVS_OK) {
        serve_error(rep, serve_status_for(rc), 1, "%s", ivs_searcher_error(s));
        return;
    }
    /* the database's path is the server's business, not the reader's */
    st->db = "";
    json_out_t j;
    int prc = json_open(&j) ? ivs_format_stats_json(j.f, st, stats) : -1;
    json_reply(rep, &j, prc);
    ivs_search_stats_free(st);
}

void
serve_api(server_t *srv, struct MHD_Connection *conn, request_t *req,
          const char *url, reply_t *rep)
{
    if (strcmp(url, "search") == 0)
        api_search(srv, conn, req, rep);
    else if (strncmp(url, "interview/", 10) == 0)
        api_interview(srv, req, url + 10, rep);
    else if (strncmp(url, "similar/", 8) == 0)
        api_similar(srv, conn, req, url + 8, rep);
    else if (strcmp(url, "topics") == 0)
        api_stats(srv, req, 0, rep);
    else if (strcmp(url, "stats") == 0)
        api_stats(srv, req, 1, rep);
    else
        serve_error(rep, MHD_HTTP_NOT_FOUND, 1, "no such API endpoint");
}

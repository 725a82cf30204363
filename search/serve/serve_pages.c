/* ivserve's pages: search (facets, hits with highlighted snippets, paging,
 * did you mean), one interview (its text with the query's words marked,
 * and the candidates most like it) and the login form. Server-rendered;
 * every byte from notes, names and queries goes through sb_html. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "serve_internal.h"

#define MAX_FILTERS 16

/* ---- frame ---------------------------------------------------------------- */

void
page_begin(sbuf_t *b, const request_t *req, const char *title,
           const char *query)
{
    sb_puts(b, "<!doctype html>\n<html lang=\"zh-CN\"><head><meta "
               "charset=\"utf-8\"><meta name=\"viewport\" "
               "content=\"width=device-width,initial-scale=1\"><title>");
    sb_htmls(b, title);
    sb_puts(b, " · ivsearch</title><link rel=\"stylesheet\" "
               "href=\"/static/app.css\"><script src=\"/static/app.js\" "
               "defer></script></head><body>\n<header class=\"top\"><a "
               "class=\"brand\" href=\"/\">ivsearch</a>");
    if (req && req->authed) {
        sb_puts(b, "<form class=\"search\" action=\"/\" method=\"get\" "
                   "role=\"search\"><input type=\"search\" name=\"q\" "
                   "placeholder=\"kafka 丢失, golang gc …\" "
                   "aria-label=\"Search\" value=\"");
        sb_htmls(b, query);
        sb_puts(b, "\"><button type=\"submit\">Search</button></form>"
                   "<a href=\"/overview\">Overview</a>");
        if (req->user[0]) {
            sb_puts(b, "<span class=\"who\">");
            sb_htmls(b, req->user);
            sb_puts(b, "<form action=\"/logout\" method=\"post\"><button "
                       "type=\"submit\">Log out</button></form></span>");
        }
    }
    sb_puts(b, "</header>\n");
}

void
page_end(sbuf_t *b)
{
    sb_puts(b, "\n</body></html>\n");
}

/* ---- links ---------------------------------------------------------------- */

/* The state of a search page, for links that change one thing. */
typedef struct {
    const char *q;
    const char *const *v;
    size_t nv;
    const char *const *t;
    size_t nt;
    int by_date;
    unsigned offset;
    const ivs_search_request_t *req; /* the field filters, kept in links */
    int as_typed; /* no corrected query instead of a misspelt one */
} view_t;

/* Appends a link to the search page for VIEW, with verdict or topic
 * TOGGLE (prefixed "v:" or "t:") added or taken away. */
static void
put_link(sbuf_t *b, const view_t *view, const char *toggle, unsigned offset)
{
    sbuf_t u = {0};
    sb_puts(&u, "/?q=");
    sb_url(&u, view->q);
    int tv = toggle && toggle[0] == 'v', tt = toggle && toggle[0] == 't';
    const char *tval = toggle ? toggle + 2 : NULL;
    int had = 0;
    for (size_t i = 0; i < view->nv; i++) {
        if (tv && strcmp(view->v[i], tval) == 0) {
            had = 1;
            continue;
        }
        sb_puts(&u, "&verdict=");
        sb_url(&u, view->v[i]);
    }
    if (tv && !had) {
        sb_puts(&u, "&verdict=");
        sb_url(&u, tval);
    }
    had = 0;
    for (size_t i = 0; i < view->nt; i++) {
        if (tt && strcmp(view->t[i], tval) == 0) {
            had = 1;
            continue;
        }
        sb_puts(&u, "&topic=");
        sb_url(&u, view->t[i]);
    }
    if (tt && !had) {
        sb_puts(&u, "&topic=");
        sb_url(&u, tval);
    }
    /* field toggles: "c:" candidate, "r:" role, "n:" round, "i:"
     * interviewer (IVS_FIELD_* order) */
    static const char field_mark[IVS_FIELD_COUNT] = {'c', 'r', 'n', 'i'};
    for (int k = 0; k < IVS_FIELD_COUNT; k++) {
        int tk = toggle && toggle[0] == field_mark[k];
        had = 0;
        for (size_t i = 0; view->req && i < view->req->n_fields[k]; i++) {
            if (tk && strcmp(view->req->fields[k][i], tval) == 0) {
                had = 1;
                continue;
            }
            sb_printf(&u, "&%s=", ivs_query_field_name(k));
            sb_url(&u, view->req->fields[k][i]);
        }
        if (tk && !had) {
            sb_printf(&u, "&%s=", ivs_query_field_name(k));
            sb_url(&u, tval);
        }
    }
    if (view->req && view->req->since) {
        sb_puts(&u, "&since=");
        sb_url(&u, view->req->since);
    }
    if (view->req && view->req->until) {
        sb_puts(&u, "&until=");
        sb_url(&u, view->req->until);
    }
    if (view->by_date)
        sb_puts(&u, "&sort=date");
    if (offset)
        sb_printf(&u, "&offset=%u", offset);
    if (view->as_typed)
        sb_puts(&u, "&as_typed=1");
    sb_html(b, u.buf ? u.buf : "/", u.buf ? u.len : 1);
    sb_free(&u);
}

static int
has(const char *const *v, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i], s) == 0)
            return 1;
    return 0;
}

/* ---- pieces ------------------------------------------------------------- */

static void
put_verdict(sbuf_t *b, const char *verdict)
{
    static const char *const names[][2] = {{"pass", "通过"},
                                           {"fail", "不通过"},
                                           {"pending", "待定"},
                                           {"unknown", "未知"}};
    const char *zh = verdict;
    for (size_t i = 0; i < 4; i++)
        if (verdict && strcmp(verdict, names[i][0]) == 0)
            zh = names[i][1];
    sb_puts(b, "<span class=\"v v-");
    sb_htmls(b, verdict);
    sb_puts(b, "\">");
    sb_htmls(b, zh);
    sb_puts(b, "</span>");
}

static void
put_topic_name(sbuf_t *b, ivs_searcher_t *s, const char *id)
{
    const char *name = ivs_searcher_topic_name(s, id, 0);
    sb_htmls(b, name ? name : id);
}

/* TEXT with the character ranges SPANS in <mark>. */
static void
put_marked_chars(sbuf_t *b, const char *text, const ivs_span_t *spans, size_t n)
{
    size_t at = 0, ch = 0, len = strlen(text), k = 0, from = 0;
    int open = 0;
    while (at <= len) {
        if (!open && k < n && ch == spans[k].start) {
            sb_html(b, text + from, at - from);
            sb_puts(b, "<mark>");
            from = at;
            open = 1;
        }
        if (open && ch == spans[k].end) {
            sb_html(b, text + from, at - from);
            sb_puts(b, "</mark>");
            from = at;
            open = 0;
            k++;
            continue; /* a span may start where this one ends */
        }
        if (at == len)
            break;
        at++;
        while (at < len && ((unsigned char)text[at] & 0xc0) == 0x80)
            at++;
        ch++;
    }
    sb_html(b, text + from, len - from);
    if (open)
        sb_puts(b, "</mark>");
}

/* TEXT[FROM, TO) with the byte ranges SPANS in <mark>. */
static void
put_marked_bytes(sbuf_t *b, const char *text, size_t from, size_t to,
                 const ivs_span_t *spans, size_t n)
{
    size_t at = from;
    for (size_t k = 0; k < n && at < to; k++) {
        if (spans[k].end <= at || spans[k].start >= to)
            continue;
        size_t s = spans[k].start > at ? spans[k].start : at;
        size_t e = spans[k].end < to ? spans[k].end : to;
        sb_html(b, text + at, s - at);
        sb_puts(b, "<mark>");
        sb_html(b, text + s, e - s);
        sb_puts(b, "</mark>");
        at = e;
    }
    if (at < to)
        sb_html(b, text + at, to - at);
}

static const char *
base_name(const char *path)
{
    const char *bang = strstr(path, "!/");
    const char *slash = strrchr(path, '/');
    if (bang && slash && slash < bang)
        slash = NULL;
    return slash ? slash + 1 : path;
}

static void
put_meta(sbuf_t *b, ivs_searcher_t *s, const ivs_interview_t *iv)
{
    sb_puts(b, "<div class=\"meta\">");
    sb_printf(b, "<span>#%u</span>", iv->id);
    put_verdict(b, iv->verdict);
    if (iv->n_topics) {
        sb_puts(b, "<span>");
        for (size_t i = 0; i < iv->n_topics; i++) {
            if (i)
                sb_puts(b, " · ");
            put_topic_name(b, s, iv->topics[i]);
        }
        sb_puts(b, "</span>");
    }
    if (iv->candidate) {
        sb_puts(b, "<span>候选人 ");
        sb_htmls(b, iv->candidate);
        sb_puts(b, "</span>");
    }
    if (iv->role) {
        sb_puts(b, "<span>");
        sb_htmls(b, iv->role);
        sb_puts(b, "</span>");
    }
    if (iv->round) {
        sb_puts(b, "<span>");
        sb_htmls(b, iv->round);
        sb_puts(b, "</span>");
    }
    if (iv->interviewer) {
        sb_puts(b, "<span>面试官 ");
        sb_htmls(b, iv->interviewer);
        sb_puts(b, "</span>");
    }
    if (iv->date) {
        sb_puts(b, "<span>");
        sb_htmls(b, iv->date);
        sb_puts(b, "</span>");
    }
    sb_puts(b, "<span title=\"");
    sb_htmls(b, iv->source);
    sb_puts(b, "\">");
    sb_htmls(b, base_name(iv->source ? iv->source : ""));
    sb_printf(b, " · %lld</span></div>", iv->ordinal);
}

/* A facet of field FIELD (toggled by MARK) titled TITLE. */
static void
put_field_facet(sbuf_t *b, const char *title, char mark, int field,
                const ivs_facet_t *f, size_t n, int exact, const view_t *view)
{
    if (!n)
        return;
    sb_puts(b, "<h3>");
    sb_htmls(b, title);
    sb_puts(b, "</h3><ul>");
    for (size_t i = 0; i < n && i < 12; i++) {
        char tog[300];
        snprintf(tog, sizeof tog, "%c:%s", mark, f[i].key);
        int on = view->req && has(view->req->fields[field],
                                  view->req->n_fields[field], f[i].key);
        sb_puts(b, "<li><a href=\"");
        put_link(b, view, tog, 0);
        sb_printf(b, "\"%s><span>", on ? " class=\"on\"" : "");
        sb_htmls(b, f[i].key);
        sb_printf(b, "</span><span class=\"n\">%s%u</span></a></li>",
                  exact ? "" : "~", f[i].count);
    }
    sb_puts(b, "</ul>");
}

static void
put_facets(sbuf_t *b, ivs_searcher_t *s, const ivs_search_counts_t *c,
           const view_t *view)
{
    sb_puts(b, "<aside class=\"facets\"><h3>Verdict 结论</h3><ul>");
    for (size_t i = 0; i < c->n_verdicts; i++) {
        const char *k = c->verdicts[i].key;
        char tog[80];
        snprintf(tog, sizeof tog, "v:%s", k);
        sb_puts(b, "<li><a href=\"");
        put_link(b, view, tog, 0);
        sb_printf(b, "\"%s>", has(view->v, view->nv, k) ? " class=\"on\"" : "");
        put_verdict(b, k);
        sb_printf(b, "<span class=\"n\">%s%u</span></a></li>",
                  c->exact ? "" : "~", c->verdicts[i].count);
    }
    sb_puts(b, "</ul><h3>Topic 主题</h3><ul>");
    for (size_t i = 0; i < c->n_topics; i++) {
        const char *k = c->topics[i].key;
        if (!k[0])
            continue;
        char tog[160];
        snprintf(tog, sizeof tog, "t:%s", k);
        sb_puts(b, "<li><a href=\"");
        put_link(b, view, tog, 0);
        sb_printf(b, "\"%s><span>",
                  has(view->t, view->nt, k) ? " class=\"on\"" : "");
        put_topic_name(b, s, k);
        sb_printf(b, "</span><span class=\"n\">%s%u</span></a></li>",
                  c->exact ? "" : "~", c->topics[i].count);
    }
    sb_puts(b, "</ul>");
    put_field_facet(b, "Round 轮次", 'n', IVS_FIELD_ROUND, c->rounds,
                    c->n_rounds, c->exact, view);
    put_field_facet(b, "Role 岗位", 'r', IVS_FIELD_ROLE, c->roles, c->n_roles,
                    c->exact, view);
    sb_puts(b, "</aside>");
}

static void
put_hit(sbuf_t *b, ivs_searcher_t *s, const ivs_search_hit_t *h, const char *q)
{
    const ivs_interview_t *iv = &h->interview;
    sb_puts(b, "<article class=\"hit\"><h2><a href=\"");
    sbuf_t u = {0};
    sb_printf(&u, "/interview/%u?q=", iv->id);
    sb_url(&u, q);
    sb_html(b, u.buf ? u.buf : "/", u.buf ? u.len : 1);
    sb_free(&u);
    sb_puts(b, "\">");
    sb_htmls(b, iv->title && iv->title[0] ? iv->title : "(untitled)");
    sb_puts(b, "</a></h2>");
    put_meta(b, s, iv);
    if (h->partial) {
        sb_puts(b, "<div class=\"partial\">partial, missing: ");
        for (size_t i = 0; i < h->n_missing; i++) {
            if (i)
                sb_puts(b, ", ");
            sb_htmls(b, h->missing[i]);
        }
        sb_puts(b, "</div>");
    }
    sb_puts(b, "<p class=\"snippet\">");
    put_marked_chars(b, h->snippet, h->highlights, h->n_highlights);
    sb_puts(b, "</p>");
    if (h->explanation && h->explanation[0]) {
        /* similar: the shared topics and concepts that weighed most */
        sb_puts(b, "<div class=\"shared\">");
        sb_htmls(b, h->explanation);
        sb_puts(b, "</div>");
    } else if (h->n_matched && !h->partial && !q[0]) {
        sb_puts(b, "<div class=\"shared\">shared: ");
        for (size_t i = 0; i < h->n_matched && i < 8; i++) {
            if (i)
                sb_puts(b, ", ");
            sb_htmls(b, h->matched[i]);
        }
        sb_puts(b, "</div>");
    }
    sb_puts(b, "</article>\n");
}

/* "did you mean": the query with each suggested word in place. */
static void
put_suggestions(sbuf_t *b, const ivs_search_results_t *r, const view_t *view)
{
    if (r->n_suggestions == 0)
        return;
    sbuf_t q = {0};
    sb_puts(&q, view->q);
    for (size_t i = 0; i < r->n_suggestions && q.buf; i++) {
        const char *w = r->suggestions[i].word;
        char *at = strstr(q.buf, w);
        if (!at)
            continue;
        sbuf_t next = {0};
        sb_put(&next, q.buf, (size_t)(at - q.buf));
        sb_puts(&next, r->suggestions[i].suggestion);
        sb_puts(&next, at + strlen(w));
        sb_free(&q);
        q = next;
    }
    if (q.buf && strcmp(q.buf, view->q) != 0) {
        view_t alt = *view;
        alt.q = q.buf;
        sb_puts(b, "<p class=\"notice\">Did you mean <a href=\"");
        put_link(b, &alt, NULL, 0);
        sb_puts(b, "\">");
        sb_htmls(b, q.buf);
        sb_puts(b, "</a>?</p>");
    }
    sb_free(&q);
}

/* The results are those of a corrected query: say so, with a link to
 * search what was typed. */
static void
put_corrected(sbuf_t *b, const ivs_search_results_t *r, const view_t *view)
{
    if (!r->corrected)
        return;
    view_t typed = *view;
    typed.as_typed = 1;
    typed.offset = 0;
    sb_puts(b, "<p class=\"notice\">showing results for <b>");
    sb_htmls(b, r->corrected);
    sb_puts(b, "</b> · search exactly <a href=\"");
    put_link(b, &typed, NULL, 0);
    sb_puts(b, "\">");
    sb_htmls(b, view->q);
    sb_puts(b, "</a></p>");
}

static void
put_results(sbuf_t *b, ivs_searcher_t *s, const ivs_search_results_t *r,
            const view_t *view, unsigned limit)
{
    sb_puts(b, "<section class=\"results\"><p class=\"summary\">");
    sb_printf(b, "%s%u interview%s", r->full.exact ? "" : "about ",
              r->full.total, r->full.total == 1 ? "" : "s");
    if (r->several && r->partial.total)
        sb_printf(b, " with every word, %s%u with some",
                  r->partial.exact ? "" : "about ", r->partial.total);
    sb_puts(b, " · sort: ");
    view_t other = *view;
    other.by_date = !view->by_date;
    if (view->by_date) {
        sb_puts(b, "<a href=\"");
        put_link(b, &other, NULL, 0);
        sb_puts(b, "\">relevance</a> | <b>date</b>");
    } else {
        sb_puts(b, "<b>relevance</b> | <a href=\"");
        put_link(b, &other, NULL, 0);
        sb_puts(b, "\">date</a>");
    }
    sb_puts(b, "</p>");
    if (r->full.n_degraded) {
        sb_printf(b, "<p class=\"notice\">%zu of %zu shards unreachable: ",
                  r->full.n_degraded, r->full.n_shards);
        for (size_t i = 0; i < r->full.n_degraded; i++) {
            if (i)
                sb_puts(b, ", ");
            sb_htmls(b, r->full.degraded[i]);
        }
        sb_puts(b, ". The answer leaves their interviews out.</p>");
    }
    if (r->corrected)
        put_corrected(b, r, view);
    else
        put_suggestions(b, r, view);
    if (r->n_hits == 0)
        sb_puts(b, "<div class=\"notice\"><p>No interview matches.</p><ul>"
                   "<li>Fewer words find more: every word must match.</li>"
                   "<li>Try another spelling, or Chinese for an English "
                   "term (消息队列 for message queue).</li>"
                   "<li>Take a verdict or topic filter away on the "
                   "left.</li></ul></div>");
    for (size_t i = 0; i < r->n_hits; i++)
        put_hit(b, s, &r->hits[i], view->q);
    unsigned total = r->full.total + r->partial.total;
    if (view->offset || view->offset + limit < total) {
        sb_puts(b, "<nav class=\"pages\">");
        if (view->offset) {
            sb_puts(b, "<a rel=\"prev\" href=\"");
            put_link(b, view, NULL,
                     view->offset > limit ? view->offset - limit : 0);
            sb_puts(b, "\">← previous</a>");
        }
        sb_printf(b, "<span>%u–%u</span>", view->offset + 1,
                  view->offset + (unsigned)r->n_hits);
        if (view->offset + limit < total && r->n_hits == limit) {
            sb_puts(b, "<a rel=\"next\" href=\"");
            put_link(b, view, NULL, view->offset + limit);
            sb_puts(b, "\">next →</a>");
        }
        sb_puts(b, "</nav>");
    }
    sb_puts(b, "</section>");
}

/* ---- the search page -------------------------------------------------- */

static void
html_reply(reply_t *rep)
{
    rep->status = 200;
    rep->type = "text/html; charset=utf-8";
}

void
serve_page_search(server_t *srv, struct MHD_Connection *conn, request_t *req,
                  reply_t *rep)
{
    serve_filters_t fv;
    ivs_search_request_t sr;
    if (serve_search_request(conn, req, &sr, &fv, SERVE_MAX_LIMIT, rep, 0) < 0)
        return;
    sr.limit = SERVE_PAGE;
    sr.as_typed = serve_arg(conn, "as_typed") != NULL;
    view_t view = {sr.query,  fv.verdicts, sr.n_verdicts,
                   fv.topics, sr.n_topics, sr.sort == IVS_SORT_DATE,
                   sr.offset, &sr,         sr.as_typed};
    html_reply(rep);
    sbuf_t *b = &rep->body;
    int fields = sr.since || sr.until;
    for (int k = 0; k < IVS_FIELD_COUNT; k++)
        fields |= sr.n_fields[k] > 0;
    if (!sr.query[0] && !sr.n_verdicts && !sr.n_topics && !fields) {
        page_begin(b, req, "Search", "");
        sb_puts(b, "<main><section class=\"results\"><h1>Search the "
                   "interview notes</h1><p>Words are all required; "
                   "<code>\"a phrase\"</code> keeps words together, "
                   "<code>-word</code> leaves out, <code>OR</code> between "
                   "words, <code>verdict:pass</code> and "
                   "<code>topic:中间件</code> filter.</p><p>See the "
                   "<a href=\"/overview\">overview</a> for the archive at a "
                   "glance.</p></section></main>");
        page_end(b);
        return;
    }
    ivs_searcher_t *s = serve_searcher(srv, req, rep, 0);
    if (!s)
        return;
    ivs_search_results_t *r = NULL;
    ivs_status_t st = ivs_search_run(s, &sr, &r);
    if (st != IVS_OK) {
        serve_error(rep, serve_status_for(st), 0, "%s", ivs_searcher_error(s));
        return;
    }
    if (serve_degraded(srv, &r->full, rep, 0)) {
        ivs_search_results_free(r);
        return;
    }
    req->hits = r->full.total;
    page_begin(b, req, sr.query[0] ? sr.query : "Listing", sr.query);
    sb_puts(b, "<main>");
    put_facets(b, s, &r->full, &view);
    put_results(b, s, r, &view, SERVE_PAGE);
    sb_puts(b, "</main>");
    page_end(b);
    ivs_search_results_free(r);
}

/* ---- the interview page -------------------------------------------------- */

/* Interview IV's text: each section's heading line as a heading, its
 * lines below, the query's words (SPANS, bytes) marked throughout. */
static void
put_text(sbuf_t *b, const ivs_interview_t *iv, const ivs_span_t *spans,
         size_t n)
{
    sb_puts(b, "<div class=\"interview\">");
    size_t at = 0;
    for (size_t i = 0; i <= iv->n_sections; i++) {
        size_t start =
            i < iv->n_sections ? iv->sections[i].start : iv->text_len;
        if (start > iv->text_len)
            start = iv->text_len;
        if (start > at) {
            sb_puts(b, "<pre class=\"text\">");
            put_marked_bytes(b, iv->text, at, start, spans, n);
            sb_puts(b, "</pre>");
            at = start;
        }
        if (i == iv->n_sections)
            break;
        /* the heading's own line, as written, is the heading */
        size_t end = iv->sections[i].end < iv->text_len ? iv->sections[i].end
                                                        : iv->text_len;
        const char *nl = memchr(iv->text + at, '\n', end > at ? end - at : 0);
        size_t line_end = nl ? (size_t)(nl - iv->text) : end;
        sb_puts(b, "<h2 class=\"sec\">");
        if (line_end > at)
            put_marked_bytes(b, iv->text, at, line_end, spans, n);
        else
            sb_htmls(b, iv->sections[i].heading);
        sb_puts(b, "</h2>");
        at = nl ? line_end + 1 : line_end;
    }
    sb_puts(b, "</div>");
}

static void
put_similar(sbuf_t *b, ivs_searcher_t *s, uint32_t id,
            const ivs_search_request_t *filters)
{
    ivs_search_request_t sr = *filters;
    sr.query = "";
    sr.offset = 0;
    sr.limit = 8;
    ivs_search_results_t *r = NULL;
    sb_puts(b, "<aside class=\"similar\"><h3>Similar candidates</h3>");
    /* the similar list's own filter: everyone, or those who passed */
    int passed = filters->n_verdicts == 1 &&
                 (strcmp(filters->verdicts[0], "pass") == 0 ||
                  strcmp(filters->verdicts[0], "通过") == 0);
    sb_printf(b, "<p class=\"summary\">%s<a href=\"/interview/%u?q=",
              passed ? "" : "<b>all</b> · ", id);
    sb_url(b, filters->query ? filters->query : "");
    sb_puts(b, passed ? "\">all</a> · <b>passed only</b>"
                      : "&amp;verdict=pass\">passed only</a>");
    sb_puts(b, "</p>");
    if (ivs_search_similar(s, id, &sr, &r) != IVS_OK) {
        sb_puts(b, "<p class=\"error\">");
        sb_htmls(b, ivs_searcher_error(s));
        sb_puts(b, "</p></aside>");
        return;
    }
    if (r->n_hits == 0)
        sb_puts(b, "<p>None alike.</p>");
    for (size_t i = 0; i < r->n_hits; i++)
        put_hit(b, s, &r->hits[i], "");
    sb_puts(b, "</aside>");
    ivs_search_results_free(r);
}

void
serve_page_interview(server_t *srv, struct MHD_Connection *conn, request_t *req,
                     const char *idtext, reply_t *rep)
{
    char *end = NULL;
    unsigned long id = strtoul(idtext, &end, 10);
    if (!*idtext || *end || id == 0 || id > 0xffffffffUL ||
        strspn(idtext, "0123456789") != strlen(idtext)) {
        serve_error(rep, MHD_HTTP_NOT_FOUND, 0, "no such interview");
        return;
    }
    serve_filters_t fv;
    ivs_search_request_t sr;
    if (serve_search_request(conn, req, &sr, &fv, SERVE_MAX_LIMIT, rep, 0) < 0)
        return;
    ivs_searcher_t *s = serve_searcher(srv, req, rep, 0);
    if (!s)
        return;
    ivs_interview_t *iv = NULL;
    ivs_status_t st = ivs_search_show(s, (uint32_t)id, &iv);
    if (st != IVS_OK) {
        serve_error(rep, serve_status_for(st), 0, "%s", ivs_searcher_error(s));
        return;
    }
    req->hits = 1;
    ivs_span_t *spans = NULL;
    size_t n = 0;
    if (sr.query[0])
        ivs_search_highlight(s, sr.query, iv->text, iv->text_len, &spans, &n);
    html_reply(rep);
    sbuf_t *b = &rep->body;
    page_begin(b, req, iv->title ? iv->title : "Interview", sr.query);
    sb_puts(b, "<main><section class=\"results\"><h1>");
    sb_htmls(b, iv->title && iv->title[0] ? iv->title : "(untitled)");
    sb_puts(b, "</h1>");
    put_meta(b, s, iv);
    put_text(b, iv, spans, n);
    sb_puts(b, "</section>");
    put_similar(b, s, (uint32_t)id, &sr);
    sb_puts(b, "</main>");
    page_end(b);
    free(spans);
    ivs_interview_free(iv);
}

/* ---- login ---------------------------------------------------------------- */

void
serve_page_login(server_t *srv, struct MHD_Connection *conn, request_t *req,
                 const char *message, reply_t *rep)
{
    if (!srv->users) {
        rep->status = MHD_HTTP_SEE_OTHER;
        rep->location = strdup("/");
        return;
    }
    const char *next = serve_arg(conn, "next");
    html_reply(rep);
    sbuf_t *b = &rep->body;
    page_begin(b, NULL, "Log in", NULL);
    sb_puts(b, "<form class=\"login\" action=\"/login\" method=\"post\">"
               "<h1>Interview notes</h1>");
    if (message) {
        sb_puts(b, "<p class=\"error\">");
        sb_htmls(b, message);
        sb_puts(b, "</p>");
    }
    sb_puts(b, "<label for=\"user\">User</label><input id=\"user\" "
               "name=\"user\" autocomplete=\"username\" required value=\"");
    sb_htmls(b, message ? req->user : "");
    sb_puts(b, "\"><label for=\"password\">Password</label><input "
               "id=\"password\" name=\"password\" type=\"password\" "
               "autocomplete=\"current-password\" required><input "
               "type=\"hidden\" name=\"next\" value=\"");
    sb_htmls(b, next && next[0] == '/' ? next : "/");
    sb_puts(b, "\"><p><button type=\"submit\">Log in</button></p></form>");
    page_end(b);
}

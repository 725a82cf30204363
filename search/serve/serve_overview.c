/* ivserve's overview: the archive at a glance as charts drawn here, in
 * inline SVG (no script, no library): interviews and verdicts per topic,
 * pass rate per topic, interviews per month. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "serve_internal.h"

static const char *const colour[IVS_SEARCH_VERDICTS] = {"#1f8a4c", "#c0392b",
                                                        "#b7791f", "#a3a9b5"};
static const char *const label[IVS_SEARCH_VERDICTS] = {
    "通过 pass", "不通过 fail", "待定 pending", "未知 unknown"};
static const char *const verdict_id[IVS_SEARCH_VERDICTS] = {
    "pass", "fail", "pending", "unknown"};

#define W 640     /* chart width (viewBox units) */
#define LABEL 150 /* left column for topic names */
#define ROW 26

static int
by_total(const void *a, const void *b)
{
    const ivs_overview_topic_t *x = a, *y = b;
    return (x->total < y->total) - (x->total > y->total);
}

static void
legend(sbuf_t *b, double y)
{
    double x = LABEL;
    for (int k = 0; k < IVS_SEARCH_VERDICTS; k++) {
        sb_printf(b,
                  "<rect x=\"%.0f\" y=\"%.0f\" width=\"12\" height=\"12\" "
                  "fill=\"%s\"/><text x=\"%.0f\" y=\"%.0f\" "
                  "font-size=\"12\">%s</text>",
                  x, y, colour[k], x + 16, y + 11, label[k]);
        x += 115;
    }
}

/* Stacked bars: each topic's interviews by verdict, linked to the search
 * of that topic (and verdict). */
static void
chart_topics(sbuf_t *b, const ivs_overview_topic_t *t, size_t n)
{
    uint32_t max = 1;
    for (size_t i = 0; i < n; i++)
        if (t[i].total > max)
            max = t[i].total;
    double h = (double)n * ROW + 40;
    sb_printf(b,
              "<svg viewBox=\"0 0 %d %.0f\" width=\"100%%\" role=\"img\" "
              "aria-labelledby=\"c1\"><title id=\"c1\">Interviews and "
              "verdicts per topic</title>",
              W, h);
    double scale = (double)(W - LABEL - 60) / max;
    for (size_t i = 0; i < n; i++) {
        double y = (double)i * ROW + 4;
        sb_puts(b, "<a href=\"/?topic=");
        sb_url(b, t[i].id);
        sb_printf(b,
                  "\"><text x=\"%d\" y=\"%.0f\" font-size=\"13\" "
                  "text-anchor=\"end\">",
                  LABEL - 8, y + 15);
        sb_htmls(b, t[i].name ? t[i].name : t[i].id);
        sb_puts(b, "</text></a>");
        double x = LABEL;
        for (int k = 0; k < IVS_SEARCH_VERDICTS; k++) {
            double w = t[i].verdicts[k] * scale;
            if (t[i].verdicts[k] == 0)
                continue;
            sb_puts(b, "<a href=\"/?topic=");
            sb_url(b, t[i].id);
            sb_printf(b,
                      "&amp;verdict=%s\"><rect x=\"%.1f\" y=\"%.0f\" "
                      "width=\"%.1f\" height=\"18\" fill=\"%s\"><title>",
                      verdict_id[k], x, y, w < 1 ? 1 : w, colour[k]);
            sb_htmls(b, t[i].name ? t[i].name : t[i].id);
            sb_printf(b, " · %s: %u</title></rect></a>", label[k],
                      t[i].verdicts[k]);
            x += w;
        }
        sb_printf(b,
                  "<text x=\"%.1f\" y=\"%.0f\" font-size=\"12\" "
                  "fill=\"#5b6475\">%u</text>",
                  x + 6, y + 14, t[i].total);
    }
    legend(b, (double)n * ROW + 14);
    sb_puts(b, "</svg>");
}

/* Each topic's share of passes among its decided interviews. */
static void
chart_pass_rate(sbuf_t *b, const ivs_overview_topic_t *t, size_t n)
{
    size_t shown = 0;
    for (size_t i = 0; i < n; i++)
        shown += t[i].verdicts[0] + t[i].verdicts[1] > 0;
    if (!shown) {
        sb_puts(b, "<p>No interview of a topic has a verdict yet.</p>");
        return;
    }
    sb_printf(b,
              "<svg viewBox=\"0 0 %d %zu\" width=\"100%%\" role=\"img\" "
              "aria-labelledby=\"c2\"><title id=\"c2\">Pass rate per topic "
              "(passed of passed and failed)</title>",
              W, shown * ROW + 30);
    double full = W - LABEL - 120;
    size_t row = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t decided = t[i].verdicts[0] + t[i].verdicts[1];
        if (!decided)
            continue;
        double y = (double)row++ * ROW + 4;
        double rate = (double)t[i].verdicts[0] / decided;
        sb_printf(b,
                  "<text x=\"%d\" y=\"%.0f\" font-size=\"13\" "
                  "text-anchor=\"end\">",
                  LABEL - 8, y + 15);
        sb_htmls(b, t[i].name ? t[i].name : t[i].id);
        sb_printf(b,
                  "</text><rect x=\"%d\" y=\"%.0f\" width=\"%.1f\" "
                  "height=\"18\" fill=\"#e4e7ee\"/><rect x=\"%d\" y=\"%.0f\" "
                  "width=\"%.1f\" height=\"18\" fill=\"%s\"/><text "
                  "x=\"%.1f\" y=\"%.0f\" font-size=\"12\" "
                  "fill=\"#5b6475\">%.0f%% of %u</text>",
                  LABEL, y, full, LABEL, y, full * rate, colour[0],
                  LABEL + full + 6, y + 14, rate * 100, decided);
    }
    /* the 50 % line */
    sb_printf(b,
              "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" y2=\"%zu\" "
              "stroke=\"#5b6475\" stroke-dasharray=\"3 3\"/>",
              LABEL + full / 2, LABEL + full / 2, shown * ROW);
    sb_puts(b, "</svg>");
}

/* Interviews per month, with a label every few months. */
static void
chart_months(sbuf_t *b, const ivs_search_overview_t *ov)
{
    if (!ov->n_months) {
        sb_puts(b, "<p>No interview has a date yet (dates come from lines "
                   "such as 面试时间：2024-07-12).</p>");
        return;
    }
    uint32_t max = 1;
    for (size_t i = 0; i < ov->n_months; i++)
        if (ov->months[i].count > max)
            max = ov->months[i].count;
    double plot = 200, left = 40, width = W - left - 10;
    double bw = width / (double)ov->n_months;
    sb_printf(b,
              "<svg viewBox=\"0 0 %d %.0f\" width=\"100%%\" role=\"img\" "
              "aria-labelledby=\"c3\"><title id=\"c3\">Interviews per "
              "month</title>",
              W, plot + 40);
    sb_printf(b,
              "<text x=\"%.0f\" y=\"12\" font-size=\"11\" "
              "text-anchor=\"end\" fill=\"#5b6475\">%u</text>",
              left - 4, max);
    size_t every = ov->n_months / 8 + 1;
    for (size_t i = 0; i < ov->n_months; i++) {
        double h = plot * ov->months[i].count / max;
        double x = left + (double)i * bw;
        sb_printf(b,
                  "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                  "fill=\"#2456c9\"><title>%s: %u</title></rect>",
                  x + bw * 0.1, 10 + plot - h, bw * 0.8, h, ov->months[i].month,
                  ov->months[i].count);
        if (i % every == 0)
            sb_printf(b,
                      "<text x=\"%.1f\" y=\"%.0f\" font-size=\"11\" "
                      "fill=\"#5b6475\">%s</text>",
                      x, plot + 28, ov->months[i].month);
    }
    sb_printf(b,
              "<line x1=\"%.0f\" x2=\"%d\" y1=\"%.0f\" y2=\"%.0f\" "
              "stroke=\"#5b6475\"/></svg>",
              left, W, 10 + plot, 10 + plot);
    if (ov->undated)
        sb_printf(b, "<p class=\"summary\">%u interview%s without a date.</p>",
                  ov->undated, ov->undated == 1 ? "" : "s");
}

void
serve_page_overview(server_t *srv, struct MHD_Connection *conn, request_t *req,
                    reply_t *rep)
{
    (void)conn;
    ivs_searcher_t *s = serve_searcher(srv, req, rep, 0);
    if (!s)
        return;
    ivs_search_overview_t *ov = NULL;
    ivs_status_t st = ivs_search_overview(s, &ov);
    if (st != IVS_OK) {
        serve_error(rep, serve_status_for(st), 0, "%s", ivs_searcher_error(s));
        return;
    }
    req->hits = ov->interviews;
    ivs_overview_topic_t *t = calloc(ov->n_topics + 1, sizeof *t);
    size_t n = 0;
    for (size_t i = 0; t && i < ov->n_topics; i++)
        if (ov->topics[i].total)
            t[n++] = ov->topics[i];
    if (n > 1)
        qsort(t, n, sizeof *t, by_total);
    rep->status = 200;
    rep->type = "text/html; charset=utf-8";
    sbuf_t *b = &rep->body;
    page_begin(b, req, "Overview", "");
    sb_printf(b,
              "<main><div class=\"charts\"><div class=\"chart\"><h2>%u "
              "interviews</h2><p>",
              ov->interviews);
    for (int k = 0; k < IVS_SEARCH_VERDICTS; k++)
        sb_printf(b, "%s<a href=\"/?verdict=%s\">%s %u</a>", k ? " · " : "",
                  verdict_id[k], label[k], ov->verdicts[k]);
    sb_puts(b, "</p>");
    chart_topics(b, t ? t : ov->topics, t ? n : 0);
    sb_puts(b, "</div><div class=\"chart\"><h2>Pass rate per topic</h2>");
    chart_pass_rate(b, t ? t : ov->topics, t ? n : 0);
    sb_puts(b, "</div><div class=\"chart\"><h2>Interviews over time</h2>");
    chart_months(b, ov);
    sb_puts(b, "</div></div></main>");
    page_end(b);
    free(t);
    ivs_search_overview_free(ov);
}

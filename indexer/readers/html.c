/* .html (see ivs/readers.h): libxml2's HTML parser (no network, errors
 * tolerated) into text with h1-h6 as "#" headings, block elements as
 * paragraphs, list items as "- ", table rows as cells joined by " | ",
 * <br> as a line break; script, style, noscript and template dropped.
 * Exports of Feishu, Notion, Yuque and Confluence are ordinary HTML. */
#define _GNU_SOURCE
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "readers_internal.h"

typedef struct {
    outbuf_t *o;
    size_t nodes;
    int over;
    int in_cell, in_pre;
    int headings; /* h1-h6 written */
} html_t;

static int
named(const xmlNode *n, const char *const *names)
{
    for (; *names; names++)
        if (!strcasecmp((const char *)n->name, *names))
            return 1;
    return 0;
}

static const char *const dropped[] = {
    "script", "style",  "noscript", "template", "head", "svg",
    "iframe", "object", "button",   "select",   NULL};
static const char *const blocks[] = {
    "p",      "div",        "section", "article",    "main",    "header",
    "footer", "aside",      "nav",     "blockquote", "dl",      "dt",
    "dd",     "ul",         "ol",      "table",      "form",    "fieldset",
    "figure", "figcaption", "address", "details",    "summary", "caption",
    "center", "body",       "html",    NULL};

static void walk(html_t *h, xmlNode *n, int depth);

static void
element(html_t *h, xmlNode *n, int depth)
{
    const char *name = (const char *)n->name;
    if (named(n, dropped))
        return;
    if ((name[0] == 'h' || name[0] == 'H') && name[1] >= '1' &&
        name[1] <= '6' && !name[2] && !h->in_cell) {
        out_para(h->o);
        static const char hashes[] = "###### ";
        int level = name[1] - '0';
        out_raw(h->o, hashes + 6 - level, (size_t)level + 1);
        h->headings++;
        walk(h, n->children, depth + 1);
        out_para(h->o);
    } else if (!strcasecmp(name, "br")) {
        if (h->in_cell)
            h->o->pending_space = 1;
        else
            out_raw(h->o, "\n", 1);
    } else if (!strcasecmp(name, "hr") && !h->in_cell) {
        out_para(h->o);
    } else if (!strcasecmp(name, "li") && !h->in_cell) {
        out_line(h->o);
        out_raw(h->o, "- ", 2);
        walk(h, n->children, depth + 1);
        out_line(h->o);
    } else if (!strcasecmp(name, "tr")) {
        out_line(h->o);
        int first = 1;
        for (xmlNode *c = n->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE ||
                (strcasecmp((const char *)c->name, "td") &&
                 strcasecmp((const char *)c->name, "th")))
                continue;
            if (!first)
                out_raw(h->o, " | ", 3);
            first = 0;
            h->in_cell++;
            walk(h, c->children, depth + 2);
            h->in_cell--;
            h->o->pending_space = 0;
        }
        out_line(h->o);
    } else if (!strcasecmp(name, "pre") && !h->in_cell) {
        out_para(h->o);
        h->in_pre++;
        walk(h, n->children, depth + 1);
        h->in_pre--;
        out_para(h->o);
    } else if (named(n, blocks) && !h->in_cell) {
        out_para(h->o);
        walk(h, n->children, depth + 1);
        out_para(h->o);
    } else {
        walk(h, n->children, depth + 1); /* inline: span, a, b, td … */
    }
}

static void
walk(html_t *h, xmlNode *n, int depth)
{
    for (; n && !h->over; n = n->next) {
        if (++h->nodes > IVS_READER_MAX_NODES || depth > IVS_READER_MAX_DEPTH) {
            h->over = 1;
            return;
        }
        if (n->type == XML_ELEMENT_NODE) {
            element(h, n, depth);
        } else if ((n->type == XML_TEXT_NODE ||
                    n->type == XML_CDATA_SECTION_NODE) &&
                   n->content) {
            const char *t = (const char *)n->content;
            if (h->in_pre)
                out_raw(h->o, t, strlen(t));
            else
                out_text(h->o, t, strlen(t));
        }
    }
}

/* The encoding to tell the parser: none when the page declares one (a
 * meta charset or an XML declaration near the top), else UTF-8 when the
 * bytes are UTF-8, else GB18030 (libxml2 would guess Latin-1). */
static const char *
encoding_of(const char *bytes, size_t len)
{
    size_t head = len < 4096 ? len : 4096;
    if (memmem(bytes, head, "charset", 7) ||
        memmem(bytes, head, "CHARSET", 7) ||
        memmem(bytes, head, "encoding=", 9))
        return NULL;
    if (len >= 2 &&
        ((unsigned char)bytes[0] == 0xFF || (unsigned char)bytes[0] == 0xFE))
        return NULL; /* a UTF-16 byte order mark */
    return utf8_valid(bytes, len) ? "UTF-8" : "GB18030";
}

/* A page without headings (some exports put the document's name only in
 * <title>): its title becomes the first heading. */
static void
title_first(htmlDocPtr doc, outbuf_t *o)
{
    xmlNode *n = xmlDocGetRootElement(doc);
    for (n = n ? n->children : NULL; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE &&
            !strcasecmp((const char *)n->name, "head"))
            break;
    for (n = n ? n->children : NULL; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE &&
            !strcasecmp((const char *)n->name, "title"))
            break;
    if (!n || o->full || o->nomem)
        return;
    outbuf_t t = {0};
    out_raw(&t, "# ", 2);
    for (xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_TEXT_NODE && c->content)
            out_text(&t, (const char *)c->content,
                     strlen((const char *)c->content));
    if (t.n > 2 && !t.nomem) {
        out_raw(&t, "\n\n", 2);
        out_raw(&t, o->s ? o->s : "", o->n);
        if (!t.full && !t.nomem) {
            free(o->s);
            *o = t;
            return;
        }
    }
    free(t.s);
}

ivs_status_t
read_html(const char *bytes, size_t len, outbuf_t *o, const char **reason)
{
    if (len > (size_t)INT32_MAX || len > IVS_READER_MAX_XML) {
        *reason = "HTML larger than 64 MiB";
        return IVS_ERR_TOOBIG;
    }
    htmlDocPtr doc =
        htmlReadMemory(bytes, (int)len, NULL, encoding_of(bytes, len),
                       HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                           HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT);
    if (!doc) {
        *reason = "unreadable HTML";
        return IVS_ERR_INPUT;
    }
    html_t h = {.o = o};
    xmlNode *root = xmlDocGetRootElement(doc);
    walk(&h, root, 0);
    out_para(o);
    if (!h.headings && !h.over)
        title_first(doc, o);
    xmlFreeDoc(doc);
    if (h.over) {
        *reason = "HTML nested too deep or too many elements";
        return IVS_ERR_TOOBIG;
    }
    return IVS_OK;
}

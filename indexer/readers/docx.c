/* .docx (see ivs/readers.h): word/document.xml with its headers, footers
 * and footnotes, read through libarchive and libxml2 (no network, no DTD,
 * no entity expansion) into headings, paragraphs, list items and table
 * rows. Heading levels come from the paragraph style: its name in
 * word/styles.xml ("heading 1", "标题 1", "Title") or its outline level. */
#define _GNU_SOURCE
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "readers_internal.h"

#define XML_OPTS                                                 \
    (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | \
     XML_PARSE_NOCDATA | XML_PARSE_COMPACT)

/* A style id and the heading level it gives (0: none). */
typedef struct {
    char *id;
    int level;
} style_t;

typedef struct {
    outbuf_t *o;
    style_t *styles;
    size_t n_styles;
    size_t nodes;
    int over; /* a limit was reached */
    int in_cell;
} docx_t;

static int
is_w(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* The w:val (or any val) attribute of N, borrowed from libxml (free it
 * with xmlFree). */
static char *
val_of(const xmlNode *n)
{
    for (xmlAttr *a = n->properties; a; a = a->next)
        if (!strcmp((const char *)a->name, "val") && a->children &&
            a->children->content)
            return (char *)xmlStrdup(a->children->content);
    return NULL;
}

/* The level a style NAME (or id) stands for: "heading 2", "Heading2",
 * "标题 2", "标题2" → 2; "Title" → 1; else 0. */
static int
level_of_name(const char *name)
{
    const char *rest = NULL;
    if (!strncasecmp(name, "heading", 7))
        rest = name + 7;
    else if (!strncmp(name, "标题", 6))
        rest = name + 6;
    else if (!strcasecmp(name, "title") || !strcmp(name, "标题"))
        return 1;
    if (!rest)
        return 0;
    while (*rest == ' ')
        rest++;
    if (rest[0] >= '1' && rest[0] <= '9' && !rest[1])
        return rest[0] - '0' > 6 ? 6 : rest[0] - '0';
    return 0;
}

/* Heading levels of the styles in styles.xml. */
static void
load_styles(docx_t *d, const zip_part_t *part)
{
    if (!part)
        return;
    xmlDoc *doc =
        xmlReadMemory(part->data, (int)part->len, NULL, NULL, XML_OPTS);
    if (!doc)
        return;
    xmlNode *root = xmlDocGetRootElement(doc);
    for (xmlNode *s = root ? root->children : NULL; s; s = s->next) {
        if (!is_w(s, "style"))
            continue;
        char *id = NULL;
        for (xmlAttr *a = s->properties; a; a = a->next)
            if (!strcmp((const char *)a->name, "styleId") && a->children)
                id = (char *)a->children->content;
        int level = 0;
        for (xmlNode *c = s->children; c; c = c->next) {
            char *v = NULL;
            if (is_w(c, "name") && (v = val_of(c)) && !level)
                level = level_of_name(v);
            else if (is_w(c, "pPr"))
                for (xmlNode *p = c->children; p; p = p->next)
                    if (is_w(p, "outlineLvl") && (v = val_of(p)) && !level &&
                        v[0] >= '0' && v[0] <= '5' && !v[1])
                        level = v[0] - '0' + 1;
            xmlFree(v);
        }
        if (!id || !level)
            continue;
        style_t *ns = realloc(d->styles, (d->n_styles + 1) * sizeof *ns);
        if (!ns)
            break;
        d->styles = ns;
        if ((ns[d->n_styles].id = strdup(id)))
            ns[d->n_styles++].level = level;
    }
    xmlFreeDoc(doc);
}

static int
style_level(const docx_t *d, const char *id)
{
    for (size_t i = 0; i < d->n_styles; i++)
        if (!strcmp(d->styles[i].id, id))
            return d->styles[i].level;
    return level_of_name(id);
}

static void walk_block(docx_t *d, xmlNode *n, int depth);

/* The text inside a run or a paragraph's descendants. */
static void
walk_inline(docx_t *d, xmlNode *n, int depth)
{
    for (; n && !d->over; n = n->next) {
        if (++d->nodes > IVS_READER_MAX_NODES || depth > IVS_READER_MAX_DEPTH) {
            d->over = 1;
            return;
        }
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (is_w(n, "t")) {
            if (n->children && n->children->content) {
                const char *t = (const char *)n->children->content;
                out_raw(d->o, t, strlen(t));
            }
        } else if (is_w(n, "tab")) {
            out_raw(d->o, "\t", 1);
        } else if (is_w(n, "br") || is_w(n, "cr")) {
            out_raw(d->o, d->in_cell ? " " : "\n", 1);
        } else if (!is_w(n, "instrText") && !is_w(n, "delText") &&
                   !is_w(n, "pPr") && !is_w(n, "rPr")) {
            /* not field codes, deleted text or properties */
            walk_inline(d, n->children, depth + 1);
        }
    }
}

/* A paragraph: "# " heading, "- " list item, or plain. */
static void
walk_paragraph(docx_t *d, xmlNode *p, int depth)
{
    int level = 0, list = 0;
    for (xmlNode *c = p->children; c; c = c->next) {
        if (!is_w(c, "pPr"))
            continue;
        for (xmlNode *q = c->children; q; q = q->next) {
            char *v = NULL;
            if (is_w(q, "pStyle") && (v = val_of(q)))
                level = style_level(d, v);
            else if (is_w(q, "outlineLvl") && (v = val_of(q)) && !level &&
                     v[0] >= '0' && v[0] <= '5' && !v[1])
                level = v[0] - '0' + 1;
            else if (is_w(q, "numPr"))
                list = 1;
            xmlFree(v);
        }
    }
    size_t start = d->o->n;
    if (d->in_cell) {
        if (start && d->o->s[start - 1] != ' ' && d->o->s[start - 1] != '|' &&
            d->o->s[start - 1] != '\n')
            out_raw(d->o, " ", 1);
        walk_inline(d, p->children, depth + 1);
        return;
    }
    if (level || !list)
        out_para(d->o);
    else
        out_line(d->o);
    start = d->o->n;
    static const char hashes[] = "###### ";
    if (level)
        out_raw(d->o, hashes + 6 - level, (size_t)level + 1);
    else if (list)
        out_raw(d->o, "- ", 2);
    size_t body = d->o->n;
    walk_inline(d, p->children, depth + 1);
    if (d->o->n == body && !d->o->full && !d->o->nomem)
        d->o->n = start; /* an empty paragraph leaves nothing */
    if (d->o->s)
        d->o->s[d->o->n] = '\0';
    if (level || !list)
        out_para(d->o);
    else
        out_line(d->o);
}

static void
walk_table(docx_t *d, xmlNode *tbl, int depth)
{
    out_para(d->o);
    for (xmlNode *tr = tbl->children; tr && !d->over; tr = tr->next) {
        if (!is_w(tr, "tr"))
            continue;
        int first = 1;
        for (xmlNode *tc = tr->children; tc; tc = tc->next) {
            if (!is_w(tc, "tc"))
                continue;
            if (!first)
                out_raw(d->o, " | ", 3);
            first = 0;
            d->in_cell++;
            walk_block(d, tc->children, depth + 2);
            d->in_cell--;
        }
        out_line(d->o);
    }
    out_para(d->o);
}

static void
walk_block(docx_t *d, xmlNode *n, int depth)
{
    for (; n && !d->over; n = n->next) {
        if (++d->nodes > IVS_READER_MAX_NODES || depth > IVS_READER_MAX_DEPTH) {
            d->over = 1;
            return;
        }
        if (is_w(n, "p"))
            walk_paragraph(d, n, depth);
        else if (is_w(n, "tbl"))
            walk_table(d, n, depth);
        else if (n->type == XML_ELEMENT_NODE && !is_w(n, "sectPr"))
            walk_block(d, n->children, depth + 1); /* body, sdt, footnote */
    }
}

/* The parts that carry text (and the styles). */
static int
want_part(const char *name)
{
    return !strcmp(name, "word/document.xml") ||
           !strcmp(name, "word/styles.xml") ||
           !strcmp(name, "word/footnotes.xml") ||
           !strcmp(name, "word/endnotes.xml") ||
           (!strncmp(name, "word/header", 11) && !strchr(name + 5, '/')) ||
           (!strncmp(name, "word/footer", 11) && !strchr(name + 5, '/'));
}

static ivs_status_t
read_part(docx_t *d, const zip_part_t *part, const char **reason)
{
    if (part->len > (size_t)INT32_MAX) {
        *reason = "XML part larger than 64 MiB";
        return IVS_ERR_TOOBIG;
    }
    xmlDoc *doc =
        xmlReadMemory(part->data, (int)part->len, NULL, NULL, XML_OPTS);
    if (!doc) {
        *reason = "malformed XML in the .docx";
        return IVS_ERR_INPUT;
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    if (root)
        walk_block(d, root->children, 1);
    out_para(d->o);
    xmlFreeDoc(doc);
    if (d->over) {
        *reason = "XML nested too deep or too many elements";
        return IVS_ERR_TOOBIG;
    }
    return IVS_OK;
}

static int
by_kind(const char *name, const char *kind)
{
    return !strncmp(name, kind, strlen(kind));
}

ivs_status_t
read_docx(const char *bytes, size_t len, outbuf_t *o, const char **reason)
{
    zip_parts_t parts;
    ivs_status_t st = zip_parts_read(bytes, len, want_part, &parts, reason);
    if (st != IVS_OK)
        return st;
    const zip_part_t *body = zip_parts_get(&parts, "word/document.xml");
    if (!body) {
        zip_parts_free(&parts);
        *reason = "docx without word/document.xml";
        return IVS_ERR_INPUT;
    }
    docx_t d = {.o = o};
    load_styles(&d, zip_parts_get(&parts, "word/styles.xml"));
    /* the body first: its first heading is the interview's title */
    static const char *const order[] = {
        "word/document.xml", "word/footnotes.xml", "word/endnotes.xml",
        "word/header", "word/footer"};
    for (size_t k = 0; k < 5 && st == IVS_OK; k++)
        for (size_t i = 0; i < parts.n && st == IVS_OK; i++)
            if (by_kind(parts.v[i].name, order[k]))
                st = read_part(&d, &parts.v[i], reason);
    for (size_t i = 0; i < d.n_styles; i++)
        free(d.styles[i].id);
    free(d.styles);
    zip_parts_free(&parts);
    return st;
}

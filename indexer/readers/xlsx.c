/* .xlsx (see ivs/readers.h): a zip of XML parts. The cells of the first
 * worksheet (the lowest xl/worksheets/sheetN.xml), strings resolved
 * through xl/sharedStrings.xml, become table rows; numbers (dates too)
 * are kept as Excel stores them. */
#define _GNU_SOURCE
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readers_internal.h"

#define XML_OPTS                                                 \
    (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | \
     XML_PARSE_COMPACT)

typedef struct {
    char **v;
    size_t n;
    size_t nodes;
} strings_t;

static int
is_el(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static const char *
attr(const xmlNode *n, const char *name)
{
    for (xmlAttr *a = n->properties; a; a = a->next)
        if (!strcmp((const char *)a->name, name) && a->children)
            return (const char *)a->children->content;
    return NULL;
}

/* The text of the <t> elements under N (a shared string or an inline
 * one; rich text runs joined, phonetic runs left out), appended to O. */
static void
text_of(const xmlNode *n, outbuf_t *o, size_t *nodes, int depth)
{
    for (; n && depth < IVS_READER_MAX_DEPTH; n = n->next) {
        if (++*nodes > IVS_READER_MAX_NODES)
            return;
        if (is_el(n, "t") && n->children && n->children->content)
            out_raw(o, (const char *)n->children->content,
                    strlen((const char *)n->children->content));
        else if (n->type == XML_ELEMENT_NODE && !is_el(n, "rPh"))
            text_of(n->children, o, nodes, depth + 1);
    }
}

static char *
take(outbuf_t *o)
{
    char *s = o->s ? o->s : strdup("");
    *o = (outbuf_t){0};
    return s;
}

static ivs_status_t
load_strings(const zip_part_t *part, strings_t *ss, const char **reason)
{
    if (!part)
        return IVS_OK;
    xmlDoc *doc =
        xmlReadMemory(part->data, (int)part->len, NULL, NULL, XML_OPTS);
    if (!doc) {
        *reason = "malformed XML in the .xlsx";
        return IVS_ERR_INPUT;
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    size_t count = 0;
    for (xmlNode *si = root ? root->children : NULL; si; si = si->next)
        count += is_el(si, "si");
    ss->v = calloc(count + 1, sizeof *ss->v);
    ivs_status_t st = ss->v ? IVS_OK : IVS_ERR_NOMEM;
    for (xmlNode *si = root ? root->children : NULL; si && st == IVS_OK;
         si = si->next) {
        if (!is_el(si, "si"))
            continue;
        outbuf_t o = {0};
        text_of(si->children, &o, &ss->nodes, 1);
        if (o.nomem || !(ss->v[ss->n] = take(&o)))
            st = IVS_ERR_NOMEM;
        else
            ss->n++;
    }
    xmlFreeDoc(doc);
    if (st != IVS_OK)
        *reason = "out of memory";
    return st;
}

/* Column index of a cell reference ("C12" → 2), or -1. */
static long
column_of(const char *ref)
{
    long c = 0;
    int any = 0;
    for (; ref && *ref >= 'A' && *ref <= 'Z'; ref++, any = 1) {
        c = c * 26 + (*ref - 'A' + 1);
        if (c > 16384)
            return -1;
    }
    return any ? c - 1 : -1;
}

/* One <row> into T. */
static int
one_row(xmlNode *row, const strings_t *ss, table_t *t, size_t *nodes)
{
    size_t n = 0, cap = 0;
    char **cells = NULL;
    for (xmlNode *c = row->children; c; c = c->next) {
        if (!is_el(c, "c"))
            continue;
        long col = column_of(attr(c, "r"));
        size_t at = col >= 0 ? (size_t)col : n;
        if (at >= 16384)
            continue;
        if (at >= cap) {
            size_t nc = cap ? cap : 16;
            while (nc <= at)
                nc *= 2;
            char **v = realloc(cells, nc * sizeof *v);
            if (!v)
                goto nomem;
            memset(v + cap, 0, (nc - cap) * sizeof *v);
            cells = v;
            cap = nc;
        }
        const char *type = attr(c, "t");
        outbuf_t o = {0};
        for (xmlNode *v = c->children; v; v = v->next) {
            const char *val = is_el(v, "v") && v->children
                                  ? (const char *)v->children->content
                                  : NULL;
            if (type && !strcmp(type, "s") && val) {
                long k = strtol(val, NULL, 10);
                if (k >= 0 && (size_t)k < ss->n)
                    out_raw(&o, ss->v[k], strlen(ss->v[k]));
            } else if (type && !strcmp(type, "inlineStr") && is_el(v, "is")) {
                text_of(v->children, &o, nodes, 1);
            } else if (val) {
                out_raw(&o, val, strlen(val));
            }
        }
        if (o.nomem)
            goto nomem;
        free(cells[at]);
        cells[at] = take(&o);
        if (!cells[at])
            goto nomem;
        if (at + 1 > n)
            n = at + 1;
    }
    for (size_t i = 0; i < n; i++)
        if (!cells[i] && !(cells[i] = strdup("")))
            goto nomem;
    if (!n) {
        free(cells);
        return 0;
    }
    return table_add(t, cells, n, t->n + 1);
nomem:
    for (size_t i = 0; i < cap; i++)
        free(cells[i]);
    free(cells);
    return -1;
}

static ivs_status_t
read_sheet(const zip_part_t *part, const strings_t *ss, table_t *t,
           const char **reason)
{
    xmlDoc *doc =
        xmlReadMemory(part->data, (int)part->len, NULL, NULL, XML_OPTS);
    if (!doc) {
        *reason = "malformed XML in the .xlsx";
        return IVS_ERR_INPUT;
    }
    ivs_status_t st = IVS_OK;
    size_t nodes = 0;
    xmlNode *root = xmlDocGetRootElement(doc);
    for (xmlNode *d = root ? root->children : NULL; d; d = d->next) {
        if (!is_el(d, "sheetData"))
            continue;
        for (xmlNode *r = d->children; r && st == IVS_OK; r = r->next)
            if (is_el(r, "row") && one_row(r, ss, t, &nodes) < 0) {
                *reason = "out of memory";
                st = IVS_ERR_NOMEM;
            }
    }
    xmlFreeDoc(doc);
    return st;
}

static int
want_part(const char *name)
{
    return !strcmp(name, "xl/sharedStrings.xml") ||
           (!strncmp(name, "xl/worksheets/sheet", 19) &&
            !strchr(name + 14, '/'));
}

/* Sheets in the order of their number (sheet2 before sheet10). */
static int
cmp_sheets(const void *a, const void *b)
{
    const zip_part_t *x = *(const zip_part_t *const *)a;
    const zip_part_t *y = *(const zip_part_t *const *)b;
    long nx = strtol(x->name + 19, NULL, 10),
         ny = strtol(y->name + 19, NULL, 10);
    return (nx > ny) - (nx < ny);
}

ivs_status_t
read_xlsx(const char *bytes, size_t len, table_t *t, const char **reason)
{
    zip_parts_t parts;
    ivs_status_t st = zip_parts_read(bytes, len, want_part, &parts, reason);
    if (st != IVS_OK)
        return st;
    strings_t ss = {0};
    st = load_strings(zip_parts_get(&parts, "xl/sharedStrings.xml"), &ss,
                      reason);
    const zip_part_t **sheets = calloc(parts.n + 1, sizeof *sheets);
    size_t n = 0;
    for (size_t i = 0; sheets && i < parts.n; i++)
        if (strcmp(parts.v[i].name, "xl/sharedStrings.xml"))
            sheets[n++] = &parts.v[i];
    if (st == IVS_OK && !sheets) {
        *reason = "out of memory";
        st = IVS_ERR_NOMEM;
    }
    if (st == IVS_OK && !n) {
        *reason = "xlsx without worksheets";
        st = IVS_ERR_INPUT;
    }
    if (n > 1)
        qsort(sheets, n, sizeof *sheets, cmp_sheets);
    /* the first worksheet is the export; others (pivots, lists of
     * values) are not interviews */
    if (st == IVS_OK)
        st = read_sheet(sheets[0], &ss, t, reason);
    free(sheets);
    for (size_t i = 0; i < ss.n; i++)
        free(ss.v[i]);
    free(ss.v);
    zip_parts_free(&parts);
    return st;
}

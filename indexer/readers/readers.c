/* The readers' front (see ivs/readers.h): kinds by name, the output
 * buffer, the column names of ATS exports, ivs_reader_convert. */
#define _GNU_SOURCE
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "readers_internal.h"

static int
ends_with(const char *name, const char *ext)
{
    size_t n = strlen(name), e = strlen(ext);
    return n > e && !strcasecmp(name + n - e, ext);
}

ivs_kind_t
ivs_reader_kind(const char *name)
{
    const char *slash = strrchr(name, '/');
    const char *base = slash ? slash + 1 : name;
    static const struct {
        const char *ext;
        ivs_kind_t kind;
    } table[] = {
        {".txt", IVS_KIND_NOTE},         {".md", IVS_KIND_NOTE},
        {".markdown", IVS_KIND_NOTE},    {".text", IVS_KIND_NOTE},
        {".docx", IVS_KIND_DOCX},        {".html", IVS_KIND_HTML},
        {".htm", IVS_KIND_HTML},         {".xhtml", IVS_KIND_HTML},
        {".pdf", IVS_KIND_PDF},          {".csv", IVS_KIND_CSV},
        {".tsv", IVS_KIND_TSV},          {".xlsx", IVS_KIND_XLSX},
        {".zip", IVS_KIND_CONTAINER},    {".tar", IVS_KIND_CONTAINER},
        {".tar.gz", IVS_KIND_CONTAINER}, {".tgz", IVS_KIND_CONTAINER},
        {".tar.xz", IVS_KIND_CONTAINER}, {".txz", IVS_KIND_CONTAINER},
        {".7z", IVS_KIND_CONTAINER},
    };
    if (base[0] == '.' || base[0] == '~')
        return IVS_KIND_NONE; /* hidden, or Office's lock files ~$a.docx */
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (ends_with(base, table[i].ext))
            return table[i].kind;
    return IVS_KIND_NONE;
}

/* ---- output -------------------------------------------------------------- */

void
out_raw(outbuf_t *o, const char *s, size_t len)
{
    if (o->full || o->nomem || !len)
        return;
    if (o->n + len + 1 > IVS_READER_MAX_TEXT) {
        o->full = 1;
        return;
    }
    if (o->n + len + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 4096;
        while (cap < o->n + len + 1)
            cap *= 2;
        char *p = realloc(o->s, cap);
        if (!p) {
            o->nomem = 1;
            return;
        }
        o->s = p;
        o->cap = cap;
    }
    memcpy(o->s + o->n, s, len);
    o->n += len;
    o->s[o->n] = '\0';
}

static int
at_line_start(const outbuf_t *o)
{
    return o->n == 0 || o->s[o->n - 1] == '\n';
}

void
out_text(outbuf_t *o, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t sp = 0;
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
            c == '\v')
            sp = 1;
        else if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0)
            sp = 2; /* no-break space */
        if (sp) {
            o->pending_space = 1;
            i += sp;
            continue;
        }
        size_t j = i;
        while (j < len && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' &&
               s[j] != '\r' && s[j] != '\f' && s[j] != '\v' &&
               !((unsigned char)s[j] == 0xC2 && j + 1 < len &&
                 (unsigned char)s[j + 1] == 0xA0))
            j++;
        if (o->pending_space && !at_line_start(o))
            out_raw(o, " ", 1);
        o->pending_space = 0;
        out_raw(o, s + i, j - i);
        i = j;
    }
}

void
out_line(outbuf_t *o)
{
    o->pending_space = 0;
    if (!at_line_start(o))
        out_raw(o, "\n", 1);
}

void
out_para(outbuf_t *o)
{
    out_line(o);
    if (o->n >= 2 && o->s[o->n - 2] != '\n')
        out_raw(o, "\n", 1);
}

ivs_status_t
out_finish(outbuf_t *o, char **text, size_t *len, const char **reason)
{
    *text = NULL;
    *len = 0;
    if (o->nomem || o->full) {
        free(o->s);
        *o = (outbuf_t){0};
        *reason = o->nomem ? "out of memory" : "text larger than 64 MiB";
        return o->nomem ? IVS_ERR_NOMEM : IVS_ERR_TOOBIG;
    }
    if (!o->s) {
        o->s = strdup("");
        if (!o->s) {
            *reason = "out of memory";
            return IVS_ERR_NOMEM;
        }
    }
    *text = o->s;
    *len = o->n;
    *o = (outbuf_t){0};
    return IVS_OK;
}

/* ---- encodings ----------------------------------------------------------- */

int
utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        size_t k;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            k = 1;
        else if ((c & 0xF0) == 0xE0)
            k = 2;
        else if (c >= 0xF0 && c <= 0xF4)
            k = 3;
        else
            return 0;
        if (n - i <= k)
            return 0;
        for (size_t j = 1; j <= k; j++)
            if ((p[i + j] & 0xC0) != 0x80)
                return 0;
        i += k + 1;
    }
    return 1;
}

char *
gb18030_to_utf8(const char *s, size_t n)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = n * 2 + 1, left = cap - 1, in_left = n;
    char *out = malloc(cap), *w = out;
    char *in = (char *)s;
    if (out && iconv(cd, &in, &in_left, &w, &left) == (size_t)-1) {
        free(out);
        out = NULL;
    }
    iconv_close(cd);
    if (out)
        *w = '\0';
    return out;
}

/* ---- column names -------------------------------------------------------- */

typedef struct {
    char *header;
    ivs_column_t col;
} map_entry_t;

struct ivs_csvmap {
    map_entry_t *v;
    size_t n;
};

static const struct {
    const char *name;
    ivs_column_t col;
} field_names[] = {
    {"candidate", IVS_COL_CANDIDATE}, {"role", IVS_COL_ROLE},
    {"round", IVS_COL_ROUND},         {"interviewer", IVS_COL_INTERVIEWER},
    {"date", IVS_COL_DATE},           {"result", IVS_COL_RESULT},
    {"feedback", IVS_COL_FEEDBACK},   {"other", IVS_COL_OTHER},
    {"skip", IVS_COL_SKIP},
};

/* The built-in headers, compared without ASCII case. */
static const struct {
    const char *header;
    ivs_column_t col;
} known_headers[] = {
    {"候选人", IVS_COL_CANDIDATE},
    {"姓名", IVS_COL_CANDIDATE},
    {"候选人姓名", IVS_COL_CANDIDATE},
    {"应聘者", IVS_COL_CANDIDATE},
    {"candidate", IVS_COL_CANDIDATE},
    {"candidate name", IVS_COL_CANDIDATE},
    {"name", IVS_COL_CANDIDATE},
    {"职位", IVS_COL_ROLE},
    {"岗位", IVS_COL_ROLE},
    {"应聘职位", IVS_COL_ROLE},
    {"应聘岗位", IVS_COL_ROLE},
    {"职位名称", IVS_COL_ROLE},
    {"position", IVS_COL_ROLE},
    {"role", IVS_COL_ROLE},
    {"job", IVS_COL_ROLE},
    {"job title", IVS_COL_ROLE},
    {"面试官", IVS_COL_INTERVIEWER},
    {"interviewer", IVS_COL_INTERVIEWER},
    {"轮次", IVS_COL_ROUND},
    {"面试轮次", IVS_COL_ROUND},
    {"round", IVS_COL_ROUND},
    {"stage", IVS_COL_ROUND},
    {"interview stage", IVS_COL_ROUND},
    {"面试时间", IVS_COL_DATE},
    {"面试日期", IVS_COL_DATE},
    {"日期", IVS_COL_DATE},
    {"时间", IVS_COL_DATE},
    {"date", IVS_COL_DATE},
    {"interview date", IVS_COL_DATE},
    {"结果", IVS_COL_RESULT},
    {"结论", IVS_COL_RESULT},
    {"推荐", IVS_COL_RESULT},
    {"面试结果", IVS_COL_RESULT},
    {"面试结论", IVS_COL_RESULT},
    {"result", IVS_COL_RESULT},
    {"recommendation", IVS_COL_RESULT},
    {"decision", IVS_COL_RESULT},
    {"outcome", IVS_COL_RESULT},
    {"评价", IVS_COL_FEEDBACK},
    {"反馈", IVS_COL_FEEDBACK},
    {"面评", IVS_COL_FEEDBACK},
    {"备注", IVS_COL_FEEDBACK},
    {"面试评价", IVS_COL_FEEDBACK},
    {"面试反馈", IVS_COL_FEEDBACK},
    {"feedback", IVS_COL_FEEDBACK},
    {"comments", IVS_COL_FEEDBACK},
    {"comment", IVS_COL_FEEDBACK},
    {"notes", IVS_COL_FEEDBACK},
    {"scorecard", IVS_COL_FEEDBACK},
};

/* S[0..*LEN) without surrounding ASCII spaces (and a UTF-8 BOM). */
static const char *
trim(const char *s, size_t *len)
{
    size_t n = *len;
    if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
        s += 3;
        n -= 3;
    }
    while (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
                 s[n - 1] == '\n'))
        n--;
    *len = n;
    return s;
}

ivs_column_t
ivs_csvmap_column(const ivs_csvmap_t *map, const char *header, size_t len)
{
    header = trim(header, &len);
    for (size_t i = 0; map && i < map->n; i++)
        if (strlen(map->v[i].header) == len &&
            !strncasecmp(map->v[i].header, header, len))
            return map->v[i].col;
    for (size_t i = 0; i < sizeof known_headers / sizeof *known_headers; i++)
        if (strlen(known_headers[i].header) == len &&
            !strncasecmp(known_headers[i].header, header, len))
            return known_headers[i].col;
    return IVS_COL_OTHER;
}

/* Parses one line "Header = field" of a mapping file into MAP. 0, 1 for a
 * bad line, -1 when out of memory. */
static int
map_line(ivs_csvmap_t *map, char *line)
{
    size_t len = strlen(line);
    const char *t = trim(line, &len);
    if (!len || *t == '#')
        return 0;
    const char *eq = memchr(t, '=', len);
    if (!eq)
        return 1;
    size_t hl = (size_t)(eq - t), fl = len - hl - 1;
    const char *h = trim(t, &hl), *f = trim(eq + 1, &fl);
    if (!hl)
        return 1;
    for (size_t i = 0; i < sizeof field_names / sizeof *field_names; i++) {
        if (strlen(field_names[i].name) != fl ||
            strncasecmp(field_names[i].name, f, fl))
            continue;
        map_entry_t *v = realloc(map->v, (map->n + 1) * sizeof *v);
        if (!v)
            return -1;
        map->v = v;
        if (!(v[map->n].header = strndup(h, hl)))
            return -1;
        v[map->n++].col = field_names[i].col;
        return 0;
    }
    return 1;
}

ivs_status_t
ivs_csvmap_load(const char *path, ivs_csvmap_t **out, size_t *line)
{
    *out = NULL;
    *line = 0;
    FILE *f = fopen(path, "re");
    if (!f)
        return IVS_ERR_IO;
    ivs_csvmap_t *map = calloc(1, sizeof *map);
    char *buf = NULL;
    size_t cap = 0;
    ivs_status_t st = map ? IVS_OK : IVS_ERR_NOMEM;
    while (st == IVS_OK && getline(&buf, &cap, f) >= 0) {
        (*line)++;
        int rc = map_line(map, buf);
        st = rc < 0 ? IVS_ERR_NOMEM : rc ? IVS_ERR_INPUT : IVS_OK;
    }
    if (st == IVS_OK && ferror(f))
        st = IVS_ERR_IO;
    free(buf);
    fclose(f);
    if (st != IVS_OK) {
        ivs_csvmap_free(map);
        return st;
    }
    *line = 0;
    *out = map;
    return IVS_OK;
}

void
ivs_csvmap_free(ivs_csvmap_t *map)
{
    if (!map)
        return;
    for (size_t i = 0; i < map->n; i++)
        free(map->v[i].header);
    free(map->v);
    free(map);
}

/* ---- converting ---------------------------------------------------------- */

/* Replaces what is not UTF-8 in O by U+FFFD: libxml2 passes bytes through
 * from a page whose declared charset does not match its bytes, and
 * pdftotext may print anything. */
static void
scrub_utf8(outbuf_t *o)
{
    if (!o->s || utf8_valid(o->s, o->n))
        return;
    outbuf_t clean = {0};
    size_t i = 0;
    while (i < o->n) {
        size_t j = i;
        while (j < o->n && (unsigned char)o->s[j] < 0x80)
            j++;
        out_raw(&clean, o->s + i, j - i);
        if (j >= o->n)
            break;
        unsigned char c = (unsigned char)o->s[j];
        size_t k = c >= 0xC2 && c <= 0xDF   ? 2
                   : (c & 0xF0) == 0xE0     ? 3
                   : c >= 0xF0 && c <= 0xF4 ? 4
                                            : 1;
        if (k == 1 || j + k > o->n || !utf8_valid(o->s + j, k)) {
            out_raw(&clean, "\xEF\xBF\xBD", 3);
            i = j + 1;
        } else {
            out_raw(&clean, o->s + j, k);
            i = j + k;
        }
    }
    free(o->s);
    *o = clean;
}

ivs_status_t
ivs_reader_convert(ivs_kind_t kind, const char *bytes, size_t len,
                   const ivs_reader_opts_t *o, char **text, size_t *text_len,
                   const char **reason)
{
    static const ivs_reader_opts_t none = {0};
    if (!o)
        o = &none;
    *text = NULL;
    *text_len = 0;
    *reason = NULL;
    outbuf_t out = {0};
    table_t table = {0};
    ivs_status_t st;
    switch (kind) {
    case IVS_KIND_DOCX: st = read_docx(bytes, len, &out, reason); break;
    case IVS_KIND_HTML: st = read_html(bytes, len, &out, reason); break;
    case IVS_KIND_PDF:
        st = read_pdf(bytes, len, o->pdftotext,
                      o->pdf_seconds > 0 ? o->pdf_seconds : IVS_PDF_MAX_SECONDS,
                      &out, reason);
        break;
    case IVS_KIND_CSV:
    case IVS_KIND_TSV:
    case IVS_KIND_XLSX:
        st = kind == IVS_KIND_XLSX
                 ? read_xlsx(bytes, len, &table, reason)
                 : read_csv(bytes, len, kind == IVS_KIND_CSV ? ',' : '\t', o,
                            &table, reason);
        if (st == IVS_OK)
            table_to_text(&table, o->csv_map, &out);
        table_free(&table);
        break;
    default: *reason = "not a converted format"; return IVS_ERR_INPUT;
    }
    if (st != IVS_OK) {
        free(out.s);
        if (!*reason)
            *reason = ivs_status_str(st);
        return st;
    }
    scrub_utf8(&out);
    return out_finish(&out, text, text_len, reason);
}

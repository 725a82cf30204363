/* ATS exports (see ivs/readers.h): CSV and TSV rows (RFC 4180 quoting,
 * cells over several lines, broken rows reported by line and skipped)
 * and the table rows of any source turned into one "面试记录" block per
 * interview, with the labels the record parser knows (候选人：, 应聘岗位：,
 * 轮次：, 面试官：, 面试时间：, 评价：, 结论：). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "readers_internal.h"

/* A quoted cell may run over at most this many lines or bytes: past that
 * its quote is taken as unclosed, so a stray quote costs one row, not the
 * rest of the file (and the re-reading stays linear). */
#define MAX_CELL_LINES 1000
#define MAX_CELL_BYTES ((size_t)1 << 20)

int
table_add(table_t *t, char **cells, size_t n, size_t line)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        table_row_t *r = realloc(t->rows, cap * sizeof *r);
        if (!r) {
            for (size_t i = 0; i < n; i++)
                free(cells[i]);
            free(cells);
            return -1;
        }
        t->rows = r;
        t->cap = cap;
    }
    t->rows[t->n++] = (table_row_t){cells, n, line};
    return 0;
}

void
table_free(table_t *t)
{
    for (size_t r = 0; r < t->n; r++) {
        for (size_t i = 0; i < t->rows[r].n; i++)
            free(t->rows[r].cells[i]);
        free(t->rows[r].cells);
    }
    free(t->rows);
    *t = (table_t){0};
}

/* ---- CSV ----------------------------------------------------------------- */

typedef struct {
    char *s;
    size_t n, cap;
} cell_t;

static int
cell_put(cell_t *c, char ch)
{
    if (c->n + 2 > c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        char *p = realloc(c->s, cap);
        if (!p)
            return -1;
        c->s = p;
        c->cap = cap;
    }
    c->s[c->n++] = ch;
    c->s[c->n] = '\0';
    return 0;
}

/* One row from S[*POS..LEN) into *CELLS and *N; *POS moves past it and *LINE
 * counts the lines it spans. 0; 1 for broken quoting (*WHY says how;
 * *POS then at the start of the row's second line); -1 out of memory. */
static int
csv_row(const char *s, size_t len, char sep, size_t *pos, size_t *line,
        char ***cells, size_t *n, const char **why)
{
    size_t i = *pos, start_line = *line, cap = 0;
    cell_t c = {0};
    int quoted = 0, after_quote = 0, rc = 0;
    size_t lines = 0, first_break = len;
    *cells = NULL;
    *n = 0;
    for (;;) {
        int end_row = i >= len, end_cell = end_row;
        char ch = end_row ? 0 : s[i];
        if (!end_row && quoted) {
            if (ch == '"' && i + 1 < len && s[i + 1] == '"') {
                rc = cell_put(&c, '"');
                i += 2;
            } else if (ch == '"') {
                quoted = 0;
                after_quote = 1;
                i++;
            } else {
                if (ch == '\n' && ++lines && first_break == len)
                    first_break = i + 1;
                if (lines > MAX_CELL_LINES || c.n > MAX_CELL_BYTES) {
                    *why = "quoted cell never closed";
                    rc = 1;
                } else {
                    rc = cell_put(&c, ch);
                }
                i++;
            }
            if (rc)
                break;
            continue;
        }
        if (!end_row && quoted == 0 && ch == '"' && c.n == 0 && !after_quote) {
            quoted = 1;
            i++;
            continue;
        }
        if (end_row && quoted) {
            *why = "quoted cell never closed";
            rc = 1;
            break;
        }
        if (!end_row && (ch == sep || ch == '\n' || ch == '\r')) {
            end_cell = 1;
            end_row = ch != sep;
        } else if (!end_row && after_quote) {
            *why = "text after a closing quote";
            rc = 1;
            break;
        } else if (!end_row) {
            if ((rc = cell_put(&c, ch)))
                break;
            i++;
            continue;
        }
        if (end_cell) {
            if (*n == cap) {
                size_t nc = cap ? cap * 2 : 16;
                char **v = realloc(*cells, nc * sizeof *v);
                if (!v) {
                    rc = -1;
                    break;
                }
                *cells = v;
                cap = nc;
            }
            (*cells)[(*n)++] = c.s ? c.s : strdup("");
            if (!(*cells)[*n - 1]) {
                rc = -1;
                break;
            }
            c = (cell_t){0};
            after_quote = 0;
            if (i < len && s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
                i++;
            if (i < len)
                i++;
            if (end_row)
                break;
        }
    }
    free(c.s);
    *line = start_line + lines + 1;
    if (rc) {
        for (size_t k = 0; k < *n; k++)
            free((*cells)[k]);
        free(*cells);
        *cells = NULL;
        *n = 0;
        if (rc == 1) { /* resume on the next line of the broken row */
            size_t j = *pos;
            while (j < len && s[j] != '\n')
                j++;
            *pos = j < len ? j + 1 : len;
            *line = start_line + 1;
            return 1;
        }
        return -1;
    }
    *pos = i;
    return 0;
}

ivs_status_t
read_csv(const char *bytes, size_t len, char sep, const ivs_reader_opts_t *opts,
         table_t *t, const char **reason)
{
    size_t pos = 0, line = 1;
    if (len >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3))
        pos = 3;
    while (pos < len) {
        char **cells;
        size_t n, at = line;
        const char *why = NULL;
        int rc = csv_row(bytes, len, sep, &pos, &line, &cells, &n, &why);
        if (rc < 0) {
            *reason = "out of memory";
            return IVS_ERR_NOMEM;
        }
        if (rc > 0) {
            if (opts->warn) {
                char msg[128];
                snprintf(msg, sizeof msg,
                         "line %zu: broken quoting (%s), row skipped", at, why);
                opts->warn(opts->ctx, msg);
            }
            continue;
        }
        if (table_add(t, cells, n, at) < 0) {
            *reason = "out of memory";
            return IVS_ERR_NOMEM;
        }
    }
    return IVS_OK;
}

/* ---- rows to interviews -------------------------------------------------- */

static int
blank(const char *s)
{
    size_t n = strlen(s);
    while (n && strchr(" \t\r\n", s[n - 1]))
        n--;
    while (n && strchr(" \t\r\n", *s)) {
        s++;
        n--;
    }
    return n == 0;
}

/* Writes "LABEL：value" for column C of ROW, when present; the value on one
 * line (its line ends as spaces). */
static void
put_field(outbuf_t *o, const char *label, const table_row_t *row, long c)
{
    if (c < 0 || (size_t)c >= row->n || blank(row->cells[c]))
        return;
    out_raw(o, label, strlen(label));
    out_raw(o, "：", 3);
    out_text(o, row->cells[c], strlen(row->cells[c]));
    out_line(o);
}

/* Whether line S (N bytes) could read as a line that opens an interview
 * ("面试记录", "## 面试内容：", "Interview 2", a "---" rule): the archive
 * parser would split the row's interview there. */
static int
opens_interview(const char *s, size_t n)
{
    static const char *const words[] = {"面试内容", "面试记录", "面试评价",
                                        "面试笔记", "面试纪要", "面试详情",
                                        "面试情况", "候选人",   "interview"};
    /* what out_text() drops at a line's start is skipped too (a cell
     * "\v面试记录" is written as the line 面试记录; found by fuzz_csv) */
    size_t i = 0;
    while (i < n) {
        if (s[i] && strchr(" \t\r\v\f#*>-_=+.0123456789", s[i]))
            i++;
        else if ((unsigned char)s[i] == 0xC2 && i + 1 < n &&
                 (unsigned char)s[i + 1] == 0xA0)
            i += 2; /* no-break space */
        else
            break;
    }
    if (i == n && n >= 3)
        return 1; /* a rule, or marks alone */
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
        size_t k = strlen(words[w]);
        if (n - i >= k && strncasecmp(s + i, words[w], k) == 0)
            return 1;
    }
    return 0;
}

/* Writes a multi-line cell as it is, lines trimmed of '\r', blank lines
 * kept as paragraph breaks. A line that could open an interview is
 * written after "LABEL：", so that one row stays one interview. */
static void
put_cell(outbuf_t *o, const char *cell, const char *label)
{
    const char *p = cell;
    int first = 1;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (!first && opens_interview(p, n)) {
            out_text(o, label, strlen(label));
            out_raw(o, "：", 3);
        }
        out_text(o, p, n);
        out_line(o);
        p += n + (e ? 1 : 0);
        first = 0;
    }
}

static void
one_row(outbuf_t *o, const table_t *t, size_t head, const ivs_column_t *cols,
        const long *first, const table_row_t *row)
{
    out_para(o);
    out_raw(o, "面试记录\n", strlen("面试记录\n"));
    put_field(o, "候选人", row, first[IVS_COL_CANDIDATE]);
    put_field(o, "应聘岗位", row, first[IVS_COL_ROLE]);
    put_field(o, "轮次", row, first[IVS_COL_ROUND]);
    put_field(o, "面试官", row, first[IVS_COL_INTERVIEWER]);
    put_field(o, "面试时间", row, first[IVS_COL_DATE]);
    out_para(o);
    out_raw(o, "评价：\n", strlen("评价：\n"));
    const table_row_t *h = &t->rows[head];
    for (size_t c = 0; c < row->n; c++) {
        if (blank(row->cells[c]))
            continue;
        if (cols[c] == IVS_COL_FEEDBACK) {
            if (opens_interview(row->cells[c], strcspn(row->cells[c], "\n")))
                out_raw(o, "评价：", strlen("评价："));
            put_cell(o, row->cells[c], "评价");
        } else if (cols[c] == IVS_COL_OTHER ||
                   (cols[c] != IVS_COL_SKIP && (long)c != first[cols[c]])) {
            const char *label =
                c < h->n && !blank(h->cells[c]) ? h->cells[c] : "其他";
            out_text(o, label, strlen(label));
            out_raw(o, "：", 3);
            put_cell(o, row->cells[c], label);
        }
    }
    if (first[IVS_COL_RESULT] >= 0 && (size_t)first[IVS_COL_RESULT] < row->n &&
        !blank(row->cells[first[IVS_COL_RESULT]])) {
        out_para(o);
        const char *r = row->cells[first[IVS_COL_RESULT]];
        out_raw(o, "结论：", strlen("结论："));
        out_text(o, r, strlen(r));
        out_line(o);
    }
}

void
table_to_text(const table_t *t, const ivs_csvmap_t *map, outbuf_t *o)
{
    size_t head = 0;
    while (head < t->n) {
        size_t k = 0;
        while (k < t->rows[head].n && blank(t->rows[head].cells[k]))
            k++;
        if (k < t->rows[head].n)
            break;
        head++;
    }
    if (head >= t->n)
        return;
    const table_row_t *h = &t->rows[head];
    ivs_column_t *cols = calloc(h->n + 1, sizeof *cols);
    if (!cols) {
        o->nomem = 1;
        return;
    }
    long first[IVS_COL_SKIP + 1];
    for (size_t f = 0; f <= IVS_COL_SKIP; f++)
        first[f] = -1;
    for (size_t c = 0; c < h->n; c++) {
        cols[c] = ivs_csvmap_column(map, h->cells[c], strlen(h->cells[c]));
        if (first[cols[c]] < 0)
            first[cols[c]] = (long)c;
    }
    for (size_t r = head + 1; r < t->n && !o->full && !o->nomem; r++) {
        const table_row_t *row = &t->rows[r];
        size_t filled = 0;
        for (size_t c = 0; c < row->n; c++)
            filled += !blank(row->cells[c]);
        if (!filled)
            continue;
        /* cells beyond the headers are shown as 其他 */
        ivs_column_t *wide = cols;
        if (row->n > h->n) {
            wide = calloc(row->n, sizeof *wide);
            if (!wide) {
                o->nomem = 1;
                break;
            }
            memcpy(wide, cols, h->n * sizeof *wide);
        }
        one_row(o, t, head, wide, first, row);
        if (wide != cols)
            free(wide);
    }
    free(cols);
}

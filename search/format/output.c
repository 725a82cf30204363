/* Presentation helpers for ivsearch's human output. */
#define _GNU_SOURCE
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <utf8proc.h>

#include "ivs/output.h"

int
ivs_json_print(FILE *f, const json_t *j)
{
    char *text =
        j ? json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(6)) : NULL;
    if (!text)
        return -1;
    /* jansson writes valid UTF-8 and escapes only C0 controls; the bytes
     * of DEL and the code points above can only stand inside strings,
     * where \uHHHH means the same character */
    for (const char *p = text; *p;) {
        unsigned char b = (unsigned char)*p;
        utf8proc_int32_t cp = b;
        utf8proc_ssize_t n = 1;
        if (b >= 0x80)
            n = utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &cp);
        if (n <= 0) {
            n = 1;
            cp = 0xFFFD;
        }
        if (cp == 0x7F || ivs_safe_hidden(cp))
            fprintf(f, "\\u%04x", (unsigned)cp);
        else
            fwrite(p, 1, (size_t)n, f);
        p += n;
    }
    fputc('\n', f);
    free(text);
    return 0;
}

void
ivs_colors_init(ivs_colors_t *c, int on)
{
    if (on)
        *c = (ivs_colors_t){"\033[1m",  "\033[2m",  "\033[1;31m", "\033[32m",
                            "\033[31m", "\033[33m", "\033[0m"};
    else
        *c = (ivs_colors_t){.bold = "",
                            .dim = "",
                            .hl = "",
                            .pass = "",
                            .fail = "",
                            .pending = "",
                            .reset = ""};
}

char *
ivs_display_path(const char *path)
{
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof cwd)) {
        size_t n = strlen(cwd);
        if (!strncmp(path, cwd, n) && path[n] == '/')
            return strdup(path + n + 1);
    }
    return strdup(path);
}

void
ivs_print_marked(FILE *f, const char *text, const ivs_span_t *spans,
                 size_t n_spans, const ivs_colors_t *c)
{
    int color = *c->hl != '\0';
    size_t ch = 0, si = 0, len = strlen(text);
    int open = 0;
    for (size_t i = 0; i < len; ch++) {
        if (open && si < n_spans && ch == spans[si].end) {
            fputs(color ? c->reset : "]", f);
            open = 0;
            si++;
        }
        if (!open && si < n_spans && ch == spans[si].start) {
            fputs(color ? c->hl : "[", f);
            open = 1;
        }
        i += ivs_safe_char(f, text + i, len - i, IVS_SAFE_LINE);
    }
    if (open)
        fputs(color ? c->reset : "]", f);
}

const char *
ivs_verdict_color(const ivs_colors_t *c, const char *verdict)
{
    if (!strcmp(verdict, "pass"))
        return c->pass;
    if (!strcmp(verdict, "fail"))
        return c->fail;
    if (!strcmp(verdict, "pending"))
        return c->pending;
    return c->dim;
}

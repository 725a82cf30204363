/* Presentation helpers for ivsearch's human output. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ivs/output.h"

void
ivs_colors_init(ivs_colors_t *c, int on)
{
    if (on)
        *c = (ivs_colors_t){"\033[1m",  "\033[2m",  "\033[1;31m", "\033[32m",
                            "\033[31m", "\033[33m", "\033[0m"};
    else
        *c = (ivs_colors_t){"", "", "", "", "", "", ""};
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
    size_t ch = 0, si = 0;
    int open = 0;
    for (const char *p = text; *p; p++) {
        int lead = ((unsigned char)*p & 0xC0) != 0x80;
        if (lead) {
            if (open && si < n_spans && ch == spans[si].end) {
                fputs(color ? c->reset : "]", f);
                open = 0;
                si++;
            }
            if (!open && si < n_spans && ch == spans[si].start) {
                fputs(color ? c->hl : "[", f);
                open = 1;
            }
            ch++;
        }
        fputc(*p, f);
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

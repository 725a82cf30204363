/* Text from data shown to a person without control sequences (see
 * ivs/safetext.h): used by both programs for everything they print. */
#define _GNU_SOURCE
#include "ivs/safetext.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <utf8proc.h>

/* Code points shown escaped: the C1 controls (U+009B is CSI on terminals
 * that read 8-bit controls), and the bidirectional controls that reorder
 * what a line seems to say. */
int
ivs_safe_hidden(int32_t cp)
{
    return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061C || cp == 0x200E ||
           cp == 0x200F;
}

size_t
ivs_safe_char(FILE *f, const char *s, size_t avail, int flags)
{
    unsigned char b = (unsigned char)*s;
    if (b < 0x80) {
        if (b >= 0x20 && b != 0x7F)
            fputc(b, f);
        else if ((b == '\n' || b == '\t') && (flags & IVS_SAFE_LINES))
            fputc(b, f);
        else if (b == '\n')
            fputs("\\n", f);
        else if (b == '\t')
            fputs("\\t", f);
        else if (b == '\r')
            fputs("\\r", f);
        else
            fprintf(f, "\\x%02x", b);
        return 1;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s,
                                          (utf8proc_ssize_t)avail, &cp);
    if (n <= 0) {
        fprintf(f, "\\x%02x", b);
        return 1;
    }
    if (ivs_safe_hidden(cp))
        fprintf(f, "\\u%04x", (unsigned)cp);
    else
        fwrite(s, 1, (size_t)n, f);
    return (size_t)n;
}

void
ivs_safe_write(FILE *f, const char *s, size_t len, int flags)
{
    for (size_t i = 0; i < len;)
        i += ivs_safe_char(f, s + i, len - i, flags);
}

char *
ivs_safe_text(const char *s, size_t len, int flags)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *m = open_memstream(&buf, &size);
    if (!m)
        return NULL;
    ivs_safe_write(m, s, len, flags);
    if (fclose(m) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

void
ivs_say(const char *prog, const char *fmt, ...)
{
    char *line = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s: ", prog);
    if (n >= 0)
        ivs_safe_write(stderr, line, (size_t)n, IVS_SAFE_LINE);
    else
        fputs("out of memory", stderr);
    fputc('\n', stderr);
    free(line);
}
